/*
 * Consolidation cost: a generated document pair of about 10 MB (Russian and
 * Chinese, thousands of sections with lists) and a protocol pair of 1,000
 * operations (words replaced, items inserted, items repealed, paragraphs
 * restated, one each in a quarter of the sections). Prints the time of
 * load+save of the pair and of load+consolidate+save, without and with the
 * report, and their ratios: medians of several rounds on the same inputs.
 * Every measurement runs in a process of its own (forked after the inputs
 * are generated), once cold and then once warm: the state the allocator is
 * left in by one kind of work does not slow down or speed up another, and
 * the warm figure is that of the work itself rather than of the first touch
 * of fresh memory (whose cost depends on the machine: on some virtual
 * machines a page fault costs over 10 microseconds). The three kinds take
 * turns, ROUNDS times, so that a busy spell of the machine falls on all of
 * them alike; the figures are the medians. On Linux the processes stay on
 * the CPU the benchmark started on.
 *
 * It also measures reading the protocol pair before it is applied, as XML
 * (load, px_instrument_new()) and as the same protocol in prose
 * (px_protocol_import() against the base, px_instrument_new()), both with
 * the base pair loaded.
 *
 *   bench-amend [MB] [OPS]        default: 10 1000
 */
#include "bench_common.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paralex/paralex.h"
#include "core/core.h"

#define WORK "/akn/sco/doc/programme/2022-09-16/bench"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rounds of measurement; an odd number, for the median. */
#define ROUNDS 7

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median of ROUNDS times (sorts them). */
static double median(double *t)
{
	qsort(t, ROUNDS, sizeof *t, cmp_double);
	return t[ROUNDS / 2];
}

static void meta(px_buf *b, const char *name, const char *lang, const char *work, const char *date)
{
	px_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n"
		"<doc name=\"%s\" contains=\"originalVersion\"><meta><identification source=\"#paralex\"><FRBRWork>"
		"<FRBRthis value=\"%s/!main\"/><FRBRuri value=\"%s\"/><FRBRdate date=\"%s\" name=\"signature\"/>"
		"<FRBRauthor href=\"#paralex\"/><FRBRcountry value=\"sco\"/><FRBRsubtype value=\"%s\"/>"
		"<FRBRnumber value=\"bench\"/></FRBRWork><FRBRExpression><FRBRthis value=\"%s/%s@%s/!main\"/>"
		"<FRBRuri value=\"%s/%s@%s\"/><FRBRdate date=\"%s\" name=\"signature\"/><FRBRauthor href=\"#paralex\"/>"
		"<FRBRauthoritative value=\"true\"/><FRBRlanguage language=\"%s\"/></FRBRExpression><FRBRManifestation>"
		"<FRBRthis value=\"%s/%s@%s/!main.xml\"/><FRBRuri value=\"%s/%s@%s.akn\"/><FRBRdate date=\"%s\" "
		"name=\"markup\"/><FRBRauthor href=\"#paralex\"/><FRBRformat value=\"application/akn+xml\"/>"
		"</FRBRManifestation></identification>",
		name, work, work, date, name, work, lang, date, work, lang, date, date, lang, work, lang, date, work, lang,
		date, date);
}

static const char *const refs =
	"<references source=\"#paralex\"><TLCOrganization eId=\"paralex\" href=\"/akn/ontology/organization/paralex\" "
	"showAs=\"paralex\"/></references></meta>";

