/* A formula as one line of Unicode text, the way one would type it:
 * "king − man + woman ≈ queen", "cos(θ) = (u · v)/(‖u‖ ‖v‖)", "x² + 1".
 * It is what copying from the PDF gives (its /ActualText), so search
 * finds the words and symbols of a formula. */
#include <stdlib.h>
#include <string.h>

#include "mtree.h"
#include "util/buf.h"

static void node(buf *o, const mnode *n);

/* A space unless the text already ends with one (or is empty). */
static void space(buf *o)
{
    if (o->len && o->data[o->len - 1] != ' ' && o->data[o->len - 1] != '(')
        buf_putc(o, ' ');
}

static void trim_space(buf *o)
{
    while (o->len && o->data[o->len - 1] == ' ')
        o->data[--o->len] = '\0';
}

static const mnode *only_child(const mnode *n)
{
    while (n && n->kind == MK_ROW && n->n == 1)
        n = n->first;
    return n;
}

/* One symbol, one number or one name: written without parentheses. */
static bool simple(const mnode *n)
{
    n = only_child(n);
    return n && (n->kind == MK_ATOM || n->kind == MK_TEXT ||
                 (n->kind == MK_FENCED) || (n->kind == MK_ROW && n->n == 0));
}

static void grouped(buf *o, const mnode *n)
{
    if (simple(n)) {
        node(o, n);
        return;
    }
    buf_putc(o, '(');
    node(o, n);
    trim_space(o);
    buf_putc(o, ')');
}

/* Superscript and subscript forms of the characters that have one. */
static const char *const sup_digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
static const char *const sub_digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};

static const char *script_form(const char *s, bool sup)
{
    static const char *const sup_other[][2] = {
        {"+", "⁺"}, {"\xe2\x88\x92", "⁻"}, {"=", "⁼"}, {"(", "⁽"}, {")", "⁾"}, {"n", "ⁿ"},
        {"i", "ⁱ"}, {"T", "ᵀ"}, {"′", "′"}, {"″", "″"}, {"‴", "‴"}};
    static const char *const sub_other[][2] = {
        {"+", "₊"}, {"\xe2\x88\x92", "₋"}, {"=", "₌"}, {"(", "₍"}, {")", "₎"}, {"i", "ᵢ"},
        {"j", "ⱼ"}, {"k", "ₖ"}, {"n", "ₙ"}, {"t", "ₜ"}, {"x", "ₓ"}};
    if (s[0] >= '0' && s[0] <= '9' && !s[1]) {
        int d = s[0] - '0';
        return sup ? sup_digits[d] : sub_digits[d];
    }
    const char *const(*t)[2] = sup ? sup_other : sub_other;
    size_t n = sup ? sizeof sup_other / sizeof *sup_other : sizeof sub_other / sizeof *sub_other;
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i][0], s) == 0)
            return t[i][1];
    return NULL;
}

/* x² when every character of the script has a script form, else false. */
static bool script_chars(buf *o, const mnode *n, bool sup)
{
    n = only_child(n);
    buf tmp = {0};
    bool ok = true;
    if (n && n->kind == MK_ATOM && (n->tok == MT_NUMBER || n->variant == MV_DEFAULT)) {
        const char *s = n->text;
        if (n->tok == MT_NUMBER) {
            for (; *s && ok; s++) {
                char one[2] = {*s, 0};
                const char *f = script_form(one, sup);
                ok = f != NULL;
                if (f)
                    buf_puts(&tmp, f);
            }
        } else {
            const char *f = script_form(s, sup);
            ok = f != NULL;
            if (f)
                buf_puts(&tmp, f);
        }
    } else if (n && n->kind == MK_ROW) {
        for (const mnode *k = n->first; k && ok; k = k->next)
            ok = script_chars(&tmp, k, sup);
        ok = ok && n->n > 0;
    } else {
        ok = false;
    }
    if (ok)
        buf_puts(o, buf_cstr(&tmp));
    buf_free(&tmp);
    return ok;
}

static void scripts(buf *o, const mnode *n)
{
    if (n->a)
        node(o, n->a);
    trim_space(o);
    bool caret = false; /* the last script is written x^k, not x² */
    if (n->b && !script_chars(o, n->b, false)) {
        buf_putc(o, '_');
        grouped(o, n->b);
        caret = true;
    }
    if (n->c) {
        caret = !script_chars(o, n->c, true);
        if (caret) {
            buf_putc(o, '^');
            grouped(o, n->c);
        }
    }
    if (caret && o->len && o->data[o->len - 1] != ')')
        buf_putc(o, ' '); /* x^k y, not x^ky */
}

static void atom(buf *o, const mnode *n)
{
    if (strcmp(n->text, "\xe2\x8b\x85") == 0) {
        buf_puts(o, "\xc2\xb7"); /* \cdot: the middle dot people type */
    } else {
        buf_puts(o, n->text);
    }
}

/* Neighbours are spaced where TeX puts space between them (a + b, a, b,
 * sin x, n log n), and between two fenced terms (‖u‖ ‖v‖). */
