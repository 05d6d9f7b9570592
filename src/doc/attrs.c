#include "attrs.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree.h"
#include "util/lang.h"
#include "util/buf.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t attrs_span(const char *s, size_t len)
{
    if (len == 0 || s[0] != '{')
        return 0;
    char quote = 0;
    for (size_t i = 1; i < len && s[i]; i++) {
        if (quote) {
            if (s[i] == quote)
                quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (s[i] == '}') {
            return i + 1;
        } else if (s[i] == '{') {
            return 0;
        }
    }
    return 0;
}

/* One word or quoted string starting at s[*i]; stops at stop characters. */
static char *word(arena *a, const char *s, size_t len, size_t *i, const char *stop)
{
    if (*i < len && (s[*i] == '"' || s[*i] == '\'')) {
        char q = s[(*i)++];
        size_t start = *i;
        while (*i < len && s[*i] != q)
            (*i)++;
        if (*i >= len)
            return NULL;
        char *w = arena_strndup(a, s + start, *i - start);
        (*i)++;
        return w;
    }
    size_t start = *i;
    while (*i < len && !is_space(s[*i]) && !strchr(stop, s[*i]))
        (*i)++;
    return *i > start ? arena_strndup(a, s + start, *i - start) : NULL;
}

bool attrs_parse(arena *a, const char *s, size_t len, fattrs *out)
{
    memset(out, 0, sizeof *out);
    buf classes = {0};
    size_t i = 0;
    bool ok = true;
    while (ok) {
        while (i < len && is_space(s[i]))
            i++;
        if (i >= len)
            break;
        if (s[i] == '#' || s[i] == '.') {
            char kind = s[i++];
            char *w = word(a, s, len, &i, "=");
            if (!w) {
                ok = false;
            } else if (kind == '#') {
                out->id = w;
            } else {
                if (classes.len)
                    buf_putc(&classes, ' ');
                buf_puts(&classes, w);
            }
            continue;
        }
        char *key = word(a, s, len, &i, "=");
        if (!key || i >= len || s[i] != '=') {
            ok = false;
            break;
        }
        i++;
        bool quoted = i < len && (s[i] == '"' || s[i] == '\'');
        char *value = word(a, s, len, &i, "");
        if (!value && quoted) {
            ok = false; /* an unclosed quote */
            break;
        }
        if (!value)
            value = "";
        if (out->n < ATTRS_MAX) {
            out->keys[out->n] = key;
            out->values[out->n++] = value;
        }
    }
    if (ok && classes.len)
        out->classes = arena_strndup(a, classes.data, classes.len);
    buf_free(&classes);
    return ok && (out->id || out->classes || out->n);
}

const char *attrs_get(const fattrs *at, const char *key)
{
    for (int i = 0; i < at->n; i++) {
        if (strcmp(at->keys[i], key) == 0)
            return at->values[i];
    }
    return NULL;
}

bool attrs_lang(const char *value, const char **lang)
{
    *lang = lang_tag_valid(value) ? value : NULL;
    return !value || *lang;
}

bool attrs_dir(const char *value, fdir *dir)
{
    *dir = !value                           ? FDIR_AUTO
           : strcasecmp(value, "rtl") == 0  ? FDIR_RTL
           : strcasecmp(value, "ltr") == 0  ? FDIR_LTR
           : strcasecmp(value, "auto") == 0 ? FDIR_FIRST_STRONG
                                            : FDIR_AUTO;
    return !value || *dir != FDIR_AUTO;
}

bool attrs_has_class(const fattrs *at, const char *cls)
{
    size_t n = strlen(cls);
    for (const char *p = at->classes; p && *p;) {
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, cls, n) == 0)
            return true;
        p += w;
        p += *p == ' ';
    }
    return false;
}

