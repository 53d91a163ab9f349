/*
 * api.c - the JSON API, /api/v1/.  Documented in docs/openapi.json, which
 * tests/web/test_api_schema.c checks the real responses against.
 *
 * Conventions: times are RFC 3339 UTC strings or null; absent strings are null; lists
 * are {"<things>": [...], ...paging}; article lists and searches page by an opaque
 * keyset cursor (next_cursor, null on the last page).  A search also says its sort, its
 * total (counted up to one window, total_capped when more exist) and whether the next
 * page holds older results (store.h, "Windows").  Every error is {"error": {"code": "...",
 * "message": "..."}} with the matching HTTP status.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "llm/llm.h"
#include "html/escape.h"
#include "web/data.h"
#include "web/internal.h"

#include "core/health.h"

#include "core/banned.h"

#define JSON_CT "application/json; charset=utf-8"

static json_t *jstr(const char *s)
{
    json_t *v;
    if (!s)
        return json_null();
    v = json_string(s);
    return v ? v : json_null(); /* invalid UTF-8 from outside: null rather than fail */
}

static json_t *jtime(int64_t t)
{
    char buf[TIME_RFC3339_LEN];
    if (t == TIME_NONE)
        return json_null();
    return json_string(time_format_rfc3339(t, buf));
}

