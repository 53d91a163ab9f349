/*
 * feed_xml.c - RSS and Atom through libxml2's SAX2 interface.
 *
 * Why SAX and not a tree: a feed is read once, top to bottom, into a flat structure;
 * building a DOM first would double the work and the memory.  The handlers keep a stack
 * of open elements (frame) and one shared text buffer: an element's text is the slice of
 * the buffer written since it opened, and is cut off when it closes, so nested elements
 * never copy their parents' text.  Inside a text construct (title, summary, content, ...)
 * child elements are not interpreted but written back into the buffer as markup
 * (escaping text), which is how inline XHTML and unescaped HTML in RSS survive.
 *
 * Element names become keys the way the reference parser (feedparser) names them:
 * known namespaces map to canonical prefixes ("dc", "media", ...), RSS/Atom/RDF core
 * namespaces to none, unknown namespaces keep the document's prefix, and the local name
 * is lower-cased: "dc_creator", "pubdate", "media_thumbnail".  A sorted table maps keys to
 * handlers; keys without a handler are kept as extensions of the item in context.
 *
 * Safety: XML_PARSE_NONET, no NOENT, no DTD loading, entity resolution refused, so an
 * external entity is never read.  libxml2 expands internal entities into our callbacks;
 * the text budget (TEXT_BUDGET) and libxml2's own amplification checks stop billion
 * laughs.  Undeclared HTML entities (&nbsp;) are given their HTML meaning through the
 * getEntity hook.  Depth and entry count are bounded by the options.
 */
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "core/utf8.h"
#include "core/date.h"
#include "feed/feed_encoding.h"
#include "feed/feed_int.h"
#include "feed/feed_xml.h"
#include "html/escape.h"
#include "html/parse.h"

#include "core/banned.h"

#define KEY_MAX 128

/* ------------------------------------------------------------------ namespaces */

