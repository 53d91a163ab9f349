/*
 * internal.h - what the parts of the web module share and nothing outside it uses:
 * the request and response of one HTTP exchange and the handler entry points.
 *
 * A handler reads the request (route, query parameters through web_req_arg, the
 * worker's store through web_req_store) and fills the response: status, content type,
 * body, cache policy and Last-Modified.  server.c turns that into HTTP (conditional
 * requests, gzip, headers); handlers never talk to libmicrohttpd.
 */
#ifndef HERALD_WEB_INTERNAL_H
#define HERALD_WEB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/strbuf.h"
#include "store/store.h"
#include "web/arena.h"
#include "web/cache.h"
#include "web/route.h"
#include "web/server.h"
#include "web/view.h"

struct web_request;

struct web_response {
    int status;
    const char *content_type; /* static string */
    struct strbuf body;       /* owned; for static files see static_data */
    const void *static_data;  /* when set, the body (not copied, not freed) */
    size_t static_len;
    const char *static_etag;   /* precomputed ETag of static_data */
    const char *cache_control; /* static string; NULL = the default for the status */
    int64_t last_modified;     /* TIME_NONE = no Last-Modified */
    const char *allow;         /* 405: the Allow header */
    const char *location;      /* 301/302: the Location header */
    const char *set_cookie;    /* a Set-Cookie header (arena or static) */
    int64_t retry_after;       /* 429: seconds, the Retry-After header */
    const char *csp;           /* Content-Security-Policy; NULL = the pages' policy */
};

#define WEB_SESSION_COOKIE "herald_session"

/* Who is asking: a signed-in session or a personal API token. */
struct web_viewer {
    int64_t id;
    const char *name;
    int role;                 /* enum store_role */
    const char *csrf;         /* the session's CSRF token; NULL with an API token */
    int via_token;            /* authenticated by Authorization: Bearer */
    const char *session_hash; /* the session's stored hash (sign out); NULL with a token */
};

/* The value of query parameter name, or NULL.  Valid for the request's lifetime. */
const char *web_req_arg(struct web_request *rq, const char *name);
/* The worker thread's read-only store handle, opened on first use.  HERALD_E_NOTFOUND
 * (no database yet), HERALD_E_VERSION, HERALD_E_DB. */
herald_status web_req_store(struct web_request *rq, store **out);
web_arena *web_req_arena(struct web_request *rq);
/* The optional language model's settings (llm_enabled() false when none). */
struct llm_config;
void web_req_llm(struct web_request *rq, struct llm_config *out);
/* The worker's writable store handle, opened on first use (writes from the web). */
herald_status web_req_store_rw(struct web_request *rq, store **out);
/* web_req_store_rw for a handler: on failure answers 503 and returns 0. */
int web_open_rw(struct web_request *rq, struct web_response *resp, store **st);
/* The signed-in reader (session cookie or Bearer token), or NULL. */
const struct web_viewer *web_req_viewer(struct web_request *rq);
/* The server's clock (web_config.clock), seconds UTC. */
int64_t web_req_now(struct web_request *rq);
const struct web_config *web_req_config(struct web_request *rq);
struct web_ratelimit *web_req_limits(struct web_request *rq);
/* The client's address as text (for per-address limits). */
const char *web_req_client(struct web_request *rq);
const char *web_req_cookie(struct web_request *rq, const char *name);
/* The server's cache of related-article ids (may be NULL). */
/* Render context: now, stylesheet URL, this page's path. */
void web_req_render_ctx(struct web_request *rq, struct web_render_ctx *ctx);
int64_t web_req_started(struct web_request *rq); /* server start time */
/* The scheme and authority (and path prefix) absolute links start with: web.base_url when
 * configured, else "http://" and the Host header when that is a plain authority
 * (url_authority_ok), else "" (links stay relative).  Valid for the request; never ends
 * with '/'.  The page cache keys by it. */
const char *web_req_base(struct web_request *rq);

/* The request's method ("GET", "HEAD", "POST") and a request header (NULL when absent). */
const char *web_req_method(struct web_request *rq);
const char *web_req_header(struct web_request *rq, const char *name);

/* The request body (POST routes only; server.c has checked its size and type).
 * web_req_form: the value of a field of an application/x-www-form-urlencoded body, decoded,
 *   or NULL (absent field, or the body is not a form).  The first of repeated fields wins.
 * web_req_json: the parsed application/json body (owned by the request), or NULL.
 * web_req_body: the raw bytes (NUL-terminated, *len without the NUL); "" when none. */
const char *web_req_form(struct web_request *rq, const char *name);
struct json_t *web_req_json(struct web_request *rq);
const char *web_req_body(struct web_request *rq, size_t *len);

