/*
 * render_users.c - see view.h: the comments section and the comment text format.
 *
 * A comment is plain text.  It is written as paragraphs (split at blank lines) with line
 * breaks, every byte escaped, and only http(s) URLs turned into links, marked
 * rel="nofollow ugc noopener" (user content: no ranking credit, no window.opener).  A URL
 * runs to the next space and loses trailing punctuation that usually ends a sentence.
 * Nothing a reader types is ever markup.
 *
 * Threads: top-level comments oldest first, each followed by its replies (depth 1) and
 * theirs (depth 2), as nested lists.  Every form posts to this site with the session's CSRF
 * token; anonymous readers get a sign-in link instead.
 */
#include "web/view.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "html/escape.h"

#include "core/banned.h"

#define T(sb, s) html_escape_text((sb), (s))
#define A(sb, s) html_escape_attr((sb), (s))

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The length of the URL at s (http:// or https:// up to whitespace, less trailing
 * punctuation), or 0. */
static size_t url_len(const char *s, size_t n)
{
    size_t i;
    if (!(n > 7 && strncmp(s, "http://", 7) == 0) && !(n > 8 && strncmp(s, "https://", 8) == 0))
        return 0;
    for (i = 0; i < n && !is_space(s[i]) && s[i] != '<' && s[i] != '>' && s[i] != '"'; i++)
        ;
    while (i > 0 && strchr(".,;:!?)]}'", s[i - 1]))
        i--;
    return i > 8 ? i : 0;
}

static void put_line(struct strbuf *out, const char *s, size_t n)
{
    size_t i = 0, start = 0;
    while (i < n) {
        size_t u = (i == 0 || is_space(s[i - 1]) || s[i - 1] == '(') ? url_len(s + i, n - i) : 0;
        if (!u) {
            i++;
            continue;
        }
        html_escape_text_n(out, s + start, i - start);
        strbuf_adds(out, "<a href=\"");
        html_escape_attr_n(out, s + i, u);
        strbuf_adds(out, "\" rel=\"nofollow ugc noopener\">");
        html_escape_text_n(out, s + i, u);
        strbuf_adds(out, "</a>");
        i += u;
        start = i;
    }
    html_escape_text_n(out, s + start, n - start);
}

