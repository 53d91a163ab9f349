/*
 * render.c - see view.h.  Pages are built by appending to one strbuf: literal markup with
 * strbuf_adds, outside data only through T() (text) and A() (attribute), URLs through
 * put_url_attr().  A page is a head, a header with the site navigation and search box,
 * a <main> with the page body, and a footer; the shared parts are page_open/page_close.
 */
#include "web/view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/url.h"
#include "html/escape.h"
#include "web/reltime.h"

#include "core/banned.h"

#define T(sb, s) html_escape_text((sb), (s))
#define A(sb, s) html_escape_attr((sb), (s))

int web_url_is_safe(const char *url)
{
    return url_is_http(url);
}

static int nonempty(const char *s)
{
    return s && *s;
}

/* <time datetime="exact" title="date, time zone" data-rel>7 hours ago</time> when recent,
 * else <time datetime="exact">4 Dec 2026, 11:05 CET</time>: the text in the site's zone
 * (the same for every reader, so cacheable); herald.js rewrites it to the reader's zone and
 * data-rel tells it which ones stay relative. */
static void put_time(struct strbuf *sb, const struct web_render_ctx *ctx, int64_t t)
{
    char iso[TIME_RFC3339_LEN], text[WEB_RELTIME_LEN], full[WEB_RELTIME_LEN];
    if (t == TIME_NONE)
        return;
    time_format_rfc3339(t, iso);
    web_reltime(t, ctx->now, ctx->zone, text, sizeof(text));
    strbuf_adds(sb, "<time datetime=\"");
    A(sb, iso);
    if (web_reltime_recent(t, ctx->now)) {
        strbuf_adds(sb, "\" title=\"");
        A(sb, web_datetime(t, ctx->zone, full, sizeof(full)));
        strbuf_adds(sb, "\" data-rel");
    } else {
        strbuf_adds(sb, "\"");
    }
    strbuf_adds(sb, ">");
    T(sb, text);
    strbuf_adds(sb, "</time>");
}

void web_render_put_abs(struct strbuf *out, const struct web_render_ctx *ctx, const char *path)
{
    if (nonempty(ctx->base))
        A(out, ctx->base);
    A(out, path);
}

/* What an article page adds to the head for link previews (Open Graph, Twitter cards). */
struct page_og {
    const char *image;           /* the lead image's src (absolute, or /media/... on this site) */
    const char *image_alt;       /* may be NULL */
    int64_t published, modified; /* TIME_NONE when unknown */
    const char *author;          /* may be NULL */
    const char *section;         /* the publisher, may be NULL */
};

static void put_meta(struct strbuf *sb, const char *attr, const char *name, const char *value)
{
    strbuf_addf(sb, "<meta %s=\"", attr);
    A(sb, name);
    strbuf_adds(sb, "\" content=\"");
    A(sb, value);
    strbuf_adds(sb, "\">\n");
}

/* The head's link-preview tags: og:* for every page with a canonical path, article:* and
 * the image for articles; og:url and og:image only when absolute (a base URL is known). */
static void put_og(struct strbuf *sb, const struct web_render_ctx *ctx, const char *title,
                   const char *description, const struct page_og *og)
{
    struct strbuf v = STRBUF_INIT;
    char iso[TIME_RFC3339_LEN];
    const char *img = og && nonempty(og->image) ? og->image : NULL;
    int img_abs = img && web_url_is_safe(img);
    put_meta(sb, "property", "og:site_name", "herald");
    put_meta(sb, "property", "og:type", og ? "article" : "website");
    put_meta(sb, "property", "og:title", nonempty(title) ? title : "herald");
    if (nonempty(description))
        put_meta(sb, "property", "og:description", description);
    if (nonempty(ctx->base) && nonempty(ctx->path)) {
        strbuf_adds(&v, ctx->base);
        strbuf_adds(&v, ctx->path);
        put_meta(sb, "property", "og:url", v.buf);
    }
    if (img && !img_abs && nonempty(ctx->base) && img[0] == '/') {
        strbuf_reset(&v);
        strbuf_adds(&v, ctx->base);
        strbuf_adds(&v, img);
        img = v.buf;
        img_abs = 1;
    }
    if (img_abs) {
        put_meta(sb, "property", "og:image", img);
        if (nonempty(og->image_alt))
            put_meta(sb, "property", "og:image:alt", og->image_alt);
    }
    if (og) {
        if (og->published != TIME_NONE) {
            time_format_rfc3339(og->published, iso);
            put_meta(sb, "property", "article:published_time", iso);
        }
        if (og->modified != TIME_NONE) {
            time_format_rfc3339(og->modified, iso);
            put_meta(sb, "property", "article:modified_time", iso);
        }
        if (nonempty(og->author))
            put_meta(sb, "property", "article:author", og->author);
        if (nonempty(og->section))
            put_meta(sb, "property", "article:section", og->section);
    }
    put_meta(sb, "name", "twitter:card", img_abs ? "summary_large_image" : "summary");
    put_meta(sb, "name", "twitter:title", nonempty(title) ? title : "herald");
    if (nonempty(description))
        put_meta(sb, "name", "twitter:description", description);
    if (img_abs)
        put_meta(sb, "name", "twitter:image", img);
    strbuf_release(&v);
}

/* <link rel=alternate> for feed readers' autodiscovery: the page's RSS, Atom and JSON Feed */
static void put_feed_links(struct strbuf *sb, const struct web_render_ctx *ctx)
{
    static const struct {
        const char *ext, *type, *label;
    } kinds[] = {{".xml", "application/rss+xml", "RSS"},
                 {".atom", "application/atom+xml", "Atom"},
                 {".json", "application/feed+json", "JSON Feed"}};
    if (!nonempty(ctx->feed_path))
        return;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        strbuf_adds(sb, "<link rel=\"alternate\" type=\"");
        strbuf_adds(sb, kinds[i].type);
        strbuf_adds(sb, "\" title=\"");
        A(sb, nonempty(ctx->feed_title) ? ctx->feed_title : "herald");
        strbuf_adds(sb, " (");
        strbuf_adds(sb, kinds[i].label);
        strbuf_adds(sb, ")\" href=\"");
        web_render_put_abs(sb, ctx, ctx->feed_path);
        strbuf_adds(sb, kinds[i].ext);
        if (nonempty(ctx->feed_query)) {
            strbuf_addch(sb, '?');
            A(sb, ctx->feed_query);
        }
        strbuf_adds(sb, "\">\n");
    }
}

