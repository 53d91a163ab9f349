/* test_opml.c - OPML import flattens folders, resolves relative URLs, survives hostile input,
 * and what opml_write produces reads back the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "feed/opml.h"

static const char sample[] =
    "<?xml version='1.0'?>\n<opml version='2.0'><head><title>t</title></head><body>\n"
    "<outline text='News'>\n"
    "  <outline text='Harbor &amp; Co' type='rss' xmlUrl='feeds/harbor.xml' "
    "htmlUrl='https://h.example/'/>\n"
    "  <outline title='Wire' xmlUrl='https://wire.example/rss'/>\n"
    "</outline>\n"
    "<outline text='no url at all'/>\n"
    "<outline text='Top level' xmlUrl='/abs/path.xml'/>\n"
    "</body></opml>\n";

static void test_parse(void **state)
{
    (void)state;
    struct opml_list l;
    assert_int_equal(opml_parse(sample, strlen(sample), "file:///srv/demo/feeds.opml", &l),
                     HERALD_OK);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].title, "Harbor & Co");
    assert_string_equal(l.items[0].xml_url, "file:///srv/demo/feeds/harbor.xml");
    assert_string_equal(l.items[0].html_url, "https://h.example/");
    assert_string_equal(l.items[0].category, "News");
    assert_string_equal(l.items[1].title, "Wire");
    assert_string_equal(l.items[1].xml_url, "https://wire.example/rss");
    assert_string_equal(l.items[2].xml_url, "file:///abs/path.xml");
    assert_null(l.items[2].category);
    opml_list_release(&l);
    assert_int_equal(l.count, 0);
}

static void test_hostile(void **state)
{
    (void)state;
    static const char xxe[] =
        "<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        "<opml><body><outline text='&x;' xmlUrl='https://a.example/&x;'/></body></opml>";
    static const char notopml[] = "<rss><channel/></rss>";
    struct opml_list l;
    assert_int_equal(opml_parse(notopml, strlen(notopml), NULL, &l), HERALD_E_PARSE);
    assert_int_equal(opml_parse("garbage", 7, NULL, &l), HERALD_E_PARSE);
    assert_int_equal(opml_parse(xxe, strlen(xxe), NULL, &l), HERALD_OK);
    for (size_t i = 0; i < l.count; i++) {
        assert_null(strstr(l.items[i].xml_url, "root:"));
        assert_true(l.items[i].title == NULL || strstr(l.items[i].title, "root:") == NULL);
    }
    opml_list_release(&l);
}

static void test_round_trip(void **state)
{
    (void)state;
    struct opml_outline items[2] = {
        {"Quote \" & <angle>", "https://a.example/feed?x=1&y=2", "https://a.example/", NULL},
        {NULL, "https://b.example/atom", NULL, NULL},
    };
    struct strbuf sb = STRBUF_INIT;
    struct opml_list l;
    opml_write(items, 2, "mine", &sb);
    assert_int_equal(opml_parse(sb.buf, sb.len, NULL, &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].title, items[0].title);
    assert_string_equal(l.items[0].xml_url, items[0].xml_url);
    assert_string_equal(l.items[1].xml_url, items[1].xml_url);
    opml_list_release(&l);
    strbuf_release(&sb);
}

/* Categories become folders and come back as categories; hostile values stay well-formed. */
static void test_round_trip_categories(void **state)
{
    struct opml_outline items[4] = {
        {"One", "https://a.example/1", NULL, "News ]]> & \"Co\" <b>"},
        {"Two \x01 \xef\xbf\xbe", "https://a.example/2", "https://a.example/",
         "News ]]> & \"Co\" <b>"},
        {"Three", "https://b.example/3", NULL, "Sport"},
        {"Four", "https://c.example/4", NULL, NULL},
    };
    struct strbuf sb = STRBUF_INIT;
    struct opml_list l;
    (void)state;
    opml_write(items, 4, "t <&>", &sb);
    assert_non_null(strstr(sb.buf, "<outline text=\"Sport\" title=\"Sport\">"));
    assert_null(strstr(sb.buf, "\x01"));
    assert_int_equal(opml_parse(sb.buf, sb.len, NULL, &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(l.items[i].xml_url, items[i].xml_url);
        assert_string_equal(l.items[i].category, items[i].category);
    }
    assert_string_equal(l.items[1].title, "Two \xef\xbf\xbd \xef\xbf\xbd");
    assert_null(l.items[3].category);
    opml_list_release(&l);
    strbuf_release(&sb);
}

/* The link policy: a list may name file: feeds only when it is itself a local file, and
 * an xmlUrl with leading spaces is its URL, never a relative file: path. */
static void test_link_policy(void **state)
{
    (void)state;
    static const char list[] = "<opml version='2.0'><body>"
                               "<outline text='spaced' xmlUrl='   https://news.example/feed.xml'/>"
                               "<outline text='passwd' xmlUrl='file:///etc/passwd'/>"
                               "<outline text='environ' xmlUrl='file:///proc/self/environ'/>"
                               "<outline text='relative' xmlUrl='outlets/a/feed.xml'/>"
                               "<outline text='script' xmlUrl='javascript:alert(1)'/>"
                               "<outline text='odd' xmlUrl='http://0x7f.1/feed'/>"
                               "</body></opml>";
    struct opml_list l;
    /* a remote list (or one of unknown origin): only the http(s) outlines */
    assert_int_equal(opml_parse(list, strlen(list), "https://lists.example/x.opml", &l), HERALD_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].xml_url, "https://news.example/feed.xml");
    assert_string_equal(l.items[1].xml_url, "https://lists.example/outlets/a/feed.xml");
    opml_list_release(&l);
    assert_int_equal(opml_parse(list, strlen(list), NULL, &l), HERALD_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].xml_url, "https://news.example/feed.xml");
    opml_list_release(&l);
    /* a local list may name local feeds */
    assert_int_equal(opml_parse(list, strlen(list), "file:///srv/demo/feeds.opml", &l), HERALD_OK);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].xml_url, "https://news.example/feed.xml");
    assert_string_equal(l.items[3].xml_url, "file:///srv/demo/outlets/a/feed.xml");
    opml_list_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_policy),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_round_trip_categories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
