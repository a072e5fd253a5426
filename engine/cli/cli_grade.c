/*
 * cli_grade.c — `pgdrill grade PATH`: grade a whole folder of answers (or
 * a manifest) for CI, and report as text, JSON, JUnit XML or GitHub
 * annotations (docs/ci.md).
 *
 * PATH is a directory, walked recursively for `<drill-id>.sql` files (or
 * another kind's answer extension, `<drill-id>.answers` for plan-reading;
 * dot files and folders are ignored), or a manifest: a JSON array of
 * {"drill": ID, "file": PATH} with paths relative to the manifest.  Answers
 * are sorted by path; `--shard I/N` keeps every N-th starting at the I-th,
 * so N jobs split the work deterministically.  Each drill is loaded and
 * prepared once through its kind (engine/grading/kinds/kind.h; for the SQL
 * kinds check_prepare with share_baseline: templates, clones, the slow
 * query's rows once per drill per run, its measurement once too, when the
 * first answer with the right rows needs it), then every
 * answer to it is graded by the kind.  Answers the kind refuses (a syntax
 * error, a disallowed statement) are rejected first, and a drill none of
 * whose answers is left is never prepared: no server work for them.
 * A file naming no known drill is reported as rejected for that file alone.
 * Nothing is recorded in the learner state: CI is not a learner.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "grading/check.h"
#include "grading/kinds/kinds.h"
#include "report/check_report.h"
#include "cli/cli.h"
#include "os/clock.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "report/report.h"
#include "report/report_html.h"
#include "report/verdict.h"
#include "pg/server.h"
#include "strbuf.h"
#include "textpos.h"

#define GRADE_ANSWER_MAX (1024 * 1024)
#define GRADE_MAX_DEPTH 16

static const char *const grade_help =
	"Usage: pgdrill grade DIR|MANIFEST [OPTIONS]\n\n"
	"Grade every answer for CI: DIR holds <drill-id>.sql files (nested folders\n"
	"allowed); a MANIFEST is a JSON array of {\"drill\": ID, \"file\": PATH}.\n"
	"Slow query and reference are measured once per drill for the whole run.\n\n"
	"  --format FORMAT    text (default), json, junit or github\n"
	"  --out [FORMAT=]FILE  write the report in FORMAT (default: --format's;\n"
	"                     also html: one page an instructor opens) to\n"
	"                     FILE; repeat it for several formats from one run\n"
	"                     (--out junit=grade.xml --out json=grade.json); FILE -\n"
	"                     is standard output.  A text summary still goes to\n"
	"                     standard output unless an --out is text or -\n"
	"  --shard I/N        grade only the I-th of N shares (1 <= I <= N)\n"
	"  --runs N           measured runs of each query (default 5, 1-50)\n\n"
	"Exit status: 0 all passed, 1 some failed, 3 some rejected (outranks\n"
	"failed), 4 environment failure (outranks both), 2 usage error.\n\n";

enum { OPT_OUT = OPT_FIRST_COMMAND_OPTION, OPT_SHARD, OPT_RUNS };

typedef struct item_list {
	grade_item *v;
	size_t n, cap;
} item_list;

static void
add_item(item_list *l, const char *file, const char *drill_id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof(grade_item));
	}
	memset(&l->v[l->n], 0, sizeof(grade_item));
	l->v[l->n].file = xstrdup(file);
	l->v[l->n].drill_id = xstrdup(drill_id);
	l->v[l->n].line = 1;
	l->n++;
}

static bool
walk(item_list *l, const char *dir, int depth, error *err)
{
	DIR *d;
	struct dirent *de;
	bool ok = true;

	if (depth > GRADE_MAX_DEPTH)
		return error_set(err, ERROR_USAGE, "\"%s\" is nested more than %d folders deep",
						 dir, GRADE_MAX_DEPTH);
	d = opendir(dir);
	if (d == NULL)
		return error_set(err, ERROR_USAGE, "cannot read the folder \"%s\"", dir);
	while (ok && (de = readdir(d)) != NULL) {
		char *path;
		struct stat st;
		size_t stem;

		if (de->d_name[0] == '.')
			continue;
		path = paths_join(dir, de->d_name);
		if (stat(path, &st) != 0)
			;   /* a dangling link: not an answer */
		else if (S_ISDIR(st.st_mode))
			ok = walk(l, path, depth + 1, err);
		else if (S_ISREG(st.st_mode) && (stem = kinds_answer_stem(de->d_name)) > 0) {
			char *id = xstrndup(de->d_name, stem);

			add_item(l, path, id);
			free(id);
		}
		free(path);
	}
	closedir(d);
	return ok;
}

