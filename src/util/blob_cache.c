/* File layout: "folio-blob 1\nkey KEY\nsha256 DIGEST\n\n" then the body. */
#include "util/blob_cache.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/cache_prune.h"
#include "util/digest.h"
#include "util/path.h"

static const char MAGIC[] = "folio-blob 1\n";
enum { HEAD_LEN = sizeof MAGIC - 1 + 4 + 64 + 1 + 7 + 64 + 1 + 1 };

/* dir/KIND-KEY (the key's first 32 digits), malloc'ed; NULL without a folder. */
static char *blob_path(const char *dir, const char *kind, const char key[65])
{
    char *base = dir ? strdup(dir) : path_user_cache();
    if (!base)
        return NULL;
    char name[64];
    snprintf(name, sizeof name, "%s-%.32s", kind, key);
    char *path = path_join(base, name);
    free(base);
    return path;
}

static void head_of(buf *head, const char key[65], const char digest[65])
{
    buf_printf(head, "%skey %.64s\nsha256 %.64s\n\n", MAGIC, key, digest);
}

bool blob_cache_get(const char *dir, const char *kind, const char key[65], size_t max,
                    unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    char *path = blob_path(dir, kind, key);
    size_t file_len;
    char *file = path ? path_read_file(path, max + HEAD_LEN, &file_len) : NULL;
    if (!file) {
        free(path);
        return false;
    }
    bool ok = file_len >= HEAD_LEN;
    if (ok) {
        /* the body's digest, checked against the one the header claims */
        char digest[65];
        digest_sha256_hex(file + HEAD_LEN, file_len - HEAD_LEN, digest);
        buf head = {0};
        head_of(&head, key, digest);
        ok = head.len == HEAD_LEN && memcmp(file, head.data, HEAD_LEN) == 0;
        buf_free(&head);
    }
    if (ok) {
        *len = file_len - HEAD_LEN;
        memmove(file, file + HEAD_LEN, *len);
        *data = (unsigned char *)file;
        utimensat(AT_FDCWD, path, NULL, 0); /* used now: the last to prune (cache_prune.h) */
    } else {
        free(file);
    }
    free(path);
    return ok;
}

bool blob_cache_put(const char *dir, const char *kind, const char key[65], const void *data,
                    size_t len)
{
    char *path = blob_path(dir, kind, key);
    if (!path)
        return false;
    char digest[65];
    digest_sha256_hex(data, len, digest);
    buf head = {0};
    head_of(&head, key, digest);
    bool ok = path_replace_file(path, head.data, head.len, data, len);
    buf_free(&head);
    free(path);
    if (ok)
        cache_prune_once(dir); /* the folder grew: kept to its bound */
    return ok;
}

/* pthread_once, not g_once_init_*: the id is data the once publishes, and
 * ThreadSanitizer sees pthread_once's ordering but not GLib's (its release
 * is inside the uninstrumented libglib: unit.test_threads failed on it). */
static char build_id[96];
static pthread_once_t build_id_once = PTHREAD_ONCE_INIT;

static void read_build_id(void)
{
    Dl_info info;
    struct stat st;
    if (dladdr((void *)blob_cache_build_id, &info) && info.dli_fname &&
        stat(info.dli_fname, &st) == 0)
        snprintf(build_id, sizeof build_id, "%lld.%09ld %lld %llu", (long long)st.st_mtim.tv_sec,
                 st.st_mtim.tv_nsec, (long long)st.st_size, (unsigned long long)st.st_ino);
}

const char *blob_cache_build_id(void)
{
    pthread_once(&build_id_once, read_build_id);
    return build_id[0] ? build_id : NULL;
}
