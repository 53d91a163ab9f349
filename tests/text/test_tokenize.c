/*
 * test_tokenize.c - text/tokenize.h: what a word is, its byte offsets and folded form,
 * and stemming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "text/tokenize.h"

/* The words of s as "fold@start-end" joined by spaces. */
static void words_of(const char *s, size_t len, struct strbuf *out)
{
    struct text_words it;
    struct text_word w;

    strbuf_reset(out);
    text_words_init(&it, s, len);
    while (text_words_next(&it, &w)) {
        assert_int_equal(strlen(w.fold), w.fold_len);
        assert_true(w.fold_len > 0 && w.start < w.end && w.end <= len);
        strbuf_addf(out, "%s%s@%zu-%zu", out->len ? " " : "", w.fold, w.start, w.end);
    }
    assert_int_equal(text_words_next(&it, &(struct text_word){0}), 0); /* stays at the end */
    text_words_release(&it);
}

static void expect_words(const char *s, const char *want)
{
    struct strbuf sb = STRBUF_INIT;
    words_of(s, strlen(s), &sb);
    assert_string_equal(sb.buf, want);
    strbuf_release(&sb);
}

static void test_words(void **state)
{
    (void)state;
    expect_words("", "");
    expect_words("  ,.;  ", "");
    expect_words("Hello, World!", "hello@0-5 world@7-12");
    /* punctuation separates: apostrophes, dots, hyphens, underscores */
    expect_words("don't U.S. COVID-19 snake_case", "don@0-3 t@4-5 u@6-7 s@8-9 covid@11-16 "
                                                   "19@17-19 snake@20-25 case@26-30");
    /* full case folding, not just lower-casing */
    expect_words("Straße", "strasse@0-7");
    expect_words("ΣΊΣΥΦΟΣ", "σίσυφοσ@0-14");
    expect_words("ÉCOLE école", "école@0-6 école@7-13");
    /* combining marks continue a word; they do not start one */
    expect_words("nai\xcc\x88ve", "nai\xcc\x88ve@0-7");
    expect_words("\xcc\x88x", "x@2-3");
    expect_words("हिन्दी भाषा", "हिन्दी@0-18 भाषा@19-31");
    /* other scripts and numerals */
    expect_words("Москва 2026 年", "москва@0-12 2026@13-17 年@18-21");
    /* symbols and invalid UTF-8 separate words */
    expect_words("a\xff"
                 "b\xc3",
                 "a@0-1 b@2-3");
    expect_words("price: 5€ — «ok»", "price@0-5 5@7-8 ok@18-20");
}

static void test_len_bounds_the_text(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    const char *s = "alpha beta gamma";
    words_of(s, 8, &sb); /* "alpha be" */
    assert_string_equal(sb.buf, "alpha@0-5 be@6-8");
    words_of(NULL, 0, &sb);
    assert_string_equal(sb.buf, "");
    /* a cut in the middle of a sequence is not a word character */
    words_of("ab\xc3\xa9", 3, &sb);
    assert_string_equal(sb.buf, "ab@0-2");
    strbuf_release(&sb);
}

static void test_has_and_count(void **state)
{
    (void)state;
    assert_int_equal(text_has_word("", 0), 0);
    assert_int_equal(text_has_word(NULL, 5), 0);
    assert_int_equal(text_has_word("—…«»", strlen("—…«»")), 0);
    assert_int_equal(text_has_word("\xcc\x88", 2), 0); /* a mark alone */
    assert_int_equal(text_has_word("\xc3\xa9", 1), 0); /* truncated */
    assert_int_equal(text_has_word("\xc3\xa9", 2), 1);
    assert_int_equal(text_has_word("-x", 2), 1);
    assert_int_equal(text_has_word("日", strlen("日")), 1);
    assert_int_equal(text_is_word_char('a'), 1);
    assert_int_equal(text_is_word_char('_'), 0);
    assert_int_equal(text_is_word_char(0x0308), 0);
    assert_int_equal(text_is_word_char(-1), 0);

    const char *s = "One, two-three; nai\xcc\x88ve \xcc\x88 «four» 5";
    size_t n = 0;
    struct text_words it;
    struct text_word w;
    text_words_init(&it, s, strlen(s));
    while (text_words_next(&it, &w))
        n++;
    text_words_release(&it);
    assert_int_equal(n, 6);
    assert_int_equal(text_count_words(s, strlen(s)), n);
    assert_int_equal(text_count_words("", 0), 0);
}

