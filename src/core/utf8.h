/*
 * utf8.h - UTF-8 validation, the one implementation herald uses.
 *
 * A valid sequence is the shortest form of a Unicode scalar value: no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF (RFC 3629).
 */
#ifndef HERALD_CORE_UTF8_H
#define HERALD_CORE_UTF8_H

#include <stddef.h>

/* Length (1..4) of the valid UTF-8 sequence at s, of which n >= 1 bytes are available;
 * 0 when the bytes there are not one. */
size_t utf8_sequence_length(const unsigned char *s, size_t n);

/* 1 when s[0..n) is entirely valid UTF-8, else 0. */
int utf8_valid(const char *s, size_t n);

/* Appends the NUL-terminated s to out as text any document format accepts: an invalid
 * sequence, a C0 control other than tab, newline and carriage return, DEL, and the
 * non-characters U+FFFE / U+FFFF each become U+FFFD.  NULL appends nothing. */
struct strbuf;
void utf8_scrub(struct strbuf *out, const char *s);

#endif
