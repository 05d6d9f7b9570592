/* Inline model nodes → one paragraph of the text engine: the text, a
 * PangoAttrList for emphasis, code, links and superscripts, the ranges
 * that may be hyphenated, and the byte ranges of links and note references
 * so that pagination can place link rectangles and notes. */
#include <stdlib.h>
#include <string.h>

#include "doc/tree.h"
#include "doc/attrs.h"
#include "engine.h"
#include "run_text.h"
#include "formula.h"
#include "icons.h"
#include "util/iri.h"
#include "util/lang.h"
#include "util/oom.h"

typedef struct ibuild {
    lctx *lc;
    buf text;
    PangoAttrList *attrs;
    plink *links;
    int n_links, cap_links;
    pmissing *missing;
    int n_missing;
    size_t cap_missing;
    pref *refs;
    int n_refs, cap_refs;
    pspan *spans;
    int n_spans;
    size_t cap_spans;
    double size;
    double width;    /* the measure (< 0: not known yet, a table's cell) */
    const char *lang; /* the text's language (a span may say another for its part) */
    bool rtl;        /* set right to left (tpara_input.rtl) */
    bool hyphenate;  /* justified body text: words may be hyphenated */
    int *hyph;       /* pairs [start, end) of text nodes to hyphenate */
    int n_hyph, cap_hyph;
    int *keep;       /* pairs [start, end) no line break cuts: keys */
    int n_keep;
    size_t cap_keep;
    size_t space_end; /* text.len after the last space put_spaced wrote, and the
                         characters left out after it: a space there is one more */
} ibuild;

PangoFontDescription *lctx_font(const lctx *lc, pfont_role role, double size, bool bold)
{
    const folio_style *st = lc->st;
    const char *family = role == PF_HEADING ? st->font_heading
                         : role == PF_MONO  ? st->font_mono
                                            : st->font_body;
    char families[256];
    /* the emoji face as a fallback family keeps emoji in colour */
    snprintf(families, sizeof families, "%s,%s", family ? family : "serif",
             st->font_emoji ? st->font_emoji : "emoji");
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, families);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    return fd;
}

static void attr_from(ibuild *b, PangoAttribute *a, size_t start)
{
    a->start_index = (guint)start;
    a->end_index = (guint)b->text.len;
    pango_attr_list_insert(b->attrs, a);
}

/* Code keeps its characters: no ligature or contextual substitution
 * (JetBrains Mono would join "->" or "==" into one glyph). */
static PangoAttribute *attr_code_features(void)
{
    return pango_attr_font_features_new("liga 0, clig 0, calt 0, dlig 0");
}

static PangoAttribute *attr_color(frgb c)
{
    return pango_attr_foreground_new((guint16)(c.r * 65535), (guint16)(c.g * 65535),
                                     (guint16)(c.b * 65535));
}

/* Text as Pango wants it: newlines and tabs become spaces. */
static void put_raw(ibuild *b, const char *s)
{
    for (; *s; s++)
        buf_putc(&b->text, *s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s);
}

/* A URL printed for reading: its non-ASCII letters decoded (the link
 * keeps the encoded form). */
static void put_url(ibuild *b, const char *url)
{
    char *shown = iri_for_reading(url);
    put_raw(b, shown);
    free(shown);
}

/* Words as a browser shows them: a run of spaces and newlines is one
 * space ("participants.  Le", "en  " before a line end), as in the EPUB.
 * A character no font draws is left out at shaping (text/shape_cache.c):
 * the run goes on through it, so "a  b" and "a <U+E001> b" print alike. */
static void put_spaced(ibuild *b, const char *s)
{
    while (*s) {
        /* outside a run of spaces, all up to the next space goes as it is
         * (what the loop below does character by character) */
        if (!(b->text.len && b->text.len == b->space_end) && !strchr(" \n\t\r", *s)) {
            size_t n = strcspn(s, " \n\t\r");
            buf_append(&b->text, s, n);
            s += n;
            continue;
        }
        const char *next = s + 1;
        while ((*next & 0xc0) == 0x80) /* never past the end, even in bad UTF-8 */
            next++;
        gunichar c = (unsigned char)*s < 0x80 ? (unsigned char)*s
                                               : g_utf8_get_char_validated(s, next - s);
        bool in_run = b->text.len && b->text.len == b->space_end;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!in_run) {
                buf_putc(&b->text, ' ');
                b->space_end = b->text.len;
            }
        } else {
            buf_append(&b->text, s, (size_t)(next - s));
            if (in_run && c < 0x110000 && !g_unichar_isspace(c) &&
                !text_fonts_has_char(b->lc->pl->fonts, c))
                b->space_end = b->text.len;
        }
        s = next;
    }
}

