/* The phrases folio writes itself, computed once so both outputs print
 * the same: each issue's date written out and its number ("Numéro 13"),
 * the cover's years and count ("21 numéros"), the contents heading, the
 * titles of callouts that have none and the labels of link cards. */
#include <string.h>

#include "book.h"
#include "book/words.h"
#include "doc/tree.h"
#include "util/buf.h"

static void add(fbook *b, size_t *cap, int chapter, const char *key, const char *text)
{
    if (b->n_phrases == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 32;
        book_phrase *v = arena_alloc(b->arena, new_cap * sizeof *v);
        if (b->n_phrases)
            memcpy(v, b->phrases, b->n_phrases * sizeof *v);
        b->phrases = v;
        *cap = new_cap;
    }
    b->phrases[b->n_phrases++] = (book_phrase){chapter, key, text};
}

static const char *date_text(arena *a, const fdate *d, const char *lang)
{
    if (!d->valid)
        return NULL;
    buf s = {0};
    book_date_long(d, lang, &s);
    const char *t = arena_strdup(a, buf_cstr(&s));
    buf_free(&s);
    return t;
}

/* A callout shows its own title when its caption has some text. */
static bool has_own_title(const fnode *callout)
{
    const fnode *c = callout->first;
    return c && c->type == FN_CAPTION && c->first;
}

static void chapter_phrases(fbook *b, size_t *cap, size_t i)
{
    book_chapter *ch = &b->chapters[i];
    const fmeta *m = &ch->doc->meta;
    ch->date_text = date_text(b->arena, &m->date, ch->lang);
    if (m->number && *m->number) {
        buf s = {0};
        book_word_fill(ch->lang, W_ISSUE, m->number, &s);
        ch->number_text = arena_strdup(b->arena, buf_cstr(&s));
        buf_free(&s);
    }
    if (ch->number_text)
        add(b, cap, (int)i, book_word_key(W_ISSUE), ch->number_text);
    if (ch->date_text)
        add(b, cap, (int)i, "date", ch->date_text);
    const fnode *root = ch->doc->root;
    for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
        if (n->type == FN_CALLOUT && !has_own_title(n) && !fnode_flattened(n))
            add(b, cap, (int)i, book_word_key(book_callout_word(n->as.callout.kind)),
                book_callout_title(b, ch->doc, ch->lang, n->as.callout.kind));
        else if (n->type == FN_DETAILS && !has_own_title(n) && !fnode_flattened(n))
            add(b, cap, (int)i, book_word_key(W_DETAILS), book_word(ch->lang, W_DETAILS));
        else if (n->type == FN_LINK_CARD && n->as.card.provider && !fnode_in_phrasing(n))
            add(b, cap, (int)i, book_word_key(book_card_word(n->as.card.provider)),
                book_word(ch->lang, book_card_word(n->as.card.provider)));
    }
}

void book_collect_phrases(fbook *b)
{
    size_t cap = 0;
    if (b->year_first)
        b->years_text = b->year_first == b->year_last
                            ? arena_printf(b->arena, "%d", b->year_first)
                            : arena_printf(b->arena, "%d\u2013%d", b->year_first, b->year_last);
    buf count = {0};
    book_count_issues(b->lang, b->n, &count);
    b->count_text = arena_strdup(b->arena, buf_cstr(&count));
    buf_free(&count);
    if (b->compilation)
        add(b, &cap, -1, "count", b->count_text);
    if (b->contents_page)
        add(b, &cap, -1, book_word_key(W_CONTENTS), book_contents_title(b));
    for (size_t i = 0; i < b->n; i++)
        chapter_phrases(b, &cap, i);
}
