/* The registry of states, signing bodies, places and organizations. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>

#include "harness.h"
#include "model/model.h"

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
	assert_string_equal(name_of(r, PX_ENTRY_STATE, "in", PX_LANG_RU, PX_NAME_FULL, PX_CASE_GEN), "Республики Индии");
	assert_string_equal(name_of(r, PX_ENTRY_STATE, "kz", PX_LANG_RU, PX_NAME_SHORT, PX_CASE_PREP), "Казахстане");
	assert_string_equal(name_of(r, PX_ENTRY_STATE, "cn", PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM), "中华人民共和国");
	assert_string_equal(name_of(r, PX_ENTRY_STATE, "cn", PX_LANG_ZH, PX_NAME_SHORT, PX_CASE_NOM), "中国");
	assert_null(name_of(r, PX_ENTRY_STATE, "xx", PX_LANG_RU, PX_NAME_FULL, PX_CASE_NOM));
	assert_string_equal(px_registry_body_state(r, "ru-minobrnauki"), "ru");
	assert_string_equal(name_of(r, PX_ENTRY_BODY, "kz-mes", PX_LANG_RU, PX_NAME_SHORT, PX_CASE_INS), "Министерством образования и науки");
	assert_string_equal(name_of(r, PX_ENTRY_BODY, "uz-mininnovation", PX_LANG_ZH, PX_NAME_SHORT, PX_CASE_NOM), "创新发展部");
	assert_null(px_registry_body_state(r, "nope"));
	px_entry_kind k;
	assert_px_ok(px_registry_lookup(r, "samarkand", &k));
	assert_int_equal(k, PX_ENTRY_PLACE);
	assert_px_ok(px_registry_lookup(r, "sco-secretariat", &k));
	assert_int_equal(k, PX_ENTRY_ORGANIZATION);
	assert_px_ok(px_registry_lookup(r, "sco-rats-ec", &k));
	assert_int_equal(k, PX_ENTRY_ORGANIZATION);
	assert_px_ok(px_registry_lookup(r, "kz-president", &k));
	assert_int_equal(k, PX_ENTRY_BODY);
	assert_px_ok(px_registry_lookup(r, "tj", &k));
	assert_int_equal(k, PX_ENTRY_STATE);
	assert_int_equal(px_registry_lookup(r, "atlantis", &k), PX_ENOTFOUND);
	for (size_t i = 0; i < px_registry_state_count(r); i++)
		assert_non_null(px_registry_state_sort_name(r, px_registry_state_at(r, i)));
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
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_RU, &m) < 0)
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
		assert_int_equal(px_registry_match_signature(r, misses[i], strlen(misses[i]), PX_LANG_RU, &m), PX_ENOTFOUND);
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
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, cases[i][1]);
		assert_string_equal(m.state, cases[i][2]);
		assert_int_equal(m.org_start, 0);
		assert_true(m.state_end > m.state_start && m.org_end > m.state_end);
	}
	px_signatory m;
	const char *t = "纳尼亚共和国奇迹部代表";
	assert_int_equal(px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m), PX_ENOTFOUND);
	t = "印度共和国科学技术部";
	assert_int_equal(px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m), PX_ENOTFOUND);
	px_registry_free(r);
}

/* Heads of state and government sign in their own name: no «За», no 代表.
 * Every member state has both (Iran: its President only). */
