/* Internal interface between the importer's modules. Not installed. */
#ifndef PX_IMPORT_INT_H
#define PX_IMPORT_INT_H

#include "model/model.h"
#include "resources/resources.h"

/* The subject of a title as the id of a termbase concept ("ai"), for the
 * FRBRnumber of a work imported without one; *out is NULL when the title
 * names no concept. `doc_type` ("programme") is not a subject. */
int px_import_subject(const px_registry *reg, const px_termbase *tb, px_lang lang, const char *title,
	const char *doc_type, char **out);

#endif
