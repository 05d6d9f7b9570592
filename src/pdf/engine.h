/* The layout engine's working state, shared by the layout_*.c files: where
 * the cursor is, which containers are open, which notes the current page
 * must carry. Only playout_build creates one. */
#ifndef FOLIO_PDF_ENGINE_H
#define FOLIO_PDF_ENGINE_H

#include "book/words.h"
#include "layout.h"
#include "text/paragraph.h"
#include "tagging.h"
#include "util/buf.h"
#include "util/lang.h"

/* Text shaped once: a layout plus where its links and note references are
 * (byte offsets into the layout's text). */
typedef struct plink {
    int start, end;
    const char *target; /* URI, or a destination name when internal */
    bool internal;
} plink;

typedef struct pnote pnote;

typedef struct pref {
    int offset; /* byte of the reference mark */
    pnote *note; /* NULL in text shaped to measure (lctx.measuring) */
    double h;    /* measuring: the height its note would take at the foot */
} pref;

/* The words said in place of an image among words that cannot be had:
 * a Figure of their own, described by them. */
typedef struct pmissing {
    int start, end; /* bytes of the text */
    const char *alt;
    int elem;       /* its Figure once placed (0: not yet) */
} pmissing;

/* Words in another language than their paragraph's ([words]{lang=en}):
 * a Span element of their own says which (/Lang). */
typedef struct pspan {
    int start, end;   /* bytes of the text */
    const char *lang;
    int elem;         /* its Span once placed (0: not yet) */
} pspan;

typedef struct ptext {
    tpara *para;         /* owned: one reference */
    plink *links;        /* by start */
    int n_links;
    pmissing *missing;   /* by start */
    int n_missing;
    pspan *spans;        /* by start, an outer one before those it holds */
    int n_spans;
    pref *refs;          /* by offset */
    int n_refs;
    ptag tag;
    talign align;
    double width;          /* the width it was laid out at (< 0: unwrapped) */
    int link_base;         /* id of the first link once placed (0: not yet) */
    int elem;              /* its structure element (tagging.h); 0: made from tag when
                              first placed */
} ptext;

static inline int ptext_n_lines(const ptext *t)
{
    return t->para ? tpara_n_lines(t->para) : 0;
}

static inline const tline *ptext_line(const ptext *t, int i)
{
    return tpara_line(t->para, i);
}

/* A note printed at the foot of a page: a footnote, or a link's URL when
 * the style says links: footnotes. */
struct pnote {
    int number;
    const fnode *def;     /* footnote definition; NULL for a URL note */
    const char *url;      /* URL notes */
    const struct pqr *qr; /* URL notes under links: qr; NULL when it has none */
    const char *dest;     /* destination of the note (footnotes) */
    const char *back;     /* destination of its first reference (footnotes) */
    int ref_link;         /* the Link element of that reference (tagging.h); 0: none */
    ptext text;           /* shaped when first referenced */
    bool shaped;
    int placed_page;      /* 0 until placed (1-based); its text is then freed */
    pnote *next;          /* notes of the current page, in order */
};

/* An open container whose background or border follows the content
 * across pages. */
typedef struct pframe {
    double x, w;
    frgb fill, bar;
    bool has_fill, has_bar;
    bool rtl;       /* its bar on the right (lctx_rtl when opened) */
    double pad;
    size_t page;    /* page of the current segment */
    size_t fill_box, bar_box;
    double y0;
} pframe;

/* A list marker waiting for the first line of its item. */
typedef struct pmarker {
    bool pending;
    tpara *para;         /* the bullet or number; NULL for a checkbox */
    int task;            /* -1 none, 0 unchecked, 1 checked */
    double x, w;         /* right-aligned in [x, x + w); left-aligned when rtl */
    bool rtl;            /* the item reads right to left: its marker on the right */
    int elem;            /* the item's label (Lbl) */
} pmarker;

#define PFRAMES_MAX 32

/* A figure that did not fit under the text: it goes to the top of the next
 * page, while the text after it fills this one. */
typedef struct pfloat {
    bool pending;
    pbox image;    /* y set when placed */
    ptext caption; /* may be empty; owned */
    double gap;    /* between image and caption */
    const fnode *at; /* the figure (its anchor goes where it is placed); may be NULL */
} pfloat;

