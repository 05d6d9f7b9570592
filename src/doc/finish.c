#include "finish.h"

#include <string.h>

#include "attrs.h"
#include "tree.h"
#include "util/buf.h"

static bool blank_text(const fnode *n)
{
    if (n->type == FN_SOFT_BREAK)
        return true;
    if (n->type != FN_TEXT)
        return false;
    return n->as.literal[strspn(n->as.literal, " \t\n")] == '\0';
}

/* Plain text of n without surrounding blanks. */
static const char *trimmed_text(folio_doc *doc, const fnode *n)
{
    const char *s = fnode_plain_text(doc->arena, n);
    if (!s)
        return "";
    s += strspn(s, " \t\n");
    size_t len = strlen(s);
    while (len && strchr(" \t\n", s[len - 1]))
        len--;
    return arena_strndup(doc->arena, s, len);
}

/* The image of a paragraph that holds only that image (and blanks). */
static fnode *lone_image(const fnode *p)
{
    fnode *img = NULL;
    for (fnode *c = p->first; c; c = c->next) {
        if (c->type == FN_IMAGE && !img)
            img = c;
        else if (!blank_text(c))
            return NULL;
    }
    return img;
}

/* ![caption](src) alone in a paragraph is a figure; its alt inlines are the
 * caption (pandoc's implicit figure). */
static void make_figure(folio_doc *doc, fnode *p, fnode *img)
{
    p->type = FN_FIGURE;
    p->as.image = img->as.image;
    if (!p->as.image->alt[0])
        p->as.image->alt = trimmed_text(doc, img);
    while (p->first)
        fnode_unlink(p->first);
    if (img->first) {
        fnode *cap = fnode_new(doc->arena, FN_CAPTION, p->line);
        if (!cap)
            return;
        cap->file = p->file;
        while (img->first) {
            fnode *c = img->first;
            fnode_unlink(c);
            fnode_append(cap, c);
        }
        fnode_append(p, cap);
    }
}

/* Captions hold inlines: paragraphs put in a <summary> or <figcaption>
 * give their inlines, separated by line breaks. Blocks inside those blocks
 * (a table's rows and cells, a list's items) are flattened in turn. */
static void flatten_caption(folio_doc *doc, fnode *cap)
{
    for (fnode *c = cap->first, *next; c; c = next) {
        next = c->next;
        if (!fnode_is_block(c))
            continue;
        if (c->prev) {
            fnode *br = fnode_new(doc->arena, FN_LINE_BREAK, c->line);
            if (br)
                fnode_insert_before(c, br);
        }
        if (c->first)
            next = c->first;
        while (c->first) {
            fnode *k = c->first;
            fnode_unlink(k);
            fnode_insert_before(c, k);
        }
        fnode_unlink(c);
    }
}

/* A caption (or paragraph) starts and ends with words: no breaks or blanks
 * around. */
static void trim_caption(folio_doc *doc, fnode *cap)
{
    while (cap->first && (cap->first->type == FN_SOFT_BREAK || cap->first->type == FN_LINE_BREAK ||
                          blank_text(cap->first)))
        fnode_unlink(cap->first);
    while (cap->last && (cap->last->type == FN_SOFT_BREAK || cap->last->type == FN_LINE_BREAK ||
                         blank_text(cap->last)))
        fnode_unlink(cap->last);
    if (cap->first && cap->first->type == FN_TEXT) {
        const char *s = cap->first->as.literal;
        cap->first->as.literal = s + strspn(s, " \t\n");
    }
    if (cap->last && cap->last->type == FN_TEXT) {
        const char *s = cap->last->as.literal;
        size_t n = strlen(s);
        while (n && strchr(" \t\n", s[n - 1]))
            n--;
        if (s[n]) /* copied only when there is something to cut */
            cap->last->as.literal = arena_strndup(doc->arena, s, n);
    }
}

/* ::: {.callout-note} followed by "## Title": the heading is the title. */
static void callout_title(fnode *callout)
{
    fnode *first = callout->first;
    if (first && first->type == FN_HEADING)
        first->type = FN_CAPTION;
}

/* The length of the caption mark a paragraph starts with (pandoc's
 * table_captions: "Table:", "table:" or ": "), 0 when none. */
