/* {{< include >}}: nested files keep their own lines, cycles and depth are
 * refused, and includes stay inside the source folder. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag_capture.h"

static capture cap;
#include "doc/doc.h"
#include "doc/tree.h"
#include "folio.h"
#include "util/buf.h"

static char root[] = "/tmp/folio-include-XXXXXX";


static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void drop(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    unlink(path);
}

static folio_status parse(const char *name, folio_options *o, folio_doc **doc)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    capture_clear(&cap);
    o->diag = capture_fn;
    o->diag_user = &cap;
    return folio_parse_file(path, o, doc);
}

int main(void)
{
    CHECK(mkdtemp(root) != NULL);
    capture_init(&cap, true);
    cap.strip = root;
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", root);
    mkdir(sub, 0700);
    put("main.md", "# Main\n\n{{< include sub/a.md >}}\n\nAfter.\n");
    put("sub/a.md", "First of a.\n\n{{< include b.md >}}\n");
    put("sub/b.md", "\n\nThird line of b.\n");
    folio_options o;
    folio_options_init(&o);
    folio_doc *doc = NULL;

    CHECK(parse("main.md", &o, &doc) == FOLIO_OK && doc);
    if (doc) {
        CHECK(doc->n_files == 3);
        fnode *h = doc->root->first, *a = h ? h->next : NULL, *b = a ? a->next : NULL;
        fnode *after = b ? b->next : NULL;
        CHECK(h && h->file == 0 && h->line == 1);
        CHECK(a && a->type == FN_PARAGRAPH && a->line == 1 && a->file == 1);
        CHECK(b && b->type == FN_PARAGRAPH && b->line == 3 && b->file == 2);
        CHECK(after && after->file == 0 && after->line == 5);
        CHECK(a && strstr(doc->files[a->file], "sub/a.md") != NULL);
        CHECK(b && strstr(doc->files[b->file], "sub/b.md") != NULL);
        CHECK_STR(after ? fnode_plain_text(doc->arena, after) : NULL, "After.");
    }
    folio_doc_drop(doc);

    /* Depth: main → a → b is two levels. */
    o.limits.max_include_depth = 1;
    CHECK(parse("main.md", &o, &doc) == FOLIO_EINPUT && doc == NULL);
    CHECK_STR(capture_text(&cap), "sub/a.md:3:1: error: {{< include b.md >}}: includes nested deeper than 1\n");
    o.limits.max_include_depth = 0;

    /* Includes cannot grow the document past the input limit. */
    put("big.md", "Thirty bytes of included text\n");
    put("small.md", "{{< include big.md >}}\n{{< include big.md >}}\n");
    o.limits.max_input_bytes = 48;
    CHECK(parse("small.md", &o, &doc) == FOLIO_EINPUT && doc == NULL);
    CHECK_STR(capture_text(&cap), "small.md:2:1: error: {{< include big.md >}}: the document with its "
                               "includes exceeds the limit of 48 bytes\n");
    o.limits.max_input_bytes = 0;

    /* A cycle through two files, and a file including itself. */
    put("sub/b.md", "{{< include a.md >}}\n");
    CHECK(parse("main.md", &o, &doc) == FOLIO_EINPUT && doc == NULL);
    CHECK_STR(capture_text(&cap), "sub/b.md:1:1: error: {{< include a.md >}} includes itself (an include cycle)\n");
    put("self.md", "Me.\n{{< include self.md >}}\n");
    CHECK(parse("self.md", &o, &doc) == FOLIO_EINPUT && doc == NULL);
    CHECK(strstr(capture_text(&cap), "self.md:2:1: error: {{< include self.md >}} includes itself") != NULL);

    /* Confinement: no absolute paths, no escape above the source folder. */
    put("abs.md", "{{< include /etc/passwd >}}\n");
    CHECK(parse("abs.md", &o, &doc) == FOLIO_EINPUT);
    CHECK(strstr(capture_text(&cap), "absolute path refused") != NULL);
    put("sub/up.md", "{{< include ../../x.md >}}\n");
    CHECK(parse("sub/up.md", &o, &doc) == FOLIO_EINPUT);
    CHECK(strstr(capture_text(&cap), "cannot include \"../../x.md\"") != NULL);

    /* In memory without a folder there is nothing to include from. */
    capture_clear(&cap);
    const char *mem = "{{< include a.md >}}\n";
    CHECK(folio_parse_memory(mem, strlen(mem), "m.md", NULL, &o, &doc) == FOLIO_EINPUT);
    CHECK_STR(capture_text(&cap), "m.md:1:1: error: cannot include \"a.md\": the source has no folder\n");

    /* An included file with invalid UTF-8 is reported in that file. */
    put("sub/a.md", "ok\n\xff\n");
    CHECK(parse("main.md", &o, &doc) == FOLIO_EINPUT);
    CHECK(strncmp(capture_text(&cap), "sub/a.md:2:1: error: invalid UTF-8", 34) == 0);

    drop("main.md");
    drop("sub/a.md");
    drop("sub/b.md");
    drop("sub/up.md");
    drop("self.md");
    drop("abs.md");
    drop("big.md");
    drop("small.md");
    rmdir(sub);
    rmdir(root);
    capture_free(&cap);
    return check_done();
}