static const struct {
    const char *uri, *prefix;
} ns_map[] = {
    {"http://backend.userland.com/rss", ""},
    {"http://blogs.law.harvard.edu/tech/rss", ""},
    {"http://purl.org/rss/1.0/", ""},
    {"http://my.netscape.com/rdf/simple/0.9/", ""},
    {"http://example.com/newformat#", ""},
    {"http://example.com/necho", ""},
    {"http://purl.org/echo/", ""},
    {"uri/of/echo/namespace#", ""},
    {"http://purl.org/pie/", ""},
    {"http://purl.org/atom/ns#", ""},
    {"http://www.w3.org/2005/atom", ""},
    {"http://purl.org/rss/1.0/modules/rss091#", ""},
    {"http://webns.net/mvcb/", "admin"},
    {"http://purl.org/rss/1.0/modules/aggregation/", "ag"},
    {"http://purl.org/rss/1.0/modules/annotate/", "annotate"},
    {"http://media.tangent.org/rss/1.0/", "audio"},
    {"http://backend.userland.com/blogchannelmodule", "blogchannel"},
    {"http://creativecommons.org/ns#license", "cc"},
    {"http://web.resource.org/cc/", "cc"},
    {"http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html", "creativecommons"},
    {"http://backend.userland.com/creativecommonsrssmodule", "creativecommons"},
    {"http://purl.org/rss/1.0/modules/company", "co"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
    {"http://my.theinfo.org/changed/1.0/rss/", "cp"},
    {"http://purl.org/dc/elements/1.1/", "dc"},
    {"http://purl.org/dc/terms/", "dcterms"},
    {"http://purl.org/rss/1.0/modules/email/", "email"},
    {"http://purl.org/rss/1.0/modules/event/", "ev"},
    {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
    {"http://freshmeat.net/rss/fm/", "fm"},
    {"http://xmlns.com/foaf/0.1/", "foaf"},
    {"http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"},
    {"http://www.georss.org/georss", "georss"},
    {"http://www.opengis.net/gml", "gml"},
    {"http://postneo.com/icbm/", "icbm"},
    {"http://purl.org/rss/1.0/modules/image/", "image"},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://example.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://purl.org/rss/1.0/modules/link/", "l"},
    {"http://search.yahoo.com/mrss", "media"},
    {"http://search.yahoo.com/mrss/", "media"},
    {"http://madskills.com/public/xml/rss/module/pingback/", "pingback"},
    {"http://prismstandard.org/namespaces/1.2/basic/", "prism"},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://www.w3.org/2000/01/rdf-schema#", "rdfs"},
    {"http://purl.org/rss/1.0/modules/reference/", "ref"},
    {"http://purl.org/rss/1.0/modules/richequiv/", "reqv"},
    {"http://purl.org/rss/1.0/modules/search/", "search"},
    {"http://purl.org/rss/1.0/modules/slash/", "slash"},
    {"http://schemas.xmlsoap.org/soap/envelope/", "soap"},
    {"http://purl.org/rss/1.0/modules/servicestatus/", "ss"},
    {"http://hacks.benhammersley.com/rss/streaming/", "str"},
    {"http://purl.org/rss/1.0/modules/subscription/", "sub"},
    {"http://purl.org/rss/1.0/modules/syndication/", "sy"},
    {"http://schemas.pocketsoap.com/rss/mydescmodule/", "szf"},
    {"http://purl.org/rss/1.0/modules/taxonomy/", "taxo"},
    {"http://purl.org/rss/1.0/modules/threading/", "thr"},
    {"http://purl.org/syndication/thread/1.0", "thr"},
    {"http://purl.org/rss/1.0/modules/textinput/", "ti"},
    {"http://madskills.com/public/xml/rss/module/trackback/", "trackback"},
    {"http://wellformedweb.org/commentapi/", "wfw"},
    {"http://purl.org/rss/1.0/modules/wiki/", "wiki"},
    {"http://www.w3.org/1999/xhtml", "xhtml"},
    {"http://www.w3.org/1999/xlink", "xlink"},
    {"http://www.w3.org/xml/1998/namespace", "xml"},
    {"http://podlove.org/simple-chapters", "psc"},
    {"http://www.georss.org/georss/10", "georss"},
};

/* ------------------------------------------------------------------ element keys */

enum el {
    EL_NONE = 0,
    EL_RSS,
    EL_RDF,
    EL_CHANNEL,
    EL_FEED,
    EL_ITEM,
    EL_IMAGE,
    EL_TEXTINPUT,
    EL_TITLE,
    EL_SUBTITLE,
    EL_DESCRIPTION,
    EL_SUMMARY,
    EL_RIGHTS,
    EL_INFO,
    EL_CONTENT,
    EL_CONTENT_ENCODED,
    EL_BODY,
    EL_LINK,
    EL_ID,
    EL_GUID,
    EL_AUTHOR,
    EL_CREATOR,
    EL_CONTRIBUTOR,
    EL_PUBLISHER,
    EL_NAME,
    EL_EMAIL,
    EL_URI,
    EL_URL,
    EL_PUBLISHED,
    EL_UPDATED,
    EL_CREATED,
    EL_EXPIRED,
    EL_CATEGORY,
    EL_SUBJECT,
    EL_ITUNES_CATEGORY,
    EL_KEYWORDS,
    EL_ENCLOSURE,
    EL_MEDIA_CONTENT,
    EL_MEDIA_THUMBNAIL,
    EL_MEDIA_DESCRIPTION,
    EL_MEDIA_CREDIT,
    EL_MEDIA_TITLE,
    EL_MEDIA_GROUP,
    EL_COMMENTS,
    EL_SOURCE,
    EL_LANGUAGE,
    EL_TTL,
    EL_SKIPHOURS,
    EL_SKIPDAYS,
    EL_HOUR,
    EL_DAY,
    EL_UPDATEPERIOD,
    EL_UPDATEFREQUENCY,
    EL_GENERATOR,
    EL_DOCS,
    EL_ICON,
    EL_LOGO,
    EL_ITUNES_IMAGE,
    EL_WIDTH,
    EL_HEIGHT,
    EL_URI_EXT, /* resolved-URL extensions: wfw_comment, wfw_commentrss */
    EL_ITUNES_BLOCK,
    EL_TAGS,
    EL_VALID,
    EL_MEDIA_CATEGORY,
    EL_ITUNES_LINK,
    EL_LICENSE,
    EL_ITUNES_EXPLICIT,
    EL_COUNT
};

static const struct {
    const char *key;
    enum el el;
} el_table[] = {
    /* sorted by key (strcmp order) for bsearch */
    {"abstract", EL_DESCRIPTION}, /* CDF */
    {"author", EL_AUTHOR},
    {"body", EL_BODY},
    {"category", EL_CATEGORY},
    {"cc_license", EL_LICENSE},
    {"channel", EL_CHANNEL},
    {"comments", EL_COMMENTS},
    {"content", EL_CONTENT},
    {"content_encoded", EL_CONTENT_ENCODED},
    {"contributor", EL_CONTRIBUTOR},
    {"copyright", EL_RIGHTS},
    {"created", EL_CREATED},
    {"creativecommons_license", EL_LICENSE},
    {"day", EL_DAY},
    {"dc_author", EL_CREATOR},
    {"dc_contributor", EL_CONTRIBUTOR},
    {"dc_creator", EL_CREATOR},
    {"dc_date", EL_UPDATED},
    {"dc_description", EL_DESCRIPTION},
    {"dc_language", EL_LANGUAGE},
    {"dc_publisher", EL_PUBLISHER},
    {"dc_rights", EL_RIGHTS},
    {"dc_subject", EL_SUBJECT},
    {"dc_title", EL_TITLE},
    {"dcterms_created", EL_CREATED},
    {"dcterms_issued", EL_PUBLISHED},
    {"dcterms_modified", EL_UPDATED},
    {"dcterms_valid", EL_VALID},
    {"description", EL_DESCRIPTION},
    {"docs", EL_DOCS},
    {"email", EL_EMAIL},
    {"enclosure", EL_ENCLOSURE},
    {"entry", EL_ITEM},
    {"expirationdate", EL_EXPIRED},
    {"feed", EL_FEED},
    {"feedburner_browserfriendly", EL_INFO},
    {"fullitem", EL_CONTENT_ENCODED},
    {"generator", EL_GENERATOR},
    {"guid", EL_GUID},
    {"height", EL_HEIGHT},
    {"homepage", EL_URI},
    {"hour", EL_HOUR},
    {"icon", EL_ICON},
    {"id", EL_ID},
    {"image", EL_IMAGE},
    {"info", EL_INFO},
    {"issued", EL_PUBLISHED},
    {"item", EL_ITEM},
    {"itunes_author", EL_CREATOR},
    {"itunes_block", EL_ITUNES_BLOCK},
    {"itunes_category", EL_ITUNES_CATEGORY},
    {"itunes_email", EL_EMAIL},
    {"itunes_explicit", EL_ITUNES_EXPLICIT},
    {"itunes_image", EL_ITUNES_IMAGE},
    {"itunes_keywords", EL_KEYWORDS},
    {"itunes_link", EL_ITUNES_LINK},
    {"itunes_name", EL_NAME},
    {"itunes_owner", EL_PUBLISHER},
    {"itunes_subtitle", EL_SUBTITLE},
    {"itunes_summary", EL_SUMMARY},
    {"language", EL_LANGUAGE},
    {"lastbuilddate", EL_UPDATED},
    {"link", EL_LINK},
    {"logo", EL_LOGO},
    {"managingeditor", EL_CREATOR},
    {"media_category", EL_MEDIA_CATEGORY},
    {"media_content", EL_MEDIA_CONTENT},
    {"media_credit", EL_MEDIA_CREDIT},
    {"media_description", EL_MEDIA_DESCRIPTION},
    {"media_group", EL_MEDIA_GROUP},
    {"media_thumbnail", EL_MEDIA_THUMBNAIL},
    {"media_title", EL_MEDIA_TITLE},
    {"modified", EL_UPDATED},
    {"name", EL_NAME},
    {"pubdate", EL_PUBLISHED},
    {"published", EL_PUBLISHED},
    {"rdf_rdf", EL_RDF},
    {"rights", EL_RIGHTS},
    {"rss", EL_RSS},
    {"skipdays", EL_SKIPDAYS},
    {"skiphours", EL_SKIPHOURS},
    {"source", EL_SOURCE},
    {"subtitle", EL_SUBTITLE},
    {"summary", EL_SUMMARY},
    {"sy_updatefrequency", EL_UPDATEFREQUENCY},
    {"sy_updateperiod", EL_UPDATEPERIOD},
    {"tagline", EL_SUBTITLE},
    {"tags", EL_TAGS},
    {"textinput", EL_TEXTINPUT},
    {"title", EL_TITLE},
    {"ttl", EL_TTL},
    {"updated", EL_UPDATED},
    {"uri", EL_URI},
    {"url", EL_URL},
    {"webmaster", EL_PUBLISHER},
    {"wfw_comment", EL_URI_EXT},
    {"wfw_commentrss", EL_URI_EXT},
    {"width", EL_WIDTH},
    {"xhtml_body", EL_BODY},
};

static enum el el_lookup(const char *key)
{
    size_t lo = 0, hi = sizeof(el_table) / sizeof(el_table[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, el_table[mid].key);
        if (c == 0)
            return el_table[mid].el;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return EL_NONE;
}

/* ------------------------------------------------------------------ parser state */

struct frame {
    char key[KEY_MAX];
    enum el el;
    char *base; /* xml:base in effect; owned when own_base, else the parent's */
    char *lang; /* xml:lang in effect (NULL: none); owned when own_lang */
    unsigned own_base : 1, own_lang : 1;
    size_t text_start; /* where this element's text starts in p->text */
    int passthrough;   /* serialized into the enclosing text construct */
    int emitted;       /* passthrough: a start tag was written (write the end tag) */
    int is_content;    /* this frame opened a text construct */
    int ext_attrs;     /* unknown element stored as attributes (no text) */
    int expecting;     /* unknown element: keep its text as an extension */
};

/* The text construct being collected (feedparser's contentparams). */
struct content_state {
    int depth; /* > 0 while inside one */
    char type[64];
    char *lang, *base, *src;
    int base64;
};

enum person_kind { PERSON_NONE, PERSON_AUTHOR, PERSON_CONTRIBUTOR, PERSON_PUBLISHER };

struct xml_parser {
    struct feed *feed;
    const struct feed_parse_opts *opts;
    xmlParserCtxtPtr ctxt;
    struct frame *stack;
    size_t depth, alloc;
    struct strbuf text;
    struct content_state content;
    struct feed_item *entry;  /* the entry being read, or NULL */
    struct feed_item *source; /* the entry's source being read, or NULL */
    int in_image, in_textinput, in_media_group;
    enum person_kind person;
    struct feed_person *cur_person;
    struct feed_media *cur_media;
    size_t entries_alloc;
    size_t text_total; /* characters delivered (entity expansion budget) */
    size_t text_budget;
    herald_status fail; /* set to stop: TOOBIG */
    int had_root;
    int netscape; /* DOCTYPE names Netscape's RSS 0.91 DTD */
    int warned_full;
    int summary_seen_entry;
    const char *lang; /* current language (owned by a frame) */
    /* per-URI prefix cache (libxml2 interns names, so pointers repeat) */
    const xmlChar *cache_uri[8];
    const char *cache_prefix[8];
    int cache_next;
};

static struct feed_item *context_item(struct xml_parser *p)
{
    if (p->source)
        return p->source;
    if (p->entry)
        return p->entry;
    return &p->feed->head;
}

static int is_atom(const struct xml_parser *p)
{
    enum feed_format f = p->feed->format;
    return f >= FEED_FORMAT_ATOM01 && f <= FEED_FORMAT_ATOM;
}

static const char *ns_prefix(struct xml_parser *p, const xmlChar *uri, const xmlChar *given,
                             int *known)
{
    *known = 1;
    /* an undeclared prefix keeps its name ("content:encoded" -> content_encoded, "dc:"),
     * except "atom:", whose canonical prefix is none: RSS channels write
     * <atom:link rel="self"> without declaring the Atom namespace */
    if (!uri)
        return given ? (!strcmp((const char *)given, "atom") ? "" : (const char *)given) : "";
    for (int i = 0; i < 8; i++)
        if (p->cache_uri[i] == uri)
            return p->cache_prefix[i] ? p->cache_prefix[i] : (given ? (const char *)given : "");
    char low[256];
    size_t n = strlen((const char *)uri);
    if (n >= sizeof(low))
        n = sizeof(low) - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower(uri[i]);
    low[n] = 0;
    const char *prefix = NULL;
    if (strstr(low, "backend.userland.com/rss"))
        prefix = "";
    for (size_t i = 0; !prefix && i < sizeof(ns_map) / sizeof(ns_map[0]); i++)
        if (strcmp(low, ns_map[i].uri) == 0)
            prefix = ns_map[i].prefix;
    p->cache_uri[p->cache_next] = uri;
    p->cache_prefix[p->cache_next] = prefix;
    p->cache_next = (p->cache_next + 1) % 8;
    if (!prefix) {
        *known = 0;
        return given ? (const char *)given : "";
    }
    return prefix;
}

/* ------------------------------------------------------------------ small helpers */

static char *strip_dup(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

/* Returns a malloc'd copy of the attribute value (local name, case-insensitive); NULL when
 * absent.  ns: required namespace URI or NULL for any. */
/* libxml2 leaves character and entity references in attribute values when it does not
 * substitute entities ("&#38;" for "&amp;"); decodes them (HTML names too). */
static char *decode_refs(const char *s, size_t n)
{
    if (!memchr(s, '&', n))
        return xstrndup(s, n);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') {
            strbuf_addch(&sb, s[i]);
            continue;
        }
        const char *semi = memchr(s + i, ';', n - i);
        if (!semi || semi - (s + i) > 32) {
            strbuf_addch(&sb, '&');
            continue;
        }
        char name[40];
        size_t nl = (size_t)(semi - (s + i) - 1);
        memcpy(name, s + i + 1, nl);
        name[nl] = 0;
        unsigned long cp = 0;
        if (name[0] == '#') {
            char *end;
            cp = (name[1] == 'x' || name[1] == 'X') ? strtoul(name + 2, &end, 16)
                                                    : strtoul(name + 1, &end, 10);
            if (*end || cp == 0 || cp > 0x10FFFF)
                cp = 0;
        } else if (!strcmp(name, "amp")) {
            cp = '&';
        } else if (!strcmp(name, "lt")) {
            cp = '<';
        } else if (!strcmp(name, "gt")) {
            cp = '>';
        } else if (!strcmp(name, "quot")) {
            cp = '"';
        } else if (!strcmp(name, "apos")) {
            cp = '\'';
        } else {
            const htmlEntityDesc *h = htmlEntityLookup((const xmlChar *)name);
            cp = h ? h->value : 0;
        }
        if (!cp) {
            strbuf_addch(&sb, '&');
            continue;
        }
        char u[8];
        int k = xmlCopyCharMultiByte((xmlChar *)u, (int)cp);
        if (k > 0)
            strbuf_add(&sb, u, (size_t)k);
        i = (size_t)(semi - s);
    }
    return strbuf_detach(&sb, NULL);
}

/* Returns a malloc'd copy of the attribute value (local name, case-insensitive); NULL when
 * absent.  ns: required namespace URI or NULL for any. */
static char *attr_dup(const xmlChar **attrs, int nattrs, const char *name, const char *ns)
{
    for (int i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + i * 5;
        if (strcasecmp((const char *)a[0], name) != 0)
            continue;
        if (ns && (!a[2] || strcmp((const char *)a[2], ns) != 0))
            continue;
        return decode_refs((const char *)a[3], (size_t)(a[4] - a[3]));
    }
    return NULL;
}

/* URL schemes an xml:base or Content-Location may have (the reference parser's list,
 * shortened to what feeds use): anything else (javascript:, data:) is ignored. */
static int safe_base(const char *url)
{
    static const char *const ok[] = {"http", "https",  "ftp",    "file", "feed", "gopher", "news",
                                     "nntp", "mailto", "magnet", "sftp", "urn",  "tag"};
    char scheme[32];
    if (url_scheme(url, scheme, sizeof(scheme)) != 0)
        return 1; /* relative: resolved against a safe base */
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        if (!strcasecmp(scheme, ok[i]))
            return 1;
    return 0;
}

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

static char *resolve(const char *base, const char *ref)
{
    char *out = NULL;
    if (!ref)
        return NULL;
    if (!base || !*base)
        return xstrdup(ref);
    if (url_resolve(base, ref, &out) != HERALD_OK)
        return xstrdup(ref);
    return out;
}

static void map_content_type(const char *t, char *out, size_t size)
{
    char low[64];
    size_t i = 0;
    for (; t[i] && i + 1 < sizeof(low); i++)
        low[i] = (char)tolower((unsigned char)t[i]);
    low[i] = 0;
    if (!strcmp(low, "text") || !strcmp(low, "plain"))
        snprintf(out, size, "text/plain");
    else if (!strcmp(low, "html"))
        snprintf(out, size, "text/html");
    else if (!strcmp(low, "xhtml"))
        snprintf(out, size, "application/xhtml+xml");
    else
        snprintf(out, size, "%s", low);
}

/* Stores ref resolved against base into *slot (replacing what was there). */
static void set_url(char **slot, const char *base, const char *ref)
{
    char *abs = resolve(base, ref);
    free(*slot);
    *slot = abs;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static int is_html_type(const char *t)
{
    return !strcmp(t, "text/html") || !strcmp(t, "application/xhtml+xml");
}

/* HTML elements the reference parser accepts when guessing whether text is HTML. */
static int acceptable_element(const char *name, size_t n)
{
    static const char *const names[] = {"a",          "abbr",
                                        "acronym",    "address",
                                        "area",       "article",
                                        "aside",      "audio",
                                        "b",          "big",
                                        "blockquote", "br",
                                        "button",     "canvas",
                                        "caption",    "center",
                                        "cite",       "code",
                                        "col",        "colgroup",
                                        "command",    "datagrid",
                                        "datalist",   "dd",
                                        "del",        "details",
                                        "dfn",        "dialog",
                                        "dir",        "div",
                                        "dl",         "dt",
                                        "em",         "event-source",
                                        "fieldset",   "figcaption",
                                        "figure",     "font",
                                        "footer",     "form",
                                        "h1",         "h2",
                                        "h3",         "h4",
                                        "h5",         "h6",
                                        "header",     "hr",
                                        "i",          "img",
                                        "input",      "ins",
                                        "kbd",        "keygen",
                                        "label",      "legend",
                                        "li",         "m",
                                        "map",        "menu",
                                        "meter",      "multicol",
                                        "nav",        "nextid",
                                        "noscript",   "ol",
                                        "optgroup",   "option",
                                        "output",     "p",
                                        "pre",        "progress",
                                        "q",          "s",
                                        "samp",       "section",
                                        "select",     "small",
                                        "sound",      "source",
                                        "spacer",     "span",
                                        "strike",     "strong",
                                        "sub",        "sup",
                                        "table",      "tbody",
                                        "td",         "textarea",
                                        "tfoot",      "th",
                                        "thead",      "time",
                                        "tr",         "tt",
                                        "u",          "ul",
                                        "var",        "video"};
    char low[32];
    if (n == 0 || n >= sizeof(low))
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[n] = 0;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(low, names[i]))
            return 1;
    return 0;
}

static int is_word(int c)
{
    return isalnum(c) || c == '_';
}

/* feedparser's looks_like_html: a close tag or an entity, all tags acceptable, all
 * named entities known. */
static int looks_like_html(const char *s)
{
    int evidence = 0;
    for (const char *p = s; *p; p++) {
        if (p[0] == '<' && p[1] == '/' && is_word((unsigned char)p[2])) {
            const char *q = p + 2;
            while (is_word((unsigned char)*q))
                q++;
            if (*q == '>')
                evidence = 1;
        } else if (p[0] == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            const char *w = q;
            while (is_word((unsigned char)*q))
                q++;
            if (q > w && *q == ';')
                evidence = 1;
        }
    }
    if (!evidence)
        return 0;
    for (const char *p = s; *p; p++) {
        if (p[0] == '<') {
            const char *q = p + 1;
            if (*q == '/')
                q++;
            const char *w = q;
            while (is_word((unsigned char)*q))
                q++;
            if (q > w && !acceptable_element(w, (size_t)(q - w)))
                return 0;
        } else if (p[0] == '&' && is_word((unsigned char)p[1])) {
            const char *w = p + 1, *q = w;
            while (is_word((unsigned char)*q))
                q++;
            if (*q == ';') {
                char name[64];
                size_t n = (size_t)(q - w);
                if (n >= sizeof(name))
                    return 0;
                memcpy(name, w, n);
                name[n] = 0;
                if (!htmlEntityLookup((const xmlChar *)name))
                    return 0;
            }
        }
    }
    return 1;
}

/* The UTF-8 bytes (2 bytes each) of a code point U+0080..U+00BF at s[i]: its low byte,
 * or 0. */
static unsigned char latin1_cont_at(const char *s, size_t n, size_t i)
{
    unsigned char b = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    return i + 1 < n && (unsigned char)s[i] == 0xC2 && b >= 0x80 && b <= 0xBF ? b : 0;
}

/*
 * Double-encoded UTF-8: the C1 control at s[c] (U+0080..U+009F, never text) is part of a
 * run of code points U+00C2..U+00F4, U+0080..U+00BF... that, taken as bytes, spell one
 * valid UTF-8 character ("â\u0080¦" is the bytes E2 80 A6, "…"): UTF-8 read as Latin-1
 * and encoded again, or written as one &#NNN; reference per byte.  The run must start at
 * or after start.  Returns 1 with the run [*from, *to) and the character in u (*un bytes).
 */
static int double_encoded(const char *s, size_t n, size_t start, size_t c, size_t *from, size_t *to,
                          char *u, size_t *un)
{
    size_t j = c;
    int back = 0;
    for (;;) {
        if (j < start + 2)
            return 0;
        unsigned char b = (unsigned char)s[j - 1];
        if ((unsigned char)s[j - 2] == 0xC3 && b >= 0x82 && b <= 0xB4)
            break; /* the lead U+00C2..U+00F4 */
        if (back == 2 || !latin1_cont_at(s, n, j - 2))
            return 0;
        j -= 2;
        back++;
    }
    unsigned lead = 0xC0 + ((unsigned char)s[j - 1] - 0x80);
    int k = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    if (k <= back)
        return 0;
    u[0] = (char)lead;
    size_t q = j;
    for (int m = 1; m <= k; m++, q += 2) {
        unsigned char cb = latin1_cont_at(s, n, q);
        if (!cb)
            return 0;
        u[m] = (char)cb;
    }
    if (!utf8_valid(u, (size_t)k + 1))
        return 0;
    *from = j - 2;
    *to = q;
    *un = (size_t)k + 1;
    return 1;
}

/* Appends s[0..n) mapping U+0080..U+009F (C1 controls, which in feeds are always
 * Windows-1252 bytes or &#146;-style references misread) to the Windows-1252 characters,
 * or, when the control is part of double-encoded UTF-8, the run to the character it
 * spells (double_encoded). */
static void append_fix_c1(struct strbuf *sb, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const char *hit = memchr(s + i, 0xC2, n - i - 1);
        if (!hit)
            break;
        i = (size_t)(hit - s);
        unsigned char d = (unsigned char)s[i + 1];
        if (d < 0x80 || d > 0x9F)
            continue;
        size_t from, to, un;
        char ch[4];
        if (double_encoded(s, n, start, i, &from, &to, ch, &un)) {
            strbuf_add(sb, s + start, from - start);
            strbuf_add(sb, ch, un);
            start = to;
            i = to - 1;
            continue;
        }
        strbuf_add(sb, s + start, i - start);
        char u[8];
        int k = xmlCopyCharMultiByte((xmlChar *)u, (int)feed_cp1252(d));
        strbuf_add(sb, u, (size_t)k);
        i++;
        start = i + 1;
    }
    strbuf_add(sb, s + start, n - start);
}

/* ------------------------------------------------------------------ base64 */

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* Decodes base64 s; returns malloc'd result or NULL when s is not base64. */
static char *b64decode(const char *s)
{
    size_t n = strlen(s);
    char *out = xmalloc(n + 1);
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (isspace(c))
            continue;
        if (c == '=')
            break;
        int v = b64val(c);
        if (v < 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (char)((acc >> bits) & 0xFF);
        }
    }
    out[o] = 0;
    return out;
}

