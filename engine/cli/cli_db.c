/*
 * cli_db.c — `pgdrill db status|start|stop`: the private cluster from the
 * command line.
 *
 * status reports on the server pgdrill would use (the private cluster, or the
 * external one named by --db / PGDRILL_DB) in text or JSON; start and stop
 * manage the private cluster only.  The work is in engine/pg/cluster.c; this
 * file parses arguments, prints, and maps errors to exit codes.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "pg/cluster.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "pg/db.h"
#include "pg/server.h"
#include "sandbox/keeper.h"
#include "sandbox/pool.h"
#include "sandbox/template_gc.h"
#include "strbuf.h"
#include "suggest.h"

static const char db_help[] =
	"Usage: pgdrill db status|start|stop|gc [OPTIONS]\n"
	"\n"
	"Manage pgdrill's private PostgreSQL cluster: created on first use under the\n"
	"cache directory ($XDG_CACHE_HOME/pgdrill/cluster, or ~/.cache/...; as root\n"
	"without XDG_CACHE_HOME: /var/cache/pgdrill/cluster), reachable only through a\n"
	"Unix socket in a 0700 directory, and left running between commands.\n"
	"\n"
	"  status   say whether the server runs, how to connect, the disk it uses\n"
	"           and its fixture templates (with --db or PGDRILL_DB: report on\n"
	"           that server instead); needs no PostgreSQL binaries\n"
	"  start    create the cluster if needed and start it\n"
	"  stop     stop it (fast shutdown); stopping a stopped cluster is fine\n"
	"  gc       drop the templates of fixtures (or template recipes) that the\n"
	"           catalogue no longer has: nothing will clone them again\n"
	"\n"
	"Run as root, the server runs as the account PGDRILL_SERVER_USER (default\n"
	"postgres).  Binaries: PGDRILL_PG_BINDIR, else `pg_config --bindir`.\n"
	"\n"
	"Exit status: status exits 0 when it could tell the state (running or not;\n"
	"see \"running\" in --format json; missing PostgreSQL binaries are reported,\n"
	"not fatal) and 4 when it could not (an unreachable --db server).  start and\n"
	"gc exit 4 when the server cannot be created or started.  start and stop\n"
	"exit 2 with --db/PGDRILL_DB: they only manage the private cluster (gc works\n"
	"on either).\n"
	"\n"
	"Options:\n"
	"  --format FORMAT    text (default) or json\n"
	"  --db CONNINFO      report on (status) or collect on (gc) this server\n"
	"  --fixtures DIR     the fixtures gc keeps (default: PGDRILL_FIXTURES or built in)\n"
	"  -q, --quiet        no progress output\n"
	"  -h, --help         this help\n";

static void
print_json(cJSON *o)
{
	char *text = cJSON_Print(o);

	if (text)
		puts(text);
	free(text);
}

/* The status of the private cluster, as JSON or text. */
/* "1.2 GB", "640 MB", "12 kB": decimal units, as df -H and du --si. */
static void
human_bytes(long long bytes, char *buf, size_t size)
{
	static const char *const units[] = {"bytes", "kB", "MB", "GB", "TB"};
	double v = (double) bytes;
	int u = 0;

	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	snprintf(buf, size, u == 0 ? "%.0f %s" : v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
}

/* What a status adds to the cluster's facts: the disk used, the templates
 * (NULL when the server was not asked), and why binaries are missing. */
typedef struct status_extra {
	long long disk_bytes;              /* -1: not measured */
	const template_inventory *inv;
	const error *no_bindir;
} status_extra;

static void
add_inventory_json(cJSON *o, const template_inventory *inv)
{
	cJSON *t = cJSON_AddObjectToObject(o, "templates");
	cJSON *arr = cJSON_AddArrayToObject(t, "databases");

	cJSON_AddNumberToObject(t, "count", (double) inv->n);
	cJSON_AddNumberToObject(t, "bytes", (double) inv->bytes);
	cJSON_AddNumberToObject(t, "stale", (double) inv->n_stale);
	cJSON_AddNumberToObject(t, "stale_bytes", (double) inv->stale_bytes);
	for (size_t i = 0; i < inv->n; i++) {
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "name", inv->entries[i].name);
		cJSON_AddStringToObject(e, "fixture", inv->entries[i].fixture);
		cJSON_AddNumberToObject(e, "bytes", (double) inv->entries[i].bytes);
		cJSON_AddBoolToObject(e, "current", inv->entries[i].current);
		cJSON_AddItemToArray(arr, e);
	}
	t = cJSON_AddObjectToObject(o, "pool");
	cJSON_AddNumberToObject(t, "count", (double) inv->pool_clones);
	cJSON_AddNumberToObject(t, "bytes", (double) inv->pool_bytes);
}

