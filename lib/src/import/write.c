/*
 * Import, step 4: the structure written as XML of the profile (the FRBR
 * metadata, the preamble, the body, the conclusions and signatures).
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

/* ---- step 3 and 4: structure and XML ------------------------------------- */


/* Append s[0..len) escaped: & < > always, the double quote when `quot`;
 * with `ws`, tabs and line ends as the spaces a parser makes of them in an
 * attribute value (CR LF as one space). */
static int esc_with(px_buf *o, const char *s, size_t len, bool quot, bool ws)
{
	const char *run = s, *end = s + len;
	for (const char *p = s; p < end; p++) {
		const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
			: quot && *p == '"' ? "&quot;" : ws && (*p == '\t' || *p == '\n' || *p == '\r') ? " " : NULL;
		if (rep) {
			if (px_buf_put(o, run, (size_t)(p - run)) < 0 || px_buf_puts(o, rep) < 0)
				return PX_ENOMEM;
			if (ws && *p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			run = p + 1;
		}
	}
	return px_buf_put(o, run, (size_t)(end - run));
}

/* Text content. The canonical layout, like px_doc_save_buf(), leaves the
 * double quote as it is. */
int imp_esc(struct xw *w, const char *s, size_t len)
{
	return esc_with(w->o, s, len, !w->canon, false);
}

/* An attribute value written from a string (a name of the registry). */
static int esc_attr(struct xw *w, const char *s)
{
	if (!s)
		s = "";
	return esc_with(w->o, s, strlen(s), true, w->canon);
}

/* Indentation that begins a structural line, and the end of the line. */
int imp_xw_indent(struct xw *w)
{
	for (int i = 0; w->canon && i < w->level; i++)
		if (px_buf_put(w->o, "  ", 2) < 0)
			return PX_ENOMEM;
	return 0;
}

int imp_xw_eol(struct xw *w)
{
	return w->canon ? px_buf_put(w->o, "\n", 1) : 0;
}

int imp_xw_line(struct xw *w, int depth, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* A structural line made of the formatted tags: `depth` +1 for a start tag
 * (the lines after it are indented one level more), -1 for an end tag, 0 for
 * a complete element. */
int imp_xw_line(struct xw *w, int depth, const char *fmt, ...)
{
	if (depth < 0)
		w->level--;
	int rc = imp_xw_indent(w);
	if (!strchr(fmt, '%')) {
		rc |= px_buf_puts(w->o, fmt); /* nothing to format */
	} else {
		char small[512], *line = small;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(small, sizeof small, fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof small && (line = malloc((size_t)n + 1)) != NULL) {
			va_start(ap, fmt);
			vsnprintf(line, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
		rc |= n < 0 || !line ? PX_ENOMEM : px_buf_put(w->o, line, (size_t)n);
		if (line != small)
			free(line);
	}
	if (depth > 0)
		w->level++;
	rc |= imp_xw_eol(w);
	return rc ? PX_ENOMEM : 0;
}

/* A mixed element with plain text on a line of its own: `<tag>text</tag>`,
 * with an eId when `eid` is not NULL. */
static int write_mixed(struct xw *w, const char *tag, const char *eid, const char *s, size_t len)
{
	int rc = imp_xw_indent(w);
	rc |= px_buf_put(w->o, "<", 1);
	rc |= px_buf_puts(w->o, tag);
	if (eid) {
		rc |= px_buf_puts(w->o, " eId=\"");
		rc |= px_buf_puts(w->o, eid);
		rc |= px_buf_put(w->o, "\"", 1);
	}
	if (!len && w->canon) {
		rc |= px_buf_puts(w->o, "/>");
	} else {
		rc |= px_buf_put(w->o, ">", 1);
		rc |= imp_esc(w, s, len);
		rc |= px_buf_puts(w->o, "</");
		rc |= px_buf_puts(w->o, tag);
		rc |= px_buf_put(w->o, ">", 1);
	}
	rc |= imp_xw_eol(w);
	return rc ? PX_ENOMEM : 0;
}

int imp_write_p(struct xw *w, const char *eid, const px_buf *t)
{
	return write_mixed(w, "p", eid, t->ptr, t->size);
}




/* The place of signing: the first place of the registry named in the
 * paragraph that gives the signing date («в городе Самарканде», 在撒马尔罕). */
int imp_find_place(struct imp *im, const struct block *b, struct plan *p)
{
	px_mention *m = NULL;
	size_t n = 0;
	if (px_registry_find_mentions(im->reg, b->text.ptr, b->text.size, im->lang, &m, &n) < 0)
		return px_error_last()->code == PX_ENOMEM ? PX_ENOMEM : 0;
	for (size_t i = 0; i < n && !p->place; i++)
		if (m[i].kind == PX_ENTRY_PLACE)
			p->place = m[i].id;
	free(m);
	return 0;
}

/* TLC href of a body: /akn/ontology/organization/in/most for "in-most". */
/* The first p of a signature block: the role and the signing body, linked
 * to the registry when it is known there. */
int imp_write_signature(struct imp *im, struct xw *w, const px_buf *t, const struct sig *s)
{
	int rc = 0;
	px_buf *o = w->o;
	const char *x = t->ptr;
	if (!s->linked) {
		/* kept as written; only the role is marked */
		if (im->lang == PX_LANG_RU && imp_starts_word(x, t->size, "За")) {
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">За</role>");
			rc |= imp_esc(w, x + strlen("За"), t->size - strlen("За"));
		} else if (im->lang == PX_LANG_ZH && imp_ends_with(x, t->size, "代表")) {
			rc |= imp_esc(w, x, t->size - strlen("代表"));
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">代表</role>");
		} else {
			rc |= imp_esc(w, x, t->size);
		}
		return rc ? PX_ENOMEM : 0;
	}
	const px_signatory *m = &s->m;
	size_t za = strlen("За");
	if (im->lang == PX_LANG_RU && imp_starts_word(x, t->size, "За") && m->org_start >= za) {
		rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
		rc |= imp_esc(w, x, za);
		rc |= px_buf_puts(o, "</role>");
		rc |= imp_esc(w, x + za, m->org_start - za);
	} else if (im->lang == PX_LANG_ZH && imp_zh_wei_len(x, t->size) && m->org_start >= imp_zh_wei_len(x, t->size)) {
		size_t wl = imp_zh_wei_len(x, t->size);
		rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
		rc |= imp_esc(w, x, wl);
		rc |= px_buf_puts(o, "</role>");
		rc |= imp_esc(w, x + wl, m->org_start - wl);
	} else {
		/* «Президент Республики Казахстан»: the signer's title is the body */
		rc |= imp_esc(w, x, m->org_start);
	}
	if (strcmp(m->body, m->state) == 0) {
		/* a state signing as a party: one organization */
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->state);
		rc |= imp_esc(w, x + m->org_start, m->org_end - m->org_start);
		rc |= px_buf_puts(o, "</organization>");
	} else {
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->body);
		rc |= imp_esc(w, x + m->org_start, m->state_start - m->org_start);
		rc |= px_buf_printf(o, "<organization refersTo=\"#%s\">", m->state);
		rc |= imp_esc(w, x + m->state_start, m->state_end - m->state_start);
		rc |= px_buf_puts(o, "</organization>");
		rc |= imp_esc(w, x + m->state_end, m->org_end - m->state_end);
		rc |= px_buf_puts(o, "</organization>");
	}
	if (im->lang == PX_LANG_ZH && m->org_end < t->size) {
		size_t role = m->org_end;
		while (role < t->size && x[role] == ' ')
			role++;
		rc |= imp_esc(w, x + m->org_end, role - m->org_end);
		if (role < t->size) { /* 代表; none after a head of state or government */
			rc |= px_buf_puts(o, "<role refersTo=\"#signatory\">");
			rc |= imp_esc(w, x + role, t->size - role);
			rc |= px_buf_puts(o, "</role>");
		}
	} else {
		rc |= imp_esc(w, x + m->org_end, t->size - m->org_end);
	}
	return rc ? PX_ENOMEM : 0;
}

