/*
 * server.c - see server.h.  The libmicrohttpd glue: daemon options, the access handler
 * (method check, routing, dispatch to pages.c / api.c), the shared HTTP semantics of
 * every response (finish_response), the completion callback (arena, access log), the
 * per-worker store handles, and graceful shutdown.
 *
 * Why a content hash for the ETag rather than the store's data version: a page also
 * changes with time ("7 hours ago" becomes "8 hours ago") and with the server version,
 * and a hash of the bytes the client would get is right in every case.  The hash reads
 * eight bytes a step (web_hash64) and a cached page's is computed once, when it is
 * rendered, as are its compressed forms: a page is gzipped or brotli-compressed the first
 * time a client asks for that coding (web_accept_encoding: q-values, br preferred) and the
 * form is kept in the cache entry beside the identity body, so later responses only send
 * bytes.  Revalidation still saves the transfer, which is what matters to clients.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/tzone.h"
#include "core/url.h"
#include "store/store.h"
#include "store/store_users.h"
#include "users/users.h"
#include "web/arena.h"
#include "llm/llm.h"
#include "media/media.h"
#include "web/cache.h"
#include "web/httputil.h"
#include "web/internal.h"
#include "web/ratelimit.h"
#include "web/route.h"
#include "web/static.h"

#include "core/banned.h"

#define CSP                                                                                        \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

#define GZIP_MIN 256

struct handle_slot {
    web_server *srv;
    store *st;
    store *st_rw; /* the worker's writable handle, opened by the first write */
    int have_version;
    int64_t version;    /* the store's data version as last read by this worker */
    int64_t version_ms; /* when (monotonic ms) */
};

struct web_server {
    struct web_config cfg;
    char *listen;
    char *db_path;
    char *base_url; /* web_config.base_url checked and without trailing slash, or NULL */
    struct MHD_Daemon *daemon;
    unsigned port;
    int stopped;
    pthread_key_t store_key;
    atomic_int inflight;
    int64_t started;
    char css_href[64];
    char css_etag[WEB_ETAG_LEN];
    char js_href[64];
    char js_etag[WEB_ETAG_LEN];
    tzone *zone; /* web_config.timezone, loaded at start */
    char icon_etag[WEB_ETAG_LEN];
    web_cache *cache;             /* rendered pages; NULL when disabled */
    struct web_route_def *routes; /* web_routes, then cfg.extra_routes */
    size_t n_routes;
    web_ratelimit *limits;
    media_proxy *media; /* NULL when it could not start (no image is shown) */
};

struct form_field {
    const char *name, *value;
};

struct web_request {
    web_server *srv;
    struct MHD_Connection *conn;
    web_arena *arena;
    int64_t start_us;
    const char *method;
    char *path;
    int status;
    size_t bytes;
    int ambiguous; /* the body's length is announced in conflicting ways: 400 */
    int answered;  /* a response is queued; later calls only drain */
    enum web_match match;
    struct web_route route;
    struct strbuf body; /* POST: the body read so far, at most cfg.max_body_bytes */
    struct form_field *form;
    size_t n_form;
    json_t *json;
    const char *base; /* web_req_base, once computed (NULL before) */
    int viewer_known; /* resolve_viewer ran */
    struct web_viewer viewer;
    int has_viewer;
};

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void web_config_init(struct web_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->listen = "127.0.0.1:8080";
    cfg->max_per_ip = 64;
    cfg->timeout_s = 10;
    cfg->cache_entries = 4096;
    cfg->cache_bytes = 64 * 1024 * 1024;
    cfg->version_check_ms = 100;
    cfg->max_body_bytes = WEB_BODY_MAX_DEFAULT;
    cfg->secure_cookies = 1;
    cfg->session_ttl_s = 30 * 86400;
    cfg->edit_window_s = 900;
}

/* ------------------------------------------------------------------------------------
 * What handlers see of the request
 */

const char *web_req_arg(struct web_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *web_req_method(struct web_request *rq)
{
    return rq->method;
}

const char *web_req_header(struct web_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *web_req_form(struct web_request *rq, const char *name)
{
    for (size_t i = 0; i < rq->n_form; i++)
        if (strcmp(rq->form[i].name, name) == 0)
            return rq->form[i].value;
    return NULL;
}

json_t *web_req_json(struct web_request *rq)
{
    return rq->json;
}

const char *web_req_body(struct web_request *rq, size_t *len)
{
    *len = rq->body.len;
    return rq->body.buf;
}

web_arena *web_req_arena(struct web_request *rq)
{
    return rq->arena;
}

void web_req_llm(struct web_request *rq, struct llm_config *out)
{
    out->url = rq->srv->cfg.llm_url;
    out->model = rq->srv->cfg.llm_model;
    out->timeout_s = rq->srv->cfg.llm_timeout_s ? (long)rq->srv->cfg.llm_timeout_s : 30;
}

int64_t web_req_started(struct web_request *rq)
{
    return rq->srv->started;
}

void web_req_render_ctx(struct web_request *rq, struct web_render_ctx *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->now = time_now();
    ctx->css_href = rq->srv->css_href;
    ctx->js_href = rq->srv->js_href;
    ctx->zone = rq->srv->zone;
    ctx->path = rq->path;
    ctx->local_images = rq->srv->cfg.allow_file_urls;
    ctx->base = web_req_base(rq);
    ctx->media = rq->srv->media;
}

media_proxy *web_req_media(struct web_request *rq)
{
    return rq->srv->media;
}

/* The configured base URL, else http:// and the Host header when it is a plain authority
 * (url_authority_ok: no quotes, paths or spaces can reach a page), else "".  The page
 * cache keys by this value (cache_key), so one client's Host never shows in the page
 * another client gets. */
const char *web_req_base(struct web_request *rq)
{
    const char *host;
    if (rq->base)
        return rq->base;
    if (rq->srv->base_url) {
        rq->base = rq->srv->base_url;
    } else {
        host = web_req_header(rq, "Host");
        if (url_authority_ok(host)) {
            size_t n = strlen(host);
            char *b = web_arena_alloc(rq->arena, n + 8);
            memcpy(b, "http://", 7);
            for (size_t i = 0; i <= n; i++)
                b[7 + i] = (char)tolower((unsigned char)host[i]);
            rq->base = b;
        } else {
            rq->base = "";
        }
    }
    return rq->base;
}

static void close_slot(void *p)
{
    struct handle_slot *slot = p;
    if (!slot)
        return;
    store_close(slot->st);
    store_close(slot->st_rw);
    free(slot);
}

herald_status web_req_store_rw(struct web_request *rq, store **out)
{
    struct handle_slot *slot;
    store *st;
    herald_status rc = web_req_store(rq, &st); /* makes the slot */
    if (rc)
        return rc;
    slot = pthread_getspecific(rq->srv->store_key);
    if (!slot->st_rw) {
        rc = store_open(rq->srv->db_path, 0, &slot->st_rw);
        if (rc) {
            log_warn("web", "cannot open the database %s for writing: %s", rq->srv->db_path,
                     herald_strerror(rc));
            return rc;
        }
    }
    *out = slot->st_rw;
    return HERALD_OK;
}

int web_open_rw(struct web_request *rq, struct web_response *resp, store **st)
{
    if (web_req_store_rw(rq, st) != HERALD_OK) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return 0;
    }
    return 1;
}

int64_t web_req_now(struct web_request *rq)
{
    const struct web_config *c = &rq->srv->cfg;
    return c->clock ? c->clock(c->clock_ud) : time_now();
}

const struct web_config *web_req_config(struct web_request *rq)
{
    return &rq->srv->cfg;
}

web_ratelimit *web_req_limits(struct web_request *rq)
{
    return rq->srv->limits;
}

const char *web_req_client(struct web_request *rq)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char *buf = web_arena_alloc(rq->arena, INET6_ADDRSTRLEN + 1);
    buf[0] = '\0';
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      INET6_ADDRSTRLEN);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                      INET6_ADDRSTRLEN);
    }
    return buf[0] ? buf : "unknown";
}

