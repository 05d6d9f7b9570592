/* Fuzz target: bytes as a Markdown source, then the EPUB backend — XHTML,
 * MathML, navigation, package and the libzip container — to memory.
 * Sources resolve local files in tests/fuzz/tree/. The style names a cover
 * image: drawing a cover for each input would spend most of the time in the
 * same text shaping; the bundled fonts are loaded once for every input (a
 * font map per input: 5 execs/s). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_cache.h"
#include "fuzz_source.h"
#include "style/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static folio_style *style;
    static folio_fonts *fonts;
    if (!style) {
        if (folio_style_load(NULL, NULL, &style) != FOLIO_OK)
            abort();
        style->cover_image = FUZZ_TREE_DIR "/image.png";
        if (folio_fonts_load(NULL, NULL, NULL, &fonts) != FOLIO_OK)
            abort();
    }
    folio_doc *doc = fuzz_source(data, len, len > 0 && data[0] & 1);
    if (!doc)
        return 0;
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.diag = fuzz_quiet;
    ro.style = style;
    ro.fonts = fonts;
    ro.cache_dir = fuzz_cache_dir();
    ro.source_date_epoch = 0;
    unsigned char *out;
    size_t out_len;
    if (folio_render(&doc, 1, FOLIO_FORMAT_EPUB, &ro, &out, &out_len) == FOLIO_OK)
        free(out);
    folio_doc_drop(doc);
    return 0;
}
