/* Quarto's document listings on paper. The options are Quarto's
 * ("Document Listings"): contents (default: the documents in the page's
 * folder and below), sort, max-items, fields, type. A web page shows a
 * listing as cards (grid), a table or posts (default); on paper all three
 * print as one list of entries, a small picture beside each entry's text:
 * what a printed index gives its reader. The type only chooses the
 * default fields (a table's have no picture). */
#include "listing.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "book/words.h"
#include "date.h"
#include "frontmatter.h"
#include "meta_text.h"
#include "tree.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/yamltree.h"

/* A folder of a site holds tens of documents; these bound a hostile one. */
enum { MAX_DEPTH = 16, MAX_FILES = 10000, MAX_KEYS = 8 };

typedef enum lfield {
    LF_IMAGE = 1 << 0,
    LF_TITLE = 1 << 1,
    LF_SUBTITLE = 1 << 2,
    LF_DATE = 1 << 3,
    LF_AUTHOR = 1 << 4,
    LF_DESCRIPTION = 1 << 5,
    LF_CATEGORIES = 1 << 6,
} lfield;

typedef struct lsort {
    const char *field;
    bool desc;
} lsort;

typedef struct lopts {
    const char *id;          /* the div it goes in; NULL: "listing" */
    const ynode *contents;   /* NULL: the page's folder and below */
    lsort keys[MAX_KEYS];
    int n_keys;              /* 0 with sorted false: the contents' order */
    bool sorted;
    long max_items;          /* -1: all */
    unsigned fields;
    const char **extra;      /* fields: other front-matter keys, printed as written */
    size_t n_extra;
    const char *placeholder; /* image-placeholder, relative to the page */
} lopts;

/* One listed document. */
typedef struct entry {
    const char *rel;  /* from the listing page's folder */
    const char *name; /* as diagnostics name it */
    int file;         /* index in doc->files */
    size_t order;     /* in the contents' order */
    fmeta m;
    ytree *tree;      /* its front matter: lines, and fields fmeta does not keep */
} entry;

typedef struct lctx {
    folio_doc *doc;
    fdiag *d;
    const char *page; /* the listing page's file name */
    GPtrArray *rels;  /* every document below the page's folder (char *) */
} lctx;

/* ---- front-matter values ---- */

static const ynode *map_get(const ynode *map, const char *key)
{
    for (size_t i = 0; map && map->kind == Y_MAP && i + 1 < map->n; i += 2)
        if (map->kids[i]->kind == Y_SCALAR && strcmp(map->kids[i]->text, key) == 0)
            return map->kids[i + 1];
    return NULL;
}

static const char *scalar(const ynode *n)
{
    return n && n->kind == Y_SCALAR && !ynode_is_null(n) && n->len ? n->text : NULL;
}

/* The line of key's value in e's front matter (1, its first line, when absent). */
static int line_of(const entry *e, const char *key)
{
    const ynode *v = map_get(ytree_root(e->tree), key);
    return v ? v->line : 1;
}

static void warn_at(lctx *c, const ynode *n, const char *fmt, const char *what)
{
    fdiag_report_kind(c->d, FOLIO_WARNING, fmt, c->page, n ? n->line : 0, n ? n->col : 0, fmt,
                      what);
}

/* ---- options ---- */

