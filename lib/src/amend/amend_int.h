/*
 * Private declarations of the amend stage: amend.c and the files it names
 * apply instruments, redline.c renders documents and reports.
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
	int ref;      /* the instrument that changed it (1-based index of amend_lang.refs), 0 unknown */
	int num;      /* … and its change number in that instrument */
};

/* An amending instrument as the consolidated document cites it. */
struct amend_ref {
	char *title;
	char date[11]; /* signed */
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
	struct amend_ref *refs; /* the instruments the rows cite */
	size_t nrefs;
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

/* Free blocks and the strings they point into (redline.c). */
void px_amend_blocks_free(struct amend_block *b, char *strings);
/* The eId in the result of the base unit `old_eid`: "" if it was repealed,
 * NULL if the base has no such unit. */
const char *px_amend_total(const struct px_consolidation_report *r, const char *old_eid);
/* Collect the blocks of the base and of the result in both languages
 * (redline.c) and align them through the total eId map, which must be
 * complete. */
int px_amend_align(struct px_consolidation_report *r, const px_doc *const base[2], const px_doc *const result[2]);


/* ---- shared by the files of this stage (types, then functions) ---- */

enum op_type { OP_SUBSTITUTION, OP_INSERTION, OP_REPEAL };

enum op_pos { POS_NONE, POS_BEFORE, POS_AFTER, POS_START, POS_END };

struct amend_op {
	const char *id;        /* textualMod eId (Russian), borrowed */
	enum op_type type;
	enum op_pos pos;
	char *work;            /* work IRI of the destination */
	char *version;         /* YYYY-MM-DD of the destination's version */
	char *eid;             /* destination eId in that version */
	xmlNodePtr mod[2];     /* the textualMod elements */
	xmlNodePtr old_q[2];   /* quotedText, or NULL */
	xmlNodePtr new_q[2];   /* quotedText or quotedStructure, or NULL */
};

struct px_instrument {
	const px_doc *doc[2];
	char date[11];        /* entry into force */
	char signed_date[11];
	char *uri[2];         /* expression IRIs (FRBRuri) */
	char *title[2];
	struct amend_op *ops;
	size_t nops;
};

/* The map old eId → new eId of a step ("" when repealed): an index whose
 * keys are in `keys` (one allocation, or a string of `extra`) and whose
 * values are offsets in `vals`. */
struct eid_map {
	struct amend_index index;
	char *keys;
	px_buf vals;
	char **extra;
	size_t nextra, aextra;
};

struct step {
	struct eid_map map;
	const px_instrument *ins;
	char date[11];
	char *prev_uri[2]; /* expression IRI of the version before the step */
};

struct result_node {
	xmlNodePtr node[2];
	char *old_eid;   /* for repeals: the eId before the step */
};

/* The units of a tree (elements named by the eId rule), in document order. */
struct snap {
	xmlNodePtr *nodes;
	char **eids;
	size_t n, a;
	bool borrow; /* the eIds are the tree's own (it does not change while the snapshot lives) */
	px_buf strings; /* without `borrow`: the eIds, one after another */
};

struct work {
	px_doc *w[2];
	px_diags *diags;
	bool failed;
	struct step *steps;      /* applied so far */
	size_t nsteps;
	char base_date[11];
	char *base_uri[2];
	char *work_uri;
	xmlNodePtr *grave;       /* detached nodes, freed at the end */
	size_t ngrave, agrave;
	xmlNodePtr *lists;       /* lists an item was added to or taken from this step, */
	xmlNodePtr *lasts;       /* … each with its last item before the change */
	size_t nlists, alists, alasts;
	xmlNodePtr *touched;     /* nodes whose _private was set this step */
	size_t ntouched, atouched;
	struct start_tail { xmlNodePtr parent, last; } *starts; /* last unit inserted at the start of a container this step */
	size_t nstarts, astarts;
	xmlNodePtr *pending[2];  /* units repealed or replaced in this step */
	size_t npending[2], apending[2];
	struct restated { xmlNodePtr old, new; } *pairs; /* rus units restated in this step */
	size_t npairs, apairs;
	bool arabic;             /* sections numbered "1." rather than "I." */
	char period[32];         /* "#tp_N" of the step being applied */
	struct made { const px_instrument *ins; const struct amend_op *op; xmlNodePtr node; int l; } *made;
	size_t nmade, amade;     /* the unit each operation inserted, restated or changed */
	struct px_consolidation_report *report; /* gets the map rows of each step */
	bool want_report;        /* the caller asked for the report (renderings, maps) */
	struct snap first;       /* with the report: the units before the first step (as in the base) */
	struct snap last;        /* with the report: the units after the last step (their eIds are
	                          * borrowed from the tree: valid until a next step renumbers) */
};

struct opctx {
	struct work *w;
	const px_instrument *ins;
	const struct amend_op *op;
	int l;
};

bool amd_is_date(const char *s);  /* amend.c */

xmlNodePtr amd_path(xmlNodePtr n, const char *const *names);  /* amend.c */

xmlNodePtr amd_meta_of(const px_doc *doc);  /* amend.c */

const char *amd_frbr(const px_doc *doc, const char *level, const char *el, const char *attr);  /* amend.c */

char *amd_node_text_dup(xmlNodePtr n);  /* amend.c */

int amd_add_diag(px_diags *diags, const char *rule, const px_doc *doc, xmlNodePtr at, const char *eid,
	const char *fmt, ...);  /* amend.c */

/* "substitution 'amod_2' at 'sec_V__p_2'" */
void amd_op_label(char *out, size_t size, const struct amend_op *op);  /* amend.c */

/* The quoted element a textualMod's old/new points at, or NULL. */
xmlNodePtr amd_quoted(const px_doc *doc, xmlNodePtr el);  /* instrument.c */

char *amd_doc_title(const px_doc *doc);  /* instrument.c */

int amd_push_node(xmlNodePtr **arr, size_t *n, size_t *a, xmlNodePtr node);  /* apply.c */

int amd_bury(struct work *w, xmlNodePtr n);  /* apply.c */

bool amd_attached(xmlNodePtr n);  /* apply.c */

xmlNodePtr amd_new_el(px_doc *doc, const char *name);  /* apply.c */

int amd_op_error(struct opctx *c, const char *rule, const char *fmt, ...);  /* apply.c */

int amd_insert_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res);  /* apply.c */

