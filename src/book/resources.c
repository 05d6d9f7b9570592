#include "resources.h"

#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "doc/tree.h"
#include "image/remote.h"
#include "util/buf.h"

typedef struct loaded {
    fimg_bytes *bytes; /* in contents; NULL: unusable */
    const char *why;
} loaded;

/* One image the reader ahead looks for (book_resources_read_ahead). */
typedef struct wanted {
    size_t doc;
    const char *src; /* the document's */
} wanted;

struct book_resources {
    folio_doc *const *docs;
    size_t n;
    folio_limits limits;
    fimg_source *sources; /* per document */
    fimg_remote *remote;
    GHashTable **by_src;  /* per document: src → loaded * */
    /* every distinct file content, the first file found holding it: equal
     * files (an image copied into several issues) are one fimg_bytes */
    GHashTable *contents;
    /* book_image is safe from any thread, though today only the main thread
     * (the PDF layout, the EPUB's gathering) and the reader ahead call it;
     * pthread's, not GLib's, which ThreadSanitizer does not see */
    pthread_mutex_t lock;
    /* the reader ahead: files read on a thread of its own, each taken by
     * book_image when first asked (read: per document, src → loaded *,
     * its bytes not interned yet), so that what book_image hands out,
     * and the order contents are interned in, stay the callers' */
    pthread_t ahead;
    bool reading_ahead; /* ahead started */
    GArray *wanted;        /* of wanted, in the documents' order */
    GHashTable **read;     /* NULL until the reader starts */
    const wanted *reading; /* the one being read now (NULL: none) */
    pthread_cond_t have_read;
    bool stop;
};

/* The length and the first and last 4 KB: files that differ there are told
 * apart at once, content_equal compares the rest. A CRC of every byte,
 * taken at each lookup and again at each insertion, was 8% of a year's
 * EPUB (perf). */
static guint content_hash(gconstpointer p)
{
    enum { EDGE = 4096 };
    const fimg_bytes *b = p;
    uLong crc = crc32(0, NULL, 0);
    if (b->len <= 2 * EDGE) {
        crc = crc32(crc, b->data, (uInt)b->len);
    } else {
        crc = crc32(crc, b->data, EDGE);
        crc = crc32(crc, b->data + b->len - EDGE, EDGE);
    }
    return (guint)crc ^ (guint)b->len;
}

static gboolean content_equal(gconstpointer a, gconstpointer b)
{
    const fimg_bytes *x = a, *y = b;
    return x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
}

static void bytes_free(gpointer p)
{
    fimg_bytes_free(p);
    g_free(p);
}

void book_each_image(const folio_doc *doc, void (*fn)(const char *src, void *user), void *user)
{
    if (doc->meta.image)
        fn(doc->meta.image, user);
    for (const fnode *n = doc->root; n; n = fnode_next(doc->root, n, false))
        if ((n->type == FN_IMAGE || n->type == FN_FIGURE) && n->as.image->src)
            fn(n->as.image->src, user);
}

typedef struct url_list {
    GHashTable *seen;
    GPtrArray *urls;
} url_list;

static void gather_remote(const char *src, void *user)
{
    url_list *l = user;
    if (fimg_is_remote(src) && g_hash_table_add(l->seen, (gpointer)src))
        g_ptr_array_add(l->urls, (gpointer)src);
}

