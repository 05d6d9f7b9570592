#include "util/spill.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/scratch.h"

/* The array moved into a scratch file of size bytes; false when none can
 * be had (it stays on the heap). */
static bool to_file(spill *s, size_t size)
{
    int fd = scratch_open();
    if (fd < 0)
        return false;
    void *p = MAP_FAILED;
    if (ftruncate(fd, (off_t)size) == 0)
        p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        close(fd);
        return false;
    }
    if (s->size)
        memcpy(p, s->p, s->size);
    free(s->p);
    s->p = p;
    s->size = size;
    s->mapped = true;
    s->fd = fd;
    return true;
}

void *spill_grow(spill *s, size_t bytes)
{
    if (bytes <= s->size)
        return s->p;
    size_t size = s->size ? s->size : 4096;
    while (size < bytes)
        size *= 2;
    if (s->mapped) {
        /* the file grows first: a shared mapping past its end faults */
        void *p = MAP_FAILED;
        if (ftruncate(s->fd, (off_t)size) == 0)
            p = mremap(s->p, s->size, size, MREMAP_MAYMOVE);
        if (p == MAP_FAILED)
            abort();
        s->p = p;
        s->size = size;
        return p;
    }
    if (size >= SPILL_MIN && to_file(s, size))
        return s->p;
    void *p = realloc(s->p, size);
    if (!p)
        abort();
    memset((char *)p + s->size, 0, size - s->size);
    s->p = p;
    s->size = size;
    return p;
}

void spill_forget(const spill *s)
{
    /* a shared mapping: the pages written are the file's, kept by the
     * page cache (written back when the kernel wants the memory) */
    if (s->mapped)
        madvise(s->p, s->size, MADV_DONTNEED);
}

void spill_free(spill *s)
{
    if (s->mapped) {
        munmap(s->p, s->size);
        close(s->fd);
    } else {
        free(s->p);
    }
    *s = (spill){0};
}
