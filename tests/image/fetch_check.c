/* Remote images against tests/image/server.py: run as
 * `server.py DIR image_fetch_check CACHE_DIR` (the server appends its base
 * URL). Every case goes through fimg_load as the backends call it. */
#include <stdlib.h>
#include <string.h>

#include "../unit/check.h"
#include "book/resources.h"
#include "doc/doc.h"
#include "doc/tree.h"
#include "image/image.h"
#include "image/remote.h"
#include "net/fetch.h"
#include "util/buf.h"

static const char *base;
static folio_limits limits;
static fimg_source where = {.limits = &limits};

static char *url(const char *path)
{
    static char u[256];
    snprintf(u, sizeof u, "%s%s", base, path);
    return u;
}

/* The server's counters ("requests=N 200=N 304=N"), fetched directly. */
static void stats(int *requests, int *ok, int *not_modified)
{
    fnet_request rq = {url("/stats"), true, NULL, 4096, 5000};
    unsigned char *data = NULL;
    size_t len;
    const char *why;
    *requests = *ok = *not_modified = -1;
    if (fnet_fetch(&rq, &data, &len, &why)) {
        char *text = strndup((const char *)data, len);
        if (sscanf(text, "requests=%d 200=%d 304=%d", requests, ok, not_modified) != 3)
            *requests = -1;
        free(text);
    }
    free(data);
}

static void check_fails(const char *path, const char *want)
{
    fimg_bytes b;
    const char *why = NULL;
    bool ok = fimg_load(&where, url(path), &b, &why);
    CHECK(!ok);
    if (ok)
        fimg_bytes_free(&b);
    printf("%s: %s\n", path, why ? why : "(loaded)");
    CHECK_STR(why, want);
}

static void check_good(const char *path)
{
    fimg_bytes b;
    const char *why = NULL;
    bool ok = fimg_load(&where, url(path), &b, &why);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "%s: %s\n", path, why);
        return;
    }
    CHECK(b.format == FIMG_PNG && b.width == 16 && b.height == 8);
    CHECK_STR(b.where, url(path));
    cairo_surface_t *s = fimg_decode(&b, &limits, 0, 0, &why);
    CHECK(s != NULL);
    if (s)
        cairo_surface_destroy(s);
    fimg_bytes_free(&b);
}

/* The server's highest number of requests served at the same time. */
static int max_inflight(void)
{
    fnet_request rq = {url("/stats"), true, NULL, 4096, 5000};
    unsigned char *data = NULL;
    size_t len;
    const char *why;
    int n = -1;
    if (fnet_fetch(&rq, &data, &len, &why)) {
        char *text = strndup((const char *)data, len);
        const char *m = text ? strstr(text, "max_inflight=") : NULL;
        n = m ? atoi(m + 13) : -1;
        free(text);
    }
    free(data);
    return n;
}

/* A run's remote images: six slow hosts (2 s each) fetched together, and
 * two slower than the run's 3 s deadline, given up when it passes, not
 * after their own timeout each (before: 30 s per image, one after another). */
static void check_run(const char *cache)
{
    buf md = {0};
    for (int i = 0; i < 6; i++)
        buf_printf(&md, "![lent %d](%s/wait/2/i%d.png)\n\n", i, base, i);
    for (int i = 0; i < 2; i++)
        buf_printf(&md, "![trop lent %d](%s/wait/5/h%d.png)\n\n", i, base, i);
    folio_options o;
    folio_options_init(&o);
    folio_doc *d = NULL;
    CHECK(folio_parse_memory(md.data, md.len, "run.md", NULL, &o, &d) == FOLIO_OK);
    buf_free(&md);
    if (!d)
        return;
    /* the run's resolver, as the backends have it: every download up front */
    folio_render_options ro;
    folio_render_options_init(&ro);
    ro.fetch_remote = 1;
    ro.allow_private_hosts = 1;
    ro.cache_dir = cache;
    ro.limits.fetch_timeout_ms = 4500;
    ro.limits.fetch_total_ms = 3000;
    book_resources *r = book_resources_new(&d, 1, &ro);
    CHECK(r != NULL);
    int loaded = 0, late = 0;
    for (const fnode *n = d->root; r && n; n = fnode_next(d->root, n, false)) {
        if (n->type != FN_IMAGE && n->type != FN_FIGURE)
            continue;
        const char *why = NULL;
        if (book_image(r, 0, n->as.image->src, &why)) {
            loaded++;
            CHECK(strstr(n->as.image->src, "/wait/2/") != NULL);
        } else {
            late++;
            CHECK(strstr(n->as.image->src, "/wait/5/") != NULL);
            CHECK_STR(why, "download timed out (the run's time for remote images is over)");
        }
    }
    CHECK(loaded == 6 && late == 2);
    int most = max_inflight();
    printf("slow hosts: %d loaded, %d given up, %d at once\n", loaded, late, most);
    CHECK(most >= 4);
    book_resources_free(r);
    folio_doc_drop(d);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: image_fetch_check CACHE_DIR BASE_URL\n");
        return 2;
    }
    base = argv[2];
    where.cache_dir = argv[1];
    limits.max_image_bytes = 1 << 20;
    limits.fetch_timeout_ms = 1500;
    int req0, req1, ok, nm;

    /* Never a fetch without the flag. */
    stats(&req0, &ok, &nm);
    CHECK(req0 == 0);
    check_fails("/good.png", "remote image (use --fetch-remote)");
    where.fetch_remote = true;
    /* 127.0.0.1 is refused unless private hosts are allowed. */
    check_fails("/good.png", "private or local address refused");
    stats(&req1, &ok, &nm);
    CHECK(req1 == req0);

    where.allow_private_hosts = true;
    check_good("/good.png");           /* 200, cached with its ETag */
    check_good("/good.png");           /* revalidated: 304, body from the cache */
    stats(&req1, &ok, &nm);
    CHECK(ok == 1 && nm == 1);
    check_good("/redirect-good");      /* another URL, another cache entry: 200 */
    stats(&req1, &ok, &nm);
    CHECK(ok == 2 && nm == 1);
    check_fails("/missing.png", "not found on the server (HTTP 404)");
    check_fails("/wrong.png", "not an image (unknown format)");
    check_fails("/big.png", "download too large");
    check_fails("/big-stream.png", "download too large");
    check_fails("/slow.png", "download timed out");
    check_fails("/loop", "too many redirects");
    check_fails("/to-file", "redirect to a refused scheme (http and https only)");
    check_fails("/nothing-listens-here", "not found on the server (HTTP 404)");

    /* A closed port: nothing listens on port 1. */
    fimg_bytes b;
    const char *why = NULL;
    CHECK(!fimg_load(&where, "http://127.0.0.1:1/x.png", &b, &why));
    CHECK_STR(why, "could not connect");

    check_run(argv[1]);
    return check_done();
}
