/* The layout's side of the structure tree (tagging.h): the element each
 * block opens, the leaf each painted box is, notes placed after the text
 * that cites them, links inside the text that holds them, and heading
 * levels that follow the book's nesting without skipping a level. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "formula.h"
#include "icons.h"
#include "util/oom.h"

int lctx_open(lctx *lc, pstype t)
{
    int e = pstruct_add(&lc->pl->structure, lc->tags.open, t);
    lc->tags.open = e;
    return e;
}

void lctx_close(lctx *lc, int elem)
{
    lc->tags.open = lc->pl->structure.e[elem].parent;
}

void lctx_heading_base(lctx *lc, int base)
{
    lc->tags.heading_base = base;
}

/* PT_Hn at the current depth, never more than one level below the last
 * heading (PDF/UA: no level skipped). */
static pstype heading_type(lctx *lc, int n)
{
    ptags *g = &lc->tags;
    int level = g->heading_base + n;
    if (level > g->last_heading + 1)
        level = g->last_heading + 1;
    level = level < 1 ? 1 : level > 6 ? 6 : level;
    g->last_heading = level;
    return (pstype)(PS_H1 + level - 1);
}

static pstype text_type(lctx *lc, ptag tag)
{
    switch (tag) {
    case PT_H1: case PT_H2: case PT_H3: case PT_H4: case PT_H5: case PT_H6:
        return heading_type(lc, (int)(tag - PT_H1) + 1);
    case PT_CODE: return PS_CODE;
    case PT_FIGURE: return PS_FIGURE;
    case PT_NOTE: return PS_NOTE;
    case PT_TOC: return PS_TOCI;
    case PT_TABLE: return PS_TD;
    case PT_LIST: return PS_LBL;
    case PT_CAPTION: return PS_CAPTION;
    case PT_P: break;
    }
    return PS_P;
}

int lctx_text_elem(lctx *lc, ptext *t)
{
    if (!t->elem && !lc->tags.artifact)
        t->elem = pstruct_add(&lc->pl->structure, lc->tags.open, text_type(lc, t->tag));
    return t->elem;
}

int lctx_leaf(lctx *lc, int elem)
{
    if (lc->tags.artifact || elem <= 0)
        return PBOX_ARTIFACT;
    return pstruct_add(&lc->pl->structure, elem, PS_CONTENT);
}

int lctx_box_leaf(lctx *lc, const pbox *b)
{
    switch (b->kind) {
    case PB_IMAGE:
    case PB_COVER: {
        if (lc->tags.artifact)
            return PBOX_ARTIFACT;
        int fig = pstruct_add(&lc->pl->structure, lc->tags.open, PS_FIGURE);
        pstruct_more_set(&lc->pl->structure, fig)->alt = b->text;
        return lctx_leaf(lc, fig);
    }
    case PB_MATH: { /* a display formula, described by its linear text */
        if (lc->tags.artifact)
            return PBOX_ARTIFACT;
        int formula = pstruct_add(&lc->pl->structure, lc->tags.open, PS_FORMULA);
        pstruct_more_set(&lc->pl->structure, formula)->alt = b->math->text;
        return lctx_leaf(lc, formula);
    }
    case PB_LINE:
    case PB_CHECKBOX:
    case PB_TOCNUM: {
        ptext t = {.tag = b->tag};
        int elem = lctx_text_elem(lc, &t);
        if (b->kind == PB_LINE && b->tag == PT_FIGURE && elem > 0) {
            /* a placeholder's words describe the missing image */
            char *text = pbox_line_text(b);
            pstruct_more_set(&lc->pl->structure, elem)->alt = arena_strdup(lc->pl->arena, text);
            free(text);
        }
        return lctx_leaf(lc, elem);
    }
    case PB_FILL:
    case PB_RULE:
    case PB_FRAME:
    case PB_LINK:
    case PB_DEST:
    case PB_QR: /* beside the URL it encodes, printed in the note */
    case PB_CONTINUED:
        break;
    }
    return 0;
}

/* The innermost link of t over byte pos, or -1 (t->links are sorted by
 * start; a note's reference may sit inside a link, no deeper). */
static int link_at(const ptext *t, int pos)
{
    int lo = 0, hi = t->n_links;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->links[mid].start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo - 1; i >= 0 && i >= lo - 4; i--)
        if (t->links[i].end > pos)
            return i;
    return -1;
}