static void test_bounds_and_classes(void **state)
{
    (void)state;
    const char *s = "  Über-cool, x\xff"
                    "9 ";
    size_t pos = 0, b, e, n = strlen(s);
    struct strbuf sb = STRBUF_INIT;
    while (text_next_word(s, n, &pos, &b, &e)) {
        assert_int_equal(pos, e);
        strbuf_addf(&sb, "[%.*s]", (int)(e - b), s + b);
    }
    assert_int_equal(pos, n);
    /* the same words as the iterator, unfolded */
    assert_string_equal(sb.buf, "[Über][cool][x][9]");
    pos = 0;
    assert_int_equal(text_next_word(NULL, 4, &pos, &b, &e), 0);
    strbuf_release(&sb);

    int32_t cp;
    assert_int_equal(text_cp_at("\xc3\x9c", 2, &cp), 2);
    assert_int_equal(cp, 0xDC);
    assert_int_equal(text_cp_at("\xc3", 1, &cp), 1);
    assert_int_equal(cp, -1);
    assert_int_equal(text_cp_at("a", 1, &cp), 1);
    assert_int_equal(cp, 'a');
    assert_true(text_is_upper('A') && text_is_upper(0xDC) && text_is_upper(0x01C5)); /* Dž */
    assert_false(text_is_upper('a') || text_is_upper('1') || text_is_upper(-1));
    assert_true(text_is_letter('z') && text_is_letter(0x65E5) && text_is_letter(0x00E9));
    assert_false(text_is_letter('7') || text_is_letter(0x0308) || text_is_letter('_'));
}

static void test_stem(void **state)
{
    (void)state;
    size_t len;
    text_stemmer *en = text_stemmer_new("en");
    text_stemmer *pt = text_stemmer_new("pt-BR");
    assert_non_null(en);
    assert_non_null(pt);
    assert_string_equal(text_stem(en, "running", 7, &len), "run");
    assert_int_equal(len, 3);
    assert_string_equal(text_stem(en, "connections", 11, NULL), "connect");
    assert_string_equal(text_stem(pt, "meninos", 7, NULL), "menin");
    /* not NUL-terminated input: only len bytes are read */
    assert_string_equal(text_stem(en, "runningXYZ", 7, NULL), "run");
    /* too long: unchanged */
    char longw[TEXT_STEM_MAX + 2];
    memset(longw, 'a', sizeof(longw) - 1);
    longw[sizeof(longw) - 1] = '\0';
    assert_string_equal(text_stem(en, longw, sizeof(longw) - 1, &len), longw);
    assert_int_equal(len, sizeof(longw) - 1);
    text_stemmer_free(en);
    text_stemmer_free(pt);

    text_stemmer *g = text_stemmer_new("en_GB");
    assert_non_null(g);
    text_stemmer_free(g);
    g = text_stemmer_new("english");
    assert_non_null(g);
    text_stemmer_free(g);
    assert_null(text_stemmer_new(NULL));
    assert_null(text_stemmer_new(""));
    assert_null(text_stemmer_new("xx"));
    assert_null(text_stemmer_new("e1"));
    assert_null(text_stemmer_new("en GB"));
    assert_null(text_stemmer_new("-en"));
    text_stemmer_free(NULL);
}

static void test_slugify(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        size_t max;
    } cases[] = {
        {"Emmanuel Macron", "emmanuel-macron", 80},
        {"  Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale (SG) ", "societe-generale-sg", 80},
        {"!!!", "", 80},
        {"World News", "world-news", 80},
        {"World/news & COVID-19", "world-news-covid-19", 80},
        {"abc def", "abc-d", 5},
        {"abc def", "abc", 4}, /* never a trailing '-' */
        {"abcdef", "abcde", 5},
        {"\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
         "\xcf\x83\xce\xb9\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x83", 80},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *s = text_slugify(cases[i].in, cases[i].max);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
    char *s = text_slugify(NULL, 10);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),         cmocka_unit_test(test_len_bounds_the_text),
        cmocka_unit_test(test_has_and_count), cmocka_unit_test(test_bounds_and_classes),
        cmocka_unit_test(test_stem),          cmocka_unit_test(test_slugify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
