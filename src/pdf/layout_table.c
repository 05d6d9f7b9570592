/* Tables: columns sized by their content (narrowest words, natural widths),
 * a smaller font when even the narrowest words do not fit, a landscape page
 * when even the smallest font does not do, rows kept whole and the header
 * rows repeated on every page the table reaches. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc/tree.h"
#include "engine.h"

typedef struct tcell {
    ptext t;
    const fnode *node;
} tcell;

typedef struct trow {
    tcell *cells;
    bool header;
    bool blank; /* no text at all: an empty header row is not printed */
    double h;
} trow;

typedef struct tgrid {
    trow *rows;
    int n_rows, n_cols;
    double *col_w, *min_w, *max_w;
    double size, pad;
} tgrid;

/* The cells of column only (-1: every column) shaped. An image in a cell
 * is at most its share of the table's width (then of its column's): it
 * never makes the table's text smaller nor turns its page. */
static void grid_shape(lctx *lc, tgrid *g, const fnode *table, int only)
{
    const folio_style *st = lc->st;
    lc->object_max_w = fmax(only >= 0 ? g->col_w[only] - 2 * g->pad
                                      : lc->w / g->n_cols - 2 * g->pad,
                            1);
    int r = 0;
    for (const fnode *row = fnode_table_rows(table); row; row = row->next, r++) {
        trow *tr = &g->rows[r];
        tr->header = row->as.row.header || r < table->as.table.header_rows;
        tr->blank = true;
        int c = 0;
        for (const fnode *cell = row->first; cell && c < g->n_cols; cell = cell->next, c++) {
            tcell *tc = &tr->cells[c];
            if (only >= 0 && c != only)
                continue;
            if (tc->t.para)
                ptext_free(&tc->t);
            tc->node = cell;
            falign a = table->as.table.aligns ? table->as.table.aligns[c] : FALIGN_DEFAULT;
            ptext_inlines(lc, &tc->t, cell->first, NULL, PF_BODY, g->size, tr->header, false,
                          st->color_text, -1,
                          a == FALIGN_CENTER  ? TALIGN_CENTER
                          : a == FALIGN_RIGHT ? TALIGN_RIGHT
                          : a == FALIGN_LEFT  ? TALIGN_LEFT
                                              : TALIGN_START);
            tc->t.tag = PT_TABLE;
            const char *text = tpara_text(tc->t.para);
            if (text[strspn(text, " \xc2\xa0")] || tpara_has_objects(tc->t.para))
                tr->blank = false;
        }
    }
    lc->object_max_w = 0;
}

/* A column narrower than an image of its cells (the widths gave words
 * their due) has its cells shaped again, the image made to fit. */
static void grid_fit_objects(lctx *lc, tgrid *g, const fnode *table)
{
    for (int c = 0; c < g->n_cols; c++)
        if (g->min_w[c] > g->col_w[c] - 2 * g->pad + 0.01)
            grid_shape(lc, g, table, c);
}

static void grid_free_text(tgrid *g)
{
    for (int r = 0; r < g->n_rows; r++)
        for (int c = 0; c < g->n_cols; c++)
            if (g->rows[r].cells[c].t.para)
                ptext_free(&g->rows[r].cells[c].t);
}

/* Natural (one line) and narrowest (widest word) width of every column. */
static void grid_measure(tgrid *g)
{
    for (int c = 0; c < g->n_cols; c++)
        g->min_w[c] = g->max_w[c] = 0;
    for (int r = 0; r < g->n_rows; r++)
        for (int c = 0; c < g->n_cols; c++) {
            ptext *t = &g->rows[r].cells[c].t;
            if (!t->para)
                continue;
            g->max_w[c] = fmax(g->max_w[c], ptext_width(t));
            g->min_w[c] = fmax(g->min_w[c], tpara_min_width(t->para));
        }
}

/* The narrowest the grid can be without breaking words. */
static double grid_min_width(const tgrid *g)
{
    double sum = 2 * g->pad * g->n_cols;
    for (int c = 0; c < g->n_cols; c++)
        sum += g->min_w[c];
    return sum;
}

