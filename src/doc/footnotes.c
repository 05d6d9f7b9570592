#include "footnotes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

/* The definitions sorted by label, then source order: a reference finds
 * its note by binary search, and the first of duplicates wins. */
typedef struct entry {
    const char *label; /* as defined (duplicates leave the tree) */
    size_t order;
    fnode *def;
    bool duplicate;
} entry;

typedef struct notes {
    entry *by_label;
    size_t n;
} notes;

static int compare_label(const char *label, size_t len, const char *other)
{
    int c = strncmp(label, other, len);
    return c ? c : (other[len] ? -1 : 0);
}

static int by_label(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static fnode *find_def(const notes *ns, const char *label, size_t len)
{
    size_t lo = 0, hi = ns->n;
    while (lo < hi) { /* the first entry not below label */
        size_t mid = (lo + hi) / 2;
        if (compare_label(label, len, ns->by_label[mid].label) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ns->n && compare_label(label, len, ns->by_label[lo].label) == 0
               ? ns->by_label[lo].def
               : NULL;
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

/* How far a note's "]" is looked for: an inline note is a sentence or
 * two; the bound keeps a paragraph of unclosed "^[" linear. */
enum { NOTE_MAX_BYTES = 8192, NOTE_MAX_NODES = 128 };

/* The "]" closing a note's "^[" in text s from its byte at, brackets
 * nested in between counted in *depth and bytes read in *budget: its
 * offset, or -1 when s holds none. */
static long closing_bracket(const char *s, size_t at, int *depth, long *budget)
{
    for (size_t j = at; s[j] && --*budget > 0; j++) {
        if (s[j] == '[')
            ++*depth;
        else if (s[j] == ']' && (*depth)-- == 0)
            return (long)j;
    }
    return -1;
}

static fnode *note_text(folio_doc *doc, const fnode *from, const char *s, size_t len)
{
    fnode *t = fnode_new(doc->arena, FN_TEXT, from->line);
    t->file = from->file;
    t->as.literal = arena_strndup(doc->arena, s, len);
    return t;
}

/* Where the note opened at byte i of text node t closes: the node (t or
 * a later sibling) and the offset of its "]", or NULL. */
static fnode *note_end(fnode *t, size_t i, long *j)
{
    int depth = 0, nodes = NOTE_MAX_NODES;
    long budget = NOTE_MAX_BYTES;
    fnode *end = t;
    *j = closing_bracket(t->as.literal, i + 2, &depth, &budget);
    while (*j < 0 && budget > 0 && --nodes > 0 && (end = end->next))
        if (end->type == FN_TEXT)
            *j = closing_bracket(end->as.literal, 0, &depth, &budget);
    return *j < 0 ? NULL : end;
}

/* Whether the "^" at s opens a superscript, as finish.c reads one (no
 * space inside, closed by a "^"): pandoc reads x^[un]y^ so, not as a note. */
static bool superscript_at(const char *s)
{
    size_t n = strcspn(s + 1, "^ \t\n");
    return n > 0 && s[1 + n] == '^';
}

/* Pandoc's inline note, ^[text] (Quarto's too), in text node t: its words
 * (with their emphasis, links, code, over several lines) become a note of
 * their own, and the ^[…] a text node "[^label]" that scan_text resolves
 * in reading order with the others. The label is one no author wrote
 * (*last counts them). An unclosed "^[" stays text, as in pandoc.
 * Returns the node to continue the walk from. */
static fnode *inline_note(folio_doc *doc, fnode *t, int *last)
{
    const char *s = t->as.literal, *open = s;
    fnode *end = NULL;
    long j = -1;
    while ((open = strstr(open, "^[")) &&
           (superscript_at(open) || !(end = note_end(t, (size_t)(open - s), &j))))
        open += 2;
    if (!end)
        return t;
    size_t i = (size_t)(open - s);
    fnode *def = fnode_new(doc->arena, FN_FOOTNOTE_DEF, t->line);
    fnode *para = fnode_new(doc->arena, FN_PARAGRAPH, t->line);
    def->file = para->file = t->file;
    def->as.footnote.label = arena_printf(doc->arena, "folio-inline-%d", ++*last);
    fnode_append(def, para);
    fnode_append(doc->root, def);
    if (end == t) {
        if ((size_t)j > i + 2)
            fnode_append(para, note_text(doc, t, s + i + 2, (size_t)j - i - 2));
        if (s[j + 1]) { /* the words after it, not copied: a paragraph of notes stays linear */
            fnode *rest = note_text(doc, t, "", 0);
            rest->as.literal = s + j + 1;
            fnode_insert_after(t, rest);
        }
    } else {
        if (s[i + 2])
            fnode_append(para, note_text(doc, t, s + i + 2, strlen(s + i + 2)));
        for (fnode *c = t->next, *next; c != end; c = next) {
            next = c->next;
            fnode_unlink(c);
            fnode_append(para, c);
        }
        if (j > 0)
            fnode_append(para, note_text(doc, end, end->as.literal, (size_t)j));
        end->as.literal += j + 1;
    }
    /* t keeps the words before the note, a node of its own the reference */
    fnode *ref = t;
    if (i > 0) {
        t->as.literal = arena_strndup(doc->arena, s, i);
        ref = note_text(doc, t, "", 0);
        fnode_insert_after(t, ref);
    }
    ref->as.literal = arena_printf(doc->arena, "[^%s]", def->as.footnote.label);
    return ref; /* the walk goes on with the words after it */
}

/* Every inline note of the document, numbered above any "folio-inline-N"
 * label already there (a compilation's chapters are resolved one by one). */
static void inline_notes(folio_doc *doc)
{
    static const char prefix[] = "folio-inline-";
    int last = 0;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_FOOTNOTE_DEF && n->as.footnote.label &&
            strncmp(n->as.footnote.label, prefix, sizeof prefix - 1) == 0) {
            int k = atoi(n->as.footnote.label + sizeof prefix - 1);
            last = k > last ? k : last;
        }
    }
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_TEXT)
            n = inline_note(doc, n, &last);
    }
}

