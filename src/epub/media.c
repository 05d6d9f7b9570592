#include "media.h"

#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "prepare.h"
#include "util/digest.h"
#include "util/path.h"

const char *epub_image_digest(epub_book *b, const fimg_bytes *img)
{
    if (!b->image_digests)
        b->image_digests = g_hash_table_new(g_direct_hash, g_direct_equal);
    char *hex = g_hash_table_lookup(b->image_digests, img);
    if (!hex) {
        hex = arena_alloc(b->arena, 65);
        digest_sha256_hex(img->data, img->len, hex);
        g_hash_table_insert(b->image_digests, (gpointer)img, hex);
    }
    return hex;
}

void epub_items_free(epub_items *set)
{
    for (size_t i = 0; i < set->n; i++)
        if (!set->v[i].borrowed)
            free(set->v[i].data);
    free(set->v);
    *set = (epub_items){0};
}

/* Adds data (taking ownership unless borrowed) unless the same bytes are
 * already there; returns the index of the item holding them. known: data's
 * SHA-256 when the caller has it (NULL: computed here). */
static size_t add_unique(epub_book *b, epub_items *set, const char *folder, const char *prefix,
                         const char *media_type, const char *ext, unsigned char *data,
                         size_t len, const char *known, bool borrowed)
{
    char hex[65];
    if (known)
        memcpy(hex, known, sizeof hex);
    else
        digest_sha256_hex(data, len, hex);
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->v[i].sha256, hex) == 0 && set->v[i].len == len) {
            if (!borrowed)
                free(data);
            return i;
        }
    }
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->v = realloc(set->v, set->cap * sizeof *set->v);
        if (!set->v)
            abort();
    }
    epub_item *it = &set->v[set->n];
    *it = (epub_item){0};
    memcpy(it->sha256, hex, sizeof hex);
    /* Named by content: the same images give the same names, build after build. */
    it->href = arena_printf(b->arena, "%s/%.16s.%s", folder, hex, ext);
    it->id = arena_printf(b->arena, "%s-%.16s", prefix, hex);
    it->media_type = media_type;
    it->data = data;
    it->len = len;
    it->borrowed = borrowed;
    return set->n++;
}

/* What became of an image's content: its item, or why there is none. */
typedef struct image_use {
    long item; /* in media; -1: unusable */
    const char *why;
} image_use;

/* The content converted (ahead, on every core, when prepare.c could) and
 * stored once per distinct result. */
static image_use convert(epub_book *b, const fimg_bytes *img)
{
    unsigned char *data = NULL;
    size_t len = 0;
    fimg_format format;
    const char *why = NULL;
    bool ok;
    /* Core types too: a corrupt raster is refused there, and an SVG that
     * points outside itself is redrawn without those references. */
    if (!epub_prepared_take(b->prepared, img, &ok, &data, &len, &format, &why))
        ok = fimg_to_core_media(img, &b->opt->limits, b->style->epub_image_max_side, &data, &len,
                                &format, &why);
    if (!ok)
        return (image_use){-1, why};
    bool borrowed = data == NULL; /* prepared as it is: its own bytes */
    if (borrowed) {
        data = img->data;
        len = img->len;
    }
    /* most images go as they are: their digest is the source's, maybe known */
    bool copied = borrowed || (len == img->len && memcmp(data, img->data, len) == 0);
    size_t k = add_unique(b, &b->media, "images", "img", fimg_media_type(format),
                          fimg_extension(format), data, len,
                          copied ? epub_image_digest(b, img) : NULL, borrowed);
    return (image_use){(long)k, NULL};
}

const epub_item *epub_media_image(epub_book *b, size_t chapter, const char *src,
                                  const char **why)
{
    /* found and read once per run, whichever backend asks; equal files are
     * one fimg_bytes (book/resources.h) */
    const fimg_bytes *img = book_image(b->resources, chapter, src, why);
    if (!img)
        return NULL;
    if (!b->image_items)
        b->image_items = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    image_use *use = g_hash_table_lookup(b->image_items, img);
    if (!use) {
        use = g_new(image_use, 1);
        *use = convert(b, img);
        g_hash_table_insert(b->image_items, (gpointer)img, use);
    }
    *why = use->why;
    return use->item >= 0 ? &b->media.v[use->item] : NULL;
}

/* "Noto Serif" → "NotoSerif", the bundled files' prefix. */
static char *file_prefix(const char *family)
{
    char *p = malloc(strlen(family) + 1), *q = p;
    if (!p)
        abort();
    for (; *family; family++) {
        if (*family != ' ')
            *q++ = *family;
    }
    *q = '\0';
    return p;
}

void epub_media_add_font(epub_book *b, unsigned char *data, size_t len, const char *href,
                         const char *family)
{
    size_t before = b->fonts.n;
    size_t k = add_unique(b, &b->fonts, "fonts", "font", "font/ttf", "ttf", data, len, NULL, false);
    if (b->fonts.n > before) {
        b->fonts.v[k].href = href;
        b->fonts.v[k].family = family;
    }
}

void epub_media_fonts(epub_book *b)
{
    if (!b->fonts_dir)
        return;
    const char *families[] = {b->style->font_body, b->style->font_heading, b->style->font_mono};
    static const char *const faces[] = {"Regular", "Bold", "Italic", "BoldItalic"};
    for (size_t f = 0; f < sizeof families / sizeof *families; f++) {
        if (!families[f])
            continue;
        char *prefix = file_prefix(families[f]);
        for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
            char *name = g_strdup_printf("%s-%s.ttf", prefix, faces[i]);
            char *path = path_join(b->fonts_dir, name);
            size_t len;
            unsigned char *data = (unsigned char *)path_read_file(path, 64u << 20, &len);
            if (data) {
                size_t before = b->fonts.n;
                size_t k =
                    add_unique(b, &b->fonts, "fonts", "font", "font/ttf", "ttf", data, len, NULL,
                               false);
                if (b->fonts.n > before) {
                    /* Readable names: the CSS @font-face rules use them. */
                    b->fonts.v[k].href = arena_printf(b->arena, "fonts/%s", name);
                    b->fonts.v[k].family = families[f];
                    b->fonts.v[k].bold = strstr(faces[i], "Bold") != NULL;
                    b->fonts.v[k].italic = strstr(faces[i], "Italic") != NULL;
                }
            }
            free(path);
            g_free(name);
        }
        free(prefix);
    }
}
