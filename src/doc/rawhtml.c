#include "rawhtml.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "attrs.h"
#include "entity.h"
#include "icons.h"
#include "tree.h"
#include "util/buf.h"

enum { TAG_ATTRS_MAX = 16 };

/* One tag as written: <name key="value" …> or </name>. */
typedef struct tag {
    char name[16]; /* lower case; longer names are truncated (and unknown) */
    bool end, self_closing;
    const char *keys[TAG_ATTRS_MAX], *values[TAG_ATTRS_MAX]; /* decoded, in the arena */
    int n;
} tag;

/* State of one HTML fragment being read. */
typedef struct reader {
    builder *b;
    arena *a;
    int rline;
    int col; /* of the tag being read on line rline, for warnings; 0: unknown */
    const char *skip_until; /* "iframe": contents ignored until </iframe> */
} reader;

static const char *tag_attr(const tag *t, const char *key)
{
    for (int i = 0; i < t->n; i++) {
        if (strcasecmp(t->keys[i], key) == 0)
            return t->values[i];
    }
    return NULL;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Parses the tag at s ('<' included); returns its length, 0 when s is not
 * a well-formed tag (it is then text). */
static size_t parse_tag(reader *r, const char *s, size_t len, tag *t)
{
    memset(t, 0, sizeof *t);
    size_t i = 1;
    if (i < len && s[i] == '/') {
        t->end = true;
        i++;
    }
    if (i >= len || !isalpha((unsigned char)s[i]))
        return 0;
    size_t n = 0;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-')) {
        if (n < sizeof t->name - 1)
            t->name[n++] = (char)tolower((unsigned char)s[i]);
        i++;
    }
    while (i < len) {
        while (i < len && is_space(s[i]))
            i++;
        if (i >= len)
            return 0;
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '>') {
            t->self_closing = true;
            return i + 2;
        }
        size_t k = i;
        while (i < len && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
            i++;
        if (i == k)
            return 0;
        const char *key = arena_strndup(r->a, s + k, i - k);
        const char *value = "";
        while (i < len && is_space(s[i]))
            i++;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && is_space(s[i]))
                i++;
            size_t v = i, vend;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                v = i;
                while (i < len && s[i] != q)
                    i++;
                if (i >= len)
                    return 0;
                vend = i++;
            } else {
                while (i < len && !is_space(s[i]) && s[i] != '>')
                    i++;
                vend = i;
            }
            buf dec = {0};
            entity_decode_all(s + v, vend - v, &dec);
            value = arena_strndup(r->a, buf_cstr(&dec), dec.len);
            buf_free(&dec);
        }
        if (t->n < TAG_ATTRS_MAX) {
            t->keys[t->n] = key;
            t->values[t->n++] = value;
        }
    }
    return 0;
}

static void warn(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    builder_vwarn_at(r->b, r->rline, r->col, fmt, ap);
    va_end(ap);
}

static void warn_once(reader *r, const char *what, const char *name, const char *fmt)
{
    char key[64];
    snprintf(key, sizeof key, "%s:%s", what, name);
    if (builder_first_time(r->b, key))
        warn(r, fmt, name);
}

static void set_image(reader *r, fimage *im, const tag *t)
{
    const char *src = tag_attr(t, "src"), *alt = tag_attr(t, "alt");
    const char *keys[] = {"width", "height"};
    flen *lens[] = {&im->width, &im->height};
    im->src = src ? src : "";
    im->alt = alt ? alt : "";
    im->title = tag_attr(t, "title");
    for (int k = 0; k < 2; k++) {
        const char *v = tag_attr(t, keys[k]);
        if (v && !attrs_length(v, lens[k]))
            warn(r, "<img %s=\"%s\">: not a usable length (more than zero, "
                                         "like 300 or 50%%); ignored", keys[k], v);
    }
    const char *align = tag_attr(t, "align");
    if (align && strcasecmp(align, "center") == 0)
        im->align = FALIGN_CENTER;
    else if (align && strcasecmp(align, "left") == 0)
        im->align = FALIGN_LEFT;
    else if (align && strcasecmp(align, "right") == 0)
        im->align = FALIGN_RIGHT;
}