/* Text nodes may be hyphenated (each on its own: a node's start counts
 * as a sentence start for the capitalised-name rule). */
static void put_text(ibuild *b, const char *s)
{
    size_t start = b->text.len;
    put_spaced(b, s);
    if (!b->hyphenate || b->text.len == start)
        return;
    if (b->n_hyph == b->cap_hyph) {
        b->cap_hyph = b->cap_hyph ? 2 * b->cap_hyph : 8;
        b->hyph = realloc(b->hyph, (size_t)b->cap_hyph * 2 * sizeof *b->hyph);
        if (!b->hyph)
            abort();
    }
    b->hyph[2 * b->n_hyph] = (int)start;
    b->hyph[2 * b->n_hyph + 1] = (int)b->text.len;
    b->n_hyph++;
}

/* A superscript mark such as a note number. */
static void put_mark(ibuild *b, const char *mark)
{
    size_t start = b->text.len;
    buf_puts(&b->text, mark);
    attr_from(b, pango_attr_size_new_absolute((int)(b->size * 0.65 * PANGO_SCALE)), start);
    attr_from(b, pango_attr_rise_new((int)(b->size * 0.38 * PANGO_SCALE)), start);
    attr_from(b, pdf_note_mark_attr_new(), start);
}

/* An object among words (a formula, an image): one unbreakable U+FFFC
 * under box, the shape attribute of its size, glued to the characters
 * around it by word joiners so punctuation never starts a line after it. */
static void put_object(ibuild *b, PangoAttribute *box)
{
    if (b->text.len && b->text.data[b->text.len - 1] != ' ')
        buf_puts(&b->text, "\xe2\x81\xa0"); /* U+2060 word joiner */
    box->start_index = (guint)b->text.len;
    buf_puts(&b->text, "\xef\xbf\xbc");
    box->end_index = (guint)b->text.len;
    pango_attr_list_insert(b->attrs, box);
    buf_puts(&b->text, "\xe2\x81\xa0");
}

static bool put_formula(ibuild *b, const fnode *n)
{
    lctx *lc = b->lc;
    const pmath *f = lc->doc ? pdf_math_get(lc->pl->math, lc->doc, n, b->size, false, lc->d) : NULL;
    if (!f)
        return false;
    put_object(b, pdf_math_attr(f));
    return true;
}

static void inline_children(ibuild *b, const fnode *n);

/* An icon among words, in the text's size and colour; one whose font
 * cannot be read is printed by its name (warned). */
static void put_icon(ibuild *b, const fnode *n)
{
    lctx *lc = b->lc;
    const picon *i = lc->doc ? pdf_icon_get(lc->pl->icons, lc->doc, n, b->size, lc->d) : NULL;
    if (i)
        put_object(b, pdf_icon_attr(i));
    else
        put_text(b, n->as.icon.name);
    inline_children(b, n);
}

/* An image among words, drawn in the line; one that cannot be had is
 * said in its place, as a block image's placeholder says it. */
