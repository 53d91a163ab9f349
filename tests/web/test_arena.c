/* test_arena.c - the per-request arena: alignment, zeroing, large blocks, deferred frees
 * in reverse order (ASan checks that everything is released). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "web/arena.h"

static int order[4];
static int n_order;

static void note(void *p)
{
    order[n_order++] = *(int *)p;
}

static void test_alloc(void **state)
{
    web_arena *a = web_arena_new();
    (void)state;
    for (int i = 0; i < 5000; i++) {
        size_t n = (size_t)(i % 97) + 1;
        unsigned char *p = web_arena_alloc(a, n);
        assert_true(((uintptr_t)p % alignof(max_align_t)) == 0);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xab, n);
    }
    {
        unsigned char *big = web_arena_alloc(a, 1 << 20);
        assert_int_equal(big[(1 << 20) - 1], 0);
        memset(big, 1, 1 << 20);
    }
    assert_string_equal(web_arena_strdup(a, "hello"), "hello");
    assert_null(web_arena_strdup(a, NULL));
    assert_string_equal(web_arena_strndup(a, "hello", 3), "hel");
    assert_true(web_arena_used(a) > (1 << 20));
    web_arena_free(a);
    web_arena_free(NULL);
}

static void test_defer(void **state)
{
    web_arena *a = web_arena_new();
    int *vals = web_arena_alloc(a, 3 * sizeof(int));
    void *heap = malloc(100);
    (void)state;
    n_order = 0;
    vals[0] = 1;
    vals[1] = 2;
    vals[2] = 3;
    web_arena_defer(a, note, &vals[0]);
    web_arena_defer(a, free, heap);
    web_arena_defer(a, note, &vals[1]);
    web_arena_defer(a, note, &vals[2]);
    web_arena_free(a);
    assert_int_equal(n_order, 3);
    assert_int_equal(order[0], 3);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc),
        cmocka_unit_test(test_defer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
