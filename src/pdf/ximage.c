#include "ximage.h"

#include <glib.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"

/* libdeflate's level 1 deflates image samples several times faster than
 * zlib's default (cairo's), for files a few percent larger. */
#define DEFLATE_LEVEL 1

/* The stand-in's bytes: a JPEG header with a comment that names the image
 * and a 1×1 one-component frame (all cairo reads of it). */
#define MARK "folio-ximage:"
enum { MARK_DIGITS = 10 };

static bool deflate_to(struct libdeflate_compressor *c, const unsigned char *in, size_t n,
                       unsigned char **out, size_t *out_len)
{
    size_t cap = libdeflate_zlib_compress_bound(c, n);
    *out = malloc(cap ? cap : 1);
    if (!*out)
        return false;
    *out_len = libdeflate_zlib_compress(c, in, n, *out, cap);
    return *out_len > 0;
}

pdf_ximage *pdf_ximage_encode(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    bool has_alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
    if (!px || w <= 0 || h <= 0)
        return NULL;
    /* what the pixels need: alpha at all, colour at all */
    bool opaque = true, gray = true;
    for (int y = 0; y < h && (opaque || gray); y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t v = row[x];
            if (has_alpha && v >> 24 != 0xFF)
                opaque = false;
            if ((v >> 16 & 0xFF) != (v >> 8 & 0xFF) || (v >> 8 & 0xFF) != (v & 0xFF))
                gray = false;
        }
    }
    if (!has_alpha)
        opaque = true;
    pdf_ximage *x = calloc(1, sizeof *x);
    size_t n = (size_t)w * (size_t)h;
    int colors = gray ? 1 : 3;
    unsigned char *samples = malloc(n * (size_t)colors), *alpha = opaque ? NULL : malloc(n);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    if (!x || !samples || (!opaque && !alpha) || !c)
        goto fail;
    *x = (pdf_ximage){.width = w, .height = h, .colors = colors};
    unsigned char *o = samples, *a = alpha;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int i = 0; i < w; i++) {
            /* unpremultiplied, as cairo writes them */
            uint32_t v = opaque ? row[i] : fimg_unpremultiply(row[i]);
            unsigned r = v >> 16 & 0xFF, g = v >> 8 & 0xFF, b = v & 0xFF;
            if (!opaque)
                *a++ = (unsigned char)(v >> 24);
            if (gray) {
                *o++ = (unsigned char)r;
            } else {
                o[0] = (unsigned char)r, o[1] = (unsigned char)g, o[2] = (unsigned char)b;
                o += 3;
            }
        }
    }
    if (!deflate_to(c, samples, n * (size_t)colors, &x->data, &x->len) ||
        (alpha && !deflate_to(c, alpha, n, &x->alpha, &x->alpha_len)))
        goto fail;
    free(samples);
    free(alpha);
    libdeflate_free_compressor(c);
    return x;
fail:
    free(samples);
    free(alpha);
    if (c)
        libdeflate_free_compressor(c);
    pdf_ximage_free(x);
    return NULL;
}

void pdf_ximage_free(pdf_ximage *x)
{
    if (!x)
        return;
    free(x->data);
    free(x->alpha);
    free(x);
}

cairo_surface_t *pdf_ximage_stand_in(long index)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    char name[sizeof MARK + MARK_DIGITS];
    snprintf(name, sizeof name, MARK "%0*ld", MARK_DIGITS, index);
    size_t n = strlen(name);
    /* SOI, COM (name), SOF0 1×1 with one component, EOI */
    static const unsigned char frame[] = {0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,
                                          0xFF, 0xD9};
    size_t len = 4 + 2 + n + sizeof frame;
    unsigned char *jpeg = malloc(len);
    char *id = g_strdup_printf("folio-ximage-%ld", index);
    if (!jpeg) {
        g_free(id);
        cairo_surface_destroy(s);
        return NULL;
    }
    unsigned char *p = jpeg;
    *p++ = 0xFF, *p++ = 0xD8, *p++ = 0xFF, *p++ = 0xFE;
    *p++ = (unsigned char)((n + 2) >> 8), *p++ = (unsigned char)(n + 2);
    memcpy(p, name, n);
    memcpy(p + n, frame, sizeof frame);
    if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, jpeg, len, free, jpeg))
        free(jpeg);
    if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (unsigned char *)id,
                                    strlen(id), g_free, id))
        g_free(id);
    return s;
}

static bool is_name(qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
    qpdf_oh v = qpdf_oh_get_key(q, dict, key);
    bool yes = qpdf_oh_is_name(q, v) && strcmp(qpdf_oh_get_name(q, v), name) == 0;
    qpdf_oh_release(q, v);
    return yes;
}

static int int_key(qpdf_data q, qpdf_oh dict, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(q, dict, key);
    int n = qpdf_oh_is_integer(q, v) ? qpdf_oh_get_int_value_as_int(q, v) : -1;
    qpdf_oh_release(q, v);
    return n;
}

