/*
 * Import throughput: a generated Russian text in the PDF layout (lines
 * wrapped at 70 columns, a blank line after every line), with thousands of
 * sections and list items, imported into a document; prints MB/s per size.
 *
 *   bench-import [MB ...]        default: 1 10
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paralex/paralex.h"

/* Append `s` wrapped at about 70 columns (counted in bytes / 2 for Cyrillic). */
static void wrapped(px_buf *t, const char *s)
{
	size_t col = 0;
	const char *w = s;
	while (*w) {
		const char *e = strchr(w, ' ');
		size_t n = e ? (size_t)(e - w) : strlen(w);
		if (col && col + n > 130) {
			px_buf_puts(t, " \n\n");
			col = 0;
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
	px_buf_puts(t, " \n\n");
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double sizes[16] = { 1, 10 };
	int n = 2;
	if (argc > 1) {
		n = 0;
		for (int i = 1; i < argc && n < 16; i++)
			sizes[n++] = atof(argv[i]);
	}
	for (int i = 0; i < n; i++) {
		px_buf t = PX_BUF_INIT;
		int nsec;
		generate(&t, (size_t)(sizes[i] * 1024 * 1024), &nsec);
		px_doc *doc = NULL;
		double t0 = now();
		int rc = px_import_text(&doc, t.ptr, t.size, "bench", PX_LANG_RU, NULL, NULL);
		double dt = now() - t0;
		if (rc < 0) {
			const px_error *e = px_error_last();
			fprintf(stderr, "bench-import: %d: %s\n", e->line, e->message);
			return 1;
		}
		double mb = (double)t.size / (1024.0 * 1024.0);
		printf("import %6.2f MB (%d sections): %7.3f s, %6.2f MB/s\n", mb, nsec, dt, mb / dt);
		px_doc_free(doc);
		px_buf_dispose(&t);
	}
	return 0;
}
