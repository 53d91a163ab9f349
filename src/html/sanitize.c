/*
 * sanitize.c - see sanitize.h.
 *
 * Design.  The input is parsed into a libxml2 tree (html/parse.h) and written out again
 * by one iterative walk that emits only what the allowlist names.  The walk never
 * modifies the tree, so the extractor can hand us a subtree of a page it still uses.
 * Every element is looked up (case-insensitively) in one sorted table of rules:
 *   KEEP    write the tag with the attributes its rule allows, then the children;
 *   VOID    the same without children or end tag (br, img, hr, ...);
 *   RENAME  write it as another allowed element (section -> div, strike -> s);
 *   UNWRAP  write no tag but the children (also every element not in the table);
 *   DROP    write nothing, not even the text inside (script, style, svg, forms, ...).
 * a, img, iframe, video and audio have extra checks (a needs a usable href or is
 * unwrapped; img a usable src and not a tracking pixel; iframe a src on the video
 * allowlist).  Text goes through html_escape_text, attribute values through
 * html_escape_attr, so the string a browser decodes from our output is byte for byte the
 * string we checked.
 *
 * URLs are checked the way a browser reads them: the parser already decoded the
 * entities; we trim leading and trailing C0 controls and spaces and delete tabs and
 * newlines anywhere (the WHATWG URL parser does the same), reject other controls, then
 * read the scheme as everything before the first ':' that comes before any '/', '?' or
 * '#'.  A scheme outside the list drops the attribute, whatever its case or the
 * characters hidden inside it.
 *
 * Rejected alternatives: filtering the token stream with regular expressions or a
 * hand-written tokenizer (the classic source of mutation-XSS: the filter and the
 * browser disagree about the markup); deleting nodes from the libxml2 tree and calling
 * its serialiser (it writes raw-text elements and comments back verbatim, and whatever
 * we forgot to delete).
 *
 * Void elements: libxml2 2.9 knows only the HTML 4 void elements, so after an HTML5 one
 * (source, track, embed, wbr...) it nests the following content inside it; a browser
 * would not.  So a void element we write, or one we refuse, still has its children
 * visited: they come out after it, where the browser would have put them.
 *
 * Invariants of the output: every start tag written is an allowlisted element and is
 * closed (void elements excepted) at the same depth; no raw-text element (script,
 * style, textarea, title, xmp, iframe content), no foreign content (svg, math) and no
 * comment is ever written, so the browser's tokenizer stays in the data state and builds
 * exactly the elements we wrote.  The walk (html_walk, html/parse.h) uses the tree's
 * parent pointers instead of recursion, so a deep tree cannot exhaust the stack; below
 * max_depth only text is kept.
 */
#include "html/sanitize.h"
#include "core/alloc.h"
#include "core/url.h"
#include "html/escape.h"
#include "html/parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define DEPTH_CAP 1024

const char *const sanitize_default_iframe_prefixes[] = {
    "https://www.youtube.com/embed/",
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
    NULL,
};

enum attr_type {
    A_TEXT,   /* any text (alt, title) */
    A_NUM,    /* an integer */
    A_LEN,    /* an integer, optionally followed by % */
    A_LANG,   /* a language tag */
    A_DIR,    /* ltr, rtl, auto */
    A_BOOL,   /* written without a value */
    A_TOKEN,  /* short printable text (datetime, type, media, sizes, scope) */
    A_OLTYPE, /* 1 a A i I */
    A_CITE,   /* a URL: http, https */
    A_MEDIA,  /* a URL: http, https */
    A_IMG,    /* a URL: http, https, raster data: */
};

struct attr_rule {
    const char *name;
    unsigned char type;
};

enum elem_kind { E_KEEP, E_VOID, E_RENAME, E_UNWRAP, E_DROP };

enum elem_flag {
    F_INLINE = 1,  /* kept in SANITIZE_INLINE mode */
    F_MEDIA = 2,   /* removed by SANITIZE_NO_IMAGES */
    F_SPECIAL = 4, /* a, img, iframe, video, audio, source: checked by their own code */
};

struct elem_rule {
    const char *name;
    unsigned char kind;
    unsigned char flags;
    const char *out; /* the name written (RENAME), else name */
    const struct attr_rule *attrs;
};

static const struct attr_rule at_global[] = {
    {"dir", A_DIR}, {"lang", A_LANG}, {"title", A_TEXT}, {NULL, 0}};
static const struct attr_rule at_a[] = {{"hreflang", A_LANG}, {NULL, 0}};
static const struct attr_rule at_img[] = {
    {"alt", A_TEXT}, {"height", A_LEN}, {"sizes", A_TOKEN}, {"width", A_LEN}, {NULL, 0}};
