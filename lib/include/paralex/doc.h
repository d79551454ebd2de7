/**
 * @file paralex/doc.h
 * @brief A document of the paralex profile: load, save, look up, traverse.
 *
 * A px_doc is one language expression (`rus` or `zho`) of a work, held as an
 * Akoma Ntoso 3.0 XML tree. Loading is safe for untrusted input: no network,
 * no DTD, no entities, UTF-8 only, bounded size. Saving is canonical: saving
 * an unchanged loaded document reproduces a saved file byte for byte.
 */
#ifndef PARALEX_DOC_H
#define PARALEX_DOC_H

#include "buf.h"
#include "common.h"

PX_BEGIN_DECL

/** A document (one language expression). @since 0.1 */
typedef struct px_doc px_doc;

/** A unit of a document: any element that has an eId. Borrowed from its
 *  px_doc; valid until the document is modified or freed. @since 0.1 */
typedef struct px_unit px_unit;

/** The largest file px_doc_load_file() accepts (256 MiB). */
#define PX_DOC_MAX_SIZE ((size_t)256 << 20)

/**
 * Load a document from a file ("-" is not special here).
 * On failure the last error carries the file, line and column.
 * @param[out] out the document, owned by the caller (px_doc_free()).
 * @return 0; PX_EIO if the file cannot be read (missing, a directory);
 *         PX_EINPUT if it is not well-formed UTF-8 XML without a DTD.
 * @since 0.1
 */
PX_EXTERN int px_doc_load_file(px_doc **out, const char *path);

/** Load from memory; `name` is used in messages. Same returns. @since 0.1 */
PX_EXTERN int px_doc_load_memory(px_doc **out, const char *data, size_t len, const char *name);

/** Free a document. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_doc_free(px_doc *doc);

/** @return the name given at load time (a path). Borrowed. @since 0.1 */
PX_EXTERN const char *px_doc_name(const px_doc *doc);

/** @return the expression's language (FRBRlanguage), PX_LANG_AUTO when it is missing or neither "rus"
 *  nor "zho". @since 0.1 (returns px_lang since 1.0; px_lang_code() gives the code) */
PX_EXTERN px_lang px_doc_lang(const px_doc *doc);

/** @return the `name` attribute of the document element ("programme"), or NULL. @since 0.1 */
PX_EXTERN const char *px_doc_type(const px_doc *doc);

/** Serialize canonically (UTF-8, two-space indentation of structure). @since 0.1 */
PX_EXTERN int px_doc_save_buf(const px_doc *doc, px_buf *out);

/**
 * Write the canonical form to `path` atomically (a temporary file in the same
 * directory, then rename); "-" writes to standard output. @since 0.1
 */
PX_EXTERN int px_doc_save_file(const px_doc *doc, const char *path);

/** Rebuild the eId index after the tree was changed. @since 0.1 */
PX_EXTERN int px_doc_reindex(px_doc *doc);

/** @return the unit with this eId in O(1), or NULL. @since 0.1 */
PX_EXTERN px_unit *px_doc_find(const px_doc *doc, const char *eid);

/** @return the first unit in document order (the first element with an eId), or NULL. @since 0.1 */
PX_EXTERN px_unit *px_doc_first_unit(const px_doc *doc);

/** @return the next unit in document order (depth first), or NULL. @since 0.1 */
PX_EXTERN px_unit *px_unit_next(const px_unit *unit);

/** @return the nearest enclosing unit, or NULL. @since 0.1 */
PX_EXTERN px_unit *px_unit_parent(const px_unit *unit);

/** @return the unit's eId. Borrowed. @since 0.1 */
PX_EXTERN const char *px_unit_eid(const px_unit *unit);

/** @return the element name ("section", "p", "item", …). Borrowed. @since 0.1 */
PX_EXTERN const char *px_unit_kind(const px_unit *unit);

/** @return the 1-based line of the unit's start tag in the loaded file. @since 0.1 */
PX_EXTERN int px_unit_line(const px_unit *unit);

/** @return the 1-based column (characters) of the unit's start tag, or 0. @since 0.1 */
PX_EXTERN int px_unit_col(const px_doc *doc, const px_unit *unit);

/**
 * Append the unit's text content: all text below it with runs of white space
 * collapsed to one space and trimmed. For a section this includes num and
 * heading. @since 0.1
 */
PX_EXTERN int px_unit_text(const px_unit *unit, px_buf *out);

/** Append the text of the unit's `num` child (trimmed), if any. @since 0.1 */
PX_EXTERN int px_unit_num(const px_unit *unit, px_buf *out);

/** Append the text of the unit's `heading` child (trimmed), if any. @since 0.1 */
PX_EXTERN int px_unit_heading(const px_unit *unit, px_buf *out);

PX_END_DECL

#endif
