/*
 * test_analyze.c — unit tests for sql_analyze (scoring/sql/analyze.c and the
 * files it drives: parse, classify, walk, input): every statement kind is
 * classified and accepted or rejected under each allow-policy, rejections
 * carry the right message, position and caret, the script's statements have
 * the right spans, and hostile input (NUL, bad UTF-8, huge, deep) is
 * reported, never crashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sql/sql.h"
#include "strbuf.h"

#define ALL_PREP (SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS | \
				  SQL_ALLOW_ANALYZE | SQL_ALLOW_CREATE_MATVIEW)
#define INDEX_DRILL (SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS | \
					 SQL_ALLOW_ANALYZE)

/* A script accepted: the kind names of its statements, joined by ",". */
typedef struct accept_case {
	const char *sql;
	unsigned allow;
	const char *kinds;
	bool order_by;         /* the final SELECT has a top-level ORDER BY */
} accept_case;

static const accept_case accepted[] = {
	{"select 1", 0, "SELECT", false},
	{"SELECT * FROM t WHERE a = 1;", 0, "SELECT", false},
	{"select a from t order by a", 0, "SELECT", true},
	{"(select a from t) union (select b from u) order by 1", 0, "SELECT", true},
	{"select a from t union select b from u", 0, "SELECT", false},
	{"select * from (select a from t order by a) s", 0, "SELECT", false},
	{"with c as (select 1 as x) select x from c order by x", 0, "SELECT", true},
	{"values (1), (2) order by 1", 0, "SELECT", true},
	{"select count(*) from t where a in (select b from u)", 0, "SELECT", false},
	{"create index on t (a); select a from t", SQL_ALLOW_CREATE_INDEX,
	 "CREATE INDEX,SELECT", false},
	{"create index i on t using gin (x); analyze t; select 1", INDEX_DRILL,
	 "CREATE INDEX,ANALYZE,SELECT", false},
	{"create statistics s on a, b from t; analyze; select 1", INDEX_DRILL,
	 "CREATE STATISTICS,ANALYZE,SELECT", false},
	{"create materialized view m as select a, count(*) from t group by a;\n"
	 "select * from m", SQL_ALLOW_CREATE_MATVIEW,
	 "CREATE MATERIALIZED VIEW,SELECT", false},
	{"-- a comment\n/* another /* nested */ one */ select 1 -- trailing", 0,
	 "SELECT", false},
	{"select 'é' as ünïcode", 0, "SELECT", false},
	{"select 1;;", 0, "SELECT", false},
	{"create table v (id bigint generated always as identity, page int not null);\n"
	 "create index on v (page); select 1", SQL_ALLOW_CREATE_TABLE | SQL_ALLOW_CREATE_INDEX,
	 "CREATE TABLE,CREATE INDEX,SELECT", false},
	{"create unlogged table v (a int primary key); select 1", SQL_ALLOW_CREATE_TABLE,
	 "CREATE TABLE,SELECT", false},
	/* harmless functions are not denied */
	{"select lower(name), now(), random() from t", 0, "SELECT", false},
};

static void
test_accepted(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		const accept_case *c = &accepted[i];
		error err = {0};
		sql_script *s = sql_analyze(c->sql, strlen(c->sql), c->allow, &err);
		strbuf kinds = STRBUF_INIT;

		if (s == NULL)
			print_error("case %zu (%s): %s\n", i, c->sql, err.message);
		assert_non_null(s);
		strbuf_init(&kinds);
		for (size_t k = 0; k < s->n; k++)
			strbuf_printf(&kinds, "%s%s", k ? "," : "", s->stmts[k].kind_name);
		assert_string_equal(strbuf_str(&kinds), c->kinds);
		assert_non_null(sql_script_query(s));
		assert_int_equal(sql_script_query(s)->kind, SQL_KIND_SELECT);
		assert_int_equal(sql_script_query(s)->top_level_order_by, c->order_by);
		strbuf_free(&kinds);
		sql_script_free(s);
	}
}

