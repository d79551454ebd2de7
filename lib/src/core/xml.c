/*
 * Safe XML input and atomic output.
 *
 * Untrusted documents are parsed with these guarantees:
 *  - the bytes must be UTF-8 (a UTF-8 BOM is allowed); UTF-16 and invalid
 *    sequences are refused before libxml2 sees them, with the line and column;
 *  - any document type declaration stops the parser at once (a SAX hook), so
 *    no entity is ever declared, let alone expanded or fetched; there is no
 *    XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE, and XML_PARSE_NONET
 *    is set, so libxml2's own depth and size limits stay in force;
 *  - libxml2's errors are caught per parser context and never printed.
 */
#define _GNU_SOURCE /* realpath, mremap */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "core/core.h"

/* The rule id of the last input failure of this thread (PX001–PX004). */
static _Thread_local const char *input_rule = "PX004";

const char *px_input_rule(void)
{
	return input_rule;
}

#define INPUT_FAIL(rule, ...) (input_rule = (rule), px_set_rule(px_fail_at(__VA_ARGS__), (rule)))

struct parse_state {
	int dtd;          /* a DOCTYPE was seen */
	int err_line, err_col;
	char err[256];
	xmlNodePtr text;  /* the text node characters() last added to, and */
	size_t text_len;  /* its length so far */
	/* layout white space (on_end_element()): */
	bool keep_space;  /* keep it all (the second parse of an inexact first) */
	int mixed_at;     /* depth of the outermost open mixed element, 0: none */
	bool pruned;      /* some was dropped */
	bool inexact;     /* text where a structural element had been assumed */
};

/* libxml2's bound on a text node (XML_MAX_TEXT_LENGTH, 10,000,000 bytes
 * without XML_PARSE_HUGE), enforced here: a document pushed to the parser in
 * slices reaches xmlSAX2Characters() in pieces, which it does not add up. */
static bool blank_run(const xmlChar *s, int len)
{
	for (int i = 0; i < len; i++)
		if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			return false;
	return true;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	if (!st->keep_space && st->mixed_at == 0 && !blank_run(ch, len))
		st->inexact = true;
	xmlSAX2Characters(ctx, ch, len);
	xmlNodePtr last = ctxt->node ? ctxt->node->last : NULL;
	if (!last || last->type != XML_TEXT_NODE) {
		st->text = NULL;
		return;
	}
	if (last != st->text) {
		st->text = last;
		st->text_len = 0;
	}
	st->text_len += (size_t)len;
	if (st->text_len > XML_MAX_TEXT_LENGTH) {
		if (!st->err[0]) {
			snprintf(st->err, sizeof st->err, "xmlSAX2Characters: huge text node");
			st->err_line = xmlSAX2GetLineNumber(ctx);
			st->err_col = xmlSAX2GetColumnNumber(ctx);
		}
		ctxt->wellFormed = 0;
		xmlStopParser(ctxt);
	}
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	st->dtd = 1;
	if (ctxt->input) {
		st->err_line = ctxt->input->line;
		st->err_col = ctxt->input->col;
	}
	xmlStopParser(ctxt);
}

static void on_structured_error(void *ctx, xmlErrorPtr error)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt ? ctxt->_private : NULL;
	if (!st || st->err[0] || error->level < XML_ERR_ERROR)
		return;
	snprintf(st->err, sizeof st->err, "%s", error->message ? error->message : "malformed XML");
	size_t n = strlen(st->err);
	while (n && (st->err[n - 1] == '\n' || st->err[n - 1] == ' '))
		st->err[--n] = '\0';
	/* libxml2 capitalises nothing consistently; keep the first word lower case */
	if (st->err[0] >= 'A' && st->err[0] <= 'Z' && !(st->err[1] >= 'A' && st->err[1] <= 'Z'))
		st->err[0] = (char)(st->err[0] - 'A' + 'a');
	if (strncmp(st->err, "excessive depth", 15) == 0)
		snprintf(st->err, sizeof st->err, "elements nested deeper than 256 levels");
	st->err_line = error->line;
	st->err_col = error->int2;
}

/* Returns the declared encoding in the XML declaration, if any. */
static bool declared_encoding(const char *d, size_t len, char *enc, size_t size)
{
	if (len < 6 || memcmp(d, "<?xml", 5) != 0)
		return false;
	const char *end = memchr(d, '>', len);
	if (!end)
		return false;
	size_t dl = (size_t)(end - d);
	for (size_t i = 0; i + 8 < dl; i++) {
		if (memcmp(d + i, "encoding", 8) != 0)
			continue;
		size_t j = i + 8;
		while (j < dl && (d[j] == ' ' || d[j] == '='))
			j++;
		if (j >= dl || (d[j] != '"' && d[j] != '\''))
			return false;
		char q = d[j++];
		size_t k = 0;
		while (j < dl && d[j] != q && k + 1 < size)
			enc[k++] = d[j++];
		enc[k] = '\0';
		return true;
	}
	return false;
}

