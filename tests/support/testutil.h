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

#endif
