/*
 * summary.c - which sentences summarise the article (ai_summary_rank; see ai_int.h).
 *
 * Each sentence gets a score that mixes three signals:
 *   - centrality: continuous LexRank (Erkan and Radev 2004), the stationary distribution
 *     of a random walk on the graph of sentences weighted by the cosine of their
 *     tf-isf vectors (isf: inverse sentence frequency of the stem within the article),
 *     with a uniform jump (damping);
 *   - position: exp(-index / position_decay), since a news story puts its point first;
 *   - the title: the cosine of the sentence with the headline, when there is one.
 * The score is multiplied by a length factor (sentences shorter than min_words or longer
 * than max_words are worth proportionally less: a fragment says little, and a very long
 * sentence costs the summary its concision).  Sentences are then picked greedily by
 * maximal marginal relevance (Carbonell and Goldstein 1998): lambda * score - (1 -
 * lambda) * (the largest cosine with a sentence already picked), so the second pick does
 * not repeat the first.
 *
 * TextRank with word-overlap similarity was tried first and ranked below LexRank here;
 * pure centrality, as the literature reports for news, falls below Lead-3.
 */
#include "ai/ai_int.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

/* Only the first sentences are ranked (a summary never comes from the 200th). */
#define SUMMARY_MAX_SENTS 120
#define LEXRANK_ITERATIONS 30

void ai_summary_default_params(struct ai_summary_params *p)
{
    /* tuned on the dev set (../shared/summarization/dev.jsonl) */
    p->w_central = 0.3;
    p->w_position = 1.0;
    p->w_title = 0.5;
    p->position_decay = 5.0;
    p->mmr_lambda = 0.7;
    p->min_words = 8;
    p->max_words = 35;
    p->damping = 0.15;
}

size_t ai_summary_rank(const struct ai_sentence *sents, size_t n, const char *title, int stem,
                       const struct ai_summary_params *p, size_t *picks, size_t want)
{
    struct ai_vocab v;
    struct ai_token *toks = NULL;
    size_t talloc = 0, got = 0;
    if (n > SUMMARY_MAX_SENTS)
        n = SUMMARY_MAX_SENTS;
    if (n == 0 || want == 0)
        return 0;
    ai_vocab_init(&v);
    struct ai_vec *vec = xcalloc(n + 1, sizeof(*vec));
    unsigned *words = xcalloc(n, sizeof(*words));
    uint32_t **ids = xcalloc(n, sizeof(*ids));
    size_t *nids = xcalloc(n, sizeof(*nids));
    struct ai_token **stoks = xcalloc(n, sizeof(*stoks)); /* each sentence's tokens */
    /* tokens, sentence frequencies */
    for (size_t i = 0; i < n; i++) {
        size_t nt = ai_tokenize(&v, sents[i].text, strlen(sents[i].text), stem, &toks, &talloc);
        words[i] = (unsigned)nt;
        stoks[i] = xmalloc((nt ? nt : 1) * sizeof(**stoks));
        memcpy(stoks[i], toks, nt * sizeof(*toks));
        ids[i] = xmalloc((nt ? nt : 1) * sizeof(**ids));
        for (size_t k = 0; k < nt; k++) {
            if (toks[k].stop)
                continue;
            ids[i][nids[i]++] = toks[k].id;
        }
        /* count each stem once per sentence */
        for (size_t k = 0; k < nids[i]; k++) {
            int seen = 0;
            for (size_t q = 0; q < k && !seen; q++)
                seen = ids[i][q] == ids[i][k];
            if (!seen)
                v.df[ids[i][k]]++;
        }
    }
    float *isf = xmalloc((v.count ? v.count : 1) * sizeof(*isf));
    for (size_t t = 0; t < v.count; t++)
        isf[t] = (float)log(1.0 + (double)n / v.df[t]);
    for (size_t i = 0; i < n; i++)
        ai_vec_build(&vec[i], stoks[i], words[i], isf);
    struct ai_vec tvec = {0};
    if (title && *title) {
        size_t before = v.count;
        size_t nt = ai_tokenize(&v, title, strlen(title), stem, &toks, &talloc);
        /* title-only stems get no isf entry: drop them */
        size_t m = 0;
        for (size_t k = 0; k < nt; k++)
            if (toks[k].id < before)
                toks[m++] = toks[k];
        ai_vec_build(&tvec, toks, m, isf);
    }
    /* similarity matrix and LexRank */
    double *sim = xcalloc(n * n, sizeof(*sim));
    for (size_t i = 0; i < n; i++) {
        sim[i * n + i] = 1;
        for (size_t j = i + 1; j < n; j++)
            sim[i * n + j] = sim[j * n + i] = ai_vec_cosine(&vec[i], &vec[j]);
    }
    double *rank = xmalloc(n * sizeof(*rank)), *next = xmalloc(n * sizeof(*next));
    double *rowsum = xmalloc(n * sizeof(*rowsum));
    for (size_t i = 0; i < n; i++) {
        rank[i] = 1.0 / n;
        rowsum[i] = 0;
        for (size_t j = 0; j < n; j++)
            rowsum[i] += sim[i * n + j];
    }
    for (int it = 0; it < LEXRANK_ITERATIONS; it++) {
        for (size_t j = 0; j < n; j++) {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                if (rowsum[i] > 0)
                    s += rank[i] * sim[i * n + j] / rowsum[i];
            next[j] = p->damping / n + (1 - p->damping) * s;
        }
        memcpy(rank, next, n * sizeof(*rank));
    }
    double maxr = 0;
    for (size_t i = 0; i < n; i++)
        if (rank[i] > maxr)
            maxr = rank[i];
    double *score = xmalloc(n * sizeof(*score));
    for (size_t i = 0; i < n; i++) {
        double s = p->w_central * (maxr > 0 ? rank[i] / maxr : 0) +
                   p->w_position * exp(-(double)i / p->position_decay);
        if (tvec.n)
            s += p->w_title * ai_vec_cosine(&vec[i], &tvec);
        double w = words[i];
        if (w < p->min_words)
            s *= w / p->min_words;
        else if (w > p->max_words)
            s *= p->max_words / w;
        score[i] = s;
    }
    /* MMR */
    char *taken = xcalloc(n, 1);
    double maxs = 0;
    for (size_t i = 0; i < n; i++)
        if (score[i] > maxs)
            maxs = score[i];
    while (got < want && got < n) {
        double best = -1e300;
        size_t bi = n;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double red = 0;
            for (size_t k = 0; k < got; k++)
                if (sim[i * n + picks[k]] > red)
                    red = sim[i * n + picks[k]];
            double m = p->mmr_lambda * (maxs > 0 ? score[i] / maxs : 0) - (1 - p->mmr_lambda) * red;
            if (m > best) {
                best = m;
                bi = i;
            }
        }
        if (bi == n)
            break;
        taken[bi] = 1;
        picks[got++] = bi;
    }
    free(taken);
    free(score);
    free(rank);
    free(next);
    free(rowsum);
    free(sim);
    ai_vec_release(&tvec);
    for (size_t i = 0; i < n; i++) {
        ai_vec_release(&vec[i]);
        free(ids[i]);
        free(stoks[i]);
    }
    free(vec);
    free(ids);
    free(stoks);
    free(nids);
    free(words);
    free(isf);
    free(toks);
    ai_vocab_release(&v);
    return got;
}