static const struct attr_rule at_iframe[] = {{"height", A_LEN}, {"width", A_LEN}, {NULL, 0}};
static const struct attr_rule at_cite[] = {{"cite", A_CITE}, {NULL, 0}};
static const struct attr_rule at_mod[] = {{"cite", A_CITE}, {"datetime", A_TOKEN}, {NULL, 0}};
static const struct attr_rule at_time[] = {{"datetime", A_TOKEN}, {NULL, 0}};
static const struct attr_rule at_cell[] = {
    {"abbr", A_TEXT}, {"colspan", A_NUM}, {"rowspan", A_NUM}, {"scope", A_TOKEN}, {NULL, 0}};
static const struct attr_rule at_col[] = {{"span", A_NUM}, {NULL, 0}};
static const struct attr_rule at_ol[] = {
    {"reversed", A_BOOL}, {"start", A_NUM}, {"type", A_OLTYPE}, {NULL, 0}};
static const struct attr_rule at_li[] = {{"value", A_NUM}, {NULL, 0}};
static const struct attr_rule at_source[] = {
    {"media", A_TOKEN}, {"sizes", A_TOKEN}, {"type", A_TOKEN}, {NULL, 0}};
static const struct attr_rule at_video[] = {{"height", A_LEN}, {"loop", A_BOOL}, {"muted", A_BOOL},
                                            {"poster", A_IMG}, {"width", A_LEN}, {NULL, 0}};
static const struct attr_rule at_audio[] = {{"loop", A_BOOL}, {"muted", A_BOOL}, {NULL, 0}};
static const struct attr_rule at_details[] = {{"open", A_BOOL}, {NULL, 0}};

