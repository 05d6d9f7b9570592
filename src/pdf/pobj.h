/* PDF objects (ISO 32000-1 7.3) read from bytes into a small tree, edited
 * and written back: the dictionaries the finisher changes (catalog,
 * pages, annotations, fonts, images). A scalar keeps its bytes as they
 * were written (a number, a name, a string), so what is not edited is
 * written back as it was read. Never a stream's data. */
#ifndef FOLIO_PDF_POBJ_H
#define FOLIO_PDF_POBJ_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

typedef enum pobj_kind {
    POBJ_NULL,
    POBJ_BOOL,
    POBJ_NUMBER,
    POBJ_NAME,   /* text with its slash */
    POBJ_STRING, /* text with its delimiters: (…) or <…> */
    POBJ_REF,    /* ref: the object number */
    POBJ_ARRAY,  /* kids */
    POBJ_DICT,   /* kids: key (a name), value, key, value… */
} pobj_kind;

typedef struct pobj {
    pobj_kind kind;
    const char *text; /* a scalar's bytes (in what was parsed, or own) */
    size_t len;
    size_t ref;
    struct pobj *kids;
    size_t n, cap;
    char *own; /* bytes this node and its kids point into, freed with it */
} pobj;

/* Reads one object at *p (before end), moving *p past it; nesting deeper
 * than a few dozen levels, an unterminated string, array or dictionary,
 * or anything else that is not an object fails (o is then empty). */
bool pobj_parse(const char **p, const char *end, pobj *o);
/* Past white space and comments at p. */
const char *pobj_skip_space(const char *p, const char *end);
/* Frees what o holds (o itself is the caller's). */
void pobj_free(pobj *o);

/* o written in PDF syntax. */
void pobj_write(const pobj *o, buf *b);
/* The items of an array or dictionary (keys and values), space-separated,
 * without the brackets. */
void pobj_write_items(const pobj *o, buf *b);

/* The value of key ("/Type") in dict; NULL when absent or dict is none. */
pobj *pobj_get(const pobj *dict, const char *key);
/* Whether o is the name (with its slash). */
bool pobj_is_name(const pobj *o, const char *name);
/* o as an integer (a number without a fraction that fits): false if not. */
bool pobj_int(const pobj *o, long long *v);
/* o as a number. */
bool pobj_real(const pobj *o, double *v);
/* Sets key of dict to the object written in text (e.g. "4", "/Identity",
 * "<< /Marked true >>", "12 0 R"): false, dict unchanged, when text is
 * not one object or dict no dictionary. */
bool pobj_set(pobj *dict, const char *key, const char *text);
void pobj_remove(pobj *dict, const char *key);

/* A string object's bytes (escapes and hex decoded; NUL-terminated,
 * malloc'ed; *len without the NUL), or NULL when o is no string. */
char *pobj_string_bytes(const pobj *o, size_t *len);
/* A text string (UTF-16BE with its mark, else PDFDocEncoding read as
 * Latin-1) as UTF-8, malloc'ed; NULL when o is no string. */
char *pobj_string_utf8(const pobj *o);

#endif
