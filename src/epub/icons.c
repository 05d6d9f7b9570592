/* Font Awesome icons in the EPUB: a span with the icon's character in the
 * font of its style, role="img" and the name as its label (what a screen
 * reader says, and what shows where fonts are off), and the fonts the
 * chapters use, packaged cut down to their icons by HarfBuzz's subsetter
 * (opened on first use: most books have no icon), whole when it cannot be
 * had. */
#include <hb.h>
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "media.h"
#include "xml.h"
#include "doc/icons.h"
#include "util/lazylib.h"
#include "util/path.h"

/* fonts/icons/ and the families the CSS names them by, per ficon_style */
static const char *const files[FICON_STYLE_COUNT] = {"fa-solid-900.ttf", "fa-regular-400.ttf",
                                                     "fa-brands-400.ttf"};
static const char *const families[FICON_STYLE_COUNT] = {
    "Font Awesome 6 Free Solid", "Font Awesome 6 Free Regular", "Font Awesome 6 Brands"};

void epub_icon_put(epub_book *b, buf *o, const ficon *i)
{
    buf_printf(o, "<span class=\"fa-icon fa-%s\" role=\"img\"", ficon_style_name(i->style));
    xml_attr(o, "aria-label", i->name);
    if (i->size != 1.0f)
        buf_printf(o, " style=\"font-size: %gem\"", i->size);
    buf_printf(o, ">&#x%X;</span>", i->code);
    if (!b->icon_codes[i->style])
        b->icon_codes[i->style] = hb_set_create();
    hb_set_add(b->icon_codes[i->style], i->code);
}

static struct {
    __typeof__(&hb_subset_input_create_or_fail) input_create_or_fail;
    __typeof__(&hb_subset_input_unicode_set) input_unicode_set;
    __typeof__(&hb_subset_or_fail) or_fail;
    __typeof__(&hb_subset_input_destroy) input_destroy;
} subset;

static bool subset_open(void)
{
    static const char *const names[] = {"hb_subset_input_create_or_fail",
                                        "hb_subset_input_unicode_set", "hb_subset_or_fail",
                                        "hb_subset_input_destroy"};
    _Static_assert(sizeof subset == sizeof names, "one name per slot");
    return lazylib_open("libharfbuzz-subset.so.0", names, (void **)&subset,
                        sizeof names / sizeof *names);
}

/* The font at path holding only codes' glyphs; NULL when the subsetter
 * cannot be had or fails. */
static unsigned char *cut_down(const char *path, const hb_set_t *codes, size_t *len)
{
    if (!subset_open())
        return NULL;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    hb_subset_input_t *in = subset.input_create_or_fail();
    unsigned char *data = NULL;
    if (in) {
        hb_set_union(subset.input_unicode_set(in), codes);
        hb_face_t *cut = subset.or_fail(face, in);
        subset.input_destroy(in);
        hb_blob_t *out = cut ? hb_face_reference_blob(cut) : NULL;
        unsigned n = 0;
        const char *bytes = out ? hb_blob_get_data(out, &n) : NULL;
        if (n) {
            data = malloc(n);
            if (!data)
                abort();
            memcpy(data, bytes, n);
            *len = n;
        }
        hb_blob_destroy(out);
        hb_face_destroy(cut);
    }
    hb_face_destroy(face);
    return data;
}

void epub_icon_fonts(epub_book *b)
{
    for (int s = 0; s < FICON_STYLE_COUNT; s++) {
        if (!b->icon_codes[s] || !b->fonts_dir)
            continue;
        char *path = g_build_filename(b->fonts_dir, "icons", files[s], NULL);
        size_t len = 0;
        unsigned char *data = cut_down(path, b->icon_codes[s], &len);
        if (!data)
            data = (unsigned char *)path_read_file(path, 16u << 20, &len);
        if (data)
            epub_media_add_font(b, data, len, arena_printf(b->arena, "fonts/%s", files[s]),
                                families[s]);
        else
            fdiag_warn(b->diag, path, 0, 0, "cannot be read: the EPUB's icons have no font");
        g_free(path);
    }
}

void epub_icon_css(const epub_book *b, buf *o)
{
    bool any = false;
    for (int s = 0; s < FICON_STYLE_COUNT; s++) {
        if (!b->icon_codes[s])
            continue;
        any = true;
        buf_printf(o, ".fa-%s {\n  font-family: \"%s\";\n}\n", ficon_style_name((ficon_style)s),
                   families[s]);
    }
    if (any)
        buf_puts(o, ".fa-icon {\n  font-style: normal;\n  font-weight: normal;\n"
                    "  font-variant: normal;\n  line-height: 1;\n}\n");
}
