#include "featured.h"

#include <string.h>

#include "tree.h"

const char *doc_featured_image(const folio_doc *doc)
{
    const char *src = doc->meta.image;
    if (!src || !*src)
        return NULL;
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if ((n->type == FN_IMAGE || n->type == FN_FIGURE) && n->as.image->src &&
            strcmp(n->as.image->src, src) == 0)
            return NULL;
    }
    return src;
}
