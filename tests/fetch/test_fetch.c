/* test_fetch.c - the fetch engine against a loopback HTTP server (tests/support/testhttpd). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "fetch/fetch.h"
#include "testhttpd.h"
#include "testutil.h"

#define ETAG "\"v1-abc\""
#define LASTMOD "Wed, 21 Oct 2026 07:28:00 GMT"
#define MIB (1024u * 1024u)

static testhttpd *srv;
static int port;
static const char *const allow_loopback[] = {"127.0.0.1"};

static const char gz_text[] = "<rss><channel><title>gzip works</title></channel></rss>";

static void redirect(struct testhttpd_response *rs, int status, const char *location)
{
    rs->status = status;
    testhttpd_add_header(rs, "Location", location);
}

/*
 * /meet is a rendezvous: each request waits in the handler until meet_target requests
 * have arrived (counted under a lock, woken by a condition variable), so the engine must
 * really run meet_target transfers at once for any of them to finish.  That makes "the
 * requests overlap" a certainty instead of a matter of timing.  A wait that exceeds 10 s
 * gives up and records it (the engine did not run that many at once), so a broken cap
 * fails the test instead of hanging it.
 */
static pthread_mutex_t meet_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t meet_cond = PTHREAD_COND_INITIALIZER;
static int meet_target, meet_arrived, meet_missed;

static void meet_reset(int target)
{
    pthread_mutex_lock(&meet_lock);
    meet_target = target;
    meet_arrived = meet_missed = 0;
    pthread_mutex_unlock(&meet_lock);
}

