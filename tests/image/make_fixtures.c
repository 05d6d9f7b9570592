/* Writes the image test fixtures of tests/image/ (tiny files of each format,
 * truncated copies, and headers claiming huge sizes). The committed files
 * came from this program; `cmake --build build --target image-fixtures`
 * regenerates them. Usage: make_fixtures DIR */
#include <stdio.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>
#include <zlib.h>

static const char *dir;

static void put(const char *name, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

static unsigned char *get(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    static unsigned char data[1 << 20];
    if (!f) {
        perror(path);
        exit(1);
    }
    *len = fread(data, 1, sizeof data, f);
    fclose(f);
    return data;
}

/* The first half of a fixture, as a download cut short would leave it. */
static void truncated(const char *from, const char *to)
{
    size_t len;
    unsigned char *d = get(from, &len);
    put(to, d, len / 2);
}

static void png_files(void)
{
    /* rgba.png 16×8: red rises with x, green with y; the right half is half transparent. */
    unsigned char rgba[16 * 8 * 4];
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 16; x++) {
            unsigned char *p = rgba + (y * 16 + x) * 4;
            p[0] = (unsigned char)(x * 16), p[1] = (unsigned char)(y * 32), p[2] = 128;
            p[3] = x < 8 ? 255 : 128;
        }
    png_image img = {.version = PNG_IMAGE_VERSION, .width = 16, .height = 8,
                     .format = PNG_FORMAT_RGBA};
    char path[4096];
    snprintf(path, sizeof path, "%s/rgba.png", dir);
    if (!png_image_write_to_file(&img, path, 0, rgba, 0, NULL))
        exit(1);

    /* palette.png 4×4: index 0 fully transparent, 1 opaque blue. */
    unsigned char idx[16], map[2 * 4] = {0, 0, 0, 0, 0, 0, 255, 255};
    for (int i = 0; i < 16; i++)
        idx[i] = (unsigned char)(i % 4 < 2);
    png_image pal = {.version = PNG_IMAGE_VERSION, .width = 4, .height = 4,
                     .format = PNG_FORMAT_RGBA_COLORMAP, .colormap_entries = 2};
    snprintf(path, sizeof path, "%s/palette.png", dir);
    if (!png_image_write_to_file(&pal, path, 0, idx, 0, map))
        exit(1);
}

static void be32(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* A PNG whose IHDR claims 50000×50000 (valid CRC), then IEND. */
static void huge_png(void)
{
    unsigned char d[8 + 25 + 12];
    memcpy(d, "\x89PNG\r\n\x1a\n", 8);
    be32(d + 8, 13);
    memcpy(d + 12, "IHDR", 4);
    be32(d + 16, 50000);
    be32(d + 20, 50000);
    memcpy(d + 24, "\x08\x06\x00\x00\x00", 5);
    be32(d + 29, (unsigned)crc32(0, d + 12, 17));
    be32(d + 33, 0);
    memcpy(d + 37, "IEND", 4);
    be32(d + 41, (unsigned)crc32(0, d + 37, 4));
    put("huge.png", d, sizeof d);
}

/* gray: one channel; cmyk: Adobe CMYK, stored inverted as Photoshop does;
 * orientation: an EXIF orientation tag (0: no EXIF). */
/* A progressive gray JPEG of 316 scans: the DC, then each AC coefficient in
 * its own scan and refined bit by bit (valid, but costly to decode). */
static void many_scans_jpeg(void)
{
    static jpeg_scan_info scans[1 + 63 * 5];
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *out = NULL, row[8];
    unsigned long len = 0;
    int n = 0;
    scans[n++] = (jpeg_scan_info){1, {0}, 0, 0, 0, 0};
    for (int k = 1; k < 64; k++) {
        scans[n++] = (jpeg_scan_info){1, {0}, k, k, 0, 4};
        for (int al = 3; al >= 0; al--)
            scans[n++] = (jpeg_scan_info){1, {0}, k, k, al + 1, al};
    }
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &out, &len);
    c.image_width = c.image_height = 8;
    c.input_components = 1;
    c.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&c);
    c.scan_info = scans;
    c.num_scans = n;
    jpeg_start_compress(&c, TRUE);
    for (int x = 0; x < 8; x++)
        row[x] = (unsigned char)(x * 30);
    while (c.next_scanline < c.image_height) {
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&c, rows, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    put("scans.jpg", out, len);
    free(out);
}

static void jpeg_file(const char *name, int w, int h, int gray, int cmyk, int orientation)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *out = NULL;
    unsigned long len = 0;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &out, &len);
    c.image_width = (JDIMENSION)w, c.image_height = (JDIMENSION)h;
    c.input_components = gray ? 1 : cmyk ? 4 : 3;
    c.in_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 95, TRUE);
    jpeg_start_compress(&c, TRUE);
    if (orientation) { /* Exif, big-endian TIFF, IFD0 with one SHORT: 0x0112 */
        unsigned char exif[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2A, 0, 0, 0, 8, 0, 1,
                                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)orientation,
                                0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof exif);
    }
    unsigned char row[4 * 256];
    while (c.next_scanline < c.image_height) {
        for (int x = 0; x < w; x++) {
            if (gray) {
                row[x] = 128;
            } else if (cmyk) { /* red left half, blue right half: 255 - ink */
                unsigned char *p = row + 4 * x;
                p[0] = x < w / 2 ? 255 : 0, p[1] = 0;
                p[2] = x < w / 2 ? 0 : 255, p[3] = 255;
            } else { /* red left half, blue right half */
                row[3 * x] = x < w / 2 ? 255 : 0, row[3 * x + 1] = 0;
                row[3 * x + 2] = x < w / 2 ? 0 : 255;
            }
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&c, rows, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    put(name, out, len);
    free(out);
}

/* SOI, then a baseline SOF0 claiming 65000×65000, then EOI. */
static void huge_jpeg(void)
{
    static const unsigned char d[] = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFD, 0xE8,
                                      0xFD, 0xE8, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01,
                                      0x03, 0x11, 0x01, 0xFF, 0xD9};
    put("huge.jpg", d, sizeof d);
}

