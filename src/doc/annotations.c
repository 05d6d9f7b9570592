#include "annotations.h"

#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "util/buf.h"
#include "util/oom.h"

/* A language's comment, as Quarto's table has it (constants.lua,
 * kLangCommentChars): the marker is "<open> <n>" or "<open> <n> <close>". */
typedef struct comment {
    const char *lang, *open, *close;
} comment;

static const comment comments[] = {
    {"apl", "\xe2\x8d\x9d", NULL}, {"asy", "//", NULL},       {"awk", "#", NULL},
    {"bash", "#", NULL},           {"c", "/*", "*/"},         {"cc", "//", NULL},
    {"coffee", "#", NULL},         {"cpp", "//", NULL},       {"csharp", "//", NULL},
    {"css", "/*", "*/"},           {"d3", "//", NULL},        {"dockerfile", "#", NULL},
    {"dot", "//", NULL},           {"elm", "#", NULL},        {"fortran", "!", NULL},
    {"fortran95", "!", NULL},      {"fsharp", "//", NULL},    {"gap", "#", NULL},
    {"gawk", "#", NULL},           {"go", "//", NULL},        {"groovy", "//", NULL},
    {"haskell", "--", NULL},       {"html", "<!--", "-->"},   {"java", "//", NULL},
    {"javascript", "//", NULL},    {"js", "//", NULL},        {"json", "//", NULL},
    {"julia", "#", NULL},          {"latex", "%", NULL},      {"lua", "--", NULL},
    {"markdown", "<!--", "-->"},   {"matlab", "%", NULL},     {"mermaid", "%%", NULL},
    {"mysql", "--", NULL},         {"node", "//", NULL},      {"ocaml", "(*", "*)"},
    {"octave", "#", NULL},         {"ojs", "//", NULL},       {"perl", "#", NULL},
    {"powershell", "#", NULL},     {"psql", "--", NULL},      {"python", "#", NULL},
    {"r", "#", NULL},              {"ruby", "#", NULL},       {"rust", "//", NULL},
    {"sas", "*", ";"},             {"sass", "//", NULL},      {"scala", "//", NULL},
    {"scss", "//", NULL},          {"sed", "#", NULL},        {"sql", "--", NULL},
    {"stan", "#", NULL},           {"stata", "*", NULL},      {"swift", "//", NULL},
    {"tikz", "%", NULL},           {"typescript", "//", NULL}, {"typst", "//", NULL},
    {"vhdl", "--", NULL},          {"yaml", "#", NULL},
};

static const comment *comment_of(const char *lang)
{
    for (size_t i = 0; lang && i < sizeof comments / sizeof comments[0]; i++) {
        if (strcmp(comments[i].lang, lang) == 0)
            return &comments[i];
    }
    return NULL;
}

