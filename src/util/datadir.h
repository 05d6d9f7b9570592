/* Finding folio's data folders (fonts, styles): $FOLIO_DATA_DIR, then the
 * source tree the binary was built from, then the installed folder. */
#ifndef FOLIO_DATADIR_H
#define FOLIO_DATADIR_H

/* "fonts" or "styles": a malloc'ed path to an existing folder, or NULL. */
char *datadir_find(const char *what);

#endif
