/*
 * test_stories.c - near-copies are found by their MinHash fingerprints (an edited
 * headline, a trimmed ending, an added local paragraph) and independent reports are not;
 * the clustering joins, splits, closes and merges stories (in memory: the core the store
 * path runs too); stories_add through a real store links copies to their canonical
 * article, puts articles in stories, keeps lists free of copies and is idempotent; a
 * rebuild written behind from memory leaves the store as the article-by-article path
 * through the store does (on ../shared's headline set).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "store/store.h"
#include "stories/stories.h"
#include "stories/stories_int.h"
#include "testutil.h"
#include "text/shingle.h"

static const char *const wire_paras[] = {
    "The National Reserve Bank raised its benchmark interest rate by a quarter of a "
    "percentage point to 4.25 percent on Tuesday, saying inflation was proving stickier "
    "than hoped.",
    "The board voted five to two for the increase, and two members preferred to hold the "
    "rate where it was until the spring figures are in.",
    "Governor Ada Lindqvist told reporters that services prices were still rising at twice "
    "the target pace and that wage settlements had not yet cooled.",
    "Markets had priced in the move, and the crown was little changed against the euro in "
    "afternoon trading, while two-year bond yields rose slightly.",
    "Mortgage lenders are expected to pass the increase on to variable-rate borrowers "
    "within weeks, adding about forty crowns a month to a typical loan.",
    "The bank's next decision is due in February, when it will also publish new forecasts "
    "for growth, unemployment and inflation through 2028.",
};
#define NPARAS (sizeof(wire_paras) / sizeof(wire_paras[0]))

static char *join_paras(size_t from, size_t to, const char *prefix)
{
    struct strbuf sb = STRBUF_INIT;
    if (prefix)
        strbuf_addf(&sb, "%s\n", prefix);
    for (size_t i = from; i < to; i++)
        strbuf_addf(&sb, "%s\n", wire_paras[i]);
    return strbuf_detach(&sb, NULL);
}

static void test_minhash_copies(void **state)
{
    (void)state;
    struct shingle_minhash w, trimmed, added, indep, again;
    char *full = join_paras(0, NPARAS, NULL), *cut = join_paras(0, NPARAS - 2, NULL);
    char *more = join_paras(0, NPARAS,
                            "In Port Alder, the city's largest employer said on Tuesday that "
                            "it would review its pay offer to staff in light of the decision.");
    char text[SHINGLE_MINHASH_TEXT_MAX];
    uint64_t b1[SHINGLE_LSH_BANDS], b2[SHINGLE_LSH_BANDS];
    shingle_minhash_text(full, &w);
    shingle_minhash_text(cut, &trimmed);
    shingle_minhash_text(more, &added);
    shingle_minhash_text("Rates went up on Tuesday. The bank's board split five to two, and "
                         "the governor blamed services prices, while lenders are expected to "
                         "raise mortgage costs soon. Forecasts come in February, officials said "
                         "after a long meeting that ended late in the evening at the bank.",
                         &indep);
    assert_true(shingle_minhash_containment(&w, &trimmed) >= SHINGLE_COPY_THRESHOLD);
    assert_true(shingle_minhash_containment(&w, &added) >= SHINGLE_COPY_THRESHOLD);
    assert_true(shingle_minhash_containment(&w, &indep) < SHINGLE_COPY_THRESHOLD);
    /* copies share an LSH band, so the store finds them without a scan */
    assert_int_equal(shingle_minhash_bands(&w, b1), SHINGLE_LSH_BANDS);
    assert_int_equal(shingle_minhash_bands(&added, b2), SHINGLE_LSH_BANDS);
    {
        int shared = 0;
        for (int i = 0; i < SHINGLE_LSH_BANDS; i++)
            shared += b1[i] == b2[i];
        assert_true(shared > 0);
    }
    /* title-only items: an edited headline is still a copy, another story is not */
    {
        struct shingle_minhash t1, t2, t3;
        shingle_minhash_text("ECB unlikely to end sterilisation of SMP purchases - traders", &t1);
        shingle_minhash_text("ECB unlikely to end sterilization of SMP purchases: traders", &t2);
        shingle_minhash_text("Wall Street closes lower on China worries", &t3);
        assert_true(shingle_minhash_jaccard(&t1, &t2) >= STORIES_COPY_JACCARD);
        assert_true(shingle_minhash_jaccard(&t1, &t3) < 0.2);
    }
    /* the stored text form round-trips; malformed ones are refused */
    shingle_minhash_format(&w, text);
    assert_int_equal(shingle_minhash_parse(text, &again), 0);
    assert_memory_equal(&w, &again, sizeof(w));
    assert_int_equal(shingle_minhash_parse("12:zz", &again), -1);
    assert_int_equal(shingle_minhash_parse("", &again), -1);
    text[strlen(text) - 1] = '\0';
    assert_int_equal(shingle_minhash_parse(text, &again), -1);
    free(full);
    free(cut);
    free(more);
}

