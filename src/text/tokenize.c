/*
 * tokenize.c - see tokenize.h.
 *
 * One pass of utf8proc_iterate over the bytes; the category of each code point decides
 * whether it starts, continues or ends a word.  ASCII, most of any Western text, takes a
 * table-free fast path byte by byte (letters and digits are words, the rest separates;
 * an ASCII letter folds to its lower case), without a call per code point: story
 * clustering and fingerprinting tokenise every article's text.  Folding goes
 * through utf8proc_decompose_char with UTF8PROC_CASEFOLD only, which yields the full case
 * folding of one code point (up to three code points) without decomposing it.
 *
 * The stemmer maps a language tag to libstemmer's algorithm names (which include the
 * ISO 639-1 and -2 codes) by its primary subtag, lower-cased.
 */
#include "text/tokenize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/banned.h"

enum cp_class { CP_SEP = 0, CP_WORD, CP_MARK };

/* utf8proc's categories are ordered: LU..LO are the letters, MN..ME the marks, ND..NO
 * the numbers. */
static int is_letter_cat(utf8proc_category_t c)
{
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Whether ASCII byte b is a word character (a letter or a digit). */
static int ascii_word(unsigned char b)
{
    return (unsigned)((b | 0x20) - 'a') < 26u || (unsigned)(b - '0') < 10u;
}

static enum cp_class classify(int32_t cp)
{
    utf8proc_category_t c;

    if (cp < 0x80)
        return cp >= 0 && ascii_word((unsigned char)cp) ? CP_WORD : CP_SEP;
    c = utf8proc_category(cp);
    if (is_letter_cat(c) || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
        return CP_WORD;
    if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME)
        return CP_MARK;
    return CP_SEP;
}

size_t text_cp_at(const char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k;

    if ((unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* The code point at s[i] (of n bytes) into *cp and its length. */
static size_t next_cp(const char *s, size_t i, size_t n, int32_t *cp)
{
    return text_cp_at(s + i, n - i, cp);
}

static void fold_cp(struct strbuf *sb, int32_t cp)
{
    utf8proc_int32_t out[4];
    utf8proc_uint8_t enc[4];
    int boundclass = 0;
    utf8proc_ssize_t n;

    if (cp < 0x80) {
        strbuf_addch(sb, (char)tolower(cp));
        return;
    }
    n = utf8proc_decompose_char(cp, out, 4, UTF8PROC_CASEFOLD, &boundclass);
    if (n <= 0 || n > 4) {
        out[0] = cp;
        n = 1;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_ssize_t k = utf8proc_encode_char(out[i], enc);
        strbuf_add(sb, enc, (size_t)k);
    }
}

int text_is_word_char(int32_t cp)
{
    return classify(cp) == CP_WORD;
}

int text_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

int text_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (unsigned)((cp | 0x20) - 'a') < 26u;
    return is_letter_cat(utf8proc_category(cp));
}

int text_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int text_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t i = *pos, k;
    int32_t cp;

    if (!s)
        len = 0;
    /* skip to the first code point that starts a word */
    for (;;) {
        if (i >= len) {
            *pos = len;
            return 0;
        }
        if ((unsigned char)s[i] < 0x80) {
            if (ascii_word((unsigned char)s[i]))
                break;
            i++;
            continue;
        }
        k = next_cp(s, i, len, &cp);
        if (classify(cp) == CP_WORD)
            break;
        i += k;
    }
    *start = i;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            if (!ascii_word((unsigned char)s[i]))
                break;
            i++;
            continue;
        }
        k = next_cp(s, i, len, &cp);
        if (classify(cp) == CP_SEP)
            break;
        i += k;
    }
    *pos = *end = i;
    return 1;
}

void text_words_init(struct text_words *it, const char *text, size_t len)
{
    it->text = text;
    it->len = text ? len : 0;
    it->pos = 0;
    strbuf_init(&it->fold, 0);
}

void text_words_release(struct text_words *it)
{
    strbuf_release(&it->fold);
    it->text = NULL;
    it->len = it->pos = 0;
}