/* Sorted by name (strcmp order): looked up with bsearch. */
static const struct elem_rule rules[] = {
    {"a", E_KEEP, F_INLINE | F_SPECIAL, NULL, at_a},
    {"abbr", E_KEEP, F_INLINE, NULL, NULL},
    {"acronym", E_RENAME, F_INLINE, "abbr", NULL},
    {"address", E_KEEP, 0, NULL, NULL},
    {"applet", E_UNWRAP, 0, NULL, NULL},
    {"article", E_RENAME, 0, "div", NULL},
    {"aside", E_RENAME, 0, "div", NULL},
    {"audio", E_KEEP, F_MEDIA | F_SPECIAL, NULL, at_audio},
    {"b", E_KEEP, F_INLINE, NULL, NULL},
    {"base", E_DROP, 0, NULL, NULL},
    {"basefont", E_UNWRAP, 0, NULL, NULL},
    {"bdi", E_KEEP, F_INLINE, NULL, NULL},
    {"bdo", E_KEEP, F_INLINE, NULL, NULL},
    {"bgsound", E_UNWRAP, 0, NULL, NULL},
    {"big", E_UNWRAP, F_INLINE, NULL, NULL},
    {"blockquote", E_KEEP, 0, NULL, at_cite},
    {"body", E_UNWRAP, 0, NULL, NULL},
    {"br", E_VOID, F_INLINE, NULL, NULL},
    {"button", E_DROP, 0, NULL, NULL},
    {"canvas", E_DROP, 0, NULL, NULL},
    {"caption", E_KEEP, 0, NULL, NULL},
    {"center", E_RENAME, 0, "div", NULL},
    {"cite", E_KEEP, F_INLINE, NULL, NULL},
    {"code", E_KEEP, F_INLINE, NULL, NULL},
    {"col", E_VOID, 0, NULL, at_col},
    {"colgroup", E_KEEP, 0, NULL, at_col},
    {"command", E_UNWRAP, 0, NULL, NULL},
    {"datalist", E_DROP, 0, NULL, NULL},
    {"dd", E_KEEP, 0, NULL, NULL},
    {"del", E_KEEP, F_INLINE, NULL, at_mod},
    {"details", E_KEEP, 0, NULL, at_details},
    {"dfn", E_KEEP, F_INLINE, NULL, NULL},
    {"dialog", E_DROP, 0, NULL, NULL},
    {"dir", E_RENAME, 0, "ul", NULL},
    {"div", E_KEEP, 0, NULL, NULL},
    {"dl", E_KEEP, 0, NULL, NULL},
    {"dt", E_KEEP, 0, NULL, NULL},
    {"em", E_KEEP, F_INLINE, NULL, NULL},
    {"embed", E_UNWRAP, 0, NULL, NULL},
    {"fieldset", E_RENAME, 0, "div", NULL},
    {"figcaption", E_KEEP, 0, NULL, NULL},
    {"figure", E_KEEP, 0, NULL, NULL},
    {"font", E_UNWRAP, F_INLINE, NULL, NULL},
    {"footer", E_RENAME, 0, "div", NULL},
    {"form", E_DROP, 0, NULL, NULL},
    {"frame", E_DROP, 0, NULL, NULL},
    {"frameset", E_DROP, 0, NULL, NULL},
    {"h1", E_KEEP, 0, NULL, NULL},
    {"h2", E_KEEP, 0, NULL, NULL},
    {"h3", E_KEEP, 0, NULL, NULL},
    {"h4", E_KEEP, 0, NULL, NULL},
    {"h5", E_KEEP, 0, NULL, NULL},
    {"h6", E_KEEP, 0, NULL, NULL},
    {"head", E_DROP, 0, NULL, NULL},
    {"header", E_RENAME, 0, "div", NULL},
    {"hgroup", E_RENAME, 0, "div", NULL},
    {"hr", E_VOID, 0, NULL, NULL},
    {"html", E_UNWRAP, 0, NULL, NULL},
    {"i", E_KEEP, F_INLINE, NULL, NULL},
    {"iframe", E_DROP, F_MEDIA | F_SPECIAL, NULL, at_iframe},
    {"img", E_VOID, F_MEDIA | F_SPECIAL, NULL, at_img},
    {"input", E_DROP, 0, NULL, NULL},
    {"ins", E_KEEP, F_INLINE, NULL, at_mod},
    {"isindex", E_UNWRAP, 0, NULL, NULL},
    {"kbd", E_KEEP, F_INLINE, NULL, NULL},
    {"keygen", E_UNWRAP, 0, NULL, NULL},
    {"label", E_UNWRAP, F_INLINE, NULL, NULL},
    {"legend", E_RENAME, 0, "div", NULL},
    {"li", E_KEEP, 0, NULL, at_li},
    {"link", E_DROP, 0, NULL, NULL},
    {"listing", E_RENAME, 0, "pre", NULL},
    {"main", E_RENAME, 0, "div", NULL},
    {"mark", E_KEEP, F_INLINE, NULL, NULL},
    {"math", E_DROP, 0, NULL, NULL},
    {"menu", E_RENAME, 0, "ul", NULL},
    {"meta", E_DROP, 0, NULL, NULL},
    {"meter", E_DROP, 0, NULL, NULL},
    {"nav", E_RENAME, 0, "div", NULL},
    {"noembed", E_DROP, 0, NULL, NULL},
    {"noframes", E_DROP, 0, NULL, NULL},
    {"noscript", E_DROP, 0, NULL, NULL},
    {"object", E_UNWRAP, 0, NULL, NULL},
    {"ol", E_KEEP, 0, NULL, at_ol},
    {"optgroup", E_DROP, 0, NULL, NULL},
    {"option", E_DROP, 0, NULL, NULL},
    {"p", E_KEEP, 0, NULL, NULL},
    {"param", E_UNWRAP, 0, NULL, NULL},
    {"picture", E_KEEP, F_MEDIA, NULL, NULL},
    {"plaintext", E_RENAME, 0, "pre", NULL},
    {"portal", E_DROP, 0, NULL, NULL},
    {"pre", E_KEEP, 0, NULL, NULL},
    {"progress", E_DROP, 0, NULL, NULL},
    {"q", E_KEEP, F_INLINE, NULL, at_cite},
    {"rp", E_KEEP, F_INLINE, NULL, NULL},
    {"rt", E_KEEP, F_INLINE, NULL, NULL},
    {"ruby", E_KEEP, F_INLINE, NULL, NULL},
    {"s", E_KEEP, F_INLINE, NULL, NULL},
    {"samp", E_KEEP, F_INLINE, NULL, NULL},
    {"script", E_DROP, 0, NULL, NULL},
    {"section", E_RENAME, 0, "div", NULL},
    {"select", E_DROP, 0, NULL, NULL},
    {"small", E_KEEP, F_INLINE, NULL, NULL},
    {"source", E_VOID, F_MEDIA | F_SPECIAL, NULL, at_source},
    {"span", E_KEEP, F_INLINE, NULL, NULL},
    {"strike", E_RENAME, F_INLINE, "s", NULL},
    {"strong", E_KEEP, F_INLINE, NULL, NULL},
    {"style", E_DROP, 0, NULL, NULL},
    {"sub", E_KEEP, F_INLINE, NULL, NULL},
    {"summary", E_KEEP, 0, NULL, NULL},
    {"sup", E_KEEP, F_INLINE, NULL, NULL},
    {"svg", E_DROP, 0, NULL, NULL},
    {"table", E_KEEP, 0, NULL, NULL},
    {"tbody", E_KEEP, 0, NULL, NULL},
    {"td", E_KEEP, 0, NULL, at_cell},
    {"template", E_DROP, 0, NULL, NULL},
    {"textarea", E_DROP, 0, NULL, NULL},
    {"tfoot", E_KEEP, 0, NULL, NULL},
    {"th", E_KEEP, 0, NULL, at_cell},
    {"thead", E_KEEP, 0, NULL, NULL},
    {"time", E_KEEP, F_INLINE, NULL, at_time},
    {"title", E_DROP, 0, NULL, NULL},
    {"tr", E_KEEP, 0, NULL, NULL},
    {"track", E_UNWRAP, 0, NULL, NULL},
    {"tt", E_RENAME, F_INLINE, "code", NULL},
    {"u", E_KEEP, F_INLINE, NULL, NULL},
    {"ul", E_KEEP, 0, NULL, NULL},
    {"var", E_KEEP, F_INLINE, NULL, NULL},
    {"video", E_KEEP, F_MEDIA | F_SPECIAL, NULL, at_video},
    {"wbr", E_VOID, F_INLINE, NULL, NULL},
    {"xmp", E_RENAME, 0, "pre", NULL},
};

