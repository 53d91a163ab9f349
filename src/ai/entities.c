/*
 * entities.c - people, organisations and places named in an English article
 * (ai_entities_extract; see ai_int.h).
 *
 * Rules over capitalised spans, no statistical model:
 *   1. Each sentence is read as tokens: words (with inner hyphens and apostrophes) and
 *      dotted acronyms ("U.S.").  A span is a run of capitalised tokens (or acronyms
 *      such as NATO and APT31) separated by single spaces, "&", or the connectors "of",
 *      "de", "van", "von", "al", "bin", ... ("University of Lindenfeld"); "and" joins
 *      only after an "of" ("Union of Rail and Transit Workers").
 *   2. A sentence's first word is capitalised anyway: it stays in a span only when it is
 *      known (gazetteer, given name) or appears capitalised elsewhere in the article
 *      mid-sentence.  Months, week days and pronouns never start a span.
 *   3. Leading titles ("President", "Prime Minister", "Dr.") and nationalities
 *      ("French") are cut off the span; a title, or a lower-case role word just before
 *      the span ("chief executive Mariam Eskander", "striker Tove Andersen"), is
 *      evidence of a person.
 *   4. Each mention votes for a type: the gazetteer (strongest), a title or role, a
 *      first word that is a given name, a last word that names organisations
 *      ("Securities", "Federation", "University") or places ("Island", "Street"), an
 *      acronym (an organisation), a preposition of place before it ("in", "near",
 *      "from") or "-based" after it.  A multi-word name with no other evidence leans to
 *      a person; a lone unknown word with no evidence is dropped unless it recurs.
 *   5. Mentions are grouped by canonical name (gazetteer aliases map "EU" to "European
 *      Union"), then a lone word that is the first or last word of a longer person's or
 *      organisation's name is counted as that entity ("Macron", "Orrin").  The type is
 *      the one with the most votes.
 */
#include "ai/ai_int.h"
#include "ai/gazetteer.h"
#include "core/alloc.h"
#include "core/strbuf.h"
#include "text/tokenize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define MAX_SPAN_TOKENS 8
#define MAX_MENTIONS 4096

struct tok {
    size_t off, len; /* in the sentence */
    int cap;         /* starts with a capital (or is an acronym) */
    int acronym;     /* all capitals (2+ letters) or dotted */
    int based;       /* "Castellan-based": the word is a place, the suffix is cut */
};

struct cand {
    char *name; /* canonical */
    int votes[AI_ENTITY_TYPE_COUNT];
    unsigned count;
    int gazetteer; /* typed by the gazetteer */
    int ntok;      /* words in the name */
    int merged;    /* counted into another entity */
};

struct ents {
    struct cand *c;
    size_t n, alloc;
};

/* Capitalised words that are never part of a name. */
static const char *const never_start[] = {
    "I",  "He",   "She",       "It",     "We",    "They",     "You",   "The",      "A",
    "An", "This", "That",      "These",  "Those", "His",      "Her",   "Their",    "Our",
    "My", "Its",  "Christmas", "Easter", "God",   "Internet", "Covid", "Covid-19", "TV",
    "OK", "CEO",  "GDP",       "AM",     "PM",    "PhD",
};

/* Months and week days: not a name ("on Friday", "in March 2027"), except inside one
 * ("Theresa May said", "Jan Novak"), which calendar_word tells apart. */
static const char *const calendar[] = {
    "January",   "February", "March",     "April",    "May",    "June",     "July",   "August",
    "September", "October",  "November",  "December", "Jan",    "Feb",      "Mar",    "Apr",
    "Jun",       "Jul",      "Aug",       "Sep",      "Sept",   "Oct",      "Nov",    "Dec",
    "Monday",    "Tuesday",  "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const connectors[] = {"of",  "de",  "du",  "des", "del", "della", "da",
                                         "dos", "van", "von", "der", "den", "al",    "bin",
                                         "la",  "le",  "el",  "di",  "the", "for",   "and"};

static const char *const place_preps[] = {
    "in", "near", "from", "across",  "throughout", "outside", "inside", "around",
    "to", "at",   "into", "towards", "toward",     "via",     "visit",  "visited"};

static int in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

#define IN(w, n, list) in_list(w, n, list, sizeof(list) / sizeof(list[0]))

