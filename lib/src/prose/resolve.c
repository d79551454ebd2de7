/*
 * Prose, step 5: a path of references resolved in the base document, by
 * the drafting convention of docs/amend.md:
 *
 *   раздел N / 第N部分, статья N / 第N条, глава N / 第N章   the division so
 *       numbered (N.1, 之一: the division inserted after N);
 *   пункт N of an article / 第N款   its Nth numbered paragraph, or, in an
 *       article without numbered paragraphs, its Nth paragraph;
 *   часть N   the Nth unnumbered paragraph;
 *   абзац N / 第N段   the Nth of the paragraphs and list items of the unit,
 *       in reading order (a section's introductory paragraph is the first;
 *       each list item is one more); in the preamble, its first paragraph,
 *       then each recital, then the enacting formula;
 *   подпункт N, «б» / 第N项, 第（N）项   the Nth list item, or the item
 *       whose marker is that letter;
 *   преамбула / 序言, заключительная часть / 结尾部分: those parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prose/prose_int.h"

static const char *noun_en(enum pr_noun n)
{
	switch (n) {
	case N_SECTION: return "section";
	case N_CHAPTER: return "chapter";
	case N_ARTICLE: return "article";
	case N_POINT: return "paragraph (пункт, 款)";
	case N_PART: return "part";
	case N_ABZAC: return "paragraph (абзац, 段)";
	case N_ITEM: return "item";
	case N_PREAMBLE: return "preamble";
	case N_CONCL: return "final part";
	case N_HEADING: return "heading";
	default: return "unit";
	}
}

void pr_path_say(const struct pr_path *p, px_lang lang, char *out, size_t size)
{
	static const char *const ru[] = { [N_SECTION] = "раздел", [N_CHAPTER] = "глава", [N_ARTICLE] = "статья",
		[N_POINT] = "пункт", [N_PART] = "часть", [N_ABZAC] = "абзац", [N_ITEM] = "подпункт",
		[N_PREAMBLE] = "преамбула", [N_CONCL] = "заключительная часть", [N_SIGNATURE] = "подпись",
		[N_HEADING] = "наименование", [N_SENTENCE] = "предложение", [N_WORDS] = "слова" };
	static const char *const zh[] = { [N_SECTION] = "部分", [N_CHAPTER] = "章", [N_ARTICLE] = "条", [N_POINT] = "款",
		[N_PART] = "段", [N_ABZAC] = "段", [N_ITEM] = "项", [N_PREAMBLE] = "序言", [N_CONCL] = "结尾部分",
		[N_SIGNATURE] = "签字", [N_HEADING] = "标题", [N_SENTENCE] = "句", [N_WORDS] = "文字" };
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < p->n && o + 1 < size; i++) {
		const struct pr_ref *r = &p->r[i];
		int w;
		if (lang == PX_LANG_ZH) {
			char num[32] = "";
			if (r->n && px_hanzi_format(r->n, num, sizeof num) < 0)
				snprintf(num, sizeof num, "%d", r->n);
			if (r->letter[0])
				w = snprintf(out + o, size - o, "第（%s）%s", r->letter, zh[r->noun] ? zh[r->noun] : "?");
			else if (r->n)
				w = snprintf(out + o, size - o, "第%s%s", num, zh[r->noun] ? zh[r->noun] : "?");
			else
				w = snprintf(out + o, size - o, "%s", zh[r->noun] ? zh[r->noun] : "?");
		} else {
			char num[32] = "";
			if (r->noun == N_SECTION && r->n && px_roman_format(r->n, num, sizeof num) < 0)
				snprintf(num, sizeof num, "%d", r->n);
			else if (r->noun != N_SECTION && r->n)
				snprintf(num, sizeof num, "%d", r->n);
			if (r->sub)
				snprintf(num + strlen(num), sizeof num - strlen(num), ".%d", r->sub);
			w = snprintf(out + o, size - o, "%s%s%s%s%s%s", i ? ", " : "", ru[r->noun] ? ru[r->noun] : "?",
				r->n || r->letter[0] ? " " : "", num, r->letter[0] ? "«" : "", r->letter[0] ? r->letter : "");
			if (r->letter[0] && w > 0 && o + (size_t)w + 3 < size)
				w += snprintf(out + o + (size_t)w, size - o - (size_t)w, "»");
		}
		if (w < 0)
			break;
		o += (size_t)w < size - o ? (size_t)w : size - o - 1;
	}
}

struct pr_div {
	xmlNodePtr node;
	px_div d;
	int n, sub;       /* by its number as written («1.», «Статья 7.1», «第七条之一») */
	int en, esub;     /* by its eId (sec_II, art_7.1), 0 when it says none */
};

