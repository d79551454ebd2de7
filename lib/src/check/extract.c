/*
 * Features of a text unit for the parity check:
 *
 *   dates    parsed strictly with ICU at every digit (or Chinese numeral)
 *            start: «16 сентября 2022 года», «… 2022 г.», 2022年9月16日,
 *            ２０２２年９月１６日, 二〇二二年九月十六日; a date right after «от»
 *            (ru) or right before 《 (zh) is the date of an instrument;
 *   markers  the enumeration markers that open provisions, at the start of
 *            the unit or after a colon or semicolon in it: 1), а), 1. (ru),
 *            （一）, (1), 1., 一、 (zh) — structure, not numbers;
 *   numbers  digit runs outside dates and markers (full-width digits read
 *            as digits), decimals, ranges with any dash («2021-2025» =
 *            2021—2025), Russian ordinals in words («восемнадцатого»,
 *            «четвёртом»), Chinese 第 + numeral (第十八) and Roman numerals
 *            naming parts of a document («раздела III»), all from 2 up (the
 *            word «первый» is too often not a number: «в первую очередь»);
 *            and, compared with less weight (see check_compare.c), Russian
 *            cardinals in words in any gender and case («в двух
 *            экземплярах», «тридцати дней», «оба», «обеих») and Chinese
 *            numerals before a measure word (一式两份, 三十天, 六个月,
 *            二〇二五年);
 *   mentions of states, places and organizations (the registry);
 *   titles   «…» (ru), 《…》 (zh), and “…” (zh) that is not a definition
 *            (以下简称“…”).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "check/check_int.h"

/* ---- UTF-16 scratch -------------------------------------------------------- */

int32_t ck_to_u16(ck_ctx *x, const char *s, size_t len)
{
	if (len + 1 > x->u16cap) {
		size_t cap = len + 64;
		UChar *u = realloc(x->u16, cap * sizeof *u);
		if (!u)
			return -1;
		x->u16 = u;
		int32_t *m = realloc(x->map, cap * sizeof *m);
		if (!m)
			return -1;
		x->map = m;
		x->u16cap = cap;
	}
	int32_t k = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = px_utf8_decode(s + i, len - i, &cp);
		if (cp > 0xFFFF) {
			x->u16[k] = (UChar)(0xD7C0 + (cp >> 10));
			x->map[k++] = (int32_t)i;
			x->u16[k] = (UChar)(0xDC00 | (cp & 0x3FF));
		} else {
			x->u16[k] = (UChar)cp;
		}
		x->map[k++] = (int32_t)i;
		i += (size_t)n;
	}
	x->map[k] = (int32_t)len;
	x->u16[k] = 0;
	return k;
}

size_t ck_count_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, len - i, &cp);
		if (cp < 0x80 ? ((cp | 0x20) - 'a' < 26 || cp - '0' < 10) : u_isalnum((UChar32)cp))
			n++;
	}
	return n;
}

/* ---- what covers the text ---------------------------------------------------- */

/* Make x->cover as long as the unit's text, all clear. */
static int cover_reset(ck_ctx *x, size_t len)
{
	if (len + 1 > x->covercap) {
		unsigned char *c = realloc(x->cover, len + 1);
		if (!c)
			return px_fail_oom();
		x->cover = c;
		x->covercap = len + 1;
	}
	memset(x->cover, 0, x->covercap);
	return 0;
}

/* Mark the bytes [start, end) of the unit's text with `what`. */
static void cover(ck_ctx *x, size_t start, size_t end, unsigned char what)
{
	for (size_t i = start; i < end && i < x->covercap; i++)
		x->cover[i] |= what;
}

/* ---- Russian ordinals in words ------------------------------------------------ */

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_ord(const void *a, const void *b)
{
	return strcmp(((const struct ck_ordinal *)a)->words, ((const struct ck_ordinal *)b)->words);
}

/* By words, then ordinals before cardinals (a form that is both stays an ordinal). */
static int cmp_ord_kind(const void *a, const void *b)
{
	int c = cmp_ord(a, b);
	return c ? c : ((const struct ck_ordinal *)a)->kind - ((const struct ck_ordinal *)b)->kind;
}

/* Collective forms ICU does not spell out: «оба текста», «обеих Сторон»,
 * «двое». */
static const struct {
	const char *words;
	int value;
} ru_collectives[] = {
	{ "оба", 2 }, { "обе", 2 }, { "обоих", 2 }, { "обеих", 2 }, { "обоим", 2 }, { "обеим", 2 },
	{ "обоими", 2 }, { "обеими", 2 }, { "двое", 2 }, { "двоих", 2 }, { "двоим", 2 }, { "двоими", 2 },
	{ "трое", 3 }, { "троих", 3 }, { "троим", 3 }, { "троими", 3 }, { "четверо", 4 }, { "четверых", 4 },
};

static int add_word(px_checker *c, size_t *cap, const char *u8, int value, int kind)
{
	if (c->nords == *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		struct ck_ordinal *no = realloc(c->ords, *cap * sizeof *no);
		if (!no)
			return px_fail_oom();
		c->ords = no;
	}
	if (!(c->ords[c->nords].words = px_strdup(u8)))
		return px_fail_oom();
	c->ords[c->nords].value = value;
	c->ords[c->nords++].kind = kind;
	int words = 1;
	for (const char *p = u8; *p; p++)
		words += *p == ' ';
	if (words > c->max_ord_words)
		c->max_ord_words = words;
	return 0;
}

/* The next value to spell out after `v` (0 to stop): ordinals 2…199;
 * cardinals 1…199, the hundreds and 1000. */
static int next_value(int kind, int v)
{
	if (v < 199)
		return v + 1;
	if (kind == CK_WORD_ORDINAL)
		return 0;
	return v == 199 ? 200 : v < 1000 ? v + 100 : 0;
}

/* Lower case, with ё read as е: texts write «четвёртом» and «четвертом». */
static UChar ru_fold(UChar ch)
{
	UChar l = (UChar)u_tolower(ch);
	return l == 0x0451 ? 0x0435 : l;
}

