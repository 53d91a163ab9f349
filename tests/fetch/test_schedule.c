/* test_schedule.c - the poll scheduling policy (pure functions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/timeutil.h"
#include "fetch/schedule.h"

static int64_t at(int y, int mo, int d, int h, int mi)
{
    struct civil_time ct = {y, mo, d, h, mi, 0};
    return time_from_civil(&ct);
}

/* Wednesday 25 November 2026, 12:00 UTC */
#define NOW at(2026, 11, 25, 12, 0)

static struct schedule_config cfg;

static int setup(void **state)
{
    (void)state;
    schedule_config_init(&cfg);
    return 0;
}

static struct schedule_outcome fetched(int new_items, const int64_t *times, size_t n)
{
    struct schedule_outcome o = {SCHEDULE_FETCHED, 200, -1, new_items, times, n};
    return o;
}

static struct schedule_outcome not_modified(void)
{
    struct schedule_outcome o = {SCHEDULE_NOT_MODIFIED, 304, -1, 0, NULL, 0};
    return o;
}

static struct schedule_outcome failed(long code, int64_t retry_after)
{
    struct schedule_outcome o = {SCHEDULE_FAILED, code, retry_after, 0, NULL, 0};
    return o;
}

static void test_defaults(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    assert_int_equal(cfg.min_interval, 300);
    assert_int_equal(cfg.max_interval, 86400);
    assert_int_equal(st.interval, 0);
    assert_int_equal(st.consecutive_errors, 0);
    assert_true(st.failing_since == TIME_NONE);
    assert_int_equal(NOW % 86400, 12 * 3600);
    assert_int_equal(time_weekday(NOW), 2); /* Wednesday */
}

static void test_new_feed(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    struct schedule_outcome o = fetched(10, NULL, 0);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 3600);
    assert_int_equal(st.interval, 3600);
}

static void test_estimate(void **state)
{
    (void)state;
    int64_t t[10];
    /* every 2 h, newest 30 min ago: half the mean gap */
    for (int i = 0; i < 10; i++)
        t[i] = NOW - 1800 - (int64_t)i * 7200;
    assert_int_equal(schedule_estimate_interval(t, 10, NOW), 3600);
    /* order does not matter */
    int64_t r[10];
    for (int i = 0; i < 10; i++)
        r[i] = t[9 - i];
    assert_int_equal(schedule_estimate_interval(r, 10, NOW), 3600);
    /* a dormant feed: newest entry 10 days old, burst of hourly entries before it */
    for (int i = 0; i < 10; i++)
        t[i] = NOW - 10 * 86400 - (int64_t)i * 3600;
    assert_int_equal(schedule_estimate_interval(t, 10, NOW), 5 * 86400);
    /* too few usable times */
    int64_t one[3] = {TIME_NONE, NOW - 100, TIME_NONE};
    assert_int_equal(schedule_estimate_interval(one, 3, NOW), -1);
    assert_int_equal(schedule_estimate_interval(NULL, 0, NOW), -1);
    /* TIME_NONE entries are skipped, future times count as now */
    int64_t mixed[4] = {NOW + 86400, TIME_NONE, NOW - 4000, NOW - 8000};
    assert_int_equal(schedule_estimate_interval(mixed, 4, NOW), 2000);
}

static void test_estimate_uses_recent_entries(void **state)
{
    (void)state;
    int64_t t[120];
    /* 100 entries years old, then the 20 most recent every 10 minutes */
    for (int i = 0; i < 100; i++)
        t[i] = NOW - 5 * 365 * 86400LL - i;
    for (int i = 0; i < 20; i++)
        t[100 + i] = NOW - (int64_t)i * 600;
    assert_int_equal(schedule_estimate_interval(t, 120, NOW), 300);
}

static void test_adapts_from_times(void **state)
{
    (void)state;
    struct schedule_state st;
    int64_t t[10];
    schedule_state_init(&st);
    for (int i = 0; i < 10; i++)
        t[i] = NOW - (int64_t)i * 7200;
    struct schedule_outcome o = fetched(1, t, 10);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 3600);
    /* very frequent: bounded below by min_interval */
    for (int i = 0; i < 10; i++)
        t[i] = NOW - (int64_t)i * 60;
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 300);
    assert_int_equal(st.interval, 300);
    /* dormant: bounded above by max_interval */
    for (int i = 0; i < 10; i++)
        t[i] = NOW - 30 * 86400 - (int64_t)i * 60;
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 86400);
    assert_int_equal(st.interval, 86400);
}

