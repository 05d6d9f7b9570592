#include "project.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "frontmatter.h"
#include "language.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/yamltree.h"

/* Site configuration files are small; anything bigger is not one. */
enum { CONFIG_MAX_BYTES = 1 << 20 };

static bool exists(const char *dir, const char *name, bool want_dir)
{
    char *p = path_join(dir, name);
    struct stat st;
    bool ok = p && stat(p, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) : true);
    free(p);
    return ok;
}

static const char *const hugo_files[] = {"hugo.yaml", "hugo.yml", "hugo.toml", "config.yaml",
                                         "config.yml", "config.toml"};

static fproject_kind marker_at(const char *dir)
{
    if (exists(dir, "_quarto.yml", false) || exists(dir, "_quarto.yaml", false))
        return FPROJECT_QUARTO;
    for (size_t i = 0; i < sizeof hugo_files / sizeof hugo_files[0]; i++)
        if (exists(dir, hugo_files[i], false))
            return FPROJECT_HUGO;
    if (exists(dir, "config/_default", true) || exists(dir, "hugo.json", false) ||
        exists(dir, "config.json", false))
        return FPROJECT_HUGO;
    if (exists(dir, ".git", false)) /* a folder, or a file in a worktree */
        return FPROJECT_GIT;
    return FPROJECT_NONE;
}

/* ---- YAML files ---- */

typedef struct yfile {
    ytree *tree;
} yfile;

static bool yfile_load(yfile *f, const char *path, fdiag *d)
{
    f->tree = NULL;
    size_t len;
    char *text = path_read_file(path, CONFIG_MAX_BYTES, &len);
    if (!text)
        return false;
    fdiag warn;
    fdiag_init(&warn, fdiag_file_ignored, d);
    f->tree = ytree_parse(text, len, path, 1, "site settings", &warn);
    free(text);
    return f->tree != NULL;
}

static void yfile_free(yfile *f)
{
    ytree_free(f->tree);
    f->tree = NULL;
}

/* The node at a path of mapping keys ("website", "title", NULL). */
static const ynode *ynode_at(const yfile *f, const char *const *keys)
{
    const ynode *n = f->tree ? ytree_root(f->tree) : NULL;
    for (; n && *keys; keys++) {
        if (n->kind != Y_MAP)
            return NULL;
        const ynode *found = NULL;
        for (size_t i = 0; i + 1 < n->n && !found; i += 2) {
            const ynode *k = n->kids[i];
            if (k->kind == Y_SCALAR && strcmp(k->text, *keys) == 0)
                found = n->kids[i + 1];
        }
        n = found;
    }
    return n;
}

/* A scalar's text (the first item of a sequence of scalars), or NULL. */
static const char *yscalar(const ynode *n, arena *a)
{
    if (n && n->kind == Y_SEQ && n->n)
        n = n->kids[0];
    if (!n || n->kind != Y_SCALAR || n->len == 0 || ynode_is_null(n))
        return NULL;
    return arena_strndup(a, n->text, n->len);
}

static const char *yget(yfile *f, arena *a, const char *k1, const char *k2, const char *k3)
{
    const char *keys[] = {k1, k2, k3, NULL};
    return yscalar(ynode_at(f, keys), a);
}

/* YAML 1.1 booleans as Quarto and Hugo read them: -1 when neither. */
static int ybool(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "yes") || !strcmp(s, "on"))
        return 1;
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "no") || !strcmp(s, "off"))
        return 0;
    return -1;
}

static void set_if(const char **dst, const char *v)
{
    if (v)
        *dst = v;
}

/* ---- Quarto ---- */

/* bibliography: one path or a list, as in front matter; a file that names
 * it replaces what an earlier one named. */
