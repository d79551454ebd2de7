/*
 * The HTML report of a parity check: one self-contained page.
 *
 * Page outline (XHTML syntax, so it is also well-formed XML):
 *
 *   header    title, the two files, generated-at, the summary (counts by
 *             severity, by category, accepted)
 *   findings  table of findings, row id "f-N", each linking to "#u-EID"
 *   texts     table of rows: eId | Russian | Chinese; a row id "u-EID"
 *   footer
 *
 * Rows. Units are walked in document order. A unit with a heading (a
 * section) becomes a heading row; a unit without units inside (p) becomes a
 * text row; any other unit (recitals, blockList, item, blockContainer …) is
 * a container: its anchor "u-EID" goes into the next row. Rows follow the
 * Russian document; a Chinese unit without a Russian counterpart is placed
 * after the row of the Chinese unit that precedes it. Every anchor appears
 * once, so each eId of either document has exactly one target.
 *
 * Findings are attached to the row that holds their eId's anchor, listed in
 * row order (findings without a known eId last), numbered from 1, and shown
 * as badges in the cell of the side whose file they name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/model.h"

/* ---- escaping ------------------------------------------------------------ */

/* Append `s` escaped for XML text and attribute values; invalid UTF-8 and
 * characters XML forbids become U+FFFD. */
static int esc_n(px_buf *o, const char *s, size_t len)
{
	int rc = 0;
	size_t i = 0, run = 0; /* bytes [run, i) need no escaping */
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t n = 1;
		if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '"')
			rep = "&quot;";
		else if (c == '\'')
			rep = "&#39;";
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			rep = "\xEF\xBF\xBD";
		else if (c >= 0x80) {
			uint32_t cp;
			n = (size_t)px_utf8_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF)
				rep = "\xEF\xBF\xBD";
		}
		if (rep) {
			rc |= px_buf_put(o, s + run, i - run);
			rc |= px_buf_puts(o, rep);
			run = i + n;
		}
		i += n;
	}
	rc |= px_buf_put(o, s + run, i - run);
	return rc ? PX_ENOMEM : 0;
}

static int esc(px_buf *o, const char *s)
{
	return s ? esc_n(o, s, strlen(s)) : 0;
}

/* An eId for reading: a line may break after each "__". */
static int esc_eid(px_buf *o, const char *eid)
{
	int rc = 0;
	const char *p = eid;
	for (const char *q; p && (q = strstr(p, "__")) != NULL; p = q + 2) {
		rc |= esc_n(o, p, (size_t)(q + 2 - p));
		rc |= px_buf_puts(o, "<wbr/>");
	}
	rc |= esc(o, p);
	return rc ? PX_ENOMEM : 0;
}

/* An id or fragment from an eId: eIds are NCName-like; anything else is
 * escaped so that the attribute stays well-formed. */
static int put_id(px_buf *o, const char *prefix, const char *eid)
{
	int rc = px_buf_puts(o, prefix);
	return rc | esc(o, eid);
}

/* ---- rows ---------------------------------------------------------------- */

struct row {
	const char *eid;        /* borrowed from a document */
	bool heading;
	px_unit *ru, *zh;       /* the unit on each side, or NULL */
	const char **anchors;   /* container eIds anchored here (may repeat) */
	size_t nanchors;
	size_t after;           /* placement of a Chinese-only row: after ru row `after - 1`, 0 = first */
	size_t f0, nf;          /* its findings: order[f0 .. f0+nf) */
};

struct rows {
	struct row *v;
	size_t n, cap;
};

struct report {
	const px_doc *ru, *zh;
	const px_diags *d;
	const px_alignment *al;  /* the checker's, or NULL: units paired by eId */
	xmlHashTablePtr zh2ru;   /* with al: Chinese eId -> Russian eId ("" none) */
	xmlHashTablePtr ru2zh;   /* with al: Russian eId -> Chinese eId ("" none) */
	xmlHashTablePtr where_zh; /* with al: Chinese eId -> row index + 1 (anchor "u-zh-EID") */
	struct rows rows;        /* final order */
	xmlHashTablePtr where;   /* eId -> row index + 1 */
	size_t *order;           /* finding indexes in list order */
	size_t *row_of;          /* per finding: row index + 1, 0 if none */
	px_buf tmp;
};

static int push_row(struct rows *r, const struct row *x)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 64;
		struct row *nv = realloc(r->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		r->v = nv;
		r->cap = nc;
	}
	r->v[r->n++] = *x;
	return 0;
}

static void rows_dispose(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].anchors);
	free(r->v);
	memset(r, 0, sizeof *r);
}

static bool has_heading(px_unit *u, px_buf *tmp)
{
	if (strcmp(px_unit_kind(u), "section") == 0)
		return true;
	if (px_div_of_element(px_unit_kind(u)) != PX_DIV_NONE && strcmp(px_unit_kind(u), "paragraph") != 0)
		return true; /* chapters, articles, points: their number, even without a heading */
	px_buf_clear(tmp);
	px_unit_heading(u, tmp);
	return tmp->size > 0;
}

/* Is the unit metadata (TLCOrganization … inside meta) rather than text?
 * A px_unit is the element itself (doc.c). */
