/* Image conversion (decoding, reducing, re-encoding: most of an EPUB's
 * CPU) done before the chapters are written, on worker threads so that
 * both cores work. Each conversion is the very call a chapter would make
 * on the same bytes, and the chapters still add the results in their own
 * order, so the book is the same bytes whatever the number of threads.
 * SVGs are left to the chapters: librsvg and its fonts are not for
 * several threads. A conversion that changed the bytes is kept in folio's
 * cache, keyed by the image's digest and the settings. */
#include "prepare.h"

#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "media.h"
#include "util/blob_cache.h"
#include "util/digest.h"

typedef struct conversion {
    const fimg_bytes *img;
    char key[65];         /* in folio's cache (util/blob_cache.h); "" when none */
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

/* A digest of what a conversion's result depends on: the build, the
 * image's bytes, the bound and the limits. "" when there is no build id. */
static void conversion_key(epub_book *b, const fimg_bytes *img, char key[65])
{
    const char *build = blob_cache_build_id();
    key[0] = '\0';
    if (!build)
        return;
    char *k = g_strdup_printf("folio image 1\n%s\n%s %zu\n%d %llu %zu\n", build,
                              epub_image_digest(b, img), img->len,
                              b->style->epub_image_max_side,
                              (unsigned long long)b->opt->limits.max_image_pixels,
                              b->opt->limits.max_image_bytes);
    digest_sha256_hex(k, strlen(k), key);
    g_free(k);
}

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
    conversion *c = &p->v[p->n++];
    *c = (conversion){.img = img};
    conversion_key(g->b, img, c->key);
    g_hash_table_insert(p->index, (gpointer)img, GSIZE_TO_POINTER(p->n));
}

/* Converted bytes are kept at most this large: the images' own bound. */
static size_t max_kept(const epub_book *b)
{
    return b->opt->limits.max_image_bytes ? b->opt->limits.max_image_bytes * 4 : 128u << 20;
}

/* A conversion from folio's cache, else made and kept there when it
 * changed the bytes (a copy is cheaper to make again than to keep): WebP
 * decoded and encoded again, or a large image reduced, was most of a small
 * issue's EPUB CPU. */
static void convert_one(const epub_prepared *p, conversion *c)
{
    const epub_book *b = p->b;
    const char *why;
    if (fimg_core_media_as_is(c->img, b->style->epub_image_max_side, &why)) {
        c->ok = true; /* no copy: the chapter packages the image's own bytes */
        c->format = c->img->format;
        return;
    }
    if (why) {
        c->why = why;
        return;
    }
    if (c->key[0] && blob_cache_get(b->opt->cache_dir, "image", c->key, max_kept(b), &c->data,
                                    &c->len)) {
        c->format = fimg_sniff(c->data, c->len);
        if (c->format == FIMG_PNG || c->format == FIMG_JPEG || c->format == FIMG_GIF) {
            c->ok = true;
            return;
        }
        free(c->data);
        c->data = NULL;
    }
    c->ok = fimg_to_core_media(c->img, &b->opt->limits, b->style->epub_image_max_side, &c->data,
                               &c->len, &c->format, &c->why);
    bool copied = c->ok && c->len == c->img->len && memcmp(c->data, c->img->data, c->len) == 0;
    if (c->ok && !copied && c->key[0])
        blob_cache_put(b->opt->cache_dir, "image", c->key, c->data, c->len);
}

static gpointer convert(gpointer data)
{
    epub_prepared *p = data;
    for (size_t i; (i = (size_t)g_atomic_int_add(&p->next, 1)) < p->n;)
        convert_one(p, &p->v[i]);
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