/* A script rejected: message substring and position (0 = do not check). */
typedef struct reject_case {
	const char *sql;
	unsigned allow;
	const char *message;
	int position;
} reject_case;

static const reject_case rejected[] = {
	/* syntax errors, positioned like psql */
	{"selec 1", 0, "syntax error at or near \"selec\"", 1},
	{"select a\nfrom t\nwhere x FROM y", 0, "syntax error at or near \"FROM\"", 25},
	{"select 1 from", 0, "syntax error at end of input", 14},
	{"select 'é' é é", 0, "syntax error at or near \"é\"", 16},
	{"select 'unterminated", 0, "unterminated quoted string", 8},
	{"select 1; selec 2", 0, "syntax error at or near \"selec\"", 11},
	/* empty */
	{"", 0, "empty input", 0},
	{"  \n\t ", 0, "empty input", 0},
	{"-- only a comment\n/* and this */", 0, "empty input", 0},
	{";;;", 0, "empty input", 0},
	/* statement kinds that are never allowed */
	{"insert into t values (1)", ALL_PREP, "INSERT is not allowed in an answer", 1},
	{"update t set a = 1", ALL_PREP, "UPDATE is not allowed", 1},
	{"delete from t", ALL_PREP, "DELETE is not allowed", 1},
	{"merge into t using u on t.a = u.a when matched then delete", ALL_PREP,
	 "MERGE is not allowed", 1},
	{"select * into x from t", ALL_PREP, "SELECT INTO is not allowed", 1},
	{"create table x as select 1", ALL_PREP, "CREATE TABLE AS is not allowed", 1},
	{"create table x (a int)", ALL_PREP, "CREATE TABLE is not allowed in this drill", 1},
	{"create temp table x (a int); select 1", SQL_ALLOW_CREATE_TABLE,
	 "CREATE TEMPORARY TABLE is not allowed in an answer", 1},
	{"create table x () inherits (t); select 1", SQL_ALLOW_CREATE_TABLE,
	 "INHERITS / PARTITION OF is not allowed", 1},
	{"create table x partition of t for values in (1); select 1", SQL_ALLOW_CREATE_TABLE,
	 "INHERITS / PARTITION OF is not allowed", 1},
	{"create table x (a int) tablespace pg_global; select 1", SQL_ALLOW_CREATE_TABLE,
	 "tablespace", 1},
	{"create table x (a int default pg_sleep(1)::text::int); select 1",
	 SQL_ALLOW_CREATE_TABLE, "function pg_sleep() is not allowed", 0},
	/* a drill that allows writes in endpoints still never takes one here */
	{"update t set a = 1; select 1", ALL_PREP | SQL_ALLOW_UPDATE | SQL_ALLOW_INSERT,
	 "UPDATE is not allowed in an answer", 1},
	{"insert into t values (1); select 1", ALL_PREP | SQL_ALLOW_INSERT,
	 "INSERT is not allowed in an answer", 1},
	{"drop table t; select 1", ALL_PREP, "DROP TABLE is not allowed", 1},
	{"truncate t", ALL_PREP, "TRUNCATE is not allowed", 1},
	{"begin; select 1", ALL_PREP, "BEGIN is not allowed", 1},
	{"select 1; commit", ALL_PREP, "only one SELECT is allowed", 1},
	{"commit; select 1", ALL_PREP, "COMMIT is not allowed", 1},
	{"rollback; select 1", ALL_PREP, "ROLLBACK is not allowed", 1},
	{"savepoint a; select 1", ALL_PREP, "SAVEPOINT is not allowed", 1},
	{"start transaction; select 1", ALL_PREP, "START TRANSACTION is not allowed", 1},
	{"set work_mem = '1GB'; select 1", ALL_PREP, "SET is not allowed", 1},
	{"set local enable_seqscan = off; select 1", ALL_PREP, "SET is not allowed", 1},
	{"reset all; select 1", ALL_PREP, "RESET is not allowed", 1},
	{"explain select 1", ALL_PREP, "EXPLAIN is not allowed", 1},
	{"explain analyze delete from t", ALL_PREP, "EXPLAIN is not allowed", 1},
	{"copy t to stdout", ALL_PREP, "COPY is not allowed", 1},
	{"do $$ begin perform 1; end $$", ALL_PREP, "DO is not allowed", 1},
	{"vacuum t; select 1", ALL_PREP, "VACUUM is not allowed", 1},
	{"vacuum analyze t; select 1", ALL_PREP, "VACUUM is not allowed", 1},
	{"create index concurrently i on t (a); select 1", ALL_PREP,
	 "CREATE INDEX CONCURRENTLY is not allowed", 1},
	{"lock table t; select 1", ALL_PREP, "LOCK is not allowed", 1},
	{"create function f() returns int language sql as 'select 1'; select 1",
	 ALL_PREP, "CREATE FUNCTION is not allowed", 1},
	{"create view v as select 1; select 1", ALL_PREP, "CREATE VIEW is not allowed", 1},
	{"prepare p as select 1; execute p", ALL_PREP, "PREPARE is not allowed", 1},
	{"show work_mem", ALL_PREP, "SHOW is not allowed", 1},
	{"listen x; select 1", ALL_PREP, "LISTEN is not allowed", 1},
	{"notify x; select 1", ALL_PREP, "NOTIFY is not allowed", 1},
	{"call p()", ALL_PREP, "CALL is not allowed", 1},
	{"grant select on t to public; select 1", ALL_PREP, "GRANT is not allowed", 1},
	{"alter table t add column b int; select 1", ALL_PREP, "ALTER TABLE is not allowed", 1},
	{"refresh materialized view m; select 1", ALL_PREP,
	 "REFRESH MATERIALIZED VIEW is not allowed", 1},
	{"discard all; select 1", ALL_PREP, "DISCARD is not allowed", 1},
	{"checkpoint; select 1", ALL_PREP, "CHECKPOINT is not allowed", 1},
	{"load 'x'; select 1", ALL_PREP, "LOAD is not allowed", 1},
	{"declare c cursor for select 1", ALL_PREP, "DECLARE CURSOR is not allowed", 1},
	/* allowed kinds, but not in this drill */
	{"create index on t (a); select 1", 0, "CREATE INDEX is not allowed in this drill", 1},
	{"analyze t; select 1", SQL_ALLOW_CREATE_INDEX, "ANALYZE is not allowed in this drill", 1},
	{"create statistics s on a, b from t; select 1", SQL_ALLOW_CREATE_INDEX,
	 "CREATE STATISTICS is not allowed in this drill", 1},
	{"create materialized view m as select 1; select 1", INDEX_DRILL,
	 "CREATE MATERIALIZED VIEW is not allowed in this drill", 1},
	/* the order: the SELECT comes last, only one */
	{"select 1; create index on t (a)", INDEX_DRILL, "only one SELECT", 1},
	{"create index on t (a)", INDEX_DRILL, "must end with the SELECT", 1},
	{"select 1; select 2", 0, "only one SELECT is allowed", 1},
	{"select 1;\n  select 2", 0, "only one SELECT is allowed", 1},
	{"analyze t;\n  insert into t values (1)", ALL_PREP, "INSERT is not allowed", 14},
	/* what the walk finds inside an allowed statement */
	{"with d as (delete from t returning *) select * from d", 0,
	 "data-modifying statement in WITH is not allowed: DELETE", 6},
	{"with x as (select 1), d as (insert into t values (1) returning *) select 1",
	 0, "data-modifying statement in WITH is not allowed: INSERT", 23},
	{"select * from (with u as (update t set a = 1 returning a) select a from u) s",
	 0, "data-modifying statement in WITH is not allowed: UPDATE", 21},
	{"select * from t for update", 0, "locking clause", 17},
	{"select * from t\nwhere a = 1 for no key update", 0, "locking clause", 29},
	{"select * from t for share skip locked", 0, "locking clause", 17},
	{"select * from (select * from t for key share) s", 0, "locking clause", 32},
	{"(select 1 from t) union (select 2 from u for update)", 0, "locking clause", 42},
	{"select pg_sleep(10)", 0, "function pg_sleep() is not allowed", 8},
	/* tree locations are bytes: 'é' counts two */
	{"select 'é', pg_sleep(1)", 0, "pg_sleep()", 14},
	{"select 1 from t where pg_sleep(1) is not null", 0, "pg_sleep()", 23},
	{"select * from t where a in (select pg_sleep(1))", 0, "pg_sleep()", 36},
	{"with c as (select pg_catalog.pg_sleep(1)) select * from c", 0, "pg_sleep()", 19},
	{"select * from t, lateral (select set_config('a.b', 'c', false)) x", 0,
	 "set_config()", 34},
	{"select * from pg_sleep(1)", 0, "pg_sleep()", 15},
	{"select lower(pg_read_file('/etc/passwd'))", 0, "pg_read_file()", 14},
	{"select pg_advisory_lock(1)", 0, "pg_advisory_lock()", 8},
	{"select pg_try_advisory_xact_lock(1)", 0, "pg_try_advisory_xact_lock()", 8},
	{"select lo_import('/etc/passwd')", 0, "lo_import()", 8},
	{"select dblink_exec('x', 'y')", 0, "dblink_exec()", 8},
	{"select pg_terminate_backend(1)", 0, "pg_terminate_backend()", 8},
	{"select pg_notify('c', 'x')", 0, "pg_notify()", 8},
	{"select nextval('s')", 0, "nextval()", 8},
	{"select query_to_xml('delete from t', true, true, '')", 0, "query_to_xml()", 8},
	{"select count(*) filter (where pg_sleep(1) is null) from t", 0, "pg_sleep()", 31},
	{"select sum(a) over (order by pg_sleep(1)) from t", 0, "pg_sleep()", 30},
	{"create index on t ((pg_sleep(1)::text)); select 1", SQL_ALLOW_CREATE_INDEX,
	 "pg_sleep()", 21},
	{"create index on t (a) where pg_sleep(1) is null; select 1",
	 SQL_ALLOW_CREATE_INDEX, "pg_sleep()", 29},
	{"create materialized view m as select pg_sleep(1); select 1",
	 SQL_ALLOW_CREATE_MATVIEW, "pg_sleep()", 38},
};

