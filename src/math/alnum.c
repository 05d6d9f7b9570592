/* Letters and digits of \mathbf, \mathbb… as the Unicode mathematical
 * alphanumerics (U+1D400…), with the older letterlike symbols that fill
 * the block's holes (ℝ, ℎ, ℭ…). */
#include "mtree.h"

typedef struct hole {
    unsigned from, to;
} hole;

static unsigned fill_hole(unsigned cp, const hole *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].from == cp)
            return h[i].to;
    return cp;
}

static const hole holes[] = {
    /* italic */ {0x1D455, 0x210E},
    /* script */ {0x1D49D, 0x212C}, {0x1D4A0, 0x2130}, {0x1D4A1, 0x2131}, {0x1D4A3, 0x210B},
    {0x1D4A4, 0x2110}, {0x1D4A7, 0x2112}, {0x1D4A8, 0x2133}, {0x1D4AD, 0x211B},
    {0x1D4BA, 0x212F}, {0x1D4BC, 0x210A}, {0x1D4C4, 0x2134},
    /* fraktur */ {0x1D506, 0x212D}, {0x1D50B, 0x210C}, {0x1D50C, 0x2111}, {0x1D515, 0x211C},
    {0x1D51D, 0x2128},
    /* double-struck */ {0x1D53A, 0x2102}, {0x1D53F, 0x210D}, {0x1D545, 0x2115},
    {0x1D547, 0x2119}, {0x1D548, 0x211A}, {0x1D549, 0x211D}, {0x1D551, 0x2124},
};

/* First code point of each Latin alphabet (A), 0 when there is none. */
static unsigned latin_base(mvariant v)
{
    switch (v) {
    case MV_ITALIC: return 0x1D434;
    case MV_BOLD: return 0x1D400;
    case MV_BOLD_ITALIC: return 0x1D468;
    case MV_SCRIPT: return 0x1D49C;
    case MV_FRAKTUR: return 0x1D504;
    case MV_DOUBLE: return 0x1D538;
    case MV_SANS: return 0x1D5A0;
    case MV_MONO: return 0x1D670;
    default: return 0;
    }
}

static unsigned greek_base(mvariant v)
{
    switch (v) {
    case MV_ITALIC: return 0x1D6E2;
    case MV_BOLD: return 0x1D6A8;
    case MV_BOLD_ITALIC: return 0x1D71C;
    default: return 0;
    }
}

static unsigned digit_base(mvariant v)
{
    switch (v) {
    case MV_BOLD: return 0x1D7CE;
    case MV_DOUBLE: return 0x1D7D8;
    case MV_SANS: return 0x1D7E2;
    case MV_MONO: return 0x1D7F6;
    default: return 0;
    }
}

/* Position of a Greek letter in a mathematical Greek alphabet, or -1. */
static int greek_index(unsigned c)
{
    if (c >= 0x391 && c <= 0x3A9)
        return c == 0x3A2 ? -1 : (int)(c - 0x391);
    if (c == 0x3F4)
        return 17; /* ϴ sits where the reserved U+03A2 would */
    if (c == 0x2207)
        return 25;
    if (c >= 0x3B1 && c <= 0x3C9)
        return 26 + (int)(c - 0x3B1);
    static const unsigned tail[] = {0x2202, 0x3F5, 0x3D1, 0x3F0, 0x3D5, 0x3F1, 0x3D6};
    for (int i = 0; i < 7; i++)
        if (tail[i] == c)
            return 51 + i;
    return -1;
}

unsigned math_alnum(unsigned c, mvariant v)
{
    unsigned base;
    if (((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && (base = latin_base(v))) {
        unsigned cp = base + (c <= 'Z' ? c - 'A' : 26 + c - 'a');
        return fill_hole(cp, holes, sizeof holes / sizeof *holes);
    }
    if (c >= '0' && c <= '9' && (base = digit_base(v)))
        return base + c - '0';
    int g;
    if ((base = greek_base(v)) && (g = greek_index(c)) >= 0)
        return base + (unsigned)g;
    return c;
}
