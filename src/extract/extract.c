/*
 * extract.c - article extraction (see extract.h for the pipeline).
 *
 * Design notes
 * ------------
 * The document is parsed once by libxml2 (recover mode, no network).  Every later pass
 * is an iterative walk over the tree (no recursion on the parse tree except the renderer,
 * which is depth-capped), so the cost is the parse plus a few linear passes.
 *
 * Per-element facts live in a side array (struct nstat) indexed through the node's
 * _private pointer: the flags decided on the way down (boilerplate, hidden, negative class)
 * and the counts gathered on the way up (text characters, link characters, commas,
 * paragraphs, loose inline text) plus the content score.  Scoring follows Readability's
 * model, which has held up for a decade: paragraph-like blocks (and runs of loose text
 * between blocks) score 1 + commas + length/100 (capped), handed in full to the parent,
 * half to the grandparent and a third per level further up; a candidate starts from a tag
 * bias and the class/id hint weight and its final score is scaled by (1 - link density).
 *
 * Negative class/id hints (share, related, sidebar, widget, caption, ...) are not acted on
 * during the walk: an element carrying one is flagged NF_WEAK, and once the best
 * candidate is known every weak element that is not the candidate or one of its
 * ancestors is dropped (junk_weak).  Removing them up front, as Readability does, loses
 * whole articles on themes that wrap the post in "sticky-sidebar" or "widget Blog"
 * containers; deciding afterwards keeps the article and still drops the share bars,
 * related lists and newsletter boxes inside and around it.  Only comment threads are
 * dropped at once: they are long punctuated prose that could outscore a short article.
 * The render-time line filter catches the rest ("Read more", "Advertisement", link-only
 * lines, date stamps, end-of-article markers such as "Related" or "Tags").
 *
 * Rendering writes the text and the HTML in the same pass.  A block that turns out to
 * be boilerplate or empty is dropped by rewinding both buffers to where it started, so
 * no text is ever concatenated twice.
 *
 * Rejected alternatives: regex scans of the raw bytes (slow and fooled by markup),
 * pruning by fixed site templates (forbidden: herald must work on unseen sites), and
 * a second DOM library (libxml2 is already a dependency).
 */
#include "extract/extract.h"
#include "feed/date.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "extract/body_html.h"
#include "html/escape.h"
#include "html/parse.h"
#include "core/banned.h"

#define MOD "extract"
#define MAX_RENDER_DEPTH 200
#define MAX_JSONLD (2u * 1024u * 1024u)

/* ---------------------------------------------------------------- tags */

enum tag {
    T_OTHER = 0,
    T_A,
    T_ADDRESS,
    T_ARTICLE,
    T_ASIDE,
    T_AUDIO,
    T_B,
    T_BLOCKQUOTE,
    T_BODY,
    T_BR,
    T_BUTTON,
    T_CANVAS,
    T_CENTER,
    T_CODE,
    T_DD,
    T_DETAILS,
    T_DIALOG,
    T_DIV,
    T_DL,
    T_DT,
    T_EM,
    T_EMBED,
    T_FIELDSET,
    T_FIGCAPTION,
    T_FIGURE,
    T_FOOTER,
    T_FORM,
    T_H1,
    T_H2,
    T_H3,
    T_H4,
    T_H5,
    T_H6,
    T_HEAD,
    T_HEADER,
    T_HR,
    T_HTML,
    T_I,
    T_IFRAME,
    T_IMG,
    T_INPUT,
    T_LABEL,
    T_LI,
    T_LINK,
    T_MAIN,
    T_MAP,
    T_MENU,
    T_META,
    T_NAV,
    T_NOSCRIPT,
    T_OBJECT,
    T_OL,
    T_OPTION,
    T_P,
    T_PICTURE,
    T_PRE,
    T_S,
    T_SCRIPT,
    T_SECTION,
    T_SELECT,
    T_SMALL,
    T_SOURCE,
    T_SPAN,
    T_STRONG,
    T_STYLE,
    T_SUB,
    T_SUP,
    T_SVG,
    T_TABLE,
    T_TBODY,
    T_TD,
    T_TEMPLATE,
    T_TEXTAREA,
    T_TFOOT,
    T_TH,
    T_THEAD,
    T_TIME,
    T_TITLE,
    T_TR,
    T_U,
    T_UL,
    T_VIDEO,
};

struct tagname {
    const char *name;
    enum tag tag;
};

/* Sorted by name for bsearch. */
static const struct tagname tag_table[] = {
    {"a", T_A},
    {"address", T_ADDRESS},
    {"article", T_ARTICLE},
    {"aside", T_ASIDE},
    {"audio", T_AUDIO},
    {"b", T_B},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},
    {"br", T_BR},
    {"button", T_BUTTON},
    {"canvas", T_CANVAS},
    {"center", T_CENTER},
    {"code", T_CODE},
    {"dd", T_DD},
    {"details", T_DETAILS},
    {"dialog", T_DIALOG},
    {"div", T_DIV},
    {"dl", T_DL},
    {"dt", T_DT},
    {"em", T_EM},
    {"embed", T_EMBED},
    {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION},
    {"figure", T_FIGURE},
    {"footer", T_FOOTER},
    {"form", T_FORM},
    {"h1", T_H1},
    {"h2", T_H2},
    {"h3", T_H3},
    {"h4", T_H4},
    {"h5", T_H5},
    {"h6", T_H6},
    {"head", T_HEAD},
    {"header", T_HEADER},
    {"hr", T_HR},
    {"html", T_HTML},
    {"i", T_I},
    {"iframe", T_IFRAME},
    {"img", T_IMG},
    {"input", T_INPUT},
    {"label", T_LABEL},
    {"li", T_LI},
    {"link", T_LINK},
    {"main", T_MAIN},
    {"map", T_MAP},
    {"menu", T_MENU},
    {"meta", T_META},
    {"nav", T_NAV},
    {"noscript", T_NOSCRIPT},
    {"object", T_OBJECT},
    {"ol", T_OL},
    {"option", T_OPTION},
    {"p", T_P},
    {"picture", T_PICTURE},
    {"pre", T_PRE},
    {"s", T_S},
    {"script", T_SCRIPT},
    {"section", T_SECTION},
    {"select", T_SELECT},
    {"small", T_SMALL},
    {"source", T_SOURCE},
    {"span", T_SPAN},
    {"strong", T_STRONG},
    {"style", T_STYLE},
    {"sub", T_SUB},
    {"sup", T_SUP},
    {"svg", T_SVG},
    {"table", T_TABLE},
    {"tbody", T_TBODY},
    {"td", T_TD},
    {"template", T_TEMPLATE},
    {"textarea", T_TEXTAREA},
    {"tfoot", T_TFOOT},
    {"th", T_TH},
    {"thead", T_THEAD},
    {"time", T_TIME},
    {"title", T_TITLE},
    {"tr", T_TR},
    {"u", T_U},
    {"ul", T_UL},
    {"video", T_VIDEO},
};

static int tagname_cmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const struct tagname *)e)->name);
}

static enum tag tag_of(const xmlNode *n)
{
    const struct tagname *t;

    if (!n->name)
        return T_OTHER;
    t = bsearch(n->name, tag_table, sizeof(tag_table) / sizeof(tag_table[0]), sizeof(tag_table[0]),
                tagname_cmp);
    return t ? t->tag : T_OTHER;
}

/* Elements that never carry article text.  Void elements (meta, link, input) and head are
 * not listed: libxml2 recovery sometimes hangs the whole body under them; neither is form,
 * which ASP.NET pages wrap around everything. */
static int tag_is_junk(enum tag t)
{
    switch (t) {
    case T_SCRIPT:
    case T_STYLE:
    case T_NOSCRIPT:
    case T_NAV:
    case T_FOOTER:
    case T_ASIDE:
    case T_IFRAME:
    case T_SVG:
    case T_BUTTON:
    case T_SELECT:
    case T_TEXTAREA:
    case T_TEMPLATE:
    case T_OBJECT:
    case T_EMBED:
    case T_CANVAS:
    case T_VIDEO:
    case T_AUDIO:
    case T_MAP:
    case T_TITLE:
    case T_LABEL:
    case T_DIALOG:
    case T_MENU:
    case T_OPTION:
    case T_FIELDSET:
    case T_HEADER:
    case T_FIGCAPTION:
    case T_SOURCE:
        return 1;
    default:
        return 0;
    }
}

/* Elements that start a new line/paragraph in the output. */
static int tag_is_block(enum tag t)
{
    switch (t) {
    case T_ADDRESS:
    case T_ARTICLE:
    case T_ASIDE:
    case T_BLOCKQUOTE:
    case T_BODY:
    case T_CENTER:
    case T_DD:
    case T_DETAILS:
    case T_DIV:
    case T_DL:
    case T_DT:
    case T_FIGCAPTION:
    case T_FIGURE:
    case T_FOOTER:
    case T_FORM:
    case T_H1:
    case T_H2:
    case T_H3:
    case T_H4:
    case T_H5:
    case T_H6:
    case T_HEADER:
    case T_HR:
    case T_HTML:
    case T_LI:
    case T_MAIN:
    case T_NAV:
    case T_OL:
    case T_P:
    case T_PRE:
    case T_SECTION:
    case T_TABLE:
    case T_TBODY:
    case T_TFOOT:
    case T_THEAD:
    case T_TR:
    case T_UL:
    case T_FIELDSET:
    case T_MENU:
        return 1;
    default:
        return 0;
    }
}

static int tag_is_heading(enum tag t)
{
    return t >= T_H1 && t <= T_H6;
}

/* ---------------------------------------------------------------- per-node facts */

enum {
    NF_JUNK = 1 << 0,     /* skip the whole subtree */
    NF_SCORED = 1 << 1,   /* has a candidate score */
    NF_BLOCKKID = 1 << 2, /* has a block-level child element */
    NF_WEAK = 1 << 4,     /* weak negative class: junk unless it holds an article */
    NF_HASIMG = 1 << 5,   /* holds a usable <img> */
};

struct nstat {
    uint32_t text;   /* visible characters (whitespace runs count 1) */
    uint32_t link;   /* of which inside links */
    uint32_t commas; /* commas in the text */
    uint32_t inl;    /* characters of loose inline text directly in this element */
    uint32_t inl_commas;
    uint32_t paras; /* paragraph-like descendants with text */
    uint32_t flags;
    enum tag tag;
    int weight; /* class/id hint weight */
    double score;
};