static void page_head(struct strbuf *sb, const struct web_render_ctx *ctx, const char *title,
                      const char *lang, const char *description, const struct page_og *og)
{
    strbuf_adds(sb, "<!doctype html>\n<html lang=\"");
    A(sb, nonempty(lang) ? lang : "en");
    strbuf_adds(sb, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    if (nonempty(title)) {
        T(sb, title);
        strbuf_adds(sb, " \xc2\xb7 herald");
    } else {
        strbuf_adds(sb, "herald");
    }
    strbuf_adds(sb, "</title>\n");
    if (nonempty(description)) {
        strbuf_adds(sb, "<meta name=\"description\" content=\"");
        A(sb, description);
        strbuf_adds(sb, "\">\n");
    }
    strbuf_adds(sb, "<link rel=\"stylesheet\" href=\"");
    A(sb, ctx->css_href ? ctx->css_href : "/static/herald.css");
    strbuf_adds(sb,
                "\">\n<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n");
    /* keyboard shortcuts and the reader's time zone; the page works the same without it */
    strbuf_adds(sb, "<script src=\"");
    A(sb, ctx->js_href ? ctx->js_href : "/static/herald.js");
    strbuf_adds(sb, "\" defer></script>\n");
    if (nonempty(ctx->path)) {
        strbuf_adds(sb, "<link rel=\"canonical\" href=\"");
        web_render_put_abs(sb, ctx, ctx->path);
        strbuf_adds(sb, "\">\n");
        put_og(sb, ctx, title, description, og);
    }
    put_feed_links(sb, ctx);
    strbuf_adds(
        sb, "<link rel=\"alternate\" type=\"application/json\" href=\"/api/v1/articles\">\n"
            "</head>\n<body>\n"
            "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
            "<header class=\"site\"><div class=\"wrap bar\">\n"
            "<a class=\"brand\" href=\"/\">herald</a>\n"
            "<nav aria-label=\"Main\"><ul>"
            "<li><a href=\"/\">Latest</a></li>"
            "<li><a href=\"/search\">Search</a></li>"
            "<li><a href=\"/sources\">Sources</a></li>"
            "<li><a href=\"/about\">About</a></li>"
            "<li><a href=\"/saved\">Saved</a></li>"
            "<li><a href=\"/account\">Account</a></li>"
            "</ul></nav>\n"
            "<form class=\"quick\" role=\"search\" aria-label=\"Site search\" action=\"/search\" "
            "method=\"get\">"
            "<label class=\"vh\" for=\"hq\">Search articles</label>"
            "<input id=\"hq\" name=\"q\" type=\"search\" placeholder=\"Search\" value=\"");
    A(sb, ctx->query ? ctx->query : "");
    strbuf_adds(sb, "\"><button type=\"submit\">Search</button></form>\n"
                    "</div></header>\n<main id=\"main\" class=\"wrap\">\n");
}

static void page_open(struct strbuf *sb, const struct web_render_ctx *ctx, const char *title,
                      const char *lang, const char *description)
{
    page_head(sb, ctx, title, lang, description, NULL);
}

static void page_close(struct strbuf *sb)
{
    strbuf_adds(sb, "</main>\n<footer class=\"site\"><div class=\"wrap\">"
                    "<p>herald " HERALD_VERSION " \xc2\xb7 a self-hosted news reader. "
                    "Articles belong to their publishers; each links to its original.</p>"
                    "<p><a href=\"/about\">About and health</a> \xc2\xb7 "
                    "<a href=\"/api/v1/articles\">JSON API</a></p>"
                    /* herald.js shows it (hidden without script: the keys need it) and ?
                     * toggles it */
                    "<details id=\"keys\" class=\"keys\" hidden>"
                    "<summary>Keyboard shortcuts</summary>"
                    "<div class=\"keys-panel\" role=\"group\" aria-labelledby=\"keys-h\" "
                    "tabindex=\"-1\"><p id=\"keys-h\" class=\"keys-h\">Keyboard shortcuts</p>"
                    "<dl>"
                    "<dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous article</dd>"
                    "<dt><kbd>o</kbd> or <kbd>Enter</kbd></dt><dd>open the selected article</dd>"
                    "<dt><kbd>/</kbd></dt><dd>search</dd>"
                    "<dt><kbd>?</kbd></dt><dd>show or hide this help</dd>"
                    "<dt><kbd>Esc</kbd></dt><dd>close it</dd>"
                    "</dl></div></details>"
                    "</div></footer>\n</body>\n</html>\n");
}

static void put_article_href(struct strbuf *sb, const char *id)
{
    strbuf_adds(sb, "/article/");
    A(sb, id);
}

static void put_source_link(struct strbuf *sb, int64_t source_id, const char *name)
{
    if (source_id > 0) {
        strbuf_addf(sb, "<a class=\"src\" href=\"/source/%" PRId64 "\">", source_id);
        T(sb, nonempty(name) ? name : "Unknown source");
        strbuf_adds(sb, "</a>");
    } else {
        strbuf_adds(sb, "<span class=\"src\">");
        T(sb, nonempty(name) ? name : "Unknown source");
        strbuf_adds(sb, "</span>");
    }
}

/* How an <img> offers the proxy's sizes: src at width, srcset over widths with sizes. */
struct img_sizes {
    int width;
    int set[3];
    const char *sizes;
};
/* A list's thumbnail (160 x 107 CSS pixels, 96 x 64 on a phone), a top story's card
 * (a grid column; on a phone the first with a picture is full width and the others' are
 * not shown, herald.css), an article's lead image (the text column). */
static const struct img_sizes THUMB = {160, {160, 320, 640}, "(max-width: 40rem) 96px, 160px"};
static const struct img_sizes CARD = {320, {320, 640, 1280}, "(max-width: 40rem) 100vw, 22rem"};
static const struct img_sizes CARD_NEXT = {320, {320, 640, 1280}, "(max-width: 40rem) 96px, 22rem"};
static const struct img_sizes LEAD = {640, {320, 640, 1280}, WEB_MEDIA_SIZES};

/* The <img> of image url (the lead image of article id) through the proxy. */
static void put_img(struct strbuf *sb, const struct web_render_ctx *ctx, const char *cls,
                    const char *id, const char *url, const struct img_sizes *z, const char *alt,
                    int w, int h, int lazy)
{
    strbuf_adds(sb, "<img class=\"");
    A(sb, cls);
    strbuf_adds(sb, "\" src=\"");
    web_media_src(sb, ctx, id, url, z->width);
    strbuf_adds(sb, "\" srcset=\"");
    web_media_srcset(sb, ctx, id, url, z->set, 3, 0);
    strbuf_adds(sb, "\" sizes=\"");
    A(sb, z->sizes);
    strbuf_adds(sb, "\" alt=\"");
    A(sb, alt ? alt : "");
    strbuf_adds(sb, "\"");
    if (w > 0 && h > 0 && w <= 100000 && h <= 100000)
        strbuf_addf(sb, " width=\"%d\" height=\"%d\"", w, h);
    if (lazy)
        strbuf_adds(sb, " loading=\"lazy\"");
    strbuf_adds(sb, " decoding=\"async\">");
}

/* One list entry: thumbnail, source, time, title (linked), snippet or summary. */
static void put_item(struct strbuf *sb, const struct web_render_ctx *ctx, const struct web_item *it,
                     int with_thumb)
{
    strbuf_adds(sb, "<li class=\"item\"><article>");
    if (with_thumb && web_media_shown(ctx, it->id, it->image_url)) {
        strbuf_adds(sb, "<a class=\"thumb\" href=\"");
        put_article_href(sb, it->id);
        strbuf_adds(sb, "\" tabindex=\"-1\" aria-hidden=\"true\">");
        put_img(sb, ctx, "thumb", it->id, it->image_url, &THUMB, "", 160, 107, 1);
        strbuf_adds(sb, "</a>");
    }
    strbuf_adds(sb, "<div class=\"text\"><p class=\"meta\">");
    put_source_link(sb, it->source_id, it->source_name);
    if (it->published != TIME_NONE) {
        strbuf_adds(sb, " <span aria-hidden=\"true\">\xc2\xb7</span> ");
        put_time(sb, ctx, it->published);
    }
    strbuf_adds(sb, "</p><h3 class=\"title\"><a href=\"");
    put_article_href(sb, it->id);
    strbuf_adds(sb, "\">");
    if (nonempty(it->title_hl))
        web_render_snippet(sb, it->title_hl);
    else
        T(sb, nonempty(it->title) ? it->title : "(untitled)");
    strbuf_adds(sb, "</a></h3>");
    if (nonempty(it->snippet)) {
        strbuf_adds(sb, "<p class=\"snippet\">");
        web_render_snippet(sb, it->snippet);
        strbuf_adds(sb, "</p>");
    } else if (nonempty(it->summary)) {
        strbuf_adds(sb, "<p class=\"summary\">");
        T(sb, it->summary);
        strbuf_adds(sb, "</p>");
    }
    strbuf_adds(sb, "</div></article></li>\n");
}

static void put_list(struct strbuf *sb, const struct web_render_ctx *ctx, const struct web_list *l,
                     int with_thumb, const char *empty)
{
    if (!l->n_items) {
        strbuf_adds(sb, "<p class=\"empty\">");
        T(sb, empty);
        strbuf_adds(sb, "</p>\n");
        return;
    }
    strbuf_adds(sb, "<ol class=\"items\">\n");
    for (size_t i = 0; i < l->n_items; i++)
        put_item(sb, ctx, &l->items[i], with_thumb);
    strbuf_adds(sb, "</ol>\n");
}

/* The list's filters as query parameters after a link's first one (sep: "?" or "&amp;"):
 * the language filter and, for a signed-in reader, unread-only. */
static void put_list_query(struct strbuf *sb, const struct web_render_ctx *ctx, const char *sep)
{
    if (nonempty(ctx->list_lang)) {
        strbuf_adds(sb, sep);
        strbuf_adds(sb, "lang=");
        A(sb, ctx->list_lang);
        sep = "&amp;";
    }
    if (ctx->list_unread == 2) {
        strbuf_adds(sb, sep);
        strbuf_adds(sb, "unread=1");
    }
}

/* One paging link: base?{param}=cursor plus the list's filters. */
static void put_page_link(struct strbuf *sb, const struct web_render_ctx *ctx, const char *base,
                          const char *rel, const char *param, const char *cursor, const char *label)
{
    strbuf_addf(sb, "<a rel=\"%s\" href=\"", rel);
    A(sb, base);
    strbuf_addf(sb, "?%s=", param);
    A(sb, cursor);
    put_list_query(sb, ctx, "&amp;");
    strbuf_adds(sb, "\">");
    strbuf_adds(sb, label);
    strbuf_adds(sb, "</a>");
}

/* The paging footer of a list (base: the page's path): "Newer articles" (rel=prev, the
 * page just newer, ?after=) unless this is the first page, "Older articles" (rel=next,
 * ?before=) unless it is the last; nothing for a list of one page. */
static void put_pager(struct strbuf *sb, const struct web_render_ctx *ctx, const char *base,
                      const struct web_list *l)
{
    if (!nonempty(l->next_cursor) && !nonempty(l->prev_cursor))
        return;
    strbuf_adds(sb, "<nav class=\"pager\" aria-label=\"Pages\">");
    if (nonempty(l->prev_cursor))
        put_page_link(sb, ctx, base, "prev", "after", l->prev_cursor,
                      "\xe2\x86\x90 Newer articles");
    if (nonempty(l->prev_cursor) && nonempty(l->next_cursor))
        strbuf_adds(sb, " ");
    if (nonempty(l->next_cursor))
        put_page_link(sb, ctx, base, "next", "before", l->next_cursor,
                      "Older articles \xe2\x86\x92");
    strbuf_adds(sb, "</nav>\n");
}

/* For a signed-in reader: the link between every article and only their unread ones. */
static void put_unread_toggle(struct strbuf *sb, const struct web_render_ctx *ctx, const char *base)
{
    if (!ctx->list_unread)
        return;
    strbuf_adds(sb, "<p class=\"filter\"><a href=\"");
    A(sb, base);
    if (ctx->list_unread == 2) {
        if (nonempty(ctx->list_lang)) {
            strbuf_adds(sb, "?lang=");
            A(sb, ctx->list_lang);
        }
        strbuf_adds(sb, "\">Show all articles</a></p>\n");
        return;
    }
    strbuf_adds(sb, "?unread=1");
    if (nonempty(ctx->list_lang)) {
        strbuf_adds(sb, "&amp;lang=");
        A(sb, ctx->list_lang);
    }
    strbuf_adds(sb, "\">Unread only</a></p>\n");
}

/* English names of common language tags (the filter shows the tag for any other). */
static const char *language_name(const char *tag)
{
    static const struct {
        const char *tag, *name;
    } names[] = {
        {"ar", "Arabic"},     {"ca", "Catalan"},    {"cs", "Czech"},      {"da", "Danish"},
        {"de", "German"},     {"el", "Greek"},      {"en", "English"},    {"es", "Spanish"},
        {"fi", "Finnish"},    {"fr", "French"},     {"he", "Hebrew"},     {"hi", "Hindi"},
        {"hu", "Hungarian"},  {"id", "Indonesian"}, {"it", "Italian"},    {"ja", "Japanese"},
        {"ko", "Korean"},     {"nl", "Dutch"},      {"no", "Norwegian"},  {"pl", "Polish"},
        {"pt", "Portuguese"}, {"ro", "Romanian"},   {"ru", "Russian"},    {"sv", "Swedish"},
        {"tr", "Turkish"},    {"uk", "Ukrainian"},  {"vi", "Vietnamese"}, {"zh", "Chinese"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(tag, names[i].tag) == 0)
            return names[i].name;
    return NULL;
}

static void put_count(struct strbuf *sb, int64_t n);

static void put_language_option(struct strbuf *sb, const char *tag, const char *current,
                                int64_t count, int capped, int counted)
{
    const char *name = language_name(tag);
    strbuf_adds(sb, "<option value=\"");
    A(sb, tag);
    strbuf_adds(sb, current && strcmp(tag, current) == 0 ? "\" selected>" : "\">");
    T(sb, name ? name : tag);
    if (name) {
        strbuf_adds(sb, " (");
        T(sb, tag);
        strbuf_adds(sb, ")");
    }
    if (counted) {
        strbuf_adds(sb, " \xc2\xb7 ");
        put_count(sb, count);
        if (capped)
            strbuf_adds(sb, "+");
    }
    strbuf_adds(sb, "</option>");
}

/* The home list's language filter: a GET form (no script) whose <select> names the
 * archive's languages with their counts, the current one selected. */
static void put_language_filter(struct strbuf *sb, const struct web_render_ctx *ctx)
{
    int listed = 0;
    if (!ctx->n_list_langs)
        return;
    strbuf_adds(sb, "<form class=\"lang-filter\" method=\"get\" action=\"/\">"
                    "<label for=\"lang-filter\">Language</label> "
                    "<select id=\"lang-filter\" name=\"lang\"><option value=\"\">"
                    "All languages</option>");
    for (size_t i = 0; i < ctx->n_list_langs; i++) {
        const struct web_language *l = &ctx->list_langs[i];
        put_language_option(sb, l->tag, ctx->list_lang, l->count, l->capped, 1);
        listed |= nonempty(ctx->list_lang) && strcmp(l->tag, ctx->list_lang) == 0;
    }
    /* a filter no stored article has is still shown as the current choice */
    if (nonempty(ctx->list_lang) && !listed)
        put_language_option(sb, ctx->list_lang, ctx->list_lang, 0, 0, 1);
    strbuf_adds(sb, "</select>");
    if (ctx->list_unread == 2)
        strbuf_adds(sb, "<input type=\"hidden\" name=\"unread\" value=\"1\">");
    strbuf_adds(sb, " <button type=\"submit\">Show</button></form>\n");
}

static int story_pictured(const struct web_render_ctx *ctx, const struct web_story *st)
{
    return st->lead_id && web_media_shown(ctx, st->lead_id, st->image_url);
}

/* One top story: lead image (sized by z; NULL: none), title linking to its page, "N
 * sources".  The home page's first story with a picture is class "pic": on a phone it is
 * the only one whose picture shows (herald.css). */
static void put_story_item(struct strbuf *sb, const struct web_render_ctx *ctx,
                           const struct web_story *st, const struct img_sizes *z)
{
    char href[48];
    snprintf(href, sizeof(href), "/story/%lld", (long long)st->id);
    strbuf_adds(sb, z == &CARD && story_pictured(ctx, st) ? "<li class=\"item pic\"><article>"
                                                          : "<li class=\"item\"><article>");
    if (z && story_pictured(ctx, st)) {
        strbuf_adds(sb, "<a class=\"thumb\" href=\"");
        A(sb, href);
        strbuf_adds(sb, "\" tabindex=\"-1\" aria-hidden=\"true\">");
        put_img(sb, ctx, "thumb", st->lead_id, st->image_url, z, "", 160, 107, 1);
        strbuf_adds(sb, "</a>");
    }
    strbuf_adds(sb, "<div class=\"text\"><p class=\"meta\">");
    strbuf_addf(sb, "<span class=\"sources\">%lld source%s</span>", (long long)st->sources,
                st->sources == 1 ? "" : "s");
    if (st->last_update != TIME_NONE) {
        strbuf_adds(sb, " <span aria-hidden=\"true\">\xc2\xb7</span> ");
        put_time(sb, ctx, st->last_update);
    }
    strbuf_adds(sb, "</p><h3 class=\"title\"><a href=\"");
    A(sb, href);
    strbuf_adds(sb, "\">");
    T(sb, nonempty(st->title) ? st->title : "(untitled story)");
    strbuf_adds(sb, "</a></h3></div></article></li>\n");
}

void web_render_home(struct strbuf *out, const struct web_render_ctx *ctx,
                     const struct web_story *top, size_t n_top, const struct web_list *list,
                     int is_first_page)
{
    page_open(out, ctx, is_first_page ? NULL : "Older articles", NULL,
              "The latest news from every source this herald follows.");
    strbuf_adds(out, "<h1 class=\"vh\">Latest news</h1>\n");
    if (is_first_page && n_top) {
        strbuf_adds(out, "<section class=\"top\" aria-labelledby=\"top-h\">"
                         "<h2 id=\"top-h\">Top stories</h2>\n<ol class=\"items lead\">\n");
        int pictured = 0;
        for (size_t i = 0; i < n_top; i++) {
            put_story_item(out, ctx, &top[i], pictured ? &CARD_NEXT : &CARD);
            pictured |= story_pictured(ctx, &top[i]);
        }
        strbuf_adds(out, "</ol></section>\n");
    }
    strbuf_adds(out, "<section class=\"latest\" aria-labelledby=\"latest-h\">"
                     "<h2 id=\"latest-h\">Latest</h2>\n");
    put_language_filter(out, ctx);
    put_unread_toggle(out, ctx, "/");
    put_list(out, ctx, list, 1,
             nonempty(ctx->list_lang)
                 ? "No articles in this language."
                 : "No articles yet. Add feeds and run herald fetch to fill this page.");
    put_pager(out, ctx, "/", list);
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

static void put_entity_link(struct strbuf *sb, const struct web_entity *e)
{
    strbuf_adds(sb, "<a href=\"/entity/");
    A(sb, e->slug);
    strbuf_adds(sb, "\">");
    T(sb, e->name);
    strbuf_adds(sb, "</a>");
}

/* Who, what, where: the entities grouped by type, each linked to its page. */
static void put_entities(struct strbuf *sb, const struct web_ai *ai)
{
    static const struct {
        const char *type, *label;
    } groups[] = {{"person", "People"}, {"org", "Organisations"}, {"place", "Places"}};
    strbuf_adds(sb, "<dl class=\"ai-entities\">");
    for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        int n = 0;
        for (size_t i = 0; i < ai->n_entities; i++) {
            const struct web_entity *e = &ai->entities[i];
            if (!e->type || strcmp(e->type, groups[g].type) != 0 || !nonempty(e->slug))
                continue;
            if (n++ == 0) {
                strbuf_adds(sb, "<dt>");
                T(sb, groups[g].label);
                strbuf_adds(sb, "</dt><dd>");
            } else {
                strbuf_adds(sb, ", ");
            }
            put_entity_link(sb, e);
        }
        if (n)
            strbuf_adds(sb, "</dd>");
    }
    strbuf_adds(sb, "</dl>\n");
}

static void put_machine(struct strbuf *sb, const char *text, const char *what)
{
    strbuf_adds(sb, "<div class=\"machine\"><p>");
    T(sb, text);
    strbuf_adds(sb, "</p><p class=\"machine-label\">");
    T(sb, what);
    strbuf_adds(sb, " \xe2\x80\x94 machine-generated by a language model; it may contain "
                    "errors. Check it against the article.</p></div>\n");
}

/* The AI section: summary, key points, who/what/where, topics, and the question form
 * (a plain GET form: no script). */
static void put_ai(struct strbuf *sb, const struct web_article *a)
{
    const struct web_ai *ai = &a->ai;
    strbuf_adds(sb, "<section class=\"ai\" aria-labelledby=\"ai-h\">"
                    "<h2 id=\"ai-h\">AI features</h2>\n");
    if (!ai->present) {
        strbuf_adds(sb, "<p class=\"empty\">The summary and key points of this article are "
                        "not ready yet.</p>\n");
    } else {
        strbuf_adds(sb, "<p class=\"ai-meta\">");
        if (nonempty(ai->language)) {
            strbuf_adds(sb, "Language: <span class=\"lang\">");
            T(sb, ai->language);
            strbuf_adds(sb, "</span> \xc2\xb7 ");
        }
        strbuf_addf(sb, "%d min read</p>\n", ai->reading_minutes > 0 ? ai->reading_minutes : 1);
        strbuf_adds(sb, "<p class=\"ai-note\">Chosen by herald from the article's own "
                        "sentences, on this server; nothing here is written by a "
                        "model.</p>\n");
        if (ai->lang_neutral)
            strbuf_adds(sb, "<p class=\"ai-note\">This article is not in English: only the "
                            "language-neutral features (summary, key points, topics) are "
                            "shown.</p>\n");
        if (ai->n_summary) {
            strbuf_adds(sb, "<h3>Summary</h3>\n<p class=\"ai-summary\">");
            for (size_t i = 0; i < ai->n_summary; i++) {
                if (i)
                    strbuf_addch(sb, ' ');
                T(sb, ai->summary[i]);
            }
            strbuf_adds(sb, "</p>\n");
        }
        if (nonempty(ai->llm_summary)) {
            strbuf_adds(sb, "<h3>Summary by a language model</h3>\n");
            put_machine(sb, ai->llm_summary, "Abstractive summary");
        }
        if (nonempty(ai->llm_translation)) {
            strbuf_adds(sb, "<h3>Summary, translated (");
            T(sb, ai->translate_to ? ai->translate_to : "");
            strbuf_adds(sb, ")</h3>\n");
            put_machine(sb, ai->llm_translation, "Translation");
        }
        if (ai->n_key_points) {
            strbuf_adds(sb, "<h3>Key points</h3>\n<ul class=\"ai-points\">");
            for (size_t i = 0; i < ai->n_key_points; i++) {
                strbuf_adds(sb, "<li>");
                T(sb, ai->key_points[i]);
                strbuf_adds(sb, "</li>");
            }
            strbuf_adds(sb, "</ul>\n");
        }
        if (ai->n_entities) {
            strbuf_adds(sb, "<h3>Who, what, where</h3>\n");
            put_entities(sb, ai);
        }
        if (ai->n_keywords) {
            strbuf_adds(sb, "<h3>Topics</h3>\n<ul class=\"ai-keywords\">");
            for (size_t i = 0; i < ai->n_keywords; i++) {
                strbuf_adds(sb, "<li>");
                T(sb, ai->keywords[i]);
                strbuf_adds(sb, "</li>");
            }
            strbuf_adds(sb, "</ul>\n");
        }
    }
    strbuf_adds(sb, "<h3 id=\"ask\">Ask the article</h3>\n"
                    "<form class=\"ask\" method=\"get\" action=\"");
    put_article_href(sb, a->id);
    strbuf_adds(sb, "#ask\"><label class=\"vh\" for=\"aq\">Your question about this "
                    "article</label><input id=\"aq\" name=\"q\" type=\"text\" "
                    "maxlength=\"1024\" placeholder=\"Who, what, when, why?\" value=\"");
    A(sb, ai->question ? ai->question : "");
    strbuf_adds(sb, "\"><button type=\"submit\">Ask</button></form>\n");
    if (nonempty(ai->ask_message)) {
        strbuf_adds(sb, "<p class=\"notice\">");
        T(sb, ai->ask_message);
        strbuf_adds(sb, "</p>\n");
    } else if (nonempty(ai->question)) {
        strbuf_adds(sb, "<div class=\"answer\">");
        if (!ai->n_passages) {
            strbuf_adds(sb, "<p class=\"empty\">Not found in this article");
            if (ai->story_articles)
                strbuf_adds(sb, " or in the other articles of its story");
            strbuf_adds(sb, ".</p>");
        } else {
            strbuf_adds(sb, "<p class=\"ai-note\">The passages that best answer your question, "
                            "quoted from the article");
            if (ai->story_articles)
                strbuf_adds(sb, " and the other articles of its story");
            strbuf_adds(sb, ":</p><ol class=\"passages\">");
            for (size_t i = 0; i < ai->n_passages; i++) {
                const struct web_passage *p = &ai->passages[i];
                strbuf_adds(sb, "<li><blockquote>");
                web_render_snippet(sb, p->text);
                strbuf_adds(sb, "</blockquote>");
                if (p->title || (p->article_id && a->id && strcmp(p->article_id, a->id) != 0)) {
                    strbuf_adds(sb, "<p class=\"meta\">From <a href=\"");
                    put_article_href(sb, p->article_id);
                    strbuf_adds(sb, "\">");
                    T(sb, nonempty(p->title) ? p->title : "another article of this story");
                    strbuf_adds(sb, "</a></p>");
                }
                strbuf_adds(sb, "</li>");
            }
            strbuf_adds(sb, "</ol>");
        }
        if (nonempty(ai->llm_answer))
            put_machine(sb, ai->llm_answer, "Answer");
        strbuf_adds(sb, "</div>\n");
    }
    strbuf_adds(sb, "</section>\n");
}

void web_render_entity(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_entity_page *p)
{
    static const struct {
        const char *type, *label;
    } kinds[] = {{"person", "Person"}, {"org", "Organisation"}, {"place", "Place"}};
    const char *kind = "Entity";
    struct strbuf base = STRBUF_INIT;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (p->entity.type && strcmp(p->entity.type, kinds[i].type) == 0)
            kind = kinds[i].label;
    page_open(out, ctx, p->entity.name, NULL, NULL);
    strbuf_adds(out, "<header class=\"page-head\"><h1>");
    T(out, nonempty(p->entity.name) ? p->entity.name : "(unnamed)");
    strbuf_adds(out, "</h1><p class=\"meta\">");
    T(out, kind);
    strbuf_addf(out, " \xc2\xb7 mentioned in %d article%s</p></header>\n", p->entity.count,
                p->entity.count == 1 ? "" : "s");
    if (p->n_stories) {
        strbuf_adds(out, "<section class=\"stories\" aria-labelledby=\"ent-s\">"
                         "<h2 id=\"ent-s\">Stories, newest first</h2>\n<ol class=\"items\">\n");
        for (size_t i = 0; i < p->n_stories; i++)
            put_story_item(out, ctx, &p->stories[i], NULL);
        strbuf_adds(out, "</ol></section>\n");
    }
    strbuf_adds(out, "<section aria-labelledby=\"ent-h\"><h2 id=\"ent-h\">Articles, newest "
                     "first</h2>\n");
    put_list(out, ctx, &p->articles, 1, "No stored article mentions it.");
    strbuf_adds(&base, "/entity/");
    strbuf_adds(&base, p->entity.slug ? p->entity.slug : "");
    put_pager(out, ctx, base.buf, &p->articles);
    strbuf_release(&base);
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

void web_render_story(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_story *st)
{
    page_open(out, ctx, st->title, NULL, st->title);
    strbuf_adds(out, "<article class=\"story-page\">\n<header class=\"story-head\"><h1>");
    T(out, nonempty(st->title) ? st->title : "(untitled story)");
    strbuf_addf(out, "</h1>\n<p class=\"byline\">%lld article%s from %lld source%s",
                (long long)st->size, st->size == 1 ? "" : "s", (long long)st->sources,
                st->sources == 1 ? "" : "s");
    if (st->last_update != TIME_NONE) {
        strbuf_adds(out, " <span aria-hidden=\"true\">\xc2\xb7</span> updated ");
        put_time(out, ctx, st->last_update);
    }
    strbuf_adds(out, "</p></header>\n");
    /* outlets: each source once, in order of first coverage */
    strbuf_adds(out, "<section class=\"outlets\" aria-labelledby=\"outlets-h\">"
                     "<h2 id=\"outlets-h\">Outlets</h2>\n<ul>\n");
    for (size_t i = 0; i < st->n_articles; i++) {
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= st->articles[j].source_id == st->articles[i].source_id;
        if (seen)
            continue;
        strbuf_adds(out, "<li>");
        put_source_link(out, st->articles[i].source_id, st->articles[i].source_name);
        strbuf_adds(out, "</li>\n");
    }
    strbuf_adds(out, "</ul></section>\n");
    strbuf_adds(out, "<section class=\"timeline\" aria-labelledby=\"timeline-h\">"
                     "<h2 id=\"timeline-h\">Coverage</h2>\n<ol class=\"items\">\n");
    for (size_t i = 0; i < st->n_articles; i++)
        put_item(out, ctx, &st->articles[i], 0);
    strbuf_adds(out, "</ol></section>\n");
    strbuf_adds(out, "<section class=\"related\" aria-labelledby=\"related-h\">"
                     "<h2 id=\"related-h\">Related stories</h2>\n");
    if (!st->n_related) {
        strbuf_adds(out, "<p class=\"empty\">No related stories yet.</p>\n");
    } else {
        strbuf_adds(out, "<ol class=\"items\">\n");
        for (size_t i = 0; i < st->n_related; i++)
            put_story_item(out, ctx, &st->related[i], NULL);
        strbuf_adds(out, "</ol>\n");
    }
    strbuf_adds(out, "</section>\n</article>\n");
    page_close(out);
}

static void put_topic_href(struct strbuf *sb, const char *slug)
{
    strbuf_adds(sb, "/topic/");
    A(sb, slug);
}

/* "Filed under": the publisher's categories, each linked to its topic section. */
static void put_filed_under(struct strbuf *sb, const struct web_article *a)
{
    if (!a->n_topics)
        return;
    strbuf_adds(sb, "<p class=\"filed\">Filed under ");
    for (size_t i = 0; i < a->n_topics; i++) {
        const struct web_topic *t = &a->topics[i];
        if (i)
            strbuf_adds(sb, ", ");
        if (nonempty(t->slug)) {
            strbuf_adds(sb, "<a href=\"");
            put_topic_href(sb, t->slug);
            strbuf_adds(sb, "\">");
            T(sb, t->name);
            strbuf_adds(sb, "</a>");
        } else {
            T(sb, t->name);
        }
    }
    strbuf_adds(sb, "</p>\n");
}

void web_render_article(struct strbuf *out, const struct web_render_ctx *ctx,
                        const struct web_article *a)
{
    struct page_og og;
    struct strbuf ogimg = STRBUF_INIT;
    const char *original = web_url_is_safe(a->canonical_url) ? a->canonical_url : a->url;
    /* the preview image is the proxy's largest copy (made absolute in put_og) */
    og.image =
        web_media_path(&ogimg, ctx, a->id, a->image_url, WEB_PREVIEW_WIDTH) ? ogimg.buf : NULL;
    og.image_alt = nonempty(a->image_alt) ? a->image_alt : a->image_caption;
    og.published = a->published;
    og.modified = a->updated;
    og.author = a->author;
    og.section = a->source_name;
    page_head(out, ctx, a->title, a->language, a->summary, &og);
    strbuf_release(&ogimg);
    strbuf_adds(out, "<article class=\"story\">\n<header class=\"story-head\">\n<h1>");
    T(out, nonempty(a->title) ? a->title : "(untitled)");
    strbuf_adds(out, "</h1>\n<p class=\"byline\">");
    put_source_link(out, a->source_id, a->source_name);
    if (nonempty(a->author)) {
        strbuf_adds(out, " <span aria-hidden=\"true\">\xc2\xb7</span> <span class=\"author\">By ");
        T(out, a->author);
        strbuf_adds(out, "</span>");
    }
    if (a->published != TIME_NONE) {
        strbuf_adds(out, " <span aria-hidden=\"true\">\xc2\xb7</span> ");
        put_time(out, ctx, a->published);
    }
    strbuf_adds(out, "</p>\n</header>\n");
    if (web_media_shown(ctx, a->id, a->image_url)) {
        strbuf_adds(out, "<figure class=\"lead\">");
        put_img(out, ctx, "lead", a->id, a->image_url, &LEAD,
                nonempty(a->image_alt) ? a->image_alt
                                       : (nonempty(a->image_caption) ? a->image_caption : ""),
                a->image_width, a->image_height, 1);
        if (nonempty(a->image_caption) || nonempty(a->image_credit)) {
            strbuf_adds(out, "<figcaption>");
            T(out, a->image_caption);
            if (nonempty(a->image_credit)) {
                strbuf_adds(out, " <span class=\"credit\">");
                T(out, a->image_credit);
                strbuf_adds(out, "</span>");
            }
            strbuf_adds(out, "</figcaption>");
        }
        strbuf_adds(out, "</figure>\n");
    }
    strbuf_adds(out, "<div class=\"body\">\n");
    if (nonempty(a->body_html)) {
        web_render_body(out, ctx, a->body_html); /* stored, sanitized; images proxied */
    } else if (nonempty(a->summary)) {
        strbuf_adds(out, "<p>");
        T(out, a->summary);
        strbuf_adds(out, "</p>");
    } else {
        strbuf_adds(out, "<p class=\"empty\">The text of this article could not be extracted; "
                         "read it at the original.</p>");
    }
    strbuf_adds(out, "\n</div>\n<footer class=\"attribution\">\n");
    /* the publisher is named even when its feed gives no copyright line */
    strbuf_adds(out, "<p class=\"publisher\">Published by ");
    put_source_link(out, a->source_id, a->source_name);
    strbuf_adds(out, "</p>\n");
    put_filed_under(out, a);
    if (nonempty(a->copyright)) {
        strbuf_adds(out, "<p class=\"copyright\">");
        T(out, a->copyright);
        strbuf_adds(out, "</p>\n");
    }
    if (web_url_is_safe(original)) {
        strbuf_adds(out, "<p class=\"original\"><a href=\"");
        A(out, original);
        strbuf_adds(out, "\" rel=\"noopener noreferrer\">Read the original at ");
        if (nonempty(a->source_name)) {
            T(out, a->source_name);
        } else {
            char *host = NULL;
            T(out, url_host(original, &host) == HERALD_OK ? host : "the publisher's site");
            free(host);
        }
        strbuf_adds(out, "</a></p>\n");
    }
    if (a->n_copies) {
        strbuf_adds(out, "<p class=\"also\">Also published by ");
        for (size_t i = 0; i < a->n_copies; i++) {
            const struct web_item *c = &a->copies[i];
            if (i)
                strbuf_adds(out, i + 1 == a->n_copies ? " and " : ", ");
            strbuf_adds(out, "<a href=\"");
            put_article_href(out, c->id);
            strbuf_adds(out, "\">");
            T(out, nonempty(c->source_name) ? c->source_name : "another outlet");
            strbuf_adds(out, "</a>");
            if (web_url_is_safe(c->url)) {
                strbuf_adds(out, " (<a href=\"");
                A(out, c->url);
                strbuf_adds(out, "\" rel=\"noopener noreferrer\">original</a>)");
            }
        }
        strbuf_adds(out, "</p>\n");
    }
    strbuf_adds(out, "</footer>\n</article>\n");

    put_ai(out, a);

    if (a->comments)
        web_render_comments(out, ctx, a->comments);
    else
        strbuf_adds(out, "<section class=\"comments\" aria-labelledby=\"comments-h\">"
                         "<h2 id=\"comments-h\">Comments</h2>"
                         "<p class=\"empty\">No comments yet.</p></section>\n");

    strbuf_adds(out, "<section class=\"related\" aria-labelledby=\"related-h\">"
                     "<h2 id=\"related-h\">Related articles</h2>\n");
    if (!a->n_related) {
        strbuf_adds(out, "<p class=\"empty\">No related articles from other outlets yet.</p>\n");
    } else {
        strbuf_adds(out, "<ul class=\"cards\">\n");
        for (size_t i = 0; i < a->n_related && i < 6; i++) {
            const struct web_item *r = &a->related[i];
            strbuf_adds(out, "<li class=\"card\"><p class=\"meta\">");
            put_source_link(out, r->source_id, r->source_name);
            if (r->published != TIME_NONE) {
                strbuf_adds(out, " <span aria-hidden=\"true\">\xc2\xb7</span> ");
                put_time(out, ctx, r->published);
            }
            strbuf_adds(out, "</p><h3 class=\"title\"><a href=\"");
            put_article_href(out, r->id);
            strbuf_adds(out, "\">");
            T(out, nonempty(r->title) ? r->title : "(untitled)");
            strbuf_adds(out, "</a></h3>");
            if (nonempty(r->summary)) {
                strbuf_adds(out, "<p class=\"summary\">");
                T(out, r->summary);
                strbuf_adds(out, "</p>");
            }
            strbuf_adds(out, "</li>\n");
        }
        strbuf_adds(out, "</ul>\n");
    }
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

static void put_feed_row(struct strbuf *sb, const struct web_render_ctx *ctx,
                         const struct web_feed *f)
{
    int ok = !nonempty(f->last_error) && f->error_count == 0;
    strbuf_adds(sb, "<tr><td class=\"feed\">");
    T(sb, nonempty(f->title) ? f->title : (f->url ? f->url : ""));
    if (nonempty(f->url) && nonempty(f->title)) {
        strbuf_adds(sb, "<br><span class=\"url\">");
        T(sb, f->url);
        strbuf_adds(sb, "</span>");
    }
    strbuf_adds(sb, "</td><td>");
    if (f->last_fetch == TIME_NONE)
        strbuf_adds(sb, "never");
    else
        put_time(sb, ctx, f->last_fetch);
    strbuf_adds(sb, "</td><td>");
    if (f->last_fetch == TIME_NONE) {
        strbuf_adds(sb, "<span class=\"status pending\">pending</span>");
    } else if (ok) {
        strbuf_adds(sb, "<span class=\"status ok\">ok</span>");
    } else {
        strbuf_addf(sb, "<span class=\"status bad\">failing (%" PRId64 ")</span>", f->error_count);
        if (nonempty(f->last_error)) {
            strbuf_adds(sb, " <span class=\"err\">");
            T(sb, f->last_error);
            strbuf_adds(sb, "</span>");
        }
    }
    strbuf_addf(sb, "</td><td class=\"num\">%" PRId64 "</td></tr>\n", f->article_count);
}

static void put_feed_table(struct strbuf *sb, const struct web_render_ctx *ctx,
                           const struct web_feed *feeds, size_t n, const char *caption)
{
    strbuf_adds(sb, "<div class=\"scroll\"><table class=\"feeds\"><caption>");
    T(sb, caption);
    strbuf_adds(sb, "</caption><thead><tr><th scope=\"col\">Feed</th>"
                    "<th scope=\"col\">Last fetch</th><th scope=\"col\">Health</th>"
                    "<th scope=\"col\" class=\"num\">Articles</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++)
        put_feed_row(sb, ctx, &feeds[i]);
    strbuf_adds(sb, "</tbody></table></div>\n");
}

void web_render_source(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_source_page *p)
{
    const struct web_source *s = &p->source;
    char base[64];
    page_open(out, ctx, s->name, NULL, NULL);
    strbuf_adds(out, "<header class=\"page-head\"><h1>");
    T(out, nonempty(s->name) ? s->name : "Unknown source");
    strbuf_adds(out, "</h1>");
    if (web_url_is_safe(s->homepage)) {
        strbuf_adds(out, "<p class=\"home\"><a href=\"");
        A(out, s->homepage);
        strbuf_adds(out, "\" rel=\"noopener noreferrer\">");
        T(out, s->homepage);
        strbuf_adds(out, "</a></p>");
    }
    strbuf_addf(out, "<p class=\"meta\">%" PRId64 " article%s", s->article_count,
                s->article_count == 1 ? "" : "s");
    if (nonempty(s->language)) {
        strbuf_adds(out, " \xc2\xb7 language ");
        T(out, s->language);
    }
    strbuf_adds(out, "</p>");
    if (nonempty(s->copyright)) {
        strbuf_adds(out, "<p class=\"copyright\">");
        T(out, s->copyright);
        strbuf_adds(out, "</p>");
    }
    strbuf_adds(out, "</header>\n<section aria-labelledby=\"src-latest-h\">"
                     "<h2 id=\"src-latest-h\">Latest articles</h2>\n");
    snprintf(base, sizeof(base), "/source/%" PRId64, s->id);
    put_unread_toggle(out, ctx, base);
    put_list(out, ctx, &p->articles, 1, "No articles from this source yet.");
    put_pager(out, ctx, base, &p->articles);
    strbuf_adds(out, "</section>\n<section aria-labelledby=\"src-feeds-h\">"
                     "<h2 id=\"src-feeds-h\">Feeds</h2>\n");
    if (p->n_feeds)
        put_feed_table(out, ctx, p->feeds, p->n_feeds, "Feeds of this source and their health");
    else
        strbuf_adds(out, "<p class=\"empty\">No feeds.</p>\n");
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

void web_render_query_value(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            strbuf_addch(sb, *p);
        } else {
            strbuf_addch(sb, '%');
            strbuf_addch(sb, hex[*p >> 4]);
            strbuf_addch(sb, hex[*p & 15]);
        }
    }
}

/* n with thousands separators: 1,000. */
static void put_count(struct strbuf *sb, int64_t n)
{
    char buf[32];
    int len = snprintf(buf, sizeof(buf), "%" PRId64, n < 0 ? (int64_t)0 : n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            strbuf_addch(sb, ',');
        strbuf_addch(sb, buf[i]);
    }
}

/* The /search URL of p's query and filters, in the given order, at cursor (NULL: the
 * first page); attribute-safe. */
static void put_search_href(struct strbuf *out, const struct web_search_page *p, int by_date,
                            const char *cursor)
{
    strbuf_adds(out, "/search?q=");
    web_render_query_value(out, p->q);
    if (p->source_id > 0)
        strbuf_addf(out, "&amp;source=%" PRId64, p->source_id);
    if (nonempty(p->since)) {
        strbuf_adds(out, "&amp;since=");
        web_render_query_value(out, p->since);
    }
    if (nonempty(p->until)) {
        strbuf_adds(out, "&amp;until=");
        web_render_query_value(out, p->until);
    }
    if (by_date)
        strbuf_adds(out, "&amp;sort=date");
    if (cursor) {
        strbuf_adds(out, "&amp;cursor=");
        web_render_query_value(out, cursor);
    }
}

void web_render_search(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_search_page *p)
{
    page_open(out, ctx, nonempty(p->q) ? p->q : "Search", NULL, NULL);
    strbuf_adds(out, "<h1>Search</h1>\n"
                     "<form class=\"search\" role=\"search\" aria-label=\"Search articles\" "
                     "action=\"/search\" method=\"get\">\n"
                     "<p class=\"field wide\"><label for=\"q\">Words</label>"
                     "<input id=\"q\" name=\"q\" type=\"search\" value=\"");
    A(out, p->q ? p->q : "");
    strbuf_adds(out,
                "\" aria-describedby=\"q-help\"></p>\n"
                "<p class=\"field\"><label for=\"source\">Source</label>"
                "<select id=\"source\" name=\"source\"><option value=\"\">All sources</option>");
    for (size_t i = 0; i < p->n_sources; i++) {
        strbuf_addf(out, "<option value=\"%" PRId64 "\"%s>", p->sources[i].id,
                    p->sources[i].id == p->source_id ? " selected" : "");
        T(out, p->sources[i].name);
        strbuf_adds(out, "</option>");
    }
    strbuf_adds(out, "</select></p>\n<p class=\"field\"><label for=\"since\">From</label>"
                     "<input id=\"since\" name=\"since\" type=\"date\" value=\"");
    A(out, p->since ? p->since : "");
    strbuf_adds(out, "\"></p>\n<p class=\"field\"><label for=\"until\">To</label>"
                     "<input id=\"until\" name=\"until\" type=\"date\" value=\"");
    A(out, p->until ? p->until : "");
    strbuf_adds(out, "\"></p>\n<p class=\"field\"><button type=\"submit\">Search</button></p>\n"
                     "<p id=\"q-help\" class=\"help\">Words match their forms (<kbd>vote</kbd> "
                     "finds votes); <kbd>\"exact phrase\"</kbd>, <kbd>prefix*</kbd>, "
                     "<kbd>OR</kbd> and <kbd>NOT</kbd> work too.</p>\n</form>\n");
    if (nonempty(p->message)) {
        strbuf_adds(out, "<p class=\"notice\" role=\"alert\">");
        T(out, p->message);
        strbuf_adds(out, "</p>\n");
    } else if (p->searched) {
        strbuf_adds(out,
                    "<section aria-labelledby=\"results-h\"><h2 id=\"results-h\">Results</h2>\n"
                    "<p class=\"meta\">");
        put_count(out, p->total);
        strbuf_adds(out, p->total_capped ? "+" : "");
        strbuf_adds(out, p->total == 1 && !p->total_capped ? " result" : " results");
        strbuf_adds(out, " \xc2\xb7 Sort by: ");
        if (p->by_date) {
            strbuf_adds(out, "<a href=\"");
            put_search_href(out, p, 0, NULL);
            strbuf_adds(out, "\">relevance</a> | <strong>date</strong>");
        } else {
            strbuf_adds(out, "<strong>relevance</strong> | <a href=\"");
            put_search_href(out, p, 1, NULL);
            strbuf_adds(out, "\">date</a>");
        }
        strbuf_adds(out, "</p>\n");
        put_list(out, ctx, &p->results, 0, "No articles match.");
        if (p->results.next_cursor) {
            strbuf_adds(out, "<nav class=\"pager\" aria-label=\"Pages\"><a rel=\"next\" href=\"");
            put_search_href(out, p, p->by_date, p->results.next_cursor);
            strbuf_adds(out, p->window_end ? "\">Older results \xe2\x86\x92</a></nav>\n"
                                           : "\">More results \xe2\x86\x92</a></nav>\n");
        }
        strbuf_adds(out, "</section>\n");
    }
    page_close(out);
}

void web_render_about(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_about_page *p)
{
    page_open(out, ctx, "About", NULL, NULL);
    strbuf_adds(out, "<h1>About herald</h1>\n<p>herald collects articles from news feeds, "
                     "extracts their text, and shows them here with a link to each original. "
                     "It is self-hosted: nothing on this page comes from a third party.</p>\n"
                     "<h2>Health</h2>\n<dl class=\"stats\">");
    strbuf_adds(out, "<dt>Version</dt><dd>");
    T(out, p->version ? p->version : HERALD_VERSION);
    strbuf_adds(out, "</dd><dt>Database</dt><dd>");
    strbuf_adds(out, p->db_ok ? "<span class=\"status ok\">ok</span>"
                              : "<span class=\"status bad\">unavailable</span>");
    strbuf_addf(out,
                "</dd><dt>Articles</dt><dd>%" PRId64 "</dd><dt>Sources</dt><dd>%" PRId64
                "</dd><dt>Feeds</dt><dd>%" PRId64 "</dd><dt>Newest article</dt><dd>",
                p->articles, p->sources, p->feeds);
    if (p->newest == TIME_NONE)
        strbuf_adds(out, "none yet");
    else
        put_time(out, ctx, p->newest);
    strbuf_adds(out, "</dd><dt>Last feed poll</dt><dd>");
    if (p->last_poll == TIME_NONE)
        strbuf_adds(out, "never");
    else
        put_time(out, ctx, p->last_poll);
    strbuf_adds(out, "</dd><dt>Server started</dt><dd>");
    put_time(out, ctx, p->started);
    strbuf_adds(out, "</dd>");
    for (size_t i = 0; i < p->n_health; i++) {
        const struct health_report *h = &p->health[i];
        int ok = h->state == HEALTH_OK;
        strbuf_adds(out, "<dt>Component: ");
        T(out, h->name);
        strbuf_adds(out, ok ? "</dt><dd><span class=\"status ok\">ok</span> "
                            : "</dt><dd><span class=\"status bad\">failing</span> ");
        T(out, h->message);
        if (!ok) {
            strbuf_addf(out, " (%d times in a row", h->failures);
            if (h->next_try != TIME_NONE) {
                strbuf_adds(out, "; next try ");
                put_time(out, ctx, h->next_try);
            }
            strbuf_adds(out, ")");
        }
        strbuf_adds(out, "</dd>");
    }
    strbuf_adds(out, "</dl>\n");
    if (p->n_failing) {
        put_feed_table(out, ctx, p->failing, p->n_failing, "Feeds whose last fetch failed");
    } else {
        strbuf_adds(out, "<p>No feed is failing.</p>\n");
    }
    strbuf_adds(out, "<h2>API</h2>\n<p>Everything on this site is also available as JSON under "
                     "<a href=\"/api/v1/articles\"><code>/api/v1/</code></a>: "
                     "<code>articles</code>, <code>articles/{id}</code>, <code>sources</code>, "
                     "<code>feeds</code> and <code>search?q=</code>; "
                     "<a href=\"/api/v1/health\"><code>health</code></a> for monitors.</p>\n");
    page_close(out);
}

void web_render_error(struct strbuf *out, const struct web_render_ctx *ctx, int status,
                      const char *message)
{
    const char *title = "Error";
    switch (status) {
    case 400:
        title = "Bad request";
        break;
    case 404:
        title = "Not found";
        break;
    case 405:
        title = "Method not allowed";
        break;
    case 500:
        title = "Server error";
        break;
    case 503:
        title = "Unavailable";
        break;
    default:
        break;
    }
    page_open(out, ctx, title, NULL, NULL);
    strbuf_addf(out, "<h1>%d \xc2\xb7 ", status);
    T(out, title);
    strbuf_adds(out, "</h1>\n<p class=\"notice\">");
    T(out, message ? message : title);
    strbuf_adds(out, "</p>\n<p><a href=\"/\">Back to the latest news</a></p>\n");
    page_close(out);
}

void web_render_snippet(struct strbuf *out, const char *snippet)
{
    const char *p = snippet, *q;
    int open = 0;
    if (!snippet)
        return;
    while (*p) {
        q = p + strcspn(p, WEB_MARK_OPEN WEB_MARK_CLOSE);
        html_escape_text_n(out, p, (size_t)(q - p));
        if (!*q)
            break;
        if (*q == WEB_MARK_OPEN[0] && !open) {
            strbuf_adds(out, "<mark>");
            open = 1;
        } else if (*q == WEB_MARK_CLOSE[0] && open) {
            strbuf_adds(out, "</mark>");
            open = 0;
        }
        p = q + 1;
    }
    if (open)
        strbuf_adds(out, "</mark>");
}

void web_render_simple(struct strbuf *out, const struct web_render_ctx *ctx, const char *title,
                       const char *message, const char *body_html)
{
    page_open(out, ctx, title, NULL, NULL);
    strbuf_adds(out, "<section class=\"panel\"><h1>");
    T(out, title);
    strbuf_adds(out, "</h1>\n");
    if (nonempty(message)) {
        strbuf_adds(out, "<p class=\"notice\" role=\"status\">");
        T(out, message);
        strbuf_adds(out, "</p>\n");
    }
    if (body_html)
        strbuf_adds(out, body_html); /* built by the caller through T()/A() */
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

void web_render_put_time(struct strbuf *out, const struct web_render_ctx *ctx, int64_t t)
{
    put_time(out, ctx, t);
}

/* ---- finding your way: the sources index and topic sections ------------------------- */

/* The topics as links with their counts ("World 12"), most used first. */
static void put_topics(struct strbuf *sb, const struct web_topic *t, size_t n)
{
    strbuf_adds(sb, "<ul class=\"topics\">");
    for (size_t i = 0; i < n; i++) {
        if (!nonempty(t[i].slug))
            continue;
        strbuf_adds(sb, "<li><a href=\"");
        put_topic_href(sb, t[i].slug);
        strbuf_adds(sb, "\">");
        T(sb, nonempty(t[i].name) ? t[i].name : t[i].slug);
        strbuf_addf(sb, "</a> <span class=\"count\">%" PRId64 "</span></li>", t[i].count);
    }
    strbuf_adds(sb, "</ul>\n");
}

void web_render_sources(struct strbuf *out, const struct web_render_ctx *ctx,
                        const struct web_sources_page *p)
{
    static const struct {
        const char *ext, *type, *label;
    } feeds[] = {{".xml", "application/rss+xml", "RSS"},
                 {".atom", "application/atom+xml", "Atom"},
                 {".json", "application/feed+json", "JSON Feed"}};
    page_open(out, ctx, "Sources", NULL, "Every publisher this herald follows, and its topics.");
    strbuf_adds(out, "<header class=\"page-head\"><h1>Sources</h1>");
    strbuf_addf(out, "<p class=\"meta\">%zu source%s, by name</p></header>\n", p->n_sources,
                p->n_sources == 1 ? "" : "s");
    strbuf_adds(out, "<section aria-labelledby=\"sources-h\"><h2 id=\"sources-h\" class=\"vh\">"
                     "Every source</h2>\n");
    if (!p->n_sources) {
        strbuf_adds(out, "<p class=\"empty\">No sources yet. Add feeds and run herald fetch to "
                         "fill this page.</p>\n");
    } else {
        strbuf_adds(out, "<div class=\"scroll\"><table class=\"feeds sources\"><caption>Sources, "
                         "their articles and their feeds</caption><thead><tr>"
                         "<th scope=\"col\">Source</th>"
                         "<th scope=\"col\" class=\"num\">Articles</th>"
                         "<th scope=\"col\">Latest article</th>"
                         "<th scope=\"col\">Follow</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < p->n_sources; i++) {
            const struct web_source *s = &p->sources[i];
            strbuf_adds(out, "<tr><th scope=\"row\">");
            put_source_link(out, s->id, s->name);
            strbuf_addf(out, "</th><td class=\"num\">%" PRId64 "</td><td>", s->article_count);
            if (s->latest == TIME_NONE)
                strbuf_adds(out, "none yet");
            else
                put_time(out, ctx, s->latest);
            strbuf_adds(out, "</td><td>");
            for (size_t f = 0; f < sizeof(feeds) / sizeof(feeds[0]); f++) {
                if (f)
                    strbuf_adds(out, " \xc2\xb7 ");
                strbuf_addf(out, "<a href=\"/source/%" PRId64 "/feed%s\" type=\"%s\">", s->id,
                            feeds[f].ext, feeds[f].type);
                strbuf_adds(out, "<span class=\"vh\">");
                T(out, nonempty(s->name) ? s->name : "Unknown source");
                strbuf_adds(out, " as </span>");
                strbuf_adds(out, feeds[f].label);
                strbuf_adds(out, "</a>");
            }
            strbuf_adds(out, "</td></tr>\n");
        }
        strbuf_adds(out, "</tbody></table></div>\n");
    }
    strbuf_adds(out, "</section>\n<section aria-labelledby=\"topics-h\"><h2 id=\"topics-h\">"
                     "Topics</h2>\n");
    if (!p->n_topics) {
        strbuf_adds(out, "<p class=\"empty\">No topic has two articles yet.</p>\n");
    } else {
        strbuf_adds(out, "<p class=\"meta\">The publishers' own categories, most used "
                         "first.</p>\n");
        put_topics(out, p->topics, p->n_topics);
    }
    strbuf_adds(out, "</section>\n");
    page_close(out);
}

void web_render_topic(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_topic_page *p)
{
    struct strbuf base = STRBUF_INIT;
    const char *name = nonempty(p->topic.name) ? p->topic.name : p->topic.slug;
    page_open(out, ctx, name, NULL, NULL);
    strbuf_adds(out, "<header class=\"page-head\"><h1>");
    T(out, name);
    strbuf_addf(out,
                "</h1><p class=\"meta\">Topic \xc2\xb7 %" PRId64 " article%s \xc2\xb7 "
                "<a href=\"/sources#topics-h\">All topics</a></p></header>\n",
                p->topic.count, p->topic.count == 1 ? "" : "s");
    strbuf_adds(out, "<section aria-labelledby=\"topic-h\"><h2 id=\"topic-h\">Articles, newest "
                     "first</h2>\n");
    put_list(out, ctx, &p->articles, 1, "No stored article is filed under this topic.");
    strbuf_adds(&base, "/topic/"); /* put_pager escapes it */
    strbuf_adds(&base, p->topic.slug ? p->topic.slug : "");
    put_pager(out, ctx, base.buf, &p->articles);
    strbuf_release(&base);
    strbuf_adds(out, "</section>\n");
    page_close(out);
}
