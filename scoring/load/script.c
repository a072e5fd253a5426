/*
 * script.c — endpoint scripts: reading the restricted pgbench format,
 * parameter substitution, sample values and rendering (see workload.h).
 * Statements are split with libpg_query's scanner (sql/script.h) and
 * analysed with sql_analyze; this file adds only the pgbench layer around
 * them.  Pure.
 */
#include "load/workload.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/script.h"
#include "sql/sql.h"
#include "strbuf.h"

#define DIRECTIVE "-- pgdrill:"

void
load_script_free(load_script *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_stmts; i++) {
		free(s->stmts[i].name);
		free(s->stmts[i].text);
		free(s->stmts[i].target);
	}
	free(s->stmts);
	free(s->vars);
	memset(s, 0, sizeof *s);
}

const load_stmt *
load_script_find(const load_script *s, const char *name)
{
	for (size_t i = 0; i < s->n_stmts; i++)
		if (s->stmts[i].name && strcmp(s->stmts[i].name, name) == 0)
			return &s->stmts[i];
	return NULL;
}

static bool
name_char(char c, bool first)
{
	return isalpha((unsigned char) c) || c == '_' || (!first && isdigit((unsigned char) c));
}

/* A name: [A-Za-z_][A-Za-z0-9_]*, at most LOAD_NAME_MAX bytes, filling
 * [s, s+len). */
static bool
valid_name(const char *s, size_t len)
{
	if (len == 0 || len > LOAD_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!name_char(s[i], i == 0))
			return false;
	return true;
}

/* "\set NAME random(LO, HI)" with LO <= HI. */
static bool
parse_set(const char *line, load_var *v)
{
	char name[LOAD_NAME_MAX + 2], tail[2];
	long long lo, hi;

	if (sscanf(line, " \\set %64s random ( %lld , %lld ) %1s", name, &lo, &hi, tail) != 3 ||
		!valid_name(name, strlen(name)) || lo > hi)
		return false;
	strcpy(v->name, name);
	v->lo = lo;
	v->hi = hi;
	return true;
}

/* "\sleep N [us|ms|s]", 0 <= N, at most LOAD_MAX_SLEEP_US in all. */
static bool
parse_sleep(const char *line, long *us)
{
	char unit[4] = "s", tail[2];
	long long n;
	int got = sscanf(line, " \\sleep %lld %3s %1s", &n, unit, tail);

	if (got != 1 && got != 2)
		return false;
	if (n < 0 || n > LOAD_MAX_SLEEP_US)
		return false;
	if (strcmp(unit, "us") == 0)
		*us = (long) n;
	else if (strcmp(unit, "ms") == 0)
		*us = (long) n * 1000;
	else if (strcmp(unit, "s") == 0)
		*us = (long) n * 1000000;
	else
		return false;
	return *us <= LOAD_MAX_SLEEP_US;
}

char *
load_substitute(const char *sql, const load_var *vars, size_t n_vars,
				const long long *values)
{
	strbuf sb = STRBUF_INIT;
	bool in_string = false;

	for (size_t i = 0; sql[i]; i++) {
		char c = sql[i];

		if (c == '\'')
			in_string = !in_string;
		if (!in_string && c == ':' && sql[i + 1] == ':') {
			strbuf_append(&sb, "::");
			i++;
			continue;
		}
		if (!in_string && c == ':' && name_char(sql[i + 1], true)) {
			size_t n = 1;

			while (name_char(sql[i + 1 + n], false))
				n++;
			for (size_t v = 0; v < n_vars; v++) {
				if (strlen(vars[v].name) == n && strncmp(vars[v].name, sql + i + 1, n) == 0) {
					strbuf_printf(&sb, "%lld", values[v]);
					i += n;
					goto next;
				}
			}
		}
		strbuf_append_char(&sb, c);
next:
		;
	}
	return strbuf_steal(&sb);
}