struct ex {
    const char *page_url;
    char *base_url; /* <base href> resolved, else page_url copy */
    int class_rules;
    int no_html;

    struct nstat *st;
    size_t nst, st_alloc;

    /* metadata gathered */
    char *title, *og_title, *ld_headline, *h1, *doc_title;
    char *description, *site_name, *language, *canonical, *og_url;
    char *image, *image_caption, *image_credit;
    char *ld_body;
    char **authors;
    size_t n_authors, authors_alloc;
    int64_t published, modified;

    /* rendering */
    struct strbuf text, html;
    int inline_ctx;                  /* >0 when inside an element that may hold inline content */
    int implicit_p;                  /* an implicit <p> is open in html */
    size_t imp_h0, imp_t0, imp_link; /* where the implicit <p> started in html and text */
    int pending_sp;                  /* a whitespace run is pending in text */
    int seen_text;                   /* some body text has been written */
    xmlNode *skip_rest; /* an end marker was met in this element: skip its later children */
    size_t n_imgs;      /* images written to the body HTML */
    int lead_skipped;   /* the lead image was met in the body (shown apart, not repeated) */
    char *title_key;    /* normalised title for headline detection */
};

static struct nstat *nst_of(const struct ex *x, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;

    if (i == 0 || i > x->nst)
        return NULL;
    return &x->st[i - 1];
}

/* ---------------------------------------------------------------- small string helpers */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whitespace-collapsed, trimmed copy of s (NBSP counts as space); NULL when empty. */
static char *clean_dup(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    int sp = 0;

    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_space(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
            if (*p == 0xC2)
                p++;
            sp = 1;
            continue;
        }
        if (sp && sb.len)
            strbuf_addch(&sb, ' ');
        sp = 0;
        strbuf_addch(&sb, *p);
    }
    if (!sb.len) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

static void set_once(char **dst, const char *s)
{
    if (*dst || !s)
        return;
    *dst = clean_dup(s);
}

/* Lower-cased alphanumeric key of s, for loose equality of titles. */
static char *norm_key(const char *s)
{
    struct strbuf sb = STRBUF_INIT;

    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80 || isalnum(*p))
            strbuf_addch(&sb, tolower(*p));
    }
    return strbuf_detach(&sb, NULL);
}

static int starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Concatenated text of a subtree (libxml2 allocation converted to ours). */
static char *node_text(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = clean_dup((const char *)c);

    xmlFree(c);
    return s;
}

static void add_author(struct ex *x, const char *name)
{
    char *a;

    if (!name)
        return;
    while (is_space((unsigned char)*name))
        name++;
    if (strncasecmp(name, "by ", 3) == 0)
        name += 3;
    a = clean_dup(name);
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
static int month_of(const char *p)
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
    while (is_space((unsigned char)*s))
        s++;
    if (feed_date_parse(s, &t) != HERALD_OK)
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
        set_once(&x->image, json_string_value(img));
    } else if (json_is_object(img)) {
        set_once(&x->image, jstr(img, "url"));
        if (!x->image)
            set_once(&x->image, jstr(img, "contentUrl"));
        set_once(&x->image_caption, jstr(img, "caption"));
        set_once(&x->image_credit, jstr(img, "creditText"));
        set_once(&x->image_credit, jstr(img, "copyrightHolder"));
    }
}

static void ld_article(struct ex *x, json_t *o)
{
    json_t *pub;

    set_once(&x->ld_headline, jstr(o, "headline"));
    set_once(&x->description, jstr(o, "description"));
    set_once(&x->language, jstr(o, "inLanguage"));
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
        set_once(&x->site_name, jstr(pub, "name"));
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
    char *key = attr(n, "property");
    char *content = attr(n, "content");

    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    if (!key || !content)
        goto out;
    const char *k = key;
    if (!strcasecmp(k, "og:title"))
        set_once(&x->og_title, content);
    else if (!strcasecmp(k, "og:description") || !strcasecmp(k, "description") ||
             !strcasecmp(k, "twitter:description"))
        set_once(&x->description, content);
    else if (!strcasecmp(k, "og:site_name") || !strcasecmp(k, "application-name"))
        set_once(&x->site_name, content);
    else if (!strcasecmp(k, "og:image") || !strcasecmp(k, "og:image:url") ||
             !strcasecmp(k, "og:image:secure_url") || !strcasecmp(k, "twitter:image") ||
             !strcasecmp(k, "twitter:image:src"))
        set_once(&x->image, content);
    else if (!strcasecmp(k, "og:url"))
        set_once(&x->og_url, content);
    else if (!strcasecmp(k, "og:locale")) {
        if (!x->language) {
            x->language = clean_dup(content);
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
            if (starts_with_ci(a, "by "))
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
        set_once(&x->language, content);
    }
out:
    xmlFree(key);
    xmlFree(content);
}

static void link_tag(struct ex *x, const xmlNode *n)
{
    char *rel = attr(n, "rel");
    char *href = attr(n, "href");

    if (rel && href && !strcasecmp(rel, "canonical"))
        set_once(&x->canonical, href);
    xmlFree(rel);
    xmlFree(href);
}

/* ---------------------------------------------------------------- class/id hints */

static const char *const strong_neg[] = {
    "comment",         "disqus",         "share",         "sharing",        "social",
    "related",         "recommend",      "newsletter",    "subscri",        "cookie",
    "consent",         "gdpr",           "promo",         "sponsor",        "advert",
    "outbrain",        "taboola",        "breadcrumb",    "popup",          "modal",
    "most-popular",    "mostpopular",    "trending",      "byline",         "author-bio",
    "authorbio",       "signup",         "sign-up",       "read-more",      "readmore",
    "more-stories",    "footer",         "masthead",      "skip-link",      "sr-only",
    "visually-hidden", "visuallyhidden", "screen-reader", "offscreen",      "jump-link",
    "donate",          "paywall-promo",  "rating",        "login",          "agegate",
    "ai2html",         "shoutbox",       "print-only",    "hide-for-print", "further-reading",
    "next-article",    "prev-article",   "pagination",    "pager",          "tagline",
    "tag-list",        "taglist",        "post-tags",     "article-tags",   "entry-tags",
    "keywords",        "caption",        "credit",        "standfirst",     "abstract",
};
static const char *const weak_neg[] = {
    "sidebar",   "menu",       "navbar",       "navigation", "widget",   "banner", "combx",
    "community", "cover-wrap", "extra",        "header",     "legends",  "remark", "replies",
    "rss",       "skyscraper", "supplemental", "toolbar",    "dropdown",
};
/* Whole tokens (class/id split at non-alphanumerics). */
static const char *const tok_neg[] = {
    "ad",     "ads",     "nav",       "meta",      "tools", "tool",     "aside",    "caption",
    "credit", "credits", "copyright", "timestamp", "date",  "dateline", "author",   "tags",
    "share",  "print",   "subscribe", "bio",       "next",  "prev",     "previous", "dek",
};
/* Whole class names (split at whitespace only: "hidden-xs" is not hidden). */
static const char *const word_neg[] = {
    "hidden", "hide", "is-hidden", "d-none", "display-none", "invisible", "u-hidden",
};
static const char *const maybe_pos[] = {
    "article", "body", "content", "main", "story", "entry", "column", "shadow",
};
static const char *const pos_hint[] = {
    "article", "body", "content", "entry", "hentry", "h-entry",
    "main",    "page", "post",    "text",  "blog",   "story",
};
static const char *const neg_hint[] = {
    "hidden",   "banner",  "combx",      "comment",  "com-",     "contact", "foot",   "gdpr",
    "masthead", "media",   "meta",       "outbrain", "promo",    "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor",  "shopping", "tags",    "tool",   "widget",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int any_sub(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strstr(s, list[i]))
            return 1;
    }
    return 0;
}

static int any_tok(const char *s, const char *const *list, size_t n)
{
    const char *p = s;

    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *b = p;
        while (*p && isalnum((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - b);
        if (!len)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (strlen(list[i]) == len && memcmp(list[i], b, len) == 0)
                return 1;
        }
    }
    return 0;
}

static int any_word(const char *s, const char *const *list, size_t n)
{
    const char *p = s;

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t len = (size_t)(p - b);
        for (size_t i = 0; len && i < n; i++) {
            if (strlen(list[i]) == len && memcmp(list[i], b, len) == 0)
                return 1;
        }
    }
    return 0;
}

/* CMS taxonomy classes ("tag-comments", "category-social", "author-jane") name the post's
 * topics, not the element's role. */
static int is_taxonomy_class(const char *w, size_t len)
{
    static const char *const pre[] = {"tag-",   "category-", "format-", "status-",    "type-",
                                      "label-", "topic-",    "tags-",   "categories-"};
    for (size_t i = 0; i < NELEM(pre); i++) {
        size_t pl = strlen(pre[i]);
        if (len > pl && strncasecmp(w, pre[i], pl) == 0)
            return 1;
    }
    /* post-3708, postid-3708 */
    if (len > 5 && strncasecmp(w, "post-", 5) == 0 && isdigit((unsigned char)w[5]))
        return 1;
    return len > 7 && strncasecmp(w, "postid-", 7) == 0;
}

/* Lower-cased "class id" of n into buf; returns 0 when both are absent. */
static int class_id(const xmlNode *n, char *buf, size_t size)
{
    size_t len = 0;
    int found = 0;

    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || (strcmp((const char *)a->name, "class") != 0 &&
                         strcmp((const char *)a->name, "id") != 0))
            continue;
        if (!a->children || !a->children->content)
            continue;
        found = 1;
        const char *p = (const char *)a->children->content;
        while (*p && len + 2 < size) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            const char *w = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
            if (p == w || is_taxonomy_class(w, (size_t)(p - w)))
                continue;
            for (; w < p && len + 2 < size; w++)
                buf[len++] = (char)tolower((unsigned char)*w);
            buf[len++] = ' ';
        }
    }
    buf[len] = '\0';
    return found;
}

