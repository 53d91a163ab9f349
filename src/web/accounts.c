/*
 * accounts.c - reader accounts on the web: sign up, sign in, sign out (here or
 * everywhere), the account page (password, personal API tokens, deleting the account) and
 * the admins' user list.
 *
 * Sessions: a 256-bit random token in the cookie herald_session (HttpOnly, SameSite=Lax,
 * Secure unless web_config.secure_cookies is off), stored only as its hash with a CSRF
 * token and an expiry (web_config.session_ttl_s).  Changing the password ends every other
 * session; a ban ends them all.
 *
 * Abuse limits (ratelimit.h, keyed by the client address and the account name): sign-up
 * 5 per hour per address; sign-in 30 attempts per 10 minutes per address, and after 3
 * failures in a row, for the name and for the address, a delay that doubles with every
 * further failure (up to 15 minutes).  A refused attempt is a 429 with Retry-After.  An
 * unknown name costs the same Argon2id verification as a wrong password, so timing does
 * not tell which names exist.
 *
 * Every write of a request is one transaction (store_tx_begin/commit): a refused or failed
 * request leaves nothing behind.
 */
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/url.h"
#include "html/escape.h"
#include "store/store_users.h"
#include "users/users.h"
#include "web/internal.h"
#include "web/ratelimit.h"

#include "core/banned.h"

#define T(sb, s) html_escape_text((sb), (s))
#define A(sb, s) html_escape_attr((sb), (s))

#define SIGNUP_PER_HOUR 5
#define SIGNIN_PER_WINDOW 30
#define SIGNIN_WINDOW 600
#define TOKEN_LABEL_MAX 64
#define EMAIL_MAX 254

/* ---- shared -------------------------------------------------------------------------- */

static void page(struct web_request *rq, struct web_response *resp, int status, const char *title,
                 const char *message, struct strbuf *body)
{
    struct web_render_ctx ctx;
    web_req_render_ctx(rq, &ctx);
    ctx.path = NULL;
    strbuf_reset(&resp->body);
    resp->status = status;
    resp->content_type = "text/html; charset=utf-8";
    web_render_simple(&resp->body, &ctx, title, message, body ? body->buf : NULL);
}

static void put_csrf(struct strbuf *b, const struct web_viewer *v)
{
    strbuf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    A(b, v && v->csrf ? v->csrf : "");
    strbuf_adds(b, "\">");
}

/* next= must be a path on this site ("/x", never "//host" or a scheme). */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 200)
        return "/";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x21 || *p == '\\')
            return "/";
    return next;
}

static void set_cookie(struct web_request *rq, struct web_response *resp, const char *token,
                       int64_t max_age)
{
    char buf[256];
    snprintf(buf, sizeof(buf),
             WEB_SESSION_COOKIE "=%s; Path=/; Max-Age=%" PRId64 "; HttpOnly; SameSite=Lax%s", token,
             max_age, web_req_config(rq)->secure_cookies ? "; Secure" : "");
    resp->set_cookie = web_arena_strdup(web_req_arena(rq), buf);
}

/* Starts a session for user_id on st (inside the caller's transaction) and sets the
 * cookie. */
static herald_status start_session(struct web_request *rq, struct web_response *resp, store *st,
                                   int64_t user_id)
{
    char token[USERS_TOKEN_LEN + 1], hash[USERS_TOKEN_LEN + 1], csrf[USERS_CSRF_LEN + 1];
    int64_t now = web_req_now(rq), ttl = web_req_config(rq)->session_ttl_s;
    herald_status rc;
    users_token_new(token);
    users_token_hash(token, hash);
    users_csrf_new(csrf);
    rc = store_session_add(st, hash, user_id, csrf, now, now + ttl);
    if (rc == HERALD_OK)
        set_cookie(rq, resp, token, ttl);
    return rc;
}

static void too_many(struct web_request *rq, struct web_response *resp, int64_t wait)
{
    resp->retry_after = wait > 0 ? wait : 1;
    web_error(rq, resp, 429, "Too many attempts. Please wait a little and try again.");
}

