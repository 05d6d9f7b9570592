#include "footnotes.h"

#include <stdlib.h>
#include <string.h>

#include "tree.h"

typedef struct notes {
    fnode **defs;
    size_t n;
} notes;

static fnode *find_def(const notes *ns, const char *label, size_t len)
{
    for (size_t i = 0; i < ns->n; i++) {
        if (strlen(ns->defs[i]->as.footnote.label) == len &&
            strncmp(ns->defs[i]->as.footnote.label, label, len) == 0)
            return ns->defs[i];
    }
    return NULL;
}

/* Length of "[^label]" at s, 0 when s does not start one. */
static size_t ref_span(const char *s)
{
    if (s[0] != '[' || s[1] != '^')
        return 0;
    size_t i = 2;
    while (s[i] && s[i] != ']' && s[i] != '[' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
        i++;
    return s[i] == ']' && i > 2 ? i + 1 : 0;
}

static fnode *split_text(folio_doc *doc, fnode *t, size_t at)
{
    fnode *rest = fnode_new(doc->arena, FN_TEXT, t->line);
    if (!rest)
        return NULL;
    rest->file = t->file;
    rest->as.literal = t->as.literal + at;
    t->as.literal = arena_strndup(doc->arena, t->as.literal, at);
    fnode_insert_after(t, rest);
    return rest;
}

/* Finds the references in one text node; returns the node to continue the
 * walk from. */
static fnode *scan_text(folio_doc *doc, fnode *t, const notes *ns, int *count, fdiag *d)
{
    const char *s = t->as.literal;
    for (size_t i = 0; s[i]; i++) {
        size_t span = ref_span(s + i);
        if (!span)
            continue;
        fnode *def = find_def(ns, s + i + 2, span - 3);
        if (!def) {
            fdiag_warn(d, doc->files[t->file], t->line, 0,
                       "footnote %.*s has no definition; kept as text", (int)span, s + i);
            i += span - 1;
            continue;
        }
        fnode *ref = fnode_new(doc->arena, FN_FOOTNOTE_REF, t->line);
        if (!ref)
            return t;
        ref->file = t->file;
        if (def->as.footnote.number == 0)
            def->as.footnote.number = ++*count;
        ref->as.footnote.label = def->as.footnote.label;
        ref->as.footnote.number = def->as.footnote.number;
        ref->as.footnote.def = def;
        if (s[i + span])
            split_text(doc, t, i + span);
        if (i == 0) {
            fnode_insert_before(t, ref);
            fnode_unlink(t);
        } else {
            t->as.literal = arena_strndup(doc->arena, s, i);
            fnode_insert_after(t, ref);
        }
        return ref; /* the walk goes on with the text after it */
    }
    return t;
}

static int by_number(const void *a, const void *b)
{
    const fnode *x = *(fnode *const *)a, *y = *(fnode *const *)b;
    /* Unreferenced notes (0) last, in source order (stable via line). */
    int nx = x->as.footnote.number ? x->as.footnote.number : 1 << 30;
    int ny = y->as.footnote.number ? y->as.footnote.number : 1 << 30;
    if (nx != ny)
        return nx < ny ? -1 : 1;
    return (x->file != y->file) ? (x->file < y->file ? -1 : 1)
                                : (x->line > y->line) - (x->line < y->line);
}

void footnotes_resolve(folio_doc *doc, fdiag *d)
{
    notes ns = {0};
    size_t cap = 0;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_FOOTNOTE_DEF)
            continue;
        const char *label = n->as.footnote.label;
        if (find_def(&ns, label, strlen(label))) {
            fdiag_warn(d, doc->files[n->file], n->line, 0,
                       "footnote [^%s] is defined twice; the first definition is used", label);
            n->as.footnote.label = arena_printf(doc->arena, "%s (duplicate)", label);
        }
        if (ns.n == cap) {
            cap = cap ? cap * 2 : 16;
            fnode **defs = realloc(ns.defs, cap * sizeof *defs);
            if (!defs) {
                free(ns.defs);
                return;
            }
            ns.defs = defs;
        }
        ns.defs[ns.n++] = n;
    }
    int count = 0;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_TEXT)
            n = scan_text(doc, n, &ns, &count, d);
    }
    doc->footnotes = count;
    if (ns.n)
        qsort(ns.defs, ns.n, sizeof *ns.defs, by_number);
    for (size_t i = 0; i < ns.n; i++) {
        fnode *def = ns.defs[i];
        if (def->as.footnote.number == 0)
            fdiag_warn(d, doc->files[def->file], def->line, 0,
                       "footnote [^%s] is never referenced; printed at the end", def->as.footnote.label);
        fnode_unlink(def);
        fnode_append(doc->root, def);
    }
    free(ns.defs);
}
