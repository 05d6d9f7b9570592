/* The zip written here, field for field as libzip 1.7 wrote it (made by
 * Unix 6.3, mode 0666, no extra fields, sizes in the local headers, the
 * text deflated by zlib at level 1 as libzip calls it): the same bytes.
 * libzip cost more than the writing: it was opened with libcrypto and
 * libbz2 at the first EPUB (~1.3 ms of relocations), copied every entry
 * through its source layers, and summed the CRCs with zlib's bytewise
 * crc32 (libdeflate's folds 16 bytes at a time with carry-less multiplies:
 * a 1.5 MB photograph was ~0.8 ms of zlib's). */
#include "zip.h"

#include <libdeflate.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "util/bigbuf.h"

/* libzip deflates at level 9 unless told: on a year's 630 KB of XHTML
 * twice the time of level 1 for a text part 11% smaller, 0.2% of a book
 * that is mostly images. */
enum { DEFLATE_LEVEL = 1 };

/* Header sizes and the fields libzip wrote. */
enum {
    LOCAL_LEN = 30,
    CENTRAL_LEN = 46,
    END_LEN = 22,
    MADE_BY = 3 << 8 | 63,          /* Unix, zip 6.3 */
    NEEDS_STORED = 10,              /* 1.0 */
    NEEDS_DEFLATE = 20,             /* 2.0 */
    FLAG_FAST = 1 << 2,             /* deflated at level 1 or 2 */
    FLAG_UTF8 = 1 << 11,            /* a name that is not ASCII, in UTF-8 */
    MODE_0666 = 0100666             /* a regular file, rw for all */
};

/* An entry's DOS date and time fields, computed here in UTC: localtime
 * would make the bytes follow the user's time zone. */
typedef struct dos_stamp {
    unsigned time, date;
} dos_stamp;

static dos_stamp dos_stamp_of(int64_t t)
{
    const int64_t dos_epoch = 315532800; /* 1980-01-01T00:00:00Z: DOS dates start there */
    const int64_t dos_last = 4354819198; /* 2107-12-31T23:59:58Z: and end there */
    time_t clamped = (time_t)(t < dos_epoch ? dos_epoch : t > dos_last ? dos_last : t);
    struct tm tm;
    gmtime_r(&clamped, &tm);
    return (dos_stamp){
        .time = (unsigned)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2),
        .date = (unsigned)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday),
    };
}

static unsigned char *put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return p + 2;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    return put16(p + 2, v >> 16);
}

/* What the central directory repeats of an entry's local header. */
typedef struct written {
    uint32_t crc, packed, offset;
    unsigned flags, method;
} written;

static bool ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* The header fields from "version needed" to the names' lengths. */
static unsigned char *put_common(unsigned char *p, const epub_entry *e, const written *w,
                                 dos_stamp t)
{
    p = put16(p, w->method ? NEEDS_DEFLATE : NEEDS_STORED);
    p = put16(p, w->flags);
    p = put16(p, w->method);
    p = put16(p, t.time);
    p = put16(p, t.date);
    p = put32(p, w->crc);
    p = put32(p, w->packed);
    p = put32(p, (uint32_t)e->len);
    p = put16(p, (unsigned)strlen(e->name));
    return put16(p, 0); /* no extra field */
}

/* e's data at p, deflated or as it is; its compressed size in w. */
static bool put_data(z_stream *z, unsigned char *p, size_t room, const epub_entry *e, written *w)
{
    if (e->store) {
        if (e->len)
            memcpy(p, e->data, e->len);
        w->packed = (uint32_t)e->len;
        return true;
    }
    if (deflateReset(z) != Z_OK)
        return false;
    z->next_in = (Bytef *)(uintptr_t)e->data; /* zlib's API is not const */
    z->avail_in = (uInt)e->len;
    z->next_out = p;
    z->avail_out = (uInt)(room < UINT_MAX ? room : UINT_MAX);
    if (deflate(z, Z_FINISH) != Z_STREAM_END || z->total_out > UINT32_MAX)
        return false;
    w->packed = (uint32_t)z->total_out;
    return true;
}

