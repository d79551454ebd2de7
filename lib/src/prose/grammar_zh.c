/*
 * Prose, step 4 (Chinese): a clause read as operations.
 *
 *   将 REF 修改为：“……”                       restate
 *   将 REF 中的“……”修改为（改为）“……”          replace words
 *   删去 REF 中的“……”                          delete words
 *   删去 REF                                   repeal (also 废止, 失效)
 *   在 REF 之后（之前，开头）增加一段，内容如下：“……”   insert a unit
 *   REF 增加一款，作为第三款：“……”              insert a unit numbered so
 *   在 REF 中的“……”之后增加“……”               insert words
 *   在 REF 末尾增加“……”                        append words
 *   在……签字之后增加签字如下：“……”              add a signature
 *
 * References: 第 + a numeral (一 … 九十九, digits, full-width digits, in
 * （） or not) + 部分 / 章 / 条 / 款 / 项 / 段 / 句, 之一 for a sub-number
 * (第七条之一); 序言, 结尾部分, 标题. Several numbers joined by 和 / 及 /
 * 、 give several operations.
 */
#include <stdlib.h>
#include <string.h>

#include "prose/prose_int.h"

struct zref {
	struct pr_ref r;
	size_t a, b; /* in the stream */
};

struct zquote {
	size_t a, b, qa, qb;
};

static bool at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* The bytes of a numeral at s (Han numerals, ASCII or full-width digits). */
static size_t numeral_len(const char *s, size_t len)
{
	static const char *const han[] = { "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百",
		"千" };
	size_t i = 0;
	for (;;) {
		bool hit = false;
		if (i < len && s[i] >= '0' && s[i] <= '9') {
			i++;
			continue;
		}
		if (at(s, len, i, "\xEF\xBC") && i + 2 < len && (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
			i += 3; /* full-width digit */
			continue;
		}
		for (size_t k = 0; k < sizeof han / sizeof han[0] && !hit; k++)
			if (at(s, len, i, han[k])) {
				i += strlen(han[k]);
				hit = true;
			}
		if (!hit)
			return i;
	}
}

static int numeral_value(const char *s, size_t n)
{
	char buf[64];
	size_t o = 0;
	bool ascii = true;
	for (size_t i = 0; i < n && o + 1 < sizeof buf;) {
		if (s[i] >= '0' && s[i] <= '9') {
			buf[o++] = s[i++];
		} else if (at(s, n, i, "\xEF\xBC")) {
			buf[o++] = (char)('0' + ((unsigned char)s[i + 2] - 0x90));
			i += 3;
		} else {
			ascii = false;
			break;
		}
	}
	if (ascii && o) {
		buf[o] = '\0';
		return atoi(buf);
	}
	return px_hanzi_parse(s, n);
}

static const struct {
	const char *word;
	enum pr_noun noun;
} units[] = {
	{ "部分", N_SECTION }, { "章", N_CHAPTER }, { "条", N_ARTICLE }, { "款", N_POINT }, { "项", N_ITEM },
	{ "段", N_ABZAC }, { "句", N_SENTENCE },
};

/* A reference at s[i]: 第 + numeral + unit (之一); its end in *end. */
static bool ref_at(const char *s, size_t len, size_t i, struct pr_ref *r, size_t *end)
{
	if (!at(s, len, i, "第"))
		return false;
	size_t j = i + strlen("第");
	bool paren = at(s, len, j, "（") || at(s, len, j, "(");
	if (paren)
		j += at(s, len, j, "（") ? strlen("（") : 1;
	size_t n = numeral_len(s + j, len - j);
	if (!n)
		return false;
	int v = numeral_value(s + j, n);
	j += n;
	if (paren) {
		if (at(s, len, j, "）"))
			j += strlen("）");
		else if (at(s, len, j, ")"))
			j++;
		else
			return false;
	}
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
		if (!at(s, len, j, units[k].word))
			continue;
		j += strlen(units[k].word);
		*r = (struct pr_ref){ units[k].noun, v, 0, "" };
		if (at(s, len, j, "之")) {
			size_t m = numeral_len(s + j + strlen("之"), len - j - strlen("之"));
			if (m) {
				r->sub = numeral_value(s + j + strlen("之"), m);
				j += strlen("之") + m;
			}
		}
		*end = j;
		return v > 0;
	}
	return false;
}

