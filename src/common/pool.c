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

/* ------------------------------------------------------ in order, as done */

typedef struct ordered {
    const sf_pool_job *job;
    sf_status (*emit)(void *user, size_t i);
    size_t n, ahead;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an item done, one emitted, or a failure */
    size_t next, emitted;   /* next item to take; next to emit */
    unsigned char *done;    /* ring of `ahead`: item i done, not yet emitted */
    /* items from `stop` on are neither taken nor emitted: the first failing
     * item, or the one after a failing emit (n: none failed) */
    size_t stop;
    sf_status st;
} ordered;

/* Under the lock: the next item, unless the read-ahead is full or every
 * item before `stop` is taken. */
static bool ordered_take(ordered *p, size_t *k) {
    if (p->next >= p->stop || p->next >= p->emitted + p->ahead) return false;
    *k = p->next++;
    return true;
}

/* Under the lock, which it leaves and takes again: item k done. */
static void ordered_work(ordered *p, size_t k) {
    pthread_mutex_unlock(&p->lock);
    sf_status st = p->job->item(p->job->user, p->job->user, k);
    pthread_mutex_lock(&p->lock);
    p->done[k % p->ahead] = 1;
    if (st != SF_OK && k < p->stop) {
        p->stop = k;
        p->st = st;
    }
    pthread_cond_broadcast(&p->changed);
}

static void *ordered_worker(void *arg) {
    ordered *p = arg;
    pthread_mutex_lock(&p->lock);
    while (p->next < p->stop) {
        size_t k;
        if (ordered_take(p, &k)) ordered_work(p, k);
        else pthread_cond_wait(&p->changed, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

sf_status sf__pool_run_ordered(const sf_pool_job *job, size_t n, unsigned threads, size_t ahead,
                               sf_status (*emit)(void *user, size_t i)) {
    ordered p = {.job = job, .emit = emit, .n = n, .ahead = ahead ? ahead : 1, .stop = n,
                 .st = SF_OK};
    p.done = sf__calloc(p.ahead, 1);
    if (!p.done) return SF_ERR_NOMEM;
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    size_t nt = threads ? threads : 1;
    if (nt > n) nt = n ? n : 1;
    pthread_t *t = nt > 1 ? sf__calloc(nt, sizeof *t) : NULL;
    size_t started = 0;
    if (t)
        for (; started + 1 < nt; started++)
            if (pthread_create(&t[started], NULL, ordered_worker, &p) != 0) break;
    /* the calling thread emits what is done, in order, and works meanwhile */
    pthread_mutex_lock(&p.lock);
    while (p.emitted < p.stop) {
        size_t k;
        if (p.done[p.emitted % p.ahead]) {
            p.done[p.emitted % p.ahead] = 0;
            size_t i = p.emitted;
            pthread_mutex_unlock(&p.lock);
            sf_status st = emit(job->user, i);
            pthread_mutex_lock(&p.lock);
            p.emitted++;
            if (st != SF_OK) { /* every item before i was emitted: this failure is first */
                p.stop = i + 1;
                p.st = st;
            }
            pthread_cond_broadcast(&p.changed);
        } else if (ordered_take(&p, &k)) {
            ordered_work(&p, k);
        } else {
            pthread_cond_wait(&p.changed, &p.lock);
        }
    }
    pthread_mutex_unlock(&p.lock);
    for (size_t i = 0; i < started; i++) pthread_join(t[i], NULL);
    sf__free(t);
    sf__free(p.done);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    return p.st;
}
