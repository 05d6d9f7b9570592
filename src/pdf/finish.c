#include "finish.h"

#include <errno.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objfile.h"
#include "pobj.h"
#include "structure.h"
#include "util/oom.h"

extern const unsigned char folio_srgb_icc[];
extern const size_t folio_srgb_icc_len;

/* What becomes of each object of cairo's file. */
enum { COPY, DONE, DROP, DEFER };

/* A page's content larger than this inflated is no page of folio's. */
#define MAX_CONTENT ((size_t)1 << 31)
/* The longest string PDF/A allows (ISO 19005-2 6.1.13, ISO 32000-1 C.1). */
#define PDFA_MAX_STRING 32767

/* The pages' contents deflated on a thread of its own while the next
 * page's is rewritten (and on this one when that thread is still busy): a
 * year's two longest jobs in the finisher, side by side. Each is written
 * once deflated, in the pages' order: the same bytes. */
typedef struct page_zip {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool working, quit; /* a content handed over, not deflated yet; the end */
    buf in;             /* the content handed over */
    size_t num;         /* its object; 0: none waits to be written */
    struct libdeflate_compressor *z;
    unsigned char *out; /* in deflated */
    size_t cap, len;
} page_zip;

typedef struct finisher {
    const pdf_finish *f;
    fdiag *d;
    pobjfile src;
    pobjout w;
    pdf_structure *ps;
    /* an entry an object, in scratch files (util/spill.h), let go with
     * cairo's file now and then (forget) */
    unsigned char *state; /* object → COPY, DONE, DROP, DEFER */
    int32_t *key;         /* object → its parent-tree key (a page's index, a link
                             annotation's /StructParent) + 1; 0: none */
    spill state_store, key_store;
    size_t *page_obj;     /* page → its object */
    size_t n_pages, cap_pages;
    size_t *annot_obj;    /* parent-tree key - n_pages → its annotation */
    pobj catalog;
    size_t names;         /* cairo's /Names dictionary when it is an object; 0: none */
    size_t info, metadata, tree_root, intents, embedded;
    buf af;               /* the associated files' array */
    struct libdeflate_decompressor *unz;
    page_zip *zip;        /* NULL: contents deflated as they are rewritten */
    unsigned char *raw;   /* a page's content inflated */
    size_t raw_cap;
    const char *why;      /* what went wrong */
} finisher;

/* The resident pages of cairo's file, of the tables and of the structure
 * record let go (read again from their files when needed). */
static void forget(const finisher *fin)
{
    pobjfile_forget(&fin->src);
    spill_forget(&fin->state_store);
    spill_forget(&fin->key_store);
    pdf_structure_forget(fin->ps);
}

/* Object num's parent-tree key; -1: none. */
static long key_of(const finisher *fin, size_t num)
{
    return (long)fin->key[num] - 1;
}

static bool fail(finisher *fin, const char *why)
{
    if (!fin->why)
        fin->why = why;
    return false;
}

/* Object num read, a dictionary (stream or not). */
static bool read_dict(finisher *fin, size_t num, pobj *v, const char **data, size_t *len)
{
    if (!pobjfile_read(&fin->src, num, v, data, len))
        return fail(fin, "an object cairo wrote cannot be read");
    if (v->kind != POBJ_DICT) {
        pobj_free(v);
        return fail(fin, "an object cairo wrote is not the dictionary expected");
    }
    return true;
}

/* The pages under node num, in order (cairo writes one level of kids). */
static bool collect_pages(finisher *fin, size_t num, int depth)
{
    pobj node;
    const char *data;
    size_t len;
    if (depth > POBJ_MAX_TREE_DEPTH || !read_dict(fin, num, &node, &data, &len))
        return fail(fin, "the page tree is not what cairo writes");
    bool ok = true;
    if (pobj_is_name(pobj_get(&node, "/Type"), "/Page")) {
        if (key_of(fin, num) >= 0 || fin->n_pages >= INT32_MAX / 2)
            ok = fail(fin, "the page tree is not what cairo writes");
        else {
            fin->page_obj = oom_grow(fin->page_obj, &fin->cap_pages, fin->n_pages + 1,
                                     sizeof *fin->page_obj, 64);
            fin->key[num] = (int32_t)fin->n_pages + 1;
            fin->page_obj[fin->n_pages++] = num;
        }
    } else {
        const pobj *kids = pobj_get(&node, "/Kids");
        ok = kids && kids->kind == POBJ_ARRAY;
        for (size_t i = 0; ok && i < kids->n; i++) {
            if (i % 64 == 63) /* the pages are all over the file: not all resident */
                forget(fin);
            ok = kids->kids[i].kind == POBJ_REF &&
                 collect_pages(fin, kids->kids[i].ref, depth + 1);
        }
        if (!ok)
            fail(fin, "the page tree is not what cairo writes");
    }
    pobj_free(&node);
    return ok;
}

