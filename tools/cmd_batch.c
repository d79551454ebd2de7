/* paralex batch: validate and check a whole set of documents, on every core. */
#define _GNU_SOURCE /* strdup, getline */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "batch.h"

extern const unsigned char pxf_batch_xsd[];
extern const size_t pxf_batch_xsd_len;

#define MANIFEST_NS "urn:paralex:batch:1"

/* ---- the entries of a set ------------------------------------------------ */

enum entry_kind { E_PAIR, E_UNPAIRED, E_DOCUMENT, E_MANIFEST, E_PROBLEM };

struct entry {
	char *key;          /* the entry's name: its path relative to its root (order, shards) */
	enum entry_kind kind;
	char *ru, *zh;      /* E_PAIR, E_UNPAIRED (one of them) */
	char *file;         /* E_DOCUMENT, E_MANIFEST (the manifest), E_PROBLEM (what cannot be read) */
	int line;           /* E_MANIFEST: the line of the manifest */
	char *problem;      /* E_UNPAIRED, E_MANIFEST: what is wrong */
	char *accept, *tbx, *kind_name; /* from a manifest */
};

struct set {
	struct entry *v;
	size_t n, cap;
};

/* Room for one more element in a growable array `v` of n elements (room
 * for *cap) of `size` bytes: the array, moved perhaps, or NULL when out of
 * memory (then `v` is unchanged). */
static void *room(void *v, size_t *cap, size_t n, size_t size)
{
	if (v && n < *cap)
		return v;
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(v, nc * size);
	if (nv)
		*cap = nc;
	return nv;
}

static struct entry *add_entry(struct set *s)
{
	struct entry *nv = room(s->v, &s->cap, s->n, sizeof *s->v);
	if (!nv)
		return NULL;
	s->v = nv;
	struct entry *e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	return e;
}

static void free_entry(struct entry *e)
{
	free(e->key);
	free(e->ru);
	free(e->zh);
	free(e->file);
	free(e->problem);
	free(e->accept);
	free(e->tbx);
	free(e->kind_name);
}

/* A file of a directory or a list: NAME.LANG.EXT, LANG ru/rus/zh/zho, EXT xml/txt. */
struct cand {
	char *group; /* directory relative to the root, and NAME */
	char *path;
	char *rel;   /* the path relative to the root (the name of an entry of its own) */
	int lang;    /* 0 Russian, 1 Chinese */
	int txt;     /* 0 .xml, 1 .txt */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

/* Is `name` NAME.LANG.EXT? Then the length of NAME, its language and kind. */
static bool parse_name(const char *name, size_t *stem, int *lang, int *txt)
{
	const char *ext = strrchr(name, '.');
	if (!ext || ext == name)
		return false;
	if (strcasecmp(ext, ".xml") == 0)
		*txt = 0;
	else if (strcasecmp(ext, ".txt") == 0)
		*txt = 1;
	else
		return false;
	const char *l = ext - 1;
	while (l > name && *l != '.')
		l--;
	if (l == name)
		return false;
	size_t ll = (size_t)(ext - l - 1);
	if ((ll == 2 && strncasecmp(l + 1, "ru", 2) == 0) || (ll == 3 && strncasecmp(l + 1, "rus", 3) == 0))
		*lang = 0;
	else if ((ll == 2 && strncasecmp(l + 1, "zh", 2) == 0) || (ll == 3 && strncasecmp(l + 1, "zho", 3) == 0))
		*lang = 1;
	else
		return false;
	*stem = (size_t)(l - name);
	return true;
}

/* Note `path` (whose name relative to the root is `rel`) when its name
 * says a language. @return 0, or PX_ENOMEM. */
static int add_cand(struct cands *c, const char *path, const char *rel)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	size_t stem;
	int lang, txt;
	if (!parse_name(base, &stem, &lang, &txt))
		return 0;
	struct cand *nv = room(c->v, &c->cap, c->n, sizeof *c->v);
	if (!nv)
		return PX_ENOMEM;
	c->v = nv;
	struct cand *x = &c->v[c->n];
	x->group = strndup(rel, (size_t)(base - rel) + stem);
	x->path = strdup(path);
	x->rel = strdup(rel);
	x->lang = lang;
	x->txt = txt;
	if (!x->group || !x->path || !x->rel) {
		free(x->group);
		free(x->path);
		free(x->rel);
		return PX_ENOMEM;
	}
	c->n++;
	return 0;
}

/* The directories walked, by device and inode: each once (a link to a
 * directory above, or to one already walked, is not followed again). */
