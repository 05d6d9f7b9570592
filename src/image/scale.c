/* Downsampling by area averaging: each output pixel is the mean of the
 * source area it covers (fractional at the edges), on premultiplied ARGB32,
 * so transparent pixels do not darken their neighbours. */
#include <math.h>
#include <stdlib.h>

#include "image/codec.h"

/* The source pixels covering each output index, with their weights. */
typedef struct spans {
    int *first, *count;
    float *weight; /* count[o] weights for output o, starting at offset[o] */
    int *offset;
} spans;

static void spans_free(spans *s)
{
    free(s->first);
    free(s->count);
    free(s->weight);
    free(s->offset);
}

static bool spans_make(spans *s, int in, int out)
{
    double ratio = (double)in / out;
    int per = (int)ceil(ratio) + 1;
    s->first = malloc((size_t)out * sizeof *s->first);
    s->count = malloc((size_t)out * sizeof *s->count);
    s->offset = malloc((size_t)out * sizeof *s->offset);
    s->weight = malloc((size_t)out * (size_t)per * sizeof *s->weight);
    if (!s->first || !s->count || !s->offset || !s->weight)
        return false;
    for (int o = 0; o < out; o++) {
        double a = o * ratio, b = (o + 1) * ratio;
        int i0 = (int)floor(a), i1 = (int)ceil(b);
        if (i1 > in)
            i1 = in;
        s->first[o] = i0;
        s->count[o] = i1 - i0;
        s->offset[o] = o * per;
        for (int i = i0; i < i1; i++) {
            double lo = i > a ? i : a, hi = i + 1 < b ? i + 1 : b;
            s->weight[o * per + (i - i0)] = (float)((hi - lo) / ratio);
        }
    }
    return true;
}

/* One source row reduced horizontally into out (4 floats per pixel). */
static void reduce_row(const uint32_t *row, const spans *xs, int tw, float *out)
{
    for (int o = 0; o < tw; o++) {
        float c[4] = {0, 0, 0, 0};
        const float *wt = xs->weight + xs->offset[o];
        const uint32_t *p = row + xs->first[o];
        for (int k = 0; k < xs->count[o]; k++) {
            uint32_t v = p[k];
            c[0] += wt[k] * (float)(v >> 24);
            c[1] += wt[k] * (float)(v >> 16 & 0xFF);
            c[2] += wt[k] * (float)(v >> 8 & 0xFF);
            c[3] += wt[k] * (float)(v & 0xFF);
        }
        for (int j = 0; j < 4; j++)
            out[4 * o + j] = c[j];
    }
}

static uint32_t channel(float v)
{
    long c = lroundf(v);
    return c < 0 ? 0 : c > 255 ? 255 : (uint32_t)c;
}

cairo_surface_t *fimg_downsample(cairo_surface_t *src, int tw, int th, const char **why)
{
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    spans xs = {0}, ys = {0};
    float *acc = NULL, *tmp = NULL;
    cairo_surface_t *dst = NULL;
    if (tw > w || th > h || cairo_image_surface_get_format(src) != CAIRO_FORMAT_ARGB32) {
        *why = "bad downsampling request";
        return NULL;
    }
    if (!spans_make(&xs, w, tw) || !spans_make(&ys, h, th) ||
        !(acc = malloc((size_t)tw * 4 * sizeof *acc)) ||
        !(tmp = malloc((size_t)tw * 4 * sizeof *tmp))) {
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
    for (int oy = 0; oy < th; oy++) {
        for (int i = 0; i < tw * 4; i++)
            acc[i] = 0;
        const float *wy = ys.weight + ys.offset[oy];
        for (int k = 0; k < ys.count[oy]; k++) {
            int sy = ys.first[oy] + k;
            reduce_row((const uint32_t *)(const void *)(in + (size_t)sy * (size_t)in_stride),
                       &xs, tw, tmp);
            for (int i = 0; i < tw * 4; i++)
                acc[i] += wy[k] * tmp[i];
        }
        uint32_t *row = (uint32_t *)(void *)(out + (size_t)oy * (size_t)out_stride);
        for (int ox = 0; ox < tw; ox++) {
            const float *c = acc + 4 * ox;
            uint32_t a = channel(c[0]), r = channel(c[1]), g = channel(c[2]), b = channel(c[3]);
            /* Rounding must not leave a colour above its alpha. */
            row[ox] = a << 24 | (r > a ? a : r) << 16 | (g > a ? a : g) << 8 | (b > a ? a : b);
        }
    }
    cairo_surface_mark_dirty(dst);
done:
    spans_free(&xs);
    spans_free(&ys);
    free(acc);
    free(tmp);
    return dst;
}
