/* recog.c — dictionary matching, composition and coreference of actor mentions. */
#include "actors/recog.h"
#include <string.h>
#include <strings.h>
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
    uint32_t fi;
    dyad_recog_lookups++;
    if (!dyad_hmap_get(&d->first_map, t[i].hash, &fi))
        return 0;
    uint32_t lengths = d->firsts[fi].lengths;
    /* no name continues with the next token: only the one-token name can match */
    if (i + 1 >= nt || !(d->firsts[fi].second & (1ULL << (t[i + 1].hash >> 58))))
        lengths &= 2u;
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
        int found;
        if (L == 1) {   /* stored with the first token: no second probe */
            found = d->firsts[fi].single != 0;
            pi = d->firsts[fi].single - 1;
        } else {
            dyad_recog_lookups++;
            found = dyad_hmap_get(&d->phrase_map, dyad_hash_combine(h, L), &pi);
        }
        if (found && case_ok(&d->phrases[pi], t + i)) {
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
 * jets", "China's top diplomat"): not a function word, not a past form ("Norway met"). */
static int filler_word(const dyad_token *t, const char *body)
{
    if ((t->flags & TOK_WORD) && dyad_in_wordset(WS_TITLE_PREFIX, t->hash))
        return 1;   /* "Chinese Vice Premier", "the Russian Deputy Foreign Minister" */
    if (!(t->flags & TOK_WORD) || (t->flags & (TOK_CAP | TOK_POSS)) || t->nlen < 3)
        return 0;
    if (t->len > 3 && body[t->start + t->len - 2] == 'e' && body[t->start + t->len - 1] == 'd')
        return 0;
    uint64_t h = t->hash;
    if (dyad_in_wordset(WS_PAST_IRREGULAR, h))
        return 0;
    return !(h == W.is || h == W.are || h == W.was || h == W.were || h == W.has || h == W.have ||
             h == W.had || h == W.and_ || h == W.or_ || h == W.both || h == W.also || h == W.not_ ||
             h == W.will || h == W.would || h == W.could || h == W.can || h == W.said ||
             h == W.says || h == W.told || h == W.the || h == W.that || h == W.which ||
             h == W.who || h == W.with || h == W.from || h == W.for_ || h == W.than ||
             h == W.after || h == W.before || h == W.when || h == W.while_ || h == W.been ||
             h == W.being || h == W.its || h == W.their || h == W.any || h == W.met);
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

static void remember_person(ctx *c, const dyad_mention *m, uint32_t name_last_tok, uint64_t title,
                            uint64_t title_head)
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
            if (title) {
                cr->people[i].title = title;
                cr->people[i].title_head = title_head;
            }
            return;
        }
    dyad_coref_person *p = &cr->people[cr->n < DYAD_COREF_MAX ? cr->n++ : DYAD_COREF_MAX - 1];
    p->surname = sur;
    p->title = title;
    p->title_head = title_head;
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
        if (c->coref->people[i].title == title || c->coref->people[i].title_head == title) {
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
        if (tok >= c->nt || !filler_word(&c->t[tok], c->body) || c->covered[tok])
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

/* The country the sentence is about so far: the nearest earlier mention that has one, else
 * the last one of the previous sentence. Used for "the president", "police", "its army". */
static const char *context_country(ctx *c)
{
    for (uint32_t i = c->nm; i-- > 0;)
        if (c->m[i].country && c->m[i].country[0])
            return c->m[i].country;
    if (c->coref && c->coref->last_country && c->coref->last_country_sent + 1 >= c->sent)
        return c->coref->last_country;
    return NULL;
}

/* The country of a dictionary hit written as a place: "in Kenya", "at the Kremlin", "in
 * northern Burkina Faso", "marched through London". NULL when the hit is not a country or
 * capital after in/at/across/through ("poured into South Ossetia" is where they went). */
static const char *place_country(ctx *c, const hit *h)
{
    const dyad_entry *e = &c->d->entries[h->entry];
    if (!e->country[0] || !(e->kind == ENTRY_COUNTRY || (strlen(e->code) == 6 && !strcmp(e->code + 3, "GOV"))))
        return NULL;
    uint32_t p = h->a;
    while (p > 0 && dyad_in_wordset(WS_DIRECTION, c->t[p - 1].hash) && !(c->t[p - 1].flags & TOK_CAP))
        p--;
    if (p > 0 && c->t[p - 1].hash == W.the)
        p--;
    uint64_t pre = p > 0 ? c->t[p - 1].hash : 0;
    return pre == W.in || pre == W.at || pre == W.across || pre == W.through ? e->country : NULL;
}

/* The country of a bare agent ("police", "troops"): a place the sentence names ("police in
 * Nairobi", "In Nairobi, police ..."), else the nearest actor before it with a country, else
 * the country the previous sentence was about. */
static const char *agent_context_country(ctx *c, uint32_t agent_tok)
{
    for (uint32_t i = c->nh; i-- > 0;) {
        if (c->h[i].a > agent_tok + 4)
            continue;   /* "police in Nairobi"; not "the government ... hostages held in Gaza" */
        const char *country = place_country(c, &c->h[i]);
        if (country)
            return country;
    }
    for (uint32_t i = 0; i < c->nm; i++)
        if (c->m[i].country && c->m[i].country[0])
            return context_country(c);
    /* no actor with a country yet: a place further on in this sentence says more than the
     * previous sentence ("Gunmen killed 12 soldiers ... in northern Burkina Faso") */
    for (uint32_t i = 0; i < c->nh; i++) {
        const char *country = place_country(c, &c->h[i]);
        if (country)
            return country;
    }
    return context_country(c);
}

/* "its embassy", "their troops": the sentence's first actor with a country (its subject). */
static const char *subject_country(ctx *c)
{
    for (uint32_t i = 0; i < c->nm; i++)
        if (c->m[i].country && c->m[i].country[0] && !c->m[i].is_place)
            return c->m[i].country;
    return context_country(c);
}

static const char *country_name(ctx *c, const char *iso3)
{
    uint32_t idx;
    if (iso3 && dyad_hmap_get(&c->d->country_set, dyad_hash_bytes(iso3, 3), &idx))
        return c->d->entries[idx].name;
    return iso3 ? iso3 : "";
}

static void set_sector(ctx *c, dyad_mention *m, const char *country, const char *sector)
{
    m->code = country ? concat_code(c->a, country, sector) : sector;
    m->country = country ? country : "";
    m->name = country ? country_name(c, country) : sector;
    m->kind = country ? MENTION_ACTOR : MENTION_AGENT;
}

/* Does token k's text start with the lower-case word w ("counterpart" matches "counterparts")? */
static int word_starts(const ctx *c, uint32_t k, const char *w)
{
    size_t n = strlen(w);
    return c->t[k].len >= n && !strncasecmp(c->body + c->t[k].start, w, n);
}

/* "a leader", "an envoy", "a senior commander": an indefinite article (perhaps before one
 * adjective) introduces someone not mentioned before, unless it opens an appositive
 * ("Fumio Kishida, a former foreign minister,"). */
static int indefinite_before(const ctx *c, uint32_t start_tok)
{
    for (uint32_t back = 1; back <= 2 && back <= start_tok; back++) {
        const dyad_token *t = &c->t[start_tok - back];
        if (t->hash == W.a || t->hash == W.an)
            return start_tok - back == 0 || c->t[start_tok - back - 1].hash != W.comma;
        if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP))
            return 0;
    }
    return 0;
}

