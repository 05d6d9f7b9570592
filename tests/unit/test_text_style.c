/* Style files: the shipped default.yaml equals the built-in house style;
 * overrides, unknown keys and bad values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "style/style.h"
#include "diag_capture.h"

static capture cap;
static buf msg;

static bool same_rgb(frgb a, frgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Field by field: every member of struct folio_style. */
static void check_equal(const folio_style *x, const folio_style *y)
{
    CHECK(same_str(x->paper, y->paper));
    CHECK(x->page_width == y->page_width && x->page_height == y->page_height);
    CHECK(x->margin_top == y->margin_top && x->margin_bottom == y->margin_bottom);
    CHECK(x->margin_left == y->margin_left && x->margin_right == y->margin_right);
    CHECK(same_str(x->font_body, y->font_body) && same_str(x->font_heading, y->font_heading));
    CHECK(same_str(x->font_mono, y->font_mono) && same_str(x->font_emoji, y->font_emoji));
    CHECK(x->size_body == y->size_body && x->size_small == y->size_small);
    CHECK(x->size_code == y->size_code && x->size_title == y->size_title);
    CHECK(memcmp(x->size_heading, y->size_heading, sizeof x->size_heading) == 0);
    CHECK(x->line_height == y->line_height && x->paragraph_spacing == y->paragraph_spacing);
    CHECK(x->justify == y->justify && x->hyphenate == y->hyphenate);
    CHECK(same_rgb(x->color_text, y->color_text) && same_rgb(x->color_heading, y->color_heading));
    CHECK(same_rgb(x->color_link, y->color_link) && same_rgb(x->color_muted, y->color_muted));
    CHECK(same_rgb(x->color_rule, y->color_rule));
    CHECK(same_rgb(x->code_background, y->code_background));
    CHECK(same_rgb(x->quote_border, y->quote_border));
    CHECK(same_rgb(x->mark_background, y->mark_background));
    CHECK(same_rgb(x->table_header_background, y->table_header_background));
    CHECK(same_rgb(x->table_rule, y->table_rule));
    for (int k = 0; k < FCALLOUT_COUNT; k++) {
        CHECK(same_rgb(x->callout[k].border, y->callout[k].border));
        CHECK(same_rgb(x->callout[k].background, y->callout[k].background));
        CHECK(same_str(x->callout[k].title, y->callout[k].title));
    }
    CHECK(same_str(x->header, y->header) && same_str(x->footer, y->footer));
    CHECK(x->links == y->links);
    CHECK(same_str(x->cover_image, y->cover_image) && same_str(x->publisher, y->publisher));
}

/* Loads text written to a temporary file. */
static folio_status load_text(const char *yaml, folio_style **out)
{
    char path[] = "/tmp/folio-style-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f)
        return FOLIO_EOUTPUT;
    fputs(yaml, f);
    fclose(f);
    folio_options o;
    memset(&o, 0, sizeof o);
    o.diag = capture_fn;
    o.diag_user = &cap;
    folio_status st = folio_style_load(path, &o, out);
    remove(path);
    return st;
}

static void test_defaults(void)
{
    folio_options o;
    memset(&o, 0, sizeof o);
    o.diag = capture_fn;
    o.diag_user = &cap;
    folio_style *builtin = NULL, *file = NULL;
    CHECK(folio_style_load(NULL, &o, &builtin) == FOLIO_OK);
    CHECK(folio_style_load(FOLIO_TESTS_DIR "/../styles/default.yaml", &o, &file) == FOLIO_OK);
    CHECK_STR(capture_take(&cap, &msg), "");
    CHECK(builtin && file);
    if (builtin && file)
        check_equal(builtin, file);
    CHECK_STR(builtin->font_body, "Noto Serif");
    CHECK(builtin->page_width > 595.27 && builtin->page_width < 595.28);
    folio_style_drop(builtin);
    folio_style_drop(file);

    folio_style *letter = NULL;
    CHECK(folio_style_load(FOLIO_TESTS_DIR "/../styles/letter.yaml", &o, &letter) == FOLIO_OK);
    CHECK_STR(capture_take(&cap, &msg), "");
    CHECK(letter && letter->page_width == 612 && letter->margin_left == 54);
    CHECK(letter && letter->size_body == 10.5);
    folio_style_drop(letter);
}

