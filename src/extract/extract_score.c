/*
 * extract_score.c - pass 1 over the document and the choice of the article's element.
 *
 * Per-element facts live in a side array (struct nstat) indexed through the node's
 * _private pointer: the flags decided on the way down (boilerplate, hidden, negative class)
 * and the counts gathered on the way up (text characters, link characters, commas,
 * paragraphs, loose inline text) plus the content score.  Scoring follows Readability's
 * model, which has held up for a decade: paragraph-like blocks (and runs of loose text
 * between blocks) score 1 + commas + length/100 (capped), handed in full to the parent,
 * half to the grandparent and a third per level further up; a candidate starts from a tag
 * bias and the class/id hint weight and its final score is scaled by (1 - link density).
 *
 * Negative class/id hints (share, related, sidebar, widget, caption, ...) are not acted on
 * during the walk: an element carrying one is flagged NF_WEAK, and once the best
 * candidate is known every weak element that is not the candidate or one of its
 * ancestors is dropped (junk_weak).  Removing them up front, as Readability does, loses
 * whole articles on themes that wrap the post in "sticky-sidebar" or "widget Blog"
 * containers; deciding afterwards keeps the article and still drops the share bars,
 * related lists and newsletter boxes inside and around it.  Only comment threads are
 * dropped at once: they are long punctuated prose that could outscore a short article.
 * The render-time line filter (extract_lines.c) catches the rest.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/log.h"
#include "extract/extract_int.h"
#include "html/parse.h"
#include "core/banned.h"

/* ---------------------------------------------------------------- class/id hints */

static const char *const strong_neg[] = {
    "comment",         "disqus",         "share",         "sharing",        "social",
    "related",         "recommend",      "newsletter",    "subscri",        "cookie",
    "consent",         "gdpr",           "promo",         "sponsor",        "advert",
    "outbrain",        "taboola",        "breadcrumb",    "popup",          "modal",
    "most-popular",    "mostpopular",    "trending",      "byline",         "author-bio",
    "authorbio",       "signup",         "sign-up",       "read-more",      "readmore",
    "more-stories",    "footer",         "masthead",      "skip-link",      "sr-only",
    "visually-hidden", "visuallyhidden", "screen-reader", "offscreen",      "jump-link",
    "donate",          "paywall-promo",  "rating",        "login",          "agegate",
    "ai2html",         "shoutbox",       "print-only",    "hide-for-print", "further-reading",
    "next-article",    "prev-article",   "pagination",    "pager",          "tagline",
    "tag-list",        "taglist",        "post-tags",     "article-tags",   "entry-tags",
    "keywords",        "caption",        "credit",        "standfirst",     "abstract",
};
static const char *const weak_neg[] = {
    "sidebar",   "menu",       "navbar",       "navigation", "widget",   "banner", "combx",
    "community", "cover-wrap", "extra",        "header",     "legends",  "remark", "replies",
    "rss",       "skyscraper", "supplemental", "toolbar",    "dropdown",
};
/* Whole tokens (class/id split at non-alphanumerics). */
static const char *const tok_neg[] = {
    "ad",     "ads",     "nav",       "meta",      "tools", "tool",     "aside",    "caption",
    "credit", "credits", "copyright", "timestamp", "date",  "dateline", "author",   "tags",
    "share",  "print",   "subscribe", "bio",       "next",  "prev",     "previous", "dek",
};
/* Whole class names (split at whitespace only: "hidden-xs" is not hidden). */
static const char *const word_neg[] = {
    "hidden", "hide", "is-hidden", "d-none", "display-none", "invisible", "u-hidden",
};
static const char *const maybe_pos[] = {
    "article", "body", "content", "main", "story", "entry", "column", "shadow",
};
static const char *const pos_hint[] = {
    "article", "body", "content", "entry", "hentry", "h-entry",
    "main",    "page", "post",    "text",  "blog",   "story",
};
static const char *const neg_hint[] = {
    "hidden",   "banner",  "combx",      "comment",  "com-",     "contact", "foot",   "gdpr",
    "masthead", "media",   "meta",       "outbrain", "promo",    "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor",  "shopping", "tags",    "tool",   "widget",
};

