/*
 * view.h - the view models of herald's pages and the renderers that turn them into HTML.
 *
 * A handler fills plain structs (from the store, see data.h, or by hand in the tests)
 * and a renderer appends the whole page to a strbuf.  Renderers do no I/O and keep no
 * state, so every page is unit-tested without a database or a server.
 *
 * Escaping: every string of a view model is outside data.  Renderers write it only
 * through html/escape.h (html_escape_text for content, html_escape_attr for attribute
 * values) and write URLs into href/src only when their scheme is http or https.  The one
 * exception is web_article.body_html: the sanitized HTML the ingest pipeline stored,
 * inserted as is.  Search snippets carry WEB_MARK_OPEN / WEB_MARK_CLOSE around matches;
 * the renderer escapes the text between markers and writes the markers as <mark>.
 *
 * The pages satisfy the server's Content-Security-Policy: no inline script or style, one
 * stylesheet at WEB_CSS_PATH.  Strings are borrowed: a view model owns nothing (its
 * strings usually live in the request's arena).
 */
#ifndef HERALD_WEB_VIEW_H
#define HERALD_WEB_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/health.h"
#include "core/strbuf.h"
#include "core/tzone.h"
#include "media/media.h"

/* Snippet match markers: the store's STORE_MARK_OPEN_STR / STORE_MARK_CLOSE_STR (data.c
 * checks at compile time that they agree). */
#define WEB_MARK_OPEN "\x01"
#define WEB_MARK_CLOSE "\x02"
#define WEB_MARK_OPEN_CH '\x01'
#define WEB_MARK_CLOSE_CH '\x02'

/* One article in a list (home, source, search, related). */
struct web_item {
    const char *id; /* 32 hex */
    const char *title;
    const char *url;           /* the original */
    const char *canonical_url; /* the publisher's canonical URL, may be NULL (feeds) */
    const char *author;        /* display form, may be NULL (feeds) */
    int64_t source_id;
    const char *source_name;
    const char *language;          /* may be NULL */
    int64_t published;             /* TIME_NONE when unknown */
    int64_t updated;               /* the publisher's update time, TIME_NONE when unknown */
    const char *image_url;         /* NULL when none */
    int image_width, image_height; /* 0 when unknown */
    const char *summary;           /* plain text, may be NULL */
    const char *title_hl;          /* search only: the title with match markers, may be NULL */
    const char *snippet;           /* search only: text with match markers */
    double score;                  /* search only: bm25 (lower is better) */
    int64_t story_id;              /* 0 = none */
    const char *reason;            /* related only: "same_story", "near_copy", "shared_terms" */
};

/* A page of articles with its keyset continuation. */
struct web_list {
    struct web_item *items;
    size_t n_items;
    const char *next_cursor; /* the "before" value of the next page; NULL at the end */
    const char *prev_cursor; /* the "after" value of the page just newer; NULL on the first */
};

/* A language of the archive, for the home page's language filter. */
struct web_language {
    const char *tag; /* "en", "pt-br" */
    int64_t count;   /* articles, up to a cap */
    int capped;      /* 1: at least count ("1,000+") */
};

/* A named entity (person, organisation, place) of an article or an entity page. */
struct web_entity {
    const char *slug; /* [a-z0-9-], the /entity/{slug} page */
    const char *name;
    const char *type; /* "person", "org", "place" */
    int count;        /* mentions in the article; articles mentioning it on its page */
};

/* A topic section (/topic/{slug}): a publisher category as the store indexes it. */
struct web_topic {
    const char *slug; /* [a-z0-9-]; NULL: a category that has no section (shown unlinked) */
    const char *name;
    int64_t count; /* articles filed under it; 0 when unknown (an article's categories) */
};

/* /topic/{slug}: the articles of one topic, newest first. */
struct web_topic_page {
    struct web_topic topic;
    struct web_list articles;
};

/* One passage answering a question: a sentence with its matches between WEB_MARK_OPEN
 * and WEB_MARK_CLOSE (rendered like search snippets). */
struct web_passage {
    const char *text;       /* marked */
    const char *article_id; /* the article it is from */
    const char *title;      /* that article's title when it is another article of the story */
    double score;           /* BM25, higher is better */
};

