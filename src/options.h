/* Defaults (options.c is the one place they are written). */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include "folio.h"

/* Heading levels in the table of contents when the caller says none. */
enum { OPTIONS_TOC_DEPTH = 3 };

/* Fills zero fields of a limits struct with the defaults. */
void folio_limits_fill(folio_limits *l);

#endif