static bool
read_manifest(item_list *l, const char *path, error *err)
{
	size_t len;
	char *text = fileio_read(path, GRADE_ANSWER_MAX * 16, &len, err);
	const char *slash = strrchr(path, '/');
	char *base = slash ? xstrndup(path, (size_t) (slash - path)) : xstrdup(".");
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	const cJSON *it;
	int i = 0;
	bool ok = false;

	if (text == NULL)
		goto done;
	if (!cJSON_IsArray(root)) {
		error_set(err, ERROR_USAGE, "%s: a manifest is a JSON array of "
				  "{\"drill\": ID, \"file\": PATH}", path);
		goto done;
	}
	cJSON_ArrayForEach(it, root) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "drill");
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(it, "file");
		char *full;

		if (!cJSON_IsString(id) || !cJSON_IsString(file) || file->valuestring[0] == '\0') {
			error_set(err, ERROR_USAGE, "%s: entry %d needs string fields \"drill\" and \"file\"",
					  path, i);
			goto done;
		}
		full = file->valuestring[0] == '/' || strcmp(base, ".") == 0
			? xstrdup(file->valuestring) : paths_join(base, file->valuestring);
		add_item(l, full, id->valuestring);
		free(full);
		i++;
	}
	ok = true;
done:
	cJSON_Delete(root);
	free(text);
	free(base);
	return ok;
}

static int
cmp_item(const void *a, const void *b)
{
	const grade_item *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : strcmp(x->drill_id, y->drill_id);
}

static bool
parse_shard(const char *s, int *index, int *count)
{
	char *end;
	long i = strtol(s, &end, 10), n;

	if (end == s || *end != '/')
		return false;
	s = end + 1;
	n = strtol(s, &end, 10);
	if (end == s || *end != '\0' || n < 1 || n > 10000 || i < 1 || i > n)
		return false;
	*index = (int) i;
	*count = (int) n;
	return true;
}

/* Line and column of a 1-based byte position in text. */
static void
locate(grade_item *it, const char *text, size_t len)
{
	size_t pos = (size_t) it->r.err.position;

	if (pos == 0 || pos > len + 1)
		return;
	text_line_column(text, len, (long) pos, &it->line, &it->column);
}

/* Whether the catalogue has a drill folder named id. */
static bool
drill_exists(const cli_options *opts, const char *id)
{
	error err;
	char *ddir = paths_drills_dir(opts->drills_dir, &err);
	char *meta;
	bool yes;

	if (ddir == NULL || strchr(id, '/') || id[0] == '.' || id[0] == '\0') {
		free(ddir);
		return false;
	}
	meta = xasprintf("%s/%s/drill.json", ddir, id);
	yes = fileio_exists(meta);
	free(meta);
	free(ddir);
	return yes;
}

/* Grade the items idx[0..nidx) of l (all for one drill id) through its
 * kind; the server of env is opened on first need and tried once.  The
 * loaded drill and fixture are appended to loaded / fixtures. */
