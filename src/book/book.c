#include "book.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "book/title.h"
#include "book/words.h"
#include "doc/date.h"
#include "options.h"
#include "util/lang.h"

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

const char *book_path_key(arena *a, const char *path, size_t len)
{
    static const char *const index_names[] = {"/index.md", "/index.qmd", "/_index.md",
                                              "/index.html", "/index.markdown"};
    for (;;) {
        while (len > 0 && path[len - 1] == '/')
            len--;
        bool stripped = false;
        for (size_t i = 0; i < sizeof index_names / sizeof *index_names; i++) {
            const char *name = index_names[i] + 1;
            if (ends_with(path, len, index_names[i]) ||
                (len == strlen(name) && memcmp(path, name, len) == 0)) {
                len -= strlen(name);
                stripped = true;
                break;
            }
        }
        if (!stripped)
            break;
    }
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t end = len;
    static const char *const exts[] = {".md", ".qmd", ".markdown", ".html"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        if (ends_with(path + start, end - start, exts[i])) {
            end -= strlen(exts[i]);
            break;
        }
    }
    if (end <= start)
        return NULL;
    return arena_strndup(a, path + start, end - start);
}

/* The language most chapters share (by primary subtag); the first one's
 * tag on a tie. */
static const char *book_language(const fbook *b)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < b->n; i++) {
        const char *lang = b->chapters[i].doc->lang;
        if (!lang || !*lang)
            continue;
        char primary[16];
        snprintf(primary, sizeof primary, "%.*s", (int)strcspn(lang, "-_.@"), lang);
        size_t count = 0;
        for (size_t k = 0; k < b->n; k++)
            count += lang_is(b->chapters[k].doc->lang, primary);
        if (count > best_n) {
            best = lang;
            best_n = count;
        }
    }
    return best ? best : "en";
}

/* o's date, else $SOURCE_DATE_EPOCH, else the newest date or lastmod of
 * the sources, else 0: never the clock, so builds are reproducible. */
static int64_t modified_time(const fbook *b, const folio_render_options *o)
{
    if (o->source_date_epoch > FDATE_MAX_EPOCH) {
        fdiag_error(b->diag, "folio", 0, 0, "the source date epoch %lld is after the year 9999",
                    (long long)o->source_date_epoch);
        return 0;
    }
    if (o->source_date_epoch >= 0)
        return o->source_date_epoch;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (*end == '\0' && end != env && !errno && v >= 0 && v <= FDATE_MAX_EPOCH)
            return v;
        /* A reproducible build asked for a date folio cannot write: an
         * error, not the clock nor a garbage year. */
        fdiag_error(b->diag, "folio", 0, 0,
                    "SOURCE_DATE_EPOCH='%s' is not a number of seconds from 0 to %lld "
                    "(9999-12-31T23:59:59Z)", env, (long long)FDATE_MAX_EPOCH);
        return 0;
    }
    int64_t newest = -1;
    for (size_t i = 0; i < b->n; i++) {
        const fmeta *m = &b->chapters[i].doc->meta;
        int64_t d = fdate_to_epoch(&m->date), l = fdate_to_epoch(&m->lastmod);
        if (d > newest)
            newest = d;
        if (l > newest)
            newest = l;
    }
    return newest >= 0 ? newest : 0;
}

static void gather_dates(fbook *b)
{
    for (size_t i = 0; i < b->n; i++) {
        const fdate *d = &b->chapters[i].doc->meta.date;
        if (!d->valid)
            continue;
        if (!b->year_first || d->year < b->year_first)
            b->year_first = d->year;
        if (d->year > b->year_last)
            b->year_last = d->year;
        if (!b->newest || fdate_to_epoch(d) > fdate_to_epoch(b->newest))
            b->newest = d;
    }
}

/* The words folio adds (contents, callout titles, dates) exist in the
 * languages of words_table.h; another language reads them in English, and
 * its author is told once per language. */