int ck_ordinals_init(px_checker *c)
{
	UErrorCode e = U_ZERO_ERROR;
	UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, "ru", NULL, &e);
	if (U_FAILURE(e))
		return px_fail(PX_ERROR, "ICU has no Russian spell-out rules");
	UChar sets[8192];
	int32_t n = unum_getTextAttribute(f, UNUM_PUBLIC_RULESETS, sets, 8192, &e);
	if (U_FAILURE(e) || n >= 8192) {
		unum_close(f);
		return px_fail(PX_ERROR, "cannot list the Russian spell-out rules");
	}
	size_t cap = 0;
	int rc = 0;
	for (int32_t i = 0; i < n && rc == 0;) {
		int32_t j = i;
		while (j < n && sets[j] != ';')
			j++;
		UChar name[128];
		int32_t nl = j - i < 127 ? j - i : 127;
		u_memcpy(name, sets + i, nl);
		name[nl] = 0;
		i = j + 1;
		int kind = u_strncmp(name, u"%spellout-ordinal", 17) == 0 ? CK_WORD_ORDINAL :
			u_strncmp(name, u"%spellout-cardinal", 18) == 0 ? CK_WORD_CARDINAL : -1;
		if (kind < 0)
			continue;
		e = U_ZERO_ERROR;
		unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, name, -1, &e);
		if (U_FAILURE(e))
			continue;
		for (int v = 1; v && rc == 0; v = next_value(kind, v)) {
			UChar out[128];
			e = U_ZERO_ERROR;
			int32_t ol = unum_format(f, v, out, 128, NULL, &e);
			if (U_FAILURE(e) || ol >= 128)
				continue;
			for (int32_t k = 0; k < ol; k++)
				out[k] = ru_fold(out[k]);
			char u8[512];
			int32_t l8 = 0;
			u_strToUTF8(u8, sizeof u8, &l8, out, ol, &e);
			if (U_FAILURE(e))
				continue;
			rc = add_word(c, &cap, u8, v, kind);
		}
	}
	unum_close(f);
	for (size_t i = 0; i < sizeof ru_collectives / sizeof *ru_collectives && rc == 0; i++)
		rc = add_word(c, &cap, ru_collectives[i].words, ru_collectives[i].value, CK_WORD_COLLECTIVE);
	if (rc < 0)
		return rc;
	qsort(c->ords, c->nords, sizeof *c->ords, cmp_ord_kind);
	/* drop duplicates (several rule sets spell some forms the same) */
	size_t k = 0;
	for (size_t i = 0; i < c->nords; i++) {
		if (k && strcmp(c->ords[k - 1].words, c->ords[i].words) == 0) {
			free(c->ords[i].words);
			continue;
		}
		c->ords[k++] = c->ords[i];
	}
	c->nords = k;
	if (!c->nords)
		return px_fail(PX_ERROR, "ICU has no Russian ordinal spell-out rules");
	/* first words, for a quick test of each word of a text */
	c->ord_first = calloc(c->nords, sizeof *c->ord_first);
	if (!c->ord_first)
		return px_fail_oom();
	for (size_t i = 0; i < c->nords; i++) {
		size_t wl = strcspn(c->ords[i].words, " ");
		if (c->nord_first && strlen(c->ord_first[c->nord_first - 1]) == wl &&
			strncmp(c->ord_first[c->nord_first - 1], c->ords[i].words, wl) == 0)
			continue;
		if (!(c->ord_first[c->nord_first] = px_strndup(c->ords[i].words, wl)))
			return px_fail_oom();
		c->nord_first++;
	}
	qsort(c->ord_first, c->nord_first, sizeof *c->ord_first, cmp_cstr);
	for (int zh = 0; zh < 2; zh++) {
		struct ck_ordinal *t = calloc(CK_MAX_NUMERAL, sizeof *t);
		if (!(c->numerals[zh] = t))
			return px_fail_oom();
		for (int v = 1; v <= CK_MAX_NUMERAL; v++) {
			char buf[64];
			if ((zh ? px_hanzi_format(v, buf, sizeof buf) : px_roman_format(v, buf, sizeof buf)) < 0)
				return px_fail(PX_ERROR, "ICU cannot format numeral %d", v);
			if (!(t[v - 1].words = px_strdup(buf)))
				return px_fail_oom();
			t[v - 1].value = v;
		}
		qsort(t, CK_MAX_NUMERAL, sizeof *t, cmp_ord);
	}
	return 0;
}

int ck_numeral(const px_checker *c, int zh, const char *s, size_t len)
{
	char buf[64];
	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, s, len);
	buf[len] = 0;
	if (zh) /* 一百〇五 = 一百零五 (the table has 零, see px_hanzi_format()) */
		for (char *p = strstr(buf, "〇"); p; p = strstr(p, "〇"))
			memcpy(p, "零", 3);
	struct ck_ordinal key = { buf, 0, 0 };
	const struct ck_ordinal *o = bsearch(&key, c->numerals[zh], CK_MAX_NUMERAL, sizeof key, cmp_ord);
	return o ? o->value : 0;
}

static const struct ck_ordinal *find_words(const px_checker *c, const char *words)
{
	struct ck_ordinal key = { (char *)words, 0, 0 };
	return bsearch(&key, c->ords, c->nords, sizeof *c->ords, cmp_ord);
}

/* ---- dates ---------------------------------------------------------------------- */

/* Proleptic Gregorian date of a UDate (milliseconds since 1970, UTC) as yyyymmdd. */
static int ymd_of(UDate d)
{
	long long days = (long long)(d / 86400000.0);
	if ((double)days * 86400000.0 > d)
		days--;
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153, dd = doy - (153 * mp + 2) / 5 + 1;
	long long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + dd);
}

static int is_digit16(UChar ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 0xFF10 && ch <= 0xFF19);
}

static int is_hannum(UChar ch)
{
	return ch == 0x3007 || ch == 0x96F6 || ch == 0x4E00 || ch == 0x4E8C || ch == 0x4E09 || ch == 0x56DB ||
		ch == 0x4E94 || ch == 0x516D || ch == 0x4E03 || ch == 0x516B || ch == 0x4E5D || ch == 0x5341 ||
		ch == 0x767E || ch == 0x5343 || ch == 0x4E24 || ch == 0x4E07; /* … 百 千 两 万 */
}

/* Try the formats at u[i]; on a match store the date and return its end. */
static int32_t try_date(const px_checker *c, UDateFormat *const *fs, int nf, const UChar *u, int32_t ulen,
	int32_t i, int *ymd)
{
	int32_t end = -1;
	pthread_mutex_lock((pthread_mutex_t *)&c->date_lock);
	for (int k = 0; k < nf && end < 0; k++) {
		UErrorCode e = U_ZERO_ERROR;
		int32_t pos = 0;
		UDate d = udat_parse(fs[k], u + i, ulen - i, &pos, &e);
		if (U_SUCCESS(e) && pos > 0) {
			*ymd = ymd_of(d);
			end = i + pos;
		}
	}
	pthread_mutex_unlock((pthread_mutex_t *)&c->date_lock);
	return end;
}

/* «16.09.2022»: one or two digits, a point, one or two digits, a point, four
 * digits (not part of a longer number). */
static int ru_numeric_date_at(const UChar *s, int32_t n, int32_t i)
{
	int32_t j = i, k;
	for (k = 0; j < n && is_digit16(s[j]) && k < 3; k++)
		j++;
	if (k < 1 || k > 2 || j >= n || s[j] != '.')
		return 0;
	for (j++, k = 0; j < n && is_digit16(s[j]) && k < 3; k++)
		j++;
	if (k < 1 || k > 2 || j >= n || s[j] != '.')
		return 0;
	for (j++, k = 0; j < n && is_digit16(s[j]) && k < 5; k++)
		j++;
	return k == 4 && (j == n || !is_digit16(s[j]));
}

/* A Chinese date written with spaces around 年, 月 and 日 (2022 年 9 月 16 日),
 * parsed without them; the end is mapped back into s. */
static int32_t try_zh_spaced(const px_checker *c, const UChar *s, int32_t n, int32_t i, int *ymd)
{
	UChar t[32];
	int32_t at[32], m = 0;
	for (int32_t j = i; j < n && m < 31; j++) {
		if (s[j] == ' ' || s[j] == 0x3000)
			continue;
		if (!is_digit16(s[j]) && s[j] != 0x5E74 && s[j] != 0x6708 && s[j] != 0x65E5) /* 年 月 日 */
			break;
		at[m] = j;
		t[m++] = s[j];
		if (s[j] == 0x65E5)
			break;
	}
	t[m] = 0;
	UDateFormat *f = c->date_zh;
	int32_t end = try_date(c, &f, 1, t, m, 0, ymd);
	return end > 0 ? at[end - 1] + 1 : -1;
}

static int add_date(ck_ctx *x, ck_unit *u, size_t *cap, int ymd, size_t start, size_t end, int inst)
{
	int ok;
	CK_PUSH(&x->arena, u->dates, u->ndates, *cap, ok);
	if (!ok)
		return px_fail_oom();
	ck_date *d = &u->dates[u->ndates++];
	d->ymd = ymd;
	d->start = start;
	d->end = end;
	d->inst = inst;
	cover(x, start, end, CK_COVER_TAKEN);
	return 0;
}

