#include "finish.h"

#include <errno.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "structure.h"
#include "util/scratch.h"

extern const unsigned char folio_srgb_icc[];
extern const size_t folio_srgb_icc_len;

static void set_text(qpdf_data q, qpdf_oh dict, const char *key, const char *value)
{
    if (value && *value)
        qpdf_oh_replace_key(q, dict, key, qpdf_oh_new_unicode_string(q, value));
}

static void put_info(qpdf_data q, const pdf_docinfo *in)
{
    char created[32], modified[32];
    pdf_date_info(in->created, created);
    pdf_date_info(in->modified, modified);
    qpdf_oh info = qpdf_oh_new_dictionary(q);
    set_text(q, info, "/Title", in->title);
    set_text(q, info, "/Author", in->author);
    set_text(q, info, "/Subject", in->subject);
    set_text(q, info, "/Keywords", in->keywords);
    set_text(q, info, "/Creator", in->creator);
    set_text(q, info, "/Producer", in->producer);
    qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, created));
    qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, modified));
    qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", qpdf_make_indirect_object(q, info));
}

static void put_metadata(qpdf_data q, qpdf_oh root, const pdf_docinfo *in)
{
    size_t len;
    char *xmp = pdf_xmp_packet(in, &len);
    qpdf_oh stream = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)xmp, len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    free(xmp);
    qpdf_oh dict = qpdf_oh_get_dict(q, stream);
    qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, root, "/Metadata", stream);
}

/* The PDF/A output intent: sRGB, which covers cairo's DeviceRGB and
 * DeviceGray (the only colour spaces folio paints in). */
static void put_output_intent(qpdf_data q, qpdf_oh root)
{
    qpdf_oh icc = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, icc, folio_srgb_icc, folio_srgb_icc_len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, icc), "/N", qpdf_oh_new_integer(q, 3));
    qpdf_oh intent = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, intent, "/Type", qpdf_oh_new_name(q, "/OutputIntent"));
    qpdf_oh_replace_key(q, intent, "/S", qpdf_oh_new_name(q, "/GTS_PDFA1"));
    qpdf_oh_replace_key(q, intent, "/OutputConditionIdentifier",
                        qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
    qpdf_oh_replace_key(q, intent, "/Info", qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
    qpdf_oh_replace_key(q, intent, "/RegistryName", qpdf_oh_new_string(q, "http://www.color.org"));
    qpdf_oh_replace_key(q, intent, "/DestOutputProfile", icc);
    qpdf_oh intents = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, intents, qpdf_make_indirect_object(q, intent));
    qpdf_oh_replace_key(q, root, "/OutputIntents", intents);
}

static void put_catalog(qpdf_data q, qpdf_oh root, const pdf_docinfo *in)
{
    set_text(q, root, "/Lang", in->lang);
    qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
    qpdf_oh prefs = qpdf_oh_get_key(q, root, "/ViewerPreferences");
    if (!qpdf_oh_is_dictionary(q, prefs)) {
        prefs = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
    }
    /* the title bar shows the title, not the file name (PDF/UA) */
    qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle", qpdf_oh_new_bool(q, 1));
}

static bool is_name(qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
    qpdf_oh v = qpdf_oh_get_key(q, dict, key);
    return qpdf_oh_is_name(q, v) && strcmp(qpdf_oh_get_name(q, v), name) == 0;
}

/* The longest string PDF/A allows (ISO 19005-2 6.1.13, ISO 32000-1 C.1). */
#define PDFA_MAX_STRING 32767

/* What a link annotation says to a screen reader (PDF/UA 7.18.5): its URI,
 * or the destination it goes to. In a PDF/A, an address longer than a
 * string may be is no link there (its text stays on the page). */
static void describe_link(qpdf_data q, qpdf_oh a, bool pdfa, fdiag *d)
{
    if (qpdf_oh_has_key(q, a, "/Contents"))
        return;
    qpdf_oh action = qpdf_oh_get_key(q, a, "/A");
    qpdf_oh target = qpdf_oh_is_dictionary(q, action) ? qpdf_oh_get_key(q, action, "/URI")
                                                      : qpdf_oh_get_key(q, a, "/Dest");
    if (!qpdf_oh_is_string(q, target))
        return;
    size_t len = 0;
    const char *bytes = qpdf_oh_get_binary_string_value(q, target, &len);
    if (pdfa && len > PDFA_MAX_STRING) {
        fdiag_warn(d, NULL, 0, 0,
                   "the address '%.60s…' is %zu bytes long, more than a PDF/A string may hold "
                   "(%d): its text is printed, not linked",
                   bytes, len, PDFA_MAX_STRING);
        qpdf_oh_remove_key(q, a, "/A");
        char shown[256]; /* the address is ASCII: cairo escapes the rest */
        snprintf(shown, sizeof shown, "%.200s…", bytes);
        qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, shown));
        return;
    }
    qpdf_oh_replace_key(q, a, "/Contents",
                        qpdf_oh_new_unicode_string(q, qpdf_oh_get_utf8_value(q, target)));
}

/* Every annotation printable (/F 4), as PDF/A requires; links described. */
static void fix_annotations(qpdf_data q, bool pdfa, fdiag *d)
{
    int pages = qpdf_get_num_pages(q);
    for (int i = 0; i < pages; i++) {
        qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        for (int k = 0; k < n; k++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
            if (!qpdf_oh_is_dictionary(q, a))
                continue;
            qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4));
            if (is_name(q, a, "/Subtype", "/Link"))
                describe_link(q, a, pdfa, d);
        }
    }
}

