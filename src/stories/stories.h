/*
 * stories.h - every event once: near-copies folded onto one article, articles grouped into
 * stories (event clusters), related articles chosen at ingest.
 *
 * Near-copies (republished wire copy)
 *   Each article gets a MinHash fingerprint of its word shingles (text/shingle.h: 4-word
 *   runs of the text, word pairs of the title and text when there are fewer than 40
 *   words, so title-only items work).  The fingerprint's 20 LSH band keys are stored; a
 *   new article reads only the articles sharing a band (never a scan), then compares the
 *   signatures: estimated containment >= SHINGLE_COPY_THRESHOLD for two long texts,
 *   estimated Jaccard >= STORIES_COPY_JACCARD when either is short (a short headline is
 *   "contained" in many longer ones).  A group of copies has one canonical article: an
 *   article of a source named in the config key stories.wire_sources when there is one
 *   (the wire service's own), else the earliest (sort time, then id).  Every other member
 *   has copy_of = canonical; lists show only canonical articles, and the article page
 *   says "Also published by" with the copies.  A copy joins its canonical's story
 *   directly.
 *
 * Stories (online clustering, in time order)
 *   An article is a vector of terms: words of its title and of the first 300 words of
 *   its text, case-folded, stop words dropped, stemmed with libstemmer (English).  Each
 *   term's raw weight is its kind (a capitalised word inside a sentence or a non-title-
 *   case headline, or an acronym: "entity", x STORIES_W_ENTITY; a number, x
 *   STORIES_W_NUMBER; else 1) times where it occurs (title x STORIES_W_TITLE, text by
 *   1 + ln tf, halved).  The raw weights are multiplied by the term's inverse document
 *   frequency ln((N + 1) / df) over every article clustered so far (df and N are kept,
 *   online), the STORIES_Q_TERMS strongest terms kept and the vector L2-normalised.
 *
 *   A story is the sum of its members' vectors (its centroid; the STORIES_MAX_TERMS
 *   strongest terms kept) with its first and last update.  An article is scored against
 *   the OPEN stories that share one of its terms, found through an inverted index (term
 *   -> open stories; the STORIES_POSTINGS most recent per term), never by a scan:
 *       score = cos(article, centroid) * 2^(-|t - story.last| / half_life)
 *   and joins the best story scoring >= join_threshold, else starts a new one.  An
 *   article with a text (STORIES_RICH_WORDS words) must also agree with the story in its
 *   title and through more than one word: its title alone (title terms, same idf) scores
 *   >= the titles-only join threshold with the titles-only decay and >= join_text / 2
 *   with the text's, and the score without its largest single term is >= join_text / 2
 *   (a follow-up sharing a place or a player with an event is not that event).  The
 *   centroid is not normalised per member, so a large story's core terms dominate it
 *   and a headline naming them scores well even when the rest of its words are new.
 *   After a join, the story is compared with the other candidate stories (centroid
 *   cosine times the same decay between their last updates); one at or above
 *   merge_threshold is merged into the larger (articles move, the old id records
 *   merged_into and keeps resolving).  A story with no new article for quiet_hours is
 *   closed: it leaves the inverted index (constant work per article whatever the size
 *   of the archive).  Candidate stories scoring >= related_threshold that were not
 *   joined are remembered as the story's related stories.
 *
 *   The default thresholds were tuned on ../shared/stories/headlines-dev.jsonl (titles
 *   only; see docs/stories.md): join 0.03, merge 0.25, half-life 6 h.  Nothing depends on
 *   particular headlines or publishers.
 *
 *   The clustering core (stories_cluster.c) runs over a table of operations: the
 *   in-memory index (stories_mem, used by bench/stories and usable without a store) and
 *   the store-backed one (stories_add) execute the same code.
 *
 * Related articles
 *   Chosen here, off the request path, and stored per article (store_article_related_put);
 *   the web reads them by key: the other articles of the article's story (other outlets
 *   first; reason "same_story"), the newest article of each related story ("shared_terms")
 *   and its near-copies ("near_copy").  An article in no story gets the store's term query
 *   (store_related), run once here.  See stories_related.c for when lists are refreshed.
 */
#ifndef HERALD_STORIES_STORIES_H
#define HERALD_STORIES_STORIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/status.h"
#include "store/store.h"
#include "text/shingle.h"

