#include "prepass.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attrs.h"
#include "htmlblock.h"
#include "include.h"
#include "parasplit.h"
#include "refdef.h"
#include "shortcodes.h"
#include "icons.h"
#include "vars.h"
#include "util/oom.h"

/* A construct waiting for its end: a ::: div or a paired shortcode. */
typedef struct opened {
    const char *shortcode; /* "callout", "spoiler"; NULL for a ::: div */
    const char *text;      /* as written, for messages */
    pp_origin at;
    int col;
} opened;

/* One file being read: the main source or an include. */
typedef struct source {
    int idx;           /* in doc->files */
    const char *name;  /* for diagnostics */
    const char *dir;   /* folder its includes resolve against (NULL: none) */
    const char *real;  /* real path, for cycle checks (NULL: not a file) */
    int depth;         /* include depth */
    const struct source *parent;
} source;

typedef struct pp {
    folio_doc *doc;
    fdiag *d;
    prepass *out;
    opened *open;
    size_t n_open, cap_open;
    size_t cap_files; /* room in doc->files */
    vars *vars;
    bool vars_tried;
    bool failed;
    int col_shift; /* added to columns when a line is handled in pieces */
    bool literal;           /* the lines emitted now are code or raw HTML */
    pp_span *literal_lines; /* where they are, for parasplit_run */
    size_t n_literal, cap_literal;
} pp;

/* Per-file line state. */
/* Definition lists nested in definitions, read to this depth (deeper:
 * indented code, said). */
#define DL_DEPTH 32

typedef struct file_state {
    char fence;        /* '`' or '~' inside a code fence, else 0 */
    char md_fence;     /* inside a ```{=markdown} raw block: its fence character */
    size_t md_fence_len;
    size_t fence_len;
    bool in_note;      /* inside a footnote definition */
    bool note_blank;   /* …and the last line was blank */
    size_t note_open;  /* pp->n_open when the note began */
    const char *html_end; /* inside an HTML comment, <script>, <pre>…: what ends it */
    bool ref_may_start; /* a reference definition may start here (no paragraph open) */
    bool ref_pending;   /* the last line was a bare "[label]:" */
    bool block_start;   /* the last line ended a block (blank, a heading, a ::: line) */
    enum { DL_NONE, DL_TERM, DL_DATA } dl; /* in a definition list: after a term, in a
                                               definition */
    bool dl_blank;      /* …and the last line was blank */
    size_t dl_open;     /* pp->n_open when the list began */
    int dl_more;        /* PP_DEF_DATA open in the definition for the further blocks of
                           nested definitions (definition_inner) */
    /* at each of those depths (0: the definition's own blocks), the last
     * block as deflists.c will read it: a paragraph of one line so far (a
     * term, if a ": " line follows), a definition, or another block */
    enum { DLB_OTHER, DLB_TERM, DLB_DEF } dl_inner[DL_DEPTH + 1];
} file_state;

static bool process(pp *p, const source *src, const char *text, size_t len, int first_line);

static size_t fence_run(const char *s, size_t len, char c)
{
    size_t n = 0;
    while (n < len && s[n] == c)
        n++;
    return n;
}

/* ---- output ---- */

/* The record of a line in an array sorted by line whose records start
 * with their line (pp_mark, pp_ref, pp_join), or NULL. */
static const void *record_at(const void *records, size_t n, size_t size, size_t line)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (*(const size_t *)((const char *)records + mid * size) < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == n)
        return NULL; /* (records may be NULL: no offset from it) */
    const char *r = (const char *)records + lo * size;
    return *(const size_t *)r == line ? r : NULL;
}

void prepass_add_line(prepass *pp, pp_origin o)
{
    const pp_run *last = pp->n_runs ? &pp->runs[pp->n_runs - 1] : NULL;
    size_t rline = ++pp->n_lines;
    if (last && last->at.file == o.file && o.line > last->at.line &&
        (size_t)(o.line - last->at.line) == rline - last->rline)
        return; /* the run goes on */
    pp->runs = oom_grow(pp->runs, &pp->cap_runs, pp->n_runs + 1, sizeof *pp->runs, 64);
    pp->runs[pp->n_runs++] = (pp_run){rline, o};
}

pp_origin prepass_origin(const prepass *pp, size_t rline)
{
    size_t lo = 0, hi = pp->n_runs; /* the last run from rline or before */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (pp->runs[mid].rline <= rline)
            lo = mid;
        else
            hi = mid;
    }
    pp_origin o = pp->runs[lo].at;
    o.line += (int)(rline - pp->runs[lo].rline);
    return o;
}

static void emit(pp *p, const char *s, size_t len, pp_origin o)
{
    prepass *out = p->out;
    buf_append(&out->text, s, len);
    buf_putc(&out->text, '\n');
    prepass_add_line(out, o);
    if (p->literal) {
        pp_span *last = p->n_literal ? &p->literal_lines[p->n_literal - 1] : NULL;
        if (last && last->to + 1 == out->n_lines) {
            last->to++;
        } else {
            p->literal_lines = oom_grow(p->literal_lines, &p->cap_literal, p->n_literal + 1,
                                        sizeof *p->literal_lines, 16);
            p->literal_lines[p->n_literal++] = (pp_span){out->n_lines, out->n_lines};
        }
    }
}

/* A blank line keeping the quote markers of prefix ("> > "). */
static void emit_blank(pp *p, const char *prefix, size_t plen, pp_origin o)
{
    char tmp[64] = "";
    size_t n = 0;
    for (size_t i = 0; i < plen && n < sizeof tmp; i++) {
        if (prefix[i] == '>')
            tmp[n++] = '>';
    }
    emit(p, tmp, n, o);
}

/* A marker line between blank lines, so md4c sees an HTML block of its own;
 * its line is recorded, which is what makes it a marker. */
static void emit_prefixed(pp *p, const char *prefix, size_t plen, pp_origin o, const char *text)
{
    buf line = {0};
    buf_append(&line, prefix, plen);
    buf_puts(&line, text);
    emit(p, line.data, line.len, o);
    buf_free(&line);
}

/* A line between blank lines, so md4c sees an HTML block of its own. */
static void emit_alone(pp *p, const char *prefix, size_t plen, pp_origin o, const char *text)
{
    emit_blank(p, prefix, plen, o);
    emit_prefixed(p, prefix, plen, o, text);
    emit_blank(p, prefix, plen, o);
}

static void emit_marker(pp *p, const char *prefix, size_t plen, pp_origin o, const char *marker,
                        pp_mark_kind kind, size_t block)
{
    emit_blank(p, prefix, plen, o);
    emit_prefixed(p, prefix, plen, o, marker);
    prepass *out = p->out;
    out->marks = oom_grow(out->marks, &out->cap_marks, out->n_marks + 1, sizeof *out->marks, 32);
    out->marks[out->n_marks++] = (pp_mark){out->n_lines, kind, block};
    emit_blank(p, prefix, plen, o);
}

const pp_mark *prepass_mark_at(const prepass *pp, size_t line)
{
    return record_at(pp->marks, pp->n_marks, sizeof *pp->marks, line);
}

