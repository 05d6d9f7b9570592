#include "shortcodes.h"

#include <ctype.h>
#include <string.h>

#include "util/buf.h"

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static bool at_close(const shortcode *sc, const char *s, size_t len, size_t i)
{
    char c = sc->percent ? '%' : '>';
    return i + 3 <= len && s[i] == c && s[i + 1] == '}' && s[i + 2] == '}';
}

/* One argument value: "quoted", 'quoted', `raw` or a bare word. */
static const char *value(arena *a, const shortcode *sc, const char *s, size_t len, size_t *i,
                         bool stop_at_eq)
{
    if (*i < len && (s[*i] == '"' || s[*i] == '\'' || s[*i] == '`')) {
        char q = s[(*i)++];
        buf v = {0};
        while (*i < len && s[*i] != q) {
            if (q == '"' && s[*i] == '\\' && *i + 1 < len)
                (*i)++;
            buf_putc(&v, s[(*i)++]);
        }
        if (*i >= len) {
            buf_free(&v);
            return NULL;
        }
        (*i)++;
        const char *r = arena_strndup(a, buf_cstr(&v), v.len);
        buf_free(&v);
        return r;
    }
    size_t start = *i;
    while (*i < len && !is_space(s[*i]) && !at_close(sc, s, len, *i) &&
           !(stop_at_eq && s[*i] == '='))
        (*i)++;
    return arena_strndup(a, s + start, *i - start);
}

int shortcode_parse(arena *a, const char *s, size_t len, shortcode *sc)
{
    memset(sc, 0, sizeof *sc);
    if (len < 3 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%'))
        return 0;
    sc->percent = s[2] == '%';
    size_t i = 3;
    while (i < len && is_space(s[i]))
        i++;
    if (i < len && s[i] == '/') {
        sc->closing = true;
        i++;
        while (i < len && is_space(s[i]))
            i++;
    }
    size_t start = i;
    while (i < len && (isalnum((unsigned char)s[i]) || strchr("-_./", s[i])))
        i++;
    if (i == start)
        return 0;
    sc->name = arena_strndup(a, s + start, i - start);
    for (;;) {
        while (i < len && is_space(s[i]))
            i++;
        if (i >= len)
            return -1;
        if (at_close(sc, s, len, i)) {
            sc->len = i + 3;
            return 1;
        }
        if (s[i] == '/' && at_close(sc, s, len, i + 1)) { /* {{< name />}} */
            sc->len = i + 4;
            return 1;
        }
        const char *v = value(a, sc, s, len, &i, true);
        if (!v)
            return -1;
        const char *key = NULL;
        if (i < len && s[i] == '=') {
            i++;
            key = v;
            v = value(a, sc, s, len, &i, false);
            if (!v)
                return -1;
        }
        if (!key && !*v)
            return -1; /* a stray character: cannot make progress */
        if (sc->n < SHORTCODE_ARGS_MAX) {
            sc->keys[sc->n] = key;
            sc->values[sc->n++] = v;
        }
    }
}

const char *shortcode_arg(const shortcode *sc, const char *key, int pos)
{
    int p = 0;
    for (int i = 0; i < sc->n; i++) {
        if (sc->keys[i]) {
            if (key && strcmp(sc->keys[i], key) == 0)
                return sc->values[i];
        } else if (p++ == pos) {
            return sc->values[i];
        }
    }
    return NULL;
}

char *shortcode_args_text(arena *a, const shortcode *sc)
{
    buf b = {0};
    for (int i = 0; i < sc->n; i++) {
        if (i)
            buf_putc(&b, ' ');
        if (sc->keys[i])
            buf_printf(&b, "%s=\"%s\"", sc->keys[i], sc->values[i]);
        else
            buf_puts(&b, sc->values[i]);
    }
    char *r = arena_strndup(a, buf_cstr(&b), b.len);
    buf_free(&b);
    return r;
}
