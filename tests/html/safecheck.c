/*
 * safecheck.c - see safecheck.h.
 */
#include "safecheck.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static const char *const ok_elements[] = {
    "a",       "abbr",    "address", "audio",  "b",     "bdi",      "bdo",        "blockquote",
    "br",      "caption", "cite",    "code",   "col",   "colgroup", "dd",         "del",
    "details", "dfn",     "div",     "dl",     "dt",    "em",       "figcaption", "figure",
    "h1",      "h2",      "h3",      "h4",     "h5",    "h6",       "hr",         "i",
    "iframe",  "img",     "ins",     "kbd",    "li",    "mark",     "ol",         "p",
    "picture", "pre",     "q",       "rp",     "rt",    "ruby",     "s",          "samp",
    "small",   "source",  "span",    "strong", "sub",   "summary",  "sup",        "table",
    "tbody",   "td",      "tfoot",   "th",     "thead", "time",     "tr",         "u",
    "ul",      "var",     "video",   "wbr",    NULL};

/* element:attribute pairs; "*" for any element */
static const char *const ok_attrs[] = {"*:title",
                                       "*:lang",
                                       "*:dir",
                                       "a:href",
                                       "a:rel",
                                       "a:hreflang",
                                       "img:src",
                                       "img:srcset",
                                       "img:alt",
                                       "img:width",
                                       "img:height",
                                       "img:sizes",
                                       "iframe:src",
                                       "iframe:sandbox",
                                       "iframe:allowfullscreen",
                                       "iframe:loading",
                                       "iframe:referrerpolicy",
                                       "iframe:width",
                                       "iframe:height",
                                       "video:src",
                                       "video:poster",
                                       "video:controls",
                                       "video:preload",
                                       "video:width",
                                       "video:height",
                                       "video:loop",
                                       "video:muted",
                                       "audio:src",
                                       "audio:controls",
                                       "audio:preload",
                                       "audio:loop",
                                       "audio:muted",
                                       "source:src",
                                       "source:srcset",
                                       "source:type",
                                       "source:media",
                                       "source:sizes",
                                       "blockquote:cite",
                                       "q:cite",
                                       "del:cite",
                                       "del:datetime",
                                       "ins:cite",
                                       "ins:datetime",
                                       "time:datetime",
                                       "td:colspan",
                                       "td:rowspan",
                                       "td:scope",
                                       "td:abbr",
                                       "th:colspan",
                                       "th:rowspan",
                                       "th:scope",
                                       "th:abbr",
                                       "col:span",
                                       "colgroup:span",
                                       "ol:start",
                                       "ol:reversed",
                                       "ol:type",
                                       "li:value",
                                       "details:open",
                                       NULL};

static const char *const iframe_prefixes[] = {"https://www.youtube.com/embed/",
                                              "https://www.youtube-nocookie.com/embed/",
                                              "https://player.vimeo.com/video/", NULL};

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return -1;
}

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

static int attr_ok(const char *el, const char *at)
{
    char key[128];
    snprintf(key, sizeof(key), "%s:%s", el, at);
    if (in_list(ok_attrs, key))
        return 1;
    snprintf(key, sizeof(key), "*:%s", at);
    return in_list(ok_attrs, key);
}

/* url as a browser's URL parser reads it: leading and trailing C0 controls and spaces
 * trimmed, tabs and newlines deleted.  malloc'd. */
static char *browser_clean(const char *url)
{
    size_t len = strlen(url), b = 0, e = len, n = 0;
    char *out = malloc(len + 1);
    if (!out)
        abort();
    while (b < e && (unsigned char)url[b] <= 0x20)
        b++;
    while (e > b && (unsigned char)url[e - 1] <= 0x20)
        e--;
    for (size_t i = b; i < e; i++)
        if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r')
            out[n++] = url[i];
    out[n] = '\0';
    return out;
}

/* The scheme (lower-cased, malloc'd) of a cleaned URL per WHATWG, or NULL when relative. */
static char *browser_scheme(const char *clean)
{
    char *s;
    size_t i;
    if (!isalpha((unsigned char)clean[0]))
        return NULL;
    for (i = 0; clean[i] && clean[i] != ':'; i++) {
        unsigned char c = (unsigned char)clean[i];
        if (!isalnum(c) && c != '+' && c != '-' && c != '.')
            return NULL;
    }
    if (clean[i] != ':')
        return NULL;
    s = strndup(clean, i);
    for (size_t j = 0; s[j]; j++)
        s[j] = (char)tolower((unsigned char)s[j]);
    return s;
}