static void heads_of_state_and_government(void **state)
{
	(void)state;
	px_registry *r = load();
	static const struct {
		const char *ru, *zh, *body, *state, *title_ru;
	} cases[] = {
		{ "Президент Республики Беларусь", "白俄罗斯共和国总统", "by-president", "by", "Президент" },
		{ "Премьер-министр Республики Беларусь", "白俄罗斯共和国总理", "by-pm", "by", "Премьер-министр" },
		{ "Президент Республики Индия", "印度共和国总统", "in-president", "in", "Президент" },
		{ "Премьер-министр Республики Индия", "印度共和国总理", "in-pm", "in", "Премьер-министр" },
		{ "Президент Исламской Республики Иран", "伊朗伊斯兰共和国总统", "ir-president", "ir", "Президент" },
		{ "Президент Республики Казахстан", "哈萨克斯坦共和国总统", "kz-president", "kz", "Президент" },
		{ "Премьер-Министр Республики Казахстан", "哈萨克斯坦共和国总理", "kz-pm", "kz", "Премьер-Министр" },
		{ "Председатель Китайской Народной Республики", "中华人民共和国主席", "cn-president", "cn", "Председатель" },
		{ "Премьер Государственного совета Китайской Народной Республики", "中华人民共和国国务院总理", "cn-pm", "cn",
			"Премьер Государственного совета" },
		{ "Президент Кыргызской Республики", "吉尔吉斯共和国总统", "kg-president", "kg", "Президент" },
		{ "Председатель Кабинета Министров Кыргызской Республики", "吉尔吉斯共和国内阁主席", "kg-pm", "kg",
			"Председатель Кабинета Министров" },
		{ "Президент Исламской Республики Пакистан", "巴基斯坦伊斯兰共和国总统", "pk-president", "pk", "Президент" },
		{ "Премьер-министр Исламской Республики Пакистан", "巴基斯坦伊斯兰共和国总理", "pk-pm", "pk", "Премьер-министр" },
		{ "Президент Российской Федерации", "俄罗斯联邦总统", "ru-president", "ru", "Президент" },
		{ "Председатель Правительства Российской Федерации", "俄罗斯联邦政府总理", "ru-pm", "ru",
			"Председатель Правительства" },
		{ "Президент Республики Таджикистан", "塔吉克斯坦共和国总统", "tj-president", "tj", "Президент" },
		{ "Премьер-министр Республики Таджикистан", "塔吉克斯坦共和国政府总理", "tj-pm", "tj", "Премьер-министр" },
		{ "Президент Республики Узбекистан", "乌兹别克斯坦共和国总统", "uz-president", "uz", "Президент" },
		{ "Премьер-министр Республики Узбекистан", "乌兹别克斯坦共和国总理", "uz-pm", "uz", "Премьер-министр" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		px_signatory m;
		const char *t = cases[i].ru;
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_RU, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, cases[i].body);
		assert_string_equal(m.state, cases[i].state);
		/* no «За»: the whole text is the signatory, the state ends it */
		assert_int_equal(m.org_start, 0);
		assert_int_equal(m.org_end, strlen(t));
		assert_int_equal(m.state_end, strlen(t));
		size_t title = strlen(cases[i].title_ru);
		assert_int_equal(m.state_start, title + 1);
		assert_true(px_registry_body_in_own_name(r, m.body));
		assert_string_equal(px_registry_signatory_state(r, m.body), cases[i].state);
		assert_string_equal(px_registry_body_kind(r, m.body), strstr(cases[i].body, "-pm") ? "head-of-government"
			: "head-of-state");

		t = cases[i].zh;
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, cases[i].body);
		assert_string_equal(m.state, cases[i].state);
		assert_int_equal(m.org_start, 0);
		assert_int_equal(m.org_end, strlen(t));
		assert_int_equal(m.state_start, 0);
		const char *st = name_of(r, PX_ENTRY_STATE, cases[i].state, PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM);
		assert_int_equal(m.state_end, strlen(st));
		assert_memory_equal(t, st, strlen(st));
	}
	/* every member state has its head of state, and all but Iran a head of government */
	static const char *const members[] = { "by", "in", "ir", "kz", "cn", "kg", "pk", "ru", "tj", "uz" };
	for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
		char id[16];
		snprintf(id, sizeof id, "%s-president", members[i]);
		assert_string_equal(px_registry_body_state(r, id), members[i]);
		snprintf(id, sizeof id, "%s-pm", members[i]);
		if (strcmp(members[i], "ir") != 0)
			assert_string_equal(px_registry_body_state(r, id), members[i]);
		else
			assert_null(px_registry_body_state(r, id));
	}
	/* white space, a registered variant of the title and of the state's name */
	static const char *const more[][3] = {
		{ "  Президент\n Республики\xC2\xA0Казахстан \n", "kz-president", "kz" },
		{ "Премьер-министр Республики Индии", "in-pm", "in" },
		{ "Премьер-министр Кыргызской Республики", "kg-pm", "kg" },
		{ "Председатель КНР", "cn-president", "cn" },
	};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
		px_signatory m;
		const char *t = more[i][0];
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_RU, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, more[i][1]);
		assert_string_equal(m.state, more[i][2]);
	}
	static const char *const zh_more[][3] = {
		{ "中华人民共和国国家主席", "cn-president", "cn" },
		{ "俄罗斯联邦 总理", "ru-pm", "ru" },
		{ "吉尔吉斯共和国总理", "kg-pm", "kg" },
	};
	for (size_t i = 0; i < sizeof zh_more / sizeof zh_more[0]; i++) {
		px_signatory m;
		const char *t = zh_more[i][0];
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, zh_more[i][1]);
		assert_string_equal(m.state, zh_more[i][2]);
	}
	static const char *const ru_misses[] = {
		/* an unknown title */
		"Король Республики Казахстан",
		"Вице-президент Республики Казахстан",
		"Генеральный секретарь Республики Казахстан",
		/* a title with another state's title */
		"Председатель Республики Казахстан",
		"Президент Китайской Народной Республики",
		/* an office is not signed for: no «За» */
		"За Президента Республики Казахстан",
		"За Президент Республики Казахстан",
		/* and a body is: «За» is required */
		"Правительство Республики Казахстан",
		/* no state, another case, more text */
		"Президент",
		"Президента Республики Казахстан",
		"Президент Республики Казахстан Н. Назарбаев",
		/* Iran has no head of government of its own */
		"Премьер-министр Исламской Республики Иран",
	};
	for (size_t i = 0; i < sizeof ru_misses / sizeof ru_misses[0]; i++) {
		px_signatory m;
		if (px_registry_match_signature(r, ru_misses[i], strlen(ru_misses[i]), PX_LANG_RU, &m) != PX_ENOTFOUND)
			fail_msg("'%s' matched %s", ru_misses[i], m.body);
	}
	static const char *const zh_misses[] = {
		"哈萨克斯坦共和国国王",
		"哈萨克斯坦共和国副总统",
		"哈萨克斯坦共和国主席",
		/* an office signs in its own name: not through a representative */
		"哈萨克斯坦共和国总统代表",
		/* a body signs through one */
		"哈萨克斯坦共和国政府",
		"总统",
		"伊朗伊斯兰共和国总理",
	};
	for (size_t i = 0; i < sizeof zh_misses / sizeof zh_misses[0]; i++) {
		px_signatory m;
		if (px_registry_match_signature(r, zh_misses[i], strlen(zh_misses[i]), PX_LANG_ZH, &m) != PX_ENOTFOUND)
			fail_msg("'%s' matched %s", zh_misses[i], m.body);
	}
	/* bodies signed for by a representative are not offices */
	assert_false(px_registry_body_in_own_name(r, "kz-gov"));
	assert_false(px_registry_body_in_own_name(r, "in-most"));
	assert_false(px_registry_body_in_own_name(r, "nope"));
	assert_string_equal(px_registry_body_kind(r, "kz-gov"), "government");
	assert_null(px_registry_body_kind(r, "sco-secretariat"));
	px_registry_free(r);
}

