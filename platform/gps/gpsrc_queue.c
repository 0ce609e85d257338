/* gpsrc_queue: a mailbox between a source's thread and an owner that waits
 * on a thread of its own (the command line). A ring of events under a
 * mutex; a condition variable on CLOCK_MONOTONIC wakes the waiter. See
 * gpsrc.h. Not for the touch app: it posts SDL events instead. */
#include "gpsrc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct gpsrc_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    gpsrc_event ev[GPSRC_QUEUE_CAP];
    int head, n; /* oldest event, count */
};

int gpsrc_queue_new(gpsrc_queue **out, err_t *e)
{
    pthread_condattr_t ca;
    gpsrc_queue *q = calloc(1, sizeof *q);
    *out = NULL;
    if (!q)
        return err_os(e, ENOMEM, "GPS event queue");
    int rc = pthread_condattr_init(&ca);
    if (rc == 0 && (rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC)) == 0)
        rc = pthread_cond_init(&q->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc == 0 && (rc = pthread_mutex_init(&q->mu, NULL)) != 0)
        pthread_cond_destroy(&q->cv);
    if (rc) {
        free(q);
        return err_os(e, rc, "GPS event queue");
    }
    *out = q;
    return 0;
}

void gpsrc_queue_free(gpsrc_queue *q)
{
    if (!q)
        return;
    pthread_cond_destroy(&q->cv);
    pthread_mutex_destroy(&q->mu);
    free(q);
}

void gpsrc_queue_put(void *ctx, const gpsrc_event *ev)
{
    gpsrc_queue *q = ctx;
    pthread_mutex_lock(&q->mu);
    if (q->n == GPSRC_QUEUE_CAP) { /* full: the oldest goes */
        q->head = (q->head + 1) % GPSRC_QUEUE_CAP;
        q->n--;
    }
    q->ev[(q->head + q->n) % GPSRC_QUEUE_CAP] = *ev;
    q->n++;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

static struct timespec deadline(int timeout_ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += timeout_ms / 1000;
    t.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

int gpsrc_queue_get(gpsrc_queue *q, int timeout_ms, gpsrc_event *out)
{
    struct timespec until = deadline(timeout_ms > 0 ? timeout_ms : 0);
    int rc = 0, got = 0;
    pthread_mutex_lock(&q->mu);
    while (q->n == 0 && rc == 0)
        rc = pthread_cond_timedwait(&q->cv, &q->mu, &until);
    if (q->n > 0) {
        *out = q->ev[q->head];
        q->head = (q->head + 1) % GPSRC_QUEUE_CAP;
        q->n--;
        got = 1;
    }
    pthread_mutex_unlock(&q->mu);
    return got;
}
