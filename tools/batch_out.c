/* The reports of `paralex batch` and `paralex merge`, written from the
 * entries' JSON objects (batch.h): text, JSON Lines, JUnit XML, SARIF 2.1.0. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

int batch_parse_format(const char *v)
{
	static const char *const names[] = { "text", "json", "junit", "sarif" };
	for (int i = 0; i < 4; i++)
		if (strcmp(v, names[i]) == 0)
			return i;
	return -1;
}

int batch_parse_fail_on(const char *v, px_severity *out)
{
	if (strcmp(v, "error") == 0)
		*out = PX_SEV_ERROR;
	else if (strcmp(v, "warning") == 0)
		*out = PX_SEV_WARNING;
	else
		return -1;
	return 0;
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static size_t num(const json_t *o, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(o, key));
	return n > 0 ? (size_t)n : 0;
}

const char *batch_status(const json_t *entry, px_severity fail_on)
{
	if (strcmp(str(entry, "status"), "unreadable") == 0)
		return "unreadable";
	size_t n = num(entry, "errors") + (fail_on <= PX_SEV_WARNING ? num(entry, "warnings") : 0) +
		(fail_on <= PX_SEV_INFO ? num(entry, "infos") : 0);
	return n ? "findings" : "clean";
}

void batch_count(struct batch_totals *t, const json_t *entry, px_severity fail_on)
{
	const char *s = batch_status(entry, fail_on);
	t->entries++;
	if (strcmp(s, "unreadable") == 0)
		t->unreadable++;
	else if (strcmp(s, "findings") == 0)
		t->findings++;
	else
		t->clean++;
	t->errors += num(entry, "errors");
	t->warnings += num(entry, "warnings");
	t->infos += num(entry, "infos");
}

int batch_exit(const struct batch_totals *t)
{
	return t->unreadable ? EXIT_USAGE : t->findings ? EXIT_FINDINGS : EXIT_CLEAN;
}

int batch_entry_cmp(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	return strcmp(str(x, "entry"), str(y, "entry"));
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int batch_summary(px_buf *out, const char *cmd, const struct batch_totals *t, double seconds, int jobs, const char *shard,
	const char *why)
{
	int rc = px_buf_printf(out, "paralex %s: %zu %s", cmd, t->entries, plural(t->entries, "entry", "entries"));
	if (shard)
		rc |= px_buf_printf(out, " (shard %s)", shard);
	rc |= px_buf_printf(out, ": %zu clean, %zu with findings, %zu unreadable; %zu %s, %zu %s, %zu %s",
		t->clean, t->findings, t->unreadable, t->errors, plural(t->errors, "error", "errors"), t->warnings,
		plural(t->warnings, "warning", "warnings"), t->infos, plural(t->infos, "note", "notes"));
	if (seconds >= 0)
		rc |= px_buf_printf(out, "; %.1f s, %d %s", seconds, jobs, plural((size_t)jobs, "job", "jobs"));
	if (why)
		rc |= px_buf_printf(out, "; exit 2: %s", why);
	else
		rc |= px_buf_printf(out, "; exit %d%s", batch_exit(t),
			t->unreadable ? ": some entries could not be read" : t->findings ? ": findings" : "");
	return rc ? PX_ENOMEM : 0;
}

/* The files of an entry, as a reader names it. */
static int entry_files(px_buf *out, const json_t *e)
{
	const char *ru = str(e, "ru"), *zh = str(e, "zh"), *file = str(e, "file");
	if (*ru || *zh)
		return px_buf_printf(out, "%s %s", *ru ? ru : "(no Russian file)", *zh ? zh : "(no Chinese file)");
	return px_buf_puts(out, file);
}

/* A finding as `paralex check` prints it: FILE:LINE:COL: severity[RULE]: message. */
static int finding_text(px_buf *out, const json_t *f)
{
	int rc = px_buf_puts(out, *str(f, "file") ? str(f, "file") : "<input>");
	size_t line = num(f, "line"), col = num(f, "col");
	if (line) {
		rc |= px_buf_printf(out, ":%zu", line);
		if (col)
			rc |= px_buf_printf(out, ":%zu", col);
	}
	rc |= px_buf_printf(out, ": %s[%s]: %s", str(f, "severity"), str(f, "rule"), str(f, "message"));
	if (json_is_true(json_object_get(f, "accepted")))
		rc |= px_buf_printf(out, " (accepted: %s)", str(f, "reason"));
	rc |= px_buf_puts(out, "\n");
	return rc;
}

static int xml_text(px_buf *out, const char *s)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': rc |= px_buf_puts(out, "&amp;"); break;
		case '<': rc |= px_buf_puts(out, "&lt;"); break;
		case '>': rc |= px_buf_puts(out, "&gt;"); break;
		case '"': rc |= px_buf_puts(out, "&quot;"); break;
		default:
			if (*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
				rc |= px_buf_puts(out, "?"); /* not a character of XML 1.0 */
			else
				rc |= px_buf_put(out, (const char *)p, 1);
		}
	}
	return rc;
}