/* Organs of an organization sign like bodies («За …» / ……代表); the party
 * they belong to, px_signatory.state, is the organization they are an organ
 * of, whose name closes the Russian name and opens the Chinese one. */
static void organs_of_organizations(void **state)
{
	(void)state;
	px_registry *r = load();
	static const struct {
		const char *text, *body, *party, *org, *st;
	} ru[] = {
		{ "За Секретариат Шанхайской организации сотрудничества", "sco-secretariat", "sco",
			"Секретариат Шанхайской организации сотрудничества", "Шанхайской организации сотрудничества" },
		{ "За Секретариат ШОС", "sco-secretariat", "sco", "Секретариат ШОС", "ШОС" },
		{ "За Исполнительный комитет Региональной антитеррористической структуры ШОС", "sco-rats-ec", "sco-rats",
			"Исполнительный комитет Региональной антитеррористической структуры ШОС",
			"Региональной антитеррористической структуры ШОС" },
		{ "За Исполнительный комитет Региональной антитеррористической структуры Шанхайской организации "
		  "сотрудничества",
			"sco-rats-ec", "sco-rats",
			"Исполнительный комитет Региональной антитеррористической структуры Шанхайской организации сотрудничества",
			"Региональной антитеррористической структуры Шанхайской организации сотрудничества" },
		{ "За Исполком РАТС ШОС", "sco-rats-ec", "sco-rats", "Исполком РАТС ШОС", "РАТС ШОС" },
		{ " За  Исполнительный комитет\nРАТС ШОС\n", "sco-rats-ec", "sco-rats", "Исполнительный комитет\nРАТС ШОС",
			"РАТС ШОС" },
	};
	for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++) {
		px_signatory m;
		const char *t = ru[i].text;
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_RU, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, ru[i].body);
		assert_string_equal(m.state, ru[i].party);
		assert_int_equal(m.org_end - m.org_start, strlen(ru[i].org));
		assert_memory_equal(t + m.org_start, ru[i].org, strlen(ru[i].org));
		assert_int_equal(m.state_end - m.state_start, strlen(ru[i].st));
		assert_memory_equal(t + m.state_start, ru[i].st, strlen(ru[i].st));
		assert_int_equal(m.state_end, m.org_end);
		px_entry_kind k;
		assert_px_ok(px_registry_lookup(r, m.body, &k));
		assert_int_equal(k, PX_ENTRY_ORGANIZATION);
		assert_false(px_registry_has_state(r, m.state));
		assert_string_equal(px_registry_signatory_state(r, m.body), m.state);
		assert_string_equal(px_registry_organization_parent(r, m.body), m.state);
	}
	static const struct {
		const char *text, *body, *party, *st;
	} zh[] = {
		{ "上海合作组织秘书处代表", "sco-secretariat", "sco", "上海合作组织" },
		{ "上合组织秘书处 代表", "sco-secretariat", "sco", "上合组织" },
		{ "上海合作组织地区反恐怖机构执行委员会代表", "sco-rats-ec", "sco-rats", "上海合作组织地区反恐怖机构" },
		{ "上合组织地区反恐怖机构执行委员会代表", "sco-rats-ec", "sco-rats", "上合组织地区反恐怖机构" },
	};
	for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++) {
		px_signatory m;
		const char *t = zh[i].text;
		if (px_registry_match_signature(r, t, strlen(t), PX_LANG_ZH, &m) < 0)
			fail_msg("no match for '%s'", t);
		assert_string_equal(m.body, zh[i].body);
		assert_string_equal(m.state, zh[i].party);
		assert_int_equal(m.org_start, 0);
		assert_int_equal(m.state_start, 0);
		assert_int_equal(m.state_end, strlen(zh[i].st));
		assert_memory_equal(t, zh[i].st, strlen(zh[i].st));
		assert_true(m.org_end > m.state_end);
		assert_memory_equal(t + m.org_end, strchr(zh[i].text, ' ') ? " 代表" : "代表", strlen(t) - m.org_end);
	}
	static const char *const ru_misses[] = {
		/* not signed for */
		"Секретариат Шанхайской организации сотрудничества",
		/* an organization that is no organ of another */
		"За Шанхайскую организацию сотрудничества",
		"За Организацию Объединенных Наций",
		/* an unknown organ, and one not registered */
		"За Бюро Шанхайской организации сотрудничества",
		"За Международную ассоциацию цифрового развития",
		"За Секретариат Шанхайской организации сотрудничества и другие",
	};
	for (size_t i = 0; i < sizeof ru_misses / sizeof ru_misses[0]; i++) {
		px_signatory m;
		if (px_registry_match_signature(r, ru_misses[i], strlen(ru_misses[i]), PX_LANG_RU, &m) != PX_ENOTFOUND)
			fail_msg("'%s' matched %s", ru_misses[i], m.body);
	}
	static const char *const zh_misses[] = {
		"上海合作组织秘书处",
		"上海合作组织代表",
		"联合国代表",
		"国际数字发展协会代表",
		"上海合作组织秘书长代表",
	};
	for (size_t i = 0; i < sizeof zh_misses / sizeof zh_misses[0]; i++) {
		px_signatory m;
		if (px_registry_match_signature(r, zh_misses[i], strlen(zh_misses[i]), PX_LANG_ZH, &m) != PX_ENOTFOUND)
			fail_msg("'%s' matched %s", zh_misses[i], m.body);
	}
	assert_string_equal(name_of(r, PX_ENTRY_ORGANIZATION, "sco", PX_LANG_RU, PX_NAME_FULL, PX_CASE_NOM),
		"Шанхайская организация сотрудничества");
	assert_string_equal(name_of(r, PX_ENTRY_ORGANIZATION, "sco-secretariat", PX_LANG_RU, PX_NAME_SHORT, PX_CASE_GEN),
		"Секретариата ШОС");
	assert_string_equal(name_of(r, PX_ENTRY_ORGANIZATION, "sco-rats-ec", PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM), "上海合作组织地区反恐怖机构执行委员会");
	assert_null(name_of(r, PX_ENTRY_ORGANIZATION, "kz", PX_LANG_ZH, PX_NAME_FULL, PX_CASE_NOM));
	assert_null(px_registry_organization_parent(r, "sco"));
	assert_null(px_registry_signatory_state(r, "sco"));
	assert_null(px_registry_signatory_state(r, "samarkand"));
	assert_string_equal(px_registry_signatory_state(r, "kz-gov"), "kz");
	px_registry_free(r);
}