static void webp_files(void)
{
    unsigned char rgb[32 * 16 * 3], rgba[8 * 8 * 4], *out;
    for (int i = 0; i < 32 * 16; i++)
        rgb[3 * i] = 0, rgb[3 * i + 1] = 200, rgb[3 * i + 2] = 0;
    size_t len = WebPEncodeRGB(rgb, 32, 16, 32 * 3, 90, &out);
    put("lossy.webp", out, len);
    WebPFree(out);
    for (int i = 0; i < 64; i++) { /* left half opaque white, right half transparent */
        unsigned char v = i % 8 < 4 ? 255 : 0;
        rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = 255, rgba[4 * i + 3] = v;
    }
    len = WebPEncodeLosslessRGBA(rgba, 8, 8, 8 * 4, &out);
    put("alpha.webp", out, len);
    WebPFree(out);
}

/* A lossless WebP header claiming 16384×16384, without image data. */
static void huge_webp(void)
{
    unsigned char d[30] = "RIFF\0\0\0\0WEBPVP8L";
    unsigned bits = 16383u | 16383u << 14; /* width-1, height-1; no alpha, version 0 */
    d[4] = 22;    /* RIFF size: 4 ("WEBP") + 8 (chunk header) + 10 */
    d[16] = 10;   /* VP8L chunk size */
    d[20] = 0x2F; /* VP8L signature */
    d[21] = (unsigned char)bits, d[22] = (unsigned char)(bits >> 8);
    d[23] = (unsigned char)(bits >> 16), d[24] = (unsigned char)(bits >> 24);
    put("huge.webp", d, sizeof d);
}

/* frame_w/frame_h: the first frame's size when it differs from the screen. */
static void gif_file(const char *name, int w, int h, int interlace, int frames, int frame_w,
                     int frame_h)
{
    char path[4096];
    int err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    GifFileType *g = EGifOpenFileName(path, false, &err);
    GifColorType colors[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {255, 255, 255}};
    ColorMapObject *map = GifMakeMapObject(4, colors);
    EGifSetGifVersion(g, true);
    EGifPutScreenDesc(g, w, h, 2, 0, map);
    for (int f = 0; f < frames; f++) {
        /* Frame 0: red left half, transparent (index 0) right half. Frame 1: green.
         * The interlaced file has white odd rows and red even rows. */
        GraphicsControlBlock gcb = {.DisposalMode = DISPOSAL_UNSPECIFIED,
                                    .TransparentColor = interlace ? -1 : 0, .DelayTime = 10};
        GifByteType ext[4];
        EGifGCBToExtension(&gcb, ext);
        EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, ext);
        int fw = frame_w ? frame_w : w, fh = frame_h ? frame_h : h;
        EGifPutImageDesc(g, 0, 0, fw, fh, interlace, NULL);
        GifPixelType line[512];
        static const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
        for (int p = 0; p < (interlace ? 4 : 1); p++)
            for (int y = interlace ? start[p] : 0; y < fh; y += interlace ? step[p] : 1) {
                for (int x = 0; x < fw; x++)
                    line[x] = interlace ? (GifPixelType)(y % 2 ? 3 : 1)
                              : f == 0  ? (GifPixelType)(x < w / 2 ? 1 : 0)
                                        : 2;
                EGifPutLine(g, line, fw);
            }
    }
    EGifCloseFile(g, &err);
    GifFreeMapObject(map);
}

static void huge_gif(void)
{
    static const unsigned char d[] = "GIF89a\xFF\xFF\xFF\xFF\x00\x00\x00;";
    put("huge.gif", d, sizeof d - 1);
}

static void text(const char *name, const char *s)
{
    put(name, s, strlen(s));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_fixtures DIR\n");
        return 2;
    }
    dir = argv[1];
    png_files();
    huge_png();
    jpeg_file("photo.jpg", 64, 48, 0, 0, 0);
    jpeg_file("gray.jpg", 16, 16, 1, 0, 0);
    jpeg_file("cmyk.jpg", 16, 16, 0, 1, 0);
    jpeg_file("rotated.jpg", 64, 48, 0, 0, 6);
    many_scans_jpeg();
    size_t len;
    unsigned char *d = get("photo.jpg", &len);
    put("photo.jfif", d, len);
    huge_jpeg();
    webp_files();
    huge_webp();
    gif_file("frames.gif", 10, 6, 0, 2, 0, 0);
    gif_file("interlaced.gif", 8, 9, 1, 1, 0, 0);
    gif_file("bigframe.gif", 2, 2, 0, 1, 200, 100);
    huge_gif();
    truncated("rgba.png", "trunc.png");
    truncated("photo.jpg", "trunc.jpg");
    truncated("lossy.webp", "trunc.webp");
    truncated("frames.gif", "trunc.gif");
    text("shapes.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                       "<rect width=\"40\" height=\"20\" fill=\"#ff0000\"/></svg>\n");
    text("decl.svg", "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<!-- a comment -->\n"
                     "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                     "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                     "  <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 60\">"
                     "<circle cx=\"60\" cy=\"30\" r=\"20\"/></svg>\n");
    text("notimage.txt", "<html><body>not an image</body></html>\n");
    return 0;
}