static bool in_meta(px_unit *u)
{
	for (xmlNodePtr n = (xmlNodePtr)u; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (px_is(n, "meta"))
			return true;
	return false;
}

/* The rows of one document in its order, containers as anchors. */
static int walk(const px_doc *doc, bool is_ru, struct rows *out, px_buf *tmp)
{
	const char **pending = NULL;
	size_t np = 0, cp = 0;
	int rc = 0;
	for (px_unit *u = doc ? px_doc_first_unit(doc) : NULL; u; u = px_unit_next(u)) {
		if (in_meta(u))
			continue;
		const char *eid = px_unit_eid(u);
		px_unit *next = px_unit_next(u);
		bool leaf = !(next && px_unit_parent(next) == u);
		bool heading = has_heading(u, tmp);
		if (!leaf && !heading) {
			if (np == cp) {
				size_t nc = cp ? cp * 2 : 8;
				const char **nv = realloc(pending, nc * sizeof *nv);
				if (!nv) {
					rc = px_fail_oom();
					break;
				}
				pending = nv;
				cp = nc;
			}
			pending[np++] = eid;
			continue;
		}
		struct row r = { 0 };
		r.eid = eid;
		r.heading = heading;
		if (is_ru)
			r.ru = u;
		else
			r.zh = u;
		r.anchors = pending;
		r.nanchors = np;
		if ((rc = push_row(out, &r)) < 0)
			break;
		pending = NULL;
		np = cp = 0;
	}
	if (rc == 0 && np) {
		/* containers with nothing inside at the end: a row of their own */
		struct row r = { 0 };
		r.eid = pending[np - 1];
		r.anchors = pending;
		r.nanchors = np;
		if ((rc = push_row(out, &r)) == 0)
			pending = NULL;
	}
	free(pending);
	return rc;
}

static int map_eid(struct report *R, const char *eid, size_t row)
{
	if (!eid || xmlHashLookup(R->where, (const xmlChar *)eid))
		return 0;
	return xmlHashAddEntry(R->where, (const xmlChar *)eid, (void *)(uintptr_t)(row + 1)) < 0 ? px_fail_oom() : 0;
}

static size_t row_of_eid(const struct report *R, const char *eid)
{
	return eid ? (size_t)(uintptr_t)xmlHashLookup(R->where, (const xmlChar *)eid) : 0;
}

/* The maps of the checker's alignment: each eId to its counterpart's (""
 * when it has none), the first row that names it. */
static int alignment_maps(struct report *R)
{
	if (!R->al)
		return 0;
	if (!(R->zh2ru = xmlHashCreate(256)) || !(R->ru2zh = xmlHashCreate(256)))
		return px_fail_oom();
	for (size_t i = 0; i < px_alignment_count(R->al); i++) {
		const char *r, *z;
		px_alignment_get(R->al, i, &r, &z);
		if (z && !xmlHashLookup(R->zh2ru, (const xmlChar *)z) &&
			xmlHashAddEntry(R->zh2ru, (const xmlChar *)z, (void *)(r ? r : "")) < 0)
			return px_fail_oom();
		if (r && !xmlHashLookup(R->ru2zh, (const xmlChar *)r) &&
			xmlHashAddEntry(R->ru2zh, (const xmlChar *)r, (void *)(z ? z : "")) < 0)
			return px_fail_oom();
	}
	return 0;
}

/* The counterpart of eId `eid` of one side: as the checker aligned it when
 * it did (NULL: none), else the unit with the same eId. */
static const char *counterpart(const struct report *R, xmlHashTablePtr map, const char *eid)
{
	const char *c = map && eid ? xmlHashLookup(map, (const xmlChar *)eid) : NULL;
	if (!c)
		return eid;
	return *c ? c : NULL;
}

/* Merge the Russian rows and the Chinese-only rows into R->rows: a Chinese
 * unit beside the Russian unit the checker paired it with (or, without an
 * alignment, the one with its eId). */
static int build_rows(struct report *R)
{
	struct rows ru = { 0 }, zh = { 0 };
	int rc = alignment_maps(R);
	if (rc == 0)
		rc = walk(R->ru, true, &ru, &R->tmp);
	if (rc == 0)
		rc = walk(R->zh, false, &zh, &R->tmp);
	if (rc < 0)
		goto done;
	/* where each Chinese-only row goes: after the Russian row of the
	 * Chinese row before it */
	xmlHashTablePtr ru_rows = xmlHashCreate(256);
	if (!ru_rows) {
		rc = px_fail_oom();
		goto done;
	}
	for (size_t i = 0; i < ru.n && rc == 0; i++)
		if (!xmlHashLookup(ru_rows, (const xmlChar *)ru.v[i].eid) &&
			xmlHashAddEntry(ru_rows, (const xmlChar *)ru.v[i].eid, (void *)(uintptr_t)(i + 1)) < 0)
			rc = px_fail_oom();
	size_t after = 0;
	for (size_t i = 0; i < zh.n && rc == 0; i++) {
		const char *partner = counterpart(R, R->zh2ru, zh.v[i].eid);
		size_t k = partner ? (size_t)(uintptr_t)xmlHashLookup(ru_rows, (const xmlChar *)partner) : 0;
		if (k) {
			after = k;
			/* the Chinese row's container anchors, and its own eId when
			 * it is another, join the Russian row */
			struct row *r = &ru.v[k - 1];
			/* aligned: the Chinese eIds anchor apart (u-zh-EID, below) */
			size_t more = R->al ? 0 : zh.v[i].nanchors + (strcmp(partner, zh.v[i].eid) != 0);
			if (more) {
				const char **nv = realloc(r->anchors, (r->nanchors + more) * sizeof *nv);
				if (!nv) {
					rc = px_fail_oom();
					break;
				}
				if (zh.v[i].nanchors)
					memcpy(nv + r->nanchors, zh.v[i].anchors, zh.v[i].nanchors * sizeof *nv);
				if (strcmp(partner, zh.v[i].eid) != 0)
					nv[r->nanchors + zh.v[i].nanchors] = zh.v[i].eid;
				r->anchors = nv;
				r->nanchors += more;
			}
			free(zh.v[i].anchors);
			zh.v[i].anchors = NULL;
			zh.v[i].eid = NULL; /* merged */
		} else {
			zh.v[i].after = after;
		}
	}
	xmlHashFree(ru_rows, NULL);
	if (rc < 0)
		goto done;
	/* final order: Chinese-only rows placed before all, then each Russian
	 * row followed by the Chinese-only rows placed after it */
	size_t z = 0;
	for (size_t i = 0; i <= ru.n && rc == 0; i++) {
		if (i > 0) {
			struct row r = ru.v[i - 1];
			const char *partner = counterpart(R, R->ru2zh, r.eid);
			r.zh = R->zh && partner ? px_doc_find(R->zh, partner) : NULL;
			/* a Chinese unit that joins two Russian ones: beside the first */
			if (r.zh && R->al && i > 1 && R->rows.n && R->rows.v[R->rows.n - 1].zh == r.zh)
				r.zh = NULL;
			ru.v[i - 1].anchors = NULL;
			rc = push_row(&R->rows, &r);
		}
		for (; z < zh.n && rc == 0; z++) {
			if (!zh.v[z].eid)
				continue;
			if (zh.v[z].after != i)
				break;
			rc = push_row(&R->rows, &zh.v[z]);
			zh.v[z].anchors = NULL;
		}
	}
	/* anchors: every eId once, at its first row; aligned, the Chinese
	 * units' eIds apart from the Russian ones (they are another text's
	 * numbering): "u-zh-EID" at the row that shows the unit */
	if (R->al && !(R->where_zh = xmlHashCreate(256)))
		rc = px_fail_oom();
	for (size_t i = 0; i < R->rows.n && rc == 0; i++) {
		struct row *r = &R->rows.v[i];
		if (R->al && r->zh) {
			const char *ze = px_unit_eid(r->zh);
			if (ze && !xmlHashLookup(R->where_zh, (const xmlChar *)ze) &&
				xmlHashAddEntry(R->where_zh, (const xmlChar *)ze, (void *)(uintptr_t)(i + 1)) < 0)
				rc = px_fail_oom();
		}
		if (!R->al || r->ru)
			rc |= map_eid(R, r->eid, i);
		for (size_t a = 0; a < r->nanchors && rc == 0; a++)
			rc = map_eid(R, r->anchors[a], i);
	}
done:
	rows_dispose(&ru);
	rows_dispose(&zh);
	return rc;
}

/* List order of findings: by row, findings without a row last, then in
 * their original order. */
struct fkey {
	size_t row; /* row index + 1, or SIZE_MAX */
	size_t i;
};

static int cmp_fkey(const void *a, const void *b)
{
	const struct fkey *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Is the finding located in the Chinese document (aligned reports keep its
 * eIds apart)? */
static bool in_chinese(const struct report *R, const px_diag *x)
{
	return R->where_zh && x->loc.file && R->zh && strcmp(x->loc.file, px_doc_name(R->zh)) == 0 &&
		x->eid && xmlHashLookup(R->where_zh, (const xmlChar *)x->eid);
}

static size_t row_of_finding(const struct report *R, const px_diag *x)
{
	if (in_chinese(R, x))
		return (size_t)(uintptr_t)xmlHashLookup(R->where_zh, (const xmlChar *)x->eid);
	return row_of_eid(R, x->eid);
}

static int place_findings(struct report *R)
{
	size_t n = px_diags_count(R->d);
	struct fkey *k = malloc((n ? n : 1) * sizeof *k);
	R->order = malloc((n ? n : 1) * sizeof *R->order);
	R->row_of = calloc(n ? n : 1, sizeof *R->row_of);
	if (!k || !R->order || !R->row_of) {
		free(k);
		return px_fail_oom();
	}
	for (size_t i = 0; i < n; i++) {
		R->row_of[i] = row_of_finding(R, px_diags_get(R->d, i));
		k[i].row = R->row_of[i] ? R->row_of[i] : SIZE_MAX;
		k[i].i = i;
	}
	qsort(k, n, sizeof *k, cmp_fkey);
	for (size_t i = 0; i < n; i++)
		R->order[i] = k[i].i;
	free(k);
	for (size_t j = 0; j < n;) {
		size_t r = R->row_of[R->order[j]], j0 = j;
		while (j < n && R->row_of[R->order[j]] == r)
			j++;
		if (r) {
			R->rows.v[r - 1].f0 = j0;
			R->rows.v[r - 1].nf = j - j0;
		}
	}
	return 0;
}

/* ---- output --------------------------------------------------------------- */

/* The style sheet, one rule (or group) per string. */
static const char *const css[] = {
	":root{--ink:#1d2433;--muted:#5b6474;--line:#d9dee7;--soft:#f5f7fa;--accent:#1f3a5f;"
	"--err:#b42318;--err-bg:#fef3f2;--warn:#a15c07;--warn-bg:#fffaeb;--info:#175cd3;--info-bg:#eff6ff;"
	"--ok:#067647;--ok-bg:#ecfdf3;--acc:#667085;--acc-bg:#f2f4f7}\n",
	"*{box-sizing:border-box}\n",
	"html{-webkit-text-size-adjust:100%}\n",
	"body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 \"Segoe UI\",\"Noto Sans\",\"PT Sans\","
	"\"Helvetica Neue\",Arial,sans-serif}\n",
	"main{max-width:1320px;margin:0 auto;padding:0 28px 48px}\n",
	"header.top{background:var(--accent);color:#fff;padding:26px 0 22px;margin-bottom:26px}\n",
	"header.top .in{max-width:1320px;margin:0 auto;padding:0 28px}\n",
	"header.top .kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;opacity:.8}\n",
	"header.top h1{margin:4px 0 6px;font-size:26px;font-weight:600;line-height:1.25}\n",
	"header.top .doc{font-size:15px;opacity:.92;max-width:70em}\n",
	"dl.files{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:14px 0 0;font-size:13px}\n",
	"dl.files dt{opacity:.75}dl.files dd{margin:0;font-family:\"DejaVu Sans Mono\",Consolas,monospace;"
	"word-break:break-all}\n",
	"nav.toc{font-size:13px;margin:0 0 18px;color:var(--muted)}\n",
	"nav.toc a{color:var(--accent);margin-right:16px}\n",
	"h2{font-size:19px;font-weight:600;margin:30px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}\n",
	".stats{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}\n",
	".stat{min-width:130px;padding:10px 16px;border-radius:8px;border:1px solid var(--line);background:var(--soft)}\n",
	".stat .n{display:block;font-size:26px;font-weight:700;line-height:1.1}\n",
	".stat .l{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}\n",
	".stat.error .n{color:var(--err)}.stat.warning .n{color:var(--warn)}.stat.info .n{color:var(--info)}"
	".stat.accepted .n{color:var(--acc)}\n",
	".verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600;margin:4px 0 10px}\n",
	".verdict.clean{background:var(--ok-bg);color:var(--ok)}.verdict.dirty{background:var(--err-bg);color:var(--err)}\n",
	".cats{font-size:13px;color:var(--muted)}\n",
	".chip{display:inline-block;margin:2px 6px 2px 0;padding:1px 9px;border:1px solid var(--line);"
	"border-radius:999px;background:#fff;color:var(--ink)}\n",
	"table{border-collapse:collapse;width:100%}\n",
	"table.findings{font-size:14px}\n",
	"table.findings th,table.findings td{text-align:left;vertical-align:top;padding:7px 10px;"
	"border-bottom:1px solid var(--line)}\n",
	"table.findings th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);"
	"background:var(--soft)}\n",
	"table.findings tr.accepted td{color:var(--acc)}\n",
	"table.findings td.num{color:var(--muted);width:3em}\n",
	".sev{display:inline-block;min-width:5.6em;text-align:center;padding:1px 8px;border-radius:4px;"
	"font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}\n",
	".sev.error{background:var(--err-bg);color:var(--err);border:1px solid #fda29b}\n",
	".sev.warning{background:var(--warn-bg);color:var(--warn);border:1px solid #fedf89}\n",
	".sev.info{background:var(--info-bg);color:var(--info);border:1px solid #b2ccff}\n",
	".sev.accepted{background:var(--acc-bg);color:var(--acc);border:1px solid var(--line)}\n",
	".rule{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:13px}\n",
	".where{display:block;font-size:12px;color:var(--muted);font-family:\"DejaVu Sans Mono\",Consolas,"
	"monospace;word-break:break-all}\n",
	".reason{display:block;font-size:12px;font-style:italic}\n",
	"a{color:var(--accent)}\n",
	"a.eid,span.eid{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:12px;text-decoration:none;"
	"overflow-wrap:anywhere}\n"
	"a.eid:hover{text-decoration:underline}\n",
	"span.zheid{color:var(--muted);font-size:11px}\n",
	".none{color:var(--muted);font-style:italic}\n",
	"table.texts{table-layout:fixed;border:1px solid var(--line)}\n",
	"table.texts col.g{width:150px}\n",
	"table.texts thead th{position:sticky;top:0;z-index:1;background:var(--accent);color:#fff;text-align:left;"
	"font-weight:600;padding:8px 12px;font-size:13px}\n",
	"table.texts td{vertical-align:top;padding:9px 12px;border-top:1px solid var(--line)}\n",
	"table.texts td.g{font-size:11px;color:var(--muted);border-left:4px solid transparent;background:var(--soft)}\n",
	"table.texts td.t{font-family:\"PT Serif\",\"Noto Serif\",\"Times New Roman\",Georgia,serif;font-size:15.5px;"
	"line-height:1.6}\n",
	"table.texts td.t:lang(zh){font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"Songti SC\",SimSun,"
	"serif;line-height:1.75}\n",
	"table.texts tr.h td.t{font-family:\"Segoe UI\",\"Noto Sans\",\"Noto Sans CJK SC\",\"PT Sans\",Arial,sans-serif;"
	"font-weight:600;font-size:16px;background:#eef2f7;padding-top:12px}\n",
	"table.texts tr.h td.g{background:#eef2f7}\n",
	"table.texts td.ru{border-right:1px solid var(--line)}\n",
	"table.texts tr.error td.g{border-left-color:var(--err)}table.texts tr.error td.t{background:var(--err-bg)}\n",
	"table.texts tr.warning td.g{border-left-color:var(--warn)}table.texts tr.warning td.t{background:var(--warn-bg)}\n",
	"table.texts tr.info td.g{border-left-color:var(--info)}table.texts tr.info td.t{background:var(--info-bg)}\n",
	"table.texts tr.accepted td.g{border-left-color:var(--acc)}\n",
	"table.texts tr:target td{outline:2px solid var(--accent);outline-offset:-2px}\n",
	".bullet{color:var(--muted);margin-right:.4em}\n",
	"mark{padding:0 2px;border-radius:3px;background:#fde68a;color:inherit}\n"
	"mark.error{background:#fecdca;box-shadow:inset 0 -2px 0 var(--err)}"
	"mark.warning{background:#fef0c7;box-shadow:inset 0 -2px 0 var(--warn)}"
	"mark.info{background:#d1e9ff;box-shadow:inset 0 -2px 0 var(--info)}"
	"mark.accepted{background:#eaecf0}\n",
	".hnum{margin-right:.5em}\n",
	"ul.marks{list-style:none;margin:8px 0 0;padding:0;font-family:\"Segoe UI\",\"Noto Sans\",\"Noto Sans CJK SC\","
	"Arial,sans-serif;font-size:13px;line-height:1.45;font-weight:400}\n",
	"ul.marks li{margin:4px 0;padding:4px 8px;border-radius:4px;background:#fff;border:1px solid var(--line);"
	"border-left-width:3px}\n",
	"ul.marks li.error{border-left-color:var(--err)}ul.marks li.warning{border-left-color:var(--warn)}"
	"ul.marks li.info{border-left-color:var(--info)}ul.marks li.accepted{border-left-color:var(--acc);"
	"color:var(--acc)}\n",
	"ul.marks a{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-weight:600;text-decoration:none;"
	"margin-right:.5em}\n",
	"ul.marks li.error a{color:var(--err)}ul.marks li.warning a{color:var(--warn)}ul.marks li.info a{color:var(--info)}"
	"ul.marks li.accepted a{color:var(--acc)}\n",
	"footer{margin-top:36px;padding-top:12px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}\n",
	"@media print{\n",
	"@page{size:A4 landscape;margin:12mm}\n",
	"body{font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n",
	"main,header.top .in{max-width:none;padding:0}\n",
	"header.top{background:none;color:var(--ink);padding:0 0 8px;margin-bottom:10px;border-bottom:2px solid var(--ink)}\n",
	"nav.toc{display:none}\n",
	"a{color:inherit;text-decoration:none}\n",
	"h2{break-after:avoid}\n",
	"tr{break-inside:avoid}\n",
	"table.texts thead th{position:static;background:#fff;color:var(--ink);border-bottom:2px solid var(--ink)}\n",
	"table.texts thead{display:table-header-group}\n",
	"table.texts td.t{font-size:10.5pt}\n",
	"section.texts{break-before:page}\n",
	"}\n",
};

struct counts {
	size_t sev[3], accepted;
	const char *cat[32];
	size_t ncat_n[32];
	size_t ncat;
	size_t other;   /* findings of categories beyond the table */
};

static void count(const px_diags *d, struct counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < px_diags_count(d); i++) {
		const px_diag *x = px_diags_get(d, i);
		if (x->accepted) {
			c->accepted++;
			continue;
		}
		c->sev[x->severity]++;
		size_t k = 0;
		while (k < c->ncat && strcmp(c->cat[k], x->category) != 0)
			k++;
		if (k == c->ncat) {
			if (k == sizeof c->cat / sizeof c->cat[0]) {
				c->other++;
				continue;
			}
			c->cat[c->ncat++] = x->category;
		}
		c->ncat_n[k]++;
	}
}

static const char *sev_class(const px_diag *x)
{
	return x->accepted ? "accepted" : px_severity_name(x->severity);
}

/* 0: the finding concerns the Russian side, 1: the Chinese side. */
static int side_of(const struct report *R, const px_diag *x)
{
	if (x->loc.file && R->zh && strcmp(x->loc.file, px_doc_name(R->zh)) == 0)
		return 1;
	return 0;
}

static int put_header(struct report *R, const px_report_options *o, px_buf *out)
{
	int rc = 0;
	const char *title = o && o->title ? o->title : "Parity check report";
	px_buf doc_title = PX_BUF_INIT;
	px_unit *t = R->ru ? px_doc_find(R->ru, "preface__p_1") : NULL;
	if (t)
		rc |= px_unit_text(t, &doc_title);
	rc |= px_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
		"<meta name=\"generator\" content=\"paralex ");
	rc |= esc(out, px_version());
	rc |= px_buf_puts(out, "\"/>\n<title>");
	rc |= esc(out, title);
	if (doc_title.size) {
		rc |= px_buf_puts(out, " \xE2\x80\x94 ");
		rc |= esc(out, doc_title.ptr);
	}
	rc |= px_buf_puts(out, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof css / sizeof css[0]; i++)
		rc |= px_buf_puts(out, css[i]);
	rc |= px_buf_puts(out, "</style>\n</head>\n<body>\n");
	rc |= px_buf_puts(out, "<header class=\"top\"><div class=\"in\">\n<div class=\"kicker\">paralex \xC2\xB7 "
		"Russian\xE2\x80\x93" "Chinese parity check</div>\n<h1>");
	rc |= esc(out, title);
	rc |= px_buf_puts(out, "</h1>\n");
	if (doc_title.size) {
		rc |= px_buf_puts(out, "<div class=\"doc\" lang=\"ru\">");
		rc |= esc(out, doc_title.ptr);
		rc |= px_buf_puts(out, "</div>\n");
	}
	rc |= px_buf_puts(out, "<dl class=\"files\">\n<dt>Russian</dt><dd>");
	rc |= R->ru ? esc(out, px_doc_name(R->ru)) : px_buf_puts(out, "\xE2\x80\x94");
	rc |= px_buf_puts(out, "</dd>\n<dt>Chinese</dt><dd>");
	rc |= R->zh ? esc(out, px_doc_name(R->zh)) : px_buf_puts(out, "\xE2\x80\x94");
	rc |= px_buf_puts(out, "</dd>\n");
	if (o && o->generated_at) {
		rc |= px_buf_puts(out, "<dt>Generated</dt><dd>");
		rc |= esc(out, o->generated_at);
		rc |= px_buf_puts(out, "</dd>\n");
	}
	rc |= px_buf_puts(out, "</dl>\n</div></header>\n<main>\n<nav class=\"toc\"><a href=\"#summary\">Summary</a>"
		"<a href=\"#findings\">Findings</a><a href=\"#texts\">Texts side by side</a></nav>\n");
	px_buf_dispose(&doc_title);
	return rc ? PX_ENOMEM : 0;
}

