/* The HTML report: well-formed, self-contained, every finding shown and
 * linked, texts aligned by eId. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/hash.h>

#include "harness.h"

static px_doc *load(const char *rel)
{
	px_doc *d = NULL;
	assert_px_ok(px_doc_load_file(&d, data_path(rel)));
	return d;
}

/* Load a document from a data file with `insert` placed before `anchor`. */
static px_doc *load_edited(const char *rel, const char *anchor, const char *insert)
{
	size_t len;
	char *bytes = slurp(data_path(rel), &len);
	const char *at = strstr(bytes, anchor);
	assert_non_null(at);
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_buf_put(&b, bytes, (size_t)(at - bytes)));
	assert_px_ok(px_buf_puts(&b, insert));
	assert_px_ok(px_buf_puts(&b, at));
	px_doc *d = NULL;
	assert_px_ok(px_doc_load_memory(&d, b.ptr, b.size, rel));
	px_buf_dispose(&b);
	free(bytes);
	return d;
}

static void add(px_diags *d, const char *rule, const char *file, const char *eid, const char *msg, int accepted)
{
	px_diag x = { 0 };
	x.rule = rule;
	x.loc.file = file;
	x.loc.line = 3;
	x.loc.col = 5;
	x.eid = eid;
	x.message = msg;
	x.accepted = accepted;
	x.reason = accepted ? "agreed by both legal services" : NULL;
	assert_px_ok(px_diags_add(d, &x));
}

/* ---- checking a page ---------------------------------------------------- */

struct page {
	xmlDocPtr xml;
	char *html;
	size_t len;
};

static void collect(xmlNodePtr n, xmlHashTablePtr ids, int *dups)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		if (id) {
			if (xmlHashAddEntry(ids, id, n) < 0)
				(*dups)++;
			xmlFree(id);
		}
		collect(n->children, ids, dups);
	}
}

/* Every href is a fragment that names an existing id; nothing is loaded. */
static void check_links(xmlNodePtr n, xmlHashTablePtr ids, size_t *links)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		assert_true(strcmp(name, "script") != 0 && strcmp(name, "img") != 0 && strcmp(name, "link") != 0 &&
			strcmp(name, "iframe") != 0 && strcmp(name, "object") != 0);
		assert_false(xmlHasProp(n, (const xmlChar *)"src"));
		xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
		if (href) {
			if (href[0] != '#')
				fail_msg("href '%s' is not a fragment", (const char *)href);
			if (!xmlHashLookup(ids, href + 1))
				fail_msg("link target '%s' does not exist", (const char *)href);
			(*links)++;
			xmlFree(href);
		}
		check_links(n->children, ids, links);
	}
}

static xmlHashTablePtr make_page(struct page *p, const px_doc *ru, const px_doc *zh, const px_diags *d,
	const px_report_options *o)
{
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_report_html(ru, zh, d, o, &b));
	p->len = b.size;
	p->html = px_buf_detach(&b);
	assert_non_null(p->html);
	assert_true(strncmp(p->html, "<!DOCTYPE html>\n<html", 21) == 0);
	/* well-formed XML: parsed strictly, without network or entities */
	p->xml = xmlReadMemory(p->html, (int)p->len, "report.html", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
		XML_PARSE_NOWARNING);
	if (!p->xml)
		fail_msg("the report is not well-formed XML");
	/* self-contained: no URL at all */
	assert_null(strstr(p->html, "http:"));
	assert_null(strstr(p->html, "https:"));
	assert_null(strstr(p->html, "\"//"));
	assert_null(strstr(p->html, "url("));
	assert_null(strstr(p->html, "@import"));
	xmlHashTablePtr ids = xmlHashCreate(64);
	int dups = 0;
	collect(xmlDocGetRootElement(p->xml), ids, &dups);
	assert_int_equal(dups, 0);
	size_t links = 0;
	check_links(xmlDocGetRootElement(p->xml), ids, &links);
	assert_true(links > 0);
	return ids;
}

static void page_free(struct page *p, xmlHashTablePtr ids)
{
	xmlHashFree(ids, NULL);
	xmlFreeDoc(p->xml);
	free(p->html);
}

static void finish(struct page *p, xmlHashTablePtr ids, px_diags *d, px_doc *ru, px_doc *zh)
{
	page_free(p, ids);
	px_diags_free(d);
	px_doc_free(ru);
	px_doc_free(zh);
}