struct seen {
	struct { dev_t dev; ino_t ino; } *v;
	size_t n, cap;
};

static int seen_add(struct seen *sn, const struct stat *st)
{
	for (size_t i = 0; i < sn->n; i++)
		if (sn->v[i].dev == st->st_dev && sn->v[i].ino == st->st_ino)
			return 1;
	void *nv = room(sn->v, &sn->cap, sn->n, sizeof *sn->v);
	if (!nv)
		return PX_ENOMEM;
	sn->v = nv;
	sn->v[sn->n].dev = st->st_dev;
	sn->v[sn->n++].ino = st->st_ino;
	return 0;
}

static struct seen seen_dirs;

/* An entry for what cannot be read at all (a directory of the set): PX001. */
static int add_problem(struct set *s, const char *path, const char *rel, const char *why)
{
	struct entry *e = add_entry(s);
	if (!e || !(e->key = strdup(rel)) || !(e->file = strdup(path)) || asprintf(&e->problem, "%s", why) < 0)
		return PX_ENOMEM;
	e->kind = E_PROBLEM;
	return 0;
}

/* Every file below `dir`, recursively (names starting with '.' skipped);
 * a directory that cannot be read is an entry of its own, and the walk goes on. */
static int walk(struct cands *c, struct set *s, const char *dir, const char *rel, int depth)
{
	struct stat ds;
	if (stat(dir, &ds) == 0) {
		int r = seen_add(&seen_dirs, &ds);
		if (r)
			return r < 0 ? r : 0; /* walked already */
	}
	if (depth > 64)
		return 0;
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		char why[300];
		snprintf(why, sizeof why, "cannot read the directory: %s", strerror(errno));
		return add_problem(s, dir, *rel ? rel : dir, why);
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		if (rc == 0 && nm[0] != '.') {
			char *path = NULL, *r = NULL;
			if (asprintf(&path, "%s/%s", dir, nm) < 0 || asprintf(&r, "%s%s%s", rel, *rel ? "/" : "", nm) < 0) {
				rc = PX_ENOMEM;
			} else {
				struct stat st;
				if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
					rc = walk(c, s, path, r, depth + 1);
				else /* files, and what only looks like one (a FIFO, a link to nothing): read, and told */
					rc = add_cand(c, path, r);
			}
			free(path);
			free(r);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c = strcmp(x->group, y->group);
	if (c)
		return c;
	if (x->lang != y->lang)
		return x->lang - y->lang;
	if (x->txt != y->txt)
		return x->txt - y->txt; /* XML first: it is the one paired */
	return strcmp(x->path, y->path);
}

/* Pair the candidates: NAME's Russian and Chinese files (an XML file before
 * a text of the same language); a file without counterpart, or one more
 * file of a language, is an entry of its own with its problem. */
static int pair_cands(struct set *s, struct cands *c)
{
	if (c->n == 0)
		return 0;
	qsort(c->v, c->n, sizeof *c->v, cand_cmp);
	for (size_t i = 0; i < c->n;) {
		size_t j = i;
		while (j < c->n && strcmp(c->v[j].group, c->v[i].group) == 0)
			j++;
		/* NAME.ru.xml, NAME.ru.txt, NAME.zh.xml, NAME.zh.txt, one each: two
		 * pairs, the documents and the texts (the second named NAME.txt) */
		if (j - i == 4 && c->v[i].lang == 0 && c->v[i + 1].lang == 0 && c->v[i + 2].lang == 1 &&
			c->v[i + 3].lang == 1 && !c->v[i].txt && c->v[i + 1].txt && !c->v[i + 2].txt && c->v[i + 3].txt) {
			for (int t = 0; t < 2; t++) {
				struct entry *e = add_entry(s);
				if (!e)
					return PX_ENOMEM;
				e->kind = E_PAIR;
				if (asprintf(&e->key, "%s%s", c->v[i].group, t ? ".txt" : "") < 0)
					e->key = NULL;
				e->ru = strdup(c->v[i + t].path);
				e->zh = strdup(c->v[i + 2 + t].path);
			}
			i = j;
			continue;
		}
		struct cand *ru = NULL, *zh = NULL;
		for (size_t k = i; k < j; k++) {
			struct cand *x = &c->v[k];
			struct cand **slot = x->lang ? &zh : &ru;
			struct entry *e;
			if (!*slot) {
				*slot = x;
				continue;
			}
			if (!(e = add_entry(s)))
				return PX_ENOMEM;
			e->kind = E_UNPAIRED;
			e->key = strdup(x->rel);
			*(x->lang ? &e->zh : &e->ru) = strdup(x->path);
			if (asprintf(&e->problem, "another %s file of '%s' is paired: %s", x->lang ? "Chinese" : "Russian",
				    x->group, (*slot)->path) < 0)
				e->problem = NULL;
		}
		struct entry *e = add_entry(s);
		if (!e)
			return PX_ENOMEM;
		e->key = strdup(c->v[i].group);
		e->kind = ru && zh ? E_PAIR : E_UNPAIRED;
		e->ru = ru ? strdup(ru->path) : NULL;
		e->zh = zh ? strdup(zh->path) : NULL;
		if (!(ru && zh) && asprintf(&e->problem, "no %s file beside it (%s.%s.xml or .txt)",
				       ru ? "Chinese" : "Russian", c->v[i].group, ru ? "zh" : "ru") < 0)
			e->problem = NULL;
		i = j;
	}
	for (size_t k = 0; k < c->n; k++) {
		free(c->v[k].group);
		free(c->v[k].path);
		free(c->v[k].rel);
	}
	c->n = 0;
	return 0;
}

/* ---- manifests ------------------------------------------------------------ */

/* Is the file an XML manifest (its root element `batch`)? Read from its start. */
static bool is_manifest(const char *path)
{
	char head[4096];
	if (cli_read_head(path, head, sizeof head) < 0)
		return false;
	const char *p = head;
	for (;;) {
		p = strchr(p, '<');
		if (!p)
			return false;
		if (p[1] == '?' || p[1] == '!') {
			p++;
			continue;
		}
		return strncmp(p + 1, "batch", 5) == 0 && (p[6] == ' ' || p[6] == '>' || p[6] == '\n' || p[6] == '\t' ||
							  p[6] == '\r' || p[6] == '/');
	}
}

static void quiet(void *ctx, xmlErrorPtr e)
{
	char *first = ctx;
	if (first && !first[0] && e && e->message) {
		snprintf(first, 512, "line %d: %s", e->line, e->message);
		size_t n = strlen(first);
		while (n && (first[n - 1] == '\n' || first[n - 1] == ' '))
			first[--n] = '\0';
	}
}

/* A path of a manifest, relative to the manifest's directory. */
static char *manifest_path(const char *manifest, const char *p)
{
	if (!p)
		return NULL;
	const char *slash = strrchr(manifest, '/');
	char *out = NULL;
	if (p[0] == '/' || !slash)
		return strdup(p);
	if (asprintf(&out, "%.*s/%s", (int)(slash - manifest), manifest, p) < 0)
		return NULL;
	return out;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* Read a manifest (schemas/batch.xsd, built in): its pairs and documents.
 * A manifest that cannot be used is an error of the run (exit 2). */
static int read_manifest(struct set *s, const char *path)
{
	char why[512] = "";
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, 64u << 20) < 0)
		return cli_report_error(EXIT_USAGE);
	/* no document type declaration: no entity is ever declared */
	const char *root = b.ptr ? b.ptr : "";
	while ((root = strchr(root, '<')) && (root[1] == '?' || (root[1] == '!' && strncmp(root, "<!--", 4) == 0)))
		root++;
	if (root && strncmp(root, "<!DOCTYPE", 9) == 0) {
		fprintf(stderr, "%s: error[PX003]: document type declarations are not accepted in a manifest\n", path);
		px_buf_dispose(&b);
		return EXIT_USAGE;
	}
	xmlSetStructuredErrorFunc(why, quiet);
	xmlDocPtr doc = b.size <= INT32_MAX ? xmlReadMemory(b.ptr ? b.ptr : "", (int)b.size, path, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING) : NULL;
	px_buf_dispose(&b);
	int rc = 0;
	if (!doc) {
		fprintf(stderr, "%s: error[PX004]: the manifest is not well-formed XML: %s\n", path, why);
		rc = EXIT_USAGE;
	} else if (doc->intSubset) {
		fprintf(stderr, "%s: error[PX003]: document type declarations are not accepted in a manifest\n", path);
		rc = EXIT_USAGE;
	} else {
		xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt((const char *)pxf_batch_xsd, (int)pxf_batch_xsd_len);
		xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
		xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
		if (vc)
			xmlSchemaSetValidStructuredErrors(vc, quiet, why);
		if (!vc || xmlSchemaValidateDoc(vc, doc) != 0) {
			fprintf(stderr, "%s: error[PX007]: the manifest does not follow schemas/batch.xsd: %s\n", path,
				why[0] ? why : "cannot validate");
			rc = EXIT_USAGE;
		}
		xmlSchemaFreeValidCtxt(vc);
		xmlSchemaFree(schema);
		xmlSchemaFreeParserCtxt(pc);
	}
	for (xmlNodePtr n = rc == 0 ? xmlDocGetRootElement(doc)->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct entry *e = add_entry(s);
		if (!e) {
			rc = PX_ENOMEM;
			break;
		}
		bool pair = xmlStrEqual(n->name, (const xmlChar *)"pair");
		char *a = attr(n, pair ? "ru" : "path"), *zhp = pair ? attr(n, "zh") : NULL, *acc = attr(n, "accept"),
		     *tbx = attr(n, "tbx");
		e->kind = pair ? E_PAIR : E_DOCUMENT;
		e->key = strdup(a ? a : "");
		e->line = xmlGetLineNo(n);
		*(pair ? &e->ru : &e->file) = manifest_path(path, a);
		e->zh = manifest_path(path, zhp);
		e->accept = manifest_path(path, acc);
		e->tbx = manifest_path(path, tbx);
		e->kind_name = attr(n, "kind");
		free(a);
		free(zhp);
		free(acc);
		free(tbx);
	}
	xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return rc;
}

