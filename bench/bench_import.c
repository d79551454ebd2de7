/*
 * Import throughput: a generated Russian text in the PDF layout, imported
 * into a document; prints MB/s per size.
 *
 *   programme: lines wrapped at 70 columns, a blank line after every line,
 *              thousands of sections and list items;
 *   agreement: chapters of articles with headings, numbered paragraphs and
 *              lists, lines wrapped at 70 columns without blank lines, a page
 *              number and a running header every 45 lines, ten signature
 *              blocks broken over lines.
 *
 *   bench-import [--kind programme|agreement] [MB ...]        default: 1 10
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paralex/paralex.h"

/* Append `s` wrapped at about 70 columns (counted in bytes / 2 for
 * Cyrillic): with `pages` NULL a blank line after every line; else no blank
 * lines, and a page number and the running header every 45 lines (pages[0]
 * counts the lines, pages[1] the pages). */
static void wrap_into(px_buf *t, const char *s, int *pages)
{
	const char *eol = pages ? "\n" : " \n\n";
	size_t col = 0;
	const char *w = s;
	for (;;) {
		const char *e = strchr(w, ' ');
		size_t n = e ? (size_t)(e - w) : strlen(w);
		bool end = !*w;
		if (end || (col && col + n > 130)) {
			px_buf_puts(t, eol);
			col = 0;
			if (pages && ++pages[0] % 45 == 0)
				px_buf_printf(t, "- %d -\nСоглашение о сотрудничестве\n", ++pages[1]);
			if (end)
				break;
		} else if (col) {
			px_buf_put(t, " ", 1);
			col++;
		}
		px_buf_put(t, w, n);
		col += n;
		w += n;
		while (*w == ' ')
			w++;
	}
}

static void wrapped(px_buf *t, const char *s)
{
	wrap_into(t, s, NULL);
}

static void generate(px_buf *t, size_t bytes, int *nsec_out)
{
	px_buf_puts(t, "ПРОГРАММА \n\nсотрудничества уполномоченных органов в области испытаний \n\n");
	wrapped(t, "Уполномоченные органы государств-членов Шанхайской организации сотрудничества, именуемые в "
		"дальнейшем Сторонами,");
	wrapped(t, "учитывая необходимость внедрения технологий искусственного интеллекта через взаимодействие "
		"бизнеса, государства, науки и общества,");
	wrapped(t, "приняли настоящую Программу.");
	/* sections of equal size so that the whole text reaches `bytes` with at most 3999 sections */
	int nsec = (int)(bytes / 3500) + 1;
	if (nsec > 3999)
		nsec = 3999;
	size_t per = bytes / (size_t)nsec;
	for (int s = 1; s <= nsec; s++) {
		size_t start = t->size;
		char roman[32];
		static const char *const r[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };
		static const int v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
		roman[0] = '\0';
		for (int i = 0, n = s; n > 0;)
			if (n >= v[i]) {
				strcat(roman, r[i]);
				n -= v[i];
			} else {
				i++;
			}
		px_buf_printf(t, "%s. Направление сотрудничества номер %d \n\n", roman, s);
		wrapped(t, "Стороны осуществляют сотрудничество в рамках настоящей Программы на основе следующих "
			"принципов и в следующих направлениях:");
		int item = 0;
		while (t->size - start + 400 < per) {
			char line[512];
			snprintf(line, sizeof line, "- обмен опытом и лучшими практиками государств-членов ШОС в области "
				"разработок и применения искусственного интеллекта, пункт %d;", ++item);
			wrapped(t, line);
		}
		wrapped(t, "- проведение форумов, конференций, семинаров и олимпиад в области искусственного интеллекта.");
		if (s == nsec)
			wrapped(t, "Настоящая Программа подписана в городе Самарканде 16 сентября 2022 года.");
	}
	px_buf_puts(t, "За Министерство \n\nобразования и науки \n\nРеспублики Казахстан \n\n");
	px_buf_puts(t, "За Министерство науки и \n\nтехнологий Республики Индии \n\n");
	*nsec_out = nsec;
}

static void wrapped_pages(px_buf *t, const char *s, int *lines, int *page)
{
	int pages[2] = { *lines, *page };
	wrap_into(t, s, pages);
	*lines = pages[0];
	*page = pages[1];
}

