/* Building and editing the tree. */
#ifndef FOLIO_TREE_H
#define FOLIO_TREE_H

#include "node.h"
#include "util/arena.h"

/* New detached node owned by the arena. */
fnode *fnode_new(arena *a, fnode_type type, int line);
void fnode_append(fnode *parent, fnode *child);
void fnode_prepend(fnode *parent, fnode *child);
void fnode_insert_before(fnode *sibling, fnode *child);
void fnode_insert_after(fnode *sibling, fnode *child);
/* Detaches n from its parent and siblings (its own children stay). */
void fnode_unlink(fnode *n);
/* Puts n in place of the bytes [start, end) of text node t: t keeps what
 * comes before (or leaves the tree when that is empty), a new text node
 * holds what comes after, its column counted on. Returns that node, or
 * NULL when nothing follows. */
fnode *fnode_text_splice(arena *a, fnode *t, size_t start, size_t end, fnode *n);
/* Pre-order walk: the next node after n within root, or NULL. With
 * skip_children, n's subtree is not entered. */
fnode *fnode_next(const fnode *root, const fnode *n, bool skip_children);
/* A step of a walk over a model that goes another way than fnode_next (a
 * loop over the children of the document): every so many steps, what was
 * read of a long document's model is let go (util/arena.h). fnode_next
 * takes one itself. */
void fnode_walk_step(void);
/* Concatenated plain text of n's inline content (alt text, TOC titles),
 * allocated in the arena. */
char *fnode_plain_text(arena *a, const fnode *n);
/* The same, with the struck-through parts of it (~~words~~): *n_struck
 * pairs [start, end) of byte offsets into the text, in the arena (NULL
 * when none). */
char *fnode_plain_text_struck(arena *a, const fnode *n, const int **struck, int *n_struck);

/* The first row of a table (after its caption, if any), or NULL. */
fnode *fnode_table_rows(const fnode *table);
/* The caption of a figure, a table, a callout or a details block, or NULL. */
fnode *fnode_caption(const fnode *n);

/* The column of byte off of text t's literal (0 when t's column is
 * unknown), for a warning about what is written there. */
int fnode_text_col(const fnode *t, size_t off);

/* The language n's content is in: its own (fnode_lang), else its nearest
 * ancestor's, else doc_lang. */
const char *fnode_lang_around(const fnode *n, const char *doc_lang);
/* The direction n sets for its content: its dir= as written, else its
 * language's (fnode_lang: lang=ar reads right to left); FDIR_AUTO when it
 * sets neither. */
fdir fnode_dir(const fnode *n);
/* Whether n's content reads right to left: the direction of n or of its
 * nearest ancestor that sets one (fnode_dir), else doc_lang's. */
bool fnode_rtl_around(const fnode *n, const char *doc_lang);
/* The dir= n's HTML element carries, as the reader's browser takes it: its
 * own dir= as written, else its language's when that is not the direction
 * around it (fnode_rtl_around); FDIR_AUTO when none. A span that carries
 * one is a bidi isolate: its words are ordered apart from the text around. */
fdir fnode_dir_written(const fnode *n, const char *doc_lang);
/* A <bdo dir="rtl"> ([x]{.bdo dir=rtl}): a span whose letters are all set
 * in its direction, whatever their own. */
bool fnode_bidi_override(const fnode *n);
/* "ltr", "rtl", "auto" (FDIR_FIRST_STRONG), as written; NULL for FDIR_AUTO. */
const char *fdir_name(fdir dir);

/* true for a span (FN_SPAN) with class cls among its classes: the inline
 * styles <kbd>, <mark>, [x]{.underline}… */
bool fnode_span_has(const fnode *n, const char *cls);
/* true when an inline below n is such a span:
 * <kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd>, keys in a shortcut. */
bool fnode_span_below(const fnode *n, const char *cls);

/* true below a paragraph, a heading, a callout title or an inline, where
 * only phrasing content may stand. */
bool fnode_in_phrasing(const fnode *n);
/* true for a block that cannot stand where the model put it (a list inside
 * an inline…): backends write it as its plain text. */
bool fnode_flattened(const fnode *n);

#endif