book_resources *book_resources_new(folio_doc *const *docs, size_t n,
                                   const folio_render_options *o)
{
    book_resources *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->docs = docs;
    r->n = n;
    r->limits = o->limits;
    folio_limits_fill(&r->limits);
    r->sources = calloc(n ? n : 1, sizeof *r->sources);
    r->by_src = calloc(n ? n : 1, sizeof *r->by_src);
    if (!r->sources || !r->by_src) {
        book_resources_free(r);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        r->sources[i] = (fimg_source){
            .dir = docs[i]->dir,
            .root = docs[i]->project.root,
            .extra = o->resource_paths,
            .n_extra = o->n_resource_paths,
            .fetch_remote = o->fetch_remote,
            .allow_private_hosts = o->allow_private_hosts,
            .cache_dir = o->cache_dir,
            .limits = &r->limits,
        };
        r->by_src[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    }
    r->contents = g_hash_table_new_full(content_hash, content_equal, bytes_free, NULL);
    pthread_mutex_init(&r->lock, NULL);
    /* Every remote image of the run at once, within one deadline. */
    if (o->fetch_remote && n) {
        url_list l = {g_hash_table_new(g_str_hash, g_str_equal), g_ptr_array_new()};
        for (size_t i = 0; i < n; i++)
            book_each_image(docs[i], gather_remote, &l);
        r->remote = fimg_remote_fetch(&r->sources[0], (const char *const *)l.urls->pdata,
                                      l.urls->len);
        for (size_t i = 0; i < n; i++)
            r->sources[i].remote = r->remote;
        g_ptr_array_free(l.urls, TRUE);
        g_hash_table_destroy(l.seen);
    }
    return r;
}

static void loaded_free(gpointer p)
{
    loaded *l = p;
    if (l->bytes)
        bytes_free(l->bytes);
    g_free(l);
}

void book_resources_free(book_resources *r)
{
    if (!r)
        return;
    if (r->reading_ahead) {
        pthread_mutex_lock(&r->lock);
        r->stop = true;
        pthread_mutex_unlock(&r->lock);
        pthread_join(r->ahead, NULL);
        for (size_t i = 0; i < r->n; i++)
            g_hash_table_destroy(r->read[i]);
        free(r->read);
        g_array_free(r->wanted, TRUE);
        pthread_cond_destroy(&r->have_read);
    }
    for (size_t i = 0; r->by_src && i < r->n; i++)
        if (r->by_src[i])
            g_hash_table_destroy(r->by_src[i]);
    free(r->by_src);
    if (r->contents) {
        g_hash_table_destroy(r->contents);
        pthread_mutex_destroy(&r->lock);
    }
    free(r->sources);
    fimg_remote_free(r->remote);
    free(r);
}

/* The one copy of b's content (b is freed when one was there already). */
static fimg_bytes *intern(book_resources *r, fimg_bytes *b)
{
    fimg_bytes *known = g_hash_table_lookup(r->contents, b);
    if (known) {
        bytes_free(b);
        return known;
    }
    g_hash_table_add(r->contents, b);
    return b;
}

fimg_bytes *book_image(book_resources *r, size_t doc, const char *src, const char **why)
{
    if (doc >= r->n || !src) {
        *why = "no source";
        return NULL;
    }
    pthread_mutex_lock(&r->lock);
    loaded *l = g_hash_table_lookup(r->by_src[doc], src);
    if (!l && r->read) { /* read ahead, or being read: waited for */
        while (r->reading && r->reading->doc == doc && strcmp(r->reading->src, src) == 0)
            pthread_cond_wait(&r->have_read, &r->lock);
        gpointer key;
        if (g_hash_table_steal_extended(r->read[doc], src, &key, (gpointer *)&l)) {
            if (l->bytes)
                l->bytes = intern(r, l->bytes);
            g_hash_table_insert(r->by_src[doc], key, l);
        }
    }
    if (!l) {
        l = g_new0(loaded, 1);
        fimg_bytes *b = g_new0(fimg_bytes, 1);
        if (fimg_load(&r->sources[doc], src, b, &l->why))
            l->bytes = intern(r, b);
        else
            g_free(b);
        g_hash_table_insert(r->by_src[doc], g_strdup(src), l);
    }
    pthread_mutex_unlock(&r->lock);
    *why = l->why;
    return l->bytes;
}

static void *read_ahead(void *p)
{
    book_resources *r = p;
    pthread_mutex_lock(&r->lock);
    for (guint i = 0; i < r->wanted->len && !r->stop; i++) {
        const wanted *w = &g_array_index(r->wanted, wanted, i);
        if (g_hash_table_contains(r->by_src[w->doc], w->src) ||
            g_hash_table_contains(r->read[w->doc], w->src))
            continue; /* asked for already, or twice in the document */
        r->reading = w;
        pthread_mutex_unlock(&r->lock);
        loaded *l = g_new0(loaded, 1);
        fimg_bytes *b = g_new0(fimg_bytes, 1);
        if (fimg_load(&r->sources[w->doc], w->src, b, &l->why))
            l->bytes = b;
        else
            g_free(b);
        pthread_mutex_lock(&r->lock);
        g_hash_table_insert(r->read[w->doc], g_strdup(w->src), l);
        r->reading = NULL;
        pthread_cond_broadcast(&r->have_read);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

typedef struct gather_ctx {
    GArray *wanted;
    size_t doc;
} gather_ctx;

static void gather_local(const char *src, void *user)
{
    gather_ctx *c = user;
    if (!fimg_is_remote(src)) /* downloads stay where they are asked for */
        g_array_append_val(c->wanted, ((wanted){c->doc, src}));
}

void book_resources_read_ahead(book_resources *r)
{
    if (r->reading_ahead)
        return;
    r->wanted = g_array_new(FALSE, FALSE, sizeof(wanted));
    for (size_t i = 0; i < r->n; i++)
        book_each_image(r->docs[i], gather_local, &(gather_ctx){r->wanted, i});
    if (!r->wanted->len) {
        g_array_free(r->wanted, TRUE);
        r->wanted = NULL;
        return;
    }
    r->read = calloc(r->n, sizeof *r->read);
    if (!r->read)
        abort();
    for (size_t i = 0; i < r->n; i++)
        r->read[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, loaded_free);
    pthread_cond_init(&r->have_read, NULL);
    r->reading_ahead = pthread_create(&r->ahead, NULL, read_ahead, r) == 0;
    if (!r->reading_ahead) { /* book_image reads them itself */
        pthread_cond_destroy(&r->have_read);
        for (size_t i = 0; i < r->n; i++)
            g_hash_table_destroy(r->read[i]);
        free(r->read);
        r->read = NULL;
        g_array_free(r->wanted, TRUE);
        r->wanted = NULL;
    }
}

typedef struct dump_ctx {
    book_resources *r;
    size_t doc;
    GHashTable *listed;
    buf *o;
} dump_ctx;

static void dump_one(const char *src, void *user)
{
    dump_ctx *c = user;
    if (!g_hash_table_add(c->listed, (gpointer)src))
        return;
    const char *why = NULL;
    const fimg_bytes *b = book_image(c->r, c->doc, src, &why);
    buf_puts(c->o, "  image ");
    buf_put_quoted(c->o, src);
    if (b)
        buf_printf(c->o, " %s %dx%d\n", fimg_extension(b->format), b->width, b->height);
    else
        buf_printf(c->o, ": %s\n", why ? why : "cannot be loaded");
}

void book_resources_dump(book_resources *r, size_t doc, FILE *out)
{
    buf o = {0};
    dump_ctx c = {r, doc, g_hash_table_new(g_str_hash, g_str_equal), &o};
    book_each_image(r->docs[doc], dump_one, &c);
    g_hash_table_destroy(c.listed);
    if (o.len) /* no image: nothing to write, and no NULL for fwrite */
        fwrite(o.data, 1, o.len, out);
    buf_free(&o);
}
