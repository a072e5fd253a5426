/*
 * unique_keys.c — a database's unique NOT NULL keys from pg_index (see
 * unique_keys.h).  One query, one row per key column in key order; rows of
 * one index are consecutive.
 */
#include "pg/unique_keys.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "strbuf.h"

static const char unique_keys_sql[] =
	"SELECT c.relname, i.indexrelid::text, a.attname\n"
	"FROM pg_catalog.pg_index i\n"
	"JOIN pg_catalog.pg_class c ON c.oid = i.indrelid\n"
	"CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)\n"
	"JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum\n"
	"WHERE i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL\n"
	"  AND k.ord <= i.indnkeyatts AND pg_catalog.pg_table_is_visible(c.oid)\n"
	"  AND c.relnamespace <> 'pg_catalog'::regnamespace\n"
	"  AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS n(attnum, ord)\n"
	"                  JOIN pg_catalog.pg_attribute na\n"
	"                    ON na.attrelid = i.indrelid AND na.attnum = n.attnum\n"
	"                  WHERE n.ord <= i.indnkeyatts AND NOT na.attnotnull)\n"
	"ORDER BY c.relname, i.indexrelid, k.ord";

static const char *
keep(pg_unique_keys *k, const char *s)
{
	k->names = xrealloc(k->names, (k->nnames + 1) * sizeof(char *));
	k->names[k->nnames] = xstrdup(s);
	return k->names[k->nnames++];
}

bool
pg_unique_keys_read(PGconn *conn, pg_unique_keys *out, error *err)
{
	PGresult *res;
	const char *last_index = NULL;

	memset(out, 0, sizeof *out);
	res = db_query(conn, unique_keys_sql, 0, NULL, ERROR_ENV, err);
	if (res == NULL)
		return false;
	for (int row = 0; row < PQntuples(res); row++) {
		const char *index = PQgetvalue(res, row, 1);
		sql_unique_key *u;

		if (last_index == NULL || strcmp(last_index, index) != 0) {
			out->keys = xrealloc(out->keys, (out->n + 1) * sizeof *out->keys);
			out->columns = xrealloc(out->columns, (out->n + 1) * sizeof *out->columns);
			out->columns[out->n] = NULL;
			out->keys[out->n] = (sql_unique_key) {keep(out, PQgetvalue(res, row, 0)), NULL, 0};
			out->n++;
		}
		last_index = index;
		u = &out->keys[out->n - 1];
		out->columns[out->n - 1] = xrealloc(out->columns[out->n - 1],
											(u->n + 1) * sizeof(char *));
		out->columns[out->n - 1][u->n++] = keep(out, PQgetvalue(res, row, 2));
		u->columns = out->columns[out->n - 1];
	}
	PQclear(res);
	return true;
}

sql_key_catalog
pg_unique_keys_catalog(const pg_unique_keys *k)
{
	return (sql_key_catalog) {k->keys, k->n};
}

void
pg_unique_keys_release(pg_unique_keys *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->nnames; i++)
		free(k->names[i]);
	free(k->names);
	for (size_t i = 0; i < k->n; i++)
		free(k->columns[i]);
	free(k->columns);
	free(k->keys);
	memset(k, 0, sizeof *k);
}
