/* Shared libraries that only some runs need (librsvg and libxml2 for SVG
 * images, libcurl for --fetch-remote, libzip for EPUB), opened on first use
 * instead of at start-up: with what they pull in they are 26 of the 84
 * objects the loader would otherwise map and relocate for every run,
 * `folio --version` included. */
#ifndef FOLIO_UTIL_LAZYLIB_H
#define FOLIO_UTIL_LAZYLIB_H

#include <stdbool.h>
#include <stddef.h>

/* Opens soname (once per process, thread-safe) and fills slots[i] with the
 * address of names[i]. false when the library or a symbol is missing (the
 * slots are then left NULL). */
bool lazylib_open(const char *soname, const char *const *names, void **slots, size_t n);

#endif
