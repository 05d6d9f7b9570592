#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/oom.h"

enum { CHUNK_SIZE = 64 * 1024 };

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct arena {
    chunk *head;
    size_t total;
};

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof(arena));
    if (!a)
        oom_abort();
    return a;
}

void arena_drop(arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
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
        chunk *n = csize <= SIZE_MAX - sizeof(chunk) ? malloc(sizeof(chunk) + csize) : NULL;
        if (!n)
            oom_abort();
        n->size = csize;
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