static int ru_preceded_by_ot(const UChar *u, int32_t i)
{
	/* "от " right before, itself after a non-letter */
	return i >= 3 && u[i - 1] == ' ' && u[i - 2] == 0x0442 && (u[i - 3] == 0x043E || u[i - 3] == 0x041E) &&
		(i == 3 || !u_isalpha(u[i - 4]));
}

static int is_dash16(UChar ch);
static int taken(const ck_ctx *x, size_t off);

static int extract_dates(ck_ctx *x, ck_unit *u, const UChar *s, int32_t n)
{
	const px_checker *c = x->c;
	size_t cap = 0;
	for (int32_t i = 0; i < n; i++) {
		int ymd = 0;
		int32_t end = -1;
		if (u->side == CK_RU) {
			/* «d MMMM y»: one or two digits, a space, a letter */
			if (!is_digit16(s[i]) || (i > 0 && is_digit16(s[i - 1])))
				continue;
			int32_t j = i;
			while (j < n && is_digit16(s[j]))
				j++;
			if (ru_numeric_date_at(s, n, i)) {
				UDateFormat *f = c->date_ru_num;
				end = try_date(c, &f, 1, s, n, i, &ymd);
			} else {
				if (j - i > 2 || j + 1 >= n || s[j] != ' ' || !u_isalpha(s[j + 1]))
					continue;
				end = try_date(c, c->date_ru, 2, s, n, i, &ymd);
			}
		} else if (is_digit16(s[i]) && (i == 0 || !is_digit16(s[i - 1]))) {
			int32_t j = i;
			while (j < n && is_digit16(s[j]))
				j++;
			int32_t y = j < n && s[j] == ' ' ? j + 1 : j;
			if (j - i != 4 || y >= n || s[y] != 0x5E74) /* 年 */
				continue;
			UDateFormat *f = c->date_zh;
			end = y == j ? try_date(c, &f, 1, s, n, i, &ymd) : -1;
			if (end < 0)
				end = try_zh_spaced(c, s, n, i, &ymd);
		} else if (is_hannum(s[i]) && (i == 0 || !is_hannum(s[i - 1]))) {
			int32_t j = i;
			while (j < n && is_hannum(s[j]))
				j++;
			if (j - i != 4 || j >= n || s[j] != 0x5E74)
				continue;
			UDateFormat *f = c->date_zh_han;
			end = try_date(c, &f, 1, s, n, i, &ymd);
		} else {
			continue;
		}
		if (end < 0)
			continue;
		int inst;
		if (u->side == CK_RU) {
			inst = ru_preceded_by_ot(s, i);
		} else {
			/* DATE《…》, DATE签署的《…》, DATE通过的《…》 */
			static const UChar *const verbs[] = { u"签署", u"签订", u"通过", u"批准", u"缔结", u"发布", u"颁布",
				u"生效" };
			int32_t k = end;
			while (k < n && (s[k] == ' ' || s[k] == 0x3000))
				k++;
			for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++)
				if (k + 2 <= n && u_memcmp(s + k, verbs[v], 2) == 0) {
					k += 2;
					break;
				}
			if (k < n && s[k] == 0x7684) /* 的 */
				k++;
			inst = k < n && s[k] == 0x300A; /* 《 */
		}
		if (add_date(x, u, &cap, ymd, (size_t)x->map[i], (size_t)x->map[end], inst) < 0)
			return PX_ENOMEM;
		/* a range of days in one month: «29—31 мая 2025 года», «с 29 по 31
		 * мая»; 2025年5月29日至31日, 5月29日—31日: two dates */
		int32_t rs = -1, re = -1, day = 0;
		if (u->side == CK_RU) {
			int32_t k = i;
			if (k >= 2 && is_dash16(s[k - 1]))
				k--;
			else if (k >= 5 && s[k - 1] == ' ' && s[k - 2] == 0x043E && s[k - 3] == 0x043F && s[k - 4] == ' ')
				k -= 4; /* « по » */
			else
				k = -1;
			int32_t d0 = k;
			while (d0 > 0 && k - d0 < 2 && is_digit16(s[d0 - 1]))
				d0--;
			if (k > 0 && d0 < k && (d0 == 0 || !is_digit16(s[d0 - 1]))) {
				for (int32_t q = d0; q < k; q++)
					day = day * 10 + (s[q] - '0');
				rs = d0;
				re = k;
			}
		} else if (end + 1 < n && (is_dash16(s[end]) || s[end] == 0x81F3 || s[end] == 0x5230 || s[end] == 0xFF5E)) {
			int32_t q = end + 1;
			while (q < n && q - end <= 2 && is_digit16(s[q])) {
				UChar ch = s[q++];
				day = day * 10 + (ch >= 0xFF10 ? ch - 0xFF10 : ch - '0');
			}
			if (q > end + 1 && q < n && s[q] == 0x65E5) { /* 日 */
				rs = end + 1;
				re = q + 1;
				end = re;
			} else {
				day = 0;
			}
		}
		if (rs >= 0 && day >= 1 && day <= 31 && !taken(x, (size_t)x->map[rs]) &&
				add_date(x, u, &cap, ymd / 100 * 100 + day, (size_t)x->map[rs], (size_t)x->map[re], inst) < 0)
			return PX_ENOMEM;
		i = end - 1;
	}
	return 0;
}

/* ---- numbers ------------------------------------------------------------------------ */

static int is_dash16(UChar ch)
{
	return ch == '-' || (ch >= 0x2010 && ch <= 0x2015) || ch == 0x2212 || ch == 0xFF0D || ch == 0xFF5E ||
		ch == 0x301C;
}

/* Is byte offset `off` part of a date or of an enumeration marker? */
static int taken(const ck_ctx *x, size_t off)
{
	return off < x->covercap && (x->cover[off] & CK_COVER_TAKEN);
}

static int is_group_sep(UChar ch)
{
	return ch == ' ' || ch == 0x00A0 || ch == 0x202F || ch == 0x2009;
}

/* Read a number at s[i]: digits, thousands groups («2 000», «1 500 000»;
 * in Chinese also 1,500 and １，５００), then a decimal part (Russian "1,5" or
 * "1.5", Chinese 1.5). */
static int32_t read_number(const UChar *s, int32_t n, int32_t i, bool zh, char *key, size_t size)
{
	size_t k = 0;
	int run = 0; /* digits since the start or the last group separator */
	while (i < n) {
		if (is_digit16(s[i])) {
			if (k + 1 < size)
				key[k++] = (char)(s[i] >= 0xFF10 ? s[i] - 0xFF10 + '0' : s[i]);
			run++;
			i++;
		} else if ((is_group_sep(s[i]) || (zh && (s[i] == ',' || s[i] == 0xFF0C))) && run >= 1 && run <= 3 &&
			i + 3 < n && is_digit16(s[i + 1]) &&
			is_digit16(s[i + 2]) && is_digit16(s[i + 3]) && (i + 4 == n || !is_digit16(s[i + 4]))) {
			run = 0;
			i++;
		} else if ((s[i] == '.' || s[i] == 0xFF0E || (!zh && s[i] == ',')) && k > 0 && i + 1 < n &&
			is_digit16(s[i + 1])) {
			if (k + 1 < size)
				key[k++] = '.';
			run = 4; /* no groups after the decimal mark */
			i++;
		} else {
			break;
		}
	}
	key[k] = 0;
	return i;
}

static int add_num_as(ck_ctx *x, ck_unit *u, size_t *cap, const char *key, size_t start, size_t end, int soft)
{
	int ok;
	CK_PUSH(&x->arena, u->nums, u->nnums, *cap, ok);
	if (!ok)
		return px_fail_oom();
	ck_num *m = &u->nums[u->nnums++];
	snprintf(m->key, sizeof m->key, "%s", key);
	m->start = start;
	m->end = end;
	m->soft = soft;
	cover(x, start, end, CK_COVER_NUM);
	return 0;
}

