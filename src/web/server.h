/*
 * server.h - `herald serve`: the web site and JSON API over HTTP (libmicrohttpd).
 *
 * Threads: libmicrohttpd runs an internal thread pool (epoll, one event loop per worker);
 * each worker opens its own read-only store handle the first time it needs one and
 * closes it when the worker exits (a pthread key with a destructor), so no handle is
 * ever shared between threads and the web never waits on the ingest writer (WAL).
 *
 * A request: the method and path are looked up in the route table (route.h, routes.c), a
 * page handler fills a view model from the
 * store (data.h) in a per-request arena and renders it (view.h), or an API handler
 * builds JSON (api); then one place adds the HTTP semantics every response shares:
 * ETag (a hash of the body) and Last-Modified with 304 on If-None-Match /
 * If-Modified-Since, Cache-Control, gzip when Accept-Encoding allows, the security
 * headers (a strict Content-Security-Policy the pages satisfy, nosniff, Referrer-Policy,
 * frame-ancestors / X-Frame-Options), and HEAD (headers only, same Content-Length).
 * Finished home, article and source pages (and /api/v1/articles/{id}) are kept in a
 * bounded page cache keyed by URL and valid for the store's current data version and at
 * most 30 seconds (cache.h), so a popular article costs one cheap version query.
 * The request's arena is freed and one access-log line written (method, path, status,
 * body bytes, microseconds) in libmicrohttpd's completion callback.
 *
 * Limits: connection count, per-IP connection count, idle timeout per connection (slow
 * clients are cut off), request header memory, and request bodies only for POST routes,
 * at most max_body_bytes (413 beyond; announced by Content-Length it is refused before a
 * byte is read), urlencoded forms or JSON (415 otherwise, 400 when malformed).  A method
 * no route at the path accepts is 405 with Allow.
 *
 * Shutdown: web_server_stop() stops accepting (MHD_quiesce_daemon), lets in-flight
 * requests finish (bounded wait), then stops the workers, whose store handles close.
 */
#ifndef HERALD_WEB_SERVER_H
#define HERALD_WEB_SERVER_H

#include <stdint.h>
#include <stdio.h>

#include "core/status.h"

typedef struct web_server web_server;
struct web_route_def;
struct fetch_config;

#define WEB_BODY_MAX_DEFAULT (64u * 1024) /* request body cap (forms, JSON) */

struct web_config {
    const char *listen;         /* "127.0.0.1:8080", "[::1]:8080", ":8080" (all addresses);
                                   port 0 picks a free port (see web_server_port) */
    const char *db_path;        /* the database (opened read-only per worker) */
    unsigned threads;           /* worker threads; 0 = 4 */
    unsigned max_connections;   /* 0 = 1024 */
    unsigned max_per_ip;        /* concurrent connections per client address (more are
                                   refused at accept, so one address cannot hold every
                                   connection); 0 = unlimited; web_config_init: 64 */
    unsigned timeout_s;         /* seconds a connection may stay silent (idle keep-alive, a
                                   request head trickling in) before it is closed; 0 = 10 */
    size_t max_header_bytes;    /* per-connection memory for the request head; 0 = 32 KiB */
    unsigned shutdown_grace_ms; /* how long stop waits for in-flight requests; 0 = 5000 */
    FILE *access_log;           /* one line per request; NULL = through log_info("web") */
    int allow_file_urls;        /* serve lead images stored as file:// URLs at /media/{id}
                                   (through the image proxy, as WebP) */
    size_t cache_entries;       /* rendered-page cache (cache.h); 0 disables it */
    size_t cache_bytes;         /* its memory bound */
    unsigned version_check_ms;  /* each worker re-reads the store's data version at most this
                                   often (the page cache's validity check); so a committed
                                   change shows within this bound.  0 = on every request */
    int64_t (*clock_ms)(void);  /* the monotonic milliseconds that bound measures; NULL =
                                   time_monotonic_ms (tests pass a clock they advance) */
    size_t max_body_bytes;      /* request bodies larger than this get 413; 0 = 64 KiB */
    const char *llm_url;        /* the optional language model (llm/llm.h); NULL/"" = none */
    const char *llm_model;
    unsigned llm_timeout_s;                   /* per call; 0 = 30 */
    const struct web_route_def *extra_routes; /* more routes (route.h) after the built-in
                                                 table (copied); for embedders and tests */
    size_t n_extra_routes;
    int secure_cookies;       /* session cookies carry Secure (HTTPS only); default 1.  Off
                                 for plain-HTTP local use (the demo) */
    unsigned session_ttl_s;   /* sessions expire after this; default 30 days */
    unsigned edit_window_s;   /* comments can be edited this long; default 15 minutes */
    const char *media_dir;    /* the image proxy's cache (media/media.h); NULL or "" =
                                 "{db_path}.media" */
    uint64_t media_max_bytes; /* its disk bound; 0 = 512 MiB */
    const struct fetch_config *media_fetch; /* how the proxy fetches (SSRF allowlist,
                                               timeouts); NULL = the fetcher's defaults */
    int64_t (*clock)(void *ud);             /* seconds UTC for accounts, comments and rate limits;
                                               NULL = time_now() (tests inject one) */
    void *clock_ud;
    const char *base_url; /* the site's public URL ("https://news.example", no trailing
                             slash; url_base_check) for absolute links: canonical, Open
                             Graph, feeds, sitemaps, robots.txt.  NULL/"" = derived per
                             request from a well-formed Host header as http://HOST (the
                             page cache then keys by it), else links stay relative */
    const char *timezone; /* IANA zone of the times pages show (core/tzone.h); NULL/"" = UTC.
                             An unknown zone makes web_server_start fail */
};

/* Fills cfg with the defaults above (listen "127.0.0.1:8080", db_path NULL, 64 connections
 * per address, a 10 s idle timeout, a page cache
 * of 4096 entries / 64 MiB, related ids reused for 15 minutes, the data version re-read at
 * most every 100 ms per worker). */
void web_config_init(struct web_config *cfg);

/*
 * Starts serving.  On success *out is a running server the caller stops and frees.
 * Errors: HERALD_E_INVALID (malformed listen address, no db_path), HERALD_E_IO (the
 * address cannot be bound: in use -- never shared through SO_REUSEPORT --, no
 * permission; the log says which).  The database is not opened here;
 * a missing or unreadable database makes pages answer 503 until it appears.
 */
herald_status web_server_start(const struct web_config *cfg, web_server **out);

/* The TCP port the server listens on (useful after listening on port 0). */
unsigned web_server_port(const web_server *s);

/* Graceful stop: no new connections, in-flight requests finish (up to the grace time),
 * then workers exit and their store handles close.  Idempotent. */
void web_server_stop(web_server *s);

/* Stops (if still running) and frees.  NULL does nothing. */
void web_server_free(web_server *s);

/*
 * What `herald serve` runs: starts the server with cfg, logs the address, blocks until
 * SIGINT or SIGTERM, then stops gracefully and frees.  It blocks those two signals in the
 * calling thread before starting (so every worker inherits the mask) and waits for them
 * with sigwait.  Returns HERALD_OK after a clean shutdown, or the start error.
 */
herald_status web_serve(const struct web_config *cfg);

#endif
