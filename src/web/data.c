/*
 * data.c - see data.h.  Store records are heap objects registered with the arena; view
 * models borrow their strings.
 */
#include "web/data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ai/ai.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "llm/llm.h"
#include "stories/stories.h"
#include "web/route.h"

#include "core/banned.h"

_Static_assert(STORE_MARK_OPEN == WEB_MARK_OPEN_CH, "snippet markers disagree");
_Static_assert(STORE_MARK_CLOSE == WEB_MARK_CLOSE_CH, "snippet markers disagree");

static void free_article_list(void *p)
{
    store_article_list_release(p);
    free(p);
}

static void free_article(void *p)
{
    store_article_release(p);
    free(p);
}

static void free_source(void *p)
{
    store_source_release(p);
    free(p);
}

static void free_source_list(void *p)
{
    store_source_list_release(p);
    free(p);
}

static void free_feed_list(void *p)
{
    store_feed_list_release(p);
    free(p);
}

static void free_search(void *p)
{
    store_search_result_release(p);
    free(p);
}

static void item_from(struct web_item *it, const struct store_article *sa)
{
    memset(it, 0, sizeof(*it));
    it->id = sa->id;
    it->title = sa->title;
    it->url = sa->url;
    it->canonical_url = sa->canonical_url;
    it->author = sa->authors;
    it->source_id = sa->source_id;
    it->source_name = sa->source_name;
    it->language = sa->language;
    it->published = sa->sort_time != TIME_NONE ? sa->sort_time : sa->published;
    it->updated = sa->updated;
    it->image_url = sa->image_url;
    it->summary = sa->summary;
    it->story_id = sa->story_id;
}

/* Borrows an article list into a web_list (without its cursor). */
static void list_from(web_arena *a, const struct store_article_list *l, struct web_list *out)
{
    memset(out, 0, sizeof(*out));
    out->items = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*out->items));
    for (size_t i = 0; i < l->count; i++)
        item_from(&out->items[i], &l->items[i]);
    out->n_items = l->count;
    out->next_cursor = l->next_cursor[0] ? l->next_cursor : NULL;
    out->prev_cursor = l->prev_cursor[0] ? l->prev_cursor : NULL;
}

void web_list_fold_stories(struct web_list *list)
{
    size_t k = 0;
    for (size_t i = 0; i < list->n_items; i++) {
        int seen = 0;
        for (size_t j = 0; j < k && list->items[i].story_id > 0; j++)
            seen |= list->items[j].story_id == list->items[i].story_id;
        if (!seen)
            list->items[k++] = list->items[i];
    }
    list->n_items = k;
}

herald_status web_data_list(store *st, web_arena *a, const struct store_article_query *q,
                            struct web_list *out)
{
    struct store_article_list *l = xcalloc(1, sizeof(*l));
    herald_status rc;
    web_arena_defer(a, free_article_list, l);
    rc = store_article_list(st, q, l);
    if (rc)
        return rc;
    list_from(a, l, out);
    return HERALD_OK;
}

herald_status web_data_page(store *st, web_arena *a, const struct store_article_query *q,
                            struct web_list *out)
{
    struct store_article_query first;
    size_t limit = (size_t)(q->limit > 0 ? q->limit : STORE_LIST_DEFAULT);
    herald_status rc = web_data_list(st, a, q, out);
    if (rc || !q->after || !*q->after || out->prev_cursor || out->n_items >= limit)
        return rc;
    /* fewer than a page of newer rows: the newest page itself */
    first = *q;
    first.after = NULL;
    first.cursor = NULL;
    return web_data_list(st, a, &first, out);
}

static void free_language_list(void *p)
{
    store_language_list_release(p);
    free(p);
}

