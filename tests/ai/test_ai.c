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

static const char story[] =
    "PRAGUE (AP) \xe2\x80\x94 Czech President Petr Pavel appointed Andrej Babis as prime "
    "minister on Tuesday, ending weeks of talks after the election.\n"
    "Babis, whose ANO party won the vote, met Pavel at Prague Castle. The European Union and "
    "NATO welcomed the appointment, and Germany said it would work with the new government.\n"
    "Analysts said the coalition would be fragile. \"It will be a difficult year,\" said Jan "
    "Novak, an economist at Charles University. Hackers from the group APT31 had targeted "
    "the foreign ministry last year, officials said.\n"
    "Babis said he would name his cabinet by Friday. Pavel said he expected a vote of "
    "confidence in parliament within a month.\n";

static const struct ai_entity *find_entity(const struct ai_analysis *a, const char *name)
{
    for (size_t i = 0; i < a->entity_count; i++)
        if (strcmp(a->entities[i].name, name) == 0)
            return &a->entities[i];
    return NULL;
}

static void test_entities(void **state)
{
    (void)state;
    struct ai_input in = {.text = story};
    struct ai_analysis a;
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_string_equal(a.lang, "en");
    assert_false(a.language_neutral_only);
    const struct ai_entity *e = find_entity(&a, "Petr Pavel");
    assert_non_null(e);
    assert_int_equal(e->type, AI_ENTITY_PERSON);
    assert_true(e->count >= 3); /* "Pavel" alone counts as him */
    assert_string_equal(e->slug, "petr-pavel");
    e = find_entity(&a, "Andrej Babis");
    assert_non_null(e);
    assert_int_equal(e->type, AI_ENTITY_PERSON);
    assert_int_equal(e->count, 3);
    e = find_entity(&a, "Jan Novak");
    assert_non_null(e);
    assert_int_equal(e->type, AI_ENTITY_PERSON);
    /* gazetteer places and organisations, acronyms kept whole, aliases resolved */
    assert_non_null(e = find_entity(&a, "Prague"));
    assert_int_equal(e->type, AI_ENTITY_PLACE);
    assert_non_null(e = find_entity(&a, "Germany"));
    assert_int_equal(e->type, AI_ENTITY_PLACE);
    assert_non_null(e = find_entity(&a, "European Union"));
    assert_int_equal(e->type, AI_ENTITY_ORG);
    assert_non_null(e = find_entity(&a, "North Atlantic Treaty Organization"));
    assert_int_equal(e->type, AI_ENTITY_ORG);
    assert_non_null(e = find_entity(&a, "APT31"));
    assert_int_equal(e->type, AI_ENTITY_ORG);
    assert_non_null(e = find_entity(&a, "Charles University"));
    assert_int_equal(e->type, AI_ENTITY_ORG);
    assert_non_null(e = find_entity(&a, "Associated Press")); /* the dateline's agency */
    /* titles, nationalities and sentence openers are not entities */
    assert_null(find_entity(&a, "Czech President Petr Pavel"));
    assert_null(find_entity(&a, "Czech"));
    assert_null(find_entity(&a, "Analysts"));
    assert_null(find_entity(&a, "Tuesday"));
    assert_null(find_entity(&a, "Hackers"));
    /* keywords: phrases, never stop words */
    assert_true(a.keyword_count > 0);
    for (size_t i = 0; i < a.keyword_count; i++) {
        assert_string_not_equal(a.keywords[i].phrase, "said");
        assert_string_not_equal(a.keywords[i].phrase, "the");
        if (i > 0)
            assert_true(a.keywords[i].weight <= a.keywords[i - 1].weight);
    }
    assert_int_equal(a.reading_minutes, 1);
    ai_analysis_release(&a);
}

static uint64_t fake_df(void *ctx, const char *word)
{
    (void)ctx;
    /* "government" is in every document of this corpus, "cabinet" in one */
    if (strcmp(word, "government") == 0)
        return 1000;
    if (strcmp(word, "cabinet") == 0)
        return 1;
    return 50;
}

