#include "parasplit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/oom.h"

/* What a line does to the paragraph it follows. */
typedef enum line_kind {
    L_BLANK, /* ends it */
    L_TEXT,  /* goes on with it: can neither interrupt nor change it */
    L_END,   /* interrupts it: heading, fence, quote, list item, rule, HTML block */
    L_STOP,  /* may change it (setext underline, table delimiter row): left whole */
} line_kind;

/* The container a paragraph is in: what opens each of its lines. */
typedef struct para {
    const char *first; /* its first line */
    size_t quote;       /* bytes of quote markers opening its lines ("> > ", "  > ") */
    size_t outer_quote; /* the blanks before them: a container around the quote ends there */
    size_t item;        /* past them, the column its text starts at: a list item's content, */
    bool exact;         /* exactly; or its first line's blanks, the container's column being
                         * at most that (an item's second paragraph) */
    size_t outer;       /* a container around that one ends at this column at most */
    const size_t *around; /* or exactly: the content columns of the items around it, */
    size_t n_around;      /* outermost first (an item opened four blanks in or more) */
} para;

/* Where the pre-pass text is cut. */
typedef struct cut {
    size_t after;       /* 1-based line: a part ends with it */
    bool hard;          /* the line ends with a hard break */
    bool backslash;     /* ...written "\": dropped (md4c shows it at a paragraph's end) */
    const char *quote;  /* what opens the separator and the next part: quote markers, */
    size_t quote_len;
    size_t blanks;      /* then blanks up to the container's text */
    size_t drop;        /* the next line's own prefix and blanks: dropped (four would be code) */
    bool escape;        /* the next part opens with "\!" (pp_join.escaped) */
} cut;

typedef struct splitter {
    folio_doc *doc;
    prepass *pp;
    fdiag *d;
    const pp_span *literal;
    size_t n_literal, next_literal;
    cut *cuts;
    size_t n_cuts, cap_cuts;
} splitter;

/* Where md4c's reading of an inline link's "(address "title")" is
 * (md_is_inline_link_spec): after "(", in the address, after it, in the
 * title, after it. */
typedef enum spec_at { S_OPEN, S_DEST, S_AFTER_DEST, S_TITLE, S_AFTER_TITLE } spec_at;

typedef struct spec {
    spec_at at;
    char closer;   /* the title's */
    unsigned nest; /* "(" open in the address */
    bool broke;    /* the one line break allowed here is taken */
    bool brackets; /* it holds "[" or "]" */
} spec;

/* The "(" of every "](" is read from there, each on its own: these are
 * the ones still being read. More at once: the part is not cut quietly. */
enum { SPECS = 8 };

/* Bracket and span state of a part, line after line. */
typedef struct part_state {
    size_t brackets; /* "[" not closed yet */
    bool spans;      /* a code span, emphasis, math, raw HTML or an autolink may be open */
    spec specs[SPECS];
    size_t n_specs;
} part_state;

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static bool only(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(set, s[i]))
            return false;
    return n > 0;
}

