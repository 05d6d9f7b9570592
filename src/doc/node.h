/* The document model: one tree per document, every node and string owned by
 * the document's arena. Shape of cmark's node.h: a type, tree links, the
 * source line, and a union of per-type data. Both backends read this and
 * nothing else; no md4c or libyaml type appears here. */
#ifndef FOLIO_NODE_H
#define FOLIO_NODE_H

#include <stdbool.h>
#include <stddef.h>

/* A div's or a span's writing direction as its author set it (dir="rtl",
 * {dir=rtl}); FDIR_AUTO: none written, its language's or its parent's;
 * FDIR_FIRST_STRONG: dir=auto on a span (and <bdi>), the direction of its
 * first letter, as a browser reads it. */
typedef enum fdir { FDIR_AUTO, FDIR_LTR, FDIR_RTL, FDIR_FIRST_STRONG } fdir;

typedef enum fnode_type {
    /* blocks */
    FN_DOCUMENT,
    FN_HEADING,        /* heading: level, id; children: inlines */
    FN_PARAGRAPH,      /* children: inlines */
    FN_LIST,           /* list: ordered/start/tight; children: FN_ITEM */
    FN_ITEM,           /* item: task state; children: blocks */
    FN_QUOTE,          /* quote: lang; children: blocks */
    FN_CODE_BLOCK,     /* code: lang, literal */
    FN_TABLE,          /* table: columns, aligns, id; children: optional FN_CAPTION first,
                          then FN_TABLE_ROW */
    FN_TABLE_ROW,      /* row: header flag; children: FN_TABLE_CELL */
    FN_TABLE_CELL,     /* children: inlines */
    FN_THEMATIC_BREAK,
    FN_FIGURE,         /* figure: image; children: optional FN_CAPTION */
    FN_CAPTION,        /* children: inlines (caption of a figure or a table, callout title) */
    FN_CALLOUT,        /* callout: kind, collapsed; children: optional FN_CAPTION first, then blocks */
    FN_DETAILS,        /* <details>, {{< spoiler >}}: a disclosure; details: open; children:
                          optional FN_CAPTION first (the <summary>), then blocks */
    FN_COLUMNS,        /* children: FN_COLUMN */
    FN_COLUMN,         /* column: width; children: blocks */
    FN_DIV,            /* generic container (<div>, ::: {.class}); div: id, classes, lang */
    FN_FOOTNOTE_DEF,   /* footnote: label, number; children: blocks */
    FN_LINK_CARD,      /* card: url, title, provider (video, iframe) */
    FN_VSPACE,         /* a lone <br> between blocks: extra vertical space */
    FN_HTML_COMMENT,   /* <!-- … -->: kept in the model, not printed; literal */
    FN_DEF_LIST,       /* pandoc's definition list; children: FN_DEF_TERM, each followed by
                          its FN_DEF_DATA */
    FN_DEF_TERM,       /* children: inlines (blocks when the term was not one paragraph) */
    FN_DEF_DATA,       /* a definition; children: blocks */
    /* inlines */
    FN_TEXT,           /* literal */
    FN_SOFT_BREAK,     /* a newline inside a paragraph */
    FN_LINE_BREAK,     /* hard break, <br> */
    FN_EMPH,
    FN_STRONG,
    FN_STRIKE,
    FN_SUP,
    FN_SUB,
    FN_CODE,           /* literal */
    FN_MATH,           /* math: literal, display */
    FN_LINK,           /* link: url, title; children: inlines */
    FN_IMAGE,          /* image (inline); children: none (alt is in image.alt) */
    FN_FOOTNOTE_REF,   /* footnote: label, number, def */
    FN_ABBR,           /* abbr: title; children: inlines */
    FN_SPAN,           /* <span> or [text]{.class}; div: id, classes, lang; children: inlines */
    FN_ICON,           /* a Font Awesome icon: icon; children: inlines written inside
                          <i class="fa-…"> (usually none) */
    FN_COUNT
} fnode_type;

/* A length as written: width=50% or width=500 (px) or unset. */
typedef enum flen_unit { FLEN_NONE, FLEN_PX, FLEN_PERCENT } flen_unit;
typedef struct flen {
    double value;
    flen_unit unit;
} flen;

typedef enum falign { FALIGN_DEFAULT, FALIGN_LEFT, FALIGN_CENTER, FALIGN_RIGHT } falign;

/* An image reference, shared by FN_IMAGE and FN_FIGURE. */
typedef struct fimage {
    const char *src;   /* as written (relative path or URL) */
    const char *alt;   /* plain text, never NULL ("" when absent) */
    const char *title; /* NULL when absent */
    flen width, height;
    falign align;
    const char *id;    /* {#fig-a}: NULL when none */
} fimage;

/* A Quarto code annotation: the line ended in "# <2>", the marker taken
 * out of the literal; the ordered list after the block holds the notes. */
typedef struct fcode_mark {
    int line;   /* 0-based line of the literal */
    int number; /* the note's number */
} fcode_mark;

/* A code block, held aside as the image is (the union stays at 3 words). */
typedef struct fcode {
    const char *lang;     /* NULL when none; "python" for ```{python} */
    const char *literal;  /* the code, ending with '\n' */
    const char *info;     /* the fence's info string as written; NULL when none */
    const char *filename; /* {.python filename="hello.py"}: NULL when none */
    const fcode_mark *marks; /* code annotations, in line order; NULL when none */
    int n_marks;
    bool executable;      /* a Quarto cell: ```{python}, ```{ojs}… */
} fcode;

