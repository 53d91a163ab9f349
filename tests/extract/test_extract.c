/*
 * test_extract.c - the extractor on small pages written for the purpose.
 *
 * Data-driven part: every folder under tests/extract/cases/ holds page.html and
 * expect.json.  expect.json may give the page "url" and expected values of "title",
 * "authors", "published"/"modified" (RFC 3339), "canonical_url", "language", "site_name",
 * "description", "image_url", "image_caption", "image_credit", "dateline", plus lists
 * "body_contains"/"body_excludes" (checked against body_text) and
 * "html_contains"/"html_excludes" (checked against body_html).  Every case also checks
 * the invariants: a non-empty body, one paragraph per line (no empty lines, no leading
 * or trailing spaces), and a JSON serialisation that parses back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "extract/extract.h"
#include "testutil.h"

static const char *field(const struct extract_result *r, const char *key)
{
    if (!strcmp(key, "title"))
        return r->title;
    if (!strcmp(key, "canonical_url"))
        return r->canonical_url;
    if (!strcmp(key, "language"))
        return r->language;
    if (!strcmp(key, "site_name"))
        return r->site_name;
    if (!strcmp(key, "description"))
        return r->description;
    if (!strcmp(key, "image_url"))
        return r->image_url;
    if (!strcmp(key, "image_caption"))
        return r->image_caption;
    if (!strcmp(key, "image_credit"))
        return r->image_credit;
    if (!strcmp(key, "dateline"))
        return r->dateline;
    return NULL;
}

static void check_list(const char *casename, json_t *list, const char *hay, int want)
{
    size_t i;
    json_t *v;

    json_array_foreach(list, i, v)
    {
        const char *needle = json_string_value(v);
        int found = hay && strstr(hay, needle) != NULL;
        if (found != want) {
            print_error("%s: %s \"%s\" in:\n%s\n", casename, want ? "missing" : "unexpected",
                        needle, hay ? hay : "(null)");
            fail();
        }
    }
}

static void check_invariants(const char *casename, const struct extract_result *r)
{
    const char *t = r->body_text;

    assert_non_null(t);
    assert_true(t[0] != '\0');
    assert_non_null(r->authors);
    assert_null(r->authors[r->n_authors]);
    for (const char *line = t; *line;) {
        const char *e = strchr(line, '\n');
        size_t len = e ? (size_t)(e - line) : strlen(line);
        if (len == 0 || line[0] == ' ' || line[len - 1] == ' ') {
            print_error("%s: badly formed line in body_text\n", casename);
            fail();
        }
        line += len + (e ? 1 : 0);
    }
    char *js = extract_result_to_json(r, 0);
    json_error_t err;
    json_t *o = json_loads(js, 0, &err);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "body_text")), r->body_text);
    json_decref(o);
    free(js);
}

static void run_case(const char *dir, const char *name)
{
    char path[4096];
    size_t len;
    json_error_t err;
    struct extract_result *r = NULL;

    snprintf(path, sizeof(path), "%s/%s/page.html", dir, name);
    char *html = test_read_file(path, &len);
    assert_non_null(html);
    snprintf(path, sizeof(path), "%s/%s/expect.json", dir, name);
    json_t *ex = json_load_file(path, 0, &err);
    if (!ex)
        print_error("%s: %s\n", path, err.text);
    assert_non_null(ex);

    const char *url = json_string_value(json_object_get(ex, "url"));
    assert_int_equal(extract_article(html, len, url, NULL, &r), HERALD_OK);
    assert_non_null(r);
    check_invariants(name, r);

    const char *key;
    json_t *v;
    json_object_foreach(ex, key, v)
    {
        if (!strcmp(key, "url"))
            continue;
        if (!strcmp(key, "body_contains") || !strcmp(key, "body_excludes")) {
            check_list(name, v, r->body_text, key[5] == 'c');
        } else if (!strcmp(key, "html_contains") || !strcmp(key, "html_excludes")) {
            check_list(name, v, r->body_html, key[5] == 'c');
        } else if (!strcmp(key, "authors")) {
            assert_int_equal(r->n_authors, json_array_size(v));
            for (size_t i = 0; i < r->n_authors; i++)
                assert_string_equal(r->authors[i], json_string_value(json_array_get(v, i)));
        } else if (!strcmp(key, "published") || !strcmp(key, "modified")) {
            char buf[TIME_RFC3339_LEN];
            int64_t t = key[0] == 'p' ? r->published : r->modified;
            assert_true(t != TIME_NONE);
            assert_string_equal(time_format_rfc3339(t, buf), json_string_value(v));
        } else {
            const char *got = field(r, key);
            if (!got || strcmp(got, json_string_value(v)) != 0) {
                print_error("%s: %s = \"%s\", want \"%s\"\n", name, key, got ? got : "(null)",
                            json_string_value(v));
                fail();
            }
        }
    }
    extract_result_free(r);
    json_decref(ex);
    free(html);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_cases(void **state)
{
    (void)state;
    char *dir = test_source_path("tests/extract/cases");
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, alloc = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        ALLOC_GROW(names, n + 1, alloc);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    assert_true(n >= 5);
    qsort(names, n, sizeof(*names), cmp_str);
    for (size_t i = 0; i < n; i++) {
        run_case(dir, names[i]);
        free(names[i]);
    }
    free(names);
    free(dir);
}

static void test_bad_input(void **state)
{
    (void)state;
    struct extract_result *r = NULL;
    struct extract_opts small = {.max_input = 16};
    static const char garbage[] = "\x00\x01\x02\xff\xfe<<<>>>\x80\x81";
    const char *page = "<p>A paragraph that is long enough to count as text.</p>";

    assert_int_equal(extract_article(NULL, 10, NULL, NULL, &r), HERALD_E_INVALID);
    assert_int_equal(extract_article("x", 1, NULL, NULL, NULL), HERALD_E_INVALID);
    assert_int_equal(extract_article("", 0, NULL, NULL, &r), HERALD_E_PARSE);
    assert_null(r);
    assert_int_equal(extract_article(page, strlen(page), NULL, &small, &r), HERALD_E_TOOBIG);
    assert_null(r);
    /* garbage: a clean error or a result, never a crash */
    herald_status rc = extract_article(garbage, sizeof(garbage) - 1, NULL, NULL, &r);
    assert_true(rc == HERALD_OK || rc == HERALD_E_PARSE);
    if (rc == HERALD_OK) {
        assert_non_null(r->body_text);
        extract_result_free(r);
        r = NULL;
    }
    /* markup without any text */
    rc = extract_article("<html><body><div></div></body></html>", 37, NULL, NULL, &r);
    assert_int_equal(rc, HERALD_E_PARSE);
    assert_null(r);
    extract_result_free(NULL);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    struct extract_result *r = NULL;
    size_t depth = 20000, len = 0;
    char *html = xmalloc(depth * 5 + 64);

    for (size_t i = 0; i < depth; i++) {
        memcpy(html + len, "<div>", 5);
        len += 5;
    }
    len += (size_t)snprintf(html + len, 64, "deep text deep text deep text");
    herald_status rc = extract_article(html, len, NULL, NULL, &r);
    assert_true(rc == HERALD_OK || rc == HERALD_E_PARSE);
    extract_result_free(r);
    free(html);
}