static json_t *jid(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

static void emit(struct web_response *resp, json_t *root)
{
    char *s = json_dumps(root, JSON_COMPACT);
    strbuf_reset(&resp->body);
    if (s) {
        strbuf_adds(&resp->body, s);
        free(s);
    } else {
        resp->status = 500;
        strbuf_adds(&resp->body,
                    "{\"error\":{\"code\":\"internal\",\"message\":\"encoding failed\"}}");
    }
    strbuf_addch(&resp->body, '\n');
    json_decref(root);
    resp->content_type = JSON_CT;
}

static const char *code_for(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 413:
        return "too_large";
    case 415:
        return "unsupported_media_type";
    case 429:
        return "too_many_requests";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

void web_api_error(struct web_response *resp, int status, const char *message)
{
    json_t *root =
        json_pack("{s:{s:s,s:o}}", "error", "code", code_for(status), "message", jstr(message));
    resp->status = status;
    resp->last_modified = TIME_NONE;
    emit(resp, root);
}

static void store_error(struct web_response *resp, herald_status rc, const char *notfound)
{
    int status = web_status_for(rc);
    const char *msg = "internal error";
    if (status == 404)
        msg = notfound;
    else if (status == 400)
        msg = "invalid parameter";
    else if (status == 503)
        msg = "the database is not available";
    web_api_error(resp, status, msg);
}

/* Plain text of a marked snippet, and its HTML form with <mark>. */
static json_t *snippet_plain(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *v;
    if (!s)
        return json_null();
    for (; *s; s++)
        if (*s != WEB_MARK_OPEN[0] && *s != WEB_MARK_CLOSE[0])
            strbuf_addch(&sb, *s);
    v = jstr(sb.buf);
    strbuf_release(&sb);
    return v;
}

static json_t *snippet_html(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *v;
    if (!s)
        return json_null();
    web_render_snippet(&sb, s);
    v = jstr(sb.buf);
    strbuf_release(&sb);
    return v;
}

/* An image for the API: its path through the image proxy at MEDIA_WIDTH_DEFAULT (an
 * http(s) image at its signed /media/{sig}/640?u=..., a local file lead image of article id
 * at /media/{id}/640 when the server allows file URLs), never the publisher's URL nor a
 * local path; null when the page would not show it. */
static json_t *image_json(struct web_request *rq, const char *id, const char *url)
{
    struct web_render_ctx ctx;
    struct strbuf sb = STRBUF_INIT;
    json_t *j;
    web_req_render_ctx(rq, &ctx);
    if (!web_media_shown(&ctx, id, url))
        return json_null();
    web_media_src(&sb, &ctx, id, url, MEDIA_WIDTH_DEFAULT); /* hex, digits, base64url: the
                                                              attribute escaping is a no-op */
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

/* Stored article HTML with its images through the proxy, as the page shows it. */
static json_t *content_json(struct web_request *rq, const char *html)
{
    struct web_render_ctx ctx;
    struct strbuf sb = STRBUF_INIT;
    json_t *j;
    if (!html)
        return json_null();
    web_req_render_ctx(rq, &ctx);
    web_render_body(&sb, &ctx, html);
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

static json_t *item_json(struct web_request *rq, const struct web_item *it, int with_hit)
{
    char path[64];
    json_t *o = json_object();
    snprintf(path, sizeof(path), "/article/%s", it->id);
    json_object_set_new(o, "id", json_string(it->id));
    json_object_set_new(o, "title", jstr(it->title));
    json_object_set_new(o, "url", jstr(it->url));
    json_object_set_new(o, "page", json_string(path));
    json_object_set_new(o, "source_id", jid(it->source_id));
    json_object_set_new(o, "source_name", jstr(it->source_name));
    json_object_set_new(o, "language", jstr(it->language));
    json_object_set_new(o, "time", jtime(it->published));
    json_object_set_new(o, "image_url", image_json(rq, it->id, it->image_url));
    json_object_set_new(o, "summary", jstr(it->summary));
    json_object_set_new(o, "story_id", jid(it->story_id));
    if (it->reason)
        json_object_set_new(o, "reason", json_string(it->reason));
    if (with_hit) {
        json_object_set_new(o, "score", json_real(it->score));
        json_object_set_new(o, "snippet", snippet_plain(it->snippet));
        json_object_set_new(o, "snippet_html", snippet_html(it->snippet));
    }
    return o;
}

static json_t *list_json(struct web_request *rq, const struct web_list *l, int with_hit)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n_items; i++)
        json_array_append_new(a, item_json(rq, &l->items[i], with_hit));
    return a;
}

/* Validates the shared filters; returns 0 (after answering 400) when one is malformed. */
struct filters {
    int64_t source_id, since, until, limit;
    int by_date; /* sort=date */
    char lang[WEB_LANG_MAX];
    char cursor[WEB_CURSOR_MAX];
    char after[WEB_CURSOR_MAX]; /* /api/v1/articles without q: the page newer than it */
    const char *q;
};

static int read_filters(struct web_request *rq, struct web_response *resp, struct filters *f,
                        int64_t max_limit)
{
    const char *bad = NULL;
    memset(f, 0, sizeof(*f));
    f->q = web_req_arg(rq, "q");
    if (web_param_uint(web_req_arg(rq, "source"), INT64_MAX / 2, 0, &f->source_id))
        bad = "source must be a positive integer";
    else if (web_param_date(web_req_arg(rq, "since"), 0, &f->since))
        bad = "since must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
    else if (web_param_date(web_req_arg(rq, "until"), 1, &f->until))
        bad = "until must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
    else if (web_param_uint(web_req_arg(rq, "limit"), max_limit, 0, &f->limit))
        bad = "limit must be a positive integer within the maximum";
    else if (web_param_sort(web_req_arg(rq, "sort"), &f->by_date))
        bad = "sort must be relevance or date";
    else if (web_param_lang(web_req_arg(rq, "language") ? web_req_arg(rq, "language")
                                                        : web_req_arg(rq, "lang"),
                            f->lang))
        bad = "language must be a language tag such as en or pt-br";
    else if (web_param_cursor(web_req_arg(rq, "cursor"), f->cursor))
        bad = "cursor is malformed";
    else if (web_param_cursor(web_req_arg(rq, "after"), f->after))
        bad = "after is malformed";
    else if (f->cursor[0] && f->after[0])
        bad = "give cursor (older) or after (newer), not both";
    else if (f->q && strlen(f->q) > STORE_QUERY_MAX)
        bad = "q is too long";
    if (bad) {
        web_api_error(resp, 400, bad);
        return 0;
    }
    if (f->until != TIME_NONE)
        f->until += 1; /* inclusive for people, exclusive for the store */
    return 1;
}

static void search_into(struct web_request *rq, struct web_response *resp, store *st,
                        const struct filters *f, enum store_search_order order, const char *key)
{
    struct store_search_query q;
    struct web_list l;
    struct web_search_info info;
    const char *message = NULL;
    json_t *root;
    herald_status rc;

    store_search_query_init(&q);
    q.q = f->q;
    q.source_id = f->source_id;
    q.since = f->since;
    q.until = f->until;
    q.language = f->lang[0] ? f->lang : NULL;
    q.order = order;
    q.limit = (int)f->limit;
    q.cursor = f->cursor;
    rc = web_data_search(st, web_req_arena(rq), &q, &l, &info, &message);
    if (rc == HERALD_E_INVALID) {
        web_api_error(resp, 400, message && *message ? message : "malformed query");
        return;
    }
    if (rc) {
        store_error(resp, rc, "not found");
        return;
    }
    root = json_object();
    json_object_set_new(root, key, list_json(rq, &l, 1));
    json_object_set_new(root, "next_cursor", jstr(l.next_cursor));
    json_object_set_new(root, "sort",
                        json_string(order == STORE_SEARCH_NEWEST ? "date" : "relevance"));
    json_object_set_new(root, "total", json_integer(info.total));
    json_object_set_new(root, "total_capped", json_boolean(info.total_capped));
    json_object_set_new(root, "older", json_boolean(info.window_end));
    emit(resp, root);
}

static void api_articles(struct web_request *rq, struct web_response *resp, store *st)
{
    struct store_article_query q;
    struct filters f;
    struct web_list l;
    json_t *root;
    herald_status rc;

    if (!read_filters(rq, resp, &f, STORE_LIST_MAX))
        return;
    if (f.q && *f.q) {
        if (f.after[0]) {
            web_api_error(resp, 400, "after pages lists, not searches (q): follow next_cursor");
            return;
        }
        search_into(rq, resp, st, &f, STORE_SEARCH_NEWEST, "articles");
        return;
    }
    store_article_query_init(&q);
    q.source_id = f.source_id;
    q.since = f.since;
    q.until = f.until;
    q.language = f.lang[0] ? f.lang : NULL;
    q.limit = (int)f.limit;
    q.cursor = f.cursor;
    q.after = f.after;
    rc = web_data_list(st, web_req_arena(rq), &q, &l);
    if (rc) {
        store_error(resp, rc, "not found");
        return;
    }
    root = json_object();
    json_object_set_new(root, "articles", list_json(rq, &l, 0));
    json_object_set_new(root, "next_cursor", jstr(l.next_cursor));
    json_object_set_new(root, "prev_cursor", jstr(l.prev_cursor));
    emit(resp, root);
}

/* The stored display form of an article's authors ("Ana Ruiz, Ben Ode": ingest joins the
 * names with ", ") as an array of names, [] when there is none.  A name that itself holds
 * a comma is split there: the stored form cannot tell. */
static json_t *authors_json(const char *s)
{
    json_t *a = json_array();
    while (s && *s) {
        size_t n = strcspn(s, ","), b = 0, e = n;
        while (b < e && (s[b] == ' ' || s[b] == '\t'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e > b) {
            json_t *v = json_stringn(s + b, e - b);
            if (v)
                json_array_append_new(a, v);
        }
        s += n;
        s += *s == ',';
    }
    return a;
}

static json_t *strings_json(const char **v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, jstr(v[i]));
    return a;
}

static json_t *entity_json(const struct web_entity *e, const char *count_key)
{
    char path[96];
    json_t *o = json_object();
    snprintf(path, sizeof(path), "/entity/%s", e->slug ? e->slug : "");
    json_object_set_new(o, "slug", jstr(e->slug));
    json_object_set_new(o, "name", jstr(e->name));
    json_object_set_new(o, "type", jstr(e->type));
    json_object_set_new(o, count_key, json_integer(e->count));
    json_object_set_new(o, "page", json_string(path));
    return o;
}

/* The "ai" object of an article: null until the article has been analysed. */
static json_t *ai_json(const struct web_ai *ai)
{
    json_t *o, *ents;
    if (!ai->present)
        return json_null();
    o = json_object();
    json_object_set_new(o, "language", jstr(ai->language));
    json_object_set_new(o, "reading_minutes", json_integer(ai->reading_minutes));
    json_object_set_new(o, "language_neutral_only", json_boolean(ai->lang_neutral));
    json_object_set_new(o, "summary", strings_json(ai->summary, ai->n_summary));
    json_object_set_new(o, "key_points", strings_json(ai->key_points, ai->n_key_points));
    json_object_set_new(o, "keywords", strings_json(ai->keywords, ai->n_keywords));
    ents = json_array();
    for (size_t i = 0; i < ai->n_entities; i++)
        json_array_append_new(ents, entity_json(&ai->entities[i], "count"));
    json_object_set_new(o, "entities", ents);
    json_object_set_new(o, "llm_summary", jstr(ai->llm_summary));
    return o;
}

static void api_article(struct web_request *rq, const struct web_route *r,
                        struct web_response *resp, store *st)
{
    struct web_article a;
    json_t *o, *rel, *cats = NULL;
    char path[64];
    herald_status rc;

    rc = web_data_article(st, web_req_arena(rq), web_route_param(r, "id"), WEB_RELATED_CARDS, &a);
    if (rc) {
        store_error(resp, rc, "no article with that id");
        return;
    }
    snprintf(path, sizeof(path), "/article/%s", a.id);
    o = json_object();
    json_object_set_new(o, "id", json_string(a.id));
    json_object_set_new(o, "url", jstr(a.url));
    json_object_set_new(o, "canonical_url", jstr(a.canonical_url));
    json_object_set_new(o, "page", json_string(path));
    json_object_set_new(o, "title", jstr(a.title));
    json_object_set_new(o, "authors", authors_json(a.author));
    json_object_set_new(o, "language", jstr(a.language));
    json_object_set_new(o, "published", jtime(a.published));
    json_object_set_new(o, "updated", jtime(a.updated));
    json_object_set_new(o, "first_seen", jtime(a.fetched));
    json_object_set_new(o, "time", jtime(a.sort_time));
    json_object_set_new(o, "last_changed", jtime(a.last_changed));
    json_object_set_new(o, "summary", jstr(a.summary));
    json_object_set_new(o, "content_html", content_json(rq, a.body_html));
    json_object_set_new(o, "text", jstr(a.body_text));
    json_object_set_new(o, "word_count", json_integer(a.word_count));
    json_object_set_new(o, "image_url", image_json(rq, a.id, a.image_url));
    json_object_set_new(o, "image_caption", jstr(a.image_caption));
    json_object_set_new(o, "image_credit", jstr(a.image_credit));
    if (a.categories_json)
        cats = json_loads(a.categories_json, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_array(cats)) {
        json_decref(cats);
        cats = json_array();
    }
    json_object_set_new(o, "categories", cats);
    json_object_set_new(o, "source_id", jid(a.source_id));
    json_object_set_new(o, "source_name", jstr(a.source_name));
    json_object_set_new(o, "source_homepage", jstr(a.source_homepage));
    json_object_set_new(o, "copyright", jstr(a.copyright));
    json_object_set_new(o, "story_id", jid(a.story_id));
    json_object_set_new(o, "ai", ai_json(&a.ai));
    rel = json_array();
    for (size_t i = 0; i < a.n_related; i++)
        json_array_append_new(rel, json_string(a.related[i].id));
    json_object_set_new(o, "related_ids", rel);
    {
        /* the page's list, then the near-copies (reason near_copy) */
        struct web_list l = {a.related, a.n_related, NULL, NULL},
                        c = {a.copies, a.n_copies, NULL, NULL};
        json_t *all = list_json(rq, &l, 0), *copies = list_json(rq, &c, 0);
        json_array_extend(all, copies);
        json_object_set_new(o, "related", all);
        json_object_set_new(o, "also_published_by", copies);
    }
    resp->last_modified = a.last_changed;
    emit(resp, o);
}

static json_t *source_json(const struct web_source *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "name", jstr(s->name));
    json_object_set_new(o, "homepage", jstr(s->homepage));
    json_object_set_new(o, "language", jstr(s->language));
    json_object_set_new(o, "copyright", jstr(s->copyright));
    json_object_set_new(o, "article_count", json_integer(s->article_count));
    json_object_set_new(o, "feed_count", json_integer(s->feed_count));
    json_object_set_new(o, "latest", jtime(s->latest));
    return o;
}

static void api_sources(struct web_request *rq, struct web_response *resp, store *st)
{
    struct web_source *v;
    size_t n;
    json_t *a;
    herald_status rc = web_data_sources(st, web_req_arena(rq), &v, &n);
    if (rc) {
        store_error(resp, rc, "not found");
        return;
    }
    a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, source_json(&v[i]));
    emit(resp, json_pack("{s:o}", "sources", a));
}

