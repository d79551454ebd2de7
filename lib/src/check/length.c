/*
 * Omissions and additions inside aligned units.
 *
 * The length model is estimated from the document pair itself: over the
 * aligned pairs with enough text, r = log(zh letters / ru letters); the model
 * is the median of r (mu) and its robust scale, 1.4826 × the median absolute
 * deviation (sigma). A Chinese text is about a third as long as the Russian
 * in characters, but the exact figure depends on the translator; a fixed
 * ratio would cry wolf on one pair and miss omissions in another.
 *
 * A pair is flagged (PX069) when its log-ratio deviates from mu by more than
 * K_MAD · sigma and by more than MIN_DEV (a factor of about 1.6), and it is
 * not tiny. Inside units with more than one sentence on either side, a banded
 * Gale–Church alignment of the sentences (ICU sentence breaks, filtered after
 * Russian abbreviations) finds a sentence without counterpart (PX070), which
 * is reported instead, as it tells the reviewer what is missing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "check/check_int.h"

#define K_MAD 4.0
#define MIN_DEV 0.5
#define MIN_DEV_FORMULA 0.75 /* a factor of about 2.1, for final clauses */
#define MIN_ZH_CHARS 12.0   /* ignore pairs smaller than this (expected Chinese letters) */
#define MIN_SENT_ZH 8.0     /* a missing sentence must be at least this long */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int usable(const ck_unit *a, const ck_unit *b)
{
	return a->nchars >= 15 && b->nchars >= 5 && a->kind != CK_HEADING && a->kind != CK_SIGNATURE;
}

int ck_length_model(ck_ctx *x)
{
	size_t cap = x->npairs ? x->npairs : x->s[CK_RU].n;
	double *v = malloc((cap + 1) * sizeof *v);
	if (!v)
		return px_fail_oom();
	size_t n = 0;
	if (x->npairs) {
		for (size_t i = 0; i < x->npairs; i++)
			if (usable(x->pairs[i].a, x->pairs[i].b))
				v[n++] = log((double)x->pairs[i].b->nchars / (double)x->pairs[i].a->nchars);
	} else {
		/* before alignment: the units whose eIds match at the same place */
		size_t j = 0;
		for (size_t i = 0; i < x->s[CK_RU].n; i++) {
			const ck_unit *a = &x->s[CK_RU].u[i];
			for (size_t k = j; k < x->s[CK_ZH].n && k < j + 4; k++) {
				const ck_unit *b = &x->s[CK_ZH].u[k];
				if (strcmp(a->eid, b->eid) == 0 && a->kind == b->kind) {
					if (usable(a, b))
						v[n++] = log((double)b->nchars / (double)a->nchars);
					j = k + 1;
					break;
				}
			}
		}
	}
	if (n < 5) {
		/* too little text to estimate: a typical ratio and a wide scale */
		x->mu = log(0.33);
		x->sigma = 0.25;
	} else {
		x->mu = median(v, n);
		for (size_t i = 0; i < n; i++)
			v[i] = fabs(v[i] - x->mu);
		x->sigma = 1.4826 * median(v, n);
		if (x->sigma < 0.10)
			x->sigma = 0.10;
	}
	free(v);
	return 0;
}

/* ---- sentences --------------------------------------------------------------------- */

struct sent {
	size_t start, end; /* byte offsets in the unit's text */
	double len;        /* letters and digits */
};

/* Does the Russian text before `end` (UTF-16 index) end with an abbreviation? */
static int ru_abbrev_before(const UChar *s, int32_t end)
{
	static const char *const abbr[] = { "г", "гг", "т.п", "т.д", "т.е", "др", "пр", "ст", "п", "пп", "см",
		"им", "с", "тыс", "млн", "млрд", "руб", "в", "вв", "ч", "гл", "р", "т", "н" };
	int32_t e = end;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e == 0 || s[e - 1] != '.')
		return 0;
	e--;
	int32_t b = e;
	while (b > 0 && (u_isalpha(s[b - 1]) || (s[b - 1] == '.' && b > 1 && u_isalpha(s[b - 2]))))
		b--;
	if (b == e || e - b > 6)
		return 0;
	char word[32];
	size_t wl = 0;
	for (int32_t i = b; i < e && wl + 4 < sizeof word; i++)
		wl += (size_t)px_utf8_encode((uint32_t)u_tolower(s[i]), word + wl);
	word[wl] = 0;
	for (size_t k = 0; k < sizeof abbr / sizeof abbr[0]; k++)
		if (strcmp(word, abbr[k]) == 0)
			return 1;
	return 0;
}

