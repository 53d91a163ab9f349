/*
 * bench_feed.c - feed-parse throughput: herald's feed_parse against libxml2's bare parse
 * of the same bytes, in the same run.
 *
 *   bench_feed [ROUNDS]          (HERALD_SHARED or ../shared locates feeds/bench/)
 *
 * Part 1: the real feeds listed in ../shared/feeds/bench/SOURCES.tsv (XML and JSON Feed),
 * each parsed ROUNDS times from memory.  Part 2: a generated RSS 2.0 feed of about 20 MB
 * (entries with escaped-HTML descriptions and CDATA content, as publishers write them).
 * For each: MB/s and entries/s of feed_parse with the HTML sanitizer (the default: what
 * ingest runs), of feed_parse without it (parser cost alone), and of the bare parse --
 * xmlReadMemory with the same options (XML_PARSE_NONET | XML_PARSE_RECOVER, no entity
 * substitution) and no processing; json_loadb for JSON Feed.  Best of ROUNDS, single
 * thread, CPU time (so that other processes on the machine move the figures less).  Ratios are
 * herald's speed as a fraction of the bare parse's (1.00: as fast).
 *
 * Which bench files are feeds is decided without herald's parser (so a file herald
 * refuses is a failure, not silently dropped): an XML file is a feed when libxml2 reads it
 * and its root element is rss, RDF or feed; a JSON file when jansson reads it as an object
 * with an "items" array.  The others (feed-rs's *.serde.json expected outputs, RSS written
 * as JSON, a truncated JSON Feed) are named and skipped.  A feed herald refuses is named
 * and counted in the output.
 *
 * With --list FILE the paths of the feeds used are written to FILE, one per line (for
 * bench/feed/run.sh, which times Python feedparser over the same files in the same run).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "core/strbuf.h"
#include "feed/feed.h"

#include "core/banned.h"

struct blob {
    char *data;
    size_t len;
    int json;
};

/* CPU time of the process (one thread): steadier than wall time on a shared machine. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n = fread(chunk, 1, sizeof(chunk), f);
    while (n > 0) {
        strbuf_add(&sb, chunk, n);
        n = fread(chunk, 1, sizeof(chunk), f);
    }
    fclose(f);
    return strbuf_detach(&sb, len);
}

/* Parses every blob once; returns the entries read (a refused feed adds none). */
static long herald_pass(struct blob *b, size_t n, int sanitize)
{
    long entries = 0;
    struct feed_parse_opts o;
    memset(&o, 0, sizeof(o));
    o.no_sanitize = !sanitize;
    o.max_bytes = 64u << 20;
    o.max_entries = 1000000;
    for (size_t i = 0; i < n; i++) {
        struct feed *f = NULL;
        if (feed_parse(b[i].data, b[i].len, &o, &f) != HERALD_OK)
            continue;
        entries += (long)f->nentries;
        feed_free(f);
    }
    return entries;
}

/* The rule that says which bench files are feeds, independent of herald's parser (see
 * the header).  Returns 1 for a feed; else 0 with *why set. */
static int is_feed(const struct blob *b, const char **why)
{
    if (b->json) {
        json_error_t err;
        json_t *j = json_loadb(b->data, b->len, 0, &err);
        int ok = json_is_object(j) && json_is_array(json_object_get(j, "items"));
        *why = !j ? "not valid JSON" : "JSON without an items array";
        json_decref(j);
        return ok;
    }
    xmlDocPtr d = xmlReadMemory(b->data, (int)b->len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    int ok =
        root && (!xmlStrcasecmp(root->name, BAD_CAST "rss") ||
                 !xmlStrcmp(root->name, BAD_CAST "RDF") || !xmlStrcmp(root->name, BAD_CAST "feed"));
    *why = !root ? "not XML" : "the root element is not rss, RDF or feed";
    xmlFreeDoc(d);
    return ok;
}

static int bare_pass(struct blob *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i].json) {
            json_error_t err;
            json_t *j = json_loadb(b[i].data, b[i].len, 0, &err);
            if (!j)
                return -1;
            json_decref(j);
        } else {
            xmlDocPtr d = xmlReadMemory(b[i].data, (int)b[i].len, NULL, NULL,
                                        XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                            XML_PARSE_NOWARNING | XML_PARSE_HUGE);
            if (!d)
                return -1;
            xmlFreeDoc(d);
        }
    }
    return 0;
}

static void run(const char *label, struct blob *b, size_t n, int rounds)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += b[i].len;
    double best[3] = {1e9, 1e9, 1e9};
    long entries = 0;
    for (int r = 0; r < rounds; r++) {
        double t = now_s();
        entries = herald_pass(b, n, 1);
        double d = now_s() - t;
        if (d < best[0])
            best[0] = d;
        t = now_s();
        herald_pass(b, n, 0);
        d = now_s() - t;
        if (d < best[1])
            best[1] = d;
        t = now_s();
        if (bare_pass(b, n) < 0)
            fprintf(stderr, "bench_feed: bare parse failed (%s)\n", label);
        d = now_s() - t;
        if (d < best[2])
            best[2] = d;
    }
    double mb = (double)bytes / (1024.0 * 1024.0);
    printf("%-34s %3zu files %8.2f MiB %6ld entries\n", label, n, mb, entries);
    printf("  %-40s %8.1f MiB/s %10.0f entries/s\n", "herald parse + sanitize (what ingest runs)",
           mb / best[0], entries / best[0]);
    printf("  %-40s %8.1f MiB/s %10.0f entries/s\n", "herald parser alone (no sanitizer)",
           mb / best[1], entries / best[1]);
    printf("  %-40s %8.1f MiB/s\n", "bare parse (libxml2 / jansson)", mb / best[2]);
    printf("  herald's speed as a fraction of the bare parse's: parse + sanitize %.2f, "
           "parser alone %.2f\n",
           best[2] / best[0], best[2] / best[1]);
}