/* ---- the signatories check (lib/src/check/signatories.c) ---------------- */

/* An example text imported; with `drop_signers`, the line after each «За …»
 * line (the signer's name) left out. */
static px_doc *import_example(const char *rel, bool drop_signers)
{
	size_t len;
	char *text = slurp(src_path(rel), &len);
	if (drop_signers) {
		char *o = text;
		bool skip = false;
		for (char *l = text; *l;) {
			char *nl = strchr(l, '\n');
			size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
			bool za = strncmp(l, "За ", strlen("За ")) == 0;
			if (!skip || n <= 1) {
				memmove(o, l, n);
				o += n;
			}
			skip = za;
			l += n;
		}
		*o = '\0';
		len = (size_t)(o - text);
	}
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	px_doc *doc = NULL;
	if (px_import_text(&doc, text, len, rel, PX_LANG_AUTO, NULL, d) < 0)
		fail_msg("%s: %s", rel, px_error_last()->message);
	px_diags_free(d);
	free(text);
	return doc;
}

/* The signatory findings (PX058-PX062, PX079) of a pair, as "RULE eId" lines. */
static char *signatory_findings(px_doc *ru, px_doc *zh)
{
	px_checker *c = NULL;
	assert_px_ok(px_checker_new(&c, NULL));
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	int rc = px_check_pair(c, ru, zh, d);
	assert_true(rc == 0 || rc == PX_EINVALID);
	px_buf b = PX_BUF_INIT;
	for (size_t i = 0; i < px_diags_count(d); i++) {
		const px_diag *g = px_diags_get(d, i);
		if ((strcmp(g->rule, "PX058") >= 0 && strcmp(g->rule, "PX062") <= 0) || strcmp(g->rule, "PX079") == 0)
			assert_int_equal(px_buf_printf(&b, "%s %s\n", g->rule, g->eid ? g->eid : "-"), 0);
	}
	px_diags_free(d);
	px_checker_free(c);
	px_doc_free(ru);
	px_doc_free(zh);
	char *s = strdup(b.ptr ? b.ptr : "");
	px_buf_dispose(&b);
	return s;
}

