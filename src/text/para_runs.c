/* Lines → runs to paint: the pieces of a line grouped by item into glyph
 * runs, in visual order (right-to-left items reversed, as Pango orders
 * them), with justified spaces widened and the clusters pointing into one
 * text per line, so that the PDF's text layer holds the line's words, its
 * spaces and a soft hyphen where a word was cut. */
#include <stdlib.h>
#include <string.h>

#include "para_internal.h"

typedef struct lrun {
    int first, n; /* pieces, logical order */
    int offset;   /* in the line's text */
    int len;
} lrun;

/* The runs of line l in logical order; the line's text at text (room
 * for all its pieces). */
static int logical_runs(const tpara *p, const tline *l, lrun *runs, char *text, int *poff)
{
    int n = 0, len = 0;
    for (int k = l->first; k < l->first + l->n; k++) {
        const tpiece *pc = &p->pieces[k];
        int item = p->units[pc->unit].item;
        poff[k - l->first] = len;
        if (n == 0 || p->units[p->pieces[k - 1].unit].item != item) {
            runs[n++] = (lrun){.first = k, .offset = len};
        }
        runs[n - 1].n++;
        runs[n - 1].len += pc->word->len;
        memcpy(text + len, pc->word->text, (size_t)pc->word->len);
        len += pc->word->len;
    }
    text[len] = '\0';
    return n;
}

/* Visual order of the runs: indices into runs. */
static void visual_order(const tpara *p, const lrun *runs, int n, int *order)
{
    bool rtl = false;
    for (int r = 0; r < n && !rtl; r++)
        rtl = p->items[p->units[p->pieces[runs[r].first].unit].item].item->analysis.level & 1;
    for (int r = 0; r < n; r++)
        order[r] = r;
    if (!rtl)
        return;
    PangoItem *fake = calloc((size_t)n, sizeof *fake);
    if (!fake)
        abort();
    GList *list = NULL;
    for (int r = n - 1; r >= 0; r--) {
        fake[r].offset = r;
        fake[r].analysis.level =
            p->items[p->units[p->pieces[runs[r].first].unit].item].item->analysis.level;
        list = g_list_prepend(list, &fake[r]);
    }
    GList *visual = pango_reorder_items(list);
    int k = 0;
    for (GList *v = visual; v; v = v->next)
        order[k++] = ((PangoItem *)v->data)->offset;
    g_list_free(visual);
    g_list_free(list);
    free(fake);
}

static void show_run(const tpara *p, const lrun *r, const char *text, const int *poff, int first,
                     int last_piece, double *x, PangoGlyphInfo *glyph_room, int *cluster_room,
                     void (*fn)(const trun *, void *), void *data)
{
    const PangoItem *src = p->items[p->units[p->pieces[r->first].unit].item].item;
    bool rtl = src->analysis.level & 1;
    int glyphs = 0, chars = 0;
    for (int k = r->first; k < r->first + r->n; k++) {
        glyphs += p->pieces[k].word->glyphs->num_glyphs;
        chars += p->pieces[k].word->chars;
    }
    PangoItem item = *src;
    item.offset = r->offset;
    item.length = r->len;
    item.num_chars = chars;
    /* the glyphs in the line's room: a run is only lent to fn */
    PangoGlyphString gs = {.num_glyphs = glyphs, .glyphs = glyph_room,
                           .log_clusters = cluster_room, .space = glyphs};
    int g = 0, width = 0;
    for (int i = 0; i < r->n; i++) {
        const tpiece *pc = &p->pieces[rtl ? r->first + r->n - 1 - i : r->first + i];
        const PangoGlyphString *w = pc->word->glyphs;
        int shift = poff[pc - p->pieces - first] - r->offset;
        bool space = p->units[pc->unit].kind == TU_SPACE;
        bool line_end = pc == &p->pieces[first + last_piece];
        for (int j = 0; j < w->num_glyphs; j++, g++) {
            gs.glyphs[g] = w->glyphs[j];
            gs.log_clusters[g] = w->log_clusters[j] + shift;
            if (space && j == w->num_glyphs - 1) /* justified spaces */
                gs.glyphs[g].geometry.width += pc->width - pc->word->width;
            else if (!space && !(line_end && j == w->num_glyphs - 1))
                gs.glyphs[g].geometry.width += pc->letter;
        }
        width += pc->width;
    }
    PangoGlyphItem gi = {.item = &item, .glyphs = &gs};
    const tpiece *a = &p->pieces[r->first], *z = &p->pieces[r->first + r->n - 1];
    trun run = {.text = text, .glyphs = &gi, .x = *x, .width = (double)width / PANGO_SCALE,
                .start = a->start, .end = z->start + z->len};
    fn(&run, data);
    *x += run.width;
}

/* Most lines fit these; longer ones take the heap. */
#define ROOM_PIECES 64
#define ROOM_GLYPHS 512
#define ROOM_TEXT 2048

void tpara_line_runs(const tpara *p, int i, void (*fn)(const trun *run, void *data), void *data)
{
    const tline *l = &p->lines[i];
    if (l->n == 0)
        return;
    int glyphs = 0, bytes = 1;
    for (int k = l->first; k < l->first + l->n; k++) {
        glyphs += p->pieces[k].word->glyphs->num_glyphs;
        bytes += p->pieces[k].word->len;
    }
    lrun runs_room[ROOM_PIECES];
    int order_room[ROOM_PIECES], poff_room[ROOM_PIECES];
    PangoGlyphInfo glyph_room[ROOM_GLYPHS];
    int cluster_room[ROOM_GLYPHS];
    char text_room[ROOM_TEXT];
    bool small = l->n <= ROOM_PIECES, few = glyphs <= ROOM_GLYPHS, short_text = bytes <= ROOM_TEXT;
    lrun *runs = small ? runs_room : malloc((size_t)l->n * sizeof *runs);
    int *order = small ? order_room : malloc((size_t)l->n * sizeof *order);
    int *poff = small ? poff_room : malloc((size_t)l->n * sizeof *poff);
    PangoGlyphInfo *gi = few ? glyph_room : malloc((size_t)glyphs * sizeof *gi);
    int *clusters = few ? cluster_room : malloc((size_t)glyphs * sizeof *clusters);
    char *text = short_text ? text_room : malloc((size_t)bytes);
    if (!runs || !order || !poff || !gi || !clusters || !text)
        abort();
    int n = logical_runs(p, l, runs, text, poff);
    visual_order(p, runs, n, order);
    double x = 0;
    for (int r = 0; r < n; r++)
        show_run(p, &runs[order[r]], text, poff, l->first, l->n - 1, &x, gi, clusters, fn, data);
    if (!short_text)
        free(text);
    if (!few) {
        free(gi);
        free(clusters);
    }
    if (!small) {
        free(runs);
        free(order);
        free(poff);
    }
}