static void generate(struct strbuf *sb, size_t target)
{
    strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
                    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>"
                    "<title>Generated</title><link>https://gen.example/</link>"
                    "<description>A large generated feed</description>\n");
    for (int i = 0; sb->len < target; i++) {
        strbuf_addf(
            sb,
            "<item><title>Story number %d: council votes on the new bridge</title>"
            "<link>https://gen.example/news/%d</link><guid>https://gen.example/news/%d</guid>"
            "<pubDate>Tue, 03 Jun 2008 09:%02d:21 GMT</pubDate>"
            "<dc:creator>Reporter %d</dc:creator><category>City</category>"
            "<description>&lt;p&gt;The council met on &lt;b&gt;Tuesday&lt;/b&gt; to "
            "discuss item %d &amp;amp; other matters.&lt;/p&gt;</description>"
            "<content:encoded><![CDATA[<p>Paragraph one of story %d, with a "
            "<a href=\"https://gen.example/ref/%d\">link</a> and some text that "
            "runs on for a while like real copy does.</p><p>Paragraph two with "
            "<em>emphasis</em> and an image <img src=\"/img/%d.jpg\" alt=\"x\"></p>]]>"
            "</content:encoded></item>\n",
            i, i, i, i % 60, i % 50, i, i, i, i);
    }
    strbuf_adds(sb, "</channel></rss>\n");
}

int main(int argc, char **argv)
{
    int rounds = 5;
    FILE *list = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--list") && i + 1 < argc) {
            list = fopen(argv[++i], "w");
            if (!list) {
                fprintf(stderr, "bench_feed: cannot write %s\n", argv[i]);
                return 1;
            }
        } else {
            rounds = (int)strtol(argv[i], NULL, 10);
        }
    }
    if (rounds < 1)
        rounds = 1;
    xmlInitParser();
    const char *shared = getenv("HERALD_SHARED");
    char base[4096];
    snprintf(base, sizeof(base), "%s/feeds", shared ? shared : "../shared");
    char path[8192];
    snprintf(path, sizeof(path), "%s/bench/SOURCES.tsv", base);
    size_t len = 0;
    char *tsv = read_file(path, &len);
    if (!tsv) {
        fprintf(stderr, "bench_feed: cannot read %s (set HERALD_SHARED)\n", path);
        return 1;
    }
    struct blob xml[64], json[64];
    size_t nx = 0, nj = 0;
    int refused = 0;
    char *save = NULL;
    for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (!tab || strncmp(line, "bench/", 6) != 0)
            continue;
        *tab = 0;
        snprintf(path, sizeof(path), "%s/%s", base, line);
        struct blob b = {0};
        b.data = read_file(path, &b.len);
        if (!b.data)
            continue;
        size_t k = 0;
        while (k < b.len &&
               (b.data[k] == ' ' || b.data[k] == '\n' || b.data[k] == '\r' || b.data[k] == '\t'))
            k++;
        b.json = k < b.len && b.data[k] == '{';
        const char *why = NULL;
        if (!is_feed(&b, &why)) {
            printf("not a feed (%s): %s\n", why, line);
            free(b.data);
            continue;
        }
        struct feed *probe = NULL;
        struct feed_parse_opts po;
        memset(&po, 0, sizeof(po));
        po.max_bytes = 64u << 20;
        herald_status prc = feed_parse(b.data, b.len, &po, &probe);
        if (prc != HERALD_OK) {
            refused++;
            printf("HERALD REFUSED a feed (%s): %s\n", herald_strerror(prc), line);
        }
        feed_free(probe);
        if (list)
            fprintf(list, "%s\n", path);
        if (b.json && nj < 64)
            json[nj++] = b;
        else if (!b.json && nx < 64)
            xml[nx++] = b;
        else
            free(b.data);
    }
    free(tsv);
    if (list)
        fclose(list);
    printf(
        "feed-parse throughput, best of %d rounds, single thread, CPU time; %zu XML and %zu JSON "
        "feeds, %d refused by herald\n\n",
        rounds, nx, nj, refused);
    run("shared/feeds/bench XML feeds", xml, nx, rounds);
    run("shared/feeds/bench JSON feeds", json, nj, rounds);
    struct blob all[128];
    for (size_t i = 0; i < nx; i++)
        all[i] = xml[i];
    for (size_t i = 0; i < nj; i++)
        all[nx + i] = json[i];
    run("shared/feeds/bench all feeds", all, nx + nj, rounds);

    struct strbuf gen = STRBUF_INIT;
    generate(&gen, 20u << 20);
    struct blob g = {gen.buf, gen.len, 0};
    run("generated RSS 2.0 (20 MiB)", &g, 1, rounds < 3 ? rounds : 3);
    strbuf_release(&gen);
    for (size_t i = 0; i < nx; i++)
        free(xml[i].data);
    for (size_t i = 0; i < nj; i++)
        free(json[i].data);
    return 0;
}
