/*
 * stories_cluster.c - the clustering core (see stories.h, "Stories") and its in-memory
 * index.
 *
 * The core only talks to struct stories_ops, so the in-memory index below (the bench,
 * tests) and the store (stories.c) run the same decisions.  Cost per article: the
 * postings of its STORIES_Q_TERMS terms (at most STORIES_POSTINGS open stories each) give
 * the candidates; each is pre-scored by the article weight of the terms through which
 * it was found, and only the CAND_SCORED best are scored exactly (one centroid read
 * each).  Nothing depends on the number of stored articles or closed stories.
 *
 * The in-memory index: a hash map term -> df, an array of stories (id = index + 1)
 * holding their centroids, a hash map term -> posting array (story ids, appended when a
 * story first gets the term).  Postings are cleaned lazily: an entry whose story is
 * closed, merged or no longer holds the term is skipped and dropped when the array is
 * compacted (past 4 x STORIES_POSTINGS entries).  Open stories are swept for closing
 * every SWEEP_EVERY articles; a closed story's centroid is freed.  A story closes on both
 * clocks, as in the store: quiet in publication time and in arrival time.
 *
 * stories_rebuild (stories.c) clusters through this index too: it counts the archive's
 * terms first (stories_mem_count), assigns every article with stories_mem_assign and
 * writes the outcome to the store once at the end (stories_mem_story).
 */
#include "stories/stories_int.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define CAND_MAX 512
#define CAND_SCORED 16
#define CAND_TERMS 12
#define MERGE_CHECKED 3
#define SWEEP_EVERY 1024

void stories_params_init(struct stories_params *p)
{
    p->join_threshold = 0.03;
    p->merge_threshold = 0.25;
    p->join_text = 0.15;
    p->merge_text = 0.4;
    p->half_life_text = 24 * 3600.0;
    p->related_threshold = 0.015;
    p->half_life = 6 * 3600.0;
    p->quiet = 48 * 3600;
}

static double decay(double half_life, int64_t a, int64_t b)
{
    double dt = (double)(a > b ? a - b : b - a);
    if (half_life <= 0)
        return 1.0;
    return exp2(-dt / half_life);
}

/* ---- the core ----------------------------------------------------------------------- */

struct cand {
    int64_t id;
    double pre, score;
    double top1;       /* the largest single term's part of score */
    double title;      /* the title's own score (the text's decay) */
    double title_only; /* the same with the titles-only decay */
    struct stories_state st;
};

#define CAND_SLOTS (4 * CAND_MAX) /* open addressing over the candidates */

struct collect {
    struct cand *c;
    size_t n;
    double w;      /* weight of the term being read */
    int16_t *slot; /* CAND_SLOTS entries: candidate index + 1, 0 = free */
};

static void collect_fn(void *arg, int64_t story)
{
    struct collect *col = arg;
    size_t h = (size_t)(((uint64_t)story * 0x9e3779b97f4a7c15ull) >> 40) & (CAND_SLOTS - 1);
    while (col->slot[h]) {
        struct cand *c = &col->c[col->slot[h] - 1];
        if (c->id == story) {
            c->pre += col->w;
            return;
        }
        h = (h + 1) & (CAND_SLOTS - 1);
    }
    if (col->n < CAND_MAX) {
        memset(&col->c[col->n], 0, sizeof(col->c[0]));
        col->c[col->n].id = story;
        col->c[col->n++].pre = col->w;
        col->slot[h] = (int16_t)col->n;
    }
}

/* Whether candidate x comes before y by pre-score (then id). */
static int pre_before(const struct cand *x, const struct cand *y)
{
    if (x->pre != y->pre)
        return x->pre > y->pre;
    return x->id < y->id;
}

/* Moves the k best candidates by pre-score to c[0..k), in order (what sorting all n and
 * keeping the first k gives, without sorting the rest; the others are lost); returns
 * min(k, n).  Until k are kept, c[i] is c[kept]: the prefix grows in place. */
