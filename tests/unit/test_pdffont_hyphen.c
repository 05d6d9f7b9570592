/* Hyphenation points with libhyphen: dictionary choice from the language
 * tag, UTF-8 and 8-bit dictionaries, words left alone, offset mapping. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "text/hyphen.h"

#define SHY "\xC2\xAD"

/* Hyphenates text and shows soft hyphens as '=' for readable checks. */
static char *shown(text_hyphen *h, const char *text)
{
    size_t len;
    char *out = text_hyphenate(h, text, strlen(text), &len, NULL, 0);
    CHECK(out && strlen(out) == len);
    GString *s = g_string_new(NULL);
    for (const char *p = out; *p; p++) {
        if (strncmp(p, SHY, 2) == 0) {
            g_string_append_c(s, '=');
            p++;
        } else {
            g_string_append_c(s, *p);
        }
    }
    free(out);
    return g_string_free(s, FALSE);
}

static void check_hyphenated(text_hyphen *h, const char *text, const char *want)
{
    char *got = shown(h, text);
    CHECK_STR(got, want);
    g_free(got);
}

static void check_french(void)
{
    text_hyphen *h = text_hyphen_new("fr");
    CHECK(h != NULL);
    if (!h)
        return;
    check_hyphenated(h, "éléphant", "élé=phant");
    check_hyphenated(h, "Le développement de l’hôpital.",
                     "Le dé=ve=lop=pe=ment de l’hô=pi=tal.");
    check_hyphenated(h, "anticonstitutionnellement", "an=ti=cons=ti=tu=tion=nel=le=ment");
    /* Capitalised words are hyphenated where a sentence starts, not
     * elsewhere (proper names); acronyms, words with digits, URLs,
     * addresses and already hyphenated words never. */
    check_hyphenated(h, "Développement", "Dé=ve=lop=pe=ment");
    check_hyphenated(h, "Fin. « Développement » et Nicolas Lambert à Montrouge… Développement",
                     "Fin. « Dé=ve=lop=pe=ment » et Nicolas Lambert à Montrouge… Dé=ve=lop=pe=ment");
    check_hyphenated(h, "ChatGPT UNESCO covid19 développement2",
                     "ChatGPT UNESCO covid19 développement2");
    check_hyphenated(h, "https://exemple.fr/développement www.développement.fr",
                     "https://exemple.fr/développement www.développement.fr");
    check_hyphenated(h, "prenom.developpement@exemple.fr", "prenom.developpement@exemple.fr");
    check_hyphenated(h, "dé" SHY "veloppement", "dé=veloppement");
    /* At least 2 letters before a break and 3 after. */
    check_hyphenated(h, "abri hôtel parle", "abri hô=tel parle");
    check_hyphenated(h, "nom_de_variable_interminable", "nom_de_variable_interminable");
    /* Decomposed accents (e + U+0301) stay on their letter. */
    check_hyphenated(h, "re\xCC\x81pe\xCC\x81titivite\xCC\x81",
                     "re\xCC\x81=pe\xCC\x81=ti=ti=vi=te\xCC\x81");
    /* Compound words break at their parts. */
    check_hyphenated(h, "porte-documents", "porte-do=cu=ments");
    /* Other scripts pass through. */
    check_hyphenated(h, "Привет государство", "Привет государство");

    /* Invalid UTF-8, or a slice that cuts a character, is copied as is. */
    size_t bad_len;
    char *bad = text_hyphenate(h, "d\xC3\xA9veloppement \xFF d\xC3\xA9veloppement", 30, &bad_len,
                              NULL, 0);
    CHECK(bad_len == 30 && memcmp(bad, "d\xC3\xA9veloppement \xFF d\xC3\xA9veloppement", 30) == 0);
    free(bad);
    bad = text_hyphenate(h, "d\xC3\xA9veloppement", 2, &bad_len, NULL, 0);
    CHECK(bad_len == 2 && memcmp(bad, "d\xC3", 2) == 0 && bad[2] == '\0');
    free(bad);

    /* Offsets keep pointing at the same characters. */
    const char *text = "Un éléphant rose";
    size_t offsets[] = {18, 0, 3, 8, 9};
    size_t len;
    char *out = text_hyphenate(h, text, strlen(text), &len, offsets, 5);
    CHECK_STR(out, "Un élé" SHY "phant rose");
    CHECK(len == 20);
    CHECK(offsets[0] == 20);
    CHECK(offsets[1] == 0);
    CHECK(offsets[2] == 3);
    CHECK(offsets[3] == 10); /* "phant": the hyphen ends the span before */
    CHECK(offsets[4] == 11);
    free(out);

    /* Lengths, not NUL: the text may be a slice. */
    out = text_hyphenate(h, "éléphant rose", 10, &len, NULL, 0);
    CHECK_STR(out, "élé" SHY "phant");
    free(out);
    text_hyphen_drop(h);
}

/* Random text from French-like pieces: removing the soft hyphens always
 * gives the input back, and offsets stay on character boundaries. */