/* ---- sign up / sign in ------------------------------------------------------------- */

static void auth_form(struct web_request *rq, struct web_response *resp, int status, int signup,
                      const char *message)
{
    struct strbuf b = STRBUF_INIT;
    const char *name = web_req_form(rq, "name");
    const char *next =
        safe_next(web_req_form(rq, "next") ? web_req_form(rq, "next") : web_req_arg(rq, "next"));
    strbuf_adds(&b, signup ? "<form class=\"auth\" method=\"post\" action=\"/signup\">"
                           : "<form class=\"auth\" method=\"post\" action=\"/signin\">");
    strbuf_adds(&b, "<input type=\"hidden\" name=\"next\" value=\"");
    A(&b, next);
    strbuf_adds(&b, "\"><label for=\"name\">User name</label>"
                    "<input id=\"name\" name=\"name\" autocomplete=\"username\" required "
                    "maxlength=\"128\" value=\"");
    A(&b, name ? name : "");
    strbuf_adds(&b, "\"><label for=\"password\">Password</label><input id=\"password\" "
                    "name=\"password\" type=\"password\" required maxlength=\"256\" ");
    strbuf_adds(&b, signup ? "autocomplete=\"new-password\" minlength=\"10\">"
                           : "autocomplete=\"current-password\">");
    if (signup)
        strbuf_adds(&b, "<label for=\"email\">Email (optional)</label><input id=\"email\" "
                        "name=\"email\" type=\"email\" maxlength=\"254\" autocomplete=\"email\">"
                        "<p class=\"hint\">At least 10 characters; very common passwords are "
                        "refused.</p>");
    strbuf_adds(&b, signup ? "<button type=\"submit\">Create account</button></form>"
                             "<p>Have an account? <a href=\"/signin\">Sign in</a>.</p>"
                           : "<button type=\"submit\">Sign in</button></form>"
                             "<p>New here? <a href=\"/signup\">Create an account</a>.</p>");
    page(rq, resp, status, signup ? "Create an account" : "Sign in", message, &b);
    resp->cache_control = "private, no-store";
    strbuf_release(&b);
}

void web_signup_form(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    (void)r;
    auth_form(rq, resp, 200, 1, NULL);
}

void web_signin_form(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    (void)r;
    auth_form(rq, resp, 200, 0, NULL);
}

void web_signup(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *name = web_req_form(rq, "name"), *pw = web_req_form(rq, "password");
    const char *email = web_req_form(rq, "email"), *problem;
    char key[96], hash[USERS_HASH_MAX];
    int64_t now = web_req_now(rq), wait, id = 0;
    store *st;
    herald_status rc;
    (void)r;
    snprintf(key, sizeof(key), "signup:ip:%s", web_req_client(rq));
    wait = web_ratelimit_hit(web_req_limits(rq), key, SIGNUP_PER_HOUR, 3600, now);
    if (wait) {
        too_many(rq, resp, wait);
        return;
    }
    problem = users_name_problem(name);
    if (!problem)
        problem = users_password_problem(name, pw);
    if (!problem && email && *email && (strlen(email) > EMAIL_MAX || !strchr(email, '@')))
        problem = "That email address does not look right.";
    if (problem) {
        auth_form(rq, resp, 400, 1, problem);
        return;
    }
    if (!web_open_rw(rq, resp, &st))
        return;
    if (users_hash_password(pw, hash) != HERALD_OK) {
        web_error(rq, resp, 503, "The server is too busy to create accounts right now.");
        return;
    }
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = store_user_add(st, name, email, hash, STORE_ROLE_READER, now, &id);
    if (rc == HERALD_OK)
        rc = start_session(rq, resp, st, id);
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    sodium_memzero(hash, sizeof(hash));
    if (rc == HERALD_E_EXISTS) {
        resp->set_cookie = NULL;
        auth_form(rq, resp, 409, 1, "That user name is taken; choose another.");
        return;
    }
    if (rc) {
        resp->set_cookie = NULL;
        web_error(rq, resp, web_status_for(rc), "The account could not be created.");
        return;
    }
    log_info("web", "account %" PRId64 " created", id);
    web_redirect(rq, resp, safe_next(web_req_form(rq, "next")));
}

