/*
 * test_api_schema.c - checks real responses of the JSON API against docs/openapi.json.
 *
 * A small OpenAPI 3.0 schema validator over jansson: $ref (local), type, nullable,
 * required, properties, additionalProperties: false, items, enum, pattern-free string
 * formats (date-time checked as RFC 3339 UTC), minimum/maximum for integers.  Each
 * request names the documented path; the response's status must be documented for that
 * operation, and its body must validate against that status's schema.  Every documented
 * path and every documented status of each path must be exercised at least once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "fixture.h"
#include "httpc.h"
#include "testutil.h"
#include "store/store_users.h"
#include "users/users.h"
#include "web/server.h"

static json_t *spec;
static char *dir, *db;
static web_server *srv;
static unsigned port;
static struct fixture_ids ids;
static json_t *exercised;        /* { "path": { "status": true } } */
static const char *check_header; /* one more request header for check(), or NULL */
static const char *post_type;    /* the Content-Type of check_op's POSTs; NULL: JSON */

static int setup(void **state)
{
    struct web_config cfg;
    char *path = test_source_path("docs/openapi.json");
    json_error_t err;
    (void)state;
    spec = json_load_file(path, 0, &err);
    free(path);
    if (!spec) {
        fprintf(stderr, "docs/openapi.json: %s (line %d)\n", err.text, err.line);
        return -1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture_tmp_db(&dir, &db);
    if (fixture_build(db, time_now(), &ids) != HERALD_OK)
        return -1;
    fixture_web_config(&cfg, db);
    cfg.access_log = stderr;
    port = fixture_serve(&cfg, &srv);
    exercised = json_object();
    return port ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    web_server_free(srv);
    fixture_tmp_release(dir, db);
    json_decref(spec);
    json_decref(exercised);
    curl_global_cleanup();
    return 0;
}

/* ---- the validator ----------------------------------------------------------------- */

static json_t *resolve(json_t *schema)
{
    const char *ref = json_string_value(json_object_get(schema, "$ref"));
    const char *prefix = "#/components/schemas/";
    if (!ref)
        return schema;
    if (strncmp(ref, prefix, strlen(prefix)) != 0)
        fail_msg("unsupported $ref %s", ref);
    schema = json_object_get(json_object_get(json_object_get(spec, "components"), "schemas"),
                             ref + strlen(prefix));
    if (!schema)
        fail_msg("dangling $ref %s", ref);
    return resolve(schema);
}

static int is_rfc3339_utc(const char *s)
{
    /* YYYY-MM-DDTHH:MM:SSZ */
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof(shape) - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    return 1;
}

/* Appends problems to errs ("where: what\n"); returns the number found. */
static int validate(json_t *v, json_t *schema, const char *where, struct strbuf *errs)
{
    const char *type;
    int bad = 0;
    char sub[512];

    schema = resolve(schema);
    type = json_string_value(json_object_get(schema, "type"));
    if (json_is_null(v)) {
        if (json_is_true(json_object_get(schema, "nullable")))
            return 0;
        strbuf_addf(errs, "%s: null but not nullable\n", where);
        return 1;
    }
    if (!type)
        return 0;
    if (strcmp(type, "object") == 0) {
        json_t *props = json_object_get(schema, "properties"), *req, *x;
        const char *k;
        size_t i;
        if (!json_is_object(v)) {
            strbuf_addf(errs, "%s: not an object\n", where);
            return 1;
        }
        req = json_object_get(schema, "required");
        json_array_foreach(req, i, x)
        {
            if (!json_object_get(v, json_string_value(x))) {
                strbuf_addf(errs, "%s: missing required %s\n", where, json_string_value(x));
                bad++;
            }
        }
        json_object_foreach(v, k, x)
        {
            json_t *ps = json_object_get(props, k);
            snprintf(sub, sizeof(sub), "%s.%s", where, k);
            if (ps)
                bad += validate(x, ps, sub, errs);
            else if (json_is_false(json_object_get(schema, "additionalProperties"))) {
                strbuf_addf(errs, "%s: undocumented property\n", sub);
                bad++;
            }
        }
    } else if (strcmp(type, "array") == 0) {
        size_t i;
        json_t *x;
        if (!json_is_array(v)) {
            strbuf_addf(errs, "%s: not an array\n", where);
            return 1;
        }
        json_array_foreach(v, i, x)
        {
            snprintf(sub, sizeof(sub), "%s[%zu]", where, i);
            bad += validate(x, json_object_get(schema, "items"), sub, errs);
        }
    } else if (strcmp(type, "string") == 0) {
        json_t *en = json_object_get(schema, "enum"), *x;
        const char *fmt = json_string_value(json_object_get(schema, "format"));
        size_t i;
        int found = 0;
        if (!json_is_string(v)) {
            strbuf_addf(errs, "%s: not a string\n", where);
            return 1;
        }
        if (fmt && strcmp(fmt, "date-time") == 0 && !is_rfc3339_utc(json_string_value(v))) {
            strbuf_addf(errs, "%s: not an RFC 3339 UTC time: %s\n", where, json_string_value(v));
            bad++;
        }
        if (en) {
            json_array_foreach(en, i, x)
            {
                if (json_equal(x, v))
                    found = 1;
            }
            if (!found) {
                strbuf_addf(errs, "%s: %s not in enum\n", where, json_string_value(v));
                bad++;
            }
        }
    } else if (strcmp(type, "integer") == 0) {
        if (!json_is_integer(v)) {
            strbuf_addf(errs, "%s: not an integer\n", where);
            return 1;
        }
    } else if (strcmp(type, "number") == 0) {
        if (!json_is_number(v)) {
            strbuf_addf(errs, "%s: not a number\n", where);
            return 1;
        }
    } else if (strcmp(type, "boolean") == 0) {
        if (!json_is_boolean(v)) {
            strbuf_addf(errs, "%s: not a boolean\n", where);
            return 1;
        }
    } else {
        fail_msg("unsupported schema type %s", type);
    }
    return bad;
}

/* The key under which exercised records the statuses seen for method on doc_path: the path
 * itself for GET, "POST /path" for a POST-only path. */
static void exercised_key(const char *method, const char *doc_path, char *key, size_t n)
{
    snprintf(key, n, "%s%s%s", method ? method : "", method ? " " : "", doc_path);
}

/* The operation documented for a path: its GET, or its POST when it has no GET (a POST-only
 * path such as /api/v1/articles/{id}/state).  *method is NULL for GET, else "POST". */
static json_t *path_op(json_t *path_item, const char **method)
{
    json_t *op = json_object_get(path_item, "get");
    *method = NULL;
    if (!op) {
        op = json_object_get(path_item, "post");
        if (op)
            *method = "POST";
    }
    return op;
}

/* Sends request (a concrete URL) documented under spec path doc_path: a GET when body is
 * NULL, else a POST of body as application/json (to a path documented with a POST).
 * Checks the status is documented for that operation and the response body matches its
 * schema.  Returns the parsed body (caller frees). */
static json_t *check_op(const char *doc_path, const char *request, const char *post_body,
                        long want_status)
{
    struct httpc_resp r;
    json_t *op, *resp, *schema, *body, *seen;
    struct strbuf errs = STRBUF_INIT;
    char status[8], key[160];
    json_error_t jerr;
    const char *method = post_body ? "POST" : NULL;
    json_t *item = json_object_get(json_object_get(spec, "paths"), doc_path);

    op = json_object_get(item, post_body ? "post" : "get");
    if (!op)
        fail_msg("%s %s is not documented", post_body ? "POST" : "GET", doc_path);
    if (post_body) {
        const char *hdrs[] = {post_type ? post_type : "Content-Type: application/json",
                              check_header, NULL};
        httpc_send(port, "POST", request, hdrs, post_body, (size_t)-1, 0, &r);
    } else {
        const char *hdrs[] = {check_header, NULL};
        httpc_do(port, NULL, request, check_header ? hdrs : NULL, 0, &r);
    }
    if (r.status != want_status)
        fail_msg("%s: status %ld, want %ld: %s", request, r.status, want_status, r.body.buf);
    snprintf(status, sizeof(status), "%ld", r.status);
    resp = json_object_get(json_object_get(op, "responses"), status);
    if (!resp)
        fail_msg("%s: status %s is not documented for %s", request, status, doc_path);
    schema = json_object_get(json_object_get(json_object_get(resp, "content"), "application/json"),
                             "schema");
    assert_non_null(schema);
    body = json_loads(r.body.buf, 0, &jerr);
    if (!body)
        fail_msg("%s: body is not JSON: %s", request, jerr.text);
    if (validate(body, schema, "$", &errs))
        fail_msg("%s does not match the schema of %s %s:\n%s", request, doc_path, status, errs.buf);
    /* a GET is recorded under the path; a POST only where the path has no GET (the
     * comments POST is checked by test_readers) */
    if (!post_body || !json_object_get(item, "get")) {
        exercised_key(method, doc_path, key, sizeof(key));
        seen = json_object_get(exercised, key);
        if (!seen) {
            seen = json_object();
            json_object_set_new(exercised, key, seen);
        }
        json_object_set_new(seen, status, json_true());
    }
    strbuf_release(&errs);
    httpc_release(&r);
    return body;
}

static json_t *check(const char *doc_path, const char *request, long want_status)
{
    return check_op(doc_path, request, NULL, want_status);
}

static void run_post(const char *doc_path, const char *request, const char *body, long want)
{
    json_decref(check_op(doc_path, request, body, want));
}

static void run(const char *doc_path, const char *request, long want_status)
{
    json_decref(check(doc_path, request, want_status));
}

/* ---- the tests ------------------------------------------------------------------- */

static void test_validator_rejects(void **state)
{
    /* the validator itself must catch wrong types, missing fields and extra fields */
    struct strbuf errs = STRBUF_INIT;
    json_t *schema = json_pack("{s:s}", "$ref", "#/components/schemas/Source");
    json_t *good =
        json_pack("{s:i,s:s,s:n,s:n,s:n,s:i,s:i,s:n}", "id", 1, "name", "A", "homepage", "language",
                  "copyright", "article_count", 0, "feed_count", 0, "latest");
    json_t *wrong = json_pack("{s:s,s:s,s:n,s:n,s:n,s:i,s:i,s:s,s:i}", "id", "1", "name", "A",
                              "homepage", "language", "copyright", "article_count", 0, "feed_count",
                              0, "latest", "yesterday", "extra", 1);
    (void)state;
    assert_int_equal(validate(good, schema, "$", &errs), 0);
    assert_int_equal(validate(wrong, schema, "$", &errs), 3);
    json_object_del(good, "name");
    assert_int_equal(validate(good, schema, "$", &errs), 1);
    json_decref(schema);
    json_decref(good);
    json_decref(wrong);
    strbuf_release(&errs);
}

static void test_articles(void **state)
{
    json_t *b;
    char req[256];
    const char *cursor;
    (void)state;
    b = check("/api/v1/articles", "/api/v1/articles?limit=3", 200);
    assert_int_equal(json_array_size(json_object_get(b, "articles")), 3);
    cursor = json_string_value(json_object_get(b, "next_cursor"));
    assert_non_null(cursor);
    snprintf(req, sizeof(req), "/api/v1/articles?limit=3&cursor=%s", cursor);
    json_decref(b);
    run("/api/v1/articles", req, 200);
    run("/api/v1/articles", "/api/v1/articles", 200);
    run("/api/v1/articles", "/api/v1/articles?q=cyber", 200);
    run("/api/v1/articles", "/api/v1/articles?language=en&since=2020-01-01&until=2099-12-31", 200);
    snprintf(req, sizeof(req), "/api/v1/articles?source=%lld", (long long)ids.evil_source);
    run("/api/v1/articles", req, 200);
    run("/api/v1/articles", "/api/v1/articles?until=1999-01-01", 200);
    run("/api/v1/articles", "/api/v1/articles?limit=abc", 400);
    run("/api/v1/articles", "/api/v1/articles?q=%22open", 400);
    run("/api/v1/articles", "/api/v1/articles?after=zz", 400);
    run("/api/v1/articles", "/api/v1/articles?after=1.2", 400);
    run("/api/v1/articles", "/api/v1/articles?q=cyber&after=1.2", 400);
    {
        /* back with prev_cursor: the same page as the first, and nothing newer than it */
        json_t *p1 = check("/api/v1/articles", "/api/v1/articles?limit=3", 200), *p2, *back;
        char *c2;
        assert_true(json_is_null(json_object_get(p1, "prev_cursor")));
        snprintf(req, sizeof(req), "/api/v1/articles?limit=3&cursor=%s",
                 json_string_value(json_object_get(p1, "next_cursor")));
        p2 = check("/api/v1/articles", req, 200);
        c2 = xstrdup(json_string_value(json_object_get(p2, "prev_cursor")));
        snprintf(req, sizeof(req), "/api/v1/articles?limit=3&after=%s", c2);
        back = check("/api/v1/articles", req, 200);
        assert_true(json_equal(json_object_get(back, "articles"), json_object_get(p1, "articles")));
        assert_true(json_is_null(json_object_get(back, "prev_cursor")));
        assert_string_equal(json_string_value(json_object_get(back, "next_cursor")),
                            json_string_value(json_object_get(p1, "next_cursor")));
        snprintf(req, sizeof(req), "/api/v1/articles?limit=3&after=%s&cursor=%s", c2, c2);
        run("/api/v1/articles", req, 400);
        free(c2);
        json_decref(p1);
        json_decref(p2);
        json_decref(back);
    }
}

static void test_article(void **state)
{
    char req[128];
    json_t *b;
    (void)state;
    snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.czech);
    b = check("/api/v1/articles/{id}", req, 200);
    assert_true(json_array_size(json_object_get(b, "related_ids")) >= 1);
    /* authors is an array of names: one, two, or none */
    assert_int_equal(json_array_size(json_object_get(b, "authors")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(b, "authors"), 0)),
                        "Jana Novak");
    json_decref(b);
    snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.seafood);
    b = check("/api/v1/articles/{id}", req, 200);
    assert_int_equal(json_array_size(json_object_get(b, "authors")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(b, "authors"), 0)),
                        "Mari Yamaguchi");
    assert_string_equal(json_string_value(json_array_get(json_object_get(b, "authors"), 1)),
                        "Ken Moritsugu");
    {
        /* an article without authors: [] (the related list names one) */
        json_t *x;
        size_t i;
        int empty = 0;
        json_array_foreach(json_object_get(b, "related"), i, x)
        {
            json_t *a;
            snprintf(req, sizeof(req), "/api/v1/articles/%s",
                     json_string_value(json_object_get(x, "id")));
            a = check("/api/v1/articles/{id}", req, 200);
            empty += json_is_array(json_object_get(a, "authors")) &&
                     json_array_size(json_object_get(a, "authors")) == 0;
            json_decref(a);
        }
        assert_true(empty >= 1);
    }
    json_decref(b);
    snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.hostile);
    run("/api/v1/articles/{id}", req, 200);
    run("/api/v1/articles/{id}", "/api/v1/articles/0123456789abcdef0123456789abcdef", 404);
}

