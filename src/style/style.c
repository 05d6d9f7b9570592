#include "style.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/diag.h"
#include "util/path.h"
#include "util/yamltree.h"

#define MM(x) ((x) * 72.0 / 25.4)

/* Style files are a few kilobytes; anything this big is a mistake. */
enum { MAX_STYLE_BYTES = 1 << 20 };

static frgb hex_rgb(unsigned v)
{
    return (frgb){((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

bool style_set_paper(folio_style *s, const char *paper)
{
    if (strcasecmp(paper, "a4") == 0) {
        s->paper = "a4";
        s->page_width = MM(210.0);
        s->page_height = MM(297.0);
    } else if (strcasecmp(paper, "letter") == 0) {
        s->paper = "letter";
        s->page_width = 8.5 * 72.0;
        s->page_height = 11.0 * 72.0;
    } else {
        return false;
    }
    return true;
}

/* The house style; styles/default.yaml writes out the same values. */
void style_set_defaults(folio_style *s)
{
    arena *a = s->arena;
    memset(s, 0, sizeof *s);
    s->arena = a;
    style_set_paper(s, "a4");
    s->margin_top = MM(20.0);
    s->margin_bottom = MM(22.0);
    s->margin_left = MM(20.0);
    s->margin_right = MM(20.0);

    s->font_body = "Noto Serif";
    s->font_heading = "Noto Sans";
    s->font_mono = "JetBrains Mono";
    s->font_emoji = "Noto Color Emoji";

    s->size_body = 10.5;
    s->size_small = 8.5;
    s->size_code = 9.0;
    static const double headings[6] = {17.0, 14.0, 12.0, 11.0, 10.5, 10.5};
    memcpy(s->size_heading, headings, sizeof headings);
    s->size_title = 22.0;
    s->line_height = 1.35;
    s->paragraph_spacing = 6.0;
    s->justify = true;
    s->hyphenate = true;

    s->color_text = hex_rgb(0x222222);
    s->color_heading = hex_rgb(0x1F3A5F);
    s->color_link = hex_rgb(0x1A5FA8);
    s->color_muted = hex_rgb(0x6B7280);
    s->color_rule = hex_rgb(0xD0D5DC);
    s->code_background = hex_rgb(0xF4F5F7);
    s->quote_border = hex_rgb(0xB8C2CC);
    s->mark_background = hex_rgb(0xFFF0A0);
    s->table_header_background = hex_rgb(0xE9EEF4);
    s->table_rule = hex_rgb(0xC9D1DA);

    static const unsigned callout_colors[FCALLOUT_COUNT][2] = {
        [FCALLOUT_NOTE] = {0x3B82C4, 0xEAF2FB},      [FCALLOUT_TIP] = {0x2E9E6B, 0xE8F6EF},
        [FCALLOUT_WARNING] = {0xD08C1E, 0xFDF4E3},   [FCALLOUT_IMPORTANT] = {0x7C4DBA, 0xF1EBFA},
        [FCALLOUT_CAUTION] = {0xC2413B, 0xFBEAEA},
    };
    for (int k = 0; k < FCALLOUT_COUNT; k++) {
        s->callout[k].border = hex_rgb(callout_colors[k][0]);
        s->callout[k].background = hex_rgb(callout_colors[k][1]);
        s->callout[k].title = NULL;
    }

    s->header = "{title}";
    s->footer = "{page} / {pages}";
    s->links = FLINKS_FOOTNOTES;
    s->image_ppi = 200;
    s->epub_image_max_side = 2000;
    s->cover_image = NULL;
    s->publisher = NULL;
}

/* What a YAML key holds, and where in the struct it goes. */
typedef enum field_type {
    F_PAPER,     /* "a4" | "letter": sets the page size too */
    F_LENGTH,    /* points, or a number with pt, mm, cm, in */
    F_SIZE,      /* font size in points */
    F_RATIO,     /* line height as a multiple of the font size */
    F_BOOL,
    F_COLOR,     /* "#rrggbb" or "#rgb" */
    F_FONT,      /* a family name, never empty */
    F_TEXT,      /* a string, or null for none */
    F_LINKS,     /* footnotes | inline | none */
    F_MARGINS,   /* one length for all four sides, or a mapping of them */
    F_PIXELS,    /* a whole number of pixels (or pixels per inch), 16 to 20000 */
} field_type;

typedef struct field {
    const char *path; /* dotted YAML keys */
    field_type type;
    size_t offset;
} field;

#define FIELD(path, type, member) {path, type, offsetof(folio_style, member)}
#define CALLOUT(kind, k)                                                                       \
    FIELD("callouts." kind ".border", F_COLOR, callout[k].border),                             \
        FIELD("callouts." kind ".background", F_COLOR, callout[k].background),                 \
        FIELD("callouts." kind ".title", F_TEXT, callout[k].title)

static const field fields[] = {
    FIELD("page.paper", F_PAPER, paper),
    FIELD("page.width", F_LENGTH, page_width),
    FIELD("page.height", F_LENGTH, page_height),
    FIELD("page.margins", F_MARGINS, margin_top),
    FIELD("page.margins.top", F_LENGTH, margin_top),
    FIELD("page.margins.bottom", F_LENGTH, margin_bottom),
    FIELD("page.margins.left", F_LENGTH, margin_left),
    FIELD("page.margins.right", F_LENGTH, margin_right),
    FIELD("fonts.body", F_FONT, font_body),
    FIELD("fonts.heading", F_FONT, font_heading),
    FIELD("fonts.mono", F_FONT, font_mono),
    FIELD("fonts.emoji", F_FONT, font_emoji),
    FIELD("sizes.body", F_SIZE, size_body),
    FIELD("sizes.small", F_SIZE, size_small),
    FIELD("sizes.code", F_SIZE, size_code),
    FIELD("sizes.title", F_SIZE, size_title),
    FIELD("sizes.h1", F_SIZE, size_heading[0]),
    FIELD("sizes.h2", F_SIZE, size_heading[1]),
    FIELD("sizes.h3", F_SIZE, size_heading[2]),
    FIELD("sizes.h4", F_SIZE, size_heading[3]),
    FIELD("sizes.h5", F_SIZE, size_heading[4]),
    FIELD("sizes.h6", F_SIZE, size_heading[5]),
    FIELD("text.line_height", F_RATIO, line_height),
    FIELD("text.paragraph_spacing", F_LENGTH, paragraph_spacing),
    FIELD("text.justify", F_BOOL, justify),
    FIELD("text.hyphenate", F_BOOL, hyphenate),
    FIELD("colors.text", F_COLOR, color_text),
    FIELD("colors.heading", F_COLOR, color_heading),
    FIELD("colors.link", F_COLOR, color_link),
    FIELD("colors.muted", F_COLOR, color_muted),
    FIELD("colors.rule", F_COLOR, color_rule),
    FIELD("colors.code_background", F_COLOR, code_background),
    FIELD("colors.quote_border", F_COLOR, quote_border),
    FIELD("colors.mark_background", F_COLOR, mark_background),
    FIELD("colors.table_header_background", F_COLOR, table_header_background),
    FIELD("colors.table_rule", F_COLOR, table_rule),
    CALLOUT("note", FCALLOUT_NOTE),
    CALLOUT("tip", FCALLOUT_TIP),
    CALLOUT("warning", FCALLOUT_WARNING),
    CALLOUT("important", FCALLOUT_IMPORTANT),
    CALLOUT("caution", FCALLOUT_CAUTION),
    FIELD("header", F_TEXT, header),
    FIELD("footer", F_TEXT, footer),
    FIELD("links", F_LINKS, links),
    FIELD("images.ppi", F_PIXELS, image_ppi),
    FIELD("images.epub_max_side", F_PIXELS, epub_image_max_side),
    FIELD("cover", F_TEXT, cover_image),
    FIELD("publisher", F_TEXT, publisher),
    FIELD("pdfa", F_BOOL, pdfa),
};

typedef struct loader {
    folio_style *s;
    const char *file;
    fdiag *d;
    int errors;
} loader;

static const field *find_field(const char *path)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(fields[i].path, path) == 0)
            return &fields[i];
    return NULL;
}

/* Whether some field lives below path (so path names a section). */
static bool is_section(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strncmp(fields[i].path, path, n) == 0 && fields[i].path[n] == '.')
            return true;
    return false;
}

static void bad_value(loader *l, const ynode *n, const char *path, const char *want)
{
    const char *v = n->kind == Y_SCALAR ? n->text : NULL;
    if (v && *v)
        fdiag_error(l->d, l->file, n->line, n->col, "style: %s: \"%s\" is not %s", path, v, want);
    else
        fdiag_error(l->d, l->file, n->line, n->col, "style: %s: expected %s", path, want);
    l->errors++;
}

static bool parse_length(const char *v, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || errno || !isfinite(x) || x < 0)
        return false;
    while (*end == ' ')
        end++;
    if (*end == '\0' || strcmp(end, "pt") == 0)
        ;
    else if (strcmp(end, "mm") == 0)
        x = MM(x);
    else if (strcmp(end, "cm") == 0)
        x = MM(x * 10.0);
    else if (strcmp(end, "in") == 0)
        x *= 72.0;
    else
        return false;
    *out = x;
    return x <= 72.0 * 100; /* nothing in a style is a hundred inches long */
}

