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
};

static herald_status s_df_add(void *ctx, const struct stories_vec *v)
{
    return store_term_df_add(((struct sctx *)ctx)->st, v->term, v->n);
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

/* Links the article self (whose fingerprint is fp) with its copies; *canonical_out gets
 * the group's canonical member (self when alone), *group_story the story of the group
 * (the canonical's, else another member's; 0 when none has one). */
static herald_status link_copies(store *st, const char *wire, const struct member *self,
                                 const struct shingle_minhash *fp, struct member *canonical_out,
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
        *group_story = best.story;
        for (size_t g = 1; g < ng && !*group_story; g++)
            *group_story = group[g].story;
    }
out:
    free(ids);
    return rc;
}

/* ---- stories_add ------------------------------------------------------------------------ */

/* The text fingerprinted: the text when it is long enough, else title and text. */
static void fingerprint_of(const struct store_article *a, struct shingle_minhash *fp)
{
    const char *body = a->text && *a->text ? a->text : a->summary;
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

static herald_status add_one(store *st, stories_terms *terms, const char *article_id,
                             int64_t *created)
{
    struct stories_params p;
    struct store_article a;
    struct shingle_minhash fp;
    struct member self, canon;
    struct stories_vec raw = {0}, title_raw = {0};
    struct stories_assign res;
    struct sctx ctx = {st};
    char fp_text[SHINGLE_MINHASH_TEXT_MAX];
    uint64_t bands[SHINGLE_LSH_BANDS];
    int64_t group_story = 0;
    const char *body;
    size_t nb;
    herald_status rc;

    store_article_init(&a);
    rc = store_article_get(st, article_id, &a);
    if (rc)
        return rc;
    fingerprint_of(&a, &fp);
    shingle_minhash_format(&fp, fp_text);
    if (a.story_id > 0 && a.fingerprint && strcmp(a.fingerprint, fp_text) == 0)
        goto out; /* done before, nothing changed */
    nb = shingle_minhash_bands(&fp, bands);
    rc = store_article_fingerprint_put(st, a.id, fp_text, bands, nb);
    if (rc)
        goto out;
    memcpy(self.id, a.id, sizeof(self.id));
    self.time = a.sort_time;
    self.story = a.story_id;
    self.wire = 0;
    if (g_wire) {
        rc = member_of(st, g_wire, a.id, &self);
        if (rc)
            goto out;
    }
    rc = link_copies(st, g_wire, &self, &fp, &canon, &group_story);
    if (rc || a.story_id > 0)
        goto out; /* an update keeps its story */

    if (g_params_set)
        p = g_params;
    else
        stories_params_init(&p);
    body = a.text && *a.text ? a.text : a.summary;
    stories_terms_extract(terms, a.title, body, &raw);
    stories_terms_extract(terms, a.title, NULL, &title_raw);
    rc = stories_core_assign(&p, &store_ops, &ctx, &raw, &title_raw, stories_terms_rich(body),
                             a.sort_time, a.first_seen > a.sort_time ? a.first_seen : a.sort_time,
                             group_story, NULL, &res);
    if (rc)
        goto out;
    if (created)
        *created += res.created;
    rc = store_article_set_story(st, a.id, res.story);
    for (size_t i = 0; !rc && i < res.n_related; i++)
        rc = store_story_related_add(st, res.story, res.related[i], res.related_score[i]);
    if (!rc && a.title && *a.title && strcmp(canon.id, a.id) == 0) {
        /* the title: the canonical headline that scored best against the story */
        struct store_story s;
        double score = res.created ? 0.5 : res.score;
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
    rc = add_one(st, terms, article_id, NULL);
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

#define REBUILD_BATCH 200

herald_status stories_rebuild(store *st, int64_t *n_articles, int64_t *n_stories)
{
    char(*ids)[STORE_ID_LEN + 1] = xcalloc(REBUILD_BATCH, sizeof(*ids));
    int64_t times[REBUILD_BATCH], last_time = INT64_MIN, count = 0, created = 0;
    char last_id[STORE_ID_LEN + 1] = "";
    stories_terms *terms = stories_terms_new();
    herald_status rc = store_stories_reset(st);
    size_t n = 0;
    while (!rc) {
        rc = store_article_ids_chrono(st, last_time, last_id, REBUILD_BATCH, ids, times, &n);
        if (rc || !n)
            break;
        rc = store_tx_begin(st);
        for (size_t i = 0; !rc && i < n; i++)
            rc = add_one(st, terms, ids[i], &created);
        if (rc) {
            store_tx_rollback(st);
            break;
        }
        rc = store_tx_commit(st);
        count += (int64_t)n;
        last_time = times[n - 1];
        memcpy(last_id, ids[n - 1], sizeof(last_id));
    }
    if (!rc)
        rc = stories_related_backfill(st, 0, NULL); /* the reset dropped every list */
    if (!rc && n_articles)
        *n_articles = count;
    if (!rc && n_stories)
        *n_stories = created; /* stories started (some merged since) */
    stories_terms_free(terms);
    free(ids);
    return rc;
}
