/* Scratch files: nameless files in the temporary folder ($TMPDIR, else
 * /tmp) that a large output passes through instead of memory (a PDF goes
 * from cairo to one, from qpdf to another). They vanish when closed, or
 * when the process dies: nothing to clean up, whatever signal comes. */
#ifndef FOLIO_SCRATCH_H
#define FOLIO_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>

/* A new empty scratch file open for reading and writing; -1 with errno
 * set when none can be made. */
int scratch_open(void);

/* A new empty scratch file for memory moved out of the process
 * (util/arena, util/spill): in $TMPDIR when it is on a disk; when $TMPDIR
 * is a tmpfs (or ramfs), in folio's cache folder if that is on a disk;
 * else -1 (errno set), and the caller keeps the memory on the heap, since
 * a file in memory would save none (scratch.c says why). */
int scratch_open_spill(void);

/* A name that opens the file fd refers to ("/proc/self/fd/N"), for a
 * library that only takes names (qpdf); size at least 32. */
void scratch_name(int fd, char *name, size_t size);

/* The size of the file at fd; -1 on error. */
long long fd_size(int fd);

/* Copies the whole file at `from` (from its start) to `to` at its current
 * position, through the kernel where it can. False with errno set. */
bool fd_copy(int from, int to);

/* The whole file at fd in memory (*data malloc'ed, NUL-terminated). False
 * with errno set. */
bool fd_read_all(int fd, unsigned char **data, size_t *len);

/* Writes len bytes at fd's position. False with errno set. */
bool fd_write_all(int fd, const void *data, size_t len);

#endif