/* Marks for dropping an object a reference leads to. */
static void drop_ref(finisher *fin, const pobj *ref)
{
    if (ref && ref->kind == POBJ_REF && ref->ref < fin->src.n)
        fin->state[ref->ref] = DROP;
}

/* A stream's data decoded: raw, or inflated (zlib) into fin->raw. */
static bool decode(finisher *fin, const pobj *dict, const char *data, size_t len,
                   const char **out, size_t *out_len)
{
    const pobj *filter = pobj_get(dict, "/Filter");
    if (!filter) {
        *out = data;
        *out_len = len;
        return true;
    }
    if (!pobj_is_name(filter, "/FlateDecode") || pobj_get(dict, "/DecodeParms"))
        return fail(fin, "a page's content is compressed in a way cairo does not write");
    if (!fin->unz && !(fin->unz = libdeflate_alloc_decompressor()))
        abort();
    size_t want = 4 * len + 65536; /* room enough for most pages, twice more after */
    for (;;) {
        want = want < MAX_CONTENT ? want : MAX_CONTENT;
        if (fin->raw_cap < want) {
            free(fin->raw);
            if (!(fin->raw = malloc(want)))
                abort();
            fin->raw_cap = want;
        }
        enum libdeflate_result r =
            libdeflate_zlib_decompress(fin->unz, data, len, fin->raw, fin->raw_cap, out_len);
        if (r == LIBDEFLATE_SUCCESS) {
            *out = (const char *)fin->raw;
            return true;
        }
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE || fin->raw_cap >= MAX_CONTENT)
            return fail(fin, "a page's content cannot be inflated");
        want = fin->raw_cap * 2;
    }
}

static void *zip_work(void *p)
{
    page_zip *pz = p;
    pthread_mutex_lock(&pz->lock);
    for (;;) {
        while (!pz->working && !pz->quit)
            pthread_cond_wait(&pz->changed, &pz->lock);
        if (!pz->working)
            break;
        pthread_mutex_unlock(&pz->lock);
        pz->len = pobj_deflate(&pz->z, pz->in.data, pz->in.len, &pz->out, &pz->cap);
        pthread_mutex_lock(&pz->lock);
        pz->working = false;
        pthread_cond_broadcast(&pz->changed);
    }
    pthread_mutex_unlock(&pz->lock);
    return NULL;
}

static bool zip_start(page_zip *pz)
{
    *pz = (page_zip){0};
    pthread_mutex_init(&pz->lock, NULL);
    pthread_cond_init(&pz->changed, NULL);
    if (pthread_create(&pz->thread, NULL, zip_work, pz) == 0)
        return true;
    pthread_cond_destroy(&pz->changed);
    pthread_mutex_destroy(&pz->lock);
    return false;
}

static void zip_stop(page_zip *pz)
{
    pthread_mutex_lock(&pz->lock);
    pz->quit = true;
    pthread_cond_broadcast(&pz->changed);
    pthread_mutex_unlock(&pz->lock);
    pthread_join(pz->thread, NULL);
    pthread_cond_destroy(&pz->changed);
    pthread_mutex_destroy(&pz->lock);
    buf_free(&pz->in);
    free(pz->out);
    if (pz->z)
        libdeflate_free_compressor(pz->z);
}

