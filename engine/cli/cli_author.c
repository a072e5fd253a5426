/*
 * cli_author.c — `pgdrill author new` and `pgdrill author verify`: the
 * instructor's commands.
 *
 * `new` scaffolds a drill folder that loads but fails verify until every
 * placeholder is replaced, and says what to fill.  `verify` proves drills
 * sound through engine/grading/verify.h and prints one line per problem, the drill
 * id first.  Exit codes: 0 all sound (or scaffolded), 1 some unsound, 2
 * usage, 4 environment.  Verify measures at each fixture's default scale:
 * PGDRILL_SCALE is ignored, only an explicit --scale changes it (a drill is
 * proved at the scale learners get).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "grading/check.h"
#include "cli/cli.h"
#include "sandbox/pool.h"
#include "os/clock.h"
#include "catalog/drill.h"
#include "grading/kinds/kinds.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "pg/server.h"
#include "strbuf.h"
#include "grading/verify.h"

static const char *const author_help_head =
	"Usage: pgdrill author new DRILL --fixture F [--kind K] [OPTIONS]\n"
	"       pgdrill author verify [DRILL...|--all] [OPTIONS]\n\n"
	"new     scaffold drills/DRILL/ (drill.json, prompt.md, slow.sql,\n"
	"        reference.sql or questions.json, hints.md); it fails verify until\n"
	"        every TODO(author) is replaced.\n"
	"          --fixture F      the fixture the drill runs on (required)\n"
	"          --kind K         ";
/* then the kinds (from kinds.c's table: a new kind is listed by itself) */
static const char *const author_help_tail =
	" (default rewrite)\n"
	"verify  prove drills sound: metadata, concepts, hints, SQL rules, same\n"
	"        non-empty rows on both seeds, reference >= 5x less work, faster\n"
	"        and passing check,\n"
	"        plan-reading answers hold on the real plan, the slow plan survives\n"
	"        a template rebuild, the data kills every mutant of slow.sql and the\n"
	"        references (survivors shown with a caret; docs/authoring.md).\n"
	"        One line per problem, the drill id first.\n"
	"          --all            every drill of the catalogue\n"
	"          --runs N         measured runs per query (default 5)\n"
	"          --no-db          static checks only (no server)\n"
	"          --no-rebuild     skip the template-rebuild check\n"
	"          --no-mutants     skip the mutation step (quick iteration; CI runs it)\n"
	"        Measures at each fixture's default scale; PGDRILL_SCALE is ignored,\n"
	"        --scale overrides.\n\n"
	"Exit status (verify): 0 all sound, 1 some unsound, 2 usage, 4 environment.\n\n";

static void
print_help(void)
{
	char *names = kinds_names();

	printf("%s%s%s%s", author_help_head, names, author_help_tail, CLI_COMMON_HELP);
	free(names);
}

enum {
	OPT_FIXTURE = OPT_FIRST_COMMAND_OPTION,
	OPT_KIND,
	OPT_ALL,
	OPT_RUNS,
	OPT_NO_DB,
	OPT_NO_REBUILD,
	OPT_NO_MUTANTS
};

/* ---- author new ---- */

