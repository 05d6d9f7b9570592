/* The tables of generated words and the one language-tag matcher: every
 * spelling of a language finds the same table, every word has English,
 * counts take the language's plural forms, dates are written out in the
 * book's language. */
#include "book/words.h"
#include "check.h"
#include "doc/date.h"
#include "util/lang.h"

static const char *long_form(const char *s, const char *lang)
{
    static buf b;
    fdate d;
    buf_clear(&b);
    if (fdate_parse(s, &d))
        book_date_long(&d, lang, &b);
    return buf_cstr(&b);
}

static const char *count(const char *lang, size_t n)
{
    static buf b;
    buf_clear(&b);
    book_count_issues(lang, n, &b);
    return buf_cstr(&b);
}

int main(void)
{
    /* fr, fr-FR, fr_FR and their cases are one language; "fra" and "f" are not. */
    CHECK(lang_is("fr", "fr") && lang_is("fr-FR", "fr") && lang_is("fr_FR", "fr"));
    CHECK(lang_is("FR-ca", "fr") && lang_is("fr_FR.UTF-8", "fr") && lang_is("fr@euro", "fr"));
    CHECK(!lang_is("fra", "fr") && !lang_is("f", "fr") && !lang_is("", "fr") && !lang_is(NULL, "fr"));
    CHECK(!lang_is("en-FR", "fr"));
    CHECK(lang_same("fr", "fr-CA") && lang_same("EN-gb", "en_US") && !lang_same("fr", "fra"));
    CHECK(!lang_same(NULL, "fr") && !lang_same("", "") && !lang_same("en", NULL));
    /* what an author may write as lang= */
    CHECK(lang_tag_valid("en") && lang_tag_valid("pt-BR") && lang_tag_valid("zh-Hant-TW"));
    CHECK(lang_tag_valid("es-419") && lang_tag_valid("de-CH-1996"));
    CHECK(!lang_tag_valid("e") && !lang_tag_valid("") && !lang_tag_valid(NULL));
    CHECK(!lang_tag_valid("pas une langue") && !lang_tag_valid("en-") && !lang_tag_valid("-en"));
    CHECK(!lang_tag_valid("en--GB") && !lang_tag_valid("1en") && !lang_tag_valid("en\")(x)"));
    CHECK(!lang_tag_valid("abcdefghi") && !lang_tag_valid("en-abcdefghi"));

    const char *french[] = {"fr", "fr-FR", "fr_FR", "FR", "fr-CA", "fr_BE.UTF-8"};
    for (size_t i = 0; i < sizeof french / sizeof *french; i++) {
        CHECK_STR(book_word(french[i], W_CONTENTS), "Sommaire");
        CHECK_STR(book_word(french[i], W_TABLE), "Tableau");
        CHECK_STR(book_word(french[i], W_REFERENCES), "Références");
    }
    CHECK_STR(book_word("en", W_CONTENTS), "Contents");
    CHECK_STR(book_word("vi", W_CONTENTS), "Contents"); /* no table: English */
    CHECK(!book_has_words("vi") && book_has_words("fr_FR") && book_has_words("zh-Hant"));
    CHECK_STR(book_word("ja", W_CONTENTS), "目次");
    CHECK_STR(book_word("ko-KR", W_CONTENTS), "목차");
    CHECK_STR(book_word("ar", W_CONTENTS), "المحتويات");
    CHECK_STR(book_word("he", W_FOOTNOTES), "הערות שוליים");
    CHECK_STR(book_word("iw", W_FOOTNOTES), "הערות שוליים"); /* Hebrew's old code */
    CHECK_STR(book_word("ru", W_REFERENCES), "Литература");
    CHECK_STR(book_word("no", W_CONTENTS), "Innhold");
    /* Chinese: Simplified unless the tag says Traditional */
    CHECK_STR(book_word("zh", W_CONTENTS), "目录");
    CHECK_STR(book_word("zh-CN", W_CONTENTS), "目录");
    CHECK_STR(book_word("zh-TW", W_CONTENTS), "目錄");
    CHECK_STR(book_word("zh_HK.UTF-8", W_CONTENTS), "目錄");
    CHECK_STR(book_word("zh-Hant-TW", W_CONTENTS), "目錄");
    CHECK_STR(book_word("zh-Hans", W_CONTENTS), "目录");
    CHECK_STR(book_word("zh-TWX", W_CONTENTS), "目录"); /* not a region subtag */
    /* a cell left out reads English */
    CHECK_STR(book_word("ja", W_A11Y_SUMMARY), book_word("en", W_A11Y_SUMMARY));
    CHECK_STR(book_word(NULL, W_FIGURE), "Figure");
    CHECK_STR(book_word("de-DE", W_CONTENTS), "Inhalt");
    CHECK_STR(book_word("es", W_A11Y_SUMMARY), book_word("en", W_A11Y_SUMMARY)); /* empty cell */

    /* Every word has English and a key; keys are distinct. */
    for (int w = 0; w < W_COUNT; w++) {
        CHECK(book_word("en", (word_id)w)[0] != '\0');
        CHECK(book_word_key((word_id)w)[0] != '\0');
        for (int v = 0; v < w; v++)
            CHECK(strcmp(book_word_key((word_id)w), book_word_key((word_id)v)) != 0);
    }

    CHECK_STR(book_word("fr", book_callout_word(FCALLOUT_NOTE)), "Note");
    CHECK_STR(book_word("fr", book_callout_word(FCALLOUT_TIP)), "Astuce");
    CHECK_STR(book_word("fr", book_callout_word(FCALLOUT_CAUTION)), "Attention");
    CHECK_STR(book_word("fr", book_card_word("youtube")), "Vidéo YouTube");
    CHECK_STR(book_word("fr", book_card_word("iframe")), "Contenu intégré");
    CHECK_STR(book_word("fr", book_card_word(NULL)), "Vidéo");

    CHECK_STR(count("fr", 21), "21 numéros");
    CHECK_STR(count("fr_FR", 1), "1 numéro");
    CHECK_STR(count("en", 2), "2 issues");
    CHECK_STR(count("ja", 21), "全21号");
    /* Slavic counts: one, few, many by the last digits */
    CHECK_STR(count("ru", 1), "1 выпуск");
    CHECK_STR(count("ru", 21), "21 выпуск");
    CHECK_STR(count("ru", 11), "11 выпусков");
    CHECK_STR(count("ru", 22), "22 выпуска");
    CHECK_STR(count("ru", 12), "12 выпусков");
    CHECK_STR(count("ru", 25), "25 выпусков");
    CHECK_STR(count("uk", 3), "3 випуски");
    CHECK_STR(count("pl", 1), "1 numer");
    CHECK_STR(count("pl", 21), "21 numerów");
    CHECK_STR(count("pl", 24), "24 numery");
    CHECK_STR(count("cs", 4), "4 čísla");
    CHECK_STR(count("cs", 5), "5 čísel");
    /* Arabic: a phrase for one and two, then by the last two digits */
    CHECK_STR(count("ar", 1), "عدد واحد");
    CHECK_STR(count("ar", 2), "عددان");
    CHECK_STR(count("ar", 5), "5 أعداد");
    CHECK_STR(count("ar", 21), "21 عددًا");
    CHECK_STR(count("ar", 100), "100 عدد");
    CHECK_STR(count("he", 2), "שני גיליונות");
    CHECK_STR(count("he", 24), "24 גיליונות");
    /* a language without the form a count needs uses its plural */
    CHECK_STR(count("sv", 22), "22 nummer");

    /* templates: the number where the language puts it */
    buf t = {0};
    book_word_fill("fr", W_ISSUE, "13", &t);
    CHECK_STR(buf_cstr(&t), "Numéro\u00a013");
    buf_clear(&t);
    book_word_fill("ja", W_ISSUE, "13", &t);
    CHECK_STR(buf_cstr(&t), "第13号");
    buf_clear(&t);
    book_word_fill("fr", W_SEE_PAGE, "7", &t);
    CHECK_STR(buf_cstr(&t), "voir p.\u00a07");
    buf_clear(&t);
    book_word_fill("zh", W_SEE_PAGE, "7", &t);
    CHECK_STR(buf_cstr(&t), "见第 7 页");
    buf_free(&t);

    CHECK_STR(long_form("2023-03-20", "fr"), "20 mars 2023");
    CHECK_STR(long_form("2023-03-20", "fr_FR"), "20 mars 2023");
    CHECK_STR(long_form("2023-03-01", "fr-CA"), "1er mars 2023");
    CHECK_STR(long_form("2023-08-15", "fr"), "15 août 2023");
    CHECK_STR(long_form("2023-03-20", "en"), "March 20, 2023");
    CHECK_STR(long_form("2023-03-20", "en-US"), "March 20, 2023");
    CHECK_STR(long_form("2023-03-20", NULL), "March 20, 2023");
    CHECK_STR(long_form("2023-03-20", "de"), "20. März 2023");
    CHECK_STR(long_form("2023-03-20", "es"), "20 de marzo de 2023");
    CHECK_STR(long_form("2023-03-20", "it"), "20 marzo 2023");
    CHECK_STR(long_form("2023-03-20", "pt-BR"), "20 de março de 2023");
    CHECK_STR(long_form("2023-12-05", "ja"), "2023年12月5日");
    CHECK_STR(long_form("2023-12-05", "zh-TW"), "2023年12月5日");
    CHECK_STR(long_form("2023-12-05", "ko"), "2023년 12월 5일");
    CHECK_STR(long_form("2023-12-05", "ru"), "5 декабря 2023\u00a0г.");
    CHECK_STR(long_form("2023-12-05", "he"), "5 בדצמבר 2023");
    CHECK_STR(long_form("2023-12-05", "ar"), "5 ديسمبر 2023");
    CHECK_STR(long_form("2023-12-05", "fi"), "5. joulukuuta 2023");
    CHECK_STR(long_form("2023-12-05", "vi"), "2023-12-05"); /* no table: ISO */
    return check_done();
}
