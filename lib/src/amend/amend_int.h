/*
 * Private declarations of the amendment modules (amend.c applies
 * instruments, amend_render.c renders documents and reports).
 */
#ifndef PX_AMEND_INT_H
#define PX_AMEND_INT_H

#include "model/model.h"
#include "paralex/amend.h"

/* Index of a language in the two-element arrays below. */
enum { L_RU = 0, L_ZH = 1 };

/* A block of the text as rendered: a section heading line, a list item or a
 * paragraph. `num` is "II." / "二、" / "—" / "——" or NULL. */
struct amend_block {
	const char *eid;   /* the unit's eId (in the strings of the block list) */
	const char *num;   /* in the strings of the block list, or NULL */
	const char *text;  /* in the strings of the block list; white space collapsed */
	int kind;          /* BLOCK_* */
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
	char *old_strings; /* every string of `old`, in one allocation */
	struct amend_block *new;
	size_t nnew;
	char *new_strings; /* the strings of `new`, but the texts equal to an old block's (shared) */
	struct amend_row *rows;
	size_t nrows;
};

/* An index of strings borrowed from elsewhere (they must outlive it):
 * open addressing, no allocation per entry. */
struct amend_index {
	const char **keys;
	size_t *vals;
	size_t mask;  /* slots - 1 (a power of two) */
	size_t count; /* keys held */
};

/* One eId map row; step 0 is "total" (base → result). The eIds are
 * offsets in the report's `map_strings`. */
struct amend_map_row {
	size_t step;
	size_t old_eid; /* "" when inserted */
	size_t new_eid; /* "" when repealed */
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
	char *map_strings; /* the eIds of `map`, NUL-terminated, one after another */
	size_t map_len, map_cap;
	struct amend_index total; /* base eId → offset in total_strings of the result eId ("" if repealed) */
	char *total_strings;      /* the keys and values of `total` */
	struct amend_version *versions; /* [0] is the base */
	size_t nversions;
	size_t applied;
	size_t changes;
};

/* Make room for one more element in `*arr` (holding `n` of `cap`, each
 * `size` bytes), doubling its capacity (at least `first`). */
int px_amend_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* Make an empty index with room for `n` keys (it grows beyond).
 * @return 0 or PX_ENOMEM. */
int px_amend_index_init(struct amend_index *x, size_t n);
/* Add `key` → `val` unless `key` is there already (the first one stays).
 * @return 0 or PX_ENOMEM. */
int px_amend_index_add(struct amend_index *x, const char *key, size_t val);
/* @return whether `key` is there, and its value in `*val` (may be NULL). */
bool px_amend_index_get(const struct amend_index *x, const char *key, size_t *val);
/* Give `key`, if it is there, the value `val`. @return whether it is there. */
bool px_amend_index_set(struct amend_index *x, const char *key, size_t val);
void px_amend_index_free(struct amend_index *x);

/* Free blocks and the strings they point into (amend_render.c). */
void px_amend_blocks_free(struct amend_block *b, char *strings);
/* The eId in the result of the base unit `old_eid`: "" if it was repealed,
 * NULL if the base has no such unit. */
const char *px_amend_total(const struct px_consolidation_report *r, const char *old_eid);
/* Collect the blocks of the base and of the result in both languages
 * (amend_render.c) and align them through the total eId map, which must be
 * complete. */
int px_amend_align(struct px_consolidation_report *r, const px_doc *const base[2], const px_doc *const result[2]);

#endif
