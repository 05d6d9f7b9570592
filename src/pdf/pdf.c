/* The PDF backend: lay out every document once into pages of boxes (new),
 * then paint them (render) or print them (pdf_dump_layout). */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "doc/tree.h"
#include "formula.h"
#include "icons.h"
#include "images.h"
#include "text/fonts.h"
#include "text/hyphen.h"
#include "util/lang.h"

/* Whether two language tags name different languages ("fr" and "fr-FR" do not). */
static bool other_language(const char *tag, const char *of)
{
    return tag && of && !lang_same(tag, of);
}

/* In a compilation each issue is an article of the book (in its own
 * language when it differs from the book's), in its year's part. */
static void open_chapter(lctx *lc, size_t k)
{
    const fbook *bk = lc->pl->book;
    if (!bk->compilation) {
        lctx_heading_base(lc, 0);
        lc->tags.chapter = 0;
        return;
    }
    if (bk->chapters[k].part < 0 && lc->tags.part) {
        lctx_close(lc, lc->tags.part);
        lc->tags.part = 0;
    }
    lctx_heading_base(lc, lc->tags.part ? 1 : 0);
    lc->tags.chapter = lctx_open(lc, PS_ART);
    if (other_language(lc->pl->docs[k]->lang, bk->lang))
        pstruct_more_set(&lc->pl->structure, lc->tags.chapter)->lang = lc->pl->docs[k]->lang;
}

/* A language's hyphenator, made once for the whole layout: the issues of a
 * year share it, and each word is looked up in it once; its dictionary is
 * the run's (or the caller's folio_fonts'), loaded once. */
static struct text_hyphen *hyphen_for(lctx *lc, const char *lang)
{
    gpointer h;
    if (!g_hash_table_lookup_extended(lc->hyphens, lang, NULL, &h)) {
        h = text_hyphen_new_shared(lc->hyphen_dicts, lang);
        g_hash_table_insert(lc->hyphens, (gpointer)lang, h);
    }
    return h;
}

plang lctx_lang_enter(lctx *lc, const fnode *n)
{
    plang was = {lc->text_lang, lc->lang_block, lc->hyphen, lc->text_rtl};
    fdir dir = fnode_dir(n);
    if (dir != FDIR_AUTO)
        lc->text_rtl = dir == FDIR_RTL;
    const char *lang = fnode_lang(n);
    if (!lang || !other_language(lang, lc->text_lang))
        return was;
    lc->text_lang = lang;
    lc->lang_block = n;
    lc->hyphen = lc->st->hyphenate ? hyphen_for(lc, lang) : NULL;
    return was;
}

void lctx_lang_leave(lctx *lc, plang was)
{
    lc->text_lang = was.text_lang;
    lc->lang_block = was.block;
    lc->hyphen = was.hyphen;
    lc->text_rtl = was.rtl;
}

void lctx_tag_lang(lctx *lc, int elem, const fnode *n)
{
    if (n && elem > 0 && lc->lang_block == n)
        pstruct_more_set(&lc->pl->structure, elem)->lang = lc->text_lang;
}

/* Whether n is in a heading: its words are also the contents' and the
 * outline's, where an expansion has no place. */
static bool in_heading(const fnode *n)
{
    for (; n; n = n->parent)
        if (n->type == FN_HEADING)
            return true;
    return false;
}

/* The <abbr> of root whose title a printed page shows: the first use of
 * each abbreviation, outside headings, as a careful printed text spells it
 * out once ("API (application programming interface)"); a screen shows the
 * title on hovering, paper cannot. */
static GHashTable *first_abbrs(lctx *lc, const fnode *root)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *first = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        const char *title = n->type == FN_ABBR ? n->as.abbr.title : NULL;
        if (!title || !*title || in_heading(n))
            continue;
        const char *text = fnode_plain_text(lc->pl->arena, n);
        if (!text || !*text || strcmp(text, title) == 0 || g_hash_table_contains(seen, text))
            continue;
        g_hash_table_add(seen, (gpointer)text);
        g_hash_table_add(first, (gpointer)n);
    }
    g_hash_table_destroy(seen);
    return first;
}