static void
test_rejected(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
		const reject_case *c = &rejected[i];
		error err = {0};
		sql_script *s = sql_analyze(c->sql, strlen(c->sql), c->allow, &err);

		if (s != NULL || strstr(err.message, c->message) == NULL ||
			(c->position && err.position != c->position))
			print_error("case %zu (%s): got \"%s\" at %d\n", i, c->sql,
						err.message, err.position);
		assert_null(s);
		assert_int_equal(err.kind, ERROR_REJECTED);
		assert_non_null(strstr(err.message, c->message));
		if (c->position) {
			assert_int_equal(err.position, c->position);
			assert_non_null(strstr(err.detail, "LINE "));
			assert_non_null(strchr(err.detail, '^'));
		}
	}
}

/* sql_analyze_write: one INSERT or UPDATE of an allowed kind, its target,
 * and every way around the allow-list refused. */
typedef struct write_case {
	const char *sql;
	unsigned allow;
	const char *target;    /* accepted: the target; NULL: rejected */
	const char *message;   /* rejected: a part of the message */
} write_case;

#define WRITES (SQL_ALLOW_INSERT | SQL_ALLOW_UPDATE)

static const write_case writes[] = {
	{"UPDATE counters SET n = n + 1 WHERE id = 1", WRITES, "counters", NULL},
	{"update public.Counters set n = n + 1", SQL_ALLOW_UPDATE, "counters", NULL},
	{"insert into hits (page) values (7)", SQL_ALLOW_INSERT, "hits", NULL},
	{"insert into hits (page) select 7 where true returning page", SQL_ALLOW_INSERT, "hits",
	 NULL},
	{"insert into shards (s, n) values (3, 1) on conflict (s) do update "
	 "set n = shards.n + 1", WRITES, "shards", NULL},
	{"insert into shards (s, n) values (3, 1) on conflict do nothing", SQL_ALLOW_INSERT,
	 "shards", NULL},
	{"update c set n = n + 1 from (select 1 as id) s where c.id = s.id", SQL_ALLOW_UPDATE,
	 "c", NULL},
	/* kinds the drill does not allow */
	{"update counters set n = 0", SQL_ALLOW_INSERT, NULL, "UPDATE is not allowed in this drill"},
	{"insert into hits values (1)", SQL_ALLOW_UPDATE, NULL, "INSERT is not allowed"},
	{"insert into s values (1, 1) on conflict (a) do update set b = 2", SQL_ALLOW_INSERT, NULL,
	 "ON CONFLICT DO UPDATE is not allowed"},
	{"delete from counters", WRITES, NULL, "DELETE is not a write"},
	{"merge into t using u on t.a = u.a when matched then delete", WRITES, NULL,
	 "MERGE is not a write"},
	{"select 1", WRITES, NULL, "SELECT is not a write"},
	{"truncate counters", WRITES, NULL, "TRUNCATE is not a write"},
	{"update counters set n = 1; update orders set total = 0", WRITES, NULL,
	 "one statement expected, found 2"},
	/* writing elsewhere from inside an allowed write */
	{"with d as (delete from orders returning 1) update counters set n = n + 1", WRITES, NULL,
	 "data-modifying statement in WITH"},
	{"insert into hits select 1 from (with x as (update orders set total = 0 returning 1) "
	 "select * from x) y", WRITES, NULL, "data-modifying statement in WITH"},
	{"update counters set n = n + 1 where id = (select id from orders for update limit 1)",
	 WRITES, NULL, "locking clause"},
	{"update counters set n = n + 1 returning pg_sleep(1)", WRITES, NULL,
	 "function pg_sleep() is not allowed"},
	{"update counters set n = (select setval('s', 1))", WRITES, NULL,
	 "function setval() is not allowed"},
	{"insert into hits select * from dblink('x', 'delete from orders') as t(a int)", WRITES,
	 NULL, "function dblink() is not allowed"},
	{"update pg_catalog.pg_authid set rolsuper = true", WRITES, NULL,
	 "a write to schema pg_catalog"},
	{"", WRITES, NULL, "empty input"},
};

