/* The pieces of the prose grammar: ordinals, numbers, quotations. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "prose/prose_int.h"

/* Russian ordinals in every gender, case and number, and compounds. */
static void ordinals(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int value;
		const char *rest; /* what follows the ordinal */
	} cases[] = {
		{ "первый", 1, "" }, { "абзац", 0, NULL }, { "второго раздела", 2, " раздела" },
		{ "в", 0, NULL }, { "третьем", 3, "" }, { "четвёртый", 4, "" }, { "четвертую", 4, "" },
		{ "пятой части", 5, " части" }, { "одиннадцатого", 11, "" }, { "двенадцатым", 12, "" },
		{ "девятнадцатых", 19, "" }, { "двадцатый", 20, "" }, { "двадцать первого абзаца", 21, " абзаца" },
		{ "тридцать пятом", 35, "" }, { "сотый", 100, "" }, { "сто пятого", 105, "" },
		{ "сто двадцатой", 120, "" }, { "сто девяносто девятый", 199, "" }, { "Седьмой", 7, "" },
		{ "двадцать", 0, NULL }, { "двадцать раздел", 0, NULL }, { "пятьдесят", 0, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t used = 99;
		int v = pr_ru_ordinal(cases[i].text, strlen(cases[i].text), &used);
		if (v != cases[i].value)
			fail_msg("'%s': %d, expected %d", cases[i].text, v, cases[i].value);
		if (cases[i].rest)
			assert_string_equal(cases[i].text + used, cases[i].rest);
	}
}

/* Numbers of references: digits, Roman numerals, sub-numbers. */
static void numbers(void **state)
{
	(void)state;
	int sub;
	size_t used;
	assert_int_equal(pr_number("12 раздела", strlen("12 раздела"), &sub, &used), 12);
	assert_int_equal(used, 2);
	assert_int_equal(pr_number("VI Программы", strlen("VI Программы"), &sub, &used), 6);
	assert_int_equal(pr_number("7.1 следующего", strlen("7.1 следующего"), &sub, &used), 7);
	assert_int_equal(sub, 1);
	assert_int_equal(pr_number("V.1.", strlen("V.1."), &sub, &used), 5);
	assert_int_equal(sub, 1);
	assert_int_equal(pr_number("3.", strlen("3."), &sub, &used), 3);
	assert_int_equal(sub, 0); /* a full stop, not a sub-number */
	assert_int_equal(pr_number("ISO", strlen("ISO"), &sub, &used), 0);
}

/* Quotations: nesting, other marks inside, several paragraphs. */
static void quotations(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *content; /* NULL: no quotation */
	} cases[] = {
		{ "«слова»", "слова" },
		{ "«реализации «Дорожной карты»», далее", "реализации «Дорожной карты»" },
		{ "„путем консультаций“ и", "путем консультаций" },
		{ "“‘路线图’的落实”；", "‘路线图’的落实" },
		{ "\"переговоров\"", "переговоров" },
		{ "“第一段。\n“第二段。”", "第一段。\n“第二段。" },
		{ "«не закрыта", NULL },
		{ "слова", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *s = cases[i].text;
		size_t olen, a, b, end;
		bool ok = pr_quote_at(s, strlen(s), 0, &olen, &a, &b, &end);
		if (!cases[i].content) {
			assert_false(ok);
			continue;
		}
		if (!ok)
			fail_msg("'%s': no quotation", s);
		if (b - a != strlen(cases[i].content) || memcmp(s + a, cases[i].content, b - a) != 0)
			fail_msg("'%s': '%.*s', expected '%s'", s, (int)(b - a), s + a, cases[i].content);
	}
}

/* The nouns of references, in any case; words that only look like them are not. */
static void nouns(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		enum pr_noun noun;
	} cases[] = {
		{ "раздела", N_SECTION }, { "статьей", N_ARTICLE }, { "статьёй", N_ARTICLE }, { "главы", N_CHAPTER },
		{ "пунктом", N_POINT }, { "подпункт", N_ITEM }, { "абзацами", N_ABZAC }, { "части", N_PART },
		{ "Преамбулу", N_PREAMBLE }, { "подписью", N_SIGNATURE }, { "наименование", N_HEADING },
		{ "словами", N_WORDS }, { "словосочетание", N_WORDS }, { "главным", N_NONE }, { "частности", N_NONE },
		{ "словно", N_NONE }, { "Стороны", N_NONE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t used;
		enum pr_noun n = pr_ru_noun(cases[i].word, strlen(cases[i].word), &used);
		if (n != cases[i].noun)
			fail_msg("'%s': noun %d, expected %d", cases[i].word, (int)n, (int)cases[i].noun);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordinals),
		cmocka_unit_test(numbers),
		cmocka_unit_test(quotations),
		cmocka_unit_test(nouns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