static pp_block *new_block(pp *p, pp_kind kind, pp_origin o, size_t *index)
{
    prepass *out = p->out;
    out->blocks =
        oom_grow(out->blocks, &out->cap_blocks, out->n_blocks + 1, sizeof *out->blocks, 32);
    *index = out->n_blocks;
    pp_block *b = &out->blocks[out->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->at = o;
    return b;
}

static void open_marker(pp *p, const char *prefix, size_t plen, pp_origin o, size_t index)
{
    char m[48];
    snprintf(m, sizeof m, "<folio-block n=\"%zu\">", index);
    emit_marker(p, prefix, plen, o, m, PP_OPEN, index);
}

static void leaf_marker(pp *p, const char *prefix, size_t plen, pp_origin o, size_t index)
{
    char m[48];
    snprintf(m, sizeof m, "<folio-block n=\"%zu\"/>", index);
    emit_marker(p, prefix, plen, o, m, PP_LEAF, index);
}

static void close_marker(pp *p, const char *prefix, size_t plen, pp_origin o)
{
    emit_marker(p, prefix, plen, o, "</folio-block>", PP_CLOSE, 0);
}

/* ---- diagnostics ---- */

static const char *file_name(const pp *p, int idx) { return p->doc->files[idx]; }

static bool error_at(pp *p, pp_origin o, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool error_at(pp *p, pp_origin o, int col, const char *fmt, ...)
{
    buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    fdiag_report_kind(p->d, FOLIO_ERROR, fmt, file_name(p, o.file), o.line, col, "%s",
                      buf_cstr(&msg));
    buf_free(&msg);
    p->failed = true;
    return false;
}

/* What a message quotes of len bytes of a line: all up to 60, else the
 * first 57 or so (before a UTF-8 sequence) and "..." (a 10,000-byte line
 * is not printed whole). */
static int excerpt_len(const char *text, size_t len)
{
    size_t keep = 57;
    if (len <= 60)
        return (int)len;
    while (keep && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--;
    return (int)keep;
}

static const char *excerpt(pp *p, const char *text)
{
    size_t len = strlen(text);
    int keep = excerpt_len(text, len);
    return (size_t)keep == len ? text : arena_printf(p->doc->arena, "%.*s...", keep, text);
}

static void push_open(pp *p, const char *shortcode, const char *text, pp_origin o, int col)
{
    p->open = oom_grow(p->open, &p->cap_open, p->n_open + 1, sizeof *p->open, 16);
    p->open[p->n_open++] = (opened){shortcode, excerpt(p, text), o, col};
}

/* ---- ::: fenced divs ---- */

static bool parse_callout_kind(const char *name, fcallout_kind *k)
{
    static const char *const kinds[FCALLOUT_COUNT] = {"note", "tip", "warning", "important",
                                                      "caution"};
    for (int i = 0; i < FCALLOUT_COUNT; i++) {
        if (strcasecmp(name, kinds[i]) == 0) {
            *k = (fcallout_kind)i;
            return true;
        }
    }
    return false;
}

/* The callout-* class of a div, if any: "callout-tip" → tip. */
static bool div_callout(const fattrs *at, fcallout_kind *k)
{
    for (const char *c = at->classes; c && *c;) {
        size_t w = strcspn(c, " ");
        if (w >= 7 && strncmp(c, "callout", 7) == 0) {
            char kind[16] = "note";
            if (w > 8 && c[7] == '-' && w - 8 < sizeof kind) {
                memcpy(kind, c + 8, w - 8);
                kind[w - 8] = '\0';
            }
            if (!parse_callout_kind(kind, k))
                *k = FCALLOUT_NOTE;
            return true;
        }
        c += w;
        c += *c == ' ';
    }
    return false;
}

static void open_div(pp *p, const char *prefix, size_t plen, const char *rest, size_t rlen,
                     pp_origin o, int col, const char *line, size_t len)
{
    fattrs at;
    bool ok;
    if (rest[0] == '{') {
        size_t span = attrs_span(rest, rlen);
        ok = span && attrs_parse(p->doc->arena, rest + 1, span - 2, &at);
    } else {
        /* ::: callout-note: a bare word is a class. */
        size_t w = strcspn(rest, " \t");
        memset(&at, 0, sizeof at);
        at.classes = arena_strndup(p->doc->arena, rest, w);
        ok = w > 0;
    }
    if (!ok) {
        int shown = excerpt_len(rest, rlen);
        fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                   "\"%.*s%s\" is not a fenced div (bad attributes); kept as text", shown, rest,
                   (size_t)shown < rlen ? "..." : "");
        emit(p, line, len, o);
        return;
    }
    size_t index;
    pp_block *b;
    fcallout_kind kind;
    const char *ncol = attrs_get(&at, "layout-ncol"), *lang;
    if (!attrs_lang(attrs_get(&at, "lang"), &lang))
        fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                   "lang=\"%s\" is not a language tag (like en or pt-BR); ignored",
                   attrs_get(&at, "lang"));
    if (div_callout(&at, &kind)) {
        if (!(b = new_block(p, PP_CALLOUT, o, &index)))
            return;
        b->callout = kind;
        const char *collapse = attrs_get(&at, "collapse");
        b->collapsed = collapse && strcmp(collapse, "true") == 0;
        b->title = attrs_get(&at, "title");
        b->id = at.id;
        b->lang = lang;
    } else if (attrs_has_class(&at, "columns")) {
        if (!(b = new_block(p, PP_COLUMNS, o, &index)))
            return;
    } else if (attrs_has_class(&at, "column")) {
        if (!(b = new_block(p, PP_COLUMN, o, &index)))
            return;
        const char *w = attrs_get(&at, "width");
        if (w && !attrs_length(w, &b->width))
            fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                       "column width \"%s\" is not a length; ignored", w);
    } else if (ncol && atoi(ncol) > 0) {
        if (!(b = new_block(p, PP_LAYOUT, o, &index)))
            return;
        b->ncol = atoi(ncol);
        b->id = at.id;
    } else {
        if (!(b = new_block(p, PP_DIV, o, &index)))
            return;
        b->id = at.id;
        b->classes = at.classes;
        b->lang = lang;
        /* (a block's dir=auto would need its paragraphs' own directions) */
        if (!attrs_dir(attrs_get(&at, "dir"), &b->dir) || b->dir == FDIR_FIRST_STRONG) {
            fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                       "dir=\"%s\" is not rtl or ltr; laid out in the direction around it",
                       attrs_get(&at, "dir"));
            b->dir = FDIR_AUTO;
        }
    }
    push_open(p, NULL, arena_printf(p->doc->arena, "::: %.*s", (int)rlen, rest), o, col);
    open_marker(p, prefix, plen, o, index);
}

static void fenced_div(pp *p, const char *prefix, size_t plen, const char *line, size_t len,
                       pp_origin o)
{
    const char *s = line + plen;
    size_t n = len - plen, colons = 0;
    while (colons < n && s[colons] == ':')
        colons++;
    const char *rest = s + colons;
    size_t rlen = n - colons;
    while (rlen && (*rest == ' ' || *rest == '\t'))
        rest++, rlen--;
    while (rlen && (rest[rlen - 1] == ' ' || rest[rlen - 1] == '\t' || rest[rlen - 1] == ':' ||
                    rest[rlen - 1] == '\r'))
        rlen--;
    int col = (int)plen + 1;
    if (rlen) {
        open_div(p, prefix, plen, rest, rlen, o, col, line, len);
        return;
    }
    if (p->n_open == 0) {
        fdiag_warn(p->d, file_name(p, o.file), o.line, col, "::: closes no open div; kept as text");
        emit(p, line, len, o);
        return;
    }
    const opened *top = &p->open[p->n_open - 1];
    if (top->shortcode) {
        error_at(p, o, col, "::: cannot close {{%% %s %%}} opened at line %d; close it with "
                            "{{%% /%s %%}} first", top->shortcode, top->at.line, top->shortcode);
        return;
    }
    p->n_open--;
    close_marker(p, prefix, plen, o);
}

/* ---- shortcodes ---- */

static const char *var_value(pp *p, const char *key)
{
    if (!p->vars_tried) {
        bool failed;
        p->vars_tried = true;
        /* Text in memory without a folder reads no local file. */
        if (p->doc->dir) {
            p->vars = vars_load(p->doc->dir, p->doc->project.root, p->doc->arena, p->d, &failed);
            if (failed)
                p->failed = true;
            if (p->vars)
                doc_note_read(p->doc, vars_path(p->vars));
        }
    }
    return vars_get(p->vars, key);
}

static bool is_cycle(const source *src, const char *real)
{
    for (const source *s = src; s; s = s->parent) {
        if (s->real && strcmp(s->real, real) == 0)
            return true;
    }
    return false;
}

static void include(pp *p, const source *src, const shortcode *sc, pp_origin o, int col)
{
    const char *rel = shortcode_arg(sc, "file", 0);
    if (!rel) {
        error_at(p, o, col, "{{< include >}} needs a file name");
        return;
    }
    if (src->depth + 1 > p->doc->limits.max_include_depth) {
        error_at(p, o, col, "{{< include %s >}}: includes nested deeper than %d", rel,
                 p->doc->limits.max_include_depth);
        return;
    }
    include_file f;
    if (!include_load(p->doc, src->dir, src->name, o.line, col, rel, p->d, &f)) {
        p->failed = true;
        return;
    }
    if (is_cycle(src, f.real)) {
        error_at(p, o, col, "{{< include %s >}} includes itself (an include cycle)", rel);
        include_file_free(&f);
        return;
    }
    /* The whole document, includes expanded, stays within the input limit. */
    if (p->out->text.len + f.len > p->doc->limits.max_input_bytes) {
        error_at(p, o, col, "{{< include %s >}}: the document with its includes exceeds the "
                            "limit of %zu bytes", rel, p->doc->limits.max_input_bytes);
        include_file_free(&f);
        return;
    }
    if (p->doc->n_files == p->cap_files) {
        size_t cap = p->cap_files * 2;
        const char **files = arena_alloc(p->doc->arena, cap * sizeof *files);
        memcpy(files, p->doc->files, p->doc->n_files * sizeof *files);
        p->doc->files = files;
        p->cap_files = cap;
    }
    p->doc->files[p->doc->n_files] = f.name;
    source inc = {(int)p->doc->n_files++, f.name, f.dir, f.real, src->depth + 1, src};
    emit(p, "", 0, o);
    process(p, &inc, f.text, f.len, 1);
    emit(p, "", 0, o);
    include_file_free(&f);
}

