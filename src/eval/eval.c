#include "eval/eval.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int org_prefix(const char *c)
{
    return !strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) || !strncmp(c, "IMG", 3) ||
           !strncmp(c, "MNC", 3) || !strncmp(c, "UIS", 3);
}

void dyad_eval_actor_key(const char *code, char out[24])
{
    if (!code || !*code)
        out[0] = 0;
    else if (org_prefix(code))
        snprintf(out, 24, "%.6s", code);   /* the organisation: IGOUNOHRI counts as IGOUNO */
    else if (strlen(code) < 3)
        snprintf(out, 24, "%s", code);
    else
        snprintf(out, 24, "%.3s", code);
}

static int root_of(const char *code)
{
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    return r >= 1 && r <= 20 ? r : 0;
}

static int same_dyad(const dyad_eval_event *a, const dyad_eval_event *b)
{
    char k1[24], k2[24];
    dyad_eval_actor_key(a->source, k1);
    dyad_eval_actor_key(b->source, k2);
    if (strcmp(k1, k2))
        return 0;
    dyad_eval_actor_key(a->target, k1);
    dyad_eval_actor_key(b->target, k2);
    return !strcmp(k1, k2);
}

static int match_dyad_root(const dyad_eval_event *a, const dyad_eval_event *b)
{
    return same_dyad(a, b) && root_of(a->code) == root_of(b->code);
}

static int match_full(const dyad_eval_event *a, const dyad_eval_event *b)
{
    return !strcmp(a->source, b->source) && !strcmp(a->target, b->target) && !strcmp(a->code, b->code);
}

/* One-to-one greedy matching; returns matches, marks used entries. */
static size_t match_all(const dyad_eval_event *g, size_t ng, const dyad_eval_event *p, size_t np,
                        int (*eq)(const dyad_eval_event *, const dyad_eval_event *),
                        char *gused, char *pused)
{
    size_t m = 0;
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < np; j++)
            if (!gused[i] && !pused[j] && eq(&g[i], &p[j])) {
                gused[i] = pused[j] = 1;
                m++;
                break;
            }
    return m;
}

int dyad_eval_sentence(dyad_eval *ev, const dyad_eval_event *g, size_t ng,
                       const dyad_eval_event *p, size_t np)
{
    char *gu = calloc(ng + 1, 1), *pu = calloc(np + 1, 1);
    if (!gu || !pu) {
        free(gu);
        free(pu);
        return 0;
    }
    size_t m = match_all(g, ng, p, np, match_dyad_root, gu, pu);
    ev->dyad.tp += m;
    ev->dyad.fp += np - m;
    ev->dyad.fn += ng - m;
    /* dates of matched events */
    for (size_t i = 0; i < ng; i++) {
        if (!gu[i] || !g[i].date[0])
            continue;
        for (size_t j = 0; j < np; j++)
            if (match_dyad_root(&g[i], &p[j])) {
                ev->dates_checked++;
                ev->dates_right += !strcmp(g[i].date, p[j].date);
                break;
            }
    }
    /* confusion: matched pairs on their roots; the rest by same dyad, else against none */
    memset(gu, 0, ng);
    memset(pu, 0, np);
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < np; j++)
            if (!pu[j] && match_dyad_root(&g[i], &p[j])) {
                gu[i] = pu[j] = 1;
                ev->confusion[root_of(g[i].code)][root_of(p[j].code)]++;
                break;
            }
    for (size_t i = 0; i < ng; i++) {
        if (gu[i])
            continue;
        size_t j = 0;
        while (j < np && (pu[j] || !same_dyad(&g[i], &p[j])))
            j++;
        if (j < np) {
            pu[j] = 1;
            ev->confusion[root_of(g[i].code)][root_of(p[j].code)]++;
        } else {
            ev->confusion[root_of(g[i].code)][0]++;
        }
    }
    for (size_t j = 0; j < np; j++)
        if (!pu[j])
            ev->confusion[0][root_of(p[j].code)]++;
    memset(gu, 0, ng);
    memset(pu, 0, np);
    size_t f = match_all(g, ng, p, np, match_full, gu, pu);
    ev->full.tp += f;
    ev->full.fp += np - f;
    ev->full.fn += ng - f;
    free(gu);
    free(pu);
    ev->sentences++;
    int perfect = m == ng && m == np;
    ev->sentences_perfect += perfect;
    return perfect;
}

double dyad_eval_precision(const dyad_eval_counts *c)
{
    return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 1.0;
}
double dyad_eval_recall(const dyad_eval_counts *c)
{
    return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 1.0;
}
double dyad_eval_f1(const dyad_eval_counts *c)
{
    double p = dyad_eval_precision(c), r = dyad_eval_recall(c);
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