static void test_keywords_idf(void **state)
{
    (void)state;
    const char *text = "The government met. The government spoke. The government left. The "
                       "cabinet met. The cabinet spoke. The government ended.";
    struct ai_input in = {.text = text, .df = fake_df, .corpus_docs = 1000};
    struct ai_analysis a;
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_true(a.keyword_count >= 2);
    /* rarer in the corpus outweighs more frequent in the article */
    assert_string_equal(a.keywords[0].phrase, "cabinet");
    ai_analysis_release(&a);
    in.df = NULL; /* without corpus statistics: by frequency */
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_string_equal(a.keywords[0].phrase, "government");
    ai_analysis_release(&a);
}

static void test_summary(void **state)
{
    (void)state;
    /* the lead states the story; a later sentence repeats it; a photo credit and a
     * byline are not sentences; the summary is in article order */
    const char *text =
        "By Jane Doe\n"
        "The city council voted on Monday to build a new bridge over the river Alder, at a "
        "cost of 90 million crowns.\n"
        "The bridge will carry trams, bicycles and pedestrians and should open in 2029.\n"
        "Council members said the old bridge was no longer safe for heavy traffic.\n"
        "Work on the new bridge over the river Alder will start next spring, the council said.\n"
        "The river Alder bridge (Photo: City Council)\n"
        "Local shops welcomed the decision.\n"
        "One resident said she liked the old bridge.\n"
        "Traffic on the ring road is expected to rise during construction.\n"
        "A public meeting about the design is planned for January.\n";
    struct ai_input in = {.text = text, .title = "Council approves new bridge over the Alder"};
    struct ai_analysis a;
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_int_equal(a.summary_count, 3);
    assert_string_equal(a.summary[0].text,
                        "The city council voted on Monday to build a new bridge over the river "
                        "Alder, at a cost of 90 million crowns.");
    for (size_t i = 1; i < a.summary_count; i++)
        assert_true(a.summary[i].index > a.summary[i - 1].index);
    for (size_t i = 0; i < a.summary_count; i++) {
        assert_null(strstr(a.summary[i].text, "Jane Doe"));
        assert_null(strstr(a.summary[i].text, "Photo"));
        assert_memory_equal(text + a.summary[i].off, a.summary[i].text, 10);
    }
    assert_true(a.key_point_count >= AI_KEY_POINTS_MIN && a.key_point_count <= AI_KEY_POINTS_MAX);
    ai_analysis_release(&a);
}

static void test_ask(void **state)
{
    (void)state;
    struct ai_doc docs[2] = {{.text = story, .id = 7},
                             {.text = "Pavel later travelled to Brussels. He met the Babis "
                                      "cabinet's critics there.",
                              .id = 9}};
    struct ai_answer ans;
    assert_int_equal(
        ai_answer("Who did the president appoint as prime minister?", docs, 2, 3, &ans), HERALD_OK);
    assert_true(ans.count >= 1);
    assert_int_equal(ans.passages[0].doc_id, 7);
    assert_non_null(strstr(ans.passages[0].text, "appointed Andrej Babis"));
    assert_true(ans.passages[0].mark_count >= 3);
    for (size_t i = 0; i < ans.passages[0].mark_count; i++) {
        const struct ai_mark *m = &ans.passages[0].marks[i];
        assert_true(m->off + m->len <= strlen(ans.passages[0].text));
        if (i > 0)
            assert_true(m->off >=
                        ans.passages[0].marks[i - 1].off + ans.passages[0].marks[i - 1].len);
    }
    assert_memory_equal(ans.passages[0].text + ans.passages[0].marks[0].off, "President", 9);
    for (size_t i = 1; i < ans.count; i++)
        assert_true(ans.passages[i].score <= ans.passages[i - 1].score);
    ai_answer_release(&ans);
    /* the other article of the story answers too */
    assert_int_equal(ai_answer("Where did Pavel travel?", docs, 2, 3, &ans), HERALD_OK);
    assert_true(ans.count >= 1);
    assert_int_equal(ans.passages[0].doc_id, 9);
    ai_answer_release(&ans);
    /* not found: the text never mentions it, and the nearest sentence is not a guess */
    assert_int_equal(ai_answer("What is the capital of Mongolia?", docs, 2, 3, &ans), HERALD_OK);
    assert_int_equal(ans.count, 0);
    ai_answer_release(&ans);
    assert_int_equal(ai_answer("the of and", docs, 2, 3, &ans), HERALD_OK);
    assert_int_equal(ans.count, 0);
    ai_answer_release(&ans);
    assert_int_equal(ai_answer("Babis?", NULL, 0, 3, &ans), HERALD_OK);
    assert_int_equal(ans.count, 0);
    ai_answer_release(&ans);
    assert_int_equal(ai_answer("Babis?", docs, 2, 0, &ans), HERALD_E_INVALID);
    assert_int_equal(ai_answer(NULL, docs, 2, 3, &ans), HERALD_E_INVALID);
}

