#include "iri.h"

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The byte of "%XX" at s, or -1. */
static int escaped(const char *s)
{
    if (s[0] != '%')
        return -1;
    int hi = hex(s[1]), lo = hi < 0 ? -1 : hex(s[2]);
    return lo < 0 ? -1 : hi * 16 + lo;
}

/* Characters that must stay encoded: they would change how the address
 * reads (bidirectional controls) or hide where it ends (spaces). */
static bool shown_as_is(gunichar c)
{
    if ((c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
        (c >= 0x2066 && c <= 0x2069) || c == 0xfeff)
        return false;
    return g_unichar_isprint(c) && !g_unichar_isspace(c) &&
           g_unichar_type(c) != G_UNICODE_SPACE_SEPARATOR;
}

char *iri_for_reading(const char *uri)
{
    size_t n = strlen(uri);
    char *out = malloc(n + 1); /* decoding never lengthens */
    if (!out)
        abort();
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int b = escaped(uri + i);
        if (b < 0x80) {
            out[o++] = uri[i++];
            continue;
        }
        /* one character's bytes, each escaped */
        unsigned char bytes[4] = {0};
        int len = 0;
        while (len < 4 && (b = escaped(uri + i + 3 * (size_t)len)) >= 0x80)
            bytes[len++] = (unsigned char)b;
        int need = bytes[0] >= 0xf0 ? 4 : bytes[0] >= 0xe0 ? 3 : bytes[0] >= 0xc0 ? 2 : 0;
        gunichar c = need && need <= len
                         ? g_utf8_get_char_validated((const char *)bytes, (gssize)need)
                         : (gunichar)-1;
        if (c == (gunichar)-1 || c == (gunichar)-2 || !shown_as_is(c)) {
            memcpy(out + o, uri + i, 3); /* left as it was */
            o += 3;
            i += 3;
            continue;
        }
        memcpy(out + o, bytes, (size_t)need);
        o += (size_t)need;
        i += 3 * (size_t)need;
    }
    out[o] = 0;
    return out;
}
