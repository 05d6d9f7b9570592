/* The one language-tag matcher: BCP 47 tags ("fr", "fr-FR", "fr-CA") and
 * POSIX locale names ("fr_FR", "fr_FR.UTF-8") name the same language when
 * their primary subtags are equal, in any letter case. Every part of folio
 * that picks something by language (words, dates, quotes, hyphenation)
 * asks here. */
#ifndef FOLIO_LANG_H
#define FOLIO_LANG_H

#include <stdbool.h>

/* Whether tag's primary language subtag is language ("fr", "de"…). A NULL
 * or empty tag matches nothing. */
bool lang_is(const char *tag, const char *language);

/* Whether two tags name the same language ("fr" and "fr-FR" do); false
 * when either is NULL or empty. */
bool lang_same(const char *a, const char *b);

/* Whether tag is shaped like a BCP 47 tag: a primary subtag of 2 to 8
 * letters, then subtags of 1 to 8 letters or digits after '-' ("en",
 * "pt-BR", "zh-Hant-TW"); what an author writes as lang= is written back
 * into XHTML and PDF only when it is. */
bool lang_tag_valid(const char *tag);

/* Whether text in tag's language runs right to left: Arabic, Hebrew,
 * Persian, Urdu… or any tag with the Arabic or Hebrew script subtag
 * ("ku-Arab"). */
bool lang_is_rtl(const char *tag);

#endif
