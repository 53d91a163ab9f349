/*
 * test_render.c - the page renderers over hand-made view models: the seed's article page
 * parts are present, hostile strings are escaped in text and attributes, unsafe URLs are
 * never written, snippet markers become <mark> around escaped text, and no page carries
 * inline script or style (the CSP would block them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "media/media.h"
#include "testutil.h"
#include "web/view.h"

#define NOW 1764100000
#define EVIL "<script>alert(1)</script>\" onmouseover='x' &amp;"

static struct web_render_ctx ctx = {.now = NOW,
                                    .css_href = "/static/herald.css?v=1",
                                    .js_href = "/static/herald.js?v=1",
                                    .path = "/"};
static media_proxy *proxy; /* ctx.media: images go through it */

/* The attribute-escaped proxy path of url at width. */
static void want_src(struct strbuf *sb, const char *url, int width)
{
    struct strbuf p = STRBUF_INIT;
    media_path(proxy, &p, url, width);
    assert_true(p.len > 0);
    strbuf_adds(sb, p.buf); /* base64url and hex: nothing to escape */
    strbuf_release(&p);
}

static int contains(const struct strbuf *sb, const char *needle)
{
    return strstr(sb->buf, needle) != NULL;
}

/* Properties every page must have. */
static void check_page(const struct strbuf *sb)
{
    assert_true(strncmp(sb->buf, "<!doctype html>", 15) == 0);
    assert_true(test_html_script_ok(sb->buf)); /* only the external herald.js, deferred */
    assert_true(contains(sb, "<script src=\"/static/herald.js?v=1\" defer></script>"));
    assert_false(contains(sb, " style="));
    assert_false(contains(sb, "<style"));
    assert_false(contains(sb, "javascript:"));
    assert_true(contains(sb, "<main id=\"main\""));
    assert_true(contains(sb, "<header class=\"site\""));
    assert_true(contains(sb, "<footer class=\"site\""));
    assert_true(contains(sb, "<nav aria-label=\"Main\""));
    assert_true(contains(sb, "href=\"#main\">Skip to content"));
    assert_true(contains(sb, "</html>\n"));
}

static struct web_item items[3];

static void fill_items(void)
{
    memset(items, 0, sizeof(items));
    for (int i = 0; i < 3; i++) {
        items[i].id =
            i == 0 ? "0123456789abcdef0123456789abcdef" : "fedcba9876543210fedcba9876543210";
        items[i].title = i == 0 ? EVIL : "Japan says China will resume Japanese seafood imports";
        items[i].source_id = 3;
        items[i].source_name = i == 1 ? "Japan Today" : "Asahi \"Shimbun\" <b>";
        items[i].published = NOW - 7 * 3600;
        items[i].image_url =
            i == 2 ? "javascript:alert(1)" : "https://img.example/a.jpg?x=1&y=\"2\"";
        items[i].summary = "A <summary> & more";
    }
}

