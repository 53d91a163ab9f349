/*
 * stories_related.c - the related list of an article page, chosen off the request path and
 * stored (store_article_related_put), so a page reads it by key (see stories.h, "Related
 * articles").
 *
 * The list, in page order (what the web computed per request before):
 *   - the other articles of the article's story, never a copy: other outlets first, then
 *     its own source, newest first within each ("same_story");
 *   - then the newest non-copy article of each related story, best story first
 *     ("shared_terms");
 *   at most STORIES_RELATED_SHOWN of these, followed by
 *   - every other member of its copy group ("near_copy": "Also published by").
 * An article in no story (the story job has not run, or stories are off) gets the store's
 * term query (store_related, FTS5 bm25 over the archive) instead: run here, once, never
 * by a page.
 *
 * Freshness: a list is a snapshot.  When the story job places an article, the "related"
 * job refreshes the lists it changes: the article's own, its copy group's and those of the
 * STORIES_RELATED_REFRESH newest other articles of its story (the ones a reader is likely
 * to open next).  Older members keep the list they had; `herald stories related --all`
 * recomputes every list.  Bounding the refresh keeps the job's cost flat however large a
 * story grows (a big story would otherwise rewrite hundreds of lists per article).
 */
#include "stories/stories_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"

#include "core/banned.h"

#define MOD "stories"
#define STORY_READ 200    /* articles of a story read for a list (STORE_LIST_MAX) */
#define RELATED_STORIES 3 /* related stories whose newest article is listed */
#define RELATED_STORY_READ 20

static const char *canon_of(const struct store_article *a)
{
    return a->copy_of ? a->copy_of : a->id;
}

static void push(struct store_related_entry *e, size_t *k, const char *id,
                 enum store_related_reason reason)
{
    memcpy(e[*k].id, id, STORE_ID_LEN + 1);
    e[*k].reason = reason;
    (*k)++;
}

herald_status stories_related_compute(store *st, const struct store_article *a, int use_terms,
                                      struct store_related_entry *out, size_t *n)
{
    struct store_related_entry *copies = NULL;
    struct store_article_list l = {0};
    struct store_story_list rel = {0};
    const char *canon = canon_of(a);
    size_t k = 0, c = 0;
    herald_status rc = HERALD_OK;

    *n = 0;
    if (a->story_id <= 0) {
        if (!use_terms)
            return HERALD_OK;
        rc = store_related(st, a->id, STORIES_RELATED_SHOWN, &l);
        for (size_t i = 0; !rc && i < l.count && k < STORIES_RELATED_SHOWN; i++)
            push(out, &k, l.items[i].id, STORE_RELATED_SHARED_TERMS);
        store_article_list_release(&l);
        if (rc == HERALD_OK)
            *n = k;
        return rc;
    }
    rc = store_story_articles(st, a->story_id, STORY_READ, &l);
    if (rc)
        return rc;
    copies = xcalloc(STORE_RELATED_LIST_MAX, sizeof(*copies));
    for (size_t i = 0; i < l.count && c < STORE_RELATED_LIST_MAX - STORIES_RELATED_SHOWN; i++) {
        const struct store_article *o = &l.items[i];
        if (strcmp(o->id, a->id) != 0 && strcmp(canon_of(o), canon) == 0)
            push(copies, &c, o->id, STORE_RELATED_NEAR_COPY);
    }
    /* other outlets first, newest first, then the article's own source */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = l.count; i-- > 0 && k < STORIES_RELATED_SHOWN;) {
            const struct store_article *o = &l.items[i];
            int same_source = o->source_id == a->source_id;
            if (strcmp(canon_of(o), canon) == 0 || o->copy_of || same_source != pass)
                continue;
            push(out, &k, o->id, STORE_RELATED_SAME_STORY);
        }
    store_article_list_release(&l);
    if (k < STORIES_RELATED_SHOWN)
        rc = store_story_related_list(st, a->story_id, RELATED_STORIES, &rel);
    for (size_t i = 0; !rc && i < rel.count && k < STORIES_RELATED_SHOWN; i++) {
        struct store_article_list ol = {0};
        if (store_story_articles(st, rel.items[i].id, RELATED_STORY_READ, &ol) != HERALD_OK)
            continue;
        for (size_t j = ol.count; j-- > 0;)
            if (!ol.items[j].copy_of) {
                push(out, &k, ol.items[j].id, STORE_RELATED_SHARED_TERMS);
                break;
            }
        store_article_list_release(&ol);
    }
    store_story_list_release(&rel);
    if (!rc) {
        memcpy(out + k, copies, c * sizeof(*copies));
        *n = k + c;
    }
    free(copies);
    return rc;
}

