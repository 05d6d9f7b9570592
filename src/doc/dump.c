/* folio dump: the model as indented text (the golden format of the tests)
 * or as JSON for tools. One function lists a node's attributes; both
 * formats print that list their own way. */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "icons.h"
#include "tree.h"
#include "util/buf.h"

/* An attribute list, built per node and printed by either format. */
typedef enum { A_STR, A_INT, A_BOOL, A_RAW } attr_kind;
typedef struct attr {
    const char *name;
    attr_kind kind;
    const char *s;
    long long i;
} attr;
typedef struct attrs {
    attr a[12];
    int n;
} attrs;

static void add_str(attrs *as, const char *name, const char *s)
{
    if (s && as->n < 12)
        as->a[as->n++] = (attr){name, A_STR, s, 0};
}
static void add_int(attrs *as, const char *name, long long i)
{
    if (as->n < 12)
        as->a[as->n++] = (attr){name, A_INT, NULL, i};
}
static void add_bool(attrs *as, const char *name, bool v)
{
    if (as->n < 12)
        as->a[as->n++] = (attr){name, A_BOOL, NULL, v};
}
static void add_raw(attrs *as, const char *name, const char *s)
{
    if (s && as->n < 12)
        as->a[as->n++] = (attr){name, A_RAW, s, 0};
}

static const char *align_name(falign a)
{
    static const char *const names[] = {"default", "left", "center", "right"};
    return names[a];
}

static char *len_str(char *tmp, size_t size, flen l)
{
    if (l.unit == FLEN_NONE)
        return NULL;
    snprintf(tmp, size, "%g%s", l.value, l.unit == FLEN_PERCENT ? "%" : "px");
    return tmp;
}

