/* EPUB backend on documents built by hand (every node type), independent of
 * the parser: golden chapters, the zip's shape, links between issues,
 * image deduplication, reproducibility across time zones. Writes the books
 * into the folder given as argv[1] for the epubcheck tests.
 * UPDATE=1 rewrites the golden .xhtml files. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "../unit/check.h"
#include "../unit/diag_capture.h"
#include "../unit/tree_build.h"
#include "doc/doc.h"
#include "doc/tree.h"
#include "style/style.h"
#include "util/buf.h"
#include "util/path.h"

#define EPUB_TESTS FOLIO_TESTS_DIR "/epub"

/* ---- building trees ---- */

static fnode *image(fnode *parent, fnode_type t, const char *src, const char *alt)
{
    fnode *n = tree_add(parent, t);
    n->as.image->src = src;
    n->as.image->alt = alt;
    return n;
}

static folio_doc *new_doc(const char *path, const char *dir, const char *title, int year,
                          int month, int day)
{
    folio_doc *d = tree_doc(path, dir, "fr", title);
    d->meta.date = (fdate){.year = year, .month = month, .day = day, .valid = true};
    static const char *authors[] = {"Lino Galiana", "Ada Lovelace"};
    static const char *tags[] = {"infolettre", "données"};
    static const char *cats[] = {"Infolettre"};
    d->meta.authors = (fstrlist){authors, year == 2023 && month == 3 ? 1 : 2};
    d->meta.tags = (fstrlist){tags, 2};
    d->meta.categories = (fstrlist){cats, 1};
    return d;
}

