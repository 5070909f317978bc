/* engine.c — pattern matching, role assignment and event filtering for one sentence. */
#include "events/engine.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "events/dates.h"
#include "text/words.h"

#define MAX_MATCHES 128

/* DYAD_DEBUG=1 in the environment prints every pattern match to stderr (for dictionary
 * authors: why did this sentence code, or not?). */
static int debug_enabled(void)
{
    static int on = -1;
    if (on < 0) {
        const char *e = getenv("DYAD_DEBUG");
        on = e && *e && *e != '0';
    }
    return on;
}
#define TARGET_WINDOW 12

typedef struct match {
    const dyad_pattern *p;
    uint32_t start, end;       /* literal span [start, end) */
    uint32_t anchor;
    uint32_t s, t;             /* slot mentions or DYAD_NO_MENTION */
    uint8_t form;
    uint8_t passive;
    uint8_t nominal;           /* a noun ("an attack on") or a verb form used as one */
    uint8_t accepted;
} match;

typedef struct ectx {
    const dyad_verb_dict *v;
    const char *body;
    const dyad_token *t;
    uint32_t nt;
    const dyad_mention *m;
    uint32_t nm;               /* the sentence's own mentions */
    uint32_t n_all;            /* and after them, earlier sentences' actors (no tokens) */
    uint32_t *tok_mention;      /* token -> mention index + 1, 0 when none */
    uint8_t *time_len;          /* token -> length of the time phrase starting there */
    uint8_t *place_len;         /* token -> length of "in/at/near (the) PLACE" starting there */
    uint64_t bloom;             /* bloom bits of the sentence's tokens */
    int pass_that;              /* the verb takes a "that" clause whose subject is its target */
    const uint32_t *mention_end_at;   /* unused */
} ectx;

static int is_punct(const dyad_token *t) { return (t->flags & TOK_PUNCT) != 0; }

static uint32_t mention_starting(const ectx *c, uint32_t ti)
{
    if (ti >= c->nt || !c->tok_mention[ti])
        return DYAD_NO_MENTION;
    uint32_t mi = c->tok_mention[ti] - 1;
    return c->m[mi].tok_start == ti ? mi : DYAD_NO_MENTION;
}

static uint32_t mention_ending(const ectx *c, uint32_t ti_excl)
{
    if (ti_excl == 0 || !c->tok_mention[ti_excl - 1])
        return DYAD_NO_MENTION;
    uint32_t mi = c->tok_mention[ti_excl - 1] - 1;
    return c->m[mi].tok_end == ti_excl ? mi : DYAD_NO_MENTION;
}

static int is_det(uint64_t h) { return h == W.the || h == W.a || h == W.an || h == W.its || h == W.their; }

/* "student-led protests", "Iran-backed militias", "US-made missiles": a participle joined by
 * a hyphen to the word before is part of an adjective, not a verb; "re-elected",
 * "co-hosted" (a prefix before the hyphen) are verbs. */
static int compound_participle(const ectx *c, uint32_t ti)
{
    static const char *const prefixes[] = {"re", "co", "pre", "un", "de", "mis", "out", "over", "under",
                                            "counter", "cross", "self", "non"};
    if (ti == 0 || !(c->t[ti].flags & TOK_HYPHEN_BEFORE))
        return 0;
    const dyad_token *p = &c->t[ti - 1];
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (p->len == strlen(prefixes[i]) && !strncasecmp(c->body + p->start, prefixes[i], p->len))
            return 0;
    return 1;
}

/* A token a pattern word or gap may use: not part of an actor, except a bare sector word
 * ("deployed troops", "fired missiles"), which is part of the verb phrase. */
static int free_token(const ectx *c, uint32_t ti)
{
    if (!c->tok_mention[ti])
        return 1;
    return c->m[c->tok_mention[ti] - 1].kind == MENTION_AGENT;
}

static int is_currency(const ectx *c, uint32_t ti)
{
    unsigned char b = (unsigned char)c->body[c->t[ti].start];
    return b == '$' || b == '%' || (c->t[ti].len >= 2 && b == 0xE2) || (c->t[ti].len == 2 && b == 0xC2);
}

static int elem_word_ok(const ectx *c, const dyad_elem *e, uint32_t ti)
{
    if (ti >= c->nt || !free_token(c, ti))
        return 0;
    for (int k = 0; k < e->nalt; k++)
        if (c->t[ti].hash == e->h[k])
            return 1;
    return 0;
}

/* "expelled $T diplomats" over the mention "Russian diplomats": the word after a slot may be
 * the last word of the slot's own mention (an agent noun the recogniser took in). */
static int mention_ends_with(const ectx *c, uint32_t mi, const dyad_elem *e)
{
    uint32_t last = c->m[mi].tok_end - 1;
    if (e->type != EL_WORD || e->optional || last <= c->m[mi].tok_start)
        return 0;
    for (int k = 0; k < e->nalt; k++)
        if (c->t[last].hash == e->h[k])
            return 1;
    return 0;
}

/* Match elements [ei, n) forward from token ti. Returns the end token or -1. */
static int64_t match_fwd(const ectx *c, const dyad_pattern *p, int ei, uint32_t ti, match *mt,
                         int skip_t)
{
    if (ei == p->n)
        return ti;
    const dyad_elem *e = &p->e[ei];
    /* "asked India on Monday to back ...", "rallied in Tbilisi against ...": a time phrase
     * or a place phrase may sit between elements */
    uint32_t tl = ti < c->nt ? (c->time_len[ti] ? c->time_len[ti] : c->place_len[ti]) : 0;
    if (tl) {
        int64_t r = match_fwd(c, p, ei, ti + tl, mt, skip_t);
        if (r >= 0)
            return r;
    }
    switch (e->type) {
    case EL_WORD:
    case EL_VERB:
        if (elem_word_ok(c, e, ti)) {
            int64_t r = match_fwd(c, p, ei + 1, ti + 1, mt, skip_t);
            if (r >= 0)
                return r;
        }
        return e->optional ? match_fwd(c, p, ei + 1, ti, mt, skip_t) : -1;
    case EL_GAP:
        for (uint32_t k = 0; k <= 4; k++) {
            if (k > 0 && (ti + k - 1 >= c->nt || !free_token(c, ti + k - 1) ||
                          (is_punct(&c->t[ti + k - 1]) && !is_currency(c, ti + k - 1))))
                break;
            int64_t r = match_fwd(c, p, ei + 1, ti + k, mt, skip_t);
            if (r >= 0)
                return r;
        }
        return -1;
    case EL_SLOT_S:
    case EL_SLOT_T: {
        if (e->type == EL_SLOT_T && skip_t)
            return match_fwd(c, p, ei + 1, ti, mt, skip_t);
        uint32_t k = ti;
        if (k < c->nt && is_det(c->t[k].hash))
            k++;
        /* "expelled 60 Russian diplomats", "sued several US gun makers" */
        if (k + 1 < c->nt && !c->tok_mention[k] &&
            ((c->t[k].flags & TOK_NUM) || dyad_in_wordset(WS_QUANTITY, c->t[k].hash)) &&
            mention_starting(c, k + 1) != DYAD_NO_MENTION)
            k++;
        uint32_t mi = mention_starting(c, k);
        if (mi == DYAD_NO_MENTION || c->m[mi].is_place)
            return -1;
        if (e->type == EL_SLOT_S)
            mt->s = mi;
        else
            mt->t = mi;
        uint32_t after = c->m[mi].tok_end;
        if (after < c->nt && (c->t[after].flags & TOK_POSS) && ei + 1 < p->n)
            after++;   /* "condemned Russia's invasion of" */
        int64_t r = match_fwd(c, p, ei + 1, after, mt, skip_t);
        if (r < 0 && ei + 1 < p->n && mention_ends_with(c, mi, &p->e[ei + 1]))
            r = match_fwd(c, p, ei + 2, c->m[mi].tok_end, mt, skip_t);
        return r;
    }
    }
    return -1;
}

/* Match elements [0, ei] backward, ending just before token `end` (exclusive bound on the
 * right). Returns the start token or -1. */
static int64_t match_bwd(const ectx *c, const dyad_pattern *p, int ei, int64_t end, match *mt)
{
    if (ei < 0)
        return end;
    const dyad_elem *e = &p->e[ei];
    int64_t ti = end - 1;
    switch (e->type) {
    case EL_WORD:
    case EL_VERB:
        if (ti >= 0 && elem_word_ok(c, e, (uint32_t)ti)) {
            int64_t r = match_bwd(c, p, ei - 1, ti, mt);
            if (r >= 0)
                return r;
        }
        if (ti >= 0 && ei > 0 && (p->e[ei - 1].type == EL_SLOT_S || p->e[ei - 1].type == EL_SLOT_T)) {
            /* "$S drones struck" over the mention "Russian drones": the word may be the last
             * word of the slot's own mention */
            uint32_t mi = mention_ending(c, (uint32_t)end);
            if (mi != DYAD_NO_MENTION && !c->m[mi].is_place && mention_ends_with(c, mi, e)) {
                if (p->e[ei - 1].type == EL_SLOT_S)
                    mt->s = mi;
                else
                    mt->t = mi;
                return match_bwd(c, p, ei - 2, c->m[mi].tok_start, mt);
            }
        }
        return e->optional ? match_bwd(c, p, ei - 1, end, mt) : -1;
    case EL_GAP:
        for (int64_t k = 0; k <= 4; k++) {
            if (k > 0 && (end - k < 0 || !free_token(c, (uint32_t)(end - k)) || is_punct(&c->t[end - k])))
                break;
            int64_t r = match_bwd(c, p, ei - 1, end - k, mt);
            if (r >= 0)
                return r;
        }
        return -1;
    default: {
        uint32_t mi = mention_ending(c, (uint32_t)end);
        if (mi == DYAD_NO_MENTION || c->m[mi].is_place)
            return -1;
        if (e->type == EL_SLOT_S)
            mt->s = mi;
        else
            mt->t = mi;
        return match_bwd(c, p, ei - 1, c->m[mi].tok_start, mt);
    }
    }
}

static int is_modal(const dyad_token *t, uint64_t h);

