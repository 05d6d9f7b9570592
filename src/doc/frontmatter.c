#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include "doc/date.h"
#include "doc/language.h"
#include "util/path.h"
#include "util/yamltree.h"

/* Length of the line at data[off] without its "\n" or "\r\n", and the
 * offset of the next line. */
static size_t line_span(const char *data, size_t len, size_t off, size_t *next)
{
    const char *nl = memchr(data + off, '\n', len - off);
    size_t end = nl ? (size_t)(nl - data) : len;
    *next = nl ? end + 1 : len;
    if (end > off && data[end - 1] == '\r')
        end--;
    return end - off;
}

/* A fence line: the three characters, then only spaces or tabs. */
static bool is_fence(const char *line, size_t n, const char *fence)
{
    if (n < 3 || memcmp(line, fence, 3) != 0)
        return false;
    for (size_t i = 3; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

int frontmatter_split(const char *data, size_t len, const char *file, fdiag *d, size_t *yaml_off,
                      size_t *yaml_len, size_t *body_off, int *body_line)
{
    size_t off = 0, next;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        off = 3; /* a byte-order mark some editors write */
    *body_off = 0;
    *body_line = 1;
    if (!is_fence(data + off, line_span(data, len, off, &next), "---"))
        return 0;
    *yaml_off = next;
    int line = 2;
    for (off = next; off < len; off = next, line++) {
        size_t n = line_span(data, len, off, &next);
        if (is_fence(data + off, n, "---") || is_fence(data + off, n, "...")) {
            *yaml_len = off - *yaml_off;
            *body_off = next;
            *body_line = line + 1;
            return 1;
        }
    }
    fdiag_error(d, file, 1, 1, "front matter is not closed: no \"---\" line after the opening one");
    return -1;
}

typedef struct fm_ctx {
    const char *file;
    fdiag *d;
    arena *a;
} fm_ctx;

/* The scalar's text, trimmed of surrounding white space (block scalars end
 * with a newline), in the arena; NULL when n is not a scalar. */
static const char *scalar(const fm_ctx *c, const ynode *n)
{
    if (!n || n->kind != Y_SCALAR)
        return NULL;
    const char *s = n->text;
    size_t len = n->len;
    while (len && strchr(" \t\r\n", s[0])) {
        s++;
        len--;
    }
    while (len && strchr(" \t\r\n", s[len - 1]))
        len--;
    return arena_strndup(c->a, s, len);
}

/* A scalar that is empty or null (~, null) counts as absent. */
static const char *text_value(const fm_ctx *c, const ynode *n)
{
    if (n->kind != Y_SCALAR || ynode_is_null(n))
        return NULL;
    const char *s = scalar(c, n);
    return s && *s ? s : NULL;
}

static void warn_type(const fm_ctx *c, const ynode *n, const char *key, const char *want)
{
    fdiag_warn(c->d, c->file, n->line, n->col, "front matter: \"%s\" should be %s; ignored", key,
               want);
}

static void read_text(const fm_ctx *c, const ynode *n, const char *key, const char **out)
{
    if (n->kind != Y_SCALAR)
        warn_type(c, n, key, "text");
    else
        *out = text_value(c, n);
}

bool frontmatter_is_false(const char *s)
{
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", "Off", NULL};
    for (int i = 0; s && no[i]; i++)
        if (strcmp(s, no[i]) == 0)
            return true;
    return false;
}

static void read_bool(const fm_ctx *c, const ynode *n, const char *key, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On", NULL};
    const char *s = scalar(c, n);
    for (int i = 0; s && yes[i]; i++)
        if (strcmp(s, yes[i]) == 0) {
            *out = 1;
            return;
        }
    if (frontmatter_is_false(s)) {
        *out = 0;
        return;
    }
    warn_type(c, n, key, "true or false");
}

static void read_date(const fm_ctx *c, const ynode *n, const char *key, fdate *out)
{
    const char *s = text_value(c, n);
    if (!s)
        return;
    if (!fdate_parse(s, out))
        fdiag_warn(c->d, c->file, n->line, n->col,
                   "front matter: \"%s\" is not a date (%s); ignored", s, key);
}

/* A person may be written as a mapping ({name: …}) in some themes. */
static const char *person_name(const fm_ctx *c, const ynode *n)
{
    if (n->kind == Y_SCALAR)
        return text_value(c, n);
    if (n->kind != Y_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const char *k = scalar(c, n->kids[i]);
        if (k && (strcmp(k, "name") == 0 || strcmp(k, "title") == 0))
            return text_value(c, n->kids[i + 1]);
    }
    return NULL;
}

/* A list of names, or one name as a plain string. */
static void read_list(const fm_ctx *c, const ynode *n, const char *key, fstrlist *out)
{
    if (n->kind == Y_SCALAR) {
        const char *s = text_value(c, n);
        if (!s)
            return;
        out->items = arena_alloc(c->a, sizeof *out->items);
        out->items[0] = s;
        out->n = 1;
        return;
    }
    if (n->kind != Y_SEQ) {
        warn_type(c, n, key, "a list or a text");
        return;
    }
    out->n = 0;
    out->items = arena_alloc(c->a, (n->n ? n->n : 1) * sizeof *out->items);
    for (size_t i = 0; i < n->n; i++) {
        const char *s = person_name(c, n->kids[i]);
        if (s)
            out->items[out->n++] = s;
    }
}

/* image: a path, or a mapping from a theme (Hugo's {filename: …}, others'
 * {src: …}, {path: …}). */
static void read_image(const fm_ctx *c, const ynode *n, const char **out)
{
    static const char *const keys[] = {"filename", "src", "path", "file", "url", "image", NULL};
    if (n->kind == Y_SCALAR) {
        *out = text_value(c, n);
        return;
    }
    if (n->kind != Y_MAP) {
        warn_type(c, n, "image", "a path");
        return;
    }
    for (int k = 0; keys[k]; k++)
        for (size_t i = 0; i + 1 < n->n; i += 2) {
            const char *name = scalar(c, n->kids[i]);
            const char *v =
                name && strcmp(name, keys[k]) == 0 ? text_value(c, n->kids[i + 1]) : NULL;
            if (v) {
                *out = v;
                return;
            }
        }
}

/* A true/false under a mapping (execute: {echo: false}). */
static void read_map_bool(const fm_ctx *c, const ynode *map, const char *key, int *out)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const char *k = scalar(c, map->kids[i]);
        if (k && strcmp(k, key) == 0)
            read_bool(c, map->kids[i + 1], key, out);
    }
}

