/*
 * sentence.c - the story's sentences (ai_split_sentences; see ai.h).
 *
 * Two passes.  The text is first cut into paragraphs (lines); a paragraph that is page
 * furniture rather than story is dropped whole: "Related:" / "Read more" / "Sign up"
 * lines, bylines ("By Jane Doe and John Roe"), photo credits ("Photo: AP", "... /Getty
 * Images"), time stamps ("Updated 10:32 GMT") and lone labels (three words or fewer and
 * no closing punctuation, such as a section name).  A dateline that opens a paragraph
 * ("PRAGUE (AP) —", "LONDON, March 3 (Reuters) -", "(CNN)") is cut off.
 *
 * Then each paragraph is cut after '.', '!', '?' or '…' (and any closing quotes or
 * brackets) when white space follows and the next word starts with a capital, a digit or
 * an opening quote.  A period does not end a sentence after a known abbreviation ("Mr.",
 * "Gen.", "Jan."), after a single capital (an initial, "J. K. Rowling"), or after a
 * dotted acronym ("U.S.", "a.m.") unless the next word is one that typically starts a
 * sentence ("The", "He", "But").  Decimals ("3.5") never have white space after the
 * point, so they are never cut.
 *
 * The rules are simple and local on purpose: a statistical splitter (Punkt) would need
 * training data per language and gains little on edited news text.
 */
#include "ai/ai_int.h"
#include "core/alloc.h"
#include "core/strbuf.h"
#include "text/tokenize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/banned.h"

/* Words after which a period does not end a sentence (compared without the period). */
static const char *const abbreviations[] = {
    "Mr",   "Mrs",  "Ms",   "Dr",   "Prof", "Gen",   "Sen",    "Rep",  "Gov",  "Lt",   "Col",
    "Capt", "Sgt",  "Maj",  "Cpl",  "Adm",  "Cmdr",  "Brig",   "Pvt",  "St",   "Ste",  "Mt",
    "Ft",   "Jr",   "Sr",   "Rev",  "Hon",  "Pres",  "Supt",   "Det",  "Insp", "Fr",   "Messrs",
    "No",   "Nos",  "Vol",  "vs",   "v",    "Jan",   "Feb",    "Mar",  "Apr",  "Jun",  "Jul",
    "Aug",  "Sep",  "Sept", "Oct",  "Nov",  "Dec",   "approx", "est",  "Ave",  "Blvd", "Rd",
    "Inc",  "Corp", "Ltd",  "Co",   "Bros", "Gov't", "Atty",   "Dept", "Univ", "Assn", "Ald",
    "Cllr", "Rt",   "Mme",  "Mlle", "Sr",   "Sra",   "Hr",     "Nr",   "ca",   "cf",   "al",
    "Fig",  "fig",  "pp",   "p",    "Op",   "ed",    "eds",    "Gens", "Sens", "Reps", "Govs",
};

/* Words that start sentences, so a dotted acronym before them ends one ("in the U.S. The"). */
static const char *const starters[] = {
    "The",     "He",        "She",   "It",       "They",    "We",        "I",       "But",
    "And",     "In",        "A",     "An",       "This",    "That",      "These",   "Those",
    "There",   "His",       "Her",   "Their",    "Our",     "On",        "At",      "As",
    "After",   "When",      "While", "If",       "So",      "Some",      "Many",    "Most",
    "Its",     "Officials", "Yet",   "Still",    "Now",     "Then",      "However", "Meanwhile",
    "Earlier", "Last",      "Since", "Although", "Despite", "According", "For",     "Not",
    "No",      "Both",
};

static int word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static int is_space_at(const char *s, size_t n, size_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        *adv = 1;
        return 1;
    }
    if (n >= 2 && c == 0xc2 && (unsigned char)s[1] == 0xa0) { /* NBSP */
        *adv = 2;
        return 1;
    }
    if (n >= 3 && c == 0xe2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x8a)) { /* U+2000..200A */
        *adv = 3;
        return 1;
    }
    return 0;
}

/* A closing quote or bracket at s: returns its byte length, else 0. */
static size_t closer_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    if (n >= 3 && c == 0xe2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0x9d)) /* ’ ” */
        return 3;
    if (n >= 2 && c == 0xc2 && (unsigned char)s[1] == 0xbb) /* » */
        return 2;
    return 0;
}

