#include "hyphen.h"

#include <stdlib.h>
#include <string.h>

#include "hyphen_dict.h"
#include "util/lang.h"

#define SHY "\xC2\xAD"
#define SHY_LEN 2
#define LEFT_MIN 2  /* letters before a break */
#define RIGHT_MIN 3 /* letters after a break */
#define WORD_MAX 64 /* longer "words" are not words: left alone */
/* Distinct words the cache keeps: a vocabulary is far smaller, but a text
 * of numbers or names has no end of them (issue 14 item 17: 1.3 million
 * one-line paragraphs held 40 MB of it) */
#define WORDS_KEPT (1u << 15)

struct text_hyphen {
    HyphenDict *dict;
    hyph_dict *own;              /* NULL: the dictionary is a text_hyphen_dicts' */
    const char *cset;            /* NULL: UTF-8 */
    GUnicodeScript scripts[8];   /* the language's scripts */
    int n_scripts;
    bool capitals_are_names;     /* false where every noun has one (German) */
    GHashTable *words;           /* "<capital_ok><word>" → break flags: each word
                                    is looked up in the dictionary once */
};

static const char *const dict_dirs[] = {"/usr/share/hyphen", "/usr/local/share/hyphen",
                                        "/usr/share/myspell/dicts"};

static hyph_dict *load_dict(const char *name)
{
    const char *env = getenv("FOLIO_HYPHEN_DIR");
    for (size_t i = env && *env ? 0 : 1; i <= sizeof dict_dirs / sizeof *dict_dirs; i++) {
        char *path = g_strdup_printf("%s/hyph_%s.dic", i == 0 ? env : dict_dirs[i - 1], name);
        hyph_dict *dict = g_file_test(path, G_FILE_TEST_IS_REGULAR) ? hyph_dict_load(path) : NULL;
        g_free(path);
        if (dict)
            return dict;
    }
    return NULL;
}

/* "fr-ca" → tries fr_CA, then fr; a bare language tries its usual region
 * too (en → en_US, de → de_DE). Script and variant subtags are skipped. */
static hyph_dict *find_dict(const char *lang)
{
    char **parts = g_strsplit_set(lang, "-_", -1);
    hyph_dict *dict = NULL;
    if (!parts[0] || !*parts[0] || strlen(parts[0]) > 3)
        goto out;
    char *language = g_ascii_strdown(parts[0], -1);
    const char *region = NULL;
    for (int i = 1; parts[i] && !region; i++)
        if (strlen(parts[i]) == 2 || (strlen(parts[i]) == 3 && g_ascii_isdigit(parts[i][0])))
            region = parts[i];
    if (region) {
        char *upper = g_ascii_strup(region, -1);
        char *name = g_strdup_printf("%s_%s", language, upper);
        dict = load_dict(name);
        g_free(name);
        g_free(upper);
    }
    if (!dict)
        dict = load_dict(language);
    if (!dict) {
        char *upper = g_ascii_strup(language, -1);
        char *name = g_strdup_printf("%s_%s", language, strcmp(language, "en") == 0 ? "US" : upper);
        dict = load_dict(name);
        g_free(name);
        g_free(upper);
    }
    g_free(language);
out:
    g_strfreev(parts);
    return dict;
}

struct text_hyphen_dicts {
    GHashTable *by_lang; /* language tag → hyph_dict, NULL when none is found */
};

static void free_dict(gpointer dict)
{
    hyph_dict_free(dict);
}

text_hyphen_dicts *text_hyphen_dicts_new(void)
{
    text_hyphen_dicts *c = g_new(text_hyphen_dicts, 1); /* GLib's: never NULL */
    c->by_lang = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_dict);
    return c;
}

void text_hyphen_dicts_drop(text_hyphen_dicts *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->by_lang);
    g_free(c);
}

text_hyphen *text_hyphen_new_shared(text_hyphen_dicts *c, const char *lang)
{
    if (!lang || !*lang)
        return NULL;
    hyph_dict *dict;
    if (!c)
        dict = find_dict(lang);
    else if (!g_hash_table_lookup_extended(c->by_lang, lang, NULL, (gpointer *)&dict)) {
        dict = find_dict(lang);
        g_hash_table_insert(c->by_lang, g_strdup(lang), dict);
    }
    if (!dict)
        return NULL;
    text_hyphen *h = calloc(1, sizeof *h);
    if (!h) {
        if (!c)
            hyph_dict_free(dict);
        return NULL;
    }
    h->dict = dict->dict;
    h->own = c ? NULL : dict;
    h->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    h->cset = h->dict->utf8 ? NULL : h->dict->cset;
    h->capitals_are_names = !lang_is(lang, "de") && !lang_is(lang, "lb");
    int n = 0;
    const PangoScript *scripts = pango_language_get_scripts(pango_language_from_string(lang), &n);
    for (int i = 0; i < n && h->n_scripts < (int)G_N_ELEMENTS(h->scripts); i++)
        h->scripts[h->n_scripts++] = (GUnicodeScript)scripts[i];
    if (h->n_scripts == 0)
        h->scripts[h->n_scripts++] = G_UNICODE_SCRIPT_LATIN;
    return h;
}

