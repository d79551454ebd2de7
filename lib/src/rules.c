/*
 * The registry of rule ids. An id is never reused for another meaning;
 * docs/rules.md lists the same table for users (a test checks they agree).
 *
 *   PX001–PX009  reading input           PX030–PX049  import
 *   PX010–PX029  validation              PX050–PX089  parity check
 *                                        PX090–PX099, PX1nn  amendments
 */
#include <string.h>

#include "px.h"

static const px_rule rules[] = {
	/* input */
	{ "PX001", PX_SEV_ERROR, "input", "file cannot be read (missing, a directory, too large)" },
	{ "PX002", PX_SEV_ERROR, "input", "file is not UTF-8 (UTF-16, invalid byte sequence, NUL byte, other declared encoding)" },
	{ "PX003", PX_SEV_ERROR, "input", "document type declaration or entity declaration (refused for safety)" },
	{ "PX004", PX_SEV_ERROR, "input", "malformed XML" },
	{ "PX005", PX_SEV_ERROR, "structure", "not an Akoma Ntoso 3.0 document (root element or namespace)" },
	/* validation */
	{ "PX010", PX_SEV_ERROR, "schema", "the document does not follow the paralex profile schema" },
	{ "PX011", PX_SEV_ERROR, "structure", "duplicate eId" },
	{ "PX012", PX_SEV_ERROR, "structure", "eId does not match the unit's position or number" },
	{ "PX013", PX_SEV_ERROR, "structure", "section numbers have a gap, a repeat or start elsewhere than 1" },
	{ "PX014", PX_SEV_ERROR, "structure", "section number is not written as the language requires (I. / 一、)" },
	{ "PX015", PX_SEV_ERROR, "reference", "reference to a local id that does not exist" },
	{ "PX016", PX_SEV_ERROR, "untranslated", "text in a script foreign to the expression's language" },
	{ "PX017", PX_SEV_ERROR, "structure", "expression language missing or not one of rus, zho" },
	{ "PX018", PX_SEV_ERROR, "schema", "the document does not validate against the official Akoma Ntoso 3.0 schema" },
	{ "PX019", PX_SEV_ERROR, "structure", "section without its number or heading" },
	/* parity check: terminology */
	{ "PX080", PX_SEV_ERROR, "term", "a Russian term whose Chinese unit has none of its preferred or admitted equivalents" },
	{ "PX081", PX_SEV_ERROR, "term", "wrong equivalent of a Russian term: a deprecated term, or the term of another concept" },
	{ "PX082", PX_SEV_WARNING, "term", "a Chinese term whose concept the Russian unit does not mention" },
};

const px_rule *px_rule_find(const char *id)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

const px_rule *px_rule_at(size_t i)
{
	return i < sizeof rules / sizeof rules[0] ? &rules[i] : NULL;
}

const char *px_severity_name(px_severity sev)
{
	switch (sev) {
	case PX_SEV_ERROR: return "error";
	case PX_SEV_WARNING: return "warning";
	default: return "info";
	}
}