static void test_cluster_join_split_close(void **state)
{
    (void)state;
    struct stories_params p;
    stories_mem *m;
    int64_t a, b, c, d, e, f;
    stories_params_init(&p);
    p.quiet = 48 * 3600;
    m = stories_mem_new(&p);
    assert_int_equal(
        stories_mem_add(m, "Mt. Gox files for US bankruptcy protection", NULL, 1000, &a),
        HERALD_OK);
    assert_int_equal(
        stories_mem_add(m, "Titanfall review: a shooter built for the long haul", NULL, 1010, &b),
        HERALD_OK);
    assert_int_not_equal(a, b); /* nothing in common: two stories */
    assert_int_equal(
        stories_mem_add(m, "Bitcoin exchange Mt. Gox seeks bankruptcy relief", NULL, 1020, &c),
        HERALD_OK);
    assert_int_equal(c, a); /* the same event joins */
    assert_int_equal(stories_mem_add(m, "Titanfall servers strained on launch day", NULL, 1030, &d),
                     HERALD_OK);
    assert_int_equal(d, b);
    /* nothing to cluster */
    assert_int_equal(stories_mem_add(m, "", "", 1040, &e), HERALD_E_INVALID);
    /* after the quiet period the old story is closed: the same words start a new one */
    for (int i = 0; i < 2048; i++) { /* the in-memory index sweeps closed stories lazily */
        char t[64];
        snprintf(t, sizeof(t), "filler%d unrelated%d words%d", i, i, i);
        assert_int_equal(stories_mem_add(m, t, NULL, 1040 + 200000 + i, &e), HERALD_OK);
    }
    assert_int_equal(
        stories_mem_add(m, "Mt. Gox bankruptcy filing in US court", NULL, 1040 + 400000, &f),
        HERALD_OK);
    assert_int_not_equal(f, a);
    stories_mem_free(m);
}

static void test_cluster_merge(void **state)
{
    (void)state;
    stories_mem *m = stories_mem_new(NULL);
    int64_t a, b, c;
    /* two stories about halves of one event; articles naming both bring them together */
    assert_int_equal(stories_mem_add(m, "Halvorsen Pumps to close Millbrook plant", NULL, 100, &a),
                     HERALD_OK);
    assert_int_equal(stories_mem_add(m, "Union leader Okafor calls strike vote", NULL, 110, &b),
                     HERALD_OK);
    assert_int_not_equal(a, b);
    for (int i = 0; i < 4; i++)
        assert_int_equal(stories_mem_add(m,
                                         "Okafor strike vote over Halvorsen Pumps Millbrook "
                                         "plant closure",
                                         NULL, 120 + i, &c),
                         HERALD_OK);
    assert_int_equal(stories_mem_resolve(m, a), stories_mem_resolve(m, b));
    assert_int_equal(stories_mem_resolve(m, c), stories_mem_resolve(m, a));
    stories_mem_free(m);
}

/* ---- through the store ----------------------------------------------------------------- */

static void put(store *st, int64_t src, const char *url, const char *title, const char *text,
                int64_t t, char id[STORE_ID_LEN + 1])
{
    struct store_article a;
    store_article_init(&a);
    a.url = (char *)url;
    a.title = (char *)title;
    a.text = (char *)text;
    a.published = t;
    a.first_seen = t;
    a.source_id = src;
    assert_int_equal(store_article_upsert(st, &a, 0, NULL, id, NULL), HERALD_OK);
}

static int64_t source(store *st, const char *name)
{
    struct store_source s;
    int64_t id;
    store_source_init(&s);
    s.name = (char *)name;
    assert_int_equal(store_source_ensure(st, &s, &id), HERALD_OK);
    return id;
}

