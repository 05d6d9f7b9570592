#include "build.h"

#include <glib.h>
#include <md4c.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrs.h"
#include "autolink.h"
#include "entity.h"
#include "finish.h"
#include "footnotes.h"
#include "math/mtree.h"
#include "rawhtml.h"
#include "tree.h"
#include "util/spill.h"

/* Who opened a stack entry decides who may close it. */
typedef enum frame_kind {
    FR_MD,       /* an md4c block or span */
    FR_HTML,     /* a raw HTML tag; closed by its end tag */
    FR_MARKER,   /* a pre-pass <folio-block>; closed by </folio-block> */
    FR_IMPLICIT, /* a paragraph opened for loose inlines; closed by the next block */
} frame_kind;

typedef struct frame {
    fnode *node;
    frame_kind kind;
    const char *tag;      /* FR_HTML: the tag name */
    const pp_block *spec; /* FR_MARKER: what the pre-pass saw */
    bool address_text;    /* a link's or image's words: no address in them is linked */
} frame;

/* What md4c text is being gathered into b->literal rather than into nodes. */
typedef enum collect_mode { COLLECT_NONE, COLLECT_SPAN, COLLECT_BLOCK } collect_mode;

struct builder {
    folio_doc *doc;
    arena *a;
    fdiag *d;
    const prepass *pp;
    const char *text;
    size_t len;
    const spill *text_store; /* where text is: let go as md4c goes on */
    size_t blocks;           /* entered so far */
    uint32_t *line_starts; /* offset of each rewritten line (md4c reads 32-bit sizes) */
    spill starts_store;    /* where they are (4 bytes a line: a scratch file once long) */
    size_t n_lines;
    frame *stack;
    int depth, cap;
    bool failed;
    int last_rline; /* line of the latest text seen */
    buf pending;    /* adjacent text and entities, merged into one FN_TEXT */
    int pending_rline, pending_col;
    const char *pending_at; /* where it begins in the text (NULL: md4c's own string) */
    bool pending_md;        /* all of it Markdown text (not raw HTML's): bare addresses link */
    buf entities;           /* where it holds decoded entities: [start, end) size_t pairs */
    int in_address_text;    /* open frames whose words are a link's or image's */
    const char *text_end;   /* just past md4c's latest text in the text (NULL: none) */
    uint64_t literal_marks; /* open emphasis spans whose marks are an address's (a bit
                               each, the innermost lowest): see marks_in_address */
    int mark_depth;         /* open emphasis spans */
    bool gfm;               /* marks in a bare address are its own (build_tree) */
    size_t address_len;     /* the pending text up to here ends in a bare address begun
                               (0: not known): address_goes_on reads only what follows */
    /* the last column counted: where, on which line, and its value */
    const char *col_at;
    int col_rline, col_n;
    buf literal;
    collect_mode collect;
    int collect_rline;
    const char *collect_at; /* first byte of a math span in the text */
    /* the code block being read */
    const char *code_info;
    bool code_fenced;
    /* the table being read */
    fnode *table;
    bool in_head;
    int col;
    buf warned; /* "\n"-separated keys of once-only warnings */
    int n_warned;
    GHashTable *strings; /* attribute values by content: one copy each */
    GHashTable *raw_attrs; /* attribute text in the source → its value (attr_value) */
    fnode *cut_link;     /* the open link kept as text, to be said at its end */
    bool cut_for_budget; /* …because the addresses' total passed the input limit */
    size_t url_bytes;    /* link addresses so far, each use counted */
    const char *html_skip; /* inline <script>, <style>…: text dropped until its end tag */
    buf svg;               /* an inline <svg> gathered to its end tag (md4c hands it */
    int svg_depth, svg_rline; /* over tag by tag), then read whole as an image */
    buf tag;               /* an inline tag written over several lines, which md4c */
    int tag_rline, tag_col; /* hands over line by line: read once whole */
    const pp_join *join;   /* the paragraph that comes next goes on with the one before */
    fnode *tight_join;     /* the break a join put in a tight item's text (no paragraph) */
    bool join_bang;        /* ...and its first text is the "!" of the pre-pass's "\\!" */
};


/* The rewritten line of a pointer md4c handed over; 0 for its own strings
 * (compared as integers: they may point anywhere). */
