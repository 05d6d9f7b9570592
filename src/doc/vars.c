#include "vars.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/path.h"
#include "util/yamltree.h"

enum { VARS_MAX_BYTES = 1 << 20 };

struct vars {
    const char *path;
    GHashTable *values; /* dotted key → value, both in the arena */
};

/* The first definition of a key wins, as in a YAML reader's lookup. */
static bool add(vars *v, const char *key, const char *value)
{
    if (!key || !value)
        return false;
    if (!g_hash_table_contains(v->values, key))
        g_hash_table_insert(v->values, (gpointer)key, (gpointer)value);
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

/* Reads the _variables.yml at file (found in a folder inside top): only a
 * regular file whose real path stays inside top, as for includes. */
static vars *read_file(const char *file, const char *top, arena *a, fdiag *d, bool *failed)
{
    *failed = true;
    char *real = realpath(file, NULL);
    struct stat st;
    const char *why = NULL;
    if (!real)
        why = errno == ELOOP ? "a symbolic link loop" : strerror(errno);
    else if (!path_is_inside(real, top))
        why = "a symbolic link out of the project folder";
    else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
        why = "not a regular file";
    size_t len = 0;
    char *text = why ? NULL : path_read_file(real, VARS_MAX_BYTES, &len);
    if (!why && !text)
        why = errno == EFBIG ? "file too large" : strerror(errno);
    free(real);
    vars *v = why ? NULL : calloc(1, sizeof *v);
    if (v) {
        v->path = arena_strdup(a, file);
        v->values = g_hash_table_new(g_str_hash, g_str_equal);
    }
    if (!why && (!v || !v->path)) /* out of memory */
        why = strerror(ENOMEM);
    if (why) {
        fdiag_error(d, file, 0, 0, "cannot read: %s", why);
        free(text);
        vars_free(v);
        return NULL;
    }
    bool ok = read_yaml(v, text, len, a, d);
    free(text);
    if (!ok) {
        vars_free(v);
        return NULL;
    }
    *failed = false;
    return v;
}

vars *vars_load(const char *dir, const char *root, arena *a, fdiag *d, bool *failed)
{
    *failed = false;
    char *here = realpath(dir ? dir : ".", NULL);
    char *top = root ? realpath(root, NULL) : NULL;
    if (!top && here)
        top = strdup(here);
    vars *v = NULL;
    /* From the source's folder up to the project root, never above it. */
    while (here && top && path_is_inside(here, top)) {
        char *file = path_join(here, "_variables.yml");
        struct stat st;
        if (file && lstat(file, &st) == 0) {
            v = read_file(file, top, a, d, failed);
            free(file);
            break;
        }
        free(file);
        if (strcmp(here, top) == 0)
            break;
        char *up = path_dirname(here);
        free(here);
        here = up;
    }
    free(here);
    free(top);
    return v;
}

const char *vars_get(const vars *v, const char *key)
{
    return v ? g_hash_table_lookup(v->values, key) : NULL;
}

const char *vars_path(const vars *v) { return v->path; }

void vars_free(vars *v)
{
    if (!v)
        return;
    if (v->values)
        g_hash_table_destroy(v->values);
    free(v);
}
