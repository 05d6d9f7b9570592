#include "archive.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "book/book.h"
#include "finish.h"
#include "util/buf.h"
#include "util/path.h"

/* "a, b": each item of every document once, in order. */
static void join_unique(buf *out, const char *item)
{
    if (!strstr(buf_cstr(out), item))
        buf_printf(out, "%s%s", out->len ? ", " : "", item);
}

/* file's path below folder (a real path), or NULL when it is not below it. */
static const char *below(const char *file, const char *folder)
{
    size_t n = folder ? strlen(folder) : 0;
    if (!n || !path_is_inside(file, folder) || !file[n])
        return NULL;
    return file + n + (folder[n - 1] != '/');
}

/* The name a source is listed under: its path from the document's folder,
 * else from the project's root, else its own name; under the chapter's key
 * (the folder name) in a compilation. Never "..": pdfdetach saves
 * a file under its name. */
static char *attachment_name(const book_chapter *ch, const char *file, bool compilation)
{
    const folio_doc *doc = ch->doc;
    char *real = realpath(file, NULL);
    char *dir = doc->dir ? realpath(doc->dir, NULL) : NULL;
    const char *rel = real ? below(real, dir) : NULL;
    if (!rel && real)
        rel = below(real, doc->project.root);
    if (!rel)
        rel = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    char *name = compilation && ch->key ? path_join(ch->key, rel) : strdup(rel);
    free(real);
    free(dir);
    return name;
}

typedef struct sources {
    pdf_attachment *files;
    size_t n;
    void **owned; /* file contents and names to free */
    size_t n_owned;
} sources;

static void own(sources *s, void *p)
{
    s->owned = realloc(s->owned, (s->n_owned + 1) * sizeof *s->owned);
    if (!s->owned)
        abort();
    s->owned[s->n_owned++] = p;
}

/* Adds a file under name (taken), unless one of that name is there. */
static bool add_source(sources *s, char *name, const char *path, const char *data, size_t len,
                       fdiag *d)
{
    own(s, name);
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->files[i].name, name))
            return true;
    if (!data) {
        char *bytes = path_read_file(path, SIZE_MAX, &len);
        if (!bytes) {
            fdiag_error(d, path, 0, 0, "cannot attach the source: %s", strerror(errno));
            return false;
        }
        own(s, bytes);
        data = bytes;
    }
    s->files = realloc(s->files, (s->n + 1) * sizeof *s->files);
    if (!s->files)
        abort();
    s->files[s->n++] = (pdf_attachment){.name = name, .mime = pdf_attachment_mime(name),
                                        .data = (const unsigned char *)data, .len = len};
    return true;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const pdf_attachment *)a)->name, ((const pdf_attachment *)b)->name);
}

/* Every file the documents draw on (doc->read: the source, its includes,
 * _variables.yml, bibliographies) and the style file. */
static bool collect_sources(sources *s, const playout *pl, const folio_style *st, fdiag *d)
{
    const fbook *book = pl->book;
    for (size_t k = 0; k < book->n; k++) {
        const book_chapter *ch = &book->chapters[k];
        const folio_doc *doc = ch->doc;
        if (doc->n_files && !strcmp(doc->files[0], "<stdin>") &&
            !add_source(s, attachment_name(ch, "stdin.md", book->compilation), NULL, doc->source,
                        doc->source_len, d))
            return false;
        for (const doc_file_id *id = doc->read; id; id = id->next)
            if (!add_source(s, attachment_name(ch, id->path, book->compilation), id->path, NULL,
                            0, d))
                return false;
    }
    if (st->path) {
        const char *base = strrchr(st->path, '/') ? strrchr(st->path, '/') + 1 : st->path;
        if (!add_source(s, strdup(base), st->path, NULL, 0, d))
            return false;
    }
    qsort(s->files, s->n, sizeof *s->files, by_name);
    return true;
}

static void free_sources(sources *s)
{
    for (size_t i = 0; i < s->n_owned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->files);
}

folio_status pdf_archive(const playout *pl, const folio_render_options *o, const folio_style *st,
                         const pmarks *marks, const pdf_ximages *images, fdiag *d, int pdf,
                         int out)
{
    const folio_doc *doc = pl->docs[0];
    const fmeta *m = &doc->meta;
    buf authors = {0}, keywords = {0}, producer = {0};
    for (size_t k = 0; k < pl->n_docs; k++) {
        const fmeta *dm = &pl->docs[k]->meta;
        for (size_t i = 0; i < dm->authors.n; i++)
            join_unique(&authors, dm->authors.items[i]);
        for (size_t i = 0; i < dm->tags.n; i++)
            join_unique(&keywords, dm->tags.items[i]);
        for (size_t i = 0; i < dm->categories.n; i++)
            join_unique(&keywords, dm->categories.items[i]);
    }
    buf_printf(&producer, "folio %s (cairo %s)", FOLIO_VERSION, cairo_version_string());
    pdf_finish f = {
        .info = {
            .title = pl->book->title,
            .author = authors.len ? buf_cstr(&authors) : NULL,
            .subject = pl->book->compilation ? NULL : m->summary ? m->summary : m->subtitle,
            .keywords = keywords.len ? buf_cstr(&keywords) : NULL,
            .creator = "folio " FOLIO_VERSION,
            .producer = buf_cstr(&producer),
            .lang = pl->book->lang,
            /* SOURCE_DATE_EPOCH, else the sources' dates: never the clock */
            .created = pl->book->modified,
            .modified = pl->book->modified,
            .pdfa_part = o->attach_source ? 3 : o->pdfa || st->pdfa ? 2 : 0,
        },
    };
    sources src = {0};
    folio_status status = FOLIO_EINPUT;
    if (f.info.pdfa_part == 3 && !collect_sources(&src, pl, st, d))
        goto done;
    f.files = src.files;
    f.n_files = src.n;
    f.structure = &pl->structure;
    f.marks = marks;
    f.images = images;
    double *page_h = malloc((pl->n_pages ? pl->n_pages : 1) * sizeof *page_h);
    if (!page_h)
        abort();
    for (size_t i = 0; i < pl->n_pages; i++)
        page_h[i] = ppage_height(pl, &pl->pages[i]);
    f.page_h = page_h;
    f.n_pages = pl->n_pages;
    f.jobs = o->jobs;
    status = pdf_finish_file(pdf, &f, d, out);
    free(page_h);
done:
    free_sources(&src);
    buf_free(&authors);
    buf_free(&keywords);
    buf_free(&producer);
    return status;
}