/* ------------------------------------------------------------------ persons */

/* Splits "Name (email)" / "email (Name)" the way feedparser's _sync_author_detail does. */
static void person_from_string(struct feed_person *pe, const char *s)
{
    const char *at = strchr(s, '@');
    if (!at) {
        feed_set_str(&pe->name, s);
        return;
    }
    const char *b = at, *e = at + 1;
    while (b > s && (isalnum((unsigned char)b[-1]) || strchr("_-.+", b[-1])))
        b--;
    while (*e && (isalnum((unsigned char)*e) || *e == '-' || *e == '.'))
        e++;
    while (e > at + 1 && e[-1] == '.')
        e--;
    if (b == at || e == at + 1) {
        feed_set_str(&pe->name, s);
        return;
    }
    if (!strncmp(e, "?subject=", 9))
        while (*e && !isspace((unsigned char)*e))
            e++;
    char *email = xstrndup(b, (size_t)(e - b));
    struct strbuf rest = STRBUF_INIT;
    strbuf_add(&rest, s, (size_t)(b - s));
    strbuf_adds(&rest, e);
    /* remove "()", "<>", "&lt;&gt;" */
    static const char *const junk[] = {"()", "<>", "&lt;&gt;"};
    for (size_t j = 0; j < 3; j++) {
        char *hit = strstr(rest.buf, junk[j]);
        while (hit) {
            size_t k = strlen(junk[j]);
            memmove(hit, hit + k, strlen(hit + k) + 1);
            rest.len -= k;
            hit = strstr(rest.buf, junk[j]);
        }
    }
    strbuf_trim(&rest);
    char *name = rest.buf;
    size_t nl = rest.len;
    if (nl && name[0] == '(') {
        name++;
        nl--;
    }
    if (nl && name[nl - 1] == ')')
        nl--;
    char *nm = strip_dup(name, nl);
    if (*nm)
        feed_set_str(&pe->name, nm);
    free(nm);
    free(pe->email);
    pe->email = email;
    strbuf_release(&rest);
}

/* ------------------------------------------------------------------ text constructs */

static void push_content(struct xml_parser *p, struct frame *fr, const xmlChar **attrs, int nattrs,
                         const char *default_type)
{
    struct content_state *c = &p->content;
    c->depth++;
    fr->is_content = 1;
    char *type = attr_dup(attrs, nattrs, "type", NULL);
    map_content_type(type && *type ? type : default_type, c->type, sizeof(c->type));
    free(type);
    char *mode = attr_dup(attrs, nattrs, "mode", NULL);
    c->base64 = (mode && !strcmp(mode, "base64")) ||
                (strncmp(c->type, "text/", 5) != 0 && !ends_with(c->type, "+xml") &&
                 !ends_with(c->type, "/xml"));
    free(mode);
    feed_set_str(&c->lang, p->lang);
    feed_set_str(&c->base, fr->base);
    free(c->src);
    c->src = attr_dup(attrs, nattrs, "src", NULL);
    if (c->src) {
        char *r = resolve(fr->base, c->src);
        free(c->src);
        c->src = r;
    }
}

/* Finishes a text construct: returns the processed value (malloc'd) and fills t. */
static char *pop_content(struct xml_parser *p, struct frame *fr, const char *raw, size_t n,
                         struct feed_text *t)
{
    struct content_state *c = &p->content;
    char *out = strip_dup(raw, n);
    if (!strcmp(c->type, "application/xhtml+xml") && p->feed->format == FEED_FORMAT_ATOM10) {
        /* remove one enclosing <div> when it wraps everything */
        size_t len = strlen(out);
        if ((!strncmp(out, "<div>", 5) || !strncmp(out, "<div ", 5)) && len >= 11 &&
            !strcmp(out + len - 6, "</div>")) {
            int depth = 0, wraps = 1;
            const char *q = out;
            const char *last = out + len - 6;
            while (q < last) {
                if (q[0] == '<' && q[1] == '/') {
                    depth--;
                    if (depth == 0) {
                        wraps = 0;
                        break;
                    }
                } else if (q[0] == '<') {
                    const char *gt = strchr(q, '>');
                    if (!(gt && gt > q && gt[-1] == '/'))
                        depth++;
                }
                q++;
            }
            if (wraps) {
                const char *gt = strchr(out, '>');
                char *inner = strip_dup(gt + 1, (size_t)(last - gt - 1));
                free(out);
                out = inner;
            }
        }
    }
    if (c->base64) {
        /* kept as written when it is not base64 of UTF-8 text */
        char *d = b64decode(out);
        if (d && utf8_valid(d, strlen(d))) {
            free(out);
            out = d;
        } else {
            free(d);
        }
    }
    if (!is_atom(p) && !strcmp(c->type, "text/plain") && looks_like_html(out))
        snprintf(c->type, sizeof(c->type), "text/html");
    if (is_html_type(c->type) && !p->opts->no_sanitize) {
        struct strbuf sb = STRBUF_INIT;
        feed_sanitize_html(out, strlen(out), c->base, &sb);
        free(out);
        if (memchr(sb.buf, 0xC2, sb.len)) {
            struct strbuf fixed = STRBUF_INIT;
            append_fix_c1(&fixed, sb.buf, sb.len);
            strbuf_release(&sb);
            sb = fixed;
        }
        out = strbuf_detach(&sb, NULL);
    }
    if (t) {
        feed_text_release(t);
        t->value = xstrdup(out);
        t->type = xstrdup(c->type);
        t->language = c->lang ? xstrdup(c->lang) : NULL;
        t->base = c->base ? xstrdup(c->base) : NULL;
        t->src = c->src ? xstrdup(c->src) : NULL;
    }
    (void)fr;
    return out;
}

