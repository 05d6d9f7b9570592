/* Citations (pandoc's syntax, author–date like Quarto's default style):
 * @key reads "Dupont (2021)", [@a; see @b, p. 3] "(A 2020; see B 2019,
 * p. 3)", [-@key] "(2021)"; each links to its entry in a "Références"
 * list at the end of the issue (or in the author's ::: {#refs} div),
 * sorted by author and year. Keys come from the BibTeX bibliography the
 * front matter or the project names; an unknown key is warned about and
 * kept. Without a bibliography, @words are left alone (handles, not
 * citations), as is an e-mail address. */
#ifndef FOLIO_CITATIONS_H
#define FOLIO_CITATIONS_H

#include "doc.h"
#include "util/diag.h"

/* Runs once the document's language is known; bib_path may be NULL. */
void citations_apply(folio_doc *doc, const char *bib_path, fdiag *d);

#endif