static int any_sub(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strstr(s, list[i]))
            return 1;
    }
    return 0;
}

static int any_tok(const char *s, const char *const *list, size_t n)
{
    const char *p = s;

    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *b = p;
        while (*p && isalnum((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - b);
        if (!len)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (strlen(list[i]) == len && memcmp(list[i], b, len) == 0)
                return 1;
        }
    }
    return 0;
}

static int any_word(const char *s, const char *const *list, size_t n)
{
    const char *p = s;

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t len = (size_t)(p - b);
        for (size_t i = 0; len && i < n; i++) {
            if (strlen(list[i]) == len && memcmp(list[i], b, len) == 0)
                return 1;
        }
    }
    return 0;
}

/* CMS taxonomy classes ("tag-comments", "category-social", "author-jane") name the post's
 * topics, not the element's role. */
static int is_taxonomy_class(const char *w, size_t len)
{
    static const char *const pre[] = {"tag-",   "category-", "format-", "status-",    "type-",
                                      "label-", "topic-",    "tags-",   "categories-"};
    for (size_t i = 0; i < NELEM(pre); i++) {
        size_t pl = strlen(pre[i]);
        if (len > pl && strncasecmp(w, pre[i], pl) == 0)
            return 1;
    }
    /* post-3708, postid-3708 */
    if (len > 5 && strncasecmp(w, "post-", 5) == 0 && isdigit((unsigned char)w[5]))
        return 1;
    return len > 7 && strncasecmp(w, "postid-", 7) == 0;
}

/* Lower-cased "class id" of n into buf; returns 0 when both are absent. */
int ex_class_id(const xmlNode *n, char *buf, size_t size)
{
    size_t len = 0;
    int found = 0;

    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || (strcmp((const char *)a->name, "class") != 0 &&
                         strcmp((const char *)a->name, "id") != 0))
            continue;
        if (!a->children || !a->children->content)
            continue;
        found = 1;
        const char *p = (const char *)a->children->content;
        while (*p && len + 2 < size) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            const char *w = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
            if (p == w || is_taxonomy_class(w, (size_t)(p - w)))
                continue;
            for (; w < p && len + 2 < size; w++)
                buf[len++] = (char)tolower((unsigned char)*w);
            buf[len++] = ' ';
        }
    }
    buf[len] = '\0';
    return found;
}

