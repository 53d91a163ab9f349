/*
 * extract_image.c - images: which are worth showing, when two URLs are the same picture,
 * and the lead image's caption and credit.
 *
 * Resized variants of one picture ("photo-1200x800.jpg", "photo-scaled.jpg") compare
 * equal by a key made of the file name's tokens without size markers, so the lead image
 * from the metadata is recognised in the body (shown once) and its figure found.  The
 * caption is the figure's figcaption, or the nearest element (3 levels up) whose class
 * says caption; a credit inside it goes to image_credit.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "extract/extract_int.h"
#include "html/parse.h"
#include "core/banned.h"

/* The address of an image: lazy-loading attributes first, data: placeholders skipped.
 * Returns a libxml2 string (xmlFree) or NULL. */
char *ex_img_src(const xmlNode *n)
{
    static const char *const names[] = {"data-src", "data-lazy-src", "data-original", "data-url",
                                        "src"};
    for (size_t i = 0; i < NELEM(names); i++) {
        char *v = ex_attr(n, names[i]);
        if (v && *v && strncasecmp(v, "data:", 5) != 0)
            return v;
        xmlFree(v);
    }
    return NULL;
}

/* An image worth showing: it has an address and is not a 1x1 tracking pixel. */
int ex_img_usable(const xmlNode *n)
{
    char *src = ex_img_src(n), *w = ex_attr(n, "width"), *h = ex_attr(n, "height");
    int ok = src != NULL;

    if ((w && strtol(w, NULL, 10) == 1) || (h && strtol(h, NULL, 10) == 1))
        ok = 0;
    xmlFree(src);
    xmlFree(w);
    xmlFree(h);
    return ok;
}

/* ---------------------------------------------------------------- lead image caption */

/* Is a file-name token a size or variant marker ("1200x800", "w640", "scaled")? */
static int size_token(const char *t, size_t n)
{
    static const char *const words[] = {"scaled",    "large", "medium",  "small",  "thumb",
                                        "thumbnail", "crop",  "cropped", "resize", "full"};
    size_t d = 0;

    for (size_t i = 0; i < NELEM(words); i++) {
        if (strlen(words[i]) == n && strncasecmp(t, words[i], n) == 0)
            return 1;
    }
    while (d < n && isdigit((unsigned char)t[d]))
        d++;
    if (d > 0 && d < n && (t[d] == 'x' || t[d] == 'X')) {
        size_t e = d + 1;
        while (e < n && isdigit((unsigned char)t[e]))
            e++;
        return e == n && e > d + 1; /* 1200x800 */
    }
    if (d > 0 && d + 1 == n && (t[d] == 'w' || t[d] == 'h'))
        return 1; /* 640w */
    if (n > 1 && (t[0] == 'w' || t[0] == 'h')) {
        size_t k = 1;
        while (k < n && isdigit((unsigned char)t[k]))
            k++;
        return k == n; /* w640 */
    }
    return 0;
}

/* Writes the file-name tokens of url that are not size markers into buf. */
static void image_key(const char *url, char *buf, size_t size, size_t *first_len)
{
    const char *b = strrchr(url, '/');
    size_t len = 0;

    b = b ? b + 1 : url;
    size_t n = strcspn(b, "?#");
    const char *dot = memrchr(b, '.', n);
    if (dot)
        n = (size_t)(dot - b);
    *first_len = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalnum((unsigned char)b[i]))
            i++;
        size_t s0 = i;
        while (i < n && isalnum((unsigned char)b[i]))
            i++;
        if (i == s0 || size_token(b + s0, i - s0))
            continue;
        if (!*first_len)
            *first_len = i - s0;
        for (size_t k = s0; k < i && len + 2 < size; k++)
            buf[len++] = (char)tolower((unsigned char)b[k]);
        if (len + 2 < size)
            buf[len++] = ' ';
    }
    buf[len] = '\0';
}

/* Do two image URLs name the same picture (resized variants included)? */
int ex_same_image(const char *a, const char *b)
{
    char ka[256], kb[256];
    size_t fa, fb;

    if (!a || !b)
        return 0;
    image_key(a, ka, sizeof(ka), &fa);
    image_key(b, kb, sizeof(kb), &fb);
    if (!ka[0] || !kb[0])
        return 0;
    if (strcmp(ka, kb) == 0)
        return 1;
    /* "19bouieWeb-superJumbo" / "19bouieWeb-facebookJumbo": a long shared first token */
    return fa >= 8 && fa == fb && strncmp(ka, kb, fa) == 0;
}

static int is_caption_el(const xmlNode *n)
{
    char cid[256];

    if (ex_tag_of(n) == T_FIGCAPTION)
        return 1;
    return ex_class_id(n, cid, sizeof(cid)) && strstr(cid, "caption") != NULL;
}

static int is_credit_el(const xmlNode *n)
{
    char cid[256];

    return ex_class_id(n, cid, sizeof(cid)) &&
           (strstr(cid, "credit") || strstr(cid, "copyright") || strstr(cid, "photographer") ||
            strstr(cid, "source") || strstr(cid, "byline"));
}