/* Headings just placed (a run of them), kept with what follows. */
typedef struct pkeep {
    bool active, placing;
    size_t page, first_box;
    double y0;
    const fnode *headings[6];
    int n;
    int after;      /* lines placed after them so far */
} pkeep;

/* Where the layout is in the structure tree (layout_tags.c). */
typedef struct ptags {
    int open;         /* the element new blocks go into */
    int part;         /* the open Part of a compilation; 0: none */
    int chapter;      /* the open Art (an issue of a compilation); 0: none */
    int heading_base; /* a heading tagged PT_Hn is H(base + n) */
    int last_heading; /* the last heading level given: none is skipped */
    bool artifact;    /* placing again what is tagged once (a table's header on a new page) */
} ptags;

typedef struct lctx {
    playout *pl;
    const folio_style *st;
    const folio_render_options *o;
    fdiag *d;
    PangoContext *pc;
    /* the current document */
    folio_doc *doc;
    int doc_index;
    const char *lang;
    int min_heading_level; /* the document's top heading level */
    pnote **notes;         /* every note of the document met so far */
    GHashTable *footnotes; /* definition → its note */
    GHashTable *abbrs;     /* the document's <abbr> printed with their expansion */
    int n_notes, cap_notes;
    bool in_note;          /* shaping a note: links get no note of their own */
    bool measuring;        /* shaping only to measure: no note is numbered, its
                              reference only says how tall it would be */
    const char *text_lang; /* the language of the text laid out: the document's, or a
                              quote's or a div's of another (lang stays the document's:
                              the words folio adds are in it) */
    const fnode *lang_block; /* the block that set text_lang; NULL: the document */
    bool text_rtl;           /* the text laid out reads right to left: text_lang's
                                direction, or a div's dir= */
    struct text_hyphen *hyphen; /* text_lang's dictionary; NULL: none */
    GHashTable *hyphens;        /* language → text_hyphen (or NULL), made once a layout */
    struct text_hyphen_dicts *hyphen_dicts; /* the run's dictionaries, loaded once */
    int src_line;          /* the source line of the block being laid out */
    bool lost;             /* some text found no place (an error was reported) */
    int note_number;       /* notes numbered so far in the document */
    /* geometry */
    double top, bottom;    /* text area on every page */
    double left, width;    /* full text width */
    double x, w;           /* current column (indented by containers) */
    double y;
    double space_before;   /* pending space before the next block */
    ppage *page;
    size_t page_index;
    int hold_pages;        /* >0: earlier pages may still change (playout_pages_final waits) */
    pnote *page_notes, **page_notes_tail;
    double notes_h;        /* height reserved at the foot for page_notes */
    pframe frames[PFRAMES_MAX];
    int n_frames;
    pmarker marker;
    size_t toc_cursor;     /* next entry to be met in the document */
    int next_link_id;
    bool tight;            /* inside a tight list: little space between items */
    /* the heading just placed, moved to the next page with what follows
     * when that does not fit under it */
    pkeep keep;
    int list_depth;
    pfloat fl;             /* a figure waiting for the next page */
    /* a link card is laid out as a detached link node: where the card leads */
    const fnode *card_link;
    const book_link *card_target;
    ptags tags;
    /* page references of internal links: "(voir p. 12)" */
    GHashTable *page_of;   /* destination name → its page in the previous pass; NULL: none */
    GHashTable *placed;    /* destination name → its page so far in this pass */
    GHashTable *page_refs; /* destination name → the page printed for it (0: none yet) */
    /* a wide table on landscape pages of its own: LANDSCAPE while it is
     * laid out, then LANDSCAPE_ENDING until the next block or page, which
     * turns back to portrait */
    enum { PORTRAIT, LANDSCAPE, LANDSCAPE_ENDING } orientation;
    GHashTable *warned_images; /* images among words already said missing (their nodes) */
    double object_max_w;   /* > 0: the widest an image among words may be (a table's cell) */
} lctx;

/* An image among words: an object of the text (a shape attribute, as an
 * inline formula) that lctx_emit_lines places as an image box where its
 * line puts it, tagged a Figure inside the text's element. */