static void node_attrs(const fnode *n, attrs *as, char tmp[][32])
{
    switch (n->type) {
    case FN_HEADING:
        add_int(as, "level", n->as.heading.level);
        add_str(as, "id", n->as.heading.id);
        add_str(as, "class", fnode_heading_classes(n));
        add_str(as, "lang", fnode_lang(n));
        break;
    case FN_LIST:
        add_raw(as, "kind", n->as.list.ordered ? "ordered" : "bullet");
        if (n->as.list.ordered)
            add_int(as, "start", n->as.list.start);
        add_bool(as, "tight", n->as.list.tight);
        if (n->as.list.annotations)
            add_bool(as, "annotations", true);
        break;
    case FN_ITEM:
        if (n->as.item.task >= 0)
            add_raw(as, "task", n->as.item.task ? "done" : "todo");
        break;
    case FN_CODE_BLOCK:
        add_str(as, "lang", n->as.code->lang);
        if (n->as.code->executable)
            add_bool(as, "executable", true);
        add_str(as, "filename", n->as.code->filename);
        add_str(as, "literal", n->as.code->literal);
        if (n->as.code->n_marks) { /* "2:1,3:2": line (1-based):note, the first ones */
            buf b = {0};
            for (int i = 0; i < n->as.code->n_marks; i++) {
                size_t was = b.len;
                buf_printf(&b, "%s%d:%d", i ? "," : "", n->as.code->marks[i].line + 1,
                           n->as.code->marks[i].number);
                if (b.len > 26) {
                    b.len = was;
                    buf_puts(&b, ",…");
                    break;
                }
            }
            snprintf(tmp[0], 32, "%s", buf_cstr(&b));
            buf_free(&b);
            add_raw(as, "annotations", tmp[0]);
        }
        break;
    case FN_TABLE: {
        add_int(as, "columns", n->as.table.columns);
        buf b = {0};
        for (int i = 0; i < n->as.table.columns && i < 8; i++)
            buf_printf(&b, "%s%s", i ? "," : "", align_name(n->as.table.aligns[i]));
        if (n->as.table.columns > 8)
            buf_puts(&b, ",…");
        snprintf(tmp[0], 32, "%s", buf_cstr(&b));
        buf_free(&b);
        add_raw(as, "align", tmp[0]);
        add_int(as, "header_rows", n->as.table.header_rows);
        add_str(as, "id", n->as.table.id);
        break;
    }
    case FN_TABLE_ROW:
        if (n->as.row.header)
            add_bool(as, "header", true);
        break;
    case FN_FIGURE:
    case FN_IMAGE:
        add_str(as, "src", n->as.image->src);
        add_str(as, "alt", n->as.image->alt);
        add_str(as, "title", n->as.image->title);
        add_raw(as, "width", len_str(tmp[1], 32, n->as.image->width));
        add_raw(as, "height", len_str(tmp[2], 32, n->as.image->height));
        if (n->as.image->align != FALIGN_DEFAULT)
            add_raw(as, "align", align_name(n->as.image->align));
        add_str(as, "id", n->as.image->id);
        break;
    case FN_CALLOUT:
        add_raw(as, "kind", fcallout_kind_name(n->as.callout.kind));
        if (n->as.callout.collapsed)
            add_bool(as, "collapsed", true);
        add_str(as, "lang", n->as.callout.lang);
        break;
    case FN_DETAILS:
        if (n->as.details.open)
            add_bool(as, "open", true);
        add_str(as, "lang", n->as.details.lang);
        break;
    case FN_COLUMN:
        add_raw(as, "width", len_str(tmp[1], 32, n->as.column.width));
        break;
    case FN_DIV:
    case FN_SPAN:
        add_str(as, "id", n->as.div.id);
        add_str(as, "class", n->as.div.classes);
        add_str(as, "lang", n->as.div.lang);
        if (n->dir != FDIR_AUTO)
            add_str(as, "dir", fdir_name(n->dir));
        break;
    case FN_QUOTE:
        add_str(as, "lang", n->as.quote.lang);
        break;
    case FN_ICON:
        add_str(as, "name", n->as.icon.name);
        add_raw(as, "style", ficon_style_name(n->as.icon.style));
        snprintf(tmp[0], 32, "U+%04X", n->as.icon.code);
        add_raw(as, "code", tmp[0]);
        if (n->as.icon.size != 1.0f) {
            snprintf(tmp[1], 32, "%g", n->as.icon.size);
            add_raw(as, "size", tmp[1]);
        }
        break;
    case FN_FOOTNOTE_DEF:
    case FN_FOOTNOTE_REF:
        add_str(as, "label", n->as.footnote.label);
        add_int(as, "number", n->as.footnote.number);
        if (n->type == FN_FOOTNOTE_REF && !n->as.footnote.def)
            add_bool(as, "undefined", true);
        break;
    case FN_LINK_CARD:
        add_raw(as, "provider", n->as.card.provider);
        add_str(as, "url", n->as.card.url);
        add_str(as, "title", n->as.card.title);
        break;
    case FN_TEXT:
    case FN_CODE:
    case FN_HTML_COMMENT:
        add_str(as, "literal", n->as.literal);
        break;
    case FN_MATH:
        if (n->as.math.display)
            add_bool(as, "display", true);
        add_str(as, "literal", n->as.math.literal);
        break;
    case FN_LINK:
        add_str(as, "url", n->as.link.url);
        add_str(as, "title", n->as.link.title);
        break;
    case FN_ABBR:
        add_str(as, "title", n->as.abbr.title);
        break;
    default:
        break;
    }
}

static void date_str(char *out, size_t size, const fdate *d)
{
    if (!d->valid) {
        snprintf(out, size, "?");
    } else if (!d->has_time) {
        snprintf(out, size, "%04d-%02d-%02d", d->year, d->month, d->day);
    } else {
        int off = d->tz_offset_min;
        if (off == 0)
            snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->year, d->month, d->day,
                     d->hour, d->min, d->sec);
        else
            snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year, d->month,
                     d->day, d->hour, d->min, d->sec, off < 0 ? '-' : '+', abs(off) / 60,
                     abs(off) % 60);
    }
}

static void put_list(buf *b, const fstrlist *l)
{
    buf_putc(b, '[');
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            buf_puts(b, ", ");
        buf_put_quoted(b, l->items[i]);
    }
    buf_putc(b, ']');
}

/* ---- text format ---- */

/* The site's settings, for a Quarto or Hugo project (never its root: a
 * dump does not depend on where the files are). */