static void
test_analyze_write(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		const write_case *c = &writes[i];
		error err = {0};
		sql_script *s = sql_analyze_write(c->sql, strlen(c->sql), c->allow, &err);

		if ((s == NULL) != (c->target == NULL) ||
			(s == NULL && strstr(err.message, c->message) == NULL))
			print_error("case %zu (%s): got \"%s\"\n", i, c->sql, s ? "accepted" : err.message);
		if (c->target) {
			assert_non_null(s);
			assert_int_equal(s->n, 1);
			assert_string_equal(s->stmts[0].target, c->target);
			assert_true(s->stmts[0].kind == SQL_KIND_INSERT ||
						s->stmts[0].kind == SQL_KIND_UPDATE);
		} else {
			assert_null(s);
			assert_int_equal(err.kind, ERROR_REJECTED);
			assert_non_null(strstr(err.message, c->message));
		}
		sql_script_free(s);
	}
}

/* CREATE TABLE statements name the table they create. */
static void
test_create_table_target(void **state)
{
	const char *sql = "create table Hits (id bigint); create index on hits (id); select 1";
	error err = {0};
	sql_script *s = sql_analyze(sql, strlen(sql), SQL_ALLOW_CREATE_TABLE |
								SQL_ALLOW_CREATE_INDEX, &err);

	(void) state;
	assert_non_null(s);
	assert_int_equal(s->stmts[0].kind, SQL_KIND_CREATE_TABLE);
	assert_string_equal(s->stmts[0].target, "hits");
	assert_null(s->stmts[1].target);
	sql_script_free(s);
}

