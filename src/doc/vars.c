#include "vars.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/path.h"

enum { VARS_MAX_DEPTH = 16, VARS_MAX_BYTES = 1 << 20 };

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

/* Walks the YAML events: mapping keys push onto a dotted path, scalar
 * values are stored under it. Sequences are skipped (no dotted form). */
static bool read_yaml(vars *v, const char *text, size_t len, arena *a, fdiag *d)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return false;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    const char *path[VARS_MAX_DEPTH];
    bool expect_key[VARS_MAX_DEPTH];
    int depth = -1, seq = 0;
    bool ok = true, done = false;
    while (ok && !done) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            fdiag_error(d, v->path, (int)p.problem_mark.line + 1, (int)p.problem_mark.column + 1,
                        "malformed YAML: %s", p.problem ? p.problem : "syntax error");
            ok = false;
            break;
        }
        switch (e.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_SEQUENCE_START_EVENT:
            seq++;
            break;
        case YAML_SEQUENCE_END_EVENT:
            seq--;
            if (!seq && depth >= 0)
                expect_key[depth] = true;
            break;
        case YAML_MAPPING_START_EVENT:
            if (seq)
                break;
            if (depth + 1 >= VARS_MAX_DEPTH) {
                ok = false;
                fdiag_error(d, v->path, (int)e.start_mark.line + 1, 0, "variables nested too deep");
                break;
            }
            depth++;
            expect_key[depth] = true;
            break;
        case YAML_MAPPING_END_EVENT:
            if (seq)
                break;
            depth--;
            if (depth >= 0)
                expect_key[depth] = true;
            break;
        case YAML_SCALAR_EVENT: {
            if (seq || depth < 0)
                break;
            const char *s = arena_strndup(a, (const char *)e.data.scalar.value, e.data.scalar.length);
            if (expect_key[depth]) {
                path[depth] = s;
                expect_key[depth] = false;
            } else {
                buf key = {0};
                for (int i = 0; i <= depth; i++)
                    buf_printf(&key, "%s%s", i ? "." : "", path[i]);
                ok = add(v, arena_strndup(a, key.data, key.len), s);
                buf_free(&key);
                expect_key[depth] = true;
            }
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
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
