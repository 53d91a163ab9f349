/*
 * fetch.h - the polite HTTP fetcher: many transfers at once on libcurl's multi interface.
 *
 * An engine (fetch_engine) owns one curl multi handle and a queue of requests.  The caller
 * adds requests (fetch_engine_add) and drives the engine from ONE thread, either to
 * completion (fetch_engine_run) or one step at a time from a long-running loop
 * (fetch_engine_perform).  Each finished request yields a fetch_result, handed to the
 * request's callback or, without one, queued for fetch_engine_next_result.  The fetcher
 * knows nothing of feeds or the store: the caller keeps its own context in request.user.
 *
 * Politeness and bounds: at most max_transfers transfers run at once and at most per_host
 * to one host (scheme+host+port); connect, total and low-speed (stall) timeouts; the body
 * is capped (Content-Length announcing more, or more bytes arriving after decoding, abort
 * the transfer with HERALD_E_TOOBIG); gzip, deflate, br and zstd are accepted and decoded;
 * conditional GET sends If-None-Match / If-Modified-Since from the request.
 *
 * Redirects are followed by the engine, not by curl, so that every hop passes the SSRF
 * policy (ssrf.h) at URL level before it starts and at address level when curl connects
 * (CURLOPT_OPENSOCKETFUNCTION; CURLOPT_PREREQFUNCTION re-checks reused connections).  A
 * redirect to anything but http/https is refused, a URL seen twice on one chain is a loop,
 * and more than max_redirects hops fail.  The result records the final URL and whether
 * every hop was permanent (301/308): only then may the caller replace its stored URL.
 *
 * Lifetime: call fetch_global_init() once before any thread uses the fetcher (the engine
 * calls it too; it is idempotent and thread-safe), fetch_global_cleanup() at exit.
 */
#ifndef HERALD_FETCH_FETCH_H
#define HERALD_FETCH_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define FETCH_USER_AGENT "herald/" HERALD_VERSION " (+https://github.com/herald-news/herald)"

struct fetch_config {
    int max_transfers;        /* transfers running at once (default 16) */
    int per_host;             /* transfers to one host at once (default 2) */
    long connect_timeout_ms;  /* per hop (default 10 s) */
    long total_timeout_ms;    /* per hop (default 60 s) */
    long low_speed_limit;     /* bytes/s below which ... (default 1) */
    long low_speed_time;      /* ... for this many seconds the transfer aborts (default 20) */
    size_t max_body;          /* bytes after decoding (default 10 MiB) */
    int max_redirects;        /* hops followed (default 5) */
    const char *user_agent;   /* default FETCH_USER_AGENT */
    const char *accept;       /* Accept header for requests without their own (default none) */
    bool allow_file_urls;     /* fetch file: URLs (default false; never on redirects; only
                                 regular files, read without blocking, at most max_body) */
    const char *const *allow; /* SSRF allowlist: host names and CIDRs (ssrf.h) */
    size_t n_allow;
    /* CURLOPT_RESOLVE entries "host:port:address" (pinning names; used by tests).  The
     * pinned addresses still pass the SSRF address check. */
    const char *const *resolve;
    size_t n_resolve;
    /* CURLOPT_CONNECT_TO entries "host:port:connect-host:connect-port": URLs keep their
     * host and port while the connection goes elsewhere (tests serving fixed URLs from a
     * random port).  The address connected to still passes the SSRF check. */
    const char *const *connect_to;
    size_t n_connect_to;
};

/* Fills cfg with the defaults above. */
void fetch_config_init(struct fetch_config *cfg);

/* One finished request.  Every string is malloc'd and owned by the result (NULL when
 * absent); free it all with fetch_result_free. */
