#include <unistd.h>
/* The document model: safe load, canonical save, eId index, units. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"

static void load_save_is_stable(void **state)
{
	(void)state;
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_file(&doc, data_path("validate/valid-ru.xml")));
	px_buf a = PX_BUF_INIT, b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(doc, &a));
	px_doc *again = NULL;
	assert_px_ok(px_doc_load_memory(&again, a.ptr, a.size, "saved"));
	assert_px_ok(px_doc_save_buf(again, &b));
	assert_int_equal(a.size, b.size);
	assert_memory_equal(a.ptr, b.ptr, a.size);
	px_buf_dispose(&a);
	px_buf_dispose(&b);
	px_doc_free(doc);
	px_doc_free(again);
}

static void shipped_examples_are_canonical(void **state)
{
	(void)state;
	/* every shipped document is already in canonical form: load+save = bytes */
	const char *files[] = { "examples/programme.ru.xml", "examples/programme.zh.xml" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		char *bytes = slurp(src_path(files[i]), &len);
		px_doc *doc = NULL;
		assert_px_ok(px_doc_load_memory(&doc, bytes, len, files[i]));
		px_buf out = PX_BUF_INIT;
		assert_px_ok(px_doc_save_buf(doc, &out));
		assert_int_equal(out.size, len);
		assert_memory_equal(out.ptr, bytes, len);
		px_buf_dispose(&out);
		px_doc_free(doc);
		free(bytes);
	}
}

static void index_finds_units(void **state)
{
	(void)state;
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_file(&doc, data_path("validate/valid-ru.xml")));
	assert_int_equal(px_doc_lang(doc), PX_LANG_RU);
	assert_string_equal(px_doc_type(doc), "programme");
	px_unit *u = px_doc_find(doc, "sec_I");
	assert_non_null(u);
	assert_string_equal(px_unit_kind(u), "section");
	px_buf t = PX_BUF_INIT;
	assert_px_ok(px_unit_num(u, &t));
	assert_string_equal(t.ptr, "I.");
	px_buf_clear(&t);
	assert_px_ok(px_unit_heading(u, &t));
	assert_true(t.size > 0);
	px_buf_dispose(&t);
	assert_null(px_doc_find(doc, "sec_XX"));
	assert_null(px_doc_find(doc, NULL));
	/* traversal visits every unit once, in document order, parents first */
	size_t n = 0;
	for (px_unit *x = px_doc_first_unit(doc); x; x = px_unit_next(x)) {
		assert_ptr_equal(px_doc_find(doc, px_unit_eid(x)), x);
		px_unit *p = px_unit_parent(x);
		if (p)
			assert_true(px_unit_line(p) <= px_unit_line(x));
		n++;
	}
	assert_true(n > 10);
	u = px_doc_find(doc, "sec_I__p_1");
	assert_non_null(u);
	assert_ptr_equal(px_unit_parent(u), px_doc_find(doc, "sec_I"));
	assert_true(px_unit_col(doc, u) > 1);
	px_doc_free(doc);
}

/* Thousands of eIds (the index grows), a repeated one (the first stays),
 * near misses (prefixes and extensions of present eIds) are absent. */
static void index_scales_and_keeps_first(void **state)
{
	(void)state;
	px_buf x = PX_BUF_INIT;
	assert_px_ok(px_buf_puts(&x, "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"
		"<doc name=\"programme\"><mainBody>\n"));
	for (int i = 1; i <= 5000; i++)
		assert_px_ok(px_buf_printf(&x, "<p eId=\"p_%d\">%d</p>\n", i, i));
	assert_px_ok(px_buf_puts(&x, "<p eId=\"p_77\">again</p>\n</mainBody></doc></akomaNtoso>\n"));
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_memory(&doc, x.ptr, x.size, "many.xml"));
	px_buf_dispose(&x);
	char eid[32];
	for (int i = 1; i <= 5000; i++) {
		snprintf(eid, sizeof eid, "p_%d", i);
		px_unit *u = px_doc_find(doc, eid);
		assert_non_null(u);
		assert_string_equal(px_unit_eid(u), eid);
		assert_int_equal(px_unit_line(u), i + 1);
	}
	assert_null(px_doc_find(doc, "p_5001"));
	assert_null(px_doc_find(doc, "p_"));
	assert_null(px_doc_find(doc, "p_10000"));
	assert_null(px_doc_find(doc, ""));
	/* after reindexing the same */
	assert_px_ok(px_doc_reindex(doc));
	assert_int_equal(px_unit_line(px_doc_find(doc, "p_77")), 78);
	assert_int_equal(px_unit_line(px_doc_find(doc, "p_4999")), 5000);
	px_doc_free(doc);
}

