#include "zip.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "util/bigbuf.h"
#include "util/lazylib.h"

/* libzip's functions, in the order of their names below: libzip (and the
 * libcrypto and libbz2 it pulls in) is opened when a first EPUB is written,
 * not at every start (util/lazylib.h). */
static struct {
    __typeof__(&zip_source_buffer) source_buffer;
    __typeof__(&zip_file_add) file_add;
    __typeof__(&zip_source_free) source_free;
    __typeof__(&zip_set_file_compression) set_file_compression;
    __typeof__(&zip_file_set_dostime) file_set_dostime;
    __typeof__(&zip_error_init) error_init;
    __typeof__(&zip_source_function_create) source_function_create;
    __typeof__(&zip_open_from_source) open_from_source;
    __typeof__(&zip_error_strerror) error_strerror;
    __typeof__(&zip_error_fini) error_fini;
    __typeof__(&zip_close) close;
    __typeof__(&zip_strerror) strerror;
    __typeof__(&zip_discard) discard;
    __typeof__(&zip_error_set) error_set;
    __typeof__(&zip_error_to_data) error_to_data;
    __typeof__(&zip_stat_init) stat_init;
} lz;

/* libzip pulls in libcrypto, linked BIND_NOW: its ~4,000 relocations
 * are resolved when it is opened, each from the end of the global scope,
 * through the ~50 libraries folio starts with, to libcrypto itself (10.6
 * million instructions, 4% of a one-issue EPUB). Opened first with
 * RTLD_DEEPBIND, libzip, libcrypto and libbz2 look their symbols up in
 * their own libraries first; lazylib_open then finds libzip loaded. The
 * sanitizers' runtimes refuse it (they replace malloc for everyone). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature) /* clang before 17 defines neither */
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif

static void open_own_scope(void)
{
#ifndef SANITIZED
    static gsize done;
    if (g_once_init_enter(&done)) {
        dlopen("libzip.so.4", RTLD_LAZY | RTLD_LOCAL | RTLD_DEEPBIND); /* never closed */
        g_once_init_leave(&done, 1);
    }
#endif
}

static bool have_libzip(void)
{
    open_own_scope();
    static const char *const names[] = {
        "zip_source_buffer", "zip_file_add", "zip_source_free", "zip_set_file_compression",
        "zip_file_set_dostime", "zip_error_init", "zip_source_function_create",
        "zip_open_from_source", "zip_error_strerror", "zip_error_fini", "zip_close",
        "zip_strerror", "zip_discard", "zip_error_set", "zip_error_to_data", "zip_stat_init"};
    _Static_assert(sizeof lz == sizeof names, "one name per function");
    return lazylib_open("libzip.so.4", names, (void **)&lz, sizeof names / sizeof *names);
}

/* libzip deflates at level 9 unless told: on a year's 630 KB of XHTML
 * twice the time of level 1 for a text part 11% smaller, 0.2% of a book
 * that is mostly images. */
enum { DEFLATE_LEVEL = 1 };

/* An entry's DOS date and time fields, computed here in UTC: libzip's
 * zip_file_set_mtime would go through localtime_r, making the bytes follow
 * the user's time zone (and pinning TZ would change the whole process's). */
typedef struct dos_stamp {
    zip_uint16_t time, date;
} dos_stamp;

static dos_stamp dos_stamp_of(int64_t t)
{
    const int64_t dos_epoch = 315532800; /* 1980-01-01T00:00:00Z: DOS dates start there */
    const int64_t dos_last = 4354819198; /* 2107-12-31T23:59:58Z: and end there */
    time_t clamped = (time_t)(t < dos_epoch ? dos_epoch : t > dos_last ? dos_last : t);
    struct tm tm;
    gmtime_r(&clamped, &tm);
    return (dos_stamp){
        .time = (zip_uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2),
        .date = (zip_uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday),
    };
}

static bool add_entries(zip_t *za, const epub_entry *entries, size_t n, dos_stamp mtime)
{
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = lz.source_buffer(za, entries[i].data, entries[i].len, 0);
        if (!src)
            return false;
        zip_int64_t idx = lz.file_add(za, entries[i].name, src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            lz.source_free(src);
            return false;
        }
        if (lz.set_file_compression(za, (zip_uint64_t)idx,
                                     entries[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                     entries[i].store ? 0 : DEFLATE_LEVEL) < 0 ||
            lz.file_set_dostime(za, (zip_uint64_t)idx, mtime.time, mtime.date, 0) < 0)
            return false;
    }
    return true;
}

/* The archive, written by libzip into memory folio owns and hands to the
 * caller as it is: libzip's own buffer source had to be copied out once
 * more at the end (the whole EPUB: 2.1 MB and its page faults on seed,
 * ~1.2 ms of its 31). A source libzip writes must also read and seek. */
typedef struct sink {
    unsigned char *data;
    size_t len, cap;
    size_t write_at, read_at;
    zip_error_t error;
} sink;

