/* image: loading, sniffing, header sizes, decoding of every raster format,
 * truncated and huge files, downsampling, JPEG pass-through, photographs
 * re-encoded as JPEG, digests, WebP → PNG. */
#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc/doc.h"
#include "image/codec.h"
#include "image/image.h"

static folio_limits limits;
static fimg_source where = {.limits = &limits};

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    return ((const uint32_t *)(const void *)(d + y * cairo_image_surface_get_stride(s)))[x];
}

/* Each channel of a within tol of b (JPEG and lossy WebP are approximate). */
static bool near(uint32_t a, uint32_t b, int tol)
{
    for (int shift = 0; shift < 32; shift += 8) {
        int d = (int)(a >> shift & 0xFF) - (int)(b >> shift & 0xFF);
        if (d > tol || d < -tol)
            return false;
    }
    return true;
}

static cairo_surface_t *load_decode(const char *name, int max_w, int max_h, fimg_bytes *b)
{
    const char *why = NULL;
    if (!fimg_load(&where, name, b, &why)) {
        fprintf(stderr, "%s: %s\n", name, why);
        return NULL;
    }
    cairo_surface_t *s = fimg_decode(b, &limits, max_w, max_h, &why);
    if (!s)
        fprintf(stderr, "%s: %s\n", name, why);
    return s;
}

static void test_sniff_and_size(void)
{
    static const struct {
        const char *name;
        fimg_format f;
        int w, h;
    } cases[] = {
        {"rgba.png", FIMG_PNG, 16, 8},      {"palette.png", FIMG_PNG, 4, 4},
        {"photo.jpg", FIMG_JPEG, 64, 48},   {"photo.jfif", FIMG_JPEG, 64, 48},
        {"gray.jpg", FIMG_JPEG, 16, 16},    {"lossy.webp", FIMG_WEBP, 32, 16},
        {"alpha.webp", FIMG_WEBP, 8, 8},    {"frames.gif", FIMG_GIF, 10, 6},
        {"interlaced.gif", FIMG_GIF, 8, 9}, {"shapes.svg", FIMG_SVG, 40, 20},
        {"decl.svg", FIMG_SVG, 120, 60},    {"cmyk.jpg", FIMG_JPEG, 16, 16},
        {"rotated.jpg", FIMG_JPEG, 48, 64}, /* EXIF: turned a quarter clockwise */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fimg_bytes b;
        const char *why = NULL;
        bool ok = fimg_load(&where, cases[i].name, &b, &why);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "  %s: %s\n", cases[i].name, why);
            continue;
        }
        CHECK(b.format == cases[i].f);
        CHECK(b.width == cases[i].w && b.height == cases[i].h);
        CHECK(strstr(b.where, cases[i].name) != NULL);
        fimg_bytes_free(&b);
    }
    CHECK_STR(fimg_media_type(FIMG_WEBP), "image/webp");
    CHECK_STR(fimg_media_type(FIMG_SVG), "image/svg+xml");
    CHECK_STR(fimg_extension(FIMG_JPEG), "jpg");
    CHECK(fimg_media_type(FIMG_UNKNOWN) == NULL);
    CHECK(fimg_sniff((const unsigned char *)"GIF8", 4) == FIMG_UNKNOWN);
    CHECK(fimg_sniff((const unsigned char *)"<svgfoo/>", 9) == FIMG_UNKNOWN);
    CHECK(fimg_sniff((const unsigned char *)"  <svg/>", 8) == FIMG_SVG);
}

static void check_load_fails(const char *src, const char *want)
{
    fimg_bytes b;
    const char *why = NULL;
    CHECK(!fimg_load(&where, src, &b, &why));
    CHECK_STR(why, want);
}