/* The closer pushed for an element written as an inline-mode block: a space. */
static const char space_mark[] = " ";

struct ctx {
    struct strbuf *out;
    const char *base;
    const char *const *iframes;
    unsigned flags;
    unsigned max_depth;
    size_t out_start, out_limit;
    int overflow;
    const char *close[DEPTH_CAP + 2]; /* what to write when leaving depth d */
};

static int rule_cmp(const void *key, const void *elem)
{
    const char *name = key;
    const struct elem_rule *r = elem;
    return strcmp(name, r->name);
}

/* Finds the rule for an element name (any case); NULL when it has none. */
static const struct elem_rule *rule_find(const xmlChar *xname)
{
    char low[16];
    const char *name = (const char *)xname;
    size_t n = name ? strlen(name) : 0;
    if (!n || n >= sizeof(low))
        return NULL;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    return bsearch(low, rules, sizeof(rules) / sizeof(rules[0]), sizeof(rules[0]), rule_cmp);
}

/* ---- URLs ---- */

enum url_kind { U_LINK, U_CITE, U_IMG, U_MEDIA, U_IFRAME };

static int is_c0_or_space(unsigned char c)
{
    return c <= 0x20;
}

/* Copies raw into sb the way a browser reads it: trimmed of C0 controls and spaces,
 * tabs and newlines removed, inner spaces as %20.  Returns -1 for other controls. */
static int url_strip(struct strbuf *sb, const char *raw)
{
    size_t len = strlen(raw), b = 0, e = len;
    while (b < e && is_c0_or_space((unsigned char)raw[b]))
        b++;
    while (e > b && is_c0_or_space((unsigned char)raw[e - 1]))
        e--;
    for (size_t i = b; i < e; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c < 0x20 || c == 0x7f)
            return -1;
        if (c == ' ')
            strbuf_adds(sb, "%20");
        else
            strbuf_addch(sb, c);
    }
    return 0;
}

/* Writes the lower-cased scheme of url into buf; returns 1 when url has one, 0 when it
 * is relative, -1 when what stands before the colon is not a valid scheme. */
static int url_read_scheme(const char *url, char *buf, size_t bufsize)
{
    size_t n = strcspn(url, ":/?#");
    if (url[n] != ':')
        return 0;
    if (n == 0 || n >= bufsize || !isalpha((unsigned char)url[0]))
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (!isalnum(c) && c != '+' && c != '-' && c != '.')
            return -1;
        buf[i] = (char)tolower(c);
    }
    buf[n] = '\0';
    return 1;
}

/* 1 when url ("data:...") is a raster image: data:image/(png|jpeg|gif|webp)[;base64],. */
static int data_url_is_raster(const char *url)
{
    static const char *const types[] = {"image/png", "image/jpeg", "image/gif", "image/webp"};
    const char *p = url + 5;
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        size_t n = strlen(types[i]);
        if (strncasecmp(p, types[i], n) != 0)
            continue;
        p += n;
        if (strncasecmp(p, ";base64", 7) == 0)
            p += 7;
        return *p == ',';
    }
    return 0;
}

/* The allowlisted prefix url starts with (any case), or NULL. */
static const char *iframe_prefix(const struct ctx *c, const char *url)
{
    if (strstr(url, "..") || strchr(url, '\\') || strstr(url, "%2e") || strstr(url, "%2E"))
        return NULL;
    for (const char *const *p = c->iframes; *p; p++)
        if (strncasecmp(url, *p, strlen(*p)) == 0)
            return *p;
    return NULL;
}