static void test_article(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_article a;
    (void)state;
    fill_items();
    memset(&a, 0, sizeof(a));
    a.id = "0123456789abcdef0123456789abcdef";
    a.title = "Czech Republic accuses China of \xe2\x80\x98malicious cyber campaign'";
    a.url = "https://example.com/czech?a=1&b=2";
    a.author = "Jan <Novak>";
    a.published = NOW - 7 * 3600;
    a.image_url = "https://example.com/lead.jpg";
    a.image_caption = "Foreign Minister \"Jan\" Lipavsky speaks (AP Photo)";
    a.image_width = 1200;
    a.image_height = 800;
    a.body_html = "<p>PRAGUE--The <em>Czech</em> Republic has accused China.</p>";
    a.source_id = 3;
    a.source_name = "Japan Today";
    a.copyright = "\xc2\xa9 Copyright 2025 The Associated Press. All rights reserved.";
    a.summary = "Sum\"mary <x>";
    a.related = items;
    a.n_related = 3;
    web_render_article(&sb, &ctx, &a);
    check_page(&sb);
    assert_true(contains(&sb, "<h1>Czech Republic accuses China of \xe2\x80\x98malicious cyber "
                              "campaign'</h1>"));
    /* lead image through the proxy: 640 wide, a srcset of three widths with sizes, caption,
     * alt, dimensions and lazy loading; the publisher's URL is never written */
    {
        struct strbuf w = STRBUF_INIT;
        strbuf_adds(&w, "<img class=\"lead\" src=\"");
        want_src(&w, "https://example.com/lead.jpg", 640);
        strbuf_adds(&w, "\" srcset=\"");
        want_src(&w, "https://example.com/lead.jpg", 320);
        strbuf_adds(&w, " 320w, ");
        want_src(&w, "https://example.com/lead.jpg", 640);
        strbuf_adds(&w, " 640w, ");
        want_src(&w, "https://example.com/lead.jpg", 1280);
        strbuf_adds(&w, " 1280w\" sizes=\"(max-width: 42rem) 100vw, 40rem\" "
                        "alt=\"Foreign Minister &quot;Jan&quot; Lipavsky speaks (AP "
                        "Photo)\" width=\"1200\" height=\"800\" loading=\"lazy\"");
        assert_true(contains(&sb, w.buf));
        assert_false(contains(&sb, "example.com/lead.jpg"));
        strbuf_release(&w);
    }
    assert_true(contains(&sb, "<figcaption>Foreign Minister \"Jan\" Lipavsky speaks (AP "
                              "Photo)</figcaption>"));
    assert_true(contains(&sb, "<a class=\"src\" href=\"/source/3\">Japan Today</a>"));
    assert_true(contains(&sb, "By Jan &lt;Novak&gt;"));
    /* relative when recent, with the date and time (the site's zone, UTC here) as title */
    assert_true(contains(&sb, "<time datetime=\"2025-11-25T12:46:40Z\" "
                              "title=\"25 Nov 2025, 12:46 UTC\" data-rel>7 hours ago</time>"));
    /* the body is inserted as stored */
    assert_true(contains(&sb, "<p>PRAGUE--The <em>Czech</em> Republic has accused China.</p>"));
    assert_true(contains(&sb, "<p class=\"copyright\">\xc2\xa9 Copyright 2025"));
    assert_true(contains(&sb, "href=\"https://example.com/czech?a=1&amp;b=2\""));
    /* the AI section is there, saying honestly that the analysis is not ready */
    assert_true(contains(&sb, "<h2 id=\"ai-h\">AI features</h2>"));
    assert_true(contains(&sb, "not ready yet"));
    assert_true(contains(&sb, "<form class=\"ask\" method=\"get\" "
                              "action=\"/article/0123456789abcdef0123456789abcdef#ask\">"));
    assert_true(contains(&sb, "<h2 id=\"comments-h\">Comments</h2><p class=\"empty\">No "
                              "comments yet.</p>"));
    /* related: source, relative time, title; hostile title escaped */
    assert_true(contains(&sb, "Related articles"));
    assert_true(contains(&sb, "&lt;script&gt;alert(1)&lt;/script&gt;\" onmouseover='x' "
                              "&amp;amp;"));
    assert_true(contains(&sb, "Asahi \"Shimbun\" &lt;b&gt;"));
    assert_true(contains(&sb, "<html lang=\"en\">"));
    assert_true(contains(&sb, "<meta name=\"description\" content=\"Sum&quot;mary &lt;x&gt;\">"));
    strbuf_release(&sb);
}

static void test_article_hostile(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_article a;
    (void)state;
    memset(&a, 0, sizeof(a));
    a.id = "0123456789abcdef0123456789abcdef";
    a.title = EVIL;
    a.url = "javascript:alert(document.cookie)";
    a.image_url = "data:text/html,<script>";
    a.language = "en\"><script>";
    a.published = TIME_NONE;
    a.source_name = EVIL;
    web_render_article(&sb, &ctx, &a);
    check_page(&sb);
    assert_true(contains(&sb, "<title>&lt;script&gt;alert(1)&lt;/script&gt;\" onmouseover='x' "
                              "&amp;amp; \xc2\xb7 herald</title>"));
    assert_true(contains(&sb, "<html lang=\"en&quot;&gt;&lt;script&gt;\">"));
    /* unsafe URLs are dropped entirely */
    assert_false(contains(&sb, "Read the original"));
    assert_false(contains(&sb, "<figure"));
    assert_false(contains(&sb, "<time"));
    /* nothing to show: an honest message, no related */
    assert_true(contains(&sb, "could not be extracted"));
    assert_true(contains(&sb, "No related articles"));
    strbuf_release(&sb);
}

/* Attribution: the publisher is named without a copyright line, the original is the
 * canonical URL when there is one; link previews are absolute only with a base URL. */
