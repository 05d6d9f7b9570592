/* folio_parse_*: the pipeline from bytes to a document.
 *
 *   read (size limit) → UTF-8 check → mojibake check/repair → front matter
 *   → pre-pass (shortcodes, divs, includes, footnote bodies; line limit)
 *   → md4c → tree → post passes → heading ids → language (the document's,
 *   then its quotes') → typography
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "annotations.h"
#include "build.h"
#include "cells.h"
#include "citations.h"
#include "crossref.h"
#include "deflists.h"
#include "emoji_codes.h"
#include "date.h"
#include "doc.h"
#include "encoding.h"
#include "frontmatter.h"
#include "langguess.h"
#include "listing.h"
#include "mathdelim.h"
#include "meta_text.h"
#include "prepass.h"
#include "slug.h"
#include "typography.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/path.h"


void folio_doc_drop(folio_doc *doc)
{
    if (!doc)
        return;
    arena_drop(doc->arena);
    free(doc);
}

const char *folio_doc_title(const folio_doc *doc) { return doc->meta.title ? doc->meta.title : ""; }
const char *folio_doc_lang(const folio_doc *doc) { return doc->lang; }
int folio_doc_is_draft(const folio_doc *doc) { return doc->meta.draft; }
int64_t folio_doc_date(const folio_doc *doc) { return fdate_to_epoch(&doc->meta.date); }
const char *folio_doc_path(const folio_doc *doc) { return doc->path; }

void doc_note_read(folio_doc *doc, const char *path)
{
    struct stat st;
    doc_file_id *id = stat(path, &st) == 0 ? arena_alloc(doc->arena, sizeof *id) : NULL;
    if (!id)
        return;
    *id = (doc_file_id){st.st_dev, st.st_ino, arena_strdup(doc->arena, path), doc->read};
    doc->read = id;
}

int folio_doc_reads_file(const folio_doc *doc, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    for (const doc_file_id *id = doc->read; id; id = id->next)
        if (id->dev == st.st_dev && id->ino == st.st_ino)
            return 1;
    return 0;
}

/* A bibliography the document names, when it is a regular file (a FIFO
 * would block whoever reads it). */
static bool note_bibliography(folio_doc *doc, fdiag *d, const char *real, const char *as_written)
{
    struct stat st;
    if (stat(real, &st) == 0 && S_ISREG(st.st_mode)) {
        doc_note_read(doc, real);
        return true;
    }
    fdiag_warn(d, doc->path, 0, 0, "bibliography '%s': not a regular file", as_written);
    return false;
}

/* One bibliography the front matter names, resolved inside the project;
 * NULL (and a warning) when it cannot be read. */
static char *front_matter_bibliography(folio_doc *doc, fdiag *d, const char *rel)
{
    char *written = doc->dir ? path_join(doc->dir, rel) : NULL;
    char *real = NULL;
    if (written && (rel[0] == '/' || access(written, F_OK) == 0)) {
        const char *why;
        real = path_resolve_within(doc->dir, doc->project.root, NULL, 0, rel, &why);
        if (!real) {
            fdiag_warn(d, doc->path, 0, 0, "bibliography '%s': %s", rel, why);
        } else if (!note_bibliography(doc, d, real, rel)) {
            free(real);
            real = NULL;
        }
    } else {
        fdiag_warn(d, doc->path, 0, 0, "bibliography '%s' not found; citations kept as text", rel);
    }
    free(written);
    return real;
}