/* An error in the route's kind: a JSON error under /api/, else an HTML page. */
void web_error(struct web_request *rq, struct web_response *resp, int status, const char *msg);
/* 303 See Other to location (a path on this site). */
void web_redirect(struct web_request *rq, struct web_response *resp, const char *location);

/* The server's route table (routes.c). */
extern const struct web_route_def web_routes[];
extern const size_t web_routes_count;

/* Page handlers (pages.c): fill resp for route r.  resp->status is 200 and
 * resp->content_type HTML on entry. */
void web_page_home(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_article(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_source(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_search(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_about(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_story(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_entity(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_sources(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_page_topic(struct web_request *rq, const struct web_route *r, struct web_response *resp);
/* An HTML error page. */
void web_page_error(struct web_request *rq, struct web_response *resp, int status,
                    const char *message);

/* Files (server.c): /static/{name}, /favicon.ico. */
void web_static(struct web_request *rq, const struct web_route *r, struct web_response *resp);
/* Images (media.c): /media/{sig}/{width}?u= through the proxy, and an article's lead image
 * /media/{id}[/{width}] (the same route shape without u: web_media_proxy hands it on). */
void web_media_proxy(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_media(struct web_request *rq, const struct web_route *r, struct web_response *resp);
/* The server's image proxy, or NULL when it could not be started. */
media_proxy *web_req_media(struct web_request *rq);

/* API handlers (api.c): resp->content_type is JSON on entry.  And the JSON error body
 * {"error":{"code","message"}}. */
void web_api_articles(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_article(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_sources(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_feeds(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_search(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_health(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_stories(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_story(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_ask(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_entity(struct web_request *rq, const struct web_route *r, struct web_response *resp);
void web_api_error(struct web_response *resp, int status, const char *message);

/* Readers (accounts.c, comments.c); route flags in routes.c say who may call each. */
#define WEB_HANDLER(fn)                                                                            \
    void fn(struct web_request *rq, const struct web_route *r, struct web_response *resp)
WEB_HANDLER(web_signup_form);
WEB_HANDLER(web_signin_form);
WEB_HANDLER(web_signup);
WEB_HANDLER(web_signin);
WEB_HANDLER(web_signout);
WEB_HANDLER(web_account);
WEB_HANDLER(web_account_password);
WEB_HANDLER(web_account_signout_all);
WEB_HANDLER(web_account_delete);
WEB_HANDLER(web_account_token_new);
WEB_HANDLER(web_account_token_revoke);
WEB_HANDLER(web_admin_users);
WEB_HANDLER(web_admin_user_role);
WEB_HANDLER(web_admin_feeds);
WEB_HANDLER(web_admin_feed_add);
WEB_HANDLER(web_admin_feed_change);
WEB_HANDLER(web_comment_post);
WEB_HANDLER(web_comment_edit_form);
WEB_HANDLER(web_comment_edit);
WEB_HANDLER(web_comment_delete);
WEB_HANDLER(web_comment_report);
WEB_HANDLER(web_comment_moderate);
WEB_HANDLER(web_user_ban);
WEB_HANDLER(web_moderation);
WEB_HANDLER(web_reading_set);
WEB_HANDLER(web_saved);
WEB_HANDLER(web_api_comments);
WEB_HANDLER(web_api_comment_post);
WEB_HANDLER(web_api_article_state);
WEB_HANDLER(web_api_saved);

/* What herald publishes for programs (syndicate.c): feeds, robots.txt, sitemaps, the API
 * index and OpenAPI document, the admins' OPML export. */
WEB_HANDLER(web_feed_home);
WEB_HANDLER(web_feed_source);
WEB_HANDLER(web_feed_story);
WEB_HANDLER(web_feed_topic);
WEB_HANDLER(web_feed_search);
WEB_HANDLER(web_robots);
WEB_HANDLER(web_sitemap_index);
WEB_HANDLER(web_sitemap_page);
WEB_HANDLER(web_api_index);
WEB_HANDLER(web_api_openapi);
WEB_HANDLER(web_admin_feeds_opml);
/* The percent-encoded query of the search page's feeds (q, source, since, until) in the
 * arena, or NULL when there is no usable query. */
const char *web_search_feed_query(struct web_request *rq);

/* An article's comments as the viewer sees them (web_article.comments), in the arena. */
herald_status web_comments_load(struct web_request *rq, store *st, const char *article_id,
                                struct web_comments *out);
void web_comment_list_free(void *p); /* arena destructor of a store_comment_list */
/* Sends a JSON document (taken over) as the API response body. */
void web_api_send(struct web_response *resp, struct json_t *root);

/* The status a store failure should become (404, 400, 503, 500). */
int web_status_for(herald_status rc);

#endif
