#include "chunks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objfile.h"
#include "pobj.h"
#include "util/oom.h"

/* A destination of the merged name tree: its name's bytes (the sort
 * key) and its entry as written ("(name) [12 0 R /XYZ …]"). */
typedef struct dest_entry {
    char *key;
    size_t key_len;
    char *text;
} dest_entry;

typedef struct merger {
    pobjout w;
    pobjfile f;          /* the part being read */
    unsigned char *drop; /* of its objects: those left out */
    size_t base;         /* added to its object numbers */
    size_t first_page;   /* its first page in the document */
    size_t pages_obj, dests_obj, labels_obj; /* the merged trees' objects */
    buf kids;            /* the page tree's /Kids */
    size_t n_pages;
    buf labels;          /* the page labels' /Nums */
    dest_entry *dests;
    size_t n_dests, cap_dests;
    const char *why;
} merger;

static bool fail(merger *m, const char *why)
{
    if (!m->why)
        m->why = why;
    return false;
}

/* o written as pobj_write does, its references renumbered. */
static void put(const pobj *o, size_t base, buf *b)
{
    if (o->kind == POBJ_REF) {
        buf_printf(b, "%zu 0 R", o->ref + base);
        return;
    }
    if (o->kind != POBJ_ARRAY && o->kind != POBJ_DICT) {
        buf_append(b, o->text, o->len);
        return;
    }
    buf_puts(b, o->kind == POBJ_ARRAY ? "[ " : "<< ");
    for (size_t i = 0; i < o->n; i++) {
        if (i)
            buf_putc(b, ' ');
        put(&o->kids[i], base, b);
    }
    buf_puts(b, o->n == 0 ? "" : " ");
    buf_puts(b, o->kind == POBJ_ARRAY ? "]" : ">>");
}

/* The items of dict renumbered, but for the keys in skip (NULL-ended),
 * each followed by a space. */
static void put_items_but(const pobj *dict, size_t base, buf *b, const char *const *skip)
{
    for (size_t i = 0; i + 1 < dict->n; i += 2) {
        bool skipped = false;
        for (const char *const *k = skip; *k && !skipped; k++)
            skipped = pobj_is_name(&dict->kids[i], *k);
        if (skipped)
            continue;
        put(&dict->kids[i], base, b);
        buf_putc(b, ' ');
        put(&dict->kids[i + 1], base, b);
        buf_putc(b, ' ');
    }
}

/* Object num of the part, a dictionary. */
static bool read_dict(merger *m, size_t num, pobj *v)
{
    const char *data;
    size_t len;
    if (!pobjfile_read(&m->f, num, v, &data, &len))
        return fail(m, "an object cairo wrote cannot be read");
    if (v->kind != POBJ_DICT) {
        pobj_free(v);
        return fail(m, "an object cairo wrote is not the dictionary expected");
    }
    return true;
}

static void drop(merger *m, const pobj *ref)
{
    if (ref && ref->kind == POBJ_REF && ref->ref < m->f.n)
        m->drop[ref->ref] = 1;
}

/* The part's pages, appended to the merged tree's kids. */
static bool collect_pages(merger *m, const pobj *ref)
{
    pobj node;
    if (!ref || ref->kind != POBJ_REF || !read_dict(m, ref->ref, &node))
        return fail(m, "a part has no page tree");
    drop(m, ref);
    const pobj *kids = pobj_get(&node, "/Kids");
    bool ok = kids && kids->kind == POBJ_ARRAY;
    for (size_t i = 0; ok && i < kids->n; i++) {
        ok = kids->kids[i].kind == POBJ_REF && kids->kids[i].ref < m->f.n;
        if (ok) {
            buf_printf(&m->kids, "%zu 0 R ", kids->kids[i].ref + m->base);
            m->n_pages++;
        }
    }
    pobj_free(&node);
    return ok || fail(m, "a part's page tree is not what cairo writes (one level)");
}

