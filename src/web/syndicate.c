/*
 * syndicate.c - what herald publishes for other programs: its feeds (feedout.h) of the
 * home page, a source, a story and a search; /robots.txt and the sitemaps; the API's
 * index and OpenAPI document; and the admins' OPML export of every subscription.
 *
 * Absolute URLs.  Feeds, sitemaps, robots.txt, canonical links and Open Graph tags need
 * absolute URLs.  Their base is web_req_base(): the configured web.base_url, else
 * http://HOST from a Host header that is a plain authority (url_authority_ok), else
 * nothing.  Because a derived base comes from the client, the page cache keys by it: one
 * client's Host header can never appear in the page another client is sent.  Feeds then
 * fall back to root-relative links and urn: ids (still parseable; herald's parser resolves
 * them against the feed's URL); sitemaps, whose protocol requires absolute URLs, answer
 * 400, and robots.txt leaves out its Sitemap line.  Behind a TLS-terminating proxy set
 * web.base_url: herald cannot know the scheme the client used.
 *
 * Sitemaps scale by keyset, never by OFFSET or by loading every row: /sitemap.xml is an
 * index computed from the highest article position alone (store_article_seq_max), and
 * page N lists the articles at positions [(N-1) * SPAN + 1, N * SPAN + 1), one range
 * scan of the table's b-tree.  Stories, entities and topics follow the same rule by id
 * (store_sitemap_range), each kind with pages of its own.  Positions only grow, so an article's
 * page never changes; a deleted article leaves its page a little shorter.  SPAN (10,000) keeps each
 * page far under the protocol's 50,000 URLs and 50 MB; the index holds at most 50,000 pages.
 *
 * robots.txt is generated from the route table, not a hand list: every path a route
 * flags as API, signed-in, moderator, admin, private (no-store) or no-index is
 * disallowed, so a new private page is covered by its flags.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/timeutil.h"
#include "html/escape.h"
#include "feed/opml.h"
#include "store/store.h"
#include "web/data.h"
#include "web/feedout.h"
#include "web/internal.h"
#include "web/static.h"

#include "core/banned.h"

#define SITEMAP_SPAN 10000
#define SITEMAP_INDEX_MAX 50000
#define XML_CT "application/xml; charset=utf-8"

static int open_store(struct web_request *rq, struct web_response *resp, store **st)
{
    herald_status rc = web_req_store(rq, st);
    if (rc) {
        web_error(rq, resp, 503,
                  "The news database is not available right now. Please try again shortly.");
        return 0;
    }
    return 1;
}

static void store_error(struct web_request *rq, struct web_response *resp, herald_status rc,
                        const char *not_found)
{
    int status = web_status_for(rc);
    web_error(rq, resp, status,
              status == 404   ? not_found
              : status == 400 ? "One of the parameters is not valid."
                              : "Something went wrong on our side.");
}

/* The format of a feed route: the extension of its pattern ("/feed.atom" -> Atom). */
static enum web_feed_format route_format(const struct web_route *r)
{
    const char *dot = strrchr(r->def->pattern, '.');
    int f = web_feed_format_from_ext(dot ? dot + 1 : NULL);
    return f < 0 ? WEB_FEED_RSS : (enum web_feed_format)f;
}

static void send_feed(struct web_request *rq, struct web_response *resp,
                      const struct web_render_ctx *ctx, const struct web_feed_doc *doc,
                      const struct web_route *r)
{
    enum web_feed_format fmt = route_format(r);
    strbuf_reset(&resp->body);
    resp->content_type = web_feed_content_type(fmt);
    resp->cache_control = "public, max-age=300";
    web_feed_write(&resp->body, fmt, ctx, doc);
    (void)rq;
}

