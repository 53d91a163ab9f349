/*
 * bench_web_serve.c - serves a database for the benchmarks until SIGINT/SIGTERM:
 *     bench_web_serve PATH LISTEN [THREADS [PAGE_CACHE_ENTRIES]]
 * (what `herald serve` runs, without the CLI: web_serve()).  The access log goes to
 * /dev/null so the benchmark measures serving, not logging.
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
    rc = web_serve(&cfg);
    fclose(devnull);
    return rc ? 1 : 0;
}
