/*
 * stories_int.h - the pieces shared inside src/stories/ (not a public header).
 *
 *   stories_terms.c    text -> weighted term vector (tokenise, stem, weigh)
 *   stories_cluster.c  the clustering core over struct stories_ops, and the in-memory
 *                      implementation of those ops (stories_mem)
 *   stories.c          the store-backed ops, copies (MinHash/LSH), stories_add, rebuild
 *   stories_related.c  the stored related list of each article page
 */
#ifndef HERALD_STORIES_INT_H
#define HERALD_STORIES_INT_H

#include "stories/stories.h"

/* A sparse vector: terms sorted ascending, unique; terms are 63-bit hashes of stems. */
struct stories_vec {
    uint64_t *term;
    double *w;
    size_t n, alloc;
};
void stories_vec_release(struct stories_vec *v);
void stories_vec_clear(struct stories_vec *v);
void stories_vec_push(struct stories_vec *v, uint64_t term, double w);
/* Sorts by term and sums duplicates (in no particular order: exact for two). */
void stories_vec_sort(struct stories_vec *v);
/* dst = src (dst's arrays reused). */
void stories_vec_copy(struct stories_vec *dst, const struct stories_vec *src);
/* Keeps the k largest weights (still sorted by term). */
void stories_vec_top(struct stories_vec *v, size_t k);
/* Weight of term (binary search), 0 when absent. */
double stories_vec_get(const struct stories_vec *v, uint64_t term);
double stories_vec_dot(const struct stories_vec *a, const struct stories_vec *b);
double stories_vec_norm2(const struct stories_vec *v);
/* a += b (both sorted). */
void stories_vec_add(struct stories_vec *a, const struct stories_vec *b);

/* The tokeniser: owns a libstemmer handle and a cache of stems (one per thread; keep it
 * for many articles: the cache is what makes it fast). */
typedef struct stories_terms stories_terms;
stories_terms *stories_terms_new(void);
void stories_terms_free(stories_terms *t);
/* Raw term weights (before idf) of an article into out (cleared first, sorted);
 * title_out (may be NULL) gets the title's own terms (the title part of out, sorted).
 * Returns the words of the text read (at most STORIES_TEXT_WORDS): the text is rich
 * (stories_terms_rich) when that is at least STORIES_RICH_WORDS. */
size_t stories_terms_extract(stories_terms *t, const char *title, const char *text,
                             struct stories_vec *out, struct stories_vec *title_out);

/* Whether text has at least STORIES_RICH_WORDS words. */
int stories_terms_rich(const char *text);

/* A story as the core sees it. */
struct stories_state {
    int64_t id;
    int64_t first, last; /* times of its first and latest article */
    int64_t seen;        /* when its latest article reached us */
    int64_t size;
    double norm2; /* |centroid|^2 */
};

typedef void (*stories_posting_fn)(void *arg, int64_t story);

/* What the core needs from where stories live.  Every op returns HERALD_OK or an error
 * that aborts the assignment. */
struct stories_ops {
    /* Counts a new document: N++, df++ for each term. */
    herald_status (*df_add)(void *ctx, const struct stories_vec *terms);
    /* N and df of each term of v (df[i] for v->term[i]; df >= 1 after df_add). */
    herald_status (*df_get)(void *ctx, const struct stories_vec *v, int64_t *df, int64_t *ndocs);
    /* Closes the open stories last updated before `before` whose latest article reached
     * us before before_seen (both clocks: a backlog fetched at once closes nothing). */
    herald_status (*close_quiet)(void *ctx, int64_t before, int64_t before_seen);
    /* Calls fn for up to `limit` open stories containing term, most recently updated first. */
    herald_status (*postings)(void *ctx, uint64_t term, int limit, stories_posting_fn fn,
                              void *arg);
    herald_status (*story_get)(void *ctx, int64_t id, struct stories_state *out);
    /* The story's centroid (sorted). */
    herald_status (*story_vec)(void *ctx, int64_t id, struct stories_vec *out);
    /* A new empty open story at time; *id gets its id. */
    herald_status (*story_new)(void *ctx, int64_t time, int64_t *id);
    /* Replaces the story's state (size, first, last, norm2) and centroid (new_vec: the
     * complete sorted centroid after the change). */
    herald_status (*story_put)(void *ctx, const struct stories_state *s,
                               const struct stories_vec *new_vec);
    /* Moves everything of story `from` into `into` (whose state and centroid the core has
     * already written with story_put); from is closed with merged_into = into. */
    herald_status (*story_merge)(void *ctx, int64_t from, int64_t into);
};

