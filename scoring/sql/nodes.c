/*
 * nodes.c — reading libpg_query's JSON parse tree through cJSON.
 *
 * Small accessors for wrapped nodes ({"FuncCall": {...}}), their fields and
 * locations, so the walk, the classifier and the lint rules read like the
 * PostgreSQL structs they inspect.  libpg_query omits fields holding their
 * default (false, 0, NULL, empty list), hence the defaults here.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

const char *
sql_node_type(const cJSON *node)
{
	const cJSON *child;

	if (!cJSON_IsObject(node))
		return NULL;
	child = node->child;
	if (child == NULL || child->next != NULL || !cJSON_IsObject(child) ||
		child->string == NULL || child->string[0] < 'A' || child->string[0] > 'Z')
		return NULL;
	return child->string;
}

const cJSON *
sql_node_body(const cJSON *node)
{
	return sql_node_type(node) ? node->child : NULL;
}

const cJSON *
sql_node_as(const cJSON *node, const char *type)
{
	const char *t = sql_node_type(node);

	return t && strcmp(t, type) == 0 ? node->child : NULL;
}

const cJSON *
sql_field(const cJSON *body, const char *name)
{
	return cJSON_IsObject(body) ? cJSON_GetObjectItemCaseSensitive(body, name)
		: NULL;
}

const char *
sql_field_str(const cJSON *body, const char *name)
{
	const cJSON *f = sql_field(body, name);

	return cJSON_IsString(f) ? f->valuestring : NULL;
}

bool
sql_field_bool(const cJSON *body, const char *name)
{
	return cJSON_IsTrue(sql_field(body, name));
}

int
sql_field_int(const cJSON *body, const char *name, int dflt)
{
	const cJSON *f = sql_field(body, name);

	return cJSON_IsNumber(f) ? f->valueint : dflt;
}

bool
sql_field_nonempty(const cJSON *body, const char *name)
{
	const cJSON *f = sql_field(body, name);

	return cJSON_IsArray(f) && f->child != NULL;
}

int
sql_node_location(const cJSON *body)
{
	const cJSON *child;
	int loc;

	if (body == NULL)
		return -1;
	loc = sql_field_int(body, "location", -1);
	if (loc >= 0)
		return loc;
	for (child = body->child; child; child = child->next) {
		if (cJSON_IsObject(child) || cJSON_IsArray(child)) {
			loc = sql_node_location(child);
			if (loc >= 0)
				return loc;
		}
	}
	return -1;
}

const char *
sql_func_name(const cJSON *funccall)
{
	const cJSON *names = sql_field(funccall, "funcname");
	const cJSON *last = NULL, *item;

	cJSON_ArrayForEach(item, names)
		last = item;
	return sql_field_str(sql_node_as(last, "String"), "sval");
}

void
sql_column_name(const cJSON *columnref, char *buf, size_t size)
{
	const cJSON *item;
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	cJSON_ArrayForEach(item, sql_field(columnref, "fields")) {
		const char *part = sql_field_str(sql_node_as(item, "String"), "sval");
		int n;

		if (part == NULL)
			part = sql_node_as(item, "A_Star") ? "*" : "?";
		n = snprintf(buf + used, size - used, "%s%s", used ? "." : "", part);
		if (n < 0 || (size_t) n >= size - used)
			return;
		used += (size_t) n;
	}
}

const char *
sql_column_qualifier(const cJSON *columnref)
{
	const cJSON *fields = sql_field(columnref, "fields");
	int n = cJSON_GetArraySize(fields);

	/* schema.table.column: the relation is the one before the column */
	if (n < 2)
		return NULL;
	return sql_field_str(sql_node_as(cJSON_GetArrayItem(fields, n - 2), "String"),
						 "sval");
}

char *
sql_relation_name(const cJSON *rangevar)
{
	const char *name = sql_field_str(rangevar, "relname");

	return name ? xstrdup(name) : NULL;
}
