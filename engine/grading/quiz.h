/*
 * quiz.h — plan-reading drills, the I/O side: the drill's questions.json,
 * the learner's answer file and the plan they were shown, and the report of a
 * graded quiz.  Grading itself is pure (scoring/quiz/quiz.h).
 *
 * Files (docs/plan-reading.md): `pgdrill start` writes the answer file
 * <state>/workspace/DRILL.answers (unless it exists) and, like `show`, saves
 * the plan it displayed as <state>/workspace/DRILL.plan.json; `check` grades
 * against that saved plan — the one the learner read — and runs the query
 * afresh only when there is none.  Called by the plan-reading kind
 * (engine/grading/kinds/plan_reading.c), through which every command
 * reaches it.
 */
#ifndef PGDRILL_QUIZ_IO_H
#define PGDRILL_QUIZ_IO_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "error.h"
#include "catalog/fixture.h"
#include "plan/plan.h"
#include "os/progress.h"
#include "quiz/quiz.h"
#include "pg/server.h"

struct cJSON;

/* Load <drill dir>/questions.json.  NULL with err (ERROR_USAGE naming the
 * file) when it is missing or invalid. */
quiz *quiz_load(const drill *d, error *err);

/* The answer file's path, <state>/workspace/DRILL.answers (malloc'd). */
char *quiz_answer_path(const char *drill_id, error *err);

/* Write the answer file from quiz_answers_template unless it exists;
 * *created says whether it was written.  Returns its path (malloc'd). */
char *quiz_workspace_init(const drill *d, const quiz *q, bool *created, error *err);

/* Save the plan shown to the learner (EXPLAIN JSON) for check to grade
 * against, with a key of the drill's slow.sql and the fixture's content
 * (DRILL.plan.key) so that a plan of an older version is not graded. */
bool quiz_save_plan(const drill *d, const fixture *f, const char *json, error *err);

/* The plan saved by show/start for this version of the drill and fixture,
 * or NULL with err->kind == ERROR_NONE when there is none or it is stale
 * (an unreadable or corrupt file is ERROR_USAGE). */
plan *quiz_saved_plan(const drill *d, const fixture *f, error *err);

/* The terminal picture of a plan: the tree with its figures, then the node
 * legend used to answer node questions.  malloc'd. */
char *quiz_picture(const plan *p, bool color);

/* A graded quiz as JSON (version 1, docs/plan-reading.md) and as text (the
 * verdict per question, then the explanations).  The JSON is new (caller
 * deletes or hands to cli_print_json); the text malloc'd, its suggested
 * commands naming `program` (the command as the user ran it). */
struct cJSON *quiz_report_json(const drill *d, const quiz_result *r, const char *answer_file);
char *quiz_report_text(const drill *d, const quiz_result *r, bool color,
					   const char *program);

/* Exit code of a graded quiz: 0 all right, 1 some wrong. */
int quiz_exit_code(const quiz_result *r);

#endif