static void put_image(ibuild *b, const fnode *n)
{
    lctx *lc = b->lc;
    double max_w = b->width > 0 ? b->width : lc->w;
    if (lc->object_max_w > 0 && lc->object_max_w < max_w)
        max_w = lc->object_max_w;
    const pinline *o = lc->doc ? lctx_inline_image(lc, n, max_w) : NULL;
    if (o) {
        put_object(b, lctx_inline_attr(o));
        return;
    }
    const fimage *img = n->as.image;
    size_t start = b->text.len;
    buf_printf(&b->text, "[%s]", book_word(lc->lang, W_IMAGE_MISSING));
    if (img->alt[0]) {
        buf_putc(&b->text, ' ');
        put_text(b, img->alt);
    }
    buf_puts(&b->text, " (");
    put_url(b, img->src ? img->src : "");
    buf_putc(&b->text, ')');
    attr_from(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
    attr_from(b, attr_color(lc->st->color_muted), start);
    b->missing = oom_grow(b->missing, &b->cap_missing, (size_t)b->n_missing + 1,
                          sizeof *b->missing, 2);
    b->missing[b->n_missing++] = (pmissing){
        .start = (int)start, .end = (int)b->text.len,
        .alt = arena_strndup(lc->pl->arena, b->text.data + start, b->text.len - start)};
}

static void add_link(ibuild *b, size_t start, const char *target, bool internal)
{
    if (b->n_links == b->cap_links) {
        b->cap_links = b->cap_links ? 2 * b->cap_links : 4;
        b->links = realloc(b->links, (size_t)b->cap_links * sizeof *b->links);
        if (!b->links)
            abort();
    }
    b->links[b->n_links++] = (plink){(int)start, (int)b->text.len, target, internal};
}

static void add_ref(ibuild *b, size_t offset, pnote *note)
{
    if (b->n_refs == b->cap_refs) {
        b->cap_refs = b->cap_refs ? 2 * b->cap_refs : 4;
        b->refs = realloc(b->refs, (size_t)b->cap_refs * sizeof *b->refs);
        if (!b->refs)
            abort();
    }
    b->refs[b->n_refs++] = (pref){(int)offset, note, 0};
}

/* Measuring: a reference that numbers nothing, with its note's height. */
static void add_measured_ref(ibuild *b, const char *url, const fnode *def, const char *mark)
{
    add_ref(b, b->text.len, NULL);
    b->refs[b->n_refs - 1].h = pnote_measure(b->lc, url, def);
    put_mark(b, mark);
}

static void inline_node(ibuild *b, const fnode *n);
static void span_styles(ibuild *b, const fnode *n, size_t start);

static void inline_children(ibuild *b, const fnode *n)
{
    for (const fnode *c = n->first; c; c = c->next)
        inline_node(b, c);
}

/* On paper an internal link says where it leads: " (voir p. 12)", unless
 * its words already do (a cross-reference, a citation). The
 * page is the one of the previous pass (pdf.c lays out again until every
 * printed page is right), or of this pass for what is already placed; a
 * destination not placed yet gets a number as wide as most. */
static void put_page_ref(ibuild *b, const char *dest)
{
    lctx *lc = b->lc;
    gpointer page = NULL;
    bool known = lc->page_of ? g_hash_table_lookup_extended(lc->page_of, dest, NULL, &page)
                             : g_hash_table_lookup_extended(lc->placed, dest, NULL, &page);
    if (!known && lc->page_of)
        return; /* a destination that no page holds */
    size_t printed = known ? GPOINTER_TO_SIZE(page) : 10;
    g_hash_table_insert(lc->page_refs, (gpointer)dest, GSIZE_TO_POINTER(known ? printed : 0));
    size_t s = b->text.len;
    char number[24];
    snprintf(number, sizeof number, "%zu", printed);
    buf_puts(&b->text, " (");
    book_word_fill(lc->lang, W_SEE_PAGE, number, &b->text);
    buf_putc(&b->text, ')');
    attr_from(b, attr_color(lc->st->color_muted), s);
}

/* "[voir ](u)": the space the link's words end in is taken out of them,
 * as pandoc reads it ("voir" is the link), to go after what the link adds
 * on paper: "voir¹ la suite", "voir (https://x.org) la", never two spaces.
 * The words' attributes and hyphenation end before it. */
static bool take_trailing_space(ibuild *b, size_t start)
{
    size_t at = b->text.len - 1;
    if (b->text.len <= start || b->text.len != b->space_end || b->text.data[at] != ' ')
        return false;
    b->text.data[at] = '\0';
    b->text.len = at;
    b->space_end = 0; /* no run open: the space comes back with put_spaced */
    pango_attr_list_update(b->attrs, (int)at, 1, 0);
    for (int i = 0; i < b->n_hyph; i++)
        if (b->hyph[2 * i + 1] > (int)at)
            b->hyph[2 * i + 1] = (int)at;
    return true;
}

/* The link's target on its words text[start..]: its colour, its
 * annotation, and on paper where it leads. */
static void link_target(ibuild *b, const fnode *n, size_t start)
{
    lctx *lc = b->lc;
    const char *url = n->as.link.url ? n->as.link.url : "";
    if (b->text.len == start)
        put_url(b, url);
    attr_from(b, attr_color(lc->st->color_link), start);
    /* where it leads, as the book resolved it for both outputs */
    const book_link *l = n == lc->card_link ? lc->card_target : book_link_of(lc->pl->book, n);
    if (!l)
        return; /* cannot be followed: its text stays (the book warned) */
    if (l->kind == BOOK_LINK_INTERNAL) {
        const char *dest = pdf_dest_name(lc->pl, (int)l->chapter, l->anchor);
        add_link(b, start, dest, true);
        /* a figure's number or an author and year are found without one */
        if (!lc->in_note && !n->as.link.labelled)
            put_page_ref(b, dest);
        return;
    }
    add_link(b, start, l->href, false);
    if (!strchr(url, ':'))
        url = l->href; /* "//host/x" */
    /* on paper a URL must be readable: as a note, or after the text */
    const char *shown = b->text.data + start;
    size_t shown_len = b->text.len - start;
    const char *bare = strchr(url, ':') + 1;
    while (*bare == '/')
        bare++;
    bool self = (shown_len == strlen(url) && memcmp(shown, url, shown_len) == 0) ||
                (shown_len == strlen(bare) && memcmp(shown, bare, shown_len) == 0);
    if (self)
        return;
    /* a note has no notes of its own: its URLs follow their text */
    bool as_note = !lc->in_note && (lc->st->links == FLINKS_FOOTNOTES || lc->st->links == FLINKS_QR);
    if (as_note && lc->measuring) {
        add_measured_ref(b, url, NULL, "00"); /* about as wide as the number will be */
    } else if (as_note) {
        pnote *note = lctx_url_note(lc, url);
        char mark[16];
        snprintf(mark, sizeof mark, "%d", note->number);
        add_ref(b, b->text.len, note);
        put_mark(b, mark);
    } else if (lc->st->links != FLINKS_NONE) {
        size_t s = b->text.len;
        buf_puts(&b->text, " (");
        put_url(b, url);
        buf_puts(&b->text, ")");
        attr_from(b, attr_color(lc->st->color_muted), s);
    }
}

static void inline_link(ibuild *b, const fnode *n)
{
    size_t start = b->text.len;
    inline_children(b, n);
    bool spaced = take_trailing_space(b, start);
    link_target(b, n, start);
    if (spaced)
        put_spaced(b, " ");
}

/* <small>: as browsers' "smaller" (13.3 px for 16). */
#define SMALLER 0.83

/* An attribute of an outer node: one that an inner node sets too (the size
 * of code inside <small>) stays the inner one's. */
static void attr_under(ibuild *b, PangoAttribute *a, size_t start)
{
    a->start_index = (guint)start;
    a->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, a);
}

