/* The TeX math parser: the tree it builds, its limits, and its errors. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "math/mtree.h"
#include "math/symbols.h"
#include "util/buf.h"

static mnode *parse(arena *a, const char *tex, math_error *err)
{
    return math_parse(a, tex, strlen(tex), false, err);
}

static void test_table_sorted(void)
{
    size_t n;
    const msym *t = msym_table(&n);
    for (size_t i = 1; i < n; i++)
        CHECK(strcmp(t[i - 1].name, t[i].name) < 0);
    for (size_t i = 0; i < n; i++)
        CHECK(msym_find(t[i].name, strlen(t[i].name)) == &t[i]);
    CHECK(msym_find("fra", 3) == NULL);
    CHECK(msym_find("fracx", 5) == NULL);
}

static void test_tree(void)
{
    arena *a = arena_new();
    math_error err;
    mnode *r = parse(a, "x^2 - \\frac{a}{b}", &err);
    CHECK(r && r->kind == MK_ROW && r->n == 3);
    CHECK(r->first->kind == MK_SCRIPTS && r->first->c && !r->first->b);
    CHECK_STR(r->first->next->text, "\xe2\x88\x92"); /* - is U+2212 */
    CHECK(r->last->kind == MK_FRAC && r->last->size == -1);

    r = parse(a, "\\sum_{i=1}^n \\lim_{x} \\int_0^1", &err);
    CHECK(r && r->n == 3);
    CHECK(r->first->flags & MF_MOVABLE);
    CHECK(!(r->last->flags & (MF_MOVABLE | MF_LIMITS)));
    CHECK(r->first->next->a->flags & MF_FUNC);

    r = parse(a, "\\mathbb{R} \\mathbf{x} \\mathcal{L}", &err);
    CHECK_STR(r->first->first->text, "ℝ");
    CHECK_STR(r->first->next->first->text, "𝐱");
    CHECK_STR(r->last->first->text, "ℒ");

    r = parse(a, "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", &err);
    CHECK(r && r->first->kind == MK_FENCED);
    mnode *t = r->first->a->first;
    CHECK(t->kind == MK_TABLE && t->n == 2 && t->first->n == 2);
    CHECK_STR(t->text, "cc");

    r = parse(a, "25 \\text{ €} \\not= \\not\\in", &err);
    CHECK(r && r->n == 4);
    CHECK_STR(r->first->next->text, " €");
    CHECK_STR(r->first->next->next->text, "≠");
    CHECK_STR(r->last->text, "∉");
    arena_drop(a);
}

/* Each malformed formula: NULL, and a message naming the culprit. */
static void test_errors(void)
{
    static const struct {
        const char *tex, *msg;
        size_t offset;
    } cases[] = {
        {"\\frac{a}", "\\frac needs an argument", 8},
        {"{x", "unbalanced braces: { is never closed", 0},
        {"x}", "unbalanced braces: } closes nothing", 1},
        {"a + \\foo", "unknown command \\foo", 4},
        {"\\left( x", "\\left without \\right", 5},
        {"\\begin{cases} a", "\\begin{cases} without \\end{cases}", 6},
    };
    arena *a = arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        math_error err;
        CHECK(parse(a, cases[i].tex, &err) == NULL);
        CHECK_STR(err.msg, cases[i].msg);
        CHECK(err.offset == cases[i].offset);
    }
    arena_drop(a);
}

/* 10,000 nested groups, fractions, \left, font switches: the depth limit
 * answers, the stack does not overflow. */
static void test_limits(void)
{
    arena *a = arena_new();
    math_error err;
    size_t n = 10000;
    char *s = malloc(2 * n + 2);
    memset(s, '{', n);
    s[n] = 'x';
    memset(s + n + 1, '}', n);
    s[2 * n + 1] = '\0';
    CHECK(math_parse(a, s, strlen(s), false, &err) == NULL);
    CHECK(strstr(err.msg, "nested deeper") != NULL);

    buf b = {0};
    for (size_t i = 0; i < 5000; i++) /* 45 KB: under the length limit */
        buf_puts(&b, "\\frac{1}{");
    CHECK(math_parse(a, b.data, b.len, false, &err) == NULL);
    CHECK(strstr(err.msg, "nested deeper") != NULL);
    buf_clear(&b);
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, "\\left(");
    CHECK(math_parse(a, b.data, b.len, false, &err) == NULL);
    CHECK(strstr(err.msg, "nested deeper") != NULL);
    /* switches and infix fractions nest through the rest of their group */
    const char *const chains[] = {"\\rm ", "{a \\over ", "\\boxed{", "\\displaystyle "};
    for (size_t k = 0; k < sizeof chains / sizeof *chains; k++) {
        buf_clear(&b);
        for (size_t i = 0; i < 4000; i++) /* under the length limit */
            buf_puts(&b, chains[k]);
        CHECK(math_parse(a, b.data, b.len, false, &err) == NULL);
        CHECK(strstr(err.msg, "nested deeper") != NULL);
    }
    buf_clear(&b);
    for (size_t i = 0; i < 40000; i++)
        buf_puts(&b, "x+");
    CHECK(math_parse(a, b.data, b.len, false, &err) == NULL);
    CHECK(strstr(err.msg, "longer than") != NULL);
    buf_clear(&b);
    for (size_t i = 0; i < 12000; i++)
        buf_puts(&b, "xy");
    CHECK(math_parse(a, b.data, b.len, false, &err) == NULL);
    CHECK(strstr(err.msg, "too large") != NULL);
    buf_free(&b);
    free(s);
    arena_drop(a);
}

int main(void)
{
    test_table_sorted();
    test_tree();
    test_errors();
    test_limits();
    return check_done();
}
