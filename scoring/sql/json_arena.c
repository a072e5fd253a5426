/*
 * json_arena.c — a JSON reader that builds cJSON nodes in an arena (see
 * json_arena.h for why).  A plain recursive-descent parser of RFC 8259 JSON:
 * objects, arrays, strings with every escape (including \u surrogate
 * pairs), numbers, true, false, null; anything else is an error.
 */
#include "json_arena.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define BLOCK_SIZE (256 * 1024)

typedef struct block {
	struct block *next;
	size_t used, cap;
	max_align_t data[];
} block;

struct json_arena {
	block *head;
};

typedef struct reader {
	const char *p;
	json_arena *a;
	int depth;
} reader;

static void *
arena_alloc(json_arena *a, size_t n)
{
	block *b = a->head;
	char *out;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->used + n > b->cap) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;

		b = xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	out = (char *) b->data + b->used;
	b->used += n;
	return out;
}

static cJSON *
new_node(reader *r, int type)
{
	cJSON *n = arena_alloc(r->a, sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

static void
skip_ws(reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
		r->p++;
}

static int
hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static char *
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80)
		*o++ = (char) cp;
	else if (cp < 0x800) {
		*o++ = (char) (0xC0 | (cp >> 6));
		*o++ = (char) (0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char) (0xE0 | (cp >> 12));
		*o++ = (char) (0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char) (0x80 | (cp & 0x3F));
	} else {
		*o++ = (char) (0xF0 | (cp >> 18));
		*o++ = (char) (0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char) (0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char) (0x80 | (cp & 0x3F));
	}
	return o;
}

/* A string at r->p (the opening quote); NULL on error. */
static char *
read_string(reader *r)
{
	const char *s = r->p + 1, *e = s;
	char *out, *o;

	/* find the end; the unescaped text is never longer than the raw one */
	while (*e != '"') {
		if (*e == '\0' || (unsigned char) *e < 0x20)
			return NULL;
		if (*e == '\\') {
			if (e[1] == '\0')
				return NULL;
			e++;
		}
		e++;
	}
	out = o = arena_alloc(r->a, (size_t) (e - s) + 1);
	while (s < e) {
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			int hi, lo;
			uint32_t cp;

			if (e - s < 4 || (hi = hex4(s)) < 0)
				return NULL;
			s += 4;
			cp = (uint32_t) hi;
			if (hi >= 0xD800 && hi <= 0xDBFF) {
				if (e - s < 6 || s[0] != '\\' || s[1] != 'u' || (lo = hex4(s + 2)) < 0 ||
					lo < 0xDC00 || lo > 0xDFFF)
					return NULL;
				s += 6;
				cp = 0x10000 + (((uint32_t) hi - 0xD800) << 10) + ((uint32_t) lo - 0xDC00);
			} else if (hi >= 0xDC00 && hi <= 0xDFFF)
				return NULL;
			if (cp == 0)
				return NULL;        /* an embedded NUL cannot live in a C string */
			o = put_utf8(o, cp);
			break;
		}
		default:
			return NULL;
		}
	}
	*o = '\0';
	r->p = e + 1;
	return out;
}

static cJSON *read_value(reader *r);

/* Append `n` to the children of `parent` (cJSON's convention: the first
 * child's prev points at the last). */
static void
append(cJSON *parent, cJSON *n)
{
	cJSON *first = parent->child;

	if (first == NULL) {
		parent->child = n;
		n->prev = n;
	} else {
		cJSON *last = first->prev;

		last->next = n;
		n->prev = last;
		first->prev = n;
	}
}

static cJSON *
read_container(reader *r, bool object)
{
	cJSON *c = new_node(r, object ? cJSON_Object : cJSON_Array);
	char close = object ? '}' : ']';

	if (++r->depth > CJSON_NESTING_LIMIT)
		return NULL;
	r->p++;
	skip_ws(r);
	if (*r->p == close) {
		r->p++;
		r->depth--;
		return c;
	}
	for (;;) {
		char *key = NULL;
		cJSON *v;

		if (object) {
			if (*r->p != '"' || (key = read_string(r)) == NULL)
				return NULL;
			skip_ws(r);
			if (*r->p != ':')
				return NULL;
			r->p++;
			skip_ws(r);
		}
		if ((v = read_value(r)) == NULL)
			return NULL;
		v->string = key;
		append(c, v);
		skip_ws(r);
		if (*r->p == ',') {
			r->p++;
			skip_ws(r);
			continue;
		}
		if (*r->p != close)
			return NULL;
		r->p++;
		r->depth--;
		return c;
	}
}

static cJSON *
read_number(reader *r)
{
	const char *s = r->p;
	char *end;
	double d;
	cJSON *n;

	/* JSON's grammar, checked before strtod (which would accept more) */
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NULL;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return NULL;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return NULL;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	d = strtod(r->p, &end);
	if (end != s)
		return NULL;
	n = new_node(r, cJSON_Number);
	n->valuedouble = d;
	n->valueint = d >= INT_MAX ? INT_MAX : d <= (double) INT_MIN ? INT_MIN : (int) d;
	r->p = s;
	return n;
}

static cJSON *
read_value(reader *r)
{
	cJSON *n;

	switch (*r->p) {
	case '{':
		return read_container(r, true);
	case '[':
		return read_container(r, false);
	case '"': {
		char *s = read_string(r);

		if (s == NULL)
			return NULL;
		n = new_node(r, cJSON_String);
		n->valuestring = s;
		return n;
	}
	case 't':
		if (strncmp(r->p, "true", 4) != 0)
			return NULL;
		r->p += 4;
		return new_node(r, cJSON_True);
	case 'f':
		if (strncmp(r->p, "false", 5) != 0)
			return NULL;
		r->p += 5;
		return new_node(r, cJSON_False);
	case 'n':
		if (strncmp(r->p, "null", 4) != 0)
			return NULL;
		r->p += 4;
		return new_node(r, cJSON_NULL);
	default:
		return read_number(r);
	}
}

cJSON *
json_arena_parse(const char *text, json_arena **arena)
{
	reader r;
	cJSON *root;

	r.a = xcalloc(1, sizeof *r.a);
	r.p = text;
	r.depth = 0;
	skip_ws(&r);
	root = read_value(&r);
	if (root != NULL) {
		skip_ws(&r);
		if (*r.p != '\0')
			root = NULL;
	}
	if (root == NULL) {
		json_arena_free(r.a);
		*arena = NULL;
		return NULL;
	}
	*arena = r.a;
	return root;
}

void
json_arena_free(json_arena *a)
{
	if (a == NULL)
		return;
	while (a->head) {
		block *b = a->head;

		a->head = b->next;
		free(b);
	}
	free(a);
}
