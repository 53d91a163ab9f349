/*
 * ingest.c - see ingest.h for the pipeline.
 *
 * Ownership: a poll_job owns the feed record it polls, the parsed feed, and one
 * candidate store_article per entry (their strings are malloc'd by this file and freed
 * by store_article_release).  Page fetches hold a pointer to their job and the index of
 * their candidate; the job is committed and freed by whichever completion brings its
 * pending count to zero.  Everything runs on the engine's thread.
 */
#include "ingest/ingest.h"
#include "core/alloc.h"
#include "core/health.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "extract/extract.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "fetch/schedule.h"
#include "html/escape.h"
#include "html/text.h"
#include "store/store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/banned.h"

#define FEED_ACCEPT                                                                                \
    "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "   \
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
#define PAGE_ACCEPT "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
#define EXTRACT_RETRY_DELAY 600 /* seconds before a failed page is fetched again */

struct ingest {
    store *st;
    fetch_engine *engine;
    struct fetch_config fetch_cfg;
    char **allow; /* owned copies of the SSRF allowlist entries */
    size_t n_allow;
    enum extract_mode extract;
    long min_words;
    struct schedule_config sched;
    struct ingest_stats *stats; /* of the poll in progress */
    struct ingest_stats scratch;
    int jobs_open;                      /* polls started and not yet committed or failed */
    int max_open_jobs;                  /* see ingest_poll_due */
    int64_t retry_min_ms, retry_max_ms; /* ingest_loop's backoff after a failed round */
    char last_error[256];               /* the latest pipeline failure of the round */
};

struct candidate {
    struct store_article a;
    char *guid;
    int wants_page;   /* the page should be fetched for full text */
    int content_kept; /* content came from the feed and the row exists: do not overwrite */
    int page_failed;  /* the page fetch failed: retry it later (an extract-retry job) */
};

struct poll_job {
    ingest *ing;
    struct store_feed feed;
    struct fetch_result *res; /* the feed response (owned) */
    char *site_name;          /* publisher name found on an extracted page, or NULL */
    struct feed *parsed;      /* owned */
    struct candidate *cands;
    size_t ncands;
    int pending; /* page fetches not yet finished */
};

struct page_req {
    struct poll_job *job;
    size_t index;
};

/* ---------------------------------------------------------------------------------------
 * Small helpers
 */

static int count_words(const char *s)
{
    int n = 0, in_word = 0;
    for (; s && *s; s++) {
        int space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        if (!space && !in_word)
            n++;
        in_word = !space;
    }
    return n;
}

/* Plain text of an HTML fragment, trimmed; NULL when empty. */
static char *plain_text(const char *html)
{
    struct strbuf sb = STRBUF_INIT;
    if (!html || !*html)
        return NULL;
    if (html_to_text(html, strlen(html), &sb)) {
        strbuf_release(&sb);
        return NULL;
    }
    strbuf_trim(&sb);
    if (!sb.len) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

/* A title as plain text on one line (feed titles may be HTML). */
static char *title_text(const struct feed_text *t)
{
    char *s;
    if (!t->value || !*t->value)
        return NULL;
    if (t->type && strcmp(t->type, "text/plain") != 0)
        s = plain_text(t->value);
    else
        s = xstrdup(t->value);
    for (char *p = s; p && *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return s;
}

static int is_html_type(const char *type)
{
    return type && (strcmp(type, "text/html") == 0 || strcmp(type, "application/xhtml+xml") == 0);
}

/* The entry's body as sanitized HTML: its longest content, else its summary.  Plain-text
 * bodies become paragraphs.  Returns malloc'd HTML or NULL. */
static char *entry_body_html(const struct feed_item *e)
{
    const struct feed_text *best = NULL;
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < e->ncontent; i++) {
        const struct feed_text *c = &e->content[i];
        if (c->value && (!best || strlen(c->value) > strlen(best->value)))
            best = c;
    }
    if (!best && e->summary.value)
        best = &e->summary;
    if (!best || !best->value || !*best->value)
        return NULL;
    if (is_html_type(best->type) || !best->type)
        return xstrdup(best->value);
    /* text/plain: one paragraph per blank-line-separated block */
    const char *p = best->value;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        struct strbuf para = STRBUF_INIT;
        strbuf_add(&para, p, n);
        strbuf_trim(&para);
        if (para.len) {
            strbuf_adds(&sb, "<p>");
            html_escape_text(&sb, para.buf);
            strbuf_adds(&sb, "</p>\n");
        }
        strbuf_release(&para);
        p += n;
        while (*p == '\n')
            p++;
    }
    return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

static int is_image(const char *type, const char *medium, const char *url)
{
    if (medium)
        return strcmp(medium, "image") == 0;
    if (type)
        return strncmp(type, "image/", 6) == 0;
    if (!url)
        return 0;
    const char *dot = strrchr(url, '.');
    return dot &&
           (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") || !strcasecmp(dot, ".png") ||
            !strcasecmp(dot, ".webp") || !strcasecmp(dot, ".gif"));
}

/* The link policy (url_link_allowed in core/url.h) for a URL named by the document at
 * origin: http(s), or file: only from a local document and only with allow_file_urls. */
static int link_ok(const ingest *ing, const char *origin, const char *url)
{
    if (!url)
        return 0;
    if (url_link_allowed(origin, url, ing->fetch_cfg.allow_file_urls))
        return 1;
    log_debug("ingest", "%s: dropping link '%s' (link policy)", origin, url);
    return 0;
}

/* A copy of url when the link policy allows it, else NULL. */
static char *link_dup(const ingest *ing, const char *origin, const char *url)
{
    return link_ok(ing, origin, url) ? xstrdup(url) : NULL;
}

/* Lead image: media:content images first, then thumbnails, then image enclosures; only
 * images the link policy allows (origin is the feed's URL). */
static void entry_image(const ingest *ing, const char *origin, const struct feed_item *e,
                        struct store_article *a)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < e->nmedia; i++) {
            const struct feed_media *m = &e->media[i];
            if (m->thumbnail != pass || !m->url || !is_image(m->type, m->medium, m->url) ||
                !link_ok(ing, origin, m->url))
                continue;
            a->image_url = xstrdup(m->url);
            a->image_caption = m->caption ? plain_text(m->caption) : NULL;
            a->image_credit = xstrdup(m->credit);
            return;
        }
    }
    for (size_t i = 0; i < e->nenclosures; i++) {
        const struct feed_enclosure *enc = &e->enclosures[i];
        if (enc->href && is_image(enc->type, NULL, enc->href) && link_ok(ing, origin, enc->href)) {
            a->image_url = xstrdup(enc->href);
            return;
        }
    }
}

