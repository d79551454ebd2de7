/*
 * Prose, step 3: the pieces of a formula's text. Quotations with their
 * nesting, numbers (digits, Roman numerals, «7.1»), Russian ordinals in
 * every gender, case and number (the table is made once from ICU's
 * rule-based spell-out, %spellout-ordinal-*), and the nouns references
 * are made of.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "prose/prose_int.h"

/* ---- quotations ---------------------------------------------------------- */

static const struct {
	const char *open, *close;
	bool nests; /* the same opening mark inside opens a nested quotation */
} quotes[] = {
	{ "\xC2\xAB", "\xC2\xBB", true },             /* « » */
	{ "\xE2\x80\x9E", "\xE2\x80\x9C", true },     /* „ “ */
	{ "\xE2\x80\x9C", "\xE2\x80\x9D", true },     /* “ ” */
	{ "\xE2\x80\x98", "\xE2\x80\x99", true },     /* ‘ ’ */
	{ "\xE3\x80\x8C", "\xE3\x80\x8D", true },     /* 「 」 */
	{ "\xE3\x80\x8E", "\xE3\x80\x8F", true },     /* 『 』 */
	{ "\"", "\"", false },                        /* " " */
};

static bool lit_at(const char *s, size_t len, size_t at, const char *lit)
{
	size_t n = strlen(lit);
	return at + n <= len && memcmp(s + at, lit, n) == 0;
}

bool pr_quote_at(const char *s, size_t len, size_t at, size_t *olen, size_t *ca, size_t *cb, size_t *end)
{
	for (size_t q = 0; q < sizeof quotes / sizeof quotes[0]; q++) {
		if (!lit_at(s, len, at, quotes[q].open))
			continue;
		size_t o = strlen(quotes[q].open), c = strlen(quotes[q].close);
		int depth = 1;
		for (size_t i = at + o; i < len; i++) {
			/* a closing mark first: „…“ closes with the mark “ that opens “…” */
			if (lit_at(s, len, i, quotes[q].close)) {
				if (--depth == 0) {
					*olen = o;
					*ca = at + o;
					*cb = i;
					*end = i + c;
					return true;
				}
				i += c - 1;
			} else if (quotes[q].nests && lit_at(s, len, i, quotes[q].open)) {
				/* “…\n“…”: a paragraph of a quotation over several opens
				 * again (Chinese and English use), no nesting */
				if (!(depth == 1 && i > 0 && s[i - 1] == '\n' && q == 2))
					depth++;
				i += o - 1;
			}
		}
		return false;
	}
	return false;
}

/* ---- words ------------------------------------------------------------------ */

size_t pr_past_marker(const struct pr_stream *st, const struct pr_clause *c, size_t i, size_t *piece)
{
	while (*piece < c->to && st->p[*piece].b <= i)
		(*piece)++;
	if (*piece < c->to && st->p[*piece].marker && i >= st->p[*piece].a)
		return st->p[*piece].b;
	return i;
}

size_t pr_word_len(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
			(cp >= 0x400 && cp <= 0x4FF) || (cp == '-' && i > 0);
		if (!letter)
			break;
		i += (size_t)k;
	}
	return i;
}

/* The lower-case form of s[0..len) with ё as е, into out (NUL-terminated). */
static void fold(const char *s, size_t len, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 4 < size;) {
		uint32_t cp;
		int k = px_utf8_decode(s + i, len - i, &cp);
		i += (size_t)k;
		if (cp >= 0x410 && cp <= 0x42F)
			cp += 0x20;
		else if (cp == 0x401 || cp == 0x451)
			cp = 0x435;
		else if (cp >= 'A' && cp <= 'Z')
			cp += 0x20;
		o += (size_t)px_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
}

bool pr_ru_word(const char *s, size_t len, const char *stem)
{
	char w[128];
	fold(s, pr_word_len(s, len), w, sizeof w);
	return strncmp(w, stem, strlen(stem)) == 0;
}