/* The escaped form of a message as it appears in the page. */
static char *escaped(const char *s)
{
	px_buf b = PX_BUF_INIT;
	for (; *s; s++) {
		switch (*s) {
		case '&': px_buf_puts(&b, "&amp;"); break;
		case '<': px_buf_puts(&b, "&lt;"); break;
		case '>': px_buf_puts(&b, "&gt;"); break;
		case '"': px_buf_puts(&b, "&quot;"); break;
		case '\'': px_buf_puts(&b, "&#39;"); break;
		default: px_buf_put(&b, s, 1);
		}
	}
	return px_buf_detach(&b);
}

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- tests -------------------------------------------------------------- */

static void report_shows_every_finding(void **state)
{
	(void)state;
	px_doc *ru = load("validate/valid-ru.xml");
	px_doc *zh = load("validate/valid-zh.xml");
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	/* a term finding from the real check */
	px_termbase *tb = NULL;
	assert_px_ok(px_termbase_new(&tb));
	px_term_unit u = { "sec_I__p_1", "Стороны:", { px_doc_name(ru), 60, 11, NULL }, "双方：",
		{ px_doc_name(zh), 62, 11, NULL }, 8 }; /* 双方 in an instrument of eight parties */
	assert_int_equal(px_termbase_check_unit(tb, &u, d), PX_EINVALID);
	px_termbase_free(tb);
	add(d, "PX019", px_doc_name(ru), "sec_II", "section 'II' has <no> heading & \"more\"", 0);
	add(d, "PX015", px_doc_name(zh), "sec_II__list_1", "a finding about a container", 0);
	add(d, "PX082", px_doc_name(zh), "sec_II__list_1__item_2__p_1", "an accepted warning", 1);
	add(d, "PX016", px_doc_name(ru), "no_such_unit", "a unit the documents do not have", 0);
	add(d, "PX017", px_doc_name(ru), NULL, "a finding about the whole document", 0);
	px_report_options o = PX_REPORT_OPTIONS_INIT;
	o.generated_at = "2026-11-25 21:00 UTC";
	struct page p;
	xmlHashTablePtr ids = make_page(&p, ru, zh, d, &o);
	assert_non_null(strstr(p.html, "2026-11-25 21:00 UTC"));
	for (size_t i = 0; i < px_diags_count(d); i++) {
		const px_diag *x = px_diags_get(d, i);
		char *m = escaped(x->message);
		/* in the list and, when it has a row, as a mark in place */
		size_t n = occurrences(p.html, m);
		bool placed = x->eid && strcmp(x->eid, "no_such_unit") != 0;
		if (n != (placed ? 2u : 1u))
			fail_msg("message '%s' appears %zu times", x->message, n);
		assert_non_null(strstr(p.html, x->rule));
		free(m);
	}
	/* the list: f-1 … f-7, each with a link to its unit when it has one */
	for (size_t i = 1; i <= px_diags_count(d); i++) {
		char id[16];
		snprintf(id, sizeof id, "f-%zu", i);
		assert_non_null(xmlHashLookup(ids, (const xmlChar *)id));
	}
	assert_null(xmlHashLookup(ids, (const xmlChar *)"f-8"));
	/* every unit of both documents has its anchor (metadata excepted) */
	const px_doc *docs[] = { ru, zh };
	for (int k = 0; k < 2; k++)
		for (px_unit *x = px_doc_first_unit(docs[k]); x; x = px_unit_next(x)) {
			if (strncmp(px_unit_kind(x), "TLC", 3) == 0)
				continue;
			char id[256];
			snprintf(id, sizeof id, "u-%s", px_unit_eid(x));
			if (!xmlHashLookup(ids, (const xmlChar *)id))
				fail_msg("no anchor for '%s'", id);
		}
	/* the highlighted rows */
	assert_non_null(strstr(p.html, "<tr id=\"u-sec_I__p_1\" class=\"error\">"));
	assert_non_null(strstr(p.html, "<tr id=\"u-sec_II\" class=\"h error\">"));
	assert_non_null(strstr(p.html, "<li class=\"accepted\">"));
	/* both languages are marked for fonts and screen readers */
	/* the subject of a finding is marked in the text */
	assert_non_null(strstr(p.html, "<td class=\"t ru\" lang=\"ru\"><mark class=\"error\">Стороны</mark>:"));
	assert_non_null(strstr(p.html, "<td class=\"t zh\" lang=\"zh\"><mark class=\"error\">双方</mark>："));
	/* a summary with counts; a print stylesheet */
	assert_non_null(strstr(p.html, "<span class=\"n\">5</span><span class=\"l\">errors</span>"));
	assert_non_null(strstr(p.html, "<span class=\"n\">1</span><span class=\"l\">accepted</span>"));
	assert_non_null(strstr(p.html, "@media print"));
	finish(&p, ids, d, ru, zh);
}

