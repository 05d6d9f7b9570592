/* The PNGs most files are (8-bit gray, gray+alpha, RGB or RGBA, not
 * interlaced, no transparent colour key) decoded in one go: the image data
 * inflated at once by libdeflate and unfiltered in place, instead of
 * libpng's row-by-row inflate and transformations, which took most of a
 * PDF's image time. The pixels are libpng's (png.c falls back to it for
 * everything else, corrupt files included, so its messages stay). */
#include <libdeflate.h>
#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

#include "image/codec.h"
#include "util/bigbuf.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The concatenated IDAT data (*owned when it had to be copied), after an
 * IHDR this decoder handles; NULL otherwise. */
static const unsigned char *image_data(const unsigned char *d, size_t len, int *w, int *h,
                                       int *channels, size_t *z_len, unsigned char **owned)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    *owned = NULL;
    if (len < 8 + 25 || memcmp(d, sig, 8) || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4))
        return NULL;
    const unsigned char *ihdr = d + 16;
    int depth = ihdr[8], type = ihdr[9];
    static const int channels_of[7] = {1, 0, 3, 0, 2, 0, 4};
    if (depth != 8 || type > 6 || !channels_of[type] || ihdr[10] || ihdr[11] || ihdr[12])
        return NULL;
    *w = (int)be32(ihdr), *h = (int)be32(ihdr + 4);
    *channels = channels_of[type];
    /* the chunks were walked and their CRCs checked (fimg_whole) */
    size_t total = 0, parts = 0;
    const unsigned char *first = NULL;
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t n = be32(d + at);
        const unsigned char *t = d + at + 4;
        if (n > len - at - 12)
            return NULL;
        if (!memcmp(t, "tRNS", 4))
            return NULL; /* a transparent colour: libpng's expansion */
        if (!memcmp(t, "IDAT", 4)) {
            first = first ? first : d + at + 8;
            total += n;
            parts++;
        }
        if (!memcmp(t, "IEND", 4))
            break;
        at += 12 + (size_t)n;
    }
    if (!parts)
        return NULL;
    *z_len = total;
    if (parts == 1)
        return first;
    unsigned char *z = malloc(total), *o = z;
    if (!z)
        return NULL;
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t n = be32(d + at);
        if (!memcmp(d + at + 4, "IDAT", 4)) {
            memcpy(o, d + at + 8, n);
            o += n;
        }
        if (!memcmp(d + at + 4, "IEND", 4))
            break;
        at += 12 + (size_t)n;
    }
    *owned = z;
    return z;
}

static inline unsigned char paeth(unsigned a, unsigned b, unsigned c)
{
    int p = (int)(a + b) - (int)c;
    int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
    return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

#ifdef __SSE2__
/* Paeth's predictor in 16-bit lanes (a left, b up, c up-left): the same
 * choice as paeth() for each byte. */
static inline __m128i paeth_lanes(__m128i a, __m128i b, __m128i c)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i pa_s = _mm_sub_epi16(b, c), pb_s = _mm_sub_epi16(a, c);
    __m128i pc_s = _mm_add_epi16(pa_s, pb_s);
    __m128i pa = _mm_max_epi16(pa_s, _mm_sub_epi16(zero, pa_s));
    __m128i pb = _mm_max_epi16(pb_s, _mm_sub_epi16(zero, pb_s));
    __m128i pc = _mm_max_epi16(pc_s, _mm_sub_epi16(zero, pc_s));
    __m128i least = _mm_min_epi16(pc, _mm_min_epi16(pa, pb));
    __m128i is_a = _mm_cmpeq_epi16(pa, least), is_b = _mm_cmpeq_epi16(pb, least);
    __m128i b_or_c = _mm_or_si128(_mm_and_si128(is_b, b), _mm_andnot_si128(is_b, c));
    return _mm_or_si128(_mm_and_si128(is_a, a), _mm_andnot_si128(is_a, b_or_c));
}

/* A pixel read and written as 4 bytes, also when it has 3: the 4th byte
 * (the next pixel's first, or the filter byte or slack byte after the
 * row) goes back as it was read, its lane of the predictor being zeroed
 * (keep_px). Built up from 3 bytes and written as 3, an RGB pixel cost
 * ~25 more instructions, and a round trip through the stack. */
static inline __attribute__((always_inline)) __m128i load_px(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return _mm_cvtsi32_si128((int)v);
}

