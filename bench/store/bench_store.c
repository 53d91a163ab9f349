/*
 * bench_store.c - store throughput and latency on generated articles.
 *
 *   bench_store [N_ARTICLES] [DB_PATH]
 *
 * Generates N articles (default 100000) of Zipf-distributed synthetic words (a ~500-word
 * text and an 8-word title each), spread over 20 sources with 2 feeds each, and stores
 * them in polls of 100 articles, one transaction per poll, as ingest does.  Then prints:
 * upsert throughput (new and unchanged articles), and latencies (p50/p99) of
 * article get, the first and a deep page of the newest-first list, search, related
 * articles and the data version.  The database is deleted unless DB_PATH is given.
 */
#include <inttypes.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store.h"

#include "../bench_rand.h"
#include "core/banned.h"

#define VOCAB 20000
#define POLL 100
#define TEXT_WORDS 500

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_rand(void)
{
    return bench_rand(&rng);
}

static char *words[VOCAB];
static double zipf_cdf[VOCAB];

static void make_vocab(void)
{
    static const char *const syl[] = {"ka",  "ro",  "mi",  "ne",   "tu",  "sa",
                                      "li",  "po",  "ve",  "da",   "gor", "lin",
                                      "tes", "mar", "vol", "quen", "bri", "sto"};
    const size_t nsyl = sizeof(syl) / sizeof(syl[0]);
    double sum = 0;
    for (int i = 0; i < VOCAB; i++) {
        char buf[32];
        size_t n = 0;
        int k = i;
        buf[0] = '\0';
        do {
            n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", syl[k % (int)nsyl]);
            k /= (int)nsyl;
        } while (k > 0 && n < 24);
        words[i] = xstrdup(buf);
        sum += 1.0 / (i + 1);
        zipf_cdf[i] = sum;
    }
    for (int i = 0; i < VOCAB; i++)
        zipf_cdf[i] /= sum;
}

static const char *zipf_word(void)
{
    double u = (double)(next_rand() % 1000000007ULL) / 1000000007.0;
    int lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zipf_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return words[lo];
}

