/* Amendments: every operation in both languages, several instruments, the
 * text in force on a date, every error, the renderings and the command. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "model/model.h"

#define WORK "/akn/sco/doc/programme/2022-09-16/ai"

/* One operation of a generated protocol. `new_*` is a quoted structure (XML
 * of its children) unless `text` is set, then quoted text. */
struct op {
	const char *type;
	const char *dest;
	const char *pos;      /* NULL for none */
	const char *old_ru;   /* quoted old words, or NULL */
	const char *old_zh;
	const char *new_ru;   /* NULL for a repeal */
	const char *new_zh;
	bool text;
	const char *version;  /* NULL: the base's 2022-09-16 */
};

/* A protocol in one language carrying `ops`; `extra_refs` is added to the
 * references (TLCs that quoted signatures refer to). */
static px_doc *protocol(bool zh, const struct op *ops, size_t n, const char *date, const char *in_force,
	const char *extra_refs)
{
	const char *lang = zh ? "zho" : "rus";
	px_buf x = PX_BUF_INIT;
	px_buf_printf(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><doc name=\"protocol\" "
		"contains=\"originalVersion\"><meta><identification source=\"#paralex\"><FRBRWork>"
		"<FRBRthis value=\"/akn/sco/doc/protocol/%s/t/!main\"/><FRBRuri value=\"/akn/sco/doc/protocol/%s/t\"/>"
		"<FRBRdate date=\"%s\" name=\"signature\"/><FRBRauthor href=\"#paralex\"/><FRBRcountry value=\"sco\"/>"
		"<FRBRsubtype value=\"protocol\"/><FRBRnumber value=\"t\"/></FRBRWork><FRBRExpression>"
		"<FRBRthis value=\"/akn/sco/doc/protocol/%s/t/%s@%s/!main\"/><FRBRuri value=\"/akn/sco/doc/protocol/%s/t/%s@%s\"/>"
		"<FRBRdate date=\"%s\" name=\"signature\"/><FRBRauthor href=\"#paralex\"/><FRBRauthoritative value=\"true\"/>"
		"<FRBRlanguage language=\"%s\"/></FRBRExpression><FRBRManifestation>"
		"<FRBRthis value=\"/akn/sco/doc/protocol/%s/t/%s@%s/!main.xml\"/><FRBRuri value=\"/akn/sco/doc/protocol/%s/t/%s@%s.akn\"/>"
		"<FRBRdate date=\"%s\" name=\"markup\"/><FRBRauthor href=\"#paralex\"/><FRBRformat value=\"application/akn+xml\"/>"
		"</FRBRManifestation></identification>",
		date, date, date, date, lang, date, date, lang, date, date, lang, date, lang, date, date, lang, date, date);
	if (in_force)
		px_buf_printf(&x, "<lifecycle source=\"#paralex\"><eventRef eId=\"evt_1\" date=\"%s\" source=\"#paralex\" "
			"type=\"generation\" refersTo=\"#entryIntoForce\"/></lifecycle>", in_force);
	px_buf_puts(&x, "<analysis source=\"#paralex\"><activeModifications>");
	for (size_t i = 0; i < n; i++) {
		const struct op *o = &ops[i];
		px_buf_printf(&x, "<textualMod eId=\"amod_%zu\" type=\"%s\"><source href=\"#mod_%zu\"/>"
			"<destination href=\"" WORK "/%s@%s/!main~%s\"%s%s%s/>", i + 1, o->type, i + 1, lang,
			o->version ? o->version : "2022-09-16", o->dest, o->pos ? " pos=\"" : "", o->pos ? o->pos : "",
			o->pos ? "\"" : "");
		if (o->old_ru)
			px_buf_printf(&x, "<old href=\"#mod_%zu__old\"/>", i + 1);
		if (o->new_ru)
			px_buf_printf(&x, "<new href=\"#mod_%zu__new\"/>", i + 1);
		px_buf_puts(&x, "</textualMod>");
	}
	px_buf_printf(&x, "</activeModifications></analysis><references source=\"#paralex\">"
		"<TLCOrganization eId=\"paralex\" href=\"/akn/ontology/organization/paralex\" showAs=\"paralex\"/>%s%s"
		"</references></meta><preface><p eId=\"preface__p_1\"><docTitle>%s</docTitle></p></preface>"
		"<mainBody><section eId=\"sec_1\"><num>1.</num><heading>%s</heading><content>",
		in_force ? "<TLCEvent eId=\"entryIntoForce\" href=\"/akn/ontology/event/entryIntoForce\" showAs=\"e\"/>" : "",
		extra_refs ? extra_refs : "", zh ? "议定书" : "Протокол", zh ? "修改" : "Изменения");
	for (size_t i = 0; i < n; i++) {
		const struct op *o = &ops[i];
		px_buf_printf(&x, "<p eId=\"sec_1__p_%zu\"><mod eId=\"mod_%zu\">%zu) ", i + 1, i + 1, i + 1);
		if (o->old_ru)
			px_buf_printf(&x, "<quotedText eId=\"mod_%zu__old\">%s</quotedText> ", i + 1, zh ? o->old_zh : o->old_ru);
		if (o->new_ru)
			px_buf_printf(&x, "<%s eId=\"mod_%zu__new\">%s</%s>", o->text ? "quotedText" : "quotedStructure", i + 1,
				zh ? o->new_zh : o->new_ru, o->text ? "quotedText" : "quotedStructure");
		px_buf_puts(&x, "</mod></p>");
	}
	px_buf_puts(&x, "</content></section></mainBody></doc></akomaNtoso>\n");
	px_doc *d = NULL;
	char name[64];
	snprintf(name, sizeof name, "protocol-%s.%s.xml", date, zh ? "zh" : "ru");
	assert_px_ok(px_doc_load_memory(&d, x.ptr, x.size, name));
	px_buf_dispose(&x);
	return d;
}

struct fixture {
	px_doc *base[2];
	px_doc *prot[8][2];
	px_instrument *ins[8];
	size_t n;
	px_doc *out[2];
	px_consolidation_report *rep;
	px_diags *diags;
	px_validator *v;
};

/* The official schema's path in a --official run (amend/official-schema),
 * else NULL: the results are validated on the profile, and then on the
 * official schema as well. */