static bool all_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			return false;
	return true;
}

/* The white space between the children of a structural element (one that
 * is not mixed by name, px_is_mixed(), has no mixed ancestor and holds no
 * other text) is layout, which px_doc_save_buf() does not write and
 * px_node_text() does not read: it is freed as soon as the element ends, so
 * that a document holds about a third fewer nodes while it is parsed
 * (docs/limits.md). Whether an element holds text is known only at its end,
 * and an ancestor's only at the ancestor's end: when text turns up in an
 * element taken for structural (not a document of the profile), the parse
 * is done again keeping every white space (`inexact`), so that the tree is
 * always the one the bytes say. */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
	int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
		attributes);
	if (st->mixed_at == 0 && ctxt->node && px_is_mixed(ctxt->node))
		st->mixed_at = ctxt->nodeNr;
}

static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	xmlNodePtr n = ctxt->node;
	int depth = ctxt->nodeNr;
	if (!st->keep_space && st->mixed_at == 0 && n && n->type == XML_ELEMENT_NODE) {
		bool text = false;
		for (xmlNodePtr c = n->children; c && !text; c = c->next)
			text = (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !all_blank(c->content);
		for (xmlNodePtr c = n->children, next; c && !text; c = next) {
			next = c->next;
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
				st->pruned = true;
			}
		}
	}
	if (depth == st->mixed_at)
		st->mixed_at = 0;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static int parse(xmlDocPtr *out, const char *data, size_t len, const char *name, struct px_mapped *m,
	bool keep_space);

int px_xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *name)
{
	return parse(out, data, len, name, NULL, false);
}

int px_xml_parse_keep_space(xmlDocPtr *out, const char *data, size_t len, const char *name)
{
	return parse(out, data, len, name, NULL, true);
}

int px_xml_parse_mapped(xmlDocPtr *out, struct px_mapped *m, const char *name)
{
	return parse(out, m->base, m->len, name, m->maplen ? m : NULL, false);
}

/* Give back to the system the whole pages of `m` below `end` (bytes the
 * parser has consumed: it keeps its own copy of what it has not). */
static void release_below(struct px_mapped *m, const char *end)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = (size_t)(end - m->base) / page * page;
	if (upto > m->released) {
		munmap(m->base + m->released, upto - m->released);
		m->released = upto;
	}
}

static int parse(xmlDocPtr *out, const char *data, size_t len, const char *name, struct px_mapped *m,
	bool keep_space)
{
	*out = NULL;
	if (len == 0)
		return INPUT_FAIL("PX001", PX_EINPUT, name, 0, 0, "file is empty");
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF) ||
			(u[0] == 0 && u[1] == '<') || (u[0] == '<' && u[1] == 0)))
		return INPUT_FAIL("PX002", PX_EINPUT, name, 1, 1, "file is UTF-16; only UTF-8 is accepted");
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		data += 3;
		len -= 3;
	}
	int line = 0, col = 0;
	if (!px_utf8_valid(data, len, &line, &col))
		return INPUT_FAIL("PX002", PX_EINPUT, name, line, col, "invalid UTF-8 byte sequence");
	if (memchr(data, '\0', len))
		return INPUT_FAIL("PX002", PX_EINPUT, name, 0, 0, "file contains a NUL byte; not a text file");
	char enc[32];
	if (declared_encoding(data, len, enc, sizeof enc) && strcasecmp(enc, "UTF-8") != 0)
		return INPUT_FAIL("PX002", PX_EINPUT, name, 1, 1, "declared encoding '%s' is not UTF-8", enc);
	if (len > (size_t)INT32_MAX)
		return INPUT_FAIL("PX001", PX_EINPUT, name, 0, 0, "file too large");

	struct parse_state st = { 0 };
	st.keep_space = keep_space;
	/* pushed in slices: the parser holds only the part of the document it
	 * has not consumed yet, never a second copy of the whole */
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, name);
	if (!ctxt)
		return px_fail_oom();
	ctxt->_private = &st;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->endElementNs = on_end_element;
	ctxt->sax->characters = on_characters;
	ctxt->sax->ignorableWhitespace = on_characters;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->serror = on_structured_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
		XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	ctxt->sax->initialized = XML_SAX2_MAGIC; /* so that serror is used */
	ctxt->replaceEntities = 0;
	ctxt->loadsubset = 0;
	ctxt->validate = 0;
	if (ctxt->input && !ctxt->input->filename)
		ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)name);

	enum { SLICE = 1 << 20 };
	for (size_t off = 0; off < len && !st.dtd && !(ctxt->disableSAX && !ctxt->wellFormed);) {
		size_t n = len - off < SLICE ? len - off : SLICE;
		xmlParseChunk(ctxt, data + off, (int)n, 0);
		off += n;
		if (m)
			release_below(m, data + off);
	}
	if (!st.dtd && !ctxt->disableSAX)
		xmlParseChunk(ctxt, NULL, 0, 1);
	int ok = ctxt->wellFormed && !st.dtd;
	xmlDocPtr doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);

	if (st.dtd) {
		xmlFreeDoc(doc);
		return INPUT_FAIL("PX003", PX_EINPUT, name, st.err_line ? st.err_line : 1, st.err_col ? st.err_col : 1,
			"document type declarations (DTD, entities) are not accepted");
	}
	if (!ok || !doc) {
		xmlFreeDoc(doc);
		return INPUT_FAIL("PX004", PX_EINPUT, name, st.err_line, st.err_col, "malformed XML: %s",
			st.err[0] ? st.err : "not well-formed");
	}
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		return INPUT_FAIL("PX003", PX_EINPUT, name, 1, 1, "document type declarations (DTD, entities) are not accepted");
	}
	if (st.pruned && st.inexact) {
		/* white space was dropped from an element that holds text: again,
		 * keeping it all (from the bytes, or the caller reads them again) */
		xmlFreeDoc(doc);
		return m ? PX_XML_AGAIN : parse(out, data - (data != (const char *)u ? 3 : 0),
			len + (data != (const char *)u ? 3 : 0), name, NULL, true);
	}
	*out = doc;
	return 0;
}

