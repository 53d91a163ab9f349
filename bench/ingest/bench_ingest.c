/*
 * bench_ingest - ingest throughput of the bundled demo scaled up, and the peak memory.
 *
 *   bench_ingest [--copies K] [--articles N] [--demo DIR] [--tmp DIR] [--keep] [--no-small]
 *
 * The demo (DIR, default the source tree's demo/) has outlets DIR/outlets/<outlet>/ with
 * feed files (feed*) beside an articles/ folder of pages and an images/ folder.  The bench
 * writes K copies of every outlet into a temporary folder, <tmp>/copyN/<outlet>/, and
 * makes each copy a distinct set of articles by plain string substitution:
 *   - in feeds and pages, every absolute URL on a reserved ".example/" host gets a copy
 *     folder: "https://www.x.example/a/b" -> "https://www.x.example/cN/a/b" (canonical
 *     URLs, og:url, homepages);
 *   - in feeds, RSS <guid>, Atom <id>, JSON Feed "id" and RSS 1.0 <item rdf:about> values
 *     get a "-cN" suffix ("cN-" prefix for JSON and RDF), because herald matches an entry
 *     by its guid within the feed's publisher, and the copies of an outlet share one
 *     publisher (same name);
 *   - relative links (entry links, xml:base, rdf:about) then resolve to the copy's own
 *     pages; images/ is a symlink to the demo's (herald does not fetch images).
 * Every generated feed is subscribed with store_feed_add() into a fresh database in the
 * temporary folder, and one ingest_poll_due(force) with allow_file_urls ingests them all
 * (the full pipeline: fetch engine over file://, parse, page fetch + extraction where the
 * feed has a teaser or no image, one transaction per feed).  A second forced poll then
 * measures an idle poll (nothing new) over all feeds.
 *
 * Default K: enough copies for about N articles (--articles, default 10000).  Unless
 * --no-small, the bench first runs the same thing with K/4 copies in a child process, so
 * that the two peak RSS figures (getrusage ru_maxrss of each child) show how memory
 * scales.  Each run is a forked child so its ru_maxrss is its own.  The stored article
 * count must equal K times the number of demo pages; a mismatch is printed and the exit
 * status is 1.  Temporary files are removed unless --keep.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/config.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "ingest/ingest.h"
#include "store/store.h"

#ifndef HERALD_DEMO_DIR
#define HERALD_DEMO_DIR "demo"
#endif

struct outlet {
    char *name;
    char **feeds; /* file names of the feed files */
    size_t n_feeds, alloc_feeds;
    char **pages; /* file names under articles/ */
    size_t n_pages, alloc_pages;
    int has_images;
};

struct demo {
    char *dir; /* absolute path of the demo folder */
    struct outlet *outlets;
    size_t n_outlets, alloc_outlets;
    size_t n_pages; /* pages in all outlets: the articles of one copy */
    size_t n_feeds;
};

struct run_result {
    int copies;
    int feeds;
    struct ingest_stats first, second;
    int64_t stored;
    int64_t expected;
    double gen_s, first_s, second_s;
    double first_cpu, second_cpu; /* user + system CPU seconds of each poll */
    long rss_before_kb;           /* after generation and subscription, before the poll */
    long rss_kb;                  /* peak of the whole run */
    long long db_bytes;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int bad;
    if (!f)
        return -1;
    bad = fwrite(data, 1, len, f) != len;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

/* The sorted names of the regular files in dir whose name starts with prefix and ends
 * with suffix (either may be ""). */
static int list_files(const char *dir, const char *prefix, const char *suffix, char ***out,
                      size_t *n, size_t *alloc)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t lp = strlen(prefix), ls = strlen(suffix);
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        struct stat st;
        struct strbuf p = STRBUF_INIT;
        if (e->d_name[0] == '.' || l < lp + ls || strncmp(e->d_name, prefix, lp) != 0 ||
            strcmp(e->d_name + l - ls, suffix) != 0)
            continue;
        strbuf_addf(&p, "%s/%s", dir, e->d_name);
        if (stat(p.buf, &st) == 0 && S_ISREG(st.st_mode)) {
            ALLOC_GROW(*out, *n + 1, *alloc);
            (*out)[(*n)++] = xstrdup(e->d_name);
        }
        strbuf_release(&p);
    }
    closedir(d);
    qsort(*out, *n, sizeof(**out), cmp_str);
    return 0;
}

