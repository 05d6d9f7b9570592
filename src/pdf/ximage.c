#include "ximage.h"

#include <glib.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"

/* libdeflate's level 1 deflates image samples several times faster than
 * zlib's default (cairo's), for files a few percent larger. Not ISA-L's
 * igzip (4-5 times faster again): in folio's process its bytes for the
 * same samples varied from run to run (pdf.cache), and it picks its code
 * by CPU. */
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
    /* kept until the PDF is finished: the bound is the samples' size and more */
    unsigned char *fit = *out_len ? realloc(*out, *out_len) : NULL;
    if (fit)
        *out = fit;
    return *out_len > 0;
}

/* Whether the rows hold any alpha but 255 (*opaque false) and any pixel
 * whose red, green and blue differ (*gray false); stops once both are
 * known false. */
static void survey(const unsigned char *px, int w, int h, int stride, bool has_alpha,
                   bool *opaque, bool *gray)
{
    *opaque = true, *gray = true;
    for (int y = 0; y < h && ((has_alpha && *opaque) || *gray); y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        uint32_t alpha = 0xFF000000u, diff = 0;
        for (int x = 0; x < w; x++) {
            uint32_t v = row[x];
            alpha &= v;
            diff |= (v ^ v >> 8) & 0xFFFF; /* red ≠ green or green ≠ blue */
        }
        if (has_alpha && alpha != 0xFF000000u)
            *opaque = false;
        if (diff)
            *gray = false;
    }
    if (!has_alpha)
        *opaque = true;
}

/* fimg_unpremultiply's (c × 255 + a / 2) / a as a product: for a numerator
 * under 2^16 and a divisor under 2^8, n × (⌊2^32 / a⌋ + 1) >> 32 is the
 * quotient exactly (checked for every c and a). */
static void reciprocals(uint64_t inv[256])
{
    inv[0] = 0;
    for (unsigned a = 1; a < 256; a++)
        inv[a] = (UINT64_C(1) << 32) / a + 1; /* 2^32 + 1 for a = 1 */
}

static inline unsigned unpremultiplied(unsigned c, unsigned a, const uint64_t inv[256])
{
    return (unsigned)((c * 255 + a / 2) * inv[a] >> 32) & 0xFF;
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
    bool opaque, gray;
    survey(px, w, h, stride, has_alpha, &opaque, &gray);
    pdf_ximage *x = calloc(1, sizeof *x);
    size_t n = (size_t)w * (size_t)h;
    int colors = gray ? 1 : 3;
    unsigned char *samples = malloc(n * (size_t)colors), *alpha = opaque ? NULL : malloc(n);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    if (!x || !samples || (!opaque && !alpha) || !c)
        goto fail;
    *x = (pdf_ximage){.width = w, .height = h, .colors = colors};
    uint64_t inv[256];
    reciprocals(inv);
    unsigned char *o = samples, *a = alpha;
    /* unpremultiplied, as cairo writes them: a loop for each case */
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        if (opaque && gray) {
            for (int i = 0; i < w; i++)
                *o++ = (unsigned char)(row[i] >> 16);
        } else if (opaque) {
            for (int i = 0; i < w; i++, o += 3) {
                uint32_t v = row[i];
                o[0] = (unsigned char)(v >> 16), o[1] = (unsigned char)(v >> 8),
                o[2] = (unsigned char)v;
            }
        } else {
            for (int i = 0; i < w; i++) {
                uint32_t v = row[i];
                unsigned va = v >> 24, r = v >> 16 & 0xFF, g = v >> 8 & 0xFF, b = v & 0xFF;
                if (va == 0) {
                    r = g = b = 0;
                } else if (va != 255) {
                    r = unpremultiplied(r, va, inv);
                    g = unpremultiplied(g, va, inv);
                    b = unpremultiplied(b, va, inv);
                }
                *a++ = (unsigned char)va;
                if (gray) {
                    *o++ = (unsigned char)r;
                } else {
                    o[0] = (unsigned char)r, o[1] = (unsigned char)g, o[2] = (unsigned char)b;
                    o += 3;
                }
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

/* Whether dict is an image as cairo writes a stand-in's: a 1×1 "JPEG". */
static bool stand_in_dict(const pobj *dict)
{
    long long w, h;
    return pobj_is_name(pobj_get(dict, "/Subtype"), "/Image") &&
           pobj_is_name(pobj_get(dict, "/Filter"), "/DCTDecode") &&
           pobj_int(pobj_get(dict, "/Width"), &w) && w == 1 &&
           pobj_int(pobj_get(dict, "/Height"), &h) && h == 1;
}

long pdf_ximage_stand_in_index(const pobj *dict, const char *data, size_t len)
{
    if (!stand_in_dict(dict))
        return -1;
    size_t at = 6; /* after SOI and the comment's marker and length */
    if (len <= at + strlen(MARK) + MARK_DIGITS || memcmp(data + at, MARK, strlen(MARK)))
        return -1;
    long index = 0;
    for (const char *d = data + at + strlen(MARK), *e = d + MARK_DIGITS; d < e; d++)
        index = *d >= '0' && *d <= '9' && index >= 0 ? index * 10 + (*d - '0') : -1;
    return index;
}

/* An image XObject of samples (8 bits, colors components, /FlateDecode). */
static void write_samples(pobjout *w, size_t num, int width, int height, int colors,
                          const unsigned char *data, size_t len, size_t smask)
{
    pobjout_open(w, num);
    buf_printf(&w->out,
               "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
               "/BitsPerComponent 8 /Filter /FlateDecode /Length %zu",
               width, height, colors == 1 ? "/DeviceGray" : "/DeviceRGB", len);
    if (smask)
        buf_printf(&w->out, " /SMask %zu 0 R", smask);
    buf_puts(&w->out, " >>\nstream\n");
    pobjout_data(w, data, len);
    buf_puts(&w->out, "\nendstream");
    pobjout_close(w);
}

void pdf_ximage_write(const pdf_ximage *x, pobjout *w, size_t num)
{
    size_t smask = x->alpha ? pobjout_number(w) : 0;
    write_samples(w, num, x->width, x->height, x->colors, x->data, x->len, smask);
    if (smask)
        write_samples(w, smask, x->width, x->height, 1, x->alpha, x->alpha_len, 0);
}
