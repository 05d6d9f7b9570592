/* The EPUB backend's entry: gathers the book (chapters, metadata), has each
 * part written by its own file, and packs everything in a fixed order. */
#include "epub.h"

#include <stdlib.h>
#include <string.h>

#include "anchors.h"
#include "book.h"
#include "book/title.h"
#include "cover.h"
#include "doc/date.h"
#include "links.h"
#include "media.h"
#include "zip.h"

#define PACKAGE_DIR "EPUB/"

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"" PACKAGE_DIR "package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

static const char mimetype[] = "application/epub+zip";

/* Appends s to list unless it is there already. */
static void add_unique_str(arena *a, fstrlist *list, size_t *cap, const char *s)
{
    if (!s || !*s)
        return;
    for (size_t i = 0; i < list->n; i++) {
        if (strcmp(list->items[i], s) == 0)
            return;
    }
    if (list->n == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 8;
        const char **items = arena_alloc(a, new_cap * sizeof *items);
        if (list->n)
            memcpy(items, list->items, list->n * sizeof *items);
        list->items = items;
        *cap = new_cap;
    }
    list->items[list->n++] = s;
}

/* The newest front-matter date or lastmod of the issues, -1 when none. */
static int64_t newest_source_date(const epub_book *b)
{
    int64_t newest = -1;
    for (size_t i = 0; i < b->n; i++) {
        const fmeta *m = &b->chapters[i].doc->meta;
        int64_t d = fdate_to_epoch(&m->date), l = fdate_to_epoch(&m->lastmod);
        if (d > newest)
            newest = d;
        if (l > newest)
            newest = l;
    }
    return newest;
}

static int64_t modified_time(const epub_book *b)
{
    if (b->opt->source_date_epoch >= 0)
        return b->opt->source_date_epoch;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
        fdiag_warn(b->diag, "SOURCE_DATE_EPOCH", 0, 0, "not a number of seconds: %s", env);
    }
    int64_t newest = newest_source_date(b);
    return newest >= 0 ? newest : 0;
}

static void gather_metadata(epub_book *b, folio_doc *const *docs)
{
    const folio_render_options *o = b->opt;
    b->lang = b->chapters[0].doc->lang && *b->chapters[0].doc->lang ? b->chapters[0].doc->lang
                                                                      : "en";
    size_t cap_creators = 0, cap_subjects = 0;
    const fdate *newest = NULL;
    for (size_t i = 0; i < b->n; i++) {
        const fmeta *m = &b->chapters[i].doc->meta;
        for (size_t k = 0; k < m->authors.n; k++)
            add_unique_str(b->arena, &b->creators, &cap_creators, m->authors.items[k]);
        for (size_t k = 0; k < m->tags.n; k++)
            add_unique_str(b->arena, &b->subjects, &cap_subjects, m->tags.items[k]);
        if (m->date.valid) {
            if (!b->year_first || m->date.year < b->year_first)
                b->year_first = m->date.year;
            if (m->date.year > b->year_last)
                b->year_last = m->date.year;
            if (!newest || fdate_to_epoch(&m->date) > fdate_to_epoch(newest))
                newest = &m->date;
        }
    }
    if (newest)
        b->date = arena_printf(b->arena, "%04d-%02d-%02d", newest->year, newest->month,
                               newest->day);
    if (o->title && *o->title)
        b->title = o->title;
    else if (b->n == 1)
        b->title = b->chapters[0].title;
    else
        b->title = book_default_title(b->arena, docs, b->n, book_word(b->lang, W_ISSUES));
    b->publisher = o->publisher && *o->publisher ? o->publisher : b->style->publisher;
    b->modified = modified_time(b);
}

static void setup_chapters(epub_book *b, folio_doc *const *docs)
{
    int digits = b->n < 100 ? 2 : b->n < 1000 ? 3 : 6;
    for (size_t i = 0; i < b->n; i++) {
        epub_chapter *ch = &b->chapters[i];
        ch->doc = docs[i];
        ch->id = arena_printf(b->arena, "issue-%0*zu", digits, i + 1);
        ch->file = arena_printf(b->arena, "%s.xhtml", ch->id);
        epub_chapter_locate(b, ch);
        const char *title = docs[i]->meta.title;
        ch->title = title && *title ? title : ch->key ? ch->key : ch->id;
    }
    /* Every chapter's anchors are known before any is written, so links
     * between issues can be checked. */
    for (size_t i = 0; i < b->n; i++)
        epub_collect_anchors(b, &b->chapters[i]);
}

/* urn:uuid from a digest of what the book says, shaped as a version-5
 * UUID: the same sources give the same identifier. */
static void derive_uuid(epub_book *b)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)b->title, -1);
    g_checksum_update(sum, (const guchar *)b->lang, -1);
    for (size_t i = 0; i < b->n; i++)
        g_checksum_update(sum, (const guchar *)b->chapters[i].xhtml.data,
                          (gssize)b->chapters[i].xhtml.len);
    for (size_t i = 0; i < b->media.n; i++)
        g_checksum_update(sum, (const guchar *)b->media.v[i].sha256, 64);
    guint8 digest[32];
    gsize len = sizeof digest;
    g_checksum_get_digest(sum, digest, &len);
    g_checksum_free(sum);
    digest[6] = (guint8)((digest[6] & 0x0F) | 0x50);
    digest[8] = (guint8)((digest[8] & 0x3F) | 0x80);
    char *p = b->uuid;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        p += sprintf(p, "%02x", digest[i]);
    }
}

