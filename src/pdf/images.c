/* Raster images prepared ahead of the painter: worker threads decode (and
 * downsample, and give photographs their JPEG bytes) the images of the
 * pages to come, in the order the painter meets them, while it paints;
 * an image that is no JPEG is compressed there too (ximage.h) and the
 * painter gets its stand-in. The painter takes each one when its page
 * comes and frees its pixels after its last page. At most a window of
 * images waits prepared, so memory stays bounded. The pixels are the same
 * whichever thread decodes them, so the PDF is too. */
#include "images.h"

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef enum slot_state { SLOT_WAITING, SLOT_WORKING, SLOT_READY } slot_state;

typedef struct slot {
    pimage *im;
    slot_state state;
    cairo_surface_t *surface; /* when READY; NULL: failed with why */
    const char *why;
} slot;

struct pdf_images {
    const folio_limits *limits;
    slot *slots;              /* raster images by first page */
    pdf_ximage **encoded;     /* by slot: what folio compressed itself (NULL: cairo's) */
    size_t n;
    size_t next;              /* the next slot a worker may start */
    size_t painter_at;        /* slots before this one the painter has taken */
    size_t window;            /* prepared ahead of the painter, at most */
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

/* A surface cairo writes from its JPEG bytes alone (a photograph given
 * JPEG bytes by the decoder), made one whose buffer is mapped and never
 * touched, as a JPEG kept as it is gets: its decoded pixels go now rather
 * than after its last page (an image of a year's first issue may be used
 * again in its last). */
static cairo_surface_t *jpeg_only(cairo_surface_t *s)
{
    const unsigned char *jpeg;
    unsigned long len;
    cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &jpeg, &len);
    if (!jpeg)
        return s;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
    mapping *m = malloc(sizeof *m);
    unsigned char *copy = malloc(len);
    if (!m || !copy || stride <= 0) {
        free(m);
        free(copy);
        return s;
    }
    m->len = (size_t)stride * (size_t)h;
    m->at = mmap(NULL, m->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->at == MAP_FAILED) {
        free(m);
        free(copy);
        return s;
    }
    static const cairo_user_data_key_t key;
    cairo_surface_t *t = cairo_image_surface_create_for_data(m->at, CAIRO_FORMAT_RGB24, w, h,
                                                             stride);
    memcpy(copy, jpeg, len);
    if (cairo_surface_set_user_data(t, &key, m, unmap) != CAIRO_STATUS_SUCCESS) {
        unmap(m);
        free(copy);
        cairo_surface_destroy(t);
        return s;
    }
    cairo_surface_mark_dirty(t); /* not a clear surface, whatever its buffer holds */
    if (cairo_surface_set_mime_data(t, CAIRO_MIME_TYPE_JPEG, copy, len, free, copy) !=
        CAIRO_STATUS_SUCCESS) {
        free(copy);
        cairo_surface_destroy(t);
        return s;
    }
    cairo_surface_destroy(s);
    return t;
}