/* "the presidents of Congo and Rwanda", "the foreign ministers of India and China": after
 * the country hit ch of a title or agent, "and" + a second country gets the same sector. */
static int and_country(ctx *c, uint32_t ch, const char *sector, uint32_t *j_out)
{
    uint32_t b = c->h[ch].b;
    if (b + 1 >= c->nt || c->t[b].hash != W.and_)
        return 0;
    int ch2 = hit_at(c, ch + 1, b + 1 + (b + 2 < c->nt && c->t[b + 1].hash == W.the), 1);
    if (ch2 < 0 || c->d->entries[c->h[ch2].entry].kind != ENTRY_COUNTRY)
        return 0;
    dyad_mention *m = add_mention(c, c->h[ch2].a, c->h[ch2].b);
    if (!m)
        return -1;
    set_sector(c, m, c->d->entries[c->h[ch2].entry].code, sector);
    *j_out = (uint32_t)ch2 + 1;
    return 0;
}

/* A title-headed mention: [country] [agent] title [known person | unknown name [of country]].
 * `sector` overrides the title's sector ("rebel leader" is REB). */
static int title_mention(ctx *c, uint32_t start_tok, uint32_t title_hit, const char *country,
                         const char *sector, uint32_t *j_out)
{
    const hit *th = &c->h[title_hit];
    const dyad_entry *te = &c->d->entries[th->entry];
    if (!sector)
        sector = te->code;
    uint64_t title_hash = c->t[th->b - 1].hash;
    uint32_t after = th->b;
    uint64_t before = start_tok > 0 ? c->t[start_tok - 1].hash : 0;
    if (before == W.former || (start_tok > 1 && c->t[start_tok - 1].flags & TOK_HYPHEN_BEFORE &&
                               c->t[start_tok - 2].hash == W.ex))
        sector = "ELI";
    /* title + known person */
    int ph = hit_at(c, title_hit + 1, after, 0);
    if (ph >= 0 && is_person_entry(&c->d->entries[c->h[ph].entry])) {
        dyad_mention *m = add_mention(c, start_tok, c->h[ph].b);
        if (!m)
            return -1;
        set_from_entry(c, m, &c->d->entries[c->h[ph].entry]);
        /* "Opposition leader X", "Rebel leader X": out of office, the written role counts */
        size_t cl = strlen(m->code);
        if (sector != te->code && strcmp(sector, "ELI") && cl >= 6 && !strcmp(m->code + cl - 3, "ELI"))
            m->code = concat_code(c->a, m->country, sector);
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
        remember_person(c, m, c->h[ph].b - 1, title_hash, c->t[th->a].hash);
        *j_out = (uint32_t)ph + 1;
        return 0;
    }
    /* title + unknown capitalised name: a person known from the title (or coref) */
    uint32_t k = unknown_name_len(c, after);
    if (k > 0) {
        uint32_t end = after + k;
        uint32_t next_j = title_hit + 1;
        /* "Defence Minister Tomas Berg of Norway" */
        if (!country && end + 1 < c->nt && c->t[end].hash == W.of) {
            int ch = hit_at(c, title_hit + 1, end + 1, 0);
            if (ch >= 0 && c->d->entries[c->h[ch].entry].kind == ENTRY_COUNTRY) {
                country = c->d->entries[c->h[ch].entry].code;
                end = c->h[ch].b;
                next_j = (uint32_t)ch + 1;
            }
        }
        dyad_mention *m = add_mention(c, start_tok, end);
        if (!m)
            return -1;
        dyad_coref_person *p = k == 1 ? coref_by_surname(c, c->t[after].hash) : NULL;
        if (p && !country) {
            m->code = p->code;
            m->country = p->country;
            m->name = p->name;
        } else {
            set_sector(c, m, country, sector);
            m->name = dyad_arena_strndup(c->a, c->body + c->t[after].start,
                                         c->t[after + k - 1].start + c->t[after + k - 1].len - c->t[after].start);
        }
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
        remember_person(c, m, after + k - 1, title_hash, c->t[th->a].hash);
        *j_out = next_j;
        return 0;
    }
    /* title + of/from + country: "the president of France". After "its"/"their" the owner is
     * already given and "from" names where the envoy serves ("recalled its ambassador from
     * Spain"), except for a counterpart, whose "from" is its origin. */
    int owned = (before == W.its || before == W.their) && c->t[after].hash == W.from &&
                !word_starts(c, th->b - 1, "counterpart");
    if (!country && !owned && after + 1 < c->nt && (c->t[after].hash == W.of || c->t[after].hash == W.from)) {
        int ch = hit_at(c, title_hit + 1, after + 1, 1);
        if (ch >= 0 && c->d->entries[c->h[ch].entry].kind == ENTRY_COUNTRY) {
            dyad_mention *m = add_mention(c, start_tok, c->h[ch].b);
            if (!m)
                return -1;
            set_sector(c, m, c->d->entries[c->h[ch].entry].code, sector);
            *j_out = (uint32_t)ch + 1;
            return and_country(c, (uint32_t)ch, sector, j_out);
        }
    }
    /* bare title: "the Japanese prime minister", "the secretary", "its foreign minister" */
    dyad_coref_person *p = NULL;
    if (!country) {
        if (before == W.his || before == W.her) {
            p = coref_pronoun(c);
        } else if (!indefinite_before(c, start_tok)) {   /* "a senior leader" is someone new */
            p = coref_by_title(c, title_hash, sector);
            if (!p && (before == W.its || before == W.their))
                country = subject_country(c);
            else if (!p && before == W.the)
                country = context_country(c);
        }
    }
    if (!country && !p) {
        *j_out = title_hit + 1;   /* "a general strike": no actor */
        return 0;
    }
    dyad_mention *m = add_mention(c, start_tok, th->b);
    if (!m)
        return -1;
    if (p && (!country || strcmp(p->country, country) == 0)) {
        m->code = p->code;
        m->country = p->country;
        m->name = p->name;
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
    } else {
        set_sector(c, m, country, sector);
    }
    *j_out = title_hit + 1;
    return 0;
}