text_hyphen *text_hyphen_new(const char *lang)
{
    return text_hyphen_new_shared(NULL, lang);
}

void text_hyphen_drop(text_hyphen *h)
{
    if (!h)
        return;
    hyph_dict_free(h->own);
    g_hash_table_destroy(h->words);
    free(h);
}

/* The character at p (valid UTF-8): ASCII without a call. */
static gunichar char_at(const char *p)
{
    unsigned char b = (unsigned char)*p;
    return b < 0x80 ? b : g_utf8_get_char(p);
}

static bool is_word_char(gunichar c)
{
    if (c < 0x80)
        return g_ascii_isalnum((int)c);
    return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

static bool is_space_char(gunichar c)
{
    return c < 0x80 ? g_ascii_isspace((int)c) : g_unichar_isspace(c);
}

static bool in_language_script(const text_hyphen *h, gunichar c)
{
    GUnicodeScript s = g_unichar_get_script(c);
    if (s == G_UNICODE_SCRIPT_COMMON || s == G_UNICODE_SCRIPT_INHERITED)
        return true;
    for (int i = 0; i < h->n_scripts; i++)
        if (h->scripts[i] == s)
            return true;
    return false;
}

/* Whether a whitespace-free token must be left whole: URLs, e-mail
 * addresses, paths, identifiers, and text that already carries soft
 * hyphens. */
static bool token_is_verbatim(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '/': case '\\': case '_': case '@':
            return true; /* paths, identifiers, addresses (and "://") */
        case '\xc2':
            if (i + 1 < len && s[i + 1] == '\xad')
                return true; /* already soft-hyphenated */
            break;
        case 'w':
            if (len - i >= 4 && memcmp(s + i, "www.", 4) == 0)
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}
/* Finds the break points of one word (letters of the dictionary's script,
 * no digit, no capital after the first letter, an initial capital only
 * when capital_ok): sets brk[k] when a soft hyphen may go after the k-th
 * character. Returns the character count, 0 when the word is not to be
 * hyphenated. */
static int word_breaks(const text_hyphen *h, const char *word, size_t len, bool capital_ok,
                       bool *brk)
{
    char lower[WORD_MAX * 6 + 1];
    bool mark[WORD_MAX + 1] = {false}; /* combining marks, by character */
    size_t lower_len = 0;
    int nchars = 0;
    for (const char *p = word; p < word + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c) || !in_language_script(h, c) ||
            ((nchars > 0 || !capital_ok) && (g_unichar_isupper(c) || g_unichar_istitle(c))))
            return 0;
        lower_len += (size_t)g_unichar_to_utf8(g_unichar_tolower(c), lower + lower_len);
        mark[nchars++] = g_unichar_ismark(c);
    }
    if (nchars < LEFT_MIN + RIGHT_MIN)
        return 0;
    lower[lower_len] = '\0';

    char *encoded = lower;
    gsize encoded_len = lower_len;
    if (h->cset) {
        encoded = g_convert(lower, (gssize)lower_len, h->cset, "UTF-8", NULL, &encoded_len, NULL);
        /* Single-byte charsets only: positions are then characters. */
        if (!encoded || encoded_len != (gsize)nchars) {
            g_free(encoded);
            return 0;
        }
    }
    /* libhyphen reports one entry per character for UTF-8 dictionaries (per
     * byte for 8-bit ones, the same thing there). */
    char hyphens[WORD_MAX * 6 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int failed = hnj_hyphen_hyphenate3(h->dict, encoded, (int)encoded_len, hyphens, NULL, &rep,
                                       &pos, &cut, LEFT_MIN, RIGHT_MIN, LEFT_MIN, RIGHT_MIN);
    for (int k = 0; k < nchars; k++)
        brk[k] = !failed && (hyphens[k] & 1) && k + 1 >= LEFT_MIN && nchars - k - 1 >= RIGHT_MIN &&
                 !mark[k + 1] && /* never between a letter and its accent */
                 !(rep && rep[k]); /* non-standard breaks (ck → k-k) would change letters */
    if (rep) {
        for (int k = 0; k < (int)encoded_len; k++)
            free(rep[k]);
        free(rep);
        free(pos);
        free(cut);
    }
    if (encoded != lower)
        g_free(encoded);
    return failed ? 0 : nchars;
}

/* The break flags of a word, from the cache or the dictionary: brk[k]
 * when a hyphen may follow the k-th character; NULL when the word is not
 * to be hyphenated. Owned by the cache, valid until the next call. */