herald_status web_data_languages(store *st, web_arena *a, struct web_language **out, size_t *n)
{
    struct store_language_list *l = xcalloc(1, sizeof(*l));
    struct web_language *v;
    herald_status rc;
    web_arena_defer(a, free_language_list, l);
    rc = store_languages(st, l);
    if (rc)
        return rc;
    v = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v));
    *n = 0;
    for (size_t i = 0; i < l->count; i++) {
        const char *tag = l->items[i].language;
        /* only tags the filter takes (?lang= is web_param_lang's shape; a feed's "en-US"
         * is stored as given and could not be chosen) */
        if (strlen(tag) >= WEB_LANG_MAX || !web_route_is_lang(tag, strlen(tag)))
            continue;
        v[*n].tag = tag;
        v[*n].count = l->items[i].count;
        v[*n].capped = l->items[i].count >= STORE_LANGUAGE_COUNT_CAP;
        (*n)++;
    }
    *out = v;
    return HERALD_OK;
}

static void feed_from(struct web_feed *f, const struct store_feed *sf)
{
    memset(f, 0, sizeof(*f));
    f->id = sf->id;
    f->source_id = sf->source_id;
    f->url = sf->url;
    f->title = sf->title;
    f->last_fetch = sf->last_poll;
    f->last_success = sf->last_success;
    f->next_fetch = sf->next_poll;
    f->last_status = sf->last_status;
    f->error_count = sf->consecutive_errors;
    f->last_error = sf->last_error;
    f->article_count = sf->article_count;
}

static void source_from(struct web_source *s, const struct store_source *ss)
{
    memset(s, 0, sizeof(*s));
    s->id = ss->id;
    s->name = ss->name;
    s->homepage = ss->homepage;
    s->language = ss->language;
    s->copyright = ss->copyright;
    s->article_count = ss->article_count;
    s->feed_count = ss->feed_count;
    s->latest = ss->last_article;
}

static void free_analysis(void *p)
{
    store_analysis_release(p);
    free(p);
}

static void free_entity(void *p)
{
    store_entity_release(p);
    free(p);
}

/* Fills the AI section from the stored analysis (present = 0 when there is none). */
static void ai_into(store *st, web_arena *a, const char *id, struct web_ai *ai)
{
    struct store_analysis *an = xcalloc(1, sizeof(*an));
    char *llm = NULL;
    web_arena_defer(a, free_analysis, an);
    memset(ai, 0, sizeof(*ai));
    if (store_analysis_get(st, id, an) != HERALD_OK)
        return;
    ai->present = 1;
    ai->language = an->language;
    ai->reading_minutes = an->reading_minutes;
    ai->lang_neutral = an->lang_neutral;
    ai->summary = (const char **)an->summary;
    ai->n_summary = an->n_summary;
    ai->key_points = (const char **)an->key_points;
    ai->n_key_points = an->n_key_points;
    ai->keywords = (const char **)an->keywords;
    ai->n_keywords = an->n_keywords;
    ai->entities =
        web_arena_alloc(a, (an->n_entities ? an->n_entities : 1) * sizeof(*ai->entities));
    for (size_t i = 0; i < an->n_entities; i++) {
        ai->entities[i].slug = an->entities[i].slug;
        ai->entities[i].name = an->entities[i].name;
        ai->entities[i].type = an->entities[i].type;
        ai->entities[i].count = an->entities[i].count;
    }
    ai->n_entities = an->n_entities;
    /* the language model's summary, when a worker cached one */
    if (store_llm_cache_get(st, id, "summary", "", &llm) == HERALD_OK) {
        ai->llm_summary = web_arena_strdup(a, llm);
        free(llm);
    }
}

/* The article page's related list: WEB_RELATED_SHOWN cards at most. */
#define WEB_RELATED_SHOWN STORIES_RELATED_SHOWN
#define WEB_STORY_READ 200 /* articles of a story read for a page */

static void free_story(void *p)
{
    store_story_release(p);
    free(p);
}

static void free_story_list(void *p)
{
    store_story_list_release(p);
    free(p);
}

