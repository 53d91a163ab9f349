/*
 * fetch.c - see fetch.h.
 *
 * Design.  A request is a struct xfer that lives in exactly one place at a time: the
 * waiting list (FIFO), curl's multi handle (running; the easy handle's PRIVATE points back
 * at it), or nowhere (finished: its result has been delivered and it is freed).  Each
 * redirect hop is a fresh easy handle for the same xfer, re-queued at the head of the
 * waiting list, so the per-host cap and the SSRF URL check apply to every hop; curl's
 * connection cache lives in the multi handle, so keep-alive survives across hops and
 * requests.
 *
 * Why the engine and not curl follows redirects: curl's CURLOPT_FOLLOWLOCATION would
 * connect to the next hop before we could look at its URL; we want the URL-level check
 * (unusual IPv4 spellings, schemes) per hop, loop detection, and the "all hops permanent"
 * flag, all of which are simple when each hop is ours.  CURLOPT_REDIR_PROTOCOLS_STR is set
 * anyway as a second fence.
 *
 * The per-host cap is ours too rather than CURLMOPT_MAX_HOST_CONNECTIONS, whose pending
 * queue curl manages out of our sight (CURLMOPT_MAX_HOST_CONNECTIONS is still set to the
 * same value as a second fence).  Each scheme://host:port with work is a struct host with
 * its own FIFO of waiting transfers; hosts that have a waiting transfer and a free slot sit
 * on a ready list, served round-robin.  Starting a transfer is O(1) whatever the length of
 * the queue (a flat waiting list scanned for a startable entry made 20,000 requests to one
 * host quadratic); hosts are found by binary search in a sorted array.
 *
 * Invariants: nactive == number of easy handles in the multi == sum of host->running;
 * npending (added, not delivered) == waiting + running; a host is on the ready list iff it
 * has a waiting transfer and running < cap; a host with neither is freed.
 */
#include "fetch/fetch.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "fetch/ssrf.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/banned.h"

#define WHY_LEN 320

struct host;

struct xfer {
    struct fetch_engine *e;
    struct xfer *next;  /* its host's waiting queue */
    struct host *hostp; /* the host it waits for or runs on */
    char *url;          /* as requested */
    char *cur;          /* current hop */
    char *host;         /* current hop's host (for the SSRF name allowlist) */
    char *key;          /* scheme://host:port of the current hop (per-host cap) */
    char *etag, *last_modified, *accept;
    char *origin; /* the document that named url (file: links only from a file: origin) */
    void *user;
    fetch_done_fn done;
    char **visited;
    size_t nvisited, avisited;
    int redirects;
    bool all_permanent;
    bool is_file;
    CURL *easy;
    struct curl_slist *headers;
    struct strbuf body;
    bool toobig;
    bool denied;
    bool raw_retry; /* this hop again without content decoding */
    long first_code;
    char why[WHY_LEN];
    char errbuf[CURL_ERROR_SIZE];
    int64_t start_ms;
};

/* One scheme://host:port with waiting or running transfers. */
struct host {
    char *key;
    int running;
    int cap;
    struct xfer *wait_head, *wait_tail;
    struct host *ready_next; /* in the ready list: has waiting and running < cap */
    bool in_ready;
};

struct fetch_engine {
    struct fetch_config cfg;
    char *user_agent;
    char *accept;
    ssrf_policy *ssrf;
    struct curl_slist *resolve;
    struct curl_slist *connect_to;
    CURLM *multi;
    struct host **hosts; /* sorted by key, for bsearch */
    size_t nhosts, ahosts;
    struct host *ready_head, *ready_tail; /* round-robin over hosts that may start one */
    int nactive;
    int npending;
    struct xfer **running; /* xfers whose easy handle is in the multi */
    size_t arunning;
    struct fetch_result **results; /* FIFO ring-less queue: results[rhead..rlen) */
    size_t rhead, rlen, ralloc;
};

/* --- global init --- */

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_OK;