bool attrs_length(const char *s, flen *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v) || v <= 0)
        return false;
    while (*end == ' ')
        end++;
    flen len;
    if (*end == '%')
        len = (flen){v, FLEN_PERCENT};
    else if (*end == '\0' || strcmp(end, "px") == 0)
        len = (flen){v, FLEN_PX};
    else if (strcmp(end, "in") == 0)
        len = (flen){v * 96, FLEN_PX};
    else if (strcmp(end, "cm") == 0)
        len = (flen){v * 96 / 2.54, FLEN_PX};
    else if (strcmp(end, "mm") == 0)
        len = (flen){v * 96 / 25.4, FLEN_PX};
    else
        return false;
    /* Nothing smaller than a pixel can be printed, nothing wider than a
     * whole measure or a hundred metres makes sense (0, 1e-320 and inf
     * would reach the PDF's matrices and the EPUB's CSS). */
    if (len.unit == FLEN_PERCENT ? len.value > 100 : len.value < 1 || len.value > 400000)
        return false;
    *out = len;
    return true;
}

static falign align_named(const char *s)
{
    if (!s)
        return FALIGN_DEFAULT;
    if (strcmp(s, "left") == 0)
        return FALIGN_LEFT;
    if (strcmp(s, "center") == 0)
        return FALIGN_CENTER;
    if (strcmp(s, "right") == 0)
        return FALIGN_RIGHT;
    return FALIGN_DEFAULT;
}

/* The column of "key=" in the attribute list s (whose '{' is at column
 * col), or col when it cannot be found. */
static int key_col(const char *s, size_t len, const char *key, int col)
{
    size_t n = strlen(key);
    for (size_t i = 1; col > 0 && i + n < len; i++) {
        if ((s[i - 1] == '{' || is_space(s[i - 1])) && strncmp(s + i, key, n) == 0 &&
            s[i + n] == '=') {
            for (size_t k = 0; k < i; k++)
                col += ((unsigned char)s[k] & 0xC0) != 0x80;
            return col;
        }
    }
    return col;
}

/* at was read from the text list s[0..len) at column col. */
static void apply_image(folio_doc *doc, fnode *img, const fattrs *at, const char *s, size_t len,
                        int col, fdiag *d)
{
    const char *keys[] = {"width", "height"};
    flen *lens[] = {&img->as.image->width, &img->as.image->height};
    for (int k = 0; k < 2; k++) {
        const char *v = attrs_get(at, keys[k]);
        if (v && !attrs_length(v, lens[k]))
            fdiag_warn(d, doc->files[img->file], img->line, key_col(s, len, keys[k], col),
                       "image %s \"%s\" is not a usable length (more than zero, like 50%% or "
                       "300px); ignored", keys[k], v);
    }
    img->as.image->align = align_named(attrs_get(at, "fig-align"));
    img->as.image->id = at->id;
    const char *alt = attrs_get(at, "fig-alt");
    if (alt)
        img->as.image->alt = alt;
}

/* The text right after n, when it starts with an attribute list: parses it
 * and removes it from the text; *s, *span and *col say where it was. */
static bool take_following(folio_doc *doc, fnode *n, fattrs *at, const char **list,
                           size_t *list_len, int *col)
{
    fnode *t = n->next;
    if (!t || t->type != FN_TEXT || t->as.literal[0] != '{')
        return false;
    const char *s = t->as.literal;
    size_t span = attrs_span(s, strlen(s));
    if (!span || !attrs_parse(doc->arena, s + 1, span - 2, at))
        return false;
    *list = s;
    *list_len = span;
    *col = t->col;
    if (s[span] == '\0') {
        fnode_unlink(t);
    } else {
        for (size_t i = 0; t->col && i < span; i++)
            t->col += ((unsigned char)s[i] & 0xC0) != 0x80;
        t->as.literal = s + span;
    }
    return true;
}