/* The buffer of a file being read: from malloc(), or an anonymous mapping
 * of its own (`map`), which can be given back page by page. */
static void *mem_alloc(size_t n, bool map)
{
	if (!map)
		return malloc(n);
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void *mem_grow(void *p, size_t old, size_t n, bool map)
{
	if (!map)
		return realloc(p, n);
	void *q = mremap(p, old, n, MREMAP_MAYMOVE);
	return q == MAP_FAILED ? NULL : q;
}

static void mem_free(void *p, size_t n, bool map)
{
	if (!map)
		free(p);
	else if (p)
		munmap(p, n);
}

static int read_file(char **out, size_t *len, size_t *alloc, const char *path, size_t max, struct px_file_id *id,
	bool map);

int px_read_file(char **out, size_t *len, const char *path, size_t max)
{
	return read_file(out, len, NULL, path, max, NULL, false);
}

int px_read_file_id(char **out, size_t *len, const char *path, size_t max, struct px_file_id *id)
{
	return read_file(out, len, NULL, path, max, id, false);
}

int px_read_file_mapped(struct px_mapped *m, const char *path, size_t max, struct px_file_id *id)
{
	memset(m, 0, sizeof *m);
	size_t alloc = 0;
	int rc = read_file(&m->base, &m->len, &alloc, path, max, id, true);
	if (rc == 0)
		m->maplen = alloc;
	return rc;
}

void px_mapped_free(struct px_mapped *m)
{
	if (m->maplen) {
		if (m->maplen > m->released)
			munmap(m->base + m->released, m->maplen - m->released);
	} else {
		free(m->base);
	}
	memset(m, 0, sizeof *m);
}

static int read_file(char **out, size_t *len, size_t *alloc, const char *path, size_t max, struct px_file_id *id,
	bool map)
{
	*out = NULL;
	*len = 0;
	if (id)
		memset(id, 0, sizeof *id);
	/* O_NONBLOCK: a FIFO opens at once (without it open() waits for a
	 * writer, and the refusal below is never reached); a regular file reads
	 * as always */
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "is a directory");
	}
	if (strcmp(path, "-") != 0 && fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		close(fd);
		return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "is not a regular file (a device, FIFO or socket)");
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > (uint64_t)max) {
		/* refused from its size, before a byte is read */
		close(fd);
		return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "file is larger than %zu MiB", max >> 20);
	}
	size_t cap = (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) ? (size_t)sb.st_size + 1 : 65536;
	if (cap > max + 1)
		cap = max + 1;
	char *buf = mem_alloc(cap + 1, map);
	size_t n = 0;
	if (!buf) {
		close(fd);
		return px_fail_oom();
	}
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				mem_free(buf, cap + 1, map);
				close(fd);
				return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "file is larger than %zu MiB", max >> 20);
			}
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = mem_grow(buf, cap + 1, ncap + 1, map);
			if (!nb) {
				mem_free(buf, cap + 1, map);
				close(fd);
				return px_fail_oom();
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			mem_free(buf, cap + 1, map);
			close(fd);
			return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (id && strcmp(path, "-") != 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == n) {
		id->regular = true;
		id->dev = (uint64_t)sb.st_dev;
		id->ino = (uint64_t)sb.st_ino;
		id->size = (uint64_t)sb.st_size;
		id->mtime_s = (int64_t)sb.st_mtim.tv_sec;
		id->mtime_ns = (long)sb.st_mtim.tv_nsec;
		id->ctime_s = (int64_t)sb.st_ctim.tv_sec;
		id->ctime_ns = (long)sb.st_ctim.tv_nsec;
	}
	close(fd);
	if (n > max) {
		mem_free(buf, cap + 1, map);
		return INPUT_FAIL("PX001", PX_EIO, path, 0, 0, "file is larger than %zu MiB", max >> 20);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	if (alloc)
		*alloc = cap + 1;
	return 0;
}

/* Faults injected into writes by the tests: the write at which to fail
 * (1 = the next), 0 for none. Not thread-safe; only tests set it. */
int px_io_fault_after;

static ssize_t write_or_fault(int fd, const void *buf, size_t n)
{
	if (px_io_fault_after > 0 && --px_io_fault_after == 0) {
		errno = ENOSPC;
		return -1;
	}
	return write(fd, buf, n);
}

/* Flush a directory's entries to the disk (after a rename into it). */
static void sync_dir(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir = slash ? px_strndup(file, slash == file ? 1 : (size_t)(slash - file)) : px_strdup(".");
	if (!dir)
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Write `path` so that it holds either its old bytes or all the new ones,
 * never a part: a temporary file in the directory of the real target,
 * written, flushed to the disk, renamed over it, the directory flushed.
 * - a symbolic link is written through: the file it points to is replaced
 *   (atomically, next to itself) and the link stays a link;
 * - a target that is not a regular file (a directory, a device, a FIFO, a
 *   socket) or a read-only file (no write permission bit, even for root) is
 *   refused, and nothing is written;
 * - a replaced file keeps its permissions (and owner, when we may set it);
 * - on any failure (full disk, quota, I/O error) the old file stays and no
 *   temporary file is left.
 */
int px_write_file_atomic(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return px_fail_at(PX_EIO, "<stdout>", 0, 0, "cannot write: %s", strerror(errno));
		return 0;
	}
	char *real = NULL;
	struct stat st;
	bool exists = false;
	mode_t mode = 0;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			real = realpath(path, NULL);
			if (!real) {
				/* a dangling link: write the file it names */
				char target[4096];
				ssize_t n = readlink(path, target, sizeof target - 1);
				if (n <= 0)
					return px_fail_at(PX_EIO, path, 0, 0, "cannot follow the symbolic link: %s", strerror(errno));
				target[n] = '\0';
				if (target[0] == '/' || !strchr(path, '/')) {
					real = px_strdup(target);
				} else {
					const char *sl = strrchr(path, '/');
					size_t dl = (size_t)(sl - path) + 1;
					real = malloc(dl + (size_t)n + 1);
					if (real) {
						memcpy(real, path, dl);
						memcpy(real + dl, target, (size_t)n + 1);
					}
				}
				if (!real)
					return px_fail_oom();
			}
			if (stat(real, &st) == 0)
				exists = true;
		} else {
			exists = true;
		}
		if (exists && !S_ISREG(st.st_mode)) {
			free(real);
			return px_fail_at(PX_EIO, path, 0, 0, "is not a regular file (%s): not replaced",
				S_ISDIR(st.st_mode) ? "a directory" : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
				: S_ISFIFO(st.st_mode) ? "a FIFO" : "a socket or other special file");
		}
		if (exists && (st.st_mode & 0222) == 0) {
			free(real);
			return px_fail_at(PX_EIO, path, 0, 0, "is read-only: not replaced");
		}
		if (exists && access(real ? real : path, W_OK) != 0) {
			int e = errno;
			free(real);
			return px_fail_at(PX_EIO, path, 0, 0, "cannot be replaced: %s", strerror(e));
		}
		mode = st.st_mode & 07777;
	}
	const char *target = real ? real : path;
	size_t pl = strlen(target);
	char *tmp = malloc(pl + 16);
	if (!tmp) {
		free(real);
		return px_fail_oom();
	}
	memcpy(tmp, target, pl);
	memcpy(tmp + pl, ".tmp.XXXXXX", 12);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(real);
		return px_fail_at(PX_EIO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	int e = 0;
	size_t off = 0;
	while (off < len && !e) {
		ssize_t w = write_or_fault(fd, data + off, len - off);
		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (!e) {
		mode_t um = umask(0);
		umask(um);
		if (fchmod(fd, exists ? mode : 0666 & ~um) < 0)
			e = errno;
		if (!e && exists && geteuid() == 0)
			(void)fchown(fd, st.st_uid, st.st_gid);
	}
	if (!e && fsync(fd) < 0 && errno != EINVAL)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && rename(tmp, target) < 0)
		e = errno;
	if (e) {
		unlink(tmp);
		free(tmp);
		free(real);
		return px_fail_at(PX_EIO, path, 0, 0, "cannot write: %s; the old file, if any, is unchanged", strerror(e));
	}
	sync_dir(target);
	free(tmp);
	free(real);
	return 0;
}

