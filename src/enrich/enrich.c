/*
 * enrich.c - see enrich.h.  The queue runner (claim, dispatch through the handler table,
 * complete or fail), the "enrich" handler (src/ai into the store) and the worker pool.
 *
 * Lease owners are "<pid>.<start time>.<worker>", unique across the processes that may
 * share a database, so a worker never completes a job that another one has reclaimed.
 *
 * The pool's workers sleep on a condition variable between looks at the queue (at most
 * idle_ms), so a kick or a stop wakes them at once and nothing spins; the queue itself is
 * the only shared state, and it lives in the database.
 */
#include "enrich/enrich.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ai/ai.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "enrich/enrich_int.h"
#include "ingest/ingest.h"
#include "llm/llm.h"
#include "stories/stories.h"

#include "core/banned.h"

#define MOD "enrich"
#define DF_CAP 10000      /* document frequencies are counted up to this (tf-idf) */
#define CORPUS_REFRESH 60 /* seconds between re-reads of the corpus size */

void enrich_config_from(struct enrich_config *ec, const struct config *cfg)
{
    memset(ec, 0, sizeof(*ec));
    ec->db_path = cfg->db_path;
    ec->workers = (int)cfg->enrich_workers;
    ec->lease_s = (int)cfg->enrich_lease;
    ec->max_attempts = (int)cfg->enrich_attempts;
    ec->idle_ms = 1000;
    ec->cfg = cfg;
}

/* ---- the "enrich" handler ---------------------------------------------------------- */

struct df_ctx {
    store *st;
    int failed;
};

static uint64_t word_df(void *ctx, const char *word)
{
    struct df_ctx *c = ctx;
    int64_t df = 0;
    if (c->failed || store_word_df(c->st, word, DF_CAP, &df) != HERALD_OK) {
        c->failed = 1; /* one failure is enough: the rest count as rare */
        return 0;
    }
    return (uint64_t)df;
}

static char **sentence_texts(const struct ai_sentence *s, size_t n)
{
    char **v = xcalloc(n ? n : 1, sizeof(*v));
    for (size_t i = 0; i < n; i++)
        v[i] = s[i].text;
    return v;
}

/* Borrows the strings of an ai_analysis into a store_analysis (arrays are malloc'd here
 * and freed by release_view). */
static void analysis_view(const struct ai_analysis *an, struct store_analysis *v)
{
    store_analysis_init(v);
    v->language = strcmp(an->lang, "und") != 0 && an->lang[0] ? (char *)an->lang : NULL;
    v->reading_minutes = (int)an->reading_minutes;
    v->lang_neutral = an->language_neutral_only;
    v->summary = sentence_texts(an->summary, an->summary_count);
    v->n_summary = an->summary_count;
    v->key_points = sentence_texts(an->key_points, an->key_point_count);
    v->n_key_points = an->key_point_count;
    v->keywords = xcalloc(an->keyword_count ? an->keyword_count : 1, sizeof(char *));
    for (size_t i = 0; i < an->keyword_count; i++)
        v->keywords[i] = an->keywords[i].phrase;
    v->n_keywords = an->keyword_count;
    v->entities = xcalloc(an->entity_count ? an->entity_count : 1, sizeof(*v->entities));
    for (size_t i = 0; i < an->entity_count; i++) {
        /* a slug longer than a URL segment may be (STORE_ENTITY_SLUG_MAX) is cut at a '-' */
        char *slug = an->entities[i].slug;
        size_t n = slug ? strlen(slug) : 0;
        if (n > STORE_ENTITY_SLUG_MAX) {
            n = STORE_ENTITY_SLUG_MAX;
            while (n > 0 && slug[n] != '-')
                n--;
            slug[n] = '\0';
        }
        v->entities[i].slug = slug;
        v->entities[i].name = an->entities[i].name;
        v->entities[i].type = (char *)ai_entity_type_name(an->entities[i].type);
        v->entities[i].count = (int)an->entities[i].count;
    }
    v->n_entities = an->entity_count;
    v->version = ENRICH_ANALYSIS_VERSION;
}