/* The article page's AI section.  present = 0: not analysed yet (the section says so). */
struct web_ai {
    int present;
    const char *language; /* detected */
    int reading_minutes;
    int lang_neutral; /* not English: no entities; the section says so */
    const char **summary;
    size_t n_summary;
    const char **key_points;
    size_t n_key_points;
    const char **keywords;
    size_t n_keywords;
    struct web_entity *entities;
    size_t n_entities;
    /* Ask the article */
    const char *question;    /* as typed; NULL when none was asked */
    const char *ask_message; /* why the question was refused (400), else NULL */
    struct web_passage *passages;
    size_t n_passages;  /* 0 with a question: "Not found in this article" */
    int story_articles; /* other articles of its story searched too */
    /* The optional language model (each shown labelled machine-generated) */
    const char *llm_summary;     /* cached abstractive summary, or NULL */
    const char *llm_answer;      /* grounded answer to question, or NULL */
    const char *llm_translation; /* the summary in translate_to, or NULL */
    const char *translate_to;    /* the reader's language for llm_translation */
};

/* The article page (and /api/v1/articles/{id}). */
struct web_article {
    const char *id;
    const char *url; /* the original */
    const char *canonical_url;
    const char *title;
    const char *author;
    const char *language;
    const char *summary;
    const char *body_html; /* stored sanitized HTML, written as is */
    const char *body_text; /* plain text (API only) */
    const char *image_url;
    const char *image_alt;
    const char *image_caption;
    const char *image_credit;
    int image_width, image_height;
    const char *categories_json;         /* JSON array text from the store, may be NULL (API) */
    int64_t published, updated, fetched; /* TIME_NONE when unknown; fetched = first seen */
    int64_t sort_time;                   /* the list order time (API) */
    int64_t last_changed;                /* when the stored row last changed (Last-Modified) */
    int64_t story_id;                    /* 0 = none */
    int64_t word_count;
    int64_t source_id;
    const char *source_name;
    const char *source_homepage;
    const char *copyright;    /* the source's copyright/attribution line */
    struct web_item *related; /* the page's list: same story first, never a copy */
    size_t n_related;
    struct web_item *copies; /* the same text elsewhere ("Also published by") */
    size_t n_copies;
    struct web_topic *topics; /* its categories, as filed ("Filed under") */
    size_t n_topics;
    const struct web_comments *comments; /* NULL: the empty "No comments yet." section */
    struct web_ai ai;
};

/* /entity/{slug}: the articles mentioning an entity, newest first. */
struct web_entity_page {
    struct web_entity entity;
    struct web_story *stories; /* the stories of the articles mentioning it, newest first */
    size_t n_stories;
    struct web_list articles;
};

/* A story (event cluster): /story/{id}, the home page's top stories, the API. */
struct web_story {
    int64_t id;
    const char *title;
    int64_t first_update, last_update;
    int64_t size, sources;
    int open;
    const char *image_url;     /* lead image of its newest article with one, or NULL */
    const char *lead_id;       /* the article the title comes from (for the image), or NULL */
    double rank;               /* top stories only */
    struct web_item *articles; /* story page: every article, oldest first (timeline) */
    size_t n_articles;
    struct web_story *related; /* story page: related stories (title, size) */
    size_t n_related;
};

/* A feed and its health, for the source page and /api/v1/feeds. */
struct web_feed {
    int64_t id;
    int64_t source_id;
    const char *source_name; /* may be NULL */
    const char *url;
    const char *title;
    int64_t last_fetch; /* TIME_NONE when never */
    int64_t last_success;
    int64_t next_fetch;
    int last_status;        /* HTTP status of the last fetch, 0 when none */
    int64_t error_count;    /* consecutive failures */
    const char *last_error; /* NULL when healthy */
    int64_t article_count;
};

struct web_source {
    int64_t id;
    const char *name;
    const char *homepage;
    const char *language;
    const char *copyright;
    int64_t article_count;
    int64_t feed_count;
    int64_t latest; /* newest article time, TIME_NONE when none */
};

struct web_source_page {
    struct web_source source;
    struct web_feed *feeds;
    size_t n_feeds;
    struct web_list articles;
};

/* /sources: every source, and the topics most used. */
struct web_sources_page {
    const struct web_source *sources;
    size_t n_sources;
    const struct web_topic *topics; /* most used first */
    size_t n_topics;
};

