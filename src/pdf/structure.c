#include "structure.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marked.h"
#include "objfile.h"

struct pdf_structure {
    const pstruct *s;
    const pmarks *marks;
    const double *page_h; /* each page's height in points */
    size_t n_pages;
    /* an entry an element, in scratch files (util/spill.h): a long
     * document's are never resident whole (forget) */
    int *leaf_mcid;    /* leaf → its MCID on its page + 1; 0: not painted */
    size_t *leaf_mark; /* leaf → its mark */
    bool *keep;        /* element → written (it holds something painted) */
    spill stores[4];   /* of leaf_mcid, leaf_mark, keep, first_key */
    /* the link annotations of kept Link elements, by parent-tree key
     * (n_pages + i): the element and the page of each */
    int *key_elem;
    size_t *key_page;
    size_t n_keys;
    int *first_key; /* element → its first annotation's index + 1; 0: none */
    int *next_key;  /* annotation index → the element's next one; -1: none */
    size_t mark;    /* the next mark to meet in the pages' content */
    size_t link;    /* the next link painted to meet among the annotations */
};

/* The rewriting of a page's marked content. */
typedef struct rewriter {
    pdf_structure *ps;
    size_t mark;   /* the next mark to meet in the content */
    size_t page;   /* the page being rewritten */
    int next_mcid; /* on that page */
    const char *why;
} rewriter;

static const char *const artifact_props[] = {
    [PA_LAYOUT] = "/Artifact <</Type /Layout>> BDC",
    [PA_HEADER] = "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
    [PA_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
    [PA_PAGINATION] = "/Artifact <</Type /Pagination>> BDC",
};

/* Every so many elements walked, the resident pages of the record and of
 * the arrays go (read again from their files when needed). */
#define FORGET_EVERY 65536

static void forget(const pdf_structure *ps)
{
    pstruct_forget(ps->s);
    pmarks_forget(ps->marks);
    for (size_t i = 0; i < 4; i++)
        spill_forget(&ps->stores[i]);
}

void pdf_structure_forget(const pdf_structure *ps)
{
    if (ps)
        forget(ps);
}

static const char *parent_type_name(const pstruct *s, int leaf)
{
    return pstype_name(s->e[s->e[leaf].parent].type);
}

/* One tagged opening of the page's content, matched with the next mark. */
static bool on_tag(void *ctx, const char *name, size_t n, buf *out, bool *drop_emc)
{
    rewriter *w = ctx;
    pdf_structure *ps = w->ps;
    const pstruct *s = ps->s;
    if (w->mark >= ps->marks->n || ps->marks->m[w->mark].page != w->page) {
        w->why = "a page holds more tagged pieces than were painted on it";
        return false;
    }
    const pmark *m = &ps->marks->m[w->mark];
    const char *want = m->kind == PM_CONTENT    ? pstype_mark_name(s->e[s->e[m->elem].parent].type)
                       : m->kind == PM_ARTIFACT ? PMARK_ARTIFACT_TAG
                                                : "Link";
    if (strlen(want) != n || memcmp(want, name, n)) {
        w->why = "a tagged piece of a page is not the one painted there";
        return false;
    }
    switch (m->kind) {
    case PM_CONTENT:
        ps->leaf_mcid[m->elem] = w->next_mcid + 1;
        ps->leaf_mark[m->elem] = w->mark;
        buf_printf(out, "/%s <</MCID %d>> BDC", parent_type_name(s, m->elem), w->next_mcid++);
        break;
    case PM_ARTIFACT:
        buf_puts(out, artifact_props[m->artifact]);
        break;
    case PM_LINK: /* cairo's empty sequence beside a link annotation */
        *drop_emc = true;
        break;
    }
    w->mark++;
    return true;
}

bool pdf_structure_page(pdf_structure *ps, size_t page, const char *content, size_t len,
                        buf *out, const char **why)
{
    rewriter w = {.ps = ps, .mark = ps->mark, .page = page};
    bool ok = page < ps->n_pages && pdf_marked_rewrite(content, len, on_tag, &w, out);
    if (ok && w.mark < ps->marks->n && ps->marks->m[w.mark].page == page) {
        w.why = "a piece painted on a page is not tagged in its content";
        ok = false;
    }
    if (!ok)
        *why = w.why ? w.why : "a page's marked content cannot be read";
    ps->mark = w.mark;
    return ok;
}

/* An element is written when it holds a painted leaf or an annotation (a
 * cell always, so that rows keep their columns). Parents precede their
 * children in s, so one backward pass carries it up. */
static void mark_kept(pdf_structure *ps, const bool *has_annot)
{
    const pstruct *s = ps->s;
    for (size_t k = s->n; k-- > 1;) {
        const pselem *e = &s->e[k];
        if (k % FORGET_EVERY == 0)
            forget(ps);
        if (e->type == PS_CONTENT ? ps->leaf_mcid[k] > 0
                                  : has_annot[k] || e->type == PS_TD || e->type == PS_TH)
            ps->keep[k] = true;
        if (ps->keep[k])
            ps->keep[e->parent] = true;
    }
    ps->keep[0] = true;
}

/* Whether the annotation's rectangle covers the middle of the link's
 * first one (cairo writes the annotations in the order of the link tags:
 * this checks it). */
static bool annotation_is(const double *v, const struct plinkmark *l, const double *page_h)
{
    double x = l->x + l->w / 2, y = page_h[l->page] - (l->y + l->h / 2);
    return x >= fmin(v[0], v[2]) && x <= fmax(v[0], v[2]) && y >= fmin(v[1], v[3]) &&
           y <= fmax(v[1], v[3]);
}

long pdf_structure_link(pdf_structure *ps, size_t page, const double rect[4], const char **why)
{
    const pmarks *r = ps->marks;
    if (ps->link >= r->n_links || r->links[ps->link].page != page) {
        *why = "a page has more link annotations than were painted";
        return -2;
    }
    if (!annotation_is(rect, &r->links[ps->link], ps->page_h)) {
        *why = "a link annotation is not where its link was painted";
        return -2;
    }
    int elem = r->links[ps->link++].elem;
    if (elem <= 0 || !ps->keep[elem])
        return -1;
    ps->key_elem[ps->n_keys] = elem;
    ps->key_page[ps->n_keys] = page;
    return (long)(ps->n_pages + ps->n_keys++);
}

bool pdf_structure_links_done(pdf_structure *ps, const char **why)
{
    if (ps->link != ps->marks->n_links) {
        *why = "a link painted is missing from its page's annotations";
        return false;
    }
    for (size_t j = ps->n_keys; j-- > 0;) {
        ps->next_key[j] = ps->first_key[ps->key_elem[j]] - 1;
        ps->first_key[ps->key_elem[j]] = (int)j + 1;
    }
    return true;
}

size_t pdf_structure_keys(const pdf_structure *ps)
{
    return ps->n_pages + ps->n_keys;
}

void pdf_structure_free(pdf_structure *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < 4; i++)
        spill_free(&ps->stores[i]);
    free(ps->key_elem);
    free(ps->key_page);
    free(ps->next_key);
    free(ps);
}

