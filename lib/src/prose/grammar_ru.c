/*
 * Prose, step 4 (Russian): a clause read as operations.
 *
 * A clause is tokenized into words, numbers, ordinals, quotations and
 * punctuation. The verb says what is done:
 *
 *   изложить … в (следующей | новой) редакции        restate
 *   дополнить <unit noun> [N] (следующего содержания) insert a unit
 *   дополнить словами | предложением                 append words
 *   после слов «…» дополнить словами «…»              insert words
 *   слова (словосочетание) «…» заменить словами «…»   replace words
 *   словосочетание «…» изменяется на словосочетание «…»
 *   <punctuation> заменить <punctuation>             replace a mark (точку → точкой с запятой)
 *   слова «…» исключить                              delete words
 *   … исключить | признать утратившим(и) силу         repeal
 *   дополнить подписью                               add a signature
 *
 * and the references around it say where: a noun of a unit (раздел,
 * статья, глава, пункт, подпункт, часть, абзац, преамбула, заключительная
 * часть, наименование) with its number before or after it (раздел II,
 * абзац пятый, в первом абзаце, пункт 3, подпункт «б», абзацы восьмой и
 * девятый), in any case; «после» / «перед» make the next reference the
 * anchor of an insertion. The references of a clause form one path from
 * the outermost unit in; a context clause («В разделе II:») completes it.
 */
#include <stdlib.h>
#include <string.h>

#include "prose/prose_int.h"

enum tk { T_WORD, T_NUM, T_ORD, T_QUOTE, T_PUNCT };

struct tok {
	enum tk k;
	size_t a, b;         /* the token in the stream (a quotation: with its marks) */
	size_t qa, qb;       /* a quotation's content */
	int v, sub;          /* a number or ordinal */
	enum pr_noun noun;   /* a word that is a unit noun */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static int push(struct toks *t, const struct tok *k)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct tok *v = realloc(t->v, cap * sizeof *v);
		if (!v)
			return px_fail_oom();
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *k;
	return 0;
}

static bool is_upper_roman(char c)
{
	return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
}

/* The tokens of a clause (the pieces that are point markers left out). */
static int tokenize(const struct pr_stream *st, const struct pr_clause *c, struct toks *out)
{
	const char *s = st->text.ptr;
	size_t i = c->span.a, end = c->span.b, pi = c->from;
	while (i < end) {
		size_t past = pr_past_marker(st, c, i, &pi);
		if (past != i) {
			i = past;
			continue;
		}
		uint32_t cp;
		int k = px_utf8_decode(s + i, end - i, &cp);
		if (px_is_space(cp) || cp == '\n') {
			i += (size_t)k;
			continue;
		}
		struct tok t = { 0 };
		t.a = i;
		size_t olen, ca, cb, qend;
		if (pr_quote_at(s, end, i, &olen, &ca, &cb, &qend)) {
			t.k = T_QUOTE;
			t.qa = ca;
			t.qb = cb;
			t.b = qend;
		} else if ((cp >= '0' && cp <= '9') || (cp < 0x80 && is_upper_roman((char)cp))) {
			size_t used;
			int sub;
			int v = pr_number(s + i, end - i, &sub, &used);
			if (v > 0) {
				t.k = T_NUM;
				t.v = v;
				t.sub = sub;
				t.b = i + used;
			} else {
				size_t w = pr_word_len(s + i, end - i);
				t.k = T_WORD;
				t.b = i + (w ? w : (size_t)k);
			}
		} else if (pr_word_len(s + i, end - i)) {
			size_t used;
			int v = pr_ru_ordinal(s + i, end - i, &used);
			if (v > 0) {
				t.k = T_ORD;
				t.v = v;
				t.b = i + used;
			} else {
				t.k = T_WORD;
				t.noun = pr_ru_noun(s + i, end - i, &used);
				t.b = i + used;
			}
		} else {
			t.k = T_PUNCT;
			t.b = i + (size_t)k;
		}
		if (push(out, &t) < 0)
			return PX_ENOMEM;
		i = t.b;
	}
	return 0;
}

static bool word_is(const struct pr_stream *st, const struct tok *t, const char *stem)
{
	return t->k == T_WORD && pr_ru_word(st->text.ptr + t->a, t->b - t->a, stem);
}