static void read_sort(lctx *c, const ynode *v, lopts *o)
{
    if (v->kind == Y_SCALAR && frontmatter_is_false(v->text)) {
        o->sorted = false;
        return;
    }
    size_t n = v->kind == Y_SEQ ? v->n : 1;
    for (size_t i = 0; i < n; i++) {
        const ynode *k = v->kind == Y_SEQ ? v->kids[i] : v;
        const char *s = scalar(k);
        if (!s || o->n_keys == MAX_KEYS) {
            warn_at(c, k, "listing sort: %s; ignored", s ? "too many keys" : "not a field name");
            continue;
        }
        char **words = g_strsplit_set(s, " \t", -1);
        const char *field = NULL, *dir = NULL;
        bool extra = false;
        for (char **w = words; *w; w++) {
            if (!**w)
                continue;
            if (!field)
                field = *w;
            else if (!dir)
                dir = *w;
            else
                extra = true;
        }
        if (!field || extra || (dir && strcmp(dir, "asc") && strcmp(dir, "desc")))
            warn_at(c, k, "listing sort \"%s\": not \"field\", \"field asc\" or \"field desc\"; ignored", s);
        else
            o->keys[o->n_keys++] =
                (lsort){arena_strdup(c->doc->arena, field), dir && !strcmp(dir, "desc")};
        g_strfreev(words);
    }
}

/* fields: the known ones as flags; reading-time and word-count need the
 * whole document read and counted, which folio does not do for a listing. */
static void read_fields(lctx *c, const ynode *v, lopts *o)
{
    static const struct {
        const char *name;
        unsigned flag;
    } known[] = {{"image", LF_IMAGE},       {"title", LF_TITLE},   {"subtitle", LF_SUBTITLE},
                 {"date", LF_DATE},         {"author", LF_AUTHOR}, {"description", LF_DESCRIPTION},
                 {"categories", LF_CATEGORIES}};
    if (v->kind != Y_SEQ) {
        warn_at(c, v, "listing fields: %s; the type's fields are printed", "not a list");
        return;
    }
    o->fields = 0;
    o->extra = arena_alloc(c->doc->arena, (v->n ? v->n : 1) * sizeof *o->extra);
    for (size_t i = 0; i < v->n; i++) {
        const char *s = scalar(v->kids[i]);
        bool found = false;
        for (size_t k = 0; s && k < sizeof known / sizeof *known && !found; k++)
            if (strcmp(s, known[k].name) == 0) {
                o->fields |= known[k].flag;
                found = true;
            }
        if (found || !s)
            continue;
        if (!strcmp(s, "reading-time") || !strcmp(s, "word-count"))
            warn_at(c, v->kids[i], "listing field '%s' is not printed: folio does not count "
                                   "the words of the listed documents", s);
        else
            o->extra[o->n_extra++] = s;
    }
}

/* What only a web page has (a feed, search and sort boxes, pages of N
 * items, card sizes, a category cloud, date and description formats of
 * its own) changes nothing of what the entries say: ignored without a
 * word, as a valid page deserves. include, exclude and template select or
 * shape entries, which folio does not do: warned of. */
