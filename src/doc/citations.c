#include "citations.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "bibtex.h"
#include "book/words.h"
#include "csljson.h"
#include "tree.h"
#include "util/buf.h"
#include "util/lang.h"
#include "util/path.h"

typedef struct source {
    const bib_entry *e;
    bib_name *authors;
    size_t n_authors;
    const char *year;    /* "2021", then "2021a" when the same names have another */
    bool cited;
    GPtrArray *years;    /* the text nodes of citations that print the year */
} source;

typedef struct citer {
    folio_doc *doc;
    fdiag *d;
    GHashTable *by_key; /* key → source */
    GPtrArray *cited;   /* source *, in the order first cited */
} citer;

static fnode *text_node(arena *a, const char *s, int line, int file)
{
    fnode *t = fnode_new(a, FN_TEXT, line);
    if (t) {
        t->as.literal = s;
        t->file = file;
    }
    return t;
}

static void append_text(arena *a, fnode *parent, const char *s)
{
    fnode *t = *s ? text_node(a, s, parent->line, parent->file) : NULL;
    if (t)
        fnode_append(parent, t);
}

/* pandoc's citation keys: a letter, digit or '_', then those and inner
 * punctuation followed by one of them. */
static size_t key_len(const char *s)
{
    if (!g_ascii_isalnum(*s) && *s != '_')
        return 0;
    size_t n = 1;
    for (;;) {
        char c = s[n];
        if (g_ascii_isalnum(c) || c == '_')
            n++;
        else if (c && strchr(":.#$%&-+?<>~/", c) && (g_ascii_isalnum(s[n + 1]) || s[n + 1] == '_'))
            n++;
        else
            return n;
    }
}

/* Cross-references are not citations (crossref.c reads them). */
static bool is_crossref(const char *key)
{
    return strncmp(key, "fig-", 4) == 0 || strncmp(key, "tbl-", 4) == 0 ||
           strncmp(key, "sec-", 4) == 0 || strncmp(key, "eq-", 3) == 0;
}

/* "Hendrycks", "Dupont et Durand", "Hendrycks et al." */
static const char *who(citer *c, const source *s)
{
    arena *a = c->doc->arena;
    if (s->n_authors == 0) {
        const char *title = bib_get(s->e, "title");
        return title ? title : s->e->key;
    }
    if (s->n_authors == 1)
        return s->authors[0].family;
    if (s->n_authors == 2)
        return arena_printf(a, "%s %s %s", s->authors[0].family, book_word(c->doc->lang, W_AND),
                            s->authors[1].family);
    return arena_printf(a, "%s et al.", s->authors[0].family);
}

static source *find(citer *c, const char *key, const fnode *t, size_t off)
{
    source *s = g_hash_table_lookup(c->by_key, key);
    if (!s) {
        fdiag_warn(c->d, c->doc->files[t->file], t->line, fnode_text_col(t, off),
                   "citation @%s: no such key in the bibliography; kept as text", key);
        return NULL;
    }
    if (!s->cited) {
        s->cited = true;
        g_ptr_array_add(c->cited, s);
    }
    return s;
}

/* A link to s's entry reading before, the year, after ("Dupont (", "2021",
 * ")"): the year a text of its own, to be told apart later (2021a). */
static fnode *link_to(citer *c, source *s, const char *before, const char *after,
                      const fnode *like)
{
    arena *a = c->doc->arena;
    fnode *l = fnode_new(a, FN_LINK, like->line);
    l->file = like->file;
    l->as.link.url = arena_printf(a, "#ref-%s", s->e->key);
    l->as.link.labelled = true;
    append_text(a, l, before);
    fnode *year = text_node(a, s->year, like->line, like->file);
    fnode_append(l, year);
    g_ptr_array_add(s->years, year);
    append_text(a, l, after);
    return l;
}

/* One item of a bracketed citation, "see @key, p. 3" or "-@key": its
 * prefix, key and locator appended to out; false when it holds no key. */