/* An opening quote or bracket at s: returns its byte length, else 0. */
static size_t opener_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '"' || c == '\'' || c == '(' || c == '[')
        return 1;
    if (n >= 3 && c == 0xe2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x98 || (unsigned char)s[2] == 0x9c)) /* ‘ “ */
        return 3;
    if (n >= 2 && c == 0xc2 && (unsigned char)s[1] == 0xab) /* « */
        return 2;
    return 0;
}

/* Whether a sentence may start at s: a capital or digit, possibly after an opener. */
static int starts_sentence(const char *s, size_t n)
{
    size_t o = n ? opener_at(s, n) : 0;
    s += o;
    n -= o;
    if (n == 0)
        return 0;
    if (isdigit((unsigned char)s[0]))
        return 1;
    return ai_is_upper_at(s, n);
}

/* Whether the period at p[i] (paragraph p[0..n)) ends a sentence, given that white
 * space and a sentence-like start follow at k. */
static int period_ends(const char *p, size_t i, size_t n, size_t k)
{
    size_t b = i;
    while (b > 0 && !isspace((unsigned char)p[b - 1]) && (unsigned char)p[b - 1] != 0xa0)
        b--;
    while (b < i && (opener_at(p + b, i - b) || p[b] == '.'))
        b += opener_at(p + b, i - b) ? opener_at(p + b, i - b) : 1;
    if (b == i)
        return 1; /* "..." or a lone period */
    const char *w = p + b;
    size_t wn = i - b;
    if (word_in(w, wn, abbreviations, sizeof(abbreviations) / sizeof(abbreviations[0]))) {
        /* "No. 10" is an abbreviation; "said no." is not */
        return 0;
    }
    if (wn == 1 && isupper((unsigned char)w[0]))
        return 0; /* an initial */
    if (memchr(w, '.', wn)) {
        /* a dotted acronym (U.S., a.m.): ends only before a typical sentence starter */
        size_t e = k;
        while (e < n && isalpha((unsigned char)p[e]))
            e++;
        return word_in(p + k, e - k, starters, sizeof(starters) / sizeof(starters[0]));
    }
    return 1;
}

static int has_prefix_ci(const char *s, size_t n, const char *pre)
{
    size_t m = strlen(pre);
    return n >= m && strncasecmp(s, pre, m) == 0;
}

static int contains(const char *s, size_t n, const char *needle)
{
    return memmem(s, n, needle, strlen(needle)) != NULL;
}

static size_t count_words(const char *s, size_t n, size_t *lower_initial)
{
    struct text_words it;
    struct text_word w;
    size_t words = 0, lower = 0;
    text_words_init(&it, s, n);
    while (text_words_next(&it, &w)) {
        words++;
        if (islower((unsigned char)s[w.start]) && strcmp(w.fold, "and") != 0 &&
            strcmp(w.fold, "of") != 0 && strcmp(w.fold, "the") != 0 && strcmp(w.fold, "for") != 0)
            lower++;
    }
    text_words_release(&it);
    if (lower_initial)
        *lower_initial = lower;
    return words;
}

static int ends_with_terminal(const char *s, size_t n)
{
    while (n > 0) {
        size_t c = 0;
        if (n >= 3)
            c = closer_at(s + n - 3, 3) == 3 ? 3 : 0;
        if (!c && closer_at(s + n - 1, 1))
            c = 1;
        if (!c)
            break;
        n -= c;
    }
    if (n == 0)
        return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':')
        return 1;
    return n >= 3 && memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0;
}

/* Whether a whole paragraph is furniture, not story. */
static int is_furniture(const char *s, size_t n)
{
    static const char *const prefixes[] = {
        "related:",    "related coverage", "related articles", "related stories",
        "read more",   "read also",        "read next",        "see also",
        "more:",       "click here",       "sign up",          "subscribe",
        "follow us",   "advertisement",    "share this",       "watch:",
        "watch video", "photo:",           "photos:",          "image:",
        "picture:",    "pictured:",        "credit:",          "caption:",
        "file photo",  "copyright",        "\xc2\xa9",         "all rights reserved",
        "updated ",    "published ",       "last updated",     "this article",
        "scroll down", "for more",         "listen:",
    };
    static const char *const credits[] = {
        "Getty Images", "AP Photo", "Photograph:", "/AFP", "/Reuters", "Shutterstock", "/AP",
        "Pictures:",    "(Photo",   "(Image",      "/EPA", "Photo by", "Image:",
    };
    size_t lower, words = count_words(s, n, &lower);
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (has_prefix_ci(s, n, prefixes[i]) && words <= 40)
            return 1;
    if (words == 0)
        return 1;
    if (words <= 14)
        for (size_t i = 0; i < sizeof(credits) / sizeof(credits[0]); i++)
            if (contains(s, n, credits[i]))
                return 1;
    /* a byline: "By Jane Doe", "By JANE DOE and John Roe, Associated Press" */
    if (n > 3 && memcmp(s, "By ", 3) == 0 && words <= 10 && lower == 0 &&
        ai_is_upper_at(s + 3, n - 3))
        return 1;
    if (words <= 3 && !ends_with_terminal(s, n))
        return 1;
    return 0;
}