int amd_restate_structure(struct opctx *c, xmlNodePtr dest, struct result_node *res);  /* apply.c */

int amd_word_operation(struct opctx *c, xmlNodePtr dest, struct result_node *res);  /* apply.c */

/* Recompute eIds (and section and paragraph numbers) below `parent` from
 * position. */
int amd_renumber(xmlNodePtr parent, const char *prefix, bool zho, bool arabic);  /* renumber.c */

/* Add the units of the tree below `n` to `s`. */
int amd_snap_rec(struct snap *s, xmlNodePtr n);  /* renumber.c */

void amd_snap_free(struct snap *s);  /* renumber.c */

/* @return the image of `k`, "" when it was repealed, NULL when the map does
 * not know it. */
const char *amd_map_get(const struct eid_map *m, const char *k);  /* renumber.c */

void amd_map_free(struct eid_map *m);  /* renumber.c */

int amd_build_step_map(struct work *w, struct snap *s, struct eid_map *map);  /* renumber.c */

int amd_rewrite_refs(xmlNodePtr n, const struct eid_map *map, const char *prev_uri);  /* renumber.c */

xmlNodePtr amd_meta_part(px_doc *doc, const char *name);  /* metadata.c */

xmlNodePtr amd_add_el(px_doc *doc, xmlNodePtr parent, const char *name, ...);  /* metadata.c */

/* Copy TLC entries that new content refers to from the instrument. */
int amd_copy_tlcs(px_doc *doc, const px_doc *from, xmlNodePtr n);  /* metadata.c */

/*
 * When `unit` is a new signature block, the body it signs for (the
 * organization the signature names, around the state's) becomes an author
 * of the work and of the expression, after the authors already there, as
 * the original signatories are.
 */
int amd_add_authors(px_doc *doc, xmlNodePtr unit);  /* metadata.c */

/* The rows of a step's map for the report; keeps the units of the result
 * in w->last (the eIds do not change after the step's map is made). */
int amd_step_rows(struct work *w, const struct snap *before, const struct eid_map *map);  /* metadata.c */

/* Rows of one map in the order of `order` (`to[i]` is the image of
 * order->eids[i]: "" when repealed, NULL when the map does not name it), then
 * the units of the result that nothing maps to (inserted). The images are
 * indexed without copying them. */
int amd_map_rows(struct px_consolidation_report *r, size_t step, const struct snap *order,
	const char *const *to, const struct snap *result);  /* amend.c */

/* The names of the operation types and positions as written in textualMod
 * (amend.c), and the attributes that hold references to eIds (renumber.c). */
extern const char *const amd_type_names[3];
extern const char *const amd_pos_names[5];
extern const char *const amd_ref_attrs[6];

/* The punctuation of the lists whose last item this step changed: in a
 * list whose items end with «;» / «；», the item that was last and is no
 * longer gets «;» / «；», the new last item «.» / «。» (apply.c). */
void amd_fix_list_punct(struct work *w);

#endif
