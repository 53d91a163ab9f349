/*
 * extract_meta.c - article metadata: JSON-LD, meta and link tags, itemprop, dates,
 * authors, and the dateline of the body text.
 *
 * Sources are read during pass 1 (ex_walk calls ex_meta_element and ex_itemprop for every
 * element) and the first value found wins (ex_set_once), in document order; JSON-LD
 * article objects are found at any depth of @graph/mainEntity/arrays (bounded).  Dates go
 * through the project's one date parser (core/date.h), which reads the ISO 8601, RFC 3339
 * and RFC 822 shapes pages write.
 */
#include "extract/extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "extract/extract_int.h"
#include "core/banned.h"

#define MAX_JSONLD (2u * 1024u * 1024u)

static void add_author(struct ex *x, const char *name)
{
    char *a;

    if (!name)
        return;
    while (ex_is_space((unsigned char)*name))
        name++;
    if (strncasecmp(name, "by ", 3) == 0)
        name += 3;
    a = ex_clean_dup(name);
    if (!a)
        return;
    if (strlen(a) > 200 || strstr(a, "://") || x->n_authors >= 16) {
        free(a);
        return;
    }
    for (size_t i = 0; i < x->n_authors; i++) {
        if (strcasecmp(x->authors[i], a) == 0) {
            free(a);
            return;
        }
    }
    ALLOC_GROW(x->authors, x->n_authors + 2, x->authors_alloc);
    x->authors[x->n_authors++] = a;
    x->authors[x->n_authors] = NULL;
}

/* ---------------------------------------------------------------- dates */

/* 1..12 when p starts with an English month abbreviation, else 0. */
int ex_month_of(const char *p)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++) {
        if (strncasecmp(p, m[i], 3) == 0)
            return i + 1;
    }
    return 0;
}

/* Page metadata writes dates in the shapes feeds use (ISO 8601 / RFC 3339, RFC 822 and
 * their variants), so the feed module's date parser reads them. */
int64_t extract_parse_date(const char *s)
{
    int64_t t;
    if (!s)
        return TIME_NONE;
    while (ex_is_space((unsigned char)*s))
        s++;
    if (date_parse(s, &t) != HERALD_OK)
        return TIME_NONE;
    return t;
}

static void set_time(int64_t *dst, const char *s)
{
    if (*dst != TIME_NONE || !s)
        return;
    *dst = extract_parse_date(s);
}

/* ---------------------------------------------------------------- JSON-LD */

static int ld_type_is_article(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v)
        {
            if (ld_type_is_article(v))
                return 1;
        }
        return 0;
    }
    if (!json_is_string(t))
        return 0;
    const char *s = json_string_value(t);
    size_t n = strlen(s);
    if (n >= 7 && strcmp(s + n - 7, "Article") == 0)
        return 1;
    return strcmp(s, "BlogPosting") == 0 || strcmp(s, "LiveBlogPosting") == 0 ||
           strcmp(s, "SocialMediaPosting") == 0 || strcmp(s, "Report") == 0 ||
           strcmp(s, "DiscussionForumPosting") == 0;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    if (json_is_array(v))
        v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void ld_authors(struct ex *x, json_t *a)
{
    if (json_is_string(a)) {
        add_author(x, json_string_value(a));
    } else if (json_is_object(a)) {
        add_author(x, jstr(a, "name"));
    } else if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v)
        {
            if (i >= 16)
                break;
            ld_authors(x, v);
        }
    }
}

static void ld_image(struct ex *x, json_t *img)
{
    if (json_is_array(img))
        img = json_array_get(img, 0);
    if (json_is_string(img)) {
        ex_set_once(&x->image, json_string_value(img));
    } else if (json_is_object(img)) {
        ex_set_once(&x->image, jstr(img, "url"));
        if (!x->image)
            ex_set_once(&x->image, jstr(img, "contentUrl"));
        ex_set_once(&x->image_caption, jstr(img, "caption"));
        ex_set_once(&x->image_credit, jstr(img, "creditText"));
        ex_set_once(&x->image_credit, jstr(img, "copyrightHolder"));
    }
}

