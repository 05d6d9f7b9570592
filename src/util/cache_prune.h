/* folio's cache folder kept to a bounded size: when its entries (the
 * blob cache's "KIND-DIGEST" files, the remote images' "DIGEST.img")
 * weigh more than the bound, the least recently used go first until they
 * weigh three quarters of it, so that the next runs do not prune again.
 * Recency is a file's modification time: written when stored, set again
 * when blob_cache_get uses it. Other files (fontconfig/, hyphen/, anything
 * not folio's) are never touched. */
#ifndef FOLIO_UTIL_CACHE_PRUNE_H
#define FOLIO_UTIL_CACHE_PRUNE_H

#include <stdbool.h>
#include <stdint.h>

/* The bound: FOLIO_CACHE_MAX (in MiB; 0: no bound) when set to a number,
 * else CACHE_PRUNE_DEFAULT_MIB. */
enum { CACHE_PRUNE_DEFAULT_MIB = 512 };
uint64_t cache_prune_bound(void);

/* Prunes dir (NULL: path_user_cache) to max_bytes (0: no bound); returns
 * how many entries were removed. */
unsigned cache_prune(const char *dir, uint64_t max_bytes);

/* cache_prune(dir, cache_prune_bound()) the first time in the process:
 * called after a store, when the folder may have grown. */
void cache_prune_once(const char *dir);

#endif