static int write_refs(struct imp *im, struct xw *w, const struct sig *sigs, size_t nsig, const char *place)
{
	bool zh = im->lang == PX_LANG_ZH;
	px_buf *o = w->o;
	int rc = imp_xw_line(w, 1, "<references source=\"#paralex\">");
	rc |= imp_xw_line(w, 0, "<TLCOrganization eId=\"paralex\" href=\"/akn/ontology/organization/paralex\" "
		"showAs=\"paralex\"/>");
	for (size_t i = 0; i < nsig; i++) {
		if (!sigs[i].linked)
			continue;
		bool seen_state = false, seen_body = false;
		for (size_t k = 0; k < i; k++) {
			seen_state |= sigs[k].linked && strcmp(sigs[k].m.state, sigs[i].m.state) == 0;
			seen_body |= sigs[k].linked && strcmp(sigs[k].m.body, sigs[i].m.body) == 0;
		}
		const char *st = sigs[i].m.state, *body = sigs[i].m.body;
		for (int k = 0; k < 2; k++) {
			const char *id = k == 0 ? st : body;
			if ((k == 0 && seen_state) || (k == 1 && (seen_body || strcmp(body, st) == 0)))
				continue;
			px_buf href = PX_BUF_INIT, show = PX_BUF_INIT;
			rc |= reg_tlc_org(im->reg, im->lang, st, id, &href, &show);
			rc |= imp_xw_indent(w);
			rc |= px_buf_printf(o, "<TLCOrganization eId=\"%s\" href=\"%s\" showAs=\"", id, href.ptr ? href.ptr : "");
			rc |= esc_attr(w, show.ptr ? show.ptr : "");
			rc |= px_buf_puts(o, "\"/>");
			rc |= imp_xw_eol(w);
			px_buf_dispose(&href);
			px_buf_dispose(&show);
		}
	}
	/* the place of signing */
	if (place) {
		const char *name = reg_name(im->reg, PX_ENTRY_PLACE, place, zh ? PX_LANG_ZH : PX_LANG_RU, PX_NAME_SHORT,
			PX_CASE_NOM);
		rc |= imp_xw_indent(w);
		rc |= px_buf_printf(o, "<TLCLocation eId=\"%s\" href=\"/akn/ontology/location/%s\" showAs=\"", place, place);
		rc |= esc_attr(w, name);
		rc |= px_buf_puts(o, "\"/>");
		rc |= imp_xw_eol(w);
	}
	/* the persons who signed, as the text names them */
	for (size_t i = 0; i < im->nsg; i++) {
		if (!im->sg[i].person.size)
			continue;
		rc |= imp_xw_indent(w);
		rc |= px_buf_printf(o, "<TLCPerson eId=\"signer_%zu\" href=\"/akn/ontology/person/signer-%zu\" showAs=\"", i + 1,
			i + 1);
		rc |= esc_attr(w, im->sg[i].person.ptr);
		rc |= px_buf_puts(o, "\"/>");
		rc |= imp_xw_eol(w);
	}
	rc |= imp_xw_line(w, 0, "<TLCRole eId=\"signatory\" href=\"/akn/ontology/role/signatory\" showAs=\"%s\"/>",
		zh ? "签署人" : "Подписант");
	rc |= imp_xw_line(w, -1, "</references>");
	return rc ? PX_ENOMEM : 0;
}

