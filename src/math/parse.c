/* TeX math → math tree: a recursive-descent reader of the LaTeX math most
 * documents use (MathJax's core set). It stops at the first thing it does
 * not know, with the offset and a message naming it: the caller then shows
 * the formula as its source, so nothing the author wrote is lost. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mtree.h"
#include "symbols.h"
#include "util/utf8.h"

/* Where a row stops (the token itself is left for the caller). */
enum {
    STOP_BRACE = 1 << 0, /* } */
    STOP_RIGHT = 1 << 1, /* \right, \middle */
    STOP_CELL = 1 << 2,  /* &, \\ */
    STOP_END = 1 << 3,   /* \end */
};

typedef struct parser {
    arena *a;
    const char *s;
    size_t len, pos;
    int depth, nodes;
    mvariant font;  /* the alphabet of \mathbf{…} being read */
    bool display;   /* the formula is a display one */
    const mnode *infix; /* the row {a \over b} became, to refuse a second \over in it */
    math_error *err;
    jmp_buf fail;   /* one way out of every depth, with err filled */
} parser;

static _Noreturn void fail_at(parser *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static _Noreturn void fail_at(parser *p, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
    p->err->offset = at;
    longjmp(p->fail, 1);
}

static mnode *node(parser *p, mkind k)
{
    if (++p->nodes > MATH_MAX_NODES)
        fail_at(p, p->pos, "formula too large (more than %d parts)", MATH_MAX_NODES);
    mnode *n = arena_alloc(p->a, sizeof *n);
    n->kind = k;
    n->size = k == MK_FRAC ? -1 : 0;
    return n;
}

static void append(mnode *row, mnode *kid)
{
    if (row->last)
        row->last->next = kid;
    else
        row->first = kid;
    row->last = kid;
    row->n++;
}

static void enter(parser *p)
{
    if (++p->depth > MATH_MAX_DEPTH)
        fail_at(p, p->pos, "formula nested deeper than %d levels", MATH_MAX_DEPTH);
}

static const char *dup(parser *p, const char *s, size_t n)
{
    return arena_strndup(p->a, s, n);
}

/* ---- tokens ---- */

static void skip_space(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            p->pos++;
        else if (c == '%') /* a TeX comment, to the end of the line */
            while (p->pos < p->len && p->s[p->pos] != '\n')
                p->pos++;
        else
            break;
    }
}

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* At a backslash: the command's name (letters, or one other character). */
static size_t command_len(const parser *p, size_t at)
{
    size_t i = at + 1;
    if (i >= p->len)
        return 0;
    if (!is_letter(p->s[i]))
        return 1;
    while (i < p->len && is_letter(p->s[i]))
        i++;
    return i - at - 1;
}

/* The command at pos (after skipping spaces) if it is name, consumed. */
static bool accept_command(parser *p, const char *name)
{
    skip_space(p);
    size_t n = strlen(name);
    if (p->pos < p->len && p->s[p->pos] == '\\' && command_len(p, p->pos) == n &&
        memcmp(p->s + p->pos + 1, name, n) == 0) {
        p->pos += 1 + n;
        return true;
    }
    return false;
}

static bool at_command(parser *p, const char *name)
{
    size_t save = p->pos;
    bool yes = accept_command(p, name);
    p->pos = save;
    return yes;
}

/* One UTF-8 character at pos: its code point and length (bad bytes: U+FFFD, 1). */
static unsigned utf8_at(const parser *p, size_t at, size_t *len)
{
    size_t i = at;
    unsigned cp = utf8_next(p->s, p->len, &i);
    *len = i - at;
    return cp;
}

static const char *utf8_of(parser *p, unsigned cp)
{
    char b[4];
    return dup(p, b, utf8_put(cp, b));
}

/* ---- atoms ---- */

static mnode *atom(parser *p, mtok tok, mclass cls, const char *text)
{
    mnode *n = node(p, MK_ATOM);
    n->tok = tok;
    n->cls = cls;
    n->text = text;
    n->variant = p->font;
    return n;
}

/* Letters and digits in the current alphabet: mapped now, except the
 * default and italic ones, which the writers map (MathML italicises single
 * letters by itself). */
static const char *in_font(parser *p, const char *s, size_t n)
{
    if (p->font == MV_DEFAULT || p->font == MV_ITALIC || p->font == MV_NORMAL)
        return dup(p, s, n);
    char out[256];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < sizeof out; i++) {
        unsigned cp = math_alnum((unsigned char)s[i], p->font);
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else {
            const char *u = utf8_of(p, cp);
            size_t ul = strlen(u);
            memcpy(out + o, u, ul);
            o += ul;
        }
    }
    return dup(p, out, o);
}

static mclass class_of(msym_kind k)
{
    switch (k) {
    case SY_BIN: return MC_BIN;
    case SY_REL: return MC_REL;
    case SY_OPEN: return MC_OPEN;
    case SY_CLOSE: return MC_CLOSE;
    case SY_PUNCT: return MC_PUNCT;
    case SY_LARGEOP:
    case SY_INTEGRAL:
    case SY_FUNC: return MC_OP;
    default: return MC_ORD;
    }
}