/* {{< figure src= caption= >}} becomes ![caption](src){…}, a paragraph of
 * its own that the builder turns into a figure. */
static void figure(pp *p, const char *prefix, size_t plen, const shortcode *sc, pp_origin o,
                   int col)
{
    const char *src = shortcode_arg(sc, "src", 0);
    if (!src) {
        fdiag_warn(p->d, file_name(p, o.file), o.line, col, "{{< figure >}} without src; ignored");
        return;
    }
    const char *caption = shortcode_arg(sc, "caption", -1);
    const char *alt = shortcode_arg(sc, "alt", -1);
    const char *width = shortcode_arg(sc, "width", -1);
    flen len;
    if (width && !attrs_length(width, &len)) {
        /* here, where the author wrote it: the figure's own line is rewritten */
        fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                   "{{< figure >}} width \"%s\" is not a usable length (more than zero, like 50%% "
                   "or 300px); ignored", width);
        width = NULL;
    }
    buf md = {0};
    buf_append(&md, prefix, plen);
    buf_printf(&md, "![%s](<%s>)", caption ? caption : alt ? alt : "", src);
    if (width || (alt && caption)) {
        buf_putc(&md, '{');
        if (width)
            buf_printf(&md, "width=\"%s\"", width);
        if (alt && caption)
            buf_printf(&md, "%sfig-alt=\"%s\"", width ? " " : "", alt);
        buf_putc(&md, '}');
    }
    emit_blank(p, prefix, plen, o);
    emit(p, md.data, md.len, o);
    emit_blank(p, prefix, plen, o);
    buf_free(&md);
}

static void card(pp *p, const char *prefix, size_t plen, const shortcode *sc, pp_origin o, int col)
{
    bool youtube = strcmp(sc->name, "youtube") == 0;
    const char *arg = shortcode_arg(sc, youtube ? "id" : "src", 0);
    if (!arg) {
        fdiag_warn(p->d, file_name(p, o.file), o.line, col, "{{< %s >}} without %s; ignored",
                   sc->name, youtube ? "an id" : "src");
        return;
    }
    size_t index;
    pp_block *b = new_block(p, PP_CARD, o, &index);
    if (!b)
        return;
    bool yt_url = strstr(arg, "youtube.com/") || strstr(arg, "youtu.be/");
    b->provider = youtube || yt_url ? "youtube" : "video";
    b->url = youtube && !yt_url ? arena_printf(p->doc->arena, "https://www.youtube.com/watch?v=%s", arg)
                                : arg;
    b->title = shortcode_arg(sc, "title", -1);
    leaf_marker(p, prefix, plen, o, index);
}

/* Quarto's {{< pagebreak >}}: an empty div of class "pagebreak" (a new
 * page in the PDF, a break before what follows in the EPUB), never text. */
static void pagebreak(pp *p, const char *prefix, size_t plen, pp_origin o)
{
    size_t index;
    pp_block *b = new_block(p, PP_DIV, o, &index);
    if (!b)
        return;
    b->classes = "pagebreak";
    open_marker(p, prefix, plen, o, index);
    close_marker(p, prefix, plen, o);
}

static void paired_open(pp *p, const char *prefix, size_t plen, const shortcode *sc, pp_origin o,
                        int col, const char *written)
{
    size_t index;
    bool spoiler = strcmp(sc->name, "spoiler") == 0;
    pp_block *b = new_block(p, spoiler ? PP_DETAILS : PP_CALLOUT, o, &index);
    if (!b)
        return;
    if (spoiler) {
        b->title = shortcode_arg(sc, "text", 0);
    } else {
        const char *kind = shortcode_arg(sc, "kind", 0);
        if (kind && !parse_callout_kind(kind, &b->callout))
            fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                       "callout kind \"%s\" is unknown (note, tip, warning, important, caution); "
                       "shown as a note", kind);
    }
    push_open(p, sc->name, written, o, col);
    open_marker(p, prefix, plen, o, index);
}

static void paired_close(pp *p, const char *prefix, size_t plen, const shortcode *sc, pp_origin o,
                         int col)
{
    if (p->n_open == 0 || !p->open[p->n_open - 1].shortcode) {
        if (p->n_open)
            error_at(p, o, col, "{{%% /%s %%}} cannot close %s opened at line %d", sc->name,
                     p->open[p->n_open - 1].text, p->open[p->n_open - 1].at.line);
        else
            error_at(p, o, col, "{{%% /%s %%}} closes nothing", sc->name);
        return;
    }
    const opened *top = &p->open[p->n_open - 1];
    if (strcmp(top->shortcode, sc->name) != 0) {
        error_at(p, o, col, "{{%% /%s %%}} does not match %s opened at line %d", sc->name,
                 top->text, top->at.line);
        return;
    }
    p->n_open--;
    close_marker(p, prefix, plen, o);
}

static bool is_block_shortcode(const char *name)
{
    static const char *const names[] = {"callout", "spoiler", "figure", "youtube", "video",
                                        "include", "pagebreak"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0)
            return true;
    }
    return false;
}

/* {{< meta key >}}: the front-matter fields folio keeps. */
static const char *meta_value(const fmeta *m, const char *key)
{
    if (strcmp(key, "title") == 0)
        return m->title;
    if (strcmp(key, "subtitle") == 0)
        return m->subtitle;
    if (strcmp(key, "description") == 0 || strcmp(key, "summary") == 0)
        return m->summary;
    if (strcmp(key, "number") == 0)
        return m->number;
    if (strcmp(key, "lang") == 0)
        return m->lang;
    if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0)
        return m->authors.n ? m->authors.items[0] : NULL;
    return NULL;
}

/* The icon's name: {{< fa brands github >}}, {{< fa thumbs-up size=2x >}},
 * Hugo's {{< icon name="github" pack="fab" >}}. */
static const char *icon_name(const shortcode *sc)
{
    const char *named = shortcode_arg(sc, "name", -1);
    if (named)
        return named;
    const char *last = NULL;
    for (int i = 0; i < sc->n; i++) {
        if (!sc->keys[i])
            last = sc->values[i];
    }
    return last;
}

/* {{< fa [style] name [size=2x] >}} (Quarto's extension: solid unless
 * told), {{< icon name="github" pack="fab" >}} (Hugo): the <i> element
 * Quarto writes, which the HTML reader makes an icon of. An icon Font
 * Awesome Free lacks (another pack, a Pro icon, a typo) is printed by its
 * name, said. */
static void icon_shortcode(pp *p, const shortcode *sc, pp_origin o, int col, const char *written,
                           buf *cur)
{
    const char *icon = icon_name(sc);
    const char *group = shortcode_arg(sc, "pack", -1);
    if (!group && shortcode_arg(sc, NULL, 1))
        group = shortcode_arg(sc, NULL, 0);
    int style = group ? ficon_style_of(group) : FICON_SOLID;
    const char *size = shortcode_arg(sc, "size", -1);
    unsigned code;
    ficon_style drawn;
    if (icon && style >= 0 && ficon_find(icon, (ficon_style)style, &code, &drawn)) {
        bool sized = size && ficon_size_of(size) > 0;
        if (size && !sized) /* the size asked cannot be had: said */
            fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                       "%s: size=%s is not a Font Awesome size (1x to 10x, 2xs to 2xl, or tiny "
                       "to Huge); the icon has the text's size", written, size);
        buf_printf(cur, "<i class=\"fa-%s fa-%s%s%s\"></i>", ficon_style_name((ficon_style)style),
                   icon, sized ? " fa-" : "", sized ? size : "");
        return;
    }
    if (icon)
        buf_printf(cur, "<span class=\"icon\">%s</span>", icon);
    fdiag_warn(p->d, file_name(p, o.file), o.line, col,
               "%s: %s; printed by its name", written,
               style < 0 ? "not a Font Awesome icon pack (fab, fas, far; brands, solid, regular)"
                         : "no such icon in Font Awesome Free 6");
}

/* A key or a shortcut in <kbd>, its characters as typed (not Markdown:
 * punctuation escaped, which the HTML reader's text then decodes). */
static void put_kbd(buf *cur, const char *keys)
{
    buf_puts(cur, "<kbd>");
    for (const char *k = keys; *k; k++) {
        if (*k == '<')
            buf_puts(cur, "&lt;");
        else if (*k == '&')
            buf_puts(cur, "&amp;");
        else if (*k == '>')
            buf_puts(cur, "&gt;");
        else if (ispunct((unsigned char)*k))
            buf_printf(cur, "\\%c", *k);
        else
            buf_putc(cur, *k);
    }
    buf_puts(cur, "</kbd>");
}

