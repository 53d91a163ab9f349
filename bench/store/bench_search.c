/*
 * bench_search.c - search latency on an existing database, by query class.
 *
 *   bench_search DB [ROUNDS]
 *
 * Opens DB (writable, so an older schema is migrated first; the migration time is
 * printed) and derives its query mix from the data, not from a hand-picked list: it samples
 * SAMPLE articles spread over the whole time range, counts in how many of them each word
 * occurs and sorts the words into bands by that document fraction (top >= 50%, high
 * 10-50%, mid 1-10%, low 0.2-1%, rare: in one sampled article only).  From the bands it
 * builds one word per band, two-word ANDs, a phrase (two adjacent words of a sampled
 * text), a prefix, an OR, the date order (sort=date) and a second page reached through the
 * first page's cursor.  Every class gets the same number of queries (words taken evenly
 * from its band), then the whole mix runs ROUNDS times (default 5) serially, first page of
 * 20 as the web asks.  Prints, per class and overall, p50/p95/p99 in ms, the queries/s of
 * the serial run, and each band's exact document count for its first word (the "+"
 * marks a count at the cap).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "store/store.h"

#include "../bench_rand.h"
#include "core/banned.h"

#define SAMPLE 2000
#define PER_CLASS 8
#define WORD_MAX 40

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t next_rand(void)
{
    return bench_rand(&rng);
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the sample and the bands ---- */

struct wcount {
    char *word;
    int docs;
};

static int cmp_wcount(const void *a, const void *b)
{
    const struct wcount *x = a, *y = b;
    if (x->docs != y->docs)
        return y->docs - x->docs;
    return strcmp(x->word, y->word);
}

/* Lower-case ASCII words of text (what the generated and most real text is made of). */
static size_t split_words(const char *text, char ***out, size_t *alloc)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        char buf[WORD_MAX];
        size_t k = 0;
        while (*p && !isalnum((unsigned char)*p))
            p++;
        while (*p && isalnum((unsigned char)*p)) {
            if (k + 1 < sizeof(buf))
                buf[k++] = (char)tolower((unsigned char)*p);
            p++;
        }
        if (k == 0)
            continue;
        buf[k] = '\0';
        ALLOC_GROW(*out, n + 1, *alloc);
        (*out)[n++] = xstrdup(buf);
    }
    return n;
}

enum band { TOP, HIGH, MID, LOW, RARE, NBANDS };
static const char *const band_names[NBANDS] = {"top (>=50%)", "high (10-50%)", "mid (1-10%)",
                                               "low (0.2-1%)", "rare (1 sampled)"};

static struct {
    char *words[PER_CLASS];
    int n;
} bands[NBANDS];

static char *phrases[PER_CLASS];
static int nphrases;

static enum band band_of(int docs, int sampled)
{
    double f = (double)docs / sampled;
    if (f >= 0.5)
        return TOP;
    if (f >= 0.1)
        return HIGH;
    if (f >= 0.01)
        return MID;
    if (f >= 0.002)
        return LOW;
    return docs == 1 ? RARE : NBANDS;
}

