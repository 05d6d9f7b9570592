/* A URL as people read it (RFC 3987 §3.2): percent-encoded UTF-8 shown as
 * its letters ("%C3%89chelle" → "Échelle"); printed on paper, while the
 * link itself keeps the encoded form. */
#ifndef FOLIO_IRI_H
#define FOLIO_IRI_H

/* uri with every percent-encoded run that is valid UTF-8 for a printable,
 * non-ASCII character decoded; ASCII escapes ("%20", "%2F"), invalid UTF-8,
 * spaces and bidirectional controls stay encoded. malloc'ed. */
char *iri_for_reading(const char *uri);

#endif
