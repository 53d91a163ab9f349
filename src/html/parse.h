/*
 * parse.h - the one way herald parses publisher HTML with libxml2.
 *
 * Settings: HTML_PARSE_RECOVER (tag soup in, a tree out), NONET (no network),
 * NOERROR/NOWARNING (publisher HTML is never clean; the log would drown), NODEFDTD,
 * IGNORE_ENC (the bytes are UTF-8: a <meta charset> inside cannot switch the decoder).
 * The HTML parser never loads external entities or DTDs.
 *
 * Before parsing, the bytes are copied once: invalid UTF-8 and NUL bytes become U+FFFD
 * (libxml2 would otherwise switch to Latin-1 for the rest of the input, or stop at the
 * NUL), and a fragment (anything that does not start with a doctype, <html or <?xml) is
 * prefixed with "<html><body>", so that libxml2 does not wrap leading text in an implied
 * <p> and everything lands in <body>.  Then every start tag keeps at most HTML_MAX_ATTRS
 * attributes (html_cap_attributes): libxml2 checks duplicate attributes in quadratic
 * time, and one element with 40,000 of them would stall the parse for many seconds.
 */
#ifndef HERALD_HTML_PARSE_H
#define HERALD_HTML_PARSE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "core/status.h"
#include "core/strbuf.h"

/* Attributes kept on one element; later ones are dropped before libxml2 sees them.  Real
 * pages use a few dozen at most. */
#define HTML_MAX_ATTRS 256

/* Drops, in place, every attribute past max_attrs of each start tag in buf[0..len)
 * (comments, declarations and end tags are left alone; so are the raw text of <script>
 * and <style> for HTML, and <![CDATA[ sections when xml is set: the XML feed parser has
 * the same quadratic duplicate check).  Returns the new length; the bytes kept are
 * unchanged and in order. */
size_t html_cap_attributes(char *buf, size_t len, size_t max_attrs, int xml);

/* 1 when html_cap_attributes would drop something from buf[0..len) (a read-only pass, so
 * that callers with a borrowed buffer copy it only then). */
int html_attributes_over_cap(const char *buf, size_t len, size_t max_attrs, int xml);

/* Parses html[0..len) as described above.  max caps len (0: SANITIZE_DEFAULT_MAX_INPUT
 * of sanitize.h); longer input returns HERALD_E_TOOBIG.  On success *out is a document
 * the caller frees with xmlFreeDoc.  HERALD_E_INVALID for NULL html with nonzero len,
 * HERALD_E_PARSE when libxml2 returned no document. */
herald_status html_parse_fragment(const char *html, size_t len, size_t max, htmlDocPtr *out);

/* htmlReadMemory(html, len, url, encoding, options) on a copy of the input with the
 * attribute cap applied, for callers that need libxml2's own charset detection and
 * options (the article extractor reads whole pages in their declared charset).  The cap
 * works on the bytes of any ASCII-compatible charset.  On success *out is a document the
 * caller frees with xmlFreeDoc.  HERALD_E_TOOBIG past INT_MAX, HERALD_E_PARSE when
 * libxml2 returned no document. */
herald_status html_read_memory(const char *html, size_t len, const char *url, const char *encoding,
                               int options, htmlDocPtr *out);

/* Returns the <body> element of doc (as built by html_parse_fragment or any HTML parse),
 * or NULL when there is none.  Borrowed from doc. */
xmlNodePtr html_doc_body(htmlDocPtr doc);

/*
 * Document order: the one walk over a libxml2 tree, without recursion (parent pointers),
 * so that no page can exhaust the stack however deep it nests.  Two forms share it:
 *
 *   - html_walk_next steps from node to node, for loops that only look at nodes;
 *   - html_walk calls enter and leave for each node, with its depth, for walks that write
 *     something around a subtree (the sanitizer's end tags, html_to_text's line breaks,
 *     the extractor's per-element counts).
 *
 * Only element and document nodes are descended into, never entity references (their
 * children belong to the entity's declaration).
 */

/* The node after n in document order within the subtree at top: n's first child when
 * descend is set and n has children, else the next node after n's subtree.  NULL at the
 * end of top's subtree (top's own siblings are never reached). */
xmlNodePtr html_walk_next(xmlNodePtr n, xmlNodePtr top, int descend);

enum html_walk_action {
    HTML_WALK_SKIP = 0,    /* do not visit the node's children */
    HTML_WALK_DESCEND = 1, /* visit them */
    HTML_WALK_STOP = 2,    /* end the walk now (no further enter or leave) */
};

struct html_walk_ops {
    /* Called for every node on the way down; depth is 1 for first (and its siblings). */
    enum html_walk_action (*enter)(void *ctx, xmlNodePtr n, unsigned depth);
    /* Called for every element node entered (descended into or not), after its subtree;
     * may be NULL. */
    void (*leave)(void *ctx, xmlNodePtr n, unsigned depth);
};

/* Walks the subtree at first, and first's following siblings' subtrees when siblings is
 * set, in document order, calling ops as described above. */
void html_walk(xmlNodePtr first, int siblings, const struct html_walk_ops *ops, void *ctx);

/* Appends s[0..len) to out with invalid UTF-8 sequences, NUL and other C0 controls
 * except tab, newline, carriage return and form feed replaced by U+FFFD. */
void html_utf8_clean(struct strbuf *out, const char *s, size_t len);

#endif
