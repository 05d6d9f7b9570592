/* The small readers of the pre-pass: attribute lists and shortcodes. */
#include <string.h>

#include "check.h"
#include "doc/attrs.h"
#include "doc/shortcodes.h"

static void test_attrs(arena *a)
{
    fattrs at;
    const char *s = "#fig-1 .callout-tip .wide width=50% fig-align=\"center\" title='A title'";
    CHECK(attrs_parse(a, s, strlen(s), &at));
    CHECK_STR(at.id, "fig-1");
    CHECK_STR(at.classes, "callout-tip wide");
    CHECK_STR(attrs_get(&at, "width"), "50%");
    CHECK_STR(attrs_get(&at, "fig-align"), "center");
    CHECK_STR(attrs_get(&at, "title"), "A title");
    CHECK(attrs_get(&at, "height") == NULL);
    CHECK(attrs_has_class(&at, "wide") && !attrs_has_class(&at, "wid"));
    CHECK(!attrs_parse(a, "", 0, &at));
    CHECK(!attrs_parse(a, "just words", 10, &at));
    CHECK(!attrs_parse(a, "title=\"unclosed", 15, &at));

    CHECK(attrs_span("{a=1} rest", 10) == 5);
    CHECK(attrs_span("{a=\"}\"}x", 8) == 7);
    CHECK(attrs_span("{never", 6) == 0);
    CHECK(attrs_span("no", 2) == 0);

    flen l;
    CHECK(attrs_length("50%", &l) && l.unit == FLEN_PERCENT && l.value == 50);
    CHECK(attrs_length("700px", &l) && l.unit == FLEN_PX && l.value == 700);
    CHECK(attrs_length("333", &l) && l.unit == FLEN_PX && l.value == 333);
    CHECK(attrs_length("1in", &l) && l.unit == FLEN_PX && l.value == 96);
    CHECK(!attrs_length("wide", &l));
    CHECK(!attrs_length("5em", &l));
}

static void test_shortcodes(arena *a)
{
    shortcode sc;
    const char *s = "{{< figure src=\"a b.png\" caption='It''s' width=50% >}} after";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1);
    CHECK_STR(sc.name, "figure");
    CHECK(!sc.closing && !sc.percent);
    CHECK(sc.len == strlen(s) - strlen(" after"));
    CHECK_STR(shortcode_arg(&sc, "src", 0), "a b.png");
    CHECK_STR(shortcode_arg(&sc, "width", -1), "50%");

    s = "{{% callout warning %}}";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1);
    CHECK(sc.percent && !sc.closing);
    CHECK_STR(shortcode_arg(&sc, "kind", 0), "warning");

    s = "{{% /callout %}}";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1 && sc.closing);
    CHECK_STR(sc.name, "callout");

    s = "{{< staticref \"uploads/x.pdf\" \"newtab\" >}}";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1);
    CHECK_STR(shortcode_arg(&sc, NULL, 1), "newtab");
    CHECK(shortcode_arg(&sc, NULL, 2) == NULL);

    s = "{{< var signup.form >}}";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1);
    CHECK_STR(shortcode_arg(&sc, NULL, 0), "signup.form");

    s = "{{< video url=https://x.org/v?a=b&c=d >}}";
    CHECK(shortcode_parse(a, s, strlen(s), &sc) == 1);
    CHECK_STR(shortcode_arg(&sc, "url", -1), "https://x.org/v?a=b&c=d");

    CHECK(shortcode_parse(a, "{{< figure src=x", 16, &sc) == -1);
    CHECK(shortcode_parse(a, "{{< x \"open >}}", 15, &sc) == -1);
    CHECK(shortcode_parse(a, "{{% x >}}", 9, &sc) == -1);
    CHECK(shortcode_parse(a, "{{ not one }}", 13, &sc) == 0);
    CHECK(shortcode_parse(a, "{{< >}}", 7, &sc) == 0);
}

int main(void)
{
    arena *a = arena_new();
    test_attrs(a);
    test_shortcodes(a);
    arena_drop(a);
    return check_done();
}
