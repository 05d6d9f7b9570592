/* The style: one struct read by both backends (the EPUB CSS is generated
 * from it). Lengths are in PostScript points. Loaded from YAML over the
 * built-in house style (styles/default.yaml mirrors these defaults). */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stdbool.h>

#include "doc/node.h"
#include "folio.h"
#include "util/arena.h"

typedef struct frgb {
    double r, g, b; /* 0..1 */
} frgb;

/* External links on paper: the URL as a note, after the text, not at all,
 * or as a note with a QR code a phone can scan. */
typedef enum flink_mode { FLINKS_FOOTNOTES, FLINKS_INLINE, FLINKS_NONE, FLINKS_QR } flink_mode;

typedef struct fcallout_style {
    frgb border, background;
    const char *title; /* NULL: the language's word ("Note", "Astuce"…) */
} fcallout_style;

struct folio_style {
    arena *arena;
    /* page */
    const char *paper;         /* "a4" or "letter" */
    double page_width, page_height;
    double margin_top, margin_bottom, margin_left, margin_right;
    /* fonts: family names of the bundled fonts */
    const char *font_body, *font_heading, *font_mono, *font_emoji;
    /* sizes */
    double size_body, size_small, size_code;
    double size_heading[6];    /* h1..h6 */
    double size_title;         /* title block */
    double line_height;        /* multiple of the font size */
    double paragraph_spacing;  /* space between blocks */
    bool justify, hyphenate;
    /* colours */
    frgb color_text, color_heading, color_link, color_muted, color_rule;
    frgb code_background, quote_border, table_header_background, table_rule;
    frgb mark_background;      /* <mark>, [words]{.mark}: a highlighter's */
    fcallout_style callout[FCALLOUT_COUNT];
    /* running header and footer: {title}, {page}, {pages}, {date} are replaced */
    const char *header, *footer;
    flink_mode links;
    /* images */
    int image_ppi;           /* PDF: pixels per inch of printed size images are reduced to */
    int epub_image_max_side; /* EPUB: longer side in pixels images are reduced to */
    /* books */
    const char *cover_image; /* NULL: folio draws one */
    const char *publisher;   /* NULL: none */
    /* archival */
    bool pdfa;               /* every PDF is a PDF/A-2b (as --pdfa) */
    const char *path;        /* the file loaded; NULL: the house style alone */
};

/* Fills s with the house style; s->arena must be set. */
void style_set_defaults(folio_style *s);
/* Applies a paper name ("a4", "letter") to the page size; false if unknown. */
bool style_set_paper(folio_style *s, const char *paper);

#endif
