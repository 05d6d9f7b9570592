/* PDF metadata, outline, named destinations and links with cairo 1.16,
 * working around its pitfalls:
 * - a link to a later page by `page=` is silently dropped: links here go
 *   to named destinations (pdf_dest) and work forward and backward;
 * - a link to a destination that is never defined is written dangling (a
 *   dead click): define every destination you link to;
 * - a destination on a page where nothing at all is drawn is lost;
 * - link tags outside any structure tag give a file `qpdf --check` calls
 *   damaged: paint everything inside pdf_struct_begin(cr, "Document") …
 *   pdf_struct_end(cr, "Document") (nested "H1", "P", "Figure"… welcome);
 * - URIs and names are written raw into PDF strings: they are
 *   percent-encoded / sanitised here;
 * - cairo parses tag attributes with the C library's strtod when it writes
 *   a page (cairo_show_page, cairo_surface_finish — not at cairo_tag_begin):
 *   under a locale whose decimal point is ',' (fr_FR) the surface fails and
 *   the PDF is broken. Render between pdf_c_numeric_begin/end.
 * All coordinates are in cr's user space (points, origin top left); they are
 * converted to device space here, since cairo 1.16 ignores the current
 * transformation for link rectangles and destinations. */
#ifndef FOLIO_PDF_META_H
#define FOLIO_PDF_META_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>

#include <cairo-pdf.h>
#include <cairo.h>

/* Switches the calling thread to the C locale's numeric conventions
 * (uselocale: the process locale is untouched) and returns what to give
 * pdf_c_numeric_end, which switches back. Wrap the whole rendering, from
 * the first page to cairo_surface_finish. */
locale_t pdf_c_numeric_begin(void);
void pdf_c_numeric_end(locale_t saved);

typedef struct pdf_rect {
    double x, y, w, h;
} pdf_rect;

/* Adds an outline (bookmark) entry under parent (0: top level) that opens
 * the named destination dest; returns its id, the parent of its children.
 * May be called at any time before the surface is finished, also before
 * the destination is painted. */
int pdf_meta_outline(cairo_surface_t *pdf, int parent, const char *title, const char *dest,
                     bool open);

/* Defines the named destination name at (x, y) of the current page. */
void pdf_dest(cairo_t *cr, const char *name, double x, double y);

/* A link over the n rectangles (one per line the link text spans) to the
 * named destination dest (defined before or after, on any page). */
void pdf_link_dest(cairo_t *cr, const char *dest, const pdf_rect *rects, size_t n);

/* A link over the n rectangles to an external URI. */
void pdf_link_uri(cairo_t *cr, const char *uri, const pdf_rect *rects, size_t n);

/* Structure tags ("Document", "Sect", "H1"…"H6", "P", "L", "LI", "Table",
 * "TR", "TH", "TD", "Figure", "Note", "Code"…); begin/end must nest. */
void pdf_struct_begin(cairo_t *cr, const char *tag);
void pdf_struct_end(cairo_t *cr, const char *tag);

/* The URI as written into a link: bytes outside printable ASCII, spaces,
 * '(', ')', '\\', '\'' and '"' percent-encoded. malloc'ed. */
char *pdf_uri_escape(const char *uri);

#endif