static mnode *symbol_atom(parser *p, const msym *s)
{
    if (s->kind == SY_IDENT) {
        mnode *n = atom(p, MT_IDENT, MC_ORD, s->text);
        if (s->value == 1)
            n->variant = MV_NORMAL;
        else if (s->value == 2)
            n->variant = MV_ITALIC;
        if (p->font == MV_BOLD || p->font == MV_BOLD_ITALIC) {
            size_t l;
            unsigned cp = utf8_at(&(parser){.s = s->text, .len = strlen(s->text)}, 0, &l);
            n->text = utf8_of(p, math_alnum(cp, p->font));
        }
        return n;
    }
    mnode *n = atom(p, MT_OPERATOR, class_of(s->kind), s->text);
    n->variant = MV_DEFAULT;
    if (s->kind == SY_LARGEOP || s->kind == SY_INTEGRAL)
        n->flags |= MF_LARGEOP;
    if (s->kind == SY_LARGEOP)
        n->flags |= MF_MOVABLE;
    if (s->kind == SY_INTEGRAL)
        n->flags |= MF_INTEGRAL;
    if (s->kind == SY_FENCE)
        n->cls = MC_ORD;
    return n;
}

/* A Unicode character typed as is: a known symbol keeps its class. */
static mnode *unicode_atom(parser *p, unsigned cp, const char *text)
{
    size_t n;
    const msym *t = msym_table(&n);
    for (size_t i = 0; i < n; i++)
        if (t[i].text && t[i].kind != SY_FUNC && t[i].kind < SY_ACCENT && strcmp(t[i].text, text) == 0)
            return symbol_atom(p, &t[i]);
    (void)cp;
    return atom(p, MT_IDENT, MC_ORD, text);
}

/* ---- the grammar ---- */

static mnode *row(parser *p, unsigned stops);
static mnode *primary(parser *p);

/* A command's argument: {…} or one token. */
/* {…} at its opening brace. */
static mnode *group(parser *p)
{
    size_t open = p->pos++;
    enter(p);
    mnode *r = row(p, STOP_BRACE);
    p->depth--;
    if (p->pos >= p->len)
        fail_at(p, open, "unbalanced braces: { is never closed");
    p->pos++;
    return r;
}

/* What a command or a script takes: {…}, one digit (\frac12 and x^23 take
 * 1 and 2), or one token. who names the taker in messages. */
static mnode *operand(parser *p, const char *who)
{
    skip_space(p);
    if (p->pos >= p->len || p->s[p->pos] == '}' || p->s[p->pos] == '&' ||
        p->s[p->pos] == '^' || p->s[p->pos] == '_')
        fail_at(p, p->pos, "%s needs an argument", who);
    char c = p->s[p->pos];
    if (c == '{')
        return group(p);
    if (c >= '0' && c <= '9') {
        p->pos++;
        return atom(p, MT_NUMBER, MC_ORD, in_font(p, &c, 1));
    }
    enter(p);
    mnode *r = primary(p);
    p->depth--;
    return r;
}

static mnode *argument(parser *p, const char *cmd)
{
    char who[48];
    snprintf(who, sizeof who, "\\%s", cmd);
    return operand(p, who);
}

/* {raw text} for \text, \operatorname, \begin: escapes resolved. */
static const char *braced_text(parser *p, const char *cmd, bool text_mode)
{
    skip_space(p);
    if (p->pos >= p->len || p->s[p->pos] != '{')
        fail_at(p, p->pos, "\\%s needs an argument in braces", cmd);
    size_t open = p->pos++;
    char buf[1024];
    size_t o = 0;
    int depth = 1;
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == '{') {
            depth++, p->pos++;
            continue;
        }
        if (c == '}' && --depth == 0) {
            p->pos++;
            return dup(p, buf, o);
        }
        if (c == '}') {
            p->pos++;
            continue;
        }
        if (o + 8 >= sizeof buf)
            fail_at(p, open, "\\%s: text longer than %zu bytes", cmd, sizeof buf - 8);
        if (c == '\\' && text_mode) {
            size_t n = command_len(p, p->pos);
            const char *name = p->s + p->pos + 1;
            if (n == 1 && strchr("{}$%&#_ ", name[0])) {
                buf[o++] = name[0];
            } else if (n == 1 && name[0] == '\\') {
                fail_at(p, p->pos, "\\\\ inside \\%s", cmd);
            } else if (n == 14 && memcmp(name, "textbackslash", 13) == 0) {
                buf[o++] = '\\';
            } else {
                fail_at(p, p->pos, "unknown command \\%.*s in \\%s", (int)(n ? n : 1), name, cmd);
            }
            p->pos += 1 + n;
            continue;
        }
        if (c == '~' && text_mode) {
            memcpy(buf + o, "\xc2\xa0", 2);
            o += 2, p->pos++;
            continue;
        }
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
        buf[o++] = c;
        p->pos++;
    }
    fail_at(p, open, "unbalanced braces: { is never closed");
}

static void reject_in_text(parser *p, const char *text, const char *cmd, size_t at)
{
    for (const char *c = text; *c; c++)
        if (*c == '\\' || *c == '$')
            fail_at(p, at, "\\%s{…} holds TeX (%c) folio does not read", cmd, *c);
}

/* A delimiter after \left, \right, \big…: "" for ".". */
static const char *delimiter(parser *p, const char *cmd, mclass *cls)
{
    skip_space(p);
    *cls = MC_ORD;
    if (p->pos >= p->len)
        fail_at(p, p->pos, "\\%s needs a delimiter", cmd);
    size_t at = p->pos;
    char c = p->s[p->pos];
    if (c == '\\') {
        size_t n = command_len(p, at);
        const msym *s = n ? msym_find(p->s + at + 1, n) : NULL;
        if (s && (s->kind == SY_OPEN || s->kind == SY_CLOSE || s->kind == SY_FENCE ||
                  (s->kind == SY_REL && strstr(s->name, "arrow")) || strcmp(s->name, "backslash") == 0)) {
            p->pos += 1 + n;
            *cls = s->kind == SY_OPEN ? MC_OPEN : s->kind == SY_CLOSE ? MC_CLOSE : MC_ORD;
            return s->text;
        }
        fail_at(p, at, "\\%.*s is not a delimiter (after \\%s)", (int)(n ? n : 1), p->s + at + 1, cmd);
    }
    p->pos++;
    switch (c) {
    case '.': return "";
    case '(': *cls = MC_OPEN; return "(";
    case '[': *cls = MC_OPEN; return "[";
    case ')': *cls = MC_CLOSE; return ")";
    case ']': *cls = MC_CLOSE; return "]";
    case '<': *cls = MC_OPEN; return "\xe2\x9f\xa8";
    case '>': *cls = MC_CLOSE; return "\xe2\x9f\xa9";
    case '|': return "|";
    case '/': return "/";
    }
    fail_at(p, at, "'%c' is not a delimiter (after \\%s)", c, cmd);
}