void
load_sample_values(const load_var *vars, size_t n_vars, int k, long long *values)
{
	unsigned long long x = 0x9e3779b97f4a7c15ULL * (unsigned long long) (k + 1);

	for (size_t i = 0; i < n_vars; i++) {
		unsigned long long span = (unsigned long long) (vars[i].hi - vars[i].lo) + 1;

		if (k == 0)
			values[i] = vars[i].lo;
		else if (k == 1)
			values[i] = vars[i].hi;
		else if (k == 2)
			values[i] = vars[i].lo + (vars[i].hi - vars[i].lo) / 2;
		else {
			x ^= x >> 31;
			x *= 0xbf58476d1ce4e5b9ULL;
			x ^= x >> 29;
			values[i] = vars[i].lo + (long long) (span ? x % span : 0);
		}
	}
}

/* Whether `text` passes sql_analyze as one SELECT (write_allow 0) or
 * sql_analyze_write with `write_allow`, with the sample-`k` values in
 * place of the parameters; err says why not (ERROR_REJECTED, positioned in
 * the substituted text).  *target gets a write's table when not NULL. */
static bool
analyse(const char *text, const load_var *vars, size_t n_vars, int k, unsigned write_allow,
		char **target, error *err)
{
	long long *values = xcalloc(n_vars ? n_vars : 1, sizeof *values);
	char *sub;
	sql_script *parsed;
	bool ok;

	load_sample_values(vars, n_vars, k, values);
	sub = load_substitute(text, vars, n_vars, values);
	parsed = write_allow ? sql_analyze_write(sub, strlen(sub), write_allow, err)
		: sql_analyze(sub, strlen(sub), SQL_ALLOW_SELECT, err);
	ok = parsed != NULL && parsed->n == 1;
	if (parsed != NULL && !ok)
		error_set(err, ERROR_REJECTED, "one statement expected, found %zu", parsed->n);
	if (ok && target)
		*target = parsed->stmts[0].target ? xstrdup(parsed->stmts[0].target) : NULL;
	sql_script_free(parsed);
	free(sub);
	free(values);
	return ok;
}

bool
load_statement_check(const char *text, const load_var *vars, size_t n_vars, error *err)
{
	return analyse(text, vars, n_vars, 0, 0, NULL, err);
}

bool
load_write_check(const char *text, const load_var *vars, size_t n_vars, unsigned write_allow,
				 char **target, error *err)
{
	if (write_allow == 0)
		return error_set(err, ERROR_REJECTED, "this drill allows no write");
	return analyse(text, vars, n_vars, 0, write_allow, target, err);
}

/* A statement that begins with INSERT or UPDATE (after comments and
 * blanks): the kind of analysis it gets.  A WITH ... UPDATE goes through
 * the SELECT analysis, which refuses it. */
static bool
looks_like_write(const char *text)
{
	size_t n = 0;

	while (isalpha((unsigned char) text[n]))
		n++;
	return (n == 6 && strncasecmp(text, "insert", 6) == 0) ||
		(n == 6 && strncasecmp(text, "update", 6) == 0);
}

/* Meta-command and directive lines: record them, then blank them in `body`
 * (same length, so byte offsets stay). */
typedef struct sleep_mark {
	size_t at;             /* byte offset of the line */
	long us;
} sleep_mark;