struct zscan {
	struct zref ref[16];
	size_t nref;
	struct zquote q[8];
	size_t nq;
};

static void scan(const struct pr_stream *st, const struct pr_clause *c, struct zscan *z)
{
	const char *s = st->text.ptr;
	size_t i = c->span.a, end = c->span.b, pi = c->from;
	memset(z, 0, sizeof *z);
	while (i < end) {
		size_t past = pr_past_marker(st, c, i, &pi);
		if (past != i) {
			i = past;
			continue;
		}
		size_t olen, ca, cb, qend, e2;
		struct pr_ref r;
		if (pr_quote_at(s, end, i, &olen, &ca, &cb, &qend)) {
			if (z->nq < sizeof z->q / sizeof z->q[0])
				z->q[z->nq++] = (struct zquote){ i, qend, ca, cb };
			i = qend;
		} else if (ref_at(s, end, i, &r, &e2)) {
			if (z->nref < sizeof z->ref / sizeof z->ref[0])
				z->ref[z->nref++] = (struct zref){ r, i, e2 };
			i = e2;
		} else if (at(s, end, i, "序言")) {
			if (z->nref < sizeof z->ref / sizeof z->ref[0])
				z->ref[z->nref++] = (struct zref){ { N_PREAMBLE, 0, 0, "" }, i, i + strlen("序言") };
			i += strlen("序言");
		} else if (at(s, end, i, "标题") || at(s, end, i, "名称")) {
			if (z->nref < sizeof z->ref / sizeof z->ref[0])
				z->ref[z->nref++] = (struct zref){ { N_HEADING, 0, 0, "" }, i, i + strlen("标题") };
			i += strlen("标题");
		} else {
			uint32_t cp;
			i += (size_t)px_utf8_decode(s + i, end - i, &cp);
		}
	}
}

/* Is position p of the stream inside one of the quotations? */
static bool quoted(const struct zscan *z, size_t p)
{
	for (size_t i = 0; i < z->nq; i++)
		if (p >= z->q[i].a && p < z->q[i].b)
			return true;
	return false;
}

/* The first position of `word` in the clause outside quotations, or (size_t)-1. */
static size_t find_out(const struct pr_stream *st, const struct pr_clause *c, const struct zscan *z, const char *word)
{
	const char *s = st->text.ptr;
	size_t n = strlen(word);
	for (size_t i = c->span.a; i + n <= c->span.b; i++)
		if (memcmp(s + i, word, n) == 0 && !quoted(z, i))
			return i;
	return (size_t)-1;
}

static size_t first_out(const struct pr_stream *st, const struct pr_clause *c, const struct zscan *z,
	const char *const *words)
{
	size_t best = (size_t)-1;
	for (size_t k = 0; words[k]; k++) {
		size_t p = find_out(st, c, z, words[k]);
		if (p < best)
			best = p;
	}
	return best;
}

static void set_new(const struct pr_stream *st, struct pr_op *op, const struct zquote *q)
{
	pr_op_set_new(st, op, q->a, q->qa, q->qb, q->b);
}

static enum pr_noun new_unit_noun(const char *s, size_t len, size_t i)
{
	/* 增加一段 / 两段 / 一项 / 一款 / 一条 / 一部分 / 一章 / 下列段落 */
	size_t n = numeral_len(s + i, len - i);
	i += n;
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
		if (at(s, len, i, units[k].word))
			return units[k].noun;
	if (at(s, len, i, "个部分"))
		return N_SECTION;
	return N_NONE;
}

void pr_context_zh(const struct pr_stream *st, const struct pr_clause *c, struct pr_path *out)
{
	struct zscan z;
	scan(st, c, &z);
	out->n = 0;
	for (size_t i = 0; i < z.nref && out->n < PR_PATH_MAX; i++) {
		struct pr_path one = { .n = 1 };
		one.r[0] = z.ref[i].r;
		pr_path_merge(out, &one);
	}
}

