/*
 * cmd_fetch.c - the long-running parts: `fetch` (the ingest pipeline) and `serve` (the web
 * server plus the ingest pipeline in a thread of its own).
 *
 * serve: SIGINT and SIGTERM are blocked in every thread and taken by sigwait() in the main
 * thread, which then stops the ingest loop (a flag it reads at least once a second), the
 * enrichment workers (a job in progress finishes) and the web server (in-flight requests
 * finish), and closes the database cleanly.
 *
 * fetch --once drains the job queue after its poll (src/enrich), so a one-shot ingest
 * leaves every article analysed; `enrich` does the same for the whole archive.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "enrich/enrich.h"
#include "fetch/fetch.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "web/server.h"

#include "core/banned.h"

/* The enrichment queue's work: jobs, not articles (each new article has a story job and an
 * analysis job). */
static void print_enrich_stats(const struct enrich_stats *es)
{
    printf("ran %lld enrichment jobs (stories, analysis; %lld failed, to be retried)\n",
           (long long)es->done, (long long)es->failed);
}

static void print_stats(const struct ingest_stats *s)
{
    printf("polled %d feeds (%d not modified, %d failed); %d entries; %d new articles, "
           "%d updated, %d already stored, %d already in another feed; %d pages fetched, "
           "%d full texts extracted\n",
           s->feeds_polled, s->feeds_not_modified, s->feeds_failed, s->entries_seen,
           s->articles_inserted, s->articles_updated, s->articles_known, s->articles_elsewhere,
           s->pages_fetched, s->pages_extracted);
}

static volatile sig_atomic_t fetch_stop;

static void on_signal(int sig)
{
    (void)sig;
    fetch_stop = 1;
}

