/*
 * bench_web_gen.c - writes a large generated news archive for the web benchmarks:
 *
 *     bench_web_gen PATH N [nostories]   N articles (default 100000) into the database PATH
 *     bench_web_gen --version     the key run.sh names its cached databases by
 *     bench_web_gen PATH --stories   only the derived data again (stories_rebuild) on an
 *                                    archive already written, timed (for profiling it)
 *
 * What readers meet in a real archive, so the pages and searches do realistic work:
 *   - 60 outlets, some far more prolific than others (Zipf), each with a feed;
 *   - a vocabulary of 30,000 made-up words drawn with Zipf frequencies (rank r has
 *     probability ~ 1/r: the commonest word is in nearly every article, most words are
 *     rare), and 4,000 capitalised names (people, places, organisations);
 *   - articles of 120-480 words (300 on average) in sentences and <p> paragraphs, a 6-14
 *     word title, an author, one or two categories, a lead image with caption and credit
 *     on two articles in three, published over the 365 days before now in arrival order;
 *   - news as events: three articles in four report one of the running events (its own
 *     rarer words and names in title and text; an event lasts 1-60 articles, 6 on average,
 *     and as many run at once as keeps an event within about a day), and one in
 *     twelve of those is a republished wire copy (the event's first text under another
 *     outlet, a local line added), so near-copies and multi-outlet stories exist;
 *   - the derived data ingest produces: once every article is in, stories_rebuild()
 *     (what `herald stories rebuild` runs) passes them in arrival order through the
 *     clustering the enrich "story" job runs per article (stories.c's add_one behind
 *     stories_add: fingerprint, copies, story membership, related stories), in
 *     transactions of 200 articles, then stores every article page's related list
 *     (stories_related_backfill: what the related job computes).  "nostories" as a third
 *     argument skips both: the pages then have no related list.
 *
 * Writes beside the database PATH.ids (every article id, one a line, in arrival order) and
 * PATH.queries (search queries by frequency band of their words, "band<TAB>query" a line:
 * common = ranks 1-100, mid = 101-3,000, rare = 3,001-30,000, pair = a common and a mid
 * word, name = one name).  Prints the time spent inserting, building the search index
 * and clustering.  The articles go in as an import would (store.h, "Bulk loading": no
 * syncs, the search index deferred and built in one pass at the end), the derived data as
 * a bulk load too; the database is the one article-by-article writes would make.
 * Deterministic (fixed seed, except published times, which end at now).  One transaction
 * per BATCH articles.  GEN_VERSION is bumped whenever the generated data changes; with
 * the schema version it names run.sh's cached databases, so a stale one is regenerated.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "stories/stories.h"
#include "store/store.h"

#include "core/banned.h"

#define GEN_VERSION 6
#define VOCAB 30000
#define NAMES 4000
#define SOURCES 60
#define EVENTS 400 /* at most; fewer in a smaller archive */
#define EVENT_WORDS 5
#define EVENT_NAMES 3
#define SPAN (365 * 86400LL)
#define BATCH 20000
#define QUERIES 2000

static unsigned long long rng = 88172645463325252ULL;

static unsigned long long next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(next_rand() % n);
}

/* ---- vocabulary -------------------------------------------------------------------- */

static char *words[VOCAB], *names[NAMES];
static double word_cdf[VOCAB], source_cdf[SOURCES];

static char *make_word(unsigned v, int syllables, int capital)
{
    static const char *const syl[] = {"ka", "to",  "ri", "men", "sa", "lo",  "ver", "din",
                                      "pa", "gru", "el", "on",  "ta", "mi",  "nor", "bel",
                                      "qu", "es",  "ar", "ix",  "ul", "fen", "so",  "dra"};
    const unsigned nsyl = sizeof(syl) / sizeof(syl[0]);
    struct strbuf sb = STRBUF_INIT;
    /* a distinct syllable string per v (base nsyl digits), padded to the length asked */
    for (int k = 0; k < syllables || v > 0; k++) {
        strbuf_adds(&sb, syl[v % nsyl]);
        v /= nsyl;
    }
    if (capital)
        sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A');
    return strbuf_detach(&sb, NULL);
}