static int put_summary(struct report *R, px_buf *out)
{
	struct counts c;
	count(R->d, &c);
	int rc = px_buf_puts(out, "<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n");
	bool clean = c.sev[PX_SEV_ERROR] == 0 && c.sev[PX_SEV_WARNING] == 0;
	rc |= px_buf_printf(out, "<div class=\"verdict %s\">%s</div>\n", clean ? "clean" : "dirty",
		clean ? "No errors or warnings" : "The two texts differ: review the findings below");
	rc |= px_buf_printf(out, "<div class=\"stats\">\n"
		"<div class=\"stat error\"><span class=\"n\">%zu</span><span class=\"l\">errors</span></div>\n"
		"<div class=\"stat warning\"><span class=\"n\">%zu</span><span class=\"l\">warnings</span></div>\n"
		"<div class=\"stat info\"><span class=\"n\">%zu</span><span class=\"l\">notes</span></div>\n"
		"<div class=\"stat accepted\"><span class=\"n\">%zu</span><span class=\"l\">accepted</span></div>\n"
		"</div>\n", c.sev[PX_SEV_ERROR], c.sev[PX_SEV_WARNING], c.sev[PX_SEV_INFO], c.accepted);
	rc |= px_buf_puts(out, "<div class=\"cats\">By category: ");
	if (c.ncat == 0)
		rc |= px_buf_puts(out, "<span class=\"none\">none</span>");
	for (size_t k = 0; k < c.ncat; k++) {
		rc |= px_buf_puts(out, "<span class=\"chip\">");
		rc |= esc(out, c.cat[k]);
		rc |= px_buf_printf(out, " <b>%zu</b></span>", c.ncat_n[k]);
	}
	if (c.other)
		rc |= px_buf_printf(out, "<span class=\"chip\">other <b>%zu</b></span>", c.other);
	rc |= px_buf_puts(out, "</div>\n</section>\n");
	return rc ? PX_ENOMEM : 0;
}