typedef struct pinline {
    pimage *image;
    double w, h;     /* printed size, all of it above the baseline */
    const char *alt; /* its /Alt */
} pinline;

/* inline → shaped text (layout_inline.c) */
typedef enum pfont_role { PF_BODY, PF_HEADING, PF_MONO, PF_SMALL } pfont_role;
PangoFontDescription *lctx_font(const lctx *lc, pfont_role role, double size, bool bold);
/* Lays out inline siblings [first, last] (last NULL: to the end) at width w;
 * TALIGN_JUSTIFY also hyphenates (when the style says so). */
void ptext_inlines(lctx *lc, ptext *t, const fnode *first, const fnode *last, pfont_role role,
                   double size, bool bold, bool italic, frgb color, double w, talign align);
/* Lays out plain text. */
void ptext_plain(lctx *lc, ptext *t, const char *text, pfont_role role, double size, bool bold,
                 bool italic, frgb color, double w, talign align);
/* Lays out the title of a contents entry at the body size, its
 * struck-through words struck as in the heading; at the left, or at the
 * right and right to left (rtl: a book in Arabic, Hebrew…). */
void ptext_entry(lctx *lc, ptext *t, const ptoc_entry *e, bool bold, double w, bool rtl);
/* Lays out a code block: newlines kept, long lines wrapped. */
void ptext_code(lctx *lc, ptext *t, const fcode *code, double w);
/* New width (or alignment, set in t->align first) for laid-out text (table
 * cells): new line breaks, no new shaping. w < 0: no wrapping. */
void ptext_set_width(lctx *lc, ptext *t, double w);
/* Reports text that found no place on a line (an error: never a silent loss). */
void lctx_lost_text(lctx *lc, const ptext *t);
/* The width of the widest line. */
double ptext_width(const ptext *t);
void ptext_free(ptext *t);

/* pagination (paginate.c) */
void lctx_new_page(lctx *lc);
/* Space left above the notes on this page. */
double lctx_room(const lctx *lc);
/* Goes on on a landscape page (this one when still empty): the text
 * area's width and height swap, the margins stay; lctx_end_landscape
 * turns the pages after back to portrait. */
void lctx_landscape(lctx *lc);
void lctx_end_landscape(lctx *lc);
/* Starts a new page unless h fits (or the page is still empty). */
void lctx_ensure(lctx *lc, double h);
/* Applies the pending space before a block (not at a page top). */
void lctx_block_start(lctx *lc);
void lctx_block_end(lctx *lc, double space_after);
/* Places the lines of t with widows and orphans kept to min_lines. */
void lctx_place_text(lctx *lc, const ptext *t, int min_lines);
/* Places lines [from, to) of t with their top at y (no pagination), registering
 * links and notes; returns the height used. */
double lctx_emit_lines(lctx *lc, const ptext *t, int from, int to, double x, double y);
/* The height of all the lines of t. */
double ptext_height(const ptext *t);
/* The same, with the notes its lines would add at this page's foot. */
double lctx_height_with_notes(lctx *lc, const ptext *t);
size_t lctx_add(lctx *lc, const pbox *b);
/* Opens a container: its content indented from the start side by indent
 * (the bar's side: the right in a right-to-left block), from the other by
 * pad when it has a fill. */
void lctx_frame_open(lctx *lc, const frgb *fill, const frgb *bar, double pad, double indent);
/* Narrows the column by indent on the start side (the left, the right in a
 * right-to-left block). */
void lctx_indent(lctx *lc, double indent);
void lctx_frame_close(lctx *lc);
void lctx_dest(lctx *lc, const char *name);
/* Places a pending list marker for a first line whose baseline is at y. */
void lctx_place_marker(lctx *lc, double baseline_y);
/* Finishes the document's last page (its notes). */
void lctx_finish_page(lctx *lc);

/* the structure tree (layout_tags.c) */
/* Opens an element of type t in the open one; blocks then go into it. */
int lctx_open(lctx *lc, pstype t);
/* Closes elem (and what it holds open): its parent is open again. */
void lctx_close(lctx *lc, int elem);
/* The element of t (made from t->tag in the open element when new). */
int lctx_text_elem(lctx *lc, ptext *t);
/* A new leaf of elem for a box about to be painted; 0 (an artifact) when
 * placing what is tagged elsewhere or elem is 0. */