/* Statement spans: offsets and texts trimmed of comments and ';'. */
static void
test_spans(void **state)
{
	const char *sql = "  -- prep\n create index on t (a) ; /* c */\n"
		"select a\n  from t -- why\n;  ";
	error err = {0};
	sql_script *s;

	(void) state;
	s = sql_analyze(sql, strlen(sql), SQL_ALLOW_CREATE_INDEX, &err);
	assert_non_null(s);
	assert_int_equal(s->n, 2);
	assert_string_equal(s->stmts[0].text, "create index on t (a)");
	assert_int_equal(s->stmts[0].offset, 11);
	assert_int_equal(s->stmts[0].length, 21);
	assert_int_equal(s->stmts[0].kind, SQL_KIND_CREATE_INDEX);
	assert_string_equal(s->stmts[1].text, "select a\n  from t");
	assert_int_equal(s->stmts[1].offset, 43);
	assert_memory_equal(sql + s->stmts[1].offset, "select a", 8);
	assert_ptr_equal(sql_script_query(s), &s->stmts[1]);
	sql_script_free(s);
}

/* The statement text is trimmed to its first and last token. */
static const struct {
	const char *sql;
	const char *text;
} trims[] = {
	{"select 1", "select 1"},
	{"  \n select 1 \n\t ", "select 1"},
	{"select 1;", "select 1"},
	{"select 1 ; ", "select 1"},
	{"-- c\nselect 1", "select 1"},
	{"/* c */ select 1 /* d */", "select 1"},
	{"select 1 -- c", "select 1"},
	{"select 1 -- c\n", "select 1"},
	{"select 1\n-- c\n-- d", "select 1"},
	{"select '--' as x", "select '--' as x"},
	{"select 'a\n--b'", "select 'a\n--b'"},
	{"select 1 /* a\n b */", "select 1"},
	{"select $$;$$", "select $$;$$"},
	{"select 2/1", "select 2/1"},
	{"select a-1 from t", "select a-1 from t"},
};

