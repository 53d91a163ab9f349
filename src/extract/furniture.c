/*
 * furniture.c - page furniture at the top of a stored body (extract.h,
 * extract_strip_furniture).
 *
 * Two rules, both about the first paragraphs only, both general:
 *
 *   1. A caption already stored as the article's caption is not body text.  Outlets
 *      repeat the lead image's caption (often followed by its credit, "Photo: ...") as
 *      the first paragraph, sometimes after an empty paragraph left by the image itself.
 *      A first paragraph is dropped when its loose key (lower-cased letters and digits,
 *      ex_norm_key) equals the caption's, starts with it and goes on only with a credit
 *      (the stored credit, or at most CREDIT_MAX key bytes), or is the start of the
 *      caption with most of it (a caption cut short).
 *   2. A one- or two-word label before the dateline is not a paragraph.  Section labels
 *      ("Economy", "Companies") printed above the story are rendered as a paragraph of
 *      their own; such a paragraph (at most two words, no sentence punctuation at the end)
 *      is dropped when the next one opens with a dateline ("PRAGUE (AP) —", ex_find_dateline).
 *
 * Leading empty paragraphs go too.  The HTML and the plain text (one paragraph per line)
 * are edited in step: the same number of leading paragraphs leaves both.
 */
#include "extract/extract.h"
#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "html/text.h"

#include "core/banned.h"

#define CREDIT_MAX 40 /* key bytes after the caption that may be a credit */
#define LABEL_MAX_BYTES 32
#define LOOK_AHEAD 4 /* paragraphs examined at the top */

/* Rule 1. */
static int caption_like(const char *para, const char *caption, const char *credit)
{
    char *p, *c, *k = NULL;
    size_t pl, cl;
    int yes = 0;
    if (!caption || !*caption)
        return 0;
    p = ex_norm_key(para);
    c = ex_norm_key(caption);
    pl = strlen(p);
    cl = strlen(c);
    if (cl >= 8 && pl >= 8) {
        if (pl >= cl && memcmp(p, c, cl) == 0) {
            if (pl == cl || pl - cl <= CREDIT_MAX)
                yes = 1;
            else if (credit && *credit) {
                k = ex_norm_key(credit);
                yes = strcmp(p + cl, k) == 0;
            }
        } else if (pl < cl && memcmp(c, p, pl) == 0 && pl * 5 >= cl * 4) {
            yes = 1;
        }
    }
    free(p);
    free(c);
    free(k);
    return yes;
}

/* Rule 2: para is a label and next opens with a dateline. */
static int label_before_dateline(const char *para, const char *next)
{
    size_t n = strlen(para), words = 0;
    char *d;
    if (!next || n == 0 || n > LABEL_MAX_BYTES)
        return 0;
    if (strchr(".!?:;,\"", para[n - 1]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (para[i] != ' ' && (i == 0 || para[i - 1] == ' '))
            words++;
    if (words == 0 || words > 2)
        return 0;
    d = ex_find_dateline(next);
    free(d);
    return d != NULL;
}

/* How many of the leading paragraphs paras[0..n) to drop. */
static size_t leading_furniture(char **paras, size_t n, const char *caption, const char *credit)
{
    size_t i = 0;
    while (i < n && !paras[i][0])
        i++;
    if (i < n && caption_like(paras[i], caption, credit)) {
        i++;
        while (i < n && !paras[i][0])
            i++;
    }
    if (i < n && label_before_dateline(paras[i], i + 1 < n ? paras[i + 1] : NULL))
        i++;
    return i;
}

/* One leading <p> block of html at *pos: its end and its text (trimmed, malloc'd).
 * Returns 0 when the next block is not a <p>. */
static int next_p(const char *html, size_t *pos, char **text)
{
    const char *s = html + *pos, *open, *close;
    struct strbuf sb = STRBUF_INIT;
    while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
        s++;
    if (s[0] != '<' || (s[1] != 'p' && s[1] != 'P') || (s[2] != '>' && s[2] != ' '))
        return 0;
    open = strchr(s, '>');
    close = open ? strstr(open, "</p>") : NULL;
    if (!close)
        return 0;
    if (html_to_text(open + 1, (size_t)(close - open - 1), &sb) != HERALD_OK)
        strbuf_reset(&sb);
    strbuf_trim(&sb);
    *text = strbuf_detach(&sb, NULL);
    *pos = (size_t)(close + 4 - html);
    return 1;
}

static void free_paras(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

/* Removes the first line of *text when it is the paragraph para (compared loosely). */
static int drop_text_line(char *text, const char *para)
{
    char *nl = strchr(text, '\n'), *line, *a, *b;
    int same;
    line = xstrndup(text, nl ? (size_t)(nl - text) : strlen(text));
    a = ex_norm_key(line);
    b = ex_norm_key(para);
    same = strcmp(a, b) == 0;
    free(line);
    free(a);
    free(b);
    if (!same)
        return 0;
    if (nl)
        memmove(text, nl + 1, strlen(nl + 1) + 1);
    else
        text[0] = '\0';
    return 1;
}

size_t extract_strip_furniture(char **html, char **text, const char *caption, const char *credit)
{
    char *paras[LOOK_AHEAD];
    size_t ends[LOOK_AHEAD], n = 0, pos = 0, drop;
    int from_html = html && *html;

    if (from_html) {
        while (n < LOOK_AHEAD && next_p(*html, &pos, &paras[n])) {
            ends[n] = pos;
            n++;
        }
    } else if (text && *text) {
        const char *t = *text;
        while (n < LOOK_AHEAD && *t) {
            const char *nl = strchr(t, '\n');
            size_t len = nl ? (size_t)(nl - t) : strlen(t);
            struct strbuf sb = STRBUF_INIT;
            strbuf_add(&sb, t, len);
            strbuf_trim(&sb);
            paras[n++] = strbuf_detach(&sb, NULL);
            t = nl ? nl + 1 : t + len;
        }
    }
    drop = leading_furniture(paras, n, caption, credit);
    if (drop && from_html) {
        const char *rest = *html + ends[drop - 1];
        while (*rest == '\n' || *rest == '\r')
            rest++;
        memmove(*html, rest, strlen(rest) + 1);
    }
    /* the same paragraphs leave the text, where they are lines (empty ones are not) */
    for (size_t i = 0; drop && text && *text && i < drop; i++) {
        if (!paras[i][0] && from_html)
            continue;
        if (!drop_text_line(*text, paras[i]))
            break;
    }
    free_paras(paras, n);
    return drop;
}