/* Whether the calendar word s[off..off+len) is a date here: followed by a period, a
 * number, or (at the start of a span) anything but another capitalised word. */
static int calendar_word(const char *s, size_t sn, size_t off, size_t len, int starts)
{
    if (!IN(s + off, len, calendar))
        return 0;
    size_t e = off + len;
    if (e >= sn || s[e] == '.' || s[e] == ',')
        return 1;
    if (s[e] == ' ' && e + 1 < sn && isdigit((unsigned char)s[e + 1]))
        return 1;
    if (len > 4 && (memcmp(s + off + len - 3, "day", 3) == 0))
        return 1; /* week days are never names */
    if (starts)
        return !(s[e] == ' ' && e + 1 < sn && ai_is_upper_at(s + e + 1, sn - e - 1));
    return 0;
}

static void tok_flags(const char *s, struct tok *t)
{
    size_t upper = 0, letters = 0;
    t->cap = ai_is_upper_at(s + t->off, t->len);
    for (size_t i = t->off; i < t->off + t->len; i++) {
        if (isalpha((unsigned char)s[i]))
            letters++;
        if (isupper((unsigned char)s[i]))
            upper++;
    }
    t->acronym = upper >= 2 && upper == letters;
}

/* Tokens of sentence s for names: the tokenizer's words (text/tokenize.h), regrouped where
 * a name needs it: words joined by a hyphen or an apostrophe with no space are one token
 * ("Halvorsen-Moe", "Brandt's"), a dotted acronym is one ("U.S."), and "-based" is cut
 * off the word it follows ("Castellan-based": the token is "Castellan", flagged). */
static size_t sentence_tokens(const char *s, size_t n, struct tok *toks, size_t max)
{
    struct text_words it;
    struct text_word w;
    size_t count = 0, skip_to = 0;
    text_words_init(&it, s, n);
    while (count < max && text_words_next(&it, &w)) {
        size_t st = w.start, wl = w.end - w.start;
        if (st < skip_to)
            continue;
        if (count > 0 && !toks[count - 1].based) {
            struct tok *p = &toks[count - 1];
            size_t pe = p->off + p->len;
            if ((st == pe + 1 && (s[pe] == '-' || s[pe] == '\'')) ||
                (st == pe + 3 && memcmp(s + pe, "\xe2\x80\x99", 3) == 0)) {
                p->len = w.end - p->off;
                if (p->len > 6 && memcmp(s + p->off + p->len - 6, "-based", 6) == 0) {
                    p->len -= 6;
                    p->based = 1;
                }
                tok_flags(s, p);
                continue;
            }
        }
        /* U.S. / U.K. / a.m.: letter '.' letter '.' ... */
        if (wl == 1 && st + 1 < n && s[st + 1] == '.' && isalpha((unsigned char)s[st])) {
            size_t e = st;
            while (e + 1 < n && isalpha((unsigned char)s[e]) && s[e + 1] == '.')
                e += 2;
            if (e - st >= 4 && (e >= n || !isalpha((unsigned char)s[e]))) {
                wl = e - st;
                skip_to = e;
            }
        }
        struct tok *t = &toks[count++];
        t->off = st;
        t->len = wl;
        t->based = 0;
        tok_flags(s, t);
    }
    text_words_release(&it);
    return count;
}

/* The name's length without a possessive "'s" / "’s" / trailing "'". */
static size_t strip_possessive(const char *s, size_t n)
{
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
        return n - 2;
    if (n > 4 && s[n - 1] == 's' && memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0)
        return n - 4;
    return n;
}

static struct cand *cand_get(struct ents *e, const char *name, size_t n, int ntok)
{
    for (size_t i = 0; i < e->n; i++)
        if (strlen(e->c[i].name) == n && memcmp(e->c[i].name, name, n) == 0)
            return &e->c[i];
    if (e->n >= MAX_MENTIONS)
        return NULL;
    ALLOC_GROW(e->c, e->n + 1, e->alloc);
    struct cand *c = &e->c[e->n++];
    memset(c, 0, sizeof(*c));
    c->name = xstrndup(name, n);
    c->ntok = ntok;
    return c;
}

