/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"

static char *join_env(const char *var, const char *fallback, const char *rel)
{
    const char *root = getenv(var);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%s/%s", root ? root : fallback, rel);
    return strbuf_detach(&sb, NULL);
}

char *test_source_path(const char *rel)
{
    return join_env("HERALD_SOURCE_ROOT", ".", rel);
}

char *test_shared_path(const char *rel)
{
    return join_env("HERALD_SHARED", "../shared", rel);
}

char *test_tmpdir(void)
{
    char tmpl[] = "/tmp/herald-test-XXXXXX";
    if (!mkdtemp(tmpl))
        return NULL;
    return xstrdup(tmpl);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void test_rmtree(const char *path)
{
    if (path)
        nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        strbuf_add(&sb, chunk, n);
    fclose(f);
    return strbuf_detach(&sb, len);
}

int test_in_ci(void)
{
    const char *ci = getenv("CI");
    return ci && (!strcmp(ci, "true") || !strcmp(ci, "1"));
}

int test_data_missing(const char *name, const char *path)
{
    if (test_in_ci()) {
        printf("FAIL %s: %s not found, and CI=true forbids skipping a data-driven check\n", name,
               path);
        fflush(stdout);
        return 1;
    }
    printf("SKIP %s: %s not found, so this data-driven check did not run\n", name, path);
    fflush(stdout);
    return 0;
}

int test_html_script_ok(const char *html)
{
    static const char open[] = "<script src=\"/static/herald.js";
    static const char close[] = "\" defer></script>";
    int n = 0;
    for (const char *p = strstr(html, "<script"); p; p = strstr(p + 1, "<script")) {
        const char *q;
        if (strncmp(p, open, sizeof(open) - 1) != 0)
            return 0;
        q = p + sizeof(open) - 1;
        if (strncmp(q, "?v=", 3) == 0) {
            q += 3;
            while ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z'))
                q++;
        }
        if (strncmp(q, close, sizeof(close) - 1) != 0)
            return 0;
        n++;
    }
    return n == 1;
}