static char *join_authors(const struct feed_item *e)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < e->nauthors; i++) {
        const char *n = e->authors[i].name ? e->authors[i].name : e->authors[i].email;
        if (!n || !*n)
            continue;
        if (sb.len)
            strbuf_adds(&sb, ", ");
        strbuf_adds(&sb, n);
    }
    return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

static char *categories_json(const struct feed_item *e)
{
    json_t *arr;
    char *s = NULL;
    if (!e->ntags)
        return NULL;
    arr = json_array();
    for (size_t i = 0; i < e->ntags; i++) {
        const char *t = e->tags[i].label ? e->tags[i].label : e->tags[i].term;
        if (t && *t)
            json_array_append_new(arr, json_string(t));
    }
    if (json_array_size(arr))
        s = json_dumps(arr, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(arr);
    if (s) { /* jansson allocates with malloc by default; hand over an xstrdup'd copy */
        char *copy = xstrdup(s);
        free(s);
        s = copy;
    }
    return s;
}

/* The entry's link: the first of its link, alternate links and permalink guid that the
 * link policy allows (a remote feed's file: or javascript: link is never the article). */
static const char *entry_url(const ingest *ing, const char *origin, const struct feed_item *e)
{
    if (link_ok(ing, origin, e->link))
        return e->link;
    for (size_t i = 0; i < e->nlinks; i++)
        if (e->links[i].href && (!e->links[i].rel || !strcmp(e->links[i].rel, "alternate")) &&
            link_ok(ing, origin, e->links[i].href))
            return e->links[i].href;
    if (e->guidislink && link_ok(ing, origin, e->id))
        return e->id;
    return NULL;
}

/* The URL of the feed document a job parsed: the origin of every link in it. */
static const char *job_origin(const struct poll_job *job)
{
    return job->res && job->res->final_url ? job->res->final_url : job->feed.url;
}

/* ---------------------------------------------------------------------------------------
 * Jobs
 */

static void job_free(struct poll_job *job)
{
    for (size_t i = 0; i < job->ncands; i++) {
        store_article_release(&job->cands[i].a);
        free(job->cands[i].guid);
    }
    free(job->cands);
    free(job->site_name);
    feed_free(job->parsed);
    fetch_result_free(job->res);
    store_feed_release(&job->feed);
    job->ing->jobs_open--;
    free(job);
}

static enum extract_mode feed_extract_mode(const ingest *ing, const struct store_feed *f)
{
    if (f->fetch_mode == STORE_FETCH_ALWAYS)
        return EXTRACT_ALWAYS;
    if (f->fetch_mode == STORE_FETCH_NEVER)
        return EXTRACT_NEVER;
    return ing->extract;
}

/* The scheduler's view of a stored feed.  The store keeps the interval and the error
 * count; the start of a failing run is the last success (or the subscription time). */
static void feed_schedule_state(const struct store_feed *f, struct schedule_state *s)
{
    schedule_state_init(s);
    s->interval = f->poll_interval;
    s->consecutive_errors = f->consecutive_errors;
    if (f->consecutive_errors > 0)
        s->failing_since = f->last_success != TIME_NONE ? f->last_success : f->created;
}

/* Fills the schedule part of p (times, interval, error count) for outcome o. */
static void plan_next_poll(const ingest *ing, const struct poll_job *job,
                           const struct schedule_hints *hints, const struct schedule_outcome *o,
                           int64_t now, struct store_feed_poll *p)
{
    struct schedule_state s;
    feed_schedule_state(&job->feed, &s);
    p->polled_at = now;
    p->next_poll = schedule_next(&ing->sched, hints, &s, o, now);
    p->poll_interval = s.interval;
    p->consecutive_errors = s.consecutive_errors;
}

/* Records a failed poll (its own small transaction). */
static void record_failure(struct poll_job *job, int http_status, int64_t retry_after,
                           const char *error)
{
    ingest *ing = job->ing;
    struct schedule_outcome o = {0};
    struct store_feed_poll p = {0};
    o.kind = SCHEDULE_FAILED;
    o.http_code = http_status;
    o.retry_after = retry_after;
    plan_next_poll(ing, job, NULL, &o, time_now(), &p);
    p.status = http_status;
    p.error = error ? error : "unknown error";
    log_warn("ingest", "feed %lld %s: %s", (long long)job->feed.id, job->feed.url, p.error);
    if (store_feed_poll_update(ing->st, job->feed.id, &p)) {
        log_error("ingest", "feed %lld: cannot record failure: %s", (long long)job->feed.id,
                  store_errmsg(ing->st));
        snprintf(ing->last_error, sizeof(ing->last_error), "%s", store_errmsg(ing->st));
        ing->stats->store_failures++;
    }
    ing->stats->feeds_failed++;
}

/* A publisher's name from a feed title: "NCPR News: Top Stories" and "The Gazette — World"
 * name the publisher before the separator.  Returns malloc'd text or NULL. */
static char *publisher_from_title(const struct feed_text *title)
{
    static const char *const seps[] = {" \xe2\x80\x94 ", " \xe2\x80\x93 ", " | ", ": ", " - "};
    char *t = title_text(title);
    for (size_t i = 0; t && i < sizeof(seps) / sizeof(seps[0]); i++) {
        char *cut = strstr(t, seps[i]);
        if (cut && cut - t >= 2) {
            *cut = '\0';
            break;
        }
    }
    return t;
}

/* "feed 3: 12 entries, 0 new (9 already stored, 3 already in another feed)": why a poll
 * stored nothing new is in the log.  An article reached through two feeds (the same guid
 * of one publisher, or the same URL or canonical URL) is stored once, as the entry of the
 * feed that brought it first; the other feed's entry counts as "already in another feed"
 * on every poll. */
static void log_poll_counts(const struct poll_job *job, int inserted, int known, int elsewhere,
                            int updated, int skipped)
{
    struct strbuf why = STRBUF_INIT;
    const char *sep = " (";
    if (known) {
        strbuf_addf(&why, "%s%d already stored", sep, known);
        sep = ", ";
    }
    if (elsewhere) {
        strbuf_addf(&why, "%s%d already in another feed", sep, elsewhere);
        sep = ", ";
    }
    if (updated) {
        strbuf_addf(&why, "%s%d updated", sep, updated);
        sep = ", ";
    }
    if (skipped) {
        strbuf_addf(&why, "%s%d skipped", sep, skipped);
        sep = ", ";
    }
    if (why.len)
        strbuf_adds(&why, ")");
    log_info("ingest", "feed %lld: %zu entries, %d new%s", (long long)job->feed.id, job->ncands,
             inserted, why.len ? why.buf : "");
    strbuf_release(&why);
}

/* Writes the whole poll in one transaction. */
static void job_commit(struct poll_job *job)
{
    ingest *ing = job->ing;
    store *st = ing->st;
    const struct feed_item *head = &job->parsed->head;
    struct store_source src;
    struct store_feed_poll p = {0};
    int64_t source_id = job->feed.source_id, now = time_now();
    int inserted = 0, updated = 0, known = 0, elsewhere = 0, skipped = 0;
    char id[STORE_ID_LEN + 1];
    char *why;
    herald_status rc;

    rc = store_tx_begin(st);
    if (rc)
        goto fail;
    if (!source_id) {
        char *host = NULL;
        store_source_init(&src);
        src.name = job->site_name ? xstrdup(job->site_name) : publisher_from_title(&head->title);
        if (!src.name && src.homepage && url_host(src.homepage, &host) == HERALD_OK)
            src.name = host;
        else
            free(host);
        if (!src.name)
            src.name = xstrdup(job->feed.url);
        /* a bad homepage or icon (javascript:, data:) loses only itself, not the feed */
        src.homepage = link_dup(ing, job_origin(job), head->link);
        src.icon_url = link_dup(ing, job_origin(job), head->icon ? head->icon : head->image.href);
        src.language = xstrdup(head->language);
        src.copyright = title_text(&head->rights);
        rc = store_source_ensure(st, &src, &source_id);
        store_source_release(&src);
        if (!rc)
            rc = store_feed_set_source(st, job->feed.id, source_id);
        if (rc)
            goto fail;
    }
    if (!job->feed.title && head->title.value) {
        char *t = title_text(&head->title);
        rc = store_feed_set_title(st, job->feed.id, t);
        free(t);
        if (rc)
            goto fail;
    }
    if (job->res->permanent && job->res->final_url &&
        strcmp(job->res->final_url, job->feed.url) != 0) {
        rc = store_feed_set_url(st, job->feed.id, job->res->final_url);
        if (rc == HERALD_OK)
            log_info("ingest", "feed %lld moved permanently to %s", (long long)job->feed.id,
                     job->res->final_url);
        else if (rc == HERALD_E_EXISTS)
            log_warn("ingest", "feed %lld moved to %s, which is already subscribed",
                     (long long)job->feed.id, job->res->final_url);
        else
            goto fail;
    }
    for (size_t i = 0; i < job->ncands; i++) {
        struct candidate *c = &job->cands[i];
        enum store_upsert_result res;
        int64_t first_feed = 0;
        c->a.source_id = source_id;
        /* the caption repeated as the first paragraph, a section label before the
         * dateline: not body text (extract.h), whether the body came from the feed or the
         * page */
        if (c->a.content_html && extract_strip_furniture(&c->a.content_html, &c->a.text,
                                                         c->a.image_caption, c->a.image_credit))
            c->a.word_count = count_words(c->a.text);
        rc = store_article_upsert_origin(st, &c->a, job->feed.id, c->guid, id, &res, &first_feed);
        if (rc == HERALD_E_INVALID || rc == HERALD_E_TOOBIG) {
            skipped++;
            /* one bad entry (no usable URL, a field over the store's cap) loses only itself */
            log_warn("ingest", "feed %lld: skipping entry '%s': %s", (long long)job->feed.id,
                     c->a.url, store_errmsg(st));
            continue;
        }
        if (rc)
            goto fail;
        if (res == STORE_UPSERT_INSERTED)
            inserted++;
        else if (first_feed == job->feed.id)
            known++;
        else
            elsewhere++;
        if (res == STORE_UPSERT_UPDATED)
            updated++;
        /* the slow work is queued, committed with the article, done by the workers; the
         * story step (copies, clusters, related) is serial, in arrival order */
        if (res != STORE_UPSERT_UNCHANGED) {
            rc = store_job_enqueue(st, STORE_JOB_STORY, id, TIME_NONE, STORE_JOB_SERIAL);
            if (!rc)
                rc = store_job_enqueue(st, STORE_JOB_ENRICH, id, TIME_NONE, 0);
            if (rc)
                goto fail;
        }
        if (c->page_failed) {
            rc = store_job_enqueue(st, STORE_JOB_EXTRACT_RETRY, id, now + EXTRACT_RETRY_DELAY, 0);
            if (rc)
                goto fail;
        }
    }
    {
        struct schedule_hints hints;
        struct schedule_outcome o = {0};
        int64_t *times = xcalloc(job->ncands ? job->ncands : 1, sizeof(*times));
        for (size_t i = 0; i < job->ncands; i++)
            times[i] = job->cands[i].a.published;
        schedule_hints_init(&hints);
        hints.ttl_minutes = job->parsed->ttl_minutes > 0 ? job->parsed->ttl_minutes : 0;
        hints.skip_hours = job->parsed->skip_hours;
        hints.skip_days = job->parsed->skip_days;
        hints.update_period = schedule_period_parse(job->parsed->update_period);
        hints.update_frequency = job->parsed->update_frequency;
        o.kind = SCHEDULE_FETCHED;
        o.http_code = job->res->http_code;
        o.retry_after = -1;
        o.new_items = inserted;
        o.item_times = times;
        o.n_items = job->ncands;
        plan_next_poll(ing, job, &hints, &o, now, &p);
        free(times);
    }
    p.status = (int)job->res->http_code;
    p.set_validators = 1;
    p.etag = job->res->etag;
    p.last_modified = job->res->last_modified;
    rc = store_feed_poll_update(st, job->feed.id, &p);
    if (rc)
        goto fail;
    rc = store_tx_commit(st);
    if (rc)
        goto fail;
    /* Counted only now: until the commit succeeded, nothing was stored. */
    ing->stats->articles_inserted += inserted;
    ing->stats->articles_updated += updated;
    ing->stats->articles_known += known;
    ing->stats->articles_elsewhere += elsewhere;
    log_poll_counts(job, inserted, known, elsewhere, updated, skipped);
    job_free(job);
    return;
fail:
    /* The message first: the rollback and the failure record reset the store's. */
    why = xstrdup(store_errmsg(st));
    store_tx_rollback(st);
    log_error("ingest", "feed %lld: the poll could not be stored: %s", (long long)job->feed.id,
              why);
    ing->stats->store_failures++;
    snprintf(ing->last_error, sizeof(ing->last_error), "%s", why);
    record_failure(job, (int)job->res->http_code, -1, why);
    free(why);
    job_free(job);
}

static void job_page_finished(struct poll_job *job)
{
    if (--job->pending == 0)
        job_commit(job);
}

/* Merges an extraction of the page at page_url into the candidate: the longer body wins;
 * metadata fills gaps; the page's URLs (lead image, canonical) pass the link policy with
 * the page as their origin. */
static void merge_extraction(const ingest *ing, const char *page_url, struct candidate *c,
                             const struct extract_result *r)
{
    struct store_article *a = &c->a;
    if (r->body_text && (int)r->word_count > a->word_count && r->body_html) {
        free(a->content_html);
        free(a->text);
        a->content_html = xstrdup(r->body_html);
        a->text = xstrdup(r->body_text);
        a->word_count = (int)r->word_count;
    }
    if (!a->image_url && r->image_url && link_ok(ing, page_url, r->image_url)) {
        a->image_url = xstrdup(r->image_url);
        free(a->image_caption);
        free(a->image_credit);
        a->image_caption = xstrdup(r->image_caption);
        a->image_credit = xstrdup(r->image_credit);
    } else if (a->image_url && !a->image_caption && r->image_caption) {
        a->image_caption = xstrdup(r->image_caption);
        if (!a->image_credit)
            a->image_credit = xstrdup(r->image_credit);
    }
    if (!a->authors && r->n_authors) {
        struct strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < r->n_authors; i++) {
            if (i)
                strbuf_adds(&sb, ", ");
            strbuf_adds(&sb, r->authors[i]);
        }
        a->authors = strbuf_detach(&sb, NULL);
    }
    if (!a->title && r->title)
        a->title = xstrdup(r->title);
    if (!a->canonical_url && r->canonical_url && link_ok(ing, page_url, r->canonical_url))
        a->canonical_url = xstrdup(r->canonical_url);
    if (!a->language && r->language)
        a->language = xstrdup(r->language);
    if (a->published == TIME_NONE)
        a->published = r->published;
    if (a->updated == TIME_NONE)
        a->updated = r->modified;
    if (!a->summary && r->description)
        a->summary = xstrdup(r->description);
}