static void test_ai(void **state)
{
    char req[160];
    json_t *b, *ai;
    (void)state;
    snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.czech);
    b = check("/api/v1/articles/{id}", req, 200);
    ai = json_object_get(b, "ai");
    assert_true(json_is_object(ai));
    assert_int_equal(json_array_size(json_object_get(ai, "entities")), 3);
    json_decref(b);
    snprintf(req, sizeof(req), "/api/v1/articles/%s/ask?q=ambassador", ids.czech);
    json_decref(check("/api/v1/articles/{id}/ask", req, 200));
    snprintf(req, sizeof(req), "/api/v1/articles/%s/ask?q=", ids.czech);
    run("/api/v1/articles/{id}/ask", req, 400);
    run("/api/v1/articles/{id}/ask", "/api/v1/articles/0123456789abcdef0123456789abcdef/ask?q=who",
        404);
    b = check("/api/v1/entities/{slug}", "/api/v1/entities/nato", 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(b, "entity"), "name")),
                        "NATO");
    assert_int_equal(json_array_size(json_object_get(b, "articles")), 1);
    /* the story of the one article mentioning it */
    assert_int_equal(json_array_size(json_object_get(b, "stories")), 1);
    assert_true(json_integer_value(json_object_get(json_array_get(json_object_get(b, "stories"), 0),
                                                   "size")) >= 1);
    json_decref(b);
    run("/api/v1/entities/{slug}", "/api/v1/entities/nato?limit=1", 200);
    run("/api/v1/entities/{slug}", "/api/v1/entities/nato?cursor=%3C", 400);
    run("/api/v1/entities/{slug}", "/api/v1/entities/nobody", 404);
}