/* lang="en" (xml:lang="en" as XHTML writes it) when it is a language tag. */
static const char *tag_lang(reader *r, const tag *t)
{
    const char *written = tag_attr(t, "lang"), *lang;
    if (!written)
        written = tag_attr(t, "xml:lang");
    if (!attrs_lang(written, &lang))
        warn(r, "<%s lang=\"%s\">: not a language tag (like en or pt-BR); "
                                     "ignored", t->name, written);
    return lang;
}

static fnode *node(reader *r, fnode_type type) { return builder_node(r->b, type, r->rline); }

/* Inline containers: tag name → node type, and the class a span gets (the
 * class pandoc reads the tag as: <u> is [x]{.underline}). Browsers print
 * <var>, <dfn> and <cite> in italics; <q> is quoted in its language's
 * marks (doc/typography.c). */
static const struct {
    const char *name;
    fnode_type type;
    const char *cls;
} inline_tags[] = {
    {"i", FN_EMPH, NULL},       {"em", FN_EMPH, NULL},     {"cite", FN_EMPH, NULL},
    {"var", FN_EMPH, NULL},     {"dfn", FN_EMPH, NULL},    {"b", FN_STRONG, NULL},
    {"strong", FN_STRONG, NULL}, {"s", FN_STRIKE, NULL},   {"del", FN_STRIKE, NULL},
    {"strike", FN_STRIKE, NULL}, {"sup", FN_SUP, NULL},    {"sub", FN_SUB, NULL},
    {"span", FN_SPAN, NULL},    {"a", FN_LINK, NULL},      {"abbr", FN_ABBR, NULL},
    {"u", FN_SPAN, "underline"}, {"ins", FN_SPAN, "underline"}, {"mark", FN_SPAN, "mark"},
    {"kbd", FN_SPAN, "kbd"},    {"samp", FN_SPAN, "samp"}, {"small", FN_SPAN, "small"},
    {"q", FN_SPAN, "q"},        {"bdi", FN_SPAN, "bdi"},   {"bdo", FN_SPAN, "bdo"},
};

/* Block containers: tag name → node type. */
static const struct {
    const char *name;
    fnode_type type;
} block_tags[] = {
    {"div", FN_DIV},          {"section", FN_DIV},  {"center", FN_DIV}, {"figure", FN_FIGURE},
    {"figcaption", FN_CAPTION}, {"details", FN_DETAILS}, {"summary", FN_CAPTION},
    {"p", FN_PARAGRAPH},      {"blockquote", FN_QUOTE}, {"ul", FN_LIST}, {"ol", FN_LIST},
    {"li", FN_ITEM},          {"h1", FN_HEADING},   {"h2", FN_HEADING}, {"h3", FN_HEADING},
    {"h4", FN_HEADING},       {"h5", FN_HEADING},   {"h6", FN_HEADING},
    {"dl", FN_DEF_LIST},      {"dt", FN_DEF_TERM},  {"dd", FN_DEF_DATA},
};

