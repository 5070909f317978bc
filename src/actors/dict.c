/* dict.c — loading and checking the actor dictionary. */
#include "actors/dict.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "text/token.h"
#include "util/date.h"
#include "util/dictfile.h"

/* CAMEO sector (type) codes accepted after a country code. */
static const char *const sectors[] = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LAB", "LEG", "AGR", "ENV", "HLH", "HRI", "REF", "MOD", "RAD", "ELI", "UAF", "SEP", "INS",
    "IGO", "NGO", "NGM", "MNC", "IRC", "REL", "JEW", "MUS", "CHR", "BUD", "HIN", "SHI", "SUN",
    "CTH", "ORT", "PRO", "ATH", "DEV", "SET", "AMN", "HRW", "ICG", "MSF", "TRB", "IMG", "UNO",
    "EUR", "AFR", "ASA", "WST", "MEA", "SAM", "NAM", "LAM", "CAU", "SAS", "SEA", "EAF", "WAF",
    "NAF", "CAF", "SAF", "BLK", "OPC", NULL};
/* Prefixes of codes that are not country-based; anything may follow them. */
static const char *const free_prefixes[] = {"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "UNO", "REB", NULL};

typedef struct loader {
    dyad_actor_dict *d;
    int section;            /* ENTRY_ACTOR / ENTRY_AGENT / ENTRY_TITLE */
    int override;
    long last_entry;        /* for role lines, -1 when none */
    unsigned file_seq;      /* sections (@agents, @titles) end with their file */
    const char *file;       /* interned current file name */
} loader;

static const char *intern_file(loader *L, const char *f)
{
    if (L->file && strcmp(L->file, f) == 0)
        return L->file;
    L->file = dyad_arena_strdup(&L->d->mem, f);
    return L->file;
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 1024;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

static int valid_code_chars(const char *c)
{
    size_t n = strlen(c);
    if (n < 3 || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)c[i]) && !isdigit((unsigned char)c[i]))
            return 0;
    return 1;
}

static int in_list3(const char *const *list, const char *c)
{
    for (int i = 0; list[i]; i++)
        if (strncmp(list[i], c, 3) == 0)
            return 1;
    return 0;
}

static int is_person_code(const dyad_entry *e)
{
    size_t n = strlen(e->code);
    return e->kind == ENTRY_ACTOR && n >= 6 && strcmp(e->code + n - 3, "ELI") == 0;
}

/* Register one alias of an entry. */
static int add_phrase(loader *L, uint32_t entry, const char *alias, unsigned line)
{
    dyad_actor_dict *d = L->d;
    uint64_t h[DYAD_NAME_MAX_TOKENS];
    uint16_t f[DYAD_NAME_MAX_TOKENS];
    size_t alen = strlen(alias);
    int n = dyad_tokenize_name(alias, alen, h, f, DYAD_NAME_MAX_TOKENS);
    if (n < 0) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, line, "name too long: %s", alias);
        return 0;
    }
    if (n == 0) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, line, "empty name");
        return 0;
    }
    uint64_t ph = h[0];
    for (int i = 1; i < n; i++)
        ph = dyad_hash_combine(ph, h[i]);
    ph = dyad_hash_combine(ph, (uint64_t)n);
    uint32_t existing;
    if (dyad_hmap_get(&d->phrase_map, ph, &existing)) {
        const dyad_entry *old = &d->entries[d->phrases[existing].entry];
        const dyad_entry *neu = &d->entries[entry];
        if (L->override) {
            d->phrases[existing].entry = entry;
            return 0;
        }
        /* the same person in two files (a minister who later led the government): one entry
         * with the roles of both */
        if (is_person_code(old) && is_person_code(neu) && strcmp(old->code, neu->code) == 0) {
            uint32_t root = d->phrases[existing].entry;
            while (d->entries[root].merged_into >= 0)
                root = (uint32_t)d->entries[root].merged_into;
            if (root != entry && d->entries[entry].merged_into < 0)
                d->entries[entry].merged_into = (int32_t)root;
            return 0;
        }
        if (d->strict && strcmp(old->code, neu->code) != 0)
            dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, line,
                           "duplicate name \"%s\": already %s at %s:%u", alias, old->code,
                           old->file, old->line);
        return 0;   /* first one wins */
    }
    if (grow((void **)&d->phrases, &d->cap_phrases, d->n_phrases, sizeof *d->phrases))
        return -1;
    dyad_phrase *p = &d->phrases[d->n_phrases];
    memset(p, 0, sizeof *p);
    p->entry = entry;
    p->ntok = (uint8_t)n;
    /* case rules: capitalised dictionary words need capitals in text; short all-capital
     * acronyms (US, UN) need all capitals */
    int letters = 0, upper = 0;
    for (size_t i = 0; i < alen; i++)
        if (isalpha((unsigned char)alias[i])) {
            letters++;
            upper += isupper((unsigned char)alias[i]) != 0;
        }
    p->allcaps = letters > 0 && letters <= 4 && upper == letters && n == 1;
    for (int i = 0; i < n && i < 16; i++)
        if (f[i] & TOK_CAP)
            p->capmask |= (uint16_t)(1u << i);
    if (dyad_hmap_put(&d->phrase_map, ph, (uint32_t)d->n_phrases))
        return -1;
    d->n_phrases++;
    /* first token -> the phrase lengths that start with it and their second tokens */
    uint32_t fi;
    if (!dyad_hmap_get(&d->first_map, h[0], &fi)) {
        if (grow((void **)&d->firsts, &d->cap_firsts, d->n_firsts, sizeof *d->firsts))
            return -1;
        fi = (uint32_t)d->n_firsts++;
        d->firsts[fi].lengths = 0;
        d->firsts[fi].second = 0;
        d->firsts[fi].single = 0;
        if (dyad_hmap_put(&d->first_map, h[0], fi))
            return -1;
    }
    d->firsts[fi].lengths |= 1u << n;
    if (n == 1)
        d->firsts[fi].single = (uint32_t)d->n_phrases;   /* index + 1: n_phrases was bumped */
    if (n >= 2)
        d->firsts[fi].second |= 1ULL << (h[1] >> 58);
    return 0;
}