/* Returns the URL to write for raw (malloc'd), or NULL when it must not be written. */
static char *url_clean(const struct ctx *c, const char *raw, enum url_kind kind)
{
    struct strbuf sb = STRBUF_INIT;
    char scheme[32];
    char *res = NULL;
    int has;
    if (!raw || url_strip(&sb, raw) < 0 || !sb.len)
        goto out;
    if (kind == U_IFRAME && sb.buf[0] == '/' && sb.len > 1 && sb.buf[1] == '/') {
        struct strbuf abs = STRBUF_INIT;
        strbuf_adds(&abs, "https:");
        strbuf_add(&abs, sb.buf, sb.len);
        strbuf_release(&sb);
        sb = abs;
    }
    has = url_read_scheme(sb.buf, scheme, sizeof(scheme));
    if (has < 0)
        goto out;
    if (has == 0) {
        if (c->base) {
            char *abs = NULL;
            if (url_resolve(c->base, sb.buf, &abs))
                goto out;
            strbuf_reset(&sb);
            strbuf_adds(&sb, abs);
            free(abs);
            has = url_read_scheme(sb.buf, scheme, sizeof(scheme));
            if (has != 1)
                goto out;
        } else if (kind == U_IFRAME) {
            goto out;
        } else {
            res = strbuf_detach(&sb, NULL);
            goto out;
        }
    }
    for (size_t i = 0; scheme[i]; i++) /* the scheme is written lower-case */
        sb.buf[i] = scheme[i];
    if (strcmp(scheme, "https") == 0 || strcmp(scheme, "http") == 0) {
        if (kind == U_IFRAME) {
            if (scheme[4] != 's') {
                struct strbuf up = STRBUF_INIT;
                strbuf_adds(&up, "https");
                strbuf_adds(&up, sb.buf + 4);
                strbuf_release(&sb);
                sb = up;
            }
            const char *prefix = iframe_prefix(c, sb.buf);
            struct strbuf canon = STRBUF_INIT;
            if (!prefix)
                goto out;
            /* written with the allowlist's own spelling of scheme and host */
            strbuf_adds(&canon, prefix);
            strbuf_adds(&canon, sb.buf + strlen(prefix));
            strbuf_release(&sb);
            sb = canon;
        }
    } else if (strcmp(scheme, "mailto") == 0) {
        if (kind != U_LINK)
            goto out;
    } else if (strcmp(scheme, "data") == 0) {
        if (kind != U_IMG || !data_url_is_raster(sb.buf))
            goto out;
    } else {
        goto out;
    }
    if (kind == U_LINK && !(c->flags & SANITIZE_KEEP_TRACKING) && strcmp(scheme, "mailto") != 0)
        res = url_strip_tracking(sb.buf);
    else
        res = strbuf_detach(&sb, NULL);
out:
    strbuf_release(&sb);
    return res;
}

/* Rebuilds a srcset with only allowed URLs and plain descriptors; NULL when none is left. */
static char *srcset_clean(const struct ctx *c, const char *raw)
{
    struct strbuf out = STRBUF_INIT, url = STRBUF_INIT;
    const char *p = raw;
    while (*p) {
        const char *u, *d;
        size_t n, dn;
        char *good;
        int commas = 0;
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
            commas = 1;
        }
        while (*p && isspace((unsigned char)*p))
            p++;
        d = p;
        if (!commas) {
            while (*p && *p != ',')
                p++;
        }
        dn = (size_t)(p - d);
        while (dn && isspace((unsigned char)d[dn - 1]))
            dn--;
        strbuf_reset(&url);
        strbuf_add(&url, u, n);
        good = url_clean(c, url.buf, U_IMG);
        if (!good)
            continue;
        /* a descriptor is a number followed by w or x, or nothing */
        if (dn) {
            size_t i = 0;
            while (i < dn && (isdigit((unsigned char)d[i]) || d[i] == '.'))
                i++;
            if (i == 0 || i + 1 != dn || (d[i] != 'w' && d[i] != 'x')) {
                free(good);
                continue;
            }
        }
        if (out.len)
            strbuf_adds(&out, ", ");
        strbuf_adds(&out, good);
        if (dn) {
            strbuf_addch(&out, ' ');
            strbuf_add(&out, d, dn);
        }
        free(good);
    }
    strbuf_release(&url);
    if (!out.len) {
        strbuf_release(&out);
        return NULL;
    }
    return strbuf_detach(&out, NULL);
}

/* ---- attributes ---- */

/* The value of a (entity-decoded); *tofree is set when it had to be built. */
static const char *attr_value(xmlAttrPtr a, xmlChar **tofree)
{
    *tofree = NULL;
    if (!a->children)
        return "";
    if (a->children->type == XML_TEXT_NODE && !a->children->next)
        return a->children->content ? (const char *)a->children->content : "";
    *tofree = xmlNodeListGetString(a->doc, a->children, 1);
    return *tofree ? (const char *)*tofree : "";
}

/* Finds the no-namespace attribute called name (any case) on n. */
static xmlAttrPtr attr_find(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (!a->ns && a->name && strcasecmp((const char *)a->name, name) == 0)
            return a;
    return NULL;
}

/* A malloc'd copy of attribute name's value on n, or NULL when absent. */
static char *attr_dup(xmlNodePtr n, const char *name)
{
    xmlChar *tofree;
    xmlAttrPtr a = attr_find(n, name);
    char *s;
    if (!a)
        return NULL;
    s = xstrdup(attr_value(a, &tofree));
    xmlFree(tofree);
    return s;
}

static void put_attr(struct ctx *c, const char *name, const char *val)
{
    strbuf_addch(c->out, ' ');
    strbuf_adds(c->out, name);
    if (val) {
        strbuf_adds(c->out, "=\"");
        html_escape_attr(c->out, val);
        strbuf_addch(c->out, '"');
    }
}

/* Leading and trailing whitespace trimmed into sb. */
static void trimmed(struct strbuf *sb, const char *v)
{
    strbuf_reset(sb);
    strbuf_adds(sb, v);
    strbuf_trim(sb);
}