static void on_page_done(struct fetch_result *res, void *user)
{
    struct page_req *pr = user;
    struct poll_job *job = pr->job;
    struct candidate *c = &job->cands[pr->index];
    struct extract_result *r = NULL;
    job->ing->stats->pages_fetched++;
    if (res->status != HERALD_OK || !res->body) {
        log_warn("ingest", "page %s: %s", res->url, res->error ? res->error : "no body");
        /* a refusal or an oversized page will not change; a network or server failure may */
        c->page_failed = res->status != HERALD_E_DENIED && res->status != HERALD_E_TOOBIG &&
                         res->status != HERALD_E_UNSUPPORTED;
    } else if (extract_article(res->body, res->body_len, res->final_url, NULL, &r) == HERALD_OK) {
        int before = c->a.word_count;
        merge_extraction(job->ing, res->final_url, c, r);
        if (!job->site_name && r->site_name)
            job->site_name = xstrdup(r->site_name);
        if (c->a.word_count > before)
            job->ing->stats->pages_extracted++;
        extract_result_free(r);
    } else {
        log_warn("ingest", "page %s: no article text found", res->url);
    }
    fetch_result_free(res);
    free(pr);
    job_page_finished(job);
}

herald_status ingest_refetch(ingest *ing, const char *article_id, int *improved)
{
    struct candidate c;
    struct fetch_config fc = ing->fetch_cfg;
    struct fetch_result *res = NULL;
    struct extract_result *r = NULL;
    enum store_upsert_result up = STORE_UPSERT_UNCHANGED;
    herald_status rc;

    memset(&c, 0, sizeof(c));
    rc = store_article_get(ing->st, article_id, &c.a);
    if (rc)
        return rc;
    fc.accept = PAGE_ACCEPT;
    rc = fetch_url(&fc, c.a.url, NULL, NULL, &res);
    if (rc)
        goto out;
    if (res->status != HERALD_OK || !res->body) {
        log_info("ingest", "page %s again: %s", c.a.url, res->error ? res->error : "no body");
        rc = res->status != HERALD_OK ? res->status : HERALD_E_HTTP;
        goto out;
    }
    rc = extract_article(res->body, res->body_len, res->final_url, NULL, &r);
    if (rc) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    merge_extraction(ing, res->final_url, &c, r);
    /* the stored row's own fields: upsert matches it by its URLs and rewrites content */
    c.a.id[0] = '\0';
    rc = store_article_upsert(ing->st, &c.a, 0, NULL, NULL, &up);
out:
    if (rc == HERALD_OK && improved)
        *improved = up != STORE_UPSERT_UNCHANGED;
    extract_result_free(r);
    fetch_result_free(res);
    store_article_release(&c.a);
    return rc;
}

