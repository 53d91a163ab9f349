/*
 * casefile.c - see casefile.h.
 */
#include "casefile.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* Appends line[0..n) unescaped to *buf. */
static void append(char **buf, size_t *len, const char *line, size_t n, int newline)
{
    *buf = realloc(*buf, *len + n + 2);
    if (!*buf)
        abort();
    if (newline)
        (*buf)[(*len)++] = '\n';
    for (size_t i = 0; i < n; i++) {
        if (line[i] == '\\' && i + 1 < n && line[i + 1] == '0') {
            (*buf)[(*len)++] = '\0';
            i++;
        } else if (line[i] == '\\' && i + 1 < n && line[i + 1] == '\\') {
            (*buf)[(*len)++] = '\\';
            i++;
        } else {
            (*buf)[(*len)++] = line[i];
        }
    }
    (*buf)[*len] = '\0';
}

static void finish(struct testcase *c)
{
    if (!c->input)
        c->input = strdup("");
    if (!c->expected)
        c->expected = strdup("");
    while (c->expected_len && c->expected[c->expected_len - 1] == '\n')
        c->expected[--c->expected_len] = '\0';
}

int casefile_load(const char *rel, struct testcase **out)
{
    char *path = test_source_path(rel);
    size_t len;
    char *data = test_read_file(path, &len);
    struct testcase *cases = NULL, *c = NULL;
    int n = 0, part = 0, first = 1;
    free(path);
    if (!data)
        return -1;
    for (char *p = data; p < data + len;) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
        if (ll >= 4 && strncmp(p, "### ", 4) == 0) {
            if (c)
                finish(c);
            cases = realloc(cases, (size_t)(n + 1) * sizeof(*cases));
            if (!cases)
                abort();
            c = &cases[n++];
            memset(c, 0, sizeof(*c));
            c->name = strndup(p + 4, ll - 4);
            part = 0;
            first = 1;
        } else if (c && part == 0 && first && ll > 1 && p[0] == '@') {
            if (strncmp(p, "@base ", 6) == 0)
                c->base = strndup(p + 6, ll - 6);
            else if (strncmp(p, "@flags ", 7) == 0)
                c->flags = strndup(p + 7, ll - 7);
        } else if (c && part == 0 && ll == 3 && strncmp(p, "---", 3) == 0) {
            part = 1;
            first = 1;
        } else if (c) {
            if (part == 0)
                append(&c->input, &c->input_len, p, ll, !first);
            else
                append(&c->expected, &c->expected_len, p, ll, !first);
            first = 0;
        }
        p += ll + 1;
    }
    if (c)
        finish(c);
    free(data);
    *out = cases;
    return n;
}

void casefile_free(struct testcase *cases, int n)
{
    for (int i = 0; i < n; i++) {
        free(cases[i].name);
        free(cases[i].base);
        free(cases[i].flags);
        free(cases[i].input);
        free(cases[i].expected);
    }
    free(cases);
}