/* A feed of the page /kind/id (kind NULL: the home page) listing items[0..n). */
static void doc_init(struct web_feed_doc *doc, web_arena *a, const char *kind, int64_t id,
                     const struct web_item *items, size_t n)
{
    char buf[64];
    memset(doc, 0, sizeof(*doc));
    doc->page_path = "/";
    doc->feed_path = "/feed";
    doc->key = "home";
    if (kind) {
        snprintf(buf, sizeof(buf), "/%s/%" PRId64, kind, id);
        doc->page_path = web_arena_strdup(a, buf);
        snprintf(buf, sizeof(buf), "/%s/%" PRId64 "/feed", kind, id);
        doc->feed_path = web_arena_strdup(a, buf);
        snprintf(buf, sizeof(buf), "%s-%" PRId64, kind, id);
        doc->key = web_arena_strdup(a, buf);
    }
    doc->updated = TIME_NONE;
    doc->items = items;
    doc->n_items = n;
}

void web_feed_home(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_article_query q;
    struct web_render_ctx ctx;
    struct web_feed_doc doc;
    struct web_list list;
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    store_article_query_init(&q);
    q.limit = WEB_FEED_MAX_ITEMS;
    rc = web_data_list(st, web_req_arena(rq), &q, &list);
    if (rc) {
        store_error(rq, resp, rc, "There is nothing here.");
        return;
    }
    web_list_fold_stories(&list);
    web_req_render_ctx(rq, &ctx);
    doc_init(&doc, web_req_arena(rq), NULL, 0, list.items, list.n_items);
    doc.title = "herald";
    doc.description = "The latest news from every source this herald follows.";
    send_feed(rq, resp, &ctx, &doc, r);
}

