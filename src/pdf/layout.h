/* The PDF layout: pages of positioned boxes, computed once (mupdf's
 * fz_layout_html idea), then painted by paint.c or dumped by dump_layout.c.
 * Coordinates are PostScript points from the page's top-left corner. Text
 * is laid out once into paragraphs (src/text) whose lines the boxes reference. */
#ifndef FOLIO_PDF_LAYOUT_H
#define FOLIO_PDF_LAYOUT_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "doc/doc.h"
#include "image/image.h"
#include "style/style.h"
#include "text/fonts.h"
#include "text/paragraph.h"
#include "util/arena.h"
#include "util/diag.h"
#include "book/cover.h"
#include "render.h"
#include "tagging.h"

typedef enum pbox_kind {
    PB_LINE,     /* one line of a paragraph */
    PB_FILL,     /* tinted rectangle (code, callout, table header backgrounds) */
    PB_RULE,     /* filled thin rectangle: rules, borders */
    PB_FRAME,    /* stroked rectangle (placeholders, link cards) */
    PB_IMAGE,    /* a raster surface or an SVG */
    PB_CHECKBOX, /* task list box, checked or not */
    PB_LINK,     /* one clickable rectangle of a link */
    PB_DEST,     /* a named destination (headings, notes, anchors) */
    PB_TOCNUM,   /* a TOC entry's dot leader and page number, filled when painting */
    PB_MATH,     /* a display formula, scaled to w (its baseline at y + baseline) */
    PB_COVER,    /* the book's cover (book/cover.h), drawn over the box when painting */
    PB_QR,       /* a link's QR code beside its note (links: qr), square */
    PB_CONTINUED, /* a hook arrow in the margin: this code line goes on the one before */
} pbox_kind;

/* The structure tag a box's content is wrapped in (tagged PDF). */
typedef enum ptag { PT_P, PT_H1, PT_H2, PT_H3, PT_H4, PT_H5, PT_H6, PT_CODE, PT_FIGURE, PT_NOTE, PT_TOC, PT_TABLE, PT_LIST, PT_CAPTION } ptag;

/* An image kept for painting: its bytes until its first page is painted,
 * then its pixels until its last one is. */
typedef struct pimage {
    const fimg_bytes *bytes;   /* the run's resources (one per content) */
    int px_w, px_h;            /* pixels wanted: the largest printed size at images.ppi */
    cairo_surface_t *surface;  /* decoded raster while its pages are painted; NULL for SVG */
    bool taken, failed;        /* taken for painting; the decode failed (a frame is painted) */
    long order;                /* among the rasters, by first page (images.c) */
    const char *src, *file;    /* as written, and where first used: paint-time warnings */
    int line;
    struct pimage *next;       /* every image of a layout, to free them */
} pimage;

typedef struct ptoc_entry ptoc_entry;

#define PBOX_ARTIFACT (-1) /* pbox.elem: painted, but outside the structure */

typedef struct pbox {
    pbox_kind kind;
    double x, y, w, h;
    tpara *para;          /* PB_LINE: holds a reference */
    int line;             /* PB_LINE: index of the line in para */
    double baseline;      /* PB_LINE: baseline below y */
    ptag tag;             /* PB_LINE, PB_IMAGE: structure tag */
    const char *text;     /* PB_LINK: URI or destination; PB_DEST: name; PB_FRAME, PB_IMAGE: label */
    bool internal;        /* PB_LINK: text is a destination name */
    int link_id;          /* PB_LINK: rectangles of one link share it */
    bool checked;         /* PB_CHECKBOX */
    bool rtl;             /* PB_TOCNUM: the number at the left, the leader from the right */
    frgb color;           /* PB_FILL, PB_RULE, PB_FRAME */
    pimage *image;        /* PB_IMAGE */
    const ptoc_entry *toc; /* PB_TOCNUM */
    const struct pmath *math; /* PB_MATH */
    const struct pqr *qr;     /* PB_QR; text: the URL it encodes */
    const int *run_leaf;  /* PB_LINE: the leaf of each of its runs when they differ (a
                             link's text is its Link's); NULL: all elem's */
    int n_run_leaf;
    int elem;             /* painted content: its leaf in the structure tree; PB_LINK: its
                             Link element; PBOX_ARTIFACT: decoration (tagging.h); 0: not
                             given (lctx_add decides from the kind and tag) */
} pbox;

typedef struct ppage {
    pbox *boxes;
    size_t n, cap;
    int doc;          /* index of the document the page belongs to; -1 for a cover */
    bool no_header;   /* first page of an issue, cover */
    bool landscape;   /* a wide table's page: width and height swapped */
} ppage;

/* An entry of the book's table of contents (book->toc), listed on the
 * contents page and in the outline, with the page it landed on. */
struct ptoc_entry {
    book_entry_kind kind;
    const fnode *node;     /* the heading of a section; NULL for a part or an issue */
    const char *title;     /* plain text */
    const int *struck;     /* pairs [start, end) of title's struck-through bytes */
    int n_struck;
    int level;             /* 1 at the top (book->toc's levels) */
    const char *dest;      /* named destination */
    int doc;               /* the chapter (a part: its first) */
    int part;              /* BOOK_PART: index in book->parts */
    int page;              /* 1-based page, 0 until laid out */
};

