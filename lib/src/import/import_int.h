/* Internal interface between the importer's modules. Not installed. */
#ifndef PX_IMPORT_INT_H
#define PX_IMPORT_INT_H

#include "model/model.h"
#include "resources/resources.h"

/* The subject of a title as the id of a termbase concept ("ai"), for the
 * FRBRnumber of a work imported without one; *out is NULL when the title
 * names no concept. `doc_type` ("programme") is not a subject. */
int px_import_subject(const px_registry *reg, const px_termbase *tb, px_lang lang, const char *title,
	const char *doc_type, char **out);


/* ---- shared by the files of this stage (types, then functions) ---- */

struct line {
	const char *s; /* cleaned: trimmed, single spaces */
	size_t len;
	int no;        /* 1-based line number in the input */
	bool indent;   /* began with white space */
	int depth;     /* width of that white space: U+3000 counts 2, any other space 1 */
	int col;       /* 1-based column (characters) of its first character in the input */
	bool hard;     /* a meaningful blank line came before it */
};

/* K_ITEMP is a further paragraph of the list item before it; K_MARK a
 * line under the title that says which text this is («(Перевод)», «（中文本）»). */
enum kind { K_TITLE, K_PARA, K_ITEM, K_ITEMP, K_HEADING, K_MARK };

/* Longest marker of a numbered paragraph or list item kept (`（三十九）`). */
#define MARK_MAX 32

struct block {
	enum kind kind;
	int line;       /* first line */
	int last_line;  /* last line */
	px_buf text;    /* joined text; for a heading: the heading without its number;
	                   for a numbered paragraph or an item: the text after its marker */
	int num;        /* heading: the division's number */
	int sub;        /* heading: N of an article "8.N", else 0 */
	px_div div;     /* heading: the division it opens */
	char numtext[MARK_MAX]; /* heading: its number as written ("Статья 5", "第五条", "I.") */
	bool open;      /* heading: its text may go on on the next line */
	char mark[MARK_MAX]; /* numbered paragraph ("1.", "（一）") or item ("а)", "（1）"); "" for a
	                        bullet item or a paragraph without number */
	int level;      /* item, K_ITEMP: depth of its list, 0 for a list directly in a section */
	int depth;      /* item, K_ITEMP: indentation of the item's first line */
	bool soft;      /* a paragraph begun where the line layout left it open */
	int col;        /* column (characters) of its text in its first line: a list item's after its marker */
};

struct imp {
	const char *name;
	px_lang lang;
	px_diags *diags;
	const px_import_options *opts;
	const px_registry *reg;
	const px_termbase *tb;   /* for the subject of the title */
	const px_validator *val;      /* the context's, or NULL: build one */
	struct line *lines;
	size_t nlines;
	bool uses_indent; /* zh: paragraphs begin indented */
	bool title_by_blank; /* blank lines carry meaning and one ends the title block */
	bool pdf_blanks;  /* a blank line after (nearly) every line: blank lines and indentation mean nothing */
	size_t blank_mid; /* blank lines inside a sentence (before a lower-case line): blank lines not sure */
	bool pdf_like;    /* lines broken before their end (hard wraps): a line end means nothing */
	size_t wrap_width; /* the mean length of the long lines, in characters */
	bool line_paras;   /* one paragraph per line (Word's "save as text"): a line end ends a paragraph */
	bool para_indent;  /* broken into lines, but a paragraph's first line is indented … */
	int para_depth;    /* … this deep at least */
	struct block *b;
	size_t nb, capb;
	char *clean;      /* storage of the cleaned lines */
	char **soft;      /* the eIds of the soft paragraphs (struct block), as written */
	size_t nsoft, capsoft;
	/* where each unit written is in the text */
	struct px_text_places src;
	size_t body_lines; /* lines before the signature blocks */
	size_t trail_from; /* lines after the signature blocks that are not a part of them (nlines: none) */
	size_t trail_block; /* the blocks made of those lines: [trail_block, nb) */
	struct sigblk *sg; /* the signature blocks */
	size_t nsg;
	bool strict;      /* refuse what lenient import keeps with a warning */
};

/* A signature block: the signing body (and role), the signer, the mark of
 * signing («（签字）»), each as written, joined over its lines. */
struct sigblk {
	px_buf body, person, mark;
	int line, person_line, mark_line;
};

/* The sort of marker that numbers a list's items: a list keeps one sort, a
 * list nested in an item uses another (docs/layout.md). */
