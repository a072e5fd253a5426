/*
 * fixtures.c — see fixtures.h.  Reads files (tests may; scoring/ may not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "plan/insight.h"
#include "strbuf.h"

char *
fixture_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append_len(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	if (sb.data == NULL)
		strbuf_append(&sb, "");
	return strbuf_steal(&sb);
}

char *
fixture_path(const char *name)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");

	return xasprintf("%s/tests/plans/%s", src ? src : ".", name);
}

plan *
fixture_plan(const char *name)
{
	char *path = fixture_path(name);
	size_t len;
	char *text = fixture_read(path, &len);
	error err = {0};
	plan *p = plan_parse(text, len, &err);

	if (p == NULL)
		fail_msg("%s: %s (%s)", path, err.message, err.detail);
	free(text);
	free(path);
	return p;
}

plan *
fixture_parse_string(const char *json)
{
	error err = {0};
	plan *p = plan_parse(json, strlen(json), &err);

	if (p == NULL)
		fail_msg("parse failed: %s (%s)", err.message, err.detail);
	return p;
}

plan *
fixture_parse_sq(const char *json)
{
	char *copy = xstrdup(json);
	plan *p;

	for (char *c = copy; *c; c++)
		if (*c == '\'')
			*c = '"';
	p = fixture_parse_string(copy);
	free(copy);
	return p;
}

const plan_node *
fixture_node(const plan *p, int id)
{
	if (id < 1 || (size_t) id > p->n_nodes)
		fail_msg("no node %d (plan has %zu)", id, p->n_nodes);
	return p->nodes[id - 1];
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

char *
fixture_fired(const plan *p)
{
	insight_list *l = plan_insights(p);
	char **items = xcalloc(l->n + 1, sizeof *items);
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < l->n; i++)
		items[i] = xasprintf("%s#%d", l->items[i].rule,
							 l->items[i].node ? l->items[i].node->id : 0);
	qsort(items, l->n, sizeof *items, cmp_str);
	for (size_t i = 0; i < l->n; i++) {
		strbuf_printf(&sb, "%s%s", i ? " " : "", items[i]);
		free(items[i]);
	}
	free(items);
	insight_list_free(l);
	if (sb.data == NULL)
		strbuf_append(&sb, "");
	return strbuf_steal(&sb);
}
