/*
 * Terminology: a bilingual termbase read from TBX, and the term check of one
 * aligned unit pair (rules PX080–PX082).
 *
 * TBX mapping (ISO 30042; TBX-Basic, and the older martif/termEntry form):
 *
 *   tbx | martif
 *   └── … conceptEntry | termEntry  @id            one concept
 *         ├── descrip @type=subjectField          optional, used to pair
 *         │                                        a wrong equivalent (PX081)
 *         └── langSec | langSet  @xml:lang=ru|zh   (ru-RU, rus, zh-CN, zho …)
 *             └── termSec | tig | ntig
 *                 ├── term                        the term
 *                 └── termNote @type=administrativeStatus
 *                     preferredTerm-admn-sts | admittedTerm-admn-sts |
 *                     legalTerm-admn-sts          acceptable equivalents
 *                     deprecatedTerm-admn-sts |
 *                     supersededTerm-admn-sts     wrong equivalents
 *
 * Russian matching. A text is cut into tokens: maximal runs of letters,
 * digits and combining marks, so a hyphen or any punctuation separates
 * words («государств-членов» is «государств» «членов»). Each token is
 * lower-cased (ICU, locale ru), ё becomes е, and Snowball's Russian stemmer
 * gives its stem. Terms go through the same steps when loaded. A term of n
 * words matches n consecutive tokens whose stems agree word by word. Two
 * stems agree when they are equal, or when one is a prefix of the other and
 * the word with the shorter stem starts with the longer one: Snowball cuts
 * «органы» to «орга» but «органов» to «орган», and this rule joins them
 * without letting «программн» (программный) match «программ» (программа).
 * A term written with a capital initial («Стороны», «Хартия») matches only
 * capitalised text; an acronym or a lower-case term matches in any case.
 *
 * Chinese matching. Terms and text are NFKC-normalized and terms are found
 * as substrings (no word segmentation: 人工|智能 would split the term).
 *
 * Overlaps. On both sides a match strictly inside a longer match is
 * "covered": «технологии искусственного интеллекта» covers «искусственного
 * интеллекта», 人工智能技术 covers 人工智能, 行动计划 covers 计划. Every match
 * makes its concept "mentioned"; only uncovered matches are checked.
 *
 * Rules, per unit pair:
 *  - for each concept with an uncovered Russian match:
 *    a deprecated Chinese term of it (uncovered)            → PX081;
 *    else, no acceptable Chinese term anywhere in the unit:
 *      a deprecated term of a concept the Russian text mentions
 *      (书记处 in «Секретариат ШОС»)                          → PX081,
 *      the uncovered Chinese name of another concept of the same subject
 *      field (both names: capitalised or acronyms) that the Russian unit
 *      does not mention                                     → PX081,
 *      otherwise (no evidence of a wrong rendering)         → PX080, info
 *      (a warning when the concept is mandatory);
 *  - an uncovered Chinese term of at least three characters whose concept
 *    the Russian unit does not mention, not even by one of its stems
 *    (4 letters or more), and not already reported          → PX082, info.
 * A Russian term that occurs n times needs one Chinese equivalent, not n:
 * Chinese often refers back with a pronoun or drops the repetition.
 *
 * Cost: tokens are looked up in a sorted index by the first two letters of
 * their stem, Chinese positions in a sorted index by their first code
 * point, so a check is linear in the size of the unit. The termbase is
 * read-only after loading; each check makes its own stemmer (Snowball's is
 * not thread-safe, and making one costs well under a microsecond).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>

#include "resources/resources.h"
#include "resources/resources.h"

/* ---- data ---------------------------------------------------------------- */

struct ru_word {
	char *low;  /* lower-cased surface form */
	char *stem;
	bool plural; /* a one-word term in the plural adjective form (данные):
	                matches plural adjective endings only */
};

struct ru_term {
	char *text;          /* as written in the termbase */
	struct ru_word *w;
	size_t nw;
	bool cap;            /* matches only a capitalised first word */
	bool name;           /* begins with a capital or is an acronym: a name */
};

struct zh_term {
	char *text;          /* NFKC */
	size_t len;          /* bytes */
	size_t nchars;       /* code points */
	uint32_t first;      /* first code point */
	bool wrong;          /* deprecated or superseded */
	int parties;         /* x-parties: acceptable only in an instrument of this
	                        many parties (-N: N or more); 0 = any */
};

struct concept {
	char *id;
	char *subject;       /* subjectField, or NULL */
	struct ru_term *ru;
	size_t nru;
	struct zh_term *zh;
	size_t nzh;
	size_t nok;          /* acceptable Chinese terms */
	bool mandatory;      /* a missing equivalent is a warning, not info */
	int mandatory_set;   /* x-mandatory given: 1 yes, -1 no */
};

struct ru_key {
	char key[12];        /* the first two code points of the first stem */
	size_t c, t;
};

struct zh_key {
	uint32_t cp;
	size_t c, t;
};

struct px_termbase {
	struct concept *v;
	size_t n, cap;
	struct ru_key *rk;
	size_t nrk;
	struct zh_key *zk;
	size_t nzk;
	UCaseMap *csm;
	const UNormalizer2 *nfkc;
};

/* ---- text: tokens, NFKC -------------------------------------------------- */

struct tok {
	size_t s0, s1;       /* byte span in the source text */
	size_t low, stem;    /* offsets of NUL-terminated strings in the arena */
	size_t stemlen;
	bool upper;          /* first letter upper case */
	bool has_lower;      /* some letter lower case */
};

struct toks {
	struct tok *v;
	size_t n, cap;
	px_buf arena;
};

static void toks_dispose(struct toks *t)
{
	free(t->v);
	px_buf_dispose(&t->arena);
	memset(t, 0, sizeof *t);
}

static const char *tok_low(const struct toks *t, size_t i)
{
	return t->arena.ptr + t->v[i].low;
}

static const char *tok_stem(const struct toks *t, size_t i)
{
	return t->arena.ptr + t->v[i].stem;
}

static bool is_word_cp(uint32_t cp)
{
	return u_isalnum((UChar32)cp) || (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK);
}

/* Replace every ё (U+0451) by е (U+0435) in place; same length in UTF-8. */
static void fold_yo(char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xD1 && (unsigned char)s[i + 1] == 0x91) {
			s[i] = (char)0xD0;
			s[i + 1] = (char)0xB5;
		}
}

/* Longest token that is lower-cased and stemmed; longer runs cannot be
 * words of a term and get an empty stem that matches nothing. */
#define TOK_MAX 256