static void global_init_once(void)
{
    global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

herald_status fetch_global_init(void)
{
    pthread_once(&global_once, global_init_once);
    if (global_rc != CURLE_OK) {
        log_error("fetch", "curl_global_init: %s", curl_easy_strerror(global_rc));
        return HERALD_E_INTERNAL;
    }
    return HERALD_OK;
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

void fetch_config_init(struct fetch_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->max_transfers = 16;
    cfg->per_host = 2;
    cfg->connect_timeout_ms = 10000;
    cfg->total_timeout_ms = 60000;
    cfg->low_speed_limit = 1;
    cfg->low_speed_time = 20;
    cfg->max_body = 10u * 1024 * 1024;
    cfg->max_redirects = 5;
    cfg->user_agent = FETCH_USER_AGENT;
}

void fetch_result_free(struct fetch_result *r)
{
    if (!r)
        return;
    free(r->error);
    free(r->url);
    free(r->final_url);
    free(r->body);
    free(r->content_type);
    free(r->etag);
    free(r->last_modified);
    free(r->content_location);
    free(r->content_language);
    free(r);
}

/* --- hosts: per-host waiting queues and the ready list --- */

/* Index of key in the sorted hosts array, or -(insertion point) - 1. */
static long host_index(fetch_engine *e, const char *key)
{
    size_t lo = 0, hi = e->nhosts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(e->hosts[mid]->key, key);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -(long)lo - 1;
}

static struct host *host_get(fetch_engine *e, const char *key, bool is_file)
{
    long i = host_index(e, key);
    if (i >= 0)
        return e->hosts[i];
    size_t at = (size_t)(-i - 1);
    struct host *h = xcalloc(1, sizeof(*h));
    h->key = xstrdup(key);
    h->cap = is_file ? e->cfg.max_transfers : e->cfg.per_host;
    ALLOC_GROW(e->hosts, e->nhosts + 1, e->ahosts);
    memmove(e->hosts + at + 1, e->hosts + at, (e->nhosts - at) * sizeof(*e->hosts));
    e->hosts[at] = h;
    e->nhosts++;
    return h;
}

/* Puts h on the ready list when it has a waiting transfer and a free slot. */
static void host_maybe_ready(fetch_engine *e, struct host *h)
{
    if (h->in_ready || !h->wait_head || h->running >= h->cap)
        return;
    h->in_ready = true;
    h->ready_next = NULL;
    if (e->ready_tail)
        e->ready_tail->ready_next = h;
    else
        e->ready_head = h;
    e->ready_tail = h;
}

/* Frees h once nothing waits for it or runs on it. */
static void host_maybe_free(fetch_engine *e, struct host *h)
{
    if (h->running || h->wait_head || h->in_ready)
        return;
    long i = host_index(e, h->key);
    if (i >= 0) {
        memmove(e->hosts + i, e->hosts + i + 1, (e->nhosts - (size_t)i - 1) * sizeof(*e->hosts));
        e->nhosts--;
    }
    free(h->key);
    free(h);
}

/* Queues x on the host of its current hop, at the back (new request) or front (next hop). */
static void enqueue(fetch_engine *e, struct xfer *x, bool front)
{
    struct host *h = host_get(e, x->key, x->is_file);
    x->hostp = h;
    if (front) {
        x->next = h->wait_head;
        h->wait_head = x;
        if (!h->wait_tail)
            h->wait_tail = x;
    } else {
        x->next = NULL;
        if (h->wait_tail)
            h->wait_tail->next = x;
        else
            h->wait_head = x;
        h->wait_tail = x;
    }
    host_maybe_ready(e, h);
}

/* --- engine --- */

herald_status fetch_engine_new(const struct fetch_config *cfg, fetch_engine **out)
{
    struct fetch_config defaults;
    herald_status rc = fetch_global_init();
    if (rc)
        return rc;
    if (!cfg) {
        fetch_config_init(&defaults);
        cfg = &defaults;
    }
    fetch_engine *e = xcalloc(1, sizeof(*e));
    e->cfg = *cfg;
    if (e->cfg.max_transfers < 1)
        e->cfg.max_transfers = 1;
    if (e->cfg.per_host < 1)
        e->cfg.per_host = 1;
    if (e->cfg.max_redirects < 0)
        e->cfg.max_redirects = 0;
    e->user_agent = xstrdup(cfg->user_agent ? cfg->user_agent : FETCH_USER_AGENT);
    e->accept = xstrdup(cfg->accept);
    e->cfg.user_agent = NULL;
    e->cfg.accept = NULL;
    e->cfg.allow = NULL;
    e->cfg.n_allow = 0;
    e->cfg.resolve = NULL;
    e->cfg.n_resolve = 0;
    e->cfg.connect_to = NULL;
    e->cfg.n_connect_to = 0;

    rc = ssrf_policy_new(cfg->allow, cfg->n_allow, &e->ssrf);
    if (rc)
        goto out;
    for (size_t i = 0; i < cfg->n_resolve; i++) {
        struct curl_slist *l = curl_slist_append(e->resolve, cfg->resolve[i]);
        if (!l) {
            rc = HERALD_E_INTERNAL;
            goto out;
        }
        e->resolve = l;
    }
    for (size_t i = 0; i < cfg->n_connect_to; i++) {
        struct curl_slist *l = curl_slist_append(e->connect_to, cfg->connect_to[i]);
        if (!l) {
            rc = HERALD_E_INTERNAL;
            goto out;
        }
        e->connect_to = l;
    }
    e->multi = curl_multi_init();
    if (!e->multi) {
        rc = HERALD_E_INTERNAL;
        goto out;
    }
    curl_multi_setopt(e->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)e->cfg.per_host);
    curl_multi_setopt(e->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)e->cfg.max_transfers);
    *out = e;
    return HERALD_OK;
out:
    fetch_engine_free(e);
    return rc;
}