static void
test_trim(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof trims / sizeof trims[0]; i++) {
		error err = {0};
		sql_script *s = sql_analyze(trims[i].sql, strlen(trims[i].sql), 0, &err);

		if (s == NULL)
			print_error("case %zu: %s\n", i, err.message);
		assert_non_null(s);
		if (strcmp(s->stmts[0].text, trims[i].text) != 0)
			print_error("case %zu: got \"%s\"\n", i, s->stmts[0].text);
		assert_string_equal(s->stmts[0].text, trims[i].text);
		assert_int_equal(s->stmts[0].length, (int) strlen(trims[i].text));
		sql_script_free(s);
	}
}

static void
test_script_accessors(void **state)
{
	sql_script empty = {NULL, 0};
	sql_statement st = {SQL_KIND_ANALYZE, "ANALYZE", NULL, 0, 7, false, NULL};
	sql_script no_select = {&st, 1};

	(void) state;
	assert_null(sql_script_query(NULL));
	assert_null(sql_script_query(&empty));
	assert_null(sql_script_query(&no_select));
	sql_script_free(NULL);
}

/* The input need not be NUL-terminated: only len bytes are read. */
static void
test_not_nul_terminated(void **state)
{
	char buf[16];
	error err = {0};
	sql_script *s;

	(void) state;
	memcpy(buf, "select 1xxxxxxx", 16);
	s = sql_analyze(buf, 8, 0, &err);
	assert_non_null(s);
	assert_string_equal(s->stmts[0].text, "select 1");
	sql_script_free(s);
}

static void
test_null_err_is_accepted(void **state)
{
	(void) state;
	assert_null(sql_analyze("selec", 5, 0, NULL));
}

/* head + n × unit + tail + n × close */
static char *
repeat_sql(const char *head, const char *unit, size_t n, const char *tail,
		   const char *close)
{
	strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	strbuf_append(&sb, head);
	for (size_t i = 0; i < n; i++)
		strbuf_append(&sb, unit);
	strbuf_append(&sb, tail);
	for (size_t i = 0; i < n; i++)
		strbuf_append(&sb, close);
	return strbuf_steal(&sb);
}