struct web_search_page {
    const char *q;              /* as typed, may be NULL */
    int64_t source_id;          /* 0 = all */
    const char *since, *until;  /* as typed (YYYY-MM-DD), may be NULL */
    const char *message;        /* a friendly error for a bad query, else NULL */
    struct web_source *sources; /* for the source filter */
    size_t n_sources;
    int by_date;             /* sort=date (else relevance) */
    struct web_list results; /* next_cursor: the next page's cursor, NULL on the last */
    int64_t total;           /* matches counted */
    int total_capped;        /* total is a lower bound: "1,000+ results" */
    int window_end;          /* the next page holds older results */
    int searched;            /* 1 when a query ran (results are meaningful) */
};

struct web_about_page {
    const char *version;
    int64_t articles, sources, feeds;
    int64_t newest;    /* TIME_NONE when empty */
    int64_t last_poll; /* newest feed poll, TIME_NONE when never */
    int64_t started;   /* server start */
    int db_ok;
    struct web_feed *failing; /* feeds whose last fetch failed */
    size_t n_failing;
    const struct health_report *health; /* what ingest (and others) last reported */
    size_t n_health;
};

/* Per-render context. */
struct web_render_ctx {
    int64_t now;            /* for relative times */
    const char *css_href;   /* the stylesheet URL with its version query */
    const char *js_href;    /* the script's (herald.js) likewise */
    const tzone *zone;      /* the zone of the times shown (web.timezone); NULL = UTC */
    const char *path;       /* canonical path of this page, for <link rel=canonical>; may be NULL */
    const char *base;       /* absolute links start with this ("https://news.example", no
                             * trailing slash; web_req_base); NULL/"" = relative links, and
                             * no og:url / og:image, which must be absolute */
    const char *feed_path;  /* this page's feeds: feed_path + ".xml" / ".atom" / ".json"
                             * (+ "?" feed_query) in <link rel=alternate>; NULL = none */
    const char *feed_query; /* already percent-encoded, e.g. "q=vote"; may be NULL */
    const char *feed_title; /* what the feed links are called ("Latest from X") */
    const char *query;      /* current search query for the header search box; may be NULL */
    int local_images;       /* lead images at file:// URLs are served at /media/{id}/{w} */
    const char *list_lang;  /* the list's language filter, kept by its paging links; NULL */
    const struct web_language *list_langs; /* home: the languages the filter offers */
    size_t n_list_langs;                   /* 0: no language filter is shown */
    int list_unread;          /* home and source lists: 0 no reader signed in (no toggle); 1 every
                               * article, with an "Unread only" link; 2 the reader's unread ones
                               * (?unread=1, kept by the "older" link), with an "All" link */
    const media_proxy *media; /* the image proxy; NULL: no image is shown */
};

/* Images (media.c).  Every image a page shows is served by the proxy (media/media.h): an
 * http(s) url at its signed /media/{sig}/{width}?u=... path, a file: lead image of article
 * id at /media/{id}/{width} when ctx->local_images.  Anything else is not shown. */
/* The sizes attribute of a responsive image in the article column (--measure: 40rem). */
#define WEB_MEDIA_SIZES "(max-width: 42rem) 100vw, 40rem"
/* Whether the image url (the lead image of article id, or a body image with id NULL) is
 * shown at all. */
int web_media_shown(const struct web_render_ctx *ctx, const char *id, const char *url);
/* The width of the image in link previews and feeds: the largest of MEDIA_WIDTHS. */
#define WEB_PREVIEW_WIDTH 1280
/* Appends the proxy's path of url at width (one of MEDIA_WIDTHS), not escaped, for feeds and
 * link previews; returns 0 and appends nothing when the image is not shown. */
int web_media_path(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                   const char *url, int width);
/* Appends the attribute-escaped src of url at width (one of MEDIA_WIDTHS); returns 0 and
 * appends nothing when the image is not shown. */
int web_media_src(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                  const char *url, int width);
/* Appends a srcset of url at widths[0..n): "src 320w, ..." or, with density, "src 1x, src
 * 2x, ..." (attribute-escaped).  Call only when web_media_shown. */