static void read_annotations(const fm_ctx *c, const ynode *v, fannotations *out)
{
    *out = frontmatter_annotations(scalar(c, v));
    if (*out == FANNOT_UNSET)
        warn_type(c, v, "code-annotations", "true, false, below, hover, select or none");
}

/* The value of key in mapping map, or NULL. */
static const ynode *map_get(const fm_ctx *c, const ynode *map, const char *key)
{
    for (size_t i = 0; map && map->kind == Y_MAP && i + 1 < map->n; i += 2) {
        const char *k = scalar(c, map->kids[i]);
        if (k && strcmp(k, key) == 0)
            return map->kids[i + 1];
    }
    return NULL;
}

/* Quarto's usual place for code-annotations is under the format
 * (format: {html: {code-annotations: hover}}); a top-level one is every
 * format's. Read from html, else pdf, else epub, when the top level says
 * nothing. */
static void read_format(const fm_ctx *c, const ynode *format, fmeta *m)
{
    static const char *const formats[] = {"html", "pdf", "epub"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        const ynode *v = map_get(c, map_get(c, format, formats[i]), "code-annotations");
        if (v) {
            read_annotations(c, v, &m->code_annotations);
            return;
        }
    }
}

static void read_key(const fm_ctx *c, const char *key, const ynode *v, fmeta *m)
{
    int flag;
    if (strcmp(key, "title") == 0)
        read_text(c, v, key, &m->title);
    else if (strcmp(key, "subtitle") == 0)
        read_text(c, v, key, &m->subtitle);
    else if (strcmp(key, "summary") == 0)
        read_text(c, v, key, &m->summary);
    else if (strcmp(key, "description") == 0 && !m->summary)
        read_text(c, v, key, &m->summary);
    else if (strcmp(key, "date") == 0)
        read_date(c, v, key, &m->date);
    else if (strcmp(key, "lastmod") == 0)
        read_date(c, v, key, &m->lastmod);
    else if (strcmp(key, "authors") == 0 || strcmp(key, "author") == 0)
        read_list(c, v, key, &m->authors);
    else if (strcmp(key, "tags") == 0)
        read_list(c, v, key, &m->tags);
    else if (strcmp(key, "categories") == 0)
        read_list(c, v, key, &m->categories);
    else if (strcmp(key, "draft") == 0) {
        flag = m->draft;
        read_bool(c, v, key, &flag);
        m->draft = flag;
    } else if (strcmp(key, "toc") == 0)
        read_bool(c, v, key, &m->toc);
    else if (strcmp(key, "number") == 0)
        read_text(c, v, key, &m->number);
    else if (strcmp(key, "image") == 0)
        read_image(c, v, &m->image);
    else if (strcmp(key, "language") == 0 && language_is_words(v)) {
        char *dir = path_dirname(c->file); /* (a file name is the source's neighbour) */
        language_read(v, c->file, dir, c->a, c->d, &m->words);
        free(dir);
    } else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0)
        read_text(c, v, key, &m->lang);
    else if (strcmp(key, "listing") == 0)
        m->listing = true; /* whatever its form: the page lists others */
    else if (strcmp(key, "execute") == 0 && v->kind == Y_MAP)
        read_map_bool(c, v, "echo", &m->echo);
    else if (strcmp(key, "bibliography") == 0)
        read_list(c, v, key, &m->bibliography);
    else if (strcmp(key, "code-annotations") == 0)
        read_annotations(c, v, &m->code_annotations);
    else if (strcmp(key, "from") == 0) {
        const char *from = text_value(c, v);
        if (from && strstr(from, "+emoji"))
            m->emoji = 1;
    }
}