/* Writes the content handed over last, once deflated. */
static void zip_flush(finisher *fin)
{
    page_zip *pz = fin->zip;
    if (!pz->num)
        return;
    pthread_mutex_lock(&pz->lock);
    while (pz->working)
        pthread_cond_wait(&pz->changed, &pz->lock);
    pthread_mutex_unlock(&pz->lock);
    pobjout_stream_deflated(&fin->w, pz->num, "", pz->out, pz->len);
    pz->num = 0;
}

/* Content of object num deflated and written after the one handed over
 * before: handed over (taken: *content gets the buffer handed over
 * before) when the thread is free, else deflated here meanwhile, so that
 * neither waits for the other while the next page is rewritten. */
static void zip_give(finisher *fin, size_t num, buf *content)
{
    page_zip *pz = fin->zip;
    pthread_mutex_lock(&pz->lock);
    bool busy = pz->working;
    pthread_mutex_unlock(&pz->lock);
    if (busy) {
        pobjout *w = &fin->w;
        size_t len = pobj_deflate(&w->z, content->data, content->len, &w->zbuf, &w->zcap);
        zip_flush(fin);
        pobjout_stream_deflated(w, num, "", w->zbuf, len);
        return;
    }
    zip_flush(fin);
    buf was = pz->in;
    pz->in = *content;
    *content = was;
    pz->num = num;
    pthread_mutex_lock(&pz->lock);
    pz->working = true;
    pthread_cond_broadcast(&pz->changed);
    pthread_mutex_unlock(&pz->lock);
}

/* Page i's content rewritten for the structure tree, written in place of
 * cairo's (its length object goes). */
static bool rewrite_content(finisher *fin, size_t i)
{
    pobj page, content;
    const char *data;
    size_t len;
    if (!read_dict(fin, fin->page_obj[i], &page, &data, &len))
        return false;
    const pobj *ref = pobj_get(&page, "/Contents");
    size_t num = ref && ref->kind == POBJ_REF ? ref->ref : 0;
    pobj_free(&page);
    if (!num || num >= fin->src.n || fin->state[num] != COPY)
        return fail(fin, "a page's content is not one stream of its own");
    if (!read_dict(fin, num, &content, &data, &len))
        return false;
    const char *raw;
    size_t raw_len;
    buf out = {0};
    bool ok = data && decode(fin, &content, data, len, &raw, &raw_len) &&
              pdf_structure_page(fin->ps, i, raw, raw_len, &out, &fin->why);
    if (ok) {
        if (fin->zip)
            zip_give(fin, num, &out);
        else
            pobjout_stream(&fin->w, num, "", out.data, out.len, true);
        fin->state[num] = DONE;
        drop_ref(fin, pobj_get(&content, "/Length"));
    } else if (!data) {
        fail(fin, "a page's content is not a stream");
    }
    buf_free(&out);
    pobj_free(&content);
    return ok;
}

/* The link annotations of the pages, in order, matched with the links
 * painted: each gets its /StructParent (or none). */
static bool key_annotations(finisher *fin)
{
    bool ok = true;
    for (size_t i = 0; ok && i < fin->n_pages; i++) {
        if (i % 64 == 63)
            forget(fin);
        pobj page;
        const char *data;
        size_t len;
        if (!read_dict(fin, fin->page_obj[i], &page, &data, &len))
            return false;
        const pobj *annots = pobj_get(&page, "/Annots");
        for (size_t k = 0; ok && annots && annots->kind == POBJ_ARRAY && k < annots->n; k++) {
            const pobj *ref = &annots->kids[k];
            pobj a;
            if (ref->kind != POBJ_REF || ref->ref >= fin->src.n ||
                !read_dict(fin, ref->ref, &a, &data, &len)) {
                ok = fail(fin, "a page's annotation is not what cairo writes");
                break;
            }
            const pobj *rect = pobj_get(&a, "/Rect");
            double v[4];
            if (pobj_is_name(pobj_get(&a, "/Subtype"), "/Link")) {
                ok = rect && rect->kind == POBJ_ARRAY && rect->n == 4;
                for (size_t c = 0; ok && c < 4; c++)
                    ok = pobj_real(&rect->kids[c], &v[c]);
                long key = ok ? pdf_structure_link(fin->ps, i, v, &fin->why) : -2;
                if (key >= 0)
                    fin->annot_obj[(size_t)key - fin->n_pages] = ref->ref;
                fin->key[ref->ref] = (int32_t)(key + 1);
                ok = key > -2 || fail(fin, "a link annotation has no rectangle");
            }
            pobj_free(&a);
        }
        pobj_free(&page);
    }
    return ok && pdf_structure_links_done(fin->ps, &fin->why);
}