static int rline_of(const builder *b, const char *p)
{
    uintptr_t at = (uintptr_t)p, start = (uintptr_t)b->text;
    if (at < start || at >= start + b->len)
        return 0;
    size_t off = at - start, lo = 0, hi = b->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (b->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

/* The 1-based column (in characters) of p on rewritten line rline,
 * counted on from the last one asked when that was earlier on the same
 * line: md4c hands text over in order, so a long line is counted once. */
static int col_of(builder *b, const char *p, int rline)
{
    const char *from = b->text + b->line_starts[rline - 1];
    int col = 1;
    if (b->col_rline == rline && b->col_at && b->col_at <= p) {
        from = b->col_at;
        col = b->col_n;
    }
    for (; from < p; from++)
        col += ((unsigned char)*from & 0xC0) != 0x80;
    b->col_at = p;
    b->col_rline = rline;
    b->col_n = col;
    /* the source's column: a shortcode before p may have been longer or
     * shorter than its text */
    return prepass_col(b->pp, (size_t)rline, (size_t)(p - b->text) - b->line_starts[rline - 1],
                       col);
}

static void set_origin(const builder *b, fnode *n, int rline)
{
    if (rline < 1 || (size_t)rline > b->pp->n_lines)
        return;
    pp_origin o = prepass_origin(b->pp, (size_t)rline);
    n->line = o.line;
    n->file = o.file;
}

/* md4c gives blocks no position: the first text inside an open block tells
 * its line. */
static void saw_text_at(builder *b, int rline)
{
    if (rline < 1)
        return;
    b->last_rline = rline;
    for (int i = b->depth - 1; i > 0; i--) {
        if (b->stack[i].node->line == 0)
            set_origin(b, b->stack[i].node, rline);
    }
}

/* For a block that held no text (a rule, an empty item): the first
 * non-blank line after the last text seen. */
static int next_content_rline(const builder *b)
{
    for (size_t l = (size_t)b->last_rline; l < b->n_lines; l++) {
        const char *p = b->text + b->line_starts[l];
        const char *end = l + 1 < b->n_lines ? b->text + b->line_starts[l + 1] : b->text + b->len;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (p < end)
            return (int)l + 1;
    }
    return b->last_rline;
}

/* Reports msg at the source file and line of rewritten line rline, at
 * column col (0: the line's start). */
static void report(builder *b, folio_severity sev, int rline, int col, const char *fmt, va_list ap)
{
    buf msg = {0};
    buf_vprintf(&msg, fmt, ap);
    int line = 0;
    const char *file = b->doc->path;
    if (rline >= 1 && (size_t)rline <= b->pp->n_lines) {
        pp_origin o = prepass_origin(b->pp, (size_t)rline);
        line = o.line;
        file = b->doc->files[o.file];
    }
    fdiag_report_kind(b->d, sev, fmt, file, line, line ? (col ? col : 1) : 0, "%s",
                      buf_cstr(&msg));
    buf_free(&msg);
}

static bool fail(builder *b, int rline, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(builder *b, int rline, const char *fmt, ...)
{
    if (b->failed)
        return false;
    va_list ap;
    va_start(ap, fmt);
    report(b, FOLIO_ERROR, rline < 1 ? next_content_rline(b) : rline, 0, fmt, ap);
    va_end(ap);
    b->failed = true;
    return false;
}

void builder_warn(builder *b, int rline, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, FOLIO_WARNING, rline, 0, fmt, ap);
    va_end(ap);
}

void builder_vwarn_at(builder *b, int rline, int col, const char *fmt, va_list ap)
{
    report(b, FOLIO_WARNING, rline, col, fmt, ap);
}

static void warn_at(builder *b, int rline, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn_at(builder *b, int rline, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, FOLIO_WARNING, rline, col, fmt, ap);
    va_end(ap);
}

bool builder_first_time(builder *b, const char *key)
{
    /* Past this many distinct warnings the reader has the picture, and the
     * look-up below stays cheap on hostile input. */
    enum { MAX_ONCE_WARNINGS = 100 };
    if (b->n_warned >= MAX_ONCE_WARNINGS)
        return false;
    size_t klen = strlen(key);
    const char *s = buf_cstr(&b->warned);
    for (const char *p = s; (p = strstr(p, key)) != NULL; p += klen) {
        if ((p == s || p[-1] == '\n') && p[klen] == '\n')
            return false;
    }
    buf_puts(&b->warned, key);
    buf_putc(&b->warned, '\n');
    if (++b->n_warned == MAX_ONCE_WARNINGS)
        builder_warn(b, b->last_rline, "too many HTML warnings; further ones are not shown");
    return true;
}

arena *builder_arena(const builder *b) { return b->a; }

fnode *builder_node(builder *b, fnode_type t, int rline)
{
    fnode *n = fnode_new(b->a, t, 0);
    if (!n) {
        fail(b, rline, "out of memory");
        return NULL;
    }
    set_origin(b, n, rline);
    return n;
}

fnode *builder_top(const builder *b) { return b->stack[b->depth - 1].node; }

static bool push(builder *b, fnode *n, frame_kind kind, const char *tag)
{
    /* The document frame does not count as nesting. */
    if (b->depth > b->doc->limits.max_nesting)
        return fail(b, b->last_rline, "nesting deeper than %d levels (blocks, lists, emphasis, "
                                      "divs); simplify the source or raise the limit",
                    b->doc->limits.max_nesting);
    if (b->depth == b->cap) {
        int cap = b->cap ? b->cap * 2 : 32;
        frame *s = realloc(b->stack, (size_t)cap * sizeof *s);
        if (!s)
            return fail(b, b->last_rline, "out of memory");
        b->stack = s;
        b->cap = cap;
    }
    /* The tag name may live in the caller's scratch buffer: keep a copy. */
    const char *kept = tag ? arena_strdup(b->a, tag) : NULL;
    if (tag && !kept)
        return fail(b, b->last_rline, "out of memory");
    bool address_text = n->type == FN_LINK || n->type == FN_IMAGE;
    b->stack[b->depth++] = (frame){n, kind, kept, NULL, address_text};
    b->in_address_text += address_text;
    return true;
}

static bool accepts_inlines(const fnode *n)
{
    switch (n->type) {
    case FN_PARAGRAPH:
    case FN_HEADING:
    case FN_TABLE_CELL:
    case FN_CAPTION:
    case FN_DEF_TERM:
        return true;
    default:
        return fnode_is_inline(n);
    }
}

/* Pops one frame; an HTML tag closed by something else than its end tag is
 * reported where it was opened. */
static void pop(builder *b, bool by_end_tag)
{
    frame *f = &b->stack[b->depth - 1];
    if (f->kind == FR_HTML && !by_end_tag) {
        char key[80];
        snprintf(key, sizeof key, "unclosed:%s", f->tag);
        if (builder_first_time(b, key)) {
            const char *file = b->doc->files[f->node->file];
            fdiag_warn(b->d, file, f->node->line, f->node->line ? 1 : 0,
                       "<%s> is not closed; closed at the end of its block", f->tag);
        }
    }
    fnode *n = f->node;
    if (n->line == 0 && n->type == FN_TABLE_CELL) {
        /* An empty cell is on its row's line, known once the row ends. */
    } else if (n->line == 0 && fnode_is_block(n)) {
        int rline = next_content_rline(b);
        set_origin(b, n, rline);
        b->last_rline = rline;
    }
    if (n->type == FN_TABLE_ROW) {
        for (fnode *c = n->first; c; c = c->next) {
            if (c->line == 0) {
                c->line = n->line;
                c->file = n->file;
            }
        }
    }
    b->in_address_text -= f->address_text;
    b->depth--;
}

static void append_inline(builder *b, fnode *n)
{
    fnode *top = builder_top(b);
    if (!accepts_inlines(top)) {
        fnode *p = fnode_new(b->a, FN_PARAGRAPH, 0);
        if (!p || !push(b, p, FR_IMPLICIT, NULL)) {
            fail(b, b->last_rline, "out of memory");
            return;
        }
        /* Only text knows its line for sure; otherwise the next text tells. */
        if (n->type == FN_TEXT) {
            p->line = n->line;
            p->file = n->file;
        }
        fnode_append(top, p);
        top = p;
    }
    fnode_append(top, n);
}

/* One copy of each string in the arena: a reference link used a thousand
 * times, or one address written a thousand times, is kept once. */
static const char *interned(builder *b, const char *s, size_t len)
{
    char *r = g_hash_table_lookup(b->strings, s);
    if (!r) {
        r = arena_strndup(b->a, s, len);
        g_hash_table_add(b->strings, r);
    }
    return r;
}

/* Whether an address of size bytes may be a link: not past the length
 * limit, and the addresses so far within the input limit (both outputs
 * write an address again at every use, as expansions). */
static bool address_fits(builder *b, size_t size, int rline, int col)
{
    if (size > PP_MAX_URL_BYTES) {
        warn_at(b, rline, col,
                "link address of %zu bytes is longer than %d KiB; the text is kept without "
                "the link", size, PP_MAX_URL_BYTES / 1024);
        return false;
    }
    if (b->url_bytes + size > b->doc->limits.max_input_bytes) {
        if (builder_first_time(b, "url-budget"))
            warn_at(b, rline, col,
                    "link addresses used here and before add up to more than the input limit "
                    "of %zu bytes; this link and the next ones keep their text only",
                    b->doc->limits.max_input_bytes);
        return false;
    }
    b->url_bytes += size;
    return true;
}

/* pending[from, to) as a text node in the current container; returns the
 * column after it (0: not known). */
static int put_text(builder *b, size_t from, size_t to, int col)
{
    if (from == to)
        return col;
    fnode *t = builder_node(b, FN_TEXT, b->pending_rline);
    if (!t)
        return col;
    t->col = col;
    t->as.literal = arena_strndup(b->a, b->pending.data + from, to - from);
    append_inline(b, t);
    for (size_t i = from; col && i < to; i++)
        col += ((unsigned char)b->pending.data[i] & 0xC0) != 0x80;
    return col;
}

/* The character before the pending text, for an address to begin after:
 * a line's or a block's start counts as a space (a '>' or '|' before is
 * Markdown's, not the author's). */
static uint32_t char_before_pending(const builder *b)
{
    const fnode *top = builder_top(b);
    const fnode *last = top->last;
    if ((!last && !fnode_is_inline(top)) ||
        (last && (last->type == FN_SOFT_BREAK || last->type == FN_LINE_BREAK)))
        return ' ';
    if (!b->pending_at || b->pending_at == b->text)
        return ' ';
    const char *p = g_utf8_find_prev_char(b->text, b->pending_at);
    gunichar c = p ? g_utf8_get_char_validated(p, b->pending_at - p) : ' ';
    return c == (gunichar)-1 || c == (gunichar)-2 ? 0xFFFD : c;
}

/* The pending Markdown text, its bare addresses made links (autolink.h);
 * md4c's own would also scan link addresses (see there). */
static void put_text_and_links(builder *b)
{
    const char *s = b->pending.data;
    size_t len = b->pending.len, done = 0;
    int col = b->pending_col;
    autolink_text t = {s, len, (const size_t *)(const void *)b->entities.data,
                       b->entities.len / (2 * sizeof(size_t)), char_before_pending(b)};
    autolink m;
    for (size_t from = 0; autolink_find(&t, from, &m); from = m.end) {
        size_t n = m.end - m.start, prefix = strlen(m.prefix);
        col = put_text(b, done, m.start, col);
        done = m.start;
        if (!address_fits(b, n, b->pending_rline, col))
            continue; /* its words stay text */
        fnode *link = builder_node(b, FN_LINK, b->pending_rline);
        if (!link)
            return;
        buf url = {0};
        buf_puts(&url, m.prefix);
        buf_append(&url, s + m.start, n);
        link->as.link.url = interned(b, buf_cstr(&url), url.len);
        buf_free(&url);
        append_inline(b, link);
        fnode *words = builder_node(b, FN_TEXT, b->pending_rline);
        if (!words)
            return;
        words->col = col;
        words->as.literal = link->as.link.url + prefix; /* the URL's end */
        fnode_append(link, words);
        for (size_t i = m.start; col && i < m.end; i++)
            col += ((unsigned char)s[i] & 0xC0) != 0x80;
        done = m.end;
    }
    put_text(b, done, len, col);
}

static void flush_text(builder *b)
{
    if (b->pending.len == 0)
        return;
    if (b->pending_md && !b->in_address_text)
        put_text_and_links(b);
    else
        put_text(b, 0, b->pending.len, b->pending_col);
    buf_clear(&b->pending);
    b->address_len = 0;
    buf_clear(&b->entities);
}

/* Where the next text node begins, when no text is pending yet. */
static void pending_starts(builder *b, const char *s, int rline)
{
    if (b->pending.len)
        return;
    int at = rline_of(b, s); /* 0: not in the text (md4c's or HTML's own strings) */
    b->pending_rline = rline;
    b->pending_col = at ? col_of(b, s, at) : 0;
    b->pending_at = at ? s : NULL;
    b->pending_md = true;
}

/* Text md4c hands over. */
static void md_text(builder *b, const char *s, size_t len, int rline)
{
    pending_starts(b, s, rline);
    buf_append(&b->pending, s, len);
}

void builder_text(builder *b, const char *s, size_t len, int rline)
{
    md_text(b, s, len, rline);
    b->pending_md = false; /* raw HTML's: md4c linked no address there either */
}

bool builder_inline(builder *b, fnode *n, bool open, const char *tag)
{
    flush_text(b);
    if (b->failed || !n)
        return false;
    append_inline(b, n);
    return !open || push(b, n, tag ? FR_HTML : FR_MD, tag);
}

/* Closes what only lasts until the next block: implicit paragraphs and the
 * inline tags left open in them. */
static void end_loose_inlines(builder *b)
{
    while (b->depth > 1) {
        frame *f = &b->stack[b->depth - 1];
        if (f->kind == FR_IMPLICIT || (f->kind == FR_HTML && fnode_is_inline(f->node)))
            pop(b, false);
        else
            break;
    }
}

static bool add_block(builder *b, fnode *n, frame_kind kind, bool open, const char *tag)
{
    flush_text(b);
    if (b->failed || !n)
        return false;
    end_loose_inlines(b);
    fnode_append(builder_top(b), n);
    return !open || push(b, n, kind, tag);
}

bool builder_block(builder *b, fnode *n, bool open, const char *tag)
{
    return add_block(b, n, FR_HTML, open, tag);
}

bool builder_in_inline(const builder *b) { return accepts_inlines(builder_top(b)); }

fnode *builder_open_of(const builder *b, fnode_type t)
{
    for (int i = b->depth - 1; i > 0; i--) {
        if (b->stack[i].node->type == t)
            return b->stack[i].node;
        if (b->stack[i].kind == FR_MD && fnode_is_block(b->stack[i].node))
            break;
    }
    return NULL;
}

bool builder_close(builder *b, const char *tag)
{
    flush_text(b);
    int i = b->depth - 1;
    for (; i > 0; i--) {
        const frame *f = &b->stack[i];
        if (f->kind == FR_HTML && strcmp(f->tag, tag) == 0)
            break;
        /* An end tag never closes what Markdown or a marker opened. */
        if (f->kind == FR_MD || f->kind == FR_MARKER)
            return false;
    }
    if (i <= 0)
        return false;
    while (b->depth > i + 1)
        pop(b, false);
    pop(b, true);
    return true;
}

/* ---- pre-pass markers ---- */

static fnode *marker_node(builder *b, const pp_block *s, int rline)
{
    static const fnode_type types[] = {
        [PP_CALLOUT] = FN_CALLOUT, [PP_DIV] = FN_DIV,       [PP_COLUMNS] = FN_COLUMNS,
        [PP_COLUMN] = FN_COLUMN,   [PP_LAYOUT] = FN_DIV,    [PP_CARD] = FN_LINK_CARD,
        [PP_FOOTNOTE] = FN_FOOTNOTE_DEF, [PP_DETAILS] = FN_DETAILS,
        [PP_DEF_LIST] = FN_DEF_LIST, [PP_DEF_TERM] = FN_DEF_TERM, [PP_DEF_DATA] = FN_DEF_DATA,
    };
    fnode *n = builder_node(b, types[s->kind], rline);
    if (!n)
        return NULL;
    n->line = s->at.line;
    n->file = s->at.file;
    switch (s->kind) {
    case PP_CALLOUT:
    case PP_DETAILS:
        if (s->kind == PP_CALLOUT) {
            n->as.callout.kind = s->callout;
            n->as.callout.collapsed = s->collapsed;
            n->as.callout.lang = s->lang;
        }
        if (s->title) {
            fnode *cap = fnode_new(b->a, FN_CAPTION, n->line);
            fnode *t = fnode_new(b->a, FN_TEXT, n->line);
            if (!cap || !t)
                return NULL;
            cap->file = t->file = n->file;
            t->as.literal = s->title;
            fnode_append(cap, t);
            fnode_append(n, cap);
        }
        break;
    case PP_DIV:
    case PP_LAYOUT:
        n->as.div.id = s->id;
        n->as.div.classes = s->kind == PP_LAYOUT ? "layout" : s->classes;
        n->as.div.lang = s->lang;
        n->dir = s->dir;
        break;
    case PP_COLUMN:
        n->as.column.width = s->width;
        break;
    case PP_CARD:
        n->as.card.url = s->url;
        n->as.card.title = s->title;
        n->as.card.provider = s->provider;
        break;
    case PP_FOOTNOTE:
        n->as.footnote.label = s->label;
        break;
    case PP_COLUMNS:
    case PP_DEF_LIST:
    case PP_DEF_TERM:
    case PP_DEF_DATA:
        break;
    }
    return n;
}

/* A term's line, read as a paragraph: its inlines become the term's. */
static void term_inlines(fnode *term)
{
    fnode *p = term->first;
    if (!p || p != term->last || p->type != FN_PARAGRAPH)
        return;
    fnode_unlink(p);
    while (p->first) {
        fnode *c = p->first;
        fnode_unlink(c);
        fnode_append(term, c);
    }
}

/* ::: {layout-ncol=N}: its blocks go N to a row, each row a FN_COLUMNS. */
static void layout_rows(builder *b, fnode *div, int ncol)
{
    fnode *row = NULL;
    int in_row = 0;
    for (fnode *c = div->first, *next; c; c = next) {
        next = c->next;
        if (!row || in_row == ncol) {
            row = fnode_new(b->a, FN_COLUMNS, c->line);
            if (!row)
                return;
            row->file = c->file;
            fnode_insert_before(c, row);
            in_row = 0;
        }
        fnode *col = fnode_new(b->a, FN_COLUMN, c->line);
        if (!col)
            return;
        col->file = c->file;
        col->as.column.width = (flen){100.0 / ncol, FLEN_PERCENT};
        fnode_unlink(c);
        fnode_append(col, c);
        fnode_append(row, col);
        in_row++;
    }
}

static void marker(builder *b, const pp_mark *m, int rline)
{
    if (m->kind == PP_CLOSE) {
        for (int i = b->depth - 1; i > 0; i--) {
            if (b->stack[i].kind != FR_MARKER)
                continue;
            flush_text(b);
            while (b->depth > i + 1)
                pop(b, false);
            const pp_block *s = b->stack[i].spec;
            fnode *n = b->stack[i].node;
            pop(b, true);
            if (s->kind == PP_LAYOUT && s->ncol > 0)
                layout_rows(b, n, s->ncol);
            if (s->kind == PP_DEF_TERM)
                term_inlines(n);
            return;
        }
        return; /* its opening was closed with an enclosing Markdown block */
    }
    if (m->block >= b->pp->n_blocks)
        return;
    const pp_block *s = &b->pp->blocks[m->block];
    fnode *n = marker_node(b, s, rline);
    if (!n) {
        fail(b, rline, "out of memory");
        return;
    }
    bool leaf = m->kind == PP_LEAF;
    if (add_block(b, n, FR_MARKER, !leaf, NULL) && !leaf)
        b->stack[b->depth - 1].spec = s;
}

/* ---- md4c callbacks ---- */

/* An md4c attribute (URL, title) with its entities decoded, in the arena. */
/* An attribute md4c hands over as it lies in the source (no escape, no
 * entity): the same pointer at every use of a reference definition. */
typedef struct attr_value {
    unsigned size;
    const char *value;
} attr_value;

static const char *attr_str(builder *b, const MD_ATTRIBUTE *at)
{
    if (!at->text)
        return NULL;
    /* a reference used a thousand times is read once, however long */
    bool in_source = rline_of(b, at->text) > 0;
    attr_value *known = in_source ? g_hash_table_lookup(b->raw_attrs, at->text) : NULL;
    if (known && known->size == at->size)
        return known->value;
    buf s = {0};
    for (unsigned i = 0; at->substr_offsets[i] < at->size; i++) {
        const char *p = at->text + at->substr_offsets[i];
        size_t n = at->substr_offsets[i + 1] - at->substr_offsets[i];
        if (at->substr_types[i] == MD_TEXT_NULLCHAR)
            buf_put_utf8(&s, 0xFFFD);
        else if (at->substr_types[i] != MD_TEXT_ENTITY || !entity_decode(p, n, &s))
            buf_append(&s, p, n);
    }
    const char *r = interned(b, buf_cstr(&s), s.len);
    buf_free(&s);
    if (in_source) {
        attr_value *v = arena_alloc(b->a, sizeof *v);
        *v = (attr_value){at->size, r};
        g_hash_table_insert(b->raw_attrs, (gpointer)at->text, v);
    }
    return r;
}

/* The reference definition whose address the pre-pass replaced, when at
 * is that placeholder. */
static const pp_ref *handed_ref(const builder *b, const MD_ATTRIBUTE *at)
{
    size_t n = sizeof PP_REF_PLACEHOLDER - 1;
    if (!at->text || at->size != n || memcmp(at->text, PP_REF_PLACEHOLDER, n) != 0)
        return NULL;
    int rline = rline_of(b, at->text);
    return rline > 0 ? prepass_ref_at(b->pp, (size_t)rline) : NULL;
}

static falign align_of(MD_ALIGN a)
{
    switch (a) {
    case MD_ALIGN_LEFT: return FALIGN_LEFT;
    case MD_ALIGN_CENTER: return FALIGN_CENTER;
    case MD_ALIGN_RIGHT: return FALIGN_RIGHT;
    default: return FALIGN_DEFAULT;
    }
}

/* Whether the inline HTML piece s opens an <svg> (1), closes one (-1) or
 * neither (0). */
static int svg_tag(const char *s, size_t size)
{
    size_t tag_len;
    return rawhtml_svg_tag(s, size, &tag_len);
}

/* The inline <svg> gathered so far goes to the raw HTML reader: whole, an
 * image; cut short by its paragraph's end, tag by tag as before. */
static void svg_flush(builder *b)
{
    b->svg_depth = 0;
    rawhtml_inline(b, b->svg.data ? b->svg.data : "", b->svg.len, b->svg_rline, 0);
    b->svg.len = 0;
}

/* One piece of an inline <svg>: kept as written (a line break as one). */
static void svg_piece(builder *b, MD_TEXTTYPE type, const char *s, size_t size)
{
    if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
        buf_putc(&b->svg, '\n');
    else if (type == MD_TEXT_NULLCHAR)
        buf_put_utf8(&b->svg, 0xFFFD);
    else
        buf_append(&b->svg, s, size);
    if (type == MD_TEXT_HTML)
        b->svg_depth += svg_tag(s, size);
    if (b->svg_depth == 0)
        svg_flush(b);
}

/* One inline HTML piece, whole: the start of an inline <svg>, or a tag
 * (or comment) for the raw HTML reader. */
static void html_piece(builder *b, const char *s, size_t size, int rline, int col)
{
    if (!b->html_skip && svg_tag(s, size) == 1) {
        b->svg_rline = rline;
        b->svg_depth = 1;
        buf_append(&b->svg, s, size);
        return;
    }
    rawhtml_inline(b, s, size, rline, col);
}

/* The tag gathered over several lines, read (as it is when md4c's pieces
 * stopped short of its '>'). */
static void tag_flush(builder *b)
{
    if (!b->tag.len)
        return;
    buf piece = b->tag; /* (html_piece may gather an <svg> into b->svg only) */
    b->tag = (buf){0};
    html_piece(b, piece.data, piece.len, b->tag_rline, b->tag_col);
    buf_free(&piece);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    builder *b = user;
    if (++b->blocks % 1024 == 0) { /* md4c reads the text in order */
        spill_forget(b->text_store);
        spill_forget(&b->starts_store);
    }
    fnode *n = NULL;
    const pp_join *join = b->join;
    fnode *tight_join = b->tight_join;
    b->join = NULL;
    b->tight_join = NULL;
    switch (type) {
    case MD_BLOCK_DOC:
        return 0;
    case MD_BLOCK_HTML:
    case MD_BLOCK_CODE:
        flush_text(b);
        buf_clear(&b->literal);
        b->collect = COLLECT_BLOCK;
        b->collect_rline = 0;
        if (type == MD_BLOCK_CODE) {
            const MD_BLOCK_CODE_DETAIL *cd = detail;
            b->code_info = attr_str(b, &cd->info);
            b->code_fenced = cd->fence_char != 0;
        }
        return 0;
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        b->in_head = type == MD_BLOCK_THEAD;
        return 0;
    case MD_BLOCK_QUOTE:
        n = builder_node(b, FN_QUOTE, 0);
        break;
    case MD_BLOCK_UL: {
        const MD_BLOCK_UL_DETAIL *ul = detail;
        if ((n = builder_node(b, FN_LIST, 0))) {
            n->as.list.tight = ul->is_tight;
            n->as.list.delim = ul->mark;
        }
        break;
    }
    case MD_BLOCK_OL: {
        const MD_BLOCK_OL_DETAIL *ol = detail;
        if ((n = builder_node(b, FN_LIST, 0))) {
            n->as.list.ordered = true;
            n->as.list.tight = ol->is_tight;
            n->as.list.start = (int)ol->start;
            n->as.list.delim = ol->mark_delimiter;
        }
        break;
    }
    case MD_BLOCK_LI: {
        const MD_BLOCK_LI_DETAIL *li = detail;
        if ((n = builder_node(b, FN_ITEM, 0)))
            n->as.item.task = li->is_task ? li->task_mark != ' ' : -1;
        break;
    }
    case MD_BLOCK_HR:
        n = builder_node(b, FN_THEMATIC_BREAK, 0);
        break;
    case MD_BLOCK_H:
    case MD_BLOCK_P: {
        /* a part of a long paragraph the pre-pass cut (parasplit.h); the
         * last one over a set-extension underline makes it all a heading */
        fnode *before = builder_top(b)->last;
        int level = type == MD_BLOCK_H ? (int)((const MD_BLOCK_H_DETAIL *)detail)->level : 0;
        frame *top = &b->stack[b->depth - 1];
        if (level && tight_join && top->kind == FR_IMPLICIT && top->node->last == tight_join) {
            /* in a tight item: its text so far, up to the join's break */
            top->kind = FR_MD;
            top->node->type = FN_HEADING;
            top->node->as.heading.level = level;
            return 0;
        }
        if (join && before && before->type == FN_PARAGRAPH) {
            if (level) {
                before->type = FN_HEADING;
                before->as.heading.level = level;
            }
            if (!push(b, before, FR_MD, NULL))
                return -1;
            fnode *br = builder_node(b, join->hard ? FN_LINE_BREAK : FN_SOFT_BREAK, b->last_rline);
            return br && builder_inline(b, br, false, NULL) ? 0 : -1;
        }
        if ((n = builder_node(b, level ? FN_HEADING : FN_PARAGRAPH, 0)) && level)
            n->as.heading.level = level;
        break;
    }
    case MD_BLOCK_TABLE: {
        const MD_BLOCK_TABLE_DETAIL *td = detail;
        size_t cells = (size_t)td->col_count * (td->head_row_count + td->body_row_count);
        if (cells > b->doc->limits.max_table_cells) {
            fail(b, next_content_rline(b), "table of %zu cells exceeds the limit of %zu", cells,
                 b->doc->limits.max_table_cells);
            return -1;
        }
        /* Header cells may be empty: the table starts at the next line with content. */
        if ((n = builder_node(b, FN_TABLE, next_content_rline(b)))) {
            n->as.table.columns = (int)td->col_count;
            n->as.table.header_rows = (int)td->head_row_count;
            n->as.table.aligns = arena_alloc(b->a, (td->col_count + 1) * sizeof(falign));
        }
        b->table = n;
        break;
    }
    case MD_BLOCK_TR:
        if ((n = builder_node(b, FN_TABLE_ROW, 0)))
            n->as.row.header = b->in_head;
        b->col = 0;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if (b->table && b->col < b->table->as.table.columns)
            b->table->as.table.aligns[b->col] = align_of(((const MD_BLOCK_TD_DETAIL *)detail)->align);
        b->col++;
        n = builder_node(b, FN_TABLE_CELL, 0);
        break;
    }
    if (!n) {
        fail(b, b->last_rline, "out of memory");
        return -1;
    }
    return add_block(b, n, FR_MD, true, NULL) ? 0 : -1;
}

/* ```{python}, ```{r, echo=FALSE}, ```{.python}: Quarto and pandoc info
 * strings. Sets *lang (arena) and says whether the cell is executable. */
static bool code_lang(builder *b, const char *info, const char **lang)
{
    *lang = NULL;
    if (!info || !*info)
        return false;
    bool braced = info[0] == '{';
    const char *p = info + braced;
    bool cls = *p == '.';
    p += cls;
    size_t n = strcspn(p, " \t,}");
    if (n)
        *lang = arena_strndup(b->a, p, n);
    return braced && !cls && *p != '=';
}

/* filename="hello.py" in a braced info string ({.python filename=…},
 * {python filename=…}): Quarto prints it in a bar above the code. */
static const char *code_filename(builder *b, const char *info)
{
    size_t span = info && info[0] == '{' ? attrs_span(info, strlen(info)) : 0;
    if (span < 2 || !strstr(info, "filename"))
        return NULL;
    const char *s = info + 1;
    size_t n = span - 2;
    if (*s != '.' && *s != '#') { /* the language first */
        size_t w = strcspn(s, " \t,}");
        s += w;
        n -= w;
    }
    fattrs at;
    const char *name = attrs_parse(b->a, s, n, &at) ? attrs_get(&at, "filename") : NULL;
    return name && *name ? name : NULL;
}

static void leave_code(builder *b)
{
    const char *info = b->code_info;
    if (info && strncmp(info, "{=html}", 7) == 0) {
        int rline = b->collect_rline ? b->collect_rline : next_content_rline(b);
        rawhtml_block(b, b->literal.data ? b->literal.data : "", b->literal.len, rline);
        return;
    }
    int rline = b->collect_rline ? b->collect_rline - b->code_fenced : next_content_rline(b);
    if (info && info[0] == '{' && info[1] == '=') {
        /* ```{=latex}, ```{=typst}: output for another format, not for a reader. */
        builder_warn(b, rline, "raw %.*s block for another output format; dropped",
                     (int)strcspn(info + 2, "}"), info + 2);
        return;
    }
    fnode *n = builder_node(b, FN_CODE_BLOCK, rline);
    if (!n)
        return;
    n->as.code->executable = code_lang(b, info, &n->as.code->lang);
    n->as.code->info = info && *info ? info : NULL;
    n->as.code->filename = code_filename(b, info);
    n->as.code->literal = arena_strndup(b->a, buf_cstr(&b->literal), b->literal.len);
    add_block(b, n, FR_MD, false, NULL);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    builder *b = user;
    if (b->failed)
        return -1;
    switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        return 0;
    case MD_BLOCK_CODE:
        b->collect = COLLECT_NONE;
        leave_code(b);
        break;
    case MD_BLOCK_HTML: {
        b->collect = COLLECT_NONE;
        const char *html = buf_cstr(&b->literal);
        int rline = b->collect_rline ? b->collect_rline : next_content_rline(b);
        const pp_mark *m = b->collect_rline ? prepass_mark_at(b->pp, (size_t)rline) : NULL;
        const pp_join *join = b->collect_rline ? prepass_join_at(b->pp, (size_t)rline) : NULL;
        if (m) {
            marker(b, m, rline);
        } else if (join) {
            b->join_bang = join->escaped;
            fnode *top = builder_top(b);
            if (b->stack[b->depth - 1].kind != FR_IMPLICIT || top->type != FN_PARAGRAPH) {
                b->join = join;
            } else { /* a tight list's item: md4c opens no paragraph, the text goes on */
                fnode *br = builder_node(b, join->hard ? FN_LINE_BREAK : FN_SOFT_BREAK,
                                         b->last_rline);
                if (!br || !builder_inline(b, br, false, NULL))
                    return -1;
                b->tight_join = br; /* a heading next: it is all the heading's */
            }
        } else {
            rawhtml_block(b, html, b->literal.len, rline);
        }
        break;
    }
    default:
        tag_flush(b);
        if (b->svg_depth)
            svg_flush(b);
        flush_text(b);
        b->html_skip = NULL; /* an inline <script> ends with its paragraph */
        /* Close what raw HTML left open inside, then the block itself. */
        while (b->depth > 1) {
            frame_kind k = b->stack[b->depth - 1].kind;
            fnode *n = b->stack[b->depth - 1].node;
            pop(b, false);
            if (k == FR_MD && fnode_is_block(n))
                break;
        }
        if (type == MD_BLOCK_TABLE)
            b->table = NULL;
    }
    return b->failed ? -1 : 0;
}

/* Whether the pending text ends in a bare address begun (white space,
 * '<' or nothing after its start): a mark there is the address's, as GFM
 * reads "http://x.org/" then "*x*" (md4c has read it as emphasis already). */
static bool address_goes_on(builder *b)
{
    const char *s = b->pending.data;
    size_t len = b->pending.len, from = len;
    if (!b->gfm || !len || !b->pending_md || b->in_address_text)
        return false;
    if (b->address_len && b->address_len <= len) { /* (each byte read once) */
        size_t i = b->address_len;
        while (i < len && !strchr(" \t\n<", s[i]))
            i++;
        if (i == len) {
            b->address_len = len;
            return true;
        }
        b->address_len = 0; /* another address may begin after the blank */
    }
    while (from && !strchr(" \t\n", s[from - 1]))
        from--;
    autolink_text t = {s, len, (const size_t *)(const void *)b->entities.data,
                       b->entities.len / (2 * sizeof(size_t)), char_before_pending(b)};
    autolink m;
    bool goes_on = autolink_find(&t, from, &m) && strcmp(m.prefix, "mailto:") != 0 &&
                   !memchr(s + m.start, '<', len - m.start);
    b->address_len = goes_on ? len : 0;
    return goes_on;
}

/* The run of marks (at most max of '*', '_' or '~') where md4c's text goes
 * on: an emphasis span's opening or closing marks. */
static size_t marks_at(const builder *b, size_t max)
{
    const char *p = b->text_end;
    size_t n = 0;
    while (p && n < max && p + n < b->text + b->len && strchr("*_~", p[n]) && p[n] == p[0])
        n++;
    return n;
}

/* An emphasis span opening (open) or closing inside a bare address: its
 * marks go into the pending text as the address's characters; true when
 * they did. Each span's choice is kept to its end (literal_marks). */
static bool marks_in_address(builder *b, MD_SPANTYPE type, bool open)
{
    size_t want = type == MD_SPAN_EM ? 1 : 2;
    bool literal;
    if (open) {
        literal = b->mark_depth < 64 && address_goes_on(b) && marks_at(b, want) > 0;
        b->literal_marks = b->literal_marks << 1 | literal;
        b->mark_depth++;
    } else {
        literal = b->mark_depth > 0 && b->mark_depth <= 64 && (b->literal_marks & 1);
        b->literal_marks >>= 1;
        b->mark_depth -= b->mark_depth > 0;
    }
    if (!literal)
        return false;
    size_t n = marks_at(b, type == MD_SPAN_DEL ? 2 : want);
    md_text(b, b->text_end, n, rline_of(b, b->text_end));
    b->text_end += n;
    return true;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    builder *b = user;
    tag_flush(b);
    if (b->svg_depth) /* markup inside an <svg> is the SVG's text */
        return 0;
    if ((type == MD_SPAN_EM || type == MD_SPAN_STRONG || type == MD_SPAN_DEL) &&
        marks_in_address(b, type, true))
        return 0;
    fnode *n = NULL;
    switch (type) {
    case MD_SPAN_CODE:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
        flush_text(b);
        buf_clear(&b->literal);
        b->collect = COLLECT_SPAN;
        b->collect_at = NULL;
        return 0;
    /* Lines come with the first text inside (saw_text_at). */
    case MD_SPAN_EM: n = builder_node(b, FN_EMPH, 0); break;
    case MD_SPAN_STRONG: n = builder_node(b, FN_STRONG, 0); break;
    case MD_SPAN_DEL: n = builder_node(b, FN_STRIKE, 0); break;
    case MD_SPAN_U: n = builder_node(b, FN_EMPH, 0); break;
    case MD_SPAN_A: {
        const MD_SPAN_A_DETAIL *ad = detail;
        const pp_ref *ref = handed_ref(b, &ad->href);
        size_t size = ref ? ref->size : ad->href.size;
        /* Both outputs write an address again at every use: the uses count
         * against the input limit, as expansions do. */
        bool too_long = ref ? !ref->url : size > PP_MAX_URL_BYTES;
        bool over = !too_long && b->url_bytes + size > b->doc->limits.max_input_bytes;
        if (too_long || over) {
            /* Its text only; said at its end, once per address (or once);
             * the pre-pass said it at a reference's definition. */
            char key[48] = "url-budget";
            if (too_long)
                snprintf(key, sizeof key, "long-url:%p", (const void *)attr_str(b, &ad->href));
            n = builder_node(b, FN_SPAN, 0);
            if (!(ref && too_long) && builder_first_time(b, key)) {
                b->cut_link = n;
                b->cut_for_budget = over;
            }
            break;
        }
        b->url_bytes += size;
        if ((n = builder_node(b, FN_LINK, 0))) {
            const char *url = ref ? ref->url : attr_str(b, &ad->href);
            /* [a](www.x.org), [a](me@x.org): the site and the mailbox, as
             * when written bare (autolink.h), not files beside the issue */
            if (url && strncmp(url, "www.", 4) == 0)
                url = arena_printf(b->a, "http://%s", url);
            else if (url && strchr(url, '@') && !strchr(url, ':'))
                url = arena_printf(b->a, "mailto:%s", url);
            n->as.link.url = url ? url : "";
            n->as.link.title = attr_str(b, &ad->title);
        }
        break;
    }
    case MD_SPAN_IMG: {
        const MD_SPAN_IMG_DETAIL *id = detail;
        const pp_ref *ref = handed_ref(b, &id->src);
        if (ref ? !ref->url : id->src.size > PP_MAX_URL_BYTES) {
            /* its description as text, said at its end (a reference's at
             * its definition) */
            n = builder_node(b, FN_SPAN, 0);
            if (!ref) {
                b->cut_link = n;
                b->cut_for_budget = false;
            }
            break;
        }
        if ((n = builder_node(b, FN_IMAGE, 0))) {
            const char *src = ref ? ref->url : attr_str(b, &id->src);
            n->as.image->src = src ? src : "";
            n->as.image->alt = "";
            n->as.image->title = attr_str(b, &id->title);
        }
        break;
    }
    case MD_SPAN_WIKILINK:
        return 0;
    }
    if (!n || !builder_inline(b, n, true, NULL))
        return -1;
    frame *f = &b->stack[b->depth - 1];
    if ((type == MD_SPAN_A || type == MD_SPAN_IMG) && !f->address_text) {
        f->address_text = true; /* a link kept as text is still its words */
        b->in_address_text++;
    }
    return 0;
}

/* A formula's TeX into its math tree; what cannot be read is a warning at
 * the culprit (the formula then prints as its source). */
static void parse_math(builder *b, fnode *n)
{
    math_error err;
    const char *lit = n->as.math.literal;
    n->as.math.tree = math_parse(b->a, lit, strlen(lit), n->as.math.display, &err);
    if (n->as.math.tree)
        return;
    int rline = b->collect_at ? rline_of(b, b->collect_at) : b->last_rline;
    int line = 0, col = 0;
    const char *file = b->doc->path;
    if (b->collect_at && rline >= 1 && (size_t)rline <= b->pp->n_lines) {
        pp_origin o = prepass_origin(b->pp, (size_t)rline);
        line = o.line;
        file = b->doc->files[o.file];
        /* the column in the line, when the culprit is on the formula's first line */
        size_t start = b->line_starts[rline - 1];
        size_t at = (size_t)(b->collect_at - b->text);
        const char *nl = memchr(b->collect_at, '\n', b->len - at);
        size_t first_line = nl ? (size_t)(nl - b->collect_at) : b->len - at;
        col = (int)(at - start) + 1 + (err.offset <= first_line ? (int)err.offset : 0);
    }
    const char *dollars = n->as.math.display ? "$$" : "$";
    int shown = (int)strlen(lit) > 60 ? 57 : (int)strlen(lit);
    fdiag_warn(b->d, file, line, col, "formula %s%.*s%s%s cannot be typeset (%s); it is shown as TeX",
               dollars, shown, lit, shown < (int)strlen(lit) ? "..." : "", dollars, err.msg);
}

/* Text without spaces (a subscript), nothing else. */
static bool single_word(const fnode *n)
{
    for (const fnode *c = n->first; c; c = c->next) {
        if (c->type != FN_TEXT || strpbrk(c->as.literal, " \t\n"))
            return false;
    }
    return n->first != NULL;
}

/* Whether the innermost entry md4c opened is a span: md4c 0.4.8 may close
 * a link it never opened ('![a](b[) c](d)': the '[' inside the image's
 * address is taken for the link's opener) or a strong ('[](__$x)__': the
 * '__' inside the address is taken for its opener), and that close must
 * not end the paragraph or the table cell around it. */
static bool md_span_open(const builder *b)
{
    for (int i = b->depth - 1; i > 0; i--) {
        if (b->stack[i].kind == FR_MD)
            return !fnode_is_block(b->stack[i].node);
    }
    return false;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    builder *b = user;
    tag_flush(b);
    if (b->svg_depth)
        return 0;
    if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
        b->collect = COLLECT_NONE;
        fnode *n = builder_node(b, type == MD_SPAN_CODE ? FN_CODE : FN_MATH, b->last_rline);
        if (!n)
            return -1;
        const char *lit = arena_strndup(b->a, buf_cstr(&b->literal), b->literal.len);
        if (type == MD_SPAN_CODE) {
            n->as.literal = lit;
        } else {
            n->as.math.literal = lit;
            n->as.math.display = type == MD_SPAN_LATEXMATH_DISPLAY;
            parse_math(b, n);
        }
        return builder_inline(b, n, false, NULL) ? 0 : -1;
    }
    if (type == MD_SPAN_WIKILINK)
        return 0;
    if ((type == MD_SPAN_EM || type == MD_SPAN_STRONG || type == MD_SPAN_DEL) &&
        marks_in_address(b, type, false))
        return 0;
    if (!md_span_open(b)) {
        if (type == MD_SPAN_A || type == MD_SPAN_IMG)
            builder_warn(b, b->last_rline,
                         "a '[' inside a link or image address confuses the Markdown parser: "
                         "the text from a later '](' to its ')' is lost; write the '[' as %%5B");
        else /* '[](__$x)__': md4c 0.4.8 closes a strong it never opened */
            builder_warn(b, b->last_rline,
                         "an emphasis mark here closes one the Markdown parser found inside an "
                         "earlier link or image address: the mark is lost; write a '_' or '*' "
                         "in an address as %%5F or %%2A");
        return 0;
    }
    flush_text(b);
    fnode *top = builder_top(b);
    if (top && top->line == 0 && (type == MD_SPAN_IMG || type == MD_SPAN_A)) {
        /* ![](x.png), [](url): no text told the line; the address does */
        const MD_ATTRIBUTE *at = type == MD_SPAN_IMG ? &((const MD_SPAN_IMG_DETAIL *)detail)->src
                                                     : &((const MD_SPAN_A_DETAIL *)detail)->href;
        int rline = at->size ? rline_of(b, at->text) : 0;
        set_origin(b, top, rline ? rline : b->last_rline);
    }
    if (top == b->cut_link && top) {
        const MD_ATTRIBUTE *address = type == MD_SPAN_IMG ? &((const MD_SPAN_IMG_DETAIL *)detail)->src
                                                          : &((const MD_SPAN_A_DETAIL *)detail)->href;
        int col = top->first && top->first->col > 1 ? top->first->col - 1 : 0;
        if (b->cut_for_budget)
            fdiag_warn(b->d, b->doc->files[top->file], top->line, col,
                       "link addresses used here and before add up to more than the input "
                       "limit of %zu bytes; this link and the next ones keep their text only",
                       b->doc->limits.max_input_bytes);
        else
            fdiag_warn(b->d, b->doc->files[top->file], top->line, col,
                       "%s address of %u bytes is longer than %d KiB; %s",
                       type == MD_SPAN_IMG ? "image" : "link", (unsigned)address->size,
                       PP_MAX_URL_BYTES / 1024,
                       type == MD_SPAN_IMG ? "its description is kept as text"
                                           : "the text is kept without the link");
        b->cut_link = NULL;
    }
    if (top->type == FN_SUB && type == MD_SPAN_DEL && !single_word(top))
        top->type = FN_STRIKE; /* ~a few words~ strikes them, as on GitHub */
    while (b->depth > 1) {
        frame_kind k = b->stack[b->depth - 1].kind;
        pop(b, false);
        if (k == FR_MD)
            break;
    }
    return b->failed ? -1 : 0;
}

