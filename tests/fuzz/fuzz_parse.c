/* Fuzz target: bytes as a Markdown source — encoding checks, front matter,
 * pre-pass (shortcodes, divs, includes, variables), md4c tree, typography —
 * then both model dumps. Sources resolve local files in tests/fuzz/tree/
 * (an image, an include, _variables.yml). The EPUB backend has its own
 * target (fuzz_epub.c): writing and zipping a book per input (seven
 * deflate streams) took 18% of this target's time, the dumps 13%. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    folio_doc *doc = fuzz_source(data, len, len > 0 && data[0] & 1);
    if (!doc)
        return 0;
    folio_dump(doc, FOLIO_DUMP_TREE, sink);
    folio_dump(doc, FOLIO_DUMP_JSON, sink);
    folio_doc_drop(doc);
    return 0;
}
