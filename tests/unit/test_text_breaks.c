/* The direct UAX #14 implementation for common Latin text agrees with
 * Pango's pango_get_log_attrs on every break opportunity, mandatory break
 * and grapheme boundary: random strings over the whole alphabet it
 * handles, plus real sentences; anything outside it is left to Pango. */
#include <stdlib.h>

#include "check.h"
#include "text/breaks.h"

static const char *const alphabet[] = {
    "a", "Z", "\xc3\xa9", "\xc3\x9f", "\xc5\x93", "0", "7", " ", " ", " ", "\xc2\xa0",
    "\xe2\x80\xaf", ".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}",
    "-", "/", "%", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xb0", "\xc2\xab", "\xc2\xbb",
    "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\xa6",
    "\xe2\x80\x93", "\xe2\x80\x94", "\xc2\xad", "\n", "\xe2\x80\xa8", "#", "&", "*", "+",
    "=", "@", "_", "|", "\\", "$", "~", "<", ">", "^", "`", "\t",
};

static int compare(const char *text)
{
    int len = (int)strlen(text), n = (int)g_utf8_strlen(text, len);
    PangoLogAttr *want = g_new0(PangoLogAttr, n + 1), *got = g_new0(PangoLogAttr, n + 1);
    PangoLanguage *lang = pango_language_from_string("fr");
    pango_get_log_attrs(text, len, -1, lang, want, n + 1);
    text_breaks(text, len, n, lang, got);
    int bad = 0;
    for (int i = 0; i <= n; i++)
        if (want[i].is_line_break != got[i].is_line_break ||
            want[i].is_mandatory_break != got[i].is_mandatory_break ||
            want[i].is_cursor_position != got[i].is_cursor_position) {
            if (!bad)
                fprintf(stderr, "differs at %d (pango %d%d%d, ours %d%d%d) in \"%s\"\n", i,
                        want[i].is_line_break, want[i].is_mandatory_break,
                        want[i].is_cursor_position, got[i].is_line_break,
                        got[i].is_mandatory_break, got[i].is_cursor_position, text);
            bad++;
        }
    g_free(want);
    g_free(got);
    return bad;
}

int main(void)
{
    static const char *const sentences[] = {
        "La statistique publique publie chaque trimestre des donn\xc3\xa9" "es ; elles "
        "permettent de comparer : 10\xe2\x80\xaf%, n\xc2\xb0\xc2\xa0" "13, (voir p.\xc2\xa0" "12).",
        "Jean-Pierre a dit \xc2\xab\xc2\xa0oui\xc2\xa0\xc2\xbb \xe2\x80\x94 puis\xe2\x80\xa6 "
        "https://example.org/a-b/c?d=1&e=2 co\xc3\xbbte 5\xe2\x82\xac (ou $5).",
        "", " ", "a\n\nb", "x\xe2\x80\xa8y",
    };
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++) {
        CHECK(text_breaks_simple(sentences[i], (int)strlen(sentences[i])));
        CHECK(compare(sentences[i]) == 0);
    }
    srand(13);
    int failed = 0;
    for (int t = 0; t < 20000 && failed < 5; t++) {
        char text[256] = "";
        int n = 1 + rand() % 12;
        for (int k = 0; k < n; k++)
            strcat(text, alphabet[rand() % (sizeof alphabet / sizeof *alphabet)]);
        failed += compare(text) != 0;
    }
    CHECK(failed == 0);
    /* outside the set: Pango answers (Thai, CJK, combining marks, emoji) */
    CHECK(!text_breaks_simple("\xe0\xb8\x81", 3));
    CHECK(!text_breaks_simple("e\xcc\x81", 3));
    CHECK(!text_breaks_simple("\xf0\x9f\x98\x80", 4));
    CHECK(compare("e\xcc\x81t\xc3\xa9 \xf0\x9f\x98\x80 \xe4\xb8\xad\xe6\x96\x87") == 0);
    return check_done();
}