static int write_authors(struct xw *w, const struct sig *sigs, size_t nsig)
{
	int rc = 0, any = 0;
	for (size_t i = 0; i < nsig; i++) {
		if (!sigs[i].linked)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= sigs[k].linked && strcmp(sigs[k].m.body, sigs[i].m.body) == 0;
		if (!seen) {
			rc |= imp_xw_line(w, 0, "<FRBRauthor href=\"#%s\"/>", sigs[i].m.body);
			any = 1;
		}
	}
	if (!any)
		rc |= imp_xw_line(w, 0, "<FRBRauthor href=\"#paralex\"/>");
	return rc ? PX_ENOMEM : 0;
}

int imp_write_meta(struct imp *im, struct xw *w, const struct plan *p)
{
	const char *lang = im->lang == PX_LANG_ZH ? "zho" : "rus";
	const char *type = p->type;
	/* a text that states no date and was given none: the date is unknown */
	const char *date = p->date[0] ? p->date : "0001-01-01", *dname = p->date[0] ? "signature" : "unknown";
	const char *iri_date = p->date[0] ? p->date : "nodate";
	char work[256];
	snprintf(work, sizeof work, "/akn/sco/doc/%s/%s/%s", type, iri_date, p->number);
	int rc = imp_xw_line(w, 1, "<meta>");
	rc |= imp_xw_line(w, 1, "<identification source=\"#paralex\">");
	rc |= imp_xw_line(w, 1, "<FRBRWork>");
	rc |= imp_xw_line(w, 0, "<FRBRthis value=\"%s/!main\"/>", work);
	rc |= imp_xw_line(w, 0, "<FRBRuri value=\"%s\"/>", work);
	rc |= imp_xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"%s\"/>", date, dname);
	rc |= write_authors(w, p->sigs, p->nsig);
	rc |= imp_xw_line(w, 0, "<FRBRcountry value=\"sco\"/>");
	rc |= imp_xw_line(w, 0, "<FRBRsubtype value=\"%s\"/>", type);
	rc |= imp_xw_line(w, 0, "<FRBRnumber value=\"%s\"/>", p->number);
	rc |= imp_xw_line(w, -1, "</FRBRWork>");
	rc |= imp_xw_line(w, 1, "<FRBRExpression>");
	rc |= imp_xw_line(w, 0, "<FRBRthis value=\"%s/%s@%s/!main\"/>", work, lang, iri_date);
	rc |= imp_xw_line(w, 0, "<FRBRuri value=\"%s/%s@%s\"/>", work, lang, iri_date);
	rc |= imp_xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"%s\"/>", date, dname);
	rc |= write_authors(w, p->sigs, p->nsig);
	rc |= imp_xw_line(w, 0, "<FRBRauthoritative value=\"true\"/>");
	rc |= imp_xw_line(w, 0, "<FRBRlanguage language=\"%s\"/>", lang);
	rc |= imp_xw_line(w, -1, "</FRBRExpression>");
	rc |= imp_xw_line(w, 1, "<FRBRManifestation>");
	rc |= imp_xw_line(w, 0, "<FRBRthis value=\"%s/%s@%s/!main.xml\"/>", work, lang, iri_date);
	rc |= imp_xw_line(w, 0, "<FRBRuri value=\"%s/%s@%s.akn\"/>", work, lang, iri_date);
	rc |= imp_xw_line(w, 0, "<FRBRdate date=\"%s\" name=\"markup\"/>", date);
	rc |= imp_xw_line(w, 0, "<FRBRauthor href=\"#paralex\"/>");
	rc |= imp_xw_line(w, 0, "<FRBRformat value=\"application/akn+xml\"/>");
	rc |= imp_xw_line(w, -1, "</FRBRManifestation>");
	rc |= imp_xw_line(w, -1, "</identification>");
	rc |= write_refs(im, w, p->sigs, p->nsig, p->place);
	rc |= imp_xw_line(w, -1, "</meta>");
	return rc ? PX_ENOMEM : 0;
}