enum mclass { M_NONE, M_DASH, M_LETTER, M_DIGIT_PAREN, M_ZH_PAREN, M_ZH_DOT };

/* A heading that opens a division: what it opens, its number, the bytes of
 * its number as written (`mlen`), and where its heading text begins on the
 * line (`head` == the line's length: on the next line, or none). */
struct dhead {
	px_div div;
	int num, sub;
	size_t mlen, head;
	bool bad; /* looks like a section heading but the numeral is not one */
};

/*
 * The XML is written in the canonical layout of px_doc_save_buf():
 * structural elements one per line, indented by two spaces a level; mixed
 * elements (p, num, heading) and everything inside them on the line of their
 * start tag; an element without content as an empty-element tag. Parsing
 * that text once gives the document a reader of the saved file gets, line
 * numbers included. With `canon` false everything after the XML declaration
 * is on one line instead: the form that is parsed, saved and parsed again
 * when the canonical text does not parse, so that the error reported is the
 * same either way.
 */
struct xw {
	px_buf *o;
	bool canon;
	int level; /* indentation of the next structural line */
};

struct sig {
	px_signatory m;
	bool linked;
};

/* How the body of the text is divided. */
enum body_mode {
	BODY_DIVISIONS, /* headings: sections, chapters, articles */
	BODY_POINTS,    /* numbered points, no headings (memoranda) */
	BODY_PARAS,     /* unnumbered paragraphs (statements) */
};

/* What step 3 found out about the blocks, for writing the XML. */
struct plan {
	const struct px_kind_info *kind;
	enum body_mode mode;
	size_t pre_from, pre_to; /* the preamble: blocks [pre_from, pre_to) */
	bool formula;            /* its last block is the enacting formula */
	size_t body_from;        /* the body: blocks [body_from, concl) */
	size_t concl;            /* the final clauses after the body: [concl, nb) */
	char date[11];           /* signing date; "" when unknown */
	const char *type;        /* FRBRsubtype: the kind's name */
	const char *number;
	char *subject;           /* owned; the number when none was given */
	struct sig *sigs;        /* owned; one per signature block */
	size_t nsig;
	const char *place;       /* registry id of the place of signing (borrowed), or NULL */
};