static void xfer_free(struct xfer *x)
{
    if (!x)
        return;
    free(x->url);
    free(x->cur);
    free(x->host);
    free(x->key);
    free(x->etag);
    free(x->last_modified);
    free(x->accept);
    free(x->origin);
    for (size_t i = 0; i < x->nvisited; i++)
        free(x->visited[i]);
    free(x->visited);
    if (x->headers)
        curl_slist_free_all(x->headers);
    if (x->easy)
        curl_easy_cleanup(x->easy);
    strbuf_release(&x->body);
    free(x);
}

void fetch_engine_free(fetch_engine *e)
{
    if (!e)
        return;
    if (e->multi) {
        for (int i = 0; i < e->nactive; i++) {
            curl_multi_remove_handle(e->multi, e->running[i]->easy);
            xfer_free(e->running[i]);
        }
        curl_multi_cleanup(e->multi);
    }
    for (size_t i = 0; i < e->nhosts; i++) {
        struct host *h = e->hosts[i];
        for (struct xfer *x = h->wait_head, *n; x; x = n) {
            n = x->next;
            xfer_free(x);
        }
        free(h->key);
        free(h);
    }
    for (size_t i = e->rhead; i < e->rlen; i++)
        fetch_result_free(e->results[i]);
    free(e->results);
    free(e->running);
    free(e->hosts);
    if (e->resolve)
        curl_slist_free_all(e->resolve);
    if (e->connect_to)
        curl_slist_free_all(e->connect_to);
    ssrf_policy_free(e->ssrf);
    free(e->user_agent);
    free(e->accept);
    free(e);
}

int fetch_engine_pending(const fetch_engine *e)
{
    return e->npending;
}

struct fetch_result *fetch_engine_next_result(fetch_engine *e)
{
    if (e->rhead >= e->rlen)
        return NULL;
    struct fetch_result *r = e->results[e->rhead++];
    if (e->rhead == e->rlen)
        e->rhead = e->rlen = 0;
    return r;
}

/* Sets the current hop's URL, host and per-host key.  Unparseable URLs get an empty key
 * and fail when the hop starts. */
