/* The total-fit line breaker on boxes, glue and penalties alone: forced
 * and forbidden breaks, lines within the tolerance where a solution
 * exists, a better paragraph than filling each line in turn, overfull
 * lines rather than no layout, hyphens not on two lines in a row. */
#include <stdlib.h>

#include "check.h"
#include "text/linebreak.h"

typedef struct para {
    lb_item *items;
    int n, cap;
} para;

static void push(para *p, lb_item it)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->items = realloc(p->items, (size_t)p->cap * sizeof *p->items);
    }
    p->items[p->n++] = it;
}

static void word(para *p, int w)
{
    push(p, (lb_item){.kind = LB_BOX, .width = w});
}

static void space(para *p)
{
    push(p, (lb_item){.kind = LB_PENALTY});
    push(p, (lb_item){.kind = LB_GLUE, .width = 10, .stretch = 5, .shrink = 3});
}

static void end(para *p)
{
    push(p, (lb_item){.kind = LB_GLUE, .fil = true});
    push(p, (lb_item){.kind = LB_PENALTY, .penalty = -LB_INF});
}

/* The first item of the line after a break at b. */
static int next_start(const para *p, int b)
{
    int i = b + 1;
    while (i < p->n && p->items[i].kind != LB_BOX)
        i++;
    return i;
}

static double worst_ratio(const para *p, const int *breaks, int count, int width)
{
    double worst = 0;
    int from = 0;
    for (int k = 0; k < count; k++) {
        double r = lb_ratio(p->items, from, breaks[k], width);
        if (k + 1 < count && (r > worst || -r > worst))
            worst = r < 0 ? -r : r;
        from = next_start(p, breaks[k]);
    }
    return worst;
}

/* First fit: each line takes as many words as fit at natural width. */
static double greedy_worst(const para *p, int width)
{
    int breaks[4096], count = 0, from = 0, last_ok = -1;
    for (int i = 0; i < p->n; i++) {
        if (p->items[i].kind != LB_PENALTY)
            continue;
        double L = 0;
        for (int j = from; j < i; j++)
            if (p->items[j].kind != LB_PENALTY)
                L += p->items[j].width;
        if (L > width && last_ok >= 0) {
            breaks[count++] = last_ok;
            from = next_start(p, last_ok);
            last_ok = -1;
            i = from - 1;
            continue;
        }
        last_ok = i;
        if (p->items[i].penalty == -LB_INF) {
            breaks[count++] = i;
            break;
        }
    }
    return worst_ratio(p, breaks, count, width);
}

static void check_random_paragraphs(void)
{
    srand(7);
    int better = 0;
    for (int t = 0; t < 200; t++) {
        para p = {0};
        int words = 20 + rand() % 80;
        for (int w = 0; w < words; w++) {
            if (w)
                space(&p);
            word(&p, 15 + rand() % 50);
        }
        end(&p);
        int *breaks;
        int count = linebreak(p.items, p.n, 300, &breaks);
        CHECK(count > 0 && breaks[count - 1] == p.n - 1);
        for (int k = 0; k < count; k++)
            CHECK(p.items[breaks[k]].kind == LB_PENALTY);
        double kp = worst_ratio(&p, breaks, count, 300), ff = greedy_worst(&p, 300);
        CHECK(kp <= 4);
        better += kp < ff - 0.01;
        CHECK(kp <= ff + 0.5); /* never much worse than first fit at its worst line */
        free(breaks);
        free(p.items);
    }
    CHECK(better > 100); /* and usually better */
}

static void check_forced_and_forbidden(void)
{
    para p = {0};
    for (int w = 0; w < 30; w++) {
        if (w == 10) { /* a hard break */
            push(&p, (lb_item){.kind = LB_GLUE, .fil = true});
            push(&p, (lb_item){.kind = LB_PENALTY, .penalty = -LB_INF});
        } else if (w) {
            if (w % 2)
                push(&p, (lb_item){.kind = LB_PENALTY, .penalty = LB_INF});
            else
                push(&p, (lb_item){.kind = LB_PENALTY});
            push(&p, (lb_item){.kind = LB_GLUE, .width = 10, .stretch = 5, .shrink = 3});
        }
        word(&p, 30);
    }
    end(&p);
    int *breaks;
    int count = linebreak(p.items, p.n, 200, &breaks);
    bool hard = false;
    for (int k = 0; k < count; k++) {
        CHECK(p.items[breaks[k]].penalty != LB_INF);
        hard |= p.items[breaks[k]].penalty == -LB_INF && breaks[k] < p.n - 1;
    }
    CHECK(hard);
    free(breaks);
    free(p.items);
}

static void check_overfull(void)
{
    para p = {0};
    word(&p, 50);
    space(&p);
    word(&p, 500); /* wider than the line, nowhere to break */
    space(&p);
    word(&p, 50);
    end(&p);
    int *breaks;
    int count = linebreak(p.items, p.n, 200, &breaks);
    CHECK(count == 3 && breaks[count - 1] == p.n - 1);
    free(breaks);
    free(p.items);
}

/* Two words cut by hyphens on consecutive lines cost more than one. */
static void check_hyphens(void)
{
    int consecutive = 0, total = 0;
    srand(11);
    for (int t = 0; t < 100; t++) {
        para p = {0};
        for (int w = 0; w < 60; w++) {
            if (w)
                space(&p);
            int len = 20 + rand() % 60;
            if (len > 68) { /* a long word with a hyphenation point */
                word(&p, len / 2);
                push(&p, (lb_item){.kind = LB_PENALTY, .penalty = 50, .width = 5, .flagged = true});
                word(&p, len - len / 2);
            } else {
                word(&p, len);
            }
        }
        end(&p);
        int *breaks;
        int count = linebreak(p.items, p.n, 500, &breaks);
        for (int k = 0; k < count; k++) {
            bool h = p.items[breaks[k]].flagged;
            total += h;
            consecutive += h && k > 0 && p.items[breaks[k - 1]].flagged;
        }
        free(breaks);
        free(p.items);
    }
    CHECK(total > 50);
    CHECK(consecutive * 10 < total);
}

/* A long paragraph: the work stays proportional to its length. */
static void check_long(void)
{
    para p = {0};
    for (int w = 0; w < 200000; w++) {
        if (w)
            space(&p);
        word(&p, 20 + (w * 7919) % 40);
    }
    end(&p);
    int *breaks;
    int count = linebreak(p.items, p.n, 400, &breaks);
    CHECK(count > 10000 && breaks[count - 1] == p.n - 1);
    free(breaks);
    free(p.items);
}

int main(void)
{
    check_random_paragraphs();
    check_forced_and_forbidden();
    check_overfull();
    check_hyphens();
    check_long();
    return check_done();
}