/* The files of a fresh drill: the common ones, then the kind's own. */
static void
scaffold_files(const char *id, const drill_kind_ops *k, const fixture *f, kind_scaffold *sc)
{
	strbuf tables = STRBUF_INIT;

	for (size_t i = 0; i < f->n_tables; i++)
		strbuf_printf(&tables, "%s%s", i ? ", " : "", f->tables[i]);
	kind_scaffold_add(sc, "drill.json", xasprintf(
		"{\n"
		"  \"id\": \"%s\",\n"
		"  \"title\": \"" VERIFY_PLACEHOLDER ": what the learner does, in a few words\",\n"
		"  \"kind\": \"%s\",\n"
		"  \"fixture\": \"%s\",\n"
		"  \"concepts\": [\"" VERIFY_PLACEHOLDER "\"],\n"
		"  \"difficulty\": 2,\n"
		"  \"minutes\": 15,\n"
		"  \"pass_score\": 70,\n"
		"  \"timeout_s\": 60,\n"
		"  \"allow\": %s,\n"
		"  \"settings\": {\"max_parallel_workers_per_gather\": \"0\", \"jit\": \"off\", "
		"\"work_mem\": \"4MB\"}%s\n"
		"}\n", id, k->name, f->name, k->scaffold_allow,
		k->scaffold_json ? k->scaffold_json : ""));
	kind_scaffold_add(sc, "prompt.md", xasprintf(
		"# " VERIFY_PLACEHOLDER ": the title\n\n"
		VERIFY_PLACEHOLDER ": what the application needs (the story), what the slow\n"
		"query does, and what the learner must change%s.\n\n"
		"Tables: %s (fixture %s).\n",
		k->scaffold_task, tables.len ? strbuf_str(&tables) : "see fixtures/", f->name));
	kind_scaffold_add(sc, "slow.sql", xstrdup(
		"-- " VERIFY_PLACEHOLDER ": the slow query the learner starts from: one SELECT\n"
		"-- whose result has a unique order if it has ORDER BY ... LIMIT.\n"
		"SELECT 1;\n"));
	k->scaffold(sc);
	kind_scaffold_add(sc, "hints.md", xstrdup(
		VERIFY_PLACEHOLDER ": a gentle hint: where to look in the plan.\n"
		"---\n"
		VERIFY_PLACEHOLDER ": a closer hint: the idea.\n"
		"---\n"
		VERIFY_PLACEHOLDER ": nearly the answer.\n"));
	strbuf_free(&tables);
}

static int
author_new(cli_options *opts, const char *id, const char *fixture_name, const char *kind)
{
	const drill_kind_ops *k = kind_find(kind);
	char *ddir = NULL, *fdir = NULL, *dir = NULL;
	kind_scaffold sc = {{0}, {0}, 0};
	size_t written = 0;
	fixture *f = NULL;
	verify_report vr;
	verify_options vo = {.rebuild = false, .mutants = false};
	error err = {0};
	int code = 0;

	memset(&vr, 0, sizeof vr);
	if (k == NULL) {
		char *names = kinds_names();

		code = cli_usage_error("author new", "--kind must be %s, not \"%s\"", names, kind);
		free(names);
		return code;
	}
	if (!drill_valid_id(id))
		return cli_usage_error("author new", "invalid drill id \"%s\": 1 to 40 characters "
							   "a-z, 0-9 and -, not starting with -", id);
	if ((ddir = paths_drills_dir(opts->drills_dir, &err)) == NULL ||
		(fdir = paths_fixtures_dir(opts->fixtures_dir, &err)) == NULL)
		goto error;
	f = fixture_load(fdir, fixture_name, &err);
	if (f == NULL) {
		err.kind = ERROR_USAGE;
		goto error;
	}
	dir = paths_join(ddir, id);
	if (fileio_exists(dir)) {
		error_set(&err, ERROR_USAGE, "drill \"%s\" exists already", id);
		error_detail(&err, "%s is there; pick another id or edit it.", dir);
		goto error;
	}
	if (mkdir(dir, 0755) != 0) {
		error_set(&err, ERROR_ENV, "cannot create %s: %s", dir, strerror(errno));
		goto error;
	}
	scaffold_files(id, k, f, &sc);
	for (; written < sc.n; written++) {
		char *p = paths_join(dir, sc.names[written]);
		char *slash = strrchr(p, '/');
		bool ok;

		/* a kind's file in a folder of its own (a load drill's endpoints/) */
		if (strchr(sc.names[written], '/') != NULL) {
			*slash = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				error_set(&err, ERROR_ENV, "cannot create %s: %s", p, strerror(errno));
				free(p);
				goto error;
			}
			*slash = '/';
		}
		ok = fileio_write_atomic(p, sc.texts[written], strlen(sc.texts[written]), 0644, &err);
		free(p);
		if (!ok)
			goto error;
	}
	/* What is left to fill: the static checks on the fresh scaffold. */
	if (!verify_drill(NULL, ddir, fdir, id, &vo, &vr, &err))
		goto error;
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "drill", id);
		cJSON_AddStringToObject(o, "kind", kind);
		cJSON_AddStringToObject(o, "fixture", f->name);
		cJSON_AddStringToObject(o, "directory", dir);
		arr = cJSON_AddArrayToObject(o, "created");
		for (size_t i = 0; i < sc.n; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(sc.names[i]));
		arr = cJSON_AddArrayToObject(o, "to_fill");
		for (size_t i = 0; i < vr.n_problems; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(vr.problems[i]));
		cli_print_json(o);
	} else {
		printf("Created %s/ (%s drill on fixture %s):", dir, kind, f->name);
		for (size_t i = 0; i < sc.n; i++)
			printf(" %s", sc.names[i]);
		printf("\n\nIt loads, but it fails '%s author verify %s' until you fill it in:\n",
			   cli_program(), id);
		for (size_t i = 0; i < vr.n_problems; i++)
			printf("  %s: %s\n", id, vr.problems[i]);
		printf("\nFormat: docs/drill-format.md; a walk-through: docs/authoring.md.\n");
	}
	goto done;
