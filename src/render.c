/* folio_render: sets up the run once (options, style, fonts, the book),
 * then hands it to the backend the format names. */
#include "render.h"

#include "options.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book/alt.h"
#include "book/glyphs.h"
#include "epub/epub.h"
#include "pdf/finish.h"
#include "pdf/pdf.h"
#include "util/datadir.h"
#include "util/scratch.h"

static const render_backend *const backends[] = {
    [FOLIO_FORMAT_PDF] = &pdf_backend,
    [FOLIO_FORMAT_EPUB] = &epub_backend,
};

struct folio_fonts {
    char *dir;
    text_fonts *fonts;
    text_hyphen_dicts *hyphen_dicts; /* kept across renders too */
};

folio_status folio_fonts_load(const char *fonts_dir, folio_diag_fn diag, void *user,
                              folio_fonts **out)
{
    fdiag d;
    fdiag_init(&d, diag, user);
    *out = NULL;
    folio_fonts *f = calloc(1, sizeof *f);
    if (f)
        f->dir = fonts_dir ? strdup(fonts_dir) : datadir_find("fonts");
    if (!f || !f->dir) {
        fdiag_error(&d, "folio", 0, 0, f ? "cannot find the fonts folder (set FOLIO_DATA_DIR)"
                                         : "out of memory");
        folio_fonts_drop(f);
        return FOLIO_EOUTPUT;
    }
    f->hyphen_dicts = text_hyphen_dicts_new();
    if (!(f->fonts = text_fonts_new(f->dir, &d))) {
        folio_fonts_drop(f);
        return FOLIO_EOUTPUT;
    }
    *out = f;
    return FOLIO_OK;
}

void folio_fonts_claim_process(void)
{
    text_fonts_claim_process();
    pdf_finish_claim_process();
}

void folio_fonts_drop(folio_fonts *f)
{
    if (!f)
        return;
    text_fonts_drop(f->fonts);
    text_hyphen_dicts_drop(f->hyphen_dicts);
    free(f->dir);
    free(f);
}

folio_status render_run_open(render_run *r, folio_doc *const *docs, size_t n,
                             const folio_render_options *given, book_output out)
{
    memset(r, 0, sizeof *r);
    if (given)
        r->opt = *given;
    else
        folio_render_options_init(&r->opt);
    folio_render_options *o = &r->opt;
    fdiag *d = &r->diag;
    fdiag_init(d, o->diag, o->diag_user);
    folio_limits_fill(&o->limits);
    if (o->toc_depth <= 0)
        o->toc_depth = OPTIONS_TOC_DEPTH;
    if (o->jobs <= 0)
        o->jobs = (int)g_get_num_processors();
    if (n == 0) {
        fdiag_error(d, "folio", 0, 0, "nothing to render: no documents");
        return FOLIO_EINPUT;
    }
    const folio_style *base = o->style;
    if (!base) {
        folio_options po;
        folio_options_init(&po);
        po.diag = o->diag;
        po.diag_user = o->diag_user;
        folio_status st = folio_style_load(NULL, &po, &r->owned_style);
        if (st != FOLIO_OK)
            return st;
        base = r->owned_style;
    }
    r->style = *base;
    if (o->paper && !style_set_paper(&r->style, o->paper)) {
        fdiag_error(d, "folio", 0, 0, "unknown paper size '%s' (use a4 or letter)", o->paper);
        return FOLIO_EUSAGE;
    }
    if (o->publisher)
        r->style.publisher = o->publisher;
    if (o->fonts) {
        r->fonts_dir = strdup(o->fonts->dir);
        r->fonts = o->fonts->fonts;
        r->hyphen_dicts = o->fonts->hyphen_dicts;
        r->fonts_borrowed = true;
    } else {
        r->fonts_dir = o->fonts_dir ? strdup(o->fonts_dir) : datadir_find("fonts");
        if (!r->fonts_dir) {
            fdiag_error(d, "folio", 0, 0, "cannot find the fonts folder (set FOLIO_DATA_DIR)");
            return FOLIO_EOUTPUT;
        }
        r->hyphen_dicts = text_hyphen_dicts_new();
        if (!(r->fonts = text_fonts_new(r->fonts_dir, d)))
            return FOLIO_EOUTPUT;
    }
    if (!r->fonts_dir) {
        fdiag_error(d, "folio", 0, 0, "out of memory");
        return FOLIO_EOUTPUT;
    }
    int errors = d->errors;
    if (!(r->book = book_new(docs, n, o, &r->style, d))) {
        fdiag_error(d, "folio", 0, 0, "out of memory");
        return FOLIO_EOUTPUT;
    }
    if (d->errors > errors) /* SOURCE_DATE_EPOCH unusable */
        return FOLIO_EUSAGE;
    for (size_t i = 0; i < n; i++)
        book_warn_unprintable(docs[i], r->fonts, out, d);
    if (!(r->resources = book_resources_new(docs, n, o))) {
        fdiag_error(d, "folio", 0, 0, "out of memory");
        return FOLIO_EOUTPUT;
    }
    o->source_date_epoch = r->book->modified;
    book_warn_undescribed(r->book, r->resources);
    return FOLIO_OK;
}

