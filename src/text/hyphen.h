/* Dictionary hyphenation (Pango 1.50 has none): the points where
 * libhyphen allows a word to break, for the line breaker.
 *
 * Words left alone: shorter than 5 letters (at least 2 letters before and 3
 * after a break), words with a digit, with an uppercase letter after the
 * first (acronyms, "ChatGPT", "iPhone"), capitalised words except at the
 * start of a sentence (proper names: "Lambert", "Montrouge"; not in German), URLs, e-mail
 * addresses, paths and identifiers (whitespace-free tokens with "://",
 * "www.", "@", "/", "\\" or "_"), and tokens that already hold a soft
 * hyphen. Hyphenated compounds break at their parts. Text in other scripts
 * than the dictionary's passes through unchanged. Hyphenate each text node
 * separately (not code): a node's start counts as a sentence start. */
#ifndef FOLIO_TEXT_HYPHEN_H
#define FOLIO_TEXT_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

typedef struct text_hyphen text_hyphen;

/* The hyphenator for a BCP 47 language tag ("fr", "fr-CA", "en", "de-DE"…;
 * "en" means en-US), from hyph_<ll>[_<RR>].dic in $FOLIO_HYPHEN_DIR, else
 * /usr/share/hyphen (Debian's hyphen-* packages) and the usual places. NULL
 * when no dictionary is found (then leave text unhyphenated). libhyphen's
 * parse costs ~4 ms for French, ~7 ms for English, but 2.5 s for German (its
 * 1 MB pattern file); its compiled copy in folio's cache folder
 * (hyphen_dict.h) a fraction of a millisecond: still, load once
 * (text_hyphen_new_shared), and only when the text is to be hyphenated.
 * Drop with text_hyphen_drop. */
text_hyphen *text_hyphen_new(const char *lang);
void text_hyphen_drop(text_hyphen *h);

/* Dictionaries by language tag, each loaded once for the hyphenators made
 * from them: folio_fonts keeps one across renders (a server, a fuzzer: the
 * pdf fuzz target spent a quarter of its time loading en_US). Drop it after
 * those hyphenators. */
typedef struct text_hyphen_dicts text_hyphen_dicts;
text_hyphen_dicts *text_hyphen_dicts_new(void); /* never NULL */
void text_hyphen_dicts_drop(text_hyphen_dicts *c);
/* text_hyphen_new's hyphenator with its dictionary from c (loaded into c
 * the first time; its word cache is its own). c NULL: text_hyphen_new. */
text_hyphen *text_hyphen_new_shared(text_hyphen_dicts *c, const char *lang);

/* Appends to out (a GArray of size_t) the byte offset of every hyphenation
 * point of utf8[0, len), in increasing order: the offset of the character
 * a hyphen may go before. Each distinct word is looked up in the
 * dictionary once per hyphenator (h keeps a cache). h may be NULL: none. */
void text_hyphen_points(text_hyphen *h, const char *utf8, size_t len, GArray *out);

/* Returns a malloc'ed, NUL-terminated copy of utf8[0, len) with a soft
 * hyphen at every point text_hyphen_points finds; *out_len (if not NULL)
 * receives its length. h may be NULL: a plain copy.
 *
 * offsets (may be NULL) holds n byte offsets into the input (run or link
 * boundaries, anchors); each is rewritten in place to the offset of the same
 * character in the output (len maps to *out_len). A soft hyphen inserted
 * right before the character at offset o lands before the new offset, i.e.
 * at the end of the span that ends at o. The offsets need not be sorted. */
char *text_hyphenate(text_hyphen *h, const char *utf8, size_t len, size_t *out_len,
                     size_t *offsets, size_t n);

#endif