static bool
read_lines(char *body, load_script *out, size_t **name_at, char ***names, bool **grouped,
		   size_t *n_names, sleep_mark **sleeps, size_t *n_sleeps, error *err)
{
	int lineno = 0;

	for (char *line = body; *line; ) {
		char *end = strchr(line, '\n');
		size_t len = end ? (size_t) (end - line) : strlen(line);
		const char *p = line;

		lineno++;
		while (p < line + len && (*p == ' ' || *p == '\t'))
			p++;
		if (*p == '\\') {
			char save = line[len];
			long us;

			line[len] = '\0';
			out->vars = xrealloc(out->vars, (out->n_vars + 1) * sizeof *out->vars);
			if (strncmp(p, "\\sleep", 6) == 0 && parse_sleep(line, &us)) {
				*sleeps = xrealloc(*sleeps, (*n_sleeps + 1) * sizeof **sleeps);
				(*sleeps)[(*n_sleeps)++] = (sleep_mark) {(size_t) (line - body), us};
			} else if (!parse_set(line, &out->vars[out->n_vars])) {
				error_set(err, ERROR_USAGE, "line %d: only \"\\set NAME random(LO, HI)\" "
						  "and \"\\sleep N [us|ms|s]\" (at most 1 s) may appear in an "
						  "endpoint script", lineno);
				err->position = lineno;
				return false;
			} else
				out->n_vars++;
			line[len] = save;
			memset(line, ' ', len);
		} else if (strncmp(p, DIRECTIVE, strlen(DIRECTIVE)) == 0) {
			const char *q = p + strlen(DIRECTIVE);
			size_t nlen;
			bool group;

			while (*q == ' ')
				q++;
			group = strncmp(q, "group ", 6) == 0;
			if (!group && strncmp(q, "name ", 5) != 0)
				goto bad_directive;
			q += group ? 6 : 5;
			while (*q == ' ')
				q++;
			nlen = 0;
			while (q + nlen < line + len && name_char(q[nlen], nlen == 0))
				nlen++;
			for (const char *r = q + nlen; r < line + len; r++)
				if (*r != ' ' && *r != '\t' && *r != '\r')
					goto bad_directive;
			if (!valid_name(q, nlen))
				goto bad_directive;
			*names = xrealloc(*names, (*n_names + 1) * sizeof **names);
			*name_at = xrealloc(*name_at, (*n_names + 1) * sizeof **name_at);
			*grouped = xrealloc(*grouped, (*n_names + 1) * sizeof **grouped);
			(*grouped)[*n_names] = group;
			(*names)[*n_names] = xstrndup(q, nlen);
			(*name_at)[*n_names] = (size_t) (line - body);
			(*n_names)++;
			memset(line, ' ', len);
		}
		line = end ? end + 1 : line + len;
		continue;
bad_directive:
		error_set(err, ERROR_USAGE, "line %d: a directive in an endpoint script is "
				  "\"-- pgdrill: name NAME\" or \"-- pgdrill: group NAME\"", lineno);
		err->position = lineno;
		return false;
	}
	return true;
}

/* Attach names (at byte offsets) to the statements that follow them; a
 * group takes every statement up to the next directive or the end. */
static bool
attach_names(load_script *out, const sql_span *spans, size_t *name_at, char **names,
			 const bool *grouped, size_t n_names, error *err)
{
	for (size_t k = 0; k < n_names; k++) {
		size_t i = 0, n = 1;

		while (i < out->n_stmts && (size_t) spans[i].offset < name_at[k])
			i++;
		if (i == out->n_stmts || out->stmts[i].name != NULL ||
			load_script_find(out, names[k]) != NULL)
			return error_set(err, ERROR_USAGE, "the name \"%s\" %s", names[k],
							 i == out->n_stmts ? "has no statement after it"
							 : "is given twice, or two names precede one statement");
		while (grouped[k] && i + n < out->n_stmts &&
			   (k + 1 == n_names || (size_t) spans[i + n].offset < name_at[k + 1]))
			n++;
		out->stmts[i].name = names[k];
		out->stmts[i].group = n;
		names[k] = NULL;
	}
	return true;
}

char *
load_stmt_rows_sql(const load_script *s, const load_stmt *st)
{
	size_t first = (size_t) (st - s->stmts);
	strbuf sb = STRBUF_INIT;

	if (st->group <= 1)
		return xstrdup(st->text);
	for (size_t i = first; i < first + st->group && i < s->n_stmts; i++)
		strbuf_printf(&sb, "%s(%s)", i > first ? "\nUNION ALL\n" : "", s->stmts[i].text);
	return strbuf_steal(&sb);
}

/* Attach \sleep lines to the statement after them (or the script's end). */
static bool
attach_sleeps(load_script *out, const sql_span *spans, const sleep_mark *sleeps, size_t n,
			  error *err)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = 0;
		long *to;

		while (i < out->n_stmts && (size_t) spans[i].offset < sleeps[k].at)
			i++;
		to = i == out->n_stmts ? &out->sleep_end_us : &out->stmts[i].sleep_before_us;
		*to += sleeps[k].us;
		if (*to > LOAD_MAX_SLEEP_US)
			return error_set(err, ERROR_USAGE, "the \\sleep lines before one statement "
							 "add up to more than 1 s");
	}
	return true;
}

