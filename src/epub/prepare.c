/* Image conversion (decoding, reducing, re-encoding: most of an EPUB's
 * CPU) done before the chapters are written, on worker threads so that
 * both cores work. Each conversion is the very call a chapter would make
 * on the same bytes, and the chapters still add the results in their own
 * order, so the book is the same bytes whatever the number of threads.
 * SVGs are left to the chapters: librsvg and its fonts are not for
 * several threads. */
#include "prepare.h"

#include <stdlib.h>

#include "image/image.h"

typedef struct conversion {
    const fimg_bytes *img;
    bool ok, taken;
    unsigned char *data;
    size_t len;
    fimg_format format;
    const char *why;
} conversion;

struct epub_prepared {
    const epub_book *b;
    conversion *v;
    size_t n, cap;
    GHashTable *index;   /* fimg_bytes * → position + 1 in v */
    gint next;           /* the next conversion a thread takes */
};

typedef struct gather {
    epub_prepared *p;
    epub_book *b;
    size_t chapter;
} gather;

static void gather_one(const char *src, void *user)
{
    gather *g = user;
    epub_prepared *p = g->p;
    const char *why;
    const fimg_bytes *img = book_image(g->b->resources, g->chapter, src, &why);
    if (!img || img->format == FIMG_SVG || g_hash_table_contains(p->index, img))
        return;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        if (!(p->v = realloc(p->v, p->cap * sizeof *p->v)))
            abort();
    }
    p->v[p->n++] = (conversion){.img = img};
    g_hash_table_insert(p->index, (gpointer)img, GSIZE_TO_POINTER(p->n));
}

static gpointer convert(gpointer data)
{
    epub_prepared *p = data;
    for (size_t i; (i = (size_t)g_atomic_int_add(&p->next, 1)) < p->n;) {
        conversion *c = &p->v[i];
        c->ok = fimg_to_core_media(c->img, &p->b->opt->limits, p->b->style->epub_image_max_side,
                                   &c->data, &c->len, &c->format, &c->why);
    }
    return NULL;
}

epub_prepared *epub_prepare_images(epub_book *b)
{
    epub_prepared *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->b = b;
    p->index = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 0; i < b->n; i++)
        book_each_image(b->chapters[i].doc, gather_one, &(gather){p, b, i});
    if (p->n == 0) {
        epub_prepared_free(p);
        return NULL;
    }
    int jobs = b->opt->jobs > 1 ? b->opt->jobs : 1;
    size_t n_threads = (size_t)jobs - 1 < p->n - 1 ? (size_t)jobs - 1 : p->n - 1;
    GThread **threads = g_new(GThread *, n_threads ? n_threads : 1);
    for (size_t i = 0; i < n_threads; i++)
        threads[i] = g_thread_new("folio-epub-images", convert, p);
    convert(p); /* this thread too */
    for (size_t i = 0; i < n_threads; i++)
        g_thread_join(threads[i]);
    g_free(threads);
    return p;
}

bool epub_prepared_take(epub_prepared *p, const fimg_bytes *img, bool *ok, unsigned char **data,
                        size_t *len, fimg_format *format, const char **why)
{
    size_t at = p ? GPOINTER_TO_SIZE(g_hash_table_lookup(p->index, img)) : 0;
    if (!at || p->v[at - 1].taken)
        return false;
    conversion *c = &p->v[at - 1];
    c->taken = true;
    *ok = c->ok;
    *data = c->data;
    *len = c->len;
    *format = c->format;
    *why = c->why;
    c->data = NULL;
    return true;
}

void epub_prepared_free(epub_prepared *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].data);
    free(p->v);
    g_hash_table_destroy(p->index);
    free(p);
}
