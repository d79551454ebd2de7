/**
 * @file paralex/context.h
 * @brief The shared resources of the library in one object.
 *
 * A px_context owns what import, validation and the parity check read and
 * never change: the registry of states and signing bodies, the termbase, and
 * the compiled profile schema (and, optionally, the official OASIS schema).
 * Build one, give it to px_import_options.context and px_check_options.context,
 * and the user's registry and termbases are the ones used everywhere (the
 * FRBRnumber the importer derives from a title included). A context is
 * read-only once built: one context serves any number of threads at once.
 * Without a context each function uses the built-in data, built once per
 * process.
 */
#ifndef PARALEX_CONTEXT_H
#define PARALEX_CONTEXT_H

#include <stddef.h>

#include "common.h"
#include "registry.h"
#include "termbase.h"
#include "validate.h"

PX_BEGIN_DECL

/** Shared read-only resources. @since 0.2 */
typedef struct px_context px_context;

/** Flags of px_context_options. @since 0.2 */
typedef enum px_context_flags {
	PX_CONTEXT_DEFAULT = 0, /**< the built-in registry and termbase, the profile schema */
	/** Start from an empty termbase instead of the built-in one. */
	PX_CONTEXT_NO_BUILTIN_TERMS = 1 << 0,
	/** Also compile the official Akoma Ntoso schema (official_xsd). */
	PX_CONTEXT_OFFICIAL_SCHEMA = 1 << 1,
} px_context_flags;

/** Version of px_context_options this header describes. @since 0.2 */
#define PX_CONTEXT_OPTIONS_VERSION 1

/** Options of px_context_new(). @since 0.2 */
typedef struct px_context_options {
	unsigned version;          /**< PX_CONTEXT_OPTIONS_VERSION */
	unsigned flags;            /**< px_context_flags */
	const char *registry_path; /**< a registry file, or NULL for the built-in one */
	const char *const *tbx;    /**< TBX files added to the termbase, or NULL */
	size_t ntbx;               /**< how many in `tbx` */
	const char *official_xsd;  /**< akomantoso30.xsd, with PX_CONTEXT_OFFICIAL_SCHEMA */
} px_context_options;

/** The built-in data only. @since 0.2 */
#define PX_CONTEXT_OPTIONS_INIT { PX_CONTEXT_OPTIONS_VERSION, PX_CONTEXT_DEFAULT, NULL, NULL, 0, NULL }

/**
 * Build a context.
 * @param[out] out the context, owned by the caller (px_context_free()).
 * @param opts options, or NULL for the built-in registry, termbase and schema.
 * @return 0; PX_EUSAGE for an unknown options version; PX_EIO, PX_EINPUT or
 *         PX_EINVALID when a registry, TBX or schema file cannot be used (the
 *         last error names it); PX_ENOMEM.
 * @since 0.2
 */
PX_EXTERN int px_context_new(px_context **out, const px_context_options *opts);

/** Free a context; NULL is a no-op. Free it only after every importer,
 *  checker and document operation using it has ended. @since 0.2 */
PX_EXTERN void px_context_free(px_context *ctx);

/** @return the context's registry, borrowed from it. @since 0.2 */
PX_EXTERN const px_registry *px_context_registry(const px_context *ctx);

/** @return the context's termbase (built-in and user terms), borrowed from it. @since 0.2 */
PX_EXTERN const px_termbase *px_context_termbase(const px_context *ctx);

/** @return the context's validator, borrowed from it; px_validate_doc() may be
 *  called with it from many threads at once. @since 0.2 */
PX_EXTERN const px_validator *px_context_validator(const px_context *ctx);

PX_END_DECL

#endif