/* \left( … \middle| … \right) */
static mnode *fenced(parser *p)
{
    size_t at = p->pos;
    mclass cls;
    mnode *f = node(p, MK_FENCED);
    f->text = delimiter(p, "left", &cls);
    f->cls = MC_INNER;
    mnode *body = node(p, MK_ROW);
    enter(p);
    for (;;) {
        mnode *part = row(p, STOP_RIGHT);
        for (mnode *k = part->first, *next; k; k = next) {
            next = k->next;
            k->next = NULL;
            append(body, k);
        }
        if (accept_command(p, "middle")) {
            mnode *m = atom(p, MT_OPERATOR, MC_REL, delimiter(p, "middle", &cls));
            m->flags |= MF_STRETCHY;
            append(body, m);
            continue;
        }
        if (!accept_command(p, "right"))
            fail_at(p, at, "\\left without \\right");
        break;
    }
    p->depth--;
    f->text2 = delimiter(p, "right", &cls);
    f->a = body;
    return f;
}

static mnode *frac(parser *p, const msym *s)
{
    mnode *f = node(p, MK_FRAC);
    f->cls = MC_INNER;
    enter(p);
    f->a = argument(p, s->name);
    f->b = argument(p, s->name);
    p->depth--;
    if (s->value >= BINOM_AUTO) {
        f->size = 0;
        f->text = "(";
        f->text2 = ")";
    }
    int style = s->value == FRAC_DISPLAY || s->value == BINOM_DISPLAY ? MS_DISPLAY
                : s->value == FRAC_TEXT || s->value == BINOM_TEXT    ? MS_TEXT
                                                                      : -1;
    if (style < 0)
        return f;
    mnode *st = node(p, MK_STYLE);
    st->size = style;
    st->a = f;
    st->cls = MC_INNER;
    return st;
}

static mnode *sqrt_node(parser *p)
{
    mnode *r = node(p, MK_SQRT);
    enter(p);
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '[') {
        size_t open = p->pos++;
        mnode *index = node(p, MK_ROW);
        /* the index ends at the first ] outside braces */
        while (skip_space(p), p->pos < p->len && p->s[p->pos] != ']') {
            if (p->s[p->pos] == '}')
                fail_at(p, p->pos, "unbalanced braces: } closes nothing");
            append(index, primary(p));
        }
        if (p->pos >= p->len)
            fail_at(p, open, "\\sqrt[ is never closed with ]");
        p->pos++;
        r->b = index;
    }
    r->a = argument(p, "sqrt");
    p->depth--;
    return r;
}

static mnode *accent(parser *p, const msym *s)
{
    mnode *n = node(p, MK_ACCENT);
    n->text = s->text;
    if (s->kind == SY_UNDERACCENT)
        n->flags |= MF_UNDER;
    if (s->value == 1)
        n->flags |= MF_STRETCHY;
    if (s->kind == SY_BRACE) {
        n->flags |= MF_STRETCHY | MF_LIMITS | (s->value ? MF_UNDER : 0);
        n->cls = MC_OP;
    }
    enter(p);
    n->a = argument(p, s->name);
    p->depth--;
    return n;
}

static mnode *font_group(parser *p, const msym *s)
{
    mvariant saved = p->font;
    p->font = (mvariant)s->value;
    enter(p);
    mnode *r = argument(p, s->name);
    p->depth--;
    p->font = saved;
    return r;
}

static mnode *text_node(parser *p, const msym *s)
{
    size_t at = p->pos;
    const char *t = braced_text(p, s->name, true);
    (void)at;
    mnode *n = node(p, MK_TEXT);
    n->text = t;
    n->variant = (mvariant)s->value;
    return n;
}

static mnode *operatorname(parser *p)
{
    bool star = p->pos < p->len && p->s[p->pos] == '*';
    p->pos += star;
    size_t at = p->pos;
    const char *name = braced_text(p, "operatorname", false);
    reject_in_text(p, name, "operatorname", at);
    mnode *n = atom(p, MT_IDENT, MC_OP, name);
    n->variant = MV_NORMAL;
    n->flags |= MF_FUNC | (star ? MF_MOVABLE : 0);
    return n;
}

