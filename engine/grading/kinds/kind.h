/*
 * kind.h — a drill kind as one interface, the way PostgreSQL's index access
 * methods are (amapi.h: a handler returns an IndexAmRoutine, a struct of
 * callbacks, and the core never switches on the access method).
 *
 * Every kind (rewrite, index, cache, plan-reading, ...) fills one
 * `drill_kind_ops` in its own file under engine/grading/kinds/ and is named
 * once in the registration table of kinds.c.  Every command that handles a
 * drill — check, watch, grade, show, start, hint, author new and author
 * verify — and the learner's state go through these operations and never
 * ask which kind a drill is, so a new kind cannot be forgotten by one of
 * them.  docs/architecture.md ("Drill kinds") says how to add one.
 *
 * What the interface does not do: print (the CLI does, through report/'s
 * renderers, which call a verdict's own detail renderers), nor parse
 * drill.json's common fields (catalog/drill.c does; a kind validates and
 * completes what is its own).
 */
#ifndef PGDRILL_KIND_H
#define PGDRILL_KIND_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "error.h"
#include "grading/check.h"
#include "grading/verify_report.h"
#include "plan/plan.h"
#include "os/progress.h"
#include "pg/server.h"
#include "sandbox/slow_plan.h"

/*
 * The server a kind may need, opened on first need (a plan-reading check
 * against a saved plan needs none) and tried once: a failure is kept and
 * returned again.  The caller owns it: kind_env_close.
 */
typedef struct kind_env {
	const char *conninfo;     /* --db; NULL = the private cluster */
	const progress *prog;
	server s;
	bool s_open;
	error s_err;              /* the failed open, if it failed */
	bool drop_now;            /* scratch databases dropped at once, not after
								 the command (sandbox/scratch.h's
								 scratch_release); kind_env_init sets it (see
								 there) */
} kind_env;

/* A zeroed env for `conninfo` with progress `prog` (both kept by pointer). */
kind_env kind_env_init(const char *conninfo, const progress *prog);

/* The server, opened now if need be.  False with err (the open's error,
 * the same on every later call). */
bool kind_env_server(kind_env *env, server **s, error *err);

/* Close the server if it was opened.  Safe to call twice. */
void kind_env_close(kind_env *env);

/* A kind's grading state for one drill (opaque to the commands). */
typedef struct kind_grader kind_grader;

/*
 * What `show` and `start` say about a drill beyond its common fields (all
 * owned; kind_description_release).  `plan_text` replaces show's plan
 * summary (plan-reading shows the raw picture the questions are about);
 * `task_text` / `task_json` is what the learner answers besides SQL (the
 * questions).
 */
typedef struct kind_description {
	char *plan_text;          /* the plan as shown, or NULL */
	double plan_ms;           /* its execution time (start, when shown) */
	char *task_text;          /* text after the plan, or NULL */
	cJSON *task_json;         /* show: "questions" array, or NULL */
	char *task_json_text;     /* start: "questions" as one string, or NULL */
	char *answer_file;        /* start: the answer file's path */
	bool answer_created;      /* start: the file was written now */
	const char *answer_new;   /* start: what a new answer file holds */
} kind_description;

void kind_description_release(kind_description *kd);

/* The files of a fresh drill written by `author new` (names and texts
 * malloc'd; scaffold_add appends). */
typedef struct kind_scaffold {
	char *names[8];
	char *texts[8];
	size_t n;
} kind_scaffold;

void kind_scaffold_add(kind_scaffold *sc, const char *name, char *text);

/* The `refuse` of a kind with nothing to refuse before the server (its
 * answers are checked by its grade): always false. */
bool kind_refuse_nothing(const drill *d, const char *answer, size_t len, check_result *r);

typedef struct drill_kind_ops {
	const char *name;         /* drill.json "kind" */
	const char *answer_ext;   /* ".sql", ".answers": `grade`'s folder walk */
	const char *scaffold_allow; /* "allow" written by `author new` (JSON) */
	const char *scaffold_task;  /* added to the scaffold prompt's task, or "" */
	const char *scaffold_json;  /* drill.json members of the kind written by
								   `author new` (",\n  \"load\": {...}"), or NULL */
	/* The kind checks its reference files itself (verify_static) because
	 * they are not one SQL script ending in a SELECT (load drills' answer
	 * files); otherwise author verify analyses each against "allow". */
	bool own_references;

	/* Validate and complete a freshly parsed drill: the kind's own files
	 * (d->kind_data, freed by drill_free), its default "allow".  False with
	 * err (ERROR_USAGE naming the file). */
	bool (*load)(drill *d, error *err);

	/* The learner's answer file for `check` and `watch` without --answer
	 * (malloc'd), NULL with err. */
	char *(*answer_path)(const char *drill_id, error *err);

	/* Refuse an answer before any server work (`check`, `watch` and
	 * `grade` call it before prepare): true with the verdict in *r when the answer cannot be
	 * graded at all (SQL kinds: a syntax error or a statement d's `allow`
	 * refuses); false when it goes on to prepare and grade. */
	bool (*refuse)(const drill *d, const char *answer, size_t len, check_result *r);

	/* Prepare grading of answers to d (once per drill per command: check,
	 * watch, grade).  The grader keeps pointers to env, d, f and o.  NULL
	 * with err: ERROR_ENV, or ERROR_USAGE for a broken drill. */
	kind_grader *(*prepare)(kind_env *env, const drill *d, const fixture *f,
							const check_options *o, error *err);
	/* Grade one answer (len bytes) into *r (check_result_release): status,
	 * score, message, and the kind's detail (r->detail). */
	void (*grade)(kind_grader *g, const char *answer, size_t len, check_result *r);
	/* Release everything prepare made.  Accepts NULL. */
	void (*finish)(kind_grader *g);

	/* `show`: describe d given its slow plan `sp` (sp->plan NULL under
	 * --no-plan); `program` is the command as the user ran it, for the
	 * commands the text suggests. */
	bool (*describe)(const drill *d, const fixture *f, const slow_plan *sp, bool color,
					 const char *program, kind_description *out, error *err);
	/* `start`: write the answer file (and whatever the kind shows when
	 * starting).  `scale` is the fixture scale in use. */
	bool (*start)(kind_env *env, const drill *d, const fixture *f, double scale, bool color,
				  kind_description *out, error *err);

	/* `author verify`: the kind's static checks (problems into r). */
	void (*verify_static)(verify_report *r, const drill *d);
	/* `author verify`: the kind's database checks.  May hand over the slow
	 * query's plan (*plan_seen) for the rebuild check.  False only on an
	 * environment failure (err). */
	bool (*verify_db)(server *s, verify_report *r, const drill *d, const fixture *f,
					  const verify_options *o, plan **plan_seen, error *err);
	/* `author new`: the kind's own files of a scaffold. */
	void (*scaffold)(kind_scaffold *sc);

	/* The learner's state: the score recorded with a graded attempt, or -1
	 * for none (the status is recorded for every kind). */
	double (*recorded_score)(const check_result *r);
} drill_kind_ops;

#endif