static void warn_languages_without_words(fbook *b)
{
    for (size_t i = 0; i < b->n; i++) {
        const book_chapter *ch = &b->chapters[i];
        if (book_has_words(ch->lang))
            continue;
        bool told = false;
        for (size_t j = 0; j < i && !told; j++)
            told = lang_same(b->chapters[j].lang, ch->lang);
        if (!told)
            fdiag_warn(b->diag, ch->doc->path, 0, 0,
                       "folio has no words of its own in '%s' (contents, callout titles, "
                       "dates): they are written in English, dates as 2024-03-01",
                       ch->lang);
    }
}

fbook *book_new(folio_doc *const *docs, size_t n, const folio_render_options *o,
                const folio_style *style, fdiag *d)
{
    fbook *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->arena = arena_new();
    b->chapters = arena_alloc(b->arena, (n ? n : 1) * sizeof *b->chapters);
    b->n = n;
    b->docs = docs;
    b->compilation = n > 1;
    b->diag = d;
    b->style = style;
    b->progress = o->progress;
    b->progress_user = o->progress_user;
    for (size_t i = 0; i < n; i++) {
        book_chapter *ch = &b->chapters[i];
        ch->doc = docs[i];
        ch->lang = docs[i]->lang && *docs[i]->lang ? docs[i]->lang : "en";
        ch->key = docs[i]->path ? book_path_key(b->arena, docs[i]->path, strlen(docs[i]->path)) : NULL;
        const char *title = docs[i]->meta.title;
        ch->title = title && *title ? title
                    : ch->key       ? ch->key
                    : docs[i]->path ? docs[i]->path
                                    : "?";
    }
    warn_languages_without_words(b);
    b->lang = book_language(b);
    gather_dates(b);
    b->modified = modified_time(b, o);
    if (o->title && *o->title)
        b->title = o->title;
    else if (n == 1)
        b->title = b->chapters[0].title;
    else
        b->title = book_default_title(b->arena, docs, n, book_word(b->lang, W_ISSUES));
    b->toc_depth = o->toc_depth > 0 ? (o->toc_depth > 8 ? 8 : o->toc_depth) : OPTIONS_TOC_DEPTH;
    book_locate_chapters(b);
    book_collect_anchors(b);
    book_make_parts(b);
    book_make_toc(b);
    /* a contents page where it helps: asked for (front matter, a
     * compilation) and listing three entries or more; --toc forces it */
    b->contents_page = o->toc >= 0 ? o->toc == 1
                                    : (n > 1 || docs[0]->meta.toc == 1) && b->n_toc >= 3;
    book_resolve_links(b);
    book_collect_phrases(b);
    return b;
}

void book_free(fbook *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->chapters && i < b->n; i++) {
        if (b->chapters[i].anchor_of)
            g_hash_table_destroy(b->chapters[i].anchor_of);
        if (b->chapters[i].anchors)
            g_hash_table_destroy(b->chapters[i].anchors);
    }
    if (b->links)
        g_hash_table_destroy(b->links);
    arena_drop(b->arena);
    free(b);
}

const char *book_callout_title(const fbook *b, const folio_doc *doc, const char *lang,
                               fcallout_kind k)
{
    if ((unsigned)k >= FCALLOUT_COUNT)
        k = FCALLOUT_NOTE;
    const char *own = b->style ? b->style->callout[k].title : NULL;
    return own && *own ? own : book_doc_word(doc, lang, book_callout_word(k));
}

const char *book_contents_title(const fbook *b)
{
    if (b->n > 1 && b->docs[0]->project.words && b->docs[0]->project.words[W_CONTENTS])
        return b->docs[0]->project.words[W_CONTENTS];
    return book_doc_word(b->n == 1 ? b->docs[0] : NULL, b->lang, W_CONTENTS);
}

void book_progress(const fbook *b, size_t i)
{
    if (b->progress)
        b->progress(i + 1, b->n, b->progress_user);
}
