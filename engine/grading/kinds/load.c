/*
 * load.c — the "load" drill kind: latency under concurrency.  The drill's
 * endpoints are pgbench scripts run open-loop against scratch clones; the
 * answer is one SQL file with setup statements, replacement statements and
 * pool settings (scoring/load/workload.h); the verdict compares the p95 of
 * the drill as shipped, its reference and the answer, measured side by side
 * (grading/load_check.h).  docs/load.md is the learner's and author's page.
 * Registered in kinds.c.
 */
#include "grading/kinds/kind.h"

#include <stdlib.h>
#include <string.h>

#include "grading/kinds/sql_answer.h"
#include "grading/load_check.h"
#include "grading/load_report.h"
#include "grading/load_spec.h"
#include "grading/order_check.h"
#include "learner/workspace.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "load/workload.h"
#include "sandbox/scratch.h"
#include "sandbox/template.h"
#include "sql/script.h"
#include "sql/sql.h"
#include "strbuf.h"

static void
free_spec(void *p)
{
	load_spec_free(p);
	free(p);
}

static bool
load(drill *d, error *err)
{
	load_spec *spec = xcalloc(1, sizeof *spec);

	if (!load_spec_read(d->dir, d->allow, spec, err)) {
		free(spec);
		return false;
	}
	d->kind_data = spec;
	d->kind_data_free = free_spec;
	if (d->allow == 0)
		d->allow = SQL_ALLOW_SELECT | SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS |
			SQL_ALLOW_ANALYZE;
	if (d->n_references == 0)
		return error_set(err, ERROR_USAGE, "drill %s: no reference solution (reference.sql)",
						 d->id);
	return true;
}

struct kind_grader {
	kind_env *env;
	const drill *d;
	const fixture *f;
	const check_options *o;
};

static kind_grader *
prepare(kind_env *env, const drill *d, const fixture *f, const check_options *o, error *err)
{
	kind_grader *g;
	server *s;

	if (!kind_env_server(env, &s, err))
		return NULL;
	g = xcalloc(1, sizeof *g);
	*g = (kind_grader) {env, d, f, o};
	return g;
}

static cJSON *
detail_json(const drill *d, const void *detail, const char *answer_file)
{
	return load_report_json(d, detail, answer_file);
}

static char *
detail_text(const drill *d, const void *detail, bool color, const char *program)
{
	(void) program;
	return load_report_text(d, detail, color);
}

static void
detail_free(void *detail)
{
	load_check_result_release(detail);
	free(detail);
}

static const check_detail_ops load_detail = {detail_json, detail_text, detail_free};

static void
grade(kind_grader *g, const char *answer, size_t len, check_result *r)
{
	load_check_result *lr = xcalloc(1, sizeof *lr);
	load_check_options lo = {0, g->o->prog};
	server *s;
	error err = {0};

	if (!kind_env_server(g->env, &s, &err)) {
		free(lr);
		check_result_ungraded(r, CHECK_ERROR, &err, g->d->pass_score);
		return;
	}
	load_check_run(s, g->d, g->f, g->d->kind_data, answer, len, &lo, lr);
	memset(r, 0, sizeof *r);
	r->status = lr->status;
	r->mismatch_seed = lr->mismatch_seed;
	r->verdict = lr->verdict;
	r->ordered = lr->ordered;
	r->err = lr->err;
	r->pass_score = lr->pass_score;
	r->measured = lr->measured;
	r->score.score = lr->score.score;
	r->score.passed = lr->score.passed;
	r->message = xstrdup(lr->message ? lr->message : "");
	r->detail_ops = &load_detail;
	r->detail = lr;
}

static void
finish(kind_grader *g)
{
	free(g);
}