static int add_token(struct toks *t, const UCaseMap *csm, struct sb_stemmer *sb, const char *s,
	size_t s0, size_t s1, bool upper, bool has_lower)
{
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 32;
		struct tok *nv = realloc(t->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		t->v = nv;
		t->cap = nc;
	}
	char low[TOK_MAX * 3 + 4];
	int32_t ll = 0;
	if (s1 - s0 <= TOK_MAX) {
		UErrorCode e = U_ZERO_ERROR;
		ll = ucasemap_utf8ToLower(csm, low, (int32_t)sizeof low, s + s0, (int32_t)(s1 - s0), &e);
		if (U_FAILURE(e) || ll < 0 || (size_t)ll >= sizeof low)
			ll = 0;
	}
	fold_yo(low, (size_t)ll);
	struct tok *k = &t->v[t->n];
	k->s0 = s0;
	k->s1 = s1;
	k->upper = upper;
	k->has_lower = has_lower;
	k->low = t->arena.size;
	int rc = px_buf_put(&t->arena, low, (size_t)ll);
	rc |= px_buf_put(&t->arena, "", 1);
	k->stem = t->arena.size;
	k->stemlen = 0;
	if (ll > 0) {
		const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)low, ll);
		if (!st)
			return px_fail_oom();
		k->stemlen = (size_t)sb_stemmer_length(sb);
		rc |= px_buf_put(&t->arena, (const char *)st, k->stemlen);
	}
	rc |= px_buf_put(&t->arena, "", 1);
	if (rc)
		return px_fail_oom();
	t->n++;
	return 0;
}

/* Cut `s` into tokens (see the top of the file). */
static int tokenize(const UCaseMap *csm, struct sb_stemmer *sb, const char *s, size_t len, struct toks *out)
{
	size_t i = 0, start = 0;
	bool in = false, upper = false, has_lower = false;
	while (i < len) {
		uint32_t cp;
		int n = px_utf8_decode(s + i, len - i, &cp);
		bool w = is_word_cp(cp);
		if (w && !in) {
			in = true;
			start = i;
			upper = u_isupper((UChar32)cp);
			has_lower = false;
		}
		if (w && u_islower((UChar32)cp))
			has_lower = true;
		if (!w && in) {
			in = false;
			if (add_token(out, csm, sb, s, start, i, upper, has_lower) < 0)
				return PX_ENOMEM;
		}
		i += (size_t)n;
	}
	if (in && add_token(out, csm, sb, s, start, len, upper, has_lower) < 0)
		return PX_ENOMEM;
	return 0;
}

/* NFKC of UTF-8 `s` into `out` (replaces its content). */
static int nfkc_utf8(const UNormalizer2 *nfkc, const char *s, size_t len, px_buf *out)
{
	px_buf_clear(out);
	if (len == 0)
		return px_buf_put(out, "", 0);
	if (len > INT32_MAX / 4)
		return px_fail(PX_EUSAGE, "text too long");
	UErrorCode e = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8WithSub(NULL, 0, &n16, s, (int32_t)len, 0xFFFD, NULL, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return px_fail(PX_ERROR, "cannot convert text to UTF-16: %s", u_errorName(e));
	UChar *a = malloc(((size_t)n16 + 1) * sizeof *a);
	int32_t cap = n16 * 3 + 16; /* NFKC expands at most 18x, 3x covers CJK text; retried below */
	UChar *b = malloc((size_t)cap * sizeof *b);
	int rc = 0;
	if (!a || !b) {
		rc = px_fail_oom();
		goto done;
	}
	e = U_ZERO_ERROR;
	u_strFromUTF8WithSub(a, n16 + 1, NULL, s, (int32_t)len, 0xFFFD, NULL, &e);
	e = U_ZERO_ERROR;
	int32_t nb = unorm2_normalize(nfkc, a, n16, b, cap, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR) {
		free(b);
		cap = nb + 1;
		b = malloc((size_t)cap * sizeof *b);
		if (!b) {
			rc = px_fail_oom();
			goto done;
		}
		e = U_ZERO_ERROR;
		nb = unorm2_normalize(nfkc, a, n16, b, cap, &e);
	}
	if (U_FAILURE(e)) {
		rc = px_fail(PX_ERROR, "cannot normalize text: %s", u_errorName(e));
		goto done;
	}
	int32_t n8 = 0;
	e = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &n8, b, nb, &e);
	char *tmp = malloc((size_t)n8 + 1);
	if (!tmp) {
		rc = px_fail_oom();
		goto done;
	}
	e = U_ZERO_ERROR;
	u_strToUTF8(tmp, n8 + 1, NULL, b, nb, &e);
	rc = U_FAILURE(e) ? px_fail(PX_ERROR, "cannot convert text to UTF-8: %s", u_errorName(e))
			  : px_buf_put(out, tmp, (size_t)n8);
	free(tmp);
done:
	free(a);
	free(b);
	return rc;
}

/* ---- the termbase: free, index ------------------------------------------- */

static void concept_dispose(struct concept *c)
{
	for (size_t i = 0; i < c->nru; i++) {
		for (size_t k = 0; k < c->ru[i].nw; k++) {
			free(c->ru[i].w[k].low);
			free(c->ru[i].w[k].stem);
		}
		free(c->ru[i].w);
		free(c->ru[i].text);
	}
	for (size_t i = 0; i < c->nzh; i++)
		free(c->zh[i].text);
	free(c->ru);
	free(c->zh);
	free(c->id);
	free(c->subject);
	memset(c, 0, sizeof *c);
}

void px_termbase_free(px_termbase *tb)
{
	if (!tb)
		return;
	for (size_t i = 0; i < tb->n; i++)
		concept_dispose(&tb->v[i]);
	free(tb->v);
	free(tb->rk);
	free(tb->zk);
	if (tb->csm)
		ucasemap_close(tb->csm);
	free(tb);
}

/* The first two code points of `stem` (or fewer). */
static void stem_key(const char *stem, char *key, size_t size)
{
	size_t len = strlen(stem), i = 0;
	for (int k = 0; k < 2 && i < len; k++) {
		uint32_t cp;
		i += (size_t)px_utf8_decode(stem + i, len - i, &cp);
	}
	if (i >= size)
		i = size - 1;
	memcpy(key, stem, i);
	key[i] = '\0';
}

