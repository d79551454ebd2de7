/*
 * Text helpers: UTF-8 decoding and validation, white space, and the two
 * numbering systems of the profile (Roman for Russian sections, Chinese
 * numerals for Chinese sections), both through ICU's rule-based formatters
 * and parsed strictly: the whole string must parse and format back to itself.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "core/core.h"

int px_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int n;
	uint32_t v, min;
	if ((c & 0xE0) == 0xC0) { n = 2; v = c & 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { n = 3; v = c & 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { n = 4; v = c & 0x07; min = 0x10000; }
	else { *cp = 0xFFFD; return 1; }
	if ((size_t)n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

int px_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
	if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool px_utf8_valid(const char *s, size_t len, int *line, int *col)
{
	int ln = 1, cl = 1;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\n') { ln++; cl = 1; } else cl++;
			i++;
			continue;
		}
		int n = px_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF &&
				(unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBD)) {
			if (line) *line = ln;
			if (col) *col = cl;
			return false;
		}
		i += (size_t)n;
		cl++;
	}
	return true;
}

size_t px_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

bool px_is_space(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
	case 0xFEFF: case 0x2028: case 0x2029:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200A;
	}
}

int px_collapse_space(const char *s, size_t len, px_buf *out)
{
	bool pending = false, any = false;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = px_utf8_decode(s + i, len - i, &cp);
		if (px_is_space(cp)) {
			pending = any;
		} else {
			if (pending && px_buf_put(out, " ", 1) < 0)
				return PX_ENOMEM;
			pending = false;
			any = true;
			if (px_buf_put(out, s + i, (size_t)n) < 0)
				return PX_ENOMEM;
		}
		i += (size_t)n;
	}
	return 0;
}

char *px_strdup(const char *s)
{
	return s ? px_strndup(s, strlen(s)) : NULL;
}

char *px_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- numbering through ICU ---------------------------------------------- */

/* Formatters are created once and shared: unum_format and unum_parse do not
 * modify the formatter, so concurrent use from several threads is safe. */
static UNumberFormat *roman_fmt, *hanzi_fmt;
static pthread_once_t numfmt_once = PTHREAD_ONCE_INIT;

static void numfmt_init(void)
{
	UErrorCode e = U_ZERO_ERROR;
	roman_fmt = unum_open(UNUM_NUMBERING_SYSTEM, NULL, 0, "ru@numbers=roman", NULL, &e);
	if (U_FAILURE(e))
		roman_fmt = NULL;
	e = U_ZERO_ERROR;
	hanzi_fmt = unum_open(UNUM_SPELLOUT, NULL, 0, "zh", NULL, &e);
	if (U_FAILURE(e))
		hanzi_fmt = NULL;
}

static int fmt_int(UNumberFormat *f, int n, char *out, size_t size)
{
	UChar u[64];
	UErrorCode e = U_ZERO_ERROR;
	int32_t ulen = unum_format(f, n, u, 64, NULL, &e);
	if (U_FAILURE(e))
		return -1;
	int32_t olen = 0;
	u_strToUTF8(out, (int32_t)size, &olen, u, ulen, &e);
	if (U_FAILURE(e) || (size_t)olen >= size)
		return -1;
	return 0;
}

/* Parse strictly: all of s, and formatting the value gives s again. */
static int parse_strict(UNumberFormat *f, const char *s, size_t len)
{
	if (!f || len == 0 || len > 60)
		return 0;
	UChar u[64];
	int32_t ulen = 0;
	UErrorCode e = U_ZERO_ERROR;
	u_strFromUTF8(u, 64, &ulen, s, (int32_t)len, &e);
	if (U_FAILURE(e))
		return 0;
	int32_t pos = 0;
	int32_t v = unum_parse(f, u, ulen, &pos, &e);
	if (U_FAILURE(e) || pos != ulen || v <= 0)
		return 0;
	char back[64];
	if (fmt_int(f, v, back, sizeof back) < 0)
		return 0;
	if (strlen(back) != len || memcmp(back, s, len) != 0)
		return 0;
	return v;
}

