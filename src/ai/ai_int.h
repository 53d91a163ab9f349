/*
 * ai_int.h - what the files of src/ai share and nobody else sees: words, stems, stop
 * words, the gazetteer.
 */
#ifndef HERALD_AI_AI_INT_H
#define HERALD_AI_AI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ai/ai.h"

/* Reads the next word of s[0..len) from *pos: a run of letters and digits (any script),
 * with inner apostrophes ("don't") and hyphens ("39-year-old") kept.  Sets *start and
 * *wlen and advances *pos past it; returns 0 at the end. */
int ai_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *wlen);

/* Case-folds s[0..n) into out (capacity cap, NUL-terminated, cut at cap-1 on a character
 * boundary); returns the length written. */
size_t ai_fold(const char *s, size_t n, char *out, size_t cap);

/* English stop word (folded form)? */
int ai_is_stopword(const char *folded, size_t n);

/* A per-thread Snowball English stemmer: stems folded[0..n) into out (capacity cap);
 * returns the length.  Non-ASCII words are copied unstemmed. */
size_t ai_stem(const char *folded, size_t n, char *out, size_t cap);

/* 64-bit FNV-1a of bytes. */
uint64_t ai_hash(const char *s, size_t n);

/* Whether the code point starting at s (n bytes available) is an upper-case letter,
 * a letter at all, a digit. */
int ai_is_upper_at(const char *s, size_t n);
int ai_is_letter_at(const char *s, size_t n);

#endif
