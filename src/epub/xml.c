#include "xml.h"

#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "util/lang.h"

/* Length of the UTF-8 sequence at p that XML may carry, or 0 when the
 * bytes there must be dropped (forbidden character, a control character
 * that XML only discourages — DEL, C1 — or invalid UTF-8; the run warned of
 * the controls, book/glyphs.h). */
static size_t allowed_char(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    const char *s = (const char *)p;
    gunichar cp = g_utf8_get_char_validated(s, -1);
    if (cp == (gunichar)-1 || cp == (gunichar)-2 || cp == 0xFFFE || cp == 0xFFFF ||
        (cp >= 0x80 && cp <= 0x9F))
        return 0;
    return (size_t)(g_utf8_next_char(s) - s);
}

typedef enum { ESC_TEXT, ESC_ATTR, ESC_NONE } esc_mode;

static void escaped(buf *b, const char *s, esc_mode mode)
{
    bool attribute = mode == ESC_ATTR;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = allowed_char(p);
        if (n == 0) {
            p++;
            continue;
        }
        if (mode == ESC_NONE) {
            buf_append(b, p, n);
            p += n;
            continue;
        }
        switch (*p) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, attribute ? "&quot;" : "\""); break;
        /* Attribute values normalise whitespace; character references keep it. */
        case '\n': buf_puts(b, attribute ? "&#10;" : "\n"); break;
        case '\t': buf_puts(b, attribute ? "&#9;" : "\t"); break;
        case '\r': buf_puts(b, "&#13;"); break;
        default: buf_append(b, p, n);
        }
        p += n;
    }
}

void xml_text(buf *b, const char *s) { escaped(b, s, ESC_TEXT); }

void xml_attr(buf *b, const char *name, const char *value)
{
    buf_putc(b, ' ');
    buf_puts(b, name);
    buf_puts(b, "=\"");
    escaped(b, value, ESC_ATTR);
    buf_putc(b, '"');
}

void xml_comment(buf *b, const char *s)
{
    buf clean = {0};
    escaped(&clean, s, ESC_NONE); /* comments know no entities */
    buf_puts(b, "<!-- ");
    const char *p = buf_cstr(&clean);
    for (; *p; p++) {
        buf_putc(b, *p);
        /* "--" may not appear inside a comment, nor "-" right before "-->". */
        if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
            buf_putc(b, ' ');
    }
    buf_puts(b, " -->");
    buf_free(&clean);
}

void xml_declaration(buf *b) { buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"); }

void xhtml_open(buf *b, const char *lang, const char *title)
{
    xml_declaration(b);
    buf_puts(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                "xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    xml_attr(b, "xml:lang", lang);
    xml_attr(b, "lang", lang);
    if (lang_is_rtl(lang))
        xml_attr(b, "dir", "rtl");
    buf_puts(b, ">\n<head>\n<title>");
    xml_text(b, title);
    buf_puts(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/style.css\"/>\n"
                "</head>\n");
}
