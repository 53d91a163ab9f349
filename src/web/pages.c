/*
 * pages.c - the HTML page handlers: validate parameters, fill a view model through
 * data.h, render it through view.h.  Status rules: a malformed parameter is 400, an
 * unknown id 404, a database that cannot be opened 503; a bad search query is a 400
 * page that shows the search form with a friendly message, never a 500.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/health.h"
#include "ai/ai.h"
#include "core/log.h"
#include "llm/llm.h"
#include "core/timeutil.h"
#include "store/store_users.h"
#include "web/data.h"
#include "web/internal.h"

#include "core/banned.h"

#define HTML "text/html; charset=utf-8"

void web_page_error(struct web_request *rq, struct web_response *resp, int status,
                    const char *message)
{
    struct web_render_ctx ctx;
    web_req_render_ctx(rq, &ctx);
    ctx.path = NULL;
    strbuf_reset(&resp->body);
    resp->status = status;
    resp->content_type = HTML;
    resp->last_modified = TIME_NONE;
    web_render_error(&resp->body, &ctx, status, message);
}

static void store_failure(struct web_request *rq, struct web_response *resp, herald_status rc,
                          const char *what)
{
    int status = web_status_for(rc);
    const char *msg = "Something went wrong on our side.";
    if (status == 404)
        msg = what;
    else if (status == 400)
        msg = "That link is malformed: one of its parameters is not valid.";
    else if (status == 503)
        msg = "The news database is not available right now. Please try again shortly.";
    web_page_error(rq, resp, status, msg);
}

static int open_store(struct web_request *rq, struct web_response *resp, store **st)
{
    herald_status rc = web_req_store(rq, st);
    if (rc) {
        store_failure(rq, resp, rc == HERALD_E_NOTFOUND ? HERALD_E_DB : rc, NULL);
        return 0;
    }
    return 1;
}

/* ?unread=1 for a signed-in reader: the list keeps only the articles they have not marked
 * read (a store filter, so pages stay full).  Returns the reader's id for
 * store_article_query.unread_for (0: no filter) and sets ctx->list_unread. */
static int64_t unread_for(struct web_request *rq, struct web_render_ctx *ctx)
{
    const struct web_viewer *v = web_req_viewer(rq);
    const char *u = web_req_arg(rq, "unread");
    if (!v) {
        ctx->list_unread = 0;
        return 0;
    }
    ctx->list_unread = u && strcmp(u, "1") == 0 ? 2 : 1;
    return ctx->list_unread == 2 ? v->id : 0;
}

/* The position of a paged list: ?before= (the page older than a cursor) or ?after= (the
 * page newer than it), at most one of them.  Returns 0 after answering 400. */
struct list_pos {
    char before[WEB_CURSOR_MAX], after[WEB_CURSOR_MAX];
};

static int read_pos(struct web_request *rq, struct web_response *resp, struct list_pos *pos)
{
    const char *bad = NULL;
    if (web_param_cursor(web_req_arg(rq, "before"), pos->before))
        bad = "The page link is malformed (bad \"before\" cursor).";
    else if (web_param_cursor(web_req_arg(rq, "after"), pos->after))
        bad = "The page link is malformed (bad \"after\" cursor).";
    else if (pos->before[0] && pos->after[0])
        bad = "A page link has \"before\" or \"after\", not both.";
    if (bad)
        web_page_error(rq, resp, 400, bad);
    return bad == NULL;
}

void web_page_home(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_article_query q;
    struct web_render_ctx ctx;
    struct web_list list;
    struct web_story *top = NULL;
    struct web_language *langs = NULL;
    size_t n_top = 0, n_langs = 0;
    struct list_pos pos;
    char lang[WEB_LANG_MAX];
    store *st;
    herald_status rc;

    (void)r;
    if (!read_pos(rq, resp, &pos))
        return;
    if (web_param_lang(web_req_arg(rq, "lang"), lang)) {
        web_page_error(rq, resp, 400, "The language filter is not a language tag (en, pt-br).");
        return;
    }
    if (!open_store(rq, resp, &st))
        return;
    web_req_render_ctx(rq, &ctx);
    ctx.path = "/";
    store_article_query_init(&q);
    q.cursor = pos.before;
    q.after = pos.after;
    q.language = lang[0] ? lang : NULL;
    q.limit = 30;
    q.unread_for = unread_for(rq, &ctx);
    rc = web_data_page(st, web_req_arena(rq), &q, &list);
    if (rc) {
        store_failure(rq, resp, rc, NULL);
        return;
    }
    /* The top stories and the language filter are extras: a failure there leaves the
     * latest list.  The first page is the one with nothing newer. */
    if (!list.prev_cursor &&
        web_data_top_stories(st, web_req_arena(rq), ctx.now, 5, &top, &n_top) != HERALD_OK)
        n_top = 0;
    if (web_data_languages(st, web_req_arena(rq), &langs, &n_langs) != HERALD_OK)
        n_langs = 0;
    /* the latest list shows each story once (copies are already folded by the store) */
    web_list_fold_stories(&list);
    ctx.list_lang = lang[0] ? lang : NULL;
    ctx.list_langs = langs;
    ctx.n_list_langs = n_langs;
    ctx.feed_path = "/feed";
    ctx.feed_title = "herald";
    web_render_home(&resp->body, &ctx, top, n_top, &list, list.prev_cursor == NULL);
}