/* \not= → ≠, \not\in → ∉; others get U+0338 laid over. */
static mnode *negation(parser *p)
{
    static const char *const pairs[][2] = {
        {"=", "≠"}, {"<", "≮"}, {">", "≯"}, {"∈", "∉"}, {"≤", "≰"}, {"≥", "≱"}, {"⊂", "⊄"},
        {"⊃", "⊅"}, {"⊆", "⊈"}, {"⊇", "⊉"}, {"≡", "≢"}, {"∼", "≁"}, {"≈", "≉"}, {"≅", "≇"},
        {"∃", "∄"}, {"∣", "∤"}, {"∥", "∦"}, {"→", "↛"}, {"←", "↚"}, {"⇒", "⇏"}, {"≃", "≄"},
    };
    size_t at = p->pos;
    skip_space(p);
    mnode *n = primary(p);
    if (n->kind != MK_ATOM)
        fail_at(p, at, "\\not applies to one symbol");
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if (strcmp(n->text, pairs[i][0]) == 0) {
            n->text = pairs[i][1];
            n->cls = MC_REL;
            n->tok = MT_OPERATOR;
            return n;
        }
    n->text = arena_printf(p->a, "%s\xcc\xb8", n->text);
    n->cls = MC_REL;
    return n;
}

static mnode *big_delim(parser *p, const msym *s)
{
    mclass cls;
    const char *d = delimiter(p, s->name, &cls);
    size_t l = strlen(s->name);
    if (s->name[l - 1] == 'l')
        cls = MC_OPEN;
    else if (s->name[l - 1] == 'r')
        cls = MC_CLOSE;
    else if (s->name[l - 1] == 'm')
        cls = MC_REL;
    else
        cls = MC_ORD;
    mnode *n = atom(p, MT_OPERATOR, cls, d);
    n->size = s->value;
    n->flags |= MF_STRETCHY;
    return n;
}

static mnode *stack(parser *p, const msym *s)
{
    enter(p);
    mnode *over = argument(p, s->name);
    mnode *base = argument(p, s->name);
    p->depth--;
    mnode *n = node(p, MK_SCRIPTS);
    n->a = base;
    n->flags |= MF_LIMITS;
    if (s->value)
        n->b = over;
    else
        n->c = over;
    /* \stackrel{def}{=} is a relation */
    n->cls = strcmp(s->name, "stackrel") == 0 ? MC_REL : MC_ORD;
    if (base->kind == MK_ROW && base->n == 1 && base->first->kind == MK_ATOM)
        n->cls = base->first->cls;
    return n;
}

static mnode *space(parser *p, int mu)
{
    mnode *n = node(p, MK_SPACE);
    n->size = mu;
    return n;
}

static mnode *modulo(parser *p, const msym *s)
{
    mnode *mod = atom(p, MT_IDENT, MC_BIN, "mod");
    mod->variant = MV_NORMAL;
    mod->flags |= MF_FUNC;
    if (s->value == 0)
        return mod;
    mnode *r = node(p, MK_ROW);
    append(r, space(p, p->display ? 18 : 8)); /* amsmath: a quad in display, less inline */
    enter(p);
    mnode *arg = argument(p, s->name);
    p->depth--;
    mod->cls = MC_ORD;
    if (s->value == 1)
        append(r, atom(p, MT_OPERATOR, MC_OPEN, "("));
    append(r, mod);
    append(r, space(p, 6));
    append(r, arg);
    if (s->value == 1)
        append(r, atom(p, MT_OPERATOR, MC_CLOSE, ")"));
    return r;
}

/* \mathbin{…}, \mathop{…}: the argument behaves as an atom of that class. */
static mnode *with_class(parser *p, const msym *s)
{
    mnode *n = argument(p, s->name);
    if (n->kind == MK_ROW && n->n == 1 && n->first->kind == MK_ATOM)
        n = n->first;
    n->cls = (mclass)s->value;
    if (n->kind == MK_ATOM && n->cls != MC_ORD)
        n->tok = MT_OPERATOR;
    if (n->cls == MC_OP)
        n->flags |= MF_MOVABLE; /* limits under and over in display style */
    return n;
}

/* \hspace{1em}, \kern3mu, \mskip 4mu: a length, in mu (18 mu = 1 em;
 * 1 pt is a tenth of an em, as at 10 pt). */
static mnode *kern(parser *p, const msym *s)
{
    static const struct {
        const char *unit;
        double mu;
    } units[] = {{"mu", 1}, {"em", 18}, {"ex", 7.76}, {"pt", 1.8}, {"px", 1.35},
                 {"mm", 5.12}, {"cm", 51.2}, {"in", 130.1}};
    size_t at = p->pos;
    p->pos += p->pos < p->len && p->s[p->pos] == '*'; /* \hspace* */
    skip_space(p);
    bool braced = p->pos < p->len && p->s[p->pos] == '{';
    p->pos += braced;
    skip_space(p);
    char num[32];
    size_t k = 0;
    while (p->pos < p->len && k + 1 < sizeof num &&
           (strchr("+-.", p->s[p->pos]) || (p->s[p->pos] >= '0' && p->s[p->pos] <= '9')))
        num[k++] = p->s[p->pos++];
    num[k] = '\0';
    skip_space(p);
    for (size_t i = 0; k && i < sizeof units / sizeof *units; i++) {
        if (p->pos + 2 > p->len || memcmp(p->s + p->pos, units[i].unit, 2) != 0)
            continue;
        p->pos += 2;
        skip_space(p);
        if (braced && (p->pos >= p->len || p->s[p->pos++] != '}'))
            break;
        return space(p, (int)lround(strtod(num, NULL) * units[i].mu));
    }
    fail_at(p, at, "\\%s needs a length such as 1em, 3mu or 2pt", s->name);
}

/* ---- environments ---- */

typedef struct envspec {
    const char *name;
    const char *open, *close; /* delimiters around the table */
    char align;               /* column alignment; 'a' alternates r l (aligned) */
    bool script;              /* smallmatrix */
} envspec;

