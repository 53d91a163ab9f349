/*
 * comments.c - what signed-in readers do on articles: comment and reply, edit within the
 * window, delete their own, report others'; what moderators do: hide, unhide, delete,
 * dismiss reports, ban, with every action in the audit log; and reading state (saved,
 * read).  Pages and the JSON API share the rules here.
 *
 * Authorisation: the route flags (routes.c) guarantee a signed-in reader or a moderator;
 * each handler checks ownership of the thing it changes (a comment's author, the token's
 * owner), so a crafted request by the wrong user is a 403 and changes nothing.
 *
 * Limits: a comment is 1..5000 bytes of UTF-8 text without control characters (other than
 * line breaks and tabs), at most 5 per minute per account and 20 per minute per address,
 * and the same text on the same article within 10 minutes is refused as a duplicate
 * (409).  Each write and its audit entry form one transaction.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/alloc.h"
#include "html/escape.h"
#include "store/store_users.h"
#include "web/data.h"
#include "web/internal.h"
#include "web/ratelimit.h"

#include "core/banned.h"

#define T(sb, s) html_escape_text((sb), (s))
#define A(sb, s) html_escape_attr((sb), (s))

#define COMMENT_MAX 5000
#define POSTS_PER_MINUTE_USER 5
#define POSTS_PER_MINUTE_ADDR 20
#define DUP_WINDOW 600
#define REASON_MAX 500

/* ---- helpers ------------------------------------------------------------------------- */

static int is_api(const struct web_route *r)
{
    return (r->def->flags & WEB_RF_API) != 0;
}

/* The text of a comment, trimmed into the arena, or NULL with *why set. */
static const char *clean_body(struct web_request *rq, const char *in, const char **why)
{
    size_t n;
    const char *s = in;
    char *out;
    if (!s) {
        *why = "Write something first.";
        return NULL;
    }
    while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
        n--;
    if (n == 0) {
        *why = "Write something first.";
        return NULL;
    }
    if (n > COMMENT_MAX) {
        *why = "A comment has at most 5000 characters.";
        return NULL;
    }
    if (!utf8_valid(s, n)) {
        *why = "The comment is not valid text.";
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
            *why = "The comment contains control characters.";
            return NULL;
        }
    }
    out = web_arena_alloc(web_req_arena(rq), n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The comment of route parameter n, checked to exist (404 otherwise). */
static int load_comment(struct web_request *rq, struct web_response *resp, store *st,
                        const struct web_route *r, struct store_comment *c)
{
    herald_status rc = store_comment_get(st, web_route_param_int(r, "n"), c);
    if (rc == HERALD_E_NOTFOUND) {
        web_error(rq, resp, 404, "There is no such comment.");
        return 0;
    }
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The database is not available right now.");
        return 0;
    }
    return 1;
}

static void back_to(struct web_request *rq, struct web_response *resp, const char *article_id,
                    int64_t comment_id)
{
    char loc[96];
    if (comment_id)
        snprintf(loc, sizeof(loc), "/article/%s#c%" PRId64, article_id, comment_id);
    else
        snprintf(loc, sizeof(loc), "/article/%s#comments-h", article_id);
    web_redirect(rq, resp, loc);
}

/* ---- reading the comments ------------------------------------------------------------ */

