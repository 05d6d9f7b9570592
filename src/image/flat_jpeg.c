/* The EPUB's cover as a JPEG without encoding its flat rows again: most of
 * a drawn page's rows of blocks (16 pixel rows at 4:2:0) are one colour,
 * the band's or the paper's, and libjpeg transforms and codes each alike
 * (3.7 of a cover's 7.7 ms). With a restart marker after each row of
 * blocks, a row's coded bytes depend on its own pixels only: libjpeg
 * encodes the image less the flat rows already seen (a "mosaic"), and the
 * file is put together from the mosaic's rows, a repeated flat row's bytes
 * copied. The result is, byte for byte, libjpeg's own encoding of the
 * whole image with those restarts (tests/unit/test_image_flat_jpeg.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "util/buf.h"

enum {
    BLOCK_ROWS = 16, /* pixel rows in a row of blocks at 4:2:0 */
    MAX_COLOURS = 8  /* flat colours kept; a ninth row colour is encoded */
};

static bool row_flat(const uint32_t *row, int w)
{
    for (int x = 1; x < w; x++)
        if (row[x] != row[0])
            return false;
    return true;
}

/* Whether rows y0 .. y0 + BLOCK_ROWS - 1 are all one colour (*colour). */
static bool block_row_flat(const unsigned char *px, size_t stride, int w, int y0,
                           uint32_t *colour)
{
    const unsigned char *first = px + (size_t)y0 * stride;
    if (!row_flat((const uint32_t *)(const void *)first, w))
        return false;
    for (int y = 1; y < BLOCK_ROWS; y++)
        if (memcmp(px + (size_t)(y0 + y) * stride, first, 4 * (size_t)w) != 0)
            return false;
    memcpy(colour, first, 4);
    return true;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* The mosaic's header (through the scan header) and its rows' coded bytes,
 * each without the restart marker after it. false: not laid out as libjpeg
 * writes a baseline file with restarts. */
typedef struct coded {
    size_t header_len, sof_at; /* sof_at: the frame's height */
    size_t *start, *len;       /* of each row of blocks */
} coded;

static bool split(const unsigned char *d, size_t n, size_t rows, coded *c)
{
    size_t i = 2;
    c->sof_at = 0;
    for (;;) {
        if (i + 4 > n || d[i] != 0xFF)
            return false;
        unsigned m = d[i + 1];
        size_t seg = be16(d + i + 2);
        if (m == 0xC0)
            c->sof_at = i + 5;
        i += 2 + seg;
        if (m == 0xDA)
            break;
    }
    if (!c->sof_at || i > n)
        return false;
    c->header_len = i;
    size_t k = 0;
    c->start[0] = i;
    for (; i + 1 < n; i++) {
        if (d[i] != 0xFF || d[i + 1] == 0x00)
            continue;
        bool restart = d[i + 1] >= 0xD0 && d[i + 1] <= 0xD7;
        if (!restart && d[i + 1] != 0xD9)
            return false;
        c->len[k] = i - c->start[k];
        if (++k == rows)
            return !restart && i + 2 == n;
        if (!restart)
            return false;
        c->start[k] = ++i + 1;
    }
    return false;
}

bool fimg_encode_jpeg_flat(cairo_surface_t *s, unsigned char **out, size_t *out_len)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    size_t stride = (size_t)cairo_image_surface_get_stride(s);
    if (!px || w <= 0 || h <= 0 || h > 0xFFFF)
        return false;
    size_t n = ((size_t)h + BLOCK_ROWS - 1) / BLOCK_ROWS;
    /* each row of blocks: the mosaic row whose bytes it has */
    size_t *from = malloc(n * sizeof *from), m = 0;
    unsigned char **rows = malloc((size_t)h * sizeof *rows);
    coded c = {.start = malloc(n * sizeof(size_t)), .len = malloc(n * sizeof(size_t))};
    unsigned char *mosaic = NULL;
    size_t mosaic_len = 0;
    bool ok = false;
    if (!from || !rows || !c.start || !c.len)
        goto done;
    uint32_t colours[MAX_COLOURS];
    size_t colour_row[MAX_COLOURS], n_colours = 0, n_rows = 0;
    for (size_t r = 0; r < n; r++) {
        uint32_t colour;
        size_t k = n_colours;
        /* the last row, maybe partial (libjpeg fills it below), always
         * encoded as it is */
        if (r + 1 < n && block_row_flat(px, stride, w, (int)r * BLOCK_ROWS, &colour)) {
            for (k = 0; k < n_colours && colours[k] != colour; k++)
                ;
            if (k < n_colours) {
                from[r] = colour_row[k];
                continue;
            }
            if (n_colours < MAX_COLOURS) {
                colours[n_colours] = colour;
                colour_row[n_colours++] = m;
            }
        }
        from[r] = m++;
        for (size_t y = r * BLOCK_ROWS; y < (r + 1) * BLOCK_ROWS && y < (size_t)h; y++)
            rows[n_rows++] = (unsigned char *)px + y * stride;
    }
    if (!fimg_encode_jpeg_rows(w, (int)n_rows, rows, false, true, &mosaic, &mosaic_len) ||
        !split(mosaic, mosaic_len, m, &c))
        goto done;
    buf o = {0};
    buf_append(&o, mosaic, c.header_len);
    o.data[c.sof_at] = (char)(h >> 8); /* the whole image's height */
    o.data[c.sof_at + 1] = (char)(h & 0xFF);
    for (size_t r = 0; r < n; r++) {
        buf_append(&o, mosaic + c.start[from[r]], c.len[from[r]]);
        unsigned char marker[2] = {0xFF, r + 1 < n ? (unsigned char)(0xD0 + r % 8) : 0xD9};
        buf_append(&o, marker, 2);
    }
    *out_len = o.len;
    *out = (unsigned char *)buf_detach(&o);
    ok = true;
done:
    free(from);
    free(rows);
    free(c.start);
    free(c.len);
    free(mosaic);
    return ok;
}
