/* The text engine: a paragraph of attributed text made into lines.
 *
 * Pango itemises the text (fonts, fallback for emoji and other scripts,
 * bidi levels) and finds its break opportunities (UAX #14) and grapheme
 * boundaries; each word is shaped once per run through the shape cache;
 * hyphenation points come once per distinct word from the hyphenator; the
 * lines are chosen together by the total-fit line breaker. Nothing here
 * draws: the PDF paints each line's runs (tpara_line_runs).
 *
 * Lengths are points unless they say Pango units. */
#ifndef FOLIO_TEXT_PARAGRAPH_H
#define FOLIO_TEXT_PARAGRAPH_H

#include <stdbool.h>

#include <pango/pango.h>

#include "text/hyphen.h"
#include "text/shape_cache.h"

/* TALIGN_START is the side the text starts from: the left, the right for a
 * right-to-left paragraph (set in a right-to-left block, or its first
 * strong character Arabic, Hebrew…);
 * the lines of a justified paragraph that are not justified (its last)
 * go there too. TALIGN_LEFT is the left whatever the text (a table of
 * contents' entry, followed by its leader). */
typedef enum talign {
    TALIGN_LEFT, TALIGN_CENTER, TALIGN_RIGHT, TALIGN_JUSTIFY, TALIGN_START
} talign;

typedef struct tpara_input {
    PangoContext *context;
    shape_cache *cache;
    const char *text;      /* UTF-8, copied */
    int len;
    PangoAttrList *attrs;  /* borrowed: fonts (a font description attribute
                              over the whole text gives the base font),
                              colours, rise, features, language */
    const PangoFontDescription *font; /* the base font, for the height of empty lines */
    PangoLanguage *lang;   /* break rules and metrics */
    text_hyphen *hyphen;   /* NULL: no hyphenation */
    const int *hyphenate;  /* pairs [start, end) of bytes that may be hyphenated */
    int n_hyphenate;       /* pairs */
    const int *keep;       /* pairs [start, end) of bytes no line break cuts */
    int n_keep;            /* pairs */
    bool code;             /* spaces keep their width; no hyphenation */
    double line_spacing;   /* each line's pitch as a multiple of its height; 0: 1 */
    bool rtl;              /* set in a right-to-left block (Arabic, Hebrew): the
                              paragraph's base direction is right to left, whatever its
                              first letter (HTML's dir="rtl"); else its first strong
                              character's */
} tpara_input;

/* One line, once laid out. */
typedef struct tline {
    int start, end;        /* bytes of the paragraph's text printed on the line */
    double x;              /* left edge from the paragraph's left (alignment) */
    double y, h;           /* top from the paragraph's top, pitch to the next line */
    double baseline;       /* below y */
    double width;          /* printed width */
    double stretch;        /* its spaces as a multiple of their natural width (0: none) */
    bool hyphen;           /* ends with a hyphen the breaker added */
    bool wrapped;          /* ends where the text did not: a break the width forced */
    int first, n;          /* its pieces (internal) */
} tline;

typedef struct tpara tpara;

/* A paragraph of in's text, ready to be laid out; NULL on invalid input
 * (not UTF-8). Drop with tpara_unref. */
tpara *tpara_new(const tpara_input *in);
tpara *tpara_ref(tpara *p);
void tpara_unref(tpara *p);

/* Breaks the paragraph into lines width wide (width < 0: only at hard
 * breaks) and aligns them. May be called again with another width. False
 * when some of the text found no place on a line (the caller reports it:
 * never a silent loss). */
bool tpara_layout(tpara *p, double width, talign align);

const char *tpara_text(const tpara *p);
int tpara_len(const tpara *p);
int tpara_n_lines(const tpara *p);
const tline *tpara_line(const tpara *p, int i);
/* The height of all lines; the widest line's width. */
double tpara_height(const tpara *p);
double tpara_width(const tpara *p);
/* The width of the widest run of text that has no break opportunity (the
 * narrowest the paragraph can be set without breaking a word). */
double tpara_min_width(const tpara *p);
/* Whether some of its text is an inline object (a shape attribute). */
bool tpara_has_objects(const tpara *p);

/* A run of glyphs of one line in one font and style, in visual order. */
typedef struct trun {
    const char *text;       /* the line's text (a hyphen's soft hyphen included) */
    PangoGlyphItem *glyphs; /* item->offset and length index text; analysis
                               has the font and the extra attributes
                               (colours, rise, strikethrough) */
    double x, width;        /* from the line's left edge (tline.x excluded) */
    int start, end;         /* bytes of the paragraph's text the run shows */
} trun;

/* Calls fn for each run of line i, left to right. The run is valid only
 * during the call. */
void tpara_line_runs(const tpara *p, int i, void (*fn)(const trun *run, void *data),
                     void *data);

/* The printed text of line i (soft hyphens out, "-" for an added hyphen),
 * malloc'ed. */
char *tpara_line_text(const tpara *p, int i);

#endif
