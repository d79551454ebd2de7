/*
 * Internal declarations of the parity check (check.c, check_*.c, align.c).
 *
 * A check runs in phases over one context (ck_ctx):
 *
 *   1. collect   every text unit of both documents (p elements, section
 *                headings, signature blocks) into ck_unit arrays, grouped in
 *                regions: preface, preamble, one per section, conclusions;
 *   2. extract   the features of each unit (enumeration markers, dates,
 *                numbers, mentions of registry entries, quoted titles,
 *                length);
 *   3. structure sections, numbering, headings (check_structure.c);
 *   4. align     the units of each region (align.c): by eId when both sides
 *                have the same eIds, else a dynamic programme over
 *                1-1 / 1-0 / 0-1 / 2-1 / 1-2 moves; then swaps and moves;
 *   5. compare   each aligned pair (check_compare.c), the lengths
 *                (check_length.c), the signatories (check_signatories.c),
 *                and each unit on its own (check_punct.c);
 *   6. accept    a suppression file, if any (check.c).
 *
 * All memory of a check lives in an arena freed at the end.
 */
#ifndef PX_CHECK_INT_H
#define PX_CHECK_INT_H

#include <pthread.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>

#include "model/model.h"
#include "resources/resources.h"
#include "paralex/check.h"
#include "paralex/registry.h"
#include "paralex/termbase.h"

enum { CK_RU = 0, CK_ZH = 1 };

/* ---- arena ------------------------------------------------------------- */
typedef struct ck_block ck_block;
typedef struct ck_arena {
	ck_block *head;
} ck_arena;
/* Zeroed memory that lives until ck_arena_free(); NULL when out of memory. */
void *ck_alloc(ck_arena *a, size_t n);
char *ck_strndup(ck_arena *a, const char *s, size_t n);
void ck_arena_free(ck_arena *a);

/* A growable array of the heap, for the arrays as long as the documents
 * (units, pairs), whose old copies the arena would keep: freed by the
 * owner. A pointer into it is good until the next push. */
#define CK_GROW(arr, n, cap, ok)                                                          \
	do {                                                                              \
		(ok) = 1;                                                                 \
		if ((n) == (cap)) {                                                       \
			size_t nc_ = (cap) ? (cap) + (cap) / 2 : 64;                      \
			void *nv_ = realloc((arr), nc_ * sizeof *(arr));                  \
			if (!nv_) {                                                       \
				(ok) = 0;                                                 \
				break;                                                    \
			}                                                                 \
			(arr) = nv_;                                                      \
			(cap) = nc_;                                                      \
		}                                                                         \
	} while (0)

/* A growable array in the arena (old copies are simply abandoned): the
 * features of one unit, which are few (room for 2 at first). */
#define CK_PUSH(arena, arr, n, cap, ok)                                                   \
	do {                                                                              \
		if ((n) == (cap)) {                                                       \
			size_t nc_ = (cap) ? (cap) * 2 : 2;                               \
			void *nv_ = ck_alloc((arena), nc_ * sizeof *(arr));               \
			if (!nv_) {                                                       \
				(ok) = 0;                                                 \
				break;                                                    \
			}                                                                 \
			if (n)                                                            \
				memcpy(nv_, (arr), (n) * sizeof *(arr));                  \
			(arr) = nv_;                                                      \
			(cap) = nc_;                                                      \
		}                                                                         \
		(ok) = 1;                                                                 \
	} while (0)

/* ---- the checker -------------------------------------------------------- */
#define CK_MAX_NUMERAL 3999

/* What a number in words is. */
enum { CK_WORD_ORDINAL, CK_WORD_CARDINAL, CK_WORD_COLLECTIVE };

struct ck_ordinal {
	char *words; /* lower case, ё as е: «восемнадцатого», «двух», «обеих» */
	int value;
	int kind;    /* CK_WORD_*; always CK_WORD_ORDINAL for the Roman and Chinese numerals */
};

struct px_checker {
	unsigned flags;
	char *accept_path;
	const px_registry *reg; /* own_reg, or the context's */
	const px_termbase *tb;  /* own_tb, or the context's; NULL when terms are off */
	px_registry *own_reg;
	px_termbase *own_tb;
	UDateFormat *date_ru[2];/* «16 сентября 2022 года», «16 сентября 2022 г.» */
	UDateFormat *date_ru_num; /* «16.09.2022» */
	UDateFormat *date_zh;   /* 2022年9月16日, full-width digits too */
	UDateFormat *date_zh_han; /* 二〇二二年九月十六日 */
	pthread_mutex_t date_lock; /* udat_parse changes the format's calendar */
	UBreakIterator *brk[2]; /* sentence breaks (cloned for each check) */
	UCollator *coll_ru;     /* Russian collation (PX061) */
	struct ck_ordinal *ords;/* Russian numbers in words (ordinal and cardinal), sorted by words */
	size_t nords;
	int max_ord_words;      /* the longest number in words */
	char **ord_first;       /* the first words of the numbers, sorted, distinct */
	size_t nord_first;
	struct ck_ordinal *numerals[2]; /* ICU's Roman and Chinese numerals 1…CK_MAX_NUMERAL, sorted */
};