static const bool *cached_breaks(text_hyphen *h, const char *word, size_t len, bool capital_ok)
{
    if (len > WORD_MAX * 4)
        return NULL;
    char key[WORD_MAX * 4 + 2];
    key[0] = capital_ok ? 'C' : 'c';
    memcpy(key + 1, word, len);
    key[len + 1] = '\0';
    gpointer found;
    if (g_hash_table_lookup_extended(h->words, key, NULL, &found))
        return found;
    bool brk[WORD_MAX] = {false};
    bool *value = NULL;
    if (g_utf8_strlen(word, (gssize)len) <= WORD_MAX && word_breaks(h, word, len, capital_ok, brk))
        value = g_memdup2(brk, sizeof brk);
    if (g_hash_table_size(h->words) >= WORDS_KEPT)
        g_hash_table_remove_all(h->words); /* no flags of it are held past a call */
    g_hash_table_insert(h->words, g_strdup(key), value);
    return value;
}

/* Records the input offset of each break of the word text[start, end)
 * (the byte offset of the character after the break). */
static void hyphenate_word(text_hyphen *h, const char *text, size_t start, size_t end,
                           bool capital_ok, GArray *inserted)
{
    const bool *brk = cached_breaks(h, text + start, end - start, capital_ok);
    if (!brk)
        return;
    const char *p = text + start;
    for (int k = 0; p < text + end; k++) {
        p = g_utf8_next_char(p);
        if (k < WORD_MAX && brk[k] && p < text + end) {
            size_t at = (size_t)(p - text);
            g_array_append_val(inserted, at);
        }
    }
}

/* Number of insertions at input offsets <= o (inserted is sorted). */
static size_t inserted_up_to(const GArray *inserted, size_t o)
{
    size_t lo = 0, hi = inserted->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g_array_index(inserted, size_t, mid) <= o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool is_opening(gunichar c)
{
    GUnicodeType t = g_unichar_type(c);
    return t == G_UNICODE_OPEN_PUNCTUATION || t == G_UNICODE_INITIAL_PUNCTUATION || c == '"' ||
           c == '\'';
}

/* Appends valid UTF-8 text with its soft hyphens, recording insertions.
 * A capitalised word is hyphenated only where a sentence starts (after
 * . ! ? … or at the start of the text): elsewhere it is a proper name,
 * which typography leaves whole (German, which capitalises every noun,
 * excepted). */
static void hyphenate_text(text_hyphen *h, const char *utf8, size_t len, GArray *inserted)
{
    size_t i = 0;
    gunichar before = 0; /* the last character that is neither space nor opening */
    while (i < len) {
        /* A token: a run without whitespace; inside it, words of letters. */
        size_t tok_end = i;
        while (tok_end < len && !is_space_char(char_at(utf8 + tok_end)))
            tok_end = (size_t)(g_utf8_next_char(utf8 + tok_end) - utf8);
        if (tok_end == i) {
            i = (size_t)(g_utf8_next_char(utf8 + i) - utf8);
            continue;
        }
        if (token_is_verbatim(utf8 + i, tok_end - i)) {
            before = g_utf8_get_char(g_utf8_prev_char(utf8 + tok_end));
            i = tok_end;
            continue;
        }
        while (i < tok_end) {
            size_t end = i;
            while (end < tok_end && is_word_char(char_at(utf8 + end)))
                end = (size_t)(g_utf8_next_char(utf8 + end) - utf8);
            if (end > i) {
                bool capital_ok = !h->capitals_are_names || before == 0 || before == '.' ||
                                  before == '!' || before == '?' || before == 0x2026;
                hyphenate_word(h, utf8, i, end, capital_ok, inserted);
                before = char_at(g_utf8_prev_char(utf8 + end));
                i = end;
            } else {
                if (!is_opening(char_at(utf8 + i)))
                    before = char_at(utf8 + i);
                i = (size_t)(g_utf8_next_char(utf8 + i) - utf8);
            }
        }
    }
}

void text_hyphen_points(text_hyphen *h, const char *utf8, size_t len, GArray *out)
{
    /* Only valid UTF-8 is walked by characters. */
    if (h && g_utf8_validate(utf8, (gssize)len, NULL))
        hyphenate_text(h, utf8, len, out);
}

char *text_hyphenate(text_hyphen *h, const char *utf8, size_t len, size_t *out_len,
                     size_t *offsets, size_t n)
{
    GArray *inserted = g_array_new(FALSE, FALSE, sizeof(size_t));
    text_hyphen_points(h, utf8, len, inserted);
    GString *out = g_string_sized_new(len + SHY_LEN * inserted->len + 1);
    size_t from = 0;
    for (guint k = 0; k < inserted->len; k++) {
        size_t at = g_array_index(inserted, size_t, k);
        g_string_append_len(out, utf8 + from, (gssize)(at - from));
        g_string_append_len(out, SHY, SHY_LEN);
        from = at;
    }
    g_string_append_len(out, utf8 + from, (gssize)(len - from));
    for (size_t k = 0; offsets && k < n; k++)
        offsets[k] += SHY_LEN * inserted_up_to(inserted, offsets[k]);
    g_array_free(inserted, TRUE);
    if (out_len)
        *out_len = out->len;
    char *copy = malloc(out->len + 1);
    if (copy)
        memcpy(copy, out->str, out->len + 1);
    g_string_free(out, TRUE);
    return copy;
}