static void meet(void)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    pthread_mutex_lock(&meet_lock);
    meet_arrived++;
    pthread_cond_broadcast(&meet_cond);
    while (meet_arrived < meet_target) {
        if (pthread_cond_timedwait(&meet_cond, &meet_lock, &deadline) != 0) {
            meet_missed++;
            break;
        }
    }
    pthread_mutex_unlock(&meet_lock);
}

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    const char *p = rq->path;
    char loc[256];
    (void)ctx;
    if (strcmp(p, "/ok") == 0) {
        testhttpd_set_body(rs, "hello");
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml; charset=utf-8");
        testhttpd_add_header(rs, "ETag", ETAG);
        testhttpd_add_header(rs, "Last-Modified", LASTMOD);
        testhttpd_add_header(rs, "Content-Language", "en-GB");
        testhttpd_add_header(rs, "Content-Location", "/ok.xml");
    } else if (strcmp(p, "/etag") == 0) {
        const char *inm = testhttpd_header(rq, "If-None-Match");
        testhttpd_add_header(rs, "ETag", ETAG);
        if (inm && strcmp(inm, ETAG) == 0)
            rs->status = 304;
        else
            testhttpd_set_body(rs, "fresh");
    } else if (strcmp(p, "/ims") == 0) {
        const char *ims = testhttpd_header(rq, "If-Modified-Since");
        testhttpd_add_header(rs, "Last-Modified", LASTMOD);
        if (ims && strcmp(ims, LASTMOD) == 0)
            rs->status = 304;
        else
            testhttpd_set_body(rs, "fresh");
    } else if (strncmp(p, "/r/", 3) == 0) {
        redirect(rs, (int)strtol(p + 3, NULL, 10), "/ok");
    } else if (strcmp(p, "/chain/perm") == 0) {
        redirect(rs, 301, "/r/308");
    } else if (strcmp(p, "/chain/mixed") == 0) {
        redirect(rs, 301, "/r/302");
    } else if (strcmp(p, "/chain/abs") == 0) {
        snprintf(loc, sizeof(loc), "http://127.0.0.1:%d/r/307", port);
        redirect(rs, 308, loc);
    } else if (strcmp(p, "/loop/a") == 0) {
        redirect(rs, 302, "/loop/b");
    } else if (strcmp(p, "/loop/b") == 0) {
        redirect(rs, 302, "/loop/a");
    } else if (strncmp(p, "/hops/", 6) == 0) {
        long n = strtol(p + 6, NULL, 10);
        if (n > 0) {
            snprintf(loc, sizeof(loc), "/hops/%ld", n - 1);
            redirect(rs, 302, loc);
        } else {
            testhttpd_set_body(rs, "arrived");
        }
    } else if (strcmp(p, "/nolocation") == 0) {
        rs->status = 302;
    } else if (strcmp(p, "/evil/meta") == 0) {
        redirect(rs, 302, "http://169.254.169.254/latest/meta-data/");
    } else if (strcmp(p, "/evil/octal") == 0) {
        snprintf(loc, sizeof(loc), "http://0177.0.0.1:%d/ok", port);
        redirect(rs, 301, loc);
    } else if (strcmp(p, "/evil/decimal") == 0) {
        snprintf(loc, sizeof(loc), "http://2130706433:%d/ok", port);
        redirect(rs, 302, loc);
    } else if (strcmp(p, "/evil/schemerel") == 0) {
        snprintf(loc, sizeof(loc), "//0x7f.1:%d/ok", port);
        redirect(rs, 302, loc);
    } else if (strcmp(p, "/evil/v6") == 0) {
        snprintf(loc, sizeof(loc), "http://[::1]:%d/ok", port);
        redirect(rs, 302, loc);
    } else if (strcmp(p, "/evil/file") == 0) {
        redirect(rs, 302, "file:///etc/passwd");
    } else if (strcmp(p, "/evil/gopher") == 0) {
        snprintf(loc, sizeof(loc), "gopher://127.0.0.1:%d/_INFO", port);
        redirect(rs, 302, loc);
    } else if (strcmp(p, "/evil/name") == 0) {
        snprintf(loc, sizeof(loc), "http://evil.test:%d/ok", port);
        redirect(rs, 302, loc);
    } else if (strcmp(p, "/429") == 0) {
        rs->status = 429;
        testhttpd_add_header(rs, "Retry-After", "120");
        testhttpd_set_body(rs, "slow down");
    } else if (strcmp(p, "/503") == 0) {
        char date[TIME_HTTP_LEN];
        rs->status = 503;
        testhttpd_add_header(rs, "Retry-After", time_format_http(time_now() + 3600, date));
    } else if (strcmp(p, "/404") == 0) {
        rs->status = 404;
        testhttpd_set_body(rs, "not here");
    } else if (strcmp(p, "/slow") == 0) {
        testhttpd_set_body(rs, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN");
        rs->chunk_size = 10;
        rs->chunk_delay_ms = 200;
    } else if (strcmp(p, "/stall") == 0) {
        rs->fill_len = 100000;
        rs->chunk_size = 10; /* 10 bytes, then nothing */
        rs->stall_ms = 15000;
    } else if (strcmp(p, "/big/cl") == 0) {
        rs->fill_len = 2 * MIB;
    } else if (strcmp(p, "/big/chunked") == 0) {
        rs->fill_len = 2 * MIB;
        rs->chunked = true;
    } else if (strcmp(p, "/big/exact") == 0) {
        rs->fill_len = MIB;
        rs->chunked = true;
    } else if (strcmp(p, "/gzip") == 0) {
        const char *ae = testhttpd_header(rq, "Accept-Encoding");
        if (!ae || !strstr(ae, "gzip")) {
            rs->status = 406;
            return;
        }
        unsigned char out[512];
        z_stream z;
        memset(&z, 0, sizeof(z));
        deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        z.next_in = (unsigned char *)gz_text;
        z.avail_in = (uInt)strlen(gz_text);
        z.next_out = out;
        z.avail_out = sizeof(out);
        deflate(&z, Z_FINISH);
        testhttpd_set_body_len(rs, out, sizeof(out) - z.avail_out);
        deflateEnd(&z);
        testhttpd_add_header(rs, "Content-Encoding", "gzip");
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
    } else if (strncmp(p, "/deflate/", 9) == 0) {
        /* zlib: deflate with a zlib header; raw: bare deflate (RFC 1951), seen in the wild */
        unsigned char out[512];
        z_stream z;
        memset(&z, 0, sizeof(z));
        int wbits = strcmp(p + 9, "raw") == 0 ? -MAX_WBITS : MAX_WBITS;
        deflateInit2(&z, 9, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
        z.next_in = (unsigned char *)gz_text;
        z.avail_in = (uInt)strlen(gz_text);
        z.next_out = out;
        z.avail_out = sizeof(out);
        deflate(&z, Z_FINISH);
        testhttpd_set_body_len(rs, out, sizeof(out) - z.avail_out);
        deflateEnd(&z);
        testhttpd_add_header(rs, "Content-Encoding", "deflate");
    } else if (strcmp(p, "/notgzip") == 0) {
        testhttpd_set_body(rs, gz_text);
        testhttpd_add_header(rs, "Content-Encoding", "gzip");
    } else if (strcmp(p, "/wrongtype") == 0) {
        testhttpd_set_body(rs, "<rss version=\"2.0\"><channel/></rss>");
        testhttpd_add_header(rs, "Content-Type", "image/png");
    } else if (strcmp(p, "/echo") == 0) {
        struct strbuf sb = STRBUF_INIT;
        const char *ua = testhttpd_header(rq, "User-Agent");
        const char *acc = testhttpd_header(rq, "Accept");
        strbuf_addf(&sb, "%s\n%s", ua ? ua : "", acc ? acc : "");
        testhttpd_set_body_len(rs, sb.buf, sb.len);
        strbuf_release(&sb);
    } else if (strcmp(p, "/conc") == 0) {
        rs->delay_ms = 150;
        testhttpd_set_body(rs, "ok");
    } else if (strcmp(p, "/meet") == 0) {
        meet();
        testhttpd_set_body(rs, "ok");
    } else {
        rs->status = 404;
    }
}

static int setup(void **state)
{
    (void)state;
    if (fetch_global_init() != HERALD_OK)
        return -1;
    srv = testhttpd_start(handle, NULL);
    port = testhttpd_port(srv);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testhttpd_stop(srv);
    fetch_global_cleanup();
    return 0;
}

static void test_config(struct fetch_config *cfg)
{
    fetch_config_init(cfg);
    cfg->allow = allow_loopback;
    cfg->n_allow = 1;
    cfg->max_body = MIB;
    cfg->low_speed_time = 2;
    cfg->total_timeout_ms = 30000;
}

/* Fetches path on the test server with the test configuration. */
static struct fetch_result *get(const char *path, const char *etag, const char *lastmod)
{
    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    char *url = testhttpd_url(srv, path);
    test_config(&cfg);
    assert_int_equal(fetch_url(&cfg, url, etag, lastmod, &r), HERALD_OK);
    assert_non_null(r);
    assert_string_equal(r->url, url);
    free(url);
    return r;
}

static void assert_final(const struct fetch_result *r, const char *path)
{
    char *url = testhttpd_url(srv, path);
    assert_string_equal(r->final_url, url);
    free(url);
}

static void test_defaults(void **state)
{
    (void)state;
    struct fetch_config cfg;
    fetch_config_init(&cfg);
    assert_int_equal(cfg.max_transfers, 16);
    assert_int_equal(cfg.per_host, 2);
    assert_int_equal(cfg.max_body, 10 * MIB);
    assert_int_equal(cfg.max_redirects, 5);
    assert_false(cfg.allow_file_urls);
    assert_non_null(strstr(cfg.user_agent, "herald/" HERALD_VERSION));
}

static void test_200(void **state)
{
    (void)state;
    struct fetch_result *r = get("/ok", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_null(r->error);
    assert_int_equal(r->http_code, 200);
    assert_int_equal(r->body_len, 5);
    assert_string_equal(r->body, "hello");
    assert_string_equal(r->content_type, "application/rss+xml; charset=utf-8");
    assert_string_equal(r->etag, ETAG);
    assert_string_equal(r->last_modified, LASTMOD);
    assert_string_equal(r->content_language, "en-GB");
    assert_string_equal(r->content_location, "/ok.xml");
    assert_int_equal(r->retry_after, -1);
    assert_int_equal(r->redirects, 0);
    assert_false(r->permanent);
    assert_final(r, "/ok");
    assert_true(r->total_ms <= 30000); /* finished within the configured total timeout */
    fetch_result_free(r);
    /* the server holds /conc for 150 ms: the transfer cannot have taken less */
    r = get("/conc", NULL, NULL);
    assert_int_equal(r->http_code, 200);
    assert_true(r->total_ms >= 150);
    assert_true(r->total_ms <= 30000);
    fetch_result_free(r);
}

static void test_user_agent(void **state)
{
    (void)state;
    struct fetch_result *r = get("/echo", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_true(strncmp(r->body, "herald/" HERALD_VERSION " ", 8 + strlen(HERALD_VERSION)) == 0);
    fetch_result_free(r);
}

static void test_304_etag(void **state)
{
    (void)state;
    struct fetch_result *r = get("/etag", NULL, NULL);
    assert_int_equal(r->http_code, 200);
    assert_string_equal(r->body, "fresh");
    char *etag = xstrdup(r->etag);
    fetch_result_free(r);

    r = get("/etag", etag, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 304);
    assert_null(r->body);
    assert_int_equal(r->body_len, 0);
    fetch_result_free(r);

    r = get("/etag", "\"stale\"", NULL);
    assert_int_equal(r->http_code, 200);
    fetch_result_free(r);
    free(etag);
}

static void test_304_last_modified(void **state)
{
    (void)state;
    struct fetch_result *r = get("/ims", NULL, NULL);
    assert_int_equal(r->http_code, 200);
    assert_string_equal(r->last_modified, LASTMOD);
    fetch_result_free(r);

    r = get("/ims", NULL, LASTMOD);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 304);
    assert_null(r->body);
    fetch_result_free(r);
}

static void test_redirect_each_status(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool permanent;
    } cases[] = {{"/r/301", true},
                 {"/r/302", false},
                 {"/r/303", false},
                 {"/r/307", false},
                 {"/r/308", true}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct fetch_result *r = get(cases[i].path, NULL, NULL);
        assert_int_equal(r->status, HERALD_OK);
        assert_int_equal(r->http_code, 200);
        assert_string_equal(r->body, "hello");
        assert_int_equal(r->redirects, 1);
        assert_int_equal(r->first_code, strtol(cases[i].path + 3, NULL, 10));
        assert_int_equal(r->permanent, cases[i].permanent);
        assert_final(r, "/ok");
        fetch_result_free(r);
    }
}

static void test_redirect_chains(void **state)
{
    (void)state;
    struct fetch_result *r = get("/chain/perm", NULL, NULL); /* 301 -> 308 -> 200 */
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->redirects, 2);
    assert_true(r->permanent);
    assert_final(r, "/ok");
    fetch_result_free(r);

    r = get("/chain/mixed", NULL, NULL); /* 301 -> 302 -> 200: not all permanent */
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->redirects, 2);
    assert_false(r->permanent);
    assert_final(r, "/ok");
    fetch_result_free(r);

    r = get("/chain/abs", NULL, NULL); /* 308 (absolute Location) -> 307 -> 200 */
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->redirects, 2);
    assert_false(r->permanent);
    fetch_result_free(r);
}

