/* Spaces that must not break a number from what it counts: "30 mars",
 * "2 heures", "10 %", "5 Go", "n° 13", "p. 12", "M. Dupont". Typography
 * (typography.c) asks for each space between two words; the answer holds
 * for both backends (the PDF breaks no line there, the EPUB's reading
 * system neither). */
#ifndef FOLIO_DOC_NUMBERS_H
#define FOLIO_DOC_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* The space to put between the word before[0, before_len) and the word
 * after[0, after_len) in language lang: 0 when an ordinary (breakable)
 * space is fine, else U+00A0 (no-break space) or, in French before a sign
 * (%, €…) and after an abbreviation (n°, p., M.), U+202F (narrow no-break
 * space), as French typography sets them.
 *
 * A number (digits, with , . or no-break spaces between them) binds to a
 * sign or unit that follows, to its next three digits ("1 000"), to a
 * month name, and to a word in lower case that is not a small function
 * word (a noun it counts, in most cases: "15 participants"; in German to
 * any such word, nouns having capitals there). An abbreviation (n°, no, p., pp.,
 * M., MM., Mme, Dr, Mr., fig., art., vol., chap.…) binds to a number or a
 * capitalised word after it. */
uint32_t numbers_nobreak(const char *lang, const char *before, size_t before_len,
                         const char *after, size_t after_len);

#endif
