/* Atomic output files: the data goes to a temporary file beside the target
 * (".NAME.folio-PID.XXXXXX", recognisable by its writer's process id), is
 * flushed, then renamed over the target. On failure the temporary file is
 * removed and the old target is untouched. A process killed in between
 * (kill -9, power loss) leaves its temporary file behind: the next run
 * for the same target removes it. No signal handling here: signals belong
 * to the program (the folio command holds them back while it writes). */
#ifndef FOLIO_ATOMIC_FILE_H
#define FOLIO_ATOMIC_FILE_H

#include <stddef.h>

#include "folio.h"

typedef struct afile {
    int fd;       /* -1 when writing in place to "-" or a device */
    int out_fd;   /* where the bytes go: fd, the device, or stdout */
    char *path;   /* the target */
    char *tmp;    /* the temporary file, NULL when writing in place */
} afile;

/* Opens the temporary file for path ("-": standard output; a device or a
 * FIFO is written in place). FOLIO_EOUTPUT with errno set on failure. */
folio_status afile_open(afile *f, const char *path);
/* Appends len bytes. FOLIO_EOUTPUT with errno set on failure (then only
 * afile_abort remains to be called). */
folio_status afile_write(afile *f, const void *data, size_t len);
/* Flushes and renames the temporary file over the target, then frees f.
 * On failure the temporary file is removed and errno says why. */
folio_status afile_commit(afile *f);
/* Removes the temporary file and frees f. */
void afile_abort(afile *f);

#endif