#define STORIES_W_TITLE 2.0
#define STORIES_W_ENTITY 1.5
#define STORIES_W_NUMBER 1.2
#define STORIES_TEXT_WORDS 300     /* words of the text read */
#define STORIES_Q_TERMS 48         /* strongest terms of an article kept */
#define STORIES_MAX_TERMS 160      /* strongest terms of a story's centroid kept */
#define STORIES_POSTINGS 32        /* most recent open stories read per term */
#define STORIES_RELATED 6          /* related stories remembered per story */
#define STORIES_RELATED_SHOWN 6    /* related articles of a page (before its copies) */
#define STORIES_RELATED_REFRESH 16 /* newest story members whose lists a placement refreshes */
#define STORIES_COPY_JACCARD 0.5
#define STORIES_RICH_WORDS SHINGLE_SHORT_WORDS /* a text this long makes an article "rich" */

struct stories_params {
    double join_threshold;  /* titles only (0.03) */
    double merge_threshold; /* titles only (0.25) */
    double join_text;       /* articles with a text of STORIES_RICH_WORDS words or more */
    double merge_text;
    double related_threshold; /* join / 2 and up: related stories */
    double half_life;         /* seconds, titles only (stories.half_life_hours 6) */
    double half_life_text;    /* seconds, articles with a text (24 h) */
    int64_t quiet;            /* seconds without news that close a story (stories.quiet_hours 48) */
};

/* The defaults above; stories_params_from_config applies the stories.* keys. */
void stories_params_init(struct stories_params *p);
void stories_params_from_config(struct stories_params *p, const struct config *cfg);

/* Sets the process-wide settings stories_add() and stories_rebuild() use (the stories.*
 * keys of cfg; copied).  Call once at startup, before any thread uses stories_add();
 * without it the defaults apply.  stories_configure(NULL) restores the defaults. */
void stories_configure(const struct config *cfg);

/* ---- in-memory clustering (no store): bench/stories and tests ------------------------ */

typedef struct stories_mem stories_mem;

stories_mem *stories_mem_new(const struct stories_params *p);
void stories_mem_free(stories_mem *m);

/* Clusters one article (title and/or text; text may be NULL) published at time (seconds;
 * call in time order).  *story_out gets its story id (> 0).  HERALD_E_INVALID when both
 * are empty. */
herald_status stories_mem_add(stories_mem *m, const char *title, const char *text, int64_t time,
                              int64_t *story_out);

/* The story id now holding story (following merges). */
int64_t stories_mem_resolve(stories_mem *m, int64_t story);

/* Open stories and bytes held (for the bench's memory report). */
size_t stories_mem_open_stories(stories_mem *m);

/* ---- the store-backed pipeline ------------------------------------------------------- */

/*
 * Fingerprints article article_id, links it to its copies (copy_of), assigns it to a
 * story (joining, starting or merging stories) and records related stories: everything
 * through the store, in one transaction of its own when none is open.  Idempotent: an
 * article already in a story keeps it (its fingerprint and copy links are refreshed when
 * its text changed).  st must be writable.  Settings: stories_configure().
 * HERALD_E_NOTFOUND for an unknown id; HERALD_E_DB.
 */
herald_status stories_add(store *st, const char *article_id);

/*
 * Forgets every story, copy link and fingerprint and clusters the whole archive again
 * in time order (`herald stories rebuild`, after changing the settings).  *n_articles
 * and *n_stories (may be NULL) get the counts.
 */
herald_status stories_rebuild(store *st, int64_t *n_articles, int64_t *n_stories);

/* ---- related articles (stories_related.c) --------------------------------------------- */

/*
 * The related list of article a (a card: id, story_id, copy_of and source_id are read)
 * into out[0..*n) (out holds STORE_RELATED_LIST_MAX): same-story and related-story
 * articles in page order (at most STORIES_RELATED_SHOWN), then its near-copies.  An
 * article in no story gets the store's term query when use_terms is set, else nothing.
 * Reads only.
 */
herald_status stories_related_compute(store *st, const struct store_article *a, int use_terms,
                                      struct store_related_entry *out, size_t *n);

/*
 * Computes and stores the list of article_id; with neighbours, also those of its copy
 * group and of the STORIES_RELATED_REFRESH newest other articles of its story (the lists
 * its placement changed).  In one transaction of its own when none is open.
 * HERALD_E_NOTFOUND for an unknown article.
 */
herald_status stories_related_refresh(store *st, const char *article_id, int neighbours);

/*
 * Stores the lists of the articles that have none (all: of every article), each computed
 * once (`herald stories related`, after an upgrade; stories_rebuild).  *n_out (may be NULL)
 * gets the number of articles done.
 */
herald_status stories_related_backfill(store *st, int all, int64_t *n_out);

#endif
