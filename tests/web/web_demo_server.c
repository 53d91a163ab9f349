/*
 * web_demo_server.c - serves the test fixture (fixture.c) for the browser tests: builds
 * the database in a fresh temporary directory, starts the web server on a free loopback
 * port, prints "PORT <n>" on stdout, and serves until SIGTERM or SIGINT, then cleans up.
 *
 * The fixture's lead images are http://images.example/... URLs.  The image proxy fetches
 * them (the browser never does): a loopback origin (testhttpd) answers every *.jpg with a
 * JPEG made with libgd, and the proxy's fetcher reaches it through a CONNECT_TO entry
 * (images.example:80 -> 127.0.0.1:PORT) with loopback let through the SSRF policy -- the
 * test-only allowance, as `ssrf.allow` gives an operator.
 */
#include <gd.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "fetch/fetch.h"
#include "fixture.h"
#include "testhttpd.h"
#include "testutil.h"
#include "web/server.h"

/* Every *.jpg is a 1200 x 800 JPEG whose colours depend on its path. */
static void origin(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    size_t n = strlen(rq->path);
    unsigned hue = 0;
    gdImagePtr im;
    void *jpg;
    int size;
    (void)ctx;
    if (n < 4 || strcmp(rq->path + n - 4, ".jpg") != 0) {
        rs->status = 404;
        return;
    }
    for (const char *c = rq->path; *c; c++)
        hue = hue * 31 + (unsigned char)*c;
    im = gdImageCreateTrueColor(1200, 800);
    gdImageFilledRectangle(im, 0, 0, 1199, 799,
                           gdTrueColor(hue & 255, (hue >> 8) & 255, (hue >> 16) & 255));
    gdImageFilledEllipse(im, 600, 400, 360, 360, gdTrueColor(240, 240, 220));
    jpg = gdImageJpegPtr(im, &size, 80);
    gdImageDestroy(im);
    testhttpd_set_body_len(rs, jpg, (size_t)size);
    testhttpd_add_header(rs, "Content-Type", "image/jpeg");
    gdFree(jpg);
}

int main(void)
{
    static const char *const allow[] = {"127.0.0.1"};
    const char *connect_to[1];
    char route[128];
    struct fetch_config fc;
    testhttpd *images = testhttpd_start(origin, NULL);
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
    fetch_config_init(&fc);
    fc.allow = allow;
    fc.n_allow = 1;
    snprintf(route, sizeof(route), "images.example:80:127.0.0.1:%d", testhttpd_port(images));
    connect_to[0] = route;
    fc.connect_to = connect_to;
    fc.n_connect_to = 1;
    cfg.media_fetch = &fc;
    if (web_server_start(&cfg, &srv) != HERALD_OK)
        goto out;
    printf("PORT %u\nARTICLE %s\nHOSTILE %s\n", web_server_port(srv), ids.czech, ids.hostile);
    fflush(stdout);
    sigwait(&set, &sig);
    rc = 0;
out:
    web_server_free(srv);
    testhttpd_stop(images);
    test_rmtree(dir);
    free(dir);
    return rc;
}
