/*
 * extract_int.h - what the phases of the article extractor share (private to src/extract).
 *
 * extract.h describes the pipeline; the code is split by phase:
 *
 *   extract.c         driver (extract_article and its fallbacks), the result and its JSON,
 *                     the tag vocabulary and the small string helpers below (walks
 *                     over the tree use html_walk and html_walk_next of html/parse.h);
 *   extract_meta.c    metadata: JSON-LD, meta/link tags, itemprop, dates, authors, dateline;
 *   extract_score.c   pass 1 (flags, counts, Readability scores, class/id hints) and the
 *                     choice of the candidate;
 *   extract_render.c  writing the candidate as text and HTML in one pass;
 *   extract_lines.c   the line filter that drops boilerplate lines while rendering, and
 *                     text measures (visible length, word count);
 *   extract_image.c   images: usable sources, same-picture matching, lead image caption.
 *
 * Per-element facts (struct nstat) live in a side array of struct ex indexed through the
 * node's _private pointer (1-based; 0 = no facts), set by ex_walk and read by every later
 * phase.  Names shared between the files carry the ex_ prefix; the rest stays static.
 */
#ifndef HERALD_EXTRACT_EXTRACT_INT_H
#define HERALD_EXTRACT_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "core/strbuf.h"

#define MOD "extract"
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- tags */

enum tag {
    T_OTHER = 0,
    T_A,
    T_ADDRESS,
    T_ARTICLE,
    T_ASIDE,
    T_AUDIO,
    T_B,
    T_BLOCKQUOTE,
    T_BODY,
    T_BR,
    T_BUTTON,
    T_CANVAS,
    T_CENTER,
    T_CODE,
    T_DD,
    T_DETAILS,
    T_DIALOG,
    T_DIV,
    T_DL,
    T_DT,
    T_EM,
    T_EMBED,
    T_FIELDSET,
    T_FIGCAPTION,
    T_FIGURE,
    T_FOOTER,
    T_FORM,
    T_H1,
    T_H2,
    T_H3,
    T_H4,
    T_H5,
    T_H6,
    T_HEAD,
    T_HEADER,
    T_HR,
    T_HTML,
    T_I,
    T_IFRAME,
    T_IMG,
    T_INPUT,
    T_LABEL,
    T_LI,
    T_LINK,
    T_MAIN,
    T_MAP,
    T_MENU,
    T_META,
    T_NAV,
    T_NOSCRIPT,
    T_OBJECT,
    T_OL,
    T_OPTION,
    T_P,
    T_PICTURE,
    T_PRE,
    T_S,
    T_SCRIPT,
    T_SECTION,
    T_SELECT,
    T_SMALL,
    T_SOURCE,
    T_SPAN,
    T_STRONG,
    T_STYLE,
    T_SUB,
    T_SUP,
    T_SVG,
    T_TABLE,
    T_TBODY,
    T_TD,
    T_TEMPLATE,
    T_TEXTAREA,
    T_TFOOT,
    T_TH,
    T_THEAD,
    T_TIME,
    T_TITLE,
    T_TR,
    T_U,
    T_UL,
    T_VIDEO,
};

/* ---------------------------------------------------------------- per-node facts */

enum {
    NF_JUNK = 1 << 0,     /* skip the whole subtree */
    NF_SCORED = 1 << 1,   /* has a candidate score */
    NF_BLOCKKID = 1 << 2, /* has a block-level child element */
    NF_WEAK = 1 << 4,     /* weak negative class: junk unless it holds an article */
    NF_HASIMG = 1 << 5,   /* holds a usable <img> */
};

struct nstat {
    uint32_t text;   /* visible characters (whitespace runs count 1) */
    uint32_t link;   /* of which inside links */
    uint32_t commas; /* commas in the text */
    uint32_t inl;    /* characters of loose inline text directly in this element */
    uint32_t inl_commas;
    uint32_t paras; /* paragraph-like descendants with text */
    uint32_t flags;
    enum tag tag;
    int weight; /* class/id hint weight */
    double score;
};

struct ex {
    const char *page_url;
    char *base_url; /* <base href> resolved, else page_url copy */
    int class_rules;
    int no_html;

    struct nstat *st;
    size_t nst, st_alloc;

    /* metadata gathered */
    char *title, *og_title, *ld_headline, *h1, *doc_title;
    char *description, *site_name, *language, *canonical, *og_url;
    char *image, *image_caption, *image_credit;
    char *ld_body;
    char **authors;
    size_t n_authors, authors_alloc;
    int64_t published, modified;

    /* rendering */
    struct strbuf text, html;
    int inline_ctx;                  /* >0 when inside an element that may hold inline content */
    int implicit_p;                  /* an implicit <p> is open in html */
    size_t imp_h0, imp_t0, imp_link; /* where the implicit <p> started in html and text */
    int pending_sp;                  /* a whitespace run is pending in text */
    int seen_text;                   /* some body text has been written */
    xmlNode *skip_rest; /* an end marker was met in this element: skip its later children */
    size_t n_imgs;      /* images written to the body HTML */
    int lead_skipped;   /* the lead image was met in the body (shown apart, not repeated) */
    char *title_key;    /* normalised title for headline detection */
};