/* The workload in a few lines, for show and start. */
static char *
workload_text(const drill *d)
{
	const load_spec *sp = d->kind_data;
	strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "Workload: %d clients, %.0f requests/s open loop (pgbench --rate), "
				  "%d round%s of %d s per variant%s.\nEndpoints:\n", sp->clients, sp->rate,
				  sp->rounds, sp->rounds == 1 ? "" : "s", sp->duration_s,
				  sp->connect_each ? ", a new connection per request" : "");
	for (size_t i = 0; i < sp->n_endpoints; i++) {
		const load_script *s = &sp->endpoints[i].script;

		strbuf_printf(&sb, "  %s (weight %d%s):\n", sp->endpoints[i].name,
					  sp->endpoints[i].weight, s->transaction ? ", one transaction" : "");
		for (size_t k = 0; k < s->n_stmts; k++) {
			if (s->stmts[k].sleep_before_us > 0)
				strbuf_printf(&sb, "    \\sleep %.1f ms  (the application's time)\n",
							  s->stmts[k].sleep_before_us / 1000.0);
			if (s->stmts[k].name)
				strbuf_printf(&sb, "    -- pgdrill: %s %s\n", s->stmts[k].group > 1 ? "group"
							  : "name", s->stmts[k].name);
			strbuf_printf(&sb, "    %s;\n", s->stmts[k].text);
		}
		if (s->sleep_end_us > 0)
			strbuf_printf(&sb, "    \\sleep %.1f ms  (the application's time)\n",
						  s->sleep_end_us / 1000.0);
	}
	strbuf_append(&sb, "\nAnswer: setup statements first; \"-- pgdrill: replace NAME\" then one "
				  "SELECT replaces a named statement (or every statement of a group)");
	if (sp->writes)
		strbuf_printf(&sb, " (a write by one %s, on the drill's writable tables or a table "
					  "your setup creates; the state check %s must read the same rows "
					  "after the same requests)",
					  sp->write_allow == (SQL_ALLOW_INSERT | SQL_ALLOW_UPDATE) ? "INSERT or UPDATE"
					  : sp->write_allow & SQL_ALLOW_INSERT ? "INSERT" : "UPDATE",
					  sp->state_check[0]);
	if (sp->pool_allowed)
		strbuf_append(&sb, "; \"-- pgdrill: pool pool_mode=transaction pool_size=N\" puts "
					  "PgBouncer in front");
	strbuf_append(&sb, " (docs/load.md).\n");
	return strbuf_steal(&sb);
}

static bool
describe(const drill *d, const fixture *f, const slow_plan *sp, bool color,
		 const char *program, kind_description *out, error *err)
{
	/* the plan of one request (slow.sql), as for the SQL kinds */
	if (!sql_answer_describe(d, f, sp, color, program, out, err))
		return false;
	out->task_text = workload_text(d);
	return true;
}

static bool
start(kind_env *env, const drill *d, const fixture *f, double scale, bool color,
	  kind_description *out, error *err)
{
	const load_spec *sp = d->kind_data;
	strbuf sb = STRBUF_INIT;

	(void) env;
	(void) f;
	(void) scale;
	(void) color;
	strbuf_printf(&sb, "-- pgdrill answer for load drill %s: %s\n"
				  "-- Setup statements (CREATE INDEX ...) go here, first.\n\n"
				  "-- To replace a named endpoint statement, uncomment and edit:\n", d->id,
				  d->title);
	for (size_t i = 0; i < sp->n_endpoints; i++)
		for (size_t k = 0; k < sp->endpoints[i].script.n_stmts; k++)
			if (sp->endpoints[i].script.stmts[k].name)
				strbuf_printf(&sb, "-- -- pgdrill: replace %s\n",
							  sp->endpoints[i].script.stmts[k].name);
	if (sp->pool_allowed)
		strbuf_append(&sb, "\n-- Pool settings (PgBouncer), uncomment to use:\n"
					  "-- -- pgdrill: pool pool_mode=transaction pool_size=4\n");
	strbuf_printf(&sb, "\n-- then run: pgdrill check %s\n", d->id);
	out->task_text = workload_text(d);
	out->answer_new = "it starts with no change (the drill as shipped)";
	out->answer_file = workspace_init_text(d, sb.data, &out->answer_created, err);
	strbuf_free(&sb);
	return out->answer_file != NULL;
}

/* Whether `sql` holds at least one statement (not only comments). */
static bool
has_statement(const char *sql)
{
	size_t n = 0;
	error ignored = {0};
	sql_span *spans = sql_split(sql, strlen(sql), &n, &ignored);

	free(spans);
	return n > 0 || ignored.kind != ERROR_NONE;   /* a syntax error is something */
}

/* Endpoint scripts still holding the scaffold's placeholder. */
static void
verify_endpoints(verify_report *r, const drill *d, const load_spec *sp)
{
	for (size_t i = 0; i < sp->n_endpoints; i++) {
		char *path = paths_join(d->dir, sp->endpoints[i].file);
		error ignored = {0};
		size_t len;
		char *text = fileio_read(path, 1 << 16, &len, &ignored);

		if (text && strstr(text, VERIFY_PLACEHOLDER))
			verify_problem(r, "%s: still the scaffold: write the endpoint's statements as the "
						   "application sends them (\\set parameters, \"-- pgdrill: name\" "
						   "before what an answer may replace; docs/load.md)",
						   sp->endpoints[i].file);
		free(text);
		free(path);
	}
}

