/* Inline model nodes → one PangoLayout: the text, a PangoAttrList for
 * emphasis, code, links and superscripts, and the byte ranges of links and
 * note references so that pagination can place link rectangles and notes. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "text/hyphen.h"

typedef struct ibuild {
    lctx *lc;
    buf text;
    PangoAttrList *attrs;
    plink *links;
    int n_links, cap_links;
    pref *refs;
    int n_refs, cap_refs;
    double size;
    const struct text_hyphen *hyphen; /* set for justified body text */
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

/* Words get soft hyphens where the dictionary allows a break. */
static void put_text(ibuild *b, const char *s)
{
    if (!b->hyphen) {
        put_raw(b, s);
        return;
    }
    char *h = text_hyphenate(b->hyphen, s, strlen(s), NULL, NULL, 0);
    put_raw(b, h);
    free(h);
}

/* A superscript mark such as a note number. */
static void put_mark(ibuild *b, const char *mark)
{
    size_t start = b->text.len;
    buf_puts(&b->text, mark);
    attr_from(b, pango_attr_size_new_absolute((int)(b->size * 0.65 * PANGO_SCALE)), start);
    attr_from(b, pango_attr_rise_new((int)(b->size * 0.38 * PANGO_SCALE)), start);
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
    b->refs[b->n_refs++] = (pref){(int)offset, note};
}

static void inline_node(ibuild *b, const fnode *n);

static void inline_children(ibuild *b, const fnode *n)
{
    for (const fnode *c = n->first; c; c = c->next)
        inline_node(b, c);
}

static void inline_link(ibuild *b, const fnode *n)
{
    lctx *lc = b->lc;
    const char *url = n->as.link.url ? n->as.link.url : "";
    size_t start = b->text.len;
    inline_children(b, n);
    if (b->text.len == start)
        put_raw(b, url);
    attr_from(b, attr_color(lc->st->color_link), start);
    /* where it leads, as the book resolved it for both outputs */
    const book_link *l = n == lc->card_link ? lc->card_target : book_link_of(lc->pl->book, n);
    if (!l)
        return; /* cannot be followed: its text stays (the book warned) */
    if (l->kind == BOOK_LINK_INTERNAL) {
        add_link(b, start, pdf_dest_name(lc->pl, (int)l->chapter, l->anchor), true);
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
    if (self || lc->in_note)
        return;
    if (lc->st->links == FLINKS_FOOTNOTES) {
        pnote *note = lctx_url_note(lc, url);
        char mark[16];
        snprintf(mark, sizeof mark, "%d", note->number);
        add_ref(b, b->text.len, note);
        put_mark(b, mark);
    } else if (lc->st->links == FLINKS_INLINE) {
        size_t s = b->text.len;
        buf_puts(&b->text, " (");
        put_raw(b, url);
        buf_puts(&b->text, ")");
        attr_from(b, attr_color(lc->st->color_muted), s);
    }
}

static void inline_node(ibuild *b, const fnode *n)
{
    size_t start = b->text.len;
    switch (n->type) {
    case FN_TEXT:
        put_text(b, n->as.literal);
        break;
    case FN_SOFT_BREAK:
        buf_putc(&b->text, ' ');
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
    case FN_CODE:
    case FN_MATH: {
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
        /* images among words: their alt text (block images are laid out apart) */
        if (n->as.image.alt[0]) {
            put_text(b, n->as.image.alt);
            attr_from(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
        }
        break;
    case FN_FOOTNOTE_REF: {
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
    default:
        inline_children(b, n);
        break;
    }
}

static void ptext_measure_lines(ptext *t)
{
    t->n_lines = pango_layout_get_line_count(t->layout);
    size_t n = (size_t)(t->n_lines ? t->n_lines : 1);
    t->line_y = calloc(4 * n, sizeof(double));
    if (!t->line_y)
        abort();
    t->line_h = t->line_y + n;
    t->line_base = t->line_h + n;
    t->line_x = t->line_base + n;
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    int i = 0;
    do {
        int y0, y1;
        PangoRectangle logical;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        t->line_y[i] = (double)y0 / PANGO_SCALE;
        t->line_h[i] = (double)(y1 - y0) / PANGO_SCALE;
        t->line_base[i] = (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE;
        t->line_x[i] = (double)logical.x / PANGO_SCALE;
        i++;
    } while (i < t->n_lines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    /* a line's height is its pitch: up to the next line, and for the last
     * one what Pango's line spacing would give */
    float factor = pango_layout_get_line_spacing(t->layout);
    for (int k = 0; k < t->n_lines; k++)
        t->line_h[k] = k + 1 < t->n_lines ? t->line_y[k + 1] - t->line_y[k]
                       : factor > 0      ? t->line_h[k] * factor
                                         : t->line_h[k];
}

/* Pango 1.50 justifies a line broken at a soft hyphen to the full width,
 * then adds the hyphen, which overhangs the margin: such lines give the
 * hyphen's width back from their spaces. */
static void pull_in_hyphenated_lines(PangoLayout *l)
{
    int width = pango_layout_get_width(l);
    const char *text = pango_layout_get_text(l);
    for (GSList *ls = pango_layout_get_lines_readonly(l); ls; ls = ls->next) {
        PangoLayoutLine *line = ls->data;
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        int over = logical.width - width;
        if (over <= 0)
            continue;
        int spaces = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++)
                spaces += text[run->item->offset + run->glyphs->log_clusters[g]] == ' ';
        }
        if (!spaces)
            continue;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++)
                if (text[run->item->offset + run->glyphs->log_clusters[g]] == ' ') {
                    int take = over / spaces--;
                    run->glyphs->glyphs[g].geometry.width -= take;
                    over -= take;
                }
        }
    }
}

static void ptext_finish(lctx *lc, ptext *t, ibuild *b, pfont_role role, double size, bool bold,
                         frgb color, double w, bool justify, PangoWrapMode wrap, float spacing)
{
    /* the base colour goes before inner ones (links) so they win */
    PangoAttribute *base = attr_color(color);
    base->start_index = 0;
    base->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, base);
    /* per layout, not per context: a context change would re-lay out every layout */
    PangoAttribute *lang = pango_attr_language_new(pango_language_from_string(lc->lang));
    lang->start_index = 0;
    lang->end_index = (guint)b->text.len;
    pango_attr_list_insert_before(b->attrs, lang);
    if (role == PF_MONO) {
        PangoAttribute *code = attr_code_features();
        code->start_index = 0;
        code->end_index = (guint)b->text.len;
        pango_attr_list_insert_before(b->attrs, code);
    }
    t->layout = pango_layout_new(lc->pc);
    pango_layout_set_text(t->layout, buf_cstr(&b->text), (int)b->text.len);
    pango_layout_set_attributes(t->layout, b->attrs);
    pango_attr_list_unref(b->attrs);
    PangoFontDescription *fd = lctx_font(lc, role, size, bold);
    pango_layout_set_font_description(t->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(t->layout, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(t->layout, wrap);
    pango_layout_set_line_spacing(t->layout, spacing);
    pango_layout_set_justify(t->layout, justify);
    if (justify && text_layout_has_unjustifiable_line(t->layout))
        pango_layout_set_justify(t->layout, FALSE);
    else if (justify)
        pull_in_hyphenated_lines(t->layout);
    t->links = b->links;
    t->n_links = b->n_links;
    t->refs = b->refs;
    t->n_refs = b->n_refs;
    buf_free(&b->text);
    ptext_measure_lines(t);
}

void ptext_inlines(lctx *lc, ptext *t, const fnode *first, const fnode *last, pfont_role role,
                   double size, bool bold, frgb color, double w, bool justify)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = size,
                .hyphen = justify ? lc->hyphen : NULL};
    for (const fnode *n = first; n; n = n->next) {
        inline_node(&b, n);
        if (n == last)
            break;
    }
    ptext_finish(lc, t, &b, role, size, bold, color, w, justify, PANGO_WRAP_WORD_CHAR,
                 (float)lc->st->line_height);
}

void ptext_plain(lctx *lc, ptext *t, const char *text, pfont_role role, double size, bool bold,
                 bool italic, frgb color, double w)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = size};
    put_text(&b, text);
    if (italic)
        attr_from(&b, pango_attr_style_new(PANGO_STYLE_ITALIC), 0);
    ptext_finish(lc, t, &b, role, size, bold, color, w, false, PANGO_WRAP_WORD_CHAR,
                 (float)lc->st->line_height);
}