const char *web_req_cookie(struct web_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

/* Finds who is asking: a session cookie, or a personal API token (Authorization: Bearer).
 * Anonymous requests cost two header lookups and no database read. */
static void resolve_viewer(struct web_request *rq)
{
    const char *cookie, *auth;
    char hash[USERS_TOKEN_LEN + 1];
    store *st;
    if (rq->viewer_known)
        return;
    rq->viewer_known = 1;
    cookie = web_req_cookie(rq, WEB_SESSION_COOKIE);
    auth = web_req_header(rq, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        const char *tok = auth + 7;
        struct store_user u;
        if (strlen(tok) != USERS_TOKEN_LEN || web_req_store(rq, &st))
            return;
        users_token_hash(tok, hash);
        store_user_init(&u);
        if (store_token_user(st, hash, &u) == HERALD_OK) {
            rq->has_viewer = 1;
            rq->viewer.id = u.id;
            rq->viewer.name = web_arena_strdup(rq->arena, u.name);
            rq->viewer.role = u.role;
            rq->viewer.via_token = 1;
        }
        store_user_release(&u);
        return;
    }
    if (cookie && strlen(cookie) == USERS_TOKEN_LEN && web_req_store(rq, &st) == HERALD_OK) {
        struct store_session ss;
        users_token_hash(cookie, hash);
        store_session_init(&ss);
        if (store_session_get(st, hash, web_req_now(rq), &ss) == HERALD_OK) {
            rq->has_viewer = 1;
            rq->viewer.id = ss.user.id;
            rq->viewer.name = web_arena_strdup(rq->arena, ss.user.name);
            rq->viewer.role = ss.user.role;
            rq->viewer.csrf = web_arena_strdup(rq->arena, ss.csrf);
            rq->viewer.session_hash = web_arena_strdup(rq->arena, hash);
        }
        store_session_release(&ss);
    }
}

const struct web_viewer *web_req_viewer(struct web_request *rq)
{
    resolve_viewer(rq);
    return rq->has_viewer ? &rq->viewer : NULL;
}

herald_status web_req_store(struct web_request *rq, store **out)
{
    struct handle_slot *slot = pthread_getspecific(rq->srv->store_key);
    store *st = NULL;
    herald_status rc;

    if (slot) {
        *out = slot->st;
        return HERALD_OK;
    }
    rc = store_open(rq->srv->db_path, STORE_READONLY, &st);
    if (rc) {
        log_warn("web", "cannot open the database %s read-only: %s", rq->srv->db_path,
                 herald_strerror(rc));
        return rc;
    }
    slot = xcalloc(1, sizeof(*slot));
    slot->srv = rq->srv;
    slot->st = st;
    if (pthread_setspecific(rq->srv->store_key, slot) != 0) {
        close_slot(slot);
        return HERALD_E_INTERNAL;
    }
    *out = st;
    return HERALD_OK;
}

/* The store's data version for the page cache, read again only when this worker's copy is
 * older than cfg.version_check_ms: the read is a SQLite transaction (file locks, a stat),
 * which costs a cached page about a quarter of its throughput.  A committed change is
 * therefore seen within version_check_ms. */
static herald_status worker_data_version(struct web_request *rq, int64_t *out)
{
    struct handle_slot *slot;
    store *st;
    int64_t now;
    herald_status rc = web_req_store(rq, &st);
    if (rc)
        return rc;
    slot = pthread_getspecific(rq->srv->store_key);
    now = rq->srv->cfg.clock_ms ? rq->srv->cfg.clock_ms() : time_monotonic_ms();
    if (slot->have_version && now - slot->version_ms < (int64_t)rq->srv->cfg.version_check_ms &&
        now >= slot->version_ms) {
        *out = slot->version;
        return HERALD_OK;
    }
    rc = store_data_version(st, out);
    if (rc)
        return rc;
    slot->have_version = 1;
    slot->version = *out;
    slot->version_ms = now;
    return HERALD_OK;
}

int web_status_for(herald_status rc)
{
    switch (rc) {
    case HERALD_OK:
        return 200;
    case HERALD_E_NOTFOUND:
        return 404;
    case HERALD_E_INVALID:
    case HERALD_E_TOOBIG:
    case HERALD_E_PARSE:
        return 400;
    case HERALD_E_DB:
    case HERALD_E_VERSION:
    case HERALD_E_IO:
        return 503;
    default:
        return 500;
    }
}

/* ------------------------------------------------------------------------------------
 * Static files
 */

void web_static(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *v = web_req_arg(rq, "v");
    const char *name = web_route_param(r, "name");
    if (!name)
        name = "favicon.svg"; /* /favicon.ico */
    if (strcmp(name, "herald.css") == 0) {
        resp->content_type = "text/css; charset=utf-8";
        resp->static_data = web_static_herald_css;
        resp->static_len = web_static_herald_css_len;
        resp->static_etag = rq->srv->css_etag;
        /* The pages link the stylesheet with ?v=<its hash>: that URL never changes meaning. */
        resp->cache_control = (v && strlen(v) == 8 && strncmp(v, rq->srv->css_etag + 1 + 8, 8) == 0)
                                  ? "public, max-age=31536000, immutable"
                                  : "public, max-age=300";
        return;
    }
    if (strcmp(name, "herald.js") == 0) {
        resp->content_type = "text/javascript; charset=utf-8";
        resp->static_data = web_static_herald_js;
        resp->static_len = web_static_herald_js_len;
        resp->static_etag = rq->srv->js_etag;
        resp->cache_control = (v && strlen(v) == 8 && strncmp(v, rq->srv->js_etag + 1 + 8, 8) == 0)
                                  ? "public, max-age=31536000, immutable"
                                  : "public, max-age=300";
        return;
    }
    if (strcmp(name, "favicon.svg") == 0) {
        resp->content_type = "image/svg+xml";
        resp->static_data = web_static_favicon_svg;
        resp->static_len = web_static_favicon_svg_len;
        resp->static_etag = rq->srv->icon_etag;
        resp->cache_control = "public, max-age=86400";
        return;
    }
    web_page_error(rq, resp, 404, "There is no such file.");
}

/* ------------------------------------------------------------------------------------
 * Turning a web_response into HTTP
 */

static int is_compressible(const char *ct)
{
    /* text, JSON, XML (feeds, sitemaps) and SVG */
    return ct &&
           (strncmp(ct, "text/", 5) == 0 || strncmp(ct, "application/json", 16) == 0 ||
            strncmp(ct, "application/xml", 15) == 0 ||
            strncmp(ct, "application/rss+xml", 19) == 0 ||
            strncmp(ct, "application/atom+xml", 20) == 0 ||
            strncmp(ct, "application/feed+json", 21) == 0 || strncmp(ct, "image/svg", 9) == 0);
}

static void add_common_headers(struct MHD_Response *r, const char *csp)
{
    MHD_add_response_header(r, "Content-Security-Policy", csp ? csp : CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

static const char *default_cache_control(int status)
{
    /* a page shows who is signed in: browsers revalidate it (a 304 by ETag) rather than
     * show an anonymous copy after sign-in; signed-in pages are private, no-store */
    if (status == 200)
        return "no-cache";
    if (status == 404)
        return "public, max-age=60";
    return "no-store";
}

/* The representation to send: the identity body with its ETag, and its compressed forms
 * when already known (cached entries carry those clients asked for; otherwise one is
 * computed on demand). */
struct rep {
    const void *body;
    size_t len;
    const void *gz, *br;
    size_t gz_len, br_len;
    const char *etag;   /* of the identity body, NULL for uncacheable statuses */
    web_cache_ref *ref; /* keeps body and forms alive (a cache entry); send_rep takes it over */
};

/* libmicrohttpd's free callback of a response that sends a cache entry's bytes. */
static void unref_cached(void *cls)
{
    web_cache_unref(cls);
}

/* The content coding for a body of this type and size: the client's choice among those
 * we send (web_accept_encoding), identity for small or incompressible bodies. */
static enum web_encoding wanted_encoding(struct web_request *rq, const char *content_type,
                                         size_t len)
{
    if (!is_compressible(content_type) || len < GZIP_MIN)
        return WEB_ENC_IDENTITY;
    return web_accept_encoding(
        MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Accept-Encoding"));
}

static enum MHD_Result send_rep(struct web_request *rq, const struct web_response *resp,
                                const struct rep *rep, int persistent)
{
    struct MHD_Connection *conn = rq->conn;
    const void *data = rep->body;
    size_t len = rep->len;
    struct strbuf zb = STRBUF_INIT;
    struct MHD_Response *mr;
    char etag[WEB_ETAG_LEN], date[TIME_HTTP_LEN];
    enum web_encoding enc = wanted_encoding(rq, resp->content_type, len);
    int not_modified = 0;
    const char *inm, *ims, *cc;
    web_cache_ref *ref = rep->ref; /* dropped here unless a response took it over */
    enum MHD_Result ret;

    /* Revalidation first: the ETag of every variant derives from the identity body, so
     * a 304 never pays for compression. */
    if (rep->etag) {
        /* "xxxxxxxxxxxxxxxx" -> "xxxxxxxxxxxxxxxx-gz" / "-br" for a compressed variant */
        if (enc != WEB_ENC_IDENTITY)
            snprintf(etag, sizeof(etag), "%.17s-%s\"", rep->etag,
                     enc == WEB_ENC_GZIP ? "gz" : "br");
        else
            snprintf(etag, sizeof(etag), "%s", rep->etag);
        inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
        ims = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Modified-Since");
        if (inm) {
            not_modified = web_etag_match(inm, etag);
        } else if (ims && resp->last_modified != TIME_NONE) {
            int64_t t;
            if (web_http_date_parse(ims, &t) == HERALD_OK && resp->last_modified <= t)
                not_modified = 1;
        }
    }

    if (!not_modified && enc != WEB_ENC_IDENTITY) {
        const void *made = enc == WEB_ENC_GZIP ? rep->gz : rep->br;
        if (made) {
            data = made;
            len = enc == WEB_ENC_GZIP ? rep->gz_len : rep->br_len;
        } else if (web_compress(enc, rep->body, rep->len, &zb) == HERALD_OK) {
            data = zb.buf;
            len = zb.len;
        } else {
            /* the encoder failed: send identity, with its own ETag */
            enc = WEB_ENC_IDENTITY;
            if (rep->etag)
                snprintf(etag, sizeof(etag), "%s", rep->etag);
        }
    }

    if (not_modified) {
        mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        rq->status = 304;
    } else {
        if (rep->ref && data != zb.buf) {
            /* the response holds the entry's reference until the last byte is sent */
            mr = MHD_create_response_from_buffer_with_free_callback_cls(len, (void *)data,
                                                                        unref_cached, rep->ref);
            if (mr)
                ref = NULL;
        } else if (persistent && data != zb.buf)
            mr = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
        else
            mr = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
        rq->status = resp->status;
        rq->bytes = strcmp(rq->method, "HEAD") == 0 ? 0 : len;
    }
    strbuf_release(&zb);
    web_cache_unref(ref);
    if (!mr)
        return MHD_NO;

    add_common_headers(mr, resp->csp);
    if (resp->content_type && !not_modified)
        MHD_add_response_header(mr, "Content-Type", resp->content_type);
    if (rep->etag) {
        MHD_add_response_header(mr, "ETag", etag);
        if (resp->last_modified != TIME_NONE)
            MHD_add_response_header(mr, "Last-Modified",
                                    time_format_http(resp->last_modified, date));
    }
    if (is_compressible(resp->content_type)) {
        MHD_add_response_header(mr, "Vary", "Accept-Encoding");
        if (enc != WEB_ENC_IDENTITY && !not_modified)
            MHD_add_response_header(mr, "Content-Encoding", web_encoding_name(enc));
    }
    cc = resp->cache_control ? resp->cache_control : default_cache_control(resp->status);
    MHD_add_response_header(mr, "Cache-Control", cc);
    if (resp->allow)
        MHD_add_response_header(mr, "Allow", resp->allow);
    if (resp->location)
        MHD_add_response_header(mr, "Location", resp->location);
    if (resp->set_cookie)
        MHD_add_response_header(mr, "Set-Cookie", resp->set_cookie);
    if (resp->retry_after > 0) {
        char ra[24];
        snprintf(ra, sizeof(ra), "%" PRId64, resp->retry_after);
        MHD_add_response_header(mr, "Retry-After", ra);
    }
    ret = MHD_queue_response(conn, (unsigned)rq->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static enum MHD_Result finish_response(struct web_request *rq, struct web_response *resp)
{
    struct rep rep;
    char etag[WEB_ETAG_LEN];
    memset(&rep, 0, sizeof(rep));
    if (resp->static_data) {
        rep.body = resp->static_data;
        rep.len = resp->static_len;
        rep.etag = resp->static_etag;
        return send_rep(rq, resp, &rep, 1);
    }
    rep.body = resp->body.buf;
    rep.len = resp->body.len;
    if (strcmp(rq->method, "POST") == 0) {
        /* the answer to a write: never revalidated, never stored */
        if (!resp->cache_control)
            resp->cache_control = "no-store";
        return send_rep(rq, resp, &rep, 0);
    }
    if (resp->status == 200)
        rep.etag = web_etag(rep.body, rep.len, WEB_ENC_IDENTITY, etag);
    return send_rep(rq, resp, &rep, 0);
}

/* Sends a cache entry.  ref (may be NULL: e is the caller's) keeps e alive and is taken
 * over. */
static enum MHD_Result finish_cached(struct web_request *rq, const struct web_cached *e,
                                     web_cache_ref *ref)
{
    struct web_response resp;
    struct rep rep;
    memset(&resp, 0, sizeof(resp));
    resp.status = e->status;
    resp.content_type = e->content_type;
    resp.cache_control = e->cache_control;
    resp.last_modified = e->last_modified;
    rep.body = e->body;
    rep.len = e->len;
    rep.gz = e->gz;
    rep.gz_len = e->gz_len;
    rep.br = e->br;
    rep.br_len = e->br_len;
    rep.etag = e->etag;
    rep.ref = ref;
    return send_rep(rq, &resp, &rep, 0);
}

/* The cache key of a cacheable request (written into key), or 0 when the request is not
 * cached: only GET/HEAD of WEB_RF_CACHEABLE routes.  A key that would not fit is not
 * cached (never truncated into another page's key). */
static int cache_key(struct web_request *rq, const struct web_route *r, char *key, size_t size)
{
    char before[WEB_CURSOR_MAX] = "", after[WEB_CURSOR_MAX] = "", lang[WEB_LANG_MAX] = "";
    if (!(r->def->flags & WEB_RF_CACHEABLE) || strcmp(r->def->method, "GET") != 0)
        return 0;
    /* a question asked of an article is answered fresh, never cached */
    if (web_req_arg(rq, "q"))
        return 0;
    /* only lists page (?before=, ?after=) and filter by language; elsewhere a stray one
     * must not mint new cache entries.  They are keyed only once valid (a malformed one is
     * the handler's 400, never cached), so their alphabets ([0-9a-f.-], [a-z0-9-]) hold no
     * '&' or '=': every key reads one way. */
    if ((r->def->flags & WEB_RF_PAGED) && (web_param_cursor(web_req_arg(rq, "before"), before) ||
                                           web_param_cursor(web_req_arg(rq, "after"), after) ||
                                           web_param_lang(web_req_arg(rq, "lang"), lang)))
        return 0;
    /* the base URL the page's absolute links use is part of the key (it is the Host header
     * when no base URL is configured) */
    if ((size_t)snprintf(key, size, "%s%s?before=%s&after=%s&lang=%s", web_req_base(rq), rq->path,
                         before, after, lang) >= size)
        return 0;
    return 1;
}

/* Query parameters a route does not take (route.h, web_route_def.params): the first one's
 * name, printable ASCII and cut at 48 bytes for the error message. */
struct param_check {
    const char *accepted;
    char bad[56];
    int found;
};

static enum MHD_Result check_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct param_check *c = cls;
    size_t n = 0;
    (void)kind;
    (void)value;
    if (!key || !*key || web_route_accepts(c->accepted, key))
        return MHD_YES;
    for (; key[n] && n < 48; n++)
        c->bad[n] = key[n] > 0x20 && key[n] < 0x7f ? key[n] : '?';
    memcpy(c->bad + n, key[n] ? "..." : "", key[n] ? 4 : 1);
    c->found = 1;
    return MHD_NO;
}

/* Answers 400 for a query parameter the matched route does not take; returns 1 when it
 * did. */
static int refuse_unknown_params(struct web_request *rq, struct web_response *resp)
{
    struct param_check c;
    char msg[96];
    if (!rq->route.def->params)
        return 0;
    memset(&c, 0, sizeof(c));
    c.accepted = rq->route.def->params;
    MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, check_param, &c);
    if (!c.found)
        return 0;
    snprintf(msg, sizeof(msg), "unknown query parameter: %s", c.bad);
    web_error(rq, resp, 400, msg);
    return 1;
}

/* ------------------------------------------------------------------------------------
 * Request bodies
 */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one application/x-www-form-urlencoded component s[0..n) ('+' is a space, %XX a
 * byte) into a NUL-terminated arena string.  NULL for a malformed escape or a NUL byte. */
static char *form_decode(web_arena *a, const char *s, size_t n)
{
    char *out = web_arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = hi >= 0 ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return NULL;
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '\0') {
            return NULL;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

#define FORM_FIELDS_MAX 64

/* Splits a urlencoded body into rq->form.  HERALD_E_INVALID for a malformed one. */
static herald_status parse_form(struct web_request *rq)
{
    const char *p = rq->body.buf, *end = rq->body.buf + rq->body.len;
    size_t cap = 0;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        struct form_field f;
        if (stop > p) {
            if (rq->n_form == FORM_FIELDS_MAX)
                return HERALD_E_INVALID;
            f.name = form_decode(rq->arena, p, (size_t)((eq ? eq : stop) - p));
            f.value = eq ? form_decode(rq->arena, eq + 1, (size_t)(stop - eq - 1)) : "";
            if (!f.name || !f.value)
                return HERALD_E_INVALID;
            if (rq->n_form == cap) {
                struct form_field *nf;
                cap = cap ? cap * 2 : 8;
                nf = web_arena_alloc(rq->arena, cap * sizeof(*nf));
                if (rq->n_form)
                    memcpy(nf, rq->form, rq->n_form * sizeof(*nf));
                rq->form = nf;
            }
            rq->form[rq->n_form++] = f;
        }
        p = stop + 1;
    }
    return HERALD_OK;
}

/* Whether content type ct (a header value, may carry parameters) is the media type mt. */
static int is_media_type(const char *ct, const char *mt)
{
    size_t n = strlen(mt);
    return ct && strncasecmp(ct, mt, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* Parses the body a POST route received: a form or JSON.  On failure fills resp (400 or
 * 415) and returns 0. */
static int parse_body(struct web_request *rq, struct web_response *resp, int is_api)
{
    const char *ct = web_req_header(rq, "Content-Type");
    const char *msg = NULL;
    int status = 400;
    if (is_media_type(ct, "application/x-www-form-urlencoded") || (!ct && rq->body.len == 0)) {
        if (parse_form(rq))
            msg = "The form data is malformed.";
    } else if (is_media_type(ct, "application/json")) {
        json_error_t err;
        rq->json = json_loadb(rq->body.buf, rq->body.len, JSON_REJECT_DUPLICATES, &err);
        if (!rq->json)
            msg = "The JSON body is malformed.";
    } else {
        status = 415;
        msg = "Send application/x-www-form-urlencoded or application/json.";
    }
    if (!msg)
        return 1;
    if (is_api)
        web_api_error(resp, status, msg);
    else
        web_page_error(rq, resp, status, msg);
    return 0;
}

/* ------------------------------------------------------------------------------------
 * libmicrohttpd callbacks
 */

/* Whether the request is a GET/HEAD without a body, which keep-alive can follow. */
static int wants_keepalive(struct MHD_Connection *conn, const char *method)
{
    const char *cl;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return 0;
    if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding"))
        return 0;
    cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    return !cl || strcmp(cl, "0") == 0;
}

struct length_headers {
    const char *content_length; /* the first one */
    int conflict;
};

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    struct length_headers *l = cls;
    (void)kind;
    if (strcasecmp(key, "Transfer-Encoding") == 0) {
        l->conflict |= l->content_length != NULL;
        l->content_length = value ? value : "";
    } else if (strcasecmp(key, "Content-Length") == 0) {
        l->conflict |= l->content_length && strcmp(l->content_length, value ? value : "") != 0;
        l->content_length = value ? value : "";
    }
    return MHD_YES;
}

/* Whether the request announces its body's length in more than one way (two different
 * Content-Length values, or Content-Length beside Transfer-Encoding).  libmicrohttpd's
 * strict mode does not refuse that, and a proxy in front might frame the request
 * differently from us (request smuggling), so it gets 400. */
static int ambiguous_length(struct MHD_Connection *conn)
{
    struct length_headers l = {NULL, 0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_length, &l);
    return l.conflict;
}

/* Whether the request is a POST to a POST route, whose body the server reads. */
static int reads_body(const struct web_request *rq)
{
    return rq->match == WEB_MATCH_OK && strcmp(rq->method, "POST") == 0;
}

/* The Content-Length header as a number, or -1 when absent or malformed. */
static int64_t content_length(struct MHD_Connection *conn)
{
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    int64_t v = 0;
    if (!cl || !*cl || strlen(cl) > 18)
        return -1;
    for (; *cl; cl++) {
        if (*cl < '0' || *cl > '9')
            return -1;
        v = v * 10 + (*cl - '0');
    }
    return v;
}

void web_error(struct web_request *rq, struct web_response *resp, int status, const char *msg)
{
    if (web_route_is_api_path(rq->path))
        web_api_error(resp, status, msg);
    else
        web_page_error(rq, resp, status, msg);
}

void web_redirect(struct web_request *rq, struct web_response *resp, const char *location)
{
    resp->status = 303;
    resp->location = web_arena_strdup(rq->arena, location);
    resp->content_type = "text/plain; charset=utf-8";
    strbuf_reset(&resp->body);
    strbuf_adds(&resp->body, "See other\n");
}

/* Fills resp for a request whose route did not match (404, 405). */
static void answer_unrouted(struct web_request *rq, struct web_response *resp)
{
    int get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    if (rq->match == WEB_MATCH_NONE && get) {
        if (web_route_is_api_path(rq->path))
            web_api_error(resp, 404, "no such endpoint");
        else
            web_page_error(rq, resp, 404, "There is no page at this address.");
        return;
    }
    /* no route for this method: the methods of the routes at this path, or (no route at
     * all) the ones the site has everywhere */
    resp->allow =
        rq->match == WEB_MATCH_METHOD ? web_arena_strdup(rq->arena, rq->route.allow) : "GET, HEAD";
    web_error(rq, resp, 405,
              strcmp(resp->allow, "GET, HEAD") == 0 ? "Only GET and HEAD are allowed here."
                                                    : "That method is not allowed here.");
}

/* Runs the matched route's handler with the defaults its flags give. */
/* Whether a POST comes from this site: its Origin (or, without one, its Referer) names the
 * Host it was sent to.  A request with neither (not a browser) passes: the session's CSRF
 * token still guards it. */
static int same_origin(struct web_request *rq)
{
    const char *host = web_req_header(rq, "Host");
    const char *origin = web_req_header(rq, "Origin");
    const char *ref = web_req_header(rq, "Referer");
    const char *p;
    size_t hn;
    if (!origin && !ref)
        return 1;
    if (!host || !*host)
        return 0;
    hn = strlen(host);
    p = origin ? origin : ref;
    if (strncmp(p, "http://", 7) == 0)
        p += 7;
    else if (strncmp(p, "https://", 8) == 0)
        p += 8;
    else
        return 0;
    if (strncasecmp(p, host, hn) != 0)
        return 0;
    return origin ? p[hn] == '\0' : (p[hn] == '/' || p[hn] == '\0');
}

/*
 * A GET's reads share one read snapshot of the read-only handle (store_tx_begin): the
 * page sees one state of the archive, and SQLite takes its WAL read lock once instead of
 * once per statement (an article page runs a dozen statements; a profile of random
 * article views at 100,000 articles had 22% of the server's CPU in starting and ending
 * those read transactions, half of it fcntl lock calls).  Writes of a GET (an LLM cache,
 * a session's last use) go through the writable handle, which the snapshot does not
 * block.  A POST reads and writes through the writable handle in its own transactions.
 */
static store *read_snapshot_begin(struct web_request *rq)
{
    store *st;
    if (web_req_store(rq, &st) != HERALD_OK || store_tx_begin(st) != HERALD_OK)
        return NULL;
    return st;
}

static void read_snapshot_end(store *st)
{
    if (st && store_tx_commit(st) != HERALD_OK)
        store_tx_rollback(st);
}

static void run_handler(struct web_request *rq, struct web_response *resp)
{
    const struct web_route_def *d = rq->route.def;
    const struct web_viewer *v;
    int post = strcmp(rq->method, "POST") == 0;
    store *snapshot = post ? NULL : read_snapshot_begin(rq);
    if (d->flags & WEB_RF_API) {
        resp->content_type = "application/json; charset=utf-8";
        resp->cache_control = post ? NULL : "public, max-age=30";
    } else {
        resp->content_type = "text/html; charset=utf-8";
    }
    v = web_req_viewer(rq);
    if (post) {
        /* a browser's cross-site form post carries the other site's Origin; an API token
         * is not ambient authority, so token requests need neither check */
        if (!(v && v->via_token) && !same_origin(rq)) {
            web_error(rq, resp, 403, "Requests from other sites are refused.");
            goto out;
        }
        if (!parse_body(rq, resp, d->flags & WEB_RF_API))
            goto out;
        if (v && !v->via_token) {
            const char *t = web_req_form(rq, "csrf");
            if (!t)
                t = web_req_header(rq, "X-CSRF-Token");
            if (!users_secret_equal(t, v->csrf)) {
                web_error(rq, resp, 403,
                          "This form has expired or did not come from this site (CSRF "
                          "token). Reload the page and try again.");
                goto out;
            }
        }
    }
    if ((d->flags & (WEB_RF_SESSION | WEB_RF_MODERATOR | WEB_RF_ADMIN)) && !v) {
        web_error(rq, resp, 401, "Sign in first.");
        goto out;
    }
    if (((d->flags & WEB_RF_MODERATOR) && v->role < STORE_ROLE_MODERATOR) ||
        ((d->flags & WEB_RF_ADMIN) && v->role < STORE_ROLE_ADMIN)) {
        web_error(rq, resp, 403, "You are not allowed to do that.");
        goto out;
    }
    d->handler(rq, &rq->route, resp);
out:
    read_snapshot_end(snapshot);
    if ((d->flags & WEB_RF_NOSTORE) || v)
        resp->cache_control = "private, no-store";
}

/* A cached page a client wants in a coding it lacks: compresses it once, stores the entry
 * again with that form beside the others (its age still counted from its rendering) and
 * returns the stored value, whose reference replaces *ref.  When the cache keeps nothing
 * (evicted, too large) the old value is returned and send_rep compresses per request. */
static const struct web_cached *add_form(web_server *srv, const char *key, int64_t version,
                                         int64_t now, const struct web_cached *hit,
                                         web_cache_ref **ref, enum web_encoding enc)
{
    struct strbuf zb = STRBUF_INIT;
    struct web_cached e = *hit;
    const struct web_cached *again;
    web_cache_ref *ref2;
    if (web_compress(enc, hit->body, hit->len, &zb) != HERALD_OK)
        return hit;
    *(enc == WEB_ENC_GZIP ? &e.gz : &e.br) = zb.buf;
    *(enc == WEB_ENC_GZIP ? &e.gz_len : &e.br_len) = zb.len;
    web_cache_put(srv->cache, key, version, hit->rendered, &e);
    strbuf_release(&zb);
    again = web_cache_get_ref(srv->cache, key, version, now, &ref2);
    if (!again)
        return hit;
    web_cache_unref(*ref);
    *ref = ref2;
    return again;
}

/* Answers a request: from the page cache, or by its handler (then cached when it may be). */
static enum MHD_Result dispatch(struct web_request *rq)
{
    web_server *srv = rq->srv;
    struct web_response resp;
    char key[1024];
    int64_t data_version = 0;
    enum MHD_Result ret;

    rq->answered = 1;
    memset(&resp, 0, sizeof(resp));
    resp.status = 200;
    resp.last_modified = TIME_NONE;
    strbuf_init(&resp.body, 0);

    if (rq->ambiguous) {
        web_error(rq, &resp, 400, "The request's length is announced in conflicting ways.");
    } else if (rq->match != WEB_MATCH_OK) {
        answer_unrouted(rq, &resp);
    } else if (refuse_unknown_params(rq, &resp)) {
        /* answered 400, before the page cache: a cached answer must not hide it */
    } else if (srv->cache && !web_req_viewer(rq) && cache_key(rq, &rq->route, key, sizeof(key)) &&
               worker_data_version(rq, &data_version) == HERALD_OK) {
        struct web_cached e;
        const struct web_cached *hit;
        web_cache_ref *ref;
        int64_t now = time_now();
        hit = web_cache_get_ref(srv->cache, key, data_version, now, &ref);
        if (hit) {
            enum web_encoding enc = wanted_encoding(rq, hit->content_type, hit->len);
            if (enc != WEB_ENC_IDENTITY && !(enc == WEB_ENC_GZIP ? hit->gz : hit->br))
                hit = add_form(srv, key, data_version, now, hit, &ref, enc);
            ret = finish_cached(rq, hit, ref);
            strbuf_release(&resp.body);
            return ret;
        }
        run_handler(rq, &resp);
        if (resp.status == 200 && !resp.static_data) {
            struct strbuf zb = STRBUF_INIT;
            enum web_encoding enc;
            memset(&e, 0, sizeof(e));
            e.status = 200;
            e.content_type = resp.content_type;
            e.cache_control = resp.cache_control;
            e.last_modified = resp.last_modified;
            e.body = resp.body.buf;
            e.len = resp.body.len;
            e.rendered = now;
            web_etag(e.body, e.len, WEB_ENC_IDENTITY, e.etag);
            /* the form this client takes, made once; another is added when asked for */
            enc = wanted_encoding(rq, e.content_type, e.len);
            if (enc != WEB_ENC_IDENTITY && web_compress(enc, e.body, e.len, &zb) == HERALD_OK) {
                *(enc == WEB_ENC_GZIP ? &e.gz : &e.br) = zb.buf;
                *(enc == WEB_ENC_GZIP ? &e.gz_len : &e.br_len) = zb.len;
            }
            web_cache_put(srv->cache, key, data_version, now, &e);
            ret = finish_cached(rq, &e, NULL);
            strbuf_release(&zb);
            strbuf_release(&resp.body);
            return ret;
        }
    } else {
        run_handler(rq, &resp);
    }
    ret = finish_response(rq, &resp);
    strbuf_release(&resp.body);
    return ret;
}

/* Answers at once with an error (a body too large), without reading the rest. */
static enum MHD_Result refuse(struct web_request *rq, int status, const char *msg)
{
    struct web_response resp;
    enum MHD_Result ret;
    rq->answered = 1;
    memset(&resp, 0, sizeof(resp));
    resp.last_modified = TIME_NONE;
    strbuf_init(&resp.body, 0);
    web_error(rq, &resp, status, msg);
    ret = finish_response(rq, &resp);
    strbuf_release(&resp.body);
    return ret;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    web_server *srv = cls;
    struct web_request *rq = *con_cls;

    (void)version;
    if (rq && rq->answered) {
        /* A later call for a request that sent a body: we already answered; drop it. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!rq) {
        int64_t cl;
        rq = xcalloc(1, sizeof(*rq));
        rq->srv = srv;
        rq->conn = conn;
        rq->arena = web_arena_new();
        rq->start_us = now_us();
        rq->method = web_arena_strdup(rq->arena, method);
        rq->path = web_arena_strdup(rq->arena, url);
        strbuf_init(&rq->body, 0);
        *con_cls = rq;
        atomic_fetch_add(&srv->inflight, 1);
        rq->match = web_route_find(srv->routes, srv->n_routes, method, url, &rq->route);
        rq->ambiguous = ambiguous_length(conn);
        if (rq->ambiguous)
            return dispatch(rq);
        /* libmicrohttpd closes the connection after a response queued in this first call
         * (it cannot know the request has no body yet).  A GET/HEAD that announces no
         * body is answered in the next call instead, so the connection stays open for
         * the client's next request, and so is a POST to a POST route once its body is
         * read.  Anything else is answered now and then closed: its body is never read. */
        if (wants_keepalive(conn, method))
            return MHD_YES;
        if (reads_body(rq)) {
            cl = content_length(conn);
            if (cl > (int64_t)srv->cfg.max_body_bytes)
                return refuse(rq, 413, "The request body is too large.");
            return MHD_YES;
        }
        return dispatch(rq);
    }
    if (*upload_data_size) {
        if (rq->body.len + *upload_data_size > srv->cfg.max_body_bytes) {
            /* a chunked body past the cap: answer now; libmicrohttpd closes the connection
             * (or, when it cannot queue mid-body, drops it) */
            *upload_data_size = 0;
            return refuse(rq, 413, "The request body is too large.");
        }
        strbuf_add(&rq->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return dispatch(rq);
}

#define LOG_FIELD_MAX 512

/* Appends at most LOG_FIELD_MAX bytes of client text s to sb for a log line: control
 * bytes escaped by strbuf_add_printable and '"' as \x22, so that a hostile method or path
 * can neither forge log lines, close its quoted field early, nor drive a terminal. */
static void log_field(struct strbuf *sb, const char *s)
{
    size_t n = s ? strnlen(s, LOG_FIELD_MAX) : 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        strbuf_add_printable(sb, p, (size_t)((q ? q : end) - p));
        if (!q)
            break;
        strbuf_adds(sb, "\\x22");
        p = q + 1;
    }
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    web_server *srv = cls;
    struct web_request *rq = *con_cls;
    struct strbuf method = STRBUF_INIT, path = STRBUF_INIT;
    int64_t us;

    (void)conn;
    if (!rq)
        return;
    us = now_us() - rq->start_us;
    log_field(&method, rq->method);
    log_field(&path, rq->path);
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && rq->status == 0)
        rq->status = 499;
    if (srv->cfg.access_log) {
        char ts[TIME_RFC3339_LEN];
        FILE *f = srv->cfg.access_log;
        flockfile(f);
        fprintf(f, "%s %s \"%s\" %d %zu %" PRId64 "us%s\n", time_format_rfc3339(time_now(), ts),
                method.buf, path.buf, rq->status, rq->bytes, us,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
        fflush(f);
        funlockfile(f);
    } else {
        log_info("web", "%s \"%s\" %d %zu %" PRId64 "us%s", method.buf, path.buf, rq->status,
                 rq->bytes, us, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
    }
    json_decref(rq->json);
    strbuf_release(&rq->body);
    strbuf_release(&method);
    strbuf_release(&path);
    web_arena_free(rq->arena);
    free(rq);
    *con_cls = NULL;
    atomic_fetch_sub(&srv->inflight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    (void)cls;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    log_debug("web", "microhttpd: %s", msg);
}

/* ------------------------------------------------------------------------------------
 * Start and stop
 */

/* Parses "host:port" / "[v6]:port" / ":port" into a socket address.  *any is set for
 * ":port" (all addresses, both families). */
static herald_status parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len,
                                  int *any)
{
    const char *colon, *host_end;
    char host[64];
    char *end;
    long port;
    size_t hn;

    memset(ss, 0, sizeof(*ss));
    *any = 0;
    if (!s || !*s)
        return HERALD_E_INVALID;
    if (s[0] == '[') {
        host_end = strchr(s, ']');
        if (!host_end || host_end[1] != ':')
            return HERALD_E_INVALID;
        colon = host_end + 1;
        s++;
    } else {
        colon = strrchr(s, ':');
        if (!colon)
            return HERALD_E_INVALID;
        host_end = colon;
    }
    hn = (size_t)(host_end - s);
    if (hn >= sizeof(host))
        return HERALD_E_INVALID;
    memcpy(host, s, hn);
    host[hn] = '\0';
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
        return HERALD_E_INVALID;
    if (hn == 0) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_addr = in6addr_any;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof(*a6);
        *any = 1;
        return HERALD_OK;
    }
    if (strcmp(host, "localhost") == 0)
        memcpy(host, "127.0.0.1", 10);
    {
        struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
            a4->sin_family = AF_INET;
            a4->sin_port = htons((uint16_t)port);
            *len = sizeof(*a4);
            return HERALD_OK;
        }
        memset(ss, 0, sizeof(*ss));
        if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
            a6->sin6_family = AF_INET6;
            a6->sin6_port = htons((uint16_t)port);
            *len = sizeof(*a6);
            return HERALD_OK;
        }
    }
    return HERALD_E_INVALID;
}

/* herald opens the listening socket itself rather than letting libmicrohttpd do it: a
 * bind error comes back with its errno (an address in use gets a message that says so),
 * and the socket has SO_REUSEADDR only (a restart may bind while old connections sit in
 * TIME_WAIT), never SO_REUSEPORT, so a second server on a port in use is refused instead
 * of silently sharing its connections. */
static herald_status open_listener(const struct sockaddr_storage *ss, socklen_t len, int any,
                                   const char *addr, int *out)
{
    int one = 1, zero = 0, err;
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        log_error("web", "cannot listen on %s: %s", addr, strerror(errno));
        return HERALD_E_IO;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        (any && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) != 0) ||
        bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, SOMAXCONN) != 0) {
        err = errno;
        if (err == EADDRINUSE)
            log_error("web",
                      "cannot listen on %s: the address is already in use (is another "
                      "server running there?)",
                      addr);
        else
            log_error("web", "cannot listen on %s: %s", addr, strerror(err));
        close(fd);
        return HERALD_E_IO;
    }
    *out = fd;
    return HERALD_OK;
}

/* The image proxy: its cache beside the database unless configured.  A proxy that cannot
 * start (a read-only directory) is logged and the site runs without images. */
static void start_media(web_server *srv, const struct web_config *cfg)
{
    struct media_config mc;
    struct strbuf dir = STRBUF_INIT;
    media_config_init(&mc);
    if (cfg->media_dir && *cfg->media_dir)
        strbuf_adds(&dir, cfg->media_dir);
    else
        strbuf_addf(&dir, "%s.media", cfg->db_path);
    mc.dir = dir.buf;
    if (cfg->media_max_bytes)
        mc.max_bytes = cfg->media_max_bytes;
    mc.fetch = cfg->media_fetch;
    mc.allow_file_urls = cfg->allow_file_urls;
    if (media_proxy_new(&mc, &srv->media) != HERALD_OK) {
        log_warn("web", "the image proxy cannot use %s: pages show no images", dir.buf);
        srv->media = NULL;
    }
    strbuf_release(&dir);
}

herald_status web_server_start(const struct web_config *cfg, web_server **out)
{
    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    int any = 0;
    unsigned flags;
    web_server *srv = NULL;
    int lfd = -1;
    char *base = NULL;
    tzone *zone = NULL;
    herald_status rc;

    rc = parse_listen(cfg->listen, &ss, &sslen, &any);
    if (rc) {
        log_error("web", "bad listen address '%s' (want HOST:PORT, [V6]:PORT or :PORT)",
                  cfg->listen ? cfg->listen : "");
        return rc;
    }
    if (!cfg->db_path || !*cfg->db_path) {
        log_error("web", "no database path");
        return HERALD_E_INVALID;
    }
    if (cfg->base_url && *cfg->base_url && url_base_check(cfg->base_url, &base)) {
        log_error("web", "bad base URL '%s' (want http(s)://HOST[/PATH], no query or fragment)",
                  cfg->base_url);
        return HERALD_E_INVALID;
    }
    {
        char why[160];
        rc = tzone_load(cfg->timezone, &zone, why, sizeof(why));
        if (rc) {
            log_error("web", "web.timezone: %s", why);
            free(base);
            return rc;
        }
    }
    rc = open_listener(&ss, sslen, any, cfg->listen, &lfd);
    if (rc) {
        free(base);
        tzone_free(zone);
        return rc;
    }
    srv = xcalloc(1, sizeof(*srv));
    srv->cfg = *cfg;
    srv->zone = zone;
    srv->cfg.timezone = NULL; /* the caller's string: only srv->zone is kept */
    srv->listen = xstrdup(cfg->listen);
    srv->base_url = base;
    srv->cfg.base_url = base;
    if (users_init() != HERALD_OK) {
        log_error("web", "libsodium cannot start");
        return HERALD_E_INTERNAL;
    }
    srv->db_path = xstrdup(cfg->db_path);
    srv->cfg.listen = srv->listen;
    srv->cfg.db_path = srv->db_path;
    if (!srv->cfg.threads)
        srv->cfg.threads = 4;
    if (!srv->cfg.max_connections)
        srv->cfg.max_connections = 1024;
    if (!srv->cfg.timeout_s)
        srv->cfg.timeout_s = 10;
    if (!srv->cfg.max_header_bytes)
        srv->cfg.max_header_bytes = 32 * 1024;
    if (!srv->cfg.shutdown_grace_ms)
        srv->cfg.shutdown_grace_ms = 5000;
    if (!srv->cfg.max_body_bytes)
        srv->cfg.max_body_bytes = WEB_BODY_MAX_DEFAULT;
    srv->started = time_now();
    srv->limits = web_ratelimit_new();
    srv->n_routes = web_routes_count + cfg->n_extra_routes;
    srv->routes = xcalloc(srv->n_routes, sizeof(*srv->routes));
    memcpy(srv->routes, web_routes, web_routes_count * sizeof(*srv->routes));
    if (cfg->n_extra_routes)
        memcpy(srv->routes + web_routes_count, cfg->extra_routes,
               cfg->n_extra_routes * sizeof(*srv->routes));
    srv->cfg.extra_routes = NULL;
    srv->cfg.n_extra_routes = 0;
    if (srv->cfg.cache_entries)
        srv->cache = web_cache_new(srv->cfg.cache_entries, srv->cfg.cache_bytes, 30);
    atomic_init(&srv->inflight, 0);
    web_etag(web_static_herald_css, web_static_herald_css_len, 0, srv->css_etag);
    web_etag(web_static_favicon_svg, web_static_favicon_svg_len, 0, srv->icon_etag);
    web_etag(web_static_herald_js, web_static_herald_js_len, 0, srv->js_etag);
    start_media(srv, cfg);
    /* ?v= the last 8 hex digits of the stylesheet's hash */
    snprintf(srv->css_href, sizeof(srv->css_href), "/static/herald.css?v=%.8s",
             srv->css_etag + 1 + 8);
    snprintf(srv->js_href, sizeof(srv->js_href), "/static/herald.js?v=%.8s", srv->js_etag + 1 + 8);
    if (pthread_key_create(&srv->store_key, close_slot) != 0) {
        close(lfd);
        web_cache_free(srv->cache);
        free(srv->routes);
        web_ratelimit_free(srv->limits);
        media_proxy_free(srv->media);
        free(srv->listen);
        free(srv->db_path);
        free(srv->base_url);
        tzone_free(srv->zone);
        free(srv);
        return HERALD_E_INTERNAL;
    }

    flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
#ifdef __linux__
    flags |= MHD_USE_EPOLL;
#endif
    if (any)
        flags |= MHD_USE_DUAL_STACK;
    else if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* The logger first, so that it also receives what the later options report.
     * STRICT_FOR_CLIENT 1: an HTTP/1.1 request without Host, whitespace before a header's
     * colon and other sloppy framing get 400 instead of a lenient guess that a proxy in
     * front might guess differently (request smuggling). */
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, access_handler, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)lfd, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)(srv->cfg.threads > 1 ? srv->cfg.threads : 0), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)srv->cfg.max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)srv->cfg.max_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)srv->cfg.timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)srv->cfg.max_header_bytes, MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_END);
    if (!srv->daemon) {
        log_error("web", "cannot start the server on %s", cfg->listen);
        close(lfd);
        pthread_key_delete(srv->store_key);
        web_cache_free(srv->cache);
        free(srv->routes);
        web_ratelimit_free(srv->limits);
        media_proxy_free(srv->media);
        free(srv->listen);
        free(srv->db_path);
        free(srv->base_url);
        tzone_free(srv->zone);
        free(srv);
        return HERALD_E_IO;
    }
    {
        struct sockaddr_storage bound;
        socklen_t blen = sizeof(bound);
        if (getsockname(lfd, (struct sockaddr *)&bound, &blen) == 0)
            srv->port =
                ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                  : ((struct sockaddr_in *)&bound)->sin_port);
    }
    *out = srv;
    return HERALD_OK;
}