/* If a time phrase ends at token j, the token before it; else j. */
static int64_t skip_time_back(const ectx *c, int64_t j)
{
    for (int64_t back = 1; back <= 4 && j - back + 1 >= 0; back++)
        if (c->time_len[j - back + 1] == back)
            return j - back;
    return j;
}

/* Token j with the time and place phrases that end there skipped ("marched in Caracas on
 * Wednesday" gives "marched"). */
static int64_t skip_adjuncts_back(const ectx *c, int64_t j)
{
    for (int round = 0; round < 3 && j >= 0; round++) {
        int64_t before = j;
        j = skip_time_back(c, j);
        for (int64_t back = 1; back <= 5 && j - back + 1 >= 0; back++)
            if (c->place_len[j - back + 1] == back) {
                j -= back;
                break;
            }
        if (j == before)
            break;
    }
    return j;
}

static int is_be(uint64_t h)
{
    return h == W.was || h == W.were || h == W.is || h == W.are || h == W.been || h == W.being ||
           h == W.be;
}

static int is_adverb(const ectx *c, uint32_t ti)
{
    const dyad_token *t = &c->t[ti];
    if (t->hash == W.reportedly || t->hash == W.allegedly || t->hash == W.also)
        return 1;
    return (t->flags & TOK_WORD) && t->len > 3 && memcmp(c->body + t->start + t->len - 2, "ly", 2) == 0;
}

/* Token index before ti skipping adverbs, or -1. */
static int64_t prev_word(const ectx *c, int64_t ti)
{
    int64_t k = ti - 1;
    while (k >= 0 && is_adverb(c, (uint32_t)k))
        k--;
    return k;
}

static int passive_voice(const ectx *c, const match *mt)
{
    if (mt->form != FORM_PP && mt->form != FORM_PAST)
        return 0;
    /* a written source, or "is scheduled to visit": not a passive of this event */
    if (mt->s != DYAD_NO_MENTION ||
        (mt->anchor + 1 < c->nt && c->t[mt->anchor + 1].hash == W.to))
        return 0;
    int64_t k = prev_word(c, mt->anchor);
    if (k >= 0 && is_be(c->t[k].hash))
        return 1;
    /* reduced passive: "cities hit by Russian missiles" */
    uint32_t e = mt->end;
    return e + 1 < c->nt && c->t[e].hash == W.by && mention_starting(c, e + 1) != DYAD_NO_MENTION &&
           mt->t == DYAD_NO_MENTION && mt->anchor == mt->start && mt->end == mt->anchor + 1;
}

static int is_pronoun(uint64_t h)
{
    return h == W.he || h == W.she || h == W.who || h == W.which || h == W.that ||
           h == W.they || h == W.we || h == W.it;
}

/* Is the anchor used as a noun? Literal-word anchors ("talks", "attack on") are nouns; a
 * verb's -ing form is verbal after a form of "be" ("is attacking") or at the head of a
 * participle clause (", killing"); base and -s forms ("attack", "strikes") are verbal after
 * their subject (an actor, a pronoun) or an auxiliary; past forms are always verbal. */
static int nominal_use(const ectx *c, const dyad_pattern *p, const match *mt)
{
    if (p->e[p->anchor].type != EL_VERB && p->anchor_form == FORM_COUNT)
        return 1;
    int64_t k = prev_word(c, mt->anchor);
    if (mt->form == FORM_PAST || mt->form == FORM_PP) {
        /* "other detained officials", "carrying deported migrants": a participle used as an
         * adjective before its noun */
        if (k >= 0 && is_det(c->t[k].hash) && k + 1 == (int64_t)mt->anchor)
            return 1;   /* "the stalled talks": an adjective, whatever follows */
        if (k < 0 || mt->end != mt->anchor + 1 || mt->end >= c->nt)
            return 0;
        const dyad_token *pt = &c->t[k];
        uint64_t ph = pt->hash;
        int before_adj = is_det(ph) || (pt->flags & TOK_NUM) || ph == W.other ||
                         (pt->len > 4 && !memcmp(c->body + pt->start + pt->len - 3, "ing", 3) &&
                          !(pt->flags & TOK_CAP));
        const dyad_token *nx = &c->t[mt->end];
        return before_adj && (nx->flags & TOK_WORD) && nx->hash != W.by && !is_det(nx->hash);
    }
    if (k < 0)
        return mt->form == FORM_ING ? 1 : 0;   /* headline-style opening verb */
    uint64_t h = c->t[k].hash;
    if (mt->form == FORM_ING)   /* "is attacking", ", killing", "began investigating", "by hosting" */
        return !(is_be(h) || h == W.comma || h == W.by || dyad_in_wordset(WS_ASPECT, h));
    uint32_t subj = mention_ending(c, (uint32_t)k + 1);
    if (subj != DYAD_NO_MENTION && c->m[subj].tok_start > 0 &&
        is_det(c->t[c->m[subj].tok_start - 1].hash))
        return 1;   /* "a Palestinian state": the actor is a modifier of a noun */
    if (subj != DYAD_NO_MENTION || is_pronoun(h) || h == W.to || h == W.not_ || h == W.never ||
        h == W.nt || h == W.do_ || h == W.does || h == W.did || is_modal(&c->t[k], h))
        return 0;
    return 1;
}

/* A verb whose past form is spelt as its base ("cut", "hit", "shut", "quit", "set") right
 * after "and", "but" or "then": the second verb of a coordinated clause, in the past. */
static int coordinated_past(const ectx *c, const dyad_pattern *p, uint32_t ti)
{
    int64_t k = prev_word(c, ti);
    if (k < 0 || (c->t[k].hash != W.and_ && c->t[k].hash != W.but && c->t[k].hash != W.then_))
        return 0;
    if (p->e[p->anchor].type != EL_VERB)
        return 0;
    uint32_t idx;   /* the token is the base form: is the past form the same word? */
    return dyad_hmap_get(&c->v->irregular, c->t[ti].hash, &idx) && c->v->forms[idx][FORM_PAST] == c->t[ti].hash;
}

/* "began drills", "launched an offensive", "staged a protest": a light verb a few words
 * before a nominal event makes it the verb of the clause. Returns its token or -1. */
static int64_t light_verb_before(const ectx *c, uint32_t start)
{
    for (int64_t k = (int64_t)start - 1; k >= 0 && k + 6 >= (int64_t)start; k--) {
        if (c->tok_mention[k] && c->m[c->tok_mention[k] - 1].kind != MENTION_AGENT)
            return -1;
        if (is_punct(&c->t[k]))
            return -1;
        if (dyad_in_wordset(WS_LIGHT_VERB, c->t[k].hash))
            return k;
    }
    return -1;
}

static int try_pattern(const ectx *c, const dyad_pattern *p, uint32_t ti, uint8_t form, match *mt)
{
    if ((p->required & c->bloom) != p->required)
        return 0;
    /* quick reject: the word right after the anchor must be there (most patterns fail here) */
    if (p->anchor + 1 < p->n) {
        const dyad_elem *e = &p->e[p->anchor + 1];
        if (e->type == EL_WORD && !e->optional) {
            uint32_t k = ti + 1;
            /* "rallied in Tel Aviv on Saturday night to demand": places and times in any order */
            for (int skips = 0; skips < 3 && k < c->nt && (c->time_len[k] || c->place_len[k]); skips++)
                k += c->time_len[k] ? c->time_len[k] : c->place_len[k];
            int found = k < c->nt && elem_word_ok(c, e, k);
            if (!found && !(ti + 1 < c->nt && elem_word_ok(c, e, ti + 1)))
                return 0;
        }
    }
    memset(mt, 0, sizeof *mt);
    mt->p = p;
    mt->s = mt->t = DYAD_NO_MENTION;
    mt->anchor = ti;
    if (p->e[p->anchor].type == EL_WORD && p->anchor_form != FORM_COUNT)
        form = p->anchor_form;
    mt->form = form;
    /* passive: $T slots after the verb become empty */
    int64_t end = match_fwd(c, p, p->anchor + 1, ti + 1, mt, 0);
    int object_missing = 0;
    if (end < 0) {
        if (!p->has_t || (form != FORM_PP && form != FORM_PAST))
            return 0;
        mt->t = DYAD_NO_MENTION;
        end = match_fwd(c, p, p->anchor + 1, ti + 1, mt, 1);
        if (end < 0)
            return 0;
        /* "accuse+ $T of" read as "companies accused of": the word the pattern wants after its
         * object comes right after the verb, so the subject is the one accused */
        int ts = p->anchor + 1;
        while (ts < p->n && p->e[ts].type == EL_GAP)
            ts++;   /* "convict+ * $T of" */
        object_missing = ts + 1 < p->n && p->e[ts].type == EL_SLOT_T && p->e[ts + 1].type == EL_WORD &&
                         elem_word_ok(c, &p->e[ts + 1], ti + 1);
    }
    int64_t start = match_bwd(c, p, (int)p->anchor - 1, ti, mt);
    if (start < 0)
        return 0;
    mt->start = (uint32_t)start;
    mt->end = (uint32_t)end;
    /* the literal span excludes slot mentions at the edges */
    if (p->e[0].type == EL_SLOT_S || p->e[0].type == EL_SLOT_T) {
        uint32_t mi = p->e[0].type == EL_SLOT_S ? mt->s : mt->t;
        if (mi != DYAD_NO_MENTION)
            mt->start = c->m[mi].tok_end;
    }
    const dyad_elem *last = &p->e[p->n - 1];
    if (last->type == EL_SLOT_S || last->type == EL_SLOT_T) {
        uint32_t mi = last->type == EL_SLOT_S ? mt->s : mt->t;
        if (mi != DYAD_NO_MENTION)
            mt->end = c->m[mi].tok_start;
    }
    if (mt->end <= mt->start)
        mt->end = mt->start + 1;
    mt->passive = (uint8_t)(passive_voice(c, mt) || (object_missing && mt->s == DYAD_NO_MENTION));
    mt->nominal = (uint8_t)nominal_use(c, p, mt);
    if (mt->nominal && form == FORM_BASE && coordinated_past(c, p, ti)) {
        mt->nominal = 0;   /* "expelled the envoy and cut ties with": a second past verb */
        mt->form = FORM_PAST;
    }
    if (mt->nominal && !p->has_s) {
        int64_t lv = light_verb_before(c, mt->start);
        if (lv >= 0) {
            mt->nominal = 0;
            mt->start = (uint32_t)lv;
            mt->form = FORM_PAST;
        }
    }
    return 1;
}

