/*
 * cli_practice.c — `pgdrill practice [--minutes N] [--end] [--new]`: a
 * timeboxed session (default 30 minutes).
 *
 * The first call plans the session: drills in `next` order that fit in the
 * time (engine/learner/track.c: track_practice), saved in the learner state with the
 * start time.  Later calls show where the session stands (time left, each
 * drill passed or not, from the attempts `check` recorded since the start).
 * `--end`, or a call after the time is up, prints the summary and closes the
 * session; `--new` closes an open one and plans another.  The learner works
 * each drill with `start` / `check` / `watch` as usual.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "learner/state.h"
#include "strbuf.h"
#include "learner/track.h"

static const char *const practice_help =
	"Usage: pgdrill practice [--minutes N] [--theme THEME] [--end | --new] [OPTIONS]\n\n"
	"A timeboxed session: drills chosen from your track to fit in N minutes\n"
	"(default 30).  Work them with 'pgdrill start' and 'pgdrill check'; run\n"
	"'pgdrill practice' again to see the time left, '--end' for the summary.\n\n"
	"  --minutes N        session length, 5 to 240 (default 30)\n"
	"  --end              end the open session and print its summary\n"
	"  --new              end the open session (if any) and plan a new one\n"
	CLI_THEME_HELP
	"                     (when a session is planned)\n\n";

enum { OPT_MINUTES = OPT_FIRST_COMMAND_OPTION, OPT_END, OPT_NEW, OPT_THEME };

typedef enum practice_action { ACT_AUTO, ACT_END, ACT_NEW } practice_action;

typedef struct practice_edit {
	const catalog *c;
	const theme *t;            /* --theme: plan from its scope only */
	practice_action act;
	int minutes;
	long long now;
	const char *what;          /* "planned", "status", "summary" */
	state *snapshot;           /* the session as it was (for the report) */
} practice_edit;

/* Keep a copy of the state as the edit saw it, session included, so the
 * report can be written after the session is closed. */
static void
take_snapshot(practice_edit *p, const state *st)
{
	char *text = state_serialize(st);
	error err;

	state_free(p->snapshot);
	p->snapshot = NULL;
	if (!state_parse(text, "state", &p->snapshot, &err))
		p->snapshot = state_new();
	free(text);
}

static bool
edit(state *st, void *ctx, error *err)
{
	practice_edit *p = ctx;
	bool open = st->practice.open;
	bool expired = open && p->now >= st->practice.started_at + 60LL * st->practice.minutes;

	(void) err;
	if (p->act == ACT_END || (p->act == ACT_AUTO && expired)) {
		if (!open)
			return error_set(err, ERROR_USAGE, "no practice session is open");
		p->what = "summary";
		take_snapshot(p, st);
		state_practice_close(st);
		return true;
	}
	if (open && p->act == ACT_AUTO) {
		p->what = "status";
		take_snapshot(p, st);
		return false;
	}
	{
		const drill **list;
		size_t n = track_practice(p->c, st, p->t, p->minutes, &list);
		const char **ids = xcalloc(n + 1, sizeof(char *));

		for (size_t i = 0; i < n; i++)
			ids[i] = list[i]->id;
		state_practice_open(st, p->now, p->minutes, ids, n);
		free(ids);
		free(list);
	}
	p->what = "planned";
	take_snapshot(p, st);
	return true;
}

/* What the learner did with one drill since the session started. */
typedef struct drill_progress {
	int attempts;
	bool passed;
	double best;
} drill_progress;

static drill_progress
progress_of(const state *st, const char *id)
{
	drill_progress dp = {0, false, -1};

	for (size_t i = 0; i < st->n_attempts; i++) {
		const state_attempt *a = &st->attempts[i];

		if (a->at < st->practice.started_at || strcmp(a->drill, id) != 0)
			continue;
		dp.attempts++;
		if (strcmp(a->status, "pass") == 0)
			dp.passed = true;
		if (a->score > dp.best)
			dp.best = a->score;
	}
	return dp;
}

