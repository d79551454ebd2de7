/*
 * Alignment of the text units of a pair, region by region (preface,
 * preamble, each section, conclusions; signature blocks are paired by
 * check_signatories.c).
 *
 * Rules for pairing:
 *
 *   1. Headings pair with the heading of the same section.
 *   2. When both sides have the same eIds in the same order, unit i pairs
 *      with unit i (the usual case, linear).
 *   3. Otherwise a dynamic programme over the two sequences chooses among
 *      1-1, 1-0, 0-1, 2-1 and 1-2 moves, minimizing the sum of
 *        1-1   ck_pair_cost(a, b) - 1 when the eIds agree
 *        1-0   SKIP (a unit on one side only)
 *        2-1   the cost of the joined pair + MERGE (two units merged in one)
 *      A band around the diagonal bounds the work.
 *   4. Two consecutive 1-1 pairs that fit much better crosswise are a swap
 *      (PX055); a unit left alone on each side that fit each other are a move
 *      (PX055).
 *   5. When all regions are paired, units still alone are tried against
 *      those of other regions (a move, PX055); what is still alone is a
 *      unit present on one side only (PX050). Then the pairs that fit badly
 *      (by length, anchors and terms) are paired anew by the least-cost
 *      assignment of their Chinese units to their Russian ones: each cycle
 *      of it that fits much better is one swap or rotation (PX055).
 *
 * ck_pair_cost() weighs the lengths against the length model of the pair
 * (check_length.c) and the anchors: dates, numbers, enumeration markers and
 * mentions of states and places, which a translation keeps.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

#define SKIP 6.0
#define MERGE 4.0
#define EID_BONUS 1.0
#define TERM_W 2.5
#define SUSPICIOUS 4.0
#define MAX_DP_CELLS ((size_t)4 << 20) /* larger regions pair by eId alone */
#define MAX_MOVE_CANDIDATES 64         /* lone units tried as moves */

/* ---- cost ----------------------------------------------------------------------- */

struct anchors {
	const char *k[64];
	char buf[64][48];
	int n;
};