static void ld_article(struct ex *x, json_t *o)
{
    json_t *pub;

    ex_set_once(&x->ld_headline, jstr(o, "headline"));
    ex_set_once(&x->description, jstr(o, "description"));
    ex_set_once(&x->language, jstr(o, "inLanguage"));
    set_time(&x->published, jstr(o, "datePublished"));
    set_time(&x->modified, jstr(o, "dateModified"));
    if (!x->n_authors)
        ld_authors(x, json_object_get(o, "author"));
    if (!x->n_authors)
        ld_authors(x, json_object_get(o, "creator"));
    ld_image(x, json_object_get(o, "image"));
    pub = json_object_get(o, "publisher");
    if (json_is_array(pub))
        pub = json_array_get(pub, 0);
    if (json_is_object(pub))
        ex_set_once(&x->site_name, jstr(pub, "name"));
    if (!x->ld_body) {
        const char *b = jstr(o, "articleBody");
        if (b && *b)
            x->ld_body = xstrdup(b);
    }
}

static void ld_walk(struct ex *x, json_t *v, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (i >= 64)
                break;
            ld_walk(x, e, depth + 1);
        }
        return;
    }
    if (!json_is_object(v))
        return;
    if (ld_type_is_article(json_object_get(v, "@type")))
        ld_article(x, v);
    json_t *g = json_object_get(v, "@graph");
    if (g)
        ld_walk(x, g, depth + 1);
    json_t *me = json_object_get(v, "mainEntity");
    if (json_is_object(me))
        ld_walk(x, me, depth + 1);
}

static void ld_parse(struct ex *x, const xmlNode *script)
{
    xmlChar *c = xmlNodeGetContent(script);
    json_error_t err;
    json_t *root;
    size_t n;

    if (!c)
        return;
    n = strlen((const char *)c);
    if (n == 0 || n > MAX_JSONLD) {
        xmlFree(c);
        return;
    }
    root = json_loadb((const char *)c, n, JSON_DECODE_ANY, &err);
    xmlFree(c);
    if (!root)
        return;
    ld_walk(x, root, 0);
    json_decref(root);
}

/* ---------------------------------------------------------------- meta tags */

static void meta_tag(struct ex *x, const xmlNode *n)
{
    char *key = ex_attr(n, "property");
    char *content = ex_attr(n, "content");

    if (!key)
        key = ex_attr(n, "name");
    if (!key)
        key = ex_attr(n, "itemprop");
    if (!key || !content)
        goto out;
    const char *k = key;
    if (!strcasecmp(k, "og:title"))
        ex_set_once(&x->og_title, content);
    else if (!strcasecmp(k, "og:description") || !strcasecmp(k, "description") ||
             !strcasecmp(k, "twitter:description"))
        ex_set_once(&x->description, content);
    else if (!strcasecmp(k, "og:site_name") || !strcasecmp(k, "application-name"))
        ex_set_once(&x->site_name, content);
    else if (!strcasecmp(k, "og:image") || !strcasecmp(k, "og:image:url") ||
             !strcasecmp(k, "og:image:secure_url") || !strcasecmp(k, "twitter:image") ||
             !strcasecmp(k, "twitter:image:src"))
        ex_set_once(&x->image, content);
    else if (!strcasecmp(k, "og:url"))
        ex_set_once(&x->og_url, content);
    else if (!strcasecmp(k, "og:locale")) {
        if (!x->language) {
            x->language = ex_clean_dup(content);
            for (char *p = x->language; p && *p; p++) {
                if (*p == '_')
                    *p = '-';
            }
        }
    } else if (!strcasecmp(k, "author") || !strcasecmp(k, "article:author") ||
               !strcasecmp(k, "dc.creator") || !strcasecmp(k, "sailthru.author") ||
               !strcasecmp(k, "parsely-author") || !strcasecmp(k, "byl")) {
        if (!x->n_authors) {
            const char *a = content;
            if (ex_starts_with_ci(a, "by "))
                a += 3;
            add_author(x, a);
        }
    } else if (!strcasecmp(k, "article:published_time") || !strcasecmp(k, "datepublished") ||
               !strcasecmp(k, "pubdate") || !strcasecmp(k, "publishdate") ||
               !strcasecmp(k, "date") || !strcasecmp(k, "dc.date") ||
               !strcasecmp(k, "dc.date.issued") || !strcasecmp(k, "sailthru.date") ||
               !strcasecmp(k, "parsely-pub-date") || !strcasecmp(k, "og:published_time") ||
               !strcasecmp(k, "article.published")) {
        set_time(&x->published, content);
    } else if (!strcasecmp(k, "article:modified_time") || !strcasecmp(k, "og:updated_time") ||
               !strcasecmp(k, "datemodified") || !strcasecmp(k, "last-modified")) {
        set_time(&x->modified, content);
    } else if (!strcasecmp(k, "content-language") || !strcasecmp(k, "language")) {
        ex_set_once(&x->language, content);
    }
out:
    xmlFree(key);
    xmlFree(content);
}

