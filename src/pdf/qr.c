#include "qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

const pqr *pqr_encode(arena *a, const char *url)
{
    /* version 0: the smallest that holds it; level M survives a smudge */
    QRcode *code = QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M);
    if (!code)
        return NULL;
    pqr *q = arena_alloc(a, sizeof *q);
    unsigned char *dark = arena_alloc(a, (size_t)code->width * (size_t)code->width);
    for (int i = 0; i < code->width * code->width; i++)
        dark[i] = code->data[i] & 1; /* the low bit: dark; the others say why */
    q->size = code->width;
    q->dark = dark;
    QRcode_free(code);
    return q;
}

double pqr_side(const pqr *q)
{
    return (q->size + 2 * PQR_QUIET) * PQR_MODULE;
}

void pqr_paint(cairo_t *cr, const pqr *q, double x, double y)
{
    double m = PQR_MODULE;
    x += PQR_QUIET * m;
    y += PQR_QUIET * m;
    for (int r = 0; r < q->size; r++) {
        const unsigned char *row = q->dark + (size_t)r * (size_t)q->size;
        for (int c = 0; c < q->size;) {
            if (!row[c]) {
                c++;
                continue;
            }
            int end = c;
            while (end < q->size && row[end])
                end++;
            cairo_rectangle(cr, x + c * m, y + r * m, (end - c) * m, m);
            c = end;
        }
    }
    cairo_fill(cr);
}