/* "Chinese and Russian troops", "US, British and French warplanes": the countries of a list
 * share the agent after its last member. Returns that agent's entry or NULL. */
static const dyad_entry *shared_agent(ctx *c, uint32_t j)
{
    uint32_t k = j;
    int members = 1;
    for (;;) {
        uint32_t after = c->h[k].b;
        if (after + 1 >= c->nt)
            return NULL;
        uint64_t h = c->t[after].hash;
        if (h != W.and_ && h != W.comma)
            break;
        uint32_t next = after + 1;
        if (h == W.comma && next < c->nt && c->t[next].hash == W.and_)
            next++;
        int nh = hit_at(c, k + 1, next, 0);
        if (nh < 0 || c->d->entries[c->h[nh].entry].kind != ENTRY_COUNTRY)
            return NULL;
        k = (uint32_t)nh;
        members++;
    }
    if (members < 2)
        return NULL;
    int ah = hit_at(c, k + 1, c->h[k].b, 1);
    if (ah < 0)
        return NULL;
    const dyad_entry *ae = &c->d->entries[c->h[ah].entry];
    return ae->kind == ENTRY_AGENT ? ae : NULL;
}

/* country [filler] agent|title, country 's [filler]{0,2} agent|title, country agent title */
static int country_mention(ctx *c, uint32_t j, uint32_t *j_out)
{
    const hit *h = &c->h[j];
    const dyad_entry *e = &c->d->entries[h->entry];
    uint32_t after = h->b;
    const dyad_entry *shared = shared_agent(c, j);
    if (shared) {
        dyad_mention *m = add_mention(c, h->a, h->b);
        if (!m)
            return -1;
        set_sector(c, m, e->code, shared->code);
        m->name = e->name;
        *j_out = j + 1;
        return 0;
    }
    int poss = after < c->nt && (c->t[after].flags & TOK_POSS);
    int nh = hit_at(c, j + 1, after + (uint32_t)poss, poss ? 2 : 1);
    if (nh >= 0 && poss && is_person_entry(&c->d->entries[c->h[nh].entry])) {
        /* "Jordan's King Abdullah": the person, named with their country */
        const dyad_entry *pe = &c->d->entries[c->h[nh].entry];
        dyad_mention *m = add_mention(c, h->a, c->h[nh].b);
        if (!m)
            return -1;
        set_from_entry(c, m, pe);
        m->kind = MENTION_ACTOR;
        m->is_person = 1;
        remember_person(c, m, c->h[nh].b - 1, 0, 0);
        *j_out = (uint32_t)nh + 1;
        return 0;
    }
    if (nh >= 0) {
        const dyad_entry *ne = &c->d->entries[c->h[nh].entry];
        int gap = c->h[nh].a > after + (uint32_t)poss;
        if (gap && dyad_in_wordset(WS_TITLE_PREFIX, c->t[after + (uint32_t)poss].hash))
            gap = 0;   /* "Chinese Vice Premier" */
        if (ne->kind == ENTRY_TITLE && (!gap || poss))
            return title_mention(c, h->a, (uint32_t)nh, e->code, NULL, j_out);
        if (ne->kind == ENTRY_AGENT) {
            int th = hit_at(c, (uint32_t)nh + 1, c->h[nh].b, 0);
            if (th >= 0 && c->d->entries[c->h[th].entry].kind == ENTRY_TITLE)
                return title_mention(c, h->a, (uint32_t)th, e->code, ne->code, j_out);
            dyad_mention *m = add_mention(c, h->a, c->h[nh].b);
            if (!m)
                return -1;
            set_sector(c, m, e->code, ne->code);
            m->name = e->name;
            *j_out = (uint32_t)nh + 1;
            return 0;
        }
    }
    dyad_mention *m = add_mention(c, h->a, h->b);
    if (!m)
        return -1;
    m->code = e->code;
    m->country = e->country;
    m->name = e->name;
    m->kind = MENTION_COUNTRY;
    *j_out = j + 1;
    return 0;
}

