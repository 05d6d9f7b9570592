#include "mathml.h"

#include <string.h>

#include "xml.h"

static void node(buf *o, const mnode *n);

/* One code point's length in UTF-8 at s. */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
}

static bool single_char(const char *s) { return *s && s[char_len(s)] == '\0'; }

static void element(buf *o, const char *tag, const char *text)
{
    buf_printf(o, "<%s>", tag);
    xml_text(o, text);
    buf_printf(o, "</%s>", tag);
}

/* Letters of \mathit{…} in several letters (MathML italicises single ones). */
static void italic_text(buf *o, const char *s)
{
    for (; *s; s++)
        buf_put_utf8(o, math_alnum((unsigned char)*s, MV_ITALIC));
}

static void ident(buf *o, const mnode *n)
{
    if (n->variant == MV_ITALIC && !single_char(n->text)) {
        buf_puts(o, "<mi>");
        italic_text(o, n->text);
        buf_puts(o, "</mi>");
    } else if (n->variant == MV_NORMAL && single_char(n->text)) {
        buf_puts(o, "<mi mathvariant=\"normal\">");
        xml_text(o, n->text);
        buf_puts(o, "</mi>");
    } else {
        element(o, "mi", n->text);
    }
}

/* \big sizes as MathJax gives them. */
static const char *const big_sizes[] = {"", "1.2em", "1.623em", "2.047em", "2.470em"};

static void operator(buf *o, const mnode *n)
{
    buf_puts(o, "<mo");
    if (n->flags & MF_FUNC) /* \lim: a name with movable limits */
        buf_puts(o, " form=\"prefix\" movablelimits=\"true\"");
    if (n->size > 0 && n->size <= 4) {
        buf_printf(o, " minsize=\"%s\" maxsize=\"%s\"", big_sizes[n->size], big_sizes[n->size]);
    } else if (n->flags & MF_STRETCHY) {
        buf_puts(o, " stretchy=\"true\"");
    } else if (n->cls == MC_OPEN || n->cls == MC_CLOSE || strcmp(n->text, "|") == 0 ||
               strcmp(n->text, "\xe2\x80\x96") == 0) {
        /* TeX's ( is as tall as the font; MathML's would stretch */
        buf_puts(o, " stretchy=\"false\"");
    }
    if (n->cls == MC_ORD && !(n->flags & MF_LARGEOP) && n->tok == MT_OPERATOR && n->size == 0)
        buf_puts(o, " lspace=\"0\" rspace=\"0\"");
    if ((n->flags & MF_LARGEOP) && (n->flags & MF_NOLIMITS))
        buf_puts(o, " movablelimits=\"false\"");
    buf_putc(o, '>');
    xml_text(o, n->text);
    buf_puts(o, "</mo>");
}

static void atom(buf *o, const mnode *n)
{
    if (n->flags & MF_FUNC && n->flags & MF_MOVABLE) {
        operator(o, n);
        return;
    }
    switch (n->tok) {
    case MT_IDENT: ident(o, n); break;
    case MT_NUMBER: element(o, "mn", n->text); break;
    case MT_OPERATOR: operator(o, n); break;
    }
}

/* A node as one MathML element (a row of several gets an <mrow>). */
static void single(buf *o, const mnode *n)
{
    if (!n) {
        buf_puts(o, "<mrow></mrow>");
    } else if (n->kind == MK_ROW && n->n != 1) {
        buf_puts(o, "<mrow>");
        node(o, n);
        buf_puts(o, "</mrow>");
    } else {
        node(o, n->kind == MK_ROW ? n->first : n);
    }
}

static bool is_function(const mnode *n)
{
    if (n->kind == MK_SCRIPTS && n->a)
        n = n->a;
    return n->kind == MK_ATOM && (n->flags & MF_FUNC) && n->cls == MC_OP;
}

static void row(buf *o, const mnode *n)
{
    for (const mnode *k = n->first; k; k = k->next) {
        node(o, k);
        if (is_function(k) && k->next) /* sin x: the invisible function application */
            buf_puts(o, "<mo>\xe2\x81\xa1</mo>");
    }
}

static bool under_over(const mnode *n)
{
    return (n->flags & MF_LIMITS) || ((n->flags & MF_MOVABLE) && !(n->flags & MF_NOLIMITS));
}