static void
print_inventory_text(const template_inventory *inv)
{
	char total[32], stale[32];

	human_bytes(inv->bytes, total, sizeof total);
	human_bytes(inv->stale_bytes, stale, sizeof stale);
	printf("  templates:        %zu, %s", inv->n, total);
	if (inv->n_stale)
		printf(" (%zu no longer in the catalogue, %s: pgdrill db gc drops them)",
			   inv->n_stale, stale);
	printf("\n");
	human_bytes(inv->pool_bytes, total, sizeof total);
	printf("  clone pool:       %ld clone%s made ahead, %s\n", inv->pool_clones,
		   inv->pool_clones == 1 ? "" : "s", total);
}

static void
print_private(const cli_options *opts, const cluster *c, cluster_state state,
			  const char *version, const char *action, const status_extra *x)
{
	char *conninfo = cluster_conninfo(c, "postgres", NULL);
	bool running = state == CLUSTER_RUNNING;
	long keeper = running ? keeper_pid(c) : 0;

	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "kind", "private");
		if (action)
			cJSON_AddStringToObject(o, "action", action);
		cJSON_AddStringToObject(o, "state", cluster_state_name(state));
		cJSON_AddBoolToObject(o, "running", running);
		cJSON_AddStringToObject(o, "conninfo", conninfo);
		cJSON_AddStringToObject(o, "data_directory", c->data_dir);
		cJSON_AddStringToObject(o, "socket_directory", c->socket_dir);
		cJSON_AddNumberToObject(o, "port", c->port);
		cJSON_AddStringToObject(o, "log_file", c->log_file);
		cJSON_AddStringToObject(o, "server_user", c->server_user);
		cJSON_AddStringToObject(o, "superuser", c->superuser);
		cJSON_AddBoolToObject(o, "as_root", c->as_root);
		if (c->bindir)
			cJSON_AddStringToObject(o, "bindir", c->bindir);
		else
			cJSON_AddNullToObject(o, "bindir");
		if (x && x->no_bindir && x->no_bindir->kind)
			cJSON_AddStringToObject(o, "bindir_problem", x->no_bindir->message);
		if (x && x->disk_bytes >= 0)
			cJSON_AddNumberToObject(o, "disk_bytes", (double) x->disk_bytes);
		if (x && x->inv)
			add_inventory_json(o, x->inv);
		if (keeper > 0)
			cJSON_AddNumberToObject(o, "keeper_pid", (double) keeper);
		else
			cJSON_AddNullToObject(o, "keeper_pid");
		if (version)
			cJSON_AddStringToObject(o, "server_version", version);
		else
			cJSON_AddNullToObject(o, "server_version");
		print_json(o);
		cJSON_Delete(o);
	} else {
		if (running)
			printf("pgdrill's private cluster is running (PostgreSQL %s)%s.\n",
				   version ? version : "?", action && strcmp(action, "already running") == 0
				   ? " (it already was)" : "");
		else if (state == CLUSTER_STOPPED)
			printf("pgdrill's private cluster is stopped%s.\n",
				   action && strcmp(action, "already stopped") == 0
				   ? " (it already was)" : "");
		else
			printf("pgdrill's private cluster does not exist yet (%s db start "
				   "creates it).\n", cli_program());
		if (c->as_root)
			printf("  server account:   %s (pgdrill runs as root; PostgreSQL does not)\n",
				   c->server_user);
		else
			printf("  server account:   %s\n", c->server_user);
		printf("  data directory:   %s\n", c->data_dir);
		printf("  socket directory: %s\n", c->socket_dir);
		printf("  log file:         %s\n", c->log_file);
		if (x && x->disk_bytes >= 0) {
			char disk[32];

			human_bytes(x->disk_bytes, disk, sizeof disk);
			printf("  disk used:        %s (%s)\n", disk, c->root_dir);
		}
		if (x && x->inv)
			print_inventory_text(x->inv);
		if (keeper > 0)
			printf("  keeper:           pid %ld (hands out personal copies; leaves after "
				   "%d s without a request)\n", keeper, keeper_idle_s());
		if (x && x->no_bindir && x->no_bindir->kind)
			printf("  binaries:         not found: %s\n                    %s\n",
				   x->no_bindir->message, x->no_bindir->hint);
		if (running)
			printf("  connect with:     psql \"%s\"\n", conninfo);
	}
	free(conninfo);
}

