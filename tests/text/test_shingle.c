/*
 * test_shingle.c - copies of one story are recognised, independent reports of one event
 * are not.  Beyond small cases, the bundled demo's labelled groups are the data: every
 * republished wire story (demo/groups.json "wire") must count as a copy of its original,
 * and no two independently written reports of one event ("events") may.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "extract/extract.h"
#include "testutil.h"
#include "text/shingle.h"

static const char wire[] =
    "The National Reserve Bank raised its benchmark interest rate by a quarter of a "
    "percentage point on Tuesday, saying inflation was proving stickier than hoped. "
    "The board voted 5-2 for the increase, and two members preferred to hold.";

static void test_small_cases(void **state)
{
    (void)state;
    struct shingle_set a, b, e;
    char edited[sizeof(wire) + 128];
    snprintf(edited, sizeof(edited), "PORT ALDER homeowners will pay more. %s", wire);
    assert_true(shingle_is_copy(wire, edited));
    assert_true(shingle_is_copy(wire, wire));
    /* case and punctuation do not matter, words do */
    assert_true(shingle_is_copy("One two three four five six", "ONE, two; three four five SIX!"));
    assert_false(shingle_is_copy(wire, "Rates rose on Tuesday. The bank's board was split "
                                       "five to two, with two members voting to hold."));
    shingle_set_build("too few words", &e);
    assert_int_equal(e.count, 0);
    shingle_set_build(wire, &a);
    shingle_set_build(wire, &b);
    assert_true(a.count > 10);
    for (size_t i = 1; i < a.count; i++)
        assert_true(a.hashes[i - 1] < a.hashes[i]); /* sorted, unique */
    assert_true(shingle_containment(&a, &b) == 1.0);
    assert_true(shingle_containment(&a, &e) == 0.0);
    shingle_set_release(&a);
    shingle_set_release(&b);
    shingle_set_release(&e);
    shingle_set_build(NULL, &e);
    assert_int_equal(e.count, 0);
    shingle_set_release(&e);
}

/* The extracted body of a demo page, malloc'd. */
static char *demo_text(const char *rel)
{
    struct strbuf path = STRBUF_INIT;
    struct extract_result *r = NULL;
    size_t len;
    char *abs, *html, *text;
    strbuf_addf(&path, "demo/%s", rel);
    abs = test_source_path(path.buf);
    html = test_read_file(abs, &len);
    assert_non_null(html);
    assert_int_equal(extract_article(html, len, NULL, NULL, &r), HERALD_OK);
    text = strdup(r->body_text);
    extract_result_free(r);
    free(html);
    free(abs);
    strbuf_release(&path);
    return text;
}

static void test_demo_groups(void **state)
{
    (void)state;
    char *p = test_source_path("demo/groups.json");
    json_error_t err;
    json_t *g = json_load_file(p, 0, &err), *grp, *copy;
    size_t i, j, k, copies = 0, pairs = 0;
    assert_non_null(g);
    json_array_foreach(json_object_get(g, "wire"), i, grp)
    {
        char *orig = demo_text(json_string_value(json_object_get(grp, "original")));
        json_array_foreach(json_object_get(grp, "copies"), j, copy)
        {
            char *c = demo_text(json_string_value(copy));
            if (!shingle_is_copy(orig, c))
                fprintf(stderr, "not recognised as a copy: %s\n", json_string_value(copy));
            assert_true(shingle_is_copy(orig, c));
            copies++;
            free(c);
        }
        free(orig);
    }
    json_array_foreach(json_object_get(g, "events"), i, grp)
    {
        json_t *arts = json_object_get(grp, "articles");
        for (j = 0; j < json_array_size(arts); j++) {
            char *a = demo_text(json_string_value(json_array_get(arts, j)));
            for (k = j + 1; k < json_array_size(arts); k++) {
                char *b = demo_text(json_string_value(json_array_get(arts, k)));
                assert_false(shingle_is_copy(a, b));
                pairs++;
                free(b);
            }
            free(a);
        }
    }
    assert_true(copies >= 12);
    assert_true(pairs >= 12);
    json_decref(g);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_cases),
        cmocka_unit_test(test_demo_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