static int add_num(ck_ctx *x, ck_unit *u, size_t *cap, const char *key, size_t start, size_t end)
{
	return add_num_as(x, u, cap, key, start, end, CK_NUM_EXACT);
}

/* A cardinal in words at the UTF-16 units [i, j): "один", "оба" and 一 are
 * weak (often not a count: «одна из Сторон», «оба текста»). */
static int add_cardinal(ck_ctx *x, ck_unit *u, size_t *cap, int v, int collective, int32_t i, int32_t j)
{
	if (v < 1)
		return 0;
	char key[16];
	snprintf(key, sizeof key, "%d", v);
	return add_num_as(x, u, cap, key, (size_t)x->map[i], (size_t)x->map[j],
		v == 1 || collective ? CK_NUM_WEAK : CK_NUM_WORDS);
}

/* Is byte offset `off` part of a number found already? */
static int in_num(const ck_ctx *x, size_t off)
{
	return off < x->covercap && (x->cover[off] & CK_COVER_NUM);
}

/* The numeral (zh 0 Roman, 1 Chinese) of the UTF-16 units [i, j) of the unit's text, or 0. */
static int numeral_at(const ck_ctx *x, const ck_unit *u, int zh, int32_t i, int32_t j)
{
	return ck_numeral(x->c, zh, u->text + x->map[i], (size_t)(x->map[j] - x->map[i]));
}

/* An ordinal value at the UTF-16 units [i, j), kept as a number from 2 up. */
static int add_ordinal(ck_ctx *x, ck_unit *u, size_t *cap, int v, int32_t i, int32_t j)
{
	if (v < 2)
		return 0;
	char key[16];
	snprintf(key, sizeof key, "%d", v);
	return add_num(x, u, cap, key, (size_t)x->map[i], (size_t)x->map[j]);
}

/* Does the UTF-16 text at s[i] hold the lower-case word `w` followed by a
 * space? @return the index after the space, or -1. */
static int32_t word_then_space(const UChar *s, int32_t n, int32_t i, const UChar *w)
{
	int32_t l = u_strlen(w);
	if (i + l >= n || u_memcmp(s + i, w, l) != 0 || s[i + l] != ' ')
		return -1;
	return i + l + 1;
}

/* A Russian range in words around the number at s[i] whose digits end at
 * s[k] (spaces skipped): «с 2021 по 2025», «с 2021 года по 2025», «от 2 до
 * 5». @return where the second number begins, or -1. */
static int32_t ru_range_to(const UChar *s, int32_t n, int32_t i, int32_t k)
{
	const UChar *second;
	if (i >= 2 && s[i - 1] == ' ' && (s[i - 2] == 0x0441 || s[i - 2] == 0x0421) && (i == 2 || !u_isalpha(s[i - 3])))
		second = u"по"; /* с … по */
	else if (ru_preceded_by_ot(s, i))
		second = u"до"; /* от … до */
	else
		return -1;
	int32_t p = word_then_space(s, n, k, u"года");
	if (p < 0)
		p = word_then_space(s, n, k, u"г.");
	if (p < 0)
		p = k;
	p = word_then_space(s, n, p, second);
	return p >= 0 && p < n && is_digit16(s[p]) ? p : -1;
}

static int extract_digits(ck_ctx *x, ck_unit *u, size_t *cap, const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		if (!is_digit16(s[i]) || (i > 0 && is_digit16(s[i - 1])) || taken(x, (size_t)x->map[i]))
			continue;
		char a[20], b[20], key[40];
		int32_t j = read_number(s, n, i, u->side == CK_ZH, a, sizeof a);
		int32_t k = j;
		while (k < n && s[k] == ' ')
			k++;
		/* a range: NUMBER [年] DASH NUMBER (or 至, 到); «с NUMBER [года] по
		 * NUMBER», «от NUMBER до NUMBER» */
		int32_t dash = k;
		if (u->side == CK_ZH && dash < n && s[dash] == 0x5E74 && dash + 1 < n &&
				(is_dash16(s[dash + 1]) || s[dash + 1] == 0x81F3 || s[dash + 1] == 0x5230))
			dash++;
		int32_t to = u->side == CK_RU ? ru_range_to(s, n, i, k) : -1;
		if (to >= 0 || (dash < n && (is_dash16(s[dash]) || (u->side == CK_ZH && (s[dash] == 0x81F3 ||
				s[dash] == 0x5230))))) {
			int32_t m = to >= 0 ? to : dash + 1;
			while (m < n && s[m] == ' ')
				m++;
			if (m < n && is_digit16(s[m]) && !taken(x, (size_t)x->map[m])) {
				j = read_number(s, n, m, u->side == CK_ZH, b, sizeof b);
				snprintf(key, sizeof key, "%s-%s", a, b);
				if (add_num(x, u, cap, key, (size_t)x->map[i], (size_t)x->map[j]) < 0)
					return PX_ENOMEM;
				i = j - 1;
				continue;
			}
		}
		if (add_num(x, u, cap, a, (size_t)x->map[i], (size_t)x->map[j]) < 0)
			return PX_ENOMEM;
		i = j - 1;
	}
	return 0;
}

/* The longest number in words (up to max_ord_words words separated by
 * single spaces) that starts at the word at s[i]; its end in `*end`. */
static const struct ck_ordinal *words_at(const px_checker *c, const UChar *s, int32_t n, int32_t i, int32_t *end)
{
	int32_t ws[8], we[8];
	int nw = 0;
	int32_t p = i;
	while (nw < c->max_ord_words && nw < 8 && p < n && u_isalpha(s[p])) {
		ws[nw] = p;
		while (p < n && u_isalpha(s[p]))
			p++;
		we[nw++] = p;
		if (p < n && s[p] == ' ')
			p++;
		else
			break;
	}
	*end = nw ? we[0] : i + 1;
	if (!nw)
		return NULL;
	char first[128];
	size_t fl = 0;
	for (int32_t q = ws[0]; q < we[0] && fl + 4 < sizeof first; q++)
		fl += (size_t)px_utf8_encode(ru_fold(s[q]), first + fl);
	first[fl] = 0;
	const char *fk = first;
	if (!bsearch(&fk, c->ord_first, c->nord_first, sizeof *c->ord_first, cmp_cstr))
		return NULL; /* not a numeral: none starts here */
	for (int k = nw; k >= 1; k--) {
		char buf[256];
		size_t bl = 0;
		for (int32_t q = ws[0]; q < we[k - 1] && bl + 4 < sizeof buf; q++)
			bl += (size_t)px_utf8_encode(ru_fold(s[q]), buf + bl);
		buf[bl] = 0;
		const struct ck_ordinal *o = find_words(c, buf);
		if (o) {
			*end = we[k - 1];
			return o;
		}
	}
	return NULL;
}

/* A number below 1000 in words at s[i]: the longest spelling in the
 * table, a hundred from 200 up joined to the tens and units after it
 * («двести двадцать два», «трехсот пятого»). @return its value (0 when
 * none), its kind in `*kind` and its end in `*end`. */
static int group_at(const px_checker *c, const UChar *s, int32_t n, int32_t i, int *kind, int32_t *end)
{
	const struct ck_ordinal *o = words_at(c, s, n, i, end);
	if (!o)
		return 0;
	int v = o->value;
	*kind = o->kind;
	if (*kind == CK_WORD_CARDINAL && v >= 200 && v < 1000 && *end + 1 < n && s[*end] == ' ') {
		int32_t e2;
		const struct ck_ordinal *t = words_at(c, s, n, *end + 1, &e2);
		if (t && t->value < 100 && t->kind != CK_WORD_COLLECTIVE) {
			v += t->value;
			*kind = t->kind;
			*end = e2;
		}
	}
	return v;
}

