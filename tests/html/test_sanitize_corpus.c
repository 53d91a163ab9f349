/*
 * test_sanitize_corpus.c - the feedparser sanitizer corpus (../shared/feeds/corpus/
 * wellformed/sanitize/, 745 feeds) through herald's sanitizer.
 *
 * For each check of group "wellformed/sanitize" in checks.jsonl, the feed is parsed with
 * libxml2 (this test cannot use herald's feed parser), the element the check is about is
 * found (the first entry or the feed, then the field's elements: title, description /
 * summary / content / content:encoded / fullitem / xhtml body, subtitle / tagline, info,
 * copyright / rights), and its HTML is taken the way a feed parser does: base64 decoded
 * for mode="base64", plain text escaped for type="text", inline XHTML handed to
 * sanitize_children as a tree, otherwise the unescaped text as HTML.
 *
 * Two requirements (../shared/feeds/README.md):
 *   - nothing dangerous survives: every output passes safecheck() (no exceptions);
 *   - the safe text stays: the text of our output (markup stripped, whitespace ignored)
 *     equals the text of feedparser's expected value, unless the file is listed in
 *     tests/html/sanitize-known-differences.md with the reason.  A listed file that
 *     matches is a failure too (the list must stay true).
 * Prints the counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html/escape.h"
#include "html/sanitize.h"
#include "safecheck.h"
#include "testutil.h"

struct stats {
    int files, checks, text_ok, known, unsafe, text_bad, stale, errors;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends the text of an HTML fragment (script/style excluded), whitespace removed. */
static void text_of_node(xmlNodePtr n, struct strbuf *out)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            for (const char *p = (const char *)n->content; *p; p++)
                if (!is_space(*p) && strncmp(p, "\xc2\xa0", 2) != 0)
                    strbuf_addch(out, *p);
        } else if (n->type == XML_ELEMENT_NODE &&
                   strcasecmp((const char *)n->name, "script") != 0 &&
                   strcasecmp((const char *)n->name, "style") != 0) {
            text_of_node(n->children, out);
        }
    }
}

static void text_of_html(const char *html, struct strbuf *out)
{
    struct strbuf buf = STRBUF_INIT;
    htmlDocPtr doc;
    strbuf_adds(&buf, "<html><body>");
    strbuf_adds(&buf, html);
    doc = htmlReadMemory(buf.buf, (int)buf.len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING);
    if (doc) {
        text_of_node(doc->children, out);
        xmlFreeDoc(doc);
    }
    strbuf_release(&buf);
}

static const char *local(xmlNodePtr n)
{
    return (const char *)n->name;
}

/* The first element in document order named one of names. */
static xmlNodePtr find_first(xmlNodePtr n, const char *const *names)
{
    for (; n; n = n->next) {
        xmlNodePtr r;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (const char *const *p = names; *p; p++)
            if (strcmp(local(n), *p) == 0)
                return n;
        r = find_first(n->children, names);
        if (r)
            return r;
    }
    return NULL;
}

static int in_names(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(s, *names) == 0)
            return 1;
    return 0;
}

static int b64val(int c)
{
    const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(tab, c) : NULL;
    return p ? (int)(p - tab) : -1;
}

static void base64_decode(const char *in, struct strbuf *out)
{
    unsigned acc = 0;
    int bits = 0;
    for (; *in && *in != '='; in++) {
        int v = b64val((unsigned char)*in);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            strbuf_addch(out, (int)((acc >> bits) & 0xff));
        }
    }
}

