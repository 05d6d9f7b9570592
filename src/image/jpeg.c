/* JPEG decoding with libjpeg from memory. When the wanted size is at most
 * half the image, libjpeg's DCT scaling (1/2, 1/4, 1/8) does most of the
 * downsampling for free. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <jerror.h>

#include "image/codec.h"

typedef struct jpeg_fail {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    const char *why; /* NULL: corrupt */
} jpeg_fail;

static void on_error(j_common_ptr cinfo)
{
    longjmp(((jpeg_fail *)(void *)cinfo->err)->jump, 1);
}

/* Warnings stay off stderr; running out of data is a failure, not a gray
 * bottom half (libjpeg pads a truncated stream and only warns). */
static void on_message(j_common_ptr cinfo, int level)
{
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
        longjmp(((jpeg_fail *)(void *)cinfo->err)->jump, 1);
}

/* A progressive JPEG may hold thousands of tiny scans, each a full pass
 * over the image: a few dozen is the most real encoders write. */
enum { MAX_SCANS = 256 };

static void on_progress(j_common_ptr cinfo)
{
    jpeg_fail *fail = (jpeg_fail *)(void *)cinfo->err;
    if (((j_decompress_ptr)cinfo)->input_scan_number > MAX_SCANS) {
        fail->why = "JPEG too complex (too many scans)";
        longjmp(fail->jump, 1);
    }
}

/* The largest DCT scale denominator that still gives at least want pixels. */
static unsigned scale_denominator(int w, int h, int want_w, int want_h)
{
    unsigned denom = 1;
    if (want_w <= 0 || want_h <= 0)
        return 1;
    while (denom < 8 && (w + (int)denom * 2 - 1) / ((int)denom * 2) >= want_w &&
           (h + (int)denom * 2 - 1) / ((int)denom * 2) >= want_h)
        denom *= 2;
    return denom;
}

static void convert_row(const JSAMPLE *in, uint32_t *out, int w, J_COLOR_SPACE cs,
                        bool inverted_cmyk)
{
    for (int x = 0; x < w; x++) {
        if (cs == JCS_CMYK) {
            unsigned c = in[4 * x], m = in[4 * x + 1], y = in[4 * x + 2], k = in[4 * x + 3];
            if (!inverted_cmyk) {
                c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
            }
            /* Adobe's inverted CMYK: each channel already holds 255 - ink. */
            out[x] = fimg_pack(c * k / 255, m * k / 255, y * k / 255, 255);
        } else {
            out[x] = fimg_pack(in[3 * x], in[3 * x + 1], in[3 * x + 2], 255);
        }
    }
}

cairo_surface_t *fimg_decode_jpeg(const unsigned char *d, size_t len, int want_w, int want_h,
                                  const char **why)
{
    struct jpeg_decompress_struct cinfo;
    jpeg_fail fail;
    struct jpeg_progress_mgr progress = {.progress_monitor = on_progress};
    cairo_surface_t *volatile surface = NULL;
    JSAMPLE *volatile row = NULL;

    cinfo.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = on_error;
    fail.mgr.emit_message = on_message;
    fail.why = NULL;
    if (setjmp(fail.jump)) {
        *why = fail.why ? fail.why : "corrupt or truncated JPEG";
        if (surface)
            cairo_surface_destroy(surface);
        surface = NULL;
        goto done;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.progress = &progress;
    jpeg_mem_src(&cinfo, d, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);

    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    cinfo.scale_num = 1;
    cinfo.scale_denom = scale_denominator((int)cinfo.image_width, (int)cinfo.image_height,
                                          want_w, want_h);
    jpeg_start_decompress(&cinfo);

    int w = (int)cinfo.output_width, h = (int)cinfo.output_height;
    surface = fimg_surface_unclear(w, h, why);
    if (!surface)
        goto done;
    row = malloc((size_t)w * (size_t)cinfo.output_components);
    if (!row) {
        *why = "out of memory";
        cairo_surface_destroy(surface);
        surface = NULL;
        goto done;
    }
    unsigned char *pixels = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPLE *rows[1] = {row};
        int y = (int)cinfo.output_scanline;
        if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
            longjmp(fail.jump, 1);
        convert_row(row, (uint32_t *)(void *)(pixels + (size_t)y * (size_t)stride), w,
                    cinfo.out_color_space, cinfo.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&cinfo);
    cairo_surface_mark_dirty(surface);
done:
    free(row);
    jpeg_destroy_decompress(&cinfo);
    return surface;
}