static void xfer_set_url(struct xfer *x, const char *url)
{
    free(x->cur);
    free(x->host);
    free(x->key);
    x->cur = xstrdup(url);
    x->host = NULL;
    x->key = NULL;
    x->is_file = false;
    struct url_parts u;
    if (url_parse(url, &u) == HERALD_OK) {
        struct strbuf sb = STRBUF_INIT;
        x->is_file = strcmp(u.scheme, "file") == 0;
        /* scheme://host:port, an IPv6 literal in brackets, an unknown port empty */
        strbuf_addf(&sb, "%s://", u.scheme);
        if (u.host && strchr(u.host, ':'))
            strbuf_addf(&sb, "[%s]", u.host);
        else
            strbuf_adds(&sb, u.host ? u.host : "");
        strbuf_addch(&sb, ':');
        if (u.port >= 0)
            strbuf_addf(&sb, "%d", u.port);
        x->key = strbuf_detach(&sb, NULL);
        x->host = u.host;
        u.host = NULL;
        url_parts_release(&u);
    }
    if (!x->key)
        x->key = xstrdup("");
}

herald_status fetch_engine_add(fetch_engine *e, const struct fetch_request *req)
{
    if (!e || !req || !req->url)
        return HERALD_E_INVALID;
    struct xfer *x = xcalloc(1, sizeof(*x));
    x->e = e;
    x->url = xstrdup(req->url);
    x->etag = req->etag && *req->etag ? xstrdup(req->etag) : NULL;
    x->last_modified =
        req->last_modified && *req->last_modified ? xstrdup(req->last_modified) : NULL;
    x->accept = xstrdup(req->accept);
    x->origin = xstrdup(req->origin);
    x->user = req->user;
    x->done = req->done;
    x->all_permanent = true;
    strbuf_init(&x->body, 0);
    xfer_set_url(x, req->url);
    ALLOC_GROW(x->visited, x->nvisited + 1, x->avisited);
    x->visited[x->nvisited++] = xstrdup(req->url);
    enqueue(e, x, false);
    e->npending++;
    return HERALD_OK;
}

static void deliver(fetch_engine *e, struct xfer *x, struct fetch_result *r)
{
    fetch_done_fn done = x->done;
    void *user = x->user;
    xfer_free(x);
    e->npending--;
    if (done) {
        done(r, user);
        return;
    }
    ALLOC_GROW(e->results, e->rlen + 1, e->ralloc);
    e->results[e->rlen++] = r;
}

static struct fetch_result *result_new(struct xfer *x)
{
    struct fetch_result *r = xcalloc(1, sizeof(*r));
    r->url = xstrdup(x->url);
    r->final_url = xstrdup(x->cur);
    r->redirects = x->redirects;
    r->permanent = x->redirects > 0 && x->all_permanent;
    r->retry_after = -1;
    r->first_code = x->first_code;
    r->decoding_failed = x->raw_retry;
    r->user = x->user;
    r->total_ms = x->start_ms ? time_monotonic_ms() - x->start_ms : 0;
    return r;
}

/* Finishes x with a failure. */
static void fail(fetch_engine *e, struct xfer *x, herald_status st, long code, const char *msg)
{
    struct fetch_result *r = result_new(x);
    r->status = st;
    r->http_code = code;
    r->error = xstrdup(msg);
    log_debug("fetch", "%s: %s", x->url, msg);
    deliver(e, x, r);
}

/* --- curl callbacks --- */

static size_t on_write(char *data, size_t size, size_t nmemb, void *ud)
{
    struct xfer *x = ud;
    size_t n = size * nmemb;
    if (n > x->e->cfg.max_body || x->body.len > x->e->cfg.max_body - n) {
        x->toobig = true;
        return 0;
    }
    strbuf_add(&x->body, data, n);
    return n;
}

