/* Downsampling by area averaging: each output pixel is the mean of the
 * source area it covers (fractional at the edges), on premultiplied ARGB32,
 * so transparent pixels do not darken their neighbours. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "image/codec.h"

/* Weights are fixed point: those of one output pixel sum to exactly ONE, so
 * a row reduced horizontally fits 16 bits per channel and a full 2-D sum 32. */
enum { ONE = 256 };

/* The source pixels covering each output index, with their weights. */
typedef struct spans {
    int *first, *count;
    uint16_t *weight; /* count[o] weights for output o, from o * per */
    int per;
} spans;

static void spans_free(spans *s)
{
    free(s->first);
    free(s->count);
    free(s->weight);
}

static bool spans_make(spans *s, int in, int out)
{
    double ratio = (double)in / out;
    s->per = (int)ceil(ratio) + 1;
    s->first = malloc((size_t)out * sizeof *s->first);
    s->count = malloc((size_t)out * sizeof *s->count);
    s->weight = malloc((size_t)out * (size_t)s->per * sizeof *s->weight);
    if (!s->first || !s->count || !s->weight)
        return false;
    for (int o = 0; o < out; o++) {
        double a = o * ratio, b = (o + 1) * ratio;
        int i0 = (int)floor(a), i1 = (int)ceil(b);
        if (i1 > in)
            i1 = in;
        s->first[o] = i0;
        s->count[o] = i1 - i0;
        uint16_t *wt = s->weight + (size_t)o * (size_t)s->per;
        int left = ONE;
        for (int i = i0; i < i1; i++) {
            double lo = i > a ? i : a, hi = i + 1 < b ? i + 1 : b;
            int v = i + 1 < i1 ? (int)lround((hi - lo) / ratio * ONE) : left;
            if (v > left)
                v = left;
            wt[i - i0] = (uint16_t)v;
            left -= v;
        }
    }
    return true;
}

/* One source row reduced horizontally into out (4 channels per pixel, in
 * the pixels' byte order, scaled by ONE). */
static void reduce_row(const unsigned char *row, const spans *xs, int tw, uint32_t *out)
{
    for (int o = 0; o < tw; o++) {
        uint32_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        const uint16_t *wt = xs->weight + (size_t)o * (size_t)xs->per;
        const unsigned char *p = row + 4 * (size_t)xs->first[o];
        for (int k = 0; k < xs->count[o]; k++, p += 4) {
            c0 += wt[k] * p[0];
            c1 += wt[k] * p[1];
            c2 += wt[k] * p[2];
            c3 += wt[k] * p[3];
        }
        out[4 * o] = c0, out[4 * o + 1] = c1, out[4 * o + 2] = c2, out[4 * o + 3] = c3;
    }
}

cairo_surface_t *fimg_downsample(cairo_surface_t *src, int tw, int th, const char **why)
{
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    spans xs = {0}, ys = {0};
    uint32_t *acc = NULL, *rows[2] = {NULL, NULL};
    cairo_surface_t *dst = NULL;
    if (tw > w || th > h || cairo_image_surface_get_format(src) != CAIRO_FORMAT_ARGB32) {
        *why = "bad downsampling request";
        return NULL;
    }
    size_t n = (size_t)tw * 4;
    if (!spans_make(&xs, w, tw) || !spans_make(&ys, h, th) ||
        !(acc = malloc(n * sizeof *acc)) || !(rows[0] = malloc(n * sizeof *acc)) ||
        !(rows[1] = malloc(n * sizeof *acc))) {
        *why = "out of memory";
        goto done;
    }
    dst = fimg_surface_new(tw, th, why);
    if (!dst)
        goto done;
    cairo_surface_flush(src);
    const unsigned char *in = cairo_image_surface_get_data(src);
    unsigned char *out = cairo_image_surface_get_data(dst);
    int in_stride = cairo_image_surface_get_stride(src);
    int out_stride = cairo_image_surface_get_stride(dst);
    /* A source row on the border of two output rows is reduced once. */
    int reduced[2] = {-1, -1};
    for (int oy = 0; oy < th; oy++) {
        for (size_t i = 0; i < n; i++)
            acc[i] = 0;
        const uint16_t *wy = ys.weight + (size_t)oy * (size_t)ys.per;
        for (int k = 0; k < ys.count[oy]; k++) {
            int sy = ys.first[oy] + k, slot = sy & 1;
            if (reduced[slot] != sy) {
                reduce_row(in + (size_t)sy * (size_t)in_stride, &xs, tw, rows[slot]);
                reduced[slot] = sy;
            }
            const uint32_t *r = rows[slot];
            for (size_t i = 0; i < n; i++)
                acc[i] += wy[k] * r[i];
        }
        unsigned char *row = out + (size_t)oy * (size_t)out_stride;
        for (size_t i = 0; i < n; i++)
            row[i] = (unsigned char)((acc[i] + ONE * ONE / 2) / (ONE * ONE));
    }
    cairo_surface_mark_dirty(dst);
done:
    spans_free(&xs);
    spans_free(&ys);
    free(acc);
    free(rows[0]);
    free(rows[1]);
    return dst;
}
