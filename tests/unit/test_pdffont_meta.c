/* PDF metadata, outline, named destinations and links: a 3-page PDF with a
 * forward internal link, a backward one, an external link whose URL has
 * parentheses and an outline, finished by pdf_finish_file with metadata;
 * then qpdf --check is clean, pdfinfo shows the metadata and destinations,
 * and the link annotations (read from qpdf's QDF form) point where they
 * should: finishing keeps what cairo wrote. */
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <unistd.h>

#include "check.h"
#include "pdf/finish.h"
#include "pdf/meta.h"
#include "util/path.h"
#include "util/scratch.h"
#include "pdffont_run.h"

static void check_uri_escape(void)
{
    char *s = pdf_uri_escape("https://fr.wikipedia.org/wiki/Paris_(France)");
    CHECK_STR(s, "https://fr.wikipedia.org/wiki/Paris_%28France%29");
    free(s);
    s = pdf_uri_escape("https://a.fr/x y\\z'\"é?q=1&r=2#frag");
    CHECK_STR(s, "https://a.fr/x%20y%5Cz%27%22%C3%A9?q=1&r=2#frag");
    free(s);
}

static bool make_pdf(const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    /* Outline entries before their destinations exist. */
    int intro = pdf_meta_outline(s, 0, "Introduction", "intro", true);
    pdf_meta_outline(s, intro, "Suite", "Résumé (1)", false);
    pdf_meta_outline(s, 0, "Chapter 3", "chap-3", false);

    pdf_struct_begin(cr, "Document");
    pdf_struct_begin(cr, "P");
    cairo_move_to(cr, 72, 100);
    cairo_show_text(cr, "Forward, external and backward links");
    pdf_struct_end(cr, "P");
    pdf_rect forward = {72, 88, 100, 14};
    pdf_link_dest(cr, "chap-3", &forward, 1);
    /* A URL broken over two lines: two rectangles, one annotation. */
    pdf_rect external[2] = {{300, 88, 200, 14}, {72, 108, 50, 14}};
    pdf_link_uri(cr, "https://fr.wikipedia.org/wiki/Paris_(France)", external, 2);
    cairo_show_page(cr);

    pdf_dest(cr, "intro", 72, 200);
    pdf_dest(cr, "Résumé (1)", 72, 400);
    cairo_move_to(cr, 72, 200);
    cairo_show_text(cr, "Introduction");
    cairo_show_page(cr);

    /* A transformed context: rectangles and destinations follow it. */
    cairo_translate(cr, 0, 100);
    pdf_dest(cr, "chap-3", 72, 200);
    cairo_move_to(cr, 72, 200);
    cairo_show_text(cr, "Chapter 3");
    pdf_rect backward = {72, 300, 80, 14};
    pdf_link_dest(cr, "intro", &backward, 1);
    pdf_struct_end(cr, "Document");

    cairo_destroy(cr);
    cairo_surface_finish(s);
    bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    return ok;
}

/* Rewrites the PDF at path through pdf_finish_file with metadata. */
static bool finish(const char *path)
{
    int in = open(path, O_RDWR);
    pdf_finish f = {.info = {.title = "Infolettre 13",
                             .author = "Équipe R&D",
                             .subject = "Nouvelles (mars)",
                             .keywords = "science, ouverte",
                             .creator = "folio",
                             .producer = "folio (test)",
                             .lang = "fr",
                             .created = 1679270400, /* 2023-03-20T00:00:00Z */
                             .modified = 1679356800}};
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    int out = scratch_open();
    bool ok = in >= 0 && out >= 0 && pdf_finish_file(in, &f, &d, out) == FOLIO_OK;
    if (in >= 0)
        close(in);
    ok = ok && folio_write_file_fd(path, out) == FOLIO_OK;
    if (out >= 0)
        close(out);
    return ok;
}