static curl_socket_t on_opensocket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct xfer *x = ud;
    char why[WHY_LEN];
    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKET_BAD;
    if (ssrf_check_addr(x->e->ssrf, x->host, &a->addr, why, sizeof(why)) != HERALD_OK) {
        x->denied = true;
        memcpy(x->why, why, sizeof(why));
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static int on_prereq(void *ud, char *primary_ip, char *local_ip, int primary_port, int local_port)
{
    struct xfer *x = ud;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof(ss));
    struct sockaddr_in *in = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, primary_ip, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
    } else if (inet_pton(AF_INET6, primary_ip, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
    } else {
        x->denied = true;
        snprintf(x->why, sizeof(x->why), "connected to an unknown address '%s'", primary_ip);
        return CURL_PREREQFUNC_ABORT;
    }
    if (ssrf_check_addr(x->e->ssrf, x->host, (struct sockaddr *)&ss, x->why, sizeof(x->why))) {
        x->denied = true;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

/* --- hops --- */

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s: %s", name, value);
    struct curl_slist *n = curl_slist_append(l, sb.buf);
    strbuf_release(&sb);
    if (!n) {
        log_error("fetch", "out of memory building headers");
        abort();
    }
    return n;
}

/* Reads the file: URL of x's first hop and finishes x.  Not curl's file: protocol: its
 * open() blocks on a FIFO and it reads any kind of file to the end.  file_read_regular
 * opens without blocking, takes only a regular file and stops at max_body. */
static void file_hop(fetch_engine *e, struct xfer *x)
{
    char why[WHY_LEN];
    char *path = NULL;
    herald_status rc = url_file_path(x->cur, &path);
    if (rc) {
        fail(e, x, HERALD_E_INVALID, 0, "not a local file: URL");
        return;
    }
    rc = file_read_regular(path, e->cfg.max_body, false, &x->body, why, sizeof(why));
    free(path);
    if (rc) {
        fail(e, x, rc == HERALD_E_TOOBIG ? HERALD_E_TOOBIG : HERALD_E_IO, 0, why);
        return;
    }
    x->first_code = 200;
    struct fetch_result *r = result_new(x);
    r->status = HERALD_OK;
    r->http_code = 200;
    r->body = strbuf_detach(&x->body, &r->body_len);
    deliver(e, x, r);
}

/* Starts the current hop of x (x is off the waiting list).  On failure x is finished. */
static void hop_start(fetch_engine *e, struct xfer *x)
{
    char why[WHY_LEN];
    herald_status rc;
    /* file: only on a first hop, and for a URL named by a document only when that
     * document is itself local (url_link_allowed in core/url.h) */
    bool allow_file = e->cfg.allow_file_urls && x->redirects == 0 &&
                      (!x->origin || url_link_allowed(x->origin, x->cur, 1));
    if (!x->start_ms)
        x->start_ms = time_monotonic_ms();
    rc = ssrf_check_url(e->ssrf, x->cur, allow_file, why, sizeof(why));
    if (rc) {
        if (rc == HERALD_E_DENIED && e->cfg.allow_file_urls && x->is_file && x->origin)
            snprintf(why, sizeof(why),
                     "file: URL named by %s refused: only a local document "
                     "may name local files",
                     x->origin);
        fail(e, x, rc, 0, why);
        return;
    }
    if (x->is_file) {
        file_hop(e, x);
        return;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        fail(e, x, HERALD_E_INTERNAL, 0, "curl_easy_init failed");
        return;
    }
    x->easy = c;
    x->toobig = false;
    x->denied = false;
    x->why[0] = '\0';
    x->errbuf[0] = '\0';
    strbuf_reset(&x->body);

    const char *accept = x->accept ? x->accept : e->accept;
    if (x->headers) {
        curl_slist_free_all(x->headers);
        x->headers = NULL;
    }
    if (accept)
        x->headers = add_header(x->headers, "Accept", accept);
    if (x->etag)
        x->headers = add_header(x->headers, "If-None-Match", x->etag);
    if (x->last_modified)
        x->headers = add_header(x->headers, "If-Modified-Since", x->last_modified);

    curl_easy_setopt(c, CURLOPT_URL, x->cur);
    curl_easy_setopt(c, CURLOPT_PRIVATE, (char *)x);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, e->user_agent);
    if (x->headers)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->headers);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, e->cfg.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, e->cfg.total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, e->cfg.low_speed_limit);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, e->cfg.low_speed_time);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)e->cfg.max_body);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_opensocket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, x);
    curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, on_prereq);
    curl_easy_setopt(c, CURLOPT_PREREQDATA, x);
    curl_easy_setopt(c, CURLOPT_PROXY, ""); /* never an environment proxy */
    if (e->resolve)
        curl_easy_setopt(c, CURLOPT_RESOLVE, e->resolve);
    if (e->connect_to)
        curl_easy_setopt(c, CURLOPT_CONNECT_TO, e->connect_to);
    if (x->raw_retry)
        curl_easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);

    CURLMcode mc = curl_multi_add_handle(e->multi, c);
    if (mc != CURLM_OK) {
        fail(e, x, HERALD_E_INTERNAL, 0, curl_multi_strerror(mc));
        return;
    }
    ALLOC_GROW(e->running, (size_t)e->nactive + 1, e->arunning);
    e->running[e->nactive++] = x;
    x->hostp->running++;
}

