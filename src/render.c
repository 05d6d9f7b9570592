/* folio_render: picks the style, the fonts folder and the source date,
 * then hands the documents to the PDF or EPUB backend. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "epub/epub.h"
#include "folio.h"
#include "pdf/pdf.h"
#include "style/style.h"
#include "util/datadir.h"
#include "util/diag.h"

void folio_render_options_init(folio_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->toc = -1;
    o->toc_depth = 3;
    o->source_date_epoch = -1;
}

/* What the backends share: the options (defaults when the caller gave
 * none), a resolved style (paper applied), the fonts folder and the date
 * that stamps reproducible output. */
typedef struct render_setup {
    folio_style *owned_style; /* loaded here when the caller gave none */
    folio_style style;        /* a shallow copy with the paper applied */
    char *fonts_dir;
    folio_render_options opt;
    fdiag diag;
} render_setup;

static folio_status setup(render_setup *s, folio_doc *const *docs, size_t n,
                          const folio_render_options *given)
{
    memset(s, 0, sizeof *s);
    if (given)
        s->opt = *given;
    else
        folio_render_options_init(&s->opt);
    const folio_render_options *o = &s->opt;
    fdiag *d = &s->diag;
    fdiag_init(d, o->diag, o->diag_user);
    folio_limits_fill(&s->opt.limits);
    if (n == 0) {
        fdiag_error(d, "folio", 0, 0, "nothing to render: no documents");
        return FOLIO_EINPUT;
    }
    /* Refused rather than ignored: a deposit that claims PDF/A must be one. */
    if (o->pdfa || o->attach_source) {
        fdiag_error(d, "folio", 0, 0,
                    "archival PDF/A output (--pdfa, --attach-source) is not available yet");
        return FOLIO_EUSAGE;
    }
    const folio_style *base = o->style;
    if (!base) {
        folio_options po;
        folio_options_init(&po);
        po.diag = o->diag;
        po.diag_user = o->diag_user;
        folio_status st = folio_style_load(NULL, &po, &s->owned_style);
        if (st != FOLIO_OK)
            return st;
        base = s->owned_style;
    }
    s->style = *base;
    if (o->paper && !style_set_paper(&s->style, o->paper)) {
        fdiag_error(d, "folio", 0, 0, "unknown paper size '%s' (use a4 or letter)", o->paper);
        return FOLIO_EUSAGE;
    }
    if (o->publisher)
        s->style.publisher = o->publisher;
    s->fonts_dir = o->fonts_dir ? strdup(o->fonts_dir) : datadir_find("fonts");
    if (!s->fonts_dir) {
        fdiag_error(d, "folio", 0, 0, "cannot find the fonts folder (set FOLIO_DATA_DIR)");
        return FOLIO_EOUTPUT;
    }
    if (s->opt.source_date_epoch < 0) {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        char *end;
        long long v = sde && *sde ? strtoll(sde, &end, 10) : -1;
        if (sde && *sde && (*end || v < 0)) {
            fdiag_warn(d, "folio", 0, 0, "ignoring SOURCE_DATE_EPOCH='%s': not a number", sde);
            v = -1;
        }
        if (v < 0)
            for (size_t i = 0; i < n; i++)
                if (folio_doc_date(docs[i]) > v)
                    v = folio_doc_date(docs[i]);
        s->opt.source_date_epoch = v < 0 ? 0 : v;
    }
    return FOLIO_OK;
}

static void teardown(render_setup *s)
{
    folio_style_drop(s->owned_style);
    free(s->fonts_dir);
}

folio_status folio_render(folio_doc *const *docs, size_t n, folio_format fmt,
                          const folio_render_options *o, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    render_setup s;
    folio_status st = setup(&s, docs, n, o);
    if (st == FOLIO_OK) {
        st = fmt == FOLIO_FORMAT_PDF
                 ? pdf_render(docs, n, &s.opt, &s.style, s.fonts_dir, &s.diag, out, out_len)
                 : epub_render(docs, n, &s.opt, &s.style, s.fonts_dir, &s.diag, out, out_len);
    }
    if (st == FOLIO_OK && *out_len > s.opt.limits.max_output_bytes) {
        fdiag_error(&s.diag, "folio", 0, 0, "output of %zu bytes exceeds the limit of %zu bytes",
                    *out_len, s.opt.limits.max_output_bytes);
        free(*out);
        *out = NULL;
        *out_len = 0;
        st = FOLIO_EOUTPUT;
    }
    teardown(&s);
    return st;
}

folio_status folio_dump_layout(folio_doc *const *docs, size_t n, const folio_render_options *o,
                               FILE *out)
{
    render_setup s;
    folio_status st = setup(&s, docs, n, o);
    if (st == FOLIO_OK)
        st = pdf_dump_layout(docs, n, &s.opt, &s.style, s.fonts_dir, &s.diag, out);
    teardown(&s);
    return st;
}
