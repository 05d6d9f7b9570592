/* folio_write_file and folio_output_prepare over afile: outputs are never
 * lost, and a killed run's temporary file does not stay forever. */
#include "util/atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/path.h"
#include "util/scratch.h"

/* ".NAME.folio-": what every temporary file of path starts with. */
static void temp_prefix(buf *b, const char *path)
{
    const char *slash = strrchr(path, '/');
    buf_printf(b, ".%s.folio-", slash ? slash + 1 : path);
}

/* Whether name is PREFIX + PID + "." + six characters; the PID in *pid. */
static bool parse_temp_name(const char *name, const char *prefix, long *pid)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0)
        return false;
    char *end;
    errno = 0;
    *pid = strtol(name + n, &end, 10);
    return end > name + n && !errno && *pid > 0 && end[0] == '.' && strlen(end + 1) == 6;
}

/* Removes the temporary files of path that a killed writer left: ours (same
 * owner), older than `before`, and whose process is gone. A live writer's
 * file (another folio writing the same output right now) is kept. */
static void remove_stale_temps(const char *path, time_t before)
{
    char *dir = path_dirname(path);
    buf prefix = {0};
    temp_prefix(&prefix, path);
    DIR *d = dir ? opendir(dir) : NULL;
    for (struct dirent *e; d && (e = readdir(d));) {
        long pid;
        if (!parse_temp_name(e->d_name, prefix.data, &pid) || pid == (long)getpid())
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid() || st.st_mtime >= before)
            continue;
        if (pid <= INT32_MAX && kill((pid_t)pid, 0) == 0)
            continue; /* its writer still runs */
        if (errno == ESRCH || pid > INT32_MAX)
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
    buf_free(&prefix);
    free(dir);
}

/* Six characters for a temporary name. */
static void random_suffix(char out[7])
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[6];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)out;
        for (int i = 0; i < 6; i++, x >>= 8)
            r[i] = (unsigned char)x;
    }
    for (int i = 0; i < 6; i++)
        out[i] = alphabet[r[i] % (sizeof alphabet - 1)];
    out[6] = '\0';
}

folio_status afile_open(afile *f, const char *path)
{
    memset(f, 0, sizeof *f);
    f->fd = f->out_fd = -1;
    if (strcmp(path, "-") == 0) {
        f->out_fd = STDOUT_FILENO;
        return FOLIO_OK;
    }
    /* A device or a pipe (/dev/stdout, /dev/full, a FIFO) is written in
     * place: renaming over it would replace the device itself. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return FOLIO_EOUTPUT;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f->fd = f->out_fd = open(path, O_WRONLY | O_CLOEXEC);
        return f->fd < 0 ? FOLIO_EOUTPUT : FOLIO_OK;
    }
    f->path = strdup(path);
    buf tmp = {0};
    const char *slash = strrchr(path, '/');
    if (slash)
        buf_append(&tmp, path, (size_t)(slash - path + 1));
    temp_prefix(&tmp, path);
    buf_printf(&tmp, "%ld.", (long)getpid());
    size_t stem = tmp.len;
    for (int tries = 0; tries < 100 && f->fd < 0; tries++) {
        char suffix[7];
        random_suffix(suffix);
        tmp.len = stem;
        buf_puts(&tmp, suffix);
        /* 0666: the usual mode of a new file once the umask is applied. */
        f->fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (f->fd < 0 && errno != EEXIST)
            break;
    }
    if (f->fd < 0 || !f->path) {
        int err = f->path ? errno : ENOMEM;
        buf_free(&tmp);
        free(f->path);
        f->path = NULL;
        errno = err;
        return FOLIO_EOUTPUT;
    }
    f->out_fd = f->fd;
    f->tmp = buf_detach(&tmp);
    return FOLIO_OK;
}

folio_status afile_write(afile *f, const void *data, size_t len)
{
    return fd_write_all(f->out_fd, data, len) ? FOLIO_OK : FOLIO_EOUTPUT;
}

static void afile_free(afile *f)
{
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
    f->fd = f->out_fd = -1;
}

void afile_abort(afile *f)
{
    int err = errno;
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp)
        unlink(f->tmp);
    afile_free(f);
    errno = err;
}

/* The rename is on disk once the folder is: a crash right after it cannot
 * bring the old file back. Best effort. */
static void sync_folder(const char *path)
{
    char *dir = path_dirname(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

folio_status afile_commit(afile *f)
{
    if (!f->tmp) {
        bool ok = f->fd < 0 || close(f->fd) == 0;
        f->fd = -1;
        afile_free(f);
        return ok ? FOLIO_OK : FOLIO_EOUTPUT;
    }
    if (fsync(f->fd) != 0) {
        afile_abort(f);
        return FOLIO_EOUTPUT;
    }
    int rc = close(f->fd);
    f->fd = -1;
    if (rc != 0 || rename(f->tmp, f->path) != 0) {
        afile_abort(f);
        return FOLIO_EOUTPUT;
    }
    sync_folder(f->path);
    afile_free(f);
    return FOLIO_OK;
}

/* Writes through an afile what put writes to it, then commits. */
static folio_status write_file_with(const char *path, bool (*put)(afile *f, const void *from, size_t len),
                                    const void *from, size_t len)
{
    time_t start = time(NULL);
    afile f;
    if (afile_open(&f, path) != FOLIO_OK)
        return FOLIO_EOUTPUT;
    if (!put(&f, from, len)) {
        afile_abort(&f);
        return FOLIO_EOUTPUT;
    }
    if (afile_commit(&f) != FOLIO_OK)
        return FOLIO_EOUTPUT;
    if (strcmp(path, "-") != 0)
        remove_stale_temps(path, start);
    return FOLIO_OK;
}

static bool put_bytes(afile *f, const void *data, size_t len)
{
    return afile_write(f, data, len) == FOLIO_OK;
}

static bool put_file(afile *f, const void *fd, size_t unused)
{
    (void)unused;
    return fd_copy(*(const int *)fd, f->out_fd);
}

folio_status folio_write_file(const char *path, const void *data, size_t len)
{
    return write_file_with(path, put_bytes, data, len);
}

folio_status folio_write_file_fd(const char *path, int fd)
{
    return write_file_with(path, put_file, &fd, 0);
}

folio_status folio_output_prepare(const char *path)
{
    if (strcmp(path, "-") == 0)
        return FOLIO_OK;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return FOLIO_EOUTPUT;
        }
        if (!S_ISREG(st.st_mode)) /* a device or a FIFO, written in place */
            return access(path, W_OK) == 0 ? FOLIO_OK : FOLIO_EOUTPUT;
    }
    char *dir = path_dirname(path);
    if (!dir) {
        errno = ENOMEM;
        return FOLIO_EOUTPUT;
    }
    folio_status status = FOLIO_OK;
    if (stat(dir, &st) != 0)
        status = FOLIO_EOUTPUT; /* errno: ENOENT, ENOTDIR, EACCES… */
    else if (!S_ISDIR(st.st_mode))
        errno = ENOTDIR, status = FOLIO_EOUTPUT;
    else if (access(dir, W_OK | X_OK) != 0)
        status = FOLIO_EOUTPUT; /* EACCES, EROFS */
    int err = errno;
    free(dir);
    if (status == FOLIO_OK)
        remove_stale_temps(path, time(NULL));
    errno = err;
    return status;
}
