/*
 * Private declarations of the prose stage: amending protocols written as
 * plain text, read into the operations of a structured instrument.
 *
 *   1. the protocol's text is imported as a document of kind protocol
 *      (import stage), so its title, preamble, final clauses and signatures
 *      are read as for any instrument;
 *   2. stream.c: the operative part (mainBody) as one text, unit by unit,
 *      cut into clauses: a point («1)», «а)», «（一）») or a paragraph, with
 *      the quotations that follow it; a clause ending in a colon before
 *      lettered points is the context of those points («В разделе II:»);
 *   3. lex.c: quotations (nested «…«…»…», „…“, “…”, "…", ‘…’), words,
 *      numbers and numerals, Russian ordinals in every gender and case
 *      (from ICU's rule-based spell-out);
 *   4. grammar_ru.c, grammar_zh.c: each clause read as operations: what is
 *      done (restate, insert, repeal, replace / delete / insert words,
 *      add a signature), where (a path of references: раздел II, абзац
 *      пятый / 第二部分第五段), where exactly (после, перед, в начале /
 *      之后, 之前, 开头, 作为第三款), and the quoted old and new text;
 *   5. resolve.c: each path resolved in the base document by the drafting
 *      convention of docs/amend.md (a section's paragraphs and list items
 *      are its абзацы / 段 in order; 项 are list items);
 *   6. markup.c: the protocol written back with mod, quotedText,
 *      quotedStructure and activeModifications, as px_instrument_new()
 *      reads it.
 *
 * Not installed.
 */
#ifndef PX_PROSE_INT_H
#define PX_PROSE_INT_H

#include "model/model.h"
#include "resources/resources.h"

/* A range of bytes [a, b) of the stream's text. */
struct pr_span {
	size_t a, b;
};

/* One piece of the operative part: a unit's number (a point marker) or its
 * text, as it stands in the stream. */
struct pr_piece {
	xmlNodePtr node;  /* the unit (p, or the num of a point) */
	size_t a, b;      /* its text in the stream */
	int line;         /* its line in the protocol's text */
	bool marker;      /* a point's number («1)», «а)», «（一）») */
	xmlNodePtr div;   /* the top-level division of the mainBody it is in */
};

/* The operative part as one text: pieces separated by '\n'. */
struct pr_stream {
	px_buf text;
	struct pr_piece *p;
	size_t n, cap;
};

/* A clause: pieces [from, to) read as one formula (or as a context). */
struct pr_clause {
	size_t from, to;      /* pieces */
	struct pr_span span;  /* its text, markers included */
	int line;
	xmlNodePtr div;
	int context;          /* index of the clause giving its context, or -1 */
	bool is_context;      /* ends in a colon and lettered points follow */
	bool noop;            /* a formula that needs no operation */
};

/* What a reference names. */
enum pr_noun {
	N_NONE,
	N_SECTION,   /* раздел / 部分 */
	N_CHAPTER,   /* глава / 章 */
	N_ARTICLE,   /* статья / 条 */
	N_POINT,     /* пункт of an article / 款 */
	N_PART,      /* часть (an unnumbered paragraph) */
	N_ABZAC,     /* абзац / 段: paragraphs and list items in order */
	N_ITEM,      /* подпункт / 项: a list item */
	N_PREAMBLE,  /* преамбула / 序言 */
	N_CONCL,     /* заключительная часть / 结尾部分 */
	N_SIGNATURE, /* подпись / 签字 */
	N_HEADING,   /* наименование / 标题 */
	N_SENTENCE,  /* предложение / 句 */
	N_WORDS,     /* слова / 文字 */
};

/* One reference: the noun and its number (n, and sub for «7.1», «V.1»,
 * 之一), or a letter («подпункт «б»»). */
struct pr_ref {
	enum pr_noun noun;
	int n, sub;
	char letter[8];
};

/* A path of references, outermost first (раздел II, абзац пятый). */
#define PR_PATH_MAX 6
struct pr_path {
	struct pr_ref r[PR_PATH_MAX];
	int n;
};

enum pr_act {
	A_NONE,
	A_RESTATE,       /* изложить в следующей редакции / 修改为 */
	A_INSERT,        /* дополнить абзацем … / 增加一段 */
	A_REPEAL,        /* признать утратившим силу, исключить / 删去 */
	A_REPLACE_WORDS, /* слова «…» заменить словами «…» / 将……中的“……”修改为“……” */
	A_DELETE_WORDS,  /* слова «…» исключить / 删去……中的“……” */
	A_INSERT_WORDS,  /* после слов «…» дополнить словами «…» / 在“……”之后增加“……” */
	A_APPEND_WORDS,  /* дополнить словами (предложением) «…» / 末尾增加“……” */
	A_ADD_SIGNATURE, /* дополнить подписью / 增加签字 */
};

enum pr_pos { P_NONE, P_BEFORE, P_AFTER, P_START, P_END };

/* One operation as the text says it. */
struct pr_op {
	enum pr_act act;
	struct pr_path where;   /* the unit acted on, or the one an insertion goes into */
	struct pr_path anchor;  /* после / перед / 之后 / 之前: the unit the new one follows or precedes */
	enum pr_pos pos;
	enum pr_noun new_noun;  /* the kind of unit inserted (абзацем, пунктом, разделом …) */
	int as_n;               /* the number the new unit gets (пунктом 3, 作为第三款), 0 none */
	struct pr_span old_q, new_q; /* the quoted old and new text, without the marks (a == b: none) */
	char q_open[8], q_close[8];  /* the marks of the new quotation */
	char sign_anchor[512];  /* the signature block named by «после подписи за …» */
	size_t clause;
	int line;
};

