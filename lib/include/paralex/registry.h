/**
 * @file paralex/registry.h
 * @brief The registry of states, signing bodies, places and organizations.
 *
 * The registry is data (`data/registry.xml`, schema `schemas/registry.xsd`),
 * built into the library; px_registry_load_default() reads that copy and
 * px_registry_load_file() another one. Every load validates the registry
 * against its schema first. A loaded registry is read-only: one registry may
 * serve many threads.
 *
 * States are named by their ISO 3166-1 alpha-2 code in lower case ("in");
 * bodies, places and organizations by their registry id ("in-most",
 * "samarkand", "sco"). Every string a lookup returns is borrowed from the
 * registry and valid until px_registry_free().
 */
#ifndef PARALEX_REGISTRY_H
#define PARALEX_REGISTRY_H

#include <stddef.h>

#include "common.h"

PX_BEGIN_DECL

/** A Russian grammatical case. @since 0.1 */
typedef enum px_ru_case {
	PX_CASE_NOM = 0, /**< nominative (именительный) */
	PX_CASE_GEN,     /**< genitive (родительный) */
	PX_CASE_DAT,     /**< dative (дательный) */
	PX_CASE_ACC,     /**< accusative (винительный) */
	PX_CASE_INS,     /**< instrumental (творительный) */
	PX_CASE_PREP,    /**< prepositional (предложный) */
} px_ru_case;

/** Which name of a state or organization. @since 0.1 */
typedef enum px_name_form {
	PX_NAME_SHORT = 0, /**< short name: «Индия», 印度; for an organization its abbreviation */
	PX_NAME_FULL = 1,  /**< full name: «Республика Индия», 印度共和国 */
} px_name_form;

/** What kind of registry entry. @since 0.1 */
typedef enum px_entry_kind {
	PX_ENTRY_STATE = 0,        /**< a member state, known by its ISO 3166 alpha-2 code ("kz") */
	PX_ENTRY_BODY = 1,         /**< a signing body of a state: a ministry, a government, a head of state */
	PX_ENTRY_PLACE = 2,        /**< a place of signing ("samarkand") */
	PX_ENTRY_ORGANIZATION = 3, /**< an organization or one of its organs ("sco", "sco-secretariat") */
} px_entry_kind;

/** A loaded registry. @since 0.1 */
typedef struct px_registry px_registry;

/**
 * Load the registry built into the library, validated against the built-in
 * registry schema.
 * @param[out] out the registry, freed with px_registry_free().
 * @return 0, PX_EINVALID when it does not follow its schema (the last error
 *         tells where), PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_registry_load_default(px_registry **out);

/**
 * Load a registry file, validated against the built-in registry schema.
 * @param[out] out the registry, freed with px_registry_free().
 * @return 0; PX_EIO unreadable; PX_EINPUT not well-formed; PX_EINVALID when
 *         it does not follow the schema (the last error has file and line).
 * @since 0.1
 */
PX_EXTERN int px_registry_load_file(px_registry **out, const char *path);

/** Same as px_registry_load_file() from memory; `name` is used in messages. @since 0.1 */
PX_EXTERN int px_registry_load_memory(px_registry **out, const char *data, size_t len, const char *name);

/** Free a registry. NULL is a no-op. @since 0.1 */
PX_EXTERN void px_registry_free(px_registry *reg);

/**
 * Look up any id: a state code, or the id of a body, place or organization.
 * @param[out] kind what the id names.
 * @return 0, or PX_ENOTFOUND (the last error is not set).
 * @since 0.1
 */
PX_EXTERN int px_registry_lookup(const px_registry *reg, const char *id, px_entry_kind *kind);

/** @return the number of states. @since 0.1 */
PX_EXTERN size_t px_registry_state_count(const px_registry *reg);

/** @return the code of state `i` in registry order ("in"), or NULL past the end. @since 0.1 */
PX_EXTERN const char *px_registry_state_at(const px_registry *reg, size_t i);

/** @return 1 if a state with this code exists, else 0. @since 0.1 */
PX_EXTERN int px_registry_has_state(const px_registry *reg, const char *code);

/**
 * Which name of a registry entry px_registry_name() gives. Initialise with
 * PX_NAME_QUERY_INIT, then set what differs. @since 1.0
 */
