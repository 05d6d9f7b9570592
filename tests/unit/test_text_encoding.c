/* UTF-8 validation positions, and mojibake detection and repair. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc/encoding.h"
#include "diag_capture.h"

static capture cap;
static buf msg;

static bool validate(const char *s, size_t len) { return encoding_validate(s, len, "t.md", &cap.d); }

static void test_validate(void)
{
    const char *ok = "Première ligne\nDeuxième — “ok” 🎉\n";
    CHECK(validate(ok, strlen(ok)));
    CHECK_STR(capture_take(&cap, &msg), "");

    /* a Latin-1 é on line 2, after "é" and "t" (column 3 in characters) */
    const char *latin1 = "ligne un\n\xC3\xA9t\xE9 chaud\n";
    CHECK(!validate(latin1, strlen(latin1)));
    CHECK_STR(capture_take(&cap, &msg),
              "2:3: error: invalid UTF-8: byte 0x20 is not a continuation of 0xE9\n");

    const char nul[] = "ab\ncd\0ef";
    CHECK(!validate(nul, sizeof nul - 1));
    CHECK_STR(capture_take(&cap, &msg), "2:3: error: invalid UTF-8: NUL byte\n");

    const char *overlong = "x\xC0\xAF";
    CHECK(!validate(overlong, strlen(overlong)));
    CHECK(strstr(capture_take(&cap, &msg), "1:2: error: invalid UTF-8: overlong") != NULL);

    const char *overlong3 = "\xE0\x80\xAF";
    CHECK(!validate(overlong3, strlen(overlong3)));
    CHECK(strstr(capture_take(&cap, &msg), "1:1: error: invalid UTF-8: overlong") != NULL);

    const char *surrogate = "ok \xED\xA0\x80";
    CHECK(!validate(surrogate, strlen(surrogate)));
    CHECK(strstr(capture_take(&cap, &msg), "1:4: error: invalid UTF-8: encoded surrogate") != NULL);

    const char *cut = "fin \xE2\x80";
    CHECK(!validate(cut, strlen(cut)));
    CHECK_STR(capture_take(&cap, &msg),
              "1:5: error: invalid UTF-8: sequence cut short by the end of file\n");

    const char *beyond = "\xF4\x90\x80\x80";
    CHECK(!validate(beyond, strlen(beyond)));
    CHECK(strstr(capture_take(&cap, &msg), "beyond U+10FFFF") != NULL);

    CHECK(validate("", 0));
}

/* Repairs s and returns the result (static storage, freed next call). */
static const char *repair(const char *s, bool *found)
{
    static char *out;
    size_t len;
    free(out);
    out = NULL;
    *found = encoding_mojibake(s, strlen(s), true, "t.md", &cap.d, &out, &len);
    if (out)
        CHECK(strlen(out) == len);
    return out ? out : s;
}

static void test_mojibake(void)
{
    bool found;
    /* Mac Roman */
    CHECK_STR(repair("premi√®re quinzaine, √† Paris, l‚Äôann√©e", &found),
              "première quinzaine, à Paris, l’année");
    CHECK(found);
    CHECK(strstr(capture_take(&cap, &msg), "1:6: warning: repaired 4 mis-encoded characters "
                                           "(UTF-8 read as Mac Roman)") != NULL);
    CHECK_STR(repair("Agenda \xEF\xA3\xBF\xC3\xBC\xC3\xAC\xC3\x96 du mois", &found),
              "Agenda 📅 du mois");
    capture_take(&cap, &msg);

    /* Windows-1252 */
    CHECK_STR(repair("premiÃ¨re Ã©tape, lâ€™Ã©tÃ© â€” fin", &found),
              "première étape, l’été — fin");
    CHECK(strstr(capture_take(&cap, &msg), "(UTF-8 read as Windows-1252)") != NULL);
    CHECK_STR(repair("prix\xC3\x82\xC2\xA0: 10 â‚¬", &found), "prix\xC2\xA0: 10 €");
    CHECK_STR(repair("cÅ“ur, Å’uvre", &found), "cœur, Œuvre");
    CHECK_STR(repair("c≈ìur", &found), "cœur");
    capture_take(&cap, &msg);

    /* without fix: one warning quoting the word and its repair */
    const char *seed = "---\ntitle: Infolettre Avril 2023, premi√®re quinzaine\n---\n√† bient√¥t\n";
    char *out = (char *)"untouched";
    CHECK(encoding_mojibake(seed, strlen(seed), false, "t.md", &cap.d, &out, NULL));
    CHECK(out == NULL);
    CHECK(cap.d.warnings == 1);
    CHECK_STR(capture_take(&cap, &msg),
              "2:36: warning: text looks mis-encoded (UTF-8 read as Mac Roman): \"premi√®re\" "
              "would be \"première\"; use --fix-encoding\n");

    /* no false positives on ordinary text */
    static const char *const clean[] = {
        "L’été, à Noël : « Ça va ? » — café…» et crème brûlée. Œuvre, cœur, æ.",
        "Größe, Übermäßig, Straße: Äpfel für Öl, „Zitat“.",
        "¿Qué tal? Ñandú, pingüino. Àpropos, À l’œil, ÉTÉ, Été, «Élan».",
        "Emoji 🎉🇫🇷 ❤️ ✅ — ±5 °C, 2 × 3 ÷ 4, ¬a, √2 ≈ 1.41, ƒ(x), ©2023, ®, ™, µs.",
        "Noms : Ångström, Åsa, Ørsted, Þór, Œdipe, Ÿvette, façade, naïve, São Paulo.",
        "Symboles : ∙√≈≤≥ ⌡°²·÷, §ƒ¢â, ~Ä ÇÉ, ƒ¢ ≈ì.",
    };
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        CHECK(!encoding_mojibake(clean[i], strlen(clean[i]), true, "t.md", &cap.d, &out, NULL));
        CHECK(out == NULL);
    }
    CHECK_STR(capture_take(&cap, &msg), "");
}

static void test_seed_sample(void)
{
    const char *dir = getenv("FOLIO_SAMPLES_DIR");
    buf path = {0};
    buf_printf(&path, "%s/seed/index.md", dir ? dir : FOLIO_TESTS_DIR "/../../shared/samples");
    FILE *f = fopen(buf_cstr(&path), "rb");
    buf_free(&path);
    if (!f) {
        printf("skipping the seed sample: ../shared/samples is missing\n");
        return;
    }
    buf data = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&data, chunk, n);
    fclose(f);
    CHECK(validate(data.data, data.len));
    char *out = NULL;
    size_t len = 0;
    CHECK(encoding_mojibake(data.data, data.len, true, "index.md", &cap.d, &out, &len));
    CHECK(out && strstr(out, "title: Infolettre Avril 2023, première quinzaine (#13)"));
    CHECK(out && !strstr(out, "√"));
    CHECK(out && strstr(out, "📅"));
    /* repaired text has nothing left to repair */
    char *again = NULL;
    CHECK(out && !encoding_mojibake(out, len, true, "index.md", &cap.d, &again, NULL));
    CHECK(out && validate(out, len));
    free(out);
    free(again);
    buf_free(&data);
    capture_take(&cap, &msg);
}

int main(void)
{
    capture_init(&cap, false);
    test_validate();
    test_mojibake();
    test_seed_sample();
    capture_free(&cap);
    buf_free(&msg);
    return check_done();
}
