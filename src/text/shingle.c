/*
 * shingle.c - see shingle.h.  Words are read with utf8proc (category L* or N* continues a
 * word; anything else ends it) and case-folded code point by code point into a rolling
 * window of the last SHINGLE_WORDS word hashes; each full window is hashed into the set.
 */
#include "text/shingle.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/banned.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv_mix(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= FNV_PRIME;
    }
    return h;
}

static int is_word_char(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void shingle_set_build(const char *text, struct shingle_set *out)
{
    uint64_t window[SHINGLE_WORDS];
    size_t nwords = 0, alloc = 0, len = text ? strlen(text) : 0, i = 0;
    uint64_t word = FNV_OFFSET;
    int in_word = 0;
    memset(out, 0, sizeof(*out));
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    while (i <= len) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n = 1;
        if (i < len) {
            n = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i),
                                 &cp);
            if (n <= 0) {
                n = 1;
                cp = -1;
            }
        }
        if (cp >= 0 && is_word_char(cp)) {
            word = fnv_mix(word, (uint64_t)utf8proc_tolower(cp));
            in_word = 1;
        } else if (in_word) {
            memmove(window, window + 1, sizeof(window) - sizeof(window[0]));
            window[SHINGLE_WORDS - 1] = word;
            if (++nwords >= SHINGLE_WORDS) {
                uint64_t h = FNV_OFFSET;
                for (int k = 0; k < SHINGLE_WORDS; k++)
                    h = fnv_mix(h, window[k]);
                ALLOC_GROW(out->hashes, out->count + 1, alloc);
                out->hashes[out->count++] = h;
            }
            word = FNV_OFFSET;
            in_word = 0;
        }
        i += (size_t)n;
    }
    if (out->count > 1) {
        size_t w = 1;
        qsort(out->hashes, out->count, sizeof(out->hashes[0]), cmp_u64);
        for (size_t r = 1; r < out->count; r++)
            if (out->hashes[r] != out->hashes[w - 1])
                out->hashes[w++] = out->hashes[r];
        out->count = w;
    }
}

void shingle_set_release(struct shingle_set *s)
{
    free(s->hashes);
    s->hashes = NULL;
    s->count = 0;
}

double shingle_containment(const struct shingle_set *a, const struct shingle_set *b)
{
    size_t i = 0, j = 0, common = 0;
    if (!a->count || !b->count)
        return 0.0;
    while (i < a->count && j < b->count) {
        if (a->hashes[i] == b->hashes[j]) {
            common++;
            i++;
            j++;
        } else if (a->hashes[i] < b->hashes[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (double)common / (double)(a->count < b->count ? a->count : b->count);
}

int shingle_is_copy(const char *a, const char *b)
{
    struct shingle_set sa, sb;
    shingle_set_build(a, &sa);
    shingle_set_build(b, &sb);
    int copy = shingle_containment(&sa, &sb) >= SHINGLE_COPY_THRESHOLD;
    shingle_set_release(&sa);
    shingle_set_release(&sb);
    return copy;
}