error:
	code = cli_report_error(opts, "author new", &err);
done:
	verify_report_release(&vr);
	for (size_t i = 0; i < sc.n; i++) {
		free(sc.names[i]);
		free(sc.texts[i]);
	}
	fixture_free(f);
	free(dir);
	free(ddir);
	free(fdir);
	return code;
}

/* ---- author verify ---- */

static const char *
fate_name(mutant_fate f)
{
	static const char *const names[] = {"killed", "survived", "equivalent", "timed out"};

	return names[f];
}

/* The mutation step in JSON: the score, the counts, and every mutant that
 * was not killed (docs/json.md). */
static cJSON *
mutation_json(const mutation_report *m)
{
	cJSON *o = cJSON_CreateObject(), *arr;

	cJSON_AddNumberToObject(o, "score", mutation_score(m));
	cJSON_AddNumberToObject(o, "total", (double) m->total);
	cJSON_AddNumberToObject(o, "killed", (double) m->killed);
	cJSON_AddNumberToObject(o, "equivalent", (double) m->equivalent);
	cJSON_AddNumberToObject(o, "survived", (double) m->survived);
	cJSON_AddNumberToObject(o, "timeout_s", m->timeout_s);
	cJSON_AddNumberToObject(o, "seconds", m->seconds);
	arr = cJSON_AddArrayToObject(o, "mutants");
	for (size_t i = 0; i < m->n; i++) {
		const mutant_result *x = &m->items[i];
		cJSON *j;

		if (x->fate == MUTANT_KILLED)
			continue;
		j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", x->id);
		cJSON_AddStringToObject(j, "operator", x->op);
		cJSON_AddStringToObject(j, "edit", x->what);
		cJSON_AddStringToObject(j, "fate", fate_name(x->fate));
		cJSON_AddStringToObject(j, "caret", x->caret);
		if (x->how)
			cJSON_AddStringToObject(j, "detail", x->how);
		cJSON_AddItemToArray(arr, j);
	}
	return o;
}

/* psql's caret excerpt under a line of the report, indented. */
static void
print_caret(const char *caret)
{
	for (const char *p = caret; p && *p;) {
		size_t n = strcspn(p, "\n");

		printf("    %.*s\n", (int) n, p);
		p += n + (p[n] == '\n');
	}
}

