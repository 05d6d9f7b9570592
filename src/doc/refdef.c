#include "refdef.h"

#include <string.h>

#include "entity.h"

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static bool is_ascii_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

bool refdef_address(const char *s, size_t len, refdef_span *at)
{
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    if (i == len)
        return false;
    size_t start = i;
    if (s[i] == '<') {
        for (i++; i < len && s[i] != '>' && s[i] != '<'; i++) {
            if (s[i] == '\\' && i + 1 < len)
                i++;
        }
        if (i == len || s[i] != '>')
            return false;
        i++;
    } else {
        int depth = 0;
        for (; i < len && !is_space(s[i]) && (unsigned char)s[i] >= 0x20; i++) {
            if (s[i] == '\\' && i + 1 < len && is_ascii_punct(s[i + 1]))
                i++;
            else if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && --depth < 0)
                return false;
        }
        if (depth != 0)
            return false;
    }
    /* a title or nothing may follow, after a space */
    if (i < len && !is_space(s[i]))
        return false;
    *at = (refdef_span){start, i};
    return true;
}

bool refdef_line(const char *s, size_t len, refdef_span *at)
{
    size_t i = 0;
    if (len < 2 || s[0] != '[' || s[1] == '^')
        return false;
    size_t label = ++i;
    for (; i < len && s[i] != ']'; i++) {
        if (s[i] == '[')
            return false;
        if (s[i] == '\\' && i + 1 < len)
            i++;
    }
    if (i + 1 >= len || i == label || s[i + 1] != ':')
        return false;
    i += 2;
    size_t rest = i;
    while (rest < len && is_space(s[rest]))
        rest++;
    if (rest == len) {
        *at = (refdef_span){len, len};
        return true;
    }
    if (rest == i) /* "[x]:y" is a definition, but a rare one: left to md4c */
        return false;
    if (!refdef_address(s + rest, len - rest, at))
        return false;
    at->start += rest;
    at->end += rest;
    return true;
}

void refdef_decode(const char *s, size_t len, buf *out)
{
    if (len >= 2 && s[0] == '<') {
        s++;
        len -= 2;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len && is_ascii_punct(s[i + 1])) {
            buf_putc(out, s[++i]);
            continue;
        }
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', len - i < 40 ? len - i : 40);
            if (semi && entity_decode(s + i, (size_t)(semi - s - i) + 1, out)) {
                i = (size_t)(semi - s);
                continue;
            }
        }
        buf_putc(out, s[i]);
    }
}
