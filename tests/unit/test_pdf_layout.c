/* The PDF layout on a document built by hand: pagination rules checked on
 * the boxes (TOC numbers, widows and orphans, headings kept with the next
 * block, notes on the page that cites them, table headers repeated, boxes
 * inside the text area), then the painted PDF's envelope. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tree_build.h"
#include "doc/tree.h"
#include "pdf/layout.h"
#include "pdf/pdf.h"
#include "render.h"

static const char *const words[] = {
    "la",        "publication", "des",        "données",    "statistiques", "permet",
    "aux",       "équipes",     "de",         "comparer",   "leurs",        "méthodes",
    "et",        "d'améliorer", "la",         "qualité",    "des",          "résultats",
    "obtenus",   "chaque",      "trimestre", "grâce",      "à",            "une",
    "meilleure", "documentation", "partagée", "entre",      "les",          "services"};

/* A paragraph of n words, numbered so each paragraph is different. */
static fnode *paragraph(fnode *parent, int n, int seed)
{
    fnode *p = tree_add(parent, FN_PARAGRAPH);
    char *s = arena_alloc(tree_arena, (size_t)n * 16 + 16);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += (size_t)sprintf(s + len, "%s%s", i ? " " : "",
                               words[(i * 7 + seed) % (sizeof words / sizeof words[0])]);
    tree_text(p, s);
    return p;
}

static fnode *footnote(folio_doc *doc, fnode *para, int number)
{
    fnode *def = fnode_new(tree_arena, FN_FOOTNOTE_DEF, 1);
    def->as.footnote.label = arena_printf(tree_arena, "%d", number);
    def->as.footnote.number = number;
    paragraph(def, 12, number);
    fnode_append(doc->root, def);
    fnode *ref = tree_add(para, FN_FOOTNOTE_REF);
    ref->as.footnote.label = def->as.footnote.label;
    ref->as.footnote.number = number;
    ref->as.footnote.def = def;
    doc->footnotes = number;
    return ref;
}

static folio_doc *build_doc(void)
{
    folio_doc *doc = tree_doc("hand.md", NULL, "fr", "Infolettre construite à la main");
    doc->meta.toc = 1;

    for (int s = 0; s < 4; s++) {
        tree_heading(doc->root, 2, arena_printf(tree_arena, "section-%d", s + 1), arena_printf(tree_arena, "Section %d", s + 1));
        for (int p = 0; p < 5; p++) {
            fnode *para = paragraph(doc->root, 60 + 13 * p, s * 5 + p);
            if (p == 2)
                footnote(doc, para, s + 1);
            if (p == 3) {
                fnode *link = tree_add(para, FN_LINK);
                link->as.link.url = "https://example.org/a(b)";
                tree_text(link, " un lien");
            }
        }
        tree_heading(doc->root, 3, arena_printf(tree_arena, "sous-%d", s + 1), arena_printf(tree_arena, "Sous-section %d", s + 1));
        fnode *list = tree_add(doc->root, FN_LIST);
        list->as.list.tight = true;
        for (int i = 0; i < 3; i++) {
            fnode *item = tree_add(list, FN_ITEM);
            item->as.item.task = i == 0 ? 1 : -1;
            paragraph(item, 8, i);
        }
    }
    fnode *table = tree_add(doc->root, FN_TABLE);
    table->as.table.columns = 3;
    table->as.table.header_rows = 1;
    for (int r = 0; r < 70; r++) {
        fnode *row = tree_add(table, FN_TABLE_ROW);
        row->as.row.header = r == 0;
        for (int c = 0; c < 3; c++)
            tree_text(tree_add(row, FN_TABLE_CELL), r == 0 ? arena_printf(tree_arena, "Colonne %c", 'A' + c)
                                                : arena_printf(tree_arena, "valeur %d.%d", r, c));
    }
    return doc;
}

static bool is_heading(const pbox *b)
{
    return b->kind == PB_LINE && b->tag >= PT_H1 && b->tag <= PT_H6;
}