/* The mutation score, then every survivor with its caret. */
static void
mutation_text(const char *id, const mutation_report *m)
{
	printf("%s: mutation score %.1f%%: %zu killed, %zu equivalent, %zu surviving of %zu "
		   "(deadline %.3g s, %.1f s)\n", id, mutation_score(m), m->killed, m->equivalent,
		   m->survived, m->total, m->timeout_s, m->seconds);
	for (size_t i = 0; i < m->n; i++) {
		const mutant_result *x = &m->items[i];

		if (x->fate != MUTANT_SURVIVED && x->fate != MUTANT_TIMED_OUT)
			continue;
		printf("%s: %s %s (%s: %s)%s\n", id, x->fate == MUTANT_TIMED_OUT ? "timed out:" :
			   "survives:", x->id, x->op, x->what, x->fate == MUTANT_TIMED_OUT ? "" :
			   ", same rows on every dataset");
		print_caret(x->caret);
	}
}

static cJSON *
report_json(const verify_report *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddStringToObject(o, "drill", r->drill);
	cJSON_AddBoolToObject(o, "sound", r->n_problems == 0);
	arr = cJSON_AddArrayToObject(o, "problems");
	for (size_t i = 0; i < r->n_problems; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(r->problems[i]));
	arr = cJSON_AddArrayToObject(o, "problem_carets");
	for (size_t i = 0; i < r->n_problems; i++)
		cJSON_AddItemToArray(arr, r->problem_carets[i] ?
							 cJSON_CreateString(r->problem_carets[i]) : cJSON_CreateNull());
	arr = cJSON_AddArrayToObject(o, "notes");
	for (size_t i = 0; i < r->n_notes; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(r->notes[i]));
	cJSON_AddBoolToObject(o, "db_checked", r->db_checked);
	cJSON_AddBoolToObject(o, "rebuild_checked", r->rebuild_checked);
	if (r->db_checked)
		cJSON_AddNumberToObject(o, "scale", r->scale);
	if (r->scale_limit > 0)
		cJSON_AddNumberToObject(o, "scale_limit", r->scale_limit);
	cJSON_AddBoolToObject(o, "beyond_scale_limit", r->beyond_scale_limit);
	if (r->graded) {
		arr = cJSON_AddArrayToObject(o, "slow_rows");
		cJSON_AddItemToArray(arr, cJSON_CreateNumber((double) r->slow_rows[0]));
		cJSON_AddItemToArray(arr, cJSON_CreateNumber((double) r->slow_rows[1]));
	}
	arr = cJSON_AddArrayToObject(o, "references");
	for (size_t i = 0; i < r->n_measures; i++) {
		const verify_measure *m = &r->measures[i];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "file", m->file);
		cJSON_AddNumberToObject(x, "slow_buffers", m->slow_buffers);
		cJSON_AddNumberToObject(x, "buffers", m->buffers);
		cJSON_AddNumberToObject(x, "work_ratio", m->buffers > 0 ? m->slow_buffers / m->buffers : 0);
		cJSON_AddNumberToObject(x, "slow_ms", m->slow_ms);
		cJSON_AddNumberToObject(x, "ms", m->ms);
		cJSON_AddNumberToObject(x, "time_ratio", m->ms > 0 ? m->slow_ms / m->ms : 0);
		cJSON_AddItemToArray(arr, x);
	}
	if (r->mutation.ran)
		cJSON_AddItemToObject(o, "mutation", mutation_json(&r->mutation));
	cJSON_AddNumberToObject(o, "seconds", r->seconds);
	return o;
}

static void
report_text(const verify_report *r)
{
	for (size_t i = 0; i < r->n_problems; i++) {
		printf("%s: %s\n", r->drill, r->problems[i]);
		print_caret(r->problem_carets[i]);
	}
	if (r->n_problems == 0) {
		printf("%s: %s", r->drill, r->db_checked ? "sound" :
			   r->beyond_scale_limit ? "passes the static checks (not run past its scale_limit)" :
			   "passes the static checks");
		for (size_t i = 0; i < r->n_measures; i++) {
			const verify_measure *m = &r->measures[i];

			printf("%s %s %.1fx less work, %.1fx faster", i ? ";" : " —", m->file,
				   m->buffers > 0 ? m->slow_buffers / m->buffers : 0,
				   m->ms > 0 ? m->slow_ms / m->ms : 0);
		}
		if (r->db_checked)
			printf(" (scale %g, %.1f s)", r->scale, r->seconds);
		printf("\n");
	}
	if (r->mutation.ran)
		mutation_text(r->drill, &r->mutation);
	for (size_t i = 0; i < r->n_notes; i++)
		printf("%s: note: %s\n", r->drill, r->notes[i]);
}

