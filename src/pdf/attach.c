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

/* A name object for a MIME type: qpdf writes the '/' as #2F. */
static qpdf_oh mime_name(qpdf_data q, const char *mime)
{
    char name[128];
    snprintf(name, sizeof name, "/%s", mime);
    return qpdf_oh_new_name(q, name);
}

static qpdf_oh embedded_file(qpdf_data q, const pdf_attachment *f, const char *date)
{
    qpdf_oh stream = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, stream, f->data, f->len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh dict = qpdf_oh_get_dict(q, stream);
    qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/EmbeddedFile"));
    qpdf_oh_replace_key(q, dict, "/Subtype", mime_name(q, f->mime));
    guint8 md5[16];
    gsize md5_len = sizeof md5;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_MD5);
    g_checksum_update(sum, f->data, (gssize)f->len);
    g_checksum_get_digest(sum, md5, &md5_len);
    g_checksum_free(sum);
    qpdf_oh params = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, params, "/Size", qpdf_oh_new_integer(q, (long long)f->len));
    qpdf_oh_replace_key(q, params, "/CheckSum",
                        qpdf_oh_new_binary_string(q, (const char *)md5, md5_len));
    qpdf_oh_replace_key(q, params, "/ModDate", qpdf_oh_new_string(q, date));
    qpdf_oh_replace_key(q, dict, "/Params", params);
    return stream;
}

void pdf_attach_files(qpdf_data q, const pdf_attachment *files, size_t n, int64_t modified)
{
    if (n == 0)
        return;
    char date[32];
    pdf_date_info(modified, date);
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh af = qpdf_oh_new_array(q);
    qpdf_oh names = qpdf_oh_new_array(q);
    for (size_t i = 0; i < n; i++) {
        const pdf_attachment *f = &files[i];
        qpdf_oh ef = qpdf_oh_new_dictionary(q);
        qpdf_oh stream = embedded_file(q, f, date);
        qpdf_oh_replace_key(q, ef, "/F", stream);
        qpdf_oh_replace_key(q, ef, "/UF", stream);
        qpdf_oh spec = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, spec, "/Type", qpdf_oh_new_name(q, "/Filespec"));
        qpdf_oh_replace_key(q, spec, "/F", qpdf_oh_new_unicode_string(q, f->name));
        qpdf_oh_replace_key(q, spec, "/UF", qpdf_oh_new_unicode_string(q, f->name));
        qpdf_oh_replace_key(q, spec, "/Desc", qpdf_oh_new_unicode_string(q, "Source"));
        qpdf_oh_replace_key(q, spec, "/AFRelationship", qpdf_oh_new_name(q, "/Source"));
        qpdf_oh_replace_key(q, spec, "/EF", ef);
        spec = qpdf_make_indirect_object(q, spec);
        qpdf_oh_append_item(q, af, spec);
        qpdf_oh_append_item(q, names, qpdf_oh_new_unicode_string(q, f->name));
        qpdf_oh_append_item(q, names, spec);
    }
    qpdf_oh_replace_key(q, root, "/AF", af);
    qpdf_oh tree = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, tree, "/Names", names);
    qpdf_oh name_dict = qpdf_oh_get_key(q, root, "/Names");
    if (!qpdf_oh_is_dictionary(q, name_dict)) {
        name_dict = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
        qpdf_oh_replace_key(q, root, "/Names", name_dict);
    }
    qpdf_oh_replace_key(q, name_dict, "/EmbeddedFiles", qpdf_make_indirect_object(q, tree));
}
