/* The cache folder's bound (util/cache_prune.h): over it, folio's least
 * recently used entries go until three quarters are left; a use through
 * blob_cache_get makes an entry recent; files that are not folio's entries
 * stay whatever their size. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/blob_cache.h"
#include "util/cache_prune.h"
#include "util/digest.h"
#include "util/path.h"

static char dir[] = "/tmp/folio-cache-prune-XXXXXX";

/* dir/name holding len bytes, last modified at the given second. */
static void make_file(const char *name, size_t len, time_t when)
{
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    for (size_t i = 0; f && i < len; i++)
        fputc('x', f);
    if (f)
        fclose(f);
    struct timespec t[2] = {{when, 0}, {when, 0}};
    CHECK(utimensat(AT_FDCWD, path, t, 0) == 0);
    free(path);
}

static bool exists(const char *name)
{
    char *path = path_join(dir, name);
    bool there = access(path, F_OK) == 0;
    free(path);
    return there;
}

/* A name of the blob cache's shape: KIND-32 hex digits. */
static const char *blob_name(const char *kind, int i)
{
    static char name[8][64];
    char key[65];
    char seed[16];
    snprintf(seed, sizeof seed, "%d", i);
    digest_sha256_hex(seed, strlen(seed), key);
    snprintf(name[i % 8], sizeof name[0], "%s-%.32s", kind, key);
    return name[i % 8];
}

static void test_bound(void)
{
    setenv("FOLIO_CACHE_MAX", "3", 1);
    CHECK(cache_prune_bound() == 3u << 20);
    setenv("FOLIO_CACHE_MAX", "0", 1);
    CHECK(cache_prune_bound() == 0);
    setenv("FOLIO_CACHE_MAX", "lots", 1);
    CHECK(cache_prune_bound() == (uint64_t)CACHE_PRUNE_DEFAULT_MIB << 20);
    unsetenv("FOLIO_CACHE_MAX");
    CHECK(cache_prune_bound() == (uint64_t)CACHE_PRUNE_DEFAULT_MIB << 20);
}

static void test_oldest_first(void)
{
    /* six entries of 1000 bytes, used at 1000, 2000, ... 6000 s */
    const char *names[6];
    for (int i = 0; i < 5; i++) {
        names[i] = strdup(blob_name(i == 2 ? "cover" : "image", i));
        make_file(names[i], 1000, 1000 * (i + 1));
    }
    names[5] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.img";
    make_file(names[5], 1000, 6000);
    /* not folio's entries, and older than all of them */
    make_file("notes.txt", 50000, 10);
    make_file("Image-0123456789abcdef0123456789abcdef", 1000, 10);
    make_file("image-0123456789abcdef0123456789abcdef.Xy12Ab", 1000, 10);
    CHECK(cache_prune(dir, 0) == 0);     /* no bound */
    CHECK(cache_prune(dir, 6000) == 0);  /* within it */
    CHECK(cache_prune(dir, 4000) == 3);  /* 6000 -> 3000: the three oldest go */
    for (int i = 0; i < 6; i++)
        CHECK(exists(names[i]) == (i >= 3));
    CHECK(exists("notes.txt"));
    CHECK(exists("Image-0123456789abcdef0123456789abcdef"));
    CHECK(exists("image-0123456789abcdef0123456789abcdef.Xy12Ab"));
    CHECK(cache_prune(dir, 3000) == 0);
    for (int i = 0; i < 5; i++)
        free((char *)names[i]);
}

static void test_use_is_recent(void)
{
    char own[] = "/tmp/folio-cache-use-XXXXXX";
    CHECK(mkdtemp(own) != NULL);
    char old[65], newer[65];
    digest_sha256_hex("old", 3, old);
    digest_sha256_hex("newer", 5, newer);
    char body[1000];
    memset(body, 'b', sizeof body);
    CHECK(blob_cache_put(own, "use", old, body, sizeof body));
    CHECK(blob_cache_put(own, "use", newer, body, sizeof body));
    char name[64];
    snprintf(name, sizeof name, "use-%.32s", old);
    char *p = path_join(own, name);
    snprintf(name, sizeof name, "use-%.32s", newer);
    char *q = path_join(own, name);
    /* stored long ago, the older first; then the older one is used */
    struct timespec t1[2] = {{100, 0}, {100, 0}}, t2[2] = {{200, 0}, {200, 0}};
    CHECK(utimensat(AT_FDCWD, p, t1, 0) == 0 && utimensat(AT_FDCWD, q, t2, 0) == 0);
    unsigned char *data = NULL;
    size_t len = 0;
    CHECK(blob_cache_get(own, "use", old, 1 << 20, &data, &len) && len == sizeof body);
    free(data);
    /* two entries of a little over 1000 bytes, a bound of 2000: one goes,
     * the one not used since it was stored */
    CHECK(cache_prune(own, 2000) == 1);
    CHECK(access(p, F_OK) == 0);
    CHECK(access(q, F_OK) != 0);
    unlink(p);
    rmdir(own);
    free(p);
    free(q);
}

/* Removes what test_oldest_first left in dir, and dir. */
static void clean_up(void)
{
    DIR *d = opendir(dir);
    for (struct dirent *de; d && (de = readdir(d));)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            unlinkat(dirfd(d), de->d_name, 0);
    if (d)
        closedir(d);
    rmdir(dir);
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL);
    test_bound();
    test_oldest_first();
    test_use_is_recent();
    clean_up();
    return check_done();
}
