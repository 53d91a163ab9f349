/* test_cache.c - the page cache: hits, version and TTL invalidation, replacement, the
 * count and byte bounds with LRU eviction, oversized entries, copies independent of the
 * cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "web/cache.h"

static struct web_cached make(const char *body)
{
    struct web_cached e;
    memset(&e, 0, sizeof(e));
    e.status = 200;
    e.content_type = "text/html";
    e.last_modified = TIME_NONE;
    e.body = (char *)body;
    e.len = strlen(body);
    web_etag(e.body, e.len, 0, e.etag);
    return e;
}

static void test_hit_and_invalidate(void **state)
{
    web_cache *c = web_cache_new(64, 1 << 20, 30);
    struct web_cached in = make("<p>page one</p>"), out;
    struct web_cache_stats st;
    (void)state;
    assert_false(web_cache_get(c, "/a", 1, 1000, &out));
    web_cache_put(c, "/a", 1, 1000, &in);
    assert_true(web_cache_get(c, "/a", 1, 1010, &out));
    assert_int_equal(out.len, in.len);
    assert_memory_equal(out.body, in.body, in.len);
    assert_string_equal(out.etag, in.etag);
    assert_string_equal(out.content_type, "text/html");
    assert_null(out.gz);
    out.body[0] = 'X'; /* a copy: the cache is unaffected */
    web_cached_release(&out);
    assert_true(web_cache_get(c, "/a", 1, 1010, &out));
    assert_int_equal(out.body[0], '<');
    web_cached_release(&out);
    /* another data version, an expired entry, a clock going back: misses */
    assert_false(web_cache_get(c, "/a", 2, 1010, &out));
    assert_false(web_cache_get(c, "/a", 1, 1030, &out));
    assert_false(web_cache_get(c, "/a", 1, 990, &out));
    assert_false(web_cache_get(c, "/b", 1, 1010, &out));
    /* replacement */
    in = make("<p>page one, version 2</p>");
    web_cache_put(c, "/a", 2, 1020, &in);
    assert_true(web_cache_get(c, "/a", 2, 1021, &out));
    assert_int_equal(out.len, in.len);
    web_cached_release(&out);
    web_cache_stats(c, &st);
    assert_int_equal(st.entries, 1);
    assert_int_equal(st.hits, 3);
    assert_int_equal(st.bytes, in.len);
    web_cache_free(c);
    web_cache_free(NULL);
}

static void test_bounds(void **state)
{
    /* 16 shards of 2 entries: 100 keys cannot all stay; the most recent ones do */
    web_cache *c = web_cache_new(32, 1 << 20, 30);
    struct web_cached in = make("body"), out;
    struct web_cache_stats st;
    char key[32];
    int present = 0;
    (void)state;
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof(key), "/k%d", i);
        web_cache_put(c, key, 1, 1000, &in);
    }
    web_cache_stats(c, &st);
    assert_true(st.entries <= 32);
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof(key), "/k%d", i);
        if (web_cache_get(c, key, 1, 1000, &out)) {
            present++;
            web_cached_release(&out);
        }
    }
    assert_int_equal(present, (int)st.entries);
    assert_true(web_cache_get(c, "/k99", 1, 1000, &out)); /* the newest survives */
    web_cached_release(&out);
    web_cache_free(c);

    /* the byte bound: 16 shards of 1 KiB; a 100-byte body fits 10 to a shard at most */
    c = web_cache_new(4096, 16 * 1024, 30);
    {
        char big[101];
        memset(big, 'x', 100);
        big[100] = '\0';
        in = make(big);
        for (int i = 0; i < 1000; i++) {
            snprintf(key, sizeof(key), "/b%d", i);
            web_cache_put(c, key, 1, 1000, &in);
        }
        web_cache_stats(c, &st);
        assert_true(st.bytes <= 16 * 1024);
        assert_true(st.entries <= 16 * 10);
        assert_true(st.entries >= 16);
    }
    /* a body over max_bytes / 64 is not cached */
    {
        static char huge[1024];
        memset(huge, 'y', sizeof(huge) - 1);
        in = make(huge);
        web_cache_put(c, "/huge", 1, 1000, &in);
        assert_false(web_cache_get(c, "/huge", 1, 1000, &out));
    }
    web_cache_free(c);
}

static void test_refs(void **state)
{
    /* a shared value: the same bytes on every hit, alive after replacement, eviction and
     * the cache's own end, freed by the last unref (ASan reports a leak or a
     * use-after-free otherwise) */
    web_cache *c = web_cache_new(16, 1 << 20, 30);
    struct web_cached in = make("<p>shared</p>");
    const struct web_cached *v1, *v2, *v3;
    web_cache_ref *r1, *r2, *r3;
    struct web_cache_stats st;
    (void)state;
    assert_null(web_cache_get_ref(c, "/a", 1, 1000, &r1));
    assert_null(r1);
    web_cache_put(c, "/a", 1, 1000, &in);
    v1 = web_cache_get_ref(c, "/a", 1, 1001, &r1);
    v2 = web_cache_get_ref(c, "/a", 1, 1001, &r2);
    assert_non_null(v1);
    assert_non_null(r1);
    assert_ptr_equal(v1, v2);                              /* not a copy */
    assert_null(web_cache_get_ref(c, "/a", 2, 1001, &r3)); /* another version misses */
    assert_null(web_cache_get_ref(c, "/a", 1, 1031, &r3)); /* so does an expired entry */
    web_cache_stats(c, &st);
    assert_int_equal(st.hits, 2);
    /* replaced: the old value lives on for its holders */
    in = make("<p>replacement</p>");
    web_cache_put(c, "/a", 2, 1002, &in);
    assert_int_equal(v1->len, strlen("<p>shared</p>"));
    assert_memory_equal(v1->body, "<p>shared</p>", v1->len);
    assert_string_equal(v1->etag, make("<p>shared</p>").etag);
    web_cache_unref(r1);
    assert_memory_equal(v2->body, "<p>shared</p>", v2->len);
    web_cache_unref(r2);
    v3 = web_cache_get_ref(c, "/a", 2, 1003, &r3);
    assert_non_null(v3);
    assert_memory_equal(v3->body, "<p>replacement</p>", v3->len);
    web_cache_free(c); /* the cache goes first */
    assert_memory_equal(v3->body, "<p>replacement</p>", v3->len);
    web_cache_unref(r3);
    web_cache_unref(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_and_invalidate),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_refs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