/* The programme: `nsec` sections of `nitems` list items each. */
static void programme(px_buf *b, bool zh, int nsec, int nitems)
{
	meta(b, "programme", zh ? "zho" : "rus", WORK, "2022-09-16");
	px_buf_puts(b, refs);
	px_buf_printf(b, "<preface><p eId=\"preface__p_1\"><docTitle>%s</docTitle></p></preface><mainBody>",
		zh ? "合作纲要" : "ПРОГРАММА сотрудничества");
	for (int s = 1; s <= nsec; s++) {
		/* sections numbered "1.", "2." … in both languages (the profile allows it) */
		char r[32];
		snprintf(r, sizeof r, "%d", s);
		px_buf_printf(b, "<section eId=\"sec_%s\"><num>%d.", r, s);
		px_buf_printf(b, "</num><heading>%s %d</heading><content><p eId=\"sec_%s__p_1\">%s</p>"
			"<blockList eId=\"sec_%s__list_1\">", zh ? "部分" : "Раздел", s, r,
			zh ? "各方在以下方向开展人工智能领域的合作：" : "Стороны сотрудничают в области искусственного интеллекта по следующим направлениям:", r);
		for (int i = 1; i <= nitems; i++)
			px_buf_printf(b, "<item eId=\"sec_%s__list_1__item_%d\"><num>%s</num><p eId=\"sec_%s__list_1__item_%d__p_1\">"
				"%s %d %s</p></item>", r, i, zh ? "——" : "—", r, i,
				zh ? "第" : "положение", i,
				zh ? "项关于人工智能领域联合研究、人才培养和经验交流的规定，并由各方主管部门共同实施；"
				   : "о совместных исследованиях, подготовке кадров и обмене опытом в области искусственного "
				     "интеллекта, осуществляемых уполномоченными органами Сторон;");
		px_buf_puts(b, "</blockList></content></section>");
	}
	px_buf_puts(b, "</mainBody></doc></akomaNtoso>\n");
}

/* The protocol: operation k acts on section 4k/…; four kinds in turn. */
static void protocol(px_buf *b, bool zh, int nops, int nsec)
{
	const char *lang = zh ? "zho" : "rus";
	meta(b, "protocol", lang, "/akn/sco/doc/protocol/2025-09-01/bench", "2025-09-01");
	px_buf_puts(b, "<analysis source=\"#paralex\"><activeModifications>");
	int step = nsec / nops > 0 ? nsec / nops : 1;
	for (int k = 0; k < nops; k++) {
		char r[32];
		snprintf(r, sizeof r, "%d", 1 + (k * step) % nsec);
		px_buf_printf(b, "<textualMod eId=\"amod_%d\" type=\"%s\"><source href=\"#mod_%d\"/>"
			"<destination href=\"" WORK "/%s@2022-09-16/!main~sec_%s__%s\"%s/>", k + 1,
			k % 4 == 0 ? "substitution" : k % 4 == 1 ? "insertion" : k % 4 == 2 ? "repeal" : "substitution", k + 1, lang,
			r, k % 4 == 0 ? "list_1__item_3" : k % 4 == 1 ? "list_1__item_2" : k % 4 == 2 ? "list_1__item_5" : "p_1",
			k % 4 == 1 ? " pos=\"after\"" : "");
		if (k % 4 == 0)
			px_buf_printf(b, "<old href=\"#mod_%d__old\"/>", k + 1);
		if (k % 4 != 2)
			px_buf_printf(b, "<new href=\"#mod_%d__new\"/>", k + 1);
		px_buf_puts(b, "</textualMod>");
	}
	px_buf_puts(b, "</activeModifications></analysis>");
	px_buf_puts(b, refs);
	px_buf_printf(b, "<preface><p eId=\"preface__p_1\"><docTitle>%s</docTitle></p></preface><mainBody>"
		"<section eId=\"sec_1\"><num>1.</num><heading>%s</heading><content>", zh ? "议定书" : "Протокол",
		zh ? "修改" : "Изменения");
	for (int k = 0; k < nops; k++) {
		px_buf_printf(b, "<p eId=\"sec_1__p_%d\"><mod eId=\"mod_%d\">%d) ", k + 1, k + 1, k + 1);
		if (k % 4 == 0)
			px_buf_printf(b, "<quotedText eId=\"mod_%d__old\">%s</quotedText> <quotedText eId=\"mod_%d__new\">%s"
				"</quotedText>", k + 1, zh ? "人才培养" : "подготовке кадров", k + 1,
				zh ? "人才培养和进修" : "подготовке и повышении квалификации кадров");
		else if (k % 4 == 1)
			px_buf_printf(b, "<quotedStructure eId=\"mod_%d__new\"><blockList eId=\"mod_%d__l\"><item eId=\"mod_%d__i\">"
				"<num>%s</num><p>%s</p></item></blockList></quotedStructure>", k + 1, k + 1, k + 1, zh ? "——" : "—",
				zh ? "新增的合作方向；" : "новое направление сотрудничества;");
		else if (k % 4 == 3)
			px_buf_printf(b, "<quotedStructure eId=\"mod_%d__new\"><p>%s</p></quotedStructure>", k + 1,
				zh ? "各方在以下方向开展合作：" : "Стороны сотрудничают по следующим направлениям:");
		px_buf_puts(b, "</mod></p>");
	}
	px_buf_puts(b, "</content></section></mainBody></doc></akomaNtoso>\n");
}