static void check_random(void)
{
    static const char *const pieces[] = {"dé", "ve", "lop", "pe", "ment", " ", "é", "ç", "A", "1",
                                         "-", "’", "https://", "@", "\xCC\x81", "🙃", "\n", "ﬁ",
                                         "Ω", "tion", "nel", "le", "_", "\xFF"};
    text_hyphen *h = text_hyphen_new("fr");
    unsigned seed = 12345;
    int mismatches = 0;
    for (int round = 0; round < 2000 && h; round++) {
        char text[256] = "";
        int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            strcat(text, pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)]);
        }
        size_t len = strlen(text), out_len, offsets[2] = {len / 2, len};
        char *out = text_hyphenate(h, text, len, &out_len, offsets, 2);
        GString *back = g_string_new(NULL);
        for (size_t i = 0; i < out_len; i++) {
            if (i + 1 < out_len && memcmp(out + i, SHY, 2) == 0)
                i++;
            else
                g_string_append_c(back, out[i]);
        }
        mismatches += strcmp(back->str, text) != 0 || offsets[1] != out_len ||
                      offsets[0] > out_len;
        g_string_free(back, TRUE);
        free(out);
    }
    CHECK(mismatches == 0);
    text_hyphen_drop(h);
}

static void check_languages(void)
{
    CHECK(text_hyphen_new("xx") == NULL);
    CHECK(text_hyphen_new("") == NULL);
    CHECK(text_hyphen_new(NULL) == NULL);

    text_hyphen *en = text_hyphen_new("en-GB"); /* no en_GB: falls back to en */
    CHECK(en != NULL);
    if (en)
        check_hyphenated(en, "hyphenation", "hy=phen=ation");
    text_hyphen_drop(en);

    text_hyphen *fr = text_hyphen_new("fr_CA");
    CHECK(fr != NULL);
    text_hyphen_drop(fr);

    /* 8-bit dictionaries (Debian's German one is ISO-8859-1, and takes
     * seconds to load: a small one stands in, found first in
     * $FOLIO_HYPHEN_DIR): words are converted to the dictionary's charset,
     * positions mapped back to UTF-8; German nouns keep their capital and
     * are hyphenated anywhere. */
    char dir[] = "/tmp/test_pdffont_hyphen-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *path = g_strdup_printf("%s/hyph_de_LA.dic", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("ISO8859-1\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nf1f\nn1b\n\xDF" "1e\n", f);
        fclose(f);
    }
    setenv("FOLIO_HYPHEN_DIR", dir, 1);
    text_hyphen *la = text_hyphen_new("de-LA");
    CHECK(la != NULL);
    if (la) {
        check_hyphenated(la, "öffentliche Straßenbahn", "öf=fentliche Straß=en=bahn");
        check_hyphenated(la, "Ωff", "Ωff"); /* not the language's script */
    }
    text_hyphen_drop(la);
    unsetenv("FOLIO_HYPHEN_DIR");
    unlink(path);
    rmdir(dir);
    g_free(path);

    /* Without a hyphenator: a plain copy, offsets untouched. */
    size_t off = 4, len;
    char *copy = text_hyphenate(NULL, "développement", 14, &len, &off, 1);
    CHECK_STR(copy, "développement");
    CHECK(len == 14 && off == 4);
    free(copy);
}

/* Hyphenators made from one text_hyphen_dicts share its dictionaries, as
 * the renders given one folio_fonts do: the second hyphenator of a language
 * finds its dictionary loaded (the file is gone by then); a language without
 * one is looked up once too. */
static void check_shared_dicts(void)
{
    char dir[] = "/tmp/test_pdffont_hyphen-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *path = g_strdup_printf("%s/hyph_zz_LA.dic", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nn1b\n", f);
        fclose(f);
    }
    setenv("FOLIO_HYPHEN_DIR", dir, 1);
    text_hyphen_dicts *dicts = text_hyphen_dicts_new();
    text_hyphen *first = text_hyphen_new_shared(dicts, "zz-LA");
    CHECK(first != NULL);
    if (first)
        check_hyphenated(first, "strassenbahn", "strassen=bahn");
    text_hyphen_drop(first);
    unlink(path);
    CHECK(text_hyphen_new("zz-LA") == NULL); /* no file: only the shared one has it */
    text_hyphen *second = text_hyphen_new_shared(dicts, "zz-LA");
    CHECK(second != NULL);
    if (second)
        check_hyphenated(second, "strassenbahn", "strassen=bahn");
    CHECK(text_hyphen_new_shared(dicts, "xx") == NULL);
    CHECK(text_hyphen_new_shared(dicts, "xx") == NULL);
    text_hyphen *own = text_hyphen_new_shared(NULL, "fr"); /* no cache: its own, freed with it */
    CHECK(own != NULL);
    text_hyphen_drop(own);
    text_hyphen_drop(second);
    text_hyphen_dicts_drop(dicts);
    unsetenv("FOLIO_HYPHEN_DIR");
    rmdir(dir);
    g_free(path);
}

int main(void)
{
    check_french();
    check_random();
    check_languages();
    check_shared_dicts();
    return check_done();
}
