/* A tiny test harness: CHECK and CHECK_STR count failures; main returns
 * check_done(), non-zero when anything failed. */
#ifndef FOLIO_CHECK_H
#define FOLIO_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        check_count++;                                                                         \
        if (!(cond)) {                                                                         \
            check_failures++;                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                                   \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        check_count++;                                                                         \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                               \
            check_failures++;                                                                  \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,            \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                   \
        }                                                                                      \
    } while (0)

static inline int check_done(void)
{
    printf("%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