static void generate_agreement(px_buf *t, size_t bytes, int *narticles)
{
	int lines = 0, page = 1;
	px_buf_puts(t, "СОГЛАШЕНИЕ\nмежду правительствами государств — членов Шанхайской организации сотрудничества\n"
		"о сотрудничестве в области испытаний\n\n");
	wrapped_pages(t, "Правительства государств — членов Шанхайской организации сотрудничества, именуемые в "
		"дальнейшем Сторонами,", &lines, &page);
	wrapped_pages(t, "стремясь к развитию взаимовыгодного сотрудничества в области испытаний,", &lines, &page);
	wrapped_pages(t, "согласились о нижеследующем:", &lines, &page);
	int art = 0, chapter = 0;
	static const char *const r[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };
	static const int v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	while (t->size < bytes) {
		if (art % 20 == 0 && chapter < 3999) {
			char roman[32] = "";
			chapter++;
			for (int i = 0, n = chapter; n > 0;)
				if (n >= v[i]) {
					strcat(roman, r[i]);
					n -= v[i];
				} else {
					i++;
				}
			px_buf_printf(t, "Глава %s\nПоложения номер %d\n", roman, chapter);
		}
		art++;
		px_buf_printf(t, "Статья %d\nПорядок сотрудничества номер %d\n", art, art);
		wrapped_pages(t, "1. Стороны осуществляют сотрудничество в рамках настоящего Соглашения на основе "
			"национального законодательства государств Сторон и в следующих формах:", &lines, &page);
		for (int i = 1; i <= 4; i++) {
			char line[256];
			snprintf(line, sizeof line, "- обмен опытом и информацией в области испытаний, форма %d%s", i,
				i < 4 ? ";" : ".");
			wrapped_pages(t, line, &lines, &page);
		}
		wrapped_pages(t, "2. Компетентные органы Сторон могут заключать договоренности о конкретных проектах "
			"сотрудничества, не противоречащие положениям настоящего Соглашения.", &lines, &page);
	}
	wrapped_pages(t, "Совершено в городе Астане 4 июля 2024 года в одном подлинном экземпляре на русском и "
		"китайском языках, причем оба текста имеют одинаковую силу.", &lines, &page);
	static const char *const states[] = { "Республики Беларусь", "Республики Индии", "Исламской Республики Иран",
		"Республики Казахстан", "Китайской Народной Республики", "Кыргызской Республики",
		"Исламской Республики Пакистан", "Российской Федерации", "Республики Таджикистан", "Республики Узбекистан" };
	for (int i = 0; i < 10; i++)
		px_buf_printf(t, "\nЗа Правительство\n%s\n", states[i]);
	*narticles = art;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double sizes[16] = { 1, 10 };
	int n = 2, first = 1;
	bool agreement = false;
	if (argc > 2 && strcmp(argv[1], "--kind") == 0) {
		if (strcmp(argv[2], "agreement") == 0)
			agreement = true;
		else if (strcmp(argv[2], "programme") != 0) {
			fprintf(stderr, "bench-import: unknown kind '%s' (programme or agreement)\n", argv[2]);
			return 2;
		}
		first = 3;
	}
	if (argc > first) {
		n = 0;
		for (int i = first; i < argc && n < 16; i++)
			sizes[n++] = atof(argv[i]);
	}
	for (int i = 0; i < n; i++) {
		px_buf t = PX_BUF_INIT;
		int nsec;
		if (agreement)
			generate_agreement(&t, (size_t)(sizes[i] * 1024 * 1024), &nsec);
		else
			generate(&t, (size_t)(sizes[i] * 1024 * 1024), &nsec);
		px_doc *doc = NULL;
		px_diags *d = NULL;
		if (px_diags_new(&d) < 0)
			return 1;
		double t0 = now();
		int rc = px_import_text(&doc, t.ptr, t.size, "bench", PX_LANG_RU, NULL, d);
		double dt = now() - t0;
		if (rc < 0) {
			const px_error *e = px_error_last();
			fprintf(stderr, "bench-import: %d: %s\n", e->line, e->message);
			return 1;
		}
		double mb = (double)t.size / (1024.0 * 1024.0);
		printf("import %6.2f MB (%d %s): %7.3f s, %6.2f MB/s (%zu findings)\n", mb, nsec,
			agreement ? "articles" : "sections", dt, mb / dt, px_diags_count(d));
		px_diags_free(d);
		px_doc_free(doc);
		px_buf_dispose(&t);
	}
	return 0;
}