static int sample_words(store *st)
{
    char **all = NULL, **w = NULL;
    size_t nall = 0, aall = 0, aw = 0;
    struct wcount *wc = NULL;
    size_t nwc = 0, awc = 0;
    int sampled = 0;
    struct store_article_list first;
    struct store_article_query q;
    int64_t hi, lo = 0;

    /* The newest and the oldest sort times bound the random picks. */
    store_article_query_init(&q);
    q.limit = 1;
    if (store_article_list(st, &q, &first) || first.count == 0)
        return -1;
    hi = first.items[0].sort_time;
    store_article_list_release(&first);
    for (int64_t step = 1LL << 40; step > 0; step /= 2) {
        /* binary search the oldest: the largest t with nothing before it */
        struct store_article_list l;
        store_article_query_init(&q);
        q.limit = 1;
        q.include_copies = 1;
        q.until = lo + step;
        if (store_article_list(st, &q, &l))
            return -1;
        if (l.count == 0)
            lo += step;
        store_article_list_release(&l);
    }
    for (int i = 0; i < SAMPLE; i++) {
        struct store_article_list l;
        struct store_article a;
        size_t n;
        store_article_query_init(&q);
        q.limit = 1;
        q.include_copies = 1;
        q.until = lo + 1 + (int64_t)(next_rand() % (uint64_t)(hi - lo + 1));
        if (store_article_list(st, &q, &l))
            return -1;
        if (l.count == 0) {
            store_article_list_release(&l);
            continue;
        }
        store_article_init(&a);
        if (store_article_get(st, l.items[0].id, &a) == HERALD_OK) {
            struct strbuf tx = STRBUF_INIT;
            strbuf_adds(&tx, a.title ? a.title : "");
            strbuf_addch(&tx, '\n');
            strbuf_adds(&tx, a.text ? a.text : "");
            n = split_words(tx.buf, &w, &aw);
            if (nphrases < PER_CLASS && n > 20 && i % 7 == 0) {
                struct strbuf ph = STRBUF_INIT;
                size_t k = 10 + next_rand() % (n - 12);
                strbuf_addf(&ph, "\"%s %s\"", w[k], w[k + 1]);
                phrases[nphrases++] = strbuf_detach(&ph, NULL);
            }
            qsort(w, n, sizeof(w[0]), cmp_str);
            for (size_t k = 0; k < n; k++) {
                if (k > 0 && strcmp(w[k], w[k - 1]) == 0) {
                    free(w[k]);
                    continue;
                }
                ALLOC_GROW(all, nall + 1, aall);
                all[nall++] = w[k];
            }
            strbuf_release(&tx);
            sampled++;
        }
        store_article_release(&a);
        store_article_list_release(&l);
    }
    free(w);
    qsort(all, nall, sizeof(all[0]), cmp_str);
    for (size_t i = 0; i < nall;) {
        size_t j = i;
        while (j < nall && strcmp(all[j], all[i]) == 0)
            j++;
        ALLOC_GROW(wc, nwc + 1, awc);
        wc[nwc].word = all[i];
        wc[nwc++].docs = (int)(j - i);
        for (size_t k = i + 1; k < j; k++)
            free(all[k]);
        i = j;
    }
    free(all);
    qsort(wc, nwc, sizeof(wc[0]), cmp_wcount);
    /* Each band's words, taken evenly over the band so the picks span it. */
    for (int b = 0; b < NBANDS; b++) {
        size_t from = nwc, to = 0;
        for (size_t i = 0; i < nwc; i++)
            if ((int)band_of(wc[i].docs, sampled) == b) {
                if (from == nwc)
                    from = i;
                to = i + 1;
            }
        for (int k = 0; k < PER_CLASS && from < to; k++) {
            size_t i = from + (size_t)k * (to - from) / PER_CLASS;
            if (k > 0 && i == from + (size_t)(k - 1) * (to - from) / PER_CLASS)
                continue;
            bands[b].words[bands[b].n++] = xstrdup(wc[i].word);
        }
    }
    for (size_t i = 0; i < nwc; i++)
        free(wc[i].word);
    free(wc);
    printf("sampled %d articles, %zu distinct words\n", sampled, nwc);
    return sampled;
}

/* ---- the mix ---- */

enum qkind { Q_PLAIN, Q_DATE, Q_PAGE2 };

struct qclass {
    const char *name;
    enum qkind kind;
    char *q[PER_CLASS];
    int n;
    int64_t *lat;
    int nlat;
    long hits;
};

#define NCLASSES 13
static struct qclass classes[NCLASSES];

/* Adds the query a, or "a SEP b" when sep is given (skipped when a word is missing). */
static void add_query(struct qclass *c, const char *a, const char *sep, const char *b)
{
    struct strbuf sb = STRBUF_INIT;
    if (c->n == PER_CLASS || !a || (sep && !b))
        return;
    strbuf_adds(&sb, a);
    if (sep) {
        strbuf_adds(&sb, sep);
        strbuf_adds(&sb, b);
    }
    c->q[c->n++] = strbuf_detach(&sb, NULL);
}

static const char *bw(enum band b, int i)
{
    return bands[b].n ? bands[b].words[i % bands[b].n] : NULL;
}

static void build_mix(void)
{
    static const char *const names[NCLASSES] = {
        "1 word, top",  "1 word, high",     "1 word, mid",       "1 word, low",
        "1 word, rare", "2 words, top+top", "2 words, high+mid", "2 words, mid+low",
        "phrase",       "prefix (4 chars)", "mid OR low",        "sort=date, top|mid",
        "page 2, top"};
    char pre[8][8];
    for (int i = 0; i < NCLASSES; i++)
        classes[i].name = names[i];
    for (int k = 0; k < PER_CLASS; k++) {
        for (int b = 0; b < NBANDS; b++)
            add_query(&classes[b], bw(b, k), NULL, NULL);
        add_query(&classes[5], bw(TOP, k), " ", bw(TOP, k + 1));
        add_query(&classes[6], bw(HIGH, k), " ", bw(MID, k));
        add_query(&classes[7], bw(MID, k), " ", bw(LOW, k));
        if (k < nphrases)
            add_query(&classes[8], phrases[k], NULL, NULL);
        if (bw(MID, k)) {
            snprintf(pre[k], sizeof(pre[k]), "%.4s*", bw(MID, k));
            add_query(&classes[9], pre[k], NULL, NULL);
        }
        add_query(&classes[10], bw(MID, k), " OR ", bw(LOW, k));
        classes[11].kind = Q_DATE;
        add_query(&classes[11], k % 2 ? bw(MID, k) : bw(TOP, k), NULL, NULL);
        classes[12].kind = Q_PAGE2;
        add_query(&classes[12], bw(TOP, k), NULL, NULL);
    }
}