static inline __attribute__((always_inline)) void store_px(unsigned char *p, __m128i x)
{
    uint32_t v = (uint32_t)_mm_cvtsi128_si32(x);
    memcpy(p, &v, 4);
}

/* A predictor's bytes (two pixels: lanes 0-3 and 4-7) with the 4th byte
 * of a 3-byte pixel zeroed, so that byte is left as it was. */
static inline __attribute__((always_inline)) __m128i keep_px(__m128i pred, int bpp)
{
    return bpp == 3 ? _mm_and_si128(pred, _mm_set1_epi32(0x00FFFFFF)) : pred;
}

/* Paeth on whole pixels of bpp (3 or 4) bytes at once, the bytes of one
 * pixel in 16-bit lanes. Inlined with a constant bpp. */
static inline __attribute__((always_inline)) void
unpaeth_pixels(unsigned char *row, const unsigned char *prev, size_t n, int bpp)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i a = zero, c = zero;
    for (size_t i = 0; i + (size_t)bpp <= n; i += (size_t)bpp) {
        __m128i b = _mm_unpacklo_epi8(load_px(prev + i), zero);
        __m128i x = _mm_add_epi8(load_px(row + i),
                                 keep_px(_mm_packus_epi16(paeth_lanes(a, b, c), zero), bpp));
        store_px(row + i, x);
        a = _mm_unpacklo_epi8(x, zero);
        c = b;
    }
}

/* Sub (each byte plus the one a pixel to its left) and Average (plus the
 * mean of left and up, rounded down) a whole pixel at a time: each pixel
 * waits for its left neighbour, one step instead of one per byte. */
static inline __attribute__((always_inline)) void unsub_pixels(unsigned char *row, size_t n,
                                                               int bpp)
{
    __m128i a = _mm_setzero_si128();
    size_t i = 0;
    /* 4-byte pixels four at a time: each plus the ones to its left in
     * the register (two shifted adds), plus the last pixel before */
    for (; bpp == 4 && i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(row + i));
        v = _mm_add_epi8(v, _mm_slli_si128(v, 4));
        v = _mm_add_epi8(_mm_add_epi8(v, _mm_slli_si128(v, 8)), a);
        _mm_storeu_si128((__m128i *)(void *)(row + i), v);
        a = _mm_shuffle_epi32(v, 0xFF);
    }
    for (; i + (size_t)bpp <= n; i += (size_t)bpp) {
        a = _mm_add_epi8(load_px(row + i), keep_px(a, bpp));
        store_px(row + i, a);
    }
}

static inline __attribute__((always_inline)) void
unavg_pixels(unsigned char *row, const unsigned char *prev, size_t n, int bpp)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i a = zero;
    for (size_t i = 0; i + (size_t)bpp <= n; i += (size_t)bpp) {
        __m128i b = _mm_unpacklo_epi8(load_px(prev + i), zero);
        __m128i mean = _mm_srli_epi16(_mm_add_epi16(a, b), 1);
        __m128i x = _mm_add_epi8(load_px(row + i), keep_px(_mm_packus_epi16(mean, zero), bpp));
        store_px(row + i, x);
        a = _mm_unpacklo_epi8(x, zero);
    }
}

/* One step of unpaeth_pair: here0 and here1 the two rows' filtered
 * pixels, up0 row0's pixel above; a and c carried to the next step. */
static inline __attribute__((always_inline)) __m128i pair_step(__m128i here0, __m128i here1,
                                                               __m128i up0, __m128i *a,
                                                               __m128i *c, int bpp)
{
    const __m128i zero = _mm_setzero_si128();
    /* row1's up is row0's pixel x-1, final since the last step */
    __m128i b = _mm_unpacklo_epi64(_mm_unpacklo_epi8(up0, zero), *a);
    __m128i here = _mm_unpacklo_epi32(here0, here1);
    __m128i xb = _mm_add_epi8(here, keep_px(_mm_packus_epi16(paeth_lanes(*a, b, *c), zero), bpp));
    *a = _mm_unpacklo_epi8(xb, zero);
    *c = b;
    return xb;
}

/* Two Paeth rows undone together, row1 one pixel behind row0 (its pixel
 * above is then final): each pixel waits for its left neighbour, and two
 * such chains side by side in one register take little more time than
 * one (a 1.2 MP photograph's Paeth rows were most of its decode). Lanes
 * 0-3 are row0's pixel, 4-7 row1's; the first and last steps, where one
 * row has no pixel, out of the loop. */
