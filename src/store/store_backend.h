/*
 * store_backend.h - the contract between store.c and a database backend (module-internal).
 *
 * store.c owns everything that does not depend on the database: argument checks, the
 * read-only rule, limit clamping, URL normalisation (dedupe keys), article ids, keyset
 * cursors, parsing the user's search syntax into terms, write bracketing and the error
 * message.  A backend (store_sqlite.c; later store_pg.c) implements struct store_ops:
 * the SQL, the schema and its migrations, full-text search and the related-article
 * ranking.  Backends receive validated, normalised input only.
 *
 * Every write op runs between op_begin() and op_end(): inside an explicit transaction
 * that is a savepoint (a failed op leaves no partial writes), outside one it is a
 * transaction of its own.
 */
#ifndef HERALD_STORE_BACKEND_H
#define HERALD_STORE_BACKEND_H

#include "store/store.h"

#include <stdarg.h>

/* One parsed search term (see the query language in store.h). */
enum store_qop { STORE_QOP_AND = 0, STORE_QOP_OR, STORE_QOP_NOT };
struct store_qterm {
    enum store_qop op; /* connector to the terms before it (ignored on the first) */
    char *text;        /* the words, as typed (the backend tokenizes them) */
    int phrase;        /* quoted by the user */
    int prefix;        /* the last word is a prefix */
};
#define STORE_QTERMS_MAX 32
struct store_qparsed {
    struct store_qterm terms[STORE_QTERMS_MAX];
    size_t count;
};

/* A keyset position: rows strictly after (time, id) in (sort_time DESC, id DESC), or with
 * newer set strictly before it, read in ascending order (the nearest first). */
struct store_cursor {
    int set;
    int newer;
    int64_t time;
    char id[STORE_ID_LEN + 1];
};

/* Where a search page starts (store.h, "Windows"): the first page (set = 0), a new
 * window of the matches with rowid <= hi (in_window = 0), or the hits after (key, seq) in
 * the window's order inside the window [lo, hi] (lo = 0: the window holds every older
 * match).  key is the scaled score (relevance) or -sort_time (date).  total and
 * total_capped carry the first page's count to the later ones. */
struct store_search_pos {
    int set;
    int in_window;
    int64_t hi, lo, key, seq;
    int64_t total;
    int total_capped;
};

/* A validated upsert, keys computed. */
struct store_upsert_req {
    const struct store_article *in;
    int64_t feed_id; /* 0 = none */
    const char *guid;
    const char *url_key;           /* url_normalize(in->url) */
    const char *canonical_key;     /* url_normalize(in->canonical_url) or NULL */
    char new_id[STORE_ID_LEN + 1]; /* id if inserted */
    const char *title;             /* in->title with the markers removed */
    const char *text;              /* in->text likewise */
    int64_t now;
};

struct store_lookup_req {
    int64_t feed_id;
    const char *guid;
    const char *url_key;
    const char *canonical_key;
};

struct store_ops {
    const char *name;
    /* Opens path, migrates a writable handle up to max_version; sets st->be. */
    herald_status (*open)(store *st, const char *path, int max_version);
    void (*close)(store *st);
    int (*schema_version)(store *st);
    herald_status (*check)(store *st);

    herald_status (*tx_begin)(store *st);
    herald_status (*tx_commit)(store *st);
    herald_status (*tx_rollback)(store *st);
    herald_status (*op_begin)(store *st);
    herald_status (*op_end)(store *st, int ok);
    /* store_bulk_begin / store_bulk_end (store.h "Bulk loading"); no transaction open */
    herald_status (*bulk_begin)(store *st, unsigned flags);
    herald_status (*bulk_end)(store *st);

    herald_status (*source_ensure)(store *st, const struct store_source *in, const char *hp_key,
                                   int64_t *id_out);
    herald_status (*source_update)(store *st, const struct store_source *in, const char *hp_key);
    herald_status (*source_get)(store *st, int64_t id, struct store_source *out);
    herald_status (*source_list)(store *st, struct store_source_list *out);
    herald_status (*source_names)(store *st, struct store_source_list *out);
    herald_status (*languages)(store *st, struct store_language_list *out);

    herald_status (*feed_add)(store *st, const struct store_feed *in, const char *url_key,
                              int64_t now, int64_t *id_out);
    herald_status (*feed_remove)(store *st, int64_t id);
    herald_status (*feed_get)(store *st, int64_t id, const char *url_key, struct store_feed *out);
    /* which: 0 all, 1 of source arg, 2 due at arg (limit) */
    herald_status (*feed_list)(store *st, int which, int64_t arg, int limit,
                               struct store_feed_list *out);
    herald_status (*feed_poll_update)(store *st, int64_t id, const struct store_feed_poll *p);
    herald_status (*feed_set_url)(store *st, int64_t id, const char *url, const char *url_key);
    herald_status (*feed_set_title)(store *st, int64_t id, const char *title);
    herald_status (*feed_set_source)(store *st, int64_t id, int64_t source_id);
    herald_status (*feed_set_fetch_mode)(store *st, int64_t id, enum store_fetch_mode mode);