static int write_text(struct batch_writer *w, const json_t *e)
{
	const char *s = batch_status(e, w->fail_on);
	int rc = entry_files(w->out, e);
	if (strcmp(s, "clean") == 0)
		rc |= px_buf_puts(w->out, ": clean\n");
	else if (strcmp(s, "unreadable") == 0)
		rc |= px_buf_puts(w->out, ": could not be read\n");
	else
		rc |= px_buf_printf(w->out, ": %zu %s, %zu %s, %zu %s\n", num(e, "errors"),
			plural(num(e, "errors"), "error", "errors"), num(e, "warnings"),
			plural(num(e, "warnings"), "warning", "warnings"), num(e, "infos"),
			plural(num(e, "infos"), "note", "notes"));
	json_t *fs = json_object_get(e, "findings");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		rc |= px_buf_puts(w->out, "  ");
		rc |= finding_text(w->out, json_array_get(fs, i));
	}
	return rc;
}

static int write_junit(struct batch_writer *w, const json_t *e)
{
	const char *s = batch_status(e, w->fail_on), *key = str(e, "entry");
	const char *slash = strrchr(key, '/');
	px_buf cls = PX_BUF_INIT;
	int rc = slash ? px_buf_put(&cls, key, (size_t)(slash - key)) : px_buf_puts(&cls, ".");
	rc |= px_buf_puts(w->out, "    <testcase classname=\"");
	rc |= xml_text(w->out, cls.ptr ? cls.ptr : ".");
	rc |= px_buf_puts(w->out, "\" name=\"");
	rc |= xml_text(w->out, slash ? slash + 1 : key);
	rc |= px_buf_puts(w->out, "\">\n");
	px_buf_dispose(&cls);
	px_buf body = PX_BUF_INIT;
	rc |= entry_files(&body, e);
	rc |= px_buf_puts(&body, "\n");
	json_t *fs = json_object_get(e, "findings");
	for (size_t i = 0; i < json_array_size(fs); i++)
		rc |= finding_text(&body, json_array_get(fs, i));
	if (strcmp(s, "clean") != 0) {
		bool unreadable = strcmp(s, "unreadable") == 0;
		rc |= px_buf_puts(w->out, unreadable ? "      <error type=\"unreadable\" message=\"" :
							"      <failure type=\"findings\" message=\"");
		if (unreadable) {
			rc |= xml_text(w->out, "could not be read");
		} else {
			px_buf m = PX_BUF_INIT;
			rc |= px_buf_printf(&m, "%zu %s, %zu %s", num(e, "errors"), plural(num(e, "errors"), "error", "errors"),
				num(e, "warnings"), plural(num(e, "warnings"), "warning", "warnings"));
			rc |= xml_text(w->out, m.ptr);
			px_buf_dispose(&m);
		}
		rc |= px_buf_puts(w->out, "\">");
		rc |= xml_text(w->out, body.ptr ? body.ptr : "");
		rc |= px_buf_puts(w->out, unreadable ? "</error>\n" : "</failure>\n");
	} else if (json_array_size(fs)) {
		rc |= px_buf_puts(w->out, "      <system-out>");
		rc |= xml_text(w->out, body.ptr ? body.ptr : "");
		rc |= px_buf_puts(w->out, "</system-out>\n");
	}
	px_buf_dispose(&body);
	rc |= px_buf_puts(w->out, "    </testcase>\n");
	return rc;
}

/* A path as a SARIF artifact URI: relative paths stay relative (to the
 * directory the run started in); bytes outside the unreserved set and '/'
 * are percent-encoded. */
static char *uri_of(const char *path)
{
	px_buf b = PX_BUF_INIT;
	if (path[0] == '/')
		px_buf_puts(&b, "file://");
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			strchr("-._~/", *p))
			px_buf_put(&b, (const char *)p, 1);
		else
			px_buf_printf(&b, "%%%02X", *p);
	}
	return b.ptr ? px_buf_detach(&b) : strdup("");
}

static const char *sarif_level(const char *severity)
{
	return strcmp(severity, "error") == 0 ? "error" : strcmp(severity, "warning") == 0 ? "warning" : "note";
}