static inline __attribute__((always_inline)) void
unpaeth_pair(unsigned char *row0, unsigned char *row1, const unsigned char *prev, size_t n,
             int bpp)
{
    const __m128i zero = _mm_setzero_si128();
    size_t px = n / (size_t)bpp, k = (size_t)bpp;
    /* left of and above-left of pixel 0 are zero in both rows; row1's
     * lanes stay zero in the first step, where it has no pixel */
    __m128i a = zero, c = zero;
    store_px(row0, pair_step(load_px(row0), zero, load_px(prev), &a, &c, bpp));
    for (size_t x = 1; x < px; x++) {
        __m128i xb = pair_step(load_px(row0 + x * k), load_px(row1 + (x - 1) * k),
                               load_px(prev + x * k), &a, &c, bpp);
        store_px(row0 + x * k, xb);
        store_px(row1 + (x - 1) * k, _mm_srli_si128(xb, 4));
    }
    __m128i xb = pair_step(zero, load_px(row1 + (px - 1) * k), zero, &a, &c, bpp);
    store_px(row1 + (px - 1) * k, _mm_srli_si128(xb, 4));
}

/* Paeth's predictor on 16 bytes at once (a left, b up, c up-left), in
 * 8-bit lanes: pa = |b - c| and pb = |a - c| fit in a byte; pc = |pa + pb|
 * when b - c and a - c have the same sign, else |pa - pb|. A sum above 255
 * saturates, which keeps it no less than pa and pb, all the choice asks. */
static inline __attribute__((always_inline)) __m128i paeth_bytes(__m128i a, __m128i b, __m128i c)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i bc = _mm_subs_epu8(b, c), cb = _mm_subs_epu8(c, b);
    __m128i ac = _mm_subs_epu8(a, c), ca = _mm_subs_epu8(c, a);
    __m128i pa = _mm_or_si128(bc, cb), pb = _mm_or_si128(ac, ca);
    __m128i same = _mm_cmpeq_epi8(_mm_cmpeq_epi8(cb, zero), _mm_cmpeq_epi8(ca, zero));
    __m128i diff = _mm_or_si128(_mm_subs_epu8(pa, pb), _mm_subs_epu8(pb, pa));
    __m128i pc = _mm_or_si128(_mm_and_si128(same, _mm_adds_epu8(pa, pb)),
                              _mm_andnot_si128(same, diff));
    __m128i least = _mm_min_epu8(pa, _mm_min_epu8(pb, pc));
    __m128i is_a = _mm_cmpeq_epi8(pa, least), is_b = _mm_cmpeq_epi8(pb, least);
    __m128i b_or_c = _mm_or_si128(_mm_and_si128(is_b, b), _mm_andnot_si128(is_b, c));
    return _mm_or_si128(_mm_and_si128(is_a, a), _mm_andnot_si128(is_a, b_or_c));
}

/* Four Paeth rows undone together, row k k pixels behind row k-1, one
 * pixel of each in a 32-bit lane: a pixel's left neighbour is its own
 * lane of the last step, the one above is the lane below's. Twice the
 * pixels of unpaeth_pair a step, in 8-bit lanes (a 2249 × 1649 drawing's
 * Paeth rows, 6 → 3 instructions a byte). rows[k] is row k, prev the row
 * above row 0. */
