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
 *   the answer is allowed B x the larger of the reference's time and the
 *   time its work progress implies (T_slow x (T_ref/T_slow) ^ p, p the
 *   work progress clamped to [0, 1]), plus a resolution R = 0.5 ms.  B, the
 *   dead band, is 1.5, and 3 for an answer doing at most 5 % more work than
 *   the reference (log-interpolated back to 1.5 at 25 % more): there buffers
 *   and plan already say "as good as the reference" and only a gross excess
 *   of time may overrule them.  The answer's time the guard judges is the
 *   lower of its median and time_low_ms (the reference's median times the
 *   favourable ratio of the answer's rounds paired with the reference's,
 *   stats_paired_ratio).  Beyond the allowance,
 *   penalty = ln((T_ans - R) / (allowed - R)) / span_t
 *   (span_t = ln(T_slow/T_ref), at least ln 1.5) and
 *   score = 100 x (p - max(1, p) x penalty), p the credited work progress.
 *   For answers up to the reference this is exactly 100 x the time progress
 *   of (T_ans - R) / 1.5; credit beyond the reference shrinks in proportion.  Any
 *   answer slower than 1.5 x T_slow + R scores 0.  It is continuous, so
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

#include "strbuf.h"

/* Below this separation by work the drill is graded by time (see docs). */
#define SCORE_DEGENERATE_RATIO 1.5
/* Dead band of the time guard: factor over the time the answer may take. */
#define SCORE_TIME_DEAD_BAND 1.5
/* Near the reference's work the dead band is twice as wide: up to this much
 * more work than the reference it is SCORE_TIME_DEAD_BAND x
 * SCORE_NEAR_BAND_FACTOR, narrowing (log-linearly in work) to the plain band
 * at SCORE_NEAR_WORK_END.  Buffers within a few percent of the reference's
 * (and, in practice, the reference's plan shape) already decide the
 * verdict; the time of sub-10 ms queries on a loaded machine moves by
 * factors, not percents, and must not overrule them. */
#define SCORE_NEAR_WORK 1.05
#define SCORE_NEAR_WORK_END 1.25
#define SCORE_NEAR_BAND_FACTOR 2.0
/* Timing resolution of the guard: an answer's time within this much of the
 * time it is allowed counts as equal to it.  Below half a millisecond a
 * difference is the machine's (a scheduler tick, a page fault, a frequency
 * step, a CREATE INDEX amortised over 100 runs under load), not the plan's;
 * sub-millisecond drills were failed by it on a loaded two-core machine. */
#define SCORE_TIME_RESOLUTION_MS 0.5
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

/* The floored inputs and the quantities both the score and its description
 * need. */
typedef struct score_basis {
	double ws, wr, wa;        /* work, floored */
	double ts, tr, ta;        /* median times, floored */
	double tg;                /* the answer's time the guard judges, floored */
	double band;              /* the guard's dead band for this answer */
	double span_w, span_t;    /* ln(slow/reference) */
	bool degenerate;          /* work cannot separate slow from reference */
	bool time_scaled;         /* time can (ratio >= SCORE_MIN_TIME_RATIO) */
} score_basis;

/* The guard's dead band for an answer doing `w` times the reference's work:
 * continuous and non-increasing in w, so the score stays continuous and
 * monotonic in work. */
static double
dead_band(double w)
{
	double near = log(SCORE_NEAR_WORK), end = log(SCORE_NEAR_WORK_END);
	double lw = log(w);
	double f;

	if (!(lw > near))
		f = SCORE_NEAR_BAND_FACTOR;
	else if (lw >= end)
		f = 1.0;
	else
		f = pow(SCORE_NEAR_BAND_FACTOR, (end - lw) / (end - near));
	return SCORE_TIME_DEAD_BAND * f;
}

static score_basis
basis_of(const score_measure *slow, const score_measure *reference,
		 const score_measure *answer)
{
	score_basis b;

	b.ws = work_of(slow);
	b.wr = work_of(reference);
	b.wa = work_of(answer);
	b.ts = at_least(slow->time_ms, SCORE_MIN_TIME_MS);
	b.tr = at_least(reference->time_ms, SCORE_MIN_TIME_MS);
	b.ta = at_least(answer->time_ms, SCORE_MIN_TIME_MS);
	b.tg = answer->time_low_ms > 0 && answer->time_low_ms < b.ta
		? at_least(answer->time_low_ms, SCORE_MIN_TIME_MS) : b.ta;
	b.band = dead_band(b.wa / b.wr);
	b.span_w = log(b.ws / b.wr);
	b.span_t = log(b.ts / b.tr);
	b.degenerate = b.ws / b.wr < SCORE_DEGENERATE_RATIO;
	b.time_scaled = b.span_t >= log(SCORE_MIN_TIME_RATIO);
	return b;
}

