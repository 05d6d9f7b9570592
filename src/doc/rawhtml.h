/* Raw HTML typed in Markdown becomes model nodes: <img>, <br>, <a>, <i>,
 * <b>, <sup>, <span>, <div>, <figure>, <iframe>, <details>… act on the
 * builder's stack like Markdown does. Any other tag keeps its text content
 * and is reported once per tag name; nothing is silently dropped. */
#ifndef FOLIO_RAWHTML_H
#define FOLIO_RAWHTML_H

#include <stddef.h>

#include "build.h"

/* An HTML block (md4c MD_BLOCK_HTML, or a ```{=html} raw block) starting
 * at rewritten line rline. */
void rawhtml_block(builder *b, const char *html, size_t len, int rline);
/* One inline HTML fragment inside a paragraph (a tag or a comment). */
void rawhtml_inline(builder *b, const char *html, size_t len, int rline);

#endif