static void release_view(struct store_analysis *v)
{
    free(v->summary);
    free(v->key_points);
    free(v->keywords);
    free(v->entities);
}

static herald_status analyse(store *st, const char *article_id, int64_t corpus_docs)
{
    struct store_article a;
    struct ai_analysis an;
    struct ai_input in;
    struct store_analysis v;
    struct df_ctx dc = {st, 0};
    herald_status rc;

    rc = store_article_get(st, article_id, &a);
    if (rc)
        return rc;
    memset(&in, 0, sizeof(in));
    in.title = a.title;
    in.text = a.text && *a.text ? a.text : (a.summary ? a.summary : "");
    in.lang_hint = a.language;
    in.df = word_df;
    in.df_ctx = &dc;
    in.corpus_docs = (uint64_t)(corpus_docs > 0 ? corpus_docs : 1);
    rc = ai_analyze(&in, &an);
    if (rc)
        goto out;
    analysis_view(&an, &v);
    rc = store_analysis_put(st, article_id, &v);
    release_view(&v);
    ai_analysis_release(&an);
out:
    store_article_release(&a);
    return rc;
}

herald_status enrich_article(store *st, const char *article_id)
{
    struct store_stats s;
    herald_status rc = store_stats_get(st, &s);
    if (rc)
        return rc;
    return analyse(st, article_id, s.articles);
}

static herald_status run_enrich(struct enrich_worker *w, const struct store_job *job)
{
    int64_t now = time_now();
    if (w->corpus_at == TIME_NONE || now - w->corpus_at >= CORPUS_REFRESH) {
        struct store_stats s;
        herald_status rc = store_stats_get(w->st, &s);
        if (rc)
            return rc;
        w->corpus_docs = s.articles;
        w->corpus_at = now;
    }
    {
        struct llm_config lc;
        herald_status rc = analyse(w->st, job->article_id, w->corpus_docs);
        enrich_llm_config(w->ec, &lc);
        /* the model's summary, when one is configured, is the next (slower) job */
        if (rc == HERALD_OK && llm_enabled(&lc))
            rc = store_job_enqueue(w->st, STORE_JOB_LLM, job->article_id, TIME_NONE, 0);
        return rc;
    }
}

/* ---- the "story" handler: near-copies, the story, related stories (src/stories) ------ */

/* Enqueued STORE_JOB_SERIAL by ingest in arrival order: one runs at a time, so the online
 * clustering sees the articles in the order they came, whatever the number of workers. */
static herald_status run_story(struct enrich_worker *w, const struct store_job *job)
{
    herald_status rc = stories_add(w->st, job->article_id);
    /* the related lists it changed are the next job: the clustering stays one article
     * at a time, the lists follow */
    if (rc == HERALD_OK)
        rc = store_job_enqueue(w->st, STORE_JOB_RELATED, job->article_id, TIME_NONE,
                               STORE_JOB_SERIAL);
    return rc;
}

/* The article's stored related list and those its placement changed (stories_related.c),
 * so its page reads them by key. */
static herald_status run_related(struct enrich_worker *w, const struct store_job *job)
{
    herald_status rc = stories_related_refresh(w->st, job->article_id, 1);
    return rc == HERALD_E_NOTFOUND ? HERALD_OK : rc; /* deleted meanwhile */
}

/* ---- dispatch ---------------------------------------------------------------------- */

static const struct {
    const char *kind;
    enrich_handler_fn run;
} handlers[] = {
    {STORE_JOB_ENRICH, run_enrich},   {STORE_JOB_EXTRACT_RETRY, enrich_run_extract_retry},
    {STORE_JOB_LLM, enrich_run_llm},  {STORE_JOB_STORY, run_story},
    {STORE_JOB_RELATED, run_related},
};

