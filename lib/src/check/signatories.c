/*
 * Signatories: the signature blocks of the two texts name the same signing
 * bodies of the same states, as many, in the same order. Each block is
 * identified through the registry twice: by its markup (the `refersTo` of
 * its organization elements) and by its text (px_registry_match_signature_*),
 * so a block whose text names another body than its markup says is found
 * too (PX062). Blocks are compared by registry id, never by string.
 * Who signs is a body of a state, a head of state or government (a body
 * too), or an organ of an organization (its "state" is then the
 * organization it belongs to). Only the first p of a block is its signatory:
 * the signer's name (p[2], signature/person) and the mark of signing are
 * not compared, transliterated names differing between the texts.
 * Optionally (PX_CHECK_COLLATION_ORDER), the Russian order must be the
 * alphabetical order of the states' short names under ICU's Russian collation.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"

struct sig {
	ck_unit *u;
	const char *body;  /* registry id, or NULL */
	const char *state; /* alpha-2 code, the id of an organ's organization, or NULL */
	int unknown;       /* names no body of the registry */
};

/* The ids the markup refers to: the outermost body (or organ of an
 * organization) and the state (or organization) inside it. */
static void markup_ids(const px_registry *reg, xmlNodePtr n, struct sig *s)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *ref = px_is(c, "organization") ? px_attr(c, "refersTo") : NULL;
		px_entry_kind k;
		if (ref && ref[0] == '#' && px_registry_lookup(reg, ref + 1, &k) == 0) {
			bool organ = k == PX_ENTRY_ORGANIZATION && px_registry_organization_parent(reg, ref + 1);
			if ((k == PX_ENTRY_BODY || organ) && !s->body)
				s->body = ref + 1;
			else if ((k == PX_ENTRY_STATE || (k == PX_ENTRY_ORGANIZATION && s->body)) && !s->state)
				s->state = ref + 1; /* an organization only inside an organ */
		}
		markup_ids(reg, c, s);
	}
}

/* The text of a block, at most 60 characters (cut at a character). */
static const char *block_text(const struct sig *s, px_buf *b)
{
	px_buf_clear(b);
	ck_excerpt(b, s->u->text, s->u->len, 60);
	return b->ptr ? b->ptr : "";
}

static const char *sig_key(const struct sig *s)
{
	return s->body ? s->body : s->state ? s->state : "?";
}

static int identify(ck_ctx *x, struct sig *s)
{
	const px_registry *reg = x->c->reg;
	struct sig m = { s->u, NULL, NULL, 0 };
	markup_ids(reg, s->u->node, &m);
	px_signatory t;
	int found = px_registry_match_signature(reg, s->u->text, s->u->len, s->u->side == CK_RU ? PX_LANG_RU : PX_LANG_ZH,
		&t) == 0;
	if (found && m.body && (strcmp(m.body, t.body) != 0)) {
		char key[96];
		snprintf(key, sizeof key, "%s/%s", m.body, t.body);
		int rc = ck_emit(x, "PX062", s->u, NULL, key,
			"the signature's text names '%s' (%s) but its markup refers to '#%s'", t.body, t.state, m.body);
		if (rc < 0)
			return rc;
	}
	s->unknown = !found && !m.body && !m.state;
	s->body = m.body ? m.body : found ? t.body : NULL;
	s->state = m.state ? m.state : found ? t.state : (s->body ? px_registry_signatory_state(reg, s->body) : NULL);
	return 0;
}

static int collect_sigs(ck_ctx *x, int side, struct sig **out, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < x->s[side].n; i++)
		k += x->s[side].u[i].kind == CK_SIGNATURE && x->s[side].u[i].signatory;
	*out = calloc(k ? k : 1, sizeof **out);
	if (!*out)
		return px_fail_oom();
	*n = 0;
	int rc = 0;
	for (size_t i = 0; i < x->s[side].n && rc == 0; i++)
		if (x->s[side].u[i].kind == CK_SIGNATURE && x->s[side].u[i].signatory) {
			(*out)[*n].u = &x->s[side].u[i];
			rc = identify(x, &(*out)[(*n)++]);
		}
	return rc;
}

