/* px_buf: a growable NUL-terminated byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static int grow(px_buf *buf, size_t need)
{
	size_t want = buf->size + need + 1;
	if (want <= buf->asize)
		return 0;
	size_t n = buf->asize ? buf->asize : 64;
	while (n < want) {
		if (n > SIZE_MAX / 2)
			return px_fail_oom();
		n *= 2;
	}
	char *p = realloc(buf->ptr, n);
	if (!p)
		return px_fail_oom();
	buf->ptr = p;
	buf->asize = n;
	return 0;
}

int px_buf_put(px_buf *buf, const char *data, size_t len)
{
	if (grow(buf, len) < 0)
		return PX_ENOMEM;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int px_buf_puts(px_buf *buf, const char *str)
{
	return px_buf_put(buf, str, strlen(str));
}

int px_buf_printf(px_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return px_fail(PX_ERROR, "bad format");
	if (grow(buf, (size_t)n) < 0)
		return PX_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf->size += (size_t)n;
	return 0;
}

void px_buf_clear(px_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void px_buf_dispose(px_buf *buf)
{
	if (!buf)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
}

char *px_buf_detach(px_buf *buf)
{
	if (!buf->ptr && px_buf_put(buf, "", 0) < 0)
		return NULL;
	char *p = buf->ptr;
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	return p;
}
