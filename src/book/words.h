/* Every word folio writes itself (never the author's): headings of the
 * book ("Sommaire"), callout titles, captions ("Figure", "Tableau"),
 * counts ("21 numéros"), month names and the way a date is written — one
 * table per language (words_table.h), read by both backends. A language
 * without a table, or a cell left empty, reads English.
 *
 * To add a word: a W_ name below, then its cell in words_table.h (English
 * at least). To add a language: its table there, a row of words.c's
 * languages[] and, if it counts otherwise than one/other, its rule in
 * counted_word(). */
#ifndef FOLIO_BOOK_WORDS_H
#define FOLIO_BOOK_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "util/buf.h"

typedef enum word_id {
    W_CONTENTS,       /* the table of contents' heading */
    W_LANDMARKS,      /* EPUB landmarks */
    W_COVER,
    W_START,          /* EPUB landmark: where reading starts */
    W_FOOTNOTES,      /* the heading of a chapter's notes */
    W_NOTE,           /* callout titles, in fcallout_kind order */
    W_TIP,
    W_WARNING,
    W_IMPORTANT,
    W_CAUTION,
    W_ISSUE,          /* an issue's number: "Numéro %n" (%n: the number) */
    W_ISSUE_COUNTED,  /* plural category one: "%n numéro" */
    W_ISSUES_COUNTED, /* category other: "%n numéros" */
    W_ISSUES_TWO,     /* categories two, few, many where the language has them: */
    W_ISSUES_FEW,     /* Arabic "عددان", Russian "%n выпуска", "%n выпусков" */
    W_ISSUES_MANY,
    W_ISSUES,         /* a compilation's title when nothing names it */
    W_VIDEO,          /* link cards, by provider */
    W_YOUTUBE,
    W_IFRAME,
    W_IMAGE,          /* an image without alternative text */
    W_IMAGE_MISSING,  /* the placeholder of an image that cannot be had */
    W_FIGURE,         /* numbered captions and cross-references: "Figure 1" */
    W_TABLE,
    W_SECTION,
    W_EQUATION,
    W_CAPTION_DELIM,  /* between a caption's number and its text: "Figure 1 : …" */
    W_REFERENCES,     /* the heading of the works cited */
    W_AND,            /* between the last two authors: "Dupont et Durand" */
    W_NO_DATE,        /* a work cited without a year: "n.d." */
    W_DETAILS,        /* a <details> without a <summary>, as browsers title it */
    W_INTERACTIVE,    /* where a cell's interactive output would be */
    W_SEE_PAGE,       /* on paper, after an internal link: "voir p. %n" */
    W_A11Y_SUMMARY,   /* EPUB accessibility summary */
    W_MONTH_1,        /* … W_MONTH_1 + 11: month names as used in a date */
    W_DATE_FORM = W_MONTH_1 + 12, /* %d day, %o ordinal day, %m month, %y year;
                                     empty: ISO 8601 */
    W_COUNT
} word_id;

/* The word in the language of tag (BCP 47 or POSIX, see util/lang.h);
 * never NULL. */
const char *book_word(const char *lang, word_id w);

/* Whether folio has the words of tag's language (else they read English). */
bool book_has_words(const char *lang);

/* The template word w of lang with number in the place of its "%n". */
void book_word_fill(const char *lang, word_id w, const char *number, buf *out);

/* A short name of the word for dumps and tests: "contents", "month-3". */
const char *book_word_key(word_id w);

/* The word Quarto's language key names ("callout-note-title",
 * "crossref-fig-title", "section-title-footnotes"…): false when folio
 * prints no such word. */
bool book_word_of_quarto(const char *key, word_id *w);

/* The word w as doc's author set it (Quarto's language: key, in its front
 * matter, else in its project's _quarto.yml), else book_word(lang, w).
 * doc may be NULL. */
const char *book_doc_word(const folio_doc *doc, const char *lang, word_id w);

/* The title of a callout of kind k that has none of its own. */
word_id book_callout_word(fcallout_kind k);

/* The label of a link card by its provider ("youtube", "video",
 * "iframe"; anything else is a video). */
word_id book_card_word(const char *provider);

/* "21 numéros", "1 numéro", "22 выпуска", "عددان": the count in the form
 * the language gives it. */
void book_count_issues(const char *lang, size_t n, buf *out);

/* The date written out: "20 mars 2023", "1er mars 2023", "March 20, 2023",
 * "20. März 2023"; ISO "2023-03-20" in a language without a date form.
 * Nothing for an invalid date. */
void book_date_long(const fdate *d, const char *lang, buf *out);

#endif
