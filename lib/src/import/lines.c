/*
 * Import, step 1: the lines of a text, cleaned and measured (blank lines,
 * indentation, hard wraps, one paragraph per line), and the artefacts of a
 * PDF extraction (page numbers, running headers and footers) removed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "import/import_int.h"

/* ---- step 1: lines ------------------------------------------------------- */

/* NFC of the whole text (line ends are not touched by normalization): the
 * normalized bytes in *out, or *out NULL when the text is already in NFC
 * (the usual case, told by a quick check without normalizing). */
int imp_nfc(const char *text, size_t len, char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFCInstance(&e);
	if (U_FAILURE(e))
		return px_fail(PX_ERROR, "NFC normalizer unavailable: %s", u_errorName(e));
	if (len > (size_t)INT32_MAX / 2)
		return px_fail(PX_EINPUT, "text too large to import");
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &e);
	e = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	UChar *v = NULL;
	char *o = NULL;
	int rc = 0;
	if (!u) {
		rc = px_fail_oom();
		goto done;
	}
	u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &e);
	if (!U_FAILURE(e)) {
		UErrorCode qe = U_ZERO_ERROR;
		if (unorm2_spanQuickCheckYes(n2, u, ulen, &qe) == ulen && !U_FAILURE(qe))
			goto done; /* valid UTF-8 converts back to the same bytes */
	}
	v = malloc(((size_t)ulen * 3 + 16) * sizeof *v);
	if (!v) {
		rc = px_fail_oom();
		goto done;
	}
	int32_t vlen = unorm2_normalize(n2, u, ulen, v, ulen * 3 + 16, &e);
	int32_t olen = 0;
	if (!U_FAILURE(e))
		u_strToUTF8(NULL, 0, &olen, v, vlen, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR)
		e = U_ZERO_ERROR;
	if (U_FAILURE(e)) {
		rc = px_fail(PX_EINPUT, "text cannot be normalized: %s", u_errorName(e));
		goto done;
	}
	o = malloc((size_t)olen + 1);
	if (!o) {
		rc = px_fail_oom();
		goto done;
	}
	u_strToUTF8(o, olen + 1, NULL, v, vlen, &e);
	*out = o;
	*out_len = (size_t)olen;
done:
	free(u);
	free(v);
	return rc;
}

/* A line that is a section numeral alone ("II." / "二、"). */
static bool numeral_only(bool zh, const struct line *l)
{
	size_t i = 0;
	if (!zh) {
		while (i < l->len && l->s[i] && strchr("IVXLCDM", l->s[i]))
			i++;
		return i > 0 && i + 1 == l->len && l->s[i] == '.';
	}
	while (i < l->len) {
		uint32_t cp;
		int k = px_utf8_decode(l->s + i, l->len - i, &cp);
		if (!imp_is_hanzi_digit(cp))
			break;
		i += (size_t)k;
	}
	return i > 0 && i + 3 == l->len && memcmp(l->s + i, "、", 3) == 0;
}

/* A PDF may set a section's number apart from its heading ("II." on a line
 * of its own, the heading on the next): join them into one line. */
void imp_join_numerals(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t k = 0;
	for (size_t i = 0; i < im->nlines; i++) {
		struct line l = im->lines[i];
		if (i + 1 < im->nlines && numeral_only(zh, &l) && (zh || imp_starts_upper(im->lines[i + 1].s,
				im->lines[i + 1].len))) {
			const struct line *next = &im->lines[i + 1];
			/* the byte after each line, where the next one begins */
			char *sep = im->clean + (l.s - im->clean) + l.len;
			if (zh) {
				memmove(sep, next->s, next->len); /* Chinese joins without a space */
				l.len += next->len;
			} else {
				*sep = ' ';
				l.len += 1 + next->len;
			}
			i++;
		}
		im->lines[k++] = l;
	}
	im->nlines = k;
}

/* Is the line's first letter a Han character? */
bool imp_han_text(const struct line *l)
{
	return imp_first_cp(l->s, l->len) >= 0x2E80;
}

