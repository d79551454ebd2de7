/*
 * Private declarations of the amendment modules (amend.c applies
 * instruments, amend_render.c renders documents and reports).
 */
#ifndef PX_AMEND_INT_H
#define PX_AMEND_INT_H

#include "px.h"
#include "paralex/amend.h"

/* Index of a language in the two-element arrays below. */
enum { L_RU = 0, L_ZH = 1 };

/* A block of the text as rendered: a section heading line, a list item or a
 * paragraph. `num` is "II." / "二、" / "—" / "——" or NULL. */
struct amend_block {
	char *eid;   /* the unit's eId */
	char *num;   /* owned or NULL */
	char *text;  /* owned; white space collapsed */
	int kind;    /* BLOCK_* */
};

enum { BLOCK_TITLE, BLOCK_PARA, BLOCK_HEADING, BLOCK_ITEM, BLOCK_SIGNATURE };

/* One row of the aligned old/new sequence of blocks. */
struct amend_row {
	long old_i; /* index into old blocks, or -1 (inserted) */
	long new_i; /* index into new blocks, or -1 (repealed) */
	bool changed; /* the wording (not only the number) differs */
};

struct amend_lang {
	struct amend_block *old;
	size_t nold;
	struct amend_block *new;
	size_t nnew;
	struct amend_row *rows;
	size_t nrows;
};

/* One eId map row; step 0 is "total" (base → result). */
struct amend_map_row {
	size_t step;
	char *old_eid; /* "" when inserted */
	char *new_eid; /* "" when repealed */
};

struct amend_version {
	char date[11];        /* in force */
	char signed_date[11];
	char *label;          /* file name of the Russian expression, or the base's */
	size_t nops;
	bool applied;
};

struct px_consolidation_report {
	struct amend_lang lang[2];
	struct amend_map_row *map;
	size_t nmap;
	size_t amap;
	xmlHashTablePtr total; /* base eId → result eId ("" if repealed) */
	struct amend_version *versions; /* [0] is the base */
	size_t nversions;
	size_t applied;
	size_t changes;
};

/* Make room for one more element in `*arr` (holding `n` of `cap`, each
 * `size` bytes), doubling its capacity (at least `first`). */
int px_amend_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* Collect the blocks of a document (amend_render.c). */
int px_amend_blocks(const px_doc *doc, struct amend_block **out, size_t *n);
void px_amend_blocks_free(struct amend_block *b, size_t n);
/* Align old and new blocks through the total eId map. */
int px_amend_align(struct px_consolidation_report *r);

#endif