static size_t caption_mark(const fnode *p)
{
    const fnode *t = p && p->type == FN_PARAGRAPH ? p->first : NULL;
    if (!t || t->type != FN_TEXT)
        return 0;
    const char *s = t->as.literal;
    if (strncmp(s, "Table:", 6) == 0 || strncmp(s, "table:", 6) == 0)
        return 6;
    return s[0] == ':' && (s[1] == ' ' || s[1] == '\t') ? 1 : 0;
}

/* A caption paragraph right after (or else right before) a table becomes
 * its caption, its {#tbl-id} the table's id. */
static void table_caption(folio_doc *doc, fnode *table)
{
    fnode *p = caption_mark(table->next) ? table->next : table->prev;
    size_t mark = caption_mark(p);
    if (!mark || fnode_caption(table))
        return;
    fnode *t = p->first;
    t->as.literal += mark;
    t->col += t->col ? (int)mark : 0;
    fattrs at;
    if (attrs_take_trailing(doc, p, &at))
        table->as.table.id = at.id;
    fnode_unlink(p);
    p->type = FN_CAPTION;
    fnode_prepend(table, p);
}

/* Pandoc superscript: 1^er^ → 1, sup(er). No spaces inside; a "^" that
 * opens none ("Et ^[ non fermée") is text, and a later one may. Returns
 * the node the walk goes on from. */
static fnode *superscripts(folio_doc *doc, fnode *t)
{
    const char *s = t->as.literal;
    const char *open = strchr(s, '^');
    size_t n = 0;
    while (open && ((n = strcspn(open + 1, "^ \t\n")) == 0 || open[1 + n] != '^'))
        open = strchr(open + 1, '^');
    if (!open)
        return t;
    fnode *sup = fnode_new(doc->arena, FN_SUP, t->line);
    fnode *inner = fnode_new(doc->arena, FN_TEXT, t->line);
    fnode *rest = fnode_new(doc->arena, FN_TEXT, t->line);
    if (!sup || !inner || !rest)
        return t;
    sup->file = inner->file = rest->file = t->file;
    inner->as.literal = arena_strndup(doc->arena, open + 1, n);
    fnode_append(sup, inner);
    rest->as.literal = open + n + 2;
    t->as.literal = arena_strndup(doc->arena, s, (size_t)(open - s));
    fnode_insert_after(t, sup);
    if (*rest->as.literal)
        fnode_insert_after(sup, rest);
    if (!*t->as.literal)
        fnode_unlink(t);
    return sup;
}

/* Raw HTML and entities cut text into pieces: one text node per run, and
 * no blanks at the edges of a paragraph (HTML's white space collapsing). */
void finish_text(folio_doc *doc)
{
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_TEXT && n->next && n->next->type == FN_TEXT) {
            buf run = {0};
            buf_puts(&run, n->as.literal);
            while (n->next && n->next->type == FN_TEXT) {
                buf_puts(&run, n->next->as.literal);
                fnode_unlink(n->next);
            }
            n->as.literal = arena_strndup(doc->arena, buf_cstr(&run), run.len);
            buf_free(&run);
        } else if (n->type == FN_PARAGRAPH || n->type == FN_HEADING || n->type == FN_TABLE_CELL) {
            trim_caption(doc, n);
        }
    }
}

void finish_tree(folio_doc *doc)
{
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        fnode *img;
        switch (n->type) {
        case FN_PARAGRAPH:
            if ((img = lone_image(n)) && n->parent->type != FN_CAPTION)
                make_figure(doc, n, img);
            break;
        case FN_CALLOUT:
            callout_title(n);
            break;
        case FN_TABLE:
            table_caption(doc, n);
            break;
        case FN_TEXT:
            n = superscripts(doc, n);
            break;
        default:
            break;
        }
    }
    /* Paragraphs left empty (an inline <script> dropped) say nothing. */
    for (fnode *n = doc->root, *next; n; n = next) {
        next = fnode_next(doc->root, n, false);
        if (n->type == FN_PARAGRAPH && !n->first)
            fnode_unlink(n);
    }
    /* Second walk: captions are complete only now. */
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_CAPTION) {
            flatten_caption(doc, n);
            trim_caption(doc, n);
        } else if (n->type == FN_IMAGE) {
            if (!n->as.image->alt[0])
                n->as.image->alt = trimmed_text(doc, n);
            while (n->first)
                fnode_unlink(n->first);
        } else if (n->type == FN_FIGURE && !n->as.image->src[0]) {
            /* <figure> without <img>: a plain container. */
            n->type = FN_DIV;
            n->as.div.id = NULL;
            n->as.div.classes = "figure";
        }
    }
}