static int put_where(px_buf *out, const px_loc *l)
{
	if (!l->file)
		return 0;
	int rc = px_buf_puts(out, "<span class=\"where\">");
	rc |= esc(out, l->file);
	if (l->line > 0)
		rc |= px_buf_printf(out, ":%d", l->line);
	if (l->line > 0 && l->col > 0)
		rc |= px_buf_printf(out, ":%d", l->col);
	rc |= px_buf_puts(out, "</span>");
	return rc;
}

static int put_findings(struct report *R, px_buf *out)
{
	size_t n = px_diags_count(R->d);
	int rc = px_buf_puts(out, "<section class=\"findings\" id=\"findings\">\n<h2>Findings</h2>\n");
	if (n == 0)
		return px_buf_puts(out, "<p class=\"none\">No findings.</p>\n</section>\n") ? PX_ENOMEM : rc;
	rc |= px_buf_puts(out, "<table class=\"findings\">\n<thead><tr><th>#</th><th>Severity</th><th>Rule</th>"
		"<th>Category</th><th>Unit</th><th>Message</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < n; k++) {
		const px_diag *x = px_diags_get(R->d, R->order[k]);
		const char *cls = sev_class(x);
		rc |= px_buf_printf(out, "<tr id=\"f-%zu\" class=\"%s\"><td class=\"num\">%zu</td>"
			"<td><span class=\"sev %s\">%s</span></td><td class=\"rule\">", k + 1, cls, k + 1, cls,
			x->accepted ? "accepted" : px_severity_name(x->severity));
		rc |= esc(out, x->rule);
		rc |= px_buf_puts(out, "</td><td>");
		rc |= esc(out, x->category);
		rc |= px_buf_puts(out, "</td><td>");
		if (R->row_of[R->order[k]]) {
			rc |= put_id(out, in_chinese(R, x) ? "<a class=\"eid\" href=\"#u-zh-" : "<a class=\"eid\" href=\"#u-",
				x->eid);
			rc |= px_buf_puts(out, "\">");
			rc |= esc_eid(out, x->eid);
			rc |= px_buf_puts(out, "</a>");
		} else if (x->eid) {
			rc |= px_buf_puts(out, "<span class=\"eid\">");
			rc |= esc(out, x->eid);
			rc |= px_buf_puts(out, "</span>");
		} else {
			rc |= px_buf_puts(out, "<span class=\"none\">document</span>");
		}
		rc |= px_buf_puts(out, "</td><td>");
		rc |= esc(out, x->message);
		rc |= put_where(out, &x->loc);
		if (x->accepted) {
			rc |= px_buf_puts(out, "<span class=\"reason\">accepted");
			if (x->reason && *x->reason) {
				rc |= px_buf_puts(out, ": ");
				rc |= esc(out, x->reason);
			}
			rc |= px_buf_puts(out, "</span>");
		}
		rc |= px_buf_puts(out, "</td></tr>\n");
	}
	rc |= px_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	return rc ? PX_ENOMEM : 0;
}