static int is_hidden(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        const char *v =
            a->children && a->children->content ? (const char *)a->children->content : "";
        if (!strcmp(name, "hidden"))
            return 1;
        if (!strcmp(name, "aria-hidden") && !strcasecmp(v, "true"))
            return 1;
        if (!strcmp(name, "style")) {
            char buf[256];
            size_t j = 0;
            for (const char *p = v; *p && j + 1 < sizeof(buf); p++) {
                if (!is_space((unsigned char)*p))
                    buf[j++] = (char)tolower((unsigned char)*p);
            }
            buf[j] = '\0';
            if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
                return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- pass 1: walk */

static void meta_from_body(struct ex *x, xmlNode *n, enum tag t)
{
    if (t == T_META) {
        meta_tag(x, n);
    } else if (t == T_LINK) {
        link_tag(x, n);
    } else if (t == T_SCRIPT) {
        char *type = attr(n, "type");
        if (type && strstr(type, "ld+json"))
            ld_parse(x, n);
        xmlFree(type);
    } else if (t == T_TITLE) {
        if (!x->doc_title)
            x->doc_title = node_text(n);
    } else if (t == T_H1) {
        if (!x->h1)
            x->h1 = node_text(n);
    } else if (t == T_TIME) {
        if (x->published == TIME_NONE) {
            char *dt = attr(n, "datetime");
            set_time(&x->published, dt);
            xmlFree(dt);
        }
    } else if (t == T_OTHER && n->name && !strcmp((const char *)n->name, "base")) {
        char *href = attr(n, "href");
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
static uint32_t itemprop(struct ex *x, xmlNode *n)
{
    char *ip = attr(n, "itemprop");
    uint32_t role = 0;

    if (!ip)
        return 0;
    if (!strcmp(ip, "author") || !strcmp(ip, "creator")) {
        role = NF_WEAK;
        if (!x->n_authors) {
            char *c = attr(n, "content");
            if (c) {
                add_author(x, c);
            } else {
                /* <span itemprop=author><span itemprop=name>X</span></span> or text */
                char *t = node_text(n);
                if (t && strlen(t) < 80) {
                    const char *a = t;
                    if (starts_with_ci(a, "by "))
                        a += 3;
                    add_author(x, a);
                }
                free(t);
            }
            xmlFree(c);
        }
    } else if (!strcmp(ip, "datePublished") || !strcmp(ip, "dateModified")) {
        role = NF_JUNK;
        char *c = attr(n, "content");
        if (!c)
            c = attr(n, "datetime");
        set_time(ip[4] == 'P' ? &x->published : &x->modified, c);
        xmlFree(c);
    } else if (!strcmp(ip, "headline")) {
        if (!x->ld_headline)
            x->ld_headline = node_text(n);
    } else if (!strcmp(ip, "articleBody")) {
        /* handled by scoring through the positive hint */
    }
    xmlFree(ip);
    return role;
}

static size_t new_stat(struct ex *x)
{
    ALLOC_GROW(x->st, x->nst + 1, x->st_alloc);
    memset(&x->st[x->nst], 0, sizeof(x->st[0]));
    return ++x->nst;
}

/* Counts visible characters and commas of a text node into s. */
static void count_text(const char *p, uint32_t *chars, uint32_t *commas)
{
    int sp = 1;
    uint32_t c = 0, k = 0;

    for (const unsigned char *q = (const unsigned char *)p; *q; q++) {
        if (is_space(*q)) {
            sp = 1;
            continue;
        }
        if ((*q & 0xC0) == 0x80)
            continue;
        if (sp && c)
            c++;
        sp = 0;
        c++;
        if (*q == ',')
            k++;
    }
    if (sp && c)
        c++; /* trailing whitespace separates from the next node */
    *chars = c;
    *commas = k;
}

/* Tag bias of a candidate, as in Readability. */
static int tag_bias(enum tag t)
{
    switch (t) {
    case T_DIV:
    case T_ARTICLE:
    case T_MAIN:
    case T_SECTION:
        return 5;
    case T_PRE:
    case T_TD:
    case T_BLOCKQUOTE:
        return 3;
    case T_ADDRESS:
    case T_OL:
    case T_UL:
    case T_DL:
    case T_DD:
    case T_DT:
    case T_LI:
    case T_FORM:
        return -3;
    case T_H1:
    case T_H2:
    case T_H3:
    case T_H4:
    case T_H5:
    case T_H6:
    case T_TH:
        return -5;
    default:
        return 0;
    }
}

/* Hands score s to the ancestors of n (from n itself when self is set). */
static void give_score(struct ex *x, xmlNode *n, double s, int self)
{
    int level = 0;

    for (xmlNode *a = self ? n : n->parent; a && a->type == XML_ELEMENT_NODE && level < 5;
         a = a->parent, level++) {
        struct nstat *as = nst_of(x, a);
        if (!as)
            break;
        if (!(as->flags & NF_SCORED)) {
            as->flags |= NF_SCORED;
            as->score = tag_bias(as->tag) + as->weight;
        }
        as->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
    }
}

/* Is n a paragraph-like block (scored as a unit)? */
static int is_paragraph(const struct nstat *s)
{
    switch (s->tag) {
    case T_P:
    case T_PRE:
        return 1;
    case T_TD:
    case T_DIV:
    case T_SECTION:
    case T_ARTICLE:
    case T_BLOCKQUOTE:
    case T_LI:
    case T_DD:
        return !(s->flags & NF_BLOCKKID);
    default:
        return 0;
    }
}

/* The address of an image: lazy-loading attributes first, data: placeholders skipped.
 * Returns a libxml2 string (xmlFree) or NULL. */
static char *img_src(const xmlNode *n)
{
    static const char *const names[] = {"data-src", "data-lazy-src", "data-original", "data-url",
                                        "src"};
    for (size_t i = 0; i < NELEM(names); i++) {
        char *v = attr(n, names[i]);
        if (v && *v && strncasecmp(v, "data:", 5) != 0)
            return v;
        xmlFree(v);
    }
    return NULL;
}

/* An image worth showing: it has an address and is not a 1x1 tracking pixel. */
static int img_usable(const xmlNode *n)
{
    char *src = img_src(n), *w = attr(n, "width"), *h = attr(n, "height");
    int ok = src != NULL;

    if ((w && strtol(w, NULL, 10) == 1) || (h && strtol(h, NULL, 10) == 1))
        ok = 0;
    xmlFree(src);
    xmlFree(w);
    xmlFree(h);
    return ok;
}

static void leave_node(struct ex *x, xmlNode *n)
{
    struct nstat *s = nst_of(x, n);
    struct nstat *ps;

    if (!s)
        return;
    if (!(s->flags & NF_JUNK) && is_paragraph(s) && s->text >= 25) {
        double sc = 1.0 + s->commas + (s->text / 100 > 3 ? 3 : s->text / 100);
        give_score(x, n, sc, 0);
        s->paras++;
    } else if (!(s->flags & NF_JUNK) && (s->flags & NF_BLOCKKID) && s->inl >= 25 && s->tag != T_A &&
               !tag_is_heading(s->tag)) {
        /* loose text between blocks ("text<br><div>img</div><br>text"): Readability wraps
         * it in paragraphs of this element; score it the same way */
        double sc = 1.0 + s->inl_commas + (s->inl / 100 > 3 ? 3 : s->inl / 100);
        give_score(x, n, sc, 1);
        s->paras++;
    }
    if (s->tag == T_A)
        s->link = s->text;

    if (s->tag == T_IMG && !(s->flags & NF_JUNK) && img_usable(n))
        s->flags |= NF_HASIMG;
    ps = n->parent ? nst_of(x, n->parent) : NULL;
    if (!ps)
        return;
    if (tag_is_block(s->tag))
        ps->flags |= NF_BLOCKKID;
    if (s->flags & NF_JUNK)
        return;
    ps->flags |= s->flags & NF_HASIMG;
    if (!tag_is_block(s->tag)) {
        ps->inl += s->inl;
        ps->inl_commas += s->inl_commas;
    }
    ps->text += s->text;
    ps->link += s->link;
    ps->commas += s->commas;
    ps->paras += s->paras;
}

/* <a rel="tag">: an entry of a tag list (microformats rel-tag). */
static int is_tag_link(const xmlNode *n, enum tag t)
{
    if (t != T_A)
        return 0;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && !strcmp((const char *)a->name, "rel") && a->children && a->children->content)
            return any_word((const char *)a->children->content, (const char *const[]){"tag"}, 1);
    }
    return 0;
}

/* Decides the flags of element n on the way down; returns 0 to skip the subtree. */
static int enter_element(struct ex *x, xmlNode *n, struct nstat *s)
{
    char cid[256];
    enum tag t = s->tag;

    uint32_t role = 0;
    meta_from_body(x, n, t);
    if (n->properties)
        role = itemprop(x, n);
    if (tag_is_junk(t) || (role & NF_JUNK) || is_hidden(n) || is_tag_link(n, t)) {
        s->flags |= NF_JUNK;
        return 0;
    }
    if (x->class_rules && t != T_ARTICLE && t != T_BODY && t != T_MAIN)
        s->flags |= role;
    if (!class_id(n, cid, sizeof(cid)))
        return 1;
    int maybe = any_sub(cid, maybe_pos, NELEM(maybe_pos));
    int guarded =
        !x->class_rules || t == T_BODY || t == T_HTML || t == T_A || t == T_MAIN || t == T_ARTICLE;
    if (!guarded &&
        (any_sub(cid, strong_neg, NELEM(strong_neg)) || any_tok(cid, tok_neg, NELEM(tok_neg)) ||
         any_word(cid, word_neg, NELEM(word_neg)))) {
        /* "article-body social" keeps its body; "comment-body" does not */
        int strong_pos = strstr(cid, "articlebody") || strstr(cid, "article-body") ||
                         strstr(cid, "article_body") || strstr(cid, "story-body") ||
                         strstr(cid, "entry-content") || strstr(cid, "post-content") ||
                         strstr(cid, "article-content") || strstr(cid, "story-content");
        /* embedded posts (tweets, videos) quoted by the article are content */
        if (!strong_pos && (strstr(cid, "embed") || strstr(cid, "tweet")) &&
            !strstr(cid, "comment") && !strstr(cid, "caption") && !strstr(cid, "credit"))
            strong_pos = 1;
        if (strstr(cid, "comment") || strstr(cid, "disqus")) {
            /* comment threads are long, punctuated text: they must never compete */
            s->flags |= NF_JUNK;
            return 0;
        }
        if (!strong_pos) {
            /* decided once the article is found (junk_weak): only the article's own
             * ancestors survive a negative class */
            s->flags |= NF_WEAK;
            goto hints;
        }
    } else if (!guarded && !maybe && any_sub(cid, weak_neg, NELEM(weak_neg))) {
        /* "sidebar", "menu", "widget": decided once the article is found (see
         * junk_weak), because themes wrap whole articles in "sticky-sidebar" too */
        s->flags |= NF_WEAK;
    }
hints:
    if (any_sub(cid, pos_hint, NELEM(pos_hint)))
        s->weight += 25;
    if (any_sub(cid, neg_hint, NELEM(neg_hint)))
        s->weight -= 25;
    return 1;
}

/* Walks the whole document once: metadata, flags, counts, scores.  Iterative. */
static void walk(struct ex *x, xmlNode *root)
{
    xmlNode *n = root;

    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            size_t idx = new_stat(x);
            struct nstat *s = &x->st[idx - 1];
            n->_private = (void *)(uintptr_t)idx;
            s->tag = tag_of(n);
            descend = enter_element(x, n, s);
        } else if (n->type == XML_TEXT_NODE && n->content && n->parent) {
            struct nstat *ps = nst_of(x, n->parent);
            if (ps && !(ps->flags & NF_JUNK)) {
                uint32_t c, k;
                count_text((const char *)n->content, &c, &k);
                ps->text += c;
                ps->commas += k;
                ps->inl += c;
                ps->inl_commas += k;
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n) {
            if (n->type == XML_ELEMENT_NODE)
                leave_node(x, n);
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* ---------------------------------------------------------------- candidate choice */

static double final_score(const struct nstat *s)
{
    double ld = s->text ? (double)s->link / s->text : 0;
    return s->score * (1.0 - ld);
}

/* The node after q in document order within top (q's children first when descend). */
static xmlNode *dfs_next(xmlNode *q, xmlNode *top, int descend)
{
    if (descend && q->type == XML_ELEMENT_NODE && q->children)
        return q->children;
    while (q && q != top && !q->next)
        q = q->parent;
    if (!q || q == top)
        return NULL;
    return q->next;
}

/* Marks every weak-negative element that is not the candidate or one of its ancestors as
 * junk.  Returns how many were marked. */
static int junk_weak(struct ex *x, xmlNode *root, xmlNode *top)
{
    int marked = 0;
    xmlNode *n = root;

    for (xmlNode *a = top; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        struct nstat *as = nst_of(x, a);
        if (as && (as->flags & NF_WEAK))
            as->flags &= ~(uint32_t)NF_WEAK; /* kept: holds the article */
    }
    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && (s->flags & NF_WEAK)) {
            s->flags = (s->flags & ~(uint32_t)NF_WEAK) | NF_JUNK;
            marked++;
            descend = 0;
        }
        n = dfs_next(n, root, descend);
    }
    return marked;
}

static xmlNode *best_candidate(struct ex *x, xmlNode *root)
{
    xmlNode *best = NULL;
    double best_sc = 0;
    xmlNode *n = root;

    /* collect the top candidates in document order */
    enum { TOPN = 5 };
    xmlNode *top[TOPN] = {0};
    double top_sc[TOPN] = {0};

    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && (s->flags & NF_SCORED) && !(s->flags & NF_JUNK)) {
            double sc = final_score(s);
            for (int i = 0; i < TOPN; i++) {
                if (!top[i] || sc > top_sc[i]) {
                    memmove(&top[i + 1], &top[i], (TOPN - 1 - i) * sizeof(top[0]));
                    memmove(&top_sc[i + 1], &top_sc[i], (TOPN - 1 - i) * sizeof(top_sc[0]));
                    top[i] = n;
                    top_sc[i] = sc;
                    break;
                }
            }
        }
        n = dfs_next(n, root, descend);
    }
    best = top[0];
    best_sc = top_sc[0];
    if (!best)
        return NULL;
    if (log_get_level() >= LOG_DEBUG) {
        for (int i = 0; i < TOPN && top[i]; i++) {
            char cid[256] = "";
            class_id(top[i], cid, sizeof(cid));
            log_debug(MOD, "  top%d <%s %s> %.1f", i, (const char *)top[i]->name, cid, top_sc[i]);
        }
    }
    if (junk_weak(x, root, best)) {
        /* weak containers off the article's path went away, and candidates inside them
         * with them: choose again (junk_weak finds nothing the second time) */
        return best_candidate(x, root);
    }

    /* Readability: when several strong alternatives share an ancestor of the best, the
     * article is split into sections and that ancestor is the real container. */
    int alts = 0;
    for (int i = 1; i < TOPN; i++) {
        if (top[i] && top_sc[i] >= best_sc * 0.75)
            alts++;
    }
    if (alts >= 2) {
        for (xmlNode *a = best->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
            struct nstat *as = nst_of(x, a);
            if (!as || as->tag == T_BODY || as->tag == T_HTML)
                break;
            int contained = 0;
            for (int i = 1; i < TOPN; i++) {
                if (!top[i] || top_sc[i] < best_sc * 0.75)
                    continue;
                for (xmlNode *b = top[i]; b; b = b->parent) {
                    if (b == a) {
                        contained++;
                        break;
                    }
                }
            }
            if (contained >= 2) {
                best = a;
                break;
            }
        }
    }

    /* climb while the parent holds (nearly) the same text: a wrapper, not a sibling list */
    for (;;) {
        xmlNode *p = best->parent;
        struct nstat *bs = nst_of(x, best), *ps = p ? nst_of(x, p) : NULL;
        if (!ps || ps->tag == T_BODY || ps->tag == T_HTML || !bs)
            break;
        if (ps->text > bs->text + bs->text / 20 + 20)
            break;
        best = p;
    }
    return best;
}