struct fetch_result {
    herald_status status; /* HERALD_OK for 2xx and 304; HERALD_E_HTTP for other statuses;
                             E_DENIED (SSRF, file: disabled), E_TIMEOUT, E_TOOBIG,
                             E_NETWORK (DNS, connect, TLS, redirect loop / too many hops),
                             E_INVALID (bad URL), E_IO (file: not readable) otherwise */
    char *error;          /* one-line reason when status != HERALD_OK */
    long http_code;       /* last response's status (0 when none arrived) */
    long first_code;      /* first response's status (the first redirect's, if any) */
    char *url;            /* the URL requested */
    char *final_url;      /* the URL of the last hop (== url without redirects) */
    int redirects;        /* hops followed */
    bool permanent;       /* redirects > 0 and every hop was 301 or 308 */
    char *body;           /* decoded body, NUL-terminated (NULL for 304 and errors before
                             the body); kept for HTTP errors too */
    size_t body_len;
    bool decoding_failed; /* the body did not match its Content-Encoding: it was fetched
                             again undecoded and body holds the raw bytes (a parser should
                             flag the feed as ill-formed) */
    char *content_type;
    char *etag;
    char *last_modified;
    char *content_location;
    char *content_language;
    int64_t retry_after; /* seconds from now (Retry-After delta or HTTP-date), -1 if absent */
    int64_t total_ms;    /* wall time from start of the first hop to completion */
    void *user;          /* the request's user pointer */
};

void fetch_result_free(struct fetch_result *r);

/* Called once per request, on the thread driving the engine.  The callback owns r and must
 * free it with fetch_result_free (or keep it). */
typedef void (*fetch_done_fn)(struct fetch_result *r, void *user);

struct fetch_request {
    const char *url;  /* required; copied */
    const char *etag; /* validators from the last 200, or NULL; copied */
    const char *last_modified;
    const char *accept; /* Accept header, or NULL for the config's */
    const char *origin; /* URL of the document that named url (an entry's feed, an image's
                           page), or NULL when the operator chose it (a subscription).  A
                           file: URL is fetched only with allow_file_urls, and, when origin
                           is set, only when origin is itself a file: URL
                           (url_link_allowed); copied */
    void *user;         /* handed back in the result */
    fetch_done_fn done; /* NULL: results are queued (fetch_engine_next_result) */
};

typedef struct fetch_engine fetch_engine;

/* Initialises libcurl once per process (pthread_once).  Returns HERALD_E_INTERNAL when
 * curl_global_init fails. */
herald_status fetch_global_init(void);
/* Releases libcurl's global state; call once at exit after every engine is freed. */
void fetch_global_cleanup(void);

/* Creates an engine with a copy of cfg (NULL: defaults).  *out is set on success.
 * HERALD_E_INVALID for a bad allowlist entry, HERALD_E_INTERNAL when curl fails. */
herald_status fetch_engine_new(const struct fetch_config *cfg, fetch_engine **out);
/* Aborts running transfers (their results are dropped, callbacks not called) and frees
 * queued results.  NULL is a no-op. */
void fetch_engine_free(fetch_engine *e);

/* Queues a request (it starts when the caps allow).  A URL refused by the SSRF policy is
 * not an error here: it completes with a HERALD_E_DENIED result like any failed fetch.
 * Returns HERALD_E_INVALID only when req or req->url is NULL. */
herald_status fetch_engine_add(fetch_engine *e, const struct fetch_request *req);

/* Runs one step: starts what the caps allow, waits up to timeout_ms for network activity,
 * advances transfers and delivers finished results.  Returns at once when nothing is
 * running (a long-running loop sleeps on its own clock then).  *active (may be NULL) receives the
 * number of requests not yet finished (running plus waiting).  Returns HERALD_E_INTERNAL
 * when curl's multi interface fails. */
herald_status fetch_engine_perform(fetch_engine *e, int timeout_ms, int *active);

/* Drives the engine until every added request has finished. */
herald_status fetch_engine_run(fetch_engine *e);

/* Number of requests added and not yet delivered. */
int fetch_engine_pending(const fetch_engine *e);

/* Pops the oldest queued result (requests without a callback), or NULL.  Caller frees. */
struct fetch_result *fetch_engine_next_result(fetch_engine *e);

/* Fetches one URL synchronously with its own engine (cfg NULL: defaults); etag and
 * last_modified may be NULL.  Returns HERALD_OK and sets *out to the result whenever the
 * fetch was attempted: check (*out)->status for the outcome.  Other returns (engine could
 * not be created, NULL url) leave *out untouched. */
herald_status fetch_url(const struct fetch_config *cfg, const char *url, const char *etag,
                        const char *last_modified, struct fetch_result **out);

/* Parses a Retry-After value: delta seconds or an HTTP-date (relative to now, UTC
 * seconds).  Returns the seconds to wait (0 for a date in the past) or -1 when value is
 * not a valid Retry-After. */
int64_t fetch_parse_retry_after(const char *value, int64_t now);

#endif
