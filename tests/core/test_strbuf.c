/* test_strbuf.c - strbuf keeps its invariants (NUL-terminated, len < alloc) after every call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

static void check_invariants(const struct strbuf *sb)
{
    assert_non_null(sb->buf);
    assert_int_equal(sb->buf[sb->len], '\0');
    if (sb->alloc)
        assert_true(sb->len < sb->alloc);
    else
        assert_int_equal(sb->len, 0);
}

static void test_add_and_format(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    check_invariants(&sb);
    strbuf_adds(&sb, "hello");
    check_invariants(&sb);
    strbuf_addch(&sb, ' ');
    strbuf_addf(&sb, "%d-%s", 42, "x");
    check_invariants(&sb);
    assert_string_equal(sb.buf, "hello 42-x");
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&sb, "%04d", i);
    check_invariants(&sb);
    assert_int_equal(sb.len, 10 + 4000);
    assert_memory_equal(sb.buf + sb.len - 4, "0999", 4);
    strbuf_release(&sb);
    check_invariants(&sb);
}

static void test_trim_detach_reset(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, " \t padded \n");
    strbuf_trim(&sb);
    check_invariants(&sb);
    assert_string_equal(sb.buf, "padded");
    strbuf_setlen(&sb, 3);
    assert_string_equal(sb.buf, "pad");
    size_t n = 0;
    char *s = strbuf_detach(&sb, &n);
    assert_string_equal(s, "pad");
    assert_int_equal(n, 3);
    check_invariants(&sb);
    free(s);
    s = strbuf_detach(&sb, &n); /* detaching an empty buffer still gives an owned string */
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    free(s);
    strbuf_reset(&sb);
    check_invariants(&sb);
}

/* Terminal- and log-safe text: C0, DEL and C1 controls and invalid bytes escaped,
 * printable ASCII and valid UTF-8 kept. */
static void test_add_printable(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    const char in[] = "ok \x1b]0;pwned\x07 \xc2\x9b"
                      "2J caf\xc3\xa9 \xe2\x80\x94 \x9b\x7f\r\n\t";
    strbuf_add_printable(&sb, in, sizeof(in) - 1);
    check_invariants(&sb);
    assert_string_equal(sb.buf, "ok \\x1b]0;pwned\\x07 \\u009b2J caf\xc3\xa9 \xe2\x80\x94 "
                                "\\x9b\\x7f\\x0d\\x0a\\x09");
    for (size_t i = 0; i < sb.len; i++)
        assert_true((unsigned char)sb.buf[i] >= 0x20 && sb.buf[i] != 0x7f);
    strbuf_reset(&sb);
    strbuf_add_printable(&sb, "\xc2", 1); /* a truncated sequence */
    assert_string_equal(sb.buf, "\\xc2");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_printable),
        cmocka_unit_test(test_add_and_format),
        cmocka_unit_test(test_trim_detach_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
