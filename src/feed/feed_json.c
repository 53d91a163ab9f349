/*
 * feed_json.c - feed_to_json: struct feed as the JSON `herald parse-feed` prints and the
 * conformance runner reads.
 *
 * Names follow the reference parser's result where one exists ("title" plus
 * "title_detail" {type, language, base}, "links", "tags", "enclosures", "authors"),
 * so that the conformance mapping stays thin.  Dates are RFC 3339 UTC strings
 * ("published"), with what the feed wrote beside them ("published_raw").  Absent
 * fields are omitted.  Built with jansson, keys in insertion order.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "feed/feed.h"

#include "core/banned.h"

/* A JSON string; bytes that are not UTF-8 (cannot happen for parser output, but the
 * struct is public) become U+FFFD. */
static json_t *jstring(const char *s)
{
    json_t *v = json_string(s);
    if (v)
        return v;
    struct strbuf sb = STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            strbuf_addch(&sb, *p);
        else
            strbuf_adds(&sb, "\xef\xbf\xbd");
    }
    v = json_string(sb.buf);
    strbuf_release(&sb);
    return v;
}

static void put_str(json_t *obj, const char *key, const char *s)
{
    if (s)
        json_object_set_new(obj, key, jstring(s));
}

static void put_date(json_t *obj, const char *key, int64_t t, const char *raw)
{
    char buf[TIME_RFC3339_LEN];
    char rawkey[64];
    if (t != TIME_NONE)
        json_object_set_new(obj, key, json_string(time_format_rfc3339(t, buf)));
    if (raw) {
        size_t n = strlen(key);
        if (n + 5 < sizeof(rawkey)) {
            memcpy(rawkey, key, n);
            memcpy(rawkey + n, "_raw", 5);
            put_str(obj, rawkey, raw);
        }
    }
}

static json_t *text_detail(const struct feed_text *t)
{
    json_t *d = json_object();
    put_str(d, "type", t->type);
    json_object_set_new(d, "language", t->language ? jstring(t->language) : json_null());
    json_object_set_new(d, "base", jstring(t->base ? t->base : ""));
    put_str(d, "src", t->src);
    put_str(d, "value", t->value);
    return d;
}

static void put_text(json_t *obj, const char *key, const struct feed_text *t)
{
    char dk[64];
    if (!t->value)
        return;
    put_str(obj, key, t->value);
    size_t n = strlen(key);
    if (n + 8 < sizeof(dk)) {
        memcpy(dk, key, n);
        memcpy(dk + n, "_detail", 8);
        json_object_set_new(obj, dk, text_detail(t));
    }
}

static json_t *person(const struct feed_person *p)
{
    json_t *o = json_object();
    put_str(o, "name", p->name);
    put_str(o, "email", p->email);
    put_str(o, "href", p->href);
    return o;
}

