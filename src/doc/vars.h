/* Quarto project variables: {{< var a.b >}} reads _variables.yml, found in
 * the source's folder or the nearest folder above it, up to the project
 * root and never beyond. */
#ifndef FOLIO_VARS_H
#define FOLIO_VARS_H

#include <stdbool.h>

#include "util/arena.h"
#include "util/diag.h"

typedef struct vars vars;

/* Finds and reads _variables.yml from dir upwards to root (a folder at or
 * above dir; NULL: dir alone). Only a regular file whose real path stays
 * inside root is read (no FIFO, no symbolic link out). Returns NULL when
 * there is none, or when it cannot be read or is malformed (an error is
 * then reported and *failed set). Values are flattened to dotted keys
 * ("signup.form"). The strings live in the arena; the table itself is freed
 * with vars_free. */
vars *vars_load(const char *dir, const char *root, arena *a, fdiag *d, bool *failed);
/* The value of a dotted key, or NULL. v may be NULL. */
const char *vars_get(const vars *v, const char *key);
/* The file the variables came from. */
const char *vars_path(const vars *v);
void vars_free(vars *v);

#endif