/* What the whole article tells about words, for the first word of a sentence. */
struct word_facts {
    struct ai_vocab midcap;  /* seen capitalised after a sentence's first word */
    struct ai_vocab lower;   /* seen in lower case (folded) */
    struct ai_vocab initial; /* seen as a sentence's first word; df = how often */
};

/* Whether token t (capitalised, first of its sentence) may start a span of ntok tokens. */
static int known_first(const char *s, const struct tok *t, size_t ntok, const struct word_facts *wf)
{
    size_t n = strip_possessive(s + t->off, t->len);
    char folded[64];
    size_t fl = ai_fold(s + t->off, n, folded, sizeof(folded));
    if (t->acronym)
        return 1;
    if (ai_gaz_lookup(s + t->off, n, NULL) &
        (AI_GAZ_PLACE | AI_GAZ_ORG | AI_GAZ_GIVEN | AI_GAZ_TITLE | AI_GAZ_NATIONALITY))
        return 1;
    if (ai_vocab_find(&wf->midcap, s + t->off, n) != UINT32_MAX)
        return 1;
    if (ai_is_stopword(folded, fl))
        return 0;
    /* "Ilse Brandt resigned": a multi-word name opening the sentence */
    if (ntok > 1)
        return 1;
    if (ai_vocab_find(&wf->lower, folded, fl) != UINT32_MAX)
        return 0;
    /* a word that opens several sentences and never appears in lower case: a name */
    uint32_t id = ai_vocab_find(&wf->initial, s + t->off, n);
    return id != UINT32_MAX && wf->initial.df[id] >= 2;
}

/* The kinds of tokens toks[a..b) as one name. */
static unsigned lookup_range(const char *s, const struct tok *toks, size_t a, size_t b)
{
    return ai_gaz_lookup(s + toks[a].off, toks[b - 1].off + toks[b - 1].len - toks[a].off, NULL);
}