/* The same protocol in prose: the formulas of amending practice for the
 * operations of protocol(), section by section. */
static void prose(px_buf *b, bool zh, int nops, int nsec)
{
	int step = nsec / nops > 0 ? nsec / nops : 1;
	if (zh) {
		px_buf_puts(b, "关于修改合作纲要的议定书\n\n各方议定如下：\n\n第一条\n\n对纲要作如下修改：\n");
	} else {
		px_buf_puts(b, "ПРОТОКОЛ\nо внесении изменений в Программу сотрудничества\n\nСтороны согласились о "
			"нижеследующем:\n\nСтатья 1\n\nВнести в Программу следующие изменения:\n");
	}
	for (int k = 0; k < nops; k++) {
		int r = 1 + (k * step) % nsec;
		char n[64];
		if (zh && px_hanzi_format(r, n, sizeof n) < 0)
			snprintf(n, sizeof n, "%d", r);
		if (zh) {
			if (k % 4 == 0)
				px_buf_printf(b, "%d. 将第%s部分第四段中的“人才培养”修改为“人才培养和进修”；\n", k + 1, n);
			else if (k % 4 == 1)
				px_buf_printf(b, "%d. 在第%s部分第三段之后增加一段，内容如下：“——新增的合作方向；”；\n", k + 1, n);
			else if (k % 4 == 2)
				px_buf_printf(b, "%d. 删去第%s部分第六段；\n", k + 1, n);
			else
				px_buf_printf(b, "%d. 将第%s部分第一段修改为：“各方在以下方向开展合作：”；\n", k + 1, n);
		} else {
			if (k % 4 == 0)
				px_buf_printf(b, "%d) в абзаце четвертом раздела %d слова «подготовке кадров» заменить словами "
					"«подготовке и повышении квалификации кадров»;\n", k + 1, r);
			else if (k % 4 == 1)
				px_buf_printf(b, "%d) раздел %d после абзаца третьего дополнить абзацем следующего содержания: "
					"«— новое направление сотрудничества;»;\n", k + 1, r);
			else if (k % 4 == 2)
				px_buf_printf(b, "%d) абзац шестой раздела %d признать утратившим силу;\n", k + 1, r);
			else
				px_buf_printf(b, "%d) абзац первый раздела %d изложить в следующей редакции: "
					"«Стороны сотрудничают по следующим направлениям:»;\n", k + 1, r);
		}
	}
	if (zh)
		px_buf_puts(b, "\n第二条\n\n本议定书自签署之日起生效。\n\n本议定书于2025年9月1日在天津签署，正本一份，用中文和俄文写成，"
			"两种文本同等作准。\n\n印度共和国科学技术部代表\n");
	else
		px_buf_puts(b, "\nСтатья 2\n\nНастоящий Протокол вступает в силу с даты его подписания.\n\nСовершено в городе "
			"Тяньцзине 1 сентября 2025 года в одном подлинном экземпляре на русском и китайском языках, причем оба "
			"текста имеют одинаковую силу.\n\nЗа Министерство науки и технологий Республики Индии\n");
}

static int load(px_doc **d, const px_buf *b, const char *name)
{
	if (px_doc_load_memory(d, b->ptr, b->size, name) < 0) {
		fprintf(stderr, "bench-amend: %s: %s\n", name, px_error_last()->message);
		return -1;
	}
	return 0;
}

