/* The EPUB backend's entry: gathers the book (chapters, metadata), has each
 * part written by its own file, and packs everything in a fixed order. */
#include "epub.h"

#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "book.h"
#include "cover.h"
#include "media.h"
#include "prepare.h"
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

static void gather_metadata(epub_book *b)
{
    const fbook *bk = b->book;
    b->lang = bk->lang;
    b->title = bk->title;
    b->year_first = bk->year_first;
    b->year_last = bk->year_last;
    b->modified = bk->modified;
    size_t cap_creators = 0, cap_subjects = 0;
    for (size_t i = 0; i < b->n; i++) {
        const fmeta *m = &b->chapters[i].doc->meta;
        for (size_t k = 0; k < m->authors.n; k++)
            add_unique_str(b->arena, &b->creators, &cap_creators, m->authors.items[k]);
        for (size_t k = 0; k < m->tags.n; k++)
            add_unique_str(b->arena, &b->subjects, &cap_subjects, m->tags.items[k]);
    }
    if (bk->newest)
        b->date = arena_printf(b->arena, "%04d-%02d-%02d", bk->newest->year, bk->newest->month,
                               bk->newest->day);
    b->publisher = b->style->publisher;
}

static void setup_chapters(epub_book *b)
{
    int digits = b->n < 100 ? 2 : b->n < 1000 ? 3 : 6;
    for (size_t i = 0; i < b->n; i++) {
        epub_chapter *ch = &b->chapters[i];
        ch->doc = b->book->chapters[i].doc;
        ch->id = arena_printf(b->arena, "issue-%0*zu", digits, i + 1);
        ch->file = arena_printf(b->arena, "%s.xhtml", ch->id);
        ch->title = b->book->chapters[i].title;
    }
}

const char *epub_href(const epub_book *b, size_t from, const book_link *l)
{
    if (l->kind == BOOK_LINK_EXTERNAL)
        return l->href;
    const char *anchor = l->anchor ? l->anchor : BOOK_TITLE_ANCHOR;
    if (l->chapter == from)
        return arena_printf(b->arena, "#%s", anchor);
    if (!l->anchor)
        return b->chapters[l->chapter].file;
    return arena_printf(b->arena, "%s#%s", b->chapters[l->chapter].file, anchor);
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

static void book_free_parts(epub_book *b)
{
    for (size_t i = 0; b->chapters && i < b->n; i++)
        buf_free(&b->chapters[i].xhtml);
    free(b->chapters);
    if (b->image_items)
        g_hash_table_destroy(b->image_items);
    if (b->image_digests)
        g_hash_table_destroy(b->image_digests);
    epub_items_free(&b->media);
    epub_prepared_free(b->prepared);
    epub_items_free(&b->fonts);
    for (int s = 0; s < FICON_STYLE_COUNT; s++)
        hb_set_destroy(b->icon_codes[s]);
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

static void book_drop(void *self)
{
    epub_book *b = self;
    book_free_parts(b);
    free(b);
}

static folio_status epub_new(render_run *r, void **self)
{
    epub_book *b = calloc(1, sizeof *b);
    if (!b)
        return FOLIO_EOUTPUT;
    *self = b;
    *b = (epub_book){.book = r->book, .opt = &r->opt, .style = &r->style,
                     .fonts_dir = r->fonts_dir, .run_fonts = r->fonts,
                     .resources = r->resources, .diag = &r->diag,
                     .n = r->book->n};
    b->arena = arena_new();
    b->chapters = calloc(b->n, sizeof *b->chapters);
    if (!b->arena || !b->chapters)
        return FOLIO_EOUTPUT;
    setup_chapters(b);
    gather_metadata(b);
    return FOLIO_OK;
}

static folio_status epub_render(void *self, unsigned char **out, size_t *out_len)
{
    epub_book *b = self;
    *out = NULL;
    *out_len = 0;
    if (b->opt->embed_fonts)
        epub_media_fonts(b);
    b->prepared = epub_prepare_images(b);
    for (size_t i = 0; i < b->n; i++) {
        epub_xhtml_chapter(b, i);
        book_progress(b->book, i);
    }
    epub_icon_fonts(b);
    epub_cover_make(b);
    derive_uuid(b);

    package p = {0};
    epub_opf(b, &p.opf);
    epub_nav(b, &p.nav);
    epub_ncx(b, &p.ncx);
    epub_css(b, &p.css);
    if (b->cover.data)
        epub_cover_xhtml(b, &p.cover);
    const char *why = NULL;
    folio_status status = FOLIO_OK;
    if (!pack(b, &p, out, out_len, &why)) {
        fdiag_error(b->diag, "<epub>", 0, 0, "the EPUB could not be written: %s", why);
        status = FOLIO_EOUTPUT;
    }
    buf_free(&p.opf);
    buf_free(&p.nav);
    buf_free(&p.ncx);
    buf_free(&p.css);
    buf_free(&p.cover);
    free(p.entries);
    return status;
}

const render_backend epub_backend = {"epub", epub_new, epub_render, book_drop, NULL};
