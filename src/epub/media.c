#include "media.h"

#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "prepare.h"
#include "util/path.h"

void epub_sha256_hex(const void *data, size_t len, char hex[65])
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, data, (gssize)len);
    memcpy(hex, g_checksum_get_string(sum), 64);
    hex[64] = '\0';
    g_checksum_free(sum);
}

void epub_items_free(epub_items *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->v[i].data);
    free(set->v);
    *set = (epub_items){0};
}

/* Adds data (taking ownership) unless the same bytes are already there;
 * returns the index of the item holding them. known_hex: data's digest when
 * the caller has it already, else NULL. */
static size_t add_unique(epub_book *b, epub_items *set, const char *folder, const char *prefix,
                         const char *media_type, const char *ext, unsigned char *data,
                         size_t len, const char *known_hex)
{
    char hex[65];
    if (known_hex)
        memcpy(hex, known_hex, sizeof hex);
    else
        epub_sha256_hex(data, len, hex);
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->v[i].sha256, hex) == 0 && set->v[i].len == len) {
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
    return set->n++;
}

/* The item already made from these source bytes (the same WebP in two
 * issues is converted once), or -1. */
static long find_source(const epub_items *set, const char *source_hex)
{
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->v[i].source_sha256, source_hex) == 0)
            return (long)i;
    }
    return -1;
}

static long load_image(epub_book *b, size_t chapter, const char *src, const char **why)
{
    /* found and read once per run, whichever backend asks (book/resources.h) */
    const fimg_bytes *img = book_image(b->resources, chapter, src, why);
    if (!img)
        return -1;
    char source_hex[65];
    epub_sha256_hex(img->data, img->len, source_hex);
    long known = find_source(&b->media, source_hex);
    if (known >= 0)
        return known;
    unsigned char *data = NULL;
    size_t len = 0;
    fimg_format format;
    /* Core types too: a corrupt raster is refused there, and an SVG that
     * points outside itself is redrawn without those references. Rasters
     * were converted ahead, on every core (prepare.c). */
    bool ok;
    if (!epub_prepared_take(b->prepared, img, &ok, &data, &len, &format, why))
        ok = fimg_to_core_media(img, &b->opt->limits, b->style->epub_image_max_side, &data, &len,
                                &format, why);
    bool as_is = ok && len == img->len && memcmp(data, img->data, len) == 0;
    if (!ok)
        return -1;
    size_t k = add_unique(b, &b->media, "images", "img", fimg_media_type(format),
                          fimg_extension(format), data, len, as_is ? source_hex : NULL);
    if (!b->media.v[k].source_sha256[0])
        memcpy(b->media.v[k].source_sha256, source_hex, sizeof source_hex);
    return (long)k;
}

const epub_item *epub_media_image(epub_book *b, size_t chapter, const char *src,
                                  const char **why)
{
    for (size_t i = 0; i < b->n_lookups; i++) {
        const epub_lookup *l = &b->lookups[i];
        if (l->chapter == chapter && strcmp(l->src, src) == 0) {
            *why = l->why;
            return l->item >= 0 ? &b->media.v[l->item] : NULL;
        }
    }
    if (b->n_lookups == b->cap_lookups) {
        b->cap_lookups = b->cap_lookups ? b->cap_lookups * 2 : 32;
        b->lookups = realloc(b->lookups, b->cap_lookups * sizeof *b->lookups);
        if (!b->lookups)
            abort();
    }
    const char *reason = NULL;
    long item = load_image(b, chapter, src, &reason);
    b->lookups[b->n_lookups++] = (epub_lookup){chapter, src, item, reason};
    *why = reason;
    return item >= 0 ? &b->media.v[item] : NULL;
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
                size_t k = add_unique(b, &b->fonts, "fonts", "font", "font/ttf", "ttf", data, len,
                                      NULL);
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
