/*
 * The library context (paralex/context.h): the registry, the termbase and the
 * validator, built once and then only read. px_context_default() is the
 * context of the built-in data that a function given no context uses, built
 * on first use (pthread_once) and kept for the life of the process.
 */
#include <pthread.h>
#include <stdlib.h>

#include "core/core.h"

struct px_context {
	px_registry *reg;
	px_termbase *tb;
	px_validator *val;
};

int px_context_new(px_context **out, const px_context_options *opts)
{
	static const px_context_options defaults = PX_CONTEXT_OPTIONS_INIT;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (px_options_version("px_context_options", opts->version, 1, PX_CONTEXT_OPTIONS_VERSION) < 0)
		return PX_EUSAGE;
	px_context *c = calloc(1, sizeof *c);
	if (!c)
		return px_fail_oom();
	int rc = opts->registry_path ? px_registry_load_file(&c->reg, opts->registry_path) : px_registry_load_default(&c->reg);
	if (rc == 0)
		rc = (opts->flags & PX_CONTEXT_NO_BUILTIN_TERMS) ? px_termbase_new_empty(&c->tb) : px_termbase_new(&c->tb);
	for (size_t i = 0; rc == 0 && i < opts->ntbx; i++)
		rc = px_termbase_add_file(c->tb, opts->tbx[i]);
	if (rc == 0)
		rc = px_validator_new(&c->val, &(px_validator_options){ PX_VALIDATOR_OPTIONS_VERSION,
			(opts->flags & PX_CONTEXT_OFFICIAL_SCHEMA) ? PX_VALIDATE_OFFICIAL : PX_VALIDATE_DEFAULT,
			opts->official_xsd });
	if (rc < 0) {
		px_context_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void px_context_free(px_context *ctx)
{
	if (!ctx)
		return;
	px_registry_free(ctx->reg);
	px_termbase_free(ctx->tb);
	px_validator_free(ctx->val);
	free(ctx);
}

const px_registry *px_context_registry(const px_context *ctx)
{
	return ctx ? ctx->reg : NULL;
}

const px_termbase *px_context_termbase(const px_context *ctx)
{
	return ctx ? ctx->tb : NULL;
}

const px_validator *px_context_validator(const px_context *ctx)
{
	return ctx ? ctx->val : NULL;
}

static px_context *default_ctx;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_init(void)
{
	if (px_context_new(&default_ctx, NULL) < 0)
		default_ctx = NULL;
}

const px_context *px_context_default(void)
{
	pthread_once(&default_once, default_init);
	return default_ctx;
}
