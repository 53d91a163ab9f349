/* test_tzone.c - time zones from the tz database: known instants (UTC, Europe/Berlin summer
 * and winter, America/New_York, the switches themselves), the footer's POSIX rule past the
 * file's last transition, agreement with glibc's localtime_r over two centuries for zones of
 * every kind, bad names and bad files.  Without a tz database the zone cases skip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/tzone.h"
#include "testutil.h"

#define ZONEINFO "/usr/share/zoneinfo"

static int have_tzdata(void)
{
    struct stat st;
    return stat(ZONEINFO "/Europe/Berlin", &st) == 0;
}

static tzone *load(const char *name)
{
    tzone *z = NULL;
    char why[160];
    herald_status rc = tzone_load(name, &z, why, sizeof(why));
    if (rc)
        fail_msg("%s: %s", name, why);
    return z;
}

static int64_t at(int y, int mo, int d, int h, int mi, int s)
{
    struct civil_time ct = {y, mo, d, h, mi, s};
    return time_from_civil(&ct);
}

/* Checks the local time of t in z: "YYYY-MM-DD HH:MM:SS", offset and abbreviation. */
static void expect(const tzone *z, int64_t t, const char *local, int32_t utoff, const char *abbr)
{
    struct tzone_local lt;
    char buf[32];
    tzone_local(z, t, &lt);
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", lt.ct.year, lt.ct.month, lt.ct.day,
             lt.ct.hour, lt.ct.minute, lt.ct.second);
    assert_string_equal(buf, local);
    assert_int_equal(lt.utoff, utoff);
    assert_string_equal(lt.abbr, abbr);
}

static void test_utc(void **state)
{
    (void)state;
    tzone *z = load("UTC");
    int64_t t = at(2026, 12, 4, 10, 5, 0);
    assert_string_equal(tzone_name(z), "UTC");
    expect(z, t, "2026-12-04 10:05:00", 0, "UTC");
    expect(NULL, t, "2026-12-04 10:05:00", 0, "UTC"); /* NULL is UTC too */
    tzone_free(z);
    z = load(""); /* the default: built in, no tz database needed */
    expect(z, 0, "1970-01-01 00:00:00", 0, "UTC");
    tzone_free(z);
    tzone_free(NULL);
}

static void test_known_zones(void **state)
{
    (void)state;
    if (!have_tzdata())
        skip();
    tzone *be = load("Europe/Berlin"), *ny = load("America/New_York");
    struct tzone_local lt;
    assert_string_equal(tzone_name(be), "Europe/Berlin");
    /* winter and summer */
    expect(be, at(2026, 12, 4, 10, 5, 0), "2026-12-04 11:05:00", 3600, "CET");
    expect(be, at(2026, 7, 15, 12, 0, 0), "2026-07-15 14:00:00", 7200, "CEST");
    tzone_local(be, at(2026, 7, 15, 12, 0, 0), &lt);
    assert_int_equal(lt.isdst, 1);
    /* the switches of 2026: 29 March and 25 October at 01:00 UTC */
    expect(be, at(2026, 3, 29, 0, 59, 59), "2026-03-29 01:59:59", 3600, "CET");
    expect(be, at(2026, 3, 29, 1, 0, 0), "2026-03-29 03:00:00", 7200, "CEST");
    expect(be, at(2026, 10, 25, 0, 59, 59), "2026-10-25 02:59:59", 7200, "CEST");
    expect(be, at(2026, 10, 25, 1, 0, 0), "2026-10-25 02:00:00", 3600, "CET");
    /* New York: 8 March 07:00 UTC and 1 November 06:00 UTC in 2026 */
    expect(ny, at(2026, 12, 4, 10, 5, 0), "2026-12-04 05:05:00", -5 * 3600, "EST");
    expect(ny, at(2026, 7, 4, 16, 0, 0), "2026-07-04 12:00:00", -4 * 3600, "EDT");
    expect(ny, at(2026, 3, 8, 6, 59, 59), "2026-03-08 01:59:59", -5 * 3600, "EST");
    expect(ny, at(2026, 3, 8, 7, 0, 0), "2026-03-08 03:00:00", -4 * 3600, "EDT");
    expect(ny, at(2026, 11, 1, 6, 0, 0), "2026-11-01 01:00:00", -5 * 3600, "EST");
    /* past any transition a fat file lists (2037): the footer's rule */
    expect(be, at(2100, 7, 1, 12, 0, 0), "2100-07-01 14:00:00", 7200, "CEST");
    expect(be, at(2100, 1, 1, 12, 0, 0), "2100-01-01 13:00:00", 3600, "CET");
    expect(ny, at(2100, 3, 14, 7, 0, 0), "2100-03-14 03:00:00", -4 * 3600, "EDT");
    /* before the first transition: local mean time */
    tzone_local(be, at(1850, 1, 1, 0, 0, 0), &lt);
    assert_int_equal(lt.utoff, 3208);
    tzone_free(be);
    tzone_free(ny);
}

