/*
 * feed_item.c - ownership helpers for struct feed / struct feed_item, shared by the XML
 * and JSON Feed parsers, and the one call into the HTML sanitizer.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "feed/feed_int.h"
#include "html/escape.h"
#include "html/sanitize.h"

#include "core/banned.h"

void feed_set_str(char **slot, const char *s)
{
    char *copy = s ? xstrdup(s) : NULL;
    free(*slot);
    *slot = copy;
}

void feed_text_release(struct feed_text *t)
{
    free(t->value);
    free(t->type);
    free(t->language);
    free(t->base);
    free(t->src);
    memset(t, 0, sizeof(*t));
}

static void person_release(struct feed_person *p)
{
    free(p->name);
    free(p->email);
    free(p->href);
}

void feed_item_init(struct feed_item *it)
{
    memset(it, 0, sizeof(*it));
    it->published = it->updated = it->created = it->expired = TIME_NONE;
}

void feed_item_release(struct feed_item *it)
{
    feed_text_release(&it->title);
    feed_text_release(&it->subtitle);
    feed_text_release(&it->summary);
    feed_text_release(&it->rights);
    feed_text_release(&it->info);
    for (size_t i = 0; i < it->ncontent; i++)
        feed_text_release(&it->content[i]);
    free(it->content);
    free(it->id);
    free(it->link);
    for (size_t i = 0; i < it->nlinks; i++) {
        struct feed_link *l = &it->links[i];
        free(l->rel);
        free(l->type);
        free(l->href);
        free(l->title);
        free(l->hreflang);
        free(l->length);
    }
    free(it->links);
    free(it->published_raw);
    free(it->updated_raw);
    free(it->created_raw);
    free(it->expired_raw);
    for (size_t i = 0; i < it->nauthors; i++)
        person_release(&it->authors[i]);
    free(it->authors);
    for (size_t i = 0; i < it->ncontributors; i++)
        person_release(&it->contributors[i]);
    free(it->contributors);
    person_release(&it->publisher);
    for (size_t i = 0; i < it->ntags; i++) {
        free(it->tags[i].term);
        free(it->tags[i].scheme);
        free(it->tags[i].label);
    }
    free(it->tags);
    for (size_t i = 0; i < it->nenclosures; i++) {
        free(it->enclosures[i].href);
        free(it->enclosures[i].type);
        free(it->enclosures[i].length);
    }
    free(it->enclosures);
    for (size_t i = 0; i < it->nmedia; i++) {
        struct feed_media *m = &it->media[i];
        free(m->url);
        free(m->type);
        free(m->medium);
        free(m->caption);
        free(m->credit);
    }
    free(it->media);
    free(it->language);
    free(it->comments);
    free(it->icon);
    free(it->logo);
    free(it->image.href);
    free(it->image.title);
    free(it->image.link);
    free(it->image.description);
    free(it->generator.name);
    free(it->generator.href);
    free(it->generator.version);
    free(it->docs);
    if (it->source) {
        feed_item_release(it->source);
        free(it->source);
    }
    for (size_t i = 0; i < it->next; i++) {
        free(it->ext[i].key);
        free(it->ext[i].value);
    }
    free(it->ext);
    feed_item_init(it);
}

/* Grows *arr (elements of size sz) by one zeroed element; returns it. */
static void *grow_one(void **arr, size_t *n, size_t sz)
{
    char *p = xrealloc(*arr, (*n + 1) * sz);
    memset(p + *n * sz, 0, sz);
    *arr = p;
    (*n)++;
    return p + (*n - 1) * sz;
}

struct feed_link *feed_item_add_link(struct feed_item *it)
{
    return grow_one((void **)&it->links, &it->nlinks, sizeof(struct feed_link));
}

struct feed_person *feed_item_add_person(struct feed_person **arr, size_t *n)
{
    return grow_one((void **)arr, n, sizeof(struct feed_person));
}

struct feed_category *feed_item_add_tag(struct feed_item *it)
{
    return grow_one((void **)&it->tags, &it->ntags, sizeof(struct feed_category));
}

