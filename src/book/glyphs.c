#include "glyphs.h"

#include <string.h>

#include <glib.h>

#include "doc/tree.h"

enum { SHOWN = 20 };

typedef struct scan {
    const folio_doc *doc;
    const text_fonts *fonts;
    const char *no_font; /* what the output does with a character of no font */
    fdiag *d;
    GHashTable *seen; /* code points warned of */
    int found;        /* distinct code points found */
    bool ascii_drawn; /* every printable ASCII character is in a bundled font */
} scan;

/* Why c cannot be shown, or NULL when it can. Spaces and zero-width
 * characters (joiners, variation selectors, soft hyphens) draw nothing of
 * their own anyway. */
static const char *unprintable(const scan *s, gunichar c)
{
    if (c == '\t' || c == '\n')
        return NULL;
    /* printable ASCII, the common case, asks no Unicode table */
    bool ascii = c >= 0x20 && c < 0x7f;
    if (!ascii && g_unichar_type(c) == G_UNICODE_CONTROL)
        return "a control character";
    if (c == ' ' || (!ascii && (g_unichar_isspace(c) || g_unichar_iszerowidth(c))) ||
        text_fonts_has_char(s->fonts, c))
        return NULL;
    return s->no_font;
}

static void note(scan *s, gunichar c, const char *why, int file, int line, int col)
{
    if (g_hash_table_contains(s->seen, GUINT_TO_POINTER(c)))
        return;
    g_hash_table_add(s->seen, GUINT_TO_POINTER(c));
    if (s->found++ >= SHOWN)
        return;
    const char *path = file > 0 && (size_t)file < s->doc->n_files ? s->doc->files[file]
                                                                  : s->doc->path;
    GUnicodeType type = g_unichar_type(c);
    if (type == G_UNICODE_CONTROL || type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_UNASSIGNED) {
        fdiag_warn(s->d, path, line, col, "unprintable character U+%04X (%s)%s", (unsigned)c, why,
                   type == G_UNICODE_CONTROL ? "; left out" : "");
        return;
    }
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    fdiag_warn(s->d, path, line, col, "unprintable character U+%04X '%s' (%s)", (unsigned)c, utf8,
               why);
}

/* Scans text written at line:col of file (col 0: unknown; a newline moves
 * to the next line's first column). */
static void scan_text(scan *s, const char *text, int file, int line, int col)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return;
    for (const char *p = text; *p;) {
        unsigned char b = (unsigned char)*p;
        if (b >= 0x20 && b < 0x7f && s->ascii_drawn) { /* most of any text: only counted */
            p++;
            if (col)
                col++;
            continue;
        }
        gunichar c = b < 0x80 ? b : g_utf8_get_char(p);
        const char *why = unprintable(s, c);
        if (why)
            note(s, c, why, file, line, col);
        if (c == '\n')
            line++, col = 1;
        else if (col)
            col++;
        p = g_utf8_next_char(p);
    }
}

/* The line of n, else of the nearest ancestor that has one. */
static const fnode *placed(const fnode *n)
{
    while (n->parent && n->line <= 0)
        n = n->parent;
    return n;
}

/* Front matter values carry no place: the first place of their character
 * in the source, when written there as itself. */
static void scan_meta(scan *s, const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *why = unprintable(s, c);
        if (!why)
            continue;
        const char *src = s->doc->source;
        const char *at = src ? memmem(src, s->doc->source_len, p,
                                      (size_t)(g_utf8_next_char(p) - p))
                             : NULL;
        int line = 0, col = 0;
        if (at) {
            line = col = 1;
            for (const char *r = src; r < at; r = g_utf8_next_char(r)) {
                if (*r == '\n')
                    line++, col = 1;
                else
                    col++;
            }
        }
        note(s, c, why, 0, line, col);
    }
}

int book_warn_unprintable(const folio_doc *doc, const text_fonts *fonts, book_output out,
                          fdiag *d)
{
    static const char *const no_font[] = {
        [BOOK_OUTPUT_PDF] = "in no bundled font; left out of the PDF",
        [BOOK_OUTPUT_EPUB] = "in no bundled font; kept in the EPUB, shown where the reading "
                             "system has a font for it",
        [BOOK_OUTPUT_ANY] = "in no bundled font; left out of a PDF, kept in an EPUB",
    };
    scan s = {.doc = doc, .fonts = fonts, .no_font = no_font[out], .d = d,
              .seen = g_hash_table_new(NULL, NULL), .ascii_drawn = true};
    for (gunichar c = 0x20; c < 0x7f; c++)
        s.ascii_drawn &= !unprintable(&s, c);
    const fmeta *m = &doc->meta;
    scan_meta(&s, m->title);
    scan_meta(&s, m->subtitle);
    scan_meta(&s, m->summary);
    for (size_t i = 0; i < m->authors.n; i++)
        scan_meta(&s, m->authors.items[i]);
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        const fnode *at = placed(n);
        switch (n->type) {
        case FN_TEXT:
        case FN_CODE:
            scan_text(&s, n->as.literal, at->file, at->line, n->type == FN_TEXT ? n->col : 0);
            break;
        case FN_CODE_BLOCK: /* the code starts on the line after the fence */
            scan_text(&s, n->as.code->literal, at->file, at->line ? at->line + 1 : 0, 1);
            break;
        case FN_IMAGE:
        case FN_FIGURE:
            scan_text(&s, n->as.image->alt, at->file, at->line, 0);
            break;
        case FN_LINK_CARD:
            scan_text(&s, n->as.card.title, at->file, at->line, 0);
            break;
        default: break;
        }
    }
    if (s.found > SHOWN)
        fdiag_warn(d, doc->path, 0, 0, "%d more unprintable characters", s.found - SHOWN);
    g_hash_table_destroy(s.seen);
    return s.found;
}
