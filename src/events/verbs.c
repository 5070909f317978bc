/* verbs.c — loading and compiling verb patterns. */
#include "events/verbs.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "text/token.h"
#include "util/dictfile.h"

typedef struct vloader {
    dyad_verb_dict *v;
    const dyad_code_table *codes;
    dyad_buf *w;
    size_t *nw;
    const char *file;
} vloader;

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

static uint64_t hash_str(const char *s) { return dyad_word_hash(s, strlen(s)); }

static int is_vowel(char c) { return strchr("aeiou", c) != NULL; }

/* Regular English inflection of a lower-case base verb. */
static void regular_forms(const char *b, uint64_t out[FORM_COUNT])
{
    char s[128];
    size_t n = strlen(b);
    if (n == 0 || n > 100) {
        for (int i = 0; i < FORM_COUNT; i++)
            out[i] = hash_str(b);
        return;
    }
    char last = b[n - 1], prev = n > 1 ? b[n - 2] : 0;
    out[FORM_BASE] = hash_str(b);
    /* third person singular */
    if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
        (last == 'h' && (prev == 's' || prev == 'c')))
        snprintf(s, sizeof s, "%ses", b);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(s, sizeof s, "%.*sies", (int)n - 1, b);
    else
        snprintf(s, sizeof s, "%ss", b);
    out[FORM_S3] = hash_str(s);
    /* past and past participle */
    if (last == 'e')
        snprintf(s, sizeof s, "%sd", b);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(s, sizeof s, "%.*sied", (int)n - 1, b);
    else
        snprintf(s, sizeof s, "%sed", b);
    out[FORM_PAST] = out[FORM_PP] = hash_str(s);
    /* -ing */
    if (n > 2 && last == 'e' && prev == 'i')
        snprintf(s, sizeof s, "%.*sying", (int)n - 2, b);
    else if (n > 2 && last == 'e' && prev != 'e' && prev != 'y' && prev != 'o')
        snprintf(s, sizeof s, "%.*sing", (int)n - 1, b);
    else
        snprintf(s, sizeof s, "%sing", b);
    out[FORM_ING] = hash_str(s);
}

/* Every distinct form of a verb, with its FORM_* tag, into e (both spellings when two @verb
 * lines declare the same base: cancelled/canceled). */
static void verb_forms(dyad_verb_dict *v, const char *base, dyad_elem *e)
{
    uint64_t hb = hash_str(base), f[FORM_COUNT];
    uint32_t idx;
    e->nalt = 0;
    int found = 0;
    for (size_t i = 0; i < v->n_forms; i++) {
        if (v->forms[i][FORM_BASE] != hb)
            continue;
        found = 1;
        for (int k = 0; k < FORM_COUNT && e->nalt < DYAD_ELEM_ALTS; k++) {
            int dup = 0;
            for (int j = 0; j < e->nalt; j++)
                dup |= e->h[j] == v->forms[i][k];
            if (!dup) {
                e->h[e->nalt] = v->forms[i][k];
                e->form[e->nalt++] = (uint8_t)k;
            }
        }
    }
    (void)idx;
    if (found)
        return;
    regular_forms(base, f);
    for (int k = 0; k < FORM_COUNT; k++) {
        int dup = 0;
        for (int j = 0; j < e->nalt; j++)
            dup |= e->h[j] == f[k];
        if (!dup) {
            e->h[e->nalt] = f[k];
            e->form[e->nalt++] = (uint8_t)k;
        }
    }
}

/* @verb base past pp ing s3 */
static void declare_verb(vloader *L, const dyad_dictline *l)
{
    dyad_verb_dict *v = L->v;
    char f[FORM_COUNT][64];
    if (sscanf(l->text + 5, "%63s %63s %63s %63s %63s", f[0], f[1], f[2], f[3], f[4]) != 5) {
        dyad_dict_warn(L->w, L->nw, L->file, l->line, "@verb needs five forms: base past participle -ing 3sg");
        return;
    }
    uint64_t hb = hash_str(f[0]);
    uint32_t idx;
    if (dyad_hmap_get(&v->irregular, hb, &idx)) {
        /* a second spelling (cancelled/canceled): keep the first, add the other as alias */
        if (v->strict && hash_str(f[1]) == v->forms[idx][FORM_PAST])
            dyad_dict_warn(L->w, L->nw, L->file, l->line, "verb %s declared twice", f[0]);
    }
    if (grow((void **)&v->forms, &v->cap_forms, v->n_forms, sizeof *v->forms))
        return;
    for (int i = 0; i < FORM_COUNT; i++)
        v->forms[v->n_forms][i] = hash_str(f[i]);
    if (!dyad_hmap_get(&v->irregular, hb, &idx))
        dyad_hmap_put(&v->irregular, hb, (uint32_t)v->n_forms);
    else {
        /* variant spelling: register under a synthetic key so both spellings are found */
        dyad_hmap_put(&v->irregular, dyad_hash_combine(hb, v->n_forms), (uint32_t)v->n_forms);
    }
    v->n_forms++;
}