/* What PDF/A forbids in what cairo may write, in one dictionary. */
static void fix_dict(qpdf_data q, qpdf_oh dict)
{
    /* image smoothing is the viewer's business (6.2.8.3) */
    if (qpdf_oh_has_key(q, dict, "/Interpolate"))
        qpdf_oh_remove_key(q, dict, "/Interpolate");
    /* 6.2.11.3.2: a CIDFontType2 maps CIDs to glyphs explicitly */
    if (is_name(q, dict, "/Subtype", "/CIDFontType2") && !qpdf_oh_has_key(q, dict, "/CIDToGIDMap"))
        qpdf_oh_replace_key(q, dict, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
    /* a transparency group blends in the output intent's space */
    if (is_name(q, dict, "/S", "/Transparency") && !qpdf_oh_has_key(q, dict, "/CS"))
        qpdf_oh_replace_key(q, dict, "/CS", qpdf_oh_new_name(q, "/DeviceRGB"));
}

/* fix_dict on o and everything it leads to but its /Parent, depth first
 * (seen: the indirect objects met). */
static void fix_from(qpdf_data q, qpdf_oh o, GHashTable *seen)
{
    int id = qpdf_oh_get_object_id(q, o);
    if (id) {
        if (!g_hash_table_add(seen, GINT_TO_POINTER(id)))
            return;
    }
    if (qpdf_oh_is_stream(q, o))
        o = qpdf_oh_get_dict(q, o);
    if (qpdf_oh_is_array(q, o)) {
        int n = qpdf_oh_get_array_n_items(q, o);
        for (int i = 0; i < n; i++) {
            qpdf_oh item = qpdf_oh_get_array_item(q, o, i);
            fix_from(q, item, seen);
            qpdf_oh_release(q, item);
        }
        return;
    }
    if (!qpdf_oh_is_dictionary(q, o))
        return;
    fix_dict(q, o);
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free); /* one key iterator per q */
    qpdf_oh_begin_dict_key_iter(q, o);
    while (qpdf_oh_dict_more_keys(q)) {
        const char *key = qpdf_oh_dict_next_key(q);
        if (strcmp(key, "/Parent"))
            g_ptr_array_add(keys, g_strdup(key));
    }
    for (guint i = 0; i < keys->len; i++) {
        qpdf_oh v = qpdf_oh_get_key(q, o, keys->pdata[i]);
        fix_from(q, v, seen);
        qpdf_oh_release(q, v);
    }
    g_ptr_array_free(keys, TRUE);
}

/* Every object the pages use (resources, fonts, images, groups,
 * annotations) through fix_dict. cairo's own structure tree, which is
 * replaced, is never read: a long document's has an object per piece
 * painted (hundreds of thousands). */
static void fix_objects(qpdf_data q)
{
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int pages = qpdf_get_num_pages(q);
    for (int i = 0; i < pages; i++)
        fix_from(q, qpdf_get_page_n(q, (size_t)i), seen);
    g_hash_table_destroy(seen);
}

folio_status pdf_finish_file(int in, const pdf_finish *f, fdiag *d, int out)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, 1);
    folio_status st = FOLIO_EOUTPUT;
    const char *why = NULL; /* what went wrong, when not qpdf */
    pdf_structure *tree = NULL;
    char in_name[32], written_name[32];
    int written = scratch_open(); /* what qpdf writes */
    if (written < 0) {
        why = strerror(errno);
        goto done;
    }
    scratch_name(in, in_name, sizeof in_name);
    scratch_name(written, written_name, sizeof written_name);
    if (f->structure)
        pdf_structure_unlink(in);
    if (qpdf_read(q, in_name, NULL) & QPDF_ERRORS)
        goto done;
    qpdf_oh root = qpdf_get_root(q);
    put_info(q, &f->info);
    put_metadata(q, root, &f->info);
    put_catalog(q, root, &f->info);
    fix_annotations(q, f->info.pdfa_part != 0, d);
    fix_objects(q);
    pdf_ximages_put(q, f->images);
    if (f->structure &&
        !(tree = pdf_structure_prepare(q, f->structure, f->marks, f->page_h, &why)))
        goto done;
    if (f->info.pdfa_part)
        put_output_intent(q, root);
    if (f->info.pdfa_part == 3)
        pdf_attach_files(q, f->files, f->n_files, f->info.modified);
    if (qpdf_has_error(q) || qpdf_init_write(q, written_name) & QPDF_ERRORS)
        goto done;
    /* PDF/A-3's associated files are PDF 2.0 features back-ported to 1.7 */
    qpdf_set_minimum_pdf_version(q, f->info.pdfa_part == 3 ? "1.7" : "1.5");
    qpdf_set_object_stream_mode(q, qpdf_o_disable); /* classic xref: PDF/A-1 readers too */
    qpdf_set_compress_streams(q, 1);
    qpdf_set_newline_before_endstream(q, 1);
    /* with a tree, the ID is the hash of the file it ends in */
    if (tree)
        qpdf_set_static_ID(q, 1);
    else
        qpdf_set_deterministic_ID(q, 1);
    if (qpdf_write(q) & QPDF_ERRORS)
        goto done;
    qpdf_cleanup(&q); /* its objects go before the tree is written */
    q = NULL;
    if (tree ? !pdf_structure_append(tree, written, out, &why) : !fd_copy(written, out)) {
        if (!why)
            why = strerror(errno);
        goto done;
    }
    st = FOLIO_OK;
done:
    if (st != FOLIO_OK) {
        qpdf_error e = why || !q ? NULL : qpdf_get_error(q);
        fdiag_error(d, NULL, 0, 0, "cannot finish the PDF: %s",
                    why ? why : e ? qpdf_get_error_full_text(q, e) : "out of memory");
    }
    if (written >= 0)
        close(written);
    pdf_structure_free(tree);
    if (q)
        qpdf_cleanup(&q);
    return st;
}