int imp_fail_rule(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;  /* import.c */

uint32_t imp_first_cp(const char *s, size_t len);  /* classify.c */

/* The last punctuation of a text, looking through closing quotes and brackets. */
uint32_t imp_final_punct(const char *s, size_t len);  /* classify.c */

bool imp_ends_unit_ru(uint32_t p);  /* classify.c */

bool imp_ends_unit_zh(uint32_t p);  /* classify.c */

bool imp_is_dash(uint32_t cp);  /* classify.c */

bool imp_starts_upper(const char *s, size_t len);  /* classify.c */

bool imp_starts_lower(const char *s, size_t len);  /* classify.c */

/* Does s begin with the word w (followed by a space or the end)? */
bool imp_starts_word(const char *s, size_t len, const char *w);  /* classify.c */

bool imp_ends_with(const char *s, size_t len, const char *tail);  /* classify.c */

/* The first word (letters and hyphens) of a line. */
size_t imp_first_word(const char *s, size_t len);  /* classify.c */

/* Bytes of the first `max` characters of s[0..len), for quoting a line in a message. */
int imp_clip(const char *s, size_t len, size_t max);  /* classify.c */

/* Does this line open a recital (after a paragraph that ended with a comma)? */
bool imp_ru_recital_start(const char *s, size_t len);  /* classify.c */

/* Does this line open the enacting formula: приняли, договорились, согласились? */
bool imp_ru_formula_start(const char *s, size_t len);  /* classify.c */

/* "IV. Heading": the section number, and where the heading begins; 0 when not one.
 * `bad` is set when it looks like a heading but the numeral is not a Roman one.
 * `expect` is the number the next section should have (see section_value()). */
int imp_ru_heading(const char *s, size_t len, int expect, size_t *head, bool *bad);  /* classify.c */

/* A bullet: a dash and a space; returns the length of both, or 0. */
size_t imp_ru_bullet(const char *s, size_t len);  /* classify.c */

/* Does a Chinese line open a recital or the formula of a preamble (遵循……，
 * 为落实……，注意到……，考虑到……，通过……)? */
bool imp_zh_recital_start(const char *s, size_t len);  /* classify.c */

/* A character of a Chinese numeral: 一 … 十, 百, 零, 〇, 两. */
bool imp_is_hanzi_digit(uint32_t cp);  /* classify.c */

/* "四、标题": as imp_ru_heading(). */
int imp_zh_heading(const char *s, size_t len, int expect, size_t *head, bool *bad);  /* classify.c */

/* A Chinese bullet: ——, －, or —; returns its length. */
size_t imp_zh_bullet(const char *s, size_t len);  /* classify.c */

/* Bytes of the run of ASCII digits (at most three) at s. */
size_t imp_digits(const char *s, size_t len);  /* classify.c */

/* Does s[at..len) begin with the UTF-8 string `lit`? */
bool imp_has_at(const char *s, size_t len, size_t at, const char *lit);  /* classify.c */

/*
 * The marker of a list item at the start of a line: a bullet (M_DASH, num
 * not kept), `а) ` or `1) ` in Russian, `（1）` or `1.` in Chinese. Returns
 * the bytes to skip to the item's text (0: not an item), sets *cls and
 * *mlen, the bytes of the marker as the item's num (0 for a bullet). The
 * text must not be empty after the marker.
 */
size_t imp_item_marker(bool zh, const char *s, size_t len, enum mclass *cls, size_t *mlen);  /* classify.c */

/* The number of a numbered paragraph at the start of a line: `1. Текст`
 * (digits, a dot, a space, a capital letter) or `（一）文本`. Returns the
 * bytes to skip to the text (0: not one) and sets *mlen as imp_item_marker(). */
size_t imp_para_marker(bool zh, const char *s, size_t len, size_t *mlen);  /* classify.c */

/* Is a heading text a sentence rather than a heading (an article's text
 * written on the line of its number)? */
bool imp_sentence_like(bool zh, const char *s, size_t len);  /* classify.c */

/* Does the line open a division: a section («IV. Принципы», «四、原则»), a
 * chapter or an article? `expect` is the next section number. */
bool imp_division_head(bool zh, const char *s, size_t len, int expect, struct dhead *h);  /* classify.c */

/* NFC of the whole text (line ends are not touched by normalization): the
 * normalized bytes in *out, or *out NULL when the text is already in NFC
 * (the usual case, told by a quick check without normalizing). */
int imp_nfc(const char *text, size_t len, char **out, size_t *out_len);  /* lines.c */

/* A PDF may set a section's number apart from its heading ("II." on a line
 * of its own, the heading on the next): join them into one line. */
void imp_join_numerals(struct imp *im);  /* lines.c */

/* Is the line's first letter a Han character? */
bool imp_han_text(const struct line *l);  /* lines.c */

int imp_split_lines(struct imp *im, const char *t, size_t len);  /* lines.c */

px_lang imp_detect_lang(const char *t, size_t len);  /* lines.c */

int imp_new_block(struct imp *im, enum kind kind, const struct line *l, size_t skip, int num);  /* blocks.c */

/* Join a line to the block: Russian with one space, except after a hyphen
 * that ends a word (a compound broken at its hyphen: государств-/членов);
 * Chinese with nothing. */
int imp_join(struct imp *im, struct block *b, const struct line *l);  /* blocks.c */

bool imp_begins_with_name(struct imp *im, const struct line *l);  /* blocks.c */

bool imp_contains(const char *s, size_t len, const char *lit);  /* blocks.c */

int imp_build_blocks(struct imp *im);  /* blocks.c */

/* Hard wraps: a blank line inside a sentence (the line before it ends with
 * no punctuation and the next goes on in lower case or the line before it is
 * a full printed line; in Chinese, the line before it is a full printed
 * line), or after a comma inside the body, ends nothing. */
void imp_unbreak_blank_lines(struct imp *im);  /* blocks.c */

/*
 * Drop what a PDF adds to a text: page numbers on lines of their own and the
 * running header or footer next to them (a line that stands next to two or
 * more page numbers). They are not part of the instrument; everything else is
 * kept. Linear: the lines next to page numbers are counted in a hash table.
 */
void imp_drop_page_artefacts(struct imp *im);  /* lines.c */

/* A mark under the title saying which text this is: «(Перевод)», «（中文本）». */
bool imp_text_mark_line(const struct line *l);  /* lines.c */

/* The bytes of «为» or «代表» ("on behalf of") before a signing body's name
 * at s («为哈萨克斯坦共和国政府», «代表印度共和国政府»), or 0. */
size_t imp_zh_wei_len(const char *s, size_t len);  /* signatures.c */

/*
 * The signature blocks at the end of the text. They are the run of lines
 * after the last line that ends a sentence (the final clause ends with «.» /
 * «。»; signature lines end with none), from the first line in that run that
 * opens a block: «За …» or a signer's title in Russian; a state or
 * organization of the registry, «为……», or a line ending «代表» in Chinese.
 * Inside a block, in Russian a line that begins in lower case or with a
 * state's name goes on with the body's name; a name with initials, or any
 * other line once the body's name is complete, is the signer. In Chinese the
 * body's name runs to the line that ends with «代表» (or a title); the lines
 * after it up to «（签字）» or the next body are the signer. Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
/* A line of place and date («Душанбе, 5 июля 2025 года», «2025年7月5日于杜尚别»). */
bool imp_date_line(bool zh, const struct line *l);  /* signatures.c */

/*
 * The signature blocks at the end of the text: from the first line that can
 * open one (sig_candidate()) right after a line that ends a sentence (the
 * final clause ends with «.» / «。»; signature lines end with none). Inside
 * a block, in Russian a line that begins in lower case or with a state's
 * name, or any line while the body's name is not a registered one, goes on
 * with the body's name; a name with initials or a post («Генеральный
 * секретарь») is the signer. In Chinese the body's name runs to the line
 * that ends with «代表» (or a title); the lines after it up to «（签字）» or
 * the next body are the signer. A line that ends a sentence, or a heading,
 * after the blocks is text after the signatures (im->trail_from). Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
int imp_find_signatures(struct imp *im);  /* signatures.c */

/* The text after the signature blocks, kept as paragraphs (a run of lines
 * up to one that ends a sentence is one paragraph), with a warning. */
int imp_trailing_blocks(struct imp *im);  /* signatures.c */

int imp_find_date(struct imp *im, size_t from, char out[11], size_t *at);  /* signatures.c */

bool imp_valid_date(const char *d);  /* signatures.c */

bool imp_valid_slug(const char *s);  /* signatures.c */

/* Text content. The canonical layout, like px_doc_save_buf(), leaves the
 * double quote as it is. */
int imp_esc(struct xw *w, const char *s, size_t len);  /* write.c */

/* Indentation that begins a structural line, and the end of the line. */
int imp_xw_indent(struct xw *w);  /* write.c */

int imp_xw_eol(struct xw *w);  /* write.c */

/* A structural line made of the formatted tags: `depth` +1 for a start tag
 * (the lines after it are indented one level more), -1 for an end tag, 0 for
 * a complete element. */
int imp_xw_line(struct xw *w, int depth, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;  /* write.c */

int imp_write_p(struct xw *w, const char *eid, const px_buf *t);  /* write.c */

/* The place of signing: the first place of the registry named in the
 * paragraph that gives the signing date («в городе Самарканде», 在撒马尔罕). */
int imp_find_place(struct imp *im, const struct block *b, struct plan *p);  /* write.c */

/* The first p of a signature block: the role and the signing body, linked
 * to the registry when it is known there. */
int imp_write_signature(struct imp *im, struct xw *w, const px_buf *t, const struct sig *s);  /* write.c */

int imp_write_meta(struct imp *im, struct xw *w, const struct plan *p);  /* write.c */

const char *imp_section_word(struct imp *im, int n, char *buf, size_t size);  /* write.c */

/* mainBody: the divisions, the points or the paragraphs of blocks [from, to). */
int imp_write_body(struct imp *im, struct xw *w, const struct plan *p);  /* write.c */

int imp_warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;  /* structure.c */

/*
 * Step 3: the shape of the text. The kind comes from the title (or the
 * options); the preamble is what comes before the first division (or before
 * the numbered points after the formula, or up to the formula); the final
 * clauses after the body go to the conclusions, except in kinds whose final
 * clauses are a part of their last division (the programme). The signing
 * date is read from the final clauses (else from the last division, else
 * the option). The signatories are linked through the registry (an unknown
 * body is kept as text with a warning, PX046). What `p` owns is freed with
 * imp_plan_dispose(), also after a failure. In strict mode the old refusals
 * stand: no preamble, no sections, no signature blocks, no date.
 */
int imp_build_plan(struct imp *im, struct plan *p);  /* structure.c */

void imp_plan_dispose(struct plan *p);  /* structure.c */

/* The XML of the document (see struct xw). */
int imp_write_xml(struct imp *im, const struct plan *p, struct xw *w);  /* structure.c */

/* Note that the unit `eid` being written begins on input line `line` (0:
 * nothing noted), at column `col` (0: the line's first character).
 * PX_ENOMEM or 0. (write.c) */
int imp_note_src(struct imp *im, const char *eid, int line, int col);

#endif
