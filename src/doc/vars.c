#include "vars.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/path.h"
#include "util/yamltree.h"

enum { VARS_MAX_BYTES = 1 << 20 };

struct vars {
    const char *path;
    const char **keys, **values;
    size_t n, cap;
};

static bool add(vars *v, const char *key, const char *value)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        const char **k = realloc(v->keys, cap * sizeof *k);
        if (!k)
            return false;
        v->keys = k;
        const char **val = realloc(v->values, cap * sizeof *val);
        if (!val)
            return false;
        v->values = val;
        v->cap = cap;
    }
    v->keys[v->n] = key;
    v->values[v->n++] = value;
    return true;
}

/* Stores every scalar below map under its dotted path (prefix.key).
 * Sequences have no dotted form and are skipped. Aliases may make the tree
 * a graph: *budget bounds the visits and the depth is bounded too. */
static bool flatten(vars *v, const ynode *map, buf *prefix, int depth, size_t *budget, arena *a,
                    fdiag *d)
{
    if (depth > YTREE_MAX_DEPTH) {
        fdiag_error(d, v->path, map->line, map->col, "variables: nested deeper than %d levels",
                    YTREE_MAX_DEPTH);
        return false;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const ynode *k = map->kids[i], *val = map->kids[i + 1];
        if (!(*budget)--) {
            fdiag_error(d, v->path, k->line, k->col,
                        "variables: too many values (more than %d, aliases included)",
                        YTREE_MAX_NODES);
            return false;
        }
        if (k->kind != Y_SCALAR || val->kind == Y_SEQ)
            continue;
        size_t keep = prefix->len;
        buf_printf(prefix, "%s%s", keep ? "." : "", k->text);
        bool ok = true;
        if (val->kind == Y_MAP)
            ok = flatten(v, val, prefix, depth + 1, budget, a, d);
        else
            ok = add(v, arena_strndup(a, prefix->data, prefix->len),
                     arena_strndup(a, val->text, val->len));
        prefix->len = keep;
        prefix->data[keep] = '\0';
        if (!ok)
            return false;
    }
    return true;
}

static bool read_yaml(vars *v, const char *text, size_t len, arena *a, fdiag *d)
{
    ytree *t = ytree_parse(text, len, v->path, 1, "variables", d);
    if (!t)
        return false;
    const ynode *root = ytree_root(t);
    bool ok = true;
    if (root && root->kind == Y_MAP) {
        buf prefix = {0};
        size_t budget = YTREE_MAX_NODES;
        ok = flatten(v, root, &prefix, 1, &budget, a, d);
        buf_free(&prefix);
    }
    ytree_free(t);
    return ok;
}

vars *vars_load(const char *dir, arena *a, fdiag *d, bool *failed)
{
    *failed = false;
    char *here = realpath(dir ? dir : ".", NULL);
    while (here) {
        char *file = path_join(here, "_variables.yml");
        if (access(file, F_OK) == 0) {
            free(here);
            size_t len;
            char *text = path_read_file(file, VARS_MAX_BYTES, &len);
            vars *v = calloc(1, sizeof *v);
            if (!text || !v) {
                fdiag_error(d, file, 0, 0, "cannot read: %s", strerror(errno));
                free(text);
                free(v);
                free(file);
                *failed = true;
                return NULL;
            }
            v->path = arena_strdup(a, file);
            free(file);
            bool ok = read_yaml(v, text, len, a, d);
            free(text);
            if (!ok) {
                vars_free(v);
                *failed = true;
                return NULL;
            }
            return v;
        }
        free(file);
        if (strcmp(here, "/") == 0)
            break;
        char *up = path_dirname(here);
        free(here);
        here = up;
    }
    free(here);
    return NULL;
}

const char *vars_get(const vars *v, const char *key)
{
    for (size_t i = 0; v && i < v->n; i++) {
        if (strcmp(v->keys[i], key) == 0)
            return v->values[i];
    }
    return NULL;
}

const char *vars_path(const vars *v) { return v->path; }

void vars_free(vars *v)
{
    if (!v)
        return;
    free(v->keys);
    free(v->values);
    free(v);
}
