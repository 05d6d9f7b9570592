/* Front-matter dates: parsing the forms Hugo and Quarto write. Writing them
 * out in a language is the book's (book/words.h: book_date_long). */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "doc/doc.h"

/* The last second EPUB and PDF dates can write: 9999-12-31T23:59:59Z. */
#define FDATE_MAX_EPOCH INT64_C(253402300799)

/* Parses "2023-03-20", "2023-03-20T10:00:00Z", "2023-03-20T10:00:00+02:00",
 * "2023-03-20 10:00" (optionally quoted). Returns false (out->valid false)
 * when s is not such a date, or names an instant after FDATE_MAX_EPOCH
 * ("9999-12-31T23:30:00-01:00" is in the year 10000). */
bool fdate_parse(const char *s, fdate *out);

/* Seconds since 1970-01-01 UTC (midnight UTC for dates without a time);
 * -1 when d is not valid. */
int64_t fdate_to_epoch(const fdate *d);

#endif
