/*
 * fixture.h - a small news database for the web tests, written through the store API:
 * four sources (one with a hostile name), their feeds (one failing), and a dozen
 * articles with images, captions, authors, copyright lines and related stories across
 * outlets, categories (topics; one hostile), plus articles with hostile titles (<script>,
 * quotes in attributes).
 */
#ifndef HERALD_TEST_WEB_FIXTURE_H
#define HERALD_TEST_WEB_FIXTURE_H

#include <stdint.h>

#include "core/status.h"
#include "web/server.h"

#define FIXTURE_HOSTILE_TITLE "<script>alert(\"pwned\")</script> \"Quoted\" & 'single' <b>bold</b>"
#define FIXTURE_HOSTILE_SOURCE "Evil \"Source\" <i>Daily</i>"
#define FIXTURE_ENTITY "prague" /* an entity of the Czech article's analysis */

struct fixture_ids {
    char czech[33];   /* the seed-like article: image, caption, author, related */
    char seafood[33]; /* Japan Today */
    char hostile[33]; /* FIXTURE_HOSTILE_TITLE */
    int64_t wire_source, japan_today, evil_source;
    int64_t n_articles;
};

/* Creates the database at path (which must not exist) with articles published relative
 * to now.  Returns HERALD_OK or the store's error. */
herald_status fixture_build(const char *path, int64_t now, struct fixture_ids *ids);

/* The files of a test server: a fresh temporary directory and the path of its database
 * in it (dir/news.db, not created), both malloc'd; fixture_tmp_release removes the
 * directory and frees both. */
void fixture_tmp_db(char **dir, char **db);
void fixture_tmp_release(char *dir, char *db);

/* A test server's configuration: web_config_init, then a free loopback port
 * (127.0.0.1:0), the database db and 2 threads; the caller sets anything else. */
void fixture_web_config(struct web_config *cfg, const char *db);

/* Starts a server with cfg; returns its port, or 0 when it did not start. */
unsigned fixture_serve(const struct web_config *cfg, web_server **srv);

#endif