static PangoAttribute *attr_background(frgb c)
{
    return pango_attr_background_new((guint16)(c.r * 65535), (guint16)(c.g * 65535),
                                     (guint16)(c.b * 65535));
}

/* The code's monospaced face and size (code, keys, a program's output). */
static void attr_mono(ibuild *b, size_t start)
{
    const folio_style *st = b->lc->st;
    attr_under(b, pango_attr_family_new(st->font_mono), start);
    attr_under(b, attr_code_features(), start);
    attr_under(b, pango_attr_size_new_absolute((int)(b->size * st->size_code / st->size_body *
                                                     PANGO_SCALE)),
               start);
}

/* The styles a span's classes ask for, as a browser shows the HTML tags
 * they stand for: pandoc's [words]{.smallcaps} in the fonts' own small
 * capitals, .underline (<u>, <ins>), .mark (<mark>) on a highlighter's
 * yellow, .kbd (<kbd>) a key cap (monospaced, in a frame the painter
 * draws), .samp (<samp>) monospaced, .small (<small>) in b->size, which
 * the span's children were laid out in. */
static void span_styles(ibuild *b, const fnode *n, size_t start)
{
    const folio_style *st = b->lc->st;
    if (fnode_span_has(n, "smallcaps"))
        attr_from(b, pango_attr_variant_new(PANGO_VARIANT_SMALL_CAPS), start);
    if (fnode_span_has(n, "underline"))
        attr_under(b, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start);
    if (fnode_span_has(n, "mark"))
        attr_under(b, attr_background(st->mark_background), start);
    if (fnode_span_has(n, "samp"))
        attr_mono(b, start);
    if (fnode_span_has(n, "kbd")) {
        attr_mono(b, start);
        if (!fnode_span_below(n, "kbd")) { /* <kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd>: the inner keys */
            attr_under(b, attr_background(st->code_background), start);
            attr_under(b, pdf_key_attr_new(), start);
        }
    }
    if (fnode_span_has(n, "small")) /* b->size is the smaller one (FN_SPAN) */
        attr_under(b, pango_attr_size_new_absolute((int)(b->size * PANGO_SCALE)), start);
}

