#include "util/spill.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/oom.h"
#include "util/scratch.h"

/* Room for size bytes in the file, its blocks taken now: a page of a
 * shared mapping that the disk (or a file-size limit) has no room for
 * would kill the process when written, instead of failing here. */
static bool file_room(int fd, size_t from, size_t size)
{
    return posix_fallocate(fd, (off_t)from, (off_t)(size - from)) == 0;
}

/* The array moved into a scratch file of size bytes; false when none can
 * be had (it stays on the heap). */
static bool to_file(spill *s, size_t size)
{
    int fd = scratch_open_spill();
    if (fd < 0)
        return false;
    void *p = file_room(fd, 0, size) ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                     : MAP_FAILED;
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

/* The array moved back to the heap, with room for size bytes (its file
 * cannot grow). */
static void to_heap(spill *s, size_t size)
{
    void *p = malloc(size);
    if (!p)
        oom_abort();
    memcpy(p, s->p, s->size);
    memset((char *)p + s->size, 0, size - s->size);
    munmap(s->p, s->size);
    close(s->fd);
    *s = (spill){.p = p, .size = size};
}

void *spill_grow(spill *s, size_t bytes)
{
    if (bytes <= s->size)
        return s->p;
    size_t size = oom_doubled(s->size, bytes, 4096);
    if (s->mapped) {
        void *p = file_room(s->fd, s->size, size) ? mremap(s->p, s->size, size, MREMAP_MAYMOVE)
                                                  : MAP_FAILED;
        if (p == MAP_FAILED) {
            to_heap(s, size);
            return s->p;
        }
        s->p = p;
        s->size = size;
        return p;
    }
    if (size >= SPILL_MIN && to_file(s, size))
        return s->p;
    void *p = realloc(s->p, size);
    if (!p)
        oom_abort();
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