enum pr_noun pr_ru_noun(const char *s, size_t len, size_t *used)
{
	static const struct {
		const char *stem;
		enum pr_noun noun;
	} nouns[] = {
		{ "подпункт", N_ITEM }, { "пункт", N_POINT }, { "раздел", N_SECTION }, { "стать", N_ARTICLE },
		{ "глав", N_CHAPTER }, { "абзац", N_ABZAC }, { "част", N_PART }, { "преамбул", N_PREAMBLE },
		{ "заключительн", N_CONCL }, { "подпис", N_SIGNATURE }, { "наименовани", N_HEADING },
		{ "названи", N_HEADING }, { "заголов", N_HEADING }, { "предложени", N_SENTENCE },
		{ "словосочетани", N_WORDS }, { "слов", N_WORDS }, { "текст", N_WORDS },
	};
	size_t n = pr_word_len(s, len);
	*used = n;
	if (!n)
		return N_NONE;
	char w[128];
	fold(s, n, w, sizeof w);
	for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++) {
		size_t k = strlen(nouns[i].stem);
		if (strncmp(w, nouns[i].stem, k) != 0)
			continue;
		/* «главным», «частности», «словно», «текстовой»: not these nouns */
		const char *rest = w + k;
		if (nouns[i].noun == N_CHAPTER && !(strcmp(rest, "а") == 0 || strcmp(rest, "ы") == 0 || strcmp(rest, "е") == 0 ||
				strcmp(rest, "у") == 0 || strcmp(rest, "ой") == 0 || strcmp(rest, "ою") == 0 || strcmp(rest, "ам") == 0 ||
				strcmp(rest, "ами") == 0 || strcmp(rest, "ах") == 0))
			continue;
		if (nouns[i].noun == N_PART && (strncmp(rest, "н", strlen("н")) == 0))
			continue;
		if (nouns[i].noun == N_WORDS && k == strlen("слов") && *rest && strcmp(rest, "а") != 0 &&
			strcmp(rest, "ами") != 0 && strcmp(rest, "ом") != 0 && strcmp(rest, "о") != 0 && strcmp(rest, "ах") != 0)
			continue;
		return nouns[i].noun;
	}
	return N_NONE;
}

/* ---- numbers ---------------------------------------------------------------- */

int pr_number(const char *s, size_t len, int *sub, size_t *used)
{
	*sub = 0;
	*used = 0;
	size_t i = 0;
	int v = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i < 4)
		v = v * 10 + (s[i++] - '0');
	if (i == 0) {
		/* a Roman numeral: capital I V X L C */
		while (i < len && strchr("IVXLC", s[i]) && s[i])
			i++;
		if (i == 0 || (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))))
			return 0;
		v = px_roman_parse(s, i);
		if (v <= 0)
			return 0;
	} else if (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
		return 0;
	}
	/* «7.1», «V.1»: a sub-number after a dot (not the full stop of a sentence) */
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '1' && s[i + 1] <= '9') {
		size_t j = i + 1;
		int w = 0;
		while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 4)
			w = w * 10 + (s[j++] - '0');
		*sub = w;
		i = j;
	}
	*used = i;
	return v;
}

/* ---- Russian ordinals --------------------------------------------------------- */

struct ordinal {
	char *form; /* folded: lower case, ё as е, single spaces */
	int value;
};

static struct ordinal *ordinals;
static size_t nordinals;
/* the cardinal tens and hundreds a compound ordinal begins with (двадцать
 * первый, сто двадцать пятого): only its last word is inflected */
static struct ordinal *tens;
static size_t ntens;
static pthread_once_t ordinals_once = PTHREAD_ONCE_INIT;

/* The values whose ordinal forms are listed: 1–19, the tens, 100; the
 * others are compounds of a cardinal and one of these. */
static bool listed_value(int v)
{
	return v < 20 || (v < 100 && v % 10 == 0) || v == 100;
}

static bool push_form(struct ordinal **v, size_t *n, size_t *cap, const char *u8, int value)
{
	char folded[512];
	fold(u8, strlen(u8), folded, sizeof folded);
	if (*n == *cap) {
		size_t c2 = *cap ? *cap * 2 : 256;
		struct ordinal *o = realloc(*v, c2 * sizeof *o);
		if (!o)
			return false;
		*v = o;
		*cap = c2;
	}
	if (!((*v)[*n].form = px_strdup(folded)))
		return false;
	(*v)[(*n)++].value = value;
	return true;
}