/* ---- the work ------------------------------------------------------------- */

struct shared {
	const px_context *ctx;
	const px_validator *val;
	const px_checker *chk;   /* for every entry without a termbase of its own */
	const px_check_options *co;
	px_severity fail_on;
	pthread_mutex_t lock;    /* the checkers of entries with a termbase of their own */
	struct { char *tbx; px_checker *chk; } *own;
	size_t nown;
};

/* The checker of an entry: the shared one, or one with the entry's
 * termbase added (built once per termbase). */
static const px_checker *checker_for(struct shared *sh, const char *tbx)
{
	if (!tbx)
		return sh->chk;
	const px_checker *found = NULL;
	pthread_mutex_lock(&sh->lock);
	for (size_t i = 0; i < sh->nown && !found; i++)
		if (strcmp(sh->own[i].tbx, tbx) == 0)
			found = sh->own[i].chk;
	if (!found) {
		px_check_options o = *sh->co;
		const char *list[64];
		size_t n = 0;
		for (size_t i = 0; i < o.ntbx && n < 63; i++)
			list[n++] = o.tbx[i];
		list[n++] = tbx;
		o.tbx = list;
		o.ntbx = n;
		o.context = NULL;
		px_checker *c = NULL;
		void *nv = realloc(sh->own, (sh->nown + 1) * sizeof *sh->own);
		if (nv && px_checker_new(&c, &o) == 0) {
			sh->own = nv;
			sh->own[sh->nown].tbx = strdup(tbx);
			sh->own[sh->nown++].chk = c;
			found = c;
		} else if (nv) {
			sh->own = nv;
		}
	}
	pthread_mutex_unlock(&sh->lock);
	return found;
}

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

