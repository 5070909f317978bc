/* recog.c — dictionary matching, composition and coreference of actor mentions. */
#include "actors/recog.h"
#include <string.h>
#include "text/words.h"
#include "util/date.h"

typedef struct hit {
    uint32_t a, b;        /* token range */
    uint32_t entry;
} hit;

#define MAX_HITS 512

/* Per-thread counters read by `make bench` (cost: two increments per token). */
_Thread_local uint64_t dyad_recog_tokens, dyad_recog_lookups;

static int case_ok(const dyad_phrase *p, const dyad_token *t)
{
    for (int k = 0; k < p->ntok; k++) {
        if (p->allcaps && !(t[k].flags & TOK_ALLCAPS))
            return 0;
        if (k < 16 && (p->capmask >> k & 1) && !(t[k].flags & TOK_CAP))
            return 0;
    }
    return 1;
}

/* Longest dictionary phrase starting at token i; returns its length (0 = none). */
static uint32_t longest_at(const dyad_actor_dict *d, const dyad_token *t, uint32_t nt, uint32_t i,
                           uint32_t *entry)
{
    uint32_t lengths;
    dyad_recog_lookups++;
    if (!dyad_hmap_get(&d->first_map, t[i].hash, &lengths))
        return 0;
    uint32_t best = 0;
    uint64_t h = t[i].hash;
    for (uint32_t L = 1; (lengths >> L) && i + L <= nt; L++) {
        if (L > 1) {
            if (t[i + L - 1].flags & TOK_PUNCT)
                break;
            h = dyad_hash_combine(h, t[i + L - 1].hash);
        }
        if (!(lengths >> L & 1))
            continue;   /* no name of this length starts here: no probe */
        uint32_t pi;
        dyad_recog_lookups++;
        if (dyad_hmap_get(&d->phrase_map, dyad_hash_combine(h, L), &pi) &&
            case_ok(&d->phrases[pi], t + i)) {
            best = L;
            *entry = d->phrases[pi].entry;
        }
    }
    return best;
}

static int is_person_entry(const dyad_entry *e)
{
    size_t n = strlen(e->code);
    return e->kind == ENTRY_ACTOR &&
           (e->role_count > 0 || (n >= 6 && strcmp(e->code + n - 3, "ELI") == 0));
}

/* A plain lower-case word that may sit between a country and its agent ("Israeli fighter
 * jets", "China's top diplomat"). */
static int filler_word(const dyad_token *t)
{
    return (t->flags & TOK_WORD) && !(t->flags & (TOK_CAP | TOK_POSS));
}

/* Capitalised word that can be part of an unknown person's name. */
static int name_word(const dyad_token *t)
{
    return (t->flags & TOK_WORD) && (t->flags & TOK_CAP) && !(t->flags & TOK_POSS) && t->nlen > 1;
}

typedef struct ctx {
    const dyad_actor_dict *d;
    dyad_arena *a;
    const char *body;
    const dyad_token *t;
    uint32_t nt;
    int32_t day;
    uint32_t sent;
    dyad_coref *coref;
    hit *h;
    uint32_t nh;
    uint8_t *covered;   /* token covered by a hit */
    dyad_mention *m;
    uint32_t nm, capm;
} ctx;

static char *concat_code(dyad_arena *a, const char *country, const char *sector)
{
    size_t n1 = strlen(country), n2 = strlen(sector);
    char *s = dyad_arena_alloc(a, n1 + n2 + 1);
    if (!s)
        return NULL;
    memcpy(s, country, n1);
    memcpy(s + n1, sector, n2 + 1);
    return s;
}

static dyad_mention *add_mention(ctx *c, uint32_t a, uint32_t b)
{
    if (c->nm == c->capm) {
        uint32_t nc = c->capm ? c->capm * 2 : 16;
        dyad_mention *nm = dyad_arena_alloc(c->a, nc * sizeof *nm);
        if (!nm)
            return NULL;
        if (c->nm)
            memcpy(nm, c->m, c->nm * sizeof *nm);
        c->m = nm;
        c->capm = nc;
    }
    dyad_mention *m = &c->m[c->nm++];
    memset(m, 0, sizeof *m);
    m->tok_start = a;
    m->tok_end = b;
    m->start = c->t[a].start;
    m->end = c->t[b - 1].start + c->t[b - 1].len;
    memset(c->covered + a, 1, b - a);
    return m;
}

