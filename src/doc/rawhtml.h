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
/* Whether the tag at s (s[0] == '<', len bytes on) is an <svg> start tag
 * that holds content (1), an </svg> end tag (-1) or neither (0, and a
 * self-closing <svg/>); *tag_len: an svg tag's length up to its '>', 0
 * otherwise. The builder counts inline HTML pieces with it, the reader an
 * element's bytes. */
int rawhtml_svg_tag(const char *s, size_t len, size_t *tag_len);
/* One inline HTML fragment inside a paragraph (a tag or a comment), at
 * column col of its line (0: unknown), where its warnings point. */
void rawhtml_inline(builder *b, const char *html, size_t len, int rline, int col);

#endif
