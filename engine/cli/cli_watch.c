/*
 * cli_watch.c — `pgdrill watch DRILL [--answer FILE]`: grade the answer,
 * then re-grade it every time it is saved, rustlings-style, until Ctrl-C.
 *
 * The drill is prepared once through its kind (engine/grading/kinds/kind.h;
 * for the SQL kinds check_prepare with share_baseline: templates, scratch
 * clones, the slow query's rows and the slow query's measurement; for
 * plan-reading the plan the learner was shown), so a re-grade only grades
 * the answer.  It is prepared on the first save the kind does not `refuse`:
 * a syntax error or a disallowed statement is answered before any server
 * work, like check's.  Saves are
 * seen with inotify on the answer's directory, not on the file: editors that
 * write a temporary file and rename it over the answer (vim, many IDEs)
 * replace the inode, which a watch on the file would lose.  Events for the
 * answer's name (IN_CLOSE_WRITE, IN_MOVED_TO) are debounced — grading starts
 * once no event came for --debounce milliseconds — and a save that left the
 * bytes unchanged is not re-graded.  Each grade is recorded in the learner
 * state like `check`'s.
 *
 * Output: text (the check report, after clearing a terminal screen) or, with
 * --format json, one compact JSON object per line (JSON Lines: a check
 * result with "answer_file", docs/json.md).  SIGINT / SIGTERM end the watch
 * after the grade in progress: the scratch databases are dropped and the
 * exit status is 0; a second Ctrl-C kills at once (the scratch databases are
 * then reaped by the next pgdrill run).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "grading/check.h"
#include "grading/kinds/kinds.h"
#include "report/check_report.h"
#include "cli/cli.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "fnv.h"
#include "pg/server.h"
#include "strbuf.h"
#include "os/signals.h"

#define WATCH_ANSWER_MAX (1024 * 1024)

static const char *const watch_help =
	"Usage: pgdrill watch DRILL [--answer FILE] [OPTIONS]\n\n"
	"Grade your answer to DRILL now and again every time you save it, until\n"
	"Ctrl-C.  The slow query is measured once, at the start.\n\n"
	"  --answer FILE      the answer (default: the workspace file of\n"
	"                     'pgdrill start DRILL')\n"
	"  --runs N           measured runs of the answer (default 5, 1-50)\n"
	"  --debounce MS      wait for MS milliseconds without a save before\n"
	"                     grading (default 150)\n\n";

enum { OPT_ANSWER = OPT_FIRST_COMMAND_OPTION, OPT_RUNS, OPT_DEBOUNCE };

/*
 * Wait until the answer was saved: an event for `name`, then quiet for
 * `debounce_ms`.  Returns 1 on a save, 0 when a signal asked us to stop,
 * -1 with err on an inotify failure.
 */
static int
wait_for_save(int fd, const char *name, int debounce_ms, error *err)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool saved = false;

	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int rc = poll(&p, 1, saved ? debounce_ms : -1);

		if (signals_caught())
			return 0;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0) {
			error_set(err, ERROR_ENV, "watching the answer's folder failed: %s",
					  strerror(errno));
			return -1;
		}
		if (rc == 0)
			return 1;   /* quiet for debounce_ms after a save */
		for (;;) {
			ssize_t n = read(fd, buf, sizeof buf);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;   /* EAGAIN: drained */
			for (char *q = buf; q < buf + n;) {
				const struct inotify_event *ev = (const struct inotify_event *) q;

				if (ev->mask & IN_IGNORED) {
					error_set(err, ERROR_ENV, "the answer's folder was removed");
					return -1;
				}
				if (ev->len > 0 && strcmp(ev->name, name) == 0 &&
					(ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)))
					saved = true;
				q += sizeof(struct inotify_event) + ev->len;
			}
		}
	}
}