/* The part's page labels, numbered on from the pages before. */
static bool collect_labels(merger *m, const pobj *labels)
{
    pobj tree;
    if (!labels)
        return true;
    if (labels->kind != POBJ_REF || !read_dict(m, labels->ref, &tree))
        return fail(m, "a part's page labels are not what cairo writes");
    drop(m, labels);
    const pobj *nums = pobj_get(&tree, "/Nums");
    bool ok = nums && nums->kind == POBJ_ARRAY && nums->n % 2 == 0 && !pobj_get(&tree, "/Kids");
    for (size_t i = 0; ok && i < nums->n; i += 2) {
        long long page;
        ok = pobj_int(&nums->kids[i], &page) && page >= 0;
        if (ok) {
            buf_printf(&m->labels, "%llu ", (unsigned long long)page + m->first_page);
            put(&nums->kids[i + 1], m->base, &m->labels);
            buf_putc(&m->labels, ' ');
        }
    }
    pobj_free(&tree);
    return ok || fail(m, "a part's page labels are not what cairo writes");
}

static void add_dest(merger *m, const pobj *name, const pobj *value)
{
    m->dests = oom_grow(m->dests, &m->cap_dests, m->n_dests + 1, sizeof *m->dests, 64);
    dest_entry *e = &m->dests[m->n_dests++];
    e->key = pobj_string_bytes(name, &e->key_len);
    buf b = {0};
    put(name, 0, &b);
    buf_putc(&b, ' ');
    put(value, m->base, &b);
    e->text = buf_detach(&b);
}

/* The part's named destinations (cairo's /Names /Dests: one node). */
static bool collect_dests(merger *m, const pobj *names)
{
    pobj dict, tree;
    if (!names)
        return true;
    if (names->kind != POBJ_REF || !read_dict(m, names->ref, &dict))
        return fail(m, "a part's names are not what cairo writes");
    drop(m, names);
    const pobj *dests = pobj_get(&dict, "/Dests");
    bool ok = !dests || (dests->kind == POBJ_REF && read_dict(m, dests->ref, &tree));
    if (ok && dests) {
        drop(m, dests);
        const pobj *list = pobj_get(&tree, "/Names");
        ok = list && list->kind == POBJ_ARRAY && list->n % 2 == 0 && !pobj_get(&tree, "/Kids");
        for (size_t i = 0; ok && i < list->n; i += 2) {
            ok = list->kids[i].kind == POBJ_STRING;
            if (ok)
                add_dest(m, &list->kids[i], &list->kids[i + 1]);
        }
        pobj_free(&tree);
    }
    pobj_free(&dict);
    return ok || fail(m, "a part's names are not what cairo writes");
}

/* Object num of the part, renumbered (a page under the merged tree). */
static bool copy_object(merger *m, size_t num)
{
    pobj v;
    const char *data;
    size_t len;
    if (!pobjfile_read(&m->f, num, &v, &data, &len))
        return fail(m, "an object cairo wrote cannot be read");
    pobjout *w = &m->w;
    pobjout_open(w, num + m->base);
    if (v.kind == POBJ_DICT && pobj_is_name(pobj_get(&v, "/Type"), "/Page")) {
        static const char *const parent[] = {"/Parent", NULL};
        buf_puts(&w->out, "<< ");
        put_items_but(&v, m->base, &w->out, parent);
        buf_printf(&w->out, "/Parent %zu 0 R >>", m->pages_obj);
    } else {
        put(&v, m->base, &w->out);
    }
    if (data) {
        buf_puts(&w->out, "\nstream\n");
        pobjout_data(w, data, len);
        buf_puts(&w->out, "\nendstream");
    }
    pobjout_close(w);
    pobj_free(&v);
    return true;
}

/* The last part's catalog (it holds the outline), over the merged trees. */
static void write_catalog(merger *m, const pobj *catalog)
{
    static const char *const replaced[] = {"/Pages", "/StructTreeRoot", "/PageLabels", "/Names",
                                           NULL};
    pobjout *w = &m->w;
    pobjout_open(w, m->f.root + m->base);
    buf_puts(&w->out, "<< ");
    put_items_but(catalog, m->base, &w->out, replaced);
    buf_printf(&w->out, "/Pages %zu 0 R /PageLabels %zu 0 R", m->pages_obj, m->labels_obj);
    if (m->n_dests)
        buf_printf(&w->out, " /Names << /Dests %zu 0 R >>", m->dests_obj);
    buf_puts(&w->out, " >>");
    pobjout_close(w);
}