static void test_load_refusals(void)
{
    check_load_fails("notimage.txt", "not an image (unknown format)");
    check_load_fails("missing.png", "not found");
    check_load_fails("../image/../../CMakeLists.txt", "outside the source folder");
    check_load_fails("/etc/passwd", "absolute path refused");
    check_load_fails("file:///etc/passwd", "unsupported URL scheme");
    check_load_fails("https://example.com/a.png", "remote image (use --fetch-remote)");
    check_load_fails("HTTP://example.com/a.png", "remote image (use --fetch-remote)");
    check_load_fails("", "empty image path");
    /* Huge headers are refused by the pixel limit while loading. */
    check_load_fails("huge.png", "too many pixels (image pixel limit)");
    check_load_fails("huge.jpg", "too many pixels (image pixel limit)");
    check_load_fails("huge.gif", "too many pixels (image pixel limit)");
    check_load_fails("huge.webp", "too many pixels (image pixel limit)");
    limits.max_image_bytes = 100;
    check_load_fails("photo.jpg", "file too large (image byte limit)");
    limits.max_image_bytes = 0;
    /* URL-escaped names are tried decoded. */
    fimg_bytes b;
    const char *why;
    CHECK(fimg_load(&where, "rgba%2Epng", &b, &why) && b.format == FIMG_PNG);
    fimg_bytes_free(&b);
}

/* fimg_decode re-reads the header: bytes claiming 50000×50000 never reach
 * an allocation, whatever the caller put in width/height. */
static void test_huge_decode(void)
{
    static const char *const names[] = {"huge.png", "huge.jpg", "huge.gif", "huge.webp"};
    for (size_t i = 0; i < 4; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/image/%s", FOLIO_TESTS_DIR, names[i]);
        FILE *f = fopen(path, "rb");
        unsigned char data[64];
        size_t len = f ? fread(data, 1, sizeof data, f) : 0;
        if (f)
            fclose(f);
        fimg_bytes b = {.data = data, .len = len, .format = fimg_sniff(data, len),
                        .width = 1, .height = 1, .where = path};
        const char *why = NULL;
        CHECK(fimg_decode(&b, &limits, 0, 0, &why) == NULL);
        CHECK_STR(why, "too many pixels (image pixel limit)");
        /* With the pixel limit lifted, cairo's side limit still refuses. */
        folio_limits big = {.max_image_pixels = UINT64_MAX};
        why = NULL;
        CHECK(fimg_decode(&b, &big, 0, 0, &why) == NULL);
        CHECK(why != NULL);
    }
}

static void test_png(void)
{
    fimg_bytes b;
    cairo_surface_t *s = load_decode("rgba.png", 0, 0, &b);
    CHECK(s && cairo_image_surface_get_width(s) == 16 && cairo_image_surface_get_height(s) == 8);
    if (s) {
        CHECK(pixel(s, 0, 0) == 0xFF000080u);
        CHECK(pixel(s, 15, 7) == 0x80787040u); /* 240,224,128 at alpha 128, premultiplied */
        cairo_surface_destroy(s);
    }
    fimg_bytes_free(&b);
    s = load_decode("palette.png", 0, 0, &b);
    CHECK(s && pixel(s, 0, 0) == 0xFF0000FFu && pixel(s, 3, 0) == 0);
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
}

/* For the PDF a JPEG that goes in unchanged is not decoded: an opaque
 * surface of its size carrying its bytes; one that is turned, CMYK or far
 * larger than printed is decoded as fimg_decode does. */
static void test_jpeg_for_pdf(void)
{
    const char *why = NULL;
    fimg_bytes b;
    CHECK(fimg_load(&where, "photo.jpg", &b, &why));
    cairo_surface_t *s = fimg_decode_for_pdf(&b, &limits, 0, 0, &why);
    CHECK(s && cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24);
    CHECK(s && cairo_image_surface_get_width(s) == 64 && cairo_image_surface_get_height(s) == 48);
    const unsigned char *mime = NULL;
    unsigned long mlen = 0;
    if (s)
        cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
    CHECK(mime && mlen == b.len && memcmp(mime, b.data, b.len) == 0);
    if (s)
        cairo_surface_destroy(s);
    s = fimg_decode_for_pdf(&b, &limits, 16, 16, &why); /* far above: decoded, reduced */
    CHECK(s && cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 &&
          cairo_image_surface_get_width(s) == 16 && near(pixel(s, 2, 6), 0xFFFF0000u, 8));
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
    static const char *const decoded[] = {"rotated.jpg", "cmyk.jpg"};
    for (size_t i = 0; i < sizeof decoded / sizeof *decoded; i++) {
        CHECK(fimg_load(&where, decoded[i], &b, &why));
        s = fimg_decode_for_pdf(&b, &limits, 0, 0, &why);
        CHECK(s && cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32);
        if (s)
            cairo_surface_destroy(s);
        fimg_bytes_free(&b);
    }
}

