/* util/path: joining, reading with a size cap, and confinement of resources
 * to the source folder tree and the resource paths. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/path.h"

static char root[] = "/tmp/folio-path-XXXXXX";

static void write_file(const char *rel, const char *text)
{
    char *p = path_join(root, rel);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
    free(p);
}

static void make_dir(const char *rel)
{
    char *p = path_join(root, rel);
    mkdir(p, 0700);
    free(p);
}

static void make_link(const char *target, const char *rel)
{
    char *p = path_join(root, rel);
    CHECK(symlink(target, p) == 0);
    free(p);
}

/* Resolves rel from root/src with root/extra as a resource path; returns
 * the result relative to root ("" on failure, why in *why). */
static char *resolve(const char *rel, const char **why)
{
    char *src = path_join(root, "src"), *extra = path_join(root, "extra");
    const char *extras[] = {extra};
    char *got = path_resolve_confined(src, extras, 1, rel, why);
    free(src);
    free(extra);
    return got;
}

static void check_resolves(const char *rel, const char *want_below_root)
{
    const char *why = NULL;
    char *got = resolve(rel, &why);
    char *want = path_join(root, want_below_root);
    CHECK_STR(got, want);
    free(got);
    free(want);
}

static void check_refused(const char *rel, const char *want_why)
{
    const char *why = NULL;
    char *got = resolve(rel, &why);
    CHECK(got == NULL);
    if (!why || strcmp(why, want_why) != 0)
        fprintf(stderr, "for %s:\n", rel);
    CHECK_STR(why, want_why);
    free(got);
}

static void test_join_dirname(void)
{
    static const char *const cases[][3] = {
        {"join", "a", "b.png"}, {"join", "a/", "b.png"}, {"join", "", "b.png"},
        {"dir", "a/b/c.md", NULL}, {"dir", "c.md", NULL}, {"dir", "/c.md", NULL},
        {"dir", "a//c.md", NULL},
    };
    static const char *const want[] = {"a/b.png", "a/b.png", "b.png", "a/b", ".", "/", "a"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char *s = cases[i][0][0] == 'j' ? path_join(cases[i][1], cases[i][2])
                                        : path_dirname(cases[i][1]);
        CHECK_STR(s, want[i]);
        free(s);
    }
}

static void test_read(void)
{
    write_file("ten", "0123456789");
    char *p = path_join(root, "ten");
    size_t len = 0;
    char *d = path_read_file(p, 10, &len);
    CHECK(d && len == 10 && d[10] == '\0');
    free(d);
    errno = 0;
    CHECK(path_read_file(p, 9, &len) == NULL && errno == EFBIG);
    free(p);
    errno = 0;
    CHECK(path_read_file(root, 100, &len) == NULL && errno == EISDIR);
    /* Not a regular file: read until the cap is passed (an endless device). */
    errno = 0;
    CHECK(path_read_file("/dev/zero", 10000, &len) == NULL && errno == EFBIG);
    d = path_read_file("/dev/null", 10, &len);
    CHECK(d && len == 0);
    free(d);
    p = path_join(root, "absent");
    CHECK(path_read_file(p, 100, &len) == NULL && errno == ENOENT);
    free(p);
}

static void test_confinement(void)
{
    make_dir("src");
    make_dir("src/img");
    make_dir("extra");
    make_dir("outside");
    write_file("src/img/a.png", "a");
    write_file("src/b.png", "b");
    write_file("extra/shared.png", "s");
    write_file("outside/secret", "private key");
    write_file("sibling.png", "x");
    make_link("../../outside/secret", "src/img/link-out");
    make_link("../b.png", "src/img/link-in");
    make_link("../extra/shared.png", "src/link-extra");

    check_resolves("img/a.png", "src/img/a.png");
    check_resolves("./img/../b.png", "src/b.png");    /* ".." that stays inside */
    check_resolves("img/link-in", "src/b.png");        /* symlink inside */
    check_resolves("shared.png", "extra/shared.png");  /* found in the resource path */
    check_resolves("link-extra", "extra/shared.png");  /* symlink into a resource path */

    check_refused("/etc/passwd", "absolute path refused");
    check_refused("../outside/secret", "outside the source folder");
    check_refused("img/../../sibling.png", "outside the source folder");
    check_refused("img/link-out", "outside the source folder");
    check_refused("missing.png", "not found");
    check_refused("img", "not a regular file");
    check_refused("", "not found");

    /* No source folder: only the resource paths. */
    const char *why;
    char *extra = path_join(root, "extra");
    const char *extras[] = {extra};
    char *got = path_resolve_confined(NULL, extras, 1, "shared.png", &why);
    CHECK(got != NULL);
    free(got);
    CHECK(path_resolve_confined(NULL, NULL, 0, "shared.png", &why) == NULL);
    free(extra);
}

int main(void)
{
    if (!mkdtemp(root))
        return 1;
    test_join_dirname();
    test_read();
    test_confinement();
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    return check_done();
}