/* The subjects of a row's findings: the first two '…'-quoted strings of each
 * message, marked where they occur in the row's texts. */
#define MAX_NEEDLES 16

struct needles {
	const char *s[MAX_NEEDLES];
	size_t len[MAX_NEEDLES];
	const char *cls[MAX_NEEDLES];
	size_t n;
};

static void row_needles(const struct report *R, const struct row *r, struct needles *nd)
{
	nd->n = 0;
	for (size_t k = r->f0; k < r->f0 + r->nf; k++) {
		const px_diag *x = px_diags_get(R->d, R->order[k]);
		const char *p = x->message;
		for (int q = 0; q < 2 && p && nd->n < MAX_NEEDLES; q++) {
			const char *open = strchr(p, '\'');
			const char *close = open ? strchr(open + 1, '\'') : NULL;
			if (!close)
				break;
			size_t len = (size_t)(close - open - 1);
			if (len >= 2) {
				/* longest first, so that a longer subject wins */
				size_t i = nd->n++;
				while (i > 0 && nd->len[i - 1] < len) {
					nd->s[i] = nd->s[i - 1];
					nd->len[i] = nd->len[i - 1];
					nd->cls[i] = nd->cls[i - 1];
					i--;
				}
				nd->s[i] = open + 1;
				nd->len[i] = len;
				nd->cls[i] = sev_class(x);
			}
			p = close + 1;
		}
	}
}

