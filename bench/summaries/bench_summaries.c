/*
 * bench_summaries - herald's 3-sentence extractive summary over a file of articles.
 *
 *   bench_summaries DATA.jsonl PREDICTIONS.jsonl [--tune name=value ...]
 *
 * DATA.jsonl holds one {"id", "text"[, "title"]} object a line (the format of
 * ../shared/summarization/dev.jsonl); PREDICTIONS.jsonl receives one {"id", "sentences"}
 * line per article, which ../shared/summarization/rouge.py scores beside Lead-3
 * (bench/summaries/run.sh does both).  Without --tune the summary is exactly what
 * ai_analyze stores; --tune overrides one of the summary's parameters (w_central,
 * w_position, w_title, position_decay, mmr_lambda, min_words, max_words, damping) to
 * explore them; the shipped values are in src/ai/summary.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ai/ai.h"
#include "ai/ai_int.h"

static int set_param(struct ai_summary_params *p, const char *kv)
{
    static const struct {
        const char *name;
        size_t off;
    } names[] = {
        {"w_central", offsetof(struct ai_summary_params, w_central)},
        {"w_position", offsetof(struct ai_summary_params, w_position)},
        {"w_title", offsetof(struct ai_summary_params, w_title)},
        {"position_decay", offsetof(struct ai_summary_params, position_decay)},
        {"mmr_lambda", offsetof(struct ai_summary_params, mmr_lambda)},
        {"min_words", offsetof(struct ai_summary_params, min_words)},
        {"max_words", offsetof(struct ai_summary_params, max_words)},
        {"damping", offsetof(struct ai_summary_params, damping)},
    };
    const char *eq = strchr(kv, '=');
    if (!eq)
        return -1;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i].name) == (size_t)(eq - kv) &&
            strncmp(kv, names[i].name, (size_t)(eq - kv)) == 0) {
            *(double *)((char *)p + names[i].off) = strtod(eq + 1, NULL);
            return 0;
        }
    return -1;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
    struct ai_summary_params params;
    int tuned = 0;
    if (argc < 3) {
        fprintf(stderr, "usage: bench_summaries DATA.jsonl PREDICTIONS.jsonl [--tune k=v ...]\n");
        return 2;
    }
    ai_summary_default_params(&params);
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--tune") == 0 && i + 1 < argc &&
            set_param(&params, argv[i + 1]) == 0) {
            tuned = 1;
            i++;
            continue;
        }
        fprintf(stderr, "bench_summaries: bad argument %s\n", argv[i]);
        return 2;
    }
    FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "w");
    if (!in || !out) {
        fprintf(stderr, "bench_summaries: cannot open %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, count = 0;
    while (getline(&line, &cap, in) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *title = json_string_value(json_object_get(o, "title"));
        if (!o || !id || !text) {
            fprintf(stderr, "bench_summaries: skipping a line without id/text\n");
            json_decref(o);
            continue;
        }
        json_t *arr = json_array();
        if (!tuned) {
            struct ai_input ai = {.title = title, .text = text};
            struct ai_analysis a;
            if (ai_analyze(&ai, &a) == HERALD_OK) {
                for (size_t k = 0; k < a.summary_count; k++)
                    json_array_append_new(arr, json_string(a.summary[k].text));
                ai_analysis_release(&a);
            }
        } else {
            struct ai_sentence *s;
            size_t n, picks[AI_SUMMARY_SENTENCES];
            if (ai_split_sentences(text, strlen(text), &s, &n) == HERALD_OK) {
                size_t got = ai_summary_rank(s, n, title, 1, &params, picks, AI_SUMMARY_SENTENCES);
                qsort(picks, got, sizeof(picks[0]), cmp_size);
                for (size_t k = 0; k < got; k++)
                    json_array_append_new(arr, json_string(s[picks[k]].text));
                ai_sentences_free(s, n);
            }
        }
        json_t *res = json_pack("{s:s, s:o}", "id", id, "sentences", arr);
        char *dump = json_dumps(res, JSON_COMPACT);
        fprintf(out, "%s\n", dump);
        free(dump);
        json_decref(res);
        json_decref(o);
        count++;
    }
    free(line);
    fclose(in);
    fclose(out);
    fprintf(stderr, "bench_summaries: %zu summaries written to %s\n", count, argv[2]);
    return 0;
}