static void
report(const cli_options *opts, const practice_edit *p)
{
	const state *st = p->snapshot;
	const state_practice *s = &st->practice;
	long long elapsed = p->now - s->started_at;
	long long left = 60LL * s->minutes - elapsed;
	int passed = 0;

	if (left < 0)
		left = 0;
	for (size_t i = 0; i < s->n_drills; i++)
		if (progress_of(st, s->drills[i]).passed)
			passed++;
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "command", "practice");
		cJSON_AddStringToObject(o, "session", p->what);
		cli_add_theme_json(o, strcmp(p->what, "planned") == 0 ? p->t : NULL);
		cJSON_AddNumberToObject(o, "minutes", s->minutes);
		cJSON_AddNumberToObject(o, "started_at", (double) s->started_at);
		cJSON_AddNumberToObject(o, "elapsed_s", (double) elapsed);
		cJSON_AddNumberToObject(o, "remaining_s", (double) left);
		cJSON_AddNumberToObject(o, "passed", passed);
		arr = cJSON_AddArrayToObject(o, "drills");
		for (size_t i = 0; i < s->n_drills; i++) {
			const drill *d = catalog_drill(p->c, s->drills[i]);
			drill_progress dp = progress_of(st, s->drills[i]);
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "drill", s->drills[i]);
			if (d)
				cJSON_AddNumberToObject(x, "minutes", d->minutes);
			cJSON_AddNumberToObject(x, "attempts", dp.attempts);
			cJSON_AddBoolToObject(x, "passed", dp.passed);
			if (dp.best >= 0)
				cJSON_AddNumberToObject(x, "best_score", dp.best);
			else
				cJSON_AddNullToObject(x, "best_score");
			cJSON_AddItemToArray(arr, x);
		}
		cli_print_json(o);
		return;
	}
	if (strcmp(p->what, "planned") == 0) {
		if (s->n_drills == 0) {
			printf("No drill on your track fits in %d minute%s (%s next shows the "
				   "next one; try --minutes).\n", s->minutes, s->minutes == 1 ? "" : "s",
				   cli_program());
			return;
		}
		printf("Practice session: %d minute%s.\n\n", s->minutes, s->minutes == 1 ? "" : "s");
	} else if (strcmp(p->what, "status") == 0)
		printf("Practice session: %lld of %d minute%s left.\n\n", (left + 59) / 60, s->minutes,
			   s->minutes == 1 ? "" : "s");
	else
		printf("Practice session over (%lld minute%s): %d of %zu drill%s passed.\n\n",
			   (elapsed + 59) / 60, (elapsed + 59) / 60 == 1 ? "" : "s", passed, s->n_drills,
			   s->n_drills == 1 ? "" : "s");
	for (size_t i = 0; i < s->n_drills; i++) {
		const drill *d = catalog_drill(p->c, s->drills[i]);
		drill_progress dp = progress_of(st, s->drills[i]);

		printf("  %s %-28s ~%2d min", dp.passed ? "[x]" : "[ ]", s->drills[i],
			   d ? d->minutes : 0);
		if (dp.attempts)
			printf("  %d attempt%s", dp.attempts, dp.attempts == 1 ? "" : "s");
		if (dp.best >= 0)
			printf(", best score %.1f", dp.best);
		printf("\n");
	}
	if (strcmp(p->what, "summary") != 0) {
		for (size_t i = 0; i < s->n_drills; i++)
			if (!progress_of(st, s->drills[i]).passed) {
				printf("\nNext: %s start %s\n", cli_program(), s->drills[i]);
				break;
			}
	}
}

int
cli_practice(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"end", no_argument, NULL, OPT_END},
		{"new", no_argument, NULL, OPT_NEW},
		{"theme", required_argument, NULL, OPT_THEME},
		{NULL, 0, NULL, 0}
	};
	practice_edit p = {NULL, NULL, ACT_AUTO, 30, 0, NULL, NULL};
	const char *theme_id = NULL;
	catalog *c = NULL;
	char *path = NULL;
	error err = {0};
	int ch, code = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", practice_help, CLI_COMMON_HELP);
			return 0;
		case OPT_MINUTES:
			if (!cli_parse_int("practice", "--minutes", optarg, 5, 240, &p.minutes))
				return 2;
			break;
		case OPT_THEME:
			theme_id = optarg;
			break;
		case OPT_END:
		case OPT_NEW:
			if (p.act != ACT_AUTO)
				return cli_usage_error("practice", "--end and --new exclude each other");
			p.act = ch == OPT_END ? ACT_END : ACT_NEW;
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_option_error("practice", argv, longopts);
			if (err.kind)
				return cli_usage_error("practice", "%s", err.message);
		}
	}
	if (optind != argc)
		return cli_usage_error("practice", "too many arguments");
	if (!cli_load_learner(opts, &c, NULL, &path, &err))
		return cli_report_error(opts, "practice", &err);
	p.c = c;
	p.now = (long long) time(NULL);
	if (!cli_find_theme(c, theme_id, &p.t, &err))
		code = cli_report_error(opts, "practice", &err);
	else if (!state_update(path, edit, &p, &err))
		code = cli_report_error(opts, "practice", &err);
	else
		report(opts, &p);
	state_free(p.snapshot);
	free(path);
	catalog_free(c);
	return code;
}