void web_media_srcset(struct strbuf *sb, const struct web_render_ctx *ctx, const char *id,
                      const char *url, const int *widths, size_t n, int density);
/* Appends stored, sanitized article HTML with every <img> rewritten to the proxy (src, a
 * srcset of 320/640/1280 and sizes; images the proxy will not take are dropped) and the
 * srcset of <source> elements removed (their <img> is the proxied fallback). */
void web_render_body(struct strbuf *sb, const struct web_render_ctx *ctx, const char *html);

/* Writes base + path escaped as an attribute value (path alone when base is NULL/""). */
void web_render_put_abs(struct strbuf *out, const struct web_render_ctx *ctx, const char *path);

/* Percent-encodes s for a query string value (the result is attribute- and XML-safe). */
void web_render_query_value(struct strbuf *out, const char *s);

/* ---- readers: comments, accounts, moderation (render_users.c) ---------------------- */

struct web_comment {
    int64_t id, parent_id;
    int depth;               /* 0, 1, 2 */
    const char *author;      /* NULL: the account was deleted */
    int64_t author_id;       /* 0 likewise */
    const char *body;        /* plain text as the reader typed it */
    int64_t created, edited; /* edited TIME_NONE when never */
    int state;               /* 0 visible, 1 hidden by a moderator, 2 deleted */
    int reports;             /* unresolved reports (shown to moderators) */
    int mine;                /* the viewer wrote it */
    int editable;            /* mine and still within the edit window */
};

/* The comments of an article page and what the viewer may do there. */
struct web_comments {
    const char *article_id;
    const struct web_comment *items; /* oldest first */
    size_t n_items;
    size_t count;       /* visible comments */
    const char *viewer; /* the signed-in reader, NULL when anonymous */
    const char *csrf;   /* the session's CSRF token for the forms */
    int moderator;      /* the viewer moderates */
    int saved, read;    /* the viewer's state of the article */
};

/* Writes a comment's text: paragraphs at blank lines, line breaks, http(s) URLs as links
 * with rel="nofollow ugc noopener"; everything else escaped (never reader HTML). */
void web_render_comment_text(struct strbuf *out, const char *text);
/* The comments section of an article page. */
void web_render_comments(struct strbuf *out, const struct web_render_ctx *ctx,
                         const struct web_comments *c);

/* <time datetime=...>relative</time> (nothing for TIME_NONE). */
void web_render_put_time(struct strbuf *out, const struct web_render_ctx *ctx, int64_t t);

/* A simple page: a title, a message (may be NULL) and a body of markup the caller built
 * with the escaping helpers.  For the account, sign-in and moderation pages. */
void web_render_simple(struct strbuf *out, const struct web_render_ctx *ctx, const char *title,
                       const char *message, const char *body_html);

/* Each renderer appends a complete HTML document to out. */
void web_render_story(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_story *s);
/* The home page: the top stories (first page only; one entry per story) and the latest
 * articles (the caller has folded copies and repeats of a story). */
void web_render_home(struct strbuf *out, const struct web_render_ctx *ctx,
                     const struct web_story *top, size_t n_top, const struct web_list *list,
                     int is_first_page);
void web_render_article(struct strbuf *out, const struct web_render_ctx *ctx,
                        const struct web_article *a);
void web_render_source(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_source_page *p);
void web_render_search(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_search_page *p);
void web_render_about(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_about_page *p);
void web_render_entity(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_entity_page *p);
/* /sources: the sources (name, articles, latest, feeds) and the topics index. */
void web_render_sources(struct strbuf *out, const struct web_render_ctx *ctx,
                        const struct web_sources_page *p);
/* /topic/{slug}: a topic's articles with the older-page link. */
void web_render_topic(struct strbuf *out, const struct web_render_ctx *ctx,
                      const struct web_topic_page *p);
/* An error page: status 404/400/405/500 with a short human message. */
void web_render_error(struct strbuf *out, const struct web_render_ctx *ctx, int status,
                      const char *message);

/* Appends snippet (with match markers) escaped as text, markers as <mark>...</mark>.
 * Unbalanced markers are closed at the end; stray close markers are dropped. */
void web_render_snippet(struct strbuf *out, const char *snippet);

/* Returns 1 when url may be written into href/src (http or https), else 0. */
int web_url_is_safe(const char *url);

#endif