static int find_word(const struct pr_stream *st, const struct toks *t, size_t from, const char *stem)
{
	for (size_t i = from; i < t->n; i++)
		if (word_is(st, &t->v[i], stem))
			return (int)i;
	return -1;
}

static bool is_ref_noun(enum pr_noun n)
{
	return n != N_NONE && n != N_WORDS && n != N_SENTENCE;
}

/* The rank of a noun in a path: outer units first. */
static int rank(enum pr_noun n)
{
	switch (n) {
	case N_CHAPTER: return 0;
	case N_SECTION: case N_ARTICLE: case N_PREAMBLE: case N_CONCL: return 1;
	case N_POINT: return 2;
	case N_PART: return 3;
	case N_ABZAC: return 4;
	case N_ITEM: return 5;
	case N_SIGNATURE: return 5;
	case N_HEADING: return 6;
	default: return 7;
	}
}

static void path_add(struct pr_path *p, const struct pr_ref *r)
{
	if (p->n >= PR_PATH_MAX)
		return;
	/* keep the path ordered outermost first; a noun already there is replaced */
	for (int i = 0; i < p->n; i++)
		if (p->r[i].noun == r->noun) {
			p->r[i] = *r;
			return;
		}
	int at = p->n;
	while (at > 0 && rank(p->r[at - 1].noun) > rank(r->noun)) {
		p->r[at] = p->r[at - 1];
		at--;
	}
	p->r[at] = *r;
	p->n++;
}

void pr_path_merge(struct pr_path *inner, const struct pr_path *outer)
{
	for (int i = 0; outer && i < outer->n; i++) {
		bool have = false;
		for (int k = 0; k < inner->n; k++)
			have |= inner->r[k].noun == outer->r[i].noun;
		/* a section or an article of the clause replaces the context's */
		for (int k = 0; k < inner->n && !have; k++)
			have |= rank(inner->r[k].noun) == rank(outer->r[i].noun) && rank(outer->r[i].noun) <= 1;
		if (!have)
			path_add(inner, &outer->r[i]);
	}
}

/* One reference at token i (a unit noun): its numbers, read after it or
 * before it. Several numbers («абзацы восьмой и девятый») give several
 * references; *n their count. Returns the token after the reference. */
static size_t read_ref(const struct pr_stream *st, const struct toks *t, size_t i, struct pr_ref *out, int max, int *n)
{
	const struct tok *nt = &t->v[i];
	*n = 0;
	size_t j = i + 1;
	/* «подпункт «б»» */
	if (j < t->n && t->v[j].k == T_QUOTE && t->v[j].qb - t->v[j].qa <= 4 && t->v[j].qb > t->v[j].qa) {
		out[0] = (struct pr_ref){ nt->noun, 0, 0, "" };
		memcpy(out[0].letter, st->text.ptr + t->v[j].qa, t->v[j].qb - t->v[j].qa);
		*n = 1;
		return j + 1;
	}
	/* numbers after the noun: «абзац пятый», «раздел II», «абзацы восьмой и девятый» */
	while (j < t->n && (t->v[j].k == T_NUM || t->v[j].k == T_ORD) && *n < max) {
		out[(*n)++] = (struct pr_ref){ nt->noun, t->v[j].v, t->v[j].sub, "" };
		j++;
		if (j + 1 < t->n && (word_is(st, &t->v[j], "и") || (t->v[j].k == T_PUNCT && st->text.ptr[t->v[j].a] == ',')) &&
			(t->v[j + 1].k == T_NUM || t->v[j + 1].k == T_ORD) && t->v[j].b - t->v[j].a <= 2)
			j++;
		else
			break;
	}
	if (*n)
		return j;
	/* an ordinal before the noun: «в первом абзаце», «второго пункта» */
	if (i > 0 && t->v[i - 1].k == T_ORD) {
		out[0] = (struct pr_ref){ nt->noun, t->v[i - 1].v, 0, "" };
		*n = 1;
		return i + 1;
	}
	/* a unit without number: «преамбулу», «заключительную часть», «наименование» */
	if (nt->noun == N_PREAMBLE || nt->noun == N_CONCL || nt->noun == N_HEADING) {
		out[0] = (struct pr_ref){ nt->noun, 0, 0, "" };
		*n = 1;
	}
	return i + 1;
}

