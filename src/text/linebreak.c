#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LINE_PENALTY 10      /* per line: fewer lines when all else is equal */
#define DOUBLE_HYPHEN 10000  /* two hyphenated lines in a row (TeX's value) */
#define FINAL_HYPHEN 5000    /* a hyphen ending the paragraph's last full line */
#define FITNESS_JUMP 10000   /* a very loose line beside a tight one (TeX's) */
#define UNREACHABLE 1e6      /* the ratio of a short line that cannot stretch */

/* A feasible break: where, its totals at the start of the next line (the
 * glue after it discarded), and the best way to get there. */
typedef struct node {
    int pos;      /* item index, -1 for the paragraph's start */
    int line;     /* lines up to here */
    int fitness;  /* 0 tight, 1 decent, 2 loose, 3 very loose */
    double w, y, z; /* totals after the break */
    int fil;
    double demerits;
    int prev;     /* node index, -1 for the start */
    int next_active;
} node;

typedef struct breaker {
    const lb_item *items;
    int n, line_width;
    double tolerance;
    bool emergency;
    node *nodes;
    int n_nodes, cap_nodes;
    int active; /* first active node, -1 when none */
    double w, y, z; /* totals of the items before the current one */
    int fil;
} breaker;

static int node_add(breaker *b, node nd)
{
    if (b->n_nodes == b->cap_nodes) {
        b->cap_nodes = b->cap_nodes ? 2 * b->cap_nodes : 64;
        b->nodes = realloc(b->nodes, (size_t)b->cap_nodes * sizeof *b->nodes);
        if (!b->nodes)
            abort();
    }
    b->nodes[b->n_nodes] = nd;
    return b->n_nodes++;
}

static double ratio(double L, int line_width, double y, double z, int fil)
{
    if (L < line_width) {
        if (fil > 0)
            return 0;
        return y > 0 ? (line_width - L) / y : UNREACHABLE;
    }
    if (L > line_width)
        return z > 0 ? (line_width - L) / z : -UNREACHABLE;
    return 0;
}

