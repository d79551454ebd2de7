/* The registry of states, signing bodies, places and organizations. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>

#include "harness.h"
#include "px.h"

static px_registry *load(void)
{
	px_registry *r = NULL;
	assert_px_ok(px_registry_load_default(&r));
	return r;
}

static void loads_and_looks_up(void **state)
{
	(void)state;
	px_registry *r = load();
	assert_int_equal(px_registry_state_count(r), 21);
	assert_true(px_registry_body_count(r) >= 10);
	assert_true(px_registry_has_state(r, "in"));
	assert_false(px_registry_has_state(r, "xx"));
	assert_string_equal(px_registry_state_name_ru(r, "in", PX_NAME_FULL, PX_CASE_GEN), "Республики Индии");
	assert_string_equal(px_registry_state_name_ru(r, "kz", PX_NAME_SHORT, PX_CASE_PREP), "Казахстане");
	assert_string_equal(px_registry_state_name_zh(r, "cn", PX_NAME_FULL), "中华人民共和国");
	assert_string_equal(px_registry_state_name_zh(r, "cn", PX_NAME_SHORT), "中国");
	assert_null(px_registry_state_name_ru(r, "xx", PX_NAME_FULL, PX_CASE_NOM));
	assert_string_equal(px_registry_body_state(r, "ru-minobrnauki"), "ru");
	assert_string_equal(px_registry_body_name_ru(r, "kz-mes", PX_CASE_INS), "Министерством образования и науки");
	assert_string_equal(px_registry_body_name_zh(r, "uz-mininnovation"), "创新发展部");
	assert_null(px_registry_body_state(r, "nope"));
	px_entry_kind k;
	assert_px_ok(px_registry_lookup(r, "samarkand", &k));
	assert_int_equal(k, PX_ENTRY_PLACE);
	assert_px_ok(px_registry_lookup(r, "sco-secretariat", &k));
	assert_int_equal(k, PX_ENTRY_ORGANIZATION);
	assert_px_ok(px_registry_lookup(r, "tj", &k));
	assert_int_equal(k, PX_ENTRY_STATE);
	assert_int_equal(px_registry_lookup(r, "atlantis", &k), PX_ENOTFOUND);
	for (size_t i = 0; i < px_registry_state_count(r); i++)
		assert_non_null(px_registry_state_sort_name_ru(r, px_registry_state_at(r, i)));
	assert_null(px_registry_state_at(r, 21));
	px_registry_free(r);
	px_registry_free(NULL);
}

static void russian_signatures(void **state)
{
	(void)state;
	px_registry *r = load();
	static const struct {
		const char *text, *body, *state, *org, *st;
	} cases[] = {
		{ "За Министерство науки и технологий Республики Индии", "in-most", "in",
			"Министерство науки и технологий Республики Индии", "Республики Индии" },
		/* line breaks, NBSP, tabs and extra spaces */
		{ "  За Министерство\n науки\xC2\xA0и\tтехнологий\r\n Китайской  Народной Республики ", "cn-most", "cn",
			"Министерство\n науки\xC2\xA0и\tтехнологий\r\n Китайской  Народной Республики",
			"Китайской  Народной Республики" },
		/* a registered variant of the body's name */
		{ "За Министерство науки и техники Китайской Народной Республики", "cn-most", "cn", NULL, NULL },
		{ "За Министерство науки и технологии Исламской Республики Пакистан", "pk-most", "pk", NULL, NULL },
		/* a registered variant of the state's name */
		{ "За Министерство науки и технологий Республики Индия", "in-most", "in", NULL, NULL },
		{ "За Министерство образования и науки Киргизской Республики", "kg-mes", "kg", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_signatory m;
		const char *t = cases[i].text;
		if (px_registry_match_signature_ru(r, t, strlen(t), &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, cases[i].body);
		assert_string_equal(m.state, cases[i].state);
		if (cases[i].org) {
			assert_int_equal(m.org_end - m.org_start, strlen(cases[i].org));
			assert_memory_equal(t + m.org_start, cases[i].org, strlen(cases[i].org));
			assert_int_equal(m.state_end - m.state_start, strlen(cases[i].st));
			assert_memory_equal(t + m.state_start, cases[i].st, strlen(cases[i].st));
		}
	}
	static const char *const misses[] = {
		"За Министерство чудес Республики Нарнии",
		/* a body with another body's state */
		"За Министерство инновационного развития Республики Казахстан",
		"Министерство науки и технологий Республики Индии",
		"За Министерство науки и технологий Республики Индии и ещё что-то",
		"",
	};
	for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
		px_signatory m;
		assert_int_equal(px_registry_match_signature_ru(r, misses[i], strlen(misses[i]), &m), PX_ENOTFOUND);
	}
	px_registry_free(r);
}

