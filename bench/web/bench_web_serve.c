/*
 * bench_web_serve.c - serves a database for the benchmarks until SIGINT/SIGTERM:
 *     bench_web_serve PATH LISTEN [THREADS [PAGE_CACHE_ENTRIES]]
 * (what `herald serve` runs, without the CLI: web_serve()).  The access log goes to
 * /dev/null so the benchmark measures serving, not logging; no per-address connection
 * limit (see below).
 */
#include <stdio.h>
#include <stdlib.h>

#include "web/server.h"

int main(int argc, char **argv)
{
    struct web_config cfg;
    FILE *devnull = fopen("/dev/null", "w");
    herald_status rc;
    if (argc < 3) {
        fprintf(stderr, "usage: bench_web_serve PATH LISTEN [THREADS [PAGE_CACHE_ENTRIES]]\n");
        return 2;
    }
    web_config_init(&cfg);
    cfg.db_path = argv[1];
    cfg.listen = argv[2];
    cfg.threads = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 2;
    if (argc > 4)
        cfg.cache_entries = (size_t)strtoul(argv[4], NULL, 10); /* 0: render every request */
    cfg.access_log = devnull;
    /*
     * No per-address limit: every benchmark client is 127.0.0.1, as behind a reverse proxy.
     * At the default (64, as many as wrk's connections) a connection closed after its
     * response ("Connection: close") still counts until the worker cleans it up, so wrk's
     * immediate reconnect was refused: about 1,000 "read" socket errors a row. nginx has no
     * such limit in the bench either.
     */
    cfg.max_per_ip = 0;
    rc = web_serve(&cfg);
    fclose(devnull);
    return rc ? 1 : 0;
}