static int is_hidden(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        const char *v =
            a->children && a->children->content ? (const char *)a->children->content : "";
        if (!strcmp(name, "hidden"))
            return 1;
        if (!strcmp(name, "aria-hidden") && !strcasecmp(v, "true"))
            return 1;
        if (!strcmp(name, "style")) {
            char buf[256];
            size_t j = 0;
            for (const char *p = v; *p && j + 1 < sizeof(buf); p++) {
                if (!ex_is_space((unsigned char)*p))
                    buf[j++] = (char)tolower((unsigned char)*p);
            }
            buf[j] = '\0';
            if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
                return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- pass 1: walk */

static size_t new_stat(struct ex *x)
{
    ALLOC_GROW(x->st, x->nst + 1, x->st_alloc);
    memset(&x->st[x->nst], 0, sizeof(x->st[0]));
    return ++x->nst;
}

/* Counts visible characters and commas of a text node into s. */
static void count_text(const char *p, uint32_t *chars, uint32_t *commas)
{
    int sp = 1;
    uint32_t c = 0, k = 0;

    for (const unsigned char *q = (const unsigned char *)p; *q; q++) {
        if (ex_is_space(*q)) {
            sp = 1;
            continue;
        }
        if ((*q & 0xC0) == 0x80)
            continue;
        if (sp && c)
            c++;
        sp = 0;
        c++;
        if (*q == ',')
            k++;
    }
    if (sp && c)
        c++; /* trailing whitespace separates from the next node */
    *chars = c;
    *commas = k;
}

/* Tag bias of a candidate, as in Readability. */
static int tag_bias(enum tag t)
{
    switch (t) {
    case T_DIV:
    case T_ARTICLE:
    case T_MAIN:
    case T_SECTION:
        return 5;
    case T_PRE:
    case T_TD:
    case T_BLOCKQUOTE:
        return 3;
    case T_ADDRESS:
    case T_OL:
    case T_UL:
    case T_DL:
    case T_DD:
    case T_DT:
    case T_LI:
    case T_FORM:
        return -3;
    case T_H1:
    case T_H2:
    case T_H3:
    case T_H4:
    case T_H5:
    case T_H6:
    case T_TH:
        return -5;
    default:
        return 0;
    }
}

/* Hands score s to the ancestors of n (from n itself when self is set). */
static void give_score(struct ex *x, xmlNode *n, double s, int self)
{
    int level = 0;

    for (xmlNode *a = self ? n : n->parent; a && a->type == XML_ELEMENT_NODE && level < 5;
         a = a->parent, level++) {
        struct nstat *as = ex_nst_of(x, a);
        if (!as)
            break;
        if (!(as->flags & NF_SCORED)) {
            as->flags |= NF_SCORED;
            as->score = tag_bias(as->tag) + as->weight;
        }
        as->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
    }
}

/* Is n a paragraph-like block (scored as a unit)? */
static int is_paragraph(const struct nstat *s)
{
    switch (s->tag) {
    case T_P:
    case T_PRE:
        return 1;
    case T_TD:
    case T_DIV:
    case T_SECTION:
    case T_ARTICLE:
    case T_BLOCKQUOTE:
    case T_LI:
    case T_DD:
        return !(s->flags & NF_BLOCKKID);
    default:
        return 0;
    }
}

static void leave_node(struct ex *x, xmlNode *n)
{
    struct nstat *s = ex_nst_of(x, n);
    struct nstat *ps;

    if (!s)
        return;
    if (!(s->flags & NF_JUNK) && is_paragraph(s) && s->text >= 25) {
        double sc = 1.0 + s->commas + (s->text / 100 > 3 ? 3 : s->text / 100);
        give_score(x, n, sc, 0);
        s->paras++;
    } else if (!(s->flags & NF_JUNK) && (s->flags & NF_BLOCKKID) && s->inl >= 25 && s->tag != T_A &&
               !ex_tag_is_heading(s->tag)) {
        /* loose text between blocks ("text<br><div>img</div><br>text"): Readability wraps
         * it in paragraphs of this element; score it the same way */
        double sc = 1.0 + s->inl_commas + (s->inl / 100 > 3 ? 3 : s->inl / 100);
        give_score(x, n, sc, 1);
        s->paras++;
    }
    if (s->tag == T_A)
        s->link = s->text;

    if (s->tag == T_IMG && !(s->flags & NF_JUNK) && ex_img_usable(n))
        s->flags |= NF_HASIMG;
    ps = n->parent ? ex_nst_of(x, n->parent) : NULL;
    if (!ps)
        return;
    if (ex_tag_is_block(s->tag))
        ps->flags |= NF_BLOCKKID;
    if (s->flags & NF_JUNK)
        return;
    ps->flags |= s->flags & NF_HASIMG;
    if (!ex_tag_is_block(s->tag)) {
        ps->inl += s->inl;
        ps->inl_commas += s->inl_commas;
    }
    ps->text += s->text;
    ps->link += s->link;
    ps->commas += s->commas;
    ps->paras += s->paras;
}

/* <a rel="tag">: an entry of a tag list (microformats rel-tag). */
static int is_tag_link(const xmlNode *n, enum tag t)
{
    if (t != T_A)
        return 0;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && !strcmp((const char *)a->name, "rel") && a->children && a->children->content)
            return any_word((const char *)a->children->content, (const char *const[]){"tag"}, 1);
    }
    return 0;
}