static int valid_num(const char *v, int pct)
{
    size_t i = 0;
    if (v[0] == '-' && !pct)
        i++;
    if (!isdigit((unsigned char)v[i]))
        return 0;
    while (isdigit((unsigned char)v[i]))
        i++;
    if (i > 9)
        return 0;
    if (pct && v[i] == '%')
        i++;
    return v[i] == '\0';
}

/* Writes the value of one attribute when its rule accepts it. */
static void put_typed(struct ctx *c, const char *name, int type, const char *val)
{
    struct strbuf t = STRBUF_INIT;
    char *u = NULL;
    switch (type) {
    case A_TEXT:
        if (strlen(val) <= 4096)
            put_attr(c, name, val);
        break;
    case A_NUM:
    case A_LEN:
        trimmed(&t, val);
        if (type == A_LEN && t.len > 2 && strcmp(t.buf + t.len - 2, "px") == 0)
            strbuf_setlen(&t, t.len - 2);
        if (valid_num(t.buf, type == A_LEN))
            put_attr(c, name, t.buf);
        break;
    case A_LANG:
        trimmed(&t, val);
        if (t.len && t.len <= 35 &&
            strspn(t.buf, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
                          "WXYZ0123456789-_") == t.len)
            put_attr(c, name, t.buf);
        break;
    case A_DIR:
        trimmed(&t, val);
        if (!strcasecmp(t.buf, "ltr") || !strcasecmp(t.buf, "rtl") || !strcasecmp(t.buf, "auto"))
            put_attr(c, name, t.buf);
        break;
    case A_BOOL:
        put_attr(c, name, NULL);
        break;
    case A_TOKEN:
        trimmed(&t, val);
        if (t.len && t.len <= 256)
            put_attr(c, name, t.buf);
        break;
    case A_OLTYPE:
        trimmed(&t, val);
        if (t.len == 1 && strchr("1aAiI", t.buf[0]))
            put_attr(c, name, t.buf);
        break;
    case A_CITE:
    case A_MEDIA:
    case A_IMG:
        u = url_clean(c, val, type == A_CITE ? U_CITE : type == A_MEDIA ? U_MEDIA : U_IMG);
        if (u)
            put_attr(c, name, u);
        break;
    default:
        break;
    }
    free(u);
    strbuf_release(&t);
}

static const struct attr_rule *attr_rule_find(const struct attr_rule *list, const char *name)
{
    if (!list)
        return NULL;
    for (; list->name; list++)
        if (strcasecmp(list->name, name) == 0)
            return list;
    return NULL;
}

/* Writes the allowed attributes of n (global ones and those of its rule). */
static void put_attrs(struct ctx *c, xmlNodePtr n, const struct elem_rule *r)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const struct attr_rule *ar;
        xmlChar *tofree;
        const char *name = (const char *)a->name;
        if (a->ns || !name)
            continue;
        ar = attr_rule_find(r->attrs, name);
        if (!ar)
            ar = attr_rule_find(at_global, name);
        if (!ar)
            continue;
        put_typed(c, ar->name, ar->type, attr_value(a, &tofree));
        xmlFree(tofree);
    }
}

/* ---- elements ---- */

/* Leading integer of a dimension attribute, or -1 when absent or not a number. */
static long dimension(xmlNodePtr n, const char *name)
{
    char *v = attr_dup(n, name), *end;
    long d;
    if (!v)
        return -1;
    d = strtol(v, &end, 10);
    if (end == v)
        d = -1;
    free(v);
    return d;
}

/* 1 when an image URL points at a known tracking-pixel host (most carry width=1 height=1
 * and are caught by that rule; these are the usual ones that do not). */
static int is_tracker(const char *url)
{
    static const char *const hosts[] = {"pixel.wp.com",
                                        "stats.wordpress.com",
                                        "www.google-analytics.com",
                                        "google-analytics.com",
                                        "pixel.quantserve.com",
                                        "sb.scorecardresearch.com",
                                        "b.scorecardresearch.com",
                                        "pixel.feedburner.com",
                                        NULL};
    const char *h = strstr(url, "://"), *end;
    size_t n;
    if (!h)
        return 0;
    h += 3;
    end = h + strcspn(h, "/:?#");
    n = (size_t)(end - h);
    for (const char *const *p = hosts; *p; p++)
        if (strlen(*p) == n && strncasecmp(h, *p, n) == 0)
            return 1;
    /* FeedBurner's per-item pixel: feeds.feedburner.com/~r/<feed>/~4/<id> */
    return n == strlen("feeds.feedburner.com") && strncasecmp(h, "feeds.feedburner.com", n) == 0 &&
           strncmp(end, "/~r/", 4) == 0;
}

/* The first usable image URL among the lazy-loading attributes and src. */
static char *img_src(const struct ctx *c, xmlNodePtr n)
{
    static const char *const names[] = {"data-src", "data-original", "data-lazy-src", "src"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *v = attr_dup(n, names[i]);
        char *u = v ? url_clean(c, v, U_IMG) : NULL;
        free(v);
        if (u)
            return u;
    }
    return NULL;
}

