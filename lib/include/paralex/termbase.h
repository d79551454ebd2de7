/**
 * @file paralex/termbase.h
 * @brief Terminology: a bilingual Russian–Chinese termbase (TBX) and the term
 *        check of one aligned unit pair.
 *
 * A termbase holds concepts; each concept has Russian and Chinese terms, each
 * with a TBX administrative status (preferred, admitted, deprecated,
 * superseded, legal). The library ships one (`data/termbase.tbx`, built in);
 * users add their own TBX files on top of it.
 *
 * Russian terms are found in any grammatical form: the text and the terms are
 * lower-cased, ё is read as е, words are split at every non-letter (so
 * hyphenated compounds are two words) and each word is reduced to its
 * Snowball stem; a multi-word term matches a run of consecutive stems.
 * Chinese terms are found as substrings of the NFKC-normalized text.
 *
 * Rules (docs/rules.md, docs/terms.md):
 * - PX080 (info; a warning for a mandatory concept): a Russian term whose
 *   Chinese unit has none of its preferred or admitted equivalents, nor a
 *   variant of one (another order of its words, words inserted);
 * - PX081 (error): a wrong equivalent where a Russian term stands: a
 *   deprecated or superseded Chinese term of the same concept or of a
 *   concept inside the term, a term said of another number of parties, or
 *   the Chinese name of another named concept of the same subject field
 *   that the Russian unit does not mention;
 * - PX082 (info): a Chinese term whose concept the Russian unit does not
 *   mention at all.
 *
 * A termbase is read-only once loaded: px_termbase_check_unit() may be called
 * from many threads at once on the same termbase.
 */
#ifndef PARALEX_TERMBASE_H
#define PARALEX_TERMBASE_H

#include "common.h"
#include "diag.h"

PX_BEGIN_DECL

/** A loaded termbase (opaque). @since 0.1 */
typedef struct px_termbase px_termbase;

/**
 * Load the termbase built into the library (`data/termbase.tbx`).
 * @param[out] out the termbase, owned by the caller (px_termbase_free()).
 * @return 0, PX_ENOMEM, or PX_ERROR if the built-in data does not load.
 * @since 0.1
 */
PX_EXTERN int px_termbase_new(px_termbase **out);

/**
 * Make an empty termbase (no built-in concepts), for callers that want only
 * their own TBX files.
 * @param[out] out the termbase, owned by the caller (px_termbase_free()).
 * @return 0 or PX_ENOMEM. @since 0.1
 */
PX_EXTERN int px_termbase_new_empty(px_termbase **out);

/**
 * Add the concepts of a TBX file (ISO 30042, TBX-Basic: `conceptEntry` /
 * `langSec xml:lang="ru|zh"` / `termSec` / `term` and the `termNote`
 * `administrativeStatus`). Languages other than ru and zh are ignored;
 * a concept needs at least one Russian and one Chinese term to be checked.
 * A concept whose `id` already exists replaces the earlier one. On failure
 * the termbase is unchanged.
 * @param tb the termbase to extend.
 * @param path the TBX file.
 * @return 0; PX_EIO if the file cannot be read; PX_EINPUT if it is not
 *         well-formed XML or not a TBX file (the last error names the file,
 *         line and column); PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_termbase_add_file(px_termbase *tb, const char *path);

/**
 * Same as px_termbase_add_file() for bytes in memory; `name` (may be NULL)
 * is used in error messages. @since 0.1
 */
PX_EXTERN int px_termbase_add_memory(px_termbase *tb, const char *data, size_t len, const char *name);

/** Free a termbase. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_termbase_free(px_termbase *tb);

/** @return the number of concepts that have both a Russian and a Chinese
 *  term. @since 0.1 */
PX_EXTERN size_t px_termbase_count(const px_termbase *tb);

/**
 * One aligned unit pair to check: the same eId in the Russian and the Chinese
 * document, with the plain text of each side and where it is. Transparent;
 * nothing in it is kept after the call. @since 0.1
 */
typedef struct px_term_unit {
	const char *eid;     /**< the unit's eId (copied into findings), or NULL */
	const char *ru_text; /**< Russian text, UTF-8, NUL-terminated; NULL = "" */
	px_loc ru;           /**< where the Russian unit is; `text`, if set, is the text the
	                          findings show (NULL: ru_text) */
	const char *zh_text; /**< Chinese text, UTF-8, NUL-terminated; NULL = "" */
	px_loc zh;           /**< where the Chinese unit is; `text` as for `ru` */
	int parties;         /**< the instrument's number of parties, 0 if not known: decides the
	                          terms a termbase says of a number of parties (`x-parties`,
	                          双方 of two) @since 0.2 */
} px_term_unit;

/**
 * Check the terms of one aligned unit pair and append findings (PX080–PX082,
 * category `term`) to `out`. Each finding is located at the Chinese unit
 * (`loc`, where the translation would change) with the Russian unit as
 * `other`; both carry the unit texts. Its message names the term as found
 * and the expected equivalent(s). `fingerprint` is left NULL.
 * Thread-safe for concurrent calls on the same termbase.
 * @return 0 when the pair is clean, PX_EINVALID when findings were added,
 *         PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_termbase_check_unit(const px_termbase *tb, const px_term_unit *u, px_diags *out);

PX_END_DECL

#endif