/* The word at s[i], lower-cased (ё as е), as UTF-8 into w (cut to its
 * size); @return the index after the word. */
static int32_t folded_word(const UChar *s, int32_t n, int32_t i, char *w, size_t size)
{
	size_t wl = 0;
	int32_t j = i;
	while (j < n && u_isalpha(s[j]) && wl + 4 < size)
		wl += (size_t)px_utf8_encode(ru_fold(s[j++]), w + wl);
	w[wl] = 0;
	return j;
}

/* «тысяча» or «миллион» in any case at s[i]: its factor, and its end. */
static int scale_at(const UChar *s, int32_t n, int32_t i, int32_t *end)
{
	static const char *const thousand[] = { "тысяча", "тысячи", "тысяч", "тысяче", "тысячу", "тысячей", "тысячью",
		"тысячам", "тысячами", "тысячах", NULL };
	static const char *const million[] = { "миллион", "миллиона", "миллионов", "миллиону", "миллионом",
		"миллионе", "миллионам", "миллионами", "миллионах", NULL };
	char w[64];
	int32_t j = folded_word(s, n, i, w, sizeof w);
	if (j < n && u_isalpha(s[j]))
		return 0;
	*end = j;
	for (int k = 0; thousand[k]; k++)
		if (strcmp(w, thousand[k]) == 0)
			return 1000;
	for (int k = 0; million[k]; k++)
		if (strcmp(w, million[k]) == 0)
			return 1000000;
	return 0;
}

/* A Russian compound of a number and a unit of time, the number in the
 * genitive: «пятилетний» (5), «тридцатидневный» (30), «двухмесячного» (2).
 * @return the number, or 0; the word's end in `*end`. */
static int ru_compound_at(const px_checker *c, const UChar *s, int32_t n, int32_t i, int32_t *end)
{
	static const char *const units[] = { "летн", "месячн", "дневн", "недельн", "часов", "годичн" };
	char w[128];
	int32_t j = folded_word(s, n, i, w, sizeof w);
	*end = j;
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
		const char *at = strstr(w, units[k]);
		if (!at || at == w)
			continue;
		char prefix[128];
		snprintf(prefix, sizeof prefix, "%.*s", (int)(at - w), w);
		const struct ck_ordinal *o = find_words(c, prefix);
		if (o && o->kind == CK_WORD_CARDINAL && o->value > 1)
			return o->value;
	}
	return 0;
}

/* Does the word at s[i] (or the one before s[i], `before`) name a part of
 * a text: «части», «пункта», «абзаце», «статьи», «главы», «раздела»? */
static int ru_part_word(const UChar *s, int32_t n, int32_t i, int before)
{
	static const UChar *const stems[] = { u"част", u"пункт", u"подпункт", u"абзац", u"стать", u"глав", u"раздел" };
	int32_t a = i, b;
	if (before) {
		if (a < 2 || s[a - 1] != ' ')
			return 0;
		b = a - 1;
		a = b;
		while (a > 0 && u_isalpha(s[a - 1]))
			a--;
	} else {
		b = a;
		while (b < n && u_isalpha(s[b]))
			b++;
	}
	for (size_t k = 0; k < sizeof stems / sizeof stems[0]; k++) {
		int32_t l = u_strlen(stems[k]);
		if (b - a < l)
			continue;
		int same = 1;
		for (int32_t q = 0; q < l && same; q++)
			same = ru_fold(s[a + q]) == stems[k][q];
		if (same)
			return 1;
	}
	return 0;
}

/* Russian numbers in words outside dates and markers: ordinals from 2
 * and cardinals, the longest spelling at each word; thousands and millions
 * multiply the number before them and add the one after («две тысячи
 * двадцать два» = 2022, «трех миллионов» = 3000000). */
static int extract_ru_words(ck_ctx *x, ck_unit *u, size_t *cap, const UChar *s, int32_t n)
{
	const px_checker *c = x->c;
	for (int32_t i = 0; i < n;) {
		if (!u_isalpha(s[i]) || (i > 0 && u_isalpha(s[i - 1])) || taken(x, (size_t)x->map[i])) {
			i++;
			continue;
		}
		int32_t end;
		int kind = 0;
		int v = group_at(c, s, n, i, &kind, &end);
		if (!v) {
			int32_t e;
			int cv = ru_compound_at(c, s, n, i, &e);
			if (cv && add_cardinal(x, u, cap, cv, 0, i, e) < 0)
				return PX_ENOMEM;
			i = cv ? e : end;
			continue;
		}
		int32_t e2, e3;
		int scale = kind == CK_WORD_CARDINAL && v < 1000 && end + 1 < n && s[end] == ' ' ?
			scale_at(s, n, end + 1, &e2) : 0;
		if (scale) {
			long total = (long)v * scale;
			end = e2;
			int k2 = 0;
			int rest = end + 1 < n && s[end] == ' ' ? group_at(c, s, n, end + 1, &k2, &e3) : 0;
			if (rest && k2 != CK_WORD_COLLECTIVE) {
				total += rest;
				kind = k2;
				end = e3;
			}
			v = total > 2000000000 ? 0 : (int)total;
		}
		int rc;
		if (kind == CK_WORD_ORDINAL && v == 1 && (ru_part_word(s, n, i, 1) ||
				(end + 1 < n && s[end] == ' ' && ru_part_word(s, n, end + 1, 0)))) {
			/* «части первой», «в первом абзаце»: as exact as 第一款, «пункт 1» */
			rc = add_num(x, u, cap, "1", (size_t)x->map[i], (size_t)x->map[end]);
		} else {
			rc = kind == CK_WORD_ORDINAL ? add_ordinal(x, u, cap, v, i, end) :
				add_cardinal(x, u, cap, v, kind == CK_WORD_COLLECTIVE, i, end);
		}
		if (rc < 0)
			return PX_ENOMEM;
		i = end;
	}
	return 0;
}

/* Does a Chinese ordinal name a part of a text (第八条, 第一款, 第二章)? */
static int is_part_word(UChar ch)
{
	static const UChar m[] = u"条款项章节段点部编";
	return ch && u_strchr(m, ch) != NULL;
}

/* Chinese ordinals: 第 + a Chinese numeral (第十八). A part of a text is
 * numbered exactly, 1 included, as the Russian text numbers it in digits
 * (第一款 = «пункт 1»); 第八条之一 is article 8.1. */
static int extract_zh_ordinals(ck_ctx *x, ck_unit *u, size_t *cap, const UChar *s, int32_t n)
{
	for (int32_t i = 0; i + 1 < n; i++) {
		if (s[i] != 0x7B2C || !is_hannum(s[i + 1])) /* 第 */
			continue;
		int32_t j = i + 1;
		while (j < n && is_hannum(s[j]))
			j++;
		int v = numeral_at(x, u, 1, i + 1, j);
		int rc;
		if (v > 0 && j < n && is_part_word(s[j])) {
			char key[32];
			int32_t e = j + 1;
			int sub = 0;
			if (e + 1 < n && s[e] == 0x4E4B && is_hannum(s[e + 1])) { /* 之一 */
				int32_t k = e + 1;
				while (k < n && is_hannum(s[k]))
					k++;
				if ((sub = numeral_at(x, u, 1, e + 1, k)) > 0)
					e = k;
			}
			if (sub)
				snprintf(key, sizeof key, "%d.%d", v, sub);
			else
				snprintf(key, sizeof key, "%d", v);
			rc = add_num(x, u, cap, key, (size_t)x->map[i], (size_t)x->map[e]);
			j = e;
		} else {
			rc = add_ordinal(x, u, cap, v, i, j);
		}
		if (rc < 0)
			return PX_ENOMEM;
		i = j - 1;
	}
	return 0;
}