/* The card of id (head of the row only); HERALD_E_NOTFOUND when it is gone. */
static herald_status card_of(store *st, const char *id, struct store_article_list *l)
{
    herald_status rc = store_article_cards(st, &id, 1, l);
    if (rc == HERALD_OK && l->count == 0) {
        store_article_list_release(l);
        return HERALD_E_NOTFOUND;
    }
    return rc;
}

static herald_status refresh_card(store *st, const struct store_article *a)
{
    struct store_related_entry e[STORE_RELATED_LIST_MAX];
    size_t n = 0;
    herald_status rc = stories_related_compute(st, a, 1, e, &n);
    if (!rc)
        rc = store_article_related_put(st, a->id, e, n);
    return rc;
}

herald_status stories_related_refresh(store *st, const char *article_id, int neighbours)
{
    struct store_article_list self = {0}, l = {0};
    const char *canon;
    herald_status rc = store_tx_begin(st);
    int own = rc == HERALD_OK, others = 0;
    if (rc && rc != HERALD_E_INVALID) /* INVALID: the caller's transaction is open */
        return rc;
    rc = card_of(st, article_id, &self);
    if (rc)
        goto out;
    rc = refresh_card(st, &self.items[0]);
    if (rc || !neighbours || self.items[0].story_id <= 0)
        goto out;
    canon = canon_of(&self.items[0]);
    rc = store_story_articles(st, self.items[0].story_id, STORY_READ, &l);
    /* its copy group (their "Also published by" changed), then the newest others */
    for (size_t i = 0; !rc && i < l.count; i++)
        if (strcmp(l.items[i].id, article_id) != 0 && strcmp(canon_of(&l.items[i]), canon) == 0)
            rc = refresh_card(st, &l.items[i]);
    for (size_t i = l.count; !rc && i-- > 0 && others < STORIES_RELATED_REFRESH;)
        if (strcmp(l.items[i].id, article_id) != 0 && strcmp(canon_of(&l.items[i]), canon) != 0) {
            rc = refresh_card(st, &l.items[i]);
            others++;
        }
out:
    store_article_list_release(&self);
    store_article_list_release(&l);
    if (own) {
        if (rc)
            store_tx_rollback(st);
        else
            rc = store_tx_commit(st);
    }
    return rc;
}

#define BACKFILL_BATCH 200

herald_status stories_related_backfill(store *st, int all, int64_t *n_out)
{
    char(*ids)[STORE_ID_LEN + 1] = xcalloc(BACKFILL_BATCH, sizeof(*ids));
    char after[STORE_ID_LEN + 1] = "";
    int64_t count = 0, last_time = INT64_MIN;
    int64_t *times = all ? xcalloc(BACKFILL_BATCH, sizeof(*times)) : NULL;
    herald_status rc = HERALD_OK;
    size_t n = 0;

    for (;;) {
        /* --all walks every article (time order); else those still without a list */
        if (all)
            rc = store_article_ids_chrono(st, last_time, after, BACKFILL_BATCH, ids, times, &n);
        else
            rc = store_article_related_missing(st, after, BACKFILL_BATCH, ids, &n);
        if (rc || !n)
            break;
        rc = store_tx_begin(st);
        for (size_t i = 0; !rc && i < n; i++) {
            rc = stories_related_refresh(st, ids[i], 0);
            if (rc == HERALD_E_NOTFOUND)
                rc = HERALD_OK; /* deleted meanwhile */
        }
        if (rc) {
            store_tx_rollback(st);
            break;
        }
        rc = store_tx_commit(st);
        if (rc)
            break;
        count += (int64_t)n;
        memcpy(after, ids[n - 1], sizeof(after));
        if (all)
            last_time = times[n - 1];
    }
    if (!rc && n_out)
        *n_out = count;
    if (rc)
        log_error(MOD, "computing related lists: %s", store_errmsg(st));
    free(ids);
    free(times);
    return rc;
}