static void remember_person(ctx *c, const dyad_mention *m, uint32_t name_last_tok, uint64_t title)
{
    dyad_coref *cr = c->coref;
    if (!cr)
        return;
    uint64_t sur = c->t[name_last_tok].hash;
    for (uint32_t i = 0; i < cr->n; i++)
        if (cr->people[i].surname == sur) {
            cr->people[i].code = m->code;
            cr->people[i].country = m->country;
            cr->people[i].name = m->name;
            cr->people[i].sent = c->sent;
            if (title)
                cr->people[i].title = title;
            return;
        }
    dyad_coref_person *p = &cr->people[cr->n < DYAD_COREF_MAX ? cr->n++ : DYAD_COREF_MAX - 1];
    p->surname = sur;
    p->title = title;
    p->code = m->code;
    p->country = m->country;
    p->name = m->name;
    p->sent = c->sent;
}

static dyad_coref_person *coref_by_surname(ctx *c, uint64_t sur)
{
    if (!c->coref)
        return NULL;
    for (uint32_t i = c->coref->n; i-- > 0;)
        if (c->coref->people[i].surname == sur) {
            c->coref->people[i].sent = c->sent;
            return &c->coref->people[i];
        }
    return NULL;
}

/* "the secretary": the last person introduced with that title; failing that, the last person
 * of the last two sentences whose code is in the title's sector ("GOV"). */
static dyad_coref_person *coref_by_title(ctx *c, uint64_t title, const char *sector)
{
    if (!c->coref)
        return NULL;
    for (uint32_t i = c->coref->n; i-- > 0;)
        if (c->coref->people[i].title == title) {
            c->coref->people[i].sent = c->sent;
            return &c->coref->people[i];
        }
    dyad_coref_person *best = NULL;
    size_t sl = strlen(sector);
    for (uint32_t i = 0; i < c->coref->n; i++) {
        dyad_coref_person *p = &c->coref->people[i];
        size_t n = strlen(p->code);
        if (p->sent + 2 >= c->sent && n >= sl && strcmp(p->code + n - sl, sector) == 0 &&
            (!best || p->sent >= best->sent))
            best = p;
    }
    if (best)
        best->sent = c->sent;
    return best;
}

/* The single person mentioned in this or the previous sentence, or NULL. */
static dyad_coref_person *coref_pronoun(ctx *c)
{
    /* see below: the found person's recency is refreshed by the caller */
    dyad_coref_person *found = NULL;
    if (!c->coref)
        return NULL;
    for (uint32_t i = 0; i < c->coref->n; i++) {
        dyad_coref_person *p = &c->coref->people[i];
        if (p->sent + 1 >= c->sent) {
            if (found && strcmp(found->code, p->code) != 0)
                return NULL;
            found = p;
        }
    }
    return found;
}

static void set_from_entry(ctx *c, dyad_mention *m, const dyad_entry *e)
{
    m->code = dyad_entry_code_on(c->d, e, c->day);
    m->country = e->country;
    m->name = e->name;
    /* a role may move a person to another country's code (rare): keep country consistent */
    if (m->code != e->code && strlen(m->code) >= 3 && dyad_actor_is_country(c->d, m->code) == 0) {
        char cc[4] = {m->code[0], m->code[1], m->code[2], 0};
        if (dyad_actor_is_country(c->d, cc))
            m->country = dyad_arena_strdup(c->a, cc);
    } else if (m->code != e->code && strncmp(m->code, "IGO", 3) == 0) {
        m->country = "";
    }
}

/* Count capitalised unknown name words starting at token i (at most 4). */
static uint32_t unknown_name_len(ctx *c, uint32_t i)
{
    uint32_t k = 0;
    while (i + k < c->nt && k < 4 && !c->covered[i + k] && name_word(&c->t[i + k]))
        k++;
    return k;
}

/* Index of the hit starting at token i (after skipping up to `gap` filler words), or -1. */
static int hit_at(ctx *c, uint32_t from_hit, uint32_t tok, int gap)
{
    for (int g = 0; g <= gap; g++) {
        for (uint32_t j = from_hit; j < c->nh && c->h[j].a <= tok; j++)
            if (c->h[j].a == tok)
                return (int)j;
        if (tok >= c->nt || !filler_word(&c->t[tok]) || c->covered[tok])
            return -1;
        tok++;
    }
    return -1;
}

static int is_place_prep(uint64_t h)
{
    return h == W.in || h == W.at || h == W.near || h == W.outside || h == W.inside ||
           h == W.across || h == W.throughout;
}

