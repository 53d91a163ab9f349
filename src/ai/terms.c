/*
 * terms.c - the per-analysis vocabulary, sentence tokens and sparse term vectors that
 * the summary, the keywords and ask share (see ai_int.h).
 *
 * The vocabulary is an open-addressing hash of strings to dense ids, so a sentence's
 * vector is a sorted array of ids and a cosine is a linear merge.
 */
#include "ai/ai_int.h"
#include "core/alloc.h"
#include "text/tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

void ai_vocab_init(struct ai_vocab *v)
{
    memset(v, 0, sizeof(*v));
}

void ai_vocab_release(struct ai_vocab *v)
{
    for (size_t i = 0; i < v->count; i++)
        free(v->terms[i]);
    free(v->terms);
    free(v->df);
    free(v->slots);
    memset(v, 0, sizeof(*v));
}

static void vocab_rehash(struct ai_vocab *v)
{
    size_t ns = v->nslots ? v->nslots * 2 : 256;
    uint32_t *slots = xcalloc(ns, sizeof(*slots));
    for (size_t i = 0; i < v->count; i++) {
        size_t h = (size_t)(ai_hash(v->terms[i], strlen(v->terms[i])) & (ns - 1));
        while (slots[h])
            h = (h + 1) & (ns - 1);
        slots[h] = (uint32_t)i + 1;
    }
    free(v->slots);
    v->slots = slots;
    v->nslots = ns;
}

uint32_t ai_vocab_find(const struct ai_vocab *v, const char *term, size_t n)
{
    if (!v->nslots)
        return UINT32_MAX;
    size_t h = (size_t)(ai_hash(term, n) & (v->nslots - 1));
    while (v->slots[h]) {
        const char *t = v->terms[v->slots[h] - 1];
        if (strncmp(t, term, n) == 0 && t[n] == '\0')
            return v->slots[h] - 1;
        h = (h + 1) & (v->nslots - 1);
    }
    return UINT32_MAX;
}

uint32_t ai_vocab_intern(struct ai_vocab *v, const char *term, size_t n)
{
    uint32_t id = ai_vocab_find(v, term, n);
    if (id != UINT32_MAX)
        return id;
    if ((v->count + 1) * 2 > v->nslots)
        vocab_rehash(v);
    size_t old = v->alloc;
    ALLOC_GROW(v->terms, v->count + 1, v->alloc);
    if (v->alloc != old) {
        v->df = xrealloc(v->df, v->alloc * sizeof(*v->df));
        memset(v->df + old, 0, (v->alloc - old) * sizeof(*v->df));
    }
    id = (uint32_t)v->count++;
    v->terms[id] = xstrndup(term, n);
    size_t h = (size_t)(ai_hash(term, n) & (v->nslots - 1));
    while (v->slots[h])
        h = (h + 1) & (v->nslots - 1);
    v->slots[h] = id + 1;
    return id;
}

size_t ai_tokenize(struct ai_vocab *v, const char *s, size_t n, int stem, struct ai_token **toks,
                   size_t *alloc)
{
    struct text_words it;
    struct text_word w;
    size_t count = 0;
    char stemmed[TEXT_STEM_MAX + 8];
    text_words_init(&it, s, n);
    while (text_words_next(&it, &w)) {
        ALLOC_GROW(*toks, count + 1, *alloc);
        struct ai_token *t = &(*toks)[count++];
        t->off = (uint32_t)w.start;
        t->len = (uint32_t)(w.end - w.start);
        /* one-letter words ("s" of a possessive, "t" of "don't") carry nothing */
        t->stop = (uint8_t)(w.fold_len < 2 || ai_is_stopword(w.fold, w.fold_len));
        if (stem) {
            size_t sl = ai_stem(w.fold, w.fold_len, stemmed, sizeof(stemmed));
            t->id = ai_vocab_intern(v, stemmed, sl);
        } else {
            t->id = ai_vocab_intern(v, w.fold, w.fold_len);
        }
    }
    text_words_release(&it);
    return count;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void ai_vec_build(struct ai_vec *out, const struct ai_token *toks, size_t ntok, const float *idf)
{
    uint32_t *ids = ntok ? xmalloc(ntok * sizeof(*ids)) : NULL;
    size_t m = 0;
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < ntok; i++)
        if (!toks[i].stop)
            ids[m++] = toks[i].id;
    if (m == 0) {
        free(ids);
        return;
    }
    qsort(ids, m, sizeof(*ids), cmp_u32);
    out->ids = xmalloc(m * sizeof(*out->ids));
    out->w = xmalloc(m * sizeof(*out->w));
    double norm = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && ids[j] == ids[i])
            j++;
        float w = (float)(j - i) * (idf ? idf[ids[i]] : 1.0f);
        out->ids[out->n] = ids[i];
        out->w[out->n++] = w;
        norm += (double)w * w;
        i = j;
    }
    out->norm = sqrt(norm);
    free(ids);
}

void ai_vec_release(struct ai_vec *v)
{
    free(v->ids);
    free(v->w);
    memset(v, 0, sizeof(*v));
}

double ai_vec_cosine(const struct ai_vec *a, const struct ai_vec *b)
{
    double dot = 0;
    size_t i = 0, j = 0;
    if (a->norm == 0 || b->norm == 0)
        return 0;
    while (i < a->n && j < b->n) {
        if (a->ids[i] < b->ids[j])
            i++;
        else if (a->ids[i] > b->ids[j])
            j++;
        else
            dot += (double)a->w[i++] * b->w[j++];
    }
    return dot / (a->norm * b->norm);
}
