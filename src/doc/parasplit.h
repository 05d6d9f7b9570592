/* Long paragraphs read by md4c in parts.
 *
 * md4c 0.4.8 looks for the line of every bracket pair from the first line
 * of its paragraph (md_is_link_reference, md_is_inline_link_spec: `while
 * (beg >= line->end) line++`), so a paragraph of L lines with a pair on
 * each costs L²/2 steps, links or not: 200,000 lines of "[a]" took 9.5 s,
 * 16 MiB of them about an hour. A paragraph of PARASPLIT_LINES lines or
 * more is cut into paragraphs of about that many lines at line ends that
 * nothing md4c reads across (no bracket, emphasis, code span, raw HTML or
 * link address or title open: each "](" is read as md4c reads a link's
 * "(address "title")", and one left open at a line's end that the next
 * line shows is no link ends nothing). Between two parts a separator line, an HTML comment
 * (md4c ends a paragraph there), tells the builder that the next paragraph
 * goes on with the one before (pp_join, known by its line, never by its
 * text): the document is the one md4c would have read in one piece. When no such line end comes for PARASPLIT_FORCE lines,
 * the paragraph is cut anyway, with a warning.
 *
 * The paragraphs cut are those of the document, of its block quotes (lazy
 * lines too: each part gets the quote's markers as its first line wrote
 * them, "> > " or "  > " in an item), of the list items opened up to three
 * blanks in (each part indented to the item's content; in a quote too),
 * and those whose first line is up to three blanks in (an item's second
 * paragraph: each part gets those blanks, in the item whatever its
 * column), and those of the items opened four blanks in or more (a third
 * level) and their later paragraphs, while the scan can follow the items
 * open from a line at column 0 (no quote, tab, code, raw HTML or line
 * that may be lazy since: items_line). A line that reads one way or
 * another depending on a container the scan does not know (four blanks
 * in, when the item's column is not known) leaves the paragraph whole.
 * A part may open with a line that does not open a paragraph
 * ("[label]:", "<tag>", "2.": in the middle of a paragraph, text): the
 * pre-pass writes "\!" before it and the builder
 * drops that "!" (pp_join.escaped). A paragraph that a set-extension
 * underline makes a heading is cut too: the builder joins its parts into
 * the heading. Left whole: the paragraphs of deep items the scan cannot
 * follow (in a quote, after code), whose container it does not know.
 */
#ifndef FOLIO_PARASPLIT_H
#define FOLIO_PARASPLIT_H

#include "prepass.h"

enum { PARASPLIT_LINES = 256, PARASPLIT_FORCE = 4096 };
#define PARASPLIT_SEPARATOR "<!-- -->"

/* Cuts the long paragraphs of pp->text and records pp->joins. literal:
 * the lines of code and raw HTML, in order (never a paragraph's). */
void parasplit_run(folio_doc *doc, prepass *pp, const pp_span *literal, size_t n_literal,
                   fdiag *d);

#endif