/* Turns every entry into a candidate and starts the page fetches it needs. */
static void job_build(struct poll_job *job)
{
    ingest *ing = job->ing;
    const struct feed *f = job->parsed;
    enum extract_mode mode = feed_extract_mode(ing, &job->feed);
    job->cands = xcalloc(f->nentries ? f->nentries : 1, sizeof(*job->cands));
    for (size_t i = 0; i < f->nentries; i++) {
        const struct feed_item *e = &f->entries[i];
        const char *url = entry_url(ing, job_origin(job), e);
        struct candidate *c = &job->cands[job->ncands];
        char existing[STORE_ID_LEN + 1];
        int exists;
        ing->stats->entries_seen++;
        if (!url) {
            log_debug("ingest", "feed %lld: entry %zu has no usable link; skipped",
                      (long long)job->feed.id, i);
            continue;
        }
        job->ncands++;
        store_article_init(&c->a);
        c->a.url = xstrdup(url);
        c->guid = xstrdup(e->id);
        c->a.title = title_text(&e->title);
        c->a.authors = join_authors(e);
        c->a.published = e->published != TIME_NONE ? e->published : e->updated;
        c->a.updated = e->updated;
        c->a.language = xstrdup(
            e->language ? e->language
                        : (f->head.language ? f->head.language : job->res->content_language));
        c->a.categories = categories_json(e);
        c->a.content_html = entry_body_html(e);
        c->a.text = plain_text(c->a.content_html);
        c->a.word_count = count_words(c->a.text);
        if (e->summary.value)
            c->a.summary = is_html_type(e->summary.type) ? plain_text(e->summary.value)
                                                         : xstrdup(e->summary.value);
        entry_image(ing, job_origin(job), e, &c->a);

        exists = store_article_lookup(ing->st, job->feed.id, c->guid, c->a.url, NULL, existing) ==
                 HERALD_OK;
        /* auto: the page is worth a fetch when the feed gave a teaser, or no lead image
         * with its caption (the article page shows both) */
        c->wants_page = mode == EXTRACT_ALWAYS ||
                        (mode == EXTRACT_AUTO && (c->a.word_count < ing->min_words ||
                                                  !c->a.image_url || !c->a.image_caption));
        if (c->wants_page && exists) {
            /* Stored earlier, maybe with the page's text: the feed's must not replace it. */
            c->wants_page = 0;
            c->content_kept = 1;
            free(c->a.content_html);
            free(c->a.text);
            c->a.content_html = NULL;
            c->a.text = NULL;
            c->a.word_count = 0;
        }
    }
    job->pending = 1; /* held until every page request is queued */
    for (size_t i = 0; i < job->ncands; i++) {
        struct page_req *pr;
        struct fetch_request req = {0};
        if (!job->cands[i].wants_page)
            continue;
        pr = xmalloc(sizeof(*pr));
        pr->job = job;
        pr->index = i;
        req.url = job->cands[i].a.url;
        req.origin = job_origin(job);
        req.accept = PAGE_ACCEPT;
        req.user = pr;
        req.done = on_page_done;
        job->pending++;
        if (fetch_engine_add(ing->engine, &req)) {
            free(pr);
            job->pending--;
        }
    }
    job_page_finished(job);
}

