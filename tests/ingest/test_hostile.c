/*
 * test_hostile.c - ingest against a hostile publisher.  A remote feed may not reach the
 * local disk (item links, permalink guids, media:content, enclosures and the lead image
 * of a fetched page that name file: URLs are dropped, even with allow_file_urls on), may
 * not smuggle an address past the SSRF allowlist in an odd IPv4 spelling, and loses only
 * the bad field when its channel <link> or an image is javascript:/data:/CR-LF laden.  A
 * local feed still reaches its local pages and images, and a FIFO among them neither
 * blocks the poll nor loses the entry.
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

#include "core/config.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "testhttpd.h"
#include "testutil.h"

static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                    'I',  'H', 'D', 'R', 0,    0,    0,    1,    0, 0, 0, 1};

#define SECRET "SECRETTOKEN"

/* An article page: enough text for the extractor, a lead image and a canonical URL. */
static void page(struct strbuf *sb, const char *image, const char *canonical, const char *word)
{
    strbuf_addf(sb,
                "<!doctype html><html><head><title>A page</title>"
                "<meta property=\"og:image\" content=\"%s\">"
                "<link rel=\"canonical\" href=\"%s\"></head><body><article><h1>A page</h1>",
                image, canonical);
    for (int i = 0; i < 12; i++)
        strbuf_addf(sb,
                    "<p>Paragraph %d of the story says %s many times over, so that the "
                    "extractor finds a body of text here: %s %s %s and more words.</p>",
                    i, word, word, word, word);
    strbuf_adds(sb, "</article></body></html>");
}

struct fx {
    testhttpd *srv;
    char *dir, *db;
    store *st;
    ingest *ing;
    struct config cfg;
    struct strbuf feed; /* the remote feed */
    struct strbuf page; /* the remote pages */
    int odd_requests;   /* requests that reached /odd */
};

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    struct fx *f = ctx;
    if (strcmp(rq->path, "/feed") == 0) {
        testhttpd_set_body(rs, f->feed.buf);
        testhttpd_add_header(rs, "Content-Type", "application/rss+xml");
    } else if (strcmp(rq->path, "/odd") == 0) {
        f->odd_requests++;
        testhttpd_set_body(rs, f->page.buf);
        testhttpd_add_header(rs, "Content-Type", "text/html");
    } else {
        testhttpd_set_body(rs, f->page.buf);
        testhttpd_add_header(rs, "Content-Type", "text/html");
    }
}

static char *path_in(const char *dir, const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s/%s", dir, name);
    return strbuf_detach(&sb, NULL);
}

