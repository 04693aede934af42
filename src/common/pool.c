/* pool.c - items 0..n-1 of a job on threads, a few at a time, each thread
 * with its own state (analyzers, extractors: ICU and Snowball objects are
 * not to be shared), the calling thread working too. The first failure in
 * item order is the one reported, whatever the threads' timing: after a
 * failure no new items are taken, and every item before the failing one
 * was taken earlier and is finished by its thread. */
#include "common.h"

#include <unistd.h>

#include <pthread.h>

typedef struct pool {
    const sf_pool_job *job;
    size_t n, grain;
    pthread_mutex_t lock;
    size_t next;   /* next item not yet taken */
    size_t failed; /* first failing item, or SIZE_MAX */
    sf_status st;
} pool;

static void take_items(pool *p, void *state) {
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t k = p->failed == SIZE_MAX ? p->next : p->n;
        size_t end = k + p->grain < p->n ? k + p->grain : p->n;
        if (k < p->n) p->next = end;
        pthread_mutex_unlock(&p->lock);
        if (k >= p->n) return;
        for (; k < end; k++) {
            sf_status st = p->job->item(p->job->user, state, k);
            if (st == SF_OK) continue;
            pthread_mutex_lock(&p->lock);
            if (k < p->failed) {
                p->failed = k;
                p->st = st;
            }
            pthread_mutex_unlock(&p->lock);
            return;
        }
    }
}

/* A thread's state from job->init; none (out of memory): the other threads
 * do the work. */
static void *pool_worker(void *arg) {
    pool *p = arg;
    void *state = p->job->init ? p->job->init(p->job->user) : p->job->user;
    if (state) take_items(p, state);
    if (p->job->fini) p->job->fini(p->job->user, state);
    return NULL;
}

sf_status sf__pool_run(const sf_pool_job *job, size_t n, size_t grain, unsigned threads,
                       void *caller_state, size_t *failed) {
    pool p = {.job = job, .n = n, .grain = grain ? grain : 1, .failed = SIZE_MAX, .st = SF_OK};
    size_t nt = threads ? threads : 1;
    if (nt > n / p.grain) nt = n / p.grain;
    if (nt < 1) nt = 1;
    pthread_mutex_init(&p.lock, NULL);
    pthread_t *t = nt > 1 ? sf__calloc(nt, sizeof *t) : NULL;
    size_t started = 0;
    if (t)
        for (; started + 1 < nt; started++)
            if (pthread_create(&t[started], NULL, pool_worker, &p) != 0) break;
    /* this thread works too, so a failed pthread_create only costs speed */
    if (caller_state) take_items(&p, caller_state);
    else pool_worker(&p);
    for (size_t i = 0; i < started; i++) pthread_join(t[i], NULL);
    sf__free(t);
    pthread_mutex_destroy(&p.lock);
    if (failed) *failed = p.failed;
    return p.st;
}

unsigned sf__default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > 64 ? 64u : (unsigned)n;
}
