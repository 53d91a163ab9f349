/* test_sort.c - sort_u64 and sort_u64_vals sort like qsort on every shape of input
 * (random, sorted, reversed, all equal, few distinct keys, a median-of-three killer
 * pattern, every length up to 300) and keep each value with its key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/sort.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

enum shape { RANDOM, SORTED, REVERSED, EQUAL, FEW, ORGAN, SHAPES };

static void fill(uint64_t *k, size_t n, enum shape s)
{
    for (size_t i = 0; i < n; i++) {
        switch (s) {
        case RANDOM:
            k[i] = next_rand();
            break;
        case SORTED:
            k[i] = i * 3;
            break;
        case REVERSED:
            k[i] = UINT64_MAX - i;
            break;
        case EQUAL:
            k[i] = 42;
            break;
        case FEW:
            k[i] = next_rand() % 3;
            break;
        default: /* organ pipe: up then down, hard for a median of three */
            k[i] = i < n / 2 ? i : n - i;
            break;
        }
    }
}

/* Sorts with sort_u64_vals, each value being a function of its key, and compares with
 * qsort. */
static void check(size_t n, enum shape s)
{
    uint64_t *k = xcalloc(n + 1, sizeof(*k)), *want = xcalloc(n + 1, sizeof(*want));
    double *v = xcalloc(n + 1, sizeof(*v));
    fill(k, n, s);
    for (size_t i = 0; i < n; i++)
        v[i] = (double)(k[i] % 1000003) + 0.5;
    memcpy(want, k, n * sizeof(*k));
    qsort(want, n, sizeof(*want), cmp_u64);
    sort_u64_vals(k, v, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(k[i], want[i]);
        assert_true(v[i] == (double)(k[i] % 1000003) + 0.5);
    }
    free(k);
    free(want);
    free(v);
}

static void test_every_shape_and_length(void **state)
{
    (void)state;
    for (size_t n = 0; n <= 300; n++)
        for (int s = 0; s < SHAPES; s++)
            check(n, (enum shape)s);
}

static void test_large(void **state)
{
    (void)state;
    for (int s = 0; s < SHAPES; s++)
        check(100000, (enum shape)s);
}

static void test_keys_only(void **state)
{
    uint64_t k[] = {5, 3, UINT64_MAX, 0, 3, 9, 1, 2, 8, 7, 6, 4, 0, 11, 10, 12, 13, 15, 14, 16};
    size_t n = sizeof(k) / sizeof(k[0]);
    (void)state;
    sort_u64(k, n);
    for (size_t i = 1; i < n; i++)
        assert_true(k[i - 1] <= k[i]);
    assert_int_equal(k[0], 0);
    assert_int_equal(k[n - 1], UINT64_MAX);
    sort_u64(NULL, 0); /* nothing to do */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_shape_and_length),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_keys_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
