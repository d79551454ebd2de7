/*
 * Comparison of one aligned pair: enumeration markers (as a sequence),
 * dates, instrument dates, numbers, quoted titles, places and organizations.
 * The others are compared as multisets (or sets for mentions): what one side
 * has and the other lacks is reported at the side that lacks it; when both
 * sides have leftovers of the same count they are paired up and reported as
 * a difference. Cardinals in words are softer: they cancel what the other
 * text has (двух ↔ 两份, 30 ↔ 三十天) and pair up with what it has left
 * over, but are never reported as missing («обе Стороны» ↔ 双方).
 */
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

static void fmt_ymd(char *out, size_t size, int ymd)
{
	snprintf(out, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* ---- leftovers of two multisets ------------------------------------------------ */

struct item {
	char key[48];
	const char *src; /* where it is in the text */
	size_t len;
	int soft;        /* CK_NUM_* */
	double pos;      /* where it is in the unit, 0 … 1 */
};

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->key, ((const struct item *)b)->key);
}

static int cmp_pos(const void *a, const void *b)
{
	double x = ((const struct item *)a)->pos, y = ((const struct item *)b)->pos;
	return x < y ? -1 : x > y;
}

/* Match the items a[0..na) and b[0..nb) of one key, the closest in place
 * first (so that of «в двух экземплярах … оба текста» ↔ 一式一份 … 两种文本
 * it is «двух» that is left over); mark the matched ones by an empty key. */
static void match_run(struct item *a, size_t na, struct item *b, size_t nb)
{
	size_t pairs = na < nb ? na : nb;
	if (na == nb || na * nb > 1024) {
		/* all of them, or many: in the order of the text */
		qsort(a, na, sizeof *a, cmp_pos);
		qsort(b, nb, sizeof *b, cmp_pos);
		for (size_t p = 0; p < pairs; p++)
			a[p].key[0] = b[p].key[0] = '\0';
		return;
	}
	for (size_t p = 0; p < pairs; p++) {
		struct item *ba = NULL, *bb = NULL;
		double best = 2;
		for (size_t i = 0; i < na; i++)
			for (size_t j = 0; j < nb && a[i].key[0]; j++) {
				double d = a[i].pos > b[j].pos ? a[i].pos - b[j].pos : b[j].pos - a[i].pos;
				if (b[j].key[0] && d < best) {
					best = d;
					ba = &a[i];
					bb = &b[j];
				}
			}
		ba->key[0] = bb->key[0] = '\0';
	}
}

static size_t keep_unmatched(struct item *l, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (l[i].key[0])
			l[k++] = l[i];
	qsort(l, k, sizeof *l, cmp_pos);
	return k;
}

/* Remove the common part of two lists; the leftovers stay at the front, in
 * the order of the text. */
