/* One remote image download with libcurl, under the spec's network rules,
 * revalidating the cached copy when there is one. */
#include "net/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "net/address.h"
#include "net/cache.h"
#include "util/buf.h"

enum { MAX_REDIRECTS = 5, CONNECT_TIMEOUT_MS = 10000 };

typedef struct transfer {
    buf body;
    size_t max_bytes;
    bool too_large;
    bool allow_private, refused_private;
} transfer;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_status;

static void init_curl(void)
{
    curl_init_status = curl_global_init(CURL_GLOBAL_DEFAULT);
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
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
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

bool fnet_fetch(const fnet_request *rq, unsigned char **data, size_t *len, const char **why)
{
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
    CURL *curl = curl_easy_init();
    if (!curl) {
        *why = "out of memory";
        return false;
    }

    char *cache_path = fnet_cache_path(rq->cache_dir, rq->url);
    fnet_cached cached = {0};
    bool have_cached = cache_path && fnet_cache_read(cache_path, rq->url, rq->max_bytes, &cached);
    struct curl_slist *headers = NULL;
    if (have_cached && cached.etag) {
        char *h = malloc(strlen(cached.etag) + 32);
        if (h) {
            strcpy(h, "If-None-Match: ");
            strcat(h, cached.etag);
            headers = curl_slist_append(headers, h);
            free(h);
        }
    }
    if (have_cached && cached.last_modified) {
        char *h = malloc(strlen(cached.last_modified) + 32);
        if (h) {
            strcpy(h, "If-Modified-Since: ");
            strcat(h, cached.last_modified);
            headers = curl_slist_append(headers, h);
            free(h);
        }
    }

    transfer t = {.max_bytes = rq->max_bytes, .allow_private = rq->allow_private_hosts};
    long timeout = rq->timeout_ms > 0 ? rq->timeout_ms : 30000;
    curl_easy_setopt(curl, CURLOPT_URL, rq->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    /* Redirects stay on http(s), and never downgrade https to http. */
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    /* A proxy would be the address checked instead of the real target. */
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &t);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     timeout < CONNECT_TIMEOUT_MS ? timeout : (long)CONNECT_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)rq->max_bytes);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "folio (+remote images)");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);

    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    bool ok = false;
    if (rc != CURLE_OK) {
        *why = curl_reason(rc, &t);
    } else if (status == 304 && have_cached) {
        *data = cached.body;
        *len = cached.len;
        cached.body = NULL;
        ok = true;
    } else if (status == 200) {
        fnet_cached fresh = {header_value(curl, "ETag"), header_value(curl, "Last-Modified"),
                             (unsigned char *)t.body.data, t.body.len};
        /* Without validators a copy could never be revalidated: drop it. */
        if (cache_path && (fresh.etag || fresh.last_modified))
            fnet_cache_write(cache_path, rq->url, &fresh);
        else if (cache_path && have_cached)
            unlink(cache_path);
        free(fresh.etag);
        free(fresh.last_modified);
        *len = t.body.len;
        *data = (unsigned char *)buf_detach(&t.body);
        if (!*data)
            *data = calloc(1, 1);
        ok = *data != NULL;
        if (!ok)
            *why = "out of memory";
    } else {
        *why = status_reason(status);
    }
    buf_free(&t.body);
    fnet_cached_free(&cached);
    curl_slist_free_all(headers);
    free(cache_path);
    curl_easy_cleanup(curl);
    return ok;
}