/* Measure words that make a Chinese numeral a count: 一式两份, 三十天,
 * 六个月, 两国, 五年, 十二项. Not 方 (双方, 一方面) nor 道 (一道 "together"). */
static int is_measure(UChar ch)
{
	static const UChar m[] = u"份个项名年次种国位条款章节天日周届类人倍家轮期";
	return ch && u_strchr(m, ch) != NULL;
}

/* The value of a run of Chinese numerals: 两 read as 二; a run of digits
 * with 〇 or 零 (二〇二五) digit by digit; else the written form of a number
 * (十二, 一百零五). */
static int zh_run_value(const ck_ctx *x, const ck_unit *u, const UChar *s, int32_t i, int32_t j)
{
	static const UChar digits[] = u"〇一二三四五六七八九";
	int positional = 1, zero = 0;
	for (int32_t k = i; k < j; k++) {
		if (s[k] == 0x5341 || s[k] == 0x767E || s[k] == 0x5343 || s[k] == 0x4E07) /* 十 百 千 万 */
			positional = 0;
		if (s[k] == 0x3007 || s[k] == 0x96F6)
			zero = 1;
	}
	if (positional && zero && j - i <= 6) {
		int v = 0;
		for (int32_t k = i; k < j; k++) {
			UChar ch = s[k] == 0x96F6 ? 0x3007 : s[k] == 0x4E24 ? 0x4E8C : s[k];
			const UChar *d = u_strchr(digits, ch);
			if (!d)
				return 0;
			v = v * 10 + (int)(d - digits);
		}
		return v;
	}
	/* 两 stands for 二 at the start: 两, 两百, 两千, 两万 */
	char buf[64] = "";
	size_t bl = 0, from = (size_t)x->map[i], to = (size_t)x->map[j];
	if (s[i] == 0x4E24) {
		strcpy(buf, "二");
		bl = strlen(buf);
		from = (size_t)x->map[i + 1];
	}
	if (to - from + bl >= sizeof buf)
		return 0;
	memcpy(buf + bl, u->text + from, to - from);
	bl += to - from;
	int v = ck_numeral(x->c, 1, buf, bl);
	/* above the table (一万, 两万五千): ICU's strict reading */
	return v ? v : px_hanzi_parse(buf, bl);
}

/* Chinese cardinals: a run of numerals (not after 第, outside dates and
 * markers) right before a measure word, or before 小时; and percentages in
 * words, 百分之五十 = 50 %, as exact as digits. */
static int extract_zh_cardinals(ck_ctx *x, ck_unit *u, size_t *cap, const UChar *s, int32_t n)
{
	for (int32_t i = 0; i + 3 < n; i++) {
		if (s[i] != 0x767E || s[i + 1] != 0x5206 || s[i + 2] != 0x4E4B || !is_hannum(s[i + 3])) /* 百分之 */
			continue;
		int32_t j = i + 3;
		while (j < n && is_hannum(s[j]))
			j++;
		int v = zh_run_value(x, u, s, i + 3, j);
		char key[16];
		snprintf(key, sizeof key, "%d", v);
		if (v > 0 && add_num_as(x, u, cap, key, (size_t)x->map[i], (size_t)x->map[j], CK_NUM_EXACT) < 0)
			return PX_ENOMEM;
		i = j - 1;
	}
	for (int32_t i = 0; i < n; i++) {
		if (!is_hannum(s[i]) || (i > 0 && (is_hannum(s[i - 1]) || s[i - 1] == 0x7B2C)))
			continue;
		int32_t j = i;
		while (j < n && is_hannum(s[j]))
			j++;
		int counted = j < n && (is_measure(s[j]) || (s[j] == 0x5C0F && j + 1 < n && s[j + 1] == 0x65F6));
		if (counted && !taken(x, (size_t)x->map[i]) && !in_num(x, (size_t)x->map[i]) &&
				add_cardinal(x, u, cap, zh_run_value(x, u, s, i, j), 0, i, j) < 0)
			return PX_ENOMEM;
		i = j - 1;
	}
	return 0;
}

/* Roman numerals naming parts of a document: «раздел II», «главы IV», in
 * either text. A numeral is a whole word of the capitals I, V and X (parts
 * are not numbered beyond XXXIX; CD, MIX and DC are acronyms), not joined to
 * other Latin letters, digits or hyphens (XV-XX, IV2), that reads strictly as
 * ICU's Roman numeral (IIII and iv are not numerals). */
static int is_ascii_alnum(UChar ch)
{
	return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

static int is_roman_letter(UChar ch)
{
	return ch == 'I' || ch == 'V' || ch == 'X';
}

static int extract_roman(ck_ctx *x, ck_unit *u, size_t *cap, const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		if (!is_ascii_alnum(s[i]))
			continue;
		int32_t j = i;
		while (j < n && is_ascii_alnum(s[j]))
			j++;
		int32_t k = i;
		while (k < j && is_roman_letter(s[k]))
			k++;
		int joined = (i > 0 && (s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == '.')) ||
			(j + 1 < n && s[j] == '-' && is_ascii_alnum(s[j + 1]));
		if (k == j && !joined && add_ordinal(x, u, cap, numeral_at(x, u, 0, i, j), i, j) < 0)
			return PX_ENOMEM;
		i = j - 1;
	}
	return 0;
}

/* ---- enumeration markers ----------------------------------------------------------- */

/* The value of a Russian letter marker: а) = 1, б) = 2 … in the alphabet
 * without the letters not used for enumeration (ё, й, ъ, ы, ь); 0 if none. */
static int ru_letter_value(UChar ch)
{
	static const UChar letters[] = u"абвгдежзиклмнопрстуфхцчшщэюя";
	for (int k = 0; letters[k]; k++)
		if (letters[k] == ch)
			return k + 1;
	return 0;
}

/*
 * An enumeration marker at s[i]; its value in *value and its end, or -1:
 *   ru   1)  1.  а)  (1)  (а)    followed by a space or the end;
 *   zh   （一） (一)  （1）  1.  1．  1、  一、  not followed by a digit (1.5).
 * A letter is never closed by «.» (г. Москва) and a Chinese numeral only by a
 * bracket or 、.
 */
static int32_t read_marker(ck_ctx *x, const ck_unit *u, const UChar *s, int32_t n, int32_t i, int *value)
{
	int open = i < n && (s[i] == '(' || s[i] == 0xFF08);
	i += open;
	int32_t start = i;
	int v = 0, kind = 0; /* 1 digits, 2 Chinese numeral, 3 letter */
	if (i < n && is_digit16(s[i])) {
		for (; i < n && is_digit16(s[i]) && i - start < 3; i++)
			v = v * 10 + (s[i] >= 0xFF10 ? s[i] - 0xFF10 : s[i] - '0');
		kind = i < n && is_digit16(s[i]) ? 0 : 1; /* more than three digits: a number */
	} else if (u->side == CK_ZH && i < n && is_hannum(s[i])) {
		while (i < n && is_hannum(s[i]))
			i++;
		v = numeral_at(x, u, 1, start, i);
		kind = 2;
	} else if (u->side == CK_RU && i < n && (v = ru_letter_value(s[i])) > 0) {
		i++;
		kind = 3;
	}
	if (!kind || v <= 0 || i >= n)
		return -1;
	UChar close = s[i++];
	int bracket = close == ')' || close == 0xFF09;
	int point = close == '.' || close == 0xFF0E;
	int comma = close == 0x3001 && u->side == CK_ZH; /* 、 */
	if (open ? !bracket : !(bracket || (point && kind == 1) || (comma && kind != 3)))
		return -1;
	if (u->side == CK_RU ? i < n && s[i] != ' ' : i < n && is_digit16(s[i]))
		return -1;
	*value = v;
	return i;
}

