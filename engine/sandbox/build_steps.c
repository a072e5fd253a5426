/*
 * build_steps.c — running a template build's steps over sessions (see
 * build_steps.h): steps sent with PQsendQuery, the builds advanced together
 * from one poll loop, a group's steps each in a lane of its own.
 */
#include "sandbox/build_steps.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg/db.h"
#include "sandbox/session.h"
#include "strbuf.h"
#include "textpos.h"

void
build_free(build *b)
{
	db_close(b->conn);
	for (size_t i = 0; i < LANES_MAX; i++)
		db_close(b->lanes[i].conn);
	for (size_t i = 0; i < b->n_steps; i++)
		free(b->steps[i].sql);
	free(b->steps);
	free(b->lane_settings);
	free(b->name);
	free(b->bld);
}

void
build_add_step(build *b, char *sql, const char *label, const char *file, const char *text,
		 int group)
{
	b->steps = xrealloc(b->steps, (b->n_steps + 1) * sizeof *b->steps);
	b->steps[b->n_steps] = (step) {sql, label, file, text, group};
	b->n_steps++;
}

/* Name the step that failed: the fixture script and line, or the step. */
static bool
step_failed(const build *b, const fixture *f, size_t i, PGconn *conn, PGresult *res,
			error *err)
{
	const step *st = &b->steps[i];

	db_error_from(conn, res, st->file ? ERROR_USAGE : ERROR_ENV, err);
	if (st->file && err->position > 0)
		error_prefix(err, "fixture %s, %s line %d (seed %d): ", f->name, st->file,
					 text_line(st->text, strlen(st->text), err->position), b->seed);
	else
		error_prefix(err, "fixture %s, %s (seed %d): ", f->name, st->label, b->seed);
	err->position = 0;
	PQclear(res);
	/* drain the rest so the connection can be closed cleanly */
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
	return false;
}

/* Read what `conn` has for step i; *finished when the step is complete. */
static bool
step_collect(const build *b, const fixture *f, size_t i, PGconn *conn, bool *finished,
			 error *err)
{
	*finished = false;
	if (!PQconsumeInput(conn))
		return db_error_from(conn, NULL, ERROR_ENV, err);
	while (!PQisBusy(conn)) {
		PGresult *res = PQgetResult(conn);

		if (res == NULL) {
			*finished = true;
			return true;
		}
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
			PQresultStatus(res) != PGRES_TUPLES_OK)
			return step_failed(b, f, i, conn, res, err);
		PQclear(res);
	}
	return true;
}

/* A session of its own for step i of a group, with the build's settings,
 * the step sent. */
static bool
lane_start(build *b, lane *l, size_t i, error *err)
{
	l->conn = server_connect(b->s, b->bld, NULL, err);
	l->step = i;
	if (l->conn == NULL || !session_pin_settings(l->conn, err) ||
		(b->lane_settings && !db_execf(l->conn, err, "%s", b->lane_settings)))
		return false;
	if (!PQsendQuery(l->conn, b->steps[i].sql))
		return db_error_from(l->conn, NULL, ERROR_ENV, err);
	return true;
}

/* Start what can start: the next stage when none is under way (a step of
 * the build's own session, or a group), then the group's steps while
 * sessions are free. */
static bool
build_dispatch(build *b, error *err)
{
	if (b->running == 0 && b->started == b->stage_end) {
		int g;

		b->step = b->stage_end;
		if (b->step >= b->limit) {
			b->done = true;
			return true;
		}
		g = b->steps[b->step].group;
		b->stage_end = b->step + 1;
		while (g > 0 && b->stage_end < b->limit && b->steps[b->stage_end].group == g)
			b->stage_end++;
		b->started = b->step;
	}
	if (b->steps[b->step].group == 0) {
		if (b->started == b->step) {
			if (!PQsendQuery(b->conn, b->steps[b->step].sql))
				return db_error_from(b->conn, NULL, ERROR_ENV, err);
			b->busy = true;
			b->started++;
			b->running++;
		}
		return true;
	}
	for (size_t k = 0; k < LANES_MAX && b->started < b->stage_end && b->running < b->lane_cap;
		 k++) {
		if (b->lanes[k].conn != NULL)
			continue;
		if (!lane_start(b, &b->lanes[k], b->started, err))
			return false;
		b->started++;
		b->running++;
	}
	return true;
}

/* Collect what the build's sessions have; close a group's session when its
 * step is done. */
static bool
build_collect(build *b, const fixture *f, error *err)
{
	bool finished;

	if (b->busy) {
		if (!step_collect(b, f, b->step, b->conn, &finished, err))
			return false;
		if (finished) {
			b->busy = false;
			b->running--;
		}
	}
	for (size_t k = 0; k < LANES_MAX; k++) {
		lane *l = &b->lanes[k];

		if (l->conn == NULL)
			continue;
		if (!step_collect(b, f, l->step, l->conn, &finished, err))
			return false;
		if (finished) {
			db_close(l->conn);
			l->conn = NULL;
			b->running--;
		}
	}
	return true;
}

static void
report(const progress *prog, const fixture *f, build *builds, size_t n, time_t t0)
{
	strbuf sb = STRBUF_INIT;
	size_t total = 0, done = 0;

	strbuf_printf(&sb, "building fixture %s:", f->name);
	for (size_t i = 0; i < n; i++) {
		const build *b = &builds[i];
		size_t at = b->step < b->n_steps ? b->step : b->n_steps - 1;

		total += b->n_steps;
		done += b->step;
		strbuf_printf(&sb, " seed %d %s", b->seed, b->done ? "done" : b->steps[at].label);
		if (!b->done && b->stage_end - b->step > 1)
			strbuf_printf(&sb, " and %zu more side by side", b->stage_end - b->step - 1);
		strbuf_printf(&sb, " (%zu/%zu)%s", b->step, b->n_steps, i + 1 < n ? "," : "");
	}
	strbuf_printf(&sb, " — %lds", (long) (time(NULL) - t0));
	progress_step(prog, (int) done, (int) total, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

bool
build_run(const fixture *f, build *builds, size_t n, const progress *prog, error *err)
{
	time_t t0 = time(NULL);

	for (size_t i = 0; i < n; i++) {
		builds[i].done = false;
		builds[i].stage_end = builds[i].started = builds[i].step;
		builds[i].running = 0;
	}
	for (;;) {
		struct pollfd fds[8 * (LANES_MAX + 1)];
		size_t nfds = 0;
		bool all_done = true;

		for (size_t i = 0; i < n; i++) {
			build *b = &builds[i];

			if (!b->done && !build_dispatch(b, err))
				return false;
			if (b->done)
				continue;
			all_done = false;
			if (b->busy)
				fds[nfds++] = (struct pollfd) {.fd = PQsocket(b->conn), .events = POLLIN};
			for (size_t k = 0; k < LANES_MAX; k++)
				if (b->lanes[k].conn != NULL)
					fds[nfds++] = (struct pollfd) {.fd = PQsocket(b->lanes[k].conn),
												   .events = POLLIN};
		}
		report(prog, f, builds, n, t0);
		if (all_done)
			return true;
		if (poll(fds, nfds, 1000) < 0)
			continue;           /* EINTR: loop and poll again */
		for (size_t i = 0; i < n; i++)
			if (!builds[i].done && !build_collect(&builds[i], f, err))
				return false;
	}
}
