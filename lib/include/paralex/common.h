/**
 * @file paralex/common.h
 * @brief Export macro, C++ guards and the library version.
 *
 * Conventions of the whole API:
 * - every name starts with `px_`; types are opaque unless documented otherwise;
 * - functions that can fail return `int`: 0 on success, a negative `px_error_code`
 *   on failure, and then px_error_last() tells what went wrong;
 * - output parameters come first and are named `out`; what a function stores
 *   through `out` belongs to the caller, who frees it with the matching `_free`;
 * - `_free(NULL)` is always a no-op;
 * - getters return pointers borrowed from their parent object, valid until the
 *   parent is freed or modified;
 * - the library never prints and never exits.
 */
#ifndef PARALEX_COMMON_H
#define PARALEX_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
#define PX_BEGIN_DECL extern "C" {
#define PX_END_DECL }
#else
#define PX_BEGIN_DECL
#define PX_END_DECL
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define PX_EXTERN __attribute__((visibility("default")))
#else
#define PX_EXTERN
#endif

PX_BEGIN_DECL

/**
 * A language of the profile: the one way the API names a language. In the
 * documents it is written as the ISO 639-2 code of FRBRlanguage ("rus",
 * "zho"), see px_lang_code(). @since 0.1 (in common.h since 1.0)
 */
typedef enum px_lang {
	PX_LANG_AUTO = 0, /**< none given: decide from the text (import), or not known (px_doc_lang()) */
	PX_LANG_RU = 1,   /**< Russian, expression language "rus" */
	PX_LANG_ZH = 2,   /**< Chinese, expression language "zho" */
} px_lang;

/** @return "rus" for PX_LANG_RU, "zho" for PX_LANG_ZH, NULL for any other value. @since 1.0 */
PX_EXTERN const char *px_lang_code(px_lang lang);

/** @return the language of a code: "rus" or "ru", "zho" or "zh" (ASCII case ignored); PX_LANG_AUTO for
 *  NULL or any other code. @since 1.0 */
PX_EXTERN px_lang px_lang_from_code(const char *code);

/** @return the library's version string, e.g. "0.1.0". @since 0.1 */
PX_EXTERN const char *px_version(void);

/**
 * Set up the libraries libparalex stands on (libxml2's parser). Call it once
 * from the main thread before other threads use the library; calls are
 * counted, each to be matched by px_library_shutdown(). A program that uses
 * the library from one thread only may leave both out.
 * @return the number of initialisations now in effect. @since 1.0
 */
PX_EXTERN int px_library_init(void);

/**
 * Undo one px_library_init(); the last one releases the global state of
 * libxml2, after which no other thread may be in the library.
 * @return the number of initialisations still in effect. @since 1.0
 */
PX_EXTERN int px_library_shutdown(void);

PX_END_DECL

#endif
