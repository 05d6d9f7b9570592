/* Image formats from their first bytes, and raster sizes read from headers
 * alone (no decoding, so a huge header is refused before any allocation). */
#include <string.h>

#include <webp/decode.h>

#include "image/codec.h"

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips past the first occurrence of end in d[i..len); len when absent. */
static size_t skip_past(const unsigned char *d, size_t len, size_t i, const char *end)
{
    size_t n = strlen(end);
    for (; i + n <= len; i++)
        if (memcmp(d + i, end, n) == 0)
            return i + n;
    return len;
}

/* Past a DOCTYPE's closing '>', jumping over an internal subset [ … ]. */
static size_t skip_doctype(const unsigned char *d, size_t len, size_t i)
{
    for (; i < len && d[i] != '>'; i++)
        if (d[i] == '[')
            i = skip_past(d, len, i + 1, "]") - 1;
    return i < len ? i + 1 : len;
}

/* SVG: an optional BOM, XML declaration, comments, processing instructions
 * and DOCTYPE, then an <svg> element. Only the first 4 KiB are examined. */
static bool sniff_svg(const unsigned char *d, size_t len)
{
    if (len > 4096)
        len = 4096;
    size_t i = starts(d, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (;;) {
        while (i < len && is_space(d[i]))
            i++;
        if (starts(d + i, len - i, "<?", 2))
            i = skip_past(d, len, i + 2, "?>");
        else if (starts(d + i, len - i, "<!--", 4))
            i = skip_past(d, len, i + 4, "-->");
        else if (starts(d + i, len - i, "<!DOCTYPE", 9))
            i = skip_doctype(d, len, i + 9);
        else
            break;
    }
    return starts(d + i, len - i, "<svg", 4) && i + 4 < len &&
           (is_space(d[i + 4]) || d[i + 4] == '>' || d[i + 4] == '/');
}

fimg_format fimg_sniff(const unsigned char *d, size_t len)
{
    if (!d)
        return FIMG_UNKNOWN;
    if (starts(d, len, "\x89PNG\r\n\x1a\n", 8))
        return FIMG_PNG;
    if (starts(d, len, "\xFF\xD8\xFF", 3))
        return FIMG_JPEG;
    if (starts(d, len, "RIFF", 4) && len >= 12 && memcmp(d + 8, "WEBP", 4) == 0)
        return FIMG_WEBP;
    if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6))
        return FIMG_GIF;
    if (sniff_svg(d, len))
        return FIMG_SVG;
    return FIMG_UNKNOWN;
}

const char *fimg_media_type(fimg_format f)
{
    switch (f) {
    case FIMG_PNG: return "image/png";
    case FIMG_JPEG: return "image/jpeg";
    case FIMG_WEBP: return "image/webp";
    case FIMG_GIF: return "image/gif";
    case FIMG_SVG: return "image/svg+xml";
    case FIMG_UNKNOWN: break;
    }
    return NULL;
}

const char *fimg_extension(fimg_format f)
{
    switch (f) {
    case FIMG_PNG: return "png";
    case FIMG_JPEG: return "jpg";
    case FIMG_WEBP: return "webp";
    case FIMG_GIF: return "gif";
    case FIMG_SVG: return "svg";
    case FIMG_UNKNOWN: break;
    }
    return NULL;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* PNG: the IHDR chunk must come first. */
static bool png_size(const unsigned char *d, size_t len, int *w, int *h)
{
    if (len < 24 || memcmp(d + 12, "IHDR", 4) != 0)
        return false;
    uint32_t pw = be32(d + 16), ph = be32(d + 20);
    if (pw == 0 || ph == 0 || pw > INT32_MAX || ph > INT32_MAX)
        return false;
    *w = (int)pw;
    *h = (int)ph;
    return true;
}

/* JPEG: walk the marker segments up to the first start-of-frame. */
static bool jpeg_frame(const unsigned char *d, size_t len, int *w, int *h, int *components)
{
    size_t i = 2;
    while (i + 4 <= len) {
        if (d[i] != 0xFF)
            return false;
        unsigned m = d[i + 1];
        if (m == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* markers without a length */
            i += 2;
            continue;
        }
        if (m == 0xD9 || m == 0xDA) /* end of image or scan before any frame */
            return false;
        unsigned seg = be16(d + i + 2);
        if (seg < 2)
            return false;
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (seg < 8 || i + 10 > len)
                return false;
            *h = (int)be16(d + i + 5);
            *w = (int)be16(d + i + 7);
            *components = d[i + 9];
            return *w > 0 && *h > 0;
        }
        i += 2 + seg;
    }
    return false;
}

static bool gif_size(const unsigned char *d, size_t len, int *w, int *h)
{
    if (len < 10)
        return false;
    *w = (int)le16(d + 6);
    *h = (int)le16(d + 8);
    return *w > 0 && *h > 0;
}

/* EXIF orientation from an APP1 "Exif" segment: IFD0's tag 0x0112. */
static int exif_orientation(const unsigned char *t, size_t len)
{
    if (len < 8)
        return 1;
    bool be = t[0] == 'M' && t[1] == 'M';
    if (!be && !(t[0] == 'I' && t[1] == 'I'))
        return 1;
    uint32_t ifd = be ? be32(t + 4) : (uint32_t)le16(t + 4) | (uint32_t)le16(t + 6) << 16;
    if (ifd > len - 2)
        return 1;
    unsigned n = be ? be16(t + ifd) : le16(t + ifd);
    for (unsigned k = 0; k < n; k++) {
        size_t e = ifd + 2 + 12 * (size_t)k;
        if (e + 12 > len)
            break;
        unsigned tag = be ? be16(t + e) : le16(t + e);
        unsigned type = be ? be16(t + e + 2) : le16(t + e + 2);
        if (tag == 0x0112 && type == 3) {
            unsigned v = be ? be16(t + e + 8) : le16(t + e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
    return 1;
}

int fimg_jpeg_orientation(const unsigned char *d, size_t len)
{
    size_t i = 2;
    while (i + 4 <= len && d[i] == 0xFF) {
        unsigned m = d[i + 1], seg = be16(d + i + 2);
        if (m == 0xDA || m == 0xD9 || (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
                                       m != 0xCC) || seg < 2)
            break; /* EXIF comes before the frame */
        size_t end = i + 2 + seg < len ? i + 2 + seg : len;
        if (m == 0xE1 && end - (i + 4) >= 6 && memcmp(d + i + 4, "Exif\0\0", 6) == 0)
            return exif_orientation(d + i + 10, end - (i + 10));
        i += 2 + seg;
    }
    return 1;
}

int fimg_jpeg_components(const unsigned char *d, size_t len)
{
    int w, h, components;
    return jpeg_frame(d, len, &w, &h, &components) ? components : 0;
}

bool fimg_raster_size(const unsigned char *d, size_t len, fimg_format f, int *w, int *h)
{
    int components;
    switch (f) {
    case FIMG_PNG: return png_size(d, len, w, h);
    case FIMG_JPEG: return jpeg_frame(d, len, w, h, &components);
    case FIMG_GIF: return gif_size(d, len, w, h);
    case FIMG_WEBP: return WebPGetInfo(d, len, w, h) && *w > 0 && *h > 0;
    case FIMG_SVG:
    case FIMG_UNKNOWN: break;
    }
    return false;
}