static void *zalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

pdf_structure *pdf_structure_new(const pstruct *s, const pmarks *marks, const double *page_h,
                                 size_t n_pages)
{
    pdf_structure *ps = zalloc(1, sizeof *ps);
    *ps = (pdf_structure){.s = s, .marks = marks, .page_h = page_h, .n_pages = n_pages};
    size_t n = s->n;
    ps->leaf_mcid = spill_grow(&ps->stores[0], (n + 1) * sizeof *ps->leaf_mcid);
    ps->leaf_mark = spill_grow(&ps->stores[1], (n + 1) * sizeof *ps->leaf_mark);
    ps->keep = spill_grow(&ps->stores[2], (n + 1) * sizeof *ps->keep);
    ps->first_key = spill_grow(&ps->stores[3], (n + 1) * sizeof *ps->first_key);
    ps->key_elem = zalloc(marks->n_links, sizeof *ps->key_elem);
    ps->key_page = zalloc(marks->n_links, sizeof *ps->key_page);
    ps->next_key = zalloc(marks->n_links, sizeof *ps->next_key);
    return ps;
}

bool pdf_structure_pages_done(pdf_structure *ps, const char **why)
{
    if (ps->mark != ps->marks->n || ps->s->n == 0) {
        *why = "pieces were painted on no page";
        return false;
    }
    spill annotated = {0};
    bool *has_annot = spill_grow(&annotated, (ps->s->n + 1) * sizeof *has_annot);
    for (size_t i = 0; i < ps->marks->n_links; i++)
        if (ps->marks->links[i].elem > 0)
            has_annot[ps->marks->links[i].elem] = true;
    mark_kept(ps, has_annot);
    spill_free(&annotated);
    return true;
}

