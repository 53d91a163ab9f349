/*
 * test_media.c - the image proxy (media/media.h) without a web server: sniffing by magic
 * bytes (SVG and HTML refused), header probing of real JPEG, PNG, GIF and WebP files made
 * with libgd, the pixel cap checked before decoding (a PNG header claiming 50,000 x 50,000
 * is refused without a decode), scaling to every width without enlarging, a JPEG's EXIF
 * orientation (all eight) applied before scaling, signed paths
 * (tampered signature or URL, another server's secret, unsafe URLs), the secret surviving a
 * restart, fetching from a loopback origin only when the SSRF allowlist lets it through,
 * the size cap, one fetch per image for all its widths, remembered failures, and the disk
 * bound evicting the least recently used images.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <gd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "fetch/fetch.h"
#include "media/media.h"
#include "testhttpd.h"
#include "testutil.h"

/* An image of w x h in format t (a gradient, so it is not trivially compressible). */
static void *make_image(enum media_type t, int w, int h, int *size)
{
    gdImagePtr im = gdImageCreateTrueColor(w, h);
    void *p = NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            gdImageSetPixel(im, x, y, gdTrueColor(x * 255 / w, y * 255 / h, (x ^ y) & 255));
    if (t == MEDIA_PNG)
        p = gdImagePngPtr(im, size);
    else if (t == MEDIA_JPEG)
        p = gdImageJpegPtr(im, size, 85);
    else if (t == MEDIA_WEBP)
        p = gdImageWebpPtr(im, size);
    else if (t == MEDIA_GIF) {
        gdImageTrueColorToPalette(im, 0, 256);
        p = gdImageGifPtr(im, size);
    }
    gdImageDestroy(im);
    assert_non_null(p);
    return p;
}

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(media_sniff("\x89PNG\r\n\x1a\nxxxx", 12), MEDIA_PNG);
    assert_int_equal(media_sniff("\xff\xd8\xff\xe0", 4), MEDIA_JPEG);
    assert_int_equal(media_sniff("GIF89a....", 10), MEDIA_GIF);
    assert_int_equal(media_sniff("RIFF\0\0\0\0WEBPVP8 ", 16), MEDIA_WEBP);
    assert_int_equal(media_sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41), MEDIA_NONE);
    assert_int_equal(media_sniff("<html><script>", 14), MEDIA_NONE);
    assert_int_equal(media_sniff("\x89PN", 3), MEDIA_NONE);
    assert_int_equal(media_sniff("", 0), MEDIA_NONE);
    assert_string_equal(media_type_mime(MEDIA_WEBP), "image/webp");
    assert_null(media_type_mime(MEDIA_NONE));
}

static void test_probe_real_images(void **state)
{
    static const enum media_type types[] = {MEDIA_PNG, MEDIA_JPEG, MEDIA_GIF, MEDIA_WEBP};
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        int size;
        void *p = make_image(types[i], 123, 45, &size);
        enum media_type t;
        uint32_t w = 0, h = 0;
        assert_int_equal(media_probe(p, (size_t)size, &t, &w, &h), HERALD_OK);
        assert_int_equal(t, types[i]);
        assert_int_equal(w, 123);
        assert_int_equal(h, 45);
        /* a truncated header is an error, never a read past the end (ASan) */
        assert_int_not_equal(media_probe(p, 9, &t, &w, &h), HERALD_OK);
        gdFree(p);
    }
    enum media_type t;
    uint32_t w, h;
    assert_int_equal(media_probe("<svg/>", 6, &t, &w, &h), HERALD_E_UNSUPPORTED);
    /* a JPEG whose marker chain runs off the end */
    assert_int_equal(media_probe("\xff\xd8\xff\xe0\x00\x10JFIF", 10, &t, &w, &h), HERALD_E_PARSE);
}

/* A PNG that claims 50,000 x 50,000 pixels (2.5 gigapixels, 10 GB decoded): refused from
 * its header, before libgd sees it. */
