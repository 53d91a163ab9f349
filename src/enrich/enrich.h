/*
 * enrich.h - where slow work on articles runs: the job queue's workers.
 *
 * Ingest never analyses an article on the thread that drives every transfer: when a poll
 * commits, each new or changed article gets "story" and "enrich" jobs in the same transaction
 * (store.h, "Job queue").  Workers claim jobs with a lease and dispatch them through a
 * table of kind -> handler:
 *
 *   enrich         src/ai analyses the article's text (language, reading time, summary,
 *                  key points, keywords weighted against the stored corpus, entities);
 *                  the result is stored (store_analysis_put) for pages to show for free.
 *   extract-retry  fetches the article's page again and extracts it (a page that failed
 *                  during the poll); a longer body replaces the stored one and the article
 *                  is enriched again.
 *   llm            asks the optional language model (llm.url) for an abstractive
 *                  summary and caches it; without llm.url it does nothing.
 *   story          src/stories: near-copies, the article's story, related stories
 *                  (stories_add).  Enqueued STORE_JOB_SERIAL with the enrich job, so one
 *                  runs at a time, in arrival order (online clustering is sequential).
 *                  Its success enqueues the "related" job.
 *   related        stores the article page's related list and refreshes those the
 *                  placement changed (stories_related_refresh), so a page reads its
 *                  related articles by key and never runs a query over the archive.
 *
 * A handler's HERALD_OK completes the job; HERALD_E_NOTFOUND (the article is gone) too;
 * any other error fails it, and the queue retries it with exponential backoff until
 * enrich.attempts, then keeps it as dead with its last error.  A worker that dies loses
 * its job when the lease (enrich.lease) expires, and another worker reclaims it.
 *
 * Where they run:
 *   - `herald serve` starts a pool of enrich.workers threads (default 1), each with its
 *     own writable store handle; an idle worker looks for due jobs every second, so a slow
 *     article or a slow model delays nothing but its own worker.
 *   - `herald fetch --once` drains the queue after its poll (enrich_drain, on the same
 *     handle, after the poll's commits); `herald enrich --all` enqueues every stored
 *     article and drains, printing progress.
 * Several processes may work one database: claims are atomic in the store.
 */
#ifndef HERALD_ENRICH_ENRICH_H
#define HERALD_ENRICH_ENRICH_H

#include <stdint.h>

#include "core/config.h"
#include "core/status.h"
#include "store/store.h"

struct enrich_config {
    const char *db_path;      /* the pool's workers each open it read-write */
    int workers;              /* pool threads, >= 1 */
    int lease_s;              /* how long a claimed job is held */
    int max_attempts;         /* tries before a job is dead */
    int idle_ms;              /* an idle worker looks again after this long (1000) */
    const struct config *cfg; /* fetch and SSRF settings for extract-retry, llm.* (borrowed) */
};

/* Fills ec from cfg (borrowed: cfg must outlive every use of ec). */
void enrich_config_from(struct enrich_config *ec, const struct config *cfg);

/* Analyses one stored article now and stores the result (the "enrich" job).
 * HERALD_E_NOTFOUND for an unknown article; the store's errors. */
herald_status enrich_article(store *st, const char *article_id);

struct enrich_stats {
    int64_t done;   /* jobs completed */
    int64_t failed; /* jobs failed (to be retried, or dead) */
    int64_t lost;   /* jobs whose lease expired under us (another worker finished them) */
};

/* Called by enrich_drain after every job: the counts so far and the jobs still due. */
typedef void (*enrich_progress_fn)(void *ctx, const struct enrich_stats *s, int64_t left);

/*
 * Runs due jobs on st (a writable handle, no transaction open) until none is due, adding
 * to *stats (may be NULL).  Jobs that fail are retried only after their backoff, so a
 * drain ends even when some keep failing.  HERALD_E_DB when the queue itself fails.
 */
herald_status enrich_drain(store *st, const struct enrich_config *ec, struct enrich_stats *stats,
                           enrich_progress_fn progress, void *ctx);

/* The worker pool of `herald serve`. */
typedef struct enrich_pool enrich_pool;

/* Starts ec->workers threads (ec is copied; ec->cfg stays borrowed).  HERALD_E_INTERNAL
 * when no thread could start; a worker whose database cannot be opened logs and exits. */
herald_status enrich_pool_start(const struct enrich_config *ec, enrich_pool **out);
/* Wakes idle workers to look for jobs now (e.g. after a commit). */
void enrich_pool_kick(enrich_pool *p);
/* Stops the workers (a job in progress finishes first), joins and frees them.  NULL: no-op. */
void enrich_pool_stop(enrich_pool *p);
/* Jobs completed by the pool so far (for tests and the log). */
int64_t enrich_pool_done(enrich_pool *p);
/* Blocks until the pool has completed at least n jobs or timeout_ms passed; returns the
 * count reached.  Workers signal every completion, so nothing polls. */
int64_t enrich_pool_wait_done(enrich_pool *p, int64_t n, int timeout_ms);

#endif
