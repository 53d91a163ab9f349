/*
 * bench_rand.h - the one pseudo-random generator of herald's bench programs: xorshift64,
 * seeded by the caller, so that a bench's generated data are the same on every run and
 * every machine.  Not for anything that needs unpredictability (tokens use libsodium).
 */
#ifndef HERALD_BENCH_RAND_H
#define HERALD_BENCH_RAND_H

#include <stdint.h>

/* Advances *state (never 0) and returns the next value. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

#endif