/* Load the pair and the protocol, consolidate, save both results. */
static int amend_round(const px_buf *src, const px_buf *prot, bool with_report)
{
	px_doc *d[2] = { NULL, NULL }, *p[2] = { NULL, NULL }, *o[2] = { NULL, NULL };
	px_instrument *ins = NULL;
	px_diags *diags = NULL;
	px_consolidation_report *rep = NULL;
	int rc = 0;
	for (int l = 0; l < 2 && rc == 0; l++) {
		rc = load(&d[l], &src[l], l ? "bench.zh.xml" : "bench.ru.xml");
		if (rc == 0)
			rc = load(&p[l], &prot[l], l ? "protocol.zh.xml" : "protocol.ru.xml");
	}
	if (rc == 0)
		rc = px_diags_new(&diags);
	if (rc == 0)
		rc = px_instrument_new(&ins, p[0], p[1], diags);
	px_consolidate_options co = PX_CONSOLIDATE_OPTIONS_INIT;
	co.report = with_report ? &rep : NULL;
	if (rc == 0)
		rc = px_consolidate(&o[0], &o[1], d[0], d[1], &ins, 1, &co, diags);
	for (int l = 0; l < 2 && rc == 0; l++) {
		px_buf out = PX_BUF_INIT;
		rc = px_doc_save_buf(o[l], &out);
		px_buf_dispose(&out);
	}
	if (rc < 0) {
		px_buf msg = PX_BUF_INIT;
		if (diags)
			px_diags_format_text(diags, &msg);
		fprintf(stderr, "bench-amend: consolidation failed: %s\n%s", px_error_last()->message, msg.ptr ? msg.ptr : "");
		px_buf_dispose(&msg);
	}
	px_consolidation_report_free(rep);
	px_instrument_free(ins);
	px_diags_free(diags);
	for (int l = 0; l < 2; l++) {
		px_doc_free(d[l]);
		px_doc_free(p[l]);
		px_doc_free(o[l]);
	}
	return rc;
}

/* Load the pair and read the protocol pair: as XML, or in prose. */
static int read_round(const px_buf *src, const px_buf *prot, const px_buf *text, bool in_prose)
{
	px_doc *d[2] = { NULL, NULL }, *p[2] = { NULL, NULL };
	px_instrument *ins = NULL;
	px_diags *diags = NULL;
	int rc = px_diags_new(&diags);
	for (int l = 0; l < 2 && rc == 0; l++) {
		rc = load(&d[l], &src[l], l ? "bench.zh.xml" : "bench.ru.xml");
		if (rc == 0 && in_prose)
			rc = px_protocol_import(&p[l], text[l].ptr, text[l].size, l ? "protocol.zh.txt" : "protocol.ru.txt", d[l],
				NULL, diags);
		else if (rc == 0)
			rc = load(&p[l], &prot[l], l ? "protocol.zh.xml" : "protocol.ru.xml");
	}
	if (rc == 0)
		rc = px_instrument_new(&ins, p[0], p[1], diags);
	if (rc < 0) {
		px_buf msg = PX_BUF_INIT;
		px_diags_format_text(diags, &msg);
		fprintf(stderr, "bench-amend: reading the protocol failed: %s\n%.2000s", px_error_last()->message,
			msg.ptr ? msg.ptr : "");
		px_buf_dispose(&msg);
	}
	px_instrument_free(ins);
	px_diags_free(diags);
	for (int l = 0; l < 2; l++) {
		px_doc_free(d[l]);
		px_doc_free(p[l]);
	}
	return rc < 0 ? -1 : 0;
}

static const px_buf *prose_text; /* the protocol in prose, both languages */

/* Load and save the pair (kind 0), or consolidate without (1) or with (2)
 * the report, or read the protocol as XML (3) or in prose (4); @return 0
 * or -1. */
static int run(const px_buf *src, const px_buf *prot, int kind)
{
	if (kind == 3 || kind == 4)
		return read_round(src, prot, prose_text, kind == 4);
	if (kind > 0)
		return amend_round(src, prot, kind == 2);
	int rc = 0;
	for (int l = 0; l < 2 && rc == 0; l++) {
		px_doc *d = NULL;
		px_buf out = PX_BUF_INIT;
		rc = load(&d, &src[l], l ? "bench.zh.xml" : "bench.ru.xml");
		if (rc == 0)
			rc = px_doc_save_buf(d, &out);
		px_buf_dispose(&out);
		px_doc_free(d);
	}
	return rc;
}

