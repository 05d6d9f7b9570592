#include "deflists.h"

#include "tree.h"

/* The offset of a definition's text after its ": " or "~ " (pandoc's
 * marks, a blank after them), 0 when the text starts with neither. */
static size_t mark_end(const fnode *n)
{
    const char *s = n && n->type == FN_TEXT ? n->as.literal : NULL;
    if (!s || (s[0] != ':' && s[0] != '~') || (s[1] != ' ' && s[1] != '\t'))
        return 0;
    size_t i = 2;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return s[i] ? i : 0; /* a mark alone is no definition */
}

static bool one_line(const fnode *para)
{
    if (!para || para->type != FN_PARAGRAPH || !para->first)
        return false;
    for (const fnode *c = para->first; c; c = c->next)
        if (c->type == FN_SOFT_BREAK || c->type == FN_LINE_BREAK)
            return false;
    return true;
}

/* The soft break ending the paragraph's first line when a definition
 * follows it ("Term", break, ": definition"); NULL otherwise. */
static fnode *term_end(const fnode *para)
{
    const fnode *c = para->first;
    for (; c && c->type != FN_SOFT_BREAK; c = c->next)
        if (c->type == FN_LINE_BREAK)
            return NULL;
    return c && c != para->first && mark_end(c->next) ? (fnode *)c : NULL;
}

static fnode *node(arena *a, fnode_type type, const fnode *like, int line)
{
    fnode *n = fnode_new(a, type, line);
    n->file = like->file;
    return n;
}

/* The definitions of para, from its first child (a text starting with its
 * mark), into list: one each ": " line, up to the next. */
static void take_definitions(arena *a, fnode *list, fnode *para, int line)
{
    while (para->first) {
        fnode *text = para->first;
        size_t cut = mark_end(text);
        text->as.literal += cut;
        if (text->col)
            text->col += (int)cut;
        fnode *data = node(a, FN_DEF_DATA, para, line);
        fnode *body = node(a, FN_PARAGRAPH, para, line);
        fnode_append(list, data);
        fnode_append(data, body);
        for (fnode *c = para->first; c;) {
            fnode *next = c->next;
            if (c->type == FN_SOFT_BREAK && mark_end(next)) {
                fnode_unlink(c); /* the next definition's line */
                line++;
                break;
            }
            line += c->type == FN_SOFT_BREAK || c->type == FN_LINE_BREAK;
            fnode_unlink(c);
            fnode_append(body, c);
            c = next;
        }
    }
    fnode_unlink(para);
}

/* A list started at para, or the list before it gone on (pandoc's list
 * goes on across blank lines); NULL when para starts none. */
static fnode *read_list(arena *a, fnode *para)
{
    fnode *prev = para->prev, *end;
    fnode *list = prev && prev->type == FN_DEF_LIST ? prev : NULL;
    if (mark_end(para->first) && (list || one_line(prev))) {
        if (!list) { /* "Term", a blank line, ": definition": the list before
                        the term goes on */
            list = prev->prev && prev->prev->type == FN_DEF_LIST ? prev->prev : NULL;
            if (!list) {
                list = node(a, FN_DEF_LIST, prev, prev->line);
                fnode_insert_before(prev, list);
            }
            fnode *term = node(a, FN_DEF_TERM, prev, prev->line);
            fnode_append(list, term);
            while (prev->first) {
                fnode *c = prev->first;
                fnode_unlink(c);
                fnode_append(term, c);
            }
            fnode_unlink(prev);
        }
        take_definitions(a, list, para, para->line);
        return list;
    }
    if (!(end = term_end(para)))
        return NULL;
    if (!list) {
        list = node(a, FN_DEF_LIST, para, para->line);
        fnode_insert_before(para, list);
    }
    fnode *term = node(a, FN_DEF_TERM, para, para->line);
    fnode_append(list, term);
    while (para->first != end) {
        fnode *c = para->first;
        fnode_unlink(c);
        fnode_append(term, c);
    }
    fnode_unlink(end);
    take_definitions(a, list, para, para->line + 1);
    return list;
}

/* The blocks the pre-pass found indented under the list's last definition
 * (a FN_DEF_DATA right after the list: prepass.c definition_inner) go
 * into that definition, nested lists and all. */
static void take_more(fnode *list)
{
    fnode *into = list->last;
    while (into && into->type == FN_DEF_DATA && list->next && list->next->type == FN_DEF_DATA) {
        fnode *more = list->next;
        while (more->first) {
            fnode *c = more->first;
            fnode_unlink(c);
            fnode_append(into, c);
        }
        fnode_unlink(more);
    }
}

/* Such blocks after no list (a ": " line md4c did not read as a
 * definition) stay where they are, out of their FN_DEF_DATA. */
static void unwrap(fnode *more)
{
    while (more->first) {
        fnode *c = more->first;
        fnode_unlink(c);
        fnode_insert_before(more, c);
    }
    fnode_unlink(more);
}

static bool container(const fnode *n)
{
    return n->type == FN_QUOTE || n->type == FN_ITEM || n->type == FN_FOOTNOTE_DEF ||
           n->type == FN_DEF_DATA;
}

void deflists_apply(folio_doc *doc)
{
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (!container(n))
            continue;
        for (fnode *c = n->first; c;) {
            fnode *next = c->next;
            if (c->type == FN_PARAGRAPH) {
                fnode *list = read_list(doc->arena, c);
                if (list) {
                    take_more(list);
                    next = list->next;
                }
            } else if (c->type == FN_DEF_DATA && n->type == FN_DEF_DATA) {
                next = c->first ? c->first : next;
                unwrap(c);
            }
            c = next;
        }
    }
}