/* The entry's JSON object (batch.h) from its findings. */
static json_t *entry_json(const struct entry *e, const px_diags *found, const px_doc *ru, const px_doc *zh,
	bool unreadable, px_severity fail_on)
{
	px_buf b = PX_BUF_INIT;
	px_json_options jo = PX_JSON_OPTIONS_INIT;
	jo.ru = ru;
	jo.zh = zh;
	json_t *doc = px_diags_format_json(found, &jo, &b) == 0 ? json_loadb(b.ptr, b.size, 0, NULL) : NULL;
	px_buf_dispose(&b);
	json_t *o = json_object();
	static const char *const kinds[] = { "pair", "unpaired", "document", "manifest", "unreadable" };
	set_str(o, "entry", e->key);
	set_str(o, "kind", kinds[e->kind]);
	set_str(o, "ru", e->ru);
	set_str(o, "zh", e->zh);
	set_str(o, "file", e->file);
	set_str(o, "type", ru ? px_doc_type(ru) : zh ? px_doc_type(zh) : NULL);
	size_t n[3] = { 0, 0, 0 }, accepted = 0;
	for (size_t i = 0; i < px_diags_count(found); i++) {
		const px_diag *d = px_diags_get(found, i);
		if (d->accepted)
			accepted++;
		else
			n[d->severity]++;
	}
	size_t failing = n[PX_SEV_ERROR] + (fail_on <= PX_SEV_WARNING ? n[PX_SEV_WARNING] : 0) +
		(fail_on <= PX_SEV_INFO ? n[PX_SEV_INFO] : 0);
	set_str(o, "status", unreadable ? "unreadable" : failing ? "findings" : "clean");
	json_object_set_new(o, "errors", json_integer((json_int_t)n[PX_SEV_ERROR]));
	json_object_set_new(o, "warnings", json_integer((json_int_t)n[PX_SEV_WARNING]));
	json_object_set_new(o, "infos", json_integer((json_int_t)n[PX_SEV_INFO]));
	json_object_set_new(o, "accepted", json_integer((json_int_t)accepted));
	json_t *fs = doc ? json_object_get(doc, "findings") : NULL;
	json_object_set_new(o, "findings", json_is_array(fs) ? json_incref(fs) : json_array());
	json_decref(doc);
	return o;
}

