/* The cache of results folio can make again (util/blob_cache.h): a body
 * comes back only under its own key and only whole; a damaged, foreign or
 * truncated file is not used, and the next store replaces it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/blob_cache.h"
#include "util/digest.h"
#include "util/path.h"

static char dir[] = "/tmp/folio-blob-cache-XXXXXX";

/* The one file in the cache folder, malloc'ed. */
static char *only_file(const char *kind, const char key[65])
{
    char name[64];
    snprintf(name, sizeof name, "%s-%.32s", kind, key);
    return path_join(dir, name);
}

static bool get_is(const char key[65], const char *want)
{
    unsigned char *data = NULL;
    size_t len = 0;
    bool got = blob_cache_get(dir, "test", key, 1 << 20, &data, &len);
    bool same = want ? got && len == strlen(want) && memcmp(data, want, len) == 0 : !got;
    free(data);
    return same;
}

static void flip_last_byte(const char *path)
{
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    fseek(f, -1, SEEK_END);
    int c = fgetc(f);
    fseek(f, -1, SEEK_END);
    fputc(c ^ 1, f);
    fclose(f);
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL);
    char key[65], other[65];
    digest_sha256_hex("one", 3, key);
    digest_sha256_hex("two", 3, other);
    CHECK(get_is(key, NULL)); /* nothing stored yet */
    CHECK(blob_cache_put(dir, "test", key, "a body", 6));
    CHECK(get_is(key, "a body"));
    CHECK(get_is(other, NULL));

    /* a key whose first 32 digits are the same names the same file, but
     * the file says which key it was made for */
    char near[65];
    memcpy(near, key, sizeof near);
    near[63] = near[63] == '0' ? '1' : '0';
    CHECK(get_is(near, NULL));

    /* one byte of the body changed: its digest no longer matches */
    char *path = only_file("test", key);
    flip_last_byte(path);
    CHECK(get_is(key, NULL));
    CHECK(blob_cache_put(dir, "test", key, "a body", 6)); /* replaced */
    CHECK(get_is(key, "a body"));

    /* cut short, then empty */
    CHECK(truncate(path, 60) == 0);
    CHECK(get_is(key, NULL));
    CHECK(truncate(path, 0) == 0);
    CHECK(get_is(key, NULL));

    /* an empty body is a body */
    CHECK(blob_cache_put(dir, "test", key, "", 0));
    CHECK(get_is(key, ""));

    /* larger than the caller accepts */
    CHECK(blob_cache_put(dir, "test", key, "a body", 6));
    unsigned char *data = NULL;
    size_t len = 0;
    CHECK(!blob_cache_get(dir, "test", key, 5, &data, &len) && data == NULL);

    /* a folder that cannot be made: no cache, no failure */
    char blocked[128];
    snprintf(blocked, sizeof blocked, "%s/file", dir);
    FILE *f = fopen(blocked, "w");
    fclose(f);
    char below[160];
    snprintf(below, sizeof below, "%s/sub", blocked);
    CHECK(!blob_cache_put(below, "test", key, "x", 1));

    CHECK(blob_cache_build_id() != NULL);
    CHECK(strcmp(blob_cache_build_id(), blob_cache_build_id()) == 0);

    unlink(blocked);
    unlink(path);
    free(path);
    CHECK(rmdir(dir) == 0); /* no temporary file left behind */
    return check_done();
}
