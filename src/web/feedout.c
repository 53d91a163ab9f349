/*
 * feedout.c - see feedout.h.  Three writers over one document model; the shared parts
 * are the entry's URLs (entry_urls) and the escaping helpers X() and the abs_*() writers.
 */
#include "web/feedout.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/utf8.h"
#include "html/escape.h"

#include "core/banned.h"

#define X(sb, s) html_escape_xml((sb), (s))

static int nonempty(const char *s)
{
    return s && *s;
}

int web_feed_format_from_ext(const char *ext)
{
    if (!ext)
        return -1;
    if (strcmp(ext, "xml") == 0)
        return WEB_FEED_RSS;
    if (strcmp(ext, "atom") == 0)
        return WEB_FEED_ATOM;
    if (strcmp(ext, "json") == 0)
        return WEB_FEED_JSON;
    return -1;
}

const char *web_feed_content_type(enum web_feed_format fmt)
{
    switch (fmt) {
    case WEB_FEED_ATOM:
        return "application/atom+xml; charset=utf-8";
    case WEB_FEED_JSON:
        return "application/feed+json; charset=utf-8";
    case WEB_FEED_RSS:
    default:
        return "application/rss+xml; charset=utf-8";
    }
}

/* base + path (+ ".ext") (+ "?" query) as a plain string into sb (not escaped). */
static void abs_url(struct strbuf *sb, const struct web_render_ctx *ctx, const char *path,
                    const char *ext, const char *query)
{
    if (nonempty(ctx->base))
        strbuf_adds(sb, ctx->base);
    strbuf_adds(sb, path);
    if (ext)
        strbuf_adds(sb, ext);
    if (nonempty(query)) {
        strbuf_addch(sb, '?');
        strbuf_adds(sb, query);
    }
}

/* The URLs of one entry, plain strings (the writers escape them). */
struct entry_urls {
    struct strbuf page;   /* herald's article page */
    struct strbuf id;     /* urn:herald:article:<id> */
    const char *orig;     /* the canonical URL, else the item's link; NULL when not http(s) */
    struct strbuf image;  /* the lead image, absolute or /media/ on this site; "" when none */
    struct strbuf source; /* the publisher's page on herald; "" when none */
};

static void entry_urls(struct entry_urls *u, const struct web_render_ctx *ctx,
                       const struct web_item *it)
{
    struct strbuf img = STRBUF_INIT;
    strbuf_reset(&u->page);
    strbuf_reset(&u->id);
    strbuf_reset(&u->image);
    strbuf_reset(&u->source);
    abs_url(&u->page, ctx, "/article/", NULL, NULL);
    strbuf_adds(&u->page, it->id);
    strbuf_adds(&u->id, "urn:herald:article:");
    strbuf_adds(&u->id, it->id);
    u->orig = web_url_is_safe(it->canonical_url) ? it->canonical_url
              : web_url_is_safe(it->url)         ? it->url
                                                 : NULL;
    /* the lead image through herald's image proxy (media/media.h), like the pages */
    if (web_media_path(&img, ctx, it->id, it->image_url, WEB_PREVIEW_WIDTH))
        abs_url(&u->image, ctx, img.buf, NULL, NULL);
    strbuf_release(&img);
    if (it->source_id > 0) {
        abs_url(&u->source, ctx, "/source/", NULL, NULL);
        strbuf_addf(&u->source, "%lld", (long long)it->source_id);
    }
}

static void entry_urls_release(struct entry_urls *u)
{
    strbuf_release(&u->page);
    strbuf_release(&u->id);
    strbuf_release(&u->image);
    strbuf_release(&u->source);
}

/* The feed's own id: its absolute URL when a base is known, else urn:herald:feed:<key>. */
static void feed_id(struct strbuf *sb, const struct web_render_ctx *ctx,
                    const struct web_feed_doc *doc)
{
    if (nonempty(ctx->base)) {
        abs_url(sb, ctx, doc->feed_path, NULL, doc->query);
        return;
    }
    strbuf_adds(sb, "urn:herald:feed:");
    strbuf_adds(sb, nonempty(doc->key) ? doc->key : "feed");
    if (nonempty(doc->query)) {
        strbuf_addch(sb, ':');
        strbuf_adds(sb, doc->query);
    }
}

