/* Raster images prepared ahead of the painter: worker threads decode (and
 * downsample, and give photographs their JPEG bytes) each image at the
 * size the layout asks for, while the layout goes on (it asks as it places
 * them), then ahead of the painter, in the order it meets them;
 * an image that is no JPEG is compressed there too (ximage.h) and the
 * painter gets its stand-in. The painter takes each one when its page
 * comes; the layout keeps it until it goes (paint.c's page_painted tells
 * why). What waits prepared is
 * small (a stand-in, or JPEG bytes over an untouched buffer): pixels
 * exist only while an image is being prepared, so the workers never wait
 * for the painter to catch up. The pixels are the same whichever thread
 * decodes them, and an image the layout then wanted larger is decoded
 * again at its final size, so the PDF is the same too. What a decode
 * gives the PDF is kept in folio's cache (image_cache.h): a rebuild reads
 * it instead of decoding. */
#include "images.h"

#include <glib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "image_cache.h"

typedef enum slot_state { SLOT_WAITING, SLOT_WORKING, SLOT_READY, SLOT_UNUSED } slot_state;

/* An image at one pixel size: asked for by the layout, or by the painter. */
typedef struct slot {
    const fimg_bytes *bytes;
    int px_w, px_h;
    slot_state state;
    cairo_surface_t *surface; /* when READY; NULL: failed with why */
    const char *why;
    pdf_ximage *encoded;      /* what folio compressed itself (NULL: cairo's) */
    bool wanted;              /* an image of the painted layout (else freed at stop) */
    long index;               /* in pdf_images.slots */
    struct slot *same_bytes;  /* the slot asked before for the same bytes */
} slot;

struct pdf_images {
    const folio_limits *limits;
    const char *cache_dir;    /* folio's cache (image_cache.h); NULL: the user's */
    slot **slots;             /* in the order asked (the stand-ins' numbers) */
    size_t n, cap;
    GHashTable *by_bytes;     /* bytes → the last slot asked for them */
    pdf_ximage **encoded;     /* by slot, for the finisher (pdf_images_encoded) */
    size_t next;              /* the next slot a worker may start (none before it waits) */
    bool quit;
    pthread_mutex_t lock; /* pthread, not GMutex: ThreadSanitizer sees it */
    pthread_cond_t changed;
    GThread **workers;
    int n_workers;
};

typedef struct mapping {
    void *at;
    size_t len;
} mapping;

static void unmap(void *data)
{
    mapping *m = data;
    munmap(m->at, m->len);
    free(m);
}

enum { HUGE_PAGE = 2 << 20 };

/* A w × h surface cairo writes from its JPEG bytes alone (jpeg, malloc'ed,
 * taken): a photograph given JPEG bytes by the decoder, or one from the
 * cache (image_cache.h). Its buffer is mapped and never touched, as a JPEG
 * kept as it is gets: no decoded pixels stay until the layout goes (an
 * image of a year's first issue may be used again in its last). cairo
 * still copies a painted surface's whole buffer when it is destroyed (the
 * snapshot paint.c tells of), so the buffer is as cheap to read as can be:
 * 2 bytes a pixel (RGB16_565) rather than 4, in huge pages, which
 * untouched read as the huge zero page (a fault per 2 MB, not per 4 KB).
 * The PDF is the same: cairo writes the JPEG's own size and colour space,
 * and an opaque surface either way. NULL when it cannot be made. */
static cairo_surface_t *jpeg_surface(int w, int h, unsigned char *jpeg, unsigned long len)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB16_565, w);
    mapping *m = malloc(sizeof *m);
    if (!m || stride <= 0 || h <= 0) {
        free(m);
        free(jpeg);
        return NULL;
    }
    size_t used = (size_t)stride * (size_t)h;
    m->len = used + HUGE_PAGE; /* room to start on a huge page's boundary */
    m->at = mmap(NULL, m->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->at == MAP_FAILED) {
        free(m);
        free(jpeg);
        return NULL;
    }
    unsigned char *pixels =
        (unsigned char *)(((uintptr_t)m->at + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
    madvise(pixels, used, MADV_HUGEPAGE); /* a hint: refused, the pages stay small */
#endif
    static const cairo_user_data_key_t key;
    cairo_surface_t *t =
        cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB16_565, w, h, stride);
    if (cairo_surface_set_user_data(t, &key, m, unmap) != CAIRO_STATUS_SUCCESS) {
        unmap(m);
        free(jpeg);
        cairo_surface_destroy(t);
        return NULL;
    }
    cairo_surface_mark_dirty(t); /* not a clear surface, whatever its buffer holds */
    if (cairo_surface_set_mime_data(t, CAIRO_MIME_TYPE_JPEG, jpeg, len, free, jpeg) !=
        CAIRO_STATUS_SUCCESS) {
        free(jpeg);
        cairo_surface_destroy(t);
        return NULL;
    }
    return t;
}

/* s, a decoded surface with JPEG bytes, made a jpeg_surface: its pixels
 * go now rather than when the layout goes. */
