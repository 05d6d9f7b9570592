/* Paths: joining, and resolving a resource confined to allowed folders. */
#ifndef FOLIO_PATH_H
#define FOLIO_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Whether real is root or below it (both real paths). */
bool path_is_inside(const char *real, const char *root);
/* dir + "/" + name, malloc'ed. */
char *path_join(const char *dir, const char *name);
/* folio's cache folder: $XDG_CACHE_HOME/folio, else ~/.cache/folio (malloc'd;
 * not created); NULL when neither variable is an absolute path. */
char *path_user_cache(void);
/* The folder part of path ("." when none), malloc'ed. */
char *path_dirname(const char *path);
/* Writes head then body to path through a temporary file beside it,
 * renamed into place (a reader never sees half a file), making its folder
 * (0700) first when missing. Not synced to disk: for caches, whose readers
 * check what they read. false when it could not (no file left behind). */
bool path_replace_file(const char *path, const void *head, size_t head_len, const void *body,
                       size_t body_len);
/* Reads a whole file (up to max bytes, else fails with errno EFBIG);
 * malloc'ed and NUL-terminated. NULL with errno set on failure. */
char *path_read_file(const char *path, size_t max, size_t *len);

/*
 * Resolves rel (as written in a source) against base_dir, then each of
 * extra[0..n). The result must exist and, after following symlinks, lie
 * inside base_dir's tree or one of the extra folders: absolute paths, ".."
 * escapes and symlinks pointing out are refused. Returns a malloc'ed real
 * path, or NULL with *why set to a static reason ("not found", "outside the
 * source folder").
 */
char *path_resolve_confined(const char *base_dir, const char *const *extra, size_t n,
                            const char *rel, const char **why);

/* Like path_resolve_confined, with root (a folder containing base_dir; NULL:
 * none) as the boundary instead of base_dir: a project's images and
 * includes may be anywhere inside it, and a site path "/x/y.png" resolves
 * against it ("outside the project folder" when refused). */
char *path_resolve_within(const char *base_dir, const char *root, const char *const *extra,
                          size_t n, const char *rel, const char **why);

#endif