bool px_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0 &&
		node->ns && strcmp((const char *)node->ns->href, PX_AKN_NS) == 0;
}

xmlNodePtr px_first_el(xmlNodePtr node)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr px_next_el(xmlNodePtr node)
{
	for (xmlNodePtr c = node ? node->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr px_next_in_order(xmlNodePtr e, xmlNodePtr root, bool descend)
{
	xmlNodePtr c = descend ? px_first_el(e) : NULL;
	if (c)
		return c;
	while (e && e != root && !px_next_el(e))
		e = e->parent && e->parent->type == XML_ELEMENT_NODE ? e->parent : NULL;
	return e && e != root ? px_next_el(e) : NULL;
}

xmlNodePtr px_child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = px_first_el(node); c; c = px_next_el(c))
		if (px_is(c, name))
			return c;
	return NULL;
}

const char *px_attr(xmlNodePtr node, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0 && a->children &&
				a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return "";
	}
	return NULL;
}

/* Elements whose content is mixed (text and inline markup): their content is
 * text as written. Every other element of the profile holds only elements. */
static const char *const mixed_names[] = {
	"p", "heading", "num", "subheading", "docTitle", "docNumber", "docDate", "docProponent",
	"party", "organization", "role", "signature", "location", "date", "ref", "quotedText",
	"mod", "i", "b", "u", "sup", "sub", "span", "term", "def", "inline", "concept",
	"person", "entity", "docType", "docStage", "shortTitle", "affectedDocument", "rref",
	"mref", "eol", "br", "ins", "del", "omissis", "placeholder", "abbr", "listIntroduction",
	"listWrapUp", "remark", "noteRef", "object", "event", "time", "quantity", "legislature",
	NULL,
};

