/*
 * summary.c — a parsed pgbench log reduced to what a load drill reports:
 * nearest-rank p50/p95/p99 (scoring/grade's stats_percentile_sorted, the
 * same rule as every other percentile in pgdrill), max, mean, schedule lag,
 * throughput, late / failed / retried counts and a 1-2-5 histogram, overall
 * and per endpoint (see load.h).  It neither reads files nor prints: the
 * report renders the histogram as bars.  Pure.
 */
#include "load/load.h"

#include <stdlib.h>
#include <string.h>

#include "grade/score.h"
#include "strbuf.h"

/* Bucket lower bounds in ms: a 1-2-5 scale a reader takes in at a glance. */
static const double hist_lower_ms[LOAD_HIST_BUCKETS] = {
	0, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
};

double
load_hist_lower_ms(int i)
{
	if (i < 0 || i >= LOAD_HIST_BUCKETS)
		return 0;
	return hist_lower_ms[i];
}

static int
hist_bucket(double ms)
{
	int b = 0;

	while (b + 1 < LOAD_HIST_BUCKETS && ms >= hist_lower_ms[b + 1])
		b++;
	return b;
}

void
load_summary_free(load_summary *s)
{
	if (s == NULL)
		return;
	free(s->endpoint);
	memset(s, 0, sizeof *s);
}

/* Statistics of the transactions of `log` for which `script` matches
 * (any script when script < 0). */
static void
stats_of(const load_log *log, int script, double duration_s, load_stats *st)
{
	double *lat = xmalloc((log->n ? log->n : 1) * sizeof *lat);
	double *lag = xmalloc((log->n ? log->n : 1) * sizeof *lag);
	double sum = 0;
	size_t n = 0;

	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < log->n; i++) {
		const load_txn *t = &log->txns[i];

		if (script >= 0 && t->script != script)
			continue;
		if (t->retries > 0)
			st->retried++;
		if (t->status == LOAD_TXN_LATE) {
			st->late++;
			continue;
		}
		if (t->status == LOAD_TXN_FAILED) {
			st->failed++;
			continue;
		}
		lat[n] = t->latency_ms;
		lag[n] = t->lag_ms;
		sum += t->latency_ms;
		st->hist[hist_bucket(t->latency_ms)]++;
		n++;
	}
	st->completed = n;
	if (n > 0) {
		stats_sort(lat, n);
		stats_sort(lag, n);
		st->p50_ms = stats_percentile_sorted(lat, n, 50);
		st->p95_ms = stats_percentile_sorted(lat, n, 95);
		st->p99_ms = stats_percentile_sorted(lat, n, 99);
		st->max_ms = lat[n - 1];
		st->mean_ms = sum / (double) n;
		st->lag_p95_ms = stats_percentile_sorted(lag, n, 95);
	}
	st->tps = (double) n / duration_s;
	free(lat);
	free(lag);
}

/* The span of completion time stamps, at least 1 ms. */
static double
span_s(const load_log *log)
{
	int64_t lo = 0, hi = 0;

	for (size_t i = 0; i < log->n; i++) {
		int64_t t = log->txns[i].end_us;

		if (i == 0 || t < lo)
			lo = t;
		if (i == 0 || t > hi)
			hi = t;
	}
	return hi - lo > 1000 ? (double) (hi - lo) / 1e6 : 0.001;
}

bool
load_summarise(const load_log *log, size_t n_endpoints, double duration_s,
			   load_summary *out, error *err)
{
	memset(out, 0, sizeof *out);
	if (log->max_script >= 0 && (size_t) log->max_script >= n_endpoints)
		return error_set(err, ERROR_ENV,
						 "pgbench log names script %d, but the run had %zu script%s",
						 log->max_script, n_endpoints, n_endpoints == 1 ? "" : "s");
	out->duration_s = duration_s > 0 ? duration_s : span_s(log);
	stats_of(log, -1, out->duration_s, &out->overall);
	out->n_endpoints = n_endpoints;
	out->endpoint = xcalloc(n_endpoints ? n_endpoints : 1, sizeof *out->endpoint);
	for (size_t e = 0; e < n_endpoints; e++)
		stats_of(log, (int) e, out->duration_s, &out->endpoint[e]);
	return true;
}

int
load_dominant_endpoint(const load_log *log, const load_summary *s)
{
	size_t *tail;
	int best = -1;

	if (s->overall.completed == 0 || s->n_endpoints == 0)
		return -1;
	tail = xcalloc(s->n_endpoints, sizeof *tail);
	for (size_t i = 0; i < log->n; i++) {
		const load_txn *t = &log->txns[i];

		if (t->status == LOAD_TXN_OK && t->latency_ms >= s->overall.p95_ms &&
			(size_t) t->script < s->n_endpoints)
			tail[t->script]++;
	}
	for (size_t e = 0; e < s->n_endpoints; e++)
		if (best < 0 || tail[e] > tail[best])
			best = (int) e;
	free(tail);
	return best;
}