static void api_feeds(struct web_request *rq, struct web_response *resp, store *st)
{
    struct web_feed *v;
    size_t n;
    json_t *a;
    herald_status rc = web_data_feeds(st, web_req_arena(rq), &v, &n);
    if (rc) {
        store_error(resp, rc, "not found");
        return;
    }
    a = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct web_feed *f = &v[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(f->id));
        json_object_set_new(o, "url", jstr(f->url));
        json_object_set_new(o, "title", jstr(f->title));
        json_object_set_new(o, "source_id", jid(f->source_id));
        json_object_set_new(o, "source_name", jstr(f->source_name));
        json_object_set_new(o, "last_poll", jtime(f->last_fetch));
        json_object_set_new(o, "last_success", jtime(f->last_success));
        json_object_set_new(o, "next_poll", jtime(f->next_fetch));
        json_object_set_new(o, "last_status",
                            f->last_status ? json_integer(f->last_status) : json_null());
        json_object_set_new(o, "consecutive_errors", json_integer(f->error_count));
        json_object_set_new(o, "last_error", jstr(f->last_error));
        json_object_set_new(o, "healthy",
                            json_boolean(f->error_count == 0 && f->last_fetch != TIME_NONE));
        json_object_set_new(o, "article_count", json_integer(f->article_count));
        json_array_append_new(a, o);
    }
    emit(resp, json_pack("{s:o}", "feeds", a));
}

