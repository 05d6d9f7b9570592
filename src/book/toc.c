/* The parts and the table of contents, one rule for both backends:
 *
 * - A compilation whose issues span several years has a part per year
 *   (consecutive issues of one year); a single year (--year) has none.
 * - Entries: parts, then each chapter (the title), then its
 *   sections — headings standing in the flow of the issue (not inside a
 *   callout, quote, list, table, footnote or other text), with an anchor
 *   and some text; a heading of class "unlisted" (Quarto's, Pandoc's) is
 *   not listed, and what follows it nests as if it were.
 * - Levels: 1 at the top; a section is one level below the nearest
 *   shallower heading before it (## then #### nests one deeper, not two).
 * - --toc-depth N lists the first N levels, parts and chapters included. */
#include <string.h>

#include "book.h"
#include "doc/tree.h"

static book_entry *add_entry(fbook *b, size_t *cap)
{
    if (b->n_toc == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 32;
        book_entry *v = arena_alloc(b->arena, new_cap * sizeof *v);
        if (b->n_toc)
            memcpy(v, b->toc, b->n_toc * sizeof *v);
        b->toc = v;
        *cap = new_cap;
    }
    book_entry *e = &b->toc[b->n_toc++];
    memset(e, 0, sizeof *e);
    return e;
}

void book_make_parts(fbook *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->chapters[i].part = -1;
    if (!b->compilation || b->year_first == b->year_last)
        return;
    for (size_t i = 0; i < b->n; i++)
        if (!b->chapters[i].doc->meta.date.valid)
            return; /* an undated issue belongs to no year */
    b->parts = arena_alloc(b->arena, b->n * sizeof *b->parts);
    for (size_t i = 0; i < b->n; i++) {
        int year = b->chapters[i].doc->meta.date.year;
        book_part *p = b->n_parts ? &b->parts[b->n_parts - 1] : NULL;
        if (!p || p->year != year) {
            p = &b->parts[b->n_parts++];
            *p = (book_part){year, arena_printf(b->arena, "%d", year), i, 0};
        }
        p->n++;
        b->chapters[i].part = (int)(b->n_parts - 1);
    }
}

/* Whether the space-separated classes hold name. */
static bool has_class(const char *classes, const char *name)
{
    size_t n = strlen(name);
    for (const char *c = classes; c && *c; c += strcspn(c, " ")) {
        c += strspn(c, " ");
        if (strncmp(c, name, n) == 0 && (c[n] == ' ' || c[n] == '\0'))
            return true;
    }
    return false;
}

/* A heading in the flow of its issue: only sections and columns around it. */
static bool in_flow(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent)
        if (p->type != FN_DOCUMENT && p->type != FN_DIV && p->type != FN_COLUMNS &&
            p->type != FN_COLUMN)
            return false;
    return true;
}

static void add_sections(fbook *b, size_t *cap, size_t ch, int base)
{
    const fnode *root = b->chapters[ch].doc->root;
    int stack[7], depth = 0;
    for (const fnode *n = root; n; n = fnode_next(root, n, n->type == FN_FOOTNOTE_DEF)) {
        if (n->type != FN_HEADING || !in_flow(n))
            continue;
        const char *anchor = book_anchor_of(b, ch, n);
        const int *struck;
        int n_struck;
        const char *title = fnode_plain_text_struck(b->arena, n, &struck, &n_struck);
        if (!anchor || !title || !*title)
            continue;
        int level = n->as.heading.level;
        while (depth > 0 && stack[depth - 1] >= level)
            depth--;
        stack[depth++] = level;
        if (base + depth > b->toc_depth || has_class(fnode_heading_classes(n), "unlisted"))
            continue;
        *add_entry(b, cap) = (book_entry){.kind = BOOK_SECTION, .level = base + depth,
                                          .chapter = ch, .part = -1, .heading = n,
                                          .title = title, .anchor = anchor, .struck = struck,
                                          .n_struck = n_struck};
    }
}

void book_make_toc(fbook *b)
{
    size_t cap = 0;
    int chapter_level = b->n_parts ? 2 : 1;
    for (size_t i = 0; i < b->n; i++) {
        book_chapter *ch = &b->chapters[i];
        if (ch->part >= 0 && b->parts[ch->part].first == i) {
            *add_entry(b, &cap) =
                (book_entry){.kind = BOOK_PART, .level = 1, .chapter = i, .part = ch->part,
                             .title = b->parts[ch->part].title};
        }
        if (chapter_level > b->toc_depth)
            continue;
        *add_entry(b, &cap) = (book_entry){.kind = BOOK_CHAPTER, .level = chapter_level,
                                           .chapter = i, .part = ch->part, .title = ch->title};
        add_sections(b, &cap, i, chapter_level);
    }
}
