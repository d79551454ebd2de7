/*
 * The library as a whole: its version, and the set-up and tear-down of the
 * libraries it stands on (libxml2's parser globals), counted so that a
 * program and a plug-in of it may both call them.
 */
#include <pthread.h>

#include <libxml/parser.h>

#include "core/core.h"

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;

const char *px_version(void)
{
	return PX_VERSION;
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
