/* Terminology: the built-in termbase, user TBX files, and the term rules
 * PX080–PX082 on the Programme and on pairs with one injected defect. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* ---- the Programme, aligned by eId (tests/data/terms/programme.tsv) ---- */

struct pair {
	char *eid, *ru, *zh;
	int line;
};

struct pairs {
	struct pair v[128];
	size_t n;
	char *bytes;
};

static void load_pairs(struct pairs *p)
{
	memset(p, 0, sizeof *p);
	p->bytes = slurp(data_path("terms/programme.tsv"), NULL);
	int line = 0;
	for (char *s = p->bytes, *next; s && *s; s = next) {
		line++;
		next = strchr(s, '\n');
		if (next)
			*next++ = '\0';
		if (*s == '#' || *s == '\0')
			continue;
		char *t1 = strchr(s, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2)
			fail_msg("programme.tsv:%d: not eId<TAB>ru<TAB>zh", line);
		*t1 = *t2 = '\0';
		assert_true(p->n < sizeof p->v / sizeof p->v[0]);
		p->v[p->n++] = (struct pair){ s, t1 + 1, t2 + 1, line };
	}
	assert_int_equal(p->n, 51);
}

static px_term_unit unit_of(const struct pair *x, const char *ru, const char *zh)
{
	px_term_unit u = { 0 };
	u.eid = x->eid;
	u.ru_text = ru ? ru : x->ru;
	u.ru = (px_loc){ "programme.ru.xml", x->line, 7, NULL };
	u.zh_text = zh ? zh : x->zh;
	u.zh = (px_loc){ "programme.zh.xml", x->line, 7, NULL };
	return u;
}

/* Check all pairs, with one unit's Chinese text replaced by `zh` (if eid). */
static px_diags *check_all(const px_termbase *tb, const struct pairs *p, const char *eid, const char *ru,
	const char *zh)
{
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	for (size_t i = 0; i < p->n; i++) {
		bool mine = eid && strcmp(p->v[i].eid, eid) == 0;
		px_term_unit u = unit_of(&p->v[i], mine ? ru : NULL, mine ? zh : NULL);
		u.parties = 8; /* the Programme's signatories */
		int rc = px_termbase_check_unit(tb, &u, d);
		if (rc != 0 && rc != PX_EINVALID)
			assert_px_ok(rc);
	}
	return d;
}

/* The Chinese text of `eid` with the first `from` replaced by `to` (free()). */
static char *edit(const struct pairs *p, const char *eid, const char *from, const char *to)
{
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].eid, eid) != 0)
			continue;
		const char *zh = p->v[i].zh;
		const char *at = strstr(zh, from);
		if (!at)
			fail_msg("'%s' is not in the Chinese text of %s", from, eid);
		size_t n = strlen(zh) - strlen(from) + strlen(to) + 1;
		char *out = malloc(n);
		snprintf(out, n, "%.*s%s%s", (int)(at - zh), zh, to, at + strlen(from));
		return out;
	}
	fail_msg("no unit %s", eid);
	return NULL;
}

static void dump(const px_diags *d)
{
	px_buf b = PX_BUF_INIT;
	px_diags_format_text(d, &b);
	if (b.size)
		print_message("%s", b.ptr);
	px_buf_dispose(&b);
}

/* Exactly one finding, with this rule, eId and category `term`. */
static const px_diag *only(const px_diags *d, const char *rule, const char *eid)
{
	if (px_diags_count(d) != 1)
		dump(d);
	assert_int_equal(px_diags_count(d), 1);
	const px_diag *x = px_diags_get(d, 0);
	assert_string_equal(x->rule, rule);
	assert_string_equal(x->category, "term");
	assert_string_equal(x->eid, eid);
	return x;
}

struct fixture {
	px_termbase *tb;
	struct pairs p;
};

static int setup(void **state)
{
	struct fixture *s = calloc(1, sizeof *s);
	if (!s || px_termbase_new(&s->tb) < 0)
		return -1;
	load_pairs(&s->p);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *s = *state;
	px_termbase_free(s->tb);
	free(s->p.bytes);
	free(s);
	return 0;
}

#define STATE struct fixture *s = *state

/* ---- the built-in termbase ------------------------------------------- */

static void builtin_termbase_loads(void **state)
{
	STATE;
	/* data/termbase.tbx has 64 concepts, all with both languages */
	assert_int_equal(px_termbase_count(s->tb), 64);
	px_termbase_free(NULL);
}

static void programme_is_clean(void **state)
{
	STATE;
	px_diags *d = check_all(s->tb, &s->p, NULL, NULL, NULL);
	dump(d);
	assert_int_equal(px_diags_count(d), 0);
	px_diags_free(d);
}