static void read_bibliography(yfile *f, fproject *p, arena *a)
{
    const char *keys[] = {"bibliography", NULL};
    const ynode *n = ynode_at(f, keys);
    size_t count = n && n->kind == Y_SEQ ? n->n : 1;
    if (!n || !count)
        return;
    const char **paths = arena_alloc(a, count * sizeof *paths);
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const ynode *item = n->kind == Y_SEQ ? n->kids[i] : n;
        if (item->kind != Y_SCALAR || item->len == 0 || ynode_is_null(item))
            continue;
        char *rel = arena_strndup(a, item->text, item->len);
        char *abs = rel[0] == '/' ? NULL : path_join(p->root, rel);
        paths[k++] = abs ? arena_strdup(a, abs) : rel;
        free(abs);
    }
    if (k)
        p->bibliography = paths, p->n_bibliography = k;
}

/* The settings one Quarto file gives, over those already read. */
static void quarto_settings(yfile *f, const char *path, fproject *p, arena *a, fdiag *d)
{
    set_if(&p->title, yget(f, a, "website", "title", NULL));
    set_if(&p->site_url, yget(f, a, "website", "site-url", NULL));
    set_if(&p->lang, yget(f, a, "lang", NULL, NULL));
    read_bibliography(f, p, a);
    int echo = ybool(yget(f, a, "execute", "echo", NULL));
    if (echo >= 0)
        p->echo = echo;
    /* the top level's, else a format's (Quarto's usual place: format: html:) */
    fannotations annotations = frontmatter_annotations(yget(f, a, "code-annotations", NULL, NULL));
    static const char *const formats[] = {"html", "pdf", "epub"};
    for (size_t i = 0; annotations == FANNOT_UNSET && i < sizeof formats / sizeof *formats; i++)
        annotations = frontmatter_annotations(yget(f, a, "format", formats[i], "code-annotations"));
    if (annotations != FANNOT_UNSET)
        p->code_annotations = annotations;
    const char *from = yget(f, a, "from", NULL, NULL);
    if (!from)
        from = yget(f, a, "format", "html", "from");
    if (from && strstr(from, "+emoji"))
        p->emoji = true;
    const ynode *words = ynode_at(f, (const char *const[]){"language", NULL});
    if (language_is_words(words))
        language_read(words, path, p->root, a, d, &p->words);
}

static void load_quarto(fproject *p, arena *a, fdiag *d)
{
    char *main_path = path_join(p->root, "_quarto.yml");
    yfile f;
    if (!yfile_load(&f, main_path, d)) {
        free(main_path);
        main_path = path_join(p->root, "_quarto.yaml");
        yfile_load(&f, main_path, d);
    }
    quarto_settings(&f, main_path, p, a, d);
    free(main_path);
    /* The default profile's file (_quarto-fr.yml) is merged over it. */
    const char *profile = getenv("QUARTO_PROFILE");
    if (!profile || !*profile)
        profile = yget(&f, a, "profile", "default", NULL);
    yfile_free(&f);
    if (profile && !strpbrk(profile, "/,\\")) {
        char *name = arena_printf(a, "_quarto-%s.yml", profile);
        char *path = name ? path_join(p->root, name) : NULL;
        if (path && yfile_load(&f, path, d)) {
            quarto_settings(&f, path, p, a, d);
            yfile_free(&f);
        }
        free(path);
    }
}

/* ---- Hugo ---- */

/* A top-level "key = value" of a TOML file, or one in [table]: enough for
 * the few scalar settings folio reads (no TOML library in Debian 12 for C). */