/* ------------------------------------------------------------------ entries */

static struct feed_item *new_entry(struct xml_parser *p)
{
    struct feed *f = p->feed;
    size_t max = p->opts->max_entries ? p->opts->max_entries : FEED_DEFAULT_MAX_ENTRIES;
    if (f->nentries >= max) {
        feed_set_bozo(f, "too many entries; the rest were dropped");
        return NULL;
    }
    if (f->nentries == p->entries_alloc) {
        p->entries_alloc = p->entries_alloc ? p->entries_alloc * 2 : 16;
        f->entries = xrealloc(f->entries, p->entries_alloc * sizeof(*f->entries));
    }
    struct feed_item *e = &f->entries[f->nentries++];
    feed_item_init(e);
    return e;
}

static void set_date(const char *value, int64_t *t, char **raw)
{
    feed_set_str(raw, value);
    int64_t v;
    *t = date_parse(value, &v) == HERALD_OK ? v : TIME_NONE;
}

static struct feed_link *add_link(struct feed_item *it, const char *rel, const char *type,
                                  const char *href)
{
    struct feed_link *l = feed_item_add_link(it);
    l->rel = rel ? xstrdup(rel) : NULL;
    l->type = type ? xstrdup(type) : NULL;
    l->href = href ? xstrdup(href) : NULL;
    return l;
}

/* ------------------------------------------------------------------ SAX: start */

static void stop(struct xml_parser *p, herald_status rc, const char *why)
{
    if (!p->fail) {
        p->fail = rc;
        log_debug("feed", "parse stopped: %s", why);
    }
    xmlStopParser(p->ctxt);
}

/* 1 when adding what el adds would take a list of it past FEED_MAX_LIST. */
static int item_full(const struct feed_item *it, enum el el)
{
    switch (el) {
    case EL_LINK:
    case EL_LICENSE:
        return it->nlinks >= FEED_MAX_LIST;
    case EL_CATEGORY:
    case EL_SUBJECT:
    case EL_ITUNES_CATEGORY:
    case EL_MEDIA_CATEGORY:
    case EL_KEYWORDS:
    case EL_TAGS:
        return it->ntags >= FEED_MAX_LIST;
    case EL_AUTHOR:
    case EL_CREATOR:
        return it->nauthors >= FEED_MAX_LIST;
    case EL_CONTRIBUTOR:
        return it->ncontributors >= FEED_MAX_LIST;
    case EL_ENCLOSURE:
        return it->nenclosures >= FEED_MAX_LIST || it->nlinks >= FEED_MAX_LIST;
    case EL_MEDIA_CONTENT:
    case EL_MEDIA_THUMBNAIL:
        return it->nmedia >= FEED_MAX_LIST;
    case EL_CONTENT:
    case EL_CONTENT_ENCODED:
    case EL_BODY:
    case EL_DESCRIPTION:
    case EL_SUMMARY:
        return it->ncontent >= FEED_MAX_LIST;
    default:
        return 0;
    }
}

static void build_key(char *key, const char *prefix, const xmlChar *local)
{
    size_t k = 0;
    if (prefix && *prefix) {
        for (const char *q = prefix; *q && k + 2 < KEY_MAX; q++)
            key[k++] = (char)tolower((unsigned char)*q);
        key[k++] = '_';
    }
    for (const xmlChar *q = local; *q && k + 1 < KEY_MAX; q++)
        key[k++] = (char)tolower(*q);
    key[k] = 0;
}

static void write_start_tag(struct xml_parser *p, const xmlChar *local, const xmlChar **attrs,
                            int nattrs)
{
    strbuf_addch(&p->text, '<');
    strbuf_adds(&p->text, (const char *)local);
    for (int i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + i * 5;
        strbuf_addch(&p->text, ' ');
        if (a[1] && a[2] && !strcmp((const char *)a[2], XML_NS))
            strbuf_adds(&p->text, "xml:");
        strbuf_adds(&p->text, (const char *)a[0]);
        strbuf_adds(&p->text, "=\"");
        char *val = decode_refs((const char *)a[3], (size_t)(a[4] - a[3]));
        html_escape_attr(&p->text, val);
        free(val);
        strbuf_addch(&p->text, '"');
    }
    strbuf_addch(&p->text, '>');
}

static void start_person(struct xml_parser *p, enum person_kind kind)
{
    struct feed_item *it = context_item(p);
    p->person = kind;
    if (kind == PERSON_AUTHOR)
        p->cur_person = feed_item_add_person(&it->authors, &it->nauthors);
    else if (kind == PERSON_CONTRIBUTOR)
        p->cur_person = feed_item_add_person(&it->contributors, &it->ncontributors);
    else
        p->cur_person = &it->publisher;
}

/* ------------------------------------------------------------------ helpers of the end handlers */

/* "a, b, c" (itunes:keywords, <tags>): one category per term. */
static void add_tag_list(struct feed_item *it, const char *list, const char *scheme)
{
    const char *q = list;
    while (*q) {
        size_t k = strcspn(q, ",");
        char *term = strip_dup(q, k);
        if (*term && it->ntags < FEED_MAX_LIST) {
            struct feed_category *c = feed_item_add_tag(it);
            c->term = term;
            c->scheme = scheme ? xstrdup(scheme) : NULL;
        } else {
            free(term);
        }
        q += k;
        if (*q)
            q++;
    }
}

static void end_text_field(struct xml_parser *p, struct frame *fr, const char *raw, size_t n,
                           struct feed_text *t)
{
    char *v = pop_content(p, fr, raw, n, t);
    free(v);
}

