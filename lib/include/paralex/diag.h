/**
 * @file paralex/diag.h
 * @brief Findings: what validate, import, check and amend report.
 *
 * Every finding carries a stable rule id (`PX0nn`, see docs/rules.md) and a
 * location. The library only collects findings; formatting them as text
 * (`FILE:LINE:COL: error[PX012]: message`) is done by
 * px_diags_format_text(), as JSON by px_diags_format_json() and as an HTML
 * page by px_report_html() (paralex/report.h), into a px_buf.
 */
#ifndef PARALEX_DIAG_H
#define PARALEX_DIAG_H

#include "buf.h"
#include "common.h"

PX_BEGIN_DECL

/** Severity of a finding. @since 0.1 */
typedef enum px_severity {
	PX_SEV_INFO = 0,    /**< a note for the reader; does not fail a run */
	PX_SEV_WARNING = 1, /**< probably wrong; fails a run (exit 1) */
	PX_SEV_ERROR = 2,   /**< wrong; fails a run (exit 1) */
} px_severity;

/** A location in a file; file NULL and line 0 when unknown. @since 0.1 */
typedef struct px_loc {
	const char *file; /**< path as given by the caller */
	int line;         /**< 1-based, 0 if unknown */
	int col;          /**< 1-based, in characters, 0 if unknown */
	const char *text; /**< the text of the unit there, or NULL */
} px_loc;

/**
 * One finding. Transparent and read-only: all strings are owned by the
 * px_diags that holds it. @since 0.1
 */
typedef struct px_diag {
	const char *rule;     /**< "PX012" */
	px_severity severity; /**< the rule's severity, or another the finding was raised with */
	const char *category; /**< e.g. "structure", "schema", "date"; never NULL */
	px_loc loc;           /**< where the problem is */
	px_loc other;         /**< the counterpart (parity check), or all zero */
	const char *eid;      /**< the unit concerned, or NULL */
	const char *message;  /**< one line, no final stop */
	const char *fingerprint; /**< stable id for suppressions, or NULL */
	int accepted;         /**< 1 if a suppression file accepted it */
	const char *reason;   /**< the acceptance reason, or NULL */
} px_diag;

/** A list of findings. @since 0.1 */
typedef struct px_diags px_diags;

/** @param[out] out a new empty list. @return 0 or PX_ENOMEM. @since 0.1 */
PX_EXTERN int px_diags_new(px_diags **out);
/** Free the list and every finding. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_diags_free(px_diags *diags);
/** @return the number of findings. @since 0.1 */
PX_EXTERN size_t px_diags_count(const px_diags *diags);
/** @return finding `i` (borrowed), or NULL when out of range. @since 0.1 */
PX_EXTERN const px_diag *px_diags_get(const px_diags *diags, size_t i);
/** @return how many findings have at least this severity and are not accepted. @since 0.1 */
PX_EXTERN size_t px_diags_count_at_least(const px_diags *diags, px_severity min);

/**
 * Add a finding; every string is copied. `d->rule` must be a known rule id
 * (its default severity and category are used when `d->category` is NULL).
 * @return 0 or PX_ENOMEM. @since 0.1
 */
PX_EXTERN int px_diags_add(px_diags *diags, const px_diag *d);

/** Add a finding with a printf-style message; `loc` and `eid` may be NULL. @since 0.1 */
PX_EXTERN int px_diags_addf(px_diags *diags, const char *rule, const px_loc *loc,
	const char *eid, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/** Sort by file, line, column, rule (stable). @since 0.1 */
PX_EXTERN void px_diags_sort(px_diags *diags);

/** Append one finding as `FILE:LINE:COL: severity[RULE]: message` and a newline. @since 0.1 */
PX_EXTERN int px_diag_format_text(const px_diag *d, px_buf *out);
/** Append every finding as `FILE:LINE:COL: severity[RULE]: message` lines. @since 0.1 */
PX_EXTERN int px_diags_format_text(const px_diags *diags, px_buf *out);

/** A registered rule: id, default severity, category, one-line description. @since 0.1 */
typedef struct px_rule {
	const char *id;       /**< "PX012"; never reused for another meaning */
	px_severity severity; /**< the default severity of its findings */
	const char *category; /**< "input", "schema", "structure", "import", "term", "date" … */
	const char *summary;  /**< one line that says what the rule finds (docs/rules.md) */
} px_rule;

/** @return the rule with this id, or NULL. @since 0.1 */
PX_EXTERN const px_rule *px_rule_find(const char *id);
/** @return rule `i` of the registry, or NULL past the end. @since 0.1 */
PX_EXTERN const px_rule *px_rule_at(size_t i);

/** @return "error", "warning" or "info". @since 0.1 */
PX_EXTERN const char *px_severity_name(px_severity sev);

PX_END_DECL

#endif
