/*
 * enrich_int.h - what the files of src/enrich share: the worker state and the handlers.
 */
#ifndef HERALD_ENRICH_INT_H
#define HERALD_ENRICH_INT_H

#include "enrich/enrich.h"

/* Bumped when the analysis changes meaning, so an upgraded herald can find old results
 * (store_analysis.version). */
#define ENRICH_ANALYSIS_VERSION 1

struct ingest;

struct enrich_worker {
    store *st;
    const struct enrich_config *ec;
    char owner[STORE_JOB_OWNER_MAX + 1];
    struct enrich_stats stats;
    int64_t corpus_docs; /* stored articles, re-read every CORPUS_REFRESH seconds */
    int64_t corpus_at;
    struct ingest *ing; /* for extract-retry, created on first use */
};

typedef herald_status (*enrich_handler_fn)(struct enrich_worker *w, const struct store_job *job);

void enrich_worker_init(struct enrich_worker *w, store *st, const struct enrich_config *ec,
                        int index);
void enrich_worker_release(struct enrich_worker *w);
/* Claims one due job and runs it; *ran says whether there was one. */
herald_status enrich_worker_step(struct enrich_worker *w, int *ran);

struct llm_config;
/* The llm.* settings of ec->cfg (borrowed strings). */
void enrich_llm_config(const struct enrich_config *ec, struct llm_config *out);

herald_status enrich_run_extract_retry(struct enrich_worker *w, const struct store_job *job);
herald_status enrich_run_llm(struct enrich_worker *w, const struct store_job *job);

#endif