static void start_document(lctx *lc, size_t k)
{
    open_chapter(lc, k);
    lc->doc = lc->pl->docs[k];
    lc->doc_index = (int)k;
    lc->lang = lc->doc->lang ? lc->doc->lang : "en";
    lc->text_lang = lc->lang;
    lc->text_rtl = lang_is_rtl(lc->lang);
    lc->lang_block = NULL;
    lc->min_heading_level = toc_min_level(lc->doc->root);
    lc->note_number = 0;
    lc->n_notes = 0;
    lc->footnotes = g_hash_table_new(g_direct_hash, g_direct_equal);
    lc->abbrs = first_abbrs(lc, lc->doc->root);
    lc->hyphen = lc->st->hyphenate ? hyphen_for(lc, lc->lang) : NULL;
    lctx_new_page(lc);
    lc->page->no_header = true;
}

static void end_document(lctx *lc)
{
    lctx_flush_float(lc);
    /* a heading that ends an issue has nothing to be kept with: the next
     * issue's (or part's) first page must not take it along */
    lc->keep.active = false;
    lctx_finish_page(lc);
    for (int i = 0; i < lc->n_notes; i++)
        ptext_free(&lc->notes[i]->text); /* shaped, never placed */
    lc->n_notes = 0;
    g_hash_table_destroy(lc->footnotes);
    lc->footnotes = NULL;
    g_hash_table_destroy(lc->abbrs);
    lc->abbrs = NULL;
    lc->hyphen = NULL;
    if (lc->tags.chapter)
        lctx_close(lc, lc->tags.chapter);
}

/* One pass of the layout; page_of: the pages of the destinations in the
 * previous pass (NULL: the first); page_refs gets the page printed for
 * each destination an internal link names; ahead (may be NULL) is asked
 * for each image placed, and the layout made holds it (borrowed). */
static folio_status layout_pass(render_run *r, fdiag *d, GHashTable *page_of,
                                GHashTable *page_refs, bool may_measure, const pstream *stream,
                                pdf_images *ahead, playout **out)
{
    *out = NULL;
    const fbook *bk = r->book;
    const folio_render_options *o = &r->opt;
    const folio_style *st = &r->style;
    playout *pl = calloc(1, sizeof *pl);
    if (!pl || !(pl->arena = arena_new())) {
        free(pl);
        return FOLIO_EOUTPUT;
    }
    pl->book = bk;
    pl->resources = r->resources;
    pl->docs = bk->docs;
    pl->n_docs = bk->n;
    pl->page_w = st->page_width;
    pl->page_h = st->page_height;
    pl->may_measure = may_measure;
    pl->held_pages_max = r->opt.limits.max_held_pages;
    pl->stream = stream;
    pl->context = text_fonts_context(r->fonts);
    pl->fonts = r->fonts;
    pl->shapes = shape_cache_new();
    pstruct_init(&pl->structure);
    pango_context_set_language(pl->context, pango_language_from_string(bk->lang));
    pl->math = pdf_math_new(r->fonts_dir, pl->context, st->font_body);
    pl->icons = pdf_icons_new(r->fonts_dir);
    if (!pl->math) {
        playout_drop(pl);
        return FOLIO_EOUTPUT;
    }

    pl->ahead = ahead;
    lctx lc = {.pl = pl, .st = st, .o = o, .d = d, .pc = pl->context, .lang = bk->lang,
               .text_lang = bk->lang, .text_rtl = lang_is_rtl(bk->lang),
               .doc_index = -1, .hyphen_dicts = r->hyphen_dicts,
               .hyphens = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify)text_hyphen_drop)};
    lc.page_of = page_of;
    lc.page_refs = page_refs;
    lc.placed = g_hash_table_new(g_str_hash, g_str_equal);
    lc.warned_images = g_hash_table_new(NULL, NULL);
    lc.top = st->margin_top;
    lc.bottom = st->page_height - st->margin_bottom;
    lc.left = lc.x = st->margin_left;
    lc.width = lc.w = st->page_width - st->margin_left - st->margin_right;
    lc.page_notes_tail = &lc.page_notes;

    size_t n = bk->n;
    bool compilation = bk->compilation, toc = bk->contents_page;
    toc_collect(pl);
    if (compilation) {
        pl->book_title = bk->title;
        lctx_new_page(&lc);
        lc.page->no_header = true;
        layout_cover(&lc);
        if (toc) {
            lctx_new_page(&lc);
            layout_toc(&lc);
        }
    }
    for (size_t k = 0; k < n; k++) {
        int part = bk->chapters[k].part;
        if (part >= 0 && bk->parts[part].first == k)
            layout_part_page(&lc, (size_t)part);
        start_document(&lc, k);
        layout_title_block(&lc);
        if (!compilation && toc)
            layout_toc(&lc);
        layout_blocks(&lc, bk->docs[k]->root);
        end_document(&lc);
        if (!page_of)
            book_progress(bk, k); /* in the first pass only */
    }
    playout_pages_final(pl, pl->n_pages);
    free(lc.notes);
    g_hash_table_destroy(lc.hyphens);
    g_hash_table_destroy(lc.placed);
    g_hash_table_destroy(lc.warned_images);
    if (lc.lost) {
        pl->ahead = NULL; /* the caller's */
        playout_drop(pl);
        return FOLIO_EOUTPUT;
    }
    *out = pl;
    return FOLIO_OK;
}