void enrich_worker_init(struct enrich_worker *w, store *st, const struct enrich_config *ec,
                        int index)
{
    memset(w, 0, sizeof(*w));
    w->st = st;
    w->ec = ec;
    w->corpus_at = TIME_NONE;
    snprintf(w->owner, sizeof(w->owner), "%ld.%lld.%d", (long)getpid(), (long long)time_now(),
             index);
}

void enrich_worker_release(struct enrich_worker *w)
{
    ingest_free(w->ing);
    w->ing = NULL;
}

herald_status enrich_worker_step(struct enrich_worker *w, int *ran)
{
    struct store_job job;
    enrich_handler_fn fn = NULL;
    herald_status rc, rc2;

    *ran = 0;
    rc = store_job_claim(w->st, w->owner, time_now(), w->ec->lease_s, w->ec->max_attempts, &job);
    if (rc == HERALD_E_NOTFOUND)
        return HERALD_OK;
    if (rc)
        return rc;
    *ran = 1;
    for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
        if (strcmp(handlers[i].kind, job.kind) == 0)
            fn = handlers[i].run;
    if (!fn) {
        rc = HERALD_E_UNSUPPORTED;
        log_warn(MOD, "job %lld: no handler for kind '%s'", (long long)job.id, job.kind);
    } else {
        rc = fn(w, &job);
    }
    if (rc == HERALD_OK || rc == HERALD_E_NOTFOUND) {
        rc2 = store_job_complete(w->st, job.id, w->owner);
        if (rc2 == HERALD_OK)
            w->stats.done++;
    } else {
        char msg[300];
        if (!fn)
            snprintf(msg, sizeof(msg), "no handler for job kind '%s'", job.kind);
        else if (rc == HERALD_E_DB)
            snprintf(msg, sizeof(msg), "%s: %s", herald_strerror(rc), store_errmsg(w->st));
        else
            snprintf(msg, sizeof(msg), "%s", herald_strerror(rc));
        log_warn(MOD, "job %lld (%s %s), attempt %d: %s", (long long)job.id, job.kind,
                 job.article_id, job.attempts, msg);
        rc2 = store_job_fail(w->st, job.id, w->owner, time_now(), msg, w->ec->max_attempts);
        if (rc2 == HERALD_OK)
            w->stats.failed++;
    }
    if (rc2 == HERALD_E_NOTFOUND) {
        w->stats.lost++;
        rc2 = HERALD_OK;
    }
    store_job_release(&job);
    return rc2;
}

herald_status enrich_drain(store *st, const struct enrich_config *ec, struct enrich_stats *stats,
                           enrich_progress_fn progress, void *ctx)
{
    struct enrich_worker w;
    herald_status rc = HERALD_OK;
    int ran = 1;
    enrich_worker_init(&w, st, ec, 0);
    while (ran) {
        rc = enrich_worker_step(&w, &ran);
        if (rc)
            break;
        if (ran && progress) {
            struct store_job_counts c;
            if (store_job_counts(st, time_now(), &c) == HERALD_OK)
                progress(ctx, &w.stats, c.due + c.running);
        }
    }
    enrich_worker_release(&w);
    if (stats) {
        stats->done += w.stats.done;
        stats->failed += w.stats.failed;
        stats->lost += w.stats.lost;
    }
    return rc;
}

/* ---- the pool ---------------------------------------------------------------------- */

struct pool_thread {
    enrich_pool *pool;
    pthread_t tid;
    int index;
    int started;
};

struct enrich_pool {
    struct enrich_config ec;
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* wakes idle workers */
    pthread_cond_t done_cv; /* signalled when a job completes */
    int stop;
    unsigned kicks; /* bumped by enrich_pool_kick */
    int64_t done;
    struct pool_thread *threads;
    int n;
};

static void deadline_in(struct timespec *until, int ms);

