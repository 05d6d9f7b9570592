#include "meta_text.h"

#include <md4c.h>
#include <string.h>

#include "entity.h"
#include "util/buf.h"

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
        .flags = MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTMLBLOCKS | MD_FLAG_NOINDENTEDCODEBLOCKS,
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