static void gen_words(struct strbuf *sb, int n, int para)
{
    strbuf_reset(sb);
    for (int i = 0; i < n; i++) {
        if (i > 0)
            strbuf_addch(sb, para && i % 60 == 0 ? '\n' : ' ');
        strbuf_adds(sb, zipf_word());
    }
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void report(const char *what, int64_t *us, int n)
{
    qsort(us, (size_t)n, sizeof(us[0]), cmp_i64);
    printf("  %-34s p50 %8.3f ms   p99 %8.3f ms   (n=%d)\n", what, us[n / 2] / 1000.0,
           us[(n * 99) / 100] / 1000.0, n);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 100000;
    char path[256];
    int keep = argc > 2;
    store *st = NULL;
    int64_t feeds[40], t0, t1;
    struct strbuf title = STRBUF_INIT, text = STRBUF_INIT;
    char url[128], (*ids)[STORE_ID_LEN + 1];
    int64_t *lat;
    const int iters = 300;

    if (n <= 0)
        n = 100000;
    log_set_level(LOG_WARN);
    if (keep)
        snprintf(path, sizeof(path), "%s", argv[2]);
    else
        snprintf(path, sizeof(path), "/tmp/herald-bench-store-%d.db", (int)getpid());
    if (store_open(path, 0, &st) != HERALD_OK) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    make_vocab();
    for (int i = 0; i < 40; i++) {
        struct store_source s;
        struct store_feed f;
        int64_t sid;
        char name[32], home[64];
        snprintf(name, sizeof(name), "Outlet %d", i / 2);
        snprintf(home, sizeof(home), "https://outlet%d.example/", i / 2);
        store_source_init(&s);
        s.name = name;
        s.homepage = home;
        store_source_ensure(st, &s, &sid);
        store_feed_init(&f);
        snprintf(url, sizeof(url), "https://outlet%d.example/feed%d.xml", i / 2, i % 2);
        f.url = url;
        f.source_id = sid;
        if (store_feed_add(st, &f, &feeds[i]) != HERALD_OK) {
            struct store_feed got;
            if (store_feed_get_by_url(st, url, &got) != HERALD_OK)
                return 1;
            feeds[i] = got.id;
            store_feed_release(&got);
        }
    }
    ids = xcalloc((size_t)n, sizeof(*ids));
    lat = xcalloc((size_t)iters, sizeof(*lat));

    {
        struct store_stats ss;
        store_stats_get(st, &ss);
        if (keep && ss.articles >= n) {
            /* Reuse a database from an earlier run: collect ids, skip the writes. */
            struct store_article_query q;
            struct store_article_list l;
            char cursor[STORE_CURSOR_MAX] = "";
            int k = 0;
            store_article_query_init(&q);
            q.limit = STORE_LIST_MAX;
            do {
                q.cursor = cursor;
                if (store_article_list(st, &q, &l) != HERALD_OK)
                    return 1;
                for (size_t i = 0; i < l.count && k < n; i++)
                    memcpy(ids[k++], l.items[i].id, STORE_ID_LEN + 1);
                memcpy(cursor, l.next_cursor, sizeof(cursor));
                store_article_list_release(&l);
            } while (cursor[0] && k < n);
            printf("store bench: reusing %s (%" PRId64 " articles)\n", path, ss.articles);
            goto reads;
        }
    }
    printf("store bench: %d generated articles (~%d words each), polls of %d, db %s\n", n,
           TEXT_WORDS, POLL, path);
    t0 = now_us();
    for (int i = 0; i < n; i++) {
        struct store_article a;
        int feed = (int)(next_rand() % 40);
        if (i % POLL == 0 && store_tx_begin(st) != HERALD_OK)
            return 1;
        store_article_init(&a);
        snprintf(url, sizeof(url), "https://outlet%d.example/news/%d?utm_source=rss", feed / 2, i);
        gen_words(&title, 8, 0);
        gen_words(&text, TEXT_WORDS, 1);
        a.url = url;
        a.title = title.buf;
        a.text = text.buf;
        a.content_html = text.buf;
        a.summary = title.buf;
        a.published = 1700000000 + i * 60;
        a.first_seen = a.published + 30;
        a.word_count = TEXT_WORDS;
        if (store_article_upsert(st, &a, feeds[feed], NULL, ids[i], NULL) != HERALD_OK) {
            fprintf(stderr, "upsert failed: %s\n", store_errmsg(st));
            return 1;
        }
        if ((i % POLL == POLL - 1 || i == n - 1) && store_tx_commit(st) != HERALD_OK)
            return 1;
    }
    t1 = now_us();
    printf("  upsert, new articles:              %10.0f articles/s  (%.1f s)\n",
           n / ((t1 - t0) / 1e6), (t1 - t0) / 1e6);

    /* Re-polling: the same entries again, matched by URL and found unchanged. */
    {
        int m = n < 20000 ? n : 20000;
        struct store_article_query q;
        (void)q;
        t0 = now_us();
        for (int i = 0; i < m; i++) {
            struct store_article a;
            struct store_article got;
            if (i % POLL == 0)
                store_tx_begin(st);
            if (store_article_get(st, ids[i], &got) != HERALD_OK)
                return 1;
            store_article_init(&a);
            a.url = got.url;
            a.title = got.title;
            if (store_article_upsert(st, &a, got.feed_id, NULL, NULL, NULL) != HERALD_OK)
                return 1;
            store_article_release(&got);
            if (i % POLL == POLL - 1 || i == m - 1)
                store_tx_commit(st);
        }
        t1 = now_us();
        printf("  get + upsert, unchanged articles:  %10.0f articles/s\n", m / ((t1 - t0) / 1e6));
    }

reads:
    printf("latencies:\n");
    for (int i = 0; i < iters; i++) {
        struct store_article a;
        int64_t s = now_us();
        store_article_get(st, ids[next_rand() % (uint64_t)n], &a);
        lat[i] = now_us() - s;
        store_article_release(&a);
    }
    report("article get", lat, iters);

    for (int i = 0; i < iters; i++) {
        struct store_article_query q;
        struct store_article_list l;
        int64_t s;
        store_article_query_init(&q);
        q.limit = 30;
        s = now_us();
        store_article_list(st, &q, &l);
        lat[i] = now_us() - s;
        store_article_list_release(&l);
    }
    report("list newest, first page (30)", lat, iters);

    {
        /* A cursor about 20 pages deep, then time the page after it. */
        struct store_article_query q;
        struct store_article_list l;
        char cursor[STORE_CURSOR_MAX] = "";
        store_article_query_init(&q);
        q.limit = 200;
        for (int p = 0; p < 3; p++) {
            q.cursor = cursor;
            store_article_list(st, &q, &l);
            memcpy(cursor, l.next_cursor, sizeof(cursor));
            store_article_list_release(&l);
        }
        q.limit = 30;
        q.cursor = cursor;
        for (int i = 0; i < iters; i++) {
            int64_t s = now_us();
            store_article_list(st, &q, &l);
            lat[i] = now_us() - s;
            store_article_list_release(&l);
        }
        report("list newest, page at 600 (30)", lat, iters);
        q.cursor = NULL;
        for (int i = 0; i < iters; i++) {
            int64_t s;
            q.source_id = 1 + (int64_t)(next_rand() % 20);
            s = now_us();
            store_article_list(st, &q, &l);
            lat[i] = now_us() - s;
            store_article_list_release(&l);
        }
        report("list one source, first page (30)", lat, iters);
    }

    for (int i = 0; i < iters; i++) {
        struct store_search_query q;
        struct store_search_result r;
        char qs[96];
        int64_t s;
        /* mid-frequency words: ranks 50..2000 */
        snprintf(qs, sizeof(qs), "%s %s", words[50 + next_rand() % 1950],
                 words[50 + next_rand() % 1950]);
        store_search_query_init(&q);
        q.q = qs;
        s = now_us();
        store_search(st, &q, &r);
        lat[i] = now_us() - s;
        store_search_result_release(&r);
    }
    report("search, two mid-frequency words", lat, iters);

    for (int i = 0; i < iters; i++) {
        struct store_search_query q;
        struct store_search_result r;
        int64_t s;
        store_search_query_init(&q);
        q.q = words[1 + next_rand() % 20];
        s = now_us();
        store_search(st, &q, &r);
        lat[i] = now_us() - s;
        store_search_result_release(&r);
    }
    report("search, one very common word", lat, iters);

    for (int i = 0; i < iters / 3; i++) {
        struct store_article_list l;
        int64_t s = now_us();
        store_related(st, ids[next_rand() % (uint64_t)n], 6, &l);
        lat[i] = now_us() - s;
        store_article_list_release(&l);
    }
    report("related (6)", lat, iters / 3);

    for (int i = 0; i < iters; i++) {
        int64_t v, s = now_us();
        store_data_version(st, &v);
        lat[i] = now_us() - s;
    }
    report("data version", lat, iters);

    store_close(st);
    if (!keep) {
        char p2[300];
        unlink(path);
        snprintf(p2, sizeof(p2), "%s-wal", path);
        unlink(p2);
        snprintf(p2, sizeof(p2), "%s-shm", path);
        unlink(p2);
    }
    strbuf_release(&title);
    strbuf_release(&text);
    for (int i = 0; i < VOCAB; i++)
        free(words[i]);
    free(ids);
    free(lat);
    return 0;
}