static int has_element_child(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

/* Sanitizes the content of feed element el into out, as a feed parser would. */
static herald_status sanitize_element(xmlNodePtr el, struct strbuf *out)
{
    xmlChar *type = xmlGetProp(el, (const xmlChar *)"type");
    xmlChar *mode = xmlGetProp(el, (const xmlChar *)"mode");
    xmlChar *text = NULL;
    struct strbuf html = STRBUF_INIT;
    herald_status rc;
    const char *t = type ? (const char *)type : "";
    int is_text = !strcasecmp(t, "text") || !strcasecmp(t, "text/plain");
    if (mode && !strcmp((const char *)mode, "base64")) {
        text = xmlNodeGetContent(el);
        base64_decode(text ? (const char *)text : "", &html);
        rc = sanitize_html(html.buf, html.len, NULL, out);
    } else if ((mode && !strcmp((const char *)mode, "xml")) || !strcasecmp(t, "xhtml") ||
               !strcasecmp(t, "application/xhtml+xml") || has_element_child(el)) {
        rc = sanitize_children(el, NULL, out);
    } else {
        text = xmlNodeGetContent(el);
        if (is_text)
            html_escape_text(&html, text ? (const char *)text : "");
        else
            strbuf_adds(&html, text ? (const char *)text : "");
        rc = sanitize_html(html.buf, html.len, NULL, out);
    }
    xmlFree(type);
    xmlFree(mode);
    xmlFree(text);
    strbuf_release(&html);
    return rc;
}

/* The element names that hold the field a check path names. */
static const char *const *field_names(json_t *path, int *entry)
{
    static const char *const title[] = {"title", NULL};
    static const char *const copyright[] = {"copyright", "rights", NULL};
    static const char *const info[] = {"info", NULL};
    static const char *const subtitle[] = {"subtitle", "tagline", "description", NULL};
    static const char *const body[] = {"description", "summary", "content", "encoded",
                                       "fullitem",    "body",    NULL};
    const char *root = json_string_value(json_array_get(path, 0));
    const char *field;
    if (!root)
        return NULL;
    *entry = strcmp(root, "entries") == 0;
    field = json_string_value(json_array_get(path, *entry ? 2 : 1));
    if (!field)
        return NULL;
    if (!strcmp(field, "title"))
        return title;
    if (!strcmp(field, "copyright") || !strcmp(field, "rights"))
        return copyright;
    if (!strcmp(field, "info"))
        return info;
    if (*entry)
        return body;
    return subtitle;
}

static int listed(const char *known, const char *path)
{
    char pat[512];
    snprintf(pat, sizeof(pat), "- `%s`", path);
    return strstr(known, pat) != NULL;
}

static void run_check(const char *fpath, const char *rel, json_t *check, const char *known,
                      struct stats *st)
{
    static const char *const entry_names[] = {"item", "entry", NULL};
    static const char *const feed_names[] = {"channel", "feed", NULL};
    json_t *path = json_object_get(check, "path");
    const char *want = json_string_value(json_object_get(check, "value"));
    const char *const *names;
    int entry = 0, any_text_ok = 0, n_cand = 0;
    xmlDocPtr doc;
    xmlNodePtr scope;
    struct strbuf want_text = STRBUF_INIT;
    if (!want || !path)
        return;
    names = field_names(path, &entry);
    if (!names)
        return;
    st->checks++;
    doc = xmlReadFile(fpath, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc) {
        print_error("%s: not well-formed XML\n", rel);
        st->errors++;
        return;
    }
    scope = find_first(doc->children, entry ? entry_names : feed_names);
    if (!scope && !entry)
        scope = xmlDocGetRootElement(doc);
    text_of_html(want, &want_text);
    for (xmlNodePtr el = scope ? scope->children : NULL; el; el = el->next) {
        struct strbuf out = STRBUF_INIT, got_text = STRBUF_INIT;
        char why[256];
        if (el->type != XML_ELEMENT_NODE || !in_names(local(el), names))
            continue;
        n_cand++;
        if (sanitize_element(el, &out) != HERALD_OK) {
            print_error("%s: sanitize failed\n", rel);
            st->errors++;
        }
        if (safecheck(out.buf, out.len, why, sizeof(why)) != 0) {
            print_error("%s: UNSAFE: %s\n  %s\n", rel, why, out.buf);
            st->unsafe++;
        }
        text_of_html(out.buf, &got_text);
        if (strcmp(got_text.buf, want_text.buf) == 0)
            any_text_ok = 1;
        else if (getenv("HERALD_VERBOSE"))
            print_message("%s: text differs\n  want: %s\n  got:  %s\n  html: %s\n", rel,
                          want_text.buf, got_text.buf, out.buf);
        strbuf_release(&out);
        strbuf_release(&got_text);
    }
    if (!n_cand) {
        print_error("%s: no element for the check\n", rel);
        st->errors++;
    } else if (any_text_ok && listed(known, rel)) {
        print_error("%s: listed as a known difference but matches: remove it from the list\n", rel);
        st->stale++;
    } else if (any_text_ok) {
        st->text_ok++;
    } else if (listed(known, rel)) {
        st->known++;
    } else {
        print_error("%s: the safe text was not kept (want \"%s\")\n", rel, want_text.buf);
        st->text_bad++;
    }
    strbuf_release(&want_text);
    xmlFreeDoc(doc);
}

static void test_corpus(void **state)
{
    char *checks_path = test_shared_path("feeds/checks.jsonl");
    char *known_path = test_source_path("tests/html/sanitize-known-differences.md");
    size_t len, klen;
    char *data = test_read_file(checks_path, &len);
    char *known = test_read_file(known_path, &klen);
    struct stats st = {0};
    (void)state;
    if (!data) {
        int must_fail = test_data_missing("sanitize corpus", checks_path);
        free(checks_path);
        free(known_path);
        free(known);
        if (must_fail)
            fail();
        skip();
    }
    if (!known)
        fail_msg("the expected-difference list %s is missing", known_path);
    for (char *line = data; line && *line;) {
        char *nl = strchr(line, '\n');
        json_t *j;
        if (nl)
            *nl = '\0';
        j = json_loads(line, 0, NULL);
        if (j && json_is_string(json_object_get(j, "group")) &&
            !strcmp(json_string_value(json_object_get(j, "group")), "wellformed/sanitize")) {
            const char *rel = json_string_value(json_object_get(j, "path"));
            struct strbuf fpath = STRBUF_INIT;
            json_t *checks = json_object_get(j, "checks");
            size_t i;
            json_t *c;
            char *corpus = test_shared_path("feeds/corpus");
            strbuf_addf(&fpath, "%s/%s", corpus, rel);
            free(corpus);
            st.files++;
            json_array_foreach(checks, i, c)
            {
                if (!strcmp(json_string_value(json_object_get(c, "op")) ?: "", "eq"))
                    run_check(fpath.buf, rel, c, known, &st);
            }
            strbuf_release(&fpath);
        }
        json_decref(j);
        line = nl ? nl + 1 : NULL;
    }
    print_message("sanitize corpus: %d files, %d checks: %d safe with the expected text, %d safe "
                  "with a listed difference, %d unsafe, %d text lost, %d stale list entries, "
                  "%d errors\n",
                  st.files, st.checks, st.text_ok, st.known, st.unsafe, st.text_bad, st.stale,
                  st.errors);
    free(data);
    free(known);
    free(checks_path);
    free(known_path);
    assert_true(st.files >= 700);
    assert_int_equal(st.unsafe, 0);
    assert_int_equal(st.text_bad, 0);
    assert_int_equal(st.stale, 0);
    assert_int_equal(st.errors, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