bool attrs_take_trailing(folio_doc *doc, fnode *n, fattrs *at)
{
    fnode *t = n->last;
    if (!t || t->type != FN_TEXT)
        return false;
    const char *s = t->as.literal;
    size_t len = strlen(s);
    while (len && is_space(s[len - 1]))
        len--;
    if (!len || s[len - 1] != '}')
        return false;
    const char *open = NULL;
    for (size_t i = len; i-- > 0;) {
        if (s[i] == '{') {
            open = s + i;
            break;
        }
    }
    if (!open || attrs_span(open, len - (size_t)(open - s)) != len - (size_t)(open - s) ||
        !attrs_parse(doc->arena, open + 1, len - (size_t)(open - s) - 2, at))
        return false;
    size_t keep = (size_t)(open - s);
    while (keep && is_space(s[keep - 1]))
        keep--;
    if (keep == 0)
        fnode_unlink(t);
    else
        t->as.literal = arena_strndup(doc->arena, s, keep);
    return true;
}

/* "Title {#id .class lang=en}": the attribute list ending a heading's last text. */
static void heading_attrs(folio_doc *doc, fnode *h, fdiag *d)
{
    fattrs at;
    if (!attrs_take_trailing(doc, h, &at))
        return;
    if (at.id)
        h->as.heading.id = at.id;
    const char *lang;
    if (!attrs_lang(attrs_get(&at, "lang"), &lang))
        fdiag_warn(d, doc->files[h->file], h->line, 0,
                   "lang=\"%s\" is not a language tag (like en or pt-BR); ignored",
                   attrs_get(&at, "lang"));
    if (!at.classes && !lang)
        return;
    fheading_attrs *ha = arena_alloc(doc->arena, sizeof *ha);
    if (!ha)
        return;
    *ha = (fheading_attrs){.classes = at.classes, .lang = lang};
    h->as.heading.attrs = ha;
}

static fnode *text_node(folio_doc *doc, const fnode *like, const char *s, size_t len)
{
    fnode *t = fnode_new(doc->arena, FN_TEXT, like->line);
    if (t) {
        t->file = like->file;
        t->as.literal = arena_strndup(doc->arena, s, len);
    }
    return t;
}

/* A text node holding s itself, a tail of a text of the arena: a line of
 * spans would copy the rest of its text once for each. */
static fnode *text_tail(folio_doc *doc, const fnode *like, const char *s)
{
    fnode *t = fnode_new(doc->arena, FN_TEXT, like->line);
    if (t) {
        t->file = like->file;
        t->as.literal = s;
    }
    return t;
}

/* The last '[' of a text that no ']' after it closes, or NULL. */
static const char *open_bracket(const char *s, size_t len)
{
    int depth = 0;
    for (size_t i = len; i-- > 0;) {
        if (s[i] == ']')
            depth++;
        else if (s[i] == '[' && depth-- == 0)
            return s + i;
    }
    return NULL;
}

/* The first "]{" of s, or NULL. A loop of its own: ASan's strstr measures
 * the whole of s at every call, and the walk reads each tail of a line of
 * spans (120,000 spans: 54 s of CPU under ASan, against 4 s for 30,000). */
static const char *span_close(const char *s)
{
    for (; *s; s++) {
        if (s[0] == ']' && s[1] == '{')
            return s;
    }
    return NULL;
}

/* Pandoc's bracketed span, [some *text*]{.smallcaps}: the "]{…}" sits in
 * text t, the '[' in t or in an earlier sibling text. Returns the node the
 * walk goes on from. */