static int parse_role(loader *L, const dyad_dictline *l)
{
    dyad_actor_dict *d = L->d;
    if (L->last_entry < 0) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "role line without an entry");
        return 0;
    }
    char code[32], range[64];
    if (sscanf(l->text, "%31s %63s", code, range) != 2) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "malformed role line (want CODE FROM..TO)");
        return 0;
    }
    char *dots = strstr(range, "..");
    if (!dots || !valid_code_chars(code)) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "malformed role line (want CODE FROM..TO)");
        return 0;
    }
    int32_t from = INT32_MIN + 1, to = INT32_MAX;
    int flen = (int)(dots - range), tlen = (int)strlen(dots + 2);
    if (flen && (from = dyad_parse_date(range, flen, 0, NULL)) == DYAD_NO_DATE) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "malformed date: %.*s", flen, range);
        return 0;
    }
    if (tlen && (to = dyad_parse_date(dots + 2, tlen, 1, NULL)) == DYAD_NO_DATE) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "malformed date: %s", dots + 2);
        return 0;
    }
    if (from > to) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "role ends before it starts: %s", range);
        return 0;
    }
    dyad_entry *e = &d->entries[L->last_entry];
    if (d->strict)
        for (uint32_t i = 0; i < e->role_count; i++) {
            dyad_role *r = &d->roles[e->role_first + i];
            if (r->from <= to && from <= r->to && strcmp(r->code, code) != 0)
                dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line,
                               "role %s %s overlaps role %s of %s", code, range, r->code, e->name);
        }
    if (grow((void **)&d->roles, &d->cap_roles, d->n_roles, sizeof *d->roles))
        return -1;
    if (e->role_count == 0)
        e->role_first = (uint32_t)d->n_roles;
    else if (e->role_first + e->role_count != d->n_roles) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "role lines must follow their entry");
        return 0;
    }
    d->roles[d->n_roles].code = dyad_arena_strdup(&d->mem, code);
    d->roles[d->n_roles].from = from;
    d->roles[d->n_roles].to = to;
    d->n_roles++;
    e->role_count++;
    return 0;
}

/* An @ignore line: phrases only ("social media | social networks"), kept as one entry with an
 * empty code so that the longest match finds them and the recogniser drops them. */
static int ignore_line(loader *L, const dyad_dictline *l, char **fields, int nf)
{
    dyad_actor_dict *d = L->d;
    if (grow((void **)&d->entries, &d->cap_entries, d->n_entries, sizeof *d->entries))
        return -1;
    dyad_entry *e = &d->entries[d->n_entries];
    memset(e, 0, sizeof *e);
    e->code = dyad_arena_strdup(&d->mem, "");
    e->name = dyad_arena_strdup(&d->mem, fields[0]);
    e->file = L->file;
    e->line = l->line;
    e->kind = ENTRY_IGNORE;
    e->merged_into = -1;
    if (!e->code || !e->name)
        return -1;
    uint32_t idx = (uint32_t)d->n_entries++;
    for (int i = 0; i < nf; i++)
        if (fields[i][0] && add_phrase(L, idx, fields[i], l->line))
            return -1;
    L->last_entry = -1;
    return 0;
}

