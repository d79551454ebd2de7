/*
 * paralex: the command-line tool. Each subcommand is a thin layer over
 * libparalex; this file holds the command table and the dispatcher.
 *
 *   paralex [--version] [--help] <command> [<args>…]
 */
#include <locale.h>
#include <string.h>

#include <libxml/parser.h>

#include "common.h"

static int cmd_help(int argc, char **argv);

static const struct px_command commands[] = {
	{ "help", cmd_help, "show help for paralex or for one command",
		"usage: paralex help [<command>]\n\n"
		"Without a command, list the commands. With one, show its help\n"
		"(the same text as 'paralex <command> --help').\n" },
	{ "validate", cmd_validate, "check documents against the profile schema and rules",
		"usage: paralex validate [--format text|json] [--akn <akomantoso30.xsd>] [-q] <file>...\n\n"
		"Check each document: well-formed UTF-8 XML without DTD, the paralex profile\n"
		"schema (built in), and the rules no schema can say (eIds, section numbers,\n"
		"references, script of the text). Findings are printed as\n"
		"  FILE:LINE:COL: error[PXnnn]: message\n"
		"(rule ids in docs/rules.md).\n\n"
		"Options:\n"
		"  --format text|json   output format (default text)\n"
		"  --akn <xsd>          also validate against the official Akoma Ntoso 3.0\n"
		"                       schema at this path (akomantoso30.xsd)\n"
		"  -q, --quiet          print nothing for valid files (text format)\n"
		"  -h, --help           show this help\n\n"
		"Exit status: 0 all valid, 1 findings, 2 usage error or unreadable input.\n" },
};

const struct px_command *px_find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void general_usage(FILE *f)
{
	fprintf(f, "usage: paralex [--version] [--help] <command> [<args>...]\n\n"
		"Bilingual (Russian/Chinese) legal documents as Akoma Ntoso 3.0.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nSee 'paralex help <command>' for the options of one command.\n"
		"Exit status: 0 clean, 1 findings, 2 usage error or unreadable input.\n");
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		general_usage(stdout);
		return EXIT_CLEAN;
	}
	if (px_is_help(argv[1]))
		return px_print_help(px_find_command("help"));
	if (argc > 2)
		return px_usage_error(px_find_command("help"), "too many arguments");
	const struct px_command *c = px_find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "paralex help: unknown command '%s'\n", argv[1]);
		general_usage(stderr);
		return EXIT_USAGE;
	}
	return px_print_help(c);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	xmlInitParser();
	int rc;
	if (argc < 2) {
		general_usage(stderr);
		rc = EXIT_USAGE;
	} else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("paralex %s\n", px_version());
		rc = EXIT_CLEAN;
	} else if (px_is_help(argv[1])) {
		general_usage(stdout);
		rc = EXIT_CLEAN;
	} else {
		const struct px_command *c = px_find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "paralex: '%s' is not a paralex command\n", argv[1]);
			general_usage(stderr);
			rc = EXIT_USAGE;
		} else {
			rc = c->run(argc - 1, argv + 1);
		}
	}
	xmlCleanupParser();
	return rc;
}