static void
print_result(const cli_options *opts, const drill *d, const check_result *r,
			 const char *path, int round)
{
	if (opts->format == FORMAT_JSON) {
		cJSON *o = check_report_json(d, r, path);
		char *text;

		cJSON_AddNumberToObject(o, "round", round);
		if (r->status == CHECK_PASS)
			cli_add_pass_progress(opts, o, d->id);
		text = cJSON_PrintUnformatted(o);
		if (text)
			puts(text);
		free(text);
		cJSON_Delete(o);
	} else {
		char *text = check_report_text(d, r, opts->color, cli_program());
		time_t now = time(NULL);
		struct tm tm;
		char stamp[16];

		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
		if (opts->color)
			fputs("\033[2J\033[H", stdout);
		fputs(text, stdout);
		if (r->status == CHECK_PASS)
			cli_after_pass(opts, d->id);
		printf("\n[%s] watching %s — save to re-grade, Ctrl-C to stop\n", stamp, path);
		free(text);
	}
	fflush(stdout);
}

/* What a watch needs between grades. */
typedef struct watch {
	const char *path;         /* the answer file */
	char *dir;                /* its folder (watched) */
	const char *name;         /* its name in dir */
	int fd;                   /* inotify, or -1 */
	int debounce_ms;
	const drill_kind_ops *k;
	kind_env *env;            /* for prepare, on the first gradable answer */
	const fixture *f;
	const check_options *co;
	kind_grader *g;           /* NULL until then */
	int round;
	uint64_t last_hash;
	bool graded_once;
} watch;

/* Parse watch's arguments: -1 to go on (optind indexes the drill), or the
 * exit code to return at once. */
static int
parse_args(cli_options *opts, int argc, char **argv, const char **answer_path,
		   check_options *co, int *debounce_ms)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"answer", required_argument, NULL, OPT_ANSWER},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"debounce", required_argument, NULL, OPT_DEBOUNCE},
		{NULL, 0, NULL, 0}
	};
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", watch_help, CLI_COMMON_HELP);
			return 0;
		case OPT_ANSWER:
			*answer_path = optarg;
			break;
		case OPT_RUNS:
			if (!cli_parse_int("watch", "--runs", optarg, 1, CHECK_MAX_RUNS, &co->runs))
				return 2;
			break;
		case OPT_DEBOUNCE:
			if (!cli_parse_int("watch", "--debounce", optarg, 0, 10000, debounce_ms))
				return 2;
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_option_error("watch", argv, longopts);
			if (err.kind)
				return cli_usage_error("watch", "%s", err.message);
		}
	}
	if (optind != argc - 1)
		return optind >= argc
			? cli_usage_error("watch", "which drill? (%s list)", cli_program())
			: cli_usage_error("watch", "too many arguments");
	if (*answer_path && strcmp(*answer_path, "-") == 0)
		return cli_usage_error("watch", "--answer must be a file to watch, not '-'");
	return -1;
}

/* Watch the answer's folder (before the first grade, so that a save during
 * it is not lost). */
static bool
watch_folder(watch *w, error *err)
{
	const char *slash = strrchr(w->path, '/');

	w->dir = slash ? xstrndup(w->path, slash == w->path ? 1 : (size_t) (slash - w->path))
		: xstrdup(".");
	w->name = slash ? slash + 1 : w->path;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0 || inotify_add_watch(w->fd, w->dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0)
		return error_set(err, ERROR_ENV, "cannot watch \"%s\": %s", w->dir, strerror(errno));
	return true;
}

/* Grade the answer file if its bytes changed since the last grade.  False
 * with err when it cannot be read (and was never graded, or still exists). */
