/*
 * The FRBRnumber of an imported work when none is given: the subject of the
 * title, named by the id of a concept of the termbase of the import's
 * context (the built-in one and the user's).
 *
 * Every concept whose Russian term occurs in the Russian title (any word
 * form: lower case, ё read as е, words split at non-letters and reduced to
 * their Snowball stems, a term matching a run of consecutive stems) or whose
 * Chinese term occurs in the Chinese title (a substring) is a candidate,
 * except the concept naming the type of document (программа / 纲要) and
 * concepts that are entries of the registry (states, bodies, organizations:
 * every document of the family names them). The candidate that ends last in
 * the title is its subject: «… по развитию искусственного интеллекта» and
 * «…人工智能发展合作纲要» both give "ai", so the two languages name the same
 * work.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>

#include "import/import_int.h"


struct stems {
	char **v;
	size_t n;
};

static void stems_free(struct stems *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* The stemmer and the Russian case map of one search, made once for the
 * title and every term. */
struct stemming {
	struct sb_stemmer *st;
	UCaseMap *cm;
};

/* Lower-case, ё → е, split at non-letters, stem. */
static int stem_words(const struct stemming *sm, const char *text, struct stems *out)
{
	struct sb_stemmer *st = sm->st;
	UErrorCode e = U_ZERO_ERROR;
	size_t len = strlen(text);
	char *low = malloc(len * 2 + 8);
	if (!low)
		return px_fail_oom();
	int32_t n = ucasemap_utf8ToLower(sm->cm, low, (int32_t)(len * 2 + 8), text, (int32_t)len, &e);
	if (U_FAILURE(e)) {
		free(low);
		return px_fail(PX_ERROR, "cannot lower-case the title");
	}
	size_t cap = 0;
	for (int32_t i = 0; i < n;) {
		int32_t j = i;
		/* one word: a run of letters */
		char word[256];
		size_t w = 0;
		while (j < n) {
			uint32_t cp;
			int k = px_utf8_decode(low + j, (size_t)(n - j), &cp);
			if (!u_isalpha((UChar32)cp))
				break;
			if (cp == 0x0451) /* ё */
				cp = 0x0435;
			if (w + 4 < sizeof word)
				w += (size_t)px_utf8_encode(cp, word + w);
			j += k;
		}
		if (j == i) {
			uint32_t cp;
			i += px_utf8_decode(low + i, (size_t)(n - i), &cp);
			continue;
		}
		i = j;
		const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)word, (int)w);
		if (!s)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			char **v = realloc(out->v, cap * sizeof *v);
			if (!v) {
				free(low);
				return px_fail_oom();
			}
			out->v = v;
		}
		out->v[out->n] = px_strndup((const char *)s, (size_t)sb_stemmer_length(st));
		if (!out->v[out->n]) {
			free(low);
			return px_fail_oom();
		}
		out->n++;
	}
	free(low);
	return 0;
}

/* End (in stems) of the last occurrence of `term` in `title`, or 0. */
static size_t last_run(const struct stems *title, const struct stems *term)
{
	size_t best = 0;
	for (size_t i = 0; term->n && i + term->n <= title->n; i++) {
		size_t k = 0;
		while (k < term->n && strcmp(title->v[i + k], term->v[k]) == 0)
			k++;
		if (k == term->n)
			best = i + term->n;
	}
	return best;
}

static size_t last_substring(const char *title, const char *term)
{
	size_t best = 0, tl = strlen(term);
	for (const char *p = title; tl && (p = strstr(p, term)) != NULL; p++)
		best = (size_t)(p - title) + tl;
	return best;
}

static bool registered(const px_registry *reg, const char *id)
{
	px_entry_kind kind;
	return px_registry_lookup(reg, id, &kind) == 0;
}

/* The end of the last occurrence in the title of any of `terms`. */
static size_t terms_end(const char *const *terms, size_t n, const char *title, const struct stems *tstems,
	const struct stemming *sm, int *rc)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++) {
		size_t end = 0;
		if (tstems) {
			struct stems ts2 = { NULL, 0 };
			if ((*rc = stem_words(sm, terms[i], &ts2)) < 0) {
				stems_free(&ts2);
				return 0;
			}
			end = last_run(tstems, &ts2);
			stems_free(&ts2);
		} else {
			end = last_substring(title, terms[i]);
		}
		if (end > best)
			best = end;
	}
	return best;
}

struct walk {
	px_lang lang;
	const char *title;
	const struct stems *tstems;
	const struct stemming *sm;
	const char *doc_type;
	const px_registry *reg;
	size_t best;
	const char *best_id;
};

/* One concept: a candidate when a term of the title's language is in it. */
static int visit(void *payload, const char *id, const char *const *ru, size_t nru, const char *const *zh, size_t nzh)
{
	struct walk *w = payload;
	if (!id || strcmp(id, w->doc_type) == 0 || registered(w->reg, id))
		return 0;
	int rc = 0;
	size_t end = w->lang == PX_LANG_RU ? terms_end(ru, nru, w->title, w->tstems, w->sm, &rc)
		: terms_end(zh, nzh, w->title, NULL, w->sm, &rc);
	if (rc < 0)
		return rc;
	if (end > w->best) {
		w->best = end;
		w->best_id = id;
	}
	return 0;
}

int px_import_subject(const px_registry *reg, const px_termbase *tb, px_lang lang, const char *title,
	const char *doc_type, char **out)
{
	*out = NULL;
	int rc = 0;
	if (!tb)
		return 0;
	struct stemming sm = { NULL, NULL };
	struct stems tstems = { NULL, 0 };
	if (lang == PX_LANG_RU) {
		UErrorCode e = U_ZERO_ERROR;
		sm.st = sb_stemmer_new("russian", "UTF_8");
		sm.cm = ucasemap_open("ru", 0, &e);
		if (U_FAILURE(e)) {
			sm.cm = NULL;
			rc = px_fail(PX_ERROR, "case map unavailable");
			goto done;
		}
		if (!sm.st || (rc = stem_words(&sm, title, &tstems)) < 0) {
			rc = rc < 0 ? rc : px_fail_oom();
			goto done;
		}
	}
	struct walk w = { lang, title, &tstems, &sm, doc_type, reg, 0, NULL };
	rc = px_termbase_each_concept(tb, visit, &w);
	if (rc < 0)
		goto done;
	if (w.best_id && !(*out = px_strdup(w.best_id)))
		rc = px_fail_oom();
done:
	stems_free(&tstems);
	if (sm.st)
		sb_stemmer_delete(sm.st);
	if (sm.cm)
		ucasemap_close(sm.cm);
	return rc < 0 ? rc : 0;
}
