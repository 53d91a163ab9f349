/*
 * test_walk.c - html/parse.h's document-order walk: html_walk's enter/leave order and
 * depths, SKIP, STOP, siblings, and html_walk_next staying inside its subtree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/strbuf.h"
#include "html/parse.h"

struct trace {
    struct strbuf sb;
    const char *skip; /* element name whose children are skipped */
    const char *stop; /* element name that stops the walk */
};

static const char *name_of(xmlNodePtr n)
{
    if (n->type == XML_TEXT_NODE)
        return (const char *)n->content;
    return n->name ? (const char *)n->name : "?";
}

static enum html_walk_action on_enter(void *ctx, xmlNodePtr n, unsigned depth)
{
    struct trace *t = ctx;
    strbuf_addf(&t->sb, "+%s%u ", name_of(n), depth);
    if (t->stop && n->type == XML_ELEMENT_NODE && !strcmp(name_of(n), t->stop))
        return HTML_WALK_STOP;
    if (t->skip && n->type == XML_ELEMENT_NODE && !strcmp(name_of(n), t->skip))
        return HTML_WALK_SKIP;
    return HTML_WALK_DESCEND;
}

static void on_leave(void *ctx, xmlNodePtr n, unsigned depth)
{
    struct trace *t = ctx;
    strbuf_addf(&t->sb, "-%s%u ", name_of(n), depth);
}

static const struct html_walk_ops ops = {on_enter, on_leave};

static htmlDocPtr parse(const char *html)
{
    htmlDocPtr doc = NULL;
    assert_int_equal(html_parse_fragment(html, strlen(html), 0, &doc), HERALD_OK);
    return doc;
}

static void test_walk_order(void **state)
{
    (void)state;
    htmlDocPtr doc = parse("<div><p>a<b>b</b></p><p>c</p></div><ul><li>d</li></ul>");
    xmlNodePtr body = html_doc_body(doc);
    struct trace t = {STRBUF_INIT, NULL, NULL};

    /* the subtree of the first child only */
    html_walk(body->children, 0, &ops, &t);
    assert_string_equal(t.sb.buf, "+div1 +p2 +a3 +b3 +b4 -b3 -p2 +p2 +c3 -p2 -div1 ");
    /* with its siblings */
    strbuf_reset(&t.sb);
    html_walk(body->children, 1, &ops, &t);
    assert_string_equal(t.sb.buf, "+div1 +p2 +a3 +b3 +b4 -b3 -p2 +p2 +c3 -p2 -div1 "
                                  "+ul1 +li2 +d3 -li2 -ul1 ");
    /* SKIP: no children, but leave still comes */
    strbuf_reset(&t.sb);
    t.skip = "p";
    html_walk(body, 0, &ops, &t);
    assert_string_equal(t.sb.buf, "+body1 +div2 +p3 -p3 +p3 -p3 -div2 +ul2 +li3 +d4 -li3 -ul2 "
                                  "-body1 ");
    /* STOP: nothing after it, not even leaves */
    strbuf_reset(&t.sb);
    t.skip = NULL;
    t.stop = "b";
    html_walk(body, 0, &ops, &t);
    assert_string_equal(t.sb.buf, "+body1 +div2 +p3 +a4 +b4 ");
    strbuf_release(&t.sb);
    xmlFreeDoc(doc);
}

static void test_walk_next(void **state)
{
    (void)state;
    htmlDocPtr doc = parse("<div><p>a<b>b</b></p><p>c</p></div><ul><li>d</li></ul>");
    xmlNodePtr body = html_doc_body(doc), div = body->children;
    struct strbuf sb = STRBUF_INIT;

    for (xmlNodePtr n = div; n; n = html_walk_next(n, div, 1))
        strbuf_addf(&sb, "%s ", name_of(n));
    assert_string_equal(sb.buf, "div p a b b p c "); /* never reaches the ul */
    /* descend = 0 steps over a subtree */
    xmlNodePtr p1 = div->children;
    assert_ptr_equal(html_walk_next(p1, div, 0), p1->next);
    assert_null(html_walk_next(p1->next, div, 0));
    assert_null(html_walk_next(div, div, 0));
    /* from the last node of a subtree to the next one of the whole body */
    xmlNodePtr c_text = p1->next->children;
    assert_ptr_equal(html_walk_next(c_text, body, 1), div->next);
    strbuf_release(&sb);
    xmlFreeDoc(doc);
}

/* A tree deeper than any stack: the walks are iterative. */
static void test_walk_deep(void **state)
{
    (void)state;
    struct strbuf html = STRBUF_INIT;
    struct trace t = {STRBUF_INIT, NULL, NULL};
    size_t nodes = 0;
    for (int i = 0; i < 100000; i++)
        strbuf_adds(&html, "<span>");
    htmlDocPtr doc = parse(html.buf);
    xmlNodePtr body = html_doc_body(doc);
    for (xmlNodePtr n = body; n; n = html_walk_next(n, body, 1))
        nodes++;
    assert_true(nodes > 100);
    t.stop = "never";
    html_walk(body, 0, &ops, &t);
    assert_true(t.sb.len > 0);
    strbuf_release(&t.sb);
    strbuf_release(&html);
    xmlFreeDoc(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_order),
        cmocka_unit_test(test_walk_next),
        cmocka_unit_test(test_walk_deep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