/* Run `kind` in a child process twice: cold (`*cold`), then warm (`*warm`).
 * @return 0 or -1. */
static int measure(const px_buf *src, const px_buf *prot, int kind, double *cold, double *warm)
{
	int fd[2];
	if (pipe(fd) < 0) {
		perror("bench-amend: pipe");
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench-amend: fork");
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		bench_keep_freed_memory(); /* for the warm run */
		double times[2];
		int rc = 0;
		for (int r = 0; r < 2 && rc == 0; r++) {
			double t0 = now();
			rc = run(src, prot, kind);
			times[r] = now() - t0;
		}
		if (rc == 0 && write(fd[1], times, sizeof times) != (ssize_t)sizeof times)
			rc = -1;
		_exit(rc == 0 ? 0 : 1);
	}
	close(fd[1]);
	double times[2];
	size_t got = 0;
	while (got < sizeof times) {
		ssize_t k = read(fd[0], (char *)times + got, sizeof times - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (got != sizeof times || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	*cold = times[0];
	*warm = times[1];
	return 0;
}

int main(int argc, char **argv)
{
	double mb = argc > 1 ? atof(argv[1]) : 10;
	int nops = argc > 2 ? atoi(argv[2]) : 1000;
	if (mb <= 0 || nops <= 0) {
		fprintf(stderr, "usage: bench-amend [MB] [OPS]\n");
		return 2;
	}
	int nitems = 12;
	/* one section of 12 items is about 5 kB in Russian and 3 kB in Chinese */
	int nsec = (int)(mb * 1e6 / (nitems * 670.0)) + 1;
	if (nsec > 3999)
		nsec = 3999;
	if (nsec < nops)
		nops = nsec;
	px_buf src[2] = { PX_BUF_INIT, PX_BUF_INIT }, prot[2] = { PX_BUF_INIT, PX_BUF_INIT };
	px_buf text[2] = { PX_BUF_INIT, PX_BUF_INIT };
	for (int l = 0; l < 2; l++) {
		programme(&src[l], l == 1, nsec, nitems);
		protocol(&prot[l], l == 1, nops, nsec);
		prose(&text[l], l == 1, nops, nsec);
	}
	prose_text = text;
	bench_pin_cpu();
	printf("pair: %.1f MB (%d sections), protocol: %d operations\n", (double)(src[0].size + src[1].size) / 1e6, nsec,
		nops);
	/* every round measures the three on the same inputs, one after the
	 * other; the figures are the medians over the rounds */
	double warm[5][ROUNDS], cold[5][ROUNDS];
	int rc = 0;
	for (int round = 0; round < ROUNDS && rc == 0; round++)
		for (int kind = 0; kind < 5 && rc == 0; kind++)
			rc = measure(src, prot, kind, &cold[kind][round], &warm[kind][round]);
	for (int l = 0; l < 2; l++) {
		px_buf_dispose(&src[l]);
		px_buf_dispose(&prot[l]);
		px_buf_dispose(&text[l]);
	}
	if (rc < 0)
		return 1;
	double w[5], c[5];
	for (int kind = 0; kind < 5; kind++) {
		w[kind] = median(warm[kind]);
		c[kind] = median(cold[kind]);
	}
	printf("medians of %d rounds, warm (cold in brackets):\n", ROUNDS);
	printf("load+save:                          %.3f s               (%.3f s)\n", w[0], c[0]);
	printf("load+consolidate+save:              %.3f s  %5.2f x  (%.3f s  %5.2f x)  target: at most 3 x\n", w[1],
		w[1] / w[0], c[1], c[1] / c[0]);
	printf("the same, with the report (redline,\n"
	       "  comparison tables, eId map data):   %.3f s  %5.2f x  (%.3f s  %5.2f x)\n", w[2], w[2] / w[0], c[2],
		c[2] / c[0]);
	printf("load the pair, read the protocol:\n");
	printf("  as XML:                           %.3f s               (%.3f s)\n", w[3], c[3]);
	printf("  in prose:                         %.3f s  %5.2f x  (%.3f s  %5.2f x)  target: at most 1.5 x\n", w[4],
		w[4] / w[3], c[4], c[4] / c[3]);
	return 0;
}