/* path as the project file wrote it: relative to the project's root. */
static const char *project_relative(const folio_doc *doc, const char *path)
{
    size_t n = doc->project.root ? strlen(doc->project.root) : 0;
    if (n && strncmp(path, doc->project.root, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

/* The bibliographies the document names (its front matter's, and its
 * project's) are files it draws on: its citations come from them. Like
 * includes, they must lie inside the project (a PDF/A-3 carries them).
 * Returns those its citations are read from (the front matter's, else the
 * project's) as a NULL-terminated list to free with g_strfreev. */
static char **note_bibliographies(folio_doc *doc, fdiag *d)
{
    GPtrArray *use = g_ptr_array_new();
    const fstrlist *rel = &doc->meta.bibliography;
    for (size_t i = 0; i < rel->n; i++) {
        char *real = front_matter_bibliography(doc, d, rel->items[i]);
        if (real)
            g_ptr_array_add(use, g_strdup(real));
        free(real);
    }
    for (size_t i = 0; i < doc->project.n_bibliography; i++) {
        const char *bib = doc->project.bibliography[i];
        char *real = realpath(bib, NULL);
        if (real && path_is_inside(real, doc->project.root)) {
            if (note_bibliography(doc, d, real, bib) && !rel->n)
                g_ptr_array_add(use, g_strdup(real));
        } else if (real) {
            fdiag_warn(d, doc->path, 0, 0,
                       "the project's bibliography '%s': outside the project folder", bib);
        } else {
            fdiag_warn(d, doc->path, 0, 0,
                       "the project's bibliography '%s' not found; citations kept as text",
                       project_relative(doc, bib));
        }
        free(real);
    }
    g_ptr_array_add(use, NULL);
    return (char **)g_ptr_array_free(use, FALSE);
}

/* A new empty document carrying copies of what it needs from the options. */
static folio_doc *doc_new(const char *name, const char *base_dir, const folio_options *o)
{
    folio_doc *doc = calloc(1, sizeof *doc);
    if (!doc || !(doc->arena = arena_new())) {
        free(doc);
        return NULL;
    }
    arena *a = doc->arena;
    doc->path = arena_strdup(a, name);
    doc->dir = arena_strdup(a, base_dir);
    doc->files = arena_alloc(a, sizeof *doc->files);
    doc->limits = o->limits;
    folio_limits_fill(&doc->limits);
    if (!doc->path || !doc->files || (base_dir && !doc->dir)) {
        folio_doc_drop(doc);
        return NULL;
    }
    doc->files[0] = doc->path;
    doc->n_files = 1;
    doc->meta.toc = -1;
    doc->meta.echo = -1;
    doc->lang = "en";
    return doc;
}

static bool all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    }
    return true;
}

/* Front matter into doc->meta; the body's offset and first line. */
static bool read_front_matter(folio_doc *doc, const char *data, size_t len, fdiag *d,
                              size_t *body_off, int *body_line)
{
    size_t yaml_off, yaml_len;
    int found = frontmatter_split(data, len, doc->path, d, &yaml_off, &yaml_len, body_off, body_line);
    if (found < 0)
        return false;
    if (found == 0) {
        *body_off = 0;
        *body_line = 1;
        return true;
    }
    return frontmatter_parse(data + yaml_off, yaml_len, 2, doc->path, d, doc->arena, &doc->meta);
}

static bool is_quarto(const char *name)
{
    size_t n = strlen(name);
    return n >= 4 && strcasecmp(name + n - 4, ".qmd") == 0;
}

/* --lang, else front matter, else the project's lang (Quarto), else the
 * text's; a Hugo site's language code comes last: themes ship "en-us" as a
 * default whatever the pages are written in. */
static const char *effective_lang(const folio_doc *doc, const folio_options *o)
{
    const char *lang = o->lang ? o->lang : doc->meta.lang ? doc->meta.lang : doc->project.lang;
    if (!lang)
        lang = lang_guess(doc->root);
    if (!lang)
        lang = doc->project.hugo_lang;
    return lang ? lang : "en";
}

/* Hugo author keys ("linogaliana") become the names their pages give. */
static void author_names(folio_doc *doc)
{
    for (size_t i = 0; i < doc->meta.authors.n; i++) {
        const char *name = project_author_name(&doc->project, doc->meta.authors.items[i], doc->arena);
        if (name)
            doc->meta.authors.items[i] = name;
    }
}

/* The pipeline on text with LF line ends, into doc (which the caller drops
 * on failure). *release (NULL: none), the buffer data came from, is freed
 * once the text is copied into the document, and set to NULL: the parse
 * does not hold the input twice. */
static folio_status parse_text(folio_doc *doc, const char *data, size_t len,
                               const folio_options *o, fdiag *d, char **release)
{
    const char *name = doc->path;
    if (all_blank(data, len)) {
        fdiag_error(d, name, 0, 0, "the file is empty: nothing to convert");
        return FOLIO_EINPUT;
    }
    if (!encoding_validate(data, len, name, d))
        return FOLIO_EINPUT;
    /* A byte-order mark (Windows editors) would hide the front matter. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    char *fixed = NULL;
    size_t fixed_len = 0;
    encoding_mojibake(data, len, o->fix_encoding, name, d, &fixed, &fixed_len);
    if (fixed) {
        data = fixed;
        len = fixed_len;
    }
    char *source = arena_strndup(doc->arena, data, len);
    free(*release); /* data is not read again */
    *release = NULL;
    if (source)
        len = encoding_strip_unprintable(source, len, name, d);
    doc->source = source;
    doc->source_len = len;
    free(fixed);
    if (!project_load(doc->dir, doc->arena, d, &doc->project)) {
        fdiag_error(d, name, 0, 0, "out of memory");
        return FOLIO_EINPUT;
    }
    if (o->base_url)
        doc->project.site_url = arena_strdup(doc->arena, o->base_url);
    prepass pp = {0};
    size_t body_off;
    int body_line;
    bool ok = doc->source && read_front_matter(doc, doc->source, len, d, &body_off, &body_line) &&
              prepass_run(doc, doc->source + body_off, len - body_off, body_line, d, &pp);
    if (ok) {
        /* Quarto (.qmd) reads \( as an escaped parenthesis; Hugo pages use MathJax */
        mathdelim_apply(&pp.text, !is_quarto(name));
        arena_forget(doc->arena); /* the source, read */
        ok = build_tree(doc, &pp, !is_quarto(name), d);
    }
    prepass_free(&pp);
    arena_forget(doc->arena); /* a long document's: built, it is read in order from now on */
    if (!ok || d->errors)
        return FOLIO_EINPUT;
    slug_assign_ids(doc->root, doc->arena);
    author_names(doc);
    char **bibs = note_bibliographies(doc, d);
    doc->lang = arena_strdup(doc->arena, effective_lang(doc, o));
    if (doc->meta.listing && !o->compilation)
        listing_apply(doc, d);
    cells_apply(doc, d);
    annotations_apply(doc, d);
    deflists_apply(doc);
    crossref_apply(doc, d);
    citations_apply(doc, (const char *const *)bibs, d);
    emoji_codes_apply(doc);
    g_strfreev(bibs);
    lang_guess_quotes(doc->root, doc->lang);
    typography_apply(doc->root, doc->lang, doc->arena);
    meta_text_apply(&doc->meta, doc->arena);
    typography_apply_meta(&doc->meta, doc->lang, doc->arena);
    arena_forget(doc->arena);
    return FOLIO_OK;
}

/* owned (NULL: none) is data's buffer, freed here as soon as it is read. */
static folio_status parse(const char *data, size_t len, char *owned, const char *name,
                          const char *base_dir, const folio_options *o, folio_doc **out)
{
    *out = NULL;
    fdiag d;
    fdiag_init(&d, o->diag, o->diag_user);
    folio_doc *doc = doc_new(name, base_dir, o);
    if (!doc) {
        fdiag_error(&d, name, 0, 0, "out of memory");
        free(owned);
        return FOLIO_EINPUT;
    }
    if (len > doc->limits.max_input_bytes) {
        fdiag_error(&d, name, 0, 0, "input of %zu bytes exceeds the limit of %zu bytes", len,
                    doc->limits.max_input_bytes);
        folio_doc_drop(doc);
        free(owned);
        return FOLIO_EINPUT;
    }
    /* Lines end in LF from here on, whatever the editor wrote. */
    if (memchr(data, '\r', len)) {
        char *unix_text = malloc(len ? len : 1);
        if (!unix_text) {
            fdiag_error(&d, name, 0, 0, "out of memory");
            folio_doc_drop(doc);
            free(owned);
            return FOLIO_EINPUT;
        }
        memcpy(unix_text, data, len);
        len = encoding_unix_newlines(unix_text, len);
        data = unix_text;
        free(owned); /* read */
        owned = unix_text;
    }
    folio_status st = parse_text(doc, data, len, o, &d, &owned);
    free(owned); /* when the parse stopped before its copy */
    if (st != FOLIO_OK) {
        folio_doc_drop(doc);
        return st;
    }
    *out = doc;
    return FOLIO_OK;
}

folio_status folio_parse_memory(const char *data, size_t len, const char *name,
                                const char *base_dir, const folio_options *o, folio_doc **out)
{
    folio_options defaults;
    if (!o) {
        folio_options_init(&defaults);
        o = &defaults;
    }
    return parse(data, len, NULL, name ? name : "<memory>", base_dir, o, out);
}

static char *read_stdin(size_t max, size_t *len)
{
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (b.len + n > max) {
            buf_free(&b);
            errno = EFBIG;
            return NULL;
        }
        buf_append(&b, chunk, n);
    }
    if (ferror(stdin)) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? buf_detach(&b) : calloc(1, 1);
}

folio_status folio_parse_file(const char *path, const folio_options *o, folio_doc **out)
{
    folio_options defaults;
    if (!o) {
        folio_options_init(&defaults);
        o = &defaults;
    }
    *out = NULL;
    folio_limits lim = o->limits;
    folio_limits_fill(&lim);
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    size_t len = 0;
    char *data = is_stdin ? read_stdin(lim.max_input_bytes, &len)
                          : path_read_file(path, lim.max_input_bytes, &len);
    if (!data) {
        fdiag d;
        fdiag_init(&d, o->diag, o->diag_user);
        if (errno == EFBIG)
            fdiag_error(&d, name, 0, 0, "input exceeds the limit of %zu bytes", lim.max_input_bytes);
        else
            fdiag_error(&d, name, 0, 0, "cannot read input: %s", strerror(errno));
        return FOLIO_EINPUT;
    }
    char *dir = is_stdin ? strdup(".") : path_dirname(path);
    if (!dir) {
        free(data);
        return FOLIO_EINPUT;
    }
    folio_status st = parse(data, len, data, name, dir, o, out); /* data is parse's */
    if (st == FOLIO_OK && !is_stdin)
        doc_note_read(*out, path);
    free(dir);
    return st;
}