static inline __attribute__((always_inline)) void
unpaeth_quad(unsigned char *const rows[4], const unsigned char *prev, size_t n, int bpp)
{
    const __m128i zero = _mm_setzero_si128();
    size_t px = n / (size_t)bpp, k = (size_t)bpp;
    __m128i x = zero, c = zero;
    /* the first three and last three steps, where some rows have no
     * pixel, go through arrays: those rows' lanes are kept at zero (a
     * row's first pixel has zeros left and up-left) and not stored */
    for (size_t step = 0; step < px + 3; step++) {
        if (step == 3) {
            for (; step < px; step++) {
                __m128i here = _mm_unpacklo_epi64(
                    _mm_unpacklo_epi32(load_px(rows[0] + step * k),
                                       load_px(rows[1] + (step - 1) * k)),
                    _mm_unpacklo_epi32(load_px(rows[2] + (step - 2) * k),
                                       load_px(rows[3] + (step - 3) * k)));
                __m128i b = _mm_or_si128(_mm_slli_si128(x, 4), load_px(prev + step * k));
                x = _mm_add_epi8(here, keep_px(paeth_bytes(x, b, c), bpp));
                c = b;
                store_px(rows[0] + step * k, x);
                store_px(rows[1] + (step - 1) * k, _mm_srli_si128(x, 4));
                store_px(rows[2] + (step - 2) * k, _mm_srli_si128(x, 8));
                store_px(rows[3] + (step - 3) * k, _mm_srli_si128(x, 12));
            }
        }
        uint32_t in[4] = {0}, live[4] = {0}, out[4], up = 0;
        for (size_t r = 0; r < 4; r++)
            if (step >= r && step - r < px) {
                memcpy(&in[r], rows[r] + (step - r) * k, 4);
                live[r] = 0xFFFFFFFFu;
            }
        if (step < px)
            memcpy(&up, prev + step * k, 4);
        __m128i b = _mm_or_si128(_mm_slli_si128(x, 4), _mm_cvtsi32_si128((int)up));
        __m128i here = _mm_loadu_si128((const __m128i *)(const void *)in);
        x = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)live),
                          _mm_add_epi8(here, keep_px(paeth_bytes(x, b, c), bpp)));
        c = b;
        _mm_storeu_si128((__m128i *)(void *)out, x);
        for (size_t r = 0; r < 4; r++)
            if (step >= r && step - r < px)
                memcpy(rows[r] + (step - r) * k, &out[r], 4);
    }
}
#endif

/* Undoes row's filter in place (prev: the row above, unfiltered; zeros
 * for the first). false for an unknown filter. */
static bool unfilter(unsigned char *row, const unsigned char *prev, size_t n, int bpp,
                     unsigned filter)
{
    size_t i, k = (size_t)bpp;
    switch (filter) {
    case 0:
        return true;
    case 1:
#ifdef __SSE2__
        if (bpp == 3 || bpp == 4) {
            if (bpp == 3)
                unsub_pixels(row, n, 3);
            else
                unsub_pixels(row, n, 4);
            return true;
        }
#endif
        for (i = k; i < n; i++)
            row[i] = (unsigned char)(row[i] + row[i - k]);
        return true;
    case 2:
        i = 0;
#ifdef __SSE2__
        for (; i + 16 <= n; i += 16) {
            __m128i *r = (__m128i *)(void *)(row + i);
            _mm_storeu_si128(r, _mm_add_epi8(_mm_loadu_si128(r),
                                             _mm_loadu_si128((const __m128i *)(const void *)(prev + i))));
        }
#endif
        for (; i < n; i++)
            row[i] = (unsigned char)(row[i] + prev[i]);
        return true;
    case 3:
#ifdef __SSE2__
        if (bpp == 3 || bpp == 4) {
            if (bpp == 3)
                unavg_pixels(row, prev, n, 3);
            else
                unavg_pixels(row, prev, n, 4);
            return true;
        }
#endif
        for (i = 0; i < k && i < n; i++)
            row[i] = (unsigned char)(row[i] + (prev[i] >> 1));
        for (; i < n; i++)
            row[i] = (unsigned char)(row[i] + ((row[i - k] + prev[i]) >> 1));
        return true;
    case 4:
#ifdef __SSE2__
        if (bpp == 3 || bpp == 4) {
            if (bpp == 3)
                unpaeth_pixels(row, prev, n, 3);
            else
                unpaeth_pixels(row, prev, n, 4);
            return true;
        }
#endif
        for (i = 0; i < k && i < n; i++)
            row[i] = (unsigned char)(row[i] + prev[i]);
        for (; i < n; i++)
            row[i] = (unsigned char)(row[i] + paeth(row[i - k], prev[i], prev[i - k]));
        return true;
    default:
        return false;
    }
}

