/*
 * test_sanitize.c - the sanitizer against the case table tests/html/cases/sanitize.txt
 * (hostile inputs from the XSS cheat sheets with their exact expected output, and
 * ordinary markup that must survive), plus the API edges: options, limits, the DOM
 * entry points and the URL predicate.  Every output is also run through the independent
 * safety check (safecheck.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "html/parse.h"
#include "html/sanitize.h"
#include "safecheck.h"

static unsigned parse_flags(const char *s)
{
    unsigned f = 0;
    if (!s)
        return 0;
    if (strstr(s, "inline"))
        f |= SANITIZE_INLINE;
    if (strstr(s, "noimages"))
        f |= SANITIZE_NO_IMAGES;
    if (strstr(s, "noiframes"))
        f |= SANITIZE_NO_IFRAMES;
    if (strstr(s, "keeptracking"))
        f |= SANITIZE_KEEP_TRACKING;
    return f;
}

static void assert_safe(const char *html, size_t len, const char *name)
{
    char why[256];
    if (safecheck(html, len, why, sizeof(why)) != 0) {
        print_error("case '%s': unsafe output: %s\n%s\n", name, why, html);
        fail();
    }
}

/* Every start tag is closed and there are at most max of them. */
static void assert_balanced(const char *html, size_t max)
{
    size_t opens = 0, closes = 0;
    for (const char *p = html; (p = strchr(p, '<')); p++) {
        if (p[1] == '/')
            closes++;
        else
            opens++;
    }
    assert_int_equal(opens, closes);
    assert_true(opens <= max);
}

static void test_cases(void **state)
{
    struct testcase *cases;
    int n = casefile_load("tests/html/cases/sanitize.txt", &cases), failed = 0;
    (void)state;
    assert_true(n > 50);
    for (int i = 0; i < n; i++) {
        struct testcase *c = &cases[i];
        struct sanitize_opts o = {0};
        struct strbuf out = STRBUF_INIT;
        char why[256];
        o.base_url = c->base;
        o.flags = parse_flags(c->flags);
        assert_int_equal(sanitize_html(c->input, c->input_len, &o, &out), HERALD_OK);
        if (strcmp(out.buf, c->expected) != 0) {
            print_error("case '%s':\n  input:    %s\n  expected: %s\n  got:      %s\n", c->name,
                        c->input, c->expected, out.buf);
            failed++;
        }
        if (safecheck(out.buf, out.len, why, sizeof(why)) != 0) {
            print_error("case '%s': unsafe output: %s\n  %s\n", c->name, why, out.buf);
            failed++;
        }
        strbuf_release(&out);
    }
    casefile_free(cases, n);
    assert_int_equal(failed, 0);
}

static void test_nul_and_invalid_utf8(void **state)
{
    static const char in[] = "<a href=\"java\0script:alert(1)\">x</a><sc\0ript>y</script>"
                             "<p>a\xff"
                             "b\0c</p>";
    struct strbuf out = STRBUF_INIT;
    (void)state;
    assert_int_equal(sanitize_html(in, sizeof(in) - 1, NULL, &out), HERALD_OK);
    assert_safe(out.buf, out.len, "nul");
    assert_null(strstr(out.buf, "script:"));
    assert_non_null(strstr(out.buf, "<p>a\xef\xbf\xbd"
                                    "b\xef\xbf\xbd"
                                    "c</p>"));
    assert_int_equal(strlen(out.buf), out.len);
    strbuf_release(&out);
}

static void test_limits(void **state)
{
    struct sanitize_opts o = {0};
    struct strbuf out = STRBUF_INIT;
    struct strbuf in = STRBUF_INIT;
    (void)state;
    strbuf_adds(&out, "keep");
    o.max_input = 10;
    assert_int_equal(sanitize_html("<p>0123456789</p>", 17, &o, &out), HERALD_E_TOOBIG);
    assert_string_equal(out.buf, "keep");
    assert_int_equal(sanitize_html(NULL, 3, NULL, &out), HERALD_E_INVALID);
    assert_int_equal(sanitize_html(NULL, 0, NULL, &out), HERALD_OK);
    assert_int_equal(sanitize_html("", 0, NULL, &out), HERALD_OK);
    assert_string_equal(out.buf, "keep");
    strbuf_reset(&out);

    /* 100 x 2 nested elements: deeper than max_depth (128) but within libxml2's own limit
     * (256): the text stays, tags stop at max_depth, every tag written is closed */
    for (int i = 0; i < 100; i++)
        strbuf_adds(&in, "<div><b>");
    strbuf_adds(&in, "deep");
    assert_int_equal(sanitize_html(in.buf, in.len, NULL, &out), HERALD_OK);
    assert_non_null(strstr(out.buf, "deep"));
    assert_safe(out.buf, out.len, "deep");
    assert_balanced(out.buf, 2 * SANITIZE_DEFAULT_MAX_DEPTH);
    /* 5000 x 2: libxml2 stops building the tree at depth 256; no crash, still balanced */
    strbuf_reset(&in);
    strbuf_reset(&out);
    for (int i = 0; i < 5000; i++)
        strbuf_adds(&in, "<div><b>");
    strbuf_adds(&in, "deeper");
    assert_int_equal(sanitize_html(in.buf, in.len, NULL, &out), HERALD_OK);
    assert_safe(out.buf, out.len, "deeper");
    assert_balanced(out.buf, 2 * SANITIZE_DEFAULT_MAX_DEPTH);
    strbuf_release(&in);
    strbuf_release(&out);
}