void pr_base_dispose(struct pr_base *b)
{
	free(b->div);
	free(b->by_eid);
	free(b->by_num);
	b->div = NULL;
	b->by_eid = b->by_num = NULL;
	b->mask = 0;
	b->ndiv = 0;
	b->listed = false;
}

static size_t div_hash(px_div d, int n, int sub)
{
	size_t h = (size_t)d * 0x9E3779B97F4A7C15u ^ (size_t)(unsigned)n * 0xC2B2AE3D27D4EB4Fu ^ (size_t)(unsigned)sub;
	return h ^ (h >> 29);
}

/* Index the divisions listed: the first of each kind and number keeps its
 * slot (as the linear search found the first). */
static void index_divisions(struct pr_base *b)
{
	size_t slots = 16;
	while (slots < b->ndiv * 2 + 2)
		slots *= 2;
	b->by_eid = calloc(slots, sizeof *b->by_eid);
	b->by_num = calloc(slots, sizeof *b->by_num);
	if (!b->by_eid || !b->by_num) {
		free(b->by_eid);
		free(b->by_num);
		b->by_eid = b->by_num = NULL;
		return; /* the linear search then */
	}
	b->mask = slots - 1;
	for (size_t i = 0; i < b->ndiv; i++) {
		const struct pr_div *x = &b->div[i];
		size_t k = div_hash(x->d, x->en, x->esub) & b->mask;
		bool seen = false;
		for (; b->by_eid[k] && !seen; k = (k + 1) & b->mask) {
			const struct pr_div *y = &b->div[b->by_eid[k] - 1];
			seen = y->d == x->d && y->en == x->en && y->esub == x->esub;
		}
		if (!seen)
			b->by_eid[k] = i + 1;
		k = div_hash(x->d, x->n, x->sub) & b->mask;
		seen = false;
		for (; b->by_num[k] && !seen; k = (k + 1) & b->mask) {
			const struct pr_div *y = &b->div[b->by_num[k] - 1];
			seen = y->d == x->d && y->n == x->n && y->sub == x->sub;
		}
		if (!seen)
			b->by_num[k] = i + 1;
	}
}