/* An invisible bidi control among the words: a space run it follows is
 * still open (the span's own leading space is the same one). */
static void put_bidi(ibuild *b, const char *control)
{
    bool in_run = b->text.len && b->text.len == b->space_end;
    buf_puts(&b->text, control);
    if (in_run)
        b->space_end = b->text.len;
}

/* A span with a direction of its own, as the EPUB writes it (its dir=, a
 * <bdi>, or a language read the other way: fnode_dir_written) is laid out
 * as a browser does <span dir="rtl">: a bidi isolate, RLI, LRI or FSI
 * (dir=auto) before its words and PDI after, so its words are ordered
 * among themselves and the paragraph's around it as one neutral character
 * ("שלום, עולם!" keeps its "!" at its left in French); a <bdo> also
 * overrides its letters' own directions. Returns what closes it, NULL when
 * nothing opened. */
static const char *put_isolate(ibuild *b, const fnode *n)
{
    static const char *const opens[] = {
        [FDIR_LTR] = "\xe2\x81\xa6", [FDIR_RTL] = "\xe2\x81\xa7", /* LRI, RLI */
        [FDIR_FIRST_STRONG] = "\xe2\x81\xa8"}; /* FSI */
    fdir dir = fnode_dir_written(n, b->lc->lang);
    if (dir == FDIR_AUTO)
        return NULL;
    put_bidi(b, opens[dir]);
    if (!fnode_bidi_override(n))
        return "\xe2\x81\xa9"; /* PDI */
    put_bidi(b, dir == FDIR_RTL ? "\xe2\x80\xae" : "\xe2\x80\xad"); /* RLO, LRO */
    return "\xe2\x80\xac\xe2\x81\xa9"; /* PDF, PDI */
}

