/*
 * text.c - see text.h.  Also implements sanitize_title (sanitize.h), which is the same
 * walk writing one line.
 *
 * One iterative walk over the libxml2 tree (html_walk of parse.h: no recursion) with a tiny
 * line state: has_content (the current line has a non-space character), pending_space
 * (whitespace was seen since the last character) and pending_break (a block ended since
 * the last character).  Separators are written lazily, just before the next visible
 * character, so the output never starts or ends with a separator and never holds an
 * empty line or a doubled space, whatever the markup looks like.
 */
#include "html/text.h"
#include "html/parse.h"
#include "html/sanitize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

enum text_kind { T_BLOCK = 1, T_DROP, T_CELL, T_BR, T_PRE };

struct text_rule {
    const char *name;
    unsigned char kind;
};

/* Sorted by name (strcmp order). */
static const struct text_rule text_rules[] = {
    {"address", T_BLOCK},    {"article", T_BLOCK}, {"aside", T_BLOCK},   {"audio", T_DROP},
    {"blockquote", T_BLOCK}, {"body", T_BLOCK},    {"br", T_BR},         {"button", T_DROP},
    {"canvas", T_DROP},      {"caption", T_BLOCK}, {"center", T_BLOCK},  {"datalist", T_DROP},
    {"dd", T_BLOCK},         {"details", T_BLOCK}, {"dialog", T_DROP},   {"dir", T_BLOCK},
    {"div", T_BLOCK},        {"dl", T_BLOCK},      {"dt", T_BLOCK},      {"fieldset", T_BLOCK},
    {"figcaption", T_BLOCK}, {"figure", T_BLOCK},  {"footer", T_BLOCK},  {"form", T_BLOCK},
    {"frame", T_DROP},       {"frameset", T_DROP}, {"h1", T_BLOCK},      {"h2", T_BLOCK},
    {"h3", T_BLOCK},         {"h4", T_BLOCK},      {"h5", T_BLOCK},      {"h6", T_BLOCK},
    {"head", T_DROP},        {"header", T_BLOCK},  {"hgroup", T_BLOCK},  {"hr", T_BLOCK},
    {"html", T_BLOCK},       {"iframe", T_DROP},   {"input", T_DROP},    {"legend", T_BLOCK},
    {"li", T_BLOCK},         {"link", T_DROP},     {"listing", T_PRE},   {"main", T_BLOCK},
    {"math", T_DROP},        {"menu", T_BLOCK},    {"meta", T_DROP},     {"nav", T_BLOCK},
    {"noembed", T_DROP},     {"noframes", T_DROP}, {"noscript", T_DROP}, {"ol", T_BLOCK},
    {"optgroup", T_DROP},    {"option", T_DROP},   {"p", T_BLOCK},       {"plaintext", T_PRE},
    {"pre", T_PRE},          {"script", T_DROP},   {"section", T_BLOCK}, {"select", T_DROP},
    {"style", T_DROP},       {"summary", T_BLOCK}, {"svg", T_DROP},      {"table", T_BLOCK},
    {"tbody", T_BLOCK},      {"td", T_CELL},       {"template", T_DROP}, {"textarea", T_DROP},
    {"tfoot", T_BLOCK},      {"th", T_CELL},       {"thead", T_BLOCK},   {"title", T_DROP},
    {"tr", T_BLOCK},         {"ul", T_BLOCK},      {"video", T_DROP},    {"xmp", T_PRE},
};

struct tctx {
    struct strbuf *out;
    int single_line;
    int has_content, pending_space, pending_break;
    unsigned pre_depth; /* > 0 inside pre; the depth of the outermost pre */
};

static int text_rule_cmp(const void *key, const void *elem)
{
    const struct text_rule *r = elem;
    return strcmp(key, r->name);
}

static int text_kind(const xmlChar *xname)
{
    char low[16];
    const char *name = (const char *)xname;
    const struct text_rule *r;
    size_t n = name ? strlen(name) : 0;
    if (!n || n >= sizeof(low))
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    r = bsearch(low, text_rules, sizeof(text_rules) / sizeof(text_rules[0]), sizeof(text_rules[0]),
                text_rule_cmp);
    return r ? r->kind : 0;
}

