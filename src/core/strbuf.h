/*
 * strbuf.h - an owning, growable, always NUL-terminated byte buffer (after git's strbuf).
 *
 * Invariants: buf is never NULL (an empty strbuf points at a shared "" until it
 * first grows), buf[len] == '\0', and len < alloc once allocated.  Growth aborts on
 * out-of-memory (alloc.h); callers that append outside input check their own caps.
 *
 *     struct strbuf sb = STRBUF_INIT;
 *     strbuf_addf(&sb, "%d items", n);
 *     char *s = strbuf_detach(&sb, NULL);   // caller now owns s
 *     strbuf_release(&sb);                  // always safe
 */
#ifndef HERALD_CORE_STRBUF_H
#define HERALD_CORE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

extern char strbuf_empty[];

struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        strbuf_empty, 0, 0                                                                         \
    }

void strbuf_init(struct strbuf *sb, size_t hint);
/* Frees the buffer and leaves sb as STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Returns the malloc'd string (caller frees) and leaves sb empty; *len_out gets its length. */
char *strbuf_detach(struct strbuf *sb, size_t *len_out);
/* Ensures room for extra more bytes (plus the NUL).  A size that overflows size_t aborts
 * (alloc.h's st_add): it is a bug, since outside input is capped before it gets here. */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
/* Truncates to len bytes.  len past the current length is a bug and aborts (BUG in
 * alloc.h): it would expose uninitialised bytes.  To extend after writing into the spare
 * room directly, set len yourself as httputil.c does. */
void strbuf_setlen(struct strbuf *sb, size_t len);

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Removes leading and trailing ASCII whitespace in place. */
void strbuf_trim(struct strbuf *sb);

/* Appends s[0..len) safe for a terminal or a log line: C0 controls (ESC, BEL, CR, LF,
 * tab, ...) and DEL become "\x1b"-style escapes, C1 controls (U+0080..U+009F, which
 * terminals also obey) become "\u009b", and bytes that are not valid UTF-8 become
 * "\xNN"; everything else is copied.  The one escaper for publisher or client text
 * written to a terminal (CLI output) or a log (the access log). */
void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len);

#endif