static size_t run_of(const char *s, size_t n, char c)
{
    size_t i = 0;
    while (i < n && s[i] == c)
        i++;
    return i;
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_punct(char c)
{
    return c > ' ' && c < 0x7f && !is_alnum(c);
}

/* "***", "_ _ _": a thematic break. */
static bool is_rule(const char *t, size_t m)
{
    size_t marks = 0;
    for (size_t i = 0; i < m; i++) {
        if (t[i] == t[0])
            marks++;
        else if (t[i] != ' ' && t[i] != '\t')
            return false;
    }
    return marks >= 3;
}

/* A line starting "<": the HTML blocks that interrupt a paragraph
 * (CommonMark's kinds 1 to 6); any other tag is inline HTML in it. */
static line_kind html_kind(const char *t, size_t m)
{
    static const char *const raw[] = {"script", "pre", "style", "textarea"};
    static const char *const blocks[] = {
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption",
        "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link",
        "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
        "search", "section", "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul"};
    if (m >= 2 && (t[1] == '?' || (t[1] == '!' && m >= 3 && (t[2] == '-' || t[2] == '['))))
        return L_END; /* <? <!-- <![CDATA[ */
    if (m >= 3 && t[1] == '!') /* <!DOCTYPE; in lower case only for recent CommonMark */
        return t[2] >= 'A' && t[2] <= 'Z' ? L_END : L_STOP;
    size_t i = 1 + (m > 1 && t[1] == '/');
    size_t name = i;
    while (i < m && is_alnum(t[i]))
        i++;
    size_t len = i - name;
    bool ends = i == m || t[i] == ' ' || t[i] == '\t' || t[i] == '>' ||
                (t[i] == '/' && i + 1 < m && t[i + 1] == '>');
    if (!len || !ends)
        return L_TEXT;
    for (size_t k = 0; k < sizeof raw / sizeof *raw && name == 1; k++)
        if (strlen(raw[k]) == len && !strncasecmp(t + name, raw[k], len))
            return L_END;
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
        if (strlen(blocks[k]) == len && !strncasecmp(t + name, blocks[k], len))
            return L_END;
    return L_TEXT;
}

/* "12." or "3)" and what follows it: a list item. */
static bool ordered_marker(const char *t, size_t m, bool *one, bool *content)
{
    size_t d = 0;
    unsigned long v = 0;
    while (d < m && d < 10 && t[d] >= '0' && t[d] <= '9')
        v = v * 10 + (unsigned long)(t[d++] - '0');
    if (!d || d > 9 || d == m || (t[d] != '.' && t[d] != ')'))
        return false;
    if (d + 1 < m && t[d + 1] != ' ' && t[d + 1] != '\t')
        return false;
    *one = v == 1;
    *content = !is_blank(t + d + 1, m - d - 1);
    return true;
}

static line_kind classify(const char *s, size_t n)
{
    size_t i = run_of(s, n, ' ');
    if (is_blank(s + i, n - i))
        return L_BLANK;
    if (i >= 4 || s[i] == '\t')
        return L_TEXT; /* indented: inside a paragraph, still its text */
    const char *t = s + i;
    size_t m = n - i;
    while (m && (t[m - 1] == ' ' || t[m - 1] == '\t'))
        m--;
    if (only(t, m, "=") || only(t, m, "-:| \t"))
        return L_STOP;
    switch (t[0]) {
    case '>':
        return L_END;
    case '#': {
        size_t h = run_of(t, m, '#');
        return h <= 6 && (h == m || t[h] == ' ' || t[h] == '\t') ? L_END : L_TEXT;
    }
    case '`':
    case '~': {
        size_t r = run_of(t, m, t[0]);
        return r < 3 || (t[0] == '`' && memchr(t + r, '`', m - r)) ? L_TEXT : L_END;
    }
    case '*':
    case '_':
    case '+':
    case '-':
        if (t[0] != '+' && is_rule(t, m))
            return L_END;
        if (t[0] != '_' && m == 1)
            return L_STOP; /* an empty item */
        if (t[0] != '_' && (t[1] == ' ' || t[1] == '\t'))
            return L_END;
        return L_TEXT;
    case '<':
        return html_kind(t, m);
    default: {
        bool one, content;
        if (ordered_marker(t, m, &one, &content))
            return one && content ? L_END : L_TEXT;
        return L_TEXT;
    }
    }
}

/* "[label]:" or a label that may go on to the next line: a reference
 * definition, when it opens a paragraph. */
static bool may_define(const char *t, size_t m)
{
    for (size_t i = 1; i < m; i++) {
        if (t[i] == '\\')
            i++;
        else if (t[i] == '[')
            return false;
        else if (t[i] == ']')
            return i + 1 < m && t[i + 1] == ':';
    }
    return true;
}

/* The label of a "[" at s that may_define, read on past its line up to
 * end as md4c reads it (md_is_link_label): a "[" comes before its "]", so
 * the paragraph defines nothing. (A "]" or 1,000 bytes first: maybe.) */
static bool label_fails(const char *s, const char *end)
{
    for (size_t i = 1; i < 1000 && s + i < end; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '[')
            return true;
        else if (s[i] == ']')
            return false;
    }
    return false;
}

/* A line that, after a blank line, opens a paragraph (and not a list, a
 * definition, an HTML block or code); *indent: its leading blanks. end:
 * the text's end, for a label read past the line (NULL: not read). */
