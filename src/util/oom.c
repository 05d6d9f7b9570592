#include "oom.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void oom_abort(void)
{
    fputs("folio: out of memory\n", stderr);
    abort();
}