/* --- filters ----------------------------------------------------------------------- */

static int sentence_is_question(const ectx *c)
{
    for (uint32_t i = c->nt; i-- > 0;) {
        if (c->t[i].hash == W.qmark)
            return 1;
        if (!is_punct(&c->t[i]))
            return 0;
        if (c->t[i].hash == W.period)
            return 0;
    }
    return 0;
}

static int has_discard_phrase(const ectx *c)
{
    const dyad_verb_dict *v = c->v;
    if (!v->discard_first.count)
        return 0;
    for (uint32_t i = 0; i < c->nt; i++) {
        uint32_t maxlen;
        if (!dyad_hmap_get(&v->discard_first, c->t[i].hash, &maxlen))
            continue;
        uint64_t h = c->t[i].hash;
        for (uint32_t L = 1; L <= maxlen && i + L <= c->nt; L++) {
            if (L > 1)
                h = dyad_hash_combine(h, c->t[i + L - 1].hash);
            uint32_t x;
            if (dyad_hmap_get(&v->discards, dyad_hash_combine(h, L), &x))
                return 1;
        }
    }
    return 0;
}

static int is_negator(uint64_t h)
{
    return h == W.not_ || h == W.nt || h == W.never || h == W.no || h == W.neither ||
           h == W.nor || h == W.denied || h == W.without;
}

static int is_modal(const dyad_token *t, uint64_t h)
{
    return h == W.could || h == W.would || h == W.might || h == W.should || h == W.must ||
           h == W.can || h == W.will || (h == W.may && !(t->flags & TOK_CAP));
}

static int is_ing_blocker(uint64_t h)
{
    return h == W.of || h == W.for_ || h == W.after || h == W.before ||
           h == W.without || h == W.from || h == W.against || h == W.the || h == W.a ||
           h == W.an || h == W.on || h == W.while_ || h == W.when || h == W.to;
}

enum { BLOCK_NONE = 0, BLOCK_FUTURE, BLOCK_OTHER, BLOCK_REFUSE, BLOCK_INTENT, BLOCK_MUST };

/* Words whose "to" complement is an intention: "ready to", "plans to", "wants to". */
static int intent_word(uint64_t h) { return dyad_in_wordset(WS_INTENT, h); }

/* Verbs whose "to" complement is the act itself: "voted to investigate", "used drones to
 * strike", "moved to expel". */
static int decision_verb(uint64_t h) { return dyad_in_wordset(WS_DECISION, h); }

/* "agreed to a 50 billion euro aid package": between an intent's "to" and the noun of the act
 * only an article, numbers and plain words (at most five, no actor, no punctuation). */
static int modifiers_only(const ectx *c, uint32_t from, uint32_t to)
{
    if (to < from || to > from + 5)
        return 0;
    for (uint32_t k = from; k < to; k++)
        if (c->tok_mention[k] || (is_punct(&c->t[k]) && !is_currency(c, k)))
            return 0;
    return 1;
}

/* "marched (in Caracas) to demand": a demand made by demonstrating. */
static int protest_purpose(const ectx *c, const match *mt)
{
    int64_t pw = prev_word(c, mt->start);
    if (pw < 1 || c->t[pw].hash != W.to)
        return 0;
    int64_t gv = skip_adjuncts_back(c, pw - 1);
    return gv >= 0 && dyad_in_wordset(WS_PROTEST_VERB, c->t[gv].hash);
}

/* "used tear gas to disperse", "using drones to strike": a form of "use" and its instrument
 * (up to six words, no actor or punctuation) before the "to" at to_tok: the act is done. */
static int instrument_to(const ectx *c, int64_t to_tok)
{
    for (int64_t k = to_tok - 2; k >= 0 && k >= to_tok - 7; k--) {
        uint64_t h = c->t[k].hash;
        if (h == W.used || h == W.uses || h == W.using)
            return 1;
        if (c->tok_mention[k] || is_punct(&c->t[k]))
            return 0;
    }
    return 0;
}

/* Is the match negated, modal, conditional, infinitive or a prepositional gerund? A plain
 * future ("will visit", "would meet") is BLOCK_FUTURE: cooperative acts become intents. */
static int blocked(const ectx *c, const match *mt)
{
    uint32_t s = mt->start;
    /* infinitive: "to attack" (a pattern ending in "to" has claimed it, or it is intent) */
    int64_t pw = prev_word(c, s);
    if (pw >= 0 && c->t[pw].hash == W.to) {
        /* a headline's "India to host Quad summit": the sentence's opening actor, then "to" */
        uint32_t hm = pw > 0 ? mention_ending(c, (uint32_t)pw) : DYAD_NO_MENTION;
        if (hm != DYAD_NO_MENTION && c->m[hm].tok_start <= 1)
            return BLOCK_FUTURE;
        int64_t gv = skip_adjuncts_back(c, pw - 1);   /* "voted on Friday to", "marched in Caracas to" */
        if (!(gv >= 0 && decision_verb(c->t[gv].hash)) && !instrument_to(c, pw))
            /* "ready to hold talks", "plans to visit": announced, not done */
            return gv >= 0 && intent_word(c->t[gv].hash) ? BLOCK_INTENT : BLOCK_OTHER;
    }
    if (mt->form == FORM_ING && mt->anchor == s && pw >= 0 && is_ing_blocker(c->t[pw].hash))
        return BLOCK_OTHER;
    /* conditional: if/unless/whether earlier in the same comma-delimited stretch */
    for (int64_t k = (int64_t)s - 1; k >= 0; k--) {
        uint64_t h = c->t[k].hash;
        if (h == W.comma || h == W.semicolon)
            break;
        if (h == W.if_ || h == W.unless || h == W.whether)
            return BLOCK_OTHER;
    }
    /* negation / modality in the few words before the verb phrase */
    int future = 0;
    for (int64_t k = (int64_t)s - 1, seen = 0; k >= 0 && seen < 4; k--, seen++) {
        const dyad_token *t = &c->t[k];
        if (c->tok_mention[k] || (is_punct(t) && t->hash != W.quote))
            break;
        if (is_negator(t->hash)) {
            /* "said it would not attend": an announced refusal, not a negated act */
            if (t->hash == W.not_ && k > 0 && (c->t[k - 1].hash == W.will || c->t[k - 1].hash == W.would))
                return BLOCK_REFUSE;
            return BLOCK_OTHER;
        }
        if (t->hash == W.will || t->hash == W.would)
            future = 1;
        else if (t->hash == W.must)
            return BLOCK_MUST;   /* "Hamas must release the hostages, Blinken said": a demand */
        else if (is_modal(t, t->hash))
            return BLOCK_OTHER;
    }
    return future ? BLOCK_FUTURE : BLOCK_NONE;
}

/* The intent code (03x) for a cooperative act announced, not done: "will visit" is 036; the
 * threat (13x) for a conflictual one: "will retaliate" is 138. */
static const char *intent_code(const char *code)
{
    static const struct { const char *prefix, *intent; } map[] = {
        {"045", "039"}, {"04", "036"}, {"061", "0311"}, {"062", "0312"}, {"063", "0313"},
        {"064", "0314"}, {"06", "031"}, {"071", "0331"}, {"072", "0332"}, {"073", "0333"},
        {"074", "0334"}, {"07", "033"}, {"081", "0351"}, {"082", "0352"}, {"083", "034"},
        {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"}, {"08", "035"},
        {"05", "032"},
        /* violence or sanctions announced by the actor are threats: "will retaliate" (13x) */
        {"163", "1312"}, {"16", "1313"}, {"17", "131"}, {"18", "138"}, {"19", "138"}, {"20", "138"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strncmp(code, map[i].prefix, strlen(map[i].prefix)))
            return map[i].intent;
    return NULL;
}

/* --- roles ------------------------------------------------------------------------- */

static int clause_break(const ectx *c, uint32_t ti)
{
    uint64_t h = c->t[ti].hash;
    return h == W.semicolon || h == W.colon || h == W.period || h == W.qmark;
}

/* The subject: nearest actor before token `before`, same clause, not a place. */
/* A lower-case word ending in -ed (or a verb form the dictionary knows as a past form): a
 * verb whose object the next actor is. */
static int looks_past_verb(const ectx *c, uint32_t k)
{
    const dyad_token *t = &c->t[k];
    if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP) || c->tok_mention[k] || t->len < 4 ||
        dyad_is_attribution_verb(t->hash) || (t->flags & TOK_HYPHEN_BEFORE))
        return 0;   /* after "said" comes the subject of what was said; "Iran-backed" is an adjective */
    if (!memcmp(c->body + t->start + t->len - 2, "ed", 2))
        return 1;
    const dyad_anchor_ref *refs;
    uint32_t n = dyad_verb_anchors(c->v, t->hash, &refs);
    for (uint32_t i = 0; i < n; i++)
        if (refs[i].form == FORM_PAST || refs[i].form == FORM_PP)
            return 1;
    return 0;
}

/* "thousands of", "hundreds of", "dozens of", "200 of": a quantity before "of" (at of_tok). */
static int quantity_before(const ectx *c, uint32_t of_tok)
{
    if (of_tok == 0)
        return 0;
    const dyad_token *t = &c->t[of_tok - 1];
    return (t->flags & TOK_NUM) || dyad_in_wordset(WS_QUANTITY, t->hash);
}

static uint32_t adjacent_subject(const ectx *c, uint32_t verb);

static int is_aux(uint64_t h)
{
    return is_be(h) || h == W.has || h == W.have || h == W.had || h == W.will || h == W.would ||
           h == W.do_ || h == W.does || h == W.did;
}

/* The word right before the verb (past adverbs, a time phrase and auxiliaries) when it is a
 * plain common noun no actor covers: "analysts warned", "survivors said". Then the subject is
 * that noun, not an actor named earlier in the sentence. */
