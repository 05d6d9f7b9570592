/* folio's command line for one PDF, but painted in parts of a few pages
 * (limits.max_surface_pages, which the command line does not set), so
 * that the checkers that run folio (tests/archival, parts.py) check the
 * merged file:
 *
 *   parts_folio [--parts K] SOURCE... -o OUT.pdf [--pdfa]
 *
 * K: pages a part (default 3; 0: the library's default, one part for a
 * short document). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio.h"

int main(int argc, char **argv)
{
    folio_fonts_claim_process(); /* as the command line does */
    folio_options po;
    folio_options_init(&po);
    folio_render_options ro;
    folio_render_options_init(&ro);
    size_t library_default = ro.limits.max_surface_pages;
    ro.limits.max_surface_pages = 3;
    const char *out = NULL;
    folio_doc *docs[16];
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--parts") && i + 1 < argc) {
            long k = atol(argv[++i]);
            ro.limits.max_surface_pages = k > 0 ? (size_t)k : library_default;
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out = argv[++i];
        } else if (!strcmp(argv[i], "--pdfa")) {
            ro.pdfa = 1;
        } else if (n < sizeof docs / sizeof *docs) {
            if (folio_parse_file(argv[i], &po, &docs[n]) != FOLIO_OK) {
                fprintf(stderr, "parts_folio: cannot read %s\n", argv[i]);
                return 1;
            }
            n++;
        } else {
            fprintf(stderr, "parts_folio: too many sources\n");
            return 2;
        }
    }
    if (!out || !n) {
        fprintf(stderr, "usage: parts_folio [--parts K] SOURCE... -o OUT.pdf [--pdfa]\n");
        return 2;
    }
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    folio_status st = fd < 0 ? FOLIO_EOUTPUT : folio_render_fd(docs, n, FOLIO_FORMAT_PDF, &ro, fd);
    if (fd >= 0 && close(fd) != 0)
        st = FOLIO_EOUTPUT;
    for (size_t i = 0; i < n; i++)
        folio_doc_drop(docs[i]);
    return st == FOLIO_OK ? 0 : 1;
}