typedef struct px_name_query {
	unsigned version;      /**< PX_NAME_QUERY_VERSION */
	px_entry_kind kind;    /**< what `id` names: a state (its code), a body, a place or an organization */
	const char *id;        /**< the state's code ("in") or the entry's id ("kz-mes", "samarkand", "sco") */
	px_lang lang;          /**< PX_LANG_RU or PX_LANG_ZH */
	px_name_form form;     /**< short or full: states and organizations; bodies and places have one name */
	px_ru_case ru_case;    /**< the case of a Russian name; ignored for Chinese */
} px_name_query;

/** Version of px_name_query this header describes. @since 1.0 */
#define PX_NAME_QUERY_VERSION 1
/** A state's short name, in Russian, in the nominative; set kind, id and what else differs. @since 1.0 */
#define PX_NAME_QUERY_INIT { PX_NAME_QUERY_VERSION, PX_ENTRY_STATE, NULL, PX_LANG_RU, PX_NAME_SHORT, PX_CASE_NOM }

/**
 * The name of a state, body, place or organization, in either language:
 * «Республики Индии» (state "in", Russian, full, genitive), 中国 (state
 * "cn", Chinese, short), «Министерством образования и науки» (body
 * "kz-mes", instrumental: a body's name without its state), 撒马尔罕 (place
 * "samarkand"), «Секретариат ШОС» (organization "sco-secretariat", short).
 * @return the name, borrowed from the registry; NULL for an unknown entry
 *         of that kind, a language other than Russian or Chinese, an
 *         unknown case, or a query of another version.
 * @since 1.0
 */
PX_EXTERN const char *px_registry_name(const px_registry *reg, const px_name_query *q);

/**
 * The name to sort states by in Russian (signature blocks follow the
 * Russian alphabetical order of their states): the short name in the
 * nominative («Индия», «Китай»), compared with ICU's Russian collation.
 * Borrowed, or NULL for an unknown state.
 * @since 0.1 (without the suffix _ru since 1.0)
 */
PX_EXTERN const char *px_registry_state_sort_name(const px_registry *reg, const char *code);

/** @return the number of signing bodies. @since 0.1 */
PX_EXTERN size_t px_registry_body_count(const px_registry *reg);

/** @return the id of body `i` in registry order, or NULL past the end. @since 0.1 */
PX_EXTERN const char *px_registry_body_at(const px_registry *reg, size_t i);

/** @return the code of the state a body belongs to, or NULL for an unknown body. @since 0.1 */
PX_EXTERN const char *px_registry_body_state(const px_registry *reg, const char *body);

/**
 * A body's kind as the registry writes it: "ministry", "state-committee",
 * "agency", "government", "head-of-state", "head-of-government".
 * @return the kind (borrowed), or NULL for an unknown body.
 * @since 0.2
 */
PX_EXTERN const char *px_registry_body_kind(const px_registry *reg, const char *body);

/**
 * Does a body's holder sign in his own name? Heads of state and of
 * government do: «Президент Республики Казахстан», 哈萨克斯坦共和国总统 (no
 * «За», no 代表); other bodies are signed for by a representative.
 * @return 1 or 0 (also 0 for an unknown body).
 * @since 0.2
 */
PX_EXTERN int px_registry_body_in_own_name(const px_registry *reg, const char *body);

/** @return the id of the organization an organization is an organ of ("sco" for
 *  "sco-secretariat"), or NULL (none, or an unknown organization). @since 0.2 */
PX_EXTERN const char *px_registry_organization_parent(const px_registry *reg, const char *org);

/**
 * The party a signatory belongs to, as px_signatory.state gives it: for a
 * body its state's code ("kz" for "kz-president"); for an organ of an
 * organization (an organization with a parent) the parent's id ("sco" for
 * "sco-secretariat"). Tell the two apart with px_registry_has_state().
 * @return borrowed, or NULL when `id` can sign nothing.
 * @since 0.2
 */
PX_EXTERN const char *px_registry_signatory_state(const px_registry *reg, const char *id);