/* Reads story id's articles (arena-owned); NULL on failure. */
static struct store_article_list *story_articles(store *st, web_arena *a, int64_t id, int limit)
{
    struct store_article_list *l = xcalloc(1, sizeof(*l));
    web_arena_defer(a, free_article_list, l);
    if (store_story_articles(st, id, limit, l) != HERALD_OK)
        return NULL;
    return l;
}

/* The cards of ids[0..n) (arena-owned, in that order, the vanished ones left out); NULL
 * on failure. */
/* The cards (links: only what a related list shows, store_article_links) of ids. */
static struct store_article_list *cards(store *st, web_arena *a, const char *const *ids, size_t n,
                                        int links)
{
    struct store_article_list *l = xcalloc(1, sizeof(*l));
    web_arena_defer(a, free_article_list, l);
    if ((links ? store_article_links : store_article_cards)(st, ids, n, l) != HERALD_OK)
        return NULL;
    return l;
}

/*
 * Fills w->related and w->copies from the article's stored related list (chosen by
 * stories/ when the story job placed it; store_article_related_get), then reads the cards
 * of those articles by key.  No text is compared and no query runs over the archive here.
 * An article without a stored list (the job has not run yet, or a database from before
 * the lists, until `herald stories related`) gets the same list computed from its story
 * by key (stories_related_compute without the term query).  Failures leave the lists
 * short: they are extras.
 */
static void related_into(store *st, web_arena *a, const struct store_article *sa, int links,
                         struct web_article *w)
{
    struct store_related_entry e[STORE_RELATED_LIST_MAX];
    const char *ids[STORE_RELATED_LIST_MAX];
    struct store_article_list *l;
    size_t n = 0, k = 0, c = 0, j = 0;
    herald_status rc;

    rc = store_article_related_get(st, sa->id, e, STORE_RELATED_LIST_MAX, &n);
    if (rc == HERALD_E_NOTFOUND)
        rc = stories_related_compute(st, sa, 0, e, &n);
    if (rc || n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        ids[i] = e[i].id;
    l = cards(st, a, ids, n, links);
    if (!l)
        return;
    w->related = web_arena_alloc(a, WEB_RELATED_SHOWN * sizeof(*w->related));
    w->copies = web_arena_alloc(a, n * sizeof(*w->copies));
    for (size_t i = 0; i < n && j < l->count; i++) {
        const struct store_article *o = &l->items[j];
        if (strcmp(o->id, e[i].id) != 0)
            continue; /* gone since the list was made */
        j++;
        if (e[i].reason == STORE_RELATED_NEAR_COPY) {
            item_from(&w->copies[c], o);
            w->copies[c++].reason = store_related_reason_name(e[i].reason);
        } else if (k < WEB_RELATED_SHOWN) {
            item_from(&w->related[k], o);
            w->related[k++].reason = store_related_reason_name(e[i].reason);
        }
    }
    w->n_related = k;
    w->n_copies = c;
}

/* The article's categories (a JSON array of strings) as topics, each with the slug the
 * store files it under (store_topic_slug) or none; repeats of one slug are shown once. */
static void topics_into(web_arena *a, const char *json, struct web_article *w)
{
    json_t *root = json ? json_loads(json, JSON_REJECT_DUPLICATES, NULL) : NULL;
    size_t n = json_is_array(root) ? json_array_size(root) : 0;
    if (n > STORE_TOPICS_PER_ARTICLE)
        n = STORE_TOPICS_PER_ARTICLE;
    w->topics = web_arena_alloc(a, (n ? n : 1) * sizeof(*w->topics));
    w->n_topics = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_array_get(root, i));
        char *slug = name ? store_topic_slug(name) : NULL;
        int seen = 0;
        for (size_t j = 0; slug && j < w->n_topics; j++)
            seen |= w->topics[j].slug && strcmp(w->topics[j].slug, slug) == 0;
        if (name && *name && !seen) {
            struct web_topic *t = &w->topics[w->n_topics++];
            t->name = web_arena_strdup(a, name);
            t->slug = web_arena_strdup(a, slug);
            t->count = 0;
        }
        free(slug);
    }
    json_decref(root);
}