/* Records one span toks[a..b) of sentence s (pre: the token before it, or NULL). */
static void add_span(struct ents *e, const char *s, size_t sn, const struct tok *toks, size_t a,
                     size_t b, const struct tok *pre)
{
    int person = 0, after_the = 0;
    /* a lower-case role or title word just before: "chief executive Mariam Eskander" */
    if (pre && !pre->cap) {
        const struct tok *p2 = pre - 1;
        if (ai_gaz_lookup_ci(s + pre->off, pre->len) & AI_GAZ_TITLE)
            person = 1;
        else if (pre > toks && !p2->cap &&
                 (ai_gaz_lookup_ci(s + p2->off, pre->off + pre->len - p2->off) & AI_GAZ_TITLE))
            person = 1;
        after_the = pre->len == 3 && strncasecmp(s + pre->off, "the", 3) == 0;
    }
    /* a title inside the span ("Family Minister Ada Vinterberg", "Britain's Prince Harry"):
     * the name is what follows the last one */
    if (!(lookup_range(s, toks, a, b) & (AI_GAZ_PLACE | AI_GAZ_ORG))) {
        for (size_t q = b - 1; q > a; q--) {
            size_t q0 = q - 1;
            unsigned k1 = ai_gaz_lookup(s + toks[q0].off, toks[q0].len, NULL);
            unsigned k2 = q0 > a ? lookup_range(s, toks, q0 - 1, q0 + 1) : 0;
            if (((k1 & AI_GAZ_TITLE) && !(k1 & (AI_GAZ_GIVEN | AI_GAZ_ORG | AI_GAZ_PLACE))) ||
                (k2 & AI_GAZ_TITLE)) {
                if (!(ai_gaz_lookup(s + toks[q].off, toks[q].len, NULL) & AI_GAZ_ORG_END)) {
                    person = 1;
                    a = q;
                }
                break;
            }
        }
    }
    /* leading titles and nationalities */
    while (a < b) {
        size_t n1 = toks[a].len + (a + 1 < b && toks[a].off + toks[a].len < sn &&
                                   s[toks[a].off + toks[a].len] == '.');
        if (a + 1 < b) {
            unsigned k2 = lookup_range(s, toks, a, a + 2);
            if (k2 & (AI_GAZ_PLACE | AI_GAZ_ORG))
                break;
            if (k2 & AI_GAZ_TITLE) {
                person = 1;
                a += 2;
                continue;
            }
        }
        unsigned k1 = ai_gaz_lookup(s + toks[a].off, n1, NULL) |
                      ai_gaz_lookup(s + toks[a].off, toks[a].len, NULL);
        if (b - a == 1 && (k1 & (AI_GAZ_PLACE | AI_GAZ_ORG)))
            break;
        if (lookup_range(s, toks, a, b) & (AI_GAZ_PLACE | AI_GAZ_ORG))
            break;
        if (k1 & AI_GAZ_TITLE && !(k1 & AI_GAZ_GIVEN) && b - a > 1) {
            person = 1;
            a++;
            continue;
        }
        if (k1 & AI_GAZ_NATIONALITY) {
            a++;
            continue;
        }
        break;
    }
    /* trailing connectors */
    while (b > a && !toks[b - 1].cap && !toks[b - 1].acronym)
        b--;
    while (a < b && !toks[a].cap && !toks[a].acronym)
        a++;
    if (a >= b)
        return;
    const char *name = s + toks[a].off;
    size_t n = strip_possessive(name, toks[b - 1].off + toks[b - 1].len - toks[a].off);
    int ntok = (int)(b - a);
    if (ntok == 1 && IN(name, n, never_start))
        return;
    const char *canon = NULL;
    unsigned kinds = ai_gaz_lookup(name, n, &canon);
    int votes[AI_ENTITY_TYPE_COUNT] = {0};
    int gaz = 0;
    if (kinds & AI_GAZ_NATIONALITY && !(kinds & (AI_GAZ_PLACE | AI_GAZ_ORG)))
        return;
    if (kinds & AI_GAZ_TITLE && ntok == 1 && !(kinds & (AI_GAZ_PLACE | AI_GAZ_ORG | AI_GAZ_GIVEN)))
        return;
    if (kinds & AI_GAZ_ORG_END && ntok == 1 &&
        !(kinds & (AI_GAZ_PLACE | AI_GAZ_ORG | AI_GAZ_GIVEN)))
        return; /* "Police", "Parliament" alone are ambiguous words */
    if (kinds & (AI_GAZ_PLACE_END | AI_GAZ_EVENT_END) && ntok == 1 &&
        !(kinds & (AI_GAZ_PLACE | AI_GAZ_ORG | AI_GAZ_GIVEN)))
        return;
    if (person)
        votes[AI_ENTITY_PERSON] += 6;
    if (kinds & AI_GAZ_PLACE) {
        votes[AI_ENTITY_PLACE] += 10;
        gaz = 1;
    }
    if (kinds & AI_GAZ_ORG) {
        votes[AI_ENTITY_ORG] += 11;
        gaz = 1;
    }
    if (kinds & AI_GAZ_GIVEN && ntok == 1)
        votes[AI_ENTITY_PERSON] += 3;
    int connector = 0;
    for (size_t q = a; q < b; q++)
        if (!toks[q].cap && !toks[q].acronym)
            connector = 1;
    if (!gaz) {
        const struct tok *f = &toks[a], *l = &toks[b - 1];
        size_t ll = strip_possessive(s + l->off, l->len);
        unsigned kf = ai_gaz_lookup(s + f->off, f->len, NULL);
        unsigned kl = ai_gaz_lookup(s + l->off, ll, NULL);
        if (ntok > 1 && ((kl & AI_GAZ_EVENT_END) || (kf & AI_GAZ_EVENT_START) ||
                         (lookup_range(s, toks, a, a + 2) & AI_GAZ_EVENT_START)))
            return; /* "Coastal Cup", "Storm Odile": events, not entities */
        if (ntok > 1 && (kf & AI_GAZ_GIVEN))
            votes[AI_ENTITY_PERSON] += 4;
        if (ntok > 1 && (kl & AI_GAZ_ORG_END))
            votes[AI_ENTITY_ORG] += 6; /* "Charles University": more than a given name */
        if (ntok > 1 && (kf & AI_GAZ_ORG_START))
            votes[AI_ENTITY_ORG] += 5;
        if (ntok > 1 && (kl & AI_GAZ_PLACE_END))
            votes[AI_ENTITY_PLACE] += 5;
        if (ntok > 1 && (kf & AI_GAZ_PLACE_START))
            votes[AI_ENTITY_PLACE] += 4;
        if (ntok > 1 && (kf & AI_GAZ_PLACE) && !(kl & AI_GAZ_ORG_END))
            votes[AI_ENTITY_PLACE] += 2; /* "Port Alder Central" is not, "Kestrel Bay" is */
        if (ntok == 1 && f->acronym)
            votes[AI_ENTITY_ORG] += 3;
        for (size_t q = a; q < b; q++)
            if (memchr(s + toks[q].off, '&', toks[q].len) ||
                (q > a && toks[q].off >= 3 && memcmp(s + toks[q].off - 2, "& ", 2) == 0))
                votes[AI_ENTITY_ORG] += 3;
        if (ntok >= 2 && ntok <= 3 && !connector) {
            int titlecase = 1;
            for (size_t q = a; q < b; q++)
                if (!toks[q].cap || toks[q].acronym)
                    titlecase = 0;
            if (titlecase && !after_the)
                votes[AI_ENTITY_PERSON] += 1;
        }
        if (connector)
            votes[AI_ENTITY_ORG] += 1; /* "Chamber of Commerce" */
        if (after_the && ntok > 1)
            votes[AI_ENTITY_ORG] += 1; /* "the Green List": not a person */
    }
    /* context after: "-based" is a place; "said" after a name leans to a person */
    size_t end = toks[b - 1].off + toks[b - 1].len;
    if (toks[b - 1].based)
        votes[AI_ENTITY_PLACE] += 4;
    if (!gaz && end + 5 <= sn &&
        (memcmp(s + end, " said", 5) == 0 || memcmp(s + end, " says", 5) == 0 ||
         memcmp(s + end, " told", 5) == 0))
        votes[AI_ENTITY_PERSON] += ntok > 1 ? 2 : 1;
    /* a preposition of place before the span, or before "the" before it */
    const struct tok *pp = pre;
    if (pp && after_the && pp > toks)
        pp = pp - 1;
    if (pp && !pp->cap) {
        char w[16];
        size_t wn = ai_fold(s + pp->off, pp->len, w, sizeof(w));
        if (IN(w, wn, place_preps))
            votes[AI_ENTITY_PLACE] += 2;
    }
    if (canon) {
        name = canon;
        n = strlen(canon);
    }
    struct cand *c = cand_get(e, name, n, ntok);
    if (!c)
        return;
    c->count++;
    c->gazetteer |= gaz;
    for (int t = 0; t < AI_ENTITY_TYPE_COUNT; t++)
        c->votes[t] += votes[t];
}

