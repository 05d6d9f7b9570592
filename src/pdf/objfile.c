#include "objfile.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static bool is_delimiter(char c)
{
    return strchr("()<>[]{}/%", c) != NULL;
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end) {
        if (*p == '%')
            while (p < end && *p != '\n' && *p != '\r')
                p++;
        else if (is_space(*p))
            p++;
        else
            break;
    }
    return p;
}

/* An unsigned decimal at *p, moving *p past it. */
static bool read_number(const char **p, const char *end, size_t *v)
{
    const char *s = *p;
    size_t n = 0;
    while (s < end && *s >= '0' && *s <= '9' && n < SIZE_MAX / 10)
        n = n * 10 + (size_t)(*s++ - '0');
    if (s == *p)
        return false;
    *v = n;
    *p = s;
    return true;
}

/* The integer before "0 R" after key in a trailer dictionary. */
static size_t trailer_ref(const char *t, const char *end, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = t; p + klen < end; p++)
        if (!memcmp(p, key, klen) && is_space(p[klen])) {
            const char *v = skip_space(p + klen, end);
            size_t num;
            return read_number(&v, end, &num) ? num : 0;
        }
    return 0;
}

bool pobjfile_read(pobjfile *f, const unsigned char *data, size_t len)
{
    *f = (pobjfile){.data = (const char *)data, .len = len};
    const char *d = f->data, *end = d + len;
    /* "startxref\nN\n%%EOF" at the end */
    const char *sx = NULL;
    for (size_t i = len >= 64 ? len - 64 : 0; i + 9 <= len; i++)
        if (!memcmp(d + i, "startxref", 9))
            sx = d + i + 9;
    size_t xref;
    if (!sx)
        return false;
    sx = skip_space(sx, end);
    if (!read_number(&sx, end, &xref) || xref + 4 > len || memcmp(d + xref, "xref", 4))
        return false;
    f->body_end = xref;
    const char *p = skip_space(d + xref + 4, end);
    size_t first, count;
    if (!read_number(&p, end, &first) || (p = skip_space(p, end), !read_number(&p, end, &count)) ||
        first != 0 || count == 0 || count > len / 20)
        return false;
    p = skip_space(p, end);
    if ((size_t)(end - p) < count * 20)
        return false;
    f->table = (size_t)(p - d);
    f->n = count;
    f->offset = calloc(count, sizeof *f->offset);
    if (!f->offset)
        abort();
    for (size_t i = 0; i < count; i++, p += 20) {
        const char *e = p;
        size_t off;
        if (!read_number(&e, p + 10, &off) || e != p + 10 || off >= xref)
            return false;
        if (p[17] == 'n') {
            if (i == 0)
                return false;
            f->offset[i] = off;
        }
    }
    const char *t = skip_space(p, end);
    if ((size_t)(end - t) < 7 || memcmp(t, "trailer", 7))
        return false;
    f->root = trailer_ref(t, end, "/Root");
    f->info = trailer_ref(t, end, "/Info");
    return f->root > 0 && f->root < f->n && f->offset[f->root] && f->info < f->n;
}

void pobjfile_free(pobjfile *f)
{
    free(f->offset);
    *f = (pobjfile){0};
}

void pobjfile_unlink(pobjfile *f, unsigned char *data, size_t num)
{
    if (num > 0 && num < f->n && f->offset[num]) {
        memcpy(data + f->table + num * 20, "0000000000 00001 f", 18);
        f->offset[num] = 0;
    }
}

/* Past the string, dictionary bracket or other token at p. */
static const char *skip_token(const char *p, const char *end)
{
    if (*p == '(') {
        int depth = 0;
        for (; p < end; p++) {
            if (*p == '\\')
                p++;
            else if (*p == '(')
                depth++;
            else if (*p == ')' && --depth == 0)
                return p + 1;
        }
        return end;
    }
    if (*p == '<' || *p == '>') {
        if (p + 1 < end && p[1] == *p)
            return p + 2;
        if (*p == '>')
            return p + 1;
        const char *q = memchr(p, '>', (size_t)(end - p));
        return q ? q + 1 : end;
    }
    if (strchr("[]{}", *p))
        return p + 1;
    if (*p == '/')
        p++;
    while (p < end && !is_space(*p) && !is_delimiter(*p))
        p++;
    return p;
}