static void test_store_pipeline(void **state)
{
    (void)state;
    char *dir = test_tmpdir(), *full = join_paras(0, NPARAS, NULL);
    char *copy = join_paras(0, NPARAS - 1, "LINDENFELD - Valley farmers said the rise hurts.");
    char db[512], wire[33], cp[33], other[33], unrelated[33];
    struct store_article a;
    struct store_article_list l;
    struct store_story s;
    struct store_story_list top;
    store *st;
    int64_t w_src, c_src;
    snprintf(db, sizeof(db), "%s/s.db", dir);
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
    w_src = source(st, "Meridian Wire");
    c_src = source(st, "Valley Courier");
    /* the copy is stored first; the wire's original (earlier) arrives after it */
    put(st, c_src, "https://courier.example/rates", "Interest rates rise a quarter point", copy,
        2000, cp);
    put(st, w_src, "https://wire.example/rates",
        "National Reserve Bank raises benchmark rate to 4.25%", full, 1000, wire);
    put(st, c_src, "https://courier.example/apples", "Valley apple growers report record harvest",
        "Apple growers in the valley picked a record crop this autumn, the growers' "
        "association said, though prices at the farm gate fell by a fifth as supermarkets "
        "cut orders and exports to Velmark slowed; several orchards will leave fruit unpicked "
        "and some plan to switch to cider apples next season, members told the meeting.",
        3000, unrelated);
    put(st, w_src, "https://wire.example/rates-react",
        "Reserve Bank rate rise to 4.25% splits economists",
        "Economists were divided after the National Reserve Bank raised its benchmark rate "
        "to 4.25 percent, with some warning that the rise would weigh on growth while "
        "others said inflation in services justified the move by governor Ada Lindqvist, "
        "whose board voted five to two; mortgage lenders will pass it on within weeks, "
        "analysts at three banks said in notes to clients on Tuesday afternoon.",
        4000, other);
    assert_int_equal(stories_add(st, cp), HERALD_OK);
    assert_int_equal(stories_add(st, wire), HERALD_OK);
    assert_int_equal(stories_add(st, unrelated), HERALD_OK);
    assert_int_equal(stories_add(st, other), HERALD_OK);

    /* the copy points to the wire's original (the earliest), which is canonical */
    store_article_init(&a);
    assert_int_equal(store_article_get(st, cp, &a), HERALD_OK);
    assert_non_null(a.copy_of);
    assert_string_equal(a.copy_of, wire);
    {
        int64_t copy_story = a.story_id;
        store_article_release(&a);
        assert_int_equal(store_article_get(st, wire, &a), HERALD_OK);
        assert_null(a.copy_of);
        assert_true(a.story_id > 0);
        assert_int_equal(a.story_id, copy_story); /* one story */
        assert_non_null(a.fingerprint);
    }
    /* the reaction joins the rate story; the apples do not */
    {
        struct store_article b;
        int64_t rate_story = a.story_id;
        store_article_init(&b);
        assert_int_equal(store_article_get(st, other, &b), HERALD_OK);
        assert_int_equal(b.story_id, rate_story);
        store_article_release(&b);
        assert_int_equal(store_article_get(st, unrelated, &b), HERALD_OK);
        assert_true(b.story_id > 0);
        assert_int_not_equal(b.story_id, rate_story);
        store_article_release(&b);
        store_story_init(&s);
        assert_int_equal(store_story_get(st, rate_story, &s), HERALD_OK);
        assert_int_equal(s.size, 3);
        assert_int_equal(s.sources, 2);
        assert_non_null(s.title);
        store_story_release(&s);
        /* idempotent: adding again changes nothing */
        assert_int_equal(stories_add(st, other), HERALD_OK);
        assert_int_equal(stories_add(st, cp), HERALD_OK);
        assert_int_equal(store_story_get(st, rate_story, &s), HERALD_OK);
        assert_int_equal(s.size, 3);
        store_story_release(&s);
        assert_int_equal(store_story_articles(st, rate_story, 0, &l), HERALD_OK);
        assert_int_equal(l.count, 3);
        store_article_list_release(&l);
    }
    store_article_release(&a);
    /* lists show the canonical article only */
    {
        struct store_article_query q;
        int seen_copy = 0;
        store_article_query_init(&q);
        assert_int_equal(store_article_list(st, &q, &l), HERALD_OK);
        assert_int_equal(l.count, 3);
        for (size_t i = 0; i < l.count; i++)
            seen_copy |= strcmp(l.items[i].id, cp) == 0;
        assert_false(seen_copy);
        store_article_list_release(&l);
    }
    assert_int_equal(store_story_top(st, 5000, 10, &top), HERALD_OK);
    assert_int_equal(top.count, 2);
    assert_int_equal(top.items[0].sources, 2); /* the rate story ranks first */
    store_story_list_release(&top);
    /* a rebuild gives the same grouping */
    {
        int64_t na = 0, ns = 0;
        assert_int_equal(stories_rebuild(st, &na, &ns), HERALD_OK);
        assert_int_equal(na, 4);
        assert_int_equal(ns, 2);
        store_article_init(&a);
        assert_int_equal(store_article_get(st, cp, &a), HERALD_OK);
        assert_non_null(a.copy_of);
        assert_string_equal(a.copy_of, wire);
        store_article_release(&a);
    }
    assert_int_equal(store_check(st), HERALD_OK);
    store_close(st);
    test_rmtree(dir);
    free(dir);
    free(full);
    free(copy);
}

