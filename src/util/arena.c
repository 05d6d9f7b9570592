#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/oom.h"
#include "util/scratch.h"

enum {
    CHUNK_SIZE = 64 * 1024,
    /* once an arena holds this much on the heap (a long document's model:
     * ~170 bytes a paragraph), its new chunks are mapped from a scratch
     * file, a mebibyte at a time */
    SPILL_AFTER = 4 << 20,
    SPILL_CHUNK = 1 << 20,
};

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    bool mapped; /* a mapping of the arena's scratch file, else malloc'ed */
    alignas(max_align_t) unsigned char data[];
} chunk;

/* A mapped chunk, listed on the heap: forgetting them does not touch
 * their pages. */
typedef struct mapping {
    void *p;
    size_t size;
} mapping;

struct arena {
    chunk *head;
    size_t total;
    size_t heap;      /* bytes of chunks on the heap */
    int fd;           /* the scratch file; -1 none (yet) */
    bool no_file;     /* none could be had (or grown): the heap from then on */
    size_t file_size; /* bytes mapped from it so far */
    mapping *maps;
    size_t n_maps, cap_maps;
    struct arena *spilled_next; /* in the list of arenas with mapped chunks */
};

/* Every arena with mapped chunks, for arena_forget_all (a walk over a
 * model does not know its arena). */
static pthread_mutex_t spilled_lock = PTHREAD_MUTEX_INITIALIZER;
static arena *spilled;

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof(arena));
    if (!a)
        oom_abort();
    a->fd = -1;
    return a;
}

void arena_drop(arena *a)
{
    if (!a)
        return;
    if (a->n_maps) {
        pthread_mutex_lock(&spilled_lock);
        arena **p = &spilled;
        while (*p != a)
            p = &(*p)->spilled_next;
        *p = a->spilled_next;
        pthread_mutex_unlock(&spilled_lock);
    }
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (!c->mapped)
            free(c);
    }
    for (size_t i = 0; i < a->n_maps; i++)
        munmap(a->maps[i].p, a->maps[i].size);
    free(a->maps);
    if (a->fd >= 0)
        close(a->fd);
    free(a);
}

/* A chunk of bytes (header included) mapped from the arena's scratch file
 * at its end, or NULL when the file cannot be had or grown (its blocks are
 * taken now: a page the disk has no room for would kill the process when
 * written). Chunks never move: the file grows, the old mappings stay. */
static chunk *map_chunk(arena *a, size_t bytes)
{
    if (a->fd < 0 && (a->fd = scratch_open_spill()) < 0)
        return NULL;
    long page = sysconf(_SC_PAGESIZE);
    bytes = (bytes + (size_t)page - 1) & ~((size_t)page - 1);
    if (posix_fallocate(a->fd, (off_t)a->file_size, (off_t)bytes) != 0)
        return NULL;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, a->fd, (off_t)a->file_size);
    if (p == MAP_FAILED)
        return NULL;
    pthread_mutex_lock(&spilled_lock);
    if (!a->n_maps) {
        a->spilled_next = spilled;
        spilled = a;
    }
    a->maps = oom_grow(a->maps, &a->cap_maps, a->n_maps + 1, sizeof *a->maps, 64);
    a->maps[a->n_maps++] = (mapping){p, bytes};
    pthread_mutex_unlock(&spilled_lock);
    a->file_size += bytes;
    /* what the arena wrote before is let go as it goes on: a model is
     * built in order, the chunks behind are seldom written again. Only
     * the chunk that falls behind now: the older ones went when they did
     * (all of them each time made a long build quadratic in madvise) */
    if (a->n_maps > 2)
        madvise(a->maps[a->n_maps - 3].p, a->maps[a->n_maps - 3].size, MADV_DONTNEED);
    chunk *c = p;
    c->size = bytes - sizeof(chunk);
    c->mapped = true;
    return c;
}

/* A new chunk with room for at least size bytes (zeroed, as the scratch
 * file's new pages are): mapped once the arena is large, or for a
 * request of a mebibyte (the source text of a long document). */
static chunk *new_chunk(arena *a, size_t size)
{
    if ((a->heap >= SPILL_AFTER || size >= SPILL_CHUNK) && !a->no_file &&
        size <= SIZE_MAX / 2) {
        size_t want = size == CHUNK_SIZE ? SPILL_CHUNK - sizeof(chunk) : size;
        chunk *c = map_chunk(a, sizeof(chunk) + want);
        if (c)
            return c;
        a->no_file = true;
    }
    chunk *c = size <= SIZE_MAX - sizeof(chunk) ? malloc(sizeof(chunk) + size) : NULL;
    if (!c)
        oom_abort();
    c->size = size;
    c->mapped = false;
    a->heap += size;
    return c;
}

void *arena_alloc_aligned(arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX / 2)
        oom_abort(); /* no machine has it; rounding up would wrap */
    if (size == 0)
        size = 1;
    chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < size) {
        /* Big requests get a chunk of their own, put behind the current one
         * so the current chunk's free space is not wasted. */
        size_t csize = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        chunk *n = new_chunk(a, csize);
        n->used = 0;
        if (c && csize != CHUNK_SIZE) {
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
        at = 0; /* a chunk's data is max-aligned */
    }
    void *p = c->data + at;
    c->used = at + size;
    a->total += size;
    memset(p, 0, size);
    return p;
}
void *arena_alloc(arena *a, size_t size)
{
    return arena_alloc_aligned(a, size, alignof(max_align_t));
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len >= SIZE_MAX / 2)
        oom_abort();
    char *p = arena_alloc_aligned(a, len + 1, 1); /* packed: a long text is mostly words */
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n >= 0 ? arena_alloc_aligned(a, (size_t)n + 1, 1) : NULL;
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t arena_used(const arena *a) { return a->total; }

/* Shared mappings of a file: their pages stay in the page cache (written
 * back to the file when the kernel wants the memory) and come back from it
 * when read again. */
static void forget(const arena *a)
{
    for (size_t i = 0; i < a->n_maps; i++)
        madvise(a->maps[i].p, a->maps[i].size, MADV_DONTNEED);
}

void arena_forget(arena *a)
{
    pthread_mutex_lock(&spilled_lock); /* maps may grow in another thread */
    forget(a);
    pthread_mutex_unlock(&spilled_lock);
}

void arena_forget_all(void)
{
    pthread_mutex_lock(&spilled_lock);
    for (const arena *a = spilled; a; a = a->spilled_next)
        forget(a);
    pthread_mutex_unlock(&spilled_lock);
}
