/* Citations (pandoc's syntax, author–date like Quarto's default style):
 * @key reads "Dupont (2021)", [@a; see @b, p. 3] "(A 2020; see B 2019,
 * p. 3)", [-@key] "(2021)"; each links to its entry in a "Références"
 * list at the end of the issue (or in the author's ::: {#refs} div),
 * sorted by author and year (works of the same authors and year told
 * apart: 2021a, 2021b). Keys come from the bibliographies (BibTeX, or
 * CSL-JSON .json) the front matter or the project names, the first one
 * that has a key winning; an unknown key is warned about and kept.
 * Without a bibliography, @words are left alone (handles, not
 * citations), as is an e-mail address. */
#ifndef FOLIO_CITATIONS_H
#define FOLIO_CITATIONS_H

#include "doc.h"
#include "util/diag.h"

/* Runs once the document's language is known; bibs: the bibliographies'
 * paths, NULL-terminated (NULL or empty: none). */
void citations_apply(folio_doc *doc, const char *const *bibs, fdiag *d);

#endif