/* The page of every destination of pl (names copied). */
static GHashTable *dest_pages(const playout *pl)
{
    GHashTable *pages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (pl->measured) { /* every page is (playout_pages_final) */
        GHashTableIter it;
        gpointer name, page;
        g_hash_table_iter_init(&it, pl->dest_page);
        while (g_hash_table_iter_next(&it, &name, &page))
            g_hash_table_insert(pages, g_strdup(name), page);
        return pages;
    }
    for (size_t i = 0; i < pl->n_pages; i++)
        for (size_t k = 0; k < pl->pages[i].n; k++) {
            const pbox *b = &pl->pages[i].boxes[k];
            if (b->kind == PB_DEST && !g_hash_table_contains(pages, b->text))
                g_hash_table_insert(pages, g_strdup(b->text), GSIZE_TO_POINTER(i + 1));
        }
    return pages;
}

/* Whether every page printed after an internal link is its destination's. */
static bool page_refs_right(GHashTable *page_refs, GHashTable *pages)
{
    GHashTableIter it;
    gpointer dest, printed;
    g_hash_table_iter_init(&it, page_refs);
    while (g_hash_table_iter_next(&it, &dest, &printed))
        if (g_hash_table_lookup(pages, dest) != printed)
            return false;
    return true;
}

/* A pass's diagnostics, held until it is known to be the last. */
static void hold_diag(const folio_diag *m, void *user)
{
    folio_diag *copy = g_new(folio_diag, 1);
    *copy = *m;
    copy->file = g_strdup(m->file);
    copy->message = g_strdup(m->message);
    g_ptr_array_add(user, copy);
}

static void drop_diag(gpointer p)
{
    folio_diag *m = p;
    g_free((char *)m->file);
    g_free((char *)m->message);
    g_free(m);
}

#define LAYOUT_PASSES 4 /* a page reference that moves text can move a page */

/* A pass's layout dropped, what it borrowed kept. */
static void drop_pass(playout **pl)
{
    (*pl)->ahead = NULL;
    playout_drop(*pl);
    *pl = NULL;
}

/* Lays out until the page printed after every internal link is right
 * (one pass when there is none, or only backward ones); the last pass's
 * diagnostics are reported. With prepare_images, the images are decoded
 * as the layout places them (workers of the run's jobs) and the layout
 * made holds them for its painting. */
static folio_status build(render_run *r, bool may_measure, bool prepare_images, playout **out)
{
    GHashTable *page_of = NULL;
    pdf_images *ahead =
        prepare_images ? pdf_images_new(&r->opt.limits, r->opt.cache_dir, r->opt.jobs) : NULL;
    for (int pass = 1;; pass++) {
        GPtrArray *held = g_ptr_array_new_with_free_func(drop_diag);
        fdiag d;
        fdiag_init(&d, hold_diag, held);
        GHashTable *page_refs = g_hash_table_new(g_str_hash, g_str_equal);
        folio_status st = layout_pass(r, &d, page_of, page_refs, may_measure, NULL, ahead, out);
        if (st == FOLIO_OK && (*out)->measured && (*out)->images) {
            /* an image came after the layout began to measure: it is
             * painted from a held layout (images.c prepares ahead) */
            g_hash_table_destroy(page_refs);
            g_ptr_array_free(held, TRUE);
            drop_pass(out);
            may_measure = false;
            pass--;
            continue;
        }
        GHashTable *pages = st == FOLIO_OK ? dest_pages(*out) : NULL;
        bool last = !pages || pass == LAYOUT_PASSES || page_refs_right(page_refs, pages);
        g_hash_table_destroy(page_refs);
        if (last) {
            for (guint i = 0; i < held->len; i++) {
                const folio_diag *m = held->pdata[i];
                fdiag_report_kind(&r->diag, m->severity, m->kind, m->file, m->line, m->col, "%s",
                                  m->message);
            }
            g_ptr_array_free(held, TRUE);
            if (pages)
                g_hash_table_destroy(pages);
            if (st == FOLIO_OK && (*out)->measured)
                (*out)->page_of = page_of; /* the pass that paints is given the same */
            else if (page_of)
                g_hash_table_destroy(page_of);
            if (st != FOLIO_OK || (*out)->measured) { /* painted from another pass, if at all */
                if (*out)
                    (*out)->ahead = NULL;
                pdf_images_stop(ahead);
            }
            return st;
        }
        if (page_of)
            g_hash_table_destroy(page_of);
        page_of = pages;
        g_ptr_array_free(held, TRUE);
        drop_pass(out);
    }
}