typedef struct hostile_case {
	const char *head, *unit, *tail, *close;
	size_t n;
	const char *message;
	int position;          /* 0 = not checked */
} hostile_case;

static const hostile_case hostile[] = {
	/* deeper than cJSON's nesting limit: reported at the statement */
	{"select 1;\nselect a", "+a", "", "", 2000, "nested too deeply to analyse", 11},
	{"select ", "(select ", "1", ")", 600, "nested too deeply", 0},
	/* bison's own stack limit */
	{"select ", "-(", "1", ")", 20000, "memory exhausted", 0},
	/* left-deep chains that would overflow libpg_query's stack when it
	 * writes the tree: refused by the token budget first */
	{"select a", "+a", "", "", 200000, "too complex to analyse", 0},
	{"select a", "::int", "", "", 100000, "too complex to analyse", 0},
	{"select a", " is null", "", "", 100000, "too complex to analyse", 0},
	{"select 1", " union select 1", "", "", 30000, "too complex to analyse", 0},
	/* over the size limit */
	{"select ", "1", "", "", 1024 * 1024, "input too large", 0},
	/* below the token budget, a long chain still fails cleanly in cJSON */
	{"select a", "+a", "", "", 24000, "nested too deeply", 0},
	{"select a", "::int", "", "", 16000, "nested too deeply", 0},
	{"select a", " collate \"C\"", "", "", 16000, "nested too deeply", 0},
	{"select a", " is null", "", "", 16000, "nested too deeply", 0},
	{"select * from t", " join t using (a)", "", "", 8000, "nested too deeply", 0},
};

static void
test_hostile_input(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		char *sql = repeat_sql(hostile[i].head, hostile[i].unit, hostile[i].n,
							   hostile[i].tail, hostile[i].close);
		error err = {0};
		sql_script *s = sql_analyze(sql, strlen(sql), 0, &err);

		if (s || !strstr(err.message, hostile[i].message))
			print_error("case %zu: %s\n", i, err.message);
		assert_null(s);
		assert_int_equal(err.kind, ERROR_REJECTED);
		assert_non_null(strstr(err.message, hostile[i].message));
		if (hostile[i].position)
			assert_int_equal(err.position, hostile[i].position);
		free(sql);
	}
}

typedef struct bytes_case {
	const char *sql;
	size_t len;
	const char *message;
	int position;
} bytes_case;

static const bytes_case bad_bytes[] = {
	{"select 1\0; drop table t", 24, "NUL byte at byte 9", 9},
	{"select '\xff'", 11, "not valid UTF-8 at byte 9", 9},
	{"select '\xc3'", 11, "not valid UTF-8", 9},        /* truncated */
	{"select '\xc0\xaf'", 12, "not valid UTF-8", 9},    /* overlong */
	{"select '\xed\xa0\x80'", 13, "not valid UTF-8", 9}, /* surrogate */
	{"select '\xf4\x90\x80\x80'", 14, "not valid UTF-8", 9}, /* > U+10FFFF */
	{"select 'ok', '\xe2\x82'", 17, "not valid UTF-8 at byte 15", 15},
};

static void
test_bad_bytes(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof bad_bytes / sizeof bad_bytes[0]; i++) {
		error err = {0};
		sql_script *s = sql_analyze(bad_bytes[i].sql, bad_bytes[i].len, 0, &err);

		if (s || !strstr(err.message, bad_bytes[i].message))
			print_error("case %zu: %s\n", i, err.message);
		assert_null(s);
		assert_int_equal(err.kind, ERROR_REJECTED);
		assert_non_null(strstr(err.message, bad_bytes[i].message));
		assert_int_equal(err.position, bad_bytes[i].position);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_analyze_write),
		cmocka_unit_test(test_create_table_target),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_script_accessors),
		cmocka_unit_test(test_not_nul_terminated),
		cmocka_unit_test(test_null_err_is_accepted),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_bad_bytes),
	};
	return cmocka_run_group_tests_name("sql_analyze", tests, NULL, NULL);
}
