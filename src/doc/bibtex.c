#include "bibtex.h"

#include <string.h>

#include <glib.h>

#include "util/buf.h"

typedef struct reader {
    arena *a;
    const char *s, *end, *file;
    fdiag *d;
    GHashTable *macros; /* @string name (lower case) → raw value */
} reader;

static int line_of(const reader *r, const char *at, const char *start)
{
    int line = 1;
    for (const char *p = start; p < at; p++)
        line += *p == '\n';
    return line;
}

static void skip_space(reader *r)
{
    while (r->s < r->end && g_ascii_isspace(*r->s))
        r->s++;
}

static bool ident_char(char c)
{
    return g_ascii_isalnum(c) || (c && strchr("_-:.+/'", c));
}

static const char *ident(reader *r)
{
    const char *start = r->s;
    while (r->s < r->end && ident_char(*r->s))
        r->s++;
    return r->s > start ? g_ascii_strdown(start, r->s - start) : NULL;
}

static const char *arena_ident(reader *r)
{
    char *id = (char *)ident(r);
    const char *s = id ? arena_strdup(r->a, id) : NULL;
    g_free(id);
    return s;
}

/* A {…} or "…" piece (delimiters excluded) appended to out; false when it
 * does not close. */
static bool delimited(reader *r, buf *out)
{
    char close = *r->s == '{' ? '}' : '"';
    int depth = 0;
    for (r->s++; r->s < r->end; r->s++) {
        char c = *r->s;
        if (c == close && depth == 0) {
            r->s++;
            return true;
        }
        if (c == '{')
            depth++;
        else if (c == '}' && depth-- == 0)
            return false;
        buf_putc(out, c);
    }
    return false;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* A value: pieces joined by '#'. NULL when malformed. */
static const char *value(reader *r)
{
    buf out = {0};
    for (;;) {
        skip_space(r);
        if (r->s >= r->end)
            break;
        if (*r->s == '{' || *r->s == '"') {
            if (!delimited(r, &out))
                break;
        } else if (g_ascii_isdigit(*r->s)) {
            while (r->s < r->end && g_ascii_isdigit(*r->s))
                buf_putc(&out, *r->s++);
        } else {
            char *name = (char *)ident(r);
            if (!name)
                break;
            const char *m = g_hash_table_lookup(r->macros, name);
            for (int i = 0; !m && i < 12; i++)
                if (strcmp(name, months[i]) == 0)
                    m = months[i];
            buf_puts(&out, m ? m : "");
            g_free(name);
        }
        skip_space(r);
        if (r->s < r->end && *r->s == '#') {
            r->s++;
            continue;
        }
        const char *v = arena_strndup(r->a, out.data ? out.data : "", out.len);
        buf_free(&out);
        return v;
    }
    buf_free(&out);
    return NULL;
}

/* TeX accent commands and the combining marks they put on a letter. */
static const struct {
    char cmd;
    const char *mark;
} accents[] = {
    {'\'', "\xcc\x81"}, {'`', "\xcc\x80"}, {'^', "\xcc\x82"}, {'"', "\xcc\x88"},
    {'~', "\xcc\x83"},  {'=', "\xcc\x84"}, {'.', "\xcc\x87"}, {'c', "\xcc\xa7"},
    {'u', "\xcc\x86"},  {'v', "\xcc\x8c"}, {'H', "\xcc\x8b"}, {'k', "\xcc\xa8"},
};

static const struct {
    const char *cmd, *text;
} letters[] = {
    {"ss", "ß"}, {"o", "ø"}, {"O", "Ø"}, {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"},
    {"aa", "å"}, {"AA", "Å"}, {"l", "ł"}, {"L", "Ł"}, {"i", "ı"}, {"j", "ȷ"},
};

/* TeX as text: accents, special letters, escaped characters, dashes, ties;
 * braces and unknown commands' names dropped (their arguments kept). */
static const char *detex(arena *a, const char *s)
{
    buf out = {0};
    while (*s) {
        char c = *s;
        if (c == '{' || c == '}') {
            s++;
        } else if (c == '~') {
            buf_puts(&out, "\xc2\xa0");
            s++;
        } else if (c == '-' && s[1] == '-') {
            bool em = s[2] == '-';
            buf_puts(&out, em ? "\xe2\x80\x94" : "\xe2\x80\x93");
            s += em ? 3 : 2;
        } else if (g_ascii_isspace(c)) {
            if (out.len && out.data[out.len - 1] != ' ')
                buf_putc(&out, ' ');
            s++;
        } else if (c != '\\') {
            buf_putc(&out, c);
            s++;
        } else if (s[1] && strchr("&%$#_{}", s[1])) {
            buf_putc(&out, s[1]);
            s += 2;
        } else {
            s++;
            const char *mark = NULL;
            for (size_t i = 0; i < G_N_ELEMENTS(accents); i++)
                if (*s == accents[i].cmd && (!g_ascii_isalpha(*s) || !g_ascii_isalpha(s[1])))
                    mark = accents[i].mark;
            if (mark) { /* \'e, \'{e}, \c c */
                s++;
                while (*s == ' ' || *s == '{')
                    s++;
                if (*s == '\\' && (s[1] == 'i' || s[1] == 'j') && !g_ascii_isalpha(s[2]))
                    s++; /* \'\i: the dotless i takes the accent */
                if (*s && *s != '}') {
                    size_t n = (size_t)(g_utf8_next_char(s) - s);
                    buf_append(&out, s, n);
                    s += n;
                }
                buf_puts(&out, mark);
                continue;
            }
            const char *name = s;
            while (g_ascii_isalpha(*s))
                s++;
            size_t n = (size_t)(s - name);
            for (size_t i = 0; i < G_N_ELEMENTS(letters); i++)
                if (strlen(letters[i].cmd) == n && strncmp(name, letters[i].cmd, n) == 0)
                    buf_puts(&out, letters[i].text);
            while (n && *s == ' ')
                s++;
        }
    }
    char *nfc = g_utf8_normalize(out.data ? out.data : "", (gssize)out.len, G_NORMALIZE_NFC);
    const char *t = arena_strdup(a, nfc ? nfc : "");
    g_free(nfc);
    buf_free(&out);
    return t;
}

/* Skips a {…} or (…) body: @comment, @preamble. */
static void skip_body(reader *r)
{
    char open = *r->s, close = open == '{' ? '}' : ')';
    int depth = 0;
    for (; r->s < r->end; r->s++) {
        if (*r->s == open)
            depth++;
        else if (*r->s == close && --depth == 0) {
            r->s++;
            return;
        }
    }
}

/* The fields of an entry, up to its closing brace; false when malformed. */
static bool fields(reader *r, bib_entry *e, char close)
{
    GArray *fs = g_array_new(FALSE, FALSE, sizeof(bib_field));
    bool ok = false;
    for (;;) {
        skip_space(r);
        if (r->s < r->end && *r->s == ',') {
            r->s++;
            continue;
        }
        if (r->s < r->end && *r->s == close) {
            r->s++;
            ok = true;
            break;
        }
        bib_field f = {arena_ident(r), NULL, NULL};
        skip_space(r);
        if (!f.name || r->s >= r->end || *r->s != '=')
            break;
        r->s++;
        if (!(f.raw = value(r)))
            break;
        f.text = detex(r->a, f.raw);
        g_array_append_val(fs, f);
    }
    e->n_fields = fs->len;
    e->fields = arena_alloc(r->a, (fs->len ? fs->len : 1) * sizeof(bib_field));
    if (e->fields && fs->len)
        memcpy(e->fields, fs->data, fs->len * sizeof(bib_field));
    g_array_free(fs, TRUE);
    return ok;
}

void bib_read(arena *a, const char *text, size_t len, const char *file, fdiag *d,
              bib_entry **entries, size_t *n)
{
    reader r = {a, text, text + len, file, d, g_hash_table_new_full(g_str_hash, g_str_equal,
                                                                     g_free, NULL)};
    GArray *es = g_array_new(FALSE, FALSE, sizeof(bib_entry));
    while ((r.s = memchr(r.s, '@', (size_t)(r.end - r.s)))) {
        const char *at = r.s++;
        char *type = (char *)ident(&r);
        skip_space(&r);
        if (!type || r.s >= r.end || (*r.s != '{' && *r.s != '(')) {
            g_free(type);
            continue;
        }
        char close = *r.s == '{' ? '}' : ')';
        if (strcmp(type, "comment") == 0 || strcmp(type, "preamble") == 0) {
            skip_body(&r);
        } else if (strcmp(type, "string") == 0) {
            r.s++;
            skip_space(&r);
            char *name = (char *)ident(&r);
            skip_space(&r);
            const char *v = name && r.s < r.end && *r.s == '=' && ++r.s ? value(&r) : NULL;
            if (v)
                g_hash_table_replace(r.macros, name, (gpointer)v);
            else
                g_free(name);
        } else {
            r.s++;
            skip_space(&r);
            const char *key = r.s;
            while (r.s < r.end && *r.s != ',' && *r.s != close && !g_ascii_isspace(*r.s))
                r.s++;
            bib_entry e = {arena_strdup(a, type), arena_strndup(a, key, (size_t)(r.s - key)),
                           NULL, 0, line_of(&r, at, text)};
            if (fields(&r, &e, close) && *e.key)
                g_array_append_val(es, e);
            else
                fdiag_warn(d, file, e.line, 0, "bibliography entry '%s' is malformed; skipped",
                           e.key);
        }
        g_free(type);
    }
    *n = es->len;
    *entries = arena_alloc(a, (es->len ? es->len : 1) * sizeof(bib_entry));
    if (*entries && es->len)
        memcpy(*entries, es->data, es->len * sizeof(bib_entry));
    else
        *n = 0;
    g_array_free(es, TRUE);
    g_hash_table_destroy(r.macros);
}

const char *bib_get(const bib_entry *e, const char *name)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return e->fields[i].text;
    return NULL;
}

/* Splits raw at the word "and" outside braces; returns the pieces. */
static GPtrArray *split_and(const char *raw)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    int depth = 0;
    const char *start = raw;
    for (const char *p = raw; *p; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}')
            depth--;
        else if (depth == 0 && g_ascii_isspace(*p) && g_ascii_strncasecmp(p + 1, "and", 3) == 0 &&
                 g_ascii_isspace(p[4])) {
            g_ptr_array_add(parts, g_strndup(start, (size_t)(p - start)));
            start = p + 5;
            p += 4;
        }
    }
    g_ptr_array_add(parts, g_strdup(start));
    return parts;
}

