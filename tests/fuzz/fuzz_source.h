/* What the Markdown targets share: the input read as a source of
 * tests/fuzz/tree/ (fuzz.md), every diagnostic dropped. */
#ifndef FOLIO_FUZZ_SOURCE_H
#define FOLIO_FUZZ_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folio.h"

static void fuzz_quiet(const folio_diag *d, void *user)
{
    (void)d;
    (void)user;
}

/* The model of data (fix_encoding: as --fix-encoding); NULL when folio
 * refuses it. */
static folio_doc *fuzz_source(const uint8_t *data, size_t len, bool fix_encoding)
{
    folio_options o;
    folio_options_init(&o);
    o.diag = fuzz_quiet;
    o.fix_encoding = fix_encoding;
    folio_doc *doc;
    if (folio_parse_memory((const char *)data, len, "fuzz.md", FUZZ_TREE_DIR, &o, &doc) != FOLIO_OK)
        return NULL;
    return doc;
}

#endif