herald_status web_data_article(store *st, web_arena *a, const char *id,
                               enum web_related_detail detail, struct web_article *out)
{
    struct store_article *sa = xcalloc(1, sizeof(*sa));
    struct web_article w;
    herald_status rc;

    store_article_init(sa);
    web_arena_defer(a, free_article, sa);
    rc = store_article_get(st, id, sa);
    if (rc)
        return rc;
    memset(&w, 0, sizeof(w));
    w.id = sa->id;
    w.url = sa->url;
    w.canonical_url = sa->canonical_url;
    w.title = sa->title;
    w.author = sa->authors;
    w.language = sa->language;
    w.summary = sa->summary;
    w.body_html = sa->content_html;
    w.body_text = sa->text;
    w.image_url = sa->image_url;
    w.image_caption = sa->image_caption;
    w.image_credit = sa->image_credit;
    w.categories_json = sa->categories;
    w.published = sa->published;
    w.sort_time = sa->sort_time;
    w.updated = sa->updated;
    w.fetched = sa->first_seen;
    w.last_changed = sa->last_changed;
    w.word_count = sa->word_count;
    w.source_id = sa->source_id;
    w.source_name = sa->source_name;
    w.source_homepage = sa->source_homepage;
    w.copyright = sa->source_copyright;
    w.story_id = sa->story_id;
    /* Related articles and the analysis are extras: a failure there must not hide the
     * article. */
    topics_into(a, sa->categories, &w);
    related_into(st, a, sa, detail == WEB_RELATED_LINKS, &w);
    ai_into(st, a, sa->id, &w.ai);
    *out = w;
    return HERALD_OK;
}

/* Questions about the article also search the other articles of its story, up to this
 * many (the hook for stories: articles.story_id, set by the stories module). */
#define WEB_ASK_STORY_MAX 8
#define WEB_ASK_PASSAGES 5

/* The passage's sentence with its marks turned into snippet markers. */
static const char *marked(web_arena *a, const struct ai_passage *p)
{
    struct strbuf sb = STRBUF_INIT;
    size_t at = 0, n = strlen(p->text);
    const char *out;
    for (size_t i = 0; i < p->mark_count; i++) {
        size_t off = p->marks[i].off, len = p->marks[i].len;
        if (off < at || off > n || len > n - off)
            continue; /* out of order or out of range: skip the mark, keep the text */
        strbuf_add(&sb, p->text + at, off - at);
        strbuf_adds(&sb, WEB_MARK_OPEN);
        strbuf_add(&sb, p->text + off, len);
        strbuf_adds(&sb, WEB_MARK_CLOSE);
        at = off + len;
    }
    strbuf_add(&sb, p->text + at, n - at);
    out = web_arena_strdup(a, sb.buf ? sb.buf : "");
    strbuf_release(&sb);
    return out;
}