static cairo_surface_t *jpeg_only(cairo_surface_t *s)
{
    const unsigned char *jpeg;
    unsigned long len;
    cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &jpeg, &len);
    unsigned char *copy = jpeg ? malloc(len) : NULL;
    if (!copy)
        return s;
    memcpy(copy, jpeg, len);
    cairo_surface_t *t = jpeg_surface(cairo_image_surface_get_width(s),
                                      cairo_image_surface_get_height(s), copy, len);
    if (!t)
        return s;
    cairo_surface_destroy(s);
    return t;
}

/* What the PDF gets for s from folio's cache: a JPEG's surface, or the
 * stand-in of samples (*x); NULL when the cache has nothing to trust. */
static cairo_surface_t *from_cache(const pdf_images *p, const slot *s, const char key[65],
                                   pdf_ximage **x)
{
    pdf_cached_image got;
    if (!pdf_image_cache_get(p->cache_dir, key, s->bytes, &got))
        return NULL;
    if (got.jpeg)
        return jpeg_surface(got.width, got.height, got.jpeg, got.jpeg_len);
    cairo_surface_t *stand_in = pdf_ximage_stand_in(s->index);
    if (stand_in)
        *x = got.x;
    else
        pdf_ximage_free(got.x);
    return stand_in;
}

/* Keeps what the PDF gets for a decoded image (x, else the JPEG bytes of
 * surface) in folio's cache. */
static void to_cache(const pdf_images *p, const char key[65], cairo_surface_t *surface,
                     const pdf_ximage *x)
{
    pdf_cached_image img = {.x = (pdf_ximage *)x};
    if (!x) {
        const unsigned char *jpeg;
        unsigned long len;
        cairo_surface_get_mime_data(surface, CAIRO_MIME_TYPE_JPEG, &jpeg, &len);
        if (!jpeg)
            return;
        img = (pdf_cached_image){.width = cairo_image_surface_get_width(surface),
                                 .height = cairo_image_surface_get_height(surface),
                                 .jpeg = (unsigned char *)jpeg, .jpeg_len = len};
    }
    pdf_image_cache_put(p->cache_dir, key, &img);
}

/* The image decoded: JPEG bytes the PDF takes as they are, or samples
 * folio compresses (*x, painted as a stand-in); NULL with *why set. */
static cairo_surface_t *decoded(const pdf_images *p, const slot *s, pdf_ximage **x,
                                const char **why)
{
    cairo_surface_t *surface = fimg_decode_for_pdf(s->bytes, p->limits, s->px_w, s->px_h, why);
    if (!surface)
        return NULL;
    const unsigned char *jpeg;
    unsigned long jpeg_len;
    cairo_surface_get_mime_data(surface, CAIRO_MIME_TYPE_JPEG, &jpeg, &jpeg_len);
    if (jpeg)
        return jpeg_only(surface);
    *x = pdf_ximage_encode(surface);
    cairo_surface_t *stand_in = *x ? pdf_ximage_stand_in(s->index) : NULL;
    if (!stand_in) { /* cairo compresses the pixels itself */
        pdf_ximage_free(*x);
        *x = NULL;
        return surface;
    }
    cairo_surface_destroy(surface);
    return stand_in;
}

static void prepare(pdf_images *p, slot *s)
{
    const char *why = NULL;
    pdf_ximage *x = NULL;
    char key[65];
    bool keyed = pdf_image_cache_key(s->bytes, p->limits, s->px_w, s->px_h, key);
    cairo_surface_t *surface = keyed ? from_cache(p, s, key, &x) : NULL;
    if (!surface) {
        surface = decoded(p, s, &x, &why);
        if (surface && keyed)
            to_cache(p, key, surface, x);
    }
#ifdef __GLIBC__
    /* the decode's buffers (pixels, samples, the deflate's bound) are
     * megabytes each: given back now, or glibc keeps them in its arenas,
     * scattered, and they make the peak */
    malloc_trim(0);
#endif
    pthread_mutex_lock(&p->lock);
    s->encoded = x;
    s->surface = surface;
    s->why = why;
    s->state = SLOT_READY;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

static gpointer work(gpointer data)
{
    pdf_images *p = data;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && (p->next >= p->n || p->slots[p->next]->state != SLOT_WAITING)) {
            if (p->next < p->n) {
                p->next++; /* the painter got there first, or no page wants it */
                continue;
            }
            pthread_cond_wait(&p->changed, &p->lock);
        }
        if (p->quit)
            break;
        slot *s = p->slots[p->next++];
        s->state = SLOT_WORKING;
        pthread_mutex_unlock(&p->lock);
        prepare(p, s);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

pdf_images *pdf_images_new(const folio_limits *limits, const char *cache_dir, int jobs)
{
    pdf_images *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->limits = limits;
    p->cache_dir = cache_dir;
    p->by_bytes = g_hash_table_new(g_direct_hash, g_direct_equal);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    p->n_workers = jobs > 1 ? jobs - 1 : 0;
    if (p->n_workers) {
        p->workers = calloc((size_t)p->n_workers, sizeof *p->workers);
        if (!p->workers)
            abort();
        for (int i = 0; i < p->n_workers; i++)
            p->workers[i] = g_thread_new("folio-images", work, p);
    }
    return p;
}

/* The slot of bytes at px_w × px_h, made (waiting) when new; under the lock. */
static slot *slot_for(pdf_images *p, const fimg_bytes *bytes, int px_w, int px_h)
{
    slot *last = g_hash_table_lookup(p->by_bytes, bytes);
    for (slot *s = last; s; s = s->same_bytes)
        if (s->px_w == px_w && s->px_h == px_h)
            return s;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->slots = realloc(p->slots, p->cap * sizeof *p->slots);
        if (!p->slots)
            abort();
    }
    slot *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    *s = (slot){.bytes = bytes, .px_w = px_w, .px_h = px_h, .index = (long)p->n,
                .same_bytes = last};
    g_hash_table_insert(p->by_bytes, (gpointer)bytes, s);
    p->slots[p->n++] = s;
    pthread_cond_broadcast(&p->changed);
    return s;
}