static void on_feed_done(struct fetch_result *res, void *user)
{
    struct poll_job *job = user;
    ingest *ing = job->ing;
    struct feed_parse_opts opts = {0};
    herald_status rc;
    job->res = res;
    ing->stats->feeds_polled++;
    if (res->status != HERALD_OK) {
        record_failure(job, (int)res->http_code, res->retry_after, res->error);
        job_free(job);
        return;
    }
    if (res->http_code == 304) {
        struct schedule_outcome o = {0};
        struct store_feed_poll p = {0};
        ing->stats->feeds_not_modified++;
        o.kind = SCHEDULE_NOT_MODIFIED;
        o.http_code = 304;
        o.retry_after = -1;
        plan_next_poll(ing, job, NULL, &o, time_now(), &p);
        p.status = 304;
        if (store_feed_poll_update(ing->st, job->feed.id, &p)) {
            log_error("ingest", "feed %lld: %s", (long long)job->feed.id, store_errmsg(ing->st));
            snprintf(ing->last_error, sizeof(ing->last_error), "%s", store_errmsg(ing->st));
            ing->stats->store_failures++;
        }
        job_free(job);
        return;
    }
    opts.url = res->final_url ? res->final_url : job->feed.url;
    opts.content_type = res->content_type;
    opts.content_location = res->content_location;
    opts.content_language = res->content_language;
    rc = feed_parse(res->body, res->body_len, &opts, &job->parsed);
    if (rc) {
        struct strbuf msg = STRBUF_INIT;
        strbuf_addf(&msg, "not a feed (%s)", herald_strerror(rc));
        record_failure(job, (int)res->http_code, -1, msg.buf);
        strbuf_release(&msg);
        job_free(job);
        return;
    }
    if (job->parsed->bozo)
        log_warn("ingest", "feed %lld: ill-formed, recovered: %s", (long long)job->feed.id,
                 job->parsed->bozo_message ? job->parsed->bozo_message : "");
    job_build(job);
}