herald_status web_data_ask(store *st, web_arena *a, struct web_article *w, const char *question)
{
    struct store_article_list *sib = xcalloc(1, sizeof(*sib));
    struct ai_doc docs[1 + WEB_ASK_STORY_MAX];
    const char *ids[1 + WEB_ASK_STORY_MAX], *titles[1 + WEB_ASK_STORY_MAX];
    struct ai_answer ans;
    size_t nd = 0;
    herald_status rc;

    web_arena_defer(a, free_article_list, sib);
    w->ai.question = question;
    docs[nd].text = w->body_text ? w->body_text : (w->summary ? w->summary : "");
    docs[nd].id = 0;
    ids[nd] = w->id;
    titles[nd++] = NULL;
    if (w->story_id > 0) {
        struct store_article_query q;
        store_article_query_init(&q);
        q.story_id = w->story_id;
        q.limit = WEB_ASK_STORY_MAX + 1;
        if (store_article_list(st, &q, sib) == HERALD_OK) {
            for (size_t i = 0; i < sib->count && nd < 1 + WEB_ASK_STORY_MAX; i++) {
                struct store_article *sa;
                if (strcmp(sib->items[i].id, w->id) == 0)
                    continue;
                sa = xcalloc(1, sizeof(*sa));
                store_article_init(sa);
                web_arena_defer(a, free_article, sa);
                if (store_article_get(st, sib->items[i].id, sa) != HERALD_OK || !sa->text)
                    continue;
                docs[nd].text = sa->text;
                docs[nd].id = (int64_t)nd;
                ids[nd] = sa->id;
                titles[nd++] = sa->title;
                w->ai.story_articles++;
            }
        }
    }
    rc = ai_answer(question, docs, nd, WEB_ASK_PASSAGES, &ans);
    if (rc)
        return rc;
    w->ai.passages = web_arena_alloc(a, (ans.count ? ans.count : 1) * sizeof(*w->ai.passages));
    for (size_t i = 0; i < ans.count; i++) {
        struct web_passage *p = &w->ai.passages[i];
        size_t d = ans.passages[i].doc < nd ? ans.passages[i].doc : 0;
        p->text = marked(a, &ans.passages[i]);
        p->article_id = ids[d];
        p->title = titles[d];
        p->score = ans.passages[i].score;
    }
    w->ai.n_passages = ans.count;
    ai_answer_release(&ans);
    return HERALD_OK;
}

static uint64_t fnv64(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The model's output for (article, task, key), from the store's llm_cache (read through
 * rd); on a miss the model is called (call) and its output stored through rw (NULL: not
 * stored).  The answer is in the arena, or NULL when neither the store nor the model has
 * one. */
struct llm_call {
    const struct llm_config *lc;
    const char *text, *question, *lang;
};
static const char *llm_cached(store *rd, store *rw, web_arena *a, const char *id, const char *task,
                              const char *key, const struct llm_call *call)
{
    char *out = NULL;
    const char *res = NULL;
    herald_status rc;
    if (store_llm_cache_get(rd, id, task, key, &out) == HERALD_OK) {
        res = web_arena_strdup(a, out);
        free(out);
        return res;
    }
    if (call->question)
        rc = llm_answer(call->lc, call->text, call->question, &out);
    else
        rc = llm_translate(call->lc, call->text, call->lang, &out);
    if (rc != HERALD_OK)
        return NULL;
    res = web_arena_strdup(a, out);
    if (rw && store_llm_cache_put(rw, id, task, key, call->lc->model, out) != HERALD_OK)
        log_warn("web", "cannot cache the model's %s of %s: %s", task, id, store_errmsg(rw));
    free(out);
    return res;
}

void web_data_llm(store *rd, store *rw, web_arena *a, const struct llm_config *lc, const char *lang,
                  struct web_article *w)
{
    char key[STORE_LLM_KEY_MAX + 1];
    struct llm_call call = {lc, NULL, NULL, NULL};
    if (!llm_enabled(lc))
        return;
    if (w->ai.question && *w->ai.question && !w->ai.ask_message) {
        /* the question is the key; a longer one than the store keys: its head and hash */
        size_t n = strlen(w->ai.question);
        if (n <= STORE_LLM_KEY_MAX)
            snprintf(key, sizeof(key), "%s", w->ai.question);
        else
            snprintf(key, sizeof(key), "%.400s#%016llx", w->ai.question,
                     (unsigned long long)fnv64(w->ai.question));
        call.text = w->body_text ? w->body_text : "";
        call.question = w->ai.question;
        w->ai.llm_answer = llm_cached(rd, rw, a, w->id, "answer", key, &call);
    }
    if (lang && *lang && w->ai.n_summary &&
        (!w->ai.language || strncmp(w->ai.language, lang, 2) != 0)) {
        struct strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < w->ai.n_summary; i++) {
            if (i)
                strbuf_addch(&sb, ' ');
            strbuf_adds(&sb, w->ai.summary[i]);
        }
        snprintf(key, sizeof(key), "%.16s", lang);
        call.text = sb.buf;
        call.question = NULL;
        call.lang = lang;
        w->ai.llm_translation = llm_cached(rd, rw, a, w->id, "translate", key, &call);
        if (w->ai.llm_translation)
            w->ai.translate_to = web_arena_strdup(a, lang);
        strbuf_release(&sb);
    }
}