static void link_tag(struct ex *x, const xmlNode *n)
{
    char *rel = ex_attr(n, "rel");
    char *href = ex_attr(n, "href");

    if (rel && href && !strcasecmp(rel, "canonical"))
        ex_set_once(&x->canonical, href);
    xmlFree(rel);
    xmlFree(href);
}

void ex_meta_element(struct ex *x, xmlNode *n, enum tag t)
{
    if (t == T_META) {
        meta_tag(x, n);
    } else if (t == T_LINK) {
        link_tag(x, n);
    } else if (t == T_SCRIPT) {
        char *type = ex_attr(n, "type");
        if (type && strstr(type, "ld+json"))
            ld_parse(x, n);
        xmlFree(type);
    } else if (t == T_TITLE) {
        if (!x->doc_title)
            x->doc_title = ex_node_text(n);
    } else if (t == T_H1) {
        if (!x->h1)
            x->h1 = ex_node_text(n);
    } else if (t == T_TIME) {
        if (x->published == TIME_NONE) {
            char *dt = ex_attr(n, "datetime");
            set_time(&x->published, dt);
            xmlFree(dt);
        }
    } else if (t == T_OTHER && n->name && !strcmp((const char *)n->name, "base")) {
        char *href = ex_attr(n, "href");
        if (href && !x->base_url && x->page_url) {
            char *abs = NULL;
            if (url_resolve(x->page_url, href, &abs) == HERALD_OK)
                x->base_url = abs;
        }
        xmlFree(href);
    }
}

/* Reads itemprop metadata.  Returns NF_JUNK for elements that only carry metadata (dates),
 * NF_WEAK for author blocks, 0 otherwise. */
uint32_t ex_itemprop(struct ex *x, xmlNode *n)
{
    char *ip = ex_attr(n, "itemprop");
    uint32_t role = 0;

    if (!ip)
        return 0;
    if (!strcmp(ip, "author") || !strcmp(ip, "creator")) {
        role = NF_WEAK;
        if (!x->n_authors) {
            char *c = ex_attr(n, "content");
            if (c) {
                add_author(x, c);
            } else {
                /* <span itemprop=author><span itemprop=name>X</span></span> or text */
                char *t = ex_node_text(n);
                if (t && strlen(t) < 80) {
                    const char *a = t;
                    if (ex_starts_with_ci(a, "by "))
                        a += 3;
                    add_author(x, a);
                }
                free(t);
            }
            xmlFree(c);
        }
    } else if (!strcmp(ip, "datePublished") || !strcmp(ip, "dateModified")) {
        role = NF_JUNK;
        char *c = ex_attr(n, "content");
        if (!c)
            c = ex_attr(n, "datetime");
        set_time(ip[4] == 'P' ? &x->published : &x->modified, c);
        xmlFree(c);
    } else if (!strcmp(ip, "headline")) {
        if (!x->ld_headline)
            x->ld_headline = ex_node_text(n);
    } else if (!strcmp(ip, "articleBody")) {
        /* handled by scoring through the positive hint */
    }
    xmlFree(ip);
    return role;
}

/* ---------------------------------------------------------------- dateline */

char *ex_find_dateline(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    int upper = 0;
    size_t i = 0;

    if (!p)
        return NULL;
    for (; p[i] && i < 60; i++) {
        unsigned char c = p[i];
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (c == ' ' || c == ',' || c == '.' || c == '\'' || c == '/')
            ;
        else if (c >= 'a' && c <= 'z' && i > 0 && (p[i - 1] == '.' || p[i - 1] == ','))
            ; /* "D.C." or ", Calif." style */
        else
            break;
    }
    if (upper < 3)
        return NULL;
    if (p[i] == '(') {
        size_t j = i + 1;
        while (p[j] && p[j] != ')' && j < i + 30)
            j++;
        if (p[j] != ')')
            return NULL;
        i = j + 1;
    }
    while (p[i] == ' ')
        i++;
    /* dash: '-', "--", en dash, em dash */
    size_t d = i;
    if (p[d] == '-') {
        d++;
        if (p[d] == '-')
            d++;
    } else if (p[d] == 0xE2 && p[d + 1] == 0x80 && (p[d + 2] == 0x93 || p[d + 2] == 0x94)) {
        d += 3;
    } else {
        return NULL;
    }
    /* "WASHINGTON (AP) - The", "PRAGUE--The", "LONDON \xe2\x80\x94The" */
    if (p[d] != ' ' && !(d - i >= 2 && p[d] >= 'A' && p[d] <= 'Z'))
        return NULL;
    return xstrndup(text, d);
}
