#include "entity.h"

#include <stdlib.h>
#include <string.h>

/* The named references people type in Markdown and HTML snippets; the full
 * HTML5 table (2,000+ names) would be dead weight for newsletters. */
static const struct {
    const char *name;
    unsigned cp;
} named[] = {
    {"AElig", 0xC6},   {"Agrave", 0xC0},  {"Aacute", 0xC1},  {"Acirc", 0xC2},
    {"Ccedil", 0xC7},  {"Eacute", 0xC9},  {"Egrave", 0xC8},  {"Ecirc", 0xCA},
    {"Euml", 0xCB},    {"Icirc", 0xCE},   {"Iuml", 0xCF},    {"OElig", 0x152},
    {"Ocirc", 0xD4},   {"Ouml", 0xD6},    {"Ucirc", 0xDB},   {"Ugrave", 0xD9},
    {"Uuml", 0xDC},    {"aacute", 0xE1},  {"acirc", 0xE2},   {"aelig", 0xE6},
    {"agrave", 0xE0},  {"amp", 0x26},     {"apos", 0x27},    {"auml", 0xE4},
    {"bdquo", 0x201E}, {"bull", 0x2022},  {"ccedil", 0xE7},  {"cent", 0xA2},
    {"copy", 0xA9},    {"dagger", 0x2020},{"deg", 0xB0},     {"divide", 0xF7},
    {"eacute", 0xE9},  {"ecirc", 0xEA},   {"egrave", 0xE8},  {"emsp", 0x2003},
    {"ensp", 0x2002},  {"euml", 0xEB},    {"euro", 0x20AC},  {"frac12", 0xBD},
    {"frac14", 0xBC},  {"frac34", 0xBE},  {"gt", 0x3E},      {"hellip", 0x2026},
    {"iacute", 0xED},  {"icirc", 0xEE},   {"iexcl", 0xA1},   {"iquest", 0xBF},
    {"iuml", 0xEF},    {"laquo", 0xAB},   {"larr", 0x2190},  {"ldquo", 0x201C},
    {"lsaquo", 0x2039},{"lsquo", 0x2018}, {"lt", 0x3C},      {"mdash", 0x2014},
    {"middot", 0xB7},  {"minus", 0x2212}, {"nbsp", 0xA0},    {"ndash", 0x2013},
    {"ntilde", 0xF1},  {"oacute", 0xF3},  {"ocirc", 0xF4},   {"oelig", 0x153},
    {"ograve", 0xF2},  {"ouml", 0xF6},    {"para", 0xB6},    {"plusmn", 0xB1},
    {"pound", 0xA3},   {"quot", 0x22},    {"raquo", 0xBB},   {"rarr", 0x2192},
    {"rdquo", 0x201D}, {"reg", 0xAE},     {"rsaquo", 0x203A},{"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"sect", 0xA7},    {"shy", 0xAD},     {"sup1", 0xB9},
    {"sup2", 0xB2},    {"sup3", 0xB3},    {"szlig", 0xDF},   {"thinsp", 0x2009},
    {"times", 0xD7},   {"trade", 0x2122}, {"uacute", 0xFA},  {"ucirc", 0xFB},
    {"ugrave", 0xF9},  {"uuml", 0xFC},    {"yen", 0xA5},     {"yuml", 0xFF},
    {"zwj", 0x200D},   {"zwnj", 0x200C},
};

static bool valid_code_point(unsigned long cp)
{
    return cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

bool entity_decode(const char *s, size_t len, buf *out)
{
    if (len < 3 || s[0] != '&' || s[len - 1] != ';')
        return false;
    const char *body = s + 1;
    size_t n = len - 2;
    if (body[0] == '#') {
        int base = 10;
        size_t i = 1;
        if (n > 1 && (body[1] == 'x' || body[1] == 'X')) {
            base = 16;
            i = 2;
        }
        if (i >= n || n - i > 8)
            return false;
        char tmp[12];
        memcpy(tmp, body + i, n - i);
        tmp[n - i] = '\0';
        char *end;
        unsigned long cp = strtoul(tmp, &end, base);
        if (*end != '\0')
            return false;
        /* CommonMark: invalid code points become U+FFFD. */
        buf_put_utf8(out, valid_code_point(cp) ? (unsigned)cp : 0xFFFD);
        return true;
    }
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        if (strlen(named[k].name) == n && memcmp(named[k].name, body, n) == 0) {
            buf_put_utf8(out, named[k].cp);
            return true;
        }
    }
    return false;
}

void entity_decode_all(const char *s, size_t len, buf *out)
{
    size_t i = 0;
    while (i < len) {
        if (s[i] == '&') {
            size_t j = i + 1;
            while (j < len && j - i < 40 && s[j] != ';' && s[j] != '&' && s[j] != ' ')
                j++;
            if (j < len && s[j] == ';' && entity_decode(s + i, j - i + 1, out)) {
                i = j + 1;
                continue;
            }
        }
        buf_putc(out, s[i]);
        i++;
    }
}
