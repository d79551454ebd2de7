/**
 * @file paralex/amend.h
 * @brief Amending instruments: apply them to a bilingual document, consolidate,
 *        give the text in force on a date, and show the changes.
 *
 * An amending instrument is a pair of `<doc name="protocol">` expressions
 * (`rus` and `zho`) whose `meta/analysis/activeModifications` lists one
 * `textualMod` per amending provision. px_instrument_new() reads the pair and
 * checks that both languages carry the same operations; px_consolidate()
 * applies one or more instruments, in the order of their dates, to the two
 * expressions of a base document and returns the consolidated pair together
 * with a px_consolidation_report, from which the redline, the comparison
 * tables, the eId map and the timeline are rendered. docs/amend.md describes
 * the markup, the operations, the dates and the eId rule.
 *
 * Consolidation is all or nothing: the inputs are never modified, and when
 * any operation fails nothing is returned but the findings.
 */
#ifndef PARALEX_AMEND_H
#define PARALEX_AMEND_H

#include "buf.h"
#include "check.h"
#include "common.h"
#include "diag.h"
#include "context.h"
#include "doc.h"
#include "validate.h"

PX_BEGIN_DECL

/** An amending instrument: a `rus` and a `zho` protocol with the same
 *  operations. @since 0.1 */
typedef struct px_instrument px_instrument;

/** What a consolidation did: versions, eId maps, changed units. @since 0.1 */
typedef struct px_consolidation_report px_consolidation_report;

/**
 * Read an amending instrument from its two language expressions.
 *
 * Checks that both are protocols with `activeModifications`, that every
 * `textualMod` points at quoted text or structure of its own document, that
 * the destinations name a unit of a work by eId, and that the Russian and
 * Chinese operations agree (same types, destinations, positions and quoted
 * shapes, in the same order). Findings (PX090, PX091, PX102) are appended to
 * `diags`.
 *
 * @param[out] out the instrument, freed with px_instrument_free().
 * @param ru the `rus` expression; borrowed: it must outlive the instrument.
 * @param zh the `zho` expression; borrowed likewise.
 * @param diags where findings go; must not be NULL.
 * @return 0; PX_EINVALID when there are findings; PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_instrument_new(px_instrument **out, const px_doc *ru, const px_doc *zh, px_diags *diags);

/** Free an instrument (not its documents). NULL is a no-op. @since 0.1 */
PX_EXTERN void px_instrument_free(px_instrument *ins);

/** @return the date the instrument enters into force ("YYYY-MM-DD"), see
 *  docs/amend.md. Borrowed from the instrument. @since 0.1 */
PX_EXTERN const char *px_instrument_date(const px_instrument *ins);

/** @return the number of operations (textualMod) of the instrument. @since 0.1 */
PX_EXTERN size_t px_instrument_op_count(const px_instrument *ins);

/** Options of px_consolidate(). Initialise with PX_CONSOLIDATE_OPTIONS_INIT. @since 1.0 */
typedef struct px_consolidate_options {
	unsigned version;                /**< PX_CONSOLIDATE_OPTIONS_VERSION */
	const char *as_of;               /**< "YYYY-MM-DD": leave out instruments entering into force later; NULL: all */
	const px_validator *validator;   /**< validates both results when not NULL */
	const px_checker *checker;       /**< checks the results against each other when not NULL */
	px_consolidation_report **report; /**< where to store what was done (caller frees with
	                                       px_consolidation_report_free()): the eId maps, the timeline and
	                                       what the renderings need; NULL when not wanted, which also saves
	                                       building it */
} px_consolidate_options;

/** Version of px_consolidate_options this header describes. @since 1.0 */
#define PX_CONSOLIDATE_OPTIONS_VERSION 1
/** All instruments, no validation, no check, no report. @since 1.0 */
#define PX_CONSOLIDATE_OPTIONS_INIT { PX_CONSOLIDATE_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/**
 * Apply instruments to a base document pair and return the consolidated pair.
 *
 * The instruments are applied in the order of their dates of entry into
 * force (ties keep the given order); with `as_of`, instruments that enter
 * into force later are left out. After each instrument, sections are
 * renumbered (I., II. … / 一、二、…) and every eId is recomputed from
 * position and number; the report keeps the old→new map of each step.
 *
 * Each result is validated with the options' `validator` (when not NULL),
 * and the two results are compared with its `checker` (when not NULL): an
 * error of the parity check that the base pair did not already have fails
 * the consolidation. Findings (PX092–PX101) name the instrument file, the
 * operation and the eId.
 *
 * @param[out] out_ru the consolidated `rus` expression (caller frees).
 * @param[out] out_zh the consolidated `zho` expression (caller frees).
 * @param base_ru the base `rus` expression; not modified.
 * @param base_zh the base `zho` expression; not modified.
 * @param instruments `n` instruments; not modified.
 * @param n number of instruments (0 is allowed).
 * @param opts options, or NULL for PX_CONSOLIDATE_OPTIONS_INIT.
 * @param diags where findings go; must not be NULL.
 * @return 0; PX_EINVALID when there are findings (then nothing is stored in
 *         the out parameters nor in the report); PX_EUSAGE for a malformed
 *         `as_of`, options of another version, or a base pair that is not
 *         one document in two languages; PX_ENOMEM.
 * @since 0.1 (options since 1.0)
 */
PX_EXTERN int px_consolidate(px_doc **out_ru, px_doc **out_zh, const px_doc *base_ru, const px_doc *base_zh,
	px_instrument *const *instruments, size_t n, const px_consolidate_options *opts, px_diags *diags);

