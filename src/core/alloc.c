/* alloc.c - see alloc.h. */
#include "core/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

static void out_of_memory(size_t size)
{
    fprintf(stderr, "herald: out of memory allocating %zu bytes\n", size);
    abort();
}

void herald_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "herald: BUG: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        out_of_memory(st_mult(nmemb, size));
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
    return xrealloc(ptr, st_mult(nmemb, size));
}

size_t alloc_grow_size(size_t alloc, size_t need)
{
    size_t n = alloc < 8 ? 8 : st_mult(alloc, 2);
    return n < need ? need : n;
}

char *xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(st_add(n, 1));
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
