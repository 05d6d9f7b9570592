/* The pre-pass: what md4c 0.4.8 does not know (Hugo shortcodes, Quarto
 * fenced divs, includes, variables, footnote definitions, pandoc's definition
 * lists) is rewritten into plain Markdown plus marker lines md4c passes
 * through as HTML blocks, each on its own line between blank lines:
 *
 *     <folio-block n="3">        opens pp->blocks[3] (a callout, a div…)
 *     </folio-block>             closes the innermost open one
 *     <folio-block n="4"/>       a leaf block (a link card)
 *
 * The channel is out of band: the builder knows a marker by the rewritten
 * line it sits on (pp->marks), never by its text, so the same text typed by
 * an author is only raw HTML. Every rewritten line remembers the file and
 * line it came from, so diagnostics and node lines point at the source,
 * includes included. Nothing inside code fences is touched. */
#ifndef FOLIO_PREPASS_H
#define FOLIO_PREPASS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "util/buf.h"
#include "util/diag.h"

typedef struct pp_origin {
    int file; /* index in doc->files */
    int line; /* 1-based line in that file */
} pp_origin;

typedef enum pp_kind {
    PP_CALLOUT,  /* {{% callout %}}, ::: {.callout-*} */
    PP_DETAILS,  /* {{< spoiler text= >}}: a disclosure */
    PP_DIV,      /* ::: {.other} */
    PP_COLUMNS,  /* ::: {.columns} */
    PP_COLUMN,   /* ::: {.column width=…} */
    PP_LAYOUT,   /* ::: {layout-ncol=N}: children laid out N per row */
    PP_CARD,     /* {{< youtube >}}, {{< video >}}: a leaf */
    PP_FOOTNOTE, /* [^label]: … */
    PP_DEF_LIST, /* Term / ": definition" lines (pandoc) */
    PP_DEF_TERM, /* its term line */
    PP_DEF_DATA, /* a definition */
} pp_kind;

typedef struct pp_block {
    pp_kind kind;
    pp_origin at;
    fcallout_kind callout; /* PP_CALLOUT */
    bool collapsed;        /* PP_CALLOUT */
    const char *title;     /* PP_CALLOUT, PP_DETAILS, PP_CARD: NULL when none */
    const char *id;        /* PP_DIV, PP_CALLOUT, PP_LAYOUT: NULL when none */
    const char *classes;   /* PP_DIV: space-separated, NULL when none */
    const char *lang;      /* PP_DIV, PP_CALLOUT: {lang=en}, NULL when none */
    fdir dir;              /* PP_DIV: {dir=rtl} */
    flen width;            /* PP_COLUMN */
    int ncol;              /* PP_LAYOUT */
    const char *url;       /* PP_CARD */
    const char *provider;  /* PP_CARD: "youtube", "video" */
    const char *label;     /* PP_FOOTNOTE */
} pp_block;

typedef enum pp_mark_kind { PP_OPEN, PP_LEAF, PP_CLOSE } pp_mark_kind;

/* A marker line the pre-pass wrote. */
typedef struct pp_mark {
    size_t line;       /* 1-based rewritten line */
    pp_mark_kind kind;
    size_t block;      /* PP_OPEN, PP_LEAF: index in blocks */
} pp_mark;

/* Longer link addresses are not links: 64 KiB is far beyond any real one. */
enum { PP_MAX_URL_BYTES = 64 * 1024 };

/* A reference definition whose long address the pre-pass replaced by
 * PP_REF_PLACEHOLDER (md4c would read it again at every use): the builder
 * takes the address from here for a link whose address is that
 * placeholder on that line. */
#define PP_REF_PLACEHOLDER "#folio-reference"
typedef struct pp_ref {
    size_t line;     /* 1-based rewritten line */
    const char *url; /* decoded, in doc->arena; NULL when over PP_MAX_URL_BYTES */
    size_t size;     /* its bytes */
} pp_ref;

/* A long paragraph the pre-pass cut in parts for md4c (parasplit.h): the
 * paragraph after the separator on this rewritten line continues the one
 * before it, after a soft break (a hard one when hard). */
typedef struct pp_join {
    size_t line; /* 1-based rewritten line of the separator */
    bool hard;
    bool escaped; /* the next part opens with "\\!" (a line that would not open a
                   * paragraph): its "!" is not text */
} pp_join;

/* Rewritten lines from..to (1-based, inclusive). */
typedef struct pp_span {
    size_t from, to;
} pp_span;

/* Rewritten lines from rline on come from the lines of a file from at.line
 * on, one for one, up to the next run's rline: most of a document is a
 * single run (8 bytes a line as a table, issue 14 item 17). */
typedef struct pp_run {
    size_t rline; /* 1-based */
    pp_origin at;
} pp_run;

/* Where a rewritten line's columns part from its source's (a shortcode
 * replaced by its text): from byte at of rewritten line `line` on, the
 * source column is col plus the characters since at (rcol, the rewritten
 * column there), or col itself when fixed (inside the replacement: the
 * shortcode's column). */
typedef struct pp_col {
    size_t line; /* 1-based rewritten line */
    size_t at;
    int rcol, col;
    bool fixed;
} pp_col;

typedef struct prepass {
    buf text;          /* the rewritten Markdown */
    size_t n_lines;    /* lines in text */
    pp_run *runs;      /* the lines' origins (prepass_origin), in line order */
    size_t n_runs, cap_runs;
    pp_block *blocks;  /* marker targets, indexed by n="…" */
    size_t n_blocks, cap_blocks;
    pp_mark *marks;    /* in line order */
    size_t n_marks, cap_marks;
    pp_ref *refs;      /* in line order */
    size_t n_refs, cap_refs;
    pp_join *joins;    /* in line order */
    size_t n_joins;
    pp_col *cols;      /* in line and byte order */
    size_t n_cols, cap_cols;
} prepass;

/*
 * Rewrites body (the source after front matter; its first line is line
 * first_line of doc->files[0]) into out. Strings go to doc->arena; included
 * files are appended to doc->files. Returns false after reporting an error
 * (unclosed shortcode or div, include cycle…). out must be freed with
 * prepass_free either way.
 */
bool prepass_run(folio_doc *doc, const char *body, size_t len, int first_line, fdiag *d,
                 prepass *out);
void prepass_free(prepass *pp);

/* Where rewritten line rline (1-based, at most n_lines) comes from. */
pp_origin prepass_origin(const prepass *pp, size_t rline);
/* Records that rewritten line n_lines + 1 comes from o, and counts it. */
void prepass_add_line(prepass *pp, pp_origin o);

/* The marker the pre-pass wrote on rewritten line (1-based), or NULL when
 * that line holds the author's text. */
const pp_mark *prepass_mark_at(const prepass *pp, size_t line);

/* The reference definition the pre-pass rewrote on that line, or NULL. */
const pp_ref *prepass_ref_at(const prepass *pp, size_t line);

/* The separator the pre-pass wrote on that line in a cut paragraph, or
 * NULL. */
const pp_join *prepass_join_at(const prepass *pp, size_t line);
/* The source column of byte off of rewritten line `line`, whose rewritten
 * column is rcol (1-based, in characters). */
int prepass_col(const prepass *pp, size_t line, size_t off, int rcol);

#endif