    /* *first_feed: the matched or inserted row's feed_id (0 = none) */
    herald_status (*article_upsert)(store *st, const struct store_upsert_req *r,
                                    char id_out[STORE_ID_LEN + 1], enum store_upsert_result *res,
                                    int64_t *first_feed);
    herald_status (*article_lookup)(store *st, const struct store_lookup_req *r,
                                    char id_out[STORE_ID_LEN + 1]);
    herald_status (*article_get)(store *st, const char *id, struct store_article *out);
    herald_status (*article_set_fingerprint)(store *st, const char *id, const char *fp);
    herald_status (*article_set_story)(store *st, const char *id, int64_t story_id);
    /* stories (store.h "Stories"); arguments validated by store.c */
    herald_status (*story_create)(store *st, int64_t time, int64_t *id_out);
    herald_status (*story_get)(store *st, int64_t id, struct store_story *out);
    herald_status (*story_put)(store *st, const struct store_story *in);
    herald_status (*story_terms_get)(store *st, int64_t id, struct store_terms *out);
    herald_status (*story_terms_set)(store *st, int64_t id, const struct store_terms *t);
    herald_status (*story_postings)(store *st, uint64_t term, int limit, int64_t *ids, size_t *n);
    herald_status (*story_close_quiet)(store *st, int64_t before, int64_t before_seen);
    herald_status (*story_merge)(store *st, int64_t from, int64_t into);
    herald_status (*story_related_add)(store *st, int64_t id, int64_t other, double score);
    herald_status (*term_df_add)(store *st, const uint64_t *terms, size_t n);
    herald_status (*term_df_put)(store *st, const uint64_t *terms, const int64_t *df, size_t n,
                                 int64_t ndocs);
    herald_status (*term_df_get)(store *st, const uint64_t *terms, size_t n, int64_t *df,
                                 int64_t *ndocs);
    herald_status (*article_fingerprint_put)(store *st, const char *id, const char *fp,
                                             const uint64_t *bands, size_t n);
    herald_status (*article_band_matches)(store *st, const uint64_t *bands, size_t n,
                                          const char *exclude, int limit,
                                          char (*ids)[STORE_ID_LEN + 1], size_t *n_out);
    herald_status (*article_set_copy_of)(store *st, const char *id, const char *canonical);
    herald_status (*stories_reset)(store *st);
    herald_status (*article_ids_chrono)(store *st, int64_t after_time, const char *after_id,
                                        int limit, char (*ids)[STORE_ID_LEN + 1], int64_t *times,
                                        size_t *n);
    herald_status (*story_articles)(store *st, int64_t id, int limit,
                                    struct store_article_list *out);
    herald_status (*story_top)(store *st, int64_t now, int limit, struct store_story_list *out);
    herald_status (*story_related_list)(store *st, int64_t id, int limit,
                                        struct store_story_list *out);
    herald_status (*entity_stories)(store *st, const char *slug, int limit,
                                    struct store_story_list *out);
    /* q->limit already clamped; fetch at most limit items in cur's order (ascending when
     * cur->newer), tell whether more exist; q->cursor and q->after are not read. */
    herald_status (*article_list)(store *st, const struct store_article_query *q,
                                  const struct store_cursor *cur, struct store_article_list *out,
                                  int *more);
    /* q->limit clamped, q->order valid; fills out (not next_cursor) and *next (set = 0 on
     * the last page). */
    herald_status (*search)(store *st, const struct store_search_query *q,
                            const struct store_qparsed *pq, const struct store_search_pos *pos,
                            struct store_search_result *out, struct store_search_pos *next);
    herald_status (*related)(store *st, const char *id, int limit, struct store_article_list *out);
    /* stored related lists (text: entries "<reason digit><id>" joined by ' '), cards */
    herald_status (*related_put)(store *st, const char *id, const char *list, int64_t now);
    herald_status (*related_get)(store *st, const char *id, char **list);
    herald_status (*related_missing)(store *st, const char *after, int limit,
                                     char (*ids)[STORE_ID_LEN + 1], size_t *n);
    herald_status (*article_cards)(store *st, const char *const *ids, size_t n,
                                   struct store_article_list *out);
    herald_status (*article_links)(store *st, const char *const *ids, size_t n,
                                   struct store_article_list *out);
    herald_status (*stats)(store *st, struct store_stats *out);
    /* analysis, entities, LLM cache (lists already validated, items newline-free) */
    herald_status (*analysis_put)(store *st, const char *id, const struct store_analysis *a,
                                  int64_t now);
    herald_status (*analysis_get)(store *st, const char *id, struct store_analysis *out);
    herald_status (*entity_get)(store *st, const char *slug, struct store_entity *out);
    herald_status (*word_df)(store *st, const char *word, int64_t cap, int64_t *df);
    herald_status (*llm_cache_put)(store *st, const char *id, const char *task, const char *key,
                                   const char *model, const char *output, int64_t now);
    herald_status (*llm_cache_get)(store *st, const char *id, const char *task, const char *key,
                                   char **out);
    /* the job queue; article_id "" = none; max_attempts already defaulted */
    herald_status (*job_enqueue)(store *st, const char *kind, const char *article_id, int64_t due,
                                 int serial, int64_t now);
    herald_status (*job_enqueue_all)(store *st, const char *kind, int64_t now, int64_t *count);
    herald_status (*job_claim)(store *st, const char *owner, int64_t now, int lease_s,
                               int max_attempts, struct store_job *out);
    herald_status (*job_complete)(store *st, int64_t id, const char *owner, int64_t now);
    herald_status (*job_fail)(store *st, int64_t id, const char *owner, int64_t now,
                              const char *error, int max_attempts);
    herald_status (*job_counts)(store *st, int64_t now, struct store_job_counts *out);
    herald_status (*job_get)(store *st, const char *kind, const char *article_id,
                             struct store_job *out);
    herald_status (*data_version)(store *st, int64_t *out);
    /* sitemaps (store_article_seq_max / store_article_seq_range) */
    herald_status (*article_seq_max)(store *st, int64_t *out);
    herald_status (*article_seq_range)(store *st, int64_t from, int64_t to,
                                       store_article_range_fn fn, void *ud);
    herald_status (*sitemap_max)(store *st, enum store_sitemap_kind kind, int64_t *out);
    herald_status (*sitemap_range)(store *st, enum store_sitemap_kind kind, int64_t from,
                                   int64_t to, store_sitemap_fn fn, void *ud);
    /* topics (store_topic_*) */
    herald_status (*topic_get)(store *st, const char *slug, struct store_topic *out);
    herald_status (*topic_list)(store *st, int64_t min_count, int limit,
                                struct store_topic_list *out);
};

