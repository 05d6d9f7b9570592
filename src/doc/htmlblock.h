/* Raw HTML blocks seen line by line by the pre-pass, for pandoc's
 * markdown_in_html_blocks: the Markdown written between container tags
 * (<details>, <summary>, <div>, <center>, <figure>…) is Markdown, not part
 * of one opaque HTML block. */
#ifndef FOLIO_HTMLBLOCK_H
#define FOLIO_HTMLBLOCK_H

#include <stddef.h>

/* Length of the container start or end tag at s ("<div class='x'>",
 * "</details>"), 0 when s does not start one. */
size_t htmlblock_container_tag(const char *s, size_t len);

/* Where the next container tag starts in s[from..len), outside code spans
 * (`…`); len when there is none. */
size_t htmlblock_next_container(const char *s, size_t len, size_t from);

/* For a line starting an HTML block whose content is not Markdown
 * (<!-- comment, <script, <style, <pre, <textarea), the text that ends it
 * ("-->", "</script>"…); NULL for any other line. */
const char *htmlblock_raw_end(const char *s, size_t len);

/* True when the text that ends a raw block (case-insensitive) is in s;
 * skip bytes at the start are not searched (the opening "<!--"). */
int htmlblock_has_end(const char *s, size_t len, size_t skip, const char *end);

#endif
