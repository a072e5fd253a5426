/*
 * lex.h — a small, forgiving SQL tokenizer for the text around the parser.
 *
 * It is not PostgreSQL's lexer and never decides what SQL means: libpg_query
 * does that.  It only knows enough of the lexical rules (whitespace, -- and
 * nested comments, quoted strings and identifiers, dollar quoting) to find
 * where tokens start and end, so that the SQL module can trim a statement to
 * its first and last token, bound a statement's complexity before handing it
 * to libpg_query, and find keywords the parse tree does not locate.  It never
 * fails: unterminated strings or comments run to the end of the input.
 * Internal to scoring/sql/.
 */
#ifndef PGDRILL_SQL_LEX_H
#define PGDRILL_SQL_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum sql_token_kind {
	SQL_TOKEN_END = 0,   /* no more tokens */
	SQL_TOKEN_WORD,      /* keyword or identifier, unquoted */
	SQL_TOKEN_QUOTED,    /* "quoted identifier" */
	SQL_TOKEN_STRING,    /* 'string', E'..', $$..$$ */
	SQL_TOKEN_NUMBER,
	SQL_TOKEN_PARAM,     /* $1 */
	SQL_TOKEN_OP,        /* a run of operator characters, or :: */
	SQL_TOKEN_PUNCT      /* one of ( ) [ ] , ; : . */
} sql_token_kind;

typedef struct sql_token {
	sql_token_kind kind;
	size_t start;  /* byte offset of the first byte */
	size_t end;    /* byte offset just past the last byte */
} sql_token;

/*
 * The token starting at or after byte `pos` of src[0..len): skips whitespace
 * and comments first.  Returns SQL_TOKEN_END (start = end = len) at the end.
 */
sql_token sql_lex_next(const char *src, size_t len, size_t pos);

/* True when the token is the unquoted word `kw` (ASCII, case-insensitive). */
bool sql_token_is_word(const char *src, const sql_token *t, const char *kw);

#endif