static void api_search(struct web_request *rq, struct web_response *resp, store *st)
{
    struct filters f;
    if (!read_filters(rq, resp, &f, STORE_SEARCH_MAX))
        return;
    if (!f.q || !*f.q) {
        web_api_error(resp, 400, "q is required");
        return;
    }
    search_into(rq, resp, st, &f, f.by_date ? STORE_SEARCH_NEWEST : STORE_SEARCH_RELEVANCE,
                "results");
}

/*
 * GET /api/v1/health: {"status": "ok"|"failing", "components": [{"name", "state",
 * "since", "updated", "last_ok", "failures", "next_try", "message"}]}.  "database" is
 * checked now (the worker's store answers a data-version query); the others are what
 * they last reported to core/health.h ("ingest" under `herald serve`, absent with
 * --no-ingest).  200 when every component is ok, else 503, so a plain HTTP check works.
 * Never cached, and it answers even when the database is unavailable.
 */
void web_api_health(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct health_report reps[HEALTH_MAX_COMPONENTS];
    (void)r;
    size_t n = health_snapshot(reps, HEALTH_MAX_COMPONENTS);
    store *st = NULL;
    int64_t version;
    int ok = web_req_store(rq, &st) == HERALD_OK && store_data_version(st, &version) == HERALD_OK;
    json_t *comps = json_array(), *db = json_object();
    json_object_set_new(db, "name", json_string("database"));
    json_object_set_new(db, "state", json_string(ok ? "ok" : "failing"));
    json_object_set_new(db, "message",
                        json_string(ok ? "readable" : "the database is not available"));
    json_array_append_new(comps, db);
    for (size_t i = 0; i < n; i++) {
        const struct health_report *h = &reps[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", jstr(h->name));
        json_object_set_new(o, "state", json_string(health_state_name(h->state)));
        json_object_set_new(o, "since", jtime(h->since));
        json_object_set_new(o, "updated", jtime(h->updated));
        json_object_set_new(o, "last_ok", jtime(h->last_ok));
        json_object_set_new(o, "failures", json_integer(h->failures));
        json_object_set_new(o, "next_try", jtime(h->next_try));
        json_object_set_new(o, "message", jstr(h->message));
        json_array_append_new(comps, o);
        ok = ok && h->state == HEALTH_OK;
    }
    resp->status = ok ? 200 : 503;
    resp->cache_control = "no-store";
    emit(resp, json_pack("{s:s,s:o}", "status", ok ? "ok" : "failing", "components", comps));
}

static json_t *story_json(struct web_request *rq, const struct web_story *s)
{
    char path[48];
    json_t *o = json_object();
    snprintf(path, sizeof(path), "/story/%lld", (long long)s->id);
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "title", jstr(s->title));
    json_object_set_new(o, "page", json_string(path));
    json_object_set_new(o, "first_update", jtime(s->first_update));
    json_object_set_new(o, "last_update", jtime(s->last_update));
    json_object_set_new(o, "size", json_integer(s->size));
    json_object_set_new(o, "sources", json_integer(s->sources));
    json_object_set_new(o, "open", json_boolean(s->open));
    json_object_set_new(o, "image_url", image_json(rq, s->lead_id, s->image_url));
    return o;
}

