/*
 * answer.c — the learner's answer to a load drill: one SQL file with
 * "-- pgdrill:" directive lines (see workload.h), split into setup,
 * replacements and pool settings, then checked against the drill's
 * endpoints with the ordinary statement analysis.  Statement boundaries
 * come from libpg_query's scanner (sql_split), so a directive inside a
 * string literal or inside a statement is not one.  Pure.
 */
#include "load/workload.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sql/script.h"
#include "sql/sql.h"
#include "strbuf.h"

#define DIRECTIVE "-- pgdrill:"

void
load_answer_free(load_answer *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n_repl; i++) {
		free(a->repl[i].name);
		free(a->repl[i].text);
	}
	free(a->repl);
	free(a->setup);
	memset(a, 0, sizeof *a);
}

typedef struct directive {
	size_t start, end;     /* the line, without its newline */
	int line;
} directive;

typedef struct answer_scan {
	const char *text;
	size_t len;
	sql_span *spans;
	size_t n_spans;
	directive *dirs;
	size_t n_dirs;
} answer_scan;

static bool
inside_statement(const answer_scan *sc, size_t pos)
{
	for (size_t i = 0; i < sc->n_spans; i++)
		if (pos >= (size_t) sc->spans[i].offset &&
			pos < (size_t) (sc->spans[i].offset + sc->spans[i].length))
			return true;
	return false;
}

static bool
reject_at(error *err, size_t pos, const char *msg, const char *hint)
{
	error_set(err, ERROR_REJECTED, "%s", msg);
	if (hint)
		error_hint(err, "%s", hint);
	err->position = (int) pos + 1;
	return false;
}

/* Find directive lines; refuse backslash lines anywhere. */
static bool
find_directives(answer_scan *sc, error *err)
{
	size_t pos = 0;
	int line = 0;

	while (pos < sc->len) {
		const char *nl = memchr(sc->text + pos, '\n', sc->len - pos);
		size_t end = nl ? (size_t) (nl - sc->text) : sc->len, p = pos;

		line++;
		while (p < end && (sc->text[p] == ' ' || sc->text[p] == '\t'))
			p++;
		if (p < end && sc->text[p] == '\\')
			return reject_at(err, p, "a line starting with a backslash is not allowed "
							 "in an answer", "pgbench meta-commands belong to the drill.");
		if (end - p >= strlen(DIRECTIVE) &&
			strncmp(sc->text + p, DIRECTIVE, strlen(DIRECTIVE)) == 0 &&
			!inside_statement(sc, p)) {
			sc->dirs = xrealloc(sc->dirs, (sc->n_dirs + 1) * sizeof *sc->dirs);
			sc->dirs[sc->n_dirs++] = (directive) {p, end, line};
		}
		pos = end + 1;
	}
	return true;
}

/* The statements (spans) between byte offsets [from, to). */
static size_t
spans_between(const answer_scan *sc, size_t from, size_t to, size_t *first)
{
	size_t n = 0;

	for (size_t i = 0; i < sc->n_spans; i++) {
		size_t off = (size_t) sc->spans[i].offset;

		if (off >= from && off < to) {
			if (n++ == 0)
				*first = i;
		}
	}
	return n;
}

/* The words of a directive after "-- pgdrill:", in `words` (malloc'd
 * each), at most `max`; returns the count. */
static size_t
split_words(const char *s, size_t len, char **words, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		size_t j;

		while (i < len && isspace((unsigned char) s[i]))
			i++;
		j = i;
		while (j < len && !isspace((unsigned char) s[j]))
			j++;
		if (j > i)
			words[n++] = xstrndup(s + i, j - i);
		i = j;
	}
	return n;
}