static void test_overrides(void)
{
    folio_style *s = NULL;
    CHECK(load_text("page:\n  paper: letter\n  margins: 1in\n"
                    "sizes: {body: 11, h1: 20pt}\n"
                    "text:\n  line-height: 1.5\n  justify: false\n"
                    "colors:\n  link: \"#f00\"\n"
                    "callouts:\n  tip: {title: Astuce du jour}\n"
                    "links: inline\nfooter: ~\npublisher: SSPHub\n"
                    "fonts:\n  # body: Other\n",
                    &s) == FOLIO_OK);
    CHECK_STR(capture_take(&cap, &msg), "");
    if (s) {
        CHECK_STR(s->paper, "letter");
        CHECK(s->page_width == 612 && s->page_height == 792);
        CHECK(s->margin_top == 72 && s->margin_right == 72);
        CHECK(s->size_body == 11 && s->size_heading[0] == 20 && s->size_heading[1] == 14);
        CHECK(s->line_height == 1.5 && !s->justify && s->hyphenate);
        CHECK(s->color_link.r == 1 && s->color_link.g == 0 && s->color_link.b == 0);
        CHECK_STR(s->callout[FCALLOUT_TIP].title, "Astuce du jour");
        CHECK(s->callout[FCALLOUT_NOTE].title == NULL);
        CHECK(s->links == FLINKS_INLINE && s->footer == NULL);
        CHECK_STR(s->publisher, "SSPHub");
    }
    folio_style_drop(s);
}

static void test_errors(void)
{
    folio_style *s = NULL;
    CHECK(load_text("sizes:\n  body: 10\n  bogus: 3\nfontz: x\n", &s) == FOLIO_OK);
    CHECK(s && s->size_body == 10);
    CHECK_STR(capture_take(&cap, &msg), "3:3: warning: style: unknown key \"sizes.bogus\"\n"
                                        "4:1: warning: style: unknown key \"fontz\"\n");
    folio_style_drop(s);

    CHECK(load_text("page:\n  paper: a5\n", &s) == FOLIO_EINPUT && s == NULL);
    CHECK_STR(capture_take(&cap, &msg),
              "2:10: error: style: page.paper: \"a5\" is not a paper size (a4 or letter)\n");

    CHECK(load_text("colors:\n  text: #222\n", &s) == FOLIO_EINPUT);
    CHECK(strncmp(capture_take(&cap, &msg), "2:", 2) == 0);

    CHECK(load_text("links: maybe\nsizes: {body: -3}\ntext: {justify: 2}\n", &s) == FOLIO_EINPUT);
    const char *e = capture_take(&cap, &msg);
    CHECK(strstr(e, "1:8: error: style: links: \"maybe\" is not footnotes, inline, none or qr") != NULL);
    CHECK(strstr(e, "2:15: error: style: sizes.body: \"-3\" is not a font size") != NULL);
    CHECK(strstr(e, "3:17: error: style: text.justify") != NULL);

    CHECK(load_text("page:\n  margins: {left: 300mm}\n", &s) == FOLIO_EINPUT);
    CHECK(strstr(capture_take(&cap, &msg), "margins leave") != NULL);

    CHECK(load_text("sizes: [1, 2]\n", &s) == FOLIO_EINPUT);
    CHECK(strncmp(capture_take(&cap, &msg), "1:8: error: style: sizes", 24) == 0);

    CHECK(load_text("page:\n  paper: a4\n bad: indent\n", &s) == FOLIO_EINPUT);
    CHECK(strncmp(capture_take(&cap, &msg), "3:", 2) == 0);

    folio_options o;
    memset(&o, 0, sizeof o);
    o.diag = capture_fn;
    o.diag_user = &cap;
    CHECK(folio_style_load("/nonexistent/style.yaml", &o, &s) == FOLIO_EINPUT && s == NULL);
    CHECK_STR(capture_take(&cap, &msg), "0:0: error: cannot read style: No such file or directory\n");
}

int main(void)
{
    capture_init(&cap, false);
    test_defaults();
    test_overrides();
    test_errors();
    capture_free(&cap);
    buf_free(&msg);
    return check_done();
}