static bool merge_part(merger *m, int fd, bool last, size_t *catalog_obj)
{
    if (!pobjfile_map(&m->f, fd))
        return fail(m, "a part cairo wrote is not of the form expected");
    size_t n = m->f.n;
    m->drop = calloc(n, 1);
    if (!m->drop)
        abort();
    pobj catalog;
    bool read = read_dict(m, m->f.root, &catalog), ok = read;
    if (ok) {
        m->drop[m->f.root] = 1;
        if (m->f.info)
            m->drop[m->f.info] = 1;
        pobjfile_mark_structure(&m->f, pobj_get(&catalog, "/StructTreeRoot"), m->drop, 1);
        const pobj *outline = pobj_get(&catalog, "/Outlines");
        if (!last && outline) /* (painted with the last part) */
            drop(m, outline);
        ok = collect_pages(m, pobj_get(&catalog, "/Pages")) &&
             collect_labels(m, pobj_get(&catalog, "/PageLabels")) &&
             collect_dests(m, pobj_get(&catalog, "/Names"));
    }
    for (size_t num = 1; ok && num < n; num++) {
        if (num % 4096 == 0) /* a part's file is never resident whole */
            pobjfile_forget(&m->f);
        if (m->f.offset[num] && !m->drop[num] && !pobjfile_is_struct_elem(&m->f, num))
            ok = copy_object(m, num);
    }
    if (ok && last) {
        write_catalog(m, &catalog);
        *catalog_obj = m->f.root + m->base;
    }
    if (read)
        pobj_free(&catalog);
    free(m->drop);
    m->drop = NULL;
    pobjfile_free(&m->f);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    const dest_entry *x = a, *y = b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = n ? memcmp(x->key, y->key, n) : 0;
    return c ? c : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* The merged page tree, name tree and page labels. */
static void write_trees(merger *m)
{
    pobjout *w = &m->w;
    pobjout_open(w, m->pages_obj);
    buf_puts(&w->out, "<< /Type /Pages /Kids [ ");
    pobjout_data(w, m->kids.data, m->kids.len);
    buf_printf(&w->out, "] /Count %zu >>", m->n_pages);
    pobjout_close(w);
    pobjout_open(w, m->labels_obj);
    buf_puts(&w->out, "<< /Nums [ ");
    pobjout_data(w, m->labels.data, m->labels.len);
    buf_puts(&w->out, "] >>");
    pobjout_close(w);
    if (!m->n_dests)
        return;
    qsort(m->dests, m->n_dests, sizeof *m->dests, by_name);
    pobjout_open(w, m->dests_obj);
    buf_puts(&w->out, "<< /Names [");
    for (size_t i = 0; i < m->n_dests; i++) {
        buf_printf(&w->out, "\n%s", m->dests[i].text);
        pobjout_drain(w);
    }
    buf_puts(&w->out, " ] >>");
    pobjout_close(w);
}

bool pdf_chunks_merge(const int *in, size_t n, int out, const char **why)
{
    merger m = {0};
    /* the numbers: each part's after those of the parts before */
    size_t *size = calloc(n ? n : 1, sizeof *size);
    size_t total = 1;
    char minor = '5';
    if (!size)
        abort();
    for (size_t k = 0; k < n && !m.why; k++) {
        if (!pobjfile_map(&m.f, in[k]))
            fail(&m, "a part cairo wrote is not of the form expected");
        else if (k == 0 && m.f.len > 8 && !memcmp(m.f.data, "%PDF-1.", 7))
            minor = m.f.data[7];
        size[k] = m.f.n;
        total += m.f.n;
        pobjfile_free(&m.f);
    }
    if (m.why) {
        free(size);
        *why = m.why;
        return false;
    }
    pobjout_start(&m.w, out, total);
    m.pages_obj = pobjout_number(&m.w);
    m.labels_obj = pobjout_number(&m.w);
    m.dests_obj = pobjout_number(&m.w);
    buf_printf(&m.w.out, "%%PDF-1.%c\n%%\xb5\xed\xae\xfb\n", minor);
    size_t catalog = 0, base = 1;
    bool ok = true;
    for (size_t k = 0; ok && k < n; k++) {
        m.base = base;
        m.first_page = m.n_pages;
        ok = merge_part(&m, in[k], k + 1 == n, &catalog);
        base += size[k];
    }
    free(size);
    if (ok)
        write_trees(&m);
    if (ok && !pobjout_finish(&m.w, catalog, 0))
        ok = fail(&m, strerror(errno));
    if (!ok)
        pobjout_free(&m.w);
    for (size_t i = 0; i < m.n_dests; i++) {
        free(m.dests[i].key);
        free(m.dests[i].text);
    }
    free(m.dests);
    buf_free(&m.kids);
    buf_free(&m.labels);
    *why = m.why;
    return ok;
}
