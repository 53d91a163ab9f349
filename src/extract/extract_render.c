/*
 * extract_render.c - writes the chosen article as plain text and simple HTML.
 *
 * Rendering writes the text and the HTML in the same pass.  A block that turns out to
 * be boilerplate or empty is dropped by rewinding both buffers to where it started, so
 * no text is ever concatenated twice.  Loose text between blocks is wrapped in an
 * implicit <p> that is judged like a block when it closes.  The headline, marked
 * boilerplate, link lists and the lead image (shown apart) are skipped; the line filter
 * (extract_lines.c) judges each finished block.  The recursion is depth-capped.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/url.h"
#include "extract/extract_int.h"
#include "html/parse.h"
#include "html/escape.h"
#include "core/banned.h"

#define MAX_RENDER_DEPTH 200

/* ---------------------------------------------------------------- rendering */

static void text_newline(struct ex *x)
{
    while (x->text.len && x->text.buf[x->text.len - 1] == ' ')
        strbuf_setlen(&x->text, x->text.len - 1);
    if (x->text.len && x->text.buf[x->text.len - 1] != '\n')
        strbuf_addch(&x->text, '\n');
    x->pending_sp = 0;
}

/* Closes the implicit paragraph (loose text between blocks); drops it when it is a
 * boilerplate line such as a bare date. */
static void html_close_implicit(struct ex *x)
{
    if (!x->implicit_p)
        return;
    x->implicit_p = 0;
    size_t t1 = x->text.len;
    while (t1 > x->imp_t0 && (x->text.buf[t1 - 1] == ' ' || x->text.buf[t1 - 1] == '\n'))
        t1--;
    uint32_t seg = (uint32_t)(t1 - x->imp_t0);
    if (t1 == x->imp_t0 ||
        ex_is_boilerplate_line(x->text.buf + x->imp_t0, t1 - x->imp_t0, seg,
                               x->imp_link < seg ? (uint32_t)x->imp_link : seg) ||
        ex_is_end_marker(x->text.buf + x->imp_t0, t1 - x->imp_t0)) {
        strbuf_setlen(&x->text, x->imp_t0);
        strbuf_setlen(&x->html, x->imp_h0);
        return;
    }
    strbuf_adds(&x->html, "</p>\n");
}

static void html_ensure_inline(struct ex *x)
{
    if (!x->inline_ctx && !x->implicit_p) {
        text_newline(x);
        x->imp_h0 = x->html.len;
        x->imp_t0 = x->text.len;
        x->imp_link = 0;
        strbuf_adds(&x->html, "<p>");
        x->implicit_p = 1;
    }
}

static void emit_text(struct ex *x, const char *s)
{
    size_t start = x->text.len;
    int wrote = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (ex_is_space(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
            if (*p == 0xC2)
                p++;
            x->pending_sp = 1;
            continue;
        }
        /* zero-width space/joiners and BOM: invisible, dropped */
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8B || p[2] == 0x8C)) {
            p += 2;
            continue;
        }
        if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            p += 2;
            continue;
        }
        if (!wrote) {
            html_ensure_inline(x);
            start = x->text.len;
            wrote = 1;
        }
        if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n')
            strbuf_addch(&x->text, ' ');
        x->pending_sp = 0;
        strbuf_addch(&x->text, *p);
    }
    if (wrote && !x->no_html)
        html_escape_text_n(&x->html, x->text.buf + start, x->text.len - start);
    if (wrote)
        x->seen_text = 1;
}

static const char *html_tag_for(enum tag t)
{
    switch (t) {
    case T_P:
        return "p";
    case T_H1:
    case T_H2:
        return "h2";
    case T_H3:
        return "h3";
    case T_H4:
        return "h4";
    case T_H5:
        return "h5";
    case T_H6:
        return "h6";
    case T_UL:
        return "ul";
    case T_OL:
        return "ol";
    case T_LI:
        return "li";
    case T_BLOCKQUOTE:
        return "blockquote";
    case T_PRE:
        return "pre";
    case T_DL:
        return "dl";
    case T_DT:
        return "dt";
    case T_DD:
        return "dd";
    case T_TABLE:
        return "table";
    case T_TR:
        return "tr";
    case T_TD:
        return "td";
    case T_TH:
        return "th";
    case T_EM:
    case T_I:
        return "em";
    case T_STRONG:
    case T_B:
        return "strong";
    case T_CODE:
        return "code";
    case T_SUB:
        return "sub";
    case T_SUP:
        return "sup";
    default:
        return NULL;
    }
}

