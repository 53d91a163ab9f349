/* test_feed.c - feed/feed.h: each dialect on small inline feeds, encodings, xml:base,
 * hostile input (billion laughs, XXE, deep nesting, size bounds, garbage) and the JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "feed/feed.h"
#include "testutil.h"

static struct feed *parse_ok(const char *doc, const struct feed_parse_opts *opts)
{
    struct feed *f = NULL;
    herald_status rc = feed_parse(doc, strlen(doc), opts, &f);
    if (rc != HERALD_OK)
        fail_msg("feed_parse: %s", herald_strerror(rc));
    assert_non_null(f);
    return f;
}

static void assert_time(int64_t t, const char *rfc3339)
{
    char buf[TIME_RFC3339_LEN];
    assert_true(t != TIME_NONE);
    assert_string_equal(time_format_rfc3339(t, buf), rfc3339);
}

/* 1 when s is valid UTF-8. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0)
            return 0;
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n + 1;
    }
    return 1;
}

static void test_rss20(void **state)
{
    (void)state;
    const char *doc =
        "<?xml version=\"1.0\"?>\n"
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "     xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
        "     xmlns:media=\"http://search.yahoo.com/mrss/\">\n"
        "<channel><title>Daily Planet</title><link>https://planet.example/</link>\n"
        "<description>News from Metropolis</description><language>en-us</language>\n"
        "<image><url>https://planet.example/logo.png</url><title>logo</title>"
        "<link>https://planet.example/</link><width>88</width><height>31</height></image>\n"
        "<ttl>30</ttl><skipHours><hour>0</hour><hour>23</hour></skipHours>"
        "<skipDays><day>Sunday</day></skipDays>\n"
        "<item><title>Bridge &amp; tunnel reopen</title><link>https://planet.example/a/1</link>\n"
        "<guid isPermaLink=\"false\">planet-1</guid><pubDate>Tue, 03 Jun 2008 09:39:21 "
        "GMT</pubDate>\n"
        "<author>lois@planet.example (Lois Lane)</author><dc:creator>Clark Kent</dc:creator>\n"
        "<description>&lt;p onclick=\"x()\"&gt;Traffic &lt;b&gt;flows&lt;/b&gt;&lt;script&gt;"
        "alert(1)&lt;/script&gt;&lt;/p&gt;</description>\n"
        "<content:encoded><![CDATA[<p>Full <a href=\"/more\">story</a></p>]]></content:encoded>\n"
        "<category domain=\"https://planet.example/sections\">City</category>\n"
        "<enclosure url=\"https://planet.example/a.mp3\" length=\"1234\" type=\"audio/mpeg\"/>\n"
        "<media:content url=\"https://planet.example/bridge.jpg\" medium=\"image\" width=\"640\" "
        "height=\"480\"><media:description>The bridge at dawn</media:description>"
        "<media:credit>Jimmy Olsen</media:credit></media:content>\n"
        "<media:thumbnail url=\"https://planet.example/bridge-t.jpg\"/>\n"
        "<comments>https://planet.example/a/1#comments</comments>\n"
        "</item>\n"
        "<item><title>Second</title><guid>https://planet.example/a/2</guid>"
        "<pubDate>not a date</pubDate></item>\n"
        "</channel></rss>\n";
    struct feed *f = parse_ok(doc, NULL);
    assert_int_equal(f->format, FEED_FORMAT_RSS20);
    assert_string_equal(feed_format_name(f->format), "rss20");
    assert_false(f->bozo);
    assert_string_equal(f->head.title.value, "Daily Planet");
    assert_string_equal(f->head.link, "https://planet.example/");
    assert_string_equal(f->head.subtitle.value, "News from Metropolis");
    assert_string_equal(f->head.language, "en-us");
    assert_string_equal(f->head.image.href, "https://planet.example/logo.png");
    assert_int_equal(f->head.image.width, 88);
    assert_int_equal(f->ttl_minutes, 30);
    assert_int_equal(f->skip_hours, (1u << 0) | (1u << 23));
    assert_int_equal(f->skip_days, 1u << 6);
    assert_int_equal(f->nentries, 2);

    struct feed_item *e = &f->entries[0];
    assert_string_equal(e->title.value, "Bridge & tunnel reopen");
    assert_string_equal(e->title.type, "text/plain");
    assert_string_equal(e->link, "https://planet.example/a/1");
    assert_string_equal(e->id, "planet-1");
    assert_false(e->guidislink);
    assert_time(e->published, "2008-06-03T09:39:21Z");
    assert_int_equal(e->nauthors, 2);
    assert_string_equal(e->authors[0].name, "Lois Lane");
    assert_string_equal(e->authors[0].email, "lois@planet.example");
    assert_string_equal(e->authors[1].name, "Clark Kent");
    /* the summary is sanitized: no script, no event handler, text kept */
    assert_string_equal(e->summary.type, "text/html");
    assert_null(strstr(e->summary.value, "script"));
    assert_null(strstr(e->summary.value, "onclick"));
    assert_null(strstr(e->summary.value, "alert"));
    assert_non_null(strstr(e->summary.value, "<b>flows</b>"));
    assert_int_equal(e->ncontent, 1);
    assert_non_null(strstr(e->content[0].value, "Full"));
    assert_int_equal(e->ntags, 1);
    assert_string_equal(e->tags[0].term, "City");
    assert_string_equal(e->tags[0].scheme, "https://planet.example/sections");
    assert_int_equal(e->nenclosures, 1);
    assert_string_equal(e->enclosures[0].href, "https://planet.example/a.mp3");
    assert_string_equal(e->enclosures[0].length, "1234");
    assert_string_equal(e->enclosures[0].type, "audio/mpeg");
    assert_int_equal(e->nmedia, 2);
    assert_false(e->media[0].thumbnail);
    assert_string_equal(e->media[0].url, "https://planet.example/bridge.jpg");
    assert_int_equal(e->media[0].width, 640);
    assert_int_equal(e->media[0].height, 480);
    assert_string_equal(e->media[0].caption, "The bridge at dawn");
    assert_string_equal(e->media[0].credit, "Jimmy Olsen");
    assert_true(e->media[1].thumbnail);
    assert_string_equal(e->comments, "https://planet.example/a/1#comments");

    struct feed_item *e2 = &f->entries[1];
    assert_true(e2->guidislink);
    assert_string_equal(e2->link, "https://planet.example/a/2"); /* the permalink guid */
    assert_true(e2->published == TIME_NONE);                     /* unparseable: absent */
    assert_string_equal(e2->published_raw, "not a date");
    feed_free(f);
}

