#include "language.h"

#include <stdlib.h>
#include <string.h>

#include "book/words.h"
#include "util/path.h"

enum { LANGUAGE_MAX_BYTES = 1 << 20 };

static bool yaml_name(const char *s, size_t len)
{
    return (len > 4 && strcmp(s + len - 4, ".yml") == 0) ||
           (len > 5 && strcmp(s + len - 5, ".yaml") == 0);
}

bool language_is_words(const ynode *v)
{
    return v && (v->kind == Y_MAP || (v->kind == Y_SCALAR && yaml_name(v->text, v->len)));
}

static void read_map(const ynode *m, const char *file, arena *a, fdiag *d, const char ***words)
{
    if (m->kind != Y_MAP) {
        fdiag_warn(d, file, m->line, m->col,
                   "language: expected \"key: words\" lines (Quarto's language keys); ignored");
        return;
    }
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const ynode *k = m->kids[i], *v = m->kids[i + 1];
        word_id w;
        if (k->kind != Y_SCALAR || !book_word_of_quarto(k->text, &w)) {
            fdiag_warn(d, file, k->line, k->col,
                       "language: \"%s\" is not a word folio prints; ignored",
                       k->kind == Y_SCALAR ? k->text : "?");
            continue;
        }
        if (v->kind != Y_SCALAR || ynode_is_null(v) || !v->len) {
            fdiag_warn(d, file, v->line, v->col, "language: \"%s\" should be text; ignored",
                       k->text);
            continue;
        }
        if (!*words) {
            *words = arena_alloc(a, W_COUNT * sizeof **words);
            memset(*words, 0, W_COUNT * sizeof **words);
        }
        (*words)[w] = arena_strndup(a, v->text, v->len);
    }
}

void language_read(const ynode *v, const char *file, const char *dir, arena *a, fdiag *d,
                   const char ***words)
{
    if (v->kind != Y_SCALAR) {
        read_map(v, file, a, d, words);
        return;
    }
    char *path = v->text[0] == '/' || !dir ? strdup(v->text) : path_join(dir, v->text);
    size_t len;
    char *text = path ? path_read_file(path, LANGUAGE_MAX_BYTES, &len) : NULL;
    if (!text) {
        fdiag_warn(d, file, v->line, v->col, "language: cannot read \"%s\"; ignored", v->text);
    } else {
        fdiag warn;
        fdiag_init(&warn, fdiag_file_ignored, d);
        ytree *t = ytree_parse(text, len, path, 1, "language file", &warn);
        if (t && ytree_root(t))
            read_map(ytree_root(t), path, a, d, words);
        ytree_free(t);
    }
    free(text);
    free(path);
}
