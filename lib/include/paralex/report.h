/**
 * @file paralex/report.h
 * @brief A self-contained HTML report of a parity check: both texts side by
 *        side, aligned by eId, with the findings listed and marked in place.
 *
 * The page is one HTML5 file that is also well-formed XML (XHTML syntax):
 * inline CSS with a print stylesheet, no script, no fonts, no image and no
 * reference to anything outside the file, so it reads the same offline, in a
 * mail attachment or on paper. Every text is escaped.
 */
#ifndef PARALEX_REPORT_H
#define PARALEX_REPORT_H

#include "buf.h"
#include "common.h"
#include "diag.h"
#include "doc.h"
#include "check.h"

PX_BEGIN_DECL

/** Options of px_report_html(). Initialise with PX_REPORT_OPTIONS_INIT. @since 0.1 */
typedef struct px_report_options {
	unsigned version;         /**< PX_REPORT_OPTIONS_VERSION */
	const char *title;        /**< page heading; NULL: "Parity check report" (the document title is shown below it) */
	const char *generated_at; /**< shown in the header as is (e.g. an ISO 8601 time); NULL: omitted */
	const px_alignment *alignment; /**< the checker's (px_check_pair_aligned()): each Chinese unit is shown
	                                    beside the Russian unit the checker paired it with, a unit without
	                                    counterpart alone in its row; NULL: units are paired by eId
	                                    @since 0.2 (options version 2) */
} px_report_options;

#define PX_REPORT_OPTIONS_VERSION 2
#define PX_REPORT_OPTIONS_INIT { PX_REPORT_OPTIONS_VERSION, NULL, NULL, NULL }

/**
 * Append the HTML report of a pair to `out`.
 *
 * Layout: a header with both files and a summary (counts by severity and by
 * category, and how many findings were accepted); the list of findings, each
 * with its rule, severity, category, message and a link `#u-EID` to its unit;
 * then a two-column table (Russian | Chinese) of the units in the document
 * order of the Russian text, each beside its counterpart as the checker
 * aligned them (options.alignment) or else by eId, Chinese-only units placed
 * where they occur (aligned, a Chinese unit anchors as `u-zh-EID` and the
 * findings located in the Chinese document link there),
 * section headings as heading rows. Each row carries the anchor `u-EID` of
 * its unit (container units such as lists anchor at their first row). A row
 * with findings is marked by the worst severity and shows each finding as a
 * badge linking back to the list (`#f-N`, N from 1 in list order). Accepted
 * findings are shown muted. Findings whose eId names no unit of either
 * document are listed without a link.
 *
 * @param ru the Russian document (may be NULL: empty column).
 * @param zh the Chinese document (may be NULL: empty column).
 * @param findings the findings to show (may be NULL: none).
 * @param opts options, or NULL for the defaults.
 * @param out the buffer the page is appended to.
 * @return 0 or PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_report_html(const px_doc *ru, const px_doc *zh, const px_diags *findings,
	const px_report_options *opts, px_buf *out);

PX_END_DECL

#endif
