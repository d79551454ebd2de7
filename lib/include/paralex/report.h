/**
 * @file paralex/report.h
 * @brief The outputs of findings for machines and people: one JSON document
 *        (px_diags_format_json()), and a self-contained HTML report of a
 *        parity check: both texts side by side, aligned as the checker
 *        aligned them, with the findings listed and marked in place.
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

/** Options of px_diags_format_json(). Initialise with PX_JSON_OPTIONS_INIT. @since 1.0 */
typedef struct px_json_options {
	unsigned version;              /**< PX_JSON_OPTIONS_VERSION */
	const px_doc *ru;              /**< with `zh`: the findings are a pair's (px_check_pair()); each finding
	                                    then has its place in the Russian text as "ru" and in the Chinese
	                                    one as "zh" (null where it has none), by the file it names, and
	                                    the summary names both; NULL: a document's findings */
	const px_doc *zh;              /**< the Chinese document of the pair, or NULL */
	const px_alignment *alignment; /**< the checker's (px_check_pair_aligned()), written as "alignment"; or NULL */
} px_json_options;

/** Version of px_json_options this header describes. @since 1.0 */
#define PX_JSON_OPTIONS_VERSION 1
/** A document's findings, no alignment. @since 1.0 */
#define PX_JSON_OPTIONS_INIT { PX_JSON_OPTIONS_VERSION, NULL, NULL, NULL }

/**
 * Append the findings as one JSON document (the one JSON writer of the
 * library; docs/outputs.md):
 * `{"findings":[F…],"summary":{…}[,"alignment":[…]]}` where each F is
 * `{"rule","category","severity","eid","file","line","col", …,"message",
 * "fingerprint","accepted"[,"reason"]}`: for a document's findings, also
 * "location" and "other" ({"file","line","col","text"}) when the finding
 * has a second place; for a pair's, "ru" and "zh" (and "location" when the
 * finding is in neither text). The summary has "errors", "warnings",
 * "infos", "accepted" and "by_category" (unaccepted findings per category),
 * and, for a pair, the names "ru" and "zh". "alignment" lists the rows of
 * px_alignment_get() in order as `{"ru":EID|null,"zh":EID|null}`.
 * @param d the findings (NULL: none).
 * @param opts options, or NULL for PX_JSON_OPTIONS_INIT.
 * @return 0, PX_EUSAGE for options of another version, PX_ENOMEM.
 * @since 0.1 (options since 1.0; replaces px_check_format_json() and px_check_format_json_aligned())
 */
PX_EXTERN int px_diags_format_json(const px_diags *d, const px_json_options *opts, px_buf *out);

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

/** Version of px_report_options this header describes (1 is still accepted). @since 0.1 */
#define PX_REPORT_OPTIONS_VERSION 2
/** Default title, no time, units paired by eId. @since 0.1 */
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