static void api_stories(struct web_request *rq, struct web_response *resp, store *st)
{
    struct web_story *top = NULL;
    size_t n = 0;
    int64_t limit = 20;
    json_t *arr;
    herald_status rc;
    if (web_param_uint(web_req_arg(rq, "limit"), 100, 20, &limit)) {
        web_api_error(resp, 400, "limit must be an integer from 1 to 100");
        return;
    }
    rc = web_data_top_stories(st, web_req_arena(rq), time_now(), (int)limit, &top, &n);
    if (rc) {
        store_error(resp, rc, NULL);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = story_json(rq, &top[i]);
        json_object_set_new(o, "rank", json_real(top[i].rank));
        json_array_append_new(arr, o);
    }
    emit(resp, json_pack("{s:o}", "stories", arr));
}

static void api_story(struct web_request *rq, const struct web_route *r, struct web_response *resp,
                      store *st)
{
    struct web_story s;
    int64_t into = 0;
    json_t *o, *arts, *rel;
    herald_status rc =
        web_data_story(st, web_req_arena(rq), web_route_param_int(r, "id"), &s, &into);
    if (rc) {
        store_error(resp, rc, "no story with that id");
        return;
    }
    if (into > 0) {
        char loc[48];
        snprintf(loc, sizeof(loc), "/api/v1/stories/%lld", (long long)into);
        resp->status = 301;
        resp->location = web_arena_strdup(web_req_arena(rq), loc);
        emit(resp, json_pack("{s:I}", "merged_into", (json_int_t)into));
        return;
    }
    o = story_json(rq, &s);
    {
        struct web_list l = {s.articles, s.n_articles, NULL, NULL};
        arts = list_json(rq, &l, 0);
    }
    rel = json_array();
    for (size_t i = 0; i < s.n_related; i++)
        json_array_append_new(rel, story_json(rq, &s.related[i]));
    json_object_set_new(o, "articles", arts);
    json_object_set_new(o, "related", rel);
    emit(resp, o);
}

