/* Fuzz target: bytes as a Markdown source — encoding checks, front matter,
 * pre-pass (shortcodes, divs, includes, variables), md4c tree, typography —
 * then both model dumps and the EPUB backend to memory. Sources resolve
 * local files in tests/fuzz/tree/ (an image, an include, _variables.yml).
 * The style names a cover image: drawing a cover for each input would
 * spend most of the time in the same text shaping; the bundled fonts are
 * loaded once for every input (a font map per input: 5 execs/s). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "folio.h"
#include "style/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void quiet(const folio_diag *d, void *user) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static FILE *sink;
    static folio_style *style;
    static folio_fonts *fonts;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    if (!style) {
        if (folio_style_load(NULL, NULL, &style) != FOLIO_OK)
            abort();
        style->cover_image = FUZZ_TREE_DIR "/image.png";
        if (folio_fonts_load(NULL, NULL, NULL, &fonts) != FOLIO_OK)
            abort();
    }
    folio_options o;
    folio_options_init(&o);
    o.diag = quiet;
    o.fix_encoding = len > 0 && data[0] & 1;
    folio_doc *doc;
    if (folio_parse_memory((const char *)data, len, "fuzz.md", FUZZ_TREE_DIR, &o, &doc) != FOLIO_OK)
        return 0;
    folio_dump(doc, FOLIO_DUMP_TREE, sink);
    folio_dump(doc, FOLIO_DUMP_JSON, sink);
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.diag = quiet;
    ro.style = style;
    ro.fonts = fonts;
    ro.source_date_epoch = 0;
    unsigned char *out;
    size_t out_len;
    if (folio_render(&doc, 1, FOLIO_FORMAT_EPUB, &ro, &out, &out_len) == FOLIO_OK)
        free(out);
    folio_doc_drop(doc);
    return 0;
}