long pdf_ximage_stand_in_index(qpdf_data q, qpdf_oh stream)
{
    if (!qpdf_oh_is_stream(q, stream))
        return -1;
    qpdf_oh dict = qpdf_oh_get_dict(q, stream);
    bool candidate = is_name(q, dict, "/Subtype", "/Image") &&
                     is_name(q, dict, "/Filter", "/DCTDecode") && int_key(q, dict, "/Width") == 1 &&
                     int_key(q, dict, "/Height") == 1;
    qpdf_oh_release(q, dict);
    unsigned char *data = NULL;
    size_t len = 0;
    if (!candidate || qpdf_oh_get_stream_data(q, stream, qpdf_dl_none, NULL, &data, &len))
        return -1;
    long index = -1;
    size_t at = 6; /* after SOI and the comment's marker and length */
    if (len > at + strlen(MARK) + MARK_DIGITS && memcmp(data + at, MARK, strlen(MARK)) == 0) {
        index = 0;
        for (const unsigned char *d = data + at + strlen(MARK), *e = d + MARK_DIGITS; d < e; d++)
            index = *d >= '0' && *d <= '9' && index >= 0 ? index * 10 + (*d - '0') : -1;
    }
    free(data);
    return index;
}

static void set_samples(qpdf_data q, qpdf_oh stream, int w, int h, int colors,
                        const unsigned char *data, size_t len)
{
    qpdf_oh_replace_stream_data(q, stream, data, len, qpdf_oh_new_name(q, "/FlateDecode"),
                                qpdf_oh_new_null(q));
    qpdf_oh dict = qpdf_oh_get_dict(q, stream);
    qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/XObject"));
    qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Image"));
    qpdf_oh_replace_key(q, dict, "/Width", qpdf_oh_new_integer(q, w));
    qpdf_oh_replace_key(q, dict, "/Height", qpdf_oh_new_integer(q, h));
    qpdf_oh_replace_key(q, dict, "/ColorSpace",
                        qpdf_oh_new_name(q, colors == 1 ? "/DeviceGray" : "/DeviceRGB"));
    qpdf_oh_replace_key(q, dict, "/BitsPerComponent", qpdf_oh_new_integer(q, 8));
    qpdf_oh_release(q, dict);
}

void pdf_ximage_put(qpdf_data q, qpdf_oh stream, const pdf_ximage *x)
{
    set_samples(q, stream, x->width, x->height, x->colors, x->data, x->len);
    if (!x->alpha)
        return;
    qpdf_oh mask = qpdf_oh_new_stream(q);
    set_samples(q, mask, x->width, x->height, 1, x->alpha, x->alpha_len);
    qpdf_oh dict = qpdf_oh_get_dict(q, stream);
    qpdf_oh_replace_key(q, dict, "/SMask", mask);
    qpdf_oh_release(q, dict);
}

typedef struct walk {
    qpdf_data q;
    pdf_ximage **images;
    size_t n;
    GHashTable *seen; /* object ids of the XObjects met */
} walk;

static void put_in_resources(walk *w, qpdf_oh resources);

static void put_in_xobject(walk *w, qpdf_oh o)
{
    qpdf_data q = w->q;
    if (!qpdf_oh_is_stream(q, o) ||
        !g_hash_table_add(w->seen, GINT_TO_POINTER(qpdf_oh_get_object_id(q, o))))
        return;
    long i = pdf_ximage_stand_in_index(q, o);
    pdf_ximage *x = i >= 0 && (size_t)i < w->n ? w->images[i] : NULL;
    if (x && x->data) {
        pdf_ximage_put(q, o, x);
        free(x->data);
        free(x->alpha);
        x->data = x->alpha = NULL;
        return;
    }
    qpdf_oh dict = qpdf_oh_get_dict(q, o);
    if (is_name(q, dict, "/Subtype", "/Form")) { /* a group: an image painted twice on a page */
        qpdf_oh r = qpdf_oh_get_key(q, dict, "/Resources");
        put_in_resources(w, r);
        qpdf_oh_release(q, r);
    }
    qpdf_oh_release(q, dict);
}

static void put_in_resources(walk *w, qpdf_oh resources)
{
    qpdf_data q = w->q;
    if (!qpdf_oh_is_dictionary(q, resources))
        return;
    qpdf_oh xobjects = qpdf_oh_get_key(q, resources, "/XObject");
    if (qpdf_oh_is_dictionary(q, xobjects)) {
        GPtrArray *keys = g_ptr_array_new_with_free_func(g_free); /* one key iterator per q */
        qpdf_oh_begin_dict_key_iter(q, xobjects);
        while (qpdf_oh_dict_more_keys(q))
            g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
        for (guint i = 0; i < keys->len; i++) {
            qpdf_oh o = qpdf_oh_get_key(q, xobjects, keys->pdata[i]);
            put_in_xobject(w, o);
            qpdf_oh_release(q, o);
        }
        g_ptr_array_free(keys, TRUE);
    }
    qpdf_oh_release(q, xobjects);
}

void pdf_ximages_put(qpdf_data q, const pdf_ximages *images)
{
    if (!images || !images->n)
        return;
    walk w = {.q = q, .images = images->x, .n = images->n,
              .seen = g_hash_table_new(g_direct_hash, g_direct_equal)};
    int pages = qpdf_get_num_pages(q);
    for (int i = 0; i < pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh r = qpdf_oh_get_key(q, page, "/Resources");
        put_in_resources(&w, r);
        qpdf_oh_release(q, r);
        qpdf_oh_release(q, page);
    }
    g_hash_table_destroy(w.seen);
}