herald_status web_comments_load(struct web_request *rq, store *st, const char *article_id,
                                struct web_comments *out)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct store_comment_list *l = xcalloc(1, sizeof(*l));
    struct web_comment *items;
    int64_t now = web_req_now(rq), window = web_req_config(rq)->edit_window_s;
    herald_status rc;
    int flags = 0;

    memset(out, 0, sizeof(*out));
    rc = store_comment_list(st, article_id, l);
    if (rc) {
        free(l);
        return rc;
    }
    web_arena_defer(web_req_arena(rq), web_comment_list_free, l);
    items = web_arena_alloc(web_req_arena(rq), (l->count ? l->count : 1) * sizeof(*items));
    for (size_t i = 0; i < l->count; i++) {
        const struct store_comment *c = &l->items[i];
        struct web_comment *w = &items[i];
        memset(w, 0, sizeof(*w));
        w->id = c->id;
        w->parent_id = c->parent_id;
        w->depth = c->depth;
        w->author = c->user_name;
        w->author_id = c->user_id;
        w->body = c->body;
        w->created = c->created;
        w->edited = c->edited;
        w->state = c->state;
        w->reports = c->reports;
        w->mine = v && c->user_id == v->id;
        w->editable = w->mine && c->state == STORE_COMMENT_VISIBLE && now - c->created <= window;
        if (c->state == STORE_COMMENT_VISIBLE)
            out->count++;
    }
    out->article_id = web_arena_strdup(web_req_arena(rq), article_id);
    out->items = items;
    out->n_items = l->count;
    if (v) {
        out->viewer = v->name;
        out->csrf = v->csrf;
        out->moderator = v->role >= STORE_ROLE_MODERATOR;
        if (store_reading_get(st, v->id, article_id, &flags) == HERALD_OK) {
            out->saved = (flags & STORE_READING_SAVED) != 0;
            out->read = (flags & STORE_READING_READ) != 0;
        }
    }
    return HERALD_OK;
}

void web_comment_list_free(void *p)
{
    store_comment_list_release(p);
    free(p);
}

static json_t *jtime(int64_t t)
{
    char buf[TIME_RFC3339_LEN];
    return t == TIME_NONE ? json_null() : json_string(time_format_rfc3339(t, buf));
}

static json_t *jstr(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

static json_t *comment_json(const struct web_comment *c, int moderator)
{
    int shown = c->state == STORE_COMMENT_VISIBLE || (c->state == 1 && moderator);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "parent_id", c->parent_id ? json_integer(c->parent_id) : json_null());
    json_object_set_new(o, "depth", json_integer(c->depth));
    json_object_set_new(o, "author", jstr(c->author));
    json_object_set_new(o, "body", shown ? jstr(c->body) : json_null());
    json_object_set_new(o, "state",
                        json_string(c->state == 0   ? "visible"
                                    : c->state == 1 ? "hidden"
                                                    : "deleted"));
    json_object_set_new(o, "created", jtime(c->created));
    json_object_set_new(o, "edited", jtime(c->edited));
    return o;
}

void web_api_comments(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_comments c;
    struct store_article a;
    json_t *root, *arr;
    store *st;
    herald_status rc;
    if (web_req_store(rq, &st)) {
        web_api_error(resp, 503, "the database is not available");
        return;
    }
    store_article_init(&a);
    rc = store_article_get(st, web_route_param(r, "id"), &a);
    store_article_release(&a);
    if (rc == HERALD_OK)
        rc = web_comments_load(rq, st, web_route_param(r, "id"), &c);
    if (rc) {
        web_api_error(resp, rc == HERALD_E_NOTFOUND ? 404 : web_status_for(rc),
                      rc == HERALD_E_NOTFOUND ? "no article with that id" : "internal error");
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < c.n_items; i++)
        json_array_append_new(arr, comment_json(&c.items[i], c.moderator));
    root = json_object();
    json_object_set_new(root, "comments", arr);
    json_object_set_new(root, "count", json_integer((json_int_t)c.count));
    web_api_send(resp, root);
    resp->cache_control = web_req_viewer(rq) ? "private, no-store" : "public, max-age=10";
}

/* ---- posting --------------------------------------------------------------------------- */