static void store_ext(struct xml_parser *p, const char *key, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    struct feed_item *it = context_item(p);
    if (p->in_image) {
        char k[KEY_MAX * 2];
        snprintf(k, sizeof(k), "image.%s", key);
        feed_item_set_ext(it, k, v);
    } else if (p->in_textinput) {
        char k[KEY_MAX * 2];
        snprintf(k, sizeof(k), "textinput.%s", key);
        feed_item_set_ext(it, k, v);
    } else {
        feed_item_set_ext(it, key, v);
    }
    free(v);
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Drops repeated categories (same term, scheme and label), as the reference does. */
static void dedupe_tags(struct feed_item *it)
{
    size_t out = 0;
    for (size_t i = 0; i < it->ntags; i++) {
        struct feed_category *c = &it->tags[i];
        int dup = 0;
        for (size_t j = 0; j < out && !dup; j++) {
            struct feed_category *d = &it->tags[j];
            dup = same_str(c->term, d->term) && same_str(c->scheme, d->scheme) &&
                  same_str(c->label, d->label);
        }
        if (dup) {
            free(c->term);
            free(c->scheme);
            free(c->label);
        } else {
            it->tags[out++] = *c;
        }
    }
    it->ntags = out;
}

static void finish_entry(struct xml_parser *p)
{
    struct feed_item *e = p->entry;
    if (e)
        dedupe_tags(e);
    if (e && e->guidislink && e->id && !e->link) {
        feed_set_str(&e->link, e->id);
    }
    /* media captions/credits given once for the entry apply to its media */
    const char *cap = feed_item_ext(e, "media_description");
    const char *cred = feed_item_ext(e, "media_credit");
    for (size_t i = 0; e && i < e->nmedia; i++) {
        if (!e->media[i].caption && cap)
            e->media[i].caption = xstrdup(cap);
        if (!e->media[i].credit && cred)
            e->media[i].credit = xstrdup(cred);
    }
    p->entry = NULL;
}

/* ------------------------------------------------------------------ element handlers */

/*
 * What each element does is one row of el_defs (below), indexed by enum el: a start
 * handler (run with the attributes when the element opens), an end handler (run with the
 * element's text when it closes), and the arguments the generic handlers take -- the
 * offset of the struct feed_item field they fill, a default content type, a tag scheme,
 * a person kind.  sax_start and sax_end keep only what every element shares (the stack,
 * xml:base and xml:lang, text constructs written back as markup) and dispatch.
 */
struct el_def;
typedef void (*el_start_fn)(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                            const struct el_def *d, const xmlChar **attrs, int nattrs);
typedef void (*el_end_fn)(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const char *raw, size_t n);

enum {
    EF_OUTSIDE_IMAGE = 1, /* the start handler runs only outside image and textinput */
};

struct el_def {
    el_start_fn start;
    el_end_fn end;
    size_t field;    /* offsetof(struct feed_item, ...) for the generic handlers */
    size_t field2;   /* a second field: a date's raw string */
    const char *arg; /* a text construct's default type; a tag list's scheme */
    int kind;        /* a person's kind */
    size_t flag;     /* offsetof(struct xml_parser, in_...) for the flag handlers */
    unsigned flags;  /* EF_* */
};

#define ITEM_FIELD(it, off, type) ((type *)(void *)((char *)(it) + (off)))

/* --- start handlers */

static void start_rss(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                      const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *v = attr_dup(attrs, nattrs, "version", NULL);
    enum feed_format f = FEED_FORMAT_RSS;
    if (v) {
        if (!strcmp(v, "0.91"))
            f = p->netscape ? FEED_FORMAT_RSS091N : FEED_FORMAT_RSS091U;
        else if (!strcmp(v, "0.92"))
            f = FEED_FORMAT_RSS092;
        else if (!strcmp(v, "0.93"))
            f = FEED_FORMAT_RSS093;
        else if (!strcmp(v, "0.94"))
            f = FEED_FORMAT_RSS094;
        else if (!strncmp(v, "2.", 2) || !strcmp(v, "2"))
            f = FEED_FORMAT_RSS20;
    }
    free(v);
    p->feed->format = f;
}

static void start_channel(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    if (p->feed->format == FEED_FORMAT_UNKNOWN)
        p->feed->format = FEED_FORMAT_RSS;
}

static void start_feed(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *v = attr_dup(attrs, nattrs, "version", NULL);
    enum feed_format f = FEED_FORMAT_ATOM;
    if (v && !strcmp(v, "0.1"))
        f = FEED_FORMAT_ATOM01;
    else if (v && !strcmp(v, "0.2"))
        f = FEED_FORMAT_ATOM02;
    else if (v && !strcmp(v, "0.3"))
        f = FEED_FORMAT_ATOM03;
    free(v);
    if (p->feed->format == FEED_FORMAT_UNKNOWN || f != FEED_FORMAT_ATOM)
        p->feed->format = f;
}

static void start_item(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    if (p->entry) {
        /* an item inside an item: treat as an extension */
        fr->el = EL_NONE;
        fr->expecting = 0;
        return;
    }
    p->entry = new_entry(p);
    if (!p->entry) {
        fr->el = EL_NONE;
        return;
    }
    char *about = attr_dup(attrs, nattrs, "about", RDF_NS);
    if (about)
        p->entry->id = about;
}

static void start_image(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    p->in_image = 1;
    char *res = attr_dup(attrs, nattrs, "resource", RDF_NS);
    if (res) {
        char *r = resolve(fr->base, res);
        feed_set_str(&it->image.href, r);
        free(r);
        free(res);
    }
}

/* image, textinput, media:group: sets the parser's flag at d->flag (cleared by end_flag) */
static void start_flag(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    *(int *)(void *)((char *)p + d->flag) = 1;
}

/* A text construct (title, summary, content, ...): d->arg is its default type. */
static void start_text(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    push_content(p, fr, attrs, nattrs, d->arg);
}

static void start_link(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *href = attr_dup(attrs, nattrs, "href", NULL);
    if (!href) {
        char *res = attr_dup(attrs, nattrs, "resource", RDF_NS);
        if (res && !p->entry)
            href = res;
        else
            free(res);
    }
    char *rel = attr_dup(attrs, nattrs, "rel", NULL);
    char *type = attr_dup(attrs, nattrs, "type", NULL);
    if (!rel)
        rel = xstrdup("alternate");
    if (!type)
        type = xstrdup(!strcmp(rel, "self") ? "application/atom+xml" : "text/html");
    if (href) {
        char *abs = resolve(fr->base, href);
        struct feed_link *l = add_link(it, rel, type, abs);
        l->title = attr_dup(attrs, nattrs, "title", NULL);
        l->hreflang = attr_dup(attrs, nattrs, "hreflang", NULL);
        l->length = attr_dup(attrs, nattrs, "length", NULL);
        char mapped[64];
        map_content_type(type, mapped, sizeof(mapped));
        if (!strcmp(rel, "alternate") && is_html_type(mapped))
            feed_set_str(&it->link, abs);
        if (!strcmp(rel, "enclosure")) {
            struct feed_enclosure *en = feed_item_add_enclosure(it);
            en->href = xstrdup(abs);
            en->type = attr_dup(attrs, nattrs, "type", NULL);
            en->length = attr_dup(attrs, nattrs, "length", NULL);
        }
        free(abs);
        fr->el = EL_NONE; /* ignore any text */
        fr->expecting = 0;
        fr->ext_attrs = 1;
    } else {
        struct feed_link *l = add_link(it, rel, type, NULL);
        l->title = attr_dup(attrs, nattrs, "title", NULL);
    }
    free(href);
    free(rel);
    free(type);
}

static void start_guid(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *perma = attr_dup(attrs, nattrs, "ispermalink", NULL);
    it->guidislink = !(perma && !strcasecmp(perma, "false"));
    free(perma);
}

/* author, creator, contributor, publisher: d->kind is the person kind. */
static void start_person_el(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                            const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    start_person(p, (enum person_kind)d->kind);
}

static void start_category(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                           const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *term = attr_dup(attrs, nattrs, "term", NULL);
    char *scheme = attr_dup(attrs, nattrs, "scheme", NULL);
    if (!scheme)
        scheme = attr_dup(attrs, nattrs, "domain", NULL);
    char *label = attr_dup(attrs, nattrs, "label", NULL);
    struct feed_category *c = feed_item_add_tag(it);
    c->term = term;
    c->scheme = scheme;
    c->label = label;
}

static void start_itunes_category(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                                  const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *term = attr_dup(attrs, nattrs, "text", NULL);
    if (term) {
        struct feed_category *c = feed_item_add_tag(it);
        c->term = term;
        c->scheme = xstrdup("http://www.itunes.com/");
    }
}

static void start_enclosure(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                            const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *url = attr_dup(attrs, nattrs, "url", NULL);
    if (!url)
        url = attr_dup(attrs, nattrs, "resource", RDF_NS);
    char *abs = url ? resolve(fr->base, url) : NULL;
    struct feed_enclosure *en = feed_item_add_enclosure(it);
    en->href = abs ? xstrdup(abs) : NULL;
    en->type = attr_dup(attrs, nattrs, "type", NULL);
    en->length = attr_dup(attrs, nattrs, "length", NULL);
    struct feed_link *l = add_link(it, "enclosure", en->type, abs);
    l->length = en->length ? xstrdup(en->length) : NULL;
    free(url);
    free(abs);
}

/* media:content and media:thumbnail */
static void start_media(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    struct feed_media *m = feed_item_add_media(it);
    m->thumbnail = fr->el == EL_MEDIA_THUMBNAIL;
    char *url = attr_dup(attrs, nattrs, "url", NULL);
    m->url = url ? resolve(fr->base, url) : NULL;
    free(url);
    m->type = attr_dup(attrs, nattrs, "type", NULL);
    m->medium = attr_dup(attrs, nattrs, "medium", NULL);
    char *w = attr_dup(attrs, nattrs, "width", NULL);
    char *h = attr_dup(attrs, nattrs, "height", NULL);
    m->width = w ? (int)strtol(w, NULL, 10) : 0;
    m->height = h ? (int)strtol(h, NULL, 10) : 0;
    free(w);
    free(h);
    p->cur_media = m;
}

static void start_media_credit(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                               const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *role = attr_dup(attrs, nattrs, "role", NULL);
    if (role) {
        feed_item_set_ext(it, "media_credit.role", role);
        free(role);
    }
}

static void start_source(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                         const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    if (!p->entry || p->source)
        return;
    p->source = xmalloc(sizeof(*p->source));
    feed_item_init(p->source);
    char *url = attr_dup(attrs, nattrs, "url", NULL);
    if (url) {
        feed_item_set_ext(p->source, "href", url);
        free(url);
    }
}

static void start_generator(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                            const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *u = attr_dup(attrs, nattrs, "uri", NULL);
    if (!u)
        u = attr_dup(attrs, nattrs, "url", NULL);
    if (u) {
        set_url(&it->generator.href, fr->base, u);
        free(u);
    }
    char *v = attr_dup(attrs, nattrs, "version", NULL);
    if (v) {
        feed_set_str(&it->generator.version, v);
        free(v);
    }
}

static void start_license(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *res = attr_dup(attrs, nattrs, "resource", RDF_NS);
    if (res) {
        char *abs = resolve(fr->base, res);
        add_link(it, "license", NULL, abs);
        free(abs);
        free(res);
    }
}

static void start_itunes_link(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                              const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *rel = attr_dup(attrs, nattrs, "rel", NULL);
    char *h = attr_dup(attrs, nattrs, "href", NULL);
    if (rel && h && !strcmp(rel, "image"))
        set_url(&it->image.href, fr->base, h);
    free(rel);
    free(h);
}

static void start_media_category(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                                 const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *scheme = attr_dup(attrs, nattrs, "scheme", NULL);
    struct feed_category *c = feed_item_add_tag(it);
    c->scheme = scheme ? scheme : xstrdup("http://search.yahoo.com/mrss/category_schema");
    c->label = attr_dup(attrs, nattrs, "label", NULL);
}

static void start_itunes_image(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                               const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    char *h = attr_dup(attrs, nattrs, "href", NULL);
    if (!h)
        h = attr_dup(attrs, nattrs, "url", NULL);
    if (h) {
        set_url(&it->image.href, fr->base, h);
        free(h);
    }
}

/* An element without a handler: its attributes become extensions, or its text does. */
static void start_unknown(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const xmlChar **attrs, int nattrs)
{
    if (nattrs <= 0 || p->in_image || p->in_textinput) {
        fr->expecting = 1;
        return;
    }
    fr->ext_attrs = 1;
    for (int i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + i * 5;
        char k[KEY_MAX * 2];
        snprintf(k, sizeof(k), "%s.%s", fr->key, (const char *)a[0]);
        for (char *q = k; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        char *v = decode_refs((const char *)a[3], (size_t)(a[4] - a[3]));
        feed_item_set_ext(it, k, v);
        free(v);
    }
}

/* --- end handlers */

static void end_item(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    finish_entry(p);
}

static void end_flag(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    *(int *)(void *)((char *)p + d->flag) = 0;
}

static void end_title(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                      const struct el_def *d, const char *raw, size_t n)
{
    if (p->in_image) {
        char *v = strip_dup(raw, n);
        feed_set_str(&it->image.title, v);
        free(v);
    } else if (p->in_textinput) {
        store_ext(p, "title", raw, n);
    } else if (p->person == PERSON_NONE) {
        end_text_field(p, fr, raw, n, &it->title);
    }
}

/* subtitle, rights, info: the text construct at d->field, outside image and textinput */
static void end_text(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    if (!p->in_textinput && !p->in_image)
        end_text_field(p, fr, raw, n, ITEM_FIELD(it, d->field, struct feed_text));
}

/* summary (and description outside image and textinput): an entry's summary, or its
 * first content when it already has one; the feed's subtitle */
static void end_summary(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    if (p->entry && !p->source) {
        if (it->summary.value && it->ncontent == 0)
            end_text_field(p, fr, raw, n, feed_item_add_content(it));
        else
            end_text_field(p, fr, raw, n, &it->summary);
    } else {
        end_text_field(p, fr, raw, n, &it->subtitle);
    }
}

static void end_description(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                            const struct el_def *d, const char *raw, size_t n)
{
    if (p->in_image) {
        char *v = strip_dup(raw, n);
        feed_set_str(&it->image.description, v);
        free(v);
    } else if (p->in_textinput) {
        store_ext(p, "description", raw, n);
    } else {
        end_summary(p, fr, it, d, raw, n);
    }
}

/* content, content:encoded, body */
static void end_content(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    end_text_field(p, fr, raw, n, p->entry ? feed_item_add_content(it) : NULL);
}

static void end_link(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->in_image) {
        set_url(&it->image.link, fr->base, v);
    } else if (p->in_textinput) {
        store_ext(p, "link", raw, n);
    } else if (*v && it->nlinks && !it->links[it->nlinks - 1].href) {
        struct feed_link *l = &it->links[it->nlinks - 1];
        char *abs = resolve(fr->base, v);
        feed_set_str(&l->href, abs);
        if (!l->rel || !strcmp(l->rel, "alternate"))
            feed_set_str(&it->link, abs);
        free(abs);
    }
    free(v);
}

static void end_id(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                   const struct el_def *d, const char *raw, size_t n)
{
    if (p->in_image)
        return;
    char *v = strip_dup(raw, n);
    if (*v && v[0] == '/' && fr->base) {
        char *abs = resolve(fr->base, v);
        free(v);
        v = abs;
    }
    feed_set_str(&it->id, v);
    free(v);
}

static void end_guid(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (it->guidislink && *v) {
        char *abs = resolve(fr->base, v);
        free(v);
        v = abs;
    }
    feed_set_str(&it->id, v);
    if (it->link)
        it->guidislink = 0;
    free(v);
}

/* author, creator, contributor, publisher: text that is the whole person ("Ann
 * (ann@example.com)"); an empty person is dropped */
static void end_person(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const char *raw, size_t n)
{
    if (p->in_image || p->in_textinput)
        return;
    char *v = strip_dup(raw, n);
    struct feed_person *who = p->cur_person;
    if (who && *v && !who->name && !who->email)
        person_from_string(who, v);
    if (who && !who->name && !who->email && !who->href) {
        if (fr->el == EL_CONTRIBUTOR && it->ncontributors)
            it->ncontributors--;
        else if (fr->el != EL_PUBLISHER && fr->el != EL_CONTRIBUTOR && it->nauthors)
            it->nauthors--;
    }
    p->person = PERSON_NONE;
    p->cur_person = NULL;
    free(v);
}

static void end_name(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->cur_person)
        feed_set_str(&p->cur_person->name, v);
    else if (p->in_textinput)
        store_ext(p, "name", raw, n);
    free(v);
}

