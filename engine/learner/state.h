/*
 * state.h — the learner's state: attempts, best scores, hints revealed,
 * mastered and skipped concepts, placement offers and the open practice
 * session, kept in $XDG_STATE_HOME/pgdrill/state.json (docs/state.md).
 *
 * The in-memory model is plain data with small pure accessors and mutators;
 * state_load / state_save / state_update are the only functions that touch
 * the disk.  A missing file is an empty state.  A file that cannot be parsed
 * is never overwritten: state_load moves it aside (state.json.corrupt-<unix
 * time>) and fails with an error that names both files, so the learner's
 * progress stays recoverable.  Writes go through fileio_write_atomic, so a
 * crash leaves the old file or the new one, and read-modify-write cycles are
 * serialised between processes (a `watch` and a `check` at once) by an
 * exclusive lock on state.json.lock.
 *
 * Callers: every learner command (check, hint, next, track, skip, placement,
 * practice, watch).  The choice of the next drill is engine/learner/track.c's.
 */
#ifndef PGDRILL_STATE_H
#define PGDRILL_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define STATE_VERSION 1
/* The attempt history keeps the newest this many entries. */
#define STATE_MAX_ATTEMPTS 1000

/* One graded attempt. */
typedef struct state_attempt {
	char *drill;
	char *status;        /* "pass", "fail", "rejected", "error" */
	double score;        /* < 0 = not measured */
	int hints_used;      /* hints revealed for the drill at the time */
	long long at;        /* when, Unix seconds (UTC) */
} state_attempt;

/* What is known of one drill. */
typedef struct state_drill {
	char *id;
	int attempts;
	bool passed;
	double best_score;   /* < 0 = never measured */
	int hints_used;      /* hints revealed so far (`pgdrill hint`) */
	long long last_at;   /* last attempt, Unix seconds; 0 = none */
	bool revealed;       /* the answers were shown before a pass (check --reveal) */
} state_drill;

/* A placement offer: passing `drill` marks `concept` mastered. */
typedef struct state_placement {
	char *concept;
	char *drill;
} state_placement;

/* The open practice session (`pgdrill practice`), if any. */
typedef struct state_practice {
	bool open;
	long long started_at;
	int minutes;
	char **drills;       /* the drills chosen for it, in order */
	size_t n_drills;
} state_practice;

typedef struct state {
	state_drill *drills;
	size_t n_drills;
	state_attempt *attempts;  /* oldest first */
	size_t n_attempts;
	char **mastered;          /* concept ids, sorted */
	size_t n_mastered;
	char **skipped;           /* concept ids, sorted */
	size_t n_skipped;
	state_placement *placement;
	size_t n_placement;
	state_practice practice;
} state;

/* An empty state.  Free with state_free (accepts NULL). */
state *state_new(void);
void state_free(state *st);

/* $XDG_STATE_HOME/pgdrill/state.json (malloc'd), or NULL with err. */
char *state_default_path(error *err);

/*
 * Parse the text of a state file into *out (a new state).  ERROR_ENV with
 * the reason (JSON syntax with its line, a field of the wrong type, a newer
 * version) when it is not a valid state.  `path` only names the file in
 * messages.
 */
bool state_parse(const char *text, const char *path, state **out, error *err);

/* The state as the JSON text of docs/state.md (malloc'd, ends in "\n"). */
char *state_serialize(const state *st);

/*
 * Load `path`.  A missing file gives an empty state.  An unreadable file is
 * ERROR_ENV.  An invalid one is moved aside (see above) and ERROR_ENV is
 * returned whose detail names the copy; when it cannot even be moved aside
 * the error says so and the file stays where it is.  Caller frees the state.
 */
state *state_load(const char *path, error *err);

/* Write `st` to `path` atomically (mode 0600), creating its directory.
 * ERROR_ENV on failure; the old file is then intact. */
bool state_save(const state *st, const char *path, error *err);

/*
 * Load, edit and save under the state lock.  `edit` changes the state and
 * returns true to save it, false (with err set, or not for "nothing to
 * save") to leave the file alone.  Returns false with err when loading,
 * locking, editing or saving failed; true otherwise.
 */
typedef bool (*state_edit_fn)(state *st, void *ctx, error *err);
bool state_update(const char *path, state_edit_fn edit, void *ctx, error *err);

/* --- accessors and mutators (pure) --- */

/* The entry for a drill, or NULL. */
const state_drill *state_find_drill(const state *st, const char *drill);
bool state_drill_passed(const state *st, const char *drill);
bool state_concept_mastered(const state *st, const char *concept);
bool state_concept_skipped(const state *st, const char *concept);

/* Record a graded attempt at `at`: updates the drill's entry (attempts,
 * passed, best score, last time), appends to the history (dropping the
 * oldest beyond STATE_MAX_ATTEMPTS) and, for a pass, marks mastered every
 * concept whose placement offer is this drill.  hints_used comes from the
 * drill's entry. */
void state_record_attempt(state *st, const char *drill, const char *status,
						  double score, long long at);

/* Reveal the next hint of a drill that has `n_hints`: returns the number
 * revealed after the call (unchanged when all are revealed already). */
/* Mark that `drill`'s answers were shown before it was passed (plan-reading
 * `check --reveal`): kept in the state, so a later pass is known to follow
 * a look at the answers. */
void state_mark_revealed(state *st, const char *drill);

int state_reveal_hint(state *st, const char *drill, int n_hints);

/* Add / remove a concept from the skipped or mastered set.  Return whether
 * the set changed. */
bool state_skip(state *st, const char *concept);
bool state_unskip(state *st, const char *concept);
bool state_master(state *st, const char *concept);
bool state_unmaster(state *st, const char *concept);

/* Replace the placement offer for a concept. */
void state_offer_placement(state *st, const char *concept, const char *drill);
/* The drill offered for a concept's placement, or NULL. */
const char *state_placement_drill(const state *st, const char *concept);

/* Open a practice session (replacing any open one) / close it. */
void state_practice_open(state *st, long long started_at, int minutes,
						 const char *const *drills, size_t n);
void state_practice_close(state *st);

#endif
