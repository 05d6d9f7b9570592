/* image/png_fast: the PNGs it takes (8-bit gray, gray+alpha, RGB, RGBA,
 * every row filter) decode to exactly libpng's pixels; the others
 * (palette, 16-bit, interlaced, colour key, damaged data) are left to
 * libpng. */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "image/codec.h"
#include "util/buf.h"

static void to_buf(png_structp png, png_bytep data, size_t n)
{
    buf_append(png_get_io_ptr(png), data, n);
}

static void flush(png_structp png) {}

/* A w×h PNG of made-up pixels (gradients, noise and flat runs, alpha
 * from clear to opaque, runs of opaque and of clear pixels) written with
 * libpng using the given filters. */
static void make_png(buf *out, int w, int h, int type, int depth, int filters, bool interlace,
                     bool key)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, out, to_buf, flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_color palette[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_PLTE(png, info, palette, 4);
    if (key) {
        png_color_16 c = {.red = 10, .green = 20, .blue = 30};
        png_set_tRNS(png, info, NULL, 0, &c);
    }
    png_set_filter(png, 0, filters);
    png_write_info(png, info);
    int channels = type == PNG_COLOR_TYPE_PALETTE ? 1 : png_get_channels(png, info);
    size_t row_len = (size_t)w * (size_t)channels * (size_t)(depth == 16 ? 2 : 1);
    png_bytep *rows = malloc((size_t)h * sizeof *rows);
    unsigned seed = 12345;
    for (int y = 0; y < h; y++) {
        rows[y] = malloc(row_len);
        for (size_t i = 0; i < row_len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned v = (unsigned)(i * 7 + (size_t)y * 3) & 0xFF;
            if ((y / 4) % 3 == 1)
                v = seed >> 16 & 0xFF;
            else if ((y / 4) % 3 == 2)
                v = 200;
            /* RGBA rows opaque up to pixel 17 or clear: runs of four
             * such pixels are converted apart */
            if (type == PNG_COLOR_TYPE_RGB_ALPHA && i % 4 == 3 && y % 5 >= 3)
                v = y % 5 == 4 ? 0 : i / 4 < 17 ? 255 : v;
            rows[y][i] = (png_byte)(type == PNG_COLOR_TYPE_PALETTE ? v & 3 : v);
        }
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    for (int y = 0; y < h; y++)
        free(rows[y]);
    free(rows);
    png_destroy_write_struct(&png, &info);
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

/* Whether the fast decoder takes the PNG, and then gives libpng's pixels. */
static bool fast_and_same(const buf *png, bool *taken)
{
    const char *why = NULL;
    const unsigned char *d = (const unsigned char *)png->data;
    cairo_surface_t *fast = fimg_decode_png_fast(d, png->len, &why);
    cairo_surface_t *slow = fimg_decode_png_libpng(d, png->len, &why);
    *taken = fast != NULL;
    bool same = !fast || (slow && same_pixels(fast, slow));
    if (fast)
        cairo_surface_destroy(fast);
    if (slow)
        cairo_surface_destroy(slow);
    return same;
}

static void test_taken(void)
{
    const int types[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                         PNG_COLOR_TYPE_RGB_ALPHA};
    const int filters[] = {PNG_FILTER_NONE, PNG_FILTER_SUB, PNG_FILTER_UP, PNG_FILTER_AVG,
                           PNG_FILTER_PAETH, PNG_ALL_FILTERS};
    /* odd and even heights (Paeth rows are undone in pairs, the last
     * alone), one column, one row */
    const int sizes[][2] = {{37, 29}, {37, 30}, {1, 6}, {5, 1}};
    for (size_t t = 0; t < sizeof types / sizeof *types; t++)
        for (size_t f = 0; f < sizeof filters / sizeof *filters; f++)
            for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
                buf png = {0};
                make_png(&png, sizes[z][0], sizes[z][1], types[t], 8, filters[f], false, false);
                bool taken;
                CHECK(fast_and_same(&png, &taken));
                CHECK(taken);
                buf_free(&png);
            }
}

static void test_left_to_libpng(void)
{
    struct {
        int type, depth;
        bool interlace, key;
    } cases[] = {
        {PNG_COLOR_TYPE_PALETTE, 8, false, false},
        {PNG_COLOR_TYPE_RGB, 16, false, false},
        {PNG_COLOR_TYPE_RGB_ALPHA, 8, true, false},
        {PNG_COLOR_TYPE_RGB, 8, false, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf png = {0};
        make_png(&png, 20, 12, cases[i].type, cases[i].depth, PNG_ALL_FILTERS, cases[i].interlace,
                 cases[i].key);
        bool taken;
        CHECK(fast_and_same(&png, &taken));
        CHECK(!taken);
        buf_free(&png);
    }
    /* damaged image data: not taken (libpng says why) */
    buf png = {0};
    make_png(&png, 20, 12, PNG_COLOR_TYPE_RGB, 8, PNG_ALL_FILTERS, false, false);
    unsigned char *d = (unsigned char *)png.data;
    for (size_t at = 8; at + 12 <= png.len;) {
        size_t n = (size_t)d[at] << 24 | (size_t)d[at + 1] << 16 | (size_t)d[at + 2] << 8 | d[at + 3];
        if (!memcmp(d + at + 4, "IDAT", 4))
            memset(d + at + 8 + n / 2, 0xFF, n - n / 2);
        at += 12 + n;
    }
    const char *why = NULL;
    CHECK(fimg_decode_png_fast(d, png.len, &why) == NULL);
    buf_free(&png);
}

/* The PNG specification's unfiltering, a byte at a time. */
static unsigned char ref_paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

static void ref_unfilter(unsigned char *raw, size_t h, size_t row_len, size_t bpp)
{
    for (size_t y = 0; y < h; y++) {
        unsigned char *row = raw + y * (row_len + 1) + 1;
        const unsigned char *up = y ? row - row_len - 1 : NULL;
        for (size_t i = 0; i < row_len; i++) {
            int a = i >= bpp ? row[i - bpp] : 0, b = up ? up[i] : 0;
            int c = up && i >= bpp ? up[i - bpp] : 0;
            int pred[5] = {0, a, b, (a + b) / 2, ref_paeth(a, b, c)};
            row[i] = (unsigned char)(row[i] + pred[row[-1]]);
        }
    }
}

/* fimg_png_unfilter against the definition on random rows: every bytes per
 * pixel a PNG has, widths of 1 to 40 pixels, runs of Paeth rows of odd and
 * even length (undone in pairs) between the other filters; the filter bytes
 * and the slack byte after the rows come back as they were. */
static void test_unfilter_random(void)
{
    const size_t bpps[] = {1, 2, 3, 4, 6, 8};
    unsigned seed = 2024;
    for (size_t k = 0; k < sizeof bpps / sizeof *bpps; k++)
        for (size_t w = 1; w <= 40; w += (w < 6 ? 1 : 7))
            for (int round = 0; round < 20; round++) {
                size_t h = 1 + (size_t)round % 9, row_len = w * bpps[k];
                size_t len = h * (row_len + 1) + 1;
                unsigned char *got = malloc(len), *want = malloc(len);
                for (size_t i = 0; i < len; i++) {
                    seed = seed * 1103515245u + 12345u;
                    got[i] = (unsigned char)(seed >> 16);
                }
                for (size_t y = 0; y < h; y++) {
                    seed = seed * 1103515245u + 12345u;
                    unsigned r = seed >> 16 & 7; /* Paeth more often than not */
                    got[y * (row_len + 1)] = (unsigned char)(r < 4 ? r : 4);
                }
                memcpy(want, got, len);
                ref_unfilter(want, h, row_len, bpps[k]);
                CHECK(fimg_png_unfilter(got, h, row_len, (int)bpps[k]));
                CHECK(!memcmp(got, want, len));
                free(got);
                free(want);
            }
    /* an unknown filter */
    unsigned char bad[2 * 4 + 1] = {0, 1, 2, 3, 5, 1, 2, 3, 0};
    CHECK(!fimg_png_unfilter(bad, 2, 3, 3));
}

int main(void)
{
    test_unfilter_random();
    test_taken();
    test_left_to_libpng();
    return check_done();
}
