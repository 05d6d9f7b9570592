/* One remote image download with libcurl, under the spec's network rules,
 * revalidating the cached copy when there is one. */
#include "net/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "net/address.h"
#include "net/cache.h"
#include "options.h"
#include "util/buf.h"
#include "util/lazylib.h"

enum { MAX_REDIRECTS = 5, CONNECT_TIMEOUT_MS = 10000, FETCH_PARALLEL = 8 };

typedef struct transfer {
    buf body;
    size_t max_bytes;
    bool too_large;
    bool allow_private, refused_private;
} transfer;

/* libcurl's functions, in the order of init_curl's names: the library is
 * opened the first time an image is fetched (util/lazylib.h), since most
 * runs fetch nothing. */
static struct {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_easy_header) easy_header;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_setopt) easy_setopt;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_getinfo) easy_getinfo;
    __typeof__(&curl_easy_perform) easy_perform;
    __typeof__(&curl_multi_init) multi_init;
    __typeof__(&curl_multi_setopt) multi_setopt;
    __typeof__(&curl_multi_add_handle) multi_add_handle;
    __typeof__(&curl_multi_perform) multi_perform;
    __typeof__(&curl_multi_info_read) multi_info_read;
    __typeof__(&curl_multi_remove_handle) multi_remove_handle;
    __typeof__(&curl_multi_poll) multi_poll;
    __typeof__(&curl_multi_cleanup) multi_cleanup;
} lib;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_status;

static void init_curl(void)
{
    static const char *const names[] = {"curl_global_init", "curl_easy_header", "curl_slist_append", "curl_slist_free_all", "curl_easy_init", "curl_easy_setopt", "curl_easy_cleanup", "curl_easy_getinfo", "curl_easy_perform", "curl_multi_init", "curl_multi_setopt", "curl_multi_add_handle", "curl_multi_perform", "curl_multi_info_read", "curl_multi_remove_handle", "curl_multi_poll", "curl_multi_cleanup"};
    _Static_assert(sizeof lib == sizeof names, "one name per function");
    curl_init_status =
        lazylib_open("libcurl.so.4", names, (void **)&lib, sizeof names / sizeof *names)
            ? lib.global_init(CURL_GLOBAL_DEFAULT)
            : CURLE_FAILED_INIT;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    transfer *t = user;
    size_t len = size * n;
    if (len > t->max_bytes - t->body.len) {
        t->too_large = true;
        return 0; /* aborts the transfer */
    }
    buf_append(&t->body, data, len);
    return len;
}

/* Every connection (first request, redirects, each address tried) comes
 * here with the resolved address: refuse private ones before connecting. */
static curl_socket_t open_socket(void *user, curlsocktype purpose, struct curl_sockaddr *addr)
{
    transfer *t = user;
    if (!t->allow_private && fnet_address_is_private(&addr->addr, addr->addrlen)) {
        t->refused_private = true;
        return CURL_SOCKET_BAD;
    }
    return socket(addr->family, addr->socktype, addr->protocol);
}

static char *header_value(CURL *curl, const char *name)
{
    struct curl_header *h;
    if (lib.easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
        return NULL;
    return strdup(h->value);
}

static bool starts_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static const char *curl_reason(CURLcode rc, const transfer *t)
{
    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED)
        return "download too large";
    if (t->refused_private)
        return "private or local address refused";
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL: return "redirect to a refused scheme (http and https only)";
    case CURLE_TOO_MANY_REDIRECTS: return "too many redirects";
    case CURLE_OPERATION_TIMEDOUT: return "download timed out";
    case CURLE_COULDNT_RESOLVE_HOST: return "host not found";
    case CURLE_COULDNT_CONNECT: return "could not connect";
    case CURLE_URL_MALFORMAT: return "malformed URL";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR: return "TLS failure";
    default: return "download failed";
    }
}

