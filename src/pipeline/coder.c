/* coder.c — opening dictionaries and running the per-article pipeline:
 * sentences -> tokens -> date -> actors -> events -> dyad_event records. */
#include "pipeline/coder.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "actors/recog.h"
#include "doc/doc.h"
#include "events/dates.h"
#include "events/engine.h"
#include "text/sent.h"
#include "text/token.h"
#include "text/words.h"
#include "util/date.h"

const char *dyad_version(void) { return DYAD_VERSION; }

const char *dyad_strerror(dyad_status s)
{
    switch (s) {
    case DYAD_OK: return "success";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EIO: return "input/output error";
    case DYAD_EFORMAT: return "malformed input";
    case DYAD_ETOOBIG: return "input too large";
    case DYAD_EDICT: return "dictionary error";
    case DYAD_EUSAGE: return "bad argument";
    }
    return "unknown error";
}

static int has_data(const char *dir)
{
    char p[PATH_MAX];
    struct stat st;
    snprintf(p, sizeof p, "%s/actors/index.txt", dir);
    return stat(p, &st) == 0;
}

int dyad_find_datadir(const char *given, char *out, size_t outlen)
{
    if (given && *given) {
        snprintf(out, outlen, "%s", given);
        return has_data(out) ? 0 : -1;
    }
    const char *env = getenv("DYAD_DATA");
    if (env && *env && has_data(env)) {
        snprintf(out, outlen, "%s", env);
        return 0;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            /* build/dyad, build/tests/x, build/san/dyad ... walk up a few levels */
            for (int up = 0; up < 4; up++) {
                char cand[PATH_MAX + 32];
                snprintf(cand, sizeof cand, "%s/data", exe);
                if (has_data(cand)) {
                    snprintf(out, outlen, "%s", cand);
                    return 0;
                }
                snprintf(cand, sizeof cand, "%s/share/dyad", exe);
                if (has_data(cand)) {
                    snprintf(out, outlen, "%s", cand);
                    return 0;
                }
                char *s = strrchr(exe, '/');
                if (!s)
                    break;
                *s = 0;
            }
        }
    }
    if (has_data(DYAD_DATADIR)) {
        snprintf(out, outlen, "%s", DYAD_DATADIR);
        return 0;
    }
    if (has_data("data")) {
        snprintf(out, outlen, "data");
        return 0;
    }
    return -1;
}

dyad_coder *dyad_coder_open_strict(const char *datadir, int strict, char *err, size_t errlen)
{
    dyad_words_init();
    dyad_dates_init();
    if (errlen)
        err[0] = 0;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    dyad_buf_init(&c->warnings, 1 << 24);
    if (dyad_find_datadir(datadir, c->datadir, sizeof c->datadir) < 0) {
        snprintf(err, errlen, "no dictionaries found%s%s (looked for actors/index.txt; set DYAD_DATA or --data)",
                 datadir ? " in " : "", datadir ? datadir : "");
        dyad_coder_free(c);
        return NULL;
    }
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/cameo.tsv", c->datadir);
    if (dyad_codes_load(&c->codes, path, &c->warnings, &c->n_warnings, err, errlen) < 0) {
        dyad_coder_free(c);
        return NULL;
    }
    snprintf(path, sizeof path, "%s/actors", c->datadir);
    c->actors = dyad_actor_dict_load(path, strict, err, errlen);
    if (!c->actors) {
        dyad_coder_free(c);
        return NULL;
    }
    dyad_buf_append(&c->warnings, c->actors->warnings.data ? c->actors->warnings.data : "",
                    c->actors->warnings.len);
    c->n_warnings += c->actors->n_warnings;
    snprintf(path, sizeof path, "%s/verbs", c->datadir);
    c->verbs = dyad_verb_dict_load(path, &c->codes, strict, &c->warnings, &c->n_warnings, err, errlen);
    if (!c->verbs) {
        dyad_coder_free(c);
        return NULL;
    }
    return c;
}

dyad_coder *dyad_coder_open(const char *datadir, char *err, size_t errlen)
{
    return dyad_coder_open_strict(datadir, 0, err, errlen);
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    dyad_actor_dict_free(c->actors);
    dyad_verb_dict_free(c->verbs);
    dyad_codes_free(&c->codes);
    dyad_buf_free(&c->warnings);
    free(c);
}