static int by_number(const void *a, const void *b)
{
    const fnode *x = ((const entry *)a)->def, *y = ((const entry *)b)->def;
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
    inline_notes(doc);
    notes ns = {0};
    size_t cap = 0;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_FOOTNOTE_DEF)
            continue;
        if (ns.n == cap) {
            cap = cap ? cap * 2 : 16;
            entry *e = realloc(ns.by_label, cap * sizeof *e);
            if (!e) {
                free(ns.by_label);
                return;
            }
            ns.by_label = e;
        }
        ns.by_label[ns.n] = (entry){n->as.footnote.label, ns.n, n, false};
        ns.n++;
    }
    if (ns.n)
        qsort(ns.by_label, ns.n, sizeof *ns.by_label, by_label);
    for (size_t i = 1; i < ns.n; i++) {
        if (strcmp(ns.by_label[i].label, ns.by_label[i - 1].label) != 0)
            continue;
        fnode *dup = ns.by_label[i].def;
        fdiag_warn(d, doc->files[dup->file], dup->line, 0,
                   "footnote [^%s] is defined twice; the first definition is used",
                   ns.by_label[i].label);
        ns.by_label[i].duplicate = true;
    }
    int count = 0;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_TEXT)
            n = scan_text(doc, n, &ns, &count, d);
    }
    doc->footnotes = count;
    /* Notes go to the end in reference order; the unreferenced ones after
     * them (number 0), which both outputs print there as they are; a
     * second definition is left out, as said. */
    if (ns.n)
        qsort(ns.by_label, ns.n, sizeof *ns.by_label, by_number);
    for (size_t i = 0; i < ns.n; i++) {
        fnode *def = ns.by_label[i].def;
        fnode_unlink(def);
        if (ns.by_label[i].duplicate)
            continue;
        if (def->as.footnote.number == 0)
            fdiag_warn(d, doc->files[def->file], def->line, 0,
                       "footnote [^%s] is never referenced; printed at the end", def->as.footnote.label);
        fnode_append(doc->root, def);
    }
    free(ns.by_label);
}
