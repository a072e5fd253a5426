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
#include "pg/db.h"
#include "strbuf.h"

static const char db_help[] =
	"Usage: pgdrill db status|start|stop [OPTIONS]\n"
	"\n"
	"Manage pgdrill's private PostgreSQL cluster: created on first use under the\n"
	"cache directory ($XDG_CACHE_HOME/pgdrill/cluster, or ~/.cache/...; as root\n"
	"without XDG_CACHE_HOME: /var/cache/pgdrill/cluster), reachable only through a\n"
	"Unix socket in a 0700 directory, and left running between commands.\n"
	"\n"
	"  status   say whether the server runs and how to connect (with --db or\n"
	"           PGDRILL_DB: report on that server instead)\n"
	"  start    create the cluster if needed and start it\n"
	"  stop     stop it (fast shutdown); stopping a stopped cluster is fine\n"
	"\n"
	"Run as root, the server runs as the account PGDRILL_SERVER_USER (default\n"
	"postgres).  Binaries: PGDRILL_PG_BINDIR, else `pg_config --bindir`.\n"
	"\n"
	"Exit status: status exits 0 when it could tell the state (running or not;\n"
	"see \"running\" in --format json) and 4 when it could not (no PostgreSQL\n"
	"binaries, an unreachable --db server).  start exits 4 when the server cannot\n"
	"be created or started.  start and stop exit 2 with --db/PGDRILL_DB: they only\n"
	"manage the private cluster.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT    text (default) or json\n"
	"  --db CONNINFO      report on this server (status only)\n"
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
static void
print_private(const cli_options *opts, const cluster *c, cluster_state state,
			  const char *version, const char *action)
{
	char *conninfo = cluster_conninfo(c, "postgres", NULL);
	bool running = state == CLUSTER_RUNNING;

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
		cJSON_AddStringToObject(o, "bindir", c->bindir);
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
		if (running)
			printf("  connect with:     psql \"%s\"\n", conninfo);
	}
	free(conninfo);
}

/* status with --db: connect and report the version. */
static int
status_external(const cli_options *opts)
{
	error err;
	PGconn *conn = db_connect(opts->db_conninfo, &err);
	char *version;

	if (conn == NULL)
		return cli_report_error(opts, "db status", &err);
	version = db_query_value(conn, "SHOW server_version", 0, NULL, &err);
	db_close(conn);
	if (version == NULL)
		return cli_report_error(opts, "db status", &err);
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
		print_json(o);
		cJSON_Delete(o);
	} else {
		printf("pgdrill uses the external server given by --db/PGDRILL_DB "
			   "(PostgreSQL %s).\n  connect with:     psql \"%s\"\n",
			   version, opts->db_conninfo);
	}
	free(version);
	return 0;
}

/* The version of a running private cluster, or NULL. */
static char *
running_version(const cluster *c, cluster_state state, error *err)
{
	return state == CLUSTER_RUNNING ? cluster_server_version(c, err) : NULL;
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
	} else if (strcmp(action, "stop") == 0) {
		done = state == CLUSTER_RUNNING ? "stopped" : "already stopped";
		if (!cluster_stop(&c, &err) || !cluster_get_state(&c, &state, &err))
			goto fail;
	}
	if (state == CLUSTER_RUNNING) {
		version = running_version(&c, state, &err);
		if (version == NULL)
			goto fail;
	}
	print_private(opts, &c, state, version, done);
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
			return cli_usage_error("db", "invalid option");
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_usage_error("db", "invalid option");
		if (err.kind != ERROR_NONE)
			return cli_report_error(opts, "db", &err);
	}
	if (optind >= argc)
		return cli_usage_error("db", "missing action: status, start or stop");
	if (optind + 1 < argc)
		return cli_usage_error("db", "too many arguments");
	action = argv[optind];
	if (strcmp(action, "status") != 0 && strcmp(action, "start") != 0 &&
		strcmp(action, "stop") != 0)
		return cli_usage_error("db", "unknown action \"%s\": expected status, start "
							   "or stop", action);
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
	return run_action(opts, action);
}