/* Is the key of s[i] among t[0..nt) not yet used? Marks it used. */
static int take(const struct sig *s, struct sig *t, size_t nt, char *used)
{
	for (size_t k = 0; k < nt; k++)
		if (!used[k] && strcmp(sig_key(s), sig_key(&t[k])) == 0) {
			used[k] = 1;
			return 1;
		}
	return 0;
}

static int compare_sets(ck_ctx *x, struct sig *a, size_t na, struct sig *b, size_t nb, int *same_set)
{
	char *ua = calloc(na + 1, 1), *ub = calloc(nb + 1, 1);
	struct sig **onlya = calloc(na + 1, sizeof *onlya), **onlyb = calloc(nb + 1, sizeof *onlyb);
	int rc = 0;
	if (!ua || !ub || !onlya || !onlyb) {
		rc = px_fail_oom();
		goto done;
	}
	size_t ka = 0, kb = 0;
	for (size_t i = 0; i < na; i++)
		if (!take(&a[i], b, nb, ub))
			onlya[ka++] = &a[i];
	for (size_t i = 0; i < nb; i++)
		if (!take(&b[i], a, na, ua))
			onlyb[kb++] = &b[i];
	*same_set = ka == 0 && kb == 0;
	if (na != nb) {
		/* each block on one side only, said as a reader sees it: «…» (id),
		 * and a signatory that signs twice said so */
		px_buf names = PX_BUF_INIT;
		for (int side = 0; side < 2; side++) {
			struct sig **only = side ? onlyb : onlya;
			struct sig *all = side ? b : a;
			size_t k = side ? kb : ka, n = side ? nb : na;
			for (size_t i = 0; i < k; i++) {
				size_t times = 0, first = 0;
				for (size_t j = 0; j < n; j++)
					if (strcmp(sig_key(&all[j]), sig_key(only[i])) == 0 && !times++)
						first = j;
				px_buf t = PX_BUF_INIT;
				px_buf_printf(&names, "%s'%s' (%s, %s text, block %zu)", names.size ? "; " : "",
					block_text(only[i], &t), sig_key(only[i]), side ? "Chinese" : "Russian",
					(size_t)(only[i] - all) + 1);
				px_buf_dispose(&t);
				if (times > 1)
					px_buf_printf(&names, " signs twice: also block %zu", first + 1);
			}
		}
		int fewer = na < nb ? CK_RU : CK_ZH;
		struct sig *last = fewer == CK_RU ? (na ? &a[na - 1] : NULL) : (nb ? &b[nb - 1] : NULL);
		struct sig *other = fewer == CK_RU ? (nb ? &b[nb - 1] : NULL) : (na ? &a[na - 1] : NULL);
		char key[32];
		snprintf(key, sizeof key, "%zu/%zu", na, nb);
		rc = ck_emit(x, "PX058", last ? last->u : NULL, other ? other->u : NULL, key,
			"the Russian text has %zu signatories and the Chinese text %zu; on one side only: %s", na, nb,
			names.ptr ? names.ptr : "none");
		px_buf_dispose(&names);
		goto done;
	}
	for (size_t i = 0; i < ka && rc == 0; i++) {
		char key[96];
		snprintf(key, sizeof key, "%s/%s", sig_key(onlya[i]), sig_key(onlyb[i]));
		px_buf ta = PX_BUF_INIT, tb = PX_BUF_INIT;
		rc = ck_emit(x, "PX059", onlyb[i]->u, onlya[i]->u, key,
			"this block names '%s' (%s of %s) where the Russian text names '%s' (%s of %s)",
			block_text(onlyb[i], &tb), sig_key(onlyb[i]), onlyb[i]->state ? onlyb[i]->state : "?",
			block_text(onlya[i], &ta), sig_key(onlya[i]), onlya[i]->state ? onlya[i]->state : "?");
		px_buf_dispose(&ta);
		px_buf_dispose(&tb);
	}
done:
	free(ua);
	free(ub);
	free(onlya);
	free(onlyb);
	return rc;
}

