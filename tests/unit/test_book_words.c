/* The one table of generated words and the one language-tag matcher: every
 * spelling of a language finds the same column, every word has English,
 * dates are written out in the book's language. */
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
    CHECK_STR(book_word("ja", W_CONTENTS), "Contents"); /* no column: English */
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
    CHECK_STR(long_form("2023-12-05", "ja"), "2023-12-05");
    return check_done();
}
