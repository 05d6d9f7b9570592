/* The math stages one at a time, for golden tests and by hand:
 *
 *   math_tool mathml FILE    one formula per line → one <math> per line
 *   math_tool linear FILE    → the Unicode linear form per line
 *   math_tool check FILE     → "ok" or "line: offset: message" per line
 *   math_tool layout FILE FONT → the box layout of each at 10 pt (golden dumps)
 *   math_tool bench FILE FONT N → parse and lay out every formula N times;
 *                              prints the CPU time per 1,000 formulas
 *
 * A line "$$…" is a display formula; "#" lines and blank lines are skipped
 * (they number the fixture's sections). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub/mathml.h"
#include "math/mlayout.h"
#include "math/mtree.h"
#include <time.h>

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Parse and lay out every formula of the file, rounds times. */
static int bench(const char *path, mfont *font, int rounds)
{
    FILE *f = fopen(path, "r");
    if (!f || !font)
        return 2;
    char *lines[1024];
    int n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (n < 1024 && (len = getline(&line, &cap, f)) >= 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len && line[0] != '#')
            lines[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    double t0 = cpu_seconds();
    long done = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < n; i++) {
            bool display = strncmp(lines[i], "$$", 2) == 0;
            const char *tex = lines[i] + (display ? 2 : 0);
            arena *a = arena_new();
            math_error err;
            mnode *root = math_parse(a, tex, strlen(tex), display, &err);
            mlayout l;
            if (root)
                math_layout(font, root, display, 10.0, &l, &err), mlayout_free(&l);
            arena_drop(a);
            done++;
        }
    }
    double t = cpu_seconds() - t0;
    printf("%ld formulas in %.3f s CPU: %.1f ms per 1,000\n", done, t, t * 1e6 / (double)done);
    for (int i = 0; i < n; i++)
        free(lines[i]);
    mfont_drop(font);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argv[1];
    if (argc < 3) {
        fprintf(stderr, "usage: math_tool mathml|linear|check|layout|bench FILE [FONT [N]]\n");
        return 2;
    }
    mfont *font = NULL;
    if (argc >= 4) {
        const char *why;
        if (!(font = mfont_open(argv[3], &why))) {
            fprintf(stderr, "%s: %s\n", argv[3], why);
            return 2;
        }
    }
    if (strcmp(mode, "bench") == 0)
        return bench(argv[2], font, argc >= 5 ? atoi(argv[4]) : 100);
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
        } else if (strcmp(mode, "layout") == 0 && font) {
            mlayout l;
            if (!math_layout(font, root, display, 10.0, &l, &err)) {
                failed++;
                printf("%d: %s\n", no, err.msg);
            } else {
                buf o = {0};
                buf_printf(&o, "%d: ", no);
                mlayout_dump(&l, &o);
                fputs(buf_cstr(&o), stdout);
                buf_free(&o);
            }
            mlayout_free(&l);
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
    mfont_drop(font);
    return failed ? 1 : 0;
}
