/* md4c → tree. The builder keeps a stack of open nodes (lowdown's
 * pushnode/popnode) that md4c blocks, pre-pass markers and raw HTML tags
 * all push onto, so a <details> opened in one HTML block can hold the
 * Markdown blocks that follow it until </details>. */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include <stdarg.h>
#include <stdbool.h>

#include "doc.h"
#include "prepass.h"
#include "util/diag.h"

/* Parses pp->text with md4c into doc->root, then runs the post passes that
 * need the whole tree (attributes, figures, footnotes). pp->text is taken
 * over (a long one is read from a scratch file: util/spill.h) and left
 * empty. gfm: a bare address takes the emphasis marks inside it as its
 * own, as GFM (Hugo's goldmark) reads http:// then "*x*"; pandoc's
 * Markdown (Quarto) links no bare address and keeps the emphasis. Returns
 * false after reporting an error (nesting or table limits). */
bool build_tree(folio_doc *doc, prepass *pp, bool gfm, fdiag *d);

/* ---- for rawhtml.c: raw HTML tags act on the same stack ---- */

typedef struct builder builder;

/* A new node whose source is the rewritten line rline (0: not known yet). */
fnode *builder_node(builder *b, fnode_type t, int rline);
/* Appends a block (closing an implicit paragraph first) and, when open is
 * set, makes it the container for what follows until builder_close(tag). */
bool builder_block(builder *b, fnode *n, bool open, const char *tag);
/* Appends an inline (opening an implicit paragraph in a block container);
 * with open it contains what follows until builder_close(tag). */
bool builder_inline(builder *b, fnode *n, bool open, const char *tag);
/* Appends text, decoded already, to the current inline container. */
void builder_text(builder *b, const char *s, size_t len, int rline);
/* Closes the innermost node opened by raw HTML tag; false when none is open
 * in the current Markdown block. */
bool builder_close(builder *b, const char *tag);
/* True when inlines go straight into the current container (a paragraph,
 * heading, cell, caption, inline span…). */
bool builder_in_inline(const builder *b);
/* The innermost open node, and the innermost node of type t opened in the
 * current Markdown block (NULL when none). */
fnode *builder_top(const builder *b);
fnode *builder_open_of(const builder *b, fnode_type t);
/* Inside a paragraph, the raw tag (<script>, <style>…) whose text is
 * dropped until its end tag; NULL when none. Kept between the inline HTML
 * fragments md4c hands over one by one. */
const char *builder_html_skip(const builder *b);
void builder_set_html_skip(builder *b, const char *tag);
/* Diagnostics at a rewritten line. */
void builder_warn(builder *b, int rline, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A warning at column col (1-based, in characters) of rewritten line
 * rline; 0: the line only. */
void builder_vwarn_at(builder *b, int rline, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
arena *builder_arena(const builder *b);
/* True the first time key is seen in this document (once-only warnings). */
bool builder_first_time(builder *b, const char *key);

#endif
