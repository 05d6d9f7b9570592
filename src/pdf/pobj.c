#include "pobj.h"
#include "pdf_syntax.h"
#include "util/oom.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deeper than anything cairo writes (a page's /Group is 2 levels down). */
#define MAX_DEPTH 32

const char *pobj_skip_space(const char *p, const char *end)
{
    while (p < end) {
        if (*p == '%')
            while (p < end && *p != '\n' && *p != '\r')
                p++;
        else if (pdf_is_space(*p))
            p++;
        else
            break;
    }
    return p;
}

/* Past a regular token (a number, a keyword, a name after its slash). */
static const char *skip_regular(const char *p, const char *end)
{
    while (p < end && pdf_is_regular(*p))
        p++;
    return p;
}

static bool is_digits(const char *s, size_t n)
{
    if (n == 0 || n > 18)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static pobj *add_kid(pobj *o)
{
    o->kids = oom_grow(o->kids, &o->cap, o->n + 1, sizeof *o->kids, 8);
    pobj *k = &o->kids[o->n++];
    *k = (pobj){0};
    return k;
}

static bool parse_at(const char **pp, const char *end, pobj *o, int depth);

/* The items of an array or dictionary up to close (']' or '>'). */
static bool parse_items(const char **pp, const char *end, pobj *o, char close, int depth)
{
    const char *p = *pp;
    for (;;) {
        p = pobj_skip_space(p, end);
        if (p >= end)
            return false;
        if (*p == close) {
            if (close == '>') {
                if (end - p < 2 || p[1] != '>')
                    return false;
                p++;
            }
            *pp = p + 1;
            return o->kind == POBJ_ARRAY || o->n % 2 == 0;
        }
        if (o->kind == POBJ_DICT && o->n % 2 == 0 && *p != '/')
            return false; /* a key is a name */
        pobj *k = add_kid(o);
        if (!parse_at(&p, end, k, depth + 1))
            return false;
    }
}

static bool parse_at(const char **pp, const char *end, pobj *o, int depth)
{
    const char *p = pobj_skip_space(*pp, end), *start = p;
    *o = (pobj){0};
    if (p >= end || depth > MAX_DEPTH)
        return false;
    if (end - p >= 2 && p[0] == '<' && p[1] == '<') {
        o->kind = POBJ_DICT;
        p += 2;
        if (!parse_items(&p, end, o, '>', depth))
            return false;
    } else if (*p == '[') {
        o->kind = POBJ_ARRAY;
        p++;
        if (!parse_items(&p, end, o, ']', depth))
            return false;
    } else if (*p == '(') {
        o->kind = POBJ_STRING;
        if (!(p = pdf_skip_literal(p, end)))
            return false;
    } else if (*p == '<') {
        o->kind = POBJ_STRING;
        const char *q = memchr(p, '>', (size_t)(end - p));
        if (!q)
            return false;
        p = q + 1;
    } else if (*p == '/') {
        o->kind = POBJ_NAME;
        p = skip_regular(p + 1, end);
    } else {
        p = skip_regular(p, end);
        size_t n = (size_t)(p - start);
        if (n == 0)
            return false; /* a stray delimiter */
        if ((n == 4 && !memcmp(start, "true", 4)) || (n == 5 && !memcmp(start, "false", 5)))
            o->kind = POBJ_BOOL;
        else if (n == 4 && !memcmp(start, "null", 4))
            o->kind = POBJ_NULL;
        else if (strspn(start, "+-.0123456789") >= n)
            o->kind = POBJ_NUMBER;
        else
            return false;
        /* "12 0 R" */
        if (o->kind == POBJ_NUMBER && is_digits(start, n)) {
            const char *g = pobj_skip_space(p, end), *g_end = skip_regular(g, end);
            const char *r = pobj_skip_space(g_end, end), *r_end = skip_regular(r, end);
            if (is_digits(g, (size_t)(g_end - g)) && r_end - r == 1 && *r == 'R') {
                o->kind = POBJ_REF;
                o->ref = (size_t)strtoull(start, NULL, 10);
                p = r_end;
            }
        }
    }
    o->text = start;
    o->len = (size_t)(p - start);
    *pp = p;
    return true;
}

bool pobj_parse(const char **p, const char *end, pobj *o)
{
    if (parse_at(p, end, o, 0))
        return true;
    pobj_free(o);
    return false;
}

void pobj_free(pobj *o)
{
    for (size_t i = 0; i < o->n; i++)
        pobj_free(&o->kids[i]);
    free(o->kids);
    free(o->own);
    *o = (pobj){0};
}

void pobj_write_items(const pobj *o, buf *b)
{
    for (size_t i = 0; i < o->n; i++) {
        if (i)
            buf_putc(b, ' ');
        pobj_write(&o->kids[i], b);
    }
}

void pobj_write(const pobj *o, buf *b)
{
    if (o->kind != POBJ_ARRAY && o->kind != POBJ_DICT) {
        buf_append(b, o->text, o->len);
        return;
    }
    buf_puts(b, o->kind == POBJ_ARRAY ? "[ " : "<< ");
    pobj_write_items(o, b);
    buf_puts(b, o->n == 0 ? "" : " ");
    buf_puts(b, o->kind == POBJ_ARRAY ? "]" : ">>");
}

static bool name_is(const pobj *o, const char *name)
{
    size_t n = strlen(name);
    return o->kind == POBJ_NAME && o->len == n && !memcmp(o->text, name, n);
}

pobj *pobj_get(const pobj *dict, const char *key)
{
    if (!dict || dict->kind != POBJ_DICT)
        return NULL;
    for (size_t i = 0; i + 1 < dict->n; i += 2)
        if (name_is(&dict->kids[i], key))
            return &dict->kids[i + 1];
    return NULL;
}

bool pobj_is_name(const pobj *o, const char *name)
{
    return o && name_is(o, name);
}

bool pobj_int(const pobj *o, long long *v)
{
    if (!o || o->kind != POBJ_NUMBER || o->len == 0 || o->len > 18)
        return false;
    char tmp[20], *e;
    memcpy(tmp, o->text, o->len);
    tmp[o->len] = 0;
    long long n = strtoll(tmp, &e, 10);
    if (*e)
        return false;
    *v = n;
    return true;
}

bool pobj_real(const pobj *o, double *v)
{
    if (!o || o->kind != POBJ_NUMBER || o->len == 0 || o->len > 40)
        return false;
    char tmp[48];
    memcpy(tmp, o->text, o->len);
    tmp[o->len] = 0;
    *v = g_ascii_strtod(tmp, NULL);
    return true;
}

bool pobj_set(pobj *dict, const char *key, const char *text)
{
    if (!dict || dict->kind != POBJ_DICT)
        return false;
    size_t n = strlen(text);
    char *own = malloc(n + 1);
    if (!own)
        abort();
    memcpy(own, text, n + 1);
    const char *p = own;
    pobj v;
    if (!pobj_parse(&p, own + n, &v)) {
        free(own);
        return false;
    }
    v.own = own;
    pobj *old = pobj_get(dict, key);
    if (old) {
        pobj_free(old);
        *old = v;
        return true;
    }
    size_t klen = strlen(key);
    pobj *k = add_kid(dict);
    k->kind = POBJ_NAME;
    k->own = malloc(klen + 1);
    if (!k->own)
        abort();
    memcpy(k->own, key, klen + 1);
    k->text = k->own;
    k->len = klen;
    *add_kid(dict) = v;
    return true;
}

void pobj_remove(pobj *dict, const char *key)
{
    pobj *v = pobj_get(dict, key);
    if (!v)
        return;
    size_t i = (size_t)(v - dict->kids) - 1;
    pobj_free(&dict->kids[i]);
    pobj_free(&dict->kids[i + 1]);
    memmove(&dict->kids[i], &dict->kids[i + 2], (dict->n - i - 2) * sizeof *dict->kids);
    dict->n -= 2;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

char *pobj_string_bytes(const pobj *o, size_t *len)
{
    if (!o || o->kind != POBJ_STRING || o->len < 2)
        return NULL;
    const char *s = o->text + 1, *end = o->text + o->len - 1;
    char *out = malloc(o->len), *w = out;
    if (!out)
        abort();
    if (o->text[0] == '<') {
        int hi = -1;
        for (; s < end; s++) {
            int v = hex_value(*s);
            if (v < 0)
                continue; /* white space */
            if (hi < 0)
                hi = v;
            else
                *w++ = (char)(hi << 4 | v), hi = -1;
        }
        if (hi >= 0)
            *w++ = (char)(hi << 4); /* an odd digit count: a 0 follows */
    } else {
        for (; s < end; s++) {
            if (*s != '\\') {
                *w++ = *s;
                continue;
            }
            if (++s >= end)
                break;
            const char *esc = strchr("nrtbf", *s);
            if (esc && *s)
                *w++ = "\n\r\t\b\f"[esc - "nrtbf"];
            else if (*s >= '0' && *s <= '7') {
                int v = 0;
                for (int k = 0; k < 3 && s < end && *s >= '0' && *s <= '7'; k++)
                    v = v * 8 + (*s++ - '0');
                s--;
                *w++ = (char)v;
            } else if (*s == '\r') { /* a line continued */
                if (s + 1 < end && s[1] == '\n')
                    s++;
            } else if (*s != '\n')
                *w++ = *s;
        }
    }
    *w = 0;
    *len = (size_t)(w - out);
    return out;
}

char *pobj_string_utf8(const pobj *o)
{
    size_t n;
    char *bytes = pobj_string_bytes(o, &n);
    if (!bytes)
        return NULL;
    char *utf8;
    if (n >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) {
        size_t units = (n - 2) / 2;
        gunichar2 *u = malloc((units ? units : 1) * sizeof *u);
        if (!u)
            abort();
        for (size_t i = 0; i < units; i++)
            u[i] = (gunichar2)((unsigned char)bytes[2 + 2 * i] << 8 |
                               (unsigned char)bytes[3 + 2 * i]);
        utf8 = g_utf16_to_utf8(u, (glong)units, NULL, NULL, NULL);
        free(u);
    } else {
        utf8 = g_convert(bytes, (gssize)n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
    }
    free(bytes);
    if (!utf8)
        return NULL;
    char *copy = strdup(utf8); /* one allocator for the caller */
    g_free(utf8);
    if (!copy)
        abort();
    return copy;
}
