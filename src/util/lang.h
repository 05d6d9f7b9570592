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

/* Whether text in tag's language runs right to left: Arabic, Hebrew,
 * Persian, Urdu… or any tag with the Arabic or Hebrew script subtag
 * ("ku-Arab"). */
bool lang_is_rtl(const char *tag);

#endif