static void test_rss10(void **state)
{
    (void)state;
    const char *doc =
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
        " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        " xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">\n"
        "<channel rdf:about=\"https://gazette.example/rss\"><title>Gazette</title>"
        "<link>https://gazette.example/</link><description>d</description>"
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
        "</channel>\n"
        "<item rdf:about=\"https://gazette.example/x\"><title>X</title>"
        "<link>https://gazette.example/x</link><dc:date>2004-07-08T23:56:58+02:00</dc:date>"
        "<dc:subject>Politics</dc:subject><dc:creator>Perry White</dc:creator></item>\n"
        "</rdf:RDF>";
    struct feed *f = parse_ok(doc, NULL);
    assert_int_equal(f->format, FEED_FORMAT_RSS10);
    assert_string_equal(f->head.title.value, "Gazette");
    assert_string_equal(f->update_period, "hourly");
    assert_int_equal(f->update_frequency, 2);
    assert_int_equal(f->nentries, 1);
    assert_string_equal(f->entries[0].id, "https://gazette.example/x");
    assert_time(f->entries[0].updated, "2004-07-08T21:56:58Z");
    assert_string_equal(f->entries[0].tags[0].term, "Politics");
    assert_string_equal(f->entries[0].authors[0].name, "Perry White");
    feed_free(f);
}