/* The words said in place of a missing image that hold byte pos, or -1
 * (few: a linear search). */
static int missing_at(const ptext *t, int pos)
{
    for (int i = 0; i < t->n_missing; i++)
        if (t->missing[i].start <= pos && pos < t->missing[i].end)
            return i;
    return -1;
}

/* The innermost span of another language over byte pos, or -1 (few: a
 * linear search; t->spans are by start, an outer one first). */
static int span_at(const ptext *t, int pos)
{
    for (int i = t->n_spans - 1; i >= 0; i--)
        if (t->spans[i].start <= pos && pos < t->spans[i].end)
            return i;
    return -1;
}

#define MISSING_KEY(i) (-10 - (i)) /* run_leaves.link for missing image i's words */

typedef struct run_leaves {
    lctx *lc;
    const ptext *t;
    int *leaf;
    int n, cap;
    int link; /* the link of the last run; -1: none; OBJECT_RUN: a formula or an image */
    int span; /* the span of the last run; -1: none */
    int *figure; /* the leaf of each image's Figure, in the line's order */
    size_t n_figures, cap_figures;
} run_leaves;

#define OBJECT_RUN (-2)
#define IMAGE_LEAF (-3) /* a run[leaf] to take from a run beside it */

/* The inline formula a run shows (one box among the words), or NULL. An
 * icon is none: its name is text of its line's element. */
static const pmath *run_formula(const trun *r)
{
    if (pinline_of_run(r))
        return NULL;
    for (GSList *l = r->glyphs->item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_SHAPE)
            return picon_of_attr(a) ? NULL : ((const PangoAttrShape *)a)->data;
    }
    return NULL;
}

/* The element a run's words belong to: its link's (made in its span when
 * the link starts there), else its span's (a Span of another language, one
 * over lines and pages), else the text's. */
static int run_parent(pstruct *s, const ptext *t, int link, int span)
{
    int text = t->elem;
    if (link >= 0) {
        size_t id = (size_t)(t->link_base + link);
        if (id < s->n_link_elem && s->link_elem[id])
            return s->link_elem[id];
    }
    if (span >= 0) {
        pspan *sp = &t->spans[span];
        if (!sp->elem) {
            sp->elem = pstruct_add(s, t->elem, PS_SPAN);
            pstruct_more_set(s, sp->elem)->lang = sp->lang;
        }
        text = sp->elem;
    }
    return link < 0 ? text : pstruct_link(s, t->link_base + link, text);
}

/* A new leaf where the runs pass from a link to the text around it (or to
 * another link): a link's text is its Link element's; an inline formula
 * is a Formula element of its own, described by its linear text; an
 * image a Figure with its /Alt, whose leaf is its image box's (the line
 * paints nothing there); the words said for a missing one a Figure too. */
static void leaf_of_run(const trun *r, void *data)
{
    run_leaves *b = data;
    const ptext *t = b->t;
    pstruct *s = &b->lc->pl->structure;
    int link = link_at(t, r->start);
    int missing = missing_at(t, r->start);
    int key = missing >= 0 ? MISSING_KEY(missing) : link;
    int span = span_at(t, r->start);
    const pmath *f = run_formula(r);
    const pinline *img = pinline_of_run(r);
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 8;
        b->leaf = realloc(b->leaf, (size_t)b->cap * sizeof *b->leaf);
        if (!b->leaf)
            abort();
    }
    if (!img && b->n && key == b->link && span == b->span && !f) {
        b->leaf[b->n] = b->leaf[b->n - 1];
    } else if (img) {
        int parent = run_parent(s, t, link, span);
        int fig = pstruct_add(s, parent, PS_FIGURE);
        pstruct_more_set(s, fig)->alt = img->alt;
        b->figure = oom_grow(b->figure, &b->cap_figures, b->n_figures + 1, sizeof *b->figure, 2);
        b->figure[b->n_figures++] = lctx_leaf(b->lc, fig);
        b->leaf[b->n] = IMAGE_LEAF;
    } else {
        int parent = run_parent(s, t, link, span);
        if (missing >= 0) { /* one Figure, over lines and pages */
            pmissing *m = &t->missing[missing];
            if (!m->elem) {
                m->elem = pstruct_add(s, parent, PS_FIGURE);
                pstruct_more_set(s, m->elem)->alt = m->alt;
            }
            parent = m->elem;
        }
        if (f) {
            parent = pstruct_add(s, parent, PS_FORMULA);
            pstruct_more_set(s, parent)->alt = f->text;
        }
        b->leaf[b->n] = lctx_leaf(b->lc, parent);
    }
    b->link = f || img ? OBJECT_RUN : key;
    b->span = span;
    b->n++;
}