static void test_adapts_without_times(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    st.interval = 4000;
    struct schedule_outcome news = fetched(3, NULL, 0);
    struct schedule_outcome same = fetched(0, NULL, 0);
    struct schedule_outcome nm = not_modified();
    assert_int_equal(schedule_next(&cfg, NULL, &st, &news, NOW), NOW + 2000);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &nm, NOW), NOW + 2500);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &same, NOW), NOW + 3125);
    /* bounds */
    st.interval = 400;
    assert_int_equal(schedule_next(&cfg, NULL, &st, &news, NOW), NOW + 300);
    st.interval = 80000;
    assert_int_equal(schedule_next(&cfg, NULL, &st, &nm, NOW), NOW + 86400);
    /* repeated 304s settle at the maximum and stay there */
    for (int i = 0; i < 50; i++)
        schedule_next(&cfg, NULL, &st, &nm, NOW);
    assert_int_equal(st.interval, 86400);
}

static void test_ttl_and_sy_hints(void **state)
{
    (void)state;
    struct schedule_state st;
    struct schedule_hints h;
    struct schedule_outcome o = fetched(1, NULL, 0);
    schedule_state_init(&st);
    schedule_hints_init(&h);
    h.ttl_minutes = 120;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 7200);
    /* a ttl beyond the maximum is clamped: the feed is still polled daily */
    h.ttl_minutes = 2000;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 86400);
    /* a ttl below our own interval changes nothing */
    schedule_state_init(&st);
    h.ttl_minutes = 1;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 3600);

    schedule_hints_init(&h);
    schedule_state_init(&st);
    st.interval = 1000;
    h.update_period = SCHEDULE_PERIOD_HOURLY;
    h.update_frequency = 1;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 3600);
    h.update_period = SCHEDULE_PERIOD_DAILY;
    h.update_frequency = 4;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 21600);
    h.update_frequency = 0; /* means 1 */
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 86400);
    h.update_period = SCHEDULE_PERIOD_WEEKLY;
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), NOW + 86400);
}

static void test_error_backoff(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    st.interval = 1800;
    struct schedule_outcome err = failed(500, -1);
    static const int64_t want[] = {600, 1200, 2400, 4800, 9600, 19200, 21600, 21600};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int64_t now = NOW + (int64_t)i * 60;
        assert_int_equal(schedule_next(&cfg, NULL, &st, &err, now), now + want[i]);
        assert_int_equal(st.consecutive_errors, (int)i + 1);
    }
    assert_int_equal(st.failing_since, NOW);
    assert_int_equal(st.interval, 1800); /* kept for recovery */
    /* network errors (no HTTP status) back off the same way */
    struct schedule_outcome net = failed(0, -1);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &net, NOW + 1000), NOW + 1000 + 21600);
    /* success clears the error state and resumes the adaptive interval */
    struct schedule_outcome nm = not_modified();
    assert_int_equal(schedule_next(&cfg, NULL, &st, &nm, NOW + 2000), NOW + 2000 + 2250);
    assert_int_equal(st.consecutive_errors, 0);
    assert_true(st.failing_since == TIME_NONE);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &err, NOW + 3000), NOW + 3000 + 600);
}

static void test_retry_after(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    struct schedule_outcome o = failed(429, 7200);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 7200);
    /* honoured even when the backoff would be shorter or longer */
    st.consecutive_errors = 10;
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 7200);
    o = failed(503, 120);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 300); /* >= min */
    o = failed(503, 30 * 86400);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 7 * 86400); /* capped */
    /* Retry-After only counts for 429 and 503 */
    schedule_state_init(&st);
    o = failed(500, 7200);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 600);
    /* 429 without Retry-After backs off */
    o = failed(429, -1);
    assert_int_equal(schedule_next(&cfg, NULL, &st, &o, NOW), NOW + 1200);
}

static void test_dead_feed_polled_daily(void **state)
{
    (void)state;
    struct schedule_state st;
    schedule_state_init(&st);
    struct schedule_outcome err = failed(0, -1);
    int64_t now = NOW;
    /* fail for 30 days, polling whenever scheduled: never dropped, never more than daily
     * once dead */
    int polls = 0;
    while (now < NOW + 30 * 86400) {
        int64_t next = schedule_next(&cfg, NULL, &st, &err, now);
        assert_true(next > now);
        if (schedule_is_dead(&cfg, &st, now))
            assert_int_equal(next - now, 86400);
        else
            assert_true(next - now <= cfg.error_max);
        now = next;
        polls++;
    }
    assert_true(schedule_is_dead(&cfg, &st, now));
    assert_in_range(polls, 30, 80);
    /* a dead feed that answers again is healthy at once */
    struct schedule_outcome ok = fetched(2, NULL, 0);
    schedule_next(&cfg, NULL, &st, &ok, now);
    assert_false(schedule_is_dead(&cfg, &st, now));
    assert_int_equal(st.consecutive_errors, 0);
}

