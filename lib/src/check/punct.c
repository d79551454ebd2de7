/*
 * Checks of one unit on its own: untranslated text (Cyrillic in the Chinese
 * text, Han in the Russian, by ICU's script property; Common and Inherited
 * characters such as digits, 。 and — are neutral), unbalanced brackets and
 * quotes, ASCII punctuation in Chinese prose, doubled spaces; and the end
 * punctuation of list items (";" / "；", the last item "." / "。").
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uscript.h>

#include "check/check_int.h"

static int untranslated(ck_ctx *x, ck_unit *u)
{
	UScriptCode foreign = u->side == CK_RU ? USCRIPT_HAN : USCRIPT_CYRILLIC;
	size_t start = 0, end = 0;
	int in_run = 0;
	for (size_t i = 0; i < u->len;) {
		uint32_t cp;
		int n = px_utf8_decode(u->text + i, u->len - i, &cp);
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = cp < 0x80 ? USCRIPT_COMMON : uscript_getScript((UChar32)cp, &e);
		if (sc == foreign) {
			if (!in_run)
				start = i;
			in_run = 1;
			end = i + (size_t)n;
		} else if (in_run && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) {
			break; /* the first run is enough to act on */
		}
		i += (size_t)n;
	}
	if (!in_run)
		return 0;
	u->untranslated = 1;
	px_buf_clear(&x->tmp);
	ck_excerpt(&x->tmp, u->text + start, end - start, 40);
	char *run = px_strdup(x->tmp.ptr ? x->tmp.ptr : "");
	if (!run)
		return px_fail_oom();
	int rc = ck_emit(x, "PX068", u, u->peer, run, "untranslated %s text here: '%s'",
		u->side == CK_RU ? "Chinese" : "Russian", run);
	free(run);
	return rc;
}

static int is_quote(uint32_t cp)
{
	return cp == 0x00AB || cp == 0x201E || cp == 0x201C;
}

/* Bracket and quote pairs; in Russian „ is closed by “. Enumeration markers
 * (the «)» of «1)» or «а)») are not brackets. A quotation may run over
 * several units (the new text of an article in an amending protocol: «Статья
 * 8.1 / … / ….»): quotes left open at the end of a unit stay open into the
 * next units of the text (x->qcarry), and are reported where they opened
 * when the text ends without closing them (ck_check_side_end()). */
static int balance(ck_ctx *x, const ck_unit *u)
{
	static const uint32_t pairs[][2] = { { '(', ')' }, { '[', ']' }, { 0xFF08, 0xFF09 }, { 0x00AB, 0x00BB },
		{ 0x300A, 0x300B }, { 0x3008, 0x3009 }, { 0x3010, 0x3011 }, { 0x201E, 0x201C }, { 0x201C, 0x201D } };
	uint32_t stack[64];
	int depth = 0;
	uint32_t bad = 0;
	for (int k = 0; k < x->nqcarry; k++)
		stack[depth++] = x->qcarry[k];
	int carried = depth;
	size_t mk = 0; /* the next marker */
	for (size_t i = 0; i < u->len && !bad;) {
		if (mk < u->nmarks && i >= u->marks[mk].start) {
			i = u->marks[mk++].end;
			continue;
		}
		uint32_t cp;
		i += (size_t)px_utf8_decode(u->text + i, u->len - i, &cp);
		if (cp < 0x80 ? (cp != '(' && cp != ')' && cp != '[' && cp != ']') : (cp < 0xAB || (cp > 0xBB && cp < 0x201C)))
			continue; /* not a bracket or a quote */
		/* a closing quote first: “ closes „ (ru) */
		int done = 0;
		for (size_t k = 0; k < sizeof pairs / sizeof pairs[0] && !done; k++)
			if (cp == pairs[k][1] && depth > 0 && stack[depth - 1] == pairs[k][0]) {
				depth--;
				done = 1;
			}
		for (size_t k = 0; k < sizeof pairs / sizeof pairs[0] && !done; k++) {
			if (cp == pairs[k][0]) {
				if (depth == 64)
					bad = cp;
				else
					stack[depth++] = cp;
				done = 1;
			} else if (cp == pairs[k][1] && cp != 0x201C) {
				bad = cp; /* a closing one without its opening one */
				done = 1;
			}
		}
	}
	if (!bad && depth > 0) {
		int quotes = depth <= (int)(sizeof x->qcarry / sizeof x->qcarry[0]);
		for (int k = 0; k < depth && quotes; k++)
			quotes = is_quote(stack[k]);
		if (quotes) {
			/* open into the next unit */
			if (depth > carried || !x->qopen)
				x->qopen = u;
			memcpy(x->qcarry, stack, (size_t)depth * sizeof *stack);
			x->nqcarry = depth;
			return 0;
		}
		bad = stack[depth - 1];
	}
	x->nqcarry = 0;
	const ck_unit *at = bad ? u : NULL;
	x->qopen = NULL;
	if (!at)
		return 0;
	char ch[8] = { 0 };
	px_utf8_encode(bad, ch);
	return ck_emit(x, "PX072", at, at->peer, ch, "unbalanced '%s' in this unit", ch);
}