folio_status playout_build(render_run *r, bool may_measure, playout **out)
{
    return build(r, may_measure, true, out);
}

static void drop_diag_silently(const folio_diag *m, void *user)
{
    (void)m;
    (void)user;
}

typedef struct streaming {
    render_run *run;
    pdf_painting *painting;
    folio_status status;
} streaming;

static void paint_final(void *user, playout *pl, size_t i)
{
    streaming *sm = user;
    if (i == 0)
        sm->painting = pdf_paint_begin(pl, &sm->run->opt, &sm->run->style, &sm->run->diag);
    if (sm->painting)
        pdf_paint_next(sm->painting);
}

folio_status pdf_stream(render_run *r, playout *measured, int out)
{
    int *toc_pages = malloc((measured->n_entries ? measured->n_entries : 1) * sizeof *toc_pages);
    if (!toc_pages)
        abort();
    for (size_t i = 0; i < measured->n_entries; i++)
        toc_pages[i] = measured->entries[i].page;
    size_t n_pages = measured->n_pages;
    GHashTable *page_of = measured->page_of;
    measured->page_of = NULL;
    playout_drop(measured); /* its structure tree, its words: not twice in memory */
    streaming sm = {.run = r};
    pstream stream = {.page_final = paint_final, .user = &sm, .toc_pages = toc_pages,
                      .n_pages = n_pages};
    /* the same pass again: its diagnostics were reported */
    fdiag d;
    fdiag_init(&d, drop_diag_silently, NULL);
    GHashTable *page_refs = g_hash_table_new(g_str_hash, g_str_equal);
    playout *pl = NULL;
    folio_status st = layout_pass(r, &d, page_of, page_refs, false, &stream, NULL, &pl);
    g_hash_table_destroy(page_refs);
    if (page_of)
        g_hash_table_destroy(page_of);
    if (st == FOLIO_OK && pl->n_pages != n_pages) {
        fdiag_error(&r->diag, NULL, 0, 0, "cannot write the PDF: its layout changed between passes");
        st = FOLIO_EOUTPUT;
    }
    if (sm.painting) {
        folio_status painted = pdf_paint_end(sm.painting, st == FOLIO_OK ? out : -1);
        if (st == FOLIO_OK)
            st = painted;
    } else if (st == FOLIO_OK) {
        st = FOLIO_EOUTPUT;
    }
    playout_drop(pl);
    free(toc_pages);
    return st;
}

/* The backend: the layout is made by new, painted by render. */
typedef struct pdf_job {
    render_run *run;
    playout *layout;
} pdf_job;

static folio_status pdf_new(render_run *r, void **self)
{
    pdf_job *job = calloc(1, sizeof *job);
    if (!job)
        return FOLIO_EOUTPUT;
    job->run = r;
    *self = job;
    return playout_build(r, true, &job->layout);
}

static folio_status pdf_render(void *self, int fd)
{
    pdf_job *job = self;
    if (job->layout->measured) {
        playout *measured = job->layout;
        job->layout = NULL;
        return pdf_stream(job->run, measured, fd);
    }
    return pdf_paint(job->layout, &job->run->opt, &job->run->style, &job->run->diag, fd);
}

static void pdf_free(void *self)
{
    pdf_job *job = self;
    playout_drop(job->layout);
    free(job);
}

const render_backend pdf_backend = {"pdf", pdf_new, NULL, pdf_free, pdf_render};

folio_status pdf_dump_layout(render_run *r, FILE *out)
{
    playout *pl;
    folio_status st = build(r, false, false, &pl); /* never painted */
    if (st != FOLIO_OK)
        return st;
    playout_dump(pl, out);
    playout_drop(pl);
    return ferror(out) ? FOLIO_EOUTPUT : FOLIO_OK;
}