static void test_article_attribution(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_render_ctx c = ctx;
    struct web_article a;
    (void)state;
    memset(&a, 0, sizeof(a));
    a.id = "0123456789abcdef0123456789abcdef";
    a.title = "T \"q\" <b>";
    a.url = "https://feeds.example/item?utm_source=rss";
    a.canonical_url = "https://pub.example/story";
    a.published = NOW - 60;
    a.updated = TIME_NONE;
    a.image_url = "https://img.example/a.jpg";
    a.source_id = 4;
    a.source_name = "The Pub & Co";
    a.summary = "S";
    c.path = "/article/0123456789abcdef0123456789abcdef";
    web_render_article(&sb, &c, &a);
    check_page(&sb);
    assert_true(contains(&sb, "<p class=\"publisher\">Published by <a class=\"src\" "
                              "href=\"/source/4\">The Pub &amp; Co</a></p>"));
    assert_false(contains(&sb, "class=\"copyright\""));
    assert_true(contains(&sb, "<a href=\"https://pub.example/story\" rel=\"noopener "
                              "noreferrer\">Read the original at The Pub &amp; Co</a>"));
    /* no base URL: a relative canonical, and no og:url / og:image (they must be absolute) */
    assert_true(contains(&sb, "<link rel=\"canonical\" href=\"/article/"));
    assert_false(contains(&sb, "og:url"));
    assert_true(contains(&sb, "<meta property=\"og:title\" content=\"T &quot;q&quot; "
                              "&lt;b&gt;\">"));
    assert_false(contains(&sb, "og:image")); /* the proxy's path is relative */
    strbuf_reset(&sb);
    /* with a base URL; no source name: the original's host names the publisher */
    c.base = "https://news.example";
    a.source_name = NULL;
    a.source_id = 0;
    a.canonical_url = "javascript:alert(1)"; /* unsafe: the item's link instead */
    web_render_article(&sb, &c, &a);
    check_page(&sb);
    assert_true(
        contains(&sb, "<link rel=\"canonical\" "
                      "href=\"https://news.example/article/0123456789abcdef0123456789abcdef\">"));
    assert_true(contains(
        &sb, "<meta property=\"og:url\" "
             "content=\"https://news.example/article/0123456789abcdef0123456789abcdef\">"));
    assert_true(contains(&sb, "Read the original at feeds.example</a>"));
    assert_true(contains(&sb, "<meta property=\"og:image\" content=\"https://news.example/media/"));
    assert_true(contains(&sb, "href=\"https://feeds.example/item?utm_source=rss\""));
    assert_true(contains(&sb, "Published by <span class=\"src\">Unknown source</span>"));
    strbuf_release(&sb);
}

static void test_home(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_list l;
    struct web_render_ctx c = ctx;
    (void)state;
    fill_items();
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.n_items = 3;
    l.next_cursor = "1764100000.abc\"<";
    c.query = "q\"><b>";
    {
        struct web_story top[1];
        memset(top, 0, sizeof(top));
        top[0].id = 42;
        top[0].title = "Rates <up>";
        top[0].sources = 3;
        top[0].size = 5;
        top[0].last_update = TIME_NONE;
        web_render_home(&sb, &c, top, 1, &l, 1);
    }
    check_page(&sb);
    assert_true(contains(&sb, "Top stories"));
    assert_true(contains(&sb, "<a href=\"/story/42\">Rates &lt;up&gt;</a>"));
    assert_true(contains(&sb, "3 sources"));
    assert_true(contains(&sb, "<a href=\"/article/0123456789abcdef0123456789abcdef\">&lt;script"));
    /* a hostile image URL is proxied (base64url in the path), never written; the search
     * box value is escaped */
    {
        struct strbuf w = STRBUF_INIT;
        strbuf_adds(&w, "class=\"thumb\" src=\"");
        want_src(&w, "https://img.example/a.jpg?x=1&y=\"2\"", 160);
        assert_true(contains(&sb, w.buf));
        assert_false(contains(&sb, "img.example"));
        strbuf_release(&w);
    }
    assert_true(contains(&sb, "value=\"q&quot;&gt;&lt;b&gt;\""));
    assert_true(contains(&sb, "?before=1764100000.abc&quot;&lt;\""));
    assert_true(contains(&sb, "width=\"160\" height=\"107\" loading=\"lazy\""));
    assert_true(contains(&sb, ">7 hours ago</time>"));
    /* the javascript: thumbnail of item 3 is not written */
    assert_false(contains(&sb, "javascript"));
    strbuf_release(&sb);

    l.n_items = 0;
    l.next_cursor = NULL;
    web_render_home(&sb, &ctx, NULL, 0, &l, 1);
    check_page(&sb);
    assert_true(contains(&sb, "No articles yet"));
    assert_false(contains(&sb, "Top stories")); /* no stories: no section */
    assert_false(contains(&sb, "rel=\"next\""));
    strbuf_release(&sb);
}

