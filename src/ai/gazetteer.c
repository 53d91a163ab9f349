/*
 * gazetteer.c - lookups in the compiled gazetteer (see gazetteer.h).  Two open-addressing
 * hash tables over ai_gaz_entries, built once per process: one keyed by the exact
 * surface, one by its ASCII-lower-cased form.  An entry listed under several kinds
 * ("Georgia": a place and a given name) answers with all of them.
 */
#include "ai/gazetteer.h"
#include "ai/ai_int.h"
#include "core/alloc.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

static uint32_t *exact_slots, *ci_slots; /* entry index + 1; 0 = empty */
static size_t nslots;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static uint64_t hash_ci(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)tolower((unsigned char)s[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

static void gaz_init(void)
{
    nslots = 1;
    while (nslots < ai_gaz_count * 4)
        nslots <<= 1;
    exact_slots = xcalloc(nslots, sizeof(*exact_slots));
    ci_slots = xcalloc(nslots, sizeof(*ci_slots));
    for (size_t i = 0; i < ai_gaz_count; i++) {
        const char *s = ai_gaz_entries[i].surface;
        size_t n = strlen(s);
        size_t h = (size_t)(ai_hash(s, n) & (nslots - 1));
        while (exact_slots[h])
            h = (h + 1) & (nslots - 1);
        exact_slots[h] = (uint32_t)i + 1;
        h = (size_t)(hash_ci(s, n) & (nslots - 1));
        while (ci_slots[h])
            h = (h + 1) & (nslots - 1);
        ci_slots[h] = (uint32_t)i + 1;
    }
}

unsigned ai_gaz_lookup(const char *s, size_t n, const char **canonical)
{
    unsigned kinds = 0;
    pthread_once(&gaz_once, gaz_init);
    if (canonical)
        *canonical = NULL;
    size_t h = (size_t)(ai_hash(s, n) & (nslots - 1));
    while (exact_slots[h]) {
        const struct ai_gaz_entry *e = &ai_gaz_entries[exact_slots[h] - 1];
        if (strncmp(e->surface, s, n) == 0 && e->surface[n] == '\0') {
            kinds |= (unsigned)e->kind;
            if (canonical && (e->kind == AI_GAZ_PLACE || e->kind == AI_GAZ_ORG) && !*canonical)
                *canonical = e->canonical;
        }
        h = (h + 1) & (nslots - 1);
    }
    return kinds;
}

unsigned ai_gaz_lookup_ci(const char *s, size_t n)
{
    unsigned kinds = 0;
    pthread_once(&gaz_once, gaz_init);
    size_t h = (size_t)(hash_ci(s, n) & (nslots - 1));
    while (ci_slots[h]) {
        const struct ai_gaz_entry *e = &ai_gaz_entries[ci_slots[h] - 1];
        if (strncasecmp(e->surface, s, n) == 0 && e->surface[n] == '\0')
            kinds |= (unsigned)e->kind;
        h = (h + 1) & (nslots - 1);
    }
    return kinds;
}