const char *builder_html_skip(const builder *b) { return b->html_skip; }
void builder_set_html_skip(builder *b, const char *tag) { b->html_skip = tag; }

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
    builder *b = user;
    if (b->svg_depth) {
        svg_piece(b, type, s, size);
        return b->failed ? -1 : 0;
    }
    if (type != MD_TEXT_HTML)
        tag_flush(b);
    if (b->html_skip && type != MD_TEXT_HTML && b->collect == COLLECT_NONE)
        return 0;
    int rline = rline_of(b, s);
    if (b->collect != COLLECT_NONE) {
        if (rline && !b->collect_rline)
            b->collect_rline = rline;
        if (rline && !b->collect_at)
            b->collect_at = s;
        if (rline)
            b->last_rline = rline;
        if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
            buf_putc(&b->literal, b->collect == COLLECT_SPAN ? ' ' : '\n');
        else if (type == MD_TEXT_NULLCHAR)
            buf_put_utf8(&b->literal, 0xFFFD);
        else
            buf_append(&b->literal, s, size);
        if (b->collect == COLLECT_BLOCK)
            saw_text_at(b, rline);
        return 0;
    }
    /* Breaks and NUL replacements come as md4c's own strings: they tell no line. */
    if (rline)
        saw_text_at(b, rline);
    else
        rline = b->last_rline;
    fnode *top = builder_top(b);
    ptrdiff_t at = rline_of(b, s) ? s - b->text : -1; /* offset in the text, when s is in it */
    if (top->type == FN_STRIKE && !top->first && b->pending.len == 0 && at >= 1 &&
        s[-1] == '~' && (at == 1 || s[-2] != '~'))
        top->type = FN_SUB; /* pandoc's H~2~O; checked again when it closes */
    if (b->join_bang && type == MD_TEXT_NORMAL && size && *s == '!') {
        b->join_bang = false; /* parasplit.c's escape, not the author's */
        s++;
        size--;
    }
    /* (where an emphasis mark after it would be: marks_at) */
    b->text_end = at >= 0 && type != MD_TEXT_BR && type != MD_TEXT_SOFTBR ? s + size : NULL;
    switch (type) {
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
        md_text(b, s, size, rline);
        break;
    case MD_TEXT_NULLCHAR:
        pending_starts(b, s, rline);
        buf_put_utf8(&b->pending, 0xFFFD);
        break;
    case MD_TEXT_ENTITY: {
        pending_starts(b, s, rline);
        size_t span[2] = {b->pending.len, 0};
        if (entity_decode(s, size, &b->pending)) {
            span[1] = b->pending.len;
            buf_append(&b->entities, span, sizeof span);
        } else {
            buf_append(&b->pending, s, size);
        }
        break;
    }
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR: {
        fnode *n = builder_node(b, type == MD_TEXT_BR ? FN_LINE_BREAK : FN_SOFT_BREAK, rline);
        if (!n || !builder_inline(b, n, false, NULL))
            return -1;
        break;
    }
    case MD_TEXT_HTML: {
        flush_text(b);
        int at = rline_of(b, s), col = at && at == rline ? col_of(b, s, at) : 0;
        if (b->tag.len || (size > 1 && s[0] == '<' && s[size - 1] != '>')) {
            /* "<i", "\n", "class=…>": the pieces of one tag (its "<i"
             * alone read as text, and its line break lost) */
            if (!b->tag.len) {
                b->tag_rline = rline;
                b->tag_col = col;
            }
            buf_append(&b->tag, s, size);
            if (s[size - 1] == '>')
                tag_flush(b);
            break;
        }
        html_piece(b, s, size, rline, col);
        break;
    }
    }
    return b->failed ? -1 : 0;
}

