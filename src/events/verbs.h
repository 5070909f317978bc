/* verbs.h — the verb pattern dictionary (data/verbs/, format in docs/dictionaries.md).
 *
 * Each pattern is compiled to a short array of elements over token hashes. Patterns are
 * indexed by their anchor (the verb, or the first literal word): every form of the anchor
 * maps to the list of patterns it can start, so the engine does one hash probe per token. */
#ifndef DYAD_VERBS_H
#define DYAD_VERBS_H
#include <stddef.h>
#include <stdint.h>
#include "events/codes.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hmap.h"

#define DYAD_ELEM_ALTS 8

/* One bit of a 64-bit bloom filter per token hash: a sentence whose bits do not cover a
 * pattern's required bits cannot match it. */
static inline uint64_t dyad_bloom_bit(uint64_t h) { return 1ULL << (h >> 58); }
#define DYAD_PATTERN_MAX 16

enum { EL_WORD, EL_VERB, EL_GAP, EL_SLOT_S, EL_SLOT_T };
enum { FORM_BASE, FORM_PAST, FORM_PP, FORM_ING, FORM_S3, FORM_COUNT };

typedef struct dyad_elem {
    uint8_t type;
    uint8_t optional;
    uint8_t nalt;
    uint64_t h[DYAD_ELEM_ALTS];   /* EL_WORD: alternatives; EL_VERB: its forms (both spellings) */
    uint8_t form[DYAD_ELEM_ALTS]; /* EL_VERB: FORM_* of each alternative */
} dyad_elem;

typedef struct dyad_pattern {
    const dyad_code_info *code;
    const char *text;        /* as written, for evidence and `dyad codes` */
    const char *file;
    uint32_t line;
    uint8_t n;               /* elements */
    uint8_t anchor;          /* index of the anchor element */
    uint8_t weight;          /* literal elements: longer patterns win */
    uint8_t has_s, has_t;
    uint8_t ends_with_to;    /* "threaten+ to": swallows the verb that follows */
    uint8_t anchor_form;     /* literal anchors: FORM_PAST ("shelled"), FORM_ING, or FORM_COUNT (a noun) */
    uint64_t required;       /* bloom bits of the words every match needs (quick reject) */
    dyad_elem e[DYAD_PATTERN_MAX];
} dyad_pattern;

typedef struct dyad_anchor_ref {
    uint32_t pattern;
    uint8_t form;            /* for verbs: which form this hash is (FORM_*), else FORM_BASE */
} dyad_anchor_ref;

typedef struct dyad_verb_dict {
    dyad_arena mem;
    dyad_pattern *pat;
    size_t n_pat, cap_pat;
    dyad_anchor_ref *refs;   /* grouped by anchor hash after build */
    size_t n_refs, cap_refs;
    uint64_t *ref_hash;      /* parallel to refs while building */
    dyad_hmap anchors;       /* token hash -> index into ranges */
    uint32_t *range_start, *range_len;
    size_t n_ranges;
    dyad_hmap irregular;     /* base hash -> index into forms */
    uint64_t (*forms)[FORM_COUNT];
    size_t n_forms, cap_forms;
    dyad_hmap discards;      /* phrase hash of discard words (sport, business...) */
    dyad_hmap discard_first; /* first token -> longest discard phrase */
    const dyad_code_table *codes;
    int strict;
} dyad_verb_dict;

/* Load DIR/index.txt. Unknown codes and malformed patterns are warnings. */
dyad_verb_dict *dyad_verb_dict_load(const char *dir, const dyad_code_table *codes, int strict,
                                    dyad_buf *warnings, size_t *nwarn, char *err, size_t errlen);
void dyad_verb_dict_free(dyad_verb_dict *v);

/* Patterns anchored at a token hash: returns the count, *refs set. */
static inline uint32_t dyad_verb_anchors(const dyad_verb_dict *v, uint64_t h, const dyad_anchor_ref **refs)
{
    uint32_t r;
    if (!dyad_hmap_get(&v->anchors, h, &r))
        return 0;
    *refs = v->refs + v->range_start[r];
    return v->range_len[r];
}
#endif