/* The time the answer may take before the guard bites: the dead band over
 * the larger of the reference's time and the time `work_progress` implies
 * on the drill's time scale (log-interpolated between slow and reference).
 * Progress is clamped to [0, 1]: extrapolating beyond the two measured
 * points would raise their timing noise to the power of the progress. */
static double
allowed_time(const score_basis *b, double work_progress)
{
	double implied = b->ts * exp(-clamp(work_progress, 0.0, 1.0) * b->span_t);

	return b->band * (implied > b->tr ? implied : b->tr);
}

score_result
score_compute(const score_measure *slow, const score_measure *reference,
			  const score_measure *answer, double pass_score)
{
	score_result r = {0};
	score_basis b = basis_of(slow, reference, answer);
	double min_span = log(SCORE_MIN_TIME_RATIO);
	double cap = SCORE_MAX / 100.0;
	double progress;

	if (!(pass_score > 0))
		pass_score = SCORE_DEFAULT_PASS;

	r.time_progress = b.time_scaled ? log(b.ts / b.ta) / b.span_t
		: 1.0 + log(b.tr / b.ta) / min_span;

	if (b.degenerate) {
		/* Slow and reference do about the same work: only time separates
		 * them.  Work progress is reported on the anchored scale. */
		r.work_progress = 1.0 + log(b.wr / b.wa) / log(SCORE_DEGENERATE_RATIO);
		progress = clamp(r.time_progress, 0.0, cap);
	} else {
		double excess;

		r.work_progress = log(b.ws / b.wa) / b.span_w;
		progress = clamp(r.work_progress, 0.0, cap);
		r.dead_band = b.band;
		excess = log(at_least(b.tg - SCORE_TIME_RESOLUTION_MS, SCORE_MIN_TIME_MS) /
					 allowed_time(&b, r.work_progress));
		if (excess > 0) {
			double credited = fmin(r.work_progress, cap);
			double penalty = excess / (b.time_scaled ? b.span_t : min_span);
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

/* "11.0x less" / "1.5x more" / "the same" for a ratio from / to. */
static void
append_factor(strbuf *sb, double from, double to, const char *what)
{
	double f = from / to;

	if (fabs(log(f)) < 0.005)
		strbuf_printf(sb, "the same %s as", what);
	else if (f > 1)
		strbuf_printf(sb, "%.1fx less %s than", f, what);
	else
		strbuf_printf(sb, "%.1fx more %s than", 1 / f, what);
}

char *
score_describe(const score_measure *slow, const score_measure *reference,
			   const score_measure *answer, const score_result *r, double pass_score)
{
	strbuf sb = STRBUF_INIT;
	score_basis b = basis_of(slow, reference, answer);

	if (!(pass_score > 0))
		pass_score = SCORE_DEFAULT_PASS;
	if (b.degenerate) {
		strbuf_printf(&sb, "The reference does about the same work as the slow query "
					  "(%.0f vs %.0f buffers), so time decides: %.1f ms against %.1f ms "
					  "(slow) and %.1f ms (reference), %.0f%% of the way.",
					  b.wr, b.ws, b.ta, b.ts, b.tr, 100 * r->time_progress);
	} else {
		strbuf_printf(&sb, "%.0f buffers: ", b.wa);
		append_factor(&sb, b.ws, b.wa, "work");
		strbuf_printf(&sb, " the slow query (%.0f), of a possible %.1fx (reference %.0f): "
					  "%.0f%% of the way.", b.ws, b.ws / b.wr, b.wr,
					  100 * r->work_progress);
		if (r->time_guard_applied)
			strbuf_printf(&sb, " Time guard: its %s, %.1f ms, is beyond the "
						  "%.1f ms allowed for that much work, which lowers the score.",
						  b.tg < b.ta ? "time as its runs paired with the reference's "
						  "show it" : "median time",
						  b.tg, allowed_time(&b, r->work_progress) + SCORE_TIME_RESOLUTION_MS);
	}
	strbuf_printf(&sb, " Score %.1f, %s (pass at %.1f).", r->score,
				  r->passed ? "passed" : "failed", pass_score);
	return strbuf_steal(&sb);
}
