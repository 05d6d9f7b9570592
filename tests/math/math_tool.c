/* The math stages one at a time, for golden tests and by hand:
 *
 *   math_tool mathml FILE    one formula per line → one <math> per line
 *   math_tool linear FILE    → the Unicode linear form per line
 *   math_tool check FILE     → "ok" or "line: offset: message" per line
 *
 * A line "$$…" is a display formula; "#" lines and blank lines are skipped
 * (they number the fixture's sections). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub/mathml.h"
#include "math/mtree.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: math_tool mathml|linear|check FILE\n");
        return 2;
    }
    const char *mode = argv[1];
    FILE *f = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int no = 0, failed = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        no++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        bool display = strncmp(line, "$$", 2) == 0;
        const char *tex = line + (display ? 2 : 0);
        arena *a = arena_new();
        math_error err;
        mnode *root = math_parse(a, tex, strlen(tex), display, &err);
        if (!root) {
            failed++;
            printf("%d: %zu: %s\n", no, err.offset, err.msg);
        } else if (strcmp(mode, "mathml") == 0) {
            buf o = {0};
            epub_mathml(&o, root, tex, display);
            printf("%s\n", buf_cstr(&o));
            buf_free(&o);
        } else if (strcmp(mode, "linear") == 0) {
            char *s = math_linear(root);
            printf("%s\n", s);
            free(s);
        } else {
            printf("ok\n");
        }
        arena_drop(a);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return failed ? 1 : 0;
}