static void shipped_xml_pair_is_clean(void **state)
{
	STATE;
	px_doc *ru = NULL, *zh = NULL;
	if (px_doc_load_file(&ru, src_path("examples/programme.ru.xml")) < 0 ||
		px_doc_load_file(&zh, src_path("examples/programme.zh.xml")) < 0) {
		px_doc_free(ru);
		skip();
	}
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	size_t checked = 0;
	for (px_unit *u = px_doc_first_unit(ru); u; u = px_unit_next(u)) {
		if (strcmp(px_unit_kind(u), "p") != 0)
			continue;
		px_unit *z = px_doc_find(zh, px_unit_eid(u));
		assert_non_null(z);
		px_buf a = PX_BUF_INIT, b = PX_BUF_INIT;
		assert_px_ok(px_unit_text(u, &a));
		assert_px_ok(px_unit_text(z, &b));
		px_term_unit t = { px_unit_eid(u), a.ptr, { px_doc_name(ru), px_unit_line(u), 0, NULL }, b.ptr,
			{ px_doc_name(zh), px_unit_line(z), 0, NULL }, 0 };
		int rc = px_termbase_check_unit(s->tb, &t, d);
		assert_true(rc == 0 || rc == PX_EINVALID);
		px_buf_dispose(&a);
		px_buf_dispose(&b);
		checked++;
	}
	dump(d);
	assert_int_equal(px_diags_count(d), 0);
	assert_true(checked > 40);
	px_diags_free(d);
	px_doc_free(ru);
	px_doc_free(zh);
}

/* ---- one injected defect each ----------------------------------------- */

/* Check the Programme with the first `from` of the Chinese text of `eid`
 * replaced by `to`: exactly one finding, with `rule`, category term and that
 * eId. Returns the findings (px_diags_free()); *x is the finding. */
static px_diags *inject(const struct fixture *s, const char *eid, const char *from, const char *to,
	const char *rule, const px_diag **x)
{
	char *zh = edit(&s->p, eid, from, to);
	px_diags *d = check_all(s->tb, &s->p, eid, NULL, zh);
	*x = only(d, rule, eid);
	/* located at the Chinese unit, the Russian unit as counterpart */
	assert_string_equal((*x)->loc.file, "programme.zh.xml");
	assert_string_equal((*x)->other.file, "programme.ru.xml");
	assert_true((*x)->loc.line > 0);
	assert_string_equal((*x)->loc.text, zh);
	free(zh);
	return d;
}

static void cis_where_sco_stands(void **state)
{
	STATE;
	const px_diag *x;
	px_diags *d = inject(s, "sec_I__p_1", "上合组织", "独联体", "PX081", &x);
	assert_int_equal(x->severity, PX_SEV_ERROR);
	assert_non_null(strstr(x->message, "'独联体' (СНГ)"));
	assert_non_null(strstr(x->message, "'ШОС'"));
	assert_non_null(strstr(x->message, "'上合组织' or '上海合作组织'"));
	px_diags_free(d);
}

static void machine_learning_for_ai(void **state)
{
	STATE;
	const px_diag *x;
	px_diags *d = inject(s, "sec_II__list_1__item_3__p_1", "人工智能", "机器学习", "PX080", &x);
	/* no evidence of a wrong rendering (机器学习 is no listed wrong term): info */
	assert_int_equal(x->severity, PX_SEV_INFO);
	/* the term as found, the term of the termbase, the equivalent */
	assert_non_null(strstr(x->message, "'искусственного интеллекта' (искусственный интеллект)"));
	assert_non_null(strstr(x->message, "expected '人工智能'"));
	px_diags_free(d);
}

static void ai_missing(void **state)
{
	STATE;
	const px_diag *x;
	/* item 11 names 人工智能 once */
	px_diags_free(inject(s, "sec_II__list_1__item_11__p_1", "人工智能领域", "领域", "PX080", &x));
}

