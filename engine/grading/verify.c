/*
 * verify.c — proving a drill sound (see verify.h for the checks).
 *
 * The database checks reuse the grading engine rather than a copy of it:
 * check_prepare runs slow.sql on both seeds, and each reference is graded
 * by check_answer as if a learner had submitted it, which compares its rows
 * on both seeds and measures slow query, reference and it interleaved.
 * Problems are data (lines in the report); only a failing environment is an
 * error.
 */
#include "grading/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "grading/check.h"
#include "grading/determinism.h"
#include "os/clock.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "os/paths.h"
#include "grading/quiz.h"
#include "sandbox/slow_plan.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "sandbox/template.h"

static void
add_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof(char *));
	(*lines)[(*n)++] = line;
}

static void
problem(verify_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(verify_report *r, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	/* one line per problem */
	for (char *p = sb.data; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	add_line(&r->problems, &r->n_problems, strbuf_steal(&sb));
}

/* An error message about a drill file, without the drill's folder path or
 * the "drill ID: " prefix (the CLI prints the id first). */
static void
problem_from(verify_report *r, const char *dir, const char *id, const error *err)
{
	strbuf sb = STRBUF_INIT;
	char *prefix = xasprintf("drill %s: ", id);
	char *dirslash = xasprintf("%s/", dir);
	const char *m = err->message;

	if (strncmp(m, prefix, strlen(prefix)) == 0)
		m += strlen(prefix);
	for (const char *p = m; *p;) {
		if (strncmp(p, dirslash, strlen(dirslash)) == 0) {
			p += strlen(dirslash);
			continue;
		}
		strbuf_append_char(&sb, *p++);
	}
	if (err->detail[0] && strchr(err->detail, '\n') == NULL)
		strbuf_printf(&sb, " (%s)", err->detail);
	problem(r, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	free(prefix);
	free(dirslash);
}

/* 1-based line of a 1-based byte position. */
static int
line_of(const char *text, int position)
{
	int line = 1;

	for (int i = 0; text[i] && i < position - 1; i++)
		line += text[i] == '\n';
	return line;
}

/* Does the SQL parse and obey `allow`? */
static void
check_sql(verify_report *r, const char *file, const char *text, unsigned allow)
{
	error err = {0};
	sql_script *sc = sql_analyze(text, strlen(text), allow, &err);

	if (sc == NULL) {
		if (err.position > 0)
			problem(r, "%s line %d: %s", file, line_of(text, err.position), err.message);
		else
			problem(r, "%s: %s", file, err.message);
	}
	sql_script_free(sc);
}

/* What each file of a fresh scaffold still needs. */
static void
check_placeholders(verify_report *r, const drill *d)
{
	if (strstr(d->title, VERIFY_PLACEHOLDER))
		problem(r, "drill.json: still the scaffold's title: write what the learner will do");
	if (strstr(d->prompt, VERIFY_PLACEHOLDER))
		problem(r, "prompt.md: still the scaffold: write the task the learner sees");
	if (strstr(d->slow_sql, VERIFY_PLACEHOLDER))
		problem(r, "slow.sql: still the scaffold: write the slow query the learner starts from");
	for (size_t i = 0; i < d->n_references; i++)
		if (strstr(d->references[i], VERIFY_PLACEHOLDER))
			problem(r, "%s: still the scaffold: write a fast query returning the same rows",
					d->reference_files[i]);
	for (size_t i = 0; i < d->n_concepts; i++)
		if (strstr(d->concepts[i], VERIFY_PLACEHOLDER))
			problem(r, "drill.json: \"concepts\" is still the scaffold's: name the concepts "
					"this drill teaches (ids from drills/concepts.json)");
	if (d->kind == DRILL_PLAN_READING) {
		char *path = paths_join(d->dir, "questions.json");
		size_t len;
		error ignored;
		char *text = fileio_exists(path) ? fileio_read(path, 1024 * 1024, &len, &ignored) : NULL;

		if (text && strstr(text, VERIFY_PLACEHOLDER))
			problem(r, "questions.json: still the scaffold: write questions about the plan, "
					"each with its answer and explanation");
		free(text);
		free(path);
	}
	for (size_t i = 0; i < d->n_hints; i++)
		if (strstr(d->hints[i], VERIFY_PLACEHOLDER)) {
			problem(r, "hints.md: hint %zu is still the scaffold's: write hints from gentle "
					"to nearly the answer", i + 1);
			break;
		}
}

static void
check_concepts(verify_report *r, const char *drills_dir, const drill *d)
{
	catalog *c = xcalloc(1, sizeof *c);
	error err = {0};

	if (!catalog_load_concepts(c, drills_dir, &err))
		problem_from(r, drills_dir, d->id, &err);
	else
		for (size_t i = 0; i < d->n_concepts; i++)
			if (catalog_concept(c, d->concepts[i]) == NULL &&
				strstr(d->concepts[i], VERIFY_PLACEHOLDER) == NULL)
				problem(r, "drill.json: unknown concept \"%s\" (not in concepts.json)",
						d->concepts[i]);
	catalog_free(c);
}

/* The static checks; true when the drill is ready for the database. */
static bool
check_static(verify_report *r, const char *drills_dir, const drill *d, const fixture *f,
			 quiz **qz)
{
	size_t before = r->n_problems;

	check_concepts(r, drills_dir, d);
	if (d->n_hints == 0)
		problem(r, "hints.md: no hints: write at least one (%d recommended), separated by "
				"lines of ---", VERIFY_RECOMMENDED_HINTS);
	else if (d->n_hints < VERIFY_RECOMMENDED_HINTS)
		add_line(&r->notes, &r->n_notes,
				 xasprintf("hints.md has %zu hint%s; %d are recommended (gentle, closer, "
						   "nearly the answer)", d->n_hints, d->n_hints == 1 ? "" : "s",
						   VERIFY_RECOMMENDED_HINTS));
	check_placeholders(r, d);
	check_sql(r, "slow.sql", d->slow_sql, SQL_ALLOW_SELECT);
	for (size_t i = 0; i < d->n_references; i++)
		check_sql(r, d->reference_files[i], d->references[i], d->allow);
	if (d->kind == DRILL_PLAN_READING) {
		error err = {0};

		*qz = quiz_load(d, &err);
		if (*qz == NULL)
			problem(r, "%s", err.message);
	}
	(void) f;
	return r->n_problems == before;
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
		problem(r, "%s: %s", file, cr->err.message);
		return;
	}
	if (cr->mismatch_seed) {
		char *what = compare_describe(&cr->verdict);

		char on[32];

		if (cr->mismatch_edge)
			snprintf(on, sizeof on, "the edge case");
		else
			snprintf(on, sizeof on, "seed %d", cr->mismatch_seed);
		problem(r, "%s returns other rows than slow.sql on %s: %s%s%s%s%s", file, on, what,
				cr->missing_row ? "; slow.sql has " : "", cr->missing_row ? cr->missing_row : "",
				cr->extra_row ? "; the reference has " : "", cr->extra_row ? cr->extra_row : "");
		free(what);
		return;
	}
	if (!cr->measured) {
		problem(r, "%s failed to run: %s", file, cr->message ? cr->message : cr->err.message);
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
			problem(r, "%s is not %.0fx less work than slow.sql: %.0f buffers vs %.0f (%.1fx) "
					"at scale %g", file, VERIFY_MIN_WORK_RATIO, wa, ws,
					wa > 0 ? ws / wa : 0, r->scale);
		if (ta >= ts)
			problem(r, "%s is not faster than slow.sql: median %.2f ms vs %.2f ms at scale %g",
					file, ta, ts, r->scale);
	}
}

/* Graded drills: rows, emptiness, work and time through the grading engine.
 * Keeps the slow query's plan (per-node timing run) for the rebuild check.
 * False only on environment failure. */
static bool
check_graded(server *s, verify_report *r, const drill *d, const fixture *f,
			 const verify_options *o, plan **plan_seen, error *err)
{
	check_options co = {o->runs > 0 ? o->runs : CHECK_DEFAULT_RUNS, r->scale, false, o->prog};
	check_context *ctx = check_prepare(s, d, f, &co, err);

	if (ctx == NULL) {
		if (err->kind == ERROR_USAGE) {
			problem_from(r, d->dir, d->id, err);
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
			problem(r, "slow.sql returns no rows on seed %d%s: identical empty results prove "
					"nothing; change the query or the fixture",
					i == 0 ? TEMPLATE_SEED_MAIN : TEMPLATE_SEED_CHECK,
					/* the classic cause: one NULL in the subquery makes NOT IN
					 * unknown for every row */
					r->slow_rows[1 - i] > 0 && (strstr(d->slow_sql, "NOT IN") ||
												strstr(d->slow_sql, "not in"))
					? " but some on the other (NOT IN over a subquery with a NULL on "
					"this seed is never true; NOT EXISTS is)" : "");
	if (r->slow_rows[0] > 0 && r->slow_rows[1] > 0 && !check_context_seeds_differ(ctx))
		problem(r, "slow.sql returns the same rows on seed %d and seed %d: an answer that "
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
	check_context_free(ctx);
	return true;
}

/* Plan-reading drills: every computed answer on the real plan. */
static bool
check_quiz(server *s, verify_report *r, const drill *d, const fixture *f, const quiz *qz,
		   const verify_options *o, plan **plan_seen, error *err)
{
	char **lines = NULL;
	size_t n = 0;
	slow_plan sp;
	plan *p;

	if (!slow_plan_on_clone(s, d, f, r->scale, o->prog, SLOW_PLAN_TIMING, &sp, err)) {
		if (err->kind == ERROR_ENV || err->kind == ERROR_INTERNAL)
			return false;
		problem_from(r, d->dir, d->id, err);
		error_clear(err);
		return true;
	}
	p = sp.plan;              /* taken: handed to the caller */
	sp.plan = NULL;
	slow_plan_release(&sp);
	quiz_check_plan(qz, p, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		problem(r, "questions.json: %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
	*plan_seen = p;
	return true;
}

char *
verify_plan_shape(const plan *p)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		strbuf_printf(&sb, "%*s%s", n->depth * 2, "", n->node_type);
		if (n->join_type)
			strbuf_printf(&sb, " %s", n->join_type);
		if (n->strategy)
			strbuf_printf(&sb, " [%s]", n->strategy);
		if (n->index_name)
			strbuf_printf(&sb, " using %s", n->index_name);
		if (n->relation)
			strbuf_printf(&sb, " on %s", n->relation);
		if (n->parent_relationship)
			strbuf_printf(&sb, " (%s)", n->parent_relationship);
		strbuf_append_char(&sb, '\n');
	}
	return strbuf_steal(&sb);
}

/* The first line where two shapes differ, for the message. */
static char *
first_difference(const char *a, const char *b)
{
	int line = 1;

	while (*a && *a == *b) {
		line += *a == '\n';
		a++;
		b++;
	}
	while (line > 1 && a[-1] != '\n') {
		a--;
		b--;
	}
	{
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		char *ta = xstrndup(a, la), *tb = xstrndup(b, lb);
		char *msg;

		/* strip the indentation for the message */
		msg = xasprintf("node %d is \"%s\" on the template but \"%s\" on the rebuild", line,
						ta + strspn(ta, " "), tb + strspn(tb, " "));
		free(ta);
		free(tb);
		return msg;
	}
}

/* A database name of the scratch family, labelled like scratch.c labels
 * its clones, so that a rebuild left by a killed process is reaped. */
static char *
rebuild_name(const fixture *f, char **comment)
{
	char host[256] = "localhost";
	static int counter;

	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	for (char *p = host; *p; p++)
		if (*p == '\'' || *p == '\\' || *p == ' ')
			*p = '_';
	*comment = xasprintf("pgdrill scratch: host=%s pid=%ld template=rebuild of %s", host,
						 (long) getpid(), f->name);
	return xasprintf("pgdrill_s_%ld_rebuild%d", (long) getpid(), ++counter);
}

struct verify_rebuilds {
	char **names;             /* database names (owned) */
	char **keys;              /* "fixture hash scale" each was built for */
	size_t n;
};

verify_rebuilds *
verify_rebuilds_new(void)
{
	return xcalloc(1, sizeof(verify_rebuilds));
}

void
verify_rebuilds_free(verify_rebuilds *rb, server *s)
{
	if (rb == NULL)
		return;
	for (size_t i = 0; i < rb->n; i++) {
		error ignored;

		if (s)
			template_drop_oneoff(s, rb->names[i], &ignored);
		free(rb->names[i]);
		free(rb->keys[i]);
	}
	free(rb->names);
	free(rb->keys);
	free(rb);
}

/* The rebuilt database of (f, scale): from the cache, or built now (and
 * cached when there is a cache; *owned says the caller must drop it). */
static char *
rebuilt_database(server *s, const fixture *f, double scale, const verify_options *o,
				 const char *drill_id, bool *owned, error *err)
{
	char *key = xasprintf("%s %llx %g", f->name, (unsigned long long) f->content_hash, scale);
	char *comment = NULL, *name;
	verify_rebuilds *rb = o->rebuilds;

	*owned = false;
	for (size_t i = 0; rb && i < rb->n; i++)
		if (strcmp(rb->keys[i], key) == 0) {
			free(key);
			return xstrdup(rb->names[i]);
		}
	name = rebuild_name(f, &comment);
	progress_say(o->prog, "%s: building fixture %s a second time to compare plans", drill_id,
				 f->name);
	if (!template_build_oneoff(s, f, TEMPLATE_SEED_MAIN, scale, name, comment, o->prog, err)) {
		free(name);
		name = NULL;
	} else if (rb) {
		rb->names = xrealloc(rb->names, (rb->n + 1) * sizeof(char *));
		rb->keys = xrealloc(rb->keys, (rb->n + 1) * sizeof(char *));
		rb->names[rb->n] = xstrdup(name);
		rb->keys[rb->n++] = key;
		key = NULL;
	} else
		*owned = true;
	free(key);
	free(comment);
	return name;
}

static bool
check_rebuild(server *s, verify_report *r, const drill *d, const fixture *f,
			  const verify_options *o, const plan *plan_seen, error *err)
{
	slow_plan sp = {0};
	char *name = NULL, *a = NULL, *b = NULL;
	bool ok = false, owned = false;

	name = rebuilt_database(s, f, r->scale, o, d->id, &owned, err);
	if (name == NULL) {
		if (err->kind == ERROR_USAGE) {
			problem_from(r, d->dir, d->id, err);
			error_clear(err);
			ok = true;
		}
		goto done;
	}
	if (!slow_plan_explain(s, d, name, 0, &sp, err)) {
		if (err->kind == ERROR_USAGE) {
			problem(r, "on a rebuild of fixture %s: %s", f->name, err->message);
			error_clear(err);
			ok = true;
		}
		goto done;
	}
	a = verify_plan_shape(plan_seen);
	b = verify_plan_shape(sp.plan);
	if (strcmp(a, b) != 0) {
		char *diff = first_difference(a, b);

		problem(r, "slow.sql's plan changes when fixture %s is rebuilt: %s; make the seed "
				"deterministic (no random(), no clock) or the plan less marginal",
				f->name, diff);
		free(diff);
	}
	r->rebuild_checked = true;
	ok = true;
done:
	if (owned) {
		error ignored;

		if (!template_drop_oneoff(s, name, ok ? err : &ignored))
			ok = false;
	}
	slow_plan_release(&sp);
	free(a);
	free(b);
	free(name);
	return ok;
}

bool
verify_drill(server *s, const char *drills_dir, const char *fixtures_dir, const char *id,
			 const verify_options *o, verify_report *r, error *err)
{
	double t0;
	error lerr = {0};
	drill *d = NULL;
	fixture *f = NULL;
	quiz *qz = NULL;
	plan *plan_seen = NULL;
	bool ok = true;

	memset(r, 0, sizeof *r);
	t0 = clock_now_s();
	r->drill = xstrdup(id);
	d = drill_load(drills_dir, id, &lerr);
	if (d == NULL) {
		char *dir = paths_join(drills_dir, id);

		problem_from(r, dir, id, &lerr);
		free(dir);
		goto done;
	}
	f = fixture_load(fixtures_dir, d->fixture, &lerr);
	if (f == NULL) {
		problem(r, "drill.json: fixture \"%s\": %s", d->fixture, lerr.message);
		goto done;
	}
	if (!check_static(r, drills_dir, d, f, &qz))
		goto done;
	if (s == NULL) {
		add_line(&r->notes, &r->n_notes, xstrdup("database checks skipped (--no-db)"));
		goto done;
	}
	r->scale = o->scale > 0 ? o->scale : f->default_scale;
	if (d->kind == DRILL_PLAN_READING)
		ok = check_quiz(s, r, d, f, qz, o, &plan_seen, err);
	else
		ok = check_graded(s, r, d, f, o, &plan_seen, err);
	if (!ok)
		goto done;
	r->db_checked = true;
	if (r->graded &&
		!determinism_check(s, d, f, r->scale, o->prog, &r->problems, &r->n_problems, err)) {
		if (err->kind != ERROR_USAGE) {
			ok = false;
			goto done;
		}
		error_clear(err);       /* the drill's own SQL failed: reported above */
	}
	if (o->rebuild && plan_seen != NULL && r->n_problems == 0)
		ok = check_rebuild(s, r, d, f, o, plan_seen, err);
done:
	r->seconds = clock_now_s() - t0;
	plan_free(plan_seen);
	quiz_free(qz);
	fixture_free(f);
	drill_free(d);
	return ok;
}

void
verify_report_release(verify_report *r)
{
	if (r == NULL)
		return;
	free(r->drill);
	for (size_t i = 0; i < r->n_problems; i++)
		free(r->problems[i]);
	free(r->problems);
	for (size_t i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (size_t i = 0; i < r->n_measures; i++)
		free(r->measures[i].file);
	free(r->measures);
	memset(r, 0, sizeof *r);
}