/* The column of an element's start tag, in characters: the text before it
 * on its line, counted independently of the library. */
static int col_of(const char *src, const char *tag)
{
	const char *at = strstr(src, tag);
	assert_non_null(at);
	const char *line = at;
	while (line > src && line[-1] != '\n')
		line--;
	int col = 1;
	for (const char *p = line; p < at; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	return col;
}

/* Columns on one long line (a document without line breaks), after a
 * comment, a processing instruction, CDATA and an attribute value holding
 * '>' and '<' look-alikes, and in Cyrillic text. */
static void columns_on_long_lines(void **state)
{
	(void)state;
	px_buf x = PX_BUF_INIT;
	assert_px_ok(px_buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\""
		"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><doc name=\"programme\"><!-- <p eId=\"no\"> -->"
		"<?pi <p eId=\"no2\">?><mainBody>"));
	for (int i = 1; i <= 3000; i++)
		assert_px_ok(px_buf_printf(&x, "<p eId=\"p_%d\" title=\"a &gt; b > c\">Текст %d <![CDATA[<i>]]></p>", i, i));
	assert_px_ok(px_buf_puts(&x, "</mainBody></doc></akomaNtoso>\n<!-- end -->\n"));
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_memory(&doc, x.ptr, x.size, "one-line.xml"));
	char tag[64];
	for (int i = 1; i <= 3000; i += 7) {
		char eid[32];
		snprintf(eid, sizeof eid, "p_%d", i);
		snprintf(tag, sizeof tag, "<p eId=\"%s\"", eid);
		px_unit *u = px_doc_find(doc, eid);
		assert_non_null(u);
		assert_int_equal(px_unit_line(u), 2);
		assert_int_equal(px_unit_col(doc, u), col_of(x.ptr, tag));
	}
	assert_int_equal(px_unit_col(doc, px_doc_find(doc, "p_3000")), col_of(x.ptr, "<p eId=\"p_3000\""));
	px_doc_free(doc);
	px_buf_dispose(&x);
}

static void free_null_is_noop(void **state)
{
	(void)state;
	px_doc_free(NULL);
	px_diags_free(NULL);
	px_validator_free(NULL);
	px_buf b = PX_BUF_INIT;
	px_buf_dispose(&b);
}

static void load_errors_name_file_and_line(void **state)
{
	(void)state;
	px_doc *doc = (px_doc *)1;
	const char *bad = "<akomaNtoso>\n  <doc>\n</akomaNtoso>\n";
	assert_int_equal(px_doc_load_memory(&doc, bad, strlen(bad), "bad.xml"), PX_EINPUT);
	assert_null(doc);
	const px_error *e = px_error_last();
	assert_string_equal(e->file, "bad.xml");
	assert_int_equal(e->line, 3);
	assert_non_null(strstr(e->message, "malformed XML"));
	assert_int_equal(px_doc_load_file(&doc, data_path("no-such-file.xml")), PX_EIO);
	assert_int_equal(px_doc_load_file(&doc, data_path("validate")), PX_EIO);
	assert_non_null(strstr(px_error_last()->message, "directory"));
}

static void save_is_atomic_and_keeps_target_on_failure(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char path[4200];
	snprintf(path, sizeof path, "%s/out.xml", dir);
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_file(&doc, data_path("validate/valid-zh.xml")));
	assert_px_ok(px_doc_save_file(doc, path));
	px_doc *back = NULL;
	assert_px_ok(px_doc_load_file(&back, path));
	assert_int_equal(px_doc_lang(back), PX_LANG_ZH);
	/* a directory that does not exist: an error, and nothing is created */
	char bad[4300];
	snprintf(bad, sizeof bad, "%s/missing/out.xml", dir);
	assert_int_equal(px_doc_save_file(doc, bad), PX_EIO);
	assert_non_null(px_error_last()->file);
	px_doc_free(doc);
	px_doc_free(back);
	unlink(path);
	rmdir(dir);
	free(dir);
}