static void test_flags(void **state)
{
    static const char in[] =
        "<p>A <em>b</em> <img src=\"https://x.test/i.png\"></p>"
        "<iframe src=\"https://www.youtube.com/embed/v\"></iframe><ul><li>c</li></ul>";
    struct sanitize_opts o = {0};
    struct strbuf out = STRBUF_INIT;
    (void)state;
    o.flags = SANITIZE_NO_IMAGES;
    assert_int_equal(sanitize_html(in, sizeof(in) - 1, &o, &out), HERALD_OK);
    assert_string_equal(out.buf, "<p>A <em>b</em> </p><ul><li>c</li></ul>");
    strbuf_reset(&out);
    o.flags = SANITIZE_NO_IFRAMES;
    assert_int_equal(sanitize_html(in, sizeof(in) - 1, &o, &out), HERALD_OK);
    assert_string_equal(
        out.buf, "<p>A <em>b</em> <img src=\"https://x.test/i.png\"></p><ul><li>c</li></ul>");
    strbuf_reset(&out);
    o.flags = SANITIZE_INLINE;
    assert_int_equal(sanitize_html(in, sizeof(in) - 1, &o, &out), HERALD_OK);
    assert_string_equal(out.buf, "A <em>b</em> c");
    strbuf_release(&out);
}

static void test_custom_iframe_allowlist(void **state)
{
    static const char *const prefixes[] = {"https://media.example/embed/", NULL};
    static const char in[] = "<iframe src=\"https://media.example/embed/1\"></iframe>"
                             "<iframe src=\"https://www.youtube.com/embed/v\"></iframe>";
    struct sanitize_opts o = {0};
    struct strbuf out = STRBUF_INIT;
    (void)state;
    o.iframe_prefixes = prefixes;
    assert_int_equal(sanitize_html(in, sizeof(in) - 1, &o, &out), HERALD_OK);
    assert_non_null(strstr(out.buf, "src=\"https://media.example/embed/1\""));
    assert_null(strstr(out.buf, "youtube"));
    strbuf_release(&out);
}

static void test_dom_entry(void **state)
{
    static const char page[] =
        "<!DOCTYPE html><html><head><title>T</title>"
        "<script>evil()</script></head><body><nav>menu</nav>"
        "<article id=\"main\" class=\"c\"><h1>Head</h1><p onclick=\"x()\">Body "
        "<a href=\"/next\">next</a></p></article></body></html>";
    htmlDocPtr doc = NULL;
    xmlNodePtr body, art;
    struct sanitize_opts o = {0};
    struct strbuf out = STRBUF_INIT;
    (void)state;
    assert_int_equal(html_parse_fragment(page, sizeof(page) - 1, 0, &doc), HERALD_OK);
    body = html_doc_body(doc);
    assert_non_null(body);
    art = body->children->next;
    assert_string_equal((const char *)art->name, "article");
    o.base_url = "https://news.example/2026/story.html";
    assert_int_equal(sanitize_node(art, &o, &out), HERALD_OK);
    assert_string_equal(out.buf, "<div><h1>Head</h1><p>Body <a href=\"https://news.example/next\" "
                                 "rel=\"noopener noreferrer\">next</a></p></div>");
    strbuf_reset(&out);
    assert_int_equal(sanitize_children(art, &o, &out), HERALD_OK);
    assert_string_equal(out.buf, "<h1>Head</h1><p>Body <a href=\"https://news.example/next\" "
                                 "rel=\"noopener noreferrer\">next</a></p>");
    strbuf_reset(&out);
    /* the whole document: head and its script go, the body stays */
    assert_int_equal(sanitize_node((xmlNodePtr)doc, NULL, &out), HERALD_OK);
    assert_string_equal(out.buf, "<div>menu</div><div><h1>Head</h1><p>Body <a href=\"/next\" "
                                 "rel=\"noopener noreferrer\">next</a></p></div>");
    /* the tree is not modified */
    assert_non_null(xmlHasProp(art, (const xmlChar *)"class"));
    assert_int_equal(sanitize_node(NULL, NULL, &out), HERALD_E_INVALID);
    strbuf_release(&out);
    xmlFreeDoc(doc);
}

