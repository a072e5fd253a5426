/*
 * textpos.c — line and column of a byte position (see textpos.h).
 */
#include "textpos.h"

/* A UTF-8 continuation byte (10xxxxxx) does not start a character. */
static int
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

void
text_line_column(const char *src, size_t len, long position, int *line, int *column)
{
	size_t end = position > 0 ? (size_t) position - 1 : 0;
	int l = 1, c = 1;

	if (end > len)
		end = len;
	for (size_t i = 0; i < end; i++) {
		if (src[i] == '\n') {
			l++;
			c = 1;
		} else if (!is_continuation((unsigned char) src[i]))
			c++;
	}
	*line = l;
	*column = c;
}

int
text_line(const char *src, size_t len, long position)
{
	int line, column;

	text_line_column(src, len, position, &line, &column);
	return line;
}