static void deprecated_equivalent(void **state)
{
	STATE;
	const px_diag *x;
	px_diags *d = inject(s, "sec_III__p_1", "各方", "双方", "PX081", &x);
	assert_non_null(strstr(x->message, "'双方' of 'Стороны' is said of 2 parties; this instrument has 8: use '各方'"));
	px_diags_free(d);
	/* 双方 is right in an instrument of two parties, and not known wrong
	 * when the number of parties is not known */
	for (int parties = 0; parties <= 2; parties += 2) {
		char *zh = edit(&s->p, "sec_III__p_1", "各方", "双方");
		for (size_t i = 0; i < s->p.n; i++)
			if (strcmp(s->p.v[i].eid, "sec_III__p_1") == 0) {
				px_term_unit u = unit_of(&s->p.v[i], NULL, zh);
				u.parties = parties;
				assert_px_ok(px_diags_new(&d));
				assert_int_equal(px_termbase_check_unit(s->tb, &u, d), 0);
				px_diags_free(d);
			}
		free(zh);
	}
	px_diags_free(inject(s, "sec_II__list_1__item_8__p_1", "数据", "资料", "PX081", &x));
	/* the deprecated term of a concept inside the Russian term */
	d = inject(s, "sec_VI__p_5", "上合组织秘书处", "上合组织书记处", "PX081", &x);
	assert_non_null(strstr(x->message, "deprecated equivalent '书记处' in 'Секретариате ШОС' (Секретариат ШОС)"));
	px_diags_free(d);
}

static void chinese_term_without_russian(void **state)
{
	STATE;
	const px_diag *x;
	px_diags *d = inject(s, "sec_III__list_1__item_1__p_1", "保护", "在人工智能领域保护", "PX082", &x);
	assert_int_equal(x->severity, PX_SEV_INFO);
	assert_non_null(strstr(x->message, "'人工智能' (искусственный интеллект)"));
	px_diags_free(d);
}

/* ---- legitimate variation: no finding ---------------------------------- */