/** Options of px_protocol_import(). Initialise with PX_PROTOCOL_OPTIONS_INIT. @since 1.0 */
typedef struct px_protocol_options {
	unsigned version;          /**< PX_PROTOCOL_OPTIONS_VERSION */
	const px_context *context; /**< registry, termbase and validator of the import; NULL: the built-in ones */
} px_protocol_options;

/** Version of px_protocol_options this header describes. @since 1.0 */
#define PX_PROTOCOL_OPTIONS_VERSION 1
/** The built-in data. @since 1.0 */
#define PX_PROTOCOL_OPTIONS_INIT { PX_PROTOCOL_OPTIONS_VERSION, NULL }

/**
 * Read an amending protocol written in prose, in the language of `base`,
 * into the structured instrument px_instrument_new() applies: the text is
 * imported as a protocol (title, preamble, articles or points, final
 * clauses, signatures), each operative point is read by the grammar of
 * amending formulas of its language (docs/amend.md, "Protocols in prose":
 * restate, insert, repeal, replace, delete or insert words, add a
 * signature), each reference is resolved in `base` by the drafting
 * convention (абзацы / 段 are a unit's paragraphs and list items in order),
 * and the protocol is written with mod, quotedText, quotedStructure and
 * activeModifications whose destinations are eIds of `base`. The units of
 * the result are located at their lines in the text.
 *
 * @param[out] out the structured protocol (caller frees).
 * @param text the protocol's text, `len` bytes; `name` names it in findings.
 * @param base the document the protocol amends, in the version in force on
 *        the protocol's date; its language is the protocol's.
 * @param opts options, or NULL for PX_PROTOCOL_OPTIONS_INIT.
 * @param diags findings: those of the import, and a reference that does not
 *        resolve (PX110), a formula without its quotation (PX111), a point
 *        that reads as no operation (PX112), each at its line in the text.
 * @return 0; PX_EINVALID when there are errors (nothing stored); PX_EINPUT
 *         when the text cannot be read; PX_EUSAGE; PX_ENOMEM.
 * @since 1.0
 */
PX_EXTERN int px_protocol_import(px_doc **out, const char *text, size_t len, const char *name, const px_doc *base,
	const px_protocol_options *opts, px_diags *diags);

/**
 * Check a structured protocol against its own prose: the text of each
 * `mod` is read by the grammar of px_protocol_import() and resolved in
 * `base`; where it names another destination (or another operation) than
 * the mod's textualMods, a finding PX113 at the mod says both. A mod whose
 * text the grammar does not read is not judged.
 * @param protocol one language of the protocol.
 * @param base the document it amends in that language, in the version in
 *        force on the protocol's date.
 * @return 0; PX_EINVALID when they disagree; PX_EUSAGE; PX_ENOMEM.
 * @since 1.0
 */
PX_EXTERN int px_protocol_verify(const px_doc *protocol, const px_doc *base, const px_protocol_options *opts,
	px_diags *diags);

/** Free a report. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_consolidation_report_free(px_consolidation_report *report);

/** @return how many instruments were applied (those in force on `as_of`). @since 0.1 */
PX_EXTERN size_t px_consolidation_applied(const px_consolidation_report *report);

/** @return how many units changed between the base and the result. @since 0.1 */
PX_EXTERN size_t px_consolidation_changes(const px_consolidation_report *report);

/**
 * Append a self-contained HTML page showing the consolidated text of one
 * language with the changes since the base: inserted text in `<ins>`,
 * deleted text in `<del>`, unchanged text plain.
 * @param lang PX_LANG_RU or PX_LANG_ZH. @return 0, PX_EUSAGE, PX_ENOMEM. @since 0.1 (px_lang since 1.0)
 */
PX_EXTERN int px_redline_html(const px_consolidation_report *report, px_lang lang, px_buf *out);

/**
 * Append a comparison table as a self-contained HTML page: one row per
 * changed unit, the current wording on the left and the new wording on the
 * right («Действующая редакция | Новая редакция», 现行文本 | 修改后文本).
 * @param lang PX_LANG_RU or PX_LANG_ZH. @return 0, PX_EUSAGE, PX_ENOMEM. @since 0.1 (px_lang since 1.0)
 */
PX_EXTERN int px_comparison_table_html(const px_consolidation_report *report, px_lang lang, px_buf *out);

/**
 * Append the same comparison table as plain text: two columns of `width`
 * terminal cells in all (wide characters count two), wrapped, with a rule
 * between rows. @param width 40 or more (0 for 100).
 * @return 0, PX_EUSAGE, PX_ENOMEM. @since 0.1
 */
PX_EXTERN int px_comparison_table_text(const px_consolidation_report *report, px_lang lang, unsigned width,
	px_buf *out);

/**
 * Append the eId map as tab-separated lines `step  from  to  old  new`:
 * for every step (one per applied instrument, then `total` for base→result),
 * each unit whose eId changed or that was repealed (empty `new`) or inserted
 * (empty `old`). The first line is a header. @since 0.1
 */
PX_EXTERN int px_eid_map_tsv(const px_consolidation_report *report, px_buf *out);

/**
 * Look up where the unit `old_eid` of the base document is in the result.
 * @return the new eId (borrowed from the report), "" if it was repealed, or
 *         NULL if the base has no such unit. @since 0.1
 */
PX_EXTERN const char *px_eid_map_lookup(const px_consolidation_report *report, const char *old_eid);

/**
 * Append the timeline: the base version and every instrument given, with
 * its dates, its number of operations and whether it is applied in the
 * result (one line each). @since 0.1
 */
PX_EXTERN int px_timeline_text(const px_consolidation_report *report, px_buf *out);

PX_END_DECL

#endif