static const char *toml_get(const char *text, const char *table, const char *key, arena *a)
{
    const char *cur = "";
    size_t cur_len = 0, klen = strlen(key);
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        while (n && (*line == ' ' || *line == '\t'))
            line++, n--;
        if (n && line[0] == '[') {
            const char *close = memchr(line, ']', n);
            cur = line + 1;
            cur_len = close ? (size_t)(close - cur) : 0;
        } else if (cur_len == strlen(table) && strncmp(cur, table, cur_len) == 0 && n > klen &&
                   strncmp(line, key, klen) == 0 && strchr(" \t=", line[klen])) {
            const char *v = line + klen;
            while (*v == ' ' || *v == '\t')
                v++;
            if (*v == '=') {
                v++;
                while (*v == ' ' || *v == '\t')
                    v++;
                size_t vlen = (size_t)(line + n - v);
                if (vlen && (*v == '"' || *v == '\'')) {
                    const char *q = memchr(v + 1, *v, vlen - 1);
                    return q ? arena_strndup(a, v + 1, (size_t)(q - v - 1)) : NULL;
                }
                while (vlen && strchr(" \t\r", v[vlen - 1]))
                    vlen--;
                const char *hash = memchr(v, '#', vlen);
                if (hash)
                    vlen = (size_t)(hash - v);
                while (vlen && strchr(" \t", v[vlen - 1]))
                    vlen--;
                return vlen ? arena_strndup(a, v, vlen) : NULL;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

typedef struct hugo_read {
    const char *title, *base_url, *lang_code, *default_lang, *emoji;
    const char *lang_codes_for_default; /* languages.<default>.languageCode */
} hugo_read;

static void hugo_file(fproject *p, const char *path, bool languages_file, hugo_read *h, arena *a,
                      fdiag *d)
{
    size_t len = strlen(path);
    if (len > 5 && strcmp(path + len - 5, ".toml") == 0) {
        size_t n;
        char *text = path_read_file(path, CONFIG_MAX_BYTES, &n);
        if (!text)
            return;
        if (!languages_file) {
            set_if(&h->title, toml_get(text, "", "title", a));
            set_if(&h->base_url, toml_get(text, "", "baseURL", a));
            set_if(&h->lang_code, toml_get(text, "", "languageCode", a));
            set_if(&h->default_lang, toml_get(text, "", "defaultContentLanguage", a));
            set_if(&h->emoji, toml_get(text, "", "enableEmoji", a));
        }
        const char *dl = h->default_lang ? h->default_lang : "en";
        char *table = arena_printf(a, languages_file ? "%s" : "languages.%s", dl);
        set_if(&h->lang_codes_for_default, table ? toml_get(text, table, "languageCode", a) : NULL);
        free(text);
        return;
    }
    yfile f;
    if (!yfile_load(&f, path, d))
        return;
    if (!languages_file) {
        set_if(&h->title, yget(&f, a, "title", NULL, NULL));
        set_if(&h->base_url, yget(&f, a, "baseURL", NULL, NULL));
        set_if(&h->lang_code, yget(&f, a, "languageCode", NULL, NULL));
        set_if(&h->default_lang, yget(&f, a, "defaultContentLanguage", NULL, NULL));
        set_if(&h->emoji, yget(&f, a, "enableEmoji", NULL, NULL));
    }
    const char *dl = h->default_lang ? h->default_lang : "en";
    set_if(&h->lang_codes_for_default,
           languages_file ? yget(&f, a, dl, "languageCode", NULL)
                          : yget(&f, a, "languages", dl, "languageCode"));
    yfile_free(&f);
    (void)p;
}

static void load_hugo(fproject *p, arena *a, fdiag *d)
{
    hugo_read h = {0};
    static const char *const dirs[] = {"", "config/_default"};
    for (size_t k = 0; k < 2; k++) {
        char *dir = path_join(p->root, dirs[k]);
        for (size_t i = 0; dir && i < sizeof hugo_files / sizeof hugo_files[0]; i++) {
            char *path = path_join(dir, hugo_files[i]);
            if (path && exists(dir, hugo_files[i], false))
                hugo_file(p, path, false, &h, a, d);
            free(path);
        }
        static const char *const langs[] = {"languages.yaml", "languages.yml", "languages.toml"};
        for (size_t i = 0; dir && k == 1 && i < 3; i++) {
            char *path = path_join(dir, langs[i]);
            if (path && exists(dir, langs[i], false))
                hugo_file(p, path, true, &h, a, d);
            free(path);
        }
        free(dir);
    }
    p->title = h.title;
    /* baseURL '/' says nothing about where the site lives. */
    if (h.base_url && (strncmp(h.base_url, "http://", 7) == 0 || strncmp(h.base_url, "https://", 8) == 0))
        p->site_url = h.base_url;
    p->hugo_lang = h.lang_codes_for_default ? h.lang_codes_for_default
                   : h.lang_code            ? h.lang_code
                                            : h.default_lang;
    p->emoji = ybool(h.emoji) == 1;
}

bool project_load(const char *dir, arena *a, fdiag *d, fproject *out)
{
    memset(out, 0, sizeof *out);
    out->echo = -1;
    if (!dir)
        return true;
    char *here = realpath(dir, NULL);
    while (here) {
        fproject_kind k = marker_at(here);
        if (k != FPROJECT_NONE) {
            out->kind = k;
            out->root = arena_strdup(a, here);
            break;
        }
        if (strcmp(here, "/") == 0)
            break;
        char *up = path_dirname(here);
        free(here);
        here = up;
    }
    free(here);
    if (out->kind != FPROJECT_NONE && !out->root)
        return false;
    if (out->kind == FPROJECT_QUARTO)
        load_quarto(out, a, d);
    else if (out->kind == FPROJECT_HUGO)
        load_hugo(out, a, d);
    return true;
}

static void ignore(const folio_diag *d, void *user)
{
    (void)d;
    (void)user;
}

const char *project_author_name(const fproject *p, const char *key, arena *a)
{
    if (!p->root || !key || !*key || strpbrk(key, "/\\") || key[0] == '.')
        return NULL;
    char *rel = arena_printf(a, "content/authors/%s/_index.md", key);
    char *path = rel ? path_join(p->root, rel) : NULL;
    size_t len;
    char *text = path ? path_read_file(path, CONFIG_MAX_BYTES, &len) : NULL;
    const char *name = NULL;
    size_t yoff, ylen, boff;
    int bline;
    fdiag quiet; /* a broken author page leaves the key as the name */
    fdiag_init(&quiet, ignore, NULL);
    fmeta m;
    if (text && frontmatter_split(text, len, path, &quiet, &yoff, &ylen, &boff, &bline) == 1 &&
        frontmatter_parse(text + yoff, ylen, 2, path, &quiet, a, &m))
        name = m.title;
    free(text);
    free(path);
    return name;
}

const char *project_page_url(const fproject *p, const char *file, arena *a)
{
    if (!p->site_url || !p->root || !file)
        return NULL;
    char *real = realpath(file, NULL);
    size_t rlen = strlen(p->root);
    const char *url = real && strncmp(real, p->root, rlen) == 0 && real[rlen] == '/'
                          ? project_site_url(p, real + rlen + 1, a)
                          : NULL;
    free(real);
    return url;
}

const char *project_site_url(const fproject *p, const char *rel, arena *a)
{
    if (!p->site_url)
        return NULL;
    if (!*rel)
        return p->site_url;
    buf path = {0};
    buf_puts(&path, rel);
    /* Hugo publishes content/x/y.md at /x/y/. */
    if (p->kind == FPROJECT_HUGO && strncmp(path.data, "content/", 8) == 0) {
        memmove(path.data, path.data + 8, path.len - 7);
        path.len -= 8;
    }
    char *slash = strrchr(path.data, '/');
    const char *base = slash ? slash + 1 : path.data;
    char *dot = strrchr(path.data, '.');
    bool markdown = dot && dot > base && (!strcmp(dot, ".qmd") || !strcmp(dot, ".md") ||
                                          !strcmp(dot, ".markdown") || !strcmp(dot, ".Rmd"));
    if (markdown && (!strncmp(base, "index.", 6) || !strncmp(base, "_index.", 7))) {
        path.len = (size_t)(base - path.data); /* the bundle's folder, "x/" */
        path.data[path.len] = '\0';
    } else if (markdown && p->kind == FPROJECT_HUGO) {
        path.len = (size_t)(dot - path.data);
        buf_puts(&path, "/");
    } else if (markdown) {
        path.len = (size_t)(dot - path.data);
        buf_puts(&path, ".html");
    }
    size_t ulen = strlen(p->site_url);
    bool slash_end = ulen && p->site_url[ulen - 1] == '/';
    const char *url = arena_printf(a, "%s%s%s", p->site_url, slash_end ? "" : "/", buf_cstr(&path));
    buf_free(&path);
    return url;
}
