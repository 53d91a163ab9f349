/*
 * bench_entities - precision and recall of herald's named entities per type against
 * articles labelled by hand.
 *
 *   bench_entities [LABELS.jsonl] [-v]
 *
 * Default labels: bench/entities/labels.jsonl (run from the source root).  Each line is
 * {"doc": path of a saved demo page, "person": [...], "org": [...], "place": [...]};
 * a label "Name|Alias" also accepts the alias.  The page's body text goes through herald's
 * extractor, then ai_analyze; an entity found counts as right when its name matches a
 * label of the same type (ignoring case), as a false positive otherwise; a label
 * matched by no entity of its type is a miss.  Counts are over distinct entities per
 * article.  -v prints every miss and false positive.
 *
 * Lines with "split": "heldout" were labelled after the rules had been refined on the
 * others (the "dev" split, whose errors were read while writing the rules); the two
 * splits are reported apart, the held-out one being the honest estimate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "ai/ai.h"
#include "core/alloc.h"
#include "core/strbuf.h"
#include "extract/extract.h"

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

/* Whether name matches label "Name|Alias|...". */
static int label_matches(const char *label, const char *name)
{
    const char *p = label;
    size_t n = strlen(name);
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l == n && strncasecmp(p, name, n) == 0)
            return 1;
        p += l + (bar ? 1 : 0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = "bench/entities/labels.jsonl";
    int verbose = 0;
    /* [split][type]: split 0 = dev, 1 = heldout */
    unsigned tp[2][AI_ENTITY_TYPE_COUNT] = {{0}}, fp[2][AI_ENTITY_TYPE_COUNT] = {{0}},
             fn[2][AI_ENTITY_TYPE_COUNT] = {{0}};
    size_t docs[2] = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else
            path = argv[i];
    }
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "bench_entities: cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *doc = json_string_value(json_object_get(o, "doc"));
        const char *split = json_string_value(json_object_get(o, "split"));
        int sp = split && strcmp(split, "heldout") == 0;
        size_t len;
        char *html = doc ? read_file(doc, &len) : NULL;
        struct extract_result *r = NULL;
        if (!html || extract_article(html, len, NULL, NULL, &r) != HERALD_OK) {
            fprintf(stderr, "bench_entities: cannot read %s\n", doc ? doc : "(no doc)");
            free(html);
            json_decref(o);
            return 1;
        }
        struct ai_input ai = {.text = r->body_text ? r->body_text : ""};
        struct ai_analysis a;
        if (ai_analyze(&ai, &a) != HERALD_OK) {
            fprintf(stderr, "bench_entities: analysis failed on %s\n", doc);
            return 1;
        }
        for (int t = 0; t < AI_ENTITY_TYPE_COUNT; t++) {
            json_t *labels = json_object_get(o, ai_entity_type_name((enum ai_entity_type)t));
            size_t nl = json_array_size(labels);
            char *hit = xcalloc(nl + 1, 1);
            for (size_t k = 0; k < a.entity_count; k++) {
                if ((int)a.entities[k].type != t)
                    continue;
                int ok = 0;
                for (size_t l = 0; l < nl; l++)
                    if (label_matches(json_string_value(json_array_get(labels, l)),
                                      a.entities[k].name)) {
                        ok = 1;
                        if (!hit[l])
                            tp[sp][t]++;
                        hit[l] = 1;
                    }
                if (!ok) {
                    fp[sp][t]++;
                    if (verbose)
                        printf("  FP %-6s %s  (%s)\n", ai_entity_type_name((enum ai_entity_type)t),
                               a.entities[k].name, doc);
                }
            }
            for (size_t l = 0; l < nl; l++)
                if (!hit[l]) {
                    fn[sp][t]++;
                    if (verbose)
                        printf("  FN %-6s %s  (%s)\n", ai_entity_type_name((enum ai_entity_type)t),
                               json_string_value(json_array_get(labels, l)), doc);
                }
            free(hit);
        }
        ai_analysis_release(&a);
        extract_result_free(r);
        free(html);
        json_decref(o);
        docs[sp]++;
    }
    free(line);
    fclose(in);
    for (int sp = 0; sp < 2; sp++) {
        printf("%s: %zu articles\n", sp ? "heldout" : "dev", docs[sp]);
        unsigned TP = 0, FP = 0, FN = 0;
        for (int t = 0; t < AI_ENTITY_TYPE_COUNT; t++) {
            unsigned a = tp[sp][t], b = fp[sp][t], c = fn[sp][t];
            double p = a + b ? 100.0 * a / (a + b) : 0;
            double rc = a + c ? 100.0 * a / (a + c) : 0;
            printf("  %-7s precision %5.1f  recall %5.1f  F1 %5.1f  (tp %u fp %u fn %u)\n",
                   ai_entity_type_name((enum ai_entity_type)t), p, rc,
                   p + rc ? 2 * p * rc / (p + rc) : 0, a, b, c);
            TP += a;
            FP += b;
            FN += c;
        }
        double p = TP + FP ? 100.0 * TP / (TP + FP) : 0, rc = TP + FN ? 100.0 * TP / (TP + FN) : 0;
        printf("  all     precision %5.1f  recall %5.1f  F1 %5.1f\n", p, rc,
               p + rc ? 2 * p * rc / (p + rc) : 0);
    }
    return 0;
}