/* Posts a comment by the viewer; on failure fills resp and returns 0. */
static int post_comment(struct web_request *rq, struct web_response *resp, const char *article_id,
                        const char *raw, const char *parent_s, int64_t *id_out)
{
    const struct web_viewer *v = web_req_viewer(rq);
    const char *body, *why = NULL;
    int64_t now = web_req_now(rq), wait, parent = 0;
    char key[96];
    int dup = 0;
    store *st;
    herald_status rc;

    snprintf(key, sizeof(key), "post:u:%" PRId64, v->id);
    wait = web_ratelimit_hit(web_req_limits(rq), key, POSTS_PER_MINUTE_USER, 60, now);
    if (!wait) {
        snprintf(key, sizeof(key), "post:ip:%s", web_req_client(rq));
        wait = web_ratelimit_hit(web_req_limits(rq), key, POSTS_PER_MINUTE_ADDR, 60, now);
    }
    if (wait) {
        resp->retry_after = wait;
        web_error(rq, resp, 429, "You are posting too fast. Wait a minute and try again.");
        return 0;
    }
    body = clean_body(rq, raw, &why);
    if (!body) {
        web_error(rq, resp, 400, why);
        return 0;
    }
    if (parent_s && *parent_s && web_param_uint(parent_s, INT64_MAX / 2, 0, &parent)) {
        web_error(rq, resp, 400, "The reply's parent is not valid.");
        return 0;
    }
    if (!web_open_rw(rq, resp, &st))
        return 0;
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = store_comment_find_dup(st, v->id, article_id, body, now - DUP_WINDOW, &dup);
    if (rc == HERALD_OK && dup)
        rc = HERALD_E_EXISTS;
    if (rc == HERALD_OK)
        rc = store_comment_add(st, article_id, v->id, parent, body, now, id_out);
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    switch (rc) {
    case HERALD_OK:
        return 1;
    case HERALD_E_EXISTS:
        web_error(rq, resp, 409, "You already posted that here.");
        return 0;
    case HERALD_E_NOTFOUND:
        web_error(rq, resp, 404, "There is no article with that id.");
        return 0;
    case HERALD_E_INVALID:
        web_error(rq, resp, 400, "You cannot reply to that comment.");
        return 0;
    default:
        web_error(rq, resp, web_status_for(rc), "The comment could not be saved.");
        return 0;
    }
}

void web_comment_post(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *aid = web_route_param(r, "id");
    int64_t id = 0;
    if (post_comment(rq, resp, aid, web_req_form(rq, "body"), web_req_form(rq, "parent"), &id))
        back_to(rq, resp, aid, id);
}

void web_api_comment_post(struct web_request *rq, const struct web_route *r,
                          struct web_response *resp)
{
    json_t *j = web_req_json(rq), *b = j ? json_object_get(j, "body") : NULL;
    json_t *p = j ? json_object_get(j, "parent_id") : NULL;
    char parent[24] = "";
    int64_t id = 0;
    struct store_comment c;
    store *st;
    if (!json_is_string(b) || (p && !json_is_null(p) && !json_is_integer(p))) {
        web_api_error(resp, 400, "send {\"body\": string, \"parent_id\": integer or null}");
        return;
    }
    if (json_is_integer(p))
        snprintf(parent, sizeof(parent), "%" JSON_INTEGER_FORMAT, json_integer_value(p));
    if (!post_comment(rq, resp, web_route_param(r, "id"), json_string_value(b), parent, &id))
        return;
    store_comment_init(&c);
    if (web_req_store_rw(rq, &st) == HERALD_OK && store_comment_get(st, id, &c) == HERALD_OK) {
        struct web_comment w;
        memset(&w, 0, sizeof(w));
        w.id = c.id;
        w.parent_id = c.parent_id;
        w.depth = c.depth;
        w.author = c.user_name;
        w.body = c.body;
        w.created = c.created;
        w.edited = c.edited;
        web_api_send(resp, comment_json(&w, 0));
        resp->status = 201;
    } else {
        web_api_error(resp, 500, "the comment was saved but cannot be read back");
    }
    store_comment_release(&c);
}

/* ---- a reader's own comments ----------------------------------------------------------- */

/* Loads comment n for a change by its author: 403 for anyone else, or when deleted. */
static int own_comment(struct web_request *rq, struct web_response *resp, store *st,
                       const struct web_route *r, struct store_comment *c)
{
    if (!load_comment(rq, resp, st, r, c))
        return 0;
    if (c->user_id != web_req_viewer(rq)->id || c->state == STORE_COMMENT_DELETED) {
        web_error(rq, resp, 403, "That is not your comment.");
        return 0;
    }
    return 1;
}