/* Whether a span may go on from token b-1 to token b across the gap between them. */
static int span_gap_ok(const char *s, const struct tok *prev, const struct tok *next)
{
    const char *gap = s + prev->off + prev->len;
    size_t gl = (size_t)(s + next->off - gap);
    if (prev->based)
        return 0;
    if (gl == 1 && gap[0] == ' ')
        return 1;
    if (gl == 3 && memcmp(gap, " & ", 3) == 0)
        return 1;
    /* "St. Barnabas", "Dr. Maeve Corrigan": a short abbreviation inside a sentence */
    return gl == 2 && gap[0] == '.' && gap[1] == ' ' && prev->len <= 4 && prev->cap &&
           !prev->acronym;
}

static void sentence_spans(struct ents *e, const char *s, const struct word_facts *wf)
{
    struct tok toks[512];
    size_t sn = strlen(s);
    size_t nt = sentence_tokens(s, sn, toks, sizeof(toks) / sizeof(toks[0]));
    size_t i = 0;
    while (i < nt) {
        if ((!toks[i].cap && !toks[i].acronym) ||
            (IN(s + toks[i].off, toks[i].len, never_start) && !toks[i].acronym) ||
            calendar_word(s, sn, toks[i].off, toks[i].len, 1)) {
            i++;
            continue;
        }
        /* "But", "And" opening a quotation mid-sentence */
        {
            char folded[32];
            size_t fl = ai_fold(s + toks[i].off, toks[i].len, folded, sizeof(folded));
            if (!toks[i].acronym && ai_is_stopword(folded, fl) &&
                !(ai_gaz_lookup(s + toks[i].off, toks[i].len, NULL) &
                  (AI_GAZ_PLACE | AI_GAZ_ORG | AI_GAZ_GIVEN))) {
                i++;
                continue;
            }
        }
        size_t a = i;
        size_t b = i + 1, of_seen = 0;
        while (b < nt && b - a < MAX_SPAN_TOKENS) {
            const struct tok *prev = &toks[b - 1];
            if (!span_gap_ok(s, prev, &toks[b]))
                break;
            /* "Brandt's team" and "Civic Union's Douglas Fenwick" end; "Henning's Hardware"
             * and "Britain's Prince Harry" (whose title is cut later) go on */
            if (strip_possessive(s + prev->off, prev->len) != prev->len &&
                !(toks[b].cap && (ai_gaz_lookup(s + toks[b].off, toks[b].len, NULL) &
                                  (AI_GAZ_ORG_END | AI_GAZ_TITLE))))
                break;
            if (toks[b].cap || toks[b].acronym) {
                if ((IN(s + toks[b].off, toks[b].len, never_start) && !toks[b].acronym) ||
                    calendar_word(s, sn, toks[b].off, toks[b].len, 0))
                    break;
                b++;
                continue;
            }
            /* a connector, only when a capitalised word follows it */
            int is_and = toks[b].len == 3 && memcmp(s + toks[b].off, "and", 3) == 0;
            if (IN(s + toks[b].off, toks[b].len, connectors) && (!is_and || of_seen) &&
                b + 1 < nt && toks[b + 1].cap && span_gap_ok(s, &toks[b], &toks[b + 1]) &&
                !IN(s + toks[b + 1].off, toks[b + 1].len, never_start) &&
                !calendar_word(s, sn, toks[b + 1].off, toks[b + 1].len, 0)) {
                if (toks[b].len == 2 && memcmp(s + toks[b].off, "of", 2) == 0)
                    of_seen = 1;
                b += 2;
                continue;
            }
            break;
        }
        /* the sentence's first word */
        if (a == 0 && !known_first(s, &toks[0], b - a, wf)) {
            if (b - a == 1) {
                i = b;
                continue;
            }
            a++;
        }
        add_span(e, s, sn, toks, a, b, a > 0 ? &toks[a - 1] : NULL);
        i = b;
    }
}