static void story_from(struct web_story *v, const struct store_story *s);

herald_status web_data_entity(store *st, web_arena *a, const char *slug, const char *cursor,
                              const char *after, struct web_entity_page *out)
{
    struct store_entity *e = xcalloc(1, sizeof(*e));
    struct store_story_list *sl = xcalloc(1, sizeof(*sl));
    struct store_article_query q;
    struct web_entity_page p;
    herald_status rc;

    web_arena_defer(a, free_entity, e);
    web_arena_defer(a, free_story_list, sl);
    rc = store_entity_get(st, slug, e);
    if (rc)
        return rc;
    memset(&p, 0, sizeof(p));
    p.entity.slug = e->slug;
    p.entity.name = e->name;
    p.entity.type = e->type;
    p.entity.count = e->count;
    rc = store_entity_stories(st, e->slug, WEB_ENTITY_STORIES, sl);
    if (rc)
        return rc;
    p.stories = web_arena_alloc(a, (sl->count ? sl->count : 1) * sizeof(*p.stories));
    for (size_t i = 0; i < sl->count; i++)
        story_from(&p.stories[i], &sl->items[i]);
    p.n_stories = sl->count;
    store_article_query_init(&q);
    q.entity = e->slug;
    q.cursor = cursor;
    q.after = after;
    q.limit = 30;
    rc = web_data_page(st, a, &q, &p.articles);
    if (rc)
        return rc;
    *out = p;
    return HERALD_OK;
}

herald_status web_data_source(store *st, web_arena *a, int64_t source_id, const char *cursor,
                              const char *after, int64_t unread_for, struct web_source_page *out)
{
    struct store_source *ss = xcalloc(1, sizeof(*ss));
    struct store_feed_list *fl = xcalloc(1, sizeof(*fl));
    struct store_article_query q;
    struct web_source_page p;
    herald_status rc;

    store_source_init(ss);
    web_arena_defer(a, free_source, ss);
    web_arena_defer(a, free_feed_list, fl);
    rc = store_source_get(st, source_id, ss);
    if (rc)
        return rc;
    memset(&p, 0, sizeof(p));
    source_from(&p.source, ss);
    rc = store_feed_list_source(st, source_id, fl);
    if (rc)
        return rc;
    p.feeds = web_arena_alloc(a, (fl->count ? fl->count : 1) * sizeof(*p.feeds));
    for (size_t i = 0; i < fl->count; i++)
        feed_from(&p.feeds[i], &fl->items[i]);
    p.n_feeds = fl->count;
    store_article_query_init(&q);
    q.source_id = source_id;
    q.cursor = cursor;
    q.after = after;
    q.unread_for = unread_for;
    rc = web_data_page(st, a, &q, &p.articles);
    if (rc)
        return rc;
    *out = p;
    return HERALD_OK;
}

static void free_topic(void *p)
{
    store_topic_release(p);
    free(p);
}

static void free_topic_list(void *p)
{
    store_topic_list_release(p);
    free(p);
}

herald_status web_data_topic(store *st, web_arena *a, const char *slug, const char *cursor,
                             const char *after, int limit, struct web_topic_page *out)
{
    struct store_topic *t = xcalloc(1, sizeof(*t));
    struct store_article_query q;
    struct web_topic_page p;
    herald_status rc;

    web_arena_defer(a, free_topic, t);
    rc = store_topic_get(st, slug, t);
    if (rc)
        return rc;
    memset(&p, 0, sizeof(p));
    p.topic.slug = t->slug;
    p.topic.name = t->name;
    p.topic.count = t->count;
    store_article_query_init(&q);
    q.topic = t->slug;
    q.cursor = cursor;
    q.after = after;
    q.limit = limit;
    rc = web_data_page(st, a, &q, &p.articles);
    if (rc)
        return rc;
    *out = p;
    return HERALD_OK;
}

