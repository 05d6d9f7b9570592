/* The book: everything both backends need that is not a document tree,
 * computed once per run (folio_render call) and read by both — the ordered
 * chapters, grouped in a part per year; the title, language and dates; the
 * table of contents (one rule: toc.c); the anchors a link may target;
 * every link resolved (internal between chapters, or external). The
 * backends never answer these questions themselves, so the PDF and the
 * EPUB of the same sources agree. Strings live in book->arena. */
#ifndef FOLIO_BOOK_H
#define FOLIO_BOOK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "doc/doc.h"
#include "style/style.h"
#include "util/diag.h"

/* The anchor of a chapter's start (its title). Every anchor folio makes
 * itself starts with "folio-"; no anchor mapped from a source id does. */
#define BOOK_TITLE_ANCHOR "folio-title"

typedef struct book_chapter {
    folio_doc *doc;
    const char *title;     /* front-matter title, else the bundle folder or file stem; never empty */
    const char *key;       /* the bundle folder name or file stem ("infolettre_17"); may be NULL */
    int part;              /* index in parts; -1 when the book has none */
    const char *real_dir;  /* realpath of the source's folder (NULL: unknown) */
    const char *real_path; /* realpath of the source (NULL: unknown) */
    bool is_bundle;        /* an index.md/index.qmd: its folder names it */
    GHashTable *anchor_of; /* const fnode * → const char *: the id each node carries */
    GHashTable *anchors;   /* the anchors of the chapter (string set), BOOK_TITLE_ANCHOR too */
    const char *lang;      /* the chapter's language: its generated words are in it */
    const char *date_text; /* "20 mars 2023"; NULL without a date */
    const char *number_text; /* "Numéro 13"; NULL without a number */
} book_chapter;

/* A year of a compilation that spans several. */
typedef struct book_part {
    int year;
    const char *title;     /* "2024" */
    size_t first, n;       /* its chapters: [first, first + n) */
} book_part;

typedef enum book_entry_kind { BOOK_PART, BOOK_CHAPTER, BOOK_SECTION } book_entry_kind;

/* One entry of the table of contents (the PDF's contents page and outline,
 * the EPUB's nav and NCX: the same list). */
typedef struct book_entry {
    book_entry_kind kind;
    int level;             /* 1 at the top; parts, then chapters, then sections */
    size_t chapter;        /* the chapter it opens or lies in (a part: its first) */
    int part;              /* BOOK_PART: index in parts */
    const fnode *heading;  /* BOOK_SECTION */
    const char *title;     /* plain text */
    const char *anchor;    /* BOOK_SECTION: the heading's anchor; NULL: the chapter's start */
    const int *struck;     /* pairs [start, end) of title's struck-through bytes (~~words~~) */
    int n_struck;
} book_entry;

/* A phrase folio writes itself, as both outputs print it: the parity test
 * finds each in both, and `folio dump --book` lists them. */
typedef struct book_phrase {
    int chapter;           /* -1: the book's own pages (cover, contents) */
    const char *key;       /* the word's key (book_word_key) or "date", "count" */
    const char *text;
} book_phrase;

typedef enum book_link_kind { BOOK_LINK_EXTERNAL, BOOK_LINK_INTERNAL } book_link_kind;

/* Where a link leads once the issues are one book. */
typedef struct book_link {
    book_link_kind kind;
    const char *href;      /* EXTERNAL: the URL, percent-encoded where RFC 3986 requires */
    size_t chapter;        /* INTERNAL: the target chapter */
    const char *anchor;    /* INTERNAL: an anchor of that chapter; NULL: its start */
} book_link;

