/* The paragraph's insides, shared by para_build.c (text → units),
 * para_lines.c (units → lines) and para_runs.c (lines → runs to paint). */
#ifndef FOLIO_TEXT_PARA_INTERNAL_H
#define FOLIO_TEXT_PARA_INTERNAL_H

#include <limits.h>
#include <stdlib.h>

#include "paragraph.h"
#include "util/oom.h"

#define SHY "\xc2\xad"
#define SHY_LEN 2

/* What Pango's items tell about their runs: metrics and the shift. */
typedef struct titem {
    PangoItem *item;
    int ascent, descent; /* the font's, moved by the rise (Pango units) */
    int space;           /* width of a space in this font (Pango units) */
    bool object;         /* an inline object (a shape attribute): its box's metrics */
} titem;

typedef enum tunit_kind {
    TU_WORD,  /* text between break opportunities (or a chunk of a long one) */
    TU_SPACE, /* a run of spaces */
    TU_HARD,  /* a hard line break (U+2028, newline) */
} tunit_kind;

/* A unit: one shaped piece of the text in one item. */
typedef struct tunit {
    tunit_kind kind;
    bool break_before; /* a break opportunity at its start (words, spaces: after it) */
    int item;
    int start, len;    /* bytes of the text */
    const tword *word; /* shaped; NULL for hard breaks; held */
    int hyph, n_hyph;  /* its hyphenation points: tpara.hyph[hyph, hyph + n_hyph) */
    int word_w;        /* words: the width of the unbreakable run it belongs to */
} tunit;

/* A piece of a line: a unit, or part of one (at a hyphen or a forced break). */
typedef struct tpiece {
    const tword *word; /* held */
    int unit;
    int start, len;    /* bytes of the text */
    int width;         /* printed width (Pango units): spaces justified */
    int letter;        /* added after each glyph but the line's last (loose lines) */
    bool hyphen;
} tpiece;

struct tpara {
    int refs;
    PangoContext *context;
    shape_cache *cache;
    char *text;
    int len;
    bool code;
    double line_spacing;
    PangoFontDescription *font;      /* the base font, for lines without text: */
    PangoLanguage *lang;
    int empty_ascent, empty_descent; /* its metrics, once asked (-1 before) */
    titem *items;
    int n_items;
    bool has_objects;  /* an item is an inline object (tpara_has_objects) */
    bool rtl;          /* right to left: its first strong character is (Arabic, Hebrew) */
    tunit *units;
    int n_units;
    int *hyph;         /* byte offsets where a hyphen may go, increasing */
    int n_hyph;
    int min_width;     /* Pango units */
    tpiece *pieces;
    int n_pieces, cap_pieces;
    tline *lines;
    int n_lines, cap_lines;
};

/* Makes room for one more element in a growing array of n used out of
 * *cap (oom_grow, with int counts). Small at first: most paragraphs are
 * one line of a few words. */
static inline void *tgrow(void *array, int n, int *cap, size_t size)
{
    if (n < *cap)
        return array;
    size_t c = (size_t)*cap;
    array = oom_grow(array, &c, (size_t)n + 1, size, 2);
    if (c > INT_MAX)
        oom_abort();
    *cap = (int)c;
    return array;
}

/* Builds items and units (para_build.c). False on invalid input. */
bool tpara_build(tpara *p, const tpara_input *in);
void tpara_free_lines(tpara *p);
/* The base font's ascent and descent (Pango units), looked up once. */
void tpara_empty_metrics(tpara *p, int *ascent, int *descent);

/* The advance of the glyphs of w whose clusters start before byte off
 * (relative to w's text): the width of its first off bytes. */
int tword_prefix_width(const tword *w, int off);

#endif