void web_feed_source(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_article_query q;
    struct web_render_ctx ctx;
    struct web_source_page p;
    struct web_feed_doc doc;
    struct web_list list;
    web_arena *a = web_req_arena(rq);
    int64_t id = web_route_param_int(r, "n");
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_source(st, a, id, "", NULL, 0, &p);
    if (rc) {
        store_error(rq, resp, rc, "There is no source with that id.");
        return;
    }
    store_article_query_init(&q);
    q.source_id = id;
    q.limit = WEB_FEED_MAX_ITEMS;
    rc = web_data_list(st, a, &q, &list);
    if (rc) {
        store_error(rq, resp, rc, "There is no source with that id.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    doc_init(&doc, a, "source", id, list.items, list.n_items);
    doc.title = p.source.name && *p.source.name ? p.source.name : "Unknown source";
    doc.description = p.source.copyright;
    doc.language = p.source.language;
    send_feed(rq, resp, &ctx, &doc, r);
}

void web_feed_story(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_feed_doc doc;
    struct web_story s;
    struct web_item *items;
    web_arena *a = web_req_arena(rq);
    int64_t id = web_route_param_int(r, "id"), into = 0;
    size_t n;
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_story(st, a, id, &s, &into);
    if (rc) {
        store_error(rq, resp, rc, "There is no story with that id.");
        return;
    }
    if (into > 0) {
        const char *dot = strrchr(r->def->pattern, '.');
        char loc[64];
        snprintf(loc, sizeof(loc), "/story/%" PRId64 "/feed%s", into, dot ? dot : ".xml");
        resp->status = 301;
        resp->location = web_arena_strdup(a, loc);
        return;
    }
    /* the page is a timeline (oldest first); a feed lists the newest first */
    n = s.n_articles < WEB_FEED_MAX_ITEMS ? s.n_articles : WEB_FEED_MAX_ITEMS;
    items = web_arena_alloc(a, (n ? n : 1) * sizeof(*items));
    for (size_t i = 0; i < n; i++)
        items[i] = s.articles[s.n_articles - 1 - i];
    web_req_render_ctx(rq, &ctx);
    doc_init(&doc, a, "story", id, items, n);
    doc.title = s.title && *s.title ? s.title : "(untitled story)";
    doc.description = "Every article herald has of this story, newest first.";
    doc.updated = s.last_update;
    send_feed(rq, resp, &ctx, &doc, r);
}

void web_feed_topic(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_topic_page p;
    struct web_feed_doc doc;
    web_arena *a = web_req_arena(rq);
    const char *slug = web_route_param(r, "slug");
    char buf[160];
    store *st;
    herald_status rc;

    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_topic(st, a, slug, "", "", WEB_FEED_MAX_ITEMS, &p);
    if (rc == HERALD_E_INVALID)
        rc = HERALD_E_NOTFOUND; /* a malformed name names nothing */
    if (rc) {
        store_error(rq, resp, rc, "There is no such topic.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    doc_init(&doc, a, NULL, 0, p.articles.items, p.articles.n_items);
    snprintf(buf, sizeof(buf), "/topic/%s", p.topic.slug);
    doc.page_path = web_arena_strdup(a, buf);
    snprintf(buf, sizeof(buf), "/topic/%s/feed", p.topic.slug);
    doc.feed_path = web_arena_strdup(a, buf);
    snprintf(buf, sizeof(buf), "topic-%s", p.topic.slug);
    doc.key = web_arena_strdup(a, buf);
    doc.title = p.topic.name && *p.topic.name ? p.topic.name : p.topic.slug;
    doc.description = "The latest articles filed under this topic.";
    send_feed(rq, resp, &ctx, &doc, r);
}

/* The query string of a search feed (q and the filters the page keeps), percent-encoded. */
static const char *search_feed_query(web_arena *a, const char *q, int64_t source_id,
                                     const char *since, const char *until)
{
    struct strbuf sb = STRBUF_INIT;
    const char *out;
    strbuf_adds(&sb, "q=");
    web_render_query_value(&sb, q);
    if (source_id > 0)
        strbuf_addf(&sb, "&source=%" PRId64, source_id);
    if (since && *since) {
        strbuf_adds(&sb, "&since=");
        web_render_query_value(&sb, since);
    }
    if (until && *until) {
        strbuf_adds(&sb, "&until=");
        web_render_query_value(&sb, until);
    }
    out = web_arena_strdup(a, sb.buf);
    strbuf_release(&sb);
    return out;
}

const char *web_search_feed_query(struct web_request *rq)
{
    int64_t source_id = 0;
    const char *q = web_req_arg(rq, "q");
    if (!q || !*q || strlen(q) > STORE_QUERY_MAX)
        return NULL;
    if (web_param_uint(web_req_arg(rq, "source"), INT64_MAX / 2, 0, &source_id))
        source_id = 0;
    return search_feed_query(web_req_arena(rq), q, source_id, web_req_arg(rq, "since"),
                             web_req_arg(rq, "until"));
}

void web_feed_search(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_search_query q;
    struct web_render_ctx ctx;
    struct web_feed_doc doc;
    struct web_list list;
    const char *text = web_req_arg(rq, "q"), *since_s = web_req_arg(rq, "since"),
               *until_s = web_req_arg(rq, "until"), *message = NULL;
    web_arena *a = web_req_arena(rq);
    int64_t source_id = 0, since, until;
    struct web_search_info info;
    struct strbuf title = STRBUF_INIT;
    store *st;
    herald_status rc;

    if (!text || !*text) {
        web_error(rq, resp, 400, "A search feed needs a query: /search/feed.xml?q=words.");
        return;
    }
    if (strlen(text) > STORE_QUERY_MAX ||
        web_param_uint(web_req_arg(rq, "source"), INT64_MAX / 2, 0, &source_id) ||
        web_param_date(since_s, 0, &since) || web_param_date(until_s, 1, &until)) {
        web_error(rq, resp, 400, "One of the search parameters is not valid.");
        return;
    }
    if (!open_store(rq, resp, &st))
        return;
    store_search_query_init(&q);
    q.q = text;
    q.source_id = source_id;
    q.since = since;
    q.until = until == TIME_NONE ? TIME_NONE : until + 1;
    q.limit = WEB_FEED_MAX_ITEMS;
    q.order = STORE_SEARCH_NEWEST; /* a feed follows a query over time: newest first */
    rc = web_data_search(st, a, &q, &list, &info, &message);
    if (rc == HERALD_E_INVALID) {
        web_error(rq, resp, 400,
                  message && *message ? message : "That query could not be understood.");
        return;
    }
    if (rc) {
        store_error(rq, resp, rc, "Nothing matches.");
        return;
    }
    /* search titles and snippets carry match markers; a feed shows the plain title */
    for (size_t i = 0; i < list.n_items; i++) {
        list.items[i].title_hl = NULL;
        list.items[i].snippet = NULL;
    }
    strbuf_adds(&title, "Search: ");
    strbuf_adds(&title, text);
    web_req_render_ctx(rq, &ctx);
    doc_init(&doc, a, NULL, 0, list.items, list.n_items);
    doc.title = web_arena_strdup(a, title.buf);
    strbuf_release(&title);
    doc.description = "Articles matching a search, newest first.";
    doc.page_path = "/search";
    doc.feed_path = "/search/feed";
    doc.query = search_feed_query(a, text, source_id, since_s, until_s);
    doc.key = "search";
    send_feed(rq, resp, &ctx, &doc, r);
    resp->cache_control = "public, max-age=60";
}

/* ---- robots.txt and sitemaps ------------------------------------------------------- */

#define PRIVATE_FLAGS                                                                              \
    (WEB_RF_API | WEB_RF_SESSION | WEB_RF_MODERATOR | WEB_RF_ADMIN | WEB_RF_NOSTORE |              \
     WEB_RF_NOINDEX)

/* The path prefix robots.txt disallows for a route: its literal head up to the first
 * parameter, "/api/v1/articles/{id}" -> "/api/"; a route that starts with a parameter
 * gives NULL.  Written into buf. */
static const char *robots_prefix(const char *pattern, char *buf, size_t size)
{
    size_t n = strcspn(pattern + 1, "/{") + 1;
    if (pattern[1] == '{' || n + 2 > size)
        return NULL;
    memcpy(buf, pattern, n);
    buf[n] = '\0';
    if (pattern[n] == '/') { /* more below: the whole folder */
        buf[n] = '/';
        buf[n + 1] = '\0';
    }
    return buf;
}

void web_robots(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct strbuf *out = &resp->body;
    const char *base = web_req_base(rq);
    char prefix[WEB_SEGMENT_MAX + 4];
    (void)r;
    resp->content_type = "text/plain; charset=utf-8";
    resp->cache_control = "public, max-age=3600";
    strbuf_adds(out, "# herald: pages and feeds may be crawled; accounts, the API and search "
                     "results may not.\nUser-agent: *\nAllow: /\n");
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route_def *d = &web_routes[i];
        const char *p;
        int seen = 0;
        if (strcmp(d->method, "GET") != 0 || !(d->flags & PRIVATE_FLAGS))
            continue;
        p = robots_prefix(d->pattern, prefix, sizeof(prefix));
        if (!p)
            continue;
        for (size_t j = 0; j < i && !seen; j++) {
            char other[WEB_SEGMENT_MAX + 4];
            const struct web_route_def *e = &web_routes[j];
            const char *q = strcmp(e->method, "GET") == 0 && (e->flags & PRIVATE_FLAGS)
                                ? robots_prefix(e->pattern, other, sizeof(other))
                                : NULL;
            seen = q && strcmp(q, p) == 0;
        }
        if (seen)
            continue;
        strbuf_adds(out, "Disallow: ");
        strbuf_adds(out, p);
        strbuf_addch(out, '\n');
    }
    if (*base) {
        strbuf_adds(out, "Sitemap: ");
        strbuf_adds(out, base);
        strbuf_adds(out, "/sitemap.xml\n");
    }
}

static int need_base(struct web_request *rq, struct web_response *resp)
{
    if (*web_req_base(rq))
        return 1;
    web_error(rq, resp, 400,
              "A sitemap needs the site's address: set web.base_url, or send a valid Host "
              "header.");
    return 0;
}

/* The kinds of sitemap pages past pages.xml: NAME-N.xml lists the rows of ids
 * [(N-1) * SPAN + 1, N * SPAN + 1).  Articles by storage position, the others by id
 * (store_sitemap_range: stories not merged away, entities mentioned, topics of 2+). */
static const struct {
    const char *name; /* "articles" */
    int kind;         /* enum store_sitemap_kind, -1 for articles */
    const char *path; /* the page of a row: path + id or slug */
} sitemap_kinds[] = {
    {"articles", -1, "/article/"},
    {"stories", STORE_SITEMAP_STORIES, "/story/"},
    {"entities", STORE_SITEMAP_ENTITIES, "/entity/"},
    {"topics", STORE_SITEMAP_TOPICS, "/topic/"},
};
#define SITEMAP_KINDS (sizeof(sitemap_kinds) / sizeof(sitemap_kinds[0]))

static herald_status sitemap_max(store *st, size_t k, int64_t *max)
{
    if (sitemap_kinds[k].kind < 0)
        return store_article_seq_max(st, max);
    return store_sitemap_max(st, (enum store_sitemap_kind)sitemap_kinds[k].kind, max);
}

void web_sitemap_index(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct strbuf *out = &resp->body;
    const char *base;
    int64_t max[SITEMAP_KINDS], left = SITEMAP_INDEX_MAX - 1;
    store *st;
    herald_status rc = HERALD_OK;
    (void)r;
    if (!need_base(rq, resp) || !open_store(rq, resp, &st))
        return;
    for (size_t k = 0; k < SITEMAP_KINDS && !rc; k++)
        rc = sitemap_max(st, k, &max[k]);
    if (rc) {
        store_error(rq, resp, rc, "There is nothing here.");
        return;
    }
    base = web_req_base(rq);
    resp->content_type = XML_CT;
    resp->cache_control = "public, max-age=3600";
    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                     "<sitemap><loc>");
    html_escape_xml(out, base);
    strbuf_adds(out, "/sitemaps/pages.xml</loc></sitemap>\n");
    /* the index holds at most SITEMAP_INDEX_MAX entries, articles first */
    for (size_t k = 0; k < SITEMAP_KINDS; k++) {
        int64_t pages = (max[k] + SITEMAP_SPAN - 1) / SITEMAP_SPAN;
        if (pages > left)
            pages = left;
        left -= pages;
        for (int64_t i = 1; i <= pages; i++) {
            strbuf_adds(out, "<sitemap><loc>");
            html_escape_xml(out, base);
            strbuf_addf(out, "/sitemaps/%s-%" PRId64 ".xml</loc></sitemap>\n",
                        sitemap_kinds[k].name, i);
        }
    }
    strbuf_adds(out, "</sitemapindex>\n");
}

struct sitemap_ctx {
    struct strbuf *out;
    const char *base;
    const char *path;
};

static void put_url(struct strbuf *out, const char *base, const char *path, int64_t lastmod)
{
    char iso[TIME_RFC3339_LEN];
    strbuf_adds(out, "<url><loc>");
    html_escape_xml(out, base);
    html_escape_xml(out, path);
    strbuf_adds(out, "</loc>");
    if (lastmod != TIME_NONE) {
        strbuf_adds(out, "<lastmod>");
        strbuf_adds(out, time_format_rfc3339(lastmod, iso));
        strbuf_adds(out, "</lastmod>");
    }
    strbuf_adds(out, "</url>\n");
}

static void sitemap_article(void *ud, const char *id, int64_t last_changed)
{
    struct sitemap_ctx *c = ud;
    char path[48];
    snprintf(path, sizeof(path), "/article/%.32s", id);
    put_url(c->out, c->base, path, last_changed);
}

/* A story (by id) or an entity or topic (by slug, [a-z0-9-], at most 64 bytes). */
static void sitemap_row(void *ud, int64_t id, const char *key, int64_t lastmod)
{
    struct sitemap_ctx *c = ud;
    char path[96];
    if (key)
        snprintf(path, sizeof(path), "%s%.64s", c->path, key);
    else
        snprintf(path, sizeof(path), "%s%" PRId64, c->path, id);
    put_url(c->out, c->base, path, lastmod);
}

/* /sitemaps/pages.xml: the home page, the sources index and every source;
 * /sitemaps/{articles,stories,entities,topics}-N.xml */
void web_sitemap_page(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *name = web_route_param(r, "name");
    struct strbuf *out = &resp->body;
    struct sitemap_ctx c;
    int64_t n = 0, max = 0;
    size_t k = 0;
    store *st;
    herald_status rc;

    if (strcmp(name, "pages.xml") != 0) {
        const char *dash = strchr(name, '-'), *num;
        size_t len;
        char digits[20];
        for (k = 0; dash && k < SITEMAP_KINDS; k++)
            if (strlen(sitemap_kinds[k].name) == (size_t)(dash - name) &&
                strncmp(name, sitemap_kinds[k].name, (size_t)(dash - name)) == 0)
                break;
        if (!dash || k == SITEMAP_KINDS) {
            web_error(rq, resp, 404, "There is no such sitemap.");
            return;
        }
        num = dash + 1;
        len = strcspn(num, ".");
        if (len == 0 || len >= sizeof(digits) || strcmp(num + len, ".xml") != 0) {
            web_error(rq, resp, 404, "There is no such sitemap.");
            return;
        }
        memcpy(digits, num, len);
        digits[len] = '\0';
        if (web_param_uint(digits, SITEMAP_INDEX_MAX, 0, &n) || n < 1 || digits[0] == '0') {
            web_error(rq, resp, 404, "There is no such sitemap.");
            return;
        }
    }
    if (!need_base(rq, resp) || !open_store(rq, resp, &st))
        return;
    c.out = out;
    c.base = web_req_base(rq);
    c.path = sitemap_kinds[k].path;
    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    if (n == 0) {
        struct web_source *src;
        size_t ns;
        struct store_stats stats;
        rc = web_data_sources(st, web_req_arena(rq), &src, &ns);
        if (!rc)
            rc = store_stats_get(st, &stats);
        if (rc) {
            strbuf_reset(out);
            store_error(rq, resp, rc, "There is no such sitemap.");
            return;
        }
        put_url(out, c.base, "/", stats.newest_article);
        put_url(out, c.base, "/sources", stats.newest_article);
        for (size_t i = 0; i < ns; i++) {
            char path[40];
            snprintf(path, sizeof(path), "/source/%" PRId64, src[i].id);
            put_url(out, c.base, path, src[i].latest);
        }
    } else {
        int64_t from = (n - 1) * SITEMAP_SPAN + 1, to = n * SITEMAP_SPAN + 1;
        rc = sitemap_max(st, k, &max);
        if (!rc && (n - 1) * SITEMAP_SPAN >= max)
            rc = HERALD_E_NOTFOUND;
        if (!rc && sitemap_kinds[k].kind < 0)
            rc = store_article_seq_range(st, from, to, sitemap_article, &c);
        else if (!rc)
            rc = store_sitemap_range(st, (enum store_sitemap_kind)sitemap_kinds[k].kind, from, to,
                                     sitemap_row, &c);
        if (rc) {
            strbuf_reset(out);
            store_error(rq, resp, rc, "There is no such sitemap.");
            return;
        }
    }
    strbuf_adds(out, "</urlset>\n");
    resp->content_type = XML_CT;
    resp->cache_control = "public, max-age=3600";
}

/* ---- the API's index and OpenAPI document ----------------------------------------- */

static const char *auth_of(unsigned flags)
{
    if (flags & WEB_RF_ADMIN)
        return "admin";
    if (flags & WEB_RF_MODERATOR)
        return "moderator";
    if (flags & WEB_RF_SESSION)
        return "session";
    return "none";
}

/* GET /api/v1: every API route of the table, so the index can never drift from it. */
void web_api_index(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    json_t *root = json_object(), *list = json_array();
    (void)rq;
    (void)r;
    for (size_t i = 0; i < web_routes_count; i++) {
        const struct web_route_def *d = &web_routes[i];
        if (!(d->flags & WEB_RF_API) || strncmp(d->pattern, "/api/v1/", 8) != 0 ||
            strcmp(d->pattern, "/api/v1/") == 0)
            continue;
        json_t *params = json_array();
        for (const char *p = d->params ? d->params : ""; *p;) {
            size_t n = strcspn(p, " ");
            if (n)
                json_array_append_new(params, json_stringn(p, n));
            p += n;
            p += *p == ' ';
        }
        json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:o}", "method", d->method, "path",
                                              d->pattern, "name", d->name, "auth",
                                              auth_of(d->flags), "params", params));
    }
    json_object_set_new(root, "name", json_string("herald"));
    json_object_set_new(root, "version", json_string(HERALD_VERSION));
    json_object_set_new(root, "openapi", json_string("/api/v1/openapi.json"));
    json_object_set_new(root, "endpoints", list);
    web_api_send(resp, root);
}

