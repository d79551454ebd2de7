/*
 * The core shared by every stage of the library: errors, text and UTF-8,
 * Roman and Chinese numerals, safe XML reading and atomic writing, JSON
 * pieces, the default context and the embedded data. Not installed.
 *
 * A stage includes this header and its own private header; the document's
 * fields are the model's (model/model.h).
 */
#ifndef PX_INTERNAL_H
#define PX_INTERNAL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <libxml/tree.h>
#include <libxml/hash.h>

#include "paralex/paralex.h"

#define PX_AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

/* ---- errors (error.c) ------------------------------------------------- */
/* Set the thread's last error and return `code`. */
int px_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Same, with a location. */
int px_fail_at(int code, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
int px_fail_oom(void);
/* The version of an options struct the caller gave (`what`, e.g.
 * "px_check_options"): 0 when this library reads it (oldest..newest), else
 * PX_EUSAGE with the last error set. (error.c) */
int px_options_version(const char *what, unsigned version, unsigned oldest, unsigned newest);
/* Give the thread's last error the rule id `rule` (a static string); returns `code`. */
int px_set_rule(int code, const char *rule);
/* This thread's last error, kept aside and put back (around work whose
 * failure is not the caller's: error.c). */
typedef struct px_error_saved {
	int code;
	char message[1024];
	char file[512];
	bool has_file;
	int line, col;
	const char *rule;
} px_error_saved;
void px_error_save(px_error_saved *s);
void px_error_restore(const px_error_saved *s);
/* FNV-1a hash of a NUL-terminated string. */
size_t px_hash_str(const char *s);

/* ---- XML helpers (xml.c) ----------------------------------------------- */
/* Parse untrusted bytes safely (see xml.c). On failure sets the last error
 * with name:line:col and returns PX_EINPUT. */
int px_xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *name);
/* Rule id (PX001–PX004) of this thread's last input failure. */
const char *px_input_rule(void);
/* Read a whole file into memory (NUL-terminated). PX_EIO on failure. */
int px_read_file(char **out, size_t *len, const char *path, size_t max);
/* Which file was read, to tell later whether it is still the same bytes:
 * `regular` only for a regular file whose size is what was read. */
struct px_file_id {
	bool regular;
	uint64_t dev, ino, size;
	int64_t mtime_s, ctime_s;
	long mtime_ns, ctime_ns;
};
/* px_read_file(), and the identity of the file read (`id` may be NULL). */
int px_read_file_id(char **out, size_t *len, const char *path, size_t max, struct px_file_id *id);
/* A file read into an anonymous mapping of its own (NUL-terminated):
 * px_xml_parse_mapped() gives its pages back to the system as the parser
 * consumes them, so that a document being parsed is never held twice. */
struct px_mapped {
	char *base;
	size_t len;      /* bytes of the file */
	size_t maplen;   /* bytes mapped */
	size_t released; /* bytes from base already unmapped (whole pages) */
};
int px_read_file_mapped(struct px_mapped *m, const char *path, size_t max, struct px_file_id *id);
/* Unmap what is left (any state after px_read_file_mapped()). */
void px_mapped_free(struct px_mapped *m);
/* px_xml_parse() of m->base[0, m->len); the bytes are gone afterwards,
 * whatever the result. PX_XML_AGAIN (> 0, nothing stored) when the
 * document must be parsed again from its bytes with
 * px_xml_parse_keep_space(): its white space could not be told from its
 * text as it went (see xml.c). */
#define PX_XML_AGAIN 1
int px_xml_parse_mapped(xmlDocPtr *out, struct px_mapped *m, const char *name);
/* px_xml_parse() keeping every white space text node. */
int px_xml_parse_keep_space(xmlDocPtr *out, const char *data, size_t len, const char *name);
/* Write bytes to `path` atomically ("-" = stdout), see xml.c. */
extern int px_io_fault_after; /* tests: fail the Nth write from now with ENOSPC (0: none) */
int px_write_file_atomic(const char *path, const char *data, size_t len);

/* Is `node` an AKN element named `name`? */
bool px_is(xmlNodePtr node, const char *name);
/* First AKN child element named `name`, or NULL. */
xmlNodePtr px_child(xmlNodePtr node, const char *name);
/* Next element sibling (any name), or NULL. */
xmlNodePtr px_next_el(xmlNodePtr node);
xmlNodePtr px_first_el(xmlNodePtr node);
/* The element after `e` in document order inside `root` (NULL: the whole
 * document): its first child element when `descend`, else the element
 * after its subtree; NULL at the end of root. */
xmlNodePtr px_next_in_order(xmlNodePtr e, xmlNodePtr root, bool descend);
/* Attribute value as a borrowed-looking pointer: caller frees with xmlFree. */
const char *px_attr(xmlNodePtr node, const char *name); /* borrowed from the attr node, or NULL */
/* Is this an element with mixed content (p, heading, num, inline markup)? */
bool px_is_mixed(xmlNodePtr node);
/* Append text content with whitespace collapsed. */
int px_node_text(xmlNodePtr node, px_buf *out);

/* ---- text (text.c) ------------------------------------------------------ */
/* Validate UTF-8; on error return false and the 1-based line/col of the bad byte. */
bool px_utf8_valid(const char *s, size_t len, int *line, int *col);
/* Decode one code point; returns bytes consumed (>=1); *cp = 0xFFFD on error. */
int px_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode one code point into out (>= 4 bytes); returns length. */
int px_utf8_encode(uint32_t cp, char *out);
/* Characters (code points) in s[0..len). */
size_t px_utf8_count(const char *s, size_t len);
/* Is cp white space (incl. NBSP, U+3000, BOM)? */
bool px_is_space(uint32_t cp);
/* Trim and collapse white space (incl. NBSP, U+3000) into single ASCII spaces. */
int px_collapse_space(const char *s, size_t len, px_buf *out);
char *px_strdup(const char *s);
char *px_strndup(const char *s, size_t n);

/* ---- Roman numerals and Chinese numerals (text.c, via ICU) -------------- */
/* Parse a Roman numeral strictly (I..MMMCMXCIX); 0 when not one. */
int px_roman_parse(const char *s, size_t len);
/* Format 1..3999 as Roman into out (>= 16 bytes). */
int px_roman_format(int n, char *out, size_t size);
/* Parse a Chinese numeral strictly (一..九十九 …); 0 when not one. */
int px_hanzi_parse(const char *s, size_t len);
/* Format n as Chinese numeral (UTF-8) into out (>= 32 bytes). */
int px_hanzi_format(int n, char *out, size_t size);

/* ---- JSON (diag.c) ---------------------------------------------------- */
/* Mark finding `i` accepted with a copy of `reason` (may be NULL). */
int px_diags_accept(px_diags *d, size_t i, const char *reason);
/* Replace the fingerprint of finding `i` with a copy of `fp`. */
int px_diags_set_fingerprint(px_diags *d, size_t i, const char *fp);
/* px_diags_addf() with the arguments of the message in a va_list. */
int px_diags_vaddf(px_diags *d, const char *rule, const px_loc *loc, const char *eid, const char *fmt,
	va_list ap);
/* Append a JSON string literal (or null). */
int px_json_str(px_buf *o, const char *s);
/* Append a location as {"file","line","col","text"}; nonzero when out of memory. */
int px_json_loc(px_buf *o, const px_loc *l);

/* ---- the context (context.c) --------------------------------------------- */
/* The context of the built-in data, built on first use; NULL when building
 * it failed (a caller then builds what it needs itself, which says why). */
const px_context *px_context_default(void);

/* ---- embedded data ------------------------------------------------------ */
#include "core/embedded.h"

#endif
