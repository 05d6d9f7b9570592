/* {{< var >}}: _variables.yml found upward, dotted keys, unknown keys. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag_capture.h"

static capture cap;
#include "doc/doc.h"
#include "doc/tree.h"
#include "doc/vars.h"
#include "folio.h"
#include "util/buf.h"



static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

int main(void)
{
    capture_init(&cap, false);
    char root[] = "/tmp/folio-vars-XXXXXX";
    CHECK(mkdtemp(root) != NULL);
    char top[256], sub[256], deep[256], bad[256], badfile[256], quarto[256];
    snprintf(top, sizeof top, "%s/_variables.yml", root);
    snprintf(quarto, sizeof quarto, "%s/_quarto.yml", root); /* the project root */
    snprintf(sub, sizeof sub, "%s/a", root);
    snprintf(deep, sizeof deep, "%s/a/b", root);
    snprintf(bad, sizeof bad, "%s/bad", root);
    snprintf(badfile, sizeof badfile, "%s/bad/_variables.yml", root);
    mkdir(sub, 0700);
    mkdir(deep, 0700);
    mkdir(bad, 0700);
    write_file(top, "# comment\nsignup:\n  form: https://example.org/f\n  deep:\n    key: v\n"
                    "list: [1, 2]\nafter: yes\nname: \"quoted: value\"\n");
    write_file(badfile, "a: [unclosed\n");
    write_file(quarto, "project:\n  type: website\n");

    fdiag d;
    fdiag_init(&d, capture_fn, &cap);
    arena *a = arena_new();
    bool failed;
    vars *v = vars_load(deep, root, a, &d, &failed);
    CHECK(v != NULL && !failed);
    CHECK_STR(vars_get(v, "signup.form"), "https://example.org/f");
    CHECK_STR(vars_get(v, "signup.deep.key"), "v");
    CHECK_STR(vars_get(v, "after"), "yes");
    CHECK_STR(vars_get(v, "name"), "quoted: value");
    CHECK(vars_get(v, "signup") == NULL);
    CHECK(vars_get(v, "list") == NULL);
    CHECK(vars_get(v, "missing.key") == NULL);
    CHECK(vars_get(NULL, "x") == NULL);
    CHECK(strstr(vars_path(v), "/_variables.yml") != NULL);
    vars_free(v);

    capture_clear(&cap);
    v = vars_load(bad, root, a, &d, &failed);
    CHECK(v == NULL && failed);
    CHECK(strstr(capture_text(&cap), "1:4: error: variables: while parsing a flow sequence") != NULL);

    /* Through the parser: substitution, and an unknown key kept as text. */
    folio_options o;
    folio_options_init(&o);
    o.diag = capture_fn;
    o.diag_user = &cap;
    capture_clear(&cap);
    const char *src = "Form: {{< var signup.form >}}, deep {{< var signup.deep.key >}}, "
                      "none {{< var no.such >}}.\n";
    folio_doc *doc = NULL;
    CHECK(folio_parse_memory(src, strlen(src), "t.md", deep, &o, &doc) == FOLIO_OK);
    char *text = doc ? fnode_plain_text(doc->arena, doc->root->first) : NULL;
    CHECK_STR(text, "Form: https://example.org/f, deep v, none {{< var no.such >}}.");
    CHECK_STR(capture_text(&cap), "1:71: warning: {{< var no.such >}}: no such variable; kept as text\n");
    folio_doc_drop(doc);

    /* Text in memory without a folder looks for no file. */
    capture_clear(&cap);
    const char *one = "{{< var signup.form >}}\n";
    CHECK(folio_parse_memory(one, strlen(one), "m.md", NULL, &o, &doc) == FOLIO_OK);
    CHECK_STR(capture_text(&cap), "1:1: warning: {{< var signup.form >}}: no such variable "
                               "(no _variables.yml found); kept as text\n");
    folio_doc_drop(doc);

    /* A malformed _variables.yml is an input error. */
    capture_clear(&cap);
    CHECK(folio_parse_memory(src, strlen(src), "t.md", bad, &o, &doc) == FOLIO_EINPUT);
    CHECK(doc == NULL);

    arena_drop(a);
    unlink(top);
    unlink(quarto);
    unlink(badfile);
    rmdir(deep);
    rmdir(sub);
    rmdir(bad);
    rmdir(root);
    capture_free(&cap);
    return check_done();
}