static void set_text(pobj *dict, const char *key, const char *value)
{
    buf b = {0};
    pdf_put_text_string(&b, value);
    pobj_set(dict, key, buf_cstr(&b));
    buf_free(&b);
}

static void set_ref(pobj *dict, const char *key, size_t num)
{
    char ref[32];
    snprintf(ref, sizeof ref, "%zu 0 R", num);
    pobj_set(dict, key, ref);
}

static void put_text(buf *b, const char *key, const char *value)
{
    if (value && *value) {
        buf_printf(b, " %s ", key);
        pdf_put_text_string(b, value);
    }
}

/* The new objects the catalog and trailer name: Info, XMP, output intent,
 * associated files. */
static void write_new_objects(finisher *fin)
{
    const pdf_docinfo *in = &fin->f->info;
    pobjout *w = &fin->w;
    char created[32], modified[32];
    pdf_date_info(in->created, created);
    pdf_date_info(in->modified, modified);
    pobjout_open(w, fin->info);
    buf_puts(&w->out, "<<");
    put_text(&w->out, "/Title", in->title);
    put_text(&w->out, "/Author", in->author);
    put_text(&w->out, "/Subject", in->subject);
    put_text(&w->out, "/Keywords", in->keywords);
    put_text(&w->out, "/Creator", in->creator);
    put_text(&w->out, "/Producer", in->producer);
    buf_printf(&w->out, " /CreationDate (%s) /ModDate (%s) >>", created, modified);
    pobjout_close(w);
    size_t len;
    char *xmp = pdf_xmp_packet(in, &len);
    pobjout_stream(w, fin->metadata, "/Type /Metadata /Subtype /XML", xmp, len, false);
    free(xmp);
    if (in->pdfa_part) {
        /* sRGB, which covers cairo's DeviceRGB and DeviceGray (the only
         * colour spaces folio paints in) */
        size_t icc = pobjout_number(w);
        pobjout_stream(w, icc, "/N 3", folio_srgb_icc, folio_srgb_icc_len, true);
        fin->intents = pobjout_number(w);
        pobjout_open(w, fin->intents);
        buf_printf(&w->out,
                   "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
                   "(sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName "
                   "(http://www.color.org) /DestOutputProfile %zu 0 R >>",
                   icc);
        pobjout_close(w);
    }
    if (in->pdfa_part == 3 && fin->f->n_files)
        fin->embedded =
            pdf_attach_write(w, fin->f->files, fin->f->n_files, in->modified, &fin->af);
}

/* What PDF/A forbids in what cairo may write, in every dictionary of o. */
static bool fix_dicts(pobj *o)
{
    bool changed = false;
    if (o->kind == POBJ_DICT) {
        /* image smoothing is the viewer's business (6.2.8.3) */
        if (pobj_get(o, "/Interpolate")) {
            pobj_remove(o, "/Interpolate");
            changed = true;
        }
        /* 6.2.11.3.2: a CIDFontType2 maps CIDs to glyphs explicitly */
        if (pobj_is_name(pobj_get(o, "/Subtype"), "/CIDFontType2") &&
            !pobj_get(o, "/CIDToGIDMap"))
            changed = pobj_set(o, "/CIDToGIDMap", "/Identity");
        /* a transparency group blends in the output intent's space */
        if (pobj_is_name(pobj_get(o, "/S"), "/Transparency") && !pobj_get(o, "/CS"))
            changed = pobj_set(o, "/CS", "/DeviceRGB");
    }
    if (o->kind == POBJ_DICT || o->kind == POBJ_ARRAY)
        for (size_t i = 0; i < o->n; i++)
            changed |= fix_dicts(&o->kids[i]);
    return changed;
}

