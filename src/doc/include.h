/* {{< include file >}}: finding and reading the included file. Cycles and
 * depth are the pre-pass's business; this file only resolves, confines and
 * reads. */
#ifndef FOLIO_INCLUDE_H
#define FOLIO_INCLUDE_H

#include <stddef.h>

#include "doc.h"
#include "util/diag.h"

typedef struct include_file {
    char *text;  /* malloc'ed, NUL-terminated, valid UTF-8 */
    size_t len;
    char *real;  /* malloc'ed real path (for cycle checks) */
    char *dir;   /* malloc'ed folder of the file, for its own includes */
    const char *name; /* path for diagnostics and doc->files, in the arena */
} include_file;

/*
 * Resolves rel, written in a file of folder dir whose diagnostics name is
 * from_name, inside the main source's folder (doc->dir): absolute paths and
 * escapes are refused. Reads it within doc->limits and checks its encoding.
 * Returns false after reporting an error at from_name:line:col.
 */
bool include_load(folio_doc *doc, const char *dir, const char *from_name, int line, int col,
                  const char *rel, fdiag *d, include_file *out);
void include_file_free(include_file *f);

#endif