/* kind: 'h' link, 'i' image, 'm' media/cite */
static int url_ok(const char *url, int kind)
{
    char *clean = browser_clean(url);
    char *scheme = browser_scheme(clean);
    int ok = 0;
    if (!scheme || !strcmp(scheme, "http") || !strcmp(scheme, "https"))
        ok = 1;
    else if (kind == 'h' && !strcmp(scheme, "mailto"))
        ok = 1;
    else if (kind == 'i' && !strcmp(scheme, "data"))
        ok = !strncasecmp(clean, "data:image/png", 14) ||
             !strncasecmp(clean, "data:image/jpeg", 15) ||
             !strncasecmp(clean, "data:image/gif", 14) ||
             !strncasecmp(clean, "data:image/webp", 15);
    free(scheme);
    free(clean);
    return ok;
}

/* Checks every URL of a srcset, split as the HTML standard's srcset parser splits it: a
 * candidate's URL is a run of non-whitespace (commas inside it included, trailing commas
 * removed), then descriptors up to the next comma. */
static int srcset_ok(const char *v)
{
    const char *p = v;
    int ok = 1;
    while (ok) {
        const char *u;
        size_t n;
        int trailing = 0;
        char *url;
        while (*p && (isspace((unsigned char)*p) || *p == ','))
            p++;
        if (!*p)
            break;
        u = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        n = (size_t)(p - u);
        while (n && u[n - 1] == ',') {
            n--;
            trailing = 1;
        }
        url = strndup(u, n);
        ok = url_ok(url, 'i');
        free(url);
        if (!trailing) {
            int paren = 0;
            while (*p && (paren || *p != ',')) {
                if (*p == '(')
                    paren = 1;
                else if (*p == ')')
                    paren = 0;
                p++;
            }
        }
    }
    return ok;
}

/* ---- view 1: lexical ---- */

static int lexical(const char *s, size_t len, char *why, size_t whylen)
{
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\0')
            return fail(why, whylen, "NUL byte at %zu", i);
        if (c == '>')
            return fail(why, whylen, "bare '>' at %zu", i);
        if (c == '&') {
            static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL};
            int found = 0;
            for (int k = 0; ents[k]; k++) {
                size_t n = strlen(ents[k]);
                if (i + n <= len && memcmp(s + i, ents[k], n) == 0) {
                    i += n;
                    found = 1;
                    break;
                }
            }
            if (!found)
                return fail(why, whylen, "bare '&' at %zu", i);
            continue;
        }
        if (c != '<') {
            i++;
            continue;
        }
        /* a tag */
        {
            char name[32];
            size_t n = 0;
            int end = 0;
            i++;
            if (i < len && s[i] == '/') {
                end = 1;
                i++;
            }
            while (i < len && (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i])) &&
                   n + 1 < sizeof(name))
                name[n++] = s[i++];
            name[n] = '\0';
            if (!n || !in_list(ok_elements, name))
                return fail(why, whylen, "tag '%s' at %zu not allowed", name, i);
            if (end) {
                if (i >= len || s[i] != '>')
                    return fail(why, whylen, "malformed end tag at %zu", i);
                i++;
                continue;
            }
            for (;;) {
                char an[32];
                size_t m = 0;
                if (i < len && s[i] == '>') {
                    i++;
                    break;
                }
                if (i >= len || s[i] != ' ')
                    return fail(why, whylen, "malformed start tag at %zu", i);
                i++;
                while (i < len && (islower((unsigned char)s[i]) || s[i] == '-') &&
                       m + 1 < sizeof(an))
                    an[m++] = s[i++];
                an[m] = '\0';
                if (!m || !attr_ok(name, an))
                    return fail(why, whylen, "attribute '%s' on '%s' not allowed", an, name);
                if (i < len && s[i] == '=') {
                    i++;
                    if (i >= len || s[i] != '"')
                        return fail(why, whylen, "unquoted attribute at %zu", i);
                    i++;
                    while (i < len && s[i] != '"') {
                        if (s[i] == '<' || s[i] == '>' || s[i] == '\'' || s[i] == '\0')
                            return fail(why, whylen, "raw '%c' in attribute at %zu", s[i], i);
                        i++;
                    }
                    if (i >= len)
                        return fail(why, whylen, "unterminated attribute");
                    i++;
                }
            }
            if (strcmp(name, "iframe") == 0 && (len - i < 9 || memcmp(s + i, "</iframe>", 9) != 0))
                return fail(why, whylen, "iframe with content");
        }
    }
    return 0;
}