static char *srcset_attr(const struct ctx *c, xmlNodePtr n)
{
    char *v = attr_dup(n, "data-srcset");
    char *s;
    if (!v)
        v = attr_dup(n, "srcset");
    if (!v)
        return NULL;
    s = srcset_clean(c, v);
    free(v);
    return s;
}

static void open_tag(struct ctx *c, const char *name)
{
    strbuf_addch(c->out, '<');
    strbuf_adds(c->out, name);
}

/* Writes the start of a, img, iframe, video, audio or source; returns 0 when the element
 * is not written (for a: its children still are, see enter()). */
static int put_special(struct ctx *c, xmlNodePtr n, const struct elem_rule *r)
{
    const char *name = r->name;
    char *u = NULL, *s = NULL;
    int ok = 0;
    if (name[0] == 'a' && name[1] == '\0') {
        char *href = attr_dup(n, "href");
        u = href ? url_clean(c, href, U_LINK) : NULL;
        free(href);
        if (!u)
            goto out;
        open_tag(c, "a");
        put_attr(c, "href", u);
        put_attr(c, "rel", "noopener noreferrer");
    } else if (strcmp(name, "img") == 0) {
        long w = dimension(n, "width"), h = dimension(n, "height");
        if ((w >= 0 || h >= 0) && w <= 1 && h <= 1)
            goto out; /* a tracking pixel */
        u = img_src(c, n);
        if (!u || is_tracker(u))
            goto out;
        s = srcset_attr(c, n);
        open_tag(c, "img");
        put_attr(c, "src", u);
        if (s)
            put_attr(c, "srcset", s);
    } else if (strcmp(name, "iframe") == 0) {
        char *src = attr_dup(n, "src");
        u = src ? url_clean(c, src, U_IFRAME) : NULL;
        free(src);
        if (!u)
            goto out;
        open_tag(c, "iframe");
        put_attr(c, "src", u);
        put_attr(c, "sandbox", "allow-scripts allow-same-origin allow-presentation");
        put_attr(c, "allowfullscreen", NULL);
        put_attr(c, "loading", "lazy");
        put_attr(c, "referrerpolicy", "strict-origin-when-cross-origin");
    } else if (strcmp(name, "source") == 0) {
        char *src = attr_dup(n, "src");
        u = src ? url_clean(c, src, U_MEDIA) : NULL;
        free(src);
        s = srcset_attr(c, n);
        if (!u && !s)
            goto out;
        open_tag(c, "source");
        if (u)
            put_attr(c, "src", u);
        if (s)
            put_attr(c, "srcset", s);
    } else { /* video, audio */
        char *src = attr_dup(n, "src");
        u = src ? url_clean(c, src, U_MEDIA) : NULL;
        free(src);
        open_tag(c, name);
        if (u)
            put_attr(c, "src", u);
        put_attr(c, "controls", NULL);
        put_attr(c, "preload", "none");
    }
    put_attrs(c, n, r);
    strbuf_addch(c->out, '>');
    ok = 1;
out:
    free(u);
    free(s);
    return ok;
}

enum { SKIP = 0, DESCEND = 1 };

/* Inline mode: a block boundary becomes one space, never at the start or doubled. */
static void put_space(struct ctx *c)
{
    size_t len = c->out->len;
    if (len > c->out_start && c->out->buf[len - 1] != ' ')
        strbuf_addch(c->out, ' ');
}

/* Handles entering node n at depth d: writes what comes before its children and records
 * in c->close[d] what comes after them.  Returns DESCEND to visit the children. */
static int enter(struct ctx *c, xmlNodePtr n, unsigned d)
{
    const struct elem_rule *r;
    const char **closer = d <= c->max_depth ? &c->close[d] : NULL;
    const char *tag;
    if (closer)
        *closer = NULL;
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (n->content)
            html_escape_text(c->out, (const char *)n->content);
        return SKIP;
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_DOCUMENT_FRAG_NODE:
        return DESCEND;
    case XML_ELEMENT_NODE:
        break;
    default: /* comments, PIs, DTDs, entity references, ... */
        return SKIP;
    }
    r = rule_find(n->name);
    if (!r)
        return DESCEND;
    if (r->kind == E_DROP && !(r->flags & F_SPECIAL))
        return SKIP;
    if ((r->flags & F_MEDIA) && (c->flags & (SANITIZE_NO_IMAGES | SANITIZE_INLINE)))
        return SKIP;
    if (r->name[0] == 'i' && r->name[1] == 'f' && (c->flags & SANITIZE_NO_IFRAMES))
        return SKIP;
    if (!closer)
        return r->kind == E_DROP || (r->flags & F_MEDIA) ? SKIP : DESCEND;
    if (r->kind == E_UNWRAP)
        return DESCEND;
    if ((c->flags & SANITIZE_INLINE) && !(r->flags & F_INLINE)) {
        put_space(c);
        *closer = space_mark;
        return DESCEND;
    }
    tag = r->kind == E_RENAME ? r->out : r->name;
    if (r->flags & F_SPECIAL) {
        if (!put_special(c, n, r))
            return r->kind == E_DROP ? SKIP : DESCEND;
        if (r->kind == E_VOID)
            return DESCEND;
        *closer = tag;
        return r->kind == E_DROP ? SKIP : DESCEND; /* an iframe is written empty */
    }
    open_tag(c, tag);
    put_attrs(c, n, r);
    strbuf_addch(c->out, '>');
    if (r->kind == E_VOID)
        return DESCEND; /* see "void elements" above */
    *closer = tag;
    return DESCEND;
}

