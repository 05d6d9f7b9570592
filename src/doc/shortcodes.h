/* Hugo/Quarto shortcode syntax: {{< name arg key="value" >}} and
 * {{% name %}}, with closing forms {{< /name >}}. */
#ifndef FOLIO_SHORTCODES_H
#define FOLIO_SHORTCODES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

enum { SHORTCODE_ARGS_MAX = 16 };

typedef struct shortcode {
    size_t len;       /* bytes from "{{" to "}}" included */
    bool percent;     /* {{% … %}} */
    bool closing;     /* {{< /name >}} */
    const char *name; /* in the arena */
    const char *keys[SHORTCODE_ARGS_MAX]; /* NULL for a positional argument */
    const char *values[SHORTCODE_ARGS_MAX];
    int n;
} shortcode;

/* Reads the shortcode at s[0..len) (s starts with "{{<" or "{{%"). Returns
 * 1 when read, 0 when s does not start a shortcode, -1 when it is not
 * closed before the end of s. */
int shortcode_parse(arena *a, const char *s, size_t len, shortcode *sc);
/* The named argument key, else the pos-th positional one (0-based; -1 for
 * none); NULL when absent. */
const char *shortcode_arg(const shortcode *sc, const char *key, int pos);
/* Every argument written back, space-separated, for messages. */
char *shortcode_args_text(arena *a, const shortcode *sc);

#endif