static void book_free(epub_book *b)
{
    for (size_t i = 0; b->chapters && i < b->n; i++) {
        buf_free(&b->chapters[i].xhtml);
        if (b->chapters[i].anchors)
            g_hash_table_destroy(b->chapters[i].anchors);
    }
    free(b->chapters);
    free(b->lookups);
    epub_items_free(&b->media);
    epub_items_free(&b->fonts);
    free(b->cover.data);
    arena_drop(b->arena);
}

/* Package files and chapters, in the order they go in the zip. */
typedef struct package {
    buf opf, nav, ncx, css, cover;
    epub_entry *entries;
    size_t n;
} package;

/* PNG, JPEG and GIF are compressed already: deflating them again costs
 * most of the build time and gains nothing. */
static bool already_compressed(const char *media_type)
{
    return media_type && (strcmp(media_type, "image/png") == 0 ||
                          strcmp(media_type, "image/jpeg") == 0 ||
                          strcmp(media_type, "image/gif") == 0);
}

static void add_entry(epub_book *b, package *p, const char *href, const void *data, size_t len,
                      const char *media_type)
{
    p->entries[p->n++] = (epub_entry){arena_printf(b->arena, PACKAGE_DIR "%s", href), data, len,
                                      already_compressed(media_type)};
}

static bool pack(epub_book *b, package *p, unsigned char **out, size_t *out_len,
                 const char **why)
{
    size_t max = 9 + b->n + b->media.n + b->fonts.n;
    p->entries = calloc(max, sizeof *p->entries);
    if (!p->entries)
        abort();
    p->entries[p->n++] = (epub_entry){"mimetype", mimetype, sizeof mimetype - 1, true};
    p->entries[p->n++] = (epub_entry){"META-INF/container.xml", container_xml,
                                      sizeof container_xml - 1, false};
    add_entry(b, p, "package.opf", p->opf.data, p->opf.len, NULL);
    add_entry(b, p, "nav.xhtml", p->nav.data, p->nav.len, NULL);
    add_entry(b, p, "toc.ncx", p->ncx.data, p->ncx.len, NULL);
    add_entry(b, p, "css/style.css", p->css.data, p->css.len, NULL);
    if (b->cover.data) {
        add_entry(b, p, "cover.xhtml", p->cover.data, p->cover.len, NULL);
        add_entry(b, p, b->cover.href, b->cover.data, b->cover.len, b->cover.media_type);
    }
    for (size_t i = 0; i < b->n; i++)
        add_entry(b, p, b->chapters[i].file, b->chapters[i].xhtml.data, b->chapters[i].xhtml.len,
                  NULL);
    for (size_t i = 0; i < b->media.n; i++)
        add_entry(b, p, b->media.v[i].href, b->media.v[i].data, b->media.v[i].len,
                  b->media.v[i].media_type);
    for (size_t i = 0; i < b->fonts.n; i++)
        add_entry(b, p, b->fonts.v[i].href, b->fonts.v[i].data, b->fonts.v[i].len,
                  b->fonts.v[i].media_type);
    return epub_zip_write(p->entries, p->n, b->modified, out, out_len, why);
}

folio_status epub_render(folio_doc *const *docs, size_t n, const folio_render_options *o,
                         const folio_style *style, const char *fonts_dir, fdiag *d,
                         unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (n == 0) {
        fdiag_error(d, "<epub>", 0, 0, "no document to put in the book");
        return FOLIO_EUSAGE;
    }
    epub_book b = {.opt = o, .style = style, .fonts_dir = fonts_dir, .diag = d, .n = n};
    b.arena = arena_new();
    b.chapters = calloc(n, sizeof *b.chapters);
    if (!b.arena || !b.chapters)
        abort();
    setup_chapters(&b, docs);
    gather_metadata(&b, docs);
    if (o->embed_fonts)
        epub_media_fonts(&b);
    for (size_t i = 0; i < n; i++) {
        epub_xhtml_chapter(&b, i);
        if (o->progress)
            o->progress(i + 1, n, o->progress_user);
    }
    epub_cover_make(&b);
    derive_uuid(&b);

    package p = {0};
    epub_opf(&b, &p.opf);
    epub_nav(&b, &p.nav);
    epub_ncx(&b, &p.ncx);
    epub_css(&b, &p.css);
    if (b.cover.data)
        epub_cover_xhtml(&b, &p.cover);
    const char *why = NULL;
    folio_status status = FOLIO_OK;
    if (!pack(&b, &p, out, out_len, &why)) {
        fdiag_error(d, "<epub>", 0, 0, "the EPUB could not be written: %s", why);
        status = FOLIO_EOUTPUT;
    } else {
        /* 0 means folio.h's default of 1 GiB. */
        size_t max = o->limits.max_output_bytes ? o->limits.max_output_bytes : (size_t)1 << 30;
        if (*out_len > max) {
            fdiag_error(d, "<epub>", 0, 0, "the EPUB would be %zu bytes, over the limit of %zu",
                        *out_len, max);
            free(*out);
            *out = NULL;
            *out_len = 0;
            status = FOLIO_EOUTPUT;
        }
    }
    buf_free(&p.opf);
    buf_free(&p.nav);
    buf_free(&p.ncx);
    buf_free(&p.css);
    buf_free(&p.cover);
    free(p.entries);
    book_free(&b);
    return status;
}
