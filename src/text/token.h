/* token.h — UTF-8 tokenizer: tokens are (offset, length) views into the document body.
 *
 * Each token carries the hash of its normalised form (lower case, dots removed, curly
 * apostrophes folded), which is all the dictionaries ever compare. Words split at hyphens
 * (the hyphen is not a token, the next token is flagged TOK_HYPHEN_BEFORE), a possessive
 * 's or ' becomes its own token, "n't" is split off its verb, and dotted abbreviations stay one
 * token ("U.S." -> "us"). Numbers keep their decimal point ("3.5"). */
#ifndef DYAD_TOKEN_H
#define DYAD_TOKEN_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

enum {
    TOK_WORD = 1 << 0,          /* letters (maybe digits) */
    TOK_NUM = 1 << 1,           /* starts with a digit */
    TOK_PUNCT = 1 << 2,         /* punctuation or symbol */
    TOK_CAP = 1 << 3,           /* first letter upper case */
    TOK_ALLCAPS = 1 << 4,       /* every letter upper case (and at least one) */
    TOK_HYPHEN_BEFORE = 1 << 5, /* joined to the previous token by a hyphen */
    TOK_POSS = 1 << 6,          /* the possessive 's or ' */
};

typedef struct dyad_token {
    uint32_t start, len;   /* bytes in the body */
    uint64_t hash;         /* hash of the normalised form */
    uint16_t flags;
    uint16_t nlen;         /* length of the normalised form (letters, no dots) */
} dyad_token;

/* Tokenize body[start, end). Tokens go into *out (arena array), count into *n.
 * Returns 0, or -1 when the arena is exhausted. */
int dyad_tokenize(dyad_arena *a, const char *body, uint32_t start, uint32_t end,
                  dyad_token **out, uint32_t *n);

/* Normalise one word as the tokenizer does, into buf (capacity cap); returns length or 0.
 * Used by dictionary loaders so text and dictionary agree. */
size_t dyad_normalize(const char *s, size_t len, char *buf, size_t cap);
/* Hash of a normalised word (never 0). */
uint64_t dyad_word_hash(const char *s, size_t len);

/* Tokenize a plain string (a dictionary name) into word hashes and flags. Up to max tokens.
 * Returns the count, or -1 when there are more than max. */
int dyad_tokenize_name(const char *s, size_t len, uint64_t *hashes, uint16_t *flags, int max);
#endif
