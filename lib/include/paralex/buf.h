/**
 * @file paralex/buf.h
 * @brief A growable byte buffer for strings the library hands out.
 */
#ifndef PARALEX_BUF_H
#define PARALEX_BUF_H

#include "common.h"

PX_BEGIN_DECL

/**
 * A growable, NUL-terminated buffer. Transparent: `ptr` holds `size` bytes
 * plus a terminating NUL. Initialise with PX_BUF_INIT, release with
 * px_buf_dispose(). @since 0.1
 */
typedef struct px_buf {
	char *ptr;    /**< the bytes, NUL-terminated; NULL while empty */
	size_t size;  /**< bytes used, not counting the NUL */
	size_t asize; /**< bytes allocated */
} px_buf;

/** An empty buffer, ready for use without allocation. @since 0.1 */
#define PX_BUF_INIT { NULL, 0, 0 }

/** Append `len` bytes. @return 0 or PX_ENOMEM. @since 0.1 */
PX_EXTERN int px_buf_put(px_buf *buf, const char *data, size_t len);
/** Append a NUL-terminated string. @since 0.1 */
PX_EXTERN int px_buf_puts(px_buf *buf, const char *str);
/** Append printf-style. @since 0.1 */
PX_EXTERN int px_buf_printf(px_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/** Empty the buffer, keeping its memory. @since 0.1 */
PX_EXTERN void px_buf_clear(px_buf *buf);
/** Free the memory and reset to PX_BUF_INIT. @since 0.1 */
PX_EXTERN void px_buf_dispose(px_buf *buf);
/** Hand the string to the caller (free() it) and reset the buffer; never NULL
 *  unless out of memory. @since 0.1 */
PX_EXTERN char *px_buf_detach(px_buf *buf);

/**
 * Write the buffer's bytes to `path` atomically: a temporary file in the same
 * directory, then rename, so readers never see a partial file; "-" writes to
 * standard output. @return 0 or PX_EIO (last error names the path). @since 0.1
 */
PX_EXTERN int px_buf_write_file(const px_buf *buf, const char *path);

/**
 * Read a whole file ("-" for standard input) into `out` (appended).
 * @return 0, PX_EIO (missing, a directory, unreadable, larger than `max`).
 * @since 0.1
 */
PX_EXTERN int px_buf_read_file(px_buf *out, const char *path, size_t max);

PX_END_DECL

#endif