/* A hash to verify against when the name is unknown, so both cases cost the same. */
static char dummy_hash[USERS_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    if (users_hash_password("not a password of anyone", dummy_hash) != HERALD_OK)
        dummy_hash[0] = '\0';
}

void web_signin(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *name = web_req_form(rq, "name"), *pw = web_req_form(rq, "password");
    char kip[96], kname[200], kwin[96];
    int64_t now = web_req_now(rq), wait, w2;
    struct store_user u;
    store *st;
    int ok;
    herald_status rc;
    (void)r;
    if (!name || !pw || strlen(name) > 128 || strlen(pw) > USERS_PASSWORD_MAX) {
        auth_form(rq, resp, 400, 0, "Enter your user name and password.");
        return;
    }
    snprintf(kwin, sizeof(kwin), "signin:ip:%s", web_req_client(rq));
    snprintf(kip, sizeof(kip), "signin-fail:ip:%s", web_req_client(rq));
    snprintf(kname, sizeof(kname), "signin-fail:name:%s", name);
    for (char *p = kname; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    wait = web_ratelimit_wait(web_req_limits(rq), kname, now);
    w2 = web_ratelimit_wait(web_req_limits(rq), kip, now);
    if (w2 > wait)
        wait = w2;
    if (!wait)
        wait = web_ratelimit_hit(web_req_limits(rq), kwin, SIGNIN_PER_WINDOW, SIGNIN_WINDOW, now);
    if (wait) {
        too_many(rq, resp, wait);
        return;
    }
    if (!web_open_rw(rq, resp, &st))
        return;
    store_user_init(&u);
    rc = store_user_get_by_name(st, name, &u);
    if (rc && rc != HERALD_E_NOTFOUND) {
        web_error(rq, resp, web_status_for(rc), "Signing in failed; try again.");
        goto out;
    }
    if (rc == HERALD_OK) {
        ok = users_check_password(u.pw_hash, pw);
    } else {
        pthread_once(&dummy_once, make_dummy);
        users_check_password(dummy_hash, pw);
        ok = 0;
    }
    if (!ok) {
        web_ratelimit_fail(web_req_limits(rq), kname, now);
        web_ratelimit_fail(web_req_limits(rq), kip, now);
        auth_form(rq, resp, 401, 0, "Wrong user name or password.");
        goto out;
    }
    if (u.banned) {
        web_error(rq, resp, 403, "This account is banned.");
        goto out;
    }
    web_ratelimit_clear(web_req_limits(rq), kname);
    web_ratelimit_clear(web_req_limits(rq), kip);
    rc = start_session(rq, resp, st, u.id);
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "Signing in failed; try again.");
        goto out;
    }
    web_redirect(rq, resp, safe_next(web_req_form(rq, "next")));
out:
    store_user_release(&u);
}

void web_signout(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    store *st;
    (void)r;
    if (!web_open_rw(rq, resp, &st))
        return;
    if (v->session_hash && store_session_delete(st, v->session_hash) != HERALD_OK) {
        web_error(rq, resp, 503, "Signing out failed; try again.");
        return;
    }
    set_cookie(rq, resp, "", 0);
    web_redirect(rq, resp, "/");
}

/* ---- the account page ---------------------------------------------------------------- */

