/* Expanding inputs into the Markdown sources of a compilation: files as
 * given, "-" for standard input, folders walked for page bundles and loose
 * .md/.qmd files, in a stable (sorted) order. */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "folio.h"
#include "util/diag.h"
#include "util/path.h"

typedef struct pathlist {
    char **items;
    size_t n, cap;
} pathlist;

static void push(pathlist *l, char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        char **items = realloc(l->items, l->cap * sizeof *items);
        if (!items)
            abort();
        l->items = items;
    }
    l->items[l->n++] = p;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A repository's own documents, not issues. */
static bool is_project_doc(const char *name)
{
    static const char *const stems[] = {"README", "CHANGELOG", "LICENSE", "CONTRIBUTING",
                                        "CODE_OF_CONDUCT", "SECURITY"};
    for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++) {
        size_t n = strlen(stems[i]);
        if (strncasecmp(name, stems[i], n) == 0 && name[n] == '.')
            return true;
    }
    return false;
}

static bool is_source_name(const char *name)
{
    /* _index.md is a Hugo section list page, not an issue. */
    if (name[0] == '_' || name[0] == '.' || is_project_doc(name))
        return false;
    return has_suffix(name, ".md") || has_suffix(name, ".qmd") || has_suffix(name, ".markdown");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder with index.md or index.qmd is a page bundle: that file is the
 * issue and nothing below it is another one. */
static void walk(const char *dir, pathlist *out, int depth)
{
    if (depth > 32)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    pathlist names = {0};
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0 ||
            strcmp(e->d_name, "_site") == 0 || strcmp(e->d_name, "_freeze") == 0)
            continue;
        push(&names, strdup(e->d_name));
    }
    closedir(d);
    if (names.n) /* an empty folder has no array: qsort must not see NULL */
        qsort(names.items, names.n, sizeof *names.items, cmp_str);

    const char *bundle = NULL;
    for (size_t i = 0; i < names.n && !bundle; i++)
        if (strcmp(names.items[i], "index.md") == 0 || strcmp(names.items[i], "index.qmd") == 0)
            bundle = names.items[i];
    if (bundle) {
        push(out, path_join(dir, bundle));
    } else {
        for (size_t i = 0; i < names.n; i++) {
            char *p = path_join(dir, names.items[i]);
            struct stat st;
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                walk(p, out, depth + 1);
                free(p);
            } else if (S_ISREG(st.st_mode) && is_source_name(names.items[i])) {
                push(out, p);
            } else {
                free(p);
            }
        }
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.items[i]);
    free(names.items);
}

folio_status folio_collect_sources(const char *const *inputs, size_t n, const folio_options *o,
                                   char ***paths, size_t *n_paths)
{
    fdiag d;
    fdiag_init(&d, o ? o->diag : NULL, o ? o->diag_user : NULL);
    pathlist out = {0};
    for (size_t i = 0; i < n; i++) {
        const char *in = inputs[i];
        struct stat st;
        if (strcmp(in, "-") == 0) {
            push(&out, strdup(in));
        } else if (stat(in, &st) != 0) {
            fdiag_error(&d, in, 0, 0, "cannot read input: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = out.n;
            walk(in, &out, 0);
            if (out.n == before)
                fdiag_error(&d, in, 0, 0, "no Markdown sources (.md, .qmd) in this folder");
        } else {
            push(&out, strdup(in));
        }
    }
    if (d.errors) {
        folio_paths_free(out.items, out.n);
        *paths = NULL;
        *n_paths = 0;
        return FOLIO_EINPUT;
    }
    *paths = out.items;
    *n_paths = out.n;
    return FOLIO_OK;
}

void folio_paths_free(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