static void test_atom10(void **state)
{
    (void)state;
    const char *doc =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://wire.example/news/\" "
        "xml:lang=\"en\">\n"
        "<title type=\"html\">Wire &lt;em&gt;Service&lt;/em&gt;</title>"
        "<subtitle>All the news</subtitle>\n"
        "<link rel=\"alternate\" href=\"/\"/><link rel=\"self\" href=\"feed.atom\"/>\n"
        "<id>urn:uuid:60a76c80</id><updated>2003-12-13T18:30:02Z</updated>"
        "<icon>/favicon.ico</icon><logo>logo.png</logo>\n"
        "<entry xml:base=\"2003/\" xml:lang=\"fr\"><title>Bonjour</title>"
        "<link href=\"post.html\"/>"
        "<link rel=\"enclosure\" type=\"audio/mpeg\" length=\"99\" href=\"a.mp3\"/>\n"
        "<id>tag:wire.example,2003:3</id><published>2003-12-13T08:29:29-04:00</published>"
        "<updated>2003-12-13T18:30:02Z</updated>\n"
        "<author><name>Mark</name><email>mark@wire.example</email><uri>/mark</uri></author>\n"
        "<contributor><name>Sam</name></contributor>\n"
        "<category term=\"tech\" scheme=\"https://wire.example/cat\" label=\"Technology\"/>\n"
        "<summary type=\"text\">Plain &lt;summary&gt;</summary>\n"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello "
        "<a href=\"rel/link\">world</a></p></div></content>\n"
        "<source><title>Origin</title><id>urn:origin</id></source>\n"
        "</entry></feed>";
    struct feed *f = parse_ok(doc, NULL);
    assert_int_equal(f->format, FEED_FORMAT_ATOM10);
    assert_false(f->bozo);
    assert_string_equal(f->head.title.type, "text/html");
    assert_string_equal(f->head.title.value, "Wire <em>Service</em>");
    assert_string_equal(f->head.language, "en");
    assert_string_equal(f->head.link, "https://wire.example/");
    assert_int_equal(f->head.nlinks, 2);
    assert_string_equal(f->head.links[1].rel, "self");
    assert_string_equal(f->head.links[1].href, "https://wire.example/news/feed.atom");
    assert_string_equal(f->head.icon, "https://wire.example/favicon.ico");
    assert_string_equal(f->head.logo, "https://wire.example/news/logo.png");
    assert_time(f->head.updated, "2003-12-13T18:30:02Z");

    struct feed_item *e = &f->entries[0];
    /* nested xml:base: news/ + 2003/ */
    assert_string_equal(e->link, "https://wire.example/news/2003/post.html");
    assert_string_equal(e->title.language, "fr");
    assert_string_equal(e->title.base, "https://wire.example/news/2003/");
    assert_time(e->published, "2003-12-13T12:29:29Z");
    assert_string_equal(e->authors[0].name, "Mark");
    assert_string_equal(e->authors[0].email, "mark@wire.example");
    assert_string_equal(e->authors[0].href, "https://wire.example/mark");
    assert_string_equal(e->contributors[0].name, "Sam");
    assert_string_equal(e->tags[0].label, "Technology");
    assert_string_equal(e->summary.type, "text/plain");
    assert_string_equal(e->summary.value, "Plain <summary>");
    assert_string_equal(e->enclosures[0].href, "https://wire.example/news/2003/a.mp3");
    assert_string_equal(e->content[0].type, "application/xhtml+xml");
    /* the wrapping div is removed, relative links resolved against the entry's base */
    assert_null(strstr(e->content[0].value, "<div"));
    assert_non_null(strstr(e->content[0].value, "https://wire.example/news/2003/rel/link"));
    assert_non_null(e->source);
    assert_string_equal(e->source->title.value, "Origin");
    assert_string_equal(e->source->id, "urn:origin");
    feed_free(f);
}

static void test_atom03(void **state)
{
    (void)state;
    const char *doc =
        "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old</title>"
        "<tagline>Still here</tagline><modified>2003-12-13T18:30:02Z</modified>\n"
        "<entry><title mode=\"escaped\" type=\"text/html\">A &lt;b&gt;bold&lt;/b&gt; "
        "move</title><issued>2003-12-13T08:29:29-04:00</issued>"
        "<content type=\"text/plain\" mode=\"base64\">SGVsbG8gd29ybGQ=</content></entry></feed>";
    struct feed *f = parse_ok(doc, NULL);
    assert_int_equal(f->format, FEED_FORMAT_ATOM03);
    assert_string_equal(f->head.subtitle.value, "Still here");
    assert_time(f->head.updated, "2003-12-13T18:30:02Z");
    assert_non_null(strstr(f->entries[0].title.value, "<b>bold</b>"));
    assert_time(f->entries[0].published, "2003-12-13T12:29:29Z");
    assert_string_equal(f->entries[0].content[0].value, "Hello world");
    feed_free(f);
}