/* The handle.  Fields are the module's; nothing outside src/store sees them. */
struct store {
    const struct store_ops *ops;
    void *be; /* the backend's connection state */
    unsigned flags;
    int in_tx;
    int in_bulk; /* between store_bulk_begin and store_bulk_end */
    int quiet;   /* the write op in progress does not move the data version (job queue) */
    char errmsg[256];
};

/* Brackets a write op for the store's other files (store_users.c): HERALD_E_DENIED on a
 * read-only handle, else op_begin; store_write_end keeps the op when rc is HERALD_OK and
 * undoes it otherwise, returning rc (or the commit's failure). */
herald_status store_write_begin(store *st);
herald_status store_write_end(store *st, herald_status rc);

/* Lists stored as text (analysis results): items joined by '\n' (a newline inside an item
 * becomes a space); split back into a malloc'd array of malloc'd strings.  join returns
 * NULL for an empty list. */
char *store_lines_join(char *const *items, size_t n, size_t max);
void store_lines_split(const char *text, char ***items, size_t *n);

/* Records (and logs at error level when log_it) a message for store_errmsg(). */
void store_set_error(store *st, int log_it, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

extern const struct store_ops store_sqlite_ops;

/*
 * Testing hooks of the SQLite backend (tests/store only).  store_sqlite_open_version()
 * opens like store_open() but migrates only up to max_version, to build databases "from
 * an older herald".  store_sqlite_force_version() stamps a schema version, to fake one
 * "from a newer herald".  store_sqlite_tune_search() shrinks the search window.
 */
/* store_configure()'s settings for the SQLite backend (cache_mb <= 0, mmap_mb < 0: the
 * defaults). */
void store_sqlite_configure(long cache_mb, long mmap_mb);
herald_status store_sqlite_open_version(const char *path, int max_version, store **out);
herald_status store_sqlite_force_version(store *st, int version);
/* Sets the matches in one search window and the articles one window may visit (instead of
 * STORE_SEARCH_WINDOW and 8 times that), so tests can cross windows and reach the work
 * cap on small databases. */
herald_status store_sqlite_tune_search(store *st, int window, int64_t visits);
/* Lowers SQLite's longest string or blob (SQLITE_LIMIT_LENGTH) on this handle, so that a
 * bind fails with SQLITE_TOOBIG below the store's own field caps. */
herald_status store_sqlite_limit_length(store *st, int bytes);

#endif
