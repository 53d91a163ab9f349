/*
 * media.c - the web side of the image proxy (media/media.h): the /media routes and the
 * image URLs the pages and the API write.
 *
 *   GET /media/{sig}/{width}?u={b64}  a publisher image through the proxy (media_get):
 *                                     WebP, immutable for a year, its own strict CSP
 *   GET /media/{id}/{width}           an article's lead image stored as a file: URL (a
 *   GET /media/{id}                   local collection): the proxy too, after the link
 *                                     policy check of the article's feed; for an http(s)
 *                                     lead image, a redirect to its signed URL (older
 *                                     clients of the API kept /media/{id})
 *
 * Rendering: every image a page shows goes through web_media_src (one width) or
 * web_media_srcset (the widths a responsive <img> offers).  The stored article HTML keeps
 * the publisher's URLs; web_render_body rewrites its <img> elements at render time (it
 * scans the sanitizer's own serialisation, where a literal "<img" can only start a tag and
 * attribute values are always double-quoted and escaped), so articles stored before the
 * proxy work unchanged.  An image the proxy will not take is dropped: the page's CSP would
 * block it anyway.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/url.h"
#include "html/escape.h"
#include "media/media.h"
#include "store/store.h"
#include "web/arena.h"
#include "web/internal.h"
#include "web/view.h"

#include "core/banned.h"

#define IMAGE_CSP "default-src 'none'; sandbox"
#define IMMUTABLE "public, max-age=31536000, immutable"

/* ---------------------------------------------------------------- URLs for the pages */

/* The proxy's path for url at width into sb; 0 (nothing written) when it is not shown.
 * id names the article whose lead image a file: url is (NULL for body images). */
static int put_path(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                    const char *url, int width)
{
    if (!url || !ctx->media)
        return 0;
    if (url_is_file(url) && id) {
        if (!ctx->local_images || !url_is_article_id(id))
            return 0;
        strbuf_addf(sb, "/media/%s/%d", id, width);
        return 1;
    }
    if (!media_url_ok(ctx->media, url))
        return 0;
    media_path(ctx->media, sb, url, width);
    return 1;
}

int web_media_src(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                  const char *url, int width)
{
    struct strbuf p = STRBUF_INIT;
    int ok = put_path(&p, ctx, id, url, width);
    if (ok)
        html_escape_attr(sb, p.buf);
    strbuf_release(&p);
    return ok;
}

int web_media_shown(const struct web_render_ctx *ctx, const char *id, const char *url)
{
    struct strbuf p = STRBUF_INIT;
    int ok = put_path(&p, ctx, id, url, MEDIA_WIDTH_THUMB);
    strbuf_release(&p);
    return ok;
}

void web_media_srcset(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                      const char *url, const int *widths, size_t n, int density)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_adds(sb, ", ");
        web_media_src(sb, ctx, id, url, widths[i]);
        if (density)
            strbuf_addf(sb, " %zux", i + 1);
        else
            strbuf_addf(sb, " %dw", widths[i]);
    }
}

/* ---------------------------------------------------------------- article bodies */

/* The value of attribute name in the tag text [p, end) (our serialisation: name="value"),
 * unescaped into out; 1 when present with a value. */
static int tag_attr(const char *p, const char *end, const char *name, struct strbuf *out)
{
    size_t nl = strlen(name);
    strbuf_reset(out);
    for (const char *s = p; s + nl + 2 < end; s++) {
        const char *v, *q;
        if (s[0] != ' ' || strncmp(s + 1, name, nl) != 0 || s[1 + nl] != '=' || s[2 + nl] != '"')
            continue;
        v = s + 3 + nl;
        q = memchr(v, '"', (size_t)(end - v));
        if (!q)
            return 0;
        while (v < q) { /* the inverse of html_escape_attr */
            static const struct {
                const char *ent;
                char c;
            } ents[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            size_t k;
            for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
                size_t el = strlen(ents[k].ent);
                if ((size_t)(q - v) >= el && strncmp(v, ents[k].ent, el) == 0) {
                    strbuf_addch(out, ents[k].c);
                    v += el;
                    break;
                }
            }
            if (k == sizeof(ents) / sizeof(ents[0]))
                strbuf_addch(out, *v++);
        }
        return 1;
    }
    return 0;
}

