/* The package document (EPUB 3.2): metadata, manifest, spine. */
#include <time.h>

#include "book.h"
#include "xml.h"
#include "util/lang.h"

static void dc(buf *o, const char *name, const char *value)
{
    buf_printf(o, "    <dc:%s>", name);
    xml_text(o, value);
    buf_printf(o, "</dc:%s>\n", name);
}

static void meta(buf *o, const char *property, const char *value)
{
    buf_printf(o, "    <meta property=\"%s\">", property);
    xml_text(o, value);
    buf_puts(o, "</meta>\n");
}

static void metadata(const epub_book *b, buf *o)
{
    buf_puts(o, "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    buf_printf(o, "    <dc:identifier id=\"book-id\">urn:uuid:%s</dc:identifier>\n", b->uuid);
    dc(o, "title", b->title);
    dc(o, "language", b->lang);
    for (size_t i = 0; i < b->creators.n; i++)
        dc(o, "creator", b->creators.items[i]);
    for (size_t i = 0; i < b->subjects.n; i++)
        dc(o, "subject", b->subjects.items[i]);
    /* One issue's summary describes the book (already reduced to text). */
    const char *summary = b->n == 1 ? b->chapters[0].doc->meta.summary : NULL;
    if (summary && *summary)
        dc(o, "description", summary);
    if (b->date)
        dc(o, "date", b->date);
    if (b->publisher)
        dc(o, "publisher", b->publisher);
    time_t t = (time_t)b->modified;
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    meta(o, "dcterms:modified", stamp);
    /* Accessibility (EPUB Accessibility 1.0, schema.org vocabulary). */
    meta(o, "schema:accessMode", "textual");
    if (b->has_images)
        meta(o, "schema:accessMode", "visual");
    meta(o, "schema:accessModeSufficient",
         b->has_images && b->images_without_alt ? "textual,visual" : "textual");
    meta(o, "schema:accessibilityFeature", "structuralNavigation");
    meta(o, "schema:accessibilityFeature", "tableOfContents");
    meta(o, "schema:accessibilityFeature", "readingOrder");
    if (b->has_images && !b->images_without_alt)
        meta(o, "schema:accessibilityFeature", "alternativeText");
    bool math = false;
    for (size_t i = 0; i < b->n; i++)
        math |= b->chapters[i].has_math;
    if (math)
        meta(o, "schema:accessibilityFeature", "MathML");
    meta(o, "schema:accessibilityHazard", "none");
    meta(o, "schema:accessibilitySummary", book_word(b->lang, W_A11Y_SUMMARY));
    if (b->cover.data)
        buf_puts(o, "    <meta name=\"cover\" content=\"cover-image\"/>\n");
    buf_puts(o, "  </metadata>\n");
}

static void item(buf *o, const char *id, const char *href, const char *type,
                 const char *properties)
{
    buf_puts(o, "    <item");
    xml_attr(o, "id", id);
    xml_attr(o, "href", href);
    xml_attr(o, "media-type", type);
    if (properties)
        xml_attr(o, "properties", properties);
    buf_puts(o, "/>\n");
}

void epub_opf(const epub_book *b, buf *o)
{
    xml_declaration(o);
    buf_puts(o, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                "unique-identifier=\"book-id\"");
    xml_attr(o, "xml:lang", b->lang);
    buf_puts(o, ">\n");
    metadata(b, o);
    buf_puts(o, "  <manifest>\n");
    item(o, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
    item(o, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
    item(o, "css", "css/style.css", "text/css", NULL);
    if (b->cover.data) {
        item(o, "cover-image", b->cover.href, b->cover.media_type, "cover-image");
        item(o, "cover", "cover.xhtml", "application/xhtml+xml", NULL);
    }
    for (size_t i = 0; i < b->n; i++)
        item(o, b->chapters[i].id, b->chapters[i].file, "application/xhtml+xml",
             b->chapters[i].has_math ? "mathml" : NULL);
    for (size_t i = 0; i < b->media.n; i++)
        item(o, b->media.v[i].id, b->media.v[i].href, b->media.v[i].media_type, NULL);
    for (size_t i = 0; i < b->fonts.n; i++)
        item(o, b->fonts.v[i].id, b->fonts.v[i].href, b->fonts.v[i].media_type, NULL);
    buf_puts(o, "  </manifest>\n  <spine toc=\"ncx\"");
    if (lang_is_rtl(b->lang))
        buf_puts(o, " page-progression-direction=\"rtl\"");
    buf_puts(o, ">\n");
    if (b->cover.data)
        buf_puts(o, "    <itemref idref=\"cover\"/>\n");
    buf_puts(o, "    <itemref idref=\"nav\"/>\n");
    for (size_t i = 0; i < b->n; i++)
        buf_printf(o, "    <itemref idref=\"%s\"/>\n", b->chapters[i].id);
    buf_puts(o, "  </spine>\n</package>\n");
}