static size_t n_written(const struct web_feed_doc *doc)
{
    return doc->n_items < WEB_FEED_MAX_ITEMS ? doc->n_items : WEB_FEED_MAX_ITEMS;
}

static int64_t item_updated(const struct web_item *it)
{
    if (it->updated != TIME_NONE && (it->published == TIME_NONE || it->updated > it->published))
        return it->updated;
    return it->published;
}

static int64_t doc_updated(const struct web_render_ctx *ctx, const struct web_feed_doc *doc)
{
    int64_t t = doc->updated;
    if (t != TIME_NONE)
        return t;
    for (size_t i = 0; i < n_written(doc); i++) {
        int64_t u = item_updated(&doc->items[i]);
        if (u != TIME_NONE && (t == TIME_NONE || u > t))
            t = u;
    }
    return t != TIME_NONE ? t : ctx->now;
}

static const char *item_title(const struct web_item *it)
{
    return nonempty(it->title) ? it->title : "(untitled)";
}

/* ---- RSS 2.0 ------------------------------------------------------------------------ */

static void write_rss(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_feed_doc *doc)
{
    struct entry_urls u = {STRBUF_INIT, STRBUF_INIT, NULL, STRBUF_INIT, STRBUF_INIT};
    struct strbuf v = STRBUF_INIT;
    char date[TIME_HTTP_LEN];

    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                     "xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n<title>");
    X(out, doc->title);
    strbuf_adds(out, "</title>\n<link>");
    abs_url(&v, ctx, doc->page_path, NULL, NULL);
    X(out, v.buf);
    strbuf_adds(out, "</link>\n<description>");
    X(out, nonempty(doc->description) ? doc->description : doc->title);
    strbuf_adds(out,
                "</description>\n<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"");
    strbuf_reset(&v);
    abs_url(&v, ctx, doc->feed_path, ".xml", doc->query);
    X(out, v.buf);
    strbuf_adds(out, "\"/>\n");
    if (nonempty(doc->language)) {
        strbuf_adds(out, "<language>");
        X(out, doc->language);
        strbuf_adds(out, "</language>\n");
    }
    strbuf_adds(out, "<lastBuildDate>");
    X(out, time_format_http(doc_updated(ctx, doc), date));
    strbuf_adds(out, "</lastBuildDate>\n<generator>herald " HERALD_VERSION "</generator>\n");
    for (size_t i = 0; i < n_written(doc); i++) {
        const struct web_item *it = &doc->items[i];
        entry_urls(&u, ctx, it);
        strbuf_adds(out, "<item>\n<title>");
        X(out, item_title(it));
        strbuf_adds(out, "</title>\n<link>");
        X(out, u.page.buf);
        strbuf_adds(out, "</link>\n<guid isPermaLink=\"false\">");
        X(out, u.id.buf);
        strbuf_adds(out, "</guid>\n");
        if (u.orig) {
            strbuf_adds(out, "<atom:link rel=\"related\" href=\"");
            X(out, u.orig);
            strbuf_adds(out, "\"/>\n");
        }
        if (it->published != TIME_NONE) {
            strbuf_adds(out, "<pubDate>");
            X(out, time_format_http(it->published, date));
            strbuf_adds(out, "</pubDate>\n");
        }
        if (nonempty(it->author)) {
            strbuf_adds(out, "<dc:creator>");
            X(out, it->author);
            strbuf_adds(out, "</dc:creator>\n");
        }
        if (nonempty(it->summary)) {
            strbuf_adds(out, "<description>");
            X(out, it->summary);
            strbuf_adds(out, "</description>\n");
        }
        if (nonempty(it->source_name) && u.source.len) {
            /* RSS <source url> names the publisher's feed: its feed on herald */
            strbuf_adds(out, "<source url=\"");
            X(out, u.source.buf);
            strbuf_adds(out, "/feed.xml\">");
            X(out, it->source_name);
            strbuf_adds(out, "</source>\n");
        }
        if (u.image.len) {
            strbuf_adds(out, "<media:content medium=\"image\" url=\"");
            X(out, u.image.buf);
            strbuf_adds(out, "\"/>\n");
        }
        strbuf_adds(out, "</item>\n");
    }
    strbuf_adds(out, "</channel>\n</rss>\n");
    entry_urls_release(&u);
    strbuf_release(&v);
}