void web_page_story(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_story s;
    int64_t into = 0;
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_story(st, web_req_arena(rq), web_route_param_int(r, "id"), &s, &into);
    if (rc) {
        store_failure(rq, resp, rc, "There is no story with that id.");
        return;
    }
    if (into > 0) {
        char loc[48];
        snprintf(loc, sizeof(loc), "/story/%lld", (long long)into);
        resp->status = 301;
        resp->location = web_arena_strdup(web_req_arena(rq), loc);
        resp->content_type = HTML;
        strbuf_adds(&resp->body, "<!doctype html><title>Moved</title>");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    {
        char feed[48];
        snprintf(feed, sizeof(feed), "/story/%lld/feed", (long long)s.id);
        ctx.feed_path = web_arena_strdup(web_req_arena(rq), feed);
        ctx.feed_title = s.title;
    }
    web_render_story(&resp->body, &ctx, &s);
}

void web_page_article(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *question = web_req_arg(rq, "q");
    struct web_render_ctx ctx;
    struct web_article a;
    struct web_comments comments;
    char canon[64];
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_article(st, web_req_arena(rq), web_route_param(r, "id"), WEB_RELATED_LINKS, &a);
    if (rc) {
        store_failure(rq, resp, rc, "There is no article with that id.");
        return;
    }
    rc = web_comments_load(rq, st, web_route_param(r, "id"), &comments);
    if (rc) {
        store_failure(rq, resp, rc, "There is no article with that id.");
        return;
    }
    a.comments = &comments;
    /* Ask the article: ?q= (the form in the AI section) */
    if (question && *question) {
        if (strlen(question) > AI_MAX_QUESTION) {
            a.ai.question = question;
            a.ai.ask_message = "That question is too long; ask it in fewer words.";
            resp->status = 400;
        } else if (web_data_ask(st, web_req_arena(rq), &a, question) != HERALD_OK) {
            a.ai.question = question;
            a.ai.ask_message = "That question could not be answered right now.";
        }
    }
    {
        struct llm_config lc;
        store *rw = NULL;
        web_req_llm(rq, &lc);
        if (llm_enabled(&lc) && web_req_store_rw(rq, &rw) != HERALD_OK)
            rw = NULL; /* answers still shown, just not kept */
        web_data_llm(st, rw, web_req_arena(rq), &lc, web_route_param(r, "lang"), &a);
    }
    web_req_render_ctx(rq, &ctx);
    snprintf(canon, sizeof(canon), "/article/%s", web_route_param(r, "id"));
    ctx.path = canon;
    web_render_article(&resp->body, &ctx, &a);
    resp->last_modified = a.last_changed;
}

void web_page_entity(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_entity_page p;
    struct list_pos pos;
    store *st;
    herald_status rc;

    if (!read_pos(rq, resp, &pos))
        return;
    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_entity(st, web_req_arena(rq), web_route_param(r, "slug"), pos.before, pos.after,
                         &p);
    if (rc == HERALD_E_INVALID && !pos.before[0] && !pos.after[0])
        rc = HERALD_E_NOTFOUND; /* a malformed name names nothing */
    if (rc) {
        store_failure(rq, resp, rc, "No article mentions anyone or anything by that name.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    web_render_entity(&resp->body, &ctx, &p);
}

/* /sources: every source by name, and the topics most used (at most WEB_SOURCES_TOPICS). */
#define WEB_SOURCES_TOPICS 100
void web_page_sources(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_sources_page p;
    struct web_source *src = NULL;
    struct web_topic *topics = NULL;
    store *st;
    herald_status rc;

    (void)r;
    if (!open_store(rq, resp, &st))
        return;
    memset(&p, 0, sizeof(p));
    rc = web_data_sources(st, web_req_arena(rq), &src, &p.n_sources);
    if (!rc)
        rc = web_data_topics(st, web_req_arena(rq), WEB_SOURCES_TOPICS, &topics, &p.n_topics);
    if (rc) {
        store_failure(rq, resp, rc, NULL);
        return;
    }
    p.sources = src;
    p.topics = topics;
    web_req_render_ctx(rq, &ctx);
    ctx.path = "/sources";
    web_render_sources(&resp->body, &ctx, &p);
}

void web_page_topic(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_topic_page p;
    struct list_pos pos;
    store *st;
    herald_status rc;

    if (!read_pos(rq, resp, &pos))
        return;
    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_topic(st, web_req_arena(rq), web_route_param(r, "slug"), pos.before, pos.after,
                        30, &p);
    if (rc == HERALD_E_INVALID && !pos.before[0] && !pos.after[0])
        rc = HERALD_E_NOTFOUND; /* a malformed name names nothing */
    if (rc) {
        store_failure(rq, resp, rc, "There is no topic by that name.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    {
        char path[96];
        snprintf(path, sizeof(path), "/topic/%s", p.topic.slug);
        ctx.path = web_arena_strdup(web_req_arena(rq), path);
        snprintf(path, sizeof(path), "/topic/%s/feed", p.topic.slug);
        ctx.feed_path = web_arena_strdup(web_req_arena(rq), path);
        ctx.feed_title = p.topic.name;
    }
    web_render_topic(&resp->body, &ctx, &p);
}

void web_page_source(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_source_page p;
    struct list_pos pos;
    store *st;
    herald_status rc;

    if (!read_pos(rq, resp, &pos))
        return;
    if (!open_store(rq, resp, &st))
        return;
    web_req_render_ctx(rq, &ctx);
    rc = web_data_source(st, web_req_arena(rq), web_route_param_int(r, "n"), pos.before, pos.after,
                         unread_for(rq, &ctx), &p);
    if (rc) {
        store_failure(rq, resp, rc, "There is no source with that id.");
        return;
    }
    {
        char feed[48];
        snprintf(feed, sizeof(feed), "/source/%lld/feed", (long long)p.source.id);
        ctx.feed_path = web_arena_strdup(web_req_arena(rq), feed);
        ctx.feed_title = p.source.name;
    }
    web_render_source(&resp->body, &ctx, &p);
}

void web_page_search(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_search_query q;
    struct web_search_info info;
    struct web_search_page p;
    struct web_render_ctx ctx;
    const char *src = web_req_arg(rq, "source");
    int64_t source_id = 0, since, until;
    char cursor[WEB_CURSOR_MAX];
    store *st;
    herald_status rc;

    (void)r;
    memset(&p, 0, sizeof(p));
    p.q = web_req_arg(rq, "q");
    p.since = web_req_arg(rq, "since");
    p.until = web_req_arg(rq, "until");
    web_req_render_ctx(rq, &ctx);
    ctx.query = p.q;
    ctx.path = NULL;
    if (web_param_uint(src, INT64_MAX / 2, 0, &source_id))
        p.message = "The source filter is not valid.";
    else if (web_param_date(p.since, 0, &since))
        p.message = "The \"from\" date is not valid; use YYYY-MM-DD.";
    else if (web_param_date(p.until, 1, &until))
        p.message = "The \"to\" date is not valid; use YYYY-MM-DD.";
    else if (web_param_cursor(web_req_arg(rq, "cursor"), cursor))
        p.message = "The page link is not valid; start the search again.";
    else if (web_param_sort(web_req_arg(rq, "sort"), &p.by_date))
        p.message = "Results sort by relevance or by date.";
    else if (p.q && strlen(p.q) > STORE_QUERY_MAX)
        p.message = "That query is too long.";
    p.source_id = source_id;
    if (p.message) {
        resp->status = 400;
        web_render_search(&resp->body, &ctx, &p);
        return;
    }
    if (!open_store(rq, resp, &st))
        return;
    /* The source filter's choices; a failure here only hides the filter. */
    if (web_data_source_names(st, web_req_arena(rq), &p.sources, &p.n_sources))
        p.n_sources = 0;
    if (p.q && *p.q) {
        store_search_query_init(&q);
        q.q = p.q;
        q.source_id = source_id;
        q.since = since;
        /* until is inclusive for people ("to 2026-11-25" includes that day) */
        q.until = until == TIME_NONE ? TIME_NONE : until + 1;
        q.order = p.by_date ? STORE_SEARCH_NEWEST : STORE_SEARCH_RELEVANCE;
        q.cursor = cursor;
        q.limit = 20;
        rc = web_data_search(st, web_req_arena(rq), &q, &p.results, &info, &p.message);
        if (rc == HERALD_E_INVALID) {
            if (!p.message || !*p.message)
                p.message = "That query could not be understood.";
            resp->status = 400;
        } else if (rc) {
            store_failure(rq, resp, rc, NULL);
            return;
        } else {
            p.searched = 1;
            /* the same query as a feed, for readers that follow it */
            ctx.feed_query = web_search_feed_query(rq);
            if (ctx.feed_query) {
                ctx.feed_path = "/search/feed";
                ctx.feed_title = "Search results";
            }
            p.total = info.total;
            p.total_capped = info.total_capped;
            p.window_end = info.window_end;
        }
    }
    web_render_search(&resp->body, &ctx, &p);
}

void web_page_about(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_about_page p;
    store *st;

    (void)r;
    memset(&p, 0, sizeof(p));
    p.version = HERALD_VERSION;
    p.newest = TIME_NONE;
    p.last_poll = TIME_NONE;
    p.started = web_req_started(rq);
    if (web_req_store(rq, &st) != HERALD_OK ||
        web_data_about(st, web_req_arena(rq), &p) != HERALD_OK) {
        p.db_ok = 0;
        resp->status = 503;
    }
    {
        struct health_report *h =
            web_arena_alloc(web_req_arena(rq), HEALTH_MAX_COMPONENTS * sizeof(*h));
        p.n_health = health_snapshot(h, HEALTH_MAX_COMPONENTS);
        p.health = h;
    }
    web_req_render_ctx(rq, &ctx);
    ctx.path = "/about";
    web_render_about(&resp->body, &ctx, &p);
    resp->cache_control = "no-cache";
}
