/* Compiled hyphenation dictionaries: the compiled form hyphenates every
 * word as libhyphen's parse does (French, English, German), damaged or
 * foreign bytes are refused, and hyph_dict_load writes the compiled copy
 * once, uses it next time and parses again when the file changes. */
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "check.h"
#include "text/hyphen_dict.h"

static const char *const words[] = {
    "développement", "anticonstitutionnellement", "hôpital", "statistique", "représentation",
    "hyphenation", "characteristically", "extraordinary", "internationalization",
    "donaudampfschifffahrt", "straßenbahn", "schifffahrt", "übergrößenträger", "l'éléphant",
    "porte-monnaie", "a", "ab", "",
};

/* libhyphen's answer for a word: the hyphens string and the replacements
 * (non-standard hyphenation) as text. */
static char *answer(HyphenDict *d, const char *w)
{
    int n = (int)strlen(w);
    char hyphens[256];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int failed = hnj_hyphen_hyphenate3(d, w, n, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3);
    GString *s = g_string_new(failed ? "failed:" : "");
    g_string_append_len(s, hyphens, n);
    for (int i = 0; rep && i < n; i++) {
        if (rep[i])
            g_string_append_printf(s, " %d:%s/%d/%d", i, rep[i], pos[i], cut[i]);
        free(rep ? rep[i] : NULL);
    }
    free(rep);
    free(pos);
    free(cut);
    return g_string_free(s, FALSE);
}

static char *find_file(const char *name)
{
    char *path = g_build_filename("/usr/share/hyphen", name, NULL);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_free(path);
        return NULL;
    }
    return path;
}

static void check_same_answers(const char *name)
{
    char *path = find_file(name);
    CHECK(path != NULL); /* Debian's hyphen-fr, hyphen-en-us, hyphen-de */
    if (!path)
        return;
    HyphenDict *parsed = hnj_hyphen_load(path);
    CHECK(parsed != NULL);
    size_t len;
    unsigned char *bytes = hyph_dict_compile(parsed, "stamp", &len);
    hyph_dict *compiled = hyph_dict_from_compiled(bytes, len, "stamp");
    CHECK(compiled != NULL && compiled->block != NULL);
    if (compiled) {
        CHECK(compiled->dict->num_states == parsed->num_states);
        CHECK((compiled->dict->nextlevel != NULL) == (parsed->nextlevel != NULL));
        for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
            char *want = answer(parsed, words[i]), *got = answer(compiled->dict, words[i]);
            CHECK_STR(got, want);
            g_free(want);
            g_free(got);
        }
        /* compiled again, the same bytes: nothing lost on the way */
        size_t len2;
        unsigned char *again = hyph_dict_compile(compiled->dict, "stamp", &len2);
        CHECK(len2 == len && memcmp(again, bytes, len) == 0);
        free(again);
    }
    hyph_dict_free(compiled);
    free(bytes);
    hnj_hyphen_free(parsed);
    g_free(path);
}

/* Truncated, another stamp, a state or a string pointing outside: refused. */
static void check_refused(void)
{
    char *path = find_file("hyph_fr.dic");
    if (!path)
        return;
    HyphenDict *parsed = hnj_hyphen_load(path);
    size_t len;
    unsigned char *bytes = hyph_dict_compile(parsed, "stamp", &len);
    CHECK(hyph_dict_from_compiled(bytes, len - 1, "stamp") == NULL);
    CHECK(hyph_dict_from_compiled(bytes, 10, "stamp") == NULL);
    CHECK(hyph_dict_from_compiled(bytes, len, "other") == NULL);
    CHECK(hyph_dict_from_compiled(bytes, len, "stamp2") == NULL);
    /* every 32-bit field of the records set to a huge value, one at a
     * time (the header is 28 bytes, then "stamp", then the records): a
     * loaded dictionary must then still be safe to walk */
    size_t records = 28 + 5, checked = 0, refused = 0;
    for (size_t at = records; at + 4 <= len && checked < 4000; at += 4 * 97, checked++) {
        unsigned char *bad = g_memdup2(bytes, len);
        memset(bad + at, 0x7f, 4);
        hyph_dict *d = hyph_dict_from_compiled(bad, len, "stamp");
        if (!d) {
            refused++;
        } else { /* a field whose value does not matter to safety (a pattern digit…) */
            for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
                g_free(answer(d->dict, words[i]));
            hyph_dict_free(d);
        }
        g_free(bad);
    }
    CHECK(refused > 0);
    free(bytes);
    hnj_hyphen_free(parsed);
    g_free(path);
}

/* hyph_dict_load: parsed and compiled the first time, read compiled the
 * second, parsed again once the file changed. */
static void check_cache(void)
{
    char *src = find_file("hyph_fr.dic");
    if (!src)
        return;
    char *dir = g_dir_make_tmp("folio-hyphdict-XXXXXX", NULL);
    CHECK(dir != NULL);
    char *cache = g_build_filename(dir, "cache", NULL);
    char *dic = g_build_filename(dir, "hyph_fr.dic", NULL);
    gchar *text;
    gsize text_len;
    CHECK(g_file_get_contents(src, &text, &text_len, NULL));
    CHECK(g_file_set_contents(dic, text, (gssize)text_len, NULL));
    char *old_xdg = g_strdup(getenv("XDG_CACHE_HOME"));
    setenv("XDG_CACHE_HOME", cache, 1);

    hyph_dict *first = hyph_dict_load(dic);
    char *before = first ? answer(first->dict, "axqaxqa") : NULL;
    CHECK(first != NULL && first->block == NULL); /* parsed */
    hyph_dict *second = hyph_dict_load(dic);
    CHECK(second != NULL && second->block != NULL); /* compiled */
    char *want = first ? answer(first->dict, "développement") : NULL;
    char *got = second ? answer(second->dict, "développement") : NULL;
    CHECK_STR(got, want);
    g_free(want);
    g_free(got);
    hyph_dict_free(first);
    hyph_dict_free(second);

    /* a changed file (one more pattern, in the first level: after the
     * charset line) is parsed again, and it shows */
    char *newline = strchr(text, '\n');
    CHECK(newline != NULL);
    char *more = g_strdup_printf("%.*s\nq1a%s", (int)(newline - text), text, newline);
    CHECK(g_file_set_contents(dic, more, -1, NULL));
    hyph_dict *third = hyph_dict_load(dic);
    CHECK(third != NULL && third->block == NULL);
    got = third ? answer(third->dict, "axqaxqa") : NULL;
    CHECK(got && before && strcmp(got, before) != 0 && (got[2] & 1)); /* axq|a */
    g_free(got);
    g_free(before);
    hyph_dict_free(third);
    hyph_dict *fourth = hyph_dict_load(dic);
    CHECK(fourth != NULL && fourth->block != NULL);
    hyph_dict_free(fourth);
    CHECK(hyph_dict_load(cache) == NULL); /* a folder */

    if (old_xdg)
        setenv("XDG_CACHE_HOME", old_xdg, 1);
    else
        unsetenv("XDG_CACHE_HOME");
    char *argv[] = {"rm", "-rf", dir, NULL};
    CHECK(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
    g_free(more);
    g_free(old_xdg);
    g_free(text);
    g_free(dic);
    g_free(cache);
    g_free(dir);
    g_free(src);
}

int main(void)
{
    check_same_answers("hyph_fr.dic");
    check_same_answers("hyph_en_US.dic");
    check_same_answers("hyph_de_DE.dic");
    check_refused();
    check_cache();
    return check_done();
}