herald_status web_data_topics(store *st, web_arena *a, int limit, struct web_topic **out, size_t *n)
{
    struct store_topic_list *l = xcalloc(1, sizeof(*l));
    struct web_topic *v;
    herald_status rc;
    web_arena_defer(a, free_topic_list, l);
    rc = store_topic_list(st, WEB_TOPIC_MIN, limit, l);
    if (rc)
        return rc;
    v = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v));
    for (size_t i = 0; i < l->count; i++) {
        v[i].slug = l->items[i].slug;
        v[i].name = l->items[i].name;
        v[i].count = l->items[i].count;
    }
    *out = v;
    *n = l->count;
    return HERALD_OK;
}

static herald_status sources_from(store *st, web_arena *a, int with_counts, struct web_source **out,
                                  size_t *n)
{
    struct store_source_list *l = xcalloc(1, sizeof(*l));
    struct web_source *v;
    herald_status rc;
    web_arena_defer(a, free_source_list, l);
    rc = with_counts ? store_source_list(st, l) : store_source_names(st, l);
    if (rc)
        return rc;
    v = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v));
    for (size_t i = 0; i < l->count; i++)
        source_from(&v[i], &l->items[i]);
    *out = v;
    *n = l->count;
    return HERALD_OK;
}

herald_status web_data_sources(store *st, web_arena *a, struct web_source **out, size_t *n)
{
    return sources_from(st, a, 1, out, n);
}

herald_status web_data_source_names(store *st, web_arena *a, struct web_source **out, size_t *n)
{
    return sources_from(st, a, 0, out, n);
}

herald_status web_data_feeds(store *st, web_arena *a, struct web_feed **out, size_t *n)
{
    struct store_feed_list *l = xcalloc(1, sizeof(*l));
    struct web_feed *v;
    herald_status rc;
    web_arena_defer(a, free_feed_list, l);
    rc = store_feed_list(st, l);
    if (rc)
        return rc;
    v = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v));
    for (size_t i = 0; i < l->count; i++) {
        feed_from(&v[i], &l->items[i]);
        v[i].source_name = l->items[i].source_name;
    }
    *out = v;
    *n = l->count;
    return HERALD_OK;
}

herald_status web_data_search(store *st, web_arena *a, const struct store_search_query *q,
                              struct web_list *out, struct web_search_info *info,
                              const char **message)
{
    struct store_search_result *r = xcalloc(1, sizeof(*r));
    struct web_list l;
    herald_status rc;

    web_arena_defer(a, free_search, r);
    rc = store_search(st, q, r);
    if (rc) {
        if (rc == HERALD_E_INVALID && message)
            *message = web_arena_strdup(a, store_errmsg(st));
        return rc;
    }
    memset(&l, 0, sizeof(l));
    l.items = web_arena_alloc(a, (r->count ? r->count : 1) * sizeof(*l.items));
    for (size_t i = 0; i < r->count; i++) {
        item_from(&l.items[i], &r->hits[i].article);
        l.items[i].title_hl = r->hits[i].title_hl;
        l.items[i].snippet = r->hits[i].snippet;
        l.items[i].score = r->hits[i].score;
    }
    l.n_items = r->count;
    l.next_cursor = r->next_cursor[0] ? r->next_cursor : NULL;
    *out = l;
    info->total = r->total;
    info->total_capped = r->total_capped;
    info->window_end = r->window_end;
    return HERALD_OK;
}

