/*
 * bench_stories.c - story clustering quality and throughput (src/stories/).
 *
 *   bench_stories DATA.jsonl PREDICTIONS.jsonl
 *       Feeds the headlines of DATA ({"id", "title", "timestamp_ms", ...} a line) in time
 *       order (ties in file order), titles only, to herald's clustering (stories_mem: the
 *       same core as stories_add), writes {"id", "cluster"} lines to PREDICTIONS, prints
 *       headlines/s and, when the lines carry a "story" label, pairwise and B-cubed
 *       precision/recall/F1 (the scorer ../shared/stories/evaluate.py computes the same).
 *   bench_stories --generate N [TEXT_WORDS]
 *       Throughput: N generated articles (a 10-word title and a 120-word text, or
 *       TEXT_WORDS words (40..5000): fingerprinting reads the whole text, clustering
 *       its first 300 words; events of
 *       2-40 articles drawn from a Zipf vocabulary, 20% of them republished copies),
 *       each fingerprinted (MinHash signature and LSH band keys, text/shingle.h) and
 *       clustered, in time order (an article every 3 s).  Articles are generated in
 *       batches and each batch is timed (CPU and wall) apart from its generation.
 *       Prints articles/s, CPU time an article, open stories, a digest of the decisions
 *       (a change that should not change any decision must keep it) and peak RSS.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "stories/stories.h"
#include "text/shingle.h"

#include "../bench_rand.h"
#include "core/banned.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

struct row {
    json_t *id; /* borrowed from the line's object */
    json_t *obj;
    const char *title;
    const char *label; /* NULL when unlabelled */
    int64_t time;      /* seconds */
    double ms;
    size_t line;
    int64_t cluster;
};

static int cmp_row(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->ms != y->ms)
        return x->ms < y->ms ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pairwise and B-cubed scores of the clusters against the labels. */
static void score(struct row *rows, size_t n)
{
    /* labels to small ints */
    char **labels = xcalloc(n, sizeof(*labels));
    int *g = xcalloc(n, sizeof(*g));
    size_t nl = 0;
    double tp = 0, pp = 0, gp = 0, bp = 0, br = 0;
    for (size_t i = 0; i < n; i++)
        labels[i] = (char *)rows[i].label;
    qsort(labels, n, sizeof(*labels), cmp_str);
    for (size_t i = 0; i < n; i++)
        if (!nl || strcmp(labels[nl - 1], labels[i]) != 0)
            labels[nl++] = labels[i];
    for (size_t i = 0; i < n; i++) {
        char **hit = bsearch(&rows[i].label, labels, nl, sizeof(*labels), cmp_str);
        g[i] = (int)(hit - labels);
    }
    /* O(n^2) is fine for a scorer of a few thousand lines */
    for (size_t i = 0; i < n; i++) {
        double same_both = 0, same_pred = 0, same_gold = 0;
        for (size_t j = 0; j < n; j++) {
            int sp = rows[i].cluster == rows[j].cluster, sg = g[i] == g[j];
            same_pred += sp;
            same_gold += sg;
            same_both += sp && sg;
            if (j > i) {
                tp += sp && sg;
                pp += sp;
                gp += sg;
            }
        }
        bp += same_both / same_pred;
        br += same_both / same_gold;
    }
    {
        double P = pp ? tp / pp : 1, R = gp ? tp / gp : 1, BP = bp / (double)n, BR = br / (double)n;
        printf("pairwise P %.4f R %.4f F1 %.4f\n", P, R, P + R > 0 ? 2 * P * R / (P + R) : 0);
        printf("bcubed   P %.4f R %.4f F1 %.4f\n", BP, BR,
               BP + BR > 0 ? 2 * BP * BR / (BP + BR) : 0);
    }
    free(labels);
    free(g);
}