int pr_read_zh(const struct pr_stream *st, const struct pr_clause *c, const struct pr_path *context, size_t ci,
	struct pr_ops *ops, bool *noop)
{
	const char *s = st->text.ptr;
	struct zscan z;
	scan(st, c, &z);
	struct pr_op op = { 0 };
	op.clause = ci;
	op.line = c->line;
	static const char *const restate[] = { "修改为", "改为", "修改如下", "修订为", "更改为", NULL };
	static const char *const del[] = { "删去", "删除", NULL };
	static const char *const repeal[] = { "废止", "失效", "不再适用", NULL };
	static const char *const add[] = { "增加", "增补", "补充", "新增", "增写", NULL };
	size_t v_restate = first_out(st, c, &z, restate), v_del = first_out(st, c, &z, del),
	       v_repeal = first_out(st, c, &z, repeal), v_add = first_out(st, c, &z, add);
	size_t zhong = find_out(st, c, &z, "中的");
	size_t verb = (size_t)-1;
	if (v_add != (size_t)-1 && (v_restate == (size_t)-1 || v_add < v_restate)) {
		verb = v_add;
		size_t after_verb = verb + strlen("增加");
		if (at(s, c->span.b, after_verb, "签字") || at(s, c->span.b, after_verb, "一个签字") ||
			at(s, c->span.b, after_verb, "以下签字")) {
			op.act = A_ADD_SIGNATURE;
		} else if (z.nq >= 2 && z.q[0].b <= verb && z.q[1].a > verb &&
			((zhong != (size_t)-1 && zhong < verb) || find_out(st, c, &z, "之后") < verb)) {
			/* 在……“X”之后增加“Y”: the words after X */
			op.act = A_INSERT_WORDS;
			op.pos = P_AFTER;
			zhong = zhong != (size_t)-1 && zhong < z.q[0].a ? zhong : z.q[0].a - 1;
		} else if (new_unit_noun(s, c->span.b, after_verb) != N_NONE && new_unit_noun(s, c->span.b, after_verb) != N_SENTENCE) {
			/* 增加一段 (一项、一款、一条), also «在……末尾增加一段»: a unit */
			op.act = A_INSERT;
			op.new_noun = new_unit_noun(s, c->span.b, after_verb);
		} else if (first_out(st, c, &z, (const char *const[]){ "末尾", "最后", "结尾处", NULL }) < verb ||
			at(s, c->span.b, after_verb, "一句") || at(s, c->span.b, after_verb, "文字") ||
			at(s, c->span.b, after_verb, "以下文字") || at(s, c->span.b, after_verb, "“")) {
			op.act = A_APPEND_WORDS;
			op.pos = P_END;
		} else {
			op.act = A_INSERT;
			op.new_noun = new_unit_noun(s, c->span.b, after_verb);
		}
	} else if (v_restate != (size_t)-1) {
		verb = v_restate;
		op.act = zhong != (size_t)-1 && zhong < verb && z.nq >= 2 ? A_REPLACE_WORDS : A_RESTATE;
	} else if (v_del != (size_t)-1) {
		verb = v_del;
		op.act = zhong != (size_t)-1 && z.nq >= 1 ? A_DELETE_WORDS : A_REPEAL;
	} else if (v_repeal != (size_t)-1) {
		verb = v_repeal;
		op.act = A_REPEAL;
	}
	/* «原第一段至第五段相应改为第二段至第六段»: the renumbering a drafter
	 * states, no operation (units are renumbered anyway) */
	if (find_out(st, c, &z, "相应") != (size_t)-1 && find_out(st, c, &z, "原") != (size_t)-1) {
		op.act = A_NONE;
		*noop = true;
	}
	/* a full stop for a semicolon (句号改为分号): set by the list rule */
	if ((op.act == A_RESTATE || op.act == A_REPLACE_WORDS) && z.nq == 0 &&
		(find_out(st, c, &z, "句号") != (size_t)-1 || find_out(st, c, &z, "分号") != (size_t)-1)) {
		op.act = A_NONE;
		*noop = true;
	}
	if (op.act == A_NONE)
		return 0;
	/* positions: 之后 / 之前 / 开头 / 作为第N…, signatures named before 签字之后 */
	size_t after = first_out(st, c, &z, (const char *const[]){ "之后", NULL });
	size_t before = first_out(st, c, &z, (const char *const[]){ "之前", NULL });
	size_t start = first_out(st, c, &z, (const char *const[]){ "开头", "之首", "首部", "起首", NULL });
	size_t as = find_out(st, c, &z, "作为");
	if (op.act == A_ADD_SIGNATURE) {
		size_t sig = find_out(st, c, &z, "签字");
		size_t zai = find_out(st, c, &z, "在");
		bool a = after != (size_t)-1 && after < verb, b = before != (size_t)-1 && before < verb;
		if ((a || b) && zai != (size_t)-1 && sig != (size_t)-1 && zai < sig) {
			size_t from = zai + strlen("在"), to = sig;
			/* «在……代表签字之后»: the body as the block writes it */
			size_t len = to - from;
			if (len >= sizeof op.sign_anchor)
				len = sizeof op.sign_anchor - 1;
			memcpy(op.sign_anchor, s + from, len);
			op.sign_anchor[len] = '\0';
			op.pos = a ? P_AFTER : P_BEFORE;
		}
	}
	struct pr_path where = { .n = 0 }, anchor = { .n = 0 };
	struct pr_ref many[8];
	int nmany = 0;
	for (size_t i = 0; i < z.nref; i++) {
		const struct zref *r = &z.ref[i];
		/* 作为第三款: the new unit's number */
		if (as != (size_t)-1 && r->a >= as && r->a <= as + strlen("作为") + 3) {
			op.as_n = r->r.n * 100 + r->r.sub;
			continue;
		}
		if (op.act == A_ADD_SIGNATURE)
			continue;
		bool is_anchor = op.act == A_INSERT && ((after != (size_t)-1 && r->b <= after && after - r->b <= 6) ||
			(before != (size_t)-1 && r->b <= before && before - r->b <= 6));
		/* 第七项和第八项: several units */
		if (i + 1 < z.nref && z.ref[i + 1].r.noun == r->r.noun && z.ref[i + 1].a - r->b <= strlen("和") + 1 &&
			!is_anchor && nmany == 0) {
			many[nmany++] = r->r;
			while (i + 1 < z.nref && z.ref[i + 1].r.noun == r->r.noun && z.ref[i + 1].a - z.ref[i].b <= strlen("和") + 1 &&
				nmany < 8)
				many[nmany++] = z.ref[++i].r;
			struct pr_path one = { .n = 1 };
			one.r[0] = many[0];
			pr_path_merge(&where, &one);
			continue;
		}
		struct pr_path one = { .n = 1 };
		one.r[0] = r->r;
		if (is_anchor) {
			op.pos = after != (size_t)-1 && r->b <= after && after - r->b <= 6 ? P_AFTER : P_BEFORE;
			pr_path_merge(&anchor, &one);
		} else if (op.act != A_INSERT || r->a < verb) {
			pr_path_merge(&where, &one);
		}
	}
	if (op.act == A_INSERT && start != (size_t)-1 && start < verb && op.pos == P_NONE)
		op.pos = P_START;
	/* the quotations */
	switch (op.act) {
	case A_RESTATE:
	case A_INSERT:
	case A_APPEND_WORDS:
	case A_ADD_SIGNATURE:
		for (size_t i = z.nq; i > 0; i--)
			if (z.q[i - 1].a > verb) {
				set_new(st, &op, &z.q[i - 1]);
				break;
			}
		break;
	case A_REPLACE_WORDS:
	case A_INSERT_WORDS: {
		const struct zquote *q1 = NULL, *q2 = NULL;
		for (size_t i = 0; i < z.nq; i++) {
			if (z.q[i].a > zhong && z.q[i].a < verb && !q1)
				q1 = &z.q[i];
			else if (z.q[i].a > verb && !q2)
				q2 = &z.q[i];
		}
		if (!q1 || !q2)
			return 0;
		op.old_q.a = q1->qa;
		op.old_q.b = q1->qb;
		set_new(st, &op, q2);
		break;
	}
	case A_DELETE_WORDS:
		for (size_t i = 0; i < z.nq; i++)
			if (z.q[i].a > zhong) {
				op.old_q.a = z.q[i].qa;
				op.old_q.b = z.q[i].qb;
				break;
			}
		break;
	default:
		break;
	}
	return pr_emit(ops, &op, &where, &anchor, context, many, nmany);
}