static void test_jpeg(void)
{
    fimg_bytes b, b2;
    cairo_surface_t *s = load_decode("photo.jpg", 0, 0, &b);
    cairo_surface_t *s2 = load_decode("photo.jfif", 50, 40, &b2); /* not far above: kept */
    CHECK(s && s2);
    if (!s || !s2)
        return;
    CHECK(near(pixel(s, 10, 24), 0xFFFF0000u, 8));
    CHECK(near(pixel(s, 54, 24), 0xFF0000FFu, 8));
    const unsigned char *mime, *id, *id2;
    unsigned long mlen, idlen, idlen2;
    cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
    CHECK(mime && mlen == b.len && memcmp(mime, b.data, b.len) == 0);
    cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, &id, &idlen);
    cairo_surface_get_mime_data(s2, CAIRO_MIME_TYPE_UNIQUE_ID, &id2, &idlen2);
    CHECK(id && id2 && idlen == idlen2 && memcmp(id, id2, idlen) == 0); /* same bytes: one embed */
    char full_id[256] = "";
    if (id && idlen < sizeof full_id)
        memcpy(full_id, id, idlen);
    CHECK(cairo_image_surface_get_width(s2) == 64);
    cairo_surface_destroy(s);
    cairo_surface_destroy(s2);
    fimg_bytes_free(&b2);

    /* Far above the wanted size: DCT-scaled, area-averaged, no DCT pass-through. */
    s = fimg_decode(&b, &limits, 16, 16, &(const char *){NULL});
    CHECK(s && cairo_image_surface_get_width(s) == 16 && cairo_image_surface_get_height(s) == 12);
    if (s) {
        cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
        CHECK(mime == NULL);
        cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, &id2, &idlen2);
        CHECK(id2 && (idlen2 != strlen(full_id) || memcmp(full_id, id2, idlen2) != 0));
        CHECK(near(pixel(s, 2, 6), 0xFFFF0000u, 8));
        CHECK(near(pixel(s, 13, 6), 0xFF0000FFu, 8));
        cairo_surface_destroy(s);
    }
    fimg_bytes_free(&b);

    s = load_decode("gray.jpg", 0, 0, &b);
    CHECK(s && near(pixel(s, 5, 5), 0xFF808080u, 3));
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
}

/* Adobe CMYK is decoded right, but not passed through: cairo 1.16 would
 * embed it without the inverting /Decode. EXIF orientation turns the pixels. */