struct dateline_ctx {
    struct ents *e;
};

/* A dateline's place ("PORT ALDER") or agency ("Meridian Wire", "AP"). */
static void on_dateline(void *ctx, const char *name, size_t n, int agency)
{
    struct ents *e = ctx;
    char buf[128];
    size_t o = 0;
    int upper_next = 1, all_caps = !agency;
    if (n >= sizeof(buf))
        return;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (all_caps && isalpha((unsigned char)c)) {
            c = upper_next ? (char)toupper((unsigned char)c) : (char)tolower((unsigned char)c);
            upper_next = 0;
        } else {
            upper_next = c == ' ' || c == '-';
        }
        buf[o++] = c;
    }
    buf[o] = '\0';
    const char *canon = NULL;
    unsigned kinds = ai_gaz_lookup(buf, o, &canon);
    if (canon) {
        o = strlen(canon);
        memcpy(buf, canon, o + 1);
    }
    struct cand *c = cand_get(e, buf, o, 1 + (memchr(buf, ' ', o) != NULL));
    if (!c)
        return;
    c->count++;
    c->gazetteer |= (kinds & (AI_GAZ_PLACE | AI_GAZ_ORG)) != 0;
    c->votes[agency ? AI_ENTITY_ORG : AI_ENTITY_PLACE] += 8;
}

static int cand_type(const struct cand *c)
{
    int best = AI_ENTITY_PERSON;
    for (int t = 1; t < AI_ENTITY_TYPE_COUNT; t++)
        if (c->votes[t] > c->votes[best])
            best = t;
    return best;
}

