/* dict.h — the actor dictionary: countries, organisations, groups, people with dated roles,
 * sector agents and titles, loaded from data/actors/ (format: docs/dictionaries.md).
 *
 * Names are stored as phrases of token hashes. Lookup is longest-match: a first-token table
 * says how long the longest phrase starting with that token is, so a token that starts no
 * name costs exactly one hash probe. */
#ifndef DYAD_ACTOR_DICT_H
#define DYAD_ACTOR_DICT_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/hmap.h"

#define DYAD_NAME_MAX_TOKENS 16

typedef enum {
    ENTRY_ACTOR = 0,   /* a named actor: organisation, group, person, metonym */
    ENTRY_COUNTRY,     /* a bare country code (name or adjective); combines with agents */
    ENTRY_AGENT,       /* a sector word: troops, police, officials */
    ENTRY_TITLE,       /* a title before a name: president, foreign minister */
    ENTRY_IGNORE       /* a phrase that is never an actor though it holds one: "social media" */
} dyad_entry_kind;

typedef struct dyad_role {
    const char *code;
    int32_t from, to;   /* day numbers, inclusive */
} dyad_role;

typedef struct dyad_entry {
    const char *code;       /* base code ("USAELI", "CHN", "MIL") */
    const char *name;       /* canonical name */
    const char *country;    /* ISO alpha-3 or "" (resolved after loading) */
    const char *file;       /* where it was defined */
    uint32_t line;
    uint32_t role_first, role_count;
    int32_t merged_into;    /* the same person defined again in another file: -1 or entry */
    uint8_t kind;
} dyad_entry;

typedef struct dyad_phrase {
    uint32_t entry;
    uint16_t capmask;   /* bit i: token i must start with a capital */
    uint8_t ntok;
    uint8_t allcaps;    /* every token must be in capitals */
} dyad_phrase;

typedef struct dyad_actor_dict {
    dyad_arena mem;
    dyad_entry *entries;
    size_t n_entries, cap_entries;
    dyad_role *roles;
    size_t n_roles, cap_roles;
    dyad_phrase *phrases;
    size_t n_phrases, cap_phrases;
    dyad_hmap phrase_map;   /* phrase hash -> phrase index */
    dyad_hmap first_map;    /* first token hash -> index into firsts */
    struct dyad_first {
        uint32_t lengths;   /* bit n: a name of n tokens starts with this token */
        uint64_t second;    /* bloom bits of the second tokens of those names */
        uint32_t single;    /* the one-token name's phrase index + 1, 0 when none */
    } *firsts;
    size_t n_firsts, cap_firsts;
    dyad_hmap country_set;  /* hash of 3-letter country code -> entry index */
    dyad_buf warnings;      /* "file:line: message\n" */
    size_t n_warnings;
    int strict;             /* report duplicates and unknown codes (dict check) */
} dyad_actor_dict;

/* Load DIR/index.txt (or a single file). Returns NULL only when out of memory or the index
 * cannot be opened (message in err); line-level problems go to d->warnings. */
dyad_actor_dict *dyad_actor_dict_load(const char *path, int strict, char *err, size_t errlen);
void dyad_actor_dict_free(dyad_actor_dict *d);

/* The code of an entry on a given day (roles applied). */
const char *dyad_entry_code_on(const dyad_actor_dict *d, const dyad_entry *e, int32_t day);

/* Is code a declared country (3 letters)? */
int dyad_actor_is_country(const dyad_actor_dict *d, const char *code3);
#endif