/* ---------------------------------------------------------------- rendering */

/* Prefixes of short lines that are page furniture.  Words that also start real
 * sentences ("Subscribers said", "Loading the trucks") are only whole lines (boiler_line). */
static const char *const boiler_prefix[] = {
    "advertisement",
    "read more",
    "read also",
    "also read",
    "related:",
    "related articles",
    "related stories",
    "related posts",
    "share this",
    "share on",
    "click here",
    "sign up for",
    "subscribe to",
    "subscribe now",
    "follow us",
    "see also:",
    "you may also like",
    "more from",
    "continue reading",
    "all rights reserved",
    "copyright \xc2\xa9",
    "copyright (c)",
    "\xc2\xa9",
    "photo:",
    "image:",
    "leave a comment",
    "tags:",
    "sponsored by",
    "sponsored links",
    "loading...",
};

/* Short lines after which a page's article is over (the start of related lists, tags,
 * comment sections).  Matched against the whole line, case-insensitively, ignoring a
 * trailing colon. */
static const char *const end_markers[] = {
    "tags",
    "tagged",
    "topics",
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "you may like these posts",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "more stories",
    "more news",
    "read next",
    "up next",
    "popular posts",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "post a comment",
    "leave a comment",
    "leave a reply",
    "comments",
    "0 comments",
    "no comments",
    "recommended",
    "recommended for you",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "about the author",
    "latest news",
    "see also",
    "further reading",
    "more from",
    "popular",
    "sponsored content",
    "you may also be interested in",
    "you might be interested in",
    "recommended stories",
    "more stories from",
    "related reading",
    "editor's picks",
    /* the same in the languages herald's users read most */
    "comentários",
    "leia também",
    "veja também",
    "artigos relacionados",
    "notícias relacionadas",
    "comentarios",
    "lee también",
    "artículos relacionados",
    "noticias relacionadas",
    "te puede interesar",
    "kommentare",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "articoli correlati",
    "commenti",
    "leggi anche",
    "commentaires",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "articles similaires",
    "baca juga",
    "berita terkait",
    "komentar",
    "Отзывы",
    "Комментарии",
    "Похожие статьи",
    "Читайте также",
    "Смотрите также",
};

/* Does s[0..len) contain the lower-case ASCII word w, ignoring case? */
static int contains_ci(const char *s, size_t len, const char *w)
{
    size_t wl = strlen(w);

    for (size_t i = 0; i + wl <= len; i++) {
        if (strncasecmp(s + i, w, wl) == 0)
            return 1;
    }
    return 0;
}

static int is_end_marker(const char *s, size_t len)
{
    while (len && (is_space((unsigned char)s[len - 1]) || s[len - 1] == ':' || s[len - 1] == '.'))
        len--;
    if (len == 0 || len > 40)
        return 0;
    for (size_t i = 0; i < NELEM(end_markers); i++) {
        if (tolower((unsigned char)end_markers[i][0]) != tolower((unsigned char)s[0]))
            continue; /* cheap first-letter test before strlen */
        if (strlen(end_markers[i]) == len && strncasecmp(s, end_markers[i], len) == 0)
            return 1;
    }
    return len > 12 &&
           (strncasecmp(s, "most read in ", 13) == 0 || strncasecmp(s, "more from ", 10) == 0 ||
            strncasecmp(s, "related to ", 11) == 0 || strncasecmp(s, "more in ", 8) == 0 ||
            (strncasecmp(s, "more ", 5) == 0 &&
             (contains_ci(s, len, "stories") || contains_ci(s, len, "articles") ||
              contains_ci(s, len, "news"))));
}

/* A short line that is only a date/time stamp, maybe with a name ("LinkNaija August 08,
 * 2018", "18 Nov 2019, 19:09", "Updated: Sat 8:31 PM, Feb 17, 2018"). */
