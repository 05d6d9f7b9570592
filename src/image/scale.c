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
 * source rows summed vertically fit 16 bits per channel and a full 2-D sum
 * 32. The sum is exact, so its order does not matter: the rows of one
 * output row are summed first (whole rows, SIMD), then across, once per
 * output row rather than once per source row. */
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

/* col[i] (+)= w × row[i] for n bytes (n a multiple of 4); first: set, not
 * added. Sums stay under ONE × 255: 16 bits. */
static void sum_row(uint16_t *col, const unsigned char *row, unsigned w, size_t n, bool first)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128(), wv = _mm_set1_epi16((short)w);
    for (; i + 16 <= n; i += 16) {
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(row + i));
        __m128i lo = _mm_mullo_epi16(_mm_unpacklo_epi8(b, zero), wv);
        __m128i hi = _mm_mullo_epi16(_mm_unpackhi_epi8(b, zero), wv);
        __m128i *c = (__m128i *)(void *)(col + i);
        if (!first) {
            lo = _mm_add_epi16(lo, _mm_loadu_si128(c));
            hi = _mm_add_epi16(hi, _mm_loadu_si128(c + 1));
        }
        _mm_storeu_si128(c, lo);
        _mm_storeu_si128(c + 1, hi);
    }
#endif
    for (; i < n; i++)
        col[i] = (uint16_t)((first ? 0 : col[i]) + w * row[i]);
}

/* An output row from its source rows summed (col): each pixel the sum of
 * its columns' weights times theirs, divided by ONE × ONE, rounded. */
static void reduce_across(unsigned char *out, const uint16_t *col, const spans *xs, int tw)
{
    for (int o = 0; o < tw; o++) {
        const uint16_t *wt = xs->weight + (size_t)o * (size_t)xs->per;
        const uint16_t *p = col + 4 * (size_t)xs->first[o];
#ifdef __SSE2__
        __m128i acc = _mm_setzero_si128();
        for (int k = 0; k < xs->count[o]; k++, p += 4) {
            __m128i v = _mm_loadl_epi64((const __m128i *)(const void *)p);
            __m128i wv = _mm_set1_epi16((short)wt[k]);
            __m128i lo = _mm_mullo_epi16(v, wv), hi = _mm_mulhi_epu16(v, wv);
            acc = _mm_add_epi32(acc, _mm_unpacklo_epi16(lo, hi));
        }
        acc = _mm_srli_epi32(_mm_add_epi32(acc, _mm_set1_epi32(ONE * ONE / 2)), 16);
        acc = _mm_packs_epi32(acc, acc); /* each ≤ 255 */
        uint32_t px = (uint32_t)_mm_cvtsi128_si32(_mm_packus_epi16(acc, acc));
        memcpy(out + 4 * (size_t)o, &px, 4);
#else
        uint32_t c[4] = {0, 0, 0, 0};
        for (int k = 0; k < xs->count[o]; k++, p += 4)
            for (int j = 0; j < 4; j++)
                c[j] += (uint32_t)wt[k] * p[j];
        for (int j = 0; j < 4; j++)
            out[4 * (size_t)o + (size_t)j] = (unsigned char)((c[j] + ONE * ONE / 2) / (ONE * ONE));
#endif
    }
}

cairo_surface_t *fimg_downsample(cairo_surface_t *src, int tw, int th, const char **why)
{
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    spans xs = {0}, ys = {0};
    uint16_t *col = NULL;
    cairo_surface_t *dst = NULL;
    if (tw > w || th > h || cairo_image_surface_get_format(src) != CAIRO_FORMAT_ARGB32) {
        *why = "bad downsampling request";
        return NULL;
    }
    size_t n = (size_t)w * 4;
    if (!spans_make(&xs, w, tw) || !spans_make(&ys, h, th) || !(col = malloc(n * sizeof *col))) {
        *why = "out of memory";
        goto done;
    }
    dst = fimg_surface_unclear(tw, th, why);
    if (!dst)
        goto done;
    cairo_surface_flush(src);
    const unsigned char *in = cairo_image_surface_get_data(src);
    unsigned char *out = cairo_image_surface_get_data(dst);
    int in_stride = cairo_image_surface_get_stride(src);
    int out_stride = cairo_image_surface_get_stride(dst);
    for (int oy = 0; oy < th; oy++) {
        const uint16_t *wy = ys.weight + (size_t)oy * (size_t)ys.per;
        for (int k = 0; k < ys.count[oy]; k++)
            sum_row(col, in + (size_t)(ys.first[oy] + k) * (size_t)in_stride, wy[k], n, k == 0);
        reduce_across(out + (size_t)oy * (size_t)out_stride, col, &xs, tw);
    }
    cairo_surface_mark_dirty(dst);
done:
    spans_free(&xs);
    spans_free(&ys);
    free(col);
    return dst;
}