static const char *status_reason(long status)
{
    if (status == 404 || status == 410)
        return "not found on the server (HTTP 404)";
    if (status == 401 || status == 403)
        return "access refused by the server";
    if (status >= 300 && status < 400)
        return "unfollowed redirect";
    return "server error";
}

/* One download: its handle, what it gathers, and its cached copy. */
typedef struct fetch_job {
    const fnet_request *rq;
    CURL *curl;
    transfer t;
    char *cache_path;
    fnet_cached cached;
    bool have_cached;
    struct curl_slist *headers;
} fetch_job;

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    char *h = malloc(strlen(name) + strlen(value) + 3);
    if (!h)
        return l;
    sprintf(h, "%s: %s", name, value);
    l = lib.slist_append(l, h);
    free(h);
    return l;
}

/* Prepares j's handle for rq with at most timeout_ms for the whole
 * transfer; false with *why set when it cannot even start. */
static bool job_start(fetch_job *j, const fnet_request *rq, long timeout_ms, const char **why)
{
    memset(j, 0, sizeof *j);
    j->rq = rq;
    bool https = starts_nocase(rq->url, "https://");
    if (!https && !starts_nocase(rq->url, "http://")) {
        *why = "URL scheme refused (http and https only)";
        return false;
    }
    pthread_once(&curl_once, init_curl);
    if (curl_init_status != CURLE_OK) {
        *why = "network library failed to start";
        return false;
    }
    if (!(j->curl = lib.easy_init())) {
        *why = "out of memory";
        return false;
    }
    j->cache_path = fnet_cache_path(rq->cache_dir, rq->url);
    j->have_cached =
        j->cache_path && fnet_cache_read(j->cache_path, rq->url, rq->max_bytes, &j->cached);
    if (j->have_cached && j->cached.etag)
        j->headers = add_header(j->headers, "If-None-Match", j->cached.etag);
    if (j->have_cached && j->cached.last_modified)
        j->headers = add_header(j->headers, "If-Modified-Since", j->cached.last_modified);

    j->t = (transfer){.max_bytes = rq->max_bytes, .allow_private = rq->allow_private_hosts};
    CURL *curl = j->curl;
    lib.easy_setopt(curl, CURLOPT_URL, rq->url);
    lib.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    /* Redirects stay on http(s), and never downgrade https to http. */
    lib.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
    lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    lib.easy_setopt(curl, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    /* A proxy would be the address checked instead of the real target. */
    lib.easy_setopt(curl, CURLOPT_PROXY, "");
    lib.easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    lib.easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &j->t);
    lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     timeout_ms < CONNECT_TIMEOUT_MS ? timeout_ms : (long)CONNECT_TIMEOUT_MS);
    lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
    lib.easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)rq->max_bytes);
    lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    lib.easy_setopt(curl, CURLOPT_WRITEDATA, &j->t);
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, j->headers);
    lib.easy_setopt(curl, CURLOPT_USERAGENT, "folio (+remote images)");
    lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    return true;
}

static void job_free(fetch_job *j)
{
    buf_free(&j->t.body);
    fnet_cached_free(&j->cached);
    lib.slist_free_all(j->headers);
    free(j->cache_path);
    if (j->curl)
        lib.easy_cleanup(j->curl);
    memset(j, 0, sizeof *j);
}

/* The outcome of j's transfer (rc): the body on success (*data malloc'ed),
 * the cache brought up to date; j is freed either way. */