static const envspec envs[] = {
    {"matrix", NULL, NULL, 'c', false},   {"pmatrix", "(", ")", 'c', false},
    {"bmatrix", "[", "]", 'c', false},    {"Bmatrix", "{", "}", 'c', false},
    {"vmatrix", "|", "|", 'c', false},    {"Vmatrix", "‖", "‖", 'c', false},
    {"smallmatrix", NULL, NULL, 'c', true},
    {"cases", "{", "", 'l', false},       {"dcases", "{", "", 'l', false},
    {"rcases", "", "}", 'l', false},
    {"aligned", NULL, NULL, 'a', false},  {"align", NULL, NULL, 'a', false},
    {"align*", NULL, NULL, 'a', false},   {"split", NULL, NULL, 'a', false},
    {"alignedat", NULL, NULL, 'a', false},
    {"gathered", NULL, NULL, 'c', false}, {"gather", NULL, NULL, 'c', false},
    {"gather*", NULL, NULL, 'c', false},  {"array", NULL, NULL, 'c', false},
    {"equation", NULL, NULL, 0, false},   {"equation*", NULL, NULL, 0, false},
    {"displaymath", NULL, NULL, 0, false},
};

static const envspec *find_env(const char *name)
{
    for (size_t i = 0; i < sizeof envs / sizeof *envs; i++)
        if (strcmp(envs[i].name, name) == 0)
            return &envs[i];
    return NULL;
}

/* array's {lcr|} column spec: the alignments, '|' kept for rules. */
static const char *column_spec(parser *p)
{
    size_t at = p->pos;
    const char *spec = braced_text(p, "begin{array}", false);
    for (const char *c = spec; *c; c++)
        if (!strchr("lcr| ", *c))
            fail_at(p, at, "array column spec '%c' is not supported (l, c, r, |)", *c);
    return spec;
}

static bool at_cell_end(parser *p, bool *new_row)
{
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '&') {
        p->pos++;
        *new_row = false;
        return true;
    }
    if (p->pos + 1 < p->len && p->s[p->pos] == '\\' && p->s[p->pos + 1] == '\\') {
        p->pos += 2;
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == '[') { /* \\[2pt]: extra space, ignored */
            const char *close = memchr(p->s + p->pos, ']', p->len - p->pos);
            if (close)
                p->pos = (size_t)(close - p->s) + 1;
        }
        *new_row = true;
        return true;
    }
    return false;
}

/* Rows of cells up to \end (or, when end is NULL, the end of the formula
 * or the } that stops says). */
static mnode *table_body(parser *p, char align, const char *end, size_t at, unsigned stops)
{
    mnode *t = node(p, MK_TABLE);
    mnode *r = node(p, MK_ROW);
    int col = 0;
    enter(p);
    for (;;) {
        if (col == 0 && accept_command(p, "hline"))
            r->flags |= MF_HLINE;
        mnode *cell = row(p, STOP_CELL | (end ? STOP_END : 0) | stops);
        if (align == 'a' && col % 2 == 1) {
            /* "&= 1": the relation gets its spaces as after something */
            mnode *lead = node(p, MK_ROW);
            lead->next = cell->first;
            cell->first = lead;
            if (!cell->last)
                cell->last = lead;
            cell->n++;
        }
        append(r, cell);
        col++;
        bool new_row;
        if (at_cell_end(p, &new_row)) {
            if (new_row) {
                append(t, r);
                r = node(p, MK_ROW);
                col = 0;
            }
            continue;
        }
        break;
    }
    p->depth--;
    /* a last empty row after a final \\ is not a row */
    if (!(r->n == 1 && r->first->n == 0 && t->n > 0))
        append(t, r);
    if (end) {
        if (!accept_command(p, "end"))
            fail_at(p, at, "\\begin{%s} without \\end{%s}", end, end);
        size_t e = p->pos;
        const char *name = braced_text(p, "end", false);
        if (strcmp(name, end) != 0)
            fail_at(p, e, "\\begin{%s} ended by \\end{%s}", end, name);
    }
    return t;
}

/* \substack{i < n \\ j < m}: centred lines, in the style around it. */
static mnode *substack(parser *p, size_t at)
{
    skip_space(p);
    if (p->pos >= p->len || p->s[p->pos] != '{')
        fail_at(p, p->pos, "\\substack needs an argument in braces");
    p->pos++;
    mnode *t = table_body(p, 'c', NULL, at, STOP_BRACE);
    if (p->pos >= p->len || p->s[p->pos] != '}')
        fail_at(p, at, "unbalanced braces: { is never closed");
    p->pos++;
    t->text2 = "substack";
    return t;
}

/* \tag{1} shows "(1)" two quads after the formula (\tag*{A}: "A"); the
 * PDF moves a display formula's closing tag to the right margin as LaTeX
 * does; \label{eq} names it for references folio does not make: nothing
 * to show. */
static mnode *tag(parser *p, const msym *s)
{
    bool star = s->value == 0 && p->pos < p->len && p->s[p->pos] == '*';
    p->pos += star;
    const char *t = braced_text(p, s->name, true);
    if (s->value == 1)
        return space(p, 0);
    char shown[1100];
    snprintf(shown, sizeof shown, star ? "%s" : "(%s)", t);
    mnode *r = node(p, MK_ROW);
    r->flags |= MF_TAG;
    append(r, space(p, 36));
    mnode *n = node(p, MK_TEXT);
    n->text = dup(p, shown, strlen(shown));
    n->variant = MV_NORMAL;
    append(r, n);
    return r;
}