static void test_jpeg_cmyk_and_orientation(void)
{
    fimg_bytes b;
    const unsigned char *mime;
    unsigned long mlen;
    cairo_surface_t *s = load_decode("cmyk.jpg", 0, 0, &b);
    CHECK(s && near(pixel(s, 2, 8), 0xFFFF0000u, 8) && near(pixel(s, 13, 8), 0xFF0000FFu, 8));
    if (s) {
        cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
        CHECK(mime == NULL);
        cairo_surface_destroy(s);
    }
    fimg_bytes_free(&b);

    /* Stored 64×48, red left and blue right; shown 48×64, red on top. */
    s = load_decode("rotated.jpg", 0, 0, &b);
    CHECK(s && cairo_image_surface_get_width(s) == 48 && cairo_image_surface_get_height(s) == 64);
    if (s) {
        CHECK(near(pixel(s, 24, 10), 0xFFFF0000u, 8) && near(pixel(s, 24, 54), 0xFF0000FFu, 8));
        cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mlen);
        CHECK(mime == NULL);
        cairo_surface_destroy(s);
    }
    /* The wanted box applies upright: 12×16 for a 48×64 picture. */
    const char *why;
    s = fimg_decode(&b, &limits, 12, 16, &why);
    CHECK(s && cairo_image_surface_get_width(s) == 12 && cairo_image_surface_get_height(s) == 16);
    if (s) {
        CHECK(near(pixel(s, 6, 2), 0xFFFF0000u, 8) && near(pixel(s, 6, 13), 0xFF0000FFu, 8));
        cairo_surface_destroy(s);
    }

    /* Every orientation: where the stored left (red) half ends up. */
    static const unsigned char tag[] = {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0};
    unsigned char *at = memmem(b.data, b.len, tag, sizeof tag);
    CHECK(at != NULL);
    static const char red_side[9] = "?LRRLTTBB"; /* Left, Right, Top, Bottom */
    for (int o = 1; at && o <= 8; o++) {
        at[sizeof tag] = (unsigned char)o;
        s = fimg_decode(&b, &limits, 0, 0, &why);
        CHECK(s != NULL);
        if (!s)
            continue;
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        CHECK(o >= 5 ? w == 48 && h == 64 : w == 64 && h == 48);
        int x = red_side[o] == 'L' ? 5 : red_side[o] == 'R' ? w - 5 : w / 2;
        int y = red_side[o] == 'T' ? 5 : red_side[o] == 'B' ? h - 5 : h / 2;
        CHECK(near(pixel(s, x, y), 0xFFFF0000u, 8));
        cairo_surface_destroy(s);
    }
    fimg_bytes_free(&b);

    /* A decoding-time bomb: 316 progressive scans of an 8×8 image. */
    CHECK(fimg_load(&where, "scans.jpg", &b, &why));
    CHECK(fimg_decode(&b, &limits, 0, 0, &why) == NULL);
    CHECK_STR(why, "JPEG too complex (too many scans)");
    fimg_bytes_free(&b);
}

static void test_webp_gif(void)
{
    fimg_bytes b;
    cairo_surface_t *s = load_decode("lossy.webp", 0, 0, &b);
    CHECK(s && near(pixel(s, 16, 8), 0xFF00C800u, 6));
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
    s = load_decode("alpha.webp", 0, 0, &b);
    CHECK(s && pixel(s, 0, 0) == 0xFFFFFFFFu && pixel(s, 7, 0) == 0);
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);

    s = load_decode("frames.gif", 0, 0, &b); /* first frame: red left, transparent right */
    CHECK(s && pixel(s, 0, 0) == 0xFFFF0000u && pixel(s, 9, 5) == 0);
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
    /* A 200×100 frame on a 2×2 screen: refused, not decoded for nothing. */
    const char *why = NULL;
    CHECK(fimg_load(&where, "bigframe.gif", &b, &why));
    CHECK(fimg_decode(&b, &limits, 0, 0, &why) == NULL);
    CHECK_STR(why, "GIF frame far larger than the image");
    fimg_bytes_free(&b);
    s = load_decode("interlaced.gif", 0, 0, &b); /* even rows red, odd rows white */
    CHECK(s && pixel(s, 1, 0) == 0xFFFF0000u && pixel(s, 1, 1) == 0xFFFFFFFFu &&
          pixel(s, 1, 4) == 0xFFFF0000u && pixel(s, 1, 7) == 0xFFFFFFFFu &&
          pixel(s, 1, 8) == 0xFFFF0000u);
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
}

