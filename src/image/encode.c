/* Encoding cairo surfaces as files: JPEG (libjpeg, quality 90, colour at
 * full or half resolution) for opaque photographs, PNG (libpng at a fast zlib
 * level) for the rest. cairo's own PNG writer filters every row five ways
 * and deflates at the default level: several times slower for a file that
 * is a few percent smaller. */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <zlib.h>

#include "image/codec.h"
#include "util/buf.h"

enum { JPEG_QUALITY = 90 };

typedef struct jpeg_fail {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
} jpeg_fail;

static void jpeg_on_error(j_common_ptr cinfo)
{
    longjmp(((jpeg_fail *)(void *)cinfo->err)->jump, 1);
}

static void jpeg_on_message(j_common_ptr cinfo, int level) {}

bool fimg_encode_jpeg_rows(int w, int h, unsigned char *const *rows, bool full_chroma,
                           bool restarts, unsigned char **out, size_t *out_len)
{
    struct jpeg_compress_struct cinfo;
    jpeg_fail fail;
    unsigned char *volatile data = NULL;
    unsigned long len = 0;
    volatile bool ok = false;

    cinfo.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = jpeg_on_error;
    fail.mgr.emit_message = jpeg_on_message;
    if (setjmp(fail.jump))
        goto done;
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&data, &len);
    cinfo.image_width = (JDIMENSION)w;
    cinfo.image_height = (JDIMENSION)h;
    /* cairo's 32-bit pixels as they lie in memory; the alpha byte is 0xFF. */
    cinfo.input_components = 4;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    cinfo.in_color_space = JCS_EXT_BGRX;
#else
    cinfo.in_color_space = JCS_EXT_XRGB;
#endif
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, JPEG_QUALITY, TRUE);
    for (int c = 0; full_chroma && c < cinfo.num_components; c++)
        cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
    if (restarts)
        cinfo.restart_in_rows = 1;
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height)
        jpeg_write_scanlines(&cinfo, (JSAMPARRAY)(rows + cinfo.next_scanline),
                             cinfo.image_height - cinfo.next_scanline);
    jpeg_finish_compress(&cinfo);
    ok = true;
done:
    jpeg_destroy_compress(&cinfo);
    if (ok) {
        *out = data;
        *out_len = len;
    } else {
        free(data);
    }
    return ok;
}

bool fimg_encode_jpeg(cairo_surface_t *s, bool full_chroma, unsigned char **out,
                      size_t *out_len)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    unsigned char *px = cairo_image_surface_get_data(s);
    size_t stride = (size_t)cairo_image_surface_get_stride(s);
    unsigned char **rows = malloc((size_t)(h > 0 ? h : 1) * sizeof *rows);
    if (!rows || !px) {
        free(rows);
        return false;
    }
    for (int y = 0; y < h; y++)
        rows[y] = px + (size_t)y * stride;
    bool ok = fimg_encode_jpeg_rows(w, h, rows, full_chroma, false, out, out_len);
    free(rows);
    return ok;
}

static void append_png(png_structp png, png_bytep data, size_t len)
{
    buf_append(png_get_io_ptr(png), data, len);
}

static void png_on_error(png_structp png, png_const_charp msg)
{
    png_longjmp(png, 1);
}

static bool is_opaque(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            if (row[x] >> 24 != 0xFF)
                return false;
    }
    return true;
}

/* One surface row as straight RGB or RGBA bytes. */
static void png_row(const uint32_t *in, unsigned char *out, int w, bool alpha)
{
    for (int x = 0; x < w; x++) {
        uint32_t v = alpha ? fimg_unpremultiply(in[x]) : in[x]; /* PNG's alpha is straight */
        unsigned a = v >> 24, r = v >> 16 & 0xFF, g = v >> 8 & 0xFF, b = v & 0xFF;
        *out++ = (unsigned char)r, *out++ = (unsigned char)g, *out++ = (unsigned char)b;
        if (alpha)
            *out++ = (unsigned char)a;
    }
}

bool fimg_encode_png(cairo_surface_t *s, unsigned char **out, size_t *out_len)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *pixels = cairo_image_surface_get_data(s);
    bool alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 && !is_opaque(s);
    buf data = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_on_error, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile row = malloc((size_t)w * 4);
    volatile bool ok = false; /* read after a longjmp from libpng */
    if (!png || !info || !row || !pixels)
        goto done;
    if (setjmp(png_jmpbuf(png)))
        goto done;
    png_set_write_fn(png, &data, append_png, NULL);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* One cheap filter and zlib's fastest level that still matches strings. */
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_compression_level(png, 2);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        png_row((const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride), row, w,
                alpha);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    ok = true;
done:
    png_destroy_write_struct(&png, &info);
    free(row);
    if (!ok || data.len == 0) {
        buf_free(&data);
        return false;
    }
    *out_len = data.len;
    *out = (unsigned char *)buf_detach(&data);
    return true;
}