/* The length of a dateline opening p[0..n), or 0. */
static size_t dateline_len(const char *p, size_t n)
{
    static const char *const dashes[] = {
        " \xe2\x80\x94 ", " \xe2\x80\x93 ", " -- ", " - ", "\xe2\x80\x94", "--"};
    size_t lim = n < 90 ? n : 90;
    /* "(CNN)", "(AP)" at the very start, with or without a dash after */
    if (n > 2 && p[0] == '(') {
        size_t j = 1;
        while (j < lim && j < 20 && (isupper((unsigned char)p[j]) || p[j] == '.' || p[j] == ' '))
            j++;
        if (j < lim && p[j] == ')' && j > 1) {
            j++;
            size_t k = j;
            while (k < n && p[k] == ' ')
                k++;
            for (size_t d = 0; d < sizeof(dashes) / sizeof(dashes[0]); d++) {
                size_t dl = strlen(dashes[d]);
                const char *ds = dashes[d];
                while (*ds == ' ')
                    ds++, dl--;
                if (n - k >= dl && memcmp(p + k, ds, dl) == 0) {
                    k += dl;
                    break;
                }
            }
            while (k < n && p[k] == ' ')
                k++;
            return k;
        }
    }
    for (size_t d = 0; d < sizeof(dashes) / sizeof(dashes[0]); d++) {
        const char *hit = memmem(p, lim, dashes[d], strlen(dashes[d]));
        if (!hit)
            continue;
        size_t pre = (size_t)(hit - p);
        if (pre < 2)
            continue;
        /* the prefix: no sentence punctuation, an all-capitals word of two letters or
         * more (the place) or an agency in brackets */
        int caps_word = 0, agency = 0, bad = 0;
        struct text_words it;
        struct text_word w;
        if (memchr(p, '.', pre) || memchr(p, '"', pre))
            bad = 1;
        text_words_init(&it, p, pre);
        while (!bad && text_words_next(&it, &w)) {
            size_t st = w.start, wl = w.end - w.start;
            int all_caps = wl >= 2;
            for (size_t q = st; q < st + wl; q++)
                if (!isupper((unsigned char)p[q]) && p[q] != '-')
                    all_caps = 0;
            if (all_caps && st > 0 && p[st - 1] == '(')
                agency = 1;
            else if (all_caps)
                caps_word = 1;
            else if (!ai_is_upper_at(p + st, pre - st) && !isdigit((unsigned char)p[st]))
                bad = 1; /* a lower-case word: a sentence, not a dateline */
        }
        text_words_release(&it);
        if (bad || !(caps_word || agency))
            continue;
        size_t k = pre + strlen(dashes[d]);
        while (k < n && p[k] == ' ')
            k++;
        return k;
    }
    return 0;
}

struct sent_list {
    struct ai_sentence *items;
    size_t count, alloc;
};

/* Appends p[0..n) (at offset off of the text) with white space collapsed and invalid
 * UTF-8 replaced by spaces; skipped when it holds no letter. */
