/*
 * fingerprint.h — fingerprints of SQL texts (libpg_query's), to recognise an
 * answer that is the slow query modulo formatting, comments and constants.
 * sql_same_query (sql.h) is the yes/no form the engine uses; this header
 * adds the fingerprint itself, for callers that compare one text against
 * many or want to show it.
 */
#ifndef PGDRILL_SQL_FINGERPRINT_H
#define PGDRILL_SQL_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/*
 * Fingerprint src[0..len) into *out.  The input passes the same checks as
 * sql_analyze (size, NUL, UTF-8, complexity).  Returns false with err set
 * (ERROR_REJECTED, positioned) when the input is refused or does not parse.
 */
bool sql_fingerprint(const char *src, size_t len, uint64_t *out, error *err);

#endif
