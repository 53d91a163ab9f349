/*
 * test_readers.c - reader accounts, comments and moderation over HTTP with real sessions:
 * the server in-process on a loopback port with the fixture database, a fake clock (edit
 * window, rate limits) and cheap Argon2id limits.  Each refusal is also checked in the
 * database: a refused request writes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "store/store_users.h"
#include "testutil.h"
#include "users/users.h"
#include "web/server.h"

static char *dir, *db;
static web_server *srv;
static unsigned port;
static struct fixture_ids ids;
static int64_t fake_now;

static int64_t clock_fn(void *ud)
{
    (void)ud;
    return fake_now;
}

struct client {
    char cookie[160];
    char csrf[64];
    char name[64];
};

static int setup(void **state)
{
    struct web_config cfg;
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    users_init();
    users_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    fixture_tmp_db(&dir, &db);
    fake_now = time_now();
    if (fixture_build(db, fake_now, &ids) != HERALD_OK)
        return -1;
    fixture_web_config(&cfg, db);
    cfg.version_check_ms = 0; /* anonymous pages show a new comment at once */
    cfg.clock = clock_fn;
    port = fixture_serve(&cfg, &srv);
    return port ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    web_server_free(srv);
    fixture_tmp_release(dir, db);
    curl_global_cleanup();
    return 0;
}

/* ---- helpers ----------------------------------------------------------------------------- */

static void form_add(struct strbuf *b, const char *k, const char *v)
{
    char *e = curl_easy_escape(NULL, v, 0);
    if (b->len)
        strbuf_addch(b, '&');
    strbuf_addf(b, "%s=%s", k, e);
    curl_free(e);
}

/* One request as client c (NULL: anonymous).  form (may be NULL) is the urlencoded body of
 * a POST; extra is one more header line or NULL. */
static void req(struct client *c, const char *method, const char *path, const char *form,
                const char *extra, struct httpc_resp *r)
{
    char cookie[200];
    const char *hdrs[4];
    int n = 0;
    if (c && c->cookie[0]) {
        snprintf(cookie, sizeof(cookie), "Cookie: herald_session=%s", c->cookie);
        hdrs[n++] = cookie;
    }
    if (extra)
        hdrs[n++] = extra;
    hdrs[n] = NULL;
    httpc_send(port, method, path, hdrs, form ? form : "", (size_t)-1, 0, r);
}

static void post_form(struct client *c, const char *path, struct strbuf *form, struct httpc_resp *r)
{
    req(c, "POST", path, form->buf, NULL, r);
}

static void take_cookie(struct client *c, const struct httpc_resp *r)
{
    char *sc = httpc_header(r, "Set-Cookie");
    assert_non_null(sc);
    assert_true(strncmp(sc, "herald_session=", 15) == 0);
    snprintf(c->cookie, sizeof(c->cookie), "%.*s", (int)strcspn(sc + 15, ";"), sc + 15);
    free(sc);
}

