/*
 * Import, step 3: the structure of the blocks: the kind of document, the
 * preamble, the divisions of the body, the final clauses.
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

/* ---- step 3: the structure ----------------------------------------------- */

int imp_warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

int imp_warn_at(struct imp *im, const char *rule, int line, const char *fmt, ...)
{
	if (!im->diags)
		return 0;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	px_loc loc = { im->name, line, 0, NULL };
	return px_diags_addf(im->diags, rule, &loc, NULL, "%s", msg) < 0 ? px_fail_oom() : 0;
}

/* A final clause: «Совершено в городе …», «Подписано …», «本协定于……签订»,
 * or a line of place and date («г. Бишкек, 18 октября 2025 года»,
 * «2025年10月18日于比什凯克»). */
static bool final_clause(struct imp *im, const struct block *b)
{
	const char *s = b->text.ptr;
	size_t len = b->text.size;
	if (b->kind != K_PARA || b->mark[0] || !len)
		return false;
	if (im->lang == PX_LANG_RU) {
		static const char *const words[] = { "Совершено", "Подписано", "Составлено", "Учинено", "Принято" };
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (imp_starts_word(s, len, words[i]) && (imp_contains(s, len, " года") || imp_contains(s, len, " г.")))
				return true;
		/* place and date: short, no sentence */
		return px_utf8_count(s, len) <= 60 && imp_final_punct(s, len) != '.' &&
			(imp_contains(s, len, " года") || imp_contains(s, len, " г.")) && (imp_starts_word(s, len, "г.") ||
			imp_starts_upper(s, len)) && !imp_contains(s, len, ":");
	}
	static const char *const verbs[] = { "签订", "签署", "订立", "签字", "缔结", "通过", "发表", "签于", "订于" };
	bool date = imp_contains(s, len, "年") && imp_contains(s, len, "日");
	if (!date)
		return false;
	if (imp_has_at(s, len, 0, "本") || imp_has_at(s, len, 0, "二") || (len && s[0] >= '0' && s[0] <= '9'))
		for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
			if (imp_contains(s, len, verbs[i]))
				return true;
	return px_utf8_count(s, len) <= 30 && imp_contains(s, len, "于") && !imp_ends_unit_zh(imp_final_punct(s, len));
}

/* Is block `b` an enacting formula («…согласились о нижеследующем:», «……达成协议如下：»)? */
static bool formula_block(struct imp *im, const struct block *b)
{
	uint32_t p = imp_final_punct(b->text.ptr, b->text.size);
	if (im->lang == PX_LANG_ZH)
		return p == 0xFF1A && (imp_contains(b->text.ptr, b->text.size, "如下") || imp_contains(b->text.ptr, b->text.size, "以下"));
	return p == ':' && (imp_contains(b->text.ptr, b->text.size, "нижеследующ") ||
		imp_contains(b->text.ptr, b->text.size, "следующем") || imp_contains(b->text.ptr, b->text.size, "приняли") ||
		imp_contains(b->text.ptr, b->text.size, "договорились") || imp_contains(b->text.ptr, b->text.size, "согласились"));
}

/* Lines of a list that a translator numbered like paragraphs, or did not
 * mark at all («（一）……；», «"термин" — …;» after a paragraph ending with a
 * colon, each ending with «;», the last with «.»): items of a list. */
static void semicolon_lists(struct imp *im)
{
	bool zh = im->lang == PX_LANG_ZH;
	for (size_t i = 1; i + 1 < im->nb; i++) {
		const struct block *intro = &im->b[i - 1];
		uint32_t ip = imp_final_punct(intro->text.ptr, intro->text.size);
		if (intro->kind == K_TITLE || intro->kind == K_ITEM || !(zh ? ip == 0xFF1A : ip == ':'))
			continue;
		size_t j = i, semis = 0;
		bool marked = im->b[i].mark[0] != '\0';
		while (j < im->nb && im->b[j].kind == K_PARA && (im->b[j].mark[0] != '\0') == marked) {
			uint32_t p = imp_final_punct(im->b[j].text.ptr, im->b[j].text.size);
			if (p == ';' || p == 0xFF1B) {
				semis++;
				j++;
				continue;
			}
			if (p == '.' || p == 0x3002)
				j++;
			break;
		}
		if (semis < 1 || j - i < 2)
			continue;
		uint32_t last = imp_final_punct(im->b[j - 1].text.ptr, im->b[j - 1].text.size);
		if (!(last == '.' || last == 0x3002))
			continue;
		for (size_t k = i; k < j; k++) {
			im->b[k].kind = K_ITEM;
			im->b[k].level = intro->kind == K_ITEM ? intro->level + 1 : 0;
		}
		i = j;
	}
}

