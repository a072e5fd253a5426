/*
 * fingerprint.c — is an answer the slow query unchanged?  libpg_query's
 * fingerprint hashes the parse tree with constants, comments, formatting and
 * the order of some lists ignored, so two texts that differ only in those
 * get the same fingerprint.  Input goes through the same checks as
 * sql_analyze first (a stranger's file is never handed to the parser
 * unchecked).  Called by the engine (check: "this is the slow query").
 */
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "internal.h"
#include "strbuf.h"

bool
sql_fingerprint(const char *src, size_t len, uint64_t *out, error *err)
{
	PgQueryFingerprintResult r;
	char *text;
	bool ok;

	if (!sql_input_check(src, len, err))
		return false;
	text = xstrndup(src, len);
	r = pg_query_fingerprint(text);
	ok = r.error == NULL;
	if (ok) {
		*out = r.fingerprint;
	} else {
		int position = r.error->cursorpos > 0
			? sql_char_to_byte_position(text, len, r.error->cursorpos) : 0;

		sql_reject_at(err, text, len, position, "%s", r.error->message);
	}
	pg_query_free_fingerprint_result(r);
	free(text);
	return ok;
}

bool
sql_same_query(const char *a, const char *b)
{
	uint64_t fa, fb;

	if (a == NULL || b == NULL)
		return false;
	if (!sql_fingerprint(a, strlen(a), &fa, NULL) ||
		!sql_fingerprint(b, strlen(b), &fb, NULL))
		return false;
	return fa == fb;
}
