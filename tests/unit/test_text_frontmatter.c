/* Front matter: finding the block and reading its keys. */
#include <string.h>

#include "check.h"
#include "doc/frontmatter.h"
#include "diag_capture.h"

static capture cap;
static buf msg;

typedef struct split {
    int r;
    size_t yaml_off, yaml_len, body_off;
    int body_line;
} split;

static split do_split(const char *s)
{
    split x = {0};
    x.r = frontmatter_split(s, strlen(s), "t.md", &cap.d, &x.yaml_off, &x.yaml_len, &x.body_off,
                            &x.body_line);
    return x;
}

static void test_split(void)
{
    split x = do_split("# Titre\n\nTexte\n");
    CHECK(x.r == 0 && x.body_off == 0 && x.body_line == 1);

    const char *s = "---\ntitle: A\n---\nBody\n";
    x = do_split(s);
    CHECK(x.r == 1);
    CHECK(x.yaml_off == 4 && x.yaml_len == strlen("title: A\n"));
    CHECK_STR(s + x.body_off, "Body\n");
    CHECK(x.body_line == 4);

    s = "---\r\ntitle: A\r\ndate: 2023-03-20\r\n---\r\nBody\r\n";
    x = do_split(s);
    CHECK(x.r == 1 && x.body_line == 5);
    CHECK_STR(s + x.body_off, "Body\r\n");

    s = "---\ntitle: A\n...\nBody";
    x = do_split(s);
    CHECK(x.r == 1 && x.body_line == 4);
    CHECK_STR(s + x.body_off, "Body");

    s = "---\n---\n";
    x = do_split(s);
    CHECK(x.r == 1 && x.yaml_len == 0 && x.body_off == strlen(s));

    s = "--- \ntitle: A\n---   \n"; /* trailing blanks on the fences, nothing after */
    x = do_split(s);
    CHECK(x.r == 1 && x.body_off == strlen(s) && x.body_line == 4);

    CHECK(do_split("----\ntitle: A\n----\n").r == 0); /* a rule, not a fence */
    CHECK(do_split("").r == 0);
    CHECK_STR(capture_take(&cap, &msg), "");

    x = do_split("---\ntitle: A\n\nBody without end\n");
    CHECK(x.r == -1);
    CHECK(cap.d.errors == 1);
    CHECK(strncmp(capture_take(&cap, &msg), "1:1: error: front matter is not closed", 38) == 0);
}

static bool parse(const char *yaml, int first_line, arena *a, fmeta *m)
{
    return frontmatter_parse(yaml, strlen(yaml), first_line, "t.md", &cap.d, a, m);
}

static void test_parse(void)
{
    arena *a = arena_new();
    fmeta m;
    CHECK(parse("# only a comment\n", 2, a, &m));
    CHECK(m.title == NULL && m.toc == -1 && !m.draft && !m.date.valid && m.authors.n == 0);
    CHECK(parse("", 2, a, &m));
    CHECK(m.toc == -1);

    const char *full = "title: Infolettre Avril 2023, première quinzaine (#13)\n"
                       "#subtitle: \n"
                       "subtitle: Le sous-titre\n"
                       "toc: true\n"
                       "summary: |\n"
                       "  Infolettre du mois d'avril\n"
                       "description: ignored because summary came first\n"
                       "date: '2023-03-20T00:00:00Z'\n"
                       "lastmod: 2023-03-21\n"
                       "draft: false\n"
                       "featured: true   # unknown keys are fine\n"
                       "authors:\n"
                       "  - linogaliana\n"
                       "  - name: Jane Doe\n"
                       "tags: [data, ia]\n"
                       "categories: Infolettre\n"
                       "number: 13\n"
                       "image:\n"
                       "  caption: ''\n"
                       "  filename: featured.png\n"
                       "lang: fr-FR\n";
    CHECK(parse(full, 2, a, &m));
    CHECK_STR(m.title, "Infolettre Avril 2023, première quinzaine (#13)");
    CHECK_STR(m.subtitle, "Le sous-titre");
    CHECK_STR(m.summary, "Infolettre du mois d'avril");
    CHECK(m.toc == 1 && !m.draft);
    CHECK(m.date.valid && m.date.year == 2023 && m.date.month == 3 && m.date.day == 20);
    CHECK(m.lastmod.valid && m.lastmod.day == 21 && !m.lastmod.has_time);
    CHECK(m.authors.n == 2);
    CHECK_STR(m.authors.items[0], "linogaliana");
    CHECK_STR(m.authors.items[1], "Jane Doe");
    CHECK(m.tags.n == 2);
    CHECK_STR(m.tags.items[1], "ia");
    CHECK(m.categories.n == 1);
    CHECK_STR(m.categories.items[0], "Infolettre");
    CHECK_STR(m.number, "13");
    CHECK_STR(m.image, "featured.png");
    CHECK_STR(m.lang, "fr-FR");
    CHECK_STR(capture_take(&cap, &msg), "");

    CHECK(parse("author: Lino Galiana\ndescription: Desc\ndraft: yes\ntoc: false\nimage: a.jpg\n",
                2, a, &m));
    CHECK(m.authors.n == 1);
    CHECK_STR(m.authors.items[0], "Lino Galiana");
    CHECK_STR(m.summary, "Desc");
    CHECK(m.draft && m.toc == 0);
    CHECK_STR(m.image, "a.jpg");

    CHECK(parse("title: ~\ndate: \"2023-03-20 10:00\"\n", 2, a, &m));
    CHECK(m.title == NULL && m.date.valid && m.date.hour == 10);

    /* a bad value is a warning, and the key is ignored */
    CHECK(parse("date: soon\ntoc: maybe\n", 2, a, &m));
    CHECK(!m.date.valid && m.toc == -1);
    CHECK_STR(capture_take(&cap, &msg),
              "2:7: warning: front matter: \"soon\" is not a date (date); ignored\n"
              "3:6: warning: front matter: \"toc\" should be true or false; ignored\n");

    /* malformed YAML: the line is the source file's (block starts on line 2) */
    CHECK(!parse("title: A\ntags: [a, b\ndate: 2023-03-20\n", 2, a, &m));
    CHECK(cap.d.errors == 1);
    const char *e = capture_take(&cap, &msg);
    CHECK_STR(e, "4:5: error: front matter: while parsing a flow sequence did not find expected "
                 "',' or ']'\n");

    CHECK(!parse("title: A\n  bad: indent\n", 2, a, &m));
    CHECK(strncmp(capture_take(&cap, &msg), "3:6: error: front matter:", 25) == 0);

    CHECK(!parse("title: \"unclosed\n", 10, a, &m));
    CHECK(strncmp(capture_take(&cap, &msg), "10:8: error: front matter:", 26) == 0);

    CHECK(!parse("- a\n- b\n", 2, a, &m));
    CHECK(strncmp(capture_take(&cap, &msg), "2:1: error: front matter: expected", 34) == 0);

    /* an alias bomb stays small: aliases are references, never expanded */
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "tags: *h\n"
                       "authors: &self [*self]\n"
                       "title: Bomb\n";
    CHECK(parse(bomb, 2, a, &m));
    CHECK_STR(m.title, "Bomb");
    CHECK(m.tags.n == 0 && m.authors.n == 0);
    capture_take(&cap, &msg);
    arena_drop(a);
}

int main(void)
{
    capture_init(&cap, false);
    test_split();
    test_parse();
    capture_free(&cap);
    buf_free(&msg);
    return check_done();
}