/* The outcome of one assignment. */
struct stories_assign {
    int64_t story;                    /* the article's story after merges */
    int created;                      /* a new story */
    double score;                     /* its score against the story (1 for a new one) */
    int64_t related[STORIES_RELATED]; /* other candidate stories, best first */
    double related_score[STORIES_RELATED];
    size_t n_related;
};

/*
 * Assigns the article whose raw term weights are raw (stories_terms_extract) and time to
 * a story: counts it in df, weighs by idf, scores the open candidate stories, joins or
 * creates, merges converging ones.  forced_story > 0 joins that story without scoring (a
 * near-copy joins its canonical's).  rich: the article has a text (join_text and
 * merge_text apply).  seen: when the article reached us; stories quiet since seen -
 * quiet are closed first (time is the article's own, for the decay: an article published
 * days ago and fetched now may still join the stories of its days).  q (may be NULL) gets
 * the article's final vector.
 */
herald_status stories_core_assign(const struct stories_params *p, const struct stories_ops *ops,
                                  void *ctx, const struct stories_vec *raw,
                                  const struct stories_vec *title_raw, int rich, int64_t time,
                                  int64_t seen, int64_t forced_story, struct stories_vec *q,
                                  struct stories_assign *out);

/* ---- a hash map uint64 -> uint32 (open addressing; stories_cluster.c) ------------------- */

struct stories_map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n;
};
/* The value slot of k, inserted with value 0 when absent.  Keys 0 and 1 are one key. */
uint32_t *stories_map_slot(struct stories_map *m, uint64_t k);
/* The value of k, 0 when absent. */
uint32_t stories_map_get(const struct stories_map *m, uint64_t k);
void stories_map_release(struct stories_map *m);

/* ---- the in-memory index as stories_rebuild uses it (stories_cluster.c) ------------------ */

/* Counts one document of the archive (N++, df++ per term).  Once anything is counted this
 * way the counts are taken as the whole archive's: assignments no longer count. */
void stories_mem_count(stories_mem *m, const struct stories_vec *terms);
/* Every counted term and its df into new arrays (*terms, *df: the caller frees them);
 * returns their number; *ndocs gets N. */
size_t stories_mem_df(const stories_mem *m, uint64_t **terms, int64_t **df, int64_t *ndocs);
/* stories_core_assign over the in-memory index with its parameters. */
herald_status stories_mem_assign(stories_mem *m, const struct stories_vec *raw,
                                 const struct stories_vec *title_raw, int rich, int64_t time,
                                 int64_t seen, int64_t forced_story, struct stories_assign *out);
/* Story ids run from 1 to stories_mem_stories(m). */
size_t stories_mem_stories(const stories_mem *m);
/* Story id's state, whether it is still open (not quiet on both clocks after the latest
 * article), what it was merged into (0: not merged) and its centroid while open (owned by
 * m, valid until the next assignment; NULL when closed).  0 for an unknown id. */
int stories_mem_story(stories_mem *m, int64_t id, struct stories_state *state, int *open,
                      int64_t *merged_into, const struct stories_vec **centroid);

/* stories_rebuild, written behind from memory (through_store 0), or with every article
 * through the store-backed ops as stories_add does (1: the reference the tests compare
 * the rebuild with). */
herald_status stories_rebuild_with(store *st, int through_store, int64_t *n_articles,
                                   int64_t *n_stories);

#endif