static json_t *process(struct shared *sh, const struct entry *e)
{
	px_import_options io = PX_IMPORT_OPTIONS_INIT;
	io.context = sh->ctx;
	io.kind = e->kind_name;
	struct cli_pair_options po = { sh->val, NULL, &io, e->accept, sh->fail_on, false };
	struct cli_pair p = { 0 };
	json_t *out = NULL;
	if (e->kind == E_PAIR) {
		po.checker = checker_for(sh, e->tbx);
		if (!po.checker) {
			px_diags *d = NULL;
			px_loc loc = { e->tbx, 0, 0, NULL };
			if (px_diags_new(&d) < 0 || px_diags_addf(d, "PX001", &loc, NULL, "the termbase cannot be used: %s",
							px_error_last()->message) < 0) {
				px_diags_free(d);
				return NULL;
			}
			out = entry_json(e, d, NULL, NULL, true, sh->fail_on);
			px_diags_free(d);
			return out;
		}
		if (cli_pair_check(&p, e->ru, e->zh, &po) < 0)
			return NULL;
		out = entry_json(e, p.found, p.ru, p.zh, p.status == EXIT_USAGE, sh->fail_on);
	} else if (e->kind == E_DOCUMENT) {
		if (cli_doc_check(&p, e->file, &po) < 0)
			return NULL;
		out = entry_json(e, p.found, p.ru, p.zh, p.status == EXIT_USAGE, sh->fail_on);
	} else {
		px_diags *d = NULL;
		px_loc loc = { e->kind == E_MANIFEST || e->kind == E_PROBLEM ? e->file : e->ru ? e->ru : e->zh, e->line, 0,
			NULL };
		const char *rule = e->kind == E_MANIFEST ? "PX007" : e->kind == E_PROBLEM ? "PX001" : "PX006";
		if (px_diags_new(&d) < 0 ||
			px_diags_addf(d, rule, &loc, NULL, "%s", e->problem ? e->problem : "cannot be used") < 0) {
			px_diags_free(d);
			return NULL;
		}
		out = entry_json(e, d, NULL, NULL, e->kind == E_PROBLEM, sh->fail_on);
		px_diags_free(d);
	}
	cli_pair_dispose(&p);
	return out;
}

struct pool {
	struct shared *sh;
	const struct set *set;
	json_t **results;
	size_t next;          /* the next entry to take */
	size_t done;
	size_t findings;      /* entries with findings so far (progress) */
	bool failed;          /* out of memory */
	pthread_mutex_t lock;
	pthread_cond_t ready;
};

static void *worker(void *arg)
{
	struct pool *pl = arg;
	for (;;) {
		pthread_mutex_lock(&pl->lock);
		size_t i = pl->next < pl->set->n && !pl->failed ? pl->next++ : (size_t)-1;
		pthread_mutex_unlock(&pl->lock);
		if (i == (size_t)-1)
			return NULL;
		json_t *r = process(pl->sh, &pl->set->v[i]);
		pthread_mutex_lock(&pl->lock);
		pl->results[i] = r;
		if (!r)
			pl->failed = true;
		else if (strcmp(batch_status(r, pl->sh->fail_on), "clean") != 0)
			pl->findings++;
		pl->done++;
		pthread_cond_broadcast(&pl->ready);
		pthread_mutex_unlock(&pl->lock);
	}
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* FNV-1a, 64 bits: the shard of an entry from its key, the same on every machine. */
static uint64_t key_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int entry_key_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (!c)
		c = strcmp(x->ru ? x->ru : "", y->ru ? y->ru : "");
	if (!c)
		c = strcmp(x->zh ? x->zh : "", y->zh ? y->zh : "");
	if (!c)
		c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	return c;
}

/* A file given by name (an argument, a line of a list): paired by its
 * name NAME.LANG.EXT, or else a document of its own. */