/* An image's run takes the leaf of the text before it (else after it):
 * the line's marks pass over it. A line of images only is an artifact. */
static void fill_image_leaves(int *leaf, int n)
{
    int last = PBOX_ARTIFACT;
    for (int k = n - 1; k >= 0; k--)
        if (leaf[k] == IMAGE_LEAF)
            leaf[k] = last;
        else
            last = leaf[k];
    for (int k = 1; k < n; k++)
        if (leaf[k] == PBOX_ARTIFACT && leaf[k - 1] != PBOX_ARTIFACT)
            leaf[k] = leaf[k - 1];
}

int lctx_line_leaves(lctx *lc, const ptext *t, int i, const int **run_leaf, int *n,
                     const int **figure_leaf)
{
    *run_leaf = NULL;
    *n = 0;
    *figure_leaf = NULL;
    /* without links or objects, the line is one leaf: no runs to walk */
    if (lc->tags.artifact || t->elem <= 0 ||
        (!t->n_links && !t->n_missing && !t->n_spans && !tpara_has_objects(t->para)))
        return lctx_leaf(lc, t->elem);
    run_leaves b = {.lc = lc, .t = t, .span = -1};
    tpara_line_runs(t->para, i, leaf_of_run, &b);
    if (b.n_figures) {
        fill_image_leaves(b.leaf, b.n);
        int *copy = arena_alloc(lc->pl->arena, b.n_figures * sizeof *copy);
        memcpy(copy, b.figure, b.n_figures * sizeof *copy);
        *figure_leaf = copy;
    }
    int first = b.n ? b.leaf[0] : lctx_leaf(lc, t->elem);
    if (b.n && b.leaf[b.n - 1] != first) {
        int *copy = arena_alloc(lc->pl->arena, (size_t)b.n * sizeof *copy);
        memcpy(copy, b.leaf, (size_t)b.n * sizeof *copy);
        *run_leaf = copy;
        *n = b.n;
    }
    free(b.leaf);
    free(b.figure);
    return first;
}

void lctx_tag_note(lctx *lc, pnote *n, const ptext *from, int ref_offset)
{
    pstruct *s = &lc->pl->structure;
    if (n->text.elem || lc->tags.artifact || from->elem <= 0)
        return;
    /* after the paragraph (a cell's: after its table, rows hold only cells) */
    int at = from->elem;
    if (s->e[at].type == PS_TD || s->e[at].type == PS_TH)
        at = s->e[s->e[at].parent].parent;
    int note = pstruct_add_after(s, pstruct_more(s, at)->after ? pstruct_more(s, at)->after : at, PS_NOTE);
    pstruct_more_set(s, at)->after = note;
    /* a footnote and a link's URL note told apart by their id */
    pstruct_more_set(s, note)->id = arena_printf(lc->pl->arena, "%s-%d-%d", n->def ? "footnote" : "note",
                                 lc->doc_index + 1, n->number);
    n->text.elem = note;
    /* the reference (a link to the note) refers to it */
    int i = link_at(from, ref_offset);
    int link = i >= 0 ? pstruct_link(s, from->link_base + i, from->elem) : 0;
    if (link > 0) {
        pstruct_more_set(s, link)->ref = note;
        n->ref_link = link;
    }
}

void lctx_tag_back_link(lctx *lc, const pnote *n)
{
    pstruct *s = &lc->pl->structure;
    int back = n->back && n->text.n_links ? pstruct_link(s, n->text.link_base, 0) : 0;
    if (back > 0 && n->ref_link > 0)
        pstruct_more_set(s, back)->ref = n->ref_link;
}

bool lctx_note_tagged(const lctx *lc, const pnote *n)
{
    return n->text.elem > 0 && lc->pl->structure.e[n->text.elem].first < 0;
}