/* Blocks that may hold inline content directly in the output HTML. */
static int opens_inline(enum tag t)
{
    switch (t) {
    case T_P:
    case T_H1:
    case T_H2:
    case T_H3:
    case T_H4:
    case T_H5:
    case T_H6:
    case T_LI:
    case T_PRE:
    case T_DT:
    case T_DD:
    case T_TD:
    case T_TH:
        return 1;
    default:
        return 0;
    }
}

static int is_headline(struct ex *x, xmlNode *n)
{
    int r = 0;
    char *t, *k;

    if (!x->title_key || !*x->title_key)
        return 0;
    t = ex_node_text(n);
    k = ex_norm_key(t);
    /* equal, or a prefix of a title that carries a " - Site" suffix */
    if (k && *k &&
        (strcmp(k, x->title_key) == 0 ||
         (strlen(k) >= 15 && strstr(x->title_key, k) == x->title_key)))
        r = 1;
    free(t);
    free(k);
    return r;
}

/* Writes <img> for n into the HTML only (the text is the prose).  Outside an inline
 * context it stands in its own <figure>, with caption when given.  The lead image is
 * skipped the first time: it is shown apart with its caption. */
static void emit_image(struct ex *x, xmlNode *n, const char *caption)
{
    char *src, *abs = NULL, *alt;

    if (x->no_html || x->n_imgs >= 64 || !ex_img_usable(n))
        return;
    src = ex_img_src(n);
    if (!x->lead_skipped && x->image && ex_same_image(src, x->image)) {
        x->lead_skipped = 1;
        xmlFree(src);
        return;
    }
    if (!x->base_url || url_resolve(x->base_url, src, &abs) != HERALD_OK) {
        if (url_resolve(NULL, src, &abs) != HERALD_OK)
            abs = NULL;
    }
    xmlFree(src);
    if (!abs || !(ex_starts_with_ci(abs, "http:") || ex_starts_with_ci(abs, "https:"))) {
        free(abs);
        return;
    }
    alt = ex_attr(n, "alt");
    int standalone = !x->inline_ctx && !x->implicit_p;
    if (standalone)
        strbuf_adds(&x->html, "<figure>");
    strbuf_adds(&x->html, "<img src=\"");
    html_escape_attr(&x->html, abs);
    strbuf_adds(&x->html, "\" alt=\"");
    html_escape_attr(&x->html, alt ? alt : "");
    strbuf_adds(&x->html, "\">");
    if (standalone) {
        if (caption && *caption) {
            strbuf_adds(&x->html, "<figcaption>");
            html_escape_text(&x->html, caption);
            strbuf_adds(&x->html, "</figcaption>");
        }
        strbuf_adds(&x->html, "</figure>\n");
    }
    x->n_imgs++;
    xmlFree(alt);
    free(abs);
}

/* A <figure> without prose: its first image with the figcaption text. */
static void emit_figure(struct ex *x, xmlNode *fig)
{
    xmlNode *img = NULL, *cap = NULL, *q = html_walk_next(fig, fig, 1);

    if (x->no_html)
        return;
    /* depth-first over the figure, bounded */
    for (int steps = 0; q && steps < 4096; steps++) {
        if (q->type == XML_ELEMENT_NODE) {
            enum tag t = ex_tag_of(q);
            if (t == T_IMG && !img && ex_img_usable(q))
                img = q;
            else if (t == T_FIGCAPTION && !cap)
                cap = q;
        }
        q = html_walk_next(q, fig, 1);
    }
    if (!img)
        return;
    char *text = cap ? ex_node_text(cap) : NULL;
    html_close_implicit(x);
    int saved = x->inline_ctx;
    x->inline_ctx = 0;
    emit_image(x, img, text);
    x->inline_ctx = saved;
    free(text);
}

/* The next sibling element of n with text, or NULL. */
static xmlNode *next_element(const xmlNode *n)
{
    for (xmlNode *c = n->next; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE ||
            (c->type == XML_TEXT_NODE && c->content &&
             c->content[strspn((const char *)c->content, " \t\r\n")]))
            return c;
    }
    return NULL;
}

static void render(struct ex *x, xmlNode *n, int depth);

static void render_children(struct ex *x, xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        render(x, c, depth + 1);
        if (x->skip_rest == n) {
            x->skip_rest = NULL;
            break;
        }
    }
}

