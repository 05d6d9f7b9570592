#include "mathdelim.h"

#include <string.h>

/* md4c 0.4.8 pairs every $ with the next one. pandoc (and so Quarto) only
 * takes a $ as math when it can open or close a formula; this pass finds
 * pandoc's pairs in each paragraph and escapes every other $, so md4c
 * sees exactly those. Code (fences, spans, indented blocks) and raw HTML
 * are left alone, as md4c leaves them. */

/* A search for a closer that failed: any opener after from and before to
 * fails the same way (its search would go over the same text), so a
 * paragraph of many openers without closers is read in linear time. */
typedef struct miss {
    size_t from, to; /* to == 0: none yet */
} miss;

typedef struct scan {
    const char *s;
    size_t len;
    bool hugo;
    buf *out;
    miss dollar, parens, brackets; /* (a failed $$ search needs none: no $$ follows) */
} scan;

static bool missed(const miss *m, size_t at) { return m->to && at > m->from && at < m->to; }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_punct(char c) { return c > ' ' && c < 0x7F && !(c >= '0' && c <= '9') &&
                                      !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

static size_t run_of(const char *s, size_t len, size_t at, char c)
{
    size_t n = 0;
    while (at + n < len && s[at + n] == c)
        n++;
    return n;
}

/* md4c 0.4.8 reads a run of more backticks as text, never a code span's
 * (CODESPAN_MARK_MAXLEN in md4c.c). */
enum { MD4C_CODESPAN_MAX = 32 };

/* The end of a code span opened by the n backticks at at, or 0. */
static size_t code_span_end(const scan *sc, size_t at, size_t n)
{
    for (size_t i = at + n; i < sc->len;) {
        size_t r = run_of(sc->s, sc->len, i, '`');
        if (r == n)
            return i + r;
        i += r ? r : 1;
    }
    return 0;
}

/* The end of an inline tag or autolink (<b>, </span>, <https://…>), or 0. */
static size_t tag_end(const scan *sc, size_t at)
{
    if (at + 1 >= sc->len)
        return 0;
    char c = sc->s[at + 1];
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '/' && c != '!' && c != '?')
        return 0;
    for (size_t i = at + 1; i < sc->len && sc->s[i] != '\n'; i++) {
        if (sc->s[i] == '>')
            return i + 1;
        if (sc->s[i] == '<')
            return 0;
    }
    return 0;
}

/* pandoc's closing $ for an opener at at: not after a space, not before a
 * digit; backslash escapes skipped. Returns its offset or 0. */
static size_t inline_close(scan *sc, size_t at)
{
    if (missed(&sc->dollar, at))
        return 0;
    size_t i = at + 1;
    for (; i < sc->len; i++) {
        char c = sc->s[i];
        if (c == '\\') {
            i++;
            continue;
        }
        if (c == '\n' && i + 1 < sc->len && sc->s[i + 1] == '\n')
            break;
        if (c == '$' && !is_space(sc->s[i - 1]) && !(i + 1 < sc->len && is_digit(sc->s[i + 1])))
            return i;
    }
    sc->dollar = (miss){at, i};
    return 0;
}

/* The closing $$ of a display formula opened at at, or 0. */
static size_t display_close(const scan *sc, size_t at)
{
    for (size_t i = at + 2; i + 1 < sc->len; i++) {
        if (sc->s[i] == '\\') {
            i++;
            continue;
        }
        if (sc->s[i] == '$' && sc->s[i + 1] == '$')
            return i;
    }
    return 0;
}

/* The end of a Hugo \( … \) or \[ … \] (the offset of its backslash), or 0. */
static size_t backslash_close(scan *sc, size_t at, char close)
{
    miss *m = close == ')' ? &sc->parens : &sc->brackets;
    if (missed(m, at))
        return 0;
    for (size_t i = at + 2; i + 1 < sc->len; i++) {
        if (sc->s[i] != '\\')
            continue;
        if (sc->s[i + 1] == close)
            return i;
        i++;
    }
    *m = (miss){at, sc->len};
    return 0;
}

/* A formula's body, its own $ escaped so md4c cannot end it early. */
static void put_body(buf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            buf_append(o, s + i, 2);
            i++;
        } else if (s[i] == '$') {
            buf_puts(o, "\\$");
        } else {
            buf_putc(o, s[i]);
        }
    }
}