static void add_discards(vloader *L, const dyad_dictline *l)
{
    dyad_verb_dict *v = L->v;
    char *fields[64];
    int nf = dyad_split_fields(l->text + 8, '|', fields, 64);
    for (int i = 0; i < nf; i++) {
        uint64_t h[DYAD_PATTERN_MAX];
        int n = dyad_tokenize_name(fields[i], strlen(fields[i]), h, NULL, DYAD_PATTERN_MAX);
        if (n <= 0) {
            if (fields[i][0])
                dyad_dict_warn(L->w, L->nw, L->file, l->line, "bad discard phrase \"%s\"", fields[i]);
            continue;
        }
        uint64_t ph = h[0];
        for (int k = 1; k < n; k++)
            ph = dyad_hash_combine(ph, h[k]);
        dyad_hmap_put(&v->discards, dyad_hash_combine(ph, (uint64_t)n), 1);
        uint32_t longest = 0;
        dyad_hmap_get(&v->discard_first, h[0], &longest);
        if ((uint32_t)n > longest)
            dyad_hmap_put(&v->discard_first, h[0], (uint32_t)n);
    }
}

/* Compile one pattern. Returns 0 on success, -1 when malformed (warned). */
static int compile(vloader *L, unsigned line, const dyad_code_info *ci, char *text, dyad_pattern *p)
{
    memset(p, 0, sizeof *p);
    p->code = ci;
    int anchor = -1, first_word = -1;
    char anchor_text[64] = "";
    char *save = NULL;
    for (char *w = strtok_r(text, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        size_t wl = strlen(w);
        if (p->n >= DYAD_PATTERN_MAX) {
            dyad_dict_warn(L->w, L->nw, L->file, line, "pattern longer than %d elements", DYAD_PATTERN_MAX);
            return -1;
        }
        dyad_elem *e = &p->e[p->n];
        memset(e, 0, sizeof *e);
        if (strcmp(w, "$S") == 0) {
            e->type = EL_SLOT_S;
            p->has_s = 1;
            p->weight++;   /* a slot pins the actor: worth as much as a word */
        } else if (strcmp(w, "$T") == 0) {
            e->type = EL_SLOT_T;
            p->has_t = 1;
            p->weight++;
        } else if (strcmp(w, "*") == 0) {
            e->type = EL_GAP;
        } else {
            if (w[wl - 1] == '?') {
                e->optional = 1;
                w[--wl] = 0;
            }
            if (wl > 1 && w[wl - 1] == '+') {
                w[--wl] = 0;
                for (size_t k = 0; k < wl; k++)
                    w[k] = (char)tolower((unsigned char)w[k]);
                e->type = EL_VERB;
                verb_forms(L->v, w, e);
                if (anchor < 0 && !e->optional)
                    anchor = p->n;
            } else {
                e->type = EL_WORD;
                char *alt_save = NULL;
                for (char *a = strtok_r(w, "/", &alt_save); a; a = strtok_r(NULL, "/", &alt_save)) {
                    uint64_t h[4];
                    int nt = dyad_tokenize_name(a, strlen(a), h, NULL, 4);
                    if (nt < 1 || e->nalt >= DYAD_ELEM_ALTS) {
                        dyad_dict_warn(L->w, L->nw, L->file, line, "bad word \"%s\" in pattern", a);
                        return -1;
                    }
                    if (nt > 1) {
                        /* a hyphenated literal (cease-fire): becomes consecutive words */
                        if (e->nalt > 0 || p->n + nt > DYAD_PATTERN_MAX) {
                            dyad_dict_warn(L->w, L->nw, L->file, line, "multi-word alternative \"%s\" not allowed", a);
                            return -1;
                        }
                        for (int k = 0; k < nt; k++) {
                            dyad_elem *ek = &p->e[p->n + k];
                            memset(ek, 0, sizeof *ek);
                            ek->type = EL_WORD;
                            ek->nalt = 1;
                            ek->h[0] = h[k];
                            ek->optional = e->optional;
                        }
                        p->n = (uint8_t)(p->n + nt - 1);
                        e = &p->e[p->n];
                        break;
                    }
                    e->h[e->nalt++] = h[0];
                }
                if (first_word < 0 && !e->optional) {
                    first_word = p->n;
                    snprintf(anchor_text, sizeof anchor_text, "%s", w);
                    for (char *q = anchor_text; *q; q++)
                        *q = (char)tolower((unsigned char)*q);
                }
            }
            if (!e->optional)
                p->weight++;
        }
        p->n++;
    }
    /* "$S drones hit+": a word right after an opening slot names what the source is (a
     * weapon, a second party); such a pattern says more than an object pattern of its size */
    if (p->n > 1 && p->e[0].type == EL_SLOT_S && p->e[1].type == EL_WORD && !p->e[1].optional)
        p->weight++;
    if (anchor < 0)
        anchor = first_word;
    if (anchor < 0) {
        dyad_dict_warn(L->w, L->nw, L->file, line, "pattern has no verb or word");
        return -1;
    }
    p->anchor = (uint8_t)anchor;
    for (int i = 0; i < p->n; i++)
        if (i != anchor && p->e[i].type == EL_WORD && !p->e[i].optional && p->e[i].nalt == 1)
            p->required |= dyad_bloom_bit(p->e[i].h[0]);
    p->anchor_form = FORM_COUNT;
    if (p->e[anchor].type == EL_WORD) {
        /* a literal anchor written as a verb form ("shelled", "struck", "shelling") acts as
         * one: an irregular form declared with @verb, or a regular -ed / -ing ending */
        const char *w = anchor_text;
        size_t n = strlen(w);
        uint64_t h = p->e[anchor].h[0];
        for (size_t i = 0; i < L->v->n_forms && p->anchor_form == FORM_COUNT; i++)
            for (int k = FORM_PAST; k < FORM_COUNT; k++)
                if (L->v->forms[i][k] == h && L->v->forms[i][k] != L->v->forms[i][FORM_BASE] &&
                    k != FORM_S3) {
                    p->anchor_form = (uint8_t)k;
                    break;
                }
        if (p->anchor_form != FORM_COUNT)
            ;
        else if (n > 4 && !strcmp(w + n - 2, "ed"))
            p->anchor_form = FORM_PAST;
        else if (n > 5 && !strcmp(w + n - 3, "ing"))
            p->anchor_form = FORM_ING;
    }
    const dyad_elem *last = &p->e[p->n - 1];
    static uint64_t to_hash;
    if (!to_hash)
        to_hash = hash_str("to");
    p->ends_with_to = last->type == EL_WORD && last->nalt == 1 && last->h[0] == to_hash;
    return 0;
}

static int add_ref(dyad_verb_dict *v, uint64_t h, uint32_t pat, uint8_t form)
{
    if (v->n_refs == v->cap_refs) {
        size_t nc = v->cap_refs ? v->cap_refs * 2 : 4096;
        dyad_anchor_ref *r = realloc(v->refs, nc * sizeof *r);
        uint64_t *rh = realloc(v->ref_hash, nc * sizeof *rh);
        if (r)
            v->refs = r;
        if (rh)
            v->ref_hash = rh;
        if (!r || !rh)
            return -1;
        v->cap_refs = nc;
    }
    v->refs[v->n_refs] = (dyad_anchor_ref){pat, form};
    v->ref_hash[v->n_refs++] = h;
    return 0;
}

static int on_line(void *ctx, const dyad_dictline *l)
{
    vloader *L = ctx;
    dyad_verb_dict *v = L->v;
    if (!L->file || strcmp(L->file, l->file) != 0)
        L->file = dyad_arena_strdup(&v->mem, l->file);
    if (strncmp(l->text, "@verb", 5) == 0 && isspace((unsigned char)l->text[5])) {
        declare_verb(L, l);
        return 0;
    }
    if (strncmp(l->text, "@discard", 8) == 0 && isspace((unsigned char)l->text[8])) {
        add_discards(L, l);
        return 0;
    }
    if (l->text[0] == '@') {
        dyad_dict_warn(L->w, L->nw, L->file, l->line, "unknown directive %s", l->text);
        return 0;
    }
    char *fields[128];
    int nf = dyad_split_fields(l->text, '|', fields, 128);
    if (nf < 2) {
        dyad_dict_warn(L->w, L->nw, L->file, l->line, "want CODE | pattern | ...");
        return 0;
    }
    const dyad_code_info *ci = dyad_codes_find(L->codes, fields[0]);
    if (!ci) {
        dyad_dict_warn(L->w, L->nw, L->file, l->line, "unknown event code \"%s\"", fields[0]);
        return 0;
    }
    for (int i = 1; i < nf; i++) {
        if (!fields[i][0])
            continue;
        if (grow((void **)&v->pat, &v->cap_pat, v->n_pat, sizeof *v->pat))
            return -1;
        dyad_pattern *p = &v->pat[v->n_pat];
        char *copy = dyad_arena_strdup(&v->mem, fields[i]);
        char *work = dyad_arena_strdup(&v->mem, fields[i]);
        if (!copy || !work)
            return -1;
        if (compile(L, l->line, ci, work, p) < 0)
            continue;
        p->text = copy;
        p->file = L->file;
        p->line = l->line;
        const dyad_elem *a = &p->e[p->anchor];
        for (int k = 0; k < a->nalt; k++)   /* forms are distinct (past = participle once) */
            if (add_ref(v, a->h[k], (uint32_t)v->n_pat,
                        (uint8_t)(a->type == EL_VERB ? a->form[k] : FORM_BASE)))
                return -1;
        v->n_pat++;
    }
    return 0;
}

/* Group anchor references by hash: sort indices, then one range per hash. */
static int cmp_ref(const void *a, const void *b, void *keys)
{
    const uint64_t *sort_keys = keys;
    uint64_t x = sort_keys[*(const uint32_t *)a], y = sort_keys[*(const uint32_t *)b];
    if (x != y)
        return x < y ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int build_index(dyad_verb_dict *v)
{
    size_t n = v->n_refs;
    uint32_t *ord = malloc((n ? n : 1) * sizeof *ord);
    dyad_anchor_ref *sorted = malloc((n ? n : 1) * sizeof *sorted);
    v->range_start = malloc((n ? n : 1) * sizeof *v->range_start);
    v->range_len = malloc((n ? n : 1) * sizeof *v->range_len);
    if (!ord || !sorted || !v->range_start || !v->range_len) {
        free(ord);
        free(sorted);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        ord[i] = (uint32_t)i;
    qsort_r(ord, n, sizeof *ord, cmp_ref, v->ref_hash);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint64_t h = v->ref_hash[ord[i]];
        while (j < n && v->ref_hash[ord[j]] == h) {
            sorted[j] = v->refs[ord[j]];
            j++;
        }
        v->range_start[v->n_ranges] = (uint32_t)i;
        v->range_len[v->n_ranges] = (uint32_t)(j - i);
        if (dyad_hmap_put(&v->anchors, h, (uint32_t)v->n_ranges++)) {
            free(ord);
            free(sorted);
            return -1;
        }
        i = j;
    }
    free(v->refs);
    free(ord);
    free(v->ref_hash);
    v->ref_hash = NULL;
    v->refs = sorted;
    return 0;
}

dyad_verb_dict *dyad_verb_dict_load(const char *dir, const dyad_code_table *codes, int strict,
                                    dyad_buf *w, size_t *nw, char *err, size_t errlen)
{
    dyad_verb_dict *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    v->strict = strict;
    dyad_arena_init(&v->mem, 256 * 1024, 0);
    char index[4096];
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(index, sizeof index, "%s/index.txt", dir);
    else
        snprintf(index, sizeof index, "%s", dir);
    v->codes = codes;
    vloader L = {.v = v, .codes = codes, .w = w, .nw = nw};
    if (dyad_dictfile_read(index, on_line, &L, w, nw, err, errlen) < 0 || build_index(v) < 0 ||
        v->mem.failed) {
        if (!err[0])
            snprintf(err, errlen, "out of memory loading %s", index);
        dyad_verb_dict_free(v);
        return NULL;
    }
    return v;
}

void dyad_verb_dict_free(dyad_verb_dict *v)
{
    if (!v)
        return;
    free(v->pat);
    free(v->refs);
    free(v->ref_hash);
    free(v->range_start);
    free(v->range_len);
    free(v->forms);
    dyad_hmap_free(&v->anchors);
    dyad_hmap_free(&v->irregular);
    dyad_hmap_free(&v->discards);
    dyad_hmap_free(&v->discard_first);
    dyad_arena_free(&v->mem);
    free(v);
}
