/* The XMP packet (ISO 16684-1) of a finished PDF, in the fixed layout
 * PDF/A validators read: one rdf:Description with the dc, xmp, pdf and
 * pdfaid properties, each mirroring an Info entry (docinfo.h). */
#include <stdlib.h>
#include <time.h>

#include "docinfo.h"
#include "util/buf.h"

static void utc(int64_t t, struct tm *tm)
{
    time_t tt = (time_t)t;
    if (!gmtime_r(&tt, tm)) {
        tt = 0;
        gmtime_r(&tt, tm);
    }
}

void pdf_date_info(int64_t t, char out[32])
{
    struct tm tm;
    utc(t, &tm);
    strftime(out, 32, "D:%Y%m%d%H%M%S+00'00'", &tm);
}

void pdf_date_xmp(int64_t t, char out[32])
{
    struct tm tm;
    utc(t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/* XML character data: markup escaped, control characters (not allowed in
 * XML 1.0, and meaningless in a title) dropped. */
static void put_text(buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n')
                buf_putc(b, (char)*p);
        }
    }
}

static void put_simple(buf *b, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    buf_printf(b, "   <%s>", name);
    put_text(b, value);
    buf_printf(b, "</%s>\n", name);
}

/* rdf:Alt (language alternatives) with the one x-default entry. */
static void put_alt(buf *b, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
    put_text(b, value);
    buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", name);
}

/* An ordered (Seq) or unordered (Bag) array of one item. */
static void put_array(buf *b, const char *name, const char *kind, const char *value)
{
    if (!value || !*value)
        return;
    buf_printf(b, "   <%s><rdf:%s><rdf:li>", name, kind);
    put_text(b, value);
    buf_printf(b, "</rdf:li></rdf:%s></%s>\n", kind, name);
}

char *pdf_xmp_packet(const pdf_docinfo *info, size_t *len)
{
    buf b = {0};
    char created[32], modified[32];
    pdf_date_xmp(info->created, created);
    pdf_date_xmp(info->modified, modified);
    buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                 " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                 "  <rdf:Description rdf:about=\"\"\n"
                 "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                 "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                 "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                 "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n");
    if (info->pdfa_part) {
        buf_printf(&b, "   <pdfaid:part>%d</pdfaid:part>\n", info->pdfa_part);
        buf_puts(&b, "   <pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    put_simple(&b, "dc:format", "application/pdf");
    put_alt(&b, "dc:title", info->title);
    /* one entry: the Info dictionary's Author, whole */
    put_array(&b, "dc:creator", "Seq", info->author);
    put_alt(&b, "dc:description", info->subject);
    put_array(&b, "dc:language", "Bag", info->lang);
    put_simple(&b, "xmp:CreateDate", created);
    put_simple(&b, "xmp:ModifyDate", modified);
    put_simple(&b, "xmp:MetadataDate", modified);
    put_simple(&b, "xmp:CreatorTool", info->creator);
    put_simple(&b, "pdf:Producer", info->producer);
    put_simple(&b, "pdf:Keywords", info->keywords);
    buf_puts(&b, "  </rdf:Description>\n"
                 " </rdf:RDF>\n"
                 "</x:xmpmeta>\n");
    /* room for in-place edits, as the XMP specification recommends */
    for (int i = 0; i < 8; i++)
        buf_puts(&b, "                                                                               \n");
    buf_puts(&b, "<?xpacket end=\"w\"?>");
    *len = b.len;
    return buf_detach(&b);
}