static void take_csrf(struct client *c)
{
    struct httpc_resp r;
    const char *p;
    req(c, "GET", "/account", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    p = strstr(r.body.buf, "name=\"csrf\" value=\"");
    assert_non_null(p);
    p += strlen("name=\"csrf\" value=\"");
    snprintf(c->csrf, sizeof(c->csrf), "%.*s", (int)strcspn(p, "\""), p);
    assert_int_equal(strlen(c->csrf), USERS_CSRF_LEN);
    httpc_release(&r);
}

static void signup(struct client *c, const char *name)
{
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    fake_now += 3601; /* a fresh sign-up window for this address */
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s", name);
    form_add(&f, "name", name);
    form_add(&f, "password", "correct horse battery");
    post_form(NULL, "/signup", &f, &r);
    if (r.status != 303)
        fail_msg("signup %s: %ld %s", name, r.status, r.body.buf);
    take_cookie(c, &r);
    httpc_release(&r);
    strbuf_release(&f);
    take_csrf(c);
}

static int has(const struct httpc_resp *r, const char *s)
{
    return strstr(r->body.buf, s) != NULL;
}

static store *ro(void)
{
    store *st = NULL;
    assert_int_equal(store_open(db, STORE_READONLY, &st), HERALD_OK);
    return st;
}

static size_t n_comments(const char *article)
{
    struct store_comment_list l;
    store *st = ro();
    size_t n;
    assert_int_equal(store_comment_list(st, article, &l), HERALD_OK);
    n = l.count;
    store_comment_list_release(&l);
    store_close(st);
    return n;
}

/* Posts a comment (parent 0 = top level) and returns its id from the redirect. */
static int64_t comment(struct client *c, const char *article, int64_t parent, const char *body)
{
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    char path[96], pbuf[24], *loc, *hash;
    int64_t id;
    snprintf(path, sizeof(path), "/article/%s/comments", article);
    form_add(&f, "csrf", c->csrf);
    form_add(&f, "body", body);
    if (parent) {
        snprintf(pbuf, sizeof(pbuf), "%lld", (long long)parent);
        form_add(&f, "parent", pbuf);
    }
    post_form(c, path, &f, &r);
    if (r.status != 303)
        fail_msg("comment: %ld %s", r.status, r.body.buf);
    loc = httpc_header(&r, "Location");
    hash = strstr(loc, "#c");
    assert_non_null(hash);
    id = strtoll(hash + 2, NULL, 10);
    free(loc);
    httpc_release(&r);
    strbuf_release(&f);
    return id;
}

/* POSTs a one-field (csrf) form to path as c and returns the status. */
static long act(struct client *c, const char *path)
{
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    long s;
    form_add(&f, "csrf", c->csrf);
    post_form(c, path, &f, &r);
    s = r.status;
    httpc_release(&r);
    strbuf_release(&f);
    return s;
}

static void get_comment(int64_t id, struct store_comment *out)
{
    store *st = ro();
    assert_int_equal(store_comment_get(st, id, out), HERALD_OK);
    store_close(st);
}

static int64_t user_id(const char *name)
{
    struct store_user u;
    store *st = ro();
    int64_t id = 0;
    store_user_init(&u);
    if (store_user_get_by_name(st, name, &u) == HERALD_OK)
        id = u.id;
    store_user_release(&u);
    store_close(st);
    return id;
}

/* Makes name a moderator (or admin) directly in the database, as the CLI would. */
static void set_role(const char *name, int role)
{
    store *st = NULL;
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    assert_int_equal(store_user_set_role(st, user_id(name), role), HERALD_OK);
    store_close(st);
}

/* ---- tests --------------------------------------------------------------------------------- */

static void test_signup_signin_signout(void **state)
{
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    struct client a;
    char *sc;
    (void)state;
    req(NULL, "GET", "/signup", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "action=\"/signup\""));
    httpc_release(&r);

    /* refused passwords create nothing */
    const char *bad[] = {"short", "password1234", "qwertyuiop", "weakling"};
    for (size_t i = 0; i < 4; i++) {
        strbuf_reset(&f);
        form_add(&f, "name", i == 3 ? "weakling" : "alice");
        form_add(&f, "password", bad[i]);
        post_form(NULL, "/signup", &f, &r);
        assert_int_equal(r.status, 400);
        assert_null(httpc_header(&r, "Set-Cookie"));
        httpc_release(&r);
    }
    assert_int_equal(user_id("alice"), 0);

    signup(&a, "alice");
    assert_true(user_id("alice") > 0);
    /* the cookie's flags */
    strbuf_reset(&f);
    form_add(&f, "name", "Alice2");
    form_add(&f, "password", "another good passphrase");
    fake_now += 3601;
    post_form(NULL, "/signup", &f, &r);
    assert_int_equal(r.status, 303);
    sc = httpc_header(&r, "Set-Cookie");
    assert_non_null(strstr(sc, "; HttpOnly"));
    assert_non_null(strstr(sc, "; SameSite=Lax"));
    assert_non_null(strstr(sc, "; Secure"));
    assert_non_null(strstr(sc, "Max-Age="));
    free(sc);
    httpc_release(&r);
    /* names are unique in any case */
    strbuf_reset(&f);
    form_add(&f, "name", "ALICE");
    form_add(&f, "password", "another good passphrase");
    fake_now += 3601;
    post_form(NULL, "/signup", &f, &r);
    assert_int_equal(r.status, 409);
    httpc_release(&r);

    /* signed in: the account page, never cached publicly */
    req(&a, "GET", "/account", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "Signed in as <strong>alice</strong>"));
    sc = httpc_header(&r, "Cache-Control");
    assert_string_equal(sc, "private, no-store");
    free(sc);
    httpc_release(&r);

    /* sign out needs the CSRF token */
    req(&a, "POST", "/signout", "", NULL, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    assert_int_equal(act(&a, "/signout"), 303);
    req(&a, "GET", "/account", NULL, NULL, &r);
    assert_int_equal(r.status, 303); /* the old cookie names no session */
    httpc_release(&r);

    /* sign in: wrong, then right */
    strbuf_reset(&f);
    form_add(&f, "name", "alice");
    form_add(&f, "password", "wrong password!!");
    post_form(NULL, "/signin", &f, &r);
    assert_int_equal(r.status, 401);
    assert_null(httpc_header(&r, "Set-Cookie"));
    httpc_release(&r);
    strbuf_reset(&f);
    form_add(&f, "name", "Alice");
    form_add(&f, "password", "correct horse battery");
    form_add(&f, "next", "//evil.example/");
    post_form(NULL, "/signin", &f, &r);
    assert_int_equal(r.status, 303);
    sc = httpc_header(&r, "Location");
    assert_string_equal(sc, "/"); /* never an open redirect */
    free(sc);
    take_cookie(&a, &r);
    httpc_release(&r);
    take_csrf(&a);
    strbuf_release(&f);
}

