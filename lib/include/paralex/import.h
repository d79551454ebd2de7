/**
 * @file paralex/import.h
 * @brief Plain text to a document of the profile, and back.
 *
 * px_import_text() reads a Russian or Chinese text in the official layout of
 * its language (clean, one paragraph per line, or extracted from a PDF with
 * lines broken anywhere; see docs/layout.md and docs/import.md) and builds a
 * document of the paralex profile: title, preamble (parties, recitals,
 * enacting formula), numbered sections with paragraphs and lists or with
 * numbered paragraphs, lists nested in list items, and one
 * signature block per signing body, linked through the registry to its body
 * and state. px_render_text() writes a document back in the official layout;
 * importing that text gives the same document again when plain text can
 * carry its content (docs/import.md, "What plain text can carry").
 */
#ifndef PARALEX_IMPORT_H
#define PARALEX_IMPORT_H

#include <stddef.h>

#include "buf.h"
#include "common.h"
#include "context.h"
#include "diag.h"
#include "doc.h"
#include "registry.h"

PX_BEGIN_DECL

/** Version of px_import_options this header describes. @since 0.1 */
#define PX_IMPORT_OPTIONS_VERSION 1

/**
 * Options of px_import_text(). Initialise with PX_IMPORT_OPTIONS_INIT or
 * px_import_options_init(); fields added later keep their zero default.
 * @since 0.1
 */
typedef struct px_import_options {
	unsigned version;             /**< PX_IMPORT_OPTIONS_VERSION */
	const char *date;             /**< signing date YYYY-MM-DD, used when the text states none; NULL */
	const char *number;           /**< FRBRnumber of the work (a slug: [a-z0-9-]+); NULL: the id of the
	                                   termbase concept the title is about ("ai"), else "nonumber" */
	const px_registry *registry;  /**< registry to link signatories with; NULL for the built-in one */
	const char *kind;             /**< document kind ("agreement", …; see docs/profile.md); NULL: told
	                                   by the title, else by the shape of the text. @since 0.2 */
	const px_context *context;    /**< registry, termbase (for the work's number) and validator to use;
	                                   NULL: the built-in ones. `registry` above, when set, wins. @since 0.2 */
	int strict;                   /**< nonzero: refuse a text that is not a programme-shaped instrument with
	                                   preamble, sections, signature blocks and a signing date, as 0.1 did;
	                                   0: keep what can be read and report the rest as warnings. @since 0.2 */
} px_import_options;

/** Detect language, kind and layout; built-in data; lenient. @since 0.1 */
#define PX_IMPORT_OPTIONS_INIT { PX_IMPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0 }

/** Fill `opts` with the defaults. @return 0, or PX_EUSAGE for an unknown version. @since 0.1 */
PX_EXTERN int px_import_options_init(px_import_options *opts, unsigned version);

/**
 * Import a plain text.
 *
 * The text may have a BOM, CRLF line ends, NBSP, U+3000 and tabs; it is
 * normalized to NFC. It may be any kind of instrument (docs/profile.md) in
 * any usual layout (docs/layout.md). Nothing is dropped but page numbers and
 * running headers: every word of the text is in the document, in order. The
 * result is validated with the profile: with `opts->strict` only a valid
 * document is returned; otherwise a text with a structural defect (say a
 * repeated section number) gives the document it reads as, with warnings
 * (PX040–PX044) and, when the document cannot be valid, one PX045 finding.
 *
 * @param[out] out the document, owned by the caller (px_doc_free()); NULL on failure.
 * @param text the bytes (UTF-8), `len` of them.
 * @param name the file name used in the document's name and in messages ("-" for stdin).
 * @param lang PX_LANG_RU, PX_LANG_ZH, or PX_LANG_AUTO to decide by the script
 *        of the text (Cyrillic or Han).
 * @param opts options, or NULL for the defaults.
 * @param diags findings are appended here (may be NULL): warnings that do
 *        not stop the import (an unknown signing body PX046, a line that
 *        cannot be placed PX040, no date PX041 …) and, when the import fails
 *        on the text, the one error that stopped it, with its rule id, file
 *        and line (PX030–PX045).
 * @return 0; PX_EINPUT when the text is not UTF-8 or is not a document of
 *         this kind: px_error_last() then gives file, line and message
 *         ("expected section IV after section III, found VI") and its
 *         rule id (px_error.rule: PX002 for a text that is not UTF-8,
 *         PX030–PX045 for one that is not a document of this kind); PX_EUSAGE for bad options;
 *         PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_import_text(px_doc **out, const char *text, size_t len, const char *name, px_lang lang,
	const px_import_options *opts, px_diags *diags);

/**
 * Import a file ("-" for standard input); otherwise as px_import_text().
 * @return as px_import_text(), and PX_EIO when the file cannot be read.
 * @since 0.1
 */
PX_EXTERN int px_import_file(px_doc **out, const char *path, px_lang lang, const px_import_options *opts,
	px_diags *diags);


/**
 * Write a document as plain text in the official layout of its expression
 * language (appended to `out`). Russian: the title, preamble paragraphs,
 * headings as `I. Цель`, numbered paragraphs as `1. Текст`, list items as
 * `- текст` and `а) текст`, signature blocks as `За …`. Chinese: two U+3000
 * before each paragraph, headings as `一、目标`, paragraphs as `（一）`,
 * items as `——`, `1.` and `（1）`, one `…代表` line per signature block. Nested items and
 * further paragraphs of an item are indented one step deeper than their
 * item. Inline markup other than the signature blocks' is written as its
 * text. Lines end with LF.
 * @return 0, PX_EINPUT when the document is not of the profile's shape, PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_render_text(const px_doc *doc, px_buf *out);

PX_END_DECL

#endif