static size_t select_best(struct cand *c, size_t n, size_t k)
{
    size_t kept = 0;
    for (size_t i = 0; i < n && k; i++) {
        struct cand x;
        size_t at;
        if (kept == k && !pre_before(&c[i], &c[k - 1]))
            continue;
        x = c[i];
        at = kept < k ? kept++ : k - 1;
        while (at > 0 && pre_before(&x, &c[at - 1])) {
            c[at] = c[at - 1];
            at--;
        }
        c[at] = x;
    }
    return kept;
}

static int cmp_score(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The story an article joins among the scored candidates (best first), 0 for none.  A
 * candidate needs score >= join.  An article with a text must also agree with it in its
 * title and not through one word only (a shared name, place or event is not enough):
 *   - its title alone (title terms, same idf, normalised) would join the story as a
 *     headline does: >= the titles-only join threshold, with the titles-only decay;
 *   - its title alone scores >= join / 2 (with the text's decay);
 *   - the score without its largest single term is still >= join / 2.
 */
static int64_t pick(const struct stories_params *p, const struct cand *c, size_t n, double join,
                    int rich)
{
    for (size_t i = 0; i < n && c[i].score >= join; i++) {
        if (!rich || (c[i].title_only >= p->join_threshold && c[i].title >= join / 2 &&
                      c[i].score - c[i].top1 >= join / 2))
            return c[i].id;
    }
    return 0;
}

/* Adds vector add (with its state) into story s with centroid vec; writes it. */
static herald_status grow(const struct stories_ops *ops, void *ctx, struct stories_state *s,
                          struct stories_vec *vec, const struct stories_vec *add,
                          const struct stories_state *add_state)
{
    stories_vec_add(vec, add);
    stories_vec_top(vec, STORIES_MAX_TERMS);
    s->norm2 = stories_vec_norm2(vec);
    s->size += add_state->size;
    if (add_state->first < s->first)
        s->first = add_state->first;
    if (add_state->last > s->last)
        s->last = add_state->last;
    if (add_state->seen > s->seen)
        s->seen = add_state->seen;
    return ops->story_put(ctx, s, vec);
}

herald_status stories_core_assign(const struct stories_params *p, const struct stories_ops *ops,
                                  void *ctx, const struct stories_vec *raw,
                                  const struct stories_vec *title_raw, int rich, int64_t time,
                                  int64_t seen, int64_t forced_story, struct stories_vec *q_out,
                                  struct stories_assign *out)
{
    struct stories_vec q = {0}, qt = {0}, cent = {0}, other = {0};
    struct stories_state st, one;
    struct collect col = {0};
    struct stories_assign res;
    int64_t *df = NULL, ndocs = 0, story = 0;
    size_t scored = 0;
    double norm, best = -1.0, join = rich ? p->join_text : p->join_threshold,
                 merge = rich ? p->merge_text : p->merge_threshold,
                 half_life = rich ? p->half_life_text : p->half_life;
    herald_status rc;

    memset(&res, 0, sizeof(res));
    col.c = xmalloc(CAND_MAX * sizeof(*col.c)); /* each set as it is added */
    col.slot = xcalloc(CAND_SLOTS, sizeof(*col.slot));
    rc = ops->df_add(ctx, raw);
    if (rc)
        goto out;
    for (size_t i = 0; i < raw->n; i++)
        stories_vec_push(&q, raw->term[i], raw->w[i]);
    df = xcalloc(q.n ? q.n : 1, sizeof(*df));
    rc = ops->df_get(ctx, &q, df, &ndocs);
    if (rc)
        goto out;
    for (size_t i = 0; i < q.n; i++)
        q.w[i] *= log((double)(ndocs + 1) / (double)(df[i] > 0 ? df[i] : 1));
    /* the title's own vector (its terms' title weights times the same idf) */
    for (size_t i = 0, k = 0; title_raw && i < title_raw->n; i++) {
        /* both sorted by term: one walk */
        while (k < raw->n && raw->term[k] < title_raw->term[i])
            k++;
        if (k < raw->n && raw->term[k] == title_raw->term[i] && raw->w[k] > 0)
            stories_vec_push(&qt, title_raw->term[i], title_raw->w[i] * q.w[k] / raw->w[k]);
    }
    norm = sqrt(stories_vec_norm2(&qt));
    for (size_t i = 0; i < qt.n && norm > 0; i++)
        qt.w[i] /= norm;
    stories_vec_top(&q, STORIES_Q_TERMS);
    norm = sqrt(stories_vec_norm2(&q));
    for (size_t i = 0; i < q.n && norm > 0; i++)
        q.w[i] /= norm;
    if (p->quiet > 0) {
        rc = ops->close_quiet(ctx, time - p->quiet, seen - p->quiet);
        if (rc)
            goto out;
    }

    /* candidates: open stories sharing one of the article's CAND_TERMS strongest terms,
     * pre-scored by the shared weight (common words, weak after idf, find nothing new) */
    if (!forced_story) {
        struct stories_vec top = {0};
        stories_vec_copy(&top, &q);
        stories_vec_top(&top, CAND_TERMS);
        for (size_t i = 0; i < top.n && !rc; i++) {
            col.w = top.w[i];
            rc = ops->postings(ctx, top.term[i], STORIES_POSTINGS, collect_fn, &col);
        }
        stories_vec_release(&top);
        if (rc)
            goto out;
    }
    scored = select_best(col.c, col.n, CAND_SCORED);
    for (size_t i = 0; i < scored; i++) {
        struct cand *c = &col.c[i];
        stories_vec_clear(&cent);
        rc = ops->story_get(ctx, c->id, &c->st);
        if (!rc)
            rc = ops->story_vec(ctx, c->id, &cent);
        if (rc)
            goto out;
        c->score = c->st.norm2 > 0 ? stories_vec_dot(&q, &cent) / sqrt(c->st.norm2) : 0.0;
        c->score *= decay(half_life, time, c->st.last);
        c->title = c->title_only = c->top1 = 0.0;
        /* pick() reads the title agreement and the largest term only for an article with a
         * text and a candidate at or above the join threshold: compute them only then */
        if (!rich || c->score < join || c->st.norm2 <= 0)
            continue;
        c->title = stories_vec_dot(&qt, &cent) / sqrt(c->st.norm2);
        for (size_t k = 0; k < q.n; k++) {
            double part = q.w[k] * stories_vec_get(&cent, q.term[k]) / sqrt(c->st.norm2);
            if (part > c->top1)
                c->top1 = part;
        }
        c->title_only = c->title * decay(p->half_life, time, c->st.last);
        c->title *= decay(half_life, time, c->st.last);
        c->top1 *= decay(half_life, time, c->st.last);
    }
    qsort(col.c, scored, sizeof(*col.c), cmp_score);
    if (forced_story) {
        story = forced_story;
        best = 1.0;
    } else if ((story = pick(p, col.c, scored, join, rich)) > 0) {
        for (size_t i = 0; i < scored; i++)
            if (col.c[i].id == story)
                best = col.c[i].score;
    } else {
        rc = ops->story_new(ctx, time, &story);
        if (rc)
            goto out;
        res.created = 1;
        best = 1.0;
    }

    /* join */
    rc = ops->story_get(ctx, story, &st);
    if (rc)
        goto out;
    stories_vec_clear(&cent);
    rc = ops->story_vec(ctx, story, &cent);
    if (rc)
        goto out;
    if (!st.size) {
        st.first = st.last = time;
        st.seen = seen;
    }
    one.id = 0;
    one.first = one.last = time;
    one.seen = seen;
    one.size = 1;
    one.norm2 = 1.0;
    rc = grow(ops, ctx, &st, &cent, &q, &one);
    if (rc)
        goto out;

    /* converging stories merge (the smaller into the larger) */
    for (size_t i = 0, checked = 0; i < scored && checked < MERGE_CHECKED; i++) {
        struct cand *c = &col.c[i];
        double sim;
        if (c->id == story || c->score <= 0)
            continue;
        checked++;
        stories_vec_clear(&other);
        rc = ops->story_vec(ctx, c->id, &other);
        if (rc)
            goto out;
        if (st.norm2 <= 0 || c->st.norm2 <= 0)
            continue;
        sim = stories_vec_dot(&cent, &other) / sqrt(st.norm2 * c->st.norm2) *
              decay(half_life, st.last, c->st.last);
        if (sim < merge)
            continue;
        if (c->st.size > st.size) {
            /* into the candidate */
            struct stories_state from = st;
            int64_t from_id = story;
            st = c->st;
            rc = grow(ops, ctx, &st, &other, &cent, &from);
            if (!rc)
                rc = ops->story_merge(ctx, from_id, c->id);
            if (rc)
                goto out;
            story = c->id;
            stories_vec_copy(&cent, &other);
        } else {
            rc = grow(ops, ctx, &st, &cent, &other, &c->st);
            if (!rc)
                rc = ops->story_merge(ctx, c->id, story);
            if (rc)
                goto out;
        }
        c->score = -1.0; /* merged: not related */
    }

    res.story = story;
    res.score = best;
    for (size_t i = 0; i < scored && res.n_related < STORIES_RELATED; i++) {
        if (col.c[i].id == story || col.c[i].score < p->related_threshold)
            continue;
        res.related[res.n_related] = col.c[i].id;
        res.related_score[res.n_related++] = col.c[i].score;
    }
    if (q_out) {
        stories_vec_copy(q_out, &q);
    }
    *out = res;
out:
    stories_vec_release(&q);
    stories_vec_release(&qt);
    stories_vec_release(&cent);
    stories_vec_release(&other);
    free(df);
    free(col.c);
    free(col.slot);
    return rc;
}

/* ---- the in-memory index ------------------------------------------------------------ */

/* Open addressing, linear probing; key 0 is stored as 1 (terms are hashes). */

static uint64_t mkey(uint64_t k)
{
    return k ? k : 1;
}

static size_t mslot(const struct stories_map *m, uint64_t k)
{
    size_t i = (size_t)((k * 0x9e3779b97f4a7c15ull) >> 20) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void map_grow(struct stories_map *m)
{
    struct stories_map nm;
    nm.cap = m->cap ? m->cap * 2 : 1024;
    nm.n = m->n;
    nm.keys = xcalloc(nm.cap, sizeof(*nm.keys));
    nm.vals = xcalloc(nm.cap, sizeof(*nm.vals));
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t s = mslot(&nm, m->keys[i]);
            nm.keys[s] = m->keys[i];
            nm.vals[s] = m->vals[i];
        }
    free(m->keys);
    free(m->vals);
    *m = nm;
}

/* The value slot of k, inserted with value 0 when absent. */
uint32_t *stories_map_slot(struct stories_map *m, uint64_t k)
{
    size_t s;
    k = mkey(k);
    if ((m->n + 1) * 4 > m->cap * 3)
        map_grow(m);
    s = mslot(m, k);
    if (!m->keys[s]) {
        m->keys[s] = k;
        m->vals[s] = 0;
        m->n++;
    }
    return &m->vals[s];
}

uint32_t stories_map_get(const struct stories_map *m, uint64_t k)
{
    size_t s;
    if (!m->cap)
        return 0;
    s = mslot(m, mkey(k));
    return m->keys[s] ? m->vals[s] : 0;
}

void stories_map_release(struct stories_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

struct mem_story {
    struct stories_state st;
    struct stories_vec vec;
    int open;
    int64_t merged_into;
};

struct posting {
    uint32_t *ids; /* story indexes + 1 */
    uint32_t n, alloc;
};

struct stories_mem {
    struct stories_params params;
    stories_terms *terms;
    struct stories_vec raw, title_raw;
    struct stories_map df;       /* term -> df */
    struct stories_map post_map; /* term -> index + 1 into posts */
    struct posting *posts;
    size_t n_posts, alloc_posts;
    struct mem_story *stories;
    size_t n_stories, alloc_stories;
    int64_t *live;      /* per story: its latest time while open, LIVE_CLOSED after (what
                         * the postings scan reads: 8 bytes a story, not a mem_story) */
    int64_t *live_seen; /* per story: when its latest article reached us */
    size_t alloc_live, alloc_live_seen;
    uint32_t *open; /* ids of open stories */
    size_t n_open, alloc_open;
    int64_t ndocs;
    int df_counted; /* stories_mem_count counted the archive: the core's df_add is skipped */
    size_t since_sweep;
    int64_t close_before, close_before_seen; /* the latest close_quiet bounds */
};

#define LIVE_CLOSED INT64_MIN

static struct mem_story *mem_story(stories_mem *m, int64_t id)
{
    return id > 0 && (size_t)id <= m->n_stories ? &m->stories[id - 1] : NULL;
}

static herald_status mem_df_add(void *ctx, const struct stories_vec *v)
{
    stories_mem *m = ctx;
    if (m->df_counted)
        return HERALD_OK;
    m->ndocs++;
    for (size_t i = 0; i < v->n; i++)
        (*stories_map_slot(&m->df, v->term[i]))++;
    return HERALD_OK;
}

static herald_status mem_df_get(void *ctx, const struct stories_vec *v, int64_t *df, int64_t *ndocs)
{
    stories_mem *m = ctx;
    for (size_t i = 0; i < v->n; i++)
        df[i] = stories_map_get(&m->df, v->term[i]);
    *ndocs = m->ndocs;
    return HERALD_OK;
}

static void mem_close(stories_mem *m, struct mem_story *s)
{
    s->open = 0;
    m->live[s->st.id - 1] = LIVE_CLOSED;
    stories_vec_release(&s->vec);
}

/* Whether story id (an index + 1) is open and not yet quiet on both clocks. */
static int mem_is_open(const stories_mem *m, uint32_t id)
{
    int64_t last = m->live[id - 1];
    return last != LIVE_CLOSED &&
           (last >= m->close_before || m->live_seen[id - 1] >= m->close_before_seen);
}

static herald_status mem_close_quiet(void *ctx, int64_t before, int64_t before_seen)
{
    stories_mem *m = ctx;
    size_t k = 0;
    if (before > m->close_before)
        m->close_before = before;
    if (before_seen > m->close_before_seen)
        m->close_before_seen = before_seen;
    if (++m->since_sweep < SWEEP_EVERY)
        return HERALD_OK;
    m->since_sweep = 0;
    for (size_t i = 0; i < m->n_open; i++) {
        struct mem_story *s = mem_story(m, m->open[i]);
        if (s->open && !mem_is_open(m, m->open[i]))
            mem_close(m, s);
        if (s->open)
            m->open[k++] = m->open[i];
    }
    m->n_open = k;
    return HERALD_OK;
}

static herald_status mem_postings(void *ctx, uint64_t term, int limit, stories_posting_fn fn,
                                  void *arg)
{
    stories_mem *m = ctx;
    uint32_t pi = stories_map_get(&m->post_map, term);
    struct posting *p;
    int given = 0;
    if (!pi)
        return HERALD_OK;
    p = &m->posts[pi - 1];
    for (uint32_t i = p->n; i-- > 0 && given < limit;) {
        /* a story that dropped the term since (centroid cut) still passes here: it is
         * scored exactly, and compaction drops the entry */
        if (!mem_is_open(m, p->ids[i]))
            continue;
        fn(arg, p->ids[i]);
        given++;
    }
    return HERALD_OK;
}

static herald_status mem_story_get(void *ctx, int64_t id, struct stories_state *out)
{
    struct mem_story *s = mem_story(ctx, id);
    if (!s)
        return HERALD_E_NOTFOUND;
    *out = s->st;
    return HERALD_OK;
}

static herald_status mem_story_vec(void *ctx, int64_t id, struct stories_vec *out)
{
    struct mem_story *s = mem_story(ctx, id);
    if (!s)
        return HERALD_E_NOTFOUND;
    stories_vec_copy(out, &s->vec);
    return HERALD_OK;
}

static herald_status mem_story_new(void *ctx, int64_t time, int64_t *id)
{
    stories_mem *m = ctx;
    struct mem_story *s;
    ALLOC_GROW(m->stories, m->n_stories + 1, m->alloc_stories);
    s = &m->stories[m->n_stories++];
    memset(s, 0, sizeof(*s));
    s->st.id = (int64_t)m->n_stories;
    s->st.first = s->st.last = time;
    s->open = 1;
    s->st.seen = time;
    ALLOC_GROW(m->live, m->n_stories, m->alloc_live);
    ALLOC_GROW(m->live_seen, m->n_stories, m->alloc_live_seen);
    m->live[s->st.id - 1] = time;
    m->live_seen[s->st.id - 1] = time;
    ALLOC_GROW(m->open, m->n_open + 1, m->alloc_open);
    m->open[m->n_open++] = (uint32_t)s->st.id;
    *id = s->st.id;
    return HERALD_OK;
}

static void posting_add(stories_mem *m, uint64_t term, uint32_t id)
{
    uint32_t *slot = stories_map_slot(&m->post_map, term);
    struct posting *p;
    if (!*slot) {
        ALLOC_GROW(m->posts, m->n_posts + 1, m->alloc_posts);
        memset(&m->posts[m->n_posts], 0, sizeof(m->posts[0]));
        *slot = (uint32_t)++m->n_posts;
    }
    p = &m->posts[*slot - 1];
    if (p->n >= 4 * STORIES_POSTINGS) {
        /* compact: drop closed and stale entries, keep the newest */
        uint32_t k = 0;
        for (uint32_t i = 0; i < p->n; i++) {
            struct mem_story *s = mem_story(m, p->ids[i]);
            if (mem_is_open(m, p->ids[i]) && stories_vec_get(&s->vec, term) != 0.0)
                p->ids[k++] = p->ids[i];
        }
        if (k > 2 * STORIES_POSTINGS) {
            memmove(p->ids, p->ids + (k - 2 * STORIES_POSTINGS),
                    2 * STORIES_POSTINGS * sizeof(*p->ids));
            k = 2 * STORIES_POSTINGS;
        }
        p->n = k;
    }
    if (p->n == p->alloc) {
        p->alloc = p->alloc ? p->alloc * 2 : 4;
        p->ids = xrealloc(p->ids, p->alloc * sizeof(*p->ids));
    }
    p->ids[p->n++] = id;
}

static herald_status mem_story_put(void *ctx, const struct stories_state *st,
                                   const struct stories_vec *v)
{
    stories_mem *m = ctx;
    struct mem_story *s = mem_story(m, st->id);
    const struct stories_vec *old;
    if (!s)
        return HERALD_E_NOTFOUND;
    old = &s->vec;
    for (size_t i = 0, j = 0; i < v->n; i++) {
        /* a term the story did not hold: the story joins its posting list (both sorted) */
        while (j < old->n && old->term[j] < v->term[i])
            j++;
        if (j >= old->n || old->term[j] != v->term[i])
            posting_add(m, v->term[i], (uint32_t)st->id);
    }
    stories_vec_copy(&s->vec, v);
    s->st = *st;
    if (s->open) {
        m->live[st->id - 1] = st->last;
        m->live_seen[st->id - 1] = st->seen;
    }
    return HERALD_OK;
}

static herald_status mem_story_merge(void *ctx, int64_t from, int64_t into)
{
    stories_mem *m = ctx;
    struct mem_story *s = mem_story(m, from);
    if (!s)
        return HERALD_E_NOTFOUND;
    s->merged_into = into;
    mem_close(m, s);
    return HERALD_OK;
}

static const struct stories_ops mem_ops = {
    .df_add = mem_df_add,
    .df_get = mem_df_get,
    .close_quiet = mem_close_quiet,
    .postings = mem_postings,
    .story_get = mem_story_get,
    .story_vec = mem_story_vec,
    .story_new = mem_story_new,
    .story_put = mem_story_put,
    .story_merge = mem_story_merge,
};

stories_mem *stories_mem_new(const struct stories_params *p)
{
    stories_mem *m = xcalloc(1, sizeof(*m));
    if (p)
        m->params = *p;
    else
        stories_params_init(&m->params);
    m->terms = stories_terms_new();
    m->close_before = m->close_before_seen = INT64_MIN;
    return m;
}

void stories_mem_free(stories_mem *m)
{
    if (!m)
        return;
    stories_terms_free(m->terms);
    stories_vec_release(&m->raw);
    stories_vec_release(&m->title_raw);
    stories_map_release(&m->df);
    stories_map_release(&m->post_map);
    for (size_t i = 0; i < m->n_posts; i++)
        free(m->posts[i].ids);
    free(m->posts);
    for (size_t i = 0; i < m->n_stories; i++)
        stories_vec_release(&m->stories[i].vec);
    free(m->stories);
    free(m->open);
    free(m->live);
    free(m->live_seen);
    free(m);
}

herald_status stories_mem_add(stories_mem *m, const char *title, const char *text, int64_t time,
                              int64_t *story_out)
{
    struct stories_assign a;
    herald_status rc;
    int rich;
    rich =
        stories_terms_extract(m->terms, title, text, &m->raw, &m->title_raw) >= STORIES_RICH_WORDS;
    if (!m->raw.n && (!title || !*title) && (!text || !*text))
        return HERALD_E_INVALID;
    /* the title's own terms matter only to an article with a text (pick) */
    rc = stories_core_assign(&m->params, &mem_ops, m, &m->raw, rich ? &m->title_raw : NULL, rich,
                             time, time, 0, NULL, &a);
    if (rc)
        return rc;
    *story_out = a.story;
    return HERALD_OK;
}

int64_t stories_mem_resolve(stories_mem *m, int64_t story)
{
    struct mem_story *s = mem_story(m, story);
    for (int hops = 0; s && s->merged_into && hops < 1000; hops++) {
        story = s->merged_into;
        s = mem_story(m, story);
    }
    return story;
}

size_t stories_mem_open_stories(stories_mem *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_open; i++)
        n += mem_is_open(m, m->open[i]);
    return n;
}

void stories_mem_count(stories_mem *m, const struct stories_vec *terms)
{
    m->df_counted = 0;
    mem_df_add(m, terms);
    m->df_counted = 1;
}

size_t stories_mem_df(const stories_mem *m, uint64_t **terms, int64_t **df, int64_t *ndocs)
{
    size_t n = 0;
    *terms = xcalloc(m->df.n ? m->df.n : 1, sizeof(**terms));
    *df = xcalloc(m->df.n ? m->df.n : 1, sizeof(**df));
    for (size_t i = 0; i < m->df.cap; i++)
        if (m->df.keys[i]) {
            /* the map stores term 0 as 1: a term hash of 0 or 1 is read back as 1 (the
             * core reads it the same way, through stories_map_get) */
            (*terms)[n] = m->df.keys[i];
            (*df)[n++] = m->df.vals[i];
        }
    *ndocs = m->ndocs;
    return n;
}

herald_status stories_mem_assign(stories_mem *m, const struct stories_vec *raw,
                                 const struct stories_vec *title_raw, int rich, int64_t time,
                                 int64_t seen, int64_t forced_story, struct stories_assign *out)
{
    return stories_core_assign(&m->params, &mem_ops, m, raw, title_raw, rich, time, seen,
                               forced_story, NULL, out);
}

size_t stories_mem_stories(const stories_mem *m)
{
    return m->n_stories;
}

int stories_mem_story(stories_mem *m, int64_t id, struct stories_state *state, int *open,
                      int64_t *merged_into, const struct stories_vec **centroid)
{
    struct mem_story *s = mem_story(m, id);
    if (!s)
        return 0;
    *state = s->st;
    *merged_into = s->merged_into;
    *open = s->open && mem_is_open(m, (uint32_t)id);
    *centroid = *open ? &s->vec : NULL;
    return 1;
}