/* The punctuation mark a word phrase names at token i («точку», «точкой с
 * запятой», «запятую»), or NULL; *next the token after it. */
static const char *punct_named(const struct pr_stream *st, const struct toks *t, size_t i, size_t *next)
{
	*next = i + 1;
	if (i >= t->n)
		return NULL;
	if (word_is(st, &t->v[i], "точк")) {
		if (i + 2 < t->n && word_is(st, &t->v[i + 1], "с") && word_is(st, &t->v[i + 2], "запят")) {
			*next = i + 3;
			return ";";
		}
		return ".";
	}
	if (word_is(st, &t->v[i], "запят"))
		return ",";
	if (word_is(st, &t->v[i], "двоеточи"))
		return ":";
	return NULL;
}

/* The first quotation at or after token i, or -1. */
static int quote_after(const struct toks *t, size_t i)
{
	for (; i < t->n; i++)
		if (t->v[i].k == T_QUOTE)
			return (int)i;
	return -1;
}

static void set_q(struct pr_span *s, const struct tok *q)
{
	s->a = q->qa;
	s->b = q->qb;
}

static void set_new(const struct pr_stream *st, struct pr_op *op, const struct tok *q)
{
	pr_op_set_new(st, op, q->a, q->qa, q->qb, q->b);
}

void pr_context_ru(const struct pr_stream *st, const struct pr_clause *c, struct pr_path *out)
{
	struct toks t = { 0 };
	out->n = 0;
	if (tokenize(st, c, &t) == 0)
		for (size_t i = 0; i < t.n; i++) {
			if (t.v[i].k != T_WORD || !is_ref_noun(t.v[i].noun))
				continue;
			struct pr_ref r[4];
			int n;
			i = read_ref(st, &t, i, r, 4, &n) - 1;
			if (n)
				path_add(out, &r[0]);
		}
	free(t.v);
}

