/* Block nodes → boxes: headings, paragraphs, lists, quotes, callouts, code,
 * rules, link cards. Tables and images have their own files. */
#include <math.h>
#include <string.h>

#include "doc/tree.h"
#include "engine.h"
#include "formula.h"

double lctx_block_space(const lctx *lc)
{
    return lc->tight ? lc->st->paragraph_spacing * 0.3 : lc->st->paragraph_spacing;
}

double lctx_body_line(const lctx *lc)
{
    return lc->st->size_body * lc->st->line_height;
}

/* Indentation that still leaves a third of the text width: deeper levels
 * stop moving right. */
double lctx_nested_indent(const lctx *lc, double indent)
{
    return fmax(0, fmin(indent, lc->w - lc->width / 3));
}

static void heading(lctx *lc, const fnode *n)
{
    lctx_flush_float(lc); /* a figure never passes a heading */
    const folio_style *st = lc->st;
    int rel = n->as.heading.level - lc->min_heading_level + 1;
    rel = rel < 1 ? 1 : rel > 6 ? 6 : rel;
    double size = st->size_heading[rel - 1];
    ptext t = {0};
    ptext_inlines(lc, &t, n->first, NULL, PF_HEADING, size, true, false, st->color_heading,
                  lc->w, TALIGN_START);
    t.tag = (ptag)(PT_H1 + rel - 1);
    lc->space_before = fmax(lc->space_before, size * 0.9);
    lctx_block_start(lc);
    /* kept with what follows: never alone at a page foot (what follows
     * moves it to the next page when it does not fit under it) */
    lctx_ensure(lc, ptext_height(&t) + 2 * lctx_body_line(lc));
    if (!lc->keep.active && lc->n_frames == 0)
        lc->keep = (pkeep){.active = true, .page = lc->page_index, .first_box = lc->page->n,
                           .y0 = lc->y};
    if (lc->keep.active && lc->keep.n < 6)
        lc->keep.headings[lc->keep.n++] = n;
    lc->keep.placing = true;
    lctx_anchor_dests(lc, n);
    toc_mark(lc, n);
    lctx_place_text(lc, &t, 1);
    lctx_tag_lang(lc, t.elem, n);
    lc->keep.placing = false;
    ptext_free(&t);
    lctx_block_end(lc, size * 0.4);
}

static bool blank_run(const fnode *first, const fnode *last)
{
    for (const fnode *n = first; n; n = n->next) {
        if (n->type == FN_TEXT) {
            if (n->as.literal[strspn(n->as.literal, " \t\n")])
                return false;
        } else if (n->type != FN_SOFT_BREAK && n->type != FN_LINE_BREAK) {
            return false;
        }
        if (n == last)
            break;
    }
    return true;
}

