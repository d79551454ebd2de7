/* Shared by the fuzz targets: the libFuzzer entry point, the separator of
 * two-document inputs, and small helpers. Only the public API is used. */
#ifndef PARALEX_FUZZ_H
#define PARALEX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <paralex/paralex.h>

/* libFuzzer calls this once per input; replay.c calls it once per file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs of two documents (check, amend) are DOC1 SEP DOC2, split at the
 * first separator. It is its own line, and no text or document of the
 * project contains it. */
#define PXF_SEP "\n%%%%\n"
#define PXF_SEP_LEN (sizeof PXF_SEP - 1)

/* Split at the first separator: [0, *len1) and [*off2, size). 0 when there
 * is none (then the input is of no use to the target). */
static inline int pxf_split(const uint8_t *data, size_t size, size_t *len1, size_t *off2)
{
	for (size_t i = 0; i + PXF_SEP_LEN <= size; i++)
		if (data[i] == '\n' && memcmp(data + i, PXF_SEP, PXF_SEP_LEN) == 0) {
			*len1 = i;
			*off2 = i + PXF_SEP_LEN;
			return 1;
		}
	return 0;
}

/* As `paralex check` decides: XML when the first byte after a BOM and white
 * space is '<', else a plain text to import. */
static inline int pxf_is_xml(const uint8_t *p, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < n && p[i] == '<';
}

#endif
