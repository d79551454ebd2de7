/*
 * Import: the signature blocks, found from the end of the text, and the
 * place and date of signing.
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

/* ---- signature blocks ---------------------------------------------------- */

/* The words that open a Russian signature block: «За …», or the title of a
 * signer who signs in his own name («Президент Республики Казахстан»). */
static bool ru_sig_start(const char *s, size_t len)
{
	static const char *const titles[] = { "Президент", "Председатель", "Премьер-министр", "Премьер-Министр",
		"Генеральный секретарь", "Вице-президент", "Эмир", "Король" };
	size_t w = imp_first_word(s, len);
	if (imp_starts_word(s, len, "За") && w + 1 < len && imp_starts_upper(s + w + 1, len - w - 1))
		return true;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (imp_starts_word(s, len, titles[i]) && imp_final_punct(s, len) != '.' && px_utf8_count(s, len) <= 120)
			return true;
	return false;
}

/* A signer's name: «А. Б. Серикбаев», «А.Серикбаев», «Серикбаев А.Б.»,
 * «Абдулла Арипов» after a complete block; Chinese names are told by
 * their place (see imp_find_signatures()). */
static bool ru_person(const char *s, size_t len)
{
	if (len > 80 || !imp_starts_upper(s, len))
		return false;
	size_t caps_dot = 0, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			words++;
		if (s[i] == '.' && i >= 2)
			caps_dot++;
	}
	uint32_t p = imp_final_punct(s, len);
	return caps_dot >= 1 && words <= 4 && p != ';' && p != ':' && p != ',';
}

/* The post of a signer under the body's name: «Генеральный секретарь»,
 * «Исполнительный директор», «Министр иностранных дел». */
