/*
 * web_demo_server.c - serves the test fixture (fixture.c) for the browser tests: builds
 * the database in a fresh temporary directory, adds two accounts (an admin and a reader,
 * each with a live session), a comment thread with a reply and an open report on the
 * seafood article (so the moderation queue has an entry) and a saved article, starts the
 * web server on a free loopback port, prints on stdout
 *
 *     PORT <n>   ARTICLE <id>   HOSTILE <id>   SEAFOOD <id>   STORY <id>
 *     SOURCE <id>   ENTITY <slug>   COMMENT <id> (the reader's)
 *     ADMIN_SESSION <token>   READER_SESSION <token>
 *     READY
 *
 * (session tokens go in the herald_session cookie) and serves until SIGTERM or SIGINT,
 * then cleans up.  The Czech article keeps no comments: browser.test.mjs comments there.
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
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "fetch/fetch.h"
#include "fixture.h"
#include "store/store.h"
#include "store/store_users.h"
#include "testhttpd.h"
#include "testutil.h"
#include "users/users.h"
#include "web/server.h"

#define SESSION_TTL (24 * 3600)

/* An account with role and a session for it: its token (the cookie's value) in token. */
static herald_status add_account(store *st, const char *name, int role, int64_t now, int64_t *id,
                                 char token[USERS_TOKEN_LEN + 1])
{
    char hash[USERS_HASH_MAX], th[USERS_TOKEN_LEN + 1], csrf[USERS_CSRF_LEN + 1];
    herald_status rc = users_hash_password("a long enough passphrase", hash);
    if (rc)
        return rc;
    rc = store_user_add(st, name, NULL, hash, role, now, id);
    if (rc)
        return rc;
    users_token_new(token);
    users_token_hash(token, th);
    users_csrf_new(csrf);
    return store_session_add(st, th, *id, csrf, now, now + SESSION_TTL);
}

/* The accounts, the seafood thread (a comment, a reply, a report) and a saved article;
 * the Czech article's story in *story, the reader's comment in *comment. */
static herald_status add_readers(const char *db, int64_t now, const struct fixture_ids *ids,
                                 char admin[USERS_TOKEN_LEN + 1], char reader[USERS_TOKEN_LEN + 1],
                                 int64_t *story, int64_t *comment)
{
    struct store_article a;
    store *st = NULL;
    int64_t admin_id, reader_id, c1, c2;
    herald_status rc;

    store_article_init(&a);
    rc = users_init();
    if (rc)
        return rc;
    users_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN); /* test accounts */
    rc = store_open(db, 0, &st);
    if (rc)
        return rc;
    if ((rc = add_account(st, "Ada Admin", STORE_ROLE_ADMIN, now, &admin_id, admin)) ||
        (rc = add_account(st, "Rita <i>Reader</i>", STORE_ROLE_READER, now, &reader_id, reader)) ||
        (rc = store_comment_add(st, ids->seafood, reader_id, 0,
                                "Good news for the scallop growers, at last.", now, &c1)) ||
        (rc = store_comment_add(st, ids->seafood, admin_id, c1, "Agreed: see the earlier ban.", now,
                                &c2)) ||
        (rc = store_comment_report(st, c1, admin_id, "off topic", now)) ||
        (rc = store_reading_set(st, reader_id, ids->seafood, STORE_READING_SAVED, 1, now)) ||
        (rc = store_article_get(st, ids->czech, &a)))
        goto out;
    *story = a.story_id;
    *comment = c1;
out:
    store_article_release(&a);
    store_close(st);
    return rc;
}

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
    char db[512], admin[USERS_TOKEN_LEN + 1], reader[USERS_TOKEN_LEN + 1];
    int64_t now = time_now(), story = 0, comment = 0;
    sigset_t set;
    int sig, rc = 1;

    if (!dir)
        return 1;
    snprintf(db, sizeof(db), "%s/news.db", dir);
    if (fixture_build(db, now, &ids) != HERALD_OK ||
        add_readers(db, now, &ids, admin, reader, &story, &comment) != HERALD_OK)
        goto out;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = db;
    cfg.threads = 2;
    cfg.secure_cookies = 0;        /* plain HTTP on loopback */
    cfg.edit_window_s = 24 * 3600; /* the reader's comment stays editable however slow the run */
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
    printf("PORT %u\nARTICLE %s\nHOSTILE %s\nSEAFOOD %s\nSTORY %lld\nSOURCE %lld\n"
           "ENTITY %s\nCOMMENT %lld\nADMIN_SESSION %s\nREADER_SESSION %s\nREADY\n",
           web_server_port(srv), ids.czech, ids.hostile, ids.seafood, (long long)story,
           (long long)ids.wire_source, FIXTURE_ENTITY, (long long)comment, admin, reader);
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