/* Escape `s`, wrapping each occurrence of a needle in <mark>. */
static int esc_marked(px_buf *o, const char *s, size_t len, const struct needles *nd)
{
	int rc = 0;
	size_t i = 0, run = 0;
	while (i < len) {
		size_t k = 0;
		while (k < nd->n && !(nd->len[k] <= len - i && memcmp(s + i, nd->s[k], nd->len[k]) == 0))
			k++;
		if (k < nd->n) {
			rc |= esc_n(o, s + run, i - run);
			rc |= px_buf_printf(o, "<mark class=\"%s\">", nd->cls[k]);
			rc |= esc_n(o, s + i, nd->len[k]);
			rc |= px_buf_puts(o, "</mark>");
			i += nd->len[k];
			run = i;
			continue;
		}
		uint32_t cp;
		i += (size_t)px_utf8_decode(s + i, len - i, &cp);
	}
	rc |= esc_n(o, s + run, len - run);
	return rc ? PX_ENOMEM : 0;
}

/* The num of unit `u` (a section's "I.", an item's "—") in a span. */
static int put_num(struct report *R, px_unit *u, const char *cls, px_buf *out)
{
	px_buf_clear(&R->tmp);
	int rc = px_unit_num(u, &R->tmp);
	if (R->tmp.size) {
		rc |= px_buf_printf(out, "<span class=\"%s\">", cls);
		rc |= esc_n(out, R->tmp.ptr, R->tmp.size);
		rc |= px_buf_puts(out, "</span>");
	}
	return rc;
}

