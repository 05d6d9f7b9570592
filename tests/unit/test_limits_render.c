/* The limits that act after parsing, through the public API: the output
 * size (both formats), the image pixel count and image file size of the
 * render options, for every image (a placeholder and a warning, never a
 * failed book), and a lowered input size. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag_capture.h"

static capture cap;
#include "folio.h"
#include "util/buf.h"



static const char source[] = "---\ntitle: Limites\n---\n# Titre\n\n![pixel](rgba.png)\n\nFin.\n";

static folio_doc *parse(const folio_limits *limits)
{
    folio_options o;
    folio_options_init(&o);
    o.limits = *limits;
    o.diag = capture_fn;
    o.diag_user = &cap;
    folio_doc *doc = NULL;
    capture_clear(&cap);
    CHECK(folio_parse_memory(source, strlen(source), "t.md", FOLIO_TESTS_DIR "/image", &o, &doc) ==
          FOLIO_OK);
    return doc;
}

static folio_status render(folio_doc *doc, folio_format fmt, const folio_limits *limits,
                           size_t max_output, size_t *len)
{
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.diag = capture_fn;
    ro.diag_user = &cap;
    ro.source_date_epoch = 0;
    if (limits)
        ro.limits = *limits;
    ro.limits.max_output_bytes = max_output;
    unsigned char *out = NULL;
    capture_clear(&cap);
    folio_status st = folio_render(&doc, 1, fmt, &ro, &out, len);
    CHECK((st == FOLIO_OK) == (out != NULL));
    free(out);
    return st;
}

static void test_output_size(void)
{
    folio_doc *doc = parse(&(folio_limits){0});
    if (!doc)
        return;
    for (int fmt = FOLIO_FORMAT_PDF; fmt <= FOLIO_FORMAT_EPUB; fmt++) {
        size_t len = 0;
        CHECK(render(doc, fmt, NULL, 0, &len) == FOLIO_OK);
        CHECK(len > 1000);
        CHECK(render(doc, fmt, NULL, len - 1, &len) == FOLIO_EOUTPUT);
        CHECK(len == 0);
        CHECK(strstr(capture_text(&cap), "error") != NULL);
        CHECK(strstr(capture_text(&cap), "limit of") != NULL);
        CHECK(render(doc, fmt, NULL, len + 1000000, &len) == FOLIO_OK);
    }
    folio_doc_drop(doc);
}

/* rgba.png is 16×8 pixels in 103 bytes: a limit of 5 pixels or 50 bytes refuses it. */
static void test_image_limits(void)
{
    const folio_limits cases[] = {{.max_image_pixels = 5}, {.max_image_bytes = 50}};
    const char *const reasons[] = {"too many pixels", "too large"};
    for (size_t i = 0; i < 2; i++) {
        folio_doc *doc = parse(&(folio_limits){0});
        if (!doc)
            continue;
        for (int fmt = FOLIO_FORMAT_PDF; fmt <= FOLIO_FORMAT_EPUB; fmt++) {
            size_t len;
            CHECK(render(doc, fmt, &cases[i], 0, &len) == FOLIO_OK);
            const char *s = capture_text(&cap);
            CHECK(strstr(s, "t.md:6:0: warning: image") != NULL);
            CHECK(strstr(s, reasons[i]) != NULL);
            if (!strstr(s, reasons[i]))
                fprintf(stderr, "diagnostics were:\n%s", s);
        }
        folio_doc_drop(doc);
    }
}

static void test_input_size(void)
{
    folio_options o;
    folio_options_init(&o);
    o.limits.max_input_bytes = 20;
    o.diag = capture_fn;
    o.diag_user = &cap;
    folio_doc *doc = NULL;
    capture_clear(&cap);
    CHECK(folio_parse_memory(source, strlen(source), "t.md", NULL, &o, &doc) == FOLIO_EINPUT);
    CHECK(doc == NULL);
    CHECK(strstr(capture_text(&cap), "exceeds the limit of 20 bytes") != NULL);
}

int main(void)
{
    capture_init(&cap, true);
    test_output_size();
    test_image_limits();
    test_input_size();
    capture_free(&cap);
    return check_done();
}
