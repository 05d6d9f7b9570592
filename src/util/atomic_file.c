/* folio_write_file: outputs are never lost. The data goes to a temporary
 * file beside the target, is flushed to disk, then renamed over it; on any
 * failure the temporary file is removed and the old target is untouched.
 * Catchable termination signals are held back during that short window so
 * that an interrupt cannot leave the temporary file behind, and a file-size
 * limit makes the write fail instead of killing the process. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio.h"
#include "util/buf.h"

static bool write_all(int fd, const void *data, size_t len)
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

static folio_status write_special(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return FOLIO_EOUTPUT;
    bool ok = write_all(fd, data, len);
    int err = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    errno = err;
    return ok ? FOLIO_OK : FOLIO_EOUTPUT;
}

folio_status folio_write_file(const char *path, const void *data, size_t len)
{
    if (strcmp(path, "-") == 0)
        return write_all(STDOUT_FILENO, data, len) ? FOLIO_OK : FOLIO_EOUTPUT;
    /* A device or a pipe (/dev/stdout, /dev/full, a FIFO) is written in
     * place: renaming over it would replace the device itself. */
    struct stat st_target;
    if (stat(path, &st_target) == 0 && !S_ISREG(st_target.st_mode) && !S_ISDIR(st_target.st_mode))
        return write_special(path, data, len);

    /* Temporary name in the same folder, so rename() is atomic. */
    const char *slash = strrchr(path, '/');
    buf tmp = {0};
    if (slash)
        buf_append(&tmp, path, (size_t)(slash - path + 1));
    buf_printf(&tmp, ".%s.XXXXXX", slash ? slash + 1 : path);

    sigset_t hold, old;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGHUP);
    sigaddset(&hold, SIGQUIT);
    sigprocmask(SIG_BLOCK, &hold, &old);
    /* Over a file-size limit (ulimit -f) write() raises SIGXFSZ, which would
     * kill the process with the temporary file half written; ignored, the
     * write fails with EFBIG as on a full disk. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old_xfsz;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &old_xfsz);

    folio_status st = FOLIO_EOUTPUT;
    int err = 0;
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        err = errno;
        goto out;
    }
    /* mkstemp creates 0600; an output file gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (!write_all(fd, data, len) || fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0) {
        err = errno;
        close(fd);
        unlink(tmp.data);
        goto out;
    }
    if (close(fd) != 0 || rename(tmp.data, path) != 0) {
        err = errno;
        unlink(tmp.data);
        goto out;
    }
    st = FOLIO_OK;
out:
    sigaction(SIGXFSZ, &old_xfsz, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    buf_free(&tmp);
    if (st != FOLIO_OK)
        errno = err;
    return st;
}
