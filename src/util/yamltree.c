#include "util/yamltree.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/arena.h"

struct ytree {
    arena *a;
    const ynode *root;
};

/* An open collection: its node and the children gathered so far. */
typedef struct level {
    ynode *node;
    const ynode **kids;
    size_t n, cap;
} level;

typedef struct loader {
    ytree *t;
    const char *file, *what;
    int first_line;
    fdiag *d;
    level stack[YTREE_MAX_DEPTH];
    int depth;
    size_t nodes;
    GHashTable *anchors; /* name → node */
} loader;

static int line_at(const loader *l, yaml_mark_t m) { return l->first_line + (int)m.line; }

static bool fail_at(loader *l, yaml_mark_t m, const char *problem)
{
    fdiag_error(l->d, l->file, line_at(l, m), (int)m.column + 1, "%s: %s", l->what, problem);
    return false;
}

static void report_parser_error(const loader *l, const yaml_parser_t *p, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR) {
        fdiag_error(l->d, l->file, l->first_line, 0, "%s: out of memory", l->what);
        return;
    }
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        fdiag_error(l->d, l->file, l->first_line, 0, "%s: %s", l->what, problem);
        return;
    }
    /* At the end of the text, what matters is where the unclosed thing began. */
    yaml_mark_t m = p->context && p->problem_mark.index >= len ? p->context_mark : p->problem_mark;
    fdiag_error(l->d, l->file, line_at(l, m), (int)m.column + 1, "%s: %s%s%s", l->what,
                p->context ? p->context : "", p->context ? " " : "", problem);
}

/* Hangs n under the innermost open collection, or makes it the root. */
static bool attach(loader *l, const ynode *n)
{
    if (l->depth == 0) {
        if (!l->t->root)
            l->t->root = n;
        return true;
    }
    level *lv = &l->stack[l->depth - 1];
    if (lv->n == lv->cap) {
        size_t cap = lv->cap ? lv->cap * 2 : 8;
        const ynode **kids = realloc(lv->kids, cap * sizeof *kids);
        if (!kids)
            return false;
        lv->kids = kids;
        lv->cap = cap;
    }
    lv->kids[lv->n++] = n;
    return true;
}

static bool add_anchor(loader *l, const yaml_char_t *anchor, const ynode *n)
{
    if (anchor)
        g_hash_table_insert(l->anchors, g_strdup((const char *)anchor), (gpointer)n);
    return true;
}

static ynode *new_node(loader *l, ykind kind, yaml_mark_t m)
{
    if (++l->nodes > YTREE_MAX_NODES) {
        char msg[64];
        snprintf(msg, sizeof msg, "too many YAML nodes (more than %d)", YTREE_MAX_NODES);
        fail_at(l, m, msg);
        return NULL;
    }
    ynode *n = arena_alloc(l->t->a, sizeof *n);
    n->kind = kind;
    n->line = line_at(l, m);
    n->col = (int)m.column + 1;
    return n;
}

static bool open_collection(loader *l, ykind kind, const yaml_event_t *e, const yaml_char_t *anchor)
{
    if (l->depth == YTREE_MAX_DEPTH) {
        char msg[64];
        snprintf(msg, sizeof msg, "nested deeper than %d levels", YTREE_MAX_DEPTH);
        return fail_at(l, e->start_mark, msg);
    }
    ynode *n = new_node(l, kind, e->start_mark);
    if (!n || !attach(l, n) || !add_anchor(l, anchor, n))
        return false;
    l->stack[l->depth++] = (level){n, NULL, 0, 0};
    return true;
}

static bool close_collection(loader *l)
{
    level *lv = &l->stack[--l->depth];
    ynode *n = lv->node;
    n->n = lv->n;
    n->kids = arena_alloc(l->t->a, (lv->n ? lv->n : 1) * sizeof *n->kids);
    if (n->kids && lv->n)
        memcpy(n->kids, lv->kids, lv->n * sizeof *n->kids);
    free(lv->kids);
    return n->kids != NULL;
}

/* One event; false stops the parse (after an error was reported). */
static bool on_event(loader *l, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT: {
        ynode *n = new_node(l, Y_SCALAR, e->start_mark);
        if (!n)
            return false;
        n->len = e->data.scalar.length;
        n->text = arena_strndup(l->t->a, (const char *)e->data.scalar.value, n->len);
        n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return n->text && attach(l, n) && add_anchor(l, e->data.scalar.anchor, n);
    }
    case YAML_SEQUENCE_START_EVENT:
        return open_collection(l, Y_SEQ, e, e->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return open_collection(l, Y_MAP, e, e->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(l);
    case YAML_ALIAS_EVENT: {
        /* Counted like a node: a flood of aliases costs like a flood of values. */
        if (!new_node(l, Y_SCALAR, e->start_mark))
            return false;
        const ynode *target = g_hash_table_lookup(l->anchors, e->data.alias.anchor);
        if (!target) {
            fdiag_error(l->d, l->file, line_at(l, e->start_mark), (int)e->start_mark.column + 1,
                        "%s: found undefined alias \"%s\"", l->what,
                        (const char *)e->data.alias.anchor);
            return false;
        }
        return attach(l, target);
    }
    default:
        return true;
    }
}

ytree *ytree_parse(const char *text, size_t len, const char *file, int first_line,
                   const char *what, fdiag *d)
{
    ytree *t = calloc(1, sizeof *t);
    loader l = {.t = t, .file = file, .what = what, .first_line = first_line, .d = d};
    yaml_parser_t p;
    if (!t || !(t->a = arena_new()) || !yaml_parser_initialize(&p)) {
        fdiag_error(d, file, first_line, 0, "%s: out of memory", what);
        ytree_free(t);
        return NULL;
    }
    l.anchors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool ok = true;
    for (bool done = false; ok && !done;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            report_parser_error(&l, &p, len);
            ok = false;
            break;
        }
        /* Only the first document: a style or variables file is one. */
        done = e.type == YAML_DOCUMENT_END_EVENT || e.type == YAML_STREAM_END_EVENT;
        ok = on_event(&l, &e);
        yaml_event_delete(&e);
    }
    while (l.depth > 0)
        free(l.stack[--l.depth].kids);
    g_hash_table_destroy(l.anchors);
    yaml_parser_delete(&p);
    if (!ok) {
        ytree_free(t);
        return NULL;
    }
    return t;
}

const ynode *ytree_root(const ytree *t) { return t->root; }

void ytree_free(ytree *t)
{
    if (!t)
        return;
    arena_drop(t->a);
    free(t);
}

bool ynode_is_null(const ynode *n)
{
    if (n->kind != Y_SCALAR || !n->plain)
        return false;
    const char *v = n->text;
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
           strcmp(v, "NULL") == 0;
}
