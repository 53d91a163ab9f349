/* test_reltime.c - web_reltime: every step of the ladder and its edges; web_datetime: the
 * date and time of day in the site's zone (UTC, Europe/Berlin summer and winter,
 * America/New_York). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/timeutil.h"
#include "core/tzone.h"
#include "web/reltime.h"

#define NOW 1764100000 /* 2025-11-25T19:46:40Z */

static const char *rel(int64_t ago)
{
    static char buf[WEB_RELTIME_LEN];
    return web_reltime(NOW - ago, NOW, NULL, buf, sizeof(buf));
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
    /* two days and more: the date and time (UTC here) */
    assert_string_equal(rel(48 * 3600), "23 Nov 2025, 19:46 UTC");
    assert_string_equal(rel(365LL * 86400), "25 Nov 2024, 19:46 UTC");
    /* the future beyond a minute of skew is a date too, never "in 3 hours" */
    assert_string_equal(rel(-30), "just now");
    assert_string_equal(rel(-3 * 3600), "25 Nov 2025, 22:46 UTC");
    /* which ones are relative */
    assert_true(web_reltime_recent(NOW - 48 * 3600 + 1, NOW));
    assert_false(web_reltime_recent(NOW - 48 * 3600, NOW));
    assert_true(web_reltime_recent(NOW + 60, NOW));
    assert_false(web_reltime_recent(NOW + 61, NOW));
    assert_false(web_reltime_recent(TIME_NONE, NOW));
}

static void test_zones(void **state)
{
    char buf[WEB_RELTIME_LEN];
    tzone *be = NULL, *ny = NULL, *utc = NULL;
    const int64_t winter = 1796378700; /* 2026-12-04T10:05:00Z */
    const int64_t summer = 1784203500; /* 2026-07-16T12:05:00Z */
    (void)state;
    assert_int_equal(tzone_load("UTC", &utc, NULL, 0), HERALD_OK);
    assert_string_equal(web_datetime(winter, utc, buf, sizeof(buf)), "4 Dec 2026, 10:05 UTC");
    assert_string_equal(web_datetime(winter, NULL, buf, sizeof(buf)), "4 Dec 2026, 10:05 UTC");
    assert_string_equal(web_datetime(TIME_NONE, utc, buf, sizeof(buf)), "");
    tzone_free(utc);
    if (tzone_load("Europe/Berlin", &be, NULL, 0) || tzone_load("America/New_York", &ny, NULL, 0)) {
        tzone_free(be);
        skip(); /* no tz database */
    }
    assert_string_equal(web_datetime(winter, be, buf, sizeof(buf)), "4 Dec 2026, 11:05 CET");
    assert_string_equal(web_datetime(summer, be, buf, sizeof(buf)), "16 Jul 2026, 14:05 CEST");
    assert_string_equal(web_datetime(winter, ny, buf, sizeof(buf)), "4 Dec 2026, 05:05 EST");
    assert_string_equal(web_datetime(summer, ny, buf, sizeof(buf)), "16 Jul 2026, 08:05 EDT");
    /* the day can change with the zone */
    assert_string_equal(web_datetime(winter - 6 * 3600, ny, buf, sizeof(buf)),
                        "3 Dec 2026, 23:05 EST");
    /* relative stays relative in any zone; older ones take the zone */
    assert_string_equal(web_reltime(winter - 7 * 3600, winter, be, buf, sizeof(buf)),
                        "7 hours ago");
    assert_string_equal(web_reltime(winter - 3 * 86400, winter, be, buf, sizeof(buf)),
                        "1 Dec 2026, 11:05 CET");
    tzone_free(be);
    tzone_free(ny);
}

static void test_edges(void **state)
{
    char buf[WEB_RELTIME_LEN];
    char tiny[4] = "xyz";
    (void)state;
    assert_string_equal(web_reltime(TIME_NONE, NOW, NULL, buf, sizeof(buf)), "");
    /* truncation is safe and NUL-terminated */
    web_reltime(NOW - 7 * 3600, NOW, NULL, tiny, sizeof(tiny));
    assert_int_equal(strlen(tiny), 3);
    /* bufsize 0 writes nothing */
    web_reltime(NOW, NOW, NULL, tiny, 0);
    assert_int_equal(strlen(tiny), 3);
    /* the epoch and far dates do not crash */
    assert_string_equal(web_reltime(0, NOW, NULL, buf, sizeof(buf)), "1 Jan 1970, 00:00 UTC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ladder),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_zones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