/* ---------------------------------------------------------------------------------------
 * Public
 */

void ingest_fetch_config(const struct config *cfg, struct fetch_config *fc, char ***allow,
                         size_t *n_allow)
{
    size_t alloc = 0;
    fetch_config_init(fc);
    fc->max_transfers = (int)cfg->fetch_concurrency;
    fc->per_host = (int)cfg->fetch_per_host;
    fc->connect_timeout_ms = cfg->fetch_connect_timeout * 1000;
    fc->total_timeout_ms = cfg->fetch_timeout * 1000;
    fc->max_body = (size_t)cfg->fetch_max_bytes;
    fc->allow_file_urls = cfg->allow_file_urls != 0;
    *allow = NULL;
    *n_allow = 0;
    if (cfg->ssrf_allow && *cfg->ssrf_allow) {
        char *list = xstrdup(cfg->ssrf_allow), *save = NULL;
        for (char *tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            ALLOC_GROW(*allow, *n_allow + 1, alloc);
            (*allow)[(*n_allow)++] = xstrdup(tok);
        }
        free(list);
    }
    fc->allow = (const char *const *)*allow;
    fc->n_allow = *n_allow;
}

void ingest_allow_free(char **allow, size_t n_allow)
{
    for (size_t i = 0; i < n_allow; i++)
        free(allow[i]);
    free(allow);
}