/* A provision opens at the start of the unit, or after a colon or a
 * semicolon (and a space) in it: «…: 1) …; 2) …», «…：（一）……；（二）……». */
static int opens_provision(const UChar *s, int32_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i == 0 || s[i - 1] == ':' || s[i - 1] == ';' || s[i - 1] == 0xFF1A || s[i - 1] == 0xFF1B;
}

static int extract_markers(ck_ctx *x, ck_unit *u, const UChar *s, int32_t n)
{
	size_t cap = 0;
	u->marks = NULL;
	u->nmarks = 0;
	for (int32_t i = 0; i < n; i++) {
		int v = 0;
		int32_t end;
		if ((i > 0 && s[i - 1] != ' ' && u->side == CK_RU) || !opens_provision(s, i) ||
			(end = read_marker(x, u, s, n, i, &v)) < 0)
			continue;
		int ok;
		CK_PUSH(&x->arena, u->marks, u->nmarks, cap, ok);
		if (!ok)
			return px_fail_oom();
		ck_mark *m = &u->marks[u->nmarks++];
		m->value = v;
		m->start = (size_t)x->map[i];
		m->end = (size_t)x->map[end];
		cover(x, m->start, m->end, CK_COVER_TAKEN);
		i = end - 1;
	}
	return 0;
}

/* ---- titles -------------------------------------------------------------------------- */

/* Does UTF-16 `w` occur in s[from, to)? */
static int has16(const UChar *s, int32_t from, int32_t to, const UChar *w)
{
	int32_t l = u_strlen(w);
	for (int32_t k = from < 0 ? 0 : from; k + l <= to; k++)
		if (u_memcmp(s + k, w, l) == 0)
			return 1;
	return 0;
}

/* Is the «…» opening at s[i] a title? Not one word in quotes («Интернет»,
 * «Стороны») nor a short name being defined («далее — «Соглашение»»,
 * «именуемые в дальнейшем «Стороны»»). */
static int ru_title_at(const UChar *s, int32_t n, int32_t i)
{
	int32_t j = i + 1, depth = 1, space = 0;
	for (; j < n && depth; j++) {
		if (s[j] == 0x00AB)
			depth++;
		else if (s[j] == 0x00BB)
			depth--;
		else if (s[j] == ' ')
			space = 1;
	}
	if (!space)
		return 0;
	return !has16(s, i - 40, i, u"далее") && !has16(s, i - 40, i, u"именуем");
}

static void count_titles(ck_unit *u, const UChar *s, int32_t n)
{
	int depth = 0;
	for (int32_t i = 0; i < n; i++) {
		if (u->side == CK_RU) {
			if (s[i] == 0x00AB && depth++ == 0 && ru_title_at(s, n, i))
				u->ntitles++;
			else if (s[i] == 0x00BB && depth > 0)
				depth--;
		} else {
			if (s[i] == 0x300A && depth++ == 0)
				u->ntitles++;
			else if (s[i] == 0x300B && depth > 0)
				depth--;
			else if (s[i] == 0x201C && depth == 0) {
				/* 以下简称“…” / 称为“…” define a short name: not a title */
				int def = (i >= 1 && s[i - 1] == 0x79F0) || (i >= 2 && s[i - 1] == 0x4E3A && s[i - 2] == 0x79F0);
				if (!def)
					u->nquoted++;
			}
		}
	}
	u->nquoted += u->ntitles;
}

/* ---- negation and modality ------------------------------------------------------------- */

/* Does the lower-cased word w (UTF-16, folded) begin with one of the
 * prefixes? */
static int word_in(const UChar *w, int32_t wl, const UChar *const *list, int exact)
{
	for (size_t i = 0; list[i]; i++) {
		int32_t l = u_strlen(list[i]);
		if ((exact ? wl == l : wl >= l) && u_memcmp(w, list[i], l) == 0)
			return 1;
	}
	return 0;
}

/* Is a word beginning «ин» (иное, ином, иного, иначе) within four words
 * before s[i] or after s[j]? */
static int near_inoe(const UChar *s, int32_t n, int32_t i, int32_t j)
{
	static const UChar *const forms[] = { u"иное", u"ином", u"иного", u"иначе", u"иному", u"иным", NULL };
	for (int dir = -1; dir <= 1; dir += 2) {
		int32_t p = dir < 0 ? i - 1 : j;
		for (int words = 0; words < 4; words++) {
			while (p >= 0 && p < n && !u_isalpha(s[p]))
				p += dir;
			if (p < 0 || p >= n)
				break;
			int32_t a = p, b = p;
			while (a > 0 && u_isalpha(s[a - 1]))
				a--;
			while (b < n && u_isalpha(s[b]))
				b++;
			UChar w[16];
			int32_t wl = 0;
			for (int32_t q = a; q < b && wl < 15; q++)
				w[wl++] = ru_fold(s[q]);
			if (word_in(w, wl, forms, 1))
				return 1;
			p = dir < 0 ? a - 1 : b;
		}
	}
	return 0;
}

/* Russian: «не», «ни», «нет» (not «не позднее», «не менее», «не более»,
 * «не реже», «не только», «не ранее»: limits and «not only», which Chinese
 * says without a negation, 至少, 不迟于 …; nor «unless»: «не» within four
 * words of «иное», «ином», «иного», «иначе», Chinese 除非, 另有, 另行, 除……外); permission «может», «могут»,
 * «вправе», «имеют право»; obligation «обязуется», «обязаны», «должны»,
 * «следует». The present tense of a Russian treaty («Стороны создают») is
 * no modality: Chinese often says 应 there. */
static void modality_ru(ck_unit *u, const int32_t *map, const UChar *s, int32_t n)
{
	static const UChar *const neg[] = { u"не", u"ни", u"нет", NULL };
	static const UChar *const limits[] = { u"позднее", u"позже", u"ранее", u"менее", u"более", u"реже", u"чаще",
		u"только", u"превыша", u"свыше", u"меньше", u"больше", u"так", NULL };
	static const UChar *const may[] = { u"может", u"могут", u"мог", u"вправе", NULL };
	static const UChar *const must[] = { u"обязу", u"обязан", u"должн", u"следует", NULL };
	UChar w[32], next[32];
	for (int32_t i = 0; i < n;) {
		if (!u_isalpha(s[i]) || (i > 0 && u_isalpha(s[i - 1]))) {
			i++;
			continue;
		}
		int32_t j = i, wl = 0;
		while (j < n && u_isalpha(s[j])) {
			if (wl < 31)
				w[wl++] = ru_fold(s[j]);
			j++;
		}
		int32_t k = j, nl = 0;
		while (k < n && s[k] == ' ')
			k++;
		while (k < n && u_isalpha(s[k]) && nl < 31)
			next[nl++] = ru_fold(s[k++]);
		if (word_in(w, wl, neg, 1) && !(wl == 2 && w[1] == 0x0435 && word_in(next, nl, limits, 0)) &&
			!near_inoe(s, n, i, j)) {
			if (!u->neg++)
				u->neg_at = (size_t)map[i];
		} else if (word_in(w, wl, may, 0) || (wl == 5 && u_memcmp(w, u"имеют", 5) == 0 && nl >= 5 &&
				u_memcmp(next, u"право", 5) == 0) || (wl == 4 && u_memcmp(w, u"имеет", 4) == 0 && nl >= 5 &&
				u_memcmp(next, u"право", 5) == 0)) {
			if (!u->may++)
				u->may_at = (size_t)map[i];
		} else if (word_in(w, wl, must, 0)) {
			if (!u->must++)
				u->must_at = (size_t)map[i];
		}
		i = j;
	}
}