/* Every reference file read and checked like an answer; one that changes
 * nothing is the drill as shipped. */
static void
verify_static(verify_report *r, const drill *d)
{
	const load_spec *sp = d->kind_data;
	load_script scripts[LOAD_MAX_ENDPOINTS];

	verify_endpoints(r, d, sp);
	for (size_t i = 0; i < sp->n_endpoints; i++)
		scripts[i] = sp->endpoints[i].script;
	for (size_t i = 0; i < d->n_references; i++) {
		load_answer a;
		load_rules rules = load_spec_rules(sp, d->allow);
		error err = {0};

		if (!load_answer_parse(d->references[i], strlen(d->references[i]), &a, &err) ||
			!load_answer_check(&a, scripts, sp->n_endpoints, &rules, &err))
			verify_problem(r, "%s: %s", d->reference_files[i], err.message);
		else if (a.n_repl == 0 && a.pool.mode == LOAD_POOL_NONE && !has_statement(a.setup))
			verify_problem(r, "%s: changes nothing (no setup statement, no \"-- pgdrill: "
						   "replace NAME\", no pool): it is the drill as shipped",
						   d->reference_files[i]);
		load_answer_free(&a);
	}
}

/* The static order check (grading/order_check.h) of slow.sql and of every
 * endpoint statement, its parameters at their lower bounds (the values of
 * the first row comparison), on a clone of seed 1 for the catalog. */
static bool
order_check_load(server *s, verify_report *r, const drill *d, const fixture *f,
				 const load_spec *sp, const verify_options *o, error *err)
{
	double scale = fixture_scale(f, sp->scale > 0 ? sp->scale : r->scale);
	char *db = template_clone(s, f, TEMPLATE_SEED_MAIN, scale, o->prog, err);
	size_t n = 1, cap = 1;
	char **labels, **texts;
	bool ok;

	if (db == NULL)
		return false;
	for (size_t e = 0; e < sp->n_endpoints; e++)
		cap += sp->endpoints[e].script.n_stmts;
	labels = xcalloc(cap, sizeof(char *));
	texts = xcalloc(cap, sizeof(char *));
	labels[0] = xstrdup("slow.sql");
	texts[0] = xstrdup(d->slow_sql);
	for (size_t e = 0; e < sp->n_endpoints; e++) {
		const load_script *sc = &sp->endpoints[e].script;
		long long *values = xcalloc(sc->n_vars + 1, sizeof(long long));

		load_sample_values(sc->vars, sc->n_vars, 0, values);
		for (size_t i = 0; i < sc->n_stmts; i++, n++) {
			labels[n] = sc->stmts[i].name ?
				xasprintf("%s (statement %s)", sp->endpoints[e].file, sc->stmts[i].name) :
				xasprintf("%s (statement %zu)", sp->endpoints[e].file, i + 1);
			texts[n] = load_substitute(sc->stmts[i].text, sc->vars, sc->n_vars, values);
		}
		free(values);
	}
	ok = order_check_texts(s, db, (const char *const *) labels, (const char *const *) texts,
						   n, r, err);
	{
		error ignored;

		scratch_drop(s, db, &ignored);
	}
	for (size_t i = 0; i < n; i++) {
		free(labels[i]);
		free(texts[i]);
	}
	free(labels);
	free(texts);
	free(db);
	return ok;
}

/* The reference, graded as an answer, must cut the median of the rounds'
 * p95 by the drill's target and beat the baseline in every round (with the
 * guards passing); the drill as shipped, graded as an answer, must fail.
 * The median, not every round, meets the target: a round of a few seconds
 * is one sample of a noisy p95 (a CI run saw one round at 49 % of a 50 %
 * target while the median cut was 60 %), and the learner's grade is read
 * from the same median. */