fannotations frontmatter_annotations(const char *value)
{
    static const char *const shown[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On",
                                        "below", "hover", "select", NULL};
    if (frontmatter_is_false(value))
        return FANNOT_OFF;
    for (int i = 0; value && shown[i]; i++)
        if (strcmp(value, shown[i]) == 0)
            return FANNOT_SHOWN;
    return value && strcmp(value, "none") == 0 ? FANNOT_HIDDEN : FANNOT_UNSET;
}

bool frontmatter_parse(const char *yaml, size_t len, int first_line, const char *file, fdiag *d,
                       arena *a, fmeta *meta)
{
    memset(meta, 0, sizeof *meta);
    meta->toc = -1;
    meta->echo = -1;
    ytree *t = ytree_parse(yaml, len, file, first_line, "front matter", d);
    if (!t)
        return false;
    bool ok = true;
    fm_ctx c = {file, d, a};
    const ynode *root = ytree_root(t);
    if (root && root->kind == Y_SCALAR && !text_value(&c, root)) {
        /* an empty block, or only comments */
    } else if (root && root->kind != Y_MAP) {
        fdiag_error(d, file, root->line, root->col, "front matter: expected \"key: value\" lines");
        ok = false;
    } else if (root) {
        for (size_t i = 0; i + 1 < root->n; i += 2) {
            const char *key = scalar(&c, root->kids[i]);
            if (key)
                read_key(&c, key, root->kids[i + 1], meta);
        }
        if (meta->code_annotations == FANNOT_UNSET)
            read_format(&c, map_get(&c, root, "format"), meta);
    }
    ytree_free(t);
    return ok;
}
