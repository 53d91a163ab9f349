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

#endif
