/*
 * extract.c - article extraction: the driver (see extract.h for the pipeline and
 * extract_int.h for how the phases are split between files).
 *
 * Design notes
 * ------------
 * The document is parsed once by libxml2 (recover mode, no network).  Every later pass
 * is an iterative walk over the tree (no recursion on the parse tree except the renderer,
 * which is depth-capped), so the cost is the parse plus a few linear passes: pass 1
 * (extract_score.c) gathers metadata, flags, counts and scores; the candidate is chosen
 * (extract_score.c) and rendered (extract_render.c); the lead image's caption is read
 * (extract_image.c).  This file runs the phases and their fallbacks, builds the result,
 * and holds the tag vocabulary and the small helpers every phase uses.
 *
 * Rejected alternatives: regex scans of the raw bytes (slow and fooled by markup),
 * pruning by fixed site templates (forbidden: herald must work on unseen sites), and
 * a second DOM library (libxml2 is already a dependency).
 */
#include "extract/extract.h"

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
#include "extract/extract_int.h"
#include "html/parse.h"
#include "html/escape.h"
#include "html/parse.h"
#include "core/banned.h"

/* ---------------------------------------------------------------- tags */

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

enum tag ex_tag_of(const xmlNode *n)
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
int ex_tag_is_junk(enum tag t)
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
int ex_tag_is_block(enum tag t)
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

int ex_tag_is_heading(enum tag t)
{
    return t >= T_H1 && t <= T_H6;
}

/* ---------------------------------------------------------------- small string helpers */

int ex_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whitespace-collapsed, trimmed copy of s (NBSP counts as space); NULL when empty. */
char *ex_clean_dup(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    int sp = 0;

    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (ex_is_space(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
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

void ex_set_once(char **dst, const char *s)
{
    if (*dst || !s)
        return;
    *dst = ex_clean_dup(s);
}

/* Lower-cased alphanumeric key of s, for loose equality of titles. */
char *ex_norm_key(const char *s)
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

int ex_starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *ex_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Concatenated text of a subtree (libxml2 allocation converted to ours). */
char *ex_node_text(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = ex_clean_dup((const char *)c);

    xmlFree(c);
    return s;
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
    for (xmlNode *n = root; n; n = html_walk_next(n, root, 1)) {
        if (n->type == XML_ELEMENT_NODE)
            n->_private = NULL;
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
    xmlNode *top = ex_best_candidate(x, root);

    *top_out = top;
    if (top && log_get_level() >= LOG_DEBUG) {
        char cid[256] = "";
        struct nstat *ts = ex_nst_of(x, top);
        ex_class_id(top, cid, sizeof(cid));
        log_debug(MOD, "candidate <%s class/id=\"%s\"> score %.1f text %u link %u",
                  (const char *)top->name, cid, ts ? ex_final_score(ts) : 0.0, ts ? ts->text : 0,
                  ts ? ts->link : 0);
    }
    ex_reset_output(x);
    if (top)
        ex_render_article(x, top);
    if (ex_visible_len(x->text.buf) < 200) {
        /* a thin candidate: every paragraph of the page does better */
        struct strbuf keep_t = STRBUF_INIT, keep_h = STRBUF_INIT;
        strbuf_add(&keep_t, x->text.buf, x->text.len);
        strbuf_add(&keep_h, x->html.buf, x->html.len);
        ex_reset_output(x);
        ex_render_all_paragraphs(x, root);
        if (x->text.len < keep_t.len) {
            ex_reset_output(x);
            strbuf_add(&x->text, keep_t.buf, keep_t.len);
            strbuf_add(&x->html, keep_h.buf, keep_h.len);
        }
        strbuf_release(&keep_t);
        strbuf_release(&keep_h);
    }
    if (x->ld_body) {
        size_t ld = ex_visible_len(x->ld_body), dom = ex_visible_len(x->text.buf);
        log_debug(MOD, "articleBody %zu chars, DOM body %zu chars", ld, dom);
        if (ld >= 200 && dom * 10 < ld * 6)
            ex_render_plain(x, x->ld_body);
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
    ex_walk(&x, root);
    if (!x.base_url && url)
        x.base_url = xstrdup(url);

    /* title first: the body renderer drops the headline */
    x.title = xstrdup(x.ld_headline ? x.ld_headline
                      : x.og_title  ? x.og_title
                      : x.h1        ? x.h1
                                    : x.doc_title);
    x.title_key = ex_norm_key(x.title);

    extract_body(&x, root, &top);
    if (ex_visible_len(x.text.buf) < 250 && x.class_rules) {
        /* class rules may have hidden the article: retry without them */
        struct ex y;
        size_t before = ex_visible_len(x.text.buf);
        clear_private(root);
        memset(&y, 0, sizeof(y));
        y.text = (struct strbuf)STRBUF_INIT;
        y.html = (struct strbuf)STRBUF_INIT;
        y.published = y.modified = TIME_NONE;
        y.page_url = url;
        y.no_html = x.no_html;
        y.class_rules = 0;
        y.base_url = xstrdup(x.base_url);
        ex_walk(&y, root);
        y.title_key = xstrdup(x.title_key);
        y.ld_body = xstrdup(x.ld_body);
        xmlNode *ytop = NULL;
        extract_body(&y, root, &ytop);
        if (ex_visible_len(y.text.buf) > before * 2) {
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
        ex_walk(&x, root); /* restore x's node facts for the caption search */
    }

    if (x.text.len == 0) {
        /* last resort: all text of the body element */
        xmlNode *body = root;
        for (xmlNode *c = root->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && ex_tag_of(c) == T_BODY)
                body = c;
        }
        char *t = ex_node_text(body);
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

    ex_find_caption(&x, root, top);

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
        char *lang = ex_attr(root, "lang");
        if (!lang)
            lang = ex_attr(root, "xml:lang");
        x.language = ex_clean_dup(lang);
        xmlFree(lang);
    }
    r->language = x.language;
    x.language = NULL;
    r->site_name = x.site_name;
    x.site_name = NULL;
    r->description = x.description;
    x.description = NULL;
    r->dateline = ex_find_dateline(r->body_text);
    r->word_count = ex_count_words(r->body_text);
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
