/*
 * json_arena.h — reading libpg_query's JSON parse tree into cJSON nodes that
 * live in one arena.
 *
 * cJSON_Parse allocates every node, key and string separately and
 * cJSON_Delete frees them one by one; for libpg_query's trees (tens of
 * nodes per token) that cost 1.7 times the SQL parse itself.  This reader
 * builds the same cJSON structures — every cJSON read function and
 * cJSON_ArrayForEach work on them unchanged — from a few large blocks, freed
 * at once.  The nodes must never be passed to cJSON_Delete or modified with
 * cJSON's add/replace functions.  Nesting deeper than CJSON_NESTING_LIMIT is
 * refused, exactly as cJSON refuses it.  Internal to scoring/sql/.
 */
#ifndef PGDRILL_SQL_JSON_ARENA_H
#define PGDRILL_SQL_JSON_ARENA_H

#include <cjson/cJSON.h>
#include <stddef.h>

typedef struct json_arena json_arena;

/*
 * Parse the NUL-terminated JSON `text`.  Returns the root node, with *arena
 * set to the arena that owns it (free with json_arena_free), or NULL (and
 * *arena NULL) when the text is not valid JSON or nests deeper than
 * CJSON_NESTING_LIMIT.
 */
cJSON *json_arena_parse(const char *text, json_arena **arena);

/* Free an arena and every node in it.  Accepts NULL. */
void json_arena_free(json_arena *arena);

#endif