static void test_xml_tree(void **state)
{
    /* the feed parser may hand over inline XHTML from an XML parse: namespaces, CDATA,
     * upper-case names and xlink attributes must not slip through */
    static const char xml[] =
        "<div xmlns=\"http://www.w3.org/1999/xhtml\" "
        "xmlns:xl=\"http://www.w3.org/1999/xlink\"><p>a<![CDATA[<b>]]></p>"
        "<SCRIPT>evil()</SCRIPT><a xl:href=\"javascript:x\" href=\"https://ok.test/\">l</a>"
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script></svg></div>";
    xmlDocPtr doc = xmlReadMemory(xml, sizeof(xml) - 1, NULL, "UTF-8", XML_PARSE_NONET);
    struct strbuf out = STRBUF_INIT;
    (void)state;
    assert_non_null(doc);
    assert_int_equal(sanitize_children(xmlDocGetRootElement(doc), NULL, &out), HERALD_OK);
    assert_string_equal(out.buf, "<p>a&lt;b&gt;</p><a href=\"https://ok.test/\" rel=\"noopener "
                                 "noreferrer\">l</a>");
    strbuf_release(&out);
    xmlFreeDoc(doc);
}

/* html/parse.h: the bytes are UTF-8 whatever a meta tag says, fragments land in body
 * without an implied <p>, a BOM and a doctype make a whole document. */
static void test_parse(void **state)
{
    static const char meta[] = "<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>";
    static const char doc[] = "\xef\xbb\xbf<!DOCTYPE html><html><head><title>t</title></head>"
                              "<body><p>x</p></body></html>";
    struct strbuf out = STRBUF_INIT;
    htmlDocPtr d = NULL;
    xmlNodePtr body;
    (void)state;
    assert_int_equal(sanitize_html(meta, sizeof(meta) - 1, NULL, &out), HERALD_OK);
    assert_string_equal(out.buf, "<p>caf\xc3\xa9</p>");
    strbuf_reset(&out);
    assert_int_equal(sanitize_html(doc, sizeof(doc) - 1, NULL, &out), HERALD_OK);
    assert_string_equal(out.buf, "<p>x</p>");
    strbuf_release(&out);

    assert_int_equal(html_parse_fragment("lead <b>b</b>", 13, 0, &d), HERALD_OK);
    body = html_doc_body(d);
    assert_non_null(body);
    assert_int_equal(body->children->type, XML_TEXT_NODE);
    xmlFreeDoc(d);
    assert_int_equal(html_parse_fragment("0123456789", 10, 5, &d), HERALD_E_TOOBIG);
    assert_int_equal(html_parse_fragment(NULL, 1, 0, &d), HERALD_E_INVALID);
    assert_null(html_doc_body(NULL));

    strbuf_init(&out, 0);
    html_utf8_clean(&out, "a\0b\xc0\xafz\tok", 9);
    assert_string_equal(out.buf, "a\xef\xbf\xbd"
                                 "b\xef\xbf\xbd\xef\xbf\xbdz\tok");
    strbuf_release(&out);
}

static void test_url_allowed(void **state)
{
    (void)state;
    assert_true(sanitize_url_allowed("https://example.com/", "href"));
    assert_true(sanitize_url_allowed("mailto:a@b.c", "href"));
    assert_true(sanitize_url_allowed("/relative", "href"));
    assert_false(sanitize_url_allowed("mailto:a@b.c", "src"));
    assert_false(sanitize_url_allowed("java\tscript:alert(1)", "href"));
    assert_false(sanitize_url_allowed(" \x01javascript:alert(1)", "href"));
    assert_false(sanitize_url_allowed("JAVASCRIPT:alert(1)", "href"));
    assert_false(sanitize_url_allowed("vbscript:msgbox", "href"));
    assert_false(sanitize_url_allowed("data:text/html,<script>", "src"));
    assert_false(sanitize_url_allowed("data:image/svg+xml,<svg onload=x>", "src"));
    assert_true(sanitize_url_allowed("data:image/png;base64,iVBOR", "src"));
    assert_false(sanitize_url_allowed("data:image/png;base64,iVBOR", "href"));
    assert_false(sanitize_url_allowed("file:///etc/passwd", "href"));
    assert_false(sanitize_url_allowed("https://evil.test/", "iframe"));
    assert_true(sanitize_url_allowed("https://player.vimeo.com/video/1", "iframe"));
    assert_false(sanitize_url_allowed("https://player.vimeo.com/video/../../x", "iframe"));
    assert_false(sanitize_url_allowed("https://x.test/", "other"));
    assert_false(sanitize_url_allowed(NULL, "href"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_nul_and_invalid_utf8),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_custom_iframe_allowlist),
        cmocka_unit_test(test_dom_entry),
        cmocka_unit_test(test_xml_tree),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_url_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