/* GET /api/v1/openapi.json: docs/openapi.json as built into the binary. */
void web_api_openapi(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    (void)rq;
    (void)r;
    strbuf_reset(&resp->body);
    strbuf_add(&resp->body, web_static_openapi_json, web_static_openapi_json_len);
    resp->cache_control = "public, max-age=3600";
}

/* ---- OPML export ------------------------------------------------------------------- */

static int by_category(const void *a, const void *b)
{
    const struct opml_outline *x = a, *y = b;
    int c = strcmp(x->category ? x->category : "", y->category ? y->category : "");
    return c ? c : strcmp(x->xml_url, y->xml_url);
}

/* GET /admin/feeds.opml: every subscription, grouped by source (opml_write). */
void web_admin_feeds_opml(struct web_request *rq, const struct web_route *r,
                          struct web_response *resp)
{
    web_arena *a = web_req_arena(rq);
    struct web_feed *feeds;
    struct web_source *src;
    struct opml_outline *items;
    size_t nf, ns;
    store *st;
    herald_status rc;
    (void)r;
    if (!open_store(rq, resp, &st))
        return;
    rc = web_data_feeds(st, a, &feeds, &nf);
    if (!rc)
        rc = web_data_sources(st, a, &src, &ns);
    if (rc) {
        store_error(rq, resp, rc, "There is nothing here.");
        return;
    }
    items = web_arena_alloc(a, (nf ? nf : 1) * sizeof(*items));
    for (size_t i = 0; i < nf; i++) {
        memset(&items[i], 0, sizeof(items[i]));
        items[i].title = (char *)feeds[i].title;
        items[i].xml_url = (char *)feeds[i].url;
        for (size_t j = 0; j < ns; j++) {
            if (src[j].id == feeds[i].source_id) {
                items[i].category = (char *)src[j].name;
                items[i].html_url =
                    (char *)(src[j].homepage && *src[j].homepage ? src[j].homepage : NULL);
                break;
            }
        }
    }
    qsort(items, nf, sizeof(*items), by_category);
    strbuf_reset(&resp->body);
    opml_write(items, nf, "herald subscriptions", &resp->body);
    resp->content_type = "text/x-opml; charset=utf-8";
}
