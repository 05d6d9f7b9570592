#include "breaks.h"

#include <string.h>

/* The UAX #14 classes of the characters handled directly. */
typedef enum lbc {
    C_NONE, /* not handled: Pango decides */
    C_AL, C_NU, C_SP, C_GL, C_BK, C_QU, C_OP, C_CP, C_CL, C_EX, C_IS, C_SY,
    C_HY, C_BA, C_BB, C_B2, C_IN, C_PR, C_PO,
} lbc;

static const unsigned char ascii[128] = {
    ['\t'] = C_BA, ['\n'] = C_BK, [' '] = C_SP, ['!'] = C_EX, ['"'] = C_QU, ['#'] = C_AL, ['$'] = C_PR,
    ['%'] = C_PO, ['&'] = C_AL, ['\''] = C_QU, ['('] = C_OP, [')'] = C_CP, ['*'] = C_AL,
    ['+'] = C_PR, [','] = C_IS, ['-'] = C_HY, ['.'] = C_IS, ['/'] = C_SY, [':'] = C_IS,
    [';'] = C_IS, ['<'] = C_AL, ['='] = C_AL, ['>'] = C_AL, ['?'] = C_EX, ['@'] = C_AL,
    ['['] = C_OP, ['\\'] = C_PR, [']'] = C_CP, ['^'] = C_AL, ['_'] = C_AL, ['`'] = C_AL,
    ['{'] = C_OP, ['|'] = C_BA, ['}'] = C_CL, ['~'] = C_AL,
};

static lbc class_of(gunichar c)
{
    if (c < 128) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return C_AL;
        if (c >= '0' && c <= '9')
            return C_NU;
        return (lbc)ascii[c];
    }
    /* Latin-1 and Latin Extended-A letters, bar the ambiguous × and ÷ */
    if ((c >= 0xc0 && c <= 0x17f && c != 0xd7 && c != 0xf7))
        return C_AL;
    switch (c) {
    case 0xa0: return C_GL;   /* no-break space */
    case 0x202f: return C_GL; /* narrow no-break space */
    case 0xab: return C_QU;   /* « */
    case 0xbb: return C_QU;   /* » */
    case 0x2018: return C_QU; /* ‘ */
    case 0x2019: return C_QU; /* ’ */
    case 0x201c: return C_QU; /* “ */
    case 0x201d: return C_QU; /* ” */
    case 0xad: return C_BA;   /* soft hyphen */
    case 0x2013: return C_BA; /* – */
    case 0x2014: return C_B2; /* — */
    case 0x2026: return C_IN; /* … */
    case 0x20ac: return C_PR; /* € */
    case 0xa3: return C_PR;   /* £ */
    case 0xb0: return C_PO;   /* ° */
    case 0x2028: return C_BK; /* line separator */
    default: return C_NONE;
    }
}

/* The character at p (valid UTF-8): ASCII without a call. */
static gunichar char_at(const char *p)
{
    unsigned char b = (unsigned char)*p;
    return b < 128 ? b : g_utf8_get_char(p);
}

bool text_breaks_simple(const char *text, int len)
{
    for (const char *p = text; p < text + len; p = g_utf8_next_char(p))
        if (class_of(char_at(p)) == C_NONE)
            return false;
    return true;
}

/* Where a number stands before the current position (UAX #14 LB25,
 * regular-expression form): after NU (NU | SY | IS)*, or that and a
 * closing CL | CP. */
typedef enum numstate { N_NONE, N_NUMBER, N_CLOSED } numstate;

static numstate next_numstate(numstate s, lbc c)
{
    if (c == C_NU || (s == N_NUMBER && (c == C_SY || c == C_IS)))
        return N_NUMBER;
    if (s == N_NUMBER && (c == C_CL || c == C_CP))
        return N_CLOSED;
    return N_NONE;
}

/* Whether a line may break between prev and cur; before: the last class
 * before any spaces ahead of cur; next: the class after cur; num: the
 * number state up to prev. */
static bool may_break(lbc before, lbc prev, lbc cur, lbc next, numstate num)
{
    if (cur == C_SP || cur == C_BK)
        return false; /* LB6, LB7 */
    if (prev == C_GL || (cur == C_GL && prev != C_SP && prev != C_BA && prev != C_HY))
        return false; /* LB12, LB12a */
    if (cur == C_CL || cur == C_CP || cur == C_EX || cur == C_IS || cur == C_SY)
        return false; /* LB13 */
    if (before == C_OP || (before == C_QU && cur == C_OP) || (before == C_B2 && cur == C_B2))
        return false; /* LB14, LB15, LB17 */
    if (prev == C_SP)
        return true; /* LB18 */
    if (cur == C_QU || prev == C_QU)
        return false; /* LB19 */
    if (cur == C_BA || cur == C_HY || prev == C_BB || cur == C_IN)
        return false; /* LB21, LB22 */
    if ((prev == C_AL && (cur == C_NU || cur == C_PR || cur == C_PO || cur == C_AL)) ||
        (prev == C_NU && cur == C_AL) || ((prev == C_PR || prev == C_PO) && cur == C_AL))
        return false; /* LB23, LB24, LB28 */
    bool pre = prev == C_PR || prev == C_PO;
    if ((pre && cur == C_NU) || (pre && (cur == C_OP || cur == C_HY) && next == C_NU) ||
        ((prev == C_OP || prev == C_HY) && cur == C_NU) ||
        (num == N_NUMBER && cur == C_NU) || (num != N_NONE && (cur == C_PO || cur == C_PR)))
        return false; /* LB25 */
    if (cur == C_OP && (prev == C_AL || prev == C_NU))
        return false; /* LB30 */
    if ((prev == C_IS && cur == C_AL) || (prev == C_CP && (cur == C_AL || cur == C_NU)))
        return false; /* LB29, LB30 */
    return true; /* LB31 */
}

void text_breaks(const char *text, int len, int n_chars, PangoLanguage *lang,
                 PangoLogAttr *attrs)
{
    if (!text_breaks_simple(text, len)) {
        pango_get_log_attrs(text, len, -1, lang, attrs, n_chars + 1);
        return;
    }
    memset(attrs, 0, (size_t)(n_chars + 1) * sizeof *attrs);
    lbc prev = C_NONE, before = C_NONE;
    numstate num = N_NONE;
    const char *p = text;
    lbc cur = len > 0 ? class_of(char_at(p)) : C_NONE;
    for (int i = 0; i < n_chars; i++) {
        p = g_utf8_next_char(p);
        lbc next = p < text + len ? class_of(char_at(p)) : C_NONE;
        attrs[i].is_cursor_position = TRUE;
        if (i > 0) {
            attrs[i].is_mandatory_break = prev == C_BK;
            attrs[i].is_line_break = prev == C_BK || may_break(before, prev, cur, next, num);
        }
        if (cur != C_SP)
            before = cur;
        num = next_numstate(num, cur);
        prev = cur;
        cur = next;
    }
    /* the end: a mandatory break, as Pango says */
    attrs[n_chars].is_cursor_position = TRUE;
    attrs[n_chars].is_line_break = TRUE;
    attrs[n_chars].is_mandatory_break = TRUE;
}