/* The value of s read additively (IV = 4), or 0 when s has another letter. */
static int roman_value(const char *s, size_t len)
{
	static const char letters[] = "IVXLCDM";
	static const int values[] = { 1, 5, 10, 50, 100, 500, 1000 };
	int v = 0;
	for (size_t i = 0; i < len && len <= 16; i++) {
		const char *a = s[i] ? strchr(letters, s[i]) : NULL;
		if (!a)
			return 0;
		int x = values[a - letters];
		const char *b = i + 1 < len && s[i + 1] ? strchr(letters, s[i + 1]) : NULL;
		v += b && values[b - letters] > x ? -x : x;
	}
	return v;
}

int px_roman_parse(const char *s, size_t len)
{
	pthread_once(&numfmt_once, numfmt_init);
	/* the rule-based parse is slow (tens of microseconds): a numeral in the
	 * form px_roman_format() writes has the value it was written from
	 * (formatting and strict parsing are inverse over 1..3999) */
	int v = roman_value(s, len);
	char back[32];
	if (v > 0 && v <= 3999 && px_roman_format(v, back, sizeof back) == 0 && strlen(back) == len &&
		memcmp(back, s, len) == 0)
		return v;
	return parse_strict(roman_fmt, s, len);
}

int px_roman_format(int n, char *out, size_t size)
{
	pthread_once(&numfmt_once, numfmt_init);
	if (!roman_fmt || n <= 0 || n > 3999)
		return -1;
	return fmt_int(roman_fmt, n, out, size);
}

/* The value of a Chinese numeral read positionally (二十一 = 21), or 0 when
 * s holds another character. */
static int hanzi_value(const char *s, size_t len)
{
	static const char *const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	long total = 0, section = 0, num = 0;
	size_t i = 0;
	while (i < len) {
		int d = -1, unit = 0;
		size_t k = 0;
		for (int j = 0; j < 10 && d < 0; j++) {
			k = strlen(digits[j]);
			if (i + k <= len && memcmp(s + i, digits[j], k) == 0)
				d = j;
		}
		if (d < 0) {
			k = 3; /* every unit character is three bytes in UTF-8 */
			if (i + k > len)
				return 0;
			if (memcmp(s + i, "〇", k) == 0) d = 0;
			else if (memcmp(s + i, "两", k) == 0) d = 2;
			else if (memcmp(s + i, "十", k) == 0) unit = 10;
			else if (memcmp(s + i, "百", k) == 0) unit = 100;
			else if (memcmp(s + i, "千", k) == 0) unit = 1000;
			else if (memcmp(s + i, "万", k) == 0) unit = 10000;
			else return 0;
		}
		if (d >= 0) {
			num = d;
		} else if (unit == 10000) {
			total += (section + num) * 10000;
			section = num = 0;
		} else {
			section += (num ? num : 1) * unit;
			num = 0;
		}
		i += k;
		if (total > 100000000)
			return 0;
	}
	return (int)(total + section + num);
}

/* Replace every `from` by `to` (both three bytes in UTF-8) in s[0..len). */
static void swap_zero(char *s, size_t len, const char *from, const char *to)
{
	for (char *p = s; (size_t)(p - s) + 3 <= len; p++)
		if (memcmp(p, from, 3) == 0)
			memcpy(p, to, 3);
}

/* A zero inside a Chinese numeral is written 零 (一百零一), as in legal
 * texts; ICU writes 〇 (一百〇一). Both are read; 零 is written. */
int px_hanzi_parse(const char *s, size_t len)
{
	pthread_once(&numfmt_once, numfmt_init);
	char norm[64];
	if (len == 0 || len >= sizeof norm)
		return 0;
	memcpy(norm, s, len);
	swap_zero(norm, len, "〇", "零");
	/* fast path, as for Roman numerals: the canonical form of its own value */
	int v = hanzi_value(norm, len);
	char back[64];
	if (v > 0 && px_hanzi_format(v, back, sizeof back) == 0 && strlen(back) == len && memcmp(back, norm, len) == 0)
		return v;
	swap_zero(norm, len, "零", "〇");
	return parse_strict(hanzi_fmt, norm, len);
}

int px_hanzi_format(int n, char *out, size_t size)
{
	pthread_once(&numfmt_once, numfmt_init);
	if (!hanzi_fmt || n <= 0)
		return -1;
	int rc = fmt_int(hanzi_fmt, n, out, size);
	if (rc == 0)
		swap_zero(out, strlen(out), "〇", "零");
	return rc;
}