/* Every section, chapter and article of the body, in document order, once. */
static void list_divisions(struct pr_base *b)
{
	static const px_div kinds[] = { PX_DIV_SECTION, PX_DIV_CHAPTER, PX_DIV_ARTICLE };
	b->listed = true;
	xmlNodePtr body = px_child(px_doc_root(b->doc), "mainBody");
	size_t cap = 0;
	for (xmlNodePtr e = body ? px_first_el(body) : NULL; e;) {
		px_div d = PX_DIV_NONE;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (px_is(e, px_div_info(kinds[k])->element))
				d = kinds[k];
		if (d != PX_DIV_NONE) {
			if (b->ndiv == cap) {
				size_t c2 = cap ? cap * 2 : 64;
				struct pr_div *v = realloc(b->div, c2 * sizeof *v);
				if (!v)
					return;
				b->div = v;
				cap = c2;
			}
			struct pr_div *x = &b->div[b->ndiv++];
			*x = (struct pr_div){ e, d, 0, 0, 0, 0 };
			xmlNodePtr num = px_child(e, "num");
			px_buf t = PX_BUF_INIT;
			if (num && px_node_text(num, &t) == 0 && t.ptr)
				x->n = px_div_num_value(d, t.ptr, t.size, &x->sub);
			px_buf_dispose(&t);
			/* the last part of its eId: sec_II, art_7, art_7.1 */
			const char *id = px_attr(e, "eId"), *last = id ? strrchr(id, '_') : NULL;
			if (last) {
				const char *v = last + 1;
				int sub = 0, n = d == PX_DIV_SECTION ? px_roman_parse(v, strcspn(v, ".")) : atoi(v);
				const char *dot = strchr(v, '.');
				if (dot)
					sub = atoi(dot + 1);
				if (n <= 0 && v[0] >= '0' && v[0] <= '9')
					n = atoi(v);
				x->en = n;
				x->esub = sub;
			}
		}
		/* divisions hold divisions, and nothing below a division's own
		 * text (its content, lists, paragraphs) holds one */
		e = px_next_in_order(e, body, !(px_is(e, "p") || px_is(e, "content") || px_is(e, "blockList") ||
			px_is(e, "num") || px_is(e, "heading") || px_is(e, "intro") || px_is(e, "paragraph") ||
			px_is(e, "point")));
	}
}

/* A division (section, article, chapter) numbered n (sub) anywhere in the body:
 * by its eId, else by its number as written. */
static xmlNodePtr division(struct pr_base *b, px_div d, int n, int sub)
{
	if (!b->listed) {
		list_divisions(b);
		index_divisions(b);
	}
	if (b->by_eid) {
		for (size_t k = div_hash(d, n, sub) & b->mask; b->by_eid[k]; k = (k + 1) & b->mask) {
			const struct pr_div *y = &b->div[b->by_eid[k] - 1];
			if (y->d == d && y->en == n && y->esub == sub)
				return y->node;
		}
		for (size_t k = div_hash(d, n, sub) & b->mask; b->by_num[k]; k = (k + 1) & b->mask) {
			const struct pr_div *y = &b->div[b->by_num[k] - 1];
			if (y->d == d && y->n == n && y->sub == sub)
				return y->node;
		}
		return NULL;
	}
	for (size_t i = 0; i < b->ndiv; i++)
		if (b->div[i].d == d && b->div[i].en == n && b->div[i].esub == sub)
			return b->div[i].node;
	for (size_t i = 0; i < b->ndiv; i++)
		if (b->div[i].d == d && b->div[i].n == n && b->div[i].sub == sub)
			return b->div[i].node;
	return NULL;
}

struct units {
	xmlNodePtr *v;
	size_t n, cap;
	bool oom;
};

static void unit_add(struct units *u, xmlNodePtr e)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		xmlNodePtr *v = realloc(u->v, cap * sizeof *v);
		if (!v) {
			u->oom = true;
			return;
		}
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n++] = e;
}

/* The абзацы / 段 of a unit in reading order: its paragraphs (p outside
 * lists), its list items, its recitals. */
static void abzacs(xmlNodePtr e, struct units *u, bool items_only)
{
	for (xmlNodePtr c = px_first_el(e); c && !u->oom; c = px_next_el(c)) {
		if (px_is(c, "num") || px_is(c, "heading"))
			continue;
		if (px_is(c, "item")) {
			unit_add(u, c);
			/* a nested list's items count after their item */
			for (xmlNodePtr l = px_child(c, "blockList"); l; l = px_next_el(l))
				if (px_is(l, "blockList"))
					abzacs(l, u, true);
			continue;
		}
		if ((px_is(c, "p") || px_is(c, "recital") || px_is(c, "formula") || px_is(c, "listIntroduction")) &&
			!items_only) {
			unit_add(u, c);
			continue;
		}
		abzacs(c, u, items_only);
	}
}

