/* Random and hostile inputs through the text functions: no crash, no
 * sanitizer report, and the invariants each function promises. A fixed
 * seed keeps runs reproducible. */
#include <stdlib.h>
#include <string.h>

#include "book/words.h"
#include "check.h"
#include "doc/date.h"
#include "doc/encoding.h"
#include "doc/frontmatter.h"
#include "doc/slug.h"
#include "doc/tree.h"
#include "doc/typography.h"

static unsigned long long seed = 42;

static unsigned next_rand(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(seed >> 33);
}

/* Bytes drawn mostly from characters that matter to the code under test. */
static size_t random_text(char *out, size_t max)
{
    static const char *const pieces[] = {
        "---\n", "...\n", "title: ", "date: ", "'", "\"", ":", ";", "!", "?", " ", "\n", "\r\n",
        "«", "»", "é", "√®", "Ã©", "‚Äô", "â€™", "\xC3", "\x80", "\xF0\x9F", "[", "]", "{", "}",
        "&a ", "*a", "- ", "  ", "#", "2023-03-20", "T10:00", "+02:00", "\xE2\x80\xAF", "\0"};
    size_t n = 0, count = next_rand() % 60;
    for (size_t i = 0; i < count; i++) {
        const char *p = pieces[next_rand() % (sizeof pieces / sizeof pieces[0])];
        size_t len = *p ? strlen(p) : 1;
        if (n + len > max)
            break;
        memcpy(out + n, p, len);
        n += len;
    }
    return n;
}

static void quiet(const folio_diag *d, void *user) { (void)d, (void)user; }

int main(void)
{
    fdiag d;
    fdiag_init(&d, quiet, NULL);
    char text[1024];
    int valid = 0, found = 0;
    for (int round = 0; round < 4000; round++) {
        arena *a = arena_new();
        size_t len = random_text(text, sizeof text - 1);
        text[len] = '\0';

        int errors = d.errors;
        bool ok = encoding_validate(text, len, "r.md", &d);
        CHECK(ok == (d.errors == errors)); /* false exactly when one error was reported */
        if (!ok) {
            arena_drop(a);
            continue;
        }
        valid++;
        char *fixed = NULL;
        size_t fixed_len = 0;
        if (encoding_mojibake(text, len, true, "r.md", &d, &fixed, &fixed_len)) {
            found++;
            CHECK(fixed && fixed_len < len && encoding_validate(fixed, fixed_len, "r.md", &d));
        }
        free(fixed);

        size_t yo = 0, yl = 0, bo = 0;
        int bl = 0;
        int r = frontmatter_split(text, len, "r.md", &d, &yo, &yl, &bo, &bl);
        CHECK(bo <= len);
        fmeta m;
        if (r == 1) {
            CHECK(yo + yl <= bo);
            frontmatter_parse(text + yo, yl, 2, "r.md", &d, a, &m);
        }

        fdate date;
        if (fdate_parse(text, &date)) {
            buf b = {0};
            book_date_long(&date, "fr", &b);
            CHECK(b.len > 0);
            buf_free(&b);
        }

        fnode *doc = fnode_new(a, FN_DOCUMENT, 0);
        fnode *h = fnode_new(a, FN_HEADING, 1);
        fnode *t = fnode_new(a, FN_TEXT, 1);
        t->as.literal = arena_strndup(a, text, strlen(text));
        fnode_append(h, t);
        fnode_append(doc, h);
        fnode *p = fnode_new(a, FN_PARAGRAPH, 1);
        fnode *t2 = fnode_new(a, FN_TEXT, 1);
        t2->as.literal = t->as.literal;
        fnode_append(p, t2);
        fnode_append(p, fnode_new(a, FN_SOFT_BREAK, 1));
        fnode *t3 = fnode_new(a, FN_TEXT, 1);
        t3->as.literal = t->as.literal;
        fnode_append(p, t3);
        fnode_append(doc, p);
        slug_assign_ids(doc, a);
        CHECK(h->as.heading.id && *h->as.heading.id);
        typography_apply(doc, round % 2 ? "fr" : "en", a);
        CHECK(encoding_validate(t2->as.literal, strlen(t2->as.literal), "r.md", &d));
        arena_drop(a);
    }
    /* the generator must reach the interesting paths */
    CHECK(valid > 100 && found > 10);

    /* deep nesting and long runs */
    arena *a = arena_new();
    fnode *doc = fnode_new(a, FN_DOCUMENT, 0), *p = fnode_new(a, FN_PARAGRAPH, 1), *at = p;
    fnode_append(doc, p);
    for (int i = 0; i < 10000; i++) {
        fnode *em = fnode_new(a, FN_EMPH, 1);
        fnode_append(at, em);
        at = em;
    }
    fnode *t = fnode_new(a, FN_TEXT, 1);
    char *quotes = arena_alloc(a, 100001);
    memset(quotes, '"', 100000);
    t->as.literal = quotes;
    fnode_append(at, t);
    typography_apply(doc, "fr", a);
    CHECK(strlen(t->as.literal) > 100000);
    arena_drop(a);
    return check_done();
}
