/*
 * safecheck.h - an independent check that sanitizer output is safe, for the tests, the
 * corpus runner and the fuzzer.  It shares no table or code with src/html/sanitize.c.
 *
 * Two views of the same output:
 *   1. lexical, as a browser's tokenizer sees it: every '<' must open "<name attrs>" or
 *      "</name>" with name on the allowlist, attribute values double-quoted, every '&'
 *      one of &amp; &lt; &gt; &quot; &#39;, no comment, doctype, CDATA or PI, and an
 *      iframe start tag immediately followed by its end tag (its content is raw text);
 *   2. structural: libxml2 re-parses it; every element and attribute must be on the
 *      allowlist, every URL attribute must carry an allowed scheme as a browser reads it
 *      (leading/trailing controls and spaces trimmed, tabs and newlines deleted), iframes
 *      must be sandboxed video embeds, links must carry rel="noopener noreferrer".
 */
#ifndef HERALD_TEST_SAFECHECK_H
#define HERALD_TEST_SAFECHECK_H

#include <stddef.h>

/* Returns 0 when html[0..len) passes both views, -1 otherwise with a reason written into
 * why (NUL-terminated, truncated to whylen). */
int safecheck(const char *html, size_t len, char *why, size_t whylen);

#endif
