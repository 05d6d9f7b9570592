/* The EPUB's zip, written by hand into one buffer: an EPUB needs only
 * stored and deflated entries, no ZIP64, no encryption. libzip did the same
 * with more than twice the CPU (its dlopen pulled in libcrypto and libbz2,
 * it compressed into its own buffers and the archive was then copied out
 * again: 8% of infolettre_19's EPUB, perf). Deflate is libdeflate's, at
 * level 1, which image decoding already uses. */
#include "zip.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* On a year's 630 KB of XHTML level 9 took twice the time of level 1 for
 * a text part 11% smaller, 0.2% of a book that is mostly images. */
enum { DEFLATE_LEVEL = 1 };

enum {
    LOCAL_HEADER = 30,   /* a local file header without its name */
    CENTRAL_HEADER = 46, /* a central directory entry without its name */
    END_RECORD = 22,     /* the end of central directory record, no comment */
    METHOD_STORE = 0,
    METHOD_DEFLATE = 8,
    FLAG_UTF8 = 1 << 11, /* the name is UTF-8 (set only when it is not ASCII) */
    MADE_BY_UNIX = 3 << 8 | 20, /* Unix attributes, spec version 2.0 */
};

/* Without ZIP64 no size, offset or count may reach these. */
#define ZIP_MAX_SIZE 0xFFFFFFFFu
#define ZIP_MAX_ENTRIES 0xFFFFu

/* An entry's DOS date and time fields, computed in UTC: the bytes never
 * follow the user's time zone. */
typedef struct dos_stamp {
    uint16_t time, date;
} dos_stamp;

static dos_stamp dos_stamp_of(int64_t t)
{
    const int64_t dos_epoch = 315532800; /* 1980-01-01T00:00:00Z: DOS dates start there */
    const int64_t dos_last = 4354819198; /* 2107-12-31T23:59:58Z: and end there */
    time_t clamped = (time_t)(t < dos_epoch ? dos_epoch : t > dos_last ? dos_last : t);
    struct tm tm;
    gmtime_r(&clamped, &tm);
    return (dos_stamp){
        .time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2),
        .date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday),
    };
}

static unsigned char *put16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return p + 2;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p = put16(p, v & 0xFFFF);
    return put16(p, v >> 16);
}

static bool ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* What the local header and the central directory both say of an entry. */
typedef struct entry_fields {
    uint16_t flags, method;
    uint32_t crc, packed, size, offset;
} entry_fields;

/* The fields from "version needed" to the name's length, shared by both
 * headers. */
static unsigned char *put_common(unsigned char *p, const entry_fields *f, dos_stamp when,
                                 size_t name_len)
{
    p = put16(p, f->method == METHOD_DEFLATE ? 20 : 10); /* version needed */
    p = put16(p, f->flags);
    p = put16(p, f->method);
    p = put16(p, when.time);
    p = put16(p, when.date);
    p = put32(p, f->crc);
    p = put32(p, f->packed);
    p = put32(p, f->size);
    return put16(p, (uint32_t)name_len);
}

/* The entry's header then its data at p (room for the deflate bound);
 * returns the end. A deflated entry no smaller than its text is stored. */
static unsigned char *put_entry(unsigned char *p, const epub_entry *e, dos_stamp when,
                                struct libdeflate_compressor *deflater, entry_fields *f)
{
    size_t name_len = strlen(e->name);
    unsigned char *data = p + LOCAL_HEADER + name_len;
    size_t packed = 0;
    if (!e->store && e->len)
        packed = libdeflate_deflate_compress(deflater, e->data, e->len, data,
                                             libdeflate_deflate_compress_bound(deflater, e->len));
    bool deflated = packed > 0 && packed < e->len;
    if (!deflated) {
        if (e->len)
            memcpy(data, e->data, e->len);
        packed = e->len;
    }
    f->flags = ascii(e->name) ? 0 : FLAG_UTF8;
    f->method = deflated ? METHOD_DEFLATE : METHOD_STORE;
    f->crc = (uint32_t)libdeflate_crc32(0, e->data, e->len);
    f->packed = (uint32_t)packed;
    f->size = (uint32_t)e->len;
    p = put32(p, 0x04034b50); /* local file header signature */
    p = put_common(p, f, when, name_len);
    p = put16(p, 0); /* no extra field: the mimetype's must be empty */
    memcpy(p, e->name, name_len);
    return data + packed;
}

