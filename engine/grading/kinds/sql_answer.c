/*
 * sql_answer.c — the operations of the SQL-answer kinds (see sql_answer.h):
 * grading through check.c's prepared context, the workspace answer file,
 * and verification that grades every reference as an answer (rows, work,
 * time).
 */
#include "grading/kinds/sql_answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "learner/workspace.h"
#include "plan/render.h"
#include "sandbox/template.h"
#include "sql/sql.h"
#include "strbuf.h"

bool
sql_answer_load(drill *d, unsigned default_allow, error *err)
{
	if (d->n_references == 0)
		return error_set(err, ERROR_USAGE, "drill %s: no reference solution (reference.sql)",
						 d->id);
	if (d->allow == 0)
		d->allow = default_allow;
	return true;
}

char *
sql_answer_path(const char *drill_id, error *err)
{
	return workspace_answer_path(drill_id, err);
}

kind_grader *
sql_answer_prepare(kind_env *env, const drill *d, const fixture *f, const check_options *o,
				   error *err)
{
	server *s;

	if (!kind_env_server(env, &s, err))
		return NULL;
	return (kind_grader *) check_prepare(s, d, f, o, err);
}

void
sql_answer_grade(kind_grader *g, const char *answer, size_t len, check_result *r)
{
	check_answer((check_context *) g, answer, len, r);
}

void
sql_answer_finish(kind_grader *g)
{
	check_context_free((check_context *) g);
}

bool
sql_answer_describe(const drill *d, const fixture *f, const slow_plan *sp, bool color,
					const char *program, kind_description *out, error *err)
{
	(void) d;
	(void) program;
	(void) f;
	(void) err;
	if (sp->plan)
		out->plan_text = plan_render(sp->plan, color, 0);
	return true;
}

bool
sql_answer_start(kind_env *env, const drill *d, const fixture *f, double scale, bool color,
				 kind_description *out, error *err)
{
	(void) env;
	(void) f;
	(void) scale;
	(void) color;
	out->answer_new = "it starts as the slow query";
	out->answer_file = workspace_init(d, &out->answer_created, err);
	return out->answer_file != NULL;
}

void
sql_answer_verify_static(verify_report *r, const drill *d)
{
	/* slow.sql and every reference are checked against "allow" by
	 * verify.c for every kind; nothing more is the SQL kinds' own */
	(void) r;
	(void) d;
}

double
sql_answer_recorded_score(const check_result *r)
{
	return r->measured ? r->score.score : -1;
}

void
sql_answer_scaffold(kind_scaffold *sc, const char *note)
{
	kind_scaffold_add(sc, "reference.sql", xasprintf(
		"-- " VERIFY_PLACEHOLDER ": the reference solution: the same rows as slow.sql on\n"
		"-- every seed, at least 5x less work (buffers).%s\n"
		"SELECT 1;\n", note));
}

static double
amortised_work(const measured *m)
{
	return m->buffers + m->prep_pages / CHECK_AMORTIZE_EXECUTIONS;
}

static double
amortised_ms(const measured *m)
{
	return m->time.median + m->prep_ms / CHECK_AMORTIZE_EXECUTIONS;
}

/* Judge one reference graded as an answer. */
static void
judge_reference(verify_report *r, const drill *d, size_t i, const check_result *cr)
{
	const char *file = d->reference_files[i];

	if (cr->status == CHECK_REJECTED) {
		verify_problem(r, "%s: %s", file, cr->err.message);
		return;
	}
	if (cr->mismatch_seed) {
		char *what = compare_describe(&cr->verdict);
		char on[32];


		if (cr->mismatch_edge)
			snprintf(on, sizeof on, "the edge case");
		else
			snprintf(on, sizeof on, "seed %d", cr->mismatch_seed);
		char rounded[160] = "";

		/* the cause it can prove, as check says it to a learner */
		if (cr->agree_digits > 0)
			snprintf(rounded, sizeof rounded, "; the values agree to %d significant digits, "
					 "the comparison needs %d: is something rounded?", cr->agree_digits,
					 COMPARE_FLOAT_DIGITS);
		verify_problem(r, "%s returns other rows than slow.sql on %s: %s%s%s%s%s%s", file, on,
				what, cr->missing_row ? "; slow.sql has " : "", cr->missing_row ? cr->missing_row : "",
				cr->extra_row ? "; the reference has " : "", cr->extra_row ? cr->extra_row : "",
				rounded);
		free(what);
		return;
	}
	if (!cr->measured) {
		verify_problem(r, "%s failed to run: %s", file, cr->message ? cr->message : cr->err.message);
		return;
	}
	{
		verify_measure *m;
		double ws = amortised_work(&cr->slow), wa = amortised_work(&cr->answer);
		double ts = amortised_ms(&cr->slow), ta = amortised_ms(&cr->answer);

		r->measures = xrealloc(r->measures, (r->n_measures + 1) * sizeof *r->measures);
		m = &r->measures[r->n_measures++];
		m->file = xstrdup(file);
		m->slow_buffers = ws;
		m->buffers = wa;
		m->slow_ms = ts;
		m->ms = ta;
		if (wa * VERIFY_MIN_WORK_RATIO > ws)
			verify_problem(r, "%s is not %.0fx less work than slow.sql: %.0f buffers vs %.0f (%.1fx) "
					"at scale %g", file, VERIFY_MIN_WORK_RATIO, wa, ws,
					wa > 0 ? ws / wa : 0, r->scale);
		if (ta >= ts)
			verify_problem(r, "%s is not faster than slow.sql: median %.2f ms vs %.2f ms at scale %g",
					file, ta, ts, r->scale);
		/* what a learner who submits it gets: the promise that every
		 * shipped reference passes `check` is kept here, for every drill
		 * (test_check grades one per kind through the binary) */
		if (cr->status != CHECK_PASS)
			verify_problem(r, "%s does not pass check: score %.1f, the drill passes at %.0f "
					"(at scale %g)", file, cr->score.score, cr->pass_score, r->scale);
	}
}