static int cmp_ru_key(const void *a, const void *b)
{
	const struct ru_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int cmp_zh_key(const void *a, const void *b)
{
	const struct zh_key *x = a, *y = b;
	if (x->cp != y->cp)
		return x->cp < y->cp ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int reindex(px_termbase *tb)
{
	size_t nr = 0, nz = 0;
	for (size_t c = 0; c < tb->n; c++) {
		nr += tb->v[c].nru;
		nz += tb->v[c].nzh;
	}
	struct ru_key *rk = malloc((nr ? nr : 1) * sizeof *rk);
	struct zh_key *zk = malloc((nz ? nz : 1) * sizeof *zk);
	if (!rk || !zk) {
		/* an index that may name replaced terms must not stay */
		free(rk);
		free(zk);
		tb->nrk = tb->nzk = 0;
		return px_fail_oom();
	}
	size_t i = 0, j = 0;
	for (size_t c = 0; c < tb->n; c++) {
		const struct concept *k = &tb->v[c];
		for (size_t t = 0; t < k->nru; t++) {
			stem_key(k->ru[t].w[0].stem, rk[i].key, sizeof rk[i].key);
			rk[i].c = c;
			rk[i++].t = t;
		}
		for (size_t t = 0; t < k->nzh; t++) {
			zk[j].cp = k->zh[t].first;
			zk[j].c = c;
			zk[j++].t = t;
		}
	}
	qsort(rk, i, sizeof *rk, cmp_ru_key);
	qsort(zk, j, sizeof *zk, cmp_zh_key);
	free(tb->rk);
	free(tb->zk);
	tb->rk = rk;
	tb->nrk = i;
	tb->zk = zk;
	tb->nzk = j;
	return 0;
}

int px_termbase_new_empty(px_termbase **out)
{
	*out = NULL;
	px_termbase *tb = calloc(1, sizeof *tb);
	if (!tb)
		return px_fail_oom();
	UErrorCode e = U_ZERO_ERROR;
	tb->csm = ucasemap_open("ru", 0, &e);
	if (U_FAILURE(e)) {
		px_termbase_free(tb);
		return px_fail(PX_ERROR, "cannot open the Russian case mapping: %s", u_errorName(e));
	}
	e = U_ZERO_ERROR;
	tb->nfkc = unorm2_getNFKCInstance(&e);
	if (U_FAILURE(e)) {
		px_termbase_free(tb);
		return px_fail(PX_ERROR, "cannot open NFKC normalization: %s", u_errorName(e));
	}
	if (reindex(tb) < 0) {
		px_termbase_free(tb);
		return PX_ENOMEM;
	}
	*out = tb;
	return 0;
}

static int add_memory(px_termbase *tb, const char *data, size_t len, const char *name, bool user);

int px_termbase_new(px_termbase **out)
{
	px_termbase *tb;
	int rc = px_termbase_new_empty(&tb);
	if (rc < 0)
		return rc;
	size_t len;
	const unsigned char *tbx = px_embedded_lookup("termbase.tbx", &len);
	if (!tbx) {
		px_termbase_free(tb);
		return px_fail(PX_ERROR, "the built-in termbase is missing");
	}
	if ((rc = add_memory(tb, (const char *)tbx, len, "termbase.tbx", false)) < 0) {
		px_termbase_free(tb);
		return rc == PX_ENOMEM ? rc : PX_ERROR;
	}
	*out = tb;
	return 0;
}

size_t px_termbase_count(const px_termbase *tb)
{
	size_t k = 0;
	for (size_t i = 0; tb && i < tb->n; i++)
		if (tb->v[i].nru && tb->v[i].nok)
			k++;
	return k;
}

/* ---- reading TBX ----------------------------------------------------------- */

struct tbx_load {
	const px_termbase *tb;
	const char *name;
	struct sb_stemmer *sb;
	struct concept *v; /* the file's concepts */
	size_t n, cap;
	px_buf tmp;
	bool user;         /* a user's file, not the built-in termbase */
};

static bool named(xmlNodePtr n, const char *a, const char *b, const char *c)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	const char *x = (const char *)n->name;
	return strcmp(x, a) == 0 || (b && strcmp(x, b) == 0) || (c && strcmp(x, c) == 0);
}

static bool type_is(xmlNodePtr n, const char *type)
{
	xmlChar *t = xmlGetProp(n, (const xmlChar *)"type");
	bool r = t && strcmp((const char *)t, type) == 0;
	xmlFree(t);
	return r;
}

/* Text of `n`, white space collapsed, into ld->tmp (NUL-terminated). */
static int text_of(struct tbx_load *ld, xmlNodePtr n)
{
	px_buf_clear(&ld->tmp);
	xmlChar *s = xmlNodeGetContent(n);
	if (!s)
		return px_buf_put(&ld->tmp, "", 0);
	int rc = px_collapse_space((const char *)s, strlen((const char *)s), &ld->tmp);
	xmlFree(s);
	if (rc == 0)
		rc = px_buf_put(&ld->tmp, "", 0);
	return rc < 0 ? px_fail_oom() : 0;
}

static xmlNodePtr first_desc(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, name) == 0)
			return c;
		xmlNodePtr d = first_desc(c, name);
		if (d)
			return d;
	}
	return NULL;
}

/* 'r' Russian, 'z' Chinese, 0 other. */
static char lang_of(xmlNodePtr n)
{
	xmlChar *l = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	if (!l)
		l = xmlGetProp(n, (const xmlChar *)"lang");
	char r = 0;
	if (l) {
		const char *s = (const char *)l;
		size_t len = strcspn(s, "-_");
		if ((len == 2 && strncasecmp(s, "ru", 2) == 0) || (len == 3 && strncasecmp(s, "rus", 3) == 0))
			r = 'r';
		else if ((len == 2 && strncasecmp(s, "zh", 2) == 0) ||
			(len == 3 && (strncasecmp(s, "zho", 3) == 0 || strncasecmp(s, "chi", 3) == 0 ||
				strncasecmp(s, "cmn", 3) == 0)))
			r = 'z';
	}
	xmlFree(l);
	return r;
}

static int add_ru_term(struct tbx_load *ld, struct concept *c, const char *text, xmlNodePtr where)
{
	struct toks t = { 0 };
	int rc = tokenize(ld->tb->csm, ld->sb, text, strlen(text), &t);
	if (rc < 0)
		goto done;
	if (t.n == 0) {
		rc = px_fail_at(PX_EINPUT, ld->name, px_node_line(where), 0,
			"Russian term '%s' has no word", text);
		goto done;
	}
	struct ru_term *nv = realloc(c->ru, (c->nru + 1) * sizeof *nv);
	if (!nv) {
		rc = px_fail_oom();
		goto done;
	}
	c->ru = nv;
	struct ru_term *r = &c->ru[c->nru];
	memset(r, 0, sizeof *r);
	r->text = px_strdup(text);
	r->w = calloc(t.n, sizeof *r->w);
	c->nru++;
	if (!r->text || !r->w) {
		rc = px_fail_oom();
		goto done;
	}
	r->nw = t.n;
	for (size_t i = 0; i < t.n; i++) {
		r->w[i].low = px_strdup(tok_low(&t, i));
		r->w[i].stem = px_strdup(tok_stem(&t, i));
		if (!r->w[i].low || !r->w[i].stem) {
			rc = px_fail_oom();
			goto done;
		}
	}
	/* a capitalised word that is not an acronym: «Стороны», not «ШОС» */
	r->cap = t.v[0].upper && t.v[0].has_lower;
	r->name = t.v[0].upper;
	/* «данные» (data) and «данной» (this) share the stem дан: a one-word
	 * term in the plural adjective form matches plural forms only */
	if (t.n == 1) {
		const char *low = r->w[0].low;
		size_t l = strlen(low);
		r->w[0].plural = l > 4 && (strcmp(low + l - 4, "ые") == 0 || strcmp(low + l - 4, "ие") == 0);
	}
done:
	toks_dispose(&t);
	return rc;
}