static int noun_subject_before(const ectx *c, uint32_t verb)
{
    int64_t k = prev_word(c, verb);
    for (int guard = 0; k >= 0 && guard < 4; guard++) {
        int64_t j = skip_time_back(c, k);
        if (j != k) {
            k = prev_word(c, (uint32_t)(j + 1));
            continue;
        }
        if (is_aux(c->t[k].hash)) {
            k = prev_word(c, (uint32_t)k);
            continue;
        }
        break;
    }
    /* "an earthquake in the Atlas Mountains killed": the noun before a place phrase (a known
     * place, or capitalised words the dictionaries do not know) */
    int known_place = k > 0 && c->tok_mention[k] && c->m[c->tok_mention[k] - 1].is_place;
    int unknown_name = k > 0 && !c->tok_mention[k] && (c->t[k].flags & TOK_CAP);
    if (known_place || unknown_name) {
        int64_t p = known_place ? (int64_t)c->m[c->tok_mention[k] - 1].tok_start - 1 : k - 1;
        for (int n = 0; unknown_name && n < 3 && p > 0 && !c->tok_mention[p] && (c->t[p].flags & TOK_CAP); n++)
            p--;
        if (p >= 0 && c->t[p].hash == W.the)
            p--;
        if (p > 0 && (c->t[p].hash == W.in || c->t[p].hash == W.near || c->t[p].hash == W.at))
            k = prev_word(c, (uint32_t)p);
    }
    if (k < 0 || c->tok_mention[k])
        return 0;
    const dyad_token *t = &c->t[k];
    uint64_t h = t->hash;
    if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP) || t->len < 4 || is_pronoun(h) ||
        h == W.and_ || h == W.also || h == W.but || h == W.that || h == W.which || h == W.who ||
        h == W.then_ || h == W.not_ || h == W.never || h == W.nt || h == W.to || is_modal(t, h))
        return 0;
    /* "Israeli strikes killed", "UN human rights experts accused": an actor modifying the
     * noun (up to two more lower-case words between) is the subject after all; not one
     * before an article ("sent aid to Nepal after an earthquake killed") */
    for (int64_t j = k; j > 0 && j >= k - 2; j--) {
        if (j < k && (!(c->t[j].flags & TOK_WORD) || (c->t[j].flags & TOK_CAP) || c->tok_mention[j] ||
                      is_det(c->t[j].hash)))
            break;
        if (mention_ending(c, (uint32_t)j) != DYAD_NO_MENTION)
            return 0;
    }
    /* a plural noun ending in -s is the usual shape ("analysts", "officials", "sides") */
    if (c->body[t->start + t->len - 1] == 's')
        return 1;
    /* a singular one after an article: "after a powerful earthquake struck", "the storm hit" */
    for (int64_t j = k - 1; j >= 0 && j >= k - 2 && !c->tok_mention[j] && (c->t[j].flags & TOK_WORD); j--)
        if (c->t[j].hash == W.a || c->t[j].hash == W.an || c->t[j].hash == W.the)
            return 1;
    return 0;
}

static uint32_t find_subject(const ectx *c, uint32_t before)
{
    if (noun_subject_before(c, before))
        return DYAD_NO_MENTION;
    for (int64_t k = (int64_t)before - 1; k >= 0; k--) {
        if (clause_break(c, (uint32_t)k))
            return DYAD_NO_MENTION;
        /* "The Kremlin said (that) it was ready to ...": it is the speaker */
        uint64_t hk = c->t[k].hash;
        if ((hk == W.it || hk == W.they || hk == W.we) && !c->tok_mention[k]) {
            int64_t j = k - 1;
            if (j >= 0 && c->t[j].hash == W.that)
                j--;
            j = skip_time_back(c, j);   /* "said on Friday it had ..." */
            if (j >= 0 && dyad_is_attribution_verb(c->t[j].hash))
                return adjacent_subject(c, (uint32_t)j);
            return DYAD_NO_MENTION;
        }
        if (!c->tok_mention[k])
            continue;
        uint32_t mi = c->tok_mention[k] - 1;
        const dyad_mention *m = &c->m[mi];
        k = m->tok_start;
        if (m->is_place)
            continue;
        /* "according to X" and "by X" are not subjects */
        int64_t p = (int64_t)m->tok_start - 1;
        if (p >= 0 && is_det(c->t[p].hash))
            p--;
        if (p >= 0 && c->t[p].hash == W.of && quantity_before(c, (uint32_t)p))
            return mi;   /* "thousands of Kenyan protesters stormed" */
        if (p >= 0 && looks_past_verb(c, (uint32_t)p))
            continue;    /* "Washington backed Manila and urged ...": Manila is an object */
        if (p >= 0 && (c->t[p].hash == W.by || c->t[p].hash == W.to || c->t[p].hash == W.with ||
                       c->t[p].hash == W.of || c->t[p].hash == W.against ||
                       c->t[p].hash == W.between || c->t[p].hash == W.from))
            continue;
        return mi;
    }
    return DYAD_NO_MENTION;
}

/* A verb right after "that"/"which"/"who": its subject is what the pronoun refers to, the
 * actor just before it ("Japan, which condemned"), or nothing when that is not an actor ("an
 * airstrike that destroyed"). Returns 1 when the verb heads such a clause. */
static int relative_clause(const ectx *c, uint32_t start, uint32_t *src)
{
    int64_t k = prev_word(c, start);
    if (k < 0 || (c->t[k].hash != W.that && c->t[k].hash != W.which && c->t[k].hash != W.who))
        return 0;
    int64_t j = k - 1;
    if (j >= 0 && c->t[j].hash == W.comma)
        j--;
    *src = j >= 0 ? mention_ending(c, (uint32_t)j + 1) : DYAD_NO_MENTION;
    if (*src == DYAD_NO_MENTION && c->t[k].hash == W.that && j >= 0 &&
        dyad_is_attribution_verb(c->t[j].hash))
        return 0;   /* "said that Russia attacked": an ordinary clause with its own subject */
    if (*src != DYAD_NO_MENTION && c->m[*src].is_place)
        *src = DYAD_NO_MENTION;
    return 1;
}

/* The subject of "said"/"told" stands right before it ("Russia said", "the Kremlin said on
 * Monday"); "analysts said" has no actor subject even if one was named earlier. */
static uint32_t adjacent_subject(const ectx *c, uint32_t verb)
{
    int64_t k = prev_word(c, verb);
    while (k >= 1) {
        /* skip a time phrase between subject and verb */
        uint32_t j = (uint32_t)k;
        int skipped = 0;
        for (uint32_t back = 1; back <= 3 && back <= j; back++)
            if (c->time_len[j - back + 1] == back) {
                k = (int64_t)(j - back);
                skipped = 1;
                break;
            }
        if (!skipped)
            break;
    }
    if (k < 0)
        return DYAD_NO_MENTION;
    uint32_t mi = mention_ending(c, (uint32_t)k + 1);
    /* "Russia's FSB security service said": an actor named before a noun or two */
    for (int nouns = 0; mi == DYAD_NO_MENTION && nouns < 2 && k > 0; nouns++) {
        const dyad_token *t = &c->t[k];
        if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP) || c->tok_mention[k] || t->len < 4 ||
            is_pronoun(t->hash))
            break;
        k--;
        mi = mention_ending(c, (uint32_t)k + 1);
    }
    if (mi == DYAD_NO_MENTION || c->m[mi].is_place)
        return DYAD_NO_MENTION;
    return mi;
}

/* A target of the source's own country that is its government, forces or the country itself
 * ("the Philippines signed a deal allowing their troops", "fired missiles"): not a target. */
static int own_forces(const dyad_mention *src, const dyad_mention *m)
{
    if (!src->country || !src->country[0] || !m->country || strcmp(src->country, m->country) ||
        m->is_person)
        return 0;
    const char *ts = m->code + (strlen(m->code) >= 3 ? 3 : 0);
    const char *ss = src->code + (strlen(src->code) >= 3 ? 3 : 0);
    int state_t = !*ts || !strcmp(ts, "GOV") || !strcmp(ts, "MIL");
    int state_s = !*ss || !strcmp(ss, "GOV") || !strcmp(ss, "MIL");
    return state_t && state_s;
}

static uint32_t find_object(const ectx *c, uint32_t from, uint32_t limit, uint32_t source)
{
    if (from < c->nt && c->time_len[from] && c->pass_that)
        from += c->time_len[from];   /* "warned on Saturday that ..." */
    if (from < c->nt && c->t[from].hash == W.that && c->pass_that)
        from++;   /* "demanded that Russia withdraw": Russia is the target */
    for (uint32_t k = from; k < c->nt && k < limit && k < from + TARGET_WINDOW; k++) {
        uint64_t h = c->t[k].hash;
        if (clause_break(c, k) || h == W.comma || h == W.that || h == W.which || h == W.who ||
            h == W.if_ || h == W.unless || h == W.after || h == W.before || h == W.when ||
            h == W.while_ || h == W.because || h == W.until || h == W.despite ||
            dyad_is_attribution_verb(h) ||
            (h == W.as && k + 1 < c->nt && mention_starting(c, k + 1) != DYAD_NO_MENTION))
            return DYAD_NO_MENTION;
        if (!c->tok_mention[k])
            continue;
        uint32_t mi = c->tok_mention[k] - 1;
        const dyad_mention *m = &c->m[mi];
        k = m->tok_end - 1;
        /* a place right after the verb phrase is its object when the pattern took the
         * preposition ("arrived in Beijing", "sent troops to Mali") */
        if ((m->is_place && m->tok_start != from) || mi == source)
            continue;
        int64_t p = (int64_t)m->tok_start - 1;
        if (p >= 0 && is_det(c->t[p].hash))
            p--;
        if (p >= 0 && c->t[p].hash == W.by)
            continue;
        if (source != DYAD_NO_MENTION && strcmp(m->code, c->m[source].code) == 0)
            continue;
        if (source != DYAD_NO_MENTION && own_forces(&c->m[source], m))
            continue;
        return mi;
    }
    return DYAD_NO_MENTION;
}

/* "by X" after the verb phrase (passive agent), or "in a/an X strike" ("was killed in an
 * Israeli strike"). */
