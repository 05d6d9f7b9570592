#include "langguess.h"

#include <stdint.h>
#include <string.h>

#include "doc/tree.h"
#include "util/lang.h"
#include "util/utf8.h"

/* Frequent words that are (nearly) only found in one of the languages.
 * Words shared by several ("la", "de", "que", "un", "en") are left out. */
typedef struct stop_list {
    const char *lang;
    const char *const *words;
} stop_list;

static const char *const fr_words[] = {
    "le", "les", "des", "du", "une", "et", "est", "dans", "pour", "qui", "sur", "pas", "avec",
    "ce", "cette", "sont", "nous", "vous", "elle", "au", "aux", "par", "plus", "ou", "mais",
    "été", "être", "leur", "aussi", "ces", "on", "il", NULL};
static const char *const en_words[] = {
    "the", "and", "of", "to", "is", "that", "for", "with", "are", "this", "be", "was", "it",
    "as", "by", "from", "at", "have", "not", "which", "you", "we", "can", "will", NULL};
static const char *const de_words[] = {
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "zu", "von",
    "auf", "für", "sich", "auch", "im", "wir", "sie", "wird", "oder", NULL};
static const char *const es_words[] = {
    "el", "los", "las", "y", "del", "una", "por", "para", "lo", "como", "pero", "más", "muy",
    "está", "también", "sus", "fue", NULL};
static const char *const it_words[] = {
    "il", "gli", "è", "di", "che", "per", "una", "sono", "della", "nel", "alla", "anche", "più",
    "degli", "questo", "delle", "ed", NULL};

static const stop_list lists[] = {
    {"fr", fr_words}, {"en", en_words}, {"de", de_words}, {"es", es_words}, {"it", it_words},
};
enum { N_LANGS = sizeof lists / sizeof lists[0] };

/* Enough words for a verdict; the rest of a long document adds nothing. */
enum { MAX_WORDS = 5000, MIN_HITS = 5 };

typedef struct tally {
    int hits[N_LANGS];
    int words;
    /* Letters by script: a text in another script than Latin is told by
     * its letters, not by words. */
    int latin, arabic, hebrew;
    int persian, urdu; /* Arabic-script letters only those languages use */
} tally;

static void count_script(tally *t, uint32_t c)
{
    if ((c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
        (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)) {
        t->arabic++;
        /* پ چ ژ گ ک ی: Persian (also Urdu's); ٹ ڈ ڑ ں ے: Urdu's own */
        t->persian += c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06AF || c == 0x06A9 ||
                      c == 0x06CC;
        t->urdu += c == 0x0679 || c == 0x0688 || c == 0x0691 || c == 0x06BA || c == 0x06D2;
    } else if ((c >= 0x05D0 && c <= 0x05EA) || (c >= 0xFB1D && c <= 0xFB4F)) {
        t->hebrew++;
    }
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static void count_word(tally *t, const char *w)
{
    t->words++;
    /* the first letter before strcmp: 5,000 words against 120 stop words
     * were 6% of a year's EPUB (perf) */
    for (int l = 0; l < N_LANGS; l++)
        for (const char *const *s = lists[l].words; *s; s++)
            if ((*s)[0] == w[0] && strcmp(*s, w) == 0) {
                t->hits[l]++;
                break;
            }
}

/* Splits text into words (apostrophes split "l'été"), lowercasing ASCII. */
static void count_text(tally *t, const char *text)
{
    char word[32];
    size_t wl = 0, len = strlen(text);
    for (size_t i = 0; i < len && t->words < MAX_WORDS;) {
        size_t start = i;
        uint32_t c = utf8_next(text, len, &i);
        t->latin += is_letter(c);
        count_script(t, c);
        if (is_letter(c)) {
            if (wl + (i - start) < sizeof word - 1) {
                for (size_t k = start; k < i; k++)
                    word[wl++] = text[k] >= 'A' && text[k] <= 'Z' ? (char)(text[k] + 32) : text[k];
            }
            continue;
        }
        if (wl) {
            word[wl] = '\0';
            count_word(t, word);
            wl = 0;
        }
    }
    if (wl && t->words < MAX_WORDS) {
        word[wl] = '\0';
        count_word(t, word);
    }
}

/* The language of a text mostly in Arabic or Hebrew letters; NULL for a
 * text mostly in Latin ones (then the words tell). */
static const char *script_language(const tally *t)
{
    enum { MIN_LETTERS = 20 };
    if (t->arabic >= MIN_LETTERS && t->arabic > t->latin && t->arabic > t->hebrew) {
        if (t->urdu * 50 > t->arabic)
            return "ur";
        return t->persian * 25 > t->arabic ? "fa" : "ar";
    }
    if (t->hebrew >= MIN_LETTERS && t->hebrew > t->latin)
        return "he";
    return NULL;
}

/* The words below root, code and math left out (and quotes nested in it,
 * which may speak another language, when skip_quotes). */
static tally tally_of(const fnode *root, bool skip_quotes)
{
    tally t = {0};
    for (const fnode *n = root; n && t.words < MAX_WORDS;) {
        bool skip = n->type == FN_CODE_BLOCK || n->type == FN_CODE || n->type == FN_MATH ||
                    (skip_quotes && n != root && n->type == FN_QUOTE);
        if (n->type == FN_TEXT)
            count_text(&t, n->as.literal);
        n = fnode_next(root, n, skip);
    }
    return t;
}

const char *lang_guess(const fnode *root)
{
    tally t = tally_of(root, false);
    const char *by_script = script_language(&t);
    if (by_script)
        return by_script;
    int best = 0, second = -1;
    for (int l = 1; l < N_LANGS; l++) {
        if (t.hits[l] > t.hits[best]) {
            second = best;
            best = l;
        } else if (second < 0 || t.hits[l] > t.hits[second]) {
            second = l;
        }
    }
    if (t.hits[best] < MIN_HITS || t.hits[best] < 2 * t.hits[second])
        return NULL;
    return lists[best].lang;
}

/* A passage's verdict: at least PASSAGE_WORDS words, PASSAGE_HITS stop
 * words of the winner, and PASSAGE_RATIO times those of any other
 * language. "Do not worry about your difficulties in mathematics; I can
 * assure you that mine are still greater." has 17 words, 5 English stop
 * words and no other language's. */
enum { PASSAGE_WORDS = 8, PASSAGE_HITS = 4, PASSAGE_RATIO = 4 };

const char *lang_guess_passage(const fnode *block)
{
    tally t = tally_of(block, true);
    const char *by_script = script_language(&t);
    if (by_script)
        return by_script;
    if (t.words < PASSAGE_WORDS)
        return NULL;
    int best = 0;
    for (int l = 1; l < N_LANGS; l++)
        if (t.hits[l] > t.hits[best])
            best = l;
    if (t.hits[best] < PASSAGE_HITS)
        return NULL;
    for (int l = 0; l < N_LANGS; l++)
        if (l != best && t.hits[best] < PASSAGE_RATIO * t.hits[l])
            return NULL;
    return lists[best].lang;
}

void lang_guess_quotes(fnode *root, const char *doc_lang)
{
    for (fnode *n = root; n;) {
        /* code and inlines hold no quote */
        bool skip = n->type == FN_CODE_BLOCK || fnode_is_inline(n) || n->type == FN_PARAGRAPH;
        if (n->type == FN_QUOTE && !n->as.quote.lang) {
            const char *lang = lang_guess_passage(n);
            if (lang && !lang_is(fnode_lang_around(n, doc_lang), lang))
                n->as.quote.lang = lang;
        }
        n = fnode_next(root, n, skip);
    }
}
