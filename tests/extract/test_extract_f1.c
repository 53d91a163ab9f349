/*
 * test_extract_f1.c - keeps the extraction quality from regressing.
 *
 * Runs the extractor over the development pages of the article-extraction benchmark
 * ($HERALD_SHARED/extraction: html/<id>.html and ground-truth.json) and scores the bodies
 * with the benchmark's metric, re-implemented here exactly as evaluate.py defines it:
 *   - tokens are maximal runs of Unicode word characters, Python's \w: letters (Lu Ll Lt
 *     Lm Lo), numbers (Nd Nl No) and '_'; case is kept; invalid UTF-8 is a separator
 *     (Python reads with errors='replace', and U+FFFD is not \w).  The letters and
 *     numbers are text_is_word_char's; the metric differs from herald's own words
 *     (text_words_next) only by '_' and by splitting at combining marks, so it keeps its
 *     own splitting loop;
 *   - shingles are the multiset of 4-token runs (1..3 tokens: one shingle of all);
 *   - per page TP = multiset intersection; precision averaged over pages with a
 *     non-empty prediction, recall over pages with a non-empty truth; F1 of the means.
 * Shingles are compared by a 64-bit hash of their tokens (collisions are negligible at
 * this size).  The test fails when F1 drops below tests/extract/f1-floor.txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "extract/extract.h"
#include "testutil.h"
#include "text/tokenize.h"

struct tok {
    const char *p;
    size_t len;
};

/* Python's \w: herald's word characters (text/tokenize.h: letters and numbers of any
 * script) and '_'. */
static int is_word(utf8proc_int32_t c)
{
    return c == '_' || text_is_word_char(c);
}

static size_t tokenize(const char *s, struct tok **out)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = 0, alloc = 0, len = strlen(s), i = 0;
    struct tok *t = NULL;
    const char *start = NULL;

    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        int w = k > 0 && is_word(c);
        if (k <= 0)
            k = 1;
        if (w && !start)
            start = s + i;
        if (!w && start) {
            ALLOC_GROW(t, n + 1, alloc);
            t[n].p = start;
            t[n].len = (size_t)(s + i - start);
            n++;
            start = NULL;
        }
        i += (size_t)k;
    }
    if (start) {
        ALLOC_GROW(t, n + 1, alloc);
        t[n].p = start;
        t[n].len = (size_t)(s + len - start);
        n++;
    }
    *out = t;
    return n;
}

static uint64_t fnv(uint64_t h, const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted shingle hashes of s; returns their count. */
static size_t shingles(const char *s, uint64_t **out)
{
    struct tok *t = NULL;
    size_t n = tokenize(s, &t), m;
    uint64_t *h;

    if (n == 0) {
        free(t);
        *out = NULL;
        return 0;
    }
    m = n < 4 ? 1 : n - 3;
    h = xmalloc(m * sizeof(*h));
    for (size_t i = 0; i < m; i++) {
        uint64_t x = 1469598103934665603ull;
        for (size_t j = i; j < i + 4 && j < n; j++)
            x = fnv(x, t[j].p, t[j].len);
        h[i] = x;
    }
    qsort(h, m, sizeof(*h), cmp_u64);
    free(t);
    *out = h;
    return m;
}

static size_t intersect(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, tp = 0;

    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (a[i] > b[j]) {
            j++;
        } else {
            tp++;
            i++;
            j++;
        }
    }
    return tp;
}

static void test_f1_floor(void **state)
{
    (void)state;
    char *gt_path = test_shared_path("extraction/ground-truth.json");
    char *floor_path = test_source_path("tests/extract/f1-floor.txt");
    json_error_t err;
    json_t *gt = json_load_file(gt_path, 0, &err);
    double psum = 0, rsum = 0, floor_f1;
    size_t pn = 0, rn = 0, empty = 0, pages = 0;
    const char *id;
    json_t *v;

    if (!gt) {
        int must_fail = test_data_missing("extraction F1", gt_path);
        free(gt_path);
        free(floor_path);
        if (must_fail)
            fail();
        skip();
    }
    size_t flen;
    char *fl = test_read_file(floor_path, &flen);
    if (!fl)
        fail_msg("the F1 floor file %s is missing", floor_path);
    floor_f1 = strtod(fl, NULL);
    free(fl);
    assert_true(floor_f1 > 0.5 && floor_f1 <= 1.0);

    json_object_foreach(gt, id, v)
    {
        char rel[512];
        size_t len;
        struct extract_result *r = NULL;
        snprintf(rel, sizeof(rel), "extraction/html/%s.html", id);
        char *path = test_shared_path(rel);
        char *html = test_read_file(path, &len);
        free(path);
        assert_non_null(html);
        const char *url = json_string_value(json_object_get(v, "url"));
        struct extract_opts opts = {.no_html = 0};
        herald_status rc = extract_article(html, len, url, &opts, &r);
        free(html);
        const char *pred = rc == HERALD_OK && r->body_text ? r->body_text : "";
        const char *truth = json_string_value(json_object_get(v, "articleBody"));
        uint64_t *ps, *ts;
        size_t np = shingles(pred, &ps), nt = shingles(truth ? truth : "", &ts);
        size_t tp = intersect(ps, np, ts, nt);
        if (np) {
            psum += (double)tp / np;
            pn++;
        } else {
            empty++;
        }
        if (nt) {
            rsum += (double)tp / nt;
            rn++;
        }
        pages++;
        free(ps);
        free(ts);
        extract_result_free(r);
    }
    json_decref(gt);
    double p = pn ? psum / pn : 0, r = rn ? rsum / rn : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    print_message("pages=%zu F1=%.4f precision=%.4f recall=%.4f empty=%zu floor=%.4f\n", pages, f1,
                  p, r, empty, floor_f1);
    assert_true(pages > 0);
    assert_int_equal(empty, 0);
    if (f1 + 1e-9 < floor_f1) {
        print_error("F1 %.4f fell below the floor %.4f\n", f1, floor_f1);
        fail();
    }
    free(gt_path);
    free(floor_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_f1_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