static int
author_verify(cli_options *opts, char **ids, size_t n_ids, bool all, bool no_db,
			  const verify_options *vo)
{
	char *ddir = NULL, *fdir = NULL;
	char **all_ids = NULL;
	size_t n_all = 0, n_sound = 0, n_done = 0, n_beyond = 0;
	mutation_report mt = {0};   /* the catalogue's totals (counts only) */
	size_t n_mutated = 0;
	server s;
	progress prog = cli_progress(opts);
	verify_options o = *vo;
	cJSON *json = NULL, *arr = NULL;
	double t0;
	error err = {0};
	int code = 0;

	memset(&s, 0, sizeof s);
	t0 = clock_now_s();
	o.prog = &prog;
	o.rebuilds = verify_rebuilds_new();   /* one second build per fixture */
	if ((ddir = paths_drills_dir(opts->drills_dir, &err)) == NULL ||
		(fdir = paths_fixtures_dir(opts->fixtures_dir, &err)) == NULL)
		goto error;
	if (all) {
		if (!catalog_drill_ids(ddir, &all_ids, &n_all, &err))
			goto error;
		ids = all_ids;
		n_ids = n_all;
	}
	if (!no_db && !server_open(&s, opts->db_conninfo, &prog, &err))
		goto error;
	if (opts->format == FORMAT_JSON) {
		json = cJSON_CreateObject();
		cJSON_AddNumberToObject(json, "version", 1);
		arr = cJSON_AddArrayToObject(json, "drills");
	}
	for (size_t i = 0; i < n_ids; i++) {
		verify_report r;

		progress_say(&prog, "verifying %s (%zu of %zu)", ids[i], i + 1, n_ids);
		if (!verify_drill(no_db ? NULL : &s, ddir, fdir, ids[i], &o, &r, &err)) {
			verify_report_release(&r);
			goto error;
		}
		cli_progress_done(opts);
		n_done++;
		n_sound += r.n_problems == 0;
		n_beyond += r.beyond_scale_limit;
		if (r.mutation.ran) {
			n_mutated++;
			mt.total += r.mutation.total;
			mt.killed += r.mutation.killed;
			mt.equivalent += r.mutation.equivalent;
			mt.survived += r.mutation.survived;
		}
		if (json)
			cJSON_AddItemToArray(arr, report_json(&r));
		else {
			report_text(&r);
			fflush(stdout);
		}
		verify_report_release(&r);
	}
	{
		double secs = clock_now_s() - t0;

		if (json) {
			cJSON_AddBoolToObject(json, "sound", n_sound == n_done);
			cJSON_AddNumberToObject(json, "verified", (double) n_done);
			cJSON_AddNumberToObject(json, "unsound", (double) (n_done - n_sound));
			cJSON_AddNumberToObject(json, "beyond_scale_limit", (double) n_beyond);
			if (n_mutated > 0) {
				cJSON *m = cJSON_AddObjectToObject(json, "mutation");

				cJSON_AddNumberToObject(m, "drills", (double) n_mutated);
				cJSON_AddNumberToObject(m, "score", mutation_score(&mt));
				cJSON_AddNumberToObject(m, "total", (double) mt.total);
				cJSON_AddNumberToObject(m, "killed", (double) mt.killed);
				cJSON_AddNumberToObject(m, "equivalent", (double) mt.equivalent);
				cJSON_AddNumberToObject(m, "survived", (double) mt.survived);
			}
			cJSON_AddNumberToObject(json, "seconds", secs);
			cli_print_json(json);
			json = NULL;
		} else
		{
			if (n_mutated > 0)
				printf("mutation score %.1f%% over %zu drill%s: %zu killed, %zu equivalent, "
					   "%zu surviving of %zu\n", mutation_score(&mt), n_mutated,
					   n_mutated == 1 ? "" : "s", mt.killed, mt.equivalent, mt.survived,
					   mt.total);
			printf("%zu of %zu drill%s sound", n_sound, n_done, n_done == 1 ? "" : "s");
			if (n_beyond > 0)
				printf(", %zu of them not run past their scale_limit", n_beyond);
			printf(" (%.1f s)\n", secs);
		}
	}
	code = n_sound == n_done ? 0 : 1;
	goto done;
error:
	cli_progress_done(opts);
	cJSON_Delete(json);
	code = cli_report_error(opts, "author verify", &err);
done:
	verify_rebuilds_free(o.rebuilds, no_db ? NULL : &s);
	pool_after_command(&s);    /* refill what it drew (sandbox/pool.h) */
	server_close(&s);
	meta_strings_free(all_ids, n_all);
	free(ddir);
	free(fdir);
	return code;
}