static void inline_node(ibuild *b, const fnode *n)
{
    size_t start = b->text.len;
    switch (n->type) {
    case FN_TEXT:
        put_text(b, n->as.literal);
        break;
    case FN_SOFT_BREAK:
        put_spaced(b, " ");
        break;
    case FN_LINE_BREAK:
        buf_puts(&b->text, "\xe2\x80\xa8"); /* U+2028: a line break inside the paragraph */
        break;
    case FN_EMPH:
        inline_children(b, n);
        attr_from(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
        break;
    case FN_STRONG:
        inline_children(b, n);
        attr_from(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
        break;
    case FN_STRIKE:
        inline_children(b, n);
        attr_from(b, pango_attr_strikethrough_new(TRUE), start);
        break;
    case FN_SUP:
    case FN_SUB:
        inline_children(b, n);
        attr_from(b, pango_attr_size_new_absolute((int)(b->size * 0.7 * PANGO_SCALE)), start);
        attr_from(b, pango_attr_rise_new((int)(b->size * (n->type == FN_SUP ? 0.35 : -0.15) *
                                               PANGO_SCALE)),
                  start);
        break;
    case FN_MATH:
        if (put_formula(b, n))
            break;
        /* TeX that cannot be typeset is shown as code */
        __attribute__((fallthrough));
    case FN_CODE: {
        put_raw(b, n->type == FN_CODE ? n->as.literal : n->as.math.literal);
        const folio_style *st = b->lc->st;
        attr_from(b, pango_attr_family_new(st->font_mono), start);
        attr_from(b, attr_code_features(), start);
        attr_from(b,
                  pango_attr_size_new_absolute(
                      (int)(b->size * st->size_code / st->size_body * PANGO_SCALE)),
                  start);
        frgb bg = st->code_background;
        attr_from(b,
                  pango_attr_background_new((guint16)(bg.r * 65535), (guint16)(bg.g * 65535),
                                            (guint16)(bg.b * 65535)),
                  start);
        break;
    }
    case FN_LINK:
        inline_link(b, n);
        break;
    case FN_IMAGE:
        put_image(b, n);
        break;
    case FN_ICON:
        put_icon(b, n);
        break;
    case FN_FOOTNOTE_REF: {
        if (b->lc->measuring) {
            add_measured_ref(b, NULL, n->as.footnote.def, "0");
            break;
        }
        pnote *note = lctx_footnote(b->lc, n);
        if (!note) {
            buf_printf(&b->text, "[^%s]", n->as.footnote.label);
            break;
        }
        char mark[16];
        snprintf(mark, sizeof mark, "%d", note->number);
        add_ref(b, start, note);
        put_mark(b, mark);
        add_link(b, start, note->dest, true);
        break;
    }
    case FN_SPAN: {
        double size = b->size;
        bool hyphenate = b->hyphenate, key = fnode_span_has(n, "kbd");
        if (fnode_span_has(n, "small"))
            b->size *= SMALLER; /* what it holds too (code, a note's mark) */
        if (key || fnode_span_has(n, "samp"))
            b->hyphenate = false; /* keys and a program's output as typed */
        const char *isolated = put_isolate(b, n);
        if (n->as.div.lang && !lang_same(n->as.div.lang, b->lang)) {
            /* words of another language: shaped in it, and not cut by the
             * paragraph's patterns (a span has no hyphenator of its own) */
            const char *lang = b->lang;
            bool hyphenate = b->hyphenate;
            b->lang = n->as.div.lang;
            b->hyphenate = false;
            inline_children(b, n);
            b->lang = lang;
            b->hyphenate = hyphenate;
            attr_from(b, pango_attr_language_new(pango_language_from_string(n->as.div.lang)),
                      start);
            b->spans = oom_grow(b->spans, &b->cap_spans, (size_t)b->n_spans + 1,
                                sizeof *b->spans, 4);
            b->spans[b->n_spans++] = (pspan){(int)start, (int)b->text.len, n->as.div.lang, 0};
        } else {
            inline_children(b, n);
        }
        if (isolated)
            put_bidi(b, isolated);
        span_styles(b, n, start);
        b->size = size;
        b->hyphenate = hyphenate;
        if (key) { /* Shift-Command-P: one key, one line */
            b->keep = oom_grow(b->keep, &b->cap_keep, 2 * ((size_t)b->n_keep + 1),
                               sizeof *b->keep, 2);
            b->keep[2 * b->n_keep] = (int)start;
            b->keep[2 * b->n_keep++ + 1] = (int)b->text.len;
        }
        break;
    }
    case FN_ABBR:
        inline_children(b, n);
        if (b->lc->abbrs && g_hash_table_contains(b->lc->abbrs, n)) { /* its first use */
            put_spaced(b, " (");
            put_text(b, n->as.abbr.title);
            put_spaced(b, ")");
        }
        break;
    default:
        inline_children(b, n);
        break;
    }
}

static int link_order(const void *a, const void *b)
{
    const plink *x = a, *y = b;
    return x->start != y->start ? (x->start > y->start) - (x->start < y->start)
                                : (x->end < y->end) - (x->end > y->end);
}

static int span_order(const void *a, const void *b)
{
    const pspan *x = a, *y = b;
    return x->start != y->start ? (x->start > y->start) - (x->start < y->start)
                                : (x->end < y->end) - (x->end > y->end);
}

static int ref_order(const void *a, const void *b)
{
    const pref *x = a, *y = b;
    return (x->offset > y->offset) - (x->offset < y->offset);
}

static void ptext_finish(lctx *lc, ptext *t, ibuild *b, pfont_role role, double size, bool bold,
                         bool italic, frgb color, double w, talign align, bool code,
                         float spacing)
{
    /* the base colour and font go before inner ones (links, code) so they win */
    PangoAttribute *base = attr_color(color);
    base->start_index = 0;
    base->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, base);
    PangoFontDescription *fd = lctx_font(lc, role, size, bold);
    if (italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    PangoAttribute *font = pango_attr_font_desc_new(fd);
    font->start_index = 0;
    font->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, font);
    PangoLanguage *lang = pango_language_from_string(b->lang);
    PangoAttribute *la = pango_attr_language_new(lang);
    la->start_index = 0;
    la->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, la);
    tpara_input in = {.context = lc->pc, .cache = lc->pl->shapes, .text = buf_cstr(&b->text),
                      .len = (int)b->text.len, .attrs = b->attrs, .font = fd, .lang = lang,
                      .hyphen = b->hyphenate ? lc->hyphen : NULL, .hyphenate = b->hyph,
                      .n_hyphenate = b->n_hyph, .keep = b->keep, .n_keep = b->n_keep,
                      .code = code, .line_spacing = spacing, .rtl = b->rtl};
    t->para = tpara_new(&in);
    if (!t->para) { /* not UTF-8: the builder validates, so only a bug gets here */
        in.text = "";
        in.len = 0;
        t->para = tpara_new(&in);
    }
    pango_font_description_free(fd);
    pango_attr_list_unref(b->attrs);
    free(b->hyph);
    free(b->keep);
    /* sorted, for the lookups of each line (a note inside a link's text
     * is added before the link) */
    if (b->n_links > 1)
        qsort(b->links, (size_t)b->n_links, sizeof *b->links, link_order);
    if (b->n_refs > 1)
        qsort(b->refs, (size_t)b->n_refs, sizeof *b->refs, ref_order);
    if (b->n_spans > 1) /* (an inner span ends first: added first) */
        qsort(b->spans, (size_t)b->n_spans, sizeof *b->spans, span_order);
    t->links = b->links;
    t->n_links = b->n_links;
    t->refs = b->refs;
    t->n_refs = b->n_refs;
    t->missing = b->missing;
    t->n_missing = b->n_missing;
    t->spans = b->spans;
    t->n_spans = b->n_spans;
    t->align = align;
    buf_free(&b->text);
    ptext_set_width(lc, t, w);
}