/* The text of one side of a row. */
static int put_unit_text(struct report *R, px_unit *u, bool heading, const struct needles *nd, px_buf *out)
{
	int rc = 0;
	px_unit *p = px_unit_parent(u);
	if (heading)
		rc |= put_num(R, u, "hnum", out);
	else if (p && strcmp(px_unit_kind(p), "item") == 0)
		rc |= put_num(R, p, "bullet", out);
	px_buf_clear(&R->tmp);
	rc |= heading ? px_unit_heading(u, &R->tmp) : px_unit_text(u, &R->tmp);
	rc |= esc_marked(out, R->tmp.ptr ? R->tmp.ptr : "", R->tmp.size, nd);
	return rc ? PX_ENOMEM : 0;
}

static int put_marks(struct report *R, const struct row *r, int side, px_buf *out)
{
	int rc = 0;
	bool open = false;
	for (size_t k = r->f0; k < r->f0 + r->nf; k++) {
		const px_diag *x = px_diags_get(R->d, R->order[k]);
		if (side_of(R, x) != side)
			continue;
		if (!open)
			rc |= px_buf_puts(out, "<ul class=\"marks\">");
		open = true;
		rc |= px_buf_printf(out, "<li class=\"%s\"><a href=\"#f-%zu\" title=\"finding %zu\">", sev_class(x),
			k + 1, k + 1);
		rc |= esc(out, x->rule);
		rc |= px_buf_puts(out, "</a>");
		rc |= esc(out, x->message);
		if (x->accepted)
			rc |= px_buf_puts(out, " <em>(accepted)</em>");
		rc |= px_buf_puts(out, "</li>");
	}
	if (open)
		rc |= px_buf_puts(out, "</ul>");
	return rc ? PX_ENOMEM : 0;
}

static const char *row_class(const struct report *R, const struct row *r)
{
	int worst = -1;
	bool accepted = false;
	for (size_t k = r->f0; k < r->f0 + r->nf; k++) {
		const px_diag *x = px_diags_get(R->d, R->order[k]);
		if (x->accepted)
			accepted = true;
		else if ((int)x->severity > worst)
			worst = (int)x->severity;
	}
	if (worst >= 0)
		return px_severity_name((px_severity)worst);
	return accepted ? "accepted" : NULL;
}