/* Copies the attributes of tag text [p, end) but those named in drop. */
static void copy_attrs(struct strbuf *sb, const char *p, const char *end, const char *const *drop)
{
    while (p < end) {
        const char *s = p, *name = p + 1, *e;
        size_t nl;
        int skip = 0;
        if (*p != ' ') {
            p++;
            continue;
        }
        e = name;
        while (e < end && *e != '=' && *e != ' ')
            e++;
        nl = (size_t)(e - name);
        if (e < end && *e == '=' && e + 1 < end && e[1] == '"') {
            const char *q = memchr(e + 2, '"', (size_t)(end - e - 2));
            e = q ? q + 1 : end;
        }
        for (const char *const *d = drop; *d; d++)
            if (strlen(*d) == nl && strncmp(name, *d, nl) == 0)
                skip = 1;
        if (!skip)
            strbuf_add(sb, s, (size_t)(e - s));
        p = e;
    }
}

void web_render_body(struct strbuf *sb, const struct web_render_ctx *ctx, const char *html)
{
    static const int widths[] = {320, 640, 1280};
    static const char *const img_drop[] = {"src", "srcset", "sizes", "loading", "decoding", NULL};
    static const char *const source_drop[] = {"srcset", NULL};
    struct strbuf src = STRBUF_INIT;
    const char *p = html;
    for (;;) {
        const char *img = strstr(p, "<img "), *source = strstr(p, "<source ");
        const char *t = img && (!source || img < source) ? img : source;
        const char *end;
        if (!t) {
            strbuf_adds(sb, p);
            break;
        }
        end = strchr(t, '>');
        if (!end) {
            strbuf_adds(sb, p);
            break;
        }
        strbuf_add(sb, p, (size_t)(t - p));
        if (t == source) { /* a <picture>'s alternatives: the <img> is the one we proxy */
            strbuf_adds(sb, "<source");
            copy_attrs(sb, t + 7, end, source_drop);
            strbuf_addch(sb, '>');
        } else if (tag_attr(t + 4, end, "src", &src) && web_media_shown(ctx, NULL, src.buf)) {
            strbuf_adds(sb, "<img src=\"");
            web_media_src(sb, ctx, NULL, src.buf, MEDIA_WIDTH_DEFAULT);
            strbuf_adds(sb, "\" srcset=\"");
            web_media_srcset(sb, ctx, NULL, src.buf, widths, 3, 0);
            strbuf_adds(sb, "\" sizes=\"" WEB_MEDIA_SIZES "\" loading=\"lazy\" "
                            "decoding=\"async\"");
            copy_attrs(sb, t + 4, end, img_drop);
            strbuf_addch(sb, '>');
        }
        /* else: an image the proxy will not take is left out */
        p = end + 1;
    }
    strbuf_release(&src);
}

/* ---------------------------------------------------------------- the routes */