static void account_page(struct web_request *rq, struct web_response *resp, int status,
                         const char *message, const char *new_token)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct store_token_list tl = {0};
    struct strbuf b = STRBUF_INIT;
    struct web_render_ctx ctx;
    store *st;
    web_req_render_ctx(rq, &ctx);
    if (web_req_store(rq, &st) || store_token_list(st, v->id, &tl)) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    strbuf_adds(&b, "<p>Signed in as <strong>");
    T(&b, v->name);
    strbuf_adds(&b, "</strong> (");
    T(&b, store_role_name(v->role));
    strbuf_adds(&b, ").</p><p><a href=\"/saved\">Saved articles</a>");
    if (v->role >= STORE_ROLE_MODERATOR)
        strbuf_adds(&b, " \xc2\xb7 <a href=\"/moderation\">Moderation queue</a>");
    if (v->role >= STORE_ROLE_ADMIN)
        strbuf_adds(&b, " \xc2\xb7 <a href=\"/admin/users\">Users</a> \xc2\xb7 <a "
                        "href=\"/admin/feeds\">Feeds</a>");
    strbuf_adds(&b, "</p>\n<form class=\"inline\" method=\"post\" action=\"/signout\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<button type=\"submit\">Sign out</button></form>"
                    "<form class=\"inline\" method=\"post\" action=\"/account/signout-all\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<button type=\"submit\">Sign out everywhere</button></form>\n");

    strbuf_adds(&b, "<h2>Personal API tokens</h2>");
    if (new_token) {
        strbuf_adds(&b, "<p class=\"notice\">Your new token (shown only now): <code "
                        "class=\"token\">");
        T(&b, new_token);
        strbuf_adds(&b, "</code></p>");
    }
    if (!tl.count)
        strbuf_adds(&b, "<p class=\"empty\">No tokens.</p>");
    else
        strbuf_adds(&b, "<ul class=\"tokens\">");
    for (size_t i = 0; i < tl.count; i++) {
        char action[64];
        strbuf_adds(&b, "<li>");
        T(&b, tl.items[i].label);
        strbuf_adds(&b, " \xc2\xb7 created ");
        web_render_put_time(&b, &ctx, tl.items[i].created);
        snprintf(action, sizeof(action), "/account/tokens/%" PRId64 "/revoke", tl.items[i].id);
        strbuf_adds(&b, " <form class=\"inline\" method=\"post\" action=\"");
        A(&b, action);
        strbuf_adds(&b, "\">");
        put_csrf(&b, v);
        strbuf_adds(&b, "<button type=\"submit\">Revoke</button></form></li>");
    }
    if (tl.count)
        strbuf_adds(&b, "</ul>");
    strbuf_adds(&b, "<form method=\"post\" action=\"/account/tokens\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<label for=\"label\">Token name</label><input id=\"label\" name=\"label\" "
                    "required maxlength=\"64\"><button type=\"submit\">Create token</button>"
                    "</form>\n<h2>Change password</h2>"
                    "<form method=\"post\" action=\"/account/password\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<label for=\"cur\">Current password</label><input id=\"cur\" "
                    "name=\"current\" type=\"password\" required "
                    "autocomplete=\"current-password\"><label for=\"new\">New password</label>"
                    "<input id=\"new\" name=\"password\" type=\"password\" required "
                    "minlength=\"10\" autocomplete=\"new-password\"><button type=\"submit\">"
                    "Change password</button></form>\n<h2>Delete account</h2>"
                    "<form method=\"post\" action=\"/account/delete\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<fieldset><legend>Your comments</legend><label><input type=\"radio\" "
                    "name=\"comments\" value=\"keep\" checked> Keep them, shown as by "
                    "\"deleted user\"</label><label><input type=\"radio\" name=\"comments\" "
                    "value=\"remove\"> Delete them</label></fieldset>"
                    "<label for=\"delpw\">Password</label><input id=\"delpw\" name=\"password\" "
                    "type=\"password\" required autocomplete=\"current-password\">"
                    "<button type=\"submit\">Delete my account</button></form>\n");
    page(rq, resp, status, "Your account", message, &b);
    strbuf_release(&b);
    store_token_list_release(&tl);
}

void web_account(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    (void)r;
    if (!web_req_viewer(rq)) {
        web_redirect(rq, resp, "/signin?next=/account");
        return;
    }
    account_page(rq, resp, 200, NULL, NULL);
}

