/*
 * log.c — reading pgbench's per-transaction log (see load.h for the line
 * format).  Strict: every field is checked, so a log written with options
 * the caller did not expect (or a truncated line) is an error rather than
 * percentiles of misread columns.  It does not compute anything; summary.c
 * does.  Pure.
 */
#include "load/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define LOAD_LOG_MAX_FIELDS 8
/* A line longer than this is not pgbench's (the longest is ~80 bytes). */
#define LOAD_LOG_MAX_LINE 256

void
load_log_free(load_log *log)
{
	if (log == NULL)
		return;
	free(log->txns);
	*log = (load_log) LOAD_LOG_INIT;
}

/* A non-negative decimal integer filling the whole field, or false. */
static bool
parse_count(const char *s, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

/* The status word (or number) of the `time` column. */
static bool
parse_time(const char *s, load_txn *t)
{
	int64_t us;

	if (strcmp(s, "skipped") == 0)
		t->status = LOAD_TXN_LATE;
	else if (strcmp(s, "failed") == 0 || strcmp(s, "serialization") == 0 ||
			 strcmp(s, "deadlock") == 0)
		t->status = LOAD_TXN_FAILED;
	else if (parse_count(s, INT64_MAX / 2, &us))
		t->latency_ms = (double) us / 1000.0;
	else
		return false;
	return true;
}

/* Split `line` (NUL-terminated, modified) at spaces into at most
 * LOAD_LOG_MAX_FIELDS + 1 fields; returns the count. */
static int
split_fields(char *line, char **fields)
{
	int n = 0;

	for (char *tok = strtok(line, " \t\r"); tok; tok = strtok(NULL, " \t\r")) {
		fields[n++] = tok;
		if (n > LOAD_LOG_MAX_FIELDS)
			break;
	}
	return n;
}

/* Parse one non-blank line into `t`.  Returns NULL, or what is wrong. */
static const char *
parse_line(char *line, load_log_columns cols, load_txn *t)
{
	char *f[LOAD_LOG_MAX_FIELDS + 1];
	int expected = 6 + (cols.lag ? 1 : 0) + (cols.retries ? 1 : 0);
	int n = split_fields(line, f);
	int64_t client, txn_no, script, epoch, us, lag = 0, retries = 0;

	memset(t, 0, sizeof *t);
	if (n != expected)
		return "wrong number of columns";
	if (!parse_count(f[0], INT32_MAX, &client))
		return "client_id is not a number";
	if (!parse_count(f[1], INT64_MAX, &txn_no))
		return "transaction_no is not a number";
	if (!parse_time(f[2], t))
		return "time is neither microseconds nor skipped/failed";
	if (!parse_count(f[3], 9999, &script))
		return "script_no is not a script number";
	if (!parse_count(f[4], INT64_MAX / 2000000, &epoch) ||
		!parse_count(f[5], 999999, &us))
		return "time stamp is not epoch seconds and microseconds";
	if (cols.lag && !parse_count(f[6], INT64_MAX / 2, &lag))
		return "schedule_lag is not a number";
	if (cols.retries && !parse_count(f[expected - 1], INT32_MAX, &retries))
		return "retries is not a number";
	t->client = (int) client;
	t->script = (int) script;
	t->end_us = epoch * 1000000 + us;
	t->lag_ms = (double) lag / 1000.0;
	t->retries = (int) retries;
	return NULL;
}

static void
append_txn(load_log *log, const load_txn *t)
{
	if (log->n == log->cap) {
		log->cap = log->cap ? log->cap * 2 : 1024;
		log->txns = xrealloc(log->txns, log->cap * sizeof *log->txns);
	}
	log->txns[log->n++] = *t;
	if (t->script > log->max_script)
		log->max_script = t->script;
}

bool
load_log_parse(load_log *log, const char *text, size_t len, load_log_columns cols,
			   error *err)
{
	size_t pos = 0;
	int lineno = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t) (nl - text) : len;
		char line[LOAD_LOG_MAX_LINE + 1];
		const char *what = NULL;
		bool blank = true;
		load_txn t;

		lineno++;
		for (size_t i = pos; i < end; i++)
			blank = blank && (text[i] == ' ' || text[i] == '\r' || text[i] == '\t');
		if (!blank) {
			if (end - pos > LOAD_LOG_MAX_LINE)
				what = "line too long";
			else if (memchr(text + pos, '\0', end - pos))
				what = "NUL byte";
			else {
				memcpy(line, text + pos, end - pos);
				line[end - pos] = '\0';
				what = parse_line(line, cols, &t);
			}
			if (what) {
				error_set(err, ERROR_ENV, "pgbench log line %d: %s", lineno, what);
				error_detail(err, "Line: %.*s", (int) (end - pos > 120 ? 120 : end - pos),
							 text + pos);
				err->position = lineno;
				return false;
			}
			append_txn(log, &t);
		}
		pos = end + 1;
	}
	return true;
}
