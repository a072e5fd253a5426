/*
 * stats.c — reducing a series of measurements to median, p95, min and max,
 * and paired series to a ratio with a confidence interval (see score.h).
 *
 * The measurement protocol (engine) runs each query N times; the score uses
 * medians because one slow run (another process on the core, a checkpoint)
 * moves a mean but not a median.  p95 is reported for latency feedback only;
 * stats_percentile_sorted is also the load drills' percentile rule.
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

void
stats_sort(double *values, size_t n)
{
	if (n > 1)
		qsort(values, n, sizeof *values, cmp_double);
}

double
stats_percentile_sorted(const double *sorted, size_t n, double q)
{
	/* nearest rank: ceil(n q / 100), exact for whole percentages */
	size_t rank = (size_t) ceil((double) n * q / 100.0);

	if (n == 0 || sorted == NULL)
		return 0;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

stats_summary
stats_summarise(const double *values, size_t n)
{
	stats_summary s;
	double *v;

	memset(&s, 0, sizeof s);
	if (n == 0 || values == NULL)
		return s;
	v = xmalloc(n * sizeof *v);
	memcpy(v, values, n * sizeof *v);
	stats_sort(v, n);
	s.n = n;
	s.min = v[0];
	s.max = v[n - 1];
	s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	s.p95 = stats_percentile_sorted(v, n, 95);
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
