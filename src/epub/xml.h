/* Writing XML text: escaping for character data, attributes and comments.
 * Every byte of every package file goes through these, so the output is
 * well-formed whatever the model holds. */
#ifndef FOLIO_EPUB_XML_H
#define FOLIO_EPUB_XML_H

#include "util/buf.h"

/* Appends s as character data: & < > escaped, characters XML 1.0 forbids
 * (C0 controls but tab/newline, U+FFFE, U+FFFF, stray bytes) dropped. */
void xml_text(buf *b, const char *s);
/* Appends ` name="value"` with value escaped for a double-quoted attribute. */
void xml_attr(buf *b, const char *name, const char *value);
/* Appends <!-- s --> with every "--" broken so the comment stays legal. */
void xml_comment(buf *b, const char *s);
/* Appends the XML declaration. */
void xml_declaration(buf *b);
/* Appends the start of an XHTML content document, up to and including
 * </head>: declaration, doctype, <html> in lang, the title and the book's
 * stylesheet. The caller writes <body>… and closes </html>. */
void xhtml_open(buf *b, const char *lang, const char *title);

#endif