static int split_sentences(ck_ctx *x, const ck_unit *u, struct sent *out, int max)
{
	int32_t n = ck_to_u16(x, u->text, u->len);
	if (n < 0)
		return -1;
	UBreakIterator *bi = x->brk[u->side];
	UErrorCode e = U_ZERO_ERROR;
	ubrk_setText(bi, x->u16, n, &e);
	if (U_FAILURE(e))
		return -1;
	int k = 0;
	int32_t start = 0;
	for (int32_t p = ubrk_following(bi, 0); p != UBRK_DONE && k < max; p = ubrk_next(bi)) {
		if (p < n && u->side == CK_RU && ru_abbrev_before(x->u16, p))
			continue;
		out[k].start = (size_t)x->map[start];
		out[k].end = (size_t)x->map[p];
		out[k].len = (double)ck_count_chars(u->text + out[k].start, out[k].end - out[k].start);
		if (out[k].len > 0)
			k++;
		start = p;
	}
	ubrk_setText(bi, NULL, 0, &e);
	return k;
}

/* ---- Gale–Church on sentences ------------------------------------------------------------ */

static double len_cost(const ck_ctx *x, double la, double lb)
{
	double sigma = x->sigma > 0.12 ? x->sigma : 0.12;
	double d = log((lb + 3) / (la * exp(x->mu) + 3)) / sigma;
	return d * d / 2;
}

#define GC_SKIP 4.5
#define GC_21 2.3

/* Align the sentences; return the index of a sentence without counterpart
 * (side in *side), or -1. */
static int gale_church(const ck_ctx *x, const struct sent *sa, int na, const struct sent *sb, int nb, int *side)
{
	double D[33][33];
	unsigned char M[33][33];
	for (int i = 0; i <= na; i++)
		for (int j = 0; j <= nb; j++) {
			double best = i == 0 && j == 0 ? 0 : 1e300;
			unsigned char mv = 0;
			if (i && j && D[i - 1][j - 1] + len_cost(x, sa[i - 1].len, sb[j - 1].len) < best) {
				best = D[i - 1][j - 1] + len_cost(x, sa[i - 1].len, sb[j - 1].len);
				mv = 1;
			}
			if (i && D[i - 1][j] + GC_SKIP < best) {
				best = D[i - 1][j] + GC_SKIP;
				mv = 2;
			}
			if (j && D[i][j - 1] + GC_SKIP < best) {
				best = D[i][j - 1] + GC_SKIP;
				mv = 3;
			}
			if (i > 1 && j && D[i - 2][j - 1] + GC_21 + len_cost(x, sa[i - 1].len + sa[i - 2].len, sb[j - 1].len) < best) {
				best = D[i - 2][j - 1] + GC_21 + len_cost(x, sa[i - 1].len + sa[i - 2].len, sb[j - 1].len);
				mv = 4;
			}
			if (i && j > 1 && D[i - 1][j - 2] + GC_21 + len_cost(x, sa[i - 1].len, sb[j - 1].len + sb[j - 2].len) < best) {
				best = D[i - 1][j - 2] + GC_21 + len_cost(x, sa[i - 1].len, sb[j - 1].len + sb[j - 2].len);
				mv = 5;
			}
			D[i][j] = best;
			M[i][j] = mv;
		}
	int found = -1;
	double found_len = 0;
	for (int i = na, j = nb; i > 0 || j > 0;) {
		switch (M[i][j]) {
		case 1: i--; j--; break;
		case 2:
			i--;
			if (sa[i].len * exp(x->mu) >= MIN_SENT_ZH && sa[i].len * exp(x->mu) > found_len) {
				found = i;
				found_len = sa[i].len * exp(x->mu);
				*side = CK_RU;
			}
			break;
		case 3:
			j--;
			if (sb[j].len >= MIN_SENT_ZH && sb[j].len > found_len) {
				found = j;
				found_len = sb[j].len;
				*side = CK_ZH;
			}
			break;
		case 4: i -= 2; j--; break;
		case 5: i--; j -= 2; break;
		default: i = j = 0; break;
		}
	}
	return found;
}