static int add_file(struct cands *c, struct set *s, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t stem;
	int lang, txt;
	if (parse_name(base ? base + 1 : path, &stem, &lang, &txt))
		return add_cand(c, path, path);
	struct entry *e = add_entry(s);
	if (!e || !(e->key = strdup(path)) || !(e->file = strdup(path)))
		return PX_ENOMEM;
	e->kind = E_DOCUMENT;
	return 0;
}

/* Read the paths of standard input, one a line, or separated by NUL bytes
 * (find -print0): directories, manifests, files. */
static int read_list(struct cands *c, struct set *s)
{
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, "-", 64u << 20) < 0)
		return cli_report_error(EXIT_USAGE);
	char sep = b.size && memchr(b.ptr, '\0', b.size) ? '\0' : '\n';
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < b.size;) {
		char *line = b.ptr + i;
		char *end = memchr(line, sep, b.size - i);
		size_t n = end ? (size_t)(end - line) : b.size - i;
		i += n + 1;
		line[n] = '\0';
		while (n > 0 && sep == '\n' && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			continue;
		struct stat st;
		if (stat(line, &st) == 0 && S_ISDIR(st.st_mode))
			rc = walk(c, s, line, line, 0);
		else if (is_manifest(line))
			rc = read_manifest(s, line);
		else
			rc = add_file(c, s, line);
	}
	px_buf_dispose(&b);
	return rc;
}

