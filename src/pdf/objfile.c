#include "objfile.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/scratch.h"

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

/* The object a trailer's key names (0: none). */
static size_t trailer_ref(const pobj *trailer, const char *key)
{
    const pobj *v = pobj_get(trailer, key);
    return v && v->kind == POBJ_REF ? v->ref : 0;
}

/* An object by where it starts: sorted by offset with its number along,
 * so the comparison needs no context (a static one raced between two
 * documents finished on two threads). */
typedef struct placed {
    size_t offset, num;
} placed;

static int by_offset(const void *a, const void *b)
{
    size_t x = ((const placed *)a)->offset, y = ((const placed *)b)->offset;
    return x < y ? -1 : x > y;
}

/* Each object's end: where the next one in the file starts. Two objects
 * at one offset make no file. */
static bool find_ends(pobjfile *f)
{
    placed *order = malloc(f->n * sizeof *order);
    size_t k = 0;
    f->end = spill_grow(&f->end_store, f->n * sizeof *f->end);
    if (!order)
        abort();
    for (size_t i = 1; i < f->n; i++)
        if (f->offset[i])
            order[k++] = (placed){f->offset[i], i};
    qsort(order, k, sizeof *order, by_offset);
    bool ok = true;
    for (size_t j = 0; j < k; j++) {
        size_t next = j + 1 < k ? order[j + 1].offset : f->body_end;
        ok = ok && next > order[j].offset;
        f->end[order[j].num] = next;
    }
    free(order);
    return ok;
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
    sx = pobj_skip_space(sx, end);
    if (!read_number(&sx, end, &xref) || xref + 4 > len || memcmp(d + xref, "xref", 4))
        return false;
    f->body_end = xref;
    const char *p = pobj_skip_space(d + xref + 4, end);
    size_t first, count;
    if (!read_number(&p, end, &first) || (p = pobj_skip_space(p, end), !read_number(&p, end, &count)) ||
        first != 0 || count == 0 || count > len / 20)
        return false;
    p = pobj_skip_space(p, end);
    if ((size_t)(end - p) < count * 20)
        return false;
    f->n = count;
    f->offset = spill_grow(&f->offset_store, count * sizeof *f->offset);
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
    const char *t = pobj_skip_space(p, end);
    pobj trailer;
    if ((size_t)(end - t) < 7 || memcmp(t, "trailer", 7))
        return false;
    t += 7;
    if (!pobj_parse(&t, end, &trailer))
        return false;
    f->root = trailer_ref(&trailer, "/Root");
    f->info = trailer_ref(&trailer, "/Info");
    pobj_free(&trailer);
    return f->root > 0 && f->root < f->n && f->offset[f->root] && f->info < f->n &&
           find_ends(f);
}

bool pobjfile_map(pobjfile *f, int fd)
{
    *f = (pobjfile){0};
    long long size = fd_size(fd);
    if (size <= 0 || (unsigned long long)size > SIZE_MAX)
        return false;
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
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
    spill_free(&f->offset_store);
    spill_free(&f->end_store);
    *f = (pobjfile){0};
}

void pobjfile_forget(const pobjfile *f)
{
    /* a shared file mapping: its pages stay in the page cache, written
     * back when changed, and come back when read again */
    if (f->data)
        madvise((void *)f->data, f->len, MADV_DONTNEED);
    spill_forget(&f->offset_store);
    spill_forget(&f->end_store);
}

size_t pobjfile_extent(const pobjfile *f, size_t num, size_t *len)
{
    *len = num > 0 && num < f->n && f->offset[num] ? f->end[num] - f->offset[num] : 0;
    return *len ? f->offset[num] : 0;
}

bool pobjfile_is_struct_elem(const pobjfile *f, size_t num)
{
    size_t len, at = pobjfile_extent(f, num, &len);
    return len && memmem(f->data + at, len < 64 ? len : 64, "/Type /StructElem", 17);
}

static void mark_ref(const pobjfile *f, const pobj *ref, unsigned char *marks, unsigned char mark)
{
    if (ref && ref->kind == POBJ_REF && ref->ref < f->n)
        marks[ref->ref] = mark;
}

static void mark_parent_tree(const pobjfile *f, size_t num, int depth, unsigned char *marks,
                             unsigned char mark)
{
    pobj node;
    const char *data;
    size_t len;
    if (depth > POBJ_MAX_TREE_DEPTH || num >= f->n || marks[num] == mark ||
        !pobjfile_read(f, num, &node, &data, &len))
        return;
    marks[num] = mark;
    const pobj *nums = pobj_get(&node, "/Nums"), *kids = pobj_get(&node, "/Kids");
    for (size_t i = 1; nums && nums->kind == POBJ_ARRAY && i < nums->n; i += 2)
        mark_ref(f, &nums->kids[i], marks, mark);
    for (size_t i = 0; kids && kids->kind == POBJ_ARRAY && i < kids->n; i++)
        if (kids->kids[i].kind == POBJ_REF)
            mark_parent_tree(f, kids->kids[i].ref, depth + 1, marks, mark);
    pobj_free(&node);
}