static int write_sarif(struct batch_writer *w, const json_t *e)
{
	json_t *fs = json_object_get(e, "findings");
	int rc = 0;
	for (size_t i = 0; i < json_array_size(fs); i++) {
		const json_t *f = json_array_get(fs, i);
		const char *file = *str(f, "file") ? str(f, "file") : str(e, *str(e, "ru") ? "ru" : "file");
		char *uri = uri_of(file);
		json_t *loc = json_object();
		json_t *phys = file[0] == '/' ? json_pack("{s:{s:s}}", "artifactLocation", "uri", uri) :
			json_pack("{s:{s:s, s:s}}", "artifactLocation", "uri", uri, "uriBaseId", "WORKDIR");
		free(uri);
		if (num(f, "line")) {
			json_t *region = json_pack("{s:I}", "startLine", (json_int_t)num(f, "line"));
			if (num(f, "col"))
				json_object_set_new(region, "startColumn", json_integer((json_int_t)num(f, "col")));
			json_object_set_new(phys, "region", region);
		}
		json_object_set_new(loc, "physicalLocation", phys);
		json_t *r = json_pack("{s:s, s:s, s:{s:s}, s:[o]}", "ruleId", str(f, "rule"), "level",
			sarif_level(str(f, "severity")), "message", "text", str(f, "message"), "locations", loc);
		if (*str(f, "fingerprint"))
			json_object_set_new(r, "partialFingerprints", json_pack("{s:s}", "paralex/v1", str(f, "fingerprint")));
		if (json_is_true(json_object_get(f, "accepted")))
			json_object_set_new(r, "suppressions",
				json_pack("[{s:s, s:s}]", "kind", "external", "justification", str(f, "reason")));
		json_object_set_new(r, "properties", json_pack("{s:s}", "entry", str(e, "entry")));
		char *txt = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
		json_decref(r);
		if (!txt)
			return PX_ENOMEM;
		rc |= px_buf_puts(w->out, w->written ? ",\n" : "\n");
		rc |= px_buf_puts(w->out, txt);
		free(txt);
		w->written++;
	}
	return rc;
}

int batch_write_begin(struct batch_writer *w, const struct batch_totals *t)
{
	w->written = 0;
	if (w->format == BATCH_JUNIT) {
		return px_buf_printf(w->out,
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			"<testsuites name=\"paralex batch\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n"
			"  <testsuite name=\"paralex\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n",
			t->entries, t->findings, t->unreadable, t->entries, t->findings, t->unreadable) ? PX_ENOMEM : 0;
	}
	if (w->format != BATCH_SARIF)
		return 0;
	json_t *rules = json_array();
	for (size_t i = 0; px_rule_at(i); i++) {
		const px_rule *r = px_rule_at(i);
		json_array_append_new(rules, json_pack("{s:s, s:{s:s}, s:{s:s}, s:{s:s}}", "id", r->id, "shortDescription",
			"text", r->summary, "defaultConfiguration", "level", sarif_level(px_severity_name(r->severity)),
			"properties", "category", r->category));
	}
	json_t *driver = json_pack("{s:s, s:s, s:s, s:o}", "name", "paralex", "version", px_version(),
		"informationUri", "https://docs.oasis-open.org/legaldocml/akn-core/v1.0/", "rules", rules);
	char *d = json_dumps(driver, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(driver);
	if (!d)
		return PX_ENOMEM;
	/* relative paths are relative to the directory the run started in */
	char cwd[4096];
	char *base = getcwd(cwd, sizeof cwd) ? uri_of(cwd) : NULL;
	int rc = px_buf_printf(w->out,
		"{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
		"\"tool\":{\"driver\":%s},\"originalUriBaseIds\":{\"WORKDIR\":{\"uri\":\"%s/\"}},"
		"\"columnKind\":\"unicodeCodePoints\",\"results\":[", d, base ? base : "file:///");
	free(base);
	free(d);
	return rc ? PX_ENOMEM : 0;
}

int batch_write_entry(struct batch_writer *w, const json_t *entry)
{
	int rc = 0;
	switch (w->format) {
	case BATCH_TEXT: rc = write_text(w, entry); break;
	case BATCH_JUNIT: rc = write_junit(w, entry); break;
	case BATCH_SARIF: return write_sarif(w, entry);
	case BATCH_JSON: {
		json_t *copy = json_deep_copy(entry);
		json_object_set_new(copy, "status", json_string(batch_status(entry, w->fail_on)));
		char *line = json_dumps(copy, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(copy);
		if (!line)
			return PX_ENOMEM;
		rc = px_buf_puts(w->out, line) | px_buf_puts(w->out, "\n");
		free(line);
		break;
	}
	}
	w->written++;
	return rc ? PX_ENOMEM : 0;
}

int batch_write_end(struct batch_writer *w, const struct batch_totals *t)
{
	int rc = 0;
	if (w->format == BATCH_JUNIT)
		rc = px_buf_puts(w->out, "  </testsuite>\n</testsuites>\n");
	else if (w->format == BATCH_SARIF)
		rc = px_buf_puts(w->out, "\n]}]}\n");
	else if (w->format == BATCH_JSON)
		rc = px_buf_printf(w->out,
			"{\"summary\":{\"entries\":%zu,\"clean\":%zu,\"findings\":%zu,\"unreadable\":%zu,\"errors\":%zu,"
			"\"warnings\":%zu,\"infos\":%zu,\"exit\":%d,\"shard\":%s%s%s}}\n",
			t->entries, t->clean, t->findings, t->unreadable, t->errors, t->warnings, t->infos, batch_exit(t),
			w->shard ? "\"" : "", w->shard ? w->shard : "null", w->shard ? "\"" : "");
	return rc ? PX_ENOMEM : 0;
}