/* The viewer's account record with its password hash. */
static int check_password(struct web_request *rq, struct web_response *resp, store *st,
                          const char *pw)
{
    struct store_user u;
    int ok;
    store_user_init(&u);
    if (store_user_get(st, web_req_viewer(rq)->id, &u) != HERALD_OK) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return 0;
    }
    ok = pw && users_check_password(u.pw_hash, pw);
    store_user_release(&u);
    if (!ok)
        account_page(rq, resp, 403, "The password is not right.", NULL);
    return ok;
}

void web_account_password(struct web_request *rq, const struct web_route *r,
                          struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    const char *cur = web_req_form(rq, "current"), *pw = web_req_form(rq, "password");
    const char *problem = users_password_problem(v->name, pw);
    char hash[USERS_HASH_MAX];
    store *st;
    herald_status rc;
    (void)r;
    if (!web_open_rw(rq, resp, &st) || !check_password(rq, resp, st, cur))
        return;
    if (problem) {
        account_page(rq, resp, 400, problem, NULL);
        return;
    }
    if (users_hash_password(pw, hash) != HERALD_OK) {
        web_error(rq, resp, 503, "The server is too busy right now.");
        return;
    }
    /* the new password ends every session, then this browser gets a new one */
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = store_user_set_password(st, v->id, hash);
    if (rc == HERALD_OK)
        rc = store_session_delete_user(st, v->id, web_req_now(rq));
    if (rc == HERALD_OK)
        rc = start_session(rq, resp, st, v->id);
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    sodium_memzero(hash, sizeof(hash));
    if (rc) {
        resp->set_cookie = NULL;
        web_error(rq, resp, web_status_for(rc), "The password could not be changed.");
        return;
    }
    web_redirect(rq, resp, "/account");
}

void web_account_signout_all(struct web_request *rq, const struct web_route *r,
                             struct web_response *resp)
{
    store *st;
    (void)r;
    if (!web_open_rw(rq, resp, &st))
        return;
    if (store_session_delete_user(st, web_req_viewer(rq)->id, web_req_now(rq)) != HERALD_OK) {
        web_error(rq, resp, 503, "Signing out failed; try again.");
        return;
    }
    set_cookie(rq, resp, "", 0);
    web_redirect(rq, resp, "/");
}

void web_account_delete(struct web_request *rq, const struct web_route *r,
                        struct web_response *resp)
{
    const char *choice = web_req_form(rq, "comments");
    store *st;
    herald_status rc;
    (void)r;
    if (!choice || (strcmp(choice, "keep") != 0 && strcmp(choice, "remove") != 0)) {
        web_error(rq, resp, 400, "Choose what happens to your comments.");
        return;
    }
    if (!web_open_rw(rq, resp, &st) || !check_password(rq, resp, st, web_req_form(rq, "password")))
        return;
    rc = store_user_delete(st, web_req_viewer(rq)->id, strcmp(choice, "remove") == 0);
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The account could not be deleted.");
        return;
    }
    set_cookie(rq, resp, "", 0);
    web_redirect(rq, resp, "/");
}

void web_account_token_new(struct web_request *rq, const struct web_route *r,
                           struct web_response *resp)
{
    const char *label = web_req_form(rq, "label");
    char token[USERS_TOKEN_LEN + 1], hash[USERS_TOKEN_LEN + 1];
    store *st;
    herald_status rc;
    (void)r;
    if (!label || !*label || strlen(label) > TOKEN_LABEL_MAX || users_name_problem(label)) {
        account_page(rq, resp, 400, "Give the token a name of up to 64 characters.", NULL);
        return;
    }
    if (!web_open_rw(rq, resp, &st))
        return;
    users_token_new(token);
    users_token_hash(token, hash);
    rc = store_token_add(st, web_req_viewer(rq)->id, hash, label, web_req_now(rq), NULL);
    if (rc == HERALD_E_TOOBIG) {
        account_page(rq, resp, 409, "You have too many tokens; revoke one first.", NULL);
        return;
    }
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The token could not be created.");
        return;
    }
    account_page(rq, resp, 200, "Token created.", token);
}