/* Quarto's {{< kbd Shift-Ctrl-P mac=Shift-Command-P >}}: a web page shows
 * the keys of the reader's system; paper cannot know it, so every system's
 * keys are printed, as Quarto does for its formats without JavaScript:
 * "Shift-Ctrl-P (macOS: Shift-Command-P)", or with no default
 * "Shift-Command-P (macOS), Shift-Control-S (Windows)". */
static void kbd_shortcode(pp *p, const shortcode *sc, pp_origin o, int col, const char *written,
                          buf *cur)
{
    static const char *const systems[][2] = {{"mac", "macOS"}, {"win", "Windows"},
                                             {"linux", "Linux"}};
    const char *keys = shortcode_arg(sc, NULL, 0);
    int named = 0;
    for (int i = 0; i < sc->n; i++)
        named += sc->keys[i] != NULL;
    if (!keys && !named) {
        fdiag_warn(p->d, file_name(p, o.file), o.line, col, "%s: no keys to show; kept as text",
                   written);
        buf_puts(cur, written);
        return;
    }
    if (keys)
        put_kbd(cur, keys);
    int done = 0;
    for (int i = 0; i < sc->n; i++) {
        if (!sc->keys[i])
            continue;
        const char *system = sc->keys[i];
        for (size_t k = 0; k < sizeof systems / sizeof systems[0]; k++)
            if (strcmp(system, systems[k][0]) == 0)
                system = systems[k][1];
        if (keys) { /* the default, then the others in brackets */
            buf_puts(cur, done ? "; " : " (");
            buf_printf(cur, "%s: ", system);
            put_kbd(cur, sc->values[i]);
        } else {
            buf_puts(cur, done ? ", " : "");
            put_kbd(cur, sc->values[i]);
            buf_printf(cur, " (%s)", system);
        }
        done++;
    }
    if (keys && done)
        buf_putc(cur, ')');
}

/* Inline shortcodes: text replacements and HTML the builder understands.
 * Returns false for an unknown one. */
static bool inline_shortcode(pp *p, const shortcode *sc, pp_origin o, int col,
                             const char *written, size_t wlen, char next, buf *cur)
{
    const char *name = sc->name;
    if (strcmp(name, "var") == 0 || strcmp(name, "meta") == 0) {
        const char *key = shortcode_arg(sc, NULL, 0);
        const char *value = !key ? NULL : name[0] == 'v' ? var_value(p, key)
                                                         : meta_value(&p->doc->meta, key);
        size_t vlen = value ? strlen(value) : 0;
        if (value && p->out->text.len + cur->len + vlen > p->doc->limits.max_input_bytes) {
            /* Expansions count against the input limit, as includes do. */
            error_at(p, o, col, "{{< %s %s >}}: the document with its variables expanded "
                                "exceeds the limit of %zu bytes", name, key,
                     p->doc->limits.max_input_bytes);
        } else if (value) {
            buf_append(cur, value, vlen);
        } else if (p->failed) {
            buf_append(cur, written, wlen); /* _variables.yml was bad: said already */
        } else {
            fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                       "{{< %s %s >}}: no such %s%s; kept as text", name, key ? key : "",
                       name[0] == 'v' ? "variable" : "front-matter field",
                       name[0] == 'v' && !p->vars ? " (no _variables.yml found)" : "");
            buf_append(cur, written, wlen);
        }
        return true;
    }
    if (strcmp(name, "fa") == 0 || strcmp(name, "icon") == 0) {
        icon_shortcode(p, sc, o, col, written, cur);
        return true;
    }
    if (strcmp(name, "kbd") == 0 && !sc->closing) {
        kbd_shortcode(p, sc, o, col, written, cur);
        return true;
    }
    if (strcmp(name, "staticref") == 0) {
        if (sc->closing) {
            buf_puts(cur, "</a>");
        } else {
            const char *url = shortcode_arg(sc, "path", 0);
            buf_printf(cur, "<a href=\"%s\">", url ? url : "");
        }
        return true;
    }
    if (strcmp(name, "abbr") == 0) {
        if (sc->closing) {
            buf_puts(cur, "</abbr>");
            return true;
        }
        const char *title = shortcode_arg(sc, "title", 1);
        const char *text = shortcode_arg(sc, "text", 0);
        buf_printf(cur, "<abbr title=\"%s\">", title ? title : "");
        if (text)
            buf_printf(cur, "%s</abbr>", text);
        return true;
    }
    return false;
}

static void block_shortcode(pp *p, const source *src, const char *prefix, size_t plen,
                            const shortcode *sc, pp_origin o, int col, const char *written)
{
    const char *name = sc->name;
    if (strcmp(name, "callout") == 0 || strcmp(name, "spoiler") == 0) {
        if (sc->closing)
            paired_close(p, prefix, plen, sc, o, col);
        else
            paired_open(p, prefix, plen, sc, o, col, written);
    } else if (strcmp(name, "figure") == 0) {
        figure(p, prefix, plen, sc, o, col);
    } else if (strcmp(name, "include") == 0) {
        include(p, src, sc, o, col);
    } else if (strcmp(name, "pagebreak") == 0) {
        pagebreak(p, prefix, plen, o);
    } else if (!sc->closing) {
        card(p, prefix, plen, sc, o, col);
    }
}

// Hugo's escape, {{</* x */>}} or {{%/* x */%}} at s: the literal
// {{< x >}} appended to out; returns the bytes read, 0 when s holds none.
static size_t hugo_escape(const char *s, size_t n, buf *out)
{
    if (n < 10 || strncmp(s, "{{", 2) != 0 || (s[2] != '<' && s[2] != '%') || s[3] != '/' ||
        s[4] != '*')
        return 0;
    const char close[] = {'*', '/', s[2] == '<' ? '>' : '%', '}', '}', '\0'};
    const char *end = memmem(s + 5, n - 5, close, 5);
    if (!end)
        return 0;
    buf_append(out, s, 3);
    buf_append(out, s + 5, (size_t)(end - s - 5));
    buf_append(out, end + 2, 3);
    return (size_t)(end + 5 - s);
}

/* line[from..to) with Hugo's escapes unescaped, appended to out. */
static void hugo_unescape(const char *line, size_t from, size_t to, buf *out)
{
    for (size_t i = from; i < to;) {
        size_t k = line[i] == '{' ? hugo_escape(line + i, to - i, out) : 0;
        if (k) {
            i += k;
        } else {
            buf_putc(out, line[i]);
            i++;
        }
    }
}

static bool is_qmd(const pp *p)
{
    size_t plen = strlen(p->doc->path);
    return plen > 4 && strcmp(p->doc->path + plen - 4, ".qmd") == 0;
}

/* A code span line[from..to). Quarto replaces the shortcodes in it by
 * their text ({{< var x >}} by its value; an icon has none, said in a
 * warning); Hugo pages keep them as written, escapes unescaped. */
static void code_span(pp *p, const char *line, size_t from, size_t to, pp_origin o, buf *cur)
{
    bool quarto = is_qmd(p);
    if (!quarto) {
        hugo_unescape(line, from, to, cur);
        return;
    }
    size_t i = from;
    while (quarto && i < to) {
        const char *hit = memmem(line + i, to - i, "{{<", 3);
        if (!hit)
            break;
        size_t j = (size_t)(hit - line);
        buf_append(cur, line + i, j - i);
        shortcode sc;
        /* {{{< var x >}}} shows {{< var x >}}. */
        if (j > from && line[j - 1] == '{' &&
            shortcode_parse(p->doc->arena, line + j, to - j, &sc) == 1 && j + sc.len < to &&
            line[j + sc.len] == '}') {
            cur->data[--cur->len] = '\0';
            buf_append(cur, line + j, sc.len);
            i = j + sc.len + 1;
            continue;
        }
        if (shortcode_parse(p->doc->arena, line + j, to - j, &sc) != 1) {
            buf_append(cur, "{{<", 3);
            i = j + 3;
            continue;
        }
        const char *key = shortcode_arg(&sc, NULL, 0);
        const char *value = NULL;
        if (strcmp(sc.name, "var") == 0 && key)
            value = var_value(p, key);
        else if (strcmp(sc.name, "meta") == 0 && key)
            value = meta_value(&p->doc->meta, key);
        if (value) {
            buf_puts(cur, value);
        } else if (strcmp(sc.name, "fa") == 0 || strcmp(sc.name, "icon") == 0) {
            fdiag_warn(p->d, file_name(p, o.file), o.line, (int)j + 1 + p->col_shift,
                       "%.*s in code: an icon has no text to show there; left out",
                       (int)sc.len, line + j);
            /* a browser shows the two spaces around it in code as one */
            if (cur->len && cur->data[cur->len - 1] == ' ' && j + sc.len < to &&
                line[j + sc.len] == ' ')
                sc.len++;
        } else {
            buf_append(cur, line + j, sc.len);
        }
        i = j + sc.len;
    }
    buf_append(cur, line + i, to - i);
}