static void end_email(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                      const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->cur_person)
        feed_set_str(&p->cur_person->email, v);
    free(v);
}

/* uri, url: a person's home page, or an image's URL */
static void end_uri(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                    const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->cur_person)
        set_url(&p->cur_person->href, fr->base, v);
    else if (p->in_image)
        set_url(&it->image.href, fr->base, v);
    free(v);
}

/* published, updated, created, expired: the time at d->field, the text at d->field2 */
static void end_date(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    set_date(v, ITEM_FIELD(it, d->field, int64_t), ITEM_FIELD(it, d->field2, char *));
    free(v);
}

/* category, media:category: the term of the category the start tag opened */
static void end_category(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                         const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (it->ntags && *v && !it->tags[it->ntags - 1].term)
        feed_set_str(&it->tags[it->ntags - 1].term, v);
    free(v);
}

static void end_subject(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (*v) {
        struct feed_category *c = feed_item_add_tag(it);
        c->term = xstrdup(v);
    }
    free(v);
}

/* itunes:keywords, tags: "a, b, c", one category each, with the scheme d->arg */
static void end_tag_list(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                         const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    add_tag_list(it, v, d->arg);
    free(v);
}

/* DCMI period: "start=2002-10-13T09:00+01:00; end=2002-10-17T17:00+01:00" */
static void end_valid(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                      const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    char *q = v;
    while (*q) {
        size_t k = strcspn(q, ";");
        char *part = strip_dup(q, k);
        char *eq = strchr(part, '=');
        if (eq) {
            *eq = 0;
            const char *key = !strcmp(part, "start") ? "validity_start"
                              : !strcmp(part, "end") ? "validity_end"
                                                     : NULL;
            if (key) {
                char *val = strip_dup(eq + 1, strlen(eq + 1));
                feed_item_set_ext(it, key, val);
                free(val);
            }
        }
        free(part);
        q += k;
        if (*q)
            q++;
    }
    free(v);
}

static void end_license(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (*v) {
        char *abs = resolve(fr->base, v);
        add_link(it, "license", NULL, abs);
        free(abs);
    }
    free(v);
}

static void end_media(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                      const struct el_def *d, const char *raw, size_t n)
{
    p->cur_media = NULL;
}

/* media:description, media:title: the caption of the media in context */
static void end_media_text(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                           const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->cur_media) {
        if (fr->el == EL_MEDIA_DESCRIPTION || !p->cur_media->caption)
            feed_set_str(&p->cur_media->caption, v);
    } else if (p->in_media_group) {
        for (size_t i = 0; i < it->nmedia; i++)
            if (!it->media[i].caption || fr->el == EL_MEDIA_DESCRIPTION)
                feed_set_str(&it->media[i].caption, v);
    }
    store_ext(p, fr->key, raw, n);
    if (p->entry && fr->el == EL_MEDIA_TITLE && !it->title.value) {
        it->title.value = xstrdup(v);
        it->title.type = xstrdup("text/plain");
    } else if (p->entry && fr->el == EL_MEDIA_DESCRIPTION && !it->summary.value) {
        it->summary.value = xstrdup(v);
        it->summary.type = xstrdup("text/plain");
    }
    free(v);
}

static void end_media_credit(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                             const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (p->cur_media)
        feed_set_str(&p->cur_media->credit, v);
    store_ext(p, fr->key, raw, n);
    free(v);
}

/* comments, docs: the URL at d->field */
static void end_url(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                    const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    set_url(ITEM_FIELD(it, d->field, char *), fr->base, v);
    free(v);
}

static void end_source(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                       const struct el_def *d, const char *raw, size_t n)
{
    if (!p->source || !p->entry)
        return;
    char *v = strip_dup(raw, n);
    if (*v && !p->source->title.value) {
        p->source->title.value = xstrdup(v);
        p->source->title.type = xstrdup("text/plain");
    }
    struct feed_item *e = p->entry;
    if (e->source) {
        feed_item_release(e->source);
        free(e->source);
    }
    e->source = p->source;
    p->source = NULL;
    free(v);
}

static void end_language(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                         const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (*v) {
        feed_set_str(&it->language, v);
        /* the language applies to what follows, as xml:lang would */
        if (fr->own_lang)
            free(fr->lang);
        fr->lang = NULL;
        fr->own_lang = 0;
        if (p->depth >= 2) {
            struct frame *parent = &p->stack[p->depth - 2];
            if (parent->own_lang)
                free(parent->lang);
            parent->lang = xstrdup(v);
            parent->own_lang = 1;
        }
    }
    free(v);
}

static void end_ttl(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                    const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (!p->entry)
        p->feed->ttl_minutes = (int)strtol(v, NULL, 10);
    store_ext(p, "ttl", raw, n);
    free(v);
}

static void end_hour(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                     const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    long h = strtol(v, NULL, 10);
    if (h >= 0 && h < 24 && *v)
        p->feed->skip_hours |= 1u << h;
    free(v);
}

