/* SVG for an EPUB, through a real XML parser (libxml2): what a reading
 * system could run or fetch is taken out, the drawing stays vector.
 * Removed: scripts, event attributes (on…), foreign objects, animation
 * elements (they can retarget a link), processing instructions, elements
 * and attributes outside the SVG, XLink and XML namespaces (XInclude,
 * editor metadata), xml:base, and every href that is not "#…" or a raster
 * data: URL. Links become groups: an image shown by <img> follows none. A DOCTYPE is cut (EPUB 3 forbids an external DTD). Left to
 * rasterising: CSS that reaches outside (url() to another file, @import,
 * also when hidden behind CSS escapes such as "\75 rl("), entity
 * declarations or references, and an SVG without the SVG namespace. */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image/codec.h"
#include "image/xml_lib.h"
#include "util/buf.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

static bool is_css_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void fimg_css_decode(const char *s, buf *out)
{
    while (*s) {
        if (s[0] == '/' && s[1] == '*') {
            const char *end = strstr(s + 2, "*/");
            s = end ? end + 2 : s + strlen(s);
            continue;
        }
        if (s[0] == '\\' && s[1]) {
            s++;
            unsigned cp = 0;
            int digits = 0;
            for (int h; digits < 6 && (h = hex_value(*s)) >= 0; digits++, s++)
                cp = cp * 16 + (unsigned)h;
            if (digits) {
                if (is_css_space(*s))
                    s++;
                buf_put_utf8(out, cp && cp <= 0x10FFFF ? cp : 0xFFFD);
                continue;
            }
        }
        char c = *s++;
        buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    }
}

/* A data: URL of a raster image: drawn by librsvg, fetched by nobody. */
static bool raster_data_url(const char *v, size_t n)
{
    static const char *const ok[] = {"data:image/png", "data:image/jpeg", "data:image/jpg",
                                     "data:image/gif", "data:image/webp"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        size_t k = strlen(ok[i]);
        if (n >= k && g_ascii_strncasecmp(v, ok[i], k) == 0)
            return true;
    }
    return false;
}

/* Whether CSS text (a <style> sheet, a style attribute or a presentation
 * attribute) loads anything from outside the document. */
static bool css_reaches_out(const char *css)
{
    buf d = {0};
    fimg_css_decode(css, &d);
    const char *s = buf_cstr(&d);
    bool out = strstr(s, "@import") || strstr(s, "expression(") || strstr(s, "-moz-binding") ||
               strstr(s, "behavior:");
    static const char *const funcs[] = {"url(", "src(", "image(", "image-set(", "cross-fade("};
    for (size_t f = 0; f < sizeof funcs / sizeof funcs[0] && !out; f++) {
        for (const char *u = strstr(s, funcs[f]); u && !out; u = strstr(u + 1, funcs[f])) {
            const char *v = u + strlen(funcs[f]);
            while (is_css_space(*v) || *v == '"' || *v == '\'')
                v++;
            out = *v != '#' && !raster_data_url(v, strlen(v));
        }
    }
    buf_free(&d);
    return out;
}

/* An href that stays inside the document or carries its own pixels. */
static bool href_inside(const char *v)
{
    while (is_css_space(*v))
        v++;
    return *v == '#' || raster_data_url(v, strlen(v));
}

static bool has_ns(const xmlNode *n, const char *ns)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static bool dropped_element(const xmlNode *e)
{
    static const char *const names[] = {
        "script", "foreignObject", "handler", "listener", "set", "animate", "animateMotion",
        "animateTransform", "animateColor", "discard", "iframe", "video", "audio", "canvas",
        "embed", "object"};
    if (!has_ns(e, SVG_NS))
        return true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (g_ascii_strcasecmp((const char *)e->name, names[i]) == 0)
            return true;
    return false;
}

/* <a> becomes <g> without what only a link has. */
static void unlink_anchor(xmlNode *e)
{
    static const char *const link_only[] = {"href", "target", "download", "ping", "rel",
                                             "hreflang", "type", "referrerpolicy"};
    xml_lib.NodeSetName(e, (const xmlChar *)"g");
    for (xmlAttr *a = e->properties, *next; a; a = next) {
        next = a->next;
        bool drop = a->ns && a->ns->href && strcmp((const char *)a->ns->href, XLINK_NS) == 0;
        for (size_t i = 0; i < sizeof link_only / sizeof link_only[0] && !drop; i++)
            drop = !a->ns && strcmp((const char *)a->name, link_only[i]) == 0;
        if (drop)
            xml_lib.RemoveProp(a);
    }
}