static bool
apply_pool(load_answer *out, char **words, size_t n, size_t pos, error *err)
{
	if (out->pool.mode != LOAD_POOL_NONE)
		return reject_at(err, pos, "a second pool directive", NULL);
	if (n < 2)
		return reject_at(err, pos, "a pool directive needs pool_mode=MODE",
						 "Example: -- pgdrill: pool pool_mode=transaction pool_size=8");
	for (size_t i = 1; i < n; i++) {
		char *eq = strchr(words[i], '=');

		if (eq == NULL)
			return reject_at(err, pos, "pool settings are written KEY=VALUE",
							 "Example: -- pgdrill: pool pool_mode=transaction pool_size=8");
		*eq = '\0';
		if (!load_pool_set(&out->pool, words[i], eq + 1, err)) {
			err->position = (int) pos + 1;
			return false;
		}
	}
	if (out->pool.mode == LOAD_POOL_NONE)
		return reject_at(err, pos, "a pool directive needs pool_mode=MODE", NULL);
	return true;
}

/* Apply directive k (its section runs to the next directive). */
static bool
apply_directive(answer_scan *sc, size_t k, load_answer *out, error *err)
{
	const directive *d = &sc->dirs[k];
	size_t body = d->start + strlen(DIRECTIVE);
	size_t to = k + 1 < sc->n_dirs ? sc->dirs[k + 1].start : sc->len;
	char *words[8];
	size_t n = split_words(sc->text + body, d->end - body, words, 8), first = 0;
	size_t stmts = spans_between(sc, d->end, to, &first);
	bool ok = true;

	if (n == 0 || (strcmp(words[0], "replace") != 0 && strcmp(words[0], "pool") != 0))
		ok = reject_at(err, d->start, "unknown directive",
					   "Directives are \"-- pgdrill: replace NAME\" and "
					   "\"-- pgdrill: pool pool_mode=MODE pool_size=N\".");
	else if (strcmp(words[0], "pool") == 0) {
		ok = apply_pool(out, words, n, d->start, err);
		if (ok && stmts > 0)
			ok = reject_at(err, (size_t) sc->spans[first].offset,
						   "a statement after a pool directive belongs to no section",
						   "Put setup statements first and replacements after "
						   "\"-- pgdrill: replace NAME\".");
	} else if (n != 2)
		ok = reject_at(err, d->start, "a replace directive names one statement",
					   "Example: -- pgdrill: replace order_history");
	else if (stmts != 1)
		ok = reject_at(err, d->start, stmts == 0 ? "a replace directive without a statement"
					   : "a replace directive is followed by more than one statement", NULL);
	else {
		for (size_t i = 0; i < out->n_repl; i++)
			if (strcmp(out->repl[i].name, words[1]) == 0)
				ok = reject_at(err, d->start, "this statement is replaced twice", NULL);
		if (ok) {
			load_replacement *r;

			out->repl = xrealloc(out->repl, (out->n_repl + 1) * sizeof *out->repl);
			r = &out->repl[out->n_repl++];
			r->name = xstrdup(words[1]);
			r->text = xstrndup(sc->text + sc->spans[first].offset,
							   (size_t) sc->spans[first].length);
			r->line = d->line;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	return ok;
}

bool
load_answer_parse(const char *text, size_t len, load_answer *out, error *err)
{
	answer_scan sc = {text, len, NULL, 0, NULL, 0};
	bool ok = true;

	memset(out, 0, sizeof *out);
	sc.spans = sql_split(text, len, &sc.n_spans, err);
	if (sc.spans == NULL && err && err->kind != ERROR_NONE)
		return false;
	ok = find_directives(&sc, err);
	for (size_t k = 0; ok && k < sc.n_dirs; k++)
		ok = apply_directive(&sc, k, out, err);
	if (ok)
		out->setup = xstrndup(text, sc.n_dirs ? sc.dirs[0].start : len);
	free(sc.spans);
	free(sc.dirs);
	if (!ok)
		load_answer_free(out);
	return ok;
}

/* The script that has a statement named `name`, or NULL. */
static const load_script *
script_with(const load_script *scripts, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (load_script_find(&scripts[i], name))
			return &scripts[i];
	return NULL;
}

/* Whether `setup` holds nothing but comments and blanks. */
static bool
blank_sql(const char *setup)
{
	size_t n = 0;
	error ignored;
	sql_span *spans = sql_split(setup, strlen(setup), &n, &ignored);

	free(spans);
	return n == 0;
}

size_t
load_setup_tables(const char *setup, unsigned setup_allow, char ***names)
{
	char *probe;
	sql_script *parsed;
	error ignored;
	size_t n = 0;

	*names = NULL;
	if (blank_sql(setup))
		return 0;
	probe = xasprintf("%s\n;SELECT 1", setup);
	parsed = sql_analyze(probe, strlen(probe), setup_allow, &ignored);
	for (size_t i = 0; parsed && i < parsed->n; i++)
		if (parsed->stmts[i].kind == SQL_KIND_CREATE_TABLE && parsed->stmts[i].target) {
			*names = xrealloc(*names, (n + 1) * sizeof **names);
			(*names)[n++] = xstrdup(parsed->stmts[i].target);
		}
	sql_script_free(parsed);
	free(probe);
	return n;
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Whether `table` is one the drill lets endpoints write or one the setup
 * creates. */
static bool
may_write(const char *table, const load_rules *rules, char **created, size_t n_created)
{
	for (size_t i = 0; i < rules->n_writable; i++)
		if (strcmp(rules->writable[i], table) == 0)
			return true;
	for (size_t i = 0; i < n_created; i++)
		if (strcmp(created[i], table) == 0)
			return true;
	return false;
}

/* One replacement: a SELECT for a SELECT, an allowed write of an allowed
 * table for a write. */
static bool
check_replacement(const load_replacement *r, const load_script *s, const load_rules *rules,
				  char **created, size_t n_created, error *err)
{
	const load_stmt *orig = load_script_find(s, r->name);
	char *target = NULL;
	bool ok;

	if (!orig->writes)
		ok = load_statement_check(r->text, s->vars, s->n_vars, err);
	else if ((ok = load_write_check(r->text, s->vars, s->n_vars, rules->write_allow, &target,
									err)) && !may_write(target, rules, created, n_created)) {
		error_set(err, ERROR_REJECTED, "it writes table %s, which is neither a table this "
				  "drill's endpoints write nor one your setup creates", target);
		ok = false;
	}
	free(target);
	if (!ok)
		error_prefix(err, "replacement of %s (line %d): ", r->name, r->line);
	return ok;
}

bool
load_answer_check(const load_answer *a, const load_script *scripts, size_t n_scripts,
				  const load_rules *rules, error *err)
{
	char **created = NULL;
	size_t n_created = 0;
	bool ok = true;

	if (a->pool.mode != LOAD_POOL_NONE && !rules->pool_allowed)
		return error_set(err, ERROR_REJECTED, "this drill does not take pool settings");
	if (!blank_sql(a->setup)) {
		/* sql_analyze wants the graded SELECT last: give it a neutral one,
		 * so the setup's statements meet exactly the index and cache
		 * drills' allow-list and positions stay those of the file */
		char *probe = xasprintf("%s\n;SELECT 1", a->setup);
		sql_script *parsed = sql_analyze(probe, strlen(probe), rules->setup_allow, err);

		sql_script_free(parsed);
		free(probe);
		if (parsed == NULL)
			return false;
		n_created = load_setup_tables(a->setup, rules->setup_allow, &created);
	}
	for (size_t i = 0; ok && i < a->n_repl; i++) {
		const load_script *s = script_with(scripts, n_scripts, a->repl[i].name);

		if (s == NULL) {
			error_set(err, ERROR_REJECTED, "line %d: no endpoint statement is named \"%s\"",
					  a->repl[i].line, a->repl[i].name);
			ok = false;
		} else
			ok = check_replacement(&a->repl[i], s, rules, created, n_created, err);
	}
	free_names(created, n_created);
	return ok;
}