static void test_json_feed(void **state)
{
    (void)state;
    const char *doc11 =
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"JSON Times\",\n"
        " \"home_page_url\": \"https://json.example/\", \"feed_url\": "
        "\"https://json.example/f.json\",\n"
        " \"language\": \"en\", \"authors\": [{\"name\": \"Ann\"}],\n"
        " \"items\": [{\"id\": \"1\", \"url\": \"https://json.example/1\", \"title\": \"One\",\n"
        "   \"content_html\": \"<p>Hi<script>x()</script></p>\", \"summary\": \"s\",\n"
        "   \"image\": \"https://json.example/1.jpg\",\n"
        "   \"date_published\": \"2020-01-02T03:04:05+01:00\", \"tags\": [\"a\", \"b\"],\n"
        "   \"attachments\": [{\"url\": \"https://json.example/1.mp3\", \"mime_type\": "
        "\"audio/mpeg\", \"size_in_bytes\": 42}]},\n"
        "  {\"id\": 2, \"content_text\": \"plain\"}]}";
    struct feed *f = parse_ok(doc11, NULL);
    assert_int_equal(f->format, FEED_FORMAT_JSON11);
    assert_string_equal(f->head.title.value, "JSON Times");
    assert_string_equal(f->head.link, "https://json.example/");
    assert_string_equal(f->head.authors[0].name, "Ann");
    assert_int_equal(f->nentries, 2);
    struct feed_item *e = &f->entries[0];
    assert_string_equal(e->id, "1");
    assert_string_equal(e->link, "https://json.example/1");
    assert_null(strstr(e->content[0].value, "script"));
    assert_non_null(strstr(e->content[0].value, "Hi"));
    assert_time(e->published, "2020-01-02T02:04:05Z");
    assert_int_equal(e->ntags, 2);
    assert_string_equal(e->enclosures[0].length, "42");
    assert_string_equal(e->media[0].url, "https://json.example/1.jpg");
    assert_string_equal(f->entries[1].id, "2");
    assert_string_equal(f->entries[1].content[0].type, "text/plain");
    feed_free(f);

    const char *doc10 = "  {\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"T\", "
                        "\"items\": [], \"author\": {\"name\": \"Bob\", \"url\": "
                        "\"https://bob.example/\"}}";
    f = parse_ok(doc10, NULL);
    assert_int_equal(f->format, FEED_FORMAT_JSON1);
    assert_string_equal(f->head.authors[0].href, "https://bob.example/");
    feed_free(f);

    /* JSON that is not a JSON Feed, and broken JSON */
    struct feed *g = NULL;
    assert_int_equal(feed_parse("{\"a\": 1}", 8, NULL, &g), HERALD_E_PARSE);
    assert_int_equal(feed_parse("{\"version\": ", 12, NULL, &g), HERALD_E_PARSE);
    assert_null(g);
}