/* Every zone kind against glibc reading the same files: northern and southern DST, a
 * negative DST (Dublin's winter "GMT" is its daylight-saving time), half and
 * three-quarter hours, no DST, a 30-minute DST (Lord Howe). */
static void test_against_libc(void **state)
{
    static const char *const zones[] = {
        "Europe/Berlin", "America/New_York", "Australia/Sydney",  "Europe/Dublin",
        "Asia/Kolkata",  "Pacific/Chatham",  "America/Sao_Paulo", "Australia/Lord_Howe",
        "Asia/Tokyo",    "Etc/GMT+5",        "America/St_Johns"};
    (void)state;
    if (!have_tzdata())
        skip();
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
        tzone *z = load(zones[i]);
        setenv("TZ", zones[i], 1);
        tzset();
        for (int64_t t = -2000000000LL; t < 4200000000LL; t += 86400LL * 9 + 3600 * 7 + 13 * 60) {
            time_t tt = (time_t)t;
            struct tm tm;
            struct tzone_local lt;
            tzone_local(z, t, &lt);
            localtime_r(&tt, &tm);
            if (lt.utoff != tm.tm_gmtoff || lt.ct.hour != tm.tm_hour || lt.ct.day != tm.tm_mday ||
                lt.isdst != (tm.tm_isdst > 0) || strcmp(lt.abbr, tm.tm_zone) != 0)
                fail_msg("%s at %lld: %d %s dst %d, libc %ld %s dst %d", zones[i], (long long)t,
                         lt.utoff, lt.abbr, lt.isdst, tm.tm_gmtoff, tm.tm_zone, tm.tm_isdst);
        }
        tzone_free(z);
    }
    unsetenv("TZ");
    tzset();
}

