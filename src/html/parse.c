/*
 * parse.c - see parse.h.
 */
#include "html/parse.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "html/sanitize.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define PARSE_OPTS                                                                                 \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
     HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT)

static const char replacement[] = "\xef\xbf\xbd";

void html_utf8_clean(struct strbuf *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t start = 0, i = 0;
    strbuf_grow(out, len);
    while (i < len) {
        unsigned char c = s[i];
        size_t adv = 1;
        int bad = 0;
        if (c < 0x20)
            bad = c != '\t' && c != '\n' && c != '\r' && c != '\f';
        else if (c >= 0x80) {
            adv = utf8_sequence_length(s + i, len - i);
            if (!adv) {
                bad = 1;
                adv = 1;
            }
        }
        if (bad) {
            strbuf_add(out, s + start, i - start);
            strbuf_add(out, replacement, 3);
            start = i + adv;
        }
        i += adv;
    }
    strbuf_add(out, s + start, len - start);
}

/* 1 when html starts (after a BOM and whitespace) like a whole document. */
static int looks_like_document(const char *html, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(html, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n' || html[i] == '\r' ||
                       html[i] == '\f'))
        i++;
    len -= i;
    html += i;
    return (len >= 9 && strncasecmp(html, "<!doctype", 9) == 0) ||
           (len >= 5 && strncasecmp(html, "<html", 5) == 0 &&
            (len == 5 || html[5] == '>' || html[5] == ' ' || html[5] == '\t' || html[5] == '\n' ||
             html[5] == '\r' || html[5] == '/')) ||
           (len >= 6 && strncasecmp(html, "<?xml", 5) == 0 &&
            (html[5] == ' ' || html[5] == '\t' || html[5] == '\n' || html[5] == '\r'));
}

herald_status html_parse_fragment(const char *html, size_t len, size_t max, htmlDocPtr *out)
{
    herald_status rc = HERALD_OK;
    struct strbuf buf = STRBUF_INIT;
    htmlDocPtr doc;
    if (!html && len)
        return HERALD_E_INVALID;
    if (!max)
        max = SANITIZE_DEFAULT_MAX_INPUT;
    if (len > max || len > INT_MAX / 4)
        return HERALD_E_TOOBIG;
    if (!html)
        html = "";
    strbuf_grow(&buf, len + 16);
    if (!looks_like_document(html, len))
        strbuf_adds(&buf, "<html><body>");
    html_utf8_clean(&buf, html, len);
    if (buf.len > INT_MAX) {
        rc = HERALD_E_TOOBIG;
        goto out;
    }
    doc = htmlReadMemory(buf.buf, (int)buf.len, NULL, "UTF-8", PARSE_OPTS);
    if (!doc) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    *out = doc;
out:
    strbuf_release(&buf);
    return rc;
}

static int name_is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

xmlNodePtr html_doc_body(htmlDocPtr doc)
{
    xmlNodePtr root;
    if (!doc)
        return NULL;
    for (root = doc->children; root; root = root->next)
        if (name_is(root, "html"))
            break;
    if (!root)
        return NULL;
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (name_is(c, "body"))
            return c;
    return NULL;
}

static int walk_into(xmlNodePtr n)
{
    return n->children && (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
                           n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_FRAG_NODE);
}

xmlNodePtr html_walk_next(xmlNodePtr n, xmlNodePtr top, int descend)
{
    if (descend && walk_into(n))
        return n->children;
    while (n && n != top && !n->next)
        n = n->parent;
    if (!n || n == top)
        return NULL;
    return n->next;
}

void html_walk(xmlNodePtr first, int siblings, const struct html_walk_ops *ops, void *ctx)
{
    xmlNodePtr n = first;
    unsigned d = 1;

    while (n) {
        enum html_walk_action act = ops->enter(ctx, n, d);
        if (act == HTML_WALK_STOP)
            return;
        if (act == HTML_WALK_DESCEND && walk_into(n)) {
            n = n->children;
            d++;
            continue;
        }
        if (ops->leave && n->type == XML_ELEMENT_NODE)
            ops->leave(ctx, n, d);
        for (;;) {
            if (d == 1 && !siblings)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            d--;
            if (d == 0 || !n)
                return;
            if (ops->leave && n->type == XML_ELEMENT_NODE)
                ops->leave(ctx, n, d);
        }
    }
}