/* /api/v1/articles/{id}/ask?q=: the passages of the article (and of the other articles
 * of its story) that best answer q; found = false rather than a guess. */
static void api_ask(struct web_request *rq, const struct web_route *r, struct web_response *resp,
                    store *st)
{
    const char *q = web_req_arg(rq, "q");
    struct web_article a;
    json_t *o, *ps;
    herald_status rc;

    if (!q || !*q) {
        web_api_error(resp, 400, "q (the question) is required");
        return;
    }
    if (strlen(q) > AI_MAX_QUESTION) {
        web_api_error(resp, 400, "q is too long");
        return;
    }
    rc = web_data_article(st, web_req_arena(rq), web_route_param(r, "id"), WEB_RELATED_LINKS, &a);
    if (rc == HERALD_OK)
        rc = web_data_ask(st, web_req_arena(rq), &a, q);
    if (rc) {
        store_error(resp, rc, "no article with that id");
        return;
    }
    {
        struct llm_config lc;
        store *rw = NULL;
        web_req_llm(rq, &lc);
        if (llm_enabled(&lc) && web_req_store_rw(rq, &rw) != HERALD_OK)
            rw = NULL; /* answers still shown, just not kept */
        web_data_llm(st, rw, web_req_arena(rq), &lc, NULL, &a);
    }
    ps = json_array();
    for (size_t i = 0; i < a.ai.n_passages; i++) {
        const struct web_passage *p = &a.ai.passages[i];
        json_t *po = json_object();
        json_object_set_new(po, "text", snippet_plain(p->text));
        json_object_set_new(po, "html", snippet_html(p->text));
        json_object_set_new(po, "article_id", jstr(p->article_id));
        json_object_set_new(po, "score", json_real(p->score));
        json_array_append_new(ps, po);
    }
    o = json_object();
    json_object_set_new(o, "question", jstr(q));
    json_object_set_new(o, "found", json_boolean(a.ai.n_passages > 0));
    json_object_set_new(o, "passages", ps);
    json_object_set_new(o, "llm_answer", jstr(a.ai.llm_answer));
    emit(resp, o);
}