herald_status web_data_about(store *st, web_arena *a, struct web_about_page *out)
{
    struct store_stats stats;
    struct web_feed *feeds = NULL;
    size_t n = 0, k = 0;
    herald_status rc;

    rc = store_stats_get(st, &stats);
    if (rc)
        return rc;
    out->articles = stats.articles;
    out->sources = stats.sources;
    out->feeds = stats.feeds;
    out->newest = stats.newest_article;
    out->last_poll = stats.last_poll;
    out->db_ok = 1;
    if (stats.feeds_failing > 0) {
        rc = web_data_feeds(st, a, &feeds, &n);
        if (rc)
            return rc;
        for (size_t i = 0; i < n; i++)
            if (feeds[i].error_count > 0)
                feeds[k++] = feeds[i];
    }
    out->failing = feeds;
    out->n_failing = k;
    return HERALD_OK;
}

void web_data_items(store *st, web_arena *a, char *const *ids, size_t n, struct web_list *out)
{
    struct store_article_list *l;
    memset(out, 0, sizeof(*out));
    out->items = web_arena_alloc(a, (n ? n : 1) * sizeof(*out->items));
    /* cards by key, a list's worth at a time (store_article_cards takes STORE_LIST_MAX) */
    for (size_t at = 0; at < n; at += STORE_LIST_MAX) {
        size_t m = n - at < STORE_LIST_MAX ? n - at : STORE_LIST_MAX;
        l = cards(st, a, (const char *const *)ids + at, m, 0);
        for (size_t i = 0; l && i < l->count; i++)
            item_from(&out->items[out->n_items++], &l->items[i]);
    }
}

static void story_from(struct web_story *v, const struct store_story *s)
{
    memset(v, 0, sizeof(*v));
    v->id = s->id;
    v->title = s->title;
    v->first_update = s->first_update;
    v->last_update = s->last_update;
    v->size = s->size;
    v->sources = s->sources;
    v->open = s->open;
    v->image_url = s->image_url;
    v->lead_id = s->title_article[0] ? s->title_article : NULL;
    v->rank = s->rank;
}

herald_status web_data_story(store *st, web_arena *a, int64_t id, struct web_story *out,
                             int64_t *merged_into)
{
    struct store_story *s = xcalloc(1, sizeof(*s));
    struct store_story_list *rel = xcalloc(1, sizeof(*rel));
    struct store_article_list *l;
    struct web_story v;
    herald_status rc;

    store_story_init(s);
    web_arena_defer(a, free_story, s);
    web_arena_defer(a, free_story_list, rel);
    *merged_into = 0;
    rc = store_story_get(st, id, s);
    if (rc)
        return rc;
    if (s->merged_into > 0) {
        *merged_into = s->merged_into;
        return HERALD_OK;
    }
    story_from(&v, s);
    l = story_articles(st, a, id, WEB_STORY_READ);
    if (!l)
        return HERALD_E_DB;
    v.articles = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v.articles));
    for (size_t i = 0; i < l->count; i++)
        item_from(&v.articles[i], &l->items[i]);
    v.n_articles = l->count;
    if (store_story_related_list(st, id, 6, rel) == HERALD_OK) {
        v.related = web_arena_alloc(a, (rel->count ? rel->count : 1) * sizeof(*v.related));
        for (size_t i = 0; i < rel->count; i++)
            story_from(&v.related[i], &rel->items[i]);
        v.n_related = rel->count;
    }
    *out = v;
    return HERALD_OK;
}

herald_status web_data_top_stories(store *st, web_arena *a, int64_t now, int limit,
                                   struct web_story **out, size_t *n)
{
    struct store_story_list *l = xcalloc(1, sizeof(*l));
    struct web_story *v;
    herald_status rc;
    web_arena_defer(a, free_story_list, l);
    rc = store_story_top(st, now, limit, l);
    if (rc)
        return rc;
    v = web_arena_alloc(a, (l->count ? l->count : 1) * sizeof(*v));
    for (size_t i = 0; i < l->count; i++)
        story_from(&v[i], &l->items[i]);
    *out = v;
    *n = l->count;
    return HERALD_OK;
}
