/* Expanding inputs into the Markdown sources of a compilation: files as
 * given, "-" for standard input, folders walked for page bundles and loose
 * .md/.qmd files, in a stable (sorted) order. */
#include <dirent.h>
#include <glib.h>
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

/* What the walk has seen, by identity: a folder reached twice (a symbolic
 * link to an ancestor, or the same folder under two names) is walked once,
 * a file reached twice is one source. */
typedef struct seen {
    dev_t dev;
    ino_t ino;
    char *path; /* where it was first met */
} seen;

typedef struct walker {
    fdiag *d;
    pathlist *out;
    GHashTable *seen; /* seen → itself */
} walker;

static guint seen_hash(gconstpointer p)
{
    const seen *s = p;
    return (guint)(s->ino ^ (s->ino >> 32) ^ (s->dev * 0x9E3779B1u));
}

static gboolean seen_equal(gconstpointer a, gconstpointer b)
{
    const seen *x = a, *y = b;
    return x->dev == y->dev && x->ino == y->ino;
}

static void seen_free(gpointer p)
{
    seen *s = p;
    free(s->path);
    free(s);
}

/* The first path under which st's file was met, or NULL (then it is
 * recorded under path). */
static const char *seen_before(walker *w, const struct stat *st, const char *path)
{
    seen key = {st->st_dev, st->st_ino, NULL};
    const seen *first = g_hash_table_lookup(w->seen, &key);
    if (first)
        return first->path;
    seen *s = malloc(sizeof *s);
    if (!s || !(s->path = strdup(path)))
        abort();
    s->dev = st->st_dev;
    s->ino = st->st_ino;
    g_hash_table_add(w->seen, s);
    return NULL;
}

static bool is_inside(const char *path, const char *folder)
{
    size_t n = strlen(folder);
    return strncmp(path, folder, n) == 0 && path[n] == '/';
}

/* A source file found at p: collected unless it was already. */
static void add_source(walker *w, char *p, const struct stat *st)
{
    const char *first = seen_before(w, st, p);
    if (first) {
        fdiag_warn(w->d, p, 0, 0, "the same file as '%s'; collected once", first);
        free(p);
        return;
    }
    push(w->out, p);
}

/* A folder with index.md or index.qmd is a page bundle: that file is the
 * issue and nothing below it is another one. */
static void walk(walker *w, const char *dir, const struct stat *dir_st, int depth)
{
    const char *first = seen_before(w, dir_st, dir);
    if (first) {
        fdiag_warn(w->d, dir, 0, 0, "the same folder as '%s' (%s); skipped", first,
                   is_inside(dir, first) ? "a symbolic link loop" : "reached twice");
        return;
    }
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
    for (size_t i = 0; i < names.n; i++) {
        if (bundle && names.items[i] != bundle)
            continue;
        char *p = path_join(dir, names.items[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            /* A symbolic link to nothing (or to itself): said, never read. */
            if (is_source_name(names.items[i]))
                fdiag_warn(w->d, p, 0, 0, "%s; skipped",
                           errno == ELOOP ? "a symbolic link loop" : "a symbolic link to nothing");
            free(p);
        } else if (S_ISDIR(st.st_mode) && !bundle) {
            walk(w, p, &st, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && (bundle || is_source_name(names.items[i]))) {
            add_source(w, p, &st);
        } else {
            free(p);
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
    walker w = {&d, &out, g_hash_table_new_full(seen_hash, seen_equal, seen_free, NULL)};
    for (size_t i = 0; i < n; i++) {
        const char *in = inputs[i];
        struct stat st;
        if (strcmp(in, "-") == 0) {
            push(&out, strdup(in));
        } else if (stat(in, &st) != 0) {
            fdiag_error(&d, in, 0, 0, "cannot read input: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = out.n;
            walk(&w, in, &st, 0);
            if (out.n == before)
                fdiag_error(&d, in, 0, 0, "no Markdown sources (.md, .qmd) in this folder");
        } else {
            add_source(&w, strdup(in), &st);
        }
    }
    g_hash_table_destroy(w.seen);
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