/* agent [title] | agent of/from country | agent in/at place | agent alone */
static int agent_mention(ctx *c, uint32_t j, uint32_t *j_out)
{
    const hit *h = &c->h[j];
    const dyad_entry *e = &c->d->entries[h->entry];
    uint32_t after = h->b;
    int th = hit_at(c, j + 1, after, 0);
    if (th >= 0 && c->d->entries[c->h[th].entry].kind == ENTRY_TITLE)   /* "rebel leader" */
        return title_mention(c, h->a, (uint32_t)th, NULL, e->code, j_out);
    uint64_t before = h->a > 0 ? c->t[h->a - 1].hash : 0;
    int pronoun_owner = before == W.its || before == W.their || before == W.his || before == W.her;
    int owned = pronoun_owner || (h->a > 0 && (c->t[h->a - 1].flags & TOK_POSS));
    /* "withdraw its troops from Ukraine": after "its", "from X" is where they are */
    if (after + 1 < c->nt && (c->t[after].hash == W.of || (c->t[after].hash == W.from && !pronoun_owner))) {
        uint32_t at = after + 1 + (after + 2 < c->nt && c->t[after + 1].hash == W.the);
        int ch = hit_at(c, j + 1, at, 0);
        const dyad_entry *ge = ch >= 0 ? &c->d->entries[c->h[ch].entry] : NULL;
        if (ge && ge->kind == ENTRY_ACTOR && !is_person_entry(ge) && strlen(ge->code) > 3 &&
            strcmp(ge->code + strlen(ge->code) - 3, "GOV")) {
            /* "militants from Al-Shabaab", "fighters of Hamas": the group */
            dyad_mention *m = add_mention(c, h->a, c->h[ch].b);
            if (!m)
                return -1;
            set_from_entry(c, m, ge);
            m->kind = MENTION_ACTOR;
            *j_out = (uint32_t)ch + 1;
            return 0;
        }
        if (ch >= 0 && c->d->entries[c->h[ch].entry].kind == ENTRY_COUNTRY) {
            dyad_mention *m = add_mention(c, h->a, c->h[ch].b);
            if (!m)
                return -1;
            set_sector(c, m, c->d->entries[c->h[ch].entry].code, e->code);
            *j_out = (uint32_t)ch + 1;
            /* "the presidents of X and Y" (leaders); "troops from X and Y" stays one mention */
            return strcmp(e->code, "GOV") ? 0 : and_country(c, (uint32_t)ch, e->code, j_out);
        }
    }
    const char *country = NULL;
    /* "protesters in Baghdad" are Iraqi; the place stays a mention of its own (but "its
     * embassy in Tehran" belongs to its owner, not to Tehran) */
    if (!owned && after + 1 < c->nt && c->t[after].hash == W.in) {
        uint32_t at = after + 1;
        while (at < c->nt && dyad_in_wordset(WS_DIRECTION, c->t[at].hash) && !(c->t[at].flags & TOK_CAP))
            at++;   /* "armed groups in northern Myanmar" */
        int ph = hit_at(c, j + 1, at, 0);
        const dyad_entry *pe = ph >= 0 ? &c->d->entries[c->h[ph].entry] : NULL;
        if (pe && pe->country[0] &&
            (pe->kind == ENTRY_COUNTRY || (strlen(pe->code) == 6 && !strcmp(pe->code + 3, "GOV"))))
            country = pe->country;
    }
    /* "Maduro's government", "his government", "its army" */
    if (!country && h->a > 0 && (c->t[h->a - 1].flags & TOK_POSS) && c->nm > 0 &&
        c->m[c->nm - 1].tok_end == h->a - 1 && c->m[c->nm - 1].is_person)
        country = c->m[c->nm - 1].country;
    if (!country && (before == W.his || before == W.her)) {
        dyad_coref_person *p = coref_pronoun(c);
        country = p ? p->country : NULL;
    }
    int inferred = 0;
    if (!country && (before == W.its || before == W.their)) {
        country = subject_country(c);
        inferred = country != NULL;
    }
    if (!country) {
        country = agent_context_country(c, h->a);
        inferred = country != NULL;
    }
    dyad_mention *m = add_mention(c, h->a, h->b);
    if (!m)
        return -1;
    set_sector(c, m, country && country[0] ? country : NULL, e->code);
    if (inferred)
        m->kind = MENTION_AGENT;   /* still a bare sector word for the verb patterns */
    *j_out = j + 1;
    return 0;
}