int cmd_batch(int argc, char **argv)
{
	const struct cli_command *self = cli_find_command("batch");
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "shard", required_argument, NULL, 's' },
		{ "fail-on", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "akn", required_argument, NULL, 'a' },
		{ "tbx", required_argument, NULL, 't' },
		{ "registry", required_argument, NULL, 'r' },
		{ "collation-order", no_argument, NULL, 'C' },
		{ "no-terms", no_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int format = BATCH_TEXT;
	unsigned shard_k = 0, shard_n = 0;
	const char *shard = NULL, *output = NULL, *akn = NULL, *registry = NULL;
	px_severity fail_on = PX_SEV_WARNING;
	bool quiet_run = false, force = false;
	unsigned check_flags = 0;
	const char **tbx = calloc((size_t)argc + 1, sizeof *tbx);
	size_t ntbx = 0;
	if (!tbx)
		return EXIT_USAGE;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "j:f:o:qh", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 1024) {
				free(tbx);
				return cli_usage_error(self, "--jobs takes a number from 1 to 1024, not '%s'", optarg);
			}
			break;
		case 'f':
			if ((format = batch_parse_format(optarg)) < 0) {
				free(tbx);
				return cli_usage_error(self, "unknown format '%s' (text, json, junit or sarif)", optarg);
			}
			break;
		case 's': {
			char *slash = NULL;
			unsigned long k = strtoul(optarg, &slash, 10), nn = 0;
			bool ok = optarg[0] >= '1' && optarg[0] <= '9' && slash && *slash == '/' && slash[1] >= '1' &&
				slash[1] <= '9';
			if (ok) {
				nn = strtoul(slash + 1, &end, 10);
				ok = *end == '\0' && nn <= 1000000 && k >= 1 && k <= nn;
			}
			shard_k = (unsigned)k;
			shard_n = (unsigned)nn;
			if (!ok) {
				free(tbx);
				return cli_usage_error(self, "--shard takes K/N with 1 <= K <= N <= 1000000, not '%s'", optarg);
			}
			shard = optarg;
			break;
		}
		case 'e':
			if (batch_parse_fail_on(optarg, &fail_on) < 0) {
				free(tbx);
				return cli_usage_error(self, "--fail-on takes error or warning, not '%s'", optarg);
			}
			break;
		case 'o': output = optarg; break;
		case 'a': akn = optarg; break;
		case 't': tbx[ntbx++] = optarg; break;
		case 'r': registry = optarg; break;
		case 'C': check_flags |= PX_CHECK_COLLATION_ORDER; break;
		case 'T': check_flags |= PX_CHECK_NO_TERMS; break;
		case 'q': quiet_run = true; break;
		case 'F': force = true; break;
		case 'h': free(tbx); return cli_print_help(self);
		default:
			free(tbx);
			return cli_usage_error(self, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		free(tbx);
		return cli_usage_error(self, "no directory, manifest or list ('-') given");
	}
	double t0 = now_s();

	/* the entries: directories walked, manifests read, files and lists paired */
	struct set set = { 0 };
	struct cands cands = { 0 };
	int rc = 0;
	for (int i = optind; i < argc && rc == 0; i++) {
		const char *a = argv[i];
		struct stat st;
		if (strcmp(a, "-") == 0) {
			rc = read_list(&cands, &set);
		} else if (stat(a, &st) != 0) {
			fprintf(stderr, "%s: error[PX001]: cannot open: %s\n", a, strerror(errno));
			rc = EXIT_USAGE;
		} else if (S_ISDIR(st.st_mode)) {
			size_t l = strlen(a);
			while (l > 1 && a[l - 1] == '/')
				l--;
			char *d = strndup(a, l);
			/* the names of a directory's entries are relative to it */
			rc = d ? walk(&cands, &set, d, "", 0) : PX_ENOMEM;
			free(d);
			rc = rc == 0 ? pair_cands(&set, &cands) : rc;
		} else if (is_manifest(a)) {
			rc = read_manifest(&set, a);
		} else {
			rc = add_file(&cands, &set, a);
		}
	}
	if (rc == 0)
		rc = pair_cands(&set, &cands);
	free(cands.v);
	if (rc == PX_ENOMEM) {
		fprintf(stderr, "paralex batch: out of memory\n");
		rc = EXIT_USAGE;
	}
	/* every entry once, in the order of their keys; this machine's shard */
	if (rc == 0) {
		if (set.n)
			qsort(set.v, set.n, sizeof *set.v, entry_key_cmp);
		size_t k = 0, dups = 0;
		for (size_t i = 0; i < set.n; i++) {
			bool dup = k > 0 && entry_key_cmp(&set.v[k - 1], &set.v[i]) == 0;
			bool mine = !shard_n || key_hash(set.v[i].key) % shard_n == shard_k - 1;
			dups += dup;
			if (dup || !mine)
				free_entry(&set.v[i]);
			else
				set.v[k++] = set.v[i];
		}
		if (dups)
			fprintf(stderr, "paralex batch: %zu %s given more than once, checked once\n", dups,
				dups == 1 ? "entry" : "entries");
		if (set.n == 0) {
			fprintf(stderr, "paralex batch: no document found in what was given (NAME.ru.xml / NAME.zh.txt …, "
					"see 'paralex batch --help')\n");
			rc = EXIT_USAGE;
		}
		set.n = k;
		if (set.n == 0 && shard_n && rc == 0)
			fprintf(stderr, "paralex batch: shard %s has no entries\n", shard);
	}
	/* the output may not be an input */
	if (rc == 0 && output) {
		char **ins = calloc(set.n * 2 + 1, sizeof *ins);
		int nin = 0;
		for (size_t i = 0; ins && i < set.n; i++) {
			if (set.v[i].ru)
				ins[nin++] = set.v[i].ru;
			if (set.v[i].zh)
				ins[nin++] = set.v[i].zh;
			if (set.v[i].file)
				ins[nin++] = set.v[i].file;
		}
		rc = ins ? cli_check_output(output, ins, nin, force, false) : EXIT_USAGE;
		free(ins);
	}

	/* one context, validator and checker for every worker */
	px_context *ctx = NULL;
	px_checker *chk = NULL;
	px_check_options co = PX_CHECK_OPTIONS_INIT;
	co.flags = check_flags;
	co.tbx = tbx;
	co.ntbx = ntbx;
	co.registry_path = registry;
	px_context_options xo = PX_CONTEXT_OPTIONS_INIT;
	xo.registry_path = registry;
	xo.tbx = tbx;
	xo.ntbx = ntbx;
	if (akn) {
		xo.flags |= PX_CONTEXT_OFFICIAL_SCHEMA;
		xo.official_xsd = akn;
	}
	if (rc == 0 && (px_context_new(&ctx, &xo) < 0 || px_checker_new(&chk, &co) < 0))
		rc = cli_report_error(EXIT_USAGE);
	struct shared sh = { ctx, ctx ? px_context_validator(ctx) : NULL, chk, &co, fail_on,
		PTHREAD_MUTEX_INITIALIZER, NULL, 0 };
	struct pool pl = { &sh, &set, NULL, 0, 0, 0, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	pthread_t *th = NULL;
	int nth = 0;
	if (rc == 0) {
		pl.results = calloc(set.n + 1, sizeof *pl.results);
		if ((size_t)jobs > set.n)
			jobs = set.n ? (long)set.n : 1;
		th = calloc((size_t)jobs, sizeof *th);
		if (!pl.results || !th)
			rc = EXIT_USAGE;
		for (long i = 0; rc == 0 && i < jobs; i++)
			if (pthread_create(&th[i], NULL, worker, &pl) == 0)
				nth++;
		if (rc == 0 && nth == 0) {
			fprintf(stderr, "paralex batch: cannot start a worker thread\n");
			rc = EXIT_USAGE;
		}
	}

	/* the report, entry by entry in order, each entry's result freed once
	 * written; streamed to standard output but for JUnit (whose totals
	 * come first), held for an output file (written atomically at the end);
	 * progress on a terminal */
	px_buf out = PX_BUF_INIT;
	struct batch_totals tot = { 0 };
	struct batch_writer w = { (enum batch_format)format, fail_on, &out, 0, shard };
	bool streaming = !output && format != BATCH_JUNIT;
	bool progress = !quiet_run && isatty(2);
	if (rc == 0) {
		if (streaming && format != BATCH_SARIF)
			batch_write_begin(&w, &tot);
		else if (streaming) {
			batch_write_begin(&w, &tot);
			fwrite(out.ptr ? out.ptr : "", 1, out.size, stdout);
			px_buf_clear(&out);
		}
		size_t shown = 0;
		double last = 0;
		pthread_mutex_lock(&pl.lock);
		while (shown < set.n && !pl.failed) {
			while (shown < set.n && pl.results[shown]) {
				json_t *r = pl.results[shown];
				pl.results[shown++] = NULL;
				pthread_mutex_unlock(&pl.lock);
				if (batch_write_entry(&w, r) < 0)
					pl.failed = true;
				batch_count(&tot, r, fail_on);
				json_decref(r);
				if (streaming && out.size) {
					if (progress)
						fputs("\r\033[K", stderr);
					fwrite(out.ptr, 1, out.size, stdout);
					fflush(stdout);
					px_buf_clear(&out);
				}
				pthread_mutex_lock(&pl.lock);
			}
			if (shown >= set.n || pl.failed)
				break;
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 250000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&pl.ready, &pl.lock, &until);
			double t = now_s();
			if (progress && t - last >= 0.25) {
				last = t;
				double rate = pl.done / (t - t0 > 0 ? t - t0 : 1e-9);
				fprintf(stderr, "\r\033[K%zu/%zu entries, %.1f/s, %zu not clean, ETA %.0f s", pl.done, set.n,
					rate, pl.findings, rate > 0 ? (double)(set.n - pl.done) / rate : 0.0);
			}
		}
		pthread_mutex_unlock(&pl.lock);
		for (int i = 0; i < nth; i++)
			pthread_join(th[i], NULL);
		if (progress)
			fputs("\r\033[K", stderr);
		if (pl.failed) {
			fprintf(stderr, "paralex batch: out of memory\n");
			rc = EXIT_USAGE;
		}
	}
	if (rc == 0) {
		px_buf whole = PX_BUF_INIT;
		struct batch_writer head = w;
		head.out = &whole;
		if (!streaming) /* the beginning, with the totals, before the entries held */
			batch_write_begin(&head, &tot);
		if (output && format == BATCH_TEXT) /* a text report in a file says what it is */
			px_buf_puts(&whole, "# paralex batch report\n");
		if (out.size)
			px_buf_put(&whole, out.ptr, out.size);
		w.out = &whole;
		batch_write_end(&w, &tot);
		const char *why = NULL;
		if (output) {
			if (cli_write_output(output, &whole) < 0) {
				rc = cli_report_error(EXIT_USAGE);
				why = "the report could not be written";
			}
		} else {
			fwrite(whole.ptr ? whole.ptr : "", 1, whole.size, stdout);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				fprintf(stderr, "paralex batch: cannot write the report to standard output: %s\n", strerror(errno));
				rc = EXIT_USAGE;
				why = "the report could not be written";
			}
		}
		px_buf_dispose(&whole);
		px_buf sum = PX_BUF_INIT;
		batch_summary(&sum, "batch", &tot, now_s() - t0, nth, shard, why);
		/* the summary beside a text report; on stderr beside a machine format */
		FILE *sf = format == BATCH_TEXT && !output && !why ? stdout : stderr;
		if (sum.ptr)
			fprintf(sf, "%s\n", sum.ptr);
		px_buf_dispose(&sum);
		if (rc == 0)
			rc = batch_exit(&tot);
	}
	px_buf_dispose(&out);
	for (size_t i = 0; pl.results && i < set.n; i++)
		json_decref(pl.results[i]);
	free(pl.results);
	free(th);
	for (size_t i = 0; i < sh.nown; i++) {
		free(sh.own[i].tbx);
		px_checker_free(sh.own[i].chk);
	}
	free(sh.own);
	px_checker_free(chk);
	px_context_free(ctx);
	for (size_t i = 0; i < set.n; i++)
		free_entry(&set.v[i]);
	free(set.v);
	free(tbx);
	return rc;
}
