/*
 * sort.h - in-place sorting of 64-bit keys without a comparison callback.
 *
 * qsort() calls its comparator through a function pointer for every comparison (and
 * glibc's copies the array into a scratch buffer for its merge sort); for the few hundred
 * term hashes or shingle hashes of an article, done for every article clustered, that
 * call is most of the cost.  sort_u64 is an introsort: quicksort with the median of three
 * as the pivot, insertion sort for short ranges, and heapsort once the recursion passes
 * 2 log2(n) levels, so O(n log n) on every input, no allocation, no recursion deeper than
 * log2(n).  Not stable: equal keys may come out in any order (with their values).
 */
#ifndef HERALD_CORE_SORT_H
#define HERALD_CORE_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sorts keys[0..n) ascending. */
void sort_u64(uint64_t *keys, size_t n);

/* Sorts keys[0..n) ascending; vals[i] moves with keys[i] (vals may be NULL). */
void sort_u64_vals(uint64_t *keys, double *vals, size_t n);

#endif