static void zipf_cdf(double *cdf, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++) {
        sum += 1.0 / (i + 1);
        cdf[i] = sum;
    }
    for (int i = 0; i < n; i++)
        cdf[i] /= sum;
}

static int zipf(const double *cdf, int n)
{
    double u = (double)(next_rand() % 1000000007ULL) / 1000000007.0;
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void make_vocab(void)
{
    /* common words short, rare ones longer, as in a language */
    for (int i = 0; i < VOCAB; i++)
        words[i] = make_word((unsigned)i, i < 100 ? 1 : i < 3000 ? 2 : 3, 0);
    for (int i = 0; i < NAMES; i++)
        names[i] = make_word((unsigned)(VOCAB + i), 4, 1); /* never a word */
    zipf_cdf(word_cdf, VOCAB);
    zipf_cdf(source_cdf, SOURCES);
}

/* ---- events and text --------------------------------------------------------------- */

struct event {
    int key[EVENT_WORDS]; /* the event's own words, ranks 1,000 and up */
    int name[EVENT_NAMES];
    int left;         /* articles still to come */
    char *wire_title; /* its first article, republished by copies */
    char *wire_text;
    char *wire_html;
};

static struct event events[EVENTS];

static void event_start(struct event *e)
{
    free(e->wire_title);
    free(e->wire_text);
    free(e->wire_html);
    memset(e, 0, sizeof(*e));
    for (int k = 0; k < EVENT_WORDS; k++)
        e->key[k] = 1000 + (int)pick(VOCAB - 1000);
    for (int k = 0; k < EVENT_NAMES; k++)
        e->name[k] = (int)pick(NAMES);
    /* most events are small, a few run long */
    e->left = 1 + (int)(60.0 / (1.0 + pick(1000) / 20.0));
}

/* One word of an article: the event's words and names one time in six, else the language. */
static const char *text_word(const struct event *e, int *is_name)
{
    unsigned r = pick(24);
    *is_name = 0;
    if (e && r < 3)
        return words[e->key[pick(EVENT_WORDS)]];
    if (e && r < 4) {
        *is_name = 1;
        return names[e->name[pick(EVENT_NAMES)]];
    }
    if (r == 5) {
        *is_name = 1;
        return names[pick(NAMES)];
    }
    return words[zipf(word_cdf, VOCAB)];
}

static void gen_title(struct strbuf *title, const struct event *e)
{
    int n = 6 + (int)pick(9), is_name;
    for (int w = 0; w < n; w++) {
        const char *x = w == 1 && e   ? names[e->name[0]]
                        : w == 2 && e ? words[e->key[0]]
                                      : text_word(e, &is_name);
        size_t at;
        if (w)
            strbuf_addch(title, ' ');
        at = title->len;
        strbuf_adds(title, x);
        if (w == 0 && title->buf[at] >= 'a' && title->buf[at] <= 'z')
            title->buf[at] = (char)(title->buf[at] - 'a' + 'A');
    }
}

/* n words in sentences of 8-24 words and paragraphs of 2-5 sentences: text gets one
 * paragraph a line, html the same as <p> elements. */
static void gen_body(struct strbuf *text, struct strbuf *html, const struct event *e, int n)
{
    int sentence = 0, sentences = 0, para_sentences = 2 + (int)pick(4), sentence_len = 8;
    strbuf_adds(html, "<p>");
    for (int w = 0; w < n; w++) {
        int is_name;
        const char *x = text_word(e, &is_name);
        size_t t0 = text->len, h0 = html->len;
        if (sentence == 0)
            sentence_len = 8 + (int)pick(17);
        else {
            strbuf_addch(text, ' ');
            strbuf_addch(html, ' ');
            t0++;
            h0++;
        }
        strbuf_adds(text, x);
        strbuf_adds(html, x);
        if (sentence == 0 && !is_name) {
            text->buf[t0] = (char)(text->buf[t0] - 'a' + 'A');
            html->buf[h0] = (char)(html->buf[h0] - 'a' + 'A');
        }
        if (++sentence < sentence_len && w < n - 1)
            continue;
        strbuf_addch(text, '.');
        strbuf_addch(html, '.');
        sentence = 0;
        if (++sentences < para_sentences && w < n - 1) {
            strbuf_addch(text, ' ');
            strbuf_addch(html, ' ');
            continue;
        }
        sentences = 0;
        para_sentences = 2 + (int)pick(4);
        strbuf_addch(text, '\n');
        strbuf_adds(html, "</p>\n");
        if (w < n - 1)
            strbuf_adds(html, "<p>");
    }
}

/* ---- output files ------------------------------------------------------------------ */

static FILE *open_beside(const char *path, const char *ext)
{
    struct strbuf sb = STRBUF_INIT;
    FILE *f;
    strbuf_addf(&sb, "%s%s", path, ext);
    f = fopen(sb.buf, "w");
    if (!f)
        perror(sb.buf);
    strbuf_release(&sb);
    return f;
}

static const char *band_word(const char *band)
{
    if (strcmp(band, "common") == 0)
        return words[pick(100)];
    if (strcmp(band, "mid") == 0)
        return words[100 + pick(2900)];
    return words[3000 + pick(VOCAB - 3000)];
}

/* QUERIES lines "band<TAB>query": 30% common, 25% mid, 25% rare, 10% pair, 10% name. */
static int write_queries(const char *path)
{
    FILE *f = open_beside(path, ".queries");
    if (!f)
        return -1;
    for (int i = 0; i < QUERIES; i++) {
        unsigned r = pick(100);
        if (r < 30)
            fprintf(f, "common\t%s\n", band_word("common"));
        else if (r < 55)
            fprintf(f, "mid\t%s\n", band_word("mid"));
        else if (r < 80)
            fprintf(f, "rare\t%s\n", band_word("rare"));
        else if (r < 90)
            fprintf(f, "pair\t%s+%s\n", band_word("common"), band_word("mid"));
        else
            fprintf(f, "name\t%s\n", names[pick(NAMES)]);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* ---- the archive ------------------------------------------------------------------- */

static int add_sources(store *st, int64_t *src, int64_t *feed)
{
    for (int i = 0; i < SOURCES; i++) {
        struct store_source s;
        struct store_feed f;
        char name[64], home[128], furl[160];
        store_source_init(&s);
        snprintf(name, sizeof(name), "%s %s", names[i * 37 % NAMES],
                 i % 3 == 0   ? "Herald"
                 : i % 3 == 1 ? "Times"
                              : "News");
        snprintf(home, sizeof(home), "https://outlet%d.example/", i + 1);
        s.name = name;
        s.homepage = home;
        s.copyright = "\xc2\xa9 Generated Outlet. All rights reserved.";
        s.language = "en";
        if (store_source_ensure(st, &s, &src[i]))
            return -1;
        store_feed_init(&f);
        snprintf(furl, sizeof(furl), "%sfeed.xml", home);
        f.url = furl;
        f.source_id = src[i];
        if (store_feed_add(st, &f, &feed[i]))
            return -1;
    }
    return 0;
}

static const char *const categories[] = {"[\"World\"]",
                                         "[\"Politics\"]",
                                         "[\"Business\"]",
                                         "[\"Technology\"]",
                                         "[\"Science\"]",
                                         "[\"Sport\"]",
                                         "[\"Culture\"]",
                                         "[\"Health\"]",
                                         "[\"Climate\"]",
                                         "[\"World\",\"Politics\"]",
                                         "[\"Business\",\"Technology\"]"};

/* The derived data of an existing archive again, as a bulk load (see main). */
static int derived_again(const char *path)
{
    int64_t t0 = time_monotonic_ms(), articles = 0, stories = 0;
    store *st = NULL;
    herald_status rc = store_open(path, 0, &st);
    if (!rc)
        rc = store_bulk_begin(st, 0);
    if (!rc) {
        rc = stories_rebuild(st, &articles, &stories);
        if (store_bulk_end(st) && !rc)
            rc = HERALD_E_DB;
    }
    if (rc)
        fprintf(stderr, "bench_web_gen: %s: %s\n", herald_strerror(rc), st ? store_errmsg(st) : "");
    else
        printf("stories_rebuild of %ld articles (%ld stories started) in %.1f s\n", (long)articles,
               (long)stories, (double)(time_monotonic_ms() - t0) / 1000.0);
    store_close(st);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "bench-web.db";
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000, copies = 0;
    int64_t stories = 0;
    int64_t src[SOURCES], feed[SOURCES], now = time_now(), t0 = time_monotonic_ms();
    int64_t ms_insert = 0, ms_index = 0, ms_story = 0, m0;
    struct strbuf title = STRBUF_INIT, text = STRBUF_INIT, html = STRBUF_INIT;
    struct strbuf summary = STRBUF_INIT, author = STRBUF_INIT;
    store *st = NULL;
    FILE *ids = NULL;
    herald_status rc;
    int status = 1, n_events;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("g%d-s%d\n", GEN_VERSION, STORE_SCHEMA_VERSION);
        return 0;
    }
    if (argc == 3 && strcmp(argv[2], "--stories") == 0)
        return derived_again(path);
    if (n < 1 || n > 100000000 || (argc > 3 && strcmp(argv[3], "nostories") != 0)) {
        fprintf(stderr, "usage: bench_web_gen PATH N (1..100000000) [nostories] | --version\n");
        return 2;
    }
    /* SQLite frees and reallocates large blocks per statement: without this, glibc gives
     * the top of the heap back to the kernel each time (brk, a TLB flush), a fifth of the
     * generation's time. */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    make_vocab();
    if (write_queries(path))
        goto out;
    ids = open_beside(path, ".ids");
    if (!ids)
        goto out;
    rc = store_open(path, 0, &st);
    if (rc) {
        fprintf(stderr, "cannot open %s: %s\n", path, herald_strerror(rc));
        goto out;
    }
    if (add_sources(st, src, feed))
        goto fail;
    /* an import: the search index is built once at the end (store.h, "Bulk loading") */
    if (store_bulk_begin(st, STORE_BULK_DEFER_SEARCH)) {
        fprintf(stderr, "store_bulk_begin: %s\n", store_errmsg(st));
        goto fail;
    }
    /* as many events at once as keeps one's articles within about a day: a day brings
     * N / 365 articles and an event has about 6 */
    n_events = (int)(n / 365 / 6);
    n_events = n_events < 4 ? 4 : n_events > EVENTS ? EVENTS : n_events;
    for (int i = 0; i < n_events; i++)
        event_start(&events[i]);
    for (long i = 0; i < n; i++) {
        struct store_article a;
        struct event *e = pick(4) ? &events[pick((unsigned)n_events)] : NULL;
        char url[128], guid[32], id[STORE_ID_LEN + 1], image[128], credit[96];
        int s = zipf(source_cdf, SOURCES), copy = 0;
        int64_t slot = SPAN / n;
        if (i % BATCH == 0 && store_tx_begin(st))
            goto fail;
        strbuf_reset(&title);
        strbuf_reset(&text);
        strbuf_reset(&html);
        strbuf_reset(&summary);
        strbuf_reset(&author);
        if (e && e->wire_text && pick(12) == 0) {
            /* a republished wire copy with a local line in front */
            strbuf_adds(&title, e->wire_title);
            strbuf_addf(&text, "Reported by the %s desk.\n%s", names[pick(NAMES)], e->wire_text);
            strbuf_addf(&html, "<p>Reported by the desk.</p>\n%s", e->wire_html);
            copy = 1;
            copies++;
        } else {
            gen_title(&title, e);
            gen_body(&text, &html, e, 120 + (int)pick(361));
            if (e && !e->wire_text) {
                e->wire_title = xstrdup(title.buf);
                e->wire_text = xstrdup(text.buf);
                e->wire_html = xstrdup(html.buf);
            }
        }
        strbuf_add(&summary, text.buf, strcspn(text.buf, ".\n"));
        strbuf_addch(&summary, '.');
        strbuf_addf(&author, "%s %s", names[pick(NAMES)], names[pick(NAMES)]);
        snprintf(url, sizeof(url), "https://outlet%d.example/news/%ld", s + 1, i);
        snprintf(guid, sizeof(guid), "g%ld", i);
        snprintf(image, sizeof(image), "https://img.outlet%d.example/%ld.jpg", s + 1, i);
        snprintf(credit, sizeof(credit), "%s/Agency", names[pick(NAMES)]);
        store_article_init(&a);
        a.url = url;
        a.title = title.buf;
        a.text = text.buf;
        a.content_html = html.buf;
        a.summary = summary.buf;
        a.authors = author.buf;
        a.language = "en";
        a.categories = (char *)categories[pick(sizeof(categories) / sizeof(categories[0]))];
        if (pick(3)) {
            a.image_url = image;
            a.image_caption = summary.buf;
            a.image_credit = credit;
        }
        a.published = now - SPAN + (int64_t)i * slot + (int64_t)pick((unsigned)slot + 1);
        a.first_seen = a.published + 60 + (int64_t)pick(1800);
        {
            int wc = 1;
            for (const char *p = text.buf; *p; p++)
                wc += *p == ' ' || *p == '\n';
            a.word_count = wc;
        }
        a.source_id = src[s];
        m0 = time_monotonic_ms();
        rc = store_article_upsert(st, &a, feed[s], guid, id, NULL);
        ms_insert += time_monotonic_ms() - m0;
        if (rc) {
            fprintf(stderr, "upsert: %s\n", store_errmsg(st));
            goto fail;
        }
        fprintf(ids, "%s\n", id);
        if (e && !copy && --e->left <= 0)
            event_start(e);
        if ((i + 1) % BATCH == 0 || i == n - 1) {
            if (store_tx_commit(st))
                goto fail;
            if ((i + 1) % 100000 == 0)
                fprintf(stderr, "bench_web_gen: %ld articles, %.0f s\n", i + 1,
                        (double)(time_monotonic_ms() - t0) / 1000.0);
        }
    }
    m0 = time_monotonic_ms();
    rc = store_bulk_end(st);
    ms_index = time_monotonic_ms() - m0;
    if (rc) {
        fprintf(stderr, "store_bulk_end: %s\n", store_errmsg(st));
        goto out;
    }
    fprintf(stderr, "bench_web_gen: %ld articles inserted, search index built, %.0f s\n", n,
            (double)(time_monotonic_ms() - t0) / 1000.0);
    /* the derived data over the whole archive: a bulk load too, with the index complete */
    m0 = time_monotonic_ms();
    rc = argc > 3 ? HERALD_OK : store_bulk_begin(st, 0);
    if (!rc && argc <= 3) {
        rc = stories_rebuild(st, NULL, &stories);
        if (rc)
            fprintf(stderr, "stories_rebuild: %s: %s\n", herald_strerror(rc), store_errmsg(st));
        if (store_bulk_end(st) && !rc)
            rc = HERALD_E_DB;
    }
    ms_story = time_monotonic_ms() - m0;
    if (rc) {
        fprintf(stderr, "bench_web_gen: %s\n", store_errmsg(st));
        goto out;
    }
    printf("generated %ld articles (%ld wire copies, %ld stories started) in %.1f s: "
           "inserting %.1f s, search index %.1f s, stories_rebuild %.1f s\n",
           n, copies, (long)stories, (double)(time_monotonic_ms() - t0) / 1000.0,
           (double)ms_insert / 1000.0, (double)ms_index / 1000.0, (double)ms_story / 1000.0);
    status = 0;
    goto out;
fail:
    store_tx_rollback(st);
out:
    store_close(st);
    if (ids && fclose(ids) != 0)
        status = 1;
    for (int i = 0; i < EVENTS; i++) {
        free(events[i].wire_title);
        free(events[i].wire_text);
        free(events[i].wire_html);
    }
    for (int i = 0; i < VOCAB; i++)
        free(words[i]);
    for (int i = 0; i < NAMES; i++)
        free(names[i]);
    strbuf_release(&title);
    strbuf_release(&text);
    strbuf_release(&html);
    strbuf_release(&summary);
    strbuf_release(&author);
    return status;
}