static void test_truncated(void)
{
    static const char *const names[] = {"trunc.png", "trunc.jpg", "trunc.webp", "trunc.gif"};
    for (size_t i = 0; i < 4; i++) {
        fimg_bytes b;
        const char *why = NULL;
        if (fimg_load(&where, names[i], &b, &why)) {
            CHECK(fimg_decode(&b, &limits, 0, 0, &why) == NULL);
            fimg_bytes_free(&b);
        }
        CHECK(why != NULL);
        if (why)
            printf("%s: %s\n", names[i], why);
    }
    /* Every prefix of a good file fails cleanly or decodes, never crashes;
     * those without all the pixel data (at least the first half) fail. A
     * PNG without its IEND, or a GIF cut after its first frame, still has
     * every pixel and may decode. */
    static const char *const good[] = {"rgba.png", "photo.jpg", "lossy.webp", "frames.gif"};
    for (size_t i = 0; i < 4; i++) {
        fimg_bytes b;
        const char *why;
        if (!fimg_load(&where, good[i], &b, &why))
            continue;
        size_t full = b.len, shortest = full + 1;
        for (size_t n = 0; n < full; n++) {
            fimg_bytes cut = b;
            cut.len = n;
            cairo_surface_t *s = fimg_decode(&cut, &limits, 0, 0, &why);
            if (s && n < shortest)
                shortest = n;
            if (s)
                cairo_surface_destroy(s);
        }
        if (shortest <= full / 2)
            fprintf(stderr, "%s: a %zu-byte prefix decoded\n", good[i], shortest);
        CHECK(shortest > full / 2);
        fimg_bytes_free(&b);
    }
}

static void test_downsample_png(void)
{
    fimg_bytes b;
    cairo_surface_t *s = load_decode("rgba.png", 4, 4, &b);
    CHECK(s && cairo_image_surface_get_width(s) == 4 && cairo_image_surface_get_height(s) == 2);
    /* Top-left 4×4 block: red 0,16,32,48 → 24, green 0..96 → 48, blue 128. */
    if (s) {
        CHECK(near(pixel(s, 0, 0), 0xFF183080u, 1));
        CHECK((pixel(s, 3, 1) >> 24) == 128); /* the half-transparent side stays so */
        cairo_surface_destroy(s);
    }
    fimg_bytes_free(&b);
}

/* fimg_downsample against the area average computed in doubles: noise of
 * valid premultiplied pixels, odd sizes (a row of pixels whose samples are
 * not a multiple of 8) and ratios from nearly 1 to the whole image. */
static void test_downsample_area(void)
{
    const int w = 37, h = 23;
    cairo_surface_t *src = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    unsigned char *d = cairo_image_surface_get_data(src);
    int stride = cairo_image_surface_get_stride(src);
    uint32_t seed = 12345;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = d + y * stride + 4 * x;
            seed = seed * 1103515245u + 12345u;
            p[3] = (unsigned char)(seed >> 24);
            for (int c = 0; c < 3; c++) {
                seed = seed * 1103515245u + 12345u;
                p[c] = (unsigned char)((seed >> 16) % (p[3] + 1u));
            }
        }
    cairo_surface_mark_dirty(src);
    static const int sizes[][2] = {{36, 22}, {19, 12}, {12, 7}, {5, 3}, {1, 1}, {37, 1}, {2, 23}};
    for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
        int tw = sizes[t][0], th = sizes[t][1];
        const char *why = NULL;
        cairo_surface_t *s = fimg_downsample(src, tw, th, &why);
        CHECK(s && cairo_image_surface_get_width(s) == tw && cairo_image_surface_get_height(s) == th);
        if (!s)
            continue;
        int worst = 0;
        double rx = (double)w / tw, ry = (double)h / th;
        for (int oy = 0; oy < th; oy++)
            for (int ox = 0; ox < tw; ox++)
                for (int c = 0; c < 4; c++) {
                    double sum = 0;
                    for (int y = 0; y < h; y++) {
                        double wy = fmin(y + 1, (oy + 1) * ry) - fmax(y, oy * ry);
                        for (int x = 0; x < w && wy > 0; x++) {
                            double wx = fmin(x + 1, (ox + 1) * rx) - fmax(x, ox * rx);
                            if (wx > 0)
                                sum += wx * wy * d[y * stride + 4 * x + c];
                        }
                    }
                    int want = (int)lround(sum / (rx * ry));
                    int got = cairo_image_surface_get_data(s)[oy * cairo_image_surface_get_stride(s) +
                                                              4 * ox + c];
                    worst = abs(got - want) > worst ? abs(got - want) : worst;
                }
        /* weights are 256ths: a level or two off where one output pixel spans 20 */
        CHECK(worst <= 2);
        if (worst > 2)
            fprintf(stderr, "downsample to %dx%d: off by %d\n", tw, th, worst);
        cairo_surface_destroy(s);
    }
    cairo_surface_destroy(src);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *f = closure;
    return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static size_t count(const char *hay, size_t len, const char *needle)
{
    size_t n = 0, nl = strlen(needle);
    for (const char *p = hay; (p = memmem(p, len - (size_t)(p - hay), needle, nl)); p += nl)
        n++;
    return n;
}