/* The tree being written: object numbers of the pages, annotations and
 * elements. */
typedef struct appender {
    const pdf_structure *ps;
    pobjout *w;
    size_t root;             /* the StructTreeRoot */
    const size_t *page_obj;  /* page → its object */
    const size_t *annot_obj; /* parent-tree key - n_pages → its annotation */
    size_t *elem_obj;        /* kept element → its StructElem (in elem_store) */
    spill elem_store;
} appender;

static void forget_all(const appender *a)
{
    forget(a->ps);
    spill_forget(&a->elem_store);
}

/* A figure's /BBox: its pieces on the page of its first one, in PDF space. */
static void put_bbox(appender *a, int k)
{
    const pdf_structure *ps = a->ps;
    const pstruct *s = ps->s;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    size_t page = 0;
    bool any = false;
    for (int c = s->e[k].first; c >= 0; c = s->e[c].next) {
        if (s->e[c].type != PS_CONTENT || !ps->leaf_mcid[c])
            continue;
        const pmark *m = &ps->marks->m[ps->leaf_mark[c]];
        const pmark_rect *r = pmarks_rect(ps->marks, ps->leaf_mark[c]);
        if (!r || (any && m->page != page))
            continue;
        page = m->page;
        any = true;
        x0 = fmin(x0, r->x);
        y0 = fmin(y0, r->y);
        x1 = fmax(x1, r->x + r->w);
        y1 = fmax(y1, r->y + r->h);
    }
    if (!any)
        return;
    /* two places, rounded inwards: a full-page figure stays on its page */
    double h = ps->page_h[page];
    buf_printf(&a->w->out, " /A << /O /Layout /Placement /Block /BBox [ %.2f %.2f %.2f %.2f ] >>",
               ceil(x0 * 100) / 100, ceil((h - y1) * 100) / 100,
               floor(x1 * 100) / 100, floor((h - y0) * 100) / 100);
}

static void put_text(buf *b, const char *key, const char *value)
{
    if (value && value[0]) {
        buf_printf(b, " %s ", key);
        pdf_put_text_string(b, value);
    }
}

/* The page of element k's first painted leaf; -1: none. */
static long first_leaf_page(const pdf_structure *ps, int k)
{
    const pstruct *s = ps->s;
    size_t walked = 0;
    for (int c = s->e[k].first; c >= 0; c = s->e[c].next) {
        if (++walked % FORGET_EVERY == 0) /* the document's kids: all its paragraphs */
            forget(ps);
        if (s->e[c].type == PS_CONTENT && ps->leaf_mcid[c])
            return (long)ps->marks->m[ps->leaf_mark[c]].page;
    }
    return -1;
}

/* The StructElem of kept element k: its kids in reading order, a painted
 * leaf as its MCID (with its page when the element's /Pg is another),
 * then its annotations. */