/* Build a title-headed mention: title [person | unknown name] ; returns tokens consumed end. */
static int title_mention(ctx *c, uint32_t start_tok, uint32_t title_hit, const char *country,
                         uint32_t *j_out)
{
    const hit *th = &c->h[title_hit];
    const dyad_entry *te = &c->d->entries[th->entry];
    uint64_t title_hash = c->t[th->b - 1].hash;
    uint32_t after = th->b;
    /* title + known person */
    int ph = hit_at(c, title_hit + 1, after, 0);
    if (ph >= 0 && is_person_entry(&c->d->entries[c->h[ph].entry])) {
        dyad_mention *m = add_mention(c, start_tok, c->h[ph].b);
        if (!m)
            return -1;
        set_from_entry(c, m, &c->d->entries[c->h[ph].entry]);
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
        remember_person(c, m, c->h[ph].b - 1, title_hash);
        *j_out = (uint32_t)ph + 1;
        return 0;
    }
    /* title + unknown capitalised name: a person known from the title (or coref) */
    uint32_t k = unknown_name_len(c, after);
    if (k > 0) {
        dyad_mention *m = add_mention(c, start_tok, after + k);
        if (!m)
            return -1;
        dyad_coref_person *p = k == 1 ? coref_by_surname(c, c->t[after].hash) : NULL;
        if (p && !country) {
            m->code = p->code;
            m->country = p->country;
            m->name = p->name;
        } else {
            m->code = country ? concat_code(c->a, country, te->code) : te->code;
            m->country = country ? country : "";
            m->name = dyad_arena_strndup(c->a, c->body + c->t[after].start,
                                         c->t[after + k - 1].start + c->t[after + k - 1].len - c->t[after].start);
        }
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
        remember_person(c, m, after + k - 1, title_hash);
        *j_out = title_hit + 1;
        return 0;
    }
    /* title + of/from + country: "the president of France" */
    if (!country && after + 1 < c->nt && (c->t[after].hash == W.of || c->t[after].hash == W.from)) {
        int ch = hit_at(c, title_hit + 1, after + 1, 1);
        if (ch >= 0 && c->d->entries[c->h[ch].entry].kind == ENTRY_COUNTRY) {
            const dyad_entry *ce = &c->d->entries[c->h[ch].entry];
            dyad_mention *m = add_mention(c, start_tok, c->h[ch].b);
            if (!m)
                return -1;
            m->code = concat_code(c->a, ce->code, te->code);
            m->country = ce->country;
            m->name = ce->name;
            m->kind = MENTION_ACTOR;
            *j_out = (uint32_t)ch + 1;
            return 0;
        }
    }
    /* bare title: "the Japanese prime minister", "the secretary" */
    dyad_mention *m = add_mention(c, start_tok, th->b);
    if (!m)
        return -1;
    dyad_coref_person *p = coref_by_title(c, title_hash, te->code);
    if (country) {
        m->code = concat_code(c->a, country, te->code);
        m->country = country;
        m->name = c->d->entries[c->h[title_hit].entry].name;
        m->kind = MENTION_ACTOR;
        if (p && strcmp(p->country, country) == 0) {
            m->code = p->code;
            m->name = p->name;
        }
    } else if (p) {
        m->code = p->code;
        m->country = p->country;
        m->name = p->name;
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
    } else {
        m->code = te->code;
        m->country = "";
        m->name = te->name;
        m->kind = MENTION_AGENT;
        m->is_title_only = 1;
    }
    *j_out = title_hit + 1;
    return 0;
}

static int compose(ctx *c)
{
    uint32_t j = 0;
    while (j < c->nh) {
        const hit *h = &c->h[j];
        const dyad_entry *e = &c->d->entries[h->entry];
        if (e->kind == ENTRY_COUNTRY) {
            /* country [filler]{0,2} agent|title, or country 's agent|title */
            uint32_t next_tok = h->b;
            int poss = next_tok < c->nt && (c->t[next_tok].flags & TOK_POSS);
            int nh = hit_at(c, j + 1, next_tok + (uint32_t)poss, 2);
            if (nh >= 0) {
                const dyad_entry *ne = &c->d->entries[c->h[nh].entry];
                if (ne->kind == ENTRY_TITLE) {
                    if (title_mention(c, h->a, (uint32_t)nh, e->code, &j) < 0)
                        return -1;
                    continue;
                }
                if (ne->kind == ENTRY_AGENT) {
                    dyad_mention *m = add_mention(c, h->a, c->h[nh].b);
                    if (!m)
                        return -1;
                    m->code = concat_code(c->a, e->code, ne->code);
                    m->country = e->country;
                    m->name = e->name;
                    m->kind = MENTION_ACTOR;
                    j = (uint32_t)nh + 1;
                    continue;
                }
            }
            dyad_mention *m = add_mention(c, h->a, h->b);
            if (!m)
                return -1;
            m->code = e->code;
            m->country = e->country;
            m->name = e->name;
            m->kind = MENTION_COUNTRY;
            j++;
            continue;
        }
        if (e->kind == ENTRY_TITLE) {
            if (title_mention(c, h->a, j, NULL, &j) < 0)
                return -1;
            continue;
        }
        if (e->kind == ENTRY_AGENT) {
            /* agent of/from country: "troops from China" */
            uint32_t after = h->b;
            if (after + 1 < c->nt && (c->t[after].hash == W.of || c->t[after].hash == W.from)) {
                int ch = hit_at(c, j + 1, after + 1, 1);
                if (ch >= 0 && c->d->entries[c->h[ch].entry].kind == ENTRY_COUNTRY) {
                    const dyad_entry *ce = &c->d->entries[c->h[ch].entry];
                    dyad_mention *m = add_mention(c, h->a, c->h[ch].b);
                    if (!m)
                        return -1;
                    m->code = concat_code(c->a, ce->code, e->code);
                    m->country = ce->country;
                    m->name = ce->name;
                    m->kind = MENTION_ACTOR;
                    j = (uint32_t)ch + 1;
                    continue;
                }
            }
            dyad_mention *m = add_mention(c, h->a, h->b);
            if (!m)
                return -1;
            m->code = e->code;
            m->country = "";
            m->name = e->name;
            m->kind = MENTION_AGENT;
            j++;
            continue;
        }
        /* named actor or person */
        dyad_mention *m = add_mention(c, h->a, h->b);
        if (!m)
            return -1;
        set_from_entry(c, m, e);
        m->kind = MENTION_ACTOR;
        if (is_person_entry(e)) {
            m->is_person = 1;
            remember_person(c, m, h->b - 1, 0);
        }
        j++;
    }
    return 0;
}

