/* Links once the issues are one book: an anchor of the same chapter,
 * another chapter (a relative path to its folder or file, or a site path
 * ending with its folder name), or the web. Resolved once per run, for both
 * backends; a link that cannot be followed is warned about here, once, and
 * both backends keep its text. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "book.h"
#include "doc/tree.h"
#include "util/buf.h"
#include "util/path.h"

void book_warn(const fbook *b, size_t ch, const fnode *n, const char *fmt, ...)
{
    const folio_doc *doc = b->chapters[ch].doc;
    const fnode *at = n;
    while (at->parent && at->line <= 0)
        at = at->parent;
    const char *file = at->file > 0 && (size_t)at->file < doc->n_files ? doc->files[at->file]
                                                                        : doc->path;
    buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    fdiag_report_kind(b->diag, FOLIO_WARNING, fmt, file, at->line, 0, "%s", buf_cstr(&msg));
    buf_free(&msg);
}

static const char *real_or_null(arena *a, const char *path)
{
    char *r = path ? realpath(path, NULL) : NULL;
    const char *s = arena_strdup(a, r);
    free(r);
    return s;
}

void book_locate_chapters(fbook *b)
{
    for (size_t i = 0; i < b->n; i++) {
        book_chapter *ch = &b->chapters[i];
        const char *path = ch->doc->path ? ch->doc->path : "";
        ch->real_dir = real_or_null(b->arena, ch->doc->dir);
        ch->real_path = real_or_null(b->arena, ch->doc->path);
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        ch->is_bundle = strncmp(base, "index.", 6) == 0 || strncmp(base, "_index.", 7) == 0;
    }
}

/* The chapter a relative link of chapter from names, or -1. */
static long find_chapter(fbook *b, size_t from, const char *path, size_t len)
{
    const book_chapter *ch = &b->chapters[from];
    if (len > 0 && path[0] != '/' && ch->real_dir) {
        char *rel = g_uri_unescape_segment(path, path + len, NULL); /* "my%20issue/" */
        char *joined = rel ? path_join(ch->real_dir, rel) : NULL;
        char *real = joined ? realpath(joined, NULL) : NULL;
        g_free(rel);
        free(joined);
        if (real) {
            struct stat st;
            bool dir = stat(real, &st) == 0 && S_ISDIR(st.st_mode);
            for (size_t i = 0; i < b->n; i++) {
                const book_chapter *c = &b->chapters[i];
                const char *want = dir ? (c->is_bundle ? c->real_dir : NULL) : c->real_path;
                if (want && strcmp(want, real) == 0) {
                    free(real);
                    return (long)i;
                }
            }
            free(real);
        }
    }
    /* A site path ("/infolettre/infolettre_16") or a folder that is not on
     * this disk: match the last component against the sources' keys. */
    const char *key = book_path_key(b->arena, path, len);
    for (size_t i = 0; key && i < b->n; i++)
        if (b->chapters[i].key && strcmp(b->chapters[i].key, key) == 0)
            return (long)i;
    return -1;
}

static bool hex_digit(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The URL with every byte RFC 3986 does not allow where it stands
 * percent-encoded: spaces, non-ASCII, a second '#', a '%' that starts no
 * escape. Readers, PDF viewers and epubcheck then see a valid URI. */
static const char *clean_url(arena *a, const char *prefix, const char *url)
{
    static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=";
    buf out = {0};
    buf_puts(&out, prefix);
    bool in_fragment = false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || strchr(allowed, *p);
        if (*p == '#') {
            ok = !in_fragment;
            in_fragment = true;
        } else if ((*p == '[' || *p == ']') && in_fragment) {
            ok = false;
        } else if (*p == '%') {
            ok = hex_digit(p[1]) && hex_digit(p[2]);
        }
        if (ok)
            buf_putc(&out, (char)*p);
        else
            buf_printf(&out, "%%%02X", *p);
    }
    const char *s = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return s;
}

static const char no_site[] = "the page is not part of this book and the site's address is "
                              "unknown (website.site-url, an absolute Hugo baseURL or "
                              "--base-url); this link and the issue's other such links are "
                              "kept as text";

/* The path (from the project's root) of a page that path[0, len), written
 * in chapter ch, names: "/event/x/" is from the root already, "../blog/y.qmd"
 * from the chapter's folder. NULL when it leaves the root. */