/**
 * A signature block matched against the registry. Offsets are byte offsets
 * into the text given to the match function.
 *
 * Who signs is one of (see schemas/registry.xsd, "Signatories"):
 * - a body of a state signed for by a representative: `body` a body id
 *   ("kz-gov"), `state` its state's code ("kz");
 * - an office whose holder signs in his own name (head of state or of
 *   government): `body` a body id ("kz-president"), `state` its state's code;
 *   px_registry_body_in_own_name() is 1;
 * - an organ of an organization: `body` the organ's organization id
 *   ("sco-secretariat", px_registry_lookup() says PX_ENTRY_ORGANIZATION),
 *   `state` the id of the organization it is an organ of ("sco"; not a
 *   state: px_registry_has_state() is 0).
 *
 * The spans always nest: org_start <= state_start < state_end <= org_end.
 * [org_start, org_end) is the whole name of who signs without «За» and
 * without 代表: Russian «Правительство Республики Казахстан», «Президент
 * Республики Казахстан», «Секретариат Шанхайской организации
 * сотрудничества»; Chinese 哈萨克斯坦共和国政府, 哈萨克斯坦共和国总统,
 * 上海合作组织秘书处. [state_start, state_end) is the state's (or the parent
 * organization's) name inside it: at its end in Russian (state_end ==
 * org_end), at its beginning in Chinese (state_start == org_start).
 * Before org_start: in Russian «За» and white space when the block has
 * «За», else only leading white space (org_start is 0 for a trimmed text);
 * in Chinese only leading white space. After org_end: white space, and in
 * Chinese 代表 unless the holder signs in his own name.
 * @since 0.1
 */
typedef struct px_signatory {
	const char *body;   /**< registry id of the signing body or organ (borrowed) */
	const char *state;  /**< alpha-2 code of its state, or the id of the organization an organ belongs to (borrowed) */
	size_t org_start;   /**< where the body's name together with its state begins */
	size_t org_end;     /**< … and ends (exclusive) */
	size_t state_start; /**< where the state's name begins */
	size_t state_end;   /**< … and ends (exclusive) */
} px_signatory;

/**
 * Match a signature block against the registry.
 *
 * Russian (PX_LANG_RU): «За» + the body's name in the accusative
 * (or a registered variant) + the state's full name in the genitive (or a
 * registered variant), e.g. «За Министерство науки и технологий Республики
 * Индии»; the title of a head of state or government in the nominative +
 * the state's name in the genitive, without «За» («Премьер-министр
 * Республики Индия»); or «За» + an organ of an organization in the
 * accusative («За Секретариат Шанхайской организации сотрудничества»).
 * Any run of white space (line breaks, NBSP, tabs) in `text` matches
 * one space. Bodies that share a name are told apart by the state.
 *
 * Chinese (PX_LANG_ZH): the state's name + the body's name + 代表,
 * e.g. 印度共和国科学技术部代表; the state's name + the title of a head of
 * state or government, without 代表 (印度共和国总理); or an organ of an
 * organization + 代表 (上海合作组织秘书处代表). White space is ignored.
 * @param[out] out the match (borrowed strings); untouched when none.
 * @return 0 on a match, PX_ENOTFOUND when the text names no registered body,
 *         PX_EUSAGE for a language other than Russian or Chinese.
 * @since 1.0 (was px_registry_match_signature_ru() and _zh())
 */
PX_EXTERN int px_registry_match_signature(const px_registry *reg, const char *text, size_t len, px_lang lang,
	px_signatory *out);

/** One mention of a registry entry found in a text. @since 0.1 */
typedef struct px_mention {
	const char *id;     /**< state code or registry id (borrowed) */
	px_entry_kind kind; /**< what it names */
	size_t start;       /**< byte offset of the mention in the text */
	size_t end;         /**< … and its end (exclusive) */
} px_mention;

/**
 * Find every mention of a state, body, place or organization in a Russian or
 * Chinese text, in text order, longest match first and without overlaps
 * («Секретариате ШОС» is one mention of sco-secretariat, not of sco).
 * Russian names are matched in all six cases and their variants, as whole
 * words; Chinese names as substrings.
 * @param[out] out an array of `*count` mentions (free() it; NULL when none).
 * @param lang PX_LANG_RU or PX_LANG_ZH.
 * @return 0, PX_EUSAGE for PX_LANG_AUTO, PX_ENOMEM.
 * @since 0.1
 */
PX_EXTERN int px_registry_find_mentions(const px_registry *reg, const char *text, size_t len, px_lang lang,
	px_mention **out, size_t *count);

PX_END_DECL

#endif