/* The paging footer (Newer / Older, keeping the filters) and the home page's language
 * filter: a labelled GET form, the current language selected, hostile tags escaped. */
static void test_pager_and_languages(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_list l;
    struct web_render_ctx c = ctx;
    struct web_language langs[] = {
        {"de", 12, 0}, {"en", 1000, 1}, {"x\"><b>", 2, 0}, {"pt-br", 1234, 0}};
    (void)state;
    fill_items();
    memset(&l, 0, sizeof(l));
    l.items = items;
    l.n_items = 3;
    l.next_cursor = "1764100000.0123456789abcdef0123456789abcdef";
    l.prev_cursor = "1764200000.0123456789abcdef0123456789abcdef";
    c.list_lang = "pt-br";
    c.list_langs = langs;
    c.n_list_langs = 4;
    c.list_unread = 2;
    web_render_home(&sb, &c, NULL, 0, &l, 0);
    check_page(&sb);
    assert_true(
        contains(&sb, "<nav class=\"pager\" aria-label=\"Pages\"><a rel=\"prev\" href=\"/?after="
                      "1764200000.0123456789abcdef0123456789abcdef&amp;lang=pt-br&amp;unread=1\">"
                      "\xe2\x86\x90 Newer articles</a> <a rel=\"next\" href=\"/?before="
                      "1764100000.0123456789abcdef0123456789abcdef&amp;lang=pt-br&amp;unread=1\">"
                      "Older articles \xe2\x86\x92</a></nav>"));
    assert_true(contains(&sb, "<form class=\"lang-filter\" method=\"get\" action=\"/\">"
                              "<label for=\"lang-filter\">Language</label> <select "
                              "id=\"lang-filter\" name=\"lang\"><option value=\"\">All "
                              "languages</option><option value=\"de\">German (de) \xc2\xb7 "
                              "12</option><option value=\"en\">English (en) \xc2\xb7 "
                              "1,000+</option><option value=\"x&quot;&gt;&lt;b&gt;\">x\""
                              "&gt;&lt;b&gt; \xc2\xb7 2</option><option value=\"pt-br\" "
                              "selected>pt-br \xc2\xb7 1,234</option></select><input "
                              "type=\"hidden\" name=\"unread\" value=\"1\"> <button "
                              "type=\"submit\">Show</button></form>"));
    /* the unread toggle keeps the language */
    assert_true(contains(&sb, "<a href=\"/?lang=pt-br\">Show all articles</a>"));
    strbuf_release(&sb);

    /* the first page: no Newer link; the last: no Older link; no languages: no form */
    l.prev_cursor = NULL;
    c.list_lang = NULL;
    c.n_list_langs = 0;
    c.list_unread = 0;
    web_render_home(&sb, &c, NULL, 0, &l, 1);
    assert_false(contains(&sb, "rel=\"prev\""));
    assert_true(contains(&sb, "<nav class=\"pager\" aria-label=\"Pages\"><a rel=\"next\" "
                              "href=\"/?before=1764100000.0123456789abcdef0123456789abcdef\">"));
    assert_false(contains(&sb, "lang-filter"));
    strbuf_release(&sb);
    l.prev_cursor = "1764200000.0123456789abcdef0123456789abcdef";
    l.next_cursor = NULL;
    web_render_home(&sb, &c, NULL, 0, &l, 0);
    assert_true(contains(&sb, "<a rel=\"prev\" href=\"/?after="));
    assert_false(contains(&sb, "rel=\"next\""));
    strbuf_release(&sb);
    /* a filter no article has is still shown, selected */
    c.list_lang = "ja";
    c.list_langs = langs;
    c.n_list_langs = 1;
    l.n_items = 0;
    web_render_home(&sb, &c, NULL, 0, &l, 1);
    assert_true(contains(&sb, "<option value=\"ja\" selected>Japanese (ja) \xc2\xb7 0</option>"));
    assert_true(contains(&sb, "No articles in this language."));
    strbuf_release(&sb);
}

