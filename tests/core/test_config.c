/* test_config.c - defaults, file, environment and flag precedence; bad input rejected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "testutil.h"

static char *write_conf(const char *dir, const char *text)
{
    size_t n = strlen(dir) + 16;
    char *path = malloc(n);
    snprintf(path, n, "%s/herald.conf", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_defaults(void **state)
{
    (void)state;
    struct config cfg;
    config_init(&cfg);
    assert_string_equal(cfg.db_path, "herald.db");
    assert_int_equal(cfg.fetch_concurrency, 16);
    assert_int_equal(cfg.fetch_per_host, 2);
    assert_int_equal(cfg.fetch_max_bytes, 10L * 1024 * 1024);
    assert_int_equal(cfg.allow_file_urls, 0);
    config_release(&cfg);
}

static void test_precedence(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "# comment\ndb = from-file.db\nfetch.per_host = 3 # trailing\n"
                                 "\nextract.mode = never\n");
    struct config cfg;
    config_init(&cfg);
    assert_int_equal(config_load_file(&cfg, path), HERALD_OK);
    assert_string_equal(cfg.db_path, "from-file.db");
    assert_int_equal(cfg.fetch_per_host, 3);
    assert_int_equal(cfg.extract, EXTRACT_NEVER);
    setenv("HERALD_DB", "from-env.db", 1);
    setenv("HERALD_FETCH_CONCURRENCY", "4", 1);
    assert_int_equal(config_load_env(&cfg), HERALD_OK);
    unsetenv("HERALD_DB");
    unsetenv("HERALD_FETCH_CONCURRENCY");
    assert_string_equal(cfg.db_path, "from-env.db");
    assert_int_equal(cfg.fetch_concurrency, 4);
    assert_int_equal(cfg.fetch_per_host, 3); /* the file's value survives */
    assert_int_equal(config_set(&cfg, "db", "from-flag.db", "--db"), HERALD_OK);
    assert_string_equal(cfg.db_path, "from-flag.db");
    config_release(&cfg);
    test_rmtree(dir);
    free(path);
    free(dir);
}

static void test_bad_input(void **state)
{
    (void)state;
    struct config cfg;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "db = ok.db\nthis line has no equals sign\n");
    config_init(&cfg);
    assert_int_equal(config_set(&cfg, "no.such.key", "1", "test"), HERALD_E_NOTFOUND);
    assert_int_equal(config_set(&cfg, "fetch.concurrency", "0", "test"), HERALD_E_INVALID);
    assert_int_equal(config_set(&cfg, "fetch.concurrency", "12abc", "test"), HERALD_E_INVALID);
    assert_int_equal(config_set(&cfg, "allow_file_urls", "maybe", "test"), HERALD_E_INVALID);
    /* web.base_url: http(s) without query or fragment, kept without trailing slashes */
    assert_string_equal(cfg.web_base_url, "");
    assert_int_equal(config_set(&cfg, "web.base_url", "https://news.example/", "test"), HERALD_OK);
    assert_string_equal(cfg.web_base_url, "https://news.example");
    assert_int_equal(config_set(&cfg, "web.base_url", "https://news.example/?x=1", "test"),
                     HERALD_E_INVALID);
    assert_int_equal(config_set(&cfg, "web.base_url", "ftp://news.example", "test"),
                     HERALD_E_INVALID);
    assert_int_equal(config_set(&cfg, "web.base_url", "news.example", "test"), HERALD_E_INVALID);
    assert_string_equal(cfg.web_base_url, "https://news.example"); /* unchanged by errors */
    assert_int_equal(config_set(&cfg, "web.base_url", "", "test"), HERALD_OK); /* unset */
    assert_string_equal(cfg.web_base_url, "");
    /* web.timezone: UTC by default, an IANA name checked against the tz database */
    assert_string_equal(cfg.web_timezone, "UTC");
    assert_int_equal(config_set(&cfg, "web.timezone", "../../etc/passwd", "test"),
                     HERALD_E_INVALID);
    if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) == 0) {
        assert_int_equal(config_set(&cfg, "web.timezone", "Europe/Berlin", "test"), HERALD_OK);
        assert_string_equal(cfg.web_timezone, "Europe/Berlin");
        assert_int_equal(config_set(&cfg, "web.timezone", "Europe/Berln", "test"),
                         HERALD_E_INVALID);
        assert_int_equal(config_set(&cfg, "web.timezone", "Mars/Olympus_Mons", "test"),
                         HERALD_E_INVALID);
        assert_string_equal(cfg.web_timezone, "Europe/Berlin"); /* unchanged by errors */
    }
    assert_int_equal(config_set(&cfg, "log_level", "loud", "test"), HERALD_E_INVALID);
    assert_int_equal(cfg.fetch_concurrency, 16); /* a rejected value changes nothing */
    assert_int_equal(config_load_file(&cfg, path), HERALD_E_INVALID);
    assert_int_equal(config_load_file(&cfg, "/nonexistent/herald.conf"), HERALD_E_NOTFOUND);
    config_release(&cfg);
    test_rmtree(dir);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