static int add_zh_term(struct tbx_load *ld, struct concept *c, const char *text, bool wrong, int parties)
{
	px_buf norm = PX_BUF_INIT;
	int rc = nfkc_utf8(ld->tb->nfkc, text, strlen(text), &norm);
	if (rc < 0 || norm.size == 0) {
		px_buf_dispose(&norm);
		return rc;
	}
	struct zh_term *nv = realloc(c->zh, (c->nzh + 1) * sizeof *nv);
	if (!nv) {
		px_buf_dispose(&norm);
		return px_fail_oom();
	}
	c->zh = nv;
	struct zh_term *z = &c->zh[c->nzh++];
	z->len = norm.size;
	z->nchars = px_utf8_count(norm.ptr, norm.size);
	px_utf8_decode(norm.ptr, norm.size, &z->first);
	z->wrong = wrong;
	z->parties = parties;
	z->text = px_buf_detach(&norm);
	if (!wrong)
		c->nok++;
	return 0;
}

static int read_term_group(struct tbx_load *ld, struct concept *c, char lang, xmlNodePtr grp)
{
	xmlNodePtr term = first_desc(grp, "term");
	if (!term)
		return 0;
	bool wrong = false, preferred = false;
	int parties = 0;
	/* administrative status: any termNote/@type=administrativeStatus below
	 * the group (TBX-Basic puts it in termSec, TBX v2 in tig/termGrp) */
	xmlNodePtr stack[64];
	size_t sp = 0;
	stack[sp++] = grp;
	while (sp) {
		xmlNodePtr n = stack[--sp];
		for (xmlNodePtr k = n->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (named(k, "termNote", NULL, NULL) && type_is(k, "administrativeStatus")) {
				if (text_of(ld, k) < 0)
					return PX_ENOMEM;
				wrong = strncmp(ld->tmp.ptr, "deprecated", 10) == 0 ||
					strncmp(ld->tmp.ptr, "superseded", 10) == 0;
				preferred = strncmp(ld->tmp.ptr, "preferred", 9) == 0;
			} else if (named(k, "termNote", NULL, NULL) && type_is(k, "x-parties")) {
				if (text_of(ld, k) < 0)
					return PX_ENOMEM;
				char *end;
				long v = strtol(ld->tmp.ptr, &end, 10);
				if (v < 1 || v > 1000 || (*end && strcmp(end, "+") != 0))
					return px_fail_at(PX_EINPUT, ld->name, px_node_line(k), 0,
						"x-parties '%s' in concept '%s': expected a number of parties, or N+",
						ld->tmp.ptr, c->id);
				parties = *end ? -(int)v : (int)v;
			} else if (sp < sizeof stack / sizeof stack[0]) {
				stack[sp++] = k;
			}
		}
	}
	if (text_of(ld, term) < 0)
		return PX_ENOMEM;
	if (ld->tmp.size == 0)
		return px_fail_at(PX_EINPUT, ld->name, px_node_line(term), 0, "empty term in concept '%s'", c->id);
	char *text = px_strdup(ld->tmp.ptr);
	if (!text)
		return px_fail_oom();
	int rc = lang == 'r' ? add_ru_term(ld, c, text, term) : add_zh_term(ld, c, text, wrong, parties);
	free(text);
	/* in a user's termbase a preferred Chinese term makes its concept
	 * mandatory; descrip type="x-mandatory" says so explicitly anywhere */
	if (lang == 'z' && preferred && ld->user && c->mandatory_set == 0)
		c->mandatory = true;
	return rc;
}

