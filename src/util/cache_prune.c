#include "util/cache_prune.h"

#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/path.h"

typedef struct entry {
    char *name;
    uint64_t size;
    struct timespec used;
} entry;

static bool hex_run(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* "KIND-" and 32 hex digits (util/blob_cache.c), or 64 and ".img"
 * (net/cache.c): the names folio gives its entries. */
static bool is_entry_name(const char *n)
{
    size_t len = strlen(n);
    if (len == 68 && strcmp(n + 64, ".img") == 0)
        return hex_run(n, 64);
    const char *dash = strchr(n, '-');
    if (!dash || dash == n || len - (size_t)(dash - n) != 33 || !hex_run(dash + 1, 32))
        return false;
    for (const char *p = n; p < dash; p++)
        if (*p < 'a' || *p > 'z')
            return false;
    return true;
}

/* Oldest first; the name breaks ties, so the order is the same every time. */
static int by_use(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
    if (x->used.tv_nsec != y->used.tv_nsec)
        return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

uint64_t cache_prune_bound(void)
{
    const char *env = getenv("FOLIO_CACHE_MAX");
    char *end;
    unsigned long long mib = env && *env ? strtoull(env, &end, 10) : 0;
    if (!env || !*env || *end || mib > UINT64_MAX >> 20)
        mib = CACHE_PRUNE_DEFAULT_MIB;
    return (uint64_t)mib << 20;
}

unsigned cache_prune(const char *dir, uint64_t max_bytes)
{
    if (max_bytes == 0)
        return 0;
    char *base = dir ? strdup(dir) : path_user_cache();
    DIR *d = base ? opendir(base) : NULL;
    free(base);
    if (!d)
        return 0;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    for (struct dirent *de; (de = readdir(d));) {
        struct stat st;
        if (!is_entry_name(de->d_name) ||
            fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            entry *grown = realloc(v, cap * sizeof *v);
            if (!grown)
                break;
            v = grown;
        }
        char *name = strdup(de->d_name);
        if (!name)
            break;
        v[n++] = (entry){name, (uint64_t)st.st_size, st.st_mtim};
        total += (uint64_t)st.st_size;
    }
    unsigned removed = 0;
    if (total > max_bytes) {
        qsort(v, n, sizeof *v, by_use);
        uint64_t goal = max_bytes / 4 * 3;
        for (size_t i = 0; i < n && total > goal; i++) {
            if (unlinkat(dirfd(d), v[i].name, 0) == 0) {
                total -= v[i].size;
                removed++;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
    closedir(d);
    return removed;
}

void cache_prune_once(const char *dir)
{
    static gsize done;
    if (g_once_init_enter(&done)) {
        cache_prune(dir, cache_prune_bound());
        g_once_init_leave(&done, 1);
    }
}
