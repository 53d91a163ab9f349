/*
 * bench_ai - throughput of ai_analyze (language, sentences, summary, key points,
 * entities, keywords) on one core.
 *
 *   bench_ai [DATA.jsonl] [SECONDS]
 *
 * DATA.jsonl holds {"id", "text"[, "title"]} lines (default
 * ../shared/summarization/dev.jsonl: CNN/Daily Mail articles, longer than most feed
 * items).  The articles are analysed round after round until SECONDS (default 3) of
 * thread CPU time have passed; prints articles/s and MB/s of text.  The corpus document
 * frequency callback answers from a fixed value, so the figure is the analysis alone,
 * not the store's df lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "ai/ai.h"
#include "core/alloc.h"

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t fixed_df(void *ctx, const char *word)
{
    (void)ctx;
    return 10 + strlen(word);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/summarization/dev.jsonl";
    double seconds = argc > 2 ? strtod(argv[2], NULL) : 3.0;
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "bench_ai: cannot open %s\n", path);
        return 1;
    }
    char **texts = NULL, **titles = NULL, *line = NULL;
    size_t n = 0, alloc = 0, alloc2 = 0, cap = 0, bytes = 0;
    while (getline(&line, &cap, in) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *t = json_string_value(json_object_get(o, "text"));
        if (t) {
            ALLOC_GROW(texts, n + 1, alloc);
            ALLOC_GROW(titles, n + 1, alloc2);
            texts[n] = xstrdup(t);
            titles[n] = xstrdup(json_string_value(json_object_get(o, "title")));
            bytes += strlen(t);
            n++;
        }
        json_decref(o);
    }
    free(line);
    fclose(in);
    if (n == 0) {
        fprintf(stderr, "bench_ai: no articles in %s\n", path);
        return 1;
    }
    size_t done = 0, rounds = 0, entities = 0;
    double start = cpu_s(), el = 0;
    while (el < seconds) {
        for (size_t i = 0; i < n; i++) {
            struct ai_input ai = {
                .text = texts[i], .title = titles[i], .df = fixed_df, .corpus_docs = 100000};
            struct ai_analysis a;
            if (ai_analyze(&ai, &a) != HERALD_OK) {
                fprintf(stderr, "bench_ai: analysis failed\n");
                return 1;
            }
            entities += a.entity_count;
            ai_analysis_release(&a);
            done++;
        }
        rounds++;
        el = cpu_s() - start;
    }
    printf("articles=%zu rounds=%zu avg_bytes=%zu entities/article=%.1f\n", n, rounds, bytes / n,
           (double)entities / done);
    printf("ai_analyze: %.0f articles/s, %.1f MB/s on one core (%.3f ms/article)\n", done / el,
           bytes * (double)rounds / el / 1e6, el * 1000 / done);
    for (size_t i = 0; i < n; i++) {
        free(texts[i]);
        free(titles[i]);
    }
    free(texts);
    free(titles);
    return 0;
}
