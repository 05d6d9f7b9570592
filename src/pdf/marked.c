#include "marked.h"
#include "pdf_syntax.h"

#include <string.h>

typedef enum okind { O_OTHER, O_NAME, O_DICT } okind;

typedef struct operand {
    okind kind;
    size_t start, end;
    bool mcid; /* O_DICT: it has an /MCID key */
} operand;

typedef struct lexer {
    const char *s;
    size_t len, i;
    size_t copied;    /* s[0, copied) is in out already */
    operand last[2];  /* the last two operands at the top level */
    int n_last;
    buf drops;        /* open marked content, innermost last: 1 when its EMC goes */
} lexer;

static void push_operand(lexer *x, okind kind, size_t start)
{
    if (x->n_last == 2) {
        x->last[0] = x->last[1];
        x->n_last = 1;
    }
    x->last[x->n_last++] = (operand){kind, start, x->i, false};
}

/* A literal string: balanced parentheses, backslash escapes. */
static bool skip_string(lexer *x)
{
    const char *past = pdf_skip_literal(x->s + x->i, x->s + x->len);
    if (!past)
        return false;
    x->i = (size_t)(past - x->s);
    return true;
}

/* An inline image's data after ID: up to an EI between white space. */
static bool skip_image_data(lexer *x)
{
    x->i++; /* the one white-space byte after ID */
    for (; x->i + 2 <= x->len; x->i++)
        if (x->s[x->i] == 'E' && x->s[x->i + 1] == 'I' && pdf_is_space(x->s[x->i - 1]) &&
            (x->i + 2 == x->len || !pdf_is_regular(x->s[x->i + 2]))) {
            x->i += 2;
            return true;
        }
    return false;
}

static bool is_cairo_tag(const lexer *x)
{
    return x->n_last == 2 && x->last[0].kind == O_NAME && x->last[1].kind == O_DICT &&
           x->last[1].mcid;
}

static bool operator(lexer *x, size_t start, pdf_marked_fn fn, void *ctx, buf *out)
{
    const char *op = x->s + start;
    size_t n = x->i - start;
    if (n == 3 && !memcmp(op, "BDC", 3)) {
        bool drop = false;
        if (is_cairo_tag(x)) {
            const operand *name = &x->last[0];
            buf_append(out, x->s + x->copied, name->start - x->copied);
            if (!fn(ctx, x->s + name->start + 1, name->end - name->start - 1, out, &drop))
                return false;
            x->copied = x->i;
        }
        buf_putc(&x->drops, drop ? 1 : 0);
    } else if (n == 3 && !memcmp(op, "BMC", 3)) {
        buf_putc(&x->drops, 0);
    } else if (n == 3 && !memcmp(op, "EMC", 3)) {
        if (!x->drops.len)
            return false;
        if (x->drops.data[--x->drops.len]) {
            buf_append(out, x->s + x->copied, start - x->copied);
            x->copied = x->i;
        }
    } else if (n == 2 && !memcmp(op, "ID", 2)) {
        return skip_image_data(x);
    }
    x->n_last = 0;
    return true;
}

static bool is_operand_word(const char *w, size_t n)
{
    return strchr("0123456789+-.", w[0]) || (n == 4 && !memcmp(w, "true", 4)) ||
           (n == 5 && !memcmp(w, "false", 5)) || (n == 4 && !memcmp(w, "null", 4));
}

static bool rewrite(lexer *x, pdf_marked_fn fn, void *ctx, buf *out)
{
    int depth = 0;       /* open arrays and dictionaries */
    size_t outer = 0;    /* where the top-level one began */
    bool outer_dict = false, mcid = false; /* it is a dictionary; with an /MCID key */
    const char *s = x->s;
    while (x->i < x->len) {
        char c = s[x->i];
        size_t start = x->i;
        if (pdf_is_space(c)) {
            x->i++;
        } else if (c == '%') {
            while (x->i < x->len && s[x->i] != '\n' && s[x->i] != '\r')
                x->i++;
        } else if (c == '(') {
            if (!skip_string(x))
                return false;
            if (!depth)
                push_operand(x, O_OTHER, start);
        } else if (c == '<' && x->i + 1 < x->len && s[x->i + 1] == '<') {
            if (!depth++) {
                outer = start;
                outer_dict = true;
                mcid = false;
            }
            x->i += 2;
        } else if (c == '>' && x->i + 1 < x->len && s[x->i + 1] == '>') {
            x->i += 2;
            if (--depth < 0)
                return false;
            if (!depth) {
                push_operand(x, outer_dict ? O_DICT : O_OTHER, outer);
                x->last[x->n_last - 1].mcid = mcid;
            }
        } else if (c == '<') {
            const char *end = memchr(s + x->i, '>', x->len - x->i);
            if (!end)
                return false;
            x->i = (size_t)(end - s) + 1;
            if (!depth)
                push_operand(x, O_OTHER, start);
        } else if (c == '[') {
            if (!depth++) {
                outer = start;
                outer_dict = false;
            }
            x->i++;
        } else if (c == ']') {
            x->i++;
            if (--depth < 0)
                return false;
            if (!depth)
                push_operand(x, O_OTHER, outer);
        } else if (c == '/') {
            for (x->i++; x->i < x->len && pdf_is_regular(s[x->i]); x->i++)
                ;
            if (!depth)
                push_operand(x, O_NAME, start);
            else if (depth == 1 && outer_dict && x->i - start == 5 && !memcmp(s + start, "/MCID", 5))
                mcid = true; /* a key or a value: cairo writes no /MCID value */
        } else if (!pdf_is_regular(c)) {
            return false; /* a stray ')', '>', '{' or '}' */
        } else {
            while (x->i < x->len && pdf_is_regular(s[x->i]))
                x->i++;
            if (depth)
                continue;
            if (is_operand_word(s + start, x->i - start))
                push_operand(x, O_OTHER, start);
            else if (!operator(x, start, fn, ctx, out))
                return false;
        }
    }
    return depth == 0 && x->drops.len == 0;
}

bool pdf_marked_rewrite(const char *content, size_t len, pdf_marked_fn fn, void *ctx, buf *out)
{
    lexer x = {.s = content, .len = len};
    bool ok = rewrite(&x, fn, ctx, out);
    if (ok)
        buf_append(out, content + x.copied, len - x.copied);
    buf_free(&x.drops);
    return ok;
}