static bool bracket_item(citer *c, fnode *out, const char *item, size_t len, const fnode *t,
                         size_t off)
{
    arena *a = c->doc->arena;
    const char *at = memchr(item, '@', len);
    size_t klen = at ? key_len(at + 1) : 0;
    if (!klen || (at > item && (g_ascii_isalnum(at[-1]) || at[-1] == '_')))
        return false;
    bool year_only = at > item && at[-1] == '-';
    const char *prefix_end = year_only ? at - 1 : at;
    const char *key = arena_strndup(a, at + 1, klen);
    char *prefix = g_strndup(item, (size_t)(prefix_end - item));
    char *locator = g_strndup(at + 1 + klen, len - (size_t)(at + 1 + klen - item));
    g_strstrip(prefix);
    g_strstrip(locator);
    source *s = is_crossref(key) ? NULL : find(c, key, t, off + (size_t)(at - item));
    if (*prefix)
        append_text(a, out, arena_printf(a, "%s ", prefix));
    fnode *l = s ? link_to(c, s, year_only ? "" : arena_printf(a, "%s ", who(c, s)), "", t)
                 : NULL;
    if (l)
        fnode_append(out, l);
    else
        append_text(a, out, arena_printf(a, "@%s", key));
    if (*locator)
        append_text(a, out, arena_printf(a, "%s%s", *locator == ',' ? "" : " ", locator));
    g_free(prefix);
    g_free(locator);
    return true;
}

/* Whether the text between brackets is citations only: items split by
 * ';', each holding an @key. */
static bool is_citation_group(const char *s, size_t len)
{
    if (!memchr(s, '@', len))
        return false;
    for (size_t i = 0; i < len;) {
        size_t n = strcspn(s + i, ";");
        n = n > len - i ? len - i : n;
        const char *at = memchr(s + i, '@', n);
        if (!at || !key_len(at + 1))
            return false;
        i += n + 1;
    }
    return true;
}

/* [see @a, p. 3; @b]: "(see A 2020, p. 3; B 2019)" into a span that
 * replaces it; false when the brackets hold something else. */
static bool bracketed(citer *c, fnode *span, const char *s, size_t len, const fnode *t, size_t off)
{
    arena *a = c->doc->arena;
    if (!is_citation_group(s, len))
        return false;
    append_text(a, span, "(");
    for (size_t i = 0; i < len;) {
        size_t n = strcspn(s + i, ";");
        n = n > len - i ? len - i : n;
        if (i)
            append_text(a, span, "; ");
        bracket_item(c, span, s + i, n, t, off + i);
        i += n + 1;
    }
    append_text(a, span, ")");
    return true;
}

/* Resolves the first citation of text t; returns the text after it to go
 * on with, or NULL when t has none left. */
static fnode *cite_once(citer *c, fnode *t)
{
    arena *a = c->doc->arena;
    const char *s = t->as.literal;
    for (const char *p = strchr(s, '@'); p; p = strchr(p + 1, '@')) {
        size_t klen = key_len(p + 1);
        bool dash = p > s && p[-1] == '-' && !(p - 1 > s && p[-2] == '['); /* not [-@key] */
        if (!klen || dash || (p > s && (g_ascii_isalnum(p[-1]) || p[-1] == '_')))
            continue;
        const char *start = p, *end = p + 1 + klen;
        fnode *span = fnode_new(a, FN_SPAN, t->line);
        if (!span)
            return NULL;
        span->file = t->file;
        const char *open = NULL, *close = strchr(p, ']');
        for (const char *q = p; q > s && !open; q--)
            if (q[-1] == '[')
                open = q - 1;
            else if (q[-1] == ']')
                break;
        if (open && close && bracketed(c, span, open + 1, (size_t)(close - open - 1), t,
                                       (size_t)(open + 1 - s))) {
            start = open, end = close + 1;
        } else {
            const char *key = arena_strndup(a, p + 1, klen);
            if (is_crossref(key))
                continue;
            source *src = find(c, key, t, (size_t)(p - s));
            if (!src)
                continue;
            /* author in the text: "Hendrycks et al. (2021)" */
            fnode_append(span, link_to(c, src, arena_printf(a, "%s (", who(c, src)), ")", t));
        }
        span->as.div.classes = "citation";
        return fnode_text_splice(a, t, (size_t)(start - s), (size_t)(end - s), span);
    }
    return NULL;
}

/* ---- the reference list ---- */

static int by_author_year(const void *x, const void *y)
{
    const source *a = *(source *const *)x, *b = *(source *const *)y;
    const char *fa = a->n_authors ? a->authors[0].family : a->e->key;
    const char *fb = b->n_authors ? b->authors[0].family : b->e->key;
    int r = g_utf8_collate(fa, fb);
    if (!r)
        r = strcmp(a->year, b->year);
    const char *ta = bib_get(a->e, "title"), *tb = bib_get(b->e, "title");
    return r ? r : g_utf8_collate(ta ? ta : "", tb ? tb : "");
}

