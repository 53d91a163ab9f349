/*
 * sort.c - see sort.h.
 */
#include "core/sort.h"

#include "core/banned.h"

#define SHORT_RANGE 16 /* ranges this short are insertion-sorted */

static void swap_at(uint64_t *k, double *v, size_t a, size_t b)
{
    uint64_t t = k[a];
    k[a] = k[b];
    k[b] = t;
    if (v) {
        double d = v[a];
        v[a] = v[b];
        v[b] = d;
    }
}

static void insertion(uint64_t *k, double *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t key = k[i];
        double val = v ? v[i] : 0.0;
        size_t j = i;
        while (j > 0 && k[j - 1] > key) {
            k[j] = k[j - 1];
            if (v)
                v[j] = v[j - 1];
            j--;
        }
        k[j] = key;
        if (v)
            v[j] = val;
    }
}

static void sift_down(uint64_t *k, double *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && k[child + 1] > k[child])
            child++;
        if (k[root] >= k[child])
            return;
        swap_at(k, v, root, child);
        root = child;
    }
}

static void heap_sort(uint64_t *k, double *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(k, v, i, n);
    for (size_t end = n; end-- > 1;) {
        swap_at(k, v, 0, end);
        sift_down(k, v, 0, end);
    }
}

/* Hoare's partition of k[0..n) (n >= 3) around the median of its first, middle and last
 * keys: returns p with every key of [0, p) <= every key of [p, n), 0 < p < n. */
static size_t partition(uint64_t *k, double *v, size_t n)
{
    size_t mid = (n - 1) / 2, i = 0, j = n - 1;
    uint64_t pivot;
    if (k[mid] < k[0])
        swap_at(k, v, mid, 0);
    if (k[n - 1] < k[0])
        swap_at(k, v, n - 1, 0);
    if (k[n - 1] < k[mid])
        swap_at(k, v, n - 1, mid);
    /* k[0] <= pivot <= k[n - 1]: both scans stop inside the range */
    pivot = k[mid];
    for (;;) {
        while (k[i] < pivot)
            i++;
        while (k[j] > pivot)
            j--;
        if (i >= j)
            return j + 1;
        swap_at(k, v, i, j);
        i++;
        j--;
    }
}

static void intro_sort(uint64_t *k, double *v, size_t n, int depth)
{
    while (n > SHORT_RANGE) {
        size_t p;
        if (depth-- <= 0) {
            heap_sort(k, v, n);
            return;
        }
        p = partition(k, v, n);
        /* recurse into the smaller side, loop on the larger */
        if (p < n - p) {
            intro_sort(k, v, p, depth);
            k += p;
            if (v)
                v += p;
            n -= p;
        } else {
            intro_sort(k + p, v ? v + p : NULL, n - p, depth);
            n = p;
        }
    }
    insertion(k, v, n);
}

void sort_u64_vals(uint64_t *keys, double *vals, size_t n)
{
    int depth = 0;
    for (size_t m = n; m > 1; m >>= 1)
        depth += 2;
    if (n > 1)
        intro_sort(keys, vals, n, depth);
}

void sort_u64(uint64_t *keys, size_t n)
{
    sort_u64_vals(keys, NULL, n);
}
