/* folio_parse_memory/file and the document accessors: options, limits,
 * language precedence, diagnostics, source lines. */
#include <string.h>

#include "check.h"
#include "diag_capture.h"

static capture cap;
#include "doc/doc.h"
#include "doc/tree.h"
#include "folio.h"
#include "util/buf.h"



static folio_doc *parse(const char *text, folio_options *o, folio_status *st)
{
    folio_doc *doc = NULL;
    capture_clear(&cap);
    o->diag = capture_fn;
    o->diag_user = &cap;
    *st = folio_parse_memory(text, strlen(text), "t.md", NULL, o, &doc);
    return doc;
}

static void test_defaults(void)
{
    folio_options o;
    folio_options_init(&o);
    CHECK(o.limits.max_input_bytes == 16u << 20);
    CHECK(o.limits.max_line_bytes == 1u << 20);
    CHECK(o.limits.max_nesting == 64);
    CHECK(o.limits.max_include_depth == 8);
    CHECK(o.limits.max_table_cells == 100000);
    CHECK(o.limits.max_image_pixels == 100000000);
    CHECK(o.limits.max_image_bytes == 32u << 20);
    CHECK(o.limits.max_output_bytes == (size_t)1 << 30);
    CHECK(o.lang == NULL && o.fix_encoding == 0 && o.diag == NULL);
    folio_limits l = {.max_nesting = 5};
    folio_limits_fill(&l);
    CHECK(l.max_nesting == 5);
    CHECK(l.max_include_depth == 8);
    folio_doc_drop(NULL);
}

static void test_metadata(void)
{
    folio_options o;
    folio_options_init(&o);
    folio_status st;
    folio_doc *doc = parse("---\ntitle: Un titre\ndate: '2023-03-20T00:00:00Z'\ndraft: true\n"
                           "lang: fr\n---\n\n# Bonjour\n\nDu texte.\n",
                           &o, &st);
    CHECK(st == FOLIO_OK && doc);
    if (!doc)
        return;
    CHECK_STR(folio_doc_title(doc), "Un titre");
    CHECK_STR(folio_doc_lang(doc), "fr");
    CHECK(folio_doc_is_draft(doc) == 1);
    CHECK(folio_doc_date(doc) == 1679270400);
    CHECK_STR(folio_doc_path(doc), "t.md");
    fnode *h = doc->root->first;
    CHECK(h && h->type == FN_HEADING && h->line == 8 && h->as.heading.level == 1);
    CHECK(h && h->next && h->next->type == FN_PARAGRAPH && h->next->line == 10);
    CHECK_STR(h ? h->as.heading.id : NULL, "bonjour");
    folio_doc_drop(doc);

    /* A byte-order mark does not hide the front matter. */
    doc = parse("\xEF\xBB\xBF---\ntitle: BOM\n---\nText.\n", &o, &st);
    CHECK_STR(doc ? folio_doc_title(doc) : NULL, "BOM");
    CHECK(doc && doc->root->first && doc->root->first->line == 4);
    folio_doc_drop(doc);

    /* No front matter: empty title, no date, language guessed or "en". */
    doc = parse("Just a line.\n", &o, &st);
    CHECK(st == FOLIO_OK && doc);
    if (doc) {
        CHECK_STR(folio_doc_title(doc), "");
        CHECK(folio_doc_date(doc) == -1);
        CHECK(folio_doc_is_draft(doc) == 0);
        CHECK_STR(folio_doc_lang(doc), "en");
        CHECK(doc->root->first->line == 1);
    }
    folio_doc_drop(doc);
}

static void test_lang_precedence(void)
{
    folio_options o;
    folio_options_init(&o);
    folio_status st;
    o.lang = "de";
    folio_doc *doc = parse("---\nlang: fr\n---\nTexte.\n", &o, &st);
    CHECK_STR(doc ? folio_doc_lang(doc) : NULL, "de");
    folio_doc_drop(doc);
    o.lang = NULL;
    doc = parse("---\nlang: fr-CA\n---\nText.\n", &o, &st);
    CHECK_STR(doc ? folio_doc_lang(doc) : NULL, "fr-CA");
    folio_doc_drop(doc);
    doc = parse("Les données de la statistique publique sont diffusées dans un format qui est "
                "ouvert et que les utilisateurs de la data science apprécient pour les traitements "
                "de données volumineuses, avec des outils qui sont libres.\n",
                &o, &st);
    CHECK_STR(doc ? folio_doc_lang(doc) : NULL, "fr");
    folio_doc_drop(doc);
}