/* Works of the same authors and year cited together read 2021a, 2021b
 * (in the order of the list, sorted by title), in their citations and
 * their entries, as citeproc's author–date styles have them. */
static void disambiguate(citer *c)
{
    arena *a = c->doc->arena;
    g_ptr_array_sort(c->cited, by_author_year);
    for (guint i = 0; i < c->cited->len;) {
        source *first = c->cited->pdata[i];
        const char *names = who(c, first);
        guint j = i + 1;
        while (j < c->cited->len && strcmp(((source *)c->cited->pdata[j])->year, first->year) == 0 &&
               strcmp(who(c, c->cited->pdata[j]), names) == 0)
            j++;
        for (guint k = i; j - i > 1 && k < j && k - i < 26; k++) {
            source *s = c->cited->pdata[k];
            s->year = arena_printf(a, "%s%c", s->year, 'a' + (int)(k - i));
            for (guint y = 0; y < s->years->len; y++)
                ((fnode *)s->years->pdata[y])->as.literal = s->year;
        }
        i = j;
    }
}

/* "Hendrycks, Dan, Collin Burns, and Jacob Steinhardt" */
static const char *name_list(citer *c, const source *s)
{
    buf b = {0};
    for (size_t i = 0; i < s->n_authors; i++) {
        const bib_name *n = &s->authors[i];
        if (i) /* "Dupont, Marie, and José Durand" */
            buf_printf(&b, ",%s ",
                       i + 1 == s->n_authors ? arena_printf(c->doc->arena, " %s",
                                                            book_word(c->doc->lang, W_AND))
                                             : "");
        if (i == 0)
            buf_printf(&b, "%s%s%s", n->family, *n->given ? ", " : "", n->given);
        else
            buf_printf(&b, "%s%s%s", n->given, *n->given ? " " : "", n->family);
    }
    const char *r = arena_strdup(c->doc->arena, buf_cstr(&b));
    buf_free(&b);
    return r;
}

/* One entry, author–date: Names. Year. "Title." Container, volume (number):
 * pages. Publisher. https://doi.org/… */
static fnode *entry_paragraph(citer *c, const source *s)
{
    arena *a = c->doc->arena;
    const bib_entry *e = s->e;
    fnode *p = fnode_new(a, FN_PARAGRAPH, 0);
    if (!p)
        return NULL;
    buf b = {0};
    if (s->n_authors)
        buf_printf(&b, "%s. ", name_list(c, s));
    buf_printf(&b, g_str_has_suffix(s->year, ".") ? "%s " : "%s. ", s->year); /* "s.d." */
    const char *title = bib_get(e, "title");
    bool book = strcmp(e->type, "book") == 0 || strcmp(e->type, "phdthesis") == 0;
    /* "Title." in English, « Title ». elsewhere */
    if (title && !book)
        buf_printf(&b, lang_is(c->doc->lang, "en") ? "\"%s.\" " : "\"%s\". ", title);
    append_text(a, p, arena_strdup(a, buf_cstr(&b)));
    buf_clear(&b);
    const char *container = bib_get(e, "journal");
    if (!container)
        container = bib_get(e, "booktitle");
    const char *italic = book ? title : container;
    if (italic) {
        if (!book && bib_get(e, "booktitle") && !bib_get(e, "journal"))
            append_text(a, p, "In ");
        fnode *em = fnode_new(a, FN_EMPH, 0);
        if (em) {
            append_text(a, em, italic);
            fnode_append(p, em);
        }
    }
    const char *volume = bib_get(e, "volume"), *number = bib_get(e, "number");
    const char *pages = bib_get(e, "pages");
    if (volume)
        buf_printf(&b, " %s", volume);
    if (number)
        buf_printf(&b, " (%s)", number);
    if (pages)
        buf_printf(&b, "%s %s", volume || number ? ":" : ",", pages);
    if (italic)
        buf_puts(&b, ". ");
    const char *publisher = bib_get(e, "publisher");
    if (!publisher)
        publisher = bib_get(e, "institution");
    if (!publisher)
        publisher = bib_get(e, "school");
    if (!publisher)
        publisher = bib_get(e, "howpublished");
    if (publisher)
        buf_printf(&b, "%s. ", publisher);
    const char *eprint = bib_get(e, "eprint"), *archive = bib_get(e, "archiveprefix");
    if (eprint)
        buf_printf(&b, "%s:%s. ", archive ? archive : "arXiv", eprint);
    const char *note = bib_get(e, "note");
    if (note)
        buf_printf(&b, "%s. ", note);
    append_text(a, p, arena_strdup(a, buf_cstr(&b)));
    buf_free(&b);
    const char *doi = bib_get(e, "doi"), *url = bib_get(e, "url");
    const char *address = doi ? (strncmp(doi, "http", 4) == 0
                                     ? doi
                                     : arena_printf(a, "https://doi.org/%s", doi))
                              : url;
    if (address) {
        fnode *l = fnode_new(a, FN_LINK, 0);
        if (l) {
            l->as.link.url = address;
            append_text(a, l, address);
            fnode_append(p, l);
        }
    }
    /* no blank at the end */
    fnode *last = p->last;
    if (last && last->type == FN_TEXT) {
        size_t n = strlen(last->as.literal);
        while (n && last->as.literal[n - 1] == ' ')
            n--;
        last->as.literal = arena_strndup(a, last->as.literal, n);
        if (!n)
            fnode_unlink(last);
    }
    return p;
}

