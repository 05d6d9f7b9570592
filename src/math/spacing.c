/* TeX's spacing between atoms (The TeXbook, chapter 18 and appendix G):
 * shared by the box layout and the linear text form. */
#include "mtree.h"

/* 0 none, 1 thin (3 mu), 2 medium (4 mu), 3 thick (5 mu); negative: only
 * in display and text styles. Rows: left class; columns: right class. */
static const signed char table[MC_COUNT][MC_COUNT] = {
    /*          ord op  bin rel open close punct inner */
    /* ord   */ {0, 1, -2, -3, 0, 0, 0, -1},
    /* op    */ {1, 1, 0, -3, 0, 0, 0, -1},
    /* bin   */ {-2, -2, 0, 0, -2, 0, 0, -2},
    /* rel   */ {-3, -3, 0, 0, -3, 0, 0, -3},
    /* open  */ {0, 0, 0, 0, 0, 0, 0, 0},
    /* close */ {0, 1, -2, -3, 0, 0, 0, -1},
    /* punct */ {-1, -1, 0, -1, -1, -1, -1, -1},
    /* inner */ {-1, 1, -2, -3, -1, 0, -1, -1},
};

int math_space_mu(mclass l, mclass r, bool script)
{
    if (l >= MC_COUNT || r >= MC_COUNT)
        return 0;
    int v = table[l][r];
    if (v < 0 && script)
        return 0;
    static const int mu[] = {0, 3, 4, 5};
    return mu[v < 0 ? -v : v];
}

static mclass own_class(const mnode *n)
{
    switch (n->kind) {
    case MK_ATOM:
    case MK_SCRIPTS:
    case MK_FRAC:
    case MK_FENCED:
    case MK_ACCENT:
    case MK_STYLE: return n->cls;
    case MK_SPACE: return MC_COUNT;
    case MK_ROW: return n->cls; /* ord, unless \mathbin{…} and friends said otherwise */
    default: return MC_ORD;
    }
}

void math_row_classes(const mnode *row, mclass *cls)
{
    int i = 0, prev = -1;
    for (const mnode *k = row->first; k; k = k->next, i++) {
        mclass c = own_class(k);
        cls[i] = c;
        if (c == MC_COUNT)
            continue;
        /* rule 5: a bin after nothing, bin, op, rel, open or punct is ord */
        if (c == MC_BIN && (prev < 0 || cls[prev] == MC_BIN || cls[prev] == MC_OP ||
                            cls[prev] == MC_REL || cls[prev] == MC_OPEN || cls[prev] == MC_PUNCT))
            cls[i] = MC_ORD;
        /* rule 6: a bin before rel, close or punct is ord */
        if (prev >= 0 && cls[prev] == MC_BIN && (c == MC_REL || c == MC_CLOSE || c == MC_PUNCT))
            cls[prev] = MC_ORD;
        prev = i;
    }
    if (prev >= 0 && cls[prev] == MC_BIN) /* nothing to its right */
        cls[prev] = MC_ORD;
}