const char *dyad_coder_warnings(const dyad_coder *c) { return c->warnings.data ? c->warnings.data : ""; }
size_t dyad_coder_actor_entries(const dyad_coder *c) { return c->actors ? c->actors->n_entries : 0; }
size_t dyad_coder_verb_patterns(const dyad_coder *c) { return c->verbs ? c->verbs->n_pat : 0; }
size_t dyad_code_count(const dyad_coder *c) { return c->codes.n; }
const dyad_code_info *dyad_code_at(const dyad_coder *c, size_t i)
{
    return i < c->codes.n ? &c->codes.codes[i] : NULL;
}
const dyad_code_info *dyad_code_lookup(const dyad_coder *c, const char *code)
{
    return dyad_codes_find(&c->codes, code);
}

/* --- the pipeline ------------------------------------------------------------------ */

static void fill_actor(dyad_actor *out, const dyad_mention *m, const char *body, dyad_arena *a)
{
    out->code = m->code;
    out->country = m->country ? m->country : "";
    out->name = m->name ? m->name : "";
    out->text = dyad_arena_strndup(a, body + m->start, m->end - m->start);
    out->start = m->start;
    out->end = m->end;
}

static const char *country_name(const dyad_coder *c, const char *iso3)
{
    uint32_t idx;
    if (iso3 && dyad_hmap_get(&c->actors->country_set, dyad_hash_bytes(iso3, 3), &idx))
        return c->actors->entries[idx].name;
    return iso3 ? iso3 : "";
}

/* The different actors named last in earlier sentences of the article, for "the two leaders"
 * and "both sides" in a later one (events/engine.h: mentions of no token). */
#define RECENT_ACTORS 4
typedef struct recent_actors {
    dyad_mention m[RECENT_ACTORS];   /* newest first, distinct codes */
    uint32_t n;
} recent_actors;

static void remember_actors(recent_actors *ra, const dyad_mention *m, uint32_t nm)
{
    for (uint32_t i = 0; i < nm; i++) {
        const dyad_mention *x = &m[i];
        if (x->is_place || !x->code || !x->country || !x->country[0] || x->kind == MENTION_AGENT)
            continue;
        uint32_t k = 0;   /* drop an older span of the same actor, then put this one first */
        while (k < ra->n && strcmp(ra->m[k].code, x->code))
            k++;
        if (k == ra->n && ra->n < RECENT_ACTORS)
            ra->n++;
        if (k == RECENT_ACTORS)
            k = RECENT_ACTORS - 1;
        memmove(&ra->m[1], &ra->m[0], k * sizeof ra->m[0]);
        ra->m[0] = *x;
    }
}