const char *imp_section_word(struct imp *im, int n, char *buf, size_t size)
{
	if (im->lang == PX_LANG_ZH) {
		if (px_hanzi_format(n, buf, size) < 0)
			snprintf(buf, size, "%d", n);
	} else if (px_roman_format(n, buf, size) < 0) {
		snprintf(buf, size, "%d", n);
	}
	return buf;
}

/* The num of a list item: its marker as written, or the bullet of the language. */
static const char *item_num(const struct imp *im, const struct block *b)
{
	return b->mark[0] ? b->mark : im->lang == PX_LANG_ZH ? "——" : "—";
}

/* out = parent__what_n (an eId below `parent`). */
static void eid_below(char out[PX_EID_MAX], const char *parent, const char *what, int n)
{
	snprintf(out, PX_EID_MAX, "%.*s__%s_%d", PX_EID_MAX - 40, parent, what, n);
}

int imp_note_src(struct imp *im, const char *eid, int line, int col)
{
	return line > 0 ? px_text_places_add(&im->src, eid, line, col) : 0;
}

/* Keep the eId of a soft paragraph for the document (px_doc_soft_start()). */
static int note_soft(struct imp *im, const char *eid)
{
	if (im->nsoft == im->capsoft) {
		size_t cap = im->capsoft ? im->capsoft * 2 : 8;
		char **v = realloc(im->soft, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		im->soft = v;
		im->capsoft = cap;
	}
	if (!(im->soft[im->nsoft] = px_strdup(eid)))
		return px_fail_oom();
	im->nsoft++;
	return 0;
}

/*
 * A blockList with eId `eid`: the items of nesting `level` from block *k
 * on (before `to`), with their further paragraphs (K_ITEMP) and the lists
 * nested in them; *k ends after the last. An item followed by items of the
 * next level holds them as a blockList whose listIntroduction is the item's
 * own text (`intro` here, NULL for a list directly in a content). Returns
 * PX_ENOMEM or 0.
 */
static int write_list(struct imp *im, struct xw *w, const char *eid, size_t *k, size_t to, int level,
	const px_buf *intro)
{
	int rc = imp_xw_line(w, 1, "<blockList eId=\"%s\">", eid);
	rc |= imp_note_src(im, eid, intro ? 0 : im->b[*k].line, im->b[*k].col) < 0;
	if (intro)
		rc |= write_mixed(w, "listIntroduction", NULL, intro->ptr, intro->size);
	for (int ni = 1; *k < to && im->b[*k].kind == K_ITEM && im->b[*k].level == level; ni++) {
		const struct block *it = &im->b[(*k)++];
		char ieid[PX_EID_MAX], sub[PX_EID_MAX];
		eid_below(ieid, eid, "item", ni);
		rc |= imp_xw_line(w, 1, "<item eId=\"%s\">", ieid);
		rc |= imp_note_src(im, ieid, it->line, it->col) < 0;
		rc |= write_mixed(w, "num", NULL, item_num(im, it), strlen(item_num(im, it)));
		if (*k < to && im->b[*k].kind == K_ITEM && im->b[*k].level > level) {
			eid_below(sub, ieid, "list", 1);
			rc |= write_list(im, w, sub, k, to, level + 1, &it->text);
		} else {
			eid_below(sub, ieid, "p", 1);
			rc |= imp_note_src(im, sub, it->line, it->col) < 0;
			rc |= imp_write_p(w, sub, &it->text);
			for (int np = 2; *k < to && im->b[*k].kind == K_ITEMP && im->b[*k].level == level; np++) {
				eid_below(sub, ieid, "p", np);
				rc |= imp_note_src(im, sub, im->b[*k].line, im->b[*k].col) < 0;
				rc |= imp_write_p(w, sub, &im->b[(*k)++].text);
			}
		}
		rc |= imp_xw_line(w, -1, "</item>");
	}
	rc |= imp_xw_line(w, -1, "</blockList>");
	return rc ? PX_ENOMEM : 0;
}

/*
 * A content element with eIds under `parent`: the paragraphs and lists from
 * block *k to the next heading, and with `paragraphs` to the next numbered
 * paragraph after the first block (that block's number is the paragraph's
 * num, written by the caller). With `one`, only the first paragraph and the
 * lists after it. Where numbered paragraphs are not the division's parts, a
 * numbered line keeps its number as text. *k ends after the last block
 * written. Returns PX_ENOMEM or 0.
 */
static int write_content_as(struct imp *im, struct xw *w, const char *el, const char *parent, size_t *k, size_t to,
	bool paragraphs, bool one)
{
	int rc = imp_xw_line(w, 1, "<%s>", el);
	char eid[PX_EID_MAX];
	for (int np = 0, nl = 0; *k < to && im->b[*k].kind != K_HEADING;) {
		const struct block *b = &im->b[*k];
		if (b->kind == K_ITEM) {
			eid_below(eid, parent, "list", ++nl);
			rc |= write_list(im, w, eid, k, to, b->level, NULL);
			continue;
		}
		if ((paragraphs && b->mark[0] && np > 0) || (one && np > 0))
			break;
		eid_below(eid, parent, "p", ++np);
		if (b->soft && note_soft(im, eid) < 0)
			rc = 1;
		rc |= imp_note_src(im, eid, b->line, b->col) < 0;
		if (b->mark[0] && !paragraphs) {
			px_buf t = PX_BUF_INIT;
			rc |= px_buf_printf(&t, "%s%s%s", b->mark, im->lang == PX_LANG_ZH ? "" : " ", b->text.ptr) < 0;
			rc |= imp_write_p(w, eid, &t);
			px_buf_dispose(&t);
		} else {
			rc |= imp_write_p(w, eid, &b->text);
		}
		(*k)++;
	}
	rc |= imp_xw_line(w, -1, "</%s>", el);
	return rc ? PX_ENOMEM : 0;
}

static int write_content(struct imp *im, struct xw *w, const char *parent, size_t *k, size_t to, bool paragraphs,
	bool one)
{
	return write_content_as(im, w, "content", parent, k, to, paragraphs, one);
}

/* Does a numbered paragraph follow block k before the next heading? */
static bool numbered_follow(const struct imp *im, size_t k, size_t to)
{
	for (; k < to && im->b[k].kind != K_HEADING; k++)
		if (im->b[k].kind == K_PARA && im->b[k].mark[0])
			return true;
	return false;
}

/* Numbered paragraphs from block *k (which has a number) to the next heading:
 * each `paragraph` holds its number and its content up to the next number. */
static int write_paragraphs(struct imp *im, struct xw *w, const char *parent, size_t *k, size_t to, px_div as)
{
	int rc = 0;
	const struct px_div_info *di = px_div_info(as);
	for (int n = 1; *k < to && im->b[*k].kind != K_HEADING; n++) {
		char eid[PX_EID_MAX];
		if (parent)
			eid_below(eid, parent, di->abbr, n);
		else
			snprintf(eid, sizeof eid, "%s_%d", di->abbr, n);
		rc |= imp_xw_line(w, 1, "<%s eId=\"%s\">", di->element, eid);
		rc |= imp_note_src(im, eid, im->b[*k].line, im->b[*k].col) < 0;
		if (im->b[*k].mark[0])
			rc |= write_mixed(w, "num", NULL, im->b[*k].mark, strlen(im->b[*k].mark));
		rc |= write_content(im, w, eid, k, to, true, false);
		rc |= imp_xw_line(w, -1, "</%s>", di->element);
	}
	return rc;
}

/* The eId of a division heading's block. */
static void division_eid(const struct block *h, char out[PX_EID_MAX])
{
	if (px_eid_part(h->div, h->num, h->sub, out, PX_EID_MAX) < 0)
		snprintf(out, PX_EID_MAX, "%s_%d", px_div_info(h->div)->abbr, h->num);
}

/* One division from its heading at block *k: num, heading, then its parts:
 * the articles of a chapter, the numbered paragraphs of an article or
 * section, or its content. */
static int write_division(struct imp *im, struct xw *w, size_t *k, size_t to)
{
	const struct block *h = &im->b[(*k)++];
	const struct px_div_info *di = px_div_info(h->div);
	char eid[PX_EID_MAX];
	division_eid(h, eid);
	int rc = imp_xw_line(w, 1, "<%s eId=\"%s\">", di->element, eid);
	rc |= imp_note_src(im, eid, h->line, h->col) < 0;
	rc |= write_mixed(w, "num", NULL, h->numtext, strlen(h->numtext)); /* as written */
	if (h->text.size || h->div == PX_DIV_SECTION)
		rc |= write_mixed(w, "heading", NULL, h->text.ptr, h->text.size);
	if (h->div == PX_DIV_CHAPTER) {
		while (*k < to && im->b[*k].kind == K_HEADING && im->b[*k].div == PX_DIV_ARTICLE)
			rc |= write_division(im, w, k, to);
	} else if (*k < to && im->b[*k].kind == K_PARA && im->b[*k].mark[0]) {
		rc |= write_paragraphs(im, w, eid, k, to, PX_DIV_PARA);
	} else if (h->div == PX_DIV_ARTICLE && numbered_follow(im, *k, to)) {
		/* «Внести в Соглашение следующие изменения:» before numbered paragraphs */
		rc |= write_content_as(im, w, "intro", eid, k, to, true, false);
		rc |= write_paragraphs(im, w, eid, k, to, PX_DIV_PARA);
	} else {
		rc |= write_content(im, w, eid, k, to, false, false);
	}
	rc |= imp_xw_line(w, -1, "</%s>", di->element);
	return rc ? PX_ENOMEM : 0;
}

/* mainBody: the divisions, the points or the paragraphs of blocks [from, to). */
int imp_write_body(struct imp *im, struct xw *w, const struct plan *p)
{
	size_t k = p->body_from, to = p->concl;
	int rc = imp_xw_line(w, 1, "<mainBody>");
	if (p->mode == BODY_DIVISIONS) {
		while (k < to)
			rc |= write_division(im, w, &k, to);
	} else if (p->mode == BODY_POINTS) {
		rc |= write_paragraphs(im, w, NULL, &k, to, PX_DIV_POINT);
	} else {
		/* unnumbered paragraphs: each with the lists that follow it */
		for (int n = 1; k < to; n++) {
			char eid[PX_EID_MAX];
			snprintf(eid, sizeof eid, "para_%d", n);
			rc |= imp_xw_line(w, 1, "<paragraph eId=\"%s\">", eid);
			rc |= imp_note_src(im, eid, im->b[k].line, im->b[k].col) < 0;
			rc |= write_content(im, w, eid, &k, to, false, true);
			rc |= imp_xw_line(w, -1, "</paragraph>");
		}
	}
	rc |= imp_xw_line(w, -1, "</mainBody>");
	return rc ? px_fail_oom() : 0;
}