bool fimg_png_unfilter(unsigned char *raw, size_t h, size_t row_len, int bpp)
{
    unsigned char *zeros = calloc(row_len + 1, 1); /* the row above the first, and slack */
    const unsigned char *prev = zeros;
    bool ok = zeros;
    for (size_t y = 0; ok && y < h; y++) {
        unsigned char *row = raw + y * (row_len + 1);
#ifdef __SSE2__
        unsigned char *next = row + row_len + 1;
        if (y + 3 < h && (bpp == 3 || bpp == 4) && row[0] == 4 && next[0] == 4 &&
            next[row_len + 1] == 4 && next[2 * (row_len + 1)] == 4) {
            unsigned char *const rows[4] = {row + 1, next + 1, next + row_len + 2,
                                            next + 2 * (row_len + 1) + 1};
            if (bpp == 3)
                unpaeth_quad(rows, prev, row_len, 3);
            else
                unpaeth_quad(rows, prev, row_len, 4);
            prev = rows[3];
            y += 3;
            continue;
        }
        if (y + 1 < h && row[0] == 4 && next[0] == 4 && (bpp == 3 || bpp == 4)) {
            if (bpp == 3)
                unpaeth_pair(row + 1, next + 1, prev, row_len, 3);
            else
                unpaeth_pair(row + 1, next + 1, prev, row_len, 4);
            prev = next + 1;
            y++;
            continue;
        }
#endif
        ok = unfilter(row + 1, prev, row_len, bpp, row[0]);
        prev = row + 1;
    }
    free(zeros);
    return ok;
}

/* One pixel of channels 8-bit samples as cairo's premultiplied ARGB32. */
static inline uint32_t argb(const unsigned char *r, int channels)
{
    switch (channels) {
    case 1: return 0xFF000000u | (uint32_t)r[0] << 16 | (uint32_t)r[0] << 8 | r[0];
    case 2: return fimg_pack(r[0], r[0], r[0], r[1]);
    case 3: return 0xFF000000u | (uint32_t)r[0] << 16 | (uint32_t)r[1] << 8 | r[2];
    default: return fimg_pack(r[0], r[1], r[2], r[3]);
    }
}

/* The narrower formats' rows turned into ARGB32 bottom up, right to left
 * (they grow); channels a constant once inlined, so the per-pixel switch
 * of argb() goes (it was a quarter of an RGB photograph's decode). */
static inline __attribute__((always_inline)) void grow_to_argb(unsigned char *buf, int w, int h,
                                                              int channels)
{
    size_t row_len = (size_t)w * (size_t)channels + 1, stride = 4 * (size_t)w;
    for (size_t y = (size_t)h; y-- > 0;) {
        const unsigned char *in = buf + y * row_len + 1;
        unsigned char *out = buf + y * stride;
        for (size_t x = (size_t)w; x-- > 0;) {
            uint32_t v;
            if (channels == 3) {
                /* 4 bytes read (the row's last pixel reads the next row's
                 * filter byte, or the slack byte), the 4th dropped */
                memcpy(&v, in + 3 * x, 4);
                v = 0xFF000000u | __builtin_bswap32(v) >> 8;
            } else {
                v = argb(in + (size_t)channels * x, channels);
            }
            memcpy(out + 4 * x, &v, 4);
        }
    }
}

/* A row of w RGBA pixels as premultiplied ARGB32 at dst (at or before
 * src: each group of pixels is read before its place is written). SSE2
 * does four pixels at once with fimg_pack's rounding: (x·a + 127) / 255
 * is (t + (t >> 8)) >> 8 for t = x·a + 128 (every x and a checked), and
 * alpha itself is multiplied by 255, which leaves it as it is. */