static void test_comments_and_replies(void **state)
{
    struct client a, b;
    struct httpc_resp r;
    char path[96];
    int64_t c1, c2, c3, c4;
    struct store_comment sc;
    json_t *j;
    (void)state;
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_true(has(&r, "No comments yet."));
    assert_true(has(&r, "Sign in</a> or <a href=\"/signup\">create an account</a> to comment"));
    httpc_release(&r);

    signup(&a, "ann");
    signup(&b, "ben");
    c1 = comment(&a, ids.seafood, 0, "First!\n\nSecond paragraph with https://example.com/x.");
    c2 = comment(&b, ids.seafood, c1, "A reply");
    c3 = comment(&a, ids.seafood, c2, "A reply to the reply");
    c4 = comment(&b, ids.seafood, c3, "Deeper still");
    get_comment(c4, &sc);
    assert_int_equal(sc.depth, 2); /* never deeper than two levels */
    assert_int_equal(sc.parent_id, c2);
    store_comment_release(&sc);

    /* anonymous readers see them all, oldest first, nested, with the count */
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_false(has(&r, "No comments yet."));
    assert_true(has(&r, "Comments <span class=\"count\">(4)</span>"));
    assert_true(strstr(r.body.buf, "First!") < strstr(r.body.buf, "A reply"));
    assert_true(has(&r, "<p>First!</p><p>Second paragraph with <a href=\"https://example.com/x\" "
                        "rel=\"nofollow ugc noopener\">https://example.com/x</a>.</p>"));
    assert_true(has(&r, "<ol class=\"replies\">"));
    assert_false(has(&r, "name=\"csrf\""));
    httpc_release(&r);

    /* the API */
    snprintf(path, sizeof(path), "/api/v1/articles/%s/comments", ids.seafood);
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    j = json_loads(r.body.buf, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "count")), 4);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(j, "comments"), 1), "author")),
                        "ben");
    json_decref(j);
    httpc_release(&r);
    snprintf(path, sizeof(path), "/api/v1/articles/%s/comments",
             "0123456789abcdef0123456789abcdef");
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    httpc_release(&r);

    /* a reply to a comment on another article is refused */
    {
        struct strbuf f = STRBUF_INIT;
        char pbuf[24];
        size_t before = n_comments(ids.czech);
        snprintf(path, sizeof(path), "/article/%s/comments", ids.czech);
        snprintf(pbuf, sizeof(pbuf), "%lld", (long long)c1);
        form_add(&f, "csrf", a.csrf);
        form_add(&f, "body", "cross-article reply");
        form_add(&f, "parent", pbuf);
        post_form(&a, path, &f, &r);
        assert_int_equal(r.status, 400);
        httpc_release(&r);
        strbuf_release(&f);
        assert_int_equal(n_comments(ids.czech), before);
    }
}