static bool web_only(const char *key)
{
    static const char *const keys[] = {
        "feed", "filter-ui", "sort-ui", "page-size", "categories", "grid-columns",
        "grid-item-border", "grid-item-align", "image-height", "image-align",
        "image-lazy-loading", "table-striped", "table-hover", "date-format",
        "max-description-length", "field-display-names", "field-types", "field-links",
        "field-required", "field-display-name", NULL};
    for (int i = 0; keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static void read_options(lctx *c, const ynode *v, lopts *o)
{
    *o = (lopts){.sorted = true, .max_items = -1,
                 .fields = LF_IMAGE | LF_TITLE | LF_SUBTITLE | LF_DATE | LF_AUTHOR | LF_DESCRIPTION};
    if (v->kind == Y_SCALAR) { /* listing: grid, listing: true */
        if (scalar(v) && !strcmp(v->text, "table"))
            o->fields = LF_DATE | LF_TITLE | LF_AUTHOR;
        return;
    }
    const ynode *type = map_get(v, "type");
    if (scalar(type) && !strcmp(type->text, "table"))
        o->fields = LF_DATE | LF_TITLE | LF_AUTHOR; /* Quarto's table columns */
    for (size_t i = 0; i + 1 < v->n; i += 2) {
        const char *key = scalar(v->kids[i]);
        const ynode *val = v->kids[i + 1];
        if (!key || web_only(key) || !strcmp(key, "type"))
            continue;
        if (!strcmp(key, "id"))
            o->id = scalar(val);
        else if (!strcmp(key, "contents"))
            o->contents = val;
        else if (!strcmp(key, "sort"))
            read_sort(c, val, o);
        else if (!strcmp(key, "fields"))
            read_fields(c, val, o);
        else if (!strcmp(key, "image-placeholder"))
            o->placeholder = arena_strdup(c->doc->arena, scalar(val));
        else if (!strcmp(key, "max-items")) {
            char *end;
            const char *s = scalar(val);
            long n = s ? strtol(s, &end, 10) : -1;
            if (!s || *end || n < 0)
                warn_at(c, val, "listing max-items: %s; every entry is listed", "not a number");
            else
                o->max_items = n;
        } else {
            warn_at(c, v->kids[i], "listing option '%s' is not applied on paper", key);
        }
    }
}

/* ---- the documents ---- */

static bool is_document(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcmp(dot, ".qmd") || !strcmp(dot, ".md") || !strcmp(dot, ".markdown") ||
                   !strcmp(dot, ".Rmd") || !strcmp(dot, ".ipynb"));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every document below dir (rel: its path from the page's folder, "" at
 * the top), in name order. Names starting with "_" or "." are not pages
 * of the site (Quarto's rule); links are not followed, so no listing
 * reads outside its folder. */
static void walk(lctx *c, const char *dir, const char *rel, int depth)
{
    DIR *dh = depth <= MAX_DEPTH ? opendir(dir) : NULL;
    if (!dh)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    struct dirent *de;
    while ((de = readdir(dh)))
        if (de->d_name[0] != '.' && de->d_name[0] != '_')
            g_ptr_array_add(names, g_strdup(de->d_name));
    closedir(dh);
    qsort(names->pdata, names->len, sizeof(char *), by_name);
    for (guint i = 0; i < names->len && c->rels->len < MAX_FILES; i++) {
        const char *name = names->pdata[i];
        char *path = path_join(dir, name);
        char *sub = *rel ? g_strdup_printf("%s/%s", rel, name) : g_strdup(name);
        struct stat st;
        bool known = lstat(path, &st) == 0;
        if (known && S_ISDIR(st.st_mode))
            walk(c, path, sub, depth + 1);
        else if (known && S_ISREG(st.st_mode) && is_document(name))
            g_ptr_array_add(c->rels, g_strdup(sub));
        g_free(sub);
        free(path);
    }
    g_ptr_array_free(names, TRUE);
}

static bool has_wildcard(const char *s) { return strpbrk(s, "*?[") != NULL; }

/* Whether rel is named by pattern p (a document, a folder, or a glob). */
static bool matches(const char *p, const char *rel, bool folder)
{
    size_t n = strlen(p);
    if (folder)
        return strncmp(rel, p, n) == 0 && rel[n] == '/';
    if (!has_wildcard(p))
        return strcmp(p, rel) == 0;
    /* "**" crosses folders, "*" does not */
    return fnmatch(p, rel, strstr(p, "**") ? 0 : FNM_PATHNAME) == 0;
}

/* The documents of one contents entry (NULL: all of them), added to out
 * in walk order. */
static void select_pattern(lctx *c, const ynode *item, GPtrArray *out, GHashTable *seen)
{
    const char *p = item ? scalar(item) : "";
    if (!p) {
        warn_at(c, item, "listing contents: %s; left out", item->kind == Y_MAP
                    ? "an item written in the front matter is not printed"
                    : "not a path");
        return;
    }
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    const char *dot = strrchr(p, '.');
    if (p[0] == '/' || strstr(p, "..")) {
        warn_at(c, item, "listing contents '%s': outside the listing page's folder; not read", p);
        return;
    }
    if (dot && (!strcmp(dot, ".yml") || !strcmp(dot, ".yaml") || !strcmp(dot, ".json"))) {
        warn_at(c, item, "listing contents '%s': items from a metadata file are not printed", p);
        return;
    }
    char *path = path_join(c->doc->dir, p);
    struct stat st;
    bool folder = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    free(path);
    char *trimmed = g_strdup(p);
    size_t n = strlen(trimmed);
    while (n > 1 && trimmed[n - 1] == '/')
        trimmed[--n] = '\0';
    guint before = out->len;
    for (guint i = 0; i < c->rels->len; i++) {
        char *rel = c->rels->pdata[i];
        if ((!*trimmed || matches(trimmed, rel, folder)) && !g_hash_table_contains(seen, rel)) {
            g_hash_table_add(seen, rel);
            g_ptr_array_add(out, rel);
        }
    }
    if (out->len == before && *trimmed && !has_wildcard(trimmed))
        warn_at(c, item, "listing contents '%s': no document there", p);
    g_free(trimmed);
}

/* Diagnostics about a listed document: an error in its front matter is a
 * warning here (the entry is left out, the page still prints). */
static void relay(const folio_diag *x, void *user)
{
    fdiag *d = user;
    if (x->severity == FOLIO_ERROR)
        fdiag_report_kind(d, FOLIO_WARNING, "%s; left out of the listing", x->file, x->line, x->col,
                          "%s; left out of the listing", x->message);
    else
        fdiag_report_kind(d, x->severity, x->kind ? x->kind : "%s", x->file, x->line, x->col,
                          "%s", x->message);
}

/* Reads rel's front matter into e; false (after a warning) when it cannot
 * be read, or says nothing a listing shows. */
static bool read_entry(lctx *c, const char *rel, entry *e)
{
    folio_doc *doc = c->doc;
    char *path = path_join(doc->dir, rel);
    e->rel = arena_strdup(doc->arena, rel);
    /* named as an include is: "x/index.qmd" beside the page, never "./x/index.qmd" */
    e->name = strcmp(doc->dir, ".") ? arena_strdup(doc->arena, path) : e->rel;
    fdiag d;
    fdiag_init(&d, relay, c->d);
    const char *dot = strrchr(rel, '.');
    size_t len = 0, yoff = 0, ylen = 0, boff;
    int bline;
    char *text = NULL;
    if (!strcmp(dot, ".ipynb"))
        fdiag_warn(c->d, e->name, 0, 0, "a notebook is not read: left out of the listing");
    else if (!(text = path_read_file(path, doc->limits.max_input_bytes, &len)))
        fdiag_warn(c->d, e->name, 0, 0, "cannot read it (%s): left out of the listing",
                   strerror(errno));
    free(path);
    if (!text)
        return false;
    const char *start = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? text + 3 : text;
    int found = frontmatter_split(start, len - (size_t)(start - text), e->name, &d, &yoff, &ylen,
                                  &boff, &bline);
    bool ok = found > 0;
    if (found == 0)
        fdiag_warn(c->d, e->name, 1, 1, "no front matter, no title: left out of the listing");
    else if (ok && !g_utf8_validate(start + yoff, (gssize)ylen, NULL)) {
        fdiag_warn(c->d, e->name, 0, 0, "its front matter is not UTF-8: left out of the listing");
        ok = false;
    }
    if (ok)
        e->tree = ytree_parse(start + yoff, ylen, e->name, 2, "front matter", &d);
    ok = ok && e->tree && frontmatter_parse(start + yoff, ylen, 2, e->name, &d, doc->arena, &e->m);
    free(text);
    return ok;
}

/* ---- order ---- */

/* A sort key's value in e: a number, a text, or absent. */
typedef struct lvalue {
    bool has, num;
    double x;
    const char *s;
} lvalue;

static lvalue value_of(const entry *e, const char *field)
{
    lvalue v = {0};
    if (!strcmp(field, "date") || !strcmp(field, "date-modified")) {
        int64_t t = fdate_to_epoch(!strcmp(field, "date") ? &e->m.date : &e->m.lastmod);
        return t < 0 ? v : (lvalue){true, true, (double)t, NULL};
    }
    if (!strcmp(field, "title"))
        v.s = e->m.title;
    else if (!strcmp(field, "author"))
        v.s = e->m.authors.n ? e->m.authors.items[0] : NULL;
    else if (!strcmp(field, "filename"))
        v.s = strrchr(e->rel, '/') ? strrchr(e->rel, '/') + 1 : e->rel;
    else if (!strcmp(field, "description"))
        v.s = e->m.summary;
    else
        v.s = scalar(map_get(ytree_root(e->tree), field));
    if (!v.s)
        return v;
    v.has = true;
    char *end;
    v.x = g_ascii_strtod(v.s, &end);
    v.num = end != v.s && !*end;
    return v;
}

static int cmp_values(const lvalue *a, const lvalue *b)
{
    if (a->num && b->num)
        return a->x < b->x ? -1 : a->x > b->x;
    char *x = g_utf8_casefold(a->s ? a->s : "", -1), *y = g_utf8_casefold(b->s ? b->s : "", -1);
    int r = strcmp(x, y);
    g_free(x);
    g_free(y);
    return r;
}

/* By each key in turn (an entry without the field after those with it,
 * either way), then in the contents' order. */
static gint cmp_entries(gconstpointer pa, gconstpointer pb, gpointer data)
{
    const entry *a = *(entry *const *)pa, *b = *(entry *const *)pb;
    const lopts *o = data;
    for (int k = 0; k < o->n_keys; k++) {
        lvalue x = value_of(a, o->keys[k].field), y = value_of(b, o->keys[k].field);
        if (x.has != y.has)
            return x.has ? -1 : 1;
        int r = x.has ? cmp_values(&x, &y) : 0;
        if (r)
            return o->keys[k].desc ? -r : r;
    }
    return a->order < b->order ? -1 : a->order > b->order;
}

/* ---- the nodes ---- */

static fnode *node(const lctx *c, fnode_type t, const entry *e, int line)
{
    fnode *n = fnode_new(c->doc->arena, t, line);
    n->file = e->file;
    return n;
}

static void add_text(const lctx *c, fnode *to, const entry *e, int line, const char *s)
{
    fnode *t = node(c, FN_TEXT, e, line);
    t->as.literal = arena_strdup(c->doc->arena, s);
    fnode_append(to, t);
}

/* rel's folder joined to a path written in the document at rel: the
 * image as the listing page's folder sees it. */
static const char *beside(const lctx *c, const char *rel, const char *src)
{
    const char *slash = strrchr(rel, '/');
    if (!slash || src[0] == '/' || strstr(src, "://"))
        return src;
    return arena_printf(c->doc->arena, "%.*s/%s", (int)(slash - rel), rel, src);
}

/* date · author · categories · other fields, as the author listed them. */
static fnode *byline(const lctx *c, const lopts *o, const entry *e)
{
    buf b = {0};
    const char *sep = "";
    if ((o->fields & LF_DATE) && e->m.date.valid) {
        book_date_long(&e->m.date, c->doc->lang, &b);
        sep = " · ";
    }
    for (size_t i = 0; (o->fields & LF_AUTHOR) && i < e->m.authors.n; i++) {
        buf_printf(&b, "%s%s", i ? ", " : sep, e->m.authors.items[i]);
        sep = " · ";
    }
    for (size_t i = 0; (o->fields & LF_CATEGORIES) && i < e->m.categories.n; i++) {
        buf_printf(&b, "%s%s", i ? ", " : sep, e->m.categories.items[i]);
        sep = " · ";
    }
    for (size_t i = 0; i < o->n_extra; i++) {
        const char *v = scalar(map_get(ytree_root(e->tree), o->extra[i]));
        if (v) { /* named: a bare "7" would not say what it counts */
            buf_printf(&b, "%s%s: %s", sep, o->extra[i], v);
            sep = " · ";
        }
    }
    fnode *p = NULL;
    if (b.len) {
        p = node(c, FN_PARAGRAPH, e, line_of(e, "date"));
        fnode *em = node(c, FN_EMPH, e, p->line);
        add_text(c, em, e, p->line, buf_cstr(&b));
        fnode_append(p, em);
    }
    buf_free(&b);
    return p;
}

/* One entry: its picture in a narrow column beside its text, or its text
 * alone when it has none. */
static fnode *entry_node(const lctx *c, const lopts *o, const entry *e)
{
    folio_doc *doc = c->doc;
    fnode *item = node(c, FN_DIV, e, 1);
    item->as.div.classes = "listing-item";
    fnode *text = item;
    const char *image = e->m.image ? beside(c, e->rel, e->m.image) : o->placeholder;
    const char *title = meta_text_plain(doc->arena, e->m.title);
    if ((o->fields & LF_IMAGE) && image) {
        fnode *cols = node(c, FN_COLUMNS, e, 1), *left = node(c, FN_COLUMN, e, 1);
        text = node(c, FN_COLUMN, e, 1);
        left->as.column.width = (flen){25, FLEN_PERCENT};
        text->as.column.width = (flen){75, FLEN_PERCENT};
        fnode *fig = node(c, FN_FIGURE, e, e->m.image ? line_of(e, "image") : 1);
        fig->as.image->src = image;
        fig->as.image->alt = title ? title : ""; /* what the picture stands for */
        fnode_append(left, fig);
        fnode_append(cols, left);
        fnode_append(cols, text);
        fnode_append(item, cols);
    }
    if ((o->fields & LF_TITLE) && title) {
        int line = line_of(e, "title");
        fnode *p = node(c, FN_PARAGRAPH, e, line), *strong = node(c, FN_STRONG, e, line);
        const char *url = project_page_url(&doc->project, e->name, doc->arena);
        fnode *in = strong;
        if (url) {
            in = node(c, FN_LINK, e, line);
            in->as.link.url = url;
            fnode_append(strong, in);
        }
        add_text(c, in, e, line, title);
        fnode_append(p, strong);
        fnode_append(text, p);
    }
    if ((o->fields & LF_SUBTITLE) && e->m.subtitle) {
        fnode *p = node(c, FN_PARAGRAPH, e, line_of(e, "subtitle"));
        add_text(c, p, e, p->line, meta_text_plain(doc->arena, e->m.subtitle));
        fnode_append(text, p);
    }
    fnode *by = byline(c, o, e);
    if (by)
        fnode_append(text, by);
    if (o->fields & LF_DESCRIPTION)
        meta_text_nodes(doc->arena, e->m.summary, text, e->file,
                        line_of(e, map_get(ytree_root(e->tree), "summary") ? "summary" : "description"));
    return item;
}

/* The div of id in the page, else NULL. */
static fnode *div_of(const folio_doc *doc, const char *id)
{
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false))
        if (n->type == FN_DIV && n->as.div.id && !strcmp(n->as.div.id, id))
            return n;
    return NULL;
}

/* The entries' files join doc->files, so that their nodes say where they
 * come from (dumps, warnings about an image). */
static void add_files(folio_doc *doc, entry **es, size_t n)
{
    const char **files = arena_alloc(doc->arena, (doc->n_files + n) * sizeof *files);
    memcpy(files, doc->files, doc->n_files * sizeof *files);
    for (size_t i = 0; i < n; i++) {
        es[i]->file = (int)doc->n_files;
        files[doc->n_files++] = es[i]->name;
    }
    doc->files = files;
}

static void one_listing(lctx *c, const ynode *v)
{
    folio_doc *doc = c->doc;
    lopts o;
    read_options(c, v, &o);
    if (o.sorted && !o.n_keys) { /* Quarto's order when none is asked: newest first */
        o.keys[o.n_keys++] = (lsort){"date", true};
        o.keys[o.n_keys++] = (lsort){"title", false};
    }
    GPtrArray *rels = g_ptr_array_new();
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    const ynode *ct = o.contents;
    size_t n_items = !ct ? 0 : ct->kind == Y_SEQ ? ct->n : 1;
    if (!ct)
        select_pattern(c, NULL, rels, seen);
    for (size_t i = 0; i < n_items; i++)
        select_pattern(c, ct->kind == Y_SEQ ? ct->kids[i] : ct, rels, seen);
    g_hash_table_destroy(seen);

    GPtrArray *entries = g_ptr_array_new();
    char *self = realpath(doc->path, NULL);
    for (guint i = 0; i < rels->len; i++) {
        char *path = path_join(doc->dir, rels->pdata[i]), *real = realpath(path, NULL);
        bool is_self = self && real && !strcmp(self, real);
        free(path);
        free(real);
        entry *e = arena_alloc(doc->arena, sizeof *e);
        if (is_self || !read_entry(c, rels->pdata[i], e)) {
            ytree_free(e->tree);
            continue;
        }
        doc_note_read(doc, e->name);
        if (e->m.draft) { /* Quarto lists no draft */
            ytree_free(e->tree);
            continue;
        }
        e->order = entries->len;
        g_ptr_array_add(entries, e);
    }
    free(self);
    g_ptr_array_free(rels, TRUE);
    if (o.sorted)
        g_ptr_array_sort_with_data(entries, cmp_entries, &o);
    while (o.max_items >= 0 && entries->len > (guint)o.max_items)
        ytree_free(((entry *)g_ptr_array_steal_index(entries, entries->len - 1))->tree);
    add_files(doc, (entry **)entries->pdata, entries->len);

    fnode *list = fnode_new(doc->arena, FN_DIV, v->line);
    list->as.div.classes = "listing";
    for (guint i = 0; i < entries->len; i++) {
        entry *e = entries->pdata[i];
        for (size_t k = 0; k < e->m.authors.n; k++) {
            const char *name = project_author_name(&doc->project, e->m.authors.items[k], doc->arena);
            if (name)
                e->m.authors.items[k] = name;
        }
        fnode_append(list, entry_node(c, &o, e));
        ytree_free(e->tree);
    }
    if (!entries->len)
        warn_at(c, v, "%s: the listing is empty", "no document to list");
    g_ptr_array_free(entries, TRUE);
    fnode *where = div_of(doc, o.id ? o.id : "listing");
    fnode_append(where ? where : doc->root, list);
}

void listing_apply(folio_doc *doc, fdiag *d)
{
    size_t yoff, ylen, boff;
    int bline;
    if (!doc->dir) { /* text in memory, with no folder to look in */
        fdiag_warn(d, doc->path, 0, 0, "a listing page without a folder: nothing to list");
        return;
    }
    /* the page's front matter, read without a complaint already */
    if (!doc->source ||
        frontmatter_split(doc->source, doc->source_len, doc->path, d, &yoff, &ylen, &boff,
                          &bline) <= 0)
        return;
    ytree *t = ytree_parse(doc->source + yoff, ylen, doc->path, 2, "front matter", d);
    const ynode *v = t ? map_get(ytree_root(t), "listing") : NULL;
    if (v) {
        lctx c = {doc, d, doc->path, g_ptr_array_new_with_free_func(g_free)};
        walk(&c, doc->dir, "", 0);
        if (v->kind == Y_SEQ) /* several listings, each in its own div */
            for (size_t i = 0; i < v->n; i++)
                one_listing(&c, v->kids[i]);
        else
            one_listing(&c, v);
        g_ptr_array_free(c.rels, TRUE);
    }
    ytree_free(t);
}