static void test_redirect_loop_and_limit(void **state)
{
    (void)state;
    struct fetch_result *r = get("/loop/a", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_NETWORK);
    assert_non_null(strstr(r->error, "loop"));
    assert_null(r->body);
    fetch_result_free(r);

    r = get("/hops/5", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->redirects, 5);
    assert_string_equal(r->body, "arrived");
    assert_final(r, "/hops/0");
    fetch_result_free(r);

    r = get("/hops/6", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_NETWORK);
    assert_non_null(strstr(r->error, "too many redirects"));
    fetch_result_free(r);

    r = get("/nolocation", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_HTTP);
    assert_int_equal(r->http_code, 302);
    fetch_result_free(r);
}

static void test_redirect_forbidden(void **state)
{
    (void)state;
    static const char *const paths[] = {"/evil/meta", "/evil/octal", "/evil/decimal",
                                        "/evil/v6",   "/evil/file",  "/evil/gopher"};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        struct fetch_result *r = get(paths[i], NULL, NULL);
        if (r->status != HERALD_E_DENIED)
            fail_msg("%s: status %d (%s)", paths[i], r->status, r->error ? r->error : "");
        assert_non_null(r->error);
        assert_int_equal(r->redirects, 1);
        assert_null(r->body);
        fetch_result_free(r);
    }
    /* file: stays refused on a redirect hop even when file: URLs are enabled */
    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    char *url = testhttpd_url(srv, "/evil/file");
    test_config(&cfg);
    cfg.allow_file_urls = true;
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    fetch_result_free(r);
    free(url);
}

