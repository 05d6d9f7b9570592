/* GIF decoding with giflib: the first frame only, on a transparent canvas of
 * the logical screen size, honouring its transparent colour. Records are
 * read one by one so an animation's later frames are never decoded. */
#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"

typedef struct gif_source {
    const unsigned char *data;
    size_t len, pos;
} gif_source;

static int read_mem(GifFileType *gif, GifByteType *out, int n)
{
    gif_source *s = gif->UserData;
    size_t left = s->len - s->pos, want = n < 0 ? 0 : (size_t)n;
    if (want > left)
        want = left;
    memcpy(out, s->data + s->pos, want);
    s->pos += want;
    return (int)want;
}

/* Reads the extensions before the first image; returns the transparent
 * colour index from a graphics control block, or -1. */
static bool read_extension(GifFileType *gif, int *transparent)
{
    int code;
    GifByteType *ext;
    if (DGifGetExtension(gif, &code, &ext) != GIF_OK)
        return false;
    if (code == GRAPHICS_EXT_FUNC_CODE && ext) {
        GraphicsControlBlock gcb;
        if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
            *transparent = gcb.TransparentColor;
    }
    while (ext)
        if (DGifGetExtensionNext(gif, &ext) != GIF_OK)
            return false;
    return true;
}

static bool read_frame(GifFileType *gif, cairo_surface_t *s, int transparent, const char **why)
{
    if (DGifGetImageDesc(gif) != GIF_OK)
        return false;
    const GifImageDesc *desc = &gif->Image;
    const ColorMapObject *map = desc->ColorMap ? desc->ColorMap : gif->SColorMap;
    int fw = desc->Width, fh = desc->Height;
    int cw = cairo_image_surface_get_width(s), ch = cairo_image_surface_get_height(s);
    /* Only the part inside the canvas shows; a frame far larger than the
     * canvas would only cost decoding time. */
    if ((int64_t)fw * fh > 4 * (int64_t)cw * ch) {
        *why = "GIF frame far larger than the image";
        return false;
    }
    if (!map || fw <= 0 || fh <= 0)
        return false;
    GifPixelType *line = malloc((size_t)fw);
    if (!line)
        return false;
    unsigned char *pixels = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* Interlaced rows come in four passes. */
    static const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
    int passes = desc->Interlace ? 4 : 1;
    bool ok = true;
    for (int p = 0; p < passes && ok; p++) {
        for (int r = desc->Interlace ? start[p] : 0; r < fh && ok; r += desc->Interlace ? step[p] : 1) {
            if (DGifGetLine(gif, line, fw) != GIF_OK) {
                ok = false;
                break;
            }
            int y = desc->Top + r;
            if (y < 0 || y >= ch)
                continue;
            uint32_t *row = (uint32_t *)(void *)(pixels + (size_t)y * (size_t)stride);
            for (int c = 0; c < fw; c++) {
                int x = desc->Left + c;
                if (x < 0 || x >= cw || line[c] == transparent || line[c] >= map->ColorCount)
                    continue;
                const GifColorType *col = &map->Colors[line[c]];
                row[x] = fimg_pack(col->Red, col->Green, col->Blue, 255);
            }
        }
    }
    free(line);
    return ok;
}

cairo_surface_t *fimg_decode_gif(const unsigned char *d, size_t len, const char **why)
{
    gif_source src = {d, len, 0};
    int err;
    GifFileType *gif = DGifOpen(&src, read_mem, &err);
    if (!gif) {
        *why = "corrupt GIF";
        return NULL;
    }
    cairo_surface_t *s = fimg_surface_new(gif->SWidth, gif->SHeight, why);
    bool done = false;
    int transparent = -1;
    *why = "corrupt or truncated GIF";
    while (s && !done) {
        GifRecordType type;
        bool ok = DGifGetRecordType(gif, &type) == GIF_OK;
        if (ok && type == EXTENSION_RECORD_TYPE)
            ok = read_extension(gif, &transparent);
        else if (ok && type == IMAGE_DESC_RECORD_TYPE)
            ok = done = read_frame(gif, s, transparent, why);
        else
            ok = false; /* the end, or junk, before any image */
        if (!ok) {
            cairo_surface_destroy(s);
            s = NULL;
        }
    }
    DGifCloseFile(gif, &err);
    if (s)
        cairo_surface_mark_dirty(s);
    return s;
}
