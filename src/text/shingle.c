/*
 * shingle.c - see shingle.h.  Words come from the project's tokenizer (text/tokenize.h),
 * case-folded; each word's hash goes into a rolling window of the last SHINGLE_WORDS word
 * hashes, and each full window is hashed into the set.
 */
#include "text/shingle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/sort.h"
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

void shingle_set_build(const char *text, struct shingle_set *out)
{
    shingle_set_build_n(text, SHINGLE_WORDS, out);
}

void shingle_set_build_n(const char *text, int words, struct shingle_set *out)
{
    uint64_t window[8];
    size_t nwords = 0, alloc = 0, len = text ? strlen(text) : 0;
    struct text_words it;
    struct text_word w;
    memset(out, 0, sizeof(*out));
    if (words < 1)
        words = 1;
    if (words > 8)
        words = 8;
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    text_words_init(&it, text, len);
    while (text_words_next(&it, &w)) {
        uint64_t word = FNV_OFFSET;
        for (size_t k = 0; k < w.fold_len; k++) {
            word ^= (unsigned char)w.fold[k];
            word *= FNV_PRIME;
        }
        memmove(window, window + 1, sizeof(window[0]) * (size_t)(words - 1));
        window[words - 1] = word;
        if (++nwords >= (size_t)words) {
            uint64_t h = FNV_OFFSET;
            for (int k = 0; k < words; k++)
                h = fnv_mix(h, window[k]);
            ALLOC_GROW(out->hashes, out->count + 1, alloc);
            out->hashes[out->count++] = h;
        }
    }
    text_words_release(&it);
    if (out->count > 1) {
        size_t u = 1;
        sort_u64(out->hashes, out->count);
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

/* ---- MinHash ------------------------------------------------------------------------ */

/* splitmix64's finaliser: a good 64-bit mixer, so h(x ^ seed_i) act as independent
 * permutations for our purpose. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

void shingle_minhash_set(const struct shingle_set *s, struct shingle_minhash *out)
{
    uint64_t seeds[SHINGLE_MINHASH_K];
    for (int i = 0; i < SHINGLE_MINHASH_K; i++) {
        seeds[i] = mix64(0x9e3779b97f4a7c15ull * (uint64_t)(i + 1));
        out->sig[i] = UINT32_MAX;
    }
    out->count = s->count > UINT32_MAX ? UINT32_MAX : (uint32_t)s->count;
    for (size_t j = 0; j < s->count; j++)
        for (int i = 0; i < SHINGLE_MINHASH_K; i++) {
            uint32_t v = (uint32_t)(mix64(s->hashes[j] ^ seeds[i]) >> 32);
            if (v < out->sig[i])
                out->sig[i] = v;
        }
}

void shingle_minhash_text(const char *text, struct shingle_minhash *out)
{
    struct shingle_set s;
    size_t len = text ? strlen(text) : 0, n;
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    n = text_count_words(text, len);
    shingle_set_build_n(text, n < SHINGLE_SHORT_WORDS ? 2 : SHINGLE_WORDS, &s);
    if (!s.count && n == 1) /* a one-word title: the word itself */
        shingle_set_build_n(text, 1, &s);
    shingle_minhash_set(&s, out);
    shingle_set_release(&s);
}

double shingle_minhash_jaccard(const struct shingle_minhash *a, const struct shingle_minhash *b)
{
    int same = 0;
    if (!a->count || !b->count)
        return 0.0;
    for (int i = 0; i < SHINGLE_MINHASH_K; i++)
        same += a->sig[i] == b->sig[i];
    return (double)same / SHINGLE_MINHASH_K;
}

double shingle_minhash_containment(const struct shingle_minhash *a, const struct shingle_minhash *b)
{
    double j = shingle_minhash_jaccard(a, b), inter, small;
    if (j <= 0.0)
        return 0.0;
    inter = j * ((double)a->count + (double)b->count) / (1.0 + j);
    small = a->count < b->count ? a->count : b->count;
    return inter >= small ? 1.0 : inter / small;
}

size_t shingle_minhash_bands(const struct shingle_minhash *m, uint64_t keys[SHINGLE_LSH_BANDS])
{
    if (!m->count)
        return 0;
    for (int b = 0; b < SHINGLE_LSH_BANDS; b++) {
        uint64_t h = mix64((uint64_t)(b + 1));
        for (int r = 0; r < SHINGLE_LSH_ROWS; r++)
            h = mix64(h ^ m->sig[b * SHINGLE_LSH_ROWS + r]);
        /* keys are stored as SQLite integers: keep them positive */
        keys[b] = h >> 1;
    }
    return SHINGLE_LSH_BANDS;
}

void shingle_minhash_format(const struct shingle_minhash *m, char out[SHINGLE_MINHASH_TEXT_MAX])
{
    int n = snprintf(out, SHINGLE_MINHASH_TEXT_MAX, "%u:", (unsigned)m->count);
    for (int i = 0; i < SHINGLE_MINHASH_K && n > 0; i++)
        n += snprintf(out + n, SHINGLE_MINHASH_TEXT_MAX - (size_t)n, "%08x", (unsigned)m->sig[i]);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int shingle_minhash_parse(const char *s, struct shingle_minhash *out)
{
    struct shingle_minhash m;
    uint64_t count = 0;
    size_t digits = 0;
    if (!s)
        return -1;
    while (*s >= '0' && *s <= '9' && digits < 10) {
        count = count * 10 + (uint64_t)(*s++ - '0');
        digits++;
    }
    if (!digits || *s++ != ':' || count > UINT32_MAX)
        return -1;
    m.count = (uint32_t)count;
    for (int i = 0; i < SHINGLE_MINHASH_K; i++) {
        uint32_t v = 0;
        for (int k = 0; k < 8; k++) {
            int d = hexval(*s++);
            if (d < 0)
                return -1;
            v = v << 4 | (uint32_t)d;
        }
        m.sig[i] = v;
    }
    if (*s)
        return -1;
    *out = m;
    return 0;
}
