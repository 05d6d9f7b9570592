#include "structure.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "marked.h"
#include "objfile.h"

struct pdf_structure {
    const pstruct *s;
    const pmarks *marks;
    const double *page_h; /* each page's height in points */
    size_t n_pages;
    int *leaf_mcid;    /* leaf → its MCID on its page; -1: not painted */
    size_t *leaf_mark; /* leaf → its mark */
    bool *keep;        /* element → written (it holds something painted) */
    /* the link annotations of kept Link elements, by parent-tree key
     * (n_pages + i): the element and the page of each */
    int *key_elem;
    size_t *key_page;
    size_t n_keys;
    int *first_key; /* element → its first annotation's index; -1: none */
    int *next_key;  /* annotation index → the element's next one; -1: none */
};

/* The rewriting of the pages' marked content. */
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
        ps->leaf_mcid[m->elem] = w->next_mcid;
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

/* The page's new content, compressed here: qpdf holds every page's until
 * it writes the file. */
static bool replace_content(qpdf_data q, qpdf_oh page, const buf *content)
{
    uLongf len = compressBound(content->len);
    unsigned char *z = malloc(len);
    if (!z)
        abort();
    if (compress2(z, &len, (const Bytef *)content->data, content->len, Z_DEFAULT_COMPRESSION) !=
        Z_OK) {
        free(z);
        return false;
    }
    qpdf_oh stream = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, stream, z, len, qpdf_oh_new_name(q, "/FlateDecode"),
                                qpdf_oh_new_null(q));
    free(z);
    qpdf_oh_replace_key(q, page, "/Contents", stream);
    return true;
}

/* Every page's marked content, rewritten into a new content stream. */
static bool rewrite_pages(qpdf_data q, rewriter *w)
{
    pdf_structure *ps = w->ps;
    for (size_t i = 0; i < ps->n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, i);
        unsigned char *data = NULL;
        size_t len = 0;
        if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS) {
            w->why = "a page's content cannot be read";
            return false;
        }
        w->page = i;
        w->next_mcid = 0;
        buf out = {0};
        bool ok = pdf_marked_rewrite((const char *)data, len, on_tag, w, &out);
        free(data);
        if (ok && w->mark < ps->marks->n && ps->marks->m[w->mark].page == i) {
            w->why = "a piece painted on a page is not tagged in its content";
            ok = false;
        }
        if (ok && !replace_content(q, page, &out))
            w->why = "a page's content cannot be compressed", ok = false;
        buf_free(&out);
        if (!ok) {
            if (!w->why)
                w->why = "a page's marked content cannot be read";
            return false;
        }
        /* every page has its parent-tree entry, empty or not */
        qpdf_oh_replace_key(q, page, "/StructParents", qpdf_oh_new_integer(q, (long long)i));
    }
    return true;
}

/* An element is written when it holds a painted leaf or an annotation (a
 * cell always, so that rows keep their columns). Parents precede their
 * children in s, so one backward pass carries it up. */