static void test_lists_and_search(void **state)
{
    (void)state;
    run("/api/v1/sources", "/api/v1/sources", 200);
    run("/api/v1/feeds", "/api/v1/feeds", 200);
    run("/api/v1/health", "/api/v1/health", 200);
    run("/api/v1", "/api/v1", 200);
    run("/api/v1", "/api/v1/", 200);
    run("/api/v1/openapi.json", "/api/v1/openapi.json", 200);
    run("/api/v1/search", "/api/v1/search?q=seafood", 200);
    run("/api/v1/search", "/api/v1/search?q=%22foreign%20ministry%22&limit=1", 200);
    run("/api/v1/search", "/api/v1/search?q=nothingmatchesthis", 200);
    run("/api/v1/search", "/api/v1/search?q=china&sort=date&limit=1", 200);
    run("/api/v1/search", "/api/v1/search?q=china&cursor=zz", 400);
    run("/api/v1/articles", "/api/v1/articles?q=china&limit=1", 200);
    run("/api/v1/search", "/api/v1/search?q=", 400);
    run("/api/v1/search", "/api/v1/search?q=china&since=never", 400);
}

static void test_stories(void **state)
{
    char req[128];
    json_t *b, *list;
    (void)state;
    b = check("/api/v1/stories", "/api/v1/stories", 200);
    list = json_object_get(b, "stories");
    assert_true(json_array_size(list) >= 1);
    snprintf(req, sizeof(req), "/api/v1/stories/%lld",
             (long long)json_integer_value(json_object_get(json_array_get(list, 0), "id")));
    json_decref(b);
    b = check("/api/v1/stories/{id}", req, 200);
    assert_true(json_array_size(json_object_get(b, "articles")) >= 1);
    json_decref(b);
    run("/api/v1/stories", "/api/v1/stories?limit=abc", 400);
    run("/api/v1/stories/{id}", "/api/v1/stories/999999", 404);
}

