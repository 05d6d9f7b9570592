/* Finding folio's data folders (fonts, styles): $FOLIO_DATA_DIR, else
 * share/folio/ relative to where the library (or the program it is linked
 * into) was loaded from — installed under any prefix, or in the build tree.
 * No path of the machine that built it is compiled in. */
#ifndef FOLIO_DATADIR_H
#define FOLIO_DATADIR_H

/* "fonts" or "styles": a malloc'ed path to an existing folder, or NULL. */
char *datadir_find(const char *what);

#endif