static mnode *environment(parser *p)
{
    size_t at = p->pos;
    const char *name = braced_text(p, "begin", false);
    const envspec *e = find_env(name);
    if (!e)
        fail_at(p, at, "unknown environment {%s}", name);
    if (!e->align) { /* equation: just its body */
        enter(p);
        mnode *body = row(p, STOP_END);
        p->depth--;
        if (!accept_command(p, "end"))
            fail_at(p, at, "\\begin{%s} without \\end{%s}", name, name);
        size_t ea = p->pos;
        if (strcmp(braced_text(p, "end", false), name) != 0)
            fail_at(p, ea, "\\begin{%s} ended by another \\end", name);
        return body;
    }
    const char *spec = NULL;
    if (strcmp(name, "array") == 0)
        spec = column_spec(p);
    if (strcmp(name, "alignedat") == 0)
        braced_text(p, "begin{alignedat}", false); /* the column count: implied by & */
    mvariant saved = p->font;
    p->font = MV_DEFAULT;
    mnode *t = table_body(p, e->align, name, at, 0);
    p->font = saved;
    t->text2 = e->name;
    if (spec) {
        t->text = spec;
    } else {
        /* one alignment per column, as many as the widest row */
        int cols = 0;
        for (mnode *r = t->first; r; r = r->next)
            cols = r->n > cols ? r->n : cols;
        char *al = arena_alloc(p->a, (size_t)cols + 1);
        for (int i = 0; i < cols; i++)
            al[i] = e->align == 'a' ? (i % 2 ? 'l' : 'r') : e->align;
        t->text = al;
    }
    mnode *out = t;
    if (e->script || strcmp(name, "cases") == 0 || strcmp(name, "rcases") == 0) {
        out = node(p, MK_STYLE);
        out->size = e->script ? MS_SCRIPT : MS_TEXT;
        out->a = t;
    }
    if (e->open) {
        mnode *f = node(p, MK_FENCED);
        f->text = e->open;
        f->text2 = e->close;
        f->cls = MC_INNER;
        f->a = node(p, MK_ROW);
        append(f->a, out);
        out = f;
    }
    return out;
}

/* ---- commands and characters ---- */

static mnode *command(parser *p)
{
    size_t at = p->pos;
    size_t n = command_len(p, at);
    if (n == 0)
        fail_at(p, at, "a lone \\ ends the formula");
    const char *name = p->s + at + 1;
    const msym *s = msym_find(name, n);
    if (!s) {
        if (n == 1 && name[0] == '\\')
            fail_at(p, at, "\\\\ (a new line) outside a matrix or aligned environment");
        fail_at(p, at, "unknown command \\%.*s", (int)n, name);
    }
    p->pos += 1 + n;
    switch ((msym_kind)s->kind) {
    case SY_IDENT:
    case SY_ORD:
    case SY_BIN:
    case SY_REL:
    case SY_OPEN:
    case SY_CLOSE:
    case SY_FENCE:
    case SY_PUNCT:
    case SY_LARGEOP:
    case SY_INTEGRAL: return symbol_atom(p, s);
    case SY_FUNC: {
        mnode *f = atom(p, MT_IDENT, MC_OP, s->text);
        f->variant = MV_NORMAL;
        f->flags |= MF_FUNC | (s->value ? MF_MOVABLE : 0);
        return f;
    }
    case SY_ACCENT:
    case SY_UNDERACCENT:
    case SY_BRACE: return accent(p, s);
    case SY_SPACE: return space(p, s->value);
    case SY_FONT: return font_group(p, s);
    case SY_TEXT: return text_node(p, s);
    case SY_FRAC: return frac(p, s);
    case SY_SQRT: return sqrt_node(p);
    case SY_LEFT: return fenced(p);
    case SY_BIG: return big_delim(p, s);
    case SY_BEGIN: return environment(p);
    case SY_NOT: return negation(p);
    case SY_OPERATORNAME: return operatorname(p);
    case SY_STACK: return stack(p, s);
    case SY_MOD: return modulo(p, s);
    case SY_CLASS: return with_class(p, s);
    case SY_KERN: return kern(p, s);
    case SY_SUBSTACK: return substack(p, at);
    case SY_TAG: return tag(p, s);
    case SY_NOTHING: return space(p, 0);
    case SY_BOX: {
        mnode *b = node(p, MK_BOX);
        b->size = s->value;
        enter(p);
        if (s->text) { /* \mathstrut: \vphantom{(} */
            b->a = node(p, MK_ROW);
            append(b->a, atom(p, MT_OPERATOR, MC_OPEN, s->text));
        } else {
            skip_space(p);
            if (s->value == MBOX_SMASH && p->pos < p->len && p->s[p->pos] == '[') {
                /* \smash[b]: only the depth in LaTeX; folio smashes both */
                const char *close = memchr(p->s + p->pos, ']', p->len - p->pos);
                if (!close)
                    fail_at(p, p->pos, "\\smash[ is never closed with ]");
                p->pos = (size_t)(close - p->s) + 1;
            }
            b->a = argument(p, s->name);
        }
        p->depth--;
        return b;
    }
    case SY_RIGHT: fail_at(p, at, "\\right without \\left");
    case SY_MIDDLE: fail_at(p, at, "\\middle outside \\left…\\right");
    case SY_END: fail_at(p, at, "\\end without \\begin");
    case SY_LIMITS: fail_at(p, at, "\\%s after something that is not an operator", s->name);
    case SY_HLINE: fail_at(p, at, "\\hline outside an array");
    case SY_STYLE:
    case SY_SWITCH:
    case SY_INFIX: break; /* handled by row */
    }
    fail_at(p, at, "\\%s is misplaced", s->name);
}

