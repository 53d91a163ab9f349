/*
 * data.h - the thin layer that fills the view models of view.h from the store.
 *
 * Each function runs the store queries one page needs and points the view model's
 * strings into the store's records, whose release is deferred to the request's arena
 * (web_arena_defer): nothing is copied and nothing leaks on an error path.  Errors are
 * the store's (HERALD_E_NOTFOUND for an unknown id, HERALD_E_INVALID for a malformed
 * cursor or search query, HERALD_E_DB); *out is complete only on HERALD_OK.
 */
#ifndef HERALD_WEB_DATA_H
#define HERALD_WEB_DATA_H

#include "core/status.h"
#include "store/store.h"
#include "web/arena.h"
#include "web/cache.h"
#include "web/view.h"

/* Keeps the first article of each story in list (in order; articles without a story all
 * stay), as the home page and its feeds show them. */
void web_list_fold_stories(struct web_list *list);

/* Articles matching q (newest first, keyset pages; q->after: the rows just newer than a
 * cursor, exactly as the store gives them). */
herald_status web_data_list(store *st, web_arena *a, const struct store_article_query *q,
                            struct web_list *out);

/* A list page of a paged HTML page: web_data_list, except that a q->after page that reaches
 * the newest row with fewer than a page of rows is the first page instead (the newest
 * q->limit rows, prev_cursor NULL), so a page never shows fewer rows than it could. */
herald_status web_data_page(store *st, web_arena *a, const struct store_article_query *q,
                            struct web_list *out);

/* The languages of the archive with their article counts (store_languages), for the home
 * page's language filter. */
herald_status web_data_languages(store *st, web_arena *a, struct web_language **out, size_t *n);

/* How much of each related article web_data_article reads: what the page shows (title,
 * summary, source, time, link: store_article_links) or every card field (the API's JSON). */
enum web_related_detail { WEB_RELATED_LINKS, WEB_RELATED_CARDS };

/* One article with its copies elsewhere ("Also published by") and up to 6 related
 * articles, never a copy of it: the other articles of its story (other outlets first),
 * then the lead articles of related stories, as stories/ chose and stored them off the
 * request path (store_article_related_get), read by key at the detail asked for: no text
 * is compared and no query over the archive runs at request time.  An article without a
 * stored list gets the same list computed from its story by key.  Its stored analysis
 * goes in out->ai (summary, key points, keywords, entities, language; the language
 * model's cached summary). */
herald_status web_data_article(store *st, web_arena *a, const char *id,
                               enum web_related_detail detail, struct web_article *out);

/* Answers question over w's text (and the texts of up to 8 other articles of its story
 * when w->story_id is set) into w->ai.passages, best first; none = "not found".
 * HERALD_E_INVALID for an over-long question (AI_MAX_QUESTION bytes). */
herald_status web_data_ask(store *st, web_arena *a, struct web_article *w, const char *question);

/* The optional language model on request (nothing without llm.url): a grounded answer to
 * w->ai.question and, when lang (the reader's, from the /{lang}/article path) differs from
 * the article's, the summary translated into it.  Each call is bounded by the model's
 * timeout; answers are cached in the store's llm_cache (tasks "answer", keyed by the
 * question, and "translate", keyed by the language): read through rd first, a new one
 * written through rw (NULL: not kept), so a question is sent to the model once per
 * database, across workers and restarts.  On any failure the fields stay NULL and the
 * page shows the extractive results alone. */
struct llm_config;
void web_data_llm(store *rd, store *rw, web_arena *a, const struct llm_config *lc, const char *lang,
                  struct web_article *w);

/* An entity, the stories of the articles mentioning it (at most WEB_ENTITY_STORIES, newest
 * update first) and a page of those articles, newest first (cursor and after, as in
 * store_article_query, may be "" or NULL; the page as web_data_page gives it).
 * HERALD_E_NOTFOUND for an unknown slug, HERALD_E_INVALID for a malformed one. */
#define WEB_ENTITY_STORIES 20
herald_status web_data_entity(store *st, web_arena *a, const char *slug, const char *cursor,
                              const char *after, struct web_entity_page *out);

/* A source, its feeds and a page of its latest articles (cursor and after as for
 * web_data_entity; unread_for > 0 keeps only that reader's unread ones, see
 * store_article_query). */
herald_status web_data_source(store *st, web_arena *a, int64_t source_id, const char *cursor,
                              const char *after, int64_t unread_for, struct web_source_page *out);

/* A topic and a page of at most limit of its articles, newest first (cursor and after as
 * for web_data_entity; either may be "").  HERALD_E_NOTFOUND for an unknown slug,
 * HERALD_E_INVALID for a malformed one. */
herald_status web_data_topic(store *st, web_arena *a, const char *slug, const char *cursor,
                             const char *after, int limit, struct web_topic_page *out);

/* The topics of at least WEB_TOPIC_MIN articles, most used first, at most limit. */
#define WEB_TOPIC_MIN 2
herald_status web_data_topics(store *st, web_arena *a, int limit, struct web_topic **out,
                              size_t *n);

/* Every source (with counts). */
herald_status web_data_sources(store *st, web_arena *a, struct web_source **out, size_t *n);

/* Every source without its counts (store_source_names): the search page's filter. */
herald_status web_data_source_names(store *st, web_arena *a, struct web_source **out, size_t *n);

/* Every feed with its health. */
herald_status web_data_feeds(store *st, web_arena *a, struct web_feed **out, size_t *n);

/* What a search page says beyond its hits (store_search_result). */
struct web_search_info {
    int64_t total;    /* matches counted */
    int total_capped; /* total is a lower bound ("1,000+") */
    int window_end;   /* the next page holds older results */
};

/* Runs search q; out->next_cursor is the next page's cursor (NULL on the last page).  On
 * HERALD_E_INVALID (malformed query or cursor) *message gets the store's user-facing
 * explanation (arena copy). */
herald_status web_data_search(store *st, web_arena *a, const struct store_search_query *q,
                              struct web_list *out, struct web_search_info *info,
                              const char **message);

/* Story id with its articles (oldest first) and related stories.  A merged story gives
 * *merged_into > 0 (the caller redirects) and nothing else.  HERALD_E_NOTFOUND. */
herald_status web_data_story(store *st, web_arena *a, int64_t id, struct web_story *out,
                             int64_t *merged_into);

/* The top stories at now (store_story_top), at most limit. */
herald_status web_data_top_stories(store *st, web_arena *a, int64_t now, int limit,
                                   struct web_story **out, size_t *n);

/* Counts and failing feeds for /about. */
herald_status web_data_about(store *st, web_arena *a, struct web_about_page *out);

/* The articles with the given ids, in that order (unknown ids skipped), borrowed like
 * web_data_list; no cursor. */
void web_data_items(store *st, web_arena *a, char *const *ids, size_t n, struct web_list *out);

#endif