static void test_parse_date(void **state)
{
    (void)state;
    char buf[TIME_RFC3339_LEN];

    assert_string_equal(time_format_rfc3339(extract_parse_date("2019-11-19T04:15:38Z"), buf),
                        "2019-11-19T04:15:38Z");
    assert_string_equal(
        time_format_rfc3339(extract_parse_date("2019-11-19T04:15:38.123-05:00"), buf),
        "2019-11-19T09:15:38Z");
    assert_string_equal(time_format_rfc3339(extract_parse_date("2019-11-19"), buf),
                        "2019-11-19T00:00:00Z");
    assert_string_equal(time_format_rfc3339(extract_parse_date("20191119T0415+0100"), buf),
                        "2019-11-19T03:15:00Z");
    assert_string_equal(
        time_format_rfc3339(extract_parse_date("Tue, 19 Nov 2019 04:15:38 +0000"), buf),
        "2019-11-19T04:15:38Z");
    assert_string_equal(time_format_rfc3339(extract_parse_date("19 Nov 2019"), buf),
                        "2019-11-19T00:00:00Z");
    assert_true(extract_parse_date(NULL) == TIME_NONE);
    assert_true(extract_parse_date("") == TIME_NONE);
    assert_true(extract_parse_date("yesterday") == TIME_NONE);
    assert_true(extract_parse_date("2019-13-45") == TIME_NONE);
}

static void test_json(void **state)
{
    (void)state;
    struct extract_result *r = NULL;
    const char *page =
        "<html lang=\"de\"><head><title>Titel</title>"
        "<meta property=\"article:published_time\" content=\"2026-01-02T03:04:05Z\">"
        "</head><body><article><p>Erster Absatz mit genug Text, damit er als Inhalt zählt, "
        "und mit einem Komma.</p><p>Zweiter Absatz, ebenfalls lang genug für den Test hier.</p>"
        "</article></body></html>";

    assert_int_equal(extract_article(page, strlen(page), "https://example.de/a", NULL, &r),
                     HERALD_OK);
    char *s = extract_result_to_json(r, 2);
    json_error_t err;
    json_t *o = json_loads(s, 0, &err);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "title")), "Titel");
    assert_string_equal(json_string_value(json_object_get(o, "language")), "de");
    assert_string_equal(json_string_value(json_object_get(o, "published")), "2026-01-02T03:04:05Z");
    assert_null(json_object_get(o, "modified"));
    assert_true(json_is_array(json_object_get(o, "authors")));
    assert_int_equal(json_integer_value(json_object_get(o, "word_count")), r->word_count);
    assert_non_null(
        strstr(json_string_value(json_object_get(o, "body_text")), "Erster Absatz mit genug Text"));
    json_decref(o);
    free(s);
    assert_null(extract_result_to_json(NULL, 0));
    extract_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_deep_nesting), cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
