#include "crossref.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "book/words.h"
#include "tree.h"

typedef struct xref_kind {
    const char *prefix; /* "fig-": the label's prefix, and the id's */
    word_id word;
} xref_kind;

static const xref_kind kinds[] = {{"fig-", W_FIGURE}, {"tbl-", W_TABLE}, {"sec-", W_SECTION}};
enum { N_KINDS = sizeof kinds / sizeof *kinds };

/* The kind whose prefix s starts with (the first letter in either case,
 * as in @Fig-a), or -1. */
static int kind_of(const char *s)
{
    for (int k = 0; k < N_KINDS; k++)
        if (s && (s[0] | 0x20) == kinds[k].prefix[0] && strncmp(s + 1, kinds[k].prefix + 1, 3) == 0)
            return k;
    return -1;
}

typedef struct target {
    const char *id;     /* "fig-a" */
    const char *text;   /* "Figure 1" */
    const char *number; /* "1" */
} target;

typedef struct numbering {
    folio_doc *doc;
    GHashTable *number; /* label → target (in the arena) */
    int count[N_KINDS];
    int section[7];     /* heading numbers by level, as Quarto numbers sections */
    int top;            /* the document's highest heading level (1..6) */
} numbering;


/* "Figure 1 : " before a caption's inlines (a caption made when none). */
static void number_caption(numbering *nb, fnode *n, const char *text)
{
    arena *a = nb->doc->arena;
    fnode *cap = fnode_caption(n);
    if (!cap) {
        if (!(cap = fnode_new(a, FN_CAPTION, n->line)))
            return;
        cap->file = n->file;
        fnode_prepend(n, cap);
    }
    fnode *t = fnode_new(a, FN_TEXT, n->line);
    if (!t)
        return;
    t->file = n->file;
    t->as.literal = cap->first ? arena_printf(a, "%s%s", text,
                                              book_word(nb->doc->lang, W_CAPTION_DELIM))
                               : text;
    fnode_prepend(cap, t);
}

/* "2.1": the number of heading h among the document's headings. */
static const char *section_number(numbering *nb, const fnode *h)
{
    int level = h->as.heading.level;
    if (level < nb->top)
        return NULL;
    nb->section[level]++;
    for (int l = level + 1; l <= 6; l++)
        nb->section[l] = 0;
    char s[64] = "";
    size_t len = 0;
    for (int l = nb->top; l <= level && len < sizeof s - 12; l++)
        len += (size_t)snprintf(s + len, sizeof s - len, "%s%d", l > nb->top ? "." : "",
                                nb->section[l]);
    return arena_strdup(nb->doc->arena, s);
}

static void add_target(numbering *nb, const char *id, int kind, const char *number, fnode *n)
{
    if (g_hash_table_contains(nb->number, id))
        return;
    target *x = arena_alloc(nb->doc->arena, sizeof *x);
    x->id = id;
    x->number = number;
    x->text = arena_printf(nb->doc->arena, "%s\u00a0%s",
                           book_word(nb->doc->lang, kinds[kind].word), number);
    g_hash_table_insert(nb->number, (gpointer)id, x);
    if (kinds[kind].word != W_SECTION)
        number_caption(nb, n, x->text);
}

/* Numbers every labelled figure and table in reading order (captions get
 * their number) and every labelled heading by its place among sections. */
static void number_targets(numbering *nb)
{
    fnode *root = nb->doc->root;
    nb->top = 6;
    for (fnode *n = root; n; n = fnode_next(root, n, false))
        if (n->type == FN_HEADING && n->as.heading.level < nb->top)
            nb->top = n->as.heading.level;
    for (fnode *n = root; n; n = fnode_next(root, n, false)) {
        char num[16];
        if (n->type == FN_FIGURE && kind_of(n->as.image.id) == 0) {
            snprintf(num, sizeof num, "%d", ++nb->count[0]);
            add_target(nb, n->as.image.id, 0, arena_strdup(nb->doc->arena, num), n);
        } else if (n->type == FN_TABLE && kind_of(n->as.table.id) == 1) {
            snprintf(num, sizeof num, "%d", ++nb->count[1]);
            add_target(nb, n->as.table.id, 1, arena_strdup(nb->doc->arena, num), n);
        } else if (n->type == FN_HEADING) {
            const char *number = section_number(nb, n);
            if (number && kind_of(n->as.heading.id) == 2)
                add_target(nb, n->as.heading.id, 2, number, n);
        }
    }
}