static fnode *bracketed_span(folio_doc *doc, fnode *t, fdiag *d)
{
    const char *s = t->as.literal;
    /* No '[' before it is left open by the "]" after it (then none is by a
     * later one either): each byte of t is looked at once. */
    const char *unopened = s;
    fnode *back_from = NULL; /* the look back's finding, the same for every "]{" of t */
    const char *back_open = NULL;
    for (const char *close = span_close(s); close; close = span_close(close + 1)) {
        /* (not bounded by strlen(s): the walk goes on in the text after
         * each span, and measuring that rest each time made a line of
         * 30,000 spans quadratic, 0.27 s of strlen) */
        size_t span = attrs_span(close + 1, SIZE_MAX);
        fattrs at;
        if (!span || !attrs_parse(doc->arena, close + 2, span - 2, &at))
            continue;
        /* Find the opening bracket: in t before close, else in a previous text. */
        fnode *from = t;
        const char *open = open_bracket(unopened, (size_t)(close - unopened));
        if (!open) {
            unopened = close;
            /* A span is a few inlines long: a bounded look back keeps a
             * line full of "]{" linear. */
            if (!back_from) {
                back_from = t;
                for (int back = 0; !back_open && back_from->prev && back < 64; back++) {
                    back_from = back_from->prev;
                    if (back_from->type == FN_TEXT)
                        back_open = open_bracket(back_from->as.literal,
                                                 strlen(back_from->as.literal));
                }
            }
            from = back_from;
            open = back_open;
        }
        if (!open || (open > from->as.literal && open[-1] == '!'))
            continue;
        fnode *sp = fnode_new(doc->arena, FN_SPAN, t->line);
        if (!sp)
            return t;
        sp->file = t->file;
        sp->as.div.id = at.id;
        sp->as.div.classes = at.classes;
        if (!attrs_lang(attrs_get(&at, "lang"), &sp->as.div.lang))
            fdiag_warn(d, doc->files[t->file], t->line, fnode_text_col(t, (size_t)(close + 1 - s)),
                       "lang=\"%s\" is not a language tag (like en or pt-BR); ignored",
                       attrs_get(&at, "lang"));
        fdir dir;
        if (!attrs_dir(attrs_get(&at, "dir"), &dir))
            fdiag_warn(d, doc->files[t->file], t->line, fnode_text_col(t, (size_t)(close + 1 - s)),
                       "dir=\"%s\" is not rtl, ltr or auto; laid out in the direction around it",
                       attrs_get(&at, "dir"));
        sp->dir = dir;
        const char *fs = from->as.literal;
        const char *inner_start = from == t ? open + 1 : NULL;
        /* Inside the span: the rest of `from` after '[', the nodes between, the
         * head of t before ']'. */
        fnode *before = text_node(doc, from, fs, (size_t)(open - fs));
        fnode *after = text_tail(doc, t, close + 1 + span);
        if (!before || !after)
            return t;
        after->col = fnode_text_col(t, (size_t)(close + 1 + span - s));
        if (inner_start) {
            fnode *mid = text_node(doc, t, inner_start, (size_t)(close - inner_start));
            if (mid)
                fnode_append(sp, mid);
        } else {
            fnode *first = text_tail(doc, from, open + 1);
            if (first)
                fnode_append(sp, first);
            while (from->next != t) {
                fnode *m = from->next;
                fnode_unlink(m);
                fnode_append(sp, m);
            }
            fnode *last = text_node(doc, t, s, (size_t)(close - s));
            if (last)
                fnode_append(sp, last);
        }
        fnode_insert_before(from, before);
        fnode_insert_before(from, sp);
        fnode_insert_after(sp, after);
        if (from != t)
            fnode_unlink(from);
        fnode_unlink(t);
        /* Empty edges say nothing. */
        if (!*before->as.literal)
            fnode_unlink(before);
        for (fnode *c = sp->first, *next; c; c = next) {
            next = c->next;
            if (c->type == FN_TEXT && !*c->as.literal)
                fnode_unlink(c);
        }
        if (!*after->as.literal)
            fnode_unlink(after);
        return sp;
    }
    return t;
}

void attrs_apply(folio_doc *doc, fdiag *d)
{
    fattrs at;
    const char *list;
    size_t len;
    int col;
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type == FN_TEXT && span_close(n->as.literal))
            n = bracketed_span(doc, n, d);
        if (n->type == FN_IMAGE && take_following(doc, n, &at, &list, &len, &col))
            apply_image(doc, n, &at, list, len, col, d);
        else if (n->type == FN_LINK)
            take_following(doc, n, &at, &list, &len, &col); /* {target="_blank"}: nothing to print */
        else if (n->type == FN_HEADING)
            heading_attrs(doc, n, d);
    }
}
