#include "utf8.h"

#include <glib.h>

unsigned utf8_next(const char *s, size_t len, size_t *i)
{
    const char *p = s + *i;
    size_t left = len - *i;
    if ((unsigned char)*p < 0x80) {
        *i += 1;
        return (unsigned char)*p;
    }
    gunichar cp = g_utf8_get_char_validated(p, (gssize)(left < 4 ? left : 4));
    if (cp == (gunichar)-1 || cp == (gunichar)-2) {
        *i += 1;
        return 0xFFFD;
    }
    *i += (size_t)(g_utf8_next_char(p) - p);
    return cp;
}

size_t utf8_put(unsigned cp, char *out)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    return (size_t)g_unichar_to_utf8(cp, out);
}
