/* Structure tree additions that cairo 1.16 cannot write (its tags take no
 * attributes): made on the finished file with libqpdf. */
#ifndef FOLIO_PDF_STRUCTURE_H
#define FOLIO_PDF_STRUCTURE_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

/* Gives the n Figure elements of the structure tree, in the order cairo
 * wrote them (the order they were opened), their /Alt: alt[i] for the
 * i-th. Returns the number of Figure elements found. */
size_t pdf_structure_set_alt(qpdf_data q, const char *const *alt, size_t n);

#endif