static void leftovers(struct item *a, size_t *na, struct item *b, size_t *nb)
{
	qsort(a, *na, sizeof *a, cmp_item);
	qsort(b, *nb, sizeof *b, cmp_item);
	size_t i = 0, j = 0;
	while (i < *na && j < *nb) {
		int c = strcmp(a[i].key, b[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			size_t ie = i, je = j;
			while (ie < *na && strcmp(a[ie].key, a[i].key) == 0)
				ie++;
			while (je < *nb && strcmp(b[je].key, b[j].key) == 0)
				je++;
			match_run(a + i, ie - i, b + j, je - j);
			i = ie;
			j = je;
		}
	}
	*na = keep_unmatched(a, *na);
	*nb = keep_unmatched(b, *nb);
}

/* Drop soft leftovers: first from the longer list, the weakest first and
 * the last in text order first, until both lists are as long; then those
 * that still have nothing to pair with. Exact leftovers stay. The lists
 * are in text order (leftovers()). */
static void settle_soft(struct item *a, size_t *na, struct item *b, size_t *nb)
{
	for (int soft = CK_NUM_WEAK; soft > CK_NUM_EXACT && *na != *nb; soft--) {
		struct item *l = *na > *nb ? a : b;
		size_t *nl = *na > *nb ? na : nb, excess = *na > *nb ? *na - *nb : *nb - *na;
		for (size_t i = *nl; i-- > 0 && excess;)
			if (l[i].soft == soft) {
				l[i].key[0] = '\0'; /* dropped */
				excess--;
			}
		size_t k = 0;
		for (size_t i = 0; i < *nl; i++)
			if (l[i].key[0])
				l[k++] = l[i];
		*nl = k;
	}
	if (*na == *nb)
		return;
	for (int side = 0; side < 2; side++) {
		struct item *l = side ? b : a;
		size_t *nl = side ? nb : na, k = 0;
		for (size_t i = 0; i < *nl; i++)
			if (l[i].soft == CK_NUM_EXACT)
				l[k++] = l[i];
		*nl = k;
	}
}

/* Report the leftovers of a comparison of `what` (a rule and a noun). */
static int report(ck_ctx *x, const char *rule, const char *what, ck_unit *a, ck_unit *b, struct item *ia,
	size_t na, struct item *ib, size_t nb)
{
	int rc = 0;
	char key[128];
	if (na == nb) {
		for (size_t k = 0; k < na && rc == 0; k++) {
			snprintf(key, sizeof key, "%s/%s", ia[k].key, ib[k].key);
			rc = ck_emit(x, rule, b, a, key, "%s '%.*s' (%s) differs from '%.*s' (%s) in the Russian text", what,
				(int)ib[k].len, ib[k].src, ib[k].key, (int)ia[k].len, ia[k].src, ia[k].key);
		}
		return rc;
	}
	for (size_t k = 0; k < na && rc == 0; k++) {
		snprintf(key, sizeof key, "ru:%s", ia[k].key);
		rc = ck_emit(x, rule, b, a, key, "%s '%.*s' (%s) of the Russian text is missing here", what,
			(int)ia[k].len, ia[k].src, ia[k].key);
	}
	for (size_t k = 0; k < nb && rc == 0; k++) {
		snprintf(key, sizeof key, "zh:%s", ib[k].key);
		rc = ck_emit(x, rule, a, b, key, "%s '%.*s' (%s) of the Chinese text is missing here", what,
			(int)ib[k].len, ib[k].src, ib[k].key);
	}
	return rc;
}

/* Fill item i of unit u (a date or a number). */
typedef void (*fill_fn)(struct item *it, const ck_unit *u, size_t i);

static void fill_date(struct item *it, const ck_unit *u, size_t i)
{
	fmt_ymd(it->key, sizeof it->key, u->dates[i].ymd);
	it->src = u->text + u->dates[i].start;
	it->len = u->dates[i].end - u->dates[i].start;
	it->soft = CK_NUM_EXACT;
	it->pos = u->len ? (double)u->dates[i].start / (double)u->len : 0;
}

static void fill_num(struct item *it, const ck_unit *u, size_t i)
{
	snprintf(it->key, sizeof it->key, "%s", u->nums[i].key);
	it->src = u->text + u->nums[i].start;
	it->len = u->nums[i].end - u->nums[i].start;
	it->soft = u->nums[i].soft;
	it->pos = u->len ? (double)u->nums[i].start / (double)u->len : 0;
}

/* Compare the multisets of na and nb items of a pair; *differ tells whether
 * anything was reported. */
static int compare_items(ck_ctx *x, const char *rule, const char *what, ck_unit *a, size_t na, ck_unit *b,
	size_t nb, fill_fn fill, int *differ)
{
	struct item *ia = malloc((na ? na : 1) * sizeof *ia), *ib = malloc((nb ? nb : 1) * sizeof *ib);
	if (!ia || !ib) {
		free(ia);
		free(ib);
		return px_fail_oom();
	}
	for (size_t i = 0; i < na; i++)
		fill(&ia[i], a, i);
	for (size_t i = 0; i < nb; i++)
		fill(&ib[i], b, i);
	leftovers(ia, &na, ib, &nb);
	settle_soft(ia, &na, ib, &nb);
	*differ = na || nb;
	int rc = report(x, rule, what, a, b, ia, na, ib, nb);
	free(ia);
	free(ib);
	return rc;
}

/* The dates attached to instruments, in order: «… от 7 июня 2002 года» ↔ 2002年6月7日《…》. */
static int compare_instrument_dates(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < a->ndates && !a->dates[i].inst)
			i++;
		while (j < b->ndates && !b->dates[j].inst)
			j++;
		if (i == a->ndates && j == b->ndates)
			return 0;
		if (i < a->ndates && j < b->ndates && a->dates[i].ymd == b->dates[j].ymd) {
			i++;
			j++;
			continue;
		}
		char da[16] = "none", db[16] = "none", key[64];
		if (i < a->ndates)
			fmt_ymd(da, sizeof da, a->dates[i].ymd);
		if (j < b->ndates)
			fmt_ymd(db, sizeof db, b->dates[j].ymd);
		snprintf(key, sizeof key, "%s/%s", da, db);
		if (j < b->ndates)
			return ck_emit(x, "PX064", b, a, key,
				"the instrument dated %s here is dated %s in the Russian text (the date attached to a title differs)",
				db, da);
		return ck_emit(x, "PX064", b, a, key,
			"the instrument dated %s in the Russian text has no dated title here", da);
	}
}