static void line_break(struct tctx *t)
{
    if (!t->has_content)
        return;
    if (t->single_line)
        t->pending_space = 1;
    else
        t->pending_break = 1;
}

static void put_text(struct tctx *t, const unsigned char *s)
{
    struct strbuf *out = t->out;
    while (*s) {
        unsigned char c = *s;
        size_t adv = 1;
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (c == 0xc2 && s[1] == 0xa0) { /* no-break space */
            space = 1;
            adv = 2;
        }
        if (space) {
            if (c == '\n' && t->pre_depth)
                line_break(t);
            else if (t->has_content)
                t->pending_space = 1;
            s += adv;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            s++;
            continue;
        }
        if (t->pending_break) {
            strbuf_addch(out, '\n');
            t->has_content = 0;
        } else if (t->pending_space && t->has_content) {
            strbuf_addch(out, ' ');
        }
        t->pending_break = 0;
        t->pending_space = 0;
        t->has_content = 1;
        strbuf_addch(out, c);
        s++;
    }
}

enum { T_SKIP = 0, T_DESCEND = 1 };

static int text_enter(struct tctx *t, xmlNodePtr n, unsigned d)
{
    int kind;
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (n->content)
            put_text(t, n->content);
        return T_SKIP;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_DOCUMENT_FRAG_NODE:
        return T_DESCEND;
    case XML_ELEMENT_NODE:
        break;
    default:
        return T_SKIP;
    }
    kind = text_kind(n->name);
    switch (kind) {
    case T_DROP:
        return T_SKIP;
    case T_BR:
        line_break(t);
        return T_SKIP;
    case T_PRE:
        if (!t->pre_depth)
            t->pre_depth = d;
        line_break(t);
        return T_DESCEND;
    case T_BLOCK:
        line_break(t);
        return T_DESCEND;
    default:
        return T_DESCEND;
    }
}

static void text_leave(struct tctx *t, xmlNodePtr n, unsigned d)
{
    int kind = text_kind(n->name);
    if (kind == T_BLOCK || kind == T_PRE)
        line_break(t);
    else if (kind == T_CELL && t->has_content)
        t->pending_space = 1;
    if (t->pre_depth == d)
        t->pre_depth = 0;
}

static enum html_walk_action text_walk_enter(void *ctx, xmlNodePtr n, unsigned d)
{
    return text_enter(ctx, n, d) == T_DESCEND ? HTML_WALK_DESCEND : HTML_WALK_SKIP;
}

/* Also called for skipped elements (dropped ones, br), where it does nothing. */
static void text_walk_leave(void *ctx, xmlNodePtr n, unsigned d)
{
    text_leave(ctx, n, d);
}

static const struct html_walk_ops text_walk_ops = {text_walk_enter, text_walk_leave};

static herald_status node_text(xmlNodePtr node, int single_line, struct strbuf *out)
{
    struct tctx t;
    if (!node || !out)
        return HERALD_E_INVALID;
    memset(&t, 0, sizeof(t));
    t.out = out;
    t.single_line = single_line;
    html_walk(node, 0, &text_walk_ops, &t);
    return HERALD_OK;
}

herald_status html_to_text_node(xmlNodePtr node, struct strbuf *out)
{
    return node_text(node, 0, out);
}

static herald_status parse_and_write(const char *html, size_t len, int single_line,
                                     struct strbuf *out)
{
    htmlDocPtr doc = NULL;
    xmlNodePtr body;
    herald_status rc;
    if (!html && len)
        return HERALD_E_INVALID;
    if (!out)
        return HERALD_E_INVALID;
    if (!len)
        return HERALD_OK;
    rc = html_parse_fragment(html, len, 0, &doc);
    if (rc)
        return rc;
    body = html_doc_body(doc);
    rc = body ? node_text(body, single_line, out) : HERALD_OK;
    xmlFreeDoc(doc);
    return rc;
}

herald_status html_to_text(const char *html, size_t len, struct strbuf *out)
{
    return parse_and_write(html, len, 0, out);
}

herald_status sanitize_title(const char *html, size_t len, struct strbuf *out)
{
    return parse_and_write(html, len, 1, out);
}
