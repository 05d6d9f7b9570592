/* folio check: the resources a document needs, tried one by one, as a
 * rendering with the same options would find them, whether its images
 * tell a reader who cannot see them what they show, and whether the math
 * font can set its formulas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/resources.h"
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

static bool check_image(book_resources *res, const folio_doc *doc, const char *src, int file,
                        int line, fdiag *d)
{
    const char *why = NULL;
    if (book_image(res, 0, src, &why))
        return true;
    fdiag_warn(d, file_path(doc, file), line, 0, "image '%s': %s", src, why ? why : "cannot be loaded");
    return false;
}

/* What a conversion warns of in the PDF (pdf/layout_image.c): a figure's
 * /Alt comes from its alt text, else its caption. */
static void check_described(const folio_doc *doc, const fnode *n, int file, int line, fdiag *d)
{
    if (n->as.image.alt && n->as.image.alt[0])
        return;
    const fnode *caption = n->type == FN_FIGURE && n->first && n->first->type == FN_CAPTION
                               ? n->first
                               : NULL;
    if (caption) {
        arena *a = arena_new();
        const char *text = fnode_plain_text(a, caption);
        bool said = text && text[0];
        arena_drop(a);
        if (said)
            return;
    }
    fdiag_warn(d, file_path(doc, file), line, 0,
               "image '%s' has neither alt text nor caption: a reader who cannot see it is told "
               "only its file name",
               n->as.image.src);
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

folio_status folio_check_resources(const folio_doc *doc, const folio_render_options *given)
{
    folio_render_options o;
    if (given)
        o = *given;
    else
        folio_render_options_init(&o);
    fdiag d;
    fdiag_init(&d, o.diag, o.diag_user);
    folio_doc *docs[] = {(folio_doc *)doc}; /* read, not changed */
    book_resources *res = book_resources_new(docs, 1, &o);
    if (!res) {
        fdiag_error(&d, doc->path, 0, 0, "out of memory");
        return FOLIO_EOUTPUT;
    }
    bool ok = true;
    if (doc->meta.image)
        ok &= check_image(res, doc, doc->meta.image, 0, 0, &d);
    /* Inline images carry no line of their own: use their block's. */
    const fnode *block = doc->root;
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (fnode_is_block(n))
            block = n;
        if (n->type != FN_IMAGE && n->type != FN_FIGURE)
            continue;
        int line = n->line ? n->line : block->line;
        if (check_image(res, doc, n->as.image.src, block->file, line, &d))
            check_described(doc, n, block->file, line, &d);
        else
            ok = false;
    }
    book_resources_free(res);
    ok &= check_formulas(doc, &o, &d);
    return ok ? FOLIO_OK : FOLIO_EINPUT;
}