static bool parse_color(const char *v, frgb *out)
{
    size_t n = strlen(v);
    if ((n != 7 && n != 4) || v[0] != '#' || strspn(v + 1, "0123456789abcdefABCDEF") != n - 1)
        return false;
    unsigned x = (unsigned)strtoul(v + 1, NULL, 16);
    if (n == 4) /* #rgb → #rrggbb */
        x = ((x >> 8) & 0xF) * 0x110000 + ((x >> 4) & 0xF) * 0x1100 + (x & 0xF) * 0x11;
    *out = hex_rgb(x);
    return true;
}

static void set_field(loader *l, const field *f, const ynode *n, const char *path)
{
    char *dst = (char *)l->s + f->offset;
    if (f->type == F_TEXT && ynode_is_null(n)) {
        *(const char **)dst = NULL;
        return;
    }
    if (n->kind != Y_SCALAR || (ynode_is_null(n) && f->type != F_TEXT)) {
        bad_value(l, n, path,
                  f->type == F_COLOR ? "a colour (write it in quotes: \"#rrggbb\")" : "a value");
        return;
    }
    const char *v = n->text;
    double x;
    switch (f->type) {
    case F_PAPER:
        if (!style_set_paper(l->s, v))
            bad_value(l, n, path, "a paper size (a4 or letter)");
        break;
    case F_MARGINS:
        if (!parse_length(v, &x)) {
            bad_value(l, n, path, "a length (like 20mm) or a mapping of top/bottom/left/right");
            break;
        }
        l->s->margin_top = l->s->margin_bottom = l->s->margin_left = l->s->margin_right = x;
        break;
    case F_LENGTH:
        if (parse_length(v, &x))
            *(double *)dst = x;
        else
            bad_value(l, n, path, "a length (a number of points, or with mm, cm, in, pt)");
        break;
    case F_SIZE:
        if (parse_length(v, &x) && x >= 1.0 && x <= 200.0)
            *(double *)dst = x;
        else
            bad_value(l, n, path, "a font size in points (1 to 200)");
        break;
    case F_RATIO: {
        char *end;
        x = strtod(v, &end);
        if (end != v && !*end && x >= 0.5 && x <= 5.0)
            *(double *)dst = x;
        else
            bad_value(l, n, path, "a line height (a multiple of the font size, 0.5 to 5)");
        break;
    }
    case F_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
            *(bool *)dst = true;
        else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
            *(bool *)dst = false;
        else
            bad_value(l, n, path, "true or false");
        break;
    case F_COLOR:
        if (!parse_color(v, (frgb *)dst))
            bad_value(l, n, path, "a colour (\"#rrggbb\")");
        break;
    case F_FONT:
    case F_TEXT:
        if (f->type == F_FONT && !*v) {
            bad_value(l, n, path, "a font family name");
            break;
        }
        *(const char **)dst = arena_strdup(l->s->arena, v);
        break;
    case F_PIXELS: {
        char *end;
        errno = 0;
        long px = strtol(v, &end, 10);
        if (end != v && !*end && !errno && px >= 16 && px <= 20000)
            *(int *)dst = (int)px;
        else
            bad_value(l, n, path, "a whole number of pixels (16 to 20000)");
        break;
    }
    case F_LINKS:
        if (strcmp(v, "footnotes") == 0)
            l->s->links = FLINKS_FOOTNOTES;
        else if (strcmp(v, "inline") == 0)
            l->s->links = FLINKS_INLINE;
        else if (strcmp(v, "none") == 0)
            l->s->links = FLINKS_NONE;
        else if (strcmp(v, "qr") == 0)
            l->s->links = FLINKS_QR;
        else
            bad_value(l, n, path, "footnotes, inline, none or qr");
        break;
    }
}

