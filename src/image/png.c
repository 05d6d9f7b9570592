/* PNG decoding with libpng from memory. The caller has checked the header
 * size against the limits; libpng's own user limits repeat that check. */
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"

typedef struct png_source {
    const unsigned char *data;
    size_t len, pos;
} png_source;

static void read_mem(png_structp png, png_bytep out, size_t n)
{
    png_source *s = png_get_io_ptr(png);
    if (n > s->len - s->pos)
        png_error(png, "truncated");
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
}

/* Corrupt input is an ordinary outcome here: no message on stderr. */
static void on_error(png_structp png, png_const_charp msg)
{
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {}

cairo_surface_t *fimg_decode_png(const unsigned char *d, size_t len, const char **why)
{
    cairo_surface_t *s = fimg_decode_png_fast(d, len, why);
    return s ? s : fimg_decode_png_libpng(d, len, why);
}

cairo_surface_t *fimg_decode_png_libpng(const unsigned char *d, size_t len, const char **why)
{
    png_source src = {d, len, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    cairo_surface_t *volatile surface = NULL;
    png_bytep *volatile rows = NULL;
    if (!info) {
        *why = "out of memory";
        png_destroy_read_struct(&png, NULL, NULL);
        return NULL;
    }
    if (setjmp(png_jmpbuf(png))) {
        *why = "corrupt or truncated PNG";
        if (surface)
            cairo_surface_destroy(surface);
        surface = NULL;
        goto done;
    }
    png_set_read_fn(png, &src, read_mem);
    png_set_user_limits(png, 32767, 32767);
    png_set_chunk_malloc_max(png, 8u << 20); /* text and ICC chunks */
    /* Each chunk's CRC already guards the data; the zlib checksum on top
     * costs a pass over every decompressed byte. */
#ifdef PNG_IGNORE_ADLER32
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    png_read_info(png, info);

    int w = (int)png_get_image_width(png, info), h = (int)png_get_image_height(png, info);
    png_set_expand(png); /* palette, low-bit gray and tRNS to 8-bit (RGB)A */
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    /* Rows land directly in the surface as native-endian 32-bit ARGB. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    png_set_bgr(png);
    png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
#else
    png_set_filler(png, 0xFF, PNG_FILLER_BEFORE);
    png_set_swap_alpha(png);
#endif
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    surface = fimg_surface_unclear(w, h, why);
    if (!surface)
        goto done;
    rows = malloc((size_t)h * sizeof *rows);
    if (!rows) {
        *why = "out of memory";
        cairo_surface_destroy(surface);
        surface = NULL;
        goto done;
    }
    unsigned char *pixels = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < h; y++)
        rows[y] = pixels + (size_t)y * (size_t)stride;
    png_read_image(png, rows);

    /* libpng gives straight alpha; cairo wants it premultiplied. */
    for (int y = 0; y < h; y++) {
        uint32_t *p = (uint32_t *)(void *)rows[y];
        for (int x = 0; x < w; x++) {
            uint32_t v = p[x];
            unsigned a = v >> 24;
            if (a != 255)
                p[x] = fimg_pack(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF, a);
        }
    }
    cairo_surface_mark_dirty(surface);
done:
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return surface;
}