/* A line outside fences that may hold shortcodes. Block shortcodes split
 * it: the text before and after become lines of their own. */
/* A column counted on from an earlier one of the same text: offsets only
 * grow along a line, so it is read once. */
typedef struct col_count {
    size_t at;
    int col;
} col_count;

static int col_at(col_count *c, const char *s, size_t at)
{
    if (at < c->at)
        *c = (col_count){0, 1};
    for (; c->at < at; c->at++)
        c->col += ((unsigned char)s[c->at] & 0xC0) != 0x80;
    return c->col;
}

/* Marks of the line being rewritten (their line set when it is emitted). */
typedef struct col_marks {
    pp_col *v;
    size_t n, cap;
    col_count cur, src; /* in the rewritten line, in the source's */
} col_marks;

/* From cur's end on, the columns are the source's from byte src of line
 * (fixed: all at that column, the text a shortcode is replaced by). */
static void mark_col(pp *p, col_marks *m, const buf *cur, const char *line, size_t src, bool fixed)
{
    m->v = oom_grow(m->v, &m->cap, m->n + 1, sizeof *m->v, 8);
    m->v[m->n++] = (pp_col){0, cur->len, col_at(&m->cur, cur->data, cur->len),
                            col_at(&m->src, line, src) + p->col_shift, fixed};
}

/* cur emitted as a line, with the marks of its columns. */
static void emit_marked(pp *p, const buf *cur, pp_origin o, col_marks *m)
{
    emit(p, cur->data, cur->len, o);
    prepass *out = p->out;
    for (size_t k = 0; k < m->n; k++) {
        out->cols = oom_grow(out->cols, &out->cap_cols, out->n_cols + 1, sizeof *out->cols, 16);
        out->cols[out->n_cols] = m->v[k];
        out->cols[out->n_cols++].line = out->n_lines;
    }
    m->n = 0;
}

static void shortcode_line(pp *p, const source *src, const char *line, size_t len, size_t plen,
                           pp_origin o)
{
    buf cur = {0};
    buf_append(&cur, line, plen);
    bool split = false;
    col_marks marks = {.cur = {0, 1}, .src = {0, 1}};
    size_t i = plen;
    while (i < len && !p->failed) {
        const char *hit = memmem(line + i, len - i, "{{", 2);
        const char *tick = memchr(line + i, '`', len - i);
        if (tick && (!hit || tick < hit)) {
            /* `{{< youtube ID >}}` in inline code is shown, not run. */
            size_t t = (size_t)(tick - line), run = fence_run(tick, len - t, '`'), end = t + run;
            for (size_t k = end; k < len; k++) {
                size_t r = fence_run(line + k, len - k, '`');
                if (r == run) {
                    end = k + r;
                    break;
                }
                k += r ? r - 1 : 0;
            }
            buf_append(&cur, line + i, t - i);
            size_t before = cur.len;
            code_span(p, line, t, end, o, &cur);
            if (cur.len - before != end - t)
                mark_col(p, &marks, &cur, line, end, false);
            i = end;
            continue;
        }
        if (!hit) {
            buf_append(&cur, line + i, len - i);
            break;
        }
        size_t j = (size_t)(hit - line);
        buf_append(&cur, line + i, j - i);
        size_t escaped = is_qmd(p) ? 0 : hugo_escape(line + j, len - j, &cur);
        if (escaped) {
            i = j + escaped;
            mark_col(p, &marks, &cur, line, i, false);
            continue;
        }
        shortcode sc;
        /* Quarto's escape: {{{< var x >}}} is the literal {{< var x >}}. */
        if (j + 2 < len && line[j + 2] == '{' &&
            shortcode_parse(p->doc->arena, line + j + 1, len - j - 1, &sc) == 1 &&
            j + 1 + sc.len < len && line[j + 1 + sc.len] == '}') {
            buf_append(&cur, line + j + 1, sc.len);
            i = j + sc.len + 2;
            mark_col(p, &marks, &cur, line, i, false);
            continue;
        }
        int rc = shortcode_parse(p->doc->arena, line + j, len - j, &sc);
        int col = (int)j + 1 + p->col_shift;
        if (rc == 0) {
            buf_append(&cur, "{{", 2);
            i = j + 2;
            continue;
        }
        if (rc < 0) {
            /* Quote it up to its name: "{{< figure". */
            size_t k = j + 3;
            k += strspn(line + k, " \t/");
            k += strcspn(line + k, " \t>%");
            error_at(p, o, col, "shortcode %.*s is not closed with %s on its line", (int)(k - j),
                     line + j, line[j + 2] == '%' ? "%}}" : ">}}");
            break;
        }
        const char *written = arena_strndup(p->doc->arena, line + j, sc.len);
        if (is_block_shortcode(sc.name)) {
            if (cur.len > plen && cur.data[strspn(cur.data + plen, " \t") + plen])
                emit_marked(p, &cur, o, &marks);
            marks.n = 0;
            buf_clear(&cur);
            buf_append(&cur, line, plen);
            block_shortcode(p, src, line, plen, &sc, o, col, written);
            split = true;
            mark_col(p, &marks, &cur, line, j + sc.len, false); /* the rest of the line */
        } else {
            mark_col(p, &marks, &cur, line, j, true);
            if (!inline_shortcode(p, &sc, o, col, written, sc.len,
                                  j + sc.len < len ? line[j + sc.len] : '\0', &cur)) {
                fdiag_warn(p->d, file_name(p, o.file), o.line, col,
                           "unknown shortcode %s; kept as text", written);
                buf_append(&cur, written, sc.len);
            }
            mark_col(p, &marks, &cur, line, j + sc.len, false);
        }
        i = j + sc.len;
    }
    if (!p->failed && (!split || cur.data[strspn(cur.data + plen, " \t") + plen]))
        emit_marked(p, &cur, o, &marks);
    free(marks.v);
    buf_free(&cur);
}

/* ---- lines ---- */

/* Leading indentation and block-quote markers, kept on generated lines. */
static size_t prefix_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
        i++;
    return i;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    }
    return true;
}

/* md4c 0.4.8 wants at least three dashes per column in a table's
 * delimiter row (| -- | ------- |); pandoc and GitHub take one. */
static bool widen_table_delimiter(pp *p, const char *line, size_t len, pp_origin o)
{
    bool pipe = false, dash = false;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '|')
            pipe = true;
        else if (line[i] == '-')
            dash = true;
        else if (!strchr(" \t:>", line[i]))
            return false;
    }
    if (!pipe || !dash)
        return false;
    buf w = {0};
    for (size_t i = 0; i < len;) {
        size_t run = fence_run(line + i, len - i, '-');
        if (run) {
            buf_append(&w, "---", run < 3 ? 3 - run : 0);
            buf_append(&w, line + i, run);
            i += run;
        } else {
            buf_putc(&w, line[i++]);
        }
    }
    emit(p, w.data, w.len, o);
    buf_free(&w);
    return true;
}

/* "[Invitation](https://host/a b.ics)": not a CommonMark link (pandoc and
 * Quarto print it raw), but plainly one: recovered with its spaces encoded,
 * with a warning. A title ("](url \"title\")") or <a b> is left to md4c.
 * Returns a new line in fixed, or false when there was nothing to do. */
/* What spaced_links asks of a line, for every "](" at once: a line full of
 * them (or of unclosed code spans) was read again from each to its end. */
typedef struct link_scan {
    size_t *close; /* the ')' closing the '(' at i (as many '(' as ')' between), or len */
    size_t *title; /* the first blank at i or after whose next other byte opens a title */
    size_t *same;  /* the next run of as many backticks as the run starting at i, or len */
} link_scan;

static void link_scan_init(link_scan *ls, const char *line, size_t len)
{
    ls->close = malloc((len + 1) * sizeof *ls->close);
    ls->title = malloc((len + 1) * sizeof *ls->title);
    ls->same = malloc((len + 1) * sizeof *ls->same);
    size_t *open = malloc((len + 1) * sizeof *open), depth = 0;
    if (!ls->close || !ls->title || !ls->same || !open)
        oom_abort();
    for (size_t i = 0; i < len; i++) {
        ls->close[i] = len;
        if (line[i] == '(')
            open[depth++] = i;
        else if (line[i] == ')' && depth)
            ls->close[open[--depth]] = i;
    }
    size_t next = len; /* the next byte other than a blank, from the end */
    ls->title[len] = len;
    for (size_t i = len; i-- > 0;) {
        ls->title[i] = ls->title[i + 1];
        if (line[i] == ' ' && next < len && line[next] && strchr("\"'(", line[next]))
            ls->title[i] = i;
        if (line[i] != ' ')
            next = i;
    }
    /* runs from the end: open[n], the last run of n seen */
    for (size_t n = 0; n <= len; n++)
        open[n] = len;
    for (size_t i = len; i-- > 0;) {
        if (line[i] != '`' || (i > 0 && line[i - 1] == '`'))
            continue;
        size_t n = fence_run(line + i, len - i, '`');
        ls->same[i] = open[n];
        open[n] = i;
    }
    free(open);
}

