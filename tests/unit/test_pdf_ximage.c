/* pdf/ximage: the samples folio compresses itself (colour, gray, alpha
 * unpremultiplied as cairo writes them), and the stand-in cairo writes
 * found again in cairo's file and made the image, its bytes as folio made
 * them. */
#include <cairo-pdf.h>
#include <glib.h>
#include <libdeflate.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "image/image.h"
#include "pdf/ximage.h"
#include "util/scratch.h"
#include "util/buf.h"

/* A w×h surface of the given premultiplied pixels. */
static cairo_surface_t *surface_of(cairo_format_t f, int w, int h, const uint32_t *px)
{
    cairo_surface_t *s = cairo_image_surface_create(f, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        memcpy(d + y * stride, px + y * w, (size_t)w * 4);
    cairo_surface_mark_dirty(s);
    return s;
}

/* The zlib data inflated: exactly want_len bytes, equal to want. */
static bool inflates_to(const unsigned char *z, size_t len, const unsigned char *want,
                        size_t want_len)
{
    unsigned char *out = malloc(want_len + 16);
    size_t got = 0;
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    bool ok = libdeflate_zlib_decompress(d, z, len, out, want_len + 16, &got) ==
                  LIBDEFLATE_SUCCESS &&
              got == want_len && memcmp(out, want, want_len) == 0;
    libdeflate_free_decompressor(d);
    free(out);
    return ok;
}

static void test_colour(void)
{
    const uint32_t px[] = {0xFF102030, 0xFFFFFFFF, 0xFF000000, 0xFFA0B0C0};
    cairo_surface_t *s = surface_of(CAIRO_FORMAT_ARGB32, 2, 2, px);
    pdf_ximage *x = pdf_ximage_encode(s);
    CHECK(x && x->width == 2 && x->height == 2 && x->colors == 3 && !x->alpha);
    const unsigned char want[] = {0x10, 0x20, 0x30, 0xFF, 0xFF, 0xFF,
                                  0, 0, 0, 0xA0, 0xB0, 0xC0};
    CHECK(x && inflates_to(x->data, x->len, want, sizeof want));
    pdf_ximage_free(x);
    cairo_surface_destroy(s);
}

static void test_gray(void)
{
    /* RGB24: the unused byte is not alpha */
    const uint32_t px[] = {0x00808080, 0x12000000, 0x00FFFFFF};
    cairo_surface_t *s = surface_of(CAIRO_FORMAT_RGB24, 3, 1, px);
    pdf_ximage *x = pdf_ximage_encode(s);
    CHECK(x && x->colors == 1 && !x->alpha);
    const unsigned char want[] = {0x80, 0, 0xFF};
    CHECK(x && inflates_to(x->data, x->len, want, sizeof want));
    pdf_ximage_free(x);
    cairo_surface_destroy(s);
}

static void test_alpha(void)
{
    /* clear, half (premultiplied 0x40 is 0x80 straight), opaque */
    const uint32_t px[] = {0x00000000, 0x80402010, 0xFF0000FF};
    cairo_surface_t *s = surface_of(CAIRO_FORMAT_ARGB32, 3, 1, px);
    pdf_ximage *x = pdf_ximage_encode(s);
    CHECK(x && x->colors == 3 && x->alpha);
    const unsigned char rgb[] = {0, 0, 0, 0x80, 0x40, 0x20, 0, 0, 0xFF};
    const unsigned char a[] = {0, 0x80, 0xFF};
    CHECK(x && inflates_to(x->data, x->len, rgb, sizeof rgb));
    CHECK(x && x->alpha && inflates_to(x->alpha, x->alpha_len, a, sizeof a));
    pdf_ximage_free(x);
    cairo_surface_destroy(s);
}

/* Every alpha with every channel value (above it too, as the rounding of
 * a scaled image can leave one): the samples are fimg_unpremultiply's. */
static void test_every_alpha(void)
{
    enum { W = 256, H = 256 };
    uint32_t *px = malloc(sizeof *px * W * H);
    unsigned char *rgb = malloc(3 * W * H), *a = malloc(W * H);
    for (int y = 0; y < H; y++)
        for (int c = 0; c < W; c++) {
            /* red c, green and blue other values, alpha y */
            uint32_t v = (uint32_t)y << 24 | (uint32_t)c << 16 | (uint32_t)(255 - c) << 8 |
                         (uint32_t)(c * 7 & 0xFF);
            px[y * W + c] = v;
            uint32_t u = fimg_unpremultiply(v);
            unsigned char *o = rgb + 3 * (y * W + c);
            o[0] = (unsigned char)(u >> 16), o[1] = (unsigned char)(u >> 8), o[2] = (unsigned char)u;
            a[y * W + c] = (unsigned char)y;
        }
    cairo_surface_t *s = surface_of(CAIRO_FORMAT_ARGB32, W, H, px);
    pdf_ximage *x = pdf_ximage_encode(s);
    CHECK(x && x->colors == 3 && x->alpha);
    CHECK(x && inflates_to(x->data, x->len, rgb, 3 * W * H));
    CHECK(x && x->alpha && inflates_to(x->alpha, x->alpha_len, a, W * H));
    pdf_ximage_free(x);
    cairo_surface_destroy(s);
    free(px);
    free(rgb);
    free(a);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static int int_key(qpdf_data q, qpdf_oh dict, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(q, dict, key);
    return qpdf_oh_is_integer(q, v) ? qpdf_oh_get_int_value_as_int(q, v) : -1;
}

/* A PDF whose page paints stand-in 7 (twice: once more in a group), copied
 * object by object with the stand-in found and made the image (as the
 * finisher does), then read back by qpdf. */
static void test_stand_in(void)
{
    const uint32_t px[] = {0x80402010, 0xFF0000FF, 0xFFFFFFFF, 0x00000000};
    cairo_surface_t *pixels = surface_of(CAIRO_FORMAT_ARGB32, 2, 2, px);
    pdf_ximage *x = pdf_ximage_encode(pixels);
    cairo_surface_destroy(pixels);
    CHECK(x != NULL);
    if (!x)
        return;
    buf pdf = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &pdf, 200, 200);
    cairo_t *cr = cairo_create(s);
    cairo_surface_t *stand_in = pdf_ximage_stand_in(7);
    CHECK(stand_in && cairo_image_surface_get_width(stand_in) == 1);
    for (int i = 0; i < 2; i++) {
        if (i)
            cairo_push_group(cr);
        cairo_save(cr);
        cairo_translate(cr, 10 + 100 * i, 10);
        cairo_scale(cr, 80, 60);
        cairo_set_source_surface(cr, stand_in, 0, 0);
        cairo_rectangle(cr, 0, 0, 1, 1);
        cairo_fill(cr);
        cairo_restore(cr);
        if (i) {
            cairo_pop_group_to_source(cr);
            cairo_paint(cr);
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    cairo_surface_destroy(stand_in);

    int in = scratch_open(), copy = scratch_open();
    CHECK(in >= 0 && copy >= 0 && fd_write_all(in, pdf.data, pdf.len));
    pobjfile f;
    CHECK(pobjfile_map(&f, in));
    size_t len_x = x->len, len_a = x->alpha_len;
    unsigned char *data_x = g_memdup2(x->data, len_x), *data_a = g_memdup2(x->alpha, len_a);
    pobjout w;
    pobjout_start(&w, copy, f.n);
    buf_puts(&w.out, "%PDF-1.5\n");
    int stand_ins = 0;
    for (size_t num = 1; num < f.n; num++) {
        pobj v;
        const char *data;
        size_t dlen;
        if (!f.offset[num])
            continue;
        CHECK(pobjfile_read(&f, num, &v, &data, &dlen));
        long index = data ? pdf_ximage_stand_in_index(&v, data, dlen) : -1;
        CHECK(index == -1 || index == 7);
        if (index == 7) {
            stand_ins++;
            pdf_ximage_write(x, &w, num);
        } else {
            pobjout_copy(&w, &f, num);
        }
        pobj_free(&v);
    }
    CHECK(stand_ins == 1); /* one XObject, painted twice */
    CHECK(pobjout_finish(&w, f.root, f.info));
    pobjfile_free(&f);
    unsigned char *out = NULL;
    size_t len = 0;
    CHECK(fd_read_all(copy, &out, &len));
    close(in);
    close(copy);

    /* read back: every image XObject is x's, its bytes as folio made them */
    qpdf_data q = qpdf_init();
    CHECK(!(qpdf_read_memory(q, "out.pdf", (const char *)out, len, NULL) & QPDF_ERRORS));
    int images_seen = 0, masks_seen = 0;
    int n = int_key(q, qpdf_get_trailer(q), "/Size");
    for (int id = 1; id < n; id++) {
        qpdf_oh o = qpdf_get_object_by_id(q, id, 0);
        if (!qpdf_oh_is_stream(q, o))
            continue;
        qpdf_oh dict = qpdf_oh_get_dict(q, o);
        qpdf_oh sub = qpdf_oh_get_key(q, dict, "/Subtype");
        if (!qpdf_oh_is_name(q, sub) || strcmp(qpdf_oh_get_name(q, sub), "/Image"))
            continue;
        CHECK(int_key(q, dict, "/Width") == 2 && int_key(q, dict, "/Height") == 2);
        unsigned char *data = NULL;
        size_t dlen = 0;
        CHECK(qpdf_oh_get_stream_data(q, o, qpdf_dl_none, NULL, &data, &dlen) == 0);
        if (qpdf_oh_has_key(q, dict, "/SMask")) {
            images_seen++;
            CHECK(dlen == len_x && memcmp(data, data_x, dlen) == 0);
        } else {
            masks_seen++;
            CHECK(dlen == len_a && memcmp(data, data_a, dlen) == 0);
        }
        free(data);
    }
    CHECK(images_seen == 1 && masks_seen == 1);
    qpdf_cleanup(&q);
    free(out);
    g_free(data_x);
    g_free(data_a);
    buf_free(&pdf);
    pdf_ximage_free(x);
}

int main(void)
{
    test_colour();
    test_gray();
    test_alpha();
    test_every_alpha();
    test_stand_in();
    return check_done();
}