int ck_check_side_end(ck_ctx *x)
{
	const ck_unit *u = x->qopen;
	int n = x->nqcarry;
	x->qopen = NULL;
	x->nqcarry = 0;
	if (!u || !n)
		return 0;
	char ch[8] = { 0 };
	px_utf8_encode(x->qcarry[n - 1], ch);
	return ck_emit(x, "PX072", u, u->peer, ch, "unbalanced '%s' in this unit: the quotation is not closed", ch);
}

static int is_han(uint32_t cp)
{
	UErrorCode e = U_ZERO_ERROR;
	return cp >= 0x2E80 && uscript_getScript((UChar32)cp, &e) == USCRIPT_HAN;
}

static int ascii_in_chinese(ck_ctx *x, const ck_unit *u)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < u->len;) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(u->text + i, u->len - i, &cp);
		if (cp > 0 && cp < 0x80 && strchr(",;:!?()", (int)cp)) {
			uint32_t next = 0;
			size_t j = i;
			while (j < u->len && u->text[j] == ' ')
				j++;
			if (j < u->len)
				px_utf8_decode(u->text + j, u->len - j, &next);
			if (is_han(prev) || (is_han(next) && cp != ')')) {
				char ch[2] = { (char)cp, 0 };
				return ck_emit(x, "PX073", u, u->peer, ch,
					"punctuation '%s' in ASCII inside Chinese prose (use the full-width form)", ch);
			}
		}
		if (cp != ' ')
			prev = cp;
	}
	return 0;
}

int ck_check_unit(ck_ctx *x, ck_unit *u)
{
	int rc = untranslated(x, u);
	if (rc == 0)
		rc = balance(x, u);
	if (rc == 0 && u->side == CK_ZH)
		rc = ascii_in_chinese(x, u);
	if (rc == 0 && u->dblspace)
		rc = ck_emit(x, "PX074", u, u->peer, "double-space", "two or more spaces in a row");
	return rc;
}

/* ---- list items ---------------------------------------------------------------------------- */

enum { END_NONE, END_SEMI, END_PERIOD, END_OTHER };

static int end_class(const ck_unit *u, char *last, size_t size)
{
	size_t i = u->len;
	/* skip closing quotes and brackets after the final mark */
	while (i > 0) {
		size_t k = i - 1;
		while (k > 0 && ((unsigned char)u->text[k] & 0xC0) == 0x80)
			k--;
		uint32_t cp;
		px_utf8_decode(u->text + k, i - k, &cp);
		if (cp == ')' || cp == 0xFF09 || cp == 0x00BB || cp == 0x201D || cp == 0x300B || cp == '"') {
			i = k;
			continue;
		}
		snprintf(last, size, "%.*s", (int)(i - k), u->text + k);
		if (cp == ';' || cp == 0xFF1B)
			return END_SEMI;
		if (cp == '.' || cp == 0x3002)
			return END_PERIOD;
		return END_OTHER;
	}
	last[0] = 0;
	return END_NONE;
}

int ck_lists(ck_ctx *x)
{
	int rc = 0;
	for (int s = 0; s < 2 && rc == 0; s++)
		for (size_t i = 0; i < x->s[s].n && rc == 0; i++) {
			const ck_unit *u = &x->s[s].u[i];
			if (u->kind != CK_ITEM)
				continue;
			char last[8];
			int want = u->last_item ? END_PERIOD : END_SEMI;
			int have = end_class(u, last, sizeof last);
			if (have == want)
				continue;
			const char *expect = u->last_item ? (s == CK_RU ? "." : "。") : (s == CK_RU ? ";" : "；");
			rc = ck_emit(x, "PX071", u, u->peer, last,
				"list item ends with '%s' where '%s' is expected (%s item)", last[0] ? last : "nothing",
				expect, u->last_item ? "last" : "not the last");
		}
	return rc;
}