/*
 * Step 3: the shape of the text. The kind comes from the title (or the
 * options); the preamble is what comes before the first division (or before
 * the numbered points after the formula, or up to the formula); the final
 * clauses after the body go to the conclusions, except in kinds whose final
 * clauses are a part of their last division (the programme). The signing
 * date is read from the final clauses (else from the last division, else
 * the option). The signatories are linked through the registry (an unknown
 * body is kept as text with a warning, PX046). What `p` owns is freed with
 * imp_plan_dispose(), also after a failure. In strict mode the old refusals
 * stand: no preamble, no sections, no signature blocks, no date.
 */
/* The rank of a marker of Chinese or Russian official numbering: 1 for
 * «一、», 2 for «（一）», 3 for «1.», 4 for «（1）» / «1)», 0 otherwise. */
static int mark_rank(const char *mark)
{
	bool paren = strncmp(mark, "（", strlen("（")) == 0 || mark[0] == '(';
	const char *v = paren ? mark + (mark[0] == '(' ? 1 : strlen("（")) : mark;
	bool digit = v[0] >= '0' && v[0] <= '9';
	bool han = (unsigned char)v[0] >= 0xE4;
	if (!digit && !han)
		return 0;
	if (digit && !paren && strchr(mark, ')'))
		return 4;
	return han ? (paren ? 2 : 1) : (paren ? 4 : 3);
}

