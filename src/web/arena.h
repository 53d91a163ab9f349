/*
 * arena.h - the per-request memory pool of the web layer (after h2o's h2o_mem_pool_t).
 *
 * Everything a request needs beyond its response body (view models, copies of query
 * parameters, strings taken from the store) is allocated here and released at once in
 * the request's completion callback, so handlers never free piecemeal and never leak on
 * an error path.  Allocation is a pointer bump in 8 KiB chunks; larger requests get a
 * chunk of their own.  Out-of-memory aborts (alloc.h): callers bound what outside input
 * may make them allocate before they allocate it.
 */
#ifndef HERALD_WEB_ARENA_H
#define HERALD_WEB_ARENA_H

#include <stddef.h>

typedef struct web_arena web_arena;

/* Returns a new, empty arena.  Never NULL. */
web_arena *web_arena_new(void);
/* Frees the arena and everything allocated from it.  NULL does nothing. */
void web_arena_free(web_arena *a);

/* Returns size bytes aligned for any type, zero-filled, owned by the arena. */
void *web_arena_alloc(web_arena *a, size_t size);
/* Returns an arena copy of s, or NULL when s is NULL. */
char *web_arena_strdup(web_arena *a, const char *s);
/* Returns an arena copy of the first n bytes of s plus a NUL. */
char *web_arena_strndup(web_arena *a, const char *s, size_t n);
/* Registers fn(ptr) to run when the arena is freed (in reverse order of registration):
 * how a request keeps records it borrowed strings from (store lists) alive until the
 * response is sent. */
void web_arena_defer(web_arena *a, void (*fn)(void *), void *ptr);
/* Total bytes handed out so far (for tests and the access log's debug line). */
size_t web_arena_used(const web_arena *a);

#endif
