/*
 * test_serve_demo.c - the real `herald serve` binary (HERALD_BIN) on a random loopback
 * port over the demo (demo/feeds.opml, ingested with `herald fetch` from file: URLs):
 * every page and API route answers, and the article page renders for EVERY stored
 * article (walked through the API's cursor), with the seed's parts and no inline script; the
 * sources index, topic sections and sitemaps over the demo's sources and categories; then
 * SIGTERM stops the server cleanly (exit status 0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "httpc.h"
#include "store/store.h"
#include "testutil.h"

extern char **environ;

static char *root, *dir, *db;
static unsigned port;
static pid_t server = -1;

/* Runs herald with args (after --db), in the source root; returns its exit status.  With
 * err_fd >= 0 the child logs at info level to err_fd instead of its log file. */
static int run_herald(const char *const *args, int wait_for_it, pid_t *pid_out, int err_fd)
{
    const char *bin = getenv("HERALD_BIN");
    const char *argv[32];
    posix_spawn_file_actions_t fa;
    char logpath[512];
    pid_t pid;
    int status = -1, n = 0;
    if (!bin)
        return -1;
    argv[n++] = bin;
    argv[n++] = "--db";
    argv[n++] = db;
    argv[n++] = "--log-level";
    argv[n++] = err_fd >= 0 ? "info" : "warn";
    for (int i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    snprintf(logpath, sizeof(logpath), "%s/herald-%s.log", dir, args[0]);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addchdir_np(&fa, root);
    posix_spawn_file_actions_addopen(&fa, 1, logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    if (posix_spawn(&pid, bin, &fa, NULL, (char *const *)argv, environ) != 0)
        return -1;
    posix_spawn_file_actions_destroy(&fa);
    if (!wait_for_it) {
        *pid_out = pid;
        return 0;
    }
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int logs[2] = {-1, -1};
static pthread_t drainer;
static int drainer_started;

static void *drain_log(void *arg)
{
    char buf[4096];
    (void)arg;
    while (read(logs[0], buf, sizeof(buf)) > 0)
        ;
    return NULL;
}

static unsigned free_port(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, (struct sockaddr *)&a, sizeof(a));
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

static int setup(void **state)
{
    const char *import[] = {"import-opml", "demo/feeds.opml", NULL};
    const char *fetch[] = {"--allow-file-urls", "fetch", "--once", "--all", NULL};
    char listen[32], *rel = test_source_path("");
    struct strbuf seen = STRBUF_INIT;
    const char *serve[] = {"serve", "--listen", listen, "--no-ingest", NULL};
    size_t n;
    (void)state;
    root = realpath(rel, NULL);
    free(rel);
    dir = test_tmpdir();
    n = strlen(dir) + 16;
    db = xmalloc(n);
    snprintf(db, n, "%s/herald.db", dir);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (run_herald(import, 1, NULL, -1) != 0 || run_herald(fetch, 1, NULL, -1) != 0)
        return -1;
    port = free_port();
    snprintf(listen, sizeof(listen), "127.0.0.1:%u", port);
    if (pipe(logs) != 0)
        return -1;
    if (run_herald(serve, 0, &server, logs[1]) != 0)
        return -1;
    close(logs[1]);
    /* `serve` logs "serving ..." once it listens: wait for that line, not for time; then a
     * thread drains the rest of its log so that the server never blocks on the pipe */
    while (!strstr(seen.buf, "serving ")) {
        struct pollfd p = {logs[0], POLLIN, 0};
        char buf[512];
        ssize_t got;
        if (poll(&p, 1, 30000) != 1)
            goto fail;
        got = read(logs[0], buf, sizeof(buf));
        if (got <= 0)
            goto fail;
        strbuf_add(&seen, buf, (size_t)got);
    }
    strbuf_release(&seen);
    if (pthread_create(&drainer, NULL, drain_log, NULL) != 0)
        return -1;
    drainer_started = 1;
    return 0;
fail:
    strbuf_release(&seen);
    return -1;
}

static int teardown(void **state)
{
    (void)state;
    if (server > 0) {
        kill(server, SIGTERM);
        waitpid(server, NULL, 0);
    }
    if (drainer_started)
        pthread_join(drainer, NULL); /* the server's exit closed the pipe */
    if (logs[0] >= 0)
        close(logs[0]);
    test_rmtree(dir);
    free(dir);
    free(db);
    free(root);
    curl_global_cleanup();
    return 0;
}

static json_t *get_json(const char *path)
{
    struct httpc_resp r;
    json_t *j;
    httpc_do(port, NULL, path, NULL, 0, &r);
    if (r.status != 200)
        fail_msg("%s: status %ld", path, r.status);
    j = json_loads(r.body.buf, 0, NULL);
    assert_non_null(j);
    httpc_release(&r);
    return j;
}

static void test_every_article_page(void **state)
{
    char path[256];
    const char *cursor;
    char *cur = NULL;
    int pages = 0, with_related = 0;
    (void)state;
    for (;;) {
        json_t *j, *a, *x;
        size_t i;
        if (cur)
            snprintf(path, sizeof(path), "/api/v1/articles?limit=50&cursor=%s", cur);
        else
            snprintf(path, sizeof(path), "/api/v1/articles?limit=50");
        j = get_json(path);
        a = json_object_get(j, "articles");
        json_array_foreach(a, i, x)
        {
            struct httpc_resp r;
            const char *id = json_string_value(json_object_get(x, "id"));
            snprintf(path, sizeof(path), "/article/%s", id);
            httpc_do(port, NULL, path, NULL, 0, &r);
            if (r.status != 200)
                fail_msg("%s: status %ld", path, r.status);
            assert_non_null(strstr(r.body.buf, "<h1>"));
            assert_non_null(strstr(r.body.buf, "class=\"byline\""));
            assert_non_null(strstr(r.body.buf, "<div class=\"body\">"));
            assert_non_null(strstr(r.body.buf, "No comments yet."));
            assert_non_null(strstr(r.body.buf, "Related articles"));
            assert_true(test_html_script_ok(r.body.buf));
            assert_null(strstr(r.body.buf, " style=\""));
            if (!json_is_null(json_object_get(x, "time")))
                assert_non_null(strstr(r.body.buf, "<time datetime=\""));
            with_related += strstr(r.body.buf, "<li class=\"card\">") != NULL;
            pages++;
            httpc_release(&r);
        }
        cursor = json_string_value(json_object_get(j, "next_cursor"));
        free(cur);
        cur = cursor ? xstrdup(cursor) : NULL;
        json_decref(j);
        if (!cur)
            break;
    }
    assert_true(pages >= 70);               /* the demo's 85 articles, the 15 wire copies folded */
    assert_true(with_related * 2 >= pages); /* most demo stories have coverage elsewhere */
}

/* A question made of up to four long words of sentence s ("+"-joined): whole words of
 * ASCII letters only (a hyphenated or accented word is skipped, punctuation around a word
 * stripped). */
static void question_from(const char *s, char *q, size_t size)
{
    size_t n = 0, words = 0;
    q[0] = '\0';
    while (s && *s && words < 4) {
        size_t len = strcspn(s, " "), a = 0, b = len, ok = 1;
        while (a < b && strchr("\"'(,.;:!?", s[a]))
            a++;
        while (b > a && strchr("\"')(,.;:!?", s[b - 1]))
            b--;
        for (size_t i = a; i < b; i++)
            ok &= (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
        if (ok && b - a >= 5 && n + (b - a) + 2 < size) {
            if (n)
                q[n++] = '+';
            memcpy(q + n, s + a, b - a);
            n += b - a;
            q[n] = '\0';
            words++;
        }
        s += len;
        while (*s == ' ')
            s++;
    }
}

/* After `fetch --once` drained the enrichment jobs, every article page shows its summary,
 * key points, entities and keywords and answers a question from its own text; the API
 * returns the same; every entity links to a page listing the article. */
static void test_ai_every_article(void **state)
{
    char path[512], q[256];
    char *cur = NULL;
    int pages = 0, entity_pages = 0, neutral = 0, copies = 0;
    (void)state;
    for (;;) {
        json_t *j, *x;
        size_t i;
        const char *next;
        if (cur)
            snprintf(path, sizeof(path), "/api/v1/articles?limit=50&cursor=%s", cur);
        else
            snprintf(path, sizeof(path), "/api/v1/articles?limit=50");
        j = get_json(path);
        json_array_foreach(json_object_get(j, "articles"), i, x)
        {
            const char *id = json_string_value(json_object_get(x, "id"));
            json_t *art, *ai, *ents, *ans;
            struct httpc_resp r;
            snprintf(path, sizeof(path), "/api/v1/articles/%s", id);
            art = get_json(path);
            ai = json_object_get(art, "ai");
            if (!json_is_object(ai))
                fail_msg("%s: no analysis", path);
            {
                /* lists fold republished copies into their canonical article: the copies
                 * are analysed too */
                json_t *c;
                size_t k;
                json_array_foreach(json_object_get(art, "also_published_by"), k, c)
                {
                    char cpath[128];
                    json_t *ca;
                    snprintf(cpath, sizeof(cpath), "/api/v1/articles/%s",
                             json_string_value(json_object_get(c, "id")));
                    ca = get_json(cpath);
                    if (json_array_size(json_object_get(json_object_get(ca, "ai"), "summary")) < 1)
                        fail_msg("%s: no summary", cpath);
                    json_decref(ca);
                    copies++;
                }
            }
            assert_true(json_array_size(json_object_get(ai, "summary")) >= 1);
            assert_true(json_array_size(json_object_get(ai, "key_points")) >= 1);
            assert_true(json_array_size(json_object_get(ai, "keywords")) >= 1);
            ents = json_object_get(ai, "entities");
            /* the demo is English; an article the detector takes for another language gets
             * only the language-neutral features (counted below) */
            if (json_is_true(json_object_get(ai, "language_neutral_only")))
                neutral++;
            else if (json_array_size(ents) < 1)
                fail_msg("%s: no entities", path);
            assert_true(json_integer_value(json_object_get(ai, "reading_minutes")) >= 1);

            snprintf(path, sizeof(path), "/article/%s", id);
            httpc_do(port, NULL, path, NULL, 0, &r);
            assert_int_equal(r.status, 200);
            assert_non_null(strstr(r.body.buf, "<h3>Summary</h3>"));
            assert_non_null(strstr(r.body.buf, "<h3>Key points</h3>"));
            if (json_array_size(ents))
                assert_non_null(strstr(r.body.buf, "<h3>Who, what, where</h3>"));
            assert_non_null(strstr(r.body.buf, "<ul class=\"ai-keywords\">"));
            assert_non_null(strstr(r.body.buf, "<form class=\"ask\" method=\"get\""));
            httpc_release(&r);

            /* a question in the article's own words is answered with marked passages */
            question_from(json_string_value(json_array_get(json_object_get(ai, "key_points"), 0)),
                          q, sizeof(q));
            if (!q[0]) /* a key point without a long ASCII word: the summary's words */
                question_from(json_string_value(json_array_get(json_object_get(ai, "summary"), 0)),
                              q, sizeof(q));
            assert_true(q[0] != '\0');
            snprintf(path, sizeof(path), "/article/%s?q=%s", id, q);
            httpc_do(port, NULL, path, NULL, 0, &r);
            assert_int_equal(r.status, 200);
            if (!strstr(r.body.buf, "<ol class=\"passages\">"))
                fail_msg("%s: no answer", path);
            assert_non_null(strstr(r.body.buf, "<mark>"));
            httpc_release(&r);
            snprintf(path, sizeof(path), "/api/v1/articles/%s/ask?q=%s", id, q);
            ans = get_json(path);
            assert_true(json_is_true(json_object_get(ans, "found")));
            json_decref(ans);
            /* and one it does not speak of is not */
            snprintf(path, sizeof(path), "/article/%s?q=xylophone+quasar+zeppelin", id);
            httpc_do(port, NULL, path, NULL, 0, &r);
            assert_int_equal(r.status, 200);
            assert_non_null(strstr(r.body.buf, "Not found in this article"));
            httpc_release(&r);

            /* the first entity's page lists the article */
            if (pages % 5 == 0 && json_array_size(ents)) {
                const char *slug =
                    json_string_value(json_object_get(json_array_get(ents, 0), "slug"));
                json_t *e, *l, *y;
                size_t k;
                int listed = 0;
                snprintf(path, sizeof(path), "/entity/%s", slug);
                httpc_do(port, NULL, path, NULL, 0, &r);
                assert_int_equal(r.status, 200);
                httpc_release(&r);
                snprintf(path, sizeof(path), "/api/v1/entities/%s?limit=200", slug);
                e = get_json(path);
                l = json_object_get(e, "articles");
                json_array_foreach(l, k, y) listed +=
                    strcmp(json_string_value(json_object_get(y, "id")), id) == 0;
                if (!listed)
                    fail_msg("%s does not list %s", path, id);
                json_decref(e);
                entity_pages++;
            }
            json_decref(art);
            pages++;
        }
        next = json_string_value(json_object_get(j, "next_cursor"));
        free(cur);
        cur = next ? xstrdup(next) : NULL;
        json_decref(j);
        if (!cur)
            break;
    }
    assert_true(pages + copies >= 80);
    assert_true(entity_pages >= 14);
    assert_int_equal(neutral, 0); /* every demo article is English and read as English */
}

/* Maps every stored article's URL to its id through the API. */
static json_t *ids_by_url(void)
{
    json_t *map = json_object();
    char path[256];
    char *cur = NULL;
    for (;;) {
        json_t *j, *x;
        size_t i;
        const char *next;
        if (cur)
            snprintf(path, sizeof(path), "/api/v1/articles?limit=100&cursor=%s", cur);
        else
            snprintf(path, sizeof(path), "/api/v1/articles?limit=100");
        j = get_json(path);
        json_array_foreach(json_object_get(j, "articles"), i, x) json_object_set(
            map, json_string_value(json_object_get(x, "url")), json_object_get(x, "id"));
        next = json_string_value(json_object_get(j, "next_cursor"));
        free(cur);
        cur = next ? xstrdup(next) : NULL;
        json_decref(j);
        if (!cur)
            return map;
    }
}

/* The related articles of a wire story never list its copies at other outlets
 * (demo/groups.json "wire": an agency original and its republications). */
static void test_related_excludes_copies(void **state)
{
    char gpath[512];
    json_error_t err;
    json_t *groups, *map = ids_by_url(), *grp;
    size_t gi, checked = 0;
    (void)state;
    snprintf(gpath, sizeof(gpath), "%s/demo/groups.json", root);
    groups = json_load_file(gpath, 0, &err);
    assert_non_null(groups);
    json_array_foreach(json_object_get(groups, "wire"), gi, grp)
    {
        /* the original is listed (canonical); its copies are folded into it: the API names
         * each under also_published_by, the page says "Also published by", and none of
         * them is in the related list */
        json_t *copies = json_object_get(grp, "copies"), *art, *also, *rel, *r, *c;
        char url[600], path[128];
        const char *id;
        struct httpc_resp page;
        size_t i, k;
        snprintf(url, sizeof(url), "file://%s/demo/%s", root,
                 json_string_value(json_object_get(grp, "original")));
        id = json_string_value(json_object_get(map, url));
        if (!id)
            fail_msg("not listed: %s", url);
        snprintf(path, sizeof(path), "/api/v1/articles/%s", id);
        art = get_json(path);
        also = json_object_get(art, "also_published_by");
        rel = json_object_get(art, "related_ids");
        assert_int_equal(json_array_size(also), json_array_size(copies));
        json_array_foreach(copies, i, c)
        {
            int found = 0;
            snprintf(url, sizeof(url), "file://%s/demo/%s", root, json_string_value(c));
            json_array_foreach(also, k, r)
            {
                if (strcmp(json_string_value(json_object_get(r, "url")), url) == 0) {
                    found = 1;
                    assert_string_equal(json_string_value(json_object_get(r, "reason")),
                                        "near_copy");
                    json_t *rr;
                    size_t m;
                    json_array_foreach(rel, m, rr)
                    {
                        if (strcmp(json_string_value(rr),
                                   json_string_value(json_object_get(r, "id"))) == 0)
                            fail_msg("%s lists its copy %s as related", path, url);
                    }
                }
            }
            if (!found)
                fail_msg("%s: copy %s not in also_published_by", path, url);
            checked++;
        }
        snprintf(path, sizeof(path), "/article/%s", id);
        httpc_do(port, NULL, path, NULL, 0, &page);
        assert_int_equal(page.status, 200);
        assert_non_null(strstr(page.body.buf, "Also published by"));
        httpc_release(&page);
        json_decref(art);
    }
    assert_true(checked >= 15);
    json_decref(groups);
    json_decref(map);
}

static void test_pages_and_api(void **state)
{
    static const struct {
        const char *path;
        long status;
    } cases[] = {
        {"/", 200},
        {"/about", 200},
        {"/search", 200},
        {"/search?q=council", 200},
        {"/search?q=%22unbalanced", 400},
        {"/static/herald.css", 200},
        {"/api/v1/articles", 200},
        {"/api/v1/sources", 200},
        {"/api/v1/feeds", 200},
        {"/api/v1/search?q=storm", 200},
        {"/article/0123456789abcdef0123456789abcdef", 404},
        {"/api/v1/articles/0123456789abcdef0123456789abcdef", 404},
        {"/nope", 404},
        {"/entity/no-such-entity", 404},
        {"/entity/Bad.Slug", 404},
        {"/api/v1/entities/no-such-entity", 404},
        {"/api/v1/articles/0123456789abcdef0123456789abcdef/ask?q=who", 404},
        {"/?lang=en", 200},
        {"/?lang=%3Cx", 400},
        {"/?before=%3C", 400},
    };
    json_t *s, *x;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct httpc_resp r;
        httpc_do(port, NULL, cases[i].path, NULL, 1, &r);
        if (r.status != cases[i].status)
            fail_msg("%s: status %ld, want %ld", cases[i].path, r.status, cases[i].status);
        httpc_release(&r);
    }
    s = get_json("/api/v1/sources");
    json_array_foreach(json_object_get(s, "sources"), i, x)
    {
        struct httpc_resp r;
        char path[64];
        snprintf(path, sizeof(path), "/source/%lld",
                 (long long)json_integer_value(json_object_get(x, "id")));
        httpc_do(port, NULL, path, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.buf, "<table class=\"feeds\">"));
        httpc_release(&r);
    }
    json_decref(s);
}

static void get_page(const char *path, long want, struct httpc_resp *r)
{
    const char *host[] = {"Host: news.example", NULL};
    httpc_do(port, NULL, path, host, 1, r);
    if (r->status != want)
        fail_msg("%s: status %ld, want %ld", path, r->status, want);
}

/* The article ids linked from a list page's items (<h3 class="title"><a href=...>), in order,
 * into ids[][33]; returns how many (at most max). */
static size_t listed_ids(const char *html, char (*ids)[33], size_t max)
{
    static const char mark[] = "<h3 class=\"title\"><a href=\"/article/";
    size_t n = 0;
    for (const char *p = strstr(html, mark); p && n < max; p = strstr(p + 1, mark)) {
        memcpy(ids[n], p + strlen(mark), 32);
        ids[n++][32] = '\0';
    }
    return n;
}

/* Whether the stored article id is filed under slug (one of its categories slugs to it). */
static int filed_under(const char *id, const char *slug)
{
    char path[96];
    json_t *a, *c;
    size_t i;
    int yes = 0;
    snprintf(path, sizeof(path), "/api/v1/articles/%.32s", id);
    a = get_json(path);
    json_array_foreach(json_object_get(a, "categories"), i, c)
    {
        char *s = json_is_string(c) ? store_topic_slug(json_string_value(c)) : NULL;
        yes |= s && strcmp(s, slug) == 0;
        free(s);
    }
    json_decref(a);
    return yes;
}

/* /sources lists every source with its count and feeds; a topic (the first one linked
 * there) lists only its articles, newest first, and pages by "before"; bad names are 404;
 * the sitemaps name the sources index, stories and topics. */
static void test_sources_and_topics(void **state)
{
    char path[256], slug[80], ids[40][33], ids2[40][33];
    struct httpc_resp r, r2;
    json_t *s, *x, *a;
    size_t i, n, n2;
    int64_t t;
    const char *p;
    (void)state;

    get_page("/sources", 200, &r);
    assert_non_null(strstr(r.body.buf, "<a href=\"/sources\">Sources</a>")); /* the nav */
    s = get_json("/api/v1/sources");
    assert_true(json_array_size(json_object_get(s, "sources")) >= 8);
    json_array_foreach(json_object_get(s, "sources"), i, x)
    {
        long long id = (long long)json_integer_value(json_object_get(x, "id"));
        char row[160];
        snprintf(row, sizeof(row), "<a class=\"src\" href=\"/source/%lld\">", id);
        p = strstr(r.body.buf, row);
        if (!p)
            fail_msg("/sources does not list source %lld", id);
        snprintf(row, sizeof(row), "</th><td class=\"num\">%lld</td>",
                 (long long)json_integer_value(json_object_get(x, "article_count")));
        assert_non_null(strstr(p, row));
        assert_true(json_integer_value(json_object_get(x, "article_count")) > 0);
        snprintf(row, sizeof(row), "href=\"/source/%lld/feed.atom\"", id);
        assert_non_null(strstr(p, row));
    }
    json_decref(s);

    /* the first topic: most used, at least 2 articles */
    p = strstr(r.body.buf, "href=\"/topic/");
    assert_non_null(p);
    p += strlen("href=\"/topic/");
    n = strcspn(p, "\"");
    assert_true(n > 0 && n < sizeof(slug));
    memcpy(slug, p, n);
    slug[n] = '\0';
    httpc_release(&r);

    snprintf(path, sizeof(path), "/topic/%s", slug);
    get_page(path, 200, &r);
    n = listed_ids(r.body.buf, ids, 40);
    assert_true(n >= 2);
    for (i = 0; i < n; i++)
        if (!filed_under(ids[i], slug))
            fail_msg("/topic/%s lists %s, which is not filed under it", slug, ids[i]);
    snprintf(path, sizeof(path), "href=\"http://news.example/topic/%s/feed.atom\"", slug);
    assert_non_null(strstr(r.body.buf, path)); /* autodiscovery */
    httpc_release(&r);

    /* paging: before the first item's (time, id) come exactly the others, in order */
    snprintf(path, sizeof(path), "/api/v1/articles/%s", ids[0]);
    a = get_json(path);
    assert_int_equal(date_parse(json_string_value(json_object_get(a, "time")), &t), HERALD_OK);
    json_decref(a);
    snprintf(path, sizeof(path), "/topic/%s?before=%lld.%s", slug, (long long)t, ids[0]);
    get_page(path, 200, &r2);
    n2 = listed_ids(r2.body.buf, ids2, 40);
    assert_int_equal(n2, n - 1);
    for (i = 0; i < n2; i++)
        assert_string_equal(ids2[i], ids[i + 1]);
    httpc_release(&r2);

    /* the topic's feeds parse as their formats elsewhere (test_feeds); here they answer */
    snprintf(path, sizeof(path), "/topic/%s/feed.json", slug);
    get_page(path, 200, &r2);
    assert_non_null(strstr(r2.body.buf, ids[0]));
    httpc_release(&r2);

    get_page("/topic/no-such-topic", 404, &r2);
    httpc_release(&r2);
    get_page("/topic/Bad.Slug", 404, &r2);
    httpc_release(&r2);
    get_page("/topic/no-such-topic/feed.xml", 404, &r2);
    httpc_release(&r2);
    snprintf(path, sizeof(path), "/topic/%s?before=%%3C", slug);
    get_page(path, 400, &r2);
    httpc_release(&r2);

    /* an article page links its categories to their sections */
    snprintf(path, sizeof(path), "/article/%s", ids[0]);
    get_page(path, 200, &r2);
    snprintf(path, sizeof(path), "<a href=\"/topic/%s\">", slug);
    assert_non_null(strstr(r2.body.buf, "<p class=\"filed\">Filed under "));
    assert_non_null(strstr(r2.body.buf, path));
    httpc_release(&r2);

    /* sitemaps: the index names the stories, entities and topics pages; they name pages */
    get_page("/sitemap.xml", 200, &r2);
    assert_non_null(strstr(r2.body.buf, "http://news.example/sitemaps/stories-1.xml"));
    assert_non_null(strstr(r2.body.buf, "http://news.example/sitemaps/entities-1.xml"));
    assert_non_null(strstr(r2.body.buf, "http://news.example/sitemaps/topics-1.xml"));
    httpc_release(&r2);
    get_page("/sitemaps/pages.xml", 200, &r2);
    assert_non_null(strstr(r2.body.buf, "<loc>http://news.example/sources</loc>"));
    httpc_release(&r2);
    get_page("/sitemaps/topics-1.xml", 200, &r2);
    snprintf(path, sizeof(path), "<loc>http://news.example/topic/%s</loc>", slug);
    assert_non_null(strstr(r2.body.buf, path));
    httpc_release(&r2);
    get_page("/sitemaps/stories-1.xml", 200, &r2);
    assert_non_null(strstr(r2.body.buf, "<loc>http://news.example/story/"));
    httpc_release(&r2);
    get_page("/sitemaps/entities-1.xml", 200, &r2);
    assert_non_null(strstr(r2.body.buf, "<loc>http://news.example/entity/"));
    httpc_release(&r2);
    get_page("/sitemaps/stories-2.xml", 404, &r2);
    httpc_release(&r2);
    get_page("/sitemaps/nothing-1.xml", 404, &r2);
    httpc_release(&r2);
}

/* The target of the paging link rel in body ("&amp;" decoded), malloc'd, or NULL. */
static char *pager_link(const char *body, const char *rel)
{
    char needle[32];
    const char *p, *e;
    struct strbuf sb = STRBUF_INIT;
    snprintf(needle, sizeof(needle), "<a rel=\"%s\" href=\"", rel);
    p = strstr(body, needle);
    if (!p)
        return NULL;
    p += strlen(needle);
    e = strchr(p, '"');
    while (p < e) {
        int amp = strncmp(p, "&amp;", 5) == 0;
        strbuf_addch(&sb, *p);
        p += amp ? 5 : 1;
    }
    return strbuf_detach(&sb, NULL);
}

/* The demo's home pages by "Older" and back by "Newer", the language filter naming the
 * demo's language, and the API refusing a parameter it does not take. */
static void test_paging_and_filters(void **state)
{
    char *pages[8], *path = xstrdup("/");
    int n = 0;
    json_t *j;
    struct httpc_resp r;
    (void)state;
    for (;;) {
        char *next;
        httpc_do(port, NULL, path, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_true(n < 8);
        pages[n] = xstrdup(strstr(r.body.buf, "<section class=\"latest\""));
        next = pager_link(pages[n], "next");
        httpc_release(&r);
        free(path);
        n++;
        if (!next)
            break;
        path = next;
    }
    assert_true(n >= 2); /* 70 articles */
    for (int i = n - 1; i > 0; i--) {
        char *prev = pager_link(pages[i], "prev");
        assert_non_null(prev);
        httpc_do(port, NULL, prev, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_string_equal(strstr(r.body.buf, "<section class=\"latest\""), pages[i - 1]);
        httpc_release(&r);
        free(prev);
    }
    assert_null(pager_link(pages[0], "prev"));
    for (int i = 0; i < n; i++)
        free(pages[i]);
    /* the demo is English: the filter offers it with its count, and filters by it */
    j = get_json("/api/v1/articles?language=en&limit=200");
    httpc_do(port, NULL, "/", NULL, 0, &r);
    assert_non_null(strstr(r.body.buf, "<label for=\"lang-filter\">Language</label>"));
    assert_non_null(strstr(r.body.buf, "<option value=\"en\">English (en) \xc2\xb7 "));
    httpc_release(&r);
    httpc_do(port, NULL, "/?lang=en", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "<option value=\"en\" selected>"));
    assert_true(json_array_size(json_object_get(j, "articles")) >= 60);
    httpc_release(&r);
    json_decref(j);
    httpc_do(port, NULL, "/?lang=de", NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.buf, "No articles in this language."));
    httpc_release(&r);
    httpc_do(port, NULL, "/api/v1/articles?limt=5", NULL, 0, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body.buf, "unknown query parameter: limt"));
    httpc_release(&r);
    httpc_do(port, NULL, "/?after=zz", NULL, 0, &r);
    assert_int_equal(r.status, 400);
    httpc_release(&r);
}

static void test_sigterm(void **state)
{
    int status = -1;
    (void)state;
    assert_int_equal(kill(server, SIGTERM), 0);
    assert_int_equal(waitpid(server, &status, 0), server);
    server = -1;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_and_api),
        cmocka_unit_test(test_every_article_page),
        cmocka_unit_test(test_ai_every_article),
        cmocka_unit_test(test_related_excludes_copies),
        cmocka_unit_test(test_sources_and_topics),
        cmocka_unit_test(test_paging_and_filters),
        cmocka_unit_test(test_sigterm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