static int demo_load(const char *dir, struct demo *dm)
{
    char *abs = realpath(dir, NULL);
    struct strbuf p = STRBUF_INIT;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n_names = 0, alloc_names = 0;

    memset(dm, 0, sizeof(*dm));
    if (!abs) {
        fprintf(stderr, "bench_ingest: no demo at %s: %s\n", dir, strerror(errno));
        return -1;
    }
    dm->dir = abs;
    strbuf_addf(&p, "%s/outlets", abs);
    d = opendir(p.buf);
    if (!d) {
        fprintf(stderr, "bench_ingest: cannot read %s: %s\n", p.buf, strerror(errno));
        strbuf_release(&p);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        ALLOC_GROW(names, n_names + 1, alloc_names);
        names[n_names++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n_names, sizeof(*names), cmp_str);
    for (size_t i = 0; i < n_names; i++) {
        struct outlet o = {0};
        struct stat st;
        o.name = names[i];
        strbuf_reset(&p);
        strbuf_addf(&p, "%s/outlets/%s", abs, o.name);
        list_files(p.buf, "feed", "", &o.feeds, &o.n_feeds, &o.alloc_feeds);
        strbuf_adds(&p, "/articles");
        list_files(p.buf, "", ".html", &o.pages, &o.n_pages, &o.alloc_pages);
        strbuf_reset(&p);
        strbuf_addf(&p, "%s/outlets/%s/images", abs, o.name);
        o.has_images = stat(p.buf, &st) == 0 && S_ISDIR(st.st_mode);
        if (!o.n_feeds) {
            free(o.name);
            continue;
        }
        ALLOC_GROW(dm->outlets, dm->n_outlets + 1, dm->alloc_outlets);
        dm->outlets[dm->n_outlets++] = o;
        dm->n_pages += o.n_pages;
        dm->n_feeds += o.n_feeds;
    }
    free(names);
    strbuf_release(&p);
    if (!dm->n_feeds || !dm->n_pages) {
        fprintf(stderr, "bench_ingest: no feed*/articles/*.html under %s/outlets\n", abs);
        return -1;
    }
    return 0;
}

static void demo_release(struct demo *dm)
{
    for (size_t i = 0; i < dm->n_outlets; i++) {
        struct outlet *o = &dm->outlets[i];
        for (size_t j = 0; j < o->n_feeds; j++)
            free(o->feeds[j]);
        for (size_t j = 0; j < o->n_pages; j++)
            free(o->pages[j]);
        free(o->feeds);
        free(o->pages);
        free(o->name);
    }
    free(dm->outlets);
    free(dm->dir);
}

/* Appends data to out with every occurrence of each pats[i] replaced by reps[i]
 * (leftmost match first; at each position the first pattern that matches wins). */
static void substitute(struct strbuf *out, const char *data, size_t len, const char *const *pats,
                       const char *const *reps, size_t n)
{
    size_t i = 0, start = 0;
    while (i < len) {
        size_t k;
        for (k = 0; k < n; k++) {
            size_t pl = strlen(pats[k]);
            if (data[i] == pats[k][0] && pl <= len - i && memcmp(data + i, pats[k], pl) == 0)
                break;
        }
        if (k == n) {
            i++;
            continue;
        }
        strbuf_add(out, data + start, i - start);
        strbuf_adds(out, reps[k]);
        i += strlen(pats[k]);
        start = i;
    }
    strbuf_add(out, data + start, len - start);
}

/* Copies src to dst rewritten for copy number copy; feed selects the feed rules. */
static int copy_rewritten(const char *src, const char *dst, int copy, int feed)
{
    char host_rep[64], guid_rep[64], id_rep[64], json_rep[64], rdf_rep[64];
    const char *pats[] = {".example/", "</guid>", "</id>", "\"id\": \"", "<item rdf:about=\""};
    const char *reps[] = {host_rep, guid_rep, id_rep, json_rep, rdf_rep};
    struct strbuf out = STRBUF_INIT;
    size_t len;
    char *data = read_file(src, &len);
    int rc;
    if (!data) {
        fprintf(stderr, "bench_ingest: cannot read %s: %s\n", src, strerror(errno));
        return -1;
    }
    snprintf(host_rep, sizeof(host_rep), ".example/c%d/", copy);
    snprintf(guid_rep, sizeof(guid_rep), "-c%d</guid>", copy);
    snprintf(id_rep, sizeof(id_rep), "-c%d</id>", copy);
    snprintf(json_rep, sizeof(json_rep), "\"id\": \"c%d-", copy);
    snprintf(rdf_rep, sizeof(rdf_rep), "<item rdf:about=\"c%d-", copy);
    strbuf_init(&out, len + 1024);
    substitute(&out, data, len, pats, reps, feed ? 5 : 1);
    rc = write_file(dst, out.buf, out.len);
    if (rc)
        fprintf(stderr, "bench_ingest: cannot write %s: %s\n", dst, strerror(errno));
    strbuf_release(&out);
    free(data);
    return rc;
}

/* Writes copies 1..copies of the demo under tmp and subscribes every feed in st. */
static int generate(const struct demo *dm, const char *tmp, int copies, store *st, int *feeds)
{
    struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
    int rc = -1;
    for (int c = 1; c <= copies; c++) {
        strbuf_reset(&dst);
        strbuf_addf(&dst, "%s/copy%d", tmp, c);
        if (mkdir(dst.buf, 0700))
            goto out;
        for (size_t i = 0; i < dm->n_outlets; i++) {
            const struct outlet *o = &dm->outlets[i];
            strbuf_reset(&dst);
            strbuf_addf(&dst, "%s/copy%d/%s", tmp, c, o->name);
            if (mkdir(dst.buf, 0700))
                goto out;
            strbuf_adds(&dst, "/articles");
            if (mkdir(dst.buf, 0700))
                goto out;
            if (o->has_images) {
                strbuf_reset(&src);
                strbuf_addf(&src, "%s/outlets/%s/images", dm->dir, o->name);
                strbuf_reset(&dst);
                strbuf_addf(&dst, "%s/copy%d/%s/images", tmp, c, o->name);
                if (symlink(src.buf, dst.buf))
                    goto out;
            }
            for (size_t j = 0; j < o->n_pages; j++) {
                strbuf_reset(&src);
                strbuf_addf(&src, "%s/outlets/%s/articles/%s", dm->dir, o->name, o->pages[j]);
                strbuf_reset(&dst);
                strbuf_addf(&dst, "%s/copy%d/%s/articles/%s", tmp, c, o->name, o->pages[j]);
                if (copy_rewritten(src.buf, dst.buf, c, 0))
                    goto out;
            }
            for (size_t j = 0; j < o->n_feeds; j++) {
                struct store_feed f;
                struct strbuf url = STRBUF_INIT;
                int64_t id;
                herald_status hs;
                strbuf_reset(&src);
                strbuf_addf(&src, "%s/outlets/%s/%s", dm->dir, o->name, o->feeds[j]);
                strbuf_reset(&dst);
                strbuf_addf(&dst, "%s/copy%d/%s/%s", tmp, c, o->name, o->feeds[j]);
                if (copy_rewritten(src.buf, dst.buf, c, 1))
                    goto out;
                strbuf_addf(&url, "file://%s", dst.buf);
                store_feed_init(&f);
                f.url = url.buf;
                hs = store_feed_add(st, &f, &id);
                strbuf_release(&url);
                if (hs) {
                    fprintf(stderr, "bench_ingest: store_feed_add: %s\n", herald_strerror(hs));
                    goto out;
                }
                (*feeds)++;
            }
        }
    }
    rc = 0;
out:
    if (rc && errno)
        fprintf(stderr, "bench_ingest: generating %s: %s\n", dst.buf, strerror(errno));
    strbuf_release(&src);
    strbuf_release(&dst);
    return rc;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static herald_status timed_poll(ingest *ing, struct ingest_stats *stats, double *secs, double *cpu)
{
    double t0 = now_s(), c0 = cpu_s();
    herald_status rc = ingest_poll_due(ing, 1, stats);
    *secs = now_s() - t0;
    *cpu = cpu_s() - c0;
    return rc;
}

/* One whole run with the given number of copies, in the calling process. */
static int run(const struct demo *dm, const char *tmp_parent, int copies, int keep,
               struct run_result *r)
{
    struct strbuf tmp = STRBUF_INIT, db = STRBUF_INIT;
    struct config cfg;
    struct store_stats ss;
    store *st = NULL;
    ingest *ing = NULL;
    herald_status hs;
    double t0;
    int rc = -1;

    memset(r, 0, sizeof(*r));
    r->copies = copies;
    r->expected = (int64_t)copies * (int64_t)dm->n_pages;
    strbuf_addf(&tmp, "%s/herald-bench-ingest-XXXXXX", tmp_parent);
    if (!mkdtemp(tmp.buf)) {
        fprintf(stderr, "bench_ingest: mkdtemp in %s: %s\n", tmp_parent, strerror(errno));
        strbuf_release(&tmp);
        return -1;
    }
    strbuf_addf(&db, "%s/bench.db", tmp.buf);
    config_init(&cfg);
    cfg.allow_file_urls = 1;
    hs = store_open(db.buf, 0, &st);
    if (hs) {
        fprintf(stderr, "bench_ingest: store_open %s: %s\n", db.buf, herald_strerror(hs));
        goto out;
    }
    t0 = now_s();
    if (generate(dm, tmp.buf, copies, st, &r->feeds))
        goto out;
    r->gen_s = now_s() - t0;
    hs = ingest_new(st, &cfg, &ing);
    if (hs) {
        fprintf(stderr, "bench_ingest: ingest_new: %s\n", herald_strerror(hs));
        goto out;
    }
    r->rss_before_kb = maxrss_kb();
    hs = timed_poll(ing, &r->first, &r->first_s, &r->first_cpu);
    if (hs) {
        fprintf(stderr, "bench_ingest: first poll: %s\n", herald_strerror(hs));
        goto out;
    }
    hs = timed_poll(ing, &r->second, &r->second_s, &r->second_cpu);
    if (hs) {
        fprintf(stderr, "bench_ingest: second poll: %s\n", herald_strerror(hs));
        goto out;
    }
    hs = store_stats_get(st, &ss);
    if (hs) {
        fprintf(stderr, "bench_ingest: store_stats_get: %s\n", herald_strerror(hs));
        goto out;
    }
    r->stored = ss.articles;
    ingest_free(ing);
    ing = NULL;
    store_close(st);
    st = NULL;
    r->db_bytes = file_size(db.buf);
    strbuf_adds(&db, "-wal");
    r->db_bytes += file_size(db.buf);
    r->rss_kb = maxrss_kb();
    rc = 0;
out:
    ingest_free(ing);
    store_close(st);
    config_release(&cfg);
    if (keep)
        fprintf(stderr, "bench_ingest: kept %s\n", tmp.buf);
    else if (nftw(tmp.buf, rm_entry, 32, FTW_DEPTH | FTW_PHYS))
        fprintf(stderr, "bench_ingest: cannot remove %s: %s\n", tmp.buf, strerror(errno));
    strbuf_release(&tmp);
    strbuf_release(&db);
    return rc;
}

static void print_result(const struct run_result *r)
{
    const struct ingest_stats *a = &r->first, *b = &r->second;
    printf("copies %d: %d feeds, generated in %.2f s\n", r->copies, r->feeds, r->gen_s);
    printf("  first poll:  %.2f s (%.2f s CPU); %d feeds polled (%d failed); %d entries; %d new "
           "articles, %d updated; %d pages fetched, %d extracted\n",
           r->first_s, r->first_cpu, a->feeds_polled, a->feeds_failed, a->entries_seen,
           a->articles_inserted, a->articles_updated, a->pages_fetched, a->pages_extracted);
    printf("               %.0f articles/s, %.0f entries/s, %.0f pages/s, %.0f feeds/s; "
           "%.0f articles per CPU second (%.3f ms CPU/article)\n",
           a->articles_inserted / r->first_s, a->entries_seen / r->first_s,
           a->pages_fetched / r->first_s, a->feeds_polled / r->first_s,
           r->first_cpu > 0 ? a->articles_inserted / r->first_cpu : 0.0,
           a->articles_inserted ? 1000.0 * r->first_cpu / a->articles_inserted : 0.0);
    printf("  idle poll:   %.2f s (%.2f s CPU); %d feeds polled (%d not modified, %d failed); %d "
           "entries; "
           "%d new, %d updated; %d pages fetched; %.2f ms/feed\n",
           r->second_s, r->second_cpu, b->feeds_polled, b->feeds_not_modified, b->feeds_failed,
           b->entries_seen, b->articles_inserted, b->articles_updated, b->pages_fetched,
           b->feeds_polled ? 1000.0 * r->second_s / b->feeds_polled : 0.0);
    printf("  stored %lld articles (expected %lld)%s\n", (long long)r->stored,
           (long long)r->expected, r->stored == r->expected ? "" : "  MISMATCH");
    printf("  database %.1f MiB (%.1f KiB/article)\n", r->db_bytes / 1048576.0,
           r->stored ? r->db_bytes / 1024.0 / (double)r->stored : 0.0);
    printf("  peak RSS %.1f MiB (%.1f MiB before the first poll)\n", r->rss_kb / 1024.0,
           r->rss_before_kb / 1024.0);
}

/* Runs run() in a child; the child writes its result through a pipe. */
static int run_child(const struct demo *dm, const char *tmp_parent, int copies, int keep,
                     struct run_result *r)
{
    int fds[2], status = 0;
    pid_t pid;
    ssize_t got;

    fflush(stdout);
    fflush(stderr);
    if (pipe(fds))
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        struct run_result res;
        int crc = run(dm, tmp_parent, copies, keep, &res);
        close(fds[0]);
        if (crc == 0 && write(fds[1], &res, sizeof(res)) != (ssize_t)sizeof(res))
            crc = -1;
        close(fds[1]);
        _exit(crc ? 1 : 0);
    }
    close(fds[1]);
    got = read(fds[0], r, sizeof(*r));
    close(fds[0]);
    waitpid(pid, &status, 0);
    if (got != (ssize_t)sizeof(*r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_ingest: the run with %d copies failed\n", copies);
        return -1;
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_ingest [--copies K] [--articles N] [--demo DIR] [--tmp DIR] "
                    "[--keep] [--no-small]\n");
}

int main(int argc, char **argv)
{
    const char *demo_dir = HERALD_DEMO_DIR;
    const char *tmp_parent = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    long copies = 0, articles = 10000;
    int keep = 0, small = 1, bad = 0;
    struct demo dm;
    struct run_result big, little;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *end = NULL;
        if (strcmp(a, "--copies") == 0 && i + 1 < argc) {
            copies = strtol(argv[++i], &end, 10);
            if (*end || copies < 1 || copies > 100000)
                bad = 1;
        } else if (strcmp(a, "--articles") == 0 && i + 1 < argc) {
            articles = strtol(argv[++i], &end, 10);
            if (*end || articles < 1 || articles > 10000000)
                bad = 1;
        } else if (strcmp(a, "--demo") == 0 && i + 1 < argc) {
            demo_dir = argv[++i];
        } else if (strcmp(a, "--tmp") == 0 && i + 1 < argc) {
            tmp_parent = argv[++i];
        } else if (strcmp(a, "--keep") == 0) {
            keep = 1;
        } else if (strcmp(a, "--no-small") == 0) {
            small = 0;
        } else {
            bad = 1;
        }
    }
    if (bad) {
        usage();
        return 2;
    }
    log_set_level(LOG_ERROR);
    if (demo_load(demo_dir, &dm))
        return 1;
    if (!copies)
        copies = (long)((articles + dm.n_pages - 1) / dm.n_pages);
    printf("demo %s: %zu outlets, %zu feeds, %zu article pages per copy; %ld copies "
           "(%ld articles expected)\n",
           dm.dir, dm.n_outlets, dm.n_feeds, dm.n_pages, copies, copies * (long)dm.n_pages);

    if (small && copies >= 4) {
        if (run_child(&dm, tmp_parent, (int)(copies / 4), keep, &little)) {
            demo_release(&dm);
            return 1;
        }
        print_result(&little);
        bad |= little.stored != little.expected;
    } else {
        small = 0;
    }
    if (run_child(&dm, tmp_parent, (int)copies, keep, &big)) {
        demo_release(&dm);
        return 1;
    }
    print_result(&big);
    bad |= big.stored != big.expected;
    if (small)
        printf("peak RSS: %.1f MiB at %d copies, %.1f MiB at %d copies (%.2fx for %.2fx the "
               "articles)\n",
               little.rss_kb / 1024.0, little.copies, big.rss_kb / 1024.0, big.copies,
               (double)big.rss_kb / (double)little.rss_kb,
               (double)big.expected / (double)little.expected);
    if (bad)
        printf("MISMATCH: stored article counts differ from the expected counts\n");
    demo_release(&dm);
    return bad ? 1 : 0;
}
