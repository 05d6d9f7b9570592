#include "emoji_codes.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tree.h"
#include "util/buf.h"

#include "emoji_table.h"

static int by_code(const void *key, const void *row)
{
    return strcmp(key, ((const struct emoji_code *)row)->code);
}

static const char *emoji_of(const char *code)
{
    const struct emoji_code *row =
        bsearch(code, emoji_table, G_N_ELEMENTS(emoji_table), sizeof emoji_table[0], by_code);
    return row ? row->emoji : NULL;
}

static bool code_char(char c)
{
    return g_ascii_islower(c) || g_ascii_isdigit(c) || c == '_' || c == '+' || c == '-';
}

/* The text of s with its known :codes: replaced, or NULL when none is. */
static const char *replaced(arena *a, const char *s)
{
    buf out = {0};
    bool any = false;
    const char *from = s;
    for (const char *p = strchr(s, ':'); p; p = strchr(p + 1, ':')) {
        size_t n = 0;
        while (code_char(p[1 + n]))
            n++;
        if (!n || p[1 + n] != ':' || n > 40)
            continue;
        char code[48];
        memcpy(code, p + 1, n);
        code[n] = '\0';
        const char *e = emoji_of(code);
        if (!e)
            continue;
        buf_append(&out, from, (size_t)(p - from));
        buf_puts(&out, e);
        from = p + n + 2;
        p = from - 1;
        any = true;
    }
    const char *r = NULL;
    if (any) {
        buf_puts(&out, from);
        r = arena_strdup(a, buf_cstr(&out));
    }
    buf_free(&out);
    return r;
}

void emoji_codes_apply(folio_doc *doc)
{
    if (doc->meta.emoji != 1 && !doc->project.emoji)
        return;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_TEXT || !strchr(n->as.literal, ':'))
            continue;
        const char *r = replaced(doc->arena, n->as.literal);
        if (r)
            n->as.literal = r;
    }
}