int text_words_next(struct text_words *it, struct text_word *w)
{
    size_t start, end, k;
    int32_t cp;

    if (!text_next_word(it->text, it->len, &it->pos, &start, &end))
        return 0;
    strbuf_reset(&it->fold);
    for (size_t i = start; i < end; i += k) {
        unsigned char b = (unsigned char)it->text[i];
        if (b < 0x80) {
            /* a run of ASCII: lower-cased into a block, added at once */
            char low[64];
            size_t n = 0;
            while (i + n < end && n < sizeof(low) && (unsigned char)it->text[i + n] < 0x80) {
                b = (unsigned char)it->text[i + n];
                low[n++] = (char)((unsigned)(b - 'A') < 26u ? b | 0x20 : b);
            }
            strbuf_add(&it->fold, low, n);
            k = n;
            continue;
        }
        k = next_cp(it->text, i, end, &cp);
        fold_cp(&it->fold, cp);
    }
    w->start = start;
    w->end = end;
    w->fold = it->fold.buf;
    w->fold_len = it->fold.len;
    return 1;
}

int text_has_word(const char *s, size_t n)
{
    int32_t cp;

    for (size_t i = 0; s && i < n;) {
        size_t k = next_cp(s, i, n, &cp);
        if (classify(cp) == CP_WORD)
            return 1;
        i += k;
    }
    return 0;
}

size_t text_count_words(const char *s, size_t n)
{
    size_t words = 0;
    int in = 0;
    int32_t cp;

    for (size_t i = 0; s && i < n;) {
        size_t k = next_cp(s, i, n, &cp);
        enum cp_class c = classify(cp);
        if (c == CP_WORD && !in)
            words++;
        if (c != CP_MARK)
            in = c == CP_WORD;
        i += k;
    }
    return words;
}

/* ---------------------------------------------------------------- slugs */

char *text_slugify(const char *name, size_t max)
{
    char *out = xmalloc(max + 1);
    size_t o = 0;
    int dash = 0;
    utf8proc_uint8_t *norm = NULL;
    if (name && utf8proc_map((const utf8proc_uint8_t *)name, 0, &norm,
                             UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                 UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0)
        norm = NULL;
    const char *s = norm ? (const char *)norm : "";
    size_t n = strlen(s), i = 0;
    while (i < n) {
        int32_t cp;
        size_t m = text_cp_at(s + i, n - i, &cp);
        int word = cp < 0 ? 0 : cp < 0x80 ? isalnum(cp) : text_is_letter(cp);
        if (word) {
            if (dash && o > 0) {
                if (o + 1 > max)
                    break;
                out[o++] = '-';
            }
            dash = 0;
            if (o + m > max) {
                if (o > 0 && out[o - 1] == '-')
                    o--; /* never end on a separator */
                break;
            }
            memcpy(out + o, s + i, m);
            o += m;
        } else {
            dash = 1;
        }
        i += m;
    }
    out[o] = '\0';
    free(norm);
    return out;
}

/* ---------------------------------------------------------------- stemming */

struct text_stemmer {
    struct sb_stemmer *sb;
    struct strbuf out;
};

text_stemmer *text_stemmer_new(const char *lang)
{
    char name[32];
    size_t n = 0;
    struct sb_stemmer *sb;
    text_stemmer *s;

    if (!lang)
        return NULL;
    /* the primary subtag, lower-cased: "pt-BR" -> "pt", "en_GB" -> "en" */
    while (lang[n] && lang[n] != '-' && lang[n] != '_' && n + 1 < sizeof(name)) {
        if (!isalpha((unsigned char)lang[n]))
            return NULL;
        name[n] = (char)tolower((unsigned char)lang[n]);
        n++;
    }
    if (n == 0 || (lang[n] && lang[n] != '-' && lang[n] != '_'))
        return NULL;
    name[n] = '\0';
    sb = sb_stemmer_new(name, "UTF_8");
    if (!sb)
        return NULL;
    s = xcalloc(1, sizeof(*s));
    s->sb = sb;
    strbuf_init(&s->out, 0);
    return s;
}

void text_stemmer_free(text_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    strbuf_release(&s->out);
    free(s);
}

const char *text_stem(text_stemmer *s, const char *word, size_t len, size_t *out_len)
{
    const sb_symbol *r = NULL;
    int rl = 0;

    if (len > 0 && len <= TEXT_STEM_MAX) {
        r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
        if (r)
            rl = sb_stemmer_length(s->sb);
    }
    strbuf_reset(&s->out);
    if (r && rl > 0)
        strbuf_add(&s->out, r, (size_t)rl);
    else
        strbuf_add(&s->out, word, len);
    if (out_len)
        *out_len = s->out.len;
    return s->out.buf;
}