void web_account_token_revoke(struct web_request *rq, const struct web_route *r,
                              struct web_response *resp)
{
    store *st;
    herald_status rc;
    if (!web_open_rw(rq, resp, &st))
        return;
    rc = store_token_revoke(st, web_req_viewer(rq)->id, web_route_param_int(r, "n"));
    if (rc) {
        web_error(rq, resp, rc == HERALD_E_NOTFOUND ? 404 : web_status_for(rc),
                  "You have no such token.");
        return;
    }
    web_redirect(rq, resp, "/account");
}

/* ---- admins: users ------------------------------------------------------------------- */

void web_admin_users(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct store_user_list l = {0};
    struct strbuf b = STRBUF_INIT;
    store *st;
    (void)r;
    if (web_req_store(rq, &st) || store_user_list(st, &l)) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    strbuf_adds(&b, "<table class=\"users\"><thead><tr><th>Name</th><th>Role</th><th>Status"
                    "</th><th>Actions</th></tr></thead><tbody>");
    for (size_t i = 0; i < l.count; i++) {
        const struct store_user *u = &l.items[i];
        char action[64];
        strbuf_adds(&b, "<tr><td>");
        T(&b, u->name);
        strbuf_adds(&b, "</td><td>");
        T(&b, store_role_name(u->role));
        strbuf_adds(&b, "</td><td>");
        strbuf_adds(&b, u->banned ? "banned" : "active");
        strbuf_adds(&b, "</td><td>");
        snprintf(action, sizeof(action), "/admin/users/%" PRId64 "/role", u->id);
        strbuf_adds(&b, "<form class=\"inline\" method=\"post\" action=\"");
        A(&b, action);
        strbuf_adds(&b, "\">");
        put_csrf(&b, v);
        strbuf_adds(&b, "<select name=\"role\" aria-label=\"Role\">");
        for (int k = STORE_ROLE_READER; k <= STORE_ROLE_ADMIN; k++) {
            strbuf_addf(&b, "<option value=\"%s\"%s>%s</option>", store_role_name(k),
                        k == u->role ? " selected" : "", store_role_name(k));
        }
        strbuf_adds(&b, "</select><button type=\"submit\">Set role</button></form>");
        snprintf(action, sizeof(action), "/users/%" PRId64 "/%s", u->id,
                 u->banned ? "unban" : "ban");
        strbuf_adds(&b, "<form class=\"inline\" method=\"post\" action=\"");
        A(&b, action);
        strbuf_adds(&b, "\">");
        put_csrf(&b, v);
        strbuf_adds(&b, u->banned ? "<button type=\"submit\">Unban</button></form>"
                                  : "<button type=\"submit\">Ban</button></form>");
        strbuf_adds(&b, "</td></tr>");
    }
    strbuf_adds(&b, "</tbody></table>");
    page(rq, resp, 200, "Users", NULL, &b);
    strbuf_release(&b);
    store_user_list_release(&l);
}

void web_admin_user_role(struct web_request *rq, const struct web_route *r,
                         struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    int role = store_role_parse(web_req_form(rq, "role"));
    int64_t id = web_route_param_int(r, "n");
    char target[48];
    store *st;
    herald_status rc;
    if (role < 0) {
        web_error(rq, resp, 400, "Unknown role.");
        return;
    }
    if (id == v->id) {
        web_error(rq, resp, 403, "Admins cannot change their own role here; use the CLI.");
        return;
    }
    if (!web_open_rw(rq, resp, &st))
        return;
    snprintf(target, sizeof(target), "user %" PRId64, id);
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = store_user_set_role(st, id, role);
    if (rc == HERALD_OK)
        rc = store_audit_add(st, v->id, v->name, "role", target, store_role_name(role),
                             web_req_now(rq));
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The role could not be changed.");
        return;
    }
    web_redirect(rq, resp, "/admin/users");
}

/* ---- admins: feeds --------------------------------------------------------------------- */

#define FEED_URL_MAX 2048
#define FEED_TITLE_MAX 200

