/**
 * @file paralex/error.h
 * @brief Return codes and the last error of the calling thread.
 */
#ifndef PARALEX_ERROR_H
#define PARALEX_ERROR_H

#include "common.h"

PX_BEGIN_DECL

/** Return codes. 0 is success; every failure is negative. @since 0.1 */
typedef enum px_error_code {
	PX_OK = 0,          /**< success */
	PX_ERROR = -1,     /**< generic failure */
	PX_ENOMEM = -2,    /**< out of memory */
	PX_EIO = -3,       /**< a file could not be read or written */
	PX_EINPUT = -4,    /**< the input is unreadable as what it claims to be */
	PX_EINVALID = -5,  /**< the input was read, but it is invalid (findings) */
	PX_ENOTFOUND = -6, /**< a looked-up thing does not exist */
	PX_EUSAGE = -7,    /**< a caller passed arguments that make no sense */
} px_error_code;

/**
 * The last error of the calling thread. `file` may be NULL; `line` and `col`
 * are 1-based, 0 when unknown. Borrowed: valid until the next failing call
 * in this thread or px_error_clear().
 */
typedef struct px_error {
	int code;           /**< a px_error_code */
	const char *message;/**< one line, lowercase first word, no final stop */
	const char *file;   /**< the file the message refers to, or NULL */
	int line;           /**< 1-based line in `file`, 0 if unknown */
	int col;            /**< 1-based column in characters, 0 if unknown */
	const char *rule;   /**< the rule id of an input error ("PX002"), or NULL. @since 0.2 */
} px_error;

/** @return the last error of this thread; never NULL (code PX_OK if none). @since 0.1 */
PX_EXTERN const px_error *px_error_last(void);

/** Forget the last error of this thread. @since 0.1 */
PX_EXTERN void px_error_clear(void);

PX_END_DECL

#endif
