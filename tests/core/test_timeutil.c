/* test_timeutil.c - civil conversions round-trip and format as RFC 3339 and HTTP dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "core/timeutil.h"

static void test_known_instants(void **state)
{
    (void)state;
    char buf[TIME_RFC3339_LEN], hbuf[TIME_HTTP_LEN];
    assert_string_equal(time_format_rfc3339(0, buf), "1970-01-01T00:00:00Z");
    assert_string_equal(time_format_rfc3339(951782400, buf), "2000-02-29T00:00:00Z");
    assert_string_equal(time_format_http(784111777, hbuf), "Sun, 06 Nov 1994 08:49:37 GMT");
    struct civil_time ct = {2004, 7, 11, 17, 0, 0};
    assert_int_equal(time_from_civil(&ct), 1089565200);
    assert_int_equal(time_weekday(1089565200), 6);
    struct civil_time before = {1969, 12, 31, 23, 59, 59};
    assert_int_equal(time_from_civil(&before), -1);
}

static void test_round_trip_against_libc(void **state)
{
    (void)state;
    for (int64_t t = -2208988800LL; t < 4102444800LL; t += 86400 * 37 + 3607) {
        struct civil_time ct;
        struct tm tm;
        time_t tt = (time_t)t;
        time_to_civil(t, &ct);
        gmtime_r(&tt, &tm);
        assert_int_equal(ct.year, tm.tm_year + 1900);
        assert_int_equal(ct.month, tm.tm_mon + 1);
        assert_int_equal(ct.day, tm.tm_mday);
        assert_int_equal(ct.hour, tm.tm_hour);
        assert_int_equal(time_weekday(t), (tm.tm_wday + 6) % 7);
        assert_int_equal(time_from_civil(&ct), t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_instants),
        cmocka_unit_test(test_round_trip_against_libc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