static bool job_finish(fetch_job *j, CURLcode rc, unsigned char **data, size_t *len,
                       const char **why)
{
    long status = 0;
    lib.easy_getinfo(j->curl, CURLINFO_RESPONSE_CODE, &status);
    bool ok = false;
    if (rc != CURLE_OK) {
        *why = curl_reason(rc, &j->t);
    } else if (status == 304 && j->have_cached) {
        *data = j->cached.body;
        *len = j->cached.len;
        j->cached.body = NULL;
        ok = true;
    } else if (status == 200) {
        fnet_cached fresh = {header_value(j->curl, "ETag"), header_value(j->curl, "Last-Modified"),
                             (unsigned char *)j->t.body.data, j->t.body.len};
        /* Without validators a copy could never be revalidated: drop it. */
        if (j->cache_path && (fresh.etag || fresh.last_modified))
            fnet_cache_write(j->cache_path, j->rq->url, &fresh);
        else if (j->cache_path && j->have_cached)
            unlink(j->cache_path);
        free(fresh.etag);
        free(fresh.last_modified);
        *len = j->t.body.len;
        *data = (unsigned char *)buf_detach(&j->t.body);
        if (!*data)
            *data = calloc(1, 1);
        ok = *data != NULL;
        if (!ok)
            *why = "out of memory";
    } else {
        *why = status_reason(status);
    }
    job_free(j);
    return ok;
}

static long request_timeout(const fnet_request *rq)
{
    folio_limits defaults = {0};
    folio_limits_fill(&defaults);
    return rq->timeout_ms > 0 ? rq->timeout_ms : (long)defaults.fetch_timeout_ms;
}

bool fnet_fetch(const fnet_request *rq, unsigned char **data, size_t *len, const char **why)
{
    fetch_job j;
    if (!job_start(&j, rq, request_timeout(rq), why)) {
        job_free(&j);
        return false;
    }
    return job_finish(&j, lib.easy_perform(j.curl), data, len, why);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void fnet_fetch_many(const fnet_request *rqs, size_t n, long total_ms, fnet_result *out)
{
    memset(out, 0, n * sizeof *out);
    fetch_job *jobs = calloc(n ? n : 1, sizeof *jobs);
    CURLM *multi = NULL;
    if (n)
        pthread_once(&curl_once, init_curl);
    if (n && (!jobs || curl_init_status != CURLE_OK || !(multi = lib.multi_init()))) {
        for (size_t i = 0; i < n; i++)
            out[i].why = jobs ? "network library failed to start" : "out of memory";
        free(jobs);
        return;
    }
    long deadline = now_ms() + total_ms;
    if (multi) {
        lib.multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)FETCH_PARALLEL);
        lib.multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_PARALLEL);
    }
    size_t running = 0;
    for (size_t i = 0; i < n; i++) {
        /* Each its own timeout; the run's deadline is the loop's below. */
        if (!job_start(&jobs[i], &rqs[i], request_timeout(&rqs[i]), &out[i].why)) {
            job_free(&jobs[i]);
            continue;
        }
        lib.easy_setopt(jobs[i].curl, CURLOPT_PRIVATE, (void *)&jobs[i]);
        lib.multi_add_handle(multi, jobs[i].curl);
        running++;
    }
    while (running > 0) {
        int still;
        lib.multi_perform(multi, &still);
        CURLMsg *msg;
        int left;
        while ((msg = lib.multi_info_read(multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            fetch_job *j;
            lib.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
            size_t i = (size_t)(j - jobs);
            CURLcode rc = msg->data.result;
            lib.multi_remove_handle(multi, j->curl);
            if (!job_finish(j, rc, &out[i].data, &out[i].len, &out[i].why))
                out[i].data = NULL;
            running--;
        }
        long left_ms = deadline - now_ms();
        if (running > 0 && left_ms <= 0)
            break;
        if (running > 0)
            lib.multi_poll(multi, NULL, 0, (int)(left_ms < 1000 ? left_ms : 1000), NULL);
    }
    /* Past the deadline: what is still on its way is given up. */
    for (size_t i = 0; i < n; i++) {
        if (!jobs[i].curl)
            continue;
        lib.multi_remove_handle(multi, jobs[i].curl);
        job_free(&jobs[i]);
        out[i].why = "download timed out (the run's time for remote images is over)";
    }
    if (multi)
        lib.multi_cleanup(multi);
    free(jobs);
}

void fnet_results_free(fnet_result *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(r[i].data);
}
