/* A long PDF is laid out twice and painted page by page once it has more
 * pages than limits.max_held_pages (pdf.c): the same bytes as when every
 * page is held, with what reaches back or forward across pages — the
 * contents' page numbers, "{pages}" in the footer, page references of
 * internal links both ways, notes, code blocks split across pages (their
 * arrows go back to earlier pages), a landscape page for a wide table. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folio.h"
#include "pdf/layout.h"
#include "render.h"
#include "util/buf.h"

/* Whether the layout of doc with max_held_pages held comes back measured
 * (to be painted as laid out again), with how many pages. */
static bool measured(folio_doc *doc, size_t held, size_t *pages)
{
    folio_render_options o;
    folio_render_options_init(&o);
    o.limits.max_held_pages = held;
    render_run run;
    bool m = false;
    if (render_run_open(&run, &doc, 1, &o, BOOK_OUTPUT_PDF) == FOLIO_OK) {
        playout *pl = NULL;
        CHECK(playout_build(&run, true, &pl) == FOLIO_OK);
        m = pl && pl->measured;
        *pages = pl ? pl->n_pages : 0;
        playout_drop(pl);
    }
    render_run_close(&run);
    return m;
}

static void make_source(buf *b)
{
    buf_puts(b, "---\ntitle: Long\nlang: fr\ntoc: true\ndate: 2024-03-05\n---\n\n");
    buf_puts(b, "Voir [la fin](#section-40) et [le milieu](#section-20).\n\n");
    for (int i = 1; i <= 40; i++) {
        buf_printf(b, "# Section %d\n\n", i);
        for (int k = 0; k < 6; k++)
            buf_printf(b, "Paragraphe %d.%d avec assez de mots pour remplir une ligne ou deux "
                          "de texte justifié, et une note[^n%d-%d].\n\n[^n%d-%d]: La note %d.%d.\n\n",
                       i, k, i, k, i, k, i, k);
        if (i > 1)
            buf_printf(b, "Retour à [la section %d](#section-%d).\n\n", i - 1, i - 1);
        if (i % 10 == 3) {
            buf_puts(b, "```\n");
            for (int l = 0; l < 70; l++)
                buf_printf(b, "ligne_%d = une_fonction_au_nom_long(%d) + une_autre_fonction_encore_plus_longue(%d) * 2 + encore_une_fonction_pour_passer_la_ligne(%d)\n", l, l, l, l);
            buf_puts(b, "```\n\n");
        }
        if (i == 25) {
            buf_puts(b, "| A | B | C | D | E | F | G | H | I | J | K | L | M |\n");
            buf_puts(b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int r = 0; r < 5; r++)
                buf_puts(b, "| largeur | largeur | largeur | largeur | largeur | largeur | largeur "
                            "| largeur | largeur | largeur | largeur | largeur | largeur |\n");
            buf_puts(b, "\n");
        }
    }
}

static unsigned char *render(folio_doc *doc, size_t held, size_t *len)
{
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.limits.max_held_pages = held;
    unsigned char *out = NULL;
    CHECK(folio_render(&doc, 1, FOLIO_FORMAT_PDF, &ro, &out, len) == FOLIO_OK);
    return out;
}

static void test_streamed_is_held(void)
{
    buf src = {0};
    make_source(&src);
    folio_options o;
    folio_options_init(&o);
    folio_doc *doc = NULL;
    CHECK(folio_parse_memory(src.data, src.len, "long.md", ".", &o, &doc) == FOLIO_OK);
    if (!doc)
        return;
    size_t pages = 0;
    CHECK(!measured(doc, 0, &pages));
    CHECK(measured(doc, 2, &pages));
    CHECK(pages > 20);
    size_t held_len = 0, streamed_len = 0;
    unsigned char *held = render(doc, 0, &held_len);
    unsigned char *streamed = render(doc, 2, &streamed_len);
    CHECK(held && streamed);
    CHECK(held_len > 10000);
    CHECK(held_len == streamed_len);
    if (getenv("FOLIO_TEST_KEEP")) { /* to compare them */
        FILE *f = fopen("held.pdf", "wb");
        fwrite(held, 1, held_len, f);
        fclose(f);
        f = fopen("streamed.pdf", "wb");
        fwrite(streamed, 1, streamed_len, f);
        fclose(f);
    }
    CHECK(held && streamed && held_len == streamed_len && !memcmp(held, streamed, held_len));
    free(held);
    free(streamed);
    folio_doc_drop(doc);
    buf_free(&src);
}

int main(void)
{
    test_streamed_is_held();
    return check_done();
}
