/* Front-matter dates: parsing the forms Hugo and Quarto write, and writing
 * them out in the document's language. */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "doc/doc.h"
#include "util/buf.h"

/* Parses "2023-03-20", "2023-03-20T10:00:00Z", "2023-03-20T10:00:00+02:00",
 * "2023-03-20 10:00" (optionally quoted). Returns false (out->valid false)
 * when s is not such a date. */
bool fdate_parse(const char *s, fdate *out);

/* Seconds since 1970-01-01 UTC (midnight UTC for dates without a time);
 * -1 when d is not valid. */
int64_t fdate_to_epoch(const fdate *d);

/* Appends the date written out: "20 mars 2023" (fr, "1er mars"),
 * "March 20, 2023" (en), "20. März 2023" (de), es, it; ISO "2023-03-20" for
 * other languages. lang is a BCP 47 tag ("fr-CA" is French); NULL is en. */
void fdate_format_long(const fdate *d, const char *lang, buf *out);

#endif