/* Through cairo's PDF surface: the JPEG goes in as its own DCT bytes, and the
 * same image decoded twice (two surfaces) is embedded once. */
static void test_pdf_embedding(void)
{
    fimg_bytes b;
    const char *why;
    char *pdf = NULL;
    size_t pdf_len = 0;
    FILE *mem = open_memstream(&pdf, &pdf_len);
    cairo_surface_t *page = cairo_pdf_surface_create_for_stream(to_buf, mem, 200, 200);
    cairo_t *cr = cairo_create(page);
    CHECK(fimg_load(&where, "photo.jpg", &b, &why));
    for (int i = 0; i < 2; i++) {
        cairo_surface_t *s = fimg_decode(&b, &limits, 0, 0, &why);
        CHECK(s != NULL);
        if (!s)
            continue;
        cairo_set_source_surface(cr, s, i * 80, 0);
        cairo_paint(cr);
        cairo_surface_destroy(s);
    }
    cairo_destroy(cr);
    cairo_surface_finish(page);
    cairo_surface_destroy(page);
    fclose(mem);
    CHECK(count(pdf, pdf_len, "/DCTDecode") == 1);
    CHECK(memmem(pdf, pdf_len, b.data, b.len) != NULL);
    free(pdf);
    fimg_bytes_free(&b);
}

/* A w×h PNG (in *out, malloc'ed) of pixels from paint(x, y). */
static size_t make_png(int w, int h, uint32_t (*paint)(int x, int y), unsigned char **out)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_surface_flush(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            ((uint32_t *)(void *)(cairo_image_surface_get_data(s) +
                                  y * cairo_image_surface_get_stride(s)))[x] = paint(x, y);
    cairo_surface_mark_dirty(s);
    size_t len = 0;
    FILE *mem = open_memstream((char **)out, &len);
    CHECK(cairo_surface_write_to_png_stream(s, to_buf, mem) == CAIRO_STATUS_SUCCESS);
    fclose(mem);
    cairo_surface_destroy(s);
    return len;
}

/* Smooth colour with grain, like a photograph. */
static uint32_t photo_pixel(int x, int y)
{
    unsigned grain = ((unsigned)(x * 7919 + y * 104729) * 2654435761u) >> 28;
    return 0xFF000000u | (unsigned)(x + grain) % 256 << 16 | (unsigned)(y + grain) % 256 << 8 |
           (unsigned)(x + y) / 4 % 256;
}

/* The same with a transparent hole. */
static uint32_t cutout_pixel(int x, int y)
{
    return x < 40 && y < 40 ? 0 : photo_pixel(x, y);
}

/* A chart: white, two colours of bars and a grey grid line. */
static uint32_t chart_pixel(int x, int y)
{
    if (y % 50 == 0)
        return 0xFF808080u;
    return x % 64 < 20 ? 0xFF2060C0u : x % 64 < 30 ? 0xFFE08020u : 0xFFFFFFFFu;
}

/* Photographs get JPEG bytes for the PDF; charts and images with
 * transparency stay lossless; the JPEG decodes close to the pixels. */
