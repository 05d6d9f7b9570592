/* Fuzz target: bytes as a Markdown source, then the PDF backend — layout
 * (two passes for the table of contents), pagination and painting with
 * cairo — to memory. Sources resolve local files in tests/fuzz/tree/. The
 * bundled fonts are loaded once for every input (as a server would): the
 * fuzzer spends its time in folio, not in fontconfig. */
#include <dirent.h>
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static char *cache_dir;

static void cache_dir_remove(void)
{
    DIR *d = opendir(cache_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *path = g_build_filename(cache_dir, e->d_name, NULL);
        unlink(path); /* "." and "..": refused */
        g_free(path);
    }
    if (d)
        closedir(d);
    rmdir(cache_dir);
    g_free(cache_dir);
}

/* folio's cache (the PDF's prepared images) in a folder of this process,
 * empty when it starts and removed when it ends: in the user's cache an
 * input's path depended on earlier runs and builds (an image read back
 * instead of decoded: 340 PCs fewer on a corpus replayed twice), and every
 * run filled it with its entries. */
static const char *fuzz_cache_dir(void)
{
    if (!cache_dir) {
        cache_dir = g_build_filename(g_get_tmp_dir(), "folio-fuzz-pdf-XXXXXX", NULL);
        if (!g_mkdtemp(cache_dir))
            abort();
        atexit(cache_dir_remove);
    }
    return cache_dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    folio_doc *doc = fuzz_source(data, len, false);
    if (!doc)
        return 0;
    static folio_fonts *fonts;
    if (!fonts && folio_fonts_load(NULL, NULL, NULL, &fonts) != FOLIO_OK)
        abort();
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.fonts = fonts;
    ro.cache_dir = fuzz_cache_dir();
    ro.diag = fuzz_quiet;
    ro.source_date_epoch = 0;
    ro.toc = len > 0 && data[len - 1] & 1;
    unsigned char *out;
    size_t out_len;
    if (folio_render(&doc, 1, FOLIO_FORMAT_PDF, &ro, &out, &out_len) == FOLIO_OK)
        free(out);
    folio_doc_drop(doc);
    return 0;
}