static void index_lines(builder *b)
{
    size_t n = 1;
    for (size_t i = 0; i < b->len; i++)
        n += b->text[i] == '\n';
    b->line_starts = spill_grow(&b->starts_store, n * sizeof *b->line_starts);
    b->line_starts[0] = 0;
    b->n_lines = 1;
    for (size_t i = 0; i < b->len; i++) {
        if (b->text[i] == '\n' && i + 1 < b->len)
            b->line_starts[b->n_lines++] = (uint32_t)(i + 1);
    }
}

bool build_tree(folio_doc *doc, prepass *pp, bool gfm, fdiag *d)
{
    if (pp->text.len > UINT32_MAX) { /* md4c reads 32-bit sizes, and so do the line starts */
        fdiag_error(d, doc->path, 0, 0, "the text is too long to parse (%zu bytes)", pp->text.len);
        return false;
    }
    /* The text md4c reads (as long as the input), in a scratch file once
     * long, next to md4c's own blocks and the growing model: let go as
     * md4c reads on (issue 14 item 17). */
    spill store = {0};
    char *t = spill_grow(&store, pp->text.len + 1);
    if (pp->text.len)
        memcpy(t, pp->text.data, pp->text.len);
    t[pp->text.len] = '\0';
    builder b = {.doc = doc, .a = doc->arena, .d = d, .pp = pp, .text = t, .len = pp->text.len,
                 .gfm = gfm,
                 .text_store = &store,
                 .strings = g_hash_table_new(g_str_hash, g_str_equal),
                 .raw_attrs = g_hash_table_new(g_direct_hash, g_direct_equal)};
    buf_free(&pp->text);
    index_lines(&b);
    /* md4c reads the whole text before its first block comes back: the
     * line starts wait in their file meanwhile */
    spill_forget(&b.starts_store);
    spill_forget(&store);
    doc->root = fnode_new(doc->arena, FN_DOCUMENT, 0);
    if (!doc->root || !push(&b, doc->root, FR_MD, NULL)) {
        fdiag_error(d, doc->path, 0, 0, "out of memory");
        spill_free(&b.starts_store);
        free(b.stack);
        spill_free(&store);
        g_hash_table_destroy(b.strings);
        g_hash_table_destroy(b.raw_attrs);
        return false;
    }
    MD_PARSER parser = {
        /* no MD_FLAG_PERMISSIVE*AUTOLINKS: flush_text links bare addresses */
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_LATEXMATHSPANS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = text,
    };
    int rc = md_parse(b.text, (MD_SIZE)b.len, &parser, &b);
    if (rc != 0 && !b.failed)
        fail(&b, b.last_rline, "the Markdown parser failed (out of memory)");

    if (!b.failed) {
        flush_text(&b);
        while (b.depth > 1)
            pop(&b, false);
        finish_text(doc);
        attrs_apply(doc, d);
        footnotes_resolve(doc, d);
        finish_tree(doc);
    }
    buf_free(&b.pending);
    buf_free(&b.entities);
    buf_free(&b.literal);
    buf_free(&b.svg);
    buf_free(&b.tag);
    buf_free(&b.warned);
    g_hash_table_destroy(b.strings);
    g_hash_table_destroy(b.raw_attrs);
    spill_free(&b.starts_store);
    free(b.stack);
    spill_free(&store);
    return !b.failed;
}