static void mark_kept(pdf_structure *ps, const bool *has_annot)
{
    const pstruct *s = ps->s;
    for (size_t k = s->n; k-- > 1;) {
        const pselem *e = &s->e[k];
        if (e->type == PS_CONTENT ? ps->leaf_mcid[k] >= 0
                                  : has_annot[k] || e->type == PS_TD || e->type == PS_TH)
            ps->keep[k] = true;
        if (ps->keep[k])
            ps->keep[e->parent] = true;
    }
    ps->keep[0] = true;
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

/* The pages' link annotations, in order, as recorded: each one of a kept
 * Link element gets the next parent-tree key. */
static bool key_annotations(qpdf_data q, pdf_structure *ps, const char **why)
{
    const pmarks *r = ps->marks;
    size_t li = 0;
    for (size_t i = 0; i < ps->n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(q, i);
        qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        if (n)
            qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
        for (int a = 0; a < n; a++) {
            qpdf_oh annot = qpdf_oh_get_array_item(q, annots, a);
            qpdf_oh sub = qpdf_oh_get_key(q, annot, "/Subtype");
            if (!qpdf_oh_is_name_and_equals(q, sub, "/Link"))
                continue;
            if (li >= r->n_links || r->links[li].page != i) {
                *why = "a page has more link annotations than were painted";
                return false;
            }
            if (!annotation_is(q, annot, &r->links[li], ps->page_h)) {
                *why = "a link annotation is not where its link was painted";
                return false;
            }
            int elem = r->links[li++].elem;
            qpdf_oh_remove_key(q, annot, "/StructParent");
            if (elem <= 0 || !ps->keep[elem])
                continue;
            qpdf_oh_replace_key(q, annot, "/StructParent",
                                qpdf_oh_new_integer(q, (long long)(ps->n_pages + ps->n_keys)));
            ps->key_elem[ps->n_keys] = elem;
            ps->key_page[ps->n_keys++] = i;
        }
    }
    if (li != r->n_links) {
        *why = "a link painted is missing from its page's annotations";
        return false;
    }
    for (size_t j = ps->n_keys; j-- > 0;) {
        ps->next_key[j] = ps->first_key[ps->key_elem[j]];
        ps->first_key[ps->key_elem[j]] = (int)j;
    }
    return true;
}

void pdf_structure_free(pdf_structure *ps)
{
    if (!ps)
        return;
    free(ps->leaf_mcid);
    free(ps->leaf_mark);
    free(ps->keep);
    free(ps->key_elem);
    free(ps->key_page);
    free(ps->first_key);
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

pdf_structure *pdf_structure_prepare(qpdf_data q, const pstruct *s, const pmarks *marks,
                                     const double *page_h, const char **why)
{
    int n_pages = qpdf_get_num_pages(q);
    if (n_pages < 0 || s->n == 0) {
        *why = "the PDF has no pages or the document no structure";
        return NULL;
    }
    pdf_structure *ps = zalloc(1, sizeof *ps);
    *ps = (pdf_structure){.s = s, .marks = marks, .page_h = page_h, .n_pages = (size_t)n_pages};
    size_t n = s->n;
    ps->leaf_mcid = zalloc(n, sizeof *ps->leaf_mcid);
    ps->leaf_mark = zalloc(n, sizeof *ps->leaf_mark);
    ps->keep = zalloc(n, sizeof *ps->keep);
    ps->first_key = zalloc(n, sizeof *ps->first_key);
    ps->key_elem = zalloc(marks->n_links, sizeof *ps->key_elem);
    ps->key_page = zalloc(marks->n_links, sizeof *ps->key_page);
    ps->next_key = zalloc(marks->n_links, sizeof *ps->next_key);
    bool *has_annot = zalloc(n, sizeof *has_annot);
    for (size_t k = 0; k < n; k++)
        ps->leaf_mcid[k] = ps->first_key[k] = -1;
    for (size_t i = 0; i < marks->n_links; i++)
        if (marks->links[i].elem > 0)
            has_annot[marks->links[i].elem] = true;
    rewriter w = {.ps = ps};
    bool ok = rewrite_pages(q, &w);
    *why = w.why;
    if (ok && w.mark != marks->n) {
        *why = "pieces were painted on no page";
        ok = false;
    }
    if (ok) {
        mark_kept(ps, has_annot);
        ok = key_annotations(q, ps, why);
    }
    free(has_annot);
    if (!ok) {
        pdf_structure_free(ps);
        return NULL;
    }
    /* a placeholder, where the tree is written in qpdf's output */
    qpdf_oh root = qpdf_make_indirect_object(q, qpdf_oh_parse(q, "<< /Type /StructTreeRoot >>"));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/StructTreeRoot", root);
    return ps;
}

/* The second step: object numbers of qpdf's output and of the tree. */
typedef struct appender {
    const pdf_structure *ps;
    pobjout w;
    size_t root;       /* the StructTreeRoot (the placeholder's number) */
    size_t *page_obj;  /* page → its object */
    size_t *annot_obj; /* parent-tree key - n_pages → its annotation */
    size_t *elem_obj;  /* kept element → its StructElem */
} appender;

/* The pages and the link annotations in f, by the parent-tree keys
 * pdf_structure_prepare gave them. */
static bool find_keyed(appender *a, const pobjfile *f, const char **why)
{
    const pdf_structure *ps = a->ps;
    size_t found = 0;
    char v[32];
    for (size_t i = 1; i < f->n; i++) {
        char *end;
        if (i % 4096 == 0)
            pobjfile_forget(f);
        if (pobjfile_key(f, i, "/StructParents", v, sizeof v)) {
            unsigned long long k = strtoull(v, &end, 10);
            if (*end || k >= ps->n_pages || a->page_obj[k])
                break;
            a->page_obj[k] = i;
            found++;
        } else if (pobjfile_key(f, i, "/StructParent", v, sizeof v)) {
            unsigned long long k = strtoull(v, &end, 10);
            if (*end || k < ps->n_pages || k - ps->n_pages >= ps->n_keys ||
                a->annot_obj[k - ps->n_pages])
                break;
            a->annot_obj[k - ps->n_pages] = i;
            found++;
        }
    }
    if (found != ps->n_pages + ps->n_keys) {
        *why = "the pages and links written are not those keyed";
        return false;
    }
    return true;
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
        if (s->e[c].type != PS_CONTENT || ps->leaf_mcid[c] < 0)
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
    buf_printf(&a->w.out, " /A << /O /Layout /Placement /Block /BBox [ %.2f %.2f %.2f %.2f ] >>",
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
    for (int c = s->e[k].first; c >= 0; c = s->e[c].next)
        if (s->e[c].type == PS_CONTENT && ps->leaf_mcid[c] >= 0)
            return (long)ps->marks->m[ps->leaf_mark[c]].page;
    return -1;
}

/* The StructElem of kept element k: its kids in reading order, a painted
 * leaf as its MCID (with its page when the element's /Pg is another),
 * then its annotations. */
static void write_elem(appender *a, int k)
{
    const pdf_structure *ps = a->ps;
    const pselem *e = &ps->s->e[k];
    buf *b = &a->w.out;
    pobjout_open(&a->w, a->elem_obj[k]);
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
    for (int c = e->first; c >= 0; c = ps->s->e[c].next) {
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
            buf_printf(b, "%d", ps->leaf_mcid[c]);
        else
            buf_printf(b, "<< /Type /MCR /Pg %zu 0 R /MCID %d >>", a->page_obj[page],
                       ps->leaf_mcid[c]);
    }
    for (int j = ps->first_key[k]; j >= 0; j = ps->next_key[j]) {
        buf_puts(b, any ? " " : " /K [ ");
        any = true;
        buf_printf(b, "<< /Type /OBJR /Obj %zu 0 R /Pg %zu 0 R >>", a->annot_obj[j],
                   a->page_obj[ps->key_page[j]]);
    }
    buf_puts(b, any ? " ] >>" : " >>");
    pobjout_close(&a->w);
}

/* Each page's marked content → its parent elements, by MCID (one array
 * object per page), then the ParentTree itself; returns its number. */
static size_t write_parent_tree(appender *a)
{
    const pdf_structure *ps = a->ps;
    buf *b = &a->w.out;
    size_t first_array = 0, m = 0;
    for (size_t i = 0; i < ps->n_pages; i++) {
        size_t num = pobjout_number(&a->w);
        if (i == 0)
            first_array = num;
        pobjout_open(&a->w, num);
        buf_puts(b, "[");
        /* marks come page by page, in MCID order on each */
        for (; m < ps->marks->n && ps->marks->m[m].page == i; m++) {
            const pmark *mk = &ps->marks->m[m];
            if (mk->kind == PM_CONTENT)
                buf_printf(b, " %zu 0 R", a->elem_obj[ps->s->e[mk->elem].parent]);
        }
        buf_puts(b, " ]");
        pobjout_close(&a->w);
    }
    size_t tree = pobjout_number(&a->w);
    pobjout_open(&a->w, tree);
    buf_puts(b, "<< /Nums [");
    for (size_t i = 0; i < ps->n_pages; i++)
        buf_printf(b, " %zu %zu 0 R", i, first_array + i);
    for (size_t j = 0; j < ps->n_keys; j++)
        buf_printf(b, " %zu %zu 0 R", ps->n_pages + j, a->elem_obj[ps->key_elem[j]]);
    buf_puts(b, " ] >>");
    pobjout_close(&a->w);
    return tree;
}

bool pdf_structure_append(const pdf_structure *ps, int pdf, int out, const char **why)
{
    pobjfile f;
    char v[32];
    appender a = {.ps = ps};
    bool ok = pobjfile_map(&f, pdf, false) &&
              pobjfile_key(&f, f.root, "/StructTreeRoot", v, sizeof v);
    if (ok) {
        a.root = strtoull(v, NULL, 10);
        ok = a.root > 0 && a.root < f.n && f.offset[a.root];
    }
    if (!ok) {
        *why = "the file qpdf wrote cannot be read back";
        pobjfile_free(&f);
        return false;
    }
    a.page_obj = zalloc(ps->n_pages, sizeof *a.page_obj);
    a.annot_obj = zalloc(ps->n_keys, sizeof *a.annot_obj);
    a.elem_obj = zalloc(ps->s->n, sizeof *a.elem_obj);
    ok = find_keyed(&a, &f, why);
    if (ok) {
        pobjout_begin(&a.w, &f, a.root, out);
        const pstruct *s = ps->s;
        for (size_t k = 0; k < s->n; k++)
            if (ps->keep[k] && s->e[k].type != PS_CONTENT)
                a.elem_obj[k] = pobjout_number(&a.w);
        for (size_t k = 0; k < s->n; k++)
            if (ps->keep[k] && s->e[k].type != PS_CONTENT)
                write_elem(&a, (int)k);
        size_t tree = write_parent_tree(&a);
        pobjout_open(&a.w, a.root);
        buf_printf(&a.w.out,
                   "<< /Type /StructTreeRoot /K %zu 0 R /ParentTree %zu 0 R "
                   "/ParentTreeNextKey %zu >>",
                   a.elem_obj[0], tree, ps->n_pages + ps->n_keys);
        pobjout_close(&a.w);
        if (!pobjout_finish(&a.w, f.root, f.info)) {
            *why = strerror(errno);
            ok = false;
        }
    }
    free(a.page_obj);
    free(a.annot_obj);
    free(a.elem_obj);
    pobjfile_free(&f);
    return ok;
}

void pdf_structure_unlink(int pdf)
{
    pobjfile f;
    char type[32];
    if (pobjfile_map(&f, pdf, true))
        for (size_t i = 1; i < f.n; i++) {
            if (i % 4096 == 0)
                pobjfile_forget(&f);
            if (pobjfile_key(&f, i, "/Type", type, sizeof type) && !strcmp(type, "/StructElem"))
                pobjfile_unlink(&f, i);
        }
    pobjfile_free(&f);
}