static int run_file(const char *data, const char *pred)
{
    FILE *in = fopen(data, "r"), *out;
    struct row *rows = NULL;
    size_t n = 0, alloc = 0, line_no = 0, labelled = 0, clusters = 0;
    char *line = NULL;
    size_t cap = 0;
    json_t **objs = NULL;
    size_t nobjs = 0, aobjs = 0;
    double t0, t1, rounds = 0;
    stories_mem *m;

    if (!in) {
        fprintf(stderr, "bench_stories: cannot read %s\n", data);
        return 1;
    }
    while (getline(&line, &cap, in) > 0) {
        json_error_t err;
        json_t *o;
        struct row r;
        line_no++;
        if (line[0] == '\n' || !line[0])
            continue;
        o = json_loads(line, 0, &err);
        if (!o || !json_is_object(o)) {
            fprintf(stderr, "bench_stories: %s:%zu: not a JSON object\n", data, line_no);
            json_decref(o);
            continue;
        }
        ALLOC_GROW(objs, nobjs + 1, aobjs);
        objs[nobjs++] = o;
        memset(&r, 0, sizeof(r));
        r.obj = o;
        r.id = json_object_get(o, "id");
        r.title = json_string_value(json_object_get(o, "title"));
        r.label = json_string_value(json_object_get(o, "story"));
        r.ms = json_number_value(json_object_get(o, "timestamp_ms"));
        r.time = (int64_t)(r.ms / 1000.0);
        r.line = line_no;
        if (!r.id || !r.title) {
            fprintf(stderr, "bench_stories: %s:%zu: no id or title\n", data, line_no);
            continue;
        }
        labelled += r.label != NULL;
        ALLOC_GROW(rows, n + 1, alloc);
        rows[n++] = r;
    }
    free(line);
    fclose(in);
    qsort(rows, n, sizeof(*rows), cmp_row);

    /* timed: whole passes over the file, each on a fresh index, for at least 1 s */
    t0 = now_s();
    do {
        m = stories_mem_new(NULL);
        for (size_t i = 0; i < n; i++)
            if (stories_mem_add(m, rows[i].title, NULL, rows[i].time, &rows[i].cluster))
                rows[i].cluster = -(int64_t)i - 1; /* nothing to cluster: alone */
        for (size_t i = 0; i < n; i++)
            if (rows[i].cluster > 0)
                rows[i].cluster = stories_mem_resolve(m, rows[i].cluster);
        rounds++;
        t1 = now_s();
        if (t1 - t0 < 1.0)
            stories_mem_free(m);
    } while (t1 - t0 < 1.0);
    stories_mem_free(m);

    out = fopen(pred, "w");
    if (!out) {
        fprintf(stderr, "bench_stories: cannot write %s\n", pred);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        char *id = json_dumps(rows[i].id, JSON_ENCODE_ANY);
        fprintf(out, "{\"id\": %s, \"cluster\": %lld}\n", id, (long long)rows[i].cluster);
        free(id);
    }
    fclose(out);
    {
        int64_t *c = xcalloc(n ? n : 1, sizeof(*c));
        for (size_t i = 0; i < n; i++)
            c[i] = rows[i].cluster;
        for (size_t i = 0; i < n; i++) {
            size_t j = 0;
            while (j < i && c[j] != c[i])
                j++;
            clusters += j == i;
        }
        free(c);
    }
    printf("headlines=%zu predicted_clusters=%zu\n", n, clusters);
    printf("headlines/s %.0f (%.0f passes in %.2f s, one core)\n", rounds * (double)n / (t1 - t0),
           rounds, t1 - t0);
    if (labelled == n && n)
        score(rows, n);
    else
        printf("(no \"story\" labels: score with evaluate.py)\n");
    for (size_t i = 0; i < nobjs; i++)
        json_decref(objs[i]);
    free(objs);
    free(rows);
    return 0;
}

/* ---- generated articles ------------------------------------------------------------- */

#define VOCAB 30000
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
        struct strbuf sb = STRBUF_INIT;
        int k = i;
        do {
            strbuf_adds(&sb, syl[k % (int)nsyl]);
            k /= (int)nsyl;
        } while (k > 0);
        words[i] = strbuf_detach(&sb, NULL);
        sum += 1.0 / (i + 1);
        zipf_cdf[i] = sum;
    }
    for (int i = 0; i < VOCAB; i++)
        zipf_cdf[i] /= sum;
}

