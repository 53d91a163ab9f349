/*
 * bench_web_flood.c - is a normal client served while one address floods the server with
 * slow and idle connections?
 *
 *     bench_web_flood DB [SLOW [IDLE [REQUESTS]]]
 *
 * Serves DB in-process (web_server_start, as `herald serve` does) on a loopback port with
 * herald serve's defaults (web.max_connections 512, web.max_per_ip 64, web.timeout 10 s),
 * then from 127.0.0.1 opens SLOW connections (default 600) that send part of a request
 * head and then nothing, and IDLE connections (default 2000) that send nothing at all.
 * Meanwhile a normal client on 127.0.0.2 makes REQUESTS (default 10) requests for /about,
 * each on a new connection with a 1 s deadline.  Prints how many were served and their
 * latency; then the same with the per-address limit off (web.max_per_ip 0), which is how
 * the server behaved before the limit existed.  Everything stays on loopback; the flood
 * is bounded by SLOW + IDLE (at most 20,000) sockets, all closed before the next run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "web/server.h"

#include "core/banned.h"

static int connect_from(const char *from, unsigned port)
{
    struct sockaddr_in a = {0}, src = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    src.sin_family = AF_INET;
    inet_pton(AF_INET, from, &src.sin_addr);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&src, sizeof(src)) != 0 ||
        connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One GET /about on a new connection; returns the milliseconds it took, or -1 when it was
 * refused, cut or not answered with 200 within 1 s. */
static double one_request(unsigned port)
{
    static const char req[] = "GET /about HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";
    char buf[65536];
    size_t got = 0;
    double t0 = now_ms();
    int64_t deadline = time_monotonic_ms() + 1000;
    int fd = connect_from("127.0.0.2", port);
    if (fd < 0)
        return -1;
    if (write(fd, req, sizeof(req) - 1) != (ssize_t)(sizeof(req) - 1)) {
        close(fd);
        return -1;
    }
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int64_t left = deadline - time_monotonic_ms();
        if (left <= 0 || poll(&p, 1, (int)left) != 1)
            break;
        ssize_t n = read(fd, buf + got, sizeof(buf) - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        if (got == sizeof(buf) - 1)
            break;
    }
    close(fd);
    buf[got] = '\0';
    if (strncmp(buf, "HTTP/1.1 200", 12) != 0)
        return -1;
    return now_ms() - t0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void run(const char *db, unsigned per_ip, int slow, int idle, int requests)
{
    struct web_config cfg;
    web_server *srv;
    FILE *devnull = fopen("/dev/null", "w");
    int *flood = xcalloc((size_t)(slow + idle), sizeof(*flood));
    double *ms = xcalloc((size_t)requests, sizeof(*ms));
    int opened = 0, served = 0;
    unsigned port;

    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.max_connections = 512; /* herald serve's web.max_connections */
    cfg.max_per_ip = per_ip;
    cfg.access_log = devnull;
    if (web_server_start(&cfg, &srv) != HERALD_OK) {
        fprintf(stderr, "bench_web_flood: cannot start the server\n");
        exit(1);
    }
    port = web_server_port(srv);
    one_request(port); /* warm: the worker's store handle and the page cache */
    for (int i = 0; i < slow + idle; i++) {
        flood[i] = connect_from("127.0.0.1", port);
        if (flood[i] < 0)
            continue;
        opened++;
        if (i < slow) {
            static const char part[] = "GET / HTTP/1.1\r\nHost: bench\r\nX-Slow: ";
            if (write(flood[i], part, sizeof(part) - 1) < 0)
                continue;
        }
    }
    for (int i = 0; i < requests; i++) {
        double t = one_request(port);
        if (t >= 0)
            ms[served++] = t;
    }
    qsort(ms, (size_t)served, sizeof(*ms), cmp_double);
    printf("  max_per_ip %-4u served %d/%d normal requests", per_ip, served, requests);
    if (served)
        printf(" (p50 %.2f ms, max %.2f ms)", ms[served / 2], ms[served - 1]);
    printf("; flood sockets connected %d/%d\n", opened, slow + idle);
    for (int i = 0; i < slow + idle; i++)
        if (flood[i] >= 0)
            close(flood[i]);
    web_server_free(srv);
    fclose(devnull);
    free(flood);
    free(ms);
}

int main(int argc, char **argv)
{
    struct rlimit rl;
    int slow, idle, requests;
    if (argc < 2) {
        fprintf(stderr, "usage: bench_web_flood DB [SLOW [IDLE [REQUESTS]]]\n");
        return 2;
    }
    slow = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 600;
    idle = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 2000;
    requests = argc > 4 ? (int)strtol(argv[4], NULL, 10) : 10;
    if (slow < 0 || idle < 0 || slow + idle > 20000 || requests < 1 || requests > 10000) {
        fprintf(stderr, "bench_web_flood: SLOW + IDLE at most 20000, REQUESTS 1..10000\n");
        return 2;
    }
    /* both ends of every flood socket live in this process */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)(2 * (slow + idle) + 256)) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    printf("flood from 127.0.0.1: %d slow-header + %d idle connections; normal client on "
           "127.0.0.2: %d requests (1 s deadline each); web.max_connections 512\n",
           slow, idle, requests);
    run(argv[1], 64, slow, idle, requests);
    run(argv[1], 0, slow, idle, requests);
    return 0;
}
