#include "zip.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

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
    __typeof__(&zip_source_stat) source_stat;
    __typeof__(&zip_source_open) source_open;
    __typeof__(&zip_source_read) source_read;
    __typeof__(&zip_source_close) source_close;
    __typeof__(&zip_error_init) error_init;
    __typeof__(&zip_source_buffer_create) source_buffer_create;
    __typeof__(&zip_open_from_source) open_from_source;
    __typeof__(&zip_error_strerror) error_strerror;
    __typeof__(&zip_error_fini) error_fini;
    __typeof__(&zip_source_keep) source_keep;
    __typeof__(&zip_close) close;
    __typeof__(&zip_strerror) strerror;
    __typeof__(&zip_discard) discard;
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
        "zip_file_set_dostime", "zip_source_stat", "zip_source_open", "zip_source_read",
        "zip_source_close", "zip_error_init", "zip_source_buffer_create", "zip_open_from_source",
        "zip_error_strerror", "zip_error_fini", "zip_source_keep", "zip_close", "zip_strerror",
        "zip_discard"};
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

static bool read_back(zip_source_t *src, unsigned char **out, size_t *out_len)
{
    zip_stat_t st;
    if (lz.source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || lz.source_open(src) < 0)
        return false;
    unsigned char *data = malloc(st.size ? st.size : 1);
    bool ok = data && lz.source_read(src, data, st.size) == (zip_int64_t)st.size;
    lz.source_close(src);
    if (!ok) {
        free(data);
        return false;
    }
    *out = data;
    *out_len = st.size;
    return true;
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
    zip_source_t *src = lz.source_buffer_create(NULL, 0, 0, &err);
    zip_t *za = src ? lz.open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
    if (!za) {
        *why = keep_message(lz.error_strerror(&err));
        lz.error_fini(&err);
        if (src)
            lz.source_free(src);
        return false;
    }
    lz.source_keep(src); /* zip_close releases its reference; we read the bytes after */
    bool ok = add_entries(za, entries, n, dos_stamp_of(mtime));
    if (ok)
        ok = lz.close(za) == 0;
    if (!ok) {
        *why = keep_message(lz.strerror(za));
        lz.discard(za);
    }
    if (ok && !read_back(src, out, out_len)) {
        ok = false;
        *why = "the archive could not be read back from memory";
    }
    lz.source_free(src);
    lz.error_fini(&err);
    return ok;
}