static void test_non_english(void **state)
{
    (void)state;
    const char *text =
        "Le gouvernement fran\xc3\xa7"
        "ais a annonc\xc3\xa9 mardi une nouvelle r\xc3\xa9"
        "forme "
        "des retraites. Le Premier ministre a d\xc3\xa9"
        "fendu le projet devant l'Assembl\xc3\xa9"
        "e nationale. Les syndicats ont appel\xc3\xa9 \xc3\xa0 la gr\xc3\xa8ve jeudi dans toute "
        "la France. La r\xc3\xa9"
        "forme des retraites doit \xc3\xaatre vot\xc3\xa9"
        "e avant "
        "l'\xc3\xa9t\xc3\xa9, selon le gouvernement.";
    struct ai_input in = {.text = text};
    struct ai_analysis a;
    assert_int_equal(ai_analyze(&in, &a), HERALD_OK);
    assert_string_equal(a.lang, "fr");
    assert_true(a.language_neutral_only);
    assert_int_equal(a.entity_count, 0);
    assert_int_equal(a.summary_count, 3); /* extractive summary still works */
    assert_true(a.keyword_count > 0);
    ai_analysis_release(&a);
}

/* Short texts: the n-gram classifier alone reads these two English notices as Scots. */
static void test_language_short(void **state)
{
    static const char *const english[] = {
        "Great news for the harbour! Our old lifeboat is back on the water after the repairs, "
        "and the crew say she is faster than ever.",
        "Found: a black bike near the old mill bridge on Friday night. Ring the shop on Burn "
        "Road and tell us the colour of the bell.",
    };
    char lang[16];
    double conf;
    (void)state;
    for (size_t i = 0; i < sizeof(english) / sizeof(english[0]); i++) {
        ai_detect_language(english[i], strlen(english[i]), lang, &conf);
        assert_string_equal(lang, "en");
        assert_true(conf > 0 && conf <= 1);
    }
    /* short text in a neighbour language with some of the same short words stays itself */
    {
        const char *nl = "Het is niet wat het was, maar de haven is weer open en de veerboot "
                         "vaart vanaf maandag.";
        ai_detect_language(nl, strlen(nl), lang, &conf);
        assert_string_not_equal(lang, "en");
    }
    {
        const char *de = "Die F\xc3\xa4hre f\xc3\xa4hrt ab Montag wieder, und das Caf\xc3\xa9 "
                         "am Hafen \xc3\xb6"
                         "ffnet um neun Uhr.";
        ai_detect_language(de, strlen(de), lang, &conf);
        assert_string_equal(lang, "de");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_abbreviations),
        cmocka_unit_test(test_split_quotes),
        cmocka_unit_test(test_split_furniture),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_keywords_idf),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_ask),
        cmocka_unit_test(test_non_english),
        cmocka_unit_test(test_language_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