static void numerals_parse_strictly(void **state)
{
	(void)state;
	assert_int_equal(px_roman_parse("IV", 2), 4);
	assert_int_equal(px_roman_parse("XII", 3), 12);
	assert_int_equal(px_roman_parse("IIII", 4), 0);
	assert_int_equal(px_roman_parse("iv", 2), 0);
	assert_int_equal(px_roman_parse("IC", 2), 0);
	assert_int_equal(px_hanzi_parse("六", strlen("六")), 6);
	assert_int_equal(px_hanzi_parse("十二", strlen("十二")), 12);
	assert_int_equal(px_hanzi_parse("二十一", strlen("二十一")), 21);
	assert_int_equal(px_hanzi_parse("六x", strlen("六x")), 0);
	char b[32];
	assert_int_equal(px_roman_format(9, b, sizeof b), 0);
	assert_string_equal(b, "IX");
	assert_int_equal(px_hanzi_format(11, b, sizeof b), 0);
	assert_string_equal(b, "十一");
	/* formatting and strict parsing are inverse over the whole range */
	for (int n = 1; n <= 3999; n++) {
		assert_int_equal(px_roman_format(n, b, sizeof b), 0);
		assert_int_equal(px_roman_parse(b, strlen(b)), n);
	}
	for (int n = 1; n <= 300; n++) {
		assert_int_equal(px_hanzi_format(n, b, sizeof b), 0);
		assert_int_equal(px_hanzi_parse(b, strlen(b)), n);
	}
	/* non-canonical spellings are refused */
	assert_int_equal(px_roman_parse("VV", 2), 0);
	assert_int_equal(px_roman_parse("XIIII", 5), 0);
	assert_int_equal(px_hanzi_parse("一十", strlen("一十")), 0);
	assert_int_equal(px_hanzi_parse("十一一", strlen("十一一")), 0);
	/* a zero inside a number: 零 as written in legal texts, and ICU's 〇 */
	assert_int_equal(px_hanzi_format(105, b, sizeof b), 0);
	assert_string_equal(b, "一百零五");
	assert_int_equal(px_hanzi_parse("一百零五", strlen("一百零五")), 105);
	assert_int_equal(px_hanzi_parse("一百〇五", strlen("一百〇五")), 105);
	assert_int_equal(px_hanzi_parse("一千零一", strlen("一千零一")), 1001);
	assert_int_equal(px_hanzi_parse("零", strlen("零")), 0);
	assert_int_equal(px_hanzi_parse("一百零", strlen("一百零")), 0);
}

/* A document loaded from a file holds its tree, not its bytes: its columns
 * are found in the file again when first asked for, the same as from
 * memory (with a BOM too). If the file has changed in between, no column
 * from the new bytes is given: a column of 1 or 0, never one of another
 * text; lines stay right (they are the parser's). */
static void columns_of_a_file_read_again(void **state)
{
	(void)state;
	px_buf x = PX_BUF_INIT;
	assert_px_ok(px_buf_puts(&x, "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\""
		"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><doc name=\"programme\"><mainBody>\n"));
	for (int i = 1; i <= 200; i++)
		assert_px_ok(px_buf_printf(&x, "%*s<p eId=\"p_%d\">Текст %d</p>\n", i % 13, "", i, i));
	assert_px_ok(px_buf_puts(&x, "</mainBody></doc></akomaNtoso>\n"));
	char *path = write_temp(".xml", x.ptr, x.size);
	px_doc *mem = NULL, *file = NULL, *later = NULL;
	assert_px_ok(px_doc_load_memory(&mem, x.ptr, x.size, "mem.xml"));
	assert_px_ok(px_doc_load_file(&file, path));
	assert_px_ok(px_doc_load_file(&later, path));
	char eid[32];
	for (int i = 1; i <= 200; i++) {
		snprintf(eid, sizeof eid, "p_%d", i);
		int want = px_unit_col(mem, px_doc_find(mem, eid));
		assert_int_equal(want, i % 13 + 1);
		assert_int_equal(px_unit_col(file, px_doc_find(file, eid)), want);
	}
	/* the same size, other bytes: every line one space further in */
	for (size_t k = 0; k + 1 < x.size; k++)
		if (x.ptr[k] == '\n' && x.ptr[k + 1] == '<' && x.ptr[k + 2] == 'p') {
			memmove(x.ptr + k + 1, x.ptr + k, 1);
			x.ptr[k + 1] = ' ';
		}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(x.ptr, 1, x.size, f), x.size);
	fclose(f);
	for (int i = 1; i <= 200; i++) {
		snprintf(eid, sizeof eid, "p_%d", i);
		px_unit *u = px_doc_find(later, eid);
		assert_true(px_unit_col(later, u) <= 1);
		assert_int_equal(px_unit_line(u), i + 2);
	}
	assert_int_equal(px_error_last()->code, PX_OK);
	px_doc_free(mem);
	px_doc_free(file);
	px_doc_free(later);
	unlink(path);
	free(path);
	px_buf_dispose(&x);
}