static void prepare(pdf_images *p, slot *s)
{
    const char *why = NULL;
    pimage *im = s->im;
    cairo_surface_t *surface = fimg_decode_for_pdf(im->bytes, p->limits, im->px_w, im->px_h, &why);
    /* JPEG bytes go into the PDF as they are; other pixels are ours to compress */
    const unsigned char *jpeg;
    unsigned long jpeg_len;
    pdf_ximage *x = NULL;
    if (surface) {
        cairo_surface_get_mime_data(surface, CAIRO_MIME_TYPE_JPEG, &jpeg, &jpeg_len);
        x = jpeg ? NULL : pdf_ximage_encode(surface);
        if (jpeg)
            surface = jpeg_only(surface);
        cairo_surface_t *stand_in = x ? pdf_ximage_stand_in(im->order) : NULL;
        if (stand_in) {
            cairo_surface_destroy(surface);
            surface = stand_in;
        } else {
            pdf_ximage_free(x);
            x = NULL;
        }
    }
#ifdef __GLIBC__
    /* the decode's buffers (pixels, samples, the deflate's bound) are
     * megabytes each: given back now, or glibc keeps them in its arenas,
     * scattered, and they make the peak */
    malloc_trim(0);
#endif
    pthread_mutex_lock(&p->lock);
    p->encoded[im->order] = x;
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
        while (!p->quit && (p->next >= p->n || p->next >= p->painter_at + p->window ||
                            p->slots[p->next].state != SLOT_WAITING)) {
            if (p->next < p->n && p->slots[p->next].state != SLOT_WAITING) {
                p->next++; /* the painter got there first */
                continue;
            }
            pthread_cond_wait(&p->changed, &p->lock);
        }
        if (p->quit)
            break;
        slot *s = &p->slots[p->next++];
        s->state = SLOT_WORKING;
        pthread_mutex_unlock(&p->lock);
        prepare(p, s);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

pdf_images *pdf_images_start(const playout *pl, const folio_limits *limits, int jobs)
{
    pdf_images *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->limits = limits;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    size_t cap = 0;
    for (const pimage *im = pl->images; im; im = im->next)
        cap++;
    p->slots = calloc(cap ? cap : 1, sizeof *p->slots);
    p->encoded = calloc(cap ? cap : 1, sizeof *p->encoded);
    if (!p->slots || !p->encoded)
        abort();
    /* each image its last page, and a slot in the order of first use */
    for (pimage *im = pl->images; im; im = im->next)
        im->order = -1;
    for (size_t i = 0; i < pl->n_pages; i++) {
        for (size_t k = 0; k < pl->pages[i].n; k++) {
            pimage *im = pl->pages[i].boxes[k].kind == PB_IMAGE ? pl->pages[i].boxes[k].image
                                                                : NULL;
            if (!im)
                continue;
            im->last_page = i;
            if (im->order < 0 && im->bytes->format != FIMG_SVG) {
                im->order = (long)p->n;
                p->slots[p->n++] = (slot){.im = im};
            }
        }
    }
    p->window = jobs > 1 ? 2 * (size_t)jobs : 0;
    p->n_workers = jobs > 1 && p->n > 0 ? jobs - 1 : 0;
    if (p->n_workers) {
        p->workers = calloc((size_t)p->n_workers, sizeof *p->workers);
        if (!p->workers)
            abort();
        for (int i = 0; i < p->n_workers; i++)
            p->workers[i] = g_thread_new("folio-images", work, p);
    }
    return p;
}

cairo_surface_t *pdf_images_take(pdf_images *p, pimage *im, const char **why)
{
    if (im->order < 0 || im->taken)
        return im->surface;
    slot *s = &p->slots[im->order];
    pthread_mutex_lock(&p->lock);
    bool mine = s->state == SLOT_WAITING;
    if (mine)
        s->state = SLOT_WORKING;
    if ((size_t)im->order + 1 > p->painter_at)
        p->painter_at = (size_t)im->order + 1;
    pthread_cond_broadcast(&p->changed); /* the window moved */
    pthread_mutex_unlock(&p->lock);
    if (mine)
        prepare(p, s);
    pthread_mutex_lock(&p->lock);
    while (s->state != SLOT_READY)
        pthread_cond_wait(&p->changed, &p->lock);
    im->surface = s->surface;
    s->surface = NULL;
    pthread_mutex_unlock(&p->lock);
    im->taken = true;
    *why = s->why;
    return im->surface;
}

void pdf_images_page_done(pdf_images *p, const ppage *page, size_t i)
{
    for (size_t k = 0; k < page->n; k++) {
        pimage *im = page->boxes[k].kind == PB_IMAGE ? page->boxes[k].image : NULL;
        if (im && im->last_page == i && im->surface) {
            cairo_surface_destroy(im->surface);
            im->surface = NULL;
        }
    }
}

pdf_ximages pdf_images_encoded(const pdf_images *p)
{
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
    for (size_t i = 0; i < p->n; i++)
        if (p->slots[i].surface)
            cairo_surface_destroy(p->slots[i].surface);
    for (size_t i = 0; i < p->n; i++)
        pdf_ximage_free(p->encoded[i]);
    free(p->encoded);
    free(p->workers);
    free(p->slots);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
