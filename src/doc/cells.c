#include "cells.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "book/words.h"
#include "tree.h"
#include "util/buf.h"

/* What a cell's options say; -1 where they are silent. */
typedef struct cell_opts {
    int echo, eval, output, include;
    const char *filename; /* #| filename: "hello.py"; NULL when none */
} cell_opts;

static int bool_word(const char *s, size_t n)
{
    if ((n == 4 && !strncasecmp(s, "true", 4)) || (n == 3 && !strncasecmp(s, "yes", 3)))
        return 1;
    if ((n == 5 && !strncasecmp(s, "false", 5)) || (n == 2 && !strncasecmp(s, "no", 2)))
        return 0;
    return -1;
}

static void set_opt(cell_opts *o, const char *key, size_t klen, const char *v, size_t vlen)
{
    int b = bool_word(v, vlen);
    if (b < 0)
        return;
    if (klen == 4 && !strncmp(key, "echo", 4))
        o->echo = b;
    else if (klen == 4 && !strncmp(key, "eval", 4))
        o->eval = b;
    else if ((klen == 6 && !strncmp(key, "output", 6)) || (klen == 7 && !strncmp(key, "results", 7)))
        o->output = b;
    else if (klen == 7 && !strncmp(key, "include", 7))
        o->include = b;
}

/* The option comment of a line ("#| ", "//| ", "--| ", "%%| "): the length
 * of the marker, 0 when the line is not an option line. */
static size_t option_marker(const char *s, size_t n)
{
    static const char *const marks[] = {"#|", "//|", "--|", "%%|"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t m = strlen(marks[i]);
        if (n >= m && !strncmp(s, marks[i], m))
            return m;
    }
    return 0;
}

/* Reads and removes the leading option lines of a cell ("//| echo: false");
 * they are never shown. */
static const char *take_options(arena *a, const char *code, cell_opts *o)
{
    const char *p = code;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t m = option_marker(p, n);
        if (!m)
            break;
        const char *k = p + m;
        while (*k == ' ' || *k == '\t')
            k++;
        const char *colon = memchr(k, ':', (size_t)(p + n - k));
        if (colon) {
            const char *v = colon + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t vlen = (size_t)(p + n - v);
            while (vlen && isspace((unsigned char)v[vlen - 1]))
                vlen--;
            set_opt(o, k, (size_t)(colon - k), v, vlen);
            if (colon - k == 8 && !strncmp(k, "filename", 8) && vlen) {
                bool quoted = vlen >= 2 && (v[0] == '"' || v[0] == '\'') && v[vlen - 1] == v[0];
                o->filename = arena_strndup(a, v + quoted, vlen - 2 * quoted);
            }
        }
        p = end ? end + 1 : p + n;
    }
    return p == code ? code : arena_strdup(a, p);
}

/* knitr's header options: ```{r, echo=FALSE, include=FALSE}. */
static void header_options(const char *info, cell_opts *o)
{
    const char *p = info ? strchr(info, ',') : NULL;
    while (p) {
        p++;
        while (*p == ' ')
            p++;
        const char *eq = strchr(p, '=');
        const char *next = strchr(p, ',');
        const char *close = strchr(p, '}');
        const char *stop = next ? next : close ? close : p + strlen(p);
        if (eq && eq < stop) {
            size_t vlen = (size_t)(stop - eq - 1);
            while (vlen && eq[vlen] == ' ')
                vlen--;
            set_opt(o, p, (size_t)(eq - p), eq + 1, vlen);
        }
        p = next;
    }
}

/* An OJS cell shows something unless each of its statements is a
 * declaration (x = …, function f, import): Quarto shows no value for those.
 * viewof x = … shows its input. Statements start at bracket depth 0. */