static int on_line(void *ctx, const dyad_dictline *l)
{
    loader *L = ctx;
    dyad_actor_dict *d = L->d;
    intern_file(L, l->file);
    if (l->file_seq != L->file_seq) {
        L->file_seq = l->file_seq;
        L->section = ENTRY_ACTOR;
        L->override = 0;
    }
    if (l->text[0] == '@') {
        if (strcmp(l->text, "@agents") == 0)
            L->section = ENTRY_AGENT;
        else if (strcmp(l->text, "@titles") == 0)
            L->section = ENTRY_TITLE;
        else if (strcmp(l->text, "@actors") == 0)
            L->section = ENTRY_ACTOR;
        else if (strcmp(l->text, "@ignore") == 0)
            L->section = ENTRY_IGNORE;
        else if (strcmp(l->text, "@override") == 0)
            L->override = 1;
        else
            dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "unknown directive %s", l->text);
        L->last_entry = -1;
        return 0;
    }
    if (l->indented && !strchr(l->text, '|'))
        return parse_role(L, l);
    char *fields[256];
    int nf = dyad_split_fields(l->text, '|', fields, 256);
    if (L->section == ENTRY_IGNORE)
        return ignore_line(L, l, fields, nf);
    if (nf < 2 || !fields[1][0]) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "entry needs CODE | name");
        L->last_entry = -1;
        return 0;
    }
    if (!valid_code_chars(fields[0])) {
        dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "malformed code \"%s\"", fields[0]);
        L->last_entry = -1;
        return 0;
    }
    if (grow((void **)&d->entries, &d->cap_entries, d->n_entries, sizeof *d->entries))
        return -1;
    dyad_entry *e = &d->entries[d->n_entries];
    memset(e, 0, sizeof *e);
    e->code = dyad_arena_strdup(&d->mem, fields[0]);
    e->name = dyad_arena_strdup(&d->mem, fields[1]);
    e->file = L->file;
    e->line = l->line;
    e->kind = (uint8_t)L->section;
    e->merged_into = -1;
    if (L->section == ENTRY_ACTOR && strlen(fields[0]) == 3 && !in_list3(free_prefixes, fields[0]))
        e->kind = ENTRY_COUNTRY;
    if (!e->code || !e->name)
        return -1;
    uint32_t idx = (uint32_t)d->n_entries++;
    if (e->kind == ENTRY_COUNTRY) {
        uint64_t ch = dyad_hash_bytes(e->code, 3);
        uint32_t dummy;
        if (!dyad_hmap_get(&d->country_set, ch, &dummy) && dyad_hmap_put(&d->country_set, ch, idx))
            return -1;
    }
    for (int i = 1; i < nf; i++) {
        if (!fields[i][0]) {
            dyad_dict_warn(&d->warnings, &d->n_warnings, L->file, l->line, "empty name");
            continue;
        }
        if (add_phrase(L, idx, fields[i], l->line))
            return -1;
    }
    L->last_entry = idx;
    return 0;
}

static uint32_t root_of(const dyad_actor_dict *d, uint32_t e)
{
    while (d->entries[e].merged_into >= 0)
        e = (uint32_t)d->entries[e].merged_into;
    return e;
}

/* Give merged people one contiguous run of roles and point their names at one entry. */
static int merge_people(dyad_actor_dict *d)
{
    size_t merged = 0;
    for (size_t i = 0; i < d->n_entries; i++)
        merged += d->entries[i].merged_into >= 0;
    if (!merged)
        return 0;
    uint32_t *count = calloc(d->n_entries, sizeof *count);
    dyad_role *roles = malloc((d->n_roles ? d->n_roles : 1) * sizeof *roles);
    if (!count || !roles) {
        free(count);
        free(roles);
        return -1;
    }
    for (size_t i = 0; i < d->n_entries; i++)
        count[root_of(d, (uint32_t)i)] += d->entries[i].role_count;
    uint32_t pos = 0;
    uint32_t *next = calloc(d->n_entries, sizeof *next);
    if (!next) {
        free(count);
        free(roles);
        return -1;
    }
    for (size_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].merged_into < 0) {
            next[i] = pos;
            pos += count[i];
        }
    for (size_t i = 0; i < d->n_entries; i++) {
        dyad_entry *e = &d->entries[i];
        uint32_t r = root_of(d, (uint32_t)i);
        for (uint32_t k = 0; k < e->role_count; k++) {
            const dyad_role *x = &d->roles[e->role_first + k];
            roles[next[r]++] = *x;
        }
    }
    for (size_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].merged_into < 0) {
            d->entries[i].role_first = next[i] - count[i];
            d->entries[i].role_count = count[i];
        }
    for (size_t i = 0; i < d->n_phrases; i++)
        d->phrases[i].entry = root_of(d, d->phrases[i].entry);
    /* strict: roles from two files must not overlap with different codes */
    for (size_t i = 0; d->strict && i < d->n_entries; i++) {
        const dyad_entry *e = &d->entries[i];
        if (e->merged_into >= 0)
            continue;
        for (uint32_t a = 0; a < e->role_count; a++)
            for (uint32_t b = a + 1; b < e->role_count; b++) {
                const dyad_role *x = &roles[e->role_first + a], *y = &roles[e->role_first + b];
                if (x->from <= y->to && y->from <= x->to && strcmp(x->code, y->code))
                    dyad_dict_warn(&d->warnings, &d->n_warnings, e->file, e->line,
                                   "merged roles of %s overlap: %s and %s", e->name, x->code, y->code);
            }
    }
    free(d->roles);
    d->roles = roles;
    d->cap_roles = d->n_roles ? d->n_roles : 1;
    free(count);
    free(next);
    return 0;
}