static bool
grade_if_changed(const cli_options *opts, const drill *d, watch *w, error *err)
{
	size_t len;
	char *text = fileio_read(w->path, WATCH_ANSWER_MAX, &len, err);
	uint64_t h;

	if (text == NULL) {
		/* mid-rename, or removed: wait for the next save */
		if (!fileio_exists(w->path) && w->graded_once) {
			error_clear(err);
			return true;
		}
		err->kind = ERROR_REJECTED;
		return false;
	}
	h = fnv_bytes(FNV_INIT, text, len);
	if (!w->graded_once || h != w->last_hash) {
		check_result r;

		/* Refuse what cannot be graded before any server work (as check
		 * does): the drill is prepared on the first answer that may be
		 * graded, so a watch started on a syntax error costs no cluster
		 * start, template, clone or slow-query run until it is fixed. */
		if (!w->k->refuse(d, text, len, &r)) {
			if (w->g == NULL) {
				w->g = w->k->prepare(w->env, d, w->f, w->co, err);
				cli_progress_done(opts);
				if (w->g == NULL) {
					free(text);
					return false;
				}
			}
			w->k->grade(w->g, text, len, &r);
		}
		cli_progress_done(opts);
		if (signals_caught()) {
			/* interrupted mid-grade: not an attempt */
			check_result_release(&r);
			free(text);
			return true;
		}
		if (r.status != CHECK_ERROR)
			cli_record_attempt(d, &r);   /* first: a pass shows the new progress */
		print_result(opts, d, &r, w->path, ++w->round);
		check_result_release(&r);
		w->last_hash = h;
		w->graded_once = true;
	}
	free(text);
	return true;
}

/* Grade, then wait for a save, until a signal.  False with err. */
static bool
watch_loop(const cli_options *opts, const drill *d, watch *w, error *err)
{
	while (!signals_caught()) {
		if (!grade_if_changed(opts, d, w, err))
			return false;
		if (signals_caught())
			break;
		if (wait_for_save(w->fd, w->name, w->debounce_ms, err) < 0)
			return false;
	}
	return true;
}

int
cli_watch(cli_options *opts, int argc, char **argv)
{
	const char *given = NULL;
	char *path = NULL;
	check_options co = {.runs = CHECK_DEFAULT_RUNS, .share_baseline = true, .learner = true};
	watch w = {.fd = -1, .debounce_ms = 150};
	drill *d = NULL;
	fixture *f = NULL;
	progress prog;
	kind_env env;
	error err = {0};
	int code = 0;

	if ((code = parse_args(opts, argc, argv, &given, &co, &w.debounce_ms)) >= 0)
		return code;
	code = 0;
	opts->json_lines = true;    /* an error ends the JSON Lines stream on one line */
	prog = cli_progress(opts);
	env = kind_env_init(opts->db_conninfo, &prog);
	/* watch ends on ^C and must leave no scratch database behind it at
	 * that moment (docs/sandbox.md); between saves the learner is editing */
	env.drop_now = true;
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err) ||
		(path = cli_answer_path(d, given, "watch", &err)) == NULL)
		goto error;
	if (!fileio_exists(path)) {
		error_set(&err, ERROR_USAGE, "no answer to watch for drill %s", d->id);
		error_detail(&err, "%s does not exist.", path);
		goto error;
	}
	w.path = path;
	w.k = kind_of(d);
	if (!watch_folder(&w, &err))
		goto error;
	/* Ctrl-C stops the watch (os/signals.h: one policy; a grade in flight is
	 * cancelled as in check); a second one ends pgdrill at once. */
	signals_unwind_on_first();
	co.scale = opts->scale;
	co.prog = &prog;
	w.env = &env;
	w.f = f;
	w.co = &co;
	if (!watch_loop(opts, d, &w, &err))
		goto error;
	signals_consume();   /* stopping on Ctrl-C is watch's normal end: exit 0 */
	if (opts->format != FORMAT_JSON)
		fprintf(stderr, "\nStopped watching %s.\n", path);
	goto done;
error:
	code = cli_report_error(opts, "watch", &err);
done:
	if (w.k && w.g)
		w.k->finish(w.g);
	kind_env_close(&env);
	if (w.fd >= 0)
		close(w.fd);
	free(w.dir);
	free(path);
	drill_free(d);
	fixture_free(f);
	return code;
}
