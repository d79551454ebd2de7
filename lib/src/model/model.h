/*
 * The profile of document kinds: the one place that knows which kinds of
 * instrument there are, which divisions each allows, how a division is
 * numbered in Russian and in Chinese, and how its eId is made. Import,
 * validate, check, render and amend ask it; none of them keeps a table of
 * its own. docs/profile.md describes the same tables for people, and says
 * how to add a kind.
 *
 *   kind        divisions of mainBody                  numbered as (rus / zho)
 *   programme   section                                I. / 一、
 *   agreement   chapter? → article → paragraph         Глава I, Статья 1, 1. / 第一章, 第一条, 一、
 *   convention, charter, treaty: as agreement
 *   protocol    article (or point, or section)         Статья 1 / 第一条
 *   statement   paragraph (unnumbered) or point        — / —, 1. / 一、
 *   declaration, communique: as statement
 *   memorandum  point (or article)                     1. / 一、
 *
 * Not installed.
 */
#ifndef PX_PROFILE_H
#define PX_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

/* ---- documents (doc.c) ------------------------------------------------- */
struct px_doc {
	xmlDocPtr xml;       /* owned */
	char *name;          /* path or label for messages */
	/* the loaded bytes (NUL-terminated), for columns; NULL for a document
	 * read from a regular file, whose bytes are read again from `src_path`
	 * when a column is first asked for (if the file is still `src_id`) */
	char *src;
	size_t src_len;      /* their length (without a BOM) in either case */
	char *src_path;
	struct px_file_id src_id;
	/* eId -> element (first occurrence): open addressing over the
	 * elements themselves, the key being read from the element's eId
	 * attribute, so that no key is copied (px_doc_reindex() after eIds
	 * change) */
	xmlNodePtr *index;
	size_t *index_hash;
	size_t index_mask; /* slots - 1 (a power of two); 0 without an index */
	size_t index_count;
	char lang[8];        /* "rus", "zho" or "" */
	/* the column of every element's start tag, found in one pass over src
	 * the first time a column is asked for (px_node_col()): open
	 * addressing by element address */
	pthread_mutex_t col_lock;
	atomic_int col_state; /* 0 not built, 1 built, -1 not available */
	xmlNodePtr *col_node;
	int *col_val;
	size_t col_mask;
	/* from a plain text's import: eIds of paragraphs whose start the text's
	 * layout did not confirm (px_doc_soft_start()) */
	char **soft;
	size_t nsoft;
	/* from a plain text's import: where each unit is in that text, by
	 * element (open addressing by address); px_node_line() and
	 * px_node_col() give these places instead of the XML's */
	xmlNodePtr *txt_node;
	int *txt_line, *txt_col;
	size_t txt_mask; /* slots - 1; 0: the document was not imported */
};

/* The places of the units of a document in the plain text it is made
 * from, noted as they are written: unit eid[i] (owned) begins at line[i],
 * col[i] (1-based; 0 where the column is not known). (doc.c) */
struct px_text_places {
	char **eid;
	int *line, *col;
	size_t n, cap;
};
int px_text_places_add(struct px_text_places *p, const char *eid, int line, int col);
/* Forget the places noted (the memory is kept). */
void px_text_places_clear(struct px_text_places *p);
void px_text_places_dispose(struct px_text_places *p);

/* Where the units of a document imported from a plain text are in that
 * text. Replaces what was set before; unknown eIds are left out.
 * Afterwards px_node_line() and px_node_col() of any node of the document
 * give the place of its nearest unit among these (itself or an ancestor),
 * 0 when it has none (the metadata). (doc.c) */
int px_doc_set_text_positions(px_doc *doc, const struct px_text_places *places);

/* Did the import of a plain text begin the paragraph `eid` where its line
 * layout left it open (a full line ending at a full stop)? (doc.c) */
bool px_doc_soft_start(const px_doc *doc, const char *eid);

/* px_doc_load_memory() of a document made from a plain text, which keeps
 * no copy of the bytes: its places are those of the text
 * (px_doc_set_text_positions()), not columns of the XML. */
int px_doc_load_text_made(px_doc **out, const char *data, size_t len, const char *name);

/* The root <doc>-like element (child of akomaNtoso), or NULL. */
xmlNodePtr px_doc_root(const px_doc *doc);
/* Wrap an already parsed tree (takes ownership of xml). */
int px_doc_wrap(px_doc **out, xmlDocPtr xml, const char *name);
/* A deep copy of a parsed document whose names are interned in a
 * dictionary of its own that reads through to the original's (so they are
 * not copied one by one); the original must not be changed while the copy
 * lives. @return the copy, or NULL (out of memory). */
xmlDocPtr px_xml_copy_doc(xmlDocPtr src);
/* Column (1-based, characters) of the start tag of `node` on its line; for
 * a document imported from a text, see px_doc_set_text_positions(). */
int px_node_col(const px_doc *doc, xmlNodePtr node);
int px_node_line(xmlNodePtr node);
/* The place of `node` in `doc` for a finding: the document's name, line and
 * column (0 and 0 for no node). */
px_loc px_node_loc(const px_doc *doc, xmlNodePtr node);


/* Divisions of mainBody (and the numbered paragraphs inside them). */
typedef enum px_div {
	PX_DIV_NONE = 0,
	PX_DIV_SECTION,   /* section:   I. Цель / 一、目标 */
	PX_DIV_CHAPTER,   /* chapter:   Глава I / 第一章 */
	PX_DIV_ARTICLE,   /* article:   Статья 1 / 第一条 */
	PX_DIV_POINT,     /* point:     1. Стороны … / 一、双方…… (top level) */
	PX_DIV_PARA,      /* paragraph: numbered inside a division, or unnumbered at the top level */
	PX_DIV_COUNT
} px_div;

