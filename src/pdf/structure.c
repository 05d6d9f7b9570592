#include "structure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marked.h"

typedef struct writer {
    qpdf_data q;
    const pstruct *s;
    const pmarks *marks;
    size_t mark;     /* the next mark to meet in the content */
    size_t page;     /* the page being rewritten */
    int next_mcid;   /* on that page */
    int *leaf_mcid;  /* leaf → its MCID on its page; -1: not painted */
    size_t *leaf_mark; /* leaf → its mark */
    bool *keep;      /* element → written (it holds something painted) */
    qpdf_oh *obj;    /* element → its StructElem */
    qpdf_oh *kids;   /* element → its /K array */
    const char *why;
} writer;

static const char *const artifact_props[] = {
    [PA_LAYOUT] = "/Artifact <</Type /Layout>> BDC",
    [PA_HEADER] = "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
    [PA_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
    [PA_PAGINATION] = "/Artifact <</Type /Pagination>> BDC",
};

static const char *parent_type_name(const writer *w, int leaf)
{
    return pstype_name(w->s->e[w->s->e[leaf].parent].type);
}

/* One tagged opening of the page's content, matched with the next mark. */
static bool on_tag(void *ctx, const char *name, size_t n, buf *out, bool *drop_emc)
{
    writer *w = ctx;
    if (w->mark >= w->marks->n || w->marks->m[w->mark].page != w->page) {
        w->why = "a page holds more tagged pieces than were painted on it";
        return false;
    }
    const pmark *m = &w->marks->m[w->mark];
    const char *want = m->kind == PM_CONTENT  ? pstype_mark_name(w->s->e[w->s->e[m->elem].parent].type)
                       : m->kind == PM_ARTIFACT ? PMARK_ARTIFACT_TAG
                                                : "Link";
    if (strlen(want) != n || memcmp(want, name, n)) {
        w->why = "a tagged piece of a page is not the one painted there";
        return false;
    }
    switch (m->kind) {
    case PM_CONTENT:
        w->leaf_mcid[m->elem] = w->next_mcid;
        w->leaf_mark[m->elem] = w->mark;
        buf_printf(out, "/%s <</MCID %d>> BDC", parent_type_name(w, m->elem), w->next_mcid++);
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

/* Every page's marked content, rewritten into a new content stream. */
static bool rewrite_pages(writer *w, int n_pages)
{
    qpdf_data q = w->q;
    for (int i = 0; i < n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        unsigned char *data = NULL;
        size_t len = 0;
        if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS) {
            w->why = "a page's content cannot be read";
            return false;
        }
        w->page = (size_t)i;
        w->next_mcid = 0;
        buf out = {0};
        bool ok = pdf_marked_rewrite((const char *)data, len, on_tag, w, &out);
        free(data);
        if (ok && w->mark < w->marks->n && w->marks->m[w->mark].page == (size_t)i) {
            w->why = "a piece painted on a page is not tagged in its content";
            ok = false;
        }
        if (!ok) {
            if (!w->why)
                w->why = "a page's marked content cannot be read";
            buf_free(&out);
            return false;
        }
        qpdf_oh stream = qpdf_oh_new_stream(q);
        qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)out.data, out.len,
                                    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
        qpdf_oh_replace_key(q, page, "/Contents", stream);
        buf_free(&out);
    }
    return true;
}

/* An element is written when it holds a painted leaf or an annotation (a
 * cell always, so that rows keep their columns). Parents precede their
 * children in s, so one backward pass carries it up. */
static void mark_kept(writer *w, const bool *has_annot)
{
    const pstruct *s = w->s;
    for (size_t k = s->n; k-- > 1;) {
        const pselem *e = &s->e[k];
        if (e->type == PS_CONTENT ? w->leaf_mcid[k] >= 0
                                  : has_annot[k] || e->type == PS_TD || e->type == PS_TH)
            w->keep[k] = true;
        if (w->keep[k])
            w->keep[e->parent] = true;
    }
    w->keep[0] = true;
}

static void set_attr_dict(writer *w, qpdf_oh elem, const char *owner, qpdf_oh attrs)
{
    qpdf_oh_replace_key(w->q, attrs, "/O", qpdf_oh_new_name(w->q, owner));
    qpdf_oh_replace_key(w->q, elem, "/A", attrs);
}

/* A figure's /BBox: its pieces on the page of its first one, in PDF space. */
static void put_bbox(writer *w, int k, qpdf_oh elem, const double *page_h)
{
    qpdf_data q = w->q;
    const pstruct *s = w->s;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    size_t page = 0;
    bool any = false;
    for (int c = s->e[k].first; c >= 0; c = s->e[c].next) {
        if (s->e[c].type != PS_CONTENT || w->leaf_mcid[c] < 0)
            continue;
        const pmark *m = &w->marks->m[w->leaf_mark[c]];
        if (any && m->page != page)
            continue;
        page = m->page;
        any = true;
        x0 = fmin(x0, m->x);
        y0 = fmin(y0, m->y);
        x1 = fmax(x1, m->x + m->w);
        y1 = fmax(y1, m->y + m->h);
    }
    if (!any)
        return;
    qpdf_oh box = qpdf_oh_new_array(q);
    /* two places, rounded inwards: a full-page figure stays on its page */
    double h = page_h[page];
    double v[4] = {ceil(x0 * 100) / 100, ceil((h - y1) * 100) / 100,
                   floor(x1 * 100) / 100, floor((h - y0) * 100) / 100};
    for (int i = 0; i < 4; i++)
        qpdf_oh_append_item(q, box, qpdf_oh_new_real_from_double(q, v[i], 2));
    qpdf_oh attrs = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, attrs, "/Placement", qpdf_oh_new_name(q, "/Block"));
    qpdf_oh_replace_key(q, attrs, "/BBox", box);
    set_attr_dict(w, elem, "/Layout", attrs);
}

