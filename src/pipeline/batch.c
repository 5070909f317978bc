/* batch.c — coding many articles on several threads. Each worker takes the next article
 * index from a shared counter; results land at their article's index, so output order is
 * the input order whatever the thread count. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "dyad.h"

typedef struct batch {
    const dyad_coder *c;
    const dyad_article *const *arts;
    dyad_result **out;
    size_t n;
    atomic_size_t next;
} batch;

static void *worker(void *p)
{
    batch *b = p;
    char err[256];
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n)
            return NULL;
        b->out[i] = dyad_code_article(b->c, b->arts[i], err, sizeof err);
    }
}

int dyad_code_many(const dyad_coder *c, const dyad_article *const *arts, size_t n,
                   dyad_result **out, int threads)
{
    batch b = {c, arts, out, n, 0};
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = (int)(n ? n : 1);
    pthread_t tid[256];
    int started = 0;
    for (int i = 1; i < threads && i < 256; i++)
        if (pthread_create(&tid[started], NULL, worker, &b) == 0)
            started++;
    worker(&b);   /* the calling thread works too */
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    return 0;
}