void web_render_comment_text(struct strbuf *out, const char *text)
{
    const char *p = text ? text : "";
    int open = 0, lines = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t m = n;
        while (m > 0 && p[m - 1] == '\r')
            m--;
        int blank = 1;
        for (size_t i = 0; i < m; i++)
            if (!is_space(p[i]))
                blank = 0;
        if (blank) {
            if (open)
                strbuf_adds(out, "</p>");
            open = 0;
        } else {
            if (!open) {
                strbuf_adds(out, "<p>");
                open = 1;
                lines = 0;
            }
            if (lines++)
                strbuf_adds(out, "<br>");
            put_line(out, p, m);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    if (open)
        strbuf_adds(out, "</p>");
}

static void put_csrf(struct strbuf *out, const char *csrf)
{
    strbuf_adds(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
    A(out, csrf ? csrf : "");
    strbuf_adds(out, "\">");
}

/* A one-button form posting to action. */
static void put_button(struct strbuf *out, const char *csrf, const char *action, const char *label)
{
    strbuf_adds(out, "<form class=\"inline\" method=\"post\" action=\"");
    A(out, action);
    strbuf_adds(out, "\">");
    put_csrf(out, csrf);
    strbuf_adds(out, "<button type=\"submit\">");
    T(out, label);
    strbuf_adds(out, "</button></form>");
}

static void put_compose(struct strbuf *out, const struct web_comments *c, int64_t parent)
{
    char action[96], fid[40];
    snprintf(action, sizeof(action), "/article/%s/comments", c->article_id);
    snprintf(fid, sizeof(fid), "body-%" PRId64, parent);
    strbuf_adds(out, "<form class=\"compose\" method=\"post\" action=\"");
    A(out, action);
    strbuf_adds(out, "\">");
    put_csrf(out, c->csrf);
    if (parent)
        strbuf_addf(out, "<input type=\"hidden\" name=\"parent\" value=\"%" PRId64 "\">", parent);
    strbuf_addf(out,
                "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"body\" rows=\"4\" "
                "maxlength=\"5000\" required></textarea><button type=\"submit\">%s</button></form>",
                fid, parent ? "Your reply" : "Add a comment", fid,
                parent ? "Post reply" : "Post comment");
}

static void put_comment(struct strbuf *out, const struct web_render_ctx *ctx,
                        const struct web_comments *c, const struct web_comment *m)
{
    char action[64];
    strbuf_addf(out, "<li class=\"comment depth-%d\" id=\"c%" PRId64 "\"><article>", m->depth,
                m->id);
    strbuf_adds(out, "<p class=\"meta\"><span class=\"author\">");
    if (m->author)
        T(out, m->author);
    else
        strbuf_adds(out, "<em>deleted user</em>");
    strbuf_adds(out, "</span> <span aria-hidden=\"true\">\xc2\xb7</span> ");
    web_render_put_time(out, ctx, m->created);
    if (m->edited != TIME_NONE)
        strbuf_adds(out, " <span class=\"edited\">(edited)</span>");
    if (m->state == 1)
        strbuf_adds(out, " <span class=\"flag\">hidden</span>");
    if (c->moderator && m->reports)
        strbuf_addf(out, " <span class=\"flag\">%d report%s</span>", m->reports,
                    m->reports == 1 ? "" : "s");
    strbuf_adds(out, "</p>\n<div class=\"text\">");
    if (m->state == 2)
        strbuf_adds(out, "<p class=\"empty\">This comment was deleted.</p>");
    else if (m->state == 1 && !c->moderator)
        strbuf_adds(out, "<p class=\"empty\">This comment was hidden by a moderator.</p>");
    else
        web_render_comment_text(out, m->body);
    strbuf_adds(out, "</div>\n");
    if (c->viewer && m->state != 2) {
        strbuf_adds(out, "<div class=\"actions\">");
        if (m->editable) {
            strbuf_addf(out, "<a href=\"/comments/%" PRId64 "/edit\">Edit</a> ", m->id);
        }
        if (m->mine) {
            snprintf(action, sizeof(action), "/comments/%" PRId64 "/delete", m->id);
            put_button(out, c->csrf, action, "Delete");
        } else {
            snprintf(action, sizeof(action), "/comments/%" PRId64 "/report", m->id);
            put_button(out, c->csrf, action, "Report");
        }
        if (c->moderator) {
            snprintf(action, sizeof(action), "/comments/%" PRId64 "/%s", m->id,
                     m->state == 1 ? "unhide" : "hide");
            put_button(out, c->csrf, action, m->state == 1 ? "Unhide" : "Hide");
            if (!m->mine) {
                snprintf(action, sizeof(action), "/comments/%" PRId64 "/remove", m->id);
                put_button(out, c->csrf, action, "Delete");
            }
            if (m->author_id && !m->mine) {
                snprintf(action, sizeof(action), "/users/%" PRId64 "/ban", m->author_id);
                put_button(out, c->csrf, action, "Ban author");
            }
        }
        if (m->state == 0) {
            strbuf_adds(out, "<details class=\"reply\"><summary>Reply</summary>");
            put_compose(out, c, m->id);
            strbuf_adds(out, "</details>");
        }
        strbuf_adds(out, "</div>\n");
    }
    strbuf_adds(out, "</article>");
}

/* The comments whose parent is parent (0: top level), each with its replies. */
static void put_thread(struct strbuf *out, const struct web_render_ctx *ctx,
                       const struct web_comments *c, int64_t parent, int depth)
{
    int any = 0;
    for (size_t i = 0; i < c->n_items; i++) {
        const struct web_comment *m = &c->items[i];
        if (m->parent_id != parent || (parent && m->depth != depth))
            continue;
        if (!parent && m->depth != 0)
            continue;
        if (!any)
            strbuf_adds(out, depth ? "<ol class=\"replies\">\n" : "<ol class=\"thread\">\n");
        any = 1;
        put_comment(out, ctx, c, m);
        if (depth < 2)
            put_thread(out, ctx, c, m->id, depth + 1);
        strbuf_adds(out, "</li>\n");
    }
    if (any)
        strbuf_adds(out, "</ol>\n");
}

void web_render_comments(struct strbuf *out, const struct web_render_ctx *ctx,
                         const struct web_comments *c)
{
    char action[96];
    strbuf_adds(out, "<section class=\"comments\" aria-labelledby=\"comments-h\">"
                     "<h2 id=\"comments-h\">Comments");
    if (c->count)
        strbuf_addf(out, " <span class=\"count\">(%zu)</span>", c->count);
    strbuf_adds(out, "</h2>\n");
    if (c->viewer) {
        strbuf_adds(out, "<div class=\"reading\">");
        snprintf(action, sizeof(action), "/article/%s/%s", c->article_id,
                 c->saved ? "unsave" : "save");
        put_button(out, c->csrf, action, c->saved ? "Remove from saved" : "Save for later");
        snprintf(action, sizeof(action), "/article/%s/%s", c->article_id,
                 c->read ? "unread" : "read");
        put_button(out, c->csrf, action, c->read ? "Mark unread" : "Mark read");
        strbuf_adds(out, "</div>\n");
    }
    if (!c->n_items)
        strbuf_adds(out, "<p class=\"empty\">No comments yet.</p>\n");
    else
        put_thread(out, ctx, c, 0, 0);
    if (c->viewer) {
        put_compose(out, c, 0);
    } else {
        strbuf_adds(out, "<p class=\"signin\"><a href=\"/signin?next=/article/");
        A(out, c->article_id);
        strbuf_adds(out, "\">Sign in</a> or <a href=\"/signup\">create an account</a> to "
                         "comment.</p>\n");
    }
    strbuf_adds(out, "</section>\n");
}
