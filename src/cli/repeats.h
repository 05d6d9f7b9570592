/* Warnings of one kind past the first few: a document with 100,000 unknown
 * icons is shown the first REPEATS_SHOWN of them, then one line that says
 * how many more there were (as compilers stop after so many errors). The
 * counts, and so the exit status, still take every one. */
#ifndef FOLIO_CLI_REPEATS_H
#define FOLIO_CLI_REPEATS_H

#include <stdbool.h>
#include <stdio.h>

#include "folio.h"

enum { REPEATS_SHOWN = 50 };

typedef struct repeat_kind {
    const char *kind; /* folio_diag.kind */
    long n;           /* warnings of that kind so far */
    char *file;       /* the first one's file and message */
    char *message;
} repeat_kind;

typedef struct repeats {
    repeat_kind *v;
    size_t n, cap;
} repeats;

/* Counts warning d; whether to show it: each kind's first REPEATS_SHOWN,
 * and every error and warning of no kind. */
bool repeats_show(repeats *r, const folio_diag *d);
/* Prints to out, for each kind past REPEATS_SHOWN in the order they first
 * came, "FILE: warning: … and K more like "FIRST MESSAGE"", then forgets
 * every kind. */
void repeats_flush(repeats *r, FILE *out);

#endif
