/*
 * slice.h - a non-owning view of bytes, for parsing (after h2o's h2o_iovec_t).
 * A slice never owns its memory and is valid only while what it points into lives.
 */
#ifndef HERALD_CORE_SLICE_H
#define HERALD_CORE_SLICE_H

#include <stddef.h>
#include <string.h>

typedef struct slice {
    const char *ptr;
    size_t len;
} slice;

static inline slice slice_of(const char *s)
{
    slice v = {s, s ? strlen(s) : 0};
    return v;
}

static inline slice slice_make(const char *p, size_t n)
{
    slice v = {p, n};
    return v;
}

/* Exact byte equality with a C string. */
static inline int slice_eq(slice a, const char *s)
{
    size_t n = strlen(s);
    return a.len == n && memcmp(a.ptr, s, n) == 0;
}

#endif
