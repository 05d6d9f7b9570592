#include "csljson.h"

#include <string.h>

#include <json-glib/json-glib.h>


/* CSL item types as the BibTeX entry types citations.c sets apart. */
static const char *entry_type(const char *csl)
{
    static const char *const map[][2] = {
        {"article-journal", "article"}, {"article-magazine", "article"},
        {"article-newspaper", "article"}, {"book", "book"},
        {"chapter", "incollection"}, {"paper-conference", "inproceedings"},
        {"thesis", "phdthesis"}, {"report", "techreport"},
    };
    for (size_t i = 0; csl && i < sizeof map / sizeof *map; i++)
        if (strcmp(csl, map[i][0]) == 0)
            return map[i][1];
    return "misc";
}

/* A string or a number ("volume": 12) as text; NULL otherwise. */
static const char *value_text(arena *a, JsonNode *v)
{
    if (!v || !JSON_NODE_HOLDS_VALUE(v))
        return NULL;
    if (json_node_get_value_type(v) == G_TYPE_STRING)
        return arena_strdup(a, json_node_get_string(v));
    if (json_node_get_value_type(v) == G_TYPE_INT64)
        return arena_printf(a, "%" G_GINT64_FORMAT, json_node_get_int(v));
    return NULL;
}

/* o's member name when it is an array, else NULL. */
static JsonArray *array_member(JsonObject *o, const char *name)
{
    JsonNode *v = json_object_get_member(o, name);
    return v && JSON_NODE_HOLDS_ARRAY(v) ? json_node_get_array(v) : NULL;
}

/* Names as BibTeX writes them, each part in braces so that none is split
 * again: "{Dupont}, {Marie} and {World Health Organization}". */
static const char *names_raw(arena *a, JsonArray *names)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < json_array_get_length(names); i++) {
        JsonNode *node = json_array_get_element(names, i);
        if (!JSON_NODE_HOLDS_OBJECT(node))
            continue;
        JsonObject *o = json_node_get_object(node);
        const char *family = value_text(a, json_object_get_member(o, "family"));
        const char *given = value_text(a, json_object_get_member(o, "given"));
        const char *literal = value_text(a, json_object_get_member(o, "literal"));
        if (!family && !literal)
            continue;
        if (s->len)
            g_string_append(s, " and ");
        if (family)
            g_string_append_printf(s, given ? "{%s}, {%s}" : "{%s}", family, given);
        else
            g_string_append_printf(s, "{%s}", literal);
    }
    const char *r = arena_strdup(a, s->str);
    g_string_free(s, TRUE);
    return r;
}

/* The year of a CSL date: {"date-parts": [[2021, 3]]}, or its "raw". */
static const char *year_of(arena *a, JsonObject *date)
{
    JsonArray *parts = array_member(date, "date-parts");
    JsonNode *first = parts && json_array_get_length(parts) ? json_array_get_element(parts, 0)
                                                            : NULL;
    if (first && JSON_NODE_HOLDS_ARRAY(first) && json_array_get_length(json_node_get_array(first))) {
        const char *year = value_text(a, json_array_get_element(json_node_get_array(first), 0));
        if (year)
            return year;
    }
    const char *raw = value_text(a, json_object_get_member(date, "raw"));
    return raw && strlen(raw) >= 4 ? arena_strndup(a, raw, 4) : NULL;
}

typedef struct fields {
    bib_field *f;
    size_t n;
} fields;

static void add(fields *fs, const char *name, const char *value)
{
    if (value && *value)
        fs->f[fs->n++] = (bib_field){name, value, value};
}

/* CSL variables → the BibTeX fields citations.c reads. */
static bool read_item(arena *a, JsonObject *o, bib_entry *e)
{
    const char *id = value_text(a, json_object_get_member(o, "id"));
    if (!id || !*id)
        return false;
    const char *type = value_text(a, json_object_get_member(o, "type"));
    e->key = id;
    e->type = entry_type(type);
    fields fs = {arena_alloc(a, 16 * sizeof *fs.f), 0};
    static const char *const strings[][2] = {
        {"title", "title"},     {"volume", "volume"}, {"issue", "number"},
        {"page", "pages"},      {"publisher", "publisher"}, {"DOI", "doi"},
        {"URL", "url"},         {"note", "note"},
    };
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        add(&fs, strings[i][1], value_text(a, json_object_get_member(o, strings[i][0])));
    const char *container = value_text(a, json_object_get_member(o, "container-title"));
    if (container)
        add(&fs, strcmp(e->type, "article") == 0 ? "journal" : "booktitle", container);
    for (int k = 0; k < 2; k++) {
        const char *role = k ? "editor" : "author";
        JsonArray *names = array_member(o, role);
        if (names)
            add(&fs, role, names_raw(a, names));
    }
    JsonNode *date = json_object_get_member(o, "issued");
    JsonObject *issued = date && JSON_NODE_HOLDS_OBJECT(date) ? json_node_get_object(date) : NULL;
    if (issued)
        add(&fs, "year", year_of(a, issued));
    e->fields = fs.f;
    e->n_fields = fs.n;
    return true;
}

void csl_read(arena *a, const char *text, size_t len, const char *file, fdiag *d,
              bib_entry **entries, size_t *n)
{
    *entries = NULL;
    *n = 0;
    JsonParser *parser = json_parser_new();
    GError *err = NULL;
    if (!json_parser_load_from_data(parser, text, (gssize)len, &err)) {
        fdiag_warn(d, file, 0, 0, "bibliography is not valid JSON (%s); its entries are not read",
                   err->message);
        g_error_free(err);
        g_object_unref(parser);
        return;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_ARRAY(root)) {
        fdiag_warn(d, file, 0, 0, "bibliography is not a CSL-JSON list of items; its entries are "
                   "not read");
        g_object_unref(parser);
        return;
    }
    JsonArray *items = json_node_get_array(root);
    guint count = json_array_get_length(items);
    *entries = arena_alloc(a, (count ? count : 1) * sizeof **entries);
    for (guint i = 0; i < count; i++) {
        JsonNode *item = json_array_get_element(items, i);
        bib_entry e = {0};
        if (JSON_NODE_HOLDS_OBJECT(item) && read_item(a, json_node_get_object(item), &e))
            (*entries)[(*n)++] = e;
        else
            fdiag_warn(d, file, 0, 0, "bibliography item %u has no \"id\"; skipped", i + 1);
    }
    g_object_unref(parser);
}