static int lookup_inline(const char *name)
{
    for (size_t i = 0; i < sizeof inline_tags / sizeof inline_tags[0]; i++) {
        if (strcmp(inline_tags[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

static int lookup_block(const char *name)
{
    for (size_t i = 0; i < sizeof block_tags / sizeof block_tags[0]; i++) {
        if (strcmp(block_tags[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

/* Tags with no content to close. */
static bool is_void(const char *name)
{
    static const char *const names[] = {"br", "img", "hr", "wbr", "source", "iframe",
                                        "video", "audio", "input", "meta", "link", "col"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0)
            return true;
    }
    return false;
}

/* <i class="fa-brands fa-github fa-2x">, as Quarto's extension writes an
 * icon and as the prepass passes one on: its style, name and size. False
 * when the classes name no Font Awesome icon (an <i> is then emphasis);
 * *unknown is then the name of an icon Font Awesome Free lacks, if any. */
static bool icon_of_classes(reader *r, const char *classes, ficon *icon, const char **unknown)
{
    *unknown = NULL;
    if (!classes)
        return false;
    int style = -1;
    float size = 1.0f;
    const char *name = NULL;
    gchar **words = g_strsplit_set(classes, " \t\n", -1);
    for (gchar **w = words; *w; w++) {
        int st = ficon_style_of(*w);
        float sz = strncmp(*w, "fa-", 3) == 0 ? ficon_size_of(*w + 3) : 0;
        if (st >= 0)
            style = style < 0 ? st : style;
        else if (sz > 0)
            size = sz;
        else if (!name && strncmp(*w, "fa-", 3) == 0)
            name = *w + 3;
    }
    unsigned code;
    ficon_style drawn;
    bool ok = style >= 0 && name && ficon_find(name, (ficon_style)style, &code, &drawn);
    if (ok)
        *icon = (ficon){.name = arena_strdup(r->a, name), .code = code, .style = drawn, .size = size};
    else if (style >= 0 && name && *name)
        *unknown = arena_strdup(r->a, name);
    g_strfreev(words);
    return ok;
}

/* A span's dir= (ltr, rtl, auto); a <bdi>'s is auto when it has none, as
 * HTML's; a <bdo> without ltr or rtl overrides nothing: a plain span. */
static void span_dir(reader *r, const tag *t, fnode *n)
{
    const char *written = tag_attr(t, "dir");
    fdir dir;
    bool ok = attrs_dir(written, &dir);
    if (strcmp(t->name, "bdo") == 0 && (dir == FDIR_AUTO || dir == FDIR_FIRST_STRONG)) {
        if (written)
            warn(r, "<bdo dir=\"%s\">: not rtl or ltr; its letters keep their own directions",
                 written);
        else
            warn(r, "<bdo> without dir=\"rtl\" or \"ltr\": its letters keep their own directions");
        n->as.div.classes = tag_attr(t, "class");
        dir = FDIR_AUTO;
    } else if (!ok) {
        warn(r, "<%s dir=\"%s\">: not rtl, ltr or auto; laid out in the direction around it",
             t->name, written);
    }
    n->dir = !written && strcmp(t->name, "bdi") == 0 ? FDIR_FIRST_STRONG : dir;
}

static void open_inline(reader *r, const tag *t, fnode_type type, const char *cls)
{
    const char *unknown = NULL;
    if ((strcmp(t->name, "i") == 0 || strcmp(t->name, "span") == 0)) {
        ficon icon;
        if (icon_of_classes(r, tag_attr(t, "class"), &icon, &unknown)) {
            fnode *n = node(r, FN_ICON);
            if (!n)
                return;
            n->as.icon = icon;
            builder_inline(r->b, n, !t->self_closing, t->name);
            return;
        }
        if (unknown) { /* as the prepass does {{< fa >}}'s: the name, not italic */
            warn(r,
                         "<%s class=\"%s\">: no such icon in Font Awesome Free 6; printed by its name",
                         t->name, tag_attr(t, "class"));
            type = FN_SPAN;
        }
    }
    fnode *n = node(r, type);
    if (!n)
        return;
    switch (type) {
    case FN_LINK: {
        const char *href = tag_attr(t, "href");
        n->as.link.url = href ? href : "";
        n->as.link.title = tag_attr(t, "title");
        break;
    }
    case FN_SPAN:
        n->as.div.id = tag_attr(t, "id");
        n->as.div.classes = tag_attr(t, "class");
        if (cls) /* <kbd class="x">: the tag's class first */
            n->as.div.classes = n->as.div.classes && *n->as.div.classes
                                    ? arena_printf(r->a, "%s %s", cls, n->as.div.classes)
                                    : cls;
        n->as.div.lang = tag_lang(r, t);
        span_dir(r, t, n);
        break;
    case FN_ABBR:
        n->as.abbr.title = tag_attr(t, "title");
        break;
    default:
        break;
    }
    builder_inline(r->b, n, !t->self_closing, t->name);
    if (unknown)
        builder_text(r->b, unknown, strlen(unknown), r->rline);
}

/* A heading's classes and language, held aside when it has any. */
static void heading_attrs(reader *r, fnode *n, const char *classes, const char *lang)
{
    if (!classes && !lang)
        return;
    fheading_attrs *at = arena_alloc(r->a, sizeof *at);
    if (!at)
        return;
    *at = (fheading_attrs){.classes = classes, .lang = lang};
    n->as.heading.attrs = at;
}

static void open_block(reader *r, const tag *t, fnode_type type)
{
    fnode *n = node(r, type);
    if (!n)
        return;
    switch (type) {
    case FN_DIV:
        n->as.div.id = tag_attr(t, "id");
        n->as.div.classes = tag_attr(t, "class");
        n->as.div.lang = tag_lang(r, t);
        fdir dir;
        if (!attrs_dir(tag_attr(t, "dir"), &dir) || dir == FDIR_FIRST_STRONG) {
            warn(r, "<div dir=\"%s\">: not rtl or ltr; laid out in the direction around it",
                 tag_attr(t, "dir"));
            dir = FDIR_AUTO;
        }
        n->dir = dir;
        break;
    case FN_QUOTE:
        n->as.quote.lang = tag_lang(r, t);
        break;
    case FN_FIGURE:
        n->as.image->src = "";
        n->as.image->alt = "";
        break;
    case FN_DETAILS:
        n->as.details.open = tag_attr(t, "open") != NULL;
        n->as.details.lang = tag_lang(r, t);
        break;
    case FN_LIST:
        n->as.list.ordered = t->name[0] == 'o';
        n->as.list.tight = true;
        n->as.list.start = 1;
        n->as.list.delim = n->as.list.ordered ? '.' : '-';
        break;
    case FN_ITEM:
        n->as.item.task = -1;
        break;
    case FN_HEADING:
        n->as.heading.level = t->name[1] - '0';
        n->as.heading.id = tag_attr(t, "id");
        heading_attrs(r, n, tag_attr(t, "class"), tag_lang(r, t));
        break;
    default:
        break;
    }
    builder_block(r->b, n, !t->self_closing, t->name);
}

static void on_img(reader *r, const tag *t)
{
    fnode *fig = builder_open_of(r->b, FN_FIGURE);
    if (fig && builder_top(r->b) == fig && !fig->as.image->src[0]) {
        set_image(r, fig->as.image, t);
        return;
    }
    fnode *n = node(r, builder_in_inline(r->b) ? FN_IMAGE : FN_FIGURE);
    if (!n)
        return;
    set_image(r, n->as.image, t);
    if (n->type == FN_IMAGE)
        builder_inline(r->b, n, false, NULL);
    else
        builder_block(r->b, n, false, NULL);
}

int rawhtml_svg_tag(const char *s, size_t len, size_t *tag_len)
{
    *tag_len = 0;
    bool end = len > 1 && s[1] == '/';
    const char *name = s + 1 + end;
    if (len < 5u + end || strncasecmp(name, "svg", 3) != 0 ||
        !(is_space(name[3]) || name[3] == '>' || name[3] == '/'))
        return 0;
    const char *gt = memchr(name + 3, '>', len - (size_t)(name + 3 - s));
    if (!gt)
        return 0;
    *tag_len = (size_t)(gt - s) + 1;
    if (end)
        return -1;
    return gt[-1] == '/' ? 0 : 1; /* <svg/> holds nothing */
}

/* The end of the <svg> element that starts at s (its start tag is
 * open bytes long): the offset just past its </svg>, nested ones counted;
 * 0 when it does not end in s. */
static size_t svg_end(const char *s, size_t len, size_t open)
{
    size_t stop = len; /* past the last '>', no tag can end */
    while (stop > open && s[stop - 1] != '>')
        stop--;
    int depth = 1;
    for (size_t i = open; i < stop; i++) {
        if (s[i] != '<')
            continue;
        size_t tag;
        depth += rawhtml_svg_tag(s + i, len - i, &tag);
        if (depth == 0)
            return i + tag;
        if (tag)
            i += tag - 1; /* nothing nests inside a tag */
    }
    return 0;
}

/* The text of the element's first <title>, or NULL. */
static const char *svg_title(reader *r, const char *s, size_t len)
{
    const char *open = g_strstr_len(s, (gssize)len, "<title>");
    const char *close = open ? g_strstr_len(open, (gssize)(s + len - open), "</title>") : NULL;
    if (!close)
        return NULL;
    buf dec = {0};
    for (const char *p = open + 7; p < close; p++)
        if (!is_space(*p) || (dec.len && !is_space(dec.data[dec.len - 1])))
            buf_putc(&dec, is_space(*p) ? ' ' : *p);
    while (dec.len && dec.data[dec.len - 1] == ' ')
        dec.len--;
    const char *title = dec.len ? arena_strndup(r->a, dec.data, dec.len) : NULL;
    buf_free(&dec);
    return title;
}

/* An inline <svg> (s holds the element whole): an image whose source is
 * the SVG itself as a data: URL, which the book's resources read like a
 * file (both backends then sanitise and show it as any SVG). HTML lets
 * <svg> go without its namespaces; an SVG file needs them. Its alt text:
 * aria-label, else its <title>. */
static void on_svg(reader *r, const tag *t, const char *s, size_t len)
{
    buf svg = {0};
    buf_puts(&svg, "<svg");
    if (!g_strstr_len(s, (gssize)len, "xmlns=\""))
        buf_puts(&svg, " xmlns=\"http://www.w3.org/2000/svg\"");
    if (g_strstr_len(s, (gssize)len, "xlink:") && !g_strstr_len(s, (gssize)len, "xmlns:xlink"))
        buf_puts(&svg, " xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
    buf_append(&svg, s + 4, len - 4);
    /* one line in dumps: only what a data: URL cannot hold is escaped */
    buf url = {0};
    buf_puts(&url, "data:image/svg+xml,");
    for (size_t i = 0; i < svg.len; i++) {
        unsigned char c = (unsigned char)svg.data[i];
        if (c == '%' || c == '#' || c < 0x20 || c == 0x7F)
            buf_printf(&url, "%%%02X", c);
        else
            buf_putc(&url, (char)c);
    }
    tag img = *t;
    img.n = 0;
    const char *alt = tag_attr(t, "aria-label");
    const char *keys[] = {"src", "alt", "width", "height", "align"};
    const char *values[] = {arena_strndup(r->a, url.data, url.len),
                            alt ? alt : svg_title(r, s, len), tag_attr(t, "width"),
                            tag_attr(t, "height"), tag_attr(t, "align")};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (values[k]) {
            img.keys[img.n] = keys[k];
            img.values[img.n++] = values[k];
        }
    buf_free(&url);
    buf_free(&svg);
    on_img(r, &img);
}

/* <iframe>, <video>: a link card between blocks, a link inside text. */
static void on_embed(reader *r, const tag *t, const char *provider)
{
    const char *src = tag_attr(t, "src");
    if (!src) {
        warn_once(r, "nosrc", t->name, "<%s> without src: nothing to show");
        return;
    }
    const char *title = tag_attr(t, "title");
    if (builder_in_inline(r->b)) {
        fnode *l = node(r, FN_LINK), *txt = node(r, FN_TEXT);
        if (!l || !txt)
            return;
        l->as.link.url = src;
        l->as.link.title = title;
        txt->as.literal = title ? title : src;
        builder_inline(r->b, l, false, NULL);
        fnode_append(l, txt);
        return;
    }
    fnode *n = node(r, FN_LINK_CARD);
    if (!n)
        return;
    n->as.card.url = src;
    n->as.card.title = title;
    n->as.card.provider = provider;
    builder_block(r->b, n, false, NULL);
}

/* Tags that are never reader content: the page's styling and scripts. The
 * ones with content are skipped to their end tag. */
static const struct {
    const char *name;
    bool has_content;
} dropped_tags[] = {
    {"style", true},    {"script", true}, {"noscript", true}, {"template", true},
    {"link", false},    {"meta", false},  {"base", false},
};

static int lookup_dropped(const char *name)
{
    for (size_t i = 0; i < sizeof dropped_tags / sizeof dropped_tags[0]; i++) {
        if (strcmp(dropped_tags[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

/* Video players whose iframe is a video to watch: a link card. */
static bool known_player(const char *src)
{
    static const char *const hosts[] = {"youtube.com/",     "youtube-nocookie.com/", "youtu.be/",
                                        "vimeo.com/",       "dailymotion.com/",      "dai.ly/",
                                        "peertube",         "twitch.tv/",            "canal-u.tv/",
                                        "ted.com/talks/",   "loom.com/",             "wistia."};
    for (size_t i = 0; src && i < sizeof hosts / sizeof hosts[0]; i++)
        if (strstr(src, hosts[i]))
            return true;
    return false;
}

static void on_tag(reader *r, const tag *t)
{
    const char *name = t->name;
    if (t->end) {
        if (is_void(name) || builder_close(r->b, name))
            return;
        if (lookup_inline(name) >= 0 || lookup_block(name) >= 0)
            warn_once(r, "stray", name, "</%s> closes nothing that is open; ignored");
        return;
    }
    int k;
    if (strcmp(name, "br") == 0) {
        if (builder_in_inline(r->b))
            builder_inline(r->b, node(r, FN_LINE_BREAK), false, NULL);
        else
            builder_block(r->b, node(r, FN_VSPACE), false, NULL);
    } else if (strcmp(name, "img") == 0) {
        on_img(r, t);
    } else if (strcmp(name, "hr") == 0) {
        builder_block(r->b, node(r, FN_THEMATIC_BREAK), false, NULL);
    } else if (strcmp(name, "iframe") == 0) {
        const char *src = tag_attr(t, "src");
        bool web = src && (strncasecmp(src, "https://", 8) == 0 ||
                           strncasecmp(src, "http://", 7) == 0);
        if (known_player(src)) {
            on_embed(r, t, strstr(src, "youtu") ? "youtube" : "video");
        } else if (web) { /* a page to interact with: the reader gets its address */
            warn(r, "<iframe> of %s is not a video folio knows (a page to "
                         "interact with on the web); a link card to its address", src);
            on_embed(r, t, "iframe");
        } else {
            warn(r, "<iframe> %s%s is not a page on the web; dropped",
                         src ? "of " : "without src", src ? src : "");
        }
        r->skip_until = "iframe";
    } else if ((k = lookup_dropped(name)) >= 0) {
        warn(r, "<%s> is styling or script, not reader content; dropped",
                     name);
        if (dropped_tags[k].has_content && !t->self_closing)
            r->skip_until = dropped_tags[k].name;
    } else if (strcmp(name, "video") == 0 && tag_attr(t, "src")) {
        on_embed(r, t, "video");
        r->skip_until = "video";
    } else if ((k = lookup_inline(name)) >= 0) {
        open_inline(r, t, inline_tags[k].type, inline_tags[k].cls);
    } else if ((k = lookup_block(name)) >= 0) {
        open_block(r, t, block_tags[k].type);
    } else {
        warn_once(r, "tag", name, "HTML tag <%s> is not supported; its text content is kept");
    }
}

/* Text between tags: entities decoded, white space collapsed as HTML does. */
static void on_text(reader *r, const char *s, size_t len)
{
    buf dec = {0};
    buf_reserve(&dec, len);
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            space = true;
            continue;
        }
        if (space && (dec.len || builder_in_inline(r->b)))
            buf_putc(&dec, ' ');
        space = false;
        if (s[i] == '&') {
            size_t j = i + 1;
            while (j < len && j - i < 40 && s[j] != ';' && !is_space(s[j]) && s[j] != '&')
                j++;
            if (j < len && s[j] == ';' && entity_decode(s + i, j - i + 1, &dec)) {
                i = j;
                continue;
            }
        }
        buf_putc(&dec, s[i]);
    }
    if (space && dec.len)
        buf_putc(&dec, ' ');
    if (dec.len)
        builder_text(r->b, dec.data, dec.len, r->rline);
    buf_free(&dec);
}

/* Moves past s[0..len): its lines, and the column while it is known (a
 * fragment's next lines may be a container's, their prefixes not seen). */
static void count_lines(reader *r, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            r->rline++;
            r->col = 0;
        } else if (r->col && ((unsigned char)s[i] & 0xC0) != 0x80) {
            r->col++;
        }
    }
}

static void run(builder *b, const char *s, size_t len, int rline, int col, bool block)
{
    reader r = {.b = b, .a = builder_arena(b), .rline = rline, .col = col};
    if (!block)
        r.skip_until = builder_html_skip(b);
    size_t i = 0;
    while (i < len) {
        if (s[i] == '<' && i + 3 < len && strncmp(s + i, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t j = i + 4; j + 3 <= len && !end; j++) {
                if (strncmp(s + j, "-->", 3) == 0)
                    end = s + j;
            }
            size_t stop = end ? (size_t)(end - s) : len;
            /* Comments are kept between blocks; inside text they say nothing. */
            if (block && !builder_in_inline(b)) {
                fnode *c = builder_node(b, FN_HTML_COMMENT, r.rline);
                if (c) {
                    size_t from = i + 4, to = stop;
                    while (from < to && is_space(s[from]))
                        from++;
                    while (to > from && is_space(s[to - 1]))
                        to--;
                    c->as.literal = arena_strndup(r.a, s + from, to - from);
                    builder_block(b, c, false, NULL);
                }
            }
            size_t next = end ? stop + 3 : len;
            count_lines(&r, s + i, next - i);
            i = next;
            continue;
        }
        if (s[i] == '<') {
            tag t;
            size_t n = parse_tag(&r, s + i, len - i, &t);
            size_t whole = n && !r.skip_until && !t.end && !t.self_closing &&
                                   strcmp(t.name, "svg") == 0
                               ? svg_end(s + i, len - i, n)
                               : 0;
            if (whole) {
                on_svg(&r, &t, s + i, whole);
                count_lines(&r, s + i, whole);
                i += whole;
                continue;
            }
            if (n) {
                if (r.skip_until) {
                    if (t.end && strcmp(t.name, r.skip_until) == 0)
                        r.skip_until = NULL;
                } else {
                    on_tag(&r, &t);
                }
                count_lines(&r, s + i, n);
                i += n;
                continue;
            }
            if (i + 1 < len && (s[i + 1] == '!' || s[i + 1] == '?')) {
                /* <!DOCTYPE …>, <?xml …?>: nothing a reader sees. */
                size_t j = i;
                while (j < len && s[j] != '>')
                    j++;
                warn_once(&r, "decl", "<!…>", "HTML declaration %s ignored");
                count_lines(&r, s + i, j - i);
                i = j < len ? j + 1 : len;
                continue;
            }
        }
        size_t j = i + 1;
        while (j < len && s[j] != '<')
            j++;
        /* The text's line is where its first word is. */
        size_t lead = 0;
        while (i + lead < j && is_space(s[i + lead]))
            lead++;
        count_lines(&r, s + i, lead);
        if (!r.skip_until)
            on_text(&r, s + i, j - i);
        count_lines(&r, s + i + lead, j - i - lead);
        i = j;
    }
    if (!block)
        builder_set_html_skip(b, r.skip_until);
}

void rawhtml_block(builder *b, const char *html, size_t len, int rline)
{
    run(b, html, len, rline, 0, true);
}

void rawhtml_inline(builder *b, const char *html, size_t len, int rline, int col)
{
    run(b, html, len, rline, col, false);
}