static void test_csrf_and_origin(void **state)
{
    struct client a;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    char path[96];
    size_t before;
    (void)state;
    signup(&a, "carla");
    snprintf(path, sizeof(path), "/article/%s/comments", ids.czech);
    before = n_comments(ids.czech);
    /* missing token */
    form_add(&f, "body", "no token");
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    /* wrong token */
    strbuf_reset(&f);
    form_add(&f, "csrf", "00000000000000000000000000000000");
    form_add(&f, "body", "wrong token");
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    /* right token, but from another site */
    strbuf_reset(&f);
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "body", "cross site");
    req(&a, "POST", path, f.buf, "Origin: http://evil.example", &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    req(&a, "POST", path, f.buf, "Referer: http://evil.example/page", &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    /* another user's token is not this session's */
    {
        struct client o;
        signup(&o, "otto");
        strbuf_reset(&f);
        form_add(&f, "csrf", o.csrf);
        form_add(&f, "body", "token of another session");
        post_form(&a, path, &f, &r);
        assert_int_equal(r.status, 403);
        httpc_release(&r);
    }
    assert_int_equal(n_comments(ids.czech), before);
    /* same origin with the token works */
    {
        char origin[64];
        snprintf(origin, sizeof(origin), "Origin: http://127.0.0.1:%u", port);
        strbuf_reset(&f);
        form_add(&f, "csrf", a.csrf);
        form_add(&f, "body", "same site");
        req(&a, "POST", path, f.buf, origin, &r);
        assert_int_equal(r.status, 303);
        httpc_release(&r);
    }
    assert_int_equal(n_comments(ids.czech), before + 1);
    /* GET never changes state: no GET route writes */
    snprintf(path, sizeof(path), "/article/%s/comments", ids.czech);
    req(&a, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 405);
    httpc_release(&r);
    strbuf_release(&f);
}

static void test_authorisation(void **state)
{
    struct client a, b;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    struct store_comment sc;
    char path[96];
    int64_t c;
    (void)state;
    signup(&a, "dora");
    signup(&b, "eve");
    c = comment(&a, ids.czech, 0, "dora's words");

    /* eve cannot edit, delete, hide or remove dora's comment */
    snprintf(path, sizeof(path), "/comments/%lld/edit", (long long)c);
    form_add(&f, "csrf", b.csrf);
    form_add(&f, "body", "eve was here");
    post_form(&b, path, &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    req(&b, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    snprintf(path, sizeof(path), "/comments/%lld/delete", (long long)c);
    assert_int_equal(act(&b, path), 403);
    snprintf(path, sizeof(path), "/comments/%lld/hide", (long long)c);
    assert_int_equal(act(&b, path), 403);
    snprintf(path, sizeof(path), "/comments/%lld/remove", (long long)c);
    assert_int_equal(act(&b, path), 403);
    snprintf(path, sizeof(path), "/users/%lld/ban", (long long)user_id("dora"));
    assert_int_equal(act(&b, path), 403);
    get_comment(c, &sc);
    assert_string_equal(sc.body, "dora's words");
    assert_int_equal(sc.state, STORE_COMMENT_VISIBLE);
    store_comment_release(&sc);

    /* readers see no moderation or admin pages */
    req(&b, "GET", "/moderation", NULL, NULL, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    req(&b, "GET", "/admin/users", NULL, NULL, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    snprintf(path, sizeof(path), "/admin/users/%lld/role", (long long)user_id("eve"));
    strbuf_reset(&f);
    form_add(&f, "csrf", b.csrf);
    form_add(&f, "role", "admin");
    post_form(&b, path, &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);

    /* nobody signed in: 401, JSON under /api/ */
    snprintf(path, sizeof(path), "/article/%s/comments", ids.czech);
    req(NULL, "POST", path, "body=anon", NULL, &r);
    assert_int_equal(r.status, 401);
    httpc_release(&r);
    snprintf(path, sizeof(path), "/api/v1/articles/%s/comments", ids.czech);
    req(NULL, "POST", path, "{\"body\":\"anon\"}", "Content-Type: application/json", &r);
    assert_int_equal(r.status, 401);
    assert_true(has(&r, "\"code\":\"unauthorized\""));
    httpc_release(&r);
    req(NULL, "GET", "/api/v1/saved", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    assert_true(has(&r, "\"code\":\"unauthorized\""));
    httpc_release(&r);
    /* a session without the CSRF header on the JSON API: 403 JSON */
    req(&b, "POST", path, "{\"body\":\"no csrf\"}", "Content-Type: application/json", &r);
    assert_int_equal(r.status, 403);
    assert_true(has(&r, "\"code\":\"forbidden\""));
    httpc_release(&r);
    strbuf_release(&f);
}

static void test_edit_window(void **state)
{
    struct client a;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    struct store_comment sc;
    char path[96];
    int64_t c;
    (void)state;
    signup(&a, "fay");
    c = comment(&a, ids.czech, 0, "typo hre");
    snprintf(path, sizeof(path), "/comments/%lld/edit", (long long)c);
    req(&a, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "typo hre</textarea>"));
    httpc_release(&r);
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "body", "typo here");
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 303);
    httpc_release(&r);
    get_comment(c, &sc);
    assert_string_equal(sc.body, "typo here");
    assert_true(sc.edited != TIME_NONE);
    store_comment_release(&sc);
    /* 16 minutes later the window has closed */
    fake_now += 16 * 60;
    strbuf_reset(&f);
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "body", "too late");
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    get_comment(c, &sc);
    assert_string_equal(sc.body, "typo here");
    store_comment_release(&sc);
    /* deleting one's own comment still works, and erases the text */
    snprintf(path, sizeof(path), "/comments/%lld/delete", (long long)c);
    assert_int_equal(act(&a, path), 303);
    get_comment(c, &sc);
    assert_int_equal(sc.state, STORE_COMMENT_DELETED);
    assert_string_equal(sc.body, "");
    store_comment_release(&sc);
    strbuf_release(&f);
}

#define XSS_NAME "<img src=x onerror=alert(1)>"
#define XSS_BODY "<script>alert('x')</script> \"q\" & javascript:alert(1)"
#define SQL_BODY "Robert'); DROP TABLE comments;-- \\ % _ ?1 ' OR 1=1"

static void test_hostile_text(void **state)
{
    struct client a;
    struct httpc_resp r;
    struct store_comment sc;
    char path[96];
    int64_t c1, c2;
    (void)state;
    signup(&a, XSS_NAME);
    c1 = comment(&a, ids.hostile, 0, XSS_BODY);
    c2 = comment(&a, ids.hostile, 0, SQL_BODY);
    get_comment(c2, &sc);
    assert_string_equal(sc.body, SQL_BODY); /* stored verbatim */
    store_comment_release(&sc);
    (void)c1;
    snprintf(path, sizeof(path), "/article/%s", ids.hostile);
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_false(has(&r, XSS_NAME));
    assert_false(has(&r, "<script>alert('x')"));
    assert_true(has(&r, "&lt;img src=x onerror=alert(1)&gt;"));
    assert_true(has(&r, "&lt;script&gt;alert('x')&lt;/script&gt; \"q\" &amp; javascript:alert(1)"));
    assert_false(has(&r, "href=\"javascript"));
    assert_true(has(&r, "Robert'); DROP TABLE comments;-- \\ % _ ?1 ' OR 1=1"));
    httpc_release(&r);
    assert_true(n_comments(ids.hostile) >= 2); /* the table is still there */
}

static void test_rate_limits(void **state)
{
    struct client a;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    char path[96], body[32], *ra;
    size_t before;
    (void)state;
    signup(&a, "gus");
    snprintf(path, sizeof(path), "/article/%s/comments", ids.czech);
    for (int i = 0; i < 5; i++) {
        snprintf(body, sizeof(body), "post %d", i);
        comment(&a, ids.czech, 0, body);
    }
    before = n_comments(ids.czech);
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "body", "one too many");
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 429);
    ra = httpc_header(&r, "Retry-After");
    assert_non_null(ra);
    assert_true(atoi(ra) > 0 && atoi(ra) <= 60);
    free(ra);
    httpc_release(&r);
    assert_int_equal(n_comments(ids.czech), before);
    /* a minute later it recovers */
    fake_now += 61;
    comment(&a, ids.czech, 0, "one too many");
    /* the same text again is a duplicate */
    post_form(&a, path, &f, &r);
    assert_int_equal(r.status, 409);
    httpc_release(&r);
    assert_int_equal(n_comments(ids.czech), before + 1);

    /* sign-in: three free failures, then a growing delay */
    for (int i = 0; i < 3; i++) {
        strbuf_reset(&f);
        form_add(&f, "name", "gus");
        form_add(&f, "password", "not the password");
        post_form(NULL, "/signin", &f, &r);
        assert_int_equal(r.status, 401);
        httpc_release(&r);
    }
    strbuf_reset(&f);
    form_add(&f, "name", "gus");
    form_add(&f, "password", "correct horse battery");
    post_form(NULL, "/signin", &f, &r);
    assert_int_equal(r.status, 429); /* even the right password waits */
    httpc_release(&r);
    fake_now += 2;
    post_form(NULL, "/signin", &f, &r);
    assert_int_equal(r.status, 303);
    httpc_release(&r);

    /* sign-up: 5 per hour per address */
    fake_now += 3601;
    for (int i = 0; i < 6; i++) {
        char name[32];
        snprintf(name, sizeof(name), "bulk%d", i);
        strbuf_reset(&f);
        form_add(&f, "name", name);
        form_add(&f, "password", "correct horse battery");
        post_form(NULL, "/signup", &f, &r);
        assert_int_equal(r.status, i < 5 ? 303 : 429);
        httpc_release(&r);
    }
    assert_int_equal(user_id("bulk5"), 0);
    strbuf_release(&f);
}

