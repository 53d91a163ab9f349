/*
 * test_parse.c - the attribute cap in front of libxml2's HTML parser: an element keeps its
 * first HTML_MAX_ATTRS attributes and loses the rest (40,000 of them parse in bounded time;
 * the time itself is not asserted), while comments, end tags, declarations and the raw
 * text of script and style pass through untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "html/parse.h"

static void check_cap_mode(const char *in, size_t max, int xml, const char *want)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, in);
    assert_int_equal(html_attributes_over_cap(sb.buf, sb.len, max, xml), strcmp(in, want) != 0);
    strbuf_setlen(&sb, html_cap_attributes(sb.buf, sb.len, max, xml));
    assert_string_equal(sb.buf, want);
    strbuf_release(&sb);
}

static void check_cap(const char *in, size_t max, const char *want)
{
    check_cap_mode(in, max, 0, want);
}

static void test_cap_tokenizer(void **state)
{
    (void)state;
    check_cap("<p a=1 b='2' c=\"3\" d>x</p>", 2, "<p a=1 b='2'>x</p>");
    check_cap("<p a = \"x y\"   b c d/>t", 1, "<p a = \"x y\"/>t");
    check_cap("<img src=a.png alt=\"a > b\" c d e>", 2, "<img src=a.png alt=\"a > b\">");
    /* nothing that is not a start tag's attribute is touched */
    check_cap("<!-- <p a b c d> --><p>a < b c d</p></p a b c>", 1,
              "<!-- <p a b c d> --><p>a < b c d</p></p a b c>");
    check_cap("<!doctype html a b c><?xml a b c?>", 1, "<!doctype html a b c><?xml a b c?>");
    check_cap("<script a b>if (x <y a b c>) {}</script><p a b>", 1,
              "<script a>if (x <y a b c>) {}</script><p a>");
    check_cap("<STYLE>p<q a b c>{}</style>", 1, "<STYLE>p<q a b c>{}</style>");
    /* unterminated input ends cleanly */
    check_cap("<p a b c", 2, "<p a b");
    check_cap("<p a='b c d", 5, "<p a='b c d");
    check_cap("<", 0, "<");
    check_cap("", 0, "");
    /* XML: CDATA is text, script holds elements */
    check_cap_mode("<a x='1' y='2'><![CDATA[<p a b c>]]><script><q a b/></script></a>", 1, 1,
                   "<a x='1'><![CDATA[<p a b c>]]><script><q a/></script></a>");
    check_cap_mode("<rss xmlns:a='u' a:b='1' c='2'/>", 2, 1, "<rss xmlns:a='u' a:b='1'/>");
}

static void test_many_attributes(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    htmlDocPtr doc = NULL;
    xmlNodePtr body, div;
    size_t n = 0;
    strbuf_adds(&sb, "<div");
    for (int i = 0; i < 40000; i++)
        strbuf_addf(&sb, " a%d=\"%d\"", i, i);
    strbuf_adds(&sb, ">kept text</div><p id=after>after</p>");
    assert_int_equal(html_parse_fragment(sb.buf, sb.len, 0, &doc), HERALD_OK);
    body = html_doc_body(doc);
    assert_non_null(body);
    div = body->children;
    assert_non_null(div);
    assert_string_equal((const char *)div->name, "div");
    for (xmlAttrPtr a = div->properties; a; a = a->next)
        n++;
    assert_int_equal(n, HTML_MAX_ATTRS);
    assert_non_null(xmlHasProp(div, (const xmlChar *)"a0"));
    assert_null(xmlHasProp(div, (const xmlChar *)"a256"));
    assert_null(xmlHasProp(div, (const xmlChar *)"a39999"));
    assert_string_equal((const char *)div->children->content, "kept text");
    assert_non_null(div->next);
    assert_string_equal((const char *)div->next->name, "p");
    xmlFreeDoc(doc);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_tokenizer),
        cmocka_unit_test(test_many_attributes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