/* Runs one query as the web does (first page of 20); returns the hits, -1 on error. */
static int run_one(store *st, const struct qclass *c, const char *text, int64_t *us)
{
    struct store_search_query q;
    struct store_search_result r;
    char cursor[STORE_CURSOR_MAX];
    int64_t t0;
    int n;
    store_search_query_init(&q);
    q.q = text;
    q.limit = 20;
    if (c->kind == Q_DATE)
        q.order = STORE_SEARCH_NEWEST;
    if (c->kind == Q_PAGE2) {
        /* the second page is what is timed */
        if (store_search(st, &q, &r))
            return -1;
        if (!r.next_cursor[0]) {
            store_search_result_release(&r);
            return -1;
        }
        snprintf(cursor, sizeof(cursor), "%s", r.next_cursor);
        q.cursor = cursor;
        store_search_result_release(&r);
    }
    t0 = now_us();
    if (store_search(st, &q, &r)) {
        fprintf(stderr, "search %s: %s\n", text, store_errmsg(st));
        return -1;
    }
    *us = now_us() - t0;
    n = (int)r.count;
    store_search_result_release(&r);
    return n;
}

static void print_lat(const char *what, int64_t *lat, int n, long hits)
{
    if (n == 0) {
        printf("  %-20s (no queries)\n", what);
        return;
    }
    qsort(lat, (size_t)n, sizeof(lat[0]), cmp_i64);
    printf("  %-20s p50 %8.3f  p95 %8.3f  p99 %8.3f ms  (n=%d, %.1f hits/query)\n", what,
           lat[n / 2] / 1000.0, lat[(n * 95) / 100] / 1000.0, lat[(n * 99) / 100] / 1000.0, n,
           (double)hits / n);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : NULL;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
    store *st = NULL;
    int64_t t0, total_us = 0, *all;
    int nall = 0, total = 0;

    if (!path) {
        fprintf(stderr, "usage: bench_search DB [ROUNDS]\n");
        return 2;
    }
    if (rounds < 1)
        rounds = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    log_set_level(LOG_WARN);
    t0 = now_us();
    if (store_open(path, 0, &st) != HERALD_OK) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    printf("open (and migrate): %.1f s\n", (now_us() - t0) / 1e6);
    t0 = now_us();
    if (sample_words(st) <= 0) {
        fprintf(stderr, "no articles to sample in %s\n", path);
        return 1;
    }
    printf("sampling: %.1f s\n", (now_us() - t0) / 1e6);
    for (int b = 0; b < NBANDS; b++) {
        int64_t df = 0;
        if (bands[b].n == 0) {
            printf("  band %-18s (empty)\n", band_names[b]);
            continue;
        }
        store_word_df(st, bands[b].words[0], 2000000, &df);
        printf("  band %-18s %d words, e.g. %-12s in %" PRId64 " articles\n", band_names[b],
               bands[b].n, bands[b].words[0], df);
    }
    build_mix();
    for (int i = 0; i < NCLASSES; i++)
        total += classes[i].n;
    all = xcalloc((size_t)total * (size_t)rounds, sizeof(*all));
    for (int i = 0; i < NCLASSES; i++)
        classes[i].lat = xcalloc((size_t)rounds * PER_CLASS, sizeof(int64_t));
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < PER_CLASS; k++)
            for (int i = 0; i < NCLASSES; i++) {
                struct qclass *c = &classes[i];
                int64_t us = 0;
                int n;
                if (k >= c->n)
                    continue;
                n = run_one(st, c, c->q[k], &us);
                if (n < 0)
                    continue;
                c->lat[c->nlat++] = us;
                c->hits += n;
                all[nall++] = us;
                total_us += us;
            }
    printf("search latency, %d rounds, first page of 20 (page 2: the second page):\n", rounds);
    for (int i = 0; i < NCLASSES; i++) {
        print_lat(classes[i].name, classes[i].lat, classes[i].nlat, classes[i].hits);
        printf("  %-20s   e.g. %s\n", "", classes[i].n ? classes[i].q[0] : "-");
    }
    print_lat("ALL", all, nall, 0);
    printf("serial throughput: %.1f queries/s (%d queries in %.2f s of search)\n",
           nall / (total_us / 1e6), nall, total_us / 1e6);
    for (int i = 0; i < NCLASSES; i++) {
        for (int k = 0; k < classes[i].n; k++)
            free(classes[i].q[k]);
        free(classes[i].lat);
    }
    for (int b = 0; b < NBANDS; b++)
        for (int k = 0; k < bands[b].n; k++)
            free(bands[b].words[k]);
    for (int k = 0; k < nphrases; k++)
        free(phrases[k]);
    free(all);
    store_close(st);
    return 0;
}