static void
grade_drill(const cli_options *opts, item_list *l, size_t *idx, size_t nidx,
			kind_env *env, const check_options *co, drill **loaded, fixture **fixtures,
			size_t *n_loaded)
{
	const char *id = l->v[idx[0]].drill_id;
	drill *d = NULL;
	fixture *f = NULL;
	kind_grader *g = NULL;
	char **texts;
	size_t *lens, pending = 0;
	error err = {0};

	if (!cli_load_drill(opts, id, &d, &f, &err)) {
		/* A file naming no drill is rejected; a broken catalogue entry is
		 * an environment error. */
		bool unknown = !drill_exists(opts, id);

		if (unknown)
			error_hint(&err, "Answer files are named <drill-id>.sql; '%s list' shows "
					   "the drills.", cli_program());
		for (size_t k = 0; k < nidx; k++)
			check_result_ungraded(&l->v[idx[k]].r, unknown ? CHECK_REJECTED : CHECK_ERROR, &err,
								  0);
		return;
	}
	loaded[*n_loaded] = d;
	fixtures[(*n_loaded)++] = f;
	/* Read every answer and refuse what cannot be graded before any server
	 * work (as check does); the drill is prepared only when an answer is
	 * left to grade, so a folder of syntax errors costs no cluster start,
	 * template, clone or slow-query run. */
	texts = xcalloc(nidx + 1, sizeof *texts);
	lens = xcalloc(nidx + 1, sizeof *lens);
	for (size_t k = 0; k < nidx; k++) {
		grade_item *it = &l->v[idx[k]];
		double t0 = clock_now_s();

		it->d = d;
		texts[k] = fileio_read(it->file, GRADE_ANSWER_MAX, &lens[k], &err);
		if (texts[k] == NULL) {
			err.kind = ERROR_REJECTED;
			check_result_ungraded(&it->r, CHECK_REJECTED, &err, 0);
			error_clear(&err);
			continue;
		}
		if (kind_of(d)->refuse(d, texts[k], lens[k], &it->r)) {
			locate(it, texts[k], lens[k]);
			it->seconds = clock_now_s() - t0;
			free(texts[k]);
			texts[k] = NULL;
			continue;
		}
		pending++;
	}
	if (pending > 0)
		g = kind_of(d)->prepare(env, d, f, co, &err);
	for (size_t k = 0; k < nidx; k++) {
		grade_item *it = &l->v[idx[k]];
		double t0 = clock_now_s();

		if (texts[k] == NULL)
			continue;
		if (g == NULL)
			check_result_ungraded(&it->r, CHECK_ERROR, &err, 0);
		else {
			progress_say(co->prog, "grading %s", it->file);
			kind_of(d)->grade(g, texts[k], lens[k], &it->r);
			locate(it, texts[k], lens[k]);
			it->seconds = clock_now_s() - t0;
		}
		free(texts[k]);
	}
	free(texts);
	free(lens);
	if (g)
		kind_of(d)->finish(g);
}

static cJSON *
item_json(const grade_item *it)
{
	drill id_only;            /* a drill that did not load: its id is all we have */
	cJSON *o;

	memset(&id_only, 0, sizeof id_only);
	id_only.id = it->drill_id;
	o = check_report_json(it->d ? it->d : &id_only, &it->r, it->file);
	cJSON_AddNumberToObject(o, "line", it->line);
	cJSON_AddNumberToObject(o, "seconds", it->seconds);
	return o;
}

static char *
render_json(const grade_run *run)
{
	grade_counts c = report_counts(run);
	cJSON *o = cJSON_CreateObject();
	cJSON *sum, *arr;
	char *text;
	strbuf sb = STRBUF_INIT;

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "command", "grade");
	cJSON_AddNumberToObject(o, "exit_code", report_exit_code(run));
	if (run->shard_count > 0) {
		cJSON *sh = cJSON_AddObjectToObject(o, "shard");

		cJSON_AddNumberToObject(sh, "index", run->shard_index);
		cJSON_AddNumberToObject(sh, "count", run->shard_count);
	} else
		cJSON_AddNullToObject(o, "shard");
	cJSON_AddStringToObject(o, "timestamp", run->timestamp);
	cJSON_AddNumberToObject(o, "seconds", run->seconds);
	sum = cJSON_AddObjectToObject(o, "summary");
	cJSON_AddNumberToObject(sum, "total", (double) run->n);
	cJSON_AddNumberToObject(sum, "pass", (double) c.pass);
	cJSON_AddNumberToObject(sum, "fail", (double) c.fail);
	cJSON_AddNumberToObject(sum, "rejected", (double) c.rejected);
	cJSON_AddNumberToObject(sum, "error", (double) c.error);
	arr = cJSON_AddArrayToObject(o, "results");
	for (size_t i = 0; i < run->n; i++)
		cJSON_AddItemToArray(arr, item_json(&run->items[i]));
	text = cJSON_Print(o);
	cJSON_Delete(o);
	strbuf_append(&sb, text ? text : "{}");
	strbuf_append_char(&sb, '\n');
	free(text);
	return strbuf_steal(&sb);
}

static char *
render_text(const grade_run *run)
{
	grade_counts c = report_counts(run);
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < run->n; i++) {
		const grade_item *it = &run->items[i];
		char *msg = check_report_message(&it->r);
		const char *eol = strchr(msg, '\n');

		strbuf_printf(&sb, "%-8s %s (%s)", check_status_name(it->r.status), it->file,
					  it->drill_id);
		if (it->r.measured)
			strbuf_printf(&sb, " score %.1f", it->r.score.score);
		if (it->r.status != CHECK_PASS) {
			strbuf_printf(&sb, "\n         %.*s", eol ? (int) (eol - msg) : (int) strlen(msg), msg);
			if (it->r.err.position > 0)
				strbuf_printf(&sb, " (line %d, column %d)", it->line, it->column);
		}
		strbuf_append_char(&sb, '\n');
		free(msg);
	}
	strbuf_printf(&sb, "%zu answer%s: %zu passed, %zu failed, %zu rejected, %zu error%s "
				  "(%.1f s)\n", run->n, run->n == 1 ? "" : "s", c.pass, c.fail, c.rejected,
				  c.error, c.error == 1 ? "" : "s", run->seconds);
	return strbuf_steal(&sb);
}

