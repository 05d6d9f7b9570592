/* Arrays that grow with the document (the PDF's structure record: an
 * element and a mark for every paragraph) kept in a scratch file mapped
 * shared rather than on the heap, once they are large: what is written
 * goes to the file's pages in the page cache, and spill_forget lets the
 * process's own copies go now and then (read again, they come back from
 * the cache), so a long document's record is never resident whole. The
 * array is used through its pointer as any other; below SPILL_MIN bytes,
 * or when no scratch file can be had (none off tmpfs: scratch_open_spill;
 * or it cannot grow: a full disk, a file-size limit), it is plain heap
 * memory. */
#ifndef FOLIO_UTIL_SPILL_H
#define FOLIO_UTIL_SPILL_H

#include <stdbool.h>
#include <stddef.h>

#define SPILL_MIN ((size_t)1 << 20)

/* All zero: an empty array. */
typedef struct spill {
    void *p;     /* the array; NULL until it grows */
    size_t size; /* bytes it may hold */
    bool mapped; /* p maps the scratch file fd; else it is on the heap */
    int fd;
} spill;

/* Room for at least bytes (doubled as it grows); returns s->p, which may
 * move. The bytes past the old size read as zero. Aborts when out of
 * memory, as malloc's callers here do. */
void *spill_grow(spill *s, size_t bytes);
/* Lets the resident pages of a file-backed array go (its content stays). */
void spill_forget(const spill *s);
void spill_free(spill *s);

#endif