static int collation_order(ck_ctx *x, struct sig *a, size_t na)
{
	for (size_t i = 1; i < na; i++) {
		const char *p = a[i - 1].state ? px_registry_state_sort_name(x->c->reg, a[i - 1].state) : NULL;
		const char *q = a[i].state ? px_registry_state_sort_name(x->c->reg, a[i].state) : NULL;
		if (!p || !q)
			continue;
		UErrorCode e = U_ZERO_ERROR;
		if (ucol_strcollUTF8(x->c->coll_ru, p, -1, q, -1, &e) == UCOL_GREATER && U_SUCCESS(e)) {
			char key[64];
			snprintf(key, sizeof key, "%s>%s", a[i - 1].state, a[i].state);
			return ck_emit(x, "PX061", a[i].u, NULL, key,
				"signatory of '%s' follows '%s', against the alphabetical order of the Russian state names", q, p);
		}
	}
	return 0;
}

/* Blocks that name no body of the registry: at the same position in both
 * texts (an organization the registry does not know, «Международная
 * ассоциация …» / «国际……协会»), they cannot be compared by id: one note
 * (PX079, info) with both texts to compare by hand; on one side only, the
 * block is suspect (PX062). */
static int unknown_bodies(ck_ctx *x, const struct sig *a, size_t na, const struct sig *b, size_t nb)
{
	int rc = 0;
	for (size_t i = 0; i < (na > nb ? na : nb) && rc == 0; i++) {
		const struct sig *s = i < na ? &a[i] : NULL, *t = i < nb ? &b[i] : NULL;
		if (s && t && s->unknown && t->unknown) {
			rc = ck_emit(x, "PX079", t->u, s->u, t->u->text,
				"signature block %zu names a body the registry does not know, in both texts: compare '%.*s' "
				"with '%.*s' by hand (or add it to a registry, --registry)", i + 1, (int)(s->u->len < 200 ? s->u->len : 200),
				s->u->text, (int)(t->u->len < 200 ? t->u->len : 200), t->u->text);
			continue;
		}
		for (int k = 0; k < 2 && rc == 0; k++) {
			const struct sig *g = k ? t : s;
			if (g && g->unknown)
				rc = ck_emit(x, "PX062", g->u, NULL, g->u->text,
					"the signature block names no signing body of the registry");
		}
	}
	return rc;
}

int ck_signatories(ck_ctx *x)
{
	struct sig *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	int rc = collect_sigs(x, CK_RU, &a, &na);
	if (rc == 0)
		rc = collect_sigs(x, CK_ZH, &b, &nb);
	if (rc == 0)
		rc = unknown_bodies(x, a, na, b, nb);
	int same = 0;
	if (rc == 0 && (na || nb))
		rc = compare_sets(x, a, na, b, nb, &same);
	if (rc == 0 && same) {
		for (size_t i = 0; i < na; i++) {
			if (strcmp(sig_key(&a[i]), sig_key(&b[i])) == 0)
				continue;
			char key[96];
			snprintf(key, sizeof key, "%s@%zu", sig_key(&b[i]), i);
			rc = ck_emit(x, "PX060", b[i].u, a[i].u, key,
				"signatories in another order: position %zu is '%s' here and '%s' in the Russian text", i + 1,
				sig_key(&b[i]), sig_key(&a[i]));
			break; /* one finding: the first position where the orders part */
		}
	}
	if (rc == 0 && (x->c->flags & PX_CHECK_COLLATION_ORDER))
		rc = collation_order(x, a, na);
	/* pair the blocks for the HTML report and the other checks */
	for (size_t i = 0; i < na && i < nb && rc == 0 && same; i++) {
		a[i].u->peer = b[i].u;
		b[i].u->peer = a[i].u;
	}
	free(a);
	free(b);
	return rc;
}
