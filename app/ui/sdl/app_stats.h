/*
 * app_stats: what the app counts about itself, printed on exit when
 * TRYGG_STATS is set (tests and benchmarks read it): frames built, frames
 * presented, strings rasterised, and how long input took to reach the
 * screen (from the event to the end of SDL_RenderPresent).
 */
#ifndef TRYGG_APP_STATS_H
#define TRYGG_APP_STATS_H

#include <stdio.h>

#define STATS_MAX_LATENCIES 4096

typedef struct app_stats {
    long frames, presents, text_renders;
    double latency_ms[STATS_MAX_LATENCIES];
    int n_latency;
    long long first_present_us; /* CLOCK_REALTIME, for start-up timing */
} app_stats;

/* Call after each present: remembers when the first one ended. */
void stats_presented(app_stats *s);

void stats_latency(app_stats *s, double ms);
/* One line: "stats frames=N presents=N text_renders=N inputs=N
 * input_to_screen_ms_p50=X p95=X max=X first_present_epoch_us=N". */
void stats_print(const app_stats *s, FILE *f);

#endif
