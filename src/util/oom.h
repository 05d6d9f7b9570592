/* folio's one out-of-memory policy (include/folio.h states it): a failed
 * allocation ends the process. GLib, under Pango and Cairo, aborts the same
 * way, so no call could promise to survive one; checking every allocation
 * would only add untested paths. */
#ifndef FOLIO_OOM_H
#define FOLIO_OOM_H

#include <stddef.h>

/* Prints "folio: out of memory" on stderr and aborts. */
_Noreturn void oom_abort(void);

/* cap (first when it is 0) doubled until it holds need; aborts when that
 * would overflow. */
size_t oom_doubled(size_t cap, size_t need, size_t first);
/* p, an array of *cap elements of size bytes, with room for need of them:
 * its capacity is first when it had none, then doubled until need fits
 * (what lies past the old capacity is left as realloc leaves it). Aborts
 * when memory is out or the byte count would overflow. */
void *oom_grow(void *p, size_t *cap, size_t need, size_t size, size_t first);

#endif