void render_run_close(render_run *r)
{
    book_resources_free(r->resources);
    book_free(r->book);
    if (!r->fonts_borrowed) {
        text_fonts_drop(r->fonts);
        text_hyphen_dicts_drop(r->hyphen_dicts);
    }
    folio_style_drop(r->owned_style);
    free(r->fonts_dir);
    memset(r, 0, sizeof *r);
}

/* The render of n documents to the file at fd (from its position), or in
 * memory (*out malloc'ed) when fd is -1: each backend writes where it
 * best can, the other way is bridged here. */
static folio_status render_to(folio_doc *const *docs, size_t n, folio_format fmt,
                              const folio_render_options *o, int fd, unsigned char **out,
                              size_t *out_len)
{
    if ((unsigned)fmt >= sizeof backends / sizeof *backends || !backends[fmt])
        return FOLIO_EUSAGE;
    const render_backend *be = backends[fmt];
    render_run r;
    folio_status st = render_run_open(
        &r, docs, n, o, fmt == FOLIO_FORMAT_EPUB ? BOOK_OUTPUT_EPUB : BOOK_OUTPUT_PDF);
    if (st == FOLIO_OK && r.opt.jobs > 1)
        book_resources_read_ahead(r.resources); /* the layout finds them read */
    void *self = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    int scratch = -1;
    if (st == FOLIO_OK)
        st = be->new(&r, &self);
    if (st == FOLIO_OK && be->render) {
        st = be->render(self, &data, &len);
    } else if (st == FOLIO_OK) {
        long long start = fd >= 0 ? lseek(fd, 0, SEEK_CUR) : 0;
        if (fd < 0 && (scratch = scratch_open()) < 0) {
            fdiag_error(&r.diag, "folio", 0, 0, "cannot make a scratch file: %s",
                        strerror(errno));
            st = FOLIO_EOUTPUT;
        } else {
            st = be->render_fd(self, fd >= 0 ? fd : scratch);
        }
        long long end = lseek(fd >= 0 ? fd : scratch, 0, SEEK_CUR);
        len = start >= 0 && end >= start ? (size_t)(end - start) : 0; /* (0: a pipe) */
    }
    if (self)
        be->free(self);
    if (st == FOLIO_OK && len > r.opt.limits.max_output_bytes) {
        fdiag_error(&r.diag, "folio", 0, 0, "output of %zu bytes exceeds the limit of %zu bytes",
                    len, r.opt.limits.max_output_bytes);
        st = FOLIO_EOUTPUT;
    }
    bool ok = true;
    if (st == FOLIO_OK && fd < 0 && scratch >= 0)
        ok = fd_read_all(scratch, &data, &len);
    else if (st == FOLIO_OK && fd >= 0 && data)
        ok = fd_write_all(fd, data, len);
    if (!ok) {
        fdiag_error(&r.diag, "folio", 0, 0, "cannot write the output: %s", strerror(errno));
        st = FOLIO_EOUTPUT;
    }
    if (st == FOLIO_OK && fd < 0) {
        *out = data;
        *out_len = len;
        data = NULL;
    }
    free(data);
    if (scratch >= 0)
        close(scratch);
    render_run_close(&r);
    return st;
}

folio_status folio_render(folio_doc *const *docs, size_t n, folio_format fmt,
                          const folio_render_options *o, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    return render_to(docs, n, fmt, o, -1, out, out_len);
}

folio_status folio_render_fd(folio_doc *const *docs, size_t n, folio_format fmt,
                             const folio_render_options *o, int fd)
{
    return render_to(docs, n, fmt, o, fd, NULL, NULL);
}

folio_status folio_dump_book(folio_doc *const *docs, size_t n, const folio_render_options *o,
                             FILE *out)
{
    render_run r;
    folio_status st = render_run_open(&r, docs, n, o, BOOK_OUTPUT_ANY);
    if (st == FOLIO_OK) {
        book_dump(r.book, r.resources, out);
        st = ferror(out) ? FOLIO_EOUTPUT : FOLIO_OK;
    }
    render_run_close(&r);
    return st;
}

folio_status folio_dump_layout(folio_doc *const *docs, size_t n, const folio_render_options *o,
                               FILE *out)
{
    render_run r;
    folio_status st = render_run_open(&r, docs, n, o, BOOK_OUTPUT_PDF);
    if (st == FOLIO_OK)
        st = pdf_dump_layout(&r, out);
    render_run_close(&r);
    return st;
}