static void test_photo_as_jpeg(void)
{
    static const struct {
        uint32_t (*paint)(int x, int y);
        bool jpeg;
    } cases[] = {{photo_pixel, true}, {cutout_pixel, false}, {chart_pixel, false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char *png = NULL;
        size_t len = make_png(320, 240, cases[i].paint, &png);
        fimg_bytes b = {.data = png, .len = len, .format = FIMG_PNG, .where = "made"};
        const char *why = NULL;
        cairo_surface_t *s = fimg_decode(&b, &limits, 0, 0, &why);
        CHECK(s != NULL);
        const unsigned char *jpeg = NULL;
        unsigned long jpeg_len = 0;
        if (s)
            cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &jpeg, &jpeg_len);
        CHECK((jpeg != NULL) == cases[i].jpeg);
        if (jpeg) {
            fimg_bytes j = {.data = (unsigned char *)jpeg, .len = jpeg_len,
                            .format = fimg_sniff(jpeg, jpeg_len), .where = "jpeg"};
            CHECK(j.format == FIMG_JPEG);
            cairo_surface_t *back = fimg_decode(&j, &limits, 0, 0, &why);
            CHECK(back && cairo_image_surface_get_width(back) == 320);
            for (int y = 0; back && y < 240; y += 37)
                for (int x = 0; x < 320; x += 29)
                    CHECK(near(pixel(back, x, y), pixel(s, x, y), 24));
            if (back)
                cairo_surface_destroy(back);
        }
        if (s)
            cairo_surface_destroy(s);
        free(png);
    }
}

static void test_core_media(void)
{
    fimg_bytes b;
    const char *why = NULL;
    unsigned char *out = NULL;
    size_t len = 0;
    fimg_format f = FIMG_UNKNOWN;
    CHECK(fimg_load(&where, "alpha.webp", &b, &why));
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == FIMG_PNG && fimg_sniff(out, len) == FIMG_PNG);
    fimg_bytes png = {.data = out, .len = len, .format = FIMG_PNG,
                      .width = 8, .height = 8, .where = "converted"};
    cairo_surface_t *s = fimg_decode(&png, &limits, 0, 0, &why);
    CHECK(s && pixel(s, 0, 0) == 0xFFFFFFFFu && pixel(s, 7, 7) == 0);
    if (s)
        cairo_surface_destroy(s);
    free(out);
    fimg_bytes_free(&b);

    CHECK(fimg_load(&where, "photo.jpg", &b, &why));
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == FIMG_JPEG && len == b.len && memcmp(out, b.data, len) == 0);
    free(out);
    fimg_bytes_free(&b);

    /* A file that does not decode is not packaged. */
    static const char *const broken[] = {"trunc.png", "trunc.jpg", "trunc.gif", "trunc.webp"};
    for (size_t i = 0; i < 4; i++) {
        out = NULL;
        why = NULL;
        if (fimg_load(&where, broken[i], &b, &why)) {
            CHECK(!fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
            fimg_bytes_free(&b);
        }
        CHECK(why != NULL && out == NULL);
    }

    /* A whole PNG passes as it is; one damaged byte in its pixel data is
     * caught by the chunk checksum, without a decode. */
    CHECK(fimg_load(&where, "rgba.png", &b, &why));
    out = NULL;
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == FIMG_PNG && out && len == b.len && memcmp(out, b.data, len) == 0);
    free(out);
    unsigned char *idat = memmem(b.data, b.len, "IDAT", 4);
    CHECK(idat != NULL);
    if (idat) {
        idat[6] ^= 0x40;
        out = NULL;
        why = NULL;
        CHECK(!fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
        CHECK(out == NULL && why && strstr(why, "checksum"));
    }
    fimg_bytes_free(&b);

    /* A lossy opaque WebP is a photograph: JPEG. A GIF walks whole. */
    CHECK(fimg_load(&where, "lossy.webp", &b, &why));
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == FIMG_JPEG && fimg_sniff(out, len) == FIMG_JPEG);
    free(out);
    fimg_bytes_free(&b);
    CHECK(fimg_load(&where, "frames.gif", &b, &why));
    CHECK(fimg_to_core_media(&b, &limits, 0, &out, &len, &f, &why));
    CHECK(f == FIMG_GIF && len == b.len);
    free(out);
    fimg_bytes_free(&b);
}

/* Images above the EPUB's bound come out reduced to it, upright, in a
 * format that suits them; those within it pass unchanged, and so does a
 * drawing within 1.5 times it (a JPEG that close is still reduced). */