/* Decides the flags of element n on the way down; returns 0 to skip the subtree. */
static int enter_element(struct ex *x, xmlNode *n, struct nstat *s)
{
    char cid[256];
    enum tag t = s->tag;

    uint32_t role = 0;
    ex_meta_element(x, n, t);
    if (n->properties)
        role = ex_itemprop(x, n);
    if (ex_tag_is_junk(t) || (role & NF_JUNK) || is_hidden(n) || is_tag_link(n, t)) {
        s->flags |= NF_JUNK;
        return 0;
    }
    if (x->class_rules && t != T_ARTICLE && t != T_BODY && t != T_MAIN)
        s->flags |= role;
    if (!ex_class_id(n, cid, sizeof(cid)))
        return 1;
    int maybe = any_sub(cid, maybe_pos, NELEM(maybe_pos));
    int guarded =
        !x->class_rules || t == T_BODY || t == T_HTML || t == T_A || t == T_MAIN || t == T_ARTICLE;
    if (!guarded &&
        (any_sub(cid, strong_neg, NELEM(strong_neg)) || any_tok(cid, tok_neg, NELEM(tok_neg)) ||
         any_word(cid, word_neg, NELEM(word_neg)))) {
        /* "article-body social" keeps its body; "comment-body" does not */
        int strong_pos = strstr(cid, "articlebody") || strstr(cid, "article-body") ||
                         strstr(cid, "article_body") || strstr(cid, "story-body") ||
                         strstr(cid, "entry-content") || strstr(cid, "post-content") ||
                         strstr(cid, "article-content") || strstr(cid, "story-content");
        /* embedded posts (tweets, videos) quoted by the article are content */
        if (!strong_pos && (strstr(cid, "embed") || strstr(cid, "tweet")) &&
            !strstr(cid, "comment") && !strstr(cid, "caption") && !strstr(cid, "credit"))
            strong_pos = 1;
        if (strstr(cid, "comment") || strstr(cid, "disqus")) {
            /* comment threads are long, punctuated text: they must never compete */
            s->flags |= NF_JUNK;
            return 0;
        }
        if (!strong_pos) {
            /* decided once the article is found (junk_weak): only the article's own
             * ancestors survive a negative class */
            s->flags |= NF_WEAK;
            goto hints;
        }
    } else if (!guarded && !maybe && any_sub(cid, weak_neg, NELEM(weak_neg))) {
        /* "sidebar", "menu", "widget": decided once the article is found (see
         * junk_weak), because themes wrap whole articles in "sticky-sidebar" too */
        s->flags |= NF_WEAK;
    }
hints:
    if (any_sub(cid, pos_hint, NELEM(pos_hint)))
        s->weight += 25;
    if (any_sub(cid, neg_hint, NELEM(neg_hint)))
        s->weight -= 25;
    return 1;
}

static enum html_walk_action walk_enter(void *ctx, xmlNode *n, unsigned depth)
{
    struct ex *x = ctx;

    if (n->type == XML_ELEMENT_NODE) {
        size_t idx = new_stat(x);
        struct nstat *s = &x->st[idx - 1];
        n->_private = (void *)(uintptr_t)idx;
        s->tag = ex_tag_of(n);
        return enter_element(x, n, s) ? HTML_WALK_DESCEND : HTML_WALK_SKIP;
    }
    if (n->type == XML_TEXT_NODE && n->content && n->parent) {
        struct nstat *ps = ex_nst_of(x, n->parent);
        if (ps && !(ps->flags & NF_JUNK)) {
            uint32_t c, k;
            count_text((const char *)n->content, &c, &k);
            ps->text += c;
            ps->commas += k;
            ps->inl += c;
            ps->inl_commas += k;
        }
    }
    return HTML_WALK_SKIP;
}

static void walk_leave(void *ctx, xmlNode *n, unsigned depth)
{
    leave_node(ctx, n);
}

/* Walks the whole document once: metadata, flags, counts, scores (html_walk: iterative). */
void ex_walk(struct ex *x, xmlNode *root)
{
    static const struct html_walk_ops ops = {walk_enter, walk_leave};

    html_walk(root, 0, &ops, x);
}

/* ---------------------------------------------------------------- candidate choice */