void ptext_inlines(lctx *lc, ptext *t, const fnode *first, const fnode *last, pfont_role role,
                   double size, bool bold, bool italic, frgb color, double w, talign align)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = size, .width = w,
                .lang = lc->text_lang, .hyphenate = align == TALIGN_JUSTIFY && lc->hyphen,
                .rtl = lctx_rtl(lc)};
    for (const fnode *n = first; n; n = n->next) {
        inline_node(&b, n);
        if (n == last)
            break;
    }
    ptext_finish(lc, t, &b, role, size, bold, italic, color, w, align, false,
                 (float)lc->st->line_height);
}

void ptext_plain(lctx *lc, ptext *t, const char *text, pfont_role role, double size, bool bold,
                 bool italic, frgb color, double w, talign align)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = size, .lang = lc->lang,
                .rtl = lctx_rtl(lc)};
    put_text(&b, text);
    ptext_finish(lc, t, &b, role, size, bold, italic, color, w, align, false,
                 (float)lc->st->line_height);
}

void ptext_entry(lctx *lc, ptext *t, const ptoc_entry *e, bool bold, double w, bool rtl)
{
    const folio_style *st = lc->st;
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = st->size_body, .rtl = rtl};
    const char *title = e->title;
    int from = 0;
    for (int i = 0; i < e->n_struck; i++) {
        int start = e->struck[2 * i], end = e->struck[2 * i + 1];
        char *plain = g_strndup(title + from, (gsize)(start - from));
        put_text(&b, plain);
        g_free(plain);
        size_t at = b.text.len;
        char *struck = g_strndup(title + start, (gsize)(end - start));
        put_text(&b, struck);
        g_free(struck);
        attr_from(&b, pango_attr_strikethrough_new(TRUE), at);
        from = end;
    }
    put_text(&b, title + from);
    ptext_finish(lc, t, &b, PF_BODY, st->size_body, bold, false, st->color_text, w,
                 rtl ? TALIGN_RIGHT : TALIGN_LEFT, false, (float)st->line_height);
}

