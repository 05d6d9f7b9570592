/* Documents built by hand, without the parser, for the backend tests (EPUB
 * and PDF): every node lives in tree_arena, which the test creates with
 * arena_new and drops at the end. */
#ifndef FOLIO_TREE_BUILD_H
#define FOLIO_TREE_BUILD_H

#include "doc/doc.h"
#include "doc/tree.h"
#include "util/arena.h"

static arena *tree_arena;

/* A new node of type t, appended to parent when there is one. */
static inline fnode *tree_add(fnode *parent, fnode_type t)
{
    fnode *n = fnode_new(tree_arena, t, 1);
    if (parent)
        fnode_append(parent, n);
    return n;
}

static inline fnode *tree_text(fnode *parent, const char *s)
{
    fnode *n = tree_add(parent, FN_TEXT);
    n->as.literal = arena_strdup(tree_arena, s);
    return n;
}

static inline fnode *tree_heading(fnode *parent, int level, const char *id, const char *s)
{
    fnode *n = tree_add(parent, FN_HEADING);
    n->as.heading.level = level;
    n->as.heading.id = id;
    tree_text(n, s);
    return n;
}

/* A paragraph holding s (nothing when s is NULL). */
static inline fnode *tree_para(fnode *parent, const char *s)
{
    fnode *p = tree_add(parent, FN_PARAGRAPH);
    if (s)
        tree_text(p, s);
    return p;
}

static inline fnode *tree_link(fnode *parent, const char *url, const char *s)
{
    fnode *n = tree_add(parent, FN_LINK);
    n->as.link.url = url;
    tree_text(n, s);
    return n;
}

/* An empty document read from path (resources from dir), in lang. */
static inline folio_doc *tree_doc(const char *path, const char *dir, const char *lang,
                                  const char *title)
{
    folio_doc *d = arena_alloc(tree_arena, sizeof *d);
    d->arena = tree_arena;
    d->root = tree_add(NULL, FN_DOCUMENT);
    d->path = path;
    d->dir = dir;
    d->files = arena_alloc(tree_arena, sizeof *d->files);
    d->files[0] = path;
    d->n_files = 1;
    d->lang = lang;
    d->meta.title = title;
    d->meta.toc = -1;
    return d;
}

#endif