static void rgba_row(unsigned char *dst, const unsigned char *src, size_t w)
{
    size_t x = 0;
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128(), c128 = _mm_set1_epi16(128);
    const __m128i keep = _mm_set_epi16(0, -1, -1, -1, 0, -1, -1, -1);
    const __m128i a255 = _mm_set_epi16(255, 0, 0, 0, 255, 0, 0, 0);
    const __m128i alpha = _mm_set1_epi32((int)0xFF000000);
    const __m128i green_alpha = _mm_set1_epi32((int)0xFF00FF00);
    const __m128i low = _mm_set1_epi32(0xFF), third = _mm_set1_epi32(0xFF0000);
    for (; x + 4 <= w; x += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + 4 * x));
        /* four opaque pixels (most RGBA files are screenshots) only swap R
         * and B, four clear ones are zeros */
        __m128i av = _mm_and_si128(v, alpha);
        if (_mm_movemask_epi8(_mm_cmpeq_epi32(av, alpha)) == 0xFFFF) {
            __m128i rb = _mm_or_si128(_mm_and_si128(_mm_srli_epi32(v, 16), low),
                                      _mm_and_si128(_mm_slli_epi32(v, 16), third));
            _mm_storeu_si128((__m128i *)(void *)(dst + 4 * x),
                             _mm_or_si128(_mm_and_si128(v, green_alpha), rb));
            continue;
        }
        if (_mm_movemask_epi8(_mm_cmpeq_epi32(av, zero)) == 0xFFFF) {
            _mm_storeu_si128((__m128i *)(void *)(dst + 4 * x), zero);
            continue;
        }
        __m128i half[2] = {_mm_unpacklo_epi8(v, zero), _mm_unpackhi_epi8(v, zero)};
        for (int k = 0; k < 2; k++) {
            __m128i a = _mm_shufflehi_epi16(_mm_shufflelo_epi16(half[k], 0xFF), 0xFF);
            __m128i t = _mm_add_epi16(
                _mm_mullo_epi16(half[k], _mm_or_si128(_mm_and_si128(a, keep), a255)), c128);
            t = _mm_srli_epi16(_mm_add_epi16(t, _mm_srli_epi16(t, 8)), 8);
            /* R G B A to cairo's B G R A */
            half[k] = _mm_shufflehi_epi16(_mm_shufflelo_epi16(t, 0xC6), 0xC6);
        }
        _mm_storeu_si128((__m128i *)(void *)(dst + 4 * x), _mm_packus_epi16(half[0], half[1]));
    }
#endif
    for (; x < w; x++) {
        uint32_t v = argb(src + 4 * x, 4);
        memcpy(dst + 4 * x, &v, 4);
    }
}

/* The unfiltered rows (each after its filter byte) turned into ARGB32 rows
 * of stride 4w in the same buffer, so no second image-sized buffer is
 * touched. A pixel's new place never covers the samples of a pixel still
 * to convert: RGBA (no larger) goes top down, the narrower formats (which
 * grow) bottom up, right to left. */
static void to_argb(unsigned char *buf, int w, int h, int channels)
{
    size_t row_len = (size_t)w * (size_t)channels + 1, stride = 4 * (size_t)w;
    switch (channels) {
    case 1: grow_to_argb(buf, w, h, 1); return;
    case 2: grow_to_argb(buf, w, h, 2); return;
    case 3: grow_to_argb(buf, w, h, 3); return;
    default: break;
    }
    for (size_t y = 0; y < (size_t)h; y++)
        rgba_row(buf + y * stride, buf + y * row_len + 1, (size_t)w);
}

static const cairo_user_data_key_t pixels_key;

cairo_surface_t *fimg_decode_png_fast(const unsigned char *d, size_t len, const char **why)
{
    int w, h, channels;
    size_t z_len;
    unsigned char *owned;
    const unsigned char *z = image_data(d, len, &w, &h, &channels, &z_len, &owned);
    if (!z)
        return NULL;
    size_t row_len = (size_t)w * (size_t)channels, raw_len = (size_t)h * (row_len + 1);
    size_t px_len = (size_t)h * 4 * (size_t)w;
    bool fits = w > 0 && h > 0 && w <= 32767 && h <= 32767 &&
                cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w) == 4 * w;
    /* one byte of slack after the rows, which fimg_png_unfilter reads */
    unsigned char *buf = fits ? bigbuf_alloc(raw_len + 1 > px_len ? raw_len + 1 : px_len) : NULL;
    struct libdeflate_decompressor *inflater = buf ? libdeflate_alloc_decompressor() : NULL;
    if (buf)
        buf[raw_len] = 0;
    cairo_surface_t *s = NULL;
    bool ok = inflater && libdeflate_zlib_decompress(inflater, z, z_len, buf, raw_len, NULL) ==
                              LIBDEFLATE_SUCCESS &&
              fimg_png_unfilter(buf, (size_t)h, row_len, channels);
    if (ok) {
        to_argb(buf, w, h, channels);
        s = cairo_image_surface_create_for_data(buf, CAIRO_FORMAT_ARGB32, w, h, 4 * w);
        if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
            cairo_surface_set_user_data(s, &pixels_key, buf, free) == CAIRO_STATUS_SUCCESS) {
            buf = NULL; /* the surface's now */
        } else {
            cairo_surface_destroy(s);
            s = NULL;
            *why = "out of memory";
        }
    }
    if (inflater)
        libdeflate_free_decompressor(inflater);
    free(buf);
    free(owned);
    return s;
}