static void scripts(buf *o, const mnode *n)
{
    bool uo = under_over(n);
    const char *tag = n->b && n->c ? (uo ? "munderover" : "msubsup")
                      : n->b       ? (uo ? "munder" : "msub")
                                   : (uo ? "mover" : "msup");
    buf_printf(o, "<%s>", tag);
    single(o, n->a);
    if (n->b)
        single(o, n->b);
    if (n->c)
        single(o, n->c);
    buf_printf(o, "</%s>", tag);
}

static void fence(buf *o, const char *d)
{
    if (!*d)
        return;
    buf_puts(o, "<mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">");
    xml_text(o, d);
    buf_puts(o, "</mo>");
}

static void frac(buf *o, const mnode *n)
{
    if (n->text) {
        buf_puts(o, "<mrow>");
        fence(o, n->text);
    }
    buf_puts(o, n->size == 0 ? "<mfrac linethickness=\"0\">" : "<mfrac>");
    single(o, n->a);
    single(o, n->b);
    buf_puts(o, "</mfrac>");
    if (n->text) {
        fence(o, n->text2);
        buf_puts(o, "</mrow>");
    }
}

static void accent(buf *o, const mnode *n)
{
    bool under = n->flags & MF_UNDER;
    bool brace = n->flags & MF_LIMITS;
    buf_puts(o, under ? "<munder" : "<mover");
    if (!brace)
        buf_puts(o, under ? " accentunder=\"true\"" : " accent=\"true\"");
    buf_putc(o, '>');
    single(o, n->a);
    buf_printf(o, "<mo stretchy=\"%s\">", n->flags & MF_STRETCHY ? "true" : "false");
    xml_text(o, n->text);
    buf_puts(o, "</mo>");
    buf_puts(o, under ? "</munder>" : "</mover>");
}

static const char *align_name(char c)
{
    return c == 'l' ? "left" : c == 'r' ? "right" : "center";
}

static void table(buf *o, const mnode *n)
{
    const char *spec = n->text ? n->text : "";
    const char *env = n->text2 ? n->text2 : "";
    buf columns = {0}, lines = {0};
    bool any_line = false;
    for (const char *c = spec; *c; c++) {
        if (*c == '|' || *c == ' ')
            continue;
        if (columns.len)
            buf_putc(&columns, ' ');
        buf_puts(&columns, align_name(*c));
        /* the rule between this column and the next */
        const char *next = c + 1;
        while (*next == ' ')
            next++;
        if (*next && strchr("lcr|", *next) && strpbrk(next, "lcr")) {
            bool rule = *next == '|';
            any_line |= rule;
            if (lines.len)
                buf_putc(&lines, ' ');
            buf_puts(&lines, rule ? "solid" : "none");
        }
    }
    buf_puts(o, "<mtable");
    if (columns.len)
        xml_attr(o, "columnalign", buf_cstr(&columns));
    if (any_line)
        xml_attr(o, "columnlines", buf_cstr(&lines));
    if (spec[0] == '|' || (*spec && spec[strlen(spec) - 1] == '|'))
        buf_puts(o, " frame=\"solid\"");
    bool aligned = strstr(env, "align") || strcmp(env, "split") == 0;
    if (aligned)
        buf_puts(o, " columnspacing=\"0em 2em\" displaystyle=\"true\"");
    else if (strstr(env, "cases"))
        buf_puts(o, " columnspacing=\"1em\"");
    else if (strcmp(env, "gathered") == 0 || strncmp(env, "gather", 6) == 0)
        buf_puts(o, " displaystyle=\"true\"");
    bool rules = false;
    for (const mnode *r = n->first; r; r = r->next)
        rules |= r != n->first && (r->flags & MF_HLINE);
    if (rules) {
        buf_puts(o, " rowlines=\"");
        for (const mnode *r = n->first->next; r; r = r->next)
            buf_printf(o, "%s%s", r == n->first->next ? "" : " ",
                       r->flags & MF_HLINE ? "solid" : "none");
        buf_putc(o, '"');
    }
    buf_putc(o, '>');
    for (const mnode *r = n->first; r; r = r->next) {
        buf_puts(o, "<mtr>");
        for (const mnode *c = r->first; c; c = c->next) {
            buf_puts(o, "<mtd>");
            node(o, c);
            buf_puts(o, "</mtd>");
        }
        buf_puts(o, "</mtr>");
    }
    buf_puts(o, "</mtable>");
    buf_free(&columns);
    buf_free(&lines);
}

static void style(buf *o, const mnode *n)
{
    static const char *const attrs[] = {
        "displaystyle=\"true\" scriptlevel=\"0\"", "displaystyle=\"false\" scriptlevel=\"0\"",
        "displaystyle=\"false\" scriptlevel=\"1\"", "displaystyle=\"false\" scriptlevel=\"2\""};
    buf_printf(o, "<mstyle %s>", attrs[n->size >= 0 && n->size < 4 ? n->size : 1]);
    single(o, n->a);
    buf_puts(o, "</mstyle>");
}

/* \boxed a framed menclose; a phantom an mphantom (in an mpadded for
 * the dimension it keeps); \smash an mpadded without height or depth. */
static void box(buf *o, const mnode *n)
{
    static const char *const open[] = {
        [MBOX_FRAME] = "<menclose notation=\"box\">", [MBOX_PHANTOM] = "<mphantom>",
        [MBOX_HPHANTOM] = "<mpadded height=\"0\" depth=\"0\"><mphantom>",
        [MBOX_VPHANTOM] = "<mpadded width=\"0\"><mphantom>",
        [MBOX_SMASH] = "<mpadded height=\"0\" depth=\"0\">"};
    static const char *const close[] = {
        [MBOX_FRAME] = "</menclose>", [MBOX_PHANTOM] = "</mphantom>",
        [MBOX_HPHANTOM] = "</mphantom></mpadded>", [MBOX_VPHANTOM] = "</mphantom></mpadded>",
        [MBOX_SMASH] = "</mpadded>"};
    int k = n->size >= MBOX_FRAME && n->size <= MBOX_SMASH ? n->size : MBOX_FRAME;
    buf_puts(o, open[k]);
    single(o, n->a);
    buf_puts(o, close[k]);
}

static void text(buf *o, const mnode *n)
{
    static const char *const variants[MV_COUNT] = {
        [MV_ITALIC] = "italic", [MV_BOLD] = "bold", [MV_SANS] = "sans-serif",
        [MV_MONO] = "monospace"};
    const char *v = n->variant < MV_COUNT ? variants[n->variant] : NULL;
    buf_puts(o, "<mtext");
    if (v)
        xml_attr(o, "mathvariant", v);
    buf_putc(o, '>');
    xml_text(o, n->text);
    buf_puts(o, "</mtext>");
}

static void node(buf *o, const mnode *n)
{
    switch (n->kind) {
    case MK_ROW: row(o, n); break;
    case MK_ATOM: atom(o, n); break;
    case MK_TEXT: text(o, n); break;
    case MK_SPACE: buf_printf(o, "<mspace width=\"%.3gem\"/>", n->size / 18.0); break;
    case MK_FRAC: frac(o, n); break;
    case MK_SQRT:
        if (n->b) {
            buf_puts(o, "<mroot>");
            single(o, n->a);
            single(o, n->b);
            buf_puts(o, "</mroot>");
        } else {
            buf_puts(o, "<msqrt>");
            node(o, n->a);
            buf_puts(o, "</msqrt>");
        }
        break;
    case MK_SCRIPTS: scripts(o, n); break;
    case MK_FENCED:
        buf_puts(o, "<mrow>");
        fence(o, n->text);
        node(o, n->a);
        fence(o, n->text2);
        buf_puts(o, "</mrow>");
        break;
    case MK_ACCENT: accent(o, n); break;
    case MK_TABLE: table(o, n); break;
    case MK_STYLE: style(o, n); break;
    case MK_BOX: box(o, n); break;
    case MK_KIND_COUNT: break;
    }
}

void epub_mathml(buf *o, const mnode *root, const char *tex, bool display)
{
    buf_puts(o, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"");
    if (display)
        buf_puts(o, " display=\"block\"");
    xml_attr(o, "alttext", tex);
    buf_putc(o, '>');
    /* one <mrow> so the semantics of the whole formula are one expression */
    buf_puts(o, "<mrow>");
    node(o, root);
    buf_puts(o, "</mrow></math>");
}