struct pr_ops {
	struct pr_op *v;
	size_t n, cap;
};

/* ---- lex.c ----------------------------------------------------------------- */

/* A quotation in s[0..len): its opening mark at *open (bytes *olen), its
 * content [*ca, *cb), its closing mark ending at *end. Nested quotations
 * stay inside. Returns false when s[at] opens no quotation, or it is never
 * closed. */
bool pr_quote_at(const char *s, size_t len, size_t at, size_t *olen, size_t *ca, size_t *cb, size_t *end);
/* The value of a Russian ordinal word sequence at s (первый … сто девяносто
 * девятый, any gender, case and number, ё or е); *used the bytes it takes.
 * 0 when there is none. */
int pr_ru_ordinal(const char *s, size_t len, size_t *used);
/* A walk over the text of clause c at byte i: the end of the point marker
 * covering i, or i itself when none does. *piece is the piece the walk has
 * reached (start at c->from); it only moves forward. */
size_t pr_past_marker(const struct pr_stream *st, const struct pr_clause *c, size_t i, size_t *piece);
/* The value of a number written at s: digits, a Roman numeral, digits with
 * a sub-number («7.1», «V.1»: *sub); *used its bytes. 0 when none. */
int pr_number(const char *s, size_t len, int *sub, size_t *used);
/* The Russian noun of a reference beginning the word at s, or N_NONE;
 * *used the bytes of the word. */
enum pr_noun pr_ru_noun(const char *s, size_t len, size_t *used);
/* Does the word at s begin with `stem` (lower case, ё = е)? */
bool pr_ru_word(const char *s, size_t len, const char *stem);
/* Bytes of the word at s (letters, digits, hyphens); 0 when s does not
 * begin with a letter or digit. */
size_t pr_word_len(const char *s, size_t len);

/* ---- grammar_ru.c, grammar_zh.c ------------------------------------------------ */

/* Read one clause of the stream into operations, appended to `ops`; the
 * context clause's path (or NULL) completes the clause's own references.
 * Returns the number of operations read (0: the clause is no formula; then
 * *noop is set when it is a formula that needs no operation: a mark
 * replaced by another, a renumbering stated), or PX_ENOMEM. */
int pr_read_ru(const struct pr_stream *st, const struct pr_clause *c, const struct pr_path *context, size_t ci,
	struct pr_ops *ops, bool *noop);
int pr_read_zh(const struct pr_stream *st, const struct pr_clause *c, const struct pr_path *context, size_t ci,
	struct pr_ops *ops, bool *noop);
/* The path a context clause («В разделе II:», «对第二部分作如下修改：») names. */
void pr_context_ru(const struct pr_stream *st, const struct pr_clause *c, struct pr_path *out);
void pr_context_zh(const struct pr_stream *st, const struct pr_clause *c, struct pr_path *out);
/* The new text of an operation: a quotation of the stream from its opening
 * mark at a, its content [qa, qb), to the end of its closing mark at b
 * (the marks are kept to be written again). */
void pr_op_set_new(const struct pr_stream *st, struct pr_op *op, size_t a, size_t qa, size_t qb, size_t b);
/* Append an operation; PX_ENOMEM or 0. */
int pr_ops_push(struct pr_ops *ops, const struct pr_op *op);
/* Complete an operation read from a clause and append it: its paths (the
 * context completing `where`, `where` completing `anchor`), an insertion
 * without a place at the end, and one operation for each of `many` (the
 * numbers of «абзацы восьмой и девятый») when there are several. Returns
 * the number of operations appended, or PX_ENOMEM. */
int pr_emit(struct pr_ops *ops, struct pr_op *op, struct pr_path *where, struct pr_path *anchor,
	const struct pr_path *context, const struct pr_ref *many, int nmany);
/* Put `inner`'s references after those of `outer` that are of other nouns
 * (outer first). */
void pr_path_merge(struct pr_path *inner, const struct pr_path *outer);
/* «абзац пятый раздела II» as a reader says it, for messages. */
void pr_path_say(const struct pr_path *p, px_lang lang, char *out, size_t size);

/* ---- resolve.c ------------------------------------------------------------------ */

/* The base document as references are resolved in it: its divisions
 * (sections, chapters, articles) with their numbers, listed once. */
struct pr_base {
	const px_doc *doc;
	px_lang lang;
	struct pr_div *div; /* (resolve.c) */
	size_t ndiv;
	bool listed;
	/* the divisions by kind and number: open addressing over indexes + 1
	 * into div, by the number of the eId (by_eid) and as written (by_num) */
	size_t *by_eid, *by_num, mask;
};
void pr_base_dispose(struct pr_base *b);

/* The unit a path names in the base document, or NULL with a message in
 * why[0..size) («section VI has 5 paragraphs»). */
xmlNodePtr pr_resolve(struct pr_base *base, const struct pr_path *p, char *why, size_t size);
/* The unit whose words a word-level operation changes, when the text names
 * a section or an article: its only paragraph, or the one paragraph that
 * holds `words`; else `dest` itself. */
xmlNodePtr pr_resolve_text_unit(xmlNodePtr dest, const char *words, size_t wlen);
/* The signature block of the base whose text contains `name`, or NULL. */
xmlNodePtr pr_resolve_signature(const px_doc *base, const char *name, char *why, size_t size);

#endif
