/* The public API from 8 threads over shared read-only objects: one context
 * (registry, termbase, validator), one checker built on it, loaded base
 * documents and protocols. Every thread imports texts with the shared
 * context, validates and checks the shared pair, renders it, reads a
 * protocol in prose against the shared base, applies the shared protocols
 * and writes the reports, several times over; each thread's outputs must be
 * those of the same work done alone, before any thread started.
 *
 * It is a unit test of the normal builds, and the reason for the
 * ThreadSanitizer build of scripts/test (build-tsan, -Db_sanitize=thread):
 * there a data race on a shared object fails it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define THREADS 8
#define ROUNDS 3

static px_context *context;
static px_checker *checker;
static px_doc *base[2], *agreement[2], *protocol[2];
static char *prose_ru, *text_zh;
static size_t prose_ru_len, text_zh_len;

/* Append `b`'s bytes and a separator line to `all`. */
static void keep(px_buf *all, const char *what, px_buf *b)
{
	px_buf_puts(all, "\n==== ");
	px_buf_puts(all, what);
	px_buf_puts(all, "\n");
	if (b->size)
		px_buf_put(all, b->ptr, b->size);
	px_buf_clear(b);
}

/* The findings so far, then a fresh list for the next step. */
static int keep_diags(px_buf *all, const char *what, px_diags **d)
{
	px_buf b = PX_BUF_INIT;
	px_diags_format_text(*d, &b);
	keep(all, what, &b);
	px_buf_dispose(&b);
	px_diags_free(*d);
	*d = NULL;
	return px_diags_new(d);
}

/* All the work of one round, its outputs in `all`. Fails (returns -1) on
 * any call that fails where it succeeds alone. */
static int work(px_buf *all)
{
	px_diags *d = NULL;
	px_buf b = PX_BUF_INIT;
	int rc = -1;
	px_doc *imported = NULL, *proto = NULL, *out_ru = NULL, *out_zh = NULL;
	px_instrument *ins = NULL;
	px_consolidation_report *rep = NULL;
	if (px_diags_new(&d) < 0)
		return -1;

	/* validate the shared documents with the context's validator */
	const px_validator *v = px_context_validator(context);
	for (int l = 0; l < 2; l++) {
		if (px_validate_doc(v, base[l], d) != 0 || px_validate_doc(v, agreement[l], d) != 0)
			goto out;
	}
	if (keep_diags(all, "validate", &d) < 0)
		goto out;

	/* check the shared pairs with the shared checker; JSON and HTML */
	px_alignment *al = NULL;
	if (px_check_pair_aligned(checker, base[0], base[1], d, &al) < 0)
		goto out;
	px_report_options ro = PX_REPORT_OPTIONS_INIT;
	ro.alignment = al;
	if (px_report_html(base[0], base[1], d, &ro, &b) < 0) {
		px_alignment_free(al);
		goto out;
	}
	px_alignment_free(al);
	keep(all, "report", &b);
	if (px_diags_format_json(d, NULL, &b) < 0)
		goto out;
	keep(all, "json", &b);
	if (keep_diags(all, "check", &d) < 0)
		goto out;
	if (px_check_pair(checker, agreement[0], agreement[1], d) < 0)
		goto out;
	if (keep_diags(all, "check agreement", &d) < 0)
		goto out;

	/* import a Chinese text with the shared context, render it and the base */
	px_import_options io = PX_IMPORT_OPTIONS_INIT;
	io.context = context;
	if (px_import_text(&imported, text_zh, text_zh_len, "agreement.zh.txt", PX_LANG_AUTO, &io, d) != 0)
		goto out;
	if (px_doc_save_buf(imported, &b) < 0)
		goto out;
	keep(all, "import", &b);
	if (keep_diags(all, "import findings", &d) < 0)
		goto out;
	if (px_render_text(base[1], &b) < 0)
		goto out;
	keep(all, "render", &b);

	/* a protocol in prose against the shared base */
	px_protocol_options po = PX_PROTOCOL_OPTIONS_INIT;
	po.context = context;
	if (px_protocol_import(&proto, prose_ru, prose_ru_len, "protocol-2025.ru.txt", base[0], &po, d) != 0)
		goto out;
	if (px_doc_save_buf(proto, &b) < 0)
		goto out;
	keep(all, "prose", &b);

	/* the shared protocols applied to the shared base, with the redline */
	if (px_instrument_new(&ins, protocol[0], protocol[1], d) != 0)
		goto out;
	px_consolidate_options co = PX_CONSOLIDATE_OPTIONS_INIT;
	co.validator = v;
	co.checker = checker;
	co.report = &rep;
	if (px_consolidate(&out_ru, &out_zh, base[0], base[1], &ins, 1, &co, d) != 0)
		goto out;
	if (px_doc_save_buf(out_zh, &b) < 0 || px_redline_html(rep, PX_LANG_RU, &b) < 0 ||
		px_comparison_table_text(rep, PX_LANG_ZH, 80, &b) < 0)
		goto out;
	keep(all, "amend", &b);
	if (keep_diags(all, "amend findings", &d) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0) {
		if (d)
			px_diags_format_text(d, &b);
		print_error("%s\n%.*s", px_error_last()->message, (int)b.size, b.ptr);
	}
	px_consolidation_report_free(rep);
	px_doc_free(out_ru);
	px_doc_free(out_zh);
	px_instrument_free(ins);
	px_doc_free(proto);
	px_doc_free(imported);
	px_buf_dispose(&b);
	px_diags_free(d);
	return rc;
}

