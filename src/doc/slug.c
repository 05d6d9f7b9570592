#include "slug.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/tree.h"
#include "util/buf.h"
#include "util/utf8.h"

/* ASCII spellings of U+00C0..U+017F; NULL for the few that are symbols. */
static const char *const latin_fold[0x180 - 0xC0] = {
    /* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
    /* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    /* F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
    /* 100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    /* 110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    /* 120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    /* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    /* 140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    /* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    /* 160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    /* 170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Code points that are punctuation, symbols, marks or emoji rather than
 * letters of some script: they are dropped from slugs. */
static bool is_symbol(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFFD || cp >= 0x1F000;
}

char *slug_from_text(arena *a, const char *text)
{
    buf b = {0};
    bool dash = false; /* a separator is pending */
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp = utf8_next(text, len, &i);
        const char *ascii = NULL;
        char one[2] = {0};
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_')
                one[0] = (char)cp;
            else if (cp >= 'A' && cp <= 'Z')
                one[0] = (char)(cp - 'A' + 'a');
            else if (cp == ' ' || cp == '-' || cp == '\t' || cp == '\n')
                dash = b.len > 0;
            if (one[0])
                ascii = one;
        } else if (cp >= 0xC0 && cp < 0x180) {
            ascii = latin_fold[cp - 0xC0];
        } else if (cp == 0xA0 || cp == 0x202F || cp == 0x2009) {
            dash = b.len > 0; /* no-break and thin spaces separate words too */
        } else if (!is_symbol(cp)) {
            if (dash)
                buf_putc(&b, '-');
            dash = false;
            buf_put_utf8(&b, cp);
        }
        if (ascii) {
            if (dash)
                buf_putc(&b, '-');
            dash = false;
            buf_puts(&b, ascii);
        }
    }
    char *slug = arena_strdup(a, b.len ? buf_cstr(&b) : "section");
    buf_free(&b);
    return slug;
}

/* A set of ids: open addressing over malloc'ed slots, strings borrowed. */
typedef struct id_set {
    const char **slots;
    size_t cap, n;
} id_set;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static bool set_has(const id_set *s, const char *id)
{
    if (!s->cap)
        return false;
    for (size_t i = hash_str(id) & (s->cap - 1); s->slots[i]; i = (i + 1) & (s->cap - 1))
        if (strcmp(s->slots[i], id) == 0)
            return true;
    return false;
}

static bool set_add(id_set *s, const char *id)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        const char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            return false;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i]) {
                size_t j = hash_str(s->slots[i]) & (cap - 1);
                while (slots[j])
                    j = (j + 1) & (cap - 1);
                slots[j] = s->slots[i];
            }
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    if (set_has(s, id))
        return true;
    size_t j = hash_str(id) & (s->cap - 1);
    while (s->slots[j])
        j = (j + 1) & (s->cap - 1);
    s->slots[j] = id;
    s->n++;
    return true;
}

/* Ids written by the author: on headings, divs and spans. */
static const char *explicit_id(const fnode *n)
{
    if (n->type == FN_HEADING)
        return n->as.heading.id;
    if (n->type == FN_DIV || n->type == FN_SPAN)
        return n->as.div.id;
    return NULL;
}

/* "base-k" for the first k from *next on that is free; *next moves past
 * it, so n headings with the same text cost n tries, not n²/2. */
static const char *numbered_id(const id_set *taken, const char *base, int *next, arena *a,
                               buf *try)
{
    for (;; (*next)++) {
        buf_clear(try);
        buf_printf(try, "%s-%d", base, *next);
        if (!set_has(taken, buf_cstr(try)))
            return arena_strndup(a, try->data, try->len);
    }
}

void slug_assign_ids(fnode *root, arena *a)
{
    id_set taken = {0};
    for (fnode *n = root; n; n = fnode_next(root, n, false)) {
        const char *id = explicit_id(n);
        if (id && *id)
            set_add(&taken, id);
    }
    GHashTable *next_suffix = g_hash_table_new(g_str_hash, g_str_equal); /* base → int */
    buf try = {0};
    for (fnode *n = root; n; n = fnode_next(root, n, false)) {
        if (n->type != FN_HEADING || (n->as.heading.id && *n->as.heading.id))
            continue;
        const char *text = fnode_plain_text(a, n);
        const char *base = slug_from_text(a, text ? text : "");
        const char *id = base;
        if (id && set_has(&taken, id)) {
            int next = GPOINTER_TO_INT(g_hash_table_lookup(next_suffix, base));
            if (next < 1)
                next = 1;
            id = numbered_id(&taken, base, &next, a, &try);
            g_hash_table_insert(next_suffix, (gpointer)base, GINT_TO_POINTER(next + 1));
        }
        if (!id)
            break; /* out of memory: the heading keeps no id */
        n->as.heading.id = id;
        set_add(&taken, id);
    }
    buf_free(&try);
    g_hash_table_destroy(next_suffix);
    free(taken.slots);
}
