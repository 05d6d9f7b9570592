/* include/folio.h promises that separate documents may be used from
 * separate threads. Two threads each parse one document and render it to a
 * PDF and an EPUB, at the same time, several rounds; every output must be
 * byte for byte the one a lone run gives. Shared state in the library (an
 * environment variable, a signal mask, a cache without a lock) shows up as
 * a different file here, and as a data race under ThreadSanitizer (the Tsan
 * build: cmake -DCMAKE_BUILD_TYPE=Tsan, run by .ci/run). */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folio.h"

typedef struct job {
    const char *path;
    unsigned char *out[2]; /* PDF, EPUB */
    size_t len[2];
    folio_status status;
} job;

static void quiet(const folio_diag *d, void *user) { (void)d, (void)user; }

/* Parse and render one document; everything it uses is its own. */
static void *convert(void *arg)
{
    job *j = arg;
    folio_options o;
    folio_options_init(&o);
    o.diag = quiet;
    folio_doc *doc = NULL;
    j->status = folio_parse_file(j->path, &o, &doc);
    if (j->status != FOLIO_OK)
        return NULL;
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.diag = quiet;
    ro.source_date_epoch = 1700000000;
    for (int fmt = FOLIO_FORMAT_PDF; fmt <= FOLIO_FORMAT_EPUB && j->status == FOLIO_OK; fmt++)
        j->status = folio_render(&doc, 1, (folio_format)fmt, &ro, &j->out[fmt], &j->len[fmt]);
    folio_doc_drop(doc);
    return NULL;
}

static void job_free(job *j)
{
    for (int f = 0; f < 2; f++)
        free(j->out[f]);
}

static bool same_output(const job *a, const job *b)
{
    for (int f = 0; f < 2; f++)
        if (a->len[f] != b->len[f] || !a->out[f] || !b->out[f] ||
            memcmp(a->out[f], b->out[f], a->len[f]) != 0)
            return false;
    return true;
}

int main(void)
{
    /* Different documents: one in French with images (a photo, a missing
     * one, a broken one, a remote one), one long in English. */
    const char *paths[2] = {FOLIO_TESTS_DIR "/pdf/issue_fr.md", FOLIO_TESTS_DIR "/pdf/long_en.md"};
    job alone[2] = {{.path = paths[0]}, {.path = paths[1]}};
    for (int i = 0; i < 2; i++) {
        convert(&alone[i]);
        CHECK(alone[i].status == FOLIO_OK);
        CHECK(alone[i].len[FOLIO_FORMAT_PDF] > 1000 && alone[i].len[FOLIO_FORMAT_EPUB] > 1000);
    }
    for (int round = 0; round < 3; round++) {
        job together[2] = {{.path = paths[0]}, {.path = paths[1]}};
        pthread_t t[2];
        int started[2];
        for (int i = 0; i < 2; i++)
            started[i] = pthread_create(&t[i], NULL, convert, &together[i]) == 0;
        for (int i = 0; i < 2; i++) {
            CHECK(started[i]);
            if (started[i])
                pthread_join(t[i], NULL);
            CHECK(together[i].status == FOLIO_OK);
            if (!same_output(&together[i], &alone[i]))
                fprintf(stderr, "round %d: %s differs from a lone run\n", round, paths[i]);
            CHECK(same_output(&together[i], &alone[i]));
            job_free(&together[i]);
        }
    }
    for (int i = 0; i < 2; i++)
        job_free(&alone[i]);
    return check_done();
}