/* Walks a mapping whose keys are below prefix ("" at the top). Depth is
 * bounded by the dotted paths, so aliases cannot make it loop. */
static void load_mapping(loader *l, const ynode *map, const char *prefix)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const ynode *k = map->kids[i], *v = map->kids[i + 1];
        if (k->kind != Y_SCALAR) {
            fdiag_warn(l->d, l->file, k->line, k->col, "style: ignoring a non-text key");
            continue;
        }
        char path[128];
        int n = snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k->text);
        if (n < 0 || (size_t)n >= sizeof path) {
            fdiag_warn(l->d, l->file, k->line, k->col, "style: unknown key \"%s\"", k->text);
            continue;
        }
        for (char *c = path + strlen(prefix); *c; c++)
            if (*c == '-')
                *c = '_'; /* line-height and line_height are the same key */
        const field *f = find_field(path);
        bool section = is_section(path);
        if (section && ynode_is_null(v))
            continue; /* "colors:" with every line below commented out */
        if (section && v->kind == Y_MAP)
            load_mapping(l, v, path);
        else if (f)
            set_field(l, f, v, path);
        else if (section)
            bad_value(l, v, path, "a mapping of settings");
        else
            fdiag_warn(l->d, l->file, k->line, k->col, "style: unknown key \"%s\"", path);
    }
}

