/*
 * arena.c - see arena.h.  A singly linked list of chunks, newest first; each allocation is
 * rounded up to max_align_t.  Large allocations (over a quarter of a chunk) get their own
 * chunk, linked behind the current one so the current chunk's free space is not wasted.
 */
#include "web/arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "core/banned.h"

#define CHUNK_SIZE 8192

struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

struct deferred {
    struct deferred *next;
    void (*fn)(void *);
    void *ptr;
};

struct web_arena {
    struct chunk *head;
    struct deferred *defers;
    size_t total;
};

static struct chunk *chunk_new(size_t size)
{
    struct chunk *c = xmalloc(sizeof(*c) + size);
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

web_arena *web_arena_new(void)
{
    return xcalloc(1, sizeof(web_arena));
}

void web_arena_free(web_arena *a)
{
    struct chunk *c, *next;
    if (!a)
        return;
    /* defers live in the chunks: run them all before freeing any chunk */
    for (struct deferred *d = a->defers; d; d = d->next)
        d->fn(d->ptr);
    for (c = a->head; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *web_arena_alloc(web_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    struct chunk *c;
    void *p;

    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - align - sizeof(struct chunk))
        abort();
    size = (size + align - 1) & ~(align - 1);
    if (size > CHUNK_SIZE / 4) {
        c = chunk_new(size);
        c->used = size;
        if (a->head) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            a->head = c;
        }
        memset(c->data, 0, size);
        a->total += size;
        return c->data;
    }
    if (!a->head || a->head->size - a->head->used < size) {
        c = chunk_new(CHUNK_SIZE);
        c->next = a->head;
        a->head = c;
    }
    c = a->head;
    p = c->data + c->used;
    c->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *web_arena_strndup(web_arena *a, const char *s, size_t n)
{
    char *p = web_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *web_arena_strdup(web_arena *a, const char *s)
{
    if (!s)
        return NULL;
    return web_arena_strndup(a, s, strlen(s));
}

void web_arena_defer(web_arena *a, void (*fn)(void *), void *ptr)
{
    struct deferred *d = web_arena_alloc(a, sizeof(*d));
    d->fn = fn;
    d->ptr = ptr;
    d->next = a->defers;
    a->defers = d;
}

size_t web_arena_used(const web_arena *a)
{
    return a->total;
}
