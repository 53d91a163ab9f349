/*
 * test_demo_ingest.c - end to end: the real herald binary subscribes to the bundled demo
 * (demo/feeds.opml), ingests it through file:// URLs into a temporary database, and the
 * stored articles are checked through the store API against demo/groups.json.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "store/store.h"
#include "e2e.h"
#include "testutil.h"

/* Runs herald with args (NULL-terminated); returns the exit status and, when out is not
 * NULL, what it printed on stdout (stderr goes to the test's log). */
static int run_herald(struct e2e_fixture *fx, const char *const *args, char **out)
{
    struct e2e_run r = {0};
    int status = e2e_herald(fx, args, &r);
    if (r.err && *r.err)
        fputs(r.err, stderr);
    if (out) {
        *out = r.out;
        r.out = NULL;
    }
    e2e_run_release(&r);
    return status;
}

static json_t *load_groups(struct e2e_fixture *fx)
{
    struct strbuf p = STRBUF_INIT;
    json_error_t err;
    strbuf_addf(&p, "%s/demo/groups.json", fx->root);
    json_t *g = json_load_file(p.buf, 0, &err);
    strbuf_release(&p);
    assert_non_null(g);
    return g;
}

static int64_t count_articles(store *st)
{
    struct store_stats s;
    assert_int_equal(store_stats_get(st, &s), HERALD_OK);
    return s.articles;
}

/* The id the store gives the demo page at rel (relative to demo/). */
static void lookup_demo_article(store *st, struct e2e_fixture *fx, const char *rel,
                                char id[STORE_ID_LEN + 1])
{
    struct strbuf url = STRBUF_INIT;
    strbuf_addf(&url, "file://%s/demo/%s", fx->root, rel);
    herald_status rc = store_article_lookup(st, 0, NULL, url.buf, NULL, id);
    if (rc)
        fprintf(stderr, "not stored: %s\n", url.buf);
    assert_int_equal(rc, HERALD_OK);
    strbuf_release(&url);
}