static void test_skip_hours(void **state)
{
    (void)state;
    struct schedule_hints h;
    schedule_hints_init(&h);
    h.skip_hours = (1u << 13) | (1u << 14);
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 25, 13, 25)), at(2026, 11, 25, 15, 0));
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 25, 12, 59)), at(2026, 11, 25, 12, 59));
    /* through schedule_next */
    struct schedule_state st;
    schedule_state_init(&st);
    struct schedule_outcome o = fetched(1, NULL, 0);
    assert_int_equal(schedule_next(&cfg, &h, &st, &o, NOW), at(2026, 11, 25, 15, 0));
    /* across midnight */
    h.skip_hours = (1u << 23) | 1u | (1u << 1);
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 25, 23, 10)), at(2026, 11, 26, 2, 0));
    /* every hour skipped: ignored */
    h.skip_hours = 0xffffff;
    assert_int_equal(schedule_apply_skips(&h, NOW), NOW);
    assert_int_equal(schedule_apply_skips(NULL, NOW), NOW);
}

static void test_skip_days(void **state)
{
    (void)state;
    struct schedule_hints h;
    schedule_hints_init(&h);
    h.skip_days = 1u << 3; /* Thursday */
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 26, 1, 30)), at(2026, 11, 27, 0, 0));
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 25, 23, 30)), at(2026, 11, 25, 23, 30));
    /* weekend off, and no polls before 06:00 */
    h.skip_days = (1u << 5) | (1u << 6);
    h.skip_hours = 0x3f;
    assert_int_equal(schedule_apply_skips(&h, at(2026, 11, 28, 10, 0)), at(2026, 11, 30, 6, 0));
    /* every day skipped: ignored */
    h.skip_days = 0x7f;
    h.skip_hours = 0;
    assert_int_equal(schedule_apply_skips(&h, NOW), NOW);
    /* errors respect skips too */
    struct schedule_state st;
    schedule_state_init(&st);
    h.skip_days = 1u << 2; /* Wednesday */
    struct schedule_outcome err = failed(500, -1);
    assert_int_equal(schedule_next(&cfg, &h, &st, &err, NOW), at(2026, 11, 26, 0, 0));
}

static void test_parse_helpers(void **state)
{
    (void)state;
    assert_int_equal(schedule_period_parse("hourly"), SCHEDULE_PERIOD_HOURLY);
    assert_int_equal(schedule_period_parse(" Daily\n"), SCHEDULE_PERIOD_DAILY);
    assert_int_equal(schedule_period_parse("WEEKLY"), SCHEDULE_PERIOD_WEEKLY);
    assert_int_equal(schedule_period_parse("monthly"), SCHEDULE_PERIOD_MONTHLY);
    assert_int_equal(schedule_period_parse("yearly"), SCHEDULE_PERIOD_YEARLY);
    assert_int_equal(schedule_period_parse("hourlyish"), SCHEDULE_PERIOD_NONE);
    assert_int_equal(schedule_period_parse(""), SCHEDULE_PERIOD_NONE);
    assert_int_equal(schedule_period_parse(NULL), SCHEDULE_PERIOD_NONE);
    assert_int_equal(schedule_day_parse("Monday"), 0);
    assert_int_equal(schedule_day_parse("sunday"), 6);
    assert_int_equal(schedule_day_parse(" Thursday "), 3);
    assert_int_equal(schedule_day_parse("Thu"), -1);
    assert_int_equal(schedule_day_parse(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_new_feed),
        cmocka_unit_test(test_estimate),
        cmocka_unit_test(test_estimate_uses_recent_entries),
        cmocka_unit_test(test_adapts_from_times),
        cmocka_unit_test(test_adapts_without_times),
        cmocka_unit_test(test_ttl_and_sy_hints),
        cmocka_unit_test(test_error_backoff),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_dead_feed_polled_daily),
        cmocka_unit_test(test_skip_hours),
        cmocka_unit_test(test_skip_days),
        cmocka_unit_test(test_parse_helpers),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