/* A section or ordinal number: look it up among the numerals ICU formatted
 * (strict by construction: the text must be exactly ICU's form); 0 when not
 * one. `zh` 0 for Roman, 1 for Chinese. */
int ck_numeral(const px_checker *c, int zh, const char *s, size_t len);

/* ---- units -------------------------------------------------------------- */
typedef enum ck_kind {
	CK_P = 0,       /* a paragraph (preface, preamble, section content) */
	CK_ITEM,        /* the p of a list item */
	CK_HEADING,     /* a section heading (eId of the section) */
	CK_SIGNATURE,   /* the p of a signature block */
} ck_kind;

typedef struct ck_date {
	int ymd;       /* 20220916 */
	size_t start;  /* byte offsets in the unit's text */
	size_t end;
	int inst;      /* 1 when attached to an instrument (от DATE / DATE《…》) */
} ck_date;

/* How much a number says: digits, ordinals and Roman numerals are exact;
 * cardinals in words («двух», 两份) are compared only with what the other
 * text has left over (a translation may say «обе Стороны» for 双方, or
 * «оба текста» for 各文本). */
enum { CK_NUM_EXACT, CK_NUM_WORDS, CK_NUM_WEAK /* «один», «оба», 一个: often not a count */ };

typedef struct ck_num {
	char key[40];  /* normalized: "2021-2025", "18", "1.5" */
	size_t start, end;
	int soft;      /* CK_NUM_* */
} ck_num;

/* An enumeration marker opening a provision: «1)», «а)» (ru), «（一）», «1.» (zh). */
typedef struct ck_mark {
	int value;     /* 1 for 1) / а) / （一） */
	size_t start, end;
} ck_mark;

typedef struct ck_ment {
	const char *id;   /* registry id (borrowed from the registry) */
	int kind;         /* px_entry_kind */
	size_t start, end;
} ck_ment;

typedef struct ck_unit ck_unit;
struct ck_unit {
	xmlNodePtr node;     /* the element; for a heading, the heading element */
	const char *eid;
	int side;            /* CK_RU or CK_ZH */
	int region;          /* index into ck_ctx.regions */
	ck_kind kind;
	int last_item;       /* the last item of its list */
	int signatory;       /* CK_SIGNATURE: names who signs (not the signer's name) */
	const char *text;    /* white space collapsed, UTF-8 */
	size_t len;
	int line, col;
	size_t nchars;       /* letters and digits */
	size_t nplain;       /* … outside dates and numbers */
	ck_date *dates;
	size_t ndates;
	ck_num *nums;
	size_t nnums;
	ck_mark *marks;      /* enumeration markers, in text order */
	size_t nmarks;
	ck_ment *ments;
	size_t nments;
	int nquoted;         /* titles in «» (ru); 《》 and “” that are not definitions (zh) */
	int ntitles;         /* ru: «»; zh: 《》 only */
	ck_unit *peer;       /* the aligned counterpart, or NULL */
	int merged;          /* this synthetic unit joins two units (align.c) */
	ck_unit *const *parts; /* … these (nparts of them) */
	size_t nparts;
	int length_done;     /* an omission was already reported for the pair */
	int dblspace;        /* the source text has a run of two or more spaces */
	/* negation and modality (check_extract.c): how many, and the byte
	 * offset of the first, of each */
	int neg, may, must;
	size_t neg_at, may_at, must_at;
	int untranslated;    /* has text in the other language (PX068): its length means nothing */
	size_t cut_start, cut_end; /* a sentence without counterpart (PX070), bytes of text; the
	                            * term check leaves it out */
	int shortened;       /* reported shorter than its counterpart (PX069): the term check does
	                      * not report what the missing part would have held */
	const char **reported; /* registry ids of places and organizations reported
	                        * for the pair (the term check leaves them out) */
	size_t nreported, capreported;
};

typedef struct ck_region {
	const char *key;     /* "preface", "preamble", "conclusions" or a section eId */
	xmlNodePtr sec[2];   /* the section element on each side, or NULL */
	int skip;            /* present on one side only: reported, not compared */
	size_t begin[2];     /* its units on each side lie in [begin, end) */
	size_t end[2];
} ck_region;