/* Surnames and pronouns of people met earlier in the document. */
static int coref_pass(ctx *c)
{
    if (!c->coref || c->coref->n == 0)
        return 0;
    uint32_t base = c->nm;
    for (uint32_t i = 0; i < c->nt; i++) {
        if (c->covered[i])
            continue;
        const dyad_token *t = &c->t[i];
        dyad_coref_person *p = NULL;
        if ((t->hash == W.he || t->hash == W.she) && (t->flags & TOK_WORD))
            p = coref_pronoun(c);
        else if (name_word(t) && (i == 0 || !name_word(&c->t[i - 1])) &&
                 (i + 1 >= c->nt || !name_word(&c->t[i + 1])))
            p = coref_by_surname(c, t->hash);
        if (!p)
            continue;
        dyad_mention *m = add_mention(c, i, i + 1);
        if (!m)
            return -1;
        m->code = p->code;
        m->country = p->country;
        m->name = p->name;
        m->kind = (t->hash == W.he || t->hash == W.she) ? MENTION_PRONOUN : MENTION_ACTOR;
        p->sent = c->sent;
        m->is_person = 1;
        c->covered[i] = 1;
    }
    if (c->nm > base) {   /* keep document order: insertion sort of the new ones */
        for (uint32_t i = base; i < c->nm; i++) {
            dyad_mention x = c->m[i];
            uint32_t k = i;
            while (k > 0 && c->m[k - 1].tok_start > x.tok_start) {
                c->m[k] = c->m[k - 1];
                k--;
            }
            c->m[k] = x;
        }
    }
    return 0;
}

static void mark_places(ctx *c)
{
    for (uint32_t i = 0; i < c->nm; i++) {
        dyad_mention *m = &c->m[i];
        if (m->is_person || m->kind == MENTION_AGENT)
            continue;
        uint32_t p = m->tok_start;
        if (p > 0 && c->t[p - 1].hash == W.the)
            p--;
        if (p > 0 && is_place_prep(c->t[p - 1].hash)) {
            /* only plain countries and capitals/metonyms are places; "in NATO" is not */
            if (m->kind == MENTION_COUNTRY || (strlen(m->code) == 6 && strcmp(m->code + 3, "GOV") == 0))
                m->is_place = 1;
        }
    }
}

int dyad_recognize(const dyad_actor_dict *d, dyad_arena *a, const char *body,
                   const dyad_token *t, uint32_t nt, int32_t day, uint32_t sent_index,
                   dyad_coref *coref, dyad_mention **out, uint32_t *n)
{
    ctx c = {.d = d, .a = a, .body = body, .t = t, .nt = nt, .day = day, .sent = sent_index,
             .coref = coref};
    hit hits[MAX_HITS];
    c.h = hits;
    c.covered = dyad_arena_calloc(a, nt ? nt : 1, 1);
    if (!c.covered)
        return -1;
    dyad_recog_tokens += nt;
    for (uint32_t i = 0; i < nt && c.nh < MAX_HITS;) {
        uint32_t entry = 0, L = 0;
        if (!(t[i].flags & TOK_PUNCT))
            L = longest_at(d, t, nt, i, &entry);
        if (!L) {
            i++;
            continue;
        }
        hits[c.nh++] = (hit){i, i + L, entry};
        memset(c.covered + i, 1, L);
        i += L;
    }
    if (compose(&c) < 0 || coref_pass(&c) < 0)
        return -1;
    mark_places(&c);
    *out = c.m;
    *n = c.nm;
    return 0;
}