herald_status ingest_new(store *st, const struct config *cfg, ingest **out)
{
    ingest *ing;
    herald_status rc;
    if (cfg->poll_min > cfg->poll_max) {
        log_error("ingest", "poll.min (%ld s) is greater than poll.max (%ld s)", cfg->poll_min,
                  cfg->poll_max);
        return HERALD_E_INVALID;
    }
    ing = xcalloc(1, sizeof(*ing));
    ing->st = st;
    ing->extract = cfg->extract;
    ing->min_words = cfg->extract_min_words;
    schedule_config_init(&ing->sched);
    ing->sched.min_interval = cfg->poll_min;
    ing->sched.max_interval = cfg->poll_max;
    if (ing->sched.initial_interval < ing->sched.min_interval)
        ing->sched.initial_interval = ing->sched.min_interval;
    ingest_fetch_config(cfg, &ing->fetch_cfg, &ing->allow, &ing->n_allow);
    ing->fetch_cfg.accept = FEED_ACCEPT;
    ing->max_open_jobs = 2 * ing->fetch_cfg.max_transfers;
    ingest_set_retry(ing, 5000, 300000);
    rc = fetch_engine_new(&ing->fetch_cfg, &ing->engine);
    if (rc) {
        if (rc == HERALD_E_INVALID)
            log_error("ingest",
                      "bad setting ssrf.allow = '%s' (want host names, addresses and "
                      "CIDRs separated by commas)",
                      cfg->ssrf_allow);
        ingest_free(ing);
        return rc;
    }
    *out = ing;
    return HERALD_OK;
}

herald_status ingest_check_config(const struct config *cfg)
{
    ingest *ing = NULL;
    herald_status rc = ingest_new(NULL, cfg, &ing);
    ingest_free(ing);
    return rc;
}

void ingest_free(ingest *ing)
{
    if (!ing)
        return;
    fetch_engine_free(ing->engine);
    ingest_allow_free(ing->allow, ing->n_allow);
    free(ing);
}

/* Starts the poll of one feed; takes ownership of the record's strings. */
static void start_job(ingest *ing, struct store_feed *feed)
{
    struct poll_job *job = xcalloc(1, sizeof(*job));
    struct fetch_request req = {0};
    job->ing = ing;
    job->feed = *feed;
    store_feed_init(feed);
    ing->jobs_open++;
    req.url = job->feed.url;
    req.etag = job->feed.etag;
    req.last_modified = job->feed.last_modified;
    req.accept = FEED_ACCEPT;
    req.user = job;
    req.done = on_feed_done;
    if (fetch_engine_add(ing->engine, &req))
        job_free(job);
}

