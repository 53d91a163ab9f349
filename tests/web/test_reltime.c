/* test_reltime.c - web_reltime: every step of the ladder and its edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/timeutil.h"
#include "web/reltime.h"

#define NOW 1764100000 /* 2025-11-25T19:46:40Z */

static const char *rel(int64_t ago)
{
    static char buf[WEB_RELTIME_LEN];
    return web_reltime(NOW - ago, NOW, buf, sizeof(buf));
}

static void test_ladder(void **state)
{
    (void)state;
    assert_string_equal(rel(0), "just now");
    assert_string_equal(rel(44), "just now");
    assert_string_equal(rel(45), "a minute ago");
    assert_string_equal(rel(89), "a minute ago");
    assert_string_equal(rel(90), "2 minutes ago");
    assert_string_equal(rel(10 * 60), "10 minutes ago");
    assert_string_equal(rel(44 * 60 + 29), "44 minutes ago");
    assert_string_equal(rel(45 * 60), "an hour ago");
    assert_string_equal(rel(89 * 60), "an hour ago");
    assert_string_equal(rel(90 * 60), "2 hours ago");
    assert_string_equal(rel(7 * 3600), "7 hours ago");
    assert_string_equal(rel(7 * 3600 + 1799), "7 hours ago");
    assert_string_equal(rel(7 * 3600 + 1800), "8 hours ago");
    assert_string_equal(rel(24 * 3600 - 1), "23 hours ago");
    assert_string_equal(rel(24 * 3600), "yesterday");
    assert_string_equal(rel(48 * 3600 - 1), "yesterday");
}

static void test_dates(void **state)
{
    (void)state;
    /* two days and more: the UTC date */
    assert_string_equal(rel(48 * 3600), "23 Nov 2025");
    assert_string_equal(rel(365LL * 86400), "25 Nov 2024");
    /* the future beyond a minute of skew is a date too, never "in 3 hours" */
    assert_string_equal(rel(-30), "just now");
    assert_string_equal(rel(-3 * 3600), "25 Nov 2025");
}

static void test_edges(void **state)
{
    char buf[WEB_RELTIME_LEN];
    char tiny[4] = "xyz";
    (void)state;
    assert_string_equal(web_reltime(TIME_NONE, NOW, buf, sizeof(buf)), "");
    /* truncation is safe and NUL-terminated */
    web_reltime(NOW - 7 * 3600, NOW, tiny, sizeof(tiny));
    assert_int_equal(strlen(tiny), 3);
    /* bufsize 0 writes nothing */
    web_reltime(NOW, NOW, tiny, 0);
    assert_int_equal(strlen(tiny), 3);
    /* the epoch and far dates do not crash */
    assert_string_equal(web_reltime(0, NOW, buf, sizeof(buf)), "1 Jan 1970");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ladder),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
