/* The math tree: what a TeX formula means, independent of how it is shown.
 * Built by math_parse into the document's arena; read by the MathML writer
 * (EPUB), the linear text form (PDF text layer) and the box layout (PDF).
 * Symbols are already Unicode: "-" is U+2212, \alpha is "α", \mathbb{R}
 * is "ℝ" (the variant is kept too, for MathML). */
#ifndef FOLIO_MATH_MTREE_H
#define FOLIO_MATH_MTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef enum mkind {
    MK_ROW,     /* children in order */
    MK_ATOM,    /* one token: text, tok, cls */
    MK_TEXT,    /* \text{…}: text in an upright text face */
    MK_SPACE,   /* size: width in mu (18 mu = 1 em), may be negative */
    MK_FRAC,    /* a numerator, b denominator; size: rule (-1 default, 0 none: \binom);
                   text/text2: delimiters around it ("(" ")" for \binom), NULL when none */
    MK_SQRT,    /* a radicand, b index (NULL when none) */
    MK_SCRIPTS, /* a base (NULL: nothing), b subscript, c superscript (NULL when absent);
                   MF_LIMITS, MF_MOVABLE, MF_NOLIMITS copied from the base */
    MK_FENCED,  /* \left…\right: a body; text/text2 delimiters ("" for "."); size 0;
                   a \big…: an MK_ATOM with size 1..4 instead */
    MK_ACCENT,  /* a base; text the accent; MF_UNDER below; MF_STRETCHY wide */
    MK_TABLE,   /* children MK_ROW rows whose children are MK_ROW cells; text: column
                   alignments, one of "lcr" per column (NULL: centred); text2 env name */
    MK_STYLE,   /* a body in style size (MS_DISPLAY…) */
    MK_BOX,     /* a body; size: an MBOX_* */
    MK_KIND_COUNT
} mkind;

/* What MK_BOX does with its body. */
enum {
    MBOX_FRAME,   /* \boxed: a frame around it */
    MBOX_PHANTOM, /* \phantom: its room, nothing shown */
    MBOX_HPHANTOM, /* \hphantom: its width only */
    MBOX_VPHANTOM, /* \vphantom, \mathstrut: its height and depth only */
    MBOX_SMASH,   /* \smash: shown, neither height nor depth */
};

/* Token kinds, as MathML names them. */
typedef enum mtok { MT_IDENT, MT_NUMBER, MT_OPERATOR } mtok;

/* TeX's atom classes: they decide the spacing between neighbours. */
typedef enum mclass {
    MC_ORD, MC_OP, MC_BIN, MC_REL, MC_OPEN, MC_CLOSE, MC_PUNCT, MC_INNER, MC_COUNT
} mclass;

/* Alphabets of \mathbf, \mathbb…: the letters are already mapped to the
 * Unicode mathematical alphanumerics; the variant says which one. */
typedef enum mvariant {
    MV_DEFAULT,  /* letters italic, the rest upright */
    MV_NORMAL,   /* \mathrm, \operatorname, \text */
    MV_ITALIC,   /* \mathit */
    MV_BOLD,     /* \mathbf */
    MV_BOLD_ITALIC,
    MV_DOUBLE,   /* \mathbb */
    MV_SCRIPT,   /* \mathcal */
    MV_FRAKTUR,  /* \mathfrak */
    MV_SANS,     /* \mathsf */
    MV_MONO,     /* \mathtt */
    MV_COUNT
} mvariant;

/* Math styles, largest first. */
typedef enum mstyle { MS_DISPLAY, MS_TEXT, MS_SCRIPT, MS_SCRIPTSCRIPT } mstyle;

enum {
    MF_LARGEOP = 1 << 0,  /* \sum, \int: bigger in display style */
    MF_LIMITS = 1 << 1,   /* scripts always under/over (\limits, \overbrace, \overset) */
    MF_NOLIMITS = 1 << 2, /* \nolimits: scripts at the side even in display */
    MF_STRETCHY = 1 << 3, /* delimiters, wide accents, arrows over text */
    MF_UNDER = 1 << 4,    /* MK_ACCENT below the base */
    MF_FUNC = 1 << 5,     /* \sin, \operatorname: an upright name with operator spacing */
    MF_MOVABLE = 1 << 6,  /* scripts under/over in display style only (\sum, \lim) */
    MF_HLINE = 1 << 8,    /* a table row with a rule above it (\hline) */
    MF_INTEGRAL = 1 << 7, /* MK_ATOM: an integral (scripts slanted, never limits) */
    MF_TAG = 1 << 9,      /* MK_ROW: a \tag's number (a display formula's last child goes
                             to the right margin) */
};

typedef struct mnode mnode;
struct mnode {
    mkind kind;
    mtok tok;        /* MK_ATOM */
    mclass cls;      /* MK_ATOM: its class; others: MC_ORD (fenced, frac: MC_INNER) */
    mvariant variant;
    unsigned flags;  /* MF_* */
    int size;        /* see the kinds above */
    const char *text, *text2;
    mnode *a, *b, *c;
    mnode *first, *last, *next; /* MK_ROW, MK_TABLE children */
    int n;           /* number of children */
};

/* Where and why a formula could not be read. */
typedef struct math_error {
    size_t offset;   /* byte in the TeX source */
    char msg[200];   /* "unknown command \foo" */
} math_error;

/* Limits against hostile formulas. */
#define MATH_MAX_DEPTH 64       /* nested groups and constructs */
#define MATH_MAX_NODES 20000    /* nodes of one formula */
#define MATH_MAX_BYTES 65536    /* TeX source of one formula */

/*
 * Parses TeX math into a tree owned by a. display starts in display style.
 * Returns the root MK_ROW, or NULL with *err filled: the first unknown
 * command or malformed construct (the caller then shows the source as is).
 */
mnode *math_parse(arena *a, const char *tex, size_t len, bool display, math_error *err);

/* Names for dumps and messages. */
const char *math_class_name(mclass c);
const char *math_kind_name(mkind k);

/* The class each child of row behaves as, in cls[row->n]: TeX's rules
 * (a binary operator with nothing to its left becomes ordinary, a space
 * is transparent: its entry is MC_COUNT). */
void math_row_classes(const mnode *row, mclass *cls);
/* TeX's space in mu between neighbours of classes l and r; script: in a
 * script style, where only the unconditional spaces remain. */
int math_space_mu(mclass l, mclass r, bool script);

/* The formula as one line of Unicode text ("cos(θ) = (u · v)/(‖u‖ ‖v‖)"),
 * for the PDF text layer. malloc'ed; the caller frees. */
char *math_linear(const mnode *root);

/* The Unicode mathematical alphanumeric for code point c in variant v
 * (c itself when the alphabet has no such letter). */
unsigned math_alnum(unsigned c, mvariant v);

#endif