/* The text of object "n 0 obj" … "endobj" in QDF output, malloc'ed. */
static char *object_text(const char *qdf, int n)
{
    char head[32];
    snprintf(head, sizeof head, "\n%d 0 obj\n", n);
    const char *start = strstr(qdf, head);
    const char *end = start ? strstr(start, "endobj") : NULL;
    return end ? strndup(start, (size_t)(end - start)) : strdup("");
}

/* The numbers after key ("/Rect [") as "a b c d", whitespace collapsed. */
static void numbers_after(const char *obj, const char *key, char *out, size_t size)
{
    const char *p = strstr(obj, key);
    out[0] = '\0';
    if (!p)
        return;
    p += strlen(key);
    size_t len = 0;
    for (; *p && *p != ']' && len + 1 < size; p++) {
        bool space = *p == ' ' || *p == '\n';
        if (space && (len == 0 || out[len - 1] == ' '))
            continue;
        out[len++] = space ? ' ' : *p;
    }
    while (len && out[len - 1] == ' ')
        len--;
    out[len] = '\0';
}

/* The link annotations of page 1-based page, one per line:
 * "dest NAME rect X0 Y0 X1 Y1" or "uri URI rect …". */
static char *page_links(const char *qdf, int page)
{
    char marker[32], line[512];
    snprintf(marker, sizeof marker, "%%%% Page %d\n", page);
    const char *p = strstr(qdf, marker);
    int page_obj = 0;
    /* The page object is the first "N 0 obj" line after the marker. */
    while (p && (p = strchr(p, '\n')) && sscanf(++p, "%d 0 obj", &page_obj) != 1)
        ;
    if (!p)
        return strdup("");
    char *page_dict = object_text(qdf, page_obj);
    char refs[256];
    numbers_after(page_dict, "/Annots [", refs, sizeof refs);
    free(page_dict);
    char *result = calloc(1, 4096);
    for (char *tok = strtok(refs, " "); tok; tok = strtok(NULL, " ")) {
        int ref = atoi(tok);
        strtok(NULL, " "); /* generation */
        strtok(NULL, " "); /* R */
        char *annot = object_text(qdf, ref);
        char rect[128], target[256] = "?";
        numbers_after(annot, "/Rect [", rect, sizeof rect);
        const char *dest = strstr(annot, "/Dest ("), *uri = strstr(annot, "/URI (");
        if (dest)
            snprintf(target, sizeof target, "dest %.*s", (int)strcspn(dest + 7, ")"), dest + 7);
        else if (uri)
            snprintf(target, sizeof target, "uri %.*s", (int)strcspn(uri + 6, ")"), uri + 6);
        snprintf(line, sizeof line, "%s rect %s\n", target, rect);
        strncat(result, line, 4095 - strlen(result));
        free(annot);
    }
    return result;
}

/* Sets LC_NUMERIC to a locale whose decimal point is ',': an installed
 * one, else one compiled with localedef into dir. False when impossible. */
static bool set_comma_locale(const char *dir)
{
    if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") || setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return true;
    int status;
    free(run(&status, "localedef -i fr_FR -f UTF-8 %s/fr_FR.UTF-8 >/dev/null 2>&1", dir));
    if (status != 0)
        return false;
    setenv("LOCPATH", dir, 1);
    return setlocale(LC_NUMERIC, "fr_FR.UTF-8") != NULL;
}

/* Under a French LC_NUMERIC, cairo 1.16 loses every link and breaks the
 * file unless the rendering runs between pdf_c_numeric_begin/end. */