static void test_moderation(void **state)
{
    struct client m, a, b;
    struct httpc_resp r;
    struct strbuf f = STRBUF_INIT;
    char path[96];
    int64_t c;
    (void)state;
    signup(&m, "mod");
    signup(&a, "hal");
    signup(&b, "ida");
    set_role("mod", STORE_ROLE_MODERATOR);
    c = comment(&a, ids.seafood, 0, "something nasty");
    snprintf(path, sizeof(path), "/comments/%lld/report", (long long)c);
    assert_int_equal(act(&b, path), 303);
    assert_int_equal(act(&a, path), 400); /* not one's own */

    req(&m, "GET", "/moderation", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "something nasty"));
    assert_true(has(&r, "1 report"));
    httpc_release(&r);

    snprintf(path, sizeof(path), "/comments/%lld/hide", (long long)c);
    assert_int_equal(act(&m, path), 303);
    snprintf(path, sizeof(path), "/article/%s", ids.seafood);
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_true(has(&r, "This comment was hidden by a moderator."));
    assert_false(has(&r, "something nasty"));
    httpc_release(&r);
    req(&m, "GET", "/moderation", NULL, NULL, &r);
    assert_false(has(&r, "<li id=\"q")); /* hiding resolved the report */
    assert_true(has(&r, "<strong>mod</strong> hide comment"));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/comments/%lld/unhide", (long long)c);
    assert_int_equal(act(&m, path), 303);

    /* ban: sessions end, sign-in refused; moderators cannot ban moderators */
    snprintf(path, sizeof(path), "/users/%lld/ban", (long long)user_id("hal"));
    assert_int_equal(act(&m, path), 303);
    req(&a, "GET", "/account", NULL, NULL, &r);
    assert_int_equal(r.status, 303);
    httpc_release(&r);
    form_add(&f, "name", "hal");
    form_add(&f, "password", "correct horse battery");
    post_form(NULL, "/signin", &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    set_role("ida", STORE_ROLE_MODERATOR);
    snprintf(path, sizeof(path), "/users/%lld/ban", (long long)user_id("ida"));
    assert_int_equal(act(&m, path), 403);
    snprintf(path, sizeof(path), "/comments/%lld/remove", (long long)c);
    assert_int_equal(act(&m, path), 303);
    req(&m, "GET", "/moderation", NULL, NULL, &r);
    assert_true(has(&r, "<strong>mod</strong> ban user"));
    assert_true(has(&r, "<strong>mod</strong> remove comment"));
    httpc_release(&r);
    strbuf_release(&f);
}