static int read_concept(struct tbx_load *ld, xmlNodePtr entry)
{
	if (ld->n == ld->cap) {
		size_t nc = ld->cap ? ld->cap * 2 : 64;
		struct concept *nv = realloc(ld->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		ld->v = nv;
		ld->cap = nc;
	}
	struct concept *c = &ld->v[ld->n++];
	memset(c, 0, sizeof *c);
	xmlChar *id = xmlGetProp(entry, (const xmlChar *)"id");
	if (id) {
		c->id = px_strdup((const char *)id);
		xmlFree(id);
	} else {
		/* unnamed: unique to its file and line, so it never replaces another */
		char buf[512];
		snprintf(buf, sizeof buf, "%s:%d", ld->name, px_node_line(entry));
		c->id = px_strdup(buf);
	}
	if (!c->id)
		return px_fail_oom();
	for (xmlNodePtr k = entry->children; k; k = k->next) {
		if (named(k, "descrip", NULL, NULL) && type_is(k, "x-mandatory")) {
			if (text_of(ld, k) < 0)
				return PX_ENOMEM;
			bool yes = strcmp(ld->tmp.ptr, "yes") == 0 || strcmp(ld->tmp.ptr, "true") == 0;
			if (!yes && strcmp(ld->tmp.ptr, "no") != 0 && strcmp(ld->tmp.ptr, "false") != 0)
				return px_fail_at(PX_EINPUT, ld->name, px_node_line(k), 0,
					"x-mandatory '%s' in concept '%s': expected yes or no", ld->tmp.ptr, c->id);
			c->mandatory_set = yes ? 1 : -1;
			c->mandatory = yes;
		}
		if (named(k, "descrip", NULL, NULL) && type_is(k, "subjectField") && !c->subject) {
			if (text_of(ld, k) < 0)
				return PX_ENOMEM;
			if (ld->tmp.size && !(c->subject = px_strdup(ld->tmp.ptr)))
				return px_fail_oom();
		}
		if (!named(k, "langSec", "langSet", NULL))
			continue;
		char lang = lang_of(k);
		if (!lang)
			continue;
		for (xmlNodePtr g = k->children; g; g = g->next) {
			if (!named(g, "termSec", "tig", "ntig"))
				continue;
			int rc = read_term_group(ld, c, lang, g);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int read_tbx(struct tbx_load *ld, xmlNodePtr n)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		int rc = named(k, "conceptEntry", "termEntry", NULL) ? read_concept(ld, k) : read_tbx(ld, k);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Move the loaded concepts into the termbase: a concept whose id exists
 * replaces the old one, others are appended. Cannot fail after the
 * allocation at its start. */
static int merge(px_termbase *tb, struct tbx_load *ld)
{
	if (tb->n + ld->n > tb->cap) {
		size_t nc = tb->cap ? tb->cap : 64;
		while (nc < tb->n + ld->n)
			nc *= 2;
		struct concept *nv = realloc(tb->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		tb->v = nv;
		tb->cap = nc;
	}
	for (size_t i = 0; i < ld->n; i++) {
		struct concept *c = &ld->v[i];
		size_t at = tb->n;
		for (size_t k = 0; k < tb->n; k++)
			if (strcmp(tb->v[k].id, c->id) == 0) {
				at = k;
				break;
			}
		if (at < tb->n)
			concept_dispose(&tb->v[at]);
		else
			tb->n++;
		tb->v[at] = *c;
	}
	ld->n = 0;
	return 0;
}

static int add_memory(px_termbase *tb, const char *data, size_t len, const char *name, bool user)
{
	xmlDocPtr xml;
	int rc = px_xml_parse(&xml, data, len, name);
	if (rc < 0)
		return rc;
	struct tbx_load ld = { .tb = tb, .name = name, .user = user };
	xmlNodePtr root = xmlDocGetRootElement(xml);
	if (!named(root, "tbx", "martif", NULL)) {
		rc = px_fail_at(PX_EINPUT, name, root ? px_node_line(root) : 1, 0,
			"not a TBX file: the root element is '%s', not 'tbx'", root ? (const char *)root->name : "");
		goto done;
	}
	ld.sb = sb_stemmer_new("russian", "UTF_8");
	if (!ld.sb) {
		rc = px_fail_oom();
		goto done;
	}
	if ((rc = read_tbx(&ld, root)) < 0)
		goto done;
	if ((rc = merge(tb, &ld)) < 0)
		goto done;
	rc = reindex(tb);
done:
	for (size_t i = 0; i < ld.n; i++)
		concept_dispose(&ld.v[i]);
	free(ld.v);
	px_buf_dispose(&ld.tmp);
	if (ld.sb)
		sb_stemmer_delete(ld.sb);
	xmlFreeDoc(xml);
	return rc;
}

int px_termbase_add_memory(px_termbase *tb, const char *data, size_t len, const char *name)
{
	return add_memory(tb, data, len, name ? name : "<memory>", true);
}

int px_termbase_add_file(px_termbase *tb, const char *path)
{
	px_buf b = PX_BUF_INIT;
	int rc = px_buf_read_file(&b, path, PX_DOC_MAX_SIZE);
	if (rc == 0)
		rc = px_termbase_add_memory(tb, b.ptr ? b.ptr : "", b.size, path);
	px_buf_dispose(&b);
	return rc;
}

/* ---- the check ------------------------------------------------------------- */

/* A term found in a text: Russian spans count tokens, Chinese spans bytes of
 * the normalized text. */
struct match {
	size_t c, t;
	size_t start, end;
	bool covered;  /* strictly inside a longer match */
	bool used;     /* already reported as a wrong equivalent */
};

struct matches {
	struct match *v;
	size_t n, cap;
};

static int push_match(struct matches *m, size_t c, size_t t, size_t start, size_t end)
{
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 16;
		struct match *nv = realloc(m->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		m->v = nv;
		m->cap = nc;
	}
	m->v[m->n++] = (struct match){ c, t, start, end, false, false };
	return 0;
}

static int cmp_match(const void *a, const void *b)
{
	const struct match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* Sort by start, longest first, and mark the matches strictly inside an
 * earlier, longer one. Linear after the sort: the match reaching furthest
 * so far (earliest among equals) contains every match that is contained. */
static void mark_covered(struct matches *m)
{
	if (m->n == 0)
		return;
	qsort(m->v, m->n, sizeof *m->v, cmp_match);
	size_t bs = 0, be = 0;
	bool any = false;
	for (size_t i = 0; i < m->n; i++) {
		struct match *x = &m->v[i];
		if (any && be >= x->end && (bs < x->start || be > x->end))
			x->covered = true;
		if (!any || x->end > be) {
			bs = x->start;
			be = x->end;
			any = true;
		}
	}
}

/* Do a text word and a term word agree? See the top of the file. */
static bool words_agree(const char *stem_a, const char *low_a, const char *stem_b, const char *low_b)
{
	if (strcmp(stem_a, stem_b) == 0)
		return true;
	size_t la = strlen(stem_a), lb = strlen(stem_b);
	if (la == 0 || lb == 0 || la == lb)
		return false;
	/* the word with the shorter stem must start with the longer stem */
	if (la < lb)
		return strncmp(stem_b, stem_a, la) == 0 && strncmp(low_a, stem_b, lb) == 0;
	return strncmp(stem_a, stem_b, lb) == 0 && strncmp(low_b, stem_a, la) == 0;
}

/* Does a lower-cased word end like a plural adjective (данные, данных,
 * данным, данными)? */
static bool plural_adjective(const char *low)
{
	static const char *const end[] = { "ыми", "ими", "ые", "ие", "ых", "их", "ым", "им" };
	size_t l = strlen(low);
	for (size_t i = 0; i < sizeof end / sizeof end[0]; i++) {
		size_t e = strlen(end[i]);
		if (l > e && strcmp(low + l - e, end[i]) == 0)
			return true;
	}
	return false;
}

static int find_ru(const px_termbase *tb, const struct toks *t, struct matches *m)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].stemlen == 0)
			continue;
		char key[12];
		stem_key(tok_stem(t, i), key, sizeof key);
		size_t lo = 0, hi = tb->nrk;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(tb->rk[mid].key, key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < tb->nrk && strcmp(tb->rk[j].key, key) == 0; j++) {
			const struct ru_term *r = &tb->v[tb->rk[j].c].ru[tb->rk[j].t];
			if (i + r->nw > t->n || (r->cap && !t->v[i].upper))
				continue;
			bool ok = true;
			for (size_t k = 0; ok && k < r->nw; k++)
				ok = words_agree(tok_stem(t, i + k), tok_low(t, i + k), r->w[k].stem, r->w[k].low) &&
					(!r->w[k].plural || plural_adjective(tok_low(t, i + k)));
			if (ok && push_match(m, tb->rk[j].c, tb->rk[j].t, i, i + r->nw) < 0)
				return PX_ENOMEM;
		}
	}
	mark_covered(m);
	return 0;
}

static int find_zh(const px_termbase *tb, const char *s, size_t len, struct matches *m)
{
	for (size_t p = 0; p < len;) {
		uint32_t cp;
		int n = px_utf8_decode(s + p, len - p, &cp);
		size_t lo = 0, hi = tb->nzk;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (tb->zk[mid].cp < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < tb->nzk && tb->zk[j].cp == cp; j++) {
			const struct zh_term *z = &tb->v[tb->zk[j].c].zh[tb->zk[j].t];
			if (z->len <= len - p && memcmp(s + p, z->text, z->len) == 0 &&
				push_match(m, tb->zk[j].c, tb->zk[j].t, p, p + z->len) < 0)
				return PX_ENOMEM;
		}
		p += (size_t)n;
	}
	mark_covered(m);
	return 0;
}

static bool is_han(uint32_t cp)
{
	UErrorCode e = U_ZERO_ERROR;
	return uscript_getScript((UChar32)cp, &e) == USCRIPT_HAN;
}

/* Drop the spaces between two Han characters of the normalized Chinese text
 * (NFKC made U+3000 a space): a heading spaced out for typography, «生　效»,
 * is the word 生效. */
static void han_spacing(px_buf *b)
{
	size_t w = 0;
	uint32_t prev = 0;
	for (size_t r = 0; r < b->size;) {
		uint32_t cp;
		int n = px_utf8_decode(b->ptr + r, b->size - r, &cp);
		if (cp == ' ' && is_han(prev)) {
			size_t q = r;
			while (q < b->size && b->ptr[q] == ' ')
				q++;
			uint32_t next = 0;
			if (q < b->size)
				px_utf8_decode(b->ptr + q, b->size - q, &next);
			if (is_han(next)) {
				r = q;
				continue;
			}
		}
		memmove(b->ptr + w, b->ptr + r, (size_t)n);
		w += (size_t)n;
		r += (size_t)n;
		prev = cp;
	}
	b->size = w;
	if (b->ptr)
		b->ptr[w] = '\0';
}

struct check {
	const px_termbase *tb;
	const px_term_unit *u;
	px_diags *out;
	const char *ru;          /* the Russian text */
	struct toks t;           /* its tokens */
	px_buf zh;               /* the normalized Chinese text */
	struct matches rm, zm;
	bool *mentioned;         /* per concept: some Russian match, covered or not */
	bool *done;              /* per concept: checked or reported already */
	px_buf list, msg;
	int found;
	unsigned quiet; /* PX_TERMS_* */
	int parties;    /* of the instrument, 0 when not known */
	uint32_t *cps;  /* the normalized Chinese text as code points, made on demand */
	size_t ncps;
	bool cps_made;
};

/* May the Chinese term `z` stand in an instrument of k->parties parties? */
static bool parties_fit(const struct check *k, const struct zh_term *z)
{
	if (!z->parties || !k->parties)
		return true;
	return z->parties > 0 ? k->parties == z->parties : k->parties >= -z->parties;
}

static bool acceptable(const struct check *k, const struct zh_term *z)
{
	return !z->wrong && parties_fit(k, z);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Is the Chinese term `z` in the unit the way translators vary a compound
 * (docs/terms.md)? Terms of four characters or more:
 *  - its characters in another order, in a run of its own length
 *    (常设科技合作工作组 for 科技合作常设工作组);
 *  - its characters in order with at most two other characters, not
 *    punctuation, between them (经核证的副本 for 核证副本, 科技部部长会议 for
 *    科技部长会议). */
static bool zh_variant(struct check *k, const struct zh_term *z)
{
	enum { MAXT = 48 };
	if (z->nchars < 4 || z->nchars > MAXT)
		return false;
	if (!k->cps_made) {
		k->cps_made = true;
		size_t n = k->zh.size;
		k->cps = n ? malloc(n * sizeof *k->cps) : NULL;
		for (size_t p = 0; k->cps && p < n;) {
			uint32_t cp;
			p += (size_t)px_utf8_decode(k->zh.ptr + p, n - p, &cp);
			k->cps[k->ncps++] = cp;
		}
	}
	if (!k->cps)
		return false;
	uint32_t t[MAXT], sorted[MAXT], win[MAXT];
	size_t L = 0;
	for (size_t p = 0; p < z->len && L < MAXT;) {
		uint32_t cp;
		p += (size_t)px_utf8_decode(z->text + p, z->len - p, &cp);
		t[L++] = cp;
	}
	memcpy(sorted, t, L * sizeof *t);
	qsort(sorted, L, sizeof *sorted, cmp_u32);
	const uint32_t *s = k->cps;
	size_t n = k->ncps;
	for (size_t i = 0; i < n; i++) {
		/* in order, with gaps */
		if (s[i] == t[0]) {
			size_t j = i, m = 0;
			while (m < L && j < n && j - i < L + 2) {
				if (s[j] == t[m])
					m++;
				else if (u_ispunct((UChar32)s[j]) || u_isspace((UChar32)s[j]))
					break;
				j++;
			}
			if (m == L)
				return true;
		}
		/* another order */
		if (i + L <= n && bsearch(&s[i], sorted, L, sizeof *sorted, cmp_u32)) {
			memcpy(win, s + i, L * sizeof *win);
			qsort(win, L, sizeof *win, cmp_u32);
			if (memcmp(win, sorted, L * sizeof *win) == 0)
				return true;
		}
	}
	return false;
}

/* "'a'", "'a' or 'b'", "'a', 'b' or 'c'": the acceptable Chinese terms. */
static int expected_list(struct check *k, const struct concept *c)
{
	px_buf_clear(&k->list);
	size_t shown = 0;
	int rc = 0;
	for (size_t i = 0; i < c->nzh; i++) {
		if (c->zh[i].wrong)
			continue;
		if (shown)
			rc |= px_buf_puts(&k->list, shown + 1 == c->nok ? " or " : ", ");
		rc |= px_buf_printf(&k->list, "'%s'", c->zh[i].text);
		shown++;
	}
	return rc ? px_fail_oom() : 0;
}

/* Add the finding whose message is in k->msg, at the rule's severity. */
static int report_as(struct check *k, const char *rule, int sev)
{
	px_diag d = { 0 };
	d.rule = rule;
	if (sev >= 0) {
		d.severity = (px_severity)sev;
		d.category = "term";
	}
	d.loc = k->u->zh;
	if (!d.loc.text)
		d.loc.text = k->u->zh_text;
	d.other = k->u->ru;
	if (!d.other.text)
		d.other.text = k->u->ru_text;
	d.eid = k->u->eid;
	char where[256];
	px_eid_reader(d.eid, where, sizeof where);
	px_buf m = PX_BUF_INIT;
	if (where[0] && px_buf_printf(&m, "%s: %s", where, k->msg.ptr) < 0) {
		px_buf_dispose(&m);
		return px_fail_oom();
	}
	d.message = where[0] ? m.ptr : k->msg.ptr;
	k->found = 1;
	int rc = px_diags_add(k->out, &d);
	px_buf_dispose(&m);
	return rc;
}

static int report(struct check *k, const char *rule)
{
	return report_as(k, rule, -1);
}

/* The Russian words of match `m` as written in the unit (at most 200 bytes). */
static int found_text(struct check *k, const struct match *m, char *buf, size_t size)
{
	size_t s0 = k->t.v[m->start].s0, s1 = k->t.v[m->end - 1].s1;
	size_t n = s1 - s0;
	if (n > 200) {
		n = 200;
		while (n && ((unsigned char)k->ru[s0 + n] & 0xC0) == 0x80)
			n--;
	}
	return snprintf(buf, size, "%.*s", (int)n, k->ru + s0);
}

static bool subjects_agree(const struct concept *a, const struct concept *b)
{
	if (!a->subject || !b->subject)
		return !a->subject && !b->subject;
	return strcmp(a->subject, b->subject) == 0;
}

/* Does the Russian text contain a word (stem of 4 letters or more) of a
 * Russian term of concept `c`? */
static bool partly_mentioned(const struct check *k, const struct concept *c)
{
	for (size_t r = 0; r < c->nru; r++)
		for (size_t w = 0; w < c->ru[r].nw; w++) {
			const struct ru_word *x = &c->ru[r].w[w];
			if (px_utf8_count(x->stem, strlen(x->stem)) < 4)
				continue;
			for (size_t i = 0; i < k->t.n; i++)
				if (words_agree(tok_stem(&k->t, i), tok_low(&k->t, i), x->stem, x->low))
					return true;
		}
	return false;
}

/* Check one concept found (uncovered) in the Russian text at match `m`. */
static int check_concept(struct check *k, const struct match *m)
{
	const struct concept *c = &k->tb->v[m->c];
	if (c->nok == 0 && c->nzh == 0)
		return 0; /* nothing to expect */
	char as_found[256];
	found_text(k, m, as_found, sizeof as_found);
	const char *term = c->ru[m->t].text;
	char named[300] = "";
	if (strcmp(as_found, term) != 0)
		snprintf(named, sizeof named, " (%s)", term);
	bool ok = false;
	struct match *wrong = NULL, *stray = NULL;
	for (size_t i = 0; i < k->zm.n; i++) {
		struct match *z = &k->zm.v[i];
		if (z->c != m->c)
			continue;
		if (acceptable(k, &c->zh[z->t]))
			ok = true;
		else if (!z->covered && !z->used && !wrong)
			wrong = z;
	}
	if (expected_list(k, c) < 0)
		return PX_ENOMEM;
	if (wrong && !ok) {
		const struct zh_term *w = &c->zh[wrong->t];
		wrong->used = true;
		px_buf_clear(&k->msg);
		int rc = w->wrong ?
			px_buf_printf(&k->msg, "deprecated equivalent '%s' of '%s'%s: use %s", w->text, as_found, named,
				k->list.ptr) :
			px_buf_printf(&k->msg, "'%s' of '%s'%s is said of %s%d parties; this instrument has %d: use %s",
				w->text, as_found, named, w->parties < 0 ? "at least " : "",
				w->parties < 0 ? -w->parties : w->parties, k->parties, k->list.ptr);
		if (rc < 0)
			return PX_ENOMEM;
		return report(k, "PX081");
	}
	for (size_t i = 0; i < c->nzh && !ok; i++)
		if (acceptable(k, &c->zh[i]) && zh_variant(k, &c->zh[i]))
			ok = true;
	if (ok || c->nok == 0)
		return 0;
	/* a wrong term of another concept: the deprecated term of a concept
	 * inside this one (书记处 for the Secretariat in «Секретариат ШОС»), or
	 * the term of a concept the Russian text does not mention */
	for (size_t i = 0; i < k->zm.n && !wrong; i++) {
		struct match *z = &k->zm.v[i];
		if (!z->covered && !z->used && z->c != m->c && k->tb->v[z->c].zh[z->t].wrong && k->mentioned[z->c])
			wrong = z;
	}
	if (wrong) {
		wrong->used = true;
		px_buf_clear(&k->msg);
		if (px_buf_printf(&k->msg, "deprecated equivalent '%s' in '%s'%s: expected %s",
			k->tb->v[wrong->c].zh[wrong->t].text, as_found, named, k->list.ptr) < 0)
			return PX_ENOMEM;
		return report(k, "PX081");
	}
	for (size_t i = 0; i < k->zm.n && !stray; i++) {
		struct match *z = &k->zm.v[i];
		const struct concept *d = &k->tb->v[z->c];
		if (!z->covered && !z->used && z->c != m->c && !d->zh[z->t].wrong && !k->mentioned[z->c] &&
			d->nru && subjects_agree(c, d) && c->ru[0].name && d->ru[0].name)
			stray = z;
	}
	if (stray) {
		const struct concept *d = &k->tb->v[stray->c];
		stray->used = true;
		k->done[stray->c] = true;
		px_buf_clear(&k->msg);
		if (px_buf_printf(&k->msg, "wrong equivalent '%s' (%s) of '%s'%s: expected %s", d->zh[stray->t].text,
			d->ru[0].text, as_found, named, k->list.ptr) < 0)
			return PX_ENOMEM;
		return report(k, "PX081");
	}
	if (k->u->zh_text && strstr(k->u->zh_text, as_found))
		return 0; /* left in Russian in the Chinese text: untranslated (PX068), not a term */
	if (k->quiet & PX_TERMS_NO_MISSING)
		return 0;
	px_buf_clear(&k->msg);
	if (px_buf_printf(&k->msg, "no Chinese equivalent of '%s'%s: expected %s", as_found, named, k->list.ptr) < 0)
		return PX_ENOMEM;
	/* no evidence of a wrong rendering: the translator may have worded it
	 * otherwise; a warning only for a concept the termbase makes mandatory */
	return report_as(k, "PX080", c->mandatory ? PX_SEV_WARNING : PX_SEV_INFO);
}

/* How many times each concept is named in m, into cnt[concept]: covered
 * matches too (秘书处 inside 上海合作组织秘书处 names the Secretariat as much
 * as «Секретариат» does), but once per place (not again inside an earlier
 * match of the same concept: «Совет глав правительств» inside «Совет глав
 * правительств (премьер-министров)»); on the Chinese side acceptable terms
 * only. m is sorted by start, longest first (mark_covered()), so one pass. */
static void count_names(const struct check *k, const struct matches *m, bool zh, size_t *cnt, size_t *end)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct match *x = &m->v[i];
		if (zh && k->tb->v[x->c].zh[x->t].wrong)
			continue;
		if (cnt[x->c] && x->end <= end[x->c])
			continue;
		cnt[x->c]++;
		end[x->c] = x->end;
	}
}

/* One name put for another: two named concepts of one subject field (the
 * Councils of Heads of State and of Heads of Government) that both texts
 * name, the first more often in the Russian text and the second more often
 * in the Chinese one — where the check of each concept alone sees both
 * present. Linear in the matches. */
static int swapped_names(struct check *k)
{
	const px_termbase *tb = k->tb;
	if (!k->rm.n || !k->zm.n)
		return 0;
	size_t *rc_ = calloc(tb->n + 1, sizeof *rc_), *zc = calloc(tb->n + 1, sizeof *zc);
	size_t *re = calloc(tb->n + 1, sizeof *re), *ze = calloc(tb->n + 1, sizeof *ze);
	int rc = 0;
	if (!rc_ || !zc || !re || !ze) {
		rc = px_fail_oom();
		goto done;
	}
	count_names(k, &k->rm, false, rc_, re);
	count_names(k, &k->zm, true, zc, ze);
	for (size_t i = 0; i < k->rm.n && rc == 0; i++) {
		size_t a = k->rm.v[i].c;
		const struct concept *ca = &tb->v[a];
		if (k->rm.v[i].covered || !ca->ru[0].name || !ca->nok || rc_[a] <= zc[a])
			continue;
		for (size_t j = 0; j < k->zm.n; j++) {
			size_t b = k->zm.v[j].c;
			const struct concept *cb = &tb->v[b];
			if (b == a || k->zm.v[j].covered || k->zm.v[j].used || cb->zh[k->zm.v[j].t].wrong || !cb->nru ||
				!cb->ru[0].name || zc[b] <= rc_[b] || !subjects_agree(ca, cb))
				continue;
			k->zm.v[j].used = true;
			px_buf_clear(&k->msg);
			if (expected_list(k, ca) < 0 ||
				px_buf_printf(&k->msg, "'%s' (%s) named %zu time%s here and %zu in the Russian text, '%s' %zu "
					"time%s there and %zu here: one name put for the other? expected %s",
					cb->zh[k->zm.v[j].t].text, cb->ru[0].text, zc[b], zc[b] == 1 ? "" : "s", rc_[b],
					ca->ru[0].text, rc_[a], rc_[a] == 1 ? "" : "s", zc[a], k->list.ptr) < 0)
				rc = PX_ENOMEM;
			else
				rc = report(k, "PX081");
			goto done;
		}
		rc_[a] = zc[a]; /* looked at: once per concept */
	}
done:
	free(rc_);
	free(zc);
	free(re);
	free(ze);
	return rc;
}

static int check_pair(struct check *k)
{
	const px_termbase *tb = k->tb;
	for (size_t i = 0; i < k->rm.n; i++)
		k->mentioned[k->rm.v[i].c] = true;
	/* Russian terms, in text order, once per concept */
	for (size_t i = 0; i < k->rm.n; i++) {
		const struct match *m = &k->rm.v[i];
		if (m->covered || k->done[m->c])
			continue;
		k->done[m->c] = true;
		int rc = check_concept(k, m);
		if (rc < 0)
			return rc;
	}
	/* Chinese terms of concepts the Russian text does not mention */
	for (size_t i = 0; i < k->zm.n; i++) {
		const struct match *z = &k->zm.v[i];
		const struct concept *d = &tb->v[z->c];
		const struct zh_term *zt = &d->zh[z->t];
		if (z->covered || z->used || zt->wrong || zt->nchars < 3 || k->mentioned[z->c] || k->done[z->c] ||
			d->nru == 0)
			continue;
		k->done[z->c] = true;
		if (partly_mentioned(k, d) || strstr(k->ru, zt->text) || (k->quiet & PX_TERMS_NO_EXTRA))
			continue; /* untranslated in the Russian text (PX068), or left out */
		px_buf_clear(&k->msg);
		if (px_buf_printf(&k->msg, "term '%s' (%s) is not in the Russian text", zt->text, d->ru[0].text) < 0)
			return PX_ENOMEM;
		int rc = report_as(k, "PX082", PX_SEV_INFO);
		if (rc < 0)
			return rc;
	}
	return swapped_names(k);
}

int px_termbase_check_unit(const px_termbase *tb, const px_term_unit *u, px_diags *out)
{
	return px_termbase_check_unit_opts(tb, u, NULL, out);
}

int px_termbase_check_unit_opts(const px_termbase *tb, const px_term_unit *u, const struct px_terms_opts *o,
	px_diags *out)
{
	static const struct px_terms_opts none = { 0 };
	if (!o)
		o = &none;
	const char *const *skip = o->skip;
	size_t nskip = o->nskip;
	struct check k = { .tb = tb, .u = u, .out = out, .ru = u->ru_text ? u->ru_text : "", .quiet = o->quiet,
		.parties = o->parties ? o->parties : u->parties };
	const char *zh = u->zh_text ? u->zh_text : "";
	int rc = 0;
	struct sb_stemmer *sb = sb_stemmer_new("russian", "UTF_8");
	k.mentioned = calloc(tb->n + 1, sizeof *k.mentioned);
	k.done = calloc(tb->n + 1, sizeof *k.done);
	if (!sb || !k.mentioned || !k.done) {
		rc = px_fail_oom();
		goto done;
	}
	for (size_t i = 0; i < nskip; i++)
		for (size_t c = 0; c < tb->n; c++)
			if (strcmp(tb->v[c].id, skip[i]) == 0)
				k.done[c] = true;
	if ((rc = tokenize(tb->csm, sb, k.ru, strlen(k.ru), &k.t)) < 0 ||
		(rc = nfkc_utf8(tb->nfkc, zh, strlen(zh), &k.zh)) < 0 || (han_spacing(&k.zh), 0) ||
		(rc = find_ru(tb, &k.t, &k.rm)) < 0 ||
		(rc = find_zh(tb, k.zh.ptr ? k.zh.ptr : "", k.zh.size, &k.zm)) < 0 ||
		(rc = check_pair(&k)) < 0)
		goto done;
	rc = k.found ? PX_EINVALID : 0;
done:
	if (sb)
		sb_stemmer_delete(sb);
	toks_dispose(&k.t);
	px_buf_dispose(&k.zh);
	px_buf_dispose(&k.list);
	px_buf_dispose(&k.msg);
	free(k.rm.v);
	free(k.zm.v);
	free(k.mentioned);
	free(k.done);
	free(k.cps);
	return rc;
}

int px_termbase_each_concept(const px_termbase *tb, px_concept_fn fn, void *payload)
{
	const char **ru = NULL, **zh = NULL;
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; tb && i < tb->n && rc == 0; i++) {
		const struct concept *c = &tb->v[i];
		size_t need = c->nru > c->nzh ? c->nru : c->nzh;
		if (need > cap) {
			const char **a = realloc(ru, need * sizeof *a);
			if (a)
				ru = a;
			const char **b = a ? realloc(zh, need * sizeof *b) : NULL;
			if (!a || !b) {
				rc = px_fail_oom();
				break;
			}
			zh = b;
			cap = need;
		}
		size_t nz = 0;
		for (size_t k = 0; k < c->nru; k++)
			ru[k] = c->ru[k].text;
		for (size_t k = 0; k < c->nzh; k++)
			if (!c->zh[k].wrong)
				zh[nz++] = c->zh[k].text;
		rc = fn(payload, c->id, ru, c->nru, zh, nz);
	}
	free(ru);
	free(zh);
	return rc;
}
