/*
 * Nothing hidden: characters a reader does not see, or sees as others, in
 * a unit's text. Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C), zero-width and other invisible format characters
 * (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD, U+180E, U+034F) are
 * reported where they stand (PX056) and removed before the texts are
 * compared, so that they can neither hide a difference (a negation behind
 * U+202E) nor make one (U+200B inside «16»). A Latin letter that looks like
 * a Cyrillic one inside a Russian word (а е о р с у х, А В Е К М Н О Р С Т Х),
 * and a Latin O or a digit 0 among Chinese numerals (二O二二), are reported
 * (PX057) and read as the letter they imitate. Excerpts show every such
 * character as ⟨U+XXXX⟩.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "check/check_int.h"

/* An invisible character: 2 for a bidi control, 1 for another format or
 * zero-width character, 0 for any other. */
static int invisible(uint32_t cp)
{
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
		cp == 0x061C)
		return 2;
	if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x00AD ||
		cp == 0x180E || cp == 0x034F)
		return 1;
	return 0;
}

/* The Cyrillic letter a Latin one imitates, or 0. */
static uint32_t cyrillic_twin(uint32_t cp)
{
	static const char lat[] = "aceopxyABCEHKMOPTX";
	static const uint32_t cyr[] = { 0x0430, 0x0441, 0x0435, 0x043E, 0x0440, 0x0445, 0x0443, 0x0410, 0x0412,
		0x0421, 0x0415, 0x041D, 0x041A, 0x041C, 0x041E, 0x0420, 0x0422, 0x0425 };
	const char *p = cp < 0x80 && cp ? strchr(lat, (int)cp) : NULL;
	return p ? cyr[p - lat] : 0;
}

static bool is_cyrillic(uint32_t cp)
{
	UErrorCode e = U_ZERO_ERROR;
	return uscript_getScript((UChar32)cp, &e) == USCRIPT_CYRILLIC;
}

static bool is_hanzi_numeral(uint32_t cp)
{
	static const uint32_t n[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
		0x5341, 0x96F6 };
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
		if (cp == n[i])
			return true;
	return false;
}

/* The code point before byte offset `i` of s (0 at the start). */
static uint32_t cp_before(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	size_t k = i - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	uint32_t cp = 0;
	px_utf8_decode(s + k, i - k, &cp);
	return cp;
}

/* The excerpt around byte offsets [a, b) of s: up to 12 characters either
 * side, every hidden character as ⟨U+XXXX⟩. */
static void excerpt(px_buf *o, const char *s, size_t len, size_t a, size_t b)
{
	size_t from = a, to = b;
	for (int n = 0; n < 12 && from > 0; n++)
		do
			from--;
		while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80);
	for (int n = 0; n < 12 && to < len; n++) {
		uint32_t cp;
		to += (size_t)px_utf8_decode(s + to, len - to, &cp);
	}
	if (from > 0)
		px_buf_puts(o, "…");
	for (size_t i = from; i < to;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, to - i, &cp);
		if (invisible(cp) || (i >= a && i < b && cp < 0x80 && cp > ' '))
			px_buf_printf(o, "⟨U+%04X⟩", (unsigned)cp);
		else
			px_buf_put(o, s + i, (size_t)k);
		i += (size_t)k;
	}
	if (to < len)
		px_buf_puts(o, "…");
}

static int report(ck_ctx *x, ck_unit *u, const char *rule, px_severity sev, size_t at, size_t end, const char *what)
{
	px_buf ex = PX_BUF_INIT;
	excerpt(&ex, u->text, u->len, at, end);
	size_t chars = px_utf8_count(u->text, at);
	char key[64];
	snprintf(key, sizeof key, "%s@%zu", what, chars);
	int rc = ck_emit_sev(x, rule, sev, u, u->peer, key, "%s at character %zu of this unit: '%s'", what, chars + 1,
		ex.ptr ? ex.ptr : "");
	px_buf_dispose(&ex);
	return rc;
}

int ck_hidden(ck_ctx *x, ck_unit *u)
{
	bool any = false;
	for (size_t i = 0; i < u->len && !any;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(u->text + i, u->len - i, &cp);
		any = invisible(cp) || (cp < 0x80 && (u->side == CK_RU ? cyrillic_twin(cp) : cp == 'O' || cp == 'o' || cp == '0'));
	}
	if (!any)
		return 0;
	px_buf clean = PX_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < u->len && rc == 0;) {
		uint32_t cp;
		int k = px_utf8_decode(u->text + i, u->len - i, &cp);
		int inv = invisible(cp);
		if (inv) {
			char what[64];
			snprintf(what, sizeof what, "%s U+%04X", inv == 2 ? "bidi control" : "invisible character", (unsigned)cp);
			/* a run of them is one finding */
			size_t j = i + (size_t)k;
			for (;;) {
				uint32_t c2;
				int k2 = j < u->len ? px_utf8_decode(u->text + j, u->len - j, &c2) : 0;
				if (!k2 || !invisible(c2))
					break;
				j += (size_t)k2;
			}
			rc = report(x, u, "PX056", inv == 2 ? PX_SEV_ERROR : PX_SEV_WARNING, i, j, what);
			i = j;
			continue;
		}
		uint32_t twin = 0;
		if (u->side == CK_RU && (twin = cyrillic_twin(cp))) {
			/* inside a Cyrillic word: a Cyrillic letter before or after */
			uint32_t next = 0;
			if (i + (size_t)k < u->len)
				px_utf8_decode(u->text + i + k, u->len - i - (size_t)k, &next);
			if (!is_cyrillic(cp_before(u->text, i)) && !is_cyrillic(next))
				twin = 0;
		} else if (u->side == CK_ZH && (cp == 'O' || cp == 'o' || cp == '0')) {
			uint32_t next = 0;
			if (i + (size_t)k < u->len)
				px_utf8_decode(u->text + i + k, u->len - i - (size_t)k, &next);
			uint32_t prev = cp_before(u->text, i);
			if ((is_hanzi_numeral(prev) && (is_hanzi_numeral(next) || next == 0x5E74)) ||
				(is_hanzi_numeral(next) && is_hanzi_numeral(prev)))
				twin = 0x3007; /* 〇 */
		}
		if (twin) {
			char what[96];
			snprintf(what, sizeof what, "Latin '%c' among %s letters", (char)cp,
				u->side == CK_RU ? "Cyrillic" : "Chinese numeral");
			rc = report(x, u, "PX057", PX_SEV_WARNING, i, i + (size_t)k, what);
			char enc[8];
			int n = px_utf8_encode(twin, enc);
			rc |= px_buf_put(&clean, enc, (size_t)n) < 0 ? px_fail_oom() : 0;
		} else if (px_buf_put(&clean, u->text + i, (size_t)k) < 0) {
			rc = px_fail_oom();
		}
		i += (size_t)k;
	}
	if (rc == 0) {
		char *t = ck_strndup(&x->arena, clean.ptr ? clean.ptr : "", clean.size);
		if (!t)
			rc = px_fail_oom();
		else {
			u->text = t;
			u->len = clean.size;
		}
	}
	px_buf_dispose(&clean);
	return rc;
}