int imp_build_plan(struct imp *im, struct plan *p)
{
	bool zh = im->lang == PX_LANG_ZH;
	int rc = 0;
	size_t nb = im->trail_block; /* the blocks before the signatures */
	semicolon_lists(im);
	size_t first = 1;
	while (first < nb && im->b[first].kind == K_MARK)
		first++;
	/* the kind */
	p->kind = im->opts->kind ? px_kind_find(im->opts->kind) : NULL;
	if (!p->kind)
		p->kind = px_kind_from_title(im->lang, im->b[0].text.ptr, im->b[0].text.size);
	size_t h = first;
	while (h < nb && im->b[h].kind != K_HEADING)
		h++;
	size_t m = first;
	while (m < nb && !(im->b[m].kind == K_PARA && im->b[m].mark[0]))
		m++;
	if (h < nb) {
		p->mode = BODY_DIVISIONS;
		p->pre_to = p->body_from = h;
	} else if (m < nb && (m == first || im->b[m - 1].kind == K_MARK || formula_block(im, &im->b[m - 1]) ||
			imp_final_punct(im->b[m - 1].text.ptr, im->b[m - 1].text.size) == (zh ? 0xFF1A : ':'))) {
		p->mode = BODY_POINTS;
		p->pre_to = p->body_from = m;
		/* the points are numbered in the rank of the first one (一、, 1.);
		 * a lower rank under them (（一）, （1）) numbers the items of a point */
		int rank = mark_rank(im->b[m].mark);
		for (size_t i = m + 1; i < nb; i++)
			if (im->b[i].kind == K_PARA && im->b[i].mark[0] && mark_rank(im->b[i].mark) != rank && rank)
				im->b[i].kind = K_ITEM;
	} else {
		p->mode = BODY_PARAS;
		size_t f = first;
		while (f < nb && !(formula_block(im, &im->b[f]) && (f + 1 >= nb || im->b[f + 1].kind != K_ITEM)))
			f++;
		p->pre_to = p->body_from = f < nb ? f + 1 : first;
	}
	p->pre_from = first;
	/* the enacting formula: the last paragraph of a preamble before the body
	 * (приняли …, договорились о нижеследующем:), unless it is a recital */
	if (p->pre_to > p->pre_from) {
		const struct block *last = &im->b[p->pre_to - 1];
		uint32_t lp = imp_final_punct(last->text.ptr, last->text.size);
		p->formula = formula_block(im, last) || (p->mode != BODY_PARAS && p->pre_to - p->pre_from >= 2 &&
			lp != ',' && lp != 0xFF0C && lp != ';' && lp != 0xFF1B);
	}
	if (!p->kind)
		p->kind = px_kind_find(p->mode == BODY_POINTS ? "memorandum" : p->mode == BODY_PARAS ? "statement"
			: "programme");
	p->type = p->kind->name;
	if (im->strict) {
		if (p->mode != BODY_DIVISIONS && im->nsg)
			return imp_fail_rule(im, "PX032", im->sg[0].line,
				"expected a section heading after the preamble, found a signature block");
		if (p->mode != BODY_DIVISIONS)
			return imp_fail_rule(im, "PX032", im->b[nb - 1].last_line,
				"expected a section heading after the preamble, found the end of the text");
		if (p->pre_to - p->pre_from < 2)
			return imp_fail_rule(im, "PX031", im->b[h].line,
				"the preamble needs a parties paragraph and an enacting formula before the first section");
	}
	for (size_t i = p->pre_from; i < p->pre_to; i++)
		if (im->b[i].kind == K_ITEM) {
			if (im->strict)
				return imp_fail_rule(im, "PX035", im->b[i].line, "list item outside a section (in the preamble)");
			im->b[i].kind = K_PARA; /* a bullet in the preamble: kept as the paragraph it is */
			rc = imp_warn_at(im, "PX040", im->b[i].line, "a list item in the preamble; kept as a paragraph");
			if (rc < 0)
				return rc;
		}
	/* the final clauses */
	p->concl = nb;
	if (!p->kind->final_in_body) {
		size_t last_head = p->body_from;
		for (size_t i = p->body_from; i < nb; i++)
			if (im->b[i].kind == K_HEADING)
				last_head = i + 1;
		/* an article keeps its first paragraph, even one that reads as a
		 * final clause («第二条　本议定书自签署之日起生效。») */
		for (size_t i = last_head; i < nb; i++)
			if (final_clause(im, &im->b[i]) && i > p->body_from &&
				!(i == last_head && im->b[i - 1].kind == K_HEADING && im->b[i - 1].div == PX_DIV_ARTICLE)) {
				p->concl = i;
				break;
			}
	}
	/* the numbering of the divisions: 1, 2, 3 … (articles across chapters) */
	int expect[PX_DIV_COUNT] = { 0 };
	for (size_t i = p->body_from; i < p->concl; i++) {
		const struct block *b = &im->b[i];
		if (b->kind != K_HEADING)
			continue;
		int want = expect[b->div] + 1;
		char w1[32];
		if (b->num != want && !(b->sub && b->num == want - 1)) {
			char w2[32], w3[32];
			if (im->strict && b->div == PX_DIV_SECTION) {
				if (want == 1)
					return imp_fail_rule(im, "PX033", b->line, "expected section %s first, found %s",
						imp_section_word(im, 1, w1, sizeof w1), imp_section_word(im, b->num, w2, sizeof w2));
				return imp_fail_rule(im, "PX033", b->line, "expected section %s after section %s, found %s",
					imp_section_word(im, want, w1, sizeof w1), imp_section_word(im, want - 1, w3, sizeof w3),
					imp_section_word(im, b->num, w2, sizeof w2));
			}
			if (im->strict)
				return imp_fail_rule(im, "PX033", b->line, "expected %s %d, found %d", px_div_info(b->div)->en_name, want,
					b->num);
			rc = imp_warn_at(im, "PX042", b->line, "%s '%s' where number %d was expected; kept as written",
				px_div_info(b->div)->en_name, b->numtext, want);
			if (rc < 0)
				return rc;
		}
		expect[b->div] = b->num;
		bool empty = i + 1 >= p->concl || (im->b[i + 1].kind == K_HEADING &&
			!(b->div == PX_DIV_CHAPTER && im->b[i + 1].div == PX_DIV_ARTICLE));
		if (empty) {
			if (im->strict)
				return imp_fail_rule(im, "PX034", b->line, "section %s has no text",
					imp_section_word(im, b->num, w1, sizeof w1));
			rc = imp_warn_at(im, "PX043", b->line, "%s '%s' has no text", px_div_info(b->div)->en_name, b->numtext);
			if (rc < 0)
				return rc;
		}
		if (!(p->kind->divisions & (1u << b->div)) && (rc = imp_warn_at(im, "PX044", b->line,
				"a %s in a %s; kept", px_div_info(b->div)->en_name, p->kind->name)) < 0)
			return rc;
	}
	if (im->strict && !im->nsg)
		return imp_fail_rule(im, "PX037", im->b[nb - 1].last_line,
			"no signature blocks after the last section (a block begins with '%s')", zh ? "…代表" : "За");
	/* the signing date: in the final clauses, else in the last division */
	size_t from = p->concl;
	if (p->concl >= nb) {
		from = nb;
		while (from > p->body_from && im->b[from - 1].kind != K_HEADING)
			from--;
	}
	size_t date_block = nb;
	int found = imp_find_date(im, from, p->date, &date_block);
	if (found < 0)
		return found;
	if (found && (rc = imp_find_place(im, &im->b[date_block], p)) < 0)
		return rc;
	if (!found) {
		if (im->opts->date) {
			memcpy(p->date, im->opts->date, 11);
		} else if (im->strict) {
			return imp_fail_rule(im, "PX038", im->b[from > 0 ? from - 1 : 0].line,
				"no signing date in the final clauses; give one with --date YYYY-MM-DD");
		} else {
			p->date[0] = '\0';
			if ((rc = imp_warn_at(im, "PX041", im->b[nb - 1].last_line,
					"no signing date in the final clauses; the document's date is unknown (give one with --date)")) < 0)
				return rc;
		}
	}
	p->nsig = im->nsg;
	p->sigs = calloc(p->nsig ? p->nsig : 1, sizeof *p->sigs);
	if (!p->sigs)
		return px_fail_oom();
	for (size_t i = 0; i < p->nsig; i++) {
		const px_buf *t = &im->sg[i].body;
		struct sig *g = &p->sigs[i];
		int r;
		size_t wl = zh ? imp_zh_wei_len(t->ptr, t->size) : 0;
		if (wl && !imp_ends_with(t->ptr, t->size, "代表")) {
			/* «为哈萨克斯坦共和国政府», «代表印度共和国政府»: read as
			 * «哈萨克斯坦共和国政府代表», the spans moved back */
			px_buf v = PX_BUF_INIT;
			r = px_buf_put(&v, t->ptr + wl, t->size - wl) < 0 || px_buf_puts(&v, "代表") < 0 ? px_fail_oom()
				: px_registry_match_signature(im->reg, v.ptr, v.size, PX_LANG_ZH, &g->m);
			px_buf_dispose(&v);
			if (r == PX_ENOMEM)
				return r;
			if (r == 0) {
				g->m.org_start += wl;
				g->m.org_end += wl;
				g->m.state_start += wl;
				g->m.state_end += wl;
				if (g->m.org_end > t->size)
					r = PX_ENOTFOUND;
			}
		} else {
			r = px_registry_match_signature(im->reg, t->ptr, t->size, zh ? PX_LANG_ZH : PX_LANG_RU, &g->m);
		}
		g->linked = r == 0;
		if (!g->linked && (rc = imp_warn_at(im, "PX046", im->sg[i].line,
				"signing body '%s' is not in the registry; kept as text", t->ptr)) < 0)
			return rc;
	}
	if (!im->opts->number && (rc = px_import_subject(im->reg, im->tb, im->lang, im->b[0].text.ptr, p->type, &p->subject)) < 0)
		return rc;
	p->number = im->opts->number ? im->opts->number : p->subject ? p->subject : "nonumber";
	return 0;
}