static void edit_page(struct web_request *rq, struct web_response *resp, int status,
                      const struct store_comment *c, const char *text, const char *message)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct web_render_ctx ctx;
    struct strbuf b = STRBUF_INIT;
    strbuf_addf(&b, "<form method=\"post\" action=\"/comments/%" PRId64 "/edit\">", c->id);
    strbuf_adds(&b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    A(&b, v->csrf ? v->csrf : "");
    strbuf_adds(&b, "\"><label for=\"body\">Your comment</label><textarea id=\"body\" "
                    "name=\"body\" rows=\"6\" maxlength=\"5000\" required>");
    T(&b, text);
    strbuf_adds(&b,
                "</textarea><button type=\"submit\">Save</button></form><p><a href=\"/article/");
    A(&b, c->article_id);
    strbuf_addf(&b, "#c%" PRId64 "\">Back to the article</a></p>", c->id);
    web_req_render_ctx(rq, &ctx);
    ctx.path = NULL;
    strbuf_reset(&resp->body);
    resp->status = status;
    web_render_simple(&resp->body, &ctx, "Edit comment", message, b.buf);
    strbuf_release(&b);
}

/* Whether c is still within the edit window (403 page otherwise). */
static int in_window(struct web_request *rq, struct web_response *resp,
                     const struct store_comment *c)
{
    if (web_req_now(rq) - c->created > (int64_t)web_req_config(rq)->edit_window_s) {
        web_error(rq, resp, 403, "Comments can be edited only for 15 minutes after posting.");
        return 0;
    }
    return 1;
}

void web_comment_edit_form(struct web_request *rq, const struct web_route *r,
                           struct web_response *resp)
{
    struct store_comment c;
    store *st;
    store_comment_init(&c);
    if (web_req_store(rq, &st)) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    if (own_comment(rq, resp, st, r, &c) && in_window(rq, resp, &c))
        edit_page(rq, resp, 200, &c, c.body, NULL);
    store_comment_release(&c);
}

void web_comment_edit(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_comment c;
    const char *body, *why = NULL;
    store *st;
    herald_status rc;
    store_comment_init(&c);
    if (!web_open_rw(rq, resp, &st) || !own_comment(rq, resp, st, r, &c) ||
        !in_window(rq, resp, &c))
        goto out;
    body = clean_body(rq, web_req_form(rq, "body"), &why);
    if (!body) {
        edit_page(rq, resp, 400, &c, c.body, why);
        goto out;
    }
    rc = store_comment_edit(st, c.id, body, web_req_now(rq));
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The comment could not be saved.");
        goto out;
    }
    back_to(rq, resp, c.article_id, c.id);
out:
    store_comment_release(&c);
}

void web_comment_delete(struct web_request *rq, const struct web_route *r,
                        struct web_response *resp)
{
    struct store_comment c;
    store *st;
    store_comment_init(&c);
    if (!web_open_rw(rq, resp, &st) || !own_comment(rq, resp, st, r, &c))
        goto out;
    if (store_comment_set_state(st, c.id, STORE_COMMENT_DELETED)) {
        web_error(rq, resp, 503, "The comment could not be deleted.");
        goto out;
    }
    back_to(rq, resp, c.article_id, 0);
out:
    store_comment_release(&c);
}

void web_comment_report(struct web_request *rq, const struct web_route *r,
                        struct web_response *resp)
{
    const char *reason = web_req_form(rq, "reason");
    struct store_comment c;
    store *st;
    herald_status rc;
    store_comment_init(&c);
    if (!web_open_rw(rq, resp, &st) || !load_comment(rq, resp, st, r, &c))
        goto out;
    if (c.user_id == web_req_viewer(rq)->id) {
        web_error(rq, resp, 400, "You cannot report your own comment.");
        goto out;
    }
    if (reason && strlen(reason) > REASON_MAX) {
        web_error(rq, resp, 400, "The reason is too long.");
        goto out;
    }
    rc = store_comment_report(st, c.id, web_req_viewer(rq)->id, reason, web_req_now(rq));
    if (rc && rc != HERALD_E_EXISTS) {
        web_error(rq, resp, web_status_for(rc), "The report could not be saved.");
        goto out;
    }
    if (is_api(r)) {
        web_api_send(resp, json_pack("{s:b}", "reported", 1));
        goto out;
    }
    back_to(rq, resp, c.article_id, c.id);
out:
    store_comment_release(&c);
}

