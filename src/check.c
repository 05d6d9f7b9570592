/* folio check: the resources a document needs, tried one by one. */
#include "doc/doc.h"
#include "doc/tree.h"
#include "folio.h"
#include "image/image.h"
#include "image/remote.h"
#include "util/diag.h"

static bool check_image(const folio_doc *doc, const char *src, int file, int line, fdiag *d)
{
    fimg_bytes b;
    const char *why = NULL;
    if (fimg_load(doc, src, &b, &why)) {
        fimg_bytes_free(&b);
        return true;
    }
    const char *path = file > 0 && (size_t)file < doc->n_files ? doc->files[file] : doc->path;
    fdiag_warn(d, path, line, 0, "image '%s': %s", src, why ? why : "cannot be loaded");
    return false;
}

folio_status folio_check_resources(const folio_doc *doc, const folio_options *o)
{
    fdiag d;
    fdiag_init(&d, o ? o->diag : NULL, o ? o->diag_user : NULL);
    /* Its remote images at once, within one deadline; they hang on the
     * document (not otherwise changed) while it is checked. */
    folio_doc *mutable_doc = (folio_doc *)doc;
    fimg_remote *remote = fimg_remote_fetch(&mutable_doc, 1, (long)doc->limits.fetch_total_ms);
    mutable_doc->remote = remote;
    bool ok = true;
    if (doc->meta.image)
        ok &= check_image(doc, doc->meta.image, 0, 0, &d);
    /* Inline images carry no line of their own: use their block's. */
    const fnode *block = doc->root;
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (fnode_is_block(n))
            block = n;
        if (n->type == FN_IMAGE || n->type == FN_FIGURE)
            ok &= check_image(doc, n->as.image.src, block->file, n->line ? n->line : block->line,
                              &d);
    }
    mutable_doc->remote = NULL;
    fimg_remote_free(remote);
    return ok ? FOLIO_OK : FOLIO_EINPUT;
}