bool px_is_mixed(xmlNodePtr node)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return false;
	for (size_t i = 0; mixed_names[i]; i++)
		if (strcmp((const char *)node->name, mixed_names[i]) == 0)
			return true;
	return false;
}

static int text_rec(xmlNodePtr node, px_buf *raw)
{
	bool mixed = px_is_mixed(node);
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (px_buf_puts(raw, (const char *)c->content) < 0)
				return PX_ENOMEM;
		} else if (c->type == XML_ELEMENT_NODE) {
			/* a quotation keeps its marks (quotedText, quotedStructure:
			 * startQuote, endQuote) */
			const char *open = px_attr(c, "startQuote"), *close = px_attr(c, "endQuote");
			if ((open && px_buf_puts(raw, open) < 0) || text_rec(c, raw) < 0)
				return PX_ENOMEM;
			if (close) {
				while (raw->size && raw->ptr[raw->size - 1] == ' ')
					raw->ptr[--raw->size] = '\0';
				if (px_buf_puts(raw, close) < 0)
					return PX_ENOMEM;
			}
			/* children of structural elements are separate blocks */
			if (!mixed && px_buf_put(raw, " ", 1) < 0)
				return PX_ENOMEM;
		}
	}
	return 0;
}

int px_node_text(xmlNodePtr node, px_buf *out)
{
	px_buf raw = PX_BUF_INIT;
	int rc = text_rec(node, &raw);
	if (rc == 0 && raw.size)
		rc = px_collapse_space(raw.ptr, raw.size, out);
	px_buf_dispose(&raw);
	return rc;
}

int px_buf_write_file(const px_buf *buf, const char *path)
{
	return px_write_file_atomic(path, buf->ptr ? buf->ptr : "", buf->size);
}

int px_buf_read_file(px_buf *out, const char *path, size_t max)
{
	char *data;
	size_t len;
	int rc = px_read_file(&data, &len, path, max);
	if (rc < 0)
		return rc;
	rc = px_buf_put(out, data, len);
	free(data);
	return rc;
}