static int is_date_line(const char *s, size_t len)
{
    int year = 0, words = 0;

    if (len > 60)
        return 0;
    for (size_t i = 0; i < len;) {
        if (isdigit((unsigned char)s[i])) {
            size_t j = i;
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
            if (j - i == 4 && (s[i] == '1' || s[i] == '2'))
                year = 1;
            i = j;
        } else if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80) {
            size_t j = i;
            while (j < len && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80))
                j++;
            size_t wl = j - i;
            int known =
                wl == 1 || (wl >= 3 && month_of(s + i)) ||
                (wl <= 3 && (!strncasecmp(s + i, "am", wl) || !strncasecmp(s + i, "pm", wl) ||
                             !strncasecmp(s + i, "at", wl) || !strncasecmp(s + i, "on", wl) ||
                             !strncasecmp(s + i, "de", wl) || !strncasecmp(s + i, "gmt", wl) ||
                             !strncasecmp(s + i, "utc", wl) || !strncasecmp(s + i, "et", wl) ||
                             !strncasecmp(s + i, "est", wl))) ||
                (wl >= 3 && (!strncasecmp(s + i, "mon", 3) || !strncasecmp(s + i, "tue", 3) ||
                             !strncasecmp(s + i, "wed", 3) || !strncasecmp(s + i, "thu", 3) ||
                             !strncasecmp(s + i, "fri", 3) || !strncasecmp(s + i, "sat", 3) ||
                             !strncasecmp(s + i, "sun", 3))) ||
                (wl >= 6 &&
                 (!strncasecmp(s + i, "posted", 6) || !strncasecmp(s + i, "updated", 7) ||
                  !strncasecmp(s + i, "published", 9)));
            if (!known)
                words++;
            i = j;
        } else {
            i++;
        }
    }
    return year && words <= 1;
}

static const char *const boiler_prefix2[] = {
    "related ",
    "posted:",
    "posted on",
    "updated:",
    "published:",
    "last updated",
    "reading time",
    "tempo de leitura",
    "skip to content",
    "this slideshow requires javascript",
    "tell us what you think",
    "have a tip?",
    "get the latest",
    "support ",
};

/* Whole lines that are page furniture in many languages. */
static const char *const boiler_line[] = {
    "share",       "advert",    "advertisement", "ad",      "ads",       "anzeige",     "werbung",
    "publicidad",  "publicité", "pubblicità",    "iklan",   "reklama",   "back to top", "next",
    "prev",        "previous",  "next prev",     "print",   "email",     "tweet",       "close",
    "caption",     "view all",  "highlights",    "loading", "comments",  "sponsored",   "subscribe",
    "recommended", "copyright", "see also",      "sign up", "read more",
};

static int is_boilerplate_line(const char *s, size_t len, uint32_t text, uint32_t link)
{
    int letters = 0;

    while (len && is_space((unsigned char)*s)) {
        s++;
        len--;
    }
    if (!len)
        return 1;
    if (text > 0 && link * 10 > text * 6 && len < 400)
        return 1;
    if (len > 160)
        return 0;
    for (size_t i = 0; i < len && !letters; i++)
        letters = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
    if (!letters && len < 20)
        return 1;
    for (size_t i = 0; i < NELEM(boiler_prefix); i++) {
        if (tolower((unsigned char)boiler_prefix[i][0]) != tolower((unsigned char)s[0]))
            continue;
        size_t pl = strlen(boiler_prefix[i]);
        if (pl <= len && strncasecmp(s, boiler_prefix[i], pl) == 0)
            return 1;
    }
    if (len < 100) {
        for (size_t i = 0; i < NELEM(boiler_prefix2); i++) {
            if (tolower((unsigned char)boiler_prefix2[i][0]) != tolower((unsigned char)s[0]))
                continue;
            size_t pl = strlen(boiler_prefix2[i]);
            if (pl <= len && strncasecmp(s, boiler_prefix2[i], pl) == 0)
                return 1;
        }
    }
    {
        size_t l = len;
        while (l && (is_space((unsigned char)s[l - 1]) || s[l - 1] == ':' || s[l - 1] == '.'))
            l--;
        for (size_t i = 0; l < 24 && i < NELEM(boiler_line); i++) {
            if (tolower((unsigned char)boiler_line[i][0]) != tolower((unsigned char)s[0]))
                continue;
            if (strlen(boiler_line[i]) == l && strncasecmp(s, boiler_line[i], l) == 0)
                return 1;
        }
    }
    /* CMS shortcodes left in the text: "[button link=...]Send us...[/button]" */
    if (s[0] == '[' && len < 400 && contains_ci(s, len, "[/"))
        return 1;
    /* wire-service credit lines */
    if (len < 400 &&
        (strncasecmp(s, "reporting by ", 13) == 0 ||
         strncasecmp(s, "additional reporting by ", 24) == 0 ||
         strncasecmp(s, "editing by ", 11) == 0 || strncasecmp(s, "writing by ", 11) == 0 ||
         strncasecmp(s, "compiled by ", 12) == 0))
        return 1;
    if (strncasecmp(s, "copyright", 9) == 0) {
        size_t i = 9;
        while (i < len && s[i] == ' ')
            i++;
        if (i < len && !isalpha((unsigned char)s[i]))
            return 1; /* "Copyright © 2026 ...", "Copyright 2019 ..." */
        for (i = 9; len < 100 && i + 4 <= len; i++) {
            if ((s[i] == '1' || s[i] == '2') && isdigit((unsigned char)s[i + 1]) &&
                isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
                return 1; /* "copyright Site 2019 - ..." */
        }
    }
    /* bylines and social follow-ups */
    if (len < 60 && strncasecmp(s, "by ", 3) == 0)
        return 1;
    if (len < 200 && strncasecmp(s, "follow ", 7) == 0)
        return 1;
    return is_date_line(s, len);
}

static void text_newline(struct ex *x)
{
    while (x->text.len && x->text.buf[x->text.len - 1] == ' ')
        strbuf_setlen(&x->text, x->text.len - 1);
    if (x->text.len && x->text.buf[x->text.len - 1] != '\n')
        strbuf_addch(&x->text, '\n');
    x->pending_sp = 0;
}

static int is_boilerplate_line(const char *s, size_t len, uint32_t text, uint32_t link);
static int is_end_marker(const char *s, size_t len);

/* Closes the implicit paragraph (loose text between blocks); drops it when it is a
 * boilerplate line such as a bare date. */
static void html_close_implicit(struct ex *x)
{
    if (!x->implicit_p)
        return;
    x->implicit_p = 0;
    size_t t1 = x->text.len;
    while (t1 > x->imp_t0 && (x->text.buf[t1 - 1] == ' ' || x->text.buf[t1 - 1] == '\n'))
        t1--;
    uint32_t seg = (uint32_t)(t1 - x->imp_t0);
    if (t1 == x->imp_t0 ||
        is_boilerplate_line(x->text.buf + x->imp_t0, t1 - x->imp_t0, seg,
                            x->imp_link < seg ? (uint32_t)x->imp_link : seg) ||
        is_end_marker(x->text.buf + x->imp_t0, t1 - x->imp_t0)) {
        strbuf_setlen(&x->text, x->imp_t0);
        strbuf_setlen(&x->html, x->imp_h0);
        return;
    }
    strbuf_adds(&x->html, "</p>\n");
}

static void html_ensure_inline(struct ex *x)
{
    if (!x->inline_ctx && !x->implicit_p) {
        text_newline(x);
        x->imp_h0 = x->html.len;
        x->imp_t0 = x->text.len;
        x->imp_link = 0;
        strbuf_adds(&x->html, "<p>");
        x->implicit_p = 1;
    }
}

static void emit_text(struct ex *x, const char *s)
{
    size_t start = x->text.len;
    int wrote = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_space(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
            if (*p == 0xC2)
                p++;
            x->pending_sp = 1;
            continue;
        }
        /* zero-width space/joiners and BOM: invisible, dropped */
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8B || p[2] == 0x8C)) {
            p += 2;
            continue;
        }
        if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            p += 2;
            continue;
        }
        if (!wrote) {
            html_ensure_inline(x);
            start = x->text.len;
            wrote = 1;
        }
        if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n')
            strbuf_addch(&x->text, ' ');
        x->pending_sp = 0;
        strbuf_addch(&x->text, *p);
    }
    if (wrote && !x->no_html)
        html_escape_text_n(&x->html, x->text.buf + start, x->text.len - start);
    if (wrote)
        x->seen_text = 1;
}

static const char *html_tag_for(enum tag t)
{
    switch (t) {
    case T_P:
        return "p";
    case T_H1:
    case T_H2:
        return "h2";
    case T_H3:
        return "h3";
    case T_H4:
        return "h4";
    case T_H5:
        return "h5";
    case T_H6:
        return "h6";
    case T_UL:
        return "ul";
    case T_OL:
        return "ol";
    case T_LI:
        return "li";
    case T_BLOCKQUOTE:
        return "blockquote";
    case T_PRE:
        return "pre";
    case T_DL:
        return "dl";
    case T_DT:
        return "dt";
    case T_DD:
        return "dd";
    case T_TABLE:
        return "table";
    case T_TR:
        return "tr";
    case T_TD:
        return "td";
    case T_TH:
        return "th";
    case T_EM:
    case T_I:
        return "em";
    case T_STRONG:
    case T_B:
        return "strong";
    case T_CODE:
        return "code";
    case T_SUB:
        return "sub";
    case T_SUP:
        return "sup";
    default:
        return NULL;
    }
}

/* Blocks that may hold inline content directly in the output HTML. */
static int opens_inline(enum tag t)
{
    switch (t) {
    case T_P:
    case T_H1:
    case T_H2:
    case T_H3:
    case T_H4:
    case T_H5:
    case T_H6:
    case T_LI:
    case T_PRE:
    case T_DT:
    case T_DD:
    case T_TD:
    case T_TH:
        return 1;
    default:
        return 0;
    }
}

static int is_headline(struct ex *x, xmlNode *n)
{
    int r = 0;
    char *t, *k;

    if (!x->title_key || !*x->title_key)
        return 0;
    t = node_text(n);
    k = norm_key(t);
    /* equal, or a prefix of a title that carries a " - Site" suffix */
    if (k && *k &&
        (strcmp(k, x->title_key) == 0 ||
         (strlen(k) >= 15 && strstr(x->title_key, k) == x->title_key)))
        r = 1;
    free(t);
    free(k);
    return r;
}

static void render(struct ex *x, xmlNode *n, int depth);

static int same_image(const char *a, const char *b);

/* Writes <img> for n into the HTML only (the text is the prose).  Outside an inline
 * context it stands in its own <figure>, with caption when given.  The lead image is
 * skipped the first time: it is shown apart with its caption. */