/* ---- moderators ------------------------------------------------------------------------ */

void web_comment_moderate(struct web_request *rq, const struct web_route *r,
                          struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    const char *action = r->def->name; /* comment_hide, comment_unhide, ... */
    struct store_comment c;
    char target[48];
    store *st;
    herald_status rc;
    store_comment_init(&c);
    if (!web_open_rw(rq, resp, &st) || !load_comment(rq, resp, st, r, &c))
        goto out;
    if (c.state == STORE_COMMENT_DELETED) {
        web_error(rq, resp, 409, "That comment was deleted.");
        goto out;
    }
    action += strlen("comment_");
    snprintf(target, sizeof(target), "comment %" PRId64, c.id);
    rc = store_tx_begin(st);
    if (rc == HERALD_OK) {
        if (strcmp(action, "hide") == 0)
            rc = store_comment_set_state(st, c.id, STORE_COMMENT_HIDDEN);
        else if (strcmp(action, "unhide") == 0)
            rc = store_comment_set_state(st, c.id, STORE_COMMENT_VISIBLE);
        else if (strcmp(action, "remove") == 0)
            rc = store_comment_set_state(st, c.id, STORE_COMMENT_DELETED);
        else
            rc = store_comment_resolve_reports(st, c.id);
    }
    if (rc == HERALD_OK && strcmp(action, "hide") == 0)
        rc = store_comment_resolve_reports(st, c.id);
    if (rc == HERALD_OK)
        rc = store_audit_add(st, v->id, v->name, action, target, c.body, web_req_now(rq));
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The action failed.");
        goto out;
    }
    if (web_req_form(rq, "from") && strcmp(web_req_form(rq, "from"), "queue") == 0)
        web_redirect(rq, resp, "/moderation");
    else
        back_to(rq, resp, c.article_id, c.id);
out:
    store_comment_release(&c);
}

void web_user_ban(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    int ban = strcmp(r->def->name, "user_ban") == 0;
    int64_t id = web_route_param_int(r, "n");
    struct store_user u;
    char target[48];
    store *st;
    herald_status rc;
    store_user_init(&u);
    if (!web_open_rw(rq, resp, &st))
        return;
    rc = store_user_get(st, id, &u);
    if (rc) {
        web_error(rq, resp, rc == HERALD_E_NOTFOUND ? 404 : 503, "There is no such user.");
        goto out;
    }
    /* nobody bans themselves or someone of their own rank or above; admins ban moderators */
    if (u.id == v->id || u.role >= v->role) {
        web_error(rq, resp, 403, "You cannot ban or unban that user.");
        goto out;
    }
    snprintf(target, sizeof(target), "user %" PRId64, u.id);
    rc = store_tx_begin(st);
    if (rc == HERALD_OK)
        rc = store_user_set_banned(st, u.id, ban);
    if (rc == HERALD_OK)
        rc = store_audit_add(st, v->id, v->name, ban ? "ban" : "unban", target, u.name,
                             web_req_now(rq));
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    if (rc) {
        web_error(rq, resp, web_status_for(rc), "The action failed.");
        goto out;
    }
    web_redirect(rq, resp, v->role >= STORE_ROLE_ADMIN ? "/admin/users" : "/moderation");
out:
    store_user_release(&u);
}