static void test_tokens_and_reading(void **state)
{
    struct client a, b;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    char path[96], bearer[128], token[80];
    const char *p;
    struct store_token_list tl;
    store *st;
    (void)state;
    signup(&a, "jo");
    signup(&b, "kim");
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "label", "my script");
    post_form(&a, "/account/tokens", &f, &r);
    assert_int_equal(r.status, 200);
    p = strstr(r.body.buf, "<code class=\"token\">");
    assert_non_null(p);
    p += strlen("<code class=\"token\">");
    snprintf(token, sizeof(token), "%.*s", (int)strcspn(p, "<"), p);
    assert_int_equal(strlen(token), 64);
    httpc_release(&r);

    snprintf(bearer, sizeof(bearer), "Authorization: Bearer %s", token);
    snprintf(path, sizeof(path), "/api/v1/articles/%s/comments", ids.seafood);
    req(NULL, "POST", path, "{\"body\":\"from a script\"}", NULL, &r); /* curl's form type */
    assert_int_equal(r.status, 401);
    httpc_release(&r);
    {
        const char *h[] = {bearer, "Content-Type: application/json", NULL};
        httpc_send(port, "POST", path, h, "{\"body\":\"from a script\"}", (size_t)-1, 0, &r);
        assert_int_equal(r.status, 201);
        assert_true(has(&r, "\"author\":\"jo\""));
        httpc_release(&r);
        /* saved and read through the API */
        snprintf(path, sizeof(path), "/api/v1/articles/%s/state", ids.czech);
        httpc_send(port, "POST", path, h, "{\"saved\":true,\"read\":true}", (size_t)-1, 0, &r);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "\"saved\":true"));
        httpc_release(&r);
        httpc_send(port, "GET", "/api/v1/saved", h, NULL, 0, 0, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.buf, ids.czech));
        httpc_release(&r);
    }
    /* kim's saved list is kim's */
    req(&b, "GET", "/api/v1/saved", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body.buf, ids.czech));
    httpc_release(&r);
    req(&a, "GET", "/saved", NULL, NULL, &r);
    assert_non_null(strstr(r.body.buf, ids.czech));
    httpc_release(&r);
    /* the unread filter hides what jo read */
    req(&a, "GET", "/?unread=1", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body.buf, ids.czech));
    httpc_release(&r);
    req(&a, "GET", "/", NULL, NULL, &r);
    assert_non_null(strstr(r.body.buf, ids.czech));
    httpc_release(&r);
    /* kim cannot revoke jo's token */
    assert_int_equal(store_open(db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(store_token_list(st, user_id("jo"), &tl), HERALD_OK);
    assert_int_equal(tl.count, 1);
    snprintf(path, sizeof(path), "/account/tokens/%lld/revoke", (long long)tl.items[0].id);
    store_token_list_release(&tl);
    store_close(st);
    assert_int_equal(act(&b, path), 404);
    assert_int_equal(act(&a, path), 303);
    {
        const char *h[] = {bearer, NULL};
        httpc_send(port, "GET", "/api/v1/saved", h, NULL, 0, 0, &r);
        assert_int_equal(r.status, 401);
        httpc_release(&r);
    }
    strbuf_release(&f);
}

static void test_pages_never_shared(void **state)
{
    /* a signed-in reader's page (with their CSRF token) never reaches anyone else */
    struct client a;
    struct httpc_resp r;
    char path[96], *cc;
    (void)state;
    signup(&a, "lou");
    snprintf(path, sizeof(path), "/article/%s", ids.czech);
    for (int i = 0; i < 2; i++) {
        req(&a, "GET", path, NULL, NULL, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.buf, a.csrf));
        cc = httpc_header(&r, "Cache-Control");
        assert_string_equal(cc, "private, no-store");
        free(cc);
        httpc_release(&r);
        req(NULL, "GET", path, NULL, NULL, &r);
        assert_int_equal(r.status, 200);
        assert_null(strstr(r.body.buf, a.csrf));
        assert_null(strstr(r.body.buf, "name=\"csrf\""));
        httpc_release(&r);
    }
}

static void test_delete_account(void **state)
{
    struct client a, b;
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    struct store_comment sc;
    int64_t ca, cb;
    (void)state;
    signup(&a, "max");
    signup(&b, "ned");
    ca = comment(&a, ids.seafood, 0, "max keeps this");
    cb = comment(&b, ids.seafood, 0, "ned removes this");
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "comments", "keep");
    form_add(&f, "password", "wrong password!!");
    post_form(&a, "/account/delete", &f, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    assert_true(user_id("max") > 0);
    strbuf_reset(&f);
    form_add(&f, "csrf", a.csrf);
    form_add(&f, "comments", "keep");
    form_add(&f, "password", "correct horse battery");
    post_form(&a, "/account/delete", &f, &r);
    assert_int_equal(r.status, 303);
    httpc_release(&r);
    assert_int_equal(user_id("max"), 0);
    get_comment(ca, &sc);
    assert_int_equal(sc.user_id, 0);
    assert_string_equal(sc.body, "max keeps this");
    store_comment_release(&sc);
    strbuf_reset(&f);
    form_add(&f, "csrf", b.csrf);
    form_add(&f, "comments", "remove");
    form_add(&f, "password", "correct horse battery");
    post_form(&b, "/account/delete", &f, &r);
    assert_int_equal(r.status, 303);
    httpc_release(&r);
    get_comment(cb, &sc);
    assert_int_equal(sc.state, STORE_COMMENT_DELETED);
    assert_string_equal(sc.body, "");
    store_comment_release(&sc);
    {
        char path[96];
        snprintf(path, sizeof(path), "/article/%s", ids.seafood);
        req(NULL, "GET", path, NULL, NULL, &r);
        assert_non_null(strstr(r.body.buf, "<em>deleted user</em>"));
        assert_non_null(strstr(r.body.buf, "max keeps this"));
        assert_null(strstr(r.body.buf, "ned removes this"));
        httpc_release(&r);
    }
    strbuf_release(&f);
}

/* ---- admins: feeds ------------------------------------------------------------------------- */

/* How many feeds are stored, and under url (when not NULL) the feed's id (0 when none) and
 * fetch mode. */