static void test_bad_names(void **state)
{
    tzone *z = NULL;
    char why[160] = "";
    (void)state;
    assert_int_equal(tzone_load("../etc/passwd", &z, why, sizeof(why)), HERALD_E_INVALID);
    assert_non_null(strstr(why, "not a time zone name"));
    assert_int_equal(tzone_load("/etc/passwd", &z, NULL, 0), HERALD_E_INVALID);
    assert_int_equal(tzone_load("Europe/../../etc/passwd", &z, NULL, 0), HERALD_E_INVALID);
    assert_int_equal(tzone_load("Europe/Berlin ", &z, NULL, 0), HERALD_E_INVALID);
    assert_int_equal(tzone_load("Europe//Berlin", &z, NULL, 0), HERALD_E_INVALID);
    assert_null(z);
    if (!have_tzdata())
        skip();
    assert_int_equal(tzone_load("Europe/Berln", &z, why, sizeof(why)), HERALD_E_NOTFOUND);
    assert_non_null(strstr(why, "unknown time zone 'Europe/Berln'"));
    assert_int_equal(tzone_load("Europe", &z, NULL, 0), HERALD_E_NOTFOUND); /* a directory */
    assert_int_equal(tzone_load("zone.tab", &z, why, sizeof(why)), HERALD_E_PARSE);
    assert_null(z);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A version 2 file with no transitions at all, only a type and the footer rule: what a
 * "slim" build of a fixed-rule zone looks like. */
static size_t slim_file(unsigned char *buf, const char *footer)
{
    size_t n = 0;
    for (int block = 0; block < 2; block++) {
        memset(buf + n, 0, 44);
        memcpy(buf + n, "TZif2", 5);
        put32(buf + n + 36, 1); /* typecnt */
        put32(buf + n + 40, 4); /* charcnt */
        n += 44;
        put32(buf + n, 3600); /* utoff */
        buf[n + 4] = 0;
        buf[n + 5] = 0;
        memcpy(buf + n + 6, "CET", 4);
        n += 10;
    }
    n += (size_t)snprintf((char *)buf + n, 128, "\n%s\n", footer);
    return n;
}

static void write_bytes(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

static void test_files(void **state)
{
    unsigned char buf[512];
    char *dir = test_tmpdir(), path[600];
    tzone *z = NULL;
    size_t n;
    (void)state;
    setenv("TZDIR", dir, 1);
    /* the rule alone decides, north and south */
    n = slim_file(buf, "CET-1CEST,M3.5.0,M10.5.0/3");
    snprintf(path, sizeof(path), "%s/Slim", dir);
    write_bytes(path, buf, n);
    z = load("Slim");
    expect(z, at(2026, 7, 15, 12, 0, 0), "2026-07-15 14:00:00", 7200, "CEST");
    expect(z, at(2026, 3, 29, 1, 0, 0), "2026-03-29 03:00:00", 7200, "CEST");
    expect(z, at(2026, 10, 25, 1, 0, 0), "2026-10-25 02:00:00", 3600, "CET");
    tzone_free(z);
    n = slim_file(buf, "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    write_bytes(path, buf, n);
    z = load("Slim");
    expect(z, at(2026, 1, 15, 0, 0, 0), "2026-01-15 11:00:00", 11 * 3600, "+11");
    expect(z, at(2026, 7, 15, 0, 0, 0), "2026-07-15 10:30:00", 10 * 3600 + 1800, "+1030");
    tzone_free(z);
    /* Jn and n dates, and a fixed zone */
    n = slim_file(buf, "XST5XDT,J60/0,300");
    write_bytes(path, buf, n);
    z = load("Slim");
    expect(z, at(2028, 2, 29, 12, 0, 0), "2028-02-29 07:00:00", -5 * 3600, "XST");
    expect(z, at(2028, 3, 1, 12, 0, 0), "2028-03-01 08:00:00", -4 * 3600, "XDT");
    tzone_free(z);
    n = slim_file(buf, "<-03>3");
    write_bytes(path, buf, n);
    z = load("Slim");
    expect(z, at(2026, 7, 15, 12, 0, 0), "2026-07-15 09:00:00", -3 * 3600, "-03");
    tzone_free(z);
    /* a bad rule, a truncated file, a wrong magic */
    z = NULL;
    n = slim_file(buf, "CET-1CEST,M13.5.0,M10.5.0");
    write_bytes(path, buf, n);
    assert_int_equal(tzone_load("Slim", &z, NULL, 0), HERALD_E_PARSE);
    n = slim_file(buf, "CET-1");
    write_bytes(path, buf, 50);
    assert_int_equal(tzone_load("Slim", &z, NULL, 0), HERALD_E_PARSE);
    memcpy(buf, "TZip", 4);
    write_bytes(path, buf, n);
    assert_int_equal(tzone_load("Slim", &z, NULL, 0), HERALD_E_PARSE);
    assert_null(z);
    unsetenv("TZDIR");
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utc),          cmocka_unit_test(test_known_zones),
        cmocka_unit_test(test_against_libc), cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
