/*
 * casefile.h - reads the data-driven case files of tests/html/cases/ (after jq's
 * tests/jq.test).  A file is a list of cases:
 *
 *     ### name of the case
 *     @base https://example.com/dir/      (optional lines starting with @: options)
 *     @flags inline noimages
 *     input, any number of lines
 *     ---
 *     expected output, any number of lines
 *
 * Input and expected output are the lines joined with '\n' (no final newline); the
 * escape "\0" in them stands for a NUL byte and "\\" for a backslash.
 */
#ifndef HERALD_TEST_CASEFILE_H
#define HERALD_TEST_CASEFILE_H

#include <stddef.h>

struct testcase {
    char *name;
    char *base;  /* NULL when absent */
    char *flags; /* NULL when absent */
    char *input;
    size_t input_len;
    char *expected;
    size_t expected_len;
};

/* Loads the cases of path (relative to the source root).  Returns the count, -1 on error;
 * *out is a malloc'd array the caller frees with casefile_free. */
int casefile_load(const char *rel, struct testcase **out);
void casefile_free(struct testcase *cases, int n);

#endif