static bool ru_post(const char *s, size_t len)
{
	static const char *const words[] = { "Генеральный", "Исполнительный", "Председатель", "Директор", "Министр",
		"Заместитель", "Посол", "Руководитель", "Президент", "Секретарь", "Начальник", "Глава", "Первый",
		"Чрезвычайный", "Постоянный", "Премьер-министр", "Вице-премьер", "Вице-президент", "Статс-секретарь" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (imp_starts_word(s, len, words[i]))
			return true;
	return false;
}

/* Does a Russian signature block's text name a registered body in full? */
static bool ru_body_complete(struct imp *im, const px_buf *b)
{
	px_signatory m;
	return px_registry_match_signature(im->reg, b->ptr, b->size, PX_LANG_RU, &m) == 0;
}

static bool zh_sig_mark(const char *s, size_t len)
{
	return (imp_contains(s, len, "签字") || imp_contains(s, len, "签名")) && len <= 3 * 8 && (s[0] == '(' || imp_has_at(s, len, 0, "（"));
}

static bool ru_sig_mark(const char *s, size_t len)
{
	return len <= 24 && (imp_has_at(s, len, 0, "(подпись)") || imp_has_at(s, len, 0, "(Подпись)") || imp_has_at(s, len, 0, "подпись"));
}

/* Chinese: the end of a signing body's name: «…代表», a title that signs
 * («…总统», «…主席», «…总理»). */
static bool zh_body_end(const char *s, size_t len)
{
	static const char *const ends[] = { "代表", "总统", "主席", "总理", "首相", "秘书长", "国王", "埃米尔" };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (imp_ends_with(s, len, ends[i]))
			return true;
	return false;
}

/* The bytes of «为» or «代表» ("on behalf of") before a signing body's name
 * at s («为哈萨克斯坦共和国政府», «代表印度共和国政府»), or 0. */
size_t imp_zh_wei_len(const char *s, size_t len)
{
	size_t n = imp_has_at(s, len, 0, "为") ? strlen("为") : imp_has_at(s, len, 0, "代表") ? strlen("代表") : 0;
	return n && len > n ? n : 0;
}

/* Does a Chinese line begin a signing body (a state or organization of the
 * registry, after «为» or «代表»)? */
static bool zh_wei(struct imp *im, const struct line *l)
{
	size_t n = imp_zh_wei_len(l->s, l->len);
	if (!n)
		return false;
	struct line rest = *l;
	rest.s += n;
	rest.len -= n;
	return imp_begins_with_name(im, &rest);
}

static bool zh_body_start(struct imp *im, const struct line *l)
{
	return zh_wei(im, l) || imp_begins_with_name(im, l);
}

static bool line_closes(bool zh, const struct line *l)
{
	uint32_t p = imp_final_punct(l->s, l->len);
	return zh ? (p == 0x3002 || p == 0xFF1B || p == 0xFF1A || p == 0xFF0C || p == ';' || p == ':')
		: (p == ';' || p == ':' || p == ',' || (p == '.' && !ru_person(l->s, l->len)));
}

static int sig_new(struct imp *im, const struct line *l)
{
	struct sigblk *v = realloc(im->sg, (im->nsg + 1) * sizeof *v);
	if (!v)
		return px_fail_oom();
	im->sg = v;
	struct sigblk *g = &im->sg[im->nsg++];
	*g = (struct sigblk){ PX_BUF_INIT, PX_BUF_INIT, PX_BUF_INIT, l->no, 0, 0 };
	return px_buf_put(&g->body, l->s, l->len) < 0 ? px_fail_oom() : 0;
}

static int sig_add(struct imp *im, px_buf *b, int *line, const struct line *l)
{
	if (!b->size)
		*line = l->no;
	else if (im->lang == PX_LANG_RU && px_buf_put(b, " ", 1) < 0)
		return px_fail_oom();
	return px_buf_put(b, l->s, l->len) < 0 ? px_fail_oom() : 0;
}

/*
 * The signature blocks at the end of the text. They are the run of lines
 * after the last line that ends a sentence (the final clause ends with «.» /
 * «。»; signature lines end with none), from the first line in that run that
 * opens a block: «За …» or a signer's title in Russian; a state or
 * organization of the registry, «为……», or a line ending «代表» in Chinese.
 * Inside a block, in Russian a line that begins in lower case or with a
 * state's name goes on with the body's name; a name with initials, or any
 * other line once the body's name is complete, is the signer. In Chinese the
 * body's name runs to the line that ends with «代表» (or a title); the lines
 * after it up to «（签字）» or the next body are the signer. Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
/* A line of place and date («Душанбе, 5 июля 2025 года», «2025年7月5日于杜尚别»). */
bool imp_date_line(bool zh, const struct line *l)
{
	bool digit = false;
	for (size_t i = 0; i < l->len; i++)
		digit |= l->s[i] >= '0' && l->s[i] <= '9';
	if (zh)
		return (digit || imp_contains(l->s, l->len, "〇")) && imp_contains(l->s, l->len, "年") && imp_contains(l->s, l->len, "日");
	return digit && (imp_contains(l->s, l->len, " года") || imp_contains(l->s, l->len, " г."));
}

/* Could line i open the signature blocks? Russian: «За …» or a signer's
 * title; Chinese: a line without the punctuation of a sentence that names a
 * body (registry, «为……») or ends with «代表» within three lines. */
static bool sig_candidate(struct imp *im, size_t i)
{
	const struct line *l = &im->lines[i];
	struct dhead hd;
	if (imp_division_head(im->lang == PX_LANG_ZH, l->s, l->len, 0, &hd))
		return false;
	if (im->lang == PX_LANG_RU)
		return ru_sig_start(l->s, l->len) && !line_closes(false, l);
	static const char *const stops[] = { "，", "。", "；", "：" };
	for (size_t j = 0; j < sizeof stops / sizeof stops[0]; j++)
		if (imp_contains(l->s, l->len, stops[j]))
			return false;
	/* a body's name broken over lines, or an unregistered body: «…代表» on
	 * this line, or «代表» alone on the next */
	if (imp_ends_with(l->s, l->len, "代表") ||
		(i + 1 < im->nlines && im->lines[i + 1].len == strlen("代表") && imp_has_at(im->lines[i + 1].s, im->lines[i + 1].len, 0, "代表")))
		return true;
	if (!zh_body_start(im, l))
		return false; /* «部长们对……担任上合组织主席» wrapped: not a block */
	for (size_t k = i; k < im->nlines && k < i + 3; k++) {
		const struct line *m = &im->lines[k];
		for (size_t j = 0; j < sizeof stops / sizeof stops[0]; j++)
			if (imp_contains(m->s, m->len, stops[j]))
				return false;
		if (zh_body_end(m->s, m->len) || (k == i && zh_wei(im, m)))
			return k == i || !zh_sig_mark(m->s, m->len);
	}
	return false;
}

/*
 * The signature blocks at the end of the text: from the first line that can
 * open one (sig_candidate()) right after a line that ends a sentence (the
 * final clause ends with «.» / «。»; signature lines end with none). Inside
 * a block, in Russian a line that begins in lower case or with a state's
 * name, or any line while the body's name is not a registered one, goes on
 * with the body's name; a name with initials or a post («Генеральный
 * секретарь») is the signer. In Chinese the body's name runs to the line
 * that ends with «代表» (or a title); the lines after it up to «（签字）» or
 * the next body are the signer. A line that ends a sentence, or a heading,
 * after the blocks is text after the signatures (im->trail_from). Sets
 * im->body_lines to the first line of the blocks (im->nlines: none).
 */
int imp_find_signatures(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	size_t n = im->nlines, start = n;
	im->trail_from = n;
	for (size_t i = 2; i < n && start == n; i++)
		if ((line_closes(zh, &im->lines[i - 1]) || im->lines[i].hard) && sig_candidate(im, i))
			start = i;
	im->body_lines = start;
	if (start == n)
		return 0;
	struct sigblk *g = NULL;
	bool body_done = false;
	for (size_t i = start; i < n; i++) {
		const struct line *l = &im->lines[i];
		struct dhead hd;
		if ((line_closes(zh, l) && !(zh ? zh_sig_mark(l->s, l->len) : ru_sig_mark(l->s, l->len))) ||
			imp_division_head(zh, l->s, l->len, 0, &hd) || imp_date_line(zh, l)) {
			im->trail_from = i;
			break;
		}
		int rc = 0;
		if (!zh) {
			bool za = imp_starts_word(l->s, l->len, "За") && ru_sig_start(l->s, l->len);
			bool title = !za && ru_sig_start(l->s, l->len);
			if (!g || za || (title && !imp_starts_word(g->body.ptr, g->body.size, "За"))) {
				rc = sig_new(im, l);
				g = &im->sg[im->nsg - 1];
				body_done = false;
			} else if (ru_sig_mark(l->s, l->len)) {
				rc = sig_add(im, &g->mark, &g->mark_line, l);
			} else if (!body_done && !g->person.size && !ru_person(l->s, l->len) && !ru_post(l->s, l->len) &&
				(imp_starts_lower(l->s, l->len) || imp_begins_with_name(im, l) || !ru_body_complete(im, &g->body))) {
				rc = sig_add(im, &g->body, &g->line, l);
			} else {
				body_done = true;
				rc = sig_add(im, &g->person, &g->person_line, l);
			}
		} else {
			bool mark = zh_sig_mark(l->s, l->len);
			bool rep = imp_ends_with(l->s, l->len, "代表") || (i + 1 < n && im->lines[i + 1].len == strlen("代表") &&
				imp_has_at(im->lines[i + 1].s, im->lines[i + 1].len, 0, "代表") && !(g && !body_done));
			bool head_title = zh_body_end(l->s, l->len) && !rep && g && !imp_ends_with(g->body.ptr, g->body.size, "代表");
			/* an unregistered body's name broken before the line that ends
			 * «代表» («国际数字发展 / 协会代表»), after the signer's name: not a
			 * name itself (no «·», longer than a Chinese name) */
			bool rep_next = g && body_done && g->person.size && i + 1 < n && !mark &&
				imp_ends_with(im->lines[i + 1].s, im->lines[i + 1].len, "代表") &&
				!zh_body_start(im, &im->lines[i + 1]) && !imp_contains(l->s, l->len, "·") &&
				px_utf8_count(l->s, l->len) > 4;
			if (!g || (body_done && !mark && (zh_body_start(im, l) || rep || rep_next || head_title || g->mark.size))) {
				rc = sig_new(im, l);
				g = &im->sg[im->nsg - 1];
				body_done = zh_body_end(l->s, l->len) || zh_wei(im, l);
			} else if (mark) {
				rc = sig_add(im, &g->mark, &g->mark_line, l);
				body_done = true;
			} else if (!body_done) {
				rc = px_buf_put(&g->body, l->s, l->len) < 0 ? px_fail_oom() : 0;
				body_done = zh_body_end(g->body.ptr, g->body.size);
			} else {
				rc = sig_add(im, &g->person, &g->person_line, l);
			}
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The text after the signature blocks, kept as paragraphs (a run of lines
 * up to one that ends a sentence is one paragraph), with a warning. */
int imp_trailing_blocks(struct imp *im)
{
	im->trail_block = im->nb;
	bool zh = im->lang == PX_LANG_ZH, open = false;
	for (size_t i = im->trail_from; i < im->nlines; i++) {
		const struct line *l = &im->lines[i];
		int rc = open ? imp_join(im, &im->b[im->nb - 1], l) : imp_new_block(im, K_PARA, l, 0, 0);
		if (rc == 0 && !open && !imp_date_line(zh, l))
			rc = imp_warn_at(im, "PX040", l->no, "text after the signature blocks; kept as a paragraph of the conclusions");
		if (rc < 0)
			return rc;
		open = !line_closes(zh, l) && !imp_date_line(zh, l) && !l->hard;
	}
	return 0;
}

/* ---- the signing date ---------------------------------------------------- */

/*
 * A Chinese date written in numerals or full-width digits in the digits ICU
 * reads: 二〇二二年九月十六日 → 2022年9月16日, ２０２２年 → 2022年. Other text is
 * copied as it is.
 */
static int zh_date_digits(const char *s, size_t len, px_buf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0xFF10 && cp <= 0xFF19) {
			char c = (char)('0' + (cp - 0xFF10));
			if (px_buf_put(out, &c, 1) < 0)
				return px_fail_oom();
			i += (size_t)k;
			continue;
		}
		/* a run of numeral characters right before 年, 月 or 日 */
		size_t j = i;
		bool ten = false;
		while (j < len) {
			uint32_t c2;
			int k2 = px_utf8_decode(s + j, len - j, &c2);
			if (!imp_is_hanzi_digit(c2) || c2 == 0x767E)
				break;
			ten |= c2 == 0x5341;
			j += (size_t)k2;
		}
		if (j > i && (imp_has_at(s, len, j, "年") || imp_has_at(s, len, j, "月") || imp_has_at(s, len, j, "日"))) {
			char num[16];
			if (imp_has_at(s, len, j, "年") && !ten) {
				size_t n = 0;
				for (size_t x = i; x < j && n + 1 < sizeof num;) {
					uint32_t c3;
					x += (size_t)px_utf8_decode(s + x, j - x, &c3);
					static const uint32_t digit_cp[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
						0x516B, 0x4E5D };
					int d = -1;
					for (int q = 0; q < 10; q++)
						if (digit_cp[q] == c3)
							d = q;
					if (c3 == 0x96F6)
						d = 0;
					if (d < 0)
						break;
					num[n++] = (char)('0' + d);
				}
				num[n] = '\0';
			} else {
				int v = px_hanzi_parse(s + i, j - i);
				if (v <= 0)
					num[0] = '\0';
				else
					snprintf(num, sizeof num, "%d", v);
			}
			if (num[0]) {
				if (px_buf_puts(out, num) < 0)
					return px_fail_oom();
				i = j;
				continue;
			}
		}
		if (px_buf_put(out, s + i, (size_t)k) < 0)
			return px_fail_oom();
		i += (size_t)k;
	}
	return 0;
}

int imp_find_date(struct imp *im, size_t from, char out[11], size_t *at)
{
	UErrorCode e = U_ZERO_ERROR;
	/* the written forms of a signing date, parsed strictly */
	static const char *const ru_pats[] = { "d MMMM y 'года'", "d MMMM y 'г'.", "dd.MM.y", NULL };
	static const char *const zh_pats[] = { "y年M月d日", NULL };
	const char *const *pats = im->lang == PX_LANG_ZH ? zh_pats : ru_pats;
	UDateFormat *f[3] = { NULL, NULL, NULL };
	UChar pat[64], iso_pat[16], tz[4];
	u_uastrcpy(iso_pat, "yyyy-MM-dd");
	u_uastrcpy(tz, "UTC");
	for (int k = 0; pats[k]; k++) {
		u_strFromUTF8(pat, 64, NULL, pats[k], -1, &e);
		f[k] = udat_open(UDAT_PATTERN, UDAT_PATTERN, im->lang == PX_LANG_ZH ? "zh_CN" : "ru_RU", tz, -1, pat, -1, &e);
		if (!U_FAILURE(e))
			udat_setLenient(f[k], 0);
	}
	UDateFormat *iso = udat_open(UDAT_PATTERN, UDAT_PATTERN, "en_US_POSIX", tz, -1, iso_pat, -1, &e);
	if (U_FAILURE(e)) {
		for (int k = 0; k < 3; k++)
			if (f[k])
				udat_close(f[k]);
		udat_close(iso);
		return px_fail(PX_ERROR, "date formats unavailable: %s", u_errorName(e));
	}
	int found = 0;
	for (size_t bi = from; bi < im->nb && !found; bi++) {
		const px_buf *t = &im->b[bi].text;
		if (im->b[bi].kind != K_PARA || !t->size)
			continue;
		px_buf conv = PX_BUF_INIT;
		if (im->lang == PX_LANG_ZH) {
			if ((found = zh_date_digits(t->ptr, t->size, &conv)) < 0)
				break;
			t = &conv;
		}
		int32_t ulen = 0;
		e = U_ZERO_ERROR;
		u_strFromUTF8(NULL, 0, &ulen, t->ptr, (int32_t)t->size, &e);
		e = U_ZERO_ERROR;
		UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
		if (!u) {
			px_buf_dispose(&conv);
			found = px_fail_oom();
			break;
		}
		u_strFromUTF8(u, ulen + 1, NULL, t->ptr, (int32_t)t->size, &e);
		for (int32_t i = 0; i < ulen && !found; i++) {
			if (!u_isdigit(u[i]) || (i > 0 && u_isdigit(u[i - 1])))
				continue;
			UDate d = 0;
			bool ok = false;
			for (int k = 0; k < 3 && f[k] && !ok; k++) {
				int32_t pos = i;
				e = U_ZERO_ERROR;
				d = udat_parse(f[k], u, ulen, &pos, &e);
				ok = !U_FAILURE(e) && pos > i;
			}
			if (!ok)
				continue;
			UChar iso_out[16];
			e = U_ZERO_ERROR;
			int32_t n = udat_format(iso, d, iso_out, 16, NULL, &e);
			if (!U_FAILURE(e) && n == 10) {
				u_austrncpy(out, iso_out, 10);
				out[10] = '\0';
				found = 1;
				*at = bi;
			}
		}
		free(u);
		px_buf_dispose(&conv);
	}
	for (int k = 0; k < 3; k++)
		if (f[k])
			udat_close(f[k]);
	udat_close(iso);
	return found;
}

bool imp_valid_date(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return false;
	int m = atoi(d + 5), day = atoi(d + 8);
	return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

bool imp_valid_slug(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}
