#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

locale_t pdf_c_numeric_begin(void)
{
    locale_t current = duplocale(uselocale((locale_t)0));
    locale_t c = current ? newlocale(LC_NUMERIC_MASK, "C", current) : (locale_t)0;
    if (!c) {
        if (current)
            freelocale(current);
        return (locale_t)0;
    }
    return uselocale(c);
}

void pdf_c_numeric_end(locale_t saved)
{
    if (!saved)
        return; /* begin failed: nothing was switched */
    locale_t c = uselocale(saved);
    if (c && c != LC_GLOBAL_LOCALE)
        freelocale(c);
}

/* Destination names are written raw into PDF strings by cairo: anything
 * but letters, digits, '.', '-' and ':' becomes "_XX" (hex), which keeps
 * distinct names distinct. */
static void append_dest_name(GString *s, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (g_ascii_isalnum(*p) || *p == '.' || *p == '-' || *p == ':')
            g_string_append_c(s, (char)*p);
        else
            g_string_append_printf(s, "_%02X", *p);
    }
}

/* Numbers in tag attributes: '.' as the decimal point whatever the locale. */
static void append_number(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.3f", v));
}

/* " rect=[x y w h …]" in device space (see meta.h). */
static void append_rects(GString *s, cairo_t *cr, const pdf_rect *rects, size_t n)
{
    g_string_append(s, " rect=[");
    for (size_t i = 0; i < n; i++) {
        double x0 = rects[i].x, y0 = rects[i].y;
        double x1 = rects[i].x + rects[i].w, y1 = rects[i].y + rects[i].h;
        cairo_user_to_device(cr, &x0, &y0);
        cairo_user_to_device(cr, &x1, &y1);
        double v[4] = {x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, x0 < x1 ? x1 - x0 : x0 - x1,
                       y0 < y1 ? y1 - y0 : y0 - y1};
        for (int k = 0; k < 4; k++) {
            if (i || k)
                g_string_append_c(s, ' ');
            append_number(s, v[k]);
        }
    }
    g_string_append_c(s, ']');
}

int pdf_meta_outline(cairo_surface_t *pdf, int parent, const char *title, const char *dest,
                     bool open)
{
    GString *attrs = g_string_new("dest='");
    append_dest_name(attrs, dest);
    g_string_append_c(attrs, '\'');
    int id = cairo_pdf_surface_add_outline(pdf, parent, title, attrs->str,
                                           open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    g_string_free(attrs, TRUE);
    return id;
}

void pdf_dest(cairo_t *cr, const char *name, double x, double y)
{
    GString *attrs = g_string_new("name='");
    append_dest_name(attrs, name);
    g_string_append(attrs, "' x=");
    cairo_user_to_device(cr, &x, &y);
    append_number(attrs, x);
    g_string_append(attrs, " y=");
    append_number(attrs, y);
    cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs->str);
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    g_string_free(attrs, TRUE);
}

static void emit_link(cairo_t *cr, GString *attrs, const pdf_rect *rects, size_t n)
{
    if (n > 0) {
        append_rects(attrs, cr, rects, n);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs->str);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
    }
    g_string_free(attrs, TRUE);
}

void pdf_link_dest(cairo_t *cr, const char *dest, const pdf_rect *rects, size_t n)
{
    GString *attrs = g_string_new("dest='");
    append_dest_name(attrs, dest);
    g_string_append_c(attrs, '\'');
    emit_link(cr, attrs, rects, n);
}

char *pdf_uri_escape(const char *uri)
{
    GString *s = g_string_new(NULL);
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F || strchr("()\\'\"", *p))
            g_string_append_printf(s, "%%%02X", *p);
        else
            g_string_append_c(s, (char)*p);
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

void pdf_link_uri(cairo_t *cr, const char *uri, const pdf_rect *rects, size_t n)
{
    char *escaped = pdf_uri_escape(uri);
    GString *attrs = g_string_new("uri='");
    g_string_append(attrs, escaped);
    g_string_append_c(attrs, '\'');
    free(escaped);
    emit_link(cr, attrs, rects, n);
}

void pdf_struct_begin(cairo_t *cr, const char *tag)
{
    cairo_tag_begin(cr, tag, NULL);
}

void pdf_struct_end(cairo_t *cr, const char *tag)
{
    cairo_tag_end(cr, tag);
}
