/* The folio command: a thin client of libfolio. It turns arguments into
 * options, prints diagnostics, and maps outcomes to exit codes
 * (0 ok, 1 input errors, 2 usage, 3 output not written). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "folio.h"
#include "repeats.h"

typedef struct cli_state {
    const cli_args *args;
    int errors, warnings;
    bool progress_shown;
    repeats repeats; /* warnings of each kind: past the first few, only counted */
} cli_state;

static void print_diag(const folio_diag *d, void *user)
{
    cli_state *s = user;
    if (d->severity == FOLIO_ERROR)
        s->errors++;
    else
        s->warnings++;
    if (d->severity == FOLIO_WARNING && (s->args->quiet || !repeats_show(&s->repeats, d)))
        return;
    if (s->progress_shown) {
        fputs("\r\033[K", stderr);
        s->progress_shown = false;
    }
    folio_diag_print(d, stderr);
}

static void print_progress(size_t done, size_t total, void *user)
{
    cli_state *s = user;
    fprintf(stderr, "\r\033[Kfolio: issue %zu of %zu", done, total);
    s->progress_shown = done < total;
    if (done == total)
        fputc('\n', stderr);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct doc_set {
    folio_doc **docs;
    size_t n;
} doc_set;

static void doc_set_free(doc_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        folio_doc_drop(s->docs[i]);
    free(s->docs);
}

/* One input of several, parsed on any of parse_inputs' threads, its
 * messages held until the inputs before it have printed theirs. */
typedef struct parsed {
    const char *path;
    folio_options o; /* the caller's, its messages held */
    folio_diag *held; /* copies: file and message malloc'ed */
    size_t n_held, cap_held;
    folio_status st;
    folio_doc *doc;
    double ms;
} parsed;

typedef struct parse_pool {
    parsed *items;
    size_t n, next; /* next: the first input no thread took yet (under lock) */
    pthread_mutex_t lock;
} parse_pool;

static void hold_diag(const folio_diag *d, void *user)
{
    parsed *p = user;
    if (p->n_held == p->cap_held) {
        p->cap_held = p->cap_held ? 2 * p->cap_held : 8;
        p->held = realloc(p->held, p->cap_held * sizeof *p->held);
        if (!p->held)
            abort();
    }
    folio_diag *c = &p->held[p->n_held++];
    *c = *d;
    c->file = strdup(d->file);
    c->message = strdup(d->message);
    if (!c->file || !c->message)
        abort();
}

static void parse_one(parsed *p)
{
    double t0 = now_ms();
    p->st = folio_parse_file(p->path, &p->o, &p->doc); /* "-": stdin */
    p->ms = now_ms() - t0;
}

static void *parse_some(void *data)
{
    parse_pool *pool = data;
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        size_t i = pool->next++;
        pthread_mutex_unlock(&pool->lock);
        if (i >= pool->n)
            return NULL;
        parse_one(&pool->items[i]);
    }
}

/* Every input parsed, on up to jobs threads (this one among them). */
static parsed *parse_all(char **paths, size_t n, const folio_options *o, int jobs)
{
    parsed *items = calloc(n, sizeof *items);
    if (!items)
        abort();
    for (size_t i = 0; i < n; i++) {
        items[i] = (parsed){.path = paths[i], .o = *o};
        items[i].o.diag = hold_diag;
        items[i].o.diag_user = &items[i];
    }
    parse_pool pool = {.items = items, .n = n};
    pthread_mutex_init(&pool.lock, NULL);
    size_t helpers = (size_t)jobs - 1 < n - 1 ? (size_t)jobs - 1 : n - 1;
    pthread_t *threads = calloc(helpers ? helpers : 1, sizeof *threads);
    if (!threads)
        abort();
    size_t started = 0;
    while (started < helpers && pthread_create(&threads[started], NULL, parse_some, &pool) == 0)
        started++;
    parse_some(&pool);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    pthread_mutex_destroy(&pool.lock);
    return items;
}

/* Collects and parses every input; all are parsed even after an error so
 * that the user sees every problem at once, in the inputs' order. Several
 * inputs (a year's issues) are parsed on the run's threads. */
static folio_status parse_inputs(const cli_args *a, const folio_options *o, doc_set *out)
{
    char **paths;
    size_t n;
    folio_status st = folio_collect_sources(a->inputs, a->n_inputs, o, &paths, &n);
    if (st != FOLIO_OK)
        return st;
    /* a book leaves listing pages out (folio_select_documents): theirs are not read */
    folio_options one = *o;
    one.compilation = n > 1 || a->n_inputs > 1 || a->year > 0;
    o = &one;
    out->docs = calloc(n ? n : 1, sizeof *out->docs);
    out->n = 0;
    int jobs = a->jobs > 0 ? a->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    parsed *items = NULL;
    if (n > 1 && jobs > 1)
        items = parse_all(paths, n, o, jobs);
    for (size_t i = 0; i < n; i++) {
        parsed one = {.path = paths[i], .o = *o};
        parsed *p = items ? &items[i] : &one;
        if (!items)
            parse_one(p);
        for (size_t k = 0; k < p->n_held; k++) {
            if (o->diag)
                o->diag(&p->held[k], o->diag_user);
            else
                folio_diag_print(&p->held[k], stderr);
            free((char *)p->held[k].file);
            free((char *)p->held[k].message);
        }
        free(p->held);
        if (p->st != FOLIO_OK) {
            st = p->st;
            continue;
        }
        if (a->verbose) {
            fputs("folio: parsed ", stderr);
            folio_print_escaped(paths[i], stderr);
            fprintf(stderr, " in %.1f ms\n", p->ms);
        }
        out->docs[out->n++] = p->doc;
    }
    free(items);
    folio_paths_free(paths, n);
    return st;
}

