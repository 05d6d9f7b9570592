/* image/flat_jpeg: a page of flat rows and drawn ones encoded with its
 * repeated flat rows copied is, byte for byte, libjpeg's encoding of the
 * whole page with a restart after each row of blocks (so the test fails on
 * any row taken from the wrong place, a marker misnumbered, a wrong
 * height), whatever the size (a last row of blocks partial or whole, a
 * width not a multiple of 16, one row of blocks), with more flat colours
 * than are kept, and a page with no flat row; and decoded it gives the
 * pixels of fimg_encode_jpeg's file, which has no restarts. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "image/codec.h"
#include "image/image.h"

/* Rows of blocks in turn: flat colours (some again after others), noise,
 * a flat row with one pixel off, one colour above another within a row;
 * colours: how many flat colours cycle (more than flat_jpeg.c keeps). */
static cairo_surface_t *page(int w, int h, int colours)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned seed = 7;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * (size_t)stride);
        int band = y / 16, kind = band % 5;
        uint32_t flat = 0xFF000000u | (uint32_t)(band % colours) * 0x2F1B37u;
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t v = flat;
            if (kind == 2)
                v = 0xFF000000u | seed >> 8;
            else if (kind == 3 && x == w / 2 && y % 16 == 5)
                v = flat ^ 0x010000u;
            else if (kind == 4 && y % 16 >= 8)
                v = 0xFFFFFFFFu;
            row[x] = v;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static bool same_bytes(const unsigned char *a, size_t a_len, const unsigned char *b, size_t b_len)
{
    return a_len == b_len && memcmp(a, b, a_len) == 0;
}

static bool same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b))
        return false;
    for (int y = 0; y < h; y++)
        if (memcmp(cairo_image_surface_get_data(a) + y * cairo_image_surface_get_stride(a),
                   cairo_image_surface_get_data(b) + y * cairo_image_surface_get_stride(b),
                   (size_t)w * 4))
            return false;
    return true;
}

static void check_page(int w, int h, int colours)
{
    cairo_surface_t *s = page(w, h, colours);
    unsigned char *px = cairo_image_surface_get_data(s);
    unsigned char **rows = malloc((size_t)h * sizeof *rows);
    for (int y = 0; y < h; y++)
        rows[y] = px + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
    unsigned char *flat = NULL, *whole = NULL, *plain = NULL;
    size_t flat_len = 0, whole_len = 0, plain_len = 0;
    CHECK(fimg_encode_jpeg_flat(s, &flat, &flat_len));
    CHECK(fimg_encode_jpeg_rows(w, h, rows, false, true, &whole, &whole_len));
    CHECK(fimg_encode_jpeg(s, false, &plain, &plain_len));
    bool same = flat && whole && same_bytes(flat, flat_len, whole, whole_len);
    if (!same)
        fprintf(stderr, "%dx%d, %d colours: %zu bytes, libjpeg's %zu\n", w, h, colours, flat_len,
                whole_len);
    CHECK(same);
    const char *why = NULL;
    cairo_surface_t *a = flat ? fimg_decode_jpeg(flat, flat_len, 0, 0, &why) : NULL;
    cairo_surface_t *b = plain ? fimg_decode_jpeg(plain, plain_len, 0, 0, &why) : NULL;
    CHECK(a && b && same_pixels(a, b));
    if (a)
        cairo_surface_destroy(a);
    if (b)
        cairo_surface_destroy(b);
    free(flat);
    free(whole);
    free(plain);
    free(rows);
    cairo_surface_destroy(s);
}

/* A page without a flat row: the mosaic is the page. */
static void check_noise(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 40);
    unsigned char *d = cairo_image_surface_get_data(s);
    for (size_t i = 0; i < (size_t)cairo_image_surface_get_stride(s) * 40; i++)
        d[i] = (unsigned char)(i * 131 + i / 7);
    cairo_surface_mark_dirty(s);
    unsigned char *rows[40], *flat = NULL, *whole = NULL;
    for (int y = 0; y < 40; y++)
        rows[y] = d + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
    size_t flat_len = 0, whole_len = 0;
    CHECK(fimg_encode_jpeg_flat(s, &flat, &flat_len));
    CHECK(fimg_encode_jpeg_rows(40, 40, rows, false, true, &whole, &whole_len));
    CHECK(flat && whole && same_bytes(flat, flat_len, whole, whole_len));
    free(flat);
    free(whole);
    cairo_surface_destroy(s);
}

int main(void)
{
    /* the A4 cover's size (its last row of blocks one pixel high), whole
     * last rows, half ones, widths off 16, one row of blocks, one pixel */
    const int sizes[][2] = {{1200, 1697}, {1200, 320}, {48, 168}, {33, 200},
                            {37, 17},     {16, 16},    {24, 9},   {1, 1}};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        check_page(sizes[i][0], sizes[i][1], 3);
        check_page(sizes[i][0], sizes[i][1], 11); /* more than are kept */
    }
    check_noise();
    return check_done();
}
