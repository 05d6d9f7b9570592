/* Pandoc attribute lists: {#id .class key=value key="quoted value"}, as
 * written after images ({width=50% fig-align="center"}), links, headings
 * ({#id .unnumbered}) and on ::: fenced divs. */
#ifndef FOLIO_ATTRS_H
#define FOLIO_ATTRS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "util/diag.h"

enum { ATTRS_MAX = 16 };

typedef struct fattrs {
    const char *id;      /* NULL when none */
    const char *classes; /* space-separated, NULL when none */
    const char *keys[ATTRS_MAX], *values[ATTRS_MAX];
    int n;
} fattrs;

/* Parses the inside of the braces, s[0..len), strings into the arena.
 * False when it is not an attribute list (then *out is unspecified). */
bool attrs_parse(arena *a, const char *s, size_t len, fattrs *out);
/* The value of key, or NULL. */
const char *attrs_get(const fattrs *at, const char *key);
/* value, a lang= as written (NULL: none), into *lang when it is a language
 * tag, else NULL; false when it is written and is not one (the caller
 * warns: the text is then in its parent's language). */
bool attrs_lang(const char *value, const char **lang);
/* value, a dir= as written (NULL: none), into *dir: rtl, ltr or auto (any
 * case; auto is FDIR_FIRST_STRONG, which only a span reads); FDIR_AUTO and
 * false when it is written and is none of them (the caller warns). */
bool attrs_dir(const char *value, fdir *dir);
/* True when the class list has cls. */
bool attrs_has_class(const fattrs *at, const char *cls);
/* "50%", "700px", "333", "5cm" → a length; false (and *out untouched) when
 * unreadable or unusable: zero, below a pixel, above 100% or huge. */
bool attrs_length(const char *s, flen *out);
/* Length of the {…} at s (quotes respected), 0 when there is no closing
 * brace in s[0..len) before a NUL (len may be SIZE_MAX for a C string). */
size_t attrs_span(const char *s, size_t len);

/* The attribute list ending n's last text ("Title {#id}"): parsed into
 * *at and removed from the text. False (n untouched) when there is none. */
bool attrs_take_trailing(folio_doc *doc, fnode *n, fattrs *at);

/* Post pass: strips the attribute lists that follow images, links and end
 * headings, applying width/height/fig-align/alt and #id/.class. */
void attrs_apply(folio_doc *doc, fdiag *d);

#endif
