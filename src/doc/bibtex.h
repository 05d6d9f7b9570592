/* A BibTeX reader for citations: entries (@article{key, field = {…}}),
 * values in braces, quotes, numbers and @string macros joined with #, and
 * TeX accents and dashes turned into text ({\'e} → é, -- → –). Names are
 * split as BibTeX does ("Last, First" or "First von Last", joined by
 * "and"). Everything lives in the arena. */
#ifndef FOLIO_BIBTEX_H
#define FOLIO_BIBTEX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/diag.h"

typedef struct bib_field {
    const char *name;  /* lower case */
    const char *raw;   /* as written, braces kept (names are split on it) */
    const char *text;  /* TeX turned into text */
} bib_field;

typedef struct bib_entry {
    const char *type;  /* lower case: "article", "misc"… */
    const char *key;
    bib_field *fields;
    size_t n_fields;
    int line;
} bib_entry;

typedef struct bib_name {
    const char *family; /* "van Gogh", "World Health Organization" */
    const char *given;  /* "Vincent"; "" when none */
} bib_name;

/* Reads the entries of text[0..len) (file names it in warnings). */
void bib_read(arena *a, const char *text, size_t len, const char *file, fdiag *d,
              bib_entry **entries, size_t *n);
/* The text of field name of e, or NULL. */
const char *bib_get(const bib_entry *e, const char *name);
/* The names of field name of e ("author", "editor"), *n of them. */
bib_name *bib_names(arena *a, const bib_entry *e, const char *name, size_t *n);

#endif