static void chinese_only_unit_is_placed_in_order(void **state)
{
	(void)state;
	px_doc *ru = load("validate/valid-ru.xml");
	px_doc *zh = load_edited("validate/valid-zh.xml", "<section eId=\"sec_II\">",
		"<section eId=\"sec_IIa\"><num>二、</num><heading>新增</heading><content>"
		"<p eId=\"sec_IIa__p_1\">只有中文。</p></content></section>\n");
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	add(d, "PX015", px_doc_name(zh), "sec_IIa__p_1", "only in Chinese", 0);
	struct page p;
	xmlHashTablePtr ids = make_page(&p, ru, zh, d, NULL);
	const char *a = strstr(p.html, "id=\"u-sec_I__list_1__item_1__p_1\"");
	const char *b = strstr(p.html, "id=\"u-sec_IIa__p_1\"");
	const char *c = strstr(p.html, "id=\"u-sec_II\"");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(a < b && b < c);
	assert_non_null(strstr(b, "not in the Russian text"));
	assert_true(strstr(b, "not in the Russian text") < c);
	finish(&p, ids, d, ru, zh);
}

static void clean_and_empty_reports(void **state)
{
	(void)state;
	px_doc *ru = load("validate/valid-ru.xml");
	px_doc *zh = load("validate/valid-zh.xml");
	struct page p;
	xmlHashTablePtr ids = make_page(&p, ru, zh, NULL, NULL);
	assert_non_null(strstr(p.html, "No errors or warnings"));
	assert_non_null(strstr(p.html, "No findings."));
	page_free(&p, ids);
	/* a Russian document alone */
	ids = make_page(&p, ru, NULL, NULL, NULL);
	assert_non_null(strstr(p.html, "not in the Chinese text"));
	page_free(&p, ids);
	px_doc_free(ru);
	px_doc_free(zh);
	/* a wrong options version */
	px_report_options o = { 99, NULL, NULL, NULL };
	px_buf b = PX_BUF_INIT;
	assert_int_equal(px_report_html(NULL, NULL, NULL, &o, &b), PX_EUSAGE);
	assert_int_equal(b.size, 0);
}

static void hostile_text_is_escaped(void **state)
{
	(void)state;
	/* a file name with markup and invalid UTF-8, a title with quotes */
	px_doc *ru = NULL;
	size_t len;
	char *bytes = slurp(data_path("validate/valid-ru.xml"), &len);
	assert_px_ok(px_doc_load_memory(&ru, bytes, len, "a<b>&\"c\xff\xfe.xml"));
	free(bytes);
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	add(d, "PX015", "x", "sec_I", "</td></tr><script>alert(1)</script>\x01", 0);
	px_report_options o = PX_REPORT_OPTIONS_INIT;
	o.title = "«Title» <b>'q'</b> & \"w\"";
	struct page p;
	xmlHashTablePtr ids = make_page(&p, ru, NULL, d, &o);
	assert_null(strstr(p.html, "<script"));
	assert_null(strstr(p.html, "<b>'q'"));
	assert_non_null(strstr(p.html, "&lt;b&gt;&#39;q&#39;&lt;/b&gt;"));
	assert_non_null(strstr(p.html, "a&lt;b&gt;&amp;&quot;c\xEF\xBF\xBD"));
	finish(&p, ids, d, ru, NULL);
}

/* ---- rows as the checker aligned them ------------------------------------- */

/* The text of a cell of the page at `p` (after `<td class="t LANG" …>`), up
 * to its </td>: without the bullet, the finding marks and the tags, with
 * the character references read; "" for a cell that says the unit is not
 * there. Returns the end of the cell. */
