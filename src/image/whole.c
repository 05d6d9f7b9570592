/* Whether an image file is whole, by walking its structure instead of
 * decoding its pixels: an EPUB only copies the file, and the PDF decodes
 * an image only when it paints its page, so what matters up front is that
 * every part is there (truncation, damaged bytes and
 * junk are what real files suffer), at a fraction of a decode's cost. */
#include <string.h>

#include <libdeflate.h>

#include "image/codec.h"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* PNG: chunks follow one another to IEND with every CRC right, IHDR
 * first and image data present. */
static bool png_whole(const unsigned char *d, size_t len, const char **why)
{
    size_t at = 8;
    bool idat = false;
    for (int k = 0; at + 12 <= len; k++) {
        uint32_t n = be32(d + at);
        const unsigned char *type = d + at + 4;
        if (n > len - at - 12)
            break;
        if (libdeflate_crc32(0, type, n + 4) != be32(d + at + 8 + n)) {
            *why = "corrupt PNG (bad chunk checksum)";
            return false;
        }
        if (k == 0 && memcmp(type, "IHDR", 4) != 0)
            break;
        idat |= memcmp(type, "IDAT", 4) == 0;
        if (memcmp(type, "IEND", 4) == 0) {
            if (idat)
                return true;
            break;
        }
        at += 12 + n;
    }
    *why = "corrupt or truncated PNG";
    return false;
}

static bool is_sof(unsigned m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Past the entropy-coded data that starts at i: the next marker that is
 * neither a stuffed 0xFF00 nor a restart. */
static size_t skip_scan(const unsigned char *d, size_t len, size_t i)
{
    for (;;) {
        const unsigned char *ff = memchr(d + i, 0xFF, len - i);
        if (!ff || (size_t)(ff - d) + 1 >= len)
            return len;
        i = (size_t)(ff - d);
        unsigned m = d[i + 1];
        if (m == 0x00 || (m >= 0xD0 && m <= 0xD7))
            i += 2;
        else if (m == 0xFF)
            i += 1; /* fill bytes before a marker */
        else
            return i;
    }
}

/* JPEG: marker segments from SOI, each inside the file, a frame before
 * the first scan, each scan's data running into a marker, up to EOI. */
static bool jpeg_whole(const unsigned char *d, size_t len, const char **why)
{
    size_t i = 2;
    bool frame = false, scan = false;
    while (i + 2 <= len) {
        if (d[i] != 0xFF)
            break;
        unsigned m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD9)
            return frame && scan ? true : (*why = "corrupt JPEG (no image data)", false);
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        if (i + 4 > len)
            break;
        size_t seg = be16(d + i + 2);
        if (seg < 2 || seg > len - i - 2)
            break;
        frame |= is_sof(m);
        i += 2 + seg;
        if (m == 0xDA) {
            if (!frame)
                break;
            scan = true;
            i = skip_scan(d, len, i);
        }
    }
    *why = "corrupt or truncated JPEG";
    return false;
}

/* GIF: the colour table, then extension and image blocks whose data
 * sub-blocks stay inside the file, up to the trailer, with an image. */
static size_t skip_sub_blocks(const unsigned char *d, size_t len, size_t i)
{
    while (i < len && d[i])
        i += 1 + (size_t)d[i];
    return i < len ? i + 1 : len + 1;
}

static bool gif_whole(const unsigned char *d, size_t len, const char **why)
{
    size_t i = 13;
    bool image = false;
    if (len >= 13 && (d[10] & 0x80))
        i += 3u << ((d[10] & 7) + 1);
    while (i < len) {
        if (d[i] == 0x3B)
            return image ? true : (*why = "corrupt GIF (no image)", false);
        if (d[i] == 0x21 && i + 2 < len) {
            i = skip_sub_blocks(d, len, i + 2);
        } else if (d[i] == 0x2C && i + 10 < len) {
            size_t at = i + 10;
            if (d[i + 9] & 0x80)
                at += 3u << ((d[i + 9] & 7) + 1);
            if (at >= len)
                break;
            i = skip_sub_blocks(d, len, at + 1); /* past the LZW code size */
            image = true;
        } else {
            break;
        }
    }
    *why = "corrupt or truncated GIF";
    return false;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* WebP: the RIFF container's chunks, each inside the file, with image data
 * (VP8 or VP8L) among them. */
static bool webp_whole(const unsigned char *d, size_t len, const char **why)
{
    size_t riff = len >= 12 ? (size_t)le32(d + 4) : 0;
    bool image = false;
    if (riff >= 4 && riff <= len - 8) {
        size_t at = 12, end = 8 + riff;
        while (at + 8 <= end) {
            size_t n = le32(d + at + 4);
            if (n > end - at - 8)
                break;
            image |= memcmp(d + at, "VP8 ", 4) == 0 || memcmp(d + at, "VP8L", 4) == 0;
            at += 8 + n + (n & 1);
        }
        if (at >= end && image)
            return true;
    }
    *why = "corrupt or truncated WebP";
    return false;
}

bool fimg_whole(const fimg_bytes *b, const char **why)
{
    switch (b->format) {
    case FIMG_PNG: return png_whole(b->data, b->len, why);
    case FIMG_JPEG: return jpeg_whole(b->data, b->len, why);
    case FIMG_GIF: return gif_whole(b->data, b->len, why);
    case FIMG_WEBP: return webp_whole(b->data, b->len, why);
    case FIMG_SVG:
    case FIMG_UNKNOWN: break;
    }
    *why = "not a format walked whole";
    return false;
}