static int zipf_word(void)
{
    double u = (double)(next_rand() % 1000000007) / 1000000007.0;
    int lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zipf_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

struct event {
    int key[6]; /* the event's own words (rare) */
    int left;
    char *wire; /* text of its first article, for copies */
    char *wire_title;
};

static void gen_text(struct strbuf *sb, const struct event *e, int n_words)
{
    for (int i = 0; i < n_words; i++) {
        int w = (next_rand() % 5 == 0) ? e->key[next_rand() % 6] : zipf_word();
        if (i)
            strbuf_addch(sb, (i % 15 == 0) ? '\n' : ' ');
        strbuf_adds(sb, words[w]);
    }
}

/* Articles are generated in batches of BATCH, then fingerprinted and clustered: the
 * clocks are read around a batch, not around each article. */
#define BATCH 256

/* The next generated article into title and text; *copies counts the copies. */
static void gen_article(struct event ev[64], struct strbuf *title, struct strbuf *text,
                        int text_words, long *copies)
{
    struct event *e = &ev[next_rand() % 64];
    if (e->left <= 0) {
        free(e->wire);
        free(e->wire_title);
        memset(e, 0, sizeof(*e));
        for (int k = 0; k < 6; k++)
            e->key[k] = 2000 + (int)(next_rand() % (VOCAB - 2000));
        e->left = 2 + (int)(next_rand() % 39);
    }
    e->left--;
    strbuf_reset(title);
    strbuf_reset(text);
    if (e->wire && next_rand() % 5 == 0) {
        /* a republished copy: the wire text with a local sentence added */
        strbuf_adds(title, e->wire_title);
        strbuf_adds(text, words[zipf_word()]);
        strbuf_adds(text, " local desk. ");
        strbuf_adds(text, e->wire);
        (*copies)++;
    } else {
        gen_text(title, e, 10);
        gen_text(text, e, text_words);
        if (!e->wire) {
            e->wire = xstrdup(text->buf);
            e->wire_title = xstrdup(title->buf);
        }
    }
}

static int run_generated(long n, int text_words)
{
    stories_mem *m = stories_mem_new(NULL);
    struct event ev[64];
    struct strbuf title[BATCH], text[BATCH];
    double t0, t1, c0, c1, work = 0, work_wall = 0;
    long copies = 0;
    int64_t t = 1700000000;
    uint64_t digest = 0xcbf29ce484222325ull;    /* of the story each article joined */
    uint64_t fp_digest = 0xcbf29ce484222325ull; /* of the fingerprints */
    int rc = 0;
    make_vocab();
    memset(ev, 0, sizeof(ev));
    for (int b = 0; b < BATCH; b++) {
        strbuf_init(&title[b], 0);
        strbuf_init(&text[b], 0);
    }
    t0 = now_s();
    c0 = cpu_s();
    for (long i = 0; i < n && !rc;) {
        long batch = n - i < BATCH ? n - i : BATCH;
        double w0, ww0;
        for (long b = 0; b < batch; b++)
            gen_article(ev, &title[b], &text[b], text_words, &copies);
        w0 = cpu_s();
        ww0 = now_s();
        /* timed: what stories_add does with an article's text, without the store */
        for (long b = 0; b < batch; b++, i++, t += 3) {
            struct shingle_minhash fp;
            uint64_t bands[SHINGLE_LSH_BANDS];
            int64_t story;
            shingle_minhash_text(text[b].buf, &fp);
            shingle_minhash_bands(&fp, bands);
            if (stories_mem_add(m, title[b].buf, text[b].buf, t, &story)) {
                fprintf(stderr, "bench_stories: clustering failed\n");
                rc = 1;
                break;
            }
            digest = (digest ^ (uint64_t)story) * 0x100000001b3ull;
            for (int k = 0; k < SHINGLE_LSH_BANDS; k++)
                fp_digest = (fp_digest ^ bands[k]) * 0x100000001b3ull;
        }
        work += cpu_s() - w0;
        work_wall += now_s() - ww0;
    }
    t1 = now_s();
    c1 = cpu_s();
    if (!rc) {
        printf("generated articles %ld (%ld copies; 10-word titles, %d-word texts), generate + "
               "fingerprint + cluster: %.2f s "
               "wall, %.2f s CPU\n",
               n, copies, text_words, t1 - t0, c1 - c0);
        printf("articles/s %.0f fingerprint + cluster (CPU time of those calls, one core; "
               "%.1f us CPU an article), %.0f by their wall time; %.0f with generation (CPU), "
               "%.0f by wall time\n",
               (double)n / work, work * 1e6 / (double)n, (double)n / work_wall,
               (double)n / (c1 - c0), (double)n / (t1 - t0));
        printf("open stories at the end %zu; digests: decisions %016llx, fingerprints "
               "%016llx (equal digests: the same story and band keys for every article)\n",
               stories_mem_open_stories(m), (unsigned long long)digest,
               (unsigned long long)fp_digest);
        printf("peak RSS %.1f MiB\n", (double)maxrss_kb() / 1024.0);
    }
    stories_mem_free(m);
    for (int i = 0; i < 64; i++) {
        free(ev[i].wire);
        free(ev[i].wire_title);
    }
    for (int i = 0; i < VOCAB; i++)
        free(words[i]);
    for (int b = 0; b < BATCH; b++) {
        strbuf_release(&title[b]);
        strbuf_release(&text[b]);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "--generate") == 0) {
        long n = strtol(argv[2], NULL, 10);
        long text_words = argc == 4 ? strtol(argv[3], NULL, 10) : 120;
        if (n <= 0 || n > 100000000 || text_words < 40 || text_words > 5000) {
            fprintf(stderr, "bench_stories: --generate N (1..100000000) [TEXT_WORDS (40..5000)]\n");
            return 2;
        }
        return run_generated(n, (int)text_words);
    }
    if (argc != 3) {
        fprintf(stderr, "usage: bench_stories DATA.jsonl PREDICTIONS.jsonl\n"
                        "       bench_stories --generate N [TEXT_WORDS]\n");
        return 2;
    }
    return run_file(argv[1], argv[2]);
}