static void text_project(buf *b, const fproject *p)
{
    if (p->kind != FPROJECT_QUARTO && p->kind != FPROJECT_HUGO)
        return;
    buf_printf(b, "project %s\n", p->kind == FPROJECT_QUARTO ? "quarto" : "hugo");
    const char *keys[] = {"title", "site-url", "lang", "hugo-lang"};
    const char *values[] = {p->title, p->site_url, p->lang, p->hugo_lang};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (values[i]) {
            buf_printf(b, "  %s: ", keys[i]);
            buf_put_quoted(b, values[i]);
            buf_putc(b, '\n');
        }
    }
    for (size_t i = 0; i < p->n_bibliography; i++) {
        buf_puts(b, "  bibliography: ");
        buf_put_quoted(b, strrchr(p->bibliography[i], '/') + 1);
        buf_putc(b, '\n');
    }
    if (p->echo >= 0)
        buf_printf(b, "  echo: %s\n", p->echo ? "true" : "false");
    if (p->emoji)
        buf_puts(b, "  emoji: true\n");
}

static void text_meta(buf *b, const folio_doc *doc)
{
    const fmeta *m = &doc->meta;
    char date[40];
    buf_puts(b, "meta\n");
#define STR(key, v)                                                                            \
    if (v) {                                                                                   \
        buf_puts(b, "  " key ": ");                                                            \
        buf_put_quoted(b, v);                                                                         \
        buf_putc(b, '\n');                                                                     \
    }
    STR("title", m->title);
    STR("subtitle", m->subtitle);
    STR("summary", m->summary);
    if (m->date.valid) {
        date_str(date, sizeof date, &m->date);
        buf_printf(b, "  date: %s\n", date);
    }
    if (m->lastmod.valid) {
        date_str(date, sizeof date, &m->lastmod);
        buf_printf(b, "  lastmod: %s\n", date);
    }
#define LIST(key, l)                                                                           \
    if ((l).n) {                                                                               \
        buf_puts(b, "  " key ": ");                                                            \
        put_list(b, &(l));                                                                     \
        buf_putc(b, '\n');                                                                     \
    }
    LIST("authors", m->authors);
    LIST("tags", m->tags);
    LIST("categories", m->categories);
    if (m->draft)
        buf_puts(b, "  draft: true\n");
    if (m->listing)
        buf_puts(b, "  listing: true\n");
    if (m->toc >= 0)
        buf_printf(b, "  toc: %s\n", m->toc ? "true" : "false");
    STR("number", m->number);
    STR("image", m->image);
    STR("lang", m->lang);
#undef STR
#undef LIST
}

/* The dump goes out as it is made, not held whole: a long document's dump
 * is several times its model. A write error shows in ferror at the end. */
static void spill(buf *b, FILE *out)
{
    if (b->len < 64 * 1024)
        return;
    fwrite(buf_cstr(b), 1, b->len, out);
    buf_clear(b);
    static _Thread_local unsigned written;
    if (++written % 64 == 0)
        arena_forget_all(); /* the part of a long model dumped (util/arena.h) */
}

static void text_node(buf *b, FILE *out, const folio_doc *doc, const fnode *n, int depth)
{
    for (int i = 0; i < depth; i++)
        buf_puts(b, "  ");
    buf_puts(b, fnode_type_name(n->type));
    if (fnode_is_block(n) && n->type != FN_DOCUMENT) {
        if (n->file > 0 && (size_t)n->file < doc->n_files)
            buf_printf(b, " @%s:%d", doc->files[n->file], n->line);
        else
            buf_printf(b, " @%d", n->line);
    }
    attrs as = {.n = 0};
    char tmp[3][32];
    node_attrs(n, &as, tmp);
    for (int i = 0; i < as.n; i++) {
        const attr *a = &as.a[i];
        buf_printf(b, " %s=", a->name);
        switch (a->kind) {
        case A_STR: buf_put_quoted(b, a->s); break;
        case A_INT: buf_printf(b, "%lld", a->i); break;
        case A_BOOL: buf_puts(b, a->i ? "true" : "false"); break;
        case A_RAW: buf_puts(b, a->s); break;
        }
    }
    buf_putc(b, '\n');
    for (const fnode *c = n->first; c; c = c->next)
        text_node(b, out, doc, c, depth + 1);
    spill(b, out);
}

/* ---- JSON format ---- */