/* A named actor or person; a group followed by an agent keeps the group ("Taliban fighters"). */
static int actor_mention(ctx *c, uint32_t j, uint32_t *j_out)
{
    const hit *h = &c->h[j];
    const dyad_entry *e = &c->d->entries[h->entry];
    uint32_t end = h->b, next_j = j + 1;
    int person = is_person_entry(e);
    const dyad_entry *agent = NULL;
    int named_person = 0;   /* "Hezbollah leader Hassan Nasrallah": the group's code, a person */
    if (!person) {
        int ah = hit_at(c, j + 1, h->b, 1);   /* "ASEAN foreign ministers", "Hamas gunmen" */
        const dyad_entry *ae = ah >= 0 ? &c->d->entries[c->h[ah].entry] : NULL;
        if (ae && ae->kind == ENTRY_AGENT) {
            end = c->h[ah].b;
            next_j = (uint32_t)ah + 1;
            agent = ae;
        } else if (ae && ae->kind == ENTRY_TITLE && !(strlen(e->code) == 6 && !strcmp(e->code + 3, "GOV"))) {
            /* "Hezbollah leader Hassan Nasrallah", "EU foreign ministers": the group's code */
            end = c->h[ah].b;
            next_j = (uint32_t)ah + 1;
            int ph = hit_at(c, (uint32_t)ah + 1, end, 0);
            if (ph >= 0 && is_person_entry(&c->d->entries[c->h[ph].entry])) {
                end = c->h[ph].b;
                next_j = (uint32_t)ph + 1;
                named_person = 1;
            } else {
                uint32_t k = unknown_name_len(c, end);
                end += k;
                named_person = k > 0;
            }
        }
    }
    /* a capital before an agent names the country: "a Moscow court", "Beijing officials" */
    if (agent && e->country[0] && strlen(e->code) == 6 && !strcmp(e->code + 3, "GOV")) {
        dyad_mention *m = add_mention(c, h->a, end);
        if (!m)
            return -1;
        set_sector(c, m, e->country, agent->code);
        *j_out = next_j;
        return 0;
    }
    dyad_mention *m = add_mention(c, h->a, end);
    if (!m)
        return -1;
    set_from_entry(c, m, e);
    m->kind = MENTION_ACTOR;
    m->is_person = (uint8_t)named_person;
    if (person) {
        m->is_person = 1;
        remember_person(c, m, h->b - 1, 0, 0);
    }
    *j_out = next_j;
    return 0;
}

