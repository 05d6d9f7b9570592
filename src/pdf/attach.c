#include "attach.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "docinfo.h"

const char *pdf_attachment_mime(const char *name)
{
    static const struct {
        const char *ext, *mime;
    } types[] = {
        {".md", "text/markdown"},       {".qmd", "text/markdown"},
        {".markdown", "text/markdown"}, {".yml", "application/yaml"},
        {".yaml", "application/yaml"},  {".bib", "application/x-bibtex"},
        {".css", "text/css"},           {".json", "application/json"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (g_ascii_strcasecmp(dot, types[i].ext) == 0)
            return types[i].mime;
    return "text/plain";
}

/* The MIME type as a name: its '/' is #2F. */
static void put_mime_name(buf *b, const char *mime)
{
    buf_putc(b, '/');
    for (const char *c = mime; *c; c++)
        if (*c == '/' || *c == '#' || (unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
            buf_printf(b, "#%02X", (unsigned char)*c);
        else
            buf_putc(b, *c);
}

/* The EmbeddedFile stream of f as object num. */
static void write_embedded(pobjout *w, size_t num, const pdf_attachment *f, const char *date)
{
    guint8 md5[16];
    gsize md5_len = sizeof md5;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_MD5);
    g_checksum_update(sum, f->data, (gssize)f->len);
    g_checksum_get_digest(sum, md5, &md5_len);
    g_checksum_free(sum);
    buf keys = {0};
    buf_puts(&keys, "/Type /EmbeddedFile /Subtype ");
    put_mime_name(&keys, f->mime);
    buf_printf(&keys, " /Params << /Size %zu /CheckSum <", f->len);
    for (gsize i = 0; i < md5_len; i++)
        buf_printf(&keys, "%02x", md5[i]);
    buf_printf(&keys, "> /ModDate (%s) >>", date);
    pobjout_stream(w, num, buf_cstr(&keys), f->data, f->len, true);
    buf_free(&keys);
}

size_t pdf_attach_write(pobjout *w, const pdf_attachment *files, size_t n, int64_t modified,
                        buf *af)
{
    char date[32];
    pdf_date_info(modified, date);
    buf names = {0};
    buf_puts(af, "[");
    for (size_t i = 0; i < n; i++) {
        const pdf_attachment *f = &files[i];
        size_t stream = pobjout_number(w), spec = pobjout_number(w);
        write_embedded(w, stream, f, date);
        pobjout_open(w, spec);
        buf *b = &w->out;
        buf_puts(b, "<< /Type /Filespec /F ");
        pdf_put_text_string(b, f->name);
        buf_puts(b, " /UF ");
        pdf_put_text_string(b, f->name);
        buf_printf(b, " /Desc (Source) /AFRelationship /Source /EF << /F %zu 0 R /UF %zu 0 R >> >>",
                   stream, stream);
        pobjout_close(w);
        buf_printf(af, " %zu 0 R", spec);
        buf_putc(&names, ' ');
        pdf_put_text_string(&names, f->name);
        buf_printf(&names, " %zu 0 R", spec);
    }
    buf_puts(af, " ]");
    size_t tree = pobjout_number(w);
    pobjout_open(w, tree);
    buf_printf(&w->out, "<< /Names [%s ] >>", buf_cstr(&names));
    pobjout_close(w);
    buf_free(&names);
    return tree;
}
