/*
 * test_media.c - /media/{id}[/{width}] serves an article's lead image through the image
 * proxy: a file:// image only when the server allows file URLs, only for an article that
 * came from a local feed (the link policy), only when the file is a regular file (never a
 * FIFO) and a raster image, re-encoded as WebP at the width asked (never enlarged) with the
 * image's own strict CSP; an http(s) image is a redirect to its signed proxy URL (never to
 * the publisher), and only when the URL is clean; anything else is a 404.  The article
 * page links /media/ exactly then; the API's image_url is a /media path or null, never the
 * publisher's URL nor a file: path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gd.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "httpc.h"
#include "media/media.h"
#include "store/store.h"
#include "testutil.h"
#include "web/server.h"

/* A 400 x 300 PNG (libgd). */
static void *make_png(int *size)
{
    gdImagePtr im = gdImageCreateTrueColor(400, 300);
    void *p;
    gdImageFilledRectangle(im, 0, 0, 199, 299, gdTrueColor(200, 30, 30));
    p = gdImagePngPtr(im, size);
    gdImageDestroy(im);
    return p;
}

/* The pixel size of a WebP response body. */
static void webp_size(const struct httpc_resp *r, uint32_t *w, uint32_t *h)
{
    enum media_type t;
    assert_int_equal(media_probe(r->body.buf, r->body.len, &t, w, h), HERALD_OK);
    assert_int_equal(t, MEDIA_WEBP);
}

struct fx {
    char *dir, *db;
    char image_id[33], secret_id[33], remote_id[33];
    char smuggled_id[33]; /* a file: image stored for an article of a remote feed */
    char crlf_id[33];     /* an http image URL with CR/LF in it */
    char js_id[33];       /* a javascript: image URL */
    char fifo_id[33];     /* a file: image naming a FIFO */
};

static char *path_in(const char *dir, const char *name)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s/%s", dir, name);
    return strbuf_detach(&sb, NULL);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void add_article(store *st, int64_t source, int64_t feed, const char *url, const char *image,
                        char id[33])
{
    struct store_article a;
    store_article_init(&a);
    a.url = (char *)url;
    a.title = "A story with a picture";
    a.text = "Words.";
    a.image_url = (char *)image;
    a.source_id = source;
    assert_int_equal(store_article_upsert(st, &a, feed, NULL, id, NULL), HERALD_OK);
}