static void test_file_urls_refused_by_default(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *import[] = {"import-opml", "demo/feeds.opml", NULL};
    const char *fetch[] = {"fetch", "--once", NULL};
    store *st;
    assert_int_equal(run_herald(fx, import, NULL), 0);
    assert_int_equal(run_herald(fx, fetch, NULL), 1); /* every feed failed */
    assert_int_equal(store_open(fx->db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(count_articles(st), 0);
    struct store_feed_list l;
    assert_int_equal(store_feed_list(st, &l), HERALD_OK);
    assert_true(l.count >= 8);
    for (size_t i = 0; i < l.count; i++) {
        assert_true(l.items[i].consecutive_errors > 0);
        assert_non_null(l.items[i].last_error);
    }
    store_feed_list_release(&l);
    store_close(st);
    unlink(fx->db);
}

static void test_demo_ingest(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *import[] = {"import-opml", "demo/feeds.opml", NULL};
    const char *fetch[] = {"--allow-file-urls", "fetch", "--once", "--all", NULL};
    const char *list[] = {"articles", "list", NULL};
    json_t *groups = load_groups(fx);
    json_int_t want =
        json_integer_value(json_object_get(json_object_get(groups, "counts"), "articles"));
    json_int_t n_copies = 0;
    char *out = NULL;
    store *st;
    size_t i;
    json_t *g;

    assert_int_equal(run_herald(fx, import, &out), 0);
    free(out);
    assert_int_equal(run_herald(fx, import, &out), 0); /* again: nothing new, no error */
    assert_non_null(strstr(out, "already subscribed"));
    free(out);
    assert_int_equal(run_herald(fx, fetch, NULL), 0);

    assert_int_equal(store_open(fx->db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(store_check(st), HERALD_OK);
    assert_true(want >= 80);
    assert_int_equal(count_articles(st), want);

    json_array_foreach(json_object_get(groups, "wire"), i, g) n_copies +=
        (json_int_t)json_array_size(json_object_get(g, "copies"));

    /* An article listed by two feeds is one row, linked to both. */
    json_array_foreach(json_object_get(groups, "multi_feed"), i, g)
    {
        char id[STORE_ID_LEN + 1];
        lookup_demo_article(st, fx, json_string_value(json_object_get(g, "article")), id);
        assert_true(url_is_article_id(id));
    }

    /* Every stored article has what the article page needs. */
    struct store_article_query q;
    struct store_article_list l;
    int64_t seen = 0, with_image = 0, with_caption = 0;
    store_article_query_init(&q);
    q.limit = STORE_LIST_MAX;
    assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
    for (size_t k = 0; k < l.count; k++) {
        struct store_article a;
        store_article_init(&a);
        assert_int_equal(store_article_get(st, l.items[k].id, &a), HERALD_OK);
        assert_non_null(a.title);
        assert_non_null(a.source_name);
        assert_non_null(a.text);
        assert_true(a.word_count >= 80);
        assert_non_null(a.content_html);
        assert_null(strstr(a.content_html, "<script"));
        assert_null(strstr(a.text, "Subscribe to our newsletter"));
        with_image += a.image_url != NULL;
        with_caption += a.image_caption != NULL;
        seen++;
        store_article_release(&a);
    }
    store_article_list_release(&l);
    /* lists show a republished wire story once: its canonical article, not the copies */
    assert_int_equal(seen, want - n_copies < STORE_LIST_MAX ? want - n_copies : STORE_LIST_MAX);
    assert_true(with_image * 10 >= seen * 9); /* lead images: from the feed or the page */
    assert_true(with_caption * 10 >= seen * 8);
    store_close(st);

    /* A second poll stores nothing new. */
    assert_int_equal(run_herald(fx, fetch, &out), 0);
    assert_non_null(strstr(out, " 0 new articles"));
    free(out);
    assert_int_equal(store_open(fx->db, STORE_READONLY, &st), HERALD_OK);
    assert_int_equal(count_articles(st), want);
    store_close(st);

    /* The CLI lists one article a line. */
    assert_int_equal(run_herald(fx, list, &out), 0);
    int lines = 0;
    for (char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, want - n_copies);
    free(out);
    json_decref(groups);
}

/* The id of demo page rel (relative to demo/) and its record. */
static void demo_article(store *st, struct e2e_fixture *fx, const char *rel,
                         struct store_article *a)
{
    char id[STORE_ID_LEN + 1];
    lookup_demo_article(st, fx, rel, id);
    store_article_init(a);
    assert_int_equal(store_article_get(st, id, a), HERALD_OK);
}

/* Stories after ingesting the demo: each wire group (demo/groups.json) is one story whose
 * copies point to the wire's original; each multi-outlet event is one story; no story
 * holds two labelled groups; copies appear nowhere else; a labelled story holds nothing
 * else. */
/* Every labelled group of the demo (demo/groups.json) is one story, its own, holding
 * nothing else; each wire copy is linked to the wire's original. */
static void check_demo_stories(struct e2e_fixture *fx)
{
    json_t *groups = load_groups(fx), *g, *arts;
    int64_t story_of[64];
    size_t group_size[64];
    size_t i, j, n_groups = 0, n_copies = 0, n_bad = 0;
    store *st;

    assert_int_equal(store_open(fx->db, STORE_READONLY, &st), HERALD_OK);
    json_array_foreach(json_object_get(groups, "wire"), i, g)
    {
        struct store_article orig, copy;
        demo_article(st, fx, json_string_value(json_object_get(g, "original")), &orig);
        assert_true(orig.story_id > 0);
        assert_null(orig.copy_of); /* the wire's own article is canonical */
        json_array_foreach(json_object_get(g, "copies"), j, arts)
        {
            demo_article(st, fx, json_string_value(arts), &copy);
            if (!copy.copy_of || strcmp(copy.copy_of, orig.id) != 0)
                fprintf(stderr, "%s: not linked to its original\n", json_string_value(arts));
            assert_non_null(copy.copy_of);
            assert_string_equal(copy.copy_of, orig.id);
            assert_int_equal(copy.story_id, orig.story_id);
            store_article_release(&copy);
            n_copies++;
        }
        group_size[n_groups] = 1 + json_array_size(json_object_get(g, "copies"));
        story_of[n_groups++] = orig.story_id;
        store_article_release(&orig);
    }
    json_array_foreach(json_object_get(groups, "events"), i, g)
    {
        struct store_article first, other;
        arts = json_object_get(g, "articles");
        demo_article(st, fx, json_string_value(json_array_get(arts, 0)), &first);
        assert_true(first.story_id > 0);
        for (j = 1; j < json_array_size(arts); j++) {
            demo_article(st, fx, json_string_value(json_array_get(arts, j)), &other);
            if (other.story_id != first.story_id)
                fprintf(stderr, "event %s: %s is not in the story of %s\n",
                        json_string_value(json_object_get(g, "id")), other.title, first.title);
            assert_int_equal(other.story_id, first.story_id);
            store_article_release(&other);
        }
        assert_true(n_groups < sizeof(story_of) / sizeof(story_of[0]));
        group_size[n_groups] = json_array_size(arts);
        story_of[n_groups++] = first.story_id;
        store_article_release(&first);
    }
    for (i = 0; i < n_groups; i++)
        for (j = i + 1; j < n_groups; j++)
            assert_int_not_equal(story_of[i], story_of[j]); /* one story per group */
    /* nothing else: a labelled group's story holds its articles only (so an unlabelled
     * article is alone or only with other unlabelled ones) */
    for (i = 0; i < n_groups; i++) {
        struct store_article_list l;
        assert_int_equal(store_story_articles(st, story_of[i], 200, &l), HERALD_OK);
        if (l.count != group_size[i])
            for (j = 0; j < l.count; j++)
                fprintf(stderr, "story %lld (%zu labelled): %s\n", (long long)story_of[i],
                        group_size[i], l.items[j].title ? l.items[j].title : "");
        n_bad += l.count != group_size[i];
        store_article_list_release(&l);
    }
    assert_int_equal(n_bad, 0);
    assert_int_equal(n_copies, 15);
    /* the related jobs stored every page's list; a wire original lists its copies */
    {
        char(*miss)[STORE_ID_LEN + 1] = calloc(1000, sizeof(*miss));
        struct store_related_entry e[STORE_RELATED_LIST_MAX];
        struct store_article orig;
        size_t n = 0, copies = 0;
        const char *related[] = {"stories", "related", "--all", NULL};
        char *out = NULL, want[96];
        assert_non_null(miss);
        assert_int_equal(store_article_related_missing(st, "", 1000, miss, &n), HERALD_OK);
        assert_int_equal(n, 0);
        free(miss);
        g = json_array_get(json_object_get(groups, "wire"), 0);
        demo_article(st, fx, json_string_value(json_object_get(g, "original")), &orig);
        assert_int_equal(store_article_related_get(st, orig.id, e, STORE_RELATED_LIST_MAX, &n),
                         HERALD_OK);
        for (i = 0; i < n; i++)
            copies += e[i].reason == STORE_RELATED_NEAR_COPY;
        assert_int_equal(copies, json_array_size(json_object_get(g, "copies")));
        store_article_release(&orig);
        /* the backfill recomputes every list */
        assert_int_equal(run_herald(fx, related, &out), 0);
        snprintf(want, sizeof(want), "stored the related lists of %lld articles",
                 (long long)count_articles(st));
        assert_non_null(strstr(out, want));
        free(out);
    }
    store_close(st);
    json_decref(groups);
}

static void test_demo_stories(void **state)
{
    struct e2e_fixture *fx = *state;
    const char *import[] = {"import-opml", "demo/feeds.opml", NULL};
    const char *fetch[] = {"--allow-file-urls", "fetch", "--once", "--all", NULL};
    const char *rebuild[] = {"stories", "rebuild", NULL};
    json_t *groups = load_groups(fx);
    struct strbuf want = STRBUF_INIT;
    char *out = NULL;

    assert_int_equal(run_herald(fx, import, NULL), 0);
    assert_int_equal(run_herald(fx, fetch, NULL), 0);
    check_demo_stories(fx); /* clustered as the articles arrived */
    /* re-clustered in time order (with the whole archive's term counts): the same groups */
    assert_int_equal(run_herald(fx, rebuild, &out), 0);
    strbuf_addf(&want, "clustered %lld articles",
                (long long)json_integer_value(
                    json_object_get(json_object_get(groups, "counts"), "articles")));
    assert_non_null(strstr(out, want.buf));
    free(out);
    strbuf_release(&want);
    json_decref(groups);
    check_demo_stories(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_urls_refused_by_default, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_demo_ingest, e2e_setup, e2e_teardown),
        cmocka_unit_test_setup_teardown(test_demo_stories, e2e_setup, e2e_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