static json_t *item_json(const struct feed_item *it, int is_entry)
{
    json_t *o = json_object();
    put_text(o, "title", &it->title);
    put_text(o, "subtitle", &it->subtitle);
    put_text(o, "summary", &it->summary);
    put_text(o, "rights", &it->rights);
    put_text(o, "info", &it->info);
    if (it->ncontent) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->ncontent; i++)
            json_array_append_new(a, text_detail(&it->content[i]));
        json_object_set_new(o, "content", a);
    }
    put_str(o, "id", it->id);
    if (is_entry && it->id)
        json_object_set_new(o, "guidislink", json_boolean(it->guidislink));
    put_str(o, "link", it->link);
    if (it->nlinks) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->nlinks; i++) {
            const struct feed_link *l = &it->links[i];
            json_t *lo = json_object();
            put_str(lo, "rel", l->rel);
            put_str(lo, "type", l->type);
            put_str(lo, "href", l->href);
            put_str(lo, "title", l->title);
            put_str(lo, "hreflang", l->hreflang);
            put_str(lo, "length", l->length);
            json_array_append_new(a, lo);
        }
        json_object_set_new(o, "links", a);
    }
    put_date(o, "published", it->published, it->published_raw);
    put_date(o, "updated", it->updated, it->updated_raw);
    put_date(o, "created", it->created, it->created_raw);
    put_date(o, "expired", it->expired, it->expired_raw);
    if (it->nauthors) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->nauthors; i++)
            json_array_append_new(a, person(&it->authors[i]));
        json_object_set_new(o, "authors", a);
    }
    if (it->ncontributors) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->ncontributors; i++)
            json_array_append_new(a, person(&it->contributors[i]));
        json_object_set_new(o, "contributors", a);
    }
    if (it->publisher.name || it->publisher.email || it->publisher.href)
        json_object_set_new(o, "publisher", person(&it->publisher));
    if (it->ntags) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->ntags; i++) {
            json_t *t = json_object();
            json_object_set_new(t, "term",
                                it->tags[i].term ? jstring(it->tags[i].term) : json_null());
            json_object_set_new(t, "scheme",
                                it->tags[i].scheme ? jstring(it->tags[i].scheme) : json_null());
            json_object_set_new(t, "label",
                                it->tags[i].label ? jstring(it->tags[i].label) : json_null());
            json_array_append_new(a, t);
        }
        json_object_set_new(o, "tags", a);
    }
    if (it->nenclosures) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->nenclosures; i++) {
            json_t *e = json_object();
            put_str(e, "href", it->enclosures[i].href);
            put_str(e, "type", it->enclosures[i].type);
            put_str(e, "length", it->enclosures[i].length);
            json_array_append_new(a, e);
        }
        json_object_set_new(o, "enclosures", a);
    }
    if (it->nmedia) {
        json_t *a = json_array();
        for (size_t i = 0; i < it->nmedia; i++) {
            const struct feed_media *m = &it->media[i];
            json_t *e = json_object();
            put_str(e, "kind", m->thumbnail ? "thumbnail" : "content");
            put_str(e, "url", m->url);
            put_str(e, "type", m->type);
            put_str(e, "medium", m->medium);
            if (m->width)
                json_object_set_new(e, "width", json_integer(m->width));
            if (m->height)
                json_object_set_new(e, "height", json_integer(m->height));
            put_str(e, "caption", m->caption);
            put_str(e, "credit", m->credit);
            json_array_append_new(a, e);
        }
        json_object_set_new(o, "media", a);
    }
    put_str(o, "language", it->language);
    put_str(o, "comments", it->comments);
    put_str(o, "icon", it->icon);
    put_str(o, "logo", it->logo);
    if (it->image.href || it->image.title || it->image.link) {
        json_t *im = json_object();
        put_str(im, "href", it->image.href);
        put_str(im, "title", it->image.title);
        put_str(im, "link", it->image.link);
        put_str(im, "description", it->image.description);
        if (it->image.width)
            json_object_set_new(im, "width", json_integer(it->image.width));
        if (it->image.height)
            json_object_set_new(im, "height", json_integer(it->image.height));
        json_object_set_new(o, "image", im);
    }
    if (it->generator.name || it->generator.href || it->generator.version) {
        json_t *g = json_object();
        put_str(g, "name", it->generator.name);
        put_str(g, "href", it->generator.href);
        put_str(g, "version", it->generator.version);
        json_object_set_new(o, "generator", g);
    }
    put_str(o, "docs", it->docs);
    if (it->source)
        json_object_set_new(o, "source", item_json(it->source, 0));
    if (it->next) {
        json_t *e = json_object();
        for (size_t i = 0; i < it->next; i++)
            json_object_set_new(e, it->ext[i].key, jstring(it->ext[i].value));
        json_object_set_new(o, "ext", e);
    }
    return o;
}

herald_status feed_to_json(const struct feed *f, struct strbuf *out)
{
    if (!f || !out)
        return HERALD_E_INVALID;
    json_t *root = json_object();
    json_object_set_new(root, "version", json_string(feed_format_name(f->format)));
    put_str(root, "encoding", f->encoding);
    json_object_set_new(root, "bozo", json_boolean(f->bozo));
    put_str(root, "bozo_message", f->bozo_message);
    if (f->ttl_minutes > 0)
        json_object_set_new(root, "ttl", json_integer(f->ttl_minutes));
    if (f->skip_hours) {
        json_t *a = json_array();
        for (int h = 0; h < 24; h++)
            if (f->skip_hours & (1u << h))
                json_array_append_new(a, json_integer(h));
        json_object_set_new(root, "skip_hours", a);
    }
    if (f->skip_days) {
        static const char *const days[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
        json_t *a = json_array();
        for (int d = 0; d < 7; d++)
            if (f->skip_days & (1u << d))
                json_array_append_new(a, json_string(days[d]));
        json_object_set_new(root, "skip_days", a);
    }
    put_str(root, "update_period", f->update_period);
    if (f->update_frequency > 0)
        json_object_set_new(root, "update_frequency", json_integer(f->update_frequency));
    json_object_set_new(root, "feed", item_json(&f->head, 0));
    json_t *entries = json_array();
    for (size_t i = 0; i < f->nentries; i++)
        json_array_append_new(entries, item_json(&f->entries[i], 1));
    json_object_set_new(root, "entries", entries);
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!s)
        return HERALD_E_NOMEM;
    strbuf_adds(out, s);
    strbuf_addch(out, '\n');
    free(s);
    return HERALD_OK;
}