static void put_text(qpdf_data q, qpdf_oh elem, const char *key, const char *value)
{
    if (value && value[0])
        qpdf_oh_replace_key(q, elem, key, qpdf_oh_new_unicode_string(q, value));
}

/* The StructElem of element k (kept), child of its parent's. */
static void write_elem(writer *w, int k, const double *page_h)
{
    qpdf_data q = w->q;
    const pselem *e = &w->s->e[k];
    char type[16];
    snprintf(type, sizeof type, "/%s", pstype_name(e->type));
    qpdf_oh d = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/StructElem"));
    qpdf_oh_replace_key(q, d, "/S", qpdf_oh_new_name(q, type));
    put_text(q, d, "/Lang", e->lang);
    put_text(q, d, "/Alt", e->alt);
    put_text(q, d, "/ActualText", e->actual);
    if (e->id)
        qpdf_oh_replace_key(q, d, "/ID", qpdf_oh_new_string(q, e->id));
    if (e->column_header) {
        qpdf_oh attrs = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, attrs, "/Scope", qpdf_oh_new_name(q, "/Column"));
        set_attr_dict(w, d, "/Table", attrs);
    }
    w->kids[k] = qpdf_oh_new_array(q);
    qpdf_oh_replace_key(q, d, "/K", w->kids[k]);
    w->obj[k] = qpdf_make_indirect_object(q, d);
    if (e->type == PS_FIGURE)
        put_bbox(w, k, w->obj[k], page_h);
    if (k > 0) {
        qpdf_oh_replace_key(q, w->obj[k], "/P", w->obj[e->parent]);
        qpdf_oh_append_item(q, w->kids[e->parent], w->obj[k]);
    }
}

/* A painted leaf in its parent's /K: its MCID, with its page when the
 * parent's /Pg is another (the first page the parent is on). */
static void write_leaf(writer *w, int k)
{
    qpdf_data q = w->q;
    int parent = w->s->e[k].parent;
    const pmark *m = &w->marks->m[w->leaf_mark[k]];
    qpdf_oh page = qpdf_get_page_n(q, m->page);
    qpdf_oh pg = qpdf_oh_get_key(q, w->obj[parent], "/Pg");
    if (qpdf_oh_is_null(q, pg)) {
        qpdf_oh_replace_key(q, w->obj[parent], "/Pg", page);
        pg = page;
    }
    if (qpdf_oh_get_object_id(q, pg) == qpdf_oh_get_object_id(q, page)) {
        qpdf_oh_append_item(q, w->kids[parent], qpdf_oh_new_integer(q, w->leaf_mcid[k]));
        return;
    }
    qpdf_oh mcr = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, mcr, "/Type", qpdf_oh_new_name(q, "/MCR"));
    qpdf_oh_replace_key(q, mcr, "/Pg", page);
    qpdf_oh_replace_key(q, mcr, "/MCID", qpdf_oh_new_integer(q, w->leaf_mcid[k]));
    qpdf_oh_append_item(q, w->kids[parent], mcr);
}