static unsigned char *put_central(unsigned char *p, const epub_entry *e, const entry_fields *f,
                                  dos_stamp when)
{
    size_t name_len = strlen(e->name);
    p = put32(p, 0x02014b50); /* central directory header signature */
    p = put16(p, MADE_BY_UNIX);
    p = put_common(p, f, when, name_len);
    p = put16(p, 0);                 /* extra field length */
    p = put16(p, 0);                 /* comment length */
    p = put16(p, 0);                 /* disk number */
    p = put16(p, 0);                 /* internal attributes */
    p = put32(p, 0100644u << 16);    /* a regular file, rw-r--r-- */
    p = put32(p, f->offset);
    memcpy(p, e->name, name_len);
    return p + name_len;
}

bool epub_zip_write(const epub_entry *entries, size_t n, int64_t mtime, unsigned char **out,
                    size_t *out_len, const char **why)
{
    *out = NULL;
    *out_len = 0;
    struct libdeflate_compressor *deflater = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    entry_fields *fields = calloc(n ? n : 1, sizeof *fields);
    if (!deflater || !fields) {
        if (deflater)
            libdeflate_free_compressor(deflater);
        free(fields);
        *why = "out of memory";
        return false;
    }
    /* room for every entry at its worst, then the directory */
    size_t room = END_RECORD;
    bool fits = n <= ZIP_MAX_ENTRIES;
    for (size_t i = 0; fits && i < n; i++) {
        size_t name_len = strlen(entries[i].name), len = entries[i].len;
        size_t data = entries[i].store ? len : libdeflate_deflate_compress_bound(deflater, len);
        fits = len < ZIP_MAX_SIZE && name_len <= 0xFFFF;
        room += LOCAL_HEADER + CENTRAL_HEADER + 2 * name_len + (data > len ? data : len);
    }
    unsigned char *zip = fits ? malloc(room) : NULL;
    if (!zip) {
        libdeflate_free_compressor(deflater);
        free(fields);
        *why = fits ? "out of memory" : "the book is too large for a zip without ZIP64";
        return false;
    }
    dos_stamp when = dos_stamp_of(mtime);
    unsigned char *p = zip;
    for (size_t i = 0; fits && i < n; i++) {
        fits = (size_t)(p - zip) < ZIP_MAX_SIZE;
        fields[i].offset = (uint32_t)(p - zip);
        if (fits)
            p = put_entry(p, &entries[i], when, deflater, &fields[i]);
    }
    size_t directory = (size_t)(p - zip);
    for (size_t i = 0; fits && i < n; i++)
        p = put_central(p, &entries[i], &fields[i], when);
    size_t directory_len = (size_t)(p - zip) - directory;
    fits = fits && directory < ZIP_MAX_SIZE && directory_len < ZIP_MAX_SIZE;
    libdeflate_free_compressor(deflater);
    free(fields);
    if (!fits) {
        free(zip);
        *why = "the book is too large for a zip without ZIP64";
        return false;
    }
    p = put32(p, 0x06054b50); /* end of central directory signature */
    p = put16(p, 0);          /* this disk */
    p = put16(p, 0);          /* the directory's disk */
    p = put16(p, (uint32_t)n);
    p = put16(p, (uint32_t)n);
    p = put32(p, (uint32_t)directory_len);
    p = put32(p, (uint32_t)directory);
    p = put16(p, 0); /* comment length */
    *out_len = (size_t)(p - zip);
    unsigned char *shrunk = realloc(zip, *out_len);
    *out = shrunk ? shrunk : zip;
    return true;
}