static bool
verify_db(server *s, verify_report *r, const drill *d, const fixture *f,
		  const verify_options *o, plan **plan_seen, error *err)
{
	const load_spec *sp = d->kind_data;
	load_check_options lo = {0, o->prog};
	load_check_result res;

	(void) plan_seen;
	(void) err;
	load_check_run(s, d, f, sp, d->references[0], strlen(d->references[0]), &lo, &res);
	if (res.status == CHECK_ERROR && (res.err.kind == ERROR_ENV ||
									  res.err.kind == ERROR_INTERNAL)) {
		*err = res.err;
		load_check_result_release(&res);
		return false;
	}
	if (!res.measured)
		verify_problem(r, "the reference could not be measured: %s", res.message);
	if (res.measured) {
		double base = res.v[LOAD_BASELINE].measure.p95_ms;
		double ref = res.v[LOAD_REFERENCE].measure.p95_ms;

		if (ref > (1 - sp->target_cut) * base)
			verify_problem(r, "the reference's median p95 (%.2f ms) is not %.0f%% below "
						   "the baseline's (%.2f ms)", ref, 100 * sp->target_cut, base);
	}
	for (int k = 0; res.measured && k < res.rounds; k++) {
		double base = res.v[LOAD_BASELINE].round_p95_ms[k];
		double ref = res.v[LOAD_REFERENCE].round_p95_ms[k];

		if (ref >= base)
			verify_problem(r, "round %d: the reference's p95 (%.2f ms) is not below "
						   "the baseline's (%.2f ms)", k + 1, ref, base);
	}
	if (res.measured && res.score.guard != LOAD_GUARD_NONE)
		verify_problem(r, "the reference trips a guard: %s", res.message);
	if (!order_check_load(s, r, d, f, sp, o, err)) {
		load_check_result_release(&res);
		return false;
	}
	verify_note(r, xasprintf("load check of the reference: %.0f s wall, p95 %.2f -> %.2f ms",
							 res.wall_s, res.v[LOAD_BASELINE].measure.p95_ms,
							 res.v[LOAD_REFERENCE].measure.p95_ms));
	load_check_result_release(&res);
	return true;
}

/* A complete load drill that loads and runs: one endpoint, one named
 * statement, a workload of the shipped drills' size; verify names every
 * placeholder left. */
static void
scaffold(kind_scaffold *sc)
{
	kind_scaffold_add(sc, "reference.sql", xasprintf(
		"-- " VERIFY_PLACEHOLDER ": the reference answer, in the learner's answer format\n"
		"-- (docs/load.md): setup statements (CREATE INDEX ..., as \"allow\" permits),\n"
		"-- then \"-- pgdrill: replace NAME\" and one SELECT returning the same rows as\n"
		"-- the named statement, then \"-- pgdrill: pool pool_mode=transaction\n"
		"-- pool_size=N\" if drill.json's \"load\" sets \"pool_allowed\".  `author verify`\n"
		"-- runs it under load: it must cut the median p95 by \"target_cut\".\n"
		"-- pgdrill: replace request\n"
		"SELECT :id AS id;\n"));
	kind_scaffold_add(sc, "endpoints/request.sql", xasprintf(
		"-- " VERIFY_PLACEHOLDER ": one endpoint, as the application sends it (a pgbench\n"
		"-- script, docs/load.md): \\set NAME random(LO, HI) parameters, then SELECTs;\n"
		"-- \"-- pgdrill: name NAME\" before a statement an answer may replace,\n"
		"-- \"-- pgdrill: group NAME\" before the N queries of an N+1.  More endpoints:\n"
		"-- more files, listed in drill.json's \"load\".\"endpoints\" with weights.\n"
		"\\set id random(1, 1000)\n"
		"-- pgdrill: name request\n"
		"SELECT :id AS id;\n"));
}

static double
recorded_score(const check_result *r)
{
	return r->measured ? r->score.score : -1;
}

const drill_kind_ops kind_load = {
	.name = "load",
	.answer_ext = ".sql",
	.scaffold_allow = "[\"select\", \"create_index\", \"create_statistics\", \"analyze\"]",
	.scaffold_task = " to cut the API's p95 under concurrency (the workload is drill.json's "
		"\"load\" object and endpoints/*.sql; docs/load.md)",
	.scaffold_json = ",\n"
		"  \"load\": {\n"
		"    \"endpoints\": [\n"
		"      {\"name\": \"request\", \"script\": \"endpoints/request.sql\", \"weight\": 1}\n"
		"    ],\n"
		"    \"clients\": 4,\n"
		"    \"threads\": 2,\n"
		"    \"rate\": 30,\n"
		"    \"duration_s\": 2,\n"
		"    \"rounds\": 3,\n"
		"    \"scale\": 0,\n"
		"    \"target_cut\": 0.5\n"
		"  }",
	.own_references = true,
	.load = load,
	.answer_path = sql_answer_path,
	.refuse = kind_refuse_nothing,   /* endpoint scripts: checked in grade */
	.prepare = prepare,
	.grade = grade,
	.finish = finish,
	.describe = describe,
	.start = start,
	.verify_static = verify_static,
	.verify_db = verify_db,
	.scaffold = scaffold,
	.recorded_score = recorded_score,
};