static void json_node(buf *b, FILE *out, const folio_doc *doc, const fnode *n)
{
    buf_puts(b, "{\"type\":");
    buf_put_quoted(b, fnode_type_name(n->type));
    if (fnode_is_block(n) && n->type != FN_DOCUMENT) {
        buf_printf(b, ",\"line\":%d", n->line);
        if (n->file > 0 && (size_t)n->file < doc->n_files) {
            buf_puts(b, ",\"file\":");
            buf_put_quoted(b, doc->files[n->file]);
        }
    }
    attrs as = {.n = 0};
    char tmp[3][32];
    node_attrs(n, &as, tmp);
    for (int i = 0; i < as.n; i++) {
        const attr *a = &as.a[i];
        buf_putc(b, ',');
        buf_put_quoted(b, a->name);
        buf_putc(b, ':');
        switch (a->kind) {
        case A_STR:
        case A_RAW: buf_put_quoted(b, a->s); break;
        case A_INT: buf_printf(b, "%lld", a->i); break;
        case A_BOOL: buf_puts(b, a->i ? "true" : "false"); break;
        }
    }
    if (n->first) {
        buf_puts(b, ",\"children\":[");
        for (const fnode *c = n->first; c; c = c->next) {
            json_node(b, out, doc, c);
            if (c->next)
                buf_putc(b, ',');
        }
        buf_putc(b, ']');
    }
    buf_putc(b, '}');
    spill(b, out);
}

static void json_meta(buf *b, const folio_doc *doc)
{
    const fmeta *m = &doc->meta;
    char date[40];
    buf_puts(b, "{");
    bool first = true;
#define KEY(k)                                                                                 \
    do {                                                                                       \
        if (!first)                                                                            \
            buf_putc(b, ',');                                                                  \
        first = false;                                                                         \
        buf_put_quoted(b, k);                                                                         \
        buf_putc(b, ':');                                                                      \
    } while (0)
#define STR(k, v)                                                                              \
    if (v) {                                                                                   \
        KEY(k);                                                                                \
        buf_put_quoted(b, v);                                                                         \
    }
    STR("title", m->title);
    STR("subtitle", m->subtitle);
    STR("summary", m->summary);
    if (m->date.valid) {
        date_str(date, sizeof date, &m->date);
        KEY("date");
        buf_put_quoted(b, date);
    }
    if (m->lastmod.valid) {
        date_str(date, sizeof date, &m->lastmod);
        KEY("lastmod");
        buf_put_quoted(b, date);
    }
    KEY("authors");
    put_list(b, &m->authors);
    KEY("tags");
    put_list(b, &m->tags);
    KEY("categories");
    put_list(b, &m->categories);
    KEY("draft");
    buf_puts(b, m->draft ? "true" : "false");
    if (m->listing) {
        KEY("listing");
        buf_puts(b, "true");
    }
    if (m->toc >= 0) {
        KEY("toc");
        buf_puts(b, m->toc ? "true" : "false");
    }
    STR("number", m->number);
    STR("image", m->image);
    STR("lang", m->lang);
#undef STR
#undef KEY
    buf_puts(b, "}");
}

/* Every file the document draws on, in the order met (the list holds the
 * last first). */
static void json_files(buf *b, const doc_file_id *read)
{
    size_t n = 0;
    for (const doc_file_id *id = read; id; id = id->next)
        n++;
    const char **paths = malloc((n ? n : 1) * sizeof *paths);
    if (!paths)
        abort();
    size_t k = n;
    for (const doc_file_id *id = read; id; id = id->next)
        paths[--k] = id->path;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_put_quoted(b, paths[i]);
    }
    free(paths);
}

folio_status folio_dump(const folio_doc *doc, folio_dump_format fmt, FILE *out)
{
    buf b = {0};
    if (fmt == FOLIO_DUMP_JSON) {
        buf_puts(&b, "{\"path\":");
        buf_put_quoted(&b, doc->path);
        buf_puts(&b, ",\"lang\":");
        buf_put_quoted(&b, doc->lang);
        buf_puts(&b, ",\"files\":[");
        json_files(&b, doc->read);
        buf_puts(&b, "],\"meta\":");
        json_meta(&b, doc);
        buf_puts(&b, ",\"root\":");
        json_node(&b, out, doc, doc->root);
        buf_puts(&b, "}\n");
    } else {
        buf_printf(&b, "lang %s\n", doc->lang);
        text_project(&b, &doc->project);
        text_meta(&b, doc);
        text_node(&b, out, doc, doc->root, 0);
    }
    size_t w = fwrite(buf_cstr(&b), 1, b.len, out);
    bool ok = w == b.len && fflush(out) == 0 && !ferror(out);
    buf_free(&b);
    return ok ? FOLIO_OK : FOLIO_EOUTPUT;
}
