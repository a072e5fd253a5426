/*
 * verdict.c — the verdict on a graded SQL answer in English (see
 * verdict.h): how its rows differ from the slow query's, or its score with
 * the work and time behind it.  Grading (grading/check.c) fills the numbers;
 * the words are written here, where every renderer (check text and JSON,
 * JUnit, GitHub annotations, grade's summary) takes them from.
 */
#include "report/verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/template.h"
#include "strbuf.h"
#include "numfmt.h"

static void
fmt_count(strbuf *sb, double v)
{
	/* thousands separators keep big buffer counts readable */
	char buf[32];

	strbuf_append(sb, numfmt_count(v, buf));
}

static char *
mismatch_message(const check_result *r)
{
	strbuf sb = STRBUF_INIT;
	char *what = compare_describe(&r->verdict);

	/* the cause it can prove: rounding, seed 1's rows again, or neither */
	if (r->agree_digits > 0)
		strbuf_printf(&sb, "Your answer returns the slow query's rows with other values "
					  "(seed %d): they agree to %d significant digits or more, the comparison "
					  "needs %d. Is something rounded (round(), a cast to real or to a narrower "
					  "numeric)? %s.", r->mismatch_seed, r->agree_digits, COMPARE_FLOAT_DIGITS,
					  what);
	else if (r->mismatch_edge)
		strbuf_printf(&sb, "Your answer returns the same rows as the slow query on both seeds "
					  "but not on the edge case (seed %d plus the drill's boundary rows: exact "
					  "midnights, ties, NULLs, ...): it handles a case the seeds lack differently. "
					  "On the edge case: %s.", TEMPLATE_SEED_MAIN, what);
	else if (r->mismatch_seed == TEMPLATE_SEED_CHECK && r->rows_of_seed1)
		strbuf_printf(&sb, "Your answer returns the same rows as the slow query on seed %d "
					  "but not on seed %d, a database filled from another seed: there it "
					  "returns seed %d's rows again, so it depends on the data it was written "
					  "against (hard-coded values?). On seed %d: %s.", TEMPLATE_SEED_MAIN,
					  TEMPLATE_SEED_CHECK, TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK, what);
	else if (r->mismatch_seed == TEMPLATE_SEED_CHECK)
		strbuf_printf(&sb, "Your answer returns the same rows as the slow query on seed %d "
					  "but not on seed %d, a database filled from another seed: it is not "
					  "equivalent to the slow query, it only happens to agree on seed %d's "
					  "data. On seed %d: %s.", TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK,
					  TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK, what);
	else
		strbuf_printf(&sb, "Your answer returns different rows than the slow query (seed %d): "
					  "%s.", r->mismatch_seed, what);
	if (r->verdict.outcome == COMPARE_ORDER) {
		if (r->missing_row)
			strbuf_printf(&sb, "\nAt row %zu the slow query returns: %s",
						  r->verdict.order_position + 1, r->missing_row);
		if (r->extra_row)
			strbuf_printf(&sb, "\nand your answer returns:          %s", r->extra_row);
	} else {
		if (r->missing_row)
			strbuf_printf(&sb, "\nA row the slow query returns but your answer does not: %s",
						  r->missing_row);
		if (r->extra_row)
			strbuf_printf(&sb, "\nA row your answer returns but the slow query does not: %s",
						  r->extra_row);
	}
	free(what);
	return strbuf_steal(&sb);
}

static char *
measured_message(const check_result *r)
{
	strbuf sb = STRBUF_INIT;
	double ws = r->slow.buffers, wr = r->reference.buffers, wa = r->answer.buffers;

	if (r->status == CHECK_PASS)
		strbuf_printf(&sb, "Pass: score %.1f (a pass needs %.0f).", r->score.score,
					  r->pass_score);
	else
		strbuf_printf(&sb, "Fail: score %.1f (a pass needs %.0f).", r->score.score,
					  r->pass_score);
	if (r->same_as_slow && r->status != CHECK_PASS)
		strbuf_append(&sb, " Your answer is the slow query unchanged (the same parse tree "
					  "but for constants and formatting): it is not faster.");
	else if (wa >= ws * 0.95 && r->status != CHECK_PASS)
		strbuf_append(&sb, " Your answer is not faster: it does as much work as the slow query.");
	strbuf_append(&sb, " Work: your answer touches ");
	fmt_count(&sb, wa);
	strbuf_append(&sb, " buffers; the slow query ");
	fmt_count(&sb, ws);
	strbuf_append(&sb, ", the reference ");
	fmt_count(&sb, wr);
	strbuf_printf(&sb, ". Median time: %.2f ms (slow %.2f ms, reference %.2f ms).",
				  r->answer.time.median, r->slow.time.median, r->reference.time.median);
	if (r->answer.prep_ms > 0)
		strbuf_printf(&sb, " Your preparatory statements took %.1f ms (the reference's %.1f ms); "
					  "1/%.0f of that counts with each run.", r->answer.prep_ms,
					  r->reference.prep_ms, CHECK_AMORTIZE_EXECUTIONS);
	if (r->score.time_guard_applied)
		strbuf_append(&sb, " Your answer touches few buffers but spends far more time than "
					  "the reference, so time lowered the score.");
	return strbuf_steal(&sb);
}

char *
check_report_message(const check_result *r)
{
	if (r->message)
		return xstrdup(r->message);
	if (r->mismatch_seed)
		return mismatch_message(r);
	if (r->measured)
		return measured_message(r);
	if (r->status == CHECK_FAIL && r->err.kind == ERROR_FAILED)
		return xasprintf("Your answer failed to run: %s", r->err.message);
	return xstrdup(r->err.message);
}