static void link_scan_free(link_scan *ls)
{
    free(ls->close);
    free(ls->title);
    free(ls->same);
}

static bool spaced_links(pp *p, const char *line, size_t len, pp_origin o, buf *fixed)
{
    bool changed = false;
    size_t i = 0, blank = 0; /* the next blank at or after d, found as d grows */
    link_scan ls;
    link_scan_init(&ls, line, len);
    for (size_t k = 0; k + 2 < len; k++) {
        if (line[k] == '`') { /* code spans keep what they hold */
            size_t run = fence_run(line + k, len - k, '`'), e = ls.same[k];
            k = e < len ? e + run - 1 : k + run - 1;
            continue;
        }
        if (line[k] != ']' || line[k + 1] != '(' || line[k + 2] == '<')
            continue;
        size_t d = k + 2, e = ls.close[k + 1];
        if (blank < d) {
            const char *b = memchr(line + d, ' ', len - d);
            blank = b ? (size_t)(b - line) : len;
        }
        if (e >= len || blank >= e)
            continue;
        if (ls.title[blank] < e)
            continue; /* ](url "title") */
        bool url = !strncmp(line + d, "http://", 7) || !strncmp(line + d, "https://", 8) ||
                   line[d] == '/' || line[d] == '.';
        if (!url)
            continue;
        buf_append(fixed, line + i, d - i);
        for (size_t c = d; c < e; c++) {
            if (line[c] == ' ')
                buf_puts(fixed, "%20");
            else
                buf_putc(fixed, line[c]);
        }
        fdiag_warn(p->d, file_name(p, o.file), o.line, (int)d + 1 + p->col_shift,
                   "the link address \"%.*s\" has spaces (not a link in CommonMark); read "
                   "with them encoded as %%20", (int)(e - d), line + d);
        i = e;
        k = e;
        changed = true;
    }
    link_scan_free(&ls);
    if (changed)
        buf_append(fixed, line + i, len - i);
    return changed;
}

/* A line of Markdown text: shortcodes expanded, table rows widened. */
static void text_line(pp *p, const source *src, const char *line, size_t len, size_t plen,
                      pp_origin o)
{
    buf fixed = {0};
    if (memmem(line, len, "](", 2) && spaced_links(p, line, len, o, &fixed)) {
        text_line(p, src, fixed.data, fixed.len, plen, o);
        buf_free(&fixed);
        return;
    }
    if (memmem(line + plen, len - plen, "{{", 2))
        shortcode_line(p, src, line, len, plen, o);
    else if (!widen_table_delimiter(p, line, len, o))
        emit(p, line, len, o);
}

/* Pandoc's markdown_in_html_blocks. A line holding container tags
 * (<details>, <summary>, <div>…) is cut in pieces: the tags, with any HTML
 * right after them, on lines of their own between blank lines (HTML blocks
 * md4c reads alone); the text between them on lines of its own, read as
 * Markdown. False when the line has no container tag. */
static bool html_pieces(pp *p, const source *src, const char *line, size_t len, size_t plen,
                        pp_origin o)
{
    size_t at = htmlblock_next_container(line, len, plen);
    if (at == len)
        return false;
    buf piece = {0}, html = {0};
    size_t i = plen;
    while (i < len) {
        if (at > i) {
            size_t from = i + strspn(line + i, " \t");
            if (html.len && from < at && line[from] == '<') {
                buf_append(&html, line + i, at - i); /* more HTML after the tags */
            } else if (from < at) {
                if (html.len) {
                    emit_alone(p, line, plen, o, buf_cstr(&html));
                    buf_clear(&html);
                }
                buf_clear(&piece);
                buf_append(&piece, line, plen);
                buf_append(&piece, line + from, at - from);
                p->col_shift = (int)(from - plen);
                text_line(p, src, piece.data, piece.len, plen, o);
                p->col_shift = 0;
            }
        }
        if (at == len)
            break;
        size_t tag = htmlblock_container_tag(line + at, len - at);
        buf_append(&html, line + at, tag);
        i = at + tag;
        at = htmlblock_next_container(line, len, i);
    }
    if (html.len)
        emit_alone(p, line, plen, o, buf_cstr(&html));
    buf_free(&piece);
    buf_free(&html);
    return true;
}

/* Addresses this long in a reference definition are handed to the builder
 * (pp_ref): md4c reads a definition's address again at every use. */
enum { REF_HANDED_BYTES = 256 };

const pp_ref *prepass_ref_at(const prepass *pp, size_t line)
{
    return record_at(pp->refs, pp->n_refs, sizeof *pp->refs, line);
}

const pp_join *prepass_join_at(const prepass *pp, size_t line)
{
    return record_at(pp->joins, pp->n_joins, sizeof *pp->joins, line);
}

int prepass_col(const prepass *pp, size_t line, size_t off, int rcol)
{
    /* the last mark at or before (line, off) */
    size_t lo = 0, hi = pp->n_cols;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const pp_col *c = &pp->cols[mid];
        if (c->line < line || (c->line == line && c->at <= off))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || pp->cols[lo - 1].line != line)
        return rcol;
    const pp_col *c = &pp->cols[lo - 1];
    return c->fixed ? c->col : c->col + rcol - c->rcol;
}

static void add_ref(pp *p, pp_ref r)
{
    prepass *out = p->out;
    out->refs = oom_grow(out->refs, &out->cap_refs, out->n_refs + 1, sizeof *out->refs, 16);
    out->refs[out->n_refs++] = r;
}

/* A reference definition with a long address: written with a placeholder
 * in its place, the address kept aside (an address over PP_MAX_URL_BYTES is
 * no link, with a warning). Only where CommonMark starts a definition: no
 * paragraph open, indented less than a code block. False when the line is
 * left as it is. */
static bool ref_definition(pp *p, file_state *fs, const char *line, size_t len, size_t plen,
                           pp_origin o)
{
    bool may_start = fs->ref_may_start, pending = fs->ref_pending;
    fs->ref_may_start = is_blank(line + plen, len - plen);
    fs->ref_pending = false;
    size_t quote = plen, indent = 0;
    while (quote > 0 && line[quote - 1] != '>')
        quote--;
    for (size_t i = quote; i < plen; i++)
        indent += line[i] == '\t' ? 4 : 1;
    const char *s = line + plen;
    size_t n = len - plen;
    refdef_span at;
    if (pending) {
        if (!refdef_address(s, n, &at))
            return false;
    } else if (!may_start || indent > (quote ? 4u : 3u) || !refdef_line(s, n, &at)) {
        return false;
    } else if (at.start == n) {
        fs->ref_pending = true;
        fs->ref_may_start = true;
        return false;
    }
    fs->ref_may_start = true;
    size_t raw = at.end - at.start;
    if (raw < REF_HANDED_BYTES || memmem(s, n, "{{", 2)) /* shortcodes: text_line's */
        return false;
    pp_ref r = {p->out->n_lines + 1, NULL, raw};
    if (raw > PP_MAX_URL_BYTES) {
        size_t bytes = s[at.start] == '<' ? raw - 2 : raw;
        fdiag_warn(p->d, file_name(p, o.file), o.line, (int)(plen + at.start) + 1 + p->col_shift,
                   "link address of %zu bytes is longer than %d KiB; the text is kept without "
                   "the link wherever it is used", bytes, PP_MAX_URL_BYTES / 1024);
    } else {
        buf url = {0};
        refdef_decode(s + at.start, raw, &url);
        r.size = url.len;
        r.url = arena_strndup(p->doc->arena, buf_cstr(&url), url.len);
        buf_free(&url);
    }
    add_ref(p, r);
    buf rewritten = {0};
    buf_append(&rewritten, line, plen + at.start);
    buf_puts(&rewritten, PP_REF_PLACEHOLDER);
    buf_append(&rewritten, s + at.end, n - at.end);
    emit(p, rewritten.data, rewritten.len, o);
    buf_free(&rewritten);
    return true;
}