/* Pre-order over the kept elements: reading order. */
static void write_tree(writer *w, const double *page_h)
{
    const pstruct *s = w->s;
    int k = 0;
    while (k >= 0) {
        if (s->e[k].type == PS_CONTENT)
            write_leaf(w, k);
        else
            write_elem(w, k, page_h);
        int next = -1;
        for (int c = s->e[k].first; c >= 0 && next < 0; c = s->e[c].next)
            if (w->keep[c])
                next = c;
        for (int up = k; next < 0 && up > 0; up = s->e[up].parent)
            for (int c = s->e[up].next; c >= 0 && next < 0; c = s->e[c].next)
                if (w->keep[c])
                    next = c;
        k = next;
    }
}

/* Cross-references from an element to another (a note reference → its
 * note), once both are written. */
static void write_refs(writer *w)
{
    for (size_t k = 1; k < w->s->n; k++) {
        int ref = w->s->e[k].ref;
        if (!w->keep[k] || ref <= 0 || !w->keep[ref])
            continue;
        qpdf_oh refs = qpdf_oh_new_array(w->q);
        qpdf_oh_append_item(w->q, refs, w->obj[ref]);
        qpdf_oh_replace_key(w->q, w->obj[k], "/Ref", refs);
    }
}

/* Whether the annotation covers the middle of the link's first rectangle
 * (cairo writes the annotations in the order of the link tags: this
 * checks it). */
static bool annotation_is(qpdf_data q, qpdf_oh annot, const struct plinkmark *l,
                          const double *page_h)
{
    qpdf_oh rect = qpdf_oh_get_key(q, annot, "/Rect");
    if (!qpdf_oh_is_array(q, rect) || qpdf_oh_get_array_n_items(q, rect) != 4)
        return false;
    double v[4];
    for (int i = 0; i < 4; i++)
        v[i] = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, rect, i));
    double x = l->x + l->w / 2, y = page_h[l->page] - (l->y + l->h / 2);
    return x >= fmin(v[0], v[2]) && x <= fmax(v[0], v[2]) && y >= fmin(v[1], v[3]) &&
           y <= fmax(v[1], v[3]);
}

/* The page's link annotations, in order, as recorded: each Link element
 * holds its annotations (/OBJR); each annotation names its parent-tree key. */
static bool link_annotations(writer *w, int n_pages, const double *page_h, qpdf_oh nums,
                             int *next_key)
{
    qpdf_data q = w->q;
    const pmarks *r = w->marks;
    size_t li = 0;
    for (int i = 0; i < n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        if (n)
            qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
        for (int a = 0; a < n; a++) {
            qpdf_oh annot = qpdf_oh_get_array_item(q, annots, a);
            qpdf_oh sub = qpdf_oh_get_key(q, annot, "/Subtype");
            if (!qpdf_oh_is_name_and_equals(q, sub, "/Link"))
                continue;
            if (li >= r->n_links || r->links[li].page != (size_t)i) {
                w->why = "a page has more link annotations than were painted";
                return false;
            }
            if (!annotation_is(q, annot, &r->links[li], page_h)) {
                w->why = "a link annotation is not where its link was painted";
                return false;
            }
            int elem = r->links[li++].elem;
            qpdf_oh_remove_key(q, annot, "/StructParent");
            if (elem <= 0 || !w->keep[elem])
                continue;
            qpdf_oh objr = qpdf_oh_new_dictionary(q);
            qpdf_oh_replace_key(q, objr, "/Type", qpdf_oh_new_name(q, "/OBJR"));
            qpdf_oh_replace_key(q, objr, "/Obj", annot);
            qpdf_oh_replace_key(q, objr, "/Pg", page);
            qpdf_oh_append_item(q, w->kids[elem], objr);
            qpdf_oh_replace_key(q, annot, "/StructParent", qpdf_oh_new_integer(q, *next_key));
            qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, (*next_key)++));
            qpdf_oh_append_item(q, nums, w->obj[elem]);
        }
    }
    if (li != r->n_links) {
        w->why = "a link painted is missing from its page's annotations";
        return false;
    }
    return true;
}