void ptext_free(ptext *t)
{
    if (t->layout)
        g_object_unref(t->layout);
    free(t->links);
    free(t->refs);
    free(t->line_y);
    memset(t, 0, sizeof *t);
}

void ptext_code(lctx *lc, ptext *t, const char *code, double w)
{
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = lc->st->size_code};
    size_t len = strlen(code);
    while (len && code[len - 1] == '\n')
        len--;
    for (size_t i = 0; i < len; i++) {
        if (code[i] == '\t')
            buf_puts(&b.text, "    ");
        else if (code[i] != '\r')
            buf_putc(&b.text, code[i]);
    }
    /* long lines wrap anywhere rather than overflow the box */
    ptext_finish(lc, t, &b, PF_MONO, lc->st->size_code, false, lc->st->color_text, w, false,
                 PANGO_WRAP_CHAR, 1.15f);
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
            put_raw(b, c->as.code.literal);
            continue;
        }
        if (c != n->first && b->text.len)
            buf_puts(&b->text, "\xe2\x80\xa8");
        note_blocks(b, c);
    }
}

void ptext_note(lctx *lc, ptext *t, const pnote *n, double w)
{
    const folio_style *st = lc->st;
    ibuild b = {.lc = lc, .attrs = pango_attr_list_new(), .size = st->size_small};
    buf_printf(&b.text, "%d.\xc2\xa0", n->number);
    attr_from(&b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0);
    lc->in_note = true;
    if (n->def)
        note_blocks(&b, n->def);
    else
        put_text(&b, n->url); /* for paper: the link itself is in the text */
    lc->in_note = false;
    ptext_finish(lc, t, &b, PF_SMALL, st->size_small, false, st->color_text, w, false,
                 PANGO_WRAP_WORD_CHAR, 1.15f);
    t->tag = PT_NOTE;
}

void ptext_set_width(ptext *t, double w)
{
    pango_layout_set_width(t->layout, w < 0 ? -1 : (int)(w * PANGO_SCALE));
    free(t->line_y);
    ptext_measure_lines(t);
}

double ptext_width(const ptext *t)
{
    PangoRectangle logical;
    pango_layout_get_extents(t->layout, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}
