#include "typography.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/numbers.h"
#include "doc/tree.h"
#include "util/buf.h"
#include "util/lang.h"
#include "util/utf8.h"

enum {
    NBSP = 0x00A0,   /* inside « » and before : */
    NNBSP = 0x202F,  /* narrow, before ; ! ? */
    APOSTROPHE = 0x2019,
};

/* The quote marks a language uses, and whether it spaces them (French). */
typedef struct quote_style {
    uint32_t open2, close2, open1, close1;
    bool french_spacing;
} quote_style;

static const quote_style q_french = {0x00AB, 0x00BB, 0x2018, 0x2019, true};
static const quote_style q_english = {0x201C, 0x201D, 0x2018, 0x2019, false};
static const quote_style q_german = {0x201E, 0x201C, 0x201A, 0x2018, false};
static const quote_style q_guillemets = {0x00AB, 0x00BB, 0x2018, 0x2019, false};

static const quote_style *style_for(const char *lang)
{
    if (lang_is(lang, "fr"))
        return &q_french;
    if (lang_is(lang, "de"))
        return &q_german;
    if (lang_is(lang, "es") || lang_is(lang, "it"))
        return &q_guillemets;
    return &q_english;
}

/* One piece of a paragraph's inline text, in reading order. */
typedef enum item_kind {
    IT_TEXT,   /* an FN_TEXT node: rewritten */
    IT_SPACE,  /* a soft break: a space that may become a no-break space */
    IT_BREAK,  /* a hard line break */
    IT_OPAQUE, /* code, math, image, footnote mark, URL text: a word, untouched */
} item_kind;

typedef struct item {
    item_kind kind;
    fnode *node;
    const char *lang; /* the language it is in: an inner span's, else the block's */
    buf out;
} item;

typedef struct stream {
    item *items;
    size_t n, cap;
    const quote_style *q; /* the current item's language's */
    arena *a;            /* the quotation marks of a <q> are made in it */
    int q_depth;         /* <q> elements around the inlines being collected */
    /* state while rewriting */
    uint32_t prev;       /* last character written (0 at the start) */
    size_t prev_item;    /* the item that holds it */
    bool after_open;     /* a « was written: the next space becomes a no-break space */
    int open_quotes;     /* straight double quotes opened and not yet closed */
    const char *lang;    /* the current item's */
    /* the word being written and the one before the last space, for the
     * spaces that must not break (numbers.h); "" when unknown or too long */
    char word[48], before[48];
    size_t word_len, before_len;
    bool word_too_long;
} stream;

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == NBSP || c == NNBSP || c == 0x2009;
}

static bool is_word(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c >= 0xC0 && c != 0xD7 && c != 0xF7 && (c < 0x2000 || c > 0x2BFF) && c != 0xFFFD);
}

/* Where an opening quote goes: at the start, after a space, a bracket or a dash. */
static bool opens(uint32_t prev)
{
    return prev == 0 || is_space(prev) || (prev < 0x80 && strchr("([{-/", (int)prev)) ||
           prev == 0x2013 || prev == 0x2014 || prev == 0x00AB || prev == 0x201C ||
           prev == 0x201E || prev == 0x2018 || prev == 0x201A;
}

static bool push_item(stream *s, item_kind kind, fnode *n, const char *lang)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        item *items = realloc(s->items, cap * sizeof *items);
        if (!items)
            return false;
        s->items = items;
        s->cap = cap;
    }
    s->items[s->n++] = (item){kind, n, lang, {0}};
    return true;
}

/* A link whose text is its address (autolinks): the address stays as is. */
static bool link_shows_url(const fnode *n)
{
    const fnode *t = n->first;
    if (!t || t != n->last || t->type != FN_TEXT || !n->as.link.url)
        return false;
    return strcmp(t->as.literal, n->as.link.url) == 0 || strstr(t->as.literal, "://") ||
           strncmp(t->as.literal, "www.", 4) == 0;
}

