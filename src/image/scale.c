/* Downsampling by area averaging: each output pixel is the mean of the
 * source area it covers (fractional at the edges), on premultiplied ARGB32,
 * so transparent pixels do not darken their neighbours. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* A horizontal sum fits 16 bits: weights summing to ONE times 8-bit samples. */
_Static_assert(ONE * 255 <= UINT16_MAX, "a reduced row's sums fit uint16_t");

/* One source row reduced horizontally into out (4 channels per pixel, in
 * the pixels' byte order, scaled by ONE). */
static void reduce_row(const unsigned char *row, const spans *xs, int tw, uint16_t *out)
{
    for (int o = 0; o < tw; o++) {
        const uint16_t *wt = xs->weight + (size_t)o * (size_t)xs->per;
        const unsigned char *p = row + 4 * (size_t)xs->first[o];
#ifdef __SSE2__
        /* the pixel's 4 channels in 16-bit lanes, weighted and summed */
        const __m128i zero = _mm_setzero_si128();
        __m128i acc = zero;
        for (int k = 0; k < xs->count[o]; k++, p += 4) {
            uint32_t v;
            memcpy(&v, p, 4);
            __m128i px = _mm_unpacklo_epi8(_mm_cvtsi32_si128((int)v), zero);
            acc = _mm_add_epi16(acc, _mm_mullo_epi16(px, _mm_set1_epi16((short)wt[k])));
        }
        _mm_storel_epi64((__m128i *)(void *)(out + 4 * (size_t)o), acc);
#else
        uint32_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (int k = 0; k < xs->count[o]; k++, p += 4) {
            c0 += wt[k] * p[0];
            c1 += wt[k] * p[1];
            c2 += wt[k] * p[2];
            c3 += wt[k] * p[3];
        }
        uint16_t *q = out + 4 * (size_t)o;
        q[0] = (uint16_t)c0, q[1] = (uint16_t)c1, q[2] = (uint16_t)c2, q[3] = (uint16_t)c3;
#endif
    }
}

/* One output row: the reduced rows r[0..count) weighted by wy, summed and
 * rounded to bytes; n samples (a multiple of 4; the rows hold a multiple
 * of 8, zero past n). */
static void combine_rows(const uint16_t *const *r, const uint16_t *wy, int count, size_t n,
                         unsigned char *out)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i half = _mm_set1_epi32(ONE * ONE / 2);
    for (; i < n; i += 8) {
        __m128i lo = half, hi = half;
        for (int k = 0; k < count; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(r[k] + i));
            __m128i w = _mm_set1_epi16((short)wy[k]);
            __m128i pl = _mm_mullo_epi16(v, w), ph = _mm_mulhi_epu16(v, w);
            lo = _mm_add_epi32(lo, _mm_unpacklo_epi16(pl, ph));
            hi = _mm_add_epi32(hi, _mm_unpackhi_epi16(pl, ph));
        }
        __m128i px = _mm_packs_epi32(_mm_srli_epi32(lo, 16), _mm_srli_epi32(hi, 16));
        px = _mm_packus_epi16(px, px);
        if (i + 8 <= n) {
            _mm_storel_epi64((__m128i *)(void *)(out + i), px);
        } else {
            uint32_t v = (uint32_t)_mm_cvtsi128_si32(px);
            memcpy(out + i, &v, 4);
        }
    }
#endif
    for (; i < n; i++) {
        uint32_t acc = ONE * ONE / 2;
        for (int k = 0; k < count; k++)
            acc += (uint32_t)wy[k] * r[k][i];
        out[i] = (unsigned char)(acc / (ONE * ONE));
    }
}

cairo_surface_t *fimg_downsample(cairo_surface_t *src, int tw, int th, const char **why)
{
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    spans xs = {0}, ys = {0};
    uint16_t *ring = NULL;
    int *reduced = NULL;
    const uint16_t **rows = NULL;
    cairo_surface_t *dst = NULL;
    if (tw > w || th > h || cairo_image_surface_get_format(src) != CAIRO_FORMAT_ARGB32) {
        *why = "bad downsampling request";
        return NULL;
    }
    size_t n = (size_t)tw * 4, n8 = (n + 7) & ~(size_t)7;
    if (!spans_make(&xs, w, tw) || !spans_make(&ys, h, th) ||
        !(ring = calloc((size_t)ys.per * n8, sizeof *ring)) ||
        !(reduced = malloc((size_t)ys.per * sizeof *reduced)) ||
        !(rows = malloc((size_t)ys.per * sizeof *rows))) {
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
    /* Reduced rows in a ring of ys.per: an output row's source rows are
     * consecutive and at most ys.per, so they never share a slot, and a
     * row on the border of two output rows is reduced once. */
    for (int i = 0; i < ys.per; i++)
        reduced[i] = -1;
    for (int oy = 0; oy < th; oy++) {
        for (int k = 0; k < ys.count[oy]; k++) {
            int sy = ys.first[oy] + k, slot = sy % ys.per;
            uint16_t *r = ring + (size_t)slot * n8;
            if (reduced[slot] != sy) {
                reduce_row(in + (size_t)sy * (size_t)in_stride, &xs, tw, r);
                reduced[slot] = sy;
            }
            rows[k] = r;
        }
        combine_rows(rows, ys.weight + (size_t)oy * (size_t)ys.per, ys.count[oy], n,
                     out + (size_t)oy * (size_t)out_stride);
    }
    cairo_surface_mark_dirty(dst);
done:
    spans_free(&xs);
    spans_free(&ys);
    free(ring);
    free(reduced);
    free(rows);
    return dst;
}
