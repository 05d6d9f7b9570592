/* The remote image cache. File layout:
 *   folio-cache 1\n url URL\n etag VALUE\n last-modified VALUE\n \n BODY
 * (etag and last-modified lines only when known). */
#include "net/cache.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/path.h"

static const char MAGIC[] = "folio-cache 1\n";

char *fnet_cache_path(const char *dir, const char *url)
{
    char *base = dir ? strdup(dir) : path_user_cache();
    if (!base)
        return NULL;
    gchar *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, url, -1);
    char *name = sum ? g_strconcat(sum, ".img", NULL) : NULL;
    char *path = name ? path_join(base, name) : NULL;
    g_free(name);
    g_free(sum);
    free(base);
    return path;
}

/* The value of the header line "key VALUE\n" at *p, advancing *p. */
static bool read_field(const char **p, const char *end, const char *key, char **value)
{
    size_t kl = strlen(key);
    if ((size_t)(end - *p) <= kl || memcmp(*p, key, kl) != 0 || (*p)[kl] != ' ')
        return false;
    const char *v = *p + kl + 1, *nl = memchr(v, '\n', (size_t)(end - v));
    if (!nl)
        return false;
    *value = strndup(v, (size_t)(nl - v));
    *p = nl + 1;
    return *value != NULL;
}

bool fnet_cache_read(const char *path, const char *url, size_t max_body, fnet_cached *out)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *file = path_read_file(path, max_body + 16384, &len);
    if (!file)
        return false;
    const char *p = file, *end = file + len;
    char *got_url = NULL;
    bool ok = len >= sizeof MAGIC - 1 && memcmp(p, MAGIC, sizeof MAGIC - 1) == 0;
    if (ok) {
        p += sizeof MAGIC - 1;
        ok = read_field(&p, end, "url", &got_url) && strcmp(got_url, url) == 0;
    }
    if (ok) {
        read_field(&p, end, "etag", &out->etag);
        read_field(&p, end, "last-modified", &out->last_modified);
        ok = p < end && *p == '\n';
    }
    if (ok) {
        p++;
        out->len = (size_t)(end - p);
        out->body = malloc(out->len ? out->len : 1);
        ok = out->body != NULL && out->len <= max_body;
        if (ok)
            memcpy(out->body, p, out->len);
    }
    free(got_url);
    free(file);
    if (!ok)
        fnet_cached_free(out);
    return ok;
}

/* Header values go on one line each: a value with a line break is dropped. */
static bool one_line(const char *v)
{
    return v && !strpbrk(v, "\r\n");
}

bool fnet_cache_write(const char *path, const char *url, const fnet_cached *entry)
{
    if (!one_line(url))
        return false;
    buf head = {0};
    buf_puts(&head, MAGIC);
    buf_printf(&head, "url %s\n", url);
    if (one_line(entry->etag))
        buf_printf(&head, "etag %s\n", entry->etag);
    if (one_line(entry->last_modified))
        buf_printf(&head, "last-modified %s\n", entry->last_modified);
    buf_putc(&head, '\n');
    bool ok = path_replace_file(path, head.data, head.len, entry->body, entry->len);
    buf_free(&head);
    return ok;
}

void fnet_cached_free(fnet_cached *c)
{
    free(c->etag);
    free(c->last_modified);
    free(c->body);
    memset(c, 0, sizeof *c);
}