static void end_day(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                    const struct el_def *d, const char *raw, size_t n)
{
    static const char *const days[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    char *v = strip_dup(raw, n);
    for (int k = 0; k < 7; k++)
        if (!strcasecmp(v, days[k]))
            p->feed->skip_days |= (uint8_t)(1u << k);
    free(v);
}

static void end_updateperiod(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                             const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    feed_set_str(&p->feed->update_period, v);
    store_ext(p, fr->key, raw, n);
    free(v);
}

static void end_updatefrequency(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                                const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    p->feed->update_frequency = (int)strtol(v, NULL, 10);
    store_ext(p, fr->key, raw, n);
    free(v);
}

static void end_generator(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    if (*v)
        feed_set_str(&it->generator.name, v);
    free(v);
}

static void end_icon_logo(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                          const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    char *abs = resolve(fr->base, v);
    if (fr->el == EL_ICON) {
        feed_set_str(&it->icon, abs);
    } else {
        feed_set_str(&it->logo, abs);
        if (!it->image.href)
            feed_set_str(&it->image.href, abs);
    }
    free(abs);
    free(v);
}

static void end_width_height(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                             const struct el_def *d, const char *raw, size_t n)
{
    if (!p->in_image) {
        store_ext(p, fr->key, raw, n);
        return;
    }
    char *v = strip_dup(raw, n);
    int x = (int)strtol(v, NULL, 10);
    if (fr->el == EL_WIDTH)
        it->image.width = x;
    else
        it->image.height = x;
    free(v);
}

/* wfw:comment, wfw:commentRss: an extension holding a resolved URL */
static void end_uri_ext(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    char *v = strip_dup(raw, n);
    char *abs = resolve(fr->base, v);
    feed_item_set_ext(it, fr->key, abs);
    free(abs);
    free(v);
}

/* itunes:block, itunes:explicit: kept as written (whitespace too): "yes" and "Yes" are
 * the only yes */
static void end_verbatim_ext(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                             const struct el_def *d, const char *raw, size_t n)
{
    char *v = xstrndup(raw, n);
    feed_item_set_ext(it, fr->key, v);
    free(v);
}

static void end_unknown(struct xml_parser *p, struct frame *fr, struct feed_item *it,
                        const struct el_def *d, const char *raw, size_t n)
{
    if (fr->expecting && p->depth > 1)
        store_ext(p, fr->key, raw, n);
}

/* --- the table */

#define F(field) offsetof(struct feed_item, field)
#define P(flag) offsetof(struct xml_parser, flag)

static const struct el_def el_defs[] = {
    [EL_NONE] = {.start = start_unknown, .end = end_unknown},
    [EL_RSS] = {.start = start_rss},
    [EL_RDF] = {0},
    [EL_CHANNEL] = {.start = start_channel},
    [EL_FEED] = {.start = start_feed},
    [EL_ITEM] = {.start = start_item, .end = end_item},
    [EL_IMAGE] = {start_image, end_flag, .flag = P(in_image)},
    [EL_TEXTINPUT] = {.start = start_flag, .end = end_flag, .flag = P(in_textinput)},
    [EL_TITLE] = {start_text, end_title, .arg = "text/plain", .flags = EF_OUTSIDE_IMAGE},
    [EL_SUBTITLE] = {start_text, end_text, F(subtitle), .arg = "text/plain",
                     .flags = EF_OUTSIDE_IMAGE},
    [EL_DESCRIPTION] = {start_text, end_description, .arg = "text/html", .flags = EF_OUTSIDE_IMAGE},
    [EL_SUMMARY] = {start_text, end_summary, .arg = "text/plain"},
    [EL_RIGHTS] = {start_text, end_text, F(rights), .arg = "text/plain", .flags = EF_OUTSIDE_IMAGE},
    [EL_INFO] = {start_text, end_text, F(info), .arg = "text/plain", .flags = EF_OUTSIDE_IMAGE},
    [EL_CONTENT] = {start_text, end_content, .arg = "text/plain"},
    [EL_CONTENT_ENCODED] = {start_text, end_content, .arg = "text/html"},
    [EL_BODY] = {start_text, end_content, .arg = "application/xhtml+xml"},
    [EL_LINK] = {start_link, end_link, .flags = EF_OUTSIDE_IMAGE},
    [EL_ID] = {.end = end_id},
    [EL_GUID] = {start_guid, end_guid},
    [EL_AUTHOR] = {start_person_el, end_person, .kind = PERSON_AUTHOR, .flags = EF_OUTSIDE_IMAGE},
    [EL_CREATOR] = {start_person_el, end_person, .kind = PERSON_AUTHOR, .flags = EF_OUTSIDE_IMAGE},
    [EL_CONTRIBUTOR] = {start_person_el, end_person, .kind = PERSON_CONTRIBUTOR},
    [EL_PUBLISHER] = {start_person_el, end_person, .kind = PERSON_PUBLISHER},
    [EL_NAME] = {.end = end_name},
    [EL_EMAIL] = {.end = end_email},
    [EL_URI] = {.end = end_uri},
    [EL_URL] = {.end = end_uri},
    [EL_PUBLISHED] = {.end = end_date, F(published), F(published_raw)},
    [EL_UPDATED] = {.end = end_date, F(updated), F(updated_raw)},
    [EL_CREATED] = {.end = end_date, F(created), F(created_raw)},
    [EL_EXPIRED] = {.end = end_date, F(expired), F(expired_raw)},
    [EL_CATEGORY] = {start_category, end_category},
    [EL_SUBJECT] = {.end = end_subject},
    [EL_ITUNES_CATEGORY] = {.start = start_itunes_category},
    [EL_KEYWORDS] = {.end = end_tag_list, .arg = "http://www.itunes.com/"},
    [EL_ENCLOSURE] = {.start = start_enclosure},
    [EL_MEDIA_CONTENT] = {start_media, end_media},
    [EL_MEDIA_THUMBNAIL] = {start_media, end_media},
    [EL_MEDIA_DESCRIPTION] = {.end = end_media_text},
    [EL_MEDIA_CREDIT] = {start_media_credit, end_media_credit},
    [EL_MEDIA_TITLE] = {.end = end_media_text},
    [EL_MEDIA_GROUP] = {start_flag, end_flag, .flag = P(in_media_group)},
    [EL_COMMENTS] = {.end = end_url, F(comments)},
    [EL_SOURCE] = {start_source, end_source},
    [EL_LANGUAGE] = {.end = end_language},
    [EL_TTL] = {.end = end_ttl},
    [EL_SKIPHOURS] = {0},
    [EL_SKIPDAYS] = {0},
    [EL_HOUR] = {.end = end_hour},
    [EL_DAY] = {.end = end_day},
    [EL_UPDATEPERIOD] = {.end = end_updateperiod},
    [EL_UPDATEFREQUENCY] = {.end = end_updatefrequency},
    [EL_GENERATOR] = {start_generator, end_generator},
    [EL_DOCS] = {.end = end_url, F(docs)},
    [EL_ICON] = {.end = end_icon_logo},
    [EL_LOGO] = {.end = end_icon_logo},
    [EL_ITUNES_IMAGE] = {.start = start_itunes_image},
    [EL_WIDTH] = {.end = end_width_height},
    [EL_HEIGHT] = {.end = end_width_height},
    [EL_URI_EXT] = {.end = end_uri_ext},
    [EL_ITUNES_BLOCK] = {.end = end_verbatim_ext},
    [EL_TAGS] = {.end = end_tag_list},
    [EL_VALID] = {.end = end_valid},
    [EL_MEDIA_CATEGORY] = {start_media_category, end_category},
    [EL_ITUNES_LINK] = {.start = start_itunes_link},
    [EL_LICENSE] = {start_license, end_license},
    [EL_ITUNES_EXPLICIT] = {.end = end_verbatim_ext},
};

#undef F
#undef P

_Static_assert(sizeof(el_defs) / sizeof(el_defs[0]) == EL_COUNT,
               "every element of enum el has a row in el_defs");

/* ------------------------------------------------------------------ SAX: start and end */

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *qprefix, const xmlChar *uri,
                      int nns, const xmlChar **nss, int nattrs, int ndefaulted,
                      const xmlChar **attrs)
{
    struct xml_parser *p = ctx;
    (void)ndefaulted;
    unsigned maxd = p->opts->max_depth ? p->opts->max_depth : FEED_DEFAULT_MAX_DEPTH;
    if (p->fail)
        return;
    if (p->depth >= maxd) {
        stop(p, HERALD_E_TOOBIG, "nesting too deep");
        return;
    }
    if (p->depth == p->alloc) {
        p->alloc = p->alloc ? p->alloc * 2 : 32;
        p->stack = xrealloc(p->stack, p->alloc * sizeof(*p->stack));
    }
    struct frame *parent = p->depth ? &p->stack[p->depth - 1] : NULL;
    struct frame *fr = &p->stack[p->depth++];
    memset(fr, 0, sizeof(*fr));
    fr->text_start = p->text.len;

    /* version detection by the namespaces declared, as the reference does */
    for (int i = 0; i < nns && p->feed->format == FEED_FORMAT_UNKNOWN; i++) {
        const char *u = (const char *)nss[2 * i + 1];
        if (!u)
            continue;
        if (!nss[2 * i] && !strcasecmp(u, "http://my.netscape.com/rdf/simple/0.9/"))
            p->feed->format = FEED_FORMAT_RSS090;
        else if (!strcasecmp(u, "http://purl.org/rss/1.0/"))
            p->feed->format = FEED_FORMAT_RSS10;
        else if (!strcasecmp(u, "http://www.w3.org/2005/Atom"))
            p->feed->format = FEED_FORMAT_ATOM10;
    }
    /* version detection by namespace of the first element that tells */
    if (uri && p->feed->format == FEED_FORMAT_UNKNOWN) {
        if (!strcasecmp((const char *)uri, "http://my.netscape.com/rdf/simple/0.9/"))
            p->feed->format = FEED_FORMAT_RSS090;
        else if (!strcasecmp((const char *)uri, "http://purl.org/rss/1.0/"))
            p->feed->format = FEED_FORMAT_RSS10;
        else if (!strcasecmp((const char *)uri, "http://www.w3.org/2005/Atom"))
            p->feed->format = FEED_FORMAT_ATOM10;
    }

    /* xml:base and xml:lang */
    char *xbase = attr_dup(attrs, nattrs, "base", XML_NS);
    const char *pbase = parent ? parent->base : NULL;
    if (!parent) {
        const char *doc = p->opts->url;
        if (p->opts->content_location && *p->opts->content_location &&
            safe_base(p->opts->content_location))
            fr->base = resolve(doc, p->opts->content_location);
        else
            fr->base = doc ? xstrdup(doc) : NULL;
        fr->own_base = 1;
        pbase = fr->base;
        if (xbase && safe_base(xbase)) {
            char *b = resolve(pbase, xbase);
            free(fr->base);
            fr->base = b;
        }
    } else if (xbase && safe_base(xbase)) {
        fr->base = resolve(pbase, xbase);
        fr->own_base = 1;
    } else {
        fr->base = (char *)pbase; /* shared with the parent: most elements have no xml:base */
    }
    free(xbase);
    char *xlang = attr_dup(attrs, nattrs, "lang", XML_NS);
    if (xlang && !*xlang) {
        free(xlang);
        fr->lang = NULL; /* explicitly blank: no language */
    } else if (xlang) {
        for (char *q = xlang; *q; q++)
            if (*q == '_')
                *q = '-';
        fr->lang = xlang;
        fr->own_lang = 1;
    } else {
        fr->lang = (char *)p->lang; /* shared with the parent (or the HTTP header) */
    }
    p->lang = fr->lang;

    /* inside a text construct: write the element back as markup */
    if (p->content.depth > 0) {
        fr->passthrough = 1;
        int known;
        const char *prefix = ns_prefix(p, uri, qprefix, &known);
        int xhtml = !strcmp(p->content.type, "application/xhtml+xml");
        size_t tl = strlen(p->content.type);
        if (!(tl >= 3 && !strcmp(p->content.type + tl - 3, "xml"))) {
            if (!strcasecmp((const char *)local, "div") && (!*prefix || !strcmp(prefix, "xhtml")))
                return;
            snprintf(p->content.type, sizeof(p->content.type), "application/xhtml+xml");
            xhtml = 1;
        }
        if (xhtml) {
            write_start_tag(p, local, attrs, nattrs);
            fr->emitted = 1;
        }
        return;
    }

    int known;
    const char *prefix = ns_prefix(p, uri, qprefix, &known);
    build_key(fr->key, prefix, local);
    fr->el = el_lookup(fr->key);
    if (!p->had_root) {
        p->had_root = 1;
        if (p->lang && !p->feed->head.language)
            feed_set_str(&p->feed->head.language, p->lang);
    }
    if (fr->lang && (fr->el == EL_FEED || fr->el == EL_RSS || fr->el == EL_RDF)) {
        char *l = xstrdup(fr->lang);
        for (char *q = l; *q; q++)
            if (*q == '_')
                *q = '-';
        free(p->feed->head.language);
        p->feed->head.language = l;
    }

    struct feed_item *it = context_item(p);
    if (item_full(it, fr->el)) {
        /* a list of this item is at its bound: the element is ignored */
        if (!p->warned_full)
            feed_set_bozo(p->feed, "too many links, categories, authors or media in one item");
        p->warned_full = 1;
        fr->el = EL_NONE;
        return;
    }
    const struct el_def *d = &el_defs[fr->el];
    if (d->start && !((d->flags & EF_OUTSIDE_IMAGE) && (p->in_image || p->in_textinput)))
        d->start(p, fr, it, d, attrs, nattrs);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *qprefix, const xmlChar *uri)
{
    struct xml_parser *p = ctx;
    (void)qprefix;
    (void)uri;
    if (p->depth == 0)
        return;
    struct frame *fr = &p->stack[p->depth - 1];
    if (fr->passthrough) {
        if (fr->emitted && !strcmp(p->content.type, "application/xhtml+xml")) {
            strbuf_adds(&p->text, "</");
            strbuf_adds(&p->text, (const char *)local);
            strbuf_addch(&p->text, '>');
        }
        goto pop;
    }
    if (p->fail)
        goto pop;
    const char *raw = p->text.buf + fr->text_start;
    size_t n = p->text.len - fr->text_start;
    struct feed_item *it = context_item(p);
    const struct el_def *d = &el_defs[fr->el];
    if (d->end)
        d->end(p, fr, it, d, raw, n);
    if (fr->is_content && p->content.depth > 0)
        p->content.depth--;
pop:
    if (!fr->passthrough)
        strbuf_setlen(&p->text, fr->text_start);
    if (fr->own_base)
        free(fr->base);
    if (fr->own_lang)
        free(fr->lang);
    p->depth--;
    p->lang = p->depth ? p->stack[p->depth - 1].lang : p->opts->content_language;
}

/* ------------------------------------------------------------------ SAX: text */

static void sax_chars(void *ctx, const xmlChar *ch, int len)
{
    struct xml_parser *p = ctx;
    if (p->fail || p->depth == 0 || len <= 0)
        return;
    p->text_total += (size_t)len;
    if (p->text_total > p->text_budget) {
        stop(p, HERALD_E_TOOBIG, "text or entity expansion over budget");
        return;
    }
    if (p->content.depth > 0 && p->content.type[0] == 'a' &&
        !strcmp(p->content.type, "application/xhtml+xml"))
        html_escape_text_n(&p->text, (const char *)ch, (size_t)len);
    else
        append_fix_c1(&p->text, (const char *)ch, (size_t)len);
}

static xmlEntityPtr sax_get_entity(void *ctx, const xmlChar *name)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct xml_parser *p = ctxt->_private;
    xmlEntityPtr ent = xmlSAX2GetEntity(ctxt, name);
    if (ent)
        return ent;
    const htmlEntityDesc *h = htmlEntityLookup(name);
    if (!ctxt->myDoc)
        return NULL;
    /* an HTML entity used without a declaration: give it its HTML meaning */
    if (!ctxt->myDoc->intSubset)
        xmlCreateIntSubset(ctxt->myDoc, (const xmlChar *)"feed", NULL, NULL);
    char utf8[80];
    if (h) {
        int n = xmlCopyCharMultiByte((xmlChar *)utf8, (int)h->value);
        if (n <= 0)
            return NULL;
        utf8[n] = 0;
        feed_set_bozo(p->feed, "undeclared HTML entity");
    } else {
        /* unknown entity: kept as the text "&name;" */
        if (strlen((const char *)name) > 64)
            return NULL;
        snprintf(utf8, sizeof(utf8), "&#38;%s;", (const char *)name);
        feed_set_bozo(p->feed, "undeclared entity");
    }
    return xmlAddDocEntity(ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL,
                           (const xmlChar *)utf8);
}

static xmlParserInputPtr sax_resolve_entity(void *ctx, const xmlChar *publicId,
                                            const xmlChar *systemId)
{
    (void)ctx;
    (void)publicId;
    (void)systemId;
    return NULL; /* never load anything */
}

static void sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ExternalID,
                                const xmlChar *SystemID)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct xml_parser *p = ctxt->_private;
    if ((ExternalID && strstr((const char *)ExternalID, "Netscape")) ||
        (SystemID && strstr((const char *)SystemID, "netscape")))
        p->netscape = 1;
    xmlSAX2InternalSubset(ctx, name, ExternalID, NULL);
}

static void sax_error(void *ctx, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct xml_parser *p = ctxt ? ctxt->_private : NULL;
    if (!p || !err || err->level < XML_ERR_ERROR)
        return;
    char msg[256];
    snprintf(msg, sizeof(msg), "XML line %d: %s", err->line, err->message ? err->message : "");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n'))
        msg[--l] = 0;
    feed_set_bozo(p->feed, msg);
}

