/*
 * bench_fetch.c - requests/s of the fetch engine against a loopback HTTP server.
 *
 *   build/bench/fetch/bench_fetch [requests] [body_bytes]
 *
 * The server (tests/support/testhttpd, one thread per connection) answers every request
 * with body_bytes of gzip-free text.  Eight host names pinned to 127.0.0.1 stand for eight
 * publishers, so the per-host cap and the total cap both matter.  Figures include the SSRF
 * checks on every connect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "fetch/fetch.h"
#include "testhttpd.h"

static size_t body_bytes = 16384;

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    (void)rq;
    (void)ctx;
    rs->fill_len = body_bytes;
}

struct tally {
    int ok;
    size_t bytes;
};

static void on_done(struct fetch_result *r, void *user)
{
    struct tally *t = user;
    if (r->status == HERALD_OK) {
        t->ok++;
        t->bytes += r->body_len;
    }
    fetch_result_free(r);
}

static void run(int port, int n, int hosts, int max_transfers, int per_host)
{
    char resolve_buf[8][64];
    const char *resolve[8];
    const char *allow[] = {"*.test"};
    struct fetch_config cfg;
    fetch_engine *e = NULL;
    struct tally t = {0, 0};
    for (int i = 0; i < 8; i++) {
        snprintf(resolve_buf[i], sizeof(resolve_buf[i]), "h%d.test:%d:127.0.0.1", i, port);
        resolve[i] = resolve_buf[i];
    }
    fetch_config_init(&cfg);
    cfg.allow = allow;
    cfg.n_allow = 1;
    cfg.resolve = resolve;
    cfg.n_resolve = 8;
    cfg.max_transfers = max_transfers;
    cfg.per_host = per_host;
    if (fetch_engine_new(&cfg, &e) != HERALD_OK)
        exit(1);
    int64_t t0 = time_monotonic_ms();
    for (int i = 0; i < n; i++) {
        char url[96];
        snprintf(url, sizeof(url), "http://h%d.test:%d/doc/%d", i % hosts, port, i);
        struct fetch_request rq = {.url = url, .user = &t, .done = on_done};
        fetch_engine_add(e, &rq);
    }
    fetch_engine_run(e);
    int64_t ms = time_monotonic_ms() - t0;
    fetch_engine_free(e);
    if (ms < 1)
        ms = 1;
    printf("%d hosts, max %2d, per host %2d: %5d/%d ok in %6lld ms = %7.0f req/s, %6.1f MB/s\n",
           hosts, max_transfers, per_host, t.ok, n, (long long)ms, t.ok * 1000.0 / (double)ms,
           (double)t.bytes / 1e6 / ((double)ms / 1000.0));
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 2000;
    if (argc > 2)
        body_bytes = (size_t)strtoul(argv[2], NULL, 10);
    if (n < 1)
        n = 1;
    fetch_global_init();
    testhttpd *srv = testhttpd_start(handle, NULL);
    int port = testhttpd_port(srv);
    printf("bench_fetch: %d requests of %zu bytes over loopback\n", n, body_bytes);
    run(port, n, 1, 1, 1);
    run(port, n, 1, 16, 2);
    run(port, n, 8, 16, 2);
    run(port, n, 8, 16, 16);
    testhttpd_stop(srv);
    fetch_global_cleanup();
    return 0;
}
