#include "links.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anchors.h"
#include "book/book.h"
#include "util/path.h"

static const char *real_or_null(arena *a, const char *path)
{
    char *r = path ? realpath(path, NULL) : NULL;
    const char *s = arena_strdup(a, r);
    free(r);
    return s;
}

void epub_chapter_locate(epub_book *b, epub_chapter *ch)
{
    const char *path = ch->doc->path ? ch->doc->path : "";
    ch->key = book_path_key(b->arena, path, strlen(path));
    ch->real_dir = real_or_null(b->arena, ch->doc->dir);
    ch->real_path = real_or_null(b->arena, ch->doc->path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    ch->is_bundle = strncmp(base, "index.", 6) == 0 || strncmp(base, "_index.", 7) == 0;
}

/* The chapter a relative link of ch names, or NULL. */
static const epub_chapter *find_chapter(epub_book *b, const epub_chapter *ch, const char *path,
                                        size_t len)
{
    if (len > 0 && path[0] != '/' && ch->real_dir) {
        char *rel = arena_strndup(b->arena, path, len);
        char *joined = path_join(ch->real_dir, rel);
        char *real = realpath(joined, NULL);
        free(joined);
        if (real) {
            struct stat st;
            bool dir = stat(real, &st) == 0 && S_ISDIR(st.st_mode);
            for (size_t i = 0; i < b->n; i++) {
                const epub_chapter *c = &b->chapters[i];
                const char *want = dir ? (c->is_bundle ? c->real_dir : NULL) : c->real_path;
                if (want && strcmp(want, real) == 0) {
                    free(real);
                    return c;
                }
            }
            free(real);
        }
    }
    /* A site path ("/infolettre/infolettre_16") or a folder that is not on
     * this disk: match the last component against the sources' keys. */
    const char *key = book_path_key(b->arena, path, len);
    if (!key)
        return NULL;
    for (size_t i = 0; i < b->n; i++) {
        if (b->chapters[i].key && strcmp(b->chapters[i].key, key) == 0)
            return &b->chapters[i];
    }
    return NULL;
}

static bool has_scheme(const char *url, size_t *scheme_len)
{
    const char *p = url;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    *scheme_len = (size_t)(p - url);
    return *p == ':';
}

static bool hex_digit(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The URL with every byte RFC 3986 does not allow where it stands
 * percent-encoded: spaces, non-ASCII, a second '#', a '%' that starts no
 * escape. Readers and epubcheck then see a valid URI. */
static const char *clean_url(arena *a, const char *prefix, const char *url)
{
    static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=";
    buf out = {0};
    buf_puts(&out, prefix);
    bool in_fragment = false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || (*p && strchr(allowed, *p));
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

const char *epub_link_href(epub_book *b, const epub_chapter *ch, const char *url,
                           const char **why)
{
    while (*url == ' ')
        url++;
    if (!*url) {
        *why = "empty link";
        return NULL;
    }
    size_t scheme_len;
    if (has_scheme(url, &scheme_len)) {
        static const char *const refused[] = {"javascript", "vbscript", "data", "file"};
        for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
            if (scheme_len == strlen(refused[i]) && strncasecmp(url, refused[i], scheme_len) == 0) {
                *why = "this kind of link cannot be followed in a book";
                return NULL;
            }
        }
        return clean_url(b->arena, "", url);
    }
    if (url[0] == '/' && url[1] == '/')
        return clean_url(b->arena, "https:", url);

    const char *hash = strchr(url, '#');
    size_t path_len = strcspn(url, "?#");
    const char *frag = hash ? epub_anchor(b->arena, hash + 1) : NULL;
    const epub_chapter *target = path_len ? find_chapter(b, ch, url, path_len) : ch;
    if (!target) {
        *why = "the page it points to is not part of this book";
        return NULL;
    }
    bool frag_ok = frag && g_hash_table_contains(target->anchors, frag);
    if (target == ch) {
        if (frag_ok)
            return arena_printf(b->arena, "#%s", frag);
        if (!frag && path_len)
            return "#" EPUB_TITLE_ID;
        *why = frag ? "no such anchor in this issue" : "empty link";
        return NULL;
    }
    if (frag_ok)
        return arena_printf(b->arena, "%s#%s", target->file, frag);
    return target->file;
}
