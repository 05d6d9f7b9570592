/* Shaped words, each shaped once per run: the glyphs of a piece of text in
 * one font (with its language, script, direction and OpenType features),
 * kept in a hash table keyed by all of these and the text. A document
 * repeats its words: a paragraph is then mostly table lookups instead of
 * HarfBuzz calls, and breaking lines never shapes anything again. */
#ifndef FOLIO_TEXT_SHAPE_CACHE_H
#define FOLIO_TEXT_SHAPE_CACHE_H

#include <stdbool.h>

#include <pango/pango.h>

/* Glyphs for text shaped alone (no context from the text around it):
 * log_clusters are byte offsets into text. Read-only once made. */
typedef struct tword {
    PangoGlyphString *glyphs;
    int width;        /* sum of the advances, Pango units */
    const char *text; /* the text shaped (a soft hyphen last when hyphen) */
    int len;
    int chars;        /* its characters */
    bool hyphen;      /* shaped with a hyphen drawn at its end */
    int refs;         /* the cache's own, plus one per holder */
} tword;

typedef struct shape_cache shape_cache;

shape_cache *shape_cache_new(void);
/* Drops the cache's references: words still held stay valid until their
 * last holder releases them. */
void shape_cache_drop(shape_cache *c);

/* The word text[0, len) shaped as analysis says (its font, language,
 * script, level, and the font features among its extra attributes); when
 * hyphen, text ends with a soft hyphen (U+00AD) and a hyphen is drawn at
 * the end, as Pango does where it breaks a line at one. Shaped on first
 * use. The result is borrowed from the cache: valid until the cache is
 * dropped or trimmed, unless held with tword_hold. */
const tword *shape_cache_get(shape_cache *c, const char *text, int len,
                             const PangoAnalysis *analysis, bool hyphen);

/* Keeps w alive past the cache's own reference; tword_release lets it go. */
const tword *tword_hold(const tword *w);
void tword_release(const tword *w);

/* Forgets every word no one holds once the cache holds more than
 * max_glyphs glyphs in all (memory stays bounded on endless distinct text). */
void shape_cache_trim(shape_cache *c, size_t max_glyphs);

/* Counters for tests and benchmarks: words shaped and lookups served. */
void shape_cache_stats(const shape_cache *c, size_t *shaped, size_t *lookups);

#endif