/* ---- the rebuild written behind from memory against the article-by-article path ------- */

#define SNAP_MAX 700

/* What a rebuild leaves, with story ids named by the first article (in time order) of
 * each story, so two rebuilds compare whatever ids they gave. */
struct snapshot {
    size_t n;
    char ids[SNAP_MAX][STORE_ID_LEN + 1];
    int story[SNAP_MAX];   /* index of the first article of its story */
    int copy_of[SNAP_MAX]; /* index of its canonical, -1 for none */
    int open[SNAP_MAX], size[SNAP_MAX];
    int64_t first[SNAP_MAX], last[SNAP_MAX];
    char *title[SNAP_MAX]; /* of the story of the article, when it is the first */
    unsigned char related[SNAP_MAX][SNAP_MAX / 8 + 1]; /* story x story, both directions */
    int64_t ndocs;
};

static int snap_index(const struct snapshot *sn, const char *id)
{
    for (size_t i = 0; i < sn->n; i++)
        if (strcmp(sn->ids[i], id) == 0)
            return (int)i;
    return -1;
}

static void snap_take(store *st, struct snapshot *sn)
{
    int64_t times[SNAP_MAX], story_ids[SNAP_MAX], df;
    size_t n = 0;
    memset(sn, 0, sizeof(*sn));
    assert_int_equal(store_article_ids_chrono(st, INT64_MIN, "", SNAP_MAX, sn->ids, times, &n),
                     HERALD_OK);
    sn->n = n;
    for (size_t i = 0; i < n; i++) {
        struct store_article a;
        store_article_init(&a);
        assert_int_equal(store_article_get(st, sn->ids[i], &a), HERALD_OK);
        assert_true(a.story_id > 0);
        story_ids[i] = a.story_id;
        sn->story[i] = (int)i;
        for (size_t j = 0; j < i; j++)
            if (story_ids[j] == a.story_id) {
                sn->story[i] = (int)j;
                break;
            }
        sn->copy_of[i] = a.copy_of ? snap_index(sn, a.copy_of) : -1;
        if (a.copy_of)
            assert_true(sn->copy_of[i] >= 0);
        store_article_release(&a);
    }
    for (size_t i = 0; i < n; i++) {
        struct store_story s;
        struct store_story_list rel;
        if (sn->story[i] != (int)i)
            continue;
        store_story_init(&s);
        assert_int_equal(store_story_get(st, story_ids[i], &s), HERALD_OK);
        assert_int_equal(s.merged_into, 0);
        sn->open[i] = s.open;
        sn->size[i] = (int)s.size;
        sn->first[i] = s.first_update;
        sn->last[i] = s.last_update;
        sn->title[i] = s.title ? strdup(s.title) : NULL;
        store_story_release(&s);
        assert_int_equal(store_story_related_list(st, story_ids[i], 50, &rel), HERALD_OK);
        for (size_t r = 0; r < rel.count; r++) {
            size_t j = 0;
            while (j < n && story_ids[j] != rel.items[r].id)
                j++;
            if (j == n)
                continue; /* a story merged away (kept by the store path) */
            j = (size_t)sn->story[j];
            /* unordered: the store path moves a merged story's rows one way only */
            sn->related[i][j / 8] |= (unsigned char)(1u << (j % 8));
            sn->related[j][i / 8] |= (unsigned char)(1u << (i % 8));
        }
        store_story_list_release(&rel);
    }
    assert_int_equal(store_term_df_get(st, NULL, 0, &df, &sn->ndocs), HERALD_OK);
}

static void snap_release(struct snapshot *sn)
{
    for (size_t i = 0; i < sn->n; i++)
        free(sn->title[i]);
}