void ptext_free(ptext *t)
{
    tpara_unref(t->para);
    free(t->links);
    free(t->refs);
    free(t->missing);
    free(t->spans);
    memset(t, 0, sizeof *t);
}

/* A code annotation's number at the end of its line, as Quarto's circled
 * one: white on grey, kept on the line's last word (the bundled fonts have
 * no circled digit). */
static void put_code_mark(ibuild *b, const folio_style *st, int number)
{
    buf_puts(&b->text, "\xc2\xa0");
    size_t start = b->text.len;
    buf_printf(&b->text, "\xc2\xa0%d\xc2\xa0", number);
    frgb bg = st->color_muted;
    attr_from(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
    attr_from(b, attr_color((frgb){1, 1, 1}), start);
    attr_from(b, pango_attr_background_new((guint16)(bg.r * 65535), (guint16)(bg.g * 65535),
                                           (guint16)(bg.b * 65535)),
              start);
}

void ptext_code(lctx *lc, ptext *t, const fcode *c, double w)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = lc->st->size_code,
                .lang = lc->text_lang};
    const char *code = c->literal ? c->literal : "";
    size_t len = strlen(code);
    while (len && code[len - 1] == '\n')
        len--;
    int line = 0, mark = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || code[i] == '\n') {
            while (mark < c->n_marks && c->marks[mark].line < line)
                mark++;
            for (; mark < c->n_marks && c->marks[mark].line == line; mark++)
                put_code_mark(&b, lc->st, c->marks[mark].number);
            line++;
        }
        if (i == len)
            break;
        if (code[i] == '\t')
            buf_puts(&b.text, "    ");
        else if (code[i] != '\r')
            buf_putc(&b.text, code[i]);
    }
    attr_from(&b, attr_code_features(), 0);
    /* long lines wrap rather than overflow the box */
    ptext_finish(lc, t, &b, PF_MONO, lc->st->size_code, false, false, lc->st->color_text, w,
                 TALIGN_LEFT, true, 1.15f);
}

/* Every inline run of a note's blocks, one line each. */
static void note_blocks(ibuild *b, const fnode *n)
{
    for (const fnode *c = n->first; c; c = c->next) {
        if (fnode_is_inline(c)) {
            inline_node(b, c);
            continue;
        }
        if (c->type == FN_CODE_BLOCK) {
            put_raw(b, c->as.code->literal);
            continue;
        }
        if (c != n->first && b->text.len)
            buf_puts(&b->text, "\xe2\x80\xa8");
        size_t start = b->text.len;
        note_blocks(b, c);
        if (c->type == FN_DEF_TERM) /* in bold, as out of a note */
            attr_from(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
    }
}

void ptext_note(lctx *lc, ptext *t, const pnote *n, double w)
{
    const folio_style *st = lc->st;
    /* a note is in its definition's language, wherever it is cited */
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = st->size_small, .width = w,
                .lang = n->def ? fnode_lang_around(n->def, lc->lang) : lc->lang};
    b.rtl = lang_is_rtl(b.lang);
    buf_printf(&b.text, "%d.\xc2\xa0", n->number);
    attr_from(&b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0);
    if (n->back) /* the number leads back to the reference */
        add_link(&b, 0, n->back, true);
    lc->in_note = true;
    if (n->def)
        note_blocks(&b, n->def);
    else
        put_url(&b, n->url); /* for paper: the link itself is in the text */
    lc->in_note = false;
    ptext_finish(lc, t, &b, PF_SMALL, st->size_small, false, false, st->color_text, w,
                 TALIGN_START, false, 1.15f);
    t->tag = PT_NOTE;
}

void ptext_set_width(lctx *lc, ptext *t, double w)
{
    t->width = w;
    if (!tpara_layout(t->para, w, t->align))
        lctx_lost_text(lc, t);
}

double ptext_width(const ptext *t)
{
    return tpara_width(t->para);
}

void lctx_lost_text(lctx *lc, const ptext *t)
{
    if (lc->lost)
        return; /* one error says it: the output is refused */
    lc->lost = true;
    fdiag_error(lc->d, lc->doc ? lc->doc->path : "folio", lc->src_line, 0,
                "%d bytes of text could not be placed on a line: no PDF written",
                tpara_len(t->para));
}