/* Issue A: every block and inline type. */
static folio_doc *issue_a(void)
{
    folio_doc *d = new_doc(EPUB_TESTS "/issue_a/index.md", EPUB_TESTS "/issue_a",
                           "Infolettre de mars", 2023, 3, 5);
    d->meta.number = "11";
    d->meta.summary = "Le numéro <de> mars & ses nouvelles";
    fnode *r = d->root;

    fnode *callout = tree_add(r, FN_CALLOUT);
    callout->as.callout.kind = FCALLOUT_TIP;
    fnode *cap = tree_add(callout, FN_CAPTION);
    tree_text(cap, "Astuce du mois");
    tree_para(callout, "Inscrivez-vous à la liste.");
    fnode *warn = tree_add(r, FN_CALLOUT);
    warn->as.callout.kind = FCALLOUT_WARNING;
    warn->as.callout.collapsed = true;
    tree_para(warn, "Sans titre : le mot de la langue.");

    tree_heading(r, 1, "actualites", "Actualités");
    fnode *p = tree_para(r, "Voir ");
    tree_link(p, "#outils", "les outils");
    tree_text(p, ", ");
    tree_link(p, "../issue_b/", "le numéro suivant");
    tree_text(p, ", ");
    tree_link(p, "https://example.org/?a=1&b=2 x", "un site");
    tree_add(p, FN_SOFT_BREAK);
    fnode *em = tree_add(p, FN_EMPH);
    tree_text(em, "emph");
    fnode *strong = tree_add(p, FN_STRONG);
    tree_text(strong, "strong");
    fnode *strike = tree_add(p, FN_STRIKE);
    tree_text(strike, "barré");
    tree_text(p, " E=mc");
    fnode *sup = tree_add(p, FN_SUP);
    tree_text(sup, "2");
    tree_text(p, " H");
    fnode *sub = tree_add(p, FN_SUB);
    tree_text(sub, "2");
    tree_text(p, "O ");
    fnode *code = tree_add(p, FN_CODE);
    code->as.literal = "a < b && c";
    fnode *math = tree_add(p, FN_MATH);
    math->as.math.literal = "x^2";
    fnode *abbr = tree_add(p, FN_ABBR);
    abbr->as.abbr.title = "Institut national";
    tree_text(abbr, "Insee");
    fnode *span = tree_add(p, FN_SPAN);
    span->as.div.id = "marque";
    span->as.div.classes = "smallcaps  rouge";
    tree_text(span, "span");
    fnode *note_def = tree_add(NULL, FN_FOOTNOTE_DEF);
    note_def->as.footnote.label = "1";
    note_def->as.footnote.number = 1;
    fnode *ref = tree_add(p, FN_FOOTNOTE_REF);
    ref->as.footnote.label = "1";
    ref->as.footnote.number = 1;
    ref->as.footnote.def = note_def;
    tree_add(p, FN_LINE_BREAK);
    tree_text(p, "Bad\x01 control and \xff byte.");
    image(p, FN_IMAGE, "rgba.png", "un pixel")->as.image->height = (flen){16, FLEN_PX};
    image(p, FN_IMAGE, "https://example.org/remote.png", "distante");
    fnode *undefined = tree_add(p, FN_FOOTNOTE_REF);
    undefined->as.footnote.label = "absente";

    fnode *fig = image(r, FN_FIGURE, "lossy.webp", "Une image WebP");
    fig->as.image->width = (flen){50, FLEN_PERCENT};
    fig->as.image->align = FALIGN_CENTER;
    tree_text(tree_add(fig, FN_CAPTION), "Légende de la figure");
    image(r, FN_FIGURE, "copy.png", ""); /* the same bytes as rgba.png, and no alt */
    image(r, FN_FIGURE, "missing.png", "absente");
    fnode *jpeg = image(r, FN_FIGURE, "photo.jpg", "Une photo");
    jpeg->as.image->width = (flen){300, FLEN_PX};

    fnode *list = tree_add(r, FN_LIST);
    list->as.list.ordered = true;
    list->as.list.start = 3;
    list->as.list.tight = true;
    tree_para(tree_add(list, FN_ITEM), "trois");
    fnode *item = tree_add(list, FN_ITEM);
    tree_para(item, "quatre");
    fnode *inner = tree_add(item, FN_LIST);
    inner->as.list.tight = false;
    fnode *task = tree_add(inner, FN_ITEM);
    task->as.item.task = 1;
    tree_para(task, "fait");
    fnode *todo = tree_add(inner, FN_ITEM);
    todo->as.item.task = 0;
    tree_para(todo, "à faire");
    for (fnode *it = list->first; it; it = it->next)
        it->as.item.task = -1;

    tree_para(tree_add(r, FN_QUOTE), "Une citation.");
    fnode *cb = tree_add(r, FN_CODE_BLOCK);
    cb->as.code->lang = "python";
    cb->as.code->literal = "if a < b and c > d:\n    print(\"&\")\n";
    fnode *cell = tree_add(r, FN_CODE_BLOCK);
    cell->as.code->lang = "ojs";
    cell->as.code->executable = true;
    cell->as.code->literal = "viewof x = Inputs.range()\n";

    fnode *table = tree_add(r, FN_TABLE);
    table->as.table.columns = 2;
    table->as.table.header_rows = 1;
    table->as.table.aligns = arena_alloc(tree_arena, 2 * sizeof(falign));
    table->as.table.aligns[1] = FALIGN_RIGHT;
    const char *cells[3][2] = {{"Pays", "Cas"}, {"France", "12"}, {"Italie", "7"}};
    for (int i = 0; i < 3; i++) {
        fnode *row = tree_add(table, FN_TABLE_ROW);
        row->as.row.header = i == 0;
        for (int k = 0; k < 2; k++)
            tree_text(tree_add(row, FN_TABLE_CELL), cells[i][k]);
    }
    tree_add(r, FN_THEMATIC_BREAK);
    fnode *cols = tree_add(r, FN_COLUMNS);
    for (int i = 0; i < 2; i++) {
        fnode *col = tree_add(cols, FN_COLUMN);
        col->as.column.width = (flen){50, FLEN_PERCENT};
        tree_para(col, i ? "droite" : "gauche");
    }
    tree_heading(r, 2, "1-outils", "Outils");
    fnode *div = tree_add(r, FN_DIV);
    div->as.div.id = "outils";
    div->as.div.classes = "encadre";
    tree_para(div, "Dans un div.");
    tree_heading(r, 3, "detail", "Détail");
    fnode *card = tree_add(r, FN_LINK_CARD);
    card->as.card.url = "https://www.youtube.com/watch?v=abc&t=1";
    card->as.card.title = "Une vidéo";
    card->as.card.provider = "youtube";
    tree_add(r, FN_VSPACE);
    fnode *comment = tree_add(r, FN_HTML_COMMENT);
    comment->as.literal = "a -- b --> c -";
    tree_heading(r, 1, "actualites", "Doublon d'identifiant");
    fnode_append(r, note_def);
    tree_para(note_def, "Le texte de la note, avec un lien ");
    tree_link(note_def->first, "https://example.org", "externe");
    return d;
}

/* Issue B: links back to A by its site path, to a missing page, to a
 * missing anchor; an image that A has too; an SVG. */