static const char *cell_text(const char *p, px_buf *out)
{
	px_buf_clear(out);
	const char *end = strstr(p, "</td>");
	assert_non_null(end);
	const char *none = strstr(p, "class=\"none\"");
	if (none && none < end)
		return end;
	int skip = 0; /* inside a bullet or the marks */
	for (const char *q = p; q < end;) {
		if (*q == '<') {
			if (strncmp(q, "<span class=\"bullet\">", 21) == 0 || strncmp(q, "<ul class=\"marks\">", 18) == 0)
				skip++;
			else if ((strncmp(q, "</span>", 7) == 0 || strncmp(q, "</ul>", 5) == 0) && skip)
				skip--;
			q = strchr(q, '>') + 1;
			continue;
		}
		if (skip) {
			q++;
			continue;
		}
		if (*q == '&') {
			static const char *const refs[][2] = { { "&#39;", "'" }, { "&amp;", "&" }, { "&lt;", "<" },
				{ "&gt;", ">" }, { "&quot;", "\"" } };
			size_t k = 0;
			for (; k < sizeof refs / sizeof refs[0]; k++)
				if (strncmp(q, refs[k][0], strlen(refs[k][0])) == 0)
					break;
			if (k < sizeof refs / sizeof refs[0]) {
				px_buf_puts(out, refs[k][1]);
				q += strlen(refs[k][0]);
				continue;
			}
		}
		px_buf_put(out, q, 1);
		q++;
	}
	return end;
}

/* The lines of examples/programme.zh.txt with one change, as a document. */
enum edit { DROP, ADD, MERGE, MOVE };

static px_doc *edited_chinese(enum edit e)
{
	size_t n;
	char *text = slurp(src_path("examples/programme.zh.txt"), &n);
	char *lines[400];
	size_t nl = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && nl < 400; l = strtok_r(NULL, "\n", &save))
		lines[nl++] = l;
	/* the items of section II, and the paragraphs of section VI */
	size_t items[40], paras[10], ni = 0, np = 0;
	bool in_vi = false;
	for (size_t i = 0; i < nl; i++) {
		if (strstr(lines[i], "——") == lines[i] + strlen("　　") && ni < 40)
			items[ni++] = i;
		if (strncmp(lines[i], "六、", strlen("六、")) == 0)
			in_vi = true;
		else if (in_vi && strncmp(lines[i], "　　", strlen("　　")) == 0 && np < 10)
			paras[np++] = i;
	}
	assert_true(ni > 8 && np >= 3);
	px_buf b = PX_BUF_INIT;
	for (size_t i = 0; i < nl; i++) {
		if (e == DROP && i == items[2])
			continue;
		if (e == MOVE && i == items[1]) {
			px_buf_printf(&b, "%s\n", lines[items[6]]);
			continue;
		}
		if (e == MOVE && i == items[6]) {
			px_buf_printf(&b, "%s\n", lines[items[1]]);
			continue;
		}
		if (e == MERGE && i == paras[1]) {
			px_buf_printf(&b, "%s%s\n", lines[i], lines[paras[2]] + strlen("　　"));
			continue;
		}
		if (e == MERGE && i == paras[2])
			continue;
		px_buf_printf(&b, "%s\n", lines[i]);
		if (e == ADD && i == items[4])
			px_buf_puts(&b, "　　——在人工智能领域新增一项联合培训活动；\n");
	}
	px_doc *doc = NULL;
	assert_px_ok(px_import_text(&doc, b.ptr, b.size, "edited.zh.txt", PX_LANG_ZH, NULL, NULL));
	px_buf_dispose(&b);
	free(text);
	return doc;
}

/* Reports of pairs with a dropped, an added, a merged and a moved Chinese
 * unit: every row shows a Russian unit beside its own translation (or
 * alone), a Chinese unit beside the Russian unit it translates (or alone);
 * never a Russian unit beside another unit's translation. */