static fnode *find_div(fnode *root, const char *id)
{
    for (fnode *n = root; n; n = fnode_next(root, n, false))
        if (n->type == FN_DIV && n->as.div.id && strcmp(n->as.div.id, id) == 0)
            return n;
    return NULL;
}

static bool heading_id_used(fnode *root, const char *id)
{
    for (fnode *n = root; n; n = fnode_next(root, n, false))
        if (n->type == FN_HEADING && strcmp(n->as.heading.id, id) == 0)
            return true;
    return false;
}

/* The references cited, in a ::: {#refs} div if the author placed one,
 * else under a "Références" heading at the end of the document. */
static void reference_list(citer *c)
{
    arena *a = c->doc->arena;
    fnode *root = c->doc->root;
    fnode *refs = find_div(root, "refs");
    if (!refs) {
        int level = 7; /* the document's top level; h2 when it has no heading */
        for (fnode *n = root; n; n = fnode_next(root, n, false))
            if (n->type == FN_HEADING && n->as.heading.level < level)
                level = n->as.heading.level;
        level = level == 7 ? 2 : level;
        fnode *h = fnode_new(a, FN_HEADING, 0);
        refs = fnode_new(a, FN_DIV, 0);
        if (!h || !refs)
            return;
        h->as.heading.level = level < 2 ? 2 : level;
        h->as.heading.id = heading_id_used(root, "references") ? "references-list" : "references";
        append_text(a, h, book_doc_word(c->doc, c->doc->lang, W_REFERENCES));
        refs->as.div.id = "refs";
        fnode_append(root, h);
        fnode_append(root, refs);
    }
    refs->as.div.classes = "references";
    for (guint i = 0; i < c->cited->len; i++) {
        const source *s = c->cited->pdata[i];
        fnode *entry = fnode_new(a, FN_DIV, 0);
        fnode *p = entry_paragraph(c, s);
        if (!entry || !p)
            return;
        entry->as.div.id = arena_printf(a, "ref-%s", s->e->key);
        entry->as.div.classes = "reference";
        fnode_append(entry, p);
        fnode_append(refs, entry);
    }
}

/* An image's alternative text written from its caption says the
 * citation as the caption now reads it: "Hendrycks et al. (2021)". */
static const char *cited_alt(citer *c, const char *alt)
{
    if (!strchr(alt, '@'))
        return alt;
    buf b = {0};
    for (const char *p = alt; *p;) {
        size_t klen = *p == '@' ? key_len(p + 1) : 0;
        char *key = klen && (p == alt || !g_ascii_isalnum(p[-1])) ? g_strndup(p + 1, klen) : NULL;
        const source *s = key ? g_hash_table_lookup(c->by_key, key) : NULL;
        g_free(key);
        if (s) {
            buf_printf(&b, "%s (%s)", who(c, s), s->year);
            p += 1 + klen;
        } else {
            buf_putc(&b, *p++);
        }
    }
    const char *r = arena_strdup(c->doc->arena, buf_cstr(&b));
    buf_free(&b);
    return r;
}