/* ---- omissions ------------------------------------------------------------------------------ */

static int check_pair(ck_ctx *x, ck_unit *a, ck_unit *b)
{
	struct sent sa[32], sb[32];
	double la = (double)a->nchars, lb = (double)b->nchars, expb = la * exp(x->mu);
	if ((expb > lb ? expb : lb) < MIN_ZH_CHARS)
		return 0;
	/* a line of place and date («Душанбе, 5 июля 2025 года» / 2025年7月5日于杜尚别):
	 * too little text besides the date to judge a length by */
	if (a->nplain < 15 || b->nplain < 5)
		return 0;
	double dev = log((lb + 4) / (expb + 4));
	/* final clauses are formulas each language words its own way (本协定于
	 * ……签订，正本一份…… names the instrument and says more than
	 * «Совершено в …»): their length says less, and the formulas themselves
	 * are checked as terms (PX080) */
	bool formula = a->region >= 0 && (size_t)a->region < x->nregions &&
		strcmp(x->regions[a->region].key, "conclusions") == 0;
	int flagged = fabs(dev) > K_MAD * x->sigma && fabs(dev) > (formula ? MIN_DEV_FORMULA : MIN_DEV);
	int na = split_sentences(x, a, sa, 32), nb = split_sentences(x, b, sb, 32);
	if (na < 0 || nb < 0)
		return px_fail(PX_ERROR, "sentence breaks failed");
	if ((na > 1 || nb > 1) && na < 32 && nb < 32) {
		int side = 0, k = gale_church(x, sa, na, sb, nb, &side);
		if (k >= 0) {
			const ck_unit *has = side == CK_RU ? a : b, *lacks = side == CK_RU ? b : a;
			const struct sent *s = side == CK_RU ? &sa[k] : &sb[k];
			ck_unit *owner = side == CK_RU ? a : b;
			owner->cut_start = s->start;
			owner->cut_end = s->end;
			px_buf_clear(&x->tmp);
			ck_excerpt(&x->tmp, has->text + s->start, s->end - s->start, 60);
			char *ex = px_strdup(x->tmp.ptr ? x->tmp.ptr : "");
			if (!ex)
				return px_fail_oom();
			int rc = ck_emit(x, "PX070", lacks, has, ex,
				"the %s text has a sentence without counterpart here: '%s'", ck_lang_name(side), ex);
			free(ex);
			return rc;
		}
	}
	if (!flagged)
		return 0;
	ck_unit *shorter = dev < 0 ? b : a, *longer = dev < 0 ? a : b;
	shorter->shortened = 1;
	double expected = dev < 0 ? expb : lb / exp(x->mu);
	return ck_emit(x, "PX069", shorter, longer, dev < 0 ? "zh-short" : "ru-short",
		"this text is %.1f times shorter than the %s text predicts: %zu letters where about %.0f are expected; "
		"part of it may be missing",
		exp(fabs(dev)), ck_lang_name(longer->side), shorter->nchars, expected);
}

int ck_omissions(ck_ctx *x)
{
	int rc = 0;
	for (size_t i = 0; i < x->npairs && rc == 0; i++) {
		ck_unit *a = x->pairs[i].a, *b = x->pairs[i].b;
		if (a->kind == CK_SIGNATURE || a->untranslated || b->untranslated)
			continue; /* untranslated text is reported as such (PX068) */
		rc = check_pair(x, a, b);
	}
	return rc;
}