/* The enumeration markers of the two units, in order: 1) ↔ （一）, а) ↔ 1.
 * The first difference is reported (a marker missing shifts the others). */
static int compare_markers(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	size_t k = 0;
	while (k < a->nmarks && k < b->nmarks && a->marks[k].value == b->marks[k].value)
		k++;
	if (k == a->nmarks && k == b->nmarks)
		return 0;
	const ck_mark *ma = k < a->nmarks ? &a->marks[k] : NULL, *mb = k < b->nmarks ? &b->marks[k] : NULL;
	char key[32];
	snprintf(key, sizeof key, "%d/%d", ma ? ma->value : 0, mb ? mb->value : 0);
	if (ma && mb)
		return ck_emit(x, "PX077", b, a, key,
			"enumeration marker '%.*s' (%d) differs from '%.*s' (%d) in the Russian text",
			(int)(mb->end - mb->start), b->text + mb->start, mb->value, (int)(ma->end - ma->start),
			a->text + ma->start, ma->value);
	const ck_unit *has = ma ? a : b;
	const ck_mark *m = ma ? ma : mb;
	return ck_emit(x, "PX077", ma ? b : a, has, key,
		"enumeration marker '%.*s' (%d) of the %s text has no counterpart here", (int)(m->end - m->start),
		has->text + m->start, m->value, ck_lang_name(has->side));
}

/* ---- mentions ------------------------------------------------------------------------ */

static int has_mention(const ck_unit *u, const char *id)
{
	for (size_t i = 0; i < u->nments; i++)
		if (strcmp(u->ments[i].id, id) == 0)
			return 1;
	return 0;
}

/* Is byte offset `off` inside a quoted title («…» / 《…》)? A title names a
 * place by an adjective in Russian (Московской декларации ↔ 莫斯科宣言), so
 * mentions inside titles are left to the comparison of titles. */
static int in_title(const ck_unit *u, size_t off)
{
	const char *open = u->side == CK_RU ? "«" : "《", *close = u->side == CK_RU ? "»" : "》";
	size_t ol = strlen(open), cl = strlen(close);
	int depth = 0;
	for (size_t i = 0; i < off && i < u->len; i++) {
		if (strncmp(u->text + i, open, ol) == 0)
			depth++;
		else if (depth > 0 && strncmp(u->text + i, close, cl) == 0)
			depth--;
	}
	return depth > 0;
}

/* Remember that the mention `id` was reported for the pair (on the Russian
 * unit), so that the term check does not report it again. */
static int note_reported(ck_ctx *x, ck_unit *a, const char *id)
{
	int ok;
	CK_PUSH(&x->arena, a->reported, a->nreported, a->capreported, ok);
	if (!ok)
		return px_fail_oom();
	a->reported[a->nreported++] = id;
	return 0;
}

