/*
 * feed_int.h - helpers shared by the files of the feed module (not public).
 */
#ifndef HERALD_FEED_INT_H
#define HERALD_FEED_INT_H

#include "feed/feed.h"

/* Replaces *slot with a malloc'd copy of s (NULL allowed), freeing the old value. */
void feed_set_str(char **slot, const char *s);
/* Frees the contents of an item (not the item itself). */
void feed_item_release(struct feed_item *it);
/* Initialises an item: zeroes it and sets every date to TIME_NONE. */
void feed_item_init(struct feed_item *it);
/* Appends zeroed elements; return a pointer to the new one. */
struct feed_link *feed_item_add_link(struct feed_item *it);
struct feed_person *feed_item_add_person(struct feed_person **arr, size_t *n);
struct feed_category *feed_item_add_tag(struct feed_item *it);
struct feed_text *feed_item_add_content(struct feed_item *it);
struct feed_enclosure *feed_item_add_enclosure(struct feed_item *it);
struct feed_media *feed_item_add_media(struct feed_item *it);
/* Sets (replacing) an extension value. */
void feed_item_set_ext(struct feed_item *it, const char *key, const char *value);
/* Frees a text construct's strings. */
void feed_text_release(struct feed_text *t);
/* Sets f->bozo and keeps the first message. */
void feed_set_bozo(struct feed *f, const char *msg);
/* Sanitizes html (UTF-8) for display, resolving relative URLs against base (may be NULL);
 * appends to out.  The one place the HTML sanitizer is called. */
void feed_sanitize_html(const char *html, size_t len, const char *base, struct strbuf *out);
/* Parses a JSON Feed document (UTF-8) into f. */
herald_status feed_parse_json(const char *data, size_t len, const struct feed_parse_opts *opts,
                              struct feed *f);

#endif
