#include "zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* libzip 1.7 turns times into DOS date fields with localtime_r, so the
 * bytes would follow the user's time zone: pin UTC while it works, then
 * put the caller's TZ back. */
typedef struct tz_pin {
    char *saved; /* NULL: TZ was unset */
} tz_pin;

static void tz_pin_utc(tz_pin *p)
{
    const char *tz = getenv("TZ");
    p->saved = tz ? strdup(tz) : NULL;
    setenv("TZ", "UTC0", 1);
    tzset();
}

static void tz_restore(tz_pin *p)
{
    if (p->saved)
        setenv("TZ", p->saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(p->saved);
}

/* DOS times start in 1980. */
static time_t dos_time(int64_t t)
{
    const int64_t dos_epoch = 315532800; /* 1980-01-01T00:00:00Z */
    return (time_t)(t < dos_epoch ? dos_epoch : t);
}

static bool add_entries(zip_t *za, const epub_entry *entries, size_t n, time_t mtime)
{
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        if (!src)
            return false;
        zip_int64_t idx = zip_file_add(za, entries[i].name, src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(src);
            return false;
        }
        if (zip_set_file_compression(za, (zip_uint64_t)idx,
                                     entries[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                     0) < 0 ||
            zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0)
            return false;
    }
    return true;
}

static bool read_back(zip_source_t *src, unsigned char **out, size_t *out_len)
{
    zip_stat_t st;
    if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) < 0)
        return false;
    unsigned char *data = malloc(st.size ? st.size : 1);
    bool ok = data && zip_source_read(src, data, st.size) == (zip_int64_t)st.size;
    zip_source_close(src);
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
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
    if (!za) {
        *why = keep_message(zip_error_strerror(&err));
        zip_error_fini(&err);
        if (src)
            zip_source_free(src);
        return false;
    }
    zip_source_keep(src); /* zip_close releases its reference; we read the bytes after */
    tz_pin pin;
    tz_pin_utc(&pin);
    bool ok = add_entries(za, entries, n, dos_time(mtime));
    if (ok)
        ok = zip_close(za) == 0;
    if (!ok) {
        *why = keep_message(zip_strerror(za));
        zip_discard(za);
    }
    tz_restore(&pin);
    if (ok && !read_back(src, out, out_len)) {
        ok = false;
        *why = "the archive could not be read back from memory";
    }
    zip_source_free(src);
    zip_error_fini(&err);
    return ok;
}