static void test_search(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_search_page p;
    struct web_source srcs[1];
    (void)state;
    fill_items();
    memset(&p, 0, sizeof(p));
    memset(srcs, 0, sizeof(srcs));
    srcs[0].id = 3;
    srcs[0].name = "NHK <World>";
    items[0].snippet = "the \x01<china>\x02 & \x01seafood\x02 ban\x02\x01";
    items[0].title_hl = "Japan and \x01"
                        "China\x02";
    p.q = "china \"seafood";
    p.source_id = 3;
    p.sources = srcs;
    p.n_sources = 1;
    p.results.items = items;
    p.results.n_items = 1;
    p.searched = 1;
    p.results.next_cursor = "1.40.31.-5.33.21";
    p.total = 1000;
    p.total_capped = 1;
    web_render_search(&sb, &ctx, &p);
    check_page(&sb);
    assert_true(contains(&sb, "the <mark>&lt;china&gt;</mark> &amp; <mark>seafood</mark> "
                              "ban<mark></mark></p>"));
    assert_true(contains(&sb, ">Japan and <mark>China</mark></a>"));
    assert_true(contains(&sb, "value=\"china &quot;seafood\""));
    assert_true(contains(&sb, "<option value=\"3\" selected>NHK &lt;World&gt;</option>"));
    assert_true(contains(&sb, "href=\"/search?q=china%20%22seafood&amp;source=3&amp;"
                              "cursor=1.40.31.-5.33.21\">More results"));
    assert_true(contains(&sb, "1,000+ results"));
    assert_true(contains(&sb, "<strong>relevance</strong> | <a "
                              "href=\"/search?q=china%20%22seafood&amp;source=3&amp;sort=date\">"));
    strbuf_release(&sb);

    /* Date order, the window's last page: older results follow; an exact count. */
    p.by_date = 1;
    p.window_end = 1;
    p.total = 7;
    p.total_capped = 0;
    web_render_search(&sb, &ctx, &p);
    check_page(&sb);
    assert_true(contains(&sb, "7 results"));
    assert_true(contains(&sb, "&amp;sort=date&amp;cursor=1.40.31.-5.33.21\">Older results"));
    assert_true(contains(&sb, "<strong>date</strong>"));
    strbuf_release(&sb);
    p.by_date = 0;
    p.window_end = 0;

    p.message = "Unbalanced quote <here>";
    p.searched = 0;
    web_render_search(&sb, &ctx, &p);
    check_page(&sb);
    assert_true(contains(&sb, "role=\"alert\">Unbalanced quote &lt;here&gt;</p>"));
    assert_false(contains(&sb, "Results"));
    strbuf_release(&sb);
}

static void test_source_about_error(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_source_page sp;
    struct web_about_page ap;
    struct web_feed feeds[2];
    (void)state;
    fill_items();
    memset(&sp, 0, sizeof(sp));
    memset(feeds, 0, sizeof(feeds));
    feeds[0].url = "https://example.com/feed?<x>";
    feeds[0].title = "Main feed";
    feeds[0].last_fetch = NOW - 60;
    feeds[0].article_count = 12;
    feeds[1].url = "https://example.com/broken";
    feeds[1].last_fetch = NOW - 3600;
    feeds[1].error_count = 3;
    feeds[1].last_error = "HTTP 500 <oops>";
    sp.source.id = 3;
    sp.source.name = EVIL;
    sp.source.homepage = "https://example.com/";
    sp.source.article_count = 1;
    sp.feeds = feeds;
    sp.n_feeds = 2;
    sp.articles.items = items;
    sp.articles.n_items = 2;
    sp.articles.next_cursor = "17.ab";
    web_render_source(&sb, &ctx, &sp);
    check_page(&sb);
    assert_true(contains(&sb, "<h1>&lt;script&gt;"));
    assert_true(contains(&sb, "https://example.com/feed?&lt;x&gt;"));
    assert_true(contains(&sb, "<span class=\"status ok\">ok</span>"));
    assert_true(contains(&sb, "failing (3)</span> <span class=\"err\">HTTP 500 &lt;oops&gt;"));
    assert_true(contains(&sb, "href=\"/source/3?before=17.ab\""));
    strbuf_release(&sb);

    memset(&ap, 0, sizeof(ap));
    ap.version = "0.1.0";
    ap.articles = 5;
    ap.newest = TIME_NONE;
    ap.last_poll = TIME_NONE;
    ap.started = NOW - 120;
    ap.db_ok = 1;
    ap.failing = feeds + 1;
    ap.n_failing = 1;
    web_render_about(&sb, &ctx, &ap);
    check_page(&sb);
    assert_true(contains(&sb, "<dt>Articles</dt><dd>5</dd>"));
    assert_true(contains(&sb, "HTTP 500 &lt;oops&gt;"));
    strbuf_release(&sb);

    web_render_error(&sb, &ctx, 404, "No <such> page");
    check_page(&sb);
    assert_true(contains(&sb, "<h1>404 \xc2\xb7 Not found</h1>"));
    assert_true(contains(&sb, "No &lt;such&gt; page"));
    strbuf_release(&sb);
}