/* One paragraph's text (lines joined by \n), written to sc->out. */
static void paragraph(scan *sc)
{
    const char *s = sc->s;
    buf *o = sc->out;
    for (size_t i = 0; i < sc->len;) {
        char c = s[i];
        if (c == '`') {
            size_t n = run_of(s, sc->len, i, '`');
            size_t end = n <= MD4C_CODESPAN_MAX ? code_span_end(sc, i, n) : 0;
            end = end ? end : i + n;
            buf_append(o, s + i, end - i);
            i = end;
            continue;
        }
        if (c == '<') {
            size_t end = tag_end(sc, i);
            if (end) {
                buf_append(o, s + i, end - i);
                i = end;
                continue;
            }
        }
        if (c == '\\' && i + 1 < sc->len) {
            char next = s[i + 1];
            size_t end;
            if (sc->hugo && (next == '(' || next == '[') &&
                (end = backslash_close(sc, i, next == '(' ? ')' : ']'))) {
                /* same length: columns after it stay true */
                bool display = next == '[';
                buf_puts(o, display ? "$$" : "$ ");
                put_body(o, s + i + 2, end - i - 2);
                buf_puts(o, display ? "$$" : " $");
                i = end + 2;
                continue;
            }
            size_t n = is_punct(next) ? 2 : 1;
            buf_append(o, s + i, n);
            i += n;
            continue;
        }
        if (c != '$') {
            buf_putc(o, c);
            i++;
            continue;
        }
        size_t end;
        if (i + 1 < sc->len && s[i + 1] == '$' && (end = display_close(sc, i))) {
            buf_puts(o, "$$");
            put_body(o, s + i + 2, end - i - 2);
            buf_puts(o, "$$");
            i = end + 2;
            continue;
        }
        if (i + 1 < sc->len && !is_space(s[i + 1]) && s[i + 1] != '$' &&
            (end = inline_close(sc, i))) {
            buf_putc(o, '$');
            put_body(o, s + i + 1, end - i - 1);
            buf_putc(o, '$');
            i = end + 1;
            continue;
        }
        buf_puts(o, "\\$"); /* 25$ pour 1$: dollars */
        i++;
        if (i < sc->len && s[i] == '$') {
            buf_puts(o, "\\$");
            i++;
        }
    }
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}

/* Indentation and block-quote markers before a line's content. */
static size_t prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '>'))
        i++;
    return i;
}

static size_t indent(const char *s, size_t n)
{
    size_t i = 0, w = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        w += s[i++] == '\t' ? 4 : 1;
    return w;
}

typedef enum chunk_kind { CH_TEXT, CH_VERBATIM } chunk_kind;

void mathdelim_apply(buf *text, bool hugo)
{
    if (!text->data || (!memchr(text->data, '$', text->len) &&
                        !(hugo && memchr(text->data, '\\', text->len))))
        return;
    const char *s = text->data;
    size_t len = text->len;
    buf out = {0};
    buf_reserve(&out, len + 64);
    char fence = 0;
    size_t fence_len = 0;
    bool after_blank = true;
    size_t chunk = 0;          /* start of the paragraph being gathered */
    chunk_kind kind = CH_TEXT; /* what the gathered lines are */
    bool in_chunk = false;
    for (size_t i = 0; i <= len;) {
        const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t n = end - i;
        const char *line = s + i;
        size_t p = prefix(line, n);
        bool is_blank = i >= len || blank(line, n);
        bool fence_line = false;
        if (!is_blank && n - p >= 3 && (line[p] == '`' || line[p] == '~')) {
            size_t r = run_of(line, n, p, line[p]);
            if (fence && line[p] == fence && r >= fence_len && blank(line + p + r, n - p - r)) {
                fence_line = true;
                fence = 0;
            } else if (!fence && r >= 3 && !(line[p] == '`' && memchr(line + p + r, '`', n - p - r))) {
                fence_line = true;
                fence = line[p];
                fence_len = r;
            }
        }
        /* a paragraph ends at a blank line, a fence or a heading */
        bool heading = !is_blank && line[p] == '#';
        if (in_chunk && (is_blank || fence_line || fence || heading)) {
            scan sc = {.s = s + chunk, .len = i - chunk, .hugo = hugo, .out = &out};
            if (kind == CH_TEXT)
                paragraph(&sc);
            else
                buf_append(&out, sc.s, sc.len);
            in_chunk = false;
        }
        if (i >= len)
            break;
        if (is_blank || fence_line || fence) {
            buf_append(&out, line, n);
        } else if (heading) {
            scan sc = {.s = line, .len = n, .hugo = hugo, .out = &out};
            paragraph(&sc);
        } else if (!in_chunk) {
            in_chunk = true;
            chunk = i;
            /* an indented code block, or raw HTML: as md4c reads them, verbatim */
            bool code = after_blank && indent(line, n) >= 4;
            bool html = after_blank && line[p] == '<' && tag_end(&(scan){.s = line, .len = n, .hugo = hugo}, p);
            kind = code || html ? CH_VERBATIM : CH_TEXT;
        }
        after_blank = is_blank;
        if (nl && !in_chunk)
            buf_putc(&out, '\n');
        i = nl ? end + 1 : len; /* a chunk keeps its newlines */
    }
    buf_free(text);
    *text = out;
}
