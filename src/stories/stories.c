/*
 * stories.c - the store-backed pipeline: stories_add() and stories_rebuild() (see
 * stories.h for the algorithms).
 *
 * The clustering core (stories_cluster.c) runs over store_ops below, each op one or a few
 * keyed store calls: term_df rows for the idf, story_terms rows of open stories as the
 * inverted index (term -> open stories), one stories row per story.  A story's title
 * fields are not the core's business: story_put reads the row and rewrites only the state
 * the core changed, and stories_add then updates the title.
 *
 * Copies: the article's MinHash band keys find the articles sharing a band
 * (store_article_band_matches), their stored fingerprints decide; the group's canonical
 * is chosen by canonical_better() and every other member points to it (copies of a
 * member follow, so a group never has two levels).
 *
 * A rebuild clusters in memory and writes behind.  Through the store ops every
 * assignment reads and rewrites story rows, story terms and postings (a profile of a
 * 20,000-article rebuild: 45% of it, plus 11% counting terms row by row): the rebuild
 * instead counts the archive's terms in memory, runs the same core over the in-memory
 * index (stories_mem_assign: the same decisions, see stories_cluster.c) and keeps, per
 * story, its headline, and per article, its story; at the end it writes each story that
 * was not merged away (state, title, the terms of the open ones), every article's story
 * (following merges), the related pairs and the term counts.  Fingerprints and copy
 * links are written as it goes (copies are found through the stored band keys).
 * stories_rebuild_through_store() is the article-by-article path for the tests to compare.
 */
#include "stories/stories_int.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "text/shingle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define MOD "stories"
#define COPY_CANDIDATES 32

void stories_params_from_config(struct stories_params *p, const struct config *cfg)
{
    stories_params_init(p);
    if (!cfg)
        return;
    if (cfg->stories_quiet_hours > 0)
        p->quiet = (int64_t)cfg->stories_quiet_hours * 3600;
    if (cfg->stories_half_life_hours > 0)
        p->half_life = (double)cfg->stories_half_life_hours * 3600.0;
}

/* The settings of stories_configure(). */
static struct stories_params g_params;
static int g_params_set;
static char *g_wire;

void stories_configure(const struct config *cfg)
{
    stories_params_from_config(&g_params, cfg);
    g_params_set = 1;
    free(g_wire);
    g_wire = cfg && cfg->stories_wire_sources && *cfg->stories_wire_sources
                 ? xstrdup(cfg->stories_wire_sources)
                 : NULL;
}

/* ---- the core's ops over the store ---------------------------------------------------- */

struct sctx {
    store *st;
    int df_counted; /* a rebuild counted every article's terms first: df_add does nothing */
};

static herald_status s_df_add(void *ctx, const struct stories_vec *v)
{
    struct sctx *c = ctx;
    if (c->df_counted)
        return HERALD_OK;
    return store_term_df_add(c->st, v->term, v->n);
}

static herald_status s_df_get(void *ctx, const struct stories_vec *v, int64_t *df, int64_t *ndocs)
{
    return store_term_df_get(((struct sctx *)ctx)->st, v->term, v->n, df, ndocs);
}

static herald_status s_close_quiet(void *ctx, int64_t before, int64_t before_seen)
{
    return store_story_close_quiet(((struct sctx *)ctx)->st, before, before_seen);
}

