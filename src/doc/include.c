#include "include.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "util/path.h"

bool include_load(folio_doc *doc, const char *dir, const char *from_name, int line, int col,
                  const char *rel, fdiag *d, include_file *out)
{
    memset(out, 0, sizeof *out);
    if (!doc->dir) {
        fdiag_error(d, from_name, line, col, "cannot include \"%s\": the source has no folder", rel);
        return false;
    }
    const char *why;
    const char *root[] = {doc->dir};
    out->real = path_resolve_within(dir, doc->project.root, root, 1, rel, &why);
    if (!out->real) {
        fdiag_error(d, from_name, line, col, "cannot include \"%s\": %s", rel, why);
        return false;
    }
    char *from_dir = path_dirname(from_name);
    /* Named as the user would: "parts/x.md" beside a source given as "a.md". */
    char *name = from_dir && strcmp(from_dir, ".") != 0 ? path_join(from_dir, rel) : strdup(rel);
    out->name = arena_strdup(doc->arena, name ? name : rel);
    free(from_dir);
    free(name);
    doc_note_read(doc, out->real);
    out->dir = path_dirname(out->real);
    out->text = path_read_file(out->real, doc->limits.max_input_bytes, &out->len);
    if (!out->text || !out->dir) {
        fdiag_error(d, from_name, line, col, "cannot include \"%s\": %s", rel,
                    errno == EFBIG ? "file too large" : strerror(errno));
        include_file_free(out);
        return false;
    }
    out->len = encoding_unix_newlines(out->text, out->len);
    out->text[out->len] = '\0';
    if (!encoding_validate(out->text, out->len, out->name, d)) {
        include_file_free(out);
        return false;
    }
    out->len = encoding_strip_unprintable(out->text, out->len, out->name, d);
    return true;
}

void include_file_free(include_file *f)
{
    free(f->text);
    free(f->real);
    free(f->dir);
    memset(f, 0, sizeof *f);
}