static void render(struct ex *x, xmlNode *n, int depth)
{
    struct nstat *s;
    enum tag t;

    if (depth > MAX_RENDER_DEPTH)
        return;
    if (n->type == XML_TEXT_NODE) {
        if (n->content)
            emit_text(x, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    s = ex_nst_of(x, n);
    if (!s || (s->flags & NF_JUNK))
        return;
    t = s->tag;
    if (t == T_BR) {
        text_newline(x);
        if (!x->no_html && (x->inline_ctx || x->implicit_p))
            strbuf_adds(&x->html, "<br>");
        return;
    }
    if (t == T_HR)
        return;
    if (t == T_IMG) {
        emit_image(x, n, NULL);
        return;
    }
    if (t == T_FIGURE && !s->text) {
        /* an image with its caption: HTML only, the text stays the article's prose */
        emit_figure(x, n);
        return;
    }
    if (ex_tag_is_heading(t) &&
        (t == T_H1 ? (!x->seen_text || is_headline(x, n)) : is_headline(x, n)))
        return;
    if (!s->text && !(s->flags & NF_HASIMG))
        return;

    if (ex_tag_is_block(t)) {
        /* lists and tables made of links are navigation */
        if ((t == T_UL || t == T_OL || t == T_TABLE || t == T_DL) && s->text &&
            s->link * 2 > s->text)
            return;
        size_t h0, t0;
        const char *ht = html_tag_for(t);
        int inl = opens_inline(t);
        html_close_implicit(x);
        text_newline(x);
        h0 = x->html.len;
        t0 = x->text.len;
        size_t imgs0 = x->n_imgs;
        if (ht && !x->no_html)
            strbuf_addf(&x->html, "<%s>", ht);
        int saved_inline = x->inline_ctx;
        x->inline_ctx = inl ? 1 : 0;
        render_children(x, n, depth);
        html_close_implicit(x);
        x->inline_ctx = saved_inline;
        text_newline(x);
        /* drop empty and boilerplate blocks by rewinding both outputs */
        int leafish = !(s->flags & NF_BLOCKKID);
        if (leafish && x->text.len > t0 && ex_is_end_marker(x->text.buf + t0, x->text.len - t0)) {
            /* "Related", "Tags", "Comments": what follows at this level is not article */
            strbuf_setlen(&x->html, h0);
            strbuf_setlen(&x->text, t0);
            if (ex_visible_len(x->text.buf) > 500) {
                /* a heading alone in its wrapper: the list it announces follows the
                 * wrapper, so skip at the first level that has more to come */
                xmlNode *at = n;
                for (int up = 0; up < 3 && at->parent && !next_element(at); up++) {
                    struct nstat *ps = ex_nst_of(x, at->parent);
                    if (!ps || ps->tag == T_BODY || ps->tag == T_HTML)
                        break;
                    at = at->parent;
                }
                x->skip_rest = at->parent;
            }
            return;
        }
        if ((x->text.len == t0 && x->n_imgs == imgs0) ||
            (x->text.len > t0 && leafish &&
             ex_is_boilerplate_line(x->text.buf + t0, x->text.len - t0, s->text, s->link))) {
            strbuf_setlen(&x->html, h0);
            strbuf_setlen(&x->text, t0);
            return;
        }
        if (ht && !x->no_html)
            strbuf_addf(&x->html, "</%s>\n", ht);
        return;
    }

    if (t == T_TD || t == T_TH) {
        /* cells of a row share its line */
        int saved_inline = x->inline_ctx;
        html_close_implicit(x);
        if (x->text.len && x->text.buf[x->text.len - 1] != '\n')
            strbuf_addch(&x->text, ' '); /* the separator goes to the text only */
        x->pending_sp = 0;
        if (!x->no_html)
            strbuf_adds(&x->html, t == T_TD ? "<td>" : "<th>");
        x->inline_ctx = 1;
        render_children(x, n, depth);
        html_close_implicit(x);
        x->inline_ctx = saved_inline;
        x->pending_sp = 1;
        if (!x->no_html)
            strbuf_adds(&x->html, t == T_TD ? "</td>" : "</th>");
        return;
    }

    /* inline */
    const char *ht = html_tag_for(t);
    if (t == T_A) {
        char *href = x->no_html ? NULL : ex_attr(n, "href");
        /* the href is written as found: the sanitizer resolves it against the page URL
         * and drops what is not http(s)/mailto (one URL parse per link, not two) */
        int linked = href && href[0] && href[0] != '#';
        html_ensure_inline(x);
        if (linked) {
            if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n') {
                strbuf_addch(&x->text, ' ');
                strbuf_addch(&x->html, ' ');
                x->pending_sp = 0;
            }
            strbuf_adds(&x->html, "<a href=\"");
            html_escape_attr(&x->html, href);
            strbuf_adds(&x->html, "\">");
        }
        size_t l0 = x->text.len;
        render_children(x, n, depth);
        /* link text of loose runs, for their link density (html_close_implicit) */
        if (x->implicit_p && x->text.len > l0)
            x->imp_link += x->text.len - l0;
        if (linked)
            strbuf_adds(&x->html, "</a>");
        xmlFree(href);
        return;
    }
    if (ht && !x->no_html) {
        html_ensure_inline(x);
        if (x->pending_sp && x->text.len && x->text.buf[x->text.len - 1] != '\n') {
            strbuf_addch(&x->text, ' ');
            strbuf_addch(&x->html, ' ');
            x->pending_sp = 0;
        }
        strbuf_addf(&x->html, "<%s>", ht);
        render_children(x, n, depth);
        strbuf_addf(&x->html, "</%s>", ht);
        return;
    }
    render_children(x, n, depth);
}

/* Renders the candidate and its related siblings (Readability's sibling rule). */
void ex_render_article(struct ex *x, xmlNode *top)
{
    struct nstat *ts = ex_nst_of(x, top);
    xmlNode *parent = top->parent;
    double top_sc = ts ? ex_final_score(ts) : 0;
    double threshold = top_sc * 0.2 > 10 ? top_sc * 0.2 : 10;
    struct nstat *ps = parent ? ex_nst_of(x, parent) : NULL;

    if (!ps || ps->tag == T_HTML) {
        render(x, top, 0);
        return;
    }
    for (xmlNode *c = parent->children; c; c = c->next) {
        struct nstat *cs;
        if (c == top) {
            render(x, c, 0);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        cs = ex_nst_of(x, c);
        if (!cs || (cs->flags & NF_JUNK) || !cs->text)
            continue;
        int append = 0;
        if ((cs->flags & NF_SCORED) && ex_final_score(cs) >= threshold)
            append = 1;
        else if (cs->tag == T_P ||
                 ((cs->tag == T_DIV || cs->tag == T_SECTION) && !(cs->flags & NF_BLOCKKID))) {
            double ld = (double)cs->link / cs->text;
            if (cs->text > 80 && ld < 0.25)
                append = 1;
            else if (cs->text <= 80 && cs->link == 0) {
                xmlChar *c2 = xmlNodeGetContent(c);
                size_t l = c2 ? strlen((const char *)c2) : 0;
                while (l && ex_is_space(c2[l - 1]))
                    l--;
                if (l && (c2[l - 1] == '.' || c2[l - 1] == '!' || c2[l - 1] == '?'))
                    append = 1;
                xmlFree(c2);
            }
        }
        if (append)
            render(x, c, 0);
    }
}

/* Renders every <p> of the page outside boilerplate: the fallback body. */
void ex_render_all_paragraphs(struct ex *x, xmlNode *root)
{
    xmlNode *n = root;

    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? ex_nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && descend &&
            (s->tag == T_P || s->tag == T_PRE || s->tag == T_BLOCKQUOTE || s->tag == T_LI)) {
            render(x, n, 0);
            descend = 0;
        }
        n = html_walk_next(n, root, descend);
    }
}