struct px_div_info {
	px_div div;
	const char *element;  /* Akoma Ntoso element */
	const char *abbr;     /* eId abbreviation (OASIS naming convention) */
	bool by_number;       /* eId carries the number as written (else: the position) */
	bool roman;           /* … as a Roman numeral (sec_II) */
	bool no_prefix;       /* eId not prefixed by the enclosing division (art_5 inside chp_2) */
	bool heading;         /* may have a heading */
	const char *ru_name;  /* for messages: "раздел" … */
	const char *zh_name;
	const char *en_name;  /* "section" */
};

const struct px_div_info *px_div_info(px_div d);
/* The division an element is (by name), or PX_DIV_NONE. */
px_div px_div_of_element(const char *name);

/* Document kinds. */
struct px_kind_info {
	const char *name;          /* doc/@name and FRBRsubtype: "agreement" */
	const char *ru_words[4];   /* title words (upper case) that name it: "СОГЛАШЕНИЕ" */
	const char *zh_words[4];   /* title endings: "协定" */
	unsigned divisions;        /* bit (1u << px_div) for each division allowed in mainBody */
	bool final_in_body;        /* the final clauses belong to the last division (programme) */
};

size_t px_kind_count(void);
const struct px_kind_info *px_kind_at(size_t i);
const struct px_kind_info *px_kind_find(const char *name);
/* The kind a title names, or NULL. */
const struct px_kind_info *px_kind_from_title(px_lang lang, const char *title, size_t len);

/* ---- eIds ---------------------------------------------------------------- */

/* The longest eId the profile writes or accepts (bytes, with the NUL). */
#define PX_EID_MAX 400

/* The eId abbreviation of an element of the profile (p, recitals, blockList,
 * the divisions …), or NULL for an element that is not named by position or
 * number. */
const char *px_eid_abbr(const char *element);

/* The eId part of a division numbered `value` (sub: 0, or the N of "8.N"):
 * "sec_II", "art_8", "art_8-1", "chp_2", "point_3". */
int px_eid_part(px_div d, int value, int sub, char *out, size_t size);

/* Where an eId is, as a reader says it (English, the language of the
 * messages): "section II, item 9", "article 5, paragraph 2", "preamble,
 * recital 4", "signature block 4", "title", "final clauses, paragraph 2".
 * Writes "" for an eId it cannot read. */
void px_eid_reader(const char *eid, char *out, size_t size);

/* ---- numbering ----------------------------------------------------------- */

/* The value of a numeral: ASCII or full-width digits, a Roman numeral, or a
 * Chinese one (一 … 九十九 …, 〇, 零, 两); 0 when s[0..len) is none. */
int px_numeral_value(const char *s, size_t len, bool *arabic);

/*
 * The number of a division from its num as written: «I.», «一、», «Глава II»,
 * «第二章», «Статья 8.1», «第八条之一», «1.», «（一）». *sub is the N of
 * "8.N" (0 otherwise). @return the value, 0 when the num is not one.
 */
int px_div_num_value(px_div d, const char *s, size_t len, int *sub);

/* The num of a division as the language writes it: "II." / "二、",
 * "Статья 2" / "第二条", "Глава II" / "第二章", "2." / "二、". */
int px_div_num_write(px_div d, px_lang lang, int value, char *out, size_t size);

/* ---- the typed blocks of a document --------------------------------------- */
/*
 * A document of the profile read as the blocks a reader sees, in reading
 * order: the title, the paragraphs of the preface, preamble, body and
 * conclusions, each division where it begins (with its heading), the items
 * of lists, and the parts of each signature block. The check, the report
 * and amend read documents through it; the parts and the division of each
 * block come from the tables above.
 */
typedef enum px_part { PX_PART_PREFACE, PX_PART_PREAMBLE, PX_PART_BODY, PX_PART_CONCLUSIONS } px_part;

typedef enum px_block_kind {
	PX_BLOCK_TITLE,     /* the p of the preface that holds docTitle */
	PX_BLOCK_DIVISION,  /* a division begins: `node` the element, `heading` its heading or NULL */
	PX_BLOCK_P,         /* a paragraph (p) of text */
	PX_BLOCK_ITEM,      /* the p of a list item (`last_item`: of the last item of its list) */
	PX_BLOCK_SIGNATORY, /* the p of a signature block that names who signs (first p) */
	PX_BLOCK_SIGNER,    /* a later p of a signature block: the signer's name or post */
	PX_BLOCK_MARK,      /* a signing mark («（签字）», class signingMark) */
} px_block_kind;

typedef struct px_block {
	px_block_kind kind;
	xmlNodePtr node;      /* the p, or the division's element */
	xmlNodePtr heading;   /* PX_BLOCK_DIVISION: its heading element, or NULL */
	const char *eid;      /* the node's eId (may be NULL in a document that lacks one) */
	px_part part;
	xmlNodePtr division;  /* the innermost division around the block (a division's own
	                         block: itself), or NULL */
	px_div div;           /* its kind, PX_DIV_NONE without one */
	int level;            /* PX_BLOCK_ITEM: depth of its list, 0 outermost */
	bool last_item;
} px_block;

/* A division of the body as the check compares it: a section, chapter,
 * article or point, or a paragraph of mainBody itself. */
bool px_is_division(xmlNodePtr n);

/* Call fn(payload, &block) for every block of the document whose root
 * element (akomaNtoso's document element: doc, act, …) is `root`, in
 * reading order; metadata is skipped. Stops at the first nonzero return of
 * fn and returns it; 0 after the last block. */
typedef int (*px_block_fn)(void *payload, const px_block *b);
int px_blocks_each(xmlNodePtr root, px_block_fn fn, void *payload);

#endif
