/* Finishing a PDF that cairo 1.16 wrote (finish.c), in one pass over its
 * file, object by object, never held whole: what cairo wrote is copied
 * (outline, links, named destinations), the few dictionaries that need it
 * edited, and what cairo cannot write added:
 * - every PDF: the structure tree from the layout's record (structure.h)
 *   in place of cairo's, each page's marked content rewritten for it; the
 *   Info dictionary and an XMP packet from one pdf_docinfo; /Lang,
 *   /MarkInfo, /ViewerPreferences /DisplayDocTitle, the print flag (/F 4)
 *   on every annotation, no /Interpolate, /CIDToGIDMap on every
 *   CIDFontType2 font, folio's own images in place of their stand-ins
 *   (ximage.h), a classic cross-reference table, and a trailer /ID that is
 *   a hash of the content (the same sources give the same bytes);
 * - PDF/A (docinfo.pdfa_part 2 or 3): pdfaid in the XMP, the sRGB output
 *   intent (color/sRGB.icc, built into the library);
 * - PDF/A-3: the sources as associated files (attach.h).
 * A file not of the form cairo writes (object streams, a page whose
 * content is not one stream, anything that does not parse) is an error,
 * never a guess. */
#ifndef FOLIO_PDF_FINISH_H
#define FOLIO_PDF_FINISH_H

#include "attach.h"
#include "docinfo.h"
#include "tagging.h"
#include "util/diag.h"
#include "ximage.h"

typedef struct pdf_finish {
    pdf_docinfo info;
    const pdf_attachment *files; /* associated files (PDF/A-3); sorted by name */
    size_t n_files;
    const pstruct *structure;    /* the logical structure (tagging.h); NULL: cairo's kept */
    const pmarks *marks;         /* what was painted where, in order */
    const double *page_h;        /* each page's height in points (a landscape page's
                                    differs) */
    size_t n_pages;              /* laid out: the PDF has as many */
    const pdf_ximages *images;   /* put in place of their stand-ins (ximage.h) */
    int jobs;                    /* threads it may use (1: the caller's alone) */
} pdf_finish;

/* Reads the PDF cairo wrote to the file at fd in and writes the finished
 * file to fd out, from its position. FOLIO_EOUTPUT with an error through d
 * otherwise. */
folio_status pdf_finish_file(int in, const pdf_finish *f, fdiag *d, int out);

/* For a program that is folio's alone, before any thread: cairo then
 * compresses none of the streams it writes (its CAIRO_DEBUG_PDF, read when
 * a surface is made: an environment variable, so for the whole process),
 * and the finisher deflates them once, with libdeflate, in a fraction of
 * zlib's time (cairo's deflate was an eighth of a year's CPU). Without it,
 * what cairo compressed is copied as it is. */
void pdf_finish_claim_process(void);

#endif
