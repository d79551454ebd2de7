/*
 * The library as a whole: its version, and the set-up and tear-down of the
 * libraries it stands on (libxml2's parser globals), counted so that a
 * program and a plug-in of it may both call them.
 */
#include <pthread.h>
#include <strings.h>

#include <libxml/parser.h>

#include "core/core.h"

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;

const char *px_version(void)
{
	return PX_VERSION;
}

const char *px_lang_code(px_lang lang)
{
	return lang == PX_LANG_RU ? "rus" : lang == PX_LANG_ZH ? "zho" : NULL;
}

px_lang px_lang_from_code(const char *code)
{
	if (!code)
		return PX_LANG_AUTO;
	if (strcasecmp(code, "rus") == 0 || strcasecmp(code, "ru") == 0)
		return PX_LANG_RU;
	if (strcasecmp(code, "zho") == 0 || strcasecmp(code, "zh") == 0)
		return PX_LANG_ZH;
	return PX_LANG_AUTO;
}

int px_library_init(void)
{
	pthread_mutex_lock(&init_lock);
	if (init_count++ == 0)
		xmlInitParser();
	int n = init_count;
	pthread_mutex_unlock(&init_lock);
	return n;
}

int px_library_shutdown(void)
{
	pthread_mutex_lock(&init_lock);
	int n = init_count;
	if (n > 0 && --init_count == 0)
		xmlCleanupParser();
	n = init_count;
	pthread_mutex_unlock(&init_lock);
	return n;
}
