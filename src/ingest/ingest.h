/*
 * ingest.h - the pipeline from subscriptions to stored articles.
 *
 * One poll of a feed is a job that moves through these steps, all on the thread that
 * drives the fetch engine (so the store handle is used from one thread only):
 *
 *   fetch feed (conditional GET) --304--> record the poll, schedule the next one
 *        |200
 *   parse (feed/) --> one candidate article per entry: title, links, times, authors,
 *        |            sanitized content, plain text, lead image + caption, categories
 *   for each candidate not yet stored whose content looks like a teaser or that has no
 *   lead image with a caption (fetch mode auto: fewer than extract.min_words words, or
 *   no image or caption; always; never): fetch the page (same polite engine, same SSRF
 *   policy) and extract (extract/) the full text, image,
 *   caption, author, canonical URL; feed content is kept when extraction fails or
 *   yields less
 *        |
 *   commit: ONE store transaction writes the source, every article (deduplicated by the
 *   store) and the feed's poll state; a failure rolls it all back and records the error.
 *   In the same transaction every new or changed article gets an "enrich" job, and one
 *   whose page could not be fetched an "extract-retry" job (store.h, "Job queue"): the
 *   enrichment workers (src/enrich) do that slow work, never this thread.
 *
 * Jobs of many feeds overlap: the engine runs up to fetch.concurrency transfers with
 * fetch.per_host per host, and a job commits as soon as its own pages are done.
 */
#ifndef HERALD_INGEST_INGEST_H
#define HERALD_INGEST_INGEST_H

#include <signal.h>
#include <stdint.h>

#include "core/config.h"
#include "core/status.h"

struct store;
struct fetch_config;
typedef struct ingest ingest;

struct ingest_stats {
    int feeds_polled;
    int feeds_not_modified; /* 304 */
    int feeds_failed;
    int entries_seen;
    int articles_inserted;
    int articles_updated;
    /* entries whose article was stored already (inserted + known + elsewhere = entries stored) */
    int articles_known;     /* first reached through the same feed: seen on an earlier poll */
    int articles_elsewhere; /* first reached through another feed (same guid, URL or canonical) */
    int pages_fetched;
    int pages_extracted; /* extraction replaced the feed's content */
    int store_failures;  /* writes of a poll's result or of its failure that failed (the
                            database is unwritable or full); such polls count as failed */
};

/* Creates a pipeline writing into st (a writable handle the caller keeps open and owns)
 * with the settings of cfg (copied what it needs).  HERALD_E_INVALID for a bad SSRF
 * allowlist entry. */
herald_status ingest_new(struct store *st, const struct config *cfg, ingest **out);
void ingest_free(ingest *ing);

/* The fetcher's settings from herald's configuration as ingest uses them (fetch.*,
 * allow_file_urls, ssrf.allow), for every command that fetches (parse-feed and extract
 * too, so that they see what ingest would).  The allowlist entries are copied into a
 * malloc'd array *allow of *n_allow strings that fc->allow points at; free it with
 * ingest_allow_free after the last use of fc. */
void ingest_fetch_config(const struct config *cfg, struct fetch_config *fc, char ***allow,
                         size_t *n_allow);
void ingest_allow_free(char **allow, size_t n_allow);

/* Checks the settings of cfg that ingest uses the way ingest_new() would, without a store:
 * HERALD_E_INVALID (logged, naming the setting) when a pipeline could not be built from
 * them (a bad ssrf.allow entry, poll.min greater than poll.max).  The CLI calls it at start, so a
 * bad value stops herald before anything runs. */
herald_status ingest_check_config(const struct config *cfg);

/* Polls every feed due now (all of them with force), waits for every job to commit, and
 * adds what happened to *stats (may be NULL).  Per-feed failures are recorded on the feed
 * and counted, not returned; the return is HERALD_E_DB or HERALD_E_INTERNAL only when the
 * pipeline itself failed. */
herald_status ingest_poll_due(ingest *ing, int force, struct ingest_stats *stats);

/* Fetches the page of stored article article_id again and extracts it, as a poll would
 * have (an "extract-retry" job, for a page that failed during its poll): a longer body
 * replaces the stored one and metadata fills gaps.  *improved (may be NULL) is 1 when the
 * stored article changed.  The fetch's failure is returned (HERALD_E_NETWORK,
 * HERALD_E_HTTP, HERALD_E_TIMEOUT, ...); HERALD_E_PARSE when the page has no article
 * text; HERALD_E_NOTFOUND for an unknown article.  Blocks for the fetch. */
herald_status ingest_refetch(ingest *ing, const char *article_id, int *improved);

/* Runs until *stop becomes nonzero: polls due feeds, sleeps until the next one is due
 * (looking at *stop every 100 ms).  For `herald serve` and `herald fetch` without --once.
 * A failed round (the database cannot be read or written) does not end it: the failure
 * is logged and reported as component "ingest" to core/health.h (the about page and
 * GET /api/v1/health show it), and the round is retried after a delay that doubles from
 * 5 s up to 5 min; a good round reports "ok".  Returns HERALD_OK once stopped. */
herald_status ingest_loop(ingest *ing, volatile sig_atomic_t *stop);

/* Sets ingest_loop's retry delay after a failed round: min_ms doubling up to max_ms
 * (defaults 5 s and 5 min; tests use milliseconds). */
void ingest_set_retry(ingest *ing, int64_t min_ms, int64_t max_ms);

#endif
