/*
 * test_text.c - html_to_text against tests/html/cases/text.txt, the DOM entry point, and
 * sanitize_title (one line of plain text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "casefile.h"
#include "html/parse.h"
#include "html/sanitize.h"
#include "html/text.h"

static void test_cases(void **state)
{
    struct testcase *cases;
    int n = casefile_load("tests/html/cases/text.txt", &cases), failed = 0;
    (void)state;
    assert_true(n > 10);
    for (int i = 0; i < n; i++) {
        struct strbuf out = STRBUF_INIT;
        assert_int_equal(html_to_text(cases[i].input, cases[i].input_len, &out), HERALD_OK);
        if (strcmp(out.buf, cases[i].expected) != 0) {
            print_error("case '%s':\n  expected: %s\n  got:      %s\n", cases[i].name,
                        cases[i].expected, out.buf);
            failed++;
        }
        strbuf_release(&out);
    }
    casefile_free(cases, n);
    assert_int_equal(failed, 0);
}

/* The output invariants, on inputs that try to break them. */
static void test_invariants(void **state)
{
    static const char *const inputs[] = {
        "<p> </p><p>\n</p><div><br></div>x<br>",
        "a\x01\x7f"
        "b\xff\xfe"
        "c",
        "<pre>\n\n\n</pre><td> </td><li>\t</li>",
        "<table><tr><td>a<td>b<tr><td>c</table>",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct strbuf out = STRBUF_INIT;
        assert_int_equal(html_to_text(inputs[i], strlen(inputs[i]), &out), HERALD_OK);
        assert_null(strstr(out.buf, "\n\n"));
        assert_null(strstr(out.buf, "  "));
        if (out.len) {
            assert_true(out.buf[0] != '\n' && out.buf[0] != ' ');
            assert_true(out.buf[out.len - 1] != '\n' && out.buf[out.len - 1] != ' ');
        }
        for (size_t k = 0; k < out.len; k++)
            assert_true((unsigned char)out.buf[k] >= 0x20 || out.buf[k] == '\n');
        strbuf_release(&out);
    }
}

static void test_node(void **state)
{
    static const char page[] = "<html><body><nav>Menu</nav><article><h2>Head</h2><p>One "
                               "<b>two</b></p><script>x()</script></article></body></html>";
    htmlDocPtr doc = NULL;
    xmlNodePtr art;
    struct strbuf out = STRBUF_INIT;
    (void)state;
    assert_int_equal(html_parse_fragment(page, sizeof(page) - 1, 0, &doc), HERALD_OK);
    art = html_doc_body(doc)->children->next;
    assert_int_equal(html_to_text_node(art, &out), HERALD_OK);
    assert_string_equal(out.buf, "Head\nOne two");
    strbuf_reset(&out);
    assert_int_equal(html_to_text_node((xmlNodePtr)doc, &out), HERALD_OK);
    assert_string_equal(out.buf, "Menu\nHead\nOne two");
    assert_int_equal(html_to_text_node(NULL, &out), HERALD_E_INVALID);
    strbuf_release(&out);
    xmlFreeDoc(doc);
}

static void expect_title(const char *in, const char *want)
{
    struct strbuf out = STRBUF_INIT;
    assert_int_equal(sanitize_title(in, strlen(in), &out), HERALD_OK);
    assert_string_equal(out.buf, want);
    strbuf_release(&out);
}

static void test_title(void **state)
{
    (void)state;
    expect_title("  Plain   title ", "Plain title");
    expect_title("AT&amp;T &lt;3 caf&eacute;", "AT&T <3 caf\xc3\xa9");
    expect_title("safe<script>alert(1)</script> description", "safe description");
    expect_title("<b>Bold</b> <i>news</i><p>para</p><p>two</p>", "Bold news para two");
    expect_title("<img src=x onerror=alert(1)>Pic", "Pic");
    expect_title("Fish & Chips", "Fish & Chips");
    expect_title("", "");
}

static void test_limits(void **state)
{
    struct strbuf out = STRBUF_INIT;
    (void)state;
    assert_int_equal(html_to_text(NULL, 1, &out), HERALD_E_INVALID);
    assert_int_equal(html_to_text("x", 1, NULL), HERALD_E_INVALID);
    assert_int_equal(html_to_text("x", (size_t)SANITIZE_DEFAULT_MAX_INPUT + 1, &out),
                     HERALD_E_TOOBIG);
    assert_int_equal(out.len, 0);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),  cmocka_unit_test(test_invariants),
        cmocka_unit_test(test_node),   cmocka_unit_test(test_title),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
