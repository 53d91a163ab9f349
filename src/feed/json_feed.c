/*
 * json_feed.c - JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) into struct feed.
 *
 * jansson parses the document (its parser bounds nesting at 2048 levels; the input size
 * was bounded by feed_parse).  Fields map onto the same struct feed_item the XML
 * dialects fill: title, home_page_url -> link, feed_url -> a "self" link, description
 * -> subtitle, icon -> image, favicon -> icon, author(s), language; per item id,
 * url -> link, external_url -> a "related" link, title, summary, content_html and
 * content_text -> content, image and banner_image -> media, date_published and
 * date_modified, tags, attachments -> enclosures.  Wrong-typed fields are ignored and
 * flag the feed (bozo), as ill-formed XML does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "core/date.h"
#include "feed/feed_int.h"

#include "core/banned.h"

static const char *jstr(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *abs_url(const char *base, const char *ref)
{
    char *out = NULL;
    if (!ref)
        return NULL;
    if (base && *base && url_resolve(base, ref, &out) == HERALD_OK)
        return out;
    return xstrdup(ref);
}

static void set_text(struct feed_text *t, const char *value, const char *type, const char *lang,
                     const char *base)
{
    feed_text_release(t);
    t->value = xstrdup(value);
    t->type = xstrdup(type);
    t->language = lang ? xstrdup(lang) : NULL;
    t->base = base ? xstrdup(base) : NULL;
}

static void add_author(struct feed_item *it, json_t *a, const char *base)
{
    if (!json_is_object(a))
        return;
    const char *name = jstr(a, "name"), *url = jstr(a, "url");
    if (!name && !url)
        return;
    struct feed_person *p = feed_item_add_person(&it->authors, &it->nauthors);
    p->name = name ? xstrdup(name) : NULL;
    if (url) {
        if (!strncmp(url, "mailto:", 7)) {
            p->email = xstrdup(url + 7);
        } else {
            p->href = abs_url(base, url);
        }
    }
}

static void read_authors(struct feed_item *it, json_t *obj, const char *base)
{
    json_t *arr = json_object_get(obj, "authors");
    if (json_is_array(arr)) {
        size_t i;
        json_t *a;
        json_array_foreach(arr, i, a)
        {
            if (it->nauthors >= FEED_MAX_LIST)
                break;
            add_author(it, a, base);
        }
    } else {
        add_author(it, json_object_get(obj, "author"), base);
    }
}

static void set_date(const char *s, int64_t *t, char **raw)
{
    if (!s)
        return;
    feed_set_str(raw, s);
    int64_t v;
    *t = date_parse(s, &v) == HERALD_OK ? v : TIME_NONE;
}

static void read_item(struct feed_item *e, json_t *item, const char *base, const char *lang,
                      int no_sanitize)
{
    json_t *id = json_object_get(item, "id");
    if (json_is_string(id)) {
        e->id = xstrdup(json_string_value(id));
    } else if (json_is_integer(id)) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(id));
        e->id = xstrdup(buf);
    }
    const char *url = jstr(item, "url");
    if (url) {
        e->link = abs_url(base, url);
        struct feed_link *l = feed_item_add_link(e);
        l->rel = xstrdup("alternate");
        l->type = xstrdup("text/html");
        l->href = xstrdup(e->link);
    }
    const char *ext = jstr(item, "external_url");
    if (ext) {
        struct feed_link *l = feed_item_add_link(e);
        l->rel = xstrdup("related");
        l->href = abs_url(base, ext);
        feed_item_set_ext(e, "external_url", l->href);
    }
    const char *s;
    const char *item_lang = jstr(item, "language");
    if (!item_lang)
        item_lang = lang;
    s = jstr(item, "title");
    if (s)
        set_text(&e->title, s, "text/plain", item_lang, base);
    s = jstr(item, "summary");
    if (s)
        set_text(&e->summary, s, "text/plain", item_lang, base);
    if (item_lang)
        e->language = xstrdup(item_lang);
    s = jstr(item, "content_html");
    if (s) {
        struct feed_text *c = feed_item_add_content(e);
        if (no_sanitize) {
            c->value = xstrdup(s);
        } else {
            struct strbuf sb = STRBUF_INIT;
            feed_sanitize_html(s, strlen(s), e->link ? e->link : base, &sb);
            c->value = strbuf_detach(&sb, NULL);
        }
        c->type = xstrdup("text/html");
        c->language = item_lang ? xstrdup(item_lang) : NULL;
        c->base = base ? xstrdup(base) : NULL;
    }
    s = jstr(item, "content_text");
    if (s) {
        struct feed_text *c = feed_item_add_content(e);
        c->value = xstrdup(s);
        c->type = xstrdup("text/plain");
        c->language = item_lang ? xstrdup(item_lang) : NULL;
        c->base = base ? xstrdup(base) : NULL;
    }
    static const char *const images[] = {"image", "banner_image"};
    for (size_t k = 0; k < 2; k++) {
        s = jstr(item, images[k]);
        if (s) {
            struct feed_media *m = feed_item_add_media(e);
            m->url = abs_url(base, s);
            m->medium = xstrdup("image");
        }
    }
    set_date(jstr(item, "date_published"), &e->published, &e->published_raw);
    set_date(jstr(item, "date_modified"), &e->updated, &e->updated_raw);
    read_authors(e, item, base);
    json_t *tags = json_object_get(item, "tags");
    if (json_is_array(tags)) {
        size_t i;
        json_t *t;
        json_array_foreach(tags, i, t)
        {
            if (json_is_string(t) && e->ntags < FEED_MAX_LIST) {
                struct feed_category *c = feed_item_add_tag(e);
                c->term = xstrdup(json_string_value(t));
            }
        }
    }
    json_t *att = json_object_get(item, "attachments");
    if (json_is_array(att)) {
        size_t i;
        json_t *a;
        json_array_foreach(att, i, a)
        {
            const char *u = jstr(a, "url");
            if (!u || e->nenclosures >= FEED_MAX_LIST)
                continue;
            struct feed_enclosure *en = feed_item_add_enclosure(e);
            en->href = abs_url(base, u);
            const char *mt = jstr(a, "mime_type");
            en->type = mt ? xstrdup(mt) : NULL;
            json_t *size = json_object_get(a, "size_in_bytes");
            if (json_is_integer(size)) {
                char buf[32];
                snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(size));
                en->length = xstrdup(buf);
            }
            struct feed_link *l = feed_item_add_link(e);
            l->rel = xstrdup("enclosure");
            l->href = xstrdup(en->href);
            l->type = mt ? xstrdup(mt) : NULL;
            l->length = en->length ? xstrdup(en->length) : NULL;
        }
    }
}

herald_status feed_parse_json(const char *data, size_t len, const struct feed_parse_opts *opts,
                              struct feed *f)
{
    json_error_t err;
    if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
        data += 3;
        len -= 3;
    }
    json_t *root = json_loadb(data, len, 0, &err);
    if (!root)
        return HERALD_E_PARSE;
    herald_status rc = HERALD_OK;
    if (!json_is_object(root)) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    /* "https://jsonfeed.org/version/1.1"; http:// is accepted; a missing version or a bare
     * "1", "1.0" or "1.1" (as publishers write it and other readers accept) is accepted
     * when there is an items array, and flagged as not well-formed */
    const char *version = jstr(root, "version");
    const char *vp = version ? strstr(version, "jsonfeed.org/version/") : NULL;
    int has_items = json_is_array(json_object_get(root, "items"));
    if (vp) {
        vp += strlen("jsonfeed.org/version/");
        f->format = !strcmp(vp, "1") ? FEED_FORMAT_JSON1 : FEED_FORMAT_JSON11;
    } else if (!version && has_items) {
        f->format = FEED_FORMAT_JSON1;
        feed_set_bozo(f, "JSON Feed without a version");
    } else if (version && has_items &&
               (!strcmp(version, "1") || !strcmp(version, "1.0") || !strcmp(version, "1.1"))) {
        f->format = !strcmp(version, "1.1") ? FEED_FORMAT_JSON11 : FEED_FORMAT_JSON1;
        feed_set_bozo(f, "JSON Feed version is not the jsonfeed.org URL");
    } else {
        rc = HERALD_E_PARSE;
        goto out;
    }
    const char *base = opts->url;
    struct feed_item *h = &f->head;
    const char *s;
    const char *lang = jstr(root, "language");
    if (!lang)
        lang = opts->content_language;
    s = jstr(root, "title");
    if (s)
        set_text(&h->title, s, "text/plain", lang, base);
    s = jstr(root, "description");
    if (s)
        set_text(&h->subtitle, s, "text/plain", lang, base);
    s = jstr(root, "home_page_url");
    if (s) {
        h->link = abs_url(base, s);
        struct feed_link *l = feed_item_add_link(h);
        l->rel = xstrdup("alternate");
        l->type = xstrdup("text/html");
        l->href = xstrdup(h->link);
    }
    s = jstr(root, "feed_url");
    if (s) {
        struct feed_link *l = feed_item_add_link(h);
        l->rel = xstrdup("self");
        l->type = xstrdup("application/feed+json");
        l->href = abs_url(base, s);
    }
    s = jstr(root, "icon");
    if (s) {
        h->image.href = abs_url(base, s);
        h->logo = xstrdup(h->image.href);
    }
    s = jstr(root, "favicon");
    if (s)
        h->icon = abs_url(base, s);
    if (lang)
        h->language = xstrdup(lang);
    read_authors(h, root, base);
    json_t *items = json_object_get(root, "items");
    if (!json_is_array(items)) {
        feed_set_bozo(f, "JSON Feed without an items array");
        goto out;
    }
    size_t max = opts->max_entries ? opts->max_entries : FEED_DEFAULT_MAX_ENTRIES;
    size_t n = json_array_size(items);
    if (n > max) {
        feed_set_bozo(f, "too many entries; the rest were dropped");
        n = max;
    }
    f->entries = xcalloc(n ? n : 1, sizeof(*f->entries));
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(items, i);
        if (!json_is_object(item)) {
            feed_set_bozo(f, "JSON Feed item is not an object");
            continue;
        }
        struct feed_item *e = &f->entries[f->nentries++];
        feed_item_init(e);
        read_item(e, item, base, lang, opts->no_sanitize);
    }
out:
    json_decref(root);
    return rc;
}