int dyad_actor_is_country(const dyad_actor_dict *d, const char *code3)
{
    uint32_t v;
    return dyad_hmap_get(&d->country_set, dyad_hash_bytes(code3, 3), &v);
}

/* After loading: give every entry its country, and (strict) check codes. */
static void resolve_countries(dyad_actor_dict *d)
{
    for (size_t i = 0; i < d->n_entries; i++) {
        dyad_entry *e = &d->entries[i];
        e->country = "";
        if (e->kind == ENTRY_IGNORE)
            continue;
        if (e->kind == ENTRY_AGENT || e->kind == ENTRY_TITLE) {
            if (d->strict && !in_list3(sectors, e->code))
                dyad_dict_warn(&d->warnings, &d->n_warnings, e->file, e->line, "unknown sector code %s", e->code);
            continue;
        }
        if (dyad_actor_is_country(d, e->code)) {
            e->country = dyad_arena_strndup(&d->mem, e->code, 3);
        } else if (!in_list3(free_prefixes, e->code) && d->strict) {
            dyad_dict_warn(&d->warnings, &d->n_warnings, e->file, e->line, "unknown code %s (not a country or IGO/NGO prefix)", e->code);
        }
        if (d->strict && e->country[0])
            for (size_t k = 3; k + 3 <= strlen(e->code); k += 3)
                if (!in_list3(sectors, e->code + k))
                    dyad_dict_warn(&d->warnings, &d->n_warnings, e->file, e->line, "unknown sector %.3s in code %s", e->code + k, e->code);
        if (!e->country)
            e->country = "";
    }
}

dyad_actor_dict *dyad_actor_dict_load(const char *path, int strict, char *err, size_t errlen)
{
    dyad_actor_dict *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    dyad_arena_init(&d->mem, 1 << 20, 0);
    dyad_buf_init(&d->warnings, 1 << 24);
    d->strict = strict;
    if (dyad_hmap_init(&d->phrase_map, 1 << 15) || dyad_hmap_init(&d->first_map, 1 << 14) ||
        dyad_hmap_init(&d->country_set, 512)) {
        snprintf(err, errlen, "out of memory");
        dyad_actor_dict_free(d);
        return NULL;
    }
    char index[4096];
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(index, sizeof index, "%s/index.txt", path);
    else
        snprintf(index, sizeof index, "%s", path);
    loader L = {.d = d, .section = ENTRY_ACTOR, .last_entry = -1};
    if (dyad_dictfile_read(index, on_line, &L, &d->warnings, &d->n_warnings, err, errlen) < 0 ||
        d->mem.failed) {
        if (d->mem.failed)
            snprintf(err, errlen, "out of memory loading %s", index);
        dyad_actor_dict_free(d);
        return NULL;
    }
    resolve_countries(d);
    if (merge_people(d) < 0) {
        snprintf(err, errlen, "out of memory loading %s", index);
        dyad_actor_dict_free(d);
        return NULL;
    }
    return d;
}

void dyad_actor_dict_free(dyad_actor_dict *d)
{
    if (!d)
        return;
    free(d->entries);
    free(d->roles);
    free(d->phrases);
    free(d->firsts);
    dyad_hmap_free(&d->phrase_map);
    dyad_hmap_free(&d->first_map);
    dyad_hmap_free(&d->country_set);
    dyad_buf_free(&d->warnings);
    dyad_arena_free(&d->mem);
    free(d);
}

const char *dyad_entry_code_on(const dyad_actor_dict *d, const dyad_entry *e, int32_t day)
{
    if (day != DYAD_NO_DATE)
        for (uint32_t i = 0; i < e->role_count; i++) {
            const dyad_role *r = &d->roles[e->role_first + i];
            if (r->from <= day && day <= r->to)
                return r->code;
        }
    return e->code;
}
