/* The PDF backend's entry points: lay out every document once into pages of
 * boxes, then paint them (pdf_render) or print them (pdf_dump_layout). */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#include "book/title.h"
#include "engine.h"
#include "text/fonts.h"
#include "text/hyphen.h"

/* The caller's title, else the one both backends build ("Infolettre 2023"). */
static const char *book_title(playout *pl, const folio_render_options *o, const char *lang)
{
    if (o->title && o->title[0])
        return o->title;
    return book_default_title(pl->arena, pl->docs, pl->n_docs, book_word(lang, W_ISSUES));
}

static bool wants_toc(folio_doc *const *docs, size_t n, const folio_render_options *o)
{
    if (o->toc >= 0)
        return o->toc == 1;
    return n > 1 || docs[0]->meta.toc == 1;
}

static void start_document(lctx *lc, size_t k)
{
    lc->doc = lc->pl->docs[k];
    lc->doc_index = (int)k;
    lc->lang = lc->doc->lang ? lc->doc->lang : "en";
    lc->min_heading_level = toc_min_level(lc->doc->root);
    lc->note_number = 0;
    lc->n_notes = 0;
    lc->hyphen = lc->st->hyphenate ? text_hyphen_new(lc->lang) : NULL;
    lctx_new_page(lc);
    lc->page->no_header = true;
}

static void end_document(lctx *lc)
{
    lctx_finish_page(lc);
    for (int i = 0; i < lc->n_notes; i++)
        ptext_free(&lc->notes[i]->text);
    lc->n_notes = 0;
    text_hyphen_drop(lc->hyphen);
    lc->hyphen = NULL;
}

folio_status playout_build(folio_doc *const *docs, size_t n, const folio_render_options *o,
                           const folio_style *st, const char *fonts_dir, fdiag *d,
                           playout **out)
{
    *out = NULL;
    if (n == 0)
        return FOLIO_EUSAGE;
    playout *pl = calloc(1, sizeof *pl);
    if (!pl || !(pl->arena = arena_new())) {
        free(pl);
        return FOLIO_EOUTPUT;
    }
    pl->docs = docs;
    pl->n_docs = n;
    pl->page_w = st->page_width;
    pl->page_h = st->page_height;
    const char *lang = docs[0]->lang ? docs[0]->lang : "en";
    if (!(pl->fonts = text_fonts_new(fonts_dir, d))) {
        playout_drop(pl);
        return FOLIO_EOUTPUT;
    }
    pl->context = text_fonts_context(pl->fonts);
    pango_context_set_language(pl->context, pango_language_from_string(lang));

    lctx lc = {.pl = pl, .st = st, .o = o, .d = d, .pc = pl->context, .lang = lang,
               .doc_index = -1};
    lc.top = st->margin_top;
    lc.bottom = st->page_height - st->margin_bottom;
    lc.left = lc.x = st->margin_left;
    lc.width = lc.w = st->page_width - st->margin_left - st->margin_right;
    lc.page_notes_tail = &lc.page_notes;

    bool compilation = n > 1, toc = wants_toc(docs, n, o);
    toc_collect(pl, o->toc_depth > 0 ? o->toc_depth : 3, compilation);
    if (compilation) {
        pl->book_title = book_title(pl, o, lang);
        lctx_new_page(&lc);
        lc.page->no_header = true;
        layout_cover(&lc, n);
        if (toc) {
            lctx_new_page(&lc);
            layout_toc(&lc, true);
        }
    }
    for (size_t k = 0; k < n; k++) {
        start_document(&lc, k);
        layout_title_block(&lc);
        if (!compilation && toc)
            layout_toc(&lc, false);
        layout_blocks(&lc, docs[k]->root);
        end_document(&lc);
    }
    free(lc.notes);
    *out = pl;
    return FOLIO_OK;
}

folio_status pdf_render(folio_doc *const *docs, size_t n, const folio_render_options *o,
                        const folio_style *style, const char *fonts_dir, fdiag *d,
                        unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    playout *pl;
    folio_status st = playout_build(docs, n, o, style, fonts_dir, d, &pl);
    if (st != FOLIO_OK)
        return st;
    st = pdf_paint(pl, o, style, d, out, out_len);
    playout_drop(pl);
    return st;
}

folio_status pdf_dump_layout(folio_doc *const *docs, size_t n, const folio_render_options *o,
                             const folio_style *style, const char *fonts_dir, fdiag *d,
                             FILE *out)
{
    playout *pl;
    folio_status st = playout_build(docs, n, o, style, fonts_dir, d, &pl);
    if (st != FOLIO_OK)
        return st;
    playout_dump(pl, out);
    playout_drop(pl);
    return ferror(out) ? FOLIO_EOUTPUT : FOLIO_OK;
}
