#include "oom.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

_Noreturn void oom_abort(void)
{
    fputs("folio: out of memory\n", stderr);
    abort();
}

size_t oom_doubled(size_t cap, size_t need, size_t first)
{
    size_t c = cap ? cap : first ? first : 1;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            oom_abort();
        c *= 2;
    }
    return c;
}

void *oom_grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return p;
    size_t c = oom_doubled(*cap, need, first);
    if (size && c > SIZE_MAX / size)
        oom_abort();
    p = realloc(p, c * size);
    if (!p)
        oom_abort();
    *cap = c;
    return p;
}