bool epub_zip_write(const epub_entry *entries, size_t n, int64_t mtime, unsigned char **out,
                    size_t *out_len, const char **why)
{
    *out = NULL;
    *out_len = 0;
    z_stream z = {0};
    /* raw deflate, memLevel 9: libzip's call, so the text's bytes too */
    if (deflateInit2(&z, DEFLATE_LEVEL, Z_DEFLATED, -MAX_WBITS, MAX_MEM_LEVEL,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        *why = "zlib cannot deflate";
        return false;
    }
    /* room for every entry at its bound and its two headers: one
     * allocation, its pages touched once, in huge pages when it is
     * megabytes (util/bigbuf.h) */
    size_t room = END_LEN;
    bool small = n <= 0xFFFF;
    for (size_t i = 0; small && i < n; i++) {
        size_t name = strlen(entries[i].name);
        size_t data = entries[i].store ? entries[i].len : deflateBound(&z, entries[i].len);
        small = name <= 0xFFFF && entries[i].len <= UINT32_MAX;
        room += LOCAL_LEN + CENTRAL_LEN + 2 * name + data;
    }
    /* past 4 GiB a zip needs Zip64 records, which no EPUB reader expects */
    written *w = small && room <= UINT32_MAX ? calloc(n ? n : 1, sizeof *w) : NULL;
    unsigned char *buf = w ? bigbuf_alloc(room) : NULL;
    bool ok = buf != NULL;
    *why = small && room <= UINT32_MAX ? "out of memory" : "the book is too large for a zip";
    dos_stamp t = dos_stamp_of(mtime);
    unsigned char *p = buf;
    for (size_t i = 0; ok && i < n; i++) {
        const epub_entry *e = &entries[i];
        size_t name = strlen(e->name);
        w[i].offset = (uint32_t)(p - buf);
        w[i].method = e->store ? 0 : Z_DEFLATED;
        w[i].flags = (e->store ? 0 : FLAG_FAST) | (ascii(e->name) ? 0 : FLAG_UTF8);
        w[i].crc = libdeflate_crc32(0, e->data, e->len);
        unsigned char *data = p + LOCAL_LEN + name;
        ok = put_data(&z, data, room - (size_t)(data - buf), e, &w[i]);
        if (!ok) {
            *why = "zlib failed to deflate a part";
            break;
        }
        p = put32(p, 0x04034b50);
        p = put_common(p, e, &w[i], t);
        memcpy(p, e->name, name);
        p = data + w[i].packed;
    }
    unsigned char *central = p;
    for (size_t i = 0; ok && i < n; i++) {
        const epub_entry *e = &entries[i];
        size_t name = strlen(e->name);
        p = put32(p, 0x02014b50);
        p = put16(p, MADE_BY);
        p = put_common(p, e, &w[i], t);
        p = put16(p, 0);               /* no comment */
        p = put16(p, 0);               /* disk 0 */
        p = put16(p, 0);               /* internal attributes */
        p = put32(p, (uint32_t)MODE_0666 << 16); /* external: the Unix mode */
        p = put32(p, w[i].offset);
        memcpy(p, e->name, name);
        p += name;
    }
    if (ok) {
        uint32_t central_len = (uint32_t)(p - central);
        p = put32(p, 0x06054b50);
        p = put16(p, 0); /* this disk */
        p = put16(p, 0); /* the directory's disk */
        p = put16(p, (unsigned)n);
        p = put16(p, (unsigned)n);
        p = put32(p, central_len);
        p = put32(p, (uint32_t)(central - buf));
        p = put16(p, 0); /* no comment */
    }
    deflateEnd(&z);
    free(w);
    if (!ok) {
        free(buf);
        return false;
    }
    /* the slack of the bounds given back */
    size_t len = (size_t)(p - buf);
    unsigned char *fitted = realloc(buf, len);
    *out = fitted ? fitted : buf;
    *out_len = len;
    return true;
}
