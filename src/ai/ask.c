/*
 * ask.c - "ask the article" (ai_answer; see ai.h).
 *
 * The sentences of every document are the retrieval units.  The question and the
 * sentences are reduced to Snowball stems without stop words, and each sentence gets its
 * Okapi BM25 score (k1 = 1.2, b = 0.75; idf = ln(1 + (N - df + 0.5) / (df + 0.5)) with N
 * the number of sentences and df the sentences holding the stem).
 *
 * "Not found" is decided by coverage, not by the raw score (whose scale depends on the
 * text): the share of the question's total idf that a sentence matches, where a question
 * stem found nowhere keeps the idf of df = 0, the largest.  A sentence answers only when
 * its coverage is at least AI_ASK_MIN_COVERAGE, so a question about something the text
 * never mentions ("the capital of Mongolia" against a text that says "capital" once)
 * finds nothing rather than the nearest sentence.  Nothing is generated: passages are
 * the text's own sentences, with the matched words marked.
 */
#include "ai/ai_int.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define AI_ASK_MIN_COVERAGE 0.5
#define ASK_MAX_DOCS 64
#define ASK_MAX_SENTENCES 20000
#define ASK_MAX_TERMS 32
#define BM25_K1 1.2
#define BM25_B 0.75

struct unit {
    size_t doc, sent;
    uint32_t len; /* content tokens */
    uint8_t tf[ASK_MAX_TERMS];
};

struct scored {
    size_t unit;
    double score, coverage;
};

static int cmp_scored(const void *x, const void *y)
{
    const struct scored *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->unit < b->unit ? -1 : a->unit > b->unit;
}

herald_status ai_answer(const char *question, const struct ai_doc *docs, size_t ndocs,
                        size_t max_passages, struct ai_answer *out)
{
    struct ai_vocab v;
    struct ai_token *toks = NULL;
    size_t talloc = 0;
    uint32_t terms[ASK_MAX_TERMS];
    size_t nterms = 0;
    herald_status rc = HERALD_OK;
    if (!question || (!docs && ndocs) || !out || max_passages < 1 || max_passages > 20)
        return HERALD_E_INVALID;
    if (ndocs > ASK_MAX_DOCS)
        ndocs = ASK_MAX_DOCS;
    struct ai_answer ans = {0};
    ai_vocab_init(&v);
    size_t ql = strnlen(question, AI_MAX_QUESTION);
    size_t nq = ai_tokenize(&v, question, ql, 1, &toks, &talloc);
    for (size_t i = 0; i < nq && nterms < ASK_MAX_TERMS; i++) {
        int dup = 0;
        for (size_t k = 0; k < nterms; k++)
            dup |= terms[k] == toks[i].id;
        if (!toks[i].stop && !dup)
            terms[nterms++] = toks[i].id;
    }
    struct ai_sentence **sents = xcalloc(ndocs ? ndocs : 1, sizeof(*sents));
    size_t *nsents = xcalloc(ndocs ? ndocs : 1, sizeof(*nsents));
    struct unit *units = NULL;
    size_t nunits = 0, ualloc = 0;
    double total_len = 0;
    if (nterms == 0)
        goto done;
    for (size_t d = 0; d < ndocs; d++) {
        if (!docs[d].text)
            continue;
        rc = ai_split_sentences(docs[d].text, strlen(docs[d].text), &sents[d], &nsents[d]);
        if (rc)
            goto done;
        for (size_t s = 0; s < nsents[d] && nunits < ASK_MAX_SENTENCES; s++) {
            const char *t = sents[d][s].text;
            size_t nt = ai_tokenize(&v, t, strlen(t), 1, &toks, &talloc);
            ALLOC_GROW(units, nunits + 1, ualloc);
            struct unit *u = &units[nunits++];
            memset(u, 0, sizeof(*u));
            u->doc = d;
            u->sent = s;
            for (size_t k = 0; k < nt; k++) {
                if (toks[k].stop)
                    continue;
                u->len++;
                for (size_t q = 0; q < nterms; q++)
                    if (toks[k].id == terms[q] && u->tf[q] < 255)
                        u->tf[q]++;
            }
            total_len += u->len;
        }
    }
    if (nunits == 0)
        goto done;
    double idf[ASK_MAX_TERMS], idf_total = 0;
    for (size_t q = 0; q < nterms; q++) {
        size_t df = 0;
        for (size_t i = 0; i < nunits; i++)
            df += units[i].tf[q] > 0;
        idf[q] = log(1.0 + ((double)nunits - (double)df + 0.5) / ((double)df + 0.5));
        idf_total += idf[q];
    }
    double avgdl = total_len / (double)nunits;
    if (avgdl <= 0)
        avgdl = 1;
    struct scored *sc = xmalloc(nunits * sizeof(*sc));
    size_t nsc = 0;
    for (size_t i = 0; i < nunits; i++) {
        double score = 0, matched = 0;
        for (size_t q = 0; q < nterms; q++) {
            double tf = units[i].tf[q];
            if (tf == 0)
                continue;
            matched += idf[q];
            score += idf[q] * tf * (BM25_K1 + 1) /
                     (tf + BM25_K1 * (1 - BM25_B + BM25_B * units[i].len / avgdl));
        }
        double coverage = idf_total > 0 ? matched / idf_total : 0;
        if (score > 0 && coverage >= AI_ASK_MIN_COVERAGE) {
            sc[nsc].unit = i;
            sc[nsc].score = score;
            sc[nsc].coverage = coverage;
            nsc++;
        }
    }
    if (nsc > 1)
        qsort(sc, nsc, sizeof(*sc), cmp_scored);
    if (nsc > max_passages)
        nsc = max_passages;
    if (nsc)
        ans.passages = xcalloc(nsc, sizeof(*ans.passages));
    for (size_t i = 0; i < nsc; i++) {
        const struct unit *u = &units[sc[i].unit];
        const char *t = sents[u->doc][u->sent].text;
        struct ai_passage *p = &ans.passages[ans.count++];
        p->doc = u->doc;
        p->doc_id = docs[u->doc].id;
        p->sentence_index = u->sent;
        p->text = xstrdup(t);
        p->score = sc[i].score;
        size_t nt = ai_tokenize(&v, t, strlen(t), 1, &toks, &talloc);
        size_t malloc_n = 0;
        for (size_t k = 0; k < nt; k++) {
            int hit = 0;
            for (size_t q = 0; q < nterms && !toks[k].stop; q++)
                hit |= toks[k].id == terms[q];
            if (!hit)
                continue;
            ALLOC_GROW(p->marks, p->mark_count + 1, malloc_n);
            p->marks[p->mark_count].off = toks[k].off;
            p->marks[p->mark_count].len = toks[k].len;
            p->mark_count++;
        }
    }
    free(sc);
done:
    for (size_t d = 0; d < ndocs; d++)
        ai_sentences_free(sents[d], nsents[d]);
    free(sents);
    free(nsents);
    free(units);
    free(toks);
    ai_vocab_release(&v);
    if (rc) {
        ai_answer_release(&ans);
        return rc;
    }
    *out = ans;
    return HERALD_OK;
}

void ai_answer_release(struct ai_answer *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->count; i++) {
        free(a->passages[i].text);
        free(a->passages[i].marks);
    }
    free(a->passages);
    memset(a, 0, sizeof(*a));
}