static void add_sentence(struct sent_list *l, const char *text, size_t off, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    const char *p = text + off;
    int letters = 0, pending_space = 0;
    size_t i = 0;
    while (i < n) {
        size_t adv;
        if (is_space_at(p + i, n - i, &adv) || p[i] == '\n') {
            pending_space = sb.len > 0;
            i += p[i] == '\n' ? 1 : adv;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (m <= 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            pending_space = sb.len > 0;
            i++;
            continue;
        }
        if (pending_space)
            strbuf_addch(&sb, ' ');
        pending_space = 0;
        strbuf_add(&sb, p + i, (size_t)m);
        if (!letters && ai_is_letter_at(p + i, n - i))
            letters = 1;
        i += (size_t)m;
    }
    if (!letters) {
        strbuf_release(&sb);
        return;
    }
    ALLOC_GROW(l->items, l->count + 1, l->alloc);
    l->items[l->count].text = strbuf_detach(&sb, NULL);
    l->items[l->count].off = off;
    l->items[l->count].len = n;
    l->items[l->count].index = l->count;
    l->count++;
}

static void trim(const char *t, size_t *s, size_t *e)
{
    size_t adv;
    while (*s < *e && (is_space_at(t + *s, *e - *s, &adv) ? (*s += adv, 1) : 0))
        ;
    while (*e > *s &&
           (isspace((unsigned char)t[*e - 1]) ||
            (*e - *s >= 2 && (unsigned char)t[*e - 2] == 0xc2 && (unsigned char)t[*e - 1] == 0xa0)))
        *e -= isspace((unsigned char)t[*e - 1]) ? 1 : 2;
}

static void split_paragraph(struct sent_list *l, const char *text, size_t ps, size_t pe)
{
    const char *p = text + ps;
    size_t n = pe - ps, start = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        size_t j;
        if (c == '.' || c == '!' || c == '?')
            j = i + 1;
        else if (c == 0xe2 && n - i >= 3 && (unsigned char)p[i + 1] == 0x80 &&
                 (unsigned char)p[i + 2] == 0xa6)
            j = i + 3;
        else {
            i++;
            continue;
        }
        for (;;) {
            size_t cl;
            if (j < n && (p[j] == '.' || p[j] == '!' || p[j] == '?'))
                j++;
            else if (j < n && (cl = closer_at(p + j, n - j)) != 0)
                j += cl;
            else
                break;
        }
        size_t adv, k = j;
        if (k >= n || !is_space_at(p + k, n - k, &adv)) {
            i = j > i + 1 ? j : i + 1;
            continue;
        }
        while (k < n && is_space_at(p + k, n - k, &adv))
            k += adv;
        if (k < n && starts_sentence(p + k, n - k) && (c != '.' || period_ends(p, i, n, k))) {
            size_t s = start, e = j;
            trim(text + ps, &s, &e);
            if (e > s)
                add_sentence(l, text, ps + s, e - s);
            start = k;
        }
        i = k;
    }
    size_t s = start, e = n;
    trim(p, &s, &e);
    if (e > s)
        add_sentence(l, text, ps + s, e - s);
}

void ai_datelines(const char *text, size_t len, ai_dateline_fn fn, void *ctx)
{
    size_t i = 0;
    if (len > AI_MAX_TEXT)
        len = AI_MAX_TEXT;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n' && text[e] != '\0')
            e++;
        size_t s = i, te = e;
        trim(text, &s, &te);
        size_t d = te > s ? dateline_len(text + s, te - s) : 0;
        const char *p = text + s;
        /* the place: the leading words in capitals; the agency: what is in brackets */
        size_t q = 0;
        while (q < d && (isupper((unsigned char)p[q]) || p[q] == ' ' || p[q] == '-' ||
                         p[q] == '.' || p[q] == '\''))
            q++;
        while (q > 0 && !isupper((unsigned char)p[q - 1]))
            q--;
        if (q >= 2)
            fn(ctx, p, q, 0);
        const char *open = d ? memchr(p, '(', d) : NULL;
        const char *close = open ? memchr(open, ')', d - (size_t)(open - p)) : NULL;
        if (open && close && close > open + 1)
            fn(ctx, open + 1, (size_t)(close - open - 1), 1);
        if (e < len && text[e] == '\0')
            break;
        i = e + 1;
    }
}

herald_status ai_split_sentences(const char *text, size_t len, struct ai_sentence **out,
                                 size_t *count)
{
    struct sent_list l = {0};
    if (!text || !out || !count)
        return HERALD_E_INVALID;
    if (len > AI_MAX_TEXT) {
        len = AI_MAX_TEXT;
        while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
            len--;
    }
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n' && text[e] != '\0')
            e++;
        size_t s = i, te = e;
        trim(text, &s, &te);
        if (te > s && !is_furniture(text + s, te - s)) {
            size_t d = dateline_len(text + s, te - s);
            s += d;
            if (te > s)
                split_paragraph(&l, text, s, te);
        }
        if (e < len && text[e] == '\0')
            break;
        i = e + 1;
    }
    *out = l.items;
    *count = l.count;
    return HERALD_OK;
}

void ai_sentences_free(struct ai_sentence *s, size_t count)
{
    if (!s)
        return;
    for (size_t i = 0; i < count; i++)
        free(s[i].text);
    free(s);
}