static void test_encodings(void **state)
{
    (void)state;
    /* declared ISO-8859-1 with Windows-1252 bytes (0x92 = right quote) */
    const char latin[] = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"
                         "<rss version=\"2.0\"><channel><title>caf\xe9 don\x92t</title>"
                         "</channel></rss>";
    struct feed *f = parse_ok(latin, NULL);
    assert_string_equal(f->encoding, "iso-8859-1");
    assert_string_equal(f->head.title.value, "caf\xc3\xa9 don\xe2\x80\x99t");
    feed_free(f);

    /* UTF-16LE with a BOM */
    const char *ascii = "<rss version=\"2.0\"><channel><title>\xc3\xa9t\xc3\xa9</title>"
                        "</channel></rss>";
    struct strbuf u16 = STRBUF_INIT;
    strbuf_add(&u16, "\xff\xfe", 2);
    /* tiny UTF-8 -> UTF-16LE for the BMP */
    for (const unsigned char *p = (const unsigned char *)ascii; *p;) {
        unsigned cp = *p;
        if (cp >= 0xC0) {
            cp = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else {
            p++;
        }
        strbuf_addch(&u16, (int)(cp & 0xFF));
        strbuf_addch(&u16, (int)(cp >> 8));
    }
    struct feed *g = NULL;
    assert_int_equal(feed_parse(u16.buf, u16.len, NULL, &g), HERALD_OK);
    assert_string_equal(g->encoding, "utf-16le");
    assert_string_equal(g->head.title.value, "\xc3\xa9t\xc3\xa9");
    feed_free(g);
    strbuf_release(&u16);

    /* the HTTP charset wins over the declaration for application/xml */
    const char utf8[] = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"
                        "<rss version=\"2.0\"><channel><title>\xc3\xa9</title></channel></rss>";
    struct feed_parse_opts o;
    memset(&o, 0, sizeof(o));
    o.content_type = "application/rss+xml; charset=utf-8";
    f = parse_ok(utf8, &o);
    assert_string_equal(f->encoding, "utf-8");
    assert_string_equal(f->head.title.value, "\xc3\xa9");
    assert_false(f->bozo);
    feed_free(f);

    /* invalid UTF-8 declared as UTF-8: decoded another way, flagged, output valid */
    const char bad[] = "<rss version=\"2.0\"><channel><title>a\xff\xfe b</title></channel></rss>";
    f = parse_ok(bad, NULL);
    assert_true(f->bozo);
    assert_true(valid_utf8(f->head.title.value));
    feed_free(f);

    /* UTF-8 with a stray Windows-1252 quote: the UTF-8 is kept, the stray byte read as
     * Windows-1252, the feed flagged */
    const char mixed[] = "<rss version=\"2.0\"><channel><title>caf\xc3\xa9 don\x92t</title>"
                         "</channel></rss>";
    f = parse_ok(mixed, NULL);
    assert_true(f->bozo);
    assert_string_equal(f->encoding, "utf-8");
    assert_string_equal(f->head.title.value, "caf\xc3\xa9 don\xe2\x80\x99t");
    feed_free(f);

    /* HTML entities in a title, undeclared */
    const char *ent = "<rss version=\"2.0\"><channel><title>caf&eacute;&nbsp;&hellip;</title>"
                      "</channel></rss>";
    f = parse_ok(ent, NULL);
    assert_string_equal(f->head.title.value, "caf\xc3\xa9\xc2\xa0\xe2\x80\xa6");
    assert_true(f->bozo); /* not well-formed XML, recovered */
    feed_free(f);
}

static void test_base_and_document_url(void **state)
{
    (void)state;
    const char *doc = "<rss version=\"2.0\"><channel><link>/home</link>"
                      "<item><link>story/1</link><description>&lt;a href=\"../x\"&gt;x&lt;/a&gt;"
                      "</description></item></channel></rss>";
    struct feed_parse_opts o;
    memset(&o, 0, sizeof(o));
    o.url = "https://site.example/feeds/main.xml";
    struct feed *f = parse_ok(doc, &o);
    assert_string_equal(f->head.link, "https://site.example/home");
    assert_string_equal(f->entries[0].link, "https://site.example/feeds/story/1");
    assert_non_null(strstr(f->entries[0].summary.value, "https://site.example/x"));
    feed_free(f);

    /* Content-Location overrides the document URL; an unsafe xml:base is ignored */
    o.content_location = "https://cdn.example/f/";
    const char *doc2 = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                       "<link href=\"a\"/><entry xml:base=\"javascript:alert(1)\">"
                       "<link href=\"b\"/></entry></feed>";
    f = parse_ok(doc2, &o);
    assert_string_equal(f->head.link, "https://cdn.example/f/a");
    assert_string_equal(f->entries[0].link, "https://cdn.example/f/b");
    feed_free(f);
}

static void test_billion_laughs(void **state)
{
    (void)state;
    struct strbuf doc = STRBUF_INIT;
    strbuf_adds(&doc, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    strbuf_adds(&doc, "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for (int i = 2; i <= 9; i++)
        strbuf_addf(&doc,
                    "<!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;"
                    "&lol%d;&lol%d;\">\n",
                    i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    strbuf_adds(&doc, "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>"
                      "<item><title>after</title></item></channel></rss>");
    struct feed *f = NULL;
    herald_status rc = feed_parse(doc.buf, doc.len, NULL, &f);
    /* either refused, or parsed without the expansion: never 3 GB of "lol" */
    if (rc == HERALD_OK) {
        assert_true(!f->head.title.value || strlen(f->head.title.value) < (1u << 20));
        feed_free(f);
    } else {
        assert_true(rc == HERALD_E_TOOBIG || rc == HERALD_E_PARSE);
        assert_null(f);
    }
    strbuf_release(&doc);
}

static void test_xxe(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    assert_non_null(dir);
    char path[512];
    snprintf(path, sizeof(path), "%s/secret.txt", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("TOP-SECRET-HERALD-XXE", fp);
    fclose(fp);
    struct strbuf doc = STRBUF_INIT;
    strbuf_addf(&doc,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://%s\">\n"
                "<!ENTITY %% pe SYSTEM \"file://%s\"> %%pe; ]>\n"
                "<rss version=\"2.0\"><channel><title>a &xxe; b</title>"
                "<item><title>&xxe;</title><description>&xxe;</description></item>"
                "</channel></rss>",
                path, path);
    struct feed *f = NULL;
    herald_status rc = feed_parse(doc.buf, doc.len, NULL, &f);
    if (rc == HERALD_OK) {
        struct strbuf js = STRBUF_INIT;
        assert_int_equal(feed_to_json(f, &js), HERALD_OK);
        assert_null(strstr(js.buf, "TOP-SECRET"));
        strbuf_release(&js);
        feed_free(f);
    }
    strbuf_release(&doc);
    test_rmtree(dir);
    free(dir);
}

static void test_bounds_and_garbage(void **state)
{
    (void)state;
    struct feed *f = NULL;
    /* deep nesting */
    struct strbuf deep = STRBUF_INIT;
    strbuf_adds(&deep, "<rss><channel><title>");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&deep, "<a>");
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&deep, "</a>");
    strbuf_adds(&deep, "</title></channel></rss>");
    assert_int_equal(feed_parse(deep.buf, deep.len, NULL, &f), HERALD_E_TOOBIG);
    assert_null(f);
    strbuf_release(&deep);

    /* size bound */
    const char *small = "<rss><channel><title>0123456789</title></channel></rss>";
    struct feed_parse_opts o;
    memset(&o, 0, sizeof(o));
    o.max_bytes = 10;
    assert_int_equal(feed_parse(small, strlen(small), &o, &f), HERALD_E_TOOBIG);

    /* entry bound: the rest dropped and flagged */
    memset(&o, 0, sizeof(o));
    o.max_entries = 2;
    const char *three = "<rss><channel><item><title>1</title></item><item><title>2</title>"
                        "</item><item><title>3</title></item></channel></rss>";
    f = parse_ok(three, &o);
    assert_int_equal(f->nentries, 2);
    assert_true(f->bozo);
    feed_free(f);
    f = NULL;

    /* per-item lists are bounded too */
    struct strbuf many = STRBUF_INIT;
    strbuf_adds(&many, "<rss version=\"2.0\"><channel><item><title>t</title>");
    for (int i = 0; i < 2000; i++)
        strbuf_addf(&many, "<category>c%d</category><x%d>v</x%d>", i, i, i);
    strbuf_adds(&many, "</item></channel></rss>");
    assert_int_equal(feed_parse(many.buf, many.len, NULL, &f), HERALD_OK);
    assert_int_equal(f->entries[0].ntags, FEED_MAX_LIST);
    assert_true(f->entries[0].next <= FEED_MAX_EXT);
    assert_true(f->bozo);
    feed_free(f);
    f = NULL;
    strbuf_release(&many);

    /* one element with 40,000 attributes: libxml2's duplicate check is quadratic, so the
     * attributes past the cap are dropped before it (html/parse.h) and the rest parses */
    struct strbuf attrs = STRBUF_INIT;
    strbuf_adds(&attrs, "<rss version=\"2.0\"><channel><title");
    for (int i = 0; i < 40000; i++)
        strbuf_addf(&attrs, " a%d=\"%d\"", i, i);
    strbuf_adds(&attrs, ">Many attributes</title><item><title>still here</title>"
                        "<link>https://x.example/a</link></item></channel></rss>");
    assert_int_equal(feed_parse(attrs.buf, attrs.len, NULL, &f), HERALD_OK);
    assert_string_equal(f->head.title.value, "Many attributes");
    assert_int_equal(f->nentries, 1);
    assert_string_equal(f->entries[0].title.value, "still here");
    assert_true(f->bozo);
    assert_non_null(strstr(f->bozo_message, "attributes"));
    feed_free(f);
    f = NULL;
    strbuf_release(&attrs);

    /* empty and garbage */
    assert_int_equal(feed_parse("", 0, NULL, &f), HERALD_E_PARSE);
    assert_int_equal(feed_parse(" \n\t ", 4, NULL, &f), HERALD_E_PARSE);
    assert_int_equal(feed_parse("hello world", 11, NULL, &f), HERALD_E_PARSE);
    const char *page = "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body>"
                       "</html>";
    assert_int_equal(feed_parse(page, strlen(page), NULL, &f), HERALD_E_PARSE); /* not a feed */
    const char bin[] = "\x01\x02\x03\xff\xfe\x00\x10garbage";
    assert_int_equal(feed_parse(bin, sizeof(bin) - 1, NULL, &f), HERALD_E_PARSE);
    assert_null(f);
    assert_int_equal(feed_parse(NULL, 5, NULL, &f), HERALD_E_INVALID);
    assert_int_equal(feed_parse("x", 1, NULL, NULL), HERALD_E_INVALID);
    feed_free(NULL);

    /* found by fuzz/feed: a base64 "content" that decodes to bytes that are not UTF-8 is
     * kept as written; a link inside an image is ignored without leaking */
    const char *b64 = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"x/y\">//79</title>"
                      "<image><link href=\"/a\"/></image></feed>";
    f = parse_ok(b64, NULL);
    assert_string_equal(f->head.title.value, "//79");
    assert_int_equal(f->head.nlinks, 0);
    feed_free(f);

    /* ill-formed but recoverable: flagged, content kept */
    const char *broken = "<rss version=\"2.0\"><channel><title>Broken</title>"
                         "<item><title>one</title><link>https://x.example/?a=1&b=2</link></item>";
    f = parse_ok(broken, NULL);
    assert_true(f->bozo);
    assert_non_null(f->bozo_message);
    assert_string_equal(f->head.title.value, "Broken");
    assert_string_equal(f->entries[0].link, "https://x.example/?a=1&b=2");
    feed_free(f);
}

static void test_json_output(void **state)
{
    (void)state;
    const char *doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
                      "<entry><title>E</title><id>urn:1</id>"
                      "<published>2003-12-13T08:29:29-04:00</published></entry></feed>";
    struct feed *f = parse_ok(doc, NULL);
    struct strbuf js = STRBUF_INIT;
    assert_int_equal(feed_to_json(f, &js), HERALD_OK);
    json_error_t err;
    json_t *root = json_loads(js.buf, 0, &err);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "version")), "atom10");
    assert_true(json_is_false(json_object_get(root, "bozo")));
    json_t *feed = json_object_get(root, "feed");
    assert_string_equal(json_string_value(json_object_get(feed, "title")), "T");
    json_t *e = json_array_get(json_object_get(root, "entries"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "published")), "2003-12-13T12:29:29Z");
    assert_string_equal(json_string_value(json_object_get(e, "published_raw")),
                        "2003-12-13T08:29:29-04:00");
    assert_null(json_object_get(e, "updated")); /* absent, not invented */
    json_decref(root);
    strbuf_release(&js);
    feed_free(f);
    assert_int_equal(feed_to_json(NULL, &js), HERALD_E_INVALID);
}