static void emit_image(struct ex *x, xmlNode *n, const char *caption)
{
    char *src, *abs = NULL, *alt;

    if (x->no_html || x->n_imgs >= 64 || !img_usable(n))
        return;
    src = img_src(n);
    if (!x->lead_skipped && x->image && same_image(src, x->image)) {
        x->lead_skipped = 1;
        xmlFree(src);
        return;
    }
    if (!x->base_url || url_resolve(x->base_url, src, &abs) != HERALD_OK) {
        if (url_resolve(NULL, src, &abs) != HERALD_OK)
            abs = NULL;
    }
    xmlFree(src);
    if (!abs || !(starts_with_ci(abs, "http:") || starts_with_ci(abs, "https:"))) {
        free(abs);
        return;
    }
    alt = attr(n, "alt");
    int standalone = !x->inline_ctx && !x->implicit_p;
    if (standalone)
        strbuf_adds(&x->html, "<figure>");
    strbuf_adds(&x->html, "<img src=\"");
    html_escape_attr(&x->html, abs);
    strbuf_adds(&x->html, "\" alt=\"");
    html_escape_attr(&x->html, alt ? alt : "");
    strbuf_adds(&x->html, "\">");
    if (standalone) {
        if (caption && *caption) {
            strbuf_adds(&x->html, "<figcaption>");
            html_escape_text(&x->html, caption);
            strbuf_adds(&x->html, "</figcaption>");
        }
        strbuf_adds(&x->html, "</figure>\n");
    }
    x->n_imgs++;
    xmlFree(alt);
    free(abs);
}

/* A <figure> without prose: its first image with the figcaption text. */
static void emit_figure(struct ex *x, xmlNode *fig)
{
    xmlNode *img = NULL, *cap = NULL, *q = fig->children;

    if (x->no_html)
        return;
    /* depth-first over the figure, bounded */
    for (int steps = 0; q && steps < 4096; steps++) {
        if (q->type == XML_ELEMENT_NODE) {
            enum tag t = tag_of(q);
            if (t == T_IMG && !img && img_usable(q))
                img = q;
            else if (t == T_FIGCAPTION && !cap)
                cap = q;
        }
        if (q->type == XML_ELEMENT_NODE && q->children) {
            q = q->children;
            continue;
        }
        while (q && q != fig && !q->next)
            q = q->parent;
        if (!q || q == fig)
            break;
        q = q->next;
    }
    if (!img)
        return;
    char *text = cap ? node_text(cap) : NULL;
    html_close_implicit(x);
    int saved = x->inline_ctx;
    x->inline_ctx = 0;
    emit_image(x, img, text);
    x->inline_ctx = saved;
    free(text);
}

/* The next sibling element of n with text, or NULL. */
static xmlNode *next_element(const xmlNode *n)
{
    for (xmlNode *c = n->next; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE ||
            (c->type == XML_TEXT_NODE && c->content &&
             c->content[strspn((const char *)c->content, " \t\r\n")]))
            return c;
    }
    return NULL;
}

static size_t visible_len(const char *s);

static void render_children(struct ex *x, xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        render(x, c, depth + 1);
        if (x->skip_rest == n) {
            x->skip_rest = NULL;
            break;
        }
    }
}

static void render(struct ex *x, xmlNode *n, int depth)
{
    struct nstat *s;
    enum tag t;

    if (depth > MAX_RENDER_DEPTH)
        return;
    if (n->type == XML_TEXT_NODE) {
        if (n->content)
            emit_text(x, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    s = nst_of(x, n);
    if (!s || (s->flags & NF_JUNK))
        return;
    t = s->tag;
    if (t == T_BR) {
        text_newline(x);
        if (!x->no_html && (x->inline_ctx || x->implicit_p))
            strbuf_adds(&x->html, "<br>");
        return;
    }
    if (t == T_HR)
        return;
    if (t == T_IMG) {
        emit_image(x, n, NULL);
        return;
    }
    if (t == T_FIGURE && !s->text) {
        /* an image with its caption: HTML only, the text stays the article's prose */
        emit_figure(x, n);
        return;
    }
    if (tag_is_heading(t) && (t == T_H1 ? (!x->seen_text || is_headline(x, n)) : is_headline(x, n)))
        return;
    if (!s->text && !(s->flags & NF_HASIMG))
        return;

    if (tag_is_block(t)) {
        /* lists and tables made of links are navigation */
        if ((t == T_UL || t == T_OL || t == T_TABLE || t == T_DL) && s->text &&
            s->link * 2 > s->text)
            return;
        size_t h0, t0;
        const char *ht = html_tag_for(t);
        int inl = opens_inline(t);
        html_close_implicit(x);
        text_newline(x);
        h0 = x->html.len;
        t0 = x->text.len;
        size_t imgs0 = x->n_imgs;
        if (ht && !x->no_html)
            strbuf_addf(&x->html, "<%s>", ht);
        int saved_inline = x->inline_ctx;
        x->inline_ctx = inl ? 1 : 0;
        render_children(x, n, depth);
        html_close_implicit(x);
        x->inline_ctx = saved_inline;
        text_newline(x);
        /* drop empty and boilerplate blocks by rewinding both outputs */
        int leafish = !(s->flags & NF_BLOCKKID);
        if (leafish && x->text.len > t0 && is_end_marker(x->text.buf + t0, x->text.len - t0)) {
            /* "Related", "Tags", "Comments": what follows at this level is not article */
            strbuf_setlen(&x->html, h0);
            strbuf_setlen(&x->text, t0);
            if (visible_len(x->text.buf) > 500) {
                /* a heading alone in its wrapper: the list it announces follows the
                 * wrapper, so skip at the first level that has more to come */
                xmlNode *at = n;
                for (int up = 0; up < 3 && at->parent && !next_element(at); up++) {
                    struct nstat *ps = nst_of(x, at->parent);
                    if (!ps || ps->tag == T_BODY || ps->tag == T_HTML)
                        break;
                    at = at->parent;
                }
                x->skip_rest = at->parent;
            }
            return;
        }
        if ((x->text.len == t0 && x->n_imgs == imgs0) ||
            (x->text.len > t0 && leafish &&
             is_boilerplate_line(x->text.buf + t0, x->text.len - t0, s->text, s->link))) {
            strbuf_setlen(&x->html, h0);
            strbuf_setlen(&x->text, t0);
            return;
        }
        if (ht && !x->no_html)
            strbuf_addf(&x->html, "</%s>\n", ht);
        return;
    }

    if (t == T_TD || t == T_TH) {
        /* cells of a row share its line */
        int saved_inline = x->inline_ctx;
        html_close_implicit(x);
        if (x->text.len && x->text.buf[x->text.len - 1] != '\n')
            strbuf_addch(&x->text, ' '); /* the separator goes to the text only */
        x->pending_sp = 0;
        if (!x->no_html)
            strbuf_adds(&x->html, t == T_TD ? "<td>" : "<th>");
        x->inline_ctx = 1;
        render_children(x, n, depth);
        html_close_implicit(x);
        x->inline_ctx = saved_inline;
        x->pending_sp = 1;
        if (!x->no_html)
            strbuf_adds(&x->html, t == T_TD ? "</td>" : "</th>");
        return;
    }

    /* inline */
    const char *ht = html_tag_for(t);
    if (t == T_A) {
        char *href = x->no_html ? NULL : attr(n, "href");
        /* the href is written as found: the sanitizer resolves it against the page URL
         * and drops what is not http(s)/mailto (one URL parse per link, not two) */
        int linked = href && href[0] && href[0] != '#';
        html_ensure_inline(x);
        if (linked) {
            if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n') {
                strbuf_addch(&x->text, ' ');
                strbuf_addch(&x->html, ' ');
                x->pending_sp = 0;
            }
            strbuf_adds(&x->html, "<a href=\"");
            html_escape_attr(&x->html, href);
            strbuf_adds(&x->html, "\">");
        }
        size_t l0 = x->text.len;
        render_children(x, n, depth);
        /* link text of loose runs, for their link density (html_close_implicit) */
        if (x->implicit_p && x->text.len > l0)
            x->imp_link += x->text.len - l0;
        if (linked)
            strbuf_adds(&x->html, "</a>");
        xmlFree(href);
        return;
    }
    if (ht && !x->no_html) {
        html_ensure_inline(x);
        if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n') {
            strbuf_addch(&x->text, ' ');
            strbuf_addch(&x->html, ' ');
            x->pending_sp = 0;
        }
        strbuf_addf(&x->html, "<%s>", ht);
        render_children(x, n, depth);
        strbuf_addf(&x->html, "</%s>", ht);
        return;
    }
    render_children(x, n, depth);
}

/* Renders the candidate and its related siblings (Readability's sibling rule). */
static void render_article(struct ex *x, xmlNode *top)
{
    struct nstat *ts = nst_of(x, top);
    xmlNode *parent = top->parent;
    double top_sc = ts ? final_score(ts) : 0;
    double threshold = top_sc * 0.2 > 10 ? top_sc * 0.2 : 10;
    struct nstat *ps = parent ? nst_of(x, parent) : NULL;

    if (!ps || ps->tag == T_HTML) {
        render(x, top, 0);
        return;
    }
    for (xmlNode *c = parent->children; c; c = c->next) {
        struct nstat *cs;
        if (c == top) {
            render(x, c, 0);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        cs = nst_of(x, c);
        if (!cs || (cs->flags & NF_JUNK) || !cs->text)
            continue;
        int append = 0;
        if ((cs->flags & NF_SCORED) && final_score(cs) >= threshold)
            append = 1;
        else if (cs->tag == T_P ||
                 ((cs->tag == T_DIV || cs->tag == T_SECTION) && !(cs->flags & NF_BLOCKKID))) {
            double ld = (double)cs->link / cs->text;
            if (cs->text > 80 && ld < 0.25)
                append = 1;
            else if (cs->text <= 80 && cs->link == 0) {
                xmlChar *c2 = xmlNodeGetContent(c);
                size_t l = c2 ? strlen((const char *)c2) : 0;
                while (l && is_space(c2[l - 1]))
                    l--;
                if (l && (c2[l - 1] == '.' || c2[l - 1] == '!' || c2[l - 1] == '?'))
                    append = 1;
                xmlFree(c2);
            }
        }
        if (append)
            render(x, c, 0);
    }
}

/* Renders every <p> of the page outside boilerplate: the fallback body. */
static void render_all_paragraphs(struct ex *x, xmlNode *root)
{
    xmlNode *n = root;

    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && descend &&
            (s->tag == T_P || s->tag == T_PRE || s->tag == T_BLOCKQUOTE || s->tag == T_LI)) {
            render(x, n, 0);
            descend = 0;
        }
        n = dfs_next(n, root, descend);
    }
}