/* Inline siblings [first, last] as one justified paragraph. */
static void text_run(lctx *lc, const fnode *first, const fnode *last, ptag tag)
{
    if (blank_run(first, last))
        return;
    const folio_style *st = lc->st;
    ptext t = {0};
    ptext_inlines(lc, &t, first, last, PF_BODY, st->size_body, false, false, st->color_text,
                  lc->w, st->justify ? TALIGN_JUSTIFY : TALIGN_START);
    t.tag = tag;
    lctx_block_start(lc);
    for (const fnode *c = first; c; c = c == last ? NULL : c->next)
        lctx_anchor_dests(lc, c);
    lctx_place_text(lc, &t, 2);
    ptext_free(&t);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* A figure div's caption (its last paragraph, made one by crossref.c): set
 * under the figure as an image's caption is. */
static void div_caption(lctx *lc, const fnode *n)
{
    if (blank_run(n->first, NULL))
        return;
    ptext t = {0};
    lctx_caption_text(lc, &t, n, lc->w);
    lctx_block_start(lc);
    for (const fnode *c = n->first; c; c = c->next)
        lctx_anchor_dests(lc, c);
    lctx_place_text(lc, &t, 2);
    ptext_free(&t);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* An image alone (or as the whole content of a link) is a block. */
const fnode *block_image(const fnode *n)
{
    if (n->type == FN_IMAGE)
        return n;
    if (n->type == FN_LINK && n->first && n->first == n->last && n->first->type == FN_IMAGE)
        return n->first;
    return NULL;
}

/* A display formula on lines of its own, centred (its \tag at the right
 * margin); scaled down when wider than the column. */
static void display_math(lctx *lc, const pmath *f)
{
    const pmath *spread = pdf_math_spread(f, lc->w);
    if (spread)
        f = spread;
    double scale = f->width > lc->w ? lc->w / f->width : 1.0;
    double w = f->width * scale, h = (f->ascent + f->descent) * scale;
    lctx_block_start(lc);
    lctx_ensure(lc, h);
    pbox b = {.kind = PB_MATH, .x = lc->x + (lc->w - w) / 2, .y = lc->y, .w = w, .h = h,
              .baseline = f->ascent * scale, .math = f, .tag = PT_P};
    lctx_add(lc, &b);
    lc->y += h;
    lctx_block_end(lc, lctx_block_space(lc));
}

/* A display formula that can be typeset, else NULL (it stays among the words). */
static const pmath *block_math(lctx *lc, const fnode *n)
{
    if (n->type != FN_MATH || !n->as.math.display || !n->as.math.tree)
        return NULL;
    return pdf_math_get(lc->pl->math, lc->doc, n, lc->st->size_body, true, lc->d);
}

/* Whether the paragraph holds more than c: words, or other images. An
 * image alone in its paragraph is a figure (as pandoc makes it); among
 * words it is one of them, as in HTML, unless it is too tall for a line
 * (lctx_image_among_words). */
static bool not_alone(const fnode *c)
{
    for (const fnode *o = c->parent->first; o; o = o->next) {
        if (o == c || o->type == FN_SOFT_BREAK || o->type == FN_LINE_BREAK)
            continue;
        if (o->type != FN_TEXT || o->as.literal[strspn(o->as.literal, " \t\n")])
            return true;
    }
    return false;
}

const fnode *lctx_apart_image(lctx *lc, const fnode *c)
{
    const fnode *img = block_image(c);
    if (img && c->parent && not_alone(c) && lctx_image_among_words(lc, img->as.image))
        return NULL;
    return img;
}

static void paragraph(lctx *lc, const fnode *n)
{
    const fnode *run = NULL;
    for (const fnode *c = n->first; c; c = c->next) {
        const fnode *img = lctx_apart_image(lc, c);
        const pmath *f = img ? NULL : block_math(lc, c);
        if (!img && !f) {
            /* the line break that followed a display formula starts no line */
            if (!run && !(c->type == FN_SOFT_BREAK && c->prev && block_math(lc, c->prev)))
                run = c;
            continue;
        }
        if (run)
            text_run(lc, run, c->prev, PT_P);
        run = NULL;
        if (img)
            layout_image(lc, img->as.image, img, NULL, 0);
        else
            display_math(lc, f);
    }
    if (run)
        text_run(lc, run, n->last, PT_P);
}

static void list(lctx *lc, const fnode *n)
{
    static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"};
    const folio_style *st = lc->st;
    bool tight = lc->tight;
    lc->tight = n->as.list.tight;
    double indent = lctx_nested_indent(lc, st->size_body * 1.6);
    int number = n->as.list.start;
    int l = lctx_open(lc, PS_L);
    for (const fnode *item = n->first; item; item = item->next) {
        if (lc->marker.pending) /* an item that starts with a list: its marker first */
            lctx_place_marker(lc, lc->y + st->size_body);
        int li = lctx_open(lc, PS_LI);
        pmarker *m = &lc->marker;
        bool rtl = lctx_rtl(lc); /* the marker on the right, the text indented from it */
        *m = (pmarker){.pending = true, .task = item->as.item.task,
                       .x = rtl ? lc->x + lc->w - indent : lc->x, .w = indent, .rtl = rtl,
                       .elem = pstruct_add(&lc->pl->structure, li, PS_LBL)};
        if (m->task >= 0) /* a drawn box: its character for the text layer's readers */
            pstruct_more_set(&lc->pl->structure, m->elem)->actual =
                m->task ? "\xe2\x98\x91" : "\xe2\x98\x90";
        lctx_open(lc, PS_LBODY);
        if (m->task < 0) {
            char mark[24];
            if (n->as.list.ordered)
                snprintf(mark, sizeof mark, "%d%c", number++, n->as.list.delim == ')' ? ')' : '.');
            else
                snprintf(mark, sizeof mark, "%s", bullets[lc->list_depth % 3]);
            ptext t = {0};
            ptext_plain(lc, &t, mark, PF_BODY, st->size_body, false, false, st->color_text, -1,
                        TALIGN_LEFT);
            m->para = tpara_ref(t.para);
            ptext_free(&t);
            if (rtl && n->as.list.ordered) /* drawn ".1" right to left: it says "1." */
                pstruct_more_set(&lc->pl->structure, m->elem)->actual =
                    arena_strdup(lc->pl->arena, mark);
        }
        double x = lc->x;
        lctx_indent(lc, indent);
        lc->list_depth++;
        layout_blocks(lc, item);
        lc->list_depth--;
        lc->x = x;
        lc->w += indent;
        if (lc->marker.pending) { /* an empty item */
            lctx_place_marker(lc, lc->y + st->size_body);
            lc->y += lctx_body_line(lc);
        }
        lctx_close(lc, li);
        lctx_block_end(lc, lctx_block_space(lc));
    }
    lctx_close(lc, l);
    lc->tight = tight;
    lctx_block_end(lc, lctx_block_space(lc));
}

/* A definition list: each term in bold, its definitions indented below
 * it, the term kept with their start. Tagged as a list: an item a term,
 * the term its label, its definitions its body. */
static void definition_list(lctx *lc, const fnode *n)
{
    const folio_style *st = lc->st;
    double indent = lctx_nested_indent(lc, st->size_body * 1.6);
    int l = lctx_open(lc, PS_L), li = 0, body = 0;
    for (const fnode *c = n->first; c; c = c->next) {
        if (c->type != FN_DEF_TERM && c->type != FN_DEF_DATA) {
            layout_block(lc, c); /* (the pre-pass makes none) */
            continue;
        }
        if (c->type == FN_DEF_TERM || !li) {
            if (li)
                lctx_close(lc, li);
            li = lctx_open(lc, PS_LI);
            body = 0;
        }
        if (c->type == FN_DEF_TERM && c->first && fnode_is_inline(c->first)) {
            ptext t = {0};
            ptext_inlines(lc, &t, c->first, NULL, PF_BODY, st->size_body, true, false,
                          st->color_text, lc->w, TALIGN_START);
            t.tag = PT_LIST; /* the item's label */
            lctx_block_start(lc);
            const fnode *def = c->next && c->next->type == FN_DEF_DATA ? c->next->first : NULL;
            lctx_ensure(lc, ptext_height(&t) + st->size_body * 0.2 +
                                (def ? first_block_height(lc, def, lc->w - indent) : 0));
            for (const fnode *i = c->first; i; i = i->next)
                lctx_anchor_dests(lc, i);
            lctx_place_text(lc, &t, 1);
            ptext_free(&t);
            lctx_block_end(lc, st->size_body * 0.2);
            continue;
        }
        if (c->type == FN_DEF_TERM) { /* a term of blocks (raw HTML) */
            layout_blocks(lc, c);
            continue;
        }
        if (!body)
            body = lctx_open(lc, PS_LBODY);
        double x = lc->x;
        lctx_indent(lc, indent);
        layout_blocks(lc, c);
        lc->x = x;
        lc->w += indent;
    }
    if (li)
        lctx_close(lc, li);
    lctx_close(lc, l);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* Whether a short container (lines ≥ 0, height h) goes whole to the next
 * page when it does not fit: unless that would leave more than a quarter
 * of this page blank (then it is split, its start and end two lines at
 * least). */
static bool keep_whole(const lctx *lc, int lines, double h)
{
    return lines > 0 && (h <= lctx_room(lc) || lctx_room(lc) <= 0.25 * (lc->bottom - lc->top));
}

static void quote(lctx *lc, const fnode *n)
{
    lctx_block_start(lc);
    double indent = lctx_nested_indent(lc, 14), h;
    /* up to six lines: never split */
    int lines = container_lines(lc, n->first, lc->w - indent, KEEP_LINES, &h);
    lctx_ensure(lc, keep_whole(lc, lines, h + 4) ? h + 4 : 2 * lctx_body_line(lc));
    lctx_frame_open(lc, NULL, &lc->st->quote_border, 2, indent);
    int q = lctx_open(lc, PS_BLOCKQUOTE);
    lctx_tag_lang(lc, q, n);
    layout_blocks(lc, n);
    lctx_close(lc, q);
    lc->space_before = 0;
    lctx_frame_close(lc);
    lctx_block_end(lc, lctx_block_space(lc));
}

double callout_title_height(const lctx *lc)
{
    return lc->st->size_body * 0.3 + lctx_body_line(lc) + 2 * lc->st->size_body * 0.6;
}

static void callout(lctx *lc, const fnode *n)
{
    const folio_style *st = lc->st;
    fcallout_kind kind = n->as.callout.kind < FCALLOUT_COUNT ? n->as.callout.kind : FCALLOUT_NOTE;
    const fcallout_style *cs = &st->callout[kind];
    const fnode *caption = fnode_caption(n);
    ptext t = {0};
    double pad = st->size_body * 0.6, h;
    lctx_block_start(lc);
    /* up to six lines of body: never split; else the title with two lines
     * (or the image) of its body */
    const fnode *body = caption ? caption->next : n->first;
    double inner = lc->w - 3 - 2 * pad;
    int lines = container_lines(lc, body, inner, KEEP_LINES, &h);
    double title = callout_title_height(lc);
    lctx_ensure(lc, (keep_whole(lc, lines, h + title) ? h : first_block_height(lc, body, inner)) +
                        title);
    lctx_frame_open(lc, &cs->background, &cs->border, pad, 3 + pad);
    int div = lctx_open(lc, PS_DIV);
    lctx_tag_lang(lc, div, n);
    if (caption && !blank_run(caption->first, NULL))
        ptext_inlines(lc, &t, caption->first, NULL, PF_HEADING, st->size_body, true, false,
                      cs->border, lc->w, TALIGN_START);
    else /* in the callout's language */
        ptext_plain(lc, &t, book_callout_title(lc->pl->book, lc->doc, lc->text_lang, kind), PF_HEADING,
                    st->size_body, true, false, cs->border, lc->w, TALIGN_START);
    t.tag = PT_P;
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lc->space_before = st->size_body * 0.3;
    for (const fnode *c = caption ? caption->next : n->first; c; c = c->next)
        layout_block(lc, c);
    lctx_close(lc, div);
    lc->space_before = 0;
    lctx_frame_close(lc);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* <details>: shown open, as print has no way to unfold it — its summary as
 * a bold title (the bundled fonts have no disclosure triangle), its content
 * beside a thin rule: not a tinted callout, which says something of its own. */
static void details(lctx *lc, const fnode *n)
{
    const folio_style *st = lc->st;
    const fnode *summary = fnode_caption(n);
    ptext t = {0};
    if (summary && !blank_run(summary->first, NULL))
        ptext_inlines(lc, &t, summary->first, NULL, PF_HEADING, st->size_body, true, false,
                      st->color_heading, lc->w, TALIGN_START);
    else /* in the disclosure's language */
        ptext_plain(lc, &t, book_word(lc->text_lang, W_DETAILS), PF_HEADING, st->size_body, true,
                    false, st->color_heading, lc->w, TALIGN_START);
    t.tag = PT_P; /* the summary: a paragraph of its own in the structure */
    lctx_block_start(lc);
    /* short content goes whole with its title, like a callout's; else the
     * title with the first two lines (or the image) of its content */
    const fnode *body = summary ? summary->next : n->first;
    double indent = st->size_body, h;
    int lines = container_lines(lc, body, lc->w - indent, KEEP_LINES, &h);
    double title = ptext_height(&t) + st->size_body * 0.3;
    lctx_ensure(lc, title + (keep_whole(lc, lines, h + title)
                                 ? h
                                 : first_block_height(lc, body, lc->w - indent)));
    int div = lctx_open(lc, PS_DIV);
    lctx_tag_lang(lc, div, n);
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lc->space_before = st->size_body * 0.3;
    lctx_frame_open(lc, NULL, &st->color_rule, 0, lctx_nested_indent(lc, indent));
    for (const fnode *c = body; c; c = c->next)
        layout_block(lc, c);
    lc->space_before = 0;
    lctx_frame_close(lc);
    lctx_close(lc, div);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* Each line of t that goes on a line the width broke gets a hook arrow in
 * the margin, left of the code's background (pages [from, …) hold t). */
static void mark_continued_lines(lctx *lc, const ptext *t, size_t from, double pad)
{
    double w = lc->st->size_code * 0.6;
    for (size_t p = from; p < lc->pl->n_pages; p++) {
        ppage *page = &lc->pl->pages[p];
        for (size_t k = 0, n = page->n; k < n; k++) {
            const pbox *b = &page->boxes[k];
            if (b->kind != PB_LINE || b->para != t->para || b->line == 0 ||
                !ptext_line(t, b->line - 1)->wrapped)
                continue;
            ppage_add(page, &(pbox){.kind = PB_CONTINUED, .x = b->x - pad - w - 2, .y = b->y,
                                    .w = w, .h = b->h, .elem = PBOX_ARTIFACT});
        }
    }
}

/* A code block's file name (```{.python filename="hello.py"}), in a
 * darker bar right above it, as Quarto prints it; the bar's height in *h. */
static void code_filename(lctx *lc, ptext *t, const char *name, double pad, double *h)
{
    const folio_style *st = lc->st;
    ptext_plain(lc, t, name, PF_MONO, st->size_small, true, false, st->color_muted,
                lc->w - 2 * pad, TALIGN_LEFT);
    t->tag = PT_P;
    *h = ptext_height(t) + pad;
}

static void code_block(lctx *lc, const fnode *n)
{
    const folio_style *st = lc->st;
    double pad = st->size_code * 0.6, name_h = 0;
    ptext t = {0}, name = {0};
    ptext_code(lc, &t, n->as.code, lc->w - 2 * pad);
    t.tag = PT_CODE;
    if (n->as.code->filename)
        code_filename(lc, &name, n->as.code->filename, pad, &name_h);
    lctx_block_start(lc);
    int first = ptext_n_lines(&t) < 3 ? ptext_n_lines(&t) : 3;
    const tline *l = first ? ptext_line(&t, first - 1) : NULL;
    lctx_ensure(lc, name_h + (l ? l->y + l->h : 0) + 2 * pad);
    if (name_h > 0) {
        frgb bar = {st->code_background.r * 0.9, st->code_background.g * 0.9,
                    st->code_background.b * 0.9};
        lctx_frame_open(lc, &bar, NULL, pad / 2, pad);
        lctx_place_text(lc, &name, 1);
        lctx_frame_close(lc);
    }
    ptext_free(&name);
    lctx_frame_open(lc, &st->code_background, NULL, pad, pad);
    size_t from = lc->page_index;
    lc->hold_pages++; /* the arrows go back to the pages the lines went to */
    lctx_place_text(lc, &t, 2);
    mark_continued_lines(lc, &t, from, pad);
    lc->hold_pages--;
    ptext_free(&t);
    lctx_frame_close(lc);
    lctx_block_end(lc, lctx_block_space(lc));
}

static void rule(lctx *lc)
{
    double h = lc->st->size_body;
    lctx_block_start(lc);
    lctx_ensure(lc, h);
    lctx_add(lc, &(pbox){.kind = PB_RULE, .x = lc->x + lc->w * 0.25, .y = lc->y + h / 2,
                         .w = lc->w * 0.5, .h = 0.6, .color = lc->st->color_rule});
    lc->y += h;
    lctx_block_end(lc, lctx_block_space(lc));
}

/* A video or an iframe: a PDF cannot play it, so a framed card with its URL. */
static void link_card(lctx *lc, const fnode *n)
{
    const folio_style *st = lc->st;
    arena *a = lc->doc->arena;
    const char *url = n->as.card.url ? n->as.card.url : "";
    /* the provider's word, as the EPUB's card says it, then the title */
    const char *word = book_word(lc->lang, book_card_word(n->as.card.provider));
    const char *label = n->as.card.title ? arena_printf(a, "%s \xe2\x80\x94 %s", word,
                                                        n->as.card.title)
                                         : word;
    /* a detached inline run: "▶ label", a break, the URL as a link */
    fnode *strong = fnode_new(a, FN_STRONG, n->line), *title = fnode_new(a, FN_TEXT, n->line);
    fnode *br = fnode_new(a, FN_LINE_BREAK, n->line), *link = fnode_new(a, FN_LINK, n->line);
    fnode *shown = fnode_new(a, FN_TEXT, n->line);
    if (!strong || !title || !br || !link || !shown)
        return;
    title->as.literal = arena_printf(a, "\xe2\x96\xb6 %s", label);
    fnode_append(strong, title);
    shown->as.literal = url;
    link->as.link.url = url;
    fnode_append(link, shown);
    strong->next = br;
    br->next = link;
    double pad = st->size_body * 0.6;
    ptext t = {0};
    lc->card_link = link;
    lc->card_target = book_link_of(lc->pl->book, n);
    ptext_inlines(lc, &t, strong, link, PF_BODY, st->size_body, false, false, st->color_text,
                  lc->w - 2 * pad, TALIGN_LEFT);
    lc->card_link = NULL;
    t.tag = PT_P;
    double h = ptext_height(&t) + 2 * pad;
    lctx_block_start(lc);
    lctx_ensure(lc, h);
    lctx_add(lc, &(pbox){.kind = PB_FRAME, .x = lc->x, .y = lc->y, .w = lc->w, .h = h,
                         .color = st->color_rule, .text = url});
    lctx_emit_lines(lc, &t, 0, ptext_n_lines(&t), lc->x + pad, lc->y + pad);
    lc->y += h;
    ptext_free(&t);
    lctx_block_end(lc, lctx_block_space(lc));
}

/* A row of columns (::: {layout-ncol=N}, .columns) side by side, as Quarto
 * shows it, when each column can be measured whole and the row fits on a
 * page; otherwise one column after the other. */
static void columns(lctx *lc, const fnode *row)
{
    double widths[COLUMNS_MAX], gutter = columns_gutter(lc);
    double h = columns_height(lc, row, lc->w, widths);
    if (h < 0) {
        layout_blocks(lc, row);
        return;
    }
    lctx_flush_float(lc);
    lctx_block_start(lc);
    lctx_ensure(lc, h);
    double x = lc->x, w = lc->w, top = lc->y, bottom = top, after = 0;
    bool rtl = lctx_rtl(lc); /* the first column on the right */
    int i = 0;
    for (const fnode *col = row->first; col; col = col->next, i++) {
        lc->w = widths[i];
        if (rtl)
            lc->x = (i ? lc->x - gutter : x + w) - widths[i];
        lc->y = top;
        lc->space_before = 0;
        layout_blocks(lc, col);
        bottom = fmax(bottom, lc->y);
        after = fmax(after, lc->space_before);
        if (!rtl)
            lc->x += widths[i] + gutter;
    }
    lc->x = x;
    lc->w = w;
    lc->y = bottom;
    lc->space_before = 0;
    lctx_block_end(lc, after);
}

void layout_block(lctx *lc, const fnode *n)
{
    lc->src_line = n->line;
    plang was = lctx_lang_enter(lc, n);
    switch (n->type) {
    case FN_HEADING: heading(lc, n); break;
    case FN_PARAGRAPH: paragraph(lc, n); break;
    case FN_LIST: list(lc, n); break;
    case FN_QUOTE: quote(lc, n); break;
    case FN_DEF_LIST: definition_list(lc, n); break;
    case FN_DEF_TERM:
    case FN_DEF_DATA: layout_blocks(lc, n); break; /* (only ever in a list) */
    case FN_CALLOUT: callout(lc, n); break;
    case FN_DETAILS: details(lc, n); break;
    case FN_CODE_BLOCK: code_block(lc, n); break;
    case FN_TABLE: layout_table(lc, n); break;
    case FN_THEMATIC_BREAK: rule(lc); break;
    case FN_FIGURE: {
        const fnode *caption = fnode_caption(n);
        layout_image(lc, n->as.image, n, caption, 0);
        break;
    }
    case FN_CAPTION:
        if (n->parent && n->parent->type == FN_DIV)
            div_caption(lc, n);
        else
            text_run(lc, n->first, NULL, PT_P);
        break;
    case FN_LINK_CARD: link_card(lc, n); break;
    case FN_VSPACE:
        lctx_block_start(lc);
        lc->y += lctx_body_line(lc);
        break;
    case FN_DOCUMENT:
    case FN_ITEM:
    case FN_COLUMN:
        layout_blocks(lc, n);
        break;
    case FN_COLUMNS: columns(lc, n); break;
    case FN_DIV:
        lctx_anchor_dests(lc, n);
        if (!n->first && n->as.div.classes && strcmp(n->as.div.classes, "pagebreak") == 0) {
            /* {{< pagebreak >}}: what follows starts a page */
            if (lc->y > lc->top + 0.01)
                lctx_new_page(lc);
            break;
        }
        if (lc->lang_block == n) {
            /* in a language of its own: an element says which */
            int div = lctx_open(lc, PS_DIV);
            lctx_tag_lang(lc, div, n);
            layout_blocks(lc, n);
            lctx_close(lc, div);
            break;
        }
        layout_blocks(lc, n);
        break;
    case FN_FOOTNOTE_DEF: /* printed at the foot of the page that cites it; one
                             never cited where the model put it, at the end */
        if (n->as.footnote.number == 0)
            layout_blocks(lc, n);
        break;
    case FN_HTML_COMMENT:
    default:
        break;
    }
    lctx_lang_leave(lc, was);
}

/* Whether paragraph c fits whole in what is left of the page. */
static bool fits_here(lctx *lc, const fnode *c)
{
    double h = paragraph_height(lc, c, lc->w);
    return h >= 0 && lc->space_before + h <= lctx_room(lc);
}

void layout_blocks(lctx *lc, const fnode *parent)
{
    const fnode *run = NULL;
    const fnode *wide = NULL; /* a table waiting for landscape pages */
    for (const fnode *c = parent->first; c; c = c->next) {
        if (wide && !fits_here(lc, c)) {
            layout_table(lc, wide);
            wide = NULL;
        }
        if (c->type == FN_TABLE && lc->y > lc->top + 0.01 && table_turns(lc, c)) {
            wide = c;
            continue;
        }
        /* stray inlines among blocks (an item's tight text) form a paragraph */
        if (fnode_is_inline(c)) {
            if (!run)
                run = c;
            if (!c->next || fnode_is_block(c->next)) {
                text_run(lc, run, c, PT_P);
                run = NULL;
            }
            continue;
        }
        layout_block(lc, c);
    }
    if (wide)
        layout_table(lc, wide);
}
