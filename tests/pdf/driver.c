/* The PDF tests' stand-in for the folio command until it lands, with the
 * same three forms:  driver IN... -o OUT.pdf | driver dump --layout IN... |
 * driver dump --json IN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio.h"
#include "pdf/pdf.h"
#include "util/datadir.h"

#define MAX_DOCS 64

int main(int argc, char **argv)
{
    folio_options o;
    folio_options_init(&o);
    bool dump = false, layout = false, json = false;
    const char *out = NULL;
    folio_doc *docs[MAX_DOCS];
    size_t n = 0;
    int i = 1;
    if (i < argc && !strcmp(argv[i], "dump")) {
        dump = true;
        i++;
    }
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--layout"))
            layout = true;
        else if (!strcmp(argv[i], "--json"))
            json = true;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (n == MAX_DOCS || folio_parse_file(argv[i], &o, &docs[n++]) != FOLIO_OK)
            return 1;
    }
    if (n == 0 || (!dump && !out))
        return 2;
    folio_status st = FOLIO_OK;
    folio_style *style = NULL;
    char *fonts = datadir_find("fonts");
    folio_render_options ro = {.toc = -1, .toc_depth = 3, .source_date_epoch = -1};
    fdiag d;
    fdiag_init(&d, NULL, NULL);
    if (dump && !layout)
        st = folio_dump(docs[0], json ? FOLIO_DUMP_JSON : FOLIO_DUMP_TREE, stdout);
    else if ((st = folio_style_load(NULL, &o, &style)) != FOLIO_OK)
        ;
    else if (dump)
        st = pdf_dump_layout(docs, n, &ro, style, fonts, &d, stdout);
    else {
        unsigned char *pdf;
        size_t len;
        st = pdf_render(docs, n, &ro, style, fonts, &d, &pdf, &len);
        if (st == FOLIO_OK) {
            FILE *f = fopen(out, "wb");
            if (!f || fwrite(pdf, 1, len, f) != len)
                st = FOLIO_EOUTPUT;
            if (f && fclose(f))
                st = FOLIO_EOUTPUT;
            free(pdf);
        }
    }
    for (size_t k = 0; k < n; k++)
        folio_doc_drop(docs[k]);
    folio_style_drop(style);
    free(fonts);
    return (int)st;
}