static void reset_output(struct ex *x)
{
    strbuf_reset(&x->text);
    strbuf_reset(&x->html);
    x->inline_ctx = 0;
    x->implicit_p = 0;
    x->pending_sp = 0;
    x->seen_text = 0;
    x->skip_rest = NULL;
    x->n_imgs = 0;
    x->lead_skipped = 0;
}

/* Writes a plain-text body (JSON-LD articleBody) into the outputs, one line a paragraph. */
static void render_plain(struct ex *x, const char *body)
{
    const char *p = body;
    int in_tag = 0;

    reset_output(x);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        struct strbuf line = STRBUF_INIT;
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '<')
                in_tag = 1;
            else if (p[i] == '>' && in_tag)
                in_tag = 0;
            else if (!in_tag)
                strbuf_addch(&line, p[i]);
        }
        char *c = clean_dup(line.buf);
        strbuf_release(&line);
        if (c) {
            strbuf_adds(&x->text, c);
            strbuf_addch(&x->text, '\n');
            if (!x->no_html) {
                strbuf_adds(&x->html, "<p>");
                html_escape_text(&x->html, c);
                strbuf_adds(&x->html, "</p>\n");
            }
            free(c);
        }
        p += len;
        if (*p)
            p++;
    }
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    int in = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_space(*p)) {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

static size_t visible_len(const char *s)
{
    size_t n = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!is_space(*p) && (*p & 0xC0) != 0x80)
            n++;
    }
    return n;
}

/* ---------------------------------------------------------------- lead image caption */

/* Is a file-name token a size or variant marker ("1200x800", "w640", "scaled")? */
static int size_token(const char *t, size_t n)
{
    static const char *const words[] = {"scaled",    "large", "medium",  "small",  "thumb",
                                        "thumbnail", "crop",  "cropped", "resize", "full"};
    size_t d = 0;

    for (size_t i = 0; i < NELEM(words); i++) {
        if (strlen(words[i]) == n && strncasecmp(t, words[i], n) == 0)
            return 1;
    }
    while (d < n && isdigit((unsigned char)t[d]))
        d++;
    if (d > 0 && d < n && (t[d] == 'x' || t[d] == 'X')) {
        size_t e = d + 1;
        while (e < n && isdigit((unsigned char)t[e]))
            e++;
        return e == n && e > d + 1; /* 1200x800 */
    }
    if (d > 0 && d + 1 == n && (t[d] == 'w' || t[d] == 'h'))
        return 1; /* 640w */
    if (n > 1 && (t[0] == 'w' || t[0] == 'h')) {
        size_t k = 1;
        while (k < n && isdigit((unsigned char)t[k]))
            k++;
        return k == n; /* w640 */
    }
    return 0;
}

/* Writes the file-name tokens of url that are not size markers into buf. */
static void image_key(const char *url, char *buf, size_t size, size_t *first_len)
{
    const char *b = strrchr(url, '/');
    size_t len = 0;

    b = b ? b + 1 : url;
    size_t n = strcspn(b, "?#");
    const char *dot = memrchr(b, '.', n);
    if (dot)
        n = (size_t)(dot - b);
    *first_len = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalnum((unsigned char)b[i]))
            i++;
        size_t s0 = i;
        while (i < n && isalnum((unsigned char)b[i]))
            i++;
        if (i == s0 || size_token(b + s0, i - s0))
            continue;
        if (!*first_len)
            *first_len = i - s0;
        for (size_t k = s0; k < i && len + 2 < size; k++)
            buf[len++] = (char)tolower((unsigned char)b[k]);
        if (len + 2 < size)
            buf[len++] = ' ';
    }
    buf[len] = '\0';
}

/* Do two image URLs name the same picture (resized variants included)? */
static int same_image(const char *a, const char *b)
{
    char ka[256], kb[256];
    size_t fa, fb;

    if (!a || !b)
        return 0;
    image_key(a, ka, sizeof(ka), &fa);
    image_key(b, kb, sizeof(kb), &fb);
    if (!ka[0] || !kb[0])
        return 0;
    if (strcmp(ka, kb) == 0)
        return 1;
    /* "19bouieWeb-superJumbo" / "19bouieWeb-facebookJumbo": a long shared first token */
    return fa >= 8 && fa == fb && strncmp(ka, kb, fa) == 0;
}

static size_t count_words(const char *s);

/* Next node of a depth-first walk of the subtree at top (NULL at its end). */

static int is_caption_el(const xmlNode *n)
{
    char cid[256];

    if (tag_of(n) == T_FIGCAPTION)
        return 1;
    return class_id(n, cid, sizeof(cid)) && strstr(cid, "caption") != NULL;
}

static int is_credit_el(const xmlNode *n)
{
    char cid[256];

    return class_id(n, cid, sizeof(cid)) &&
           (strstr(cid, "credit") || strstr(cid, "copyright") || strstr(cid, "photographer") ||
            strstr(cid, "source") || strstr(cid, "byline"));
}

/* First caption element in the subtree at c (bounded), or NULL. */
static xmlNode *caption_in(xmlNode *c)
{
    int steps = 0;

    for (xmlNode *q = c; q && steps < 300; steps++) {
        if (q->type == XML_ELEMENT_NODE && q != c && is_caption_el(q))
            return q;
        q = dfs_next(q, c, 1);
    }
    return NULL;
}

/* Caption text of cap without its credit part; the credit goes to x->image_credit. */
static void read_caption(struct ex *x, xmlNode *cap)
{
    struct strbuf sb = STRBUF_INIT;
    int steps = 0;

    for (xmlNode *q = cap->children; q && steps < 300; steps++) {
        int descend = 1;
        if (q->type == XML_ELEMENT_NODE && is_credit_el(q)) {
            char *cr = node_text(q);
            set_once(&x->image_credit, cr);
            free(cr);
            descend = 0;
        } else if (q->type == XML_TEXT_NODE && q->content) {
            strbuf_adds(&sb, (const char *)q->content);
            strbuf_addch(&sb, ' ');
        } else if (q->type == XML_ELEMENT_NODE) {
            enum tag t = tag_of(q);
            if (t == T_SCRIPT || t == T_STYLE || t == T_BUTTON || t == T_SVG)
                descend = 0;
        }
        q = dfs_next(q, cap, descend);
    }
    char *text = clean_dup(sb.buf);
    strbuf_release(&sb);
    /* "A caption. Credit: Name" / "Credit...Name" in one run of text */
    char *cr = text ? strstr(text, "Credit") : NULL;
    if (cr && cr > text && !x->image_credit) {
        const char *v = cr + 6;
        while (*v == '.' || *v == ':' || *v == ' ' || (unsigned char)*v == 0xE2 ||
               (unsigned char)*v == 0x80 || (unsigned char)*v == 0xA6)
            v++;
        if (*v) {
            x->image_credit = clean_dup(v);
            while (cr > text && cr[-1] == ' ')
                cr--;
            *cr = '\0';
        }
    }
    /* a caption is a phrase: one or two words are a label or a name tag */
    if (text && count_words(text) >= 3 && !x->image_caption && strlen(text) < 2000)
        x->image_caption = text;
    else
        free(text);
}

/* Finds the lead image in the page (or, without one in the metadata, the first figure of
 * the article) and reads its caption and credit from the figure or the element next to
 * it whose class says caption. */
static void find_caption(struct ex *x, xmlNode *root, xmlNode *top)
{
    xmlNode *img = NULL, *first_fig_img = NULL;
    /* The article's container: the body's parent or grandparent also holds the headline
     * and, in many templates, the lead figure next to (not inside) the body. */
    xmlNode *container = top && top->parent ? top->parent : top;
    int reached_top = 0;
    if (container && container->parent && container->parent->type == XML_ELEMENT_NODE &&
        tag_of(container->parent) != T_BODY)
        container = container->parent;

    for (xmlNode *n = root; n && !img;) {
        int descend = 1;
        if (n == top)
            reached_top = 1;
        if (n->type == XML_ELEMENT_NODE) {
            struct nstat *ns = nst_of(x, n);
            enum tag t = ns ? ns->tag : tag_of(n);
            if (t == T_HEAD || t == T_SCRIPT || t == T_STYLE || t == T_NAV || t == T_FOOTER ||
                t == T_ASIDE || t == T_NOSCRIPT) {
                descend = 0;
            } else if (t == T_IMG) {
                char *src = img_src(n);
                if (x->image && same_image(src, x->image)) {
                    img = n;
                } else if (!first_fig_img && src && top) {
                    /* the first image of a <figure> in the article, or of one that
                     * stands before the body in the article's container */
                    int in_fig = 0, depth = 0;
                    for (xmlNode *a = n->parent; a; a = a->parent, depth++) {
                        if (depth < 4 && a->type == XML_ELEMENT_NODE && tag_of(a) == T_FIGURE)
                            in_fig = 1;
                        if (a == top || (a == container && !reached_top)) {
                            if (in_fig)
                                first_fig_img = n;
                            break;
                        }
                    }
                }
                xmlFree(src);
            }
        }
        if (img)
            break;
        n = dfs_next(n, root, descend);
    }
    if (!img && first_fig_img) {
        /* the article's first figure stands for the lead image */
        img = first_fig_img;
        if (!x->image) {
            char *src = img_src(img);
            set_once(&x->image, src);
            xmlFree(src);
        }
    }
    if (!img)
        return;
    /* the figure, or the closest ancestor (3 levels) holding a caption element */
    xmlNode *cap = NULL;
    int level = 0;
    for (xmlNode *a = img->parent; a && a->type == XML_ELEMENT_NODE && level < 3 && !cap;
         a = a->parent, level++) {
        enum tag t = tag_of(a);
        if (t == T_BODY || t == T_ARTICLE || t == T_MAIN)
            break;
        cap = caption_in(a);
        if (t == T_FIGURE)
            break;
    }
    if (cap)
        read_caption(x, cap);
}

/* ---------------------------------------------------------------- dateline */

static char *find_dateline(const char *text)
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

/* ---------------------------------------------------------------- driver */