typedef struct fbook {
    arena *arena;
    book_chapter *chapters; /* in reading order (the order given) */
    folio_doc *const *docs; /* the same documents, as given (borrowed) */
    size_t n;
    bool compilation;       /* more than one chapter: a cover, a title per issue */
    book_part *parts;       /* a part per year when the chapters span several; else none */
    size_t n_parts;
    book_entry *toc;
    size_t n_toc;
    int toc_depth;          /* levels listed (parts and chapters count) */
    GHashTable *links;      /* const fnode * (FN_LINK, FN_LINK_CARD) → book_link *;
                               absent: the link cannot be followed (warned once) */
    const char *lang;       /* the language most chapters are written in (BCP 47) */
    const char *title;      /* --title, else one issue's own title, else book_default_title */
    const char *years_text; /* "2023–2025", "2024"; NULL when no issue has a date */
    const char *count_text; /* "21 numéros" */
    bool contents_page;     /* the PDF prints a table of contents (the EPUB always has its nav) */
    book_phrase *phrases;   /* every phrase folio writes, in reading order */
    size_t n_phrases;
    const folio_style *style; /* the run's (callout titles) */
    int year_first, year_last; /* span of the front-matter dates; 0 when none has one */
    const fdate *newest;    /* the latest front-matter date (NULL: none) */
    int64_t modified;       /* SOURCE_DATE_EPOCH, else the newest date or lastmod, else 0 */
    fdiag *diag;
    folio_progress_fn progress;
    void *progress_user;
} fbook;

/* Builds the book of n documents (n ≥ 1) with o's title, TOC depth and
 * source date (o->source_date_epoch < 0: $SOURCE_DATE_EPOCH, else the
 * sources'). Links that cannot be followed are warned about here, once.
 * NULL when out of memory. Drop with book_free before the documents. */
fbook *book_new(folio_doc *const *docs, size_t n, const folio_render_options *o,
                const folio_style *style, fdiag *d);
void book_free(fbook *b);

/* The anchor node n of chapter ch carries (written as its id), or NULL. */
const char *book_anchor_of(const fbook *b, size_t ch, const fnode *n);
/* Where link n (FN_LINK, FN_LINK_CARD) leads, or NULL when it cannot be
 * followed in the book (then keep its text). */
const book_link *book_link_of(const fbook *b, const fnode *n);

/* The title of a callout of kind k without one of its own: the style's,
 * else the word in lang. */
const char *book_callout_title(const fbook *b, const folio_doc *doc, const char *lang,
                               fcallout_kind k);
/* The contents' heading: Quarto's toc-title-document of the book's one
 * issue, or of its project; else the book's language's word. */
const char *book_contents_title(const fbook *b);

/* Reports that chapter i (0-based) has been rendered: the progress callback,
 * the same for both backends. */
void book_progress(const fbook *b, size_t i);

/* ---- the parts of book_new, each in its own file ---- */

/* The last meaningful component of path[0, len): "a/b/index.md" → "b",
 * "a/b/" → "b", "a/c.qmd" → "c", "/site/issue_16" → "issue_16"; in a.
 * NULL when nothing is left. It names a chapter, and finds the chapter a
 * link points to. */
const char *book_path_key(arena *a, const char *path, size_t len);
/* The XML-safe anchor for a source id ("Références" → "R_c3_a9f_c3_a9rences"),
 * in a; NULL for an empty id. */
const char *book_anchor(arena *a, const char *source_id);
/* anchors.c: fills every chapter's anchor_of and anchors. */
void book_collect_anchors(fbook *b);
/* toc.c: parts and the table of contents. */
void book_make_parts(fbook *b);
void book_make_toc(fbook *b);
/* links.c: resolves every link of every chapter into b->links. */
void book_locate_chapters(fbook *b);
void book_resolve_links(fbook *b);
/* phrases.c: the chapters' date and number lines, the cover's count, and
 * the list of phrases. */
void book_collect_phrases(fbook *b);
/* dump.c: the book as text (`folio dump --book`), with each chapter's
 * images as res finds them (res may be NULL). */
struct book_resources;
void book_dump(const fbook *b, struct book_resources *res, FILE *out);
/* A warning at node n of chapter ch (its source file and line). */
void book_warn(const fbook *b, size_t ch, const fnode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