static void grid_widths(tgrid *g, double avail)
{
    double sum_min = 0, sum_max = 0, pads = 2 * g->pad * g->n_cols;
    for (int c = 0; c < g->n_cols; c++) {
        sum_min += g->min_w[c];
        sum_max += g->max_w[c];
    }
    double room = avail - pads;
    for (int c = 0; c < g->n_cols; c++) {
        double w;
        if (sum_max <= room) /* everything on one line: share what is left */
            w = g->max_w[c] + (room - sum_max) * (sum_max > 0 ? g->max_w[c] / sum_max : 1.0 / g->n_cols);
        else if (sum_min <= room) /* wrap the columns that have the most to wrap */
            w = g->min_w[c] + (room - sum_min) * (g->max_w[c] - g->min_w[c]) / (sum_max - sum_min);
        else /* words must break */
            w = room * (sum_min > 0 ? g->min_w[c] / sum_min : 1.0 / g->n_cols);
        g->col_w[c] = w + 2 * g->pad;
    }
}

static void grid_rows(lctx *lc, tgrid *g)
{
    for (int r = 0; r < g->n_rows; r++) {
        trow *tr = &g->rows[r];
        tr->h = 0;
        for (int c = 0; c < g->n_cols; c++) {
            ptext *t = &tr->cells[c].t;
            if (!t->para)
                continue;
            ptext_set_width(lc, t, g->col_w[c] - 2 * g->pad);
            tr->h = fmax(tr->h, ptext_height(t));
        }
        tr->h += 2 * g->pad;
    }
}

static void place_row(lctx *lc, tgrid *g, trow *tr)
{
    if (tr->header && tr->blank)
        return;
    const folio_style *st = lc->st;
    double x = lc->x, total = 0;
    bool rtl = lctx_rtl(lc); /* the first column on the right */
    for (int c = 0; c < g->n_cols; c++)
        total += g->col_w[c];
    if (tr->header)
        lctx_add(lc, &(pbox){.kind = PB_FILL, .x = x, .y = lc->y, .w = total, .h = tr->h,
                             .color = st->table_header_background});
    /* a header row repeated on a new page is an artifact: no row of its own */
    int row = lc->tags.artifact ? 0 : lctx_open(lc, PS_TR);
    for (int c = 0; c < g->n_cols; c++) {
        ptext *t = &tr->cells[c].t;
        if (row) {
            t->elem = pstruct_add(&lc->pl->structure, row, tr->header ? PS_TH : PS_TD);
            lc->pl->structure.e[t->elem].column_header = tr->header;
        }
        double cx = rtl ? lc->x + total - (x - lc->x) - g->col_w[c] : x;
        if (t->para)
            lctx_emit_lines(lc, t, 0, ptext_n_lines(t), cx + g->pad, lc->y + g->pad);
        x += g->col_w[c];
    }
    if (row)
        lctx_close(lc, row);
    lc->y += tr->h;
    lctx_add(lc, &(pbox){.kind = PB_RULE, .x = lc->x, .y = lc->y - 0.25, .w = total,
                         .h = tr->header ? 0.8 : 0.4, .color = st->table_rule});
}

/* The smallest a wide table's font gets (times the body's). */
#define MIN_SCALE 0.6

/* Whether a table may go on a landscape page of its own: one at the top
 * level, on pages taller than wide. */
static bool may_turn(const lctx *lc)
{
    return lc->n_frames == 0 && lc->list_depth == 0 && !lc->marker.pending &&
           lc->orientation == PORTRAIT && lc->pl->page_h > lc->pl->page_w;
}

/* The grid of table, its cells shaped at the table's size and measured;
 * false when it has no cell. */
static bool grid_open(lctx *lc, tgrid *g, const fnode *table)
{
    const folio_style *st = lc->st;
    *g = (tgrid){.n_cols = table->as.table.columns, .size = st->size_body * 0.9,
                 .pad = st->size_body * 0.3};
    for (const fnode *row = fnode_table_rows(table); row; row = row->next)
        g->n_rows++;
    if (g->n_cols <= 0 || g->n_rows == 0) {
        g->n_rows = 0; /* nothing for grid_close */
        return false;
    }
    g->rows = calloc((size_t)g->n_rows, sizeof *g->rows);
    g->col_w = calloc(3 * (size_t)g->n_cols, sizeof(double));
    if (!g->rows || !g->col_w)
        abort();
    g->min_w = g->col_w + g->n_cols;
    g->max_w = g->min_w + g->n_cols;
    for (int r = 0; r < g->n_rows; r++)
        if (!(g->rows[r].cells = calloc((size_t)g->n_cols, sizeof(tcell))))
            abort();
    grid_shape(lc, g, table, -1);
    grid_measure(g);
    return true;
}