static bool line_starts(const pbox *b, const char *prefix)
{
    if (b->kind != PB_LINE)
        return false;
    char *t = pbox_line_text(b);
    bool yes = strncmp(t, prefix, strlen(prefix)) == 0;
    free(t);
    return yes;
}

static void check_toc(const playout *pl)
{
    for (size_t i = 0; i < pl->n_entries; i++) {
        const ptoc_entry *e = &pl->entries[i];
        CHECK(e->page >= 1 && (size_t)e->page <= pl->n_pages);
        if (e->page < 1 || (size_t)e->page > pl->n_pages)
            continue;
        bool found = false;
        const ppage *p = &pl->pages[e->page - 1];
        for (size_t k = 0; k < p->n; k++)
            found |= p->boxes[k].kind == PB_DEST && strcmp(p->boxes[k].text, e->dest) == 0;
        CHECK(found);
    }
    /* the issue, its 4 sections and 4 subsections (depth 3: the issue counts) */
    CHECK(pl->n_entries == 9);
    CHECK(pl->entries[0].kind == BOOK_CHAPTER && pl->entries[0].level == 1);
    CHECK(pl->entries[1].kind == BOOK_SECTION && pl->entries[1].level == 2);
    CHECK(pl->entries[2].level == 3);
    int nums = 0;
    for (size_t i = 0; i < pl->n_pages; i++)
        for (size_t k = 0; k < pl->pages[i].n; k++)
            nums += pl->pages[i].boxes[k].kind == PB_TOCNUM;
    CHECK(nums == 9);
}

/* Lines of one paragraph on a page: never a lone first or last line. */
static void check_widows(const playout *pl)
{
    for (size_t i = 0; i + 1 < pl->n_pages; i++) {
        const ppage *p = &pl->pages[i], *q = &pl->pages[i + 1];
        const pbox *last = NULL, *first = NULL;
        for (size_t k = 0; k < p->n; k++)
            if (p->boxes[k].kind == PB_LINE && p->boxes[k].tag == PT_P)
                last = &p->boxes[k];
        for (size_t k = 0; k < q->n && !first; k++)
            if (q->boxes[k].kind == PB_LINE && q->boxes[k].tag == PT_P)
                first = &q->boxes[k];
        if (!last || !first || last->para != first->para)
            continue; /* the paragraph ends at the page foot */
        int before = 0, after = 0, total = tpara_n_lines(last->para);
        for (size_t k = 0; k < p->n; k++)
            before += p->boxes[k].kind == PB_LINE && p->boxes[k].para == last->para;
        for (size_t k = 0; k < q->n; k++)
            after += q->boxes[k].kind == PB_LINE && q->boxes[k].para == last->para;
        CHECK(before >= 2);
        CHECK(after >= 2 || before + after < total);
    }
}

static void check_pages(const playout *pl, const folio_style *st)
{
    int header_pages = 0, table_pages = 0;
    for (size_t i = 0; i < pl->n_pages; i++) {
        const ppage *p = &pl->pages[i];
        const pbox *last_line = NULL;
        bool table = false, header = false;
        for (size_t k = 0; k < p->n; k++) {
            const pbox *b = &p->boxes[k];
            if (b->kind == PB_LINE) {
                last_line = b;
                CHECK(b->y >= st->margin_top - 0.01);
                CHECK(b->y + b->h <= st->page_height - st->margin_bottom + 0.01);
                CHECK(b->x >= st->margin_left - 0.01);
                CHECK(b->x + b->w <= st->page_width - st->margin_right + 0.5);
                if (b->x + b->w > st->page_width - st->margin_right + 0.5) {
                    char *t = pbox_line_text(b);
                    fprintf(stderr, "  overflow: %.1f+%.1f \"%s\"\n", b->x, b->w, t);
                    free(t);
                }
                if (b->tag == PT_TABLE) {
                    table = true;
                    header |= line_starts(b, "Colonne A");
                }
            }
        }
        /* a heading is never the last line of a page */
        if (last_line)
            CHECK(!is_heading(last_line));
        table_pages += table;
        header_pages += table && header;
    }
    CHECK(table_pages >= 2);
    CHECK(header_pages == table_pages);
}