/* The templates on the server `conn` reaches, against the fixtures of
 * opts.  False with err. */
static bool
load_inventory(const cli_options *opts, PGconn *conn, template_inventory *inv, error *err)
{
	char *fdir = paths_fixtures_dir(opts->fixtures_dir, err);
	bool ok;

	memset(inv, 0, sizeof *inv);
	if (fdir == NULL)
		return false;
	ok = template_inventory_load(conn, fdir, inv, err);
	free(fdir);
	return ok;
}

/* status with --db: connect and report the version and the templates. */
static int
status_external(const cli_options *opts)
{
	error err;
	PGconn *conn = db_connect(opts->db_conninfo, &err);
	template_inventory inv = {0};
	char *version;

	if (conn == NULL)
		return cli_report_error(opts, "db status", &err);
	version = db_query_value(conn, "SHOW server_version", 0, NULL, &err);
	if (version == NULL || !load_inventory(opts, conn, &inv, &err)) {
		db_close(conn);
		free(version);
		template_inventory_release(&inv);
		return cli_report_error(opts, "db status", &err);
	}
	db_close(conn);
	if (strchr(version, ' '))
		*strchr(version, ' ') = '\0';
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "kind", "external");
		cJSON_AddStringToObject(o, "state", "running");
		cJSON_AddBoolToObject(o, "running", true);
		cJSON_AddStringToObject(o, "conninfo", opts->db_conninfo);
		cJSON_AddStringToObject(o, "server_version", version);
		add_inventory_json(o, &inv);
		print_json(o);
		cJSON_Delete(o);
	} else {
		printf("pgdrill uses the external server given by --db/PGDRILL_DB "
			   "(PostgreSQL %s).\n", version);
		print_inventory_text(&inv);
		printf("  connect with:     psql \"%s\"\n", opts->db_conninfo);
	}
	free(version);
	template_inventory_release(&inv);
	return 0;
}

/* status of the private cluster: never needs the PostgreSQL binaries. */
static int
status_private(const cli_options *opts)
{
	cluster c;
	cluster_state state;
	error err, no_bindir;
	template_inventory inv = {0};
	status_extra x = {-1, NULL, &no_bindir};
	char *version = NULL;
	int code = 0;

	error_clear(&err);
	if (!cluster_locate_inspect(&c, &no_bindir, &err))
		return cli_report_error(opts, "db status", &err);
	cluster_get_state(&c, &state, &err);
	x.disk_bytes = fileio_tree_bytes(c.root_dir);
	if (state == CLUSTER_RUNNING) {
		char *ci = cluster_conninfo(&c, "postgres", NULL);
		PGconn *conn = db_connect(ci, &err);

		free(ci);
		version = conn ? db_query_value(conn, "SHOW server_version", 0, NULL, &err) : NULL;
		if (version && load_inventory(opts, conn, &inv, &err))
			x.inv = &inv;
		db_close(conn);
		if (x.inv == NULL) {
			code = cli_report_error(opts, "db status", &err);
			goto done;
		}
		version[strcspn(version, " ")] = '\0';
	}
	print_private(opts, &c, state, version, NULL, &x);
done:
	free(version);
	template_inventory_release(&inv);
	cluster_release(&c);
	return code;
}

/* gc: drop the templates the catalogue no longer builds, on the server
 * pgdrill uses (the private cluster is started if need be). */
