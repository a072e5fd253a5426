/*
 * drill.h — loading one drill folder (drill.json, prompt.md, slow.sql,
 * reference*.sql, hints.md).  See docs/drill-format.md.
 *
 * Loading validates the metadata (bounds, names of settings) but not
 * the SQL: that is `pgdrill author verify`'s job, and `check` analyses the
 * SQL it runs anyway.
 */
#ifndef PGDRILL_DRILL_H
#define PGDRILL_DRILL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct drill_setting {
	char *name;
	char *value;
} drill_setting;

/*
 * Resource limits of a drill's checks ("limits" in drill.json; docs/sandbox.md).
 * Each is bounded by a maximum the drill cannot exceed; an absent field keeps
 * the default, which is the maximum for the result caps.
 */
typedef struct drill_limits {
	size_t max_rows;        /* result rows before a run is stopped */
	size_t max_bytes;       /* result bytes before a run is stopped */
	int work_mem_kb;        /* work_mem of every session; 0 = the role's default */
	int temp_file_limit_kb; /* temp_file_limit; 0 = the role's (ROLES_TEMP_FILE_LIMIT) */
} drill_limits;

#define DRILL_MAX_ROWS ((size_t) 5000000)
#define DRILL_MAX_RESULT_MB 1024
#define DRILL_MAX_WORK_MEM_MB 1024
#define DRILL_MAX_TEMP_FILE_MB 1024
#define DRILL_MAX_HASH_MEM_MULTIPLIER 16.0

/* A mutant the drill declares equivalent to its query ("mutation" in
 * drill.json; docs/drill-format.md): no database state can tell them apart. */
typedef struct drill_equivalent {
	char *id;              /* "slow.sql:relop-2" */
	char *reason;          /* one line */
} drill_equivalent;

/* The largest --scale at which the drill's lesson holds ("scale_limit" in
 * drill.json; docs/drill-format.md): its constants name rows of the data
 * at smaller scales, or its questions quote their figures.  Commands refuse
 * a larger scale (engine/catalog/drill_scale.h) rather than grade against
 * a reference that does not apply there. */
#define DRILL_SCALE_WHY_MAX 300

typedef struct drill_scale_limit {
	double max;            /* 0: no limit (the lesson holds at every scale) */
	char *why;             /* one line, shown with the refusal */
} drill_scale_limit;

/* How author verify judges the drill's mutants. */
typedef struct drill_mutation {
	drill_equivalent *equivalent;
	size_t n_equivalent;
	bool timeout_kills;    /* a mutant that times out counts as killed */
	char *pending;         /* non-NULL: survivors are notes, not problems, for
							  this reason (data being written) */
} drill_mutation;

typedef struct drill {
	char *id;              /* = folder name */
	char *dir;
	char *title;
	char *kind;            /* drill.json "kind": the name of its kind
							  (engine/grading/kinds/ knows them) */
	char *fixture;
	char **concepts;
	size_t n_concepts;
	int difficulty;        /* 1..5 */
	int minutes;
	double pass_score;     /* 0..100 */
	unsigned allow;        /* SQL_ALLOW_*; 0 until the kind's default
							  is applied when drill.json has no "allow" */
	drill_setting *settings;
	size_t n_settings;
	double timeout_s;      /* client-side deadline per statement */
	drill_limits limits;   /* result caps and memory bounds */
	drill_mutation mutation;
	drill_scale_limit scale_limit;
	char *prompt;          /* prompt.md text */
	char *slow_sql;        /* slow.sql text */
	char *edge_sql;        /* edge.sql text (rows added to the edge dataset,
							  engine/sandbox/edge.h), NULL if none */
	char **references;     /* reference*.sql texts, sorted by file name */
	char **reference_files;
	size_t n_references;
	char **hints;          /* hints.md split on lines of "---" */
	size_t n_hints;
	void *kind_data;       /* what the kind loaded (plan-reading: the quiz) */
	void (*kind_data_free)(void *);
} drill;

/* Load drills_dir/id: the fields and files every kind shares.  NULL with
 * err (ERROR_USAGE: unknown drill or invalid files, naming the file and
 * field).  The kind is only read, not checked: catalog/ sits below the
 * kinds, so commands load drills through kind_load_drill
 * (engine/grading/kinds/kinds.h), which checks the kind and runs its load
 * step (its own files, its default "allow"). */
drill *drill_load(const char *drills_dir, const char *id, error *err);

/* Free.  Accepts NULL. */
void drill_free(drill *d);

/* A drill id is 1 to 40 characters of a-z, 0-9 and '-', not starting with
 * '-' (it names a folder and a database). */
bool drill_valid_id(const char *id);

/* Settings a drill may pin (session GUCs that shape plans); others are
 * refused at load time so a drill cannot, e.g., raise a limit.  Memory
 * settings (work_mem, hash_mem_multiplier) are also bounded at load time. */
bool drill_setting_allowed(const char *name);

/* Loads one drill (drill_load, or kind_load_drill with the kind's checks):
 * what catalog_load is given. */
typedef drill *(*drill_loader)(const char *drills_dir, const char *id, error *err);

#endif