static const char *official_path;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_px_ok(px_doc_load_file(&f->base[0], data_path("amend/base.ru.xml")));
	assert_px_ok(px_doc_load_file(&f->base[1], data_path("amend/base.zh.xml")));
	assert_px_ok(px_diags_new(&f->diags));
	assert_px_ok(px_validator_new(&f->v, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
		official_path ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT, official_path }));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < f->n; i++) {
		px_instrument_free(f->ins[i]);
		px_doc_free(f->prot[i][0]);
		px_doc_free(f->prot[i][1]);
	}
	px_doc_free(f->out[0]);
	px_doc_free(f->out[1]);
	px_doc_free(f->base[0]);
	px_doc_free(f->base[1]);
	px_consolidation_report_free(f->rep);
	px_diags_free(f->diags);
	px_validator_free(f->v);
	free(f);
	return 0;
}

/* Add an instrument; returns the px_instrument_new() code. */
static int add(struct fixture *f, const struct op *ops, size_t n, const char *date, const char *in_force,
	const char *refs_ru, const char *refs_zh)
{
	size_t k = f->n++;
	f->prot[k][0] = protocol(false, ops, n, date, in_force, refs_ru);
	f->prot[k][1] = protocol(true, ops, n, date, in_force, refs_zh);
	return px_instrument_new(&f->ins[k], f->prot[k][0], f->prot[k][1], f->diags);
}

static int consolidate(struct fixture *f, const char *as_of)
{
	px_consolidate_options co = PX_CONSOLIDATE_OPTIONS_INIT;
	co.as_of = as_of;
	co.validator = f->v;
	co.report = &f->rep;
	return px_consolidate(&f->out[0], &f->out[1], f->base[0], f->base[1], f->ins, f->n, &co,
		f->diags);
}

static void dump_diags(const px_diags *d)
{
	px_buf b = PX_BUF_INIT;
	px_diags_format_text(d, &b);
	if (b.size)
		print_message("%s", b.ptr);
	px_buf_dispose(&b);
}

/* The collapsed text of a unit of a result. */
static char *text_of(const px_doc *d, const char *eid)
{
	px_unit *u = px_doc_find(d, eid);
	if (!u)
		return strdup("(none)");
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_unit_text(u, &b));
	return b.ptr ? px_buf_detach(&b) : strdup("");
}

#define assert_text(doc, eid, want) \
	do { \
		char *t_ = text_of((doc), (eid)); \
		assert_string_equal(t_, (want)); \
		free(t_); \
	} while (0)

static void expect_ok(struct fixture *f, const char *as_of)
{
	int rc = consolidate(f, as_of);
	if (rc != 0)
		dump_diags(f->diags);
	assert_int_equal(rc, 0);
	assert_int_equal(px_diags_count(f->diags), 0);
}

/* The one finding has this rule and names the operation and the eId. */
static void expect_error(struct fixture *f, const char *rule, const char *words)
{
	int rc = consolidate(f, NULL);
	assert_int_equal(rc, PX_EINVALID);
	assert_null(f->out[0]);
	assert_null(f->out[1]);
	assert_null(f->rep);
	assert_true(px_diags_count(f->diags) >= 1);
	const px_diag *d = px_diags_get(f->diags, 0);
	if (strcmp(d->rule, rule) != 0 || (words && !strstr(d->message, words)))
		dump_diags(f->diags);
	assert_string_equal(d->rule, rule);
	if (words)
		assert_non_null(strstr(d->message, words));
	assert_non_null(d->loc.file);
	assert_true(strstr(d->loc.file, "protocol-") != NULL);
}

#define ITEM_RU(t) "<blockList eId=\"q1\"><item eId=\"q2\"><num>—</num><p>" t "</p></item></blockList>"
#define ITEM_ZH(t) "<blockList eId=\"q1\"><item eId=\"q2\"><num>——</num><p>" t "</p></item></blockList>"

/* ---- operations ------------------------------------------------------------ */

static void insert_item_after(void **state)
{
	struct fixture *f = *state;
	struct op o = { "insertion", "sec_II__list_1__item_1", "after", NULL, NULL, ITEM_RU("обмен данными;"),
		ITEM_ZH("数据交流；"), false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_II__list_1__item_2__p_1", "обмен данными;");
	assert_text(f->out[1], "sec_II__list_1__item_2__p_1", "数据交流；");
	assert_text(f->out[0], "sec_II__list_1__item_3__p_1", "обмен специалистами.");
	assert_text(f->out[1], "sec_II__list_1__item_3", "—— 专家交流。");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_2"), "sec_II__list_1__item_3");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_1"), "sec_II__list_1__item_1");
	assert_null(px_eid_map_lookup(f->rep, "sec_IX"));
	assert_int_equal(px_consolidation_applied(f->rep), 1);
	assert_int_equal(px_consolidation_changes(f->rep), 1);
	/* the metadata of a consolidated version */
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(f->out[0], &b));
	assert_non_null(strstr(b.ptr, "contains=\"singleVersion\""));
	assert_non_null(strstr(b.ptr, "<FRBRuri value=\"" WORK "/rus@2025-09-01\"/>"));
	assert_non_null(strstr(b.ptr, "<eventRef eId=\"evt_2\" date=\"2025-09-01\" source=\"#pref_1\" type=\"amendment\"/>"));
	assert_non_null(strstr(b.ptr, "<passiveRef eId=\"pref_1\" href=\"/akn/sco/doc/protocol/2025-09-01/t/rus@2025-09-01\""));
	assert_non_null(strstr(b.ptr, "<destination href=\"#sec_II__list_1__item_2\"/>"));
	assert_non_null(strstr(b.ptr, "period=\"#tp_2\""));
	px_buf_dispose(&b);
}

