/* folio's one out-of-memory policy (include/folio.h states it): a failed
 * allocation ends the process. GLib, under Pango and Cairo, aborts the same
 * way, so no call could promise to survive one; checking every allocation
 * would only add untested paths. */
#ifndef FOLIO_OOM_H
#define FOLIO_OOM_H

/* Prints "folio: out of memory" on stderr and aborts. */
_Noreturn void oom_abort(void);

#endif