static void chinese_signatures(void **state)
{
	(void)state;
	px_registry *r = load();
	static const char *const cases[][3] = {
		{ "印度共和国科学技术部代表", "in-most", "in" },
		{ "哈萨克斯坦共和国教育科学部代表", "kz-mes", "kz" },
		{ "吉尔吉斯斯坦共和国教育和科学部 代表", "kg-mes", "kg" },
		{ "俄罗斯联邦科学和高等教育部代表", "ru-minobrnauki", "ru" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_signatory m;
		const char *t = cases[i][0];
		if (px_registry_match_signature_zh(r, t, strlen(t), &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, cases[i][1]);
		assert_string_equal(m.state, cases[i][2]);
		assert_int_equal(m.org_start, 0);
		assert_true(m.state_end > m.state_start && m.org_end > m.state_end);
	}
	px_signatory m;
	const char *t = "纳尼亚共和国奇迹部代表";
	assert_int_equal(px_registry_match_signature_zh(r, t, strlen(t), &m), PX_ENOTFOUND);
	t = "印度共和国科学技术部";
	assert_int_equal(px_registry_match_signature_zh(r, t, strlen(t), &m), PX_ENOTFOUND);
	px_registry_free(r);
}

static void mentions(void **state)
{
	(void)state;
	px_registry *r = load();
	const char *ru = "Оригинал хранится в Секретариате ШОС; подписано в городе Самарканде, "
		"Республика Казахстан и ООН; ШОСовский — не название.";
	px_mention *m = NULL;
	size_t n = 0;
	assert_px_ok(px_registry_find_mentions(r, ru, strlen(ru), PX_LANG_RU, &m, &n));
	static const char *const want_ru[] = { "sco-secretariat", "samarkand", "kz", "un" };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(m[i].id, want_ru[i]);
	assert_memory_equal(ru + m[0].start, "Секретариате ШОС", m[0].end - m[0].start);
	assert_int_equal(m[1].kind, PX_ENTRY_PLACE);
	free(m);
	const char *zh = "本纲要于2022年9月16日在撒马尔罕市签署，正本由上合组织秘书处保存，印度共和国和中国。";
	assert_px_ok(px_registry_find_mentions(r, zh, strlen(zh), PX_LANG_ZH, &m, &n));
	static const char *const want_zh[] = { "samarkand", "sco-secretariat", "in", "cn" };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(m[i].id, want_zh[i]);
	free(m);
	assert_int_equal(px_registry_find_mentions(r, zh, strlen(zh), PX_LANG_AUTO, &m, &n), PX_EUSAGE);
	assert_px_ok(px_registry_find_mentions(r, "", 0, PX_LANG_RU, &m, &n));
	assert_int_equal(n, 0);
	assert_null(m);
	px_registry_free(r);
}

/* The signatories of the Programme are in the order of their states' short
 * names under ICU's Russian collation. */
static void russian_sort_names(void **state)
{
	(void)state;
	px_registry *r = load();
	static const char *const order[] = { "in", "kz", "cn", "kg", "pk", "ru", "tj", "uz" };
	UErrorCode e = U_ZERO_ERROR;
	UCollator *col = ucol_open("ru", &e);
	assert_false(U_FAILURE(e));
	for (size_t i = 0; i + 1 < 8; i++) {
		const char *a = px_registry_state_sort_name_ru(r, order[i]), *b = px_registry_state_sort_name_ru(r, order[i + 1]);
		e = U_ZERO_ERROR;
		assert_int_equal(ucol_strcollUTF8(col, a, -1, b, -1, &e), UCOL_LESS);
	}
	ucol_close(col);
	px_registry_free(r);
}

static void invalid_registry_fails_cleanly(void **state)
{
	(void)state;
	const char *bad = "<?xml version=\"1.0\"?>\n<registry xmlns=\"urn:paralex:registry:1\" version=\"1\">\n"
		"  <states>\n    <state code=\"XX\" alpha3=\"XXX\" status=\"member\" since=\"2001\"/>\n  </states>\n</registry>\n";
	px_registry *r = NULL;
	assert_int_equal(px_registry_load_memory(&r, bad, strlen(bad), "bad.xml"), PX_EINVALID);
	assert_null(r);
	assert_string_equal(px_error_last()->file, "bad.xml");
	assert_true(px_error_last()->line >= 4);
	assert_int_equal(px_registry_load_memory(&r, "<registry", 9, "broken.xml"), PX_EINPUT);
	assert_int_equal(px_registry_load_file(&r, "/nonexistent/registry.xml"), PX_EIO);
	/* the shipped file loads from disk too */
	assert_px_ok(px_registry_load_file(&r, src_path("data/registry.xml")));
	assert_int_equal(px_registry_state_count(r), 21);
	px_registry_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_and_looks_up),
		cmocka_unit_test(russian_signatures),
		cmocka_unit_test(chinese_signatures),
		cmocka_unit_test(mentions),
		cmocka_unit_test(russian_sort_names),
		cmocka_unit_test(invalid_registry_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
