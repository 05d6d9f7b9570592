/* Quarto project variables: {{< var a.b >}} reads _variables.yml, found in
 * the source's folder or the nearest folder above it. */
#ifndef FOLIO_VARS_H
#define FOLIO_VARS_H

#include <stdbool.h>

#include "util/arena.h"
#include "util/diag.h"

typedef struct vars vars;

/* Finds and reads _variables.yml from dir upwards. Returns NULL when there
 * is none, or when it is malformed (an error is then reported and *failed
 * set). Values are flattened to dotted keys ("signup.form"). The strings
 * live in the arena; the table itself is freed with vars_free. */
vars *vars_load(const char *dir, arena *a, fdiag *d, bool *failed);
/* The value of a dotted key, or NULL. v may be NULL. */
const char *vars_get(const vars *v, const char *key);
/* The file the variables came from. */
const char *vars_path(const vars *v);
void vars_free(vars *v);

#endif