/* First caption element in the subtree at c (bounded), or NULL. */
static xmlNode *caption_in(xmlNode *c)
{
    int steps = 0;

    for (xmlNode *q = c; q && steps < 300; steps++) {
        if (q->type == XML_ELEMENT_NODE && q != c && is_caption_el(q))
            return q;
        q = html_walk_next(q, c, 1);
    }
    return NULL;
}

/* Caption text of cap without its credit part; the credit goes to x->image_credit. */
static void read_caption(struct ex *x, xmlNode *cap)
{
    struct strbuf sb = STRBUF_INIT;
    int steps = 0;

    for (xmlNode *q = cap->children; q && steps < 300; steps++) {
        int descend = 1;
        if (q->type == XML_ELEMENT_NODE && is_credit_el(q)) {
            char *cr = ex_node_text(q);
            ex_set_once(&x->image_credit, cr);
            free(cr);
            descend = 0;
        } else if (q->type == XML_TEXT_NODE && q->content) {
            strbuf_adds(&sb, (const char *)q->content);
            strbuf_addch(&sb, ' ');
        } else if (q->type == XML_ELEMENT_NODE) {
            enum tag t = ex_tag_of(q);
            if (t == T_SCRIPT || t == T_STYLE || t == T_BUTTON || t == T_SVG)
                descend = 0;
        }
        q = html_walk_next(q, cap, descend);
    }
    char *text = ex_clean_dup(sb.buf);
    strbuf_release(&sb);
    /* "A caption. Credit: Name" / "Credit...Name" in one run of text */
    char *cr = text ? strstr(text, "Credit") : NULL;
    if (cr && cr > text && !x->image_credit) {
        const char *v = cr + 6;
        while (*v == '.' || *v == ':' || *v == ' ' || (unsigned char)*v == 0xE2 ||
               (unsigned char)*v == 0x80 || (unsigned char)*v == 0xA6)
            v++;
        if (*v) {
            x->image_credit = ex_clean_dup(v);
            while (cr > text && cr[-1] == ' ')
                cr--;
            *cr = '\0';
        }
    }
    /* a caption is a phrase: one or two words are a label or a name tag */
    if (text && ex_count_words(text) >= 3 && !x->image_caption && strlen(text) < 2000)
        x->image_caption = text;
    else
        free(text);
}

/* Finds the lead image in the page (or, without one in the metadata, the first figure of
 * the article) and reads its caption and credit from the figure or the element next to
 * it whose class says caption. */
void ex_find_caption(struct ex *x, xmlNode *root, xmlNode *top)
{
    xmlNode *img = NULL, *first_fig_img = NULL;
    /* The article's container: the body's parent or grandparent also holds the headline
     * and, in many templates, the lead figure next to (not inside) the body. */
    xmlNode *container = top && top->parent ? top->parent : top;
    int reached_top = 0;
    if (container && container->parent && container->parent->type == XML_ELEMENT_NODE &&
        ex_tag_of(container->parent) != T_BODY)
        container = container->parent;

    for (xmlNode *n = root; n && !img;) {
        int descend = 1;
        if (n == top)
            reached_top = 1;
        if (n->type == XML_ELEMENT_NODE) {
            struct nstat *ns = ex_nst_of(x, n);
            enum tag t = ns ? ns->tag : ex_tag_of(n);
            if (t == T_HEAD || t == T_SCRIPT || t == T_STYLE || t == T_NAV || t == T_FOOTER ||
                t == T_ASIDE || t == T_NOSCRIPT) {
                descend = 0;
            } else if (t == T_IMG) {
                char *src = ex_img_src(n);
                if (x->image && ex_same_image(src, x->image)) {
                    img = n;
                } else if (!first_fig_img && src && top) {
                    /* the first image of a <figure> in the article, or of one that
                     * stands before the body in the article's container */
                    int in_fig = 0, depth = 0;
                    for (xmlNode *a = n->parent; a; a = a->parent, depth++) {
                        if (depth < 4 && a->type == XML_ELEMENT_NODE && ex_tag_of(a) == T_FIGURE)
                            in_fig = 1;
                        if (a == top || (a == container && !reached_top)) {
                            if (in_fig)
                                first_fig_img = n;
                            break;
                        }
                    }
                }
                xmlFree(src);
            }
        }
        if (img)
            break;
        n = html_walk_next(n, root, descend);
    }
    if (!img && first_fig_img) {
        /* the article's first figure stands for the lead image */
        img = first_fig_img;
        if (!x->image) {
            char *src = ex_img_src(img);
            ex_set_once(&x->image, src);
            xmlFree(src);
        }
    }
    if (!img)
        return;
    /* the figure, or the closest ancestor (3 levels) holding a caption element */
    xmlNode *cap = NULL;
    int level = 0;
    for (xmlNode *a = img->parent; a && a->type == XML_ELEMENT_NODE && level < 3 && !cap;
         a = a->parent, level++) {
        enum tag t = ex_tag_of(a);
        if (t == T_BODY || t == T_ARTICLE || t == T_MAIN)
            break;
        cap = caption_in(a);
        if (t == T_FIGURE)
            break;
    }
    if (cap)
        read_caption(x, cap);
}
