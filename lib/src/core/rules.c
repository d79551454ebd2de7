/*
 * The registry of rule ids. An id is never reused for another meaning;
 * docs/rules.md lists the same table for users (a test checks they agree).
 *
 *   PX001–PX009  reading input           PX030–PX049  import
 *   PX010–PX029  validation              PX050–PX089  parity check
 *                                        PX090–PX099, PX1nn  amendments
 */
#include <string.h>

#include "core/core.h"

static const px_rule rules[] = {
	/* input */
	{ "PX001", PX_SEV_ERROR, "input", "file cannot be read (missing, a directory, empty, too large)" },
	{ "PX002", PX_SEV_ERROR, "input", "file is not UTF-8 (UTF-16, invalid byte sequence, NUL byte, other declared encoding)" },
	{ "PX003", PX_SEV_ERROR, "input", "document type declaration or entity declaration (refused for safety)" },
	{ "PX004", PX_SEV_ERROR, "input", "malformed XML" },
	{ "PX005", PX_SEV_ERROR, "structure", "not an Akoma Ntoso 3.0 document (root element or namespace)" },
	{ "PX006", PX_SEV_ERROR, "input", "a file of a document set without its counterpart (NAME.ru.* without NAME.zh.*, or the other way), or one more file of a language" },
	{ "PX007", PX_SEV_ERROR, "input", "a batch manifest that does not follow schemas/batch.xsd" },
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
	{ "PX020", PX_SEV_ERROR, "structure", "the document's kind (doc/@name) is not a kind of the profile, or its body has a division the kind does not allow" },
	/* parity check: terminology */
	/* import */
	{ "PX030", PX_SEV_ERROR, "import", "no title: the text is empty or begins with a heading or a list item" },
	{ "PX031", PX_SEV_ERROR, "import", "the preamble lacks its parties paragraph or its enacting formula" },
	{ "PX032", PX_SEV_ERROR, "import", "a section heading was expected (after the preamble, or a heading numbered with something other than a numeral)" },
	{ "PX033", PX_SEV_ERROR, "import", "section numbers of the text do not run 1, 2, 3 …" },
	{ "PX034", PX_SEV_ERROR, "import", "a section has a heading but no text" },
	{ "PX035", PX_SEV_ERROR, "import", "a list item outside a section" },
	{ "PX036", PX_SEV_ERROR, "import", "text after the signature blocks" },
	{ "PX037", PX_SEV_ERROR, "import", "no signature blocks after the last section" },
	{ "PX038", PX_SEV_ERROR, "import", "no signing date in the final clauses and none given" },
	{ "PX039", PX_SEV_ERROR, "import", "the language of the text cannot be told (neither Cyrillic nor Han letters)" },
	{ "PX040", PX_SEV_WARNING, "import", "a line the importer could not place in the structure: kept as a paragraph where it stands" },
	{ "PX041", PX_SEV_WARNING, "import", "no signing date in the text: the document's dates are those given, or unknown" },
	{ "PX042", PX_SEV_WARNING, "import", "division numbers of the text do not run 1, 2, 3 …: kept as written" },
	{ "PX043", PX_SEV_WARNING, "import", "a division with a heading but no text" },
	{ "PX044", PX_SEV_WARNING, "import", "the text has divisions of a kind its document kind does not have (kept)" },
	{ "PX045", PX_SEV_ERROR, "import", "the imported document does not validate against the profile" },
	{ "PX046", PX_SEV_INFO, "import", "a signing body that is not in the registry: kept as text, not linked" },
	/* parity check */
	{ "PX050", PX_SEV_ERROR, "structure", "a unit present in one text only" },
	{ "PX051", PX_SEV_ERROR, "structure", "the texts have different numbers of sections" },
	{ "PX052", PX_SEV_ERROR, "structure", "a section has another number in the other text (I–VI ↔ 一–六, parsed strictly)" },
	{ "PX053", PX_SEV_ERROR, "structure", "a section heading present in one text only" },
	{ "PX054", PX_SEV_ERROR, "structure", "two units of one text merged into one unit of the other" },
	{ "PX055", PX_SEV_ERROR, "order", "units in a different order (swapped or moved)" },
	{ "PX056", PX_SEV_ERROR, "hidden", "an invisible character: a bidi control (error), a zero-width or other format character (warning); removed before comparing" },
	{ "PX057", PX_SEV_WARNING, "hidden", "a letter of another script that looks like the text's own (Latin о in a Russian word, O among Chinese numerals); read as the letter it imitates" },
	{ "PX058", PX_SEV_ERROR, "signatory", "different numbers of signatories" },
	{ "PX059", PX_SEV_ERROR, "signatory", "a signatory (signing body or state) differs" },
	{ "PX060", PX_SEV_ERROR, "signatory", "the same signatories in a different order" },
	{ "PX061", PX_SEV_WARNING, "signatory", "the Russian signatories are not in the alphabetical order of their states (optional)" },
	{ "PX062", PX_SEV_ERROR, "signatory", "a signature block whose text and markup name different bodies, or no registered body" },
	{ "PX063", PX_SEV_ERROR, "date", "a date of one text is missing or differs in the other" },
	{ "PX064", PX_SEV_ERROR, "date", "the date attached to a referenced instrument differs" },
	{ "PX065", PX_SEV_ERROR, "number", "a number or range (in digits or in words) of one text is missing or differs in the other" },
	{ "PX066", PX_SEV_ERROR, "reference", "a different number of quoted instrument titles («…» ↔ 《…》)" },
	{ "PX067", PX_SEV_ERROR, "place", "a state or place named in one text only" },
	{ "PX068", PX_SEV_ERROR, "untranslated", "text in the other language's script (Cyrillic in Chinese, Han in Russian)" },
	{ "PX069", PX_SEV_ERROR, "omission", "a unit much shorter than the pair's length model predicts (omission or addition)" },
	{ "PX070", PX_SEV_ERROR, "omission", "a sentence without counterpart inside an aligned unit" },
	{ "PX071", PX_SEV_WARNING, "punctuation", "a list item ends with other punctuation than ';' / '；' (the last: '.' / '。')" },
	{ "PX072", PX_SEV_WARNING, "punctuation", "unbalanced brackets or quotes in a unit" },
	{ "PX073", PX_SEV_WARNING, "punctuation", "ASCII punctuation in Chinese prose" },
	{ "PX074", PX_SEV_WARNING, "typography", "two or more spaces in a row" },
	{ "PX075", PX_SEV_INFO, "input", "a suppression entry that matches no finding" },
	{ "PX076", PX_SEV_WARNING, "place", "an organization named in one text only" },
	{ "PX077", PX_SEV_ERROR, "structure", "the enumeration marker a provision starts with differs, or is in one text only ('1)' ↔ '（一）')" },
	{ "PX078", PX_SEV_ERROR, "meaning", "a negation in one text only, or a permission where the other text obliges (a permission the other text does not give: warning)" },
	{ "PX079", PX_SEV_INFO, "signatory", "a signing body the registry does not know, in both texts at the same place: to compare by hand" },
	{ "PX080", PX_SEV_INFO, "term", "a Russian term whose Chinese unit has none of its equivalents nor a variant of one (a warning for a mandatory concept)" },
	{ "PX081", PX_SEV_ERROR, "term", "wrong equivalent of a Russian term: a deprecated term, a term said of another number of parties, or the name of another concept" },
	{ "PX082", PX_SEV_INFO, "term", "a Chinese term whose concept the Russian unit does not mention" },
	/* amendments */
	{ "PX090", PX_SEV_ERROR, "amendment", "not a usable amending instrument: not a protocol, no activeModifications, or a malformed textualMod" },
	{ "PX091", PX_SEV_ERROR, "amendment", "the Russian and Chinese texts of an instrument carry different operations" },
	{ "PX092", PX_SEV_ERROR, "amendment", "the destination of an operation does not exist (or was repealed)" },
	{ "PX093", PX_SEV_ERROR, "amendment", "the destination names another work or a version of the document that does not exist" },
	{ "PX094", PX_SEV_ERROR, "amendment", "the quoted old words are not in the destination unit" },
	{ "PX095", PX_SEV_ERROR, "amendment", "the quoted old words occur more than once in the destination unit" },
	{ "PX096", PX_SEV_ERROR, "amendment", "the quoted old words run across inline markup" },
	{ "PX097", PX_SEV_ERROR, "amendment", "two operations of one instrument conflict on the same unit" },
	{ "PX098", PX_SEV_ERROR, "amendment", "repeal of a unit that is already repealed" },
	{ "PX099", PX_SEV_ERROR, "amendment", "the quoted structure cannot stand at the destination" },
	{ "PX100", PX_SEV_ERROR, "amendment", "the consolidated text would not validate" },
	{ "PX101", PX_SEV_ERROR, "amendment", "the consolidated Russian and Chinese texts would not agree" },
	{ "PX102", PX_SEV_ERROR, "amendment", "an instrument has no valid date, or its two languages give different dates" },
	/* amending protocols in prose */
	{ "PX110", PX_SEV_ERROR, "amendment", "a reference of a protocol in prose names no unit of the base document (or more than one)" },
	{ "PX111", PX_SEV_ERROR, "amendment", "a formula of a protocol in prose lacks the quotation it needs (the new text, or the words it changes)" },
	{ "PX112", PX_SEV_ERROR, "amendment", "a point of a protocol in prose reads as no operation of amending practice" },
	{ "PX113", PX_SEV_ERROR, "amendment", "the text of a mod names another destination or operation than its textualMod" },
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
