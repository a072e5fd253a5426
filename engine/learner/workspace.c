/*
 * workspace.c — the learner's answer files (see workspace.h).
 */
#include "learner/workspace.h"

#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"

char *
workspace_answer_path(const char *drill_id, error *err)
{
	char *state = paths_state_dir(err);
	char *path;

	if (state == NULL)
		return NULL;
	path = xasprintf("%s/workspace/%s.sql", state, drill_id);
	free(state);
	return path;
}

char *
workspace_init_text(const drill *d, const char *text, bool *created, error *err)
{
	char *path = workspace_answer_path(d->id, err);
	char *dir;
	bool ok;

	*created = false;
	if (path == NULL)
		return NULL;
	if (fileio_exists(path))
		return path;
	dir = xstrndup(path, (size_t) (strrchr(path, '/') - path));
	ok = paths_mkdir_p(dir, 0700, err) &&
		fileio_write_atomic(path, text, strlen(text), 0600, err);
	free(dir);
	if (!ok) {
		free(path);
		return NULL;
	}
	*created = true;
	return path;
}

char *
workspace_init(const drill *d, bool *created, error *err)
{
	strbuf sb = STRBUF_INIT;
	char *path;

	strbuf_printf(&sb,
				  "-- pgdrill answer for drill %s: %s\n"
				  "-- Rewrite the query below so it returns the same rows with less work,\n"
				  "-- then run: pgdrill check %s\n",
				  d->id, d->title, d->id);
	if (d->allow & ~1u)
		strbuf_append(&sb, "-- This drill allows preparatory statements (e.g. CREATE INDEX)"
					  " before the final SELECT.\n");
	strbuf_append(&sb, "\n");
	strbuf_append(&sb, d->slow_sql);
	path = workspace_init_text(d, sb.data, created, err);
	strbuf_free(&sb);
	return path;
}
