/**
 * @file paralex/validate.h
 * @brief Validation: the profile schema and the rules no schema can say.
 */
#ifndef PARALEX_VALIDATE_H
#define PARALEX_VALIDATE_H

#include "common.h"
#include "diag.h"
#include "doc.h"

PX_BEGIN_DECL

/** A compiled validator (schemas loaded once, usable from many threads, each
 *  call with its own px_diags). @since 0.1 */
typedef struct px_validator px_validator;

/** Flags for px_validator_new(). @since 0.1 */
typedef enum px_validate_flags {
	PX_VALIDATE_DEFAULT = 0, /**< the profile schema and the profile's rules */
	/** Also validate against the official OASIS Akoma Ntoso 3.0 schema
	 *  found at the path given to px_validator_new(). */
	PX_VALIDATE_OFFICIAL = 1 << 0,
} px_validate_flags;

/** Options of px_validator_new(). Initialise with PX_VALIDATOR_OPTIONS_INIT. @since 1.0 */
typedef struct px_validator_options {
	unsigned version;         /**< PX_VALIDATOR_OPTIONS_VERSION */
	unsigned flags;           /**< px_validate_flags */
	const char *official_xsd; /**< path of akomantoso30.xsd, with PX_VALIDATE_OFFICIAL */
} px_validator_options;

/** Version of px_validator_options this header describes. @since 1.0 */
#define PX_VALIDATOR_OPTIONS_VERSION 1
/** The profile schema and rules only. @since 1.0 */
#define PX_VALIDATOR_OPTIONS_INIT { PX_VALIDATOR_OPTIONS_VERSION, PX_VALIDATE_DEFAULT, NULL }

/**
 * Compile a validator: the profile schema built into the library, and the
 * official schema when the options ask for it.
 * @param[out] out the validator, freed with px_validator_free().
 * @param opts options, or NULL for PX_VALIDATOR_OPTIONS_INIT.
 * @return 0; PX_EUSAGE for PX_VALIDATE_OFFICIAL without a path or options of
 *         another version; PX_EIO when the official schema cannot be read;
 *         PX_EINPUT when it does not compile; PX_ENOMEM.
 * @since 0.1 (options since 1.0)
 */
PX_EXTERN int px_validator_new(px_validator **out, const px_validator_options *opts);

/** Free. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_validator_free(px_validator *v);

/**
 * Validate a loaded document; findings are appended to `diags`.
 * @return 0 when the document is valid, PX_EINVALID when there are findings,
 *         another negative code when validation itself failed.
 * @since 0.1
 */
PX_EXTERN int px_validate_doc(const px_validator *v, const px_doc *doc, px_diags *diags);

/**
 * Load and validate a file. Input errors (unreadable, not well-formed XML,
 * DTD, encoding) become one finding with the rule PX001–PX005 and the
 * function returns PX_EINPUT; the findings are then in `diags`.
 * @since 0.1
 */
PX_EXTERN int px_validate_file(const px_validator *v, const char *path, px_diags *diags);

PX_END_DECL

#endif
