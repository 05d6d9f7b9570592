/* util/arena: what is allocated reads back as written, whether the arena
 * stayed on the heap or went to a scratch file (past a few megabytes), and
 * a large arena's forgotten chunks leave the process's resident memory. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "util/arena.h"

enum { RECORDS = 150000, RECORD = 80, BIG = 3 << 20 };

/* kB of a /proc/self/status line ("RssFile:"), -1 when absent */
static long status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0)
            kb = strtol(line + n, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* kB of files mapped resident: the scratch file is a disk file's page
 * cache (RssFile), or a tmpfs's memory (RssShmem) */
static long mapped_kb(void) { return status_kb("RssFile:") + status_kb("RssShmem:"); }

static void fill(unsigned char *p, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++)
        p[i] = (unsigned char)(seed * 2654435761u + i * 40503u);
}

static bool same(const unsigned char *p, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != (unsigned char)(seed * 2654435761u + i * 40503u))
            return false;
    return true;
}

/* 12 MB of small records, a big one among them, a string; all read back
 * after arena_forget. Returns the growth of RssAnon (kB) while filling. */
static long fill_and_check(bool spilled)
{
    long anon0 = status_kb("RssAnon:"), mapped_start = mapped_kb();
    arena *a = arena_new();
    unsigned char **rec = malloc(RECORDS * sizeof *rec);
    unsigned char *big = NULL;
    for (uint32_t i = 0; i < RECORDS; i++) {
        rec[i] = arena_alloc_aligned(a, RECORD, 8);
        CHECK(rec[i][0] == 0 && rec[i][RECORD - 1] == 0); /* zeroed */
        fill(rec[i], RECORD, i);
        if (i == RECORDS / 2) {
            big = arena_alloc(a, BIG);
            CHECK(big[0] == 0 && big[BIG - 1] == 0);
            fill(big, BIG, 7);
        }
    }
    char *s = arena_printf(a, "%s-%d", "last", 42);
    long anon = status_kb("RssAnon:") - anon0 - (long)(RECORDS * sizeof *rec / 1024);
    /* filled: what lies behind is let go as the arena grows */
    long mapped0 = mapped_kb();
    if (spilled)
        CHECK(mapped0 - mapped_start < 6 * 1024);
    bool ok = true; /* read again, from the scratch file */
    for (uint32_t i = 0; i < RECORDS; i++)
        ok = ok && same(rec[i], RECORD, i);
    CHECK(ok);
    CHECK(same(big, BIG, 7));
    long mapped1 = mapped_kb();
    arena_forget(a);
    long mapped2 = mapped_kb();
    if (spilled) /* most of the 15 MB was the scratch file's, and goes */
        CHECK(mapped1 - mapped2 > 8 * 1024);
    else
        CHECK(mapped1 - mapped2 < 1024);
    CHECK(same(big, BIG, 7)); /* back from the file */
    CHECK_STR(s, "last-42");
    CHECK(arena_used(a) >= (size_t)RECORDS * RECORD + BIG);
    arena_forget_all(); /* with a's chunks listed, then without */
    arena_drop(a);
    arena_forget_all();
    free(rec);
    return anon;
}

int main(void)
{
    /* no scratch file to be had: the heap, as before */
    pid_t pid = fork();
    if (pid == 0) {
        setenv("TMPDIR", "/nonexistent/folio-test", 1);
        long anon = fill_and_check(false);
        CHECK(anon > 12 * 1024);
        return check_done();
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
    /* a scratch file: the heap holds the first 4 MB only */
    long anon = fill_and_check(true);
    CHECK(anon < 8 * 1024);
    return check_done();
}