void ex_reset_output(struct ex *x)
{
    strbuf_reset(&x->text);
    strbuf_reset(&x->html);
    x->inline_ctx = 0;
    x->implicit_p = 0;
    x->pending_sp = 0;
    x->seen_text = 0;
    x->skip_rest = NULL;
    x->n_imgs = 0;
    x->lead_skipped = 0;
}

/* Writes a plain-text body (JSON-LD articleBody) into the outputs, one line a paragraph. */
void ex_render_plain(struct ex *x, const char *body)
{
    const char *p = body;
    int in_tag = 0;

    ex_reset_output(x);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        struct strbuf line = STRBUF_INIT;
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '<')
                in_tag = 1;
            else if (p[i] == '>' && in_tag)
                in_tag = 0;
            else if (!in_tag)
                strbuf_addch(&line, p[i]);
        }
        char *c = ex_clean_dup(line.buf);
        strbuf_release(&line);
        if (c) {
            strbuf_adds(&x->text, c);
            strbuf_addch(&x->text, '\n');
            if (!x->no_html) {
                strbuf_adds(&x->html, "<p>");
                html_escape_text(&x->html, c);
                strbuf_adds(&x->html, "</p>\n");
            }
            free(c);
        }
        p += len;
        if (*p)
            p++;
    }
}