/* The numbered paragraphs of a unit, or, without any, its paragraphs. */
static void points(xmlNodePtr e, struct units *u)
{
	for (xmlNodePtr c = px_first_el(e); c; c = px_next_el(c))
		if (px_is(c, "paragraph"))
			unit_add(u, c);
	if (u->n == 0) {
		xmlNodePtr content = px_child(e, "content");
		for (xmlNodePtr c = content ? px_first_el(content) : NULL; c; c = px_next_el(c))
			if (px_is(c, "p"))
				unit_add(u, c);
	}
}

static bool num_is_letter(xmlNodePtr item, const char *letter)
{
	xmlNodePtr num = px_child(item, "num");
	px_buf t = PX_BUF_INIT;
	bool hit = num && px_node_text(num, &t) == 0 && t.ptr && strncmp(t.ptr, letter, strlen(letter)) == 0;
	if (!hit && t.ptr) {
		/* «（二）», «(b)»: the letter inside brackets */
		const char *p = strstr(t.ptr, letter);
		hit = p && p - t.ptr <= 3;
	}
	px_buf_dispose(&t);
	return hit;
}

xmlNodePtr pr_resolve(struct pr_base *base, const struct pr_path *p, char *why, size_t size)
{
	xmlNodePtr root = px_doc_root(base->doc), cur = root ? px_child(root, "mainBody") : NULL;
	char said[256];
	pr_path_say(p, base->lang, said, sizeof said);
	if (!cur) {
		snprintf(why, size, "%s: the base document has no body", said);
		return NULL;
	}
	if (p->n == 0) {
		snprintf(why, size, "the text names no unit of the base document");
		return NULL;
	}
	for (int i = 0; i < p->n; i++) {
		const struct pr_ref *r = &p->r[i];
		struct units u = { 0 };
		xmlNodePtr next = NULL;
		switch (r->noun) {
		case N_SECTION:
		case N_ARTICLE:
		case N_CHAPTER: {
			px_div d = r->noun == N_SECTION ? PX_DIV_SECTION : r->noun == N_ARTICLE ? PX_DIV_ARTICLE : PX_DIV_CHAPTER;
			next = division(base, d, r->n, r->sub);
			if (!next) {
				snprintf(why, size, "%s: the base document has no %s %d%s", said, noun_en(r->noun), r->n,
					r->sub ? ".n" : "");
				return NULL;
			}
			break;
		}
		case N_PREAMBLE:
			next = px_child(root, "preamble");
			break;
		case N_CONCL:
			next = px_child(root, "conclusions");
			break;
		case N_HEADING:
			if (!px_child(cur, "heading")) {
				snprintf(why, size, "%s: this %s has no heading", said, (const char *)cur->name);
				return NULL;
			}
			next = cur;
			break;
		case N_POINT:
			points(cur, &u);
			break;
		case N_PART: {
			struct units all = { 0 };
			abzacs(cur, &all, false);
			for (size_t k = 0; k < all.n; k++)
				if (px_is(all.v[k], "p"))
					unit_add(&u, all.v[k]);
			free(all.v);
			break;
		}
		case N_ABZAC:
			abzacs(cur, &u, false);
			break;
		case N_ITEM:
			abzacs(cur, &u, true);
			if (r->letter[0]) {
				for (size_t k = 0; k < u.n && !next; k++)
					if (num_is_letter(u.v[k], r->letter))
						next = u.v[k];
				if (!next) {
					snprintf(why, size, "%s: no item «%s» in %s", said, r->letter, px_attr(cur, "eId") ? px_attr(cur, "eId") : "it");
					free(u.v);
					return NULL;
				}
			}
			break;
		default:
			snprintf(why, size, "%s: a reference of this kind cannot be resolved", said);
			return NULL;
		}
		if (!next) {
			if (u.oom || r->n < 1 || (size_t)r->n > u.n) {
				snprintf(why, size, "%s: %s has %zu %s%s", said, px_attr(cur, "eId") ? px_attr(cur, "eId") : (const char *)cur->name,
					u.n, noun_en(r->noun), u.n == 1 ? "" : "s");
				free(u.v);
				return NULL;
			}
			next = u.v[r->n - 1];
		}
		free(u.v);
		cur = next;
	}
	return cur;
}

