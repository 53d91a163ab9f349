/*
 * keywords.c - the article's topic keywords (ai_keywords_extract; see ai_int.h).
 *
 * Candidates are the phrases of one to three words inside runs of content words: a run
 * ends at a stop word, a number or punctuation (the RAKE idea: phrases live between
 * function words).  English words are compared by their Snowball stem, so "rate" and
 * "rates" are one candidate; other languages by their folded form, with no stop words,
 * words of four letters or more, single words only.
 *
 * Weight = tf * sum over the phrase's words of idf(word), with the headline's words
 * counting once more, where idf = ln((N + 1) / (df + 1)) + 1 from the corpus statistics
 * the caller supplies (ai_input.df: documents containing the word, N: corpus_docs).
 * Without them every word has idf 1 and the ranking is by frequency.  A phrase of two or
 * more words needs two occurrences; a keyword that contains, or is contained in, a
 * heavier one is skipped, so "interest" does not follow "interest rates".
 */
#include "ai/ai_int.h"
#include "core/alloc.h"
#include "core/strbuf.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define MAX_PHRASE 3

struct kw {
    int proper; /* every occurrence is capitalised */
    double tf;
    double idf_sum;
    int nwords;
    char *display;
};

struct kw_state {
    struct ai_vocab words; /* stems (or folded words) */
    double *idf;           /* per word id; < 0: not asked yet */
    size_t idf_alloc;
    struct ai_vocab phrases; /* keys: word ids joined */
    struct kw *kw;
    size_t kw_alloc;
    const struct ai_input *in;
};

static double word_idf(struct kw_state *st, uint32_t id, const char *surface, size_t n)
{
    if (id >= st->idf_alloc) {
        size_t old = st->idf_alloc;
        st->idf_alloc = (id + 1) * 2;
        st->idf = xrealloc(st->idf, st->idf_alloc * sizeof(*st->idf));
        for (size_t i = old; i < st->idf_alloc; i++)
            st->idf[i] = -1;
    }
    if (st->idf[id] < 0) {
        double idf = 1;
        if (st->in->df && st->in->corpus_docs > 0) {
            char folded[128];
            ai_fold(surface, n, folded, sizeof(folded));
            uint64_t df = st->in->df(st->in->df_ctx, folded);
            if (df > st->in->corpus_docs)
                df = st->in->corpus_docs;
            idf = log((double)(st->in->corpus_docs + 1) / (double)(df + 1)) + 1;
        }
        st->idf[id] = idf;
    }
    return st->idf[id];
}

/* Whether the gap between two words is only spaces (or a hyphen). */
static int plain_gap(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '-')
            return 0;
    return 1;
}