static void row(buf *o, const mnode *n)
{
    mclass stack[64], *cls = n->n <= 64 ? stack : malloc((size_t)n->n * sizeof *cls);
    if (!cls)
        abort();
    math_row_classes(n, cls);
    int i = 0;
    mclass prev = MC_COUNT;
    for (const mnode *k = n->first; k; k = k->next, i++) {
        if (cls[i] == MC_COUNT) {
            node(o, k);
            continue;
        }
        if (prev != MC_COUNT && cls[i] != MC_PUNCT && (math_space_mu(prev, cls[i], false) > 0 ||
                                 (prev == MC_CLOSE && cls[i] == MC_OPEN) ||
                                 (prev == MC_INNER && cls[i] == MC_INNER)))
            space(o);
        node(o, k);
        prev = cls[i];
    }
    if (cls != stack)
        free(cls);
}

/* A combining accent put on the last character: x̂, v⃗. */
static const char *combining(const char *accent)
{
    static const char *const map[][2] = {
        {"^", "\xcc\x82"}, {"ˇ", "\xcc\x8c"}, {"~", "\xcc\x83"}, {"´", "\xcc\x81"},
        {"`", "\xcc\x80"}, {"˙", "\xcc\x87"}, {"¨", "\xcc\x88"}, {"⃛", "\xe2\x83\x9b"},
        {"˘", "\xcc\x86"}, {"¯", "\xcc\x84"}, {"→", "\xe2\x83\x97"}, {"˚", "\xcc\x8a"},
        {"‾", "\xcc\x85"}, {"←", "\xe2\x83\x96"}, {"↔", "\xe2\x83\xa1"}, {"_", "\xcc\xb2"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i][0], accent) == 0)
            return map[i][1];
    return NULL;
}

static void accent(buf *o, const mnode *n)
{
    if (n->flags & MF_LIMITS) { /* a brace: its content is what counts */
        node(o, n->a);
        return;
    }
    const char *c = combining(n->text);
    if (simple(n->a) || !c) {
        node(o, n->a);
    } else {
        buf_putc(o, '(');
        node(o, n->a);
        buf_putc(o, ')');
    }
    trim_space(o);
    if (c)
        buf_puts(o, c);
}

static void sqrt_node(buf *o, const mnode *n)
{
    const mnode *index = only_child(n->b);
    if (index && index->kind == MK_ATOM && strcmp(index->text, "3") == 0)
        buf_puts(o, "∛");
    else if (index && index->kind == MK_ATOM && strcmp(index->text, "4") == 0)
        buf_puts(o, "∜");
    else if (n->b && !script_chars(o, n->b, true))
        grouped(o, n->b), buf_puts(o, "√");
    else
        buf_puts(o, "√");
    grouped(o, n->a);
}

static void table(buf *o, const mnode *n)
{
    for (const mnode *r = n->first; r; r = r->next) {
        for (const mnode *c = r->first; c; c = c->next) {
            node(o, c);
            trim_space(o);
            if (c->next)
                buf_puts(o, strchr(n->text2 ? n->text2 : "", 'a') ? " " : ", ");
        }
        if (r->next)
            buf_puts(o, "; ");
    }
}

static void node(buf *o, const mnode *n)
{
    switch (n->kind) {
    case MK_ROW: row(o, n); break;
    case MK_ATOM: atom(o, n); break;
    case MK_TEXT: buf_puts(o, n->text); break;
    case MK_SPACE:
        if (n->size >= 3)
            space(o);
        break;
    case MK_FRAC:
        if (n->text) { /* a binomial coefficient */
            buf_putc(o, '(');
            node(o, n->a);
            buf_puts(o, "¦");
            node(o, n->b);
            buf_putc(o, ')');
            break;
        }
        grouped(o, n->a);
        trim_space(o);
        buf_putc(o, '/');
        grouped(o, n->b);
        break;
    case MK_SQRT: sqrt_node(o, n); break;
    case MK_SCRIPTS: scripts(o, n); break;
    case MK_FENCED:
        buf_puts(o, n->text);
        node(o, n->a);
        trim_space(o);
        buf_puts(o, n->text2);
        break;
    case MK_ACCENT: accent(o, n); break;
    case MK_TABLE: table(o, n); break;
    case MK_STYLE: node(o, n->a); break;
    case MK_BOX: /* a phantom is only room */
        if (n->size == MBOX_FRAME || n->size == MBOX_SMASH)
            node(o, n->a);
        break;
    case MK_KIND_COUNT: break;
    }
}

char *math_linear(const mnode *root)
{
    buf o = {0};
    node(&o, root);
    trim_space(&o);
    /* collapse runs of spaces left by explicit spacing */
    size_t w = 0;
    for (size_t r = 0; r < o.len; r++)
        if (!(o.data[r] == ' ' && w > 0 && o.data[w - 1] == ' '))
            o.data[w++] = o.data[r];
    if (!o.data) /* an empty formula: \(\) */
        return strdup("");
    o.data[w] = '\0';
    o.len = w;
    size_t lead = strspn(o.data, " ");
    memmove(o.data, o.data + lead, o.len - lead + 1);
    return buf_detach(&o);
}