static int run_fetch(struct cli_ctx *ctx, int argc, char **argv)
{
    struct ingest_stats stats = {0};
    ingest *ing = NULL;
    store *st;
    int once = 0, all = 0;
    herald_status rc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0)
            once = 1;
        else if (strcmp(argv[i], "--all") == 0)
            all = 1;
        else {
            cli_error("fetch", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    rc = ingest_new(st, &ctx->cfg, &ing);
    if (rc) {
        cli_error("fetch", rc, "cannot start the fetcher");
        return CLI_EXIT_FAIL;
    }
    if (once) {
        rc = ingest_poll_due(ing, all, &stats);
        print_stats(&stats);
        if (rc == HERALD_OK) {
            struct enrich_config ec;
            struct enrich_stats es = {0};
            enrich_config_from(&ec, &ctx->cfg);
            rc = enrich_drain(st, &ec, &es, NULL, NULL);
            print_enrich_stats(&es);
        }
    } else {
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        rc = ingest_loop(ing, &fetch_stop);
    }
    ingest_free(ing);
    if (rc) {
        cli_error("fetch", rc, "the pipeline failed");
        return CLI_EXIT_FAIL;
    }
    /* --once succeeds only when what it reports is stored and something was read. */
    if (stats.store_failures) {
        cli_error("fetch", HERALD_E_DB,
                  "%d poll results could not be stored (is the database writable, the disk "
                  "full?)",
                  stats.store_failures);
        return CLI_EXIT_FAIL;
    }
    if (stats.feeds_polled > 0 && stats.feeds_failed == stats.feeds_polled) {
        cli_error("fetch", 0, "every feed failed (`herald feeds list` shows why)");
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

const struct cli_command cmd_fetch = {
    "fetch",
    "poll feeds and store their articles",
    "usage: herald fetch --once [--all]\n"
    "       herald fetch\n"
    "\n"
    "--once polls every feed that is due (with --all: every feed), runs the enrichment\n"
    "jobs it queued (summaries, entities, ...) and exits; without it, herald keeps\n"
    "polling each feed on its own schedule (the jobs wait for `herald serve` or\n"
    "`herald enrich`) until interrupted (a round that cannot reach the database is\n"
    "retried with a growing delay).  file:// feeds are read only with --allow-file-urls.\n"
    "\n"
    "--once exits 1 when a poll's result could not be stored (database read-only or\n"
    "full; the articles it reports as new are only those committed) or when every feed\n"
    "it polled failed.\n",
    run_fetch,
};

/* The ingest thread: the pipeline and its store handle are built by run_serve before
 * the site starts (so a setting that cannot work stops serve at once), and the loop
 * survives failed rounds (ingest_loop), so the thread ends only when told to. */
struct ingest_thread {
    ingest *ing;
    volatile sig_atomic_t stop;
};

static void *ingest_main(void *arg)
{
    struct ingest_thread *t = arg;
    herald_status rc = ingest_loop(t->ing, &t->stop);
    if (rc)
        log_error("ingest", "the ingest thread stopped: %s", herald_strerror(rc));
    return NULL;
}

static int run_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    struct web_config wc;
    struct fetch_config media_fetch;
    char **media_allow = NULL;
    size_t media_n_allow = 0;
    struct ingest_thread it = {NULL, 0};
    store *ingest_st = NULL;
    web_server *srv = NULL;
    enrich_pool *pool = NULL;
    struct enrich_config ec;
    pthread_t ingest_tid;
    sigset_t sigs;
    int no_ingest = 0, sig = 0, started_ingest = 0;
    const char *listen = ctx->cfg.listen;
    store *st;
    herald_status rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
            listen = argv[++i];
        else if (strcmp(argv[i], "--no-ingest") == 0)
            no_ingest = 1;
        else {
            cli_error("serve", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    /* Create and migrate the database before the read-only workers open it. */
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    store_close(ctx->st);
    ctx->st = NULL;
    if (!no_ingest) {
        rc = store_open(ctx->cfg.db_path, 0, &ingest_st);
        if (!rc)
            rc = ingest_new(ingest_st, &ctx->cfg, &it.ing);
        if (rc) {
            cli_error("serve", rc, "cannot start the feed poller");
            store_close(ingest_st);
            return CLI_EXIT_FAIL;
        }
    }

    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);

    web_config_init(&wc);
    wc.listen = listen;
    wc.db_path = ctx->cfg.db_path;
    wc.threads = (unsigned)ctx->cfg.web_threads;
    wc.max_connections = (unsigned)ctx->cfg.web_max_connections;
    wc.max_per_ip = (unsigned)ctx->cfg.web_max_per_ip;
    wc.timeout_s = (unsigned)ctx->cfg.web_timeout;
    wc.allow_file_urls = ctx->cfg.allow_file_urls;
    wc.secure_cookies = ctx->cfg.web_secure_cookies;
    wc.base_url = ctx->cfg.web_base_url;
    wc.timezone = ctx->cfg.web_timezone;
    wc.llm_url = ctx->cfg.llm_url;
    wc.llm_model = ctx->cfg.llm_model;
    wc.llm_timeout_s = (unsigned)ctx->cfg.llm_timeout;
    /* the image proxy fetches with the same settings and SSRF policy as ingest */
    ingest_fetch_config(&ctx->cfg, &media_fetch, &media_allow, &media_n_allow);
    wc.media_fetch = &media_fetch;
    wc.media_dir = ctx->cfg.media_dir;
    wc.media_max_bytes = (uint64_t)ctx->cfg.media_max_mb * 1024 * 1024;
    rc = web_server_start(&wc, &srv);
    ingest_allow_free(media_allow, media_n_allow); /* the proxy keeps its own copy */
    if (rc) {
        cli_error("serve", rc, "cannot listen on %s", listen);
        ingest_free(it.ing);
        store_close(ingest_st);
        return CLI_EXIT_FAIL;
    }
    log_info("web", "serving http://%s/ (port %u)", listen, web_server_port(srv));
    if (!no_ingest) {
        enrich_config_from(&ec, &ctx->cfg);
        if (enrich_pool_start(&ec, &pool) != HERALD_OK)
            log_error("serve", "cannot start the enrichment workers");
        if (pthread_create(&ingest_tid, NULL, ingest_main, &it) == 0)
            started_ingest = 1;
        else
            log_error("serve", "cannot start the ingest thread");
    }
    sigwait(&sigs, &sig);
    log_info("serve", "signal %d: shutting down", sig);
    it.stop = 1;
    web_server_stop(srv);
    if (started_ingest)
        pthread_join(ingest_tid, NULL);
    enrich_pool_stop(pool);
    web_server_free(srv);
    ingest_free(it.ing);
    store_close(ingest_st);
    return CLI_EXIT_OK;
}

const struct cli_command cmd_serve = {
    "serve",
    "serve the web site and JSON API, polling feeds meanwhile",
    "usage: herald serve [--listen ADDRESS:PORT] [--no-ingest]\n"
    "\n"
    "Serves the site and /api/v1 on ADDRESS:PORT (default from 'listen', 127.0.0.1:8080;\n"
    "port 0 picks a free one) and, unless --no-ingest, polls feeds in a thread of its\n"
    "own and runs enrich.workers enrichment threads (summaries, entities, ...).  SIGINT or SIGTERM "
    "stop it gracefully: requests in flight finish, the database\n"
    "is closed cleanly.\n",
    run_serve,
};

static void print_progress(void *ctx, const struct enrich_stats *s, int64_t left)
{
    int *tty = ctx;
    int64_t done = s->done + s->failed;
    if (*tty || left == 0 || done % 100 == 0) {
        printf("%s%lld done, %lld failed, %lld left%s", *tty ? "\r" : "", (long long)s->done,
               (long long)s->failed, (long long)left, *tty ? "  " : "\n");
        fflush(stdout);
    }
}

static int run_enrich(struct cli_ctx *ctx, int argc, char **argv)
{
    struct enrich_config ec;
    struct enrich_stats es = {0};
    int all = 0, tty = isatty(1);
    int64_t n = 0;
    store *st;
    herald_status rc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else {
            cli_error("enrich", 0, "unexpected argument '%s'", argv[i]);
            return CLI_EXIT_USAGE;
        }
    }
    if (cli_store(ctx, &st))
        return CLI_EXIT_FAIL;
    if (all) {
        rc = store_job_enqueue_all(st, STORE_JOB_ENRICH, &n);
        if (rc) {
            cli_error("enrich", rc, "cannot queue the articles: %s", store_errmsg(st));
            return CLI_EXIT_FAIL;
        }
        printf("queued %lld articles\n", (long long)n);
    }
    enrich_config_from(&ec, &ctx->cfg);
    rc = enrich_drain(st, &ec, &es, print_progress, &tty);
    if (tty)
        printf("\n");
    print_enrich_stats(&es);
    if (rc) {
        cli_error("enrich", rc, "the job queue failed");
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

const struct cli_command cmd_enrich = {
    "enrich",
    "run the enrichment jobs (summaries, key points, entities, keywords, language)",
    "usage: herald enrich [--all]\n"
    "\n"
    "Runs every due job of the queue (what `herald serve` does in the background) and\n"
    "exits, with a progress line.  --all first queues every stored article, to recompute\n"
    "the archive after an upgrade.\n",
    run_enrich,
};