static size_t trim_end(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

static bool ends_with(const char *s, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* The annotation ending s[0..n): its number, and in *keep the length of
 * the line without it (and the blanks before it); 0 when there is none. */
static int marker(const comment *c, const char *s, size_t n, size_t *keep)
{
    n = trim_end(s, n);
    if (c->close) {
        if (!ends_with(s, n, c->close))
            return 0;
        n = trim_end(s, n - strlen(c->close));
    }
    if (!n || s[n - 1] != '>')
        return 0;
    size_t digits = n - 1;
    while (digits && s[digits - 1] >= '0' && s[digits - 1] <= '9')
        digits--;
    size_t count = n - 1 - digits;
    if (!count || count > 4 || !digits || s[digits - 1] != '<')
        return 0;
    size_t open = trim_end(s, digits - 1);
    if (!ends_with(s, open, c->open))
        return 0;
    int number = 0;
    for (size_t i = digits; i < n - 1; i++)
        number = number * 10 + (s[i] - '0');
    *keep = trim_end(s, open - strlen(c->open));
    return number;
}

/* The code block's notes: the ordered list right after it, past the note
 * standing for a cell's output (moved after the list, as Quarto puts the
 * notes inside the cell, above its output). NULL when there is none. */
static fnode *notes_after(fnode *code)
{
    fnode *next = code->next;
    if (next && next->type == FN_DIV && next->line == code->line && next->as.div.classes &&
        strcmp(next->as.div.classes, "cell-output") == 0) {
        fnode *list = next->next;
        if (!list || list->type != FN_LIST || !list->as.list.ordered)
            return NULL;
        fnode_unlink(list);
        fnode_insert_after(code, list);
        return list;
    }
    return next && next->type == FN_LIST && next->as.list.ordered ? next : NULL;
}

/* A marker's number has four digits at most (marker), so a bit a number
 * tells which ones the code holds: 10,000 items against 100,000 markers
 * took 4.7 s when each item looked through the markers. */
enum { MARK_NUMBERS = 10000 };

static bool bit_set(const unsigned char *bits, long long k)
{
    return k >= 0 && k < MARK_NUMBERS && (bits[k / 8] >> (k % 8) & 1);
}

/* The list's items and the code's markers, each without the other: said
 * (the items are all kept, where Quarto drops one without a marker). */
static void check_notes(const fcode *c, const fnode *list, const char *file, fdiag *d)
{
    unsigned char in_code[MARK_NUMBERS / 8 + 1] = {0}, said[MARK_NUMBERS / 8 + 1] = {0};
    for (int i = 0; i < c->n_marks; i++)
        in_code[c->marks[i].number / 8] |= (unsigned char)(1u << (c->marks[i].number % 8));
    long long number = list->as.list.start, items = 0;
    for (const fnode *item = list->first; item; item = item->next, number++, items++) {
        if (!bit_set(in_code, number))
            fdiag_warn(d, file, item->line, 0,
                       "note %lld of a code annotation list has no <%lld> in the code before it",
                       number, number);
    }
    for (int i = 0; i < c->n_marks; i++) {
        int k = c->marks[i].number;
        if (bit_set(said, k)) /* once a number */
            continue;
        said[k / 8] |= (unsigned char)(1u << (k % 8));
        if (k < list->as.list.start || k >= list->as.list.start + items)
            fdiag_warn(d, file, list->line, 0,
                       "code annotation <%d> has no note %d in the list after its code", k, k);
    }
}

/* Takes the markers out of n's code; true when it held one. */
static bool take_marks(arena *a, fcode *c, const comment *cm)
{
    const char *code = c->literal;
    buf out = {0};
    fcode_mark *marks = NULL;
    size_t n_marks = 0, cap = 0;
    int line = 0;
    for (const char *p = code; *p; line++) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p), keep = n;
        int number = marker(cm, p, n, &keep);
        if (number) {
            marks = oom_grow(marks, &cap, n_marks + 1, sizeof *marks, 8);
            marks[n_marks++] = (fcode_mark){line, number};
        }
        buf_append(&out, p, number ? keep : n);
        if (end)
            buf_putc(&out, '\n');
        p = end ? end + 1 : p + n;
    }
    if (n_marks) {
        c->literal = arena_strndup(a, buf_cstr(&out), out.len);
        fcode_mark *kept = arena_alloc(a, n_marks * sizeof *kept);
        memcpy(kept, marks, n_marks * sizeof *kept);
        c->marks = kept;
        c->n_marks = (int)n_marks;
    }
    buf_free(&out);
    free(marks);
    return n_marks > 0;
}

void annotations_apply(folio_doc *doc, fdiag *d)
{
    fannotations style = doc->meta.code_annotations != FANNOT_UNSET ? doc->meta.code_annotations
                                                                     : doc->project.code_annotations;
    if (style == FANNOT_OFF)
        return; /* Quarto reads nothing: the markers stay, the list is a list */
    for (fnode *n = doc->root; n; n = fnode_next(doc->root, n, false)) {
        if (n->type != FN_CODE_BLOCK || !n->as.code->literal)
            continue;
        fcode *c = n->as.code;
        const comment *cm = comment_of(c->lang);
        if (!cm || !strchr(c->literal, '>') || !take_marks(doc->arena, c, cm))
            continue;
        const char *file = doc->files[n->file];
        fnode *list = notes_after(n);
        if (style == FANNOT_HIDDEN) {
            /* Quarto shows neither the numbers nor their notes */
            c->marks = NULL;
            c->n_marks = 0;
            if (list) {
                fdiag_warn(d, file, list->line, 0,
                           "code-annotations: none: the list of notes after the code is left "
                           "out, as Quarto does");
                fnode_unlink(list);
            }
            continue;
        }
        if (!list) {
            /* Quarto takes the markers out all the same */
            fdiag_warn(d, file, n->line, 0,
                       "code annotations (<%d>…) without an ordered list of notes right after "
                       "the code; the markers are taken out, as Quarto does",
                       c->marks[0].number);
            c->marks = NULL;
            c->n_marks = 0;
            continue;
        }
        list->as.list.annotations = true;
        check_notes(c, list, file, d);
    }
}
