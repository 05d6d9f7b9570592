#include "objfile.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/scratch.h"

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

static bool read_table(pobjfile *f)
{
    size_t len = f->len;
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

bool pobjfile_map(pobjfile *f, int fd, bool writable)
{
    *f = (pobjfile){0};
    long long size = fd_size(fd);
    if (size <= 0 || (unsigned long long)size > SIZE_MAX)
        return false;
    void *p = mmap(NULL, (size_t)size, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return false;
    f->data = p;
    f->len = (size_t)size;
    return read_table(f);
}

void pobjfile_free(pobjfile *f)
{
    if (f->data)
        munmap((void *)f->data, f->len);
    free(f->offset);
    *f = (pobjfile){0};
}

void pobjfile_forget(const pobjfile *f)
{
    /* a shared file mapping: its pages stay in the page cache, written
     * back when changed, and come back when read again */
    if (f->data)
        madvise((void *)f->data, f->len, MADV_DONTNEED);
}

void pobjfile_unlink(pobjfile *f, size_t num)
{
    if (num > 0 && num < f->n && f->offset[num]) {
        memcpy((char *)f->data + f->table + num * 20, "0000000000 00001 f", 18);
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

/* Writes what w->out holds to the file. */
static void flush(pobjout *w)
{
    if (!w->failed && w->out.len) {
        w->failed = !fd_write_all(w->fd, w->out.data, w->out.len);
        if (w->md5) /* (NULL: the trailer, after the hash) */
            g_checksum_update(w->md5, (const guchar *)w->out.data, (gssize)w->out.len);
    }
    w->written += w->out.len;
    buf_clear(&w->out);
}

/* Copies f's bytes [from, to) to the file, a few megabytes at a time. */
static void copy_range(pobjout *w, const pobjfile *f, size_t from, size_t to)
{
    flush(w);
    const size_t step = 8u << 20;
    for (size_t at = from; at < to; at += step) {
        size_t n = to - at < step ? to - at : step;
        if (!w->failed)
            w->failed = !fd_write_all(w->fd, f->data + at, n);
        g_checksum_update(w->md5, (const guchar *)f->data + at, (gssize)n);
        w->written += n;
        pobjfile_forget(f);
    }
}

/* The offset the next byte written to w->out will have in the file. */
static size_t here(const pobjout *w)
{
    return w->written + w->out.len;
}

void pobjout_begin(pobjout *w, const pobjfile *f, size_t drop, int fd)
{
    *w = (pobjout){.fd = fd, .md5 = g_checksum_new(G_CHECKSUM_MD5)};
    grow_numbers(w, f->n);
    w->n = f->n;
    size_t from = drop ? f->offset[drop] : f->body_end;
    size_t to = drop ? object_end(f, drop) : f->body_end;
    copy_range(w, f, 0, from);
    copy_range(w, f, to, f->body_end);
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
    if (w->out.len >= (1u << 20))
        flush(w);
    w->offset[num] = here(w);
    buf_printf(&w->out, "%zu 0 obj\n", num);
}

void pobjout_close(pobjout *w)
{
    buf_puts(&w->out, "\nendobj\n");
}

bool pobjout_finish(pobjout *w, size_t root, size_t info)
{
    size_t xref = here(w);
    buf_printf(&w->out, "xref\n0 %zu\n0000000000 65535 f \n", w->n);
    for (size_t i = 1; i < w->n; i++) {
        if (w->out.len >= (1u << 20))
            flush(w);
        buf_printf(&w->out, w->offset[i] ? "%010zu 00000 n \n" : "%010zu 00000 f \n",
                   w->offset[i]);
    }
    flush(w);
    gchar *md5 = g_strdup(g_checksum_get_string(w->md5));
    g_checksum_free(w->md5);
    w->md5 = NULL;
    buf_printf(&w->out, "trailer << ");
    if (info)
        buf_printf(&w->out, "/Info %zu 0 R ", info);
    buf_printf(&w->out, "/Root %zu 0 R /Size %zu /ID [<%s><%s>] >>\nstartxref\n%zu\n%%%%EOF\n", root,
               w->n, md5, md5, xref);
    flush(w);
    g_free(md5);
    bool ok = !w->failed;
    int err = errno;
    buf_free(&w->out);
    free(w->offset);
    *w = (pobjout){0};
    errno = err;
    return ok;
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
