/* The title block of an issue (front matter: title, subtitle, summary, the
 * date written out, authors, issue number, featured image) and the cover of
 * a compilation. */
#include <string.h>

#include "doc/featured.h"
#include "engine.h"

static void place_plain(lctx *lc, const char *text, pfont_role role, double size, bool bold,
                        bool italic, frgb color, ptag tag, double space_after)
{
    ptext t = {0};
    ptext_plain(lc, &t, text, role, size, bold, italic, color, lc->w, TALIGN_START);
    t.tag = tag;
    lctx_block_start(lc);
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lctx_block_end(lc, space_after);
}

/* "20 mars 2023 · Ana, Bo · Numéro 13" */
static void meta_line(lctx *lc, buf *b)
{
    const fmeta *m = &lc->doc->meta;
    const book_chapter *ch = &lc->pl->book->chapters[lc->doc_index];
    const char *sep = " \xc2\xb7 ";
    if (ch->date_text)
        buf_puts(b, ch->date_text);
    for (size_t i = 0; i < m->authors.n; i++) {
        if (b->len)
            buf_puts(b, i ? ", " : sep);
        buf_puts(b, m->authors.items[i]);
    }
    if (ch->number_text) {
        if (b->len)
            buf_puts(b, sep);
        buf_puts(b, ch->number_text);
    }
}

void layout_title_block(lctx *lc)
{
    const folio_style *st = lc->st;
    const fmeta *m = &lc->doc->meta;
    toc_mark_start(lc, -1);
    const char *title = lc->pl->book->chapters[lc->doc_index].title; /* else its file's name */
    place_plain(lc, title, PF_HEADING, st->size_title, true, false, st->color_heading, PT_H1,
                st->size_body * 0.5);
    lctx_heading_base(lc, lc->tags.heading_base + 1); /* its sections are below it */
    if (m->subtitle)
        place_plain(lc, m->subtitle, PF_HEADING, st->size_heading[2], false, false,
                    st->color_muted, PT_P, st->size_body * 0.5);
    if (m->summary)
        place_plain(lc, m->summary, PF_BODY, st->size_body, false, true, st->color_muted, PT_P,
                    st->size_body * 0.5);
    buf b = {0};
    meta_line(lc, &b);
    if (b.len)
        place_plain(lc, buf_cstr(&b), PF_BODY, st->size_small, false, false, st->color_muted,
                    PT_P, st->size_body * 0.5);
    buf_free(&b);
    const char *featured = doc_featured_image(lc->doc);
    if (featured) {
        /* it illustrates the issue: its title says what it is about (the EPUB's alt too) */
        fimage img = {.src = featured, .alt = lc->pl->book->chapters[lc->doc_index].title};
        /* a banner, not a page: the text starts on the first page */
        layout_image(lc, &img, NULL, NULL, (lc->bottom - lc->top) * 0.3);
    }
    lctx_block_start(lc);
    lctx_add(lc, &(pbox){.kind = PB_RULE, .x = lc->x, .y = lc->y, .w = lc->w, .h = 0.8,
                         .color = st->color_rule});
    lc->y += 0.8;
    lctx_block_end(lc, st->paragraph_spacing * 2);
}

void layout_cover(lctx *lc)
{
    playout *pl = lc->pl;
    book_cover_get(pl->book, pl->resources, lc->st, &lc->o->limits, &pl->cover);
    /* the whole page: the EPUB's cover, drawn the same */
    lctx_add(lc, &(pbox){.kind = PB_COVER, .x = 0, .y = 0, .w = pl->page_w, .h = pl->page_h,
                         .tag = PT_FIGURE, .text = book_cover_alt(pl->book, &pl->cover)});
}

void layout_part_page(lctx *lc, size_t p)
{
    const folio_style *st = lc->st;
    lc->doc_index = -1; /* a page of the book, not of an issue */
    lctx_new_page(lc);
    if (lc->tags.part)
        lctx_close(lc, lc->tags.part);
    lc->tags.part = lctx_open(lc, PS_PART);
    lctx_heading_base(lc, 0); /* the cover is a figure: a part's title is the first level */
    lc->page->no_header = true;
    toc_mark_start(lc, (int)p);
    lc->y = lc->top + (lc->bottom - lc->top) * 0.35;
    ptext t = {0};
    ptext_plain(lc, &t, lc->pl->book->parts[p].title, PF_HEADING, st->size_title * 2, true,
                false, st->color_heading, lc->w, TALIGN_CENTER);
    t.tag = PT_H1;
    lctx_place_text(lc, &t, 1);
    ptext_free(&t);
    lctx_heading_base(lc, 1); /* its issues are below it */
}