/* A line from the mutation step: a problem or a note (owned). */
static void
verify_line(void *owner, bool is_problem, char *line)
{
	verify_report *r = owner;

	if (is_problem) {
		verify_problem(r, "%s", line);
		free(line);
	} else
		verify_note(r, line);
}

/* Graded drills: rows, emptiness, work and time through the grading engine.
 * Keeps the slow query's plan (per-node timing run) for the rebuild check.
 * False only on environment failure. */
bool
sql_answer_verify_db(server *s, verify_report *r, const drill *d, const fixture *f,
			 const verify_options *o, plan **plan_seen, error *err)
{
	check_options co = {.runs = o->runs > 0 ? o->runs : CHECK_DEFAULT_RUNS, .scale = r->scale,
		.prog = o->prog};
	check_context *ctx = check_prepare(s, d, f, &co, err);

	if (ctx == NULL) {
		if (err->kind == ERROR_USAGE) {
			verify_problem_from(r, d->dir, d->id, err);
			error_clear(err);
			return true;
		}
		return false;
	}
	r->graded = true;
	for (int i = 0; i < 2; i++)
		r->slow_rows[i] = check_context_slow_rows(ctx, i);
	for (int i = 0; i < 2; i++)
		if (r->slow_rows[i] == 0)
			verify_problem(r, "slow.sql returns no rows on seed %d%s: identical empty results "
					"prove nothing; change the query or the fixture",
					i == 0 ? TEMPLATE_SEED_MAIN : TEMPLATE_SEED_CHECK,
					/* the classic cause: one NULL in the subquery makes NOT IN
					 * unknown for every row */
					r->slow_rows[1 - i] > 0 && (strstr(d->slow_sql, "NOT IN") ||
												strstr(d->slow_sql, "not in"))
					? " but some on the other (NOT IN over a subquery with a NULL on "
					"this seed is never true; NOT EXISTS is)" : "");
	if (r->slow_rows[0] > 0 && r->slow_rows[1] > 0 && !check_context_seeds_differ(ctx))
		verify_problem(r, "slow.sql returns the same rows on seed %d and seed %d: an answer that "
				"hard-codes them, or a constant for a computed column, would pass; make the "
				"result depend on the seed (docs/fixture-format.md: what depends on it)",
				TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK);
	for (size_t i = 0; i < d->n_references; i++) {
		check_result cr;

		progress_say(o->prog, "%s: grading %s as an answer", d->id, d->reference_files[i]);
		check_answer(ctx, d->references[i], strlen(d->references[i]), &cr);
		if (cr.status == CHECK_ERROR && cr.err.kind != ERROR_USAGE &&
			cr.err.kind != ERROR_FAILED) {
			*err = cr.err;
			check_result_release(&cr);
			check_context_free(ctx);
			return false;
		}
		judge_reference(r, d, i, &cr);
		if (*plan_seen == NULL && cr.slow.plan) {
			*plan_seen = cr.slow.plan;
			cr.slow.plan = NULL;
		}
		check_result_release(&cr);
	}
	if (o->mutants && !mutants_verify(s, ctx, d, o->prog, verify_line, r, &r->mutation, err)) {
		check_context_free(ctx);
		return false;
	}
	check_context_free(ctx);
	return true;
}