static uint32_t find_agent(const ectx *c, uint32_t from)
{
    if (from + 2 < c->nt && c->t[from].hash == W.in &&
        (c->t[from + 1].hash == W.a || c->t[from + 1].hash == W.an)) {
        uint32_t mi = mention_starting(c, from + 2);
        if (mi != DYAD_NO_MENTION && !c->m[mi].is_place && c->m[mi].tok_end < c->nt &&
            (c->t[c->m[mi].tok_end].flags & TOK_WORD) && !(c->t[c->m[mi].tok_end].flags & TOK_CAP))
            return mi;
    }
    for (uint32_t k = from; k < c->nt && k < from + 4; k++) {
        if (c->t[k].hash == W.by) {
            uint32_t j = k + 1;
            if (j < c->nt && is_det(c->t[j].hash))
                j++;
            return mention_starting(c, j);
        }
        if (clause_break(c, k) || c->tok_mention[k] || is_be(c->t[k].hash))
            break;   /* "accused of spying were expelled by Poland": that "by" is another verb's */
    }
    return DYAD_NO_MENTION;
}

/* Is the word before token `start` (adverbs and a time phrase skipped) "and" / "but"? */
static int after_and(const ectx *c, uint32_t start)
{
    int64_t k = prev_word(c, start);
    if (k >= 0)
        k = skip_time_back(c, k);   /* "and on Tuesday attacked" */
    return k > 0 && (c->t[k].hash == W.and_ || c->t[k].hash == W.but);
}

/* The actor a sentence opens with ("Several hundred Ukrainian troops crossed ..."), when it
 * starts within its first four words and before token `before`; else none. */
static uint32_t opening_subject(const ectx *c, uint32_t before)
{
    for (uint32_t i = 0; i < c->nm; i++) {
        const dyad_mention *m = &c->m[i];
        if (m->tok_start >= before || m->tok_start > 4)
            break;
        if (!m->is_place)
            return i;
    }
    return DYAD_NO_MENTION;
}

/* Mentions joined to mi by "and" / "," (direction -1: before it, +1: after it). */
static uint32_t conjuncts(const ectx *c, uint32_t mi, int dir, uint32_t *out, uint32_t max)
{
    uint32_t n = 0;
    out[n++] = mi;
    uint32_t cur = mi;
    while (n < max) {
        if (dir < 0) {
            int64_t k = (int64_t)c->m[cur].tok_start - 1;
            if (c->t[c->m[cur].tok_start].flags & TOK_HYPHEN_BEFORE) {   /* "US-South Korean" */
                uint32_t prev = mention_ending(c, c->m[cur].tok_start);
                if (prev == DYAD_NO_MENTION)
                    break;
                out[n++] = prev;
                cur = prev;
                continue;
            }
            if (k >= 1 && (is_det(c->t[k].hash) || c->t[k].hash == W.his || c->t[k].hash == W.her))
                k--;   /* "..., Germany and the United States", "X and his counterpart Y" */
            if (k < 1 || (c->t[k].hash != W.and_ && c->t[k].hash != W.comma))
                break;
            uint32_t prev = mention_ending(c, (uint32_t)k);
            /* "A, B and C" is a list, and so is a headline's "Japan, Philippines sign"; but in
             * "According to A, B captured" A is the object of a preposition */
            if (c->t[k].hash == W.comma && n == 1 && prev != DYAD_NO_MENTION && c->m[prev].tok_start > 0) {
                uint64_t ph = c->t[c->m[prev].tok_start - 1].hash;
                if (ph == W.to || ph == W.of || ph == W.by || ph == W.with || ph == W.from || ph == W.in ||
                    ph == W.at || ph == W.for_ || ph == W.on || ph == W.against)
                    break;
            }
            if (prev == DYAD_NO_MENTION && k >= 2 && c->t[k].hash == W.and_ &&
                c->t[k - 1].hash == W.comma)
                prev = mention_ending(c, (uint32_t)k - 1);
            if (prev == DYAD_NO_MENTION || c->m[prev].is_place)
                break;
            /* "freed 13 Israeli hostages and Israel released": the earlier actor is the object
             * of another verb, not a co-subject */
            int64_t b = (int64_t)c->m[prev].tok_start - 1;
            while (b >= 0 && (is_det(c->t[b].hash) || (c->t[b].flags & TOK_NUM)))
                b--;
            if (b >= 0 && looks_past_verb(c, (uint32_t)b))
                break;
            out[n++] = prev;
            cur = prev;
        } else {
            uint32_t k = c->m[cur].tok_end;
            if (k < c->nt && (c->t[k].flags & TOK_HYPHEN_BEFORE)) {
                uint32_t next = mention_starting(c, k);
                if (next == DYAD_NO_MENTION)
                    break;
                out[n++] = next;
                cur = next;
                continue;
            }
            if (k + 1 >= c->nt || (c->t[k].hash != W.and_ && c->t[k].hash != W.comma))
                break;
            uint32_t j = k + 1;
            if (c->t[k].hash == W.comma && j < c->nt && c->t[j].hash == W.and_)
                j++;
            if (j < c->nt && is_det(c->t[j].hash))
                j++;
            uint32_t next = mention_starting(c, j);
            if (next == DYAD_NO_MENTION || c->m[next].is_place)
                break;
            /* "... hostages and Israel released ...": a new clause, not a longer list */
            uint32_t na = c->m[next].tok_end;
            if (na < c->nt && (looks_past_verb(c, na) || dyad_is_attribution_verb(c->t[na].hash)))
                break;
            /* "A, B and C" is a list; "A, US officials said" is not */
            if (c->t[k].hash == W.comma && j == k + 1) {
                uint32_t after = c->m[next].tok_end;
                if (after >= c->nt || (c->t[after].hash != W.comma && c->t[after].hash != W.and_ &&
                                       c->t[after].hash != W.or_))
                    break;
            }
            out[n++] = next;
            cur = next;
        }
    }
    return n;
}

static const dyad_code_info *find_code(const ectx *c, const char *code)
{
    return c->v->codes ? dyad_codes_find(c->v->codes, code) : NULL;
}

/* Verbs whose subjects act on each other when there is no object: "A and B held talks",
 * "Indian and Chinese troops clashed". */
static int reciprocal(const ectx *c, const match *mt, const dyad_code_info *ci)
{
    const char *code = ci->code;
    /* visits, hosting and mediation have a direction; talks, deals and truces do not */
    if (!strncmp(code, "042", 3) || !strncmp(code, "043", 3) || !strncmp(code, "045", 3) ||
        !strncmp(code, "039", 3))
        return 0;
    if (!strncmp(code, "03", 2) || !strncmp(code, "04", 2) || !strncmp(code, "05", 2) ||
        !strncmp(code, "06", 2) || !strncmp(code, "087", 3))
        return 1;
    return dyad_in_wordset(WS_RECIPROCAL, c->t[mt->anchor].hash);
}

typedef struct evlist {
    dyad_arena *a;
    const dyad_mention *m;
    dyad_raw_event *e;
    uint32_t n, cap;
} evlist;

static int push_event(evlist *l, uint32_t s, uint32_t t, const match *mt, const dyad_code_info *ci)
{
    /* the same dyad and code once per sentence ("Wang Yi, China's foreign minister, met") */
    for (uint32_t i = 0; i < l->n; i++) {
        const dyad_raw_event *o = &l->e[i];
        if (o->code != ci || strcmp(l->m[o->source].code, l->m[s].code) != 0)
            continue;
        if ((o->target == DYAD_NO_MENTION) != (t == DYAD_NO_MENTION))
            continue;
        if (t == DYAD_NO_MENTION || strcmp(l->m[o->target].code, l->m[t].code) == 0)
            return 0;
    }
    if (l->n == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 8;
        dyad_raw_event *ne = dyad_arena_alloc(l->a, nc * sizeof *ne);
        if (!ne)
            return -1;
        if (l->n)
            memcpy(ne, l->e, l->n * sizeof *ne);
        l->e = ne;
        l->cap = nc;
    }
    l->e[l->n++] = (dyad_raw_event){s, t, mt->p, ci, mt->start, mt->end, NULL, NULL};
    return 0;
}

/* "Russia would attack Ukraine": "would" outside reported speech is a hypothetical; only in
 * "said it would retaliate" is it the future of a statement. */
static int bare_would(const ectx *c, const match *mt)
{
    int would = 0;
    for (int64_t k = (int64_t)mt->start - 1; k >= 0 && k + 5 > (int64_t)mt->start; k--)
        if (c->t[k].hash == W.would)
            would = 1;
    if (!would)
        return 0;
    for (uint32_t k = 0; k < mt->start; k++)
        if (dyad_is_attribution_verb(c->t[k].hash) || c->t[k].hash == W.that)
            return 0;
    return 1;
}

/* The speaker of a trailing attribution after the match (", Ukrainian officials said",
 * "," Blinken said"), or none. */
static uint32_t trailing_speaker(const ectx *c, const match *mt)
{
    for (uint32_t k = mt->end; k + 2 < c->nt && !clause_break(c, k); k++) {
        if (c->t[k].hash != W.comma)
            continue;
        uint32_t j = k + 1;
        while (j < c->nt && !(c->t[j].flags & TOK_WORD) && !c->tok_mention[j] && j < k + 3)
            j++;   /* a closing quote, straight or curly, single or double */
        if (j < c->nt && is_det(c->t[j].hash))
            j++;
        uint32_t sp = mention_starting(c, j);
        if (sp != DYAD_NO_MENTION && c->m[sp].tok_end < c->nt &&
            dyad_is_attribution_verb(c->t[c->m[sp].tok_end].hash))
            return sp;
    }
    return DYAD_NO_MENTION;
}

/* The demand (10x) for an act someone says another "must" do: release -> 1053, retreat or
 * ceasefire -> 1056, lift sanctions -> 1054, let monitors in -> 1055; else 100. */