static int cmp_ordinal(const void *a, const void *b)
{
	return strcmp(((const struct ordinal *)a)->form, ((const struct ordinal *)b)->form);
}

/* The ordinals 1–19, the tens and 100 in every ordinal rule set of ICU's
 * Russian spell-out, and the cardinal tens and 100 (%spellout-numbering). */
static void ordinals_init(void)
{
	UErrorCode e = U_ZERO_ERROR;
	UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, "ru", NULL, &e);
	if (U_FAILURE(e))
		return;
	UChar sets[8192];
	int32_t n = unum_getTextAttribute(f, UNUM_PUBLIC_RULESETS, sets, 8192, &e);
	if (U_FAILURE(e) || n <= 0 || n >= 8192) {
		unum_close(f);
		return;
	}
	sets[n] = 0;
	size_t cap = 0, tcap = 0;
	for (UChar *rs = sets; *rs;) {
		UChar *semi = u_strchr(rs, ';');
		if (semi)
			*semi = 0;
		char name[128];
		u_austrncpy(name, rs, sizeof name - 1);
		name[sizeof name - 1] = '\0';
		bool ordinal = strncmp(name, "%spellout-ordinal", strlen("%spellout-ordinal")) == 0;
		bool cardinal = strcmp(name, "%spellout-numbering") == 0;
		if (ordinal || cardinal) {
			e = U_ZERO_ERROR;
			unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, rs, -1, &e);
			for (int v = 1; v <= 100 && U_SUCCESS(e); v++) {
				if (!listed_value(v) || (cardinal && v < 20))
					continue;
				UChar b[128];
				char u8[512];
				int32_t k = unum_format(f, v, b, 128, NULL, &e);
				u_strToUTF8(u8, sizeof u8, NULL, b, k, &e);
				if (U_FAILURE(e) ||
					!(ordinal ? push_form(&ordinals, &nordinals, &cap, u8, v) : push_form(&tens, &ntens, &tcap, u8, v)))
					break;
			}
		}
		if (!semi)
			break;
		rs = semi + 1;
	}
	unum_close(f);
	qsort(ordinals, nordinals, sizeof *ordinals, cmp_ordinal);
	qsort(tens, ntens, sizeof *tens, cmp_ordinal);
}

static int lookup(const struct ordinal *v, size_t n, const char *folded)
{
	struct ordinal key = { (char *)folded, 0 };
	const struct ordinal *hit = n ? bsearch(&key, v, n, sizeof *v, cmp_ordinal) : NULL;
	return hit ? hit->value : 0;
}

int pr_ru_ordinal(const char *s, size_t len, size_t *used)
{
	pthread_once(&ordinals_once, ordinals_init);
	*used = 0;
	if (!nordinals)
		return 0;
	/* the longest run of one to three words that is an ordinal */
	size_t ends[3], i = 0;
	int words = 0;
	while (words < 3) {
		size_t w = pr_word_len(s + i, len - i);
		if (!w)
			break;
		ends[words++] = i + w;
		i += w;
		if (i >= len || s[i] != ' ')
			break;
		i++;
	}
	/* a compound: cardinal hundreds and tens, then an ordinal (сто двадцать
	 * пятого, двадцать первый); else one ordinal word */
	char w[3][128];
	size_t start = 0;
	for (int k = 0; k < words; k++) {
		fold(s + start, ends[k] - start, w[k], sizeof w[k]);
		start = ends[k] + 1;
	}
	int total = 0;
	for (int k = 0; k < words; k++) {
		int o = lookup(ordinals, nordinals, w[k]);
		/* after «сто» any of 1–99, after «двадцать» only 1–9 */
		if (o && (k == 0 || (total % 100 == 0 ? o < 100 : o < 10))) {
			*used = ends[k];
			return total + o;
		}
		int c = lookup(tens, ntens, w[k]);
		if (!c || (k > 0 && (total % 100 != 0 || c >= 100)))
			return 0;
		total += c;
	}
	return 0;
}