static void controls_are_clean(void **state)
{
	STATE;
	struct {
		const char *eid, *from, *to;
	} zh_edits[] = {
		/* the full name of the SCO where the short one stands, and back */
		{ "sec_I__p_1", "上合组织", "上海合作组织" },
		{ "preamble__recs_1__rec_1__p_1", "上海合作组织宪章", "上合组织宪章" },
		/* admitted equivalents */
		{ "sec_VI__p_3", "相互协商", "相互磋商" },
		{ "sec_IV__p_1", "联合项目", "合作项目" },
		/* half-width brackets: NFKC makes them the termbase's full-width ones */
		{ "preamble__recs_1__rec_2__p_1", "政府首脑（总理）理事会", "政府首脑(总理)理事会" },
	};
	for (size_t i = 0; i < sizeof zh_edits / sizeof zh_edits[0]; i++) {
		char *zh = edit(&s->p, zh_edits[i].eid, zh_edits[i].from, zh_edits[i].to);
		px_diags *d = check_all(s->tb, &s->p, zh_edits[i].eid, NULL, zh);
		if (px_diags_count(d))
			print_message("control %zu (%s)\n", i, zh_edits[i].to);
		dump(d);
		assert_int_equal(px_diags_count(d), 0);
		px_diags_free(d);
		free(zh);
	}
	/* Russian word forms and capitals, against a fixed Chinese text */
	struct {
		const char *ru, *zh;
	} pairs[] = {
		{ "ИСКУССТВЕННЫЙ ИНТЕЛЛЕКТ", "人工智能" },
		{ "об искусственном интеллекте", "关于人工智能" },
		{ "государствами-членами ШОС", "上合组织成员国" },
		{ "уполномоченных органов", "主管部门" },
		{ "уполномоченные органы", "主管部门" },
		{ "партнёрства государственно-частного типа и государственно-частного партнёрства", "公私合作伙伴关系" },
		/* not the Parties: lower case «стороны» is not the term «Стороны» */
		{ "с другой стороны", "另一方面" },
		/* «программных решений» is not «программа» */
		{ "разработка программных решений", "开发解决方案" },
		/* the longer term decides: акселерационная программа → 加速器项目 */
		{ "акселерационные программы", "加速器项目" },
		/* one equivalent suffices for several occurrences */
		{ "Стороны и Стороны", "各方" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_term_unit u = { "x", pairs[i].ru, { "r", 1, 1, NULL }, pairs[i].zh, { "z", 1, 1, NULL }, 0 };
		assert_int_equal(px_termbase_check_unit(s->tb, &u, d), 0);
		px_diags_free(d);
	}
	/* and the same forms do find a missing equivalent */
	for (size_t i = 0; i < 5; i++) {
		px_diags *d = NULL;
		assert_px_ok(px_diags_new(&d));
		px_term_unit u = { "x", pairs[i].ru, { "r", 1, 1, NULL }, "无", { "z", 1, 1, NULL }, 0 };
		assert_int_equal(px_termbase_check_unit(s->tb, &u, d), PX_EINVALID);
		assert_true(px_diags_count(d) >= 1);
		assert_string_equal(px_diags_get(d, 0)->rule, "PX080");
		px_diags_free(d);
	}
}

/* ---- user TBX ----------------------------------------------------------- */

static const char user_tbx[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ru\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
	"<tbxHeader><fileDesc><sourceDesc><p>user</p></sourceDesc></fileDesc></tbxHeader>\n"
	"<text><body>\n"
	"<conceptEntry id=\"machine-learning\">\n"
	" <descrip type=\"subjectField\">information technology</descrip>\n"
	" <langSec xml:lang=\"ru-RU\"><termSec><term>машинное обучение</term></termSec></langSec>\n"
	" <langSec xml:lang=\"zh-CN\">\n"
	"  <termSec><term>机器学习</term>"
	"<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec>\n"
	"  <termSec><term>机械学习</term>"
	"<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></termSec>\n"
	" </langSec>\n"
	" <langSec xml:lang=\"en\"><termSec><term>machine learning</term></termSec></langSec>\n"
	"</conceptEntry>\n"
	"<conceptEntry id=\"parties\">\n"
	" <langSec xml:lang=\"ru\"><termSec><term>Стороны</term></termSec></langSec>\n"
	" <langSec xml:lang=\"zh\"><termSec><term>各方</term></termSec><termSec><term>双方</term></termSec></langSec>\n"
	"</conceptEntry>\n"
	"</body></text></tbx>\n";

/* Check one unit pair of an instrument of eight parties. */
static int check_one(const px_termbase *tb, const char *ru, const char *zh, const char **rule)
{
	px_diags *d = NULL;
	assert_px_ok(px_diags_new(&d));
	px_term_unit u = { "sec_I__p_1", ru, { "r", 1, 1, NULL }, zh, { "z", 1, 1, NULL }, 8 };
	int rc = px_termbase_check_unit(tb, &u, d);
	assert_true(rc == 0 || rc == PX_EINVALID);
	static char r[8];
	r[0] = '\0';
	if (px_diags_count(d))
		snprintf(r, sizeof r, "%s", px_diags_get(d, 0)->rule);
	*rule = r;
	int n = (int)px_diags_count(d);
	px_diags_free(d);
	return n;
}

static void user_tbx_adds_concepts(void **state)
{
	STATE;
	(void)s;
	px_termbase *tb = NULL;
	assert_px_ok(px_termbase_new(&tb));
	const char *rule;
	/* not in the built-in termbase */
	assert_int_equal(check_one(tb, "методы машинного обучения", "深度学习方法", &rule), 0);
	assert_int_equal(check_one(tb, "Стороны договорились", "双方商定", &rule), 1);
	assert_string_equal(rule, "PX081");
	char *path = write_temp(".tbx", user_tbx, sizeof user_tbx - 1);
	assert_px_ok(px_termbase_add_file(tb, path));
	assert_int_equal(px_termbase_count(tb), 65);
	assert_int_equal(check_one(tb, "методы машинного обучения", "深度学习方法", &rule), 1);
	assert_string_equal(rule, "PX080");
	assert_int_equal(check_one(tb, "методы машинного обучения", "机械学习方法", &rule), 1);
	assert_string_equal(rule, "PX081");
	assert_int_equal(check_one(tb, "методы машинного обучения", "机器学习方法", &rule), 0);
	/* the user's concept "parties" replaces the built-in one: 双方 is admitted now */
	assert_int_equal(check_one(tb, "Стороны договорились", "双方商定", &rule), 0);
	px_termbase_free(tb);
	/* only the user's file */
	assert_px_ok(px_termbase_new_empty(&tb));
	assert_int_equal(px_termbase_count(tb), 0);
	assert_int_equal(check_one(tb, "искусственный интеллект", "机器", &rule), 0);
	assert_px_ok(px_termbase_add_memory(tb, user_tbx, sizeof user_tbx - 1, NULL));
	assert_int_equal(px_termbase_count(tb), 2);
	px_termbase_free(tb);
	remove(path);
	free(path);
}

static void tbx_v2_is_read(void **state)
{
	(void)state;
	static const char martif[] =
		"<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n"
		"<termEntry id=\"c1\"><langSet xml:lang=\"ru\"><tig><term>Хартия</term></tig></langSet>"
		"<langSet xml:lang=\"zh\"><tig><term>宪章</term>"
		"<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></tig>"
		"<tig><term>章程</term><termNote type=\"administrativeStatus\">supersededTerm-admn-sts</termNote></tig>"
		"</langSet></termEntry>\n</body></text></martif>\n";
	px_termbase *tb = NULL;
	assert_px_ok(px_termbase_new_empty(&tb));
	assert_px_ok(px_termbase_add_memory(tb, martif, sizeof martif - 1, "v2.tbx"));
	assert_int_equal(px_termbase_count(tb), 1);
	const char *rule;
	assert_int_equal(check_one(tb, "Хартии ШОС", "上合组织章程", &rule), 1);
	assert_string_equal(rule, "PX081");
	assert_int_equal(check_one(tb, "Хартии ШОС", "上合组织宪章", &rule), 0);
	px_termbase_free(tb);
}

static void bad_tbx_is_a_clean_error(void **state)
{
	(void)state;
	px_termbase *tb = NULL;
	assert_px_ok(px_termbase_new(&tb));
	size_t before = px_termbase_count(tb);
	/* not well-formed: the error names the file and the line */
	static const char broken[] = "<?xml version=\"1.0\"?>\n<tbx>\n<text><body>\n<conceptEntry id=\"a\">\n"
		"</body></text></tbx>\n";
	char *path = write_temp(".tbx", broken, sizeof broken - 1);
	assert_int_equal(px_termbase_add_file(tb, path), PX_EINPUT);
	const px_error *e = px_error_last();
	assert_int_equal(e->code, PX_EINPUT);
	assert_non_null(e->file);
	assert_string_equal(e->file, path);
	assert_true(e->line >= 4);
	remove(path);
	free(path);
	/* well-formed, but not TBX */
	static const char html[] = "<html><body/></html>";
	assert_int_equal(px_termbase_add_memory(tb, html, sizeof html - 1, "page.html"), PX_EINPUT);
	assert_string_equal(px_error_last()->file, "page.html");
	assert_non_null(strstr(px_error_last()->message, "not a TBX file"));
	/* a DTD is refused as for every XML input */
	static const char dtd[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x \"y\">]>\n<tbx/>\n";
	assert_int_equal(px_termbase_add_memory(tb, dtd, sizeof dtd - 1, "dtd.tbx"), PX_EINPUT);
	/* an empty term */
	static const char empty[] = "<tbx><text><body><conceptEntry id=\"e\"><langSec xml:lang=\"zh\">"
		"<termSec><term> </term></termSec></langSec></conceptEntry></body></text></tbx>";
	assert_int_equal(px_termbase_add_memory(tb, empty, sizeof empty - 1, "empty.tbx"), PX_EINPUT);
	assert_string_equal(px_error_last()->file, "empty.tbx");
	/* a missing file */
	assert_int_equal(px_termbase_add_file(tb, "/nonexistent/user.tbx"), PX_EIO);
	/* nothing of the failed files was added */
	assert_int_equal(px_termbase_count(tb), before);
	px_termbase_free(tb);
}

/* ---- threads ------------------------------------------------------------ */

struct job {
	const px_termbase *tb;
	const struct pairs *p;
	char *zh;
	size_t n;
	char rule[8];
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	for (int rep = 0; rep < 20; rep++) {
		px_diags *d = NULL;
		if (px_diags_new(&d) < 0)
			return NULL;
		for (size_t i = 0; i < j->p->n; i++) {
			bool mine = strcmp(j->p->v[i].eid, "sec_I__p_1") == 0;
			px_term_unit u = unit_of(&j->p->v[i], NULL, mine ? j->zh : NULL);
			px_termbase_check_unit(j->tb, &u, d);
		}
		j->n = px_diags_count(d);
		if (j->n)
			snprintf(j->rule, sizeof j->rule, "%s", px_diags_get(d, 0)->rule);
		px_diags_free(d);
	}
	return NULL;
}

static void concurrent_checks_agree(void **state)
{
	STATE;
	struct job jobs[4];
	pthread_t th[4];
	char *bad = edit(&s->p, "sec_I__p_1", "上合组织", "独联体");
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ s->tb, &s->p, i % 2 ? bad : NULL, 99, "" };
		assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].n, i % 2 ? 1 : 0);
		if (i % 2)
			assert_string_equal(jobs[i].rule, "PX081");
	}
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_termbase_loads),
		cmocka_unit_test(programme_is_clean),
		cmocka_unit_test(shipped_xml_pair_is_clean),
		cmocka_unit_test(cis_where_sco_stands),
		cmocka_unit_test(machine_learning_for_ai),
		cmocka_unit_test(ai_missing),
		cmocka_unit_test(deprecated_equivalent),
		cmocka_unit_test(chinese_term_without_russian),
		cmocka_unit_test(controls_are_clean),
		cmocka_unit_test(user_tbx_adds_concepts),
		cmocka_unit_test(tbx_v2_is_read),
		cmocka_unit_test(bad_tbx_is_a_clean_error),
		cmocka_unit_test(concurrent_checks_agree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
