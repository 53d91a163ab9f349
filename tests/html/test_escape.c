/* test_escape.c - hostile strings come out inert in text and attribute context. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "html/escape.h"

static void expect(void (*fn)(struct strbuf *, const char *), const char *in, const char *want)
{
    struct strbuf sb = STRBUF_INIT;
    fn(&sb, in);
    assert_string_equal(sb.buf, want);
    strbuf_release(&sb);
}

static void test_text(void **state)
{
    (void)state;
    expect(html_escape_text, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html_escape_text, "Tom & \"Jerry\"", "Tom &amp; \"Jerry\"");
    expect(html_escape_text, "caf\xc3\xa9 \xe2\x80\x94 ok", "caf\xc3\xa9 \xe2\x80\x94 ok");
    expect(html_escape_text, NULL, "");
}

static void test_attr(void **state)
{
    (void)state;
    expect(html_escape_attr, "\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
    expect(html_escape_attr, "it's", "it&#39;s");
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    /* an overlong '<', a lone continuation byte, a NUL-free control and a surrogate */
    expect(html_escape_text,
           "a\xc0\xbc"
           "b\x80"
           "c\x01"
           "d\xed\xa0\x80",
           "a\xef\xbf\xbd\xef\xbf\xbd"
           "b\xef\xbf\xbd"
           "c\xef\xbf\xbd"
           "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_attr),
        cmocka_unit_test(test_invalid_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
