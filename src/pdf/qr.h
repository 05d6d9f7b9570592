/* QR codes for links on paper (style links: qr): the URL of an external
 * link encoded by libqrencode, painted as vector squares so it stays crisp
 * at any zoom and a phone can open the link from the printed page. */
#ifndef FOLIO_PDF_QR_H
#define FOLIO_PDF_QR_H

#include <cairo.h>
#include <stdbool.h>

#include "util/arena.h"

/* The side of a module, in points: about 0.4 mm, what a phone camera
 * reads at arm's length. */
#define PQR_MODULE 1.1
/* The light margin round a code, in modules: the standard's quiet zone. */
#define PQR_QUIET 4

typedef struct pqr {
    int size;                  /* modules per side */
    const unsigned char *dark; /* size × size, row by row: 1 where dark */
} pqr;

/* The code of url (bytes as they are: a scan gives back the exact URL), in
 * arena a; NULL when the URL is too long for a QR code. */
const pqr *pqr_encode(arena *a, const char *url);

/* The printed side of q in points, its quiet zone included. */
double pqr_side(const pqr *q);

/* Paints q with its top-left corner (quiet zone included) at x, y in the
 * current colour: one path of squares, each row's dark runs merged. */
void pqr_paint(cairo_t *cr, const pqr *q, double x, double y);

#endif