unsigned web_server_port(const web_server *s)
{
    return s->port;
}

void web_server_stop(web_server *s)
{
    MHD_socket fd;
    int64_t deadline;
    if (!s || s->stopped)
        return;
    s->stopped = 1;
    fd = MHD_quiesce_daemon(s->daemon);
    deadline = time_monotonic_ms() + s->cfg.shutdown_grace_ms;
    while (atomic_load(&s->inflight) > 0 && time_monotonic_ms() < deadline) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
}

void web_server_free(web_server *s)
{
    if (!s)
        return;
    web_server_stop(s);
    pthread_key_delete(s->store_key);
    web_cache_free(s->cache);
    free(s->routes);
    web_ratelimit_free(s->limits);
    media_proxy_free(s->media);
    free(s->listen);
    free(s->db_path);
    free(s->base_url);
    tzone_free(s->zone);
    free(s);
}

herald_status web_serve(const struct web_config *cfg)
{
    sigset_t set;
    web_server *srv = NULL;
    herald_status rc;
    int sig = 0;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    rc = web_server_start(cfg, &srv);
    if (rc)
        goto out;
    log_info("web", "serving %s on %s (port %u)", cfg->db_path, cfg->listen, web_server_port(srv));
    while (sigwait(&set, &sig) != 0)
        ;
    log_info("web", "signal %d: shutting down", sig);
    web_server_free(srv);
    log_info("web", "stopped");
out:
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return rc;
}
