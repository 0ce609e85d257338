/* app_stats: see app_stats.h. */
#include "app_stats.h"

#include <stdlib.h>
#include <time.h>

void stats_presented(app_stats *s)
{
    if (s->presents++ > 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    s->first_present_us = (long long)now.tv_sec * 1000000 +
                          now.tv_nsec / 1000;
}

void stats_latency(app_stats *s, double ms)
{
    if (s->n_latency < STATS_MAX_LATENCIES)
        s->latency_ms[s->n_latency++] = ms;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double quantile(const double *v, int n, double q)
{
    int i = (int)(q * (n - 1) + 0.5);
    return n ? v[i] : 0.0;
}

void stats_print(const app_stats *s, FILE *f)
{
    double v[STATS_MAX_LATENCIES];
    int n = s->n_latency;
    for (int i = 0; i < n; i++)
        v[i] = s->latency_ms[i];
    qsort(v, (size_t)n, sizeof v[0], by_value);
    fprintf(f,
            "stats frames=%ld presents=%ld text_renders=%ld inputs=%d "
            "input_to_screen_ms_p50=%.2f p95=%.2f max=%.2f "
            "first_present_epoch_us=%lld\n",
            s->frames, s->presents, s->text_renders, n, quantile(v, n, 0.5),
            quantile(v, n, 0.95), n ? v[n - 1] : 0.0, s->first_present_us);
}
