/*
 * parse.c - see parse.h.
 *
 * The attribute cap.  libxml2's HTML parser checks each attribute of a start tag against
 * every earlier one for duplicates, so one element with n attributes costs n^2/2 string
 * comparisons (40,000 attributes: 18 s; a 10 MiB page of them: hours).  libxml2 has no
 * option for it, so cap_attributes() rewrites the input first: a small tokenizer that
 * knows start tags, end tags, comments, <!...> and <?...> declarations, quoted and
 * unquoted values and the raw text of <script> and <style>, and drops every attribute of
 * a start tag past HTML_MAX_ATTRS.  Its idea of an attribute is at least as generous as
 * libxml2's (every whitespace-separated item counts), so libxml2 never sees more than the
 * cap on one element, and the cost is bounded by len * HTML_MAX_ATTRS.  It works in
 * place (the output is never longer than the input) over the cleaned copy, so it costs
 * one more linear pass and no memory.  Nesting depth needs no such pass: libxml2's parser
 * stops at its own depth limit (256 without HTML_PARSE_HUGE) and the walks over the tree
 * are iterative or depth-capped.
 */
#include "html/parse.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "html/sanitize.h"

#include <limits.h>
#include <stdint.h>
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

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Index of the first occurrence of needle (ASCII case-insensitive) in s[from..len), or len. */
static size_t find_ci(const char *s, size_t from, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (strncasecmp(s + i, needle, n) == 0)
            return i;
    return len;
}

/*
 * The tokenizer behind html_cap_attributes and html_attributes_over_cap.  Reads in[0..len)
 * and writes the kept bytes to out (which may be in itself: the write position never
 * passes the read position).  With out NULL it is a dry run that returns SIZE_MAX at the
 * first attribute it would drop.  xml: <![CDATA[ sections are skipped whole and script and
 * style have no raw text (in XML they hold elements).
 */
static size_t cap_scan(const char *in, char *out, size_t len, size_t max_attrs, int xml)
{
    size_t r = 0, w = 0;
#define COPY_TO(end)                                                                               \
    do {                                                                                           \
        size_t e_ = (end);                                                                         \
        if (out && out + w != in + r)                                                              \
            memmove(out + w, in + r, e_ - r);                                                      \
        w += e_ - r;                                                                               \
        r = e_;                                                                                    \
    } while (0)
    while (r < len) {
        const char *lt = memchr(in + r, '<', len - r);
        size_t i, name_start, count = 0;
        if (!lt) {
            COPY_TO(len);
            break;
        }
        i = (size_t)(lt - in);
        COPY_TO(i);
        if (i + 3 < len && in[i + 1] == '!' && in[i + 2] == '-' && in[i + 3] == '-') {
            size_t end = find_ci(in, i + 4, len, "-->");
            COPY_TO(end < len ? end + 3 : len);
            continue;
        }
        if (xml && len - i >= 9 && memcmp(in + i, "<![CDATA[", 9) == 0) {
            size_t end = find_ci(in, i + 9, len, "]]>");
            COPY_TO(end < len ? end + 3 : len);
            continue;
        }
        if (i + 1 < len && (in[i + 1] == '!' || in[i + 1] == '?' || in[i + 1] == '/')) {
            const char *gt = memchr(in + i + 1, '>', len - i - 1);
            COPY_TO(gt ? (size_t)(gt - in) + 1 : len);
            continue;
        }
        if (i + 1 >= len || !(is_alpha(in[i + 1]) || (xml && in[i + 1] == '_'))) {
            COPY_TO(i + 1);
            continue;
        }
        /* a start tag: its name, then attributes */
        name_start = i + 1;
        i = name_start;
        while (i < len && !is_space(in[i]) && in[i] != '/' && in[i] != '>')
            i++;
        size_t name_len = i - name_start;
        const char *raw_end = NULL; /* where the raw text of script and style ends */
        if (!xml && name_len == 6 && strncasecmp(in + name_start, "script", 6) == 0)
            raw_end = "</script";
        else if (!xml && name_len == 5 && strncasecmp(in + name_start, "style", 5) == 0)
            raw_end = "</style";
        COPY_TO(i);
        for (;;) {
            while (i < len && (is_space(in[i]) || in[i] == '/'))
                i++;
            if (i >= len || in[i] == '>')
                break;
            /* the name (a leading '=' belongs to it, as in the HTML tokenizer) */
            i++;
            while (i < len && !is_space(in[i]) && in[i] != '/' && in[i] != '>' && in[i] != '=')
                i++;
            size_t after_name = i;
            while (i < len && is_space(in[i]))
                i++;
            if (i < len && in[i] == '=') {
                i++;
                while (i < len && is_space(in[i]))
                    i++;
                if (i < len && (in[i] == '"' || in[i] == '\'')) {
                    const char *q = memchr(in + i + 1, in[i], len - i - 1);
                    i = q ? (size_t)(q - in) + 1 : len;
                } else {
                    while (i < len && !is_space(in[i]) && in[i] != '>')
                        i++;
                }
            } else {
                i = after_name; /* no value: the spaces belong to the next attribute */
            }
            if (++count <= max_attrs) {
                COPY_TO(i);
            } else {
                if (!out)
                    return SIZE_MAX;
                r = i; /* dropped */
            }
        }
        if (i < len) /* the '>' */
            i++;
        COPY_TO(i);
        if (raw_end)
            COPY_TO(find_ci(in, r, len, raw_end));
    }
#undef COPY_TO
    return w;
}

size_t html_cap_attributes(char *buf, size_t len, size_t max_attrs, int xml)
{
    return cap_scan(buf, buf, len, max_attrs, xml);
}

int html_attributes_over_cap(const char *buf, size_t len, size_t max_attrs, int xml)
{
    return cap_scan(buf, NULL, len, max_attrs, xml) == SIZE_MAX;
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
    strbuf_setlen(&buf, html_cap_attributes(buf.buf, buf.len, HTML_MAX_ATTRS, 0));
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

herald_status html_read_memory(const char *html, size_t len, const char *url, const char *encoding,
                               int options, htmlDocPtr *out)
{
    herald_status rc = HERALD_OK;
    struct strbuf buf = STRBUF_INIT;
    htmlDocPtr doc;
    if (len > INT_MAX)
        return HERALD_E_TOOBIG;
    strbuf_add(&buf, html, len);
    strbuf_setlen(&buf, html_cap_attributes(buf.buf, buf.len, HTML_MAX_ATTRS, 0));
    doc = htmlReadMemory(buf.buf, (int)buf.len, url, encoding, options);
    if (!doc)
        rc = HERALD_E_PARSE;
    else
        *out = doc;
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
