#include "words.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/lang.h"

#include "words_table.h"

/* A language's table by its primary subtag; Chinese by its script. */
static const struct {
    const char *tag;
    const char *const *words;
} languages[] = {
    {"en", en}, {"fr", fr}, {"de", de}, {"es", es}, {"it", it}, {"pt", pt}, {"nl", nl},
    {"ja", ja}, {"ko", ko}, {"ar", ar}, {"he", he}, {"iw", he}, {"ru", ru}, {"uk", uk},
    {"pl", pl}, {"cs", cs}, {"sv", sv}, {"da", da}, {"nb", nb}, {"no", nb},
    {"nn", nb}, /* Nynorsk reads Bokmål rather than English */
    {"fi", fi}, {"tr", tr}, {"el", el},
};

/* zh-TW, zh-HK, zh-MO and zh-Hant write Traditional characters. */
static bool traditional_chinese(const char *tag)
{
    static const char *const subtags[] = {"Hant", "TW", "HK", "MO"};
    for (const char *p = strpbrk(tag, "-_"); p; p = strpbrk(p + 1, "-_"))
        for (size_t i = 0; i < sizeof subtags / sizeof *subtags; i++) {
            size_t n = strlen(subtags[i]);
            if (strncasecmp(p + 1, subtags[i], n) == 0 && strchr("-_.@", p[1 + n]))
                return true;
        }
    return false;
}

/* The table of tag's language, NULL when folio has none. */
static const char *const *words_of(const char *lang)
{
    if (lang_is(lang, "zh"))
        return traditional_chinese(lang) ? zh_hant : zh;
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (lang_is(lang, languages[i].tag))
            return languages[i].words;
    return NULL;
}

bool book_has_words(const char *lang)
{
    return words_of(lang) != NULL;
}

_Static_assert(W_CAUTION - W_NOTE + 1 == FCALLOUT_COUNT, "one callout word per kind");

const char *book_word(const char *lang, word_id w)
{
    if ((unsigned)w >= W_COUNT)
        return "";
    const char *const *words = words_of(lang);
    const char *s = words ? words[w] : NULL;
    return s ? s : en[w];
}

bool book_word_of_quarto(const char *key, word_id *w)
{
    /* (Quarto's own names; its older callout-…-caption too) */
    static const struct {
        const char *key;
        word_id w;
    } quarto[] = {
        {"callout-note-title", W_NOTE},           {"callout-note-caption", W_NOTE},
        {"callout-tip-title", W_TIP},             {"callout-tip-caption", W_TIP},
        {"callout-warning-title", W_WARNING},     {"callout-warning-caption", W_WARNING},
        {"callout-important-title", W_IMPORTANT}, {"callout-important-caption", W_IMPORTANT},
        {"callout-caution-title", W_CAUTION},     {"callout-caution-caption", W_CAUTION},
        {"crossref-fig-title", W_FIGURE},         {"crossref-tbl-title", W_TABLE},
        {"crossref-sec-prefix", W_SECTION},       {"crossref-eq-prefix", W_EQUATION},
        {"section-title-footnotes", W_FOOTNOTES}, {"section-title-references", W_REFERENCES},
        {"toc-title-document", W_CONTENTS},
    };
    for (size_t i = 0; i < sizeof quarto / sizeof *quarto; i++)
        if (strcmp(quarto[i].key, key) == 0) {
            *w = quarto[i].w;
            return true;
        }
    return false;
}

const char *book_doc_word(const folio_doc *doc, const char *lang, word_id w)
{
    if (doc && doc->meta.words && doc->meta.words[w])
        return doc->meta.words[w];
    if (doc && doc->project.words && doc->project.words[w])
        return doc->project.words[w];
    return book_word(lang, w);
}

const char *book_word_key(word_id w)
{
    return (unsigned)w < W_COUNT ? keys[w] : "";
}

