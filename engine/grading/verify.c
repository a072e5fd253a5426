/*
 * verify.c — proving a drill sound (see verify.h for the checks).
 *
 * The common checks are here; what is a kind's own goes through its
 * interface (kind_of(d)->verify_static / verify_db, engine/grading/kinds/):
 * for the SQL kinds the grading engine itself (check_prepare runs slow.sql
 * on both seeds, and each reference is graded by check_answer as if a
 * learner had submitted it), for plan-reading every computed answer on the
 * real plan.  Problems are data (lines in the report, verify_report.h); only
 * a failing environment is an error.
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
#include "catalog/drill_scale.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "grading/kinds/kinds.h"
#include "sandbox/slow_plan.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "sandbox/template.h"
#include "textpos.h"

/* Does the SQL parse and obey `allow`? */
static void
check_sql(verify_report *r, const char *file, const char *text, unsigned allow)
{
	error err = {0};
	sql_script *sc = sql_analyze(text, strlen(text), allow, &err);

	if (sc == NULL) {
		if (err.position > 0)
			verify_problem(r, "%s line %d: %s", file, text_line(text, strlen(text), err.position), err.message);
		else
			verify_problem(r, "%s: %s", file, err.message);
	}
	sql_script_free(sc);
}

/* What each file of a fresh scaffold still needs. */
static void
check_placeholders(verify_report *r, const drill *d)
{
	if (strstr(d->title, VERIFY_PLACEHOLDER))
		verify_problem(r, "drill.json: still the scaffold's title: write what the learner will do");
	if (strstr(d->prompt, VERIFY_PLACEHOLDER))
		verify_problem(r, "prompt.md: still the scaffold: write the task the learner sees");
	if (strstr(d->slow_sql, VERIFY_PLACEHOLDER))
		verify_problem(r, "slow.sql: still the scaffold: write the slow query the learner starts from");
	for (size_t i = 0; i < d->n_references; i++)
		if (strstr(d->references[i], VERIFY_PLACEHOLDER))
			verify_problem(r, "%s: still the scaffold: write a fast query returning the same rows",
					d->reference_files[i]);
	for (size_t i = 0; i < d->n_concepts; i++)
		if (strstr(d->concepts[i], VERIFY_PLACEHOLDER))
			verify_problem(r, "drill.json: \"concepts\" is still the scaffold's: name the concepts "
					"this drill teaches (ids from drills/concepts.json)");
	for (size_t i = 0; i < d->n_hints; i++)
		if (strstr(d->hints[i], VERIFY_PLACEHOLDER)) {
			verify_problem(r, "hints.md: hint %zu is still the scaffold's: write hints from gentle "
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
		verify_problem_from(r, drills_dir, d->id, &err);
	else
		for (size_t i = 0; i < d->n_concepts; i++)
			if (catalog_concept(c, d->concepts[i]) == NULL &&
				strstr(d->concepts[i], VERIFY_PLACEHOLDER) == NULL)
				verify_problem(r, "drill.json: unknown concept \"%s\" (not in concepts.json)",
						d->concepts[i]);
	catalog_free(c);
}

/* The ```sql blocks of a Markdown text, in order: malloc'd copies (free
 * with meta_strings_free); the count in *n. */
static char **
markdown_sql_blocks(const char *md, size_t *n)
{
	char **v = NULL;
	const char *p = md;

	*n = 0;
	while ((p = strstr(p, "```sql")) != NULL) {
		const char *start, *end;

		if (p != md && p[-1] != '\n') {
			p += 6;
			continue;
		}
		start = strchr(p, '\n');
		if (start == NULL)
			break;
		start++;
		end = strstr(start, "\n```");
		if (end == NULL)
			break;
		v = xrealloc(v, (*n + 2) * sizeof(char *));
		v[(*n)++] = xstrndup(start, (size_t) (end - start) + 1);
		v[*n] = NULL;
		p = end + 4;
	}
	return v;
}

/* The query a prompt quotes must be slow.sql (libpg_query fingerprints,
 * so formatting, comments and constants may differ): a prompt that shows
 * one query while the learner starts from another misleads.  A prompt
 * quoting no SQL (load drills describe a workload) is not checked. */
static void
check_prompt_quotes_slow(verify_report *r, const char *prompt, const char *slow_sql)
{
	size_t n;
	char **blocks = markdown_sql_blocks(prompt, &n);
	bool same = false;

	if (n == 0 || strstr(slow_sql, VERIFY_PLACEHOLDER))
		goto done;
	for (size_t i = 0; i < n && !same; i++)
		same = sql_same_query(blocks[i], slow_sql);
	if (!same)
		verify_problem(r, "prompt.md quotes %s that %s not slow.sql (their libpg_query "
				"fingerprints differ): quote slow.sql as it is, or change slow.sql",
				n == 1 ? "a query" : "queries", n == 1 ? "is" : "are");
done:
	meta_strings_free(blocks, n);
}

/* Edge rows' ids must stay past every seed's at every --scale: a literal id
 * below EDGE_ID_FLOOR is held by some seed at a larger scale (the saas
 * tenants 5001.. of scale 10), where the edge build then fails on a unique
 * key.  Both edge scripts a drill's edge dataset runs are read: the
 * fixture's and the drill's. */
#define EDGE_ID_FLOOR 2000000000LL

static void
check_edge_ids(verify_report *r, const char *file, const char *sql)
{
	sql_inserted_id ids[8];
	error err = {0};
	int n;

	if (sql == NULL || (n = sql_inserted_ids(sql, strlen(sql), ids, 8, &err)) <= 0)
		return;     /* (an edge script that does not parse fails its build, with its error) */
	for (int i = 0; i < n && i < 8; i++) {
		if (ids[i].id >= EDGE_ID_FLOOR)
			continue;
		verify_problem(r, "%s, line %d: inserts id %lld into %s, which a seed holds at a "
					   "larger --scale (a unique violation there): give edge rows ids from "
					   "%lld on (past every seed's, up to --scale 100)", file,
					   text_line(sql, strlen(sql), ids[i].position), ids[i].id, ids[i].table,
					   EDGE_ID_FLOOR + 1);
		break;      /* one per file: the rule, not every row */
	}
}

/* The static checks; true when the drill is ready for the database.  Every
 * check runs, so the report names every rule broken; only the problems
 * that make the database checks meaningless (SQL that does not parse or is
 * not allowed, a scaffold not yet filled, a kind's own static problems)
 * hold the database checks back.  An unknown concept, missing hints or a
 * prompt quoting another query do not: the author sees those and whether
 * the references are sound in one run. */
static bool
check_static(verify_report *r, const char *drills_dir, const drill *d, const fixture *f)
{
	size_t before;

	check_concepts(r, drills_dir, d);
	if (d->n_hints == 0)
		verify_problem(r, "hints.md: no hints: write at least one (%d recommended), separated by "
				"lines of ---", VERIFY_RECOMMENDED_HINTS);
	else if (d->n_hints < VERIFY_RECOMMENDED_HINTS)
		verify_note(r,
				 xasprintf("hints.md has %zu hint%s; %d are recommended (gentle, closer, "
						   "nearly the answer)", d->n_hints, d->n_hints == 1 ? "" : "s",
						   VERIFY_RECOMMENDED_HINTS));
	check_prompt_quotes_slow(r, d->prompt, d->slow_sql);
	if (d->scale_limit.max > 0 && d->scale_limit.max < f->default_scale)
		verify_problem(r, "drill.json: scale_limit.max %g is below fixture %s's default scale "
					   "%g: learners could not run the drill at the scale they get",
					   d->scale_limit.max, f->name, f->default_scale);
	check_edge_ids(r, "the fixture's edge.sql", f->edge_sql);
	check_edge_ids(r, "edge.sql", d->edge_sql);
	before = r->n_problems;
	check_placeholders(r, d);
	check_sql(r, "slow.sql", d->slow_sql, SQL_ALLOW_SELECT);
	for (size_t i = 0; i < d->n_references && !kind_of(d)->own_references; i++)
		check_sql(r, d->reference_files[i], d->references[i], d->allow);
	kind_of(d)->verify_static(r, d);
	return r->n_problems == before;
}

/* After a drill failed to load (its first problem reported): the files
 * the loader did not reach, so one run names every missing or broken file
 * of a drill being written rather than one per run.  `load_error` is the
 * loader's message (a file it names is not reported twice). */
static void
survey_unloaded(verify_report *r, const char *dir, const char *load_error)
{
	static const char *const needed[] = {"drill.json", "prompt.md", "slow.sql", "hints.md"};
	char *text[4] = {NULL, NULL, NULL, NULL};

	for (size_t i = 0; i < 4; i++) {
		char *p = paths_join(dir, needed[i]);
		error ignored = {0};
		size_t len;

		if (fileio_exists(p))
			text[i] = fileio_read(p, 1024 * 1024, &len, &ignored);
		else if (strstr(load_error, needed[i]) == NULL)
			verify_problem(r, "%s is missing", needed[i]);
		free(p);
	}
	if (text[2] != NULL && strstr(load_error, "slow.sql") == NULL) {
		check_sql(r, "slow.sql", text[2], SQL_ALLOW_SELECT);
		if (text[1] != NULL)
			check_prompt_quotes_slow(r, text[1], text[2]);
	}
	for (size_t i = 0; i < 4; i++)
		free(text[i]);
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
			verify_problem_from(r, d->dir, d->id, err);
			error_clear(err);
			ok = true;
		}
		goto done;
	}
	if (!slow_plan_explain(s, d, name, 0, &sp, err)) {
		if (err->kind == ERROR_USAGE) {
			verify_problem(r, "on a rebuild of fixture %s: %s", f->name, err->message);
			error_clear(err);
			ok = true;
		}
		goto done;
	}
	a = verify_plan_shape(plan_seen);
	b = verify_plan_shape(sp.plan);
	if (strcmp(a, b) != 0) {
		char *diff = first_difference(a, b);

		verify_problem(r, "slow.sql's plan changes when fixture %s is rebuilt: %s; make the seed "
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
	plan *plan_seen = NULL;
	bool ok = true;

	memset(r, 0, sizeof *r);
	t0 = clock_now_s();
	r->drill = xstrdup(id);
	d = kind_load_drill(drills_dir, id, &lerr);
	if (d == NULL) {
		char *dir = paths_join(drills_dir, id);

		char *meta = paths_join(dir, "drill.json");

		verify_problem_from(r, dir, id, &lerr);
		if (fileio_exists(meta))    /* not an unknown drill */
			survey_unloaded(r, dir, lerr.message);
		free(meta);
		free(dir);
		goto done;
	}
	f = fixture_load(fixtures_dir, d->fixture, &lerr);
	if (f == NULL) {
		verify_problem(r, "drill.json: fixture \"%s\": %s", d->fixture, lerr.message);
		goto done;
	}
	if (!check_static(r, drills_dir, d, f)) {
		verify_note(r, xstrdup("database checks skipped until the problems above are fixed"));
		goto done;
	}
	{
		error serr = {0};

		r->scale_limit = d->scale_limit.max;
		if (!drill_scale(d, f, o->scale, &r->scale, &serr)) {
			/* not unsound: the drill says it does not hold there */
			r->beyond_scale_limit = true;
			verify_note(r, xasprintf("database checks skipped: %s", serr.message));
			error_clear(&serr);
			goto done;
		}
	}
	if (s == NULL) {
		verify_note(r, xstrdup("database checks skipped (--no-db)"));
		goto done;
	}
	ok = kind_of(d)->verify_db(s, r, d, f, o, &plan_seen, err);
	if (!ok)
		goto done;
	r->db_checked = true;
	if (r->graded &&
		!determinism_check(s, d, f, r->scale, o->prog, r, err)) {
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
	fixture_free(f);
	drill_free(d);
	return ok;
}