static bool opens_paragraph_in(const char *s, size_t n, size_t *indent, const char *end)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *indent = i;
    const char *t = s + i;
    size_t m = n - i;
    bool one, content;
    if (classify(t, m) != L_TEXT || t[0] == '<' || ordered_marker(t, m, &one, &content))
        return false;
    return t[0] != '[' || !may_define(t, m) || (end && label_fails(t, end));
}

static bool opens_paragraph(const char *s, size_t n, size_t *indent)
{
    return opens_paragraph_in(s, n, indent, NULL);
}

/* A line that can open the next part of a paragraph it goes on with:
 * *indent, its leading blanks; *escape, when it opens a paragraph only
 * behind an escaped "!" (a "[label]:" would define a reference, a "<tag>"
 * line open an HTML block, "2." a list: in the middle of a paragraph each
 * is text, and "\!" keeps it text without changing how it reads). */
static bool starts_part(const char *s, size_t n, size_t *indent, bool *escape)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *indent = i;
    if (classify(s + i, n - i) != L_TEXT)
        return false;
    *escape = !opens_paragraph(s, n, indent);
    return true;
}

/* Set-extension underlines aside, a line of "-", ":" and "|" is a table's
 * delimiter row only under a paragraph of one line (md4c 0.4.8,
 * md_analyze_line: n_lines == 1); under more it is text. */
