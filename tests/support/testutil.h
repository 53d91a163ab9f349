/*
 * testutil.h - small helpers for herald's cmocka tests.
 */
#ifndef HERALD_TESTUTIL_H
#define HERALD_TESTUTIL_H

#include <stddef.h>

/* Path under the source tree (HERALD_SOURCE_ROOT), malloc'd. */
char *test_source_path(const char *rel);
/* Path under ../shared (HERALD_SHARED), malloc'd. */
char *test_shared_path(const char *rel);
/* Creates a fresh temporary directory; returns its malloc'd path. */
char *test_tmpdir(void);
/* Removes a directory tree created by test_tmpdir. */
void test_rmtree(const char *path);
/* Reads a whole file; returns malloc'd bytes (NUL-terminated) or NULL. */
char *test_read_file(const char *path, size_t *len);

/* True when the only scripts in html are the pages' external one, each exactly
 * <script src="/static/herald.js[?v=...]" defer></script> (no inline script, no other
 * source), and there is one on the page. */
int test_html_script_ok(const char *html);

/* True when the environment variable CI is "true" or "1" (as CI services set it). */
int test_in_ci(void);
/*
 * A data-driven check (NAME, e.g. "feed conformance") cannot find PATH (../shared data or a
 * floor/expected-failure file).  Outside CI prints "SKIP NAME: PATH not found ..." on stdout
 * and returns 0: the caller reports the check as skipped (cmocka's skip(), or exit status
 * 77 for meson).  Under CI a missing file is a failure: prints "FAIL NAME: ..." and returns
 * 1, and the caller fails.  scripts/test-summary.py lists the SKIP lines after the run.
 */
int test_data_missing(const char *name, const char *path);

#endif