static void test_core_media_bound(void)
{
    static const struct {
        const char *name;
        int max_side;
        fimg_format f;
        int w, h;
    } cases[] = {
        {"photo.jpg", 32, FIMG_JPEG, 32, 24},   {"rotated.jpg", 32, FIMG_JPEG, 24, 32},
        {"rgba.png", 8, FIMG_PNG, 8, 4},        {"alpha.webp", 4, FIMG_PNG, 4, 4},
        {"interlaced.gif", 3, FIMG_PNG, 3, 3},  {"photo.jpg", 64, FIMG_JPEG, 64, 48},
        {"rgba.png", 11, FIMG_PNG, 16, 8},      {"interlaced.gif", 6, FIMG_GIF, 8, 9},
        {"photo.jpg", 60, FIMG_JPEG, 60, 45},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fimg_bytes b;
        const char *why = NULL;
        unsigned char *out = NULL;
        size_t len = 0;
        fimg_format f = FIMG_UNKNOWN;
        CHECK(fimg_load(&where, cases[i].name, &b, &why));
        CHECK(fimg_to_core_media(&b, &limits, cases[i].max_side, &out, &len, &f, &why));
        int w = 0, h = 0;
        CHECK(f == cases[i].f && fimg_sniff(out, len) == f);
        CHECK(fimg_raster_size(out, len, f, &w, &h));
        if (w != cases[i].w || h != cases[i].h)
            fprintf(stderr, "%s at %d: %dx%d\n", cases[i].name, cases[i].max_side, w, h);
        CHECK(w == cases[i].w && h == cases[i].h);
        if (w == b.width && h == b.height)
            CHECK(len == b.len && memcmp(out, b.data, len) == 0);
        free(out);
        fimg_bytes_free(&b);
    }
}

/* A photograph's sensor noise: what keeps a lossless file of one above a
 * byte per pixel. */
static uint32_t noisy_photo_pixel(int x, int y)
{
    unsigned noise = (unsigned)(x * 7919 + y * 104729 + x * y) * 2654435761u;
    return photo_pixel(x, y) ^ (noise >> 8 & 0x1F1F1Fu);
}

/* Within 1.5 times the bound, a photograph becomes a reduced JPEG and a
 * chart is copied as it is: its file packs the pixels in less than a byte
 * each, which says "drawing" without a decode. */
static void test_core_media_near_bound(void)
{
    static const struct {
        uint32_t (*paint)(int x, int y);
        fimg_format f;
        int w;
    } cases[] = {{noisy_photo_pixel, FIMG_JPEG, 300}, {chart_pixel, FIMG_PNG, 320}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char *png = NULL;
        size_t len = make_png(320, 240, cases[i].paint, &png);
        CHECK((len > 320 * 240) == (cases[i].f == FIMG_JPEG)); /* the rule's two sides */
        fimg_bytes b = {.data = png, .len = len, .format = FIMG_PNG, .width = 320,
                        .height = 240, .where = "made"};
        const char *why = NULL;
        unsigned char *out = NULL;
        size_t out_len = 0;
        fimg_format f = FIMG_UNKNOWN;
        int w = 0, h = 0;
        CHECK(fimg_to_core_media(&b, &limits, 300, &out, &out_len, &f, &why));
        CHECK(f == cases[i].f && fimg_raster_size(out, out_len, f, &w, &h) && w == cases[i].w);
        if (f == FIMG_PNG)
            CHECK(out_len == len && memcmp(out, png, len) == 0);
        free(out);
        free(png);
    }
}

int main(void)
{
    where.dir = FOLIO_TESTS_DIR "/image";
    test_sniff_and_size();
    test_load_refusals();
    test_huge_decode();
    test_png();
    test_jpeg();
    test_jpeg_for_pdf();
    test_jpeg_cmyk_and_orientation();
    test_webp_gif();
    test_truncated();
    test_downsample_png();
    test_downsample_area();
    test_core_media();
    test_core_media_bound();
    test_core_media_near_bound();
    test_pdf_embedding();
    test_photo_as_jpeg();
    return check_done();
}