static char *site_path(const fbook *b, size_t ch, const char *path, size_t len)
{
    const fproject *p = &b->chapters[ch].doc->project;
    const char *dir = b->chapters[ch].real_dir;
    size_t rlen = p->root ? strlen(p->root) : 0;
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    if (path[0] != '/') {
        if (!dir || !p->root || strncmp(dir, p->root, rlen) != 0 || (dir[rlen] && dir[rlen] != '/')) {
            g_ptr_array_free(parts, TRUE);
            return NULL;
        }
        char **segs = g_strsplit(dir + rlen, "/", -1);
        for (char **s = segs; *s; s++)
            if (**s)
                g_ptr_array_add(parts, g_strdup(*s));
        g_strfreev(segs);
    }
    char *written = g_strndup(path, len);
    char **segs = g_strsplit(written, "/", -1);
    bool outside = false;
    for (char **s = segs; *s && !outside; s++) {
        if (strcmp(*s, "..") == 0) {
            if (parts->len)
                g_ptr_array_remove_index(parts, parts->len - 1);
            else
                outside = true;
        } else if (**s && strcmp(*s, ".") != 0) {
            g_ptr_array_add(parts, g_strdup(*s));
        }
    }
    bool folder = len && path[len - 1] == '/';
    g_strfreev(segs);
    g_free(written);
    g_ptr_array_add(parts, NULL);
    char *joined = outside ? NULL : g_strjoinv("/", (char **)parts->pdata);
    g_ptr_array_free(parts, TRUE);
    if (joined && folder && *joined) {
        char *with_slash = g_strconcat(joined, "/", NULL);
        g_free(joined);
        joined = with_slash;
    }
    return joined;
}

/* A link to a page of the site that is not in the book: its address on
 * the site, or NULL (*why set) when the site's address is unknown. */
static const char *site_link(fbook *b, size_t ch, const char *url, size_t path_len,
                             const char **why)
{
    const fproject *p = &b->chapters[ch].doc->project;
    if (!p->site_url) {
        *why = no_site;
        return NULL;
    }
    char *rel = site_path(b, ch, url, path_len);
    const char *page = rel ? project_site_url(p, rel, b->arena) : NULL;
    g_free(rel);
    if (!page) {
        *why = "the page it points to is outside the site";
        return NULL;
    }
    return arena_printf(b->arena, "%s%s", page, url + path_len);
}

/* Where url, written in chapter ch, leads; NULL with *why set when it
 * cannot be followed. */
static book_link *resolve(fbook *b, size_t ch, const char *url, const char **why)
{
    while (*url == ' ')
        url++;
    if (!*url) {
        *why = "empty link";
        return NULL;
    }
    book_link *l = arena_alloc(b->arena, sizeof *l);
    /* (not g_uri_peek_scheme: it interns every scheme it sees, for good) */
    char *scheme = g_uri_parse_scheme(url);
    if (scheme) {
        static const char *const refused[] = {"javascript", "vbscript", "data", "file"};
        for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
            if (g_ascii_strcasecmp(scheme, refused[i]) == 0) {
                g_free(scheme);
                *why = "this kind of link cannot be followed in a book";
                return NULL;
            }
        g_free(scheme);
        *l = (book_link){BOOK_LINK_EXTERNAL, clean_url(b->arena, "", url), 0, NULL};
        return l;
    }
    if (url[0] == '/' && url[1] == '/') {
        *l = (book_link){BOOK_LINK_EXTERNAL, clean_url(b->arena, "https:", url), 0, NULL};
        return l;
    }
    const char *hash = strchr(url, '#');
    size_t path_len = strcspn(url, "?#");
    const char *frag = hash ? book_anchor(b->arena, hash + 1) : NULL;
    long target = path_len ? find_chapter(b, ch, url, path_len) : (long)ch;
    if (target < 0) {
        const char *site = site_link(b, ch, url, path_len, why);
        if (!site)
            return NULL;
        *l = (book_link){BOOK_LINK_EXTERNAL, clean_url(b->arena, "", site), 0, NULL};
        return l;
    }
    bool frag_ok = frag && g_hash_table_contains(b->chapters[target].anchors, frag);
    if ((size_t)target == ch && !frag_ok && (frag || !path_len)) {
        *why = frag ? "no such anchor in this issue" : "empty link";
        return NULL;
    }
    /* A missing anchor in another issue still leads to that issue. */
    *l = (book_link){BOOK_LINK_INTERNAL, NULL, (size_t)target, frag_ok ? frag : NULL};
    return l;
}

static bool inside_link(const fnode *n)
{
    for (const fnode *p = n->parent; p; p = p->parent)
        if (p->type == FN_LINK)
            return true;
    return false;
}

void book_resolve_links(fbook *b)
{
    b->links = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 0; i < b->n; i++) {
        const fnode *root = b->chapters[i].doc->root;
        bool told_no_site = false; /* said once per issue */
        for (const fnode *n = root; n; n = fnode_next(root, n, false)) {
            const char *url = n->type == FN_LINK        ? n->as.link.url
                              : n->type == FN_LINK_CARD ? n->as.card.url
                                                        : NULL;
            if (!url || inside_link(n)) /* a link in a link is its text */
                continue;
            const char *why = NULL;
            book_link *l = resolve(b, i, url, &why);
            if (l)
                g_hash_table_insert(b->links, (gpointer)n, l);
            else if (why != no_site || !told_no_site)
                book_warn(b, i, n, "link %s: %s%s", url, why, why == no_site ? "" : "; kept as text");
            told_no_site |= why == no_site;
        }
    }
}

const book_link *book_link_of(const fbook *b, const fnode *n)
{
    return b->links ? g_hash_table_lookup(b->links, n) : NULL;
}