static bool collect(stream *s, fnode *parent, const char *lang);

/* A quotation mark, as the text of a new node. */
static fnode *mark_node(stream *s, const fnode *q, uint32_t c)
{
    buf b = {0};
    buf_put_utf8(&b, c);
    fnode *t = fnode_new(s->a, FN_TEXT, q->line);
    if (t) {
        t->file = q->file;
        t->as.literal = arena_strndup(s->a, b.data, b.len);
    }
    buf_free(&b);
    return t && t->as.literal ? t : NULL;
}

/* <q>, as a browser shows it: its words between the quotation marks of
 * its language (the inner ones inside another <q>), which the rewrite then
 * spaces as any (French « »). The marks are text of the span. */
static bool quoted(stream *s, fnode *q, const char *lang)
{
    const quote_style *style = style_for(lang);
    bool inner = s->q_depth > 0;
    fnode *open = mark_node(s, q, inner ? style->open1 : style->open2);
    fnode *close = mark_node(s, q, inner ? style->close1 : style->close2);
    if (!open || !close)
        return false;
    fnode_prepend(q, open);
    fnode_append(q, close);
    s->q_depth++;
    bool ok = collect(s, q, lang);
    s->q_depth--;
    return ok;
}

/* The inlines below parent, in lang (a span may say another). */
static bool collect(stream *s, fnode *parent, const char *lang)
{
    for (fnode *c = parent->first; c; c = c->next) {
        bool ok = true;
        switch (c->type) {
        case FN_TEXT: ok = push_item(s, IT_TEXT, c, lang); break;
        case FN_SOFT_BREAK: ok = push_item(s, IT_SPACE, c, lang); break;
        case FN_LINE_BREAK: ok = push_item(s, IT_BREAK, c, lang); break;
        case FN_CODE:
        case FN_MATH:
        case FN_IMAGE:
        case FN_ICON:
        case FN_FOOTNOTE_REF: ok = push_item(s, IT_OPAQUE, c, lang); break;
        case FN_LINK:
            ok = link_shows_url(c) ? push_item(s, IT_OPAQUE, c, lang) : collect(s, c, lang);
            break;
        case FN_SPAN:
            if (fnode_span_has(c, "kbd") || fnode_span_has(c, "samp")) {
                ok = push_item(s, IT_OPAQUE, c, lang); /* keys and output, as typed */
                break;
            }
            if (fnode_span_has(c, "q")) {
                ok = quoted(s, c, fnode_lang(c) ? fnode_lang(c) : lang);
                break;
            }
            ok = collect(s, c, fnode_lang(c) ? fnode_lang(c) : lang);
            break;
        default:
            if (fnode_is_inline(c))
                ok = collect(s, c, fnode_lang(c) ? fnode_lang(c) : lang);
        }
        if (!ok)
            return false;
    }
    return true;
}

/* The first character of the items after index i (0 at the end). */
static uint32_t first_after(const stream *s, size_t i)
{
    for (size_t k = i + 1; k < s->n; k++) {
        const item *it = &s->items[k];
        if (it->kind == IT_SPACE || it->kind == IT_BREAK)
            return ' ';
        if (it->kind == IT_OPAQUE)
            return 'a';
        size_t len = strlen(it->node->as.literal), j = 0;
        if (len)
            return utf8_next(it->node->as.literal, len, &j);
    }
    return 0;
}

/* The word being written ends (a space, a break, code): it becomes the
 * word before the next one, if known. */
static void end_word(stream *s, bool known)
{
    if (!s->word_len && known)
        return; /* spaces in a row: the word before stays */
    s->before_len = known && !s->word_too_long ? s->word_len : 0;
    memcpy(s->before, s->word, s->before_len);
    s->word_len = 0;
    s->word_too_long = false;
}