typedef struct ck_side {
	const px_doc *doc;
	const char *file;
	ck_unit *u;
	size_t n, cap;
} ck_side;

typedef struct ck_pair {
	ck_unit *a;          /* Russian */
	ck_unit *b;          /* Chinese */
	px_diags *terms;     /* term findings computed while aligning, or NULL */
} ck_pair;

typedef struct ck_ctx {
	const px_checker *c;
	ck_side s[2];
	ck_region *regions;
	size_t nregions, capregions;
	xmlHashTablePtr region_index; /* key -> index + 1 */
	ck_pair *pairs;      /* aligned pairs, all regions */
	size_t npairs, cappairs;
	ck_unit **lone;      /* units no region paired, for moves across regions */
	size_t nlone, caplone;
	ck_arena arena;
	px_diags *out;
	int parties;         /* signature blocks of the Russian text */
	uint32_t qcarry[8];  /* quotes open at the end of the last unit checked … */
	int nqcarry;
	const ck_unit *qopen; /* … and the unit where they opened */
	double mu;           /* length model: median of log(zh chars / ru chars) */
	double sigma;        /* its robust scale (1.4826 MAD), floored */
	UBreakIterator *brk[2];
	px_buf tmp;
	UChar *u16;          /* scratch: a unit's text in UTF-16 … */
	int32_t *map;        /* … and the byte offset of each UTF-16 unit (one more at the end) */
	size_t u16cap;
	unsigned char *cover; /* scratch: per byte of a unit's text, CK_COVER_* */
	size_t covercap;
} ck_ctx;

/* What covers a byte of a unit's text while its features are extracted. */
enum { CK_COVER_TAKEN = 1 /* a date or a marker */, CK_COVER_NUM = 2 /* a number found */ };

/* Convert s[0..len) into x->u16 / x->map; returns the UTF-16 length or -1. */
int32_t ck_to_u16(ck_ctx *x, const char *s, size_t len);

/* ---- findings (check.c) --------------------------------------------------- */
/*
 * Report a finding of `rule` at unit `at` (the side with the problem) with
 * `other` as the counterpart (either may be NULL). `key` names the content of
 * the finding for its fingerprint (never a line number). Message printf-style;
 * the counterpart's location is appended to it.
 */
int ck_emit(ck_ctx *x, const char *rule, const ck_unit *at, const ck_unit *other, const char *key,
	const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* ck_emit() at another severity than the rule's. */
int ck_emit_sev(ck_ctx *x, const char *rule, px_severity sev, const ck_unit *at, const ck_unit *other,
	const char *key, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;
/* "Russian" / "Chinese" */
const char *ck_lang_name(int side);
/* Append at most `max` characters of s[0..len) to buf, with "…" when cut. */
void ck_excerpt(px_buf *b, const char *s, size_t len, size_t max);

/* ---- features (check_extract.c) ----------------------------------------- */
int ck_extract(ck_ctx *x, ck_unit *u);
/* Letters and digits in s[0..len). */
size_t ck_count_chars(const char *s, size_t len);
/* Build the table of Russian ordinals in words. */
int ck_ordinals_init(px_checker *c);

/* Fill the locations of a term unit from an aligned pair. */
void ck_term_locs(const ck_ctx *x, px_term_unit *tu, const ck_unit *a, const ck_unit *b);

/* ---- structure and alignment -------------------------------------------- */
/* Compute each region's range of units on each side. */
void ck_region_ranges(ck_ctx *x);
/* One synthetic unit holding the text of n units of one side (eid NULL: the first's). */
ck_unit *ck_join(ck_ctx *x, ck_unit *const *v, size_t n, const char *eid);
int ck_structure(ck_ctx *x);
int ck_align(ck_ctx *x);
/* How badly a and b fit as translations of each other (0 good, larger worse). */
double ck_pair_cost(const ck_ctx *x, const ck_unit *a, const ck_unit *b);

/* ---- comparisons ---------------------------------------------------------- */
int ck_compare_pair(ck_ctx *x, ck_unit *a, ck_unit *b);
int ck_check_unit(ck_ctx *x, ck_unit *u);
/* Report the invisible and look-alike characters of a unit (PX056, PX057)
 * and replace its text by the text without them (check_hidden.c). */
int ck_hidden(ck_ctx *x, ck_unit *u);
/* After the last unit of a text: quotes it left open (PX072). */
int ck_check_side_end(ck_ctx *x);
int ck_lists(ck_ctx *x);
int ck_length_model(ck_ctx *x);
int ck_omissions(ck_ctx *x);
int ck_signatories(ck_ctx *x);

#endif