static int run_dump(const cli_args *a, const folio_options *o, const folio_render_options *ro)
{
    doc_set set = {0};
    folio_status st = parse_inputs(a, o, &set);
    if (st == FOLIO_OK) {
        /* the chapters in the order a conversion puts them */
        if (a->dump != DUMP_TREE && a->dump != DUMP_JSON && (set.n > 1 || a->year > 0))
            set.n = folio_select_documents(set.docs, set.n, a->drafts, a->year);
        if (set.n == 0)
            st = FOLIO_EINPUT;
        else if (a->dump == DUMP_LAYOUT)
            st = folio_dump_layout(set.docs, set.n, ro, stdout);
        else if (a->dump == DUMP_BOOK)
            st = folio_dump_book(set.docs, set.n, ro, stdout);
        else
            st = folio_dump(set.docs[0], a->dump == DUMP_JSON ? FOLIO_DUMP_JSON : FOLIO_DUMP_TREE,
                            stdout);
    }
    doc_set_free(&set);
    return st;
}

static int run_check(const cli_args *a, const folio_options *o,
                     const folio_render_options *ro, cli_state *s)
{
    doc_set set = {0};
    folio_status st = parse_inputs(a, o, &set);
    if (set.n > 0) {
        folio_status c = folio_check(set.docs, set.n, ro);
        if (st == FOLIO_OK)
            st = c;
    }
    doc_set_free(&set);
    repeats_flush(&s->repeats, stderr);
    if (st == FOLIO_OK && s->warnings > 0)
        st = FOLIO_EINPUT; /* a lint that found problems fails */
    if (!a->quiet)
        fprintf(stderr, "folio: %d error%s, %d warning%s\n", s->errors, s->errors == 1 ? "" : "s",
                s->warnings, s->warnings == 1 ? "" : "s");
    return st;
}

/* "PATH: error: cannot write the output: WHY", escaped as every diagnostic. */
static void output_error(const char *path, const char *why)
{
    char msg[512];
    snprintf(msg, sizeof msg, "cannot write the output: %s", why);
    folio_diag d = {FOLIO_ERROR, path, 0, 0, msg, NULL};
    folio_diag_print(&d, stderr);
}

/* Refuses an output that is one of the files this run reads (compared by
 * device and inode, so another name or a link to it is caught too). */
static bool output_is_new(const cli_args *a, const doc_set *set)
{
    if (strcmp(a->output, "-") == 0)
        return true;
    struct stat out, style;
    if (stat(a->output, &out) != 0)
        return true;
    const char *reader = NULL;
    for (size_t i = 0; i < set->n && !reader; i++)
        if (folio_doc_reads_file(set->docs[i], a->output))
            reader = folio_doc_path(set->docs[i]);
    if (!reader && a->style && stat(a->style, &style) == 0 && style.st_dev == out.st_dev &&
        style.st_ino == out.st_ino)
        reader = "--style";
    if (!reader)
        return true;
    char msg[512];
    snprintf(msg, sizeof msg, "the output is a file this run reads (%s); refusing to overwrite it",
             reader);
    folio_diag d = {FOLIO_ERROR, a->output, 0, 0, msg, NULL};
    folio_diag_print(&d, stderr);
    return false;
}

/* folio_write_file (data, or the whole file at fd when data is NULL) with
 * the termination signals held back: an interrupt cannot land between the
 * temporary file's creation and its rename or removal (a signal that
 * arrives meanwhile is delivered right after). */
static folio_status write_output(const char *path, const void *data, size_t len, int fd)
{
    sigset_t hold, old;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGHUP);
    sigaddset(&hold, SIGQUIT);
    sigprocmask(SIG_BLOCK, &hold, &old);
    folio_status st = data ? folio_write_file(path, data, len) : folio_write_file_fd(path, fd);
    int err = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return st;
}