static void test_no_database(void **state)
{
    /* 503 from a server whose database does not exist, on every path */
    struct web_config cfg;
    web_server *s2;
    unsigned saved = port;
    char missing[512];
    (void)state;
    snprintf(missing, sizeof(missing), "%s/missing.db", dir);
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = missing;
    cfg.threads = 1;
    cfg.access_log = stderr;
    assert_int_equal(web_server_start(&cfg, &s2), HERALD_OK);
    port = web_server_port(s2);
    run("/api/v1/articles", "/api/v1/articles", 503);
    run("/api/v1/articles/{id}", "/api/v1/articles/0123456789abcdef0123456789abcdef", 503);
    run("/api/v1/sources", "/api/v1/sources", 503);
    run("/api/v1/feeds", "/api/v1/feeds", 503);
    run("/api/v1/health", "/api/v1/health", 503);
    run("/api/v1/search", "/api/v1/search?q=x", 503);
    run("/api/v1/stories", "/api/v1/stories", 503);
    run("/api/v1/stories/{id}", "/api/v1/stories/1", 503);
    run("/api/v1/articles/{id}/ask", "/api/v1/articles/0123456789abcdef0123456789abcdef/ask?q=x",
        503);
    run("/api/v1/entities/{slug}", "/api/v1/entities/nato", 503);
    port = saved;
    web_server_free(s2);
}