static void edit_catalog(finisher *fin, pobj *root)
{
    const pdf_docinfo *in = &fin->f->info;
    if (in->lang && *in->lang)
        set_text(root, "/Lang", in->lang);
    pobj_set(root, "/MarkInfo", "<< /Marked true >>");
    /* the title bar shows the title, not the file name (PDF/UA) */
    pobj *prefs = pobj_get(root, "/ViewerPreferences");
    if (prefs && prefs->kind == POBJ_DICT)
        pobj_set(prefs, "/DisplayDocTitle", "true");
    else
        pobj_set(root, "/ViewerPreferences", "<< /DisplayDocTitle true >>");
    set_ref(root, "/Metadata", fin->metadata);
    if (fin->ps)
        set_ref(root, "/StructTreeRoot", fin->tree_root);
    if (fin->intents) {
        char intents[40];
        snprintf(intents, sizeof intents, "[ %zu 0 R ]", fin->intents);
        pobj_set(root, "/OutputIntents", intents);
    }
    if (fin->embedded) {
        pobj_set(root, "/AF", buf_cstr(&fin->af));
        pobj *names = pobj_get(root, "/Names");
        if (names && names->kind == POBJ_DICT)
            set_ref(names, "/EmbeddedFiles", fin->embedded);
        else if (!fin->names) {
            char tree[48];
            snprintf(tree, sizeof tree, "<< /EmbeddedFiles %zu 0 R >>", fin->embedded);
            pobj_set(root, "/Names", tree);
        }
    }
}

/* What a link annotation says to a screen reader (PDF/UA 7.18.5): its URI,
 * or the destination it goes to. In a PDF/A, an address longer than a
 * string may be is no link there (its text stays on the page). */
static void describe_link(finisher *fin, pobj *a)
{
    if (pobj_get(a, "/Contents"))
        return;
    const pobj *action = pobj_get(a, "/A");
    const pobj *target = action && action->kind == POBJ_DICT ? pobj_get(action, "/URI")
                                                             : pobj_get(a, "/Dest");
    size_t len;
    char *bytes = pobj_string_bytes(target, &len);
    if (!bytes)
        return;
    if (fin->f->info.pdfa_part && len > PDFA_MAX_STRING) {
        fdiag_warn(fin->d, NULL, 0, 0,
                   "the address '%.60s…' is %zu bytes long, more than a PDF/A string may hold "
                   "(%d): its text is printed, not linked",
                   bytes, len, PDFA_MAX_STRING);
        pobj_remove(a, "/A");
        char shown[256]; /* the address is ASCII: cairo escapes the rest */
        snprintf(shown, sizeof shown, "%.200s…", bytes);
        set_text(a, "/Contents", shown);
    } else {
        char *text = pobj_string_utf8(target);
        if (text)
            set_text(a, "/Contents", text);
        free(text);
    }
    free(bytes);
}

/* Every annotation printable (/F 4), as PDF/A requires; links described
 * and keyed in the parent tree. */
static void edit_annotation(finisher *fin, size_t num, pobj *a)
{
    pobj_set(a, "/F", "4");
    if (pobj_is_name(pobj_get(a, "/Subtype"), "/Link"))
        describe_link(fin, a);
    if (!fin->ps)
        return; /* cairo's tree kept */
    pobj_remove(a, "/StructParent");
    if (key_of(fin, num) >= 0) {
        char key[24];
        snprintf(key, sizeof key, "%ld", key_of(fin, num));
        pobj_set(a, "/StructParent", key);
    }
}

static void edit_page(finisher *fin, size_t num, pobj *page)
{
    if (!fin->ps || key_of(fin, num) < 0)
        return; /* cairo's tree kept, or no page of the tree */
    char key[24];
    snprintf(key, sizeof key, "%ld", key_of(fin, num));
    /* every page has its parent-tree entry, empty or not */
    pobj_set(page, "/StructParents", key);
    const pobj *annots = pobj_get(page, "/Annots");
    if (annots && annots->kind == POBJ_ARRAY && annots->n)
        pobj_set(page, "/Tabs", "/S");
}

/* Stream num, which cairo left uncompressed (pdf_finish_claim_process),
 * deflated with its dictionary's other keys. */