int imp_split_lines(struct imp *im, const char *t, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += t[i] == '\n';
	im->lines = calloc(n, sizeof *im->lines);
	im->clean = malloc(len + n + 1); /* the lines, each followed by one byte */
	if (!im->lines || !im->clean)
		return px_fail_oom();
	char *w = im->clean;
	int no = 0;
	size_t blanks_after = 0, nonblank = 0;
	bool prev_blank = false, prev_nonblank = false;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && t[e] != '\n')
			e++;
		no++;
		/* clean the line: white space runs to one space, trimmed */
		char *start = w;
		bool pending = false, indent = false, any = false;
		int depth = 0, lead = 0;
		for (size_t j = i; j < e;) {
			uint32_t cp;
			int k = px_utf8_decode(t + j, e - j, &cp);
			if (px_is_space(cp)) {
				if (!any)
					lead++;
				if (!any && cp != 0xFEFF) {
					indent = true;
					depth += cp == 0x3000 ? 2 : 1;
				}
				pending = any;
			} else {
				if (pending)
					*w++ = ' ';
				pending = false;
				any = true;
				memcpy(w, t + j, (size_t)k);
				w += k;
			}
			j += (size_t)k;
		}
		if (any) {
			struct line *l = &im->lines[im->nlines++];
			l->s = start;
			l->len = (size_t)(w - start);
			*w++ = '\n'; /* room to join the next line to this one */
			l->no = no;
			l->indent = indent;
			l->depth = depth;
			l->col = lead + 1;
			l->hard = prev_blank && prev_nonblank;
			nonblank++;
			prev_blank = false;
			prev_nonblank = true;
		} else {
			if (prev_nonblank && !prev_blank)
				blanks_after++;
			prev_blank = true;
		}
		i = e + 1;
	}
	/* the PDF artefact: (nearly) every line followed by a blank line */
	if (nonblank >= 4 && blanks_after * 10 >= (nonblank - 1) * 9) {
		im->pdf_blanks = true;
		for (size_t k = 0; k < im->nlines; k++)
			im->lines[k].hard = false;
	}
	for (size_t k = 1; k < im->nlines; k++) {
		const struct line *l = &im->lines[k], *prev = &im->lines[k - 1];
		uint32_t p = imp_final_punct(prev->s, prev->len);
		uint32_t c0 = 0;
		px_utf8_decode(l->s, l->len, &c0);
		im->blank_mid += l->hard && !(imp_ends_unit_ru(p) || p == ',' || p == ':' || p == ';') && u_islower((UChar32)c0);
	}
	/* clean layout: a blank line among the first lines ends the title block */
	for (size_t k = 1; k < im->nlines && k < 8; k++)
		if (im->lines[k].hard) {
			im->title_by_blank = true;
			break;
		}
	size_t indented = 0, open_ends = 0, longish = 0, width = 0;
	for (size_t k = 0; k < im->nlines; k++) {
		const struct line *l = &im->lines[k];
		indented += imp_han_text(l) ? l->depth >= 3 : l->indent;
		/* a line as long as a printed line (a heading or a signature is shorter;
		 * a signature block, a title or a heading has no punctuation anyway) */
		if (px_utf8_count(l->s, l->len) >= (imp_han_text(l) ? 25u : 50u) && k > 2 && !imp_starts_word(l->s, l->len, "За") &&
			!imp_ends_with(l->s, l->len, "代表")) {
			longish++;
			width += px_utf8_count(l->s, l->len);
			uint32_t p = imp_final_punct(l->s, l->len);
			open_ends += !(imp_ends_unit_ru(p) || imp_ends_unit_zh(p) || p == ',' || p == 0xFF0C);
		}
	}
	im->pdf_like = longish >= 8 && open_ends * 10 >= longish * 3;
	/* evidence of the other way: long lines that (nearly) all end a sentence */
	im->line_paras = longish >= 8 && open_ends * 20 <= longish;
	im->wrap_width = longish ? width / longish : 0;

	im->uses_indent = indented >= 2 && indented * 5 >= im->nlines && !im->pdf_like;
	return 0;
}

px_lang imp_detect_lang(const char *t, size_t len)
{
	size_t cyr = 0, han = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(t + i, len - i, &cp);
		if (cp >= 0x80) {
			UErrorCode e = U_ZERO_ERROR;
			UScriptCode sc = uscript_getScript((UChar32)cp, &e);
			cyr += sc == USCRIPT_CYRILLIC;
			han += sc == USCRIPT_HAN;
		}
		i += (size_t)k;
	}
	if (cyr == 0 && han == 0)
		return PX_LANG_AUTO;
	return cyr >= han ? PX_LANG_RU : PX_LANG_ZH;
}

/* ---- PDF artefacts ------------------------------------------------------- */

/* A page number on a line of its own: «2», «- 2 -», «— 3 —», «-3-», «стр. 4»,
 * «第5页», «5/12». */
static bool page_number_line(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len, i = 0, digits_seen = 0;
	if (imp_has_at(s, len, 0, "стр.") || imp_has_at(s, len, 0, "Стр.") || imp_has_at(s, len, 0, "第"))
		i = imp_has_at(s, len, 0, "第") ? 3 : strlen("стр.");
	for (; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (cp >= '0' && cp <= '9')
			digits_seen++;
		else if (!(imp_is_dash(cp) || cp == ' ' || cp == '/' || cp == 0xFF0D || cp == 0x9875 /* 页 */))
			return false;
		i += (size_t)k;
	}
	return digits_seen > 0 && digits_seen <= 4;
}