static mnode *character(parser *p)
{
    size_t at = p->pos;
    char c = p->s[at];
    if ((c >= '0' && c <= '9') || (c == '.' && at + 1 < p->len && p->s[at + 1] >= '0' &&
                                   p->s[at + 1] <= '9')) {
        size_t e = at;
        bool dot = false;
        while (e < p->len && ((p->s[e] >= '0' && p->s[e] <= '9') ||
                              (p->s[e] == '.' && !dot && e + 1 < p->len && p->s[e + 1] >= '0' &&
                               p->s[e + 1] <= '9'))) {
            dot |= p->s[e] == '.';
            e++;
        }
        p->pos = e;
        return atom(p, MT_NUMBER, MC_ORD, in_font(p, p->s + at, e - at));
    }
    p->pos++;
    if (is_letter(c)) {
        /* \mathrm{Var}, \mathit{diff}: one name; default letters stay apart (ab is a·b) */
        size_t e = at + 1;
        if (p->font != MV_DEFAULT)
            while (e < p->len && is_letter(p->s[e]))
                e++;
        p->pos = e;
        return atom(p, MT_IDENT, MC_ORD, in_font(p, p->s + at, e - at));
    }
    switch (c) {
    case '+': return atom(p, MT_OPERATOR, MC_BIN, "+");
    case '-': return atom(p, MT_OPERATOR, MC_BIN, "\xe2\x88\x92"); /* U+2212 minus */
    case '*': return atom(p, MT_OPERATOR, MC_BIN, "\xe2\x88\x97"); /* U+2217 asterisk */
    case '=': return atom(p, MT_OPERATOR, MC_REL, "=");
    case '<': return atom(p, MT_OPERATOR, MC_REL, "<");
    case '>': return atom(p, MT_OPERATOR, MC_REL, ">");
    case ':': return atom(p, MT_OPERATOR, MC_REL, ":");
    case ',': return atom(p, MT_OPERATOR, MC_PUNCT, ",");
    case ';': return atom(p, MT_OPERATOR, MC_PUNCT, ";");
    case '!': return atom(p, MT_OPERATOR, MC_CLOSE, "!");
    case '?': return atom(p, MT_OPERATOR, MC_CLOSE, "?");
    case '(': return atom(p, MT_OPERATOR, MC_OPEN, "(");
    case '[': return atom(p, MT_OPERATOR, MC_OPEN, "[");
    case ')': return atom(p, MT_OPERATOR, MC_CLOSE, ")");
    case ']': return atom(p, MT_OPERATOR, MC_CLOSE, "]");
    case '|': return atom(p, MT_OPERATOR, MC_ORD, "|");
    case '/': return atom(p, MT_OPERATOR, MC_ORD, "/");
    case '.': return atom(p, MT_OPERATOR, MC_ORD, ".");
    case '@': return atom(p, MT_IDENT, MC_ORD, "@");
    case '"': return atom(p, MT_IDENT, MC_ORD, "\"");
    case '`': return atom(p, MT_OPERATOR, MC_ORD, "\xe2\x80\x98");
    case '~': return space(p, 6);
    case '#': fail_at(p, at, "'#' (a macro parameter) in a formula");
    case '&': fail_at(p, at, "'&' outside a matrix or aligned environment");
    case '}': fail_at(p, at, "unbalanced braces: } closes nothing");
    case '^':
    case '_': fail_at(p, at, "%c with nothing to attach to", c);
    case '\'': fail_at(p, at, "a prime with nothing to attach to");
    }
    if ((unsigned char)c < 0x20 || c == 0x7F)
        return space(p, 0);
    if ((unsigned char)c >= 0x80) {
        size_t l;
        unsigned cp = utf8_at(p, at, &l);
        p->pos = at + l;
        return unicode_atom(p, cp, dup(p, p->s + at, l));
    }
    fail_at(p, at, "'%c' is not understood in a formula", c);
}

static mnode *primary(parser *p)
{
    skip_space(p);
    if (p->pos >= p->len)
        fail_at(p, p->pos, "the formula ends too early");
    char c = p->s[p->pos];
    if (c == '{')
        return group(p);
    if (c == '\\')
        return command(p);
    return character(p);
}

/* The scripts after a base: x_i^2, x', \sum\limits_{i}. */
static mnode *with_scripts(parser *p, mnode *base)
{
    const unsigned placement = MF_LIMITS | MF_MOVABLE | MF_NOLIMITS;
    mnode *sc = NULL;
    bool primes_only = false; /* the superscript so far is x' primes */
    for (;;) {
        skip_space(p);
        if (p->pos >= p->len)
            break;
        char c = p->s[p->pos];
        size_t at = p->pos;
        if (c == '\\' && (at_command(p, "limits") || at_command(p, "nolimits"))) {
            bool lim = accept_command(p, "limits");
            if (!lim)
                accept_command(p, "nolimits");
            if (!base || base->kind != MK_ATOM || !(base->flags & (MF_LARGEOP | MF_FUNC)) || sc)
                fail_at(p, at, "\\%s after something that is not an operator",
                        lim ? "limits" : "nolimits");
            base->flags &= ~placement;
            base->flags |= lim ? MF_LIMITS : MF_NOLIMITS;
            continue;
        }
        if (c != '^' && c != '_' && c != '\'')
            break;
        if (!sc) {
            sc = node(p, MK_SCRIPTS);
            sc->a = base;
            sc->cls = base ? base->cls : MC_ORD;
        }
        if (c == '\'') {
            size_t n = 0;
            while (p->pos < p->len && p->s[p->pos] == '\'')
                n++, p->pos++;
            if (sc->c)
                fail_at(p, at, "double superscript (a prime after ^)");
            static const char *const primes[] = {"′", "″", "‴", "⁗"};
            mnode *pr = node(p, MK_ROW);
            for (size_t k = 0; k < n;) {
                size_t take = n - k > 4 ? 4 : n - k;
                append(pr, atom(p, MT_OPERATOR, MC_ORD, primes[take - 1]));
                k += take;
            }
            sc->c = pr;
            primes_only = true;
            continue;
        }
        p->pos++;
        mnode *s = operand(p, c == '^' ? "^" : "_");
        if (c == '_') {
            if (sc->b)
                fail_at(p, at, "double subscript");
            sc->b = s;
        } else if (primes_only) {
            append(sc->c, s); /* f'^2: the primes, then 2 */
            primes_only = false;
        } else {
            if (sc->c)
                fail_at(p, at, "double superscript");
            sc->c = s;
        }
    }
    if (sc && base && (base->kind == MK_ATOM || base->kind == MK_ACCENT || base->kind == MK_ROW))
        sc->flags |= base->flags & placement;
    return sc ? sc : base;
}