static void deflate_stream(finisher *fin, size_t num, pobj *dict, const char *data, size_t len)
{
    drop_ref(fin, pobj_get(dict, "/Length"));
    pobj_remove(dict, "/Length");
    buf keys = {0};
    pobj_write_items(dict, &keys);
    pobjout_stream(&fin->w, num, buf_cstr(&keys), data, len, true);
    buf_free(&keys);
}

/* Object num of cairo's file to the finished one: as it is, edited, or,
 * for a stand-in, the image it stands for. */
static bool copy_object(finisher *fin, size_t num)
{
    pobj v;
    const char *data;
    size_t len;
    if (!pobjfile_read(&fin->src, num, &v, &data, &len))
        return fail(fin, "an object cairo wrote cannot be read");
    if (v.kind == POBJ_NUMBER && !data) { /* a stream's length: it may go */
        fin->state[num] = DEFER;
        pobj_free(&v);
        return true;
    }
    const pdf_ximages *images = fin->f->images;
    long image = data ? pdf_ximage_stand_in_index(&v, data, len) : -1;
    pdf_ximage *x = image >= 0 && images && (size_t)image < images->n ? images->x[image] : NULL;
    if (x && x->data) {
        pdf_ximage_write(x, &fin->w, num);
        drop_ref(fin, pobj_get(&v, "/Length"));
        if (!images->again) { /* its samples are in the file: they go */
            free(x->data);
            free(x->alpha);
            x->data = x->alpha = NULL;
        }
        pobj_free(&v);
        return true;
    }
    bool edit = fix_dicts(&v);
    if (num == fin->src.root) {
        edit_catalog(fin, &v);
        edit = true;
    } else if (pobj_is_name(pobj_get(&v, "/Type"), "/Page")) {
        edit_page(fin, num, &v);
        edit = true;
    } else if (pobj_is_name(pobj_get(&v, "/Type"), "/Annot")) {
        edit_annotation(fin, num, &v);
        edit = true;
    } else if (num == fin->names && fin->embedded) {
        set_ref(&v, "/EmbeddedFiles", fin->embedded);
        edit = true;
    } else if (fin->ps && (pobj_is_name(pobj_get(&v, "/Type"), "/StructElem") ||
                           pobj_is_name(pobj_get(&v, "/Type"), "/StructTreeRoot"))) {
        edit = false; /* cairo's tree, replaced */
        fin->state[num] = DROP;
    }
    if (fin->state[num] == DROP) {
    } else if (data && !pobj_get(&v, "/Filter")) {
        deflate_stream(fin, num, &v, data, len);
    } else if (!edit) {
        pobjout_copy(&fin->w, &fin->src, num);
    } else {
        pobjout_open(&fin->w, num);
        pobj_write(&v, &fin->w.out);
        if (data) {
            buf_puts(&fin->w.out, "\nstream\n");
            pobjout_data(&fin->w, data, len);
            buf_puts(&fin->w.out, "\nendstream");
        }
        pobjout_close(&fin->w);
    }
    pobj_free(&v);
    return true;
}

/* "%PDF-1.n" and a comment of bytes above 127 (a binary file, and PDF/A's
 * rule): cairo's version, 1.7 at least for PDF/A-3, whose associated files
 * are PDF 2.0 features back-ported to 1.7. */
static void write_header(finisher *fin)
{
    const char *d = fin->src.data;
    char minor = fin->src.len > 8 && !memcmp(d, "%PDF-1.", 7) && d[7] >= '4' && d[7] <= '7'
                     ? d[7]
                     : '5';
    if (fin->f->info.pdfa_part == 3 && minor < '7')
        minor = '7';
    buf_printf(&fin->w.out, "%%PDF-1.%c\n%%\xb5\xed\xae\xfb\n", minor);
}

/* The pages' content rewritten and their link annotations keyed for the
 * structure tree, which replaces cairo's. */