static void emit(stream *s, size_t i, uint32_t c)
{
    buf *out = &s->items[i].out;
    if (c < 0x80 && !is_space(c) && out->cap - out->len > 1) {
        /* a letter, where the text was: the common case, written in place */
        out->data[out->len++] = (char)c;
        out->data[out->len] = '\0';
        s->prev = c;
        s->prev_item = i;
        if (s->word_len < sizeof s->word)
            s->word[s->word_len++] = (char)c;
        else
            s->word_too_long = true;
        return;
    }
    buf_put_utf8(out, c);
    s->prev = c;
    s->prev_item = i;
    if (is_space(c)) {
        end_word(s, true);
        return;
    }
    /* the character just written, as UTF-8 */
    size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (s->word_len + n > sizeof s->word)
        s->word_too_long = true;
    else
        memcpy(s->word + s->word_len, out->data + out->len - n, n), s->word_len += n;
}

/* Letters and digits inside a word, as emit writes them one by one. */
static void emit_word_part(stream *s, size_t i, const char *t, size_t n)
{
    buf_append(&s->items[i].out, t, n);
    s->prev = (unsigned char)t[n - 1];
    s->prev_item = i;
    size_t room = sizeof s->word - s->word_len;
    memcpy(s->word + s->word_len, t, n < room ? n : room);
    s->word_len += n < room ? n : room;
    s->word_too_long |= n > room;
}

/* A soft break that must not break: it becomes (empty) text. */
static void soft_break_to_text(item *it)
{
    it->node->type = FN_TEXT;
    it->node->as.literal = "";
    it->kind = IT_TEXT;
}