static mnode *row(parser *p, unsigned stops)
{
    mnode *r = node(p, MK_ROW);
    for (;;) {
        skip_space(p);
        if (p->pos >= p->len)
            return r;
        char c = p->s[p->pos];
        if (c == '}') {
            if (stops & STOP_BRACE)
                return r;
            fail_at(p, p->pos, "unbalanced braces: } closes nothing");
        }
        if ((stops & STOP_CELL) && (c == '&' || (c == '\\' && p->pos + 1 < p->len &&
                                                 p->s[p->pos + 1] == '\\')))
            return r;
        if (c == '\\') {
            if ((stops & STOP_RIGHT) && (at_command(p, "right") || at_command(p, "middle")))
                return r;
            if ((stops & STOP_END) && at_command(p, "end"))
                return r;
            size_t n = command_len(p, p->pos);
            const msym *s = n ? msym_find(p->s + p->pos + 1, n) : NULL;
            if (s && s->kind == SY_STYLE) {
                /* \displaystyle: the rest of this group */
                p->pos += 1 + n;
                mnode *st = node(p, MK_STYLE);
                st->size = s->value;
                enter(p);
                st->a = row(p, stops);
                p->depth--;
                /* spaced from what precedes it as its first atom is
                 * (i \textstyle\sum: a thin space); nothing: no space */
                const mnode *k = st->a->first;
                while (k && k->kind == MK_SPACE)
                    k = k->next;
                st->cls = k ? k->cls : MC_COUNT;
                append(r, st);
                return r;
            }
            if (s && s->kind == SY_SWITCH) {
                /* {\rm d}x: the rest of this group in that alphabet */
                p->pos += 1 + n;
                mvariant saved = p->font;
                p->font = (mvariant)s->value;
                enter(p);
                mnode *rest = row(p, stops);
                p->depth--;
                p->font = saved;
                for (mnode *k = rest->first, *next; k; k = next) {
                    next = k->next;
                    k->next = NULL;
                    append(r, k);
                }
                return r;
            }
            if (s && s->kind == SY_INFIX) {
                /* {a \over b}: what precedes in the group over what follows */
                size_t at = p->pos;
                p->pos += 1 + n;
                mnode *f = node(p, MK_FRAC);
                f->cls = MC_INNER;
                f->a = r;
                enter(p);
                f->b = row(p, stops);
                p->depth--;
                if (f->b == p->infix)
                    fail_at(p, at, "\\%s in a group that has one already: braces must say "
                                   "which is over which", s->name);
                if (s->value > 0)
                    f->size = 0; /* \atop, \choose: no rule */
                if (s->value == 2)
                    f->text = "(", f->text2 = ")";
                mnode *out = node(p, MK_ROW);
                append(out, f);
                p->infix = out;
                return out;
            }
        }
        if (c == '^' || c == '_' || c == '\'') {
            /* {}^{14}C, or a script at the start: attached to nothing */
            mnode *sc = with_scripts(p, NULL);
            append(r, sc);
            continue;
        }
        append(r, with_scripts(p, primary(p)));
    }
}

mnode *math_parse(arena *a, const char *tex, size_t len, bool display, math_error *err)
{
    parser p = {.a = a, .s = tex, .len = len, .err = err, .display = display};
    memset(err, 0, sizeof *err);
    if (setjmp(p.fail))
        return NULL;
    if (len > MATH_MAX_BYTES)
        fail_at(&p, 0, "formula longer than %d bytes", MATH_MAX_BYTES);
    mnode *r = row(&p, STOP_CELL);
    if (p.pos < len) {
        /* a \\ at the top level: lines, as in a gathered environment */
        p.pos = 0;
        p.nodes = 0;
        mnode *t = table_body(&p, 'c', NULL, 0, 0);
        if (p.pos < len)
            fail_at(&p, p.pos, "'&' outside a matrix or aligned environment");
        bool amp = false;
        for (mnode *row_ = t->first; row_; row_ = row_->next)
            amp |= row_->n > 1;
        if (amp)
            fail_at(&p, 0, "'&' outside a matrix or aligned environment");
        t->text = "c";
        t->text2 = "gathered";
        r = node(&p, MK_ROW);
        append(r, t);
    }
    return r;
}

const char *math_class_name(mclass c)
{
    static const char *const names[MC_COUNT] = {"ord", "op", "bin", "rel", "open", "close",
                                                "punct", "inner"};
    return c < MC_COUNT ? names[c] : "?";
}

const char *math_kind_name(mkind k)
{
    static const char *const names[MK_KIND_COUNT] = {
        "row", "atom", "text", "space", "frac", "sqrt", "scripts", "fenced", "accent", "table",
        "style", "box"};
    return k < MK_KIND_COUNT ? names[k] : "?";
}
