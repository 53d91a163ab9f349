/* test_date.c - core/date.h: the forms feeds write dates in, and what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/timeutil.h"
#include "core/date.h"

static void expect_time(const char *s, const char *rfc3339)
{
    int64_t t = 0;
    char buf[TIME_RFC3339_LEN];
    herald_status rc = date_parse(s, &t);
    if (rc != HERALD_OK)
        fail_msg("\"%s\" was refused", s);
    assert_string_equal(time_format_rfc3339(t, buf), rfc3339);
}

static void expect_refused(const char *s)
{
    int64_t t = 12345;
    assert_int_equal(date_parse(s, &t), HERALD_E_PARSE);
    assert_int_equal(t, 12345); /* output untouched */
}

static void test_rfc822(void **state)
{
    (void)state;
    expect_time("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z");
    expect_time("01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z");    /* no weekday */
    expect_time("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"); /* 2-digit year */
    expect_time("Thu, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z");
    expect_time("Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z"); /* no seconds */
    expect_time("Thu, 01 Jan 2004", "2004-01-01T00:00:00Z");           /* no time */
    expect_time("Thu, 01 Jan 2004 19:48:21 +0200", "2004-01-01T17:48:21Z");
    expect_time("Thu, 01 Jan 2004 19:48:21 -05:30", "2004-01-02T01:18:21Z");
    expect_time("Thu, 01 Jan 2004 19:48:21 EST", "2004-01-02T00:48:21Z");
    expect_time("Thu, 01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z");
    expect_time("Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z");
    expect_time("Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T20:48:21Z"); /* military */
    expect_time("Thu, 01 Jan 2004 19:48:21 N", "2004-01-01T18:48:21Z");
    expect_time("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z");
    expect_time("Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z");
    expect_time("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z");
    expect_time("Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z");
    expect_time("Fri,24 Nov 2023 18:28:36 -0000", "2023-11-24T18:28:36Z");
}

static void test_iso_w3c(void **state)
{
    (void)state;
    expect_time("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z");
    expect_time("2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z");
    expect_time("2007-04-23T23:25:47.538+10:00", "2007-04-23T13:25:47Z");
    expect_time("2003-12-31", "2003-12-31T00:00:00Z");
    expect_time("2003-12", "2003-12-01T00:00:00Z");
    expect_time("2003", "2003-01-01T00:00:00Z");
    expect_time("2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z"); /* leap day */
    expect_time("2004-07-08 23:56:58", "2004-07-08T23:56:58Z");       /* MSSQL style */
    expect_time("031231", "2003-12-31T00:00:00Z");                    /* ISO 8601 2-digit year */
    expect_time("2003-335", "2003-12-01T00:00:00Z");                  /* ordinal date */
    expect_time("2003-12-31T10:14:55-0800", "2003-12-31T18:14:55Z");
    expect_time("20031231T1014+0100", "2003-12-31T09:14:00Z"); /* ISO 8601 basic format */
    expect_time("20031231T101455Z", "2003-12-31T10:14:55Z");
    expect_refused("20031231T10");
    expect_time("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"); /* asctime */
    expect_time("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z");
}

static void test_refused(void **state)
{
    (void)state;
    expect_refused("");
    expect_refused("   ");
    expect_refused("yesterday");
    expect_refused("Sun, 99 Jun 2009 12:00:00 GMT");
    expect_refused("2003-12-31T25:14:55Z");
    expect_refused("2003-13-01");
    expect_refused("2003-02-30");
    expect_refused("Sun, 16 zzz 2012 11:47:32 GMT");
    expect_refused("Sun, 16 Dec 2012 11:47:32 +zz:00");
    expect_refused("9999-12-31T23:59:59-99:99");
    int64_t t;
    assert_int_equal(date_parse(NULL, &t), HERALD_E_INVALID);
    assert_int_equal(date_parse("2003", NULL), HERALD_E_INVALID);
    /* a very long string is refused, not overflowed */
    char big[4096];
    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    expect_refused(big);
}

static void test_formats(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(date_format_from_name("parse_date_rfc822"), DATE_RFC822);
    assert_int_equal(date_format_from_name("w3dtf"), DATE_W3DTF);
    assert_int_equal(date_format_from_name("nope"), DATE_ANY);
    /* one form only: W3C-DTF refuses RFC 822 */
    assert_int_equal(date_parse_as(DATE_W3DTF, "Thu, 01 Jan 2004 19:48:21 GMT", &t),
                     HERALD_E_PARSE);
    assert_int_equal(date_parse_as(DATE_RFC822, "Thu, 01 Jan 2004 19:48:21 GMT", &t), HERALD_OK);
    /* localised forms */
    char buf[TIME_RFC3339_LEN];
    assert_int_equal(date_parse("2004년 05월 28일  01:31:15", &t), HERALD_OK);
    assert_string_equal(time_format_rfc3339(t, buf), "2004-05-27T16:31:15Z");
    assert_int_equal(date_parse("Κυρ, 11 Ιούλ 2004 12:00:00 EST", &t), HERALD_OK);
    assert_string_equal(time_format_rfc3339(t, buf), "2004-07-11T17:00:00Z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc822),
        cmocka_unit_test(test_iso_w3c),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
