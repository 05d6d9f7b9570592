#include "frontmatter.h"

#include <string.h>
#include <yaml.h>

#include "doc/date.h"

/* Front matter is a handful of keys; anything bigger is hostile. */
enum { MAX_YAML_NODES = 20000 };

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
    yaml_document_t *doc;
    const char *file;
    int first_line;
    fdiag *d;
    arena *a;
} fm_ctx;

static int node_line(const fm_ctx *c, const yaml_node_t *n)
{
    return c->first_line + (int)n->start_mark.line;
}

static int node_col(const yaml_node_t *n) { return (int)n->start_mark.column + 1; }

/* The scalar's text, trimmed of surrounding white space (block scalars end
 * with a newline), in the arena; NULL when n is not a scalar. */
static const char *scalar(const fm_ctx *c, const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    const char *s = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    while (len && strchr(" \t\r\n", s[0])) {
        s++;
        len--;
    }
    while (len && strchr(" \t\r\n", s[len - 1]))
        len--;
    return arena_strndup(c->a, s, len);
}

/* A scalar that is empty or null (~, null) counts as absent. */
static const char *text_value(const fm_ctx *c, const yaml_node_t *n)
{
    const char *s = scalar(c, n);
    if (!s || !*s)
        return NULL;
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        (strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
         strcmp(s, "NULL") == 0))
        return NULL;
    return s;
}

static void warn_type(const fm_ctx *c, const yaml_node_t *n, const char *key, const char *want)
{
    fdiag_warn(c->d, c->file, node_line(c, n), node_col(n),
               "front matter: \"%s\" should be %s; ignored", key, want);
}

static void read_text(const fm_ctx *c, const yaml_node_t *n, const char *key, const char **out)
{
    if (n->type != YAML_SCALAR_NODE)
        warn_type(c, n, key, "text");
    else
        *out = text_value(c, n);
}

static void read_bool(const fm_ctx *c, const yaml_node_t *n, const char *key, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On", NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", "Off", NULL};
    const char *s = scalar(c, n);
    for (int i = 0; s && yes[i]; i++)
        if (strcmp(s, yes[i]) == 0) {
            *out = 1;
            return;
        }
    for (int i = 0; s && no[i]; i++)
        if (strcmp(s, no[i]) == 0) {
            *out = 0;
            return;
        }
    warn_type(c, n, key, "true or false");
}

static void read_date(const fm_ctx *c, const yaml_node_t *n, const char *key, fdate *out)
{
    const char *s = text_value(c, n);
    if (!s)
        return;
    if (!fdate_parse(s, out))
        fdiag_warn(c->d, c->file, node_line(c, n), node_col(n),
                   "front matter: \"%s\" is not a date (%s); ignored", s, key);
}

/* A person may be written as a mapping ({name: …}) in some themes. */
static const char *person_name(const fm_ctx *c, yaml_node_t *n)
{
    if (n->type == YAML_SCALAR_NODE)
        return text_value(c, n);
    if (n->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *k = scalar(c, yaml_document_get_node(c->doc, p->key));
        if (k && (strcmp(k, "name") == 0 || strcmp(k, "title") == 0))
            return text_value(c, yaml_document_get_node(c->doc, p->value));
    }
    return NULL;
}

/* A list of names, or one name as a plain string. */
static void read_list(const fm_ctx *c, yaml_node_t *n, const char *key, fstrlist *out)
{
    if (n->type == YAML_SCALAR_NODE) {
        const char *s = text_value(c, n);
        if (!s)
            return;
        out->items = arena_alloc(c->a, sizeof *out->items);
        if (!out->items)
            return;
        out->items[0] = s;
        out->n = 1;
        return;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        warn_type(c, n, key, "a list or a text");
        return;
    }
    size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    out->n = 0;
    out->items = arena_alloc(c->a, (count ? count : 1) * sizeof *out->items);
    if (!out->items)
        return;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        const char *s = person_name(c, yaml_document_get_node(c->doc, *it));
        if (s)
            out->items[out->n++] = s;
    }
}

/* image: a path, or a mapping from a theme (Hugo's {filename: …}, others'
 * {src: …}, {path: …}). */
static void read_image(const fm_ctx *c, yaml_node_t *n, const char **out)
{
    static const char *const keys[] = {"filename", "src", "path", "file", "url", "image", NULL};
    if (n->type == YAML_SCALAR_NODE) {
        *out = text_value(c, n);
        return;
    }
    if (n->type != YAML_MAPPING_NODE) {
        warn_type(c, n, "image", "a path");
        return;
    }
    for (int k = 0; keys[k]; k++)
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            const char *name = scalar(c, yaml_document_get_node(c->doc, p->key));
            const char *v = name && strcmp(name, keys[k]) == 0
                                ? text_value(c, yaml_document_get_node(c->doc, p->value))
                                : NULL;
            if (v) {
                *out = v;
                return;
            }
        }
}

static void read_key(const fm_ctx *c, const char *key, yaml_node_t *v, fmeta *m)
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
    else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0)
        read_text(c, v, key, &m->lang);
    else if (strcmp(key, "listing") == 0)
        m->listing = true; /* whatever its form: the page lists others */
}

static void report_yaml_error(const yaml_parser_t *p, size_t len, int first_line,
                              const char *file, fdiag *d)
{
    /* At the end of the block, what matters is where the unclosed thing began. */
    const yaml_mark_t *mark =
        p->context && p->problem_mark.index >= len ? &p->context_mark : &p->problem_mark;
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR)
        fdiag_error(d, file, first_line, 0, "front matter: %s", problem);
    else if (p->context)
        fdiag_error(d, file, first_line + (int)mark->line, (int)mark->column + 1,
                    "front matter: %s %s", p->context, problem);
    else
        fdiag_error(d, file, first_line + (int)mark->line, (int)mark->column + 1,
                    "front matter: %s", problem);
}

bool frontmatter_parse(const char *yaml, size_t len, int first_line, const char *file, fdiag *d,
                       arena *a, fmeta *meta)
{
    memset(meta, 0, sizeof *meta);
    meta->toc = -1;

    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        fdiag_error(d, file, first_line, 0, "front matter: out of memory");
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    if (!yaml_parser_load(&parser, &doc)) {
        report_yaml_error(&parser, len, first_line, file, d);
        yaml_parser_delete(&parser);
        return false;
    }
    bool ok = true;
    fm_ctx c = {&doc, file, first_line, d, a};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (doc.nodes.top - doc.nodes.start > MAX_YAML_NODES) {
        fdiag_error(d, file, first_line, 0, "front matter: too many YAML nodes (more than %d)",
                    MAX_YAML_NODES);
        ok = false;
    } else if (root && root->type == YAML_SCALAR_NODE && !text_value(&c, root)) {
        /* an empty block, or only comments */
    } else if (root && root->type != YAML_MAPPING_NODE) {
        fdiag_error(d, file, node_line(&c, root), node_col(root),
                    "front matter: expected \"key: value\" lines");
        ok = false;
    } else if (root) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             p < root->data.mapping.pairs.top; p++) {
            const char *key = scalar(&c, yaml_document_get_node(&doc, p->key));
            if (key)
                read_key(&c, key, yaml_document_get_node(&doc, p->value), meta);
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return ok;
}