/* One name: "Last, First", "Last, Jr, First", or "First von Last"; a name
 * in braces ({World Health Organization}) is a family name whole. */
static bib_name one_name(arena *a, char *s)
{
    g_strstrip(s);
    int depth = 0;
    char *comma = NULL;
    for (char *p = s; *p && !comma; p++) {
        depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
        if (*p == ',' && depth == 0)
            comma = p;
    }
    if (comma) {
        *comma = '\0';
        char *given = strrchr(comma + 1, ',') ? strrchr(comma + 1, ',') + 1 : comma + 1;
        return (bib_name){detex(a, g_strstrip(s)), detex(a, g_strstrip(given))};
    }
    /* the family name: the last word, with the lower-case words before it */
    char *last = NULL;
    depth = 0;
    for (char *p = s; *p; p++) {
        depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
        if (depth == 0 && *p == ' ')
            last = p + 1;
    }
    if (!last)
        return (bib_name){detex(a, s), ""};
    char *family = last;
    for (char *p = last - 1; p > s;) {
        char *word = p;
        while (word > s && word[-1] != ' ')
            word--;
        if (!g_ascii_islower(*word))
            break;
        family = word;
        p = word - 1;
    }
    if (family > s)
        family[-1] = '\0';
    return (bib_name){detex(a, family), family > s ? detex(a, g_strstrip(s)) : ""};
}

bib_name *bib_names(arena *a, const bib_entry *e, const char *name, size_t *n)
{
    *n = 0;
    const char *raw = NULL;
    for (size_t i = 0; i < e->n_fields && !raw; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            raw = e->fields[i].raw;
    if (!raw || !*raw)
        return NULL;
    GPtrArray *parts = split_and(raw);
    bib_name *names = arena_alloc(a, parts->len * sizeof *names);
    for (guint i = 0; names && i < parts->len; i++) {
        bib_name nm = one_name(a, parts->pdata[i]);
        if (*nm.family)
            names[(*n)++] = nm;
    }
    g_ptr_array_free(parts, TRUE);
    return names;
}