/* Our character handlers are called with the user data; SAX2's entity helpers need the
 * parser context, so the context is the user data and the parser hangs off _private. */
static void cb_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **nss, int nattrs, int ndef, const xmlChar **attrs)
{
    xmlParserCtxtPtr ctxt = ctx;
    sax_start(ctxt->_private, local, prefix, uri, nns, nss, nattrs, ndef, attrs);
}

static void cb_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    sax_end(ctxt->_private, local, prefix, uri);
}

static void cb_chars(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    sax_chars(ctxt->_private, ch, len);
}

static void cb_reference(void *ctx, const xmlChar *name)
{
    (void)ctx;
    (void)name; /* the entity's text was delivered through characters already */
}

/* ------------------------------------------------------------------ driver */

/* Length of a well-formed reference at s ("&amp;", "&#38;", "&#x26;"), 0 if none.  With
 * upper_x, "&#X26;" (not XML, but HTML and SGML read it) counts too. */
static size_t ref_len(const char *s, const char *end, int upper_x)
{
    const char *p = s + 1;
    if (p < end && *p == '#') {
        p++;
        int hex = p < end && (*p == 'x' || (upper_x && *p == 'X'));
        if (hex)
            p++;
        const char *d = p;
        while (p < end && (hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p)))
            p++;
        return p > d && p < end && *p == ';' ? (size_t)(p + 1 - s) : 0;
    }
    const char *n = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == ':' || *p == '.' ||
                       *p == '-' || (unsigned char)*p >= 0x80))
        p++;
    if (p == n || p - n > 64 || isdigit((unsigned char)*n))
        return 0;
    return p < end && *p == ';' ? (size_t)(p + 1 - s) : 0;
}

/* The code point of the reference of length r at s ("&#226;", "&#xE2;", "&acirc;"), or 0. */
static unsigned ref_value(const char *s, size_t r)
{
    char name[72];
    if (r < 4 || r - 3 >= sizeof(name))
        return 0;
    memcpy(name, s + 1, r - 2);
    name[r - 2] = 0;
    if (name[0] == '#') {
        int hex = name[1] == 'x' || name[1] == 'X';
        unsigned long v = strtoul(name + 1 + hex, NULL, hex ? 16 : 10);
        return v <= 0x10FFFF ? (unsigned)v : 0;
    }
    const htmlEntityDesc *h = htmlEntityLookup((const xmlChar *)name);
    return h ? h->value : 0;
}

/* A run of adjacent references at s whose code points, taken as bytes, spell one UTF-8
 * character and include a C1 control ("&#226;&#128;&#166;", "&acirc;&#128;&brvbar;":
 * UTF-8 bytes written as Latin-1 references, see double_encoded).  Returns the run's
 * length and the character's UTF-8 in ch (*un bytes), or 0.  Sets *named when the run
 * uses an HTML entity name, which XML does not declare (the document is not well-formed). */
static size_t double_encoded_refs(const char *s, const char *end, char *ch, size_t *un, int *named)
{
    size_t r = ref_len(s, end, 1);
    unsigned lead = r ? ref_value(s, r) : 0;
    if (lead < 0xC2 || lead > 0xF4 || s + r >= end || s[r] != '&')
        return 0;
    int k = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1, c1 = 0;
    const char *q = s + r;
    ch[0] = (char)lead;
    for (int m = 1; m <= k; m++) {
        size_t rr = q < end && *q == '&' ? ref_len(q, end, 1) : 0;
        unsigned v = rr ? ref_value(q, rr) : 0;
        if (v < 0x80 || v > 0xBF)
            return 0;
        c1 |= v <= 0x9F;
        ch[m] = (char)v;
        q += rr;
    }
    if (!c1 || !utf8_valid(ch, (size_t)k + 1))
        return 0;
    for (const char *a = s; a < q; a = memchr(a + 1, '&', (size_t)(q - a - 1)) ?: q)
        *named |= a[1] != '#';
    *un = (size_t)k + 1;
    return (size_t)(q - s);
}

/* Ill-formed feeds often carry bare '&' ("?a=1&b=2"); libxml2's recovery would drop the
 * text after it.  Writes them as "&amp;" outside comments, CDATA and PIs, and a hex
 * reference written with an upper-case X ("&#X41;", which HTML reads) as "&#x41;"; both
 * set *bozo.  A run of references spelling double-encoded UTF-8 (double_encoded_refs) is
 * replaced by the character (not a well-formedness error: *bozo is left alone).  Returns a
 * malloc'd copy when something was repaired, NULL when the document needs nothing. */
static char *repair_ampersands(const char *s, size_t len, size_t *outlen, int *bozo)
{
    const char *end = s + len, *p = s;
    struct strbuf sb = STRBUF_INIT;
    const char *copied = s;
    int fixed = 0;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        if (!amp)
            break;
        /* skip comments, CDATA sections and PIs that start before this '&' */
        const char *lt = memchr(p, '<', (size_t)(amp - p));
        int skipped = 0;
        while (lt) {
            size_t rest = (size_t)(end - lt);
            const char *close = NULL;
            if (rest >= 4 && !memcmp(lt, "<!--", 4))
                close = memmem(lt + 4, rest - 4, "-->", 3);
            else if (rest >= 9 && !memcmp(lt, "<![CDATA[", 9))
                close = memmem(lt + 9, rest - 9, "]]>", 3);
            else if (rest >= 2 && lt[1] == '?')
                close = memmem(lt + 2, rest - 2, "?>", 2);
            else {
                lt = memchr(lt + 1, '<', (size_t)(amp - lt - 1));
                continue;
            }
            if (!close) {
                p = end; /* unterminated: nothing more to repair */
                skipped = 1;
                break;
            }
            if (close > amp) {
                p = close + 2; /* the '&' is inside: go on after the section */
                skipped = 1;
                break;
            }
            lt = memchr(close, '<', (size_t)(amp - close));
        }
        if (skipped)
            continue;
        size_t r = ref_len(amp, end, 0);
        if (r && (amp + r >= end || amp[r] != '&')) {
            p = amp + r;
            continue;
        }
        char ch[4];
        int named = 0;
        size_t un = 0, run = double_encoded_refs(amp, end, ch, &un, &named);
        if (!run && r) {
            p = amp + r;
            continue;
        }
        if (!fixed)
            strbuf_init(&sb, len + 64);
        fixed = 1;
        if (run) {
            *bozo |= named;
            strbuf_add(&sb, copied, (size_t)(amp - copied));
            strbuf_add(&sb, ch, un);
            copied = amp + run;
            p = amp + run;
            continue;
        }
        *bozo = 1;
        if (ref_len(amp, end, 1)) { /* "&#X41;" */
            strbuf_add(&sb, copied, (size_t)(amp + 2 - copied));
            strbuf_addch(&sb, 'x');
            copied = amp + 3;
            p = amp + 3;
            continue;
        }
        strbuf_add(&sb, copied, (size_t)(amp + 1 - copied));
        strbuf_adds(&sb, "amp;");
        copied = amp + 1;
        p = amp + 1;
    }
    if (!fixed)
        return NULL;
    strbuf_add(&sb, copied, (size_t)(end - copied));
    return strbuf_detach(&sb, outlen);
}

herald_status feed_parse_xml(const char *utf8, size_t len, const struct feed_parse_opts *opts,
                             struct feed *f)
{
    size_t fixed_len = 0;
    int bad_refs = 0;
    char *fixed = repair_ampersands(utf8, len, &fixed_len, &bad_refs);
    if (bad_refs)
        feed_set_bozo(f, "bare '&' or '&#X' in the document (repaired)");
    if (fixed) {
        utf8 = fixed;
        len = fixed_len;
    }
    /* libxml2 checks duplicate attributes in quadratic time per element: past the cap
     * they are dropped before it sees them (html/parse.h) */
    if (html_attributes_over_cap(utf8, len, HTML_MAX_ATTRS, 1)) {
        if (!fixed) {
            fixed = xmalloc(len + 1);
            memcpy(fixed, utf8, len);
            fixed[len] = '\0';
            utf8 = fixed;
        }
        len = html_cap_attributes(fixed, len, HTML_MAX_ATTRS, 1);
        fixed[len] = '\0';
        feed_set_bozo(f, "an element with too many attributes (the rest dropped)");
    }
    struct xml_parser p;
    memset(&p, 0, sizeof(p));
    p.feed = f;
    p.opts = opts;
    p.lang = opts->content_language;
    p.text_budget = len * 8 + (4u << 20);
    strbuf_init(&p.text, 4096);

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startDocument = xmlSAX2StartDocument;
    sax.internalSubset = sax_internal_subset;
    sax.entityDecl = xmlSAX2EntityDecl;
    sax.getEntity = sax_get_entity;
    sax.getParameterEntity = xmlSAX2GetParameterEntity;
    sax.resolveEntity = sax_resolve_entity;
    sax.startElementNs = cb_start;
    sax.endElementNs = cb_end;
    sax.characters = cb_chars;
    sax.cdataBlock = cb_chars;
    sax.reference = cb_reference;
    sax.serror = sax_error;

    herald_status rc = HERALD_OK;
    xmlParserCtxtPtr ctxt = NULL;
    if (len > INT_MAX) {
        rc = HERALD_E_TOOBIG;
        goto out;
    }
    /* libxml2 copies the document (its parser needs a NUL after the end, which the
     * caller's buffer may not have) */
    ctxt = xmlCreateMemoryParserCtxt(utf8, (int)len);
    if (!ctxt) {
        rc = HERALD_E_PARSE;
        goto out;
    }
    xmlFree(ctxt->sax);
    ctxt->sax = xmlMalloc(sizeof(sax));
    if (!ctxt->sax) {
        rc = HERALD_E_NOMEM;
        goto out;
    }
    memcpy(ctxt->sax, &sax, sizeof(sax));
    ctxt->_private = &p;
    ctxt->userData = ctxt;
    p.ctxt = ctxt;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOWARNING |
                                XML_PARSE_NOERROR | XML_PARSE_NOCDATA);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xmlParseDocument(ctxt);
    if (p.fail) {
        rc = p.fail;
        goto out;
    }
    if (!p.had_root || (f->format == FEED_FORMAT_UNKNOWN && f->nentries == 0)) {
        rc = HERALD_E_PARSE; /* nothing, or XML that is no feed (an HTML page, a sitemap) */
        goto out;
    }
    if (!ctxt->wellFormed)
        feed_set_bozo(f, "the XML is not well-formed");
    if (p.entry)
        finish_entry(&p);
    dedupe_tags(&f->head);
out:
    if (p.source) {
        feed_item_release(p.source);
        free(p.source);
    }
    while (p.depth > 0) {
        p.depth--;
        if (p.stack[p.depth].own_base)
            free(p.stack[p.depth].base);
        if (p.stack[p.depth].own_lang)
            free(p.stack[p.depth].lang);
    }
    free(p.stack);
    free(p.content.lang);
    free(p.content.base);
    free(p.content.src);
    strbuf_release(&p.text);
    if (ctxt) {
        if (ctxt->myDoc)
            xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
        xmlFreeParserCtxt(ctxt);
    }
    free(fixed);
    return rc;
}