static folio_doc *issue_b(void)
{
    folio_doc *d = new_doc(EPUB_TESTS "/issue_b/index.md", EPUB_TESTS "/issue_b",
                           "Infolettre d'avril", 2024, 4, 2);
    d->meta.image = "featured.png"; /* not in the body: shown under the title */
    fnode *r = d->root;
    tree_heading(r, 1, "retour", "Retour");
    fnode *p = tree_para(r, "Relire ");
    tree_link(p, "/infolettre/issue_a#actualites", "le numéro de mars");
    tree_text(p, ", ");
    tree_link(p, "/blog/ailleurs/", "un billet");
    tree_text(p, ", ");
    tree_link(p, "#nulle-part", "rien");
    tree_text(p, ".");
    image(r, FN_FIGURE, "same.png", "Le même pixel");
    image(r, FN_FIGURE, "shapes.svg", "Un rectangle");
    tree_heading(r, 2, "suite", "Suite");
    tree_para(r, "Fin.");

    /* Shapes the model should not have but must still give valid XHTML:
     * a paragraph straight in a list, an item outside any list, blocks
     * inside inlines, a URL with two '#'. */
    fnode *list = tree_add(r, FN_LIST);
    tree_para(tree_add(list, FN_ITEM), "un");
    tree_para(list, "égaré dans la liste");
    tree_para(tree_add(r, FN_ITEM), "item sans liste");
    fnode *p2 = tree_para(r, "Dans un paragraphe : ");
    fnode *em = tree_add(p2, FN_EMPH);
    fnode *inner = tree_add(em, FN_LIST);
    tree_para(tree_add(inner, FN_ITEM), "liste dans une emphase");
    fnode *l = tree_link(p2, "https://tchap.gouv.fr/#/room/#ssphub:agent", " salon ");
    tree_heading(l, 2, "titre-lien", "titre dans un lien");
    fnode *tbl = tree_add(l, FN_TABLE);
    tree_text(tree_add(tree_add(tbl, FN_TABLE_ROW), FN_TABLE_CELL), "cellule");
    /* Ids that never reach the page: in a flattened list, in a footnote
     * nobody references. Links to them stay text. */
    fnode *hidden = tree_add(tree_add(tree_para(tree_add(inner, FN_ITEM), NULL), FN_SPAN), FN_TEXT);
    hidden->as.literal = "caché";
    hidden->parent->as.div.id = "cache";
    fnode *unused = tree_add(r, FN_FOOTNOTE_DEF);
    unused->as.footnote.label = "jamais";
    tree_heading(unused, 2, "dans-la-note", "Titre dans une note");
    fnode *p3 = tree_para(r, "Liens morts : ");
    tree_link(p3, "#cache", "caché");
    tree_link(p3, "#dans-la-note", "note");
    return d;
}

/* ---- reading the result ---- */

static char *entry_text(zip_t *z, const char *name)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) < 0)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    char *s = calloc(1, st.size + 1);
    zip_fread(f, s, st.size);
    zip_fclose(f);
    return s;
}

static unsigned char *render(folio_doc **docs, size_t n, folio_style *style, capture *dg,
                             size_t *len, int embed_fonts)
{
    folio_render_options o;
    memset(&o, 0, sizeof o);
    o.embed_fonts = embed_fonts;
    o.toc = -1;
    o.toc_depth = 3;
    o.source_date_epoch = 1700000000;
    o.publisher = "SSPHub";
    o.diag = capture_fn;
    o.diag_user = dg;
    o.style = style;
    unsigned char *out = NULL;
    char *fonts = path_join(FOLIO_TESTS_DIR, "../fonts");
    o.fonts_dir = fonts;
    folio_status st = folio_render(docs, n, FOLIO_FORMAT_EPUB, &o, &out, len);
    free(fonts);
    CHECK(st == FOLIO_OK);
    return out;
}

static void check_golden(const char *got, const char *name)
{
    char *path = path_join(EPUB_TESTS, name);
    if (getenv("UPDATE")) {
        FILE *f = fopen(path, "w");
        fputs(got, f);
        fclose(f);
    }
    size_t len;
    char *want = path_read_file(path, 1 << 20, &len);
    CHECK(want != NULL);
    if (want && strcmp(want, got) != 0) {
        fprintf(stderr, "%s differs from the golden file (UPDATE=1 regenerates)\n", path);
        CHECK(!"golden");
    }
    free(want);
    free(path);
}

