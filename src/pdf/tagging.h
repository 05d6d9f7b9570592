/* The logical structure of the PDF (tagged PDF): a tree of structure
 * elements in reading order, recorded by the layout as it walks the
 * documents, whose leaves are the pieces the painter paints.
 *
 * cairo 1.16 can neither nest elements the way the logic needs (a list
 * item's label beside its body, a note after its paragraph, one paragraph
 * across pages) nor mark artifacts. So the painter wraps every painted
 * piece, content or decoration, in a flat cairo tag and records, in paint
 * order, which leaf (or which kind of artifact) it was; the finisher
 * (structure.c) then rewrites each page's marked content from that record
 * and writes the StructTreeRoot and ParentTree from this tree. */
#ifndef FOLIO_PDF_TAGGING_H
#define FOLIO_PDF_TAGGING_H

#include <stdbool.h>
#include <stddef.h>

#include "util/spill.h"

/* Element types: the standard structure types of PDF 1.7 (14.8.4) folio
 * uses, and the leaf (a painted piece: one marked-content sequence). */
typedef enum pstype {
    PS_CONTENT, PS_DOCUMENT, PS_PART, PS_ART, PS_DIV, PS_BLOCKQUOTE, PS_TOC, PS_TOCI,
    PS_H1, PS_H2, PS_H3, PS_H4, PS_H5, PS_H6, PS_P, PS_L, PS_LI, PS_LBL, PS_LBODY,
    PS_TABLE, PS_TR, PS_TH, PS_TD, PS_FIGURE, PS_CAPTION, PS_FORMULA, PS_NOTE, PS_LINK,
    PS_CODE, PS_SPAN, PS_COUNT
} pstype;

/* The type's name as PDF writes it ("P", "LBody"…). */
const char *pstype_name(pstype t);

/* The cairo tag the painter wraps a piece of elem's content in (a standard
 * name: cairo 1.16 refuses others; never "Link", which makes a link), and
 * the one for decoration ("Private", which no element uses). The finisher
 * checks each against its record. */
const char *pstype_mark_name(pstype elem);
#define PMARK_ARTIFACT_TAG "Private"

/* The kinds of decoration (artifacts, outside the tree). */
typedef enum partifact {
    PA_LAYOUT,     /* rules, backgrounds, frames, dot leaders */
    PA_HEADER,     /* the running head */
    PA_FOOTER,     /* the running foot (page numbers) */
    PA_PAGINATION, /* what a page repeats: table headers, a URL note again */
} partifact;

/* What few elements carry besides their type and place (strings and
 * references): kept aside, so that the many elements that carry none (a
 * paragraph and its leaf) stay small. */
typedef struct pselem_more {
    const char *lang;   /* /Lang where it differs from the enclosing text's */
    const char *alt;    /* /Alt (figures, formulas) */
    const char *actual; /* /ActualText (a drawn checkbox) */
    const char *id;     /* /ID (notes) */
    int ref;            /* the element this one refers to (a note reference → its note); 0: none */
    int after;          /* the last note placed after this element; 0: none */
} pselem_more;

typedef struct pselem {
    pstype type;
    int parent, first, last, next; /* tree links; -1: none */
    int more;           /* its pselem_more in the tree's (0: none) */
    bool column_header; /* TH: /Scope /Column */
} pselem;

/* The tree: element 0 is the root (Document). Every element belongs to
 * the playout that recorded it. */
typedef struct pstruct {
    pselem *e;          /* in store: an element a paragraph, never resident whole */
    size_t n;
    spill store;
    pselem_more *more;  /* more[0]: none (all zero) */
    size_t n_more, cap_more;
    int *link_elem;     /* link id → its Link element (0: none yet) */
    size_t n_link_elem;
} pstruct;

void pstruct_init(pstruct *s);
void pstruct_free(pstruct *s);
/* A new element of type t, the last child of parent; returns its index. */
int pstruct_add(pstruct *s, int parent, pstype t);
/* A new element of type t, the next sibling of after. */
int pstruct_add_after(pstruct *s, int after, pstype t);
/* The Link element of link id (made under parent when new). */
int pstruct_link(pstruct *s, int link_id, int parent);
/* Element k's strings and references (all empty when it has none). */
const pselem_more *pstruct_more(const pstruct *s, int k);
/* The same, to be set. */
pselem_more *pstruct_more_set(pstruct *s, int k);

/* What the painter painted, page by page in paint order: one mark per
 * cairo tag it opened. */
typedef enum pmark_kind {
    PM_CONTENT,  /* elem is the leaf painted */
    PM_ARTIFACT, /* artifact says which */
    PM_LINK,     /* cairo's own empty tag around a link annotation (dropped) */
} pmark_kind;

typedef struct pmark {
    unsigned page;
    int elem;                /* PM_CONTENT: the leaf */
    unsigned char kind;      /* pmark_kind */
    unsigned char artifact;  /* PM_ARTIFACT: which partifact */
    int rect;                /* its place in the record's rects (0: not kept) */
} pmark;

/* Where a piece was painted (layout points, top-left origin): kept for the
 * leaves of figures only, whose /BBox it makes. */
typedef struct pmark_rect {
    double x, y, w, h;
} pmark_rect;

typedef struct pmarks {
    pmark *m;           /* in store (a mark a piece painted) */
    size_t n;
    spill store;
    pmark_rect *rects; /* rects[0]: none */
    size_t n_rects, cap_rects;
    /* the link annotations, page by page in the order cairo wrote them:
     * the Link element each belongs to (0: none) */
    struct plinkmark {
        size_t page;
        int elem;
        double x, y, w, h; /* its first rectangle (layout points) */
    } *links;
    size_t n_links, cap_links;
} pmarks;

/* Records m, and where it was painted when rect is not NULL. */
void pmarks_add(pmarks *r, pmark m, const pmark_rect *rect);
/* Where mark i was painted (NULL when not kept). */
const pmark_rect *pmarks_rect(const pmarks *r, size_t i);
void pmarks_add_link(pmarks *r, size_t page, int elem, double x, double y, double w, double h);
void pmarks_free(pmarks *r);
/* Lets the resident pages of the tree's elements and of the marks go (a
 * long document's; they are read again from their scratch files). */
void pstruct_forget(const pstruct *s);
void pmarks_forget(const pmarks *r);

#endif