#define GRADE_MAX_OUTS 8
#define GRADE_FORMATS ((1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_JUNIT) | \
					   (1u << FORMAT_GITHUB) | (1u << FORMAT_HTML))

/* One --out: a format (-1 = --format's) and a file ("-" = stdout). */
typedef struct grade_out {
	int format;
	const char *file;
} grade_out;

/* What grade was asked to do. */
typedef struct grade_args {
	check_options co;
	output_format format;
	grade_out outs[GRADE_MAX_OUTS];
	size_t n_outs;
	const char *path;
	int shard_index, shard_count;
} grade_args;

/* Parse --out [FORMAT=]FILE.  A prefix that names no format is part of the
 * file name (results=1.xml is a file).  False with a usage error printed. */
static bool
parse_out(const char *arg, grade_args *ga)
{
	const char *eq = strchr(arg, '=');
	grade_out o = {-1, arg};

	if (ga->n_outs == GRADE_MAX_OUTS) {
		cli_usage_error("grade", "at most %d --out options", GRADE_MAX_OUTS);
		return false;
	}
	if (eq) {
		char *name = xstrndup(arg, (size_t) (eq - arg));
		output_format f;
		error ignored = {0};

		if (cli_parse_format(name, GRADE_FORMATS, &f, &ignored)) {
			o.format = (int) f;
			o.file = eq + 1;
		}
		free(name);
	}
	if (o.file[0] == '\0') {
		cli_usage_error("grade", "--out %s: which file?", arg);
		return false;
	}
	ga->outs[ga->n_outs++] = o;
	return true;
}

/* Parse grade's arguments: -1 to go on, or the exit code to return. */
static int
parse_args(cli_options *opts, int argc, char **argv, grade_args *ga)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"out", required_argument, NULL, OPT_OUT},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"runs", required_argument, NULL, OPT_RUNS},
		{NULL, 0, NULL, 0}
	};
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", grade_help, CLI_COMMON_HELP);
			return 0;
		case OPT_FORMAT:
			if (!cli_parse_format(optarg, GRADE_FORMATS, &ga->format, &err))
				return cli_usage_error("grade", "%s: expected text, json, junit, github or html",
									   err.message);
			opts->format = ga->format == FORMAT_JSON ? FORMAT_JSON : FORMAT_TEXT;
			break;
		case OPT_OUT:
			if (!parse_out(optarg, ga))
				return 2;
			break;
		case OPT_SHARD:
			if (!parse_shard(optarg, &ga->shard_index, &ga->shard_count))
				return cli_usage_error("grade", "invalid value \"%s\" for --shard: expected "
									   "I/N with 1 <= I <= N", optarg);
			break;
		case OPT_RUNS:
			if (!cli_parse_int("grade", "--runs", optarg, 1, CHECK_MAX_RUNS, &ga->co.runs))
				return 2;
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_option_error("grade", argv, longopts);
			if (err.kind)
				return cli_usage_error("grade", "%s", err.message);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("grade", optind >= argc ? "grade what? give a folder of "
							   "answers or a manifest" : "too many arguments");
	ga->path = argv[optind];
	return -1;
}

static void
items_free(item_list *l, bool with_results)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].drill_id);
		if (with_results)
			check_result_release(&l->v[i].r);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The answers to grade, sorted by path, this shard's only.  False with err
 * (nothing to free then). */
static bool
collect_items(const grade_args *ga, item_list *l, error *err)
{
	item_list all = {NULL, 0, 0};
	struct stat st;

	if (stat(ga->path, &st) != 0)
		return error_set(err, ERROR_USAGE, "\"%s\" does not exist", ga->path);
	if (!(S_ISDIR(st.st_mode) ? walk(&all, ga->path, 0, err)
		  : read_manifest(&all, ga->path, err))) {
		items_free(&all, false);
		return false;
	}
	if (all.n == 0) {
		error_set(err, ERROR_USAGE, "no answers in \"%s\"", ga->path);
		error_hint(err, "Answer files are named <drill-id>.sql.");
		return false;
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof(grade_item), cmp_item);
	/* the shard: every N-th answer in path order */
	for (size_t i = 0; i < all.n; i++) {
		if (ga->shard_count == 0 || (int) (i % (size_t) ga->shard_count) == ga->shard_index - 1) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 32;
				l->v = xrealloc(l->v, l->cap * sizeof(grade_item));
			}
			l->v[l->n++] = all.v[i];
		} else {
			free(all.v[i].file);
			free(all.v[i].drill_id);
		}
	}
	free(all.v);
	return true;
}

