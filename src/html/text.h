/*
 * text.h - HTML to plain text, for storage, search (FTS5), word counts and summaries.
 *
 * The HTML is parsed with libxml2's HTML parser (recovering, no network, no external
 * entities) and the tree is walked once:
 *   - block elements (p, div, li, h1-h6, blockquote, pre, tr, dt, dd, figcaption, br,
 *     hr, section, article, table cells ...) end a paragraph: the output holds one
 *     paragraph per line, lines separated by a single '\n', no empty lines, no trailing
 *     newline;
 *   - inside a paragraph, runs of whitespace (including newlines in the source) collapse
 *     to one space and lines are trimmed; inside pre the line breaks are kept, one output
 *     line per source line;
 *   - entities are decoded by the parser; text of script, style, template, noscript,
 *     head, title, iframe, object, svg, math, select, textarea and comments is dropped;
 *     img contributes nothing (not even alt text);
 *   - list items are written as their text (no bullet); the cells of one table row are
 *     joined by a single space, so that a row stays one line.
 * The output is valid UTF-8 (invalid input bytes become U+FFFD) without control
 * characters other than '\n'.
 */
#ifndef HERALD_HTML_TEXT_H
#define HERALD_HTML_TEXT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "core/status.h"
#include "core/strbuf.h"

/* Converts the HTML fragment html[0..len) to plain text, appended to out.  Inputs larger
 * than SANITIZE_DEFAULT_MAX_INPUT (sanitize.h) return HERALD_E_TOOBIG; HERALD_E_PARSE
 * when libxml2 built no tree.  An empty input appends nothing. */
herald_status html_to_text(const char *html, size_t len, struct strbuf *out);

/* The same for an already-parsed subtree (node included); the tree is not modified. */
herald_status html_to_text_node(xmlNodePtr node, struct strbuf *out);

#endif