/* The Font Awesome font an icon is drawn from (doc/icons.h). */
typedef enum ficon_style { FICON_SOLID, FICON_REGULAR, FICON_BRANDS, FICON_STYLE_COUNT } ficon_style;
typedef struct ficon {
    const char *name; /* as written: "js-square" (the reader's text) */
    unsigned code;    /* its code point in the style's font: 0xf3b9 */
    ficon_style style;
    float size;       /* times the text's size: 1, 2 for size=2x */
} ficon;

typedef enum fcallout_kind {
    FCALLOUT_NOTE,
    FCALLOUT_TIP,
    FCALLOUT_WARNING,
    FCALLOUT_IMPORTANT,
    FCALLOUT_CAUTION,
    FCALLOUT_COUNT
} fcallout_kind;

/* A heading's classes and language, held aside: few headings have any,
 * and the node stays small. */
typedef struct fheading_attrs {
    const char *classes; /* space-separated, NULL when none */
    const char *lang;    /* BCP 47, {lang=en} or <h2 lang="en">: NULL when none */
} fheading_attrs;

/* A long document is mostly paragraphs and their text: the node is kept
 * small (the links first, no padding; the image and the code block, the
 * biggest members, held aside): 80 bytes. */
typedef struct fnode fnode;
struct fnode {
    fnode *parent, *first, *last, *prev, *next;
    fnode_type type : 8;
    fdir dir : 2; /* FN_DIV, FN_SPAN: {dir=rtl} or dir="rtl"; FDIR_AUTO for any other node */
    int line;   /* 1-based source line (0 when synthesised) */
    int col;    /* FN_TEXT: 1-based column of its first character; 0 unknown */
    int file;   /* index in folio_doc.files: 0 = the main source, >0 = an include */
    union {
        const char *literal; /* FN_TEXT, FN_CODE, FN_HTML_COMMENT */
        struct {
            int level;      /* 1..6 */
            const char *id; /* unique slug, never NULL */
            const fheading_attrs *attrs; /* NULL when none */
        } heading;
        struct {
            bool ordered, tight;
            bool annotations; /* the notes of the annotated code block before it */
            int start;      /* first number of an ordered list */
            char delim;     /* '.' or ')' for ordered, '-', '*', '+' for bullets */
        } list;
        struct {
            int task; /* -1 not a task, 0 unchecked, 1 checked */
        } item;
        fcode *code; /* FN_CODE_BLOCK: made with the node, never NULL */
        struct {
            falign *aligns;  /* columns entries */
            const char *id;  /* ": Caption {#tbl-a}": NULL when none */
            int columns;
            int header_rows; /* leading rows that are header rows */
        } table;
        struct {
            bool header;
        } row;
        fimage *image; /* FN_IMAGE, FN_FIGURE: made with the node, never NULL */
        struct {
            fcallout_kind kind;
            bool collapsed; /* collapse="true": shown expanded in print */
            const char *lang; /* as div.lang */
        } callout;
        struct {
            bool open; /* <details open>: shown unfolded on screen */
            const char *lang; /* as div.lang */
        } details;
        struct {
            flen width;
        } column;
        struct {
            const char *id;      /* NULL when none */
            const char *classes; /* space-separated, NULL when none */
            const char *lang;    /* BCP 47, {lang=en} or lang="en": NULL when none */
        } div; /* FN_DIV, FN_SPAN */
        struct {
            const char *lang; /* as div.lang, or guessed from its text */
        } quote;
        struct {
            const char *label; /* as written: "1", "note" */
            int number;        /* 1-based order of first reference (0: never referenced) */
            fnode *def;        /* FN_FOOTNOTE_REF: its definition, NULL if undefined */
        } footnote;
        struct {
            const char *url;
            const char *title;    /* NULL when none */
            const char *provider; /* "youtube", "video", "iframe" */
        } card;
        struct {
            const char *literal;
            bool display; /* $$…$$ */
            const struct mnode *tree; /* the parsed TeX (math/mtree.h); NULL when
                                         it could not be read: shown as source */
        } math;
        struct {
            const char *url;
            const char *title; /* NULL when none */
            bool labelled;     /* a cross-reference or a citation: its words
                                  say where it leads ("Figure 1", "Dupont 2021") */
        } link;
        struct {
            const char *title;
        } abbr;
        ficon icon;
    } as;
};

static inline bool fnode_is_block(const fnode *n) { return n->type < FN_TEXT; }
static inline bool fnode_is_inline(const fnode *n) { return n->type >= FN_TEXT; }

/* The language a node says its content is in (a div, a span, a quote, a
 * callout, a disclosure or a heading with one; BCP 47), or NULL: its
 * parent's then. */
static inline const char *fnode_lang(const fnode *n)
{
    switch (n->type) {
    case FN_DIV:
    case FN_SPAN: return n->as.div.lang;
    case FN_QUOTE: return n->as.quote.lang;
    case FN_CALLOUT: return n->as.callout.lang;
    case FN_DETAILS: return n->as.details.lang;
    case FN_HEADING: return n->as.heading.attrs ? n->as.heading.attrs->lang : NULL;
    default: return NULL;
    }
}

/* A heading's classes, NULL when none. */
static inline const char *fnode_heading_classes(const fnode *n)
{
    return n->as.heading.attrs ? n->as.heading.attrs->classes : NULL;
}

/* Name of a type for dumps ("heading", "paragraph", …). */
const char *fnode_type_name(fnode_type t);
/* Name of a callout kind ("note", "tip", …). */
const char *fcallout_kind_name(fcallout_kind k);

#endif