/*
 * Feeds are started only while fewer than max_open_jobs polls are open.  The engine runs
 * requests in the order they were added, so starting every due feed at once would park
 * each parsed feed (body, entries, queued page requests) in memory until the page
 * requests of every earlier feed had run: memory would grow with the number of feeds.
 * With the cap it grows with the concurrency instead.
 */
herald_status ingest_poll_due(ingest *ing, int force, struct ingest_stats *stats)
{
    struct store_feed_list due;
    int64_t now = time_now();
    size_t next = 0;
    int active = 0;
    herald_status rc;
    ing->stats = stats ? stats : &ing->scratch;
    rc = force ? store_feed_list(ing->st, &due)
               : store_feed_list_due(ing->st, now, STORE_FEED_DUE_MAX, &due);
    if (rc) {
        log_error("ingest", "cannot list feeds: %s", store_errmsg(ing->st));
        snprintf(ing->last_error, sizeof(ing->last_error), "cannot list feeds: %s",
                 store_errmsg(ing->st));
        return rc;
    }
    for (;;) {
        while (next < due.count && ing->jobs_open < ing->max_open_jobs)
            start_job(ing, &due.items[next++]);
        rc = fetch_engine_perform(ing->engine, 250, &active);
        if (rc) {
            log_error("ingest", "fetch engine failed: %s", herald_strerror(rc));
            snprintf(ing->last_error, sizeof(ing->last_error), "fetch engine failed: %s",
                     herald_strerror(rc));
            break;
        }
        if (active == 0 && next >= due.count)
            break;
    }
    store_feed_list_release(&due);
    return rc;
}

/* Sleeps ms milliseconds, in steps of at most 100 ms, returning early once *stop is set. */
static void wait_or_stop(int64_t ms, volatile sig_atomic_t *stop)
{
    int64_t end = time_monotonic_ms() + ms;
    for (;;) {
        int64_t left = end - time_monotonic_ms();
        if (*stop || left <= 0)
            return;
        if (left > 100)
            left = 100;
        struct timespec ts = {0, (long)left * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* The wait after the n-th failed round in a row: retry_min_ms doubling up to retry_max_ms. */
static int64_t retry_delay(const ingest *ing, int n)
{
    int64_t d = ing->retry_min_ms;
    for (int i = 1; i < n && d < ing->retry_max_ms; i++)
        d *= 2;
    return d < ing->retry_max_ms ? d : ing->retry_max_ms;
}

void ingest_set_retry(ingest *ing, int64_t min_ms, int64_t max_ms)
{
    ing->retry_min_ms = min_ms > 0 ? min_ms : 1;
    ing->retry_max_ms = max_ms > ing->retry_min_ms ? max_ms : ing->retry_min_ms;
}

/*
 * A failed round (the feed list cannot be read, a poll's result cannot be written: the
 * database is locked, full, read-only or gone) never ends the loop: it is reported to
 * core/health.h, logged, and retried after a doubling delay, so a transient failure
 * heals by itself and a lasting one is visible on the about page and /api/v1/health
 * while the site keeps serving what is stored.
 */
herald_status ingest_loop(ingest *ing, volatile sig_atomic_t *stop)
{
    int failures = 0;
    while (!*stop) {
        struct ingest_stats round = {0};
        struct store_feed_list next;
        int64_t wait_ms = 5000;
        herald_status rc;
        ing->last_error[0] = '\0';
        rc = ingest_poll_due(ing, 0, &round);
        if (rc || round.store_failures) {
            failures++;
            wait_ms = retry_delay(ing, failures);
            if (!ing->last_error[0])
                snprintf(ing->last_error, sizeof(ing->last_error), "%s", herald_strerror(rc));
            health_report("ingest", HEALTH_FAILING, time_now() + (wait_ms + 999) / 1000, "%s",
                          ing->last_error);
            log_error("ingest", "round failed (%d in a row), retrying in %lld ms: %s", failures,
                      (long long)wait_ms, ing->last_error);
        } else {
            failures = 0;
            /* Sleep until the next feed is due, but look at *stop often. */
            if (store_feed_list_due(ing->st, time_now() + 5, 1, &next) == HERALD_OK) {
                wait_ms = next.count ? 1000 : 5000;
                store_feed_list_release(&next);
            }
            health_report("ingest", HEALTH_OK, TIME_NONE,
                          "polled %d feeds (%d not modified, %d failed); %d new articles",
                          round.feeds_polled, round.feeds_not_modified, round.feeds_failed,
                          round.articles_inserted);
        }
        wait_or_stop(wait_ms, stop);
    }
    return HERALD_OK;
}
