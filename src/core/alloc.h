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
#include <stdint.h>

/* Prints "herald: BUG: file:line: message" to stderr and aborts: for our own bugs only
 * (a broken invariant), never for outside input. */
_Noreturn void herald_bug(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define BUG(...) herald_bug(__FILE__, __LINE__, __VA_ARGS__)

/* Size arithmetic that cannot wrap (git's st_add/st_mult): an overflow aborts, because a
 * size computed by herald that does not fit in size_t is a bug, and wrapping would
 * allocate too little and write past the end.  Sizes from outside input are bounded by a
 * cap long before they get here. */
#define st_add(a, b) st_add_at((a), (b), __FILE__, __LINE__)
#define st_add3(a, b, c) st_add(st_add((a), (b)), (c))
#define st_mult(a, b) st_mult_at((a), (b), __FILE__, __LINE__)

static inline size_t st_add_at(size_t a, size_t b, const char *file, int line)
{
    if (a > SIZE_MAX - b)
        herald_bug(file, line, "size overflow: %zu + %zu", a, b);
    return a + b;
}

static inline size_t st_mult_at(size_t a, size_t b, const char *file, int line)
{
    if (b && a > SIZE_MAX / b)
        herald_bug(file, line, "size overflow: %zu * %zu", a, b);
    return a * b;
}

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Returns a malloc'd copy of s; xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
/* Returns a malloc'd NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

/* Returns xrealloc(ptr, nmemb * size), aborting when the product overflows. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);

/* The capacity ALLOC_GROW moves to from alloc when need does not fit: doubling (at
 * least 8, at least need), overflow-checked. */
size_t alloc_grow_size(size_t alloc, size_t need);

/* Grows *arr (of *alloc elements) so that it holds at least need; sizes are
 * overflow-checked (an overflow aborts, see st_add). */
#define ALLOC_GROW(arr, need, alloc)                                                               \
    do {                                                                                           \
        if ((need) > (alloc)) {                                                                    \
            size_t alloc_grow_n_ = alloc_grow_size((alloc), (need));                               \
            (arr) = xreallocarray((arr), alloc_grow_n_, sizeof(*(arr)));                           \
            (alloc) = alloc_grow_n_;                                                               \
        }                                                                                          \
    } while (0)

#endif