int lctx_leaf(lctx *lc, int elem);
/* The leaf of a box added without one: content kinds get an element from
 * their tag (an image: a Figure), decoration none (0). */
int lctx_box_leaf(lctx *lc, const pbox *b);
/* Whether placing n now is its tagged placement (else it repeats: an artifact). */
bool lctx_note_tagged(const lctx *lc, const pnote *n);
/* The leaf of line i of t (the first when its runs belong to several: a
 * link's text is its Link element's), with the leaf of each run in
 * *run_leaf (arena; NULL when they are all the same) and their count in *n;
 * the leaf of each image of the line, in order, in *figure_leaf (arena;
 * NULL when untagged or it has none). */
int lctx_line_leaves(lctx *lc, const ptext *t, int i, const int **run_leaf, int *n,
                     const int **figure_leaf);
/* The Note element of n, after the element of the text that cites it. */
void lctx_tag_note(lctx *lc, pnote *n, const ptext *from, int ref_offset);
/* The note's number, a link back to its reference, refers to it. */
void lctx_tag_back_link(lctx *lc, const pnote *n);
/* The heading level of a document's title is base + 1, its sections below. */
void lctx_heading_base(lctx *lc, int base);

/* languages (pdf.c) */
/* What lctx_lang_enter changes, to be put back. */
typedef struct plang {
    const char *text_lang;
    const fnode *block;
    struct text_hyphen *hyphen;
    bool rtl;
} plang;
/* Block n's content is in a language of its own (fnode_lang) other than
 * the text's around it: its text is shaped and hyphenated in it (no
 * hyphenation when folio has no patterns for it); and in the direction n
 * sets (fnode_dir: its dir=, else its language's). Returns what to give
 * lctx_lang_leave after it. */
plang lctx_lang_enter(lctx *lc, const fnode *n);
void lctx_lang_leave(lctx *lc, plang was);
/* elem, the element just opened for block n, says n's language (/Lang)
 * when n set one of its own. */
void lctx_tag_lang(lctx *lc, int elem, const fnode *n);
/* Whether the block laid out reads right to left (its language's
 * direction, or the one a div's dir= sets): its text starts at the right,
 * its containers are mirrored (list markers, bars and indents on the right,
 * a table's first column at the right). */
static inline bool lctx_rtl(const lctx *lc) { return lc->text_rtl; }

/* notes (footnotes.c) */
pnote *lctx_footnote(lctx *lc, const fnode *ref);
pnote *lctx_url_note(lctx *lc, const char *url);
void lctx_shape_note(lctx *lc, pnote *n);
/* Shapes a note's text: its number, then its content. */
void ptext_note(lctx *lc, ptext *t, const pnote *n, double w);
double pnote_height(const lctx *lc, const pnote *n);
/* Measuring: the height the note of url (or of the footnote def) would
 * take at the page's foot, without numbering it; 0 when it is printed
 * already or cited from a note. */
double pnote_measure(lctx *lc, const char *url, const fnode *def);
void lctx_place_notes(lctx *lc);

/* blocks (layout_block.c, layout_table.c, layout_image.c) */
/* Space between blocks (less in tight lists); the pitch of a body line. */
double lctx_block_space(const lctx *lc);
double lctx_body_line(const lctx *lc);
/* An indentation that still leaves a third of the text width. */
double lctx_nested_indent(const lctx *lc, double indent);
/* The image n is, or holds alone (a link around it): a block; else NULL. */
const fnode *block_image(const fnode *n);
/* block_image(c) for a child c of a paragraph when it is laid out apart
 * (alone, or too tall to stay among the words); else NULL. */
const fnode *lctx_apart_image(lctx *lc, const fnode *c);
/* The printed height of an image block (and its caption) at width w,
 * without decoding it; a placeholder's when it cannot be had. */
double layout_image_height(lctx *lc, const fimage *img, const fnode *caption, double w);
/* Whether img, written among the words of a paragraph, stays in the line
 * (small enough, see layout_image.c; or said in words there when it
 * cannot be had); else it is laid out apart. */
