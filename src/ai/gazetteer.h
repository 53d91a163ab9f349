/*
 * gazetteer.h - the names herald knows (the text files in src/ai/gazetteer/, compiled into the
 * binary by gen.py at build time): places, organisations, person titles, nationalities, given
 * names, and the words that end (or start) organisations' and places' names.
 */
#ifndef HERALD_AI_GAZETTEER_H
#define HERALD_AI_GAZETTEER_H

#include <stddef.h>

enum ai_gaz_kind {
    AI_GAZ_PLACE = 1,
    AI_GAZ_ORG = 2,
    AI_GAZ_TITLE = 4,
    AI_GAZ_NATIONALITY = 8,
    AI_GAZ_GIVEN = 16,
    AI_GAZ_ORG_END = 32,
    AI_GAZ_ORG_START = 64,
    AI_GAZ_PLACE_END = 128,
    AI_GAZ_PLACE_START = 256,
    AI_GAZ_EVENT_END = 512,
    AI_GAZ_EVENT_START = 1024,
};

struct ai_gaz_entry {
    const char *surface;   /* as written in text ("U.S.", "Nato") */
    const char *canonical; /* the name it stands for ("United States") */
    enum ai_gaz_kind kind;
};

extern const struct ai_gaz_entry ai_gaz_entries[];
extern const size_t ai_gaz_count;

/* The kinds (a bit set of enum ai_gaz_kind) under which s[0..n) is listed, exactly as
 * written; 0 when unknown.  *canonical (may be NULL) receives the place or organisation
 * name it stands for, when it is one. */
unsigned ai_gaz_lookup(const char *s, size_t n, const char **canonical);
/* The same, ignoring case (for lower-case titles such as "chief executive"). */
unsigned ai_gaz_lookup_ci(const char *s, size_t n);

#endif
