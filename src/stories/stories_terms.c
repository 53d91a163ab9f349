/*
 * stories_terms.c - an article as weighted terms (see stories.h, "Stories").
 *
 * Words come from the project's tokenizer (text/tokenize.h: case-folded runs of letters
 * and digits; a possessive "'s" leaves a one-letter word, which is dropped), are checked
 * against a short English stop list and stemmed with libstemmer's English stemmer
 * (text_stem); the term is a 63-bit FNV-1a hash of the stem (stored as an SQLite
 * integer).  The kind of a word is read from its original form: an acronym
 * (two or more letters, all upper case) or a capitalised word that does not start a
 * sentence, when the sentence is not in title case (most words capitalised, as many
 * headlines are), is an entity; a word with a digit is a number.
 */
#include "stories/stories_int.h"
#include "core/alloc.h"
#include "text/shingle.h"
#include "text/tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/banned.h"

struct stories_terms {
    text_stemmer *stem;
};

static const char *const stop_words[] = {
    "a",     "about", "after", "against", "all",   "also",   "amid",  "an",   "and",   "any",
    "are",   "as",    "at",    "be",      "been",  "before", "being", "but",  "by",    "can",
    "could", "did",   "do",    "does",    "down",  "for",    "from",  "had",  "has",   "have",
    "he",    "her",   "here",  "his",     "how",   "i",      "if",    "in",   "into",  "is",
    "it",    "its",   "just",  "more",    "most",  "my",     "new",   "no",   "not",   "now",
    "of",    "off",   "on",    "one",     "or",    "our",    "out",   "over", "said",  "says",
    "she",   "so",    "than",  "that",    "the",   "their",  "them",  "then", "there", "these",
    "they",  "this",  "those", "to",      "up",    "us",     "via",   "vs",   "was",   "we",
    "were",  "what",  "when",  "where",   "which", "who",    "why",   "will", "with",  "would",
    "you",   "your",
};