void pobjfile_mark_structure(const pobjfile *f, const pobj *root, unsigned char *marks,
                             unsigned char mark)
{
    if (!root || root->kind != POBJ_REF || root->ref >= f->n)
        return;
    pobj tree;
    const char *data;
    size_t len;
    if (pobjfile_read(f, root->ref, &tree, &data, &len)) {
        const pobj *parents = pobj_get(&tree, "/ParentTree");
        if (parents && parents->kind == POBJ_REF)
            mark_parent_tree(f, parents->ref, 0, marks, mark);
        pobj_free(&tree);
    }
    marks[root->ref] = mark;
}

/* "num 0 obj" at p, or NULL. */
static const char *object_start(const char *p, const char *end, size_t num)
{
    size_t n, gen;
    if (!read_number(&p, end, &n) || n != num)
        return NULL;
    p = pobj_skip_space(p, end);
    if (!read_number(&p, end, &gen))
        return NULL;
    p = pobj_skip_space(p, end);
    return end - p >= 3 && !memcmp(p, "obj", 3) ? p + 3 : NULL;
}

/* The stream length in dict: a number, or an object that is one. */
static bool stream_length(const pobjfile *f, const pobj *dict, size_t num, size_t *len)
{
    const pobj *l = pobj_get(dict, "/Length");
    long long v;
    if (l && l->kind == POBJ_REF && l->ref != num) {
        size_t at, size;
        if (!(at = pobjfile_extent(f, l->ref, &size)))
            return false;
        const char *end = f->data + at + size, *p = object_start(f->data + at, end, l->ref);
        pobj n;
        if (!p || !pobj_parse(&p, end, &n))
            return false;
        bool ok = pobj_int(&n, &v);
        pobj_free(&n);
        if (!ok)
            return false;
    } else if (!pobj_int(l, &v)) {
        return false;
    }
    *len = (size_t)v;
    return v >= 0;
}

bool pobjfile_read(const pobjfile *f, size_t num, pobj *v, const char **data, size_t *len)
{
    *v = (pobj){0};
    *data = NULL;
    *len = 0;
    size_t at, size;
    if (!(at = pobjfile_extent(f, num, &size)))
        return false;
    const char *end = f->data + at + size, *p = object_start(f->data + at, end, num);
    if (!p || !pobj_parse(&p, end, v))
        return false;
    p = pobj_skip_space(p, end);
    if (end - p >= 6 && !memcmp(p, "stream", 6) && v->kind == POBJ_DICT) {
        p += 6;
        if (p < end && *p == '\r')
            p++;
        size_t n;
        if (p >= end || *p++ != '\n' || !stream_length(f, v, num, &n) || n > (size_t)(end - p))
            goto bad;
        *data = p;
        *len = n;
        p = pobj_skip_space(p + n, end);
        if (end - p < 9 || memcmp(p, "endstream", 9))
            goto bad;
        p = pobj_skip_space(p + 9, end);
    }
    if (end - p >= 6 && !memcmp(p, "endobj", 6))
        return true;
bad:
    pobj_free(v);
    *data = NULL;
    *len = 0;
    return false;
}

/* The tables' resident pages let go (a walk over them calls it now and then). */
static void forget_tables(const pobjout *w)
{
    spill_forget(&w->offset_store);
    spill_forget(&w->reuse_store);
}

static void grow_numbers(pobjout *w, size_t need)
{
    if (need <= w->cap)
        return;
    size_t cap = w->cap ? w->cap * 2 : 1024;
    while (cap < need)
        cap *= 2;
    w->offset = spill_grow(&w->offset_store, cap * sizeof *w->offset);
    w->cap = cap;
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
    forget_tables(w);
}

/* Writes len bytes at data to the file, a few megabytes at a time (a
 * mapping's pages let go after each). */
static void write_through(pobjout *w, const pobjfile *f, const char *data, size_t len)
{
    flush(w);
    const size_t step = 8u << 20;
    for (size_t at = 0; at < len; at += step) {
        size_t n = len - at < step ? len - at : step;
        if (!w->failed)
            w->failed = !fd_write_all(w->fd, data + at, n);
        g_checksum_update(w->md5, (const guchar *)data + at, (gssize)n);
        w->written += n;
        if (f && n == step)
            pobjfile_forget(f);
    }
}

