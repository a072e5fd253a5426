/*
 * stats.c — reducing a series of measurements to median, p95, min and max,
 * and paired series to a ratio with a confidence interval (see score.h).
 *
 * The measurement protocol (engine) runs each query N times; the score uses
 * medians because one slow run (another process on the core, a checkpoint)
 * moves a mean but not a median.  p95 is reported for latency feedback only.
 * The time guard compares answer and reference through their interleaved
 * rounds (stats_paired_ratio): load that slows a whole round cancels in
 * that round's ratio, and load that hits single runs is shed by comparing
 * the fastest runs — what two separate medians keep.
 * It does not measure anything or decide anything.  Pure.
 */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Ascending, NaN last (a total order, so qsort is well-defined). */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x > y) - (x < y);
}

stats_summary
stats_summarise(const double *values, size_t n)
{
	stats_summary s;
	double *v;
	size_t rank;

	memset(&s, 0, sizeof s);
	if (n == 0 || values == NULL)
		return s;
	v = xmalloc(n * sizeof *v);
	memcpy(v, values, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_double);
	s.n = n;
	s.min = v[0];
	s.max = v[n - 1];
	s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	/* nearest rank: the smallest value with at least 95 % at or below it */
	rank = (n * 95 + 99) / 100;
	s.p95 = v[(rank ? rank : 1) - 1];
	free(v);
	return s;
}

stats_ratio
stats_paired_ratio(const double *num, const double *den, size_t n)
{
	stats_ratio r;
	double *v;
	double min_num = INFINITY, min_den = INFINITY;
	size_t m = 0;

	memset(&r, 0, sizeof r);
	if (n == 0 || num == NULL || den == NULL)
		return r;
	v = xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		if (isfinite(num[i]) && isfinite(den[i]) && num[i] > 0 && den[i] > 0) {
			v[m++] = num[i] / den[i];
			min_num = fmin(min_num, num[i]);
			min_den = fmin(min_den, den[i]);
		}
	if (m > 0) {
		r.median = stats_summarise(v, m).median;
		r.of_minima = min_num / min_den;
		r.favourable = fmin(r.median, r.of_minima);
		r.n = m;
	}
	free(v);
	return r;
}