/* Starts waiting requests while the caps allow: FIFO per host, round-robin over hosts. */
static void start_waiting(fetch_engine *e)
{
    while (e->nactive < e->cfg.max_transfers && e->ready_head) {
        struct host *h = e->ready_head;
        e->ready_head = h->ready_next;
        if (!e->ready_head)
            e->ready_tail = NULL;
        h->in_ready = false;
        struct xfer *x = h->wait_head;
        h->wait_head = x->next;
        if (!h->wait_head)
            h->wait_tail = NULL;
        x->next = NULL;
        hop_start(e, x); /* may deliver x (and run a callback that adds requests) */
        host_maybe_ready(e, h);
        host_maybe_free(e, h);
    }
}

static char *header_value(CURL *c, const char *name)
{
    struct curl_header *h = NULL;
    if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value)
        return NULL;
    return xstrdup(h->value);
}

static bool has_location(CURL *c)
{
    struct curl_header *h = NULL;
    return curl_easy_header(c, "Location", 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h && h->value &&
           *h->value;
}

static int is_redirect(long code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

/* Checks a raw Location value that names its own host (absolute or scheme-relative)
 * against the SSRF URL policy.  Returns true, with the reason in msg, when refused. */
static bool raw_location_denied(fetch_engine *e, struct xfer *x, const char *raw, char *msg,
                                size_t msglen)
{
    struct strbuf sb = STRBUF_INIT;
    bool denied = false;
    while (*raw == ' ' || *raw == '\t')
        raw++;
    if (raw[0] == '/' && raw[1] == '/') {
        char scheme[16];
        if (url_scheme(x->cur, scheme, sizeof(scheme)) < 0)
            snprintf(scheme, sizeof(scheme), "http");
        strbuf_addf(&sb, "%s:%s", scheme, raw);
    } else if (strstr(raw, "://") && strcspn(raw, ":") < strcspn(raw, "/?#")) {
        strbuf_adds(&sb, raw);
    } else if (strchr(raw, ':') && strcspn(raw, ":") < strcspn(raw, "/?#")) {
        /* another scheme without an authority (file:/x, javascript:...) */
        char scheme[16];
        size_t n = strcspn(raw, ":");
        snprintf(scheme, sizeof(scheme), "%.*s", (int)(n < 15 ? n : 15), raw);
        if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
            snprintf(msg, msglen, "redirect to scheme '%s' refused (only http and https)", scheme);
            return true;
        }
    }
    if (sb.len)
        denied = ssrf_check_url(e->ssrf, sb.buf, false, msg, msglen) != HERALD_OK;
    strbuf_release(&sb);
    return denied;
}

/* Re-queues x for its next hop to target, or finishes it with an error. */
static void follow(fetch_engine *e, struct xfer *x, long code, const char *target)
{
    char msg[WHY_LEN + 64];
    if (x->redirects > e->cfg.max_redirects) {
        snprintf(msg, sizeof(msg), "too many redirects (more than %d)", e->cfg.max_redirects);
        fail(e, x, HERALD_E_NETWORK, code, msg);
        return;
    }
    for (size_t i = 0; i < x->nvisited; i++) {
        if (strcmp(x->visited[i], target) == 0) {
            snprintf(msg, sizeof(msg), "redirect loop at %.*s", WHY_LEN, target);
            fail(e, x, HERALD_E_NETWORK, code, msg);
            return;
        }
    }
    ALLOC_GROW(x->visited, x->nvisited + 1, x->avisited);
    x->visited[x->nvisited++] = xstrdup(target);
    xfer_set_url(x, target);
    x->raw_retry = false;
    enqueue(e, x, true); /* the next hop goes first among its host's waiting */
}

static herald_status map_curl_error(struct xfer *x, CURLcode cc, char *msg, size_t msglen)
{
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc);
    if (x->toobig || cc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(msg, msglen, "response body exceeds %zu bytes", x->e->cfg.max_body);
        return HERALD_E_TOOBIG;
    }
    if (x->denied && (cc == CURLE_COULDNT_CONNECT || cc == CURLE_ABORTED_BY_CALLBACK ||
                      cc == CURLE_COULDNT_RESOLVE_HOST)) {
        snprintf(msg, msglen, "%s", x->why);
        return HERALD_E_DENIED;
    }
    snprintf(msg, msglen, "%s", detail);
    switch (cc) {
    case CURLE_OPERATION_TIMEDOUT:
        return HERALD_E_TIMEOUT;
    case CURLE_UNSUPPORTED_PROTOCOL:
        return HERALD_E_DENIED;
    case CURLE_URL_MALFORMAT:
        return HERALD_E_INVALID;
    case CURLE_FILE_COULDNT_READ_FILE:
    case CURLE_READ_ERROR:
        return HERALD_E_IO;
    default:
        return HERALD_E_NETWORK;
    }
}