/* The mentions of `u` of kind `kind` (first occurrences) that `v` does not
 * name, in text order. @return how many (at most `max`). */
static size_t unmatched(const ck_unit *u, const ck_unit *v, int kind, const ck_ment **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < u->nments && n < max; i++) {
		const ck_ment *m = &u->ments[i];
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(u->ments[k].id, m->id) == 0;
		if (seen || m->kind != kind || has_mention(v, m->id))
			continue;
		if (m->kind == PX_ENTRY_PLACE && in_title(u, m->start))
			continue;
		out[n++] = m;
	}
	return n;
}

/* Places, states and organizations, as sets per unit. As many unnamed on
 * each side are paired up in text order and reported once each (Самарканд
 * ↔ 塔什干: one finding, not two). */
static int compare_mentions(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	static const int kinds[] = { PX_ENTRY_PLACE, PX_ENTRY_STATE, PX_ENTRY_ORGANIZATION };
	enum { MAX = 64 };
	int rc = 0;
	for (size_t t = 0; t < sizeof kinds / sizeof *kinds && rc == 0; t++) {
		const ck_ment *ra[MAX], *zb[MAX];
		size_t na = unmatched(a, b, kinds[t], ra, MAX), nb = unmatched(b, a, kinds[t], zb, MAX);
		const char *rule = kinds[t] == PX_ENTRY_ORGANIZATION ? "PX076" : "PX067";
		const char *what = kinds[t] == PX_ENTRY_ORGANIZATION ? "organization" :
			kinds[t] == PX_ENTRY_STATE ? "state" : "place";
		char key[200];
		for (size_t i = 0; i < na && rc == 0; i++)
			rc = note_reported(x, a, ra[i]->id);
		for (size_t i = 0; i < nb && rc == 0; i++)
			rc = note_reported(x, a, zb[i]->id);
		if (na == nb) {
			for (size_t i = 0; i < na && rc == 0; i++) {
				snprintf(key, sizeof key, "%s/%s", ra[i]->id, zb[i]->id);
				rc = ck_emit(x, rule, b, a, key, "%s '%.*s' (%s) differs from '%.*s' (%s) in the Russian text",
					what, (int)(zb[i]->end - zb[i]->start), b->text + zb[i]->start, zb[i]->id,
					(int)(ra[i]->end - ra[i]->start), a->text + ra[i]->start, ra[i]->id);
			}
			continue;
		}
		for (int s = 0; s < 2 && rc == 0; s++) {
			ck_unit *u = s ? b : a, *v = s ? a : b;
			const ck_ment *const *l = s ? zb : ra;
			for (size_t i = 0; i < (s ? nb : na) && rc == 0; i++) {
				snprintf(key, sizeof key, "%s:%s", s ? "zh" : "ru", l[i]->id);
				rc = ck_emit(x, rule, v, u, key, "%s '%.*s' (%s) of the %s text is not named here", what,
					(int)(l[i]->end - l[i]->start), u->text + l[i]->start, l[i]->id, ck_lang_name(s));
			}
		}
	}
	return rc;
}

/* ---- negation and modality --------------------------------------------------------------- */

/* The word at byte `at` of the unit and a little after it, for a message. */
static void words_at(const ck_unit *u, size_t at, char *out, size_t size)
{
	size_t end = at;
	int chars = 0;
	while (end < u->len && chars < (u->side == CK_RU ? 24 : 8)) {
		uint32_t cp;
		end += (size_t)px_utf8_decode(u->text + end, u->len - end, &cp);
		chars++;
	}
	snprintf(out, size, "%.*s%s", (int)(end - at), u->text + at, end < u->len ? "…" : "");
}

/* A negation in one text only (PX078, error); a permission where the other
 * text obliges, or the reverse (PX078, error); a permission the other text
 * does not give (PX078, warning). Obligation without a modal word is the
 * Russian treaty's present tense and is not compared. */