static void check_comma_locale(const char *path)
{
    char dir[] = "/tmp/test_pdffont_meta-locale-XXXXXX";
    if (!mkdtemp(dir) || !set_comma_locale(dir)) {
        printf("skipped: no locale with a decimal comma (fr_FR), no localedef\n");
        return;
    }
    char number[16];
    snprintf(number, sizeof number, "%.1f", 1.5);
    CHECK_STR(number, "1,5");
    locale_t saved = pdf_c_numeric_begin();
    snprintf(number, sizeof number, "%.1f", 1.5);
    CHECK_STR(number, "1.5");
    CHECK(make_pdf(path));
    pdf_c_numeric_end(saved);
    snprintf(number, sizeof number, "%.1f", 1.5);
    CHECK_STR(number, "1,5");
    setlocale(LC_NUMERIC, "C");

    int status;
    char *out = run(&status, "qpdf --check %s 2>&1", path);
    CHECK(status == 0);
    free(out);
    out = run(&status, "pdfinfo -dests %s", path);
    CHECK(strstr(out, "\"chap-3\"") != NULL);
    free(out);
    free(run(NULL, "rm -rf %s", dir));
}

int main(void)
{
    check_uri_escape();

    char path[64], qdf_path[64];
    CHECK(temp_path(path, "test_pdffont_meta", ".pdf"));
    CHECK(temp_path(qdf_path, "test_pdffont_meta-qdf", ".pdf"));
    CHECK(make_pdf(path));
    CHECK(finish(path));

    int status;
    char *out = run(&status, "qpdf --check %s 2>&1", path);
    CHECK(status == 0);
    CHECK(strstr(out, "No syntax or stream encoding errors") != NULL);
    CHECK(strstr(out, "WARNING") == NULL);
    free(out);

    out = run(&status, "pdfinfo %s", path);
    CHECK(status == 0);
    CHECK(strstr(out, "Title:           Infolettre 13\n") != NULL);
    CHECK(strstr(out, "Author:          Équipe R&D\n") != NULL);
    CHECK(strstr(out, "Subject:         Nouvelles (mars)\n") != NULL);
    CHECK(strstr(out, "Keywords:        science, ouverte\n") != NULL);
    CHECK(strstr(out, "CreationDate:    Mon Mar 20 00:00:00 2023 UTC\n") != NULL);
    CHECK(strstr(out, "ModDate:         Tue Mar 21 00:00:00 2023 UTC\n") != NULL);
    CHECK(strstr(out, "Pages:           3\n") != NULL);
    CHECK(strstr(out, "Tagged:          yes\n") != NULL);
    free(out);

    /* Destinations: page, then x and y in PDF space (origin bottom left). */
    out = run(&status, "pdfinfo -dests %s", path);
    CHECK(strstr(out, "   2 [ XYZ   72  642 null      ] \"intro\"") != NULL);
    CHECK(strstr(out, "   2 [ XYZ   72  442 null      ] \"R_C3_A9sum_C3_A9_20_281_29\"") != NULL);
    CHECK(strstr(out, "   3 [ XYZ   72  542 null      ] \"chap-3\"") != NULL);
    free(out);

    free(run(&status, "qpdf --qdf --object-streams=disable %s %s", path, qdf_path));
    CHECK(status == 0);
    char *qdf = run(NULL, "cat %s", qdf_path);
    char *links = page_links(qdf, 1);
    CHECK_STR(links, "dest chap-3 rect 72 740 172 754\n"
                     "uri https://fr.wikipedia.org/wiki/Paris_%28France%29 rect 72 720 500 754\n");
    free(links);
    links = page_links(qdf, 2);
    CHECK_STR(links, "");
    free(links);
    links = page_links(qdf, 3);
    CHECK_STR(links, "dest intro rect 72 428 152 442\n");
    free(links);
    /* Outline: the entries with their destinations, nested as added. */
    CHECK(strstr(qdf, "/Dest (intro)\n  /F 0\n  /First") != NULL); /* has children */
    CHECK(strstr(qdf, "/Dest (R_C3_A9sum_C3_A9_20_281_29)\n  /Parent") != NULL);
    CHECK(strstr(qdf, "/Title (Suite)") != NULL);
    CHECK(strstr(qdf, "/Title (Chapter 3)") != NULL);
    free(qdf);
    check_comma_locale(path);
    unlink(path);
    unlink(qdf_path);
    return check_done();
}