void web_moderation(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const struct web_viewer *v = web_req_viewer(rq);
    struct store_comment_list q = {0};
    struct store_audit_list log = {0};
    struct web_render_ctx ctx;
    struct strbuf b = STRBUF_INIT;
    store *st;
    (void)r;
    if (web_req_store(rq, &st) || store_comment_queue(st, &q) || store_audit_list(st, 50, &log)) {
        store_comment_list_release(&q);
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    ctx.path = NULL;
    strbuf_adds(&b, "<h2>Reported comments</h2>");
    if (!q.count)
        strbuf_adds(&b, "<p class=\"empty\">Nothing to review.</p>");
    else
        strbuf_adds(&b, "<ol class=\"queue\">");
    for (size_t i = 0; i < q.count; i++) {
        const struct store_comment *c = &q.items[i];
        static const char *const acts[][2] = {
            {"hide", "Hide"}, {"remove", "Delete"}, {"dismiss", "Dismiss reports"}};
        strbuf_addf(&b, "<li id=\"q%" PRId64 "\"><p class=\"meta\">", c->id);
        if (c->user_name)
            T(&b, c->user_name);
        else
            strbuf_adds(&b, "<em>deleted user</em>");
        strbuf_addf(&b, " \xc2\xb7 %d report%s \xc2\xb7 <a href=\"/article/", c->reports,
                    c->reports == 1 ? "" : "s");
        A(&b, c->article_id);
        strbuf_addf(&b, "#c%" PRId64 "\">in context</a></p><div class=\"text\">", c->id);
        web_render_comment_text(&b, c->body);
        strbuf_adds(&b, "</div>");
        for (size_t k = 0; k < 3; k++) {
            if (c->state == STORE_COMMENT_HIDDEN && k == 0)
                continue;
            strbuf_addf(&b,
                        "<form class=\"inline\" method=\"post\" action=\"/comments/%" PRId64
                        "/%s\"><input type=\"hidden\" name=\"from\" value=\"queue\">"
                        "<input type=\"hidden\" name=\"csrf\" value=\"",
                        c->id, acts[k][0]);
            A(&b, v->csrf ? v->csrf : "");
            strbuf_addf(&b, "\"><button type=\"submit\">%s</button></form>", acts[k][1]);
        }
        strbuf_adds(&b, "</li>");
    }
    if (q.count)
        strbuf_adds(&b, "</ol>");
    strbuf_adds(&b, "<h2>Audit log</h2>");
    if (!log.count)
        strbuf_adds(&b, "<p class=\"empty\">No moderator actions yet.</p>");
    else
        strbuf_adds(&b, "<ol class=\"audit\">");
    for (size_t i = 0; i < log.count; i++) {
        strbuf_adds(&b, "<li>");
        web_render_put_time(&b, &ctx, log.items[i].at);
        strbuf_adds(&b, " <strong>");
        T(&b, log.items[i].actor);
        strbuf_adds(&b, "</strong> ");
        T(&b, log.items[i].action);
        strbuf_adds(&b, " ");
        T(&b, log.items[i].target);
        strbuf_adds(&b, "</li>");
    }
    if (log.count)
        strbuf_adds(&b, "</ol>");
    strbuf_reset(&resp->body);
    web_render_simple(&resp->body, &ctx, "Moderation", NULL, b.buf);
    strbuf_release(&b);
    store_comment_list_release(&q);
    store_audit_list_release(&log);
}

/* ---- reading state --------------------------------------------------------------------- */

static herald_status set_flag(struct web_request *rq, const char *article_id, int flag, int on)
{
    store *st;
    herald_status rc = web_req_store_rw(rq, &st);
    if (rc)
        return rc;
    return store_reading_set(st, web_req_viewer(rq)->id, article_id, flag, on, web_req_now(rq));
}

void web_reading_set(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    const char *what = r->def->name; /* article_save, article_unsave, ... */
    const char *aid = web_route_param(r, "id");
    int saved = strstr(what, "save") != NULL;
    int on = strstr(what, "_un") == NULL;
    herald_status rc = set_flag(rq, aid, saved ? STORE_READING_SAVED : STORE_READING_READ, on);
    if (rc) {
        web_error(rq, resp, rc == HERALD_E_NOTFOUND ? 404 : web_status_for(rc),
                  rc == HERALD_E_NOTFOUND ? "There is no article with that id."
                                          : "That could not be saved.");
        return;
    }
    back_to(rq, resp, aid, 0);
}

void web_api_article_state(struct web_request *rq, const struct web_route *r,
                           struct web_response *resp)
{
    json_t *j = web_req_json(rq), *sv = j ? json_object_get(j, "saved") : NULL;
    json_t *rd = j ? json_object_get(j, "read") : NULL;
    const char *aid = web_route_param(r, "id");
    herald_status rc = HERALD_OK;
    store *st;
    int flags = 0;
    if (!json_is_object(j) || (sv && !json_is_boolean(sv)) || (rd && !json_is_boolean(rd)) ||
        (!sv && !rd)) {
        web_api_error(resp, 400, "send {\"saved\": boolean, \"read\": boolean} (either or both)");
        return;
    }
    if (web_req_store_rw(rq, &st)) {
        web_api_error(resp, 503, "the database is not available");
        return;
    }
    rc = store_tx_begin(st);
    if (rc == HERALD_OK && sv)
        rc = store_reading_set(st, web_req_viewer(rq)->id, aid, STORE_READING_SAVED,
                               json_is_true(sv), web_req_now(rq));
    if (rc == HERALD_OK && rd)
        rc = store_reading_set(st, web_req_viewer(rq)->id, aid, STORE_READING_READ,
                               json_is_true(rd), web_req_now(rq));
    if (rc == HERALD_OK)
        rc = store_tx_commit(st);
    else
        store_tx_rollback(st);
    if (rc == HERALD_OK)
        rc = store_reading_get(st, web_req_viewer(rq)->id, aid, &flags);
    if (rc) {
        web_api_error(resp, rc == HERALD_E_NOTFOUND ? 404 : web_status_for(rc),
                      rc == HERALD_E_NOTFOUND ? "no article with that id" : "internal error");
        return;
    }
    web_api_send(resp,
                 json_pack("{s:s,s:b,s:b}", "id", aid, "saved", (flags & STORE_READING_SAVED) != 0,
                           "read", (flags & STORE_READING_READ) != 0));
}

/* The viewer's saved articles into out. */
static herald_status saved_list(struct web_request *rq, store *st, struct web_list *out)
{
    char **ids = NULL;
    size_t n = 0;
    herald_status rc = store_saved_list(st, web_req_viewer(rq)->id, &ids, &n);
    if (rc)
        return rc;
    web_data_items(st, web_req_arena(rq), ids, n, out);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return HERALD_OK;
}

void web_saved(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_render_ctx ctx;
    struct web_list l;
    struct strbuf b = STRBUF_INIT;
    store *st;
    (void)r;
    if (!web_req_viewer(rq)) {
        web_redirect(rq, resp, "/signin?next=/saved");
        return;
    }
    if (web_req_store(rq, &st) || saved_list(rq, st, &l)) {
        web_error(rq, resp, 503, "The database is not available right now.");
        return;
    }
    web_req_render_ctx(rq, &ctx);
    ctx.path = NULL;
    if (!l.n_items)
        strbuf_adds(&b, "<p class=\"empty\">Nothing saved yet. Use \"Save for later\" on an "
                        "article.</p>");
    else
        strbuf_adds(&b, "<ul class=\"saved\">");
    for (size_t i = 0; i < l.n_items; i++) {
        strbuf_adds(&b, "<li><a href=\"/article/");
        A(&b, l.items[i].id);
        strbuf_adds(&b, "\">");
        T(&b, l.items[i].title ? l.items[i].title : "(untitled)");
        strbuf_adds(&b, "</a> <span class=\"source\">");
        T(&b, l.items[i].source_name ? l.items[i].source_name : "");
        strbuf_adds(&b, "</span></li>");
    }
    if (l.n_items)
        strbuf_adds(&b, "</ul>");
    strbuf_reset(&resp->body);
    web_render_simple(&resp->body, &ctx, "Saved articles", NULL, b.buf);
    strbuf_release(&b);
}

void web_api_saved(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct web_list l;
    json_t *arr, *root;
    store *st;
    (void)r;
    if (web_req_store(rq, &st) || saved_list(rq, st, &l)) {
        web_api_error(resp, 503, "the database is not available");
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < l.n_items; i++)
        json_array_append_new(arr, json_pack("{s:s,s:o,s:o}", "id", l.items[i].id, "title",
                                             jstr(l.items[i].title), "source",
                                             jstr(l.items[i].source_name)));
    root = json_object();
    json_object_set_new(root, "articles", arr);
    web_api_send(resp, root);
}