static int put_row(struct report *R, size_t i, px_buf *out)
{
	const struct row *r = &R->rows.v[i];
	const char *cls = row_class(R, r);
	int rc = px_buf_puts(out, "<tr");
	bool zh_only = R->al && !r->ru;
	const char *ze = R->al && r->zh ? px_unit_eid(r->zh) : NULL;
	bool zh_here = ze && (size_t)(uintptr_t)xmlHashLookup(R->where_zh, (const xmlChar *)ze) == i + 1;
	if (zh_only ? zh_here : row_of_eid(R, r->eid) == i + 1) {
		rc |= put_id(out, zh_only ? " id=\"u-zh-" : " id=\"u-", zh_only ? ze : r->eid);
		rc |= px_buf_puts(out, "\"");
		if (zh_only)
			zh_here = false; /* the row's id says it */
	}
	if (r->heading || cls) {
		rc |= px_buf_printf(out, " class=\"%s%s%s\"", r->heading ? "h" : "", r->heading && cls ? " " : "",
			cls ? cls : "");
	}
	rc |= px_buf_puts(out, "><td class=\"g\">");
	/* container anchors that belong here */
	for (size_t a = 0; a < r->nanchors; a++) {
		const char *e = r->anchors[a];
		bool first = row_of_eid(R, e) == i + 1 && strcmp(e, r->eid) != 0;
		for (size_t b = 0; first && b < a; b++)
			if (strcmp(r->anchors[b], e) == 0)
				first = false;
		if (first) {
			rc |= put_id(out, "<span id=\"u-", e);
			rc |= px_buf_puts(out, "\"></span>");
		}
	}
	if (zh_here) {
		rc |= put_id(out, "<span id=\"u-zh-", ze);
		rc |= px_buf_puts(out, "\"></span>");
	}
	rc |= put_id(out, zh_only ? "<a class=\"eid\" href=\"#u-zh-" : "<a class=\"eid\" href=\"#u-", r->eid);
	rc |= px_buf_puts(out, "\">");
	rc |= esc_eid(out, r->eid);
	if (ze && !zh_only && strcmp(ze, r->eid) != 0) {
		/* the Chinese unit beside it is numbered otherwise */
		rc |= px_buf_puts(out, "<br/><span class=\"zheid\" lang=\"en\">zh ");
		rc |= esc_eid(out, ze);
		rc |= px_buf_puts(out, "</span>");
	}
	rc |= px_buf_puts(out, "</a></td>");
	static const char *const cell[2] = { "\n<td class=\"t ru\" lang=\"ru\">", "</td>\n<td class=\"t zh\" lang=\"zh\">" };
	static const char *const absent[2] = { "not in the Russian text", "not in the Chinese text" };
	struct needles nd;
	row_needles(R, r, &nd);
	for (int side = 0; side < 2; side++) {
		px_unit *u = side ? r->zh : r->ru;
		rc |= px_buf_puts(out, cell[side]);
		if (u)
			rc |= put_unit_text(R, u, r->heading, &nd, out);
		else
			rc |= px_buf_printf(out, "<span class=\"none\" lang=\"en\">%s</span>", absent[side]);
		rc |= put_marks(R, r, side, out);
	}
	rc |= px_buf_puts(out, "</td></tr>\n");
	return rc ? PX_ENOMEM : 0;
}

static int put_texts(struct report *R, px_buf *out)
{
	int rc = px_buf_puts(out, "<section class=\"texts\" id=\"texts\">\n<h2>Texts side by side</h2>\n"
		"<table class=\"texts\">\n<colgroup><col class=\"g\"/><col/><col/></colgroup>\n"
		"<thead><tr><th>Unit</th><th lang=\"ru\">\xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 "
		"\xD1\x82\xD0\xB5\xD0\xBA\xD1\x81\xD1\x82</th><th lang=\"zh\">\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87"
		"\xE6\x9C\xAC</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < R->rows.n && rc == 0; i++)
		rc |= put_row(R, i, out);
	if (R->rows.n == 0)
		rc |= px_buf_puts(out, "<tr><td class=\"g\"></td><td class=\"t none\" colspan=\"2\">No text.</td></tr>\n");
	rc |= px_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	return rc ? PX_ENOMEM : 0;
}

int px_report_html(const px_doc *ru, const px_doc *zh, const px_diags *findings, const px_report_options *opts,
	px_buf *out)
{
	if (opts && px_options_version("px_report_options", opts->version, 1, PX_REPORT_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	px_diags *none = NULL;
	if (!findings) {
		if (px_diags_new(&none) < 0)
			return PX_ENOMEM;
		findings = none;
	}
	struct report R = { .ru = ru, .zh = zh, .d = findings,
		.al = opts && opts->version >= 2 ? opts->alignment : NULL };
	px_buf page = PX_BUF_INIT;
	int rc = 0;
	R.where = xmlHashCreate(256);
	if (!R.where) {
		rc = px_fail_oom();
		goto done;
	}
	if ((rc = build_rows(&R)) < 0 || (rc = place_findings(&R)) < 0 ||
		(rc = put_header(&R, opts, &page)) < 0 || (rc = put_summary(&R, &page)) < 0 ||
		(rc = put_findings(&R, &page)) < 0 || (rc = put_texts(&R, &page)) < 0)
		goto done;
	if (px_buf_puts(&page, "<footer>Generated by paralex ") < 0 || esc(&page, px_version()) < 0 ||
		px_buf_puts(&page, ". Each finding links to its unit; each mark in the texts links back to the "
			"list.</footer>\n</main>\n</body>\n</html>\n") < 0 ||
		px_buf_put(out, page.ptr, page.size) < 0)
		rc = px_fail_oom();
done:
	if (rc < 0 && rc == PX_ENOMEM)
		px_fail_oom();
	px_buf_dispose(&page);
	px_buf_dispose(&R.tmp);
	rows_dispose(&R.rows);
	if (R.where)
		xmlHashFree(R.where, NULL);
	if (R.zh2ru)
		xmlHashFree(R.zh2ru, NULL);
	if (R.ru2zh)
		xmlHashFree(R.ru2zh, NULL);
	if (R.where_zh)
		xmlHashFree(R.where_zh, NULL);
	free(R.order);
	free(R.row_of);
	px_diags_free(none);
	return rc;
}