static void grid_close(tgrid *g)
{
    grid_free_text(g);
    for (int r = 0; r < g->n_rows; r++)
        free(g->rows[r].cells);
    free(g->rows);
    free(g->col_w);
}

bool table_turns(lctx *lc, const fnode *table)
{
    tgrid g;
    if (!may_turn(lc))
        return false;
    bool measuring = lc->measuring;
    lc->measuring = true; /* no note numbered */
    bool turns = grid_open(lc, &g, table) && grid_min_width(&g) * MIN_SCALE > lc->w;
    grid_close(&g);
    lc->measuring = measuring;
    return turns;
}

void layout_table(lctx *lc, const fnode *table)
{
    const folio_style *st = lc->st;
    tgrid g;
    if (!grid_open(lc, &g, table)) {
        grid_close(&g);
        return;
    }
    /* wide tables (13 columns…) get a smaller font before words break;
     * when even the smallest does not do, a landscape page of their own */
    double sum_min = grid_min_width(&g);
    bool turned = sum_min * MIN_SCALE > lc->w && may_turn(lc);
    if (turned)
        lctx_landscape(lc);
    if (sum_min > lc->w) {
        double scale = fmax(lc->w / sum_min, MIN_SCALE);
        g.size *= scale;
        g.pad *= scale;
        grid_free_text(&g);
        grid_shape(lc, &g, table, -1);
        grid_measure(&g);
    }
    grid_widths(&g, lc->w);
    grid_fit_objects(lc, &g, table);
    grid_rows(lc, &g);

    lctx_block_start(lc);
    double head_h = 0;
    for (int r = 0; r < g.n_rows && g.rows[r].header; r++)
        head_h += g.rows[r].h;
    int first_body = 0;
    while (first_body < g.n_rows && g.rows[first_body].header)
        first_body++;
    /* the caption above, as Quarto prints it, kept with the first rows */
    ptext cap = {0};
    const fnode *caption = fnode_caption(table);
    if (caption && caption->first)
        lctx_caption_text(lc, &cap, caption, lc->w);
    double cap_h = cap.para ? ptext_height(&cap) + g.pad : 0;
    lctx_ensure(lc, cap_h + head_h + (first_body < g.n_rows ? g.rows[first_body].h : 0));
    lctx_anchor_dests(lc, table);
    if (lc->marker.pending)
        lctx_place_marker(lc, lc->y + g.size);
    int table_elem = lctx_open(lc, PS_TABLE);
    if (cap.para) {
        lc->y += lctx_emit_lines(lc, &cap, 0, ptext_n_lines(&cap), lc->x, lc->y) + g.pad;
        ptext_free(&cap);
    }
    double total = 0;
    for (int c = 0; c < g.n_cols; c++)
        total += g.col_w[c];
    lctx_add(lc, &(pbox){.kind = PB_RULE, .x = lc->x, .y = lc->y, .w = total, .h = 0.8,
                         .color = st->table_rule});
    for (int r = 0; r < g.n_rows; r++) {
        trow *tr = &g.rows[r];
        if (!tr->header && tr->h > lctx_room(lc) && lc->y > lc->top + 0.01) {
            lctx_new_page(lc);
            bool artifact = lc->tags.artifact;
            lc->tags.artifact = true;
            for (int h = 0; h < first_body; h++) /* the header again on the new page */
                place_row(lc, &g, &g.rows[h]);
            lc->tags.artifact = artifact;
        }
        place_row(lc, &g, tr);
    }
    lctx_close(lc, table_elem);
    lctx_block_end(lc, st->paragraph_spacing);
    if (turned)
        lctx_end_landscape(lc);

    grid_close(&g);
}
