/*
 * score.c — the score: how far the answer went from the slow query to the
 * reference (see score.h; the formula and its reasons are in
 * docs/scoring.md, keep the two in step).
 *
 *   W = buffers + extra_buffers, floored at 1; T = median time, floored at
 *   1 µs.
 *   work_progress = ln(W_slow / W_ans) / ln(W_slow / W_ref)
 *   time_progress = ln(T_slow / T_ans) / ln(T_slow / T_ref), or, when the
 *                   reference is not 1.5x faster than the slow query,
 *                   1 + ln(T_ref / T_ans) / ln 1.5 (anchored at the
 *                   reference, a fixed minimal span).
 *   score = 100 x min(work_progress, SCORE_MAX/100), then the time guard:
 *   the answer is allowed 1.5x the larger of the reference's time and the
 *   time its work progress implies (T_slow x (T_ref/T_slow) ^
 *   work_progress).  Beyond that, penalty = ln(T_ans / allowed) / span_t
 *   (span_t = ln(T_slow/T_ref), at least ln 1.5) and
 *   score = 100 x (p - max(1, p) x penalty), p the credited work progress.
 *   For answers up to the reference this is exactly 100 x the time progress
 *   of T_ans / 1.5; credit beyond the reference shrinks in proportion.  Any
 *   answer 1.5x slower than the slow query scores 0.  It is continuous, so
 *   noise at the edge of the dead band moves the score a little, never by a
 *   jump, and it never raises a score.
 *   Degenerate drill (W_slow / W_ref < 1.5): score = 100 x time_progress.
 *   Clamped to [0, SCORE_MAX], rounded to 0.1; passed = score >= pass.
 *
 * It does not measure, and it does not judge correctness (compare.c does):
 * a wrong answer is failed before it is scored.  Pure.
 */
#include "score.h"

#include <math.h>

/* Below this separation by work the drill is graded by time (see docs). */
#define SCORE_DEGENERATE_RATIO 1.5
/* Dead band of the time guard: factor over the time the answer may take. */
#define SCORE_TIME_DEAD_BAND 1.5
/* The smallest span of time used as a yardstick (a factor of 1.5). */
#define SCORE_MIN_TIME_RATIO 1.5
/* Floors that keep logarithms finite: one buffer, one microsecond. */
#define SCORE_MIN_WORK 1.0
#define SCORE_MIN_TIME_MS 0.001

/* x, or the floor when x is below it or not a number. */
static double
at_least(double x, double floor)
{
	return x > floor ? x : floor;
}

static double
clamp(double x, double lo, double hi)
{
	if (!(x > lo))
		return lo;
	return x < hi ? x : hi;
}

static double
work_of(const score_measure *m)
{
	double extra = m->extra_buffers > 0 ? m->extra_buffers : 0.0;

	return at_least((m->buffers > 0 ? m->buffers : 0.0) + extra, SCORE_MIN_WORK);
}

score_result
score_compute(const score_measure *slow, const score_measure *reference,
			  const score_measure *answer, double pass_score)
{
	score_result r = {0};
	double ws = work_of(slow), wr = work_of(reference), wa = work_of(answer);
	double ts = at_least(slow->time_ms, SCORE_MIN_TIME_MS);
	double tr = at_least(reference->time_ms, SCORE_MIN_TIME_MS);
	double ta = at_least(answer->time_ms, SCORE_MIN_TIME_MS);
	double span_w = log(ws / wr), span_t = log(ts / tr);
	double min_span = log(SCORE_MIN_TIME_RATIO);
	bool time_scaled = span_t >= min_span;
	double cap = SCORE_MAX / 100.0;
	double progress;

	if (!(pass_score > 0))
		pass_score = SCORE_DEFAULT_PASS;

	r.time_progress = time_scaled ? log(ts / ta) / span_t : 1.0 + log(tr / ta) / min_span;

	if (ws / wr < SCORE_DEGENERATE_RATIO) {
		/* Slow and reference do about the same work: only time separates
		 * them.  Work progress is reported on the anchored scale. */
		r.work_progress = 1.0 + log(wr / wa) / log(SCORE_DEGENERATE_RATIO);
		progress = clamp(r.time_progress, 0.0, cap);
	} else {
		double implied, allowed, excess;

		r.work_progress = log(ws / wa) / span_w;
		progress = clamp(r.work_progress, 0.0, cap);
		/* The time this much work progress implies on the drill's time
		 * scale (log-interpolated between slow and reference). */
		implied = ts * exp(-r.work_progress * span_t);
		allowed = SCORE_TIME_DEAD_BAND * (implied > tr ? implied : tr);
		excess = log(ta / allowed);
		if (excess > 0) {
			double credited = fmin(r.work_progress, cap);
			double penalty = excess / (time_scaled ? span_t : min_span);
			double guarded = clamp(credited - fmax(1.0, credited) * penalty, 0.0, cap);

			if (guarded < progress) {
				progress = guarded;
				r.time_guard_applied = true;
			}
		}
	}
	r.score = clamp(round(progress * 1000.0) / 10.0, 0.0, SCORE_MAX);
	r.passed = r.score >= pass_score;
	return r;
}
