/* What a finished PDF says about itself: one struct from which both the
 * Info dictionary (finish.c) and the XMP packet (xmp.c) are written, so the
 * two agree by construction, as PDF/A requires. */
#ifndef FOLIO_PDF_DOCINFO_H
#define FOLIO_PDF_DOCINFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct pdf_docinfo {
    const char *title;    /* never NULL */
    const char *author;   /* NULL: none */
    const char *subject;  /* NULL: none */
    const char *keywords; /* NULL: none */
    const char *creator;  /* the tool that made the content: "folio 0.1.0" */
    const char *producer; /* the PDF library chain */
    const char *lang;     /* BCP 47 tag of the document */
    int64_t created, modified; /* seconds since 1970, UTC */
    int pdfa_part;        /* 2 or 3 (conformance B); 0: not a PDF/A */
} pdf_docinfo;

/* "D:20240502000000+00'00'" (UTC): the Info dictionary's form. */
void pdf_date_info(int64_t t, char out[32]);
/* "2024-05-02T00:00:00+00:00": XMP's form of the same instant. */
void pdf_date_xmp(int64_t t, char out[32]);

/* The XMP metadata packet of the document: dc:title, dc:creator,
 * dc:description, dc:language, xmp dates and tool, pdf:Producer and
 * pdf:Keywords, and pdfaid:part/conformance for a PDF/A. malloc'ed,
 * NUL-terminated; *len its length. */
char *pdf_xmp_packet(const pdf_docinfo *info, size_t *len);

#endif