static void serve_image(struct web_request *rq, struct web_response *resp, const char *sig,
                        const char *url, int width, const char *cache_control)
{
    media_proxy *mp = web_req_media(rq);
    struct media_image im;
    herald_status rc;
    if (!mp) {
        web_page_error(rq, resp, 404, "There is no such image.");
        return;
    }
    rc = media_get(mp, sig, url, width, &im);
    switch (rc) {
    case HERALD_OK:
        resp->content_type = im.type;
        strbuf_add(&resp->body, im.data, im.len);
        free(im.data);
        resp->cache_control = cache_control;
        resp->csp = IMAGE_CSP;
        return;
    case HERALD_E_NOTFOUND:
        web_page_error(rq, resp, 404, "There is no such image.");
        break;
    case HERALD_E_UNSUPPORTED:
    case HERALD_E_PARSE:
        web_page_error(rq, resp, 415, "That is not an image herald shows.");
        break;
    case HERALD_E_TOOBIG:
        web_page_error(rq, resp, 415, "That image is too large.");
        break;
    case HERALD_E_TIMEOUT:
        web_page_error(rq, resp, 503, "The image could not be fetched in time.");
        resp->retry_after = 30;
        break;
    case HERALD_E_IO:
        web_page_error(rq, resp, 500, "The image cache failed.");
        break;
    default: /* denied by the SSRF policy, HTTP or network errors at the origin */
        web_page_error(rq, resp, 502, "The image could not be fetched.");
        break;
    }
    resp->cache_control = "public, max-age=300";
}

void web_media_proxy(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    media_proxy *mp = web_req_media(rq);
    const char *sig = web_route_param(r, "id");
    int64_t width = web_route_param_int(r, "width");
    char *url = NULL;
    if (!web_req_arg(rq, "u")) { /* /media/{id}/{width}: an article's lead image */
        web_media(rq, r, resp);
        return;
    }
    if (!mp || !media_width_valid(width) ||
        media_verify(mp, sig, web_req_arg(rq, "u"), &url) != HERALD_OK) {
        web_page_error(rq, resp, 404, "There is no such image.");
        return;
    }
    serve_image(rq, resp, sig, url, (int)width, IMMUTABLE);
    free(url);
}

/* Whether the file: image of article a may be served: only with allow_file_urls and only
 * when the article came from a local feed (the link policy of core/url.h, checked again
 * here for databases written before ingest enforced it). */
static int local_image_allowed(struct web_request *rq, store *st, const struct store_article *a)
{
    struct store_feed f;
    int ok;
    if (!web_req_config(rq)->allow_file_urls || !url_is_file(a->image_url) || a->feed_id <= 0)
        return 0;
    store_feed_init(&f);
    ok =
        store_feed_get(st, a->feed_id, &f) == HERALD_OK && url_link_allowed(f.url, a->image_url, 1);
    store_feed_release(&f);
    return ok;
}

void web_media(struct web_request *rq, const struct web_route *r, struct web_response *resp)
{
    struct store_article a;
    media_proxy *mp = web_req_media(rq);
    int64_t width =
        web_route_param(r, "width") ? web_route_param_int(r, "width") : MEDIA_WIDTH_DEFAULT;
    store *st;
    store_article_init(&a);
    if (!mp || !media_width_valid(width) || web_req_store(rq, &st) ||
        store_article_get(st, web_route_param(r, "id"), &a) || !a.image_url) {
        web_page_error(rq, resp, 404, "There is no such image.");
        goto out;
    }
    if (url_is_http(a.image_url) && media_url_ok(mp, a.image_url)) {
        struct strbuf loc = STRBUF_INIT;
        media_path(mp, &loc, a.image_url, (int)width);
        resp->status = 302;
        resp->location = web_arena_strdup(web_req_arena(rq), loc.buf);
        resp->cache_control = "public, max-age=3600";
        strbuf_release(&loc);
        goto out;
    }
    if (!local_image_allowed(rq, st, &a) || !media_url_ok(mp, a.image_url)) {
        web_page_error(rq, resp, 404, "There is no such image.");
        goto out;
    }
    {
        struct strbuf sig = STRBUF_INIT, path = STRBUF_INIT;
        /* the proxy's cache key for the file: URL is its signature, taken from its path */
        media_path(mp, &path, a.image_url, (int)width);
        strbuf_add(&sig, path.buf + strlen("/media/"), MEDIA_SIG_LEN);
        /* the file can change under the same URL: a day, not immutable */
        serve_image(rq, resp, sig.buf, a.image_url, (int)width, "public, max-age=86400");
        strbuf_release(&sig);
        strbuf_release(&path);
    }
out:
    store_article_release(&a);
}