static void test_forbidden_first_hop(void **state)
{
    (void)state;
    struct fetch_result *r = NULL;
    char url[128];
    /* no allowlist: the test server itself is refused */
    assert_int_equal(fetch_url(NULL, "http://169.254.169.254/latest/meta-data/", NULL, NULL, &r),
                     HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_non_null(strstr(r->error, "169.254.169.254"));
    fetch_result_free(r);

    snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", port);
    assert_int_equal(fetch_url(NULL, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_non_null(strstr(r->error, "loopback"));
    fetch_result_free(r);

    snprintf(url, sizeof(url), "http://0x7f.1:%d/ok", port);
    assert_int_equal(fetch_url(NULL, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    fetch_result_free(r);

    assert_int_equal(fetch_url(NULL, "gopher://example.com/", NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    fetch_result_free(r);
}

/* Names resolving to refused addresses are stopped at connect time, on every hop. */
static void test_forbidden_at_connect(void **state)
{
    (void)state;
    char r1[64], r2[64], r3[64], url[128];
    const char *resolve[] = {r1,
                             r2,
                             r3,
                             "v6.test:80:[::1]",
                             "mapped.test:80:[::ffff:8.8.8.8]",
                             "private.test:80:10.1.2.3",
                             "ula.test:80:[fd00::1]"};
    const char *allow[] = {"good.test"};
    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    snprintf(r1, sizeof(r1), "good.test:%d:127.0.0.1", port);
    snprintf(r2, sizeof(r2), "evil.test:%d:127.0.0.1", port);
    snprintf(r3, sizeof(r3), "meta.test:80:169.254.169.254");
    fetch_config_init(&cfg);
    cfg.allow = allow;
    cfg.n_allow = 1;
    cfg.resolve = resolve;
    cfg.n_resolve = sizeof(resolve) / sizeof(resolve[0]);

    /* allowlisted by name: may connect to loopback */
    snprintf(url, sizeof(url), "http://good.test:%d/ok", port);
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->body, "hello");
    fetch_result_free(r);

    /* the same address under another name is refused */
    snprintf(url, sizeof(url), "http://evil.test:%d/ok", port);
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_non_null(strstr(r->error, "127.0.0.1"));
    assert_non_null(strstr(r->error, "loopback"));
    fetch_result_free(r);

    /* an allowed first hop redirecting to it is refused on the second hop */
    snprintf(url, sizeof(url), "http://good.test:%d/evil/name", port);
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_int_equal(r->redirects, 1);
    fetch_result_free(r);

    assert_int_equal(fetch_url(&cfg, "http://meta.test/latest/", NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_non_null(strstr(r->error, "metadata"));
    fetch_result_free(r);

    static const struct {
        const char *url, *why;
    } more[] = {{"http://v6.test/", "::1"},
                {"http://mapped.test/", "IPv4-mapped"},
                {"http://private.test/", "10.1.2.3"},
                {"http://ula.test/", "unique local"}};
    for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
        assert_int_equal(fetch_url(&cfg, more[i].url, NULL, NULL, &r), HERALD_OK);
        if (r->status != HERALD_E_DENIED || !strstr(r->error, more[i].why))
            fail_msg("%s: status %d (%s)", more[i].url, r->status, r->error ? r->error : "");
        fetch_result_free(r);
    }
}

/* URLs keep a fixed host:port while the connection goes to the test server. */
static void test_connect_to(void **state)
{
    (void)state;
    char ct[96];
    const char *connect_to[] = {ct};
    const char *allow[] = {"feeds.test"};
    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    snprintf(ct, sizeof(ct), "feeds.test:8097:127.0.0.1:%d", port);
    test_config(&cfg);
    cfg.allow = allow;
    cfg.n_allow = 1;
    cfg.connect_to = connect_to;
    cfg.n_connect_to = 1;
    assert_int_equal(fetch_url(&cfg, "http://feeds.test:8097/r/302", NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->body, "hello");
    assert_int_equal(r->first_code, 302);
    assert_int_equal(r->http_code, 200);
    assert_string_equal(r->final_url, "http://feeds.test:8097/ok");
    fetch_result_free(r);
    /* the connect address is still checked: without the allowlist it is loopback */
    cfg.allow = NULL;
    cfg.n_allow = 0;
    assert_int_equal(fetch_url(&cfg, "http://feeds.test:8097/ok", NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    fetch_result_free(r);
}

static void test_retry_after(void **state)
{
    (void)state;
    struct fetch_result *r = get("/429", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_HTTP);
    assert_int_equal(r->http_code, 429);
    assert_int_equal(r->retry_after, 120);
    assert_string_equal(r->body, "slow down");
    assert_non_null(strstr(r->error, "429"));
    fetch_result_free(r);

    r = get("/503", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_HTTP);
    assert_int_equal(r->http_code, 503);
    assert_in_range(r->retry_after, 3500, 3600);
    fetch_result_free(r);

    r = get("/404", NULL, NULL);
    assert_int_equal(r->status, HERALD_E_HTTP);
    assert_int_equal(r->http_code, 404);
    assert_int_equal(r->retry_after, -1);
    fetch_result_free(r);
}

static void test_parse_retry_after(void **state)
{
    (void)state;
    int64_t now = 1795000000; /* 2026-11-18 */
    char date[TIME_HTTP_LEN];
    assert_int_equal(fetch_parse_retry_after("0", now), 0);
    assert_int_equal(fetch_parse_retry_after(" 3600 ", now), 3600);
    assert_int_equal(fetch_parse_retry_after(time_format_http(now + 90, date), now), 90);
    assert_int_equal(fetch_parse_retry_after(time_format_http(now - 90, date), now), 0);
    assert_int_equal(fetch_parse_retry_after("Wednesday, 18-Nov-26 12:06:40 GMT", now), 3600);
    assert_int_equal(fetch_parse_retry_after("Wed Nov 18 12:06:40 2026", now), 3600);
    assert_int_equal(fetch_parse_retry_after("soon", now), -1);
    assert_int_equal(fetch_parse_retry_after("12abc", now), -1);
    assert_int_equal(fetch_parse_retry_after("-5", now), -1);
    assert_int_equal(fetch_parse_retry_after("", now), -1);
    assert_int_equal(fetch_parse_retry_after(NULL, now), -1);
}

static void test_slow_completes(void **state)
{
    (void)state;
    struct fetch_result *r = get("/slow", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->body, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN");
    fetch_result_free(r);
}

static void test_stalled_times_out(void **state)
{
    (void)state;
    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    char *url = testhttpd_url(srv, "/stall");
    test_config(&cfg);
    cfg.low_speed_time = 1;
    cfg.low_speed_limit = 100;
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_TIMEOUT);
    assert_non_null(r->error);
    assert_null(r->body);
    fetch_result_free(r);

    /* the total timeout also ends it */
    test_config(&cfg);
    cfg.total_timeout_ms = 1500;
    cfg.low_speed_time = 60;
    assert_int_equal(fetch_url(&cfg, url, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_TIMEOUT);
    fetch_result_free(r);
    free(url);
}

static void test_oversize(void **state)
{
    (void)state;
    struct fetch_result *r = get("/big/cl", NULL, NULL); /* Content-Length announces 2 MiB */
    assert_int_equal(r->status, HERALD_E_TOOBIG);
    assert_non_null(strstr(r->error, "exceeds"));
    assert_null(r->body);
    fetch_result_free(r);

    r = get("/big/chunked", NULL, NULL); /* no Content-Length */
    assert_int_equal(r->status, HERALD_E_TOOBIG);
    assert_null(r->body);
    fetch_result_free(r);

    r = get("/big/exact", NULL, NULL); /* exactly the cap is fine */
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->body_len, MIB);
    assert_int_equal(r->body[MIB - 1], 'x');
    fetch_result_free(r);
}

static void test_gzip(void **state)
{
    (void)state;
    struct fetch_result *r = get("/gzip", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 200);
    assert_int_equal(r->body_len, strlen(gz_text));
    assert_string_equal(r->body, gz_text);
    fetch_result_free(r);
}

static void test_deflate(void **state)
{
    (void)state;
    struct fetch_result *r = get("/deflate/zlib", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->body, gz_text);
    assert_false(r->decoding_failed);
    fetch_result_free(r);
    r = get("/deflate/raw", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->body, gz_text);
    assert_false(r->decoding_failed);
    fetch_result_free(r);
}

/* A body that claims gzip but is plain text comes back raw, flagged. */
static void test_wrong_content_encoding(void **state)
{
    (void)state;
    struct fetch_result *r = get("/notgzip", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 200);
    assert_true(r->decoding_failed);
    assert_string_equal(r->body, gz_text);
    fetch_result_free(r);
}

static void test_wrong_content_type(void **state)
{
    (void)state;
    struct fetch_result *r = get("/wrongtype", NULL, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_string_equal(r->content_type, "image/png");
    assert_string_equal(r->body, "<rss version=\"2.0\"><channel/></rss>");
    fetch_result_free(r);
}

static void test_file_urls(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    struct strbuf path = STRBUF_INIT, url = STRBUF_INIT;
    strbuf_addf(&path, "%s/feed.xml", dir);
    FILE *f = fopen(path.buf, "w");
    assert_non_null(f);
    fputs("<feed/>", f);
    fclose(f);
    strbuf_addf(&url, "file://%s", path.buf);

    struct fetch_config cfg;
    struct fetch_result *r = NULL;
    fetch_config_init(&cfg);
    assert_int_equal(fetch_url(&cfg, url.buf, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_non_null(strstr(r->error, "file"));
    fetch_result_free(r);

    cfg.allow_file_urls = true;
    assert_int_equal(fetch_url(&cfg, url.buf, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 200);
    assert_string_equal(r->body, "<feed/>");
    fetch_result_free(r);

    strbuf_reset(&url);
    strbuf_addf(&url, "file://%s/missing.xml", dir);
    assert_int_equal(fetch_url(&cfg, url.buf, NULL, NULL, &r), HERALD_OK);
    assert_int_not_equal(r->status, HERALD_OK);
    fetch_result_free(r);

    /* the body cap applies to files too */
    strbuf_reset(&url);
    strbuf_addf(&url, "%s/big.xml", dir);
    f = fopen(url.buf, "w");
    assert_non_null(f);
    for (int i = 0; i < 2048; i++)
        fputs("<!-- 1 KiB of padding ............................................... -->\n", f);
    fclose(f);
    strbuf_reset(&url);
    strbuf_addf(&url, "file://%s/big.xml", dir);
    cfg.max_body = 64 * 1024;
    assert_int_equal(fetch_url(&cfg, url.buf, NULL, NULL, &r), HERALD_OK);
    assert_int_equal(r->status, HERALD_E_TOOBIG);
    assert_null(r->body);
    fetch_result_free(r);

    test_rmtree(dir);
    free(dir);
    strbuf_release(&path);
    strbuf_release(&url);
}

struct counter {
    int done;
    int ok;
    int bad_user;
};

static void on_done(struct fetch_result *r, void *user)
{
    struct counter *c = user;
    c->done++;
    if (r->status == HERALD_OK && r->body && strcmp(r->body, "ok") == 0)
        c->ok++;
    if (r->user != user)
        c->bad_user++;
    fetch_result_free(r);
}

/* Runs n requests to /meet spread over `hosts` host names (all 127.0.0.1), each held by
 * the server until `expect` requests are in it at once, and returns the largest number
 * the server saw at once.  The caps allow exactly `expect` at once, so the answer is
 * `expect`: more would break a cap, fewer would miss the rendezvous (asserted). */
static int run_concurrent_hosts(int n, int hosts, int max_transfers, int per_host, int expect)
{
    struct fetch_config cfg;
    fetch_engine *e = NULL;
    struct counter c = {0, 0, 0};
    char res[4][64];
    const char *resolve[4];
    const char *allow[] = {"127.0.0.1", "*.test"};
    for (int i = 0; i < 4; i++) {
        snprintf(res[i], sizeof(res[i]), "h%d.test:%d:127.0.0.1", i, port);
        resolve[i] = res[i];
    }
    test_config(&cfg);
    cfg.allow = allow;
    cfg.n_allow = 2;
    cfg.resolve = resolve;
    cfg.n_resolve = 4;
    cfg.max_transfers = max_transfers;
    cfg.per_host = per_host;
    assert_int_equal(fetch_engine_new(&cfg, &e), HERALD_OK);
    testhttpd_reset_counters(srv);
    meet_reset(expect);
    for (int i = 0; i < n; i++) {
        char url[96];
        if (hosts <= 1)
            snprintf(url, sizeof(url), "http://127.0.0.1:%d/meet", port);
        else
            snprintf(url, sizeof(url), "http://h%d.test:%d/meet", i % hosts, port);
        struct fetch_request req = {.url = url, .user = &c, .done = on_done};
        assert_int_equal(fetch_engine_add(e, &req), HERALD_OK);
    }
    assert_int_equal(fetch_engine_pending(e), n);
    assert_int_equal(fetch_engine_run(e), HERALD_OK);
    assert_int_equal(fetch_engine_pending(e), 0);
    assert_null(fetch_engine_next_result(e));
    assert_int_equal(c.done, n);
    assert_int_equal(c.ok, n);
    assert_int_equal(c.bad_user, 0);
    assert_int_equal(testhttpd_requests(srv), n);
    assert_int_equal(meet_missed, 0);
    fetch_engine_free(e);
    return testhttpd_max_concurrent(srv);
}

static int run_concurrent(int n, int max_transfers, int per_host, int expect)
{
    return run_concurrent_hosts(n, 1, max_transfers, per_host, expect);
}

static void test_per_host_cap(void **state)
{
    (void)state;
    assert_int_equal(run_concurrent(12, 16, 2, 2), 2);
    assert_int_equal(run_concurrent(12, 16, 1, 1), 1);
    assert_int_equal(run_concurrent(8, 16, 4, 4), 4);
}

static void test_total_cap(void **state)
{
    (void)state;
    assert_int_equal(run_concurrent(9, 3, 10, 3), 3);
}

static void test_caps_over_hosts(void **state)
{
    (void)state;
    /* three hosts, two at a time each: six at once */
    assert_int_equal(run_concurrent_hosts(18, 3, 16, 2, 6), 6);
    /* four hosts, one each, but only three in total */
    assert_int_equal(run_concurrent_hosts(12, 4, 3, 1, 3), 3);
}

static void test_result_queue(void **state)
{
    (void)state;
    struct fetch_config cfg;
    fetch_engine *e = NULL;
    int tags[3] = {0, 1, 2};
    static const char *const paths[] = {"/ok", "/404", "/r/301"};
    test_config(&cfg);
    assert_int_equal(fetch_engine_new(&cfg, &e), HERALD_OK);
    for (int i = 0; i < 3; i++) {
        char *url = testhttpd_url(srv, paths[i]);
        struct fetch_request req = {.url = url, .user = &tags[i]};
        assert_int_equal(fetch_engine_add(e, &req), HERALD_OK);
        free(url); /* the engine keeps its own copy */
    }
    struct fetch_request bad = {.url = NULL};
    assert_int_equal(fetch_engine_add(e, &bad), HERALD_E_INVALID);
    assert_int_equal(fetch_engine_add(e, NULL), HERALD_E_INVALID);
    int active = -1;
    while (fetch_engine_pending(e) > 0)
        assert_int_equal(fetch_engine_perform(e, 100, &active), HERALD_OK);
    assert_int_equal(active, 0);
    int seen = 0;
    struct fetch_result *r;
    while ((r = fetch_engine_next_result(e)) != NULL) {
        int tag = *(int *)r->user;
        if (tag == 0)
            assert_int_equal(r->http_code, 200);
        if (tag == 1)
            assert_int_equal(r->http_code, 404);
        if (tag == 2)
            assert_true(r->permanent);
        seen |= 1 << tag;
        fetch_result_free(r);
    }
    assert_int_equal(seen, 7);
    fetch_engine_free(e);
}

/* Freeing an engine with waiting and running requests releases everything (ASan checks). */
static void test_free_midway(void **state)
{
    (void)state;
    struct fetch_config cfg;
    fetch_engine *e = NULL;
    char *url = testhttpd_url(srv, "/conc");
    test_config(&cfg);
    assert_int_equal(fetch_engine_new(&cfg, &e), HERALD_OK);
    for (int i = 0; i < 5; i++) {
        struct fetch_request req = {.url = url, .etag = ETAG};
        assert_int_equal(fetch_engine_add(e, &req), HERALD_OK);
    }
    assert_int_equal(fetch_engine_perform(e, 10, NULL), HERALD_OK);
    fetch_engine_free(e);
    fetch_engine_free(NULL);
    fetch_result_free(NULL);
    free(url);
}

static void test_bad_allowlist(void **state)
{
    (void)state;
    struct fetch_config cfg;
    const char *allow[] = {"10.0.0.0/99"};
    fetch_engine *e = NULL;
    fetch_config_init(&cfg);
    cfg.allow = allow;
    cfg.n_allow = 1;
    assert_int_equal(fetch_engine_new(&cfg, &e), HERALD_E_INVALID);
    assert_null(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_200),
        cmocka_unit_test(test_user_agent),
        cmocka_unit_test(test_304_etag),
        cmocka_unit_test(test_304_last_modified),
        cmocka_unit_test(test_redirect_each_status),
        cmocka_unit_test(test_redirect_chains),
        cmocka_unit_test(test_redirect_loop_and_limit),
        cmocka_unit_test(test_redirect_forbidden),
        cmocka_unit_test(test_forbidden_first_hop),
        cmocka_unit_test(test_forbidden_at_connect),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_parse_retry_after),
        cmocka_unit_test(test_slow_completes),
        cmocka_unit_test(test_stalled_times_out),
        cmocka_unit_test(test_oversize),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_deflate),
        cmocka_unit_test(test_wrong_content_encoding),
        cmocka_unit_test(test_wrong_content_type),
        cmocka_unit_test(test_connect_to),
        cmocka_unit_test(test_file_urls),
        cmocka_unit_test(test_per_host_cap),
        cmocka_unit_test(test_total_cap),
        cmocka_unit_test(test_caps_over_hosts),
        cmocka_unit_test(test_result_queue),
        cmocka_unit_test(test_free_midway),
        cmocka_unit_test(test_bad_allowlist),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
