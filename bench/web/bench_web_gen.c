/*
 * bench_web_gen.c - writes a large generated news database for the web benchmarks:
 *     bench_web_gen PATH N
 * N articles (default 100000) over 40 sources and their feeds, published over the last
 * two years, each with a 10-word title and a ~250-word text drawn from a Zipf-like
 * vocabulary of 20000 made-up words (so the FTS index and related-article queries do
 * realistic work), an image URL, a caption and sanitized HTML paragraphs.  Half of the
 * articles report one of N/8 events (about four reports each, from different outlets,
 * within hours of each other, sharing the event's words), so the archive has stories.
 * Then the archive is clustered and every article page's related list stored, through
 * the calls the story and related jobs make (stories_rebuild: stories_add's core in time
 * order, then stories_related_backfill).  Prints the time of each phase.  Deterministic
 * (fixed seed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "store/store.h"
#include "stories/stories.h"

#define VOCAB 20000
#define SOURCES 40

static unsigned long long rng = 88172645463325252ULL;

static unsigned long long next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static char *words[VOCAB];

static void make_vocab(void)
{
    static const char *syl[] = {"ka", "to", "ri", "men", "sa",  "lo",  "ver", "din", "pa", "gru",
                                "el", "on", "ta", "mi",  "nor", "bel", "qu",  "es",  "ar", "ix"};
    for (int i = 0; i < VOCAB; i++) {
        struct strbuf sb = STRBUF_INIT;
        int n = 2 + i % 3, v = i;
        for (int k = 0; k < n; k++) {
            strbuf_adds(&sb, syl[v % 20]);
            v = v / 20 + k * 7 + 3;
        }
        words[i] = strbuf_detach(&sb, NULL);
    }
}

/* The words of event e: six of the rarer words, fixed per event. */
static const char *event_word(long e, int k)
{
    unsigned long long h = (unsigned long long)e * 0x9e3779b97f4a7c15ULL + (unsigned)k * 7919u;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return words[2000 + h % (VOCAB - 2000)];
}

/* Zipf-like: small indexes are frequent. */
static const char *word(void)
{
    double u = (double)(next_rand() % 1000000) / 1000000.0;
    int i = (int)(VOCAB * u * u * u);
    return words[i % VOCAB];
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "bench-web.db";
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
    int64_t src[SOURCES], feed[SOURCES], now = time_now(), t0 = time_monotonic_ms();
    store *st = NULL;
    herald_status rc;

    make_vocab();
    rc = store_open(path, 0, &st);
    if (rc) {
        fprintf(stderr, "cannot open %s: %s\n", path, herald_strerror(rc));
        return 1;
    }
    for (int i = 0; i < SOURCES; i++) {
        struct store_source s;
        struct store_feed f;
        char name[64], home[128], furl[160];
        store_source_init(&s);
        snprintf(name, sizeof(name), "Outlet %d", i + 1);
        snprintf(home, sizeof(home), "https://outlet%d.example/", i + 1);
        s.name = name;
        s.homepage = home;
        s.copyright = "\xc2\xa9 Generated Outlet. All rights reserved.";
        s.language = "en";
        if (store_source_ensure(st, &s, &src[i]))
            return 1;
        store_feed_init(&f);
        snprintf(furl, sizeof(furl), "%sfeed.xml", home);
        f.url = furl;
        f.source_id = src[i];
        if (store_feed_add(st, &f, &feed[i]))
            return 1;
    }
    for (long i = 0; i < n; i++) {
        struct store_article a;
        struct strbuf title = STRBUF_INIT, text = STRBUF_INIT, html = STRBUF_INIT;
        char url[128], guid[32], id[33];
        int s = (int)(next_rand() % SOURCES);
        long ev = next_rand() % 2 ? (long)(next_rand() % (unsigned long long)(n / 8 + 1)) : -1;
        if (i % 5000 == 0) {
            if (i)
                store_tx_commit(st);
            store_tx_begin(st);
        }
        for (int w = 0; w < 10; w++) {
            strbuf_adds(&title, ev >= 0 && w < 6 ? event_word(ev, w) : word());
            strbuf_addch(&title, w == 9 ? '.' : ' ');
        }
        title.buf[0] = (char)(title.buf[0] - 32);
        for (int p = 0; p < 5; p++) {
            strbuf_adds(&html, "<p>");
            for (int w = 0; w < 50; w++) {
                const char *x =
                    ev >= 0 && p == 0 && w % 3 == 0 ? event_word(ev, w / 3 % 6) : word();
                strbuf_adds(&text, x);
                strbuf_addch(&text, w == 49 ? '\n' : ' ');
                strbuf_adds(&html, x);
                strbuf_addch(&html, w == 49 ? '.' : ' ');
            }
            strbuf_adds(&html, "</p>\n");
        }
        snprintf(url, sizeof(url), "https://outlet%d.example/news/%ld", s + 1, i);
        snprintf(guid, sizeof(guid), "g%ld", i);
        store_article_init(&a);
        a.url = url;
        a.title = title.buf;
        a.text = text.buf;
        a.content_html = html.buf;
        a.summary = "A generated article for the benchmark.";
        a.authors = "Bench Writer";
        a.language = "en";
        a.image_url = "https://images.example/photo.jpg";
        a.image_caption = "A generated caption.";
        /* an event's reports within six hours of its time */
        a.published =
            ev >= 0
                ? now - (int64_t)((unsigned long long)ev * 2654435761ULL % (2 * 365 * 86400ULL)) -
                      (int64_t)(next_rand() % (6 * 3600))
                : now - (int64_t)(next_rand() % (2 * 365 * 86400ULL));
        a.first_seen = now;
        a.word_count = 250;
        a.source_id = src[s];
        rc = store_article_upsert(st, &a, feed[s], guid, id, NULL);
        strbuf_release(&title);
        strbuf_release(&text);
        strbuf_release(&html);
        if (rc) {
            fprintf(stderr, "upsert: %s\n", store_errmsg(st));
            return 1;
        }
        if (i == n - 1)
            printf("last_id %s\n", id);
    }
    store_tx_commit(st);
    printf("generated %ld articles in %.1f s\n", n, (double)(time_monotonic_ms() - t0) / 1000.0);
    fflush(stdout);
    t0 = time_monotonic_ms();
    {
        int64_t na = 0, ns = 0;
        rc = stories_rebuild(st, &na, &ns);
        if (rc) {
            fprintf(stderr, "stories: %s\n", store_errmsg(st));
            return 1;
        }
        printf("clustered %lld articles into %lld stories and stored their related lists in "
               "%.1f s\n",
               (long long)na, (long long)ns, (double)(time_monotonic_ms() - t0) / 1000.0);
    }
    store_close(st);
    for (int i = 0; i < VOCAB; i++)
        free(words[i]);
    return 0;
}