static void rows_follow_the_alignment(void **state)
{
	(void)state;
	px_doc *ru = NULL, *zh0 = NULL;
	assert_px_ok(px_doc_load_file(&ru, src_path("examples/programme.ru.xml")));
	assert_px_ok(px_doc_load_file(&zh0, src_path("examples/programme.zh.xml")));
	px_checker *c = NULL;
	assert_px_ok(px_checker_new(&c, NULL));
	static const char *const names[] = { "dropped", "added", "merged", "moved" };
	for (int e = DROP; e <= MOVE; e++) {
		px_doc *zh = edited_chinese((enum edit)e);
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_alignment *al = NULL;
		int rc = px_check_pair_aligned(c, ru, zh, d, &al);
		assert_int_equal(rc, PX_EINVALID);
		assert_true(px_alignment_count(al) > 40);
		px_report_options o = PX_REPORT_OPTIONS_INIT;
		o.alignment = al;
		px_buf page = PX_BUF_INIT, ruc = PX_BUF_INIT, zhc = PX_BUF_INIT, want = PX_BUF_INIT;
		assert_px_ok(px_report_html(ru, zh, d, &o, &page));
		size_t rows = 0, alone_ru = 0, alone_zh = 0, joined = 0;
		for (const char *p = strstr(page.ptr, "<tr id=\"u-"); p; p = strstr(p, "<tr id=\"u-")) {
			p += strlen("<tr id=\"u-");
			char eid[256];
			size_t el = strcspn(p, "\"");
			snprintf(eid, sizeof eid, "%.*s", (int)el, p);
			const char *rt = strstr(p, "<td class=\"t ru\""), *next = strstr(p, "<tr id=\"u-");
			if (!rt || (next && rt > next))
				continue; /* a heading row */
			const char *end = cell_text(rt, &ruc);
			const char *zt = strstr(end, "<td class=\"t zh\"");
			assert_non_null(zt);
			cell_text(zt, &zhc);
			const char *rtext = ruc.ptr ? ruc.ptr : "", *ztext = zhc.ptr ? zhc.ptr : "";
			rows++;
			if (!*rtext) {
				if (getenv("PX_REPORT_DEBUG"))
					print_message("%s: alone Chinese row %s: %s\n", names[e], eid, ztext);
				alone_zh++;
				continue;
			}
			if (!*ztext) {
				alone_ru++;
				continue;
			}
			/* the Chinese text of the Russian unit in the correct pair
			 * (heading rows: the sections are not edited) */
			px_unit *u = px_doc_find(zh0, eid);
			assert_non_null(u);
			if (strcmp(px_unit_kind(u), "p") != 0)
				continue;
			px_buf_clear(&want);
			assert_px_ok(px_unit_text(u, &want));
			if (strcmp(ztext, want.ptr) != 0) {
				if (e == MERGE && strstr(ztext, want.ptr)) {
					joined++;
					continue;
				}
				fail_msg("%s: the row of %s shows '%s' beside '%s', the translation of another unit", names[e],
					eid, ztext, rtext);
			}
		}
		if (rows <= 40)
			fail_msg("%s: %zu rows", names[e], rows);
		/* every id once, and every link of the page to one of them */
		xmlHashTablePtr seen = xmlHashCreate(256);
		for (const char *p = strstr(page.ptr, " id=\""); p; p = strstr(p + 1, " id=\"")) {
			char id[300];
			snprintf(id, sizeof id, "%.*s", (int)strcspn(p + 5, "\""), p + 5);
			if (xmlHashAddEntry(seen, (const xmlChar *)id, (void *)1) < 0)
				fail_msg("%s: id '%s' twice", names[e], id);
		}
		for (const char *p = strstr(page.ptr, "href=\"#"); p; p = strstr(p + 1, "href=\"#")) {
			char id[300];
			snprintf(id, sizeof id, "%.*s", (int)strcspn(p + 7, "\""), p + 7);
			if (!xmlHashLookup(seen, (const xmlChar *)id))
				fail_msg("%s: a link to '%s', which is no id of the page", names[e], id);
		}
		xmlHashFree(seen, NULL);
		if (e == ADD) {
			/* the finding about the added unit leads to the row that shows it */
			const char *row = strstr(page.ptr, "<tr id=\"u-zh-sec_II__list_1__item_6__p_1\"");
			assert_non_null(row);
			const char *end = strstr(row, "</tr>");
			const char *text = strstr(row, "新增一项联合培训活动");
			assert_true(text && text < end);
		}
		switch (e) {
		case DROP: /* the dropped item's Russian unit alone, nothing else */
			assert_int_equal(alone_ru, 1);
			assert_int_equal(alone_zh, 0);
			break;
		case ADD: /* the new item alone */
			assert_int_equal(alone_ru, 0);
			assert_int_equal(alone_zh, 1);
			assert_non_null(strstr(page.ptr, "新增一项联合培训活动"));
			break;
		case MERGE: /* beside the first Russian paragraph; the second alone */
			assert_int_equal(joined, 1);
			assert_int_equal(alone_ru, 1);
			assert_int_equal(alone_zh, 0);
			break;
		case MOVE: /* each item beside its own translation, or alone */
			assert_int_equal(alone_ru, alone_zh);
			break;
		}
		px_buf_dispose(&page);
		px_buf_dispose(&ruc);
		px_buf_dispose(&zhc);
		px_buf_dispose(&want);
		px_alignment_free(al);
		px_diags_free(d);
		px_doc_free(zh);
	}
	px_checker_free(c);
	px_doc_free(ru);
	px_doc_free(zh0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_shows_every_finding),
		cmocka_unit_test(chinese_only_unit_is_placed_in_order),
		cmocka_unit_test(clean_and_empty_reports),
		cmocka_unit_test(hostile_text_is_escaped),
		cmocka_unit_test(rows_follow_the_alignment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