/* Feeds found in the wild that other readers accept. */
static void test_found_in_the_wild(void **state)
{
    (void)state;
    /* a JSON Feed whose version is a bare number string: accepted, not well-formed */
    static const char *bare[] = {"1.0", "1.1", "1"};
    for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++) {
        struct strbuf doc = STRBUF_INIT;
        strbuf_addf(&doc,
                    "{\"version\": \"%s\", \"title\": \"Bare\", \"items\": "
                    "[{\"id\": \"a\", \"url\": \"https://bare.example/a\", \"title\": \"A\"}]}",
                    bare[i]);
        struct feed *f = parse_ok(doc.buf, NULL);
        assert_int_equal(f->format,
                         !strcmp(bare[i], "1.1") ? FEED_FORMAT_JSON11 : FEED_FORMAT_JSON1);
        assert_true(f->bozo);
        assert_non_null(f->bozo_message);
        assert_string_equal(f->head.title.value, "Bare");
        assert_int_equal(f->nentries, 1);
        assert_string_equal(f->entries[0].link, "https://bare.example/a");
        feed_free(f);
        strbuf_release(&doc);
    }
    /* the URL form stays well-formed; other bare versions, or no items, are refused */
    struct feed *f =
        parse_ok("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", NULL);
    assert_false(f->bozo);
    feed_free(f);
    struct feed *g = NULL;
    const char *v2 = "{\"version\": \"2.0\", \"items\": []}";
    assert_int_equal(feed_parse(v2, strlen(v2), NULL, &g), HERALD_E_PARSE);
    const char *noitems = "{\"version\": \"1.1\", \"title\": \"x\"}";
    assert_int_equal(feed_parse(noitems, strlen(noitems), NULL, &g), HERALD_E_PARSE);
    assert_null(g);

    /* an RSS channel using atom: without declaring it keeps the link, as with content: */
    const char *rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wild</title>"
                      "<atom:link href=\"https://wild.example/feed.xml\" rel=\"self\" "
                      "type=\"application/rss+xml\"/>"
                      "<link>https://wild.example/</link><description>d</description>"
                      "<item><title>One</title><link>https://wild.example/1</link>"
                      "<content:encoded><![CDATA[<p>Body</p>]]></content:encoded>"
                      "<atom:link href=\"https://wild.example/1/alt\" rel=\"related\"/>"
                      "</item></channel></rss>";
    f = parse_ok(rss, NULL);
    assert_int_equal(f->format, FEED_FORMAT_RSS20);
    assert_string_equal(f->head.link, "https://wild.example/");
    int self = 0;
    for (size_t i = 0; i < f->head.nlinks; i++)
        if (f->head.links[i].rel && !strcmp(f->head.links[i].rel, "self")) {
            assert_string_equal(f->head.links[i].href, "https://wild.example/feed.xml");
            self = 1;
        }
    assert_true(self);
    for (size_t i = 0; i < f->head.next; i++)
        assert_null(strstr(f->head.ext[i].key, "atom"));
    assert_int_equal(f->nentries, 1);
    struct feed_item *e = &f->entries[0];
    assert_string_equal(e->link, "https://wild.example/1");
    int related = 0;
    for (size_t i = 0; i < e->nlinks; i++)
        if (e->links[i].rel && !strcmp(e->links[i].rel, "related"))
            related = !strcmp(e->links[i].href, "https://wild.example/1/alt");
    assert_true(related);
    assert_non_null(strstr(e->content[0].value, "Body"));
    feed_free(f);
}