static void strip_trailing_spaces(buf *b)
{
    for (;;) {
        if (b->len >= 1 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t'))
            b->len -= 1;
        else if (b->len >= 2 && memcmp(b->data + b->len - 2, "\xC2\xA0", 2) == 0)
            b->len -= 2;
        else if (b->len >= 3 && (memcmp(b->data + b->len - 3, "\xE2\x80\xAF", 3) == 0 ||
                                 memcmp(b->data + b->len - 3, "\xE2\x80\x89", 3) == 0))
            b->len -= 3;
        else
            break;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

/* Makes the run of spaces before the current position one no-break space
 * sp, even when the run spans several nodes ("word " + soft break).
 * Returns false when the previous character is not a space. */
static bool bind_space_before(stream *s, uint32_t sp)
{
    size_t last = s->prev_item;
    if (!is_space(s->prev) || s->items[last].kind == IT_BREAK)
        return false;
    for (size_t k = last + 1; k-- > 0;) {
        item *it = &s->items[k];
        if (it->kind == IT_SPACE) {
            soft_break_to_text(it);
            continue;
        }
        if (it->kind != IT_TEXT)
            break;
        strip_trailing_spaces(&it->out);
        if (it->out.len)
            break;
    }
    emit(s, last, sp);
    return true;
}

/* At the start of a word (t + j, after a space): a number and its unit,
 * an abbreviation and its number keep their space from breaking. */
static void bind_number(stream *s, const char *t, size_t len, size_t j)
{
    if (!is_space(s->prev) || s->word_len || !s->before_len ||
        s->items[s->prev_item].kind == IT_BREAK)
        return;
    size_t end = j;
    while (end < len && t[end] != ' ' && t[end] != '\t' && t[end] != '\n')
        end++;
    uint32_t sp = numbers_nobreak(s->lang, s->before, s->before_len, t + j, end - j);
    if (sp)
        bind_space_before(s, sp);
}

/* French: a no-break space before high punctuation c; inserted when it
 * ends a word ("Super!", "(vraiment?)"), never inside "10:30", "://", ":)". */
static void french_space_before(stream *s, size_t i, uint32_t c, uint32_t sp, uint32_t next)
{
    if (bind_space_before(s, sp))
        return;
    bool ends_word = next == 0 || is_space(next) || next == '"' || next == 0x00BB ||
                     next == 0x201D || (c != ';' && c != ':' && next == ')') ||
                     (sp == NNBSP && next < 0x80 && strchr(";!?", (int)next));
    if (is_word(s->prev) && ends_word)
        emit(s, i, sp);
}

/* Closes a pending « with its no-break space. */
static void finish_open(stream *s, size_t i)
{
    if (s->after_open) {
        s->after_open = false;
        emit(s, i, NBSP);
    }
}

static void rewrite_char(stream *s, size_t i, uint32_t c, uint32_t next)
{
    const quote_style *q = s->q;
    if (s->after_open) {
        if (is_space(c))
            return; /* the typed space after « gives way to the no-break one */
        finish_open(s, i);
    }
    switch (c) {
    case '"':
        /* after a space it opens, unless one is open and no word follows: « au revoir " » */
        if (opens(s->prev) && !(s->open_quotes > 0 && !is_word(next))) {
            s->open_quotes++;
            emit(s, i, q->open2);
            s->after_open = q->french_spacing;
        } else {
            if (s->open_quotes > 0)
                s->open_quotes--;
            if (q->french_spacing && !bind_space_before(s, NBSP))
                emit(s, i, NBSP);
            emit(s, i, q->close2);
        }
        return;
    case '\'':
        if (q->french_spacing || is_word(s->prev) || (next >= '0' && next <= '9'))
            emit(s, i, APOSTROPHE);
        else
            /* '[' and '(' quoted: the second mark, before a space, closes */
            emit(s, i, opens(s->prev) && next && !is_space(next) ? q->open1 : q->close1);
        return;
    }
    if (q->french_spacing) {
        switch (c) {
        case 0x00AB:
            emit(s, i, c);
            s->after_open = true;
            return;
        case 0x00BB:
            if (s->prev && !bind_space_before(s, NBSP))
                emit(s, i, NBSP);
            break;
        case ';':
        case '!':
        case '?': french_space_before(s, i, c, NNBSP, next); break;
        case ':': french_space_before(s, i, c, NBSP, next); break;
        }
    }
    emit(s, i, c);
}

/* Pandoc's and Hugo's smart punctuation: "---" an em dash, "--" an en
 * dash, "..." an ellipsis; 0 for anything else. *j moves past the marks. */
static uint32_t dash_or_ellipsis(const char *t, size_t len, size_t *j)
{
    size_t at = *j;
    if (t[at] != '.' && t[at] != '-')
        return 0;
    if (at + 2 < len && memcmp(t + at, "...", 3) == 0) {
        *j = at + 3;
        return 0x2026;
    }
    if (at + 1 >= len || t[at] != '-' || t[at + 1] != '-')
        return 0;
    bool em = at + 2 < len && t[at + 2] == '-';
    *j = at + (em ? 3 : 2);
    return em ? 0x2014 : 0x2013;
}

static bool ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* utf8_next, with ASCII (most of any text) read in place. */
static uint32_t ascii_or_next(const char *t, size_t len, size_t *j)
{
    unsigned char b = (unsigned char)t[*j];
    if (b < 0x80) {
        ++*j;
        return b;
    }
    return utf8_next(t, len, j);
}

static void rewrite(stream *s)
{
    for (size_t i = 0; i < s->n; i++) {
        item *it = &s->items[i];
        if (it->lang != s->lang) {
            s->lang = it->lang;
            s->q = style_for(it->lang);
        }
        switch (it->kind) {
        case IT_TEXT: {
            const char *t = it->node->as.literal;
            size_t len = strlen(t);
            buf_reserve(&it->out, len + 1);
            for (size_t j = 0; j < len;) {
                /* inside a word an ASCII letter or digit is itself: no rule
                 * below reads it (a number's space is bound at its word's
                 * first character, punctuation is rewritten) */
                if (ascii_alnum(t[j]) && !is_space(s->prev) && !s->after_open) {
                    size_t end = j + 1;
                    while (end < len && ascii_alnum(t[end]))
                        end++;
                    emit_word_part(s, i, t + j, end - j);
                    j = end;
                    continue;
                }
                size_t at = j;
                uint32_t c = dash_or_ellipsis(t, len, &j);
                if (!c)
                    c = ascii_or_next(t, len, &j);
                size_t k = j;
                uint32_t next = j < len ? ascii_or_next(t, len, &k) : first_after(s, i);
                if (!is_space(c))
                    bind_number(s, t, len, at);
                rewrite_char(s, i, c, next);
            }
            break;
        }
        case IT_SPACE:
            if (s->after_open) {
                s->after_open = false;
                soft_break_to_text(it);
                emit(s, i, NBSP);
            } else {
                s->prev = ' ';
                s->prev_item = i;
                end_word(s, true);
            }
            break;
        case IT_BREAK:
            s->after_open = false;
            s->prev = '\n';
            s->prev_item = i;
            end_word(s, false);
            break;
        case IT_OPAQUE:
            end_word(s, false);
            if (s->after_open && i > 0 && s->items[s->prev_item].kind == IT_TEXT) {
                s->after_open = false;
                emit(s, s->prev_item, NBSP);
            }
            s->prev = 'a';
            s->prev_item = i;
            break;
        }
    }
    if (s->after_open && s->n && s->items[s->prev_item].kind == IT_TEXT)
        emit(s, s->prev_item, NBSP);
    s->after_open = false;
}

/* Rewrites the inline content of one block as a single stream, so that a
 * quote opened in emphasis closes in plain text. */
static void apply_block(fnode *block, const char *lang, arena *a)
{
    stream s = {.q = style_for(lang), .lang = lang, .a = a};
    if (collect(&s, block, lang)) {
        rewrite(&s);
        for (size_t i = 0; i < s.n; i++) {
            item *it = &s.items[i];
            if (it->kind != IT_TEXT)
                continue;
            const char *was = it->node->as.literal, *now = it->out.data ? it->out.data : "";
            if (was && strlen(was) == it->out.len && memcmp(was, now, it->out.len) == 0)
                continue; /* unchanged: no second copy of every word */
            it->node->as.literal = arena_strndup(a, now, it->out.len);
        }
    }
    for (size_t i = 0; i < s.n; i++)
        buf_free(&s.items[i].out);
    free(s.items);
}

static bool holds_inlines(const fnode *n)
{
    for (const fnode *c = n->first; c; c = c->next) {
        fnode_walk_step(); /* the document's blocks: all of them */
        if (fnode_is_inline(c))
            return true;
    }
    return false;
}

void typography_apply(fnode *root, const char *lang, arena *a)
{
    /* Blocks nested in a block that also holds inlines (a tight list item
     * with a sub-list) are visited too: the walk always descends. Each is
     * in its innermost language (nesting is bounded: a short look up). */
    for (fnode *n = root; n; n = fnode_next(root, n, false))
        if (fnode_is_block(n) && n->type != FN_CODE_BLOCK && n->type != FN_HTML_COMMENT &&
            holds_inlines(n))
            apply_block(n, fnode_lang_around(n, lang), a);
}

const char *typography_string(const char *s, const char *lang, arena *a)
{
    fnode *p = fnode_new(a, FN_PARAGRAPH, 0), *t = fnode_new(a, FN_TEXT, 0);
    if (!s || !p || !t)
        return s;
    t->as.literal = s;
    fnode_append(p, t);
    apply_block(p, lang, a);
    return t->as.literal;
}

void typography_apply_meta(fmeta *meta, const char *lang, arena *a)
{
    meta->title = typography_string(meta->title, lang, a);
    meta->subtitle = typography_string(meta->subtitle, lang, a);
    meta->summary = typography_string(meta->summary, lang, a);
}