static void test_snippet_and_urls(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void)state;
    web_render_snippet(&sb, "\x02stray close \x01open \x01twice\x02 tail \x01unclosed");
    assert_string_equal(sb.buf, "stray close <mark>open twice</mark> tail <mark>unclosed</mark>");
    strbuf_release(&sb);
    web_render_snippet(&sb, NULL);
    assert_string_equal(sb.buf, "");
    assert_true(web_url_is_safe("https://example.com/"));
    assert_true(web_url_is_safe("HTTP://example.com/"));
    assert_false(web_url_is_safe("javascript:alert(1)"));
    assert_false(web_url_is_safe(" javascript:alert(1)"));
    assert_false(web_url_is_safe("data:image/png;base64,AAAA"));
    assert_false(web_url_is_safe("/relative"));
    assert_false(web_url_is_safe(""));
    assert_false(web_url_is_safe(NULL));
}

static void test_article_ai(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_article a;
    const char *sum[] = {"First " EVIL, "Second."};
    const char *points[] = {"A <point>."};
    const char *kws[] = {"cyber & campaign"};
    struct web_entity ents[] = {
        {"jan-lipavsky", "Jan <b>Lipavsk\xc3\xbd</b>", "person", 2},
        {"nato", "NATO", "org", 1},
        {"prague", "Prague", "place", 1},
        {"odd", "Odd", "event", 1}, /* a type the page does not group: not shown */
    };
    struct web_passage ps[] = {
        {"The \x01ministry\x02 said <it>.", "0123456789abcdef0123456789abcdef", NULL, 3.5},
        {"Another \x01ministry\x02.", "fedcba9876543210fedcba9876543210", "Other <title>", 2.0},
    };
    (void)state;
    memset(&a, 0, sizeof(a));
    a.id = "0123456789abcdef0123456789abcdef";
    a.title = "T";
    a.ai.present = 1;
    a.ai.language = "en";
    a.ai.reading_minutes = 3;
    a.ai.summary = sum;
    a.ai.n_summary = 2;
    a.ai.key_points = points;
    a.ai.n_key_points = 1;
    a.ai.keywords = kws;
    a.ai.n_keywords = 1;
    a.ai.entities = ents;
    a.ai.n_entities = 4;
    a.ai.question = "who \"said\" <it>?";
    a.ai.passages = ps;
    a.ai.n_passages = 2;
    a.ai.story_articles = 1;
    a.ai.llm_summary = "A model's <summary>.";
    web_render_article(&sb, &ctx, &a);
    check_page(&sb);
    assert_true(contains(&sb, "3 min read"));
    assert_true(contains(&sb, "<h3>Summary</h3>\n<p class=\"ai-summary\">First "
                              "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_true(contains(&sb, "<li>A &lt;point&gt;.</li>"));
    assert_true(contains(&sb, "<li>cyber &amp; campaign</li>"));
    assert_true(contains(&sb, "<dt>People</dt><dd><a href=\"/entity/jan-lipavsky\">Jan "
                              "&lt;b&gt;Lipavsk\xc3\xbd&lt;/b&gt;</a></dd>"));
    assert_true(contains(&sb, "<dt>Organisations</dt><dd><a href=\"/entity/nato\">NATO</a>"));
    assert_true(contains(&sb, "<dt>Places</dt><dd><a href=\"/entity/prague\">Prague</a>"));
    assert_false(contains(&sb, "/entity/odd"));
    /* the question is echoed escaped; passages are quoted with marks */
    assert_true(contains(&sb, "value=\"who &quot;said&quot; &lt;it&gt;?\""));
    assert_true(contains(&sb, "<blockquote>The <mark>ministry</mark> said &lt;it&gt;."
                              "</blockquote>"));
    assert_true(contains(&sb, "From <a href=\"/article/fedcba9876543210fedcba9876543210\">Other "
                              "&lt;title&gt;</a>"));
    assert_true(contains(&sb, "and the other articles of its story"));
    /* the model's text is labelled machine-generated */
    assert_true(contains(&sb, "A model&#39;s &lt;summary&gt;.") ||
                contains(&sb, "A model's &lt;summary&gt;."));
    assert_true(contains(&sb, "machine-generated"));
    strbuf_release(&sb);

    /* not found; not English */
    a.ai.n_passages = 0;
    a.ai.story_articles = 0;
    a.ai.lang_neutral = 1;
    a.ai.llm_summary = NULL;
    web_render_article(&sb, &ctx, &a);
    assert_true(contains(&sb, "<p class=\"empty\">Not found in this article.</p>"));
    assert_true(contains(&sb, "not in English"));
    assert_false(contains(&sb, "machine-generated"));
    strbuf_release(&sb);

    /* an over-long question: the message, no answer */
    a.ai.ask_message = "That question is too long.";
    web_render_article(&sb, &ctx, &a);
    assert_true(contains(&sb, "<p class=\"notice\">That question is too long.</p>"));
    assert_false(contains(&sb, "Not found in this article"));
    strbuf_release(&sb);
}

static void test_entity_page(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_entity_page p;
    struct web_render_ctx c = ctx;
    (void)state;
    fill_items();
    memset(&p, 0, sizeof(p));
    p.entity.slug = "nato";
    p.entity.name = "NATO <x>";
    p.entity.type = "org";
    p.entity.count = 3;
    p.articles.items = items;
    p.articles.n_items = 2;
    p.articles.next_cursor = "1764100000.0123456789abcdef0123456789abcdef";
    c.list_lang = "en";
    web_render_entity(&sb, &c, &p);
    check_page(&sb);
    assert_true(contains(&sb, "<h1>NATO &lt;x&gt;</h1>"));
    assert_true(contains(&sb, "Organisation \xc2\xb7 mentioned in 3 articles"));
    assert_true(contains(&sb, "href=\"/article/0123456789abcdef0123456789abcdef\""));
    assert_true(contains(&sb, "href=\"/entity/nato?before=1764100000."
                              "0123456789abcdef0123456789abcdef&amp;lang=en\""));
    strbuf_release(&sb);
}

/* /sources: every source with its count, latest time and feeds, the topics with counts;
 * /topic/{slug}: heading, list, older link; an article's "Filed under" (a category without
 * a section is shown as text).  Hostile names escaped everywhere. */
static void test_sources_and_topic(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct web_source src[2];
    struct web_topic topics[2] = {{"world", "World <i>", 12}, {"b-bold-b", EVIL, 2}};
    struct web_sources_page sp;
    struct web_topic_page tp;
    struct web_article a;
    struct web_render_ctx c = ctx;
    (void)state;
    memset(src, 0, sizeof(src));
    src[0].id = 4;
    src[0].name = EVIL;
    src[0].article_count = 17;
    src[0].latest = NOW - 2 * 3600;
    src[1].id = 9;
    src[1].name = "Quiet Outlet";
    src[1].latest = TIME_NONE;
    memset(&sp, 0, sizeof(sp));
    sp.sources = src;
    sp.n_sources = 2;
    sp.topics = topics;
    sp.n_topics = 2;
    c.path = "/sources";
    web_render_sources(&sb, &c, &sp);
    check_page(&sb);
    assert_false(contains(&sb, EVIL));
    assert_true(contains(&sb, "<h1>Sources</h1>"));
    assert_true(contains(&sb, "<a class=\"src\" href=\"/source/4\">&lt;script&gt;"));
    assert_true(contains(&sb, "</th><td class=\"num\">17</td><td><time datetime="));
    assert_true(contains(&sb, ">2 hours ago</time>"));
    assert_true(contains(&sb, "</th><td class=\"num\">0</td><td>none yet</td>"));
    assert_true(contains(&sb, "<a href=\"/source/9/feed.xml\" type=\"application/rss+xml\">"));
    assert_true(contains(&sb, "<a href=\"/source/9/feed.atom\""));
    assert_true(contains(&sb, "<a href=\"/source/9/feed.json\""));
    assert_true(contains(&sb, "<a href=\"/topic/world\">World &lt;i&gt;</a> <span "
                              "class=\"count\">12</span>"));
    assert_true(contains(&sb, "<a href=\"/sources\">Sources</a>")); /* the nav */
    strbuf_release(&sb);

    /* no topics yet */
    sp.n_topics = 0;
    sp.n_sources = 0;
    web_render_sources(&sb, &c, &sp);
    check_page(&sb);
    assert_true(contains(&sb, "No topic has two articles yet."));
    assert_true(contains(&sb, "No sources yet."));
    strbuf_release(&sb);

    fill_items();
    memset(&tp, 0, sizeof(tp));
    tp.topic = topics[1];
    tp.articles.items = items;
    tp.articles.n_items = 2;
    tp.articles.next_cursor = "1764100000.0123456789abcdef0123456789abcdef";
    c.path = "/topic/b-bold-b";
    web_render_topic(&sb, &c, &tp);
    check_page(&sb);
    assert_false(contains(&sb, EVIL));
    assert_true(contains(&sb, "<h1>&lt;script&gt;"));
    assert_true(contains(&sb, "Topic \xc2\xb7 2 articles"));
    assert_true(contains(&sb, "href=\"/article/0123456789abcdef0123456789abcdef\""));
    assert_true(contains(&sb, "href=\"/topic/b-bold-b?before=1764100000."
                              "0123456789abcdef0123456789abcdef\""));
    strbuf_release(&sb);

    /* an article files under its categories; one without a section is plain text */
    {
        struct web_topic filed[2] = {{"world", "World", 0}, {NULL, EVIL, 0}};
        memset(&a, 0, sizeof(a));
        a.id = "0123456789abcdef0123456789abcdef";
        a.title = "T";
        a.published = a.updated = TIME_NONE;
        a.topics = filed;
        a.n_topics = 2;
        c.path = "/article/0123456789abcdef0123456789abcdef";
        web_render_article(&sb, &c, &a);
        check_page(&sb);
        assert_false(contains(&sb, EVIL));
        assert_true(contains(&sb, "<p class=\"filed\">Filed under <a href=\"/topic/world\">World"
                                  "</a>, &lt;script&gt;"));
        strbuf_release(&sb);
    }
}

/* Body images: every <img> of the stored HTML through the proxy with a srcset; a
 * <picture>'s <source> loses its srcset (its <img> is the proxied fallback); an image the
 * proxy will not take is dropped; escaped text that looks like a tag is left alone. */
static void test_body_images(void **state)
{
    struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;
    (void)state;
    web_render_body(&sb, &ctx,
                    "<p>One</p><img src=\"https://e.example/a.jpg?x=1&amp;y=2\" "
                    "srcset=\"https://e.example/a-2x.jpg 2x\" alt=\" src=&quot;x&quot;\" "
                    "width=\"600\" height=\"400\"><picture><source "
                    "srcset=\"https://e.example/b.webp 1x\" type=\"image/webp\"><img "
                    "src=\"https://e.example/b.jpg\" alt=\"\"></picture><img "
                    "src=\"file:///etc/passwd\" alt=\"\"><p>&lt;img src=\"x\"&gt;</p>");
    strbuf_adds(&want, "<p>One</p><img src=\"");
    want_src(&want, "https://e.example/a.jpg?x=1&y=2", 640);
    strbuf_adds(&want, "\" srcset=\"");
    want_src(&want, "https://e.example/a.jpg?x=1&y=2", 320);
    strbuf_adds(&want, " 320w, ");
    want_src(&want, "https://e.example/a.jpg?x=1&y=2", 640);
    strbuf_adds(&want, " 640w, ");
    want_src(&want, "https://e.example/a.jpg?x=1&y=2", 1280);
    strbuf_adds(&want, " 1280w\" sizes=\"(max-width: 42rem) 100vw, 40rem\" loading=\"lazy\" "
                       "decoding=\"async\" alt=\" src=&quot;x&quot;\" width=\"600\" "
                       "height=\"400\"><picture><source type=\"image/webp\"><img src=\"");
    want_src(&want, "https://e.example/b.jpg", 640);
    assert_int_equal(strncmp(sb.buf, want.buf, want.len), 0);
    assert_null(strstr(sb.buf, "e.example"));
    assert_null(strstr(sb.buf, "passwd")); /* file: is not proxied here: dropped */
    assert_non_null(strstr(sb.buf, "</picture><p>&lt;img src=\"x\"&gt;</p>"));
    strbuf_release(&sb);
    strbuf_release(&want);

    /* without a proxy, no image is written at all */
    struct web_render_ctx bare = ctx;
    bare.media = NULL;
    web_render_body(&sb, &bare, "<p>a</p><img src=\"https://e.example/a.jpg\" alt=\"\"><p>b</p>");
    assert_string_equal(sb.buf, "<p>a</p><p>b</p>");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_article_ai),
        cmocka_unit_test(test_entity_page),
        cmocka_unit_test(test_article_hostile),
        cmocka_unit_test(test_article_attribution),
        cmocka_unit_test(test_home),
        cmocka_unit_test(test_pager_and_languages),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_source_about_error),
        cmocka_unit_test(test_snippet_and_urls),
        cmocka_unit_test(test_body_images),
        cmocka_unit_test(test_sources_and_topic),
    };
    struct media_config mc;
    char *dir = test_tmpdir();
    int rc;
    media_config_init(&mc);
    mc.dir = dir;
    if (media_proxy_new(&mc, &proxy) != HERALD_OK)
        return 1;
    ctx.media = proxy;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    media_proxy_free(proxy);
    test_rmtree(dir);
    free(dir);
    return rc;
}
