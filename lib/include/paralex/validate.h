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
	PX_VALIDATE_DEFAULT = 0,
	/** Also validate against the official OASIS Akoma Ntoso 3.0 schema
	 *  found at the path given to px_validator_new(). */
	PX_VALIDATE_OFFICIAL = 1 << 0,
} px_validate_flags;

/**
 * @param[out] out the validator, freed with px_validator_free().
 * @param flags PX_VALIDATE_DEFAULT or PX_VALIDATE_OFFICIAL.
 * @param official_xsd path of akomantoso30.xsd when PX_VALIDATE_OFFICIAL, else NULL.
 * @since 0.1
 */
PX_EXTERN int px_validator_new(px_validator **out, unsigned flags, const char *official_xsd);

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