static void test_rebuild_in_memory(void **state)
{
    (void)state;
    char *path = test_shared_path("stories/headlines-dev.jsonl");
    FILE *f = fopen(path, "r");
    char *dir, db[512], line[4096];
    struct snapshot *ref, *mem;
    size_t stored = 0, stories = 0, copies = 0, open = 0, related = 0;
    int64_t na = 0, ns = 0, na2 = 0, ns2 = 0;
    store *st;

    if (!f) {
        int must_fail = test_data_missing("stories rebuild", path);
        free(path);
        if (must_fail)
            fail();
        skip();
    }
    free(path);
    dir = test_tmpdir();
    snprintf(db, sizeof(db), "%s/r.db", dir);
    assert_int_equal(store_open(db, 0, &st), HERALD_OK);
    /* the set's first SNAP_MAX headlines, in the order given, each under its publisher */
    while (stored < SNAP_MAX && fgets(line, sizeof(line), f)) {
        json_t *o = json_loads(line, 0, NULL);
        const char *title = json_string_value(json_object_get(o, "title"));
        const char *url = json_string_value(json_object_get(o, "url"));
        const char *publisher = json_string_value(json_object_get(o, "publisher"));
        json_int_t ms = json_integer_value(json_object_get(o, "timestamp_ms"));
        char id[STORE_ID_LEN + 1];
        if (title && url && publisher && ms > 0) {
            put(st, source(st, publisher), url, title, NULL, (int64_t)(ms / 1000), id);
            stored++;
        }
        json_decref(o);
    }
    fclose(f);
    assert_true(stored >= 500);

    /* stories close after 2 quiet hours, so the set's 9 hours close some */
    {
        struct config cfg;
        config_init(&cfg);
        cfg.stories_quiet_hours = 2;
        stories_configure(&cfg);
        config_release(&cfg);
    }
    ref = calloc(1, sizeof(*ref));
    mem = calloc(1, sizeof(*mem));
    assert_non_null(ref);
    assert_non_null(mem);
    assert_int_equal(stories_rebuild_with(st, 1, &na, &ns), HERALD_OK);
    snap_take(st, ref);
    assert_int_equal(stories_rebuild_with(st, 0, &na2, &ns2), HERALD_OK);
    snap_take(st, mem);
    assert_int_equal(na, (int64_t)stored);
    assert_int_equal(na2, na);
    assert_int_equal(ns2, ns);
    assert_int_equal(mem->ndocs, ref->ndocs);
    assert_int_equal(mem->n, ref->n);
    for (size_t i = 0; i < ref->n; i++) {
        assert_string_equal(mem->ids[i], ref->ids[i]);
        assert_int_equal(mem->story[i], ref->story[i]);
        assert_int_equal(mem->copy_of[i], ref->copy_of[i]);
        if (ref->story[i] != (int)i)
            continue;
        stories++;
        open += ref->open[i];
        assert_int_equal(mem->open[i], ref->open[i]);
        assert_int_equal(mem->size[i], ref->size[i]);
        assert_int_equal(mem->first[i], ref->first[i]);
        assert_int_equal(mem->last[i], ref->last[i]);
        assert_non_null(ref->title[i]);
        assert_non_null(mem->title[i]);
        assert_string_equal(mem->title[i], ref->title[i]);
        assert_memory_equal(mem->related[i], ref->related[i], sizeof(ref->related[i]));
        for (size_t j = 0; j < sizeof(ref->related[i]); j++)
            related += (size_t)__builtin_popcount(ref->related[i][j]);
    }
    /* the set exercises what is compared: joins, several stories, copies, open ones */
    assert_true(stories > 20 && stories < stored / 2);
    assert_true(open > 0 && open < stories);
    assert_true(related > 0);
    assert_true((size_t)ns > stories); /* and merges: more stories started than remain */
    for (size_t i = 0; i < ref->n; i++)
        copies += ref->copy_of[i] >= 0;
    assert_true(copies > 0);
    assert_int_equal(store_check(st), HERALD_OK);
    stories_configure(NULL);
    snap_release(ref);
    snap_release(mem);
    free(ref);
    free(mem);
    store_close(st);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minhash_copies),    cmocka_unit_test(test_cluster_join_split_close),
        cmocka_unit_test(test_cluster_merge),     cmocka_unit_test(test_store_pipeline),
        cmocka_unit_test(test_rebuild_in_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