/* No /K at all rather than an empty one (an empty cell). */
static void drop_empty_kids(writer *w)
{
    for (size_t k = 0; k < w->s->n; k++)
        if (w->keep[k] && w->s->e[k].type != PS_CONTENT &&
            qpdf_oh_get_array_n_items(w->q, w->kids[k]) == 0)
            qpdf_oh_remove_key(w->q, w->obj[k], "/K");
}

/* Each page's marked content → its parent elements, by MCID. */
static void page_parents(writer *w, int n_pages, qpdf_oh nums)
{
    qpdf_data q = w->q;
    qpdf_oh *arrays = calloc((size_t)n_pages, sizeof *arrays);
    if (!arrays)
        abort();
    for (size_t m = 0; m < w->marks->n; m++) {
        const pmark *mk = &w->marks->m[m];
        if (mk->kind != PM_CONTENT)
            continue;
        if (!arrays[mk->page])
            arrays[mk->page] = qpdf_oh_new_array(q);
        /* marks come in MCID order on each page: the array grows by one */
        qpdf_oh_append_item(q, arrays[mk->page], w->obj[w->s->e[mk->elem].parent]);
    }
    for (int i = 0; i < n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        if (!arrays[i]) {
            qpdf_oh_remove_key(q, page, "/StructParents");
            continue;
        }
        qpdf_oh_replace_key(q, page, "/StructParents", qpdf_oh_new_integer(q, i));
        qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, i));
        qpdf_oh_append_item(q, nums, qpdf_make_indirect_object(q, arrays[i]));
    }
    free(arrays);
}

bool pdf_structure_write(qpdf_data q, const pstruct *s, const pmarks *marks, const double *page_h,
                         const char **why)
{
    writer w = {.q = q, .s = s, .marks = marks};
    size_t n = s->n ? s->n : 1;
    w.leaf_mcid = malloc(n * sizeof *w.leaf_mcid);
    w.leaf_mark = calloc(n, sizeof *w.leaf_mark);
    w.keep = calloc(n, sizeof *w.keep);
    w.obj = calloc(n, sizeof *w.obj);
    w.kids = calloc(n, sizeof *w.kids);
    bool *has_annot = calloc(n, sizeof *has_annot);
    if (!w.leaf_mcid || !w.leaf_mark || !w.keep || !w.obj || !w.kids || !has_annot)
        abort();
    for (size_t k = 0; k < n; k++)
        w.leaf_mcid[k] = -1;
    for (size_t i = 0; i < marks->n_links; i++)
        if (marks->links[i].elem > 0)
            has_annot[marks->links[i].elem] = true;
    int n_pages = qpdf_get_num_pages(q);
    bool ok = n_pages >= 0 && s->n > 0 && rewrite_pages(&w, n_pages);
    if (ok && w.mark != marks->n) {
        w.why = "pieces were painted on no page";
        ok = false;
    }
    if (ok) {
        mark_kept(&w, has_annot);
        write_tree(&w, page_h);
        write_refs(&w);
        qpdf_oh nums = qpdf_oh_new_array(q);
        page_parents(&w, n_pages, nums);
        int next_key = n_pages;
        ok = link_annotations(&w, n_pages, page_h, nums, &next_key);
        drop_empty_kids(&w);
        qpdf_oh parents = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, parents, "/Nums", nums);
        qpdf_oh root = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
        qpdf_oh_replace_key(q, root, "/Type", qpdf_oh_new_name(q, "/StructTreeRoot"));
        qpdf_oh_replace_key(q, root, "/K", w.obj[0]);
        qpdf_oh_replace_key(q, root, "/ParentTree", qpdf_make_indirect_object(q, parents));
        qpdf_oh_replace_key(q, root, "/ParentTreeNextKey", qpdf_oh_new_integer(q, next_key));
        qpdf_oh_replace_key(q, w.obj[0], "/P", root);
        qpdf_oh_replace_key(q, qpdf_get_root(q), "/StructTreeRoot", root);
    }
    *why = w.why;
    free(w.leaf_mcid);
    free(w.leaf_mark);
    free(w.keep);
    free(w.obj);
    free(w.kids);
    free(has_annot);
    return ok;
}