/* One action form for feed id: action is "remove" or "mode". */
static void feed_form(struct strbuf *b, const struct web_viewer *v, int64_t id, const char *action)
{
    char path[64];
    snprintf(path, sizeof(path), "/admin/feeds/%" PRId64 "/%s", id, action);
    strbuf_adds(b, "<form class=\"inline\" method=\"post\" action=\"");
    A(b, path);
    strbuf_adds(b, "\">");
    put_csrf(b, v);
}

static void admin_feeds_page(struct web_request *rq, struct web_response *resp, int status,
                             const char *message)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct store_feed_list l = {0};
    struct strbuf b = STRBUF_INIT;
    struct web_render_ctx ctx;
    store *st;
    web_req_render_ctx(rq, &ctx);
    if (web_req_store(rq, &st) || store_feed_list(st, &l)) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    strbuf_adds(&b, "<form method=\"post\" action=\"/admin/feeds\">");
    put_csrf(&b, v);
    strbuf_adds(&b, "<label for=\"url\">Feed URL</label><input id=\"url\" name=\"url\" "
                    "type=\"url\" required maxlength=\"2048\"><label for=\"title\">Title "
                    "(optional)</label><input id=\"title\" name=\"title\" maxlength=\"200\">"
                    "<button type=\"submit\">Add feed</button></form>\n");
    if (!l.count)
        strbuf_adds(&b, "<p class=\"empty\">No feeds.</p>");
    else
        strbuf_adds(&b, "<table class=\"feeds\"><thead><tr><th>Feed</th><th>Last fetch</th>"
                        "<th>Status</th><th>Errors</th><th>Next poll</th><th>Articles</th>"
                        "<th>Fetch mode</th><th>Actions</th></tr></thead><tbody>");
    for (size_t i = 0; i < l.count; i++) {
        const struct store_feed *f = &l.items[i];
        strbuf_addf(&b, "<tr id=\"feed-%" PRId64 "\"><td>", f->id);
        T(&b, f->url);
        if (f->title) {
            strbuf_adds(&b, "<br>");
            T(&b, f->title);
        }
        if (f->last_error) {
            strbuf_adds(&b, "<br><span class=\"flag\">");
            T(&b, f->last_error);
            strbuf_adds(&b, "</span>");
        }
        strbuf_adds(&b, "</td><td>");
        if (f->last_poll == TIME_NONE)
            strbuf_adds(&b, "never");
        else
            web_render_put_time(&b, &ctx, f->last_poll);
        strbuf_addf(&b, "</td><td>%d</td><td>%d</td><td>", f->last_status, f->consecutive_errors);
        if (f->next_poll == TIME_NONE)
            strbuf_adds(&b, "now");
        else
            web_render_put_time(&b, &ctx, f->next_poll);
        strbuf_addf(&b, "</td><td>%" PRId64 "</td><td>", f->article_count);
        feed_form(&b, v, f->id, "mode");
        strbuf_adds(&b, "<select name=\"fetch_mode\" aria-label=\"Fetch mode\">");
        for (int k = STORE_FETCH_AUTO; k <= STORE_FETCH_NEVER; k++) {
            const char *name = store_fetch_mode_name((enum store_fetch_mode)k);
            strbuf_addf(&b, "<option value=\"%s\"%s>%s</option>", name,
                        k == (int)f->fetch_mode ? " selected" : "", name);
        }
        strbuf_adds(&b, "</select><button type=\"submit\">Set</button></form></td><td>");
        feed_form(&b, v, f->id, "remove");
        strbuf_adds(&b, "<button type=\"submit\">Remove</button></form></td></tr>\n");
    }
    if (l.count)
        strbuf_adds(&b, "</tbody></table>");
    page(rq, resp, status, "Feeds", message, &b);
    strbuf_release(&b);
    store_feed_list_release(&l);
}

void web_admin_feeds(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    (void)r;
    admin_feeds_page(rq, resp, 200, NULL);
}

/* Runs one feed change and its audit entry as one transaction.  op: 0 add (url, title),
 * 1 remove (id), 2 set fetch mode (id, mode).  *id is the feed's id (set by an add). */