static void write_elem(appender *a, int k)
{
    const pdf_structure *ps = a->ps;
    const pselem *e = &ps->s->e[k];
    buf *b = &a->w->out;
    pobjout_open(a->w, a->elem_obj[k]);
    buf_printf(b, "<< /Type /StructElem /S /%s /P %zu 0 R", pstype_name(e->type),
               k == 0 ? a->root : a->elem_obj[e->parent]);
    const pselem_more *more = pstruct_more(ps->s, k);
    put_text(b, "/Lang", more->lang);
    put_text(b, "/Alt", more->alt);
    put_text(b, "/ActualText", more->actual);
    if (more->id) {
        buf_puts(b, " /ID ");
        pdf_put_byte_string(b, more->id);
    }
    if (e->type == PS_FIGURE)
        put_bbox(a, k);
    else if (e->column_header)
        buf_puts(b, " /A << /O /Table /Scope /Column >>");
    if (more->ref > 0 && ps->keep[more->ref])
        buf_printf(b, " /Ref [ %zu 0 R ]", a->elem_obj[more->ref]);
    long pg = first_leaf_page(ps, k);
    if (pg >= 0)
        buf_printf(b, " /Pg %zu 0 R", a->page_obj[pg]);
    bool any = false;
    size_t walked = 0;
    for (int c = e->first; c >= 0; c = ps->s->e[c].next) {
        /* the document's kids: an element a paragraph, never held whole */
        pobjout_drain(a->w);
        if (++walked % FORGET_EVERY == 0)
            forget_all(a);
        if (!ps->keep[c])
            continue;
        buf_puts(b, any ? " " : " /K [ ");
        any = true;
        if (ps->s->e[c].type != PS_CONTENT) {
            buf_printf(b, "%zu 0 R", a->elem_obj[c]);
            continue;
        }
        size_t page = ps->marks->m[ps->leaf_mark[c]].page;
        if ((long)page == pg)
            buf_printf(b, "%d", ps->leaf_mcid[c] - 1);
        else
            buf_printf(b, "<< /Type /MCR /Pg %zu 0 R /MCID %d >>", a->page_obj[page],
                       ps->leaf_mcid[c] - 1);
    }
    for (int j = ps->first_key[k] - 1; j >= 0; j = ps->next_key[j]) {
        buf_puts(b, any ? " " : " /K [ ");
        any = true;
        buf_printf(b, "<< /Type /OBJR /Obj %zu 0 R /Pg %zu 0 R >>", a->annot_obj[j],
                   a->page_obj[ps->key_page[j]]);
    }
    buf_puts(b, any ? " ] >>" : " >>");
    pobjout_close(a->w);
}

/* Each page's marked content → its parent elements, by MCID (one array
 * object per page), then the ParentTree itself; returns its number. */
static size_t write_parent_tree(appender *a)
{
    const pdf_structure *ps = a->ps;
    buf *b = &a->w->out;
    size_t *arrays = zalloc(ps->n_pages, sizeof *arrays), m = 0;
    for (size_t i = 0; i < ps->n_pages; i++) {
        if (i % 64 == 63)
            forget_all(a);
        size_t num = pobjout_number(a->w);
        arrays[i] = num; /* (numbers given back are not consecutive) */
        pobjout_open(a->w, num);
        buf_puts(b, "[");
        /* marks come page by page, in MCID order on each */
        for (; m < ps->marks->n && ps->marks->m[m].page == i; m++) {
            const pmark *mk = &ps->marks->m[m];
            if (mk->kind == PM_CONTENT)
                buf_printf(b, " %zu 0 R", a->elem_obj[ps->s->e[mk->elem].parent]);
        }
        buf_puts(b, " ]");
        pobjout_close(a->w);
    }
    size_t tree = pobjout_number(a->w);
    pobjout_open(a->w, tree);
    buf_puts(b, "<< /Nums [");
    for (size_t i = 0; i < ps->n_pages; i++)
        buf_printf(b, " %zu %zu 0 R", i, arrays[i]);
    for (size_t j = 0; j < ps->n_keys; j++)
        buf_printf(b, " %zu %zu 0 R", ps->n_pages + j, a->elem_obj[ps->key_elem[j]]);
    buf_puts(b, " ] >>");
    pobjout_close(a->w);
    free(arrays);
    return tree;
}

void pdf_structure_write(const pdf_structure *ps, pobjout *w, size_t root,
                         const size_t *page_obj, const size_t *annot_obj)
{
    appender a = {.ps = ps, .w = w, .root = root, .page_obj = page_obj, .annot_obj = annot_obj};
    const pstruct *s = ps->s;
    a.elem_obj = spill_grow(&a.elem_store, (s->n + 1) * sizeof *a.elem_obj);
    for (size_t k = 0; k < s->n; k++) {
        if (k % FORGET_EVERY == 0)
            forget_all(&a);
        if (ps->keep[k] && s->e[k].type != PS_CONTENT)
            a.elem_obj[k] = pobjout_number(w);
    }
    for (size_t k = 0; k < s->n; k++) {
        if (k % FORGET_EVERY == 0)
            forget_all(&a);
        if (ps->keep[k] && s->e[k].type != PS_CONTENT)
            write_elem(&a, (int)k);
    }
    size_t tree = write_parent_tree(&a);
    pobjout_open(w, root);
    buf_printf(&w->out,
               "<< /Type /StructTreeRoot /K %zu 0 R /ParentTree %zu 0 R /ParentTreeNextKey %zu >>",
               a.elem_obj[0], tree, ps->n_pages + ps->n_keys);
    pobjout_close(w);
    spill_free(&a.elem_store);
}