/* White space between the children of structural elements is layout and
 * is not kept; text of mixed elements, and every text of an element that
 * has text, is kept as written, and saving gives the same bytes as before. */
static void layout_space_is_not_kept(void **state)
{
	(void)state;
	static const char src[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n"
		"  <doc name=\"programme\">\n    <mainBody>\n      <p eId=\"p_1\">  a <b>b</b> <i>c</i>  </p>\n"
		"      <blockList eId=\"list_1\"> x <item eId=\"list_1__item_1\">\n <p eId=\"list_1__item_1__p_1\">d</p>\n"
		"</item>\n      </blockList>\n    </mainBody>\n  </doc>\n</akomaNtoso>\n";
	px_doc *doc = NULL;
	assert_px_ok(px_doc_load_memory(&doc, src, sizeof src - 1, "space.xml"));
	px_buf t = PX_BUF_INIT;
	assert_px_ok(px_unit_text(px_doc_find(doc, "p_1"), &t));
	assert_string_equal(t.ptr, "a b c");
	px_buf_clear(&t);
	assert_px_ok(px_unit_text(px_doc_find(doc, "list_1"), &t));
	assert_string_equal(t.ptr, "x d");
	px_buf_clear(&t);
	/* the item's own white space is gone, the list's (it has text) is kept */
	assert_px_ok(px_doc_save_buf(doc, &t));
	assert_non_null(strstr(t.ptr, "<p eId=\"p_1\">  a <b>b</b> <i>c</i>  </p>"));
	assert_non_null(strstr(t.ptr, "<blockList eId=\"list_1\"> x <item eId=\"list_1__item_1\">\n <p"));
	px_doc *again = NULL;
	assert_px_ok(px_doc_load_memory(&again, t.ptr, t.size, "saved.xml"));
	px_buf t2 = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(again, &t2));
	assert_int_equal(t2.size, t.size);
	assert_memory_equal(t2.ptr, t.ptr, t.size);
	/* the same from a file (whose bytes are gone when the text turns up:
	 * read again) */
	char *path = write_temp(".xml", src, sizeof src - 1);
	px_doc *file = NULL;
	assert_px_ok(px_doc_load_file(&file, path));
	px_buf_clear(&t2);
	assert_px_ok(px_doc_save_buf(file, &t2));
	assert_int_equal(t2.size, t.size);
	assert_memory_equal(t2.ptr, t.ptr, t.size);
	px_doc_free(file);
	unlink(path);
	free(path);
	px_buf_dispose(&t);
	px_buf_dispose(&t2);
	px_doc_free(doc);
	px_doc_free(again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_save_is_stable),
		cmocka_unit_test(shipped_examples_are_canonical),
		cmocka_unit_test(index_finds_units),
		cmocka_unit_test(index_scales_and_keeps_first),
		cmocka_unit_test(columns_on_long_lines),
		cmocka_unit_test(columns_of_a_file_read_again),
		cmocka_unit_test(layout_space_is_not_kept),
		cmocka_unit_test(free_null_is_noop),
		cmocka_unit_test(load_errors_name_file_and_line),
		cmocka_unit_test(save_is_atomic_and_keeps_target_on_failure),
		cmocka_unit_test(numerals_parse_strictly),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