static void leave(struct ctx *c, unsigned d)
{
    const char *t;
    if (d > c->max_depth)
        return;
    t = c->close[d];
    if (!t)
        return;
    if (t == space_mark) {
        put_space(c);
        return;
    }
    strbuf_adds(c->out, "</");
    strbuf_adds(c->out, t);
    strbuf_addch(c->out, '>');
}

/* html_walk's callbacks.  The iframe special case returns SKIP after pushing a closer, so
 * leave() runs for every element, descended into or not. */
static enum html_walk_action walk_enter(void *ctx, xmlNodePtr n, unsigned d)
{
    struct ctx *c = ctx;
    int act = enter(c, n, d);
    if (c->out->len - c->out_start > c->out_limit) {
        c->overflow = 1;
        return HTML_WALK_STOP;
    }
    return act == DESCEND ? HTML_WALK_DESCEND : HTML_WALK_SKIP;
}

static void walk_leave(void *ctx, xmlNodePtr n, unsigned d)
{
    (void)n;
    leave(ctx, d);
}

static const struct html_walk_ops walk_ops = {walk_enter, walk_leave};

static herald_status run(xmlNodePtr node, int children, const struct sanitize_opts *opts,
                         struct strbuf *out)
{
    struct ctx *c;
    size_t max_input;
    herald_status rc = HERALD_OK;
    if (!node || !out)
        return HERALD_E_INVALID;
    c = xcalloc(1, sizeof(*c));
    c->out = out;
    c->out_start = out->len;
    c->base = opts && opts->base_url && *opts->base_url ? opts->base_url : NULL;
    c->iframes =
        opts && opts->iframe_prefixes ? opts->iframe_prefixes : sanitize_default_iframe_prefixes;
    c->flags = opts ? opts->flags : 0;
    c->max_depth = opts && opts->max_depth ? opts->max_depth : SANITIZE_DEFAULT_MAX_DEPTH;
    if (c->max_depth > DEPTH_CAP)
        c->max_depth = DEPTH_CAP;
    max_input = opts && opts->max_input ? opts->max_input : SANITIZE_DEFAULT_MAX_INPUT;
    c->out_limit = 4 * max_input + (1u << 20);
    if (children) {
        if (node->children)
            html_walk(node->children, 1, &walk_ops, c);
    } else {
        html_walk(node, 0, &walk_ops, c);
    }
    if (c->flags & SANITIZE_INLINE)
        while (out->len > c->out_start && out->buf[out->len - 1] == ' ')
            strbuf_setlen(out, out->len - 1);
    if (c->overflow) {
        strbuf_setlen(out, c->out_start);
        rc = HERALD_E_TOOBIG;
    }
    free(c);
    return rc;
}

herald_status sanitize_node(xmlNodePtr node, const struct sanitize_opts *opts, struct strbuf *out)
{
    return run(node, 0, opts, out);
}

herald_status sanitize_children(xmlNodePtr node, const struct sanitize_opts *opts,
                                struct strbuf *out)
{
    return run(node, 1, opts, out);
}

herald_status sanitize_html(const char *html, size_t len, const struct sanitize_opts *opts,
                            struct strbuf *out)
{
    htmlDocPtr doc = NULL;
    xmlNodePtr body;
    herald_status rc;
    if (!html && len)
        return HERALD_E_INVALID;
    if (!len)
        return HERALD_OK;
    rc = html_parse_fragment(html, len, opts ? opts->max_input : 0, &doc);
    if (rc)
        return rc;
    body = html_doc_body(doc);
    rc = body ? sanitize_children(body, opts, out) : HERALD_OK;
    xmlFreeDoc(doc);
    return rc;
}

int sanitize_url_allowed(const char *url, const char *kind)
{
    struct ctx c;
    enum url_kind k;
    char *u;
    memset(&c, 0, sizeof(c));
    c.iframes = sanitize_default_iframe_prefixes;
    if (!url || !kind)
        return 0;
    if (strcmp(kind, "href") == 0)
        k = U_LINK;
    else if (strcmp(kind, "src") == 0)
        k = U_IMG;
    else if (strcmp(kind, "cite") == 0)
        k = U_CITE;
    else if (strcmp(kind, "iframe") == 0)
        k = U_IFRAME;
    else
        return 0;
    u = url_clean(&c, url, k);
    free(u);
    return u != NULL;
}
