#include "alt.h"

#include <string.h>

#include "doc/tree.h"

const char *book_image_alt(arena *a, const fimage *img, const fnode *caption)
{
    if (img->alt && img->alt[0])
        return img->alt;
    const char *text = caption ? fnode_plain_text(a, caption) : NULL;
    return text && text[0] ? text : NULL;
}

void book_warn_undescribed(const fbook *b, book_resources *res)
{
    for (size_t i = 0; i < b->n; i++) {
        const folio_doc *doc = b->chapters[i].doc;
        for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
            if (n->type != FN_IMAGE && n->type != FN_FIGURE)
                continue;
            const char *why;
            const fnode *caption = n->type == FN_FIGURE ? fnode_caption(n) : NULL;
            if (book_image_alt(b->arena, n->as.image, caption) || !book_image(res, i, n->as.image->src, &why))
                continue;
            const char *src = n->as.image->src;
            if (strncmp(src, "data:", 5) == 0) /* an inline <svg>: its source says nothing */
                book_warn(b, i, n,
                          "an inline image (%.*s) has neither alt text nor caption: a reader who "
                          "cannot see it is told only that it is an image",
                          (int)strcspn(src, ",;"), src);
            else
                book_warn(b, i, n,
                          "image '%s' has neither alt text nor caption: a reader who cannot see "
                          "it is told only its file name",
                          src);
        }
    }
}