static bool ojs_shows_output(const char *code)
{
    int depth = 0;
    bool in_tpl = false, line_start = true;
    for (const char *p = code; *p; p++) {
        if (line_start && depth == 0 && !in_tpl) {
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '\n' || !*p) {
                if (!*p)
                    break;
                continue;
            }
            if (!strncmp(p, "//", 2)) {
                while (*p && *p != '\n')
                    p++;
                if (!*p)
                    break;
                continue;
            }
            const char *w = p;
            if (!strncmp(w, "mutable ", 8))
                w += 8;
            if (!strncmp(w, "viewof ", 7))
                return true;
            if (!strncmp(w, "function", 8) || !strncmp(w, "async function", 14) ||
                !strncmp(w, "import ", 7) || !strncmp(w, "class ", 6)) {
                /* a declaration */
            } else {
                const char *q = w;
                while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
                    q++;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (q == w || *q != '=' || q[1] == '=')
                    return true; /* an expression: its value is shown */
            }
        }
        line_start = false;
        char c = *p;
        if (c == '`')
            in_tpl = !in_tpl;
        else if (!in_tpl && (c == '(' || c == '[' || c == '{'))
            depth++;
        else if (!in_tpl && (c == ')' || c == ']' || c == '}') && depth > 0)
            depth--;
        else if (c == '\n')
            line_start = true;
    }
    return false;
}

static fnode *text(arena *a, const fnode *like, const char *s)
{
    fnode *t = fnode_new(a, FN_TEXT, like->line);
    if (t) {
        t->file = like->file;
        t->as.literal = s;
    }
    return t;
}

/* Where the cell's output would be: "Interactive content: see the online
 * version" and the page's address when the site's is known. */
static fnode *output_note(folio_doc *doc, const fnode *cell, const char *url)
{
    arena *a = doc->arena;
    fnode *div = fnode_new(a, FN_DIV, cell->line), *p = fnode_new(a, FN_PARAGRAPH, cell->line);
    fnode *em = fnode_new(a, FN_EMPH, cell->line);
    fnode *words = text(a, cell, book_word(doc->lang, W_INTERACTIVE));
    if (!div || !p || !em || !words)
        return NULL;
    div->file = p->file = em->file = cell->file;
    div->as.div.classes = "cell-output";
    fnode_append(div, p);
    fnode_append(p, em);
    fnode_append(em, words);
    if (url) {
        fnode *link = fnode_new(a, FN_LINK, cell->line);
        fnode *before = text(a, cell, " ("), *shown = text(a, cell, url), *after = text(a, cell, ")");
        if (!link || !before || !shown || !after)
            return NULL;
        link->file = cell->file;
        link->as.link.url = url;
        fnode_append(link, shown);
        fnode_append(p, before);
        fnode_append(p, link);
        fnode_append(p, after);
    }
    return div;
}

void cells_apply(folio_doc *doc, fdiag *d)
{
    const char *url = NULL;
    bool url_tried = false;
    int doc_echo = doc->meta.echo >= 0 ? doc->meta.echo : doc->project.echo;
    for (fnode *n = doc->root, *next; n; n = next) {
        next = fnode_next(doc->root, n, false);
        if (n->type != FN_CODE_BLOCK || !n->as.code->executable)
            continue;
        cell_opts o = {-1, -1, -1, -1, NULL};
        header_options(n->as.code->info, &o);
        n->as.code->literal = take_options(doc->arena, n->as.code->literal, &o);
        if (o.filename && *o.filename)
            n->as.code->filename = o.filename;
        bool echo = o.echo >= 0 ? o.echo : doc_echo != 0;
        const char *lang = n->as.code->lang ? n->as.code->lang : "";
        bool output = o.include != 0 && o.eval != 0 && o.output != 0 &&
                      (strcmp(lang, "ojs") != 0 || ojs_shows_output(n->as.code->literal));
        if (output) {
            if (!url_tried) {
                url = project_page_url(&doc->project, doc->path, doc->arena);
                url_tried = true;
            }
            fnode *note = output_note(doc, n, url);
            if (note)
                fnode_insert_after(n, note);
            fdiag_warn(d, doc->files[n->file], n->line, 0,
                       "the output of this {%s} cell is not reproduced (folio runs no code); "
                       "a note points to the online version", lang);
        }
        bool hidden = !echo || o.include == 0;
        /* hidden on purpose, but still words the reader does not get: said
           so (once a line: the note about the output speaks for the cell) */
        if (hidden && !output)
            fdiag_warn(d, doc->files[n->file], n->line, 0,
                       "the code of this {%s} cell is not shown (%s)", lang,
                       o.include == 0 ? "include: false" : "echo: false");
        if (hidden)
            fnode_unlink(n);
    }
}
