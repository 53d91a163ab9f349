/*
 * web_demo_server.c - serves the test fixture (fixture.c) for the browser tests: builds
 * the database in a fresh temporary directory, starts the web server on a free loopback
 * port, prints "PORT <n>" on stdout, and serves until SIGTERM or SIGINT, then cleans up.
 */
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "fixture.h"
#include "testutil.h"
#include "web/server.h"

int main(void)
{
    struct fixture_ids ids;
    struct web_config cfg;
    web_server *srv = NULL;
    char *dir = test_tmpdir();
    char db[512];
    sigset_t set;
    int sig, rc = 1;

    if (!dir)
        return 1;
    snprintf(db, sizeof(db), "%s/news.db", dir);
    if (fixture_build(db, time_now(), &ids) != HERALD_OK)
        goto out;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.secure_cookies = 0; /* plain HTTP on loopback */
    if (web_server_start(&cfg, &srv) != HERALD_OK)
        goto out;
    printf("PORT %u\nARTICLE %s\nHOSTILE %s\n", web_server_port(srv), ids.czech, ids.hostile);
    fflush(stdout);
    sigwait(&set, &sig);
    rc = 0;
out:
    web_server_free(srv);
    test_rmtree(dir);
    free(dir);
    return rc;
}