static void write_file(const char *dir, const char *name, const unsigned char *data, size_t len)
{
    char *path = path_join(dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
    free(path);
}

static void check_container(zip_t *z)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    CHECK(n > 8);
    zip_stat_t first;
    CHECK(zip_stat_index(z, 0, 0, &first) == 0);
    CHECK_STR(first.name, "mimetype");
    CHECK(first.comp_method == ZIP_CM_STORE);
    char *mt = entry_text(z, "mimetype");
    CHECK_STR(mt, "application/epub+zip");
    free(mt);
    /* Every entry carries the SOURCE_DATE_EPOCH time (read back in UTC). */
    setenv("TZ", "UTC0", 1);
    tzset();
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_index(z, (zip_uint64_t)i, 0, &st);
        /* DOS times have a 2-second resolution: 1700000000 is even. */
        CHECK(st.mtime == 1700000000);
    }
    unsetenv("TZ");
    tzset();
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        k++;
    return k;
}

int main(int argc, char **argv)
{
    const char *out_dir = argc > 1 ? argv[1] : ".";
    tree_arena = arena_new();
    folio_style style = {.arena = tree_arena};
    style_set_defaults(&style);

    folio_doc *single[] = {issue_a()};
    capture dg;
    capture_init(&dg, false);
    size_t len;
    unsigned char *epub = render(single, 1, &style, &dg, &len, 0);
    write_file(out_dir, "issue_a.epub", epub, len);
    zip_source_t *src = zip_source_buffer_create(epub, len, 0, NULL);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, NULL);
    CHECK(z != NULL);
    check_container(z);
    char *chapter = entry_text(z, "EPUB/issue-01.xhtml");
    CHECK(chapter != NULL);
    if (chapter)
        check_golden(chapter, "issue_a.xhtml");
    char *opf = entry_text(z, "EPUB/package.opf");
    CHECK(strstr(opf, "<dc:title>Infolettre de mars</dc:title>") != NULL);
    CHECK(strstr(opf, "properties=\"cover-image\"") != NULL);
    CHECK(strstr(opf, "<dc:publisher>SSPHub</dc:publisher>") != NULL);
    CHECK(strstr(opf, "2023-11-14T22:13:20Z") != NULL);
    CHECK(strstr(opf, "image/webp") == NULL);
    /* rgba.png and copy.png hold the same bytes: one file. */
    CHECK(count(opf, "media-type=\"image/png\"") == 1); /* pixel */
    /* the photo, the lossy opaque WebP converted to JPEG, the cover */
    CHECK(count(opf, "media-type=\"image/jpeg\"") == 3);
    CHECK(strstr(opf, "href=\"images/cover.jpg\" media-type=\"image/jpeg\"") != NULL);
    CHECK(strstr(capture_text(&dg), "'copy.png' has neither alt text nor caption") != NULL);
    CHECK(strstr(capture_text(&dg), "missing.png") != NULL);
    CHECK(strstr(capture_text(&dg), "remote.png") != NULL);
    free(opf);
    free(chapter);
    zip_close(z);
    free(epub);

    /* The compilation, in two time zones (in effect: tzset): the same bytes,
     * and the library leaves the process's time zone alone. */
    folio_doc *both[] = {single[0], issue_b()};
    capture dg2;
    capture_init(&dg2, false);
    setenv("TZ", "America/New_York", 1);
    tzset();
    size_t len_ny, len_tokyo;
    unsigned char *ny = render(both, 2, &style, &dg2, &len_ny, 0);
    CHECK_STR(getenv("TZ"), "America/New_York");
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    unsigned char *tokyo = render(both, 2, &style, &dg2, &len_tokyo, 0);
    CHECK(len_ny == len_tokyo && memcmp(ny, tokyo, len_ny) == 0);
    CHECK_STR(getenv("TZ"), "Asia/Tokyo");
    CHECK_STR(tzname[0], "JST");
    unsetenv("TZ");
    tzset();
    write_file(out_dir, "compilation.epub", ny, len_ny);
    src = zip_source_buffer_create(ny, len_ny, 0, NULL);
    z = zip_open_from_source(src, ZIP_RDONLY, NULL);
    check_container(z);
    char *b_chapter = entry_text(z, "EPUB/issue-02.xhtml");
    check_golden(b_chapter, "issue_b.xhtml");
    char *a_chapter = entry_text(z, "EPUB/issue-01.xhtml");
    CHECK(strstr(a_chapter, "href=\"issue-02.xhtml\"") != NULL);
    CHECK(strstr(b_chapter, "href=\"issue-01.xhtml#actualites\"") != NULL);
    CHECK(strstr(capture_text(&dg2), "/blog/ailleurs/") != NULL);
    CHECK(strstr(capture_text(&dg2), "link #cache: no such anchor") != NULL);
    CHECK(strstr(capture_text(&dg2), "link #dans-la-note: no such anchor") != NULL);
    char *nav = entry_text(z, "EPUB/nav.xhtml");
    check_golden(nav, "compilation-nav.xhtml");
    opf = entry_text(z, "EPUB/package.opf");
    CHECK(strstr(opf, "<dc:title>Infolettre 2023\u20132024</dc:title>") != NULL);
    CHECK(count(opf, "<dc:creator>") == 2);
    /* pixel (A and B), B's featured image; the WebP became a JPEG, the
     * cover is one */
    CHECK(count(opf, "media-type=\"image/png\"") == 2);
    CHECK(count(opf, "media-type=\"image/jpeg\"") == 3);
    CHECK(count(opf, "media-type=\"image/svg+xml\"") == 1);
    CHECK(strstr(opf, "<dc:date>2024-04-02</dc:date>") != NULL);
    char *ncx = entry_text(z, "EPUB/toc.ncx");
    CHECK(strstr(ncx, "<content src=\"issue-02.xhtml#retour\"/>") != NULL);
    /* a part per year, sharing its first issue's play order */
    CHECK(strstr(ncx, "playOrder=\"1\"><navLabel><text>2023</text>") != NULL);
    CHECK(strstr(ncx, "playOrder=\"1\"><navLabel><text>Infolettre de mars</text>") != NULL);
    free(ncx);
    free(opf);
    free(nav);
    free(a_chapter);
    free(b_chapter);
    zip_close(z);
    free(ny);
    free(tokyo);

    /* --embed-fonts: the style's three families, four faces each, declared
     * with @font-face. */
    capture dg3;
    capture_init(&dg3, false);
    unsigned char *with_fonts = render(single, 1, &style, &dg3, &len, 1);
    write_file(out_dir, "fonts.epub", with_fonts, len);
    src = zip_source_buffer_create(with_fonts, len, 0, NULL);
    z = zip_open_from_source(src, ZIP_RDONLY, NULL);
    opf = entry_text(z, "EPUB/package.opf");
    CHECK(count(opf, "media-type=\"font/ttf\"") == 12);
    char *css = entry_text(z, "EPUB/css/style.css");
    CHECK(count(css, "@font-face") == 12);
    /* a measure, centred; justified and hyphenated; emoji after the text fonts */
    CHECK(strstr(css, "max-width: 38em;\n  margin: 0 auto;") != NULL);
    CHECK(strstr(css, "text-align: justify;\n  -webkit-hyphens: auto;\n  -epub-hyphens: auto;\n"
                      "  hyphens: auto;") != NULL);
    CHECK(strstr(css, "serif, \"Noto Color Emoji\"") != NULL);
    CHECK(strstr(css, "src: url(\"../fonts/NotoSerif-BoldItalic.ttf\")") != NULL);
    /* pandoc's [words]{.smallcaps}, written as a span of that class */
    CHECK(strstr(css, "\n.smallcaps {\n  font-variant: small-caps;\n}") != NULL);
    /* Quarto's {{< pagebreak >}}, an empty div of that class */
    CHECK(strstr(css, "\n.pagebreak {\n  page-break-after: always;\n  break-after: page;\n}") !=
          NULL);
    free(css);
    free(opf);
    zip_close(z);
    free(with_fonts);

    /* no hyphenation: ragged, never justified with rivers */
    style.hyphenate = false;
    capture dg4;
    capture_init(&dg4, false);
    unsigned char *ragged = render(single, 1, &style, &dg4, &len, 0);
    src = zip_source_buffer_create(ragged, len, 0, NULL);
    z = zip_open_from_source(src, ZIP_RDONLY, NULL);
    css = entry_text(z, "EPUB/css/style.css");
    CHECK(strstr(css, "p {\n  margin: 0 0 0.57em 0;\n  text-align: left;\n}") != NULL);
    CHECK(strstr(css, "hyphens: auto") == NULL);
    free(css);
    zip_close(z);
    free(ragged);
    capture_free(&dg4);
    capture_free(&dg);
    capture_free(&dg2);
    capture_free(&dg3);
    arena_drop(tree_arena);
    return check_done();
}
