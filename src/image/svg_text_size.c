/* How large an SVG's text can be drawn: librsvg aborts the process on
 * absurd font sizes (an assertion in its text layout for 1e30) and cairo's
 * PDF surface crashes writing a glyph past FreeType's 65 535 pixels, so an
 * SVG whose text could come out that large is refused before either sees
 * it. The bound is an upper one, from the tree (libxml2): font sizes from
 * attributes, style attributes and <style> sheets (the largest of a sheet
 * counts for every text), times the scale of every transform and nested
 * viewBox on the way down, times the scale <use> elements can add through
 * their chains. librsvg also asks pango for a font of the font size times
 * the square of that scale, and FreeType fails past 65,535 (the PDF
 * surface then crashes writing the fonts): that product is bounded too. */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"
#include "image/xml_lib.h"
#include "util/buf.h"

enum { MAX_USE_CHAIN = 16 };

/* A number at *s (CSS/SVG syntax, strtod is wider), s moved past it. */
static bool number(const char **s, double *v)
{
    while (**s == ' ' || **s == ',' || **s == '\t' || **s == '\n' || **s == '\r')
        (*s)++;
    char *end;
    *v = strtod(*s, &end);
    if (end == *s)
        return false;
    *s = end;
    return isfinite(*v) || (*v = 1e308, true);
}

/* An upper bound on how much a transform list stretches anything:
 * the product of each function's largest stretch. */
static double transform_scale(const char *t)
{
    double scale = 1;
    while (t && *t) {
        const char *open = strchr(t, '(');
        const char *close = open ? strchr(open, ')') : NULL;
        if (!open || !close)
            break;
        double v[6] = {0};
        int n = 0;
        for (const char *p = open + 1; p < close && n < 6 && number(&p, &v[n]); n++)
            ;
        double f = 1;
        while (*t == ' ' || *t == ',' || *t == '\t' || *t == '\n' || *t == '\r')
            t++;
        if (g_ascii_strncasecmp(t, "matrix", 6) == 0 && n >= 4)
            f = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
        else if (g_ascii_strncasecmp(t, "scale", 5) == 0 && n >= 1)
            f = fmax(fabs(v[0]), n >= 2 ? fabs(v[1]) : fabs(v[0]));
        else if (g_ascii_strncasecmp(t, "skew", 4) == 0 && n >= 1)
            f = 1 + fabs(tan(v[0] * M_PI / 180));
        scale *= isfinite(f) ? fmax(f, 1) : 1e308;
        t = close + 1;
    }
    return scale;
}

/* A CSS font size in px, relative sizes against parent; 0 when unreadable. */
static double font_px(const char *v, double parent)
{
    static const struct {
        const char *name;
        double px;
    } keywords[] = {{"xx-small", 9}, {"x-small", 10}, {"small", 13}, {"medium", 16},
                    {"large", 18}, {"x-large", 24}, {"xx-large", 32}, {"xxx-large", 48},
                    {"larger", 0}, {"smaller", 0}};
    while (*v == ' ')
        v++;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (g_ascii_strncasecmp(v, keywords[i].name, strlen(keywords[i].name)) == 0)
            return keywords[i].px ? keywords[i].px : parent * 1.2;
    const char *p = v;
    double x;
    if (!number(&p, &x))
        return 0;
    x = fabs(x);
    if (*p == '%')
        return x * parent / 100;
    if (g_ascii_strncasecmp(p, "em", 2) == 0 || g_ascii_strncasecmp(p, "ex", 2) == 0 ||
        g_ascii_strncasecmp(p, "ch", 2) == 0)
        return x * parent;
    if (g_ascii_strncasecmp(p, "rem", 3) == 0)
        return x * 16;
    if (g_ascii_strncasecmp(p, "pt", 2) == 0)
        return x * 4 / 3;
    if (g_ascii_strncasecmp(p, "pc", 2) == 0)
        return x * 16;
    if (g_ascii_strncasecmp(p, "in", 2) == 0)
        return x * 96;
    if (g_ascii_strncasecmp(p, "cm", 2) == 0)
        return x * 96 / 2.54;
    if (g_ascii_strncasecmp(p, "mm", 2) == 0)
        return x * 96 / 25.4;
    return x; /* px, or a bare number */
}

/* Every value of property name in CSS text (a style attribute or a whole
 * sheet, escapes decoded), each malloc'ed, in a NULL-ended array. */