bool
load_script_parse(const char *text, size_t len, unsigned write_allow, load_script *out,
				  error *err)
{
	char *body = xstrndup(text, len);
	size_t *name_at = NULL, n_names = 0, n_spans = 0, n_sleeps = 0;
	char **names = NULL;
	bool *grouped = NULL;
	sql_span *spans = NULL;
	sleep_mark *sleeps = NULL;
	bool ok = false;

	memset(out, 0, sizeof *out);
	if (memchr(text, '\0', len)) {
		error_set(err, ERROR_USAGE, "an endpoint script contains a NUL byte");
		goto done;
	}
	if (!read_lines(body, out, &name_at, &names, &grouped, &n_names, &sleeps, &n_sleeps, err))
		goto done;
	spans = sql_split(body, strlen(body), &n_spans, err);
	if (spans == NULL) {
		if (err && err->kind == ERROR_NONE)
			error_set(err, ERROR_USAGE, "an endpoint script needs at least one statement");
		else
			err->kind = ERROR_USAGE;
		goto done;
	}
	out->stmts = xcalloc(n_spans, sizeof *out->stmts);
	for (size_t i = 0; i < n_spans; i++, out->n_stmts++) {
		error why = {0};

		load_stmt *st = &out->stmts[i];

		st->text = xstrndup(body + spans[i].offset, (size_t) spans[i].length);
		st->writes = write_allow != 0 && looks_like_write(st->text);
		if (!analyse(st->text, out->vars, out->n_vars, 0, st->writes ? write_allow : 0,
					 &st->target, &why)) {
			error_set(err, ERROR_USAGE, "statement %zu of the endpoint is not one "
					  "%s pgdrill can check", i + 1, st->writes ? "write" : "SELECT");
			error_detail(err, "%s%s%s", why.message, why.detail[0] ? "\n" : "", why.detail);
			out->n_stmts++;
			goto done;
		}
	}
	ok = attach_names(out, spans, name_at, names, grouped, n_names, err) &&
		attach_sleeps(out, spans, sleeps, n_sleeps, err);
done:
	free(sleeps);
	for (size_t k = 0; k < n_names; k++)
		free(names[k]);
	free(names);
	free(name_at);
	free(grouped);
	free(spans);
	free(body);
	if (!ok)
		load_script_free(out);
	return ok;
}

/* The replacement of `name` in `answer`, or NULL. */
static const char *
replacement_of(const struct load_answer *answer, const char *name)
{
	for (size_t i = 0; answer && name && i < answer->n_repl; i++)
		if (strcmp(answer->repl[i].name, name) == 0)
			return answer->repl[i].text;
	return NULL;
}

char *
load_script_render(const load_script *s, const struct load_answer *answer)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < s->n_vars; i++)
		strbuf_printf(&sb, "\\set %s random(%lld, %lld)\n", s->vars[i].name, s->vars[i].lo,
					  s->vars[i].hi);
	if (s->transaction)
		strbuf_append(&sb, "BEGIN;\n");
	for (size_t i = 0; i < s->n_stmts; i++) {
		const char *r = replacement_of(answer, s->stmts[i].name);

		if (s->stmts[i].sleep_before_us > 0)
			strbuf_printf(&sb, "\\sleep %ld us\n", s->stmts[i].sleep_before_us);
		strbuf_printf(&sb, "%s;\n", r ? r : s->stmts[i].text);
		if (r && s->stmts[i].group > 1)
			i += s->stmts[i].group - 1;     /* one statement for the group */
	}
	if (s->sleep_end_us > 0)
		strbuf_printf(&sb, "\\sleep %ld us\n", s->sleep_end_us);
	if (s->transaction)
		strbuf_append(&sb, "COMMIT;\n");
	return strbuf_steal(&sb);
}