static bool inside_link(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent)
        if (p->type == FN_LINK)
            return true;
    return false;
}

/* The entries of one bibliography, CSL-JSON (.json) or BibTeX, into
 * c->by_key: a key already read (an earlier bibliography's) is kept. */
static void read_bibliography(citer *c, const char *path)
{
    folio_doc *doc = c->doc;
    size_t len = 0;
    char *text = path_read_file(path, doc->limits.max_input_bytes, &len);
    if (!text) {
        fdiag_warn(c->d, doc->path, 0, 0, "bibliography '%s' cannot be read; citations kept as text",
                   path);
        return;
    }
    bib_entry *entries;
    size_t n;
    if (g_str_has_suffix(path, ".json"))
        csl_read(doc->arena, text, len, path, c->d, &entries, &n);
    else
        bib_read(doc->arena, text, len, path, c->d, &entries, &n);
    free(text);
    for (size_t i = 0; i < n; i++) {
        if (g_hash_table_contains(c->by_key, entries[i].key))
            continue;
        source *s = arena_alloc(doc->arena, sizeof *s);
        *s = (source){.e = &entries[i], .years = g_ptr_array_new()};
        s->authors = bib_names(doc->arena, s->e, "author", &s->n_authors);
        if (!s->n_authors)
            s->authors = bib_names(doc->arena, s->e, "editor", &s->n_authors);
        const char *year = bib_get(s->e, "year"), *date = bib_get(s->e, "date");
        s->year = year ? year
                  : date ? arena_strndup(doc->arena, date, 4)
                         : book_word(doc->lang, W_NO_DATE);
        g_hash_table_insert(c->by_key, (gpointer)s->e->key, s);
    }
}

static void free_source(gpointer s)
{
    g_ptr_array_free(((source *)s)->years, TRUE);
}

/* With no bibliography, a bracketed citation stays as written, as Quarto
 * prints it: warned, since the reader sees its syntax. A bare @name is
 * not, being as often a handle or an address. */
static void warn_unresolvable(folio_doc *doc, fdiag *d)
{
    for (fnode *t = doc->root; t; t = fnode_next(doc->root, t, false)) {
        if (t->type != FN_TEXT || !strchr(t->as.literal, '@') || inside_link(t))
            continue;
        const char *s = t->as.literal;
        for (const char *open = strchr(s, '['); open; open = strchr(open + 1, '[')) {
            size_t len = strcspn(open + 1, "[]");
            if (open[1 + len] != ']' || !is_citation_group(open + 1, len))
                continue;
            for (const char *at = memchr(open + 1, '@', len); at && at < open + 1 + len;
                 at = strchr(at + 1, '@')) {
                char *key = g_strndup(at + 1, key_len(at + 1));
                if (*key && !is_crossref(key))
                    fdiag_warn(d, doc->files[t->file], t->line, fnode_text_col(t, (size_t)(at - s)),
                               "citation @%s: no bibliography in the front matter or "
                               "_quarto.yml; kept as text", key);
                g_free(key);
            }
        }
    }
}

void citations_apply(folio_doc *doc, const char *const *bibs, fdiag *d)
{
    if (!bibs || !bibs[0]) {
        warn_unresolvable(doc, d);
        return;
    }
    citer c = {doc, d, g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_source),
               g_ptr_array_new()};
    for (size_t i = 0; bibs[i]; i++)
        read_bibliography(&c, bibs[i]);
    /* the texts first: resolving one inserts nodes beside it */
    GPtrArray *texts = g_ptr_array_new();
    for (fnode *t = doc->root; t; t = fnode_next(doc->root, t, false))
        if (t->type == FN_TEXT && strchr(t->as.literal, '@') && !inside_link(t))
            g_ptr_array_add(texts, t);
    for (guint i = 0; i < texts->len; i++)
        for (fnode *t = texts->pdata[i]; t;)
            t = cite_once(&c, t);
    g_ptr_array_free(texts, TRUE);
    disambiguate(&c);
    for (fnode *t = doc->root; t; t = fnode_next(doc->root, t, false))
        if (t->type == FN_FIGURE || t->type == FN_IMAGE)
            t->as.image->alt = cited_alt(&c, t->as.image->alt);
    if (c.cited->len)
        reference_list(&c);
    g_ptr_array_free(c.cited, TRUE);
    g_hash_table_destroy(c.by_key);
}
