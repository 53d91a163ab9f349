/*
 * test_furniture.c - extract_strip_furniture(): the caption repeated as the first body
 * paragraph (also after an empty paragraph, also with its credit) and a one- or two-word
 * section label before the dateline are dropped from a stored body, in the HTML and the
 * text alike; anything else at the top of a body stays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "extract/extract.h"

static size_t strip(const char *html, const char *text, const char *cap, const char *credit,
                    char **html_out, char **text_out)
{
    char *h = html ? xstrdup(html) : NULL, *t = text ? xstrdup(text) : NULL;
    size_t n = extract_strip_furniture(h ? &h : NULL, t ? &t : NULL, cap, credit);
    *html_out = h;
    *text_out = t;
    return n;
}

static const char dateline_p[] = "<p>KESTREL BAY \xe2\x80\x94 The Anchor is 200 years old.</p>\n"
                                 "<p>The party starts at noon.</p>\n";
static const char dateline_t[] = "KESTREL BAY \xe2\x80\x94 The Anchor is 200 years old.\n"
                                 "The party starts at noon.\n";

static void test_caption(void **state)
{
    char *h, *t;
    const char *cap = "The Anchor on the corner of Marine Parade and Gull Lane.";
    (void)state;
    /* after an empty paragraph, with the credit appended */
    char html[1024];
    snprintf(html, sizeof(html), "<p></p>\n<p>%s Photo: Nell Garrow</p>\n%s", cap, dateline_p);
    char text[512];
    snprintf(text, sizeof(text), "%s Photo: Nell Garrow\n%s", cap, dateline_t);
    assert_int_equal(strip(html, text, cap, "Photo: Nell Garrow", &h, &t), 2);
    assert_string_equal(h, dateline_p);
    assert_string_equal(t, dateline_t);
    free(h);
    free(t);
    /* exactly the caption, different case and punctuation */
    snprintf(html, sizeof(html),
             "<p>THE ANCHOR, on the corner of Marine Parade and Gull "
             "Lane</p>\n%s",
             dateline_p);
    assert_int_equal(strip(html, NULL, cap, NULL, &h, &t), 1);
    assert_string_equal(h, dateline_p);
    free(h);
    /* no caption stored: nothing to compare with */
    assert_int_equal(strip(html, NULL, NULL, NULL, &h, &t), 0);
    free(h);
    /* a paragraph that begins like the caption and goes on is story text */
    snprintf(html, sizeof(html),
             "<p>%s It has stood there since 1826, through two fires and a flood, and the "
             "landlord says it will stand for another two hundred years.</p>\n%s",
             cap, dateline_p);
    assert_int_equal(strip(html, NULL, cap, NULL, &h, &t), 0);
    free(h);
}

static void test_label(void **state)
{
    char *h, *t;
    char html[512], text[512];
    (void)state;
    snprintf(html, sizeof(html), "<p>Economy</p>\n%s", dateline_p);
    snprintf(text, sizeof(text), "Economy\n%s", dateline_t);
    assert_int_equal(strip(html, text, NULL, NULL, &h, &t), 1);
    assert_string_equal(h, dateline_p);
    assert_string_equal(t, dateline_t);
    free(h);
    free(t);
    /* two words; text-only body */
    snprintf(text, sizeof(text), "Work & careers\nCASTELLAN (MW) -- Jobs rose.\nMore.\n");
    assert_int_equal(strip(NULL, text, NULL, NULL, &h, &t), 0); /* three words: kept */
    free(t);
    snprintf(text, sizeof(text), "Real estate\nCASTELLAN (MW) -- Jobs rose.\nMore.\n");
    assert_int_equal(strip(NULL, text, NULL, NULL, &h, &t), 1);
    assert_string_equal(t, "CASTELLAN (MW) -- Jobs rose.\nMore.\n");
    free(t);
    /* a short paragraph NOT before a dateline is the story's */
    snprintf(html, sizeof(html), "<p>Economy</p>\n<p>The bank raised rates.</p>\n");
    assert_int_equal(strip(html, NULL, NULL, NULL, &h, &t), 0);
    free(h);
    /* a short sentence before a dateline is not a label */
    snprintf(html, sizeof(html), "<p>It rained.</p>\n%s", dateline_p);
    assert_int_equal(strip(html, NULL, NULL, NULL, &h, &t), 0);
    free(h);
    /* nothing to do on an empty body */
    assert_int_equal(strip("", "", NULL, NULL, &h, &t), 0);
    free(h);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caption),
        cmocka_unit_test(test_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