void imp_plan_dispose(struct plan *p)
{
	free(p->sigs);
	free(p->subject);
}

/* A signature block: the body, then the signer and the mark of signing. */
static int write_sigblock(struct imp *im, struct xw *w, size_t i, const struct sig *g)
{
	const struct sigblk *s = &im->sg[i];
	px_buf *o = w->o;
	int rc = imp_xw_line(w, 1, "<blockContainer eId=\"conclusions__blockContainer_%zu\" class=\"signature\">", i + 1);
	char eid[64];
	snprintf(eid, sizeof eid, "conclusions__blockContainer_%zu", i + 1);
	rc |= imp_note_src(im, eid, s->line, 0) < 0;
	snprintf(eid, sizeof eid, "conclusions__blockContainer_%zu__p_1", i + 1);
	rc |= imp_note_src(im, eid, s->line, 0) < 0;
	rc |= imp_xw_indent(w);
	rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_1\"><signature>", i + 1);
	rc |= imp_write_signature(im, w, &s->body, g);
	rc |= px_buf_puts(o, "</signature></p>");
	rc |= imp_xw_eol(w);
	int np = 1;
	if (s->person.size) {
		snprintf(eid, sizeof eid, "conclusions__blockContainer_%zu__p_%d", i + 1, np + 1);
		rc |= imp_note_src(im, eid, s->person_line, 0) < 0;
		rc |= imp_xw_indent(w);
		rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_%d\"><signature>"
			"<person refersTo=\"#signer_%zu\" as=\"#signatory\">", i + 1, ++np, i + 1);
		rc |= imp_esc(w, s->person.ptr, s->person.size);
		rc |= px_buf_puts(o, "</person></signature></p>");
		rc |= imp_xw_eol(w);
	}
	if (s->mark.size) {
		/* «（签字）»: the mark of signing in a published copy, not text of the instrument */
		snprintf(eid, sizeof eid, "conclusions__blockContainer_%zu__p_%d", i + 1, np + 1);
		rc |= imp_note_src(im, eid, s->mark_line, 0) < 0;
		rc |= imp_xw_indent(w);
		rc |= px_buf_printf(o, "<p eId=\"conclusions__blockContainer_%zu__p_%d\" class=\"signingMark\">", i + 1, ++np);
		rc |= imp_esc(w, s->mark.ptr, s->mark.size);
		rc |= px_buf_puts(o, "</p>");
		rc |= imp_xw_eol(w);
	}
	rc |= imp_xw_line(w, -1, "</blockContainer>");
	return rc ? PX_ENOMEM : 0;
}