struct job {
	px_buf out;
	int rc;
};

static void *run(void *arg)
{
	struct job *j = arg;
	j->rc = 0;
	for (int r = 0; r < ROUNDS && j->rc == 0; r++) {
		px_buf_clear(&j->out);
		j->rc = work(&j->out);
	}
	return NULL;
}

static void load(px_doc **d, const char *rel)
{
	if (px_doc_load_file(d, src_path(rel)) < 0)
		fail_msg("%s: %s", rel, px_error_last()->message);
}

static int setup(void **state)
{
	(void)state;
	if (px_context_new(&context, NULL) < 0)
		return -1;
	px_check_options o = PX_CHECK_OPTIONS_INIT;
	o.context = context;
	if (px_checker_new(&checker, &o) < 0)
		return -1;
	load(&base[0], "examples/programme.ru.xml");
	load(&base[1], "examples/programme.zh.xml");
	load(&agreement[0], "examples/agreement/agreement.ru.xml");
	load(&agreement[1], "examples/agreement/agreement.zh.xml");
	load(&protocol[0], "examples/amendments/protocol-2025.ru.xml");
	load(&protocol[1], "examples/amendments/protocol-2025.zh.xml");
	prose_ru = slurp(src_path("examples/amendments/protocol-2025.ru.txt"), &prose_ru_len);
	text_zh = slurp(src_path("examples/agreement/agreement.zh.pdf.txt"), &text_zh_len);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		px_doc_free(base[i]);
		px_doc_free(agreement[i]);
		px_doc_free(protocol[i]);
	}
	px_checker_free(checker);
	px_context_free(context);
	free(prose_ru);
	free(text_zh);
	return 0;
}

static void eight_threads_share_the_read_only_objects(void **state)
{
	(void)state;
	/* the work alone first: what every thread must produce */
	px_buf alone = PX_BUF_INIT;
	assert_int_equal(work(&alone), 0);
	assert_true(alone.size > 10000);
	printf("one round: %zu bytes of outputs\n", alone.size);

	/* the shared objects' own bytes, to see that no thread changed them */
	px_buf before = PX_BUF_INIT, after = PX_BUF_INIT;
	for (int i = 0; i < 2; i++) {
		px_doc_save_buf(base[i], &before);
		px_doc_save_buf(protocol[i], &before);
	}

	struct job jobs[THREADS];
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++) {
		jobs[i].out = (px_buf)PX_BUF_INIT;
		jobs[i].rc = -1;
		assert_int_equal(pthread_create(&th[i], NULL, run, &jobs[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(jobs[i].rc, 0);
		if (jobs[i].out.size != alone.size ||
			memcmp(jobs[i].out.ptr, alone.ptr, alone.size) != 0)
			fail_msg("thread %d produced other outputs than the same work alone", i);
		px_buf_dispose(&jobs[i].out);
	}
	for (int i = 0; i < 2; i++) {
		px_doc_save_buf(base[i], &after);
		px_doc_save_buf(protocol[i], &after);
	}
	assert_int_equal(after.size, before.size);
	assert_memory_equal(after.ptr, before.ptr, before.size);
	px_buf_dispose(&before);
	px_buf_dispose(&after);
	px_buf_dispose(&alone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eight_threads_share_the_read_only_objects),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
