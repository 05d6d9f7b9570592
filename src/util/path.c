/* Paths: joining, reading whole files, and resolving resources confined to
 * the source's folder tree (so a Markdown file cannot pull /etc/passwd or a
 * private key into an output). */
#include "util/path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *path_user_cache(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return path_join(xdg, "folio");
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return path_join(home, ".cache/folio");
    return NULL;
}

char *path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

char *path_read_file(const char *path, size_t max, size_t *len)
{
    if (max > SIZE_MAX / 2) /* keeps max + 1 and the doubling below from overflowing */
        max = SIZE_MAX / 2;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        goto fail;
    }
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
        errno = EFBIG;
        goto fail;
    }
    /* Pipes and growing files: read up to max + 1 bytes to detect overflow. */
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *data = malloc(cap + 1);
    if (!data)
        goto fail;
    for (;;) {
        if (n == cap) {
            if (n > max)
                break;
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nd = ncap > cap ? realloc(data, ncap + 1) : NULL;
            if (!nd) {
                free(data);
                errno = ENOMEM;
                goto fail;
            }
            data = nd;
            cap = ncap;
        }
        ssize_t r = read(fd, data + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(data);
            errno = e;
            goto fail;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max) {
        free(data);
        errno = EFBIG;
        return NULL;
    }
    data[n] = '\0';
    if (len)
        *len = n;
    return data;
fail:;
    int e = errno;
    close(fd);
    errno = e;
    return NULL;
}

bool path_is_inside(const char *real, const char *root)
{
    size_t rl = strlen(root);
    if (rl == 1 && root[0] == '/')
        return real[0] == '/';
    return strncmp(real, root, rl) == 0 && (real[rl] == '\0' || real[rl] == '/');
}

static bool allowed(const char *real, const char *base_real, char *const *extra_real, size_t n)
{
    if (base_real && path_is_inside(real, base_real))
        return true;
    for (size_t i = 0; i < n; i++)
        if (extra_real[i] && path_is_inside(real, extra_real[i]))
            return true;
    return false;
}

char *path_resolve_confined(const char *base_dir, const char *const *extra, size_t n,
                            const char *rel, const char **why)
{
    return path_resolve_within(base_dir, NULL, extra, n, rel, why);
}

char *path_resolve_within(const char *base_dir, const char *root, const char *const *extra,
                          size_t n, const char *rel, const char **why)
{
    *why = "not found";
    if (!rel || !*rel)
        return NULL;
    if (rel[0] == '/' && !root) {
        *why = "absolute path refused";
        return NULL;
    }
    char *base_real = base_dir ? realpath(base_dir, NULL) : NULL;
    /* The boundary: the project's root when known, else the source's folder. */
    char *root_real = root ? realpath(root, NULL) : NULL;
    if (root_real && base_real && !path_is_inside(base_real, root_real)) {
        free(root_real);
        root_real = NULL;
    }
    const char *fence = root_real ? root_real : base_real;
    char **extra_real = calloc(n ? n : 1, sizeof *extra_real);
    if (!extra_real) {
        free(base_real);
        free(root_real);
        *why = "out of memory";
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        extra_real[i] = extra[i] ? realpath(extra[i], NULL) : NULL;

    char *found = NULL;
    /* Candidate folders: the source's (the root's for a site path such as
     * "/event/x.png"), then each resource path. */
    for (size_t i = 0; i <= n && !found; i++) {
        const char *from = i > 0 ? extra_real[i - 1] : rel[0] == '/' ? root_real : base_real;
        if (!from)
            continue;
        char *cand = path_join(from, rel[0] == '/' ? rel + 1 : rel);
        char *real = cand ? realpath(cand, NULL) : NULL;
        free(cand);
        if (!real && errno == ELOOP)
            *why = "a symbolic link loop";
        if (!real)
            continue;
        struct stat st;
        if (!allowed(real, fence, extra_real, n)) {
            *why = root_real ? "outside the project folder" : "outside the source folder";
        } else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
            *why = "not a regular file";
        } else {
            found = real;
            real = NULL;
        }
        free(real);
    }
    for (size_t i = 0; i < n; i++)
        free(extra_real[i]);
    free(extra_real);
    free(base_real);
    free(root_real);
    return found;
}

static bool mkdir_parents(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode);
    char *parent = path_dirname(dir);
    bool ok = parent && (strcmp(parent, dir) == 0 || mkdir_parents(parent));
    free(parent);
    return ok && (mkdir(dir, 0700) == 0 || errno == EEXIST);
}

bool path_replace_file(const char *path, const void *head, size_t head_len, const void *body,
                       size_t body_len)
{
    char *dir = path_dirname(path);
    bool ok = dir && mkdir_parents(dir);
    free(dir);
    size_t pl = strlen(path);
    char *tmp = ok ? malloc(pl + sizeof ".XXXXXX") : NULL;
    if (!tmp)
        return false;
    memcpy(tmp, path, pl);
    memcpy(tmp + pl, ".XXXXXX", sizeof ".XXXXXX");
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    ok = f && (head_len == 0 || fwrite(head, 1, head_len, f) == head_len) &&
         (body_len == 0 || fwrite(body, 1, body_len, f) == body_len);
    if (f)
        ok = fclose(f) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (ok)
        ok = rename(tmp, path) == 0;
    if (!ok && fd >= 0)
        unlink(tmp);
    free(tmp);
    return ok;
}