static int is_stop(const char *w)
{
    size_t lo = 0, hi = sizeof(stop_words) / sizeof(stop_words[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, stop_words[mid]);
        if (!c)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

stories_terms *stories_terms_new(void)
{
    stories_terms *t = xcalloc(1, sizeof(*t));
    t->stem = text_stemmer_new("en");
    return t;
}

void stories_terms_free(stories_terms *t)
{
    if (!t)
        return;
    text_stemmer_free(t->stem);
    free(t);
}

/* ---- vectors ------------------------------------------------------------------------ */

void stories_vec_release(struct stories_vec *v)
{
    free(v->term);
    free(v->w);
    memset(v, 0, sizeof(*v));
}

void stories_vec_clear(struct stories_vec *v)
{
    v->n = 0;
}

void stories_vec_push(struct stories_vec *v, uint64_t term, double w)
{
    if (v->n == v->alloc) {
        v->alloc = v->alloc ? v->alloc * 2 : 32;
        v->term = xrealloc(v->term, v->alloc * sizeof(*v->term));
        v->w = xrealloc(v->w, v->alloc * sizeof(*v->w));
    }
    v->term[v->n] = term;
    v->w[v->n++] = w;
}

struct tw {
    uint64_t t;
    double w;
};

static int cmp_term(const void *a, const void *b)
{
    uint64_t x = ((const struct tw *)a)->t, y = ((const struct tw *)b)->t;
    return x < y ? -1 : x > y;
}

static void vec_sort_by(struct stories_vec *v, int (*cmp)(const void *, const void *), size_t keep,
                        int merge)
{
    struct tw *tmp;
    size_t k = 0;
    if (!v->n)
        return;
    tmp = xmalloc(v->n * sizeof(*tmp));
    for (size_t i = 0; i < v->n; i++) {
        tmp[i].t = v->term[i];
        tmp[i].w = v->w[i];
    }
    qsort(tmp, v->n, sizeof(*tmp), cmp);
    for (size_t i = 0; i < v->n && k < keep; i++) {
        if (merge && k && tmp[i].t == v->term[k - 1]) {
            v->w[k - 1] += tmp[i].w;
            continue;
        }
        v->term[k] = tmp[i].t;
        v->w[k++] = tmp[i].w;
    }
    v->n = k;
    free(tmp);
}

void stories_vec_sort(struct stories_vec *v)
{
    vec_sort_by(v, cmp_term, (size_t)-1, 1);
}

static void swap_d(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* The k-th largest of w[0..n) (1 <= k <= n); w is reordered (three-way quickselect). */
static double kth_largest(double *w, size_t n, size_t k)
{
    size_t lo = 0, hi = n, want = k - 1;
    for (;;) {
        size_t lt = lo, i = lo, gt = hi;
        double pivot;
        if (hi - lo <= 1)
            return w[lo];
        pivot = w[lo + (hi - lo) / 2];
        while (i < gt) {
            if (w[i] > pivot)
                swap_d(&w[lt++], &w[i++]);
            else if (w[i] < pivot)
                swap_d(&w[i], &w[--gt]);
            else
                i++;
        }
        if (want < lt)
            hi = lt;
        else if (want < gt)
            return pivot;
        else
            lo = gt;
    }
}

void stories_vec_top(struct stories_vec *v, size_t k)
{
    double *tmp, cut;
    size_t above = 0, out = 0, ties;
    if (v->n <= k)
        return;
    if (!k) {
        v->n = 0;
        return;
    }
    tmp = xmalloc(v->n * sizeof(*tmp));
    memcpy(tmp, v->w, v->n * sizeof(*tmp));
    cut = kth_largest(tmp, v->n, k);
    free(tmp);
    for (size_t i = 0; i < v->n; i++)
        above += v->w[i] > cut;
    ties = k - above; /* weights equal to the cut that fit, lowest terms first */
    for (size_t i = 0; i < v->n; i++) {
        if (v->w[i] > cut || (v->w[i] == cut && ties && ties--)) {
            v->term[out] = v->term[i];
            v->w[out++] = v->w[i];
        }
    }
    v->n = out;
}

double stories_vec_get(const struct stories_vec *v, uint64_t term)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->term[mid] == term)
            return v->w[mid];
        if (v->term[mid] < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0.0;
}

double stories_vec_dot(const struct stories_vec *a, const struct stories_vec *b)
{
    size_t i = 0, j = 0;
    double s = 0.0;
    while (i < a->n && j < b->n) {
        if (a->term[i] == b->term[j])
            s += a->w[i++] * b->w[j++];
        else if (a->term[i] < b->term[j])
            i++;
        else
            j++;
    }
    return s;
}

double stories_vec_norm2(const struct stories_vec *v)
{
    double s = 0.0;
    for (size_t i = 0; i < v->n; i++)
        s += v->w[i] * v->w[i];
    return s;
}

void stories_vec_add(struct stories_vec *a, const struct stories_vec *b)
{
    struct stories_vec r = {0};
    size_t i = 0, j = 0;
    r.alloc = a->n + b->n ? a->n + b->n : 1;
    r.term = xmalloc(r.alloc * sizeof(*r.term));
    r.w = xmalloc(r.alloc * sizeof(*r.w));
    while (i < a->n || j < b->n) {
        if (j >= b->n || (i < a->n && a->term[i] < b->term[j])) {
            r.term[r.n] = a->term[i];
            r.w[r.n++] = a->w[i++];
        } else if (i >= a->n || b->term[j] < a->term[i]) {
            r.term[r.n] = b->term[j];
            r.w[r.n++] = b->w[j++];
        } else {
            r.term[r.n] = a->term[i];
            r.w[r.n++] = a->w[i++] + b->w[j++];
        }
    }
    stories_vec_release(a);
    *a = r;
}

/* ---- tokenising --------------------------------------------------------------------- */

/* The shape of a word as written: capitalised, all upper case, digits. */
struct shape {
    int upper_first, all_upper, letters, digits;
};

static void read_shape(const char *s, size_t len, struct shape *w)
{
    size_t i = 0;
    int first = 1, upper = 0;
    memset(w, 0, sizeof(*w));
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (text_is_letter(cp)) {
            int up = text_is_upper(cp);
            if (first)
                w->upper_first = up;
            w->letters++;
            upper += up;
        } else if (text_is_word_char(cp)) {
            w->digits++; /* a number (N*) */
        }
        first = 0;
    }
    w->all_upper = w->letters >= 2 && upper == w->letters;
}

static uint64_t term_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h >> 1;
}