bool pobjfile_key(const pobjfile *f, size_t num, const char *key, char *v, size_t size)
{
    if (num == 0 || num >= f->n || !f->offset[num])
        return false;
    const char *end = f->data + f->body_end, *p = f->data + f->offset[num];
    const char *obj = memmem(p, (size_t)(end - p) < 64 ? (size_t)(end - p) : 64, "obj", 3);
    if (!obj)
        return false;
    p = skip_space(obj + 3, end);
    if (end - p < 2 || memcmp(p, "<<", 2))
        return false;
    size_t klen = strlen(key);
    int depth = 0, arrays = 0;
    while ((p = skip_space(p, end)) < end) {
        const char *next = skip_token(p, end);
        if (!memcmp(p, "<<", 2) && next == p + 2)
            depth++;
        else if (!memcmp(p, ">>", 2) && next == p + 2) {
            if (--depth == 0)
                return false;
        } else if (*p == '[')
            arrays++;
        else if (*p == ']')
            arrays--;
        else if (depth == 1 && arrays == 0 && *p == '/' && (size_t)(next - p) == klen &&
                 !memcmp(p, key, klen)) {
            const char *val = skip_space(next, end);
            if (val >= end || (*val != '/' && *val != '-' && (*val < '0' || *val > '9')))
                return false;
            const char *val_end = skip_token(val, end);
            if ((size_t)(val_end - val) >= size)
                return false;
            memcpy(v, val, (size_t)(val_end - val));
            v[val_end - val] = 0;
            return true;
        }
        p = next;
    }
    return false;
}

static void grow_numbers(pobjout *w, size_t need)
{
    if (need <= w->cap)
        return;
    size_t cap = w->cap ? w->cap * 2 : 1024;
    while (cap < need)
        cap *= 2;
    w->offset = realloc(w->offset, cap * sizeof *w->offset);
    if (!w->offset)
        abort();
    memset(w->offset + w->cap, 0, (cap - w->cap) * sizeof *w->offset);
    w->cap = cap;
}

/* Where object num of f ends: after its "endobj" and line end. */
static size_t object_end(const pobjfile *f, size_t num)
{
    size_t next = f->body_end;
    for (size_t i = 1; i < f->n; i++)
        if (f->offset[i] > f->offset[num] && f->offset[i] < next)
            next = f->offset[i];
    return next;
}

void pobjout_begin(pobjout *w, const pobjfile *f, size_t drop)
{
    *w = (pobjout){0};
    grow_numbers(w, f->n);
    w->n = f->n;
    size_t from = drop ? f->offset[drop] : f->body_end;
    size_t to = drop ? object_end(f, drop) : f->body_end;
    buf_reserve(&w->out, f->body_end - (to - from));
    buf_append(&w->out, f->data, from);
    buf_append(&w->out, f->data + to, f->body_end - to);
    for (size_t i = 1; i < f->n; i++)
        if (i != drop && f->offset[i])
            w->offset[i] = f->offset[i] < from ? f->offset[i] : f->offset[i] - (to - from);
}

size_t pobjout_number(pobjout *w)
{
    grow_numbers(w, w->n + 1);
    return w->n++;
}

void pobjout_open(pobjout *w, size_t num)
{
    w->offset[num] = w->out.len;
    buf_printf(&w->out, "%zu 0 obj\n", num);
}

void pobjout_close(pobjout *w)
{
    buf_puts(&w->out, "\nendobj\n");
}

unsigned char *pobjout_finish(pobjout *w, size_t root, size_t info, size_t *len)
{
    size_t xref = w->out.len;
    buf_printf(&w->out, "xref\n0 %zu\n0000000000 65535 f \n", w->n);
    for (size_t i = 1; i < w->n; i++)
        buf_printf(&w->out, w->offset[i] ? "%010zu 00000 n \n" : "%010zu 00000 f \n",
                   w->offset[i]);
    gchar *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)w->out.data, w->out.len);
    buf_printf(&w->out, "trailer << ");
    if (info)
        buf_printf(&w->out, "/Info %zu 0 R ", info);
    buf_printf(&w->out, "/Root %zu 0 R /Size %zu /ID [<%s><%s>] >>\nstartxref\n%zu\n%%%%EOF\n", root,
               w->n, md5, md5, xref);
    g_free(md5);
    free(w->offset);
    *len = w->out.len;
    return (unsigned char *)buf_detach(&w->out);
}

void pdf_put_text_string(buf *b, const char *utf8)
{
    bool ascii = true;
    for (const unsigned char *s = (const unsigned char *)utf8; *s && ascii; s++)
        ascii = *s >= 0x20 && *s < 0x7f;
    if (ascii) {
        pdf_put_byte_string(b, utf8);
        return;
    }
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    if (!u) { /* not UTF-8: its bytes, escaped */
        pdf_put_byte_string(b, utf8);
        return;
    }
    buf_puts(b, "<FEFF");
    for (glong i = 0; i < n; i++)
        buf_printf(b, "%04X", (unsigned)u[i]);
    buf_putc(b, '>');
    g_free(u);
}

void pdf_put_byte_string(buf *b, const char *bytes)
{
    buf_putc(b, '(');
    for (const unsigned char *s = (const unsigned char *)bytes; *s; s++) {
        if (*s == '(' || *s == ')' || *s == '\\')
            buf_printf(b, "\\%c", *s);
        else if (*s >= 0x20 && *s < 0x7f)
            buf_putc(b, (char)*s);
        else
            buf_printf(b, "\\%03o", *s);
    }
    buf_putc(b, ')');
}