static void test_errors(void)
{
    folio_options o;
    folio_options_init(&o);
    folio_status st;
    folio_doc *doc = parse("Intro.\n\n::: {.callout-note}\nNever closed.\n", &o, &st);
    CHECK(st == FOLIO_EINPUT && doc == NULL);
    CHECK_STR(capture_text(&cap), "t.md:3:1: error: ::: {.callout-note} is never closed\n");

    o.limits.max_nesting = 3;
    doc = parse("> > > > four quotes\n", &o, &st);
    CHECK(st == FOLIO_EINPUT && doc == NULL);
    CHECK(strstr(capture_text(&cap), "nesting deeper than 3 levels") != NULL);
    doc = parse("> > two quotes and their paragraph\n", &o, &st);
    CHECK(st == FOLIO_OK && doc);
    folio_doc_drop(doc);

    folio_options_init(&o);
    o.limits.max_table_cells = 5;
    doc = parse("| a | b |\n|---|---|\n| c | d |\n| e | f |\n", &o, &st);
    CHECK(st == FOLIO_EINPUT && doc == NULL);
    CHECK(strstr(capture_text(&cap), "t.md:1:1: error: table of 6 cells exceeds the limit of 5") != NULL);

    o.limits.max_table_cells = 0;
    o.limits.max_line_bytes = 10;
    doc = parse("short\nthis line is too long\n", &o, &st);
    CHECK(st == FOLIO_EINPUT && doc == NULL);
    CHECK(strstr(capture_text(&cap), "t.md:2:") != NULL);

    folio_options_init(&o);
    doc = parse("", &o, &st);
    CHECK(st == FOLIO_EINPUT && doc == NULL);
    doc = NULL;
    capture_clear(&cap);
    o.diag = capture_fn;
    o.diag_user = &cap;
    CHECK(folio_parse_file(FOLIO_TESTS_DIR "/no/such/file.md", &o, &doc) == FOLIO_EINPUT);
    CHECK(doc == NULL && strstr(capture_text(&cap), "cannot read input") != NULL);
}

static void test_warnings(void)
{
    folio_options o;
    folio_options_init(&o);
    folio_status st;
    folio_doc *doc = parse("Line one.\n\nA {{< mystery x >}} and <blink>old</blink> and <blink>again</blink>.\n",
                           &o, &st);
    CHECK(st == FOLIO_OK && doc);
    CHECK_STR(capture_text(&cap),
              "t.md:3:3: warning: unknown shortcode {{< mystery x >}}; kept as text\n"
              "t.md:3:25: warning: HTML tag <blink> is not supported; its text content is kept\n");
    /* The unknown things are kept as text. */
    char *text = doc ? fnode_plain_text(doc->arena, doc->root->last) : NULL;
    CHECK_STR(text, "A {{< mystery x >}} and old and again.");
    folio_doc_drop(doc);
}

static void test_parse_file(void)
{
    folio_options o;
    folio_options_init(&o);
    o.diag = capture_fn;
    o.diag_user = &cap;
    folio_doc *doc = NULL;
    capture_clear(&cap);
    CHECK(folio_parse_file(FOLIO_TESTS_DIR "/golden/quarto_fr.qmd", &o, &doc) == FOLIO_OK);
    if (!doc)
        return;
    /* French typography reaches the front matter: no-break space before ":" */
    CHECK_STR(folio_doc_title(doc), "Quarto\u00a0: divs, variables et cellules");
    CHECK_STR(doc->dir, FOLIO_TESTS_DIR "/golden");
    CHECK(doc->n_files == 3);
    CHECK(doc->source && doc->source_len > 100);
    folio_doc_drop(doc);
}

int main(void)
{
    capture_init(&cap, true);
    test_defaults();
    test_metadata();
    test_lang_precedence();
    test_errors();
    test_warnings();
    test_parse_file();
    capture_free(&cap);
    return check_done();
}