int pr_read_ru(const struct pr_stream *st, const struct pr_clause *c, const struct pr_path *context, size_t ci,
	struct pr_ops *ops, bool *noop)
{
	struct toks t = { 0 };
	int rc = tokenize(st, c, &t);
	if (rc < 0)
		return rc;
	/* «Статья 1. Раздел VI …»: the protocol's own article on the formula's line */
	if (t.n > 3 && t.v[0].k == T_WORD && (t.v[0].noun == N_ARTICLE || t.v[0].noun == N_SECTION) && t.v[1].k == T_NUM &&
		t.v[2].k == T_PUNCT && st->text.ptr[t.v[2].a] == '.' &&
		st->p[c->from].a == t.v[0].a) {
		memmove(t.v, t.v + 3, (t.n - 3) * sizeof *t.v);
		t.n -= 3;
	}
	struct pr_op op = { 0 };
	op.clause = ci;
	op.line = c->line;
	int verb = -1;
	/* the verb */
	int v;
	if ((v = find_word(st, &t, 0, "изложить")) >= 0 || (v = find_word(st, &t, 0, "изложив")) >= 0 ||
		(v = find_word(st, &t, 0, "излагает")) >= 0) {
		op.act = A_RESTATE;
		verb = v;
	} else if ((v = find_word(st, &t, 0, "заменить")) >= 0 || (v = find_word(st, &t, 0, "заменив")) >= 0 ||
		(v = find_word(st, &t, 0, "изменяется")) >= 0 || (v = find_word(st, &t, 0, "заменяется")) >= 0) {
		op.act = A_REPLACE_WORDS;
		verb = v;
	} else if ((v = find_word(st, &t, 0, "дополнить")) >= 0 || (v = find_word(st, &t, 0, "дополнив")) >= 0 ||
		(v = find_word(st, &t, 0, "дополняется")) >= 0) {
		verb = v;
		size_t k = (size_t)v + 1;
		while (k < t.n && t.v[k].k == T_WORD && t.v[k].noun == N_NONE &&
			(word_is(st, &t.v[k], "нов") || word_is(st, &t.v[k], "следующ") || word_is(st, &t.v[k], "втор") ||
				word_is(st, &t.v[k], "ещ")))
			k++;
		/* «Дополнить Соглашение статьей 8.1»: the object of the verb before the new unit */
		if (k < t.n && t.v[k].k == T_WORD && t.v[k].noun == N_NONE && k + 1 < t.n && t.v[k + 1].k == T_WORD &&
			t.v[k + 1].noun != N_NONE)
			k++;
		enum pr_noun nn = k < t.n && t.v[k].k == T_WORD ? t.v[k].noun : N_NONE;
		if (nn == N_WORDS || nn == N_SENTENCE) {
			bool after_words = false;
			for (int i = 0; i < v; i++)
				after_words |= word_is(st, &t.v[i], "после") && i + 1 < v && t.v[i + 1].noun == N_WORDS;
			op.act = after_words ? A_INSERT_WORDS : A_APPEND_WORDS;
		} else if (nn == N_SIGNATURE) {
			op.act = A_ADD_SIGNATURE;
		} else {
			op.act = A_INSERT;
			op.new_noun = nn;
			if (k + 1 < t.n && t.v[k + 1].k == T_NUM) {
				op.as_n = t.v[k + 1].v * 100 + t.v[k + 1].sub;
			} else if (k + 1 < t.n && t.v[k + 1].k == T_ORD) {
				op.as_n = t.v[k + 1].v * 100;
			} else if (k + 1 < t.n && t.v[k + 1].k == T_QUOTE && t.v[k + 1].qb - t.v[k + 1].qa <= 4) {
				op.as_n = -1; /* «подпунктом «г»»: a lettered item, placed by its letter */
			}
			/* «дополнить новым абзацем первым»: at the start */
			if (op.as_n == 100 && word_is(st, &t.v[(size_t)v + 1], "нов"))
				op.pos = P_START;
		}
	} else if ((v = find_word(st, &t, 0, "исключить")) >= 0 || (v = find_word(st, &t, 0, "исключив")) >= 0 ||
		(v = find_word(st, &t, 0, "исключается")) >= 0) {
		verb = v;
		bool words = false;
		for (int i = 0; i < v; i++)
			words |= t.v[i].k == T_WORD && t.v[i].noun == N_WORDS && quote_after(&t, (size_t)i) > i &&
				quote_after(&t, (size_t)i) < v;
		op.act = words ? A_DELETE_WORDS : A_REPEAL;
	} else if ((v = find_word(st, &t, 0, "признать")) >= 0 && find_word(st, &t, (size_t)v, "утративш") >= 0) {
		verb = v;
		op.act = A_REPEAL;
	} else if ((v = find_word(st, &t, 0, "утрачива")) >= 0 || (v = find_word(st, &t, 0, "признается")) >= 0) {
		verb = v;
		op.act = A_REPEAL;
	}
	if (op.act == A_NONE) {
		free(t.v);
		return 0;
	}
	/* the references: where, the anchor, the new unit's own noun */
	struct pr_path where = { .n = 0 }, anchor = { .n = 0 };
	struct pr_ref many[8];
	int nmany = 0;
	size_t new_noun_tok = (size_t)-1;
	if (op.act == A_INSERT) {
		size_t k = (size_t)verb + 1;
		while (k < t.n && !(t.v[k].k == T_WORD && t.v[k].noun == op.new_noun))
			k++;
		new_noun_tok = k;
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct tok *k = &t.v[i];
		if (k->k != T_WORD || !is_ref_noun(k->noun))
			continue;
		if (i == new_noun_tok) {
			/* its number is the new unit's: skip it */
			if (i + 1 < t.n && (t.v[i + 1].k == T_NUM || t.v[i + 1].k == T_ORD || t.v[i + 1].k == T_QUOTE))
				i++;
			continue;
		}
		if (k->noun == N_SIGNATURE && op.act == A_ADD_SIGNATURE && i > (size_t)verb)
			continue;
		bool after = i > 0 && word_is(st, &t.v[i - 1], "после");
		bool before = i > 0 && word_is(st, &t.v[i - 1], "перед");
		/* «в первом абзаце»: the ordinal is before the noun */
		if (!after && !before && i > 1 && t.v[i - 1].k == T_ORD) {
			after = word_is(st, &t.v[i - 2], "после");
			before = word_is(st, &t.v[i - 2], "перед");
		}
		if (k->noun == N_SIGNATURE && (after || before)) {
			/* «после подписи за …»: the block named up to the verb */
			size_t from = i + 1;
			if (from < t.n && word_is(st, &t.v[from], "за"))
				from++;
			size_t to = from;
			while (to < t.n && (int)to != verb && t.v[to].k != T_QUOTE)
				to++;
			if (from < to) {
				size_t a = t.v[from].a, b = t.v[to - 1].b, len = b - a;
				if (len >= sizeof op.sign_anchor)
					len = sizeof op.sign_anchor - 1;
				memcpy(op.sign_anchor, st->text.ptr + a, len);
				op.sign_anchor[len] = '\0';
			}
			op.pos = after ? P_AFTER : P_BEFORE;
			i = to - 1;
			continue;
		}
		struct pr_ref r[8];
		int n;
		size_t next = read_ref(st, &t, i, r, 8, &n);
		if (n == 0) {
			continue;
		}
		if (after || before) {
			op.pos = after ? P_AFTER : P_BEFORE;
			path_add(&anchor, &r[n - 1]);
		} else if (n > 1) {
			memcpy(many, r, (size_t)n * sizeof *r);
			nmany = n;
			path_add(&where, &r[0]);
		} else {
			path_add(&where, &r[0]);
		}
		i = next - 1;
	}
	/* the quotations */
	switch (op.act) {
	case A_RESTATE:
	case A_INSERT:
	case A_APPEND_WORDS:
	case A_ADD_SIGNATURE: {
		int q = -1;
		for (size_t i = (size_t)verb; i < t.n; i++)
			if (t.v[i].k == T_QUOTE && !(i > 0 && t.v[i - 1].k == T_WORD && t.v[i - 1].noun == N_ITEM))
				q = (int)i;
		if (q < 0 && op.act == A_RESTATE) /* «… изложить: «…»» before the verb is the heading's name */
			q = -1;
		if (q >= 0) {
			set_new(st, &op, &t.v[q]);
		}
		break;
	}
	case A_REPLACE_WORDS: {
		int q1 = -1, q2 = -1;
		for (size_t i = 0; i < t.n; i++) {
			if (t.v[i].k != T_WORD || t.v[i].noun != N_WORDS)
				continue;
			int q = quote_after(&t, i + 1);
			if (q < 0)
				continue;
			if (q1 < 0 && (int)i < verb)
				q1 = q;
			else if (q1 >= 0 && (int)i > verb && q2 < 0)
				q2 = q;
		}
		if (q1 >= 0 && q2 >= 0) {
			set_q(&op.old_q, &t.v[q1]);
			set_new(st, &op, &t.v[q2]);
		} else {
			/* «точку заменить точкой с запятой»: a mark for another is no
			 * operation, the list's punctuation is set when items are
			 * added or repealed (docs/amend.md) */
			size_t nx;
			const char *from = NULL;
			for (size_t i = 0; i < (size_t)verb && !from; i++)
				from = punct_named(st, &t, i, &nx);
			if (from && punct_named(st, &t, (size_t)verb + 1, &nx) && noop)
				*noop = true;
			op.act = A_NONE;
		}
		break;
	}
	case A_DELETE_WORDS: {
		for (size_t i = 0; i < (size_t)verb; i++)
			if (t.v[i].k == T_WORD && t.v[i].noun == N_WORDS) {
				int q = quote_after(&t, i + 1);
				if (q >= 0 && q < verb) {
					set_q(&op.old_q, &t.v[q]);
					break;
				}
			}
		break;
	}
	case A_INSERT_WORDS: {
		int q1 = -1, q2 = -1;
		for (size_t i = 0; i < t.n; i++)
			if (t.v[i].k == T_WORD && t.v[i].noun == N_WORDS) {
				int q = quote_after(&t, i + 1);
				if (q >= 0 && (int)i < verb && q1 < 0)
					q1 = q;
				else if (q >= 0 && (int)i > verb && q2 < 0)
					q2 = q;
			}
		if (q1 < 0 || q2 < 0) {
			op.act = A_NONE;
			break;
		}
		set_q(&op.old_q, &t.v[q1]);
		set_new(st, &op, &t.v[q2]);
		op.pos = P_AFTER;
		break;
	}
	default:
		break;
	}
	free(t.v);
	if (op.act == A_NONE)
		return 0;
	return pr_emit(ops, &op, &where, &anchor, context, many, nmany);
}