/* The characters of a label after its prefix: pandoc's citation keys,
 * whose inner punctuation must be followed by a letter or digit. */
static size_t label_len(const char *s)
{
    size_t n = 4;
    for (;;) {
        unsigned char c = (unsigned char)s[n];
        if (g_ascii_isalnum(c) || c == '_' || c == '-')
            n++;
        else if ((c == '.' || c == ':') && g_ascii_isalnum((unsigned char)s[n + 1]))
            n++;
        else
            return n;
    }
}

static fnode *text_like(arena *a, const fnode *t, const char *s, size_t len)
{
    fnode *n = fnode_new(a, FN_TEXT, t->line);
    if (n) {
        n->file = t->file;
        n->as.literal = arena_strndup(a, s, len);
    }
    return n;
}

static int column_at(const fnode *t, size_t off)
{
    if (!t->col)
        return 0;
    int col = t->col;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)t->as.literal[i] & 0xC0) != 0x80;
    return col;
}

/* The target of label, looked up as written, then with a lower-case first
 * letter (@Fig-a refers to fig-a). */
static const target *find_target(numbering *nb, const char *label)
{
    const target *x = g_hash_table_lookup(nb->number, label);
    if (!x && label[0] != (label[0] | 0x20))
        x = g_hash_table_lookup(nb->number,
                                arena_printf(nb->doc->arena, "%c%s", label[0] | 0x20, label + 1));
    return x;
}

/* The first reference in text t, resolved: a link
 * reading "Figure 1" replaces it, and the text after it (if any) is
 * returned to go on with; an unknown label is warned about and kept.
 * NULL when t has no reference left. */
static fnode *link_reference(numbering *nb, fnode *t, fdiag *d)
{
    arena *a = nb->doc->arena;
    const char *s = t->as.literal;
    for (const char *at = strchr(s, '@'); at; at = strchr(at + 1, '@')) {
        if (kind_of(at + 1) < 0 ||
            (at > s && (g_ascii_isalnum((unsigned char)at[-1]) || at[-1] == '_')))
            continue;
        size_t len = label_len(at + 1);
        const char *label = arena_strndup(a, at + 1, len);
        const target *x = find_target(nb, label);
        if (!x) {
            fdiag_warn(d, nb->doc->files[t->file], t->line, column_at(t, (size_t)(at - s)),
                       "cross-reference @%s: no figure, table or section has this label; "
                       "kept as text", label);
            continue;
        }
        /* [@fig-a] reads "Figure 1"; [-@fig-a] only "1" */
        const char *start = at, *end = at + 1 + len, *text = x->text;
        if (start - s >= 2 && start[-1] == '-' && start[-2] == '[' && *end == ']') {
            start -= 2, end++, text = x->number;
        } else if (start > s && start[-1] == '[' && *end == ']') {
            start--, end++;
        }
        fnode *link = fnode_new(a, FN_LINK, t->line);
        link->file = t->file;
        link->as.link.url = arena_printf(a, "#%s", x->id);
        link->as.link.labelled = true;
        fnode_append(link, text_like(a, t, text, strlen(text)));
        return fnode_text_splice(a, t, (size_t)(start - s), (size_t)(end - s), link);
    }
    return NULL;
}

static bool inside(const fnode *n, fnode_type type)
{
    for (const fnode *p = n->parent; p; p = p->parent)
        if (p->type == type)
            return true;
    return false;
}

void crossref_apply(folio_doc *doc, fdiag *d)
{
    numbering nb = {.doc = doc, .number = g_hash_table_new(g_str_hash, g_str_equal)};
    number_targets(&nb);
    /* the texts first: resolving one inserts nodes beside it */
    GPtrArray *texts = g_ptr_array_new();
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false))
        if (n->type == FN_TEXT && strchr(n->as.literal, '@') && !inside(n, FN_LINK))
            g_ptr_array_add(texts, n);
    for (guint i = 0; i < texts->len; i++)
        for (fnode *t = texts->pdata[i]; t;)
            t = link_reference(&nb, t, d);
    g_ptr_array_free(texts, TRUE);
    g_hash_table_destroy(nb.number);
}