static char **css_values(const char *css, const char *name)
{
    buf d = {0};
    fimg_css_decode(css, &d);
    GPtrArray *out = g_ptr_array_new();
    size_t n = strlen(name);
    const char *s = buf_cstr(&d);
    for (const char *p = strstr(s, name); p; p = strstr(p + 1, name)) {
        bool starts = p == s || strchr(" \t\n\r;{", p[-1]);
        const char *k = p + n;
        while (*k == ' ' || *k == '\t' || *k == '\n' || *k == '\r')
            k++;
        if (starts && *k == ':')
            g_ptr_array_add(out, strndup(k + 1, strcspn(k + 1, ";}")));
    }
    g_ptr_array_add(out, NULL);
    buf_free(&d);
    return (char **)g_ptr_array_free(out, FALSE);
}

static void free_values(char **v)
{
    for (char **p = v; *p; p++)
        free(*p);
    g_free(v);
}

/* The largest font size CSS text sets, by font-size or by the font
 * shorthand (its size is a token starting with a digit: "bold 12px serif",
 * "12px/1.5 sans"); 0 when none. */
static double declared_font(const char *css, double parent)
{
    double px = 0;
    char **v = css_values(css, "font-size");
    for (char **p = v; *p; p++)
        px = fmax(px, font_px(*p, parent));
    free_values(v);
    v = css_values(css, "font");
    for (char **p = v; *p; p++)
        for (char *tok = strtok(*p, " \t/"); tok; tok = strtok(NULL, " \t/"))
            if ((*tok >= '0' && *tok <= '9') || *tok == '.')
                px = fmax(px, font_px(tok, parent));
    free_values(v);
    return px;
}

/* The largest stretch the transform properties of CSS text add. */
static double declared_transform(const char *css)
{
    double s = 1;
    char **v = css_values(css, "transform");
    for (char **p = v; *p; p++)
        s = fmax(s, transform_scale(*p));
    free_values(v);
    return s;
}

typedef struct walk {
    double sheet_font;    /* the largest font size any <style> sheet sets */
    double largest;       /* the largest glyph found so far, in the root's units */
    double largest_sq;    /* the largest font size times its scale squared */
    double use_scale;     /* the largest stretch a <use> adds */
    GHashTable *ids;      /* id → element */
    GHashTable *depths;   /* element → its <use> chain depth + 1 (memo) */
} walk;

static char *attr(const xmlNode *e, const char *name)
{
    return (char *)xml_lib.GetProp((xmlNode *)e, (const xmlChar *)name);
}

/* The largest stretch an element's own transform or viewBox adds. */
static double own_scale(const xmlNode *e, const char *style)
{
    double s = 1;
    char *t = attr(e, "transform");
    if (t)
        s *= transform_scale(t);
    xml_free(t);
    if (style)
        s *= declared_transform(style);
    char *vb = attr(e, "viewBox");
    if (vb && e->parent && e->parent->type == XML_ELEMENT_NODE) { /* nested <svg>, <symbol> */
        const char *p = vb;
        double v[4];
        int n = 0;
        while (n < 4 && number(&p, &v[n]))
            n++;
        char *w = attr(e, "width"), *h = attr(e, "height");
        double vw = w ? font_px(w, 100) : 100, vh = h ? font_px(h, 100) : 100;
        if (n == 4 && v[2] > 0 && v[3] > 0)
            s *= fmax(1, fmax(vw / v[2], vh / v[3]));
        xml_free(w);
        xml_free(h);
    }
    xml_free(vb);
    return s;
}

static void visit(walk *w, const xmlNode *parent, double scale, double font)
{
    for (const xmlNode *e = parent->children; e; e = e->next) {
        if (e->type == XML_TEXT_NODE || e->type == XML_CDATA_SECTION_NODE) {
            bool blank = true;
            for (const xmlChar *c = e->content; c && *c && blank; c++)
                blank = *c == ' ' || *c == '\n' || *c == '\t' || *c == '\r';
            if (!blank) {
                double f = fmax(font, w->sheet_font);
                w->largest = fmax(w->largest, f * scale);
                w->largest_sq = fmax(w->largest_sq, f * scale * scale);
            }
            continue;
        }
        if (e->type != XML_ELEMENT_NODE)
            continue;
        char *style = attr(e, "style");
        double f = font;
        char *fs = attr(e, "font-size");
        if (fs)
            f = fmax(f, font_px(fs, font));
        xml_free(fs);
        if (style)
            f = fmax(f, declared_font(style, font));
        double s = scale * own_scale(e, style);
        xml_free(style);
        visit(w, e, isfinite(s) ? s : 1e308, f);
    }
}