static void insert_items_start_end_and_section(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "insertion", "sec_I__list_1", "start", NULL, NULL, ITEM_RU("первое;"), ITEM_ZH("第一项；"), false, NULL },
		{ "insertion", "sec_I__list_1", "end", NULL, NULL, ITEM_RU("последнее."), ITEM_ZH("最后一项。"), false, NULL },
		{ "insertion", "sec_II", "before", NULL, NULL,
			"<section eId=\"q3\"><num>II.</num><heading>Новый раздел</heading><content><p>Текст.</p></content></section>",
			"<section eId=\"q3\"><num>二、</num><heading>新部分</heading><content><p>文本。</p></content></section>",
			false, NULL },
		{ "insertion", "sec_II", "end", NULL, NULL, "<p>Заключительный абзац.</p>", "<p>最后一段。</p>", false, NULL },
	};
	assert_px_ok(add(f, o, 4, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_I__list_1__item_1__p_1", "первое;");
	assert_text(f->out[0], "sec_I__list_1__item_2__p_1", "обмен;");
	assert_text(f->out[1], "sec_I__list_1__item_3__p_1", "最后一项。");
	/* sections renumbered in both languages */
	px_buf num = PX_BUF_INIT;
	assert_px_ok(px_unit_num(px_doc_find(f->out[0], "sec_III"), &num));
	assert_string_equal(num.ptr, "III.");
	px_buf_clear(&num);
	assert_px_ok(px_unit_num(px_doc_find(f->out[1], "sec_III"), &num));
	assert_string_equal(num.ptr, "三、");
	px_buf_clear(&num);
	assert_px_ok(px_unit_heading(px_doc_find(f->out[1], "sec_II"), &num));
	assert_string_equal(num.ptr, "新部分");
	px_buf_dispose(&num);
	assert_text(f->out[0], "sec_III__p_2", "Заключительный абзац.");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_2"), "sec_III__list_1__item_2");
}

/* Two insertions at the start of one list keep the order of the operations. */
static void two_insertions_at_start_keep_order(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "insertion", "sec_I__list_1", "start", NULL, NULL, ITEM_RU("первое;"), ITEM_ZH("第一项；"), false, NULL },
		{ "insertion", "sec_I__list_1", "start", NULL, NULL, ITEM_RU("второе;"), ITEM_ZH("第二项；"), false, NULL },
	};
	assert_px_ok(add(f, o, 2, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	for (int l = 0; l < 2; l++) {
		assert_text(f->out[l], "sec_I__list_1__item_1__p_1", l ? "第一项；" : "первое;");
		assert_text(f->out[l], "sec_I__list_1__item_2__p_1", l ? "第二项；" : "второе;");
	}
	assert_text(f->out[0], "sec_I__list_1__item_3__p_1", "обмен;");
}

static void restate_units(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		/* an item, through a quoted blockList */
		{ "substitution", "sec_II__list_1__item_1", NULL, NULL, NULL, ITEM_RU("совместные проекты;"),
			ITEM_ZH("联合项目；"), false, NULL },
		/* a paragraph, through a quoted p */
		{ "substitution", "sec_II__p_1", NULL, NULL, NULL, "<p>Сотрудничество ведется в формах:</p>",
			"<p>合作形式如下：</p>", false, NULL },
		/* a heading, through a quoted heading */
		{ "substitution", "sec_II", NULL, NULL, NULL, "<heading>Формы</heading>", "<heading>形式</heading>", false,
			NULL },
		/* a heading, through quoted text */
		{ "substitution", "sec_I", NULL, NULL, NULL, "Цели", "目标", true, NULL },
	};
	assert_px_ok(add(f, o, 4, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_II__list_1__item_1__p_1", "совместные проекты;");
	assert_text(f->out[1], "sec_II__list_1__item_1__p_1", "联合项目；");
	assert_text(f->out[0], "sec_II__p_1", "Сотрудничество ведется в формах:");
	assert_text(f->out[1], "sec_II__p_1", "合作形式如下：");
	px_buf h = PX_BUF_INIT;
	assert_px_ok(px_unit_heading(px_doc_find(f->out[0], "sec_II"), &h));
	assert_string_equal(h.ptr, "Формы");
	px_buf_clear(&h);
	assert_px_ok(px_unit_heading(px_doc_find(f->out[1], "sec_I"), &h));
	assert_string_equal(h.ptr, "目标");
	px_buf_dispose(&h);
	/* a restated unit keeps its place in the map */
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_1__p_1"), "sec_II__list_1__item_1__p_1");
	assert_int_equal(px_consolidation_changes(f->rep), 4);
}

static void restate_section(void **state)
{
	struct fixture *f = *state;
	struct op o = { "substitution", "sec_I", NULL, NULL, NULL,
		"<section eId=\"q\"><num>I.</num><heading>Цель</heading><content><p>Стороны сотрудничают.</p></content></section>",
		"<section eId=\"q\"><num>一、</num><heading>目的</heading><content><p>双方开展合作。</p></content></section>", false,
		NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_I__p_1", "Стороны сотрудничают.");
	assert_text(f->out[1], "sec_I__p_1", "双方开展合作。");
	assert_null(px_doc_find(f->out[0], "sec_I__list_1"));
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_I__list_1"), "");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_I__p_1"), "sec_I__p_1");
}

static void repeal_units_and_words(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, NULL },
		{ "repeal", "sec_II__p_1", NULL, "в следующих формах", "以下列形式", NULL, NULL, false, NULL },
		{ "repeal", "sec_I", NULL, NULL, NULL, NULL, NULL, false, NULL },
	};
	assert_px_ok(add(f, o, 3, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	/* section II became section I */
	assert_text(f->out[0], "sec_I__p_1", "Сотрудничество осуществляется:");
	assert_text(f->out[1], "sec_I__p_1", "合作进行：");
	assert_text(f->out[0], "sec_I__list_1__item_1__p_1", "обмен специалистами.");
	assert_null(px_doc_find(f->out[1], "sec_II"));
	px_buf n = PX_BUF_INIT;
	assert_px_ok(px_unit_num(px_doc_find(f->out[1], "sec_I"), &n));
	assert_string_equal(n.ptr, "一、");
	px_buf_dispose(&n);
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_I"), "");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II"), "sec_I");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_1"), "");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_II__list_1__item_2"), "sec_I__list_1__item_1");
	/* a repealed unit is recorded by its IRI in the version before */
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(f->out[0], &b));
	assert_non_null(strstr(b.ptr, "<destination href=\"" WORK "/rus@2022-09-16/!main~sec_II__list_1__item_1\"/>"));
	px_buf_dispose(&b);
}