/* Handles one finished hop (x is off the multi and the host counts). */
static void hop_finish(fetch_engine *e, struct xfer *x, CURLcode cc)
{
    char msg[WHY_LEN + 64];
    long code = 0;
    CURL *c = x->easy;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (!x->first_code)
        x->first_code = code;

    if (cc == CURLE_BAD_CONTENT_ENCODING && !x->raw_retry) {
        /* a body that is not what its Content-Encoding says: fetch it again undecoded */
        log_debug("fetch", "%s: %s; fetching undecoded", x->cur, curl_easy_strerror(cc));
        curl_easy_cleanup(c);
        x->easy = NULL;
        x->raw_retry = true;
        enqueue(e, x, true);
        return;
    }
    if (cc != CURLE_OK) {
        herald_status st = map_curl_error(x, cc, msg, sizeof(msg));
        fail(e, x, st, code, msg);
        return;
    }
    if (is_redirect(code) && has_location(c)) {
        char *loc = NULL, *target = NULL;
        char *raw = header_value(c, "Location");
        x->redirects++;
        if (code != 301 && code != 308)
            x->all_permanent = false;
        /* curl's resolved target has numeric hosts normalised ("0177.0.0.1" becomes
         * "127.0.0.1"), so the Location as written is checked first. */
        if (raw && raw_location_denied(e, x, raw, msg, sizeof(msg))) {
            free(raw);
            fail(e, x, HERALD_E_DENIED, code, msg);
            return;
        }
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc);
        if (loc && *loc)
            target = xstrdup(loc);
        else if (raw && url_resolve(x->cur, raw, &target) != HERALD_OK)
            target = NULL;
        free(raw);
        if (target) {
            curl_easy_cleanup(c);
            x->easy = NULL;
            follow(e, x, code, target);
            free(target);
            return;
        }
    }

    struct fetch_result *r = result_new(x);
    r->http_code = code;
    char *ct = NULL;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    r->content_type = xstrdup(ct);
    r->etag = header_value(c, "ETag");
    r->last_modified = header_value(c, "Last-Modified");
    r->content_location = header_value(c, "Content-Location");
    r->content_language = header_value(c, "Content-Language");
    char *ra = header_value(c, "Retry-After");
    if (ra)
        r->retry_after = fetch_parse_retry_after(ra, time_now());
    free(ra);
    if (code != 304)
        r->body = strbuf_detach(&x->body, &r->body_len);
    if ((code >= 200 && code < 300) || code == 304) {
        r->status = HERALD_OK;
    } else {
        r->status = HERALD_E_HTTP;
        if (is_redirect(code))
            snprintf(msg, sizeof(msg), "HTTP %ld redirect without a usable Location", code);
        else
            snprintf(msg, sizeof(msg), "HTTP %ld", code);
        r->error = xstrdup(msg);
    }
    deliver(e, x, r);
}