/* The position a seek asks for from `at` in len bytes, or -1. */
static int64_t seek_to(sink *s, const void *data, zip_uint64_t n, size_t at)
{
    const zip_source_args_seek_t *a = n >= sizeof *a ? data : NULL;
    int64_t base = !a ? -1 : a->whence == SEEK_SET ? 0 : a->whence == SEEK_CUR ? (int64_t)at
                           : a->whence == SEEK_END ? (int64_t)s->len : -1;
    if (base < 0 || (a->offset < 0 && -a->offset > base) || base + a->offset > (int64_t)s->len) {
        lz.error_set(&s->error, ZIP_ER_INVAL, 0);
        return -1;
    }
    return base + a->offset;
}

static zip_int64_t sink_write(sink *s, const void *data, zip_uint64_t n)
{
    if (n > SIZE_MAX - s->write_at) {
        lz.error_set(&s->error, ZIP_ER_MEMORY, 0);
        return -1;
    }
    size_t end = s->write_at + (size_t)n;
    if (end > s->cap) {
        size_t cap = s->cap ? s->cap : 1 << 16;
        while (cap < end)
            cap = cap > SIZE_MAX / 2 ? end : cap * 2;
        unsigned char *grown = realloc(s->data, cap);
        if (!grown) {
            lz.error_set(&s->error, ZIP_ER_MEMORY, 0);
            return -1;
        }
        s->data = grown;
        s->cap = cap;
    }
    if (n)
        memcpy(s->data + s->write_at, data, (size_t)n);
    s->write_at = end;
    if (end > s->len)
        s->len = end;
    return (zip_int64_t)n;
}

static zip_int64_t sink_cb(void *user, void *data, zip_uint64_t n, zip_source_cmd_t cmd)
{
    sink *s = user;
    int64_t to;
    switch (cmd) {
    case ZIP_SOURCE_SUPPORTS: return ZIP_SOURCE_SUPPORTS_WRITABLE;
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE: s->len = s->write_at = 0; return 0;
    case ZIP_SOURCE_WRITE: return sink_write(s, data, n);
    case ZIP_SOURCE_SEEK_WRITE:
        if ((to = seek_to(s, data, n, s->write_at)) < 0)
            return -1;
        s->write_at = (size_t)to;
        return 0;
    case ZIP_SOURCE_TELL_WRITE: return (zip_int64_t)s->write_at;
    case ZIP_SOURCE_OPEN: s->read_at = 0; return 0;
    case ZIP_SOURCE_READ: {
        size_t k = s->len - s->read_at < n ? s->len - s->read_at : (size_t)n;
        if (k)
            memcpy(data, s->data + s->read_at, k);
        s->read_at += k;
        return (zip_int64_t)k;
    }
    case ZIP_SOURCE_SEEK:
        if ((to = seek_to(s, data, n, s->read_at)) < 0)
            return -1;
        s->read_at = (size_t)to;
        return 0;
    case ZIP_SOURCE_TELL: return (zip_int64_t)s->read_at;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = n >= sizeof *st ? data : NULL;
        if (!st) {
            lz.error_set(&s->error, ZIP_ER_INVAL, 0);
            return -1;
        }
        lz.stat_init(st);
        st->size = s->len;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR: return lz.error_to_data(&s->error, data, n);
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_COMMIT_WRITE:
    case ZIP_SOURCE_FREE: return 0; /* the bytes stay the caller's */
    default: lz.error_set(&s->error, ZIP_ER_OPNOTSUPP, 0); return -1;
    }
}

/* libzip's messages die with its objects: keep a copy for the caller. */
static const char *keep_message(const char *msg)
{
    static _Thread_local char copy[256];
    snprintf(copy, sizeof copy, "%s", msg ? msg : "libzip failed");
    return copy;
}

bool epub_zip_write(const epub_entry *entries, size_t n, int64_t mtime, unsigned char **out,
                    size_t *out_len, const char **why)
{
    *out = NULL;
    *out_len = 0;
    if (!have_libzip()) {
        *why = "libzip cannot be loaded";
        return false;
    }
    zip_error_t err;
    lz.error_init(&err);
    /* room for every entry stored (deflating only shrinks the text parts)
     * and its headers: one allocation, its pages touched once, in huge
     * pages when it is megabytes (util/bigbuf.h) */
    sink out_sink = {0};
    size_t room = 1024;
    for (size_t i = 0; i < n; i++)
        room += entries[i].len + 2 * strlen(entries[i].name) + 128;
    out_sink.data = bigbuf_alloc(room);
    out_sink.cap = out_sink.data ? room : 0;
    lz.error_init(&out_sink.error);
    zip_source_t *src = lz.source_function_create(sink_cb, &out_sink, &err);
    zip_t *za = src ? lz.open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
    bool ok = za != NULL;
    if (!za) {
        *why = keep_message(lz.error_strerror(&err));
        if (src)
            lz.source_free(src);
    } else {
        /* zip_close frees src (our sink keeps the bytes); zip_discard
         * too when anything failed */
        ok = add_entries(za, entries, n, dos_stamp_of(mtime)) && lz.close(za) == 0;
        if (!ok) {
            *why = keep_message(lz.strerror(za));
            lz.discard(za);
        }
    }
    lz.error_fini(&err);
    lz.error_fini(&out_sink.error);
    if (!ok) {
        free(out_sink.data);
        return false;
    }
    /* the slack of the last doubling given back */
    unsigned char *fitted = realloc(out_sink.data, out_sink.len ? out_sink.len : 1);
    *out = fitted ? fitted : out_sink.data;
    *out_len = out_sink.len;
    return ok;
}