/* Each footnote printed once, on the page holding the link to it; a URL
 * note for each citation, on the citing page; the notes of every page
 * numbered in increasing order (the order of their marks). */
static void check_notes(const playout *pl)
{
    int footnotes = 0;
    for (size_t i = 0; i < pl->n_pages; i++) {
        const ppage *p = &pl->pages[i];
        for (size_t k = 0; k < p->n; k++) {
            const pbox *b = &p->boxes[k];
            int n;
            if (b->kind != PB_LINK || !b->internal || sscanf(b->text, "folio-fn-%d", &n) != 1)
                continue;
            footnotes++;
            char mark[8];
            snprintf(mark, sizeof mark, "%d.", n);
            int printed = 0, here = 0;
            for (size_t j = 0; j < pl->n_pages; j++)
                for (size_t q = 0; q < pl->pages[j].n; q++)
                    if (pl->pages[j].boxes[q].tag == PT_NOTE &&
                        line_starts(&pl->pages[j].boxes[q], mark)) {
                        printed++;
                        here += j == i;
                    }
            CHECK(printed == 1);
            CHECK(here == 1);
        }
    }
    CHECK(footnotes == 4);
    int url_pages = 0;
    for (size_t i = 0; i < pl->n_pages; i++) {
        int cited = 0, url_notes = 0, last = 0, last_link = -1;
        for (size_t k = 0; k < pl->pages[i].n; k++) {
            const pbox *b = &pl->pages[i].boxes[k];
            if (b->kind == PB_LINK && !b->internal && b->link_id != last_link) {
                cited++; /* a link broken over two lines is one citation */
                last_link = b->link_id;
            }
            int n;
            char *t = b->kind == PB_LINE && b->tag == PT_NOTE ? pbox_line_text(b) : NULL;
            if (t && sscanf(t, "%d.", &n) == 1) {
                CHECK(n > last);
                last = n;
                url_notes += strstr(t, "https://") != NULL;
            }
            free(t);
        }
        CHECK(url_notes == cited);
        url_pages += url_notes > 0;
    }
    CHECK(url_pages >= 2);
}

int main(void)
{
    tree_arena = arena_new();
    folio_doc *doc = build_doc();
    folio_style st = {.arena = tree_arena};
    style_set_defaults(&st);
    folio_render_options o;
    folio_render_options_init(&o);
    o.style = &st;
    render_run run;
    CHECK(render_run_open(&run, &doc, 1, &o, BOOK_OUTPUT_PDF) == FOLIO_OK);

    playout *pl = NULL;
    CHECK(playout_build(&run, false, &pl) == FOLIO_OK);
    if (pl) {
        CHECK(pl->n_pages >= 4);
        /* 4 links, 4 footnote references and their notes' links back, 9 TOC entries */
        CHECK(pl->n_links == 21);
        if (getenv("FOLIO_TEST_DUMP")) /* to read it */
            playout_dump(pl, stderr);
        check_toc(pl);
        check_widows(pl);
        check_pages(pl, &st);
        check_notes(pl);
        playout_drop(pl);
    }

    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK(folio_render(&doc, 1, FOLIO_FORMAT_PDF, &o, &pdf, &len) == FOLIO_OK);
    CHECK(len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
    const char *out = getenv("FOLIO_TEST_PDF");
    if (out && pdf) { /* to look at it */
        FILE *f = fopen(out, "wb");
        if (f) {
            fwrite(pdf, 1, len, f);
            fclose(f);
        }
    }
    free(pdf);
    CHECK(run.diag.errors == 0);
    render_run_close(&run);
    arena_drop(tree_arena);
    return check_done();
}
