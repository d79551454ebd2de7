/*
 * Private declarations of the resources stage: the registry of instruments
 * (registry.c) and the termbase (terms.c), the data import, validation and
 * the check read. Their public API is paralex/registry.h and
 * paralex/termbase.h; this header holds what only other stages of the
 * library use. Not installed.
 */
#ifndef PX_RESOURCES_H
#define PX_RESOURCES_H

#include "model/model.h"

/* px_termbase_check_unit() with options (terms.c): leaving out the concepts
 * whose ids are in skip[0..nskip); with PX_TERMS_NO_MISSING no PX080 (a
 * Russian term without equivalent) and with PX_TERMS_NO_EXTRA no PX082 (a
 * Chinese term the Russian text lacks); `parties`, the instrument's number
 * of parties (0 unknown), decides the terms said of a number of parties
 * (x-parties: 双方). */
enum { PX_TERMS_NO_MISSING = 1, PX_TERMS_NO_EXTRA = 2 };
struct px_termbase;
struct px_term_unit;
struct px_diags;
struct px_terms_opts {
	const char *const *skip;
	size_t nskip;
	unsigned quiet;
	int parties;
};
int px_termbase_check_unit_opts(const struct px_termbase *tb, const struct px_term_unit *u,
	const struct px_terms_opts *o, struct px_diags *out);
/* Call fn for each concept of tb, in the order they were loaded, with its id
 * and its Russian and Chinese terms as written (acceptable Chinese terms
 * only); a nonzero return of fn stops the walk and is returned. */
typedef int (*px_concept_fn)(void *payload, const char *id, const char *const *ru, size_t nru, const char *const *zh,
	size_t nzh);
int px_termbase_each_concept(const px_termbase *tb, px_concept_fn fn, void *payload);

/* The name of a registry entry (px_registry_name() without the query
 * struct), registry.c. */
const char *reg_name(const px_registry *r, px_entry_kind kind, const char *id, px_lang lang, px_name_form form,
	px_ru_case c);

/* The href and showAs of the TLCOrganization of who signs (registry.c): the
 * state (or the organization an organ belongs to) when `id` is `state`,
 * else the body or organ `id` of `state`, named in `lang` as the import
 * names them («Министерство … Республики Казахстан», 哈萨克斯坦共和国……部).
 * PX_ENOMEM or 0. */
int reg_tlc_org(const px_registry *r, px_lang lang, const char *state, const char *id, px_buf *href, px_buf *show);

#endif
