/*
 * opml.c - see opml.h.  The document is small and read once, so a libxml2 tree is the
 * simplest correct reader; the walk is iterative over siblings and recursive only in depth,
 * which libxml2 itself caps (XML_PARSE_HUGE is never set).
 */
#include "feed/opml.h"
#include "core/alloc.h"
#include "core/log.h"
#include "core/url.h"
#include "html/escape.h"
#include "html/parse.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define OPML_PARSE_OPTS                                                                            \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER)

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = NULL;
    if (v) {
        if (*v)
            s = xstrdup((const char *)v);
        xmlFree(v);
    }
    return s;
}

static herald_status walk(xmlNodePtr node, const char *base, const char *category,
                          struct opml_list *out)
{
    for (xmlNodePtr n = node; n; n = n->next) {
        char *xml_url, *title;
        if (n->type != XML_ELEMENT_NODE || xmlStrcasecmp(n->name, (const xmlChar *)"outline"))
            continue;
        xml_url = attr(n, "xmlUrl");
        if (!xml_url)
            xml_url = attr(n, "xmlurl");
        title = attr(n, "title");
        if (!title)
            title = attr(n, "text");
        if (xml_url) {
            char *abs = NULL;
            if (out->count >= OPML_MAX_OUTLINES) {
                free(xml_url);
                free(title);
                return HERALD_E_TOOBIG;
            }
            if (url_resolve(base, xml_url, &abs) || !url_link_allowed(base, abs, 1)) {
                /* not a URL, or refused by the link policy: a file: feed only from a list
                 * that is itself a local file */
                log_warn("opml", "skipping outline with unusable xmlUrl '%s'", xml_url);
                free(abs);
                free(xml_url);
                free(title);
                continue;
            }
            free(xml_url);
            ALLOC_GROW(out->items, out->count + 1, out->alloc);
            struct opml_outline *o = &out->items[out->count++];
            o->title = title;
            o->xml_url = abs;
            o->html_url = attr(n, "htmlUrl");
            o->category = xstrdup(category);
        } else {
            herald_status rc = walk(n->children, base, title ? title : category, out);
            free(title);
            if (rc)
                return rc;
        }
    }
    return HERALD_OK;
}

herald_status opml_parse(const char *data, size_t len, const char *base_url, struct opml_list *out)
{
    herald_status rc = HERALD_E_PARSE;
    xmlDocPtr doc;
    xmlNodePtr root, body = NULL;
    memset(out, 0, sizeof(*out));
    if (len > OPML_MAX_BYTES)
        return HERALD_E_TOOBIG;
    if (html_attributes_over_cap(data, len, HTML_MAX_ATTRS, 1)) {
        /* libxml2's duplicate-attribute check is quadratic per element (html/parse.h) */
        struct strbuf capped = STRBUF_INIT;
        strbuf_add(&capped, data, len);
        strbuf_setlen(&capped, html_cap_attributes(capped.buf, capped.len, HTML_MAX_ATTRS, 1));
        doc = xmlReadMemory(capped.buf, (int)capped.len, base_url, NULL, OPML_PARSE_OPTS);
        strbuf_release(&capped);
    } else {
        doc = xmlReadMemory(data, (int)len, base_url, NULL, OPML_PARSE_OPTS);
    }
    if (!doc)
        return HERALD_E_PARSE;
    root = xmlDocGetRootElement(doc);
    if (!root || xmlStrcasecmp(root->name, (const xmlChar *)"opml"))
        goto out;
    for (xmlNodePtr n = root->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !xmlStrcasecmp(n->name, (const xmlChar *)"body"))
            body = n;
    if (!body)
        goto out;
    rc = walk(body->children, base_url, NULL, out);
out:
    xmlFreeDoc(doc);
    if (rc)
        opml_list_release(out);
    return rc;
}

void opml_list_release(struct opml_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].title);
        free(list->items[i].xml_url);
        free(list->items[i].html_url);
        free(list->items[i].category);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* One <outline> for a subscription, indented by depth. */
static void write_outline(const struct opml_outline *o, const char *indent, struct strbuf *out)
{
    const char *t = o->title ? o->title : o->xml_url;
    strbuf_adds(out, indent);
    strbuf_adds(out, "<outline type=\"rss\" text=\"");
    html_escape_xml(out, t);
    strbuf_adds(out, "\" title=\"");
    html_escape_xml(out, t);
    strbuf_adds(out, "\" xmlUrl=\"");
    html_escape_xml(out, o->xml_url);
    if (o->html_url) {
        strbuf_adds(out, "\" htmlUrl=\"");
        html_escape_xml(out, o->html_url);
    }
    strbuf_adds(out, "\"/>\n");
}

void opml_write(const struct opml_outline *items, size_t count, const char *title,
                struct strbuf *out)
{
    strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
                     "  <head><title>");
    html_escape_xml(out, title ? title : "herald subscriptions");
    strbuf_adds(out, "</title></head>\n  <body>\n");
    for (size_t i = 0; i < count;) {
        const char *cat = items[i].category;
        size_t j = i + 1;
        if (!cat || !*cat) {
            write_outline(&items[i], "    ", out);
            i++;
            continue;
        }
        /* a run of outlines of one category becomes a folder (opml_parse reads it back as
         * their category) */
        while (j < count && items[j].category && strcmp(items[j].category, cat) == 0)
            j++;
        strbuf_adds(out, "    <outline text=\"");
        html_escape_xml(out, cat);
        strbuf_adds(out, "\" title=\"");
        html_escape_xml(out, cat);
        strbuf_adds(out, "\">\n");
        for (; i < j; i++)
            write_outline(&items[i], "      ", out);
        strbuf_adds(out, "    </outline>\n");
    }
    strbuf_adds(out, "  </body>\n</opml>\n");
}