static uint64_t stem_term(stories_terms *t, const struct text_word *w, const struct shape *sh)
{
    if (t->stem && sh->letters && !sh->digits) {
        size_t n = 0;
        const char *st = text_stem(t->stem, w->fold, w->fold_len, &n);
        return term_hash(st, n);
    }
    return term_hash(w->fold, w->fold_len);
}

/* Whether the gap text[from..to) ends a sentence. */
static int ends_sentence(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == '\n' || text[i] == ':')
            return 1;
    return 0;
}

/* Adds the words of s (up to max_words) with weight scale (title) or as text (scale 0:
 * tf-weighted). */
static void add_part(stories_terms *t, const char *s, size_t max_words, double scale,
                     struct stories_vec *out)
{
    size_t len = s ? strlen(s) : 0, prev_end = 0, n = 0, caps = 0;
    struct stories_vec part = {0};
    struct text_words it;
    struct text_word w;
    int title_case;
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    /* title case: most words capitalised -> capitals say nothing */
    text_words_init(&it, s, len);
    while (n < 64 && text_words_next(&it, &w)) {
        struct shape sh;
        read_shape(s + w.start, w.end - w.start, &sh);
        n++;
        caps += (size_t)sh.upper_first;
    }
    text_words_release(&it);
    title_case = scale > 0 && n >= 3 && caps * 10 >= n * 6;
    n = 0;
    text_words_init(&it, s, len);
    while (n < max_words && text_words_next(&it, &w)) {
        struct shape sh;
        double kind = 1.0;
        int start = n == 0 || ends_sentence(s, prev_end, w.start);
        prev_end = w.end;
        n++;
        read_shape(s + w.start, w.end - w.start, &sh);
        if ((w.fold_len < 2 && !sh.digits) || is_stop(w.fold))
            continue;
        if (sh.digits)
            kind = STORIES_W_NUMBER;
        else if (sh.all_upper || (sh.upper_first && !start && !title_case))
            kind = STORIES_W_ENTITY;
        stories_vec_push(&part, stem_term(t, &w, &sh), kind);
    }
    text_words_release(&it);
    if (scale > 0) {
        /* title: each term once, at its strongest kind */
        vec_sort_by(&part, cmp_term, (size_t)-1, 0);
        for (size_t i = 0; i < part.n; i++) {
            double best = part.w[i];
            while (i + 1 < part.n && part.term[i + 1] == part.term[i]) {
                i++;
                if (part.w[i] > best)
                    best = part.w[i];
            }
            stories_vec_push(out, part.term[i], best * scale);
        }
    } else {
        /* text: 0.5 * kind * (1 + ln tf) */
        vec_sort_by(&part, cmp_term, (size_t)-1, 0);
        for (size_t i = 0; i < part.n;) {
            size_t j = i;
            double best = 0;
            while (j < part.n && part.term[j] == part.term[i]) {
                if (part.w[j] > best)
                    best = part.w[j];
                j++;
            }
            stories_vec_push(out, part.term[i], 0.5 * best * (1.0 + log((double)(j - i))));
            i = j;
        }
    }
    stories_vec_release(&part);
}

void stories_terms_extract(stories_terms *t, const char *title, const char *text,
                           struct stories_vec *out)
{
    stories_vec_clear(out);
    add_part(t, title, 64, STORIES_W_TITLE, out);
    add_part(t, text, STORIES_TEXT_WORDS, 0.0, out);
    stories_vec_sort(out);
}

int stories_terms_rich(const char *text)
{
    size_t len = text ? strlen(text) : 0, n = 0;
    struct text_words it;
    struct text_word w;
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    text_words_init(&it, text, len);
    while (n < STORIES_RICH_WORDS && text_words_next(&it, &w))
        n++;
    text_words_release(&it);
    return n >= STORIES_RICH_WORDS;
}