static bool table_row_text(const char *s, size_t n)
{
    size_t i = run_of(s, n, ' ');
    if (i >= 4 || classify(s, n) != L_STOP || (!memchr(s, '|', n) && !memchr(s, ':', n)))
        return false;
    return !(s[i] == '-' && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t')); /* an item */
}

/* A list item opened on the line, up to three blanks past base (the
 * content column of the item around it, when known; else 0), with a
 * paragraph in it ("- text", "  3. text"): the column of its content, else
 * 0; *marker: the blanks before its marker (a parent item's content is
 * there at most). Items empty or opening with code are left whole. */
static size_t item_content(const char *s, size_t n, bool may_open, size_t base, size_t *marker)
{
    size_t w = run_of(s, n, ' ');
    if (w < base || w - base >= 4)
        return 0;
    *marker = w;
    size_t m = w;
    bool one, content;
    if (n >= w + 2 && (s[w] == '-' || s[w] == '*' || s[w] == '+')) {
        m = w + 1;
    } else if (ordered_marker(s + w, n - w, &one, &content) && (one || may_open)) {
        while (s[m] >= '0' && s[m] <= '9') /* "2." interrupts no paragraph: after one, text */
            m++;
        m++;
    }
    if (m == w || m >= n || s[m] != ' ')
        return 0;
    size_t b = run_of(s + m, n - m, ' '), indent;
    if (b > 4 || m + b == n || s[m + b] == '\t')
        return 0; /* "-     code", "- \tx", "-  " */
    return opens_paragraph(s + m + b, n - m - b, &indent) ? m + b : 0;
}

/* What a line whose text (its blanks skipped) is t does, when that text
 * lies between lo and hi columns into its container: what classify says,
 * unless four columns (code, which interrupts nothing) may or may not be
 * reached. */
static line_kind kind_between(const char *t, size_t m, size_t lo, size_t hi)
{
    line_kind k = classify(t, m);
    if (k == L_TEXT || k == L_BLANK || hi < 4)
        return k;
    return lo >= 4 ? L_TEXT : L_STOP;
}

/* What a line after the paragraph's first lines does to it, given its
 * container (L_TEXT: it goes on with it); *prefix: the container's bytes opening the
 * line (0 for a lazy line, which goes on without them). */
static line_kind continues(const para *pa, size_t lines, const char *s, size_t n,
                           size_t *prefix)
{
    *prefix = 0;
    bool quote_lazy = pa->quote && (n < pa->quote || memcmp(s, pa->first, pa->quote) != 0);
    size_t q = pa->quote && !quote_lazy ? pa->quote : 0;
    const char *r = s + q;
    size_t rn = n - q, sp = run_of(r, rn, ' ');
    if (sp < rn && r[sp] == '\t')
        return L_STOP; /* a tab's column: not worth guessing */
    const char *t = r + sp;
    size_t m = rn - sp, lo, hi;
    bool lazy = quote_lazy || sp < pa->item; /* or maybe: in the container (inexact) */
    if (quote_lazy) { /* the blanks of containers around the quote may be skipped */
        lo = sp - (sp < pa->outer_quote ? sp : pa->outer_quote);
        hi = sp;
    } else if (!lazy) {
        *prefix = q + pa->item;
        lo = sp - pa->item;
        hi = pa->exact ? lo : sp;
    } else { /* lazy, or in a container around it */
        *prefix = q;
        lo = sp - (sp < pa->outer ? sp : pa->outer);
        hi = sp;
        for (size_t k = pa->n_around; pa->around && k--;) /* the item it would be in */
            if (pa->around[k] <= sp || !k) {
                lo = hi = sp - (pa->around[k] <= sp ? pa->around[k] : 0);
                break;
            }
    }
    line_kind k = kind_between(t, m, lo, hi);
    bool one, content;
    if (lazy && (pa->quote || pa->item) && k == L_TEXT && lo < 4 &&
        (t[0] == '<' || ordered_marker(t, m, &one, &content)))
        return L_STOP; /* lazy, "2." or "1." opens a list (md4c), "<tag>" may open HTML */
    if (quote_lazy) /* lazy, or the quote ends ("> x" under "> > y": lazy) */
        return k == L_TEXT || k == L_BLANK ? k : L_STOP;
    if (lazy) /* lazy, or the item ends (in a quote: its markers are the prefix) */
        return k;
    return k == L_STOP && lines > 1 && hi < 4 && table_row_text(t, m) ? L_TEXT : k;
}

/* "===" or "---" under a paragraph in its container (not lazy): a
 * set-extension underline, which makes all its lines a heading's. Its
 * parts are cut as a paragraph's; the builder makes the paragraph before
 * the last part, the heading, one heading again (build.c, MD_BLOCK_H). */
static bool setext_under(const para *pa, const char *s, size_t n)
{
    size_t prefix;
    if (continues(pa, 2, s, n, &prefix) != L_STOP || prefix != pa->quote + pa->item)
        return false;
    s += prefix;
    n -= prefix;
    size_t i = run_of(s, n, ' ');
    if (i + (pa->exact ? 0 : pa->item) >= 4 || i == n || (s[i] != '=' && s[i] != '-'))
        return false;
    size_t r = run_of(s + i, n - i, s[i]);
    return is_blank(s + i + r, n - i - r);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

typedef enum spec_end { SPEC_ON, SPEC_FAILS, SPEC_LINK } spec_end;

/* The link spec sp read on by the byte c (escaped: c and the byte after
 * it, a punctuation mark): on, not a link, or a link ending there. */
static spec_end spec_step(spec *sp, char c, bool escaped)
{
    if (c == '[' || c == ']')
        sp->brackets = true;
    switch (sp->at) {
    case S_OPEN:
        if (is_space(c))
            return SPEC_ON;
        if (c == ')' || c == '<') /* "<address>" (md_is_link_destination_A): taken for a link */
            return SPEC_LINK;
        sp->at = S_DEST;
        sp->nest = 0;
        /* fall through */
    case S_DEST:
        if (escaped)
            return SPEC_ON;
        if (is_space(c) || (unsigned char)c < 0x20 || c == 0x7f) {
            if (sp->nest)
                return SPEC_FAILS;
            sp->at = S_AFTER_DEST;
            sp->broke = false;
            return SPEC_ON;
        }
        if (c == '(')
            return ++sp->nest > 32 ? SPEC_FAILS : SPEC_ON;
        if (c == ')') {
            if (!sp->nest)
                return SPEC_LINK;
            sp->nest--;
        }
        return SPEC_ON;
    case S_AFTER_DEST:
        if (is_space(c))
            return SPEC_ON;
        if (c == ')')
            return SPEC_LINK;
        if (escaped || (c != '"' && c != '\'' && c != '('))
            return SPEC_FAILS;
        sp->at = S_TITLE;
        sp->closer = c == '(' ? ')' : c;
        return SPEC_ON;
    case S_TITLE:
        if (escaped)
            return SPEC_ON;
        if (c == sp->closer) {
            sp->at = S_AFTER_TITLE;
            sp->broke = false;
            return SPEC_ON;
        }
        return sp->closer == ')' && c == '(' ? SPEC_FAILS : SPEC_ON; /* "(t (u)" */
    case S_AFTER_TITLE:
        return is_space(c) ? SPEC_ON : c == ')' && !escaped ? SPEC_LINK : SPEC_FAILS;
    }
    return SPEC_FAILS;
}

/* The spec at a line's end: it goes on to the next line (the address
 * ends there; one line break before the address, the title and the ")"),
 * or is not a link. A title goes on. */
static spec_end spec_eol(spec *sp)
{
    switch (sp->at) {
    case S_DEST:
        if (sp->nest)
            return SPEC_FAILS;
        sp->at = S_AFTER_DEST;
        sp->broke = true;
        return SPEC_ON;
    case S_TITLE:
        return SPEC_ON;
    default:
        if (sp->broke)
            return SPEC_FAILS;
        sp->broke = true;
        return SPEC_ON;
    }
}

/* The specs read on by one byte; *link: one of them is a link. A link
 * holding a bracket leaves its part whole: md4c no longer pairs that
 * bracket, the count here does. */
static void specs_step(part_state *st, char c, bool escaped, bool *link)
{
    for (size_t k = 0; k < st->n_specs;) {
        spec_end e = spec_step(&st->specs[k], c, escaped);
        if (e == SPEC_ON) {
            k++;
            continue;
        }
        if (e == SPEC_LINK) {
            *link = true;
            st->spans |= st->specs[k].brackets;
        }
        st->specs[k] = st->specs[--st->n_specs];
    }
}

/* One line of a part: brackets counted, spans that may stay open noted,
 * link specs read. Bracket pairs are md4c's (any "[" with the next "]",
 * escapes aside), wherever they are; a link's "(address "title")" may go
 * on to the next line (spec_eol). */
static void scan_line(const char *s, size_t n, part_state *st)
{
    bool closer = false, link = false; /* the byte before is an unescaped "]" */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool escaped = c == '\\' && i + 1 < n && is_punct(s[i + 1]);
        specs_step(st, escaped ? s[i + 1] : c, escaped, &link);
        if (escaped) {
            i++;
            closer = false;
            if (s[i] == '(' || s[i] == '[' || s[i] == ')' || s[i] == ']')
                st->spans = true; /* Hugo's \( \) and \[ \] delimit formulas (mathdelim.c) */
            continue;
        }
        switch (c) {
        case '`':
        case '*':
        case '~':
        case '$':
        case '<':
            st->spans = true;
            break;
        case '_': /* inside a word it is a letter */
            if (!(i > 0 && is_alnum(s[i - 1]) && i + 1 < n && is_alnum(s[i + 1])))
                st->spans = true;
            break;
        case '[':
            st->brackets++;
            break;
        case ']':
            if (st->brackets)
                st->brackets--;
            break;
        case '(':
            if (!closer)
                break;
            if (st->n_specs == SPECS)
                st->spans = true;
            else
                st->specs[st->n_specs++] = (spec){.at = S_OPEN};
            break;
        }
        closer = c == ']';
    }
    for (size_t k = 0; k < st->n_specs;) {
        if (spec_eol(&st->specs[k]) == SPEC_ON)
            k++;
        else
            st->specs[k] = st->specs[--st->n_specs];
    }
}

/* The link specs left open at a line's end all turn out not to be links
 * on the next line s: a cut between the two changes none. */
static bool specs_fail(const part_state *st, const char *s, size_t n)
{
    part_state open = *st;
    bool link = false;
    for (size_t i = 0; i < n && open.n_specs && !link; i++) {
        bool escaped = s[i] == '\\' && i + 1 < n && is_punct(s[i + 1]);
        specs_step(&open, escaped ? s[i + 1] : s[i], escaped, &link);
        i += escaped;
    }
    return !link && !open.n_specs;
}

/* A hard break at the end of the line: "\" (an odd run) or two blanks. */
static bool hard_break(const char *s, size_t n, bool *backslash)
{
    size_t b = 0;
    while (b < n && s[n - 1 - b] == '\\')
        b++;
    *backslash = b % 2 == 1;
    return *backslash || (n >= 2 && s[n - 1] == ' ' && s[n - 2] == ' ');
}

static bool is_literal(splitter *sp, size_t line)
{
    while (sp->next_literal < sp->n_literal && sp->literal[sp->next_literal].to < line)
        sp->next_literal++;
    return sp->next_literal < sp->n_literal && sp->literal[sp->next_literal].from <= line;
}

static void add_cut(splitter *sp, size_t after, const char *s, size_t n, const para *pa,
                    size_t drop, bool escape)
{
    if (sp->n_cuts == sp->cap_cuts) {
        sp->cap_cuts = sp->cap_cuts ? sp->cap_cuts * 2 : 16;
        sp->cuts = realloc(sp->cuts, sp->cap_cuts * sizeof *sp->cuts);
        if (!sp->cuts)
            oom_abort();
    }
    cut *c = &sp->cuts[sp->n_cuts++];
    c->after = after;
    c->hard = hard_break(s, n, &c->backslash);
    c->quote = pa->first;
    c->quote_len = pa->quote;
    c->blanks = pa->item;
    c->drop = drop;
    c->escape = escape;
}

/* A container's blanks: a list item's content is at column 17 at most
 * ("   123456789.    x") */
#define BLANKS "                        "

static size_t line_end(const prepass *pp, size_t at)
{
    const char *nl = memchr(pp->text.data + at, '\n', pp->text.len - at);
    return nl ? (size_t)(nl - pp->text.data) : pp->text.len;
}

/* The block-quote markers opening a line ("> ", "> > ", "  > ": each up
 * to three blanks in); *outer: the blanks before the first. */
static size_t quote_len(const char *s, size_t n, size_t *outer)
{
    size_t q = 0;
    *outer = run_of(s, n, ' ');
    for (;;) {
        size_t b = run_of(s + q, n - q, ' ');
        if (b >= 4 || q + b >= n || s[q + b] != '>')
            return q;
        q += b + 1;
        q += q < n && s[q] == ' ';
    }
}

/* The cuts of the paragraph of count lines starting at offset at, line
 * first, in its container pa: after PARASPLIT_LINES lines of a part, at
 * the first line end with nothing open; after PARASPLIT_FORCE, at any
 * line end. */
static void plan(splitter *sp, const para *pa, size_t at, size_t first, size_t count)
{
    const char *text = sp->pp->text.data;
    part_state st = {0};
    size_t part = first, prefix = pa->quote + pa->item; /* the line's container */
    bool warned = false;
    for (size_t k = first; k + 1 < first + count; k++) {
        size_t end = line_end(sp->pp, at);
        const char *s = text + at, *next = text + end + 1;
        size_t n = end - at, next_n = line_end(sp->pp, end + 1) - (end + 1), next_prefix, indent;
        bool escape = false;
        scan_line(s + prefix, n - prefix, &st);
        at = end + 1;
        continues(pa, 2, next, next_n, &next_prefix);
        prefix = next_prefix;
        if (k + 1 - part < PARASPLIT_LINES ||
            !starts_part(next + next_prefix, next_n - next_prefix, &indent, &escape))
            continue;
        if (k + 2 < first + count) { /* a part of one line over a delimiter row: a table */
            const char *after = next + next_n + 1;
            size_t after_n = line_end(sp->pp, end + next_n + 2) - (end + next_n + 2), p2;
            continues(pa, 2, after, after_n, &p2);
            if (table_row_text(after + p2, after_n - p2))
                continue;
        }
        bool quiet = !st.spans && !st.brackets &&
                     (!st.n_specs || specs_fail(&st, next + next_prefix, next_n - next_prefix));
        if (!quiet && k + 1 - part < PARASPLIT_FORCE)
            continue;
        if (!quiet && !warned) {
            pp_origin o = prepass_origin(sp->pp, k);
            fdiag_warn(sp->d, sp->doc->files[o.file], o.line, 0,
                       "a paragraph of more than %d lines is read in parts; emphasis, code or "
                       "a link that goes on past the end of this line is read as text",
                       PARASPLIT_FORCE);
            warned = true;
        }
        add_cut(sp, k, s, n, pa, next_prefix + indent, escape);
        st = (part_state){0};
        part = k + 1;
    }
}

/* pp rewritten with its cuts: a separator line after each (from the line
 * before it, with its quote markers), lines and records moved down, joins
 * recorded. */
static void apply(splitter *sp)
{
    prepass *pp = sp->pp;
    buf text = {0};
    buf_reserve(&text, pp->text.len + sp->n_cuts * (sizeof PARASPLIT_SEPARATOR + 8));
    prepass lines = {0}; /* the lines' origins, moved down */
    pp_join *joins = malloc(sp->n_cuts * sizeof *joins);
    if (!joins)
        oom_abort();
    size_t at = 0, out = 0, c = 0;
    const cut *before = NULL; /* the cut after the line before */
    for (size_t line = 1; line <= pp->n_lines; line++) {
        size_t end = line_end(pp, at);
        const char *s = pp->text.data + at;
        size_t n = end - at;
        if (before) { /* the next part: its container's prefix, its own blanks gone */
            buf_append(&text, before->quote, before->quote_len);
            buf_append(&text, BLANKS, before->blanks);
            if (before->escape)
                buf_puts(&text, "\\!");
            s += before->drop;
            n -= before->drop;
        }
        before = c < sp->n_cuts && sp->cuts[c].after == line ? &sp->cuts[c++] : NULL;
        buf_append(&text, s, n - (before && before->backslash));
        buf_putc(&text, '\n');
        pp_origin o = prepass_origin(pp, line);
        prepass_add_line(&lines, o);
        out++;
        if (before) {
            buf_append(&text, before->quote, before->quote_len);
            buf_append(&text, BLANKS, before->blanks);
            buf_puts(&text, PARASPLIT_SEPARATOR "\n");
            prepass_add_line(&lines, o);
            out++;
            joins[c - 1] = (pp_join){out, before->hard, before->escape};
        }
        at = end + 1;
    }
    /* marks and references never lie inside a paragraph: each moves down
     * by the cuts above it */
    c = 0;
    for (size_t i = 0; i < pp->n_marks; i++) {
        while (c < sp->n_cuts && sp->cuts[c].after < pp->marks[i].line)
            c++;
        pp->marks[i].line += c;
    }
    c = 0;
    for (size_t i = 0; i < pp->n_refs; i++) {
        while (c < sp->n_cuts && sp->cuts[c].after < pp->refs[i].line)
            c++;
        pp->refs[i].line += c;
    }
    buf_free(&pp->text);
    free(pp->runs);
    pp->text = text;
    pp->runs = lines.runs;
    pp->n_runs = lines.n_runs;
    pp->cap_runs = lines.cap_runs;
    pp->n_lines = lines.n_lines;
    pp->joins = joins;
    pp->n_joins = sp->n_cuts;
}

/* The list items open around the line read, by their content columns,
 * while the scan can follow them from a line at column 0: no quote, tab,
 * code or raw HTML, no line that may go on with a paragraph (lazily) or
 * not. They place items opened four blanks in or more. */
enum { ITEMS = 8 };
typedef struct items {
    size_t col[ITEMS];
    size_t depth;
    bool known;
} items;

/* The items after line s: it may open one; sure, it does not go on with
 * a paragraph (a blank line or a heading before it, or it interrupted
 * one). The content column of the item it opens, else 0. */
static size_t items_line(items *it, const char *s, size_t n, size_t q, bool literal, bool sure,
                         bool may_open)
{
    if (is_blank(s, n))
        return 0;
    size_t sp = run_of(s, n, ' ');
    if (literal || q || !sure || s[sp] == '\t') {
        it->known = false;
        return 0;
    }
    if (!sp)
        *it = (items){.known = true};
    while (it->depth && it->col[it->depth - 1] > sp) /* the items it ends */
        it->depth--;
    if (!it->known)
        return 0;
    size_t base = it->depth ? it->col[it->depth - 1] : 0, marker, col;
    bool one, content;
    const char *t = s + sp;
    size_t m = n - sp;
    bool bullet = (t[0] == '-' || t[0] == '*' || t[0] == '+') &&
                  (m == 1 || t[1] == ' ' || t[1] == '\t') && !is_rule(t, m);
    bool marked = sp - base < 4 && (bullet || ordered_marker(t, m, &one, &content));
    if (!marked)
        return 0;
    col = item_content(s, n, may_open, base, &marker);
    if (!col || col >= sizeof BLANKS || it->depth == ITEMS) {
        it->known = false; /* an item whose content column is not read here */
        return 0;
    }
    it->col[it->depth++] = col;
    return col;
}

/* A line after which a paragraph starts: a blank one (in a quote or not),
 * an ATX heading, a thematic break of "*" or "_". */
static bool before_paragraph(const char *s, size_t n)
{
    size_t outer, q = quote_len(s, n, &outer);
    line_kind k = classify(s + q, n - q);
    if (k == L_BLANK)
        return true;
    size_t i = q + run_of(s + q, n - q, ' ');
    return k == L_END && i < n && (s[i] == '#' || s[i] == '*' || s[i] == '_') &&
           (s[i] == '#' || is_rule(s + i, n - i));
}

void parasplit_run(folio_doc *doc, prepass *pp, const pp_span *literal, size_t n_literal,
                   fdiag *d)
{
    splitter sp = {.doc = doc, .pp = pp, .d = d, .literal = literal, .n_literal = n_literal};
    size_t at = 0, line = 1, indent;
    items it = {.known = true};
    bool interrupts = false; /* this line ended a paragraph, not going on with it */
    bool may_open = true; /* a paragraph may start on this line */
    bool quoted = false;  /* a quote may be open (a line since the last blank one had ">") */
    while (line <= pp->n_lines) {
        size_t end = line_end(pp, at);
        const char *s = pp->text.data + at;
        size_t outer, n = end - at, q = quote_len(s, n, &outer);
        /* a quote opening here opens a paragraph too (when none is open:
         * a line of a deeper one may go on with its paragraph, lazily) */
        may_open = may_open || (q && !quoted);
        quoted = q ? true : is_blank(s, n) ? false : quoted;
        para pa = {s, q, q ? outer : 0, 0, true, 0, NULL, 0};
        bool literal = is_literal(&sp, line);
        size_t deep = items_line(&it, s, n, q, literal, may_open || interrupts, may_open);
        interrupts = false;
        /* a paragraph up to three blanks in: in a container whose text is
         * at most there (an item's second paragraph), or in none */
        const char *text_end = pp->text.data + pp->text.len;
        bool opens = !literal && may_open && opens_paragraph_in(s + q, n - q, &indent, text_end) &&
                     indent < 4;
        if (opens)
            pa = (para){s, q, q ? outer : 0, indent, !indent, indent, NULL, 0};
        if (!literal && !opens && (pa.item = item_content(s + q, n - q, may_open, 0, &pa.outer)))
            opens = true;
        size_t blanks = run_of(s, n, ' ');
        size_t in = !q && it.known && it.depth ? it.col[it.depth - 1] : 0; /* the item it is in */
        if (!literal && !opens && deep && blanks >= 4) { /* in the items followed */
            pa.item = deep;
            pa.outer = blanks;
            pa.around = it.col;
            pa.n_around = it.depth - 1;
            opens = true;
        } else if (!literal && !opens && may_open && blanks >= 4 && in && blanks - in < 4 &&
                   opens_paragraph_in(s + in, n - in, &indent, text_end)) {
            /* another paragraph of an item followed, four blanks in or more */
            pa = (para){s, 0, 0, in, true, in, it.col, it.depth - 1};
            opens = true;
        }
        if (literal) {
            may_open = false;
        } else if (opens) {
            /* the paragraph's lines, and what ends it */
            size_t count = 1, next = end + 1, prefix;
            line_kind ends = L_BLANK;
            while (line + count <= pp->n_lines) {
                size_t e = line_end(pp, next);
                if (is_literal(&sp, line + count))
                    ends = L_STOP;
                else
                    ends = continues(&pa, count, pp->text.data + next, e - next, &prefix);
                if (ends != L_TEXT)
                    break;
                count++;
                next = e + 1;
            }
            if (count >= PARASPLIT_LINES &&
                (ends != L_STOP || (line + count <= pp->n_lines && !is_literal(&sp, line + count) &&
                                    setext_under(&pa, pp->text.data + next,
                                                 line_end(pp, next) - next))))
                plan(&sp, &pa, at, line, count);
            /* the line that ended it is read next */
            interrupts = ends == L_END;
            line += count;
            at = next;
            may_open = false;
            continue;
        } else {
            may_open = before_paragraph(s, n);
        }
        line++;
        at = end + 1;
    }
    if (sp.n_cuts)
        apply(&sp);
    free(sp.cuts);
}
