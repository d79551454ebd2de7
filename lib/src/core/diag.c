/* px_diags: an append-only list of findings that owns its strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

struct px_diags {
	px_diag *v;
	size_t n, cap;
};

int px_diags_new(px_diags **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : px_fail_oom();
}

static void loc_free(px_loc *l)
{
	free((char *)l->file);
	free((char *)l->text);
}

void px_diags_free(px_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		px_diag *x = &d->v[i];
		loc_free(&x->loc);
		loc_free(&x->other);
		free((char *)x->eid);
		free((char *)x->message);
		free((char *)x->fingerprint);
		free((char *)x->reason);
	}
	free(d->v);
	free(d);
}

size_t px_diags_count(const px_diags *d)
{
	return d ? d->n : 0;
}

const px_diag *px_diags_get(const px_diags *d, size_t i)
{
	return d && i < d->n ? &d->v[i] : NULL;
}

size_t px_diags_count_at_least(const px_diags *d, px_severity min)
{
	size_t k = 0;
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].severity >= min && !d->v[i].accepted)
			k++;
	return k;
}

static bool dup_into(const char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return true;
	*dst = px_strdup(src);
	return *dst != NULL;
}

int px_diags_add(px_diags *d, const px_diag *in)
{
	const px_rule *r = px_rule_find(in->rule);
	if (!r)
		return px_fail(PX_EUSAGE, "unknown rule id '%s'", in->rule);
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 16;
		px_diag *nv = realloc(d->v, nc * sizeof *nv);
		if (!nv)
			return px_fail_oom();
		d->v = nv;
		d->cap = nc;
	}
	px_diag *x = &d->v[d->n];
	memset(x, 0, sizeof *x);
	x->rule = r->id;
	x->severity = in->category ? in->severity : r->severity;
	x->category = in->category ? in->category : r->category;
	/* categories are static strings from the registry or string literals */
	x->loc.line = in->loc.line;
	x->loc.col = in->loc.col;
	x->other.line = in->other.line;
	x->other.col = in->other.col;
	x->accepted = in->accepted;
	bool ok = dup_into(&x->loc.file, in->loc.file) && dup_into(&x->loc.text, in->loc.text) &&
		dup_into(&x->other.file, in->other.file) && dup_into(&x->other.text, in->other.text) &&
		dup_into(&x->eid, in->eid) && dup_into(&x->message, in->message ? in->message : r->summary) &&
		dup_into(&x->fingerprint, in->fingerprint) && dup_into(&x->reason, in->reason);
	d->n++; /* counted even when a copy failed, so px_diags_free() frees it */
	return ok ? 0 : px_fail_oom();
}

int px_diags_accept(px_diags *d, size_t i, const char *reason)
{
	if (!d || i >= d->n)
		return px_fail(PX_EUSAGE, "no finding %zu", i);
	char *r = reason ? px_strdup(reason) : NULL;
	if (reason && !r)
		return px_fail_oom();
	free((char *)d->v[i].reason);
	d->v[i].reason = r;
	d->v[i].accepted = 1;
	return 0;
}

int px_diags_set_fingerprint(px_diags *d, size_t i, const char *fp)
{
	if (!d || i >= d->n)
		return px_fail(PX_EUSAGE, "no finding %zu", i);
	char *f = fp ? px_strdup(fp) : NULL;
	if (fp && !f)
		return px_fail_oom();
	free((char *)d->v[i].fingerprint);
	d->v[i].fingerprint = f;
	return 0;
}

int px_diags_vaddf(px_diags *d, const char *rule, const px_loc *loc, const char *eid, const char *fmt,
	va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	px_diag x = { 0 };
	x.rule = rule;
	if (loc)
		x.loc = *loc;
	x.eid = eid;
	x.message = msg;
	return px_diags_add(d, &x);
}

int px_diags_addf(px_diags *d, const char *rule, const px_loc *loc, const char *eid, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = px_diags_vaddf(d, rule, loc, eid, fmt, ap);
	va_end(ap);
	return rc;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Sort key: file, line, column, rule, then the original order (stability). */
struct tagged {
	px_diag x;
	size_t i;
};

static int cmp_tagged(const void *pa, const void *pb)
{
	const struct tagged *ta = pa, *tb = pb;
	const px_diag *a = &ta->x, *b = &tb->x;
	int c = cmp_str(a->loc.file, b->loc.file);
	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return ta->i < tb->i ? -1 : ta->i > tb->i;
}

void px_diags_sort(px_diags *d)
{
	if (!d || d->n < 2)
		return;
	struct tagged *t = malloc(d->n * sizeof *t);
	if (!t)
		return; /* unsorted is still correct output */
	for (size_t i = 0; i < d->n; i++) {
		t[i].x = d->v[i];
		t[i].i = i;
	}
	qsort(t, d->n, sizeof *t, cmp_tagged);
	for (size_t i = 0; i < d->n; i++)
		d->v[i] = t[i].x;
	free(t);
}

int px_diag_format_text(const px_diag *x, px_buf *out)
{
	int rc = px_buf_puts(out, x->loc.file ? x->loc.file : "<input>");
	if (x->loc.line > 0) {
		rc |= px_buf_printf(out, ":%d", x->loc.line);
		if (x->loc.col > 0)
			rc |= px_buf_printf(out, ":%d", x->loc.col);
	}
	rc |= px_buf_printf(out, ": %s[%s]: %s", px_severity_name(x->severity), x->rule, x->message);
	if (x->accepted)
		rc |= px_buf_printf(out, " (accepted: %s)", x->reason ? x->reason : "");
	rc |= px_buf_put(out, "\n", 1);
	return rc ? PX_ENOMEM : 0;
}

int px_diags_format_text(const px_diags *d, px_buf *out)
{
	for (size_t i = 0; d && i < d->n; i++)
		if (px_diag_format_text(&d->v[i], out) < 0)
			return PX_ENOMEM;
	return 0;
}

int px_json_str(px_buf *o, const char *s)
{
	if (!s)
		return px_buf_puts(o, "null");
	int rc = px_buf_put(o, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': rc |= px_buf_puts(o, "\\\""); break;
		case '\\': rc |= px_buf_puts(o, "\\\\"); break;
		case '\n': rc |= px_buf_puts(o, "\\n"); break;
		case '\r': rc |= px_buf_puts(o, "\\r"); break;
		case '\t': rc |= px_buf_puts(o, "\\t"); break;
		default:
			if (*p < 0x20)
				rc |= px_buf_printf(o, "\\u%04x", *p);
			else
				rc |= px_buf_put(o, (const char *)p, 1);
		}
	}
	rc |= px_buf_put(o, "\"", 1);
	return rc ? PX_ENOMEM : 0;
}

int px_json_loc(px_buf *o, const px_loc *l)
{
	int rc = px_buf_puts(o, "{\"file\":");
	rc |= px_json_str(o, l->file);
	rc |= px_buf_printf(o, ",\"line\":%d,\"col\":%d,\"text\":", l->line, l->col);
	rc |= px_json_str(o, l->text);
	rc |= px_buf_put(o, "}", 1);
	return rc;
}
