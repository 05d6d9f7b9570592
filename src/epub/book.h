/* The book being built: what every part of the EPUB backend shares. epub.c
 * fills it (chapters, metadata), the writers read it. Strings live in
 * book->arena, which is dropped with the book. */
#ifndef FOLIO_EPUB_BOOK_H
#define FOLIO_EPUB_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "book/book.h"
#include "book/cover.h"
#include "book/resources.h"
#include "book/words.h"
#include "doc/doc.h"
#include "style/style.h"
#include "text/fonts.h"
#include "util/buf.h"
#include "util/diag.h"

/* One packaged file besides the chapters: an image or a font. */
typedef struct epub_item {
    const char *href;       /* relative to the package folder: "images/…png" */
    const char *id;         /* manifest id */
    const char *media_type;
    unsigned char *data;    /* malloc'ed, owned by the item unless borrowed */
    bool borrowed;          /* data is an image's own bytes (the run's resources) */
    size_t len;
    char sha256[65];        /* hex digest of data (deduplication) */
    const char *family;     /* fonts: the family name and face */
    bool bold, italic;
} epub_item;

typedef struct epub_items {
    epub_item *v;
    size_t n, cap;
} epub_items;

/* A chapter as packaged (the book's chapter of the same index holds its
 * anchors and links). */
typedef struct epub_chapter {
    folio_doc *doc;
    const char *file;      /* "issue-01.xhtml" */
    const char *id;        /* manifest id "issue-01" */
    const char *title;     /* never empty */
    bool has_math;         /* holds MathML (manifest property "mathml") */
    buf xhtml;             /* the serialised chapter */
} epub_chapter;

typedef struct epub_book {
    arena *arena;
    const fbook *book;     /* the run's: title, language, dates */
    const folio_render_options *opt;
    const folio_style *style;
    const char *fonts_dir;
    text_fonts *run_fonts; /* the run's bundled fonts (the drawn cover) */
    book_resources *resources; /* the run's images, each loaded once */
    fdiag *diag;
    epub_chapter *chapters;
    size_t n;
    epub_items media;      /* images, in order of first use */
    struct epub_prepared *prepared; /* image conversions made ahead (prepare.h) */
    GHashTable *image_items; /* the run's fimg_bytes (one per content) → its
                                item (epub_image_use), converted once */
    GHashTable *image_digests; /* the run's fimg_bytes → its SHA-256 (hex, in arena) */
    epub_items fonts;      /* with --embed-fonts; the icon fonts used (icons.h) */
    struct hb_set_t *icon_codes[FICON_STYLE_COUNT]; /* the code points of the icons the
                                                       chapters use, by style; NULL: none */
    epub_item cover;       /* the cover image (data NULL: none) */
    book_cover cover_design; /* what the drawn cover shows (the PDF's first page too) */
    const char *cover_alt; /* its words, the cover image's alternative text */
    /* metadata */
    const char *title, *lang, *publisher;
    fstrlist creators, subjects;
    const char *date;      /* "2023-03-20" or NULL */
    int64_t modified;      /* seconds since 1970 */
    int year_first, year_last; /* 0 when no issue has a date */
    char uuid[37];
    bool images_without_alt, has_images;
    /* what the chapters hold that only some books need a style for */
    bool has_code_marks, has_code_filenames, has_definition_lists;
    bool has_rtl; /* a chapter or a passage reads right to left (Arabic, Hebrew…) */
    bool has_keys, has_marks; /* <kbd> or <samp>; <mark> */
} epub_book;

/* Icons (icons.c): epub_icon_put writes icon i into a chapter and notes
 * its code point; epub_icon_fonts then adds the Font Awesome fonts the
 * chapters use, each cut down to their icons; epub_icon_css the rules. */
void epub_icon_put(epub_book *b, buf *o, const ficon *i);
void epub_icon_fonts(epub_book *b);
void epub_icon_css(const epub_book *b, buf *o);

/* Writers, each in its own file. All append to out. */
void epub_css(const epub_book *b, buf *out);
void epub_opf(const epub_book *b, buf *out);
void epub_nav(const epub_book *b, buf *out);
void epub_ncx(const epub_book *b, buf *out);
void epub_cover_xhtml(const epub_book *b, buf *out);
/* Serialises chapter i into b->chapters[i].xhtml; images are registered
 * in b->media on the way. */
void epub_xhtml_chapter(epub_book *b, size_t i);
/* The href of a resolved link written in chapter from. */
const char *epub_href(const epub_book *b, size_t from, const book_link *l);

#endif
