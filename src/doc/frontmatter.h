/* YAML front matter: finding the block, and reading it into fmeta. */
#ifndef FOLIO_FRONTMATTER_H
#define FOLIO_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "util/arena.h"
#include "util/diag.h"

/* Finds a front-matter block: data must start with a "---" line, closed by a
 * "---" or "..." line. Returns 0 when there is none (the body is all of
 * data), 1 when found (the YAML is data[*yaml_off..+*yaml_len), the body
 * starts at data[*body_off] on source line *body_line), -1 when it is not
 * closed (an error was reported on line 1). LF and CRLF line ends. */
int frontmatter_split(const char *data, size_t len, const char *file, fdiag *d, size_t *yaml_off,
                      size_t *yaml_len, size_t *body_off, int *body_line);

/* Parses the YAML block (its first line is source line first_line) into
 * meta, with strings copied into the arena. meta is first reset to the
 * defaults (toc -1, draft false, everything else absent). Unknown keys are
 * ignored. Malformed YAML reports "file:line:col: error: …" with the source
 * line and returns false. */
/* Quarto's code-annotations value (false, true, below, hover, select,
 * none); FANNOT_UNSET for anything else or NULL. */
fannotations frontmatter_annotations(const char *value);
/* Whether a YAML scalar says false (false, no, off in their usual cases). */
bool frontmatter_is_false(const char *s);

bool frontmatter_parse(const char *yaml, size_t len, int first_line, const char *file, fdiag *d,
                       arena *a, fmeta *meta);

#endif