double ex_final_score(const struct nstat *s)
{
    double ld = s->text ? (double)s->link / s->text : 0;
    return s->score * (1.0 - ld);
}

/* Marks every weak-negative element that is not the candidate or one of its ancestors as
 * junk.  Returns how many were marked. */
static int junk_weak(struct ex *x, xmlNode *root, xmlNode *top)
{
    int marked = 0;
    xmlNode *n = root;

    for (xmlNode *a = top; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        struct nstat *as = ex_nst_of(x, a);
        if (as && (as->flags & NF_WEAK))
            as->flags &= ~(uint32_t)NF_WEAK; /* kept: holds the article */
    }
    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? ex_nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && (s->flags & NF_WEAK)) {
            s->flags = (s->flags & ~(uint32_t)NF_WEAK) | NF_JUNK;
            marked++;
            descend = 0;
        }
        n = html_walk_next(n, root, descend);
    }
    return marked;
}

xmlNode *ex_best_candidate(struct ex *x, xmlNode *root)
{
    xmlNode *best = NULL;
    double best_sc = 0;
    xmlNode *n = root;

    /* collect the top candidates in document order */
    enum { TOPN = 5 };
    xmlNode *top[TOPN] = {0};
    double top_sc[TOPN] = {0};

    while (n) {
        struct nstat *s = n->type == XML_ELEMENT_NODE ? ex_nst_of(x, n) : NULL;
        int descend = s && !(s->flags & NF_JUNK);
        if (s && (s->flags & NF_SCORED) && !(s->flags & NF_JUNK)) {
            double sc = ex_final_score(s);
            for (int i = 0; i < TOPN; i++) {
                if (!top[i] || sc > top_sc[i]) {
                    memmove(&top[i + 1], &top[i], (TOPN - 1 - i) * sizeof(top[0]));
                    memmove(&top_sc[i + 1], &top_sc[i], (TOPN - 1 - i) * sizeof(top_sc[0]));
                    top[i] = n;
                    top_sc[i] = sc;
                    break;
                }
            }
        }
        n = html_walk_next(n, root, descend);
    }
    best = top[0];
    best_sc = top_sc[0];
    if (!best)
        return NULL;
    if (log_get_level() >= LOG_DEBUG) {
        for (int i = 0; i < TOPN && top[i]; i++) {
            char cid[256] = "";
            ex_class_id(top[i], cid, sizeof(cid));
            log_debug(MOD, "  top%d <%s %s> %.1f", i, (const char *)top[i]->name, cid, top_sc[i]);
        }
    }
    if (junk_weak(x, root, best)) {
        /* weak containers off the article's path went away, and candidates inside them
         * with them: choose again (junk_weak finds nothing the second time) */
        return ex_best_candidate(x, root);
    }

    /* Readability: when several strong alternatives share an ancestor of the best, the
     * article is split into sections and that ancestor is the real container. */
    int alts = 0;
    for (int i = 1; i < TOPN; i++) {
        if (top[i] && top_sc[i] >= best_sc * 0.75)
            alts++;
    }
    if (alts >= 2) {
        for (xmlNode *a = best->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
            struct nstat *as = ex_nst_of(x, a);
            if (!as || as->tag == T_BODY || as->tag == T_HTML)
                break;
            int contained = 0;
            for (int i = 1; i < TOPN; i++) {
                if (!top[i] || top_sc[i] < best_sc * 0.75)
                    continue;
                for (xmlNode *b = top[i]; b; b = b->parent) {
                    if (b == a) {
                        contained++;
                        break;
                    }
                }
            }
            if (contained >= 2) {
                best = a;
                break;
            }
        }
    }

    /* climb while the parent holds (nearly) the same text: a wrapper, not a sibling list */
    for (;;) {
        xmlNode *p = best->parent;
        struct nstat *bs = ex_nst_of(x, best), *ps = p ? ex_nst_of(x, p) : NULL;
        if (!ps || ps->tag == T_BODY || ps->tag == T_HTML || !bs)
            break;
        if (ps->text > bs->text + bs->text / 20 + 20)
            break;
        best = p;
    }
    return best;
}