static int numeric(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static void add_text(struct kw_state *st, const char *s, int english, double w,
                     struct ai_token **toks, size_t *talloc)
{
    size_t n = strlen(s);
    size_t nt = ai_tokenize(&st->words, s, n, english, toks, talloc);
    struct ai_token *t = *toks;
    size_t i = 0;
    while (i < nt) {
        /* a run of content words */
        size_t e = i;
        while (e < nt && !t[e].stop && !numeric(s + t[e].off, t[e].len) &&
               (english || t[e].len >= 4) &&
               (e == i || plain_gap(s, t[e - 1].off + t[e - 1].len, t[e].off)))
            e++;
        if (e == i) {
            i++;
            continue;
        }
        for (size_t a = i; a < e; a++) {
            for (size_t len = 1; len <= MAX_PHRASE && a + len <= e; len++) {
                if (!english && len > 1)
                    break;
                char key[64];
                size_t kl = 0;
                for (size_t q = a; q < a + len; q++)
                    kl += (size_t)snprintf(key + kl, sizeof(key) - kl, "%s%u", q > a ? " " : "",
                                           t[q].id);
                uint32_t pid = ai_vocab_intern(&st->phrases, key, kl);
                if (pid >= st->kw_alloc) {
                    size_t old = st->kw_alloc;
                    ALLOC_GROW(st->kw, pid + 1, st->kw_alloc);
                    memset(st->kw + old, 0, (st->kw_alloc - old) * sizeof(*st->kw));
                }
                struct kw *k = &st->kw[pid];
                /* a proper name or an acronym keeps its case, anything else is
                 * shown in lower case */
                int cap = 1;
                for (size_t q = a; q < a + len; q++)
                    if (!ai_is_upper_at(s + t[q].off, t[q].len))
                        cap = 0;
                if (!k->display) {
                    size_t from = t[a].off, to = t[a + len - 1].off + t[a + len - 1].len;
                    if (to - from > 200)
                        continue;
                    k->display = xstrndup(s + from, to - from);
                    k->proper = 1;
                    k->nwords = (int)len;
                    for (size_t q = a; q < a + len; q++)
                        k->idf_sum += word_idf(st, t[q].id, s + t[q].off, t[q].len);
                }
                if (!cap)
                    k->proper = 0;
                k->tf += w;
            }
        }
        i = e;
    }
}

static int contains_words(const char *big, const char *small)
{
    size_t bl = strlen(big), sl = strlen(small);
    for (const char *p = big; (p = strstr(p, small)) != NULL; p++) {
        size_t off = (size_t)(p - big);
        if ((off == 0 || big[off - 1] == ' ') && (off + sl == bl || big[off + sl] == ' '))
            return 1;
    }
    return 0;
}

struct ranked {
    uint32_t id;
    double weight;
};

static int cmp_ranked(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

void ai_keywords_extract(const struct ai_input *in, const struct ai_sentence *sents, size_t n,
                         int english, struct ai_analysis *a)
{
    struct kw_state st;
    struct ai_token *toks = NULL;
    size_t talloc = 0;
    memset(&st, 0, sizeof(st));
    st.in = in;
    ai_vocab_init(&st.words);
    ai_vocab_init(&st.phrases);
    if (in->title)
        add_text(&st, in->title, english, 1.0, &toks, &talloc);
    for (size_t i = 0; i < n; i++)
        add_text(&st, sents[i].text, english, 1.0, &toks, &talloc);
    size_t np = st.phrases.count, nr = 0;
    struct ranked *r = xmalloc((np ? np : 1) * sizeof(*r));
    for (size_t i = 0; i < np; i++) {
        const struct kw *k = &st.kw[i];
        if (!k->display || (k->nwords > 1 && k->tf < 2))
            continue;
        r[nr].id = (uint32_t)i;
        r[nr].weight = k->tf * k->idf_sum;
        nr++;
    }
    qsort(r, nr, sizeof(*r), cmp_ranked);
    uint32_t chosen[AI_MAX_KEYWORDS];
    a->keywords = xcalloc(AI_MAX_KEYWORDS, sizeof(*a->keywords));
    for (size_t i = 0; i < nr && a->keyword_count < AI_MAX_KEYWORDS; i++) {
        const char *key = st.phrases.terms[r[i].id];
        int overlap = 0;
        for (size_t j = 0; j < a->keyword_count && !overlap; j++) {
            const char *other = st.phrases.terms[chosen[j]];
            overlap = contains_words(other, key) || contains_words(key, other);
        }
        if (overlap)
            continue;
        chosen[a->keyword_count] = r[i].id;
        const struct kw *k = &st.kw[r[i].id];
        char buf[256];
        if (k->proper) {
            a->keywords[a->keyword_count].phrase = xstrdup(k->display);
        } else {
            ai_fold(k->display, strlen(k->display), buf, sizeof(buf));
            a->keywords[a->keyword_count].phrase = xstrdup(buf);
        }
        a->keywords[a->keyword_count].weight = r[i].weight;
        a->keyword_count++;
    }
    if (a->keyword_count == 0) {
        free(a->keywords);
        a->keywords = NULL;
    }
    free(r);
    for (size_t i = 0; i < st.kw_alloc; i++)
        free(st.kw[i].display);
    free(st.kw);
    free(st.idf);
    free(toks);
    ai_vocab_release(&st.words);
    ai_vocab_release(&st.phrases);
}
