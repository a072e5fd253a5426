/*
 * score.c — the load score: how much of the reference's p95 improvement the
 * answer achieves (see load.h; formula and reasons in docs/load.md, keep the
 * two in step).
 *
 *   B, R, A = overall p95 of baseline, reference, answer (ms, floored at
 *   0.01 ms).
 *   progress = ln(B / A) / ln(B / R), or, when the reference is not 1.5x
 *              faster than the baseline, 1 + ln(R / A) / ln 1.5 (anchored at
 *              the reference, like scoring/grade/score.c's time scale).
 *   score = 100 x progress clamped to [0, LOAD_SCORE_MAX / 100], rounded to
 *   0.1.  Then the guards, in order; the first that applies sets the score
 *   to 0 (an answer that loses transactions cannot pass, however fast the
 *   rest were):
 *     failed      the answer had a failed transaction (an error is never
 *                 noise: the endpoint is broken);
 *     late        its share of late (skipped) transactions exceeds the
 *                 reference's by more than LOAD_LATE_TOLERANCE;
 *     throughput  it completed fewer than LOAD_TPS_GUARD x the reference's
 *                 transactions per second, by more than Poisson noise: with
 *                 open-loop arrivals each variant's count is a Poisson draw,
 *                 so the shortfall must also exceed LOAD_TPS_SIGMAS standard
 *                 deviations of the difference of two counts
 *                 (sqrt(reference + answer)).  On a one-second test drill
 *                 (about 20 arrivals) 15 against 25 is chance, not a loss.
 *
 * It does not measure and does not judge correctness (replacement
 * statements are compared row by row before any load runs).  Pure.
 */
#include "load/load.h"

#include <math.h>

#include "strbuf.h"

/* Below this separation the drill is scored on an anchored scale. */
#define LOAD_MIN_RATIO 1.5
/* Latency floor that keeps logarithms finite (10 µs). */
#define LOAD_MIN_P95_MS 0.01
/* Late transactions the answer may lose beyond the reference's share. */
#define LOAD_LATE_TOLERANCE 0.01
/* Throughput the answer must keep, as a fraction of the reference's. */
#define LOAD_TPS_GUARD 0.8
/* How far beyond Poisson noise a shortfall of completed transactions must
 * go before it counts (standard deviations of the difference). */
#define LOAD_TPS_SIGMAS 3.0

static double
floor_p95(double ms)
{
	return ms > LOAD_MIN_P95_MS ? ms : LOAD_MIN_P95_MS;
}

static double
late_share(const load_measure *m)
{
	size_t total = m->completed + m->late + m->failed;

	return total ? (double) m->late / (double) total : 0.0;
}

static load_guard
guard_of(const load_measure *reference, const load_measure *answer)
{
	if (answer->failed > 0)
		return LOAD_GUARD_FAILED;
	if (late_share(answer) > late_share(reference) + LOAD_LATE_TOLERANCE)
		return LOAD_GUARD_LATE;
	if (answer->completed == 0)
		return LOAD_GUARD_THROUGHPUT;
	if (answer->tps < LOAD_TPS_GUARD * reference->tps) {
		double r = (double) reference->completed, a = (double) answer->completed;

		if (r - a > LOAD_TPS_SIGMAS * sqrt(r + a))
			return LOAD_GUARD_THROUGHPUT;
	}
	return LOAD_GUARD_NONE;
}

load_score_result
load_score_compute(const load_measure *baseline, const load_measure *reference,
				   const load_measure *answer, double pass_score)
{
	load_score_result r = {0};
	double b = floor_p95(baseline->p95_ms), ref = floor_p95(reference->p95_ms);
	double a = floor_p95(answer->p95_ms), span = log(b / ref);
	double cap = LOAD_SCORE_MAX / 100.0, p;

	if (!(pass_score > 0))
		pass_score = LOAD_SCORE_DEFAULT_PASS;
	if (span >= log(LOAD_MIN_RATIO))
		r.progress = log(b / a) / span;
	else
		r.progress = 1.0 + log(ref / a) / log(LOAD_MIN_RATIO);
	p = r.progress > 0 ? (r.progress < cap ? r.progress : cap) : 0.0;
	r.score = round(p * 1000.0) / 10.0;
	r.guard = guard_of(reference, answer);
	if (r.guard != LOAD_GUARD_NONE)
		r.score = 0;
	r.passed = r.score >= pass_score;
	return r;
}

/* One sentence on the guard that applied (nothing for LOAD_GUARD_NONE). */
static void
append_guard(strbuf *sb, const load_measure *reference, const load_measure *answer,
			 load_guard guard)
{
	switch (guard) {
	case LOAD_GUARD_FAILED:
		strbuf_printf(sb, " But %zu transaction%s failed with an error, so it cannot pass.",
					  answer->failed, answer->failed == 1 ? "" : "s");
		break;
	case LOAD_GUARD_LATE:
		strbuf_printf(sb, " But %.1f%% of its transactions were late and dropped "
					  "(reference %.1f%%), so it cannot pass.",
					  100 * late_share(answer), 100 * late_share(reference));
		break;
	case LOAD_GUARD_THROUGHPUT:
		strbuf_printf(sb, " But it completed %.1f transactions per second against the "
					  "reference's %.1f (at least %.0f%% needed), so it cannot pass.",
					  answer->tps, reference->tps, 100 * LOAD_TPS_GUARD);
		break;
	case LOAD_GUARD_NONE:
		break;
	}
}

char *
load_score_describe(const load_measure *baseline, const load_measure *reference,
					const load_measure *answer, const load_score_result *r,
					double pass_score)
{
	strbuf sb = STRBUF_INIT;
	double b = floor_p95(baseline->p95_ms), ref = floor_p95(reference->p95_ms);
	double a = floor_p95(answer->p95_ms);

	if (!(pass_score > 0))
		pass_score = LOAD_SCORE_DEFAULT_PASS;
	strbuf_printf(&sb, "p95 %.1f ms -> %.1f ms: ", b, a);
	if (fabs(log(b / a)) < 0.005)
		strbuf_append(&sb, "the same as the baseline");
	else if (a < b)
		strbuf_printf(&sb, "%.1fx faster than the baseline", b / a);
	else
		strbuf_printf(&sb, "%.1fx slower than the baseline", a / b);
	strbuf_printf(&sb, ", of a possible %.1fx (reference %.1f ms): %.0f%% of the way.",
				  b / ref, ref, 100 * r->progress);
	append_guard(&sb, reference, answer, r->guard);
	strbuf_printf(&sb, " Score %.1f, %s (pass at %.1f).", r->score,
				  r->passed ? "passed" : "failed", pass_score);
	return strbuf_steal(&sb);
}