static void check_page(loader *l)
{
    const folio_style *s = l->s;
    if (s->page_width - s->margin_left - s->margin_right < 72.0 ||
        s->page_height - s->margin_top - s->margin_bottom < 72.0) {
        fdiag_error(l->d, l->file, 0, 0,
                    "style: the margins leave less than an inch of text on the page");
        l->errors++;
    }
}

/* Applies the YAML in data over the style; returns the number of errors. */
static int load_yaml(folio_style *s, const char *data, size_t len, const char *path, fdiag *d)
{
    ytree *t = ytree_parse(data, len, path, 1, "style", d);
    if (!t)
        return 1;
    loader l = {s, path, d, 0};
    const ynode *root = ytree_root(t);
    if (root && root->kind == Y_MAP) {
        load_mapping(&l, root, "");
        check_page(&l);
    } else if (root && !ynode_is_null(root)) {
        fdiag_error(d, path, root->line, root->col, "style: expected \"key: value\" lines");
        l.errors++;
    }
    ytree_free(t);
    return l.errors;
}

folio_status folio_style_load(const char *path, const folio_options *o, folio_style **out)
{
    fdiag d;
    fdiag_init(&d, o ? o->diag : NULL, o ? o->diag_user : NULL);
    *out = NULL;
    arena *a = arena_new();
    folio_style *s = a ? arena_alloc(a, sizeof *s) : NULL;
    if (!s) {
        arena_drop(a);
        fdiag_error(&d, path, 0, 0, "style: out of memory");
        return FOLIO_EOUTPUT;
    }
    s->arena = a;
    style_set_defaults(s);
    if (path) {
        size_t len;
        char *data = path_read_file(path, MAX_STYLE_BYTES, &len);
        if (!data && errno == EFBIG)
            fdiag_error(&d, path, 0, 0, "style file is too big");
        else if (!data)
            fdiag_error(&d, path, 0, 0, "cannot read style: %s", strerror(errno));
        int errors = data ? load_yaml(s, data, len, path, &d) : 1;
        free(data);
        if (errors) {
            arena_drop(a);
            return FOLIO_EINPUT;
        }
        s->path = arena_strdup(a, path); /* attached to a PDF/A-3 with the sources */
    }
    *out = s;
    return FOLIO_OK;
}

void folio_style_drop(folio_style *style)
{
    if (style)
        arena_drop(style->arena);
}
