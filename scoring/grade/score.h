/*
 * score.h — measurement statistics and the score (the contract;
 * implementation in scoring/grade/stats.c and score.c).  Pure.
 *
 * A grade compares three measured queries: the drill's slow query, its
 * reference solution and the learner's answer.  Each is measured several
 * times; stats_summarise() reduces a series to median and p95.  score_compute()
 * places the answer on the way from slow to reference on a log scale, led by
 * the deterministic work measure (buffers), with time as a guard.  The formula
 * and its reasons are in docs/scoring.md.
 */
#ifndef PGDRILL_SCORE_H
#define PGDRILL_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct stats_summary {
	double median, p95, min, max;
	size_t n;
} stats_summary;

/* Median (mean of the two middle values for even n), p95 (nearest rank),
 * min, max of `values`; all zero for n == 0.  Does not modify `values`. */
stats_summary stats_summarise(const double *values, size_t n);

/* The nearest-rank `q`-th percentile (0 < q <= 100) of `sorted` (ascending,
 * n > 0): the smallest value with at least q % of the values at or below
 * it.  0 for n == 0.  stats_summarise's p95 and the load drills' p50/p95/p99
 * (scoring/load) both use it. */
double stats_percentile_sorted(const double *sorted, size_t n, double q);

/* Sort `values` ascending in place, NaN last. */
void stats_sort(double *values, size_t n);

typedef struct stats_ratio {
	double median;            /* median of the per-pair ratios num[i]/den[i] */
	double of_minima;         /* min(num) / min(den) over the same pairs */
	double favourable;        /* the lower of the two */
	size_t n;                 /* pairs used */
} stats_ratio;

/* Two robust estimates of how many times slower `num` is than `den`, from
 * n pairs measured together (round i of the answer and of the reference,
 * interleaved): the median of the per-pair ratios (load that slows a whole
 * round cancels in its ratio) and the ratio of the two fastest runs (load
 * only ever adds time, so a query's fastest run is the nearest to its own
 * cost).  `favourable` is the lower: the time guard gives the answer the
 * benefit of the noise.  Pairs with a member that is not a positive finite
 * number are skipped; all zero when none is left.  Does not modify its
 * inputs. */
stats_ratio stats_paired_ratio(const double *num, const double *den, size_t n);

typedef struct score_measure {
	double buffers;           /* total buffers (deterministic work) */
	double time_ms;           /* median execution time */
	double cost;              /* planner total cost */
	double extra_buffers;     /* cost of preparatory statements (index size in
								 pages, materialized view build), 0 if none */
	double time_low_ms;       /* the answer's time as judged from its runs
								 paired with the reference's: reference median
								 x stats_paired_ratio's favourable ratio; the
								 time guard judges this one when it is below
								 time_ms.  0 = not measured in pairs */
} score_measure;

#define SCORE_DEFAULT_PASS 70.0
#define SCORE_MAX 120.0

typedef struct score_result {
	double score;             /* 0 .. SCORE_MAX, rounded to 0.1 */
	double work_progress;     /* fraction of the way by work (may exceed 1) */
	double time_progress;     /* fraction of the way by time */
	bool time_guard_applied;  /* time pulled the score down */
	double dead_band;         /* the guard's allowance factor applied (1.5,
								 up to 3 for work near the reference's); 0
								 for a degenerate drill (no guard) */
	bool passed;              /* score >= pass threshold */
} score_result;

/* Score `answer` against `slow` and `reference` with the pass threshold
 * `pass_score` (<= 0 means SCORE_DEFAULT_PASS). */
score_result score_compute(const score_measure *slow, const score_measure *reference,
						   const score_measure *answer, double pass_score);

/* ---- Declarations added with the implementation ---------------------- */

/* An English explanation of `r` (score_compute's result for the same three
 * measures and pass_score, <= 0 meaning the default), malloc'd, e.g.
 * "4380 buffers: 11.0x less work than the slow query (48210), of a possible
 * 40.0x (reference 1204): 65% of the way. Score 65.0, failed (pass at 70.0)."
 * It names the time guard when it applied and the time-only fallback for a
 * degenerate drill.  Never NULL; the caller frees. */
char *score_describe(const score_measure *slow, const score_measure *reference,
					 const score_measure *answer, const score_result *r,
					 double pass_score);

#endif
