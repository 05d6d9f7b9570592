/* One arena per document: every node, string and array of a document model
 * lives here and is released in one call (mupdf's fz_pool idea). A large
 * arena (a long document's model: issue 14 item 17) takes its new chunks
 * from a scratch file mapped shared (util/scratch.h), as util/spill.h's
 * arrays do: forgotten now and then, only the part of it in use stays
 * resident, the rest waits in the page cache (on disk when the kernel
 * wants the memory). The file is never on a tmpfs, where it would be
 * memory all the same (scratch_open_spill); without a scratch file the
 * chunks stay on the heap. */
#ifndef FOLIO_ARENA_H
#define FOLIO_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* New empty arena; never NULL (out of memory aborts: util/oom.h). Drop it
 * with arena_drop. */
arena *arena_new(void);
/* Frees the arena and everything allocated from it. NULL is fine. */
void arena_drop(arena *a);
/* Zeroed, max-aligned memory owned by the arena; never NULL. */
void *arena_alloc(arena *a, size_t size);
/* The same, aligned to align (a power of two up to max_align_t's) only:
 * small objects allocated by the million pack tighter. */
void *arena_alloc_aligned(arena *a, size_t size, size_t align);
/* NUL-terminated copy of s[0..len) owned by the arena (not aligned). */
char *arena_strndup(arena *a, const char *s, size_t len);
/* NUL-terminated copy of s owned by the arena; NULL gives NULL. */
char *arena_strdup(arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for limits and benchmarks). */
size_t arena_used(const arena *a);
/* Lets the resident pages of a's mapped chunks go (their content stays:
 * read again, it comes back from the scratch file). */
void arena_forget(arena *a);
/* The same for every arena (tree walks call it now and then: they do not
 * know their arena). Any thread may call it. */
void arena_forget_all(void);

#endif