struct feed_text *feed_item_add_content(struct feed_item *it)
{
    return grow_one((void **)&it->content, &it->ncontent, sizeof(struct feed_text));
}

struct feed_enclosure *feed_item_add_enclosure(struct feed_item *it)
{
    return grow_one((void **)&it->enclosures, &it->nenclosures, sizeof(struct feed_enclosure));
}

struct feed_media *feed_item_add_media(struct feed_item *it)
{
    return grow_one((void **)&it->media, &it->nmedia, sizeof(struct feed_media));
}

void feed_item_set_ext(struct feed_item *it, const char *key, const char *value)
{
    for (size_t i = 0; i < it->next; i++) {
        if (strcmp(it->ext[i].key, key) == 0) {
            feed_set_str(&it->ext[i].value, value);
            return;
        }
    }
    if (it->next >= FEED_MAX_EXT)
        return; /* bounded: further unknown elements are dropped */
    struct feed_ext *e = grow_one((void **)&it->ext, &it->next, sizeof(struct feed_ext));
    e->key = xstrdup(key);
    e->value = xstrdup(value ? value : "");
}

const char *feed_item_ext(const struct feed_item *item, const char *key)
{
    if (!item || !key)
        return NULL;
    for (size_t i = 0; i < item->next; i++)
        if (strcmp(item->ext[i].key, key) == 0)
            return item->ext[i].value;
    return NULL;
}

void feed_set_bozo(struct feed *f, const char *msg)
{
    f->bozo = 1;
    if (!f->bozo_message && msg)
        f->bozo_message = xstrdup(msg);
}

void feed_free(struct feed *f)
{
    if (!f)
        return;
    free(f->encoding);
    free(f->bozo_message);
    free(f->update_period);
    feed_item_release(&f->head);
    for (size_t i = 0; i < f->nentries; i++)
        feed_item_release(&f->entries[i]);
    free(f->entries);
    free(f);
}

const char *feed_format_name(enum feed_format fmt)
{
    switch (fmt) {
    case FEED_FORMAT_RSS090:
        return "rss090";
    case FEED_FORMAT_RSS091U:
        return "rss091u";
    case FEED_FORMAT_RSS091N:
        return "rss091n";
    case FEED_FORMAT_RSS092:
        return "rss092";
    case FEED_FORMAT_RSS093:
        return "rss093";
    case FEED_FORMAT_RSS094:
        return "rss094";
    case FEED_FORMAT_RSS20:
        return "rss20";
    case FEED_FORMAT_RSS10:
        return "rss10";
    case FEED_FORMAT_RSS:
        return "rss";
    case FEED_FORMAT_ATOM01:
        return "atom01";
    case FEED_FORMAT_ATOM02:
        return "atom02";
    case FEED_FORMAT_ATOM03:
        return "atom03";
    case FEED_FORMAT_ATOM10:
        return "atom10";
    case FEED_FORMAT_ATOM:
        return "atom";
    case FEED_FORMAT_JSON1:
        return "json1";
    case FEED_FORMAT_JSON11:
        return "json11";
    case FEED_FORMAT_UNKNOWN:
        break;
    }
    return "";
}

/* The one call into the HTML sanitizer (html/sanitize.h): relative URLs are resolved
 * against base there.  Should it refuse the input (over its size cap, or nothing
 * parseable), the text is kept HTML-escaped rather than raw. */
void feed_sanitize_html(const char *html, size_t len, const char *base, struct strbuf *out)
{
    /* fast path: no markup and no references, so the HTML is plain text (RSS descriptions
     * often are); escaping it is what the sanitizer would write */
    if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
        html_escape_text_n(out, html, len);
        return;
    }
    struct sanitize_opts so;
    memset(&so, 0, sizeof(so));
    so.base_url = base;
    size_t mark = out->len;
    herald_status rc = sanitize_html(html, len, &so, out);
    if (rc) {
        strbuf_setlen(out, mark);
        html_escape_text_n(out, html, len);
    }
}