static void handle_line(pp *p, const source *src, file_state *fs, const char *line, size_t len,
                        pp_origin o)
{
    size_t plen = prefix_len(line, len);
    const char *s = line + plen;
    size_t n = len - plen;
    bool in_html = fs->html_end != NULL;
    p->literal = fs->fence || in_html;
    if (fs->fence) {
        fs->ref_may_start = true; /* after the fence's end */
        fs->ref_pending = false;
        size_t run = fence_run(s, n, fs->fence);
        if (run >= fs->fence_len && is_blank(s + run, n - run))
            fs->fence = 0;
        if (!is_qmd(p) && memmem(line, len, "/*", 2)) { /* Hugo reads code blocks too */
            buf code = {0};
            hugo_unescape(line, 0, len, &code);
            emit(p, code.data, code.len, o);
            buf_free(&code);
        } else {
            emit(p, line, len, o);
        }
        return;
    }
    if (fs->md_fence && s[0] == fs->md_fence) {
        size_t run = fence_run(s, n, fs->md_fence);
        if (run >= fs->md_fence_len && is_blank(s + run, n - run)) {
            fs->md_fence = 0;
            emit_blank(p, line, plen, o);
            return;
        }
    }
    if (n >= 3 && (s[0] == '`' || s[0] == '~')) {
        size_t run = fence_run(s, n, s[0]);
        const char *info = s + run + strspn(s + run, " \t");
        /* ```{=markdown}: Markdown to read, not code to show. */
        if (run >= 3 && !fs->md_fence && (size_t)(s + n - info) >= 11 &&
            !strncmp(info, "{=markdown}", 11) && is_blank(info + 11, (size_t)(s + n - info - 11))) {
            fs->md_fence = s[0];
            fs->md_fence_len = run;
            emit_blank(p, line, plen, o);
            return;
        }
        if (run >= 3 && !(s[0] == '`' && memchr(s + run, '`', n - run))) {
            fs->fence = s[0];
            fs->fence_len = run;
            p->literal = true;
            emit(p, line, len, o);
            return;
        }
    }
    if (n >= 3 && s[0] == ':' && s[1] == ':' && s[2] == ':') {
        fenced_div(p, line, plen, line, len, o);
        fs->ref_may_start = true;
        return;
    }
    if (fs->html_end) {
        if (htmlblock_has_end(s, n, 0, fs->html_end))
            fs->html_end = NULL;
    } else if (n && s[0] == '<' && (fs->html_end = htmlblock_raw_end(s, n))) {
        if (htmlblock_has_end(s, n, 1, fs->html_end))
            fs->html_end = NULL;
    } else if (html_pieces(p, src, line, len, plen, o)) {
        fs->ref_may_start = false;
        return;
    }
    if (in_html || fs->html_end) {
        p->literal = true;
        fs->ref_may_start = fs->ref_pending = false;
    } else if (ref_definition(p, fs, line, len, plen, o)) {
        return;
    }
    text_line(p, src, line, len, plen, o);
}

/* "[^label]: " at the start of a line: the label's length, else 0. */
static size_t note_label(const char *s, size_t len)
{
    if (len < 5 || s[0] != '[' || s[1] != '^')
        return 0;
    size_t i = 2;
    while (i < len && s[i] != ']' && s[i] != ' ' && s[i] != '[')
        i++;
    return i > 2 && i + 1 < len && s[i] == ']' && s[i + 1] == ':' ? i - 2 : 0;
}

/* A line that ends a footnote's lazy continuation. */
static bool starts_block(const char *s, size_t len)
{
    return note_label(s, len) || (len >= 3 && !memcmp(s, ":::", 3)) ||
           (len >= 1 && s[0] == '#') || (len >= 3 && (!memcmp(s, "```", 3) || !memcmp(s, "~~~", 3))) ||
           (len >= 3 && (!memcmp(s, "{{%", 3) || !memcmp(s, "{{<", 3)));
}

static void close_note(pp *p, file_state *fs, pp_origin o)
{
    if (p->n_open > fs->note_open) {
        const opened *top = &p->open[p->n_open - 1];
        error_at(p, top->at, top->col, "%s is not closed before the end of its footnote",
                 top->text);
        return;
    }
    fs->in_note = false;
    close_marker(p, "", 0, o);
}

static void open_note(pp *p, file_state *fs, const char *line, size_t label, pp_origin o)
{
    size_t index;
    pp_block *b = new_block(p, PP_FOOTNOTE, o, &index);
    if (!b)
        return;
    b->label = arena_strndup(p->doc->arena, line + 2, label);
    open_marker(p, "", 0, o, index);
    fs->in_note = true;
    fs->note_blank = false;
    fs->note_open = p->n_open;
}

/* Footnote bodies are de-indented so that their blocks read as top-level
 * Markdown between the markers. */
static void note_or_line(pp *p, const source *src, file_state *fs, const char *line, size_t len,
                         pp_origin o)
{
    if (fs->in_note && !fs->fence) {
        if (is_blank(line, len)) {
            fs->note_blank = true;
            emit(p, "", 0, o);
            return;
        }
        bool indented = line[0] == '\t' || (len >= 4 && !memcmp(line, "    ", 4));
        if (!indented && (fs->note_blank || starts_block(line, len))) {
            close_note(p, fs, o);
        } else {
            size_t cut = 0;
            if (line[0] == '\t')
                cut = 1;
            else
                while (cut < 4 && cut < len && line[cut] == ' ')
                    cut++;
            fs->note_blank = false;
            handle_line(p, src, fs, line + cut, len - cut, o);
            return;
        }
    } else if (fs->in_note) {
        size_t cut = line[0] == '\t' ? 1 : (len >= 4 && !memcmp(line, "    ", 4) ? 4 : 0);
        handle_line(p, src, fs, line + cut, len - cut, o);
        return;
    }
    size_t label;
    if (!fs->fence && (label = note_label(line, len))) {
        open_note(p, fs, line, label, o);
        size_t rest = label + 4;
        while (rest < len && (line[rest] == ' ' || line[rest] == '\t'))
            rest++;
        if (rest < len)
            handle_line(p, src, fs, line + rest, len - rest, o);
        return;
    }
    handle_line(p, src, fs, line, len, o);
}

/* ---- definition lists (pandoc) ---- */

/* ": definition" or "~ definition", indented two spaces at most: the
 * offset of the definition's text, 0 when s is no such line. */