/* ---- Atom 1.0 ----------------------------------------------------------------------- */

static void atom_link(struct strbuf *out, const char *rel, const char *type, const char *href)
{
    strbuf_adds(out, "<link rel=\"");
    strbuf_adds(out, rel);
    if (type) {
        strbuf_adds(out, "\" type=\"");
        strbuf_adds(out, type);
    }
    strbuf_adds(out, "\" href=\"");
    X(out, href);
    strbuf_adds(out, "\"/>\n");
}

static void write_atom(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_feed_doc *doc)
{
    struct entry_urls u = {STRBUF_INIT, STRBUF_INIT, NULL, STRBUF_INIT, STRBUF_INIT};
    struct strbuf v = STRBUF_INIT;
    char date[TIME_RFC3339_LEN];
    int64_t feed_updated = doc_updated(ctx, doc);

    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if (nonempty(doc->language)) {
        strbuf_adds(out, " xml:lang=\"");
        X(out, doc->language);
        strbuf_adds(out, "\"");
    }
    strbuf_adds(out, ">\n<id>");
    feed_id(&v, ctx, doc);
    X(out, v.buf);
    strbuf_adds(out, "</id>\n<title type=\"text\">");
    X(out, doc->title);
    strbuf_adds(out, "</title>\n");
    if (nonempty(doc->description)) {
        strbuf_adds(out, "<subtitle type=\"text\">");
        X(out, doc->description);
        strbuf_adds(out, "</subtitle>\n");
    }
    strbuf_adds(out, "<updated>");
    X(out, time_format_rfc3339(feed_updated, date));
    strbuf_adds(out, "</updated>\n");
    strbuf_reset(&v);
    abs_url(&v, ctx, doc->page_path, NULL, NULL);
    atom_link(out, "alternate", "text/html", v.buf);
    strbuf_reset(&v);
    abs_url(&v, ctx, doc->feed_path, ".atom", doc->query);
    atom_link(out, "self", "application/atom+xml", v.buf);
    strbuf_adds(out, "<author><name>herald</name></author>\n"
                     "<generator version=\"" HERALD_VERSION "\">herald</generator>\n");
    for (size_t i = 0; i < n_written(doc); i++) {
        const struct web_item *it = &doc->items[i];
        int64_t upd = item_updated(it);
        entry_urls(&u, ctx, it);
        strbuf_adds(out, "<entry>\n<id>");
        X(out, u.id.buf);
        strbuf_adds(out, "</id>\n<title type=\"text\">");
        X(out, item_title(it));
        strbuf_adds(out, "</title>\n<updated>");
        X(out, time_format_rfc3339(upd != TIME_NONE ? upd : feed_updated, date));
        strbuf_adds(out, "</updated>\n");
        if (it->published != TIME_NONE) {
            strbuf_adds(out, "<published>");
            X(out, time_format_rfc3339(it->published, date));
            strbuf_adds(out, "</published>\n");
        }
        atom_link(out, "alternate", "text/html", u.page.buf);
        if (u.orig)
            atom_link(out, "related", "text/html", u.orig);
        if (u.image.len)
            atom_link(out, "enclosure", NULL, u.image.buf);
        if (nonempty(it->author) || nonempty(it->source_name)) {
            strbuf_adds(out, "<author><name>");
            X(out, nonempty(it->author) ? it->author : it->source_name);
            strbuf_adds(out, "</name></author>\n");
        }
        if (nonempty(it->summary)) {
            strbuf_adds(out, "<summary type=\"text\">");
            X(out, it->summary);
            strbuf_adds(out, "</summary>\n");
        }
        if (nonempty(it->source_name)) {
            strbuf_adds(out, "<source>");
            if (u.source.len)
                atom_link(out, "alternate", "text/html", u.source.buf);
            strbuf_adds(out, "<title type=\"text\">");
            X(out, it->source_name);
            strbuf_adds(out, "</title></source>\n");
        }
        strbuf_adds(out, "</entry>\n");
    }
    strbuf_adds(out, "</feed>\n");
    entry_urls_release(&u);
    strbuf_release(&v);
}