word_id book_callout_word(fcallout_kind k)
{
    return (unsigned)k < FCALLOUT_COUNT ? (word_id)(W_NOTE + k) : W_NOTE;
}

word_id book_card_word(const char *provider)
{
    if (provider && strcmp(provider, "youtube") == 0)
        return W_YOUTUBE;
    if (provider && strcmp(provider, "iframe") == 0)
        return W_IFRAME;
    return W_VIDEO;
}

void book_word_fill(const char *lang, word_id w, const char *number, buf *out)
{
    for (const char *p = book_word(lang, w); *p; p++) {
        if (p[0] == '%' && p[1] == 'n') {
            buf_puts(out, number);
            p++;
        } else {
            buf_putc(out, *p);
        }
    }
}

/* CLDR's plural category of a whole count n, for the languages with a
 * table: most have one and other; Slavic languages few and many, Arabic
 * and Hebrew two, and Arabic few and many by the last two digits. */
static word_id counted_word(const char *lang, size_t n)
{
    size_t d10 = n % 10, d100 = n % 100;
    bool few_slavic = d10 >= 2 && d10 <= 4 && !(d100 >= 12 && d100 <= 14);
    if (lang_is(lang, "ru") || lang_is(lang, "uk"))
        return d10 == 1 && d100 != 11 ? W_ISSUE_COUNTED : few_slavic ? W_ISSUES_FEW : W_ISSUES_MANY;
    if (lang_is(lang, "pl"))
        return n == 1 ? W_ISSUE_COUNTED : few_slavic ? W_ISSUES_FEW : W_ISSUES_MANY;
    if (lang_is(lang, "cs"))
        return n == 1 ? W_ISSUE_COUNTED : n >= 2 && n <= 4 ? W_ISSUES_FEW : W_ISSUES_COUNTED;
    if (lang_is(lang, "ar"))
        return n == 1                     ? W_ISSUE_COUNTED
               : n == 2                   ? W_ISSUES_TWO
               : d100 >= 3 && d100 <= 10  ? W_ISSUES_FEW
               : d100 >= 11 && d100 <= 99 ? W_ISSUES_MANY
                                          : W_ISSUES_COUNTED;
    if (lang_is(lang, "he") || lang_is(lang, "iw"))
        return n == 1 ? W_ISSUE_COUNTED : n == 2 ? W_ISSUES_TWO : W_ISSUES_COUNTED;
    return n == 1 ? W_ISSUE_COUNTED : W_ISSUES_COUNTED;
}

void book_count_issues(const char *lang, size_t n, buf *out)
{
    word_id w = counted_word(lang, n);
    const char *const *words = words_of(lang);
    if (w != W_ISSUE_COUNTED && w != W_ISSUES_COUNTED && !(words && words[w]))
        w = W_ISSUES_COUNTED; /* the language has no such form */
    char number[24];
    snprintf(number, sizeof number, "%zu", n);
    book_word_fill(lang, w, number, out);
}

void book_date_long(const fdate *d, const char *lang, buf *out)
{
    if (!d || !d->valid)
        return;
    /* A language without a column writes ISO dates, not English ones. */
    if (!lang || !*lang)
        lang = "en";
    if (!words_of(lang)) {
        buf_printf(out, "%04d-%02d-%02d", d->year, d->month, d->day);
        return;
    }
    for (const char *p = book_word(lang, W_DATE_FORM); *p; p++) {
        if (*p != '%') {
            buf_putc(out, *p);
            continue;
        }
        switch (*++p) {
        case 'd': buf_printf(out, "%d", d->day); break;
        case 'o':
            if (d->day == 1)
                buf_puts(out, "1er"); /* French writes the first of the month as an ordinal */
            else
                buf_printf(out, "%d", d->day);
            break;
        case 'm': buf_puts(out, book_word(lang, (word_id)(W_MONTH_1 + d->month - 1))); break;
        case 'y': buf_printf(out, "%d", d->year); break;
        case '\0': return;
        }
    }
}
