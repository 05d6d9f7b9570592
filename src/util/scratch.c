#include "util/scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <linux/magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "util/path.h"

/* A nameless file in dir. */
static int open_in(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    /* a file system without O_TMPFILE: a named file, unlinked at once */
    char *tmpl = g_build_filename(dir, "folio-scratch-XXXXXX", NULL);
    fd = mkostemp(tmpl, O_CLOEXEC);
    if (fd >= 0)
        unlink(tmpl);
    g_free(tmpl);
    return fd;
}

int scratch_open(void) { return open_in(g_get_tmp_dir()); }

/* Whether dir's files are memory (tmpfs: RAM or swap; ramfs: RAM). A
 * folder statfs cannot read is not: opening in it fails as before. */
static bool in_memory(const char *dir)
{
    struct statfs fs;
    return statfs(dir, &fs) == 0 && (fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC);
}

/* Where memory spills go, chosen once (as GLib reads $TMPDIR once); ""
 * when nowhere. A tmpfs $TMPDIR (/tmp on many systems) is the case that
 * matters: its files are shared memory, which swaps exactly as the heap
 * does, so a model spilled there saves nothing. It only hides the model
 * from RSS, and the mappings, refaults and madvise cost system time.
 * folio's cache folder, when it is on a disk, is a place whose page cache
 * the kernel can write back and reclaim, and the one folder folio already
 * writes to. With neither, the spill is declined and the memory stays
 * honestly on the heap. The output's folder was not chosen: the arena is
 * made before the output is known, and `folio dump` has none. */
static char spill_dir[4096];
static pthread_once_t spill_once = PTHREAD_ONCE_INIT;

/* dir kept when it fits whole (a path cut short is another folder) */
static void keep(const char *dir)
{
    if (strlen(dir) < sizeof spill_dir)
        strcpy(spill_dir, dir);
}

static void choose_spill_dir(void)
{
    const char *tmp = g_get_tmp_dir();
    if (!in_memory(tmp)) {
        keep(tmp);
        return;
    }
    char *cache = path_user_cache();
    if (cache && g_mkdir_with_parents(cache, 0700) == 0 && !in_memory(cache))
        keep(cache);
    free(cache);
}

int scratch_open_spill(void)
{
    pthread_once(&spill_once, choose_spill_dir);
    if (!spill_dir[0]) {
        errno = ENOENT;
        return -1;
    }
    return open_in(spill_dir);
}

int folio_scratch_open(void) { return scratch_open(); }

void scratch_name(int fd, char *name, size_t size)
{
    snprintf(name, size, "/proc/self/fd/%d", fd);
}

long long fd_size(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? (long long)st.st_size : -1;
}

bool fd_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        len -= (size_t)w;
    }
    return true;
}

bool fd_copy(int from, int to)
{
    long long size = fd_size(from);
    if (size < 0)
        return false;
    off_t at = 0;
    while (at < size) {
        ssize_t n = copy_file_range(from, &at, to, NULL, (size_t)(size - at), 0);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
            errno != EOPNOTSUPP && errno != EBADF)
            return false;
        break; /* not between these files (a pipe, stdout): by hand */
    }
    char chunk[1 << 16];
    while (at < size) {
        ssize_t n = pread(from, chunk, sizeof chunk, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO; /* the file shrank */
            return false;
        }
        if (!fd_write_all(to, chunk, (size_t)n))
            return false;
        at += n;
    }
    return true;
}

bool fd_read_all(int fd, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    long long size = fd_size(fd);
    if (size < 0)
        return false;
    unsigned char *p = malloc((size_t)size + 1);
    if (!p) {
        errno = ENOMEM;
        return false;
    }
    size_t got = 0;
    while (got < (size_t)size) {
        ssize_t n = pread(fd, p + got, (size_t)size - got, (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            free(p);
            return false;
        }
        got += (size_t)n;
    }
    p[got] = 0;
    *data = p;
    *len = got;
    return true;
}
