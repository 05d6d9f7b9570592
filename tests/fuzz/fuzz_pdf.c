/* Fuzz target: bytes as a Markdown source, then the PDF backend — layout
 * (two passes for the table of contents), pagination and painting with
 * cairo — to memory. Sources resolve local files in tests/fuzz/tree/. The
 * bundled fonts are loaded once for every input (as a server would): the
 * fuzzer spends its time in folio, not in fontconfig. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_cache.h"
#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

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