static void hop_done(fetch_engine *e, struct xfer *x, CURLcode cc)
{
    struct host *h = x->hostp;
    curl_multi_remove_handle(e->multi, x->easy);
    for (int i = 0; i < e->nactive; i++) {
        if (e->running[i] == x) {
            e->running[i] = e->running[e->nactive - 1];
            break;
        }
    }
    e->nactive--;
    h->running--;
    x->hostp = NULL;
    hop_finish(e, x, cc);
    host_maybe_ready(e, h);
    host_maybe_free(e, h);
}

static void read_done(fetch_engine *e)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(e->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE)
            continue;
        char *priv = NULL;
        CURLcode cc = m->data.result;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
        hop_done(e, (struct xfer *)(void *)priv, cc);
    }
}

herald_status fetch_engine_perform(fetch_engine *e, int timeout_ms, int *active)
{
    int running = 0;
    CURLMcode mc;
    start_waiting(e);
    if (e->nactive > 0) {
        mc = curl_multi_perform(e->multi, &running);
        if (mc != CURLM_OK)
            goto fail;
        read_done(e);
        start_waiting(e);
    }
    if (e->nactive > 0) {
        mc = curl_multi_poll(e->multi, NULL, 0, timeout_ms, NULL);
        if (mc != CURLM_OK)
            goto fail;
        mc = curl_multi_perform(e->multi, &running);
        if (mc != CURLM_OK)
            goto fail;
        read_done(e);
        start_waiting(e);
    }
    if (active)
        *active = e->npending;
    return HERALD_OK;
fail:
    log_error("fetch", "curl multi: %s", curl_multi_strerror(mc));
    return HERALD_E_INTERNAL;
}

herald_status fetch_engine_run(fetch_engine *e)
{
    herald_status rc = HERALD_OK;
    int active = e->npending;
    while (active > 0) {
        rc = fetch_engine_perform(e, 1000, &active);
        if (rc)
            break;
    }
    return rc;
}

herald_status fetch_url(const struct fetch_config *cfg, const char *url, const char *etag,
                        const char *last_modified, struct fetch_result **out)
{
    fetch_engine *e = NULL;
    herald_status rc;
    if (!url)
        return HERALD_E_INVALID;
    rc = fetch_engine_new(cfg, &e);
    if (rc)
        return rc;
    struct fetch_request req = {.url = url, .etag = etag, .last_modified = last_modified};
    rc = fetch_engine_add(e, &req);
    if (rc)
        goto out;
    rc = fetch_engine_run(e);
    if (rc)
        goto out;
    struct fetch_result *r = fetch_engine_next_result(e);
    if (!r) {
        rc = HERALD_E_INTERNAL;
        goto out;
    }
    *out = r;
out:
    fetch_engine_free(e);
    return rc;
}

int64_t fetch_parse_retry_after(const char *value, int64_t now)
{
    if (!value)
        return -1;
    while (*value == ' ' || *value == '\t')
        value++;
    if (isdigit((unsigned char)*value)) {
        const char *p = value;
        int64_t v = 0;
        while (isdigit((unsigned char)*p)) {
            if (v < 100000000000LL)
                v = v * 10 + (*p - '0');
            p++;
        }
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p)
            return -1;
        return v;
    }
    time_t t = curl_getdate(value, NULL);
    if (t == (time_t)-1)
        return -1;
    return (int64_t)t > now ? (int64_t)t - now : 0;
}