static void ex_release(struct ex *x)
{
    free(x->st);
    free(x->base_url);
    free(x->title);
    free(x->og_title);
    free(x->ld_headline);
    free(x->h1);
    free(x->doc_title);
    free(x->description);
    free(x->site_name);
    free(x->language);
    free(x->canonical);
    free(x->og_url);
    free(x->image);
    free(x->image_caption);
    free(x->image_credit);
    free(x->ld_body);
    for (size_t i = 0; i < x->n_authors; i++)
        free(x->authors[i]);
    free(x->authors);
    free(x->title_key);
    strbuf_release(&x->text);
    strbuf_release(&x->html);
}

static void clear_private(xmlNode *root)
{
    xmlNode *n = root;

    while (n) {
        if (n->type == XML_ELEMENT_NODE)
            n->_private = NULL;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n) {
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

static char *resolve_or_dup(const char *base, const char *ref)
{
    char *abs = NULL;

    if (!ref)
        return NULL;
    if (base && url_resolve(base, ref, &abs) == HERALD_OK)
        return abs;
    if (url_resolve(NULL, ref, &abs) == HERALD_OK)
        return abs;
    return NULL;
}

/* Does the document declare its own encoding in the first bytes? */
static int declares_charset(const char *html, size_t len)
{
    size_t n = len < 4096 ? len : 4096;

    for (size_t i = 0; i + 8 <= n; i++) {
        if ((html[i] == 'c' || html[i] == 'C') && strncasecmp(html + i, "charset", 7) == 0)
            return 1;
    }
    return 0;
}

/* The body: DOM candidate, compared with JSON-LD articleBody, then the fallbacks. */
static void extract_body(struct ex *x, xmlNode *root, xmlNode **top_out)
{
    xmlNode *top = best_candidate(x, root);

    *top_out = top;
    if (top && log_get_level() >= LOG_DEBUG) {
        char cid[256] = "";
        struct nstat *ts = nst_of(x, top);
        class_id(top, cid, sizeof(cid));
        log_debug(MOD, "candidate <%s class/id=\"%s\"> score %.1f text %u link %u",
                  (const char *)top->name, cid, ts ? final_score(ts) : 0.0, ts ? ts->text : 0,
                  ts ? ts->link : 0);
    }
    reset_output(x);
    if (top)
        render_article(x, top);
    if (visible_len(x->text.buf) < 200) {
        /* a thin candidate: every paragraph of the page does better */
        struct strbuf keep_t = STRBUF_INIT, keep_h = STRBUF_INIT;
        strbuf_add(&keep_t, x->text.buf, x->text.len);
        strbuf_add(&keep_h, x->html.buf, x->html.len);
        reset_output(x);
        render_all_paragraphs(x, root);
        if (x->text.len < keep_t.len) {
            reset_output(x);
            strbuf_add(&x->text, keep_t.buf, keep_t.len);
            strbuf_add(&x->html, keep_h.buf, keep_h.len);
        }
        strbuf_release(&keep_t);
        strbuf_release(&keep_h);
    }
    if (x->ld_body) {
        size_t ld = visible_len(x->ld_body), dom = visible_len(x->text.buf);
        log_debug(MOD, "articleBody %zu chars, DOM body %zu chars", ld, dom);
        if (ld >= 200 && dom * 10 < ld * 6)
            render_plain(x, x->ld_body);
    }
}

herald_status extract_article(const char *html, size_t len, const char *url,
                              const struct extract_opts *opts, struct extract_result **out)
{
    herald_status rc = HERALD_OK;
    struct ex x;
    htmlDocPtr doc = NULL;
    xmlNode *root, *top = NULL;
    struct extract_result *r = NULL;
    size_t cap = opts && opts->max_input ? opts->max_input : EXTRACT_MAX_INPUT;

    memset(&x, 0, sizeof(x));
    x.text = (struct strbuf)STRBUF_INIT;
    x.html = (struct strbuf)STRBUF_INIT;
    x.published = x.modified = TIME_NONE;
    x.page_url = url;
    x.class_rules = 1;
    x.no_html = opts ? opts->no_html : 0;
    if (!html || !out)
        return HERALD_E_INVALID;
    if (len > cap || len > INT32_MAX)
        return HERALD_E_TOOBIG;
    if (len == 0)
        return HERALD_E_PARSE;

    /* through html/parse.h: the attribute cap comes first (libxml2 is quadratic in the
     * attributes of one element) */
    rc = html_read_memory(html, len, url, declares_charset(html, len) ? NULL : "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT,
                          &doc);
    if (rc)
        goto out;
    root = xmlDocGetRootElement(doc);
    if (!root) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    walk(&x, root);
    if (!x.base_url && url)
        x.base_url = xstrdup(url);

    /* title first: the body renderer drops the headline */
    x.title = xstrdup(x.ld_headline ? x.ld_headline
                      : x.og_title  ? x.og_title
                      : x.h1        ? x.h1
                                    : x.doc_title);
    x.title_key = norm_key(x.title);

    extract_body(&x, root, &top);
    if (visible_len(x.text.buf) < 250 && x.class_rules) {
        /* class rules may have hidden the article: retry without them */
        struct ex y;
        size_t before = visible_len(x.text.buf);
        clear_private(root);
        memset(&y, 0, sizeof(y));
        y.text = (struct strbuf)STRBUF_INIT;
        y.html = (struct strbuf)STRBUF_INIT;
        y.published = y.modified = TIME_NONE;
        y.page_url = url;
        y.no_html = x.no_html;
        y.class_rules = 0;
        y.base_url = xstrdup(x.base_url);
        walk(&y, root);
        y.title_key = xstrdup(x.title_key);
        y.ld_body = xstrdup(x.ld_body);
        xmlNode *ytop = NULL;
        extract_body(&y, root, &ytop);
        if (visible_len(y.text.buf) > before * 2) {
            struct strbuf tmp = x.text;
            x.text = y.text;
            y.text = tmp;
            tmp = x.html;
            x.html = y.html;
            y.html = tmp;
        }
        ex_release(&y);
        clear_private(root);
        x.nst = 0;
        walk(&x, root); /* restore x's node facts for the caption search */
    }

    if (x.text.len == 0) {
        /* last resort: all text of the body element */
        xmlNode *body = root;
        for (xmlNode *c = root->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && tag_of(c) == T_BODY)
                body = c;
        }
        char *t = node_text(body);
        if (t) {
            strbuf_adds(&x.text, t);
            strbuf_addch(&x.text, '\n');
            if (!x.no_html) {
                strbuf_adds(&x.html, "<p>");
                html_escape_text(&x.html, t);
                strbuf_adds(&x.html, "</p>\n");
            }
            free(t);
        }
    }
    if (x.text.len == 0 && !x.title) {
        rc = HERALD_E_PARSE;
        goto out;
    }

    find_caption(&x, root, top);

    r = xcalloc(1, sizeof(*r));
    r->title = x.title;
    x.title = NULL;
    r->body_text = strbuf_detach(&x.text, NULL);
    r->body_html = x.no_html ? NULL : extract_body_html(x.html.buf, x.base_url);
    r->image_url = resolve_or_dup(x.base_url, x.image);
    r->image_caption = x.image_caption;
    x.image_caption = NULL;
    r->image_credit = x.image_credit;
    x.image_credit = NULL;
    r->authors = x.authors ? x.authors : xcalloc(1, sizeof(char *));
    r->n_authors = x.n_authors;
    x.authors = NULL;
    x.n_authors = 0;
    r->published = x.published;
    r->modified = x.modified;
    r->canonical_url = resolve_or_dup(x.base_url, x.canonical ? x.canonical : x.og_url);
    if (!r->canonical_url && url)
        r->canonical_url = xstrdup(url);
    if (!x.language) {
        char *lang = attr(root, "lang");
        if (!lang)
            lang = attr(root, "xml:lang");
        x.language = clean_dup(lang);
        xmlFree(lang);
    }
    r->language = x.language;
    x.language = NULL;
    r->site_name = x.site_name;
    x.site_name = NULL;
    r->description = x.description;
    x.description = NULL;
    r->dateline = find_dateline(r->body_text);
    r->word_count = count_words(r->body_text);
    *out = r;
out:
    if (doc)
        xmlFreeDoc(doc);
    ex_release(&x);
    return rc;
}

void extract_result_free(struct extract_result *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->body_html);
    free(r->body_text);
    free(r->image_url);
    free(r->image_caption);
    free(r->image_credit);
    for (size_t i = 0; i < r->n_authors; i++)
        free(r->authors[i]);
    free(r->authors);
    free(r->canonical_url);
    free(r->language);
    free(r->site_name);
    free(r->dateline);
    free(r->description);
    free(r);
}

static void json_set_str(json_t *o, const char *k, const char *v)
{
    if (v)
        json_object_set_new(o, k, json_string(v));
}

char *extract_result_to_json(const struct extract_result *r, int indent)
{
    json_t *o, *a;
    char tbuf[TIME_RFC3339_LEN];
    char *s, *out;

    if (!r)
        return NULL;
    o = json_object();
    json_set_str(o, "title", r->title);
    json_set_str(o, "canonical_url", r->canonical_url);
    json_set_str(o, "site_name", r->site_name);
    json_set_str(o, "language", r->language);
    json_set_str(o, "description", r->description);
    a = json_array();
    for (size_t i = 0; i < r->n_authors; i++)
        json_array_append_new(a, json_string(r->authors[i]));
    json_object_set_new(o, "authors", a);
    if (r->published != TIME_NONE)
        json_object_set_new(o, "published", json_string(time_format_rfc3339(r->published, tbuf)));
    if (r->modified != TIME_NONE)
        json_object_set_new(o, "modified", json_string(time_format_rfc3339(r->modified, tbuf)));
    if (r->image_url || r->image_caption || r->image_credit) {
        json_t *img = json_object();
        json_set_str(img, "url", r->image_url);
        json_set_str(img, "caption", r->image_caption);
        json_set_str(img, "credit", r->image_credit);
        json_object_set_new(o, "image", img);
    }
    json_set_str(o, "dateline", r->dateline);
    json_object_set_new(o, "word_count", json_integer((json_int_t)r->word_count));
    json_set_str(o, "body_text", r->body_text);
    json_set_str(o, "body_html", r->body_html);
    s = json_dumps(o, (indent > 0 ? JSON_INDENT(indent) : JSON_COMPACT) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return NULL;
    out = xstrdup(s);
    free(s);
    return out;
}
