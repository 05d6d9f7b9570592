#include "tagging.h"
#include "util/oom.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[PS_COUNT] = {
    [PS_CONTENT] = "Span",  [PS_DOCUMENT] = "Document", [PS_PART] = "Part",
    [PS_ART] = "Art",       [PS_DIV] = "Div",           [PS_BLOCKQUOTE] = "BlockQuote",
    [PS_TOC] = "TOC",       [PS_TOCI] = "TOCI",         [PS_H1] = "H1",
    [PS_H2] = "H2",         [PS_H3] = "H3",             [PS_H4] = "H4",
    [PS_H5] = "H5",         [PS_H6] = "H6",             [PS_P] = "P",
    [PS_L] = "L",           [PS_LI] = "LI",             [PS_LBL] = "Lbl",
    [PS_LBODY] = "LBody",   [PS_TABLE] = "Table",       [PS_TR] = "TR",
    [PS_TH] = "TH",         [PS_TD] = "TD",             [PS_FIGURE] = "Figure",
    [PS_CAPTION] = "Caption", [PS_FORMULA] = "Formula", [PS_NOTE] = "Note",
    [PS_LINK] = "Link",     [PS_CODE] = "Code",           [PS_SPAN] = "Span",
};

const char *pstype_name(pstype t)
{
    return t < PS_COUNT ? names[t] : "Span";
}

const char *pstype_mark_name(pstype elem)
{
    return elem == PS_LINK || elem == PS_CONTENT ? "Span" : pstype_name(elem);
}

static int new_elem(pstruct *s, pstype t)
{
    if ((s->n + 1) * sizeof *s->e > s->store.size)
        s->e = spill_grow(&s->store, (s->n + 1) * sizeof *s->e);
    pselem *e = &s->e[s->n];
    *e = (pselem){.type = t, .parent = -1, .first = -1, .last = -1, .next = -1};
    return (int)s->n++;
}

void pstruct_init(pstruct *s)
{
    *s = (pstruct){0};
    new_elem(s, PS_DOCUMENT);
    s->more = oom_grow(NULL, &s->cap_more, 1, sizeof *s->more, 64);
    s->more[s->n_more++] = (pselem_more){0};
}

void pstruct_free(pstruct *s)
{
    spill_free(&s->store);
    free(s->more);
    free(s->link_elem);
    *s = (pstruct){0};
}

int pstruct_add(pstruct *s, int parent, pstype t)
{
    int k = new_elem(s, t);
    pselem *p = &s->e[parent];
    s->e[k].parent = parent;
    if (p->last >= 0)
        s->e[p->last].next = k;
    else
        p->first = k;
    p->last = k;
    return k;
}

int pstruct_add_after(pstruct *s, int after, pstype t)
{
    int k = new_elem(s, t);
    pselem *a = &s->e[after], *p = &s->e[a->parent];
    s->e[k].parent = a->parent;
    s->e[k].next = a->next;
    a->next = k;
    if (p->last == after)
        p->last = k;
    return k;
}

int pstruct_link(pstruct *s, int link_id, int parent)
{
    if (link_id <= 0)
        return 0;
    size_t had = s->n_link_elem;
    s->link_elem =
        oom_grow(s->link_elem, &s->n_link_elem, (size_t)link_id + 1, sizeof *s->link_elem, 64);
    memset(s->link_elem + had, 0, (s->n_link_elem - had) * sizeof *s->link_elem);
    if (!s->link_elem[link_id] && parent > 0)
        s->link_elem[link_id] = pstruct_add(s, parent, PS_LINK);
    return s->link_elem[link_id];
}

const pselem_more *pstruct_more(const pstruct *s, int k)
{
    return &s->more[s->e[k].more];
}

pselem_more *pstruct_more_set(pstruct *s, int k)
{
    if (!s->e[k].more) {
        s->more = oom_grow(s->more, &s->cap_more, s->n_more + 1, sizeof *s->more, 64);
        s->more[s->n_more] = (pselem_more){0};
        s->e[k].more = (int)s->n_more++;
    }
    return &s->more[s->e[k].more];
}

void pmarks_add(pmarks *r, pmark m, const pmark_rect *rect)
{
    m.rect = 0;
    if (rect) {
        if (!r->n_rects) { /* rects[0]: none */
            r->rects = oom_grow(r->rects, &r->cap_rects, 1, sizeof *r->rects, 64);
            r->rects[r->n_rects++] = (pmark_rect){0};
        }
        r->rects = oom_grow(r->rects, &r->cap_rects, r->n_rects + 1, sizeof *r->rects, 64);
        r->rects[r->n_rects] = *rect;
        m.rect = (int)r->n_rects++;
    }
    if ((r->n + 1) * sizeof *r->m > r->store.size)
        r->m = spill_grow(&r->store, (r->n + 1) * sizeof *r->m);
    r->m[r->n++] = m;
}

const pmark_rect *pmarks_rect(const pmarks *r, size_t i)
{
    return r->m[i].rect ? &r->rects[r->m[i].rect] : NULL;
}

void pmarks_add_link(pmarks *r, size_t page, int elem, double x, double y, double w, double h)
{
    r->links = oom_grow(r->links, &r->cap_links, r->n_links + 1, sizeof *r->links, 64);
    r->links[r->n_links++] = (struct plinkmark){page, elem, x, y, w, h};
}

void pmarks_free(pmarks *r)
{
    spill_free(&r->store);
    free(r->rects);
    free(r->links);
    *r = (pmarks){0};
}

void pstruct_forget(const pstruct *s)
{
    spill_forget(&s->store);
}

void pmarks_forget(const pmarks *r)
{
    spill_forget(&r->store);
}