xmlNodePtr pr_resolve_signature(const px_doc *base, const char *name, char *why, size_t size)
{
	xmlNodePtr concl = px_child(px_doc_root(base), "conclusions");
	px_buf want = PX_BUF_INIT, t = PX_BUF_INIT;
	px_collapse_space(name, strlen(name), &want);
	/* «за Министерство …» / «……代表»: the name without the role words */
	const char *w = want.ptr ? want.ptr : "";
	if (strncmp(w, "за ", strlen("за ")) == 0 || strncmp(w, "За ", strlen("За ")) == 0)
		w += strlen("за ");
	size_t wl = strlen(w);
	if (wl >= strlen("代表") && strcmp(w + wl - strlen("代表"), "代表") == 0)
		wl -= strlen("代表");
	xmlNodePtr hit = NULL;
	int hits = 0;
	for (xmlNodePtr bc = concl ? px_first_el(concl) : NULL; bc; bc = px_next_el(bc)) {
		if (!px_is(bc, "blockContainer"))
			continue;
		px_buf_clear(&t);
		px_node_text(bc, &t);
		char *key = px_strndup(w, wl);
		/* the name as the text gives it, in the block; or the block's
		 * name (without «За», 代表) in what the text says */
		bool found = key && t.ptr && strstr(t.ptr, key);
		if (!found && key && t.ptr) {
			px_buf core = PX_BUF_INIT;
			const char *b = t.ptr;
			size_t bl = t.size;
			if (strncmp(b, "За ", strlen("За ")) == 0) {
				b += strlen("За ");
				bl -= strlen("За ");
			}
			if (bl > strlen("代表") && strcmp(b + bl - strlen("代表"), "代表") == 0)
				bl -= strlen("代表");
			if (px_buf_put(&core, b, bl) == 0 && core.ptr && bl > 6)
				found = strstr(key, core.ptr) != NULL;
			px_buf_dispose(&core);
		}
		free(key);
		if (wl && found) {
			hit = bc;
			hits++;
		}
	}
	if (!hit)
		snprintf(why, size, "no signature block of the base names '%.*s'", (int)(wl > 200 ? 200 : wl), w);
	else if (hits > 1)
		snprintf(why, size, "%d signature blocks of the base name '%.*s'", hits, (int)(wl > 200 ? 200 : wl), w);
	px_buf_dispose(&want);
	px_buf_dispose(&t);
	return hits == 1 ? hit : NULL;
}

xmlNodePtr pr_resolve_text_unit(xmlNodePtr dest, const char *words, size_t wlen)
{
	if (px_is(dest, "p") || px_is(dest, "item") || px_is(dest, "recital") || px_is(dest, "heading"))
		return dest;
	struct units u = { 0 };
	abzacs(dest, &u, false);
	if (u.n == 1) {
		xmlNodePtr only = u.v[0];
		free(u.v);
		return only;
	}
	if (!words || !wlen) {
		free(u.v);
		return dest;
	}
	/* the one paragraph that holds the words */
	xmlNodePtr hit = NULL;
	int hits = 0;
	char *key = px_strndup(words, wlen);
	px_buf t = PX_BUF_INIT;
	for (size_t i = 0; key && i < u.n; i++) {
		px_buf_clear(&t);
		px_node_text(u.v[i], &t);
		if (t.ptr && strstr(t.ptr, key)) {
			hit = u.v[i];
			hits++;
		}
	}
	px_buf_dispose(&t);
	free(key);
	free(u.v);
	return hits == 1 ? hit : dest;
}