static herald_status s_postings(void *ctx, uint64_t term, int limit, stories_posting_fn fn,
                                void *arg)
{
    int64_t ids[256];
    size_t n = 0;
    herald_status rc =
        store_story_postings(((struct sctx *)ctx)->st, term, limit < 256 ? limit : 256, ids, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        fn(arg, ids[i]);
    return HERALD_OK;
}

static herald_status s_story_get(void *ctx, int64_t id, struct stories_state *out)
{
    struct store_story s;
    herald_status rc = store_story_get(((struct sctx *)ctx)->st, id, &s);
    if (rc)
        return rc;
    out->id = s.id;
    out->first = s.first_update;
    out->last = s.last_update;
    out->size = s.size;
    out->norm2 = s.norm2;
    out->seen = s.last_seen;
    store_story_release(&s);
    return HERALD_OK;
}

static herald_status s_story_vec(void *ctx, int64_t id, struct stories_vec *out)
{
    struct store_terms t;
    herald_status rc = store_story_terms_get(((struct sctx *)ctx)->st, id, &t);
    if (rc)
        return rc;
    stories_vec_clear(out);
    for (size_t i = 0; i < t.count; i++)
        stories_vec_push(out, t.terms[i], t.weights[i]);
    store_terms_release(&t);
    stories_vec_sort(out);
    return HERALD_OK;
}

static herald_status s_story_new(void *ctx, int64_t time, int64_t *id)
{
    return store_story_create(((struct sctx *)ctx)->st, time, id);
}

static herald_status s_story_put(void *ctx, const struct stories_state *state,
                                 const struct stories_vec *v)
{
    store *st = ((struct sctx *)ctx)->st;
    struct store_story s;
    struct store_terms t;
    herald_status rc = store_story_get(st, state->id, &s);
    if (rc)
        return rc;
    s.first_update = state->first;
    s.last_update = state->last;
    s.size = state->size;
    s.norm2 = state->norm2;
    s.last_seen = state->seen;
    s.open = 1;
    rc = store_story_put(st, &s);
    store_story_release(&s);
    if (rc)
        return rc;
    t.terms = v->term;
    t.weights = v->w;
    t.count = v->n;
    return store_story_terms_set(st, state->id, &t);
}

static herald_status s_story_merge(void *ctx, int64_t from, int64_t into)
{
    return store_story_merge(((struct sctx *)ctx)->st, from, into);
}

static const struct stories_ops store_ops = {
    .df_add = s_df_add,
    .df_get = s_df_get,
    .close_quiet = s_close_quiet,
    .postings = s_postings,
    .story_get = s_story_get,
    .story_vec = s_story_vec,
    .story_new = s_story_new,
    .story_put = s_story_put,
    .story_merge = s_story_merge,
};

/* ---- copies ----------------------------------------------------------------------------- */

/* Whether the article's source is named in stories.wire_sources (by name, or by the host
 * of its homepage). */
static int is_wire(const char *list, const struct store_source *src)
{
    char *host = NULL;
    int hit = 0;
    if (!list || !*list || !src)
        return 0;
    if (src->homepage && url_host(src->homepage, &host) != HERALD_OK)
        host = NULL;
    while (*list && !hit) {
        const char *end = strchr(list, ',');
        size_t n = end ? (size_t)(end - list) : strlen(list);
        while (n && (*list == ' ' || *list == '\t')) {
            list++;
            n--;
        }
        while (n && (list[n - 1] == ' ' || list[n - 1] == '\t'))
            n--;
        if (n && ((src->name && strlen(src->name) == n && strncasecmp(src->name, list, n) == 0) ||
                  (host && strlen(host) == n && strncasecmp(host, list, n) == 0)))
            hit = 1;
        list = end ? end + 1 : list + n;
    }
    free(host);
    return hit;
}

struct member {
    char id[STORE_ID_LEN + 1];
    int64_t time;
    int wire;
    int64_t story;
};

/* Whether a should be the canonical rather than b: the wire service's own, then the
 * earliest, then the smaller id. */
static int canonical_better(const struct member *a, const struct member *b)
{
    if (a->wire != b->wire)
        return a->wire > b->wire;
    if (a->time != b->time)
        return a->time < b->time;
    return strcmp(a->id, b->id) < 0;
}

static herald_status member_of(store *st, const char *wire, const char *id, struct member *m)
{
    struct store_article a;
    struct store_source src;
    herald_status rc;
    store_article_init(&a);
    rc = store_article_get(st, id, &a);
    if (rc)
        return rc;
    memcpy(m->id, a.id, sizeof(m->id));
    m->time = a.sort_time;
    m->story = a.story_id;
    m->wire = 0;
    if (wire && a.source_id > 0) {
        store_source_init(&src);
        if (store_source_get(st, a.source_id, &src) == HERALD_OK)
            m->wire = is_wire(wire, &src);
        store_source_release(&src);
    }
    store_article_release(&a);
    return HERALD_OK;
}

/* Whether fingerprints a and b are near-copies (stories.h). */
static int fp_copy(const struct shingle_minhash *a, const struct shingle_minhash *b)
{
    int long_texts = a->count >= SHINGLE_SHORT_WORDS && b->count >= SHINGLE_SHORT_WORDS;
    if (long_texts)
        return shingle_minhash_containment(a, b) >= SHINGLE_COPY_THRESHOLD;
    return shingle_minhash_jaccard(a, b) >= STORIES_COPY_JACCARD;
}

/* Where a member's story is known: the store's row (story_of NULL: member.story), or a
 * rebuild's memory. */
typedef int64_t (*story_of_fn)(void *arg, const struct member *m);

/* Links the article self (whose fingerprint is fp) with its copies; *canonical_out gets
 * the group's canonical member (self when alone), *group_story the story of the group
 * (the canonical's, else another member's; 0 when none has one). */
static herald_status link_copies(store *st, const char *wire, const struct member *self,
                                 const struct shingle_minhash *fp, story_of_fn story_of,
                                 void *story_arg, struct member *canonical_out,
                                 int64_t *group_story)
{
    uint64_t bands[SHINGLE_LSH_BANDS];
    char(*ids)[STORE_ID_LEN + 1] = xcalloc(COPY_CANDIDATES, sizeof(*ids));
    struct member group[COPY_CANDIDATES + 1], best;
    size_t nb = shingle_minhash_bands(fp, bands), n = 0, ng = 0;
    herald_status rc = HERALD_OK;

    group[ng++] = *self;
    if (nb)
        rc = store_article_band_matches(st, bands, nb, self->id, COPY_CANDIDATES, ids, &n);
    for (size_t i = 0; !rc && i < n; i++) {
        struct store_article a;
        struct shingle_minhash other;
        const char *canon;
        store_article_init(&a);
        rc = store_article_get(st, ids[i], &a);
        if (rc == HERALD_E_NOTFOUND) {
            rc = HERALD_OK;
            continue;
        }
        if (!rc && a.fingerprint && shingle_minhash_parse(a.fingerprint, &other) == 0 &&
            fp_copy(fp, &other)) {
            /* the group is the other article's canonical */
            int seen = 0;
            canon = a.copy_of ? a.copy_of : a.id;
            for (size_t g = 0; g < ng; g++)
                seen |= strcmp(group[g].id, canon) == 0;
            if (!seen)
                rc = member_of(st, wire, canon, &group[ng++]);
            if (rc == HERALD_E_NOTFOUND) {
                ng--;
                rc = HERALD_OK;
            }
        }
        store_article_release(&a);
    }
    if (rc)
        goto out;
    best = group[0];
    for (size_t g = 1; g < ng; g++)
        if (canonical_better(&group[g], &best))
            best = group[g];
    for (size_t g = 0; g < ng && !rc; g++)
        rc = store_article_set_copy_of(st, group[g].id,
                                       strcmp(group[g].id, best.id) == 0 ? NULL : best.id);
    if (!rc) {
        *canonical_out = best;
        *group_story = story_of ? story_of(story_arg, &best) : best.story;
        for (size_t g = 1; g < ng && !*group_story; g++)
            *group_story = story_of ? story_of(story_arg, &group[g]) : group[g].story;
    }
out:
    free(ids);
    return rc;
}

/* ---- stories_add ------------------------------------------------------------------------ */

/* The body whose terms count and are fingerprinted: the text, else the summary. */
static const char *body_of(const struct store_article *a)
{
    return a->text && *a->text ? a->text : a->summary;
}

/* The text fingerprinted: the text when it is long enough, else title and text. */
static void fingerprint_of(const struct store_article *a, struct shingle_minhash *fp)
{
    const char *body = body_of(a);
    struct strbuf sb = STRBUF_INIT;
    if (stories_terms_rich(body)) {
        shingle_minhash_text(body, fp);
        return;
    }
    strbuf_adds(&sb, a->title ? a->title : "");
    strbuf_addch(&sb, '\n');
    strbuf_adds(&sb, body ? body : "");
    shingle_minhash_text(sb.buf, fp);
    strbuf_release(&sb);
}

static void params_of(struct stories_params *p)
{
    if (g_params_set)
        *p = g_params;
    else
        stories_params_init(p);
}

/* When an article reached us, for the clocks (its publication time when later). */
static int64_t seen_of(const struct store_article *a)
{
    return a->first_seen > a->sort_time ? a->first_seen : a->sort_time;
}

/* The copies step of an article a (read whole): fingerprints it, links it with its
 * copies; *canon and *group_story as link_copies.  *done: nothing more to do (an update,
 * which keeps its story). */
static herald_status copies_of(store *st, const struct store_article *a, story_of_fn story_of,
                               void *story_arg, struct member *canon, int64_t *group_story,
                               int *done)
{
    struct shingle_minhash fp;
    struct member self;
    char fp_text[SHINGLE_MINHASH_TEXT_MAX];
    uint64_t bands[SHINGLE_LSH_BANDS];
    size_t nb;
    herald_status rc;

    *done = 1;
    fingerprint_of(a, &fp);
    shingle_minhash_format(&fp, fp_text);
    if (a->story_id > 0 && a->fingerprint && strcmp(a->fingerprint, fp_text) == 0)
        return HERALD_OK; /* done before, nothing changed */
    nb = shingle_minhash_bands(&fp, bands);
    rc = store_article_fingerprint_put(st, a->id, fp_text, bands, nb);
    if (rc)
        return rc;
    memcpy(self.id, a->id, sizeof(self.id));
    self.time = a->sort_time;
    self.story = a->story_id;
    self.wire = 0;
    if (g_wire) {
        rc = member_of(st, g_wire, a->id, &self);
        if (rc)
            return rc;
    }
    rc = link_copies(st, g_wire, &self, &fp, story_of, story_arg, canon, group_story);
    *done = rc || a->story_id > 0; /* an update keeps its story */
    return rc;
}

/* The headline a story would take from the article, and with what score: the canonical
 * headline that scored best against the story (a new story's first one scores 0.5).
 * 0 when the article gives none. */
static int headline_of(const struct store_article *a, const struct member *canon,
                       const struct stories_assign *res, double *score)
{
    if (!a->title || !*a->title || strcmp(canon->id, a->id) != 0)
        return 0;
    *score = res->created ? 0.5 : res->score;
    return 1;
}

static herald_status add_one(store *st, stories_terms *terms, const char *article_id,
                             int df_counted, int64_t *created)
{
    struct stories_params p;
    struct store_article a;
    struct member canon;
    struct stories_vec raw = {0}, title_raw = {0};
    struct stories_assign res;
    struct sctx ctx = {st, df_counted};
    int64_t group_story = 0;
    double score;
    int rich, done;
    herald_status rc;

    store_article_init(&a);
    rc = store_article_get(st, article_id, &a);
    if (rc)
        return rc;
    rc = copies_of(st, &a, NULL, NULL, &canon, &group_story, &done);
    if (rc || done)
        goto out;

    params_of(&p);
    rich =
        stories_terms_extract(terms, a.title, body_of(&a), &raw, &title_raw) >= STORIES_RICH_WORDS;
    rc = stories_core_assign(&p, &store_ops, &ctx, &raw, &title_raw, rich, a.sort_time, seen_of(&a),
                             group_story, NULL, &res);
    if (rc)
        goto out;
    if (created)
        *created += res.created;
    rc = store_article_set_story(st, a.id, res.story);
    for (size_t i = 0; !rc && i < res.n_related; i++)
        rc = store_story_related_add(st, res.story, res.related[i], res.related_score[i]);
    if (!rc && headline_of(&a, &canon, &res, &score)) {
        struct store_story s;
        rc = store_story_get(st, res.story, &s);
        if (!rc && (!s.title || score > s.title_score)) {
            free(s.title);
            s.title = xstrdup(a.title);
            memcpy(s.title_article, a.id, sizeof(s.title_article));
            s.title_score = score;
            rc = store_story_put(st, &s);
        }
        if (!rc)
            store_story_release(&s);
    }
out:
    stories_vec_release(&raw);
    stories_vec_release(&title_raw);
    store_article_release(&a);
    return rc;
}

herald_status stories_add(store *st, const char *article_id)
{
    stories_terms *terms = stories_terms_new();
    herald_status rc = store_tx_begin(st);
    int own = rc == HERALD_OK;
    if (rc && rc != HERALD_E_INVALID) /* INVALID: the caller's transaction is open */
        goto out;
    rc = add_one(st, terms, article_id, 0, NULL);
    if (own) {
        if (rc)
            store_tx_rollback(st);
        else
            rc = store_tx_commit(st);
    }
out:
    stories_terms_free(terms);
    return rc;
}

#define REBUILD_BATCH 200 /* articles read at a time */
#define REBUILD_TX 2000   /* articles (or stories, when writing) per transaction */

/* Calls fn for every article in time order (sort time, then id), REBUILD_BATCH ids at a
 * time, in transactions of REBUILD_TX articles when tx is set. */
typedef herald_status (*article_fn)(void *arg, store *st, const char *id);
static herald_status each_article(store *st, int tx, article_fn fn, void *arg, int64_t *count)
{
    char(*ids)[STORE_ID_LEN + 1] = xcalloc(REBUILD_BATCH, sizeof(*ids));
    int64_t times[REBUILD_BATCH], last_time = INT64_MIN, done = 0;
    char last_id[STORE_ID_LEN + 1] = "";
    herald_status rc = HERALD_OK;
    int open_tx = 0;
    size_t n = 0;
    while (!rc) {
        rc = store_article_ids_chrono(st, last_time, last_id, REBUILD_BATCH, ids, times, &n);
        if (rc || !n)
            break;
        if (tx && !open_tx) {
            rc = store_tx_begin(st);
            open_tx = !rc;
        }
        for (size_t i = 0; !rc && i < n; i++)
            rc = fn(arg, st, ids[i]);
        done += (int64_t)n;
        if (!rc && open_tx && done % REBUILD_TX < REBUILD_BATCH) {
            rc = store_tx_commit(st);
            open_tx = 0;
        }
        last_time = times[n - 1];
        memcpy(last_id, ids[n - 1], sizeof(last_id));
    }
    if (open_tx) {
        if (rc)
            store_tx_rollback(st);
        else
            rc = store_tx_commit(st);
    }
    if (!rc && count)
        *count = done;
    free(ids);
    return rc;
}

/* ---- the rebuild: in memory, written behind --------------------------------------------- */

struct rebuild_title { /* a story's headline so far */
    char *title;
    char article[STORE_ID_LEN + 1];
    double score;
};

struct rebuild_pair { /* a related pair of in-memory stories */
    uint32_t story, other;
    double score;
};

struct rebuild {
    stories_mem *mem;
    stories_terms *terms;
    struct stories_vec raw, title_raw;
    struct stories_map story_of;  /* article key -> in-memory story */
    struct rebuild_title *titles; /* per story id (index = id) */
    size_t alloc_titles;
    struct { /* every clustered article and its story, in time order */
        char id[STORE_ID_LEN + 1];
        uint32_t story;
    } * articles;
    size_t n_articles, alloc_articles;
    struct rebuild_pair *pairs;
    size_t n_pairs, alloc_pairs;
    int64_t created;
};

/* An article id's map key: its first 16 hex digits (ids are hashes). */
static uint64_t article_key(const char *id)
{
    uint64_t k = 0;
    for (int i = 0; i < 16 && id[i]; i++) {
        char c = id[i];
        k = k << 4 | (uint64_t)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
    }
    return k;
}

static int64_t rebuild_story_of(void *arg, const struct member *m)
{
    struct rebuild *rb = arg;
    uint32_t story = stories_map_get(&rb->story_of, article_key(m->id));
    return story ? stories_mem_resolve(rb->mem, story) : 0;
}

static herald_status rebuild_count(void *arg, store *st, const char *id)
{
    struct rebuild *rb = arg;
    struct store_article a;
    herald_status rc;
    store_article_init(&a);
    rc = store_article_get(st, id, &a);
    if (rc == HERALD_E_NOTFOUND)
        rc = HERALD_OK; /* deleted meanwhile */
    else if (!rc) {
        stories_terms_extract(rb->terms, a.title, body_of(&a), &rb->raw, NULL);
        stories_mem_count(rb->mem, &rb->raw);
    }
    store_article_release(&a);
    return rc;
}

static herald_status rebuild_through_store(void *arg, store *st, const char *id)
{
    struct rebuild *rb = arg;
    return add_one(st, rb->terms, id, 1, &rb->created);
}

static herald_status rebuild_add(void *arg, store *st, const char *id)
{
    struct rebuild *rb = arg;
    struct store_article a;
    struct member canon;
    struct stories_assign res;
    struct rebuild_title *t;
    int64_t group_story = 0;
    double score;
    int rich, done;
    herald_status rc;

    store_article_init(&a);
    rc = store_article_get(st, id, &a);
    if (rc == HERALD_E_NOTFOUND)
        return HERALD_OK;
    if (rc)
        return rc;
    rc = copies_of(st, &a, rebuild_story_of, rb, &canon, &group_story, &done);
    if (rc || done)
        goto out;
    rich = stories_terms_extract(rb->terms, a.title, body_of(&a), &rb->raw, &rb->title_raw) >=
           STORIES_RICH_WORDS;
    rc = stories_mem_assign(rb->mem, &rb->raw, &rb->title_raw, rich, a.sort_time, seen_of(&a),
                            group_story, &res);
    if (rc)
        goto out;
    rb->created += res.created;
    *stories_map_slot(&rb->story_of, article_key(a.id)) = (uint32_t)res.story;
    ALLOC_GROW(rb->articles, rb->n_articles + 1, rb->alloc_articles);
    memcpy(rb->articles[rb->n_articles].id, a.id, sizeof(a.id));
    rb->articles[rb->n_articles++].story = (uint32_t)res.story;
    for (size_t i = 0; i < res.n_related; i++) {
        ALLOC_GROW(rb->pairs, rb->n_pairs + 1, rb->alloc_pairs);
        rb->pairs[rb->n_pairs++] = (struct rebuild_pair){
            (uint32_t)res.story, (uint32_t)res.related[i], res.related_score[i]};
    }
    if (rb->alloc_titles <= stories_mem_stories(rb->mem)) {
        size_t old = rb->alloc_titles;
        ALLOC_GROW(rb->titles, stories_mem_stories(rb->mem) + 1, rb->alloc_titles);
        memset(rb->titles + old, 0, (rb->alloc_titles - old) * sizeof(*rb->titles));
    }
    t = &rb->titles[res.story];
    if (headline_of(&a, &canon, &res, &score) && (!t->title || score > t->score)) {
        free(t->title);
        t->title = xstrdup(a.title);
        memcpy(t->article, a.id, sizeof(t->article));
        t->score = score;
    }
out:
    store_article_release(&a);
    return rc;
}

/* Commits every REBUILD_TX writes of a long write-out. */
static herald_status write_step(store *st, size_t *writes)
{
    herald_status rc = HERALD_OK;
    if (++*writes % REBUILD_TX == 0) {
        rc = store_tx_commit(st);
        if (!rc)
            rc = store_tx_begin(st);
    }
    return rc;
}

/* Writes the stories, the articles' stories and the related pairs held in memory. */
static herald_status rebuild_write(store *st, struct rebuild *rb)
{
    size_t ns = stories_mem_stories(rb->mem), writes = 0;
    int64_t *sid = xcalloc(ns + 1, sizeof(*sid));
    herald_status rc = store_tx_begin(st);
    int open_tx = !rc;

    for (size_t id = 1; !rc && id <= ns; id++) {
        struct stories_state state;
        const struct stories_vec *centroid;
        struct store_story s;
        int64_t merged_into;
        int open;
        if (!stories_mem_story(rb->mem, (int64_t)id, &state, &open, &merged_into, &centroid) ||
            merged_into)
            continue; /* merged away: nothing links to it after a rebuild */
        rc = store_story_create(st, state.first, &sid[id]);
        if (rc)
            break;
        store_story_init(&s);
        s.id = sid[id];
        if (id < rb->alloc_titles && rb->titles[id].title) {
            s.title = rb->titles[id].title; /* borrowed */
            memcpy(s.title_article, rb->titles[id].article, sizeof(s.title_article));
            s.title_score = rb->titles[id].score;
        }
        s.first_update = state.first;
        s.last_update = state.last;
        s.size = state.size;
        s.open = open;
        s.norm2 = state.norm2;
        s.last_seen = state.seen;
        rc = store_story_put(st, &s);
        if (!rc && open && centroid) {
            struct store_terms terms = {centroid->term, centroid->w, centroid->n};
            rc = store_story_terms_set(st, sid[id], &terms);
        }
        if (!rc)
            rc = write_step(st, &writes);
    }
    for (size_t i = 0; !rc && i < rb->n_articles; i++) {
        rc = store_article_set_story(st, rb->articles[i].id,
                                     sid[stories_mem_resolve(rb->mem, rb->articles[i].story)]);
        if (!rc)
            rc = write_step(st, &writes);
    }
    for (size_t i = 0; !rc && i < rb->n_pairs; i++) {
        int64_t a = sid[stories_mem_resolve(rb->mem, rb->pairs[i].story)];
        int64_t b = sid[stories_mem_resolve(rb->mem, rb->pairs[i].other)];
        if (a && b && a != b)
            rc = store_story_related_add(st, a, b, rb->pairs[i].score);
        if (!rc)
            rc = write_step(st, &writes);
    }
    if (open_tx) {
        if (rc)
            store_tx_rollback(st);
        else
            rc = store_tx_commit(st);
    }
    free(sid);
    return rc;
}

/* Writes the term counts held in memory (term_df and N), in one transaction. */
static herald_status rebuild_write_df(store *st, struct rebuild *rb)
{
    uint64_t *terms;
    int64_t *df, ndocs;
    size_t n = stories_mem_df(rb->mem, &terms, &df, &ndocs);
    herald_status rc = store_tx_begin(st);
    if (!rc) {
        rc = store_term_df_put(st, terms, df, n, ndocs);
        if (rc)
            store_tx_rollback(st);
        else
            rc = store_tx_commit(st);
    }
    free(terms);
    free(df);
    return rc;
}

static void rebuild_release(struct rebuild *rb)
{
    stories_mem_free(rb->mem);
    stories_terms_free(rb->terms);
    stories_vec_release(&rb->raw);
    stories_vec_release(&rb->title_raw);
    stories_map_release(&rb->story_of);
    for (size_t i = 0; i < rb->alloc_titles; i++)
        free(rb->titles[i].title);
    free(rb->titles);
    free(rb->articles);
    free(rb->pairs);
}

herald_status stories_rebuild_with(store *st, int through_store, int64_t *n_articles,
                                   int64_t *n_stories)
{
    struct stories_params p;
    struct rebuild rb = {0};
    int64_t count = 0;
    herald_status rc;

    params_of(&p);
    rb.mem = stories_mem_new(&p);
    rb.terms = stories_terms_new();
    rc = store_stories_reset(st);
    /* Every article is weighed with the idf of the whole archive: counted first.  (Counting
     * as it goes would give the archive's first articles idf from a handful of documents,
     * where the words shared by one event look common.) */
    if (!rc)
        rc = each_article(st, 0, rebuild_count, &rb, NULL);
    if (!rc && through_store)
        rc = rebuild_write_df(st, &rb);
    if (!rc)
        rc = each_article(st, 1, through_store ? rebuild_through_store : rebuild_add, &rb, &count);
    if (!rc && !through_store)
        rc = rebuild_write(st, &rb);
    if (!rc && !through_store)
        rc = rebuild_write_df(st, &rb);
    if (!rc)
        rc = stories_related_backfill(st, 0, NULL); /* the reset dropped every list */
    if (!rc && n_articles)
        *n_articles = count;
    if (!rc && n_stories)
        *n_stories = rb.created; /* stories started (some merged since) */
    rebuild_release(&rb);
    return rc;
}

herald_status stories_rebuild(store *st, int64_t *n_articles, int64_t *n_stories)
{
    return stories_rebuild_with(st, 0, n_articles, n_stories);
}
