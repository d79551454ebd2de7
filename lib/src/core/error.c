/*
 * The last error, one per thread. Messages are formatted into a per-thread
 * buffer; px_error_last() hands out a borrowed view of it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

static _Thread_local struct {
	px_error pub;
	char message[1024];
	char file[512];
} last = { { PX_OK, "", NULL, 0, 0, NULL }, "", "" };

const px_error *px_error_last(void)
{
	return &last.pub;
}

void px_error_clear(void)
{
	last.pub.code = PX_OK;
	last.message[0] = '\0';
	last.pub.message = last.message;
	last.pub.file = NULL;
	last.pub.line = last.pub.col = 0;
	last.pub.rule = NULL;
}

void px_error_save(px_error_saved *s)
{
	s->code = last.pub.code;
	snprintf(s->message, sizeof s->message, "%s", last.message);
	s->has_file = last.pub.file != NULL;
	snprintf(s->file, sizeof s->file, "%s", last.file);
	s->line = last.pub.line;
	s->col = last.pub.col;
	s->rule = last.pub.rule;
}

void px_error_restore(const px_error_saved *s)
{
	last.pub.code = s->code;
	snprintf(last.message, sizeof last.message, "%s", s->message);
	last.pub.message = last.message;
	snprintf(last.file, sizeof last.file, "%s", s->file);
	last.pub.file = s->has_file ? last.file : NULL;
	last.pub.line = s->line;
	last.pub.col = s->col;
	last.pub.rule = s->rule;
}

int px_set_rule(int code, const char *rule)
{
	last.pub.rule = rule;
	return code;
}

static int vfail(int code, const char *file, int line, int col, const char *fmt, va_list ap)
{
	vsnprintf(last.message, sizeof last.message, fmt, ap);
	last.pub.code = code;
	last.pub.message = last.message;
	if (file) {
		snprintf(last.file, sizeof last.file, "%s", file);
		last.pub.file = last.file;
	} else {
		last.pub.file = NULL;
	}
	last.pub.line = line;
	last.pub.col = col;
	last.pub.rule = NULL;
	return code;
}

int px_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int px_fail_at(int code, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int px_fail_oom(void)
{
	return px_fail(PX_ENOMEM, "out of memory");
}

int px_options_version(const char *what, unsigned version, unsigned oldest, unsigned newest)
{
	if (version >= oldest && version <= newest)
		return 0;
	if (oldest == newest)
		return px_fail(PX_EUSAGE, "%s version %u: this library reads version %u", what, version, newest);
	return px_fail(PX_EUSAGE, "%s version %u: this library reads versions %u to %u", what, version, oldest, newest);
}