typedef struct playout {
    arena *arena;           /* strings and arrays of the layout */
    double page_w, page_h;
    ppage *pages;
    size_t n_pages, cap_pages;
    ptoc_entry *entries;    /* the book's TOC entries, in order */
    size_t n_entries, cap_entries;
    pimage *images;
    folio_doc *const *docs;
    size_t n_docs;
    const char *book_title; /* compilations: the cover's title; NULL for one issue */
    int n_links;            /* clickable links laid out */
    const fbook *book;      /* the run's book (borrowed) */
    book_resources *resources; /* the run's images (borrowed) */
    book_cover cover;       /* compilations: what the cover page shows */
    shape_cache *shapes;    /* every word shaped so far */
    pstruct structure;      /* the logical structure (tagged PDF) */
    PangoContext *context;  /* on the run's fonts: the layouts were shaped in it, painting
                               uses it too */
    const text_fonts *fonts; /* the run's fonts (borrowed): what they cannot draw is left out */
    struct pdf_math *math;  /* the formulas and their font (math.h) */
    struct pdf_icons *icons; /* the icons and their fonts (icons.h) */
    /* A long document is not held whole (pdf.c): */
    size_t n_final;         /* pages [0, n_final) are final: nothing moves onto them */
    bool may_measure;       /* may become measured (not when dumped) */
    size_t held_pages_max;  /* past so many pages (limits.max_held_pages) */
    bool measured;          /* their boxes went once final; what a later pass needs
                               was kept (dest_page, the entries' pages, n_pages) */
    GHashTable *dest_page;  /* measured: destination name → its 1-based page */
    GHashTable *page_of;    /* measured: the destinations' pages the pass was given */
    const struct pstream *stream; /* this pass paints each page once final; NULL: none */
    struct pdf_images *ahead; /* images prepared as they are placed (images.h), for the
                                 painting; NULL: none */
} playout;

/* A pass that paints as it lays out, with what an earlier measured pass of
 * the same layout found: the TOC's numbers and the page count, which pages
 * painted early print. */
typedef struct pstream {
    void (*page_final)(void *user, playout *pl, size_t i);
    void *user;
    const int *toc_pages; /* entry → its page */
    size_t n_pages;
} pstream;

/* Pages [pl->n_final, upto) are final: painted (a streaming pass), or their
 * destinations recorded and boxes released (a measured one). */
void playout_pages_final(playout *pl, size_t upto);
/* The page count the running head and foot print. */
size_t playout_page_count(const playout *pl);

/* Lays out the run's book. On FOLIO_OK *out is a new layout to drop with
 * playout_drop (before the run is closed); warnings (missing images…) went
 * to the run's diagnostics. With may_measure, a long document without
 * images comes back measured, not held (out->measured): pdf_stream then
 * lays it out again, painting each page once final. */
folio_status playout_build(render_run *r, bool may_measure, playout **out);
/* The layout pass that made measured again, painting each page into a
 * PDF written to fd out (pdf_paint's work, page by page); measured is
 * dropped first. */
folio_status pdf_stream(render_run *r, playout *measured, int out);

/* Shaped words kept once their pages are done with (shape_cache_trim):
 * a few megabytes of glyphs. */
#define SHAPES_KEPT (1u << 18)
void playout_drop(playout *pl);
/* Frees page p's boxes (and its references to their paragraphs). */
void ppage_release(ppage *p);

/* Paints the layout into a PDF written to fd out (through scratch files,
 * never whole in memory), releasing each page's boxes once it is painted
 * (the pages stay, empty). */
folio_status pdf_paint(playout *pl, const folio_render_options *o, const folio_style *st,
                       fdiag *d, int out);
/* The same, a page at a time: begin (NULL, with an error reported, when no
 * scratch file can be had), next paints the next page (final), end
 * finishes the file into fd out (-1: drops it) and frees the painting. */
typedef struct pdf_painting pdf_painting;
pdf_painting *pdf_paint_begin(playout *pl, const folio_render_options *o, const folio_style *st,
                              fdiag *d);
void pdf_paint_next(pdf_painting *pp);
folio_status pdf_paint_end(pdf_painting *pp, int out);

/* The PDF outline (bookmarks) from the layout's entries. */
void pdf_outline(cairo_surface_t *s, const playout *pl);

/* The text dump of the layout, the golden format of tests/pdf. */
void playout_dump(const playout *pl, FILE *out);

/* A page's size in points (a landscape page's swapped). */
double ppage_width(const playout *pl, const ppage *p);
double ppage_height(const playout *pl, const ppage *p);

/* Adds a box to a page (the box is copied); returns its index. */
size_t ppage_add(ppage *p, const pbox *b);
/* A new empty page at the end of the layout. */
ppage *playout_new_page(playout *pl, int doc);
/* A new outline entry at the end of the list. */
ptoc_entry *playout_add_entry(playout *pl);

/* The structure tag's name ("P", "H1", "Code"…). */
const char *ptag_name(ptag t);

/* The characters of a PB_LINE box, malloc'ed (the caller frees). */
char *pbox_line_text(const pbox *b);

#endif
