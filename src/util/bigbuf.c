#include "util/bigbuf.h"

#include <stdlib.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

void *bigbuf_alloc(size_t n)
{
    if (n < HUGE_PAGE)
        return malloc(n ? n : 1);
    size_t rounded = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (rounded < n)
        return NULL;
    void *p = aligned_alloc(HUGE_PAGE, rounded);
#ifdef MADV_HUGEPAGE
    if (p)
        madvise(p, rounded, MADV_HUGEPAGE); /* a hint: refused, the pages stay small */
#endif
    return p;
}