static void words(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "substitution", "sec_II__list_1__item_1", NULL, "совместные", "联合", "научные", "科学", true, NULL },
		{ "insertion", "sec_II__list_1__item_2", "after", "обмен", "专家", "опытом и", "和经验", true, NULL },
		{ "insertion", "sec_II__p_1", "before", "формах", "形式", "основных", "主要", true, NULL },
		{ "insertion", "sec_I__p_1", "end", NULL, NULL, "договорились", "商定", true, NULL },
		{ "insertion", "sec_I__list_1__item_1", "start", NULL, NULL, "взаимный", "相互", true, NULL },
	};
	assert_px_ok(add(f, o, 5, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_II__list_1__item_1__p_1", "научные исследования;");
	assert_text(f->out[1], "sec_II__list_1__item_1__p_1", "科学研究；");
	assert_text(f->out[0], "sec_II__list_1__item_2__p_1", "обмен опытом и специалистами.");
	assert_text(f->out[1], "sec_II__list_1__item_2__p_1", "专家和经验交流。");
	assert_text(f->out[0], "sec_II__p_1", "Сотрудничество осуществляется в следующих основных формах:");
	assert_text(f->out[1], "sec_II__p_1", "合作以下列主要形式进行：");
	assert_text(f->out[0], "sec_I__p_1", "Стороны договорились:");
	assert_text(f->out[1], "sec_I__p_1", "双方商定：");
	assert_text(f->out[0], "sec_I__list_1__item_1__p_1", "взаимный обмен;");
	assert_text(f->out[1], "sec_I__list_1__item_1__p_1", "相互交流；");
}

#define SIG_REFS_RU \
	"<TLCOrganization eId=\"by\" href=\"/akn/ontology/organization/state/by\" showAs=\"Республика Беларусь\"/>" \
	"<TLCOrganization eId=\"by-gknt\" href=\"/akn/ontology/organization/by/gknt\" showAs=\"ГКНТ\"/>" \
	"<TLCRole eId=\"signatory\" href=\"/akn/ontology/role/signatory\" showAs=\"Подписант\"/>"
#define SIG_REFS_ZH \
	"<TLCOrganization eId=\"by\" href=\"/akn/ontology/organization/state/by\" showAs=\"白俄罗斯共和国\"/>" \
	"<TLCOrganization eId=\"by-gknt\" href=\"/akn/ontology/organization/by/gknt\" showAs=\"国家科学技术委员会\"/>" \
	"<TLCRole eId=\"signatory\" href=\"/akn/ontology/role/signatory\" showAs=\"签署人\"/>"

static void add_signing_party(void **state)
{
	struct fixture *f = *state;
	struct op o = { "insertion", "conclusions__blockContainer_1", "before", NULL, NULL,
		"<p><signature><role refersTo=\"#signatory\">За</role> <organization refersTo=\"#by-gknt\">Государственный "
		"комитет по науке и технологиям <organization refersTo=\"#by\">Республики Беларусь</organization>"
		"</organization></signature></p>",
		"<p><signature><organization refersTo=\"#by-gknt\"><organization refersTo=\"#by\">白俄罗斯共和国</organization>"
		"国家科学技术委员会</organization><role refersTo=\"#signatory\">代表</role></signature></p>",
		false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, SIG_REFS_RU, SIG_REFS_ZH));
	expect_ok(f, NULL);
	assert_text(f->out[0], "conclusions__blockContainer_1", "За Государственный комитет по науке и технологиям Республики Беларусь");
	assert_text(f->out[1], "conclusions__blockContainer_1", "白俄罗斯共和国国家科学技术委员会代表");
	assert_text(f->out[0], "conclusions__blockContainer_2__p_1",
		"За Министерство науки и технологий Республики Индии");
	/* the organizations are now in the references */
	assert_non_null(px_doc_find(f->out[0], "by-gknt"));
	assert_non_null(px_doc_find(f->out[1], "by"));
	assert_string_equal(px_eid_map_lookup(f->rep, "conclusions__blockContainer_2"), "conclusions__blockContainer_3");
	/* the new body is an author of the work and of the expression, after
	 * the original signatories, in both languages */
	for (int l = 0; l < 2; l++) {
		px_buf b = PX_BUF_INIT;
		assert_px_ok(px_doc_save_buf(f->out[l], &b));
		const char *authors = "<FRBRauthor href=\"#ru-mon\"/>\n          <FRBRauthor href=\"#by-gknt\"/>\n";
		const char *work = strstr(b.ptr, authors);
		assert_non_null(work);
		assert_non_null(strstr(work + 1, authors));
		assert_true(strstr(b.ptr, "<FRBRExpression>") < strstr(work + 1, authors));
		px_buf_dispose(&b);
	}
}

/* Replace the base of the fixture by one whose section I has numbered
 * paragraphs instead of content. */
static void use_paragraph_base(struct fixture *f)
{
	static const char *const files[2] = { "amend/base.ru.xml", "amend/base.zh.xml" };
	static const char *const texts[2][2] = { { "Первый.", "Второй." }, { "第一。", "第二。" } };
	for (int l = 0; l < 2; l++) {
		size_t len;
		char *src = slurp(data_path(files[l]), &len);
		char *a = strstr(src, "<content>"), *b = strstr(src, "</content>");
		px_buf x = PX_BUF_INIT;
		px_buf_put(&x, src, (size_t)(a - src));
		for (int k = 1; k <= 2; k++)
			px_buf_printf(&x, "<paragraph eId=\"sec_I__para_%d\"><num>%d.</num><content><p eId=\"sec_I__para_%d__p_1\">"
				"%s</p></content></paragraph>", k, k, k, texts[l][k - 1]);
		px_buf_puts(&x, b + strlen("</content>"));
		px_doc_free(f->base[l]);
		assert_px_ok(px_doc_load_memory(&f->base[l], x.ptr, x.size, files[l]));
		px_buf_dispose(&x);
		free(src);
	}
}