/* The loaded drills and fixtures of a run (the items point into them). */
typedef struct loaded_drills {
	drill **drills;
	fixture **fixtures;
	size_t n;
} loaded_drills;

/* Grade every item, one drill at a time: gather its answers, prepare once,
 * grade each. */
static void
grade_all(const cli_options *opts, item_list *l, const check_options *co, kind_env *env,
		  loaded_drills *ld)
{
	size_t *idx = xcalloc(l->n + 1, sizeof(size_t));

	ld->drills = xcalloc(l->n + 1, sizeof(drill *));
	ld->fixtures = xcalloc(l->n + 1, sizeof(fixture *));
	for (size_t i = 0; i < l->n; i++) {
		size_t nidx = 0;
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(l->v[j].drill_id, l->v[i].drill_id) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < l->n; j++)
			if (strcmp(l->v[j].drill_id, l->v[i].drill_id) == 0)
				idx[nidx++] = j;
		grade_drill(opts, l, idx, nidx, env, co, ld->drills, ld->fixtures, &ld->n);
	}
	free(idx);
}

/* The report of `run` in `format` (malloc'd). */
static char *
render(output_format format, const grade_run *run)
{
	switch (format) {
	case FORMAT_JSON:
		return render_json(run);
	case FORMAT_JUNIT:
		return report_junit(run);
	case FORMAT_GITHUB:
		return report_github(run);
	case FORMAT_HTML:
		return report_html_grade(run);
	default:
		return render_text(run);
	}
}

/* Write the run in every --out's format to its file ("-": stdout), then the
 * job log on stdout: the --format report without --out; with --out, the
 * text summary unless a text report or "-" took stdout's place.  Returns
 * the exit code. */
static int
write_report(const cli_options *opts, const grade_args *ga, const grade_run *run)
{
	int code = report_exit_code(run);
	bool text_out = false;
	error err = {0};

	for (size_t i = 0; i < ga->n_outs; i++) {
		const grade_out *o = &ga->outs[i];
		output_format f = o->format < 0 ? ga->format : (output_format) o->format;
		char *text = render(f, run);
		bool to_stdout = strcmp(o->file, "-") == 0;
		bool ok = to_stdout ? fputs(text, stdout) >= 0
			: fileio_write_atomic(o->file, text, strlen(text), 0644, &err);

		free(text);
		if (!ok)
			return cli_report_error(opts, "grade", &err);
		text_out |= f == FORMAT_TEXT || to_stdout;
	}
	if (ga->n_outs == 0 || !text_out) {
		char *report = render(ga->n_outs ? FORMAT_TEXT : ga->format, run);

		fputs(report, stdout);
		free(report);
	}
	return code;
}

int
cli_grade(cli_options *opts, int argc, char **argv)
{
	grade_args ga = {.co = {.runs = CHECK_DEFAULT_RUNS, .share_baseline = true}};
	item_list l = {NULL, 0, 0};
	loaded_drills ld = {NULL, NULL, 0};
	error err = {0};
	progress prog;
	kind_env env;
	double t0 = clock_now_s();
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	grade_run run;
	int code;

	if ((code = parse_args(opts, argc, argv, &ga)) >= 0)
		return code;
	if (!collect_items(&ga, &l, &err))
		return cli_report_error(opts, "grade", &err);
	ga.co.scale = opts->scale;
	prog = cli_progress(opts);
	ga.co.prog = &prog;
	env = kind_env_init(opts->db_conninfo, &prog);
	grade_all(opts, &l, &ga.co, &env, &ld);
	cli_progress_done(opts);

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	run = (grade_run) {l.v, l.n, clock_now_s() - t0, stamp, ga.shard_index, ga.shard_count};
	code = write_report(opts, &ga, &run);

	items_free(&l, true);
	for (size_t i = 0; i < ld.n; i++) {
		drill_free(ld.drills[i]);
		fixture_free(ld.fixtures[i]);
	}
	free(ld.drills);
	free(ld.fixtures);
	kind_env_close(&env);
	return code;
}
