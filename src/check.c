/* folio check: what a conversion would warn of, without laying out pages
 * or writing a file. The run a conversion opens (render.c) warns of links
 * that cannot be followed, unprintable characters and images without a
 * description; here the resources the documents need are tried one by one,
 * as a rendering with the same options would find them, and the math font
 * tries their formulas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "doc/doc.h"
#include "doc/tree.h"
#include "folio.h"
#include "math/mlayout.h"
#include "util/datadir.h"
#include "util/diag.h"

/* The file a node was read from: the main source or an include. */
static const char *file_path(const folio_doc *doc, int file)
{
    return file > 0 && (size_t)file < doc->n_files ? doc->files[file] : doc->path;
}

/* An image a conversion could not show: the backends' warning. */
static bool check_image(book_resources *res, size_t i, const folio_doc *doc, const char *src,
                        int file, int line, fdiag *d)
{
    const char *why = NULL;
    if (book_image(res, i, src, &why))
        return true;
    fdiag_warn(d, file_path(doc, file), line, 0, "image '%s': %s; a placeholder is used", src,
               why ? why : "cannot be loaded");
    return false;
}

/* Formulas the math font cannot set (a character it lacks): the PDF shows
 * them as TeX, with the warning the conversion gives. */
static bool check_formulas(const folio_doc *doc, const folio_render_options *o, fdiag *d)
{
    mfont *font = NULL;
    bool ok = true, tried = false;
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_MATH || !n->as.math.tree)
            continue;
        if (!tried) {
            tried = true;
            char *dir = o->fonts_dir ? strdup(o->fonts_dir) : datadir_find("fonts");
            char *path = dir ? malloc(strlen(dir) + sizeof "/" MFONT_FILE) : NULL;
            const char *why;
            if (path) {
                sprintf(path, "%s/%s", dir, MFONT_FILE);
                font = mfont_open(path, &why);
            }
            free(path);
            free(dir);
        }
        if (!font)
            break; /* the conversion says so once, with the font's path */
        mlayout l;
        math_error err;
        if (!math_layout(font, n->as.math.tree, n->as.math.display, 10, &l, &err)) {
            const char *dollars = n->as.math.display ? "$$" : "$";
            fdiag_warn(d, file_path(doc, n->file), n->line, 0, "formula %s%s%s cannot be typeset (%s); it is shown as TeX",
                       dollars, n->as.math.literal, dollars, err.msg);
            ok = false;
        }
        mlayout_free(&l);
    }
    mfont_drop(font);
    return ok;
}

folio_status folio_check(folio_doc *const *docs, size_t n, const folio_render_options *o)
{
    /* the run a conversion opens warns of links, characters and images
     * without a description, as it does there */
    render_run r;
    folio_status st = render_run_open(&r, docs, n, o, BOOK_OUTPUT_ANY);
    if (st != FOLIO_OK) {
        render_run_close(&r);
        return st;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const folio_doc *doc = docs[i];
        if (doc->meta.image)
            ok &= check_image(r.resources, i, doc, doc->meta.image, 0, 0, &r.diag);
        /* Inline images carry no line of their own: use their block's. */
        const fnode *block = doc->root;
        for (const fnode *at = doc->root; at; at = fnode_next(doc->root, at, false)) {
            if (fnode_is_block(at))
                block = at;
            if (at->type == FN_IMAGE || at->type == FN_FIGURE)
                ok &= check_image(r.resources, i, doc, at->as.image->src, block->file,
                                  at->line ? at->line : block->line, &r.diag);
        }
        ok &= check_formulas(doc, &r.opt, &r.diag);
    }
    ok &= r.diag.warnings == 0;
    render_run_close(&r);
    return ok ? FOLIO_OK : FOLIO_EINPUT;
}