/* A block's p[2] (signature/person, the signer) and its signing mark are not
 * signatories: they are not compared, and a name is no unknown body. */
static void signers_are_not_signatories(void **state)
{
	(void)state;
	/* signers and marks on both sides (the Chinese text has «（签字）») */
	char *f = signatory_findings(import_example("examples/protocol/protocol.ru.txt", false),
		import_example("examples/protocol/protocol.zh.txt", false));
	assert_string_equal(f, "");
	free(f);
	/* signers' names in the Chinese text only */
	f = signatory_findings(import_example("examples/protocol/protocol.ru.txt", true),
		import_example("examples/protocol/protocol.zh.txt", false));
	assert_string_equal(f, "");
	free(f);
	/* heads of state and government, without «За» and 代表 */
	f = signatory_findings(import_example("examples/statement/declaration.ru.txt", false),
		import_example("examples/statement/declaration.zh.txt", false));
	assert_string_equal(f, "");
	free(f);
	/* the SCO Secretariat is linked; the association is in no registry (in
	 * both texts), the signers (post and name) are not looked up */
	f = signatory_findings(import_example("examples/memorandum/memorandum.ru.txt", false),
		import_example("examples/memorandum/memorandum.zh.txt", false));
	assert_string_equal(f, "PX079 conclusions__blockContainer_2__p_1\n");
	free(f);
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
		const char *a = px_registry_state_sort_name(r, order[i]), *b = px_registry_state_sort_name(r, order[i + 1]);
		e = U_ZERO_ERROR;
		assert_int_equal(ucol_strcollUTF8(col, a, -1, b, -1, &e), UCOL_LESS);
	}
	/* the new signatories do not add states: still 21, in the same order */
	assert_int_equal(px_registry_state_count(r), 21);
	static const char *const registry_order[] = { "by", "in", "ir", "kz", "cn", "kg", "pk", "ru", "tj", "uz" };
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(px_registry_state_at(r, i), registry_order[i]);
	/* the states of the heads who signed the declaration of 2025, in the order
	 * of the text, are in the Russian collation order */
	static const char *const heads[] = { "Президент Республики Беларусь", "Премьер-министр Республики Индия",
		"Президент Исламской Республики Иран", "Президент Республики Казахстан",
		"Председатель Китайской Народной Республики", "Президент Кыргызской Республики",
		"Премьер-министр Исламской Республики Пакистан", "Президент Российской Федерации",
		"Президент Республики Таджикистан", "Президент Республики Узбекистан" };
	const char *prev = NULL;
	for (size_t i = 0; i < 10; i++) {
		px_signatory m;
		assert_px_ok(px_registry_match_signature(r, heads[i], strlen(heads[i]), PX_LANG_RU, &m));
		const char *name = px_registry_state_sort_name(r, m.state);
		assert_non_null(name);
		if (prev) {
			e = U_ZERO_ERROR;
			assert_int_equal(ucol_strcollUTF8(col, prev, -1, name, -1, &e), UCOL_LESS);
		}
		prev = name;
	}
	/* an organization has no Russian sort name: it is left out of the order */
	assert_null(px_registry_state_sort_name(r, "sco"));
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
		cmocka_unit_test(heads_of_state_and_government),
		cmocka_unit_test(organs_of_organizations),
		cmocka_unit_test(signers_are_not_signatories),
		cmocka_unit_test(mentions),
		cmocka_unit_test(russian_sort_names),
		cmocka_unit_test(invalid_registry_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
