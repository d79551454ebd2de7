#ifndef PX_EMBEDDED_H
#define PX_EMBEDDED_H
#include <stddef.h>
/* Data files built into the library by embed.py (schemas, registry, termbase).
 * Returns the bytes (NUL-terminated, not counted in *len) or NULL. */
const unsigned char *px_embedded_lookup(const char *name, size_t *len);
#endif