void pdf_images_ask(pdf_images *p, const pimage *im)
{
    if (im->bytes->format == FIMG_SVG)
        return;
    pthread_mutex_lock(&p->lock);
    slot_for(p, im->bytes, im->px_w, im->px_h);
    pthread_mutex_unlock(&p->lock);
}

pdf_images *pdf_images_start(playout *pl, const folio_limits *limits, const char *cache_dir,
                             int jobs)
{
    pdf_images *p = pl->ahead ? pl->ahead : pdf_images_new(limits, cache_dir, jobs);
    pl->ahead = NULL;
    /* each image its slot (the first met, its pixel size final now) */
    for (pimage *im = pl->images; im; im = im->next)
        im->order = -1;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < pl->n_pages; i++) {
        for (size_t k = 0; k < pl->pages[i].n; k++) {
            pimage *im = pl->pages[i].boxes[k].kind == PB_IMAGE ? pl->pages[i].boxes[k].image
                                                                : NULL;
            if (!im)
                continue;
            if (im->order < 0 && im->bytes->format != FIMG_SVG) {
                slot *s = slot_for(p, im->bytes, im->px_w, im->px_h);
                s->wanted = true;
                im->order = s->index;
            }
        }
    }
    /* sizes the layout asked for and outgrew, or pages it did not keep */
    for (size_t i = 0; i < p->n; i++)
        if (!p->slots[i]->wanted && p->slots[i]->state == SLOT_WAITING)
            p->slots[i]->state = SLOT_UNUSED;
    pthread_mutex_unlock(&p->lock);
    return p;
}

/* The next slot no one has begun; NULL: none (under the lock). */
static slot *next_waiting(const pdf_images *p)
{
    for (size_t k = p->next; k < p->n; k++)
        if (p->slots[k]->state == SLOT_WAITING)
            return p->slots[k];
    return NULL;
}

cairo_surface_t *pdf_images_take(pdf_images *p, pimage *im, const char **why)
{
    if (im->order < 0 || im->taken)
        return im->surface;
    pthread_mutex_lock(&p->lock);
    slot *s = p->slots[im->order];
    /* its own when no worker has begun it; while one has it in hand, the
     * next one waiting (soon needed) rather than idle */
    while (s->state != SLOT_READY) {
        slot *w = s->state == SLOT_WAITING ? s : next_waiting(p);
        if (!w) {
            pthread_cond_wait(&p->changed, &p->lock);
            continue;
        }
        w->state = SLOT_WORKING;
        pthread_mutex_unlock(&p->lock);
        prepare(p, w);
        pthread_mutex_lock(&p->lock);
    }
    im->surface = s->surface;
    s->surface = NULL;
    pthread_mutex_unlock(&p->lock);
    im->taken = true;
    *why = s->why;
    return im->surface;
}

pdf_ximages pdf_images_encoded(pdf_images *p)
{
    free(p->encoded);
    p->encoded = calloc(p->n ? p->n : 1, sizeof *p->encoded);
    if (!p->encoded)
        abort();
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->n; i++)
        p->encoded[i] = p->slots[i]->wanted ? p->slots[i]->encoded : NULL;
    pthread_mutex_unlock(&p->lock);
    return (pdf_ximages){.x = p->encoded, .n = p->n};
}

void pdf_images_stop(pdf_images *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->n_workers; i++)
        g_thread_join(p->workers[i]);
    for (size_t i = 0; i < p->n; i++) {
        if (p->slots[i]->surface)
            cairo_surface_destroy(p->slots[i]->surface);
        pdf_ximage_free(p->slots[i]->encoded);
        free(p->slots[i]);
    }
    g_hash_table_destroy(p->by_bytes);
    free(p->encoded);
    free(p->workers);
    free(p->slots);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