static bool structure_pages(finisher *fin)
{
    const pdf_finish *f = fin->f;
    /* cairo's own structure tree is replaced (its elements go as they
     * are met, by their /Type). */
    pobjfile_mark_structure(&fin->src, pobj_get(&fin->catalog, "/StructTreeRoot"), fin->state,
                            DROP);
    fin->ps = pdf_structure_new(f->structure, f->marks, f->page_h, fin->n_pages);
    page_zip zip;
    if (f->jobs > 1 && fin->n_pages > 1 && zip_start(&zip))
        fin->zip = &zip;
    bool ok = true;
    for (size_t i = 0; ok && i < fin->n_pages; i++) {
        if (i % 64 == 63) /* a long document's content is never resident whole */
            forget(fin);
        ok = rewrite_content(fin, i);
    }
    if (fin->zip) {
        if (ok)
            zip_flush(fin);
        zip_stop(&zip);
        fin->zip = NULL;
    }
    if (!ok || !pdf_structure_pages_done(fin->ps, &fin->why))
        return false;
    fin->annot_obj = calloc(f->marks->n_links + 1, sizeof *fin->annot_obj);
    if (!fin->annot_obj)
        abort();
    return key_annotations(fin);
}

static bool finish(finisher *fin, int out)
{
    pobjfile *src = &fin->src;
    const pdf_finish *f = fin->f;
    const char *data;
    size_t len;
    if (!read_dict(fin, src->root, &fin->catalog, &data, &len))
        return false;
    size_t n = src->n;
    fin->state = spill_grow(&fin->state_store, n);
    fin->key = spill_grow(&fin->key_store, n * sizeof *fin->key);
    const pobj *pages = pobj_get(&fin->catalog, "/Pages");
    if (!pages || pages->kind != POBJ_REF || !collect_pages(fin, pages->ref, 0))
        return fail(fin, "the PDF has no page tree");
    if (f->structure && fin->n_pages != f->n_pages)
        return fail(fin, "the PDF's pages are not those laid out");
    const pobj *names = pobj_get(&fin->catalog, "/Names");
    fin->names = names && names->kind == POBJ_REF ? names->ref : 0;
    pobjout_start(&fin->w, out, n);
    write_header(fin);
    if (f->structure && !structure_pages(fin))
        return false;
    /* cairo's Info goes: ours takes its number */
    fin->info = src->info ? src->info : pobjout_number(&fin->w);
    if (fin->info < n)
        fin->state[fin->info] = DONE;
    fin->metadata = pobjout_number(&fin->w);
    fin->tree_root = pobjout_number(&fin->w);
    write_new_objects(fin);
    for (size_t num = 1; num < n; num++) {
        if (num % 4096 == 0)
            forget(fin);
        if (!src->offset[num] || fin->state[num] != COPY)
            continue;
        if (fin->ps && pobjfile_is_struct_elem(src, num))
            fin->state[num] = DROP;
        else if (!copy_object(fin, num))
            return false;
    }
    for (size_t num = 1; num < n; num++) { /* the lengths still used */
        if (num % 4096 == 0)
            forget(fin);
        if (fin->state[num] == DEFER)
            pobjout_copy(&fin->w, src, num);
    }
    /* the tree takes the numbers of cairo's, which it replaces */
    pobjout_reuse_free(&fin->w);
    if (fin->ps)
        pdf_structure_write(fin->ps, &fin->w, fin->tree_root, fin->page_obj, fin->annot_obj);
    if (!pobjout_finish(&fin->w, src->root, fin->info))
        return fail(fin, strerror(errno));
    return true;
}

void pdf_finish_claim_process(void)
{
    setenv("CAIRO_DEBUG_PDF", "1", 0);
}

folio_status pdf_finish_file(int in, const pdf_finish *f, fdiag *d, int out)
{
    finisher fin = {.f = f, .d = d};
    bool ok = false;
    if (!pobjfile_map(&fin.src, in))
        fail(&fin, "cairo's file is not of the form expected (one cross-reference table)");
    else
        ok = finish(&fin, out);
    if (!ok) {
        fdiag_error(d, NULL, 0, 0, "cannot finish the PDF: %s", fin.why);
        pobjout_free(&fin.w);
    }
    pdf_structure_free(fin.ps);
    pobj_free(&fin.catalog);
    buf_free(&fin.af);
    spill_free(&fin.state_store);
    spill_free(&fin.key_store);
    free(fin.page_obj);
    free(fin.annot_obj);
    free(fin.raw);
    if (fin.unz)
        libdeflate_free_decompressor(fin.unz);
    pobjfile_free(&fin.src);
    return ok ? FOLIO_OK : FOLIO_EOUTPUT;
}