typedef struct cleaner {
    bool rasterise; /* something only a drawing can make safe */
} cleaner;

static void clean_attributes(cleaner *c, xmlNode *e)
{
    for (xmlAttr *a = e->properties, *next; a; a = next) {
        next = a->next;
        const char *name = (const char *)a->name;
        bool xml_ns = a->ns && a->ns->href && strcmp((const char *)a->ns->href,
                                                     (const char *)XML_XML_NAMESPACE) == 0;
        bool xlink_ns = a->ns && a->ns->href && strcmp((const char *)a->ns->href, XLINK_NS) == 0;
        xmlChar *value = xml_lib.NodeGetContent((xmlNode *)a);
        const char *v = value ? (const char *)value : "";
        bool drop = (a->ns && !xml_ns && !xlink_ns) ||
                    g_ascii_strncasecmp(name, "on", 2) == 0 ||
                    (xml_ns && strcmp(name, "base") == 0) ||
                    (strcmp(name, "href") == 0 && !href_inside(v));
        if (!drop && css_reaches_out(v))
            c->rasterise = true;
        xml_free(value);
        if (drop)
            xml_lib.RemoveProp(a);
    }
}

static void clean_children(cleaner *c, xmlNode *parent)
{
    for (xmlNode *n = parent->children, *next; n; n = next) {
        next = n->next;
        bool drop = false;
        switch (n->type) {
        case XML_ELEMENT_NODE:
            drop = dropped_element(n);
            if (!drop && strcmp((const char *)n->name, "a") == 0)
                unlink_anchor(n);
            if (!drop && strcmp((const char *)n->name, "style") == 0) {
                /* the sheet a reader sees: its text and CDATA joined, as a
                 * comment or a CDATA section can split "@import" or "url(" */
                xmlChar *css = xml_lib.NodeGetContent(n);
                if (css && css_reaches_out((const char *)css))
                    c->rasterise = true;
                xml_free(css);
            }
            if (!drop) {
                clean_attributes(c, n);
                clean_children(c, n);
            }
            break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
        case XML_COMMENT_NODE:
            break;
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
            c->rasterise = true;
            break;
        default: /* processing instructions, XInclude markers… */
            drop = true;
            break;
        }
        if (drop) {
            xml_lib.UnlinkNode(n);
            xml_lib.FreeNode(n);
        }
    }
}

fimg_svg_cleaned fimg_svg_clean(const unsigned char *d, size_t len, unsigned char **out,
                                size_t *out_len)
{
    *out = NULL;
    if (len > INT32_MAX)
        return FIMG_SVG_BROKEN;
    if (!fimg_xml_open()) /* drawn then, as an SVG no parser could check */
        return FIMG_SVG_RASTERISE;
    /* No network, no DTD loaded, entities left as references (never
     * expanded), no messages on stderr. */
    xmlDoc *doc = xml_lib.ReadMemory((const char *)d, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return FIMG_SVG_BROKEN;
    xmlNode *root = xml_lib.DocGetRootElement(doc);
    cleaner c = {false};
    if (!root || strcmp((const char *)root->name, "svg") != 0 || !has_ns(root, SVG_NS))
        c.rasterise = true;
    xmlDtd *dtd = xml_lib.GetIntSubset(doc);
    if (dtd && (dtd->entities || dtd->pentities))
        c.rasterise = true;
    if (!c.rasterise) {
        if (dtd) {
            xml_lib.UnlinkNode((xmlNode *)dtd);
            xml_lib.FreeDtd(dtd);
        }
        /* Processing instructions and comments around the root. */
        for (xmlNode *n = doc->children, *next; n; n = next) {
            next = n->next;
            if (n->type == XML_PI_NODE) {
                xml_lib.UnlinkNode(n);
                xml_lib.FreeNode(n);
            }
        }
        clean_attributes(&c, root);
        clean_children(&c, root);
    }
    fimg_svg_cleaned result = FIMG_SVG_RASTERISE;
    if (!c.rasterise) {
        xmlChar *mem = NULL;
        int size = 0;
        xml_lib.DocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
        if (mem && size > 0 && (*out = malloc((size_t)size))) {
            memcpy(*out, mem, (size_t)size);
            *out_len = (size_t)size;
            result = FIMG_SVG_CLEAN;
        }
        xml_free(mem);
    }
    xml_lib.FreeDoc(doc);
    return result;
}
