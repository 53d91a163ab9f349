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
 *
 * Speed (every article is tokenised once, title and text, on the clustering path): each
 * word's shape is read in the same pass that finds it (ASCII without a call per
 * character); the title-case test counts the title's words in that pass too, the kinds
 * being assigned after it; and a small direct-mapped cache maps a folded word to its term
 * or to "stop word", so a frequent word is stemmed (libstemmer) and looked up in the stop
 * list once, not at every occurrence.  A cache entry holds the whole folded word, so a
 * hit is exact: the cache changes the cost, never a term.
 */
#include "stories/stories_int.h"
#include "core/alloc.h"
#include "core/sort.h"
#include "text/shingle.h"
#include "text/tokenize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

/* The stem cache: STEM_CACHE entries (a power of two), direct-mapped by the folded
 * word's hash; words longer than STEM_WORD_MAX bytes are not cached. */
#define STEM_CACHE 8192
#define STEM_WORD_MAX 22

struct stem_entry {
    uint64_t term;      /* the word's term (its stem's hash) */
    unsigned char len;  /* bytes of word; 0: an empty entry */
    unsigned char stop; /* a stop word (term unused) */
    char word[STEM_WORD_MAX];
};

struct stories_terms {
    text_stemmer *stem;
    struct stem_entry *cache; /* allocated at the first word */
    struct stories_vec part;  /* the words of one part, reused */
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
    free(t->cache);
    stories_vec_release(&t->part);
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

/* Sorts v by term; merge: equal terms become one, their weights summed. */
static void vec_sort(struct stories_vec *v, int merge)
{
    size_t k = 0;
    sort_u64_vals(v->term, v->w, v->n);
    if (!merge)
        return;
    for (size_t i = 0; i < v->n; i++) {
        if (k && v->term[i] == v->term[k - 1]) {
            v->w[k - 1] += v->w[i];
            continue;
        }
        v->term[k] = v->term[i];
        v->w[k++] = v->w[i];
    }
    v->n = k;
}

void stories_vec_sort(struct stories_vec *v)
{
    vec_sort(v, 1);
}

void stories_vec_copy(struct stories_vec *dst, const struct stories_vec *src)
{
    if (dst->alloc < src->n) {
        dst->alloc = src->n;
        dst->term = xrealloc(dst->term, dst->alloc * sizeof(*dst->term));
        dst->w = xrealloc(dst->w, dst->alloc * sizeof(*dst->w));
    }
    if (src->n) {
        memcpy(dst->term, src->term, src->n * sizeof(*src->term));
        memcpy(dst->w, src->w, src->n * sizeof(*src->w));
    }
    dst->n = src->n;
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
        /* the steps without a branch: which side moves is data, not a guess */
        uint64_t x = a->term[i], y = b->term[j];
        if (x == y)
            s += a->w[i] * b->w[j];
        i += x <= y;
        j += y <= x;
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
        unsigned char b = (unsigned char)s[i];
        int32_t cp;
        if (b < 0x80) {
            /* ASCII: the same tests as below without the calls */
            i++;
            if ((unsigned)(b - '0') < 10u) {
                w->digits++;
            } else if ((unsigned)((b | 0x20) - 'a') < 26u) {
                int up = b <= 'Z';
                if (first)
                    w->upper_first = up;
                w->letters++;
                upper += up;
            }
            first = 0;
            continue;
        }
        i += text_cp_at(s + i, len - i, &cp);
        if (cp < 0)
            continue;
        if (text_is_digit(cp)) {
            w->digits++;
        } else if (text_is_letter(cp)) {
            int up = text_is_upper(cp);
            if (first)
                w->upper_first = up;
            w->letters++;
            upper += up;
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

/* The term of word w (of shape sh) into *term: the hash of its stem, or of the word
 * itself when it has a digit (or no stemmer).  Returns 0 for a word that is not a term:
 * a stop word, or a single letter. */
static int word_term(stories_terms *t, const struct text_word *w, const struct shape *sh,
                     uint64_t *term)
{
    struct stem_entry *e;
    uint64_t h;
    if (sh->digits) {
        *term = term_hash(w->fold, w->fold_len);
        return 1;
    }
    if (w->fold_len < 2)
        return 0;
    if (!t->stem || !sh->letters) {
        if (is_stop(w->fold))
            return 0;
        *term = term_hash(w->fold, w->fold_len);
        return 1;
    }
    h = term_hash(w->fold, w->fold_len);
    if (w->fold_len > STEM_WORD_MAX)
        e = NULL;
    else {
        if (!t->cache)
            t->cache = xcalloc(STEM_CACHE, sizeof(*t->cache));
        e = &t->cache[(h * 0x9e3779b97f4a7c15ull) >> 51 & (STEM_CACHE - 1)];
        if (e->len == w->fold_len && memcmp(e->word, w->fold, w->fold_len) == 0) {
            *term = e->term;
            return !e->stop;
        }
    }
    {
        int stop = is_stop(w->fold);
        size_t n = 0;
        uint64_t stemmed = 0;
        if (!stop) {
            const char *st = text_stem(t->stem, w->fold, w->fold_len, &n);
            stemmed = term_hash(st, n);
        }
        if (e) {
            memcpy(e->word, w->fold, w->fold_len);
            e->len = (unsigned char)w->fold_len;
            e->stop = (unsigned char)stop;
            e->term = stemmed;
        }
        *term = stemmed;
        return !stop;
    }
}

/* Whether the gap text[from..to) ends a sentence. */
static int ends_sentence(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == '\n' || text[i] == ':')
            return 1;
    return 0;
}

/* While a title is read, a capitalised word inside it is an entity unless the title
 * turns out to be in title case: its kind waits under this mark. */
#define KIND_CAPITALISED (-1.0)

/* Adds the words of s (up to max_words) with weight scale (title) or as text (scale 0:
 * tf-weighted).  Returns the number of words read (stop words included). */
static size_t add_part(stories_terms *t, const char *s, size_t max_words, double scale,
                       struct stories_vec *out)
{
    size_t len = s ? strlen(s) : 0, prev_end = 0, n = 0, caps = 0;
    struct stories_vec *part = &t->part;
    struct text_words it;
    struct text_word w;
    if (len > SHINGLE_MAX_TEXT)
        len = SHINGLE_MAX_TEXT;
    stories_vec_clear(part);
    text_words_init(&it, s, len);
    while (n < max_words && text_words_next(&it, &w)) {
        struct shape sh;
        double kind = 1.0;
        uint64_t term;
        int start = n == 0 || ends_sentence(s, prev_end, w.start);
        prev_end = w.end;
        n++;
        read_shape(s + w.start, w.end - w.start, &sh);
        caps += (size_t)sh.upper_first;
        if (!word_term(t, &w, &sh, &term))
            continue;
        if (sh.digits)
            kind = STORIES_W_NUMBER;
        else if (sh.all_upper)
            kind = STORIES_W_ENTITY;
        else if (sh.upper_first && !start)
            kind = scale > 0 ? KIND_CAPITALISED : STORIES_W_ENTITY;
        stories_vec_push(part, term, kind);
    }
    text_words_release(&it);
    if (scale > 0) {
        /* title case (most of its first 64 words capitalised): capitals say nothing */
        int title_case = n >= 3 && caps * 10 >= n * 6;
        for (size_t i = 0; i < part->n; i++)
            if (part->w[i] == KIND_CAPITALISED)
                part->w[i] = title_case ? 1.0 : STORIES_W_ENTITY;
        /* each term once, at its strongest kind */
        vec_sort(part, 0);
        for (size_t i = 0; i < part->n; i++) {
            double best = part->w[i];
            while (i + 1 < part->n && part->term[i + 1] == part->term[i]) {
                i++;
                if (part->w[i] > best)
                    best = part->w[i];
            }
            stories_vec_push(out, part->term[i], best * scale);
        }
    } else {
        /* text: 0.5 * kind * (1 + ln tf) */
        vec_sort(part, 0);
        for (size_t i = 0; i < part->n;) {
            size_t j = i;
            double best = 0;
            while (j < part->n && part->term[j] == part->term[i]) {
                if (part->w[j] > best)
                    best = part->w[j];
                j++;
            }
            stories_vec_push(out, part->term[i], 0.5 * best * (1.0 + log((double)(j - i))));
            i = j;
        }
    }
    return n;
}

size_t stories_terms_extract(stories_terms *t, const char *title, const char *text,
                             struct stories_vec *out, struct stories_vec *title_out)
{
    size_t words;
    stories_vec_clear(out);
    add_part(t, title, 64, STORIES_W_TITLE, out);
    if (title_out) /* the title part: sorted, each term once */
        stories_vec_copy(title_out, out);
    words = add_part(t, text, STORIES_TEXT_WORDS, 0.0, out);
    stories_vec_sort(out);
    return words;
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