/* Repairs that general rules make: an upper-case hex reference, UTF-8 double-encoded as
 * Latin-1 (as references or as text), and Mac encodings glibc lacks. */
static void test_repairs(void **state)
{
    (void)state;
    const char *doc = "<rss version=\"2.0\"><channel><title>&#X41;&#X42;</title>"
                      "<item><title>a&#226;&#128;&#166;b</title>"
                      "<description>x&acirc;&#x80;&brvbar;y</description></item>"
                      "<item><title>r\xc3\xa2\xc2\x80\xc2\xa6s \xc2\x93q\xc2\x94</title>"
                      "<description>&#226;&#166; &#233;t&#233; &#128;</description></item>"
                      "</channel></rss>";
    struct feed *f = parse_ok(doc, NULL);
    assert_string_equal(f->head.title.value, "AB");
    assert_true(f->bozo); /* &#X is not XML, &acirc; is not declared */
    assert_string_equal(f->entries[0].title.value, "a\xe2\x80\xa6"
                                                   "b");
    assert_non_null(strstr(f->entries[0].summary.value, "x\xe2\x80\xa6y"));
    /* double-encoded text in one run; lone C1 controls are Windows-1252 quotes */
    assert_string_equal(f->entries[1].title.value, "r\xe2\x80\xa6s \xe2\x80\x9cq\xe2\x80\x9d");
    /* no C1 control: Latin-1 text is left alone ("â¦ été €") */
    assert_non_null(
        strstr(f->entries[1].summary.value, "\xc3\xa2\xc2\xa6 \xc3\xa9t\xc3\xa9 \xe2\x82\xac"));
    feed_free(f);

    /* numeric references only: well-formed, so not flagged */
    f = parse_ok("<rss version=\"2.0\"><channel><title>&#226;&#128;&#153;</title></channel></rss>",
                 NULL);
    assert_string_equal(f->head.title.value, "\xe2\x80\x99");
    assert_false(f->bozo);
    feed_free(f);

    /* MacGreek and MacTurkish (byte 0x80 is U+00C4 in both; 0xA1 differs) */
    f = parse_ok("<?xml version=\"1.0\" encoding=\"macgreek\"?><rss version=\"2.0\"><channel>"
                 "<title>\x80\xa1</title></channel></rss>",
                 NULL);
    assert_false(f->bozo);
    assert_string_equal(f->head.title.value, "\xc3\x84\xce\x93");
    feed_free(f);
    f = parse_ok("<?xml version=\"1.0\" encoding=\"x-mac-turkish\"?><rss version=\"2.0\"><channel>"
                 "<title>\x80\xa1</title></channel></rss>",
                 NULL);
    assert_false(f->bozo);
    assert_string_equal(f->head.title.value, "\xc3\x84\xc2\xb0");
    feed_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss20),
        cmocka_unit_test(test_rss10),
        cmocka_unit_test(test_atom10),
        cmocka_unit_test(test_atom03),
        cmocka_unit_test(test_json_feed),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_base_and_document_url),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_xxe),
        cmocka_unit_test(test_bounds_and_garbage),
        cmocka_unit_test(test_json_output),
        cmocka_unit_test(test_found_in_the_wild),
        cmocka_unit_test(test_repairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