static size_t feeds_in_db(const char *url, int64_t *id, enum store_fetch_mode *mode)
{
    struct store_feed_list l;
    store *st = ro();
    size_t n;
    assert_int_equal(store_feed_list(st, &l), HERALD_OK);
    n = l.count;
    for (size_t i = 0; url && i < l.count; i++) {
        if (strcmp(l.items[i].url, url) != 0)
            continue;
        *id = l.items[i].id;
        if (mode)
            *mode = l.items[i].fetch_mode;
    }
    store_feed_list_release(&l);
    store_close(st);
    return n;
}

static size_t n_feeds(void)
{
    return feeds_in_db(NULL, NULL, NULL);
}

/* The feed stored under url: its id (0 when none) and fetch mode. */
static int64_t feed_by_url(const char *url, enum store_fetch_mode *mode)
{
    int64_t id = 0;
    feeds_in_db(url, &id, mode);
    return id;
}

/* 1 when the newest audit entry is action on target. */
static int audit_last(const char *action, const char *target)
{
    struct store_audit_list l;
    store *st = ro();
    int ok;
    assert_int_equal(store_audit_list(st, 1, &l), HERALD_OK);
    ok = l.count == 1 && strcmp(l.items[0].action, action) == 0 &&
         strcmp(l.items[0].target, target) == 0 && strcmp(l.items[0].actor, "ada") == 0;
    store_audit_list_release(&l);
    store_close(st);
    return ok;
}

/* POSTs form (csrf added when with_csrf) to path as c and returns the status. */
static long feed_post(struct client *c, const char *path, const char *k, const char *v,
                      int with_csrf)
{
    struct strbuf f = STRBUF_INIT;
    struct httpc_resp r;
    long s;
    if (with_csrf)
        form_add(&f, "csrf", c ? c->csrf : "");
    if (k)
        form_add(&f, k, v);
    req(c, "POST", path, f.buf ? f.buf : "", NULL, &r);
    s = r.status;
    httpc_release(&r);
    strbuf_release(&f);
    return s;
}

static void test_admin_feeds(void **state)
{
    const char *url = "https://feeds.example.org/new.xml";
    struct client adm, rdr;
    struct httpc_resp r;
    enum store_fetch_mode mode = STORE_FETCH_AUTO;
    char path[96], target[48];
    size_t before;
    int64_t id;
    (void)state;
    signup(&adm, "ada");
    set_role("ada", STORE_ROLE_ADMIN);
    signup(&rdr, "rex");
    before = n_feeds();
    assert_true(before > 0);

    /* the list shows every feed with its health and the forms */
    req(&adm, "GET", "/admin/feeds", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "action=\"/admin/feeds\""));
    assert_true(has(&r, "<th>Errors</th>"));
    assert_true(has(&r, "/mode\""));
    httpc_release(&r);

    /* add: the feed is stored and audited; twice is a conflict; a bad URL is refused */
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", url, 1), 303);
    assert_int_equal(n_feeds(), before + 1);
    id = feed_by_url(url, &mode);
    assert_true(id > 0);
    assert_int_equal(mode, STORE_FETCH_AUTO);
    snprintf(target, sizeof(target), "feed %lld", (long long)id);
    assert_true(audit_last("feed_add", target));
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", url, 1), 409);
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", "not a url <at all>", 1), 400);
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", "", 1), 400);
    /* never a local file, even with allow_file_urls on */
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", "file:///etc/passwd", 1), 400);
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", "javascript:alert(1)", 1), 400);
    assert_int_equal(n_feeds(), before + 1);
    req(&adm, "GET", "/admin/feeds", NULL, NULL, &r);
    assert_true(has(&r, url));
    httpc_release(&r);

    /* set the fetch mode */
    snprintf(path, sizeof(path), "/admin/feeds/%lld/mode", (long long)id);
    assert_int_equal(feed_post(&adm, path, "fetch_mode", "never", 1), 303);
    feed_by_url(url, &mode);
    assert_int_equal(mode, STORE_FETCH_NEVER);
    assert_true(audit_last("feed_fetch_mode", target));
    assert_int_equal(feed_post(&adm, path, "fetch_mode", "sometimes", 1), 400);
    assert_int_equal(feed_post(&adm, "/admin/feeds/999999/mode", "fetch_mode", "always", 1), 404);

    /* a reader is refused (403), an anonymous visitor too (401), and so is a form without
     * the CSRF token: nothing changes */
    req(&rdr, "GET", "/admin/feeds", NULL, NULL, &r);
    assert_int_equal(r.status, 403);
    httpc_release(&r);
    req(NULL, "GET", "/admin/feeds", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    httpc_release(&r);
    assert_int_equal(feed_post(&rdr, "/admin/feeds", "url", "https://x.example/r.xml", 1), 403);
    assert_int_equal(feed_post(&rdr, path, "fetch_mode", "always", 1), 403);
    assert_int_equal(feed_post(NULL, "/admin/feeds", "url", "https://x.example/a.xml", 0), 401);
    assert_int_equal(feed_post(NULL, path, "fetch_mode", "always", 0), 401);
    assert_int_equal(feed_post(&adm, "/admin/feeds", "url", "https://x.example/c.xml", 0), 403);
    assert_int_equal(feed_post(&adm, path, "fetch_mode", "always", 0), 403);
    snprintf(path, sizeof(path), "/admin/feeds/%lld/remove", (long long)id);
    assert_int_equal(feed_post(&rdr, path, NULL, NULL, 1), 403);
    assert_int_equal(feed_post(NULL, path, NULL, NULL, 0), 401);
    assert_int_equal(feed_post(&adm, path, NULL, NULL, 0), 403);
    assert_int_equal(n_feeds(), before + 1);
    assert_int_equal(feed_by_url(url, &mode), id);
    assert_int_equal(mode, STORE_FETCH_NEVER);
    assert_true(audit_last("feed_fetch_mode", target));

    /* remove */
    assert_int_equal(feed_post(&adm, path, NULL, NULL, 1), 303);
    assert_int_equal(feed_by_url(url, NULL), 0);
    assert_int_equal(n_feeds(), before);
    assert_true(audit_last("feed_remove", target));
    assert_int_equal(feed_post(&adm, path, NULL, NULL, 1), 404);
}