static int cmp_entity(const void *x, const void *y)
{
    const struct ai_entity *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Whether word w[0..n) is the first (or, when last is set, the last) word of name. */
static int is_edge_word(const char *name, const char *w, size_t n, int last)
{
    size_t ln = strlen(name);
    if (ln > n && strncmp(name, w, n) == 0 && name[n] == ' ')
        return 1;
    return last && ln > n && strncmp(name + ln - n, w, n) == 0 && name[ln - n - 1] == ' ';
}

void ai_entities_extract(const char *text, size_t len, const struct ai_sentence *sents, size_t n,
                         struct ai_analysis *a)
{
    struct ents e = {0};
    struct word_facts wf;
    ai_vocab_init(&wf.midcap);
    ai_vocab_init(&wf.lower);
    ai_vocab_init(&wf.initial);
    for (size_t i = 0; i < n; i++) {
        struct tok toks[512];
        const char *s = sents[i].text;
        size_t sn = strlen(s);
        size_t nt = sentence_tokens(s, sn, toks, sizeof(toks) / sizeof(toks[0]));
        for (size_t k = 0; k < nt; k++) {
            const char *w = s + toks[k].off;
            size_t wl = strip_possessive(w, toks[k].len);
            if (!toks[k].cap) {
                char folded[64];
                size_t fl = ai_fold(w, wl, folded, sizeof(folded));
                ai_vocab_intern(&wf.lower, folded, fl);
                continue;
            }
            /* after a colon or an opening quote a capital starts a sentence again */
            if (k == 0 || (toks[k].off >= 2 && (w[-1] == '"' || w[-2] == ':' ||
                                                (toks[k].off >= 3 && w[-1] == '\x9c')))) {
                uint32_t id = ai_vocab_intern(&wf.initial, w, wl);
                wf.initial.df[id]++;
                continue;
            }
            ai_vocab_intern(&wf.midcap, w, wl);
        }
    }
    ai_datelines(text, len, on_dateline, &e);
    for (size_t i = 0; i < n; i++)
        sentence_spans(&e, sents[i].text, &wf);
    /* lone words that are part of a longer person's or organisation's name */
    for (size_t i = 0; i < e.n; i++) {
        struct cand *c = &e.c[i];
        if (c->ntok != 1 || c->gazetteer)
            continue;
        struct cand *target = NULL;
        size_t cn = strlen(c->name);
        for (size_t j = 0; j < e.n; j++) {
            struct cand *d = &e.c[j];
            if (j == i || d->ntok < 2 || d->merged)
                continue;
            int t = cand_type(d);
            /* "Macron" is Emmanuel Macron, "Orrin" is Orrin Semiconductor, but
             * "Lindenfeld" is not the University of Lindenfeld */
            if (t == AI_ENTITY_PLACE || !is_edge_word(d->name, c->name, cn, t == AI_ENTITY_PERSON))
                continue;
            if (t == AI_ENTITY_ORG && c->votes[AI_ENTITY_PLACE] > 0)
                continue;
            if (!target || d->count > target->count)
                target = d;
        }
        if (target) {
            target->count += c->count;
            c->merged = 1;
        }
    }
    for (size_t i = 0; i < e.n; i++) {
        struct cand *c = &e.c[i];
        int t = cand_type(c);
        if (c->merged)
            continue;
        /* a lone unknown word with no evidence and a single mention says too little */
        if (c->ntok == 1 && !c->gazetteer && c->votes[t] == 0 && c->count < 2)
            continue;
        if (c->ntok == 1 && !c->gazetteer && c->votes[t] == 0)
            t = AI_ENTITY_ORG; /* a recurring lone name: most often a company or team */
        if (a->entity_count >= AI_MAX_ENTITIES * 4)
            break;
        a->entities = xrealloc(a->entities, (a->entity_count + 1) * sizeof(*a->entities));
        struct ai_entity *out = &a->entities[a->entity_count++];
        out->name = xstrdup(c->name);
        out->slug = text_slugify(c->name, 80);
        out->type = (enum ai_entity_type)t;
        out->count = c->count;
    }
    if (a->entity_count > 1)
        qsort(a->entities, a->entity_count, sizeof(*a->entities), cmp_entity);
    while (a->entity_count > AI_MAX_ENTITIES) {
        a->entity_count--;
        free(a->entities[a->entity_count].name);
        free(a->entities[a->entity_count].slug);
    }
    for (size_t i = 0; i < e.n; i++)
        free(e.c[i].name);
    free(e.c);
    ai_vocab_release(&wf.midcap);
    ai_vocab_release(&wf.lower);
    ai_vocab_release(&wf.initial);
}