static void *pool_main(void *arg)
{
    struct pool_thread *t = arg;
    enrich_pool *p = t->pool;
    struct enrich_worker w;
    store *st = NULL;
    herald_status rc = store_open(p->ec.db_path, 0, &st);
    int64_t reported = 0;
    if (rc) {
        log_error(MOD, "worker %d: cannot open the database: %s", t->index, herald_strerror(rc));
        return NULL;
    }
    enrich_worker_init(&w, st, &p->ec, t->index);
    for (;;) {
        int ran = 0;
        unsigned kicks;
        pthread_mutex_lock(&p->mu);
        if (p->stop) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        kicks = p->kicks;
        pthread_mutex_unlock(&p->mu);
        rc = enrich_worker_step(&w, &ran);
        if (rc)
            log_error(MOD, "worker %d: the job queue failed: %s", t->index, herald_strerror(rc));
        pthread_mutex_lock(&p->mu);
        if (w.stats.done != reported) {
            p->done += w.stats.done - reported;
            reported = w.stats.done;
            pthread_cond_broadcast(&p->done_cv);
        }
        if ((!ran || rc) && !p->stop && p->kicks == kicks) {
            struct timespec until;
            deadline_in(&until, p->ec.idle_ms);
            pthread_cond_timedwait(&p->cv, &p->mu, &until);
        }
        pthread_mutex_unlock(&p->mu);
    }
    enrich_worker_release(&w);
    store_close(st);
    return NULL;
}

herald_status enrich_pool_start(const struct enrich_config *ec, enrich_pool **out)
{
    enrich_pool *p = xcalloc(1, sizeof(*p));
    int started = 0;
    p->ec = *ec;
    if (p->ec.workers < 1)
        p->ec.workers = 1;
    if (p->ec.idle_ms <= 0)
        p->ec.idle_ms = 1000;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    p->n = p->ec.workers;
    p->threads = xcalloc((size_t)p->n, sizeof(*p->threads));
    for (int i = 0; i < p->n; i++) {
        p->threads[i].pool = p;
        p->threads[i].index = i + 1;
        if (pthread_create(&p->threads[i].tid, NULL, pool_main, &p->threads[i]) == 0) {
            p->threads[i].started = 1;
            started++;
        } else {
            log_error(MOD, "cannot start enrichment worker %d", i + 1);
        }
    }
    if (!started) {
        enrich_pool_stop(p);
        return HERALD_E_INTERNAL;
    }
    log_info(MOD, "%d enrichment worker%s started", started, started == 1 ? "" : "s");
    *out = p;
    return HERALD_OK;
}

void enrich_pool_kick(enrich_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->kicks++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

int64_t enrich_pool_done(enrich_pool *p)
{
    int64_t n;
    pthread_mutex_lock(&p->mu);
    n = p->done;
    pthread_mutex_unlock(&p->mu);
    return n;
}

static void deadline_in(struct timespec *until, int ms)
{
    clock_gettime(CLOCK_REALTIME, until);
    until->tv_sec += ms / 1000;
    until->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until->tv_nsec >= 1000000000L) {
        until->tv_sec++;
        until->tv_nsec -= 1000000000L;
    }
}

int64_t enrich_pool_wait_done(enrich_pool *p, int64_t n, int timeout_ms)
{
    struct timespec until;
    int64_t done;
    deadline_in(&until, timeout_ms);
    pthread_mutex_lock(&p->mu);
    while (p->done < n && pthread_cond_timedwait(&p->done_cv, &p->mu, &until) == 0)
        ;
    done = p->done;
    pthread_mutex_unlock(&p->mu);
    return done;
}

void enrich_pool_stop(enrich_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->n; i++)
        if (p->threads[i].started)
            pthread_join(p->threads[i].tid, NULL);
    pthread_cond_destroy(&p->cv);
    pthread_cond_destroy(&p->done_cv);
    pthread_mutex_destroy(&p->mu);
    free(p->threads);
    free(p);
}
