/* The PDF backend: lay out documents into pages of boxes, then paint them
 * with cairo. render.c picks it from its table of backends. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <stdio.h>

#include "render.h"

extern const render_backend pdf_backend;

/* Writes the layout of the run (pages of positioned boxes) as text. */
folio_status pdf_dump_layout(render_run *r, FILE *out);

#endif