static const char *demand_code(const char *act)
{
    static const struct { const char *prefix, *demand; } map[] = {
        {"084", "1053"}, {"087", "1056"}, {"085", "1054"}, {"086", "1055"}, {"081", "1051"},
        {"083", "104"}, {"04", "106"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strncmp(act, map[i].prefix, strlen(map[i].prefix)))
            return map[i].demand;
    return "100";
}

/* "In a phone call with Erdogan, Putin thanked ...", "During talks with X, Y ...": a nominal
 * event in the sentence's opening phrase belongs to the subject after its comma. */
static uint32_t opener_subject(const ectx *c, const match *mt)
{
    if (mt->start > 3 || c->nt == 0 || (c->t[0].hash != W.in && c->t[0].hash != W.during))
        return DYAD_NO_MENTION;
    for (uint32_t k = mt->end; k + 1 < c->nt && k < mt->end + 8; k++) {
        if (clause_break(c, k))
            break;
        if (c->t[k].hash == W.comma) {
            uint32_t j = k + 1 + (k + 2 < c->nt && is_det(c->t[k + 1].hash));
            uint32_t s = mention_starting(c, j);
            return s != DYAD_NO_MENTION && !c->m[s].is_place ? s : DYAD_NO_MENTION;
        }
    }
    return DYAD_NO_MENTION;
}

/* "Russian forces will attack Kyiv again, Ukrainian officials said": a trailing attribution to
 * an actor of another country than the source makes a future act a prediction, not a threat. */
static int said_by_other(const ectx *c, const match *mt, uint32_t src)
{
    uint32_t sp = trailing_speaker(c, mt);
    return sp != DYAD_NO_MENTION && (src == DYAD_NO_MENTION || strcmp(c->m[sp].country, c->m[src].country) != 0);
}

/* "the two leaders", "both sides": the two different actors named last before mention mi in
 * the sentence (none coded like mention not_like), into out[0..1]. Returns 2, or 0 when mi is
 * no such phrase or two are not there. */
static uint32_t pair_of(const ectx *c, uint32_t mi, uint32_t not_like, uint32_t *out)
{
    uint32_t a = c->m[mi].tok_start;
    int pair = (a >= 2 && c->t[a - 1].hash == W.two && c->t[a - 2].hash == W.the) ||
               (a >= 1 && c->t[a - 1].hash == W.both);
    if (!pair)
        return 0;
    uint32_t n = 0;
    /* this sentence's actors before it, newest first, then earlier sentences' */
    for (uint32_t step = 0; step < mi + (c->n_all - c->nm) && n < 2; step++) {
        uint32_t i = step < mi ? mi - 1 - step : c->nm + (step - mi);
        const dyad_mention *m = &c->m[i];
        if (m->is_place || !m->code || (n == 1 && strcmp(m->code, c->m[out[0]].code) == 0) ||
            (not_like != DYAD_NO_MENTION && strcmp(m->code, c->m[not_like].code) == 0))
            continue;   /* "Trump hosted the two leaders": the two are not the host */
        out[n++] = i;
    }
    return n == 2 ? 2 : 0;
}

static int emit(const ectx *c, evlist *l, const match *mt, const dyad_code_info *ci, uint32_t src,
                uint32_t tgt, int between)
{
    uint32_t S[16], T[8], F[8];
    uint32_t ns = pair_of(c, src, DYAD_NO_MENTION, S);
    if (!ns) {
        ns = conjuncts(c, src, -1, S, 8);
        /* and forward: "A and B" in a $S slot or after "by" */
        uint32_t nf = conjuncts(c, src, +1, F, 8);
        for (uint32_t i = 1; i < nf; i++)
            S[ns++] = F[i];
    }
    uint32_t nt = 0;
    if (tgt != DYAD_NO_MENTION && !(nt = pair_of(c, tgt, src, T)))
        nt = conjuncts(c, tgt, +1, T, 8);
    /* a source's own state or forces are not its target ("Japan and the Philippines signed a
     * pact allowing their troops ..."); with none left, the sources act on each other */
    for (uint32_t j = nt; j-- > 0;)
        for (uint32_t i = 0; i < ns; i++)
            if (own_forces(&c->m[S[i]], &c->m[T[j]])) {
                T[j] = T[--nt];
                break;
            }
    /* "X arrived in Beijing ..., accompanied by Y": Y does it too */
    if (ns < 8) {
        for (uint32_t k = mt->end; k + 3 < c->nt && !clause_break(c, k); k++)
            if (c->t[k].hash == W.comma && c->t[k + 1].hash == W.accompanied && c->t[k + 2].hash == W.by) {
                uint32_t co = mention_starting(c, k + 3 + (k + 4 < c->nt && is_det(c->t[k + 3].hash)));
                if (co != DYAD_NO_MENTION && !c->m[co].is_place && co != tgt)
                    S[ns++] = co;
                break;
            }
    }
    int recip = reciprocal(c, mt, ci);
    /* joint drills of two countries with no one targeted: military cooperation (062) */
    if (ns >= 2 && tgt == DYAD_NO_MENTION && !strncmp(ci->code, "15", 2)) {
        const dyad_code_info *joint = find_code(c, "062");
        if (joint) {
            ci = joint;
            recip = 1;
        }
    }
    for (uint32_t i = 0; i < ns; i++) {
        if (nt == 0) {
            if (ns >= 2 && recip) {
                for (uint32_t j = 0; j < ns; j++)
                    if (j != i && strcmp(c->m[S[i]].code, c->m[S[j]].code) != 0 &&
                        push_event(l, S[i], S[j], mt, ci))
                        return -1;
            } else if (push_event(l, S[i], DYAD_NO_MENTION, mt, ci)) {
                return -1;
            }
            continue;
        }
        for (uint32_t j = 0; j < nt; j++) {
            if (strcmp(c->m[S[i]].code, c->m[T[j]].code) == 0 || own_forces(&c->m[S[i]], &c->m[T[j]]))
                continue;
            if (push_event(l, S[i], T[j], mt, ci))
                return -1;
            if (between && recip && push_event(l, T[j], S[i], mt, ci))
                return -1;
        }
    }
    return 0;
}

/* ", the ministry said" / ", Ukrainian officials said on Sunday": the speaker of a trailing
 * attribution is not an event's source. */
static int trailing_attribution(const ectx *c, const match *mt, uint32_t src)
{
    if (!dyad_is_attribution_verb(c->t[mt->anchor].hash) || src == DYAD_NO_MENTION)
        return 0;
    int64_t k = (int64_t)c->m[src].tok_start - 1;
    while (k >= 0 && (c->t[k].flags & TOK_WORD) && !c->tok_mention[k] && k + 3 > c->m[src].tok_start) {
        if (c->t[k].hash == W.and_ || c->t[k].hash == W.but)
            return 0;   /* ", and Kyiv said": a clause of its own */
        k--;   /* "a senior official", "the regional governor" */
    }
    return k >= 0 && c->t[k].hash == W.comma;
}

/* The first place named after token `from` in the sentence ("struck targets in Gaza"). */
static uint32_t place_after(const ectx *c, uint32_t from)
{
    for (uint32_t i = 0; i < c->nm; i++)
        if (c->m[i].is_place && c->m[i].tok_start >= from)
            return i;
    return DYAD_NO_MENTION;
}

static int is_kill_verb(uint64_t h) { return dyad_in_wordset(WS_KILL, h); }

/* "hundreds of civilians", "more than 800 people", "some 1,200 villagers" after the verb. */
static int mass_victims(const ectx *c, uint32_t from)
{
    for (uint32_t k = from; k < c->nt && k < from + 4; k++) {
        const dyad_token *t = &c->t[k];
        if (dyad_in_wordset(WS_MASS, t->hash))
            return 1;
        if (t->flags & TOK_NUM) {
            long v = 0;
            for (uint32_t i = 0; i < t->len; i++) {
                char ch = c->body[t->start + i];
                if (ch >= '0' && ch <= '9')
                    v = v * 10 + (ch - '0');
                else if (ch != ',')
                    break;
            }
            return v >= 100;
        }
    }
    return 0;
}

/* "demanded that Russia release ...", "denied that its troops attacked ...": the act in a
 * "that" clause of a demand, appeal, threat, accusation or denial is not an event. */
static int in_reported_complement(const ectx *c, const match *ms, uint32_t i)
{
    /* only the nearest earlier verb can govern this one's clause (keeps this linear) */
    for (uint32_t k = i; k-- > 0;) {
        if (!ms[k].accepted)
            continue;
        const char *code = ms[k].p->code->code;
        if (strncmp(code, "02", 2) && strncmp(code, "10", 2) && strncmp(code, "13", 2) &&
            strncmp(code, "11", 2) && strncmp(code, "016", 3) && strncmp(code, "12", 2))
            return 0;
        for (uint32_t j = ms[k].end - 1; j < ms[i].start; j++) {   /* "denied that" too */
            if (j >= ms[k].end && clause_break(c, j))
                break;
            if (c->t[j].hash == W.that)
                return 1;
        }
        return 0;
    }
    return 0;
}

static int overlaps(const match *a, const match *b)
{
    return a->start < b->end && b->start < a->end;
}

int dyad_code_sentence(const dyad_verb_dict *v, dyad_arena *a, const char *body,
                       const dyad_token *t, uint32_t nt, const dyad_mention *m, uint32_t nm,
                       dyad_sentence_flags flags, dyad_raw_event **out, uint32_t *n)
{
    *out = NULL;
    *n = 0;
    if (nm == 0 || flags.history)
        return 0;
    uint32_t own = flags.own && flags.own < nm ? flags.own : nm;
    ectx c = {.v = v, .body = body, .t = t, .nt = nt, .m = m, .nm = own, .n_all = nm};
    c.tok_mention = dyad_arena_calloc(a, nt ? nt : 1, sizeof *c.tok_mention);
    if (!c.tok_mention)
        return -1;
    for (uint32_t i = 0; i < nm; i++)
        for (uint32_t k = m[i].tok_start; k < m[i].tok_end && k < nt; k++)
            c.tok_mention[k] = i + 1;
    c.time_len = dyad_arena_alloc(a, nt ? nt : 1);
    c.place_len = dyad_arena_calloc(a, nt ? nt : 1, 1);
    if (!c.time_len || !c.place_len)
        return -1;
    for (uint32_t i = 0; i < nm; i++) {
        if (!m[i].is_place || m[i].tok_start == 0)
            continue;
        uint32_t p = m[i].tok_start - 1;
        if (p > 0 && t[p].hash == W.the)
            p--;
        if (m[i].tok_end - p < 255)
            c.place_len[p] = (uint8_t)(m[i].tok_end - p);
    }
    for (uint32_t i = 0; i < nt; i++) {
        c.time_len[i] = (uint8_t)dyad_time_phrase_len(body, t, nt, i);
        c.bloom |= dyad_bloom_bit(t[i].hash);
    }
    if (sentence_is_question(&c) || has_discard_phrase(&c))
        return 0;

    /* 1. all pattern matches */
    match *ms = dyad_arena_alloc(a, MAX_MATCHES * sizeof *ms);
    if (!ms)
        return -1;
    uint32_t nmatch = 0;
    for (uint32_t i = 0; i < nt && nmatch < MAX_MATCHES; i++) {
        if (c.tok_mention[i] || is_punct(&t[i]))
            continue;
        const dyad_anchor_ref *refs;
        uint32_t nr = dyad_verb_anchors(v, t[i].hash, &refs);
        match best;
        int have = 0;
        for (uint32_t r = 0; r < nr; r++) {
            match mt;
            if ((refs[r].form == FORM_PAST || refs[r].form == FORM_PP) && compound_participle(&c, i))
                continue;
            if (!try_pattern(&c, &v->pat[refs[r].pattern], i, refs[r].form, &mt))
                continue;
            if (!have || mt.p->weight > best.p->weight ||
                (mt.p->weight == best.p->weight && mt.end - mt.start > best.end - best.start)) {
                best = mt;
                have = 1;
            }
        }
        if (have)
            ms[nmatch++] = best;
    }
    /* "Unconfirmed reports said ...", "rumours that ...": a rumour, not news (looked for only
     * when something matched: most sentences match nothing) */
    for (uint32_t i = 0; nmatch && i < nt; i++)
        if (dyad_in_wordset(WS_RUMOUR, t[i].hash))
            return 0;
    if (debug_enabled())
        for (uint32_t i = 0; i < nmatch; i++)
            fprintf(stderr, "dyad-debug: match %s \"%s\" at %u-%u form %u nominal %u passive %u\n",
                    ms[i].p->code->code, ms[i].p->text, ms[i].start, ms[i].end, ms[i].form,
                    ms[i].nominal, ms[i].passive);
    /* 2. verbs before nouns (a nominal event overlapping a verb phrase is its object), then
     * heavier matches first; drop those overlapping an accepted one */
    for (uint32_t i = 1; i < nmatch; i++) {
        match x = ms[i];
        uint32_t k = i;
        while (k > 0 && (ms[k - 1].nominal > x.nominal ||
                         (ms[k - 1].nominal == x.nominal &&
                          (ms[k - 1].p->weight < x.p->weight ||
                           (ms[k - 1].p->weight == x.p->weight && ms[k - 1].start > x.start))))) {
            ms[k] = ms[k - 1];
            k--;
        }
        ms[k] = x;
    }
    for (uint32_t i = 0; i < nmatch; i++) {
        ms[i].accepted = 1;
        for (uint32_t k = 0; k < i; k++)
            if (ms[k].accepted && overlaps(&ms[k], &ms[i]))
                ms[i].accepted = 0;
    }
    /* back to sentence order */
    for (uint32_t i = 1; i < nmatch; i++) {
        match x = ms[i];
        uint32_t k = i;
        while (k > 0 && ms[k - 1].start > x.start) {
            ms[k] = ms[k - 1];
            k--;
        }
        ms[k] = x;
    }

    /* a nominal event in the object of an earlier verb is that verb's object, not an event
     * of its own: "demanded a ceasefire between Israel and Hamas", "mediated the truce between
     * Israel and Hamas", "defended Israel's right to respond to the attack by Hamas" */
    for (uint32_t i = 0; i < nmatch; i++) {
        if (!ms[i].accepted || !ms[i].nominal)
            continue;
        for (uint32_t k = i; k-- > 0;) {
            if (!ms[k].accepted)
                continue;
            const match *v = &ms[k];
            if (v->nominal || !strncmp(v->p->code->code, "01", 2) ||
                dyad_is_attribution_verb(t[v->anchor].hash))
                break;
            int same_clause = 1;
            for (uint32_t j = v->end; j < ms[i].start && same_clause; j++)
                if (clause_break(&c, j) || t[j].hash == W.comma)
                    same_clause = 0;
            if (same_clause)
                ms[i].accepted = 0;
            break;
        }
    }

    /* 3. roles */
    evlist l = {.a = a, .m = m};
    uint32_t prev_source = DYAD_NO_MENTION, prev_target = DYAD_NO_MENTION, prev_end = 0, prev_target_end = 0;
    const dyad_code_info *prev_code = NULL;
    for (uint32_t i = 0; i < nmatch; i++) {
        match *mt = &ms[i];
        if (!mt->accepted)
            continue;
        uint32_t next_start = nt;
        match *next = NULL;
        for (uint32_t k = i + 1; k < nmatch; k++)
            if (ms[k].accepted) {
                next_start = ms[k].start;
                next = &ms[k];
                break;
            }
        const dyad_code_info *ci = mt->p->code;
        int block = blocked(&c, mt);
        if (!strncmp(ci->code, "10", 2) && protest_purpose(&c, mt)) {
            /* "marched to demand that Maduro step down": a demonstration for it (104x -> 141x) */
            char pc[5] = "141";
            if (!strncmp(ci->code, "104", 3) && ci->code[3])
                pc[3] = ci->code[3], pc[4] = 0;
            const dyad_code_info *pi = find_code(&c, pc);
            if (pi)
                ci = pi;
        }
        if (flags.future && block == BLOCK_NONE)
            block = BLOCK_FUTURE;   /* "next month": announced, not done */
        c.pass_that = !strncmp(ci->code, "02", 2) || !strncmp(ci->code, "10", 2) ||
                      !strncmp(ci->code, "13", 2);
        /* "pledged to send tanks to Ukraine": an intent pattern ending in "to" takes its
         * sub-code and its target from the act it announces */
        /* "agreed to a 50 billion euro aid package for Ukraine": the act is a noun after "to"
         * (a match the object rule set aside) */
        if (mt->p->ends_with_to && (!next || next->start != mt->end)) {
            for (uint32_t k = i + 1; k < nmatch; k++)
                if (ms[k].start >= mt->end) {
                    if (ms[k].nominal && modifiers_only(&c, mt->end, ms[k].start)) {
                        next = &ms[k];
                        next_start = ms[k].start;
                    }
                    break;
                }
        }
        uint32_t src = mt->s, tgt = mt->t, obj_from = mt->end, obj_limit = next_start;
        int chain = next && ((mt->p->ends_with_to && (next->start == mt->end ||
                                                       (next->nominal && modifiers_only(&c, mt->end, next->start)))) ||
                             (mt->end < nt && t[mt->end].hash == W.to && next->start == mt->end + 1));
        if (chain) {
            /* "refused to send tanks to Ukraine": the target comes from the act after "to" */
            const char *ic = !strncmp(ci->code, "03", 2) ? intent_code(next->p->code->code) : NULL;
            const dyad_code_info *ni = ic ? find_code(&c, ic) : NULL;
            if (ni)
                ci = ni;
            obj_from = next->end;
            next->accepted = 0;
            for (uint32_t k = i + 2; k < nmatch; k++)
                if (ms[k].accepted && &ms[k] != next) {
                    obj_limit = ms[k].start;
                    break;
                }
            if (obj_limit <= obj_from)
                obj_limit = nt;
        }
        if (block == BLOCK_MUST) {
            /* "'Hamas must release the hostages,' Blinken said": the speaker demands it of the
             * subject; a "must" nobody is quoted saying stays uncoded */
            uint32_t sp = trailing_speaker(&c, mt);
            const dyad_code_info *di = sp != DYAD_NO_MENTION ? find_code(&c, demand_code(ci->code)) : NULL;
            uint32_t subj = di ? find_subject(&c, mt->start) : DYAD_NO_MENTION;
            block = BLOCK_OTHER;
            if (di && subj != DYAD_NO_MENTION && subj != sp) {
                ci = di;
                src = sp;
                tgt = subj;
                block = BLOCK_NONE;
            }
        }
        if (block == BLOCK_REFUSE) {
            /* a meeting announced as not attended is rejected (125); other acts stay uncoded */
            const dyad_code_info *ri = !strncmp(ci->code, "04", 2) ? find_code(&c, "125") : NULL;
            block = ri ? BLOCK_NONE : BLOCK_OTHER;
            if (ri)
                ci = ri;
        }
        if (block == BLOCK_FUTURE || block == BLOCK_INTENT) {
            /* "will retaliate" is a threat; "is expected to impose tariffs" is somebody's guess */
            const char *ic = ci->quad >= 3 && (block == BLOCK_INTENT || bare_would(&c, mt) ||
                                               said_by_other(&c, mt, src != DYAD_NO_MENTION ? src : find_subject(&c, mt->start)))
                                 ? NULL : intent_code(ci->code);
            const dyad_code_info *ni = ic ? find_code(&c, ic) : NULL;
            if (ni) {
                ci = ni;
                block = BLOCK_NONE;
            } else if (!strncmp(ci->code, "03", 2)) {
                block = BLOCK_NONE;   /* an intent stays an intent next week */
            }
        }
        if (mt->nominal) {
            /* a nominal event needs its source written out: "talks between A and B",
             * "an attack on A by B"; otherwise it is the object of something else */
            if (src == DYAD_NO_MENTION)
                src = find_agent(&c, mt->end);
            if (src == DYAD_NO_MENTION)
                src = opener_subject(&c, mt);
            if (tgt == DYAD_NO_MENTION && !mt->p->has_t && src != DYAD_NO_MENTION)
                tgt = find_object(&c, obj_from, obj_limit, src);
            /* "a war between India and China would be ..." */
            for (uint32_t k = mt->end; k < nt && k < mt->end + 2 && !block; k++)
                if (is_modal(&t[k], t[k].hash) || is_negator(t[k].hash))
                    block = BLOCK_OTHER;
            if (!block && src != DYAD_NO_MENTION &&
                emit(&c, &l, mt, ci, src, tgt, mt->p->has_s && mt->p->has_t))
                return -1;
            continue;
        }
        /* ", killing ...", and "defied the court by hosting Putin": the main subject acts */
        int participle = mt->form == FORM_ING && mt->anchor == mt->start && mt->start > 0 &&
                         (t[prev_word(&c, mt->start)].hash == W.comma || t[prev_word(&c, mt->start)].hash == W.by);
        if (mt->passive) {
            uint32_t agent = find_agent(&c, mt->end);
            /* "were dispersed with tear gas by police": the pattern's $T slot took the agent */
            if (agent == DYAD_NO_MENTION && tgt != DYAD_NO_MENTION && m[tgt].tok_start > 0 &&
                t[m[tgt].tok_start - 1].hash == W.by)
                agent = tgt;
            if (agent == DYAD_NO_MENTION) {
                prev_end = mt->end;
                continue;   /* "X was attacked": no source, no event */
            }
            tgt = find_subject(&c, mt->start);
            src = agent;
        } else {
            if (participle) {
                /* ", killing ...", ", accusing ...": the main clause's subject acts; the
                 * consequence of the same act is not a second event */
                if (prev_source == DYAD_NO_MENTION ||
                    (prev_code && prev_code->quad == 4 && ci->quad == 4))
                    continue;
                src = prev_source;
            } else if (src == DYAD_NO_MENTION && relative_clause(&c, mt->start, &src)) {
                /* "X, which condemned ..." gives X; "an airstrike that destroyed ..." none */
            } else if (src == DYAD_NO_MENTION) {
                /* a second verb joined by "and" shares the first verb's subject */
                uint32_t from = prev_target_end > prev_end ? prev_target_end : prev_end;
                int joined = prev_source != DYAD_NO_MENTION && from > 0 && mt->start > from;
                for (uint32_t k = from; joined && k < mt->start; k++) {
                    uint64_t h = t[k].hash;
                    if (c.time_len[k]) {
                        k += c.time_len[k] - 1;   /* "visited Kyiv on Thursday and signed" */
                        continue;
                    }
                    if (h != W.and_ && h != W.comma && h != W.also)
                        joined = 0;
                }
                if (joined) {
                    src = prev_source;
                } else if (after_and(&c, mt->start)) {
                    /* "accused two diplomats of spying and ordered them to leave": a verb right
                     * after "and" has no subject of its own; it is the first clause's */
                    src = prev_source != DYAD_NO_MENTION ? prev_source : opening_subject(&c, mt->start);
                    joined = src != DYAD_NO_MENTION;
                }
                if (!joined)
                    src = dyad_is_attribution_verb(t[mt->anchor].hash) && mt->anchor == mt->start
                              ? adjacent_subject(&c, mt->start)
                              : find_subject(&c, mt->start);
            }
            if (tgt == DYAD_NO_MENTION && !mt->p->has_t && obj_from + 2 < nt) {
                /* "hosted the two leaders": a pair object, even when coded like the source */
                uint32_t k = obj_from + (t[obj_from].hash == W.the && t[obj_from + 1].hash == W.two ? 2 :
                                         t[obj_from].hash == W.both ? 1 : 0);
                uint32_t pm = k > obj_from ? mention_starting(&c, k) : DYAD_NO_MENTION;
                uint32_t pair[2];
                if (pm != DYAD_NO_MENTION && pair_of(&c, pm, src, pair))
                    tgt = pm;
            }
            /* "suspended Russia's participation in the treaty with the United States": a $T
             * that is the source's own state gives way to the actor further on */
            if (tgt != DYAD_NO_MENTION && src != DYAD_NO_MENTION && own_forces(&m[src], &m[tgt]) &&
                m[tgt].tok_end < nt && (t[m[tgt].tok_end].flags & TOK_POSS)) {
                uint32_t further = find_object(&c, obj_from, nt, src);
                if (further != DYAD_NO_MENTION)
                    tgt = further;
            }
            /* a warning or demand whose $T went unfilled ("warned on Saturday that officers
             * would confront protesters") looks for its target in the that-clause */
            if (tgt == DYAD_NO_MENTION && (!mt->p->has_t || c.pass_that) &&
                !(dyad_is_attribution_verb(t[mt->anchor].hash) && mt->end == mt->anchor + 1))
                tgt = find_object(&c, obj_from, obj_limit, src);
            /* "executed a second protester", "expelled Russian diplomats": the pattern's own
             * word names the target */
            for (uint32_t k = mt->anchor + 1; tgt == DYAD_NO_MENTION && k < mt->end; k++)
                if (c.tok_mention[k] && m[c.tok_mention[k] - 1].kind == MENTION_AGENT &&
                    m[c.tok_mention[k] - 1].country[0] && c.tok_mention[k] - 1 != src &&
                    (src == DYAD_NO_MENTION || !own_forces(&m[src], &m[c.tok_mention[k] - 1])))
                    tgt = c.tok_mention[k] - 1;
        }
        /* "accused two diplomats of spying and ordered them to leave": "them" is the earlier
         * target of the same source */
        if (tgt == DYAD_NO_MENTION && src != DYAD_NO_MENTION && src == prev_source &&
            prev_target != DYAD_NO_MENTION && mt->anchor + 1 < nt && t[mt->anchor + 1].hash == W.them)
            tgt = prev_target;
        /* "blew himself up outside a nightclub, killing 21 Israelis": the victims */
        if (tgt == DYAD_NO_MENTION && src != DYAD_NO_MENTION && ci->quad == 4) {
            for (uint32_t k = mt->end; k + 2 < nt; k++) {
                if (clause_break(&c, k))
                    break;
                if (t[k].hash == W.comma && dyad_in_wordset(WS_HARM_ING, t[k + 1].hash)) {
                    tgt = find_object(&c, k + 2, nt, src);
                    break;
                }
            }
        }
        /* material conflict with no named target hits the place it happened */
        if (tgt == DYAD_NO_MENTION && src != DYAD_NO_MENTION && ci->quad == 4 &&
            strncmp(ci->code, "15", 2) != 0) {
            uint32_t pl = place_after(&c, mt->end);
            if (pl != DYAD_NO_MENTION && !own_forces(&m[src], &m[pl]))
                tgt = pl;
        }
        if (!participle) {
            prev_end = mt->end;
            prev_source = src;
            prev_target_end = tgt != DYAD_NO_MENTION ? m[tgt].tok_end : 0;
            prev_target = tgt;
            prev_code = ci;
        }
        if (!block && in_reported_complement(&c, ms, i))
            block = BLOCK_OTHER;
        if (block || src == DYAD_NO_MENTION || trailing_attribution(&c, mt, src))
            continue;
        /* "refused to leave Kyiv": a refusal of nothing codable, to nobody, is no event (a
         * codable refusal has its own pattern: "refused to meet" 125, "to release" 1243) */
        if (!strcmp(ci->code, "120") && tgt == DYAD_NO_MENTION && mt->end + 1 < nt && t[mt->end].hash == W.to &&
            (t[mt->end + 1].flags & TOK_WORD) && !c.tok_mention[mt->end + 1])
            continue;
        /* protesters storming, attacking, burning: a violent protest (145), not war */
        if ((!strncmp(ci->code, "18", 2) || !strncmp(ci->code, "19", 2)) && m[src].code &&
            strlen(m[src].code) >= 3 && !strcmp(m[src].code + strlen(m[src].code) - 3, "CVL")) {
            const dyad_code_info *vi = find_code(&c, "145");
            if (vi)
                ci = vi;
        }
        /* killing hundreds is mass killing (202) */
        if (is_kill_verb(t[mt->anchor].hash) && (!strncmp(ci->code, "19", 2) || !strncmp(ci->code, "18", 2)) &&
            mass_victims(&c, mt->end)) {
            const dyad_code_info *mi = find_code(&c, "202");
            if (mi)
                ci = mi;
        }
        if (tgt != DYAD_NO_MENTION && m[tgt].is_person && is_kill_verb(t[mt->anchor].hash) &&
            !strncmp(ci->code, "19", 2)) {
            const dyad_code_info *ai = find_code(&c, "186");   /* assassinate */
            if (ai)
                ci = ai;
        }
        int between = mt->p->has_s && mt->p->has_t;
        if (emit(&c, &l, mt, ci, src, tgt, between))
            return -1;
    }

    /* an actor known only by its sector ("gunmen", "tourists") is too vague to be a source;
     * and (A, -, code) adds nothing when (A, B, code) is there */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < l.n; i++) {
        const dyad_raw_event *e = &l.e[i];
        const dyad_mention *sm = &m[e->source];
        int vague = !sm->country[0] && strlen(sm->code) == 3;
        int redundant = 0;
        for (uint32_t k = 0; k < l.n && e->target == DYAD_NO_MENTION; k++)
            if (k != i && l.e[k].target != DYAD_NO_MENTION && l.e[k].code == e->code &&
                !strcmp(m[l.e[k].source].code, sm->code))
                redundant = 1;
        if (!vague && !redundant)
            l.e[kept++] = *e;
    }
    l.n = kept;

    /* protests name no target when they are against the protesters' own government */
    for (uint32_t i = 0; i < l.n; i++) {
        dyad_raw_event *e = &l.e[i];
        const dyad_mention *sm = &m[e->source];
        size_t cl = strlen(sm->code);
        const char *sector = cl > 3 ? sm->code + 3 : "";
        /* "Georgians rallied": a plural demonym is people, not the state */
        size_t tl = sm->end - sm->start;
        int people = !*sector && tl > 2 && body[sm->end - 1] == 's' && sm->name &&
                     strncmp(sm->name, body + sm->start, tl) != 0;
        if (e->target == DYAD_NO_MENTION && !strncmp(e->code->code, "14", 2) && sm->country[0] &&
            (people || (*sector && strcmp(sector, "GOV") && strcmp(sector, "MIL") &&
                        strcmp(sector, "ELI")))) {
            char *code = dyad_arena_alloc(a, 7);
            if (!code)
                return -1;
            memcpy(code, sm->country, 3);
            memcpy(code + 3, "GOV", 4);
            e->implied_target = code;
            e->implied_country = sm->country;
        }
    }

    /* 4. statements only where nothing else was coded for the same speaker, and a bare
     * "said" (010) only with an addressee */
    uint32_t keep = 0;
    for (uint32_t i = 0; i < l.n; i++) {
        int statement = strncmp(l.e[i].code->code, "01", 2) == 0;
        int other = 0;
        for (uint32_t k = 0; statement && k < l.n; k++)
            if (k != i && strncmp(l.e[k].code->code, "01", 2) != 0 &&
                strcmp(m[l.e[k].source].code, m[l.e[i].source].code) == 0)
                other = 1;
        if (statement && !strcmp(l.e[i].code->code, "010") && l.e[i].target == DYAD_NO_MENTION)
            other = 1;
        if (!other)
            l.e[keep++] = l.e[i];
    }
    *out = l.e;
    *n = keep;
    return 0;
}
