/*
 * template_gc.h — which fixture templates exist on a server, what they
 * weigh, and dropping those the catalogue no longer builds.
 *
 * A template is named pgdrill_t_<fixture>_<seed>_<scale>_<hash> (template.c)
 * where the hash covers the fixture's files and the build recipe.  It is
 * current when the fixtures directory still holds that fixture and its
 * content hash (hence recipe) still gives that hash, at any seed or scale;
 * otherwise nothing will ever clone it again and `pgdrill db gc` drops it.
 * template.c already drops the stale versions of a fixture it rebuilds; gc
 * is for fixtures that were removed or renamed and for fixtures or recipes
 * that changed while the fixture was not used.  Other scales of a current
 * fixture are kept (a learner may use --scale again).  Called by cli_db.c
 * (status reports the inventory, gc drops).
 */
#ifndef PGDRILL_TEMPLATE_GC_H
#define PGDRILL_TEMPLATE_GC_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct template_entry {
	char *name;        /* the database name */
	char *fixture;     /* the fixture part of the name */
	long long bytes;   /* pg_database_size */
	bool current;      /* the catalogue still builds exactly this template */
} template_entry;

typedef struct template_inventory {
	template_entry *entries;
	size_t n;
	long long bytes;        /* all templates */
	long long stale_bytes;  /* the ones that are not current */
	size_t n_stale;
	long pool_clones;       /* clones made ahead (sandbox/pool.h), any template */
	long long pool_bytes;
} template_inventory;

/*
 * List the pgdrill templates of the server `admin` is connected to (as a
 * role that can see pg_database), each marked current or not against the
 * fixtures in `fixtures_dir`, and count the clone pool.  A fixture that fails to load counts as gone.
 * ERROR_ENV on server failure.  Release with template_inventory_release
 * (also after a failure).
 */
bool template_inventory_load(PGconn *admin, const char *fixtures_dir,
							 template_inventory *inv, error *err);
void template_inventory_release(template_inventory *inv);

/*
 * Drop every template of `inv` that is not current (terminating sessions
 * in it).  *dropped receives how many were dropped before any failure.
 * ERROR_ENV on server failure.
 */
bool template_gc(PGconn *admin, const template_inventory *inv, size_t *dropped, error *err);

#endif