static int fitness_of(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static double demerits_of(const breaker *b, const node *from, int pos, double r)
{
    const lb_item *it = &b->items[pos];
    double bad = fmin(100 * fabs(r * r * r), LB_INF);
    double d = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
    if (it->kind == LB_PENALTY) {
        if (it->penalty >= 0)
            d += (double)it->penalty * it->penalty;
        else if (it->penalty > -LB_INF)
            d -= (double)it->penalty * it->penalty;
    }
    bool flagged = it->kind == LB_PENALTY && it->flagged;
    if (flagged && from->pos >= 0 && b->items[from->pos].kind == LB_PENALTY &&
        b->items[from->pos].flagged)
        d += DOUBLE_HYPHEN;
    if (pos == b->n - 1 && from->pos >= 0 && b->items[from->pos].kind == LB_PENALTY &&
        b->items[from->pos].flagged)
        d += FINAL_HYPHEN;
    if (abs(fitness_of(r) - from->fitness) > 1)
        d += FITNESS_JUMP;
    return d + from->demerits;
}

/* The totals at the start of the line after a break at pos. */
static void totals_after(const breaker *b, int pos, node *nd)
{
    nd->w = b->w;
    nd->y = b->y;
    nd->z = b->z;
    nd->fil = b->fil;
    for (int i = pos; i < b->n; i++) {
        const lb_item *it = &b->items[i];
        if (it->kind == LB_BOX)
            break;
        if (it->kind == LB_GLUE) {
            nd->w += it->width;
            nd->y += it->stretch;
            nd->z += it->shrink;
            nd->fil += it->fil;
        } else if (it->penalty == -LB_INF && i > pos) {
            break;
        }
    }
}

/* Tries every active node as the start of a line ending at pos. */
static void try_break(breaker *b, int pos)
{
    const lb_item *it = &b->items[pos];
    bool forced = it->kind == LB_PENALTY && it->penalty == -LB_INF;
    double pw = it->kind == LB_PENALTY ? it->width : 0;
    struct {
        int from;
        double d, r;
    } best[4] = {{-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}};
    int rescue = -1; /* the least overfull line dropped here (emergency) */
    double rescue_excess = INFINITY;
    int prev = -1;
    for (int a = b->active; a >= 0;) {
        node *from = &b->nodes[a];
        int next = from->next_active;
        double L = b->w - from->w + pw;
        double r = ratio(L, b->line_width, b->y - from->y, b->z - from->z, b->fil - from->fil);
        if (r < -1 || forced) {
            double excess = L - b->line_width - (b->z - from->z);
            if (r < -1 && excess < rescue_excess) {
                rescue = a;
                rescue_excess = excess;
            }
            if (prev < 0)
                b->active = next;
            else
                b->nodes[prev].next_active = next;
        } else {
            prev = a;
        }
        if (r >= -1 && (r <= b->tolerance || (b->emergency && r <= UNREACHABLE))) {
            double d = demerits_of(b, from, pos, r);
            int fc = fitness_of(r);
            if (best[fc].from < 0 || d < best[fc].d)
                best[fc].from = a, best[fc].d = d, best[fc].r = r;
        }
        a = next;
    }
    bool any = false;
    double min_d = INFINITY;
    for (int fc = 0; fc < 4; fc++)
        if (best[fc].from >= 0) {
            any = true;
            min_d = fmin(min_d, best[fc].d);
        }
    if (!any && b->active < 0 && b->emergency && rescue >= 0) {
        /* nothing fits: an overfull line rather than no layout */
        best[0].from = rescue;
        best[0].d = b->nodes[rescue].demerits + LB_INF;
        min_d = best[0].d;
        any = true;
    }
    if (!any)
        return;
    node after = {.pos = pos};
    totals_after(b, pos, &after);
    for (int fc = 0; fc < 4; fc++) {
        if (best[fc].from < 0 || best[fc].d > min_d + FITNESS_JUMP)
            continue;
        node nd = after;
        nd.fitness = fc;
        nd.demerits = best[fc].d;
        nd.prev = best[fc].from;
        nd.line = b->nodes[best[fc].from].line + 1;
        nd.next_active = b->active;
        b->active = node_add(b, nd);
    }
}

/* One pass at the breaker's tolerance; the best final node, or -1. */
static int pass(breaker *b)
{
    b->n_nodes = 0;
    b->w = b->y = b->z = 0;
    b->fil = 0;
    b->active = node_add(b, (node){.pos = -1, .fitness = 1, .prev = -1, .next_active = -1});
    for (int i = 0; i < b->n && b->active >= 0; i++) {
        const lb_item *it = &b->items[i];
        if (it->kind == LB_BOX) {
            b->w += it->width;
        } else if (it->kind == LB_GLUE) {
            b->w += it->width;
            b->y += it->stretch;
            b->z += it->shrink;
            b->fil += it->fil;
        } else if (it->penalty < LB_INF) {
            try_break(b, i);
        }
    }
    int best = -1;
    for (int a = b->active; a >= 0; a = b->nodes[a].next_active)
        if (b->nodes[a].pos == b->n - 1 &&
            (best < 0 || b->nodes[a].demerits < b->nodes[best].demerits))
            best = a;
    return best;
}

int linebreak(const lb_item *items, int n, int line_width, int **breaks)
{
    static const double tolerances[] = {1.5, 4};
    breaker b = {.items = items, .n = n, .line_width = line_width};
    int best = -1;
    for (int p = 0; p < 3 && best < 0; p++) {
        b.tolerance = p < 2 ? tolerances[p] : UNREACHABLE;
        b.emergency = p == 2;
        best = pass(&b);
    }
    int count = best >= 0 ? b.nodes[best].line : 0;
    *breaks = malloc(((size_t)count + 1) * sizeof **breaks);
    if (!*breaks)
        abort();
    for (int k = count - 1, a = best; k >= 0; k--, a = b.nodes[a].prev)
        (*breaks)[k] = b.nodes[a].pos;
    free(b.nodes);
    return count;
}

double lb_ratio(const lb_item *items, int from, int to, int line_width)
{
    double L = 0, y = 0, z = 0;
    int fil = 0;
    for (int i = from; i < to; i++) {
        const lb_item *it = &items[i];
        if (it->kind == LB_PENALTY)
            continue;
        L += it->width;
        if (it->kind == LB_GLUE) {
            y += it->stretch;
            z += it->shrink;
            fil += it->fil;
        }
    }
    if (items[to].kind == LB_PENALTY)
        L += items[to].width;
    return ratio(L, line_width, y, z, fil);
}