static int compare_modality(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	char wa[128], wb[128];
	if ((a->neg > 0) != (b->neg > 0)) {
		ck_unit *has = a->neg ? a : b, *lacks = a->neg ? b : a;
		words_at(has, has->neg_at, wa, sizeof wa);
		return ck_emit(x, "PX078", lacks, has, "negation",
			"the %s text says '%s' (a negation) here; this unit has none", ck_lang_name(has->side), wa);
	}
	for (int s = 0; s < 2; s++) {
		ck_unit *p = s ? b : a, *q = s ? a : b; /* p permits, q does not */
		if (!p->may || q->may)
			continue;
		words_at(p, p->may_at, wa, sizeof wa);
		if (q->must) {
			words_at(q, q->must_at, wb, sizeof wb);
			return ck_emit(x, "PX078", q, p, "may-must",
				"'%s' obliges where the %s text permits ('%s')", wb, ck_lang_name(p->side), wa);
		}
		return ck_emit_sev(x, "PX078", PX_SEV_WARNING, q, p, "may",
			"the %s text permits ('%s'); this unit states it without 'may'", ck_lang_name(p->side), wa);
	}
	return 0;
}

/* ---- the pair ------------------------------------------------------------------------------ */

/* Does a unit of `side` other than `except` have the date `ymd`? */
static int side_has_date(const ck_ctx *x, int side, const ck_unit *except, int ymd)
{
	for (size_t i = 0; i < x->s[side].n; i++) {
		const ck_unit *u = &x->s[side].u[i];
		for (size_t k = 0; u != except && k < u->ndates; k++)
			if (u->dates[k].ymd == ymd)
				return 1;
	}
	return 0;
}

/* The title may leave out the date of the instrument it amends or
 * implements when the text gives it further on (关于修改《…协定》的议定书 for
 * «Протокол о внесении изменений в Соглашение … от 4 июля 2024 года»):
 * such a date of the Russian title is not compared. Moves the dates the
 * title compares to the front of a->dates and returns their number. */
static size_t title_dates(const ck_ctx *x, ck_unit *a, const ck_unit *b)
{
	if (!a->eid || strncmp(a->eid, "preface", 7) != 0)
		return a->ndates;
	size_t keep = 0;
	for (size_t i = 0; i < a->ndates; i++) {
		int in_b = 0;
		for (size_t k = 0; k < b->ndates; k++)
			in_b |= b->dates[k].ymd == a->dates[i].ymd;
		if (a->dates[i].inst && !in_b && side_has_date(x, 1, b, a->dates[i].ymd))
			continue;
		ck_date t = a->dates[keep];
		a->dates[keep++] = a->dates[i];
		a->dates[i] = t;
	}
	return keep;
}

int ck_compare_pair(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	int differ = 0;
	int rc = compare_markers(x, a, b);
	size_t all_dates = a->ndates;
	a->ndates = title_dates(x, a, b);
	if (rc == 0)
		rc = compare_items(x, "PX063", "date", a, a->ndates, b, b->ndates, fill_date, &differ);
	if (rc == 0 && !differ)
		rc = compare_instrument_dates(x, a, b);
	a->ndates = all_dates;
	if (rc == 0)
		rc = compare_items(x, "PX065", "number", a, a->nnums, b, b->nnums, fill_num, &differ);
	/* fewer titles in the Chinese text: one was dropped (more is not a
	 * finding: Chinese puts every instrument in 《…》, Russian quotes few) */
	if (rc == 0 && a->ntitles > 0 && a->ntitles > b->nquoted) {
		char key[32];
		snprintf(key, sizeof key, "%d/%d", a->ntitles, b->nquoted);
		rc = ck_emit(x, "PX066", b, a, key,
			"the Russian text quotes %d title%s in «…», this text %d in 《…》 or “…”", a->ntitles,
			a->ntitles == 1 ? "" : "s", b->nquoted);
	}
	if (rc == 0)
		rc = compare_modality(x, a, b);
	if (rc == 0)
		rc = compare_mentions(x, a, b);
	return rc;
}