static bool same_line(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* FNV-1a of a line's bytes. */
static size_t line_hash(const struct line *l)
{
	size_t h = (size_t)1469598103934665603ULL;
	for (size_t i = 0; i < l->len; i++)
		h = (h ^ (unsigned char)l->s[i]) * (size_t)1099511628211ULL;
	return h;
}

/*
 * Drop what a PDF adds to a text: page numbers on lines of their own and the
 * running header or footer next to them (a line that stands next to two or
 * more page numbers). They are not part of the instrument; everything else is
 * kept. Linear: the lines next to page numbers are counted in a hash table.
 */
void imp_drop_page_artefacts(struct imp *im)
{
	size_t n = im->nlines, pages = 0;
	bool *drop = calloc(n ? n : 1, sizeof *drop);
	if (!drop)
		return; /* nothing dropped: the artefacts stay as text */
	for (size_t i = 1; i < n; i++)
		if (page_number_line(&im->lines[i])) {
			drop[i] = true;
			pages++;
		}
	/* the neighbours of page numbers: slot → index of a line, and how often */
	size_t cap = 16;
	while (cap < pages * 4)
		cap *= 2;
	size_t *slot = pages ? malloc(cap * sizeof *slot) : NULL, *count = pages ? calloc(cap, sizeof *count) : NULL;
	if (pages && (!slot || !count))
		pages = 0;
	for (size_t i = 0; pages && i < cap; i++)
		slot[i] = (size_t)-1;
	for (int pass = 0; pages && pass < 2; pass++)
		for (size_t i = 1; i < n; i++) {
			if (!drop[i] || !page_number_line(&im->lines[i]))
				continue;
			for (int side = -1; side <= 1; side += 2) {
				size_t c = i + (size_t)side;
				if ((side < 0 && i == 0) || c >= n || c == 0 || page_number_line(&im->lines[c]) ||
					im->lines[c].len > 120)
					continue;
				size_t h = line_hash(&im->lines[c]) & (cap - 1);
				while (slot[h] != (size_t)-1 && !same_line(&im->lines[slot[h]], &im->lines[c]))
					h = (h + 1) & (cap - 1);
				if (pass == 0) {
					slot[h] = c;
					count[h]++;
				} else if (count[h] >= 2 || same_line(&im->lines[c], &im->lines[0])) {
					/* a running header or footer: it recurs, or it repeats the text's first line */
					drop[c] = true;
				}
			}
		}
	/* the first line is a header above the title, not the title's first line,
	 * when it recurs next to page numbers and it and the line after it each
	 * name a kind of instrument («Соглашение о …» over «СОГЛАШЕНИЕ»,
	 * 上合组织数字经济合作协定 over the full title) */
	bool zh0 = n > 1 && imp_han_text(&im->lines[0]);
	for (size_t h = 0; pages && n > 1 && !drop[0] && h < cap; h++)
		if (slot[h] != (size_t)-1 && same_line(&im->lines[slot[h]], &im->lines[0]) &&
			px_kind_from_title(zh0 ? PX_LANG_ZH : PX_LANG_RU, im->lines[0].s, im->lines[0].len) &&
			(px_kind_from_title(zh0 ? PX_LANG_ZH : PX_LANG_RU, im->lines[1].s, im->lines[1].len) ||
			(zh0 && n > 2 && px_kind_from_title(PX_LANG_ZH, im->lines[2].s, im->lines[2].len))) &&
			(zh0 || imp_starts_upper(im->lines[1].s, im->lines[1].len))) {
			drop[0] = true;
			im->lines[1].hard = false;
		}
	free(slot);
	free(count);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			im->lines[k++] = im->lines[i];
		else if (i + 1 < n && im->lines[i].hard)
			im->lines[i + 1].hard = im->lines[i + 1].hard || !im->pdf_blanks;
	im->nlines = k;
	free(drop);
}

/* A mark under the title saying which text this is: «(Перевод)», «（中文本）». */
bool imp_text_mark_line(const struct line *l)
{
	const char *s = l->s;
	size_t len = l->len;
	bool open = imp_has_at(s, len, 0, "(") || imp_has_at(s, len, 0, "（");
	bool close = (len && s[len - 1] == ')') || imp_ends_with(s, len, "）");
	return open && close && px_utf8_count(s, len) <= 30 && !memchr(s, ',', len);
}