/* ---- view 2: structural, through libxml2 ---- */

static const char *prop(xmlNodePtr n, const char *name, xmlChar **tofree)
{
    *tofree = xmlGetNoNsProp(n, (const xmlChar *)name);
    return (const char *)*tofree;
}

static int check_element(xmlNodePtr n, char *why, size_t whylen)
{
    const char *name = (const char *)n->name;
    xmlChar *v = NULL;
    int rc = 0;
    if (strcmp(name, "html") != 0 && strcmp(name, "body") != 0 && !in_list(ok_elements, name))
        return fail(why, whylen, "element <%s> after re-parse", name);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        xmlChar *val = xmlNodeListGetString(n->doc, a->children, 1);
        const char *sv = val ? (const char *)val : "";
        if (!attr_ok(name, an))
            rc = fail(why, whylen, "attribute %s on <%s> after re-parse", an, name);
        else if (!strcmp(an, "href") && !url_ok(sv, 'h'))
            rc = fail(why, whylen, "href scheme: %s", sv);
        else if (!strcmp(an, "src") && !url_ok(sv, strcmp(name, "img") ? 'm' : 'i'))
            rc = fail(why, whylen, "src scheme: %s", sv);
        else if ((!strcmp(an, "cite")) && !url_ok(sv, 'm'))
            rc = fail(why, whylen, "cite scheme: %s", sv);
        else if (!strcmp(an, "poster") && !url_ok(sv, 'i'))
            rc = fail(why, whylen, "poster scheme: %s", sv);
        else if (!strcmp(an, "srcset") && !srcset_ok(sv))
            rc = fail(why, whylen, "srcset: %s", sv);
        xmlFree(val);
        if (rc)
            return rc;
    }
    if (!strcmp(name, "iframe")) {
        const char *src = prop(n, "src", &v);
        int ok = 0;
        for (int k = 0; src && iframe_prefixes[k]; k++)
            if (!strncmp(src, iframe_prefixes[k], strlen(iframe_prefixes[k])))
                ok = 1;
        xmlFree(v);
        if (!ok)
            return fail(why, whylen, "iframe src not on the allowlist");
        src = prop(n, "sandbox", &v);
        ok = src && !strcmp(src, "allow-scripts allow-same-origin allow-presentation");
        xmlFree(v);
        if (!ok)
            return fail(why, whylen, "iframe without sandbox");
    }
    if (!strcmp(name, "a") && xmlHasProp(n, (const xmlChar *)"href")) {
        const char *rel = prop(n, "rel", &v);
        int ok = rel && !strcmp(rel, "noopener noreferrer");
        xmlFree(v);
        if (!ok)
            return fail(why, whylen, "link without rel=noopener noreferrer");
    }
    return 0;
}

static int structural(const char *s, size_t len, char *why, size_t whylen)
{
    static const char prefix[] = "<html><body>";
    char *buf = malloc(len + sizeof(prefix));
    htmlDocPtr doc;
    xmlNodePtr n;
    int rc = 0;
    if (!buf)
        return fail(why, whylen, "out of memory");
    memcpy(buf, prefix, sizeof(prefix) - 1);
    memcpy(buf + sizeof(prefix) - 1, s, len);
    doc = htmlReadMemory(buf, (int)(len + sizeof(prefix) - 1), NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
    free(buf);
    if (!doc)
        return fail(why, whylen, "re-parse failed");
    /* iterative walk over the whole document */
    n = doc->children;
    while (n && !rc) {
        if (n->type == XML_ELEMENT_NODE)
            rc = check_element(n, why, whylen);
        else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
                 n->type == XML_CDATA_SECTION_NODE)
            rc = fail(why, whylen, "comment, PI or CDATA after re-parse");
        if (rc)
            break;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n && n->type != XML_ELEMENT_NODE)
                n = NULL;
        }
        if (n)
            n = n->next;
    }
    xmlFreeDoc(doc);
    return rc;
}

int safecheck(const char *html, size_t len, char *why, size_t whylen)
{
    if (lexical(html, len, why, whylen))
        return -1;
    return structural(html, len, why, whylen);
}