static size_t definition_mark(const char *s, size_t len)
{
    size_t i = 0;
    while (i < 2 && i < len && s[i] == ' ')
        i++;
    if (i + 1 >= len || (s[i] != ':' && s[i] != '~') || (s[i + 1] != ' ' && s[i + 1] != '\t'))
        return 0;
    i += 2;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* A line that may be a term: text of its own, not another block's start
 * (a heading, a list item, a quote, a table row, HTML, a fence…). */
static bool term_line(const char *s, size_t len)
{
    if (!len || is_blank(s, len) || strchr(" \t>#|<:~", s[0]) || starts_block(s, len))
        return false;
    if (strchr("-*+", s[0]) && (len == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == s[0]))
        return false; /* a bullet, a rule */
    size_t d = 0;
    while (d < len && d < 10 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d && d < len && (s[d] == '.' || s[d] == ')') && (d + 1 == len || s[d + 1] == ' '))
        return false; /* an ordered item */
    return !(len >= 3 && s[0] == '=' && s[1] == '=');
}

/* The line at text[0..len) and the next one: when the first is blank,
 * the second (one blank line may part a term from its definition). */
static bool definition_next(const char *text, size_t len)
{
    for (int k = 0; k < 2; k++) {
        const char *nl = memchr(text, '\n', len);
        size_t n = nl ? (size_t)(nl - text) : len;
        if (n && text[n - 1] == '\r')
            n--;
        if (!is_blank(text, n))
            return definition_mark(text, n) > 0;
        if (!nl)
            return false;
        len -= (size_t)(nl - text) + 1;
        text = nl + 1;
    }
    return false;
}

static void open_block(pp *p, pp_kind kind, pp_origin o)
{
    size_t index;
    if (new_block(p, kind, o, &index))
        open_marker(p, "", 0, o, index);
}

/* The term line: "Term" between its markers, read as a paragraph. */
static void definition_term(pp *p, const source *src, file_state *fs, const char *line,
                            size_t len, pp_origin o)
{
    open_block(p, PP_DEF_TERM, o);
    handle_line(p, src, fs, line, len, o);
    close_marker(p, "", 0, o);
    fs->dl = DL_TERM;
    fs->dl_blank = false;
}

static void definition_open(pp *p, const source *src, file_state *fs, const char *line,
                            size_t len, size_t at, pp_origin o)
{
    open_block(p, PP_DEF_DATA, o);
    fs->dl = DL_DATA;
    fs->dl_blank = false;
    fs->dl_inner[0] = DLB_OTHER;
    if (at < len)
        handle_line(p, src, fs, line + at, len - at, o);
}

/* Closes the open definition (its blocks must be closed) and, when all,
 * the list; false after an error. */
static bool definition_close(pp *p, file_state *fs, pp_origin o, bool all)
{
    if (p->n_open > fs->dl_open) {
        const opened *top = &p->open[p->n_open - 1];
        return error_at(p, top->at, top->col, "%s is not closed before the end of its "
                                              "definition", top->text);
    }
    if (fs->fence) { /* a fence left open in the definition ends with it */
        emit(p, fs->fence == '`' ? "```" : "~~~", 3, o);
        fs->fence = 0;
    }
    for (; fs->dl_more; fs->dl_more--)
        close_marker(p, "", 0, o);
    if (fs->dl == DL_DATA)
        close_marker(p, "", 0, o);
    if (all) {
        close_marker(p, "", 0, o);
        fs->dl = DL_NONE;
    }
    return true;
}

/* Leading spaces of s[0..n). */
static size_t indent_of(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* A line of a definition, its indent taken off. A definition list in it
 * is read after the tree is built (deflists.c: md4c gives "Term",
 * ": definition" as a paragraph); the blocks indented under one of its
 * definitions, after a blank line, are that definition's, as pandoc reads
 * them (md4c would read them as indented code): each such indent opens a
 * PP_DEF_DATA, and deflists.c moves its blocks into the definition before
 * it. So at any depth: "Deepest term", ": definition" under a definition
 * of a definition is a list there too. */
static void definition_inner(pp *p, const source *src, file_state *fs, const char *s, size_t n,
                             bool after_blank, pp_origin o)
{
    int d = 0;
    while (d < fs->dl_more && indent_of(s, n) >= 4) {
        s += 4, n -= 4;
        d++;
    }
    if (fs->fence) {
        handle_line(p, src, fs, s, n, o);
        return;
    }
    if (after_blank && d == fs->dl_more && fs->dl_inner[d] == DLB_DEF && indent_of(s, n) >= 4) {
        if (d == DL_DEPTH) {
            fdiag_warn(p->d, file_name(p, o.file), o.line, 4 * (d + 1) + 1,
                       "definition lists nested deeper than %d are not read; kept as code",
                       DL_DEPTH + 2); /* (the list, one in it, and DL_DEPTH more) */
        } else {
            open_block(p, PP_DEF_DATA, o);
            s += 4, n -= 4;
            fs->dl_more = ++d;
            fs->dl_inner[d] = DLB_OTHER;
        }
    }
    if (!after_blank) { /* a paragraph's next line: where the paragraph is */
        d = fs->dl_more;
    } else {
        for (; fs->dl_more > d; fs->dl_more--)
            close_marker(p, "", 0, o);
    }
    /* as deflists.c reads "Term", ": definition" (after a blank line or
     * not), and a definition's lazy lines */
    if (definition_mark(s, n))
        fs->dl_inner[d] = fs->dl_inner[d] == DLB_OTHER ? DLB_OTHER : DLB_DEF;
    else if (after_blank)
        fs->dl_inner[d] = term_line(s, n) ? DLB_TERM : DLB_OTHER;
    else if (fs->dl_inner[d] == DLB_TERM)
        fs->dl_inner[d] = DLB_OTHER;
    handle_line(p, src, fs, s, n, o);
}

/* A line while a definition list is open; false when it ends the list
 * (closed, the line is the caller's). rest: the text after the line. */
static bool definition_line(pp *p, const source *src, file_state *fs, const char *line,
                            size_t len, const char *rest, size_t rest_len, pp_origin o)
{
    bool blank = is_blank(line, len);
    size_t mark = fs->fence ? 0 : definition_mark(line, len);
    if (fs->dl == DL_TERM) {
        if (blank && !fs->dl_blank) {
            fs->dl_blank = true;
            emit(p, "", 0, o);
            return true;
        }
        if (mark) {
            definition_open(p, src, fs, line, len, mark, o);
            return true;
        }
        definition_close(p, fs, o, true); /* (a term is only made with its definition) */
        return false;
    }
    bool indented = line[0] == '\t' || (len >= 4 && !memcmp(line, "    ", 4));
    if (blank || indented || fs->fence) {
        size_t cut = 0;
        if (!blank && line[0] == '\t')
            cut = 1;
        else
            while (cut < 4 && cut < len && line[cut] == ' ')
                cut++;
        bool after_blank = fs->dl_blank;
        fs->dl_blank = blank;
        if (blank)
            handle_line(p, src, fs, line + cut, len - cut, o);
        else
            definition_inner(p, src, fs, line + cut, len - cut, after_blank, o);
        return true;
    }
    if (mark) { /* the term's next definition */
        if (definition_close(p, fs, o, false))
            definition_open(p, src, fs, line, len, mark, o);
        return true;
    }
    if (!fs->dl_blank && !starts_block(line, len) && !fs->html_end) {
        handle_line(p, src, fs, line, len, o); /* a paragraph's lazy line */
        return true;
    }
    if (fs->dl_blank && term_line(line, len) && definition_next(rest, rest_len)) {
        if (definition_close(p, fs, o, false)) /* the next term */
            definition_term(p, src, fs, line, len, o);
        return true;
    }
    definition_close(p, fs, o, true);
    return false;
}

/* Pandoc's definition lists, "Term" then ": definition" (or "~"), are
 * rewritten between markers: list, term (its line), definition (its
 * lines, de-indented as a footnote's). Not inside footnotes, quotes and
 * list items. */
static void line_of_file(pp *p, const source *src, file_state *fs, const char *line, size_t len,
                         const char *rest, size_t rest_len, pp_origin o)
{
    bool may_start = fs->block_start;
    fs->block_start = is_blank(line, len) || (len >= 3 && !memcmp(line, ":::", 3)) ||
                      (len && line[0] == '#');
    if (fs->dl && definition_line(p, src, fs, line, len, rest, rest_len, o))
        return;
    if (p->failed)
        return;
    if (may_start && !fs->fence && !fs->html_end && !fs->md_fence &&
        (!fs->in_note || fs->note_blank) && term_line(line, len) &&
        definition_next(rest, rest_len)) {
        if (fs->in_note) /* the line ends the footnote before it */
            close_note(p, fs, o);
        if (p->failed)
            return;
        fs->dl_open = p->n_open;
        open_block(p, PP_DEF_LIST, o);
        definition_term(p, src, fs, line, len, o);
        return;
    }
    note_or_line(p, src, fs, line, len, o);
}

static bool process(pp *p, const source *src, const char *text, size_t len, int first_line)
{
    file_state fs = {.ref_may_start = true, .block_start = true};
    size_t open_at_start = p->n_open;
    int line_no = first_line;
    for (size_t i = 0; i < len && !p->failed; line_no++) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - i;
        pp_origin o = {src->idx, line_no};
        if (n > p->doc->limits.max_line_bytes)
            return error_at(p, o, 0, "line of %zu bytes exceeds the limit of %zu bytes", n,
                            p->doc->limits.max_line_bytes);
        if (n && text[end - 1] == '\r')
            n--;
        size_t next = end < len ? end + 1 : len;
        line_of_file(p, src, &fs, text + i, n, text + next, len - next, o);
        i = end + 1;
    }
    pp_origin last = {src->idx, line_no > first_line ? line_no - 1 : first_line};
    if (!p->failed && fs.dl)
        definition_close(p, &fs, last, true);
    if (!p->failed && fs.in_note)
        close_note(p, &fs, last);
    if (!p->failed && p->n_open > open_at_start) {
        const opened *top = &p->open[p->n_open - 1];
        return error_at(p, top->at, top->col, "%s is never closed", top->text);
    }
    return !p->failed;
}

bool prepass_run(folio_doc *doc, const char *body, size_t len, int first_line, fdiag *d,
                 prepass *out)
{
    memset(out, 0, sizeof *out);
    pp p = {.doc = doc, .d = d, .out = out, .cap_files = doc->n_files};
    char *real = doc->dir && strcmp(doc->path, "<stdin>") != 0 ? realpath(doc->path, NULL) : NULL;
    source main = {0, doc->path, doc->dir, real, 0, NULL};
    /* Lines before the body (front matter) map to themselves. */
    for (int l = 1; l < first_line; l++)
        emit(&p, "", 0, (pp_origin){0, l});
    bool ok = process(&p, &main, body, len, first_line);
    if (ok)
        parasplit_run(doc, out, p.literal_lines, p.n_literal, d);
    /* held through the parse, next to the model: not with the room the
     * doublings left (up to as much again, issue 14 item 17) */
    buf_shrink(&out->text);

    free(p.literal_lines);
    free(real);
    free(p.open);
    vars_free(p.vars);
    return ok;
}

void prepass_free(prepass *pp)
{
    buf_free(&pp->text);
    free(pp->runs);
    free(pp->blocks);
    free(pp->marks);
    free(pp->refs);
    free(pp->joins);
    free(pp->cols);
    memset(pp, 0, sizeof *pp);
}
