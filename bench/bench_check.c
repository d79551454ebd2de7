/*
 * Parity-check throughput: the shipped Programme pair, then generated pairs
 * of the given sizes built from it (its six sections repeated and renumbered,
 * each section's content repeated four times), so that every size has the
 * same shape and only the length changes. Prints milliseconds per check
 * (documents loaded beforehand, the checker built once) and the ratio of
 * time to size against the first generated size.
 *
 *   bench-check RU.xml ZH.xml [MB ...]     default sizes: 1 10
 *
 * A size is that of the smaller (Chinese) side; the Russian side is larger.
 * With glibc, freed memory is kept for the next check rather than returned
 * to the system and faulted in again: the figures are those of the work,
 * not of the first touch of fresh pages, whose cost depends on the machine
 * (over 10 microseconds a page on some virtual machines, which would make
 * the large sizes look slower than they are). On Linux the benchmark stays
 * on the CPU it started on.
 */
#include "bench_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model.h"

#define CONTENT_COPIES 4

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static const char *abbrev(const xmlChar *name)
{
	static const char *const map[][2] = { { "p", "p" }, { "blockList", "list" }, { "item", "item" },
		{ "recitals", "recs" }, { "recital", "rec" }, { "paragraph", "para" } };
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp((const char *)name, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* Give every unit below `n` the eId its position requires (docs/profile.md). */
static void renumber(xmlNodePtr n, const char *prefix)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *ab = abbrev(c->name);
		if (!ab || !xmlHasProp(c, (const xmlChar *)"eId")) {
			renumber(c, prefix);
			continue;
		}
		int pos = 1;
		for (xmlNodePtr s = c->prev; s; s = s->prev)
			pos += s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, c->name);
		char eid[256];
		snprintf(eid, sizeof eid, "%s__%s_%d", prefix, ab, pos);
		xmlSetProp(c, (const xmlChar *)"eId", (const xmlChar *)eid);
		renumber(c, eid);
	}
}

/* A copy of `doc` whose mainBody has `nsec` sections made from the original ones. */
static px_doc *generate(const px_doc *doc, int nsec, int zh)
{
	xmlDocPtr xml = xmlCopyDoc(doc->xml, 1);
	xmlNodePtr root = xmlDocGetRootElement(xml);
	xmlNodePtr top = px_first_el(root), body = px_child(top, "mainBody");
	xmlNodePtr orig[64];
	int norig = 0;
	for (xmlNodePtr s = px_first_el(body); s && norig < 64; s = px_next_el(s))
		if (px_is(s, "section"))
			orig[norig++] = s;
	for (int i = 0; i < norig; i++)
		xmlUnlinkNode(orig[i]);
	for (int n = 1; n <= nsec; n++) {
		xmlNodePtr sec = xmlCopyNode(orig[(n - 1) % norig], 1);
		char roman[32], num[64], eid[48];
		px_roman_format(n, roman, sizeof roman);
		snprintf(eid, sizeof eid, "sec_%s", roman);
		xmlSetProp(sec, (const xmlChar *)"eId", (const xmlChar *)eid);
		if (zh) {
			px_hanzi_format(n, num, sizeof num - 4);
			strcat(num, "、");
		} else {
			snprintf(num, sizeof num, "%s.", roman);
		}
		xmlNodeSetContent(px_child(sec, "num"), (const xmlChar *)num);
		xmlNodePtr content = px_child(sec, "content");
		if (content) {
			xmlNodePtr last = content->last;
			for (int k = 1; k < CONTENT_COPIES; k++)
				for (xmlNodePtr c = content->children; c; c = c->next) {
					xmlAddChild(content, xmlCopyNode(c, 1));
					if (c == last)
						break;
				}
		}
		renumber(sec, eid);
		xmlAddChild(body, sec);
	}
	for (int i = 0; i < norig; i++)
		xmlFreeNode(orig[i]);
	/* through the loader again, so that lines and columns are known */
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(xml, &mem, &len, "UTF-8");
	xmlFreeDoc(xml);
	px_doc *out = NULL;
	if (px_doc_load_memory(&out, (const char *)mem, (size_t)len, zh ? "generated.zh.xml" : "generated.ru.xml") < 0)
		fprintf(stderr, "bench-check: %s\n", px_error_last()->message);
	xmlFree(mem);
	return out;
}

static double time_check(const px_checker *c, const px_doc *ru, const px_doc *zh, int runs, size_t *findings)
{
	double best = 1e300;
	for (int i = 0; i < runs; i++) {
		px_diags *d = NULL;
		px_diags_new(&d);
		double t0 = now();
		px_check_pair(c, ru, zh, d);
		double t = now() - t0;
		if (t < best)
			best = t;
		*findings = px_diags_count_at_least(d, PX_SEV_WARNING);
		px_diags_free(d);
	}
	return best * 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench-check RU.xml ZH.xml [MB ...]\n");
		return 2;
	}
	bench_keep_freed_memory();
	bench_pin_cpu();
	px_doc *ru = NULL, *zh = NULL;
	if (px_doc_load_file(&ru, argv[1]) < 0 || px_doc_load_file(&zh, argv[2]) < 0) {
		fprintf(stderr, "bench-check: %s\n", px_error_last()->message);
		return 2;
	}
	px_checker *c = NULL;
	double t0 = now();
	if (px_checker_new(&c, NULL) < 0) {
		fprintf(stderr, "bench-check: %s\n", px_error_last()->message);
		return 2;
	}
	printf("checker built once: %.1f ms\n", (now() - t0) * 1e3);
	size_t nf = 0;
	double t = time_check(c, ru, zh, 200, &nf);
	printf("programme pair (%zu + %zu bytes): %.3f ms per check, %zu findings\n", ru->src_len, zh->src_len, t, nf);

	static const char *const def[] = { "1", "10" };
	const char *const *sizes = argc > 3 ? (const char *const *)argv + 3 : def;
	int nsizes = argc > 3 ? argc - 3 : 2;
	double base_t = 0, base_size = 0;
	/* bytes of Chinese text per generated section, measured on 100 sections */
	px_doc *probe = generate(zh, 100, 1);
	if (!probe)
		return 2;
	double per_sec = (double)probe->src_len / 100.0;
	px_doc_free(probe);
	for (int i = 0; i < nsizes; i++) {
		double mb = atof(sizes[i]);
		int nsec = (int)(mb * 1048576.0 / per_sec) + 1;
		if (nsec > 3999)
			nsec = 3999;
		px_doc *gr = generate(ru, nsec, 0), *gz = generate(zh, nsec, 1);
		if (!gr || !gz)
			return 2;
		double size = (double)gz->src_len;
		t = time_check(c, gr, gz, 5, &nf); /* as many runs for every size: the best of each */
		printf("generated pair, %d sections (%.1f MB ru + %.1f MB zh): %.1f ms per check, %zu findings", nsec,
			(double)gr->src_len / 1048576.0, size / 1048576.0, t, nf);
		if (i == 0) {
			base_t = t;
			base_size = size;
			printf("\n");
		} else {
			printf("; %.1fx the size, %.1fx the time\n", size / base_size, t / base_t);
		}
		px_doc_free(gr);
		px_doc_free(gz);
	}
	px_checker_free(c);
	px_doc_free(ru);
	px_doc_free(zh);
	return 0;
}