static int
collect(const cli_options *opts)
{
	progress prog = cli_progress(opts);
	server s = {0};
	template_inventory inv = {0};
	size_t dropped = 0;
	error err = {0};
	int code = 0;
	bool ok;

	ok = server_open(&s, opts->db_conninfo, &prog, &err);
	cli_progress_done(opts);
	/* the roles as they must be (every other command trusts the check made
	 * since the server started), the templates, then the pool's clones of
	 * those that are gone */
	if (!ok || !server_check_roles(&s, &err) || !load_inventory(opts, s.admin, &inv, &err) ||
		!template_gc(s.admin, &inv, &dropped, &err) || pool_reap(&s, &err) < 0) {
		code = cli_report_error(opts, "db gc", &err);
		goto done;
	}
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "action", "gc");
		arr = cJSON_AddArrayToObject(o, "dropped");
		for (size_t i = 0; i < inv.n; i++)
			if (!inv.entries[i].current)
				cJSON_AddItemToArray(arr, cJSON_CreateString(inv.entries[i].name));
		cJSON_AddNumberToObject(o, "freed_bytes", (double) inv.stale_bytes);
		cJSON_AddNumberToObject(o, "kept", (double) (inv.n - inv.n_stale));
		print_json(o);
		cJSON_Delete(o);
	} else {
		char freed[32];

		human_bytes(inv.stale_bytes, freed, sizeof freed);
		for (size_t i = 0; i < inv.n; i++)
			if (!inv.entries[i].current)
				printf("dropped %s\n", inv.entries[i].name);
		printf("%zu template%s dropped (%s freed), %zu kept.\n", dropped,
			   dropped == 1 ? "" : "s", freed, inv.n - inv.n_stale);
	}
done:
	template_inventory_release(&inv);
	server_close(&s);
	return code;
}

static int
run_action(const cli_options *opts, const char *action)
{
	progress prog = cli_progress(opts);
	char command[32];
	cluster c;
	cluster_state state;
	char *version = NULL;
	const char *done = NULL;
	error err;
	int code = 0;
	bool ok;

	snprintf(command, sizeof command, "db %s", action);
	error_clear(&err);
	if (!cluster_locate(&c, &err))
		return cli_report_error(opts, command, &err);
	if (!cluster_get_state(&c, &state, &err))
		goto fail;
	if (strcmp(action, "start") == 0) {
		done = state == CLUSTER_RUNNING ? "already running" : "started";
		ok = cluster_ensure_running(&c, &prog, &err);
		cli_progress_done(opts);
		if (!ok)
			goto fail;
		state = CLUSTER_RUNNING;
	} else {
		done = state == CLUSTER_RUNNING ? "stopped" : "already stopped";
		if (!cluster_stop(&c, &err) || !cluster_get_state(&c, &state, &err))
			goto fail;
	}
	if (state == CLUSTER_RUNNING) {
		version = cluster_server_version(&c, &err);
		if (version == NULL)
			goto fail;
	}
	print_private(opts, &c, state, version, done, NULL);
	goto done;
fail:
	code = cli_report_error(opts, command, &err);
done:
	free(version);
	cluster_release(&c);
	return code;
}

int
cli_db(cli_options *opts, int argc, char **argv)
{
	static const struct option long_options[] = {
		CLI_COMMON_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	const char *action;
	error err;
	int ch;

	error_clear(&err);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", long_options, NULL)) != -1) {
		if (ch == 'h') {
			fputs(db_help, stdout);
			return 0;
		}
		if (ch == '?')
			return cli_option_error("db", argv, long_options);
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("db", argv, long_options);
		if (err.kind != ERROR_NONE)
			return cli_report_error(opts, "db", &err);
	}
	if (optind >= argc)
		return cli_usage_error("db", "missing action: status, start, stop or gc");
	if (optind + 1 < argc)
		return cli_usage_error("db", "too many arguments");
	action = argv[optind];
	if (strcmp(action, "status") != 0 && strcmp(action, "start") != 0 &&
		strcmp(action, "stop") != 0 && strcmp(action, "gc") != 0) {
		static const char *const actions[] = {"status", "start", "stop", "gc"};
		const char *near = suggest_closest(action, actions, 4);

		return cli_usage_error("db", "unknown action \"%s\"%s%s%s: expected status, start, "
							   "stop or gc", action, near ? " (did you mean \"" : "",
							   near ? near : "", near ? "\"?)" : "");
	}
	if (strcmp(action, "gc") == 0)
		return collect(opts);
	if (opts->db_conninfo) {
		if (strcmp(action, "status") == 0)
			return status_external(opts);
		error_set(&err, ERROR_USAGE, "db %s only manages pgdrill's private cluster",
				  action);
		error_detail(&err, "--db or PGDRILL_DB names an external server, which "
					 "pgdrill never starts or stops.");
		error_hint(&err, "Unset PGDRILL_DB (or drop --db) to manage the private cluster.");
		return cli_report_error(opts, "db", &err);
	}
	if (strcmp(action, "status") == 0)
		return status_private(opts);
	return run_action(opts, action);
}
