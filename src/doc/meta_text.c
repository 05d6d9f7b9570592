#include "meta_text.h"

#include <md4c.h>
#include <string.h>

#include "entity.h"
#include "tree.h"
#include "util/buf.h"

/* The Markdown a front-matter field may hold, the same whether it is read
 * as plain text or as nodes. */
#define META_MD_FLAGS (MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTMLBLOCKS | MD_FLAG_NOINDENTEDCODEBLOCKS)

/* Only the text matters: blocks and spans are walked through. */
static int block(MD_BLOCKTYPE type, void *detail, void *user) { return 0; }
static int span(MD_SPANTYPE type, void *detail, void *user) { return 0; }

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
    buf *out = user;
    switch (type) {
    case MD_TEXT_ENTITY:
        entity_decode_all(s, size, out);
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        buf_putc(out, ' ');
        break;
    case MD_TEXT_NULLCHAR:
        break;
    case MD_TEXT_HTML:
        /* <code>observable</code>: the tags go, their text stays; a <br>
         * separates words. */
        if (size >= 3 && (s[1] == 'b' || s[1] == 'B') && (s[2] == 'r' || s[2] == 'R'))
            buf_putc(out, ' ');
        break;
    default: /* normal text, code spans and math as written */
        buf_append(out, s, size);
    }
    return 0;
}

const char *meta_text_plain(arena *a, const char *markdown)
{
    if (!markdown)
        return NULL;
    buf out = {0};
    const MD_PARSER parser = {
        .flags = META_MD_FLAGS,
        .enter_block = block,
        .leave_block = block,
        .enter_span = span,
        .leave_span = span,
        .text = text,
    };
    /* A parse failure (out of memory) keeps the string as written. */
    if (md_parse(markdown, (MD_SIZE)strlen(markdown), &parser, &out) != 0) {
        buf_free(&out);
        return markdown;
    }
    const char *s = buf_cstr(&out);
    size_t len = out.len;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    while (len && *s == ' ') {
        s++;
        len--;
    }
    const char *plain = arena_strndup(a, s, len);
    buf_free(&out);
    return plain;
}

void meta_text_apply(fmeta *m, arena *a)
{
    m->title = meta_text_plain(a, m->title);
    m->subtitle = meta_text_plain(a, m->subtitle);
    m->summary = meta_text_plain(a, m->summary);
}

/* ---- the same text as nodes ---- */

typedef struct node_ctx {
    arena *a;
    fnode *parent; /* where paragraphs go */
    fnode *at;     /* the open inline container; NULL outside a paragraph */
    int file, line;
} node_ctx;

static fnode *new_node(node_ctx *c, fnode_type t)
{
    fnode *n = fnode_new(c->a, t, c->line);
    n->file = c->file;
    return n;
}

/* Every Markdown block's text goes to one paragraph of its own: a list or
 * a heading in a description reads as its words. */
static int node_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    node_ctx *c = user;
    (void)detail;
    if (type != MD_BLOCK_DOC && !c->at) {
        c->at = new_node(c, FN_PARAGRAPH);
        fnode_append(c->parent, c->at);
    }
    return 0;
}

static int node_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    node_ctx *c = user;
    (void)detail;
    if (type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_CODE ||
        type == MD_BLOCK_TH || type == MD_BLOCK_TD || type == MD_BLOCK_LI)
        c->at = NULL;
    return 0;
}

static int node_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    node_ctx *c = user;
    fnode *n = NULL;
    switch (type) {
    case MD_SPAN_EM: n = new_node(c, FN_EMPH); break;
    case MD_SPAN_STRONG: n = new_node(c, FN_STRONG); break;
    case MD_SPAN_DEL: n = new_node(c, FN_STRIKE); break;
    case MD_SPAN_CODE: n = new_node(c, FN_CODE); break;
    case MD_SPAN_A: {
        const MD_SPAN_A_DETAIL *a = detail;
        n = new_node(c, FN_LINK);
        buf url = {0};
        entity_decode_all(a->href.text, a->href.size, &url);
        n->as.link.url = arena_strndup(c->a, url.data ? url.data : "", url.len);
        buf_free(&url);
        break;
    }
    default: return 0; /* an image, a wiki link…: its text only */
    }
    if (type == MD_SPAN_CODE)
        n->as.literal = "";
    fnode_append(c->at, n);
    c->at = n;
    return 0;
}

static int node_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    node_ctx *c = user;
    (void)detail;
    if (type == MD_SPAN_EM || type == MD_SPAN_STRONG || type == MD_SPAN_DEL ||
        type == MD_SPAN_CODE || type == MD_SPAN_A)
        c->at = c->at->parent;
    return 0;
}

static int node_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
    node_ctx *c = user;
    if (!c->at || type == MD_TEXT_NULLCHAR || type == MD_TEXT_HTML)
        return 0; /* raw HTML tags go, their text stays (as meta_text_plain) */
    if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
        fnode_append(c->at, new_node(c, type == MD_TEXT_BR ? FN_LINE_BREAK : FN_SOFT_BREAK));
        return 0;
    }
    buf t = {0};
    if (type == MD_TEXT_ENTITY)
        entity_decode_all(s, size, &t);
    else
        buf_append(&t, s, size);
    if (c->at->type == FN_CODE) { /* one literal, however md4c cuts it */
        c->at->as.literal = arena_printf(c->a, "%s%s", c->at->as.literal, buf_cstr(&t));
    } else {
        fnode *n = new_node(c, FN_TEXT);
        n->as.literal = arena_strndup(c->a, buf_cstr(&t), t.len);
        fnode_append(c->at, n);
    }
    buf_free(&t);
    return 0;
}

void meta_text_nodes(arena *a, const char *markdown, fnode *parent, int file, int line)
{
    if (!markdown || !*markdown)
        return;
    node_ctx c = {a, parent, NULL, file, line};
    const MD_PARSER parser = {
        .flags = META_MD_FLAGS,
        .enter_block = node_enter_block,
        .leave_block = node_leave_block,
        .enter_span = node_enter_span,
        .leave_span = node_leave_span,
        .text = node_text,
    };
    md_parse(markdown, (MD_SIZE)strlen(markdown), &parser, &c);
}