static int code_sentence(const dyad_coder *c, dyad_result *r, uint32_t si, int32_t pub,
                         dyad_coref *coref, recent_actors *recent)
{
    dyad_arena *a = &r->arena;
    const char *body = r->article.body;
    dyad_span sp = r->sent[si];
    dyad_token *t;
    uint32_t nt;
    if (dyad_tokenize(a, body, sp.start, sp.end, &t, &nt) < 0)
        return -1;
    dyad_when when = dyad_sentence_date(body, t, nt, pub);
    dyad_mention *m;
    uint32_t nm;
    if (dyad_recognize(c->actors, a, body, t, nt, when.day, si, coref, &m, &nm) < 0)
        return -1;
    const dyad_mention *place = NULL;
    for (uint32_t i = 0; i < nm; i++) {
        dyad_actor act;
        fill_actor(&act, &m[i], body, a);
        if (dyad_doc_add_mention(r, &act) < 0)
            return -1;
        if (m[i].is_place && !place)
            place = &m[i];
    }
    /* the actors of earlier sentences ride along after this sentence's own, as mentions of no
     * token, for "the two leaders" (the engine uses them for nothing else) */
    dyad_mention *all = m;
    uint32_t nall = nm;
    if (recent->n && nm) {
        all = dyad_arena_alloc(a, (nm + recent->n) * sizeof *all);
        if (!all)
            return -1;
        memcpy(all, m, nm * sizeof *m);
        for (uint32_t i = 0; i < recent->n; i++) {
            all[nm + i] = recent->m[i];
            all[nm + i].tok_start = all[nm + i].tok_end = nt;
        }
        nall = nm + recent->n;
    }
    dyad_raw_event *ev;
    uint32_t nev;
    dyad_sentence_flags fl = {when.history, when.future, nm};
    if (dyad_code_sentence(c->verbs, a, body, t, nt, all, nall, fl, &ev, &nev) < 0)
        return -1;
    m = all;
    remember_actors(recent, all, nm);
    const char *evidence = NULL;
    for (uint32_t i = 0; i < nev; i++) {
        if (!evidence && !(evidence = dyad_arena_strndup(a, body + sp.start, sp.end - sp.start)))
            return -1;
        dyad_event e;
        memset(&e, 0, sizeof e);
        e.sent = si;
        e.sent_start = sp.start;
        e.sent_end = sp.end;
        e.evidence = evidence;
        dyad_format_date(when.day, e.date);
        e.date_precision = when.prec_name ? when.prec_name : "";
        fill_actor(&e.source, &m[ev[i].source], body, a);
        if (ev[i].target != DYAD_NO_MENTION) {
            fill_actor(&e.target, &m[ev[i].target], body, a);
            e.has_target = 1;
        } else if (ev[i].implied_target) {
            e.target = (dyad_actor){ev[i].implied_target, ev[i].implied_country,
                                    country_name(c, ev[i].implied_country), "", sp.start, sp.start};
            e.has_target = 1;
        }
        const dyad_code_info *ci = ev[i].code;
        size_t cl = strlen(ci->code);
        memcpy(e.cameo, ci->code, cl < sizeof e.cameo ? cl + 1 : sizeof e.cameo - 1);
        e.cameo[sizeof e.cameo - 1] = 0;
        memcpy(e.root, ci->code, 2);
        e.root[2] = 0;
        e.goldstein = ci->goldstein;
        e.quad = ci->quad;
        e.plover = ci->plover;
        e.plover_mode = ci->plover_mode;
        if (place) {
            e.location_name = dyad_arena_strndup(a, body + place->start, place->end - place->start);
            e.location_country = place->country;
        }
        uint32_t vs = t[ev[i].tok_start].start, ve = t[ev[i].tok_end - 1].start + t[ev[i].tok_end - 1].len;
        e.verb = ve > vs ? dyad_arena_strndup(a, body + vs, ve - vs) : "";
        if (dyad_doc_add_event(r, &e) < 0)
            return -1;
    }
    return 0;
}

dyad_result *dyad_code_article(const dyad_coder *c, const dyad_article *art, char *err, size_t errlen)
{
    if (art->body_len > UINT32_MAX - 1) {
        snprintf(err, errlen, "article too large (%zu bytes; limit 4 GiB)", art->body_len);
        return NULL;
    }
    dyad_result *r = dyad_doc_new(art);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int32_t pub = DYAD_NO_DATE;
    if (r->article.date && strlen(r->article.date) >= 10)
        pub = dyad_parse_date(r->article.date, 10, 0, NULL);
    if (dyad_split_sentences(&r->arena, r->article.body, (uint32_t)r->article.body_len, &r->sent,
                             &r->n_sent) < 0)
        goto oom;
    dyad_coref coref;
    memset(&coref, 0, sizeof coref);
    recent_actors recent = {.n = 0};
    for (uint32_t i = 0; i < r->n_sent; i++)
        if (code_sentence(c, r, i, pub, &coref, &recent) < 0)
            goto oom;
    if (r->arena.failed)
        goto oom;
    return r;
oom:
    snprintf(err, errlen, "out of memory coding %s", r->article.id);
    dyad_result_free(r);
    return NULL;
}

dyad_result *dyad_code_text(const dyad_coder *c, const char *id, const char *text, size_t len,
                            const char *date, char *err, size_t errlen)
{
    dyad_article a = {.id = id, .body = text, .body_len = len, .date = date};
    return dyad_code_article(c, &a, err, errlen);
}