/* Chinese: 不 未 无 非 没有 勿 禁止 (not in words where they negate nothing:
 * 不断, 不仅, 不同, 未来, 无论, 核证无误, 非洲 …, nor in the limits 不少于,
 * 不迟于, 不超过; 非 only in 并非, 绝非, 非经; 无 only in 无权, 无法, 无须, 无效 …),
 * and «unless» (除非, 另有, 除外: «если … не … иное»); permission 可, 可以, 有权 (not 可持续, 认可, 许可, 不可分割 …);
 * obligation 应, 应当, 须, 必须, 承诺 (not 应用, 相应, 供应 …). */
static void modality_zh(ck_unit *u, const int32_t *map, const UChar *s, int32_t n)
{
	static const UChar *const not_neg[] = { u"不断", u"不仅", u"不同", u"不少于", u"不迟于", u"不超过", u"不低于",
		u"不晚于", u"不多于", u"不久", u"不时", u"不可分割", u"不论", u"不只", u"不但", u"不定期", u"未来",
		u"无论", u"无误", u"无偿", u"非洲", u"非政府", u"非法", u"非正式", u"非常", u"不管", u"不受", NULL };
	static const UChar *const not_may[] = { u"可持续", u"可靠", u"可能", u"可行", u"可比", u"可视", u"可控",
		u"可及", u"可再生", u"可信", u"可用", u"可预", u"可负担", u"可扩展", u"可替代", u"可追溯", u"可操作",
		u"可兑换", u"可观", u"可喜", u"可贵", u"可互操作", u"可验证", u"可衡量", NULL };
	static const UChar *const not_must[] = { u"应用", u"应对", u"应急", u"应邀", NULL };
	for (int32_t i = 0; i < n; i++) {
		UChar c = s[i];
		int32_t rest = n - i;
		int skip = 0;
		for (size_t k = 0; !skip && not_neg[k]; k++) {
			int32_t l = u_strlen(not_neg[k]);
			skip = l <= rest && u_memcmp(s + i, not_neg[k], l) == 0 ? l : 0;
		}
		if (skip) {
			i += skip - 1;
			continue;
		}
		UChar prev = i > 0 ? s[i - 1] : 0;
		/* «unless» is not compared as a negation (see modality_ru()):
		 * 除非……, 另有约定, 另行商定, 除……外 */
		if ((c == 0x9664 && i + 1 < n && (s[i + 1] == 0x975E || s[i + 1] == 0x5916)) ||
			(c == 0x53E6 && i + 1 < n && (s[i + 1] == 0x6709 || s[i + 1] == 0x884C))) {
			i++;
			continue;
		}
		/* 非 makes words (非歧视, 非营利, 非传统): a negation of the sentence
		 * only in 并非, 绝非 and 非经 (without …) */
		if (c == 0x975E && !(prev == 0x5E76 || prev == 0x7EDD || (i + 1 < n && s[i + 1] == 0x7ECF)))
			continue;
		/* 无 makes words too (无限期, 无条件, 无偿): a negation only before 权 法
		 * 需 须 意 从 力 效 (无权, 无法, 无须, 无效 …) */
		if (c == 0x65E0 && !(i + 1 < n && (s[i + 1] == 0x6743 || s[i + 1] == 0x6CD5 || s[i + 1] == 0x9700 ||
			s[i + 1] == 0x987B || s[i + 1] == 0x610F || s[i + 1] == 0x4ECE || s[i + 1] == 0x529B || s[i + 1] == 0x6548)))
			continue;
		if (c == 0x4E0D || c == 0x672A || c == 0x65E0 || c == 0x975E || c == 0x52FF ||
			(c == 0x6CA1 && i + 1 < n && s[i + 1] == 0x6709) || (c == 0x7981 && i + 1 < n && s[i + 1] == 0x6B62)) {
			if (c == 0x4E0D && i + 1 < n && s[i + 1] == 0x53EF && i + 2 < n && s[i + 2] == 0x5206)
				continue; /* 不可分割 */
			if (!u->neg++)
				u->neg_at = (size_t)map[i];
			continue;
		}
		if (c == 0x53EF) { /* 可 */
			/* 认可 许可 不可; 可获得性, 可及性: a quality, not a permission */
			int no = prev == 0x8BA4 || prev == 0x8BB8 || prev == 0x4E0D || (i + 2 < n && s[i + 2] == 0x6027) ||
				(i + 3 < n && s[i + 3] == 0x6027);
			for (size_t k = 0; !no && not_may[k]; k++) {
				int32_t l = u_strlen(not_may[k]);
				no = l <= rest && u_memcmp(s + i, not_may[k], l) == 0;
			}
			if (!no && !u->may++)
				u->may_at = (size_t)map[i];
			continue;
		}
		if (c == 0x6709 && i + 1 < n && s[i + 1] == 0x6743) { /* 有权 */
			if (!u->may++)
				u->may_at = (size_t)map[i];
			continue;
		}
		if (c == 0x5E94 || c == 0x987B || (c == 0x627F && i + 1 < n && s[i + 1] == 0x8BFA)) { /* 应 须 承诺 */
			int no = c == 0x5E94 && (prev == 0x76F8 || prev == 0x4F9B || prev == 0x9002 || prev == 0x54CD ||
				prev == 0x53CD || prev == 0x5BF9); /* 相应 供应 适应 响应 反应 对应 */
			for (size_t k = 0; !no && not_must[k]; k++) {
				int32_t l = u_strlen(not_must[k]);
				no = l <= rest && u_memcmp(s + i, not_must[k], l) == 0;
			}
			if (!no && !u->must++)
				u->must_at = (size_t)map[i];
		}
	}
}

/* ---- all features ------------------------------------------------------------------------ */

int ck_extract(ck_ctx *x, ck_unit *u)
{
	u->nchars = ck_count_chars(u->text, u->len);
	int32_t n = ck_to_u16(x, u->text, u->len);
	if (n < 0)
		return px_fail_oom();
	const UChar *s = x->u16;
	int rc = cover_reset(x, u->len);
	if (rc == 0)
		rc = extract_markers(x, u, s, n);
	if (rc == 0)
		rc = extract_dates(x, u, s, n);
	size_t cap = 0;
	if (rc == 0)
		rc = extract_digits(x, u, &cap, s, n);
	if (rc == 0)
		rc = u->side == CK_RU ? extract_ru_words(x, u, &cap, s, n) : extract_zh_ordinals(x, u, &cap, s, n);
	if (rc == 0 && u->side == CK_ZH)
		rc = extract_zh_cardinals(x, u, &cap, s, n);
	if (rc == 0)
		rc = extract_roman(x, u, &cap, s, n);
	if (rc < 0)
		return rc;
	count_titles(u, s, n);
	if (u->side == CK_RU)
		modality_ru(u, x->map, s, n);
	else
		modality_zh(u, x->map, s, n);
	for (int32_t i = 0; i < n; i++)
		if (u_isalnum(s[i]) && !(x->cover[x->map[i]] & (CK_COVER_TAKEN | CK_COVER_NUM)))
			u->nplain++;
	px_mention *m = NULL;
	size_t nm = 0;
	rc = px_registry_find_mentions(x->c->reg, u->text, u->len, u->side == CK_RU ? PX_LANG_RU : PX_LANG_ZH, &m, &nm);
	if (rc < 0)
		return rc;
	if (nm) {
		u->ments = ck_alloc(&x->arena, nm * sizeof *u->ments);
		if (!u->ments) {
			free(m);
			return px_fail_oom();
		}
		for (size_t i = 0; i < nm; i++) {
			u->ments[i].id = m[i].id;
			u->ments[i].kind = (int)m[i].kind;
			u->ments[i].start = m[i].start;
			u->ments[i].end = m[i].end;
		}
		u->nments = nm;
	}
	free(m);
	return 0;
}
