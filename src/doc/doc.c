#include "doc/doc.h"
#include <stdlib.h>
#include <string.h>

dyad_result *dyad_doc_new(const dyad_article *a)
{
    dyad_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    /* blocks sized to the article: one or two blocks for most documents */
    size_t extra = a->body_len * 4;
    size_t block = 64 * 1024 + (extra < ((size_t)16 << 20) ? extra : ((size_t)16 << 20));
    dyad_arena_init(&r->arena, block, 0);
    dyad_arena *m = &r->arena;
    r->article.id = dyad_arena_strdup(m, a->id ? a->id : "-");
    r->article.path = dyad_arena_strdup(m, a->path);
    r->article.url = dyad_arena_strdup(m, a->url);
    r->article.title = dyad_arena_strdup(m, a->title);
    r->article.date = dyad_arena_strdup(m, a->date);
    r->article.author = dyad_arena_strdup(m, a->author);
    r->article.source = dyad_arena_strdup(m, a->source);
    r->article.language = dyad_arena_strdup(m, a->language);
    r->article.place = dyad_arena_strdup(m, a->place);
    r->article.body = dyad_arena_strndup(m, a->body ? a->body : "", a->body ? a->body_len : 0);
    r->article.body_len = a->body ? a->body_len : 0;
    if (m->failed) {
        dyad_result_free(r);
        return NULL;
    }
    return r;
}

static int grow(dyad_arena *a, void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = dyad_arena_alloc(a, nc * elem);
    if (!p)
        return -1;
    if (n)
        memcpy(p, *arr, n * elem);
    *arr = p;
    *cap = nc;
    return 0;
}

int dyad_doc_add_event(dyad_result *r, const dyad_event *e)
{
    if (grow(&r->arena, (void **)&r->ev, &r->cap_ev, r->n_ev, sizeof *e))
        return -1;
    r->ev[r->n_ev++] = *e;
    return 0;
}

int dyad_doc_add_mention(dyad_result *r, const dyad_actor *m)
{
    if (grow(&r->arena, (void **)&r->mentions, &r->cap_mentions, r->n_mentions, sizeof *m))
        return -1;
    r->mentions[r->n_mentions++] = *m;
    return 0;
}

size_t dyad_result_event_count(const dyad_result *r) { return r ? r->n_ev : 0; }
const dyad_event *dyad_result_event(const dyad_result *r, size_t i)
{
    return r && i < r->n_ev ? &r->ev[i] : NULL;
}
size_t dyad_result_sentence_count(const dyad_result *r) { return r ? r->n_sent : 0; }
size_t dyad_result_mention_count(const dyad_result *r) { return r ? r->n_mentions : 0; }
const dyad_actor *dyad_result_mention(const dyad_result *r, size_t i)
{
    return r && i < r->n_mentions ? &r->mentions[i] : NULL;
}
const dyad_article *dyad_result_article(const dyad_result *r) { return r ? &r->article : NULL; }

void dyad_result_free(dyad_result *r)
{
    if (!r)
        return;
    dyad_arena_free(&r->arena);
    free(r);
}
