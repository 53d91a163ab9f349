/*
 * bench_extract - runs herald's extractor over a folder of pages, writes <id>.txt
 * predictions, scores them with the benchmark's evaluate.py and prints the speed of the
 * extractor beside libxml2's bare HTML parse of the same bytes, in the same run.
 *
 *   bench_extract [PAGES_DIR [GROUND_TRUTH [OUT_DIR [EVALUATE_PY]]]]
 *
 * Defaults: ../shared/extraction/html, ../shared/extraction/ground-truth.json,
 * out/extract, ../shared/extraction/evaluate.py.  Page ids come from the ground truth
 * (keys of the top-level object); pages are PAGES_DIR/<id>.html.  Each page is timed
 * over several rounds and the best round counts, so the figures hold on a busy machine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "extract/extract.h"

#define ROUNDS (getenv("BENCH_ROUNDS") ? atoi(getenv("BENCH_ROUNDS")) : 5)

struct page {
    char *id;
    char *url;
    char *data;
    size_t len;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: fair on a busy machine */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

static int mkdir_p(const char *path)
{
    char tmp[4096];
    size_t n = strlen(path);

    if (n >= sizeof(tmp))
        return -1;
    memcpy(tmp, path, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0755) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0755) && errno != EEXIST)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *pages_dir = argc > 1 ? argv[1] : "../shared/extraction/html";
    const char *gt_path = argc > 2 ? argv[2] : "../shared/extraction/ground-truth.json";
    const char *out_dir = argc > 3 ? argv[3] : "out/extract";
    const char *scorer = argc > 4 ? argv[4] : "../shared/extraction/evaluate.py";
    json_error_t err;
    json_t *gt = json_load_file(gt_path, 0, &err);
    struct page *pages = NULL;
    size_t npages = 0, alloc = 0, bytes = 0, empty = 0;
    const char *key;
    json_t *val;

    if (getenv("EXTRACT_DEBUG"))
        log_set_level(LOG_DEBUG);
    if (!gt || !json_is_object(gt)) {
        fprintf(stderr, "bench_extract: cannot read %s: %s\n", gt_path, err.text);
        return 1;
    }
    if (mkdir_p(out_dir)) {
        fprintf(stderr, "bench_extract: cannot create %s\n", out_dir);
        return 1;
    }
    json_object_foreach(gt, key, val)
    {
        char path[4096];
        struct page p;
        snprintf(path, sizeof(path), "%s/%s.html", pages_dir, key);
        p.data = read_file(path, &p.len);
        if (!p.data) {
            fprintf(stderr, "bench_extract: missing %s\n", path);
            continue;
        }
        p.id = xstrdup(key);
        p.url = xstrdup(json_string_value(json_object_get(val, "url")));
        ALLOC_GROW(pages, npages + 1, alloc);
        pages[npages++] = p;
        bytes += p.len;
    }
    json_decref(gt);

    double t_parse = 0, t_extract = 0;
    struct extract_opts opts = {.no_html = getenv("BENCH_NO_HTML") != NULL};
    for (size_t i = 0; i < npages; i++) {
        double best_p = 1e9, best_e = 1e9;
        if (getenv("EXTRACT_DEBUG"))
            fprintf(stderr, "page %s\n", pages[i].id);
        for (int r = 0; r < ROUNDS; r++) {
            double t0 = now_s();
            htmlDocPtr doc =
                htmlReadMemory(pages[i].data, (int)pages[i].len, NULL, NULL,
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET | HTML_PARSE_COMPACT);
            xmlFreeDoc(doc); /* a parse is not done until its tree is freed */
            double t1 = now_s();
            struct extract_result *res = NULL;
            double t2 = now_s();
            herald_status rc =
                extract_article(pages[i].data, pages[i].len, pages[i].url, &opts, &res);
            double t3 = now_s();
            if (t1 - t0 < best_p)
                best_p = t1 - t0;
            if (t3 - t2 < best_e)
                best_e = t3 - t2;
            if (r == 0) {
                char path[4096];
                snprintf(path, sizeof(path), "%s/%s.txt", out_dir, pages[i].id);
                FILE *f = fopen(path, "wb");
                if (f) {
                    if (rc == HERALD_OK && res->body_text)
                        fputs(res->body_text, f);
                    fclose(f);
                }
                if (rc != HERALD_OK || !res->body_text || !*res->body_text)
                    empty++;
            }
            extract_result_free(res);
        }
        t_parse += best_p;
        t_extract += best_e;
    }

    char cmd[8192];
    snprintf(cmd, sizeof(cmd), "python3 '%s' '%s' --gt '%s'", scorer, out_dir, gt_path);
    fflush(stdout);
    int st = system(cmd);
    double mb = (double)bytes / 1e6;
    printf("pages=%zu bytes=%zu empty_bodies=%zu\n", npages, bytes, empty);
    printf("libxml2 parse : %8.1f pages/s %7.1f MB/s (%.3f s)\n", npages / t_parse, mb / t_parse,
           t_parse);
    printf("herald extract: %8.1f pages/s %7.1f MB/s (%.3f s)\n", npages / t_extract,
           mb / t_extract, t_extract);
    printf("herald extract speed as a fraction of the bare parse's: %.2f\n", t_parse / t_extract);
    for (size_t i = 0; i < npages; i++) {
        free(pages[i].id);
        free(pages[i].url);
        free(pages[i].data);
    }
    free(pages);
    return st == 0 ? 0 : 1;
}
