/*
 * build_steps.h — running a template build's steps over sessions.
 *
 * A build (sandbox/template.c plans it) is a list of steps, each a
 * statement string sent as one query.  A step runs in the build's own
 * session, or, for a group (consecutive steps with the same group number
 * > 0), side by side with the rest of its group, each in a session of its
 * own opened for it (a lane) with the build's lane settings and closed
 * when the step ends; the next step starts when the whole group is done.
 * Several builds (the two seeds) advance together from one poll loop,
 * reporting progress.  The caller fills the struct and owns it.
 */
#ifndef PGDRILL_BUILD_STEPS_H
#define PGDRILL_BUILD_STEPS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "catalog/fixture.h"
#include "error.h"
#include "os/progress.h"
#include "pg/server.h"

/* One step of a build: a statement string sent as one query. */
typedef struct step {
	char *sql;           /* owned; NULL for the VACUUM's placeholder,
						   which template.c runs itself */
	const char *label;   /* what it is, for progress and errors */
	const char *file;    /* the fixture script it runs (its name, then its */
	const char *text;    /* text), NULL for pgdrill's own steps */
	int group;           /* 0: runs in the build's own session; consecutive
							steps with the same number > 0 run side by side,
							each in a session of its own (fixture.h) */
} step;

/* A session opened for one step of a group, closed when the step ends. */
typedef struct lane {
	PGconn *conn;        /* NULL: free */
	size_t step;
} lane;

#define LANES_MAX FIXTURE_GROUP_MAX  /* at most this many sessions of a group at once */

typedef struct build {
	int seed;
	char *name;          /* final template name */
	char *bld;           /* temporary build database */
	server *s;           /* for the sessions of groups */
	PGconn *conn;        /* the build's own session */
	char *lane_settings; /* run first in every group session, owned */
	size_t lane_cap;     /* at most this many group sessions at once */
	step *steps;
	size_t n_steps;
	size_t limit;        /* run steps up to this one (exclusive) */
	size_t vacuum_at;    /* the first step after the scripts (see run phases) */
	size_t settle_at;    /* the first step after the VACUUM: the after_vacuum
							scripts, then the grants (see build_tail) */
	size_t step;         /* the first step not finished: the stage under way
							starts here */
	size_t stage_end;    /* the stage under way: steps [step, stage_end) */
	size_t started;      /* steps of the stage started so far */
	size_t running;      /* steps in flight */
	bool busy;           /* the build's own session runs a step */
	lane lanes[LANES_MAX];
	bool done;
} build;

/* Close the build's sessions and free what it owns (not the struct). */
void build_free(build *b);

/* Append a step (`sql` is taken over); `file` and `text` name the fixture
 * script it runs (the fixture owns them), NULL for pgdrill's own steps. */
void build_add_step(build *b, char *sql, const char *label, const char *file,
					const char *text, int group);

/* Run the builds' steps from each one's `step` up to its `limit`, together.
 * A failing step is reported with the fixture, the script and its line
 * (ERROR_USAGE for a fixture script, ERROR_ENV otherwise). */
bool build_run(const fixture *f, build *builds, size_t n, const progress *prog, error *err);

#endif