/* The offset the next byte written to w->out will have in the file. */
static size_t here(const pobjout *w)
{
    return w->written + w->out.len;
}

void pobjout_start(pobjout *w, int fd, size_t n)
{
    *w = (pobjout){.fd = fd, .md5 = g_checksum_new(G_CHECKSUM_MD5)};
    grow_numbers(w, n);
    w->n = w->first_new = n ? n : 1;
}

void pobjout_copy(pobjout *w, const pobjfile *f, size_t num)
{
    size_t len, at = pobjfile_extent(f, num, &len);
    if (!len)
        return;
    w->offset[num] = here(w);
    if (len < 4096)
        buf_append(&w->out, f->data + at, len);
    else
        write_through(w, f, f->data + at, len);
    if (w->out.len >= (1u << 20))
        flush(w);
}

void pobjout_data(pobjout *w, const void *data, size_t len)
{
    if (len < 4096)
        buf_append(&w->out, data, len);
    else
        write_through(w, NULL, data, len);
}

void pobjout_reuse_free(pobjout *w)
{
    w->reuse = spill_grow(&w->reuse_store, (w->n ? w->n : 1) * sizeof *w->reuse);
    w->n_reuse = 0;
    for (size_t i = w->first_new; i-- > 1;) {
        if (i % 65536 == 0)
            forget_tables(w);
        if (!w->offset[i])
            w->reuse[w->n_reuse++] = i;
    }
}

size_t pobjout_number(pobjout *w)
{
    if (w->n_reuse)
        return w->reuse[--w->n_reuse];
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

void pobjout_drain(pobjout *w)
{
    if (w->out.len >= (1u << 20))
        flush(w);
}

/* libdeflate's level 6: zlib's default ratio (what qpdf and cairo wrote),
 * in less time. */
#define STREAM_LEVEL 6

size_t pobj_deflate(struct libdeflate_compressor **z, const void *data, size_t len,
                    unsigned char **out, size_t *cap)
{
    if (!*z && !(*z = libdeflate_alloc_compressor(STREAM_LEVEL)))
        abort();
    size_t need = libdeflate_zlib_compress_bound(*z, len);
    if (need > *cap) {
        free(*out);
        if (!(*out = malloc(need)))
            abort();
        *cap = need;
    }
    return libdeflate_zlib_compress(*z, data, len, *out, need);
}

static void put_stream(pobjout *w, size_t num, const char *keys, const void *data, size_t len,
                       bool deflated)
{
    pobjout_open(w, num);
    buf_printf(&w->out, "<< %s%s/Length %zu%s >>\nstream\n", keys, *keys ? " " : "", len,
               deflated ? " /Filter /FlateDecode" : "");
    pobjout_data(w, data, len);
    buf_puts(&w->out, "\nendstream");
    pobjout_close(w);
}

void pobjout_stream(pobjout *w, size_t num, const char *keys, const void *data, size_t len,
                    bool deflate)
{
    if (deflate) {
        len = pobj_deflate(&w->z, data, len, &w->zbuf, &w->zcap);
        data = w->zbuf;
    }
    put_stream(w, num, keys, data, len, deflate);
}

void pobjout_stream_deflated(pobjout *w, size_t num, const char *keys, const void *data,
                             size_t len)
{
    put_stream(w, num, keys, data, len, true);
}

bool pobjout_finish(pobjout *w, size_t root, size_t info)
{
    size_t xref = here(w);
    /* free entries chained, from entry 0, each to the next */
    size_t next_free = 0;
    for (size_t i = w->n; i-- > 1;) {
        if (i % 65536 == 0)
            forget_tables(w);
        if (!w->offset[i]) {
            w->offset[i] = ~next_free; /* (a free entry's link, told apart by its top bit) */
            next_free = i;
        }
    }
    buf_printf(&w->out, "xref\n0 %zu\n%010zu 65535 f \n", w->n, next_free);
    for (size_t i = 1; i < w->n; i++) {
        if (w->out.len >= (1u << 20))
            flush(w);
        size_t o = w->offset[i];
        if (o > SIZE_MAX / 2)
            buf_printf(&w->out, "%010zu 00001 f \n", ~o);
        else
            buf_printf(&w->out, "%010zu 00000 n \n", o);
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
    pobjout_free(w);
    errno = err;
    return ok;
}

void pobjout_free(pobjout *w)
{
    if (w->md5)
        g_checksum_free(w->md5);
    buf_free(&w->out);
    spill_free(&w->offset_store);
    spill_free(&w->reuse_store);
    if (w->z)
        libdeflate_free_compressor(w->z);
    free(w->zbuf);
    *w = (pobjout){0};
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