/* ?unread=1 is a store filter: pages stay full and paging reaches every unread article once;
 * the source page offers it too. */
static void test_unread_filter(void **state)
{
    struct store_article_query q;
    struct store_article_list all, page;
    struct store_article art;
    struct client a, b;
    struct httpc_resp r;
    char cursor[STORE_CURSOR_MAX] = "", path[96];
    store *st = NULL;
    size_t seen = 0, newest = 0;
    int64_t uid, src;
    (void)state;
    signup(&a, "una");
    uid = user_id("una");
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    store_article_query_init(&q);
    q.limit = STORE_LIST_MAX;
    assert_int_equal(store_article_list(st, &q, &all), HERALD_OK);
    assert_true(all.count > 4);
    assert_string_equal(all.next_cursor, "");
    /* una reads the czech article and the three newest others */
    assert_int_equal(store_reading_set(st, uid, ids.czech, STORE_READING_READ, 1, fake_now),
                     HERALD_OK);
    for (size_t i = 0, n = 0; n < 3; i++) {
        assert_true(i < all.count);
        if (strcmp(all.items[i].id, ids.czech) == 0)
            continue;
        assert_int_equal(
            store_reading_set(st, uid, all.items[i].id, STORE_READING_READ, 1, fake_now),
            HERALD_OK);
        newest = i;
        n++;
    }
    /* una's reading state filters nothing for another reader */
    signup(&b, "vic");
    q.unread_for = user_id("vic");
    assert_int_equal(store_article_list(st, &q, &page), HERALD_OK);
    assert_int_equal(page.count, all.count);
    store_article_list_release(&page);
    q.limit = 3;
    /* pages of 3 are full and together hold exactly the unread ones, newest first */
    q.unread_for = uid;
    do {
        q.cursor = cursor;
        assert_int_equal(store_article_list(st, &q, &page), HERALD_OK);
        if (page.next_cursor[0])
            assert_int_equal(page.count, 3);
        for (size_t i = 0; i < page.count; i++) {
            int flags = 0;
            assert_int_equal(store_reading_get(st, uid, page.items[i].id, &flags), HERALD_OK);
            assert_false(flags & STORE_READING_READ);
            seen++;
        }
        snprintf(cursor, sizeof(cursor), "%s", page.next_cursor);
        store_article_list_release(&page);
    } while (cursor[0]);
    assert_int_equal(seen, all.count - 4);
    /* marking one unread again brings it back */
    assert_int_equal(
        store_reading_set(st, uid, all.items[newest].id, STORE_READING_READ, 0, fake_now),
        HERALD_OK);
    q.cursor = NULL;
    q.limit = 1;
    assert_int_equal(store_article_list(st, &q, &page), HERALD_OK);
    assert_int_equal(page.count, 1);
    assert_string_equal(page.items[0].id, all.items[newest].id);
    store_article_list_release(&page);
    store_article_list_release(&all);
    store_article_init(&art);
    assert_int_equal(store_article_get(st, ids.czech, &art), HERALD_OK);
    src = art.source_id;
    store_article_release(&art);
    store_close(st);
    assert_true(src > 0);

    /* the source page: every article with an "Unread only" link, or only the unread */
    snprintf(path, sizeof(path), "/source/%lld", (long long)src);
    req(&a, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, ids.czech));
    assert_true(has(&r, "?unread=1\">Unread only</a>"));
    httpc_release(&r);
    snprintf(path, sizeof(path), "/source/%lld?unread=1", (long long)src);
    req(&a, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body.buf, ids.czech));
    assert_true(has(&r, "Show all articles</a>"));
    httpc_release(&r);
    /* anonymous visitors get neither the link nor the filter */
    req(NULL, "GET", path, NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, ids.czech));
    assert_false(has(&r, "Unread only"));
    httpc_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signup_signin_signout), cmocka_unit_test(test_comments_and_replies),
        cmocka_unit_test(test_csrf_and_origin),       cmocka_unit_test(test_authorisation),
        cmocka_unit_test(test_edit_window),           cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_rate_limits),           cmocka_unit_test(test_moderation),
        cmocka_unit_test(test_tokens_and_reading),    cmocka_unit_test(test_pages_never_shared),
        cmocka_unit_test(test_delete_account),        cmocka_unit_test(test_admin_feeds),
        cmocka_unit_test(test_unread_filter),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