int
cli_author(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"fixture", required_argument, NULL, OPT_FIXTURE},
		{"kind", required_argument, NULL, OPT_KIND},
		{"all", no_argument, NULL, OPT_ALL},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"no-db", no_argument, NULL, OPT_NO_DB},
		{"no-rebuild", no_argument, NULL, OPT_NO_REBUILD},
		{"no-mutants", no_argument, NULL, OPT_NO_MUTANTS},
		{NULL, 0, NULL, 0}
	};
	const char *fixture_name = NULL, *kind = "rewrite", *sub;
	verify_options vo = {.runs = CHECK_DEFAULT_RUNS, .rebuild = true, .mutants = true};
	bool all = false, no_db = false;
	error err = {0};
	char *end;
	int ch;

	/* verify proves drills at the scale learners get: PGDRILL_SCALE (read
	 * by main into opts->scale) does not apply, an explicit --scale does */
	opts->scale = 0;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		print_help();
		return 0;
	}
	if (argc < 2)
		return cli_usage_error("author", "new or verify?");
	sub = argv[1];
	if (strcmp(sub, "new") != 0 && strcmp(sub, "verify") != 0)
		return cli_usage_error("author", "unknown subcommand \"%s\" (new or verify)", sub);
	argc--;
	argv++;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			print_help();
			return 0;
		case OPT_FIXTURE:
			fixture_name = optarg;
			break;
		case OPT_KIND:
			kind = optarg;
			break;
		case OPT_ALL:
			all = true;
			break;
		case OPT_NO_DB:
			no_db = true;
			break;
		case OPT_NO_REBUILD:
			vo.rebuild = false;
			break;
		case OPT_NO_MUTANTS:
			vo.mutants = false;
			break;
		case OPT_RUNS:
			vo.runs = (int) strtol(optarg, &end, 10);
			if (*end != '\0' || vo.runs < 1 || vo.runs > CHECK_MAX_RUNS)
				return cli_usage_error("author verify", "invalid value \"%s\" for --runs: "
									   "expected 1 to %d", optarg, CHECK_MAX_RUNS);
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_option_error("author", argv, longopts);
			if (err.kind)
				return cli_usage_error("author", "%s", err.message);
		}
	}
	if (strcmp(sub, "new") == 0) {
		if (optind != argc - 1)
			return cli_usage_error("author new", optind >= argc ? "which drill id?"
								   : "too many arguments");
		if (fixture_name == NULL)
			return cli_usage_error("author new", "--fixture F is required");
		return author_new(opts, argv[optind], fixture_name, kind);
	}
	if (all == (optind < argc))
		return cli_usage_error("author verify", all ? "--all or drill ids, not both"
							   : "which drills? (ids, or --all)");
	vo.scale = opts->scale;
	return author_verify(opts, argv + optind, (size_t) (argc - optind), all, no_db, &vo);
}
