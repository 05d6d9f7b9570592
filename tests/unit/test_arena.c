/* util/arena: what is allocated reads back as written, whether the arena
 * stayed on the heap or went to a scratch file (past a few megabytes), and
 * a large arena's forgotten chunks leave the process's resident memory.
 * With $TMPDIR on a tmpfs the scratch file is on a disk (the cache folder)
 * or there is none: never shared memory. */
#include <linux/magic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
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
 * after arena_forget. Returns the growth of RssAnon (kB) while filling;
 * *shmem (when given) that of RssShmem, read back whole. */
static long fill_and_check(bool spilled, long *shmem)
{
    long anon0 = status_kb("RssAnon:"), mapped_start = mapped_kb();
    long shmem0 = status_kb("RssShmem:");
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
    if (shmem)
        *shmem = status_kb("RssShmem:") - shmem0;
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

/* Whether dir is a tmpfs (its files are memory). */
static bool on_tmpfs(const char *dir)
{
    struct statfs fs;
    return statfs(dir, &fs) == 0 && fs.f_type == TMPFS_MAGIC;
}

/* Runs fill_and_check in a child with $TMPDIR and $XDG_CACHE_HOME set
 * (the spill's folder is chosen once a process); its RssAnon and RssShmem
 * growth in kB. False when the child failed a check. */
static bool in_child(const char *tmpdir, const char *cache, bool spilled, long *anon,
                     long *shmem)
{
    int pipefd[2];
    CHECK(pipe(pipefd) == 0);
    fflush(stdout); /* printed once, not again by the child */
    pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        setenv("TMPDIR", tmpdir, 1);
        if (cache)
            setenv("XDG_CACHE_HOME", cache, 1);
        long got[2];
        got[0] = fill_and_check(spilled, &got[1]);
        CHECK(write(pipefd[1], got, sizeof got) == (ssize_t)sizeof got);
        exit(check_done());
    }
    close(pipefd[1]);
    long got[2] = {0};
    bool read_all = pid > 0 && read(pipefd[0], got, sizeof got) == (ssize_t)sizeof got;
    close(pipefd[0]);
    int status = 0;
    bool ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0 && read_all;
    *anon = got[0];
    *shmem = got[1];
    return ok;
}

/* $TMPDIR on a tmpfs (/dev/shm): with the cache folder on a disk, the
 * arena spills there, not to shared memory; with it on a tmpfs too, the
 * arena stays on the heap. Each half is skipped when this machine has no
 * such folder. */
static void tmpfs_tmpdir(void)
{
    if (!on_tmpfs("/dev/shm")) {
        printf("skipped: /dev/shm is not a tmpfs\n");
        return;
    }
    char shm[] = "/dev/shm/folio-test-XXXXXX", cache[] = "folio-test-cache-XXXXXX";
    CHECK(mkdtemp(shm) != NULL);
    long anon, shmem;
    if (mkdtemp(cache) && !on_tmpfs(cache)) {
        char *abs = realpath(cache, NULL);
        CHECK(in_child(shm, abs, true, &anon, &shmem));
        CHECK(anon < 8 * 1024); /* spilled */
        CHECK(shmem < 1024);    /* to the disk's page cache, not to shmem */
        char folio[4200];
        snprintf(folio, sizeof folio, "%s/folio", abs);
        CHECK(rmdir(folio) == 0); /* the file had no name: nothing left */
        free(abs);
    } else {
        printf("skipped: the working folder is a tmpfs\n");
    }
    rmdir(cache);
    char shm_cache[64];
    snprintf(shm_cache, sizeof shm_cache, "%s/cache", shm);
    CHECK(in_child(shm, shm_cache, false, &anon, &shmem));
    CHECK(anon > 12 * 1024); /* the heap */
    CHECK(shmem < 1024);
    snprintf(shm_cache, sizeof shm_cache, "%s/cache/folio", shm);
    rmdir(shm_cache);
    snprintf(shm_cache, sizeof shm_cache, "%s/cache", shm);
    rmdir(shm_cache);
    CHECK(rmdir(shm) == 0);
}

int main(void)
{
    /* no scratch file to be had: the heap, as before */
    long anon, shmem;
    CHECK(in_child("/nonexistent/folio-test", NULL, false, &anon, &shmem));
    CHECK(anon > 12 * 1024);
    tmpfs_tmpdir();
    /* a scratch file in the working folder: the heap holds the first
     * 4 MB only */
    char *here = realpath(".", NULL);
    if (here && !on_tmpfs(here)) {
        setenv("TMPDIR", here, 1);
        CHECK(fill_and_check(true, NULL) < 8 * 1024);
    } else {
        printf("skipped: the working folder is a tmpfs\n");
    }
    free(here);
    return check_done();
}
