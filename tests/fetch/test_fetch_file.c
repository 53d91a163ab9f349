/*
 * test_fetch_file.c - the fetcher's file: URLs: read without curl, only regular files (a
 * FIFO fails at once instead of blocking the engine's thread), at most max_body bytes,
 * and only when the document that named the URL is itself local (fetch_request.origin).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "fetch/fetch.h"
#include "testutil.h"

static char *url_in(const char *dir, const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "file://%s/%s", dir, name);
    return strbuf_detach(&sb, NULL);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    struct strbuf p = STRBUF_INIT;
    strbuf_addf(&p, "%s/%s", dir, name);
    FILE *fp = fopen(p.buf, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    strbuf_release(&p);
}

static struct fetch_result *fetch_from(const struct fetch_config *fc, const char *url,
                                       const char *origin)
{
    fetch_engine *e;
    struct fetch_request rq = {0};
    struct fetch_result *r;
    assert_int_equal(fetch_engine_new(fc, &e), HERALD_OK);
    rq.url = url;
    rq.origin = origin;
    assert_int_equal(fetch_engine_add(e, &rq), HERALD_OK);
    assert_int_equal(fetch_engine_run(e), HERALD_OK);
    r = fetch_engine_next_result(e);
    assert_non_null(r);
    fetch_engine_free(e);
    return r;
}

static void test_file_urls(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *page = url_in(dir, "page.html"), *fifo = url_in(dir, "fifo.html");
    char *feed = url_in(dir, "feed.xml");
    struct strbuf p = STRBUF_INIT;
    struct fetch_config fc;
    struct fetch_result *r;
    write_file(dir, "page.html", "<p>a local page</p>");
    strbuf_addf(&p, "%s/fifo.html", dir);
    assert_int_equal(mkfifo(p.buf, 0600), 0);
    fetch_config_init(&fc);
    fc.allow_file_urls = true;

    /* a subscription (no origin) and a link from a local feed read the file */
    r = fetch_from(&fc, page, NULL);
    assert_int_equal(r->status, HERALD_OK);
    assert_int_equal(r->http_code, 200);
    assert_string_equal(r->body, "<p>a local page</p>");
    fetch_result_free(r);
    r = fetch_from(&fc, page, feed);
    assert_int_equal(r->status, HERALD_OK);
    fetch_result_free(r);

    /* a link from a remote document never does */
    r = fetch_from(&fc, page, "https://news.example/feed.xml");
    assert_int_equal(r->status, HERALD_E_DENIED);
    assert_null(r->body);
    fetch_result_free(r);

    /* a FIFO (nobody writes to it) fails at once */
    r = fetch_from(&fc, fifo, feed);
    assert_int_equal(r->status, HERALD_E_IO);
    assert_non_null(strstr(r->error, "not a regular file"));
    fetch_result_free(r);

    /* the body cap holds for files too */
    fc.max_body = 8;
    r = fetch_from(&fc, page, NULL);
    assert_int_equal(r->status, HERALD_E_TOOBIG);
    fetch_result_free(r);

    /* and file URLs stay off by default */
    fetch_config_init(&fc);
    r = fetch_from(&fc, page, NULL);
    assert_int_equal(r->status, HERALD_E_DENIED);
    fetch_result_free(r);

    test_rmtree(dir);
    strbuf_release(&p);
    free(dir);
    free(page);
    free(fifo);
    free(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_urls),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