static herald_status feed_change(struct web_request *rq, store *st, int op, int64_t *id,
                                 const char *url, const char *title, enum store_fetch_mode mode)
{
    const struct web_viewer *v = web_req_viewer(rq);
    static const char *const actions[] = {"feed_add", "feed_remove", "feed_fetch_mode"};
    struct store_feed f;
    char target[48];
    herald_status rc = store_tx_begin(st);
    store_feed_init(&f);
    if (rc)
        return rc;
    if (op == 0) {
        f.url = (char *)url;
        f.title = (char *)title;
        rc = store_feed_add(st, &f, id);
        f.url = f.title = NULL;
    } else {
        rc = store_feed_get(st, *id, &f);
        if (rc == HERALD_OK)
            rc = op == 1 ? store_feed_remove(st, *id) : store_feed_set_fetch_mode(st, *id, mode);
    }
    snprintf(target, sizeof(target), "feed %" PRId64, *id);
    if (rc == HERALD_OK)
        rc = store_audit_add(st, v->id, v->name, actions[op], target,
                             op == 2   ? store_fetch_mode_name(mode)
                             : op == 0 ? url
                                       : f.url,
                             web_req_now(rq));
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    store_feed_release(&f);
    return rc;
}

void web_admin_feed_add(struct web_request *rq, const struct web_route *r,
                        struct web_response *resp)
{
    const char *url = web_req_form(rq, "url"), *title = web_req_form(rq, "title");
    int64_t id = 0;
    store *st;
    herald_status rc;
    (void)r;
    if (!url || !*url || strlen(url) > FEED_URL_MAX) {
        admin_feeds_page(rq, resp, 400, "Give the feed's URL (up to 2048 characters).");
        return;
    }
    /* a form on the web is remote input: only http(s), never a local path, whatever
     * allow_file_urls says (the link rule of core/url.h with no local origin) */
    if (!url_link_allowed(NULL, url, 0)) {
        admin_feeds_page(rq, resp, 400, "A feed's URL starts with http:// or https://.");
        return;
    }
    if (title && (!*title || strlen(title) > FEED_TITLE_MAX))
        title = NULL;
    if (!web_open_rw(rq, resp, &st))
        return;
    rc = feed_change(rq, st, 0, &id, url, title, STORE_FETCH_AUTO);
    if (rc == HERALD_E_EXISTS) {
        admin_feeds_page(rq, resp, 409, "That feed is already subscribed.");
        return;
    }
    if (rc == HERALD_E_INVALID) {
        admin_feeds_page(rq, resp, 400, "That is not a usable feed URL.");
        return;
    }
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The feed could not be added.");
        return;
    }
    log_info("web", "feed %" PRId64 " added by %s", id, web_req_viewer(rq)->name);
    web_redirect(rq, resp, "/admin/feeds");
}

/* POST /admin/feeds/{n}/remove and /admin/feeds/{n}/mode (fetch_mode=auto|always|never). */
void web_admin_feed_change(struct web_request *rq, const struct web_route *r,
                           struct web_response *resp)
{
    int remove = strcmp(r->def->name, "admin_feed_remove") == 0;
    int64_t id = web_route_param_int(r, "n");
    enum store_fetch_mode mode = STORE_FETCH_AUTO;
    store *st;
    herald_status rc;
    if (!remove && store_fetch_mode_parse(web_req_form(rq, "fetch_mode"), &mode) < 0) {
        web_error(rq, resp, 400, "The fetch mode must be auto, always or never.");
        return;
    }
    if (!web_open_rw(rq, resp, &st))
        return;
    rc = feed_change(rq, st, remove ? 1 : 2, &id, NULL, NULL, mode);
    if (rc) {
        web_error(rq, resp, web_status_for(rc),
                  rc == HERALD_E_NOTFOUND ? "There is no such feed."
                                          : "The feed could not be changed.");
        return;
    }
    web_redirect(rq, resp, "/admin/feeds");
}