static int64_t add_feed(store *st, const char *url)
{
    struct store_feed f;
    int64_t id = 0;
    store_feed_init(&f);
    f.url = (char *)url;
    assert_int_equal(store_feed_add(st, &f, &id), HERALD_OK);
    return id;
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));
    struct store_source src;
    struct strbuf url = STRBUF_INIT;
    store *st;
    int64_t sid, local, remote;
    f->dir = test_tmpdir();
    f->db = path_in(f->dir, "news.db");
    char *img = path_in(f->dir, "lead.png"), *secret = path_in(f->dir, "secret.txt");
    char *fifo = path_in(f->dir, "lead-fifo.png");
    int png_len;
    void *png = make_png(&png_len);
    write_file(img, png, (size_t)png_len);
    gdFree(png);
    write_file(secret, "root:x:0:0\n", 11);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(store_open(f->db, 0, &st), HERALD_OK);
    store_source_init(&src);
    src.name = "Local Paper";
    assert_int_equal(store_source_ensure(st, &src, &sid), HERALD_OK);
    strbuf_addf(&url, "file://%s/feed.xml", f->dir);
    local = add_feed(st, url.buf);
    remote = add_feed(st, "https://remote.example/feed.xml");
    strbuf_reset(&url);
    strbuf_addf(&url, "file://%s", img);
    add_article(st, sid, local, "https://local.example/a", url.buf, f->image_id);
    add_article(st, sid, remote, "https://remote.example/s", url.buf, f->smuggled_id);
    strbuf_reset(&url);
    strbuf_addf(&url, "file://%s", secret);
    add_article(st, sid, local, "https://local.example/b", url.buf, f->secret_id);
    strbuf_reset(&url);
    strbuf_addf(&url, "file://%s", fifo);
    add_article(st, sid, local, "https://local.example/f", url.buf, f->fifo_id);
    add_article(st, sid, remote, "https://local.example/c", "https://img.example/c.jpg",
                f->remote_id);
    add_article(st, sid, remote, "https://remote.example/crlf",
                "https://img.example/x.jpg\r\nSet-Cookie: a=b", f->crlf_id);
    add_article(st, sid, remote, "https://remote.example/js", "javascript:alert(1)", f->js_id);
    store_close(st);
    strbuf_release(&url);
    free(img);
    free(secret);
    free(fifo);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    test_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static web_server *start(struct fx *f, int allow)
{
    struct web_config cfg;
    web_server *srv = NULL;
    web_config_init(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.db_path = f->db;
    cfg.threads = 1;
    cfg.allow_file_urls = allow;
    assert_int_equal(web_server_start(&cfg, &srv), HERALD_OK);
    return srv;
}

static long get(web_server *srv, const char *prefix, const char *id, struct httpc_resp *r)
{
    struct strbuf path = STRBUF_INIT;
    strbuf_addf(&path, "%s%s", prefix, id);
    httpc_do(web_server_port(srv), NULL, path.buf, NULL, 0, r);
    strbuf_release(&path);
    return r->status;
}

static void test_allowed(void **state)
{
    struct fx *f = *state;
    struct httpc_resp r;
    web_server *srv = start(f, 1);
    char *type, *loc;

    uint32_t w, h;
    assert_int_equal(get(srv, "/media/", f->image_id, &r), 200);
    type = httpc_header(&r, "Content-Type");
    assert_string_equal(type, "image/webp");
    free(type);
    webp_size(&r, &w, &h); /* 640 asked, 400 wide: never enlarged */
    assert_int_equal(w, 400);
    assert_int_equal(h, 300);
    type = httpc_header(&r, "Content-Security-Policy");
    assert_string_equal(type, "default-src 'none'; sandbox");
    free(type);
    type = httpc_header(&r, "X-Content-Type-Options");
    assert_string_equal(type, "nosniff");
    free(type);
    type = httpc_header(&r, "ETag");
    assert_non_null(type);
    free(type);
    type = httpc_header(&r, "Cache-Control"); /* a local file may change: not immutable */
    assert_string_equal(type, "public, max-age=86400");
    free(type);
    httpc_release(&r);

    struct strbuf sized = STRBUF_INIT;
    strbuf_addf(&sized, "%s/160", f->image_id);
    assert_int_equal(get(srv, "/media/", sized.buf, &r), 200);
    webp_size(&r, &w, &h);
    assert_int_equal(w, 160);
    assert_int_equal(h, 120);
    httpc_release(&r);
    strbuf_reset(&sized);
    strbuf_addf(&sized, "%s/500", f->image_id); /* not one of the widths */
    assert_int_equal(get(srv, "/media/", sized.buf, &r), 404);
    httpc_release(&r);
    strbuf_release(&sized);

    assert_int_equal(get(srv, "/media/", f->secret_id, &r), 415); /* not an image */
    assert_null(strstr(r.body.buf, "root:"));
    httpc_release(&r);

    /* an http(s) lead image: a redirect to its signed proxy URL, never to the publisher */
    assert_int_equal(get(srv, "/media/", f->remote_id, &r), 302);
    loc = httpc_header(&r, "Location");
    assert_non_null(loc);
    assert_int_equal(strncmp(loc, "/media/", 7), 0);
    assert_non_null(strstr(loc, "/640?u="));
    assert_null(strstr(loc, "img.example"));
    free(loc);
    httpc_release(&r);

    /* a FIFO answers at once (404) instead of holding the worker until a writer comes */
    assert_int_equal(get(srv, "/media/", f->fifo_id, &r), 404);
    httpc_release(&r);

    assert_int_equal(get(srv, "/media/", "0123456789abcdef0123456789abcdef", &r), 404);
    httpc_release(&r);
    assert_int_equal(get(srv, "/media/", "../../etc/passwd", &r), 404);
    httpc_release(&r);

    /* the article page links the local image through /media/ */
    assert_int_equal(get(srv, "/article/", f->image_id, &r), 200);
    struct strbuf want = STRBUF_INIT;
    strbuf_addf(&want, "src=\"/media/%s/640\"", f->image_id);
    assert_non_null(strstr(r.body.buf, want.buf));
    assert_null(strstr(r.body.buf, "file://"));
    strbuf_release(&want);
    httpc_release(&r);
    web_server_free(srv);
}

/* A file: image stored for an article of a remote feed is never read, even with file URLs
 * allowed: a remote publisher cannot name local files. */
static void test_remote_feed_file_image(void **state)
{
    struct fx *f = *state;
    struct httpc_resp r;
    web_server *srv = start(f, 1);
    assert_int_equal(get(srv, "/media/", f->smuggled_id, &r), 404);
    assert_null(memmem(r.body.buf, r.body.len, "PNG", 3));
    httpc_release(&r);
    web_server_free(srv);
}

/* Lead-image URLs that are not clean http(s) are neither redirected to nor shown. */
static void test_bad_image_urls(void **state)
{
    struct fx *f = *state;
    struct httpc_resp r;
    web_server *srv = start(f, 0);
    char *loc;
    /* CR/LF: no 302 without (or with a split) Location */
    assert_int_equal(get(srv, "/media/", f->crlf_id, &r), 404);
    loc = httpc_header(&r, "Location");
    assert_null(loc);
    httpc_release(&r);
    assert_int_equal(get(srv, "/media/", f->js_id, &r), 404);
    httpc_release(&r);

    /* the API shows null, never the stored javascript: or CR/LF text */
    assert_int_equal(get(srv, "/api/v1/articles/", f->js_id, &r), 200);
    assert_non_null(strstr(r.body.buf, "\"image_url\":null"));
    assert_null(strstr(r.body.buf, "javascript:"));
    httpc_release(&r);
    assert_int_equal(get(srv, "/api/v1/articles/", f->crlf_id, &r), 200);
    assert_non_null(strstr(r.body.buf, "\"image_url\":null"));
    httpc_release(&r);
    assert_int_equal(get(srv, "/api/v1/articles", "", &r), 200);
    assert_null(strstr(r.body.buf, "javascript:"));
    assert_null(strstr(r.body.buf, "Set-Cookie"));
    assert_null(strstr(r.body.buf, "file:"));
    assert_null(strstr(r.body.buf, "img.example"));                 /* never the publisher's URL */
    assert_non_null(strstr(r.body.buf, "\"image_url\":\"/media/")); /* the proxy's */
    httpc_release(&r);
    web_server_free(srv);
}

static void test_refused_without_file_urls(void **state)
{
    struct fx *f = *state;
    struct httpc_resp r;
    web_server *srv = start(f, 0);
    assert_int_equal(get(srv, "/media/", f->image_id, &r), 404);
    httpc_release(&r);
    assert_int_equal(get(srv, "/article/", f->image_id, &r), 200);
    assert_null(strstr(r.body.buf, "/media/"));
    assert_null(strstr(r.body.buf, "file://"));
    httpc_release(&r);
    web_server_free(srv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_without_file_urls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remote_feed_file_image, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_image_urls, setup, teardown),
    };
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
