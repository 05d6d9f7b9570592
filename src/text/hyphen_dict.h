/* libhyphen dictionaries, loaded from a compiled copy in folio's cache
 * folder when one matches the dictionary file. libhyphen parses a pattern
 * file into its state machine at every load (French: ~11 million
 * instructions, a sixth of a one-paragraph PDF's CPU); the compiled copy
 * is that state machine as flat records, read in one go and checked
 * (every state and string inside the file) before use. It is written
 * after the first parse of a file, and replaced when the file's size, time
 * stamp or inode change. Without a cache folder that can be written, every
 * load parses, as before. */
#ifndef FOLIO_TEXT_HYPHEN_DICT_H
#define FOLIO_TEXT_HYPHEN_DICT_H

#include <stdbool.h>
#include <stddef.h>

#include <hyphen.h>

typedef struct hyph_dict {
    HyphenDict *dict; /* what hnj_hyphen_hyphenate3 reads */
    void *block;      /* NULL: dict is libhyphen's own; else everything, in one block */
} hyph_dict;

/* The dictionary of the pattern file at path: from the compiled copy when
 * it matches, else parsed by libhyphen (then compiled for the next run).
 * NULL when the file cannot be read. Drop with hyph_dict_free. */
hyph_dict *hyph_dict_load(const char *path);
void hyph_dict_free(hyph_dict *d);

/* The compiled form of dict (with a stamp, an opaque string that must match
 * at load), malloc'ed, its length in *len. */
unsigned char *hyph_dict_compile(const HyphenDict *dict, const char *stamp, size_t *len);
/* The dictionary in bytes[0, len) made by hyph_dict_compile with the same
 * stamp; NULL when they are not that (truncated, damaged, another stamp). */
hyph_dict *hyph_dict_from_compiled(const unsigned char *bytes, size_t len, const char *stamp);

#endif
