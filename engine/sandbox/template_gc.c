/*
 * template_gc.c — the inventory of fixture templates on a server and the
 * dropping of those the catalogue no longer builds (see template_gc.h).
 */
#include "sandbox/template_gc.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/fixture.h"
#include "fnv.h"
#include "pg/db.h"
#include "sandbox/pool.h"
#include "sandbox/template.h"
#include "strbuf.h"

#define TEMPLATE_PREFIX "pgdrill_t_"

/* Split <fixture>_<seed>_<scale>_<hash> (after the prefix) from the right:
 * the fixture (malloc'd) and the hash (pointing into name), or false when
 * the name does not have that shape. */
static bool
split_name(const char *name, char **fixture_name, const char **hash)
{
	const char *rest = name + strlen(TEMPLATE_PREFIX);
	const char *cut = rest + strlen(rest);
	int parts = 0;

	while (cut > rest && parts < 3) {
		cut--;
		if (*cut == '_') {
			if (++parts == 1)
				*hash = cut + 1;
		}
	}
	if (parts < 3 || cut == rest)
		return false;
	*fixture_name = xstrndup(rest, (size_t) (cut - rest));
	return true;
}

/* Whether fixtures_dir still builds a template with this fixture and hash. */
static bool
is_current(const char *fixtures_dir, const char *fixture_name, const char *hash)
{
	error ignored = {0};
	fixture *f = fixture_load(fixtures_dir, fixture_name, &ignored);
	char hex[17];
	bool current;

	if (f == NULL)
		return false;
	fnv_hex(f->content_hash, hex);
	hex[12] = '\0';
	current = strcmp(hex, hash) == 0;
	fixture_free(f);
	return current;
}

bool
template_inventory_load(PGconn *admin, const char *fixtures_dir, template_inventory *inv,
						error *err)
{
	PGresult *res;

	memset(inv, 0, sizeof *inv);
	res = db_query(admin, "SELECT datname, pg_database_size(oid) FROM pg_database "
				   "WHERE datname LIKE 'pgdrill\\_t\\_%' ORDER BY datname", 0, NULL,
				   ERROR_ENV, err);
	if (res == NULL)
		return false;
	inv->entries = xcalloc((size_t) PQntuples(res) + 1, sizeof(template_entry));
	for (int i = 0; i < PQntuples(res); i++) {
		template_entry *e = &inv->entries[inv->n++];
		const char *hash = NULL;

		e->name = xstrdup(PQgetvalue(res, i, 0));
		e->bytes = atoll(PQgetvalue(res, i, 1));
		e->current = split_name(e->name, &e->fixture, &hash) &&
			is_current(fixtures_dir, e->fixture, hash);
		if (e->fixture == NULL)
			e->fixture = xstrdup("?");
		inv->bytes += e->bytes;
		if (!e->current) {
			inv->stale_bytes += e->bytes;
			inv->n_stale++;
		}
	}
	PQclear(res);
	return pool_inventory(admin, &inv->pool_clones, &inv->pool_bytes, err);
}

void
template_inventory_release(template_inventory *inv)
{
	if (inv == NULL)
		return;
	for (size_t i = 0; i < inv->n; i++) {
		free(inv->entries[i].name);
		free(inv->entries[i].fixture);
	}
	free(inv->entries);
	memset(inv, 0, sizeof *inv);
}

bool
template_gc(PGconn *admin, const template_inventory *inv, size_t *dropped, error *err)
{
	*dropped = 0;
	for (size_t i = 0; i < inv->n; i++) {
		if (inv->entries[i].current)
			continue;
		if (!template_drop(admin, inv->entries[i].name, err))
			return false;
		(*dropped)++;
	}
	return true;
}
