/* The TeX commands folio knows: one sorted table, looked up by name. */
#ifndef FOLIO_MATH_SYMBOLS_H
#define FOLIO_MATH_SYMBOLS_H

#include <stddef.h>

typedef enum msym_kind {
    SY_IDENT,     /* a letter-like symbol (\alpha, \infty): value 1 upright, 2 italic */
    SY_ORD,       /* an ordinary operator symbol (\prime, \ldots) */
    SY_BIN,       /* binary operator */
    SY_REL,       /* relation, arrow */
    SY_OPEN,      /* opening delimiter */
    SY_CLOSE,     /* closing delimiter */
    SY_FENCE,     /* | ‖: ordinary in text, a delimiter after \left */
    SY_PUNCT,
    SY_LARGEOP,   /* \sum: limits in display style */
    SY_INTEGRAL,  /* \int: scripts at the side */
    SY_FUNC,      /* \sin: an upright name; value 1: limits in display (\lim) */
    SY_ACCENT,    /* text: the accent; value 1 stretchy (\widehat) */
    SY_UNDERACCENT,
    SY_BRACE,     /* \overbrace (value 0), \underbrace (value 1) */
    SY_SPACE,     /* value: width in mu */
    SY_FONT,      /* \mathbf: value is the mvariant */
    SY_TEXT,      /* \text: value is the mvariant */
    SY_FRAC,      /* value: FRAC_* */
    SY_SQRT,
    SY_LEFT,
    SY_RIGHT,
    SY_MIDDLE,
    SY_BIG,       /* value 1..4 */
    SY_STYLE,     /* value: mstyle */
    SY_BEGIN,
    SY_END,
    SY_LIMITS,    /* value 1 \limits, 0 \nolimits */
    SY_NOT,
    SY_OPERATORNAME,
    SY_STACK,     /* \overset (0), \underset (1), \stackrel (0) */
    SY_MOD,       /* \bmod (0), \pmod (1), \mod (2) */
    SY_HLINE,     /* \hline: a rule between table rows */
    SY_CLASS,     /* \mathbin{…}: value is the mclass the argument takes */
    SY_KERN,      /* \hspace{1em}, \kern3mu: a space of the given length */
    SY_SWITCH,    /* \rm, \bf, \cal: the rest of the group in mvariant value */
    SY_INFIX,     /* {a \over b}: value 0 \over, 1 \atop, 2 \choose */
    SY_SUBSTACK,  /* \substack{i < n \\ j < m}: lines under a \sum */
    SY_TAG,       /* \tag{1} (value 0), \label{eq} (value 1): a number shown, a name not */
    SY_NOTHING,   /* \nonumber, \notag: nothing to show */
    SY_BOX,       /* \boxed, \phantom, \smash…: value an MBOX_*; text: the body when fixed */
} msym_kind;

enum { FRAC_AUTO, FRAC_DISPLAY, FRAC_TEXT, BINOM_AUTO, BINOM_DISPLAY, BINOM_TEXT };

typedef struct msym {
    const char *name; /* without the backslash */
    const char *text; /* UTF-8; NULL when the command is structural */
    unsigned char kind;
    signed char value;
} msym;

/* The command named name[0..len), or NULL. */
const msym *msym_find(const char *name, size_t len);

/* For tests: the table and its size (it must stay sorted). */
const msym *msym_table(size_t *n);

#endif