/* ---- JSON Feed 1.1 ------------------------------------------------------------------ */

/* Sets key to s when s is non-empty, scrubbed like the XML formats' text (invalid UTF-8,
 * controls and non-characters as U+FFFD), so all three formats carry the same strings. */
static void jset(json_t *o, const char *key, const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *v;
    if (!nonempty(s))
        return;
    utf8_scrub(&sb, s);
    v = json_stringn(sb.buf, sb.len);
    if (v)
        json_object_set_new(o, key, v);
    strbuf_release(&sb);
}

static void jset_time(json_t *o, const char *key, int64_t t)
{
    char buf[TIME_RFC3339_LEN];
    if (t != TIME_NONE)
        json_object_set_new(o, key, json_string(time_format_rfc3339(t, buf)));
}

static void write_json(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_feed_doc *doc)
{
    struct entry_urls u = {STRBUF_INIT, STRBUF_INIT, NULL, STRBUF_INIT, STRBUF_INIT};
    struct strbuf v = STRBUF_INIT;
    json_t *root = json_object(), *items = json_array();
    char *text;

    json_object_set_new(root, "version", json_string("https://jsonfeed.org/version/1.1"));
    jset(root, "title", nonempty(doc->title) ? doc->title : "herald");
    abs_url(&v, ctx, doc->page_path, NULL, NULL);
    jset(root, "home_page_url", v.buf);
    strbuf_reset(&v);
    abs_url(&v, ctx, doc->feed_path, ".json", doc->query);
    jset(root, "feed_url", v.buf);
    jset(root, "description", doc->description);
    jset(root, "language", doc->language);
    for (size_t i = 0; i < n_written(doc); i++) {
        const struct web_item *it = &doc->items[i];
        json_t *o = json_object();
        entry_urls(&u, ctx, it);
        jset(o, "id", u.id.buf);
        jset(o, "url", u.page.buf);
        jset(o, "external_url", u.orig);
        jset(o, "title", item_title(it));
        /* content_text is required (or content_html): the summary, else the title */
        jset(o, "content_text", nonempty(it->summary) ? it->summary : item_title(it));
        jset(o, "summary", it->summary);
        jset(o, "image", u.image.len ? u.image.buf : NULL);
        jset_time(o, "date_published", it->published);
        if (it->updated != TIME_NONE && it->updated != it->published)
            jset_time(o, "date_modified", it->updated);
        if (nonempty(it->author)) {
            json_t *a = json_object();
            jset(a, "name", it->author);
            if (json_object_size(a)) {
                json_t *arr = json_array();
                json_array_append_new(arr, a);
                json_object_set_new(o, "authors", arr);
            } else {
                json_decref(a);
            }
        }
        jset(o, "language", it->language);
        if (nonempty(it->source_name)) {
            json_t *ext = json_object(), *src = json_object();
            jset(src, "name", it->source_name);
            jset(src, "url", u.source.len ? u.source.buf : NULL);
            json_object_set_new(ext, "source", src);
            json_object_set_new(o, "_herald", ext);
        }
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);
    text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    if (text) {
        strbuf_adds(out, text);
        strbuf_addch(out, '\n');
        free(text);
    }
    json_decref(root);
    entry_urls_release(&u);
    strbuf_release(&v);
}

void web_feed_write(struct strbuf *out, enum web_feed_format fmt, const struct web_render_ctx *ctx,
                    const struct web_feed_doc *doc)
{
    switch (fmt) {
    case WEB_FEED_ATOM:
        write_atom(out, ctx, doc);
        break;
    case WEB_FEED_JSON:
        write_json(out, ctx, doc);
        break;
    case WEB_FEED_RSS:
    default:
        write_rss(out, ctx, doc);
        break;
    }
}