static void numbered_paragraphs(void **state)
{
	struct fixture *f = *state;
	use_paragraph_base(f);
	struct op o = { "insertion", "sec_I__para_1", "before", NULL, NULL,
		"<paragraph eId=\"q\"><num>1.</num><content><p>Новый.</p></content></paragraph>",
		"<paragraph eId=\"q\"><num>1.</num><content><p>新。</p></content></paragraph>", false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_I__para_1", "1. Новый.");
	assert_text(f->out[1], "sec_I__para_3", "3. 第二。");
	assert_string_equal(px_eid_map_lookup(f->rep, "sec_I__para_2__p_1"), "sec_I__para_3__p_1");
}

/* ---- several instruments, point in time ------------------------------------ */

static void several_instruments(void **state)
{
	struct fixture *f = *state;
	/* given out of order: the later one first */
	struct op later = { "substitution", "sec_II__list_1__item_2", NULL, "данными", "数据", "знаниями", "知识", true,
		"2025-09-01" };
	struct op first = { "insertion", "sec_II__list_1__item_1", "after", NULL, NULL, ITEM_RU("обмен данными;"),
		ITEM_ZH("数据交流；"), false, NULL };
	assert_px_ok(add(f, &later, 1, "2026-06-15", "2026-07-15", NULL, NULL));
	assert_px_ok(add(f, &first, 1, "2025-09-01", NULL, NULL, NULL));
	assert_string_equal(px_instrument_date(f->ins[0]), "2026-07-15");
	assert_int_equal(px_instrument_op_count(f->ins[0]), 1);

	/* after both */
	expect_ok(f, NULL);
	assert_text(f->out[0], "sec_II__list_1__item_2__p_1", "обмен знаниями;");
	assert_text(f->out[1], "sec_II__list_1__item_2__p_1", "知识交流；");
	assert_int_equal(px_consolidation_applied(f->rep), 2);
	px_buf t = PX_BUF_INIT;
	assert_px_ok(px_timeline_text(f->rep, &t));
	assert_non_null(strstr(t.ptr, "2022-09-16  original"));
	assert_non_null(strstr(t.ptr, "2026-07-15  amendment"));
	px_buf_clear(&t);
	assert_px_ok(px_eid_map_tsv(f->rep, &t));
	assert_non_null(strstr(t.ptr, "1\t2022-09-16\t2025-09-01\tsec_II__list_1__item_2\tsec_II__list_1__item_3\n"));
	assert_non_null(strstr(t.ptr, "total\t2022-09-16\t2026-07-15\t\tsec_II__list_1__item_2\n"));
	px_buf_clear(&t);
	assert_px_ok(px_doc_save_buf(f->out[0], &t));
	assert_non_null(strstr(t.ptr, "<FRBRdate date=\"2026-07-15\" name=\"consolidation\"/>"));
	assert_non_null(strstr(t.ptr, "<eventRef eId=\"evt_3\" date=\"2026-07-15\" source=\"#pref_2\""));
	px_buf_dispose(&t);
	px_doc_free(f->out[0]);
	px_doc_free(f->out[1]);
	px_consolidation_report_free(f->rep);
	f->rep = NULL;

	/* between: signed but not yet in force */
	expect_ok(f, "2026-07-01");
	assert_text(f->out[0], "sec_II__list_1__item_2__p_1", "обмен данными;");
	assert_int_equal(px_consolidation_applied(f->rep), 1);
	px_buf tl = PX_BUF_INIT;
	assert_px_ok(px_timeline_text(f->rep, &tl));
	assert_non_null(strstr(tl.ptr, "2026-07-15  not applied"));
	px_buf_dispose(&tl);
	px_doc_free(f->out[0]);
	px_doc_free(f->out[1]);
	px_consolidation_report_free(f->rep);
	f->rep = NULL;

	/* before both: the original text */
	expect_ok(f, "2024-01-01");
	assert_int_equal(px_consolidation_applied(f->rep), 0);
	assert_int_equal(px_consolidation_changes(f->rep), 0);
	assert_text(f->out[0], "sec_II__list_1__item_2__p_1", "обмен специалистами.");
	px_doc_free(f->out[0]);
	px_doc_free(f->out[1]);
	f->out[0] = f->out[1] = NULL;
	px_consolidation_report_free(f->rep);
	f->rep = NULL;
	/* a malformed date */
	assert_int_equal(consolidate(f, "2024-13-01"), PX_EUSAGE);
}

/* ---- errors ------------------------------------------------------------------ */

static void error_missing_destination(void **state)
{
	struct fixture *f = *state;
	struct op o = { "repeal", "sec_II__list_1__item_7", NULL, NULL, NULL, NULL, NULL, false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX092", "repeal 'amod_1' at 'sec_II__list_1__item_7'");
}

static void error_old_not_found(void **state)
{
	struct fixture *f = *state;
	struct op o = { "substitution", "sec_II__list_1__item_1", NULL, "совместный", "共同", "научный", "科学", true, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX094", "'совместный' are not in the unit");
}

static void error_old_ambiguous(void **state)
{
	struct fixture *f = *state;
	/* "ст" is in "совместные" and in "специалистами" */
	struct op o = { "repeal", "sec_II__list_1", NULL, "ст", "究", NULL, NULL, false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX095", "the words 'ст' occur 2 times in the unit");
}

static void error_old_spans_markup(void **state)
{
	struct fixture *f = *state;
	struct op o = { "substitution", "conclusions__blockContainer_1__p_1", NULL, "За Министерство", "印度共和国科学",
		"От", "从", true, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX096", "run across inline markup");
}

static void error_conflict(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "repeal", "sec_II__list_1", NULL, NULL, NULL, NULL, NULL, false, NULL },
		{ "substitution", "sec_II__list_1__item_1", NULL, "совместные", "联合", "научные", "科学", true, NULL },
	};
	assert_px_ok(add(f, o, 2, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX097", "conflicts with repeal 'amod_1' at 'sec_II__list_1'");
}

static void error_double_repeal(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, NULL },
		{ "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, NULL },
	};
	assert_px_ok(add(f, o, 2, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX098", "already repealed");
}

static void error_repeal_of_repealed(void **state)
{
	struct fixture *f = *state;
	/* the second instrument repeals, by the eId of the original, what the first repealed */
	struct op first = { "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, NULL };
	struct op again = { "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, "2022-09-16" };
	assert_px_ok(add(f, &first, 1, "2025-09-01", NULL, NULL, NULL));
	assert_px_ok(add(f, &again, 1, "2026-06-15", NULL, NULL, NULL));
	expect_error(f, "PX098", "was already repealed by 'protocol-2025-09-01.ru.xml'");
}

static void error_unknown_version(void **state)
{
	struct fixture *f = *state;
	struct op o = { "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, "2023-01-01" };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX093", "no version of the amended document is dated 2023-01-01");
}

static void error_languages_differ(void **state)
{
	struct fixture *f = *state;
	struct op ru = { "repeal", "sec_II__list_1__item_1", NULL, NULL, NULL, NULL, NULL, false, NULL };
	struct op zh = { "repeal", "sec_II__list_1__item_2", NULL, NULL, NULL, NULL, NULL, false, NULL };
	px_doc *r = protocol(false, &ru, 1, "2025-09-01", NULL, NULL);
	px_doc *z = protocol(true, &zh, 1, "2025-09-01", NULL, NULL);
	px_instrument *ins = NULL;
	assert_int_equal(px_instrument_new(&ins, r, z, f->diags), PX_EINVALID);
	assert_null(ins);
	const px_diag *d = px_diags_get(f->diags, 0);
	assert_string_equal(d->rule, "PX091");
	assert_non_null(strstr(d->message, "destination 'sec_II__list_1__item_2' in zho, 'sec_II__list_1__item_1' in rus"));
	/* operations in another order, or another count */
	struct op two[] = { ru, zh };
	px_doc *z2 = protocol(true, two, 2, "2025-09-01", NULL, NULL);
	assert_int_equal(px_instrument_new(&ins, r, z2, f->diags), PX_EINVALID);
	assert_string_equal(px_diags_get(f->diags, 1)->rule, "PX091");
	/* languages swapped, and a programme for a protocol */
	assert_int_equal(px_instrument_new(&ins, z, r, f->diags), PX_EINVALID);
	assert_int_equal(px_instrument_new(&ins, f->base[0], f->base[1], f->diags), PX_EINVALID);
	assert_string_equal(px_diags_get(f->diags, px_diags_count(f->diags) - 1)->rule, "PX090");
	px_doc_free(r);
	px_doc_free(z);
	px_doc_free(z2);
}

/* Quoted old words that are empty would match everywhere: refused when the
 * instrument is read. */
static void error_empty_old_words(void **state)
{
	struct fixture *f = *state;
	static const char *const empties[] = { "", "  " };
	for (size_t i = 0; i < 2; i++) {
		struct op o = { "substitution", "sec_III__p_1", NULL, empties[i], empties[i], "слова", "词语", true, NULL };
		px_doc *r = protocol(false, &o, 1, "2025-09-01", NULL, NULL);
		px_doc *z = protocol(true, &o, 1, "2025-09-01", NULL, NULL);
		px_instrument *ins = NULL;
		size_t before = px_diags_count(f->diags);
		assert_int_equal(px_instrument_new(&ins, r, z, f->diags), PX_EINVALID);
		assert_null(ins);
		assert_true(px_diags_count(f->diags) > before);
		const px_diag *d = px_diags_get(f->diags, before);
		assert_string_equal(d->rule, "PX090");
		assert_non_null(strstr(d->message, "the quoted old words are empty"));
		px_doc_free(r);
		px_doc_free(z);
	}
}

static void error_invalid_result(void **state)
{
	struct fixture *f = *state;
	/* Cyrillic words put into the Chinese text: the zho result would not validate */
	struct op o = { "substitution", "sec_II__list_1__item_1", NULL, "совместные", "联合", "научные", "научные", true,
		NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX100", "PX016");
}

static void error_wrong_kind(void **state)
{
	struct fixture *f = *state;
	struct op o = { "insertion", "sec_II__list_1__item_1", "after", NULL, NULL, "<p>абзац</p>", "<p>段</p>", false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_error(f, "PX099", "a quoted p cannot stand in a blockList");
}

static void inputs_unchanged(void **state)
{
	struct fixture *f = *state;
	px_buf before = PX_BUF_INIT, after = PX_BUF_INIT;
	assert_px_ok(px_doc_save_buf(f->base[0], &before));
	struct op o = { "repeal", "sec_I", NULL, NULL, NULL, NULL, NULL, false, NULL };
	assert_px_ok(add(f, &o, 1, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	assert_px_ok(px_doc_save_buf(f->base[0], &after));
	assert_int_equal(before.size, after.size);
	assert_memory_equal(before.ptr, after.ptr, before.size);
	assert_non_null(px_doc_find(f->base[0], "sec_I__list_1"));
	px_buf_dispose(&before);
	px_buf_dispose(&after);
}

/* ---- renderings ---------------------------------------------------------------- */

static void renderings(void **state)
{
	struct fixture *f = *state;
	struct op o[] = {
		{ "substitution", "sec_II__list_1__item_1", NULL, "совместные", "联合", "научные", "科学", true, NULL },
		{ "substitution", "sec_I__list_1__item_1", NULL, NULL, NULL, ITEM_RU("обмен опытом;"), ITEM_ZH("经验交流；"),
			false, NULL },
		{ "insertion", "sec_II__list_1__item_2", "after", NULL, NULL, ITEM_RU("обмен данными."), ITEM_ZH("数据交流。"),
			false, NULL },
	};
	assert_px_ok(add(f, o, 3, "2025-09-01", NULL, NULL, NULL));
	expect_ok(f, NULL);
	px_buf b = PX_BUF_INIT;
	assert_px_ok(px_redline_html(f->rep, PX_LANG_RU, &b));
	assert_non_null(strstr(b.ptr, "<!DOCTYPE html>"));
	assert_non_null(strstr(b.ptr, "— <del>совместные</del><ins>научные</ins> исследования;"));
	assert_non_null(strstr(b.ptr, "<ins>— обмен данными.</ins>"));
	px_buf_clear(&b);
	assert_px_ok(px_redline_html(f->rep, PX_LANG_ZH, &b));
	assert_non_null(strstr(b.ptr, "——<del>联合</del><ins>科学</ins>研究；"));
	px_buf_clear(&b);
	assert_px_ok(px_comparison_table_html(f->rep, PX_LANG_RU, &b));
	assert_non_null(strstr(b.ptr, "<th>Действующая редакция</th><th>Новая редакция</th>"));
	assert_non_null(strstr(b.ptr, "<td>(отсутствует)</td>"));
	px_buf_clear(&b);
	assert_px_ok(px_comparison_table_html(f->rep, PX_LANG_ZH, &b));
	assert_non_null(strstr(b.ptr, "<th>现行文本</th><th>修改后文本</th>"));
	px_buf_clear(&b);
	assert_px_ok(px_comparison_table_text(f->rep, PX_LANG_ZH, 60, &b));
	assert_non_null(strstr(b.ptr, "现行文本"));
	assert_non_null(strstr(b.ptr, "| 修改后文本"));
	assert_non_null(strstr(b.ptr, "{+——数据交流。+}"));
	/* every line of the text table fits the width (wide characters count two) */
	for (char *line = b.ptr; *line;) {
		char *end = strchr(line, '\n');
		size_t w = 0;
		for (char *p = line; p < end;) {
			uint32_t cp;
			p += px_utf8_decode(p, (size_t)(end - p), &cp);
			w += (cp >= 0x2E80 && cp != 0x2014) ? 2 : 1;
		}
		assert_true(w <= 60);
		line = end + 1;
	}
	px_buf_clear(&b);
	assert_px_ok(px_comparison_table_text(f->rep, PX_LANG_RU, 0, &b));
	assert_non_null(strstr(b.ptr, "Действующая редакция"));
	assert_non_null(strstr(b.ptr, "[-совместные-]"));
	assert_int_equal(px_comparison_table_text(f->rep, PX_LANG_RU, 10, &b), PX_EUSAGE);
	assert_int_equal(px_redline_html(f->rep, (px_lang)7, &b), PX_EUSAGE);
	px_buf_dispose(&b);
}

/* ---- the command ---------------------------------------------------------------- */

static const char *const outputs[] = {
	"programme.ru.xml", "programme.zh.xml", "programme.ru.txt", "programme.zh.txt", "redline.ru.html",
	"redline.zh.html", "comparison.ru.html", "comparison.zh.html", "comparison.ru.txt", "comparison.zh.txt",
	"eid-map.tsv", "timeline.txt",
};

/* "dir/name" (free()) */
static char *join(const char *dir, const char *name)
{
	px_buf b = PX_BUF_INIT;
	px_buf_printf(&b, "%s/%s", dir, name);
	return px_buf_detach(&b);
}

static void compare_dirs(const char *got, const char *want)
{
	for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
		char *a = join(got, outputs[i]), *b = join(want, outputs[i]);
		size_t la, lb;
		char *x = slurp(a, &la), *y = slurp(b, &lb);
		if (la != lb || memcmp(x, y, la) != 0)
			fail_msg("%s differs from %s (regenerate with the command in docs/amend.md)", a, b);
		free(x);
		free(y);
		free(a);
		free(b);
	}
}

static void remove_dir(const char *dir)
{
	for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
		char *p = join(dir, outputs[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
}

static void cli_example_matches_expected(void **state)
{
	(void)state;
	char *tmp = temp_dir();
	char *out = join(tmp, "out");
	char base_ru[4096], base_zh[4096], p[4][4096], want[4096];
	snprintf(base_ru, sizeof base_ru, "%s", src_path("examples/programme.ru.xml"));
	snprintf(base_zh, sizeof base_zh, "%s", src_path("examples/programme.zh.xml"));
	const char *names[] = { "protocol-2025.ru.xml", "protocol-2025.zh.xml", "protocol-2026.ru.xml",
		"protocol-2026.zh.xml" };
	for (int i = 0; i < 4; i++) {
		char rel[256];
		snprintf(rel, sizeof rel, "examples/amendments/%s", names[i]);
		snprintf(p[i], sizeof p[i], "%s", src_path(rel));
	}
	const char *akn = official_path;
	bool official = akn != NULL;
	struct run r;
	if (official)
		run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, p[0], p[1], p[2], p[3], "-o", out, "--akn", akn, NULL);
	else
		run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, p[0], p[1], p[2], p[3], "-o", out, NULL);
	if (r.status != 0)
		print_message("%s%s", r.out, r.err);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "redline:"));
	assert_non_null(strstr(r.out, "comparison tables:"));
	run_free(&r);
	snprintf(want, sizeof want, "%s", src_path("examples/amendments/expected"));
	compare_dirs(out, want);
	remove_dir(out);

	/* the text in force at the end of 2025: the first protocol only */
	run_paralex(&r, NULL, 120, "amend", "--as-of", "2025-12-31", base_ru, base_zh, p[0], p[1], p[2], p[3], "-o",
		out, "-q", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	run_free(&r);
	snprintf(want, sizeof want, "%s", src_path("examples/amendments/expected-2025"));
	compare_dirs(out, want);

	/* the results validate (in a --official run against both schemas) and
	 * check clean */
	char *x[2] = { join(out, "programme.ru.xml"), join(out, "programme.zh.xml") };
	if (official)
		run_paralex(&r, NULL, 120, "validate", "--akn", akn, x[0], x[1], NULL);
	else
		run_paralex(&r, NULL, 120, "validate", x[0], x[1], NULL);
	if (r.status != 0)
		print_message("%s%s", r.out, r.err);
	assert_int_equal(r.status, 0);
	run_free(&r);
	run_paralex(&r, NULL, 120, "check", x[0], x[1], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	free(x[0]);
	free(x[1]);
	remove_dir(out);
	free(out);
	rmdir(tmp);
	free(tmp);
}

/* Write a copy of a shipped protocol with strings replaced: from[i] (its
 * first occurrence) by to[i], for i < n. */
static char *variant_n(const char *rel, const char *const *from, const char *const *to, int n, const char *dir,
	const char *name)
{
	size_t len;
	char *s = slurp(src_path(rel), &len);
	for (int i = 0; i < n; i++) {
		char *at = strstr(s, from[i]);
		assert_non_null(at);
		px_buf b = PX_BUF_INIT;
		px_buf_put(&b, s, (size_t)(at - s));
		px_buf_puts(&b, to[i]);
		px_buf_puts(&b, at + strlen(from[i]));
		free(s);
		s = px_buf_detach(&b);
	}
	char *path = join(dir, name);
	px_buf out = PX_BUF_INIT;
	px_buf_puts(&out, s);
	assert_px_ok(px_buf_write_file(&out, path));
	px_buf_dispose(&out);
	free(s);
	return path;
}

/* Write a copy of a shipped protocol with one string replaced. */
static char *variant(const char *rel, const char *from, const char *to, const char *dir, const char *name)
{
	return variant_n(rel, &from, &to, 1, dir, name);
}

static void cli_errors_write_nothing(void **state)
{
	(void)state;
	char *tmp = temp_dir();
	char *out = join(tmp, "out");
	char zh[4096], base_ru[4096], base_zh[4096];
	snprintf(base_ru, sizeof base_ru, "%s", src_path("examples/programme.ru.xml"));
	snprintf(base_zh, sizeof base_zh, "%s", src_path("examples/programme.zh.xml"));
	snprintf(zh, sizeof zh, "%s", src_path("examples/amendments/protocol-2025.zh.xml"));
	/* a destination that does not exist (and that the text of its mod does
	 * not name: the check of the mods' prose says so first) */
	char *ru = variant("examples/amendments/protocol-2025.ru.xml", "!main~sec_V__p_2", "!main~sec_V__p_9", tmp,
		"protocol-2025.ru.xml");
	char *zh_bad = variant("examples/amendments/protocol-2025.zh.xml", "!main~sec_V__p_2", "!main~sec_V__p_9", tmp,
		"protocol-2025.zh.xml");
	struct run r;
	run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, ru, zh_bad, "-o", out, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "protocol-2025.ru.xml:"));
	assert_non_null(strstr(r.err, "error[PX113]: the text of mod_3 says substitution sec_V__p_2"));
	assert_non_null(strstr(r.err, "says substitution 'sec_V__p_9'"));
	assert_string_equal(r.out, "");
	run_free(&r);
	struct stat st;
	assert_int_not_equal(stat(out, &st), 0);
	/* Russian and Chinese operations that differ */
	run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, ru, zh, "-o", out, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "error[PX091]: textualMod 'amod_3' differs"));
	run_free(&r);
	assert_int_not_equal(stat(out, &st), 0);
	/* an existing directory stays as it was */
	assert_int_equal(mkdir(out, 0755), 0);
	run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, ru, zh_bad, "-o", out, NULL);
	assert_int_equal(r.status, 1);
	run_free(&r);
	assert_int_equal(rmdir(out), 0);
	/* a new Party out of the Russian alphabetical order of states (Иран after
	 * Китай), the text of its mod saying so too */
	const char *ru_from[] = { "conclusions__blockContainer_1\" pos=\"after\"",
		"после подписи за Министерство науки и технологий Республики Индии" };
	const char *ru_to[] = { "conclusions__blockContainer_3\" pos=\"after\"",
		"после подписи за Министерство науки и технологий Китайской Народной Республики" };
	const char *zh_from[] = { "conclusions__blockContainer_1\" pos=\"after\"", "在最后部分印度共和国科学技术部代表签字之后" };
	const char *zh_to[] = { "conclusions__blockContainer_3\" pos=\"after\"", "在最后部分中华人民共和国科学技术部代表签字之后" };
	char *ru_order = variant_n("examples/amendments/protocol-2025.ru.xml", ru_from, ru_to, 2, tmp, "order.ru.xml");
	char *zh_order = variant_n("examples/amendments/protocol-2025.zh.xml", zh_from, zh_to, 2, tmp, "order.zh.xml");
	run_paralex(&r, NULL, 120, "amend", base_ru, base_zh, ru_order, zh_order, "-o", out, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "error[PX101]"));
	assert_non_null(strstr(r.err, "PX061"));
	run_free(&r);
	assert_int_not_equal(stat(out, &st), 0);
	unlink(ru_order);
	unlink(zh_order);
	free(ru_order);
	free(zh_order);
	/* usage errors */
	run_paralex(&r, NULL, 30, "amend", base_ru, base_zh, ru, "-o", out, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "usage: paralex amend"));
	run_free(&r);
	run_paralex(&r, NULL, 30, "amend", base_ru, base_zh, ru, zh, NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	run_paralex(&r, NULL, 30, "amend", base_ru, base_zh, ru, zh_bad, "-o", out, "--as-of", "1 May", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "'1 May' is not a date"));
	run_free(&r);
	run_paralex(&r, NULL, 30, "amend", base_ru, base_zh, ru, "/nonexistent.xml", "-o", out, NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	/* help */
	run_paralex(&r, NULL, 30, "amend", "--help", NULL);
	assert_int_equal(r.status, 0);
	struct run h;
	run_paralex(&h, NULL, 30, "help", "amend", NULL);
	assert_string_equal(r.out, h.out);
	run_free(&h);
	run_free(&r);
	unlink(ru);
	unlink(zh_bad);
	free(ru);
	free(zh_bad);
	free(out);
	rmdir(tmp);
	free(tmp);
}

int main(int argc, char **argv)
{
	const char *name;
	enum suite_mode mode = suite_mode(argc, argv, &name);
	/* every test but the last: the results of consolidation (in the library
	 * and through the command) also validated on the official schema */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(insert_item_after, setup, teardown),
		cmocka_unit_test_setup_teardown(insert_items_start_end_and_section, setup, teardown),
		cmocka_unit_test_setup_teardown(two_insertions_at_start_keep_order, setup, teardown),
		cmocka_unit_test_setup_teardown(restate_units, setup, teardown),
		cmocka_unit_test_setup_teardown(restate_section, setup, teardown),
		cmocka_unit_test_setup_teardown(repeal_units_and_words, setup, teardown),
		cmocka_unit_test_setup_teardown(words, setup, teardown),
		cmocka_unit_test_setup_teardown(add_signing_party, setup, teardown),
		cmocka_unit_test_setup_teardown(numbered_paragraphs, setup, teardown),
		cmocka_unit_test_setup_teardown(several_instruments, setup, teardown),
		cmocka_unit_test_setup_teardown(error_missing_destination, setup, teardown),
		cmocka_unit_test_setup_teardown(error_old_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(error_old_ambiguous, setup, teardown),
		cmocka_unit_test_setup_teardown(error_old_spans_markup, setup, teardown),
		cmocka_unit_test_setup_teardown(error_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(error_double_repeal, setup, teardown),
		cmocka_unit_test_setup_teardown(error_repeal_of_repealed, setup, teardown),
		cmocka_unit_test_setup_teardown(error_unknown_version, setup, teardown),
		cmocka_unit_test_setup_teardown(error_empty_old_words, setup, teardown),
		cmocka_unit_test_setup_teardown(error_languages_differ, setup, teardown),
		cmocka_unit_test_setup_teardown(error_invalid_result, setup, teardown),
		cmocka_unit_test_setup_teardown(error_wrong_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(inputs_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(renderings, setup, teardown),
		cmocka_unit_test(cli_example_matches_expected),
		cmocka_unit_test(cli_errors_write_nothing),
	};
	if (mode == SUITE_OFFICIAL) {
		official_path = require_official_xsd();
		return _cmocka_run_group_tests("amend/official-schema", tests, sizeof tests / sizeof tests[0] - 1, NULL, NULL);
	}
	if (mode != SUITE_TESTS) {
		fprintf(stderr, "%s: no cases, and no tests need the seeds\n", argv[0]);
		return 2;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