static void anchors_add(struct anchors *s, const ck_unit *u)
{
	for (size_t i = 0; i < u->ndates && s->n < 64; i++, s->n++) {
		snprintf(s->buf[s->n], sizeof s->buf[0], "d%d", u->dates[i].ymd);
		s->k[s->n] = s->buf[s->n];
	}
	for (size_t i = 0; i < u->nnums && s->n < 64; i++, s->n++) {
		snprintf(s->buf[s->n], sizeof s->buf[0], "n%s", u->nums[i].key);
		s->k[s->n] = s->buf[s->n];
	}
	for (size_t i = 0; i < u->nmarks && s->n < 64; i++, s->n++) {
		snprintf(s->buf[s->n], sizeof s->buf[0], "e%d", u->marks[i].value);
		s->k[s->n] = s->buf[s->n];
	}
	for (size_t i = 0; i < u->nments && s->n < 64; i++) {
		if (u->ments[i].kind != PX_ENTRY_STATE && u->ments[i].kind != PX_ENTRY_PLACE)
			continue;
		snprintf(s->buf[s->n], sizeof s->buf[0], "m%s", u->ments[i].id);
		s->k[s->n] = s->buf[s->n];
		s->n++;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Term findings of a candidate pair: none for a true pair, many for a wrong
 * one, which tells apart units whose lengths happen to fit. */
static double term_cost(const ck_ctx *x, const ck_unit *const *a, int na, const ck_unit *const *b, int nb)
{
	if (!x->c->tb)
		return 0;
	px_buf ra = PX_BUF_INIT, rb = PX_BUF_INIT;
	for (int i = 0; i < na; i++) {
		px_buf_puts(&ra, i ? " " : "");
		px_buf_put(&ra, a[i]->text, a[i]->len);
	}
	for (int i = 0; i < nb; i++)
		px_buf_put(&rb, b[i]->text, b[i]->len);
	px_diags *d = NULL;
	size_t n = 0;
	if (ra.ptr && rb.ptr && px_diags_new(&d) == 0) {
		px_term_unit tu = { 0 };
		tu.ru_text = ra.ptr;
		tu.zh_text = rb.ptr;
		px_termbase_check_unit(x->c->tb, &tu, d);
		n = px_diags_count(d);
	}
	px_diags_free(d);
	px_buf_dispose(&ra);
	px_buf_dispose(&rb);
	return TERM_W * (double)(n > 8 ? 8 : n);
}

static double cost_multi(const ck_ctx *x, const ck_unit *const *a, int na, const ck_unit *const *b, int nb, int full)
{
	double la = 0, lb = 0;
	struct anchors sa, sb;
	sa.n = sb.n = 0;
	int kinds_differ = 0;
	for (int i = 0; i < na; i++) {
		la += (double)a[i]->nchars;
		anchors_add(&sa, a[i]);
	}
	for (int i = 0; i < nb; i++) {
		lb += (double)b[i]->nchars;
		anchors_add(&sb, b[i]);
		kinds_differ |= b[i]->kind != a[0]->kind;
	}
	double sigma = x->sigma > 0.15 ? x->sigma : 0.15;
	double d = log((lb + 4) / (la * exp(x->mu) + 4)) / sigma;
	double cost = d * d / 2;
	if (cost > 12)
		cost = 12;
	/* anchors: multiset intersection */
	qsort(sa.k, (size_t)sa.n, sizeof sa.k[0], cmp_str);
	qsort(sb.k, (size_t)sb.n, sizeof sb.k[0], cmp_str);
	int i = 0, j = 0, m = 0;
	while (i < sa.n && j < sb.n) {
		int c = strcmp(sa.k[i], sb.k[j]);
		if (c == 0) {
			m++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	cost += 2.0 * (sa.n + sb.n - 2 * m) - 1.5 * m;
	if (kinds_differ)
		cost += 1.5;
	if (full)
		cost += term_cost(x, a, na, b, nb);
	return cost;
}

double ck_pair_cost(const ck_ctx *x, const ck_unit *a, const ck_unit *b)
{
	return cost_multi(x, &a, 1, &b, 1, 1);
}

static double cheap_cost(const ck_ctx *x, const ck_unit *a, const ck_unit *b)
{
	return cost_multi(x, &a, 1, &b, 1, 0);
}

/* ---- pairs and findings ------------------------------------------------------------ */

static int add_pair(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	int ok;
	CK_GROW(x->pairs, x->npairs, x->cappairs, ok);
	if (!ok)
		return px_fail_oom();
	x->pairs[x->npairs].a = a;
	x->pairs[x->npairs].b = b;
	x->pairs[x->npairs].terms = NULL;
	x->npairs++;
	a->peer = b;
	b->peer = a;
	return 0;
}

ck_unit *ck_join(ck_ctx *x, ck_unit *const *v, size_t n, const char *eid)
{
	ck_unit *j = ck_alloc(&x->arena, sizeof *j);
	if (!j || n == 0)
		return NULL;
	px_buf_clear(&x->tmp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			px_buf_put(&x->tmp, " ", 1);
		px_buf_put(&x->tmp, v[i]->text, v[i]->len);
	}
	*j = *v[0];
	j->dates = NULL;
	j->nums = NULL;
	j->ments = NULL;
	j->marks = NULL;
	j->ndates = j->nnums = j->nments = j->nmarks = 0;
	j->ntitles = j->nquoted = 0;
	j->neg = j->may = j->must = 0;
	j->nplain = 0;
	j->peer = NULL;
	j->eid = eid ? eid : v[0]->eid;
	j->merged = 1;
	ck_unit **parts = ck_alloc(&x->arena, n * sizeof *parts);
	if (!parts)
		return NULL;
	for (size_t i = 0; i < n; i++)
		parts[i] = v[i];
	j->parts = parts;
	j->nparts = n;
	j->len = x->tmp.size;
	j->text = ck_strndup(&x->arena, x->tmp.ptr ? x->tmp.ptr : "", x->tmp.size);
	return j->text && ck_extract(x, j) == 0 ? j : NULL;
}

/* Two units of one side joined, for comparing a merge. */
static ck_unit *join_units(ck_ctx *x, ck_unit *u1, ck_unit *u2)
{
	ck_unit *v[2] = { u1, u2 };
	return ck_join(x, v, 2, NULL);
}

static int report_merge(ck_ctx *x, ck_unit *one, ck_unit *two1, ck_unit *two2)
{
	char key[256];
	snprintf(key, sizeof key, "%s+%s", two1->eid, two2->eid);
	/* a paragraph break the importer read at a full stop ending a full line
	 * of a text broken into lines: the layout did not say (docs/layout.md) */
	int rc = two2->eid && px_doc_soft_start(x->s[two2->side].doc, two2->eid) ?
		ck_emit_sev(x, "PX054", PX_SEV_INFO, one, two1, key,
			"this unit joins the %s units '%s' and '%s' in one; the %s text was broken into lines, and "
			"whether a new paragraph begins at '%s' its layout does not say (a full line that ends at a full "
			"stop): most likely one paragraph", ck_lang_name(two1->side), two1->eid, two2->eid,
			ck_lang_name(two1->side), two2->eid) :
		ck_emit(x, "PX054", one, two1, key,
			"this unit joins the %s units '%s' and '%s' in one", ck_lang_name(two1->side), two1->eid, two2->eid);
	if (rc < 0)
		return rc;
	ck_unit *j = join_units(x, two1, two2);
	if (!j)
		return px_fail_oom();
	two1->peer = two2->peer = one;
	return one->side == CK_RU ? add_pair(x, one, j) : add_pair(x, j, one);
}

/* ---- the dynamic programme ------------------------------------------------------------ */

enum { MV_NONE = 0, MV_11, MV_10, MV_01, MV_21, MV_12 };

/* Above this many cells in its band, a region is aligned without the term
 * cost (which tokenizes and stems both texts of every cell): by lengths,
 * numbers, dates and markers only, so that a region of 48,000 items against
 * 11 takes seconds, not minutes (docs/limits.md). */
#define DP_TERM_CELLS 100000

static int align_dp(ck_ctx *x, ck_unit **A, int na, ck_unit **B, int nb, ck_unit **loneA, int *nloneA,
	ck_unit **loneB, int *nloneB, size_t first_pair)
{
	int band = abs(na - nb) + 20;
	size_t cells = (size_t)na * (size_t)((size_t)nb < (size_t)(2 * band + 1) ? (size_t)nb : (size_t)(2 * band + 1));
	int full = cells <= DP_TERM_CELLS;
	size_t w = (size_t)nb + 1;
	double *D = malloc(((size_t)na + 1) * w * sizeof *D);
	unsigned char *M = malloc(((size_t)na + 1) * w);
	if (!D || !M) {
		free(D);
		free(M);
		return px_fail_oom();
	}
	for (int i = 0; i <= na; i++) {
		for (int j = 0; j <= nb; j++) {
			double best = i == 0 && j == 0 ? 0 : 1e300;
			unsigned char mv = MV_NONE;
			/* the band: j stays near i scaled to the other length */
			long diag = na ? (long)i * nb / na : 0;
			if (labs(diag - j) > band && !(i == 0 && j == 0)) {
				D[(size_t)i * w + (size_t)j] = 1e300;
				M[(size_t)i * w + (size_t)j] = MV_NONE;
				continue;
			}
			if (i > 0 && j > 0 && D[(size_t)(i - 1) * w + (size_t)(j - 1)] < 1e299) {
				double c = full ? ck_pair_cost(x, A[i - 1], B[j - 1]) : cheap_cost(x, A[i - 1], B[j - 1]);
				if (strcmp(A[i - 1]->eid, B[j - 1]->eid) == 0)
					c -= EID_BONUS;
				c += D[(size_t)(i - 1) * w + (size_t)(j - 1)];
				if (c < best) {
					best = c;
					mv = MV_11;
				}
			}
			if (i > 0 && D[(size_t)(i - 1) * w + (size_t)j] + SKIP < best) {
				best = D[(size_t)(i - 1) * w + (size_t)j] + SKIP;
				mv = MV_10;
			}
			if (j > 0 && D[(size_t)i * w + (size_t)(j - 1)] + SKIP < best) {
				best = D[(size_t)i * w + (size_t)(j - 1)] + SKIP;
				mv = MV_01;
			}
			if (i > 1 && j > 0 && D[(size_t)(i - 2) * w + (size_t)(j - 1)] < 1e299) {
				const ck_unit *aa[2] = { A[i - 2], A[i - 1] };
				const ck_unit *bb[1] = { B[j - 1] };
				double c = D[(size_t)(i - 2) * w + (size_t)(j - 1)] + cost_multi(x, aa, 2, bb, 1, full) + MERGE;
				if (c < best) {
					best = c;
					mv = MV_21;
				}
			}
			if (i > 0 && j > 1 && D[(size_t)(i - 1) * w + (size_t)(j - 2)] < 1e299) {
				const ck_unit *aa[1] = { A[i - 1] };
				const ck_unit *bb[2] = { B[j - 2], B[j - 1] };
				double c = D[(size_t)(i - 1) * w + (size_t)(j - 2)] + cost_multi(x, aa, 1, bb, 2, full) + MERGE;
				if (c < best) {
					best = c;
					mv = MV_12;
				}
			}
			D[(size_t)i * w + (size_t)j] = best;
			M[(size_t)i * w + (size_t)j] = mv;
		}
	}
	/* trace back, then emit in document order */
	int cap = na + nb + 1, nm = 0;
	unsigned char *moves = malloc((size_t)cap);
	if (!moves) {
		free(D);
		free(M);
		return px_fail_oom();
	}
	for (int i = na, j = nb; i > 0 || j > 0;) {
		unsigned char mv = M[(size_t)i * w + (size_t)j];
		moves[nm++] = mv;
		switch (mv) {
		case MV_11: i--; j--; break;
		case MV_10: i--; break;
		case MV_01: j--; break;
		case MV_21: i -= 2; j--; break;
		case MV_12: i--; j -= 2; break;
		default: i = j = 0; break; /* unreachable: (0,0) is the only start */
		}
	}
	free(D);
	free(M);
	int rc = 0, i = 0, j = 0;
	(void)first_pair;
	for (int k = nm - 1; k >= 0 && rc == 0; k--) {
		switch (moves[k]) {
		case MV_11: rc = add_pair(x, A[i++], B[j++]); break;
		case MV_10: loneA[(*nloneA)++] = A[i++]; break;
		case MV_01: loneB[(*nloneB)++] = B[j++]; break;
		case MV_21: rc = report_merge(x, B[j], A[i], A[i + 1]); i += 2; j++; break;
		case MV_12: rc = report_merge(x, A[i], B[j], B[j + 1]); i++; j += 2; break;
		default: break;
		}
	}
	free(moves);
	return rc;
}

/* A region too large for the dynamic programme: the units whose eIds agree
 * pair in order, the others are alone. */
static int align_by_eid(ck_ctx *x, ck_unit **A, int na, ck_unit **B, int nb, ck_unit **loneA, int *nloneA,
	ck_unit **loneB, int *nloneB)
{
	xmlHashTablePtr h = xmlHashCreate(nb);
	if (!h)
		return px_fail_oom();
	for (int j = 0; j < nb; j++)
		xmlHashAddEntry(h, (const xmlChar *)B[j]->eid, B[j]);
	int rc = 0;
	for (int i = 0; i < na && rc == 0; i++) {
		ck_unit *b = xmlHashLookup(h, (const xmlChar *)A[i]->eid);
		if (b && !b->peer)
			rc = add_pair(x, A[i], b);
		else
			loneA[(*nloneA)++] = A[i];
	}
	for (int j = 0; j < nb; j++)
		if (!B[j]->peer)
			loneB[(*nloneB)++] = B[j];
	xmlHashFree(h, NULL);
	return rc;
}

/* ---- swaps, moves, lone units ------------------------------------------------------------ */

/* Exchange the Chinese units of pairs p and q and report it. */
static int swap_pairs(ck_ctx *x, ck_pair *p, ck_pair *q)
{
	ck_unit *b1 = p->b, *b2 = q->b;
	char key[256];
	snprintf(key, sizeof key, "%s<>%s", b1->eid, b2->eid);
	int rc = ck_emit(x, "PX055", b1, p->a, key,
		"units '%s' and '%s' are in the opposite order to their counterparts '%s' and '%s' in the Russian text",
		b1->eid, b2->eid, q->a->eid, p->a->eid);
	p->b = b2;
	q->b = b1;
	p->a->peer = b2;
	b2->peer = p->a;
	q->a->peer = b1;
	b1->peer = q->a;
	/* the term findings kept from the alignment were for the old pairs */
	px_diags_free(p->terms);
	px_diags_free(q->terms);
	p->terms = q->terms = NULL;
	return rc;
}

static int detect_swaps(ck_ctx *x, size_t from)
{
	for (size_t k = from; k + 1 < x->npairs; k++) {
		ck_pair *p = &x->pairs[k], *q = &x->pairs[k + 1];
		if (p->a->merged || p->b->merged || q->a->merged || q->b->merged)
			continue;
		if (cheap_cost(x, p->a, p->b) + cheap_cost(x, q->a, q->b) < 3.0)
			continue; /* no crosswise fit can beat it by the margin */
		double straight = ck_pair_cost(x, p->a, p->b) + ck_pair_cost(x, q->a, q->b);
		double cross = ck_pair_cost(x, p->a, q->b) + ck_pair_cost(x, q->a, p->b);
		if (!(cross + 3.0 < straight && cross < 5.0))
			continue;
		int rc = swap_pairs(x, p, q);
		if (rc < 0)
			return rc;
		k++;
	}
	return 0;
}

/* Pair each of lone[0..n) with the unit of other[0..nother) (still alone)
 * that fits it well, as a move (PX055); the units paired are set to NULL
 * in both lists. */
static int pair_moves(ck_ctx *x, ck_unit **lone, size_t n, ck_unit **other, size_t nother)
{
	if (nother > MAX_MOVE_CANDIDATES)
		return 0;
	for (size_t i = 0; i < n; i++) {
		ck_unit *u = lone[i];
		if (!u)
			continue;
		size_t best = SIZE_MAX;
		double bc = 3.0;
		for (size_t k = 0; k < nother; k++) {
			if (!other[k] || other[k]->peer || other[k]->side == u->side)
				continue;
			double c = ck_pair_cost(x, u, other[k]);
			if (c < bc) {
				bc = c;
				best = k;
			}
		}
		if (best == SIZE_MAX)
			continue;
		ck_unit *v = other[best];
		ck_unit *zh = u->side == CK_ZH ? u : v, *ru = u->side == CK_ZH ? v : u;
		char key[256];
		snprintf(key, sizeof key, "move:%s>%s", ru->eid, zh->eid);
		int rc = ck_emit(x, "PX055", zh, ru, key,
			"this unit stands at another place than its counterpart '%s' in the Russian text", ru->eid);
		if (rc == 0)
			rc = add_pair(x, ru, zh);
		if (rc < 0)
			return rc;
		other[best] = NULL;
		lone[i] = NULL;
	}
	return 0;
}

/* Keep the units of lone[0..n) still alone for the moves across regions. */
static int keep_lone(ck_ctx *x, ck_unit **lone, int n)
{
	for (int i = 0; i < n; i++) {
		if (!lone[i] || lone[i]->peer)
			continue;
		int ok;
		CK_PUSH(&x->arena, x->lone, x->nlone, x->caplone, ok);
		if (!ok)
			return px_fail_oom();
		x->lone[x->nlone++] = lone[i];
	}
	return 0;
}

/* Moves across regions, then a unit present on one side only (PX050) for
 * every unit still alone. */
static int report_lone(ck_ctx *x)
{
	int rc = pair_moves(x, x->lone, x->nlone, x->lone, x->nlone);
	for (size_t i = 0; i < x->nlone && rc == 0; i++) {
		ck_unit *u = x->lone[i];
		if (!u || u->peer)
			continue;
		px_buf_clear(&x->tmp);
		ck_excerpt(&x->tmp, u->text, u->len, 60);
		rc = ck_emit(x, "PX050", u, NULL, u->text, "unit '%s' of the %s text has no counterpart in the %s text: '%s'",
			u->eid, ck_lang_name(u->side), ck_lang_name(!u->side), x->tmp.ptr ? x->tmp.ptr : "");
	}
	return rc;
}

/* ---- swaps anywhere ----------------------------------------------------------------------------- */

#define MAX_MISFITS 32

/* How badly pair p fits: its cost, with the term findings kept from the
 * alignment when there are some. */
static double misfit(const ck_ctx *x, const ck_pair *p)
{
	if (!p->terms)
		return ck_pair_cost(x, p->a, p->b);
	size_t n = px_diags_count(p->terms);
	return cheap_cost(x, p->a, p->b) + TERM_W * (double)(n > 8 ? 8 : n);
}

/* Minimum-cost assignment of an n×n matrix (the Hungarian method with
 * potentials, O(n³)): row i gets column to[i]. */
static void assign(const double *cost, int n, int *to)
{
	double u[MAX_MISFITS + 1] = { 0 }, v[MAX_MISFITS + 1] = { 0 }, minv[MAX_MISFITS + 1];
	int p[MAX_MISFITS + 1] = { 0 }, way[MAX_MISFITS + 1] = { 0 };
	bool used[MAX_MISFITS + 1];
	for (int i = 1; i <= n; i++) {
		p[0] = i;
		int j0 = 0;
		for (int j = 0; j <= n; j++) {
			minv[j] = HUGE_VAL;
			used[j] = false;
		}
		do {
			used[j0] = true;
			int i0 = p[j0], j1 = 0;
			double delta = HUGE_VAL;
			for (int j = 1; j <= n; j++) {
				if (used[j])
					continue;
				double cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (int j = 0; j <= n; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			int j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (int j = 1; j <= n; j++)
		to[p[j] - 1] = j - 1;
}

/* Report a cycle of pairs whose Chinese units move one along (pair
 * cyc[k] takes the Chinese unit of pair cyc[k+1], the last that of the
 * first), and exchange them. */
static int rotate_pairs(ck_ctx *x, ck_pair **cyc, int n)
{
	if (n == 2)
		return swap_pairs(x, cyc[0], cyc[1]);
	px_buf m = PX_BUF_INIT, key = PX_BUF_INIT;
	int rc = px_buf_puts(&m, "units ");
	for (int k = 0; k < n && rc == 0; k++)
		rc = px_buf_printf(&m, "%s'%s'", k == 0 ? "" : k + 1 == n ? " and " : ", ", cyc[k]->b->eid) |
			px_buf_printf(&key, "%s%s", k ? ">" : "rot:", cyc[k]->b->eid);
	rc |= px_buf_puts(&m, " are in another order than their counterparts: in the Russian text they stand at ");
	for (int k = 0; k < n && rc == 0; k++)
		rc = px_buf_printf(&m, "%s'%s'", k == 0 ? "" : k + 1 == n ? " and " : ", ", cyc[(k + n - 1) % n]->a->eid);
	if (rc == 0)
		rc = ck_emit(x, "PX055", cyc[0]->b, cyc[0]->a, key.ptr, "%s", m.ptr);
	px_buf_dispose(&m);
	px_buf_dispose(&key);
	ck_unit *first = cyc[0]->b;
	for (int k = 0; k < n; k++) {
		cyc[k]->b = k + 1 < n ? cyc[k + 1]->b : first;
		cyc[k]->a->peer = cyc[k]->b;
		cyc[k]->b->peer = cyc[k]->a;
		px_diags_free(cyc[k]->terms);
		cyc[k]->terms = NULL;
	}
	return rc;
}

/* Pairs that fit badly (rule 5): the assignment of their Chinese units to
 * their Russian units that costs least; each cycle of it in which every new
 * pair fits well and the cost drops by more than 3 per unit moved is a swap
 * (two units) or a rotation. */
static int detect_far_swaps(ck_ctx *x)
{
	size_t idx[MAX_MISFITS];
	double fit[MAX_MISFITS];
	int n = 0;
	for (size_t k = 0; k < x->npairs; k++) {
		const ck_pair *p = &x->pairs[k];
		if (p->a->merged || p->b->merged || p->a->kind != p->b->kind || p->a->kind == CK_HEADING ||
			p->a->kind == CK_SIGNATURE)
			continue;
		double f = misfit(x, p);
		if (f < 1.5 * SUSPICIOUS)
			continue;
		/* keep the worst MAX_MISFITS */
		int at = n < MAX_MISFITS ? n++ : MAX_MISFITS;
		if (at == MAX_MISFITS) {
			int least = 0;
			for (int i = 1; i < n; i++)
				if (fit[i] < fit[least])
					least = i;
			if (fit[least] >= f)
				continue;
			at = least;
		}
		idx[at] = k;
		fit[at] = f;
	}
	if (n < 2)
		return 0;
	double *cost = malloc((size_t)n * (size_t)n * sizeof *cost);
	if (!cost)
		return px_fail_oom();
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			cost[i * n + j] = i == j ? fit[i] :
				ck_pair_cost(x, x->pairs[idx[i]].a, x->pairs[idx[j]].b);
	int to[MAX_MISFITS];
	assign(cost, n, to);
	bool seen[MAX_MISFITS] = { false };
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (seen[i] || to[i] == i)
			continue;
		int cyc[MAX_MISFITS], len = 0;
		double before = 0, after = 0, worst = 0;
		for (int k = i; !seen[k]; k = to[k]) {
			seen[k] = true;
			cyc[len++] = k;
			before += fit[k];
			after += cost[k * n + to[k]];
			if (cost[k * n + to[k]] > worst)
				worst = cost[k * n + to[k]];
		}
		if (worst >= 4.0 || before - after <= 3.0 * (len - 1))
			continue;
		ck_pair *pairs[MAX_MISFITS];
		for (int k = 0; k < len; k++)
			pairs[k] = &x->pairs[idx[cyc[k]]];
		rc = rotate_pairs(x, pairs, len);
	}
	free(cost);
	return rc;
}

/* ---- regions --------------------------------------------------------------------------------- */

static int align_region(ck_ctx *x, int r)
{
	ck_unit **A = NULL, **B = NULL, **loneA = NULL, **loneB = NULL;
	int na = 0, nb = 0, nla = 0, nlb = 0, rc = 0;
	ck_unit *ha = NULL, *hb = NULL;
	for (int s = 0; s < 2; s++) {
		const ck_region *g = &x->regions[r];
		size_t n = g->end[s] - g->begin[s];
		ck_unit **v = malloc((n + 1) * sizeof *v);
		ck_unit **lone = malloc((n + 1) * sizeof *lone);
		if (!v || !lone) {
			free(v);
			free(lone);
			rc = px_fail_oom();
			goto done;
		}
		int k = 0;
		for (size_t i = g->begin[s]; i < g->end[s]; i++) {
			ck_unit *u = &x->s[s].u[i];
			if (u->region != r)
				continue;
			if (u->kind == CK_HEADING)
				*(s ? &hb : &ha) = u;
			else if (u->kind != CK_SIGNATURE)
				v[k++] = u;
		}
		if (s == 0) {
			A = v;
			na = k;
			loneA = lone;
		} else {
			B = v;
			nb = k;
			loneB = lone;
		}
	}
	if (ha && hb && (rc = add_pair(x, ha, hb)) < 0)
		goto done;
	size_t from = x->npairs;
	int same = na == nb;
	for (int i = 0; i < na && same; i++)
		same = strcmp(A[i]->eid, B[i]->eid) == 0;
	/* the same eIds: pair them in order, unless two pairs in a row fit so
	 * badly that a unit may have moved; the term findings computed to judge
	 * the fit are kept for the term check */
	if (same) {
		int bad = 0;
		for (int i = 0; i < na && rc == 0 && same; i++) {
			if ((rc = add_pair(x, A[i], B[i])) < 0)
				break;
			ck_pair *p = &x->pairs[x->npairs - 1];
			double c = cheap_cost(x, A[i], B[i]);
			if (x->c->tb) {
				px_term_unit tu = { 0 };
				tu.ru_text = A[i]->text;
				tu.zh_text = B[i]->text;
				if (px_diags_new(&p->terms) < 0) {
					rc = px_fail_oom();
					break;
				}
				tu.eid = B[i]->eid;
				ck_term_locs(x, &tu, A[i], B[i]);
				struct px_terms_opts o = { .parties = x->parties };
				if ((rc = px_termbase_check_unit_opts(x->c->tb, &tu, &o, p->terms)) == PX_EINVALID)
					rc = 0;
				size_t n = px_diags_count(p->terms);
				c += TERM_W * (double)(n > 8 ? 8 : n);
			}
			bad = c > 1.5 * SUSPICIOUS ? bad + 1 : 0;
			if (bad == 2)
				same = 0;
		}
		if (!same) {
			/* start again with the dynamic programme */
			for (size_t k = from; k < x->npairs; k++) {
				px_diags_free(x->pairs[k].terms);
				x->pairs[k].a->peer = x->pairs[k].b->peer = NULL;
			}
			x->npairs = from;
		}
	}
	if (rc < 0) {
		goto done;
	} else if (same) {
		/* paired above */
	} else if (na == 0 || nb == 0) {
		for (int i = 0; i < na; i++)
			loneA[nla++] = A[i];
		for (int i = 0; i < nb; i++)
			loneB[nlb++] = B[i];
	} else if ((size_t)na * (size_t)nb > MAX_DP_CELLS) {
		rc = align_by_eid(x, A, na, B, nb, loneA, &nla, loneB, &nlb);
	} else {
		rc = align_dp(x, A, na, B, nb, loneA, &nla, loneB, &nlb, from);
	}
	if (rc == 0)
		rc = detect_swaps(x, from);
	if (rc == 0)
		rc = pair_moves(x, loneA, (size_t)nla, loneB, (size_t)nlb);
	if (rc == 0)
		rc = keep_lone(x, loneA, nla);
	if (rc == 0)
		rc = keep_lone(x, loneB, nlb);
done:
	free(A);
	free(B);
	free(loneA);
	free(loneB);
	return rc;
}

int ck_align(ck_ctx *x)
{
	x->npairs = 0;
	x->nlone = 0;
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < x->s[s].n; i++)
			x->s[s].u[i].peer = NULL;
	int rc = 0;
	for (size_t r = 0; r < x->nregions && rc == 0; r++)
		if (!x->regions[r].skip)
			rc = align_region(x, (int)r);
	if (rc == 0)
		rc = report_lone(x);
	if (rc == 0)
		rc = detect_far_swaps(x);
	return rc;
}