bool lctx_image_among_words(lctx *lc, const fimage *img);
/* n (an FN_IMAGE) among words, at most max_w wide (width=% is of it);
 * NULL when it cannot be had (warned once: words say it in its place). */
const pinline *lctx_inline_image(lctx *lc, const fnode *n, double max_w);
/* The shape attribute of o (its range, one U+FFFC of a paragraph's text,
 * set by the caller), and the image a run of a line shows (NULL: none). */
PangoAttribute *lctx_inline_attr(const pinline *o);
const pinline *pinline_of_run(const trun *r);
/* A figure's or a table's caption at width w: small, italic, centred. */
void lctx_caption_text(lctx *lc, ptext *t, const fnode *caption, double w);

/* measuring (measure.c) */
/* Callouts and quotes this short are never split across pages. */
#define KEEP_LINES 6
/* The lines of the blocks [first, …) of a container at width w and their
 * height with room for their notes (*h): paragraphs and lists only, at
 * most max lines; -1 otherwise (then it may be split). */
int container_lines(lctx *lc, const fnode *first, double w, int max, double *h);
/* What the start of a container's body needs beside its title: its first
 * two lines (across blocks, into lists and nested callouts), or its image,
 * and the notes they cite. */
double first_block_height(lctx *lc, const fnode *c, double w);
#define COLUMNS_MAX 12
/* The height of a row of columns (FN_COLUMNS) side by side in width w, with
 * the notes they cite, and the columns' widths[COLUMNS_MAX]; -1 when they
 * are not set side by side: fewer than two or more than COLUMNS_MAX, a
 * column that holds what is not measured whole (anything but paragraphs,
 * figures and lists of paragraphs), or a row taller than a page. */
double columns_height(lctx *lc, const fnode *row, double w, double *widths);
/* The space between two columns of a row. */
double columns_gutter(const lctx *lc);
/* What a callout's title takes with the frame's padding. */
double callout_title_height(const lctx *lc);
void layout_blocks(lctx *lc, const fnode *parent);
void layout_block(lctx *lc, const fnode *n);
void layout_table(lctx *lc, const fnode *table);
/* Whether table goes on landscape pages of its own: too wide for this page
 * even in its smallest font (then the paragraphs after it that fit whole
 * fill this page first, as a figure's do). */
bool table_turns(lctx *lc, const fnode *table);
/* The height of a paragraph of text at width w with the notes it cites;
 * -1 for any other block. */
double paragraph_height(lctx *lc, const fnode *c, double w);
/* The waiting figure at the top of the page just begun (lctx_new_page). */
void lctx_place_float(lctx *lc);
/* Starts a new page for the waiting figure, if any (before a heading, a
 * figure, the end of a document: nothing passes it but text). */
void lctx_flush_float(lctx *lc);
/* An image block at the current position (figure or standalone image), at
 * most max_h high (0: most of the page); at is the node that wrote it, for
 * messages (NULL: the front matter's image). */
void layout_image(lctx *lc, const fimage *img, const fnode *at, const fnode *caption,
                  double max_h);

/* front matter, contents, cover, part pages (title_block.c, toc.c) */
void layout_title_block(lctx *lc);
void layout_cover(lctx *lc);
/* The page that opens part p of the book ("2024"). */
void layout_part_page(lctx *lc, size_t p);
/* The book's TOC entries, to be given their pages as the layout goes. */
void toc_collect(playout *pl);
/* The top heading level used in a document (1 for "#", 2 when it starts at "##"). */
int toc_min_level(const fnode *root);
void layout_toc(lctx *lc);
/* The heading n was just placed on the current page. */
void toc_mark(lctx *lc, const fnode *n);
/* The current document's title (or part p's page, p ≥ 0) was just placed. */
void toc_mark_start(lctx *lc, int part);
/* The heading n moved to the current page. */
void toc_remark(lctx *lc, const fnode *n);
/* The named destination of an anchor of chapter doc (NULL: its start). */
const char *pdf_dest_name(const playout *pl, int doc, const char *anchor);
/* A destination at the current position for every anchor the book gives
 * n or the inlines inside it (spans, text-bound headings). */
void lctx_anchor_dests(lctx *lc, const fnode *n);


#endif