static void test_pixel_cap(void **state)
{
    unsigned char bomb[64] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,    13,
                              'I',  'H', 'D', 'R', 0,    0,    0xc3, 0x50, 0, 0, 0xc3, 0x50};
    struct media_variant v[MEDIA_N_WIDTHS];
    int size;
    void *p;
    (void)state;
    assert_int_equal(media_scale(bomb, sizeof(bomb), MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_E_TOOBIG);
    /* the cap is the configured one: a real 200 x 100 image over a 10,000-pixel cap */
    p = make_image(MEDIA_PNG, 200, 100, &size);
    assert_int_equal(media_scale(p, (size_t)size, 10000, v), HERALD_E_TOOBIG);
    assert_int_equal(media_scale(p, (size_t)size, 20000, v), HERALD_OK);
    for (int i = 0; i < MEDIA_N_WIDTHS; i++)
        free(v[i].data);
    gdFree(p);
    /* not an image; an image cut short is undecodable */
    assert_int_equal(media_scale("<svg/>", 6, MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_E_UNSUPPORTED);
    p = make_image(MEDIA_JPEG, 64, 64, &size);
    assert_int_equal(media_scale(p, 200, MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_E_PARSE);
    gdFree(p);
}

static void test_scale(void **state)
{
    struct media_variant v[MEDIA_N_WIDTHS];
    int size;
    void *p;
    (void)state;
    p = make_image(MEDIA_JPEG, 2000, 1000, &size);
    assert_int_equal(media_scale(p, (size_t)size, MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_OK);
    gdFree(p);
    for (int i = 0; i < MEDIA_N_WIDTHS; i++) {
        enum media_type t;
        uint32_t w, h;
        assert_int_equal(v[i].width, MEDIA_WIDTHS[i]);
        assert_int_equal(v[i].w, MEDIA_WIDTHS[i]);
        assert_int_equal(v[i].h, MEDIA_WIDTHS[i] / 2);
        assert_int_equal(media_probe(v[i].data, v[i].len, &t, &w, &h), HERALD_OK);
        assert_int_equal(t, MEDIA_WEBP);
        assert_int_equal(w, (uint32_t)v[i].w);
        assert_int_equal(h, (uint32_t)v[i].h);
        free(v[i].data);
    }
    /* never enlarged: a 300 x 200 GIF is 300 wide at 640 and 1280 */
    p = make_image(MEDIA_GIF, 300, 200, &size);
    assert_int_equal(media_scale(p, (size_t)size, MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_OK);
    gdFree(p);
    assert_int_equal(v[1].w, 300);
    assert_int_equal(v[0].w, 160);
    assert_int_equal(v[0].h, 107);
    assert_int_equal(v[2].w, 300);
    assert_int_equal(v[3].w, 300);
    assert_int_equal(v[3].h, 200);
    for (int i = 0; i < MEDIA_N_WIDTHS; i++)
        free(v[i].data);
    assert_true(media_width_valid(640));
    assert_false(media_width_valid(641));
    assert_false(media_width_valid(0));
}

/* A 64 x 32 JPEG in four flat quadrants (red, green / blue, white) with an EXIF APP1 segment
 * whose IFD0 holds Orientation = o (o 0: no EXIF at all), big-endian TIFF. */
static unsigned char *quadrant_jpeg(int o, size_t *len)
{
    static const unsigned char exif_head[] = {
        0xff, 0xe1, 0x00, 0x22,             /* APP1, length 34 */
        'E',  'x',  'i',  'f',  0, 0,       /* Exif identifier */
        'M',  'M',  0x00, 0x2a, 0, 0, 0, 8, /* TIFF header, IFD0 at 8 */
        0x00, 0x01,                         /* one entry */
        0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, /* Orientation, SHORT, count 1 */
    };
    static const unsigned char exif_tail[] = {0, 0, 0, 0, 0, 0}; /* pad; no next IFD */
    gdImagePtr im = gdImageCreateTrueColor(64, 32);
    int size = 0;
    unsigned char *jpeg, *out;
    size_t n = 0;
    gdImageFilledRectangle(im, 0, 0, 31, 15, gdTrueColor(255, 0, 0));
    gdImageFilledRectangle(im, 32, 0, 63, 15, gdTrueColor(0, 255, 0));
    gdImageFilledRectangle(im, 0, 16, 31, 31, gdTrueColor(0, 0, 255));
    gdImageFilledRectangle(im, 32, 16, 63, 31, gdTrueColor(255, 255, 255));
    jpeg = gdImageJpegPtr(im, &size, 95);
    gdImageDestroy(im);
    assert_non_null(jpeg);
    out = xmalloc((size_t)size + 64);
    memcpy(out, jpeg, 2); /* SOI */
    n = 2;
    if (o) {
        memcpy(out + n, exif_head, sizeof(exif_head));
        n += sizeof(exif_head);
        out[n++] = 0;
        out[n++] = (unsigned char)o;
        memcpy(out + n, exif_tail, sizeof(exif_tail));
        n += sizeof(exif_tail);
    }
    memcpy(out + n, jpeg + 2, (size_t)size - 2);
    n += (size_t)size - 2;
    gdFree(jpeg);
    *len = n;
    return out;
}

/* The colour name of the pixel at (x, y) of a WebP: r, g, b or w (JPEG and WebP are lossy,
 * so the nearest of the four). */
static char quadrant_at(gdImagePtr im, int x, int y)
{
    int c = gdImageGetTrueColorPixel(im, x, y);
    int r = gdTrueColorGetRed(c), g = gdTrueColorGetGreen(c), b = gdTrueColorGetBlue(c);
    if (r > 128 && g > 128 && b > 128)
        return 'w';
    if (r > 128)
        return 'r';
    return g > 128 ? 'g' : 'b';
}

static void test_exif_orientation(void **state)
{
    /* what each orientation shows at the top-left, top-right, bottom-left and bottom-right
     * corners, from the EXIF table (where the stored row 0 and column 0 belong) */
    static const char *const shown[10] = {
        "rgbw", /* 0: no EXIF */
        "rgbw", /* 1: as stored */
        "grwb", /* 2: mirrored left-right */
        "wbgr", /* 3: turned half round */
        "bwrg", /* 4: mirrored top-bottom */
        "rbgw", /* 5: transposed */
        "brwg", /* 6: turned a quarter clockwise */
        "wgbr", /* 7: transversed */
        "gwrb", /* 8: turned a quarter anticlockwise */
        "rgbw", /* 9: not an orientation: as stored */
    };
    (void)state;
    for (int o = 0; o <= 9; o++) {
        struct media_variant v[MEDIA_N_WIDTHS];
        size_t len;
        unsigned char *p = quadrant_jpeg(o, &len);
        int sideways = o >= 5 && o <= 8;
        gdImagePtr im;
        char got[5];
        assert_int_equal(media_scale(p, len, MEDIA_MAX_PIXELS_DEFAULT, v), HERALD_OK);
        free(p);
        /* every width is above 64: the largest copy is the image at its own size */
        assert_int_equal(v[3].w, sideways ? 32 : 64);
        assert_int_equal(v[3].h, sideways ? 64 : 32);
        im = gdImageCreateFromWebpPtr((int)v[3].len, v[3].data);
        assert_non_null(im);
        got[0] = quadrant_at(im, 4, 4);
        got[1] = quadrant_at(im, gdImageSX(im) - 5, 4);
        got[2] = quadrant_at(im, 4, gdImageSY(im) - 5);
        got[3] = quadrant_at(im, gdImageSX(im) - 5, gdImageSY(im) - 5);
        got[4] = '\0';
        if (strcmp(got, shown[o]) != 0)
            fprintf(stderr, "orientation %d: corners %s, want %s\n", o, got, shown[o]);
        assert_string_equal(got, shown[o]);
        gdImageDestroy(im);
        for (int i = 0; i < MEDIA_N_WIDTHS; i++)
            free(v[i].data);
    }
}

/* ---------------------------------------------------------------- the proxy */

struct origin {
    void *png;
    int png_len;
};

static void handle(const struct testhttpd_request *rq, struct testhttpd_response *rs, void *ctx)
{
    struct origin *o = ctx;
    if (strcmp(rq->path, "/a.png") == 0 || strcmp(rq->path, "/b.png") == 0) {
        testhttpd_set_body_len(rs, o->png, (size_t)o->png_len);
        testhttpd_add_header(rs, "Content-Type", "text/html"); /* the bytes decide */
    } else if (strcmp(rq->path, "/logo.svg") == 0) {
        testhttpd_set_body(rs, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script>"
                               "</svg>");
        testhttpd_add_header(rs, "Content-Type", "image/svg+xml");
    } else if (strcmp(rq->path, "/huge.png") == 0) {
        rs->fill_len = MEDIA_MAX_BYTES + 1024 * 1024;
    } else {
        rs->status = 404;
    }
}

static const char *const allow_loopback[] = {"127.0.0.1"};

static media_proxy *new_proxy(const char *dir, int loopback, int files, uint64_t max_bytes)
{
    struct media_config mc;
    struct fetch_config fc;
    media_proxy *p = NULL;
    fetch_config_init(&fc);
    if (loopback) {
        fc.allow = allow_loopback;
        fc.n_allow = 1;
    }
    media_config_init(&mc);
    mc.dir = dir;
    mc.fetch = &fc;
    mc.allow_file_urls = files;
    if (max_bytes)
        mc.max_bytes = max_bytes;
    assert_int_equal(media_proxy_new(&mc, &p), HERALD_OK);
    return p;
}

/* Splits "/media/{sig}/{w}?u={b64}" into its parts. */
static void split(const char *path, char sig[33], int *w, const char **u)
{
    assert_int_equal(strncmp(path, "/media/", 7), 0);
    memcpy(sig, path + 7, 32);
    sig[32] = '\0';
    *w = atoi(path + 40);
    *u = strstr(path, "?u=") + 3;
}

static void test_signing(void **state)
{
    char *dir = test_tmpdir(), *dir2 = test_tmpdir();
    media_proxy *p = new_proxy(dir, 0, 0, 0), *other = new_proxy(dir2, 0, 0, 0), *again;
    struct strbuf sb = STRBUF_INIT, bad = STRBUF_INIT;
    const char *u;
    char sig[33], *url = NULL;
    int w;
    (void)state;
    media_path(p, &sb, "http://img.example/a b.jpg", 640); /* a space: not a clean URL */
    assert_int_equal(sb.len, 0);
    media_path(p, &sb, "javascript:alert(1)", 640);
    media_path(p, &sb, "file:///etc/passwd", 640); /* file: URLs not allowed */
    media_path(p, &sb, "data:image/png;base64,AAAA", 640);
    assert_int_equal(sb.len, 0);

    media_path(p, &sb, "http://img.example/a.jpg?x=1&y=2", 320);
    split(sb.buf, sig, &w, &u);
    assert_int_equal(w, 320);
    assert_null(strchr(u, '&')); /* base64url: nothing to escape in a query or attribute */
    assert_int_equal(media_verify(p, sig, u, &url), HERALD_OK);
    assert_string_equal(url, "http://img.example/a.jpg?x=1&y=2");
    free(url);
    /* another server's secret, a changed signature, a changed URL */
    assert_int_equal(media_verify(other, sig, u, &url), HERALD_E_NOTFOUND);
    char c0 = sig[0];
    sig[0] = c0 == 'a' ? 'b' : 'a';
    assert_int_equal(media_verify(p, sig, u, &url), HERALD_E_NOTFOUND);
    sig[0] = c0;
    strbuf_adds(&bad, u);
    bad.buf[3] = bad.buf[3] == 'A' ? 'B' : 'A';
    assert_int_equal(media_verify(p, sig, bad.buf, &url), HERALD_E_NOTFOUND);
    assert_int_equal(media_verify(p, "../../etc/passwd", u, &url), HERALD_E_NOTFOUND);
    assert_int_equal(media_verify(p, sig, "", &url), HERALD_E_NOTFOUND);
    assert_int_equal(media_verify(p, sig, "!!!", &url), HERALD_E_NOTFOUND);
    /* the secret is on disk, private, and the next start reads it: URLs survive restarts */
    struct strbuf sp = STRBUF_INIT;
    struct stat st;
    strbuf_addf(&sp, "%s/secret", dir);
    assert_int_equal(stat(sp.buf, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 32);
    again = new_proxy(dir, 0, 0, 0);
    assert_int_equal(media_verify(again, sig, u, &url), HERALD_OK);
    free(url);
    media_proxy_free(again);
    strbuf_release(&sp);
    strbuf_release(&bad);
    strbuf_release(&sb);
    media_proxy_free(p);
    media_proxy_free(other);
    test_rmtree(dir);
    test_rmtree(dir2);
    free(dir);
    free(dir2);
}

/* Fetches url through p at width; returns the status (and checks a success is WebP). */
static herald_status get(media_proxy *p, const char *url, int width, struct media_image *im)
{
    struct strbuf sb = STRBUF_INIT;
    const char *u;
    char sig[33], *verified = NULL;
    int w;
    herald_status rc;
    media_path(p, &sb, url, width);
    assert_true(sb.len > 0);
    split(sb.buf, sig, &w, &u);
    assert_int_equal(media_verify(p, sig, u, &verified), HERALD_OK);
    rc = media_get(p, sig, verified, w, im);
    if (rc == HERALD_OK)
        assert_int_equal(media_sniff(im->data, im->len), MEDIA_WEBP);
    free(verified);
    strbuf_release(&sb);
    return rc;
}

static void test_fetch_policy(void **state)
{
    struct origin o;
    testhttpd *srv;
    char *dir = test_tmpdir(), *a, *svg, *huge, *missing;
    media_proxy *strict, *p;
    struct media_image im;
    struct media_stats s;
    (void)state;
    o.png = make_image(MEDIA_PNG, 800, 600, &o.png_len);
    srv = testhttpd_start(handle, &o);
    a = testhttpd_url(srv, "/a.png");
    svg = testhttpd_url(srv, "/logo.svg");
    huge = testhttpd_url(srv, "/huge.png");
    missing = testhttpd_url(srv, "/gone.png");

    /* the default SSRF policy refuses loopback: no request reaches the origin */
    strict = new_proxy(dir, 0, 0, 0);
    assert_int_equal(get(strict, a, 640, &im), HERALD_E_DENIED);
    assert_int_equal(testhttpd_requests(srv), 0);
    media_proxy_free(strict);

    /* allowed: one fetch serves every width; an image is never enlarged */
    p = new_proxy(dir, 1, 0, 0);
    assert_int_equal(get(p, a, 320, &im), HERALD_OK);
    {
        enum media_type t;
        uint32_t w, h;
        assert_int_equal(media_probe(im.data, im.len, &t, &w, &h), HERALD_OK);
        assert_int_equal(w, 320);
        assert_int_equal(h, 240);
        assert_non_null(strstr(im.etag, "-320\""));
        free(im.data);
    }
    assert_int_equal(get(p, a, 1280, &im), HERALD_OK);
    {
        enum media_type t;
        uint32_t w, h;
        assert_int_equal(media_probe(im.data, im.len, &t, &w, &h), HERALD_OK);
        assert_int_equal(w, 800);
        free(im.data);
    }
    assert_int_equal(get(p, a, 160, &im), HERALD_OK);
    free(im.data);
    assert_int_equal(testhttpd_requests(srv), 1);
    media_proxy_stats(p, &s);
    assert_int_equal(s.fetches, 1);
    assert_int_equal(s.files, MEDIA_N_WIDTHS);

    /* SVG is script: refused whatever its Content-Type; the failure is remembered */
    assert_int_equal(get(p, svg, 640, &im), HERALD_E_UNSUPPORTED);
    assert_int_equal(get(p, svg, 320, &im), HERALD_E_UNSUPPORTED);
    assert_int_equal(testhttpd_requests(srv), 2);
    /* the size cap: more than MEDIA_MAX_BYTES is cut off */
    assert_int_equal(get(p, huge, 640, &im), HERALD_E_TOOBIG);
    /* an origin error */
    assert_int_equal(get(p, missing, 640, &im), HERALD_E_HTTP);
    /* a width that is not one of MEDIA_WIDTHS */
    {
        struct strbuf sb = STRBUF_INIT;
        media_path(p, &sb, a, 640);
        char sig[33];
        memcpy(sig, sb.buf + 7, 32);
        sig[32] = '\0';
        assert_int_equal(media_get(p, sig, a, 500, &im), HERALD_E_NOTFOUND);
        strbuf_release(&sb);
    }
    media_proxy_free(p);

    testhttpd_stop(srv);
    gdFree(o.png);
    free(a);
    free(svg);
    free(huge);
    free(missing);
    test_rmtree(dir);
    free(dir);
}

/* Writes an image file in dir and returns its file: URL (malloc'd). */
static char *image_file(const char *dir, const char *name, int w, int h)
{
    struct strbuf path = STRBUF_INIT;
    int size;
    void *p = make_image(MEDIA_JPEG, w, h, &size);
    FILE *f;
    strbuf_addf(&path, "%s/%s", dir, name);
    f = fopen(path.buf, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    gdFree(p);
    struct strbuf url = STRBUF_INIT;
    strbuf_addf(&url, "file://%s", path.buf);
    strbuf_release(&path);
    return strbuf_detach(&url, NULL);
}

/* Sets the times of every cached file of the image at url back by age seconds. */
static void age_image(media_proxy *p, const char *cache, const char *url, int64_t age)
{
    struct strbuf sb = STRBUF_INIT;
    media_path(p, &sb, url, 640);
    for (int i = 0; i < MEDIA_N_WIDTHS; i++) {
        struct strbuf f = STRBUF_INIT;
        struct timespec ts[2];
        clock_gettime(CLOCK_REALTIME, &ts[0]);
        ts[0].tv_sec -= age;
        ts[1] = ts[0];
        strbuf_addf(&f, "%s/%.2s/%.32s-%d.webp", cache, sb.buf + 7, sb.buf + 7, MEDIA_WIDTHS[i]);
        assert_int_equal(utimensat(AT_FDCWD, f.buf, ts, 0), 0);
        strbuf_release(&f);
    }
    strbuf_release(&sb);
}

static int cached(const char *cache, media_proxy *p, const char *url)
{
    struct strbuf sb = STRBUF_INIT, f = STRBUF_INIT;
    struct stat st;
    int ok;
    media_path(p, &sb, url, 640);
    strbuf_addf(&f, "%s/%.2s/%.32s-640.webp", cache, sb.buf + 7, sb.buf + 7);
    ok = stat(f.buf, &st) == 0;
    strbuf_release(&sb);
    strbuf_release(&f);
    return ok;
}

static void test_eviction(void **state)
{
    char *dir = test_tmpdir(), *cache;
    char *urls[4];
    struct strbuf cp = STRBUF_INIT;
    media_proxy *p;
    struct media_image im;
    struct media_stats s;
    uint64_t one;
    (void)state;
    strbuf_addf(&cp, "%s/cache", dir);
    cache = strbuf_detach(&cp, NULL);
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof(name), "%d.jpg", i);
        urls[i] = image_file(dir, name, 900, 600);
    }
    /* file: images only when allowed */
    p = new_proxy(cache, 0, 0, 0);
    {
        struct strbuf sb = STRBUF_INIT;
        media_path(p, &sb, urls[0], 640);
        assert_int_equal(sb.len, 0);
        strbuf_release(&sb);
    }
    media_proxy_free(p);

    /* measure one image's files, then bound the cache at three and a half images */
    p = new_proxy(cache, 0, 1, 0);
    assert_int_equal(get(p, urls[0], 640, &im), HERALD_OK);
    free(im.data);
    media_proxy_stats(p, &s);
    one = s.bytes;
    assert_true(one > 0);
    media_proxy_free(p);
    test_rmtree(cache);

    p = new_proxy(cache, 0, 1, one * 7 / 2);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(get(p, urls[i], 640, &im), HERALD_OK);
        free(im.data);
    }
    /* 0 is the least recently used; 1 was read again after aging (a hit refreshes it) */
    age_image(p, cache, urls[0], 30000);
    age_image(p, cache, urls[1], 20000);
    age_image(p, cache, urls[2], 10000);
    assert_int_equal(get(p, urls[1], 320, &im), HERALD_OK);
    free(im.data);
    media_proxy_stats(p, &s);
    assert_int_equal(s.evicted, 0);
    assert_int_equal(get(p, urls[3], 640, &im), HERALD_OK); /* crosses the bound */
    free(im.data);
    media_proxy_stats(p, &s);
    assert_true(s.evicted > 0);
    assert_true(s.bytes <= one * 7 / 2 / 10 * 9 + 1);
    assert_false(cached(cache, p, urls[0]));
    assert_true(cached(cache, p, urls[3]));
    assert_true(cached(cache, p, urls[1]));
    /* a new start counts what is on disk */
    {
        media_proxy *q = new_proxy(cache, 0, 1, one * 7 / 2);
        struct media_stats t;
        media_proxy_stats(q, &t);
        assert_int_equal(t.bytes, s.bytes);
        media_proxy_free(q);
    }
    media_proxy_free(p);
    for (int i = 0; i < 4; i++)
        free(urls[i]);
    test_rmtree(dir);
    free(cache);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_probe_real_images),
        cmocka_unit_test(test_pixel_cap),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_exif_orientation),
        cmocka_unit_test(test_signing),
        cmocka_unit_test(test_fetch_policy),
        cmocka_unit_test(test_eviction),
    };
    fetch_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