/* /api/v1/entities/{slug}: the entity, the stories and the articles mentioning it, newest
 * first. */
static void api_entity(struct web_request *rq, const struct web_route *r, struct web_response *resp,
                       store *st)
{
    struct web_entity_page p;
    struct store_article_query q;
    char cursor[WEB_CURSOR_MAX];
    int64_t limit = 0;
    json_t *o, *stories;
    herald_status rc;

    if (web_param_cursor(web_req_arg(rq, "cursor"), cursor)) {
        web_api_error(resp, 400, "cursor is malformed");
        return;
    }
    if (web_param_uint(web_req_arg(rq, "limit"), STORE_LIST_MAX, 0, &limit)) {
        web_api_error(resp, 400, "limit must be a positive integer within the maximum");
        return;
    }
    rc = web_data_entity(st, web_req_arena(rq), web_route_param(r, "slug"), cursor, NULL, &p);
    if (rc == HERALD_E_INVALID && !cursor[0])
        rc = HERALD_E_NOTFOUND; /* a malformed slug names nothing */
    if (rc == HERALD_OK && limit > 0) {
        /* the page with the caller's limit */
        store_article_query_init(&q);
        q.entity = p.entity.slug;
        q.cursor = cursor;
        q.limit = (int)limit;
        rc = web_data_list(st, web_req_arena(rq), &q, &p.articles);
    }
    if (rc) {
        store_error(resp, rc, "no entity with that name");
        return;
    }
    o = json_object();
    json_object_set_new(o, "entity", entity_json(&p.entity, "count"));
    stories = json_array();
    for (size_t i = 0; i < p.n_stories; i++)
        json_array_append_new(stories, story_json(rq, &p.stories[i]));
    json_object_set_new(o, "stories", stories);
    json_object_set_new(o, "articles", list_json(rq, &p.articles, 0));
    json_object_set_new(o, "next_cursor", jstr(p.articles.next_cursor));
    emit(resp, o);
}

/* Opens the worker's store for an API handler; on failure answers the error. */
static store *api_store(struct web_request *rq, struct web_response *resp)
{
    store *st = NULL;
    herald_status rc = web_req_store(rq, &st);
    if (rc) {
        store_error(resp, rc == HERALD_E_NOTFOUND ? HERALD_E_DB : rc, NULL);
        return NULL;
    }
    return st;
}

#define API_HANDLER(name, call)                                                                    \
    void web_api_##name(struct web_request *rq, const struct web_route *r,                         \
                        struct web_response *resp)                                                 \
    {                                                                                              \
        store *st = api_store(rq, resp);                                                           \
        (void)r;                                                                                   \
        if (st)                                                                                    \
            call;                                                                                  \
    }

API_HANDLER(articles, api_articles(rq, resp, st))
API_HANDLER(article, api_article(rq, r, resp, st))
API_HANDLER(ask, api_ask(rq, r, resp, st))
API_HANDLER(entity, api_entity(rq, r, resp, st))
API_HANDLER(sources, api_sources(rq, resp, st))
API_HANDLER(feeds, api_feeds(rq, resp, st))
API_HANDLER(search, api_search(rq, resp, st))

void web_api_send(struct web_response *resp, struct json_t *root)
{
    emit(resp, root);
}
API_HANDLER(stories, api_stories(rq, resp, st))
API_HANDLER(story, api_story(rq, r, resp, st))