static void gather(walk *w, const xmlNode *parent)
{
    for (const xmlNode *e = parent->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        char *id = attr(e, "id");
        if (id)
            g_hash_table_insert(w->ids, g_strdup(id), (gpointer)e);
        xml_free(id);
        if (strcmp((const char *)e->name, "style") == 0) {
            xmlChar *sheet = xml_lib.NodeGetContent(e);
            if (sheet)
                w->sheet_font = fmax(w->sheet_font, declared_font((const char *)sheet, 16));
            xml_free(sheet);
        }
        gather(w, e);
    }
}

static const xmlNode *use_target(const walk *w, const xmlNode *use)
{
    char *href = attr(use, "href");
    if (!href)
        href = (char *)xml_lib.GetNsProp((xmlNode *)use, (const xmlChar *)"href",
                                    (const xmlChar *)"http://www.w3.org/1999/xlink");
    const xmlNode *t = href && href[0] == '#' ? g_hash_table_lookup(w->ids, href + 1) : NULL;
    xml_free(href);
    return t;
}

/* The longest chain of <use> elements below e, through their targets;
 * cycles and long chains stop at MAX_USE_CHAIN. Also gathers the largest
 * stretch of a <use>. */
static int use_depth(walk *w, const xmlNode *e, int level)
{
    if (level >= MAX_USE_CHAIN)
        return MAX_USE_CHAIN;
    gpointer memo = g_hash_table_lookup(w->depths, e);
    if (memo)
        return GPOINTER_TO_INT(memo) - 1;
    g_hash_table_insert(w->depths, (gpointer)e, GINT_TO_POINTER(MAX_USE_CHAIN + 1)); /* in progress */
    int depth = 0;
    if (strcmp((const char *)e->name, "use") == 0) {
        char *style = attr(e, "style");
        w->use_scale = fmax(w->use_scale, own_scale(e, style));
        xml_free(style);
        const xmlNode *t = use_target(w, e);
        depth = 1 + (t ? use_depth(w, t, level + 1) : 0);
    }
    for (const xmlNode *c = e->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            depth = MAX(depth, use_depth(w, c, level + 1));
    depth = MIN(depth, MAX_USE_CHAIN);
    g_hash_table_insert(w->depths, (gpointer)e, GINT_TO_POINTER(depth + 1));
    return depth;
}

void fimg_svg_text_bounds(const unsigned char *d, size_t len, double *glyph, double *squared)
{
    *glyph = *squared = INFINITY;
    if (len > INT32_MAX || !fimg_xml_open()) /* unknown: refused as too large */
        return;
    xmlDoc *doc = xml_lib.ReadMemory((const char *)d, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc ? xml_lib.DocGetRootElement(doc) : NULL;
    if (!root) {
        xml_lib.FreeDoc(doc);
        *glyph = *squared = 0; /* not XML: librsvg refuses it as well */
        return;
    }
    walk w = {.use_scale = 1,
              .ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
              .depths = g_hash_table_new(g_direct_hash, g_direct_equal)};
    gather(&w, (xmlNode *)doc);
    int chain = use_depth(&w, root, 0);
    /* The root's own font size and transform; its viewBox is the page's. */
    char *style = attr(root, "style");
    char *fs = attr(root, "font-size");
    double font = fmax(16, fmax(fs ? font_px(fs, 16) : 0, style ? declared_font(style, 16) : 0));
    char *t = attr(root, "transform");
    double scale = t ? transform_scale(t) : 1;
    xml_free(t);
    xml_free(fs);
    xml_free(style);
    visit(&w, root, scale, font);
    double largest = w.largest * pow(w.use_scale, chain);
    double largest_sq = w.largest_sq * pow(w.use_scale, 2.0 * chain);
    g_hash_table_destroy(w.ids);
    g_hash_table_destroy(w.depths);
    xml_lib.FreeDoc(doc);
    *glyph = isfinite(largest) ? largest : INFINITY;
    *squared = isfinite(largest_sq) ? largest_sq : INFINITY;
}