/* The XML of the document (see struct xw). */
int imp_write_xml(struct imp *im, const struct plan *p, struct xw *w)
{
	px_buf *o = w->o;
	for (size_t i = 0; i < im->nsoft; i++)
		free(im->soft[i]);
	im->nsoft = 0;
	px_text_places_clear(&im->src);
	int rc = px_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	rc |= imp_xw_line(w, 1, "<akomaNtoso xmlns=\"" PX_AKN_NS "\">");
	rc |= imp_xw_line(w, 1, "<doc name=\"%s\" contains=\"originalVersion\">", p->type);
	rc |= imp_write_meta(im, w, p);
	rc |= imp_xw_line(w, 1, "<preface>");
	rc |= imp_xw_indent(w);
	rc |= imp_note_src(im, "preface__p_1", im->b[0].line, im->b[0].col) < 0;
	rc |= px_buf_puts(o, "<p eId=\"preface__p_1\"><docTitle>");
	rc |= imp_esc(w, im->b[0].text.ptr, im->b[0].text.size);
	rc |= px_buf_puts(o, "</docTitle></p>");
	rc |= imp_xw_eol(w);
	for (size_t i = 1; i < p->pre_from; i++) {
		char eid[32];
		snprintf(eid, sizeof eid, "preface__p_%zu", i + 1);
		rc |= imp_note_src(im, eid, im->b[i].line, im->b[i].col) < 0;
		rc |= imp_write_p(w, eid, &im->b[i].text);
	}
	rc |= imp_xw_line(w, -1, "</preface>");
	size_t pf = p->pre_from, pt = p->pre_to;
	if (pt > pf) {
		rc |= imp_xw_line(w, 1, "<preamble>");
		size_t rec_from = pf, rec_to = p->formula ? pt - 1 : pt;
		/* the parties paragraph, unless the preamble is only recitals or a formula */
		if (rec_to > pf && (rec_to - pf >= 2 || !p->formula)) {
			rc |= imp_note_src(im, "preamble__p_1", im->b[pf].line, im->b[pf].col) < 0;
			rc |= imp_write_p(w, "preamble__p_1", &im->b[pf].text);
			rec_from = pf + 1;
		}
		if (rec_to > rec_from) {
			rc |= imp_xw_line(w, 1, "<recitals eId=\"preamble__recs_1\">");
			for (size_t i = rec_from; i < rec_to; i++) {
				char eid[64];
				rc |= imp_xw_line(w, 1, "<recital eId=\"preamble__recs_1__rec_%zu\">", i - rec_from + 1);
				snprintf(eid, sizeof eid, "preamble__recs_1__rec_%zu__p_1", i - rec_from + 1);
				rc |= imp_note_src(im, eid, im->b[i].line, im->b[i].col) < 0;
				rc |= imp_write_p(w, eid, &im->b[i].text);
				rc |= imp_xw_line(w, -1, "</recital>");
			}
			rc |= imp_xw_line(w, -1, "</recitals>");
		}
		if (p->formula) {
			rc |= imp_xw_line(w, 1, "<formula eId=\"preamble__formula_1\" name=\"enactingFormula\">");
			rc |= imp_note_src(im, "preamble__formula_1__p_1", im->b[pt - 1].line, im->b[pt - 1].col) < 0;
			rc |= imp_write_p(w, "preamble__formula_1__p_1", &im->b[pt - 1].text);
			rc |= imp_xw_line(w, -1, "</formula>");
		}
		rc |= imp_xw_line(w, -1, "</preamble>");
	}
	if (rc)
		return px_fail_oom();
	if (p->body_from >= p->concl) {
		/* nothing but a title and a preamble: the body is the preamble's last paragraph */
		return imp_fail_rule(im, "PX032", im->b[im->nb - 1].last_line, "the text has no body after its title");
	}
	if ((rc = imp_write_body(im, w, p)) < 0)
		return rc;
	if (p->concl < im->nb || p->nsig) {
		rc = imp_xw_line(w, 1, "<conclusions>");
		size_t np = 0;
		for (size_t i = p->concl; i < im->nb; i++) {
			char eid[48];
			if (i == im->trail_block) /* the signature blocks, then the text after them */
				for (size_t k = 0; k < p->nsig; k++)
					rc |= write_sigblock(im, w, k, &p->sigs[k]);
			snprintf(eid, sizeof eid, "conclusions__p_%zu", ++np);
			rc |= imp_note_src(im, eid, im->b[i].line, im->b[i].col) < 0;
			if (im->b[i].kind == K_ITEM || im->b[i].kind == K_ITEMP || im->b[i].kind == K_HEADING) {
				/* cannot stand here: kept as a paragraph */
				px_buf t = PX_BUF_INIT;
				rc |= px_buf_printf(&t, "%s%s%s", im->b[i].kind == K_HEADING ? im->b[i].numtext : im->b[i].mark,
					im->b[i].kind == K_HEADING || im->b[i].mark[0] ? " " : "", im->b[i].text.ptr ? im->b[i].text.ptr : "") < 0;
				rc |= imp_write_p(w, eid, &t);
				px_buf_dispose(&t);
			} else {
				rc |= imp_write_p(w, eid, &im->b[i].text);
			}
		}
		if (im->trail_block >= im->nb)
			for (size_t k = 0; k < p->nsig; k++)
				rc |= write_sigblock(im, w, k, &p->sigs[k]);
		rc |= imp_xw_line(w, -1, "</conclusions>");
	}
	rc |= imp_xw_line(w, -1, "</doc>");
	rc |= imp_xw_line(w, -1, "</akomaNtoso>");
	if (!w->canon)
		rc |= px_buf_put(o, "\n", 1);
	return rc ? px_fail_oom() : 0;
}