/* Is token k a capitalised water word ("Sea", "Gulf", "Strait")? */
static int water_word(const ctx *c, uint32_t k)
{
    return k < c->nt && (c->t[k].flags & TOK_CAP) && dyad_in_wordset(WS_WATER, c->t[k].hash);
}

/* A country's name inside the name of a sea: "South China Sea", "Indian Ocean", "Taiwan
 * Strait", "Gulf of Mexico", "Sea of Japan". A place with no actor in it. */
static int in_water_name(const ctx *c, const hit *h)
{
    if (c->d->entries[h->entry].kind != ENTRY_COUNTRY)
        return 0;
    return water_word(c, h->b) || (h->a >= 2 && c->t[h->a - 1].hash == W.of && water_word(c, h->a - 2));
}

static int compose(ctx *c)
{
    uint32_t j = 0;
    while (j < c->nh) {
        int rc;
        if (in_water_name(c, &c->h[j])) {
            j++;
            continue;
        }
        switch (c->d->entries[c->h[j].entry].kind) {
        case ENTRY_COUNTRY: rc = country_mention(c, j, &j); break;
        case ENTRY_TITLE: rc = title_mention(c, c->h[j].a, j, NULL, NULL, &j); break;
        case ENTRY_AGENT: rc = agent_mention(c, j, &j); break;
        default: rc = actor_mention(c, j, &j); break;
        }
        if (rc < 0)
            return -1;
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
        while (p > 0 && dyad_in_wordset(WS_DIRECTION, c->t[p - 1].hash) && !(c->t[p - 1].flags & TOK_CAP))
            p--;   /* "in northern Syria" */
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
        /* after a lower-case prefix the name is not the actor: "pro-Russian rebels",
         * "anti-government protesters" (but "British-flagged", "rebel-held", "US-South Korean"
         * still name one) */
        int joined_before = (t[i].flags & TOK_HYPHEN_BEFORE) && i > 0 &&
                            (t[i - 1].flags & TOK_WORD) && !(t[i - 1].flags & TOK_CAP) &&
                            !c.covered[i - 1];
        /* ... and before a hyphenated noun it is a material: "military-grade", "police-style"
         * (but "rebel-held", "British-flagged", "Russian-backed", "US-made" name actors) */
        int joined_after = 0;
        if (i + L < nt && (t[i + L].flags & TOK_HYPHEN_BEFORE) && !(t[i + L].flags & TOK_CAP)) {
            const dyad_token *nx = &t[i + L];
            const char *w = body + nx->start;
            int participle = (nx->len > 2 && w[nx->len - 2] == 'e' && w[nx->len - 1] == 'd') ||
                             dyad_in_wordset(WS_PAST_IRREGULAR, nx->hash) ||
                             (nx->len == 3 && !memcmp(w, "run", 3)) ||
                             (nx->len == 4 && !memcmp(w, "born", 4));
            joined_after = !participle && d->entries[entry].kind == ENTRY_AGENT;
        }
        if (joined_before || joined_after) {
            i += L;
            continue;
        }
        if (d->entries[entry].kind != ENTRY_IGNORE)   /* "social media": no actor here */
            hits[c.nh++] = (hit){i, i + L, entry};
        memset(c.covered + i, 1, L);
        i += L;
    }
    if (compose(&c) < 0 || coref_pass(&c) < 0)
        return -1;
    mark_places(&c);
    if (coref)
        for (uint32_t i = c.nm; i-- > 0;)
            if (c.m[i].country && c.m[i].country[0]) {
                coref->last_country = c.m[i].country;
                coref->last_country_sent = sent_index;
                break;
            }
    *out = c.m;
    *n = c.nm;
    return 0;
}
