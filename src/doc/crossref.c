#include "crossref.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "book/words.h"
#include "math/mtree.h"
#include "tree.h"

typedef struct xref_kind {
    const char *prefix; /* "fig-": the label's prefix, and the id's */
    word_id word;
} xref_kind;

enum { K_FIG, K_TBL, K_SEC, K_EQ };
static const xref_kind kinds[] = {
    [K_FIG] = {"fig-", W_FIGURE},
    [K_TBL] = {"tbl-", W_TABLE},
    [K_SEC] = {"sec-", W_SECTION},
    [K_EQ] = {"eq-", W_EQUATION},
};
enum { N_KINDS = sizeof kinds / sizeof *kinds };

/* The kind whose prefix s starts with (the first letter in either case,
 * as in @Fig-a), or -1. */
static int kind_of(const char *s)
{
    for (int k = 0; k < N_KINDS; k++)
        if (s && (s[0] | 0x20) == kinds[k].prefix[0] &&
            strncmp(s + 1, kinds[k].prefix + 1, strlen(kinds[k].prefix) - 1) == 0)
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


/* "Figure 1 : " (or "(a) " before a subfigure's) before a caption's
 * inlines; cap may be NULL: a caption is then made, first in n (a figure's
 * or a table's) or last (a figure div's, as Quarto prints it). */
static void number_caption(numbering *nb, fnode *n, fnode *cap, const char *text, bool sub)
{
    arena *a = nb->doc->arena;
    if (!cap) {
        cap = fnode_new(a, FN_CAPTION, n->line);
        cap->file = n->file;
        if (n->type == FN_DIV)
            fnode_append(n, cap);
        else
            fnode_prepend(n, cap);
    }
    fnode *t = fnode_new(a, FN_TEXT, n->line);
    t->file = n->file;
    if (sub)
        t->as.literal = arena_printf(a, "%s ", text);
    else
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

/* Registers label id as "Figure 1"; NULL when id is taken already (the
 * first one wins). */
static const target *add_target(numbering *nb, const char *id, int kind, const char *number)
{
    if (!id || g_hash_table_contains(nb->number, id))
        return NULL;
    target *x = arena_alloc(nb->doc->arena, sizeof *x);
    x->id = id;
    x->number = number;
    x->text = arena_printf(nb->doc->arena, "%s\u00a0%s",
                           book_doc_word(nb->doc, nb->doc->lang, kinds[kind].word), number);
    g_hash_table_insert(nb->number, (gpointer)id, x);
    return x;
}

static const char *count_next(numbering *nb, int kind)
{
    return arena_printf(nb->doc->arena, "%d", ++nb->count[kind]);
}

static bool is_figure_div(const fnode *n)
{
    return n->type == FN_DIV && kind_of(n->as.div.id) == K_FIG;
}

/* The figure div n lies in (as a subfigure), or NULL. */
static const fnode *figure_div_of(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent)
        if (is_figure_div(p))
            return p;
    return NULL;
}

/* A figure div's caption: its last paragraph (Quarto's rule), also when a
 * layout (layout-ncol) put it in a row of its own; made the div's last
 * child, as a caption. NULL when the div ends with something else. */
static fnode *figure_div_caption(fnode *div)
{
    fnode *last = div->last, *p = last;
    if (p && p->type == FN_COLUMNS && p->first == p->last && p->first->first == p->first->last)
        p = p->first->first;
    if (!p || p->type != FN_PARAGRAPH)
        return NULL;
    fnode_unlink(p);
    if (last != p)
        fnode_unlink(last);
    p->type = FN_CAPTION;
    fnode_append(div, p);
    return p;
}

/* A figure div: "Figure 1 : " before its caption, and its figures, when
 * more than one or labelled, lettered as subfigures: "(a) " before their
 * captions, @fig-a reading "Figure 1 (a)". */
static void number_figure_div(numbering *nb, fnode *div)
{
    const char *number = count_next(nb, K_FIG);
    const target *x = add_target(nb, div->as.div.id, K_FIG, number);
    number_caption(nb, div, figure_div_caption(div), x ? x->text : number, false);
    int figures = 0, labelled = 0;
    for (fnode *n = div; n; n = fnode_next(div, n, false))
        if (n->type == FN_FIGURE)
            figures++, labelled += kind_of(n->as.image->id) == K_FIG;
    if (figures < 2 && !labelled)
        return;
    int letter = 0;
    for (fnode *n = div; n; n = fnode_next(div, n, false)) {
        if (n->type != FN_FIGURE || letter >= 26)
            continue;
        const char *sub = arena_printf(nb->doc->arena, "(%c)", 'a' + letter++);
        if (kind_of(n->as.image->id) == K_FIG)
            add_target(nb, n->as.image->id, K_FIG, arena_printf(nb->doc->arena, "%s\u00a0%s",
                                                                number, sub));
        number_caption(nb, n, fnode_caption(n), sub, true);
    }
}

/* $$ … $$ {#eq-a}: the label after a display formula is taken off the text,
 * the formula numbered "(1)" (a \tag: at the right margin in the PDF, an
 * <mtext> in MathML), an anchor put before it. */
static void number_equation(numbering *nb, fnode *math)
{
    fnode *t = math->next;
    if (!math->as.math.display || !t || t->type != FN_TEXT)
        return;
    const char *s = t->as.literal + strspn(t->as.literal, " \t");
    if (strncmp(s, "{#", 2) != 0 || kind_of(s + 2) != K_EQ)
        return;
    const char *end = strchr(s, '}');
    size_t len = end ? (size_t)(end - s - 2) : 0;
    if (!len || strcspn(s + 2, " \t}") != len)
        return;
    arena *a = nb->doc->arena;
    const char *id = arena_strndup(a, s + 2, len);
    const char *number = count_next(nb, K_EQ);
    if (end[1])
        t->as.literal = end + 1;
    else
        fnode_unlink(t);
    if (!add_target(nb, id, K_EQ, number))
        return;
    if (math->as.math.tree) {
        const char *tex = arena_printf(a, "%s \\tag{%s}", math->as.math.literal, number);
        math_error err;
        const struct mnode *tree = math_parse(a, tex, strlen(tex), true, &err);
        if (tree) /* the literal stays the author's TeX (the EPUB's annotation) */
            math->as.math.tree = tree;
    }
    fnode *anchor = fnode_new(a, FN_SPAN, math->line);
    anchor->file = math->file;
    anchor->as.div.id = id;
    fnode_insert_before(math, anchor);
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
        const target *x;
        if (is_figure_div(n) && !figure_div_of(n)) {
            number_figure_div(nb, n);
        } else if (n->type == FN_FIGURE && kind_of(n->as.image->id) == K_FIG) {
            if (!figure_div_of(n) &&
                (x = add_target(nb, n->as.image->id, K_FIG, count_next(nb, K_FIG))))
                number_caption(nb, n, fnode_caption(n), x->text, false);
        } else if (n->type == FN_TABLE && kind_of(n->as.table.id) == K_TBL) {
            if ((x = add_target(nb, n->as.table.id, K_TBL, count_next(nb, K_TBL))))
                number_caption(nb, n, fnode_caption(n), x->text, false);
        } else if (n->type == FN_MATH) {
            number_equation(nb, n);
        } else if (n->type == FN_HEADING) {
            const char *number = section_number(nb, n);
            if (number && kind_of(n->as.heading.id) == K_SEC)
                add_target(nb, n->as.heading.id, K_SEC, number);
        }
    }
}

/* The characters of a label after its prefix: pandoc's citation keys,
 * whose inner punctuation must be followed by a letter or digit. */
static size_t label_len(const char *s)
{
    size_t n = strlen(kinds[kind_of(s)].prefix);
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
                       "cross-reference @%s: no figure, table, section or equation has this "
                       "label; kept as text", label);
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