static inline struct nstat *ex_nst_of(const struct ex *x, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;

    if (i == 0 || i > x->nst)
        return NULL;
    return &x->st[i - 1];
}

/* ---------------------------------------------------------------- extract.c: shared helpers */

/* The tag of element n (T_OTHER for names the extractor does not know). */
enum tag ex_tag_of(const xmlNode *n);
/* Elements that never carry article text. */
int ex_tag_is_junk(enum tag t);
/* Elements that start a new line/paragraph in the output. */
int ex_tag_is_block(enum tag t);
int ex_tag_is_heading(enum tag t);

int ex_is_space(unsigned char c);
/* Whitespace-collapsed, trimmed, malloc'd copy of s (NBSP counts as space); NULL when
 * s is NULL or holds only whitespace. */
char *ex_clean_dup(const char *s);
/* *dst = ex_clean_dup(s) unless *dst is already set or s is NULL. */
void ex_set_once(char **dst, const char *s);
/* Lower-cased alphanumeric key of s (malloc'd), for loose equality of titles. */
char *ex_norm_key(const char *s);
int ex_starts_with_ci(const char *s, const char *prefix);
/* Attribute value of n as a libxml2 string (xmlFree), or NULL. */
char *ex_attr(const xmlNode *n, const char *name);
/* Whitespace-collapsed text of the subtree at n (malloc'd), or NULL when empty. */
char *ex_node_text(const xmlNode *n);

/* ---------------------------------------------------------------- extract_meta.c */

/* 1..12 when p starts with an English month abbreviation, else 0. */
int ex_month_of(const char *p);
/* Reads the metadata element n of tag t carries (meta, link, ld+json script, title, h1,
 * time, base) into x. */
void ex_meta_element(struct ex *x, xmlNode *n, enum tag t);
/* Reads itemprop metadata.  Returns NF_JUNK for elements that only carry metadata (dates),
 * NF_WEAK for author blocks, 0 otherwise. */
uint32_t ex_itemprop(struct ex *x, xmlNode *n);
/* The "WASHINGTON (AP) -" dateline that opens text (malloc'd), or NULL. */
char *ex_find_dateline(const char *text);

/* ---------------------------------------------------------------- extract_score.c */

/* Lower-cased "class id" of n into buf; returns 0 when both are absent. */
int ex_class_id(const xmlNode *n, char *buf, size_t size);
/* Walks the whole document once: metadata, flags, counts, scores.  Iterative. */
void ex_walk(struct ex *x, xmlNode *root);
/* A candidate's score scaled by (1 - link density). */
double ex_final_score(const struct nstat *s);
/* The element that holds the article, or NULL; marks weak elements off its path junk. */
xmlNode *ex_best_candidate(struct ex *x, xmlNode *root);

/* ---------------------------------------------------------------- extract_render.c */

/* Empties the text and HTML outputs and the renderer's state. */
void ex_reset_output(struct ex *x);
/* Renders the candidate and its related siblings (Readability's sibling rule). */
void ex_render_article(struct ex *x, xmlNode *top);
/* Renders every <p> of the page outside boilerplate: the fallback body. */
void ex_render_all_paragraphs(struct ex *x, xmlNode *root);
/* Writes a plain-text body (JSON-LD articleBody) into the outputs, one line a paragraph. */
void ex_render_plain(struct ex *x, const char *body);

/* ---------------------------------------------------------------- extract_lines.c */

/* Is s[0..len) (text characters of which link are in links) a page-furniture line? */
int ex_is_boilerplate_line(const char *s, size_t len, uint32_t text, uint32_t link);
/* Is s[0..len) a heading that ends the article ("Related", "Tags", "More stories")? */
int ex_is_end_marker(const char *s, size_t len);
/* Whitespace-separated words of s. */
size_t ex_count_words(const char *s);
/* Characters of s that are not whitespace (UTF-8 sequences count once). */
size_t ex_visible_len(const char *s);

/* ---------------------------------------------------------------- extract_image.c */

/* The address of an image: lazy-loading attributes first, data: placeholders skipped.
 * Returns a libxml2 string (xmlFree) or NULL. */
char *ex_img_src(const xmlNode *n);
/* An image worth showing: it has an address and is not a 1x1 tracking pixel. */
int ex_img_usable(const xmlNode *n);
/* Do two image URLs name the same picture (resized variants included)? */
int ex_same_image(const char *a, const char *b);
/* Finds the lead image and reads its caption and credit into x. */
void ex_find_caption(struct ex *x, xmlNode *root, xmlNode *top);

#endif