static void write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char *p = path_in(dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    fclose(fp);
    free(p);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct strbuf sb = STRBUF_INIT, img = STRBUF_INIT;
    strbuf_init(&f->feed, 0);
    strbuf_init(&f->page, 0);
    f->srv = testhttpd_start(handle, f);
    f->dir = test_tmpdir();
    f->db = path_in(f->dir, "ingest.db");
    config_init(&f->cfg);
    config_set(&f->cfg, "ssrf.allow", "127.0.0.1", "test");
    config_set(&f->cfg, "extract.mode", "always", "test");
    config_set(&f->cfg, "allow_file_urls", "true", "test");
    if (store_open(f->db, 0, &f->st) || ingest_new(f->st, &f->cfg, &f->ing))
        return -1;

    /* the local files a hostile feed would like to read */
    strbuf_addf(&img, "file://%s/secret.png", f->dir);
    page(&sb, img.buf, "https://local.example/secret", SECRET);
    write_file(f->dir, "secret.html", sb.buf, sb.len);
    write_file(f->dir, "secret.png", png, sizeof(png));
    /* what the remote server serves as pages: a local lead image, a javascript: canonical */
    page(&f->page, img.buf, "javascript:alert(1)", "harbour");
    strbuf_release(&sb);
    strbuf_release(&img);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    ingest_free(f->ing);
    store_close(f->st);
    testhttpd_stop(f->srv);
    config_release(&f->cfg);
    test_rmtree(f->dir);
    strbuf_release(&f->feed);
    strbuf_release(&f->page);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static int64_t subscribe(struct fx *f, const char *url)
{
    struct store_feed in;
    int64_t id;
    store_feed_init(&in);
    in.url = (char *)url;
    assert_int_equal(store_feed_add(f->st, &in, &id), HERALD_OK);
    return id;
}

static int port_of(struct fx *f)
{
    char *u = testhttpd_url(f->srv, "/");
    int port = atoi(strrchr(u, ':') + 1);
    free(u);
    return port;
}

static void test_remote_feed_cannot_reach_local_files(void **state)
{
    struct fx *f = *state;
    struct ingest_stats stats = {0};
    struct store_article_query q;
    struct store_article_list l;
    struct store_feed fd;
    struct store_source src;
    const char *d = f->dir;
    int port = port_of(f);
    char *url = testhttpd_url(f->srv, "/feed");
    int64_t id;

    strbuf_addf(
        &f->feed,
        "<?xml version='1.0'?><rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'>"
        "<channel><title>Hostile Wire</title><link>javascript:alert(1)</link>"
        "<item><title>Leak</title><link>file://%s/secret.html</link><guid>leak</guid>"
        "<description>short</description></item>"
        "<item><title>Leak by guid</title><guid isPermaLink='true'>file://%s/secret.html</guid>"
        "<description>short</description></item>"
        "<item><title>Leak by spaces</title><link>  file://%s/secret.html</link><guid>sp</guid>"
        "<description>short</description></item>"
        "<item><title>Pictures</title><link>/pictures</link><guid>pics</guid>"
        "<description>text</description>"
        "<media:content url='file://%s/secret.png' medium='image'/></item>"
        "<item><title>Enclosure</title><link>/enclosure</link><guid>enc</guid>"
        "<enclosure url='file://%s/secret.png' type='image/png' length='24'/></item>"
        "<item><title>Script image</title><link>/js</link><guid>js</guid>"
        "<media:content url='javascript:alert(1)' medium='image'/></item>"
        "<item><title>CRLF image</title><link>/crlf</link><guid>crlf</guid>"
        "<media:content url='https://img.example/x.jpg&#13;&#10;Set-Cookie: a=b' "
        "medium='image'/></item>"
        "<item><title>Hex</title><link>http://0x7f.1:%d/odd</link><guid>o1</guid></item>"
        "<item><title>Decimal</title><link>http://2130706433:%d/odd</link><guid>o2</guid></item>"
        "<item><title>Short</title><link>http://127.1:%d/odd</link><guid>o3</guid></item>"
        "</channel></rss>",
        d, d, d, d, d, port, port, port);
    id = subscribe(f, url);
    free(url);

    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    /* the javascript: channel link is dropped, not the feed */
    assert_int_equal(stats.feeds_failed, 0);
    assert_int_equal(stats.articles_inserted, 4);
    /* odd IPv4 spellings are refused, not normalised onto the allowlisted 127.0.0.1 */
    assert_int_equal(f->odd_requests, 0);

    store_feed_init(&fd);
    assert_int_equal(store_feed_get(f->st, id, &fd), HERALD_OK);
    assert_int_equal(fd.consecutive_errors, 0);
    store_source_init(&src);
    assert_int_equal(store_source_get(f->st, fd.source_id, &src), HERALD_OK);
    assert_null(src.homepage);
    store_source_release(&src);
    store_feed_release(&fd);

    store_article_query_init(&q);
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    for (size_t i = 0; i < l.count; i++) {
        struct store_article a;
        store_article_init(&a);
        assert_int_equal(store_article_get(f->st, l.items[i].id, &a), HERALD_OK);
        assert_true(url_is_http(a.url));
        assert_false(url_is_file(a.url));
        assert_true(a.image_url == NULL || url_is_http(a.image_url));
        assert_true(a.canonical_url == NULL || url_is_http(a.canonical_url));
        assert_null(a.text ? strstr(a.text, SECRET) : NULL);
        assert_non_null(a.text ? strstr(a.text, "harbour") : NULL); /* the page was read */
        store_article_release(&a);
    }
    store_article_list_release(&l);
}

static void test_local_feed_reaches_local_files_but_not_fifos(void **state)
{
    struct fx *f = *state;
    struct ingest_stats stats = {0};
    struct store_article_query q;
    struct store_article_list l;
    struct strbuf feed = STRBUF_INIT, url = STRBUF_INIT;
    char *fifo = path_in(f->dir, "fifo.html");
    int found_secret = 0, found_fifo = 0;

    assert_int_equal(mkfifo(fifo, 0600), 0);
    strbuf_adds(&feed, "<?xml version='1.0'?><rss version='2.0' "
                       "xmlns:media='http://search.yahoo.com/mrss/'><channel><title>Local</title>"
                       "<link>https://local.example/</link>"
                       "<item><title>Local page</title><link>secret.html</link><guid>l1</guid>"
                       "<description>short</description>"
                       "<media:content url='secret.png' medium='image'/></item>"
                       "<item><title>A FIFO</title><link>fifo.html</link><guid>l2</guid>"
                       "<description>The feed's own words about the FIFO.</description></item>"
                       "</channel></rss>");
    write_file(f->dir, "local.xml", feed.buf, feed.len);
    strbuf_addf(&url, "file://%s/local.xml", f->dir);
    subscribe(f, url.buf);

    /* returns: a FIFO neither blocks the poll nor loses its entry */
    assert_int_equal(ingest_poll_due(f->ing, 0, &stats), HERALD_OK);
    assert_int_equal(stats.feeds_failed, 0);
    assert_int_equal(stats.articles_inserted, 2);
    store_article_query_init(&q);
    assert_int_equal(store_article_list(f->st, &q, &l), HERALD_OK);
    for (size_t i = 0; i < l.count; i++) {
        struct store_article a;
        store_article_init(&a);
        assert_int_equal(store_article_get(f->st, l.items[i].id, &a), HERALD_OK);
        assert_true(url_is_file(a.url));
        if (strstr(a.url, "secret.html")) {
            found_secret = 1;
            assert_non_null(strstr(a.text, SECRET)); /* a local feed may read local pages */
            assert_non_null(a.image_url);
            assert_true(url_is_file(a.image_url));
        } else {
            found_fifo = 1;
            assert_non_null(strstr(a.text, "own words"));
        }
        store_article_release(&a);
    }
    assert_true(found_secret && found_fifo);
    store_article_list_release(&l);
    strbuf_release(&feed);
    strbuf_release(&url);
    free(fifo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_remote_feed_cannot_reach_local_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_feed_reaches_local_files_but_not_fifos, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
