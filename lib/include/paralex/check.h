/**
 * @file paralex/check.h
 * @brief The parity check: compare the Russian and the Chinese expression of
 *        one work and report every difference a reviewer can act on.
 *
 * Both expressions are equally authentic, so any difference between them is
 * a legal risk. The check aligns the two documents unit by unit (by eId, with
 * a content-based alignment where the eIds disagree: a unit present on one
 * side only, two units merged into one, units swapped or moved) and compares
 * each aligned pair: section numbers and headings, enumeration markers,
 * signatories, dates, numbers and ranges, referenced instruments, places and
 * organizations, terminology, untranslated text, omissions and additions (a
 * length-ratio model estimated from the pair itself and a sentence alignment
 * inside long units), punctuation and typography. Rule ids PX050–PX079 (and the term
 * rules PX080–PX082), see docs/check.md and docs/rules.md.
 *
 * Every finding is located in the file that has the problem (`loc`) with the
 * counterpart in the other file (`other`), and carries a fingerprint that
 * depends on the rule, the eId and the finding's content, never on line
 * numbers, so that a suppression file survives edits elsewhere.
 */
#ifndef PARALEX_CHECK_H
#define PARALEX_CHECK_H

#include "buf.h"
#include "common.h"
#include "context.h"
#include "diag.h"
#include "doc.h"

PX_BEGIN_DECL

/** A compiled checker (opaque): registry, termbase, date formats and
 *  numeral tables, built once. A checker is read-only during checks: many
 *  threads may call px_check_pair() on the same checker, each with its own
 *  px_diags. @since 0.1 */
typedef struct px_checker px_checker;

/** Flags of px_check_options. @since 0.1 */
typedef enum px_check_flags {
	PX_CHECK_DEFAULT = 0, /**< the checks every pair gets */
	/** Also require the Russian signatories in the alphabetical order of
	 *  their states' short names under ICU's Russian collation (PX061). */
	PX_CHECK_COLLATION_ORDER = 1 << 0,
	/** Do not load the built-in termbase (user TBX files are still read). */
	PX_CHECK_NO_BUILTIN_TERMS = 1 << 1,
	/** Skip the terminology check altogether. */
	PX_CHECK_NO_TERMS = 1 << 2,
} px_check_flags;

/**
 * Options of px_checker_new(). Transparent and versioned: initialise with
 * PX_CHECK_OPTIONS_INIT, then set what you need. Strings are copied.
 * @since 0.1
 */
typedef struct px_check_options {
	unsigned version;          /**< PX_CHECK_OPTIONS_VERSION */
	unsigned flags;            /**< px_check_flags */
	const char *const *tbx;    /**< user TBX files added to the termbase, or NULL */
	size_t ntbx;               /**< how many in `tbx` */
	const char *registry_path; /**< another registry file, or NULL for the built-in one */
	const char *accept_path;   /**< a suppression file applied by px_check_pair(), or NULL */
	const px_context *context; /**< registry and termbase to use (tbx and registry_path must then be
	                                unset); NULL: built from the options above. @since 0.2 */
} px_check_options;

/** Version of px_check_options this header describes. @since 0.1 */
#define PX_CHECK_OPTIONS_VERSION 1
/** The built-in registry and termbase, no suppression file. @since 0.1 */
#define PX_CHECK_OPTIONS_INIT { PX_CHECK_OPTIONS_VERSION, PX_CHECK_DEFAULT, NULL, 0, NULL, NULL, NULL }

/**
 * Build a checker.
 * @param[out] out the checker, owned by the caller (px_checker_free()).
 * @param opts options, or NULL for the defaults.
 * @return 0; PX_EUSAGE for an unknown options version; PX_EIO / PX_EINPUT /
 *         PX_EINVALID when a TBX or registry file cannot be used (the last
 *         error names it); PX_ENOMEM; PX_ERROR when ICU lacks needed data.
 * @since 0.1
 */
PX_EXTERN int px_checker_new(px_checker **out, const px_check_options *opts);

/** Free a checker. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_checker_free(px_checker *c);

/**
 * Compare a Russian and a Chinese expression and append the findings to
 * `out`, sorted by file and position. The documents are not modified. When
 * the options named a suppression file, it is applied (see
 * px_check_apply_accept()).
 * @param c the checker.
 * @param ru the Russian document (FRBRlanguage "rus").
 * @param zh the Chinese document (FRBRlanguage "zho").
 * @param out where findings go.
 * @return 0 when there is no error or warning (accepted findings and infos do
 *         not count), PX_EINVALID when there are; PX_EUSAGE when the
 *         languages are not rus and zho; PX_EIO / PX_EINPUT for an unreadable
 *         suppression file; PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_check_pair(const px_checker *c, const px_doc *ru, const px_doc *zh, px_diags *out);

/**
 * How the check aligned the units of the two texts (opaque): a sequence of
 * rows, each a Russian unit and its Chinese counterpart as the checker paired
 * them, or a unit of one text without counterpart (the other eId NULL). Two
 * units of one text joined in one of the other are two rows with the same
 * counterpart. Rows follow the Russian text; a Chinese unit without
 * counterpart stands after the row of the Chinese unit before it.
 * @since 0.2
 */
typedef struct px_alignment px_alignment;

/**
 * px_check_pair(), and the alignment it used (for reports that show the
 * texts side by side: px_report_options.alignment).
 * @param[out] alignment the alignment, owned by the caller
 *             (px_alignment_free()); may be NULL. Set on 0 and PX_EINVALID.
 * @since 0.2
 */
PX_EXTERN int px_check_pair_aligned(const px_checker *c, const px_doc *ru, const px_doc *zh, px_diags *out,
	px_alignment **alignment);

/** @return the number of rows. @since 0.2 */
PX_EXTERN size_t px_alignment_count(const px_alignment *al);

/**
 * Row `i`: the eIds of its Russian and Chinese units (either NULL when the
 * unit has no counterpart; borrowed from the alignment).
 * @return 0, or PX_ENOTFOUND when i is out of range. @since 0.2
 */
PX_EXTERN int px_alignment_get(const px_alignment *al, size_t i, const char **ru_eid, const char **zh_eid);

/** Free an alignment. NULL is a no-op. @since 0.2 */
PX_EXTERN void px_alignment_free(px_alignment *al);

/**
 * Apply a suppression file to findings: every finding whose fingerprint is
 * listed is marked accepted with the reason given. Format, one entry a line:
 * `FINGERPRINT  reason…` (the fingerprint, white space, the reason; the
 * reason may be empty); blank lines and lines starting with `#` are ignored.
 * An entry that matches no finding is reported as an info finding (PX075) at
 * its line in the suppression file.
 * @param d the findings, modified in place.
 * @param accept_path the suppression file.
 * @return 0; PX_EIO if it cannot be read; PX_EINPUT for a line that is not
 *         an entry (the last error has the line); PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_check_apply_accept(px_diags *d, const char *accept_path);

/** Bytes of a finding's fingerprint with its NUL (px_check_fingerprint()). @since 0.2 */
#define PX_FINGERPRINT_SIZE 17

/**
 * The fingerprint of a finding: FNV-1a 64 over the rule, the eId and a key
 * that names its content, as 16 lower-case hex digits.
 * @param[out] out PX_FINGERPRINT_SIZE bytes (16 hex digits and the NUL).
 * @since 0.1
 */
PX_EXTERN void px_check_fingerprint(char *out, const char *rule, const char *eid, const char *key);

PX_END_DECL

#endif
