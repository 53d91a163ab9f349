/*
 * alloc.h - allocation for small internal objects.
 *
 * herald aborts on out-of-memory for allocations whose size it controls (a struct, a
 * short string): there is no useful recovery, and checking every one would bury the
 * logic.  Anything whose size comes from outside input is bounded by a configured
 * cap before it is allocated, and that check returns HERALD_E_TOOBIG.
 */
#ifndef HERALD_CORE_ALLOC_H
#define HERALD_CORE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Returns a malloc'd copy of s; xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
/* Returns a malloc'd NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

/* Grows *arr (of *alloc elements of size elem) so that it holds at least need. */
#define ALLOC_GROW(arr, need, alloc)                                                               \
    do {                                                                                           \
        if ((need) > (alloc)) {                                                                    \
            size_t alloc_grow_n_ = (alloc) < 8 ? 8 : (alloc)*2;                                    \
            if (alloc_grow_n_ < (need))                                                            \
                alloc_grow_n_ = (need);                                                            \
            (arr) = xrealloc((arr), alloc_grow_n_ * sizeof(*(arr)));                               \
            (alloc) = alloc_grow_n_;                                                               \
        }                                                                                          \
    } while (0)

#endif
