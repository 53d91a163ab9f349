/*
 * shingle.c - see shingle.h.  Words come from the project's tokenizer (text/tokenize.h),
 * case-folded; each word's hash goes into a rolling window of the last SHINGLE_WORDS word
 * hashes, and each full window is hashed into the set.
 */
#include "text/shingle.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "text/tokenize.h"

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

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void shingle_set_build(const char *text, struct shingle_set *out)
{
    uint64_t window[SHINGLE_WORDS];
    size_t nwords = 0, alloc = 0, len = text ? strlen(text) : 0;
    struct text_words it;
    struct text_word w;
    memset(out, 0, sizeof(*out));
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    text_words_init(&it, text, len);
    while (text_words_next(&it, &w)) {
        uint64_t word = FNV_OFFSET;
        for (size_t k = 0; k < w.fold_len; k++) {
            word ^= (unsigned char)w.fold[k];
            word *= FNV_PRIME;
        }
        memmove(window, window + 1, sizeof(window) - sizeof(window[0]));
        window[SHINGLE_WORDS - 1] = word;
        if (++nwords >= SHINGLE_WORDS) {
            uint64_t h = FNV_OFFSET;
            for (int k = 0; k < SHINGLE_WORDS; k++)
                h = fnv_mix(h, window[k]);
            ALLOC_GROW(out->hashes, out->count + 1, alloc);
            out->hashes[out->count++] = h;
        }
    }
    text_words_release(&it);
    if (out->count > 1) {
        size_t u = 1;
        qsort(out->hashes, out->count, sizeof(out->hashes[0]), cmp_u64);
        for (size_t r = 1; r < out->count; r++)
            if (out->hashes[r] != out->hashes[u - 1])
                out->hashes[u++] = out->hashes[r];
        out->count = u;
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
