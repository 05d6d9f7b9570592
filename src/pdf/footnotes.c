/* Notes at the foot of the page: footnotes on the page of their first
 * reference, and (links: footnotes or qr) the URLs of external links, with
 * a QR code at their left under links: qr. Both share
 * one sequence per document, in the order the text cites them; a URL gets
 * a note at each citation, so that the notes of a page are always in the
 * order of its marks. Footnotes are found by definition in a hash table. */
#include <math.h>
#include <stdlib.h>

#include "engine.h"
#include "qr.h"

static pnote *note_new(lctx *lc)
{
    if (lc->n_notes == lc->cap_notes) {
        lc->cap_notes = lc->cap_notes ? 2 * lc->cap_notes : 8;
        lc->notes = realloc(lc->notes, (size_t)lc->cap_notes * sizeof *lc->notes);
        if (!lc->notes)
            abort();
    }
    pnote *n = arena_alloc(lc->pl->arena, sizeof *n);
    lc->notes[lc->n_notes++] = n;
    return n;
}

/* The width a note's QR code takes at the left of its text (its quiet
 * zone keeps the text apart): one column for the codes of most URLs (up
 * to 41 modules), so that the notes' numbers line up. */
static double qr_room(const pnote *n)
{
    return n->qr ? fmax(pqr_side(n->qr), (41 + 2 * PQR_QUIET) * PQR_MODULE) : 0;
}

pnote *lctx_footnote(lctx *lc, const fnode *ref)
{
    const fnode *def = ref->as.footnote.def;
    if (!def)
        return NULL;
    pnote *n = g_hash_table_lookup(lc->footnotes, def);
    if (n)
        return n;
    n = note_new(lc);
    g_hash_table_insert(lc->footnotes, (gpointer)def, n);
    n->def = def;
    n->number = ++lc->note_number;
    n->dest = pdf_dest_name(lc->pl, lc->doc_index, arena_printf(lc->pl->arena, "folio-fn-%d", n->number));
    n->back = pdf_dest_name(lc->pl, lc->doc_index,
                            arena_printf(lc->pl->arena, "folio-fnref-%d", n->number));
    return n;
}

pnote *lctx_url_note(lctx *lc, const char *url)
{
    pnote *n = note_new(lc);
    n->url = url;
    if (lc->st->links == FLINKS_QR)
        n->qr = pqr_encode(lc->pl->arena, url); /* too long for a code: the URL alone */
    n->number = ++lc->note_number;
    return n;
}

void lctx_shape_note(lctx *lc, pnote *n)
{
    if (n->shaped)
        return;
    n->shaped = true;
    ptext_note(lc, &n->text, n, lc->width - qr_room(n));
}

double pnote_height(const lctx *lc, const pnote *n)
{
    return fmax(ptext_height(&n->text), n->qr ? pqr_side(n->qr) : 0) + lc->st->size_small * 0.3;
}

double pnote_measure(lctx *lc, const char *url, const fnode *def)
{
    pnote *known = def ? g_hash_table_lookup(lc->footnotes, def) : NULL;
    if (lc->in_note || (known && known->placed_page) || (def == NULL && url == NULL))
        return 0;
    pnote n = {.number = lc->note_number + 1, .url = url, .def = def};
    /* the room of a code of up to 41 modules (qr_room) */
    double qr = lc->st->links == FLINKS_QR && url ? (41 + 2 * PQR_QUIET) * PQR_MODULE : 0;
    ptext_note(lc, &n.text, &n, lc->width - qr);
    double h = fmax(ptext_height(&n.text), qr) + lc->st->size_small * 0.3;
    ptext_free(&n.text);
    return h;
}

/* The notes of the current page, stacked up from the foot under a short rule. */
void lctx_place_notes(lctx *lc)
{
    if (!lc->page_notes)
        return;
    double y = lc->bottom - lc->notes_h;
    double sep = lc->st->size_body;
    /* at the start side of the document's text */
    double rule_x = lang_is_rtl(lc->lang) ? lc->left + lc->width * 0.75 : lc->left;
    lctx_add(lc, &(pbox){.kind = PB_RULE, .x = rule_x, .y = y + sep * 0.4,
                         .w = lc->width / 4, .h = 0.5, .color = lc->st->color_rule});
    y += sep;
    pmarker saved = lc->marker;
    lc->marker.pending = false;
    for (pnote *n = lc->page_notes; n; n = n->next) {
        if (n->dest)
            lctx_add(lc, &(pbox){.kind = PB_DEST, .x = lc->left, .y = y, .text = n->dest});
        /* a URL note printed again on a later page repeats what is tagged */
        bool artifact = lc->tags.artifact;
        lc->tags.artifact = artifact || !lctx_note_tagged(lc, n);
        if (n->qr) /* the code at the left, the number and the URL beside it */
            lctx_add(lc, &(pbox){.kind = PB_QR, .x = lc->left, .y = y, .w = pqr_side(n->qr),
                                 .h = pqr_side(n->qr), .qr = n->qr, .text = n->url});
        lctx_emit_lines(lc, &n->text, 0, ptext_n_lines(&n->text), lc->left + qr_room(n), y);
        lc->tags.artifact = artifact;
        lctx_tag_back_link(lc, n);
        y += pnote_height(lc, n);
        ptext_free(&n->text); /* its lines hold the paragraph now */
    }
    lc->marker = saved;
}