static void test_methods(void **state)
{
    /* 405 is documented for every path: check it, with curl's custom method */
    json_t *paths = json_object_get(spec, "paths"), *seen;
    const char *p;
    json_t *v;
    (void)state;
    json_object_foreach(paths, p, v)
    {
        struct httpc_resp r;
        struct strbuf errs = STRBUF_INIT;
        char req[128], key[160];
        const char *method;
        json_t *body, *schema;
        snprintf(req, sizeof(req), "%s", p);
        if (strstr(req, "{id}/state"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s/state", ids.czech);
        else if (strstr(req, "{id}/ask"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s/ask", ids.czech);
        else if (strstr(req, "/stories/{id}"))
            snprintf(req, sizeof(req), "/api/v1/stories/1");
        else if (strstr(req, "{id}"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.czech);
        else if (strstr(req, "{slug}"))
            snprintf(req, sizeof(req), "/api/v1/entities/nato");
        httpc_do(port, "PUT", req, NULL, 0, &r);
        assert_int_equal(r.status, 405);
        schema = json_object_get(
            json_object_get(
                json_object_get(json_object_get(path_op(v, &method), "responses"), "405"),
                "content"),
            "application/json");
        assert_non_null(schema);
        body = json_loads(r.body.buf, 0, NULL);
        assert_non_null(body);
        assert_int_equal(validate(body, json_object_get(schema, "schema"), "$", &errs), 0);
        json_decref(body);
        strbuf_release(&errs);
        httpc_release(&r);
        exercised_key(method, p, key, sizeof(key));
        seen = json_object_get(exercised, key);
        if (seen)
            json_object_set_new(seen, "405", json_true());
    }
}

/* Every endpoint takes only its documented query parameters: an unknown one is a 400 with
 * the parameter named, before the handler, the page cache or the sign-in checks; the API
 * index lists what each endpoint takes. */
static void test_unknown_params(void **state)
{
    json_t *paths = json_object_get(spec, "paths"), *v, *idx, *e;
    const char *p;
    size_t i;
    int articles_listed = 0;
    (void)state;
    json_object_foreach(paths, p, v)
    {
        char req[160];
        const char *method;
        json_t *body;
        snprintf(req, sizeof(req), "%s", p);
        if (strstr(req, "{id}/state"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s/state", ids.czech);
        else if (strstr(req, "{id}/ask"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s/ask", ids.czech);
        else if (strstr(req, "{id}/comments"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s/comments", ids.czech);
        else if (strstr(req, "/stories/{id}"))
            snprintf(req, sizeof(req), "/api/v1/stories/1");
        else if (strstr(req, "{id}"))
            snprintf(req, sizeof(req), "/api/v1/articles/%s", ids.czech);
        else if (strstr(req, "{slug}"))
            snprintf(req, sizeof(req), "/api/v1/entities/nato");
        /* the first unknown one is named */
        strncat(req, "?nosuch=1&other=2", sizeof(req) - strlen(req) - 1);
        path_op(v, &method);
        body = check_op(p, req, method ? "{}" : NULL, 400);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(body, "error"), "message")),
            "unknown query parameter: nosuch");
        json_decref(body);
    }
    /* cached endpoints too: a cached 200 does not hide the 400 */
    run("/api/v1/openapi.json", "/api/v1/openapi.json", 200);
    run("/api/v1/openapi.json", "/api/v1/openapi.json?v=2", 400);
    /* a control byte in the name is not echoed */
    idx = check("/api/v1/sources", "/api/v1/sources?%01x%22=1", 400);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(idx, "error"), "message")),
        "unknown query parameter: ?x\"");
    json_decref(idx);
    /* a known one beside it does not help; the known ones alone work */
    run("/api/v1/articles", "/api/v1/articles?limit=2&nosuch=1", 400);
    run("/api/v1/articles", "/api/v1/articles?limit=2&language=en&since=2020-01-01", 200);
    run("/api/v1/stories", "/api/v1/stories?limit=2", 200);
    /* the index names each endpoint's parameters */
    idx = check("/api/v1", "/api/v1", 200);
    json_array_foreach(json_object_get(idx, "endpoints"), i, e)
    {
        json_t *ps = json_object_get(e, "params"), *x;
        size_t k;
        int after = 0, limit = 0;
        if (strcmp(json_string_value(json_object_get(e, "path")), "/api/v1/articles") != 0)
            continue;
        json_array_foreach(ps, k, x)
        {
            after |= strcmp(json_string_value(x), "after") == 0;
            limit |= strcmp(json_string_value(x), "limit") == 0;
        }
        assert_true(after && limit);
        articles_listed = 1;
    }
    assert_true(articles_listed);
    json_decref(idx);
}

/* The readers' endpoints: comments (anyone), saved articles (a personal API token). */
static void test_readers_api(void **state)
{
    char req[160], token[USERS_TOKEN_LEN + 1], hash[USERS_TOKEN_LEN + 1], auth[96];
    char csrf[USERS_CSRF_LEN + 1];
    int64_t uid = 0, c1 = 0;
    store *st = NULL;
    json_t *b;
    (void)state;
    users_init();
    users_token_new(token);
    users_token_hash(token, hash);
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    assert_int_equal(store_user_add(st, "schema <reader>", NULL, "not-a-real-hash",
                                    STORE_ROLE_READER, time_now(), &uid),
                     HERALD_OK);
    assert_int_equal(store_token_add(st, uid, hash, "schema", time_now(), NULL), HERALD_OK);
    assert_int_equal(store_comment_add(st, ids.czech, uid, 0, "top", time_now(), &c1), HERALD_OK);
    assert_int_equal(store_comment_add(st, ids.czech, uid, c1, "reply", time_now(), NULL),
                     HERALD_OK);
    assert_int_equal(store_comment_set_state(st, c1, STORE_COMMENT_HIDDEN), HERALD_OK);
    assert_int_equal(store_reading_set(st, uid, ids.czech, STORE_READING_SAVED, 1, time_now()),
                     HERALD_OK);
    store_close(st);

    snprintf(req, sizeof(req), "/api/v1/articles/%s/comments", ids.czech);
    b = check("/api/v1/articles/{id}/comments", req, 200);
    assert_int_equal(json_array_size(json_object_get(b, "comments")), 2);
    assert_true(json_is_null(
        json_object_get(json_array_get(json_object_get(b, "comments"), 0), "body"))); /* hidden */
    json_decref(b);
    run("/api/v1/articles/{id}/comments",
        "/api/v1/articles/0123456789abcdef0123456789abcdef/comments", 404);
    run("/api/v1/saved", "/api/v1/saved", 401);
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    check_header = auth;
    b = check("/api/v1/saved", "/api/v1/saved", 200);
    check_header = NULL;
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(b, "articles"), 0), "id")),
        ids.czech);
    json_decref(b);

    /* POST-only: the caller's reading state of an article */
    snprintf(req, sizeof(req), "/api/v1/articles/%s/state", ids.seafood);
    check_header = auth;
    b = check_op("/api/v1/articles/{id}/state", req, "{\"read\": true}", 200);
    assert_true(json_is_true(json_object_get(b, "read")));
    assert_true(json_is_false(json_object_get(b, "saved")));
    json_decref(b);
    b = check_op("/api/v1/articles/{id}/state", req, "{\"saved\": true, \"read\": false}", 200);
    assert_true(json_is_true(json_object_get(b, "saved")));
    assert_true(json_is_false(json_object_get(b, "read")));
    json_decref(b);
    run_post("/api/v1/articles/{id}/state", req, "{\"saved\": \"yes\"}", 400);
    run_post("/api/v1/articles/{id}/state", req, "{}", 400);
    run_post("/api/v1/articles/{id}/state",
             "/api/v1/articles/0123456789abcdef0123456789abcdef/state", "{\"read\": true}", 404);
    post_type = "Content-Type: text/plain";
    run_post("/api/v1/articles/{id}/state", req, "read=1", 415);
    post_type = NULL;
    /* a browser session without the X-CSRF-Token header */
    users_token_new(token);
    users_token_hash(token, hash);
    users_csrf_new(csrf);
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    assert_int_equal(store_session_add(st, hash, uid, csrf, time_now(), time_now() + 3600),
                     HERALD_OK);
    store_close(st);
    snprintf(auth, sizeof(auth), "Cookie: herald_session=%s", token);
    run_post("/api/v1/articles/{id}/state", req, "{\"read\": true}", 403);
    check_header = NULL;
    run_post("/api/v1/articles/{id}/state", req, "{\"read\": true}", 401);
}

static void test_coverage(void **state)
{
    /* every documented path and status was exercised above */
    json_t *paths = json_object_get(spec, "paths"), *v, *r, *op;
    const char *p, *status, *method;
    char key[160];
    (void)state;
    json_object_foreach(paths, p, v)
    {
        op = path_op(v, &method);
        if (!op)
            fail_msg("%s documents neither GET nor POST", p);
        exercised_key(method, p, key, sizeof(key));
        json_object_foreach(json_object_get(op, "responses"), status, r)
        {
            if (!json_object_get(json_object_get(exercised, key), status))
                fail_msg("documented but never checked: %s %s", key, status);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validator_rejects), cmocka_unit_test(test_articles),
        cmocka_unit_test(test_article),           cmocka_unit_test(test_ai),
        cmocka_unit_test(test_lists_and_search),  cmocka_unit_test(test_stories),
        cmocka_unit_test(test_no_database),       cmocka_unit_test(test_readers_api),
        cmocka_unit_test(test_methods),           cmocka_unit_test(test_unknown_params),
        cmocka_unit_test(test_coverage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