static int run_convert(const cli_args *a, const folio_options *o, folio_render_options *ro,
                       cli_state *s)
{
    doc_set set = {0};
    folio_status st = parse_inputs(a, o, &set);
    if (st != FOLIO_OK) {
        doc_set_free(&set);
        return st;
    }
    if (!output_is_new(a, &set)) {
        doc_set_free(&set);
        return FOLIO_EUSAGE;
    }
    /* A folder that cannot take the output is known before any rendering. */
    if (folio_output_prepare(a->output) != FOLIO_OK) {
        output_error(a->output, errno == EISDIR ? "it is a folder" : strerror(errno));
        doc_set_free(&set);
        return FOLIO_EOUTPUT;
    }
    bool compilation = set.n > 1 || a->n_inputs > 1 || a->year > 0;
    if (compilation) {
        set.n = folio_select_documents(set.docs, set.n, a->drafts, a->year);
        if (set.n == 0) {
            fprintf(stderr, "folio: error: no issue left to compile%s%s\n",
                    a->year ? " for that year" : "", a->drafts ? "" : " (drafts are left out; --drafts keeps them)");
            doc_set_free(&set);
            return FOLIO_EINPUT;
        }
        if (isatty(STDERR_FILENO) && !a->quiet) {
            ro->progress = print_progress;
            ro->progress_user = s;
        }
    }
    double t0 = now_ms();
    unsigned char *data = NULL;
    size_t len = 0;
    int scratch = -1;
    folio_format fmt = strcmp(a->to, "epub") == 0 ? FOLIO_FORMAT_EPUB : FOLIO_FORMAT_PDF;
    if (fmt == FOLIO_FORMAT_PDF) {
        /* a PDF goes to a scratch file as it is made (a long one is never
         * whole in memory), copied to its place at the end: written
         * straight into the output's temporary file, it would be left
         * behind by a signal during the rendering */
        if ((scratch = folio_scratch_open()) < 0) {
            output_error(a->output, strerror(errno));
            doc_set_free(&set);
            return FOLIO_EOUTPUT;
        }
        struct stat written;
        st = folio_render_fd(set.docs, set.n, fmt, ro, scratch);
        len = st == FOLIO_OK && fstat(scratch, &written) == 0 ? (size_t)written.st_size : 0;
        if (st == FOLIO_EOUTPUT) /* (a full disk: the scratch files are written first) */
            output_error(a->output, "not written; the previous file, if any, is kept");
    } else {
        st = folio_render(set.docs, set.n, fmt, ro, &data, &len);
    }
    if (st == FOLIO_OK) {
        if (write_output(a->output, data, len, scratch) != FOLIO_OK) {
            output_error(a->output, strerror(errno));
            st = FOLIO_EOUTPUT;
        } else if (a->verbose) {
            fputs("folio: wrote ", stderr);
            folio_print_escaped(a->output, stderr);
            fprintf(stderr, " (%zu bytes, %zu source%s) in %.1f ms\n", len, set.n,
                    set.n == 1 ? "" : "s", now_ms() - t0);
        }
    }
    free(data);
    if (scratch >= 0)
        close(scratch);
    doc_set_free(&set);
    return st;
}

int main(int argc, char **argv)
{
    cli_args a;
    if (!cli_parse_args(argc, argv, &a)) {
        cli_args_free(&a);
        return FOLIO_EUSAGE;
    }
    if (a.command == CMD_HELP || a.command == CMD_VERSION) {
        if (a.command == CMD_HELP)
            cli_print_help();
        else
            printf("folio %s\n", FOLIO_VERSION);
        cli_args_free(&a);
        return 0;
    }

    /* Over a file-size limit (ulimit -f) write() raises SIGXFSZ, which would
     * kill folio with a temporary file half written; ignored, the write
     * fails with EFBIG as on a full disk. */
    signal(SIGXFSZ, SIG_IGN);
    folio_fonts_claim_process();
    cli_state s = {.args = &a};
    folio_options o;
    folio_options_init(&o);
    o.lang = a.lang;
    o.fix_encoding = a.fix_encoding;
    o.base_url = a.base_url;
    o.diag = print_diag;
    o.diag_user = &s;

    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.title = a.title;
    ro.publisher = a.publisher;
    ro.toc = a.toc;
    ro.toc_depth = a.toc_depth;
    ro.paper = a.paper;
    ro.pdfa = a.pdfa || a.attach_source;
    ro.attach_source = a.attach_source;
    ro.embed_fonts = a.embed_fonts;
    ro.resource_paths = a.resource_paths;
    ro.n_resource_paths = a.n_resource_paths;
    ro.fetch_remote = a.fetch_remote;
    ro.allow_private_hosts = a.allow_private_hosts;
    ro.jobs = a.jobs;
    ro.diag = print_diag;
    ro.diag_user = &s;

    folio_style *style = NULL;
    int rc;
    if (a.style && folio_style_load(a.style, &o, &style) != FOLIO_OK) {
        rc = FOLIO_EINPUT;
    } else {
        ro.style = style;
        switch (a.command) {
        case CMD_DUMP: rc = run_dump(&a, &o, &ro); break;
        case CMD_CHECK: rc = run_check(&a, &o, &ro, &s); break;
        default: rc = run_convert(&a, &o, &ro, &s); break;
        }
    }
    repeats_flush(&s.repeats, stderr);
    folio_style_drop(style);
    cli_args_free(&a);
    return rc;
}
